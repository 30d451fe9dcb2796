"""Chapter 2's drift statements, the 25 Rammer tables and the sector tables 8-7 to 8-12.

The Rammer tables are the budget's drift side at the level of its 25 ansvarsområder, and together
they balance (their netto results sum to zero). From the representation's lines
(:attr:`hoep.modell.budsjett.Budsjett.rammer`, printed and moved by the scenario):

- an area with a chapter: netto resultat = korrigert budsjett + the sum of its tiltak (its own
  chapter) + the area's printed difference to chapter 2 (zero but for chapters 23, 24, 25, 33 and 35,
  registered contradictions: chapter 2 is what punkt 6, 1A and the sector tables use); driftsutgifter
  = netto resultat − the other lines;
- punkt 6: each area's netto resultat, ressurskrevende brukere (Tabell 8-2), and the «korreksjon»
  = eksterne finanstransaksjoner' driftsresultat − the areas' finansresultat − C (the ~89 mill. kr 1A
  counts as frie inntekter; :func:`hoep.modell.inndata.anker_c`);
- Budsjettskjema 1A: the frie inntekter, sum bevilgning (punkt 6), the finance lines of chapter 8,
  the dispositions as sums over the Rammer tables (bundne fond: the areas' avsetninger but the
  kraftfond's småfond in kunst og kultur and samferdsel, which 1A counts with the disposisjonsfond);
- økonomisk oversikt drift: the same, with the income and cost lines by kind (printed; a tiltak is
  spread over the four cost lines by their shares, fee income moves salgs- og leieinntekter) and the
  gross-up G both sides (:func:`hoep.modell.inndata.anker_g`);
- Tabell 8-7 to 8-12: the sector's sum is its areas' netto resultat (chapter 2); the rows are
  printed, and a scenario's change of tiltak lands in «ny rammeendring».
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.modell import inndata
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.omrader import SEKTORTABELLER
from hoep.modell.tabeller import hent, tabell
from hoep.modell.tabeller.finans import T818, T821, T823
from hoep.modell.tabeller.omrader import RAMMETABELLER, demografitiltak, sum_tiltak

AR = data.PLANAR
A1, OO, P6 = "budsjettskjema_1a", "okonomisk_oversikt_drift", "bevilgningsoversikt_drift_punkt6"
BRO = {o: t for t, o in RAMMETABELLER.items()}
RAMMER = {f"ramme_{o}": o for o in inndata.rammer()}


def _m(nokkel: str, tekst: str) -> Ledd:
    return Ledd(None, nokkel, tekst=tekst)


def netto(b: Budsjett, omrade: str) -> np.ndarray:
    """The area's netto resultat after the scenario (published sign)."""
    return sum(b.rammer[omrade].values())


# The lines a scenario can move (see hoep.modell.budsjett._rammer); the others are printed inputs.
FLYTTBARE = {
    ("tekniske_tjenester", "driftsinntekter"),
    ("tekniske_tjenester", "netto_finansutgifter"),
    ("eiendomstjenester", "driftsinntekter"),
    ("eiendomstjenester", "netto_finansutgifter"),
    ("statlige_tilskudd_og_skatt", "driftsinntekter"),
    ("eksterne_finanstransaksjoner", "netto_finansutgifter"),
    ("eksterne_finanstransaksjoner", "netto_avsetninger"),
    ("interne_finanstransaksjoner", "netto_avsetninger"),
    ("interne_finanstransaksjoner", "overfort_til_investering"),
}


def _kilde(omrade: str, linje: str) -> str:
    if linje == "driftsutgifter":
        return ANKER  # a new tiltak may land in any area
    return ANKER if (omrade, linje) in FLYTTBARE else INNDATA


