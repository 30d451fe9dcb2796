"""Teaching panels driven like a learner would: set a widget's value, read what the panel shows.

Expected values come from the library called directly or from the published CSV cells, never
from the panel itself.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import nbformat
import pandas as pd
import pytest
import yaml

from conftest import ROT, ra_celle
from hoep import laer, modell, rapporter, tall
from hoep.feil import HoepFeil, ScenarioFeil
from hoep.laer import klima as laer_klima
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.rapporter import sider

RAMME = "tabell_7_1_utslippsramme"
TILTAK = "tabell_7_2_kvantifiserte_klimatiltak"


# -- the mechanism, on a small panel over one assumption -----------------------------------------
def _deflatorpanel() -> laer.Panel:
    inndata = {"deflator": laer.tallfelt("Deflator", "%", 2.5, desimaler=1),
               "ar": laer.valg("År", [2022, 2023], 2022)}

    def til_scenario(v: dict) -> dict:
        return {"navn": "test", "forutsetninger": {"deflator": v["deflator"]}}

    def beregn_rente(scen: sc.Scenario, v: dict) -> float:
        if scen.verdi("deflator", 2022) > 10:
            raise HoepFeil("for høy deflator for denne regelen")
        return scen.verdi("deflator", 2022)

    utdata = [
        laer.Utdata("deflator", beregn_rente, lambda r, v: tall.prosent(r)),
        laer.Utdata("ar", lambda scen, v: v["ar"], lambda r, v: f"år {r}", avhenger_av=("ar",)),
    ]
    return laer.Panel("Test", inndata, til_scenario, utdata, utenom_scenario=("ar",))


def test_widgetverdien_blir_et_validert_scenario():
    panel = _deflatorpanel()
    panel.inndata["deflator"].widget.value = 3.25
    assert panel.resultat("deflator") == 3.25
    assert panel.html("deflator") == "3,3\u00a0%"  # rounded half away from zero, Norwegian comma
    assert panel.scenario.verdi("deflator", 2022) == 3.25
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"deflator": 3.25}


def test_ugyldig_verdi_gir_bibliotekets_melding_i_stedet_for_tall():
    panel = _deflatorpanel()
    panel.inndata["deflator"].widget.value = 20.0
    with pytest.raises(ScenarioFeil) as fra_biblioteket:
        sc.fra_oppslag({"navn": "test", "forutsetninger": {"deflator": 20.0}}, "panelet")
    assert panel.feil == str(fra_biblioteket.value)
    assert "«forutsetninger.deflator»" in panel.feil and "utenfor det tillatte området" in panel.feil
    assert panel.resultat("deflator") is None and panel.html("deflator") == ""
    assert panel.scenariofil() == ""
    assert "utenfor det tillatte området" in panel._feilboks.value
    assert all(boks.layout.display == "none" for boks in panel._ut.values())
    panel.inndata["deflator"].widget.value = 2.0
    assert panel.feil is None and panel.resultat("deflator") == 2.0
    assert panel._feilboks.value == ""


def test_feil_fra_en_regel_under_beregningen_vises_ogsa():
    panel = _deflatorpanel().sett(deflator=12.0)  # allowed by the scenario rules, not by the output
    assert panel.feil == "for høy deflator for denne regelen"
    assert panel.html("deflator") == ""
    panel.sett(deflator=4.0)
    assert panel.feil is None and panel.html("deflator") == "4,0\u00a0%"


def test_bare_utdata_som_avhenger_av_endringen_regnes_paa_nytt():
    panel = _deflatorpanel()
    assert panel.antall_beregninger == {"deflator": 1, "ar": 1, "scenariofil": 1}
    panel.inndata["ar"].widget.value = 2023
    assert panel.antall_beregninger == {"deflator": 1, "ar": 2, "scenariofil": 1}
    assert panel.html("ar") == "år 2023"
    panel.inndata["deflator"].widget.value = 3.0
    assert panel.antall_beregninger == {"deflator": 2, "ar": 2, "scenariofil": 2}
    # After an invalid value, going back redraws only what the valid state changed.
    panel.sett(deflator=99.0)
    panel.sett(deflator=3.0)
    assert panel.antall_beregninger == {"deflator": 2, "ar": 2, "scenariofil": 2}


def test_sett_flere_verdier_oppdaterer_en_gang_og_tilbakestill():
    panel = _deflatorpanel()
    panel.sett(deflator=4.0, ar=2023)
    assert panel.antall_beregninger == {"deflator": 2, "ar": 2, "scenariofil": 2}
    panel.tilbakestill()
    assert panel.verdier() == {"deflator": 2.5, "ar": 2022}
    assert panel.resultat("deflator") == 2.5
    with pytest.raises(KeyError, match="ukjent inndata"):
        panel.sett(rente=3.0)


def test_knappen_tilbakestill_gir_standardvalgene():
    panel = _deflatorpanel().sett(deflator=5.0)
    knapp = next(w for w in panel.widget.children if isinstance(w, widgets.Button))
    assert knapp.description == "Tilbakestill"
    knapp.click()
    assert panel.verdier()["deflator"] == 2.5 and panel.html("deflator") == "2,5\u00a0%"


def test_ukjent_inndata_i_oppsettet_avvises():
    with pytest.raises(KeyError, match="ukjente inndata"):
        laer.Panel("x", {"a": laer.tallfelt("A", "", 0)}, None,
                   [laer.Utdata("u", lambda s, v: 0, lambda r, v: "", avhenger_av=("b",))])


def test_glider_viser_verdien_med_norsk_tallformat_og_enhet():
    inn = laer.glider("Rente", "%", 0, 10, 0.25, 2.5, desimaler=2)
    avlesning = inn.boks.children[1]
    assert avlesning.value == "2,50 %"
    inn.widget.value = 3.75
    assert avlesning.value == "3,75 %"


def test_visningen_har_widget_og_fast_tekst_for_nbval():
    panel = _deflatorpanel()
    bunt = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bunt
    assert bunt["text/plain"] == laer.ERSTATNING
    assert "make lab" in bunt["text/html"]


def test_oppslag_fra_bygger_paa_scenarioets_egne_endringer():
    scen = sc.fra_oppslag({"navn": "start", "forutsetninger": {"renteendring": {2023: 1.0}},
                           "tiltak": {"fjern": ["skole/t10"]}, "disponering": "udekket"})
    # None keeps the scenario's per-year value; the other sections and the disposition stay.
    beholdt = laer.oppslag_fra(scen, "x", "y", {"renteendring": None})
    assert beholdt == {"navn": "x", "beskrivelse": "y", "forutsetninger": {"renteendring": {2023: 1.0}},
                       "tiltak": {"fjern": ["skole/t10"]}, "disponering": "udekket"}
    # A value equal to the base assumption removes the override; another value replaces it.
    assert "forutsetninger" not in laer.oppslag_fra(scen, "x", "y", {"renteendring": 0})
    assert laer.oppslag_fra(scen, "x", "y", {"renteendring": 2})["forutsetninger"] == {"renteendring": 2.0}
    assert list(laer.ordnet({"disponering": "udekket", "navn": "x", "tiltak": {}})) == [
        "navn", "tiltak", "disponering"]


# -- the climate panel ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def klimapanel() -> laer.Panel:
    return laer_klima.panel(grunnscenario())


@pytest.fixture
def panel(klimapanel):
    yield klimapanel
    klimapanel.tilbakestill()


def test_klimapanelet_viser_grunnscenarioets_ramme_og_maal(panel):
    pd.testing.assert_frame_equal(panel.resultat("ramme"), modell.klimaramme(grunnscenario()))
    status = modell.klimamalstatus(grunnscenario())
    for ar in (2023, 2030):
        setning = f"det mangler tiltak som kutter {tall.tekst(status.at[ar, 'mangler'])} tonn"
        assert setning in panel.html("status")
    assert panel.png("figur").startswith(b"\x89PNG")
    assert yaml.safe_load(panel.scenariofil()) == {
        "navn": "laer_klima", "beskrivelse": "Valgt i panelet «Lær klimabudsjettet» (fra scenario basis)"}


def test_klimatiltak_av_gir_tiltaksbanen_fra_de_publiserte_tabellene(panel):
    panel.inndata["med_t03"].widget.value = False
    forventet = (ra_celle(RAMME, "referansebane", "ar_2023")
                 - (ra_celle(TILTAK, "sum", "ar_2023") - ra_celle(TILTAK, "t03", "ar_2023")))
    assert panel.resultat("ramme").at[2023, "tiltaksbane"] == forventet
    assert tall.tekst(forventet) in panel.html("ramme")
    assert yaml.safe_load(panel.scenariofil())["klima"] == {"fjern_tiltak": ["t03"]}


def test_skalert_tiltak_er_det_samme_som_scenarioet_med_skaler_tiltak(panel):
    panel.inndata["skala_t10"].widget.value = 50
    assert panel.resultat("ramme").at[2025, "samlet_effekt"] == (
        ra_celle(TILTAK, "sum", "ar_2025") - ra_celle(TILTAK, "t10", "ar_2025") / 2)
    direkte = modell.klimaramme(sc.fra_oppslag({"navn": "x", "klima": {"skaler_tiltak": {"t10": 0.5}}}))
    pd.testing.assert_frame_equal(panel.resultat("ramme"), direkte)


def test_panelet_starter_i_scenarioets_valg_og_scenariofilen_gir_samme_tall():
    fil = ROT / "scenarios" / "klima_uten_fjernvarmetiltak.yaml"
    scen = sc.les(fil)
    p = laer_klima.panel(scen)
    assert p.verdier()["med_t03"] is False and p.verdier()["skala_t10"] == 50
    pd.testing.assert_frame_equal(p.resultat("ramme"), modell.klimaramme(scen))
    fra_panelet = sc.fra_oppslag(yaml.safe_load(p.scenariofil()))
    assert fra_panelet.klima == scen.klima


def test_eget_tiltak_lik_gapet_naar_2023_maalet(panel):
    mangler = modell.klimamalstatus(grunnscenario()).at[2023, "mangler"]
    panel.sett(nytt_tonn=float(math.ceil(mangler)), nytt_sektor="Energiforsyning")
    status = panel.resultat("status")
    assert bool(status.at[2023, "nadd"]) and not bool(status.at[2030, "nadd"])
    assert "2023: målet er nådd" in panel.html("status")
    nytt = yaml.safe_load(panel.scenariofil())["klima"]["nye_tiltak"][0]
    assert nytt["sektor"] == "Energiforsyning" and nytt["effekt"] == {2023: math.ceil(mangler)}


def test_negativt_eget_tiltak_viser_scenarioregelens_feilmelding(panel):
    panel.inndata["nytt_tonn"].widget.value = -500.0
    assert panel.feil == ("panelet: «klima.nye_tiltak[1].effekt.2023» må være et tall ≥ 0 (tonn CO2-ekv.), "
                          "fikk «-500.0».")
    assert panel.resultat("status") is None and panel.html("ramme") == ""
    assert panel.png("figur") == b""


def test_strengere_2030_maal_endrer_utslippstaket(panel):
    panel.inndata["mal_2030"].widget.value = 70
    assert panel.resultat("status").at[2030, "utslippstak"] == pytest.approx(
        ra_celle(RAMME, "referansebane", "ar_2009") * 0.3)
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"klimamal_2030": 70.0}


def test_aaret_i_tiltakstabellen_tegner_ikke_figuren_paa_nytt(panel):
    for_ = dict(panel.antall_beregninger)
    panel.inndata["ar"].widget.value = 2022
    etter = panel.antall_beregninger
    assert etter["tiltak"] == for_["tiltak"] + 1
    assert {k: etter[k] for k in ("status", "figur", "ramme", "scenariofil")} == {
        k: for_[k] for k in ("status", "figur", "ramme", "scenariofil")}
    assert panel.resultat("tiltak")["Effekt, tonn"].sum() == ra_celle(TILTAK, "sum", "ar_2022")
    # A target does not change the measures: their table is left alone.
    for_ = dict(panel.antall_beregninger)
    panel.inndata["mal_2023"].widget.value = 35
    assert panel.antall_beregninger["tiltak"] == for_["tiltak"]
    assert panel.antall_beregninger["status"] == for_["status"] + 1


def test_tiltakenes_betydning_er_effekten_i_tabell_7_2():
    betydning = laer_klima.tiltakenes_betydning(grunnscenario(), 2025)
    assert list(betydning["Id"][:1]) == ["t03"]  # the district heating measure is the largest
    for rad in betydning.itertuples():
        assert rad[5] == ra_celle(TILTAK, rad.Id, "ar_2025")
    assert len(betydning) == 10


# -- the teaching notebooks in the reports -------------------------------------------------------
def test_laer_klima_er_en_rapport_under_laer_budsjettet_i_indeksen():
    jobber = rapporter.jobber()
    jobb = next(j for j in jobber if j.fil == "laer_klima.html")
    assert jobb.tittel.startswith("Lær klimabudsjettet")
    indeks = sider.indeks(grunnscenario(), jobber)
    assert indeks.index(">Lær budsjettet</h2>") < indeks.index('href="laer_klima.html"') \
        < indeks.index(">Sektorer og tjenesteområder</h2>")
    assert indeks.count('href="laer_klima.html"') == 1


LAERINGSNOTATBOKER = sorted((ROT / "notebooks").glob("laer_*.ipynb"))


def test_det_finnes_fire_laeringsnotatboker():
    assert [nb.stem for nb in LAERINGSNOTATBOKER] == ["laer_gjeld", "laer_husholdning", "laer_klima",
                                                      "laer_resultat"]


@pytest.mark.parametrize("nb", LAERINGSNOTATBOKER, ids=lambda p: p.stem)
def test_hver_laeringsnotatbok_er_rapport_i_indeksen_og_staar_i_readme(nb):
    innhold = nbformat.read(nb, as_version=4)
    forste = innhold.cells[0]
    assert forste.cell_type == "markdown" and forste.source.startswith("# Lær ")
    assert "**Dette lærer du her**" in forste.source
    assert any("parameters" in c.metadata.get("tags", []) for c in innhold.cells)
    jobber = rapporter.jobber()
    indeks = sider.indeks(grunnscenario(), jobber)
    lenke = f'href="{nb.stem}.html"'
    assert indeks.index(">Lær budsjettet</h2>") < indeks.index(lenke) \
        < indeks.index(">Sektorer og tjenesteområder</h2>")
    readme = (ROT / "README.md").read_text(encoding="utf-8")
    avsnitt = readme.split("## Lær budsjettet")[1].split("\n## ")[0]
    assert f"`{nb.name}`" in avsnitt


def test_rapporten_laster_ikke_widgetbiblioteket_fra_nettet():
    panel = _deflatorpanel()
    bunt = panel._repr_mimebundle_()
    modell_id = bunt["application/vnd.jupyter.widget-view+json"]["model_id"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("panel", outputs=[
        nbformat.v4.new_output("display_data", data=bunt)])]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": {modell_id: {}}}}
    html = rapporter.til_html(nb)
    assert "unpkg.com" not in html and "widget-view+json" not in html
    assert laer.ERSTATNING in html
