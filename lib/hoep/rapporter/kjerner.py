"""Kernels for report runs: over IPC, one fresh kernel per report, warmed while the previous one runs.

**IPC.** jupyter_client's ``ipc`` transport gives a kernel's five channels as Unix sockets in a
private folder of this process (:func:`_mappe`), named after the kernel's own connection file. No
TCP ports are picked, so two kernels started at the same moment cannot race for a port (the race
of papermill issue #511, which made earlier versions stagger and retry kernel starts), and
ipykernel has no unencrypted TCP to warn about. The connection file must be named before the
kernel starts: without one, jupyter_client puts the sockets of every kernel at ``kernel-ipc-N`` in
the working directory, and two kernels started at once race for those names instead.

**Warm kernels.** A kernel runs :data:`FORVARMING` first (``--IPKernelApp.exec_lines``): it imports
the libraries the notebooks use and ``hoep`` and loads the catalogue, in a namespace of its own, so
the notebook's globals start empty as in a kernel started by JupyterLab. While a report runs, its
process starts the kernel for its next report (:func:`forbered`), so that report's wall time is its
own work. :class:`Reserve` decides, across the pool's processes, whether another warm kernel will be
needed: one is started only while more jobs are left than warm kernels wait for them.

Every report still gets a kernel process of its own, started for it and stopped after it: a failure
or a leaked global in one report never reaches another.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_core.utils import run_sync

from hoep.feil import HoepFeil

KJERNENAVN = "python3"
KJERNEFRIST = 120.0  # seconds a kernel may take to start and run FORVARMING before the report fails

# What every warm kernel imports before its report: the notebooks' libraries and hoep, then the catalogue.
FORVARMING_MODULER = (
    "pandas", "matplotlib.pyplot", "seaborn", "IPython.display",
    "hoep.data", "hoep.tall", "hoep.modell", "hoep.modell.omrader", "hoep.parametre.scenario",
    "hoep.parametre.basis", "hoep.visning.tabeller", "hoep.visning.figurer", "hoep.rapporter.eksport",
)
FORVARMING = (f"exec({'import ' + ', '.join(FORVARMING_MODULER) + chr(10) + 'hoep.data.katalog()'!r}, {{}})")


class KjerneFeil(HoepFeil):
    """A kernel did not start, died, or refused the report's first line."""


@dataclass
class Kjerne:
    """A kernel process started for one report (``mappe``: its working directory)."""

    km: AsyncKernelManager
    mappe: Path

    def klargjor(self, oppstart: str = "", frist: float = KJERNEFRIST) -> None:
        """Wait until the kernel answers (after FORVARMING), then run ``oppstart`` silently.

        ``oppstart`` (the export hook, :func:`hoep.rapporter.eksport.oppstart`) runs without storing
        history, so the notebook's cells keep their execution counts from 1.
        """
        run_sync(_klargjor)(self.km, oppstart, frist)

    def stopp(self) -> None:
        """Stop the kernel (a shutdown request, no interrupt) and remove its connection file and sockets."""
        run_sync(_stopp)(self.km)


async def _klargjor(km: AsyncKernelManager, oppstart: str, frist: float) -> None:
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=frist)
        if oppstart:
            svar = await kc.execute_interactive(oppstart, silent=True, store_history=False, timeout=frist)
            svar = svar["content"]
            if svar["status"] != "ok":
                raise KjerneFeil(f"kjernen avviste oppstartslinjen: {svar.get('ename')}: "
                                 f"{svar.get('evalue')}")
    finally:
        kc.stop_channels()


async def _stopp(km: AsyncKernelManager) -> None:
    try:
        if km.has_kernel and await km.is_alive():
            # jupyter_client's shutdown_kernel interrupts the kernel first, which makes ipykernel
            # print "KeyboardInterrupt caught in kernel"; the report is finished, a request is enough.
            await km.request_shutdown()
            await km.finish_shutdown(pollinterval=0.02)
    finally:
        await km.cleanup_resources()


_privat: Path | None = None


