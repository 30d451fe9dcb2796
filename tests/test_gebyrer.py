"""Gebyrer og brukerbetalinger (kap. 10): Tabell 10-8 computed, moderation rules, fee changes, findings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from conftest import ra_celle
from hoep import cli, modell
from hoep.feil import HoepFeil
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import gebyrer
from hoep.regler.gebyrer import Barn, Husholdning

TILFELLER = [t for t in yaml.safe_load((Path(__file__).parent / "tilfeller" / "husholdning.yaml")
                                       .read_text("utf-8")) if t["beregning"] != "eiendomsskatt_bolig"]
T10_8 = "tabell_10_8_brukerbetalinger_eksempelfamilie"


@pytest.fixture(scope="module")
def basis():
    return grunnscenario()


@pytest.fixture(scope="module")
def tabell(basis):
    return modell.husholdning.tabell_10_8(basis)


def _beregnet(tilfelle: dict, basis, tabell) -> float:
    b, rad, ar = tilfelle["beregning"], tilfelle.get("rad"), tilfelle["ar"]
    if b == "tabell_10_8":
        return tabell.at[rad, f"kroner_{ar}"]
    if b == "tabell_10_8_endring":
        return tabell.at[rad, "endring"]
    if b == "satsendring":
        return round(modell.husholdning.satsendringer(basis).at[rad, "endring_beregnet"], 1)
    if b == "reell_endring":
        e = gebyrer.endringer(basis.verdi("deflator", 2022))
        return e[(e["tabell"] == tilfelle["tabell"]) & (e["rad_id"] == rad)]["reell_beregnet"].item()
    raise AssertionError(f"ukjent beregning {b}")


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=[t["navn"] for t in TILFELLER])
def test_publiserte_tall(tilfelle, basis, tabell):
    assert abs(_beregnet(tilfelle, basis, tabell) - tilfelle["forventet"]) <= tilfelle["toleranse"] + 1e-9


@pytest.mark.parametrize("tilfelle", [t for t in TILFELLER if t["tabell"] == "Tabell 10-8"],
                         ids=lambda t: t["navn"])
def test_tilfellet_er_den_trykte_cellen(tilfelle):
    # Double entry: the case file and the table's CSV agree.
    kolonne = "endring" if tilfelle["beregning"] == "tabell_10_8_endring" else f"kroner_{tilfelle['ar']}"
    assert ra_celle(T10_8, tilfelle["rad"], kolonne) == tilfelle["forventet"]


def test_hele_tabell_10_8(tabell):
    for rad_id in tabell.index:
        for kolonne in ("kroner_2021", "kroner_2022", "endring"):
            assert tabell.at[rad_id, kolonne] == ra_celle(T10_8, rad_id, kolonne), (rad_id, kolonne)


def test_eksempelfamilien_far_ikke_soskenmoderasjon(basis):
    # Two children, but only one in barnehage: § 3 counts siblings in barnehage, so the barnehage
    # child pays the full maksimalpris, as Tabell 10-8 prints (36 465 = 3 315 · 11).
    b = gebyrer.barnehage(gebyrer.eksempelfamilie(), basis.aar(2022))
    assert len(b) == 1 and b["soskenmoderasjon_pst"].item() == 0 and b["betaling"].item() == 3315 * 11


def test_scenario_endrer_familiens_regning(tmp_path, basis, tabell):
    fil = tmp_path / "s.yaml"
    fil.write_text(yaml.safe_dump({"navn": "s", "forutsetninger": {
        "barnehage_maksimalpris": {2022: 3000}, "vanngebyr_per_m3": {2022: 20.0}}}), encoding="utf-8")
    ny = modell.husholdning.tabell_10_8(sc.les(fil))
    assert ny.at["barn_i_barnehage_full_plass", "kroner_2022"] == 33000
    vann_for = (825 + 14.06 * 150) * 1.13
    vann_etter = 825 * 1.13 + 20.0 * 150
    assert ny.at["sum", "kroner_2022"] - tabell.at["sum", "kroner_2022"] == pytest.approx(
        33000 - 36465 + vann_etter - vann_for, abs=1)
    assert (ny["kroner_2021"] == tabell["kroner_2021"]).all()


# --- barnehage: forskrift om foreldrebetaling i barnehager ------------------------------------

FULL = 3315 * 11  # 36 465 kr, kap. 10.5.2


@pytest.mark.parametrize("barn, inntekt, forventet", [
    ([4], None, FULL),
    ([4], 607_750, FULL),                           # exactly at the 6 % threshold: 6 % = 36 465
    ([4], 607_749, 0.06 * 607_749),                 # one krone below: capped
    ([1], 500_000, 30_000),                         # 6 % of 500 000; under 2 years: no gratis kjernetid
    ([3], 500_000, 30_000 * (1 - 20 / 41)),         # 6 % cap, then 20 of 41 hours free (§ 3c)
    ([3], 583_650, 0.06 * 583_650),                 # at the kjernetid limit: not below it, no free hours
    ([4, 2], None, FULL * (1 + 0.7)),               # child 2: 30 % off
    ([5, 3, 1], None, FULL * (1 + 0.7 + 0.5)),      # three children: 30 % and 50 % off
    ([5, 4, 3, 1], None, FULL * (1 + 0.7 + 0.5 + 0.5)),
    ([5, 3, 1], 600_000, 36_000 * (1 + 0.7 + 0.5)),  # sibling discount on the capped price (§ 3)
    ([4], 0, 0.0),
])
def test_barnehage(basis, barn, inntekt, forventet):
    hh = Husholdning(barn=tuple(Barn(alder=a, barnehage=True) for a in barn), inntekt=inntekt)
    assert gebyrer.barnehage(hh, basis.aar(2022))["betaling"].sum() == pytest.approx(forventet)


def test_barnehage_2021(basis):
    hh = Husholdning(barn=(Barn(alder=3, barnehage=True),))
    assert gebyrer.barnehage(hh, basis.aar(2021))["betaling"].item() == 35530  # 3 230 · 11


@pytest.mark.parametrize("plasser, inntekt, forventet", [
    (["heltid"], None, 3080 * 11),
    (["halvtid"], None, 2060 * 11),
    (["heltid", "halvtid"], None, (3080 + 2060) * 11),
    (["heltid", "heltid"], 500_000, 30_000),          # Trondheim: at most 6 % of income for SFO in all
    (["heltid"], 33880 / 0.06, 33880),                # exactly at the threshold
])
def test_sfo(basis, plasser, inntekt, forventet):
    hh = Husholdning(barn=tuple(Barn(alder=7, sfo=p) for p in plasser), inntekt=inntekt)
    assert gebyrer.sfo(hh, basis.aar(2022)) == pytest.approx(forventet)


@pytest.mark.parametrize("elever, forventet", [(0, 0), (1, 4210), (2, 8420), (3, 4210 * 2.5), (4, 4210 * 3)])
def test_kulturskole(basis, elever, forventet):
    hh = Husholdning(barn=tuple(Barn(alder=9, kulturskole=True) for _ in range(elever)))
    assert gebyrer.kulturskole(hh, basis.aar(2022)) == pytest.approx(forventet)


def test_vannforbruk_og_piper(basis):
    hh0, hh1 = Husholdning(vannforbruk_m3=0, piper=0), Husholdning(vannforbruk_m3=100, piper=2)
    v0, v1 = gebyrer.varf(hh0, basis.aar(2021)), gebyrer.varf(hh1, basis.aar(2021))
    assert v1["vann"] - v0["vann"] == pytest.approx(14.06 * 100)
    assert v1["avlop"] - v0["avlop"] == pytest.approx(15.86 * 100)
    assert v0["feiing"] == 0 and v1["feiing"] == 2 * 377
    # 2022: Tabell 10-1's nominal change per fee (vann 13 %, avløp 5 %, renovasjon 0, feiing 2,5 %)
    v22 = gebyrer.varf(hh1, basis.aar(2022))
    for post, pst in {"vann": 13, "avlop": 5, "renovasjon": 0, "feiing": 2.5}.items():
        assert v22[post] == pytest.approx(v1[post] * (1 + pst / 100))


def test_sammenligning_med_eiendomsskatt(basis):
    hh = Husholdning(barn=(Barn(alder=4, barnehage=True),), boligverdi=5_000_000)
    df = modell.husholdning.sammenligning(hh, basis)
    assert df.at["eiendomsskatt", "kroner_2022"] == pytest.approx(9440)
    assert df.at["sum", "kroner_2022"] == pytest.approx(df.loc[df.index != "sum", "kroner_2022"].sum())


@pytest.mark.parametrize("lag, tekst", [
    (lambda: Barn(alder=9, barnehage=True), "barnehageplass"),
    (lambda: Barn(alder=7, sfo="kveld"), "SFO-plass"),
    (lambda: Barn(alder=-1), "alder"),
    (lambda: Husholdning(inntekt=-5), "inntekten"),
    (lambda: Husholdning(vannforbruk_m3=-1), "vannforbruket"),
])
def test_ugyldig_husholdning(lag, tekst):
    with pytest.raises(HoepFeil, match=tekst):
        lag()


def test_bare_2021_og_2022(basis):
    with pytest.raises(HoepFeil, match="2021 og 2022"):
        modell.husholdning.regning(gebyrer.eksempelfamilie(), basis, 2023)


# --- fee changes and findings -----------------------------------------------------------------

def test_endringer_nominell_og_reell(basis):
    e = gebyrer.endringer(basis.verdi("deflator", 2022))
    kap10 = e[e["tabell"] != "Tabell 24-2"]
    assert (kap10["avvik"] == 0).all() and set(kap10["brukt_deflator"]) == {2.5}
    t24 = e[e["tabell"] == "Tabell 24-2"]
    assert len(t24) == 5 and set(t24["brukt_deflator"]) == {2.3} and set(t24["avvik"]) == {0.2}
    # Tabell 10-6: three services have no percentage (state rates, or free) and are left out
    assert len(e[e["tabell"] == "Tabell 10-6"]) == 4


# The register's entries that touch chapter 10, read straight from data/avvik.yaml: the five
# findings of chapter 10 and Tabell 24-2 (the two numeric ones carry their two values).
FUNN = [p for p in yaml.safe_load((Path(__file__).parents[1] / "data" / "avvik.yaml").read_text("utf-8"))
        if p["id"] in {"kulturskole_nominell_endring", "tabell_24_2_deflator", "barnehage_maksimalpris_ar",
                       "tabelltitler_ar", "eksempelhusholdning_150"}]


@pytest.mark.parametrize("post", [f for f in FUNN if f.get("gjelder", "tall") == "tall"],
                         ids=lambda f: f["id"])
def test_tallfunn_finnes_fortsatt(basis, post):
    publisert, beregnet = modell.husholdning.funn_beregnet(basis)[post["id"]]
    assert (publisert, beregnet) == (post["verdier"]["publisert"], post["verdier"]["beregnet"])
    assert publisert != beregnet


def test_funn_er_registerets_poster_for_kapittel_10():
    funn = gebyrer.funn()
    assert [f["id"] for f in funn] == [p["id"] for p in FUNN]
    for f, post in zip(funn, FUNN, strict=True):
        felt = {"id", "type", "tabell", "celle", "publisert", "beregnet", "kildelinjer", "beskrivelse"}
        assert felt <= set(f)
        assert f["type"] == post.get("gjelder", "tall")
        assert (f["publisert"], f["beregnet"]) == (post["verdier"]["publisert"], post["verdier"]["beregnet"])
        assert f["publisert"] != f["beregnet"] and f["kildelinjer"]
    beregnet = modell.husholdning.funn_beregnet(grunnscenario())
    assert {f["id"] for f in funn if f["type"] == "tall"} == set(beregnet)


def test_maksimalprisen_gjelder_2022_ikke_2021():
    # The text dates 3 315 kr to 1 January 2021; Tabell 10-8 puts 36 465 = 3 315 · 11 in 2022.
    assert ra_celle(T10_8, "barn_i_barnehage_full_plass", "kroner_2022") == 3315 * 11
    assert ra_celle(T10_8, "barn_i_barnehage_full_plass", "kroner_2021") == (3315 - 85) * 11


# --- CLI --------------------------------------------------------------------------------------

def test_cli_eksempelfamilie(capsys):
    assert cli.main(["eksempelfamilie", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    summen = next(r for r in ut["rader"] if r["rad_id"] == "sum")
    assert (summen["kroner_2021"], summen["kroner_2022"], summen["endring"]) == (82541, 84945, 2404)
    assert cli.main(["eksempelfamilie", "--format", "csv"]) == 0
    rader = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rader[0]["kroner_2022"] == "36465" and len(rader) == 5
    assert cli.main(["eksempelfamilie"]) == 0
    assert "84\u00a0945" in capsys.readouterr().out


def test_cli_eksempelfamilie_ugyldig_scenario(tmp_path, capsys):
    fil = tmp_path / "s.yaml"
    fil.write_text("navn: s\nforutsetninger: {sfo_heltid: -3}\n", encoding="utf-8")
    assert cli.main(["eksempelfamilie", "--scenario", str(fil)]) == 2
    assert "sfo_heltid" in capsys.readouterr().err


def test_notatboken_er_en_rapport():
    from hoep import rapporter

    assert "skatt_og_gebyrer.html" in {j.fil for j in rapporter.jobber()}


def test_oppdater_ukjent_notatbok_avvises():
    from hoep import rapporter

    with pytest.raises(HoepFeil, match="ukjent notatbok finnes_ikke.ipynb"):
        rapporter.oppdater_notatboker(None, ["finnes_ikke"])
