"""Debt (gjeld): the roll-forward of loans for investment purposes (Tabell 8-15, løpende priser).

    UB(t) = IB(t) + låneopptak(t) − minimumsavdrag(t) − øvrige avdrag(t),   IB(t+1) = UB(t)

Minimumsavdrag is the least the law allows (kommuneloven § 14-18); øvrige avdrag are the extra
repayments the plan uses to keep the capital-cost rule (kap. 8.10). Tabell 8-15 prints the
repayments negative; the functions here take them as positive amounts.
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.regler import prisbasis


def rull_frem(ib: float, laneopptak: list[float], minimumsavdrag: list[float],
              ovrige_avdrag: list[float]) -> list[tuple[float, float]]:
    """Roll debt forward year by year from opening debt ``ib``; return (IB, UB) per year."""
    ut = []
    for opptak, minimum, ovrig in zip(laneopptak, minimumsavdrag, ovrige_avdrag, strict=True):
        ub = ib + opptak - minimum - ovrig
        ut.append((ib, ub))
        ib = ub
    return ut


def gjeldsutvikling() -> pd.DataFrame:
    """Tabell 8-15 recomputed: debt per year from the opening debt 2022 and the yearly flows.

    Columns (mill. kr, løpende priser): ``ib``, ``laneopptak``, ``minimumsavdrag``,
    ``ovrige_avdrag`` (positive), ``ub`` computed, and ``ub_publisert`` for comparison.
    """
    t = data.tabell("tabell_8_15_gjeldsutvikling")
    kolonner = data.info("tabell_8_15_gjeldsutvikling").tallkolonner
    opptak = [t.at["laneopptak", k] for k in kolonner]
    minimum = [-t.at["lovpalagte_minimumsavdrag", k] for k in kolonner]
    ovrige = [-t.at["ovrige_avdrag", k] for k in kolonner]
    rullert = rull_frem(t.at["lanegjeld_1_1", kolonner[0]], opptak, minimum, ovrige)
    ar = [data.info("tabell_8_15_gjeldsutvikling").kolonne(k)["ar"] for k in kolonner]
    return pd.DataFrame({
        "ib": [ib for ib, _ in rullert],
        "laneopptak": opptak,
        "minimumsavdrag": minimum,
        "ovrige_avdrag": ovrige,
        "ub": [ub for _, ub in rullert],
        "ub_publisert": [t.at["lanegjeld_31_12", k] for k in kolonner],
    }, index=pd.Index(ar, name="ar"))


def avdrag_i_2022_kroner(deflator_prosent: float) -> pd.DataFrame:
    """The repayments of Tabell 8-15 (løpende) converted to faste 2022-kroner, as in Tabell 8-23."""
    g = gjeldsutvikling()
    ut = pd.DataFrame(index=g.index)
    for kol in ("minimumsavdrag", "ovrige_avdrag"):
        ut[kol] = [prisbasis.til_2022_kroner(v, ar, deflator_prosent) for ar, v in g[kol].items()]
    ut["sum_avdrag"] = ut["minimumsavdrag"] + ut["ovrige_avdrag"]
    return ut


def minimumsavdrag(ib: float, avdragstid: float) -> float:
    """The least repayment the law allows in a year, on the opening debt (kommuneloven § 14-18).

    § 14-18 (2) asks for repayments at least as large as the debt's share of the year's
    depreciation; the plan turns that into a repayment time (kap. 8.10.3: «avdragstid på 28 år»
    on the debt at 1.1. each year), so ``minimumsavdrag = IB / avdragstid``.
    """
    if avdragstid <= 0:
        raise ValueError("avdragstid må være positiv")
    return ib / avdragstid


def planens_avdragstid() -> float:
    """The plan's effective repayment time from Tabell 8-15: Σ gjeld 1.1. / Σ minimumsavdrag, 2022-2025.

    74 854 / 2 655 = 28.1936 years, which the document rounds to «28 år» (kap. 8.10.3) and which
    reproduces every printed minimumsavdrag to the krone-million; it is the base value of the
    assumption ``avdragstid`` (``data/forutsetninger.yaml``).
    """
    t = data.tabell("tabell_8_15_gjeldsutvikling")
    kolonner = data.info("tabell_8_15_gjeldsutvikling").tallkolonner
    return float(t.loc["lanegjeld_1_1", kolonner].sum() / -t.loc["lovpalagte_minimumsavdrag", kolonner].sum())