@tabell(*RAMMER)
def rammetabell(b: Budsjett, tabell_id: str) -> Beregnet:
    omrade = RAMMER[tabell_id]
    t = Bygger(tabell_id)
    r = b.rammer[omrade]
    bro = BRO.get(omrade)
    tekster = {
        "driftsinntekter": "Trykt; flyttet av gebyr- og husleieinntekter som dekker renter (VARFS, husleie) "
        "og av frie inntekter, eiendomsskatt og rentekompensasjon (statlige tilskudd og skatt)",
        "netto_avsetninger": "Trykt; flyttet av disponeringen av et endret resultat (interne) og av TKKs "
        "bufferfond (eksterne)",
        "netto_finansutgifter": "Trykt; flyttet av endrede renter, avdrag og renteinntekter",
        "overfort_til_investering": "Trykt; flyttet når et scenario overfører et endret resultat "
        "til investering",
    }
    for linje in ("driftsinntekter", "netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"):
        flyttbar = (omrade, linje) in FLYTTBARE
        t.rad(linje, r[linje], _kilde(omrade, linje), tekster[linje] if flyttbar else "Trykt")
    if bro:
        korrigert = inndata.plan(bro, "korrigert_budsjett")
        offset = sum(inndata.rammelinjer()[omrade].values()) - (korrigert + inndata.tiltakssum(omrade))
        verdi = korrigert + sum_tiltak(b, omrade) + offset
        anker = bool(np.any(np.abs(offset) > 0.051))
        t.rad(
            "netto_resultat",
            verdi,
            ANKER if anker else DERIVERT,
            "Netto resultat = korrigert budsjett + summen av tiltakene (områdets kapittel)"
            + (
                " + områdets trykte forskjell mellom kapittel 2 og kapitlet (registrert avvik)"
                if anker
                else ""
            ),
            [Ledd(bro, "korrigert_budsjett"), Ledd(bro, "reell_rammeendring")],
            ["rammeavvik"] if anker else [],
            blader=3,
        )
        andre = sum(r[k] for k in ("driftsinntekter", "netto_avsetninger", "netto_finansutgifter",
                                   "overfort_til_investering"))
        t.rad(
            "driftsutgifter",
            verdi - andre,
            DERIVERT,
            "Driftsutgifter = netto resultat − driftsinntekter − avsetninger − finansutgifter − overføring",
            [
                Ledd(tabell_id, "netto_resultat"),
                Ledd(tabell_id, "driftsinntekter", -1),
                Ledd(tabell_id, "finansresultat", -1),
            ],
            blader=4,
        )
        t.sum("driftsresultat", ["driftsutgifter", "driftsinntekter"])
        t.sum("finansresultat", ["netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"])
    else:
        t.rad(
            "driftsutgifter",
            r["driftsutgifter"],
            _kilde(omrade, "driftsutgifter"),
            "Trykt; flyttet av et scenarios nye tiltak i området",
        )
        t.sum("driftsresultat", ["driftsutgifter", "driftsinntekter"])
        t.sum("finansresultat", ["netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"])
        t.sum("netto_resultat", ["driftsresultat", "finansresultat"])
    if "umerket_rad" in t.trykte_rader:
        if omrade == "tilleggsbevilgninger":
            t.rad(
                "umerket_rad",
                t.verdier("netto_resultat"),
                DERIVERT,
                "Den umerkede raden er hele netto resultat: potten er ikke fordelt (kap. 9.1)",
                [Ledd(tabell_id, "netto_resultat")],
            )
        elif omrade == "statlige_tilskudd_og_skatt":
            alle = sum(netto(b, o) for o in b.rammer)
            t.rad(
                "umerket_rad",
                -alle,
                DERIVERT,
                "Den umerkede raden er minus summen av alle Rammer-tabellenes netto resultat: det som ikke "
                "er disponert (null når budsjettet er i balanse)",
                [Ledd(f"ramme_{o}", "netto_resultat", -1) for o in b.rammer],
                blader=25,
            )
        else:
            t.publisert_rad("umerket_rad", "Trykt (en kontrollrad uten tekst i dokumentet)")
    return t.ferdig()


def _ramme_rad(b: Budsjett, omrade: str, rad: str) -> np.ndarray:
    r = hent(b, f"ramme_{omrade}").rader[rad]
    return np.array([r.verdier[f"budsjett_{a}"] for a in AR])


