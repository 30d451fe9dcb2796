"""An interrupted run (Ctrl-C in the pool, kill -9 of a run one job at a time) leaves the good reports
as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GOD, lag_notatbok, lag_rapporter, status

SKRIPT = """
import sys
from pathlib import Path
from hoep import rapporter
try:
    k = rapporter.lag_alle([Path(sys.argv[1])], Path(sys.argv[2]), antall_jobber=int(sys.argv[4]), tving=True,
                           notatbokmappe_=Path(sys.argv[3]), utvalg=sys.argv[5].split(","))
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.mark.parametrize("signal_, jobber", [(signal.SIGINT, 2), (signal.SIGKILL, 1)],
                         ids=["ctrl-c-pool", "kill-9"])
def test_avbrutt_kjoring_lar_gode_rapporter_staa(oppsett, signal_, jobber):
    mappe = oppsett["mappe"]
    utvalg = ["god", "god2"][:jobber]
    lag_notatbok(oppsett["nb"], "god2", "God rapport 2", GOD)
    assert set(status(lag_rapporter(oppsett, utvalg=utvalg)).values()) == {"ok"}
    god = {p.relative_to(mappe): p.read_bytes() for p in mappe.rglob("*") if p.is_file()}
    assert Path("god.html") in god and Path("data/god/belop.csv") in god

    # Run again (forced) with notebooks that pause after their table is exported; stop it midway.
    miljo = {**os.environ, "TREG_PAUSE": "60"}
    prosess = subprocess.Popen([sys.executable, "-c", SKRIPT, str(oppsett["scenario"]), str(oppsett["ut"]),
                                str(oppsett["nb"]), str(jobber), ",".join(utvalg)], env=miljo,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    frist = time.monotonic() + 120
    try:
        # Wait until every job's new report is half made (its table exported, the kernel pausing).
        while len(list(mappe.glob(".tmp-god*-*/data/belop.csv"))) < len(utvalg):
            assert prosess.poll() is None, "kjøringen stoppet for tidlig"
            assert time.monotonic() < frist, "kjøringen kom aldri i gang"
            time.sleep(0.2)
        prosess.send_signal(signal_)
        kode = prosess.wait(timeout=60)
    finally:
        if prosess.poll() is None:
            prosess.kill()
    assert kode == (130 if signal_ == signal.SIGINT else -signal.SIGKILL)
    etter = {p.relative_to(mappe): p.read_bytes() for p in mappe.rglob("*")
             if p.is_file() and not any(d.startswith(".") for d in p.relative_to(mappe).parts)}
    assert etter == god  # every good file intact, nothing half-written in their place
    if signal_ == signal.SIGINT:
        assert not list(mappe.glob(".*"))  # a graceful stop cleans up after itself
    # The next run removes what a killed run left and finds the reports unchanged.
    assert set(status(lag_rapporter(oppsett, utvalg=utvalg)).values()) == {"uendret"}
    assert not list(mappe.glob(".*"))
