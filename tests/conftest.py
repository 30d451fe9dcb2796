"""Shared fixtures: the project paths, a private copy of data/, and small synthetic data folders.

``hoep.data`` reads the folder named by ``$HOEP_DATA`` (default: ``data/``). Loaded tables and
assumptions are cached per folder, so a fixture that switches folders or changes a file clears
the caches on the way in and on the way out.

nbval's kernels run over IPC, like the report runs' (:mod:`hoep.rapporter.kjerner`): ``make test``
runs the notebooks side by side with pytest-xdist, and two kernels started at once over TCP can
race for a port. nbval builds its kernel manager from ``nbval.kernel.KernelManager``; the one set
here defaults to the ``ipc`` transport and a connection file of its own. (This file is loaded
because ``make test`` collects ``tests`` and ``notebooks`` in one run.)
"""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import nbval.kernel
import pytest
from jupyter_client.manager import KernelManager

from hoep import data, rapporter
from hoep.parametre import forutsetninger
from hoep.rapporter import kjerner

ROT = Path(__file__).resolve().parents[1]
DATA = ROT / "data"
TABELLER = DATA / "tabeller"
KATALOGFIL = DATA / "datapackage.json"


class KernelOverIpc(KernelManager):
    def __init__(self, **kw: object) -> None:
        kw.setdefault("transport", "ipc")
        kw.setdefault("connection_file", str(kjerner.tilkoblingsfil("nbval")))
        super().__init__(**kw)


nbval.kernel.KernelManager = KernelOverIpc


def tom_mellomlager() -> None:
    """Forget every cached table, catalogue and assumption (after a data file changed)."""
    data.nullstill_mellomlager()
    forutsetninger._alle.cache_clear()


def les_csv(sti: Path) -> list[dict[str, str]]:
    """A table's CSV file as raw text rows, read with the csv module only (independent of hoep)."""
    with sti.open(encoding="utf-8", newline="") as fil:
        return list(csv.DictReader(fil))


def ra_celle(tabell_id: str, rad_id: str, kolonne: str, mappe: Path = DATA) -> float:
    """One published cell read straight from its CSV file (not via hoep)."""
    katalog = json.loads((mappe / "datapackage.json").read_text(encoding="utf-8"))
    ressurs = next(r for r in katalog["resources"] if r["name"] == tabell_id)
    for rad in les_csv(mappe / ressurs["path"]):
        if rad["rad_id"] == rad_id:
            return float(rad[kolonne])
    raise KeyError(f"{tabell_id}:{rad_id}")


@pytest.fixture
def ren_mellomlager() -> Iterator[None]:
    tom_mellomlager()
    yield
    tom_mellomlager()