@tabell(P6)
def punkt6(b: Budsjett) -> Beregnet:
    t = Bygger(P6)
    omrader = inndata.punkt6_omrader()
    for o in omrader:
        t.rad(
            o,
            _ramme_rad(b, o, "netto_resultat"),
            DERIVERT,
            "Områdets netto resultat (Rammer-tabellen)",
            [Ledd(f"ramme_{o}", "netto_resultat")],
        )
    t.rad(
        "ressurskrevende_brukere",
        inndata.ressurskrevende(),
        INNDATA,
        "Refusjon for ressurskrevende brukere (Tabell 8-2)",
    )
    korreksjon = (
        _ramme_rad(b, "eksterne_finanstransaksjoner", "driftsresultat")
        - sum(_ramme_rad(b, o, "finansresultat") for o in omrader)
        - inndata.anker_c()
    )
    t.rad(
        "korreksjon_bevilgningsoversikt_drift",
        korreksjon,
        ANKER,
        "Eksterne finanstransaksjoners driftsresultat − områdenes finansresultat − C "
        "(inntekter 1A regner som "
        "frie disponible inntekter, men som ligger i et område)",
        [
            Ledd("ramme_eksterne_finanstransaksjoner", "driftsresultat"),
            *(Ledd(f"ramme_{o}", "finansresultat", -1) for o in omrader),
        ],
        ["anker_c"],
        blader=3,
    )
    t.sum(
        "sum_fordelt_til_drift",
        [*omrader, "ressurskrevende_brukere", "korreksjon_bevilgningsoversikt_drift"],
        "Summen av radene",
        toleranse=2,
    )
    return t.ferdig()


def _disponering(b: Budsjett) -> dict[str, np.ndarray]:
    """1A's dispositions as sums over the Rammer tables (published sign, 2022-kroner)."""
    omrader = inndata.punkt6_omrader()
    rader = {o: _ramme_rad(b, o, "netto_avsetninger") for o in b.rammer}
    return {
        "overfort_til_investering": sum(_ramme_rad(b, o, "overfort_til_investering") for o in b.rammer),
        "bundne": sum(rader[o] for o in omrader if o not in inndata.SMAFOND),
        "disposisjonsfond": sum(rader[o] for o in (*inndata.SENTRALE[1:], *inndata.SMAFOND)),
    }


