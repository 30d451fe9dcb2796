"""One job: execute a notebook for a scenario, convert it, export its tables, write it atomically.

A notebook that raises gets a failure page naming the cell and the error instead of the report; so
does a kernel that does not start or dies. Kernels run over IPC (:mod:`hoep.rapporter.kjerner`), so
there is no port race to retry.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hoep.feil import HoepFeil
from hoep.rapporter import eksport, kjerner
from hoep.rapporter.filer import _bytt_mappe, _skriv_atomisk
from hoep.rapporter.jobbliste import AVBRUTT, FEILET, OK, UENDRET, Jobb  # noqa: F401 (re-exported)
from hoep.rapporter.konvertering import til_html
from hoep.rapporter.sider import feilside

if TYPE_CHECKING:  # nbformat and papermill are imported when a notebook runs, not with the module
    import nbformat


def kjor(nb: Path, parametre: dict, utfil: Path | None = None) -> nbformat.NotebookNode:
    """Execute one notebook with papermill and the given parameters; return the executed notebook."""
    from papermill import PapermillExecutionError

    with tempfile.TemporaryDirectory() as tmp:
        try:
            return _kjor_notatbok(nb, parametre, utfil or Path(tmp) / nb.name)
        except PapermillExecutionError as e:
            raise HoepFeil(f"{nb.name} ({parametre}): notatboken feilet i celle {e.exec_count}: "
                           f"{e.ename}: {e.evalue}") from e


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
    melding: str = ""


def _kjor_notatbok(nb: Path, parametre: dict, utfil: Path, oppstart: str = "") -> nbformat.NotebookNode:
    """Execute ``nb`` with papermill in a kernel of its own; ``oppstart`` is Python the kernel runs
    first (the export hook). The kernel is this process's warm one if it has one; once it answers,
    the warm kernel for the next job is started (:mod:`hoep.rapporter.kjerner`).

    papermill writes the executed notebook to ``utfil`` once, at the end or at the failing cell
    (not after every cell), and returns it.
    """
    import papermill as pm

    kjerne = kjerner.ta(nb.parent)
    try:
        kjerne.klargjor(oppstart)
        kjerner.forbered(nb.parent)
        return pm.execute_notebook(str(nb), str(utfil), parameters=parametre, progress_bar=False,
                                   kernel_name=kjerner.KJERNENAVN, km=kjerne.km,
                                   request_save_on_cell_execute=False)
    finally:
        kjerne.stopp()


def _kodecelle(utfort: Path, kjoring: int) -> int | str:
    """The number of the cell that ran as In [kjoring] among the notebook's own code cells.

    papermill's injected parameters cell is not counted, so the number matches the notebook as
    written; ``?`` if the executed notebook cannot be read.
    """
    import nbformat

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


def navigasjon(jobb: Jobb, scenario: str) -> list[tuple[str, str]]:
    """A report's navigation line: back to the scenario's index, and from an area to its sector."""
    from hoep.modell import omrader

    lenker = [(f"← Alle rapportene for scenario «{scenario}»", "index.html")]
    if jobb.omrade and jobb.sektor:
        lenker.append((f"Sektor: {omrader.SEKTORNAVN[jobb.sektor]}", f"sektor_{jobb.sektor}.html"))
    return lenker


def utfor(oppgave: Oppgave) -> Resultat:
    """Run one job to the end and write its report; return what happened, never raise for a notebook.

    A notebook that raises gives a failure page in place of the report (and no exports), and so
    does a kernel that does not start or dies. Everything is written to a private temporary folder
    beside the report first and renamed into place.
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

    def feilet(overskrift: str, forklaring: str, celle: str = "", spor: str = "") -> Resultat:
        side = feilside(jobb.tittel, oppgave.scenario, jobb.notatbok.name, parametre, overskrift, forklaring,
                        celle, spor)
        _skriv_atomisk(mappe / jobb.fil, side)
        _bytt_mappe(arbeid / "finnes-ikke", mappe / "data" / stamme, arbeid)
        return Resultat(oppgave, FEILET, time.perf_counter() - start, overskrift)

    try:
        try:
            utfort = _kjor_notatbok(jobb.notatbok, parametre, arbeid / jobb.notatbok.name,
                                    eksport.oppstart(eksportmappe))
        except PapermillExecutionError as e:
            if e.ename == "KeyboardInterrupt":  # an interruption, not a fault of the notebook
                return Resultat(oppgave, AVBRUTT, time.perf_counter() - start, "avbrutt")
            celle = _kodecelle(arbeid / jobb.notatbok.name, e.exec_count)
            return feilet(f"kodecelle {celle}: {e.ename}: {e.evalue}",
                          f"Notatboken stoppet i kodecelle {celle} (regnet fra toppen av "
                          f"{jobb.notatbok.name}; In [{e.exec_count}] i den kjørte notatboken) med "
                          f"{e.ename}: {e.evalue}",
                          e.source, "\n".join(e.traceback))
        except Exception as e:  # noqa: BLE001 - the kernel did not start or died
            return feilet(f"kjernen startet ikke eller døde ({type(e).__name__}: {e})",
                          "Python-kjernen som skulle kjøre notatboken, startet ikke eller stoppet "
                          "underveis (eller notatbokfilen kunne ikke leses).",
                          spor=f"{type(e).__name__}: {e}")
        side = til_html(utfort, tittel, navigasjon(jobb, oppgave.scenario))
        _bytt_mappe(eksportmappe, mappe / "data" / stamme, arbeid)
        _skriv_atomisk(mappe / jobb.fil, side)
        return Resultat(oppgave, OK, time.perf_counter() - start)
    finally:
        shutil.rmtree(arbeid, ignore_errors=True)
