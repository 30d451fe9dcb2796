"""Debt (gjeld): the roll-forward of loans for investment purposes (Tabell 8-15, løpende priser).

    UB(t) = IB(t) + låneopptak(t) − minimumsavdrag(t) − øvrige avdrag(t),   IB(t+1) = UB(t)

Minimumsavdrag is the least the law allows (kommuneloven § 14-18); øvrige avdrag are the extra
repayments the plan uses to keep the capital-cost rule (kap. 8.10). Tabell 8-15 prints the
repayments negative; the functions here take them as positive amounts.
"""

from __future__ import annotations

import pandas as pd

from hoep import data, format, prisbasis
from hoep.feil import ScenarioFeil


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
    """The plan's effective repayment time, derived from Tabell 8-15: Σ IB / Σ minimumsavdrag.

    The document rounds it to «28 år» (kap. 8.10.3); the table's own figures give 28.19, which
    reproduces every printed minimumsavdrag to the krone-million.
    """
    g = gjeldsutvikling()
    return float(g["ib"].sum() / g["minimumsavdrag"].sum())


def avdragstid(valgt: float | None = None, hvor: str = "avdragstid") -> float:
    """The repayment time the model uses: the plan's (:func:`planens_avdragstid`) unless one is chosen.

    Kommuneloven § 14-18 (2): the repayments must at least match the debt's share of the year's
    depreciation. The plan's repayment time is that minimum turned into years (kap. 8.10.3), so a
    shorter time is allowed (larger repayments) and a longer one would pay less than the law asks.
    """
    lengste = planens_avdragstid()
    if valgt is None:
        return lengste
    if not valgt > 0:
        raise ScenarioFeil(f"{hvor}: avdragstiden må være et positivt antall år, fikk {valgt}.")
    if valgt > lengste + 1e-9:
        raise ScenarioFeil(
            f"{hvor}: en avdragstid på {format.tall(valgt, 2)} år gir avdrag under lovens minimum. "
            f"Planens minimumsavdrag svarer til en avdragstid på {format.tall(lengste, 2)} år "
            "(Tabell 8-15, kap. 8.10.3); kortere avdragstid er tillatt (kommuneloven § 14-18).")
    return float(valgt)


def rull_frem_med_minimumsavdrag(ib: float, laneopptak: list[float], ovrige_avdrag: list[float],
                                 avdragstid: float) -> list[dict[str, float]]:
    """Roll debt forward with minimumsavdrag computed each year from that year's opening debt."""
    ut = []
    for opptak, ovrig in zip(laneopptak, ovrige_avdrag, strict=True):
        minimum = minimumsavdrag(ib, avdragstid)
        ub = ib + opptak - minimum - ovrig
        ut.append({"ib": ib, "laneopptak": opptak, "minimumsavdrag": minimum, "ovrige_avdrag": ovrig,
                   "ub": ub})
        ib = ub
    return ut
