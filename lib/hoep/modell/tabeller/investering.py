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
from hoep.modell import endringer
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.tabeller import tabell

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



