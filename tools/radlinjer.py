"""Write data/radlinjer.csv: the source line of every printed row of every table.

For each table of the catalogue, the rows are looked for in order inside the table's line range
(``kildelinjer``) of the extracted text: a row's line is the first line at or after the previous
row's line that starts with the row's title (compared without case, spaces and punctuation). A row
that is not found gets no line (``hoep forklar`` then shows the table's range).

Run from the project root: ``.venv/bin/python tools/radlinjer.py [SOURCE_TEXT]`` (default: the
shared seed). The output is deterministic; the tests only read it.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from hoep import data

STANDARD = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_d504826229faa1df.txt"


def _norm(tekst: str) -> str:
    return re.sub(r"[\W_]+", "", tekst.lower())


def radlinjer(linjer: list[str]) -> list[tuple[str, str, int]]:
    ut = []
    for tid in data.katalog()["id"]:
        info = data.info(tid)
        start, slutt = info.kildelinjer
        neste = start
        for rid, tittel in data.tabell(tid)["rad"].items():
            nokkel = _norm(str(tittel))[:24]
            if not nokkel:
                continue
            for nr in range(neste, slutt + 1):
                if _norm(linjer[nr - 1]).startswith(nokkel):
                    ut.append((tid, str(rid), nr))
                    neste = nr
                    break
    return ut


def main() -> None:
    kilde = Path(sys.argv[1]) if len(sys.argv) > 1 else STANDARD
    linjer = kilde.read_text(encoding="utf-8").splitlines()
    rader = radlinjer(linjer)
    with (data.datamappe() / "radlinjer.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tabell", "rad_id", "linje"])
        w.writerows(rader)
    print(f"{len(rader)} rader med kildelinje.")


if __name__ == "__main__":
    main()
