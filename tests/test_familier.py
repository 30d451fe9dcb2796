"""The families of area tables (issue: the whole document as data): coverage, views, invariants.

Expected published values are typed from the document (line numbers in the seed text given);
coverage tests read data/kontroller.yaml and data/datapackage.json directly, not via hoep.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import DATA
from hoep import data
from hoep.data import kontroller
from hoep.feil import DataFeil

KATALOG = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]
KONTROLLER = yaml.safe_load((DATA / "kontroller.yaml").read_text(encoding="utf-8"))
OMRADER = data.omrader()
TJENESTEOMRADER = OMRADER[OMRADER["kapittel"].astype(int).between(13, 36)]["omrade"].tolist()

# Areas the document gives no table of a family, with the reason (checked against the seed text).
UTEN = {
    "rammeendring": {"miljo_og_landbrukstjenester": "kapittel 32 har bare innledningen (32.1)"},
    "tiltak": {"miljo_og_landbrukstjenester": "kapittel 32 har bare innledningen (32.1)"},
}


def _familie(navn: str) -> list[dict]:
    return [r for r in KATALOG if r.get("familie") == navn]


def _refererte_tabeller(k: dict) -> set[str]:
    """Every table a check touches: its own, and any «tabell:rad» in sum or ledd."""
    tabeller = {k["tabell"]}
    for ref in [k["sum"], *k.get("ledd", []), *k.get("mellom", [])]:
        ref = str(ref).lstrip("-+")
        if ":" in ref:
            tabeller.add(ref.rsplit(":", 1)[0])
    return tabeller


@pytest.mark.parametrize("familie", ["rammeendring", "tiltak"])
def test_hvert_tjenesteomrade_har_tabellen_eller_en_grunn(familie):
    har = {r.get("omrade") for r in _familie(familie)}
    mangler = [o for o in TJENESTEOMRADER if o not in har]
    assert mangler == list(UTEN.get(familie, {}))


@pytest.mark.parametrize("tabell", [r["name"] for r in _familie("rammeendring")])
def test_rammeendring_har_broens_identiteter_og_kapittel_2(tabell):
    """korrigert = opprinnelig + pris/lønn + tekniske; forslag = korrigert + befolkning + annen;
    reell = forslag − korrigert; forslag = kapittel 2s netto resultat for området."""
    egne = [k for k in KONTROLLER if k["tabell"] == tabell]
    summer = {k["sum"] for k in egne}
    assert {"korrigert_budsjett", "forslag_til_netto_driftsramme", "reell_rammeendring"} <= summer
    omrade = next(r["omrade"] for r in KATALOG if r["name"] == tabell)
    assert any(f"ramme_{omrade}:netto_resultat" in map(str, k["ledd"]) for k in egne), \
        "mangler kontroll mot kapittel 2s rammetabell"


@pytest.mark.parametrize("tabell", [r["name"] for r in _familie("tiltak")])
def test_tiltak_summerer_til_reell_rammeendring(tabell):
    kontroller_ = [k for k in KONTROLLER if tabell in _refererte_tabeller(k)
                   and str(k["sum"]).rsplit(":", 1)[-1] == "reell_rammeendring"
                   and any(str(ledd).lstrip("-").startswith(f"{tabell}:") for ledd in k["ledd"])]
    assert kontroller_, f"ingen kontroll av at tiltakene i {tabell} gir reell rammeendring"


@pytest.mark.parametrize("tabell", [r["name"] for r in _familie("investering") if "omrade" in r])
def test_investeringer_har_sluttsum_rest_og_finansiering(tabell):
    egne = [k for k in KONTROLLER if k["tabell"] == tabell]
    assert any(k["sum"] == "sluttsum" for k in egne)
    assert any(k.get("retning") == "kolonner" and k["sum"] == "rest_til_bevilgning" for k in egne)
    # financing = investment per year: some check ties a financing table to this table's sluttsum
    assert any(f"{tabell}:sluttsum" in map(str, [k["sum"], *k["ledd"]]) for k in KONTROLLER
               if k["tabell"] != tabell)


@pytest.mark.parametrize("tabell", [r["name"] for r in _familie("finansiering") if "omrade" in r])
def test_finansiering_har_sluttsum(tabell):
    assert any(k["tabell"] == tabell and k["sum"] == "sluttsum" for k in KONTROLLER)


def test_sektortabellene_8_7_til_8_12_er_summen_av_omradene():
    ider = {k["id"] for k in KONTROLLER}
    for sektor in OMRADER["sektor"].unique():
        if sektor == "sentralt":
            continue
        assert f"kryss_sektor_{sektor}" in ider
    rev = kontroller.revisjon()
    sektor = rev[rev["kontroll"].str.startswith("kryss_sektor_")]
    assert len(sektor) == 6 * 4 and (sektor["status"] == kontroller.OK).all()


def test_utbytte_i_kapittel_37_mot_tabell_8_18():
    rev = kontroller.revisjon()
    utbytte = rev[rev["kontroll"] == "k37_utbytte_lik_8_18"]
    assert len(utbytte) == 4 and (utbytte["status"] == kontroller.OK).all()


def test_kapittel_37_beholder_trykt_nummer_uten_kollisjon():
    kap37 = [r for r in KATALOG if r["kapittel"] == 37]
    assert len(kap37) >= 20
    assert all(r["name"].startswith("tabell_37_") for r in kap37)
    assert all(re.match(r"Tabell (27|37)-\d+$", r["trykt_nummer"]) for r in kap37)
    kap27 = [r["name"] for r in KATALOG if r["kapittel"] == 27]
    assert kap27 and not set(kap27) & {r["name"] for r in kap37}


# --- the domain views ----------------------------------------------------------------------------

@pytest.mark.parametrize("visning", [data.rammer, data.tiltak, data.investeringer, data.finansiering,
                                     data.nokkeltall])
def test_visning_har_omrade_kapittel_og_kilde_pa_hver_rad(visning):
    df = visning()
    assert len(df) > 100
    for kol in ("omrade", "kapittel", "tabell", "trykt_nummer", "rad_id", "kolonne", "verdi"):
        assert kol in df.columns
        if kol != "verdi":
            assert df[kol].notna().all(), kol
    assert set(df["omrade"]) <= set(OMRADER["omrade"])


def test_tiltak_uten_summer_og_med_type():
    df = data.tiltak()
    assert df["rad_id"].str.match(r"^t\d").all()
    assert df["type"].str.len().gt(0).all()
    # Tabell 13-3 (linje 7728): 01. Befolkningsendring −15,6 −6,6 15,8 38,2, Opprettholdelse av standard
    t01 = df[(df["tabell"] == "tabell_13_3_tiltak_barnehage") & (df["rad_id"] == "t01")]
    assert t01.sort_values("ar")["verdi"].tolist() == [-15.6, -6.6, 15.8, 38.2]
    assert set(t01["type"]) == {"Opprettholdelse av standard"}


def test_investeringer_uten_sluttsum():
    df = data.investeringer()
    assert df["rad_id"].str.match(r"^p\d").all()
    # Tabell 13-4 (linje 8016): 01. Risvollan barnehage 119,0 17,3 101,7 47,0 52,0 2,7 0,0
    risvollan = df[(df["tabell"] == "tabell_13_4_investeringer_barnehage") & (df["rad_id"] == "p01")]
    assert dict(zip(risvollan["kolonne"], risvollan["verdi"], strict=True)) == {
        "kostnadsoverslag": 119.0, "benyttet_bevilgning": 17.3, "rest_til_bevilgning": 101.7,
        "budsjett_2022": 47.0, "budsjett_2023": 52.0, "budsjett_2024": 2.7, "budsjett_2025": 0.0}


def test_nokkeltall_har_kommune_ar_og_enhet_per_verdi():
    df = data.nokkeltall()
    assert df["kommune"].notna().all()
    assert df["ar"].notna().all()
    assert "Trondheim" in set(df["kommune"])
    # Tabell 13-1 (linje 6749-6754): netto driftsutgifter per innbygger 1-5 år, Oslo 2020: 181 590
    # kr, printed split over two lines in the extracted text
    rad = df[(df["tabell"] == "tabell_13_1_nokkeltall_barnehage") & (df["kommune"] == "Oslo")
             & df["rad"].str.startswith("Netto driftsutgifter per innbygger 1-5 år")]
    assert rad["verdi"].tolist() == [181590.0]


@pytest.mark.parametrize("skrivemate, omrade", [
    ("Kirker og gravlunder", "kirke_og_gravlunder"),
    ("Barne og familietjenesten", "barne_og_familietjenesten"),
    ("Helse- og omsorgstjenester", "helse_og_omsorgstjenester"),
    ("  skole ", "skole"),
])
def test_omrade_id_kjenner_dokumentets_skrivemater(skrivemate, omrade):
    assert data.omrade_id(skrivemate) == omrade


def test_ukjent_omrade_gir_norsk_feil():
    with pytest.raises(DataFeil, match="omrader.csv"):
        data.omrade_id("Finnes ikke")
