"""What the presentation layer has shown: an explicit hook for whoever wants the numbers.

:func:`hoep.visning.tabeller.tabell` and the chart functions of :mod:`hoep.visning.figurer` call
:func:`meld` with the DataFrame they show. By default nobody listens and nothing happens. A report
run installs a listener in the notebook's kernel (:func:`hoep.rapporter.eksport.installer`) that
writes each table as CSV; tests may install their own with :func:`lytt`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

Lytter = Callable[..., object]
_lyttere: list[Lytter] = []


def lytt(lytter: Lytter) -> Callable[[], None]:
    """Call ``lytter(data, navn, tittel=…, desimaler=…, indeks=…, slag=…)`` for every table or chart
    shown from now on; returns a function that stops listening."""
    _lyttere.append(lytter)
    return lambda: _lyttere.remove(lytter) if lytter in _lyttere else None


def meld(data: pd.DataFrame | pd.Series, navn: str, tittel: str | None = None, desimaler: int = 0,
         indeks: bool = False, slag: str = "tabell") -> None:
    """Tell the listeners that ``data`` was shown as a table (``slag="tabell"``) or a chart (``"figur"``)."""
    for lytter in list(_lyttere):
        lytter(data, navn, tittel=tittel or navn, desimaler=desimaler, indeks=indeks, slag=slag)
