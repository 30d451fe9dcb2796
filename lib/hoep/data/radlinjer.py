"""The source line of each printed row (``data/radlinjer.csv``, written by ``tools/radlinjer.py``).

A row's line is where its title stands in the extracted text of the document; rows the tool could
not place have none, and a caller falls back to the table's line range (``kildelinjer``).
"""

from __future__ import annotations

import csv

from hoep.data import mellomlager
from hoep.data.katalog import info
from hoep.data.mappe import datamappe
from hoep.data.tabeller import tabell
from hoep.feil import DataFeil

FIL = "radlinjer.csv"


@mellomlager.per_datamappe
def _alle() -> dict[tuple[str, str], int]:
    fil = datamappe() / FIL
    if not fil.exists():
        return {}
    ut: dict[tuple[str, str], int] = {}
    with fil.open(encoding="utf-8", newline="") as f:
        leser = csv.DictReader(f)
        if leser.fieldnames != ["tabell", "rad_id", "linje"]:
            raise DataFeil(f"{fil}: kolonnene må være tabell, rad_id, linje")
        for nr, r in enumerate(leser, start=2):
            try:
                t = info(r["tabell"])
            except DataFeil as e:
                raise DataFeil(f"{fil}, linje {nr}: {e}") from None
            if r["rad_id"] not in tabell(r["tabell"], kopi=False).index:
                raise DataFeil(f"{fil}, linje {nr}: tabell «{r['tabell']}» har ingen rad «{r['rad_id']}»")
            if not r["linje"].isdigit() or not t.kildelinjer[0] <= int(r["linje"]) <= t.kildelinjer[1]:
                raise DataFeil(f"{fil}, linje {nr}: «linje» må være et heltall i tabellens kildelinjer "
                               f"{t.kildelinjer[0]}-{t.kildelinjer[1]}, fikk «{r['linje']}»")
            ut[(r["tabell"], r["rad_id"])] = int(r["linje"])
    return ut


def kildelinje(tabell_id: str, rad_id: str) -> int | None:
    """The line of the extracted text where row ``rad_id`` of ``tabell_id`` is printed, if known."""
    return _alle().get((tabell_id, rad_id))
