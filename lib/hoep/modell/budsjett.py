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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hoep import data
from hoep.data import mellomlager
from hoep.modell import endringer, inndata
from hoep.modell.grunnlag import prisfaktor
from hoep.modell.plan import Plan, beregn
from hoep.parametre import basis
from hoep.parametre.scenario import Scenario
from hoep.regler import renter

AR = data.PLANAR


@dataclass(frozen=True)
class Budsjett:
    scenario: Scenario
    plan: Plan
    tiltak: pd.DataFrame  # index omrade/tNN (and omrade/nyN): omrade, tabell, rad, type, 2022-2025
    prosjekter: pd.DataFrame  # index gruppe/pNN (and gruppe/nyN): gruppe, omrade, tabell, rad, 2022-2025
    investering: pd.DataFrame  # rows investering and each financing source, columns 2022-2025 (the change)

    faktor: np.ndarray  # løpende kroner per 2022-krone, per year (the deflator chained)
    rammer: dict[
        str, dict[str, np.ndarray]
    ]  # every Rammer area's five lines after the scenario (published sign)
    grunnplan: Plan  # the base scenario's plan (the scenario's changes are measured against it)
    ferdige: dict = field(default_factory=dict, compare=False, repr=False)  # tables built, by id
    _per_omrade: dict = field(default_factory=dict, compare=False, repr=False)

    def _grupper(self) -> dict:
        if not self._per_omrade:
            for navn, df, kolonne in (
                ("tiltak", self.tiltak, "omrade"),
                ("prosjekter", self.prosjekter, "tabell"),
            ):
                verdier = df[list(AR)].to_numpy(dtype=float)
                for nokkel, ix in df.groupby(kolonne, sort=False).indices.items():
                    self._per_omrade[(navn, nokkel)] = [
                        (df.index[i], str(df["rad"].iat[i]), verdier[i]) for i in ix
                    ]
        return self._per_omrade

    def tiltak_i(self, omrade: str) -> list[tuple[str, str, np.ndarray]]:
        """The area's tiltak after the scenario: (id, title, amount per year), in table order."""
        return self._grupper().get(("tiltak", omrade), [])

    def sum_tiltak(self, omrade: str) -> np.ndarray:
        """The sum of the area's tiltak per year after the scenario (faste 2022-kroner, + cost)."""
        return sum((v for _, _, v in self.tiltak_i(omrade)), np.zeros(len(AR)))

    def prosjekter_i(self, tabell_id: str) -> list[tuple[str, str, np.ndarray]]:
        """The projects of one area investment table after the scenario: (id, title, amount per year)."""
        return self._grupper().get(("prosjekter", tabell_id), [])

    @property
    def i_balanse(self) -> bool:
        return self.plan.i_balanse

    def v(self, nokkel: str) -> np.ndarray:
        """A quantity of the plan (natural sign), or an assumption of the scenario, over 2022-2025."""
        if nokkel in self.plan.verdier:
            return np.asarray(self.plan.verdier[nokkel], dtype=float)
        return np.array([float(self.scenario.verdi(nokkel, a)) for a in AR])


def _tiltak(scen: Scenario) -> pd.DataFrame:
    """Every tiltak per year after the scenario (faste 2022-kroner, + cost)."""
    tl = data.tiltaksliste().copy()
    e = scen.budsjett
    for tid in e.fjern_tiltak:
        tl.loc[tid, list(AR)] = 0.0
    for tid, faktor in e.skaler_tiltak.items():
        tl.loc[tid, list(AR)] = tl.loc[tid, list(AR)].astype(float) * faktor
    for nr, ny in enumerate(e.nye_tiltak, start=1):
        tl.loc[f"{ny.omrade}/ny{nr}"] = {
            "omrade": ny.omrade,
            "tabell": None,
            "trykt_nummer": None,
            "rad": ny.navn,
            "type": "Nytt tiltak i scenarioet",
            **{a: float(ny.belop.get(a, 0.0)) for a in AR},
        }
    return tl


def _rammer(plan: Plan, grunn: Plan, tiltak: pd.DataFrame) -> dict[str, dict[str, np.ndarray]]:
    """The Rammer tables' lines after the scenario: the printed lines moved by what it changes.

    - a tiltak moves its area's driftsutgifter;
    - the interest on loans VARFS fees or husleie pay moves tekniske tjenester' and eiendomstjenester'
      netto finansutgifter, and their fee or rent income by the same amount (kap. 8.7, selvkost);
    - frie inntekter, eiendomsskatt and rentekompensasjon move statlige tilskudd og skatt (Tabell 8-2);
    - every other finance change (interest, avdrag, renteinntekter, TKK's return) moves eksterne
      finanstransaksjoner' netto finansutgifter, and a change of TKK's return its avsetning to TKK's
      bufferfond (the statutes, kap. 8.10.1);
    - the disposition of a changed result moves interne finanstransaksjoner: its avsetning to the
      disposisjonsfond, or its transfer to investment.
    """
    ut = {o: {linje: v.copy() for linje, v in r.items()} for o, r in inndata.rammelinjer().items()}

    def d(nokkel: str) -> np.ndarray:
        return np.asarray(plan.verdier[nokkel], dtype=float) - np.asarray(grunn.verdier[nokkel], dtype=float)

    verdier = tiltak[list(AR)].to_numpy(dtype=float)
    for omrade, ix in tiltak.groupby("omrade", sort=False).indices.items():
        if omrade in ut:
            ut[omrade]["driftsutgifter"] += verdier[ix].sum(axis=0) - inndata.tiltakssum(omrade)
    varfs, husleie = d(f"dekning_{renter.VARFS}"), d(f"dekning_{renter.HUSLEIE}")
    for omrade, dv in (("tekniske_tjenester", varfs), ("eiendomstjenester", husleie)):
        ut[omrade]["netto_finansutgifter"] += dv
        ut[omrade]["driftsinntekter"] -= dv
    ut["statlige_tilskudd_og_skatt"]["driftsinntekter"] -= (
        d("frie_inntekter") + d("eiendomsskatt") + d("andre_generelle_driftsinntekter")
    )
    tkk = d("tkk_avkastning")
    ekst = ut["eksterne_finanstransaksjoner"]
    ekst["netto_finansutgifter"] += d("netto_finansutgifter") - varfs - husleie
    ut["eksterne_finanstransaksjoner"]["netto_avsetninger"] += tkk
    ut["interne_finanstransaksjoner"]["netto_avsetninger"] += d("disposisjonsfond_avsetning") - tkk
    ut["interne_finanstransaksjoner"]["overfort_til_investering"] += d("overfort_til_investering")
    return ut


@mellomlager.per_datamappe
def grunnplan() -> Plan:
    """The base scenario's plan, computed once per data folder."""
    return beregn(basis.grunnscenario())


def lag(scen: Scenario) -> Budsjett:
    """The whole budget of ``scen``."""
    plan = beregn(scen)
    grunn = grunnplan()
    faktor = dict(zip(AR, prisfaktor(scen), strict=True))
    tiltak = _tiltak(scen)
    return Budsjett(
        scen,
        plan,
        tiltak,
        endringer.prosjekter_etter(scen.budsjett, faktor),
        endringer.investeringseffekt(scen.budsjett, faktor),
        np.array([faktor[a] for a in AR]),
        _rammer(plan, grunn, tiltak),
        grunn,
    )
