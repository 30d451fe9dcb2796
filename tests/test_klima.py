"""Klimabudsjett (kap. 7): published figures recomputed, scenarios and their validation, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from hoep import cli, data, modell
from hoep.feil import ScenarioFeil
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import klima

TILFELLER = yaml.safe_load((Path(__file__).parent / "tilfeller" / "klima.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def ramme():
    return modell.klimaramme(grunnscenario())


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=[t["navn"] for t in TILFELLER])
def test_publisert_utslippsramme(ramme, tilfelle):
    assert abs(ramme.at[tilfelle["ar"], tilfelle["nokkel"]] - tilfelle["forventet"]) <= tilfelle["toleranse"]


def test_malbanen_folger_ikke_rette_linjer_etter_2023(ramme):
    # Tabell 7-1: 345 793 (2024) and 324 442 (2025); straight lines to the 2030 target fall faster.
    assert ramme.at[2024, "malbane"] == 345793
    assert ramme.at[2024, "malbane_linear"] < ramme.at[2024, "malbane"] - 10000


@pytest.mark.parametrize("utslipp, forventet", [(101.5, 2), (98.5, -2), (101.49, 1), (75.25, -25), (100, 0)])
def test_prosent_mot_2009_rundes_bort_fra_null(utslipp, forventet):
    # (utslipp / 100 − 1) · 100 is 1.5, −1.5, 1.49, −24.75 and 0; printed half away from zero
    assert klima.prosent_mot_2009(utslipp, 100.0) == forventet


def _scenario(tmp_path: Path, klima_: dict, navn: str = "test") -> sc.Scenario:
    fil = tmp_path / f"{navn}.yaml"
    fil.write_text(yaml.safe_dump({"navn": navn, "beskrivelse": "test", "klima": klima_}, allow_unicode=True),
                   encoding="utf-8")
    return sc.les(fil)


def test_fjernet_tiltak_endrer_gapet_med_noyaktig_tiltakets_tonn(tmp_path, ramme):
    # Tabell 7-2, tiltak 3 (fjernvarme): 11 600 / 15 500 / 16 100 / 16 800 tonn
    ny = modell.klimaramme(_scenario(tmp_path, {"fjern_tiltak": ["t03"]}))
    assert (ny.loc[2022:2025, "gap"] - ramme.loc[2022:2025, "gap"]).tolist() == [11600, 15500, 16100, 16800]
    assert (ny["referansebane"] == ramme["referansebane"]).all()


def test_skalert_og_nytt_tiltak(tmp_path, ramme):
    scen = _scenario(tmp_path, {"skaler_tiltak": {"t10": 0.5}, "nye_tiltak": [
        {"id": "n1", "navn": "Nytt", "sektor": "Veitrafikk", "ansvar": "ST",
         "effekt": {2023: 1000, 2025: 3000}}]})
    ny = modell.klimaramme(scen)
    # t10 (nullvekst i personbiltrafikk): 2 300 / 2 800 / 3 200 / 3 400; half is removed.
    forventet = {2022: -1150, 2023: -1400 + 1000, 2024: -1600 + 1000, 2025: -1700 + 3000}
    for ar, endring in forventet.items():
        assert ny.at[ar, "samlet_effekt"] - ramme.at[ar, "samlet_effekt"] == endring
    # after its last given year a measure keeps that effect
    assert ny.at[2030, "samlet_effekt"] - ramme.at[2030, "samlet_effekt"] == -1700 + 3000


def test_referansebane_kan_overstyres(tmp_path, ramme):
    ny = modell.klimaramme(_scenario(tmp_path, {"referansebane": {2024: 420000}}))
    assert ny.at[2024, "referansebane"] == 420000
    assert ny.at[2024, "gap"] == ramme.at[2024, "gap"] - (428164 - 420000)


@pytest.mark.parametrize("klima_, nevnt", [
    ({"fjern_tiltak": ["t99"]}, "t99"),
    ({"fjern_tiltak": "t03"}, "klima.fjern_tiltak"),
    ({"skaler_tiltak": {"t01": -1}}, "klima.skaler_tiltak.t01"),
    ({"skaler_tiltak": {"t01": "halv"}}, "klima.skaler_tiltak.t01"),
    ({"fjern_tiltak": ["t01"], "skaler_tiltak": {"t01": 0.5}}, "t01"),
    ({"nye_tiltak": [{"id": "t01", "navn": "x", "sektor": "Veitrafikk", "effekt": {2022: 1}}]}, "id"),
    ({"nye_tiltak": [{"id": "n", "navn": "x", "sektor": "Luftfart", "effekt": {2022: 1}}]}, "Veitrafikk"),
    ({"nye_tiltak": [{"id": "n", "navn": "x", "sektor": "Veitrafikk", "effekt": {2040: 1}}]}, "2022-2030"),
    ({"nye_tiltak": [{"id": "n", "navn": "x", "sektor": "Veitrafikk"}]}, "effekt"),
    ({"referansebane": {2024: 0}}, "klima.referansebane.2024"),
    ({"ukjent": 1}, "klima.ukjent"),
])
def test_ugyldige_klimaendringer_gir_norsk_feil_med_nokkel(tmp_path, klima_, nevnt):
    with pytest.raises(ScenarioFeil) as feil:
        _scenario(tmp_path, klima_)
    assert nevnt in str(feil.value)
    assert "test.yaml" in str(feil.value)


def test_eksempelscenarioet_for_klima_er_gyldig():
    scen = sc.les(data.prosjektrot() / "scenarios" / "klima_uten_fjernvarmetiltak.yaml")
    assert scen.klima.fjern == ("t03",)


def test_malstatus(ramme):
    status = klima.malstatus(ramme)
    assert not status.at[2023, "nadd"]
    # 2023: tiltaksbane 394 682 against the ceiling 0,7 × 524 491 = 367 143,7
    assert status.at[2023, "mangler"] == pytest.approx(394682 - 0.7 * 524491)


def test_cli_klima_json(capsys):
    assert cli.main(["klima", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["scenario"] == "basis"
    aar = ut["aar"]["2023"]
    assert {"referansebane", "samlet_effekt", "tiltaksbane", "malbane", "gap", "referansebane_pst",
            "tiltaksbane_pst", "malbane_pst"} <= set(aar)
    assert aar["tiltaksbane"] == 394682 and aar["tiltaksbane_pst"] == -25
    assert set(ut["aar"]) == {str(a) for a in range(2022, 2031)}


def test_cli_klima_ugyldig_scenario_gir_kode_2(tmp_path, capsys):
    fil = tmp_path / "feil.yaml"
    fil.write_text("navn: feil\nklima:\n  fjern_tiltak: [t42]\n", encoding="utf-8")
    assert cli.main(["klima", "--scenario", str(fil)]) == 2
    assert "t42" in capsys.readouterr().err
