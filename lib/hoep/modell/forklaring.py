"""Explain a number: how the engine computes one cell, and what a scenario changed on the way.

:func:`forklar` returns, for a cell of a computed table, its value and source (``inndata``,
``derivert``, ``anker``), the rule, the terms it is computed from (each with its table, row, value
in the same year and the table's source lines in the document), the anchors involved, the printed
value and any registered contradiction of the cell; with a scenario also the base scenario's value
and every term, followed down the chain of computed tables, whose value the scenario changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from hoep import data
from hoep.data import radlinjer
from hoep.feil import DataFeil
from hoep.modell import gjenskaping, motor
from hoep.modell.ankere import ankere
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import Beregnet, Ledd, plankolonne
from hoep.parametre import basis

ANKERE = {
    "rente_residual": "Renter på investeringslån: forskjellen mellom trykt rente og snittgjeld × snittrente, "
    "holdt fast per år (låneporteføljen bak tallene er ikke trykt)",
}
DYBDE = 6


@dataclass
class Ledd_forklart:
    beskrivelse: str
    tabell: str | None
    rad: str
    verdi: float
    fortegn: float
    kilde: str | None
    kildelinjer: tuple[int, int] | None
    grunnverdi: float | None = None


@dataclass
class Forklaring:
    tabell: str
    tabelltekst: str
    rad: str
    radtekst: str
    ar: int
    kolonne: str
    verdi: float
    enhet: str
    prisbasis: str
    kilde: str
    regel: str
    ledd: list[Ledd_forklart]
    ankere: list[tuple[str, str, float]]
    trykt: float
    scenario: str
    grunnverdi: float | None = None
    endringer: list[str] = field(default_factory=list)
    endret_underveis: list[tuple[str, float, float]] = field(default_factory=list)
    avvik: list[dict] = field(default_factory=list)


def _kolonne(t: Beregnet | str, ar: int) -> str:
    kolonner = t.kolonner if isinstance(t, Beregnet) else data.info(t).tallkolonner
    for k in kolonner:
        if plankolonne(k) == ar:
            return k
    raise DataFeil(f"Tabell «{t.id if isinstance(t, Beregnet) else t}» har ingen kolonne for {ar}.")


def _tabelltekst(tabell_id: str) -> str:
    i = data.info(tabell_id)
    return f"{i.trykt_nummer} {i.tittel}" if i.trykt_nummer else i.tittel


class _Verdier:
    """Values of terms for one budget, with computed tables cached."""

    def __init__(self, b: Budsjett):
        self.b = b
        self.tabeller: dict[str, Beregnet] = {}

    def tabell(self, tabell_id: str) -> Beregnet:
        if tabell_id not in self.tabeller:
            self.tabeller[tabell_id] = motor.tabell(self.b, tabell_id)
        return self.tabeller[tabell_id]

    def verdi(self, ledd: Ledd, ar: int) -> tuple[float, str | None]:
        j = data.PLANAR.index(ar)
        if ledd.tabell is None:
            return float(self.b.v(ledd.rad)[j]), None
        if motor.beregnes(ledd.tabell):
            t = self.tabell(ledd.tabell)
            kol = ledd.kolonne or _kolonne(t, ar)
            return t.verdi(ledd.rad, kol), t.kilde(ledd.rad, kol)
        kol = ledd.kolonne or _kolonne(ledd.tabell, ar)
        return float(data.tabell(ledd.tabell).at[ledd.rad, kol]), "inndata"


def linjer(tabell_id: str, rad: str) -> tuple[int, int]:
    """The row's own source line, else the table's line range."""
    linje = radlinjer.kildelinje(tabell_id, rad)
    return (linje, linje) if linje else tuple(data.info(tabell_id).kildelinjer)


def forklar(scen, tabell_id: str, rad: str, ar: int) -> Forklaring:
    """Explain cell (``tabell_id``, ``rad``, ``ar``) for scenario ``scen`` (see the module docstring)."""
    if ar not in data.PLANAR:
        raise DataFeil(f"Året må være i planperioden {data.PLANAR[0]}-{data.PLANAR[-1]}, fikk {ar}.")
    b = motor.budsjett(scen)
    v = _Verdier(b)
    t = motor.tabell(b, tabell_id)
    if rad not in t.rader:
        raise DataFeil(f"Tabell «{tabell_id}» har ingen rad «{rad}». Rader: {', '.join(t.rader)}")
    kol = _kolonne(t, ar)
    r = t.rader[rad]
    info = data.info(tabell_id)
    grunn = None if not basis.endrer_noe(scen) else _Verdier(motor.budsjett(basis.grunnscenario()))
    ledd = []
    for ld in r.ledd:
        verdi, kilde = v.verdi(ld, ar)
        ledd.append(
            Ledd_forklart(
                _beskriv(ld),
                ld.tabell,
                ld.rad,
                verdi,
                ld.fortegn,
                kilde,
                linjer(ld.tabell, ld.rad) if ld.tabell else None,
                grunn.verdi(ld, ar)[0] if grunn else None,
            )
        )
    j = data.PLANAR.index(ar)
    ank = [(n, ANKERE.get(n, n), float(getattr(ankere(), n)[j])) for n in r.ankere]
    f = Forklaring(
        tabell_id,
        _tabelltekst(tabell_id),
        rad,
        r.rad,
        ar,
        kol,
        r.verdier[kol],
        info.enhet,
        info.kolonne(kol)["prisbasis"],
        r.kilde[kol],
        r.regel,
        ledd,
        ank,
        float(data.tabell(tabell_id).at[rad, kol]),
        scen.navn,
    )
    f.avvik = [
        p
        for p in gjenskaping.registrerte()
        if p["tabell"] == tabell_id and p["rad"] == rad and kol in p["kolonner"]
    ]
    if grunn:
        f.grunnverdi = grunn.tabell(tabell_id).verdi(rad, kol)
        from hoep.parametre import scenario as sc

        f.endringer = sc.beskriv_endringer(scen)
        f.endret_underveis = _endret(v, grunn, tabell_id, rad, ar)
    return f


def _beskriv(ld: Ledd) -> str:
    if ld.tabell is None:
        return ld.tekst or ld.rad
    radtekst = data.tabell(ld.tabell).at[ld.rad, "rad"] if ld.rad in data.tabell(ld.tabell).index else ld.rad
    return f"{_tabelltekst(ld.tabell)}: {radtekst}" + (f" ({ld.tekst})" if ld.tekst else "")


def _endret(
    v: _Verdier, grunn: _Verdier, tabell_id: str, rad: str, ar: int
) -> list[tuple[str, float, float]]:
    """Every term down the chain of computed tables whose value differs between scenario and base."""
    ut: list[tuple[str, float, float]] = []
    sett: set[tuple[str | None, str]] = set()

    def gaa(ld: Ledd, dybde: int) -> None:
        if (ld.tabell, ld.rad) in sett or dybde > DYBDE:
            return
        sett.add((ld.tabell, ld.rad))
        try:
            a, b = v.verdi(ld, ar)[0], grunn.verdi(ld, ar)[0]
        except (KeyError, DataFeil):
            return
        if math.isclose(a, b, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b)):
            return
        ut.append((_beskriv(ld), a, b))
        if ld.tabell and motor.beregnes(ld.tabell) and ld.rad in v.tabell(ld.tabell).rader:
            for under in v.tabell(ld.tabell).rader[ld.rad].ledd:
                gaa(under, dybde + 1)

    for ld in v.tabell(tabell_id).rader[rad].ledd:
        gaa(ld, 1)
    return ut
