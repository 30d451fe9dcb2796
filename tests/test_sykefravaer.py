"""Sykefravær (kap. 38): the document's figures recomputed from its parameters; the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from hoep import cli, modell
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import sykefravaer

TILFELLER = yaml.safe_load((Path(__file__).parent / "tilfeller" / "sykefravaer.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def resultater():
    scen = grunnscenario()
    p = modell.sykefravaersparametre(scen)
    return {"kommunen": sykefravaer.kostnader(p),
            "barnehage": sykefravaer.enhet(scen.verdi("sykefravaer_barnehage_arsverk", 2020),
                                           scen.verdi("sykefravaer_barnehage_fravaer", 2020), p)}


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=[t["navn"] for t in TILFELLER])
def test_dokumentets_tall(resultater, tilfelle):
    verdi = resultater[tilfelle["del"]][tilfelle["nokkel"]]
    assert abs(verdi - tilfelle["forventet"]) <= tilfelle["toleranse"], verdi


def test_kostnaden_er_lineaer_i_fravaeret():
    p = sykefravaer.Parametre()
    seks, tolv = sykefravaer.kostnader(replace(p, fravaer=6)), sykefravaer.kostnader(replace(p, fravaer=12))
    assert tolv["produksjonstap"] == pytest.approx(2 * seks["produksjonstap"])
    assert seks["stat"] + seks["kommune"] == pytest.approx(seks["produksjonstap"])


def test_sensitivitet_har_en_rad_per_fravaer():
    df = sykefravaer.sensitivitet(sykefravaer.Parametre(), [5, 10])
    assert df.loc[10, "produksjonstap"] == pytest.approx(820)
    assert df.loc[5, "produksjonstap"] == pytest.approx(410)


def test_cli_json(capsys):
    assert cli.main(["sykefravaer", "--fravaer", "8", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["fravaer_pst"] == 8
    assert ut["kommunen"]["produksjonstap"] == pytest.approx(656)


def test_cli_avviser_fravaer_over_100(capsys):
    assert cli.main(["sykefravaer", "--fravaer", "120"]) == 2
    assert "mellom 0 og 100" in capsys.readouterr().err


def test_scenario_kan_endre_parametrene(tmp_path):
    fil = tmp_path / "s.yaml"
    fil.write_text("navn: s\nforutsetninger:\n  sykefravaer_vikar_korttid: 100\n", encoding="utf-8")
    p = modell.sykefravaersparametre(sc.les(fil))
    assert sykefravaer.kostnader(p)["vikar_korttid"] == pytest.approx(246)
