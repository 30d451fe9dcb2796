"""The document's plan tables computed from one :class:`~hoep.modell.budsjett.Budsjett`.

Each module builds one family of tables and registers a builder per table id with :func:`tabell`:
:mod:`finans` (chapter 8's debt, borrowing and finance tables), :mod:`drift` (chapter 2's drift
statements, the Rammer tables, the sector tables), :mod:`omrader` (every area's frame bridge and
tiltak), :mod:`investering` (investments and financing: chapter 2, 3, 8 and the areas).
"""

from __future__ import annotations

from collections.abc import Callable

from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import Beregnet

Bygger = Callable[[Budsjett], Beregnet]
BYGGERE: dict[str, Bygger] = {}


def tabell(*ider: str) -> Callable[[Bygger], Bygger]:
    """Register a builder for the tables ``ider`` (it is called with the budget and the id)."""

    def registrer(funksjon: Bygger) -> Bygger:
        for i in ider:
            if i in BYGGERE:
                raise ValueError(f"to byggere for {i}")
            BYGGERE[i] = (lambda b, _i=i, _f=funksjon: _f(b, _i)) if funksjon.__code__.co_argcount == 2 \
                else funksjon
        return funksjon

    return registrer


def hent(b: Budsjett, tabell_id: str) -> Beregnet:
    """Table ``tabell_id`` for budget ``b``, built once per budget (builders use each other's tables)."""
    if tabell_id not in b.ferdige:
        b.ferdige[tabell_id] = BYGGERE[tabell_id](b)
    return b.ferdige[tabell_id]


def _last() -> None:
    from hoep.modell.tabeller import drift, finans, investering, omrader  # noqa: F401 (they register tables)


_last()
