"""The document's plan tables computed from one :class:`~hoep.modell.budsjett.Budsjett`.

Each module builds one family of tables and registers a builder per table id with :func:`tabell`:
:mod:`finans` (chapter 8's debt, borrowing and finance tables), :mod:`drift` (chapter 2's drift
statements, the Rammer tables, the sector tables), :mod:`omrader` (every area's frame bridge and
tiltak), :mod:`investering` (investments and financing: chapter 2, 3, 8 and the areas).
"""

from __future__ import annotations

from collections.abc import Callable

from hoep.data import avvik, mellomlager
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
    """Table ``tabell_id`` for budget ``b``, built once per budget (builders use each other's tables).

    Every table carries two kinds of notes: that the budget is not balanced, year by year
    (kommuneloven § 14-4), and the registered contradictions of the document that touch the table
    (``data/avvik.yaml``).
    """
    if tabell_id not in b.ferdige:
        t = BYGGERE[tabell_id](b)
        t.merknader = [*balansemerknader(b), *t.merknader, *_registerte(tabell_id)]
        b.ferdige[tabell_id] = t
    return b.ferdige[tabell_id]


def balansemerknader(b: Budsjett) -> list[str]:
    """«IKKE I BALANSE» for every year the budget is not balanced (kommuneloven § 14-4)."""
    if b.i_balanse:
        return []
    return [f"IKKE I BALANSE {a}: {r['forklaring']} (kommuneloven § 14-4)."
            for a, r in b.plan.balanse().iterrows() if not r["i_balanse"]]


def _registerte(tabell_id: str) -> list[str]:
    return [f"Registrert selvmotsigelse i dokumentet («{i}»): {tekst}"
            for i, tekst in _register_per_tabell().get(tabell_id, [])]


@mellomlager.per_datamappe
def _register_per_tabell() -> dict[str, list[tuple[str, str]]]:
    """The register's entries by the tables their places are in."""
    ut: dict[str, list[tuple[str, str]]] = {}
    for post in avvik.register():
        for tid in dict.fromkeys(s.tabell for s in post.steder if s.tabell):
            ut.setdefault(tid, []).append((post.id, " ".join(post.beskrivelse.split())))
    return ut


def _last() -> None:
    from hoep.modell.tabeller import drift, finans, investering, omrader  # noqa: F401 (they register tables)


_last()
