"""Chapter 2's drift statements: bevilgningsoversikt drift punkt 6, Budsjettskjema 1A, økonomisk oversikt.

From the Rammer tables (:mod:`hoep.modell.tabeller.rammer`) and the plan:

- punkt 6: each area's netto resultat, ressurskrevende brukere (Tabell 8-2), and the «korreksjon»
  = eksterne finanstransaksjoner' driftsresultat − the areas' finansresultat − C (the ~89 mill. kr 1A
  counts as frie inntekter; :func:`hoep.modell.inndata.anker_c`);
- Budsjettskjema 1A: the frie inntekter, sum bevilgning (punkt 6), the finance lines of chapter 8,
  the dispositions as sums over the Rammer tables (bundne fond: the areas' avsetninger but the
  kraftfond's småfond in kunst og kultur and samferdsel, which 1A counts with the disposisjonsfond);
- økonomisk oversikt drift: the same, with the income and cost lines by kind (printed; a tiltak is
  spread over the four cost lines by their shares, fee income moves salgs- og leieinntekter) and the
  gross-up G both sides (:func:`hoep.modell.inndata.anker_g`).
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.modell import inndata
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.tabeller import hent, tabell
from hoep.modell.tabeller.finans import T818, T821, T823
from hoep.modell.tabeller.rammer import ramme_rad

AR = data.PLANAR
A1, OO, P6 = "budsjettskjema_1a", "okonomisk_oversikt_drift", "bevilgningsoversikt_drift_punkt6"


def _m(nokkel: str, tekst: str) -> Ledd:
    return Ledd(None, nokkel, tekst=tekst)


@tabell(P6)
def punkt6(b: Budsjett) -> Beregnet:
    t = Bygger(P6)
    omrader = inndata.punkt6_omrader()
    for o in omrader:
        t.rad(
            o,
            ramme_rad(b, o, "netto_resultat"),
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
        ramme_rad(b, "eksterne_finanstransaksjoner", "driftsresultat")
        - sum(ramme_rad(b, o, "finansresultat") for o in omrader)
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
    rader = {o: ramme_rad(b, o, "netto_avsetninger") for o in b.rammer}
    return {
        "overfort_til_investering": sum(ramme_rad(b, o, "overfort_til_investering") for o in b.rammer),
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


