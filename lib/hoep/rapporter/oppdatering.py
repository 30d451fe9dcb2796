"""``make notebooks``: re-execute the committed notebooks in place against a scenario, for nbval."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

from hoep.feil import HoepFeil
from hoep.parametre import scenario as sc
from hoep.rapporter.filer import _skriv_atomisk
from hoep.rapporter.jobbliste import _metadata, notatboker, notatbokmappe
from hoep.rapporter.utforelse import kjor

BILDER = ("image/png", "image/jpeg", "image/svg+xml")


def uten_bilder(celle: nbformat.NotebookNode) -> None:
    """Drop images from a cell's outputs: nbval compares text and HTML only, and PNGs weighed 2.3 MB
    of the repository (the figure's text stand-in, e.g. ``<Figure size …>``, stays)."""
    for utdata in celle.get("outputs", []):
        for slag in BILDER:
            utdata.get("data", {}).pop(slag, None)


def oppdater_notatboker(scenariofil: Path | None = None, bare: list[str] | None = None) -> list[Path]:
    """Re-execute the committed notebooks in place against a scenario (refreshes nbval's outputs).

    ``bare`` limits the run to the notebooks with these names (``skatt_og_gebyrer`` or
    ``skatt_og_gebyrer.ipynb``); unknown names are an error.

    Templates are executed with their own defaults; an instance is executed from its template with
    its ``parametre`` and keeps papermill's injected-parameters cell, so nbval reruns it the same way.
    Images are not kept (:func:`uten_bilder`).
    """
    scen = sc.les(scenariofil)
    relativ = os.path.relpath(scen.fil.resolve(), notatbokmappe())
    alle = notatboker()
    if bare:
        onsket = {n if n.endswith(".ipynb") else f"{n}.ipynb" for n in bare}
        ukjente = sorted(onsket - {nb.name for nb in alle})
        if ukjente:
            raise HoepFeil(f"ukjent notatbok {', '.join(ukjente)}; "
                           f"finnes: {', '.join(nb.name for nb in alle)}")
        alle = [nb for nb in alle if nb.name in onsket]
    oppdatert = []
    for nb in alle:
        meta = _metadata(nb)
        kilde = notatbokmappe() / meta["instans_av"] if meta.get("instans_av") else nb
        parametre = {"scenario": relativ, **meta.get("parametre", {})}
        print(f"  kjører {nb.name} …", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            ut = Path(tmp) / nb.name
            kjor(kilde, parametre, ut)
            innhold = nbformat.read(ut, as_version=4)
        # Keep the committed notebook portable: no papermill run metadata, no absolute paths.
        innhold.metadata.pop("papermill", None)
        innhold.metadata.pop("widgets", None)  # widget state: large, random model ids
        for celle in innhold.cells:
            celle.metadata.pop("papermill", None)
            celle.metadata.pop("execution", None)
            uten_bilder(celle)
        if meta.get("instans_av"):
            innhold.metadata["hoep"] = meta
            for nr, celle in enumerate(innhold.cells):
                celle["id"] = f"celle-{nr}"
        else:
            innhold.cells = [c for c in innhold.cells
                             if "injected-parameters" not in c.metadata.get("tags", [])]
        _skriv_atomisk(nb, nbformat.writes(innhold) + "\n")
        oppdatert.append(nb)
    return oppdatert
