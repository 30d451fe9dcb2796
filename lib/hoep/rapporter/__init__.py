"""Reports: run the notebooks with papermill for one or more scenarios and convert them to HTML.

Each notebook in ``notebooks/`` with a cell tagged ``parameters`` becomes a report in
``reports/<scenario>/``, converted to HTML without code cells. A notebook's metadata ``hoep``
says how it is run:

- nothing: once, as ``<notebook>.html``;
- ``{"per": "omrade"}``: a template run once per service area (parameter ``omrade``), as
  ``omrade_<id>.html``; ``{"per": "sektor"}``: once per sector, as ``sektor_<id>.html``;
- ``{"instans_av": "<template>.ipynb", "parametre": {...}}``: a committed, executed instance of a
  template, kept for nbval; ``make notebooks`` refreshes it, reports skip it.

A run (:func:`lag_alle`, ``hoep rapporter``):

1. reads and validates every scenario file first; one bad file stops the run before anything runs;
2. expands notebooks × parameters × scenarios into jobs, and skips a job whose fingerprint
   (:func:`fingeravtrykk`: the notebook, the scenario file, ``data/``, ``lib/hoep`` and the versions
   of the packages that render) equals the one ``reports/<scenario>/manifest.json`` records for a
   report that succeeded; ``tving`` runs everything;
3. runs the rest in a pool of ``jobber`` worker processes, one kernel each (default: the number of
   cores), starting kernels at least :data:`STARTAVSTAND` seconds apart and retrying a kernel that
   fails to start (jupyter_client picks free ports and releases them before the kernel binds them,
   so two kernels started at once can race for a port: papermill issue #511, ipykernel PR #412);
4. writes each report and its CSV exports (``data/<report>/``, see :mod:`hoep.eksport`) to temporary
   names and renames them into place, so an interrupted run never leaves a half-written report
   where a good one was. A notebook that raises gets a page naming the cell and the error instead;
   the other jobs go on;
5. writes each scenario's ``index.html`` (failed reports marked), ``hoep.xlsx`` and manifest, and
   with several scenarios calls :func:`lag_sammenligning`.

``index.html`` lists the reports grouped by sector, with each area's 2022 frame and real change.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from hoep import data, tall
from hoep.feil import HoepFeil
from hoep.parametre import scenario as sc
from hoep.rapporter import eksport

OK, UENDRET, FEILET, AVBRUTT = "ok", "uendret", "feilet", "avbrutt"
MANIFEST = "manifest.json"
ARBEIDSBOK = "hoep.xlsx"
KJERNEFORSOK = 3  # attempts to start a kernel before the job is reported as failed
STARTAVSTAND = 0.5  # seconds between two kernel starts in a pool (staggered against port races)
KJERNEPAUSE = 1.0  # seconds to wait before the second attempt to start a kernel, twice that before the third
# Bump when reports change for a reason outside the fingerprinted files (e.g. the HTML template).
FINGERAVTRYKK_VERSJON = "1"
PAKKER = ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "numpy", "matplotlib", "seaborn",
          "openpyxl")


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


# The lab template without scripts from the web: reports open offline and load nothing at run time.
_MAL = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def til_html(notatbok: nbformat.NotebookNode, tittel: str = "Rapport") -> str:
    """HTML without code cells (the reader sees text, tables and figures) and without web scripts."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    # Saved widget state would make the page load the widget library from a CDN: a report is static
    # (teaching panels show their state as plain output, see hoep.laer).
    notatbok.metadata.pop("widgets", None)
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                             extra_loaders=[DictLoader({"hoep.html.j2": _MAL})], template_file="hoep.html.j2")
    tekst, _ = eksportor.from_notebook_node(notatbok, resources={"metadata": {"name": tittel},
                                                                 "language_code": "nb"})
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


# --- Fingerprints: what a report depends on ---------------------------------------------------

def _mappe_inn(h: hashlib._Hash, rot: Path, monster: str) -> None:
    for fil in sorted(p for p in rot.glob(monster) if p.is_file() and "__pycache__" not in p.parts):
        h.update(fil.relative_to(rot).as_posix().encode() + b"\0" + fil.read_bytes() + b"\0")


def grunnlag() -> str:
    """Hash of what every report depends on: ``data/`` (or ``$HOEP_DATA``), the ``hoep`` library code
    and the versions of the packages that execute and render the notebooks. A few MB: milliseconds."""
    from importlib import metadata


    h = hashlib.sha256(f"hoep-rapporter {FINGERAVTRYKK_VERSJON}\0".encode())
    _mappe_inn(h, data.datamappe(), "**/*")
    _mappe_inn(h, Path(__file__).resolve().parent, "**/*.py")
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


