"""Price basis: linking løpende priser and faste 2022-kroner, in one place.

The document prints investments, debt and loans in løpende priser (kap. 2.2, kap. 3, Tabell
8-13 to 8-16) and finance items in faste 2022-kroner (Tabell 8-17 to 8-23). A constant deflator
d links them (kap. 8.11: 2,5 % in 2022; applied to every plan year, see ``prisomregning_deflator``
in ``data/forutsetninger.yaml``):

    verdi_2022kr = verdi_løpende / (1 + d)^(år − 2022)
"""

from __future__ import annotations

BASISAR = 2022
PLANAR = (2022, 2023, 2024, 2025)  # the plan period of HØP 2022-2025, one place for every module


def faktor(ar: int, deflator_prosent: float) -> float:
    """How many løpende kroner in ``ar`` equal one 2022-krone."""
    return (1 + deflator_prosent / 100) ** (ar - BASISAR)


def til_2022_kroner(verdi: float, ar: int, deflator_prosent: float) -> float:
    """Convert a løpende-pris value of year ``ar`` to faste 2022-kroner."""
    return verdi / faktor(ar, deflator_prosent)


def til_lopende(verdi: float, ar: int, deflator_prosent: float) -> float:
    """Convert a value in faste 2022-kroner to løpende priser of year ``ar``."""
    return verdi * faktor(ar, deflator_prosent)
