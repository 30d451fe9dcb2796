"""Where the project's files are: the project folder and the data folder (``$HOEP_DATA`` overrides)."""

from __future__ import annotations

import os
from pathlib import Path

_ROT = Path(__file__).resolve().parents[3]  # resolved once: every cached lookup asks for the data folder


def prosjektrot() -> Path:
    """The project folder (where ``data/``, ``scenarios/`` and ``notebooks/`` are)."""
    return _ROT


def datamappe() -> Path:
    """The data folder: ``$HOEP_DATA`` if set, else ``data/`` at the project root."""
    miljo = os.environ.get("HOEP_DATA")
    return Path(miljo) if miljo else prosjektrot() / "data"
