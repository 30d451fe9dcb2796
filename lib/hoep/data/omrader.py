"""The canonical list of service areas (``data/omrader.csv``): id, printed name, sector, chapter.

The document spells some areas in several ways; ``skrivemater`` lists the variants so every table
can be tied to its area.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hoep.data import mellomlager
from hoep.data.lesing import les_liste
from hoep.data.mappe import datamappe
from hoep.feil import DataFeil


@mellomlager.husk
def _omrader(mappe: Path) -> pd.DataFrame:
    return les_liste(mappe / "omrader.csv", ["omrade", "navn", "sektor", "kapittel", "skrivemater"],
                     "tjenesteområder")


def omrader() -> pd.DataFrame:
    """The canonical list of areas (``data/omrader.csv``): id, printed name, sector, chapter."""
    return _omrader(datamappe()).copy()


def omrade_id(navn: str) -> str:
    """The canonical area id for a printed area name or one of its spelling variants."""
    nokkel = " ".join(navn.split()).lower()
    for rad in _omrader(datamappe()).itertuples():
        varianter = [rad.omrade, rad.navn, *filter(None, rad.skrivemater.split("|"))]
        if nokkel in (v.lower() for v in varianter):
            return rad.omrade
    raise DataFeil(f"Ukjent tjenesteområde «{navn}». Se data/omrader.csv for navn og skrivemåter.")
