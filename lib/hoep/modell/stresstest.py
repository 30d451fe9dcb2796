"""Rate stress test: how likely is it that the financial targets break if interest rates move?

Draws ``n`` interest paths around the scenario's rentebane and, optionally, paths for skatt and
rammetilskudd, and runs the budget model for all of them at once (the model's core works on
arrays, :func:`hoep.modell.regn`). The distribution is ours, not the document's:

- interest: a random walk in percentage points, N(0, σ_rente) added each year from 2022, so the
  spread widens through the plan (σ_rente = 0,75 pp a year by default: about the yearly change of
  the three-month rate over the last two decades);
- frie inntekter: a random walk in per cent of the plan, N(0, σ_frie) a year (default 1 %);
- rates are floored so no rate of Tabell 8-25 goes below zero.

The scenario's own changes (disposition, tiltak, projects) apply to every draw. Seeded runs are
reproducible: the same scenario, ``n`` and ``seed`` give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hoep import modell, tall
from hoep.feil import HoepFeil
from hoep.parametre.scenario import Scenario
from hoep.regler import handlingsregler

AR = modell.AR
PERSENTILER = (5, 50, 95)


@dataclass(frozen=True)
class Fordeling:
    sigma_rente: float = 0.75  # percentage points a year
    sigma_frie_inntekter: float = 1.0  # per cent a year

    def beskriv(self) -> str:
        """The distribution in plain Norwegian."""
        return (f"Rentene: tilfeldig gange med normalfordelte årlige endringer (standardavvik "
                f"{tall.tekst(self.sigma_rente, 2)} prosentpoeng per år fra 2022), lagt til scenarioets "
                f"rentebane; ingen rente under null. Frie inntekter: tilfeldig gange med standardavvik "
                f"{tall.tekst(self.sigma_frie_inntekter, 2)} % per år.")


@dataclass(frozen=True)
class Trekk:
    renteendring: np.ndarray  # (n, 4), percentage points on top of the scenario
    frie_inntekter_endring: np.ndarray  # (n, 4), per cent on top of the scenario


def trekk(n: int, seed: int, fordeling: Fordeling = Fordeling()) -> Trekk:
    """``n`` seeded draws of rate and income paths (before the zero floor)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 1_000_000:
        raise HoepFeil(f"Antall trekk må være et heltall 1-1 000 000, fikk «{n}».")
    if fordeling.sigma_rente < 0 or fordeling.sigma_frie_inntekter < 0:
        raise HoepFeil("Standardavvikene i fordelingen kan ikke være negative.")
    rng = np.random.default_rng(seed)
    rente = np.cumsum(rng.normal(0.0, fordeling.sigma_rente, size=(n, len(AR))), axis=1)
    frie = np.cumsum(rng.normal(0.0, fordeling.sigma_frie_inntekter, size=(n, len(AR))), axis=1)
    return Trekk(rente, frie)


def _gulv(g: modell.Grunnlag, scenario_endring: np.ndarray) -> np.ndarray:
    """The lowest change per year that keeps every rate of Tabell 8-25 at or above zero."""
    return -(g.rentebane.min(axis=0).to_numpy(dtype=float) + scenario_endring)


@dataclass(frozen=True)
class Resultat:
    scenario: str
    n: int
    seed: int
    fordeling: Fordeling
    brudd: pd.DataFrame  # probability (0-1) that each target breaks, by target (rows) and year
    persentiler: pd.DataFrame  # rows (nokkel, persentil), columns years
    verdier: dict[str, np.ndarray]  # the model's arrays, (n, 4)


def kjor(scen: Scenario, n: int = 10_000, seed: int = 2022, fordeling: Fordeling = Fordeling()) -> Resultat:
    """Run the model for ``n`` drawn paths (vectorised) and summarise the targets' risk."""
    g = modell.grunnlag(scen)
    basis_rente = np.array([float(scen.verdi("renteendring", a)) for a in AR])
    t = trekk(n, seed, fordeling)
    rente = np.maximum(basis_rente + t.renteendring, _gulv(g, 0.0))
    # The scenario's frie_inntekter_endring is already in g; the draws come on top of it.
    verdier = modell.regn(g, rente, modell.ankere(), t.frie_inntekter_endring)
    return Resultat(scen.navn, n, seed, fordeling, _brudd(scen, verdier), _persentiler(verdier), verdier)


def kjor_sloyfe(scen: Scenario, n: int, seed: int = 2022, fordeling: Fordeling = Fordeling()) -> dict:
    """The same draws run one at a time through the scalar model (for timing and checks)."""
    g = modell.grunnlag(scen)
    a = modell.ankere()
    basis_rente = np.array([float(scen.verdi("renteendring", ar)) for ar in AR])
    t = trekk(n, seed, fordeling)
    gulv = _gulv(g, 0.0)
    ut = [modell.regn(g, np.maximum(basis_rente + t.renteendring[i], gulv), a, t.frie_inntekter_endring[i])
          for i in range(n)]
    return {k: np.stack([u[k] for u in ut]) for k in ut[0]}


def _brudd(scen: Scenario, verdier: dict[str, np.ndarray]) -> pd.DataFrame:
    """Per target (by title) and year: the share of draws that break the year's target."""
    per_ar = [handlingsregler.mal(scen.aar(a)) for a in AR]
    rader = {per_ar[0][k].tittel: [float(m[k].brutt(verdier[k][:, j]).mean()) for j, m in enumerate(per_ar)]
             for k in per_ar[0]}
    return pd.DataFrame(rader, index=pd.Index(AR, name="ar")).T


def _persentiler(verdier: dict[str, np.ndarray]) -> pd.DataFrame:
    rader = {}
    for k in ("renteutgifter", "netto_driftsresultat", "lanegjeld_ub", "kapitalutgifter_pst",
              "disposisjonsfond_ub"):
        for p in PERSENTILER:
            rader[(k, p)] = np.percentile(verdier[k], p, axis=0)
    return pd.DataFrame(rader, index=pd.Index(AR, name="ar")).T.rename_axis(["nokkel", "persentil"])
