"""The reports of a run: which notebooks, expanded per area and sector, and their titles.

Each notebook in ``notebooks/`` with a cell tagged ``parameters`` becomes a report; its metadata
``hoep`` says how: nothing (once, ``<notebook>.html``), ``{"per": "omrade"}`` or ``{"per": "sektor"}``
(a template run once per area or sector), or ``{"instans_av": ...}`` (a committed executed instance
kept for nbval, skipped by runs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from hoep import data

# What can happen to a report in a run.
OK, UENDRET, FEILET, AVBRUTT = "ok", "uendret", "feilet", "avbrutt"


def notatbokmappe() -> Path:
    return data.prosjektrot() / "notebooks"


def _metadata(nb: Path) -> dict:
    return json.loads(nb.read_text(encoding="utf-8")).get("metadata", {}).get("hoep", {})


def notatboker(mappe: Path | None = None) -> list[Path]:
    """The notebooks with a cell tagged ``parameters``, sorted by name (templates and instances too)."""
    ut = []
    for nb in sorted((mappe or notatbokmappe()).glob("*.ipynb")):
        innhold = json.loads(nb.read_text(encoding="utf-8"))
        if any("parameters" in (c.get("metadata", {}).get("tags") or [])
               for c in innhold.get("cells", [])):
            ut.append(nb)
    return ut


def tittel(nb: Path) -> str:
    """The notebook's first Markdown heading, used as the report title.

    Read as JSON (nbformat 4 keeps a cell's source as a string or a list of lines): a run whose
    reports are all unchanged then never imports nbformat, whose jsonschema import costs seconds.
    """
    innhold = json.loads(nb.read_text(encoding="utf-8"))
    for celle in innhold.get("cells", []):
        if celle.get("cell_type") == "markdown":
            kilde = celle.get("source", "")
            for linje in ("".join(kilde) if isinstance(kilde, list) else kilde).splitlines():
                if linje.startswith("#"):
                    return linje.lstrip("#").strip()
    return nb.stem


@dataclass(frozen=True)
class Jobb:
    """One report to write: which notebook, with which parameters, to which file."""

    notatbok: Path
    fil: str
    tittel: str
    parametre: dict = field(default_factory=dict)
    sektor: str | None = None
    omrade: str | None = None
    familie: str = ""  # the workbook sheet: the notebook's title, or the template's kind


def jobber(mappe: Path | None = None) -> list[Jobb]:
    """Every report of a run: single notebooks, and the templates expanded per area and sector."""
    from hoep.modell import omrader as omrade

    ut = []
    for nb in notatboker(mappe):
        meta = _metadata(nb)
        if meta.get("instans_av"):
            continue
        if meta.get("per") == "omrade":
            for rad in omrade.tjenesteomrader().itertuples():
                ut.append(Jobb(nb, f"omrade_{rad.omrade}.html", rad.navn, {"omrade": rad.omrade},
                               sektor=rad.sektor, omrade=rad.omrade, familie="Tjenesteområder"))
        elif meta.get("per") == "sektor":
            for s in omrade.sektorer():
                ut.append(Jobb(nb, f"sektor_{s}.html", f"Sektor: {omrade.SEKTORNAVN[s]}", {"sektor": s},
                               sektor=s, familie="Sektorer"))
        else:
            t = tittel(nb)
            ut.append(Jobb(nb, f"{nb.stem}.html", t, familie=t.split(":")[0].strip()))
    return ut