def _felles(t: Bygger, b: Budsjett, oo: bool) -> None:
    """The lines 1A and økonomisk oversikt drift share: frie inntekter, finance, result, dispositions."""
    v = b.v
    t.rad(
        "rammetilskudd",
        -v("rammetilskudd"),
        INNDATA,
        "Trykt (Tabell 8-2), med scenarioets endring av frie inntekter (prosent)",
        [_m("frie_inntekter_endring", "endring i frie inntekter (forutsetning)")],
    )
    t.rad(
        "inntekts_og_formueskatt",
        -v("skatt"),
        INNDATA,
        "Trykt (Tabell 8-2), med scenarioets endring av frie inntekter (prosent)",
        [_m("frie_inntekter_endring", "endring i frie inntekter (forutsetning)")],
    )
    t.rad(
        "eiendomsskatt",
        -v("eiendomsskatt"),
        ANKER,
        "Trykt, flyttet av scenarioets satser og bunnfradrag (hoep.modell.eiendomsskatt.proveny)",
        [_m("eiendomsskatt_promille_bolig", "eiendomsskattesatsene (forutsetninger)")],
    )
    andre = "andre_generelle_driftsinntekter" if not oo else "andre_overforinger_og_tilskudd_fra_staten"
    t.rad(
        andre,
        -v("andre_generelle_driftsinntekter"),
        ANKER,
        "Trykt (flyktningeinntekter, vertskommunetilskudd og rentekompensasjon, Tabell 8-2, og C); "
        "rentekompensasjonen følger rentene på lånene den dekker (Tabell 8-22)",
        [Ledd("tabell_8_22_finansiering_av_rentekostnader", "tilskudd_rentekompensasjon")],
    )
    t.rad(
        "renteinntekter",
        -(v("renteinntekter")),
        DERIVERT,
        "Renteinntektene i Tabell 8-18 (summen uten utbytte)",
        [Ledd(T818, "sum_finansinntekter"), Ledd(T818, "utbytte_kommunale_selskaper", -1)],
        blader=6,
    )
    t.rad(
        "utbytter",
        -v("utbytte"),
        INNDATA,
        "Utbytte fra kommunale selskaper (Tabell 8-18, kap. 37)",
        [Ledd(T818, "utbytte_kommunale_selskaper")],
    )
    t.publisert_rad("gevinster_og_tap_finansielle_omlopsmidler", "Trykt (null i planperioden)")
    t.rad(
        "renteutgifter",
        v("renteutgifter"),
        DERIVERT,
        "Sum renteutgifter i Tabell 8-21",
        [Ledd(T821, "sum_renteutgifter")],
        ["rente_residual"],
        kilde_per_ar={a: DERIVERT if a == AR[0] else ANKER for a in AR},
        blader=3,
    )
    t.rad(
        "avdrag_pa_lan",
        v("avdrag"),
        DERIVERT,
        "Sum avdrag i Tabell 8-23",
        [Ledd(T823, "sum_avdrag")],
        blader=2,
    )
    t.sum(
        "netto_finansutgifter",
        [
            "renteinntekter",
            "utbytter",
            "gevinster_og_tap_finansielle_omlopsmidler",
            "renteutgifter",
            "avdrag_pa_lan",
        ],
        "Netto finansutgifter (= Tabell 8-17)",
        toleranse=2,
    )
    disp = _disponering(b)
    t.rad(
        "overfort_til_investering",
        disp["overfort_til_investering"],
        DERIVERT,
        "Summen av Rammer-tabellenes overføring til investering",
        [Ledd(f"ramme_{o}", "overfort_til_investering") for o in b.rammer],
        blader=3,
    )
    t.rad(
        "netto_avsetninger_bundne_driftsfond",
        disp["bundne"],
        DERIVERT,
        "Summen av områdenes netto avsetninger, uten kraftfondets småfond i kunst og kultur og samferdsel",
        [
            Ledd(f"ramme_{o}", "netto_avsetninger")
            for o in inndata.punkt6_omrader()
            if o not in inndata.SMAFOND
        ],
        blader=3,
    )
    # The balancing item: what the result leaves after the transfer and the bundne fond (kommuneloven
    # § 14-4); the same as the Rammer tables' eksterne and interne finanstransaksjoner and the
    # kraftfond's småfond (kunst og kultur, samferdsel) within their rounding. With disponering
    # «udekket» it stays the plan's, and the budget shows what is not disposed.
    t.rad(
        "netto_avsetninger_disposisjonsfond",
        v("disposisjonsfond_avsetning"),
        DERIVERT,
        "Netto avsetning til disposisjonsfondet = netto driftsresultat − overføring til investering − bundne "
        "fond (det som balanserer budsjettet; i Rammer-tabellene: eksterne og interne finanstransaksjoner og "
        "kraftfondets småfond i kunst og kultur og samferdsel)",
        [
            Ledd(t.id, "netto_driftsresultat", -1),
            Ledd(t.id, "overfort_til_investering", -1),
            Ledd(t.id, "netto_avsetninger_bundne_driftsfond", -1),
        ],
        blader=4,
    )


@tabell(A1)
def budsjettskjema_1a(b: Budsjett) -> Beregnet:
    t = Bygger(A1)
    _felles(t, b, oo=False)
    t.sum(
        "sum_frie_disponible_inntekter",
        ["rammetilskudd", "inntekts_og_formueskatt", "eiendomsskatt", "andre_generelle_driftsinntekter"],
    )
    p6 = hent(b, P6).rader["sum_fordelt_til_drift"]
    t.rad(
        "sum_bevilgning_drift_netto",
        np.array([p6.verdier[f"budsjett_{a}"] for a in AR]),
        DERIVERT,
        "Sum fordelt til drift (bevilgningsoversikten drift, punkt 6)",
        [Ledd(P6, "sum_fordelt_til_drift")],
        blader=3,
    )
    t.publisert_rad("avskrivninger", "Trykt (null i planperioden)")
    t.sum("sum_netto_driftsutgifter", ["sum_bevilgning_drift_netto", "avskrivninger"])
    t.sum("brutto_driftsresultat", ["sum_frie_disponible_inntekter", "sum_netto_driftsutgifter"])
    t.publisert_rad("motpost_avskrivninger", "Trykt (null i planperioden)")
    t.sum(
        "netto_driftsresultat",
        ["brutto_driftsresultat", "netto_finansutgifter", "motpost_avskrivninger"],
        "Netto driftsresultat = brutto driftsresultat + netto finansutgifter + motpost avskrivninger",
        toleranse=2,
    )
    t.publisert_rad("bruk_tidligere_ars_mindreforbruk", "Trykt (null i planperioden)")
    t.sum(
        "sum_disponering",
        [
            "overfort_til_investering",
            "netto_avsetninger_bundne_driftsfond",
            "netto_avsetninger_disposisjonsfond",
            "bruk_tidligere_ars_mindreforbruk",
        ],
        toleranse=2,
    )
    t.sum(
        "fremfort_til_inndekning",
        ["netto_driftsresultat", "sum_disponering"],
        "Fremført til inndekning = netto driftsresultat + sum disponering (null når budsjettet er i balanse, "
        "kommuneloven § 14-4)",
        toleranse=2,
    )
    return t.ferdig()


