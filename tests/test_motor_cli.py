"""`hoep tabell ID --scenario` and `hoep forklar` work for every table the engine computes."""

from __future__ import annotations

import json

from hoep import cli, data
from hoep.modell import motor


def test_tabell_og_forklar_virker_for_hver_beregnet_tabell(capsys):
    """Every computed table comes out for a scenario in the published shape, and its first row's
    cell explains itself (rule, source, inputs)."""
    scen = "scenarios/alternativt_budsjett.yaml"
    for tabell_id in sorted(motor.BEREGNES):
        assert cli.main(["tabell", tabell_id, "--scenario", scen, "--format", "json"]) == 0, tabell_id
        t = json.loads(capsys.readouterr().out)
        trykt = data.tabell(tabell_id)
        assert [r["rad_id"] for r in t["rader"] if r["rad_id"] in trykt.index] == list(trykt.index)
        rad = t["rader"][0]["rad_id"]
        assert cli.main(["forklar", tabell_id, rad, "2023", "--scenario", scen]) == 0, tabell_id
        ut = capsys.readouterr().out
        assert "Regel:" in ut and "Kilde:" in ut, tabell_id


def test_forklar_viser_radens_egen_kildelinje(capsys):
    from hoep.data import radlinjer

    linje = radlinjer.kildelinje("tabell_8_14_investeringer_og_finansiering", "mva_kompensasjon")
    fra, til = data.info("tabell_8_14_investeringer_og_finansiering").kildelinjer
    assert linje is not None and fra < linje <= til
    assert cli.main(["forklar", "tabell_8_15_gjeldsutvikling", "laneopptak", "2023"]) == 0
    assert f"Mva.-kompensasjon: 264,20, derivert [dokumentets linje {linje}]" in capsys.readouterr().out


def test_radlinjer_med_linje_utenfor_tabellen_avvises(tmp_path, monkeypatch):
    import shutil

    import pytest

    from hoep.data import mellomlager, radlinjer
    from hoep.feil import DataFeil

    mappe = tmp_path / "data"
    shutil.copytree(data.datamappe(), mappe)
    (mappe / "radlinjer.csv").write_text(
        "tabell,rad_id,linje\ntabell_8_14_investeringer_og_finansiering,mva_kompensasjon,12\n",
        encoding="utf-8")
    monkeypatch.setenv("HOEP_DATA", str(mappe))
    mellomlager.nullstill()
    try:
        with pytest.raises(DataFeil, match="radlinjer.csv, linje 2: «linje» må være et heltall i tabellens"):
            radlinjer.kildelinje("tabell_8_14_investeringer_og_finansiering", "mva_kompensasjon")
    finally:
        monkeypatch.undo()
        mellomlager.nullstill()
