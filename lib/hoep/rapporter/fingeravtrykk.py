"""Fingerprints: what a report depends on, and the manifest that records them per report.

A report is run again only when its fingerprint changes: the notebook, the scenario file, its
parameters, everything in ``data/``, the ``hoep`` library code and the versions of the packages that
execute and render notebooks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from hoep import data
from hoep.rapporter.filer import _skriv_atomisk
from hoep.rapporter.jobbliste import Jobb

MANIFEST = "manifest.json"


# Bump when reports change for a reason outside the fingerprinted files (e.g. the HTML template).
FINGERAVTRYKK_VERSJON = "1"


PAKKER = ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "numpy", "matplotlib", "seaborn",
          "openpyxl")


def _mappe_inn(h: hashlib._Hash, rot: Path, monster: str) -> None:
    for fil in sorted(p for p in rot.glob(monster) if p.is_file() and "__pycache__" not in p.parts):
        h.update(fil.relative_to(rot).as_posix().encode() + b"\0" + fil.read_bytes() + b"\0")


def grunnlag() -> str:
    """Hash of what every report depends on: ``data/`` (or ``$HOEP_DATA``), the ``hoep`` library code
    and its page templates (``maler/``, the report template among them) and the versions of the
    packages that execute and render the notebooks. A few MB: milliseconds."""
    from importlib import metadata


    h = hashlib.sha256(f"hoep-rapporter {FINGERAVTRYKK_VERSJON}\0".encode())
    _mappe_inn(h, data.datamappe(), "**/*")
    bibliotek = Path(__file__).resolve().parents[1]  # lib/hoep: every layer, not only hoep.rapporter
    for monster in ("**/*.py", "**/maler/**/*.html", "**/maler/**/*.j2"):
        _mappe_inn(h, bibliotek, monster)
    for pakke in PAKKER:
        try:
            h.update(f"{pakke}=={metadata.version(pakke)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pakke}: mangler\0".encode())
    return h.hexdigest()


def fingeravtrykk(jobb: Jobb, scenariofil: Path, grunn: str) -> str:
    """The fingerprint of one report: the notebook, the scenario file, its parameters and :func:`grunnlag`."""
    h = hashlib.sha256(grunn.encode())
    h.update(b"\0" + jobb.notatbok.read_bytes() + b"\0" + scenariofil.read_bytes() + b"\0")
    h.update(json.dumps({"fil": jobb.fil, "parametre": jobb.parametre, "tittel": jobb.tittel},
                        sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def les_manifest(mappe: Path) -> dict:
    """``reports/<scenario>/manifest.json``: per report file its fingerprint, status and run time."""
    try:
        innhold = json.loads((mappe / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return innhold.get("rapporter", {}) if isinstance(innhold, dict) else {}


def _skriv_manifest(mappe: Path, rapporter: dict) -> None:
    innhold = {"format": 1, "forklaring": "Laget av hoep rapporter: fingeravtrykk og status per rapport. "
               "En rapport med uendret fingeravtrykk og status ok kjøres ikke på nytt (bruk --tving).",
               "rapporter": dict(sorted(rapporter.items()))}
    _skriv_atomisk(mappe / MANIFEST, json.dumps(innhold, ensure_ascii=False, indent=1) + "\n")