# The cost lines of økonomisk oversikt drift; the last one balances the sum (see the builder).
KOSTNADSARTER = (
    "lonnsutgifter",
    "sosiale_utgifter",
    "overforinger_og_tilskudd_til_andre",
    "kjop_av_varer_og_tjenester",
)


@tabell(OO)
def okonomisk_oversikt(b: Budsjett) -> Beregnet:
    t = Bygger(OO)
    _felles(t, b, oo=True)
    trykt = {r: inndata.plan(OO, r) for r in t.trykte_rader}
    grunn = inndata.rammelinjer()
    g = inndata.anker_g()
    utgifter = sum(b.rammer[o]["driftsutgifter"] for o in b.rammer)
    inntekter = sum(b.rammer[o]["driftsinntekter"] for o in b.rammer)
    endring_utg = utgifter - sum(grunn[o]["driftsutgifter"] for o in b.rammer)
    gebyrer = sum(
        b.rammer[o]["driftsinntekter"] - grunn[o]["driftsinntekter"]
        for o in ("tekniske_tjenester", "eiendomstjenester")
    )
    rammer = [Ledd(f"ramme_{o}", "driftsinntekter") for o in b.rammer]
    t.publisert_rad("andre_skatteinntekter", "Trykt (null)")
    t.publisert_rad("brukerbetalinger", "Trykt")
    t.rad(
        "salgs_og_leieinntekter",
        trykt["salgs_og_leieinntekter"] + gebyrer,
        ANKER,
        "Trykt; flyttet av gebyrer og husleie som dekker renter på lån (VARFS, husleie)",
        [
            Ledd("ramme_tekniske_tjenester", "driftsinntekter"),
            Ledd("ramme_eiendomstjenester", "driftsinntekter"),
        ],
    )
    t.rad(
        "sum_driftsinntekter",
        inntekter - g,
        ANKER,
        "Rammer-tabellenes driftsinntekter − G (oversiktens bruttoføring på begge sider, nesten lik "
        "hvert år; ingen trykt forklaring)",
        [*rammer, _m("anker_g", "G")],
        ["anker_g"],
        blader=4,
    )
    andre_innt = [
        "rammetilskudd",
        "inntekts_og_formueskatt",
        "eiendomsskatt",
        "andre_skatteinntekter",
        "andre_overforinger_og_tilskudd_fra_staten",
        "brukerbetalinger",
        "salgs_og_leieinntekter",
    ]
    t.rad(
        "overforinger_og_tilskudd_fra_andre",
        t.verdier("sum_driftsinntekter") - sum(t.verdier(r) for r in andre_innt),
        ANKER,
        "Sum driftsinntekter minus de andre inntektslinjene (balanseposten; trykt linje "
        "+ ressurskrevende brukere)",
        [Ledd(OO, "sum_driftsinntekter"), *(Ledd(OO, r, -1) for r in andre_innt)],
        ["anker_g"],
        blader=6,
    )
    t.rad(
        "sum_driftsutgifter",
        utgifter + g,
        ANKER,
        "Rammer-tabellenes driftsutgifter + G (oversiktens bruttoføring)",
        [*(Ledd(f"ramme_{o}", "driftsutgifter") for o in b.rammer), _m("anker_g", "G")],
        ["anker_g"],
        blader=4,
    )
    andel = np.array([trykt[k] for k in KOSTNADSARTER]) / sum(trykt[k] for k in KOSTNADSARTER)
    for i, k in enumerate(KOSTNADSARTER[:-1]):
        t.rad(
            k,
            trykt[k] + andel[i] * endring_utg,
            ANKER,
            "Trykt; en endring i områdenes driftsutgifter (tiltak) fordeles på kostnadsartene etter planens "
            "sammensetning (vår regel: dokumentet fordeler ikke tiltakene på arter)",
            [Ledd(f"ramme_{o}", "driftsutgifter") for o in b.rammer],
        )
    t.publisert_rad("avskrivninger", "Trykt (null i planperioden)")
    t.rad(
        KOSTNADSARTER[-1],
        t.verdier("sum_driftsutgifter") - sum(t.verdier(k) for k in KOSTNADSARTER[:-1]),
        ANKER,
        "Sum driftsutgifter minus de andre kostnadsartene (balanseposten)",
        [Ledd(OO, "sum_driftsutgifter"), *(Ledd(OO, k, -1) for k in KOSTNADSARTER[:-1])],
        ["anker_g"],
        blader=6,
    )
    t.sum("brutto_driftsresultat", ["sum_driftsinntekter", "sum_driftsutgifter"], toleranse=2)
    t.rad("motpost_avskrivninger", np.full(len(AR), np.nan), INNDATA, "Blank i planperioden")
    t.rad(
        "netto_driftsresultat",
        t.verdier("brutto_driftsresultat") + t.verdier("netto_finansutgifter"),
        DERIVERT,
        "Netto driftsresultat = brutto driftsresultat + netto finansutgifter",
        [Ledd(OO, "brutto_driftsresultat"), Ledd(OO, "netto_finansutgifter")],
        toleranse=2,
    )
    t.publisert_rad("dekning_tidligere_ars_merforbruk", "Trykt (null i planperioden)")
    t.sum(
        "sum_disponering",
        [
            "overfort_til_investering",
            "netto_avsetninger_bundne_driftsfond",
            "netto_avsetninger_disposisjonsfond",
            "dekning_tidligere_ars_merforbruk",
        ],
        toleranse=2,
    )
    t.sum(
        "fremfort_til_inndekning",
        ["netto_driftsresultat", "sum_disponering"],
        "Fremført til inndekning = netto driftsresultat + sum disponering",
        toleranse=2,
    )
    return t.ferdig()


