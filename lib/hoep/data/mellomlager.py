"""Caches keyed by the data folder they read, and one function that clears them all.

Every cache of a loaded table, list or derived value in ``hoep`` is made with :func:`husk`
(a function that takes the data folder as its first argument) or :func:`per_datamappe` (a function
of the current data folder, ``$HOEP_DATA`` or ``data/``), so pointing ``HOEP_DATA`` at another
folder never serves values from the old one, and :func:`nullstill` forgets everything.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from hoep.data.mappe import datamappe

_alle: list = []


def husk(funksjon: Callable) -> Callable:
    """``functools.cache``, registered so :func:`nullstill` clears it."""
    lagret = functools.cache(funksjon)
    _alle.append(lagret)
    return lagret


def per_datamappe(funksjon: Callable) -> Callable:
    """Cache ``funksjon(*args)`` per data folder (the folder is part of the key)."""

    @functools.cache
    def lagret(mappe, *args):  # noqa: ANN001, ANN202
        return funksjon(*args)

    @functools.wraps(funksjon)
    def kall(*args):  # noqa: ANN202
        return lagret(datamappe(), *args)

    kall.cache_clear = lagret.cache_clear
    _alle.append(lagret)
    return kall


def registrer(tom: Callable[[], None]) -> None:
    """Let :func:`nullstill` also empty a cache kept elsewhere (``tom`` empties it)."""
    _alle.append(_Tommer(tom))


class _Tommer:
    def __init__(self, tom: Callable[[], None]):
        self.cache_clear = tom


def nullstill() -> None:
    """Forget every cached value (after a data file changed in the same process, e.g. in tests)."""
    for lagret in _alle:
        lagret.cache_clear()