@pytest.fixture
def kopi_av_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of data/ that hoep reads instead of the real one; change it freely.

    After changing a file that was already loaded, call ``tom_mellomlager()``.
    """
    kopi = tmp_path / "data"
    shutil.copytree(DATA, kopi)
    monkeypatch.setenv("HOEP_DATA", str(kopi))
    tom_mellomlager()
    yield kopi
    tom_mellomlager()


@pytest.fixture
def syntetisk_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Path]]:
    """Factory for a small data folder with made-up tables, for testing mechanisms.

    ``lag({"t": {"desimaler": 0, "kolonner": ["a", "b"], "rader": {"x": [1, 2]}}}, kontroller=[...])``
    writes ``datapackage.json``, one CSV per table and ``kontroller.yaml`` (if given) and points
    ``HOEP_DATA`` at the folder. A value ``None`` in a row is a blank cell.
    """
    mappe = tmp_path / "syntetisk"

    def lag(tabeller: dict[str, dict], kontroller: list[dict] | None = None) -> Path:
        import yaml

        (mappe / "tabeller").mkdir(parents=True, exist_ok=True)
        ressurser = []
        for tid, spek in tabeller.items():
            kolonner = spek["kolonner"]
            ressurser.append({
                "name": tid,
                "path": f"tabeller/{tid}.csv",
                "title": f"Testtabell {tid}",
                "trykt_nummer": None,
                "kapittel": 8,
                "enhet": "mill. kr",
                "prisbasis": "faste_2022",
                "desimaler": spek.get("desimaler", 0),
                "kildelinjer": [1, 2],
                "schema": {"fields": [
                    {"name": "rad_id", "type": "string"},
                    {"name": "rad", "type": "string"},
                    *({"name": k, "type": "number", "prisbasis": "faste_2022", "ar": None}
                      for k in kolonner),
                ]},
            })
            with (mappe / "tabeller" / f"{tid}.csv").open("w", encoding="utf-8", newline="") as f:
                skriver = csv.writer(f)
                skriver.writerow(["rad_id", "rad", *kolonner])
                for rad_id, verdier in spek["rader"].items():
                    skriver.writerow([rad_id, rad_id.capitalize(),
                                      *("" if v is None else repr(v) for v in verdier)])
        (mappe / "datapackage.json").write_text(
            json.dumps({"name": "test", "resources": ressurser}, ensure_ascii=False), encoding="utf-8")
        if kontroller is not None:
            (mappe / "kontroller.yaml").write_text(
                yaml.safe_dump(kontroller, allow_unicode=True, sort_keys=False), encoding="utf-8")
        monkeypatch.setenv("HOEP_DATA", str(mappe))
        tom_mellomlager()
        return mappe

    yield lag
    tom_mellomlager()


# The report runs' tests (test_rapporter, test_kjerner, test_avbrudd, test_klynge): small synthetic
# notebooks in a temporary folder, one kernel each, so the mechanism is tested without the real
# notebooks' run time.
PARAMETRE = 'scenario = "../scenarios/basis.yaml"'


def lag_notatbok(mappe: Path, navn: str, overskrift: str, kode: str) -> Path:
    """A small report notebook: a heading, the parameters cell and ``kode`` (for the report runs' tests)."""
    nb = nbformat.v4.new_notebook()
    parametre = nbformat.v4.new_code_cell(PARAMETRE)
    parametre.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {overskrift}"), parametre,
                nbformat.v4.new_code_cell(textwrap.dedent(kode))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    sti = mappe / f"{navn}.ipynb"
    nbformat.write(nb, sti)
    return sti


GOD = """
import os, time
import pandas as pd
from IPython.display import display
from hoep import tall
from hoep.visning import tabeller
display(tabeller.tabell(pd.DataFrame({"År": ["2022", "2023"], "Beløp": [1234.5, -20.25]}), desimaler=1,
                      navn="belop"))
time.sleep(float(os.environ.get("TREG_PAUSE", "0")))
"""
FEIL = """
tall = [1, 2, 3]
raise ValueError(f"bevisst feil etter {len(tall)} tall")
"""


@pytest.fixture
def oppsett(tmp_path: Path) -> dict:
    """A notebook folder with a good and a failing notebook, a scenario file and a reports folder."""
    nb = tmp_path / "notebooks"
    nb.mkdir()
    lag_notatbok(nb, "god", "God rapport", GOD)
    lag_notatbok(nb, "feil", "Feil rapport", FEIL)
    scenario = tmp_path / "test.yaml"
    scenario.write_text("navn: test\nbeskrivelse: Testscenario\n", encoding="utf-8")
    ut = tmp_path / "reports"
    return {"nb": nb, "scenario": scenario, "ut": ut, "mappe": ut / "test"}


def lag_rapporter(o: dict, **kw) -> rapporter.Kjoring:
    """A quiet run of ``oppsett``'s notebooks (one job at a time unless ``antall_jobber`` says otherwise)."""
    kw.setdefault("antall_jobber", 1)
    return rapporter.lag_alle([o["scenario"]], o["ut"], notatbokmappe_=o["nb"], skriv=lambda _: None, **kw)


def status(k: rapporter.Kjoring) -> dict[str, str]:
    """Each report file of a run and what happened to it."""
    return {r.oppgave.jobb.fil: r.status for r in k.resultater}
