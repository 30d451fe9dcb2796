"""Reports: run the notebooks with papermill for one scenario and convert them to HTML.

Each notebook in ``notebooks/`` with a cell tagged ``parameters`` is executed with the scenario
file as parameter, converted to HTML without code cells, and written to
``reports/<scenario>/<notebook>.html``. An ``index.html`` links them with the scenario's name and
description. Files are written to a temporary name and renamed, so an interrupted run never
leaves a half-written report.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from hoep import scenario as sc
from hoep.feil import HoepFeil


def notatbokmappe() -> Path:
    return sc.prosjektrot() / "notebooks"


def notatboker(mappe: Path | None = None) -> list[Path]:
    """The report notebooks: every ``*.ipynb`` with a cell tagged ``parameters``, sorted by name."""
    ut = []
    for nb in sorted((mappe or notatbokmappe()).glob("*.ipynb")):
        innhold = json.loads(nb.read_text(encoding="utf-8"))
        if any("parameters" in (c.get("metadata", {}).get("tags") or [])
               for c in innhold.get("cells", [])):
            ut.append(nb)
    return ut


def tittel(nb: Path) -> str:
    """The notebook's first Markdown heading, used as the report title."""
    innhold = nbformat.read(nb, as_version=4)
    for celle in innhold.cells:
        if celle.cell_type == "markdown":
            for linje in celle.source.splitlines():
                if linje.startswith("#"):
                    return linje.lstrip("#").strip()
    return nb.stem


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


def kjor(nb: Path, scenariofil: Path, utfil: Path | None = None) -> nbformat.NotebookNode:
    """Execute one notebook with papermill for the scenario; return the executed notebook."""
    import papermill as pm

    with tempfile.TemporaryDirectory() as tmp:
        ut = utfil or Path(tmp) / nb.name
        try:
            pm.execute_notebook(
                str(nb), str(ut), parameters={"scenario": str(scenariofil.resolve())},
                cwd=str(nb.parent), progress_bar=False, kernel_name="python3",
            )
        except pm.PapermillExecutionError as e:
            raise HoepFeil(f"{nb.name}: notatboken feilet i celle {e.exec_count}: "
                           f"{e.ename}: {e.evalue}") from e
        return nbformat.read(ut, as_version=4)


def til_html(notatbok: nbformat.NotebookNode) -> str:
    """HTML without code cells (the reader sees text, tables and figures)."""
    from nbconvert import HTMLExporter

    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                             exclude_output_prompt=True)
    tekst, _ = eksportor.from_notebook_node(notatbok)
    return tekst


@dataclass(frozen=True)
class Rapport:
    navn: str
    tittel: str
    fil: Path


def _indeks(scen: sc.Scenario, rapporter: list[Rapport]) -> str:
    lenker = "\n".join(
        f'    <li><a href="{html.escape(r.fil.name)}">{html.escape(r.tittel)}</a></li>'
        for r in rapporter
    )
    endringer = "".join(
        f"<li><code>{html.escape(k)}</code>: "
        + ", ".join(f"{a}: {v:g}".replace(".", ",") for a, v in sorted(v.items()))
        + "</li>"
        for k, v in sorted(scen.overstyringer.items())
    ) or "<li>Ingen: dokumentet slik det er publisert.</li>"
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>HØP 2022-2025 – scenario {html.escape(scen.navn)}</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }}
    li {{ margin: 0.3rem 0; }}
  </style>
</head>
<body>
  <h1>Handlings- og økonomiplan 2022-2025: scenario «{html.escape(scen.navn)}»</h1>
  <p>{html.escape(scen.beskrivelse)}</p>
  <h2>Endrede forutsetninger</h2>
  <ul>{endringer}</ul>
  <h2>Rapporter</h2>
  <ul>
{lenker}
  </ul>
  <p>Laget med hoep fra Trondheim kommunes handlings- og økonomiplan 2022-2025 (kommunedirektørens
  forslag). Rapportene er generert; ikke rediger dem for hånd.</p>
</body>
</html>
"""


def lag(scenariofil: Path | None = None, utmappe: Path | None = None,
        utvalg: list[str] | None = None) -> list[Rapport]:
    """Write every report of the scenario and its index; return what was written."""
    scen = sc.les(scenariofil)
    mappe = (utmappe or sc.prosjektrot() / "reports") / scen.navn
    rapporter = []
    for nb in notatboker():
        if utvalg and nb.stem not in utvalg:
            continue
        print(f"  kjører {nb.name} …", flush=True)
        utfort = kjor(nb, scen.fil)
        fil = mappe / f"{nb.stem}.html"
        _skriv_atomisk(fil, til_html(utfort))
        rapporter.append(Rapport(nb.stem, tittel(nb), fil))
    _skriv_atomisk(mappe / "index.html", _indeks(scen, rapporter))
    return rapporter


def oppdater_notatboker(scenariofil: Path | None = None) -> list[Path]:
    """Re-execute the committed notebooks in place against a scenario (refreshes nbval's outputs)."""
    scen = sc.les(scenariofil)
    oppdatert = []
    for nb in notatboker():
        print(f"  kjører {nb.name} …", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            ut = Path(tmp) / nb.name
            kjor(nb, scen.fil, ut)
            innhold = nbformat.read(ut, as_version=4)
        # Keep the committed notebook portable: no papermill run metadata, no absolute paths.
        innhold.metadata.pop("papermill", None)
        for celle in innhold.cells:
            celle.metadata.pop("papermill", None)
            celle.metadata.pop("execution", None)
        innhold.cells = [c for c in innhold.cells
                         if "injected-parameters" not in c.metadata.get("tags", [])]
        _skriv_atomisk(nb, nbformat.writes(innhold) + "\n")
        oppdatert.append(nb)
    return oppdatert
