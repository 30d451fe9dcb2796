"""Report pages that read like a publication, checked in Chromium at a phone's width (400 px).

A report (:func:`hoep.rapporter.til_html`) has a navigation line back to the scenario's index,
and from a service area to its sector; a long, wide table scrolls in its own box under a header
row that stays in view, with numbers right-aligned; the page itself never scrolls sideways; print
drops the navigation and the scroll box. The index has the same navigation idea (sections, and the
page over all scenarios after a run over several). Screenshots: ``reports/nettlesertest/rapport_*``.
"""

from __future__ import annotations

import nbformat
import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import sync_playwright

from hoep import rapporter
from hoep.modell import omrader
from hoep.parametre.basis import grunnscenario
from hoep.rapporter import sider
from hoep.rapporter.jobbliste import Jobb
from hoep.rapporter.utforelse import navigasjon
from hoep.visning import tabeller
from nettleserhjelp import Nettlogg, skjermbilde, start_chromium

BREDDE = 400


def test_navigasjonen_leder_til_indeksen_og_fra_et_omraade_til_sektoren():
    omrade = omrader.tjenesteomrader().iloc[0]
    mal = rapporter.notatbokmappe() / "tjenesteomrade.ipynb"
    jobb = Jobb(mal, f"omrade_{omrade.omrade}.html", omrade.navn, {"omrade": omrade.omrade},
                sektor=omrade.sektor, omrade=omrade.omrade)
    assert navigasjon(jobb, "basis") == [
        ("← Alle rapportene for scenario «basis»", "index.html"),
        (f"Sektor: {omrader.SEKTORNAVN[omrade.sektor]}", f"sektor_{omrade.sektor}.html")]
    enkel = Jobb(rapporter.notatbokmappe() / "okonomi.ipynb", "okonomi.html", "Økonomi")
    assert navigasjon(enkel, "x") == [("← Alle rapportene for scenario «x»", "index.html")]


def _rapport() -> str:
    """A report with a long, wide table of numbers (60 rows × 10 columns), as notebooks show them."""
    df = pd.DataFrame(np.arange(600, dtype=float).reshape(60, 10) * -123.4,
                      columns=[f"Kolonne {i}" for i in range(10)])
    df.insert(0, "Linje", [f"Rad {i}" for i in range(60)])
    stil = tabeller.tabell(df, desimaler=1, navn="lang")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# En rapport\n\nTekst før tabellen."),
                nbformat.v4.new_code_cell("t", outputs=[nbformat.v4.new_output(
                    "display_data", data={"text/html": stil.to_html(), "text/plain": "t"})])]
    lenker = [("Til <indeksen>", "index.html"), ("Sektor", "sektor_x.html")]
    return rapporter.til_html(nb, "En rapport", lenker)


@pytest.fixture(scope="module")
def nettleser():
    with sync_playwright() as p:
        b = start_chromium(p)
        yield b
        b.close()


def _side(nettleser, sti, bredde=BREDDE):
    kontekst = nettleser.new_context(viewport={"width": bredde, "height": 800})
    logg = Nettlogg(kontekst, port=0)
    side = kontekst.new_page()
    side.goto(sti.as_uri())
    return kontekst, side, logg


def test_rapporten_paa_mobil_klebrig_overskrift_hoyrejusterte_tall_og_utskrift(nettleser, tmp_path):
    sti = tmp_path / "rapport.html"
    sti.write_text(_rapport(), encoding="utf-8")
    kontekst, side, logg = _side(nettleser, sti)
    nav = side.locator("nav.hoep-nav a")
    assert [(a.inner_text(), a.get_attribute("href")) for a in nav.all()] == [
        ("Til <indeksen>", "index.html"), ("Sektor", "sektor_x.html")]  # the text escaped, not markup
    # The page never scrolls sideways; the wide table scrolls in its own box.
    assert side.evaluate("document.documentElement.scrollWidth") <= BREDDE
    boks = side.locator(".jp-OutputArea-output", has=side.locator("table"))
    assert boks.evaluate("e => e.scrollWidth > e.clientWidth && e.scrollHeight > e.clientHeight")
    # Scroll the box down: the header row stays at the top of the box.
    boks.evaluate("e => { e.scrollTop = 600; }")
    side.wait_for_timeout(100)
    topp = boks.evaluate("e => e.getBoundingClientRect().top")
    overskrift = boks.locator("thead th").nth(3).evaluate("e => e.getBoundingClientRect().top")
    assert abs(overskrift - topp) <= 1.5
    celle = boks.locator("tbody tr").nth(5).locator("td").nth(3)
    assert celle.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert "\u2212" in celle.inner_text() and "," in celle.inner_text()
    skjermbilde(side, "rapport_400px")
    side.emulate_media(media="print")
    assert side.locator("nav.hoep-nav").evaluate("e => getComputedStyle(e).display") == "none"
    assert boks.evaluate("e => getComputedStyle(e).overflow") == "visible"
    assert logg.fremmede == [] and logg.konsollfeil == []
    kontekst.close()


def test_indeksen_paa_mobil_har_navigasjon_og_skrives_ut_uten_den(nettleser, tmp_path):
    sti = tmp_path / "index.html"
    sti.write_text(sider.indeks(grunnscenario(), rapporter.jobber(), flere=True), encoding="utf-8")
    kontekst, side, logg = _side(nettleser, sti)
    lenker = [a.get_attribute("href") for a in side.locator("nav a").all()]
    assert lenker == ["../index.html", "../sammenligning.html", "#okonomi", "#laer", "#sektorer", "#tallene"]
    for anker in lenker[2:]:
        assert side.locator(anker).count() == 1
    assert side.evaluate("document.documentElement.scrollWidth") <= BREDDE
    skjermbilde(side, "rapport_indeks_400px")
    side.emulate_media(media="print")
    assert side.locator("nav").evaluate("e => getComputedStyle(e).display") == "none"
    assert logg.fremmede == [] and logg.konsollfeil == []
    kontekst.close()
