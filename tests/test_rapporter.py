"""Batch reports: incremental runs, fault isolation, atomic output, the pool and the pages.

The runs use small synthetic notebooks in a temporary folder (``oppsett`` in conftest.py), so the
mechanism is tested without the real notebooks' run time. Kernels: test_kjerner.py; interrupted
runs: test_avbrudd.py; the Dask cluster: test_klynge.py.
"""

from __future__ import annotations

import nbformat
import pytest
import yaml

from conftest import GOD, ROT, lag_notatbok, lag_rapporter, status
from hoep import cli, rapporter
from hoep.feil import HoepFeil
from hoep.rapporter import jobbliste

_notatbok, _lag, _status = lag_notatbok, lag_rapporter, status

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


def test_samlingen_kjorer_parallelt_med_samme_resultat(oppsett):
    k = _lag(oppsett, antall_jobber=2)
    assert k.jobber == 2
    assert _status(k) == {"god.html": "ok", "feil.html": "feilet"}
    mappe = oppsett["mappe"]
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert "bevisst feil" in (mappe / "feil.html").read_text(encoding="utf-8")
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
    for ord_ in ("--jobber", "--tving", "--klynge", "hoep.xlsx", "make bench", "manifest.json", "bench.json"):
        assert ord_ in readme
    assert "hoep.xlsx" in (ROT / "reports" / "README.md").read_text(encoding="utf-8")
