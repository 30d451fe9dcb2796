"""Numbers as the document prints them: the one rounding rule and Norwegian number text.

The document rounds half up (away from zero): 1.95 → 2.0, 8.05 → 8.1, −0.05 → −0.1, 2.5 → 3,
not Python's round-half-to-even. :func:`avrund` is that rule, used by the formatting here, the
audit of the published sums, the rules and the targets' status, so what a table prints and the
status it shows always agree. Reports show numbers the Norwegian way: a no-break space as
thousands separator, comma as decimal separator, the typographic minus (U+2212), «mill. kr».

This module sits below every layer (like :mod:`hoep.feil`): data, parameters, rules and
presentation all round and format with it.
"""

from __future__ import annotations

import math

import numpy as np

MINUS = "\u2212"
TUSENSKILLE = "\u00a0"  # no-break space, so a number never wraps inside a table cell
_SLINGRING = 1e-9  # binary floats: 1.95 is stored as 1.94999…; a nudge far below any printed digit


def avrund(verdi, desimaler: int = 0):
    """Round half away from zero to ``desimaler`` decimals (scalars or numpy arrays)."""
    skala = 10.0**desimaler
    if np.ndim(verdi):
        v = np.asarray(verdi, dtype=float)
        return np.sign(v) * np.floor(np.abs(v) * skala + 0.5 + _SLINGRING) / skala
    v = float(verdi)
    if math.isnan(v) or math.isinf(v):
        return v
    return math.copysign(math.floor(abs(v) * skala + 0.5 + _SLINGRING) / skala, v) + 0.0


def mangler(verdi) -> bool:
    """A missing value: None, NaN or pandas' NA."""
    if verdi is None:
        return True
    try:
        return bool(verdi != verdi)  # NaN, and pandas.NA raises TypeError in bool()
    except TypeError:
        return True


def tekst(verdi: float | int | None, desimaler: int = 0, tom: str = "") -> str:
    """``verdi`` as ``−4 552`` or ``2 082,8`` (rounded by :func:`avrund`); missing values become ``tom``."""
    if mangler(verdi):
        return tom
    avrundet = abs(avrund(float(verdi), desimaler))
    ut = f"{avrundet:,.{desimaler}f}"
    ut = ut.replace(",", "\u0000").replace(".", ",").replace("\u0000", TUSENSKILLE)
    return (MINUS if float(verdi) < 0 and avrundet != 0 else "") + ut


def mill(verdi: float | None, desimaler: int = 0) -> str:
    """An amount in millions with its unit: ``1 041 mill. kr``."""
    ut = tekst(verdi, desimaler)
    return f"{ut} mill.\u00a0kr" if ut else ""


def prosent(verdi: float | None, desimaler: int = 1) -> str:
    """A percentage: ``2,5 %``."""
    ut = tekst(verdi, desimaler)
    return f"{ut}\u00a0%" if ut else ""
