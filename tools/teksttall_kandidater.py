"""Candidates for the register of text figures (issue 16): every number in the running text near
«mill»/«milliard»/«prosent»/«%»/«kr» or in a sentence with a year.

Reads the extracted text of the document and the catalogue's ``kildelinjer`` (lines inside a
published table are not running text), and prints one line per candidate: source line, chapter,
kind, the figure as printed and a short window of the line around it, for a reader to decide
whether the figure restates a table. The decisions are data (``data/tekstkontroller.yaml``);
this script only finds what to look at, and with ``--mot-register`` lists the candidates the
register has not decided yet.

    .venv/bin/python tools/teksttall_kandidater.py [DOKUMENT] [--kapittel N] [--sammendrag]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROT = Path(__file__).resolve().parents[1]
DOKUMENT = Path("/work/shared/seed/000_d504826229faa1df.txt")

# A printed number: minus (U+2212 or -), space-separated thousands, comma decimals.
TALL = re.compile(r"(?<![\w,.\d])([−-]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|[−-]?\d+(?:,\d+)?)(?![\w\d])")
# Units after the number (same line, a few words on).
ENHET = re.compile(r"^\s*(?:\w+\s+){0,2}?(mill\w*|milliard\w*|mrd\.?|prosentpoeng|prosent|%|kr\b|kroner|"
                   r"årsverk|plasser|tonn)", re.IGNORECASE)
AR = re.compile(r"\b(20[12]\d)\b")
# Spelled-out numbers the text uses before a unit («ni millioner kroner»).
ORD = re.compile(r"(?<![\w])(to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|"
                 r"førti|femti|"
                 r"hundre)\s+(millioner|milliarder|mill\.|prosent|prosentpoeng)", re.IGNORECASE)
# Numbers that are labels, not figures: «Tabell 8-4», «kapittel 23», «sak 101/21», dates, «2022-25».
ETIKETT = re.compile(r"(tabell|tabellen|figur|kapittel|kapitlet|kap\.|sak|side|punkt|post|nr\.?|jf\.?|§)\s*$",
                     re.IGNORECASE)
MANED = re.compile(r"^\.?\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
                   r"desember)",
                   re.IGNORECASE)
KAPITTEL = re.compile(r"^\s?(\d{1,2})\.? ([A-ZÆØÅ][^\d]{2,60})$")


def kapitler(linjer: list[str]) -> list[tuple[int, int]]:
    """(first line, chapter) for each chapter heading in increasing order (1 Innstilling … 38)."""
    starter: list[tuple[int, int]] = []
    neste = 1
    for nr, linje in enumerate(linjer, start=1):
        m = KAPITTEL.match(linje.rstrip())
        if not m or int(m.group(1)) != neste:
            continue
        etter = [x.strip() for x in linjer[nr:nr + 4] if x.strip()]
        if linje.startswith(" ") or neste <= 2 or (etter and etter[0].startswith(f"{neste}.1")):
            starter.append((nr, neste))
            neste += 1
    return starter


def kapittel_for(starter: list[tuple[int, int]], linje: int) -> int:
    kap = 0
    for start, k in starter:
        if start <= linje:
            kap = k
    return kap


def tabellinjer(katalog: Path) -> set[int]:
    pakke = json.loads(katalog.read_text(encoding="utf-8"))
    linjer: set[int] = set()
    for ressurs in pakke["resources"]:
        fra, til = ressurs["kildelinjer"]
        linjer.update(range(fra, til + 1))
    return linjer


def kandidater(linjer: list[str], utenfor: set[int]):
    """Yield (line, kind, figure, window) for each number in running text worth deciding on."""
    for nr, linje in enumerate(linjer, start=1):
        if nr in utenfor:
            continue
        ar_i_linjen = set(AR.findall(linje))
        for m in ORD.finditer(linje):
            vindu = linje[max(0, m.start() - 50):m.end() + 40].strip()
            yield nr, m.group(2).lower().rstrip("."), m.group(1), vindu
        for m in TALL.finditer(linje):
            tekst = m.group(1)
            for_ = linje[max(0, m.start() - 12):m.start()]
            if (ETIKETT.search(for_) or MANED.match(linje[m.end():]) or re.match(r"^[-/]\d", linje[m.end():])
                    or re.search(r"\d[-/]$", for_) or re.fullmatch(r"(19|20)\d\d", tekst)):
                continue  # a label, a date, a range of years or a year
            etter = linje[m.end():m.end() + 40]
            if not etter.strip() and nr < len(linjer):
                etter = " " + linjer[nr][:40]  # the unit is on the next line
            enhet = ENHET.match(etter)
            if enhet:
                art = enhet.group(1).lower().rstrip(".")
            elif tekst in ar_i_linjen:
                continue  # the year itself
            elif ar_i_linjen and re.fullmatch(r"[−-]?\d[\d ]*(,\d+)?", tekst) and len(tekst) > 1:
                art = "nær år"
            else:
                continue
            vindu = linje[max(0, m.start() - 50):m.end() + 40].strip()
            yield nr, art, tekst, vindu


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Kandidater til registeret over tall i teksten.")
    p.add_argument("dokument", nargs="?", type=Path, default=DOKUMENT)
    p.add_argument("--kapittel", type=int)
    p.add_argument("--sammendrag", action="store_true", help="bare antall per kapittel og art")
    p.add_argument("--mot-register", action="store_true",
                   help="bare kandidater på linjer registeret ikke har vurdert")
    a = p.parse_args(argv)
    linjer = a.dokument.read_text(encoding="utf-8").split("\n")
    starter = kapitler(linjer)
    vurdert: set[int] = set()
    if a.mot_register:
        register = yaml.safe_load((ROT / "data" / "tekstkontroller.yaml").read_text("utf-8"))
        for post in register.get("tall", []):
            vurdert.add(int(post["linje"]))
        for kapittel in register.get("gjennomgang", []):
            vurdert.update(int(linje) for linje in kapittel.get("uten_tabell", []))
    teller: Counter = Counter()
    for nr, art, tekst, vindu in kandidater(linjer, tabellinjer(ROT / "data" / "datapackage.json")):
        kap = kapittel_for(starter, nr)
        if a.kapittel is not None and kap != a.kapittel:
            continue
        if nr in vurdert:
            continue
        teller[(kap, art if art == "nær år" else "enhet")] += 1
        if not a.sammendrag:
            print(f"{nr}\tkap {kap}\t{art}\t{tekst}\t{vindu}")
    if a.sammendrag:
        for (kap, art), n in sorted(teller.items()):
            print(f"kap {kap}\t{art}\t{n}")
        print(f"i alt\t{sum(teller.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
