"""Service-area and sector reports: the views match the data, every area and sector gets a report."""

from __future__ import annotations

import pytest

from hoep import data, rapporter
from hoep.modell import omrader as omrade
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.rapporter import sider

OMRADER = omrade.tjenesteomrader()["omrade"].tolist()


def test_tjenesteomradene_er_de_20_kapitlene_13_til_36():
    assert len(OMRADER) == 20
    assert OMRADER[0] == "barnehage" and OMRADER[-1] == "utvikling_og_stottetjenester"


@pytest.mark.parametrize("id_", OMRADER)
def test_rammebro_og_tiltak_stemmer_med_tabellene(id_):
    bro = omrade.rammebro(id_)
    tabeller = omrade.tabeller(id_, "rammeendring")
    if bro is None:
        assert not tabeller
        return
    t = data.tabell(tabeller[0])
    forslag = "forslag_til_netto_driftsramme"
    assert bro.loc[forslag, 2022] == t.at[forslag, "budsjett_2022"]
    start, endringer, slutt = omrade.bro_endringer(id_, 2022)
    assert start + endringer.sum() == pytest.approx(slutt, abs=0.11)  # the bridge's own identity
    tiltak = omrade.tiltak(id_)
    rader = [r for r in data.tabell(omrade.tabeller(id_, "tiltak")[0]).index if r.startswith("t")]
    assert len(tiltak) == len(rader)
    # tiltak add up to the real change (Tabell X-3 against X-2), within the document's rounding
    assert tiltak[2022].sum() == pytest.approx(bro.loc["reell_rammeendring", 2022], abs=0.21)


@pytest.mark.parametrize("id_", [o for o in OMRADER if omrade.tabeller(o, "investering")])
def test_investeringer_summerer_til_sluttsummene(id_):
    inv = omrade.investeringer(id_)
    tabeller = omrade.tabeller(id_, "investering")
    sluttsum = sum(data.tabell(t).at["sluttsum", "budsjett_2022"] for t in tabeller)
    assert inv["budsjett_2022"].sum() == pytest.approx(sluttsum, abs=0.15)


def test_omrade_uten_kapitteltabeller_gir_tomme_visninger():
    assert omrade.rammebro("miljo_og_landbrukstjenester") is None
    assert omrade.tiltak("miljo_og_landbrukstjenester").empty
    assert omrade.investeringer("miljo_og_landbrukstjenester").empty
    # chapter 2 still gives the frame: Miljø- og landbrukstjenester 26,1 in 2022
    assert omrade.ramme_mot_kapittel_2("miljo_og_landbrukstjenester").at[2022, "kapittel_2"] == 26.1


@pytest.mark.parametrize("sektor", omrade.sektorer())
def test_sektorene_er_summen_av_omradene_innen_avrunding(sektor):
    mot = omrade.sektor_mot_omrader(sektor)
    assert (mot["Differanse"].abs() <= 1).all()


def test_kjent_avvik_vises_for_samferdsel():
    # Tabell 33-2 −87,2 against chapter 2's −83,8 in 2022 (a known contradiction in the document)
    assert omrade.ramme_mot_kapittel_2("samferdsel").at[2022, "differanse"] == pytest.approx(-3.4)


def test_demografi_for_oppvekst():
    # Tabell 8-23: barnehage −15,6, skole 7,6, barne- og familietjenesten 3,7
    assert omrade.demografi("oppvekst_og_utdanning")["demografi"].tolist() == [-15.6, 7.6, 3.7]


def test_rapportjobber_dekker_alle_omrader_og_sektorer_og_hopper_over_instanser():
    jobber = rapporter.jobber()
    filer = {j.fil for j in jobber}
    assert {f"omrade_{o}.html" for o in OMRADER} <= filer
    assert {f"sektor_{s}.html" for s in omrade.sektorer()} <= filer
    assert not any(j.notatbok.name in ("oppvekst.ipynb", "helse.ipynb") for j in jobber)
    assert {"okonomi.html", "konsistens.html", "klima.html"} <= filer


def test_indeksen_grupperer_etter_sektor_med_ramme_og_reell_endring():
    html = sider.indeks(grunnscenario(), rapporter.jobber())
    for o in OMRADER:
        assert f'href="omrade_{o}.html"' in html
    # Barnehage: forslag 2022 1 741,4 and reell rammeendring −21,2 (Tabell 13-2)
    assert "1\u00a0741,4" in html and "\u221221,2" in html
    assert html.index("Sektor: Oppvekst og utdanning") < html.index("omrade_barnehage.html") \
        < html.index("Sektor: Helse og velferd")


def test_scenarioendringer_for_et_omrade():
    scen = sc.les(data.prosjektrot() / "scenarios" / "alternativt_budsjett.yaml")
    tiltak, prosjekter = omrade.scenarioendringer(scen, "skole")
    t10 = data.tabell("tabell_14_3_tiltak_skole").loc["t10"]
    fjernet = tiltak.loc[[i for i in tiltak.index if "(skole/t10)" in i][0]]
    assert fjernet[2023] == -t10["budsjett_2023"]
    assert len(tiltak) == 2  # t10 removed, leksehjelp added
    assert any("Stabbursmoen skole" in linje for linje in prosjekter)
    tiltak_bhg, prosjekter_bhg = omrade.scenarioendringer(scen, "barnehage")
    assert len(tiltak_bhg) == 1 and prosjekter_bhg == []
    assert omrade.scenarioendringer(grunnscenario(), "skole")[0].empty
