"""The panel «the household's bill», driven like a learner would: set a widget, read what it shows.

Expected values are the document's figures (Tabell 10-8, kap. 10.2 and 10.5), worked out by hand
from the law's rules, or the library called directly, never the panel itself.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import ra_celle
from hoep import modell, tall
from hoep.feil import ScenarioFeil
from hoep.laer import husholdning as laer_husholdning
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import eiendomsskatt, gebyrer

T108 = "tabell_10_8_brukerbetalinger_eksempelfamilie"


@pytest.fixture(scope="module")
def husholdningspanel():
    return laer_husholdning.panel(grunnscenario())


@pytest.fixture
def panel(husholdningspanel):
    yield husholdningspanel
    husholdningspanel.tilbakestill()


def _post(panel, post: str, kolonne: str = "Dine valg") -> float:
    return panel.resultat("regning").set_index("Post").at[post, kolonne]


def test_standardhusholdningen_betaler_som_eksempelfamilien_i_tabell_10_8(panel):
    # One child (4) in barnehage, one (7) in SFO and kulturskole, an income above every limit.
    assert round(_post(panel, "Barnehage")) == ra_celle(T108, "barn_i_barnehage_full_plass", "kroner_2022")
    assert round(_post(panel, "SFO")) == ra_celle(T108, "barn_i_sfo_full_plass", "kroner_2022")
    assert round(_post(panel, "Kulturskole")) == ra_celle(T108, "barn_i_kulturskolen", "kroner_2022")
    varf = sum(_post(panel, p) for p in ("Vanngebyr", "Avløpsgebyr", "Renovasjonsgebyr", "Feiegebyr"))
    assert round(varf) == ra_celle(T108, "arsgebyr_renovasjon_vann_avlop_feiing", "kroner_2022")
    # Eiendomsskatt on 4 mill. kr: (4 000 000 · 0,7 − 550 000) · 3,2 ‰ = 7 200 kr (kap. 10.2).
    assert _post(panel, "Eiendomsskatt") == pytest.approx(7200)
    assert "Husholdningen betaler kommunen" in panel.html("regning")
    assert panel.png("kurve").startswith(b"\x89PNG")
    assert "forutsetninger" not in yaml.safe_load(panel.scenariofil())


def test_lavere_sats_og_annen_boligverdi_gir_lovens_regnestykke(panel):
    panel.sett(boligverdi=5_000_000, sats=2.0)
    # (5 000 000 − 30 % − 550 000) · 2 ‰ = 5 900 kr; the proposal's 3,2 ‰ gives 9 440 kr.
    assert _post(panel, "Eiendomsskatt") == pytest.approx(5900)
    assert _post(panel, "Eiendomsskatt", "Forslaget") == pytest.approx(9440)
    assert _post(panel, "Eiendomsskatt", "Endring") == pytest.approx(-3540)
    s = panel.resultat("skatt")
    assert (s.reduksjon, s.bunnfradrag, s.grunnlag) == (1_500_000, 550_000, 2_950_000)
    assert tall.tekst(2_950_000) in panel.html("skatt")
    assert yaml.safe_load(panel.scenariofil())["forutsetninger"] == {"eiendomsskatt_promille_bolig": 2.0}


def test_sats_over_lovens_grense_viser_feilen_med_hjemmel(panel):
    panel.inndata["sats"].widget.value = 5.0
    with pytest.raises(ScenarioFeil) as fra_biblioteket:
        sc.fra_oppslag({"navn": "x", "forutsetninger": {"eiendomsskatt_promille_bolig": 5.0}}, "panelet")
    assert panel.feil == str(fra_biblioteket.value)
    assert "Hjemmel: eiendomsskatteloven § 13" in panel.feil
    assert panel.resultat("regning") is None and panel.html("skatt") == "" and panel.png("kurve") == b""


def test_sats_under_en_promille_avvises_av_regelen(panel):
    panel.inndata["sats"].widget.value = 0.5
    with pytest.raises(ScenarioFeil) as fra_regelen:
        eiendomsskatt.sjekk_sats("bolig", 0.5)
    assert panel.feil == str(fra_regelen.value)
    panel.inndata["sats"].widget.value = 0.0  # no tax at all is allowed
    assert panel.feil is None and _post(panel, "Eiendomsskatt") == 0


def test_lav_inntekt_gir_inntektstak_gratis_kjernetid_og_soskenmoderasjon(panel):
    panel.sett(inntekt=300_000, barnehage=2)
    betaling = panel.resultat("barnehage")["betaling"].tolist()
    # 6 % of 300 000 = 18 000 per child; 20 of 41 hours free; the second child 30 % off (forskriften).
    assert betaling == pytest.approx([18_000 * 21 / 41, 18_000 * 21 / 41 * 0.7])
    assert _post(panel, "Barnehage") == pytest.approx(sum(betaling))
    # SFO for the household is capped at 6 % of income too: 3 080 · 11 = 33 880 > 18 000.
    assert _post(panel, "SFO") == pytest.approx(18_000)


def test_inntekten_regner_ikke_eiendomsskatten_paa_nytt(panel):
    for_ = dict(panel.antall_beregninger)
    panel.inndata["inntekt"].widget.value = 500_000
    etter = panel.antall_beregninger
    assert etter["regning"] == for_["regning"] + 1 and etter["barnehage"] == for_["barnehage"] + 1
    assert all(etter[k] == for_[k] for k in ("skatt", "kurve", "proveny", "scenariofil"))


def test_hoyere_bunnfradrag_gir_kommunen_mindre_inntekt(panel):
    panel.inndata["bunnfradrag"].widget.value = 1_000_000
    direkte = modell.eiendomsskatt.proveny(sc.fra_oppslag(
        {"navn": "x", "forutsetninger": {"eiendomsskatt_bunnfradrag": 1_000_000}}))
    assert panel.resultat("proveny").equals(direkte)
    assert (direkte["endring_2022kr"] < 0).all()
    assert tall.tekst(direkte.at[2022, "endring_2022kr"], 1) in panel.html("proveny")


def test_tre_elever_i_kulturskolen_gir_halv_pris_for_den_tredje():
    hh = laer_husholdning.husholdning({"boligverdi": 0, "barnehage": 0, "sfo": 1, "kulturskole": 3,
                                       "inntekt": 800_000})
    assert [b.alder for b in hh.barn if b.kulturskole] == [7, 12, 13]
    assert gebyrer.kulturskole(hh, grunnscenario().aar(2022)) == pytest.approx(4210 * 2.5)