# --- One job: execute, convert, export, write atomically ---------------------------------------

@dataclass(frozen=True)
class Oppgave:
    """A job for one scenario: where its report goes and the fingerprint it will be recorded with."""

    scenario: str
    scenariofil: Path
    mappe: Path
    jobb: Jobb
    nokkel: str


@dataclass(frozen=True)
class Resultat:
    oppgave: Oppgave
    status: str  # OK, UENDRET, FEILET or AVBRUTT
    sekunder: float = 0.0
    forsok: int = 0
    melding: str = ""


_tur: tuple | None = None  # (lock, last start time) shared by the pool's workers


def _init_arbeider(las, sist) -> None:  # noqa: ANN001 (multiprocessing synchronisation objects)
    """A pool worker: share the start clock; leave Ctrl-C to the main process; clean up on SIGTERM."""
    global _tur
    _tur = (las, sist)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def _vent_pa_tur() -> None:
    """Stagger kernel starts across the pool: at least STARTAVSTAND seconds between two starts."""
    if _tur is None:
        return
    las, sist = _tur
    with las:
        vent = sist.value + STARTAVSTAND - time.time()
        if vent > 0:
            time.sleep(vent)
        sist.value = time.time()


def _kjor_notatbok(nb: Path, parametre: dict, utfil: Path, oppstart: str = "") -> nbformat.NotebookNode:
    """Execute ``nb`` with papermill; ``oppstart`` is Python the kernel runs first (the export hook)."""
    import papermill as pm

    ekstra = [f"--IPKernelApp.exec_lines={json.dumps([oppstart])}"] if oppstart else []
    pm.execute_notebook(str(nb), str(utfil), parameters=parametre, cwd=str(nb.parent),
                        progress_bar=False, kernel_name="python3", extra_arguments=ekstra)
    return nbformat.read(utfil, as_version=4)


