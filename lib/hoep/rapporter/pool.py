"""The pool: jobs run side by side, one report per task, with one progress line per report.

The pool is a :class:`concurrent.futures.Executor`: locally a :class:`ProcessPoolExecutor` of
worker processes, each running one report at a time in a fresh kernel and warming the kernel for
its next one (:mod:`hoep.rapporter.kjerner`); with ``klynge`` a Dask cluster's executor
(``dask.distributed``, the optional extra ``[klynge]``), where every task is one report run by
:func:`hoep.rapporter.utforelse.utfor` on a worker. Results and failure pages are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed

from hoep import tall
from hoep.feil import HoepFeil
from hoep.rapporter import kjerner
from hoep.rapporter.utforelse import FEILET, Oppgave, Resultat, utfor

KLYNGEFRIST = 30  # seconds to reach a Dask scheduler before --klynge gives up


def _init_arbeider(reserve: kjerner.Reserve) -> None:
    """A pool worker: share the count of warm kernels; leave Ctrl-C to the main process; clean up on
    SIGTERM."""
    kjerner._reserve = reserve
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


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
        linje = (f"[{'#' * fylt}{'.' * (self.bredde - fylt)}] {self.ferdig:>{len(str(self.antall))}}/"
                 f"{self.antall} {r.status:<7} {r.oppgave.scenario}/{r.oppgave.jobb.fil} "
                 f"({tall.tekst(r.sekunder, 1)} s)")
        if self.ferdig < self.antall:
            linje += f", igjen ca. {tall.tekst(igjen)} s"
        if r.status == FEILET:
            linje += f"\n      {r.melding}"
        self.skriv(linje)


def kjor_oppgaver(oppgaver: list[Oppgave], antall_jobber: int,
                  ferdig: Callable[[Resultat], None] = lambda r: None,
                  klynge: str | None = None) -> list[Resultat]:
    """Run the jobs, ``antall_jobber`` at a time or on the Dask cluster at ``klynge``; ``ferdig``
    hears of each result as it comes.

    With one job at a time the jobs run in this process (no pool to start), with warm kernels too.
    On Ctrl-C the pool is stopped and its workers terminated; reports already renamed into place
    stay, the others are left as they were.
    """
    if klynge:
        return _kjor_i_klynge(oppgaver, klynge, ferdig)
    if antall_jobber <= 1 or len(oppgaver) <= 1:
        return _kjor_her(oppgaver, ferdig)
    ktx = multiprocessing.get_context("spawn")
    arbeidere = min(antall_jobber, len(oppgaver))
    utforer = ProcessPoolExecutor(max_workers=arbeidere, mp_context=ktx, initializer=_init_arbeider,
                                  initargs=(kjerner.Reserve(len(oppgaver), arbeidere, ktx),))
    try:
        resultater = samle(utforer, oppgaver, ferdig)
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


def samle(utforer: Executor, oppgaver: list[Oppgave], ferdig: Callable[[Resultat], None]) -> list[Resultat]:
    """Submit every job to ``utforer`` (one report per task) and collect the results as they come."""
    fremtider = {utforer.submit(utfor, o): o for o in oppgaver}
    resultater = []
    for f in as_completed(fremtider):
        try:
            r = f.result()
        except Exception as e:  # noqa: BLE001 - a worker died: isolate it to its own job
            r = Resultat(fremtider[f], FEILET, melding=f"arbeidsprosessen stoppet: {type(e).__name__}: {e}")
        ferdig(r)
        resultater.append(r)
    return resultater


def _kjor_her(oppgaver: list[Oppgave], ferdig: Callable[[Resultat], None]) -> list[Resultat]:
    """One job at a time in this process, each in its own kernel, the next one warming meanwhile."""
    resultater = []
    kjerner._reserve = kjerner.Reserve(len(oppgaver), 1)
    try:
        for o in oppgaver:
            r = utfor(o)
            ferdig(r)
            resultater.append(r)
    finally:
        kjerner.rydd()
        kjerner._reserve = None
    return resultater


def _kjor_i_klynge(oppgaver: list[Oppgave], adresse: str,
                   ferdig: Callable[[Resultat], None]) -> list[Resultat]:
    """The jobs as tasks on the Dask cluster whose scheduler is at ``adresse`` (one report per task).

    The workers must see the project and the report folder at the same paths as this process
    (the same machine, or a shared file system) and run with one thread each.
    """
    try:
        from distributed import Client
    except ImportError:
        raise HoepFeil("--klynge trenger Dask: installer hoep med «pip install -e '.[klynge]'».") from None
    try:
        klient = Client(adresse, timeout=KLYNGEFRIST, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise HoepFeil(f"Fant ingen Dask-planlegger på «{adresse}» ({type(e).__name__}: {e}).") from None
    with klient:
        utforer = klient.get_executor(pure=False)
        try:
            return samle(utforer, oppgaver, ferdig)
        except BaseException:
            utforer.shutdown(wait=False)  # cancels the tasks not yet finished
            raise
