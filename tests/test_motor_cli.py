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
