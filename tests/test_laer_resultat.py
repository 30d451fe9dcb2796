"""The panel «from income to result», driven like a learner would: set a widget, read what it shows.

Expected values come from the published CSV cells or from hoep.modell called directly on the
same scenario, never from the panel itself.
"""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from conftest import ROT, ra_celle
from hoep import modell, tall
from hoep.feil import ScenarioFeil
from hoep.laer import resultat as laer_resultat
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario

SKJEMA = "budsjettskjema_1a"


@pytest.fixture(scope="module")
def resultatpanel():
    return laer_resultat.panel(grunnscenario())


@pytest.fixture
def panel(resultatpanel):
    yield resultatpanel
    resultatpanel.tilbakestill()


def _plan(panel) -> modell.Plan:
    return panel.resultat("trapp")["valg"]


def _samme_plan(a: modell.Plan, b: modell.Plan) -> None:
    for nokkel in modell.NOKKELTALL:
        np.testing.assert_allclose(a.verdier[nokkel], b.verdier[nokkel], err_msg=nokkel)


def test_utgangspunktet_er_forslaget(panel):
    _samme_plan(_plan(panel), modell.beregn(grunnscenario()))
    ndr = modell.beregn(grunnscenario()).verdier["netto_driftsresultat"][0]
    assert f"Netto driftsresultat: {tall.mill(ndr, 1)}" in panel.html("trapp")
    assert "<li>2022: i balanse.</li>" in panel.html("disponering")
    assert panel.png("fossefall").startswith(b"\x89PNG") and panel.png("malfigur").startswith(b"\x89PNG")
    assert yaml.safe_load(panel.scenariofil()) == {
        "navn": "laer_resultat",
        "beskrivelse": "Valgt i panelet «Fra inntekter til resultat» (fra scenario basis)"}


def test_trappen_summerer_seg_som_budsjettskjemaet(panel):
    trapp = laer_resultat.trapp(panel.resultat("trapp"), 2023).set_index("Linje")["Dine valg"]
    inntekter = sum(trapp[k] for k in ("Skatt og rammetilskudd (frie inntekter)", "Eiendomsskatt",
                                       "Andre generelle driftsinntekter"))
    assert trapp["= Sum frie disponible inntekter"] == pytest.approx(inntekter)
    assert -inntekter == pytest.approx(sum(ra_celle(SKJEMA, r, "budsjett_2023") for r in (
        "inntekts_og_formueskatt", "rammetilskudd", "eiendomsskatt", "andre_generelle_driftsinntekter")))
    finans = (trapp["− Renteutgifter"] + trapp["− Avdrag"] - trapp["+ Renteinntekter"] - trapp["+ Utbytte"])
    assert trapp["= Netto driftsresultat"] == pytest.approx(trapp["= Brutto driftsresultat"] - finans)


def test_hoyere_skatteinngang_gir_de_publiserte_frie_inntektene_pluss_to_prosent(panel):
    panel.inndata["frie"].widget.value = 2.0
    trapp = laer_resultat.trapp(panel.resultat("trapp"), 2022).set_index("Linje")
    publisert = -(ra_celle(SKJEMA, "inntekts_og_formueskatt", "budsjett_2022")
                  + ra_celle(SKJEMA, "rammetilskudd", "budsjett_2022"))
    frie = trapp.loc["Skatt og rammetilskudd (frie inntekter)"]
    assert frie["Grunnscenarioet"] == publisert
    assert frie["Dine valg"] == pytest.approx(publisert * 1.02)
    assert tall.tekst(publisert * 1.02, 1) in panel.html("trapp")
    # With the default disposition, the disposisjonsfond takes the whole improvement.
    assert trapp.loc["= Netto driftsresultat", "Endring"] == pytest.approx(publisert * 0.02)
    plan = _plan(panel)
    b = modell.beregn(grunnscenario())
    assert plan.verdier["disposisjonsfond_avsetning"][0] - b.verdier["disposisjonsfond_avsetning"][0] \
        == pytest.approx(publisert * 0.02)
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"frie_inntekter_endring": 2.0}