SEKTORER = {t: s for s, t in SEKTORTABELLER.items()}


@tabell(*SEKTORER)
def sektortabell(b: Budsjett, tabell_id: str) -> Beregnet:
    sektor = SEKTORER[tabell_id]
    t = Bygger(tabell_id)
    om = data.omrader()
    omrader = [o for o in om[om["sektor"] == sektor]["omrade"] if o in b.rammer]
    endring = sum(sum_tiltak(b, o) - inndata.tiltakssum(o) for o in omrader)
    # A scaled demografitiltak is the area's befolkningsvekst: it moves «demografi», the rest of the
    # change «ny rammeendring».
    demo = {o: demografitiltak(o) for o in omrader}
    demografi = sum((b.tiltak.loc[d, list(AR)].to_numpy(dtype=float) - data.tiltaksliste().loc[d, list(AR)]
                     .to_numpy(dtype=float) for d in demo.values() if d), np.zeros(len(AR)))
    for rad in t.trykte_rader:
        if rad == "sum":
            continue
        trykt = inndata.plan(tabell_id, rad)
        if rad == "ny_rammeendring":
            t.rad(rad, trykt + endring - demografi, ANKER,
                  "Trykt; et scenarios endrede tiltak i sektorens områder kommer her (unntatt "
                  "demografitiltakene)",
                  [Ledd(BRO[o], "reell_rammeendring") for o in omrader if o in BRO])
        elif rad == "demografi":
            t.rad(rad, trykt + demografi, ANKER,
                  "Trykt; flyttet når et scenario endrer et områdes demografitiltak (befolkningsvekst)",
                  [Ledd(BRO[o], "befolkningsvekst") for o in omrader if demo[o] and o in BRO])
        else:
            t.rad(rad, trykt, INNDATA, "Trykt")
    t.rad(
        "sum",
        sum(_ramme_rad(b, o, "netto_resultat") for o in omrader),
        DERIVERT,
        "Summen av sektorens områders netto resultat (Rammer-tabellene i kapittel 2)",
        [Ledd(f"ramme_{o}", "netto_resultat") for o in omrader],
        blader=2 * len(omrader) - 1,
    )
    return t.ferdig()
