"""Reports: run the notebooks with papermill for one scenario and convert them to HTML.

Each notebook in ``notebooks/`` with a cell tagged ``parameters`` becomes a report in
``reports/<scenario>/``, converted to HTML without code cells. A notebook's metadata ``hoep``
says how it is run:

- nothing: once, as ``<notebook>.html``;
- ``{"per": "omrade"}``: a template run once per service area (parameter ``omrade``), as
  ``omrade_<id>.html``; ``{"per": "sektor"}``: once per sector, as ``sektor_<id>.html``;
- ``{"instans_av": "<template>.ipynb", "parametre": {...}}``: a committed, executed instance of a
  template, kept for nbval; ``make notebooks`` refreshes it, reports skip it.

``index.html`` lists the reports grouped by sector, with each area's 2022 frame and real change.
Files are written to a temporary name and renamed, so an interrupted run never leaves a
half-written report.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from hoep import format
from hoep import scenario as sc
from hoep.feil import HoepFeil


def notatbokmappe() -> Path:
    return sc.prosjektrot() / "notebooks"


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


def kjor(nb: Path, parametre: dict, utfil: Path | None = None) -> nbformat.NotebookNode:
    """Execute one notebook with papermill and the given parameters; return the executed notebook."""
    import papermill as pm

    with tempfile.TemporaryDirectory() as tmp:
        ut = utfil or Path(tmp) / nb.name
        try:
            pm.execute_notebook(str(nb), str(ut), parameters=parametre, cwd=str(nb.parent),
                                progress_bar=False, kernel_name="python3")
        except pm.PapermillExecutionError as e:
            raise HoepFeil(f"{nb.name} ({parametre}): notatboken feilet i celle {e.exec_count}: "
                           f"{e.ename}: {e.evalue}") from e
        return nbformat.read(ut, as_version=4)


def til_html(notatbok: nbformat.NotebookNode) -> str:
    """HTML without code cells (the reader sees text, tables and figures)."""
    from nbconvert import HTMLExporter

    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    # Saved widget state would make the page load the widget library from a CDN: a report is static
    # (teaching panels show their state as plain output, see hoep.laer).
    notatbok.metadata.pop("widgets", None)
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                             exclude_output_prompt=True)
    tekst, _ = eksportor.from_notebook_node(notatbok)
    return tekst


@dataclass(frozen=True)
class Jobb:
    """One report to write: which notebook, with which parameters, to which file."""

    notatbok: Path
    fil: str
    tittel: str
    parametre: dict = field(default_factory=dict)
    sektor: str | None = None
    omrade: str | None = None


def jobber() -> list[Jobb]:
    """Every report of a run: single notebooks, and the templates expanded per area and sector."""
    from hoep import omrade

    ut = []
    for nb in notatboker():
        meta = _metadata(nb)
        if meta.get("instans_av"):
            continue
        if meta.get("per") == "omrade":
            for rad in omrade.tjenesteomrader().itertuples():
                ut.append(Jobb(nb, f"omrade_{rad.omrade}.html", rad.navn, {"omrade": rad.omrade},
                               sektor=rad.sektor, omrade=rad.omrade))
        elif meta.get("per") == "sektor":
            for s in omrade.sektorer():
                ut.append(Jobb(nb, f"sektor_{s}.html", f"Sektor: {omrade.SEKTORNAVN[s]}", {"sektor": s},
                               sektor=s))
        else:
            ut.append(Jobb(nb, f"{nb.stem}.html", tittel(nb)))
    return ut


def _indeks(scen: sc.Scenario, laget: list[Jobb]) -> str:
    from hoep import omrade

    def lenke(j: Jobb) -> str:
        return f'<a href="{html.escape(j.fil)}">{html.escape(j.tittel)}</a>'

    felles = "\n".join(f"    <li>{lenke(j)}</li>" for j in laget
                       if j.sektor is None and not j.notatbok.stem.startswith("laer_"))
    laering = "\n".join(f"    <li>{lenke(j)}</li>" for j in laget if j.notatbok.stem.startswith("laer_"))
    laering = (f"  <h2>Lær budsjettet</h2>\n  <p>Notatbøker med interaktive paneler (åpne dem med "
               f"<code>make lab</code>); her med standardvalgene.</p>\n  <ul>\n{laering}\n  </ul>\n"
               if laering else "")
    oversikt = omrade.oversikt().set_index("omrade")
    seksjoner = []
    for s in omrade.sektorer():
        sektorjobb = [j for j in laget if j.sektor == s and j.omrade is None]
        rader = []
        for j in (j for j in laget if j.sektor == s and j.omrade):
            o = oversikt.loc[j.omrade]
            reell = format.tall(o.reell_endring_2022, 1)  # blank where the area has no frame table
            rader.append(f"      <tr><td>{lenke(j)}</td>"
                         f"<td class=\"tall\">{format.tall(o.ramme_2022, 1)}</td>"
                         f"<td class=\"tall\">{reell}</td></tr>")
        if not rader and not sektorjobb:
            continue
        overskrift = lenke(sektorjobb[0]) if sektorjobb else html.escape(omrade.SEKTORNAVN[s])
        seksjoner.append(
            f"  <h3>{overskrift}</h3>\n  <table>\n      <tr><th>Tjenesteområde</th>"
            "<th>Ramme 2022, mill. kr</th><th>Reell endring 2022</th></tr>\n" + "\n".join(rader)
            + "\n  </table>")
    endringer = "".join(
        f"<li><code>{html.escape(k)}</code>: "
        + ", ".join(f"{a}: {v:g}".replace(".", ",") for a, v in sorted(v.items()))
        + "</li>"
        for k, v in sorted(scen.overstyringer.items())
    )
    if not scen.klima.tom:
        endringer += "<li>Klimabudsjettet: se rapporten om klimabudsjettet.</li>"
    endringer = endringer or "<li>Ingen: dokumentet slik det er publisert.</li>"
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>HØP 2022-2025 – scenario {html.escape(scen.navn)}</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }}
    li {{ margin: 0.3rem 0; }}
    table {{ border-collapse: collapse; margin-bottom: 1rem; }}
    th, td {{ padding: 0.2rem 0.8rem; border-bottom: 1px solid #ddd; text-align: left; }}
    td.tall {{ text-align: right; }}
  </style>
</head>
<body>
  <h1>Handlings- og økonomiplan 2022-2025: scenario «{html.escape(scen.navn)}»</h1>
  <p>{html.escape(scen.beskrivelse)}</p>
  <h2>Endrede forutsetninger</h2>
  <ul>{endringer}</ul>
  <h2>Økonomi og hele dokumentet</h2>
  <ul>
{felles}
  </ul>
{laering}  <h2>Sektorer og tjenesteområder</h2>
  <p>Forslag til netto driftsramme 2022 og reell rammeendring fra korrigert budsjett 2021
  (områdenes kapitler, mill. kr, 2022-kroner).</p>
{chr(10).join(seksjoner)}
  <p>Laget med hoep fra Trondheim kommunes handlings- og økonomiplan 2022-2025 (kommunedirektørens
  forslag). Rapportene er generert; ikke rediger dem for hånd.</p>
</body>
</html>
"""


def lag(scenariofil: Path | None = None, utmappe: Path | None = None) -> list[Jobb]:
    """Write every report of the scenario and its index; return what was written."""
    scen = sc.les(scenariofil)
    mappe = (utmappe or sc.prosjektrot() / "reports") / scen.navn
    laget = []
    for jobb in jobber():
        print(f"  kjører {jobb.notatbok.name} {jobb.parametre or ''}", flush=True)
        utfort = kjor(jobb.notatbok, {"scenario": str(scen.fil.resolve()), **jobb.parametre})
        _skriv_atomisk(mappe / jobb.fil, til_html(utfort))
        laget.append(jobb)
    _skriv_atomisk(mappe / "index.html", _indeks(scen, laget))
    return laget


def oppdater_notatboker(scenariofil: Path | None = None, bare: list[str] | None = None) -> list[Path]:
    """Re-execute the committed notebooks in place against a scenario (refreshes nbval's outputs).

    ``bare`` limits the run to the notebooks with these names (``skatt_og_gebyrer`` or
    ``skatt_og_gebyrer.ipynb``); unknown names are an error.

    Templates are executed with their own defaults; an instance is executed from its template with
    its ``parametre`` and keeps papermill's injected-parameters cell, so nbval reruns it the same way.
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
