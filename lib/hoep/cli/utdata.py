"""Output for the command line: text tables, CSV and JSON-ready numbers."""

from __future__ import annotations

import csv
import io
import math

FORMATER = ("tabell", "csv", "json")


def _tall_eller_null(v: float) -> float | int | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v) if float(v).is_integer() else v


def _tekstabell(overskrifter: list[str], rader: list[list[str]], hoyre: set[int]) -> str:
    bredder = [max(len(str(x)) for x in [h, *(r[i] for r in rader)])
               for i, h in enumerate(overskrifter)]

    def linje(celler: list[str]) -> str:
        return "  ".join(str(c).rjust(b) if i in hoyre else str(c).ljust(b)
                         for i, (c, b) in enumerate(zip(celler, bredder, strict=True))).rstrip()

    return "\n".join([linje(overskrifter), linje(["-" * b for b in bredder]),
                      *(linje(r) for r in rader)])


def _csv(overskrifter: list[str], rader: list[list]) -> str:
    buf = io.StringIO()
    skriver = csv.writer(buf, lineterminator="\n")
    skriver.writerow(overskrifter)
    skriver.writerows(rader)
    return buf.getvalue().rstrip("\n")
