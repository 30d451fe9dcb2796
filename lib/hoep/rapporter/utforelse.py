"""One job: execute a notebook for a scenario, convert it, export its tables, write it atomically.

A notebook that raises gets a failure page naming the cell and the error instead of the report; a
kernel that does not start is tried again.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from hoep.feil import HoepFeil
from hoep.rapporter import eksport
from hoep.rapporter.filer import _bytt_mappe, _skriv_atomisk
from hoep.rapporter.jobbliste import AVBRUTT, FEILET, OK, UENDRET, Jobb  # noqa: F401 (re-exported)
from hoep.rapporter.konvertering import til_html
from hoep.rapporter.sider import feilside

KJERNEFORSOK = 3  # attempts to start a kernel before the job is reported as failed


KJERNEPAUSE = 1.0  # seconds to wait before the second attempt to start a kernel, twice that before the third


STARTAVSTAND = 0.5  # seconds between two kernel starts in a pool (staggered against port races)


_tur: tuple | None = None  # (lock, last start time) shared by the pool's workers


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


def navigasjon(jobb: Jobb, scenario: str) -> list[tuple[str, str]]:
    """A report's navigation line: back to the scenario's index, and from an area to its sector."""
    from hoep.modell import omrader

    lenker = [(f"← Alle rapportene for scenario «{scenario}»", "index.html")]
    if jobb.omrade and jobb.sektor:
        lenker.append((f"Sektor: {omrader.SEKTORNAVN[jobb.sektor]}", f"sektor_{jobb.sektor}.html"))
    return lenker


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
        side = til_html(utfort, tittel, navigasjon(jobb, oppgave.scenario))
        _bytt_mappe(eksportmappe, mappe / "data" / stamme, arbeid)
        _skriv_atomisk(mappe / jobb.fil, side)
        return Resultat(oppgave, OK, time.perf_counter() - start, nr)
    finally:
        shutil.rmtree(arbeid, ignore_errors=True)
