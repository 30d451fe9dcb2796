"""Kernels for report runs: over IPC, one fresh kernel per report, warmed while the previous one runs,
and a kernel that does not start (see :mod:`hoep.rapporter.kjerner`)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import lag_notatbok, lag_rapporter
from hoep import cli
from hoep.rapporter import jobbliste, kjerner

KJERNE = """
import json, os, sys, time
import ipykernel, psutil
info = json.load(open(ipykernel.get_connection_file()))
forvarmet = all(m in sys.modules for m in ("pandas", "seaborn", "hoep.modell", "hoep.visning.figurer"))
fremmede = sorted(n for n in ("pandas", "hoep", "data", "LEKKASJE") if n in globals())
print(f"transport={info['transport']} pid={os.getpid()} forvarmet={forvarmet} fremmede={fremmede} "
      f"startet={psutil.Process().create_time():.3f} celle={time.time():.3f}")
LEKKASJE = 1
time.sleep(float(os.environ.get("TREG_PAUSE", "0")))
"""


def _kjerneinfo(side: Path) -> dict[str, str]:
    linje = re.search(r"transport=\S+ pid=\d+ forvarmet=\S+ fremmede=\[[^\]]*\] startet=\S+ celle=\S+",
                      side.read_text(encoding="utf-8"))
    assert linje, f"{side.name}: fant ikke kjernens linje"
    return dict(re.findall(r"(\w+)=(\[[^\]]*\]|\S+)", linje.group(0)))


def test_hver_rapport_faar_sin_egen_forvarmede_kjerne_over_ipc(tmp_path, monkeypatch, capfd):
    pause = 1.0
    monkeypatch.setenv("TREG_PAUSE", str(pause))
    nb = tmp_path / "notebooks"
    nb.mkdir()
    for navn in ("k1", "k2", "k3"):
        lag_notatbok(nb, navn, f"Kjerne {navn}", KJERNE)
    scenario = tmp_path / "test.yaml"
    scenario.write_text("navn: test\nbeskrivelse: Testscenario\n", encoding="utf-8")
    monkeypatch.setattr(jobbliste, "notatbokmappe", lambda: nb)
    kode = cli.main(["rapporter", "--scenario", str(scenario), "--utdata", str(tmp_path / "ut"),
                     "--jobber", "1"])
    ut, err = capfd.readouterr()  # fd level: what the kernels (child processes) print is here too
    assert kode == 0
    # The kernels' own output: nothing (no "running over TCP without encryption", no interrupts).
    assert err == ""
    linjer = ut.strip().splitlines()
    assert linjer[0] == "3 rapporter å lage for test, 1 om gangen; 0 er uendret siden sist."
    assert [linje[:27] for linje in linjer[1:4]] == [
        "[#######.............] 1/3 ", "[#############.......] 2/3 ", "[####################] 3/3 "]
    assert linjer[4].startswith("Ferdig på ") and len(linjer) == 6  # the summary: totals and the index
    info = [_kjerneinfo(tmp_path / "ut" / "test" / f"{n}.html") for n in ("k1", "k2", "k3")]
    assert {i["transport"] for i in info} == {"ipc"}
    assert len({i["pid"] for i in info}) == 3  # a fresh kernel process per report
    assert {i["fremmede"] for i in info} == {"[]"}  # no leaked global, nothing from the warm-up
    assert {i["forvarmet"] for i in info} == {"True"}  # libraries and hoep imported before the notebook
    # Every kernel after the first was started while the report before it ran (k1 → k2 → k3 in order).
    rekkefolge = sorted(info, key=lambda i: float(i["celle"]))
    for forrige, neste in zip(rekkefolge, rekkefolge[1:], strict=False):
        assert float(neste["startet"]) < float(forrige["celle"]) + pause
    assert not list((tmp_path / "ut" / "test").glob(".*"))


def test_reserven_varmer_bare_kjerner_som_trengs():
    # One process, three jobs: the first two warm a kernel for the next, the last does not.
    reserve = kjerner.Reserve(3, 1)
    assert [reserve.ta(False, True), reserve.ta(True), reserve.ta(True)] == [True, True, False]
    # Two processes, two jobs: the other process takes the second job with a kernel of its own.
    reserve = kjerner.Reserve(2, 2)
    assert [reserve.ta(False, True), reserve.ta(False, True)] == [False, False]
    # Two processes, five jobs.
    reserve = kjerner.Reserve(5, 2)
    assert reserve.ta(False, True) is True  # 4 left, one idle process will take one: warm one
    assert reserve.ta(False, True) is True  # 3 left, 1 warm
    assert reserve.ta(True) is True  # 2 left, 1 other warm
    assert reserve.ta(True) is False  # 1 left, 1 warm waiting for it
    assert reserve.ta(True) is False  # the last job, with the last warm kernel
    # A warm kernel that is not used (the next job went to the other process) is given back.
    reserve = kjerner.Reserve(3, 2)
    assert [reserve.ta(False, True), reserve.ta(False, True)] == [True, False]
    assert reserve.ta(False) is False  # the process without a warm kernel took the last job
    reserve.forkast()
    assert reserve._varme.value == 0 and reserve._igjen.value == 0


def test_kjernens_eksportlinje_henter_ikke_notatbokmaskineriet():
    """A report's kernel imports hoep.rapporter.eksport; nbformat (with jsonschema), papermill and
    nbconvert cost seconds and belong to the process that runs the notebook, not to the kernel."""
    kode = ("import sys, hoep.rapporter.eksport, hoep.rapporter as r\n"
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'papermill', 'nbconvert', 'jinja2') "
            "if m in sys.modules))\n"
            "print(all(getattr(r, n) is not None for n in r.__all__), type(r.fingeravtrykk).__name__)")
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout
    assert ut.splitlines() == ["[]", "True function"]


def test_kjerne_som_ikke_starter_gir_feilside(oppsett, monkeypatch):
    monkeypatch.setattr(kjerner, "FORVARMING", "import os; os._exit(3)")  # the kernel dies while starting
    r = lag_rapporter(oppsett, utvalg=["god"]).resultater[0]
    assert r.status == "feilet"
    side = (oppsett["mappe"] / "god.html").read_text(encoding="utf-8")
    assert "kjernen startet ikke eller døde" in side
    assert not (oppsett["mappe"] / "data" / "god").exists()
    assert not list(oppsett["mappe"].glob(".*"))