def test_et_tiltak_i_et_omraade_er_det_samme_som_scenarioets_tiltak_nye(panel):
    panel.sett(omrade="barnehage", tiltak=100)
    direkte = modell.beregn(sc.fra_oppslag({"navn": "x", "tiltak": {"nye": [
        {"omrade": "barnehage", "navn": "x", "belop": {2022: 100, 2023: 100, 2024: 100, 2025: 100}}]}}))
    _samme_plan(_plan(panel), direkte)
    basis = modell.beregn(grunnscenario())
    endring = _plan(panel).verdier["bevilgninger_drift"] - basis.verdier["bevilgninger_drift"]
    np.testing.assert_allclose(endring, 100.0)
    nytt = yaml.safe_load(panel.scenariofil())["tiltak"]["nye"][0]
    assert nytt["omrade"] == "barnehage" and nytt["belop"] == dict.fromkeys(modell.AR, 100.0)


def test_renten_pluss_ett_er_eksempelscenarioet(panel):
    panel.inndata["rente"].widget.value = 1.0
    _samme_plan(_plan(panel), modell.beregn(sc.les(ROT / "scenarios" / "rente_pluss_1.yaml")))
    assert "Kapitalutgifter" in panel.html("mal") and "(over målet)" in panel.html("mal")
    brudd = laer_resultat.brudd(_plan(panel))
    assert ("Kapitalutgifter", 2025) in set(zip(brudd.navn, brudd.ar, strict=True))
    assert "kapitalutgifter 2025" in panel.html("mal")


def test_renten_utenfor_modellens_omraade_gir_scenarioets_feilmelding(panel):
    panel.inndata["rente"].widget.value = -4.0
    with pytest.raises(ScenarioFeil) as fra_biblioteket:
        sc.fra_oppslag({"navn": "x", "forutsetninger": {"renteendring": -4.0}}, "panelet")
    assert panel.feil == str(fra_biblioteket.value)
    assert "utenfor det tillatte området" in panel.feil
    assert panel.resultat("trapp") is None and panel.html("mal") == "" and panel.png("malfigur") == b""


def test_udekket_merforbruk_vises_som_ubalanse(panel):
    panel.sett(tiltak=100, disponering="udekket")
    balanse = _plan(panel).balanse()
    assert not balanse["i_balanse"].any()
    for ar, rad in balanse.iterrows():
        assert f"<li>{ar}: ikke i balanse: {rad.forklaring}.</li>" in panel.html("disponering")
    assert "merforbruk på 100,0 mill.\u00a0kr er ikke disponert" in panel.html("disponering")


def test_overskudd_til_investering_gir_mindre_laaneopptak(panel):
    panel.sett(frie=1.0, disponering="investering")
    plan, b = _plan(panel), modell.beregn(grunnscenario())
    assert np.all(plan.verdier["laneopptak"] < b.verdier["laneopptak"])
    np.testing.assert_allclose(plan.verdier["disposisjonsfond_avsetning"],
                               b.verdier["disposisjonsfond_avsetning"])
    assert yaml.safe_load(panel.scenariofil())["disponering"] == "investering"


def test_aaret_tegner_bare_trappen_og_fossefallet_paa_nytt(panel):
    for_ = dict(panel.antall_beregninger)
    panel.inndata["ar"].widget.value = 2025
    etter = panel.antall_beregninger
    assert etter["trapp"] == for_["trapp"] + 1 and etter["fossefall"] == for_["fossefall"] + 1
    assert all(etter[k] == for_[k] for k in ("disponering", "mal", "malfigur", "scenariofil"))
    ndr_2025 = modell.beregn(grunnscenario()).verdier["netto_driftsresultat"][3]
    assert f"Netto driftsresultat: {tall.mill(ndr_2025, 1)}" in panel.html("trapp")


def test_panelet_starter_i_et_alternativt_budsjett_og_beholder_endringene():
    scen = sc.les(ROT / "scenarios" / "alternativt_budsjett.yaml")
    p = laer_resultat.panel(scen, navn="alternativ")
    assert p.verdier()["disponering"] == "investering"
    _samme_plan(_plan(p), modell.beregn(scen))
    fra_panelet = sc.fra_oppslag(yaml.safe_load(p.scenariofil()))
    assert (fra_panelet.budsjett, fra_panelet.disponering) == (scen.budsjett, scen.disponering)
    p.sett(rente=1.0)
    med_rente = sc.fra_oppslag({**sc.som_oppslag(scen), "forutsetninger": {"renteendring": 1.0}})
    _samme_plan(_plan(p), modell.beregn(med_rente))
