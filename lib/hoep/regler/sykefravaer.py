"""Sykefravær (kap. 38): what sick leave costs society, the state and the municipality's budget.

The document's model, with its parameters in ``data/forutsetninger.yaml`` (``sykefravaer_*``):

- produksjonstap = lønnskostnad × fravær (10 % of 8,2 mrd. kr = 820 mill. kr; 82 per point);
- the state refunds long-term absence (from day 17): stat = produksjonstap × langtidsandel ×
  refusjonsgrad (820 × 0,7 × 0,7 ≈ 400 mill. kr, 49 %); the municipality bears the rest (≈ 420);
- budget effect: substitutes for long-term absence (2/3 of it) cost about what the refund brings,
  so the document counts them as net zero; substitutes for short-term absence are not refunded:
  produksjonstap × korttidsandel × vikardekning (820 × 0,3 × 0,5 ≈ 125 mill. kr);
- a unit (the barnehage example): lønnskostnad per årsverk × årsverk × fravær gives its
  produksjonstap (1 900 årsverk at 13,5 % ≈ 165 mill. kr); replacing all or half of its short-term
  absence costs 50 or 25 mill. kr, and one percentage point less absence saves 2-4 mill. kr.

The functions also return the long-term substitutes' net cost (cost − refund, about −19 mill. kr
with the document's parameters), which the document rounds to zero; say so where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd


@dataclass(frozen=True)
class Parametre:
    """The model's parameters; amounts in mill. kr, shares in percent."""

    arsverk: float = 12700
    lonnskostnad: float = 8200.0
    fravaer: float = 10.0
    langtid_andel: float = 70.0
    refusjonsgrad: float = 70.0
    vikar_langtid: float = 200 / 3
    vikar_korttid: float = 50.0

    @property
    def lonnskostnad_per_arsverk(self) -> float:
        """Mill. kr per årsverk (8 200 / 12 700 ≈ 0,646)."""
        return self.lonnskostnad / self.arsverk


def produksjonstap(lonnskostnad: float, fravaer: float) -> float:
    """The value of work lost to sick leave: lønnskostnad × fravær."""
    return lonnskostnad * fravaer / 100


def kostnader(p: Parametre) -> dict[str, float]:
    """The document's three dimensions for the whole municipality (mill. kr, shares in percent)."""
    tap = produksjonstap(p.lonnskostnad, p.fravaer)
    langtid = tap * p.langtid_andel / 100
    korttid = tap - langtid
    stat = langtid * p.refusjonsgrad / 100
    vikar_korttid = korttid * p.vikar_korttid / 100
    vikar_langtid = langtid * p.vikar_langtid / 100
    return {
        "produksjonstap": tap,
        "per_prosentpoeng": produksjonstap(p.lonnskostnad, 1.0),
        "stat": stat,
        "kommune": tap - stat,
        "stat_andel": 100 * stat / tap if tap else 0.0,
        "kommune_andel": 100 * (tap - stat) / tap if tap else 0.0,
        "vikar_korttid": vikar_korttid,
        "vikar_langtid": vikar_langtid,
        "vikar_langtid_netto": vikar_langtid - stat,
        "budsjetteffekt": vikar_korttid,
    }


def enhet(arsverk: float, fravaer: float, p: Parametre) -> dict[str, float]:
    """One unit's sick leave (the barnehage example): loss, short-term substitute cost, per point.

    ``korttid_halv``/``korttid_hel``: substitutes for half or all of the short-term absence; the
    document's range for the budget effect. ``per_prosentpoeng_*``: the same per point of absence.
    """
    tap = arsverk * p.lonnskostnad_per_arsverk * fravaer / 100
    korttid = tap * (100 - p.langtid_andel) / 100
    per_poeng_korttid = arsverk * p.lonnskostnad_per_arsverk / 100 * (100 - p.langtid_andel) / 100
    return {
        "produksjonstap": tap,
        "korttid_halv": korttid * 0.5,
        "korttid_hel": korttid,
        "per_prosentpoeng_halv": per_poeng_korttid * 0.5,
        "per_prosentpoeng_hel": per_poeng_korttid,
    }


def sensitivitet(p: Parametre, fravaer: list[float]) -> pd.DataFrame:
    """The municipality-wide figures for a range of absence rates (one row per rate)."""
    return pd.DataFrame([{"fravaer": f, **kostnader(replace(p, fravaer=f))} for f in fravaer]
                        ).set_index("fravaer")