def _mappe() -> Path:
    """This process's folder for connection files and sockets (short: a Unix socket path has ~107 bytes)."""
    global _privat
    if _privat is None:
        _privat = Path(tempfile.mkdtemp(prefix="hoep-kjerner-"))
    return _privat


def tilkoblingsfil(prefiks: str = "k") -> Path:
    """A new connection file name in this process's private folder; the kernel's sockets go beside it."""
    return _mappe() / f"{prefiks}-{uuid.uuid4().hex[:12]}.json"


def start(mappe: Path) -> Kjerne:
    """Start a kernel over IPC with working directory ``mappe``; it runs FORVARMING while we go on."""
    km = AsyncKernelManager(kernel_name=KJERNENAVN, transport="ipc", connection_file=str(tilkoblingsfil()))
    ekstra = [f"--IPKernelApp.exec_lines={json.dumps([FORVARMING])}",
              "--HistoryManager.hist_file=:memory:"]  # as nbclient does: no shared sqlite history
    run_sync(km.start_kernel)(cwd=str(mappe), extra_arguments=ekstra)
    return Kjerne(km, Path(mappe))


class Reserve:
    """Shared by a pool's processes: how many jobs are not yet taken, how many warm kernels wait for
    them, and how many processes have not taken their first job (they start one of their own)."""

    def __init__(self, oppgaver: int, prosesser: int = 1, ktx=multiprocessing):  # noqa: ANN001 (a context)
        self._las = ktx.Lock()
        self._igjen = ktx.RawValue("i", oppgaver)
        self._varme = ktx.RawValue("i", 0)
        self._ledige = ktx.RawValue("i", prosesser)

    def ta(self, hadde_varm: bool, forste: bool = False) -> bool:
        """A process takes a job (with a warm kernel of its own or not; ``forste``: its first job).
        True: warm a kernel for a later job, since more jobs are left than warm kernels and idle
        processes will take."""
        with self._las:
            self._igjen.value -= 1
            self._varme.value -= int(hadde_varm)
            self._ledige.value -= int(forste)
            trengs = self._igjen.value > self._varme.value + max(self._ledige.value, 0)
            self._varme.value += int(trengs)
            return trengs

    def forkast(self) -> None:
        """A warm kernel will not be used."""
        with self._las:
            self._varme.value -= 1


_reserve: Reserve | None = None  # set by the pool in each of its processes; None: no warm kernels
_varm: Kjerne | None = None  # this process's warm kernel for its next job
_forbered: bool = False  # whether the job just taken should warm the next kernel
_har_tatt: bool = False  # whether this process has taken a job before


def ta(mappe: Path) -> Kjerne:
    """The kernel for the job this process takes now: the warm one if it has one, else a new one."""
    global _varm, _forbered, _har_tatt
    kjerne, _varm = _varm, None
    if kjerne is not None and kjerne.mappe != Path(mappe):
        _stopp_reserve(kjerne)
        kjerne = None
    _forbered = _reserve.ta(kjerne is not None, not _har_tatt) if _reserve is not None else False
    _har_tatt = True
    return kjerne or start(mappe)


def forbered(mappe: Path) -> None:
    """Start the warm kernel for this process's next job, if :class:`Reserve` says one is needed."""
    global _varm, _forbered
    if _forbered and _varm is None:
        _forbered = False
        _varm = start(mappe)


def _stopp_reserve(kjerne: Kjerne) -> None:
    if _reserve is not None:
        _reserve.forkast()
    kjerne.stopp()


def rydd() -> None:
    """Stop this process's warm kernel, if it has one left (the end of a run, or the process exits)."""
    global _varm, _har_tatt
    kjerne, _varm, _har_tatt = _varm, None, False
    if kjerne is not None:
        _stopp_reserve(kjerne)


def _ved_slutt() -> None:
    """When the process exits: stop the warm kernel, then remove the folder of connection files."""
    rydd()
    if _privat is not None:
        shutil.rmtree(_privat, ignore_errors=True)


atexit.register(_ved_slutt)
