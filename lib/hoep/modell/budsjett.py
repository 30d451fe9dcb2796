"""The budget of one scenario: the one internal representation every plan table is computed from.

:func:`lag` builds a :class:`Budsjett` for a scenario:

- ``plan``: the model's pass over 2022-2025 (:mod:`hoep.modell.kjerne`): frie inntekter, finance
  lines, borrowing and debt, the result and its disposition, natural signs;
- ``tiltak``: every area's tiltak per year after the scenario (removed ones at zero, scaled ones
  scaled, new ones added), faste 2022-kroner, + cost;
- ``prosjekter``: every investment project's profile per year after the scenario (postponed,
  cut, scaled, new), løpende priser, with its group (the area table it is printed in);
- ``investering``: the change of investments and their financing by source and year.

The statements (:mod:`hoep.modell.tabeller`) are aggregations and rules over this object; none is
patched from a printed table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hoep import data
from hoep.modell import endringer
from hoep.modell.grunnlag import grunnlag
from hoep.modell.plan import Plan, beregn
from hoep.parametre.scenario import Scenario

AR = data.PLANAR


@dataclass(frozen=True)
class Budsjett:
    scenario: Scenario
    plan: Plan
    tiltak: pd.DataFrame  # index omrade/tNN (and omrade/nyN): omrade, tabell, rad, type, 2022-2025
    prosjekter: pd.DataFrame  # index gruppe/pNN (and gruppe/nyN): gruppe, omrade, tabell, rad, 2022-2025
    investering: pd.DataFrame  # rows investering and each financing source, columns 2022-2025 (the change)

    faktor: np.ndarray  # løpende kroner per 2022-krone, per year (the deflator chained)

    def v(self, nokkel: str) -> np.ndarray:
        """A quantity of the plan (natural sign), or an assumption of the scenario, over 2022-2025."""
        if nokkel in self.plan.verdier:
            return np.asarray(self.plan.verdier[nokkel], dtype=float)
        return np.array([float(self.scenario.verdi(nokkel, a)) for a in AR])

    @property
    def i_balanse(self) -> bool:
        return bool(self.plan.balanse()["i_balanse"].all())


def _tiltak(scen: Scenario) -> pd.DataFrame:
    """Every tiltak per year after the scenario (faste 2022-kroner, + cost)."""
    tl = data.tiltaksliste().copy()
    e = scen.budsjett
    for tid in e.fjern_tiltak:
        tl.loc[tid, list(AR)] = 0.0
    for tid, faktor in e.skaler_tiltak.items():
        tl.loc[tid, list(AR)] = tl.loc[tid, list(AR)].astype(float) * faktor
    for nr, ny in enumerate(e.nye_tiltak, start=1):
        tl.loc[f"{ny.omrade}/ny{nr}"] = {"omrade": ny.omrade, "tabell": None, "trykt_nummer": None,
                                         "rad": ny.navn, "type": "Nytt tiltak i scenarioet",
                                         **{a: float(ny.belop.get(a, 0.0)) for a in AR}}
    return tl


def lag(scen: Scenario) -> Budsjett:
    """The whole budget of ``scen``."""
    plan = beregn(scen)
    faktor = dict(zip(AR, grunnlag(scen).faktor, strict=True))
    return Budsjett(scen, plan, _tiltak(scen), endringer.prosjekter_etter(scen.budsjett, faktor),
                    endringer.investeringseffekt(scen.budsjett, faktor), np.array([faktor[a] for a in AR]))
