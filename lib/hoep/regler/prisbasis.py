"""Price basis: linking løpende priser and faste 2022-kroner, in one place.

The document prints investments, debt and loans in løpende priser (kap. 2.2, kap. 3, Tabell
8-13 to 8-16) and finance items in faste 2022-kroner (Tabell 8-17 to 8-23). The deflator d
(kap. 8.11: 2,5 % a year; ``prisomregning_deflator`` in ``data/forutsetninger.yaml``, which a
scenario may set per year) links them, chained year by year:

    faktor(år) = (1 + d_{2023}) · (1 + d_{2024}) · … · (1 + d_{år}),  faktor(2022) = 1
    verdi_2022kr = verdi_løpende / faktor(år)

With a constant 2,5 % that is 1,025^(år − 2022). For years before 2022 the chain runs backwards:
faktor(2021) = 1 / (1 + d_{2022}).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hoep import data

BASISAR = 2022
PLANAR = data.PLANAR

Deflator = float | Mapping[int, float] | Callable[[int], float]


def _sats(deflator: Deflator, ar: int) -> float:
    """The deflator (per cent) of one year: a constant, a mapping year → per cent, or a function."""
    if callable(deflator):
        return float(deflator(ar))
    if isinstance(deflator, Mapping):
        return float(deflator[ar])
    return float(deflator)


def faktor(ar: int, deflator: Deflator) -> float:
    """How many løpende kroner in ``ar`` equal one 2022-krone, chaining each year's deflator."""
    ut = 1.0
    for a in range(BASISAR + 1, ar + 1):
        ut *= 1 + _sats(deflator, a) / 100
    for a in range(ar + 1, BASISAR + 1):
        ut /= 1 + _sats(deflator, a) / 100
    return ut


def til_2022_kroner(verdi: float, ar: int, deflator: Deflator) -> float:
    """Convert a løpende-pris value of year ``ar`` to faste 2022-kroner."""
    return verdi / faktor(ar, deflator)


def til_lopende(verdi: float, ar: int, deflator: Deflator) -> float:
    """Convert a value in faste 2022-kroner to løpende priser of year ``ar``."""
    return verdi * faktor(ar, deflator)