def _kodecelle(utfort: Path, kjoring: int) -> int | str:
    """The number of the cell that ran as In [kjoring] among the notebook's own code cells.

    papermill's injected parameters cell is not counted, so the number matches the notebook as
    written; ``?`` if the executed notebook cannot be read.
    """
    try:
        celler = nbformat.read(utfort, as_version=4).cells
    except (OSError, ValueError):
        return "?"
    nr = 0
    for c in celler:
        if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", []):
            nr += 1
            if c.get("execution_count") == kjoring:
                return nr
    return "?"


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def feilside(tittel: str, scenario: str, notatbok: str, parametre: dict, overskrift: str, forklaring: str,
             celle: str = "", spor: str = "") -> str:
    """The page that stands in for a report whose notebook failed: which notebook, cell and error."""
    e = html.escape
    deler = [f"<h2>Cellen som feilet</h2>\n<pre>{e(celle)}</pre>" if celle else "",
             f"<h2>Feilsporing</h2>\n<pre>{e(_ANSI.sub('', spor))}</pre>" if spor else ""]
    parametertekst = ", ".join(f"{k} = {v}" for k, v in parametre.items() if k != "scenario") or "ingen"
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>Feil: {e(tittel)} – scenario {e(scenario)}</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }}
    .feil {{ border: 2px solid #b00020; background: #fdecea; padding: 0.5rem 1rem; }}
    pre {{ background: #f5f5f5; padding: 0.5rem; overflow-x: auto; white-space: pre-wrap; }}
  </style>
</head>
<body>
  <h1>{e(tittel)}</h1>
  <div class="feil">
    <p><strong>Rapporten kunne ikke lages: {e(overskrift)}</strong></p>
    <p>{e(forklaring)}</p>
    <p>Notatbok: <code>{e(notatbok)}</code>, scenario «{e(scenario)}», parametre: {e(parametertekst)}.</p>
  </div>
  {deler[0]}
  {deler[1]}
  <p>De andre rapportene ble laget som vanlig. Rett feilen og kjør <code>hoep rapporter</code> på nytt:
  en rapport som feilet, kjøres alltid på nytt.</p>
  <p><a href="index.html">Til oversikten</a></p>
</body>
</html>
"""


def _bytt_mappe(ny: Path, mal: Path, arbeid: Path) -> None:
    """Put folder ``ny`` (or nothing, if it does not exist) where ``mal`` is, by renames only."""
    if mal.exists():
        os.replace(mal, arbeid / "gammel")
    if ny.exists():
        mal.parent.mkdir(parents=True, exist_ok=True)
        os.replace(ny, mal)


def utfor(oppgave: Oppgave, forsok: int = KJERNEFORSOK) -> Resultat:
    """Run one job to the end and write its report; return what happened, never raise for a notebook.

    A notebook that raises gives a failure page in place of the report (and no exports); a kernel
    that does not start is tried ``forsok`` times with a growing pause. Everything is written to a
    private temporary folder beside the report first and renamed into place.
    """
    from papermill import PapermillExecutionError

    jobb, mappe = oppgave.jobb, oppgave.mappe
    start = time.perf_counter()
    mappe.mkdir(parents=True, exist_ok=True)
    stamme = Path(jobb.fil).stem
    arbeid = Path(tempfile.mkdtemp(dir=mappe, prefix=f".tmp-{stamme}-"))
    eksportmappe = arbeid / "data"
    parametre = {"scenario": str(oppgave.scenariofil), **jobb.parametre}
    tittel = f"{jobb.tittel} – scenario {oppgave.scenario}"

    def feilet(nr: int, overskrift: str, forklaring: str, celle: str = "", spor: str = "") -> Resultat:
        side = feilside(jobb.tittel, oppgave.scenario, jobb.notatbok.name, parametre, overskrift, forklaring,
                        celle, spor)
        _skriv_atomisk(mappe / jobb.fil, side)
        _bytt_mappe(arbeid / "finnes-ikke", mappe / "data" / stamme, arbeid)
        return Resultat(oppgave, FEILET, time.perf_counter() - start, nr, overskrift)

    try:
        nr = 0
        while True:
            nr += 1
            shutil.rmtree(eksportmappe, ignore_errors=True)  # nothing left from a kernel that died
            _vent_pa_tur()
            try:
                utfort = _kjor_notatbok(jobb.notatbok, parametre, arbeid / jobb.notatbok.name,
                                        eksport.oppstart(eksportmappe))
                break
            except PapermillExecutionError as e:
                if e.ename == "KeyboardInterrupt":  # an interruption, not a fault of the notebook
                    return Resultat(oppgave, AVBRUTT, time.perf_counter() - start, nr, "avbrutt")
                celle = _kodecelle(arbeid / jobb.notatbok.name, e.exec_count)
                return feilet(nr, f"kodecelle {celle}: {e.ename}: {e.evalue}",
                              f"Notatboken stoppet i kodecelle {celle} (regnet fra toppen av "
                              f"{jobb.notatbok.name}; In [{e.exec_count}] i den kjørte notatboken) med "
                              f"{e.ename}: {e.evalue}",
                              e.source, "\n".join(e.traceback))
            except Exception as e:  # noqa: BLE001 - the kernel did not start or died: try again
                if nr >= forsok:
                    return feilet(nr, f"kjernen startet ikke eller døde ({type(e).__name__}: {e})",
                                  f"Python-kjernen som skulle kjøre notatboken, startet ikke eller stoppet "
                                  f"underveis (eller notatbokfilen kunne ikke leses), {nr} forsøk.",
                                  spor=f"{type(e).__name__}: {e}")
                time.sleep(nr * KJERNEPAUSE)
        side = til_html(utfort, tittel)
        _bytt_mappe(eksportmappe, mappe / "data" / stamme, arbeid)
        _skriv_atomisk(mappe / jobb.fil, side)
        return Resultat(oppgave, OK, time.perf_counter() - start, nr)
    finally:
        shutil.rmtree(arbeid, ignore_errors=True)


# --- The pool -----------------------------------------------------------------------------------

def standard_jobber() -> int:
    """Default pool size: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Fremdrift:
    """Plain-text progress, one line per finished report, readable in a terminal and in a batch log."""

    def __init__(self, antall: int, skriv: Callable[[str], None] = print, bredde: int = 20):
        self.antall, self.ferdig, self.skriv, self.bredde = antall, 0, skriv, bredde
        self.start = time.perf_counter()

    def __call__(self, r: Resultat) -> None:
        self.ferdig += 1
        fylt = round(self.bredde * self.ferdig / max(self.antall, 1))
        gatt = time.perf_counter() - self.start
        igjen = gatt / self.ferdig * (self.antall - self.ferdig)
        tid = f"{tall.tekst(r.sekunder, 1)} s" + (f", {r.forsok} forsøk" if r.forsok > 1 else "")
        linje = (f"[{'#' * fylt}{'.' * (self.bredde - fylt)}] {self.ferdig:>{len(str(self.antall))}}/"
                 f"{self.antall} {r.status:<7} {r.oppgave.scenario}/{r.oppgave.jobb.fil} ({tid})")
        if self.ferdig < self.antall:
            linje += f", igjen ca. {tall.tekst(igjen)} s"
        if r.status == FEILET:
            linje += f"\n      {r.melding}"
        self.skriv(linje)


def kjor_oppgaver(oppgaver: list[Oppgave], antall_jobber: int,
                  ferdig: Callable[[Resultat], None] = lambda r: None) -> list[Resultat]:
    """Run the jobs, ``antall_jobber`` at a time; ``ferdig`` hears of each result as it comes.

    With one job at a time the jobs run in this process (no pool to start). On Ctrl-C the pool is
    stopped and its workers terminated; reports already renamed into place stay, the others are
    left as they were.
    """
    resultater = []
    if antall_jobber <= 1 or len(oppgaver) <= 1:
        for o in oppgaver:
            r = utfor(o)
            ferdig(r)
            resultater.append(r)
        return resultater
    ktx = multiprocessing.get_context("spawn")
    las, sist = ktx.Lock(), ktx.Value("d", 0.0)
    utforer = ProcessPoolExecutor(max_workers=min(antall_jobber, len(oppgaver)), mp_context=ktx,
                                  initializer=_init_arbeider, initargs=(las, sist))
    try:
        fremtider = {utforer.submit(utfor, o): o for o in oppgaver}
        for f in as_completed(fremtider):
            try:
                r = f.result()
            except Exception as e:  # noqa: BLE001 - a worker died: isolate it to its own job
                r = Resultat(fremtider[f], FEILET,
                             melding=f"arbeidsprosessen stoppet: {type(e).__name__}: {e}")
            ferdig(r)
            resultater.append(r)
    except BaseException:
        # Stop: no new jobs; workers get SIGTERM, remove their temporary files and stop their kernels.
        prosesser = list((utforer._processes or {}).values())
        utforer.shutdown(wait=False, cancel_futures=True)
        for prosess in prosesser:
            prosess.terminate()
        for prosess in prosesser:
            prosess.join(timeout=15)
        raise
    utforer.shutdown()
    return resultater


# --- A whole run --------------------------------------------------------------------------------

@dataclass
class Kjoring:
    """What a run did: per scenario its folder and every report's result, and the wall time."""

    scenarier: list[sc.Scenario]
    mapper: dict[str, Path]
    resultater: list[Resultat]
    jobber: int
    sekunder: float
    sammenligning: Path | None = None

    def antall(self, status: str) -> int:
        return sum(r.status == status for r in self.resultater)

    @property
    def feilet(self) -> list[Resultat]:
        return [r for r in self.resultater if r.status in (FEILET, AVBRUTT)]

    def oppsummering(self) -> str:
        linjer = [f"Ferdig på {tall.tekst(self.sekunder, 1)} s med {self.jobber} "
                  f"{'jobb' if self.jobber == 1 else 'jobber'} samtidig: {self.antall(OK)} rapporter laget, "
                  f"{self.antall(UENDRET)} uendret (ikke kjørt på nytt), {len(self.feilet)} feilet."]
        for s in self.scenarier:
            mappe = self.mapper[s.navn]
            antall = sum(r.oppgave.scenario == s.navn for r in self.resultater)
            linjer.append(f"  {s.navn}: {mappe / 'index.html'} ({antall} rapporter), {mappe / ARBEIDSBOK}")
        if self.sammenligning:
            linjer.append(f"  sammenligning: {self.sammenligning}")
        if self.feilet:
            linjer.append("Feilet (se rapportsiden for cellen og feilsporingen):")
            linjer += [f"  {r.oppgave.scenario}/{r.oppgave.jobb.fil}: {r.melding}" for r in self.feilet]
        return "\n".join(linjer)


def lag_sammenligning(scenarier: list[sc.Scenario], utdata: Path) -> Path | None:
    """Write ``reports/sammenligning.html``: the scenarios of one run side by side (issue 9, item 4).

    Called once after every scenario's reports, index and workbook are written, with the scenarios
    in command-line order and the reports folder; the page itself is :mod:`hoep.sammenligning`.
    Returns the page written.
    """
    from hoep.visning import sammenligning

    side = utdata / "sammenligning.html"
    _skriv_atomisk(side, sammenligning.lag_html(scenarier))
    _skriv_atomisk(utdata / "index.html", _forside(scenarier))  # the page's "Til rapportene" link
    return side


def _forside(scenarier: list[sc.Scenario]) -> str:
    """``reports/index.html`` after a run over several scenarios: their reports and the comparison."""
    punkter = "\n".join(f'    <li><a href="{html.escape(s.navn)}/index.html">{html.escape(s.navn)}</a>: '
                        f"{html.escape(s.beskrivelse)}</li>" for s in scenarier)
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <title>HØP 2022-2025 – rapporter per scenario</title>
  <style>body {{ font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; }}</style>
</head>
<body>
  <h1>Handlings- og økonomiplan 2022-2025: rapporter per scenario</h1>
  <p><a href="sammenligning.html">Sammenligning av scenarioene</a></p>
  <ul>
{punkter}
  </ul>
</body>
</html>
"""


def _rydd(mappe: Path) -> None:
    """Remove what a killed run left behind: its private temporary files and folders."""
    if not mappe.is_dir():
        return
    for rest in mappe.glob(".tmp-*"):
        shutil.rmtree(rest, ignore_errors=True)
    for rest in mappe.glob(".*.tmp"):
        rest.unlink(missing_ok=True)


def lag_alle(scenariofiler: list[Path | None] | None = None, utdata: Path | None = None,
             antall_jobber: int | None = None, tving: bool = False, notatbokmappe_: Path | None = None,
             utvalg: list[str] | None = None, skriv: Callable[[str], None] = print) -> Kjoring:
    """Write the reports of every scenario (see the module docstring); return what was done.

    ``utvalg`` limits the run to the notebooks with these names (stems), e.g. for tests.
    """
    start = time.perf_counter()
    scenarier = [sc.les(f) for f in (scenariofiler or [None])]  # all validated before anything runs
    navn = [s.navn for s in scenarier]
    if len(set(navn)) < len(navn):
        dobbel = sorted({n for n in navn if navn.count(n) > 1})
        raise HoepFeil(f"Flere scenariofiler har samme navn ({', '.join(dobbel)}); rapportene ville "
                       "havnet i samme mappe. Gi hvert scenario et eget «navn».")
    antall_jobber = antall_jobber or standard_jobber()
    if antall_jobber < 1:
        raise HoepFeil(f"--jobber må være minst 1, fikk {antall_jobber}.")
    rot = utdata or data.prosjektrot() / "reports"
    alle = jobber(notatbokmappe_)
    if utvalg is not None:
        ukjente = set(utvalg) - {j.notatbok.stem for j in alle}
        if ukjente:
            raise HoepFeil(f"Ukjente notatbøker: {', '.join(sorted(ukjente))}.")
        alle = [j for j in alle if j.notatbok.stem in utvalg]
    grunn = grunnlag()
    mapper = {s.navn: rot / s.navn for s in scenarier}
    manifester: dict[str, dict] = {}
    oppgaver: list[Oppgave] = []
    resultater: list[Resultat] = []
    for s in scenarier:
        mappe = mapper[s.navn]
        _rydd(mappe)
        manifester[s.navn] = les_manifest(mappe)
        fil = s.fil.resolve()
        for j in alle:
            o = Oppgave(s.navn, fil, mappe, j, fingeravtrykk(j, fil, grunn))
            post = manifester[s.navn].get(j.fil, {})
            if (not tving and post.get("nokkel") == o.nokkel and post.get("status") == OK
                    and (mappe / j.fil).is_file()):
                resultater.append(Resultat(o, UENDRET, 0.0, 0))
            else:
                oppgaver.append(o)
    # Longest first (by the last run's time), so the pool does not end waiting on one long report;
    # without a time, single notebooks (the long ones) before the short template runs.
    oppgaver.sort(key=lambda o: (-float(manifester[o.scenario].get(o.jobb.fil, {}).get("sekunder", 1e9)),
                                 bool(o.jobb.parametre)))
    samtidig = min(antall_jobber, max(len(oppgaver), 1))
    skriv(f"{len(oppgaver)} rapporter å lage for {', '.join(navn)}, {samtidig} om gangen; "
          f"{len(resultater)} er uendret siden sist.")

    def ferdig(r: Resultat) -> None:
        fremdrift(r)
        if r.status in (OK, FEILET):
            manifest = manifester[r.oppgave.scenario]
            manifest[r.oppgave.jobb.fil] = {"notatbok": r.oppgave.jobb.notatbok.name,
                                            "parametre": r.oppgave.jobb.parametre, "nokkel": r.oppgave.nokkel,
                                            "status": r.status, "melding": r.melding,
                                            "sekunder": round(r.sekunder, 1)}
            _skriv_manifest(r.oppgave.mappe, manifest)

    fremdrift = Fremdrift(len(oppgaver), skriv)
    resultater += kjor_oppgaver(oppgaver, antall_jobber, ferdig)
    status = {(r.oppgave.scenario, r.oppgave.jobb.fil): r for r in resultater}
    for s in scenarier:
        mappe = mapper[s.navn]
        mappe.mkdir(parents=True, exist_ok=True)
        egne = [(j, status[(s.navn, j.fil)]) for j in alle]
        _skriv_atomisk_bytes(mappe / ARBEIDSBOK, eksport.arbeidsbok(
            [(j.familie, j.tittel, j.fil, mappe / "data" / Path(j.fil).stem) for j, r in egne
             if r.status in (OK, UENDRET)],
            f"HØP 2022-2025, scenario «{s.navn}»: tallene bak tabellene og figurene i rapportene"))
        _skriv_atomisk(mappe / "index.html", _indeks(s, alle, {j.fil: r for j, r in egne}))
        _skriv_manifest(mappe, manifester[s.navn])
    sammenligning = lag_sammenligning(scenarier, rot) if len(scenarier) > 1 else None
    return Kjoring(scenarier, mapper, resultater, antall_jobber, time.perf_counter() - start, sammenligning)


def lag(scenariofil: Path | None = None, utmappe: Path | None = None) -> list[Jobb]:
    """Write every report of one scenario and its index; return the jobs (kept for scripts)."""
    kjoring = lag_alle([scenariofil], utmappe)
    return [r.oppgave.jobb for r in kjoring.resultater]


def _indeks(scen: sc.Scenario, laget: list[Jobb], status: dict[str, Resultat] | None = None) -> str:
    """The scenario's front page: every report by sector, failed ones marked (``status`` by file)."""
    from hoep.modell import omrader as omrade

    feilet = {f: r for f, r in (status or {}).items() if r.status in (FEILET, AVBRUTT)}

    def lenke(j: Jobb) -> str:
        tekst = f'<a href="{html.escape(j.fil)}">{html.escape(j.tittel)}</a>'
        if j.fil in feilet:
            tekst += ' <span class="feilet">(feilet – se rapportsiden)</span>'
        return tekst

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
            reell = tall.tekst(o.reell_endring_2022, 1)  # blank where the area has no frame table
            rader.append(f"      <tr><td>{lenke(j)}</td>"
                         f"<td class=\"tall\">{tall.tekst(o.ramme_2022, 1)}</td>"
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
    varsel = ""
    if feilet:
        varsel = (f'  <p class="feilet">{len(feilet)} av {len(laget)} rapporter kunne ikke lages i siste '
                  "kjøring: " + ", ".join(f'<a href="{html.escape(f)}">{html.escape(f)}</a>' for f in feilet)
                  + ".</p>\n")
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
    .feilet {{ color: #b00020; font-weight: bold; }}
  </style>
</head>
<body>
  <h1>Handlings- og økonomiplan 2022-2025: scenario «{html.escape(scen.navn)}»</h1>
  <p>{html.escape(scen.beskrivelse)}</p>
{varsel}  <h2>Endrede forutsetninger</h2>
  <ul>{endringer}</ul>
  <h2>Økonomi og hele dokumentet</h2>
  <ul>
{felles}
  </ul>
{laering}  <h2>Sektorer og tjenesteområder</h2>
  <p>Forslag til netto driftsramme 2022 og reell rammeendring fra korrigert budsjett 2021
  (områdenes kapitler, mill. kr, 2022-kroner).</p>
{chr(10).join(seksjoner)}
  <h2>Tallene bak rapportene</h2>
  <p>Alle tabeller og tallene bak figurene: <a href="{ARBEIDSBOK}">{ARBEIDSBOK}</a> (Excel, ett ark per
  rapportfamilie) og CSV-filer i mappen <code>data/</code> (én mappe per rapport).</p>
  <p>Laget med hoep fra Trondheim kommunes handlings- og økonomiplan 2022-2025 (kommunedirektørens
  forslag). Rapportene er generert; ikke rediger dem for hånd.</p>
</body>
</html>
"""


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
