"""The four-year plan (2022-2025) for a scenario: wires data, assumptions and rule modules.

One concept per rule module: :mod:`hoep.prisbasis` (løpende ↔ 2022-kroner), :mod:`hoep.gjeld`
(debt and minimumsavdrag), :mod:`hoep.renter` (rentebane, interest), :mod:`hoep.kraftfond`
(TKK), :mod:`hoep.endringer` (tiltak and projects), :mod:`hoep.handlingsregler` (targets).

The plan, year by year (kap. 2 Budsjettskjema 1A, kap. 8):

- **drift** (faste 2022-kroner): frie disponible inntekter − sum bevilgninger drift (the areas'
  frames incl. tiltak) = brutto driftsresultat; − netto finansutgifter (renter and avdrag less
  renteinntekter and utbytte) = netto driftsresultat; disposed to investments, bundne fond and the
  disposisjonsfond, which balances the budget (kommuneloven § 14-4 fjerde ledd).
- **investering** (løpende): investments less mva-kompensasjon, refusjoner, salg, tilskudd,
  egenkapital and TKK's real return gives the låneopptak, the balancing item of financing.
- **gjeld** (løpende): IB + låneopptak − minimumsavdrag (IB / the plan's repayment time) −
  øvrige avdrag (the plan's, Tabell 8-15) = UB.
- **renter**: average debt × the rentebane (Tabell 8-25); likviditet × bankrente.

Derived vs anchored. Derived from printed inputs: frie inntekter, bevilgninger, låneopptak,
debt, minimumsavdrag, avdrag in 2022-kroner, interest income on liquidity, interest on investment
loans in 2022, TKK's allocation in 2022, the disposisjonsfond line of 1A and its balance.
Anchored (kept as the published value in the base scenario and moved by what a scenario
changes): interest on investment loans 2023-2025 (a residual per year, the loan portfolio is not
printed), startlån interest, byggelån, utbytte, TKK's return, and the four target ratios
(:mod:`hoep.handlingsregler`). :func:`ankere` lists the anchors and their size.

The core (:func:`regn`) works on numpy arrays with years on the last axis, so the stress test
can run many rate paths at once; :func:`beregn` wraps one scenario as a :class:`Plan`.
"""

from hoep.data import PLANAR as AR
from hoep.modell import eiendomsskatt, husholdning
from hoep.modell.ankere import ankere
from hoep.modell.grunnlag import Grunnlag, grunnlag
from hoep.modell.kjerne import Ankere, regn
from hoep.modell.klima import klimamalstatus, klimaramme
from hoep.modell.plan import MALTALL, NOKKELTALL, Plan, beregn, diff, nokkeltall
from hoep.modell.sykefravaer import sykefravaersparametre

__all__ = [
    "AR", "MALTALL", "NOKKELTALL", "Ankere", "Grunnlag", "Plan", "ankere", "beregn", "diff", "eiendomsskatt",
    "grunnlag", "husholdning", "klimamalstatus", "klimaramme", "nokkeltall", "regn", "sykefravaersparametre",
]
