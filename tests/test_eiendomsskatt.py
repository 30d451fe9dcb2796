"""Eiendomsskatt (kap. 10.2, 1.1.2): the tax per property, the law's limits, the revenue what-if, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ra_celle
from hoep import cli, modell
from hoep.feil import HoepFeil, ScenarioFeil
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import eiendomsskatt

TILFELLER = [t for t in yaml.safe_load((Path(__file__).parent / "tilfeller" / "husholdning.yaml")
                                       .read_text("utf-8")) if t["beregning"] == "eiendomsskatt_bolig"]


@pytest.fixture(scope="module")
def satser():
    return modell.eiendomsskatt.satser(grunnscenario(), 2022)


def _scenario(tmp_path: Path, forutsetninger: dict, navn: str = "test") -> Path:
    fil = tmp_path / f"{navn}.yaml"
    fil.write_text(yaml.safe_dump({"navn": navn, "forutsetninger": forutsetninger}), encoding="utf-8")
    return fil


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=[t["navn"] for t in TILFELLER])
def test_publisert_eksempel(satser, tilfelle):
    k = eiendomsskatt.skatt(tilfelle["verdi"], "bolig", satser)
    assert abs(k.skatt - tilfelle["forventet"]) <= tilfelle["toleranse"]


def test_satsene_er_dokumentets(satser):
    # kap. 1.1.2 and 10.2: 3,2 / 3,2 / 4,15 / 6,05 promille, bunnfradrag 550 000, reduction 30 %
    assert satser.promille == {"bolig": 3.2, "fritid": 3.2, "naering": 4.15, "saerskilt": 6.05}
    assert satser.bunnfradrag == 550000
    assert satser.reduksjonsfaktor == 30


# (verdi, type, boenheter, expected tax in kr), worked by hand: (0,7 · verdi − 550 000 · n) · sats
@pytest.mark.parametrize("verdi, type_, boenheter, forventet", [
    (5_000_000, "bolig", 1, 9440.0),
    (700_000, "bolig", 1, 0.0),                       # 490 000 below the bunnfradrag
    (550_000 / 0.7, "bolig", 1, 0.0),                 # exactly at the bunnfradrag: grunnlag 0
    (800_000, "bolig", 1, (560_000 - 550_000) * 0.0032),   # just above: 32 kr
    (0, "bolig", 1, 0.0),
    (5_000_000, "bolig", 2, (3_500_000 - 1_100_000) * 0.0032),  # two approved boenheter
    (2_000_000, "fritid", 1, (1_400_000 - 550_000) * 0.0032),
    (10_000_000, "naering", 1, 41_500.0),             # no reduction, no bunnfradrag: 10 mill. · 4,15 ‰
    (10_000_000, "saerskilt", 1, 60_500.0),
])
def test_skatt(satser, verdi, type_, boenheter, forventet):
    assert eiendomsskatt.skatt(verdi, type_, satser, boenheter).skatt == pytest.approx(forventet, abs=1e-6)


def test_aldri_negativ(satser):
    for verdi in (0, 1, 100_000, 785_714, 785_715):
        k = eiendomsskatt.skatt(verdi, "bolig", satser)
        assert k.grunnlag >= 0 and k.skatt >= 0


@pytest.mark.parametrize("verdi, type_, boenheter, tekst", [
    (-1, "bolig", 1, "0 eller mer"),
    (float("nan"), "bolig", 1, "0 eller mer"),
    (1e6, "hytte", 1, "ukjent eiendomstype «hytte»"),
    (1e6, "bolig", 0, "boenheter"),
])
def test_ugyldig_inndata(satser, verdi, type_, boenheter, tekst):
    with pytest.raises(HoepFeil, match=tekst):
        eiendomsskatt.skatt(verdi, type_, satser, boenheter)


# --- the law's limits -------------------------------------------------------------------------

@pytest.mark.parametrize("nokkel, verdi, grense", [
    ("eiendomsskatt_promille_bolig", 4.5, "0–4"),
    ("eiendomsskatt_promille_fritid", 4.01, "0–4"),
    ("eiendomsskatt_promille_naering", 7.5, "0–7"),
    ("eiendomsskatt_promille_saerskilt", 8, "0–7"),
])
def test_sats_over_lovens_grense_avvises_med_hjemmel(tmp_path, nokkel, verdi, grense):
    fil = _scenario(tmp_path, {nokkel: {2023: verdi}})
    with pytest.raises(ScenarioFeil) as e:
        sc.les(fil)
    melding = str(e.value)
    for del_ in (str(fil), f"forutsetninger.{nokkel}", grense, "promille", "eiendomsskatteloven § 13"):
        assert del_ in melding


def test_scenario_sjekk_i_cli(tmp_path, capsys):
    fil = _scenario(tmp_path, {"eiendomsskatt_promille_bolig": {2023: 4.5}})
    assert cli.main(["scenario", "sjekk", str(fil)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("feil: ") and "eiendomsskatteloven § 13" in err and "0–4" in err


def test_mer_enn_en_promille_okning_per_ar_avvises(tmp_path):
    # 4,15 → 5,5 promille for næring from 2022 to 2023 is within 7 ‰ but rises 1,35 promille.
    scen = sc.les(_scenario(tmp_path, {"eiendomsskatt_promille_naering": {2023: 5.5}}))
    modell.eiendomsskatt.satser(scen, 2022)
    with pytest.raises(ScenarioFeil, match="høyst 1 promille økning per år"):
        modell.eiendomsskatt.satser(scen, 2023)


@pytest.mark.parametrize("sats, gyldig", [(0.0, True), (0.5, False), (1.0, True), (4.0, True), (4.1, False)])
def test_bolig_sats_null_eller_mellom_1_og_4(sats, gyldig):
    if gyldig:
        eiendomsskatt.sjekk_sats("bolig", sats)
    else:
        with pytest.raises(ScenarioFeil, match="eiendomsskatteloven § 13"):
            eiendomsskatt.sjekk_sats("bolig", sats)


# --- revenue ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def basis_proveny():
    return modell.eiendomsskatt.proveny(grunnscenario())


def test_basis_endring_er_null(basis_proveny):
    assert list(basis_proveny.index) == [2022, 2023, 2024, 2025]
    assert (basis_proveny["endring"] == 0.0).all()
    assert (basis_proveny["proveny"] == basis_proveny["publisert"]).all()


def test_publisert_er_budsjettskjema_1a_i_lopende_priser(basis_proveny):
    for ar in (2022, 2023, 2024, 2025):
        trykt = -ra_celle("budsjettskjema_1a", "eiendomsskatt", f"budsjett_{ar}")  # faste 2022-kroner
        assert basis_proveny.at[ar, "publisert_2022kr"] == trykt
        assert basis_proveny.at[ar, "publisert"] == pytest.approx(trykt * 1.025 ** (ar - 2022))
    assert basis_proveny.at[2022, "publisert"] == 810


def test_publisert_er_2021_pluss_30_mill_per_ar(basis_proveny):
    # Tabell 8-2: 780 in budget 2021 (2022-kroner) and the council's real increase of 30 mill. a year.
    grunn = -ra_celle("tabell_8_2_utvikling_inntekter", "eiendomsskatt", "budsjett_2021")
    assert grunn == 780
    for ar, okning in {2022: 30, 2023: 60, 2024: 90, 2025: 90}.items():
        assert -ra_celle("tabell_8_2_utvikling_inntekter", "eiendomsskatt", f"endring_{ar}") == okning
        assert basis_proveny.at[ar, "publisert_2022kr"] == grunn + okning


def test_fire_promille_bolig_fra_2023(tmp_path, basis_proveny):
    scen = sc.les(_scenario(tmp_path, {"eiendomsskatt_promille_bolig": {2023: 4.0}}))
    p = modell.eiendomsskatt.proveny(scen)
    assert p.at[2022, "endring"] == 0.0
    # Independent arithmetic: bolig share = 2 581 kr · 205 163 innbyggere / 737 mill. (2020), 99 % of it
    # bolig (1 % fritid); a rate change alone scales the bolig revenue by 4,0 / 3,2.
    andel = 2581 * 205163 / 1e6 / 737
    for ar, pub in {2023: 840, 2024: 870, 2025: 870}.items():
        assert p.at[ar, "endring_2022kr"] == pytest.approx(pub * andel * 0.99 * (4.0 / 3.2 - 1))
        assert p.at[ar, "endring"] == pytest.approx(p.at[ar, "endring_2022kr"] * 1.025 ** (ar - 2022))
    assert (p["proveny"] - p["publisert"] - p["endring"]).abs().max() < 1e-9


def test_hoyere_bunnfradrag_gir_mindre_inntekt(tmp_path):
    endring = {b: modell.eiendomsskatt.proveny(sc.les(_scenario(
        tmp_path, {"eiendomsskatt_bunnfradrag": b}, f"b{b}"))).at[2022, "endring"]
        for b in (0, 300000, 700000, 1000000)}
    assert endring[0] > endring[300000] > 0 > endring[700000] > endring[1000000]


def test_asss_trondheim_hoyest():
    t = eiendomsskatt.asss().set_index("kommune")["kroner_per_innbygger"]
    assert t.idxmax() == "Trondheim" and t.max() == 2581
    assert sorted(t[t == 0].index) == ["Bærum", "Drammen", "Sandnes"]


def test_kurve(satser):
    k = eiendomsskatt.kurve(satser, [0, 785_714.29, 5_000_000, 10_000_000])
    assert k["skatt"].tolist()[0] == 0 and k["skatt"].is_monotonic_increasing
    assert k.loc[2, "skatt"] == pytest.approx(9440)
    assert k["effektiv_promille"].iloc[-1] < 3.2


# --- CLI --------------------------------------------------------------------------------------

def test_cli_json(capsys):
    assert cli.main(["eiendomsskatt", "--verdi", "5000000", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["skatt"] == 9440 and ut["grunnlag"] == 2950000 and ut["sats_promille"] == 3.2
    assert ut["bunnfradrag"] == 550000 and ut["type"] == "bolig"


def test_cli_tabell_og_scenario(tmp_path, capsys):
    fil = _scenario(tmp_path, {"eiendomsskatt_promille_bolig": {2023: 4.0}})
    assert cli.main(["eiendomsskatt", "--verdi", "5000000", "--scenario", str(fil), "--ar", "2023"]) == 0
    assert "11\u00a0800" in capsys.readouterr().out  # 2 950 000 · 4 ‰


@pytest.mark.parametrize("argv, tekst", [
    (["--verdi", "-5"], "--verdi"),
    (["--verdi", "1000", "--type", "hytte"], "ukjent eiendomstype"),
    (["--verdi", "1000", "--ar", "2030"], "--ar"),
    (["--verdi", "1000", "--boenheter", "0"], "boenheter"),
])
def test_cli_feil(capsys, argv, tekst):
    assert cli.main(["eiendomsskatt", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("feil: ") and tekst in err
