"""The pool: jobs run side by side in worker processes, one kernel each, with one progress line per report."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from hoep import tall
from hoep.rapporter import utforelse
from hoep.rapporter.utforelse import FEILET, Oppgave, Resultat, utfor


def _init_arbeider(las, sist) -> None:  # noqa: ANN001 (multiprocessing synchronisation objects)
    """A pool worker: share the start clock; leave Ctrl-C to the main process; clean up on SIGTERM."""
    utforelse._tur = (las, sist)
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
