"""The panel «debt and interest», driven like a learner would: set a widget, read what it shows.

Expected values come from the published CSV cells or from hoep.modell called directly on a
scenario written out by hand, never from the panel itself.
"""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from conftest import ROT, ra_celle
from hoep import data, modell, tall
from hoep.feil import ScenarioFeil
from hoep.laer import gjeld as laer_gjeld
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario

T815 = "tabell_8_15_gjeldsutvikling"


@pytest.fixture(scope="module")
def gjeldspanel():
    return laer_gjeld.panel(grunnscenario())


@pytest.fixture
def panel(gjeldspanel):
    yield gjeldspanel
    gjeldspanel.tilbakestill()


def _plan(panel) -> modell.Plan:
    return panel.resultat("gjeld")["valg"]


def _samme_plan(a: modell.Plan, b: modell.Plan) -> None:
    for nokkel in modell.NOKKELTALL:
        np.testing.assert_allclose(a.verdier[nokkel], b.verdier[nokkel], err_msg=nokkel)


def test_utgangspunktet_er_gjeldsutviklingen_i_tabell_8_15(panel):
    assert panel.verdier()["avdragstid"] == grunnscenario().verdi("avdragstid", 2022) == 28.1936
    tabell = laer_gjeld.gjeldstabell(_plan(panel)).set_index("Linje")
    assert tabell.at["Gjeld 1.1.", "2022"] == ra_celle(T815, "lanegjeld_1_1", "budsjett_2022")
    for ar in modell.AR:
        assert round(tabell.at["− Minimumsavdrag", str(ar)]) == -ra_celle(T815, "lovpalagte_minimumsavdrag",
                                                                          f"budsjett_{ar}")
        assert round(tabell.at["− Øvrige avdrag", str(ar)]) == -ra_celle(T815, "ovrige_avdrag",
                                                                         f"budsjett_{ar}")
    assert "avdragstiden (28,19 år)" in panel.html("gjeld")
    assert panel.png("gjeldsfigur").startswith(b"\x89PNG")
    assert "forutsetninger" not in yaml.safe_load(panel.scenariofil())


def test_kortere_avdragstid_gir_storre_minimumsavdrag_og_bryter_handlingsregelen(panel):
    panel.inndata["avdragstid"].widget.value = 20.0
    ib = ra_celle(T815, "lanegjeld_1_1", "budsjett_2022")
    assert _plan(panel).verdier["minimumsavdrag"][0] == pytest.approx(ib / 20)
    assert tall.tekst(ib / 20, 1) in panel.html("gjeld")
    direkte = modell.beregn(sc.fra_oppslag({"navn": "x", "forutsetninger": {"avdragstid": 20}}))
    _samme_plan(_plan(panel), direkte)
    assert all(direkte.malstatus().query("maltall == 'kapitalutgifter_pst'")["status"] == "over målet")
    assert "kapitalutgifter 2025" in panel.html("kapital").split("Brudd med valgene dine: ")[1]
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"avdragstid": 20.0}


def test_lengre_avdragstid_enn_loven_viser_bibliotekets_feil(panel):
    panel.inndata["avdragstid"].widget.value = 30.0
    with pytest.raises(ScenarioFeil) as fra_biblioteket:
        sc.fra_oppslag({"navn": "x", "forutsetninger": {"avdragstid": 30.0}}, "panelet")
    assert panel.feil == str(fra_biblioteket.value)
    assert "kommuneloven § 14-18" in panel.feil
    assert panel.resultat("gjeld") is None and panel.html("kapital") == "" and panel.png("gjeldsfigur") == b""
    panel.inndata["avdragstid"].widget.value = 25.0
    assert panel.feil is None


def test_hoyere_investeringsniva_gir_mer_laan_og_hoyere_gjeldsgrad(panel):
    panel.inndata["investering"].widget.value = 150
    prosjekter = data.prosjektliste()
    direkte = modell.beregn(sc.fra_oppslag(
        {"navn": "x", "investeringer": {"skaler": dict.fromkeys(prosjekter.index, 1.5)}}))
    _samme_plan(_plan(panel), direkte)
    basis = modell.beregn(grunnscenario())
    okning = _plan(panel).verdier["investeringer"] - basis.verdier["investeringer"]
    np.testing.assert_allclose(okning, 0.5 * prosjekter[list(modell.AR)].sum().to_numpy())
    assert np.all(_plan(panel).verdier["laneopptak"] > basis.verdier["laneopptak"])
    assert np.all(_plan(panel).verdier["gjeldsgrad_pst"] > basis.verdier["gjeldsgrad_pst"])
    ub = _plan(panel).verdier["lanegjeld_ub"][-1]
    assert f"Gjelden ved utgangen av 2025 blir {tall.mill(ub)}" in panel.html("gjeld")


def test_renten_pluss_ett_er_eksempelscenarioet(panel):
    panel.inndata["rente"].widget.value = 1.0
    _samme_plan(_plan(panel), modell.beregn(sc.les(ROT / "scenarios" / "rente_pluss_1.yaml")))
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"renteendring": 1.0}


def test_investeringsnivaa_fra_et_alternativt_budsjett_lar_utsatte_prosjekter_vaere():
    scen = sc.les(ROT / "scenarios" / "alternativt_budsjett.yaml")
    p = laer_gjeld.panel(scen, navn="alternativ").sett(investering=80)
    assert p.feil is None
    oppslag = yaml.safe_load(p.scenariofil())
    assert oppslag["investeringer"]["utsett"] == {"skole/p04": 1}
    assert "skole/p04" not in oppslag["investeringer"]["skaler"]
    assert set(oppslag["investeringer"]["skaler"].values()) == {0.8}
    fra_panelet = sc.fra_oppslag(oppslag)
    assert fra_panelet.budsjett.fjern_tiltak == scen.budsjett.fjern_tiltak
    _samme_plan(_plan(p), modell.beregn(fra_panelet))
