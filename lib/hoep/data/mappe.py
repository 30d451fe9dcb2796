"""Where the project's files are: the project folder and the data folder (``$HOEP_DATA`` overrides)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

_ROT = Path(__file__).resolve().parents[3]


def prosjektrot() -> Path:
    """The project folder (where ``data/``, ``scenarios/`` and ``notebooks/`` are)."""
    return _ROT


def datamappe() -> Path:
    """The data folder: ``$HOEP_DATA`` if set, else ``data/`` at the project root."""
    return _mappe(os.environ.get("HOEP_DATA") or "")


@functools.lru_cache(maxsize=64)
def _mappe(miljo: str) -> Path:  # every cache is keyed by the folder: make the lookup cheap
    return Path(miljo) if miljo else _ROT / "data"
