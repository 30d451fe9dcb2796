"""Every area's «Budsjettramme og rammeendring» table and tiltak table (chapters 13-36).

The representation holds each area's tiltak per year (faste 2022-kroner, + cost) after the
scenario; the two tables are rules over it:

- tiltak table: each tiltak as the scenario leaves it (removed at zero, scaled, new ones added as
  rows ``ny1``, ``ny2`` …), ``sluttsum`` = their sum;
- frame bridge: korrigert budsjett = opprinnelig budsjett 2021 + pris- og lønnskompensasjon +
  tekniske justeringer (printed inputs); reell rammeendring = the sum of the tiltak; forslag =
  korrigert + reell; befolkningsvekst is the demography tiltak where the area has one that equals it
  (barnehage and skole: t01), else the printed compensation; annen rammeendring = reell −
  befolkningsvekst.
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.data import mellomlager
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.tabeller import tabell

AR = data.PLANAR


def _tabeller(familie: str) -> dict[str, str]:
    kat = data.katalog()
    rader = kat[(kat["familie"] == familie) & kat["omrade"].notna()]
    return dict(zip(rader["id"], rader["omrade"], strict=True))


TILTAKSTABELLER = _tabeller("tiltak")
RAMMETABELLER = _tabeller("rammeendring")
_TILTAK_FOR = {o: t for t, o in TILTAKSTABELLER.items()}


def sum_tiltak(b: Budsjett, omrade: str) -> np.ndarray:
    return b.sum_tiltak(omrade)


@mellomlager.per_datamappe
def demografitiltak(omrade: str) -> str | None:
    """The tiltak that is the area's befolkningsvekst (equal to it every year within 0.05), if any."""
    tid = next((t for t, o in RAMMETABELLER.items() if o == omrade), None)
    if tid is None or omrade not in _TILTAK_FOR:
        return None
    bro = data.tabell(tid)
    if "befolkningsvekst" not in bro.index:
        return None
    bef = bro.loc["befolkningsvekst", [f"budsjett_{a}" for a in AR]].to_numpy(dtype=float)
    if np.isnan(bef).any() or not np.abs(bef).sum():
        return None
    tl = data.tiltaksliste()
    for pid, rad in tl[tl["omrade"] == omrade].iterrows():
        if np.allclose(rad[list(AR)].to_numpy(dtype=float), bef, atol=0.05):
            return pid
    return None


@tabell(*TILTAKSTABELLER)
def tiltakstabell(b: Budsjett, tabell_id: str) -> Beregnet:
    omrade = TILTAKSTABELLER[tabell_id]
    t = Bygger(tabell_id)
    tl = b.tiltak_i(omrade)
    e = b.scenario.budsjett
    for pid, navn, verdier in tl:
        rad_id = pid.split("/", 1)[1]
        if rad_id in t.mal.tall:
            endret = ("fjernet i scenarioet" if pid in e.fjern_tiltak else
                      f"skalert med {e.skaler_tiltak[pid]:g} i scenarioet" if pid in e.skaler_tiltak else "")
            t.rad(rad_id, verdier, INNDATA, "Tiltakets beløp (trykt)" + (f", {endret}" if endret else ""))
        else:
            t.ny_rad(rad_id, navn, verdier, "Nytt tiltak i scenarioet",
                     "sluttsum" if "sluttsum" in t.trykte_rader else "",
                     {"type": "Nytt tiltak i scenarioet"})
    if "sluttsum" in t.trykte_rader:  # Tabell 20-3 prints no sum
        t.sum("sluttsum", [pid.split("/", 1)[1] for pid, _, _ in tl], "Summen av tiltakene", toleranse=1)
    return t.ferdig()


@tabell(*RAMMETABELLER)
def rammetabell(b: Budsjett, tabell_id: str) -> Beregnet:
    omrade = RAMMETABELLER[tabell_id]
    t = Bygger(tabell_id)
    for rad in ("opprinnelig_budsjett_2021", "pris_og_lonnskompensasjon", "tekniske_justeringer"):
        if rad in t.trykte_rader:
            t.publisert_rad(rad)
    t.sum("korrigert_budsjett", [r for r in ("opprinnelig_budsjett_2021", "pris_og_lonnskompensasjon",
                                             "tekniske_justeringer") if r in t.rader],
          "Korrigert budsjett = opprinnelig budsjett 2021 + pris- og lønnskompensasjon + tekniske "
          "justeringer")
    tiltakstabell_id = _TILTAK_FOR.get(omrade)
    reell = sum_tiltak(b, omrade)
    ledd_tiltak = [Ledd(tiltakstabell_id, "sluttsum")] if tiltakstabell_id else []
    demo = demografitiltak(omrade)
    if "befolkningsvekst" in t.trykte_rader:
        if demo:
            t.rad("befolkningsvekst", b.tiltak.loc[demo, list(AR)].to_numpy(dtype=float), DERIVERT,
                  f"Demografitiltaket ({demo})", [Ledd(tiltakstabell_id, demo.split("/", 1)[1])])
        else:
            t.publisert_rad("befolkningsvekst", "Demografikompensasjonen (trykt)")
        bef = np.nan_to_num(t.verdier("befolkningsvekst"))
    else:
        bef = np.zeros(len(AR))
    if "annen_rammeendring" in t.trykte_rader:
        t.rad("annen_rammeendring", reell - bef, DERIVERT,
              "Annen rammeendring = summen av tiltakene − befolkningsvekst",
              [*ledd_tiltak, Ledd(tabell_id, "befolkningsvekst", -1)], toleranse=2)
    korrigert = t.verdier("korrigert_budsjett")
    t.rad("forslag_til_netto_driftsramme", korrigert + reell, DERIVERT,
          "Forslag til netto driftsramme = korrigert budsjett + summen av tiltakene",
          [Ledd(tabell_id, "korrigert_budsjett"), *ledd_tiltak], toleranse=2)
    t.rad("reell_rammeendring", reell, DERIVERT, "Reell rammeendring = summen av tiltakene", ledd_tiltak,
          toleranse=1)
    for rad in t.trykte_rader:
        if rad not in t.rader:
            t.publisert_rad(rad)
    return t.ferdig()
