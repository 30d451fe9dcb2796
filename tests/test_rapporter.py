"""Batch reports: incremental runs, fault isolation, atomic output, retries and the pool.

The runs use small synthetic notebooks in a temporary folder (one kernel each, a few seconds), so
the mechanism is tested without the real notebooks' run time.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import ROT
from hoep import cli, rapporter
from hoep.feil import HoepFeil
from hoep.rapporter import jobbliste, kjerner

PARAMETRE = 'scenario = "../scenarios/basis.yaml"'


def _notatbok(mappe: Path, navn: str, overskrift: str, kode: str) -> Path:
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
    _notatbok(nb, "god", "God rapport", GOD)
    _notatbok(nb, "feil", "Feil rapport", FEIL)
    scenario = tmp_path / "test.yaml"
    scenario.write_text("navn: test\nbeskrivelse: Testscenario\n", encoding="utf-8")
    ut = tmp_path / "reports"
    return {"nb": nb, "scenario": scenario, "ut": ut, "mappe": ut / "test"}


def _lag(o: dict, **kw) -> rapporter.Kjoring:
    kw.setdefault("antall_jobber", 1)
    return rapporter.lag_alle([o["scenario"]], o["ut"], notatbokmappe_=o["nb"], skriv=lambda _: None, **kw)


def _status(k: rapporter.Kjoring) -> dict[str, str]:
    return {r.oppgave.jobb.fil: r.status for r in k.resultater}


def test_feilende_notatbok_isoleres_og_vises(oppsett):
    k = _lag(oppsett)
    assert _status(k) == {"god.html": "ok", "feil.html": "feilet"}
    mappe = oppsett["mappe"]
    god = (mappe / "god.html").read_text(encoding="utf-8")
    assert "<title>God rapport – scenario test</title>" in god
    assert "1\u00a0234,5" in god  # the table as shown, Norwegian format
    feil = (mappe / "feil.html").read_text(encoding="utf-8")
    assert "Rapporten kunne ikke lages" in feil
    assert "ValueError" in feil and "bevisst feil etter 3 tall" in feil
    assert "kodecelle 2:" in feil  # the parameters cell is 1; papermill's injected cell is not counted
    assert "raise ValueError" in feil  # the failing cell's source
    indeks = (mappe / "index.html").read_text(encoding="utf-8")
    assert 'href="feil.html">Feil rapport</a> <span class="feilet">(feilet' in indeks
    assert 'href="god.html">God rapport</a></li>' in indeks
    assert "1 av 2 rapporter kunne ikke lages" in indeks
    assert [r.oppgave.jobb.fil for r in k.feilet] == ["feil.html"]
    oppsummering = k.oppsummering()
    assert "1 rapporter laget" in oppsummering and "1 feilet" in oppsummering
    assert "feil.html: kodecelle 2: ValueError: bevisst feil etter 3 tall" in oppsummering
    # The good report's table is exported; the failed one has no exports.
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert not (mappe / "data" / "feil").exists()
    assert not list(mappe.glob(".*"))  # no temporary files left


def test_kommandoen_gir_kode_1_og_sammendrag_naar_en_notatbok_feiler(oppsett, monkeypatch, capsys):
    monkeypatch.setattr(jobbliste, "notatbokmappe", lambda: oppsett["nb"])
    kode = cli.main(["rapporter", "--scenario", str(oppsett["scenario"]), "--utdata", str(oppsett["ut"]),
                     "--jobber", "1"])
    ut = capsys.readouterr().out
    assert kode == 1
    assert "[##########..........] 1/2" in ut and "[####################] 2/2" in ut
    assert "Feilet (se rapportsiden" in ut and "feil.html: kodecelle 2: ValueError" in ut


def test_ugyldig_scenario_stopper_alt_for_noe_kjores(oppsett, tmp_path, capsys):
    ugyldig = tmp_path / "ugyldig.yaml"
    ugyldig.write_text("navn: ugyldig\nforutsetninger:\n  finnes_ikke: 3\n", encoding="utf-8")
    kode = cli.main(["rapporter", "--scenario", str(oppsett["scenario"]), "--scenario", str(ugyldig),
                     "--utdata", str(oppsett["ut"])])
    err = capsys.readouterr().err
    assert kode == 2
    assert err.startswith("feil: ") and "ugyldig.yaml" in err and "finnes_ikke" in err
    assert not oppsett["ut"].exists()


def test_to_scenarier_med_samme_navn_avvises(oppsett, tmp_path):
    kopi = tmp_path / "kopi.yaml"
    kopi.write_bytes(oppsett["scenario"].read_bytes())
    with pytest.raises(HoepFeil, match="samme navn.*test"):
        rapporter.lag_alle([oppsett["scenario"], kopi], oppsett["ut"], notatbokmappe_=oppsett["nb"])


@pytest.mark.parametrize("verdi", ["0", "-1"])
def test_jobber_maa_vaere_minst_1(capsys, verdi):
    assert cli.main(["rapporter", "--jobber", verdi]) == 2
    assert "feil: --jobber må være minst 1" in capsys.readouterr().err


def test_uendret_rapport_kjores_ikke_paa_nytt(oppsett):
    o = {**oppsett}
    forste = _lag(o, utvalg=["god"])
    assert _status(forste) == {"god.html": "ok"}
    fil, bok = o["mappe"] / "god.html", o["mappe"] / "hoep.xlsx"
    for_ = (fil.read_bytes(), fil.stat().st_mtime_ns)
    bok_for = (bok.read_bytes(), bok.stat().st_mtime_ns)
    manifest = rapporter.les_manifest(o["mappe"])
    assert manifest["god.html"]["status"] == "ok"
    assert manifest["god.html"]["nokkel"] == forste.resultater[0].oppgave.nokkel

    andre = _lag(o, utvalg=["god"])
    assert _status(andre) == {"god.html": "uendret"}
    assert (fil.read_bytes(), fil.stat().st_mtime_ns) == for_
    assert (bok.read_bytes(), bok.stat().st_mtime_ns) == bok_for  # made from the same reports: not rewritten
    bok.unlink()
    assert _status(_lag(o, utvalg=["god"])) == {"god.html": "uendret"}
    assert bok.read_bytes() == bok_for[0]  # a missing workbook is written again

    tvunget = _lag(o, utvalg=["god"], tving=True)
    assert _status(tvunget) == {"god.html": "ok"}
    assert fil.stat().st_mtime_ns != for_[1]
    assert fil.read_bytes() == for_[0]  # same inputs, same bytes
    assert bok.read_bytes() == bok_for[0]

    o["scenario"].write_text("navn: test\nbeskrivelse: Testscenario, endret\n", encoding="utf-8")
    assert _status(_lag(o, utvalg=["god"])) == {"god.html": "ok"}


def test_feilet_rapport_kjores_alltid_paa_nytt(oppsett):
    assert _status(_lag(oppsett, utvalg=["feil"])) == {"feil.html": "feilet"}
    assert _status(_lag(oppsett, utvalg=["feil"])) == {"feil.html": "feilet"}


def _jobb(o: dict, navn: str = "god") -> rapporter.Jobb:
    return next(j for j in rapporter.jobber(o["nb"]) if j.notatbok.stem == navn)


def test_fingeravtrykket_folger_notatbok_scenario_og_data(oppsett, kopi_av_data):
    jobb = _jobb(oppsett)
    grunn = rapporter.grunnlag()
    nokkel = rapporter.fingeravtrykk(jobb, oppsett["scenario"], grunn)
    assert rapporter.fingeravtrykk(jobb, oppsett["scenario"], rapporter.grunnlag()) == nokkel
    assert len(nokkel) == 64
    # A data file changes: every report's fingerprint changes.
    (kopi_av_data / "omrader.csv").write_text((kopi_av_data / "omrader.csv").read_text() + "\n")
    assert rapporter.grunnlag() != grunn
    # The notebook changes.
    _notatbok(oppsett["nb"], "god", "God rapport", GOD + "\nprint('mer')\n")
    assert rapporter.fingeravtrykk(_jobb(oppsett), oppsett["scenario"], grunn) != nokkel
    # Another notebook with other parameters.
    assert rapporter.fingeravtrykk(_jobb(oppsett, "feil"), oppsett["scenario"], grunn) != nokkel


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


def test_hver_rapport_faar_sin_egen_forvarmede_kjerne_over_ipc(oppsett, monkeypatch, capfd):
    pause = 1.5
    monkeypatch.setenv("TREG_PAUSE", str(pause))
    for navn in ("k1", "k2", "k3"):
        _notatbok(oppsett["nb"], navn, f"Kjerne {navn}", KJERNE)
    monkeypatch.setattr(jobbliste, "notatbokmappe", lambda: oppsett["nb"])
    kode = cli.main(["rapporter", "--scenario", str(oppsett["scenario"]), "--utdata", str(oppsett["ut"]),
                     "--jobber", "1"])
    ut, err = capfd.readouterr()  # fd level: what the kernels (child processes) print is here too
    assert kode == 1  # feil.ipynb fails, on purpose
    # The kernels' own output: nothing (no "running over TCP without encryption", no interrupts).
    assert err == ""
    linjer = ut.strip().splitlines()
    assert linjer[0].startswith("5 rapporter å lage for test, 1 om gangen")
    assert sum(linje.startswith("[") for linje in linjer) == 5  # one progress line per report
    assert any(linje.startswith("Ferdig på ") for linje in linjer)
    info = [_kjerneinfo(oppsett["mappe"] / f"{n}.html") for n in ("k1", "k2", "k3")]
    assert {i["transport"] for i in info} == {"ipc"}
    assert len({i["pid"] for i in info}) == 3  # a fresh kernel process per report
    assert {i["fremmede"] for i in info} == {"[]"}  # no leaked global, nothing from the warm-up
    assert {i["forvarmet"] for i in info} == {"True"}  # libraries and hoep imported before the notebook
    # Every kernel after the first was started while the report before it ran (k1 → k2 → k3 in order).
    rekkefolge = sorted(info, key=lambda i: float(i["celle"]))
    for forrige, neste in zip(rekkefolge, rekkefolge[1:], strict=False):
        assert float(neste["startet"]) < float(forrige["celle"]) + pause
    assert not list(Path(oppsett["mappe"]).glob(".*"))


def test_reserven_varmer_bare_kjerner_som_trengs():
    reserve = kjerner.Reserve(5)
    # Two processes take a job each, with no warm kernel yet: both warm one (3 jobs left > 0, > 1 warm).
    assert [reserve.ta(False), reserve.ta(False)] == [True, True]
    assert reserve.ta(True) is True  # 2 left, 1 other warm: warm another
    assert reserve.ta(True) is False  # 1 left, 1 warm waiting for it
    assert reserve.ta(True) is False  # the last job, with the last warm kernel
    reserve = kjerner.Reserve(2)
    assert reserve.ta(False) is True
    reserve.forkast()  # its warm kernel was not used (the next job went elsewhere)
    assert reserve.ta(False) is False


def test_kjernens_eksportlinje_henter_ikke_notatbokmaskineriet():
    """A report's kernel imports hoep.rapporter.eksport; nbformat (with jsonschema), papermill and
    nbconvert cost seconds and belong to the process that runs the notebook, not to the kernel."""
    kode = ("import sys, hoep.rapporter.eksport, hoep.rapporter as r\n"
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'papermill', 'nbconvert', 'jinja2') "
            "if m in sys.modules))\n"
            "print(all(getattr(r, n) is not None for n in r.__all__), type(r.fingeravtrykk).__name__)")
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout
    assert ut.splitlines() == ["[]", "True function"]


def test_en_utskrift_i_to_biter_gir_samme_side():
    """ipykernel sends printed text on a timer: on a busy machine one print can come as two outputs
    ("text", then "\\n"); the page must not depend on it."""
    def side(*biter: str) -> str:
        nb = nbformat.v4.new_notebook()
        celle = nbformat.v4.new_code_cell("print(...)")
        celle.outputs = [*(nbformat.v4.new_output("stream", name="stdout", text=b) for b in biter),
                         nbformat.v4.new_output("display_data", data={"text/plain": "figur"}),
                         nbformat.v4.new_output("stream", name="stdout", text="etter\n")]
        nb.cells = [celle]
        return rapporter.til_html(nb, "Side")

    hel = side("Forslag 2022: 60,6 mill. kr\n")
    assert side("Forslag 2022: 60,6 mill. kr", "\n") == hel
    # Only neighbours are merged: the text after the figure stays after it.
    assert hel.count("<pre>") == 3
    assert hel.index("<pre>Forslag") < hel.index("<pre>figur") < hel.index("<pre>etter")


def test_kjerne_som_ikke_starter_gir_feilside(oppsett, monkeypatch):
    monkeypatch.setattr(kjerner, "FORVARMING", "import os; os._exit(3)")  # the kernel dies while starting
    r = _lag(oppsett, utvalg=["god"]).resultater[0]
    assert r.status == "feilet"
    side = (oppsett["mappe"] / "god.html").read_text(encoding="utf-8")
    assert "kjernen startet ikke eller døde" in side
    assert not (oppsett["mappe"] / "data" / "god").exists()
    assert not list(oppsett["mappe"].glob(".*"))


def test_samlingen_kjorer_parallelt_med_samme_resultat(oppsett):
    k = _lag(oppsett, antall_jobber=2)
    assert k.jobber == 2
    assert _status(k) == {"god.html": "ok", "feil.html": "feilet"}
    mappe = oppsett["mappe"]
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert "bevisst feil" in (mappe / "feil.html").read_text(encoding="utf-8")
    assert not list(mappe.glob(".*"))


ARBEIDER = """
import os
print(f"arbeider={os.getppid()}")  # the kernel's parent: the process that ran the job
"""


def test_klyngen_kjorer_de_samme_jobbene_paa_to_dask_arbeidere(oppsett, capsys):
    from distributed import Client, LocalCluster

    for navn in ("h1", "h2", "h3"):
        _notatbok(oppsett["nb"], navn, f"Arbeider {navn}", ARBEIDER)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as klynge, \
            Client(klynge) as klient:
        arbeidere = set(klient.run(os.getpid).values())
        assert len(arbeidere) == 2
        k = rapporter.lag_alle([oppsett["scenario"]], oppsett["ut"], notatbokmappe_=oppsett["nb"],
                               klynge=klynge.scheduler_address)
    ut = capsys.readouterr().out
    assert f"5 rapporter å lage for test, på Dask-klyngen {klynge.scheduler_address}" in ut
    assert sum(linje.startswith("[") for linje in ut.splitlines()) == 5
    assert _status(k) == {"god.html": "ok", "feil.html": "feilet", "h1.html": "ok", "h2.html": "ok",
                          "h3.html": "ok"}
    mappe = oppsett["mappe"]
    # Results and failure pages as from the local pool.
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert "bevisst feil etter 3 tall" in (mappe / "feil.html").read_text(encoding="utf-8")
    assert rapporter.les_manifest(mappe)["h1.html"]["status"] == "ok"
    indeks = (mappe / "index.html").read_text("utf-8")
    assert 'href="feil.html">Feil rapport</a> <span class="feilet">' in indeks
    brukt = {int(re.search(r"arbeider=(\d+)", (mappe / f"{n}.html").read_text("utf-8")).group(1))
             for n in ("h1", "h2", "h3")}
    assert brukt <= arbeidere  # every report ran in a kernel started by one of the cluster's workers
    assert not list(mappe.glob(".*"))


def test_klynge_som_ikke_svarer_gir_feilmelding(oppsett, monkeypatch, capsys):
    from hoep.rapporter import pool

    monkeypatch.setattr(pool, "KLYNGEFRIST", 1)
    kode = cli.main(["rapporter", "--scenario", str(oppsett["scenario"]), "--utdata", str(oppsett["ut"]),
                     "--klynge", "tcp://127.0.0.1:9"])
    assert kode == 2
    assert "feil: Fant ingen Dask-planlegger på «tcp://127.0.0.1:9»" in capsys.readouterr().err


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
    _notatbok(oppsett["nb"], "god2", "God rapport 2", GOD)
    assert set(_status(_lag(oppsett, utvalg=utvalg)).values()) == {"ok"}
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
    assert set(_status(_lag(oppsett, utvalg=utvalg)).values()) == {"uendret"}
    assert not list(mappe.glob(".*"))


def test_to_scenarier_i_en_kjoring(oppsett, tmp_path):
    annet = tmp_path / "annet.yaml"
    annet.write_text(yaml.safe_dump({"navn": "annet", "beskrivelse": "Et annet",
                                     "forutsetninger": {"deflator": 3.0}}), encoding="utf-8")
    k = rapporter.lag_alle([oppsett["scenario"], annet], oppsett["ut"], antall_jobber=1,
                           notatbokmappe_=oppsett["nb"], utvalg=["god"], skriv=lambda _: None)
    assert sorted((r.oppgave.scenario, r.status) for r in k.resultater) == [("annet", "ok"), ("test", "ok")]
    for navn in ("test", "annet"):
        assert (oppsett["ut"] / navn / "god.html").is_file()
        assert (oppsett["ut"] / navn / "hoep.xlsx").is_file()
    indeks = (oppsett["ut"] / "annet" / "index.html").read_text(encoding="utf-8")
    assert "(deflator): fra 2022 3,00 prosent" in indeks  # the scenario's changes in plain words
    assert "scenario annet" in (oppsett["ut"] / "annet" / "god.html").read_text(encoding="utf-8")
    assert k.sammenligning == oppsett["ut"] / "sammenligning.html"
    forside = (oppsett["ut"] / "index.html").read_text(encoding="utf-8")  # the comparison links to it
    assert 'href="test/index.html"' in forside and 'href="annet/index.html"' in forside
    assert 'href="sammenligning.html"' in forside


def test_uten_lytter_skriver_visningen_ingenting(tmp_path, monkeypatch):
    """Formatting a table has no side effect: only an installed listener (a report run) exports."""
    import pandas as pd

    from hoep.visning import tabeller, vist

    monkeypatch.chdir(tmp_path)
    assert vist._lyttere == []
    tabeller.tabell(pd.DataFrame({"a": [1]}), navn="a")
    assert list(tmp_path.iterdir()) == []
    hort = []
    slutt = vist.lytt(lambda data, navn, **kw: hort.append((navn, kw["slag"])))
    tabeller.tabell(pd.DataFrame({"a": [1]}), navn="a")
    slutt()
    tabeller.tabell(pd.DataFrame({"a": [1]}), navn="b")
    assert hort == [("a", "tabell")]


def test_readme_og_rapportmappen_beskriver_kjoringene():
    readme = (ROT / "README.md").read_text(encoding="utf-8")
    for ord_ in ("--jobber", "--tving", "hoep.xlsx", "make bench", "manifest.json"):
        assert ord_ in readme
    assert "hoep.xlsx" in (ROT / "reports" / "README.md").read_text(encoding="utf-8")
