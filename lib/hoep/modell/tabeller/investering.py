"""Investments and their financing: every area's tables, and the totals of chapters 2, 3 and 8.

The representation holds every project's profile per year after the scenario (løpende priser) and
the change of financing by source. The area tables are rules over it:

- investment table: each project as the scenario leaves it (postponed, cut, scaled; new projects
  as rows ``ny1`` …), ``sluttsum`` = their sum; kostnadsoverslag, benyttet and rest as printed;
- financing table: each source as printed plus the scenario's changed projects in the table's
  group times the group's shares (:func:`hoep.modell.endringer.finansieringsandeler`); ``sluttsum``
  = the sum of the sources.
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.data import mellomlager
from hoep.modell import endringer, inndata
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.tabeller import hent, tabell

AR = data.PLANAR


def _tabeller(familie: str) -> list[str]:
    kat = data.katalog()
    return kat[(kat["familie"] == familie) & kat["omrade"].notna()]["id"].tolist()


INVESTERINGSTABELLER = _tabeller("investering")
FINANSIERINGSTABELLER = _tabeller("finansiering")
_TABELL_FOR_GRUPPE = {
    data.prosjektliste().query("tabell == @t")["gruppe"].iloc[0]: t for t in INVESTERINGSTABELLER
}
_GRUPPE_FOR_FINANSIERING = {data.finansieringstabell(t): g for g, t in _TABELL_FOR_GRUPPE.items()}


def endring_i_gruppe(b: Budsjett, gruppe: str) -> np.ndarray:
    """The scenario's change of the group's investments per year (løpende)."""
    tabell_id = _TABELL_FOR_GRUPPE[gruppe]
    return sum((v for _, _, v in b.prosjekter_i(tabell_id)), np.zeros(len(AR))) - _trykt_sum(tabell_id)


@mellomlager.per_datamappe
def _trykt_sum(tabell_id: str) -> np.ndarray:
    pl = data.prosjektliste()
    return pl[pl["tabell"] == tabell_id][list(AR)].to_numpy(dtype=float).sum(axis=0)


@tabell(*INVESTERINGSTABELLER)
def investeringstabell(b: Budsjett, tabell_id: str) -> Beregnet:
    t = Bygger(tabell_id)
    e = b.scenario.budsjett
    rader = []
    for pid, navn, verdier in b.prosjekter_i(tabell_id):
        rad_id = pid.split("/", 1)[1]
        rader.append(rad_id)
        if rad_id in t.mal.tall:
            endret = (
                f"utsatt {e.utsett[pid]} år i scenarioet (beløpene beholder sin realverdi)"
                if pid in e.utsett
                else "tatt ut i scenarioet"
                if pid in e.kutt
                else f"skalert med {e.skaler_prosjekter[pid]:g} i scenarioet"
                if pid in e.skaler_prosjekter
                else ""
            )
            t.rad(rad_id, verdier, INNDATA, "Prosjektets beløp (trykt)" + (f", {endret}" if endret else ""))
        else:
            t.ny_rad(rad_id, navn, verdier, "Nytt prosjekt i scenarioet", "sluttsum")
    t.sum("sluttsum", rader, "Summen av prosjektene", toleranse=1)
    return t.ferdig()


@tabell(*FINANSIERINGSTABELLER)
def finansieringstabell(b: Budsjett, tabell_id: str) -> Beregnet:
    t = Bygger(tabell_id)
    gruppe = _GRUPPE_FOR_FINANSIERING.get(tabell_id)
    endring = endring_i_gruppe(b, gruppe) if gruppe else np.zeros(len(AR))
    egne = {
        f"{n.gruppe}/ny{nr}": n
        for nr, n in enumerate(b.scenario.budsjett.nye_prosjekter, start=1)
        if n.gruppe == gruppe and n.finansiering
    }
    andeler = endringer.finansieringsandeler(gruppe) if gruppe else {}
    kilder = [r for r in t.trykte_rader if r != "sluttsum"]
    investeringstabell_id = next(
        (i for i in INVESTERINGSTABELLER if data.finansieringstabell(i) == tabell_id), None
    )
    for kilde in kilder:
        trykt = np.array([t.trykt(kilde, t.plan[a]) for a in AR], dtype=float)
        delta = endring * andeler.get(kilde, 0.0)
        for n in egne.values():  # a new project with its own shares instead of the group's
            belop = np.array([n.belop.get(a, 0.0) for a in AR])
            delta += belop * (n.finansiering.get(kilde, 0.0) - andeler.get(kilde, 0.0))
        t.rad(
            kilde,
            trykt + delta,
            ANKER,
            "Trykt finansiering, pluss scenarioets endrede prosjekter i gruppen ganger gruppens andel av "
            "denne kilden over 2022-2025",
            [Ledd(investeringstabell_id, "sluttsum", tekst="endringen i prosjektene")]
            if investeringstabell_id
            else [],
        )
    t.sum("sluttsum", kilder, "Summen av finansieringskildene", toleranse=1)
    return t.ferdig()


# --- the totals: punkt 1, Tabell 8-13, 8-14, chapter 3, the bevilgningsoversikt (kap. 2) -----------

P1 = "bevilgningsoversikt_investering_punkt1"
P3 = "bevilgningsoversikt_investering_punkt3"
T813 = "tabell_8_13_investeringer"
T814 = "tabell_8_14_investeringer_og_finansiering"
K3 = "investeringer_og_finansiering_2022_2025"
BI = "bevilgningsoversikt_investering"
T816 = "tabell_8_16_laneopptak"
KLIMA = "klimainvesteringer"
KATEGORIER = [r for r in data.tabell(P1, kopi=False).index if r not in (KLIMA, "sum_investeringer")]
OMRADEKILDER = ("eksternfinansierte_lan", "mva_kompensasjon", "refusjoner", "salgsinntekt", "tilskudd")
KILDER_8_14 = (
    "bykassefinansierte_lan",
    *OMRADEKILDER,
    "egenkapital_fra_disposisjonsfondet",
    "realavkastning_fra_kraftfondet",
)
RAMME = {
    o: f"ramme_{o}"
    for o in ("diverse_sentrale_bevilgninger", "eksterne_finanstransaksjoner", "interne_finanstransaksjoner")
}


def kategorisummer(b: Budsjett) -> dict[str, np.ndarray]:
    """The scenario's projects summed by punkt 1 category (løpende); every project is in exactly one
    (:data:`hoep.modell.inndata.KATEGORIER`, with the exceptions :data:`~hoep.modell.inndata.UNNTAK`)."""
    ut = {k: np.zeros(len(AR)) for k in KATEGORIER}
    for tabell_id in INVESTERINGSTABELLER:
        for pid, _, verdier in b.prosjekter_i(tabell_id):
            ut[inndata.kategori(pid, tabell_id)] += verdier
    return ut


@mellomlager.per_datamappe
def _kategoriledd(kategori: str) -> tuple[Ledd, ...]:
    tabeller = [t for t, k in inndata.KATEGORIER.items() if k == kategori]
    ledd = [
        Ledd(t, "sluttsum")
        for t in tabeller
        if not any(p.startswith(_gruppe(t) + "/") for p in inndata.UNNTAK)
    ]
    ledd += [
        Ledd(t, "p…", tekst=f"prosjektene i {t} som hører til kategorien")
        for t in tabeller
        if any(p.startswith(_gruppe(t) + "/") for p in inndata.UNNTAK)
    ]
    ledd += [
        Ledd(next(t for t in INVESTERINGSTABELLER if _gruppe(t) == p.split("/")[0]), p.split("/")[1])
        for p, k in inndata.UNNTAK.items()
        if k == kategori
    ]
    return tuple(ledd)


@mellomlager.per_datamappe
def _gruppe(tabell_id: str) -> str:
    return data.prosjektliste().query("tabell == @tabell_id")["gruppe"].iloc[0]


def _ramme(b: Budsjett, omrade: str, linje: str = "overfort_til_investering") -> np.ndarray:
    """A Rammer line after the scenario (2022-kroner, published sign)."""
    return b.rammer[omrade][linje].copy()


@tabell(P1)
def punkt1(b: Budsjett) -> Beregnet:
    t = Bygger(P1)
    summer = kategorisummer(b)
    for k in KATEGORIER:
        t.rad(
            k,
            summer[k],
            DERIVERT,
            "Summen av prosjektene i kategorien etter scenarioet (områdenes investeringstabeller; "
            "helse og velferd og bolig deler fire tabeller prosjekt for prosjekt, kildelinje 5354-5356)",
            _kategoriledd(k),
        )
    t.rad(
        KLIMA,
        inndata.klimainvesteringer(),
        INNDATA,
        "Klimainvesteringene i Tabell 7-6 (potten og merkostnader for utslippsfrie anleggsplasser); "
        "ingen områdetabell har dem",
        [Ledd(inndata.KLIMA, r) for r in inndata.KLIMARADER],
    )
    t.sum("sum_investeringer", [*KATEGORIER, KLIMA], "Summen av kategoriene", toleranse=1)
    return t.ferdig()


def _kopi(t: Bygger, kilde: Beregnet, rader: list[str], regel: str) -> None:
    for r in rader:
        t.rad(
            r,
            [kilde.rader[r].verdier[f"budsjett_{a}"] for a in AR],
            DERIVERT,
            regel,
            [Ledd(kilde.id, r)],
            toleranse=kilde.rader[r].toleranse,
        )


@tabell(T813)
def tabell_8_13(b: Budsjett) -> Beregnet:
    t = Bygger(T813)
    _kopi(t, hent(b, P1), [*KATEGORIER, KLIMA, "sum_investeringer"], "Som i bevilgningsoversikten, punkt 1")
    return t.ferdig()


@tabell(T814)
def tabell_8_14(b: Budsjett) -> Beregnet:
    t = Bygger(T814)
    f = b.faktor
    t.rad(
        "investering",
        _plan(hent(b, P1), "sum_investeringer"),
        DERIVERT,
        "Sum investeringer i bevilgningsoversikten, punkt 1",
        [Ledd(P1, "sum_investeringer")],
    )
    for kilde in OMRADEKILDER:
        verdi = sum(_plan(hent(b, ft), kilde) for ft in FINANSIERINGSTABELLER)
        t.rad(
            kilde,
            verdi,
            DERIVERT,
            "Summen av kilden i områdenes finansieringstabeller etter scenarioet",
            [Ledd(ft, kilde) for ft in FINANSIERINGSTABELLER],
            toleranse=1,
        )
    interne = RAMME["interne_finanstransaksjoner"]
    t.rad(
        "egenkapital_fra_disposisjonsfondet",
        _ramme(b, "interne_finanstransaksjoner") * f,
        DERIVERT,
        "Overført til investering fra interne finanstransaksjoner (2022-kroner) × prisfaktoren: "
        "områdenes egenkapital og lånet til Helseplattformen (Tabell 8-4), og det et scenario overfører "
        "av driftsresultatet",
        [Ledd(interne, "overfort_til_investering", tekst="× prisfaktoren")],
        blader=2,
    )
    eksterne = RAMME["eksterne_finanstransaksjoner"]
    t.rad(
        "realavkastning_fra_kraftfondet",
        b.v("tkk_realavkastning_til_investering"),
        DERIVERT,
        "Kraftfondets realavkastning til investeringer: overført til investering fra eksterne "
        "finanstransaksjoner (2022-kroner) × prisfaktoren (kap. 8.10)",
        [Ledd(eksterne, "overfort_til_investering", tekst="× prisfaktoren")],
        blader=2,
    )
    andre = [k for k in KILDER_8_14 if k != "bykassefinansierte_lan"]
    t.rad(
        "bykassefinansierte_lan",
        t.verdier("investering") - sum(t.verdier(k) for k in andre),
        DERIVERT,
        "Det investeringene ikke har annen finansiering for (lånebehovet): "
        "investering minus de andre kildene",
        [Ledd(T814, "investering"), *(Ledd(T814, k, -1) for k in andre)],
        toleranse=1,
    )
    t.sum("sum_finansiering", list(KILDER_8_14), "Summen av kildene", toleranse=1)
    return t.ferdig()


def _plan(t: Beregnet, rad: str) -> np.ndarray:
    return np.array([t.rader[rad].verdier[f"budsjett_{a}"] for a in AR])


@tabell(K3)
def kapittel_3(b: Budsjett) -> Beregnet:
    t = Bygger(K3)
    _kopi(t, hent(b, T813), [*KATEGORIER, KLIMA, "sum_investeringer"], "Som i Tabell 8-13")
    _kopi(t, hent(b, T814), [*KILDER_8_14, "sum_finansiering"], "Som i Tabell 8-14")
    return t.ferdig()


@tabell(P3)
def punkt3(b: Budsjett) -> Beregnet:
    t = Bygger(P3)
    diverse = "diverse_sentrale_bevilgninger"
    t.publisert_rad("egenkapitalinnskudd_klp", "Trykt (om lag 4 mill. kr i året, kildelinje 6173)")
    t.rad(
        "egenkapitalinnskudd_tkp",
        _ramme(b, diverse) - t.verdier("egenkapitalinnskudd_klp"),
        DERIVERT,
        "Egenkapitaltilskuddet TKP/KLP (Tabell 9-2, overført til investering fra diverse sentrale "
        "bevilgninger) minus KLP; beløpet brukes uten prisomregning (registrert avvik om prisbasis)",
        [Ledd(RAMME[diverse], "overfort_til_investering"), Ledd(P3, "egenkapitalinnskudd_klp", -1)],
    )
    for r in ("kjop_av_aksjer_diverse", "kjop_av_aksjer_trondheim_parkering"):
        t.publisert_rad(r, "Trykt (null i planperioden)")
    t.sum(
        "sum_investering_i_aksjer_og_andeler",
        [
            "egenkapitalinnskudd_tkp",
            "egenkapitalinnskudd_klp",
            "kjop_av_aksjer_diverse",
            "kjop_av_aksjer_trondheim_parkering",
        ],
        "Summen av radene",
        toleranse=1,
    )
    return t.ferdig()


@tabell(BI)
def bevilgningsoversikt_investering(b: Budsjett) -> Beregnet:
    """The investment statement of budsjett- og regnskapsforskriften § 5-5 (items 1-25), built from the
    totals above; published sign (expenditure +, income −)."""
    t = Bygger(BI)
    f = b.faktor

    def fra(tabell_id: str, rader: dict[str, float], punkt: str, regel: str) -> None:
        kilde = hent(b, tabell_id)
        t.rad(
            punkt,
            sum(fortegn * _plan(kilde, r) for r, fortegn in rader.items()),
            DERIVERT,
            regel,
            [Ledd(tabell_id, r, fortegn) for r, fortegn in rader.items()],
            toleranse=1,
        )

    fra(P1, {"sum_investeringer": 1}, "investeringer_i_varige_driftsmidler", "Sum investeringer, punkt 1")
    t.publisert_rad("tilskudd_til_andres_investeringer", "Trykt (null i planperioden)")
    fra(P3, {"sum_investering_i_aksjer_og_andeler": 1}, "investeringer_i_aksjer_og_andeler", "Sum, punkt 3")
    t.publisert_rad("utlan_av_egne_midler", "Blank i planperioden")
    t.publisert_rad("avdrag_lan", "Blank i planperioden")
    t.sum(
        "sum_investeringsutgifter",
        [
            "investeringer_i_varige_driftsmidler",
            "tilskudd_til_andres_investeringer",
            "investeringer_i_aksjer_og_andeler",
        ],
        "Summen av post 1-5",
        toleranse=1,
    )
    fra(
        T814, {"mva_kompensasjon": -1}, "kompensasjon_for_merverdiavgift", "Mva.-kompensasjonen i Tabell 8-14"
    )
    fra(
        T814, {"refusjoner": -1, "tilskudd": -1}, "tilskudd_fra_andre", "Refusjoner og tilskudd i Tabell 8-14"
    )
    fra(T814, {"salgsinntekt": -1}, "salg_av_varige_driftsmidler", "Salgsinntektene i Tabell 8-14")
    for r in ("salg_av_finansielle_anleggsmidler", "utdeling_fra_selskaper"):
        t.publisert_rad(r, "Trykt (null i planperioden)")
    t.publisert_rad("mottatt_avdrag_pa_utlan_egne_midler", "Blank i planperioden")
    fra(
        T814,
        {"bykassefinansierte_lan": -1, "eksternfinansierte_lan": -1},
        "bruk_av_lan",
        "Bykassefinansierte og eksternfinansierte lån i Tabell 8-14 (låneopptaket, Tabell 8-15)",
    )
    t.sum(
        "sum_investeringsinntekter",
        [
            "kompensasjon_for_merverdiavgift",
            "tilskudd_fra_andre",
            "salg_av_varige_driftsmidler",
            "salg_av_finansielle_anleggsmidler",
            "utdeling_fra_selskaper",
            "bruk_av_lan",
        ],
        "Summen av post 7-13",
        toleranse=1,
    )
    fra(T816, {"startlan": 1}, "videreutlan", "Startlån til videre utlån (Tabell 8-16)")
    t.rad(
        "bruk_av_lan_til_videreutlan",
        -t.verdier("videreutlan"),
        DERIVERT,
        "Videreutlånet finansieres med lån",
        [Ledd(BI, "videreutlan", -1)],
    )
    t.publisert_rad(
        "avdrag_pa_lan_til_videreutlan", "Trykt (planens avdrag på startlånene; ingen trykt kilde)"
    )
    t.rad(
        "mottatte_avdrag_pa_videreutlan",
        -t.verdier("avdrag_pa_lan_til_videreutlan"),
        DERIVERT,
        "Mottatte avdrag betaler avdragene på lånene til videre utlån",
        [Ledd(BI, "avdrag_pa_lan_til_videreutlan", -1)],
    )
    t.sum(
        "netto_utgifter_videreutlan",
        [
            "videreutlan",
            "bruk_av_lan_til_videreutlan",
            "avdrag_pa_lan_til_videreutlan",
            "mottatte_avdrag_pa_videreutlan",
        ],
        "Summen av post 15-18",
        toleranse=1,
    )
    # The transfer from drift: the Rammer tables' transfers, the kraftfond's and the disposisjonsfond's
    # converted to løpende kroner (as in Tabell 8-14), the egenkapitaltilskudd TKP/KLP not.
    t.rad(
        "overforing_fra_drift",
        -(
            _ramme(b, "diverse_sentrale_bevilgninger")
            + (_ramme(b, "eksterne_finanstransaksjoner") + _ramme(b, "interne_finanstransaksjoner")) * f
        ),
        DERIVERT,
        "Rammer-tabellenes overføring til investering: diverse sentrale bevilgninger (egenkapitaltilskuddet, "
        "uten prisomregning) og eksterne og interne finanstransaksjoner × prisfaktoren",
        [Ledd(RAMME[o], "overfort_til_investering", -1) for o in RAMME],
        blader=3,
    )
    for r in ("netto_avsetninger_bundne_investeringsfond", "netto_avsetninger_ubundet_investeringsfond"):
        t.publisert_rad(r, "Trykt (planens avsetning og bruk, 100 mill. kr hver vei; ingen trykt forklaring)")
    t.publisert_rad("dekning_tidligere_ars_udekket_belop", "Trykt (null i planperioden)")
    t.sum(
        "sum_overforing_fra_drift_og_avsetninger",
        [
            "overforing_fra_drift",
            "netto_avsetninger_bundne_investeringsfond",
            "netto_avsetninger_ubundet_investeringsfond",
            "dekning_tidligere_ars_udekket_belop",
        ],
        "Summen av post 20-23",
        toleranse=1,
    )
    t.sum(
        "fremfort_til_inndekking_udekket",
        [
            "sum_investeringsutgifter",
            "sum_investeringsinntekter",
            "netto_utgifter_videreutlan",
            "sum_overforing_fra_drift_og_avsetninger",
        ],
        "Post 6 + 14 + 19 + 24: null når investeringsbudsjettet er i balanse (budsjett- og "
        "regnskapsforskriften § 5-5)",
        toleranse=1,
    )
    return t.ferdig()
