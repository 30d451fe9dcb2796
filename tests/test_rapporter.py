"""Batch reports: incremental runs, fault isolation, atomic output, retries and the pool.

The runs use small synthetic notebooks in a temporary folder (one kernel each, a few seconds), so
the mechanism is tested without the real notebooks' run time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from conftest import ROT
from hoep import cli, rapporter
from hoep.feil import HoepFeil
from hoep.rapporter import eksport, jobbliste, pool, utforelse

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
    fil = o["mappe"] / "god.html"
    for_ = (fil.read_bytes(), fil.stat().st_mtime_ns)
    manifest = rapporter.les_manifest(o["mappe"])
    assert manifest["god.html"]["status"] == "ok"
    assert manifest["god.html"]["nokkel"] == forste.resultater[0].oppgave.nokkel

    andre = _lag(o, utvalg=["god"])
    assert _status(andre) == {"god.html": "uendret"}
    assert (fil.read_bytes(), fil.stat().st_mtime_ns) == for_

    tvunget = _lag(o, utvalg=["god"], tving=True)
    assert _status(tvunget) == {"god.html": "ok"}
    assert fil.stat().st_mtime_ns != for_[1]
    assert fil.read_bytes() == for_[0]  # same inputs, same bytes

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


def test_kjerne_som_ikke_starter_provees_igjen(oppsett, monkeypatch):
    monkeypatch.setattr(utforelse, "KJERNEPAUSE", 0.0)
    ekte = utforelse._kjor_notatbok
    kall = []

    def svikter_forste_gang(*args):
        kall.append(args)
        if len(kall) == 1:  # a kernel that exported a half table and died
            eksport.registrer(pd.DataFrame({"x": [0]}), "belop")
            eksport.registrer(pd.DataFrame({"x": [0]}), "rest")
            raise RuntimeError("Kernel died before replying to kernel_info")
        return ekte(*args)

    monkeypatch.setattr(utforelse, "_kjor_notatbok", svikter_forste_gang)
    k = _lag(oppsett, utvalg=["god"])
    r = k.resultater[0]
    assert (r.status, r.forsok, len(kall)) == ("ok", 2, 2)
    data = oppsett["mappe"] / "data" / "god"
    assert [t["fil"] for t in eksport.les_innhold(data)] == ["belop.csv"]  # only the second attempt's
    assert sorted(p.name for p in data.iterdir()) == ["belop.csv", "innhold.json"]
    assert (data / "belop.csv").read_text(encoding="utf-8").startswith("År,Beløp\n")


def test_kjerne_som_aldri_starter_gir_feilside(oppsett, monkeypatch):
    monkeypatch.setattr(utforelse, "KJERNEPAUSE", 0.0)

    def svikter(*args):
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(utforelse, "_kjor_notatbok", svikter)
    r = _lag(oppsett, utvalg=["god"]).resultater[0]
    assert (r.status, r.forsok) == ("feilet", rapporter.KJERNEFORSOK)
    side = (oppsett["mappe"] / "god.html").read_text(encoding="utf-8")
    assert "kjernen startet ikke" in side and "3 forsøk" in side


def test_kjernestarter_spres_i_tid():
    import multiprocessing

    ktx = multiprocessing.get_context("spawn")
    for_ = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    pool._init_arbeider(ktx.Lock(), ktx.Value("d", 0.0))
    try:
        start = time.perf_counter()
        utforelse._vent_pa_tur()
        utforelse._vent_pa_tur()
        utforelse._vent_pa_tur()
        assert time.perf_counter() - start >= 2 * rapporter.STARTAVSTAND - 0.01
    finally:
        utforelse._tur = None
        signal.signal(signal.SIGINT, for_[0])
        signal.signal(signal.SIGTERM, for_[1])


def test_samlingen_kjorer_parallelt_med_samme_resultat(oppsett):
    k = _lag(oppsett, antall_jobber=2)
    assert k.jobber == 2
    assert _status(k) == {"god.html": "ok", "feil.html": "feilet"}
    mappe = oppsett["mappe"]
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert "bevisst feil" in (mappe / "feil.html").read_text(encoding="utf-8")
    assert not list(mappe.glob(".*"))


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
