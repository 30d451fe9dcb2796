"""Writing report files atomically: temporary names beside the target, then a rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _skriv_atomisk(sti: Path, tekst: str) -> None:
    sti.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(tekst)
        os.chmod(tmp, 0o644)
        os.replace(tmp, sti)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _skriv_atomisk_bytes(sti: Path, innhold: bytes) -> None:
    sti.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(innhold)
        os.chmod(tmp, 0o644)
        os.replace(tmp, sti)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _bytt_mappe(ny: Path, sted: Path, arbeid: Path) -> None:
    """Put folder ``ny`` (or nothing, if it does not exist) where ``sted`` is, by renames only."""
    if sted.exists():
        os.replace(sted, arbeid / "gammel")
    if ny.exists():
        sted.parent.mkdir(parents=True, exist_ok=True)
        os.replace(ny, sted)


def _rydd(mappe: Path) -> None:
    """Remove what a killed run left behind: its private temporary files and folders."""
    if not mappe.is_dir():
        return
    for rest in mappe.glob(".tmp-*"):
        shutil.rmtree(rest, ignore_errors=True)
    for rest in mappe.glob(".*.tmp"):
        rest.unlink(missing_ok=True)
