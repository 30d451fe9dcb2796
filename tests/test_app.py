"""The teaching apps (``make app``) in Chromium, as a learner uses them.

One Voilà server for the module (``make app PORT=<free port>``) and one headless Debian Chromium
driven by Playwright. For each app: open it, wait for the widgets, check the panel shows the
library's value for the base scenario, move one slider (or untick one box) with the keyboard or
the mouse as a learner would, and check the panel then shows exactly the value the library gives
for that choice; then go past a legal limit and check the panel shows the library's Norwegian
error instead of the numbers. Every expected value and message is computed here by calling the
library (``hoep.modell``, ``hoep.regler.eiendomsskatt``, ``hoep.parametre.scenario``) on a
scenario written out by hand, never by the panel. The page may load nothing from the internet
and print no error in the console. Screenshots go to ``reports/nettlesertest/app_*.png``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import nbformat
import pytest
from playwright.sync_api import sync_playwright

from conftest import ROT
from hoep import data, laer, modell, tall
from hoep.feil import HoepFeil
from hoep.laer import apper
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import eiendomsskatt
from nettleserhjelp import Nettlogg, Tjener, ledig_port, make, skjermbilde, start_chromium

VENT = 120_000  # ms: a fresh kernel runs the whole notebook before the widgets appear (2 busy cores)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    port = ledig_port()
    logg = tmp_path_factory.mktemp("app") / "make_app.log"
    tjener = Tjener([make(), "-s", "app", f"PORT={port}"], f"http://127.0.0.1:{port}/", logg)
    yield tjener, port
    tjener.stopp()


@pytest.fixture(scope="module")
def nettleser():
    with sync_playwright() as p:
        b = start_chromium(p)
        yield b
        b.close()


@pytest.fixture
def side(app, nettleser):
    tjener, port = app
    kontekst = nettleser.new_context(viewport={"width": 1200, "height": 1400}, locale="nb-NO")
    logg = Nettlogg(kontekst, port)
    s = kontekst.new_page()
    yield s, tjener.url, logg
    kontekst.close()


def _vanlig(tekst: str | None) -> str | None:
    return None if tekst is None else tekst.replace("\u00a0", " ").strip()


LES_CELLE = """(t, [rad, kolonne]) => {
  const hoder = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
  const j = hoder.indexOf(kolonne);
  for (const tr of t.querySelectorAll('tbody tr')) {
    const celler = [...tr.children].map(c => c.innerText.trim());
    if (celler[0] === rad) return j < 0 ? null : celler[j];
  }
  return null;
}"""


def celle(panel, tabell: str, rad: str, kolonne: str) -> str | None:
    """The text of one cell of a table the panel shows (by its id, row label and column heading)."""
    t = panel.locator(f"table#{tabell}")
    if t.count() == 0 or not t.first.is_visible():
        return None
    return _vanlig(t.first.evaluate(LES_CELLE, [rad, kolonne]))


def vent_pa(side, hent: Callable[[], object], forventet: object, hva: str, tid: float = 30.0) -> None:
    """Poll until ``hent()`` equals ``forventet`` (the kernel answers asynchronously). Waits with
    Playwright's ``wait_for_timeout``: a plain sleep would stop the network log's route handler."""
    slutt, sist = time.monotonic() + tid, None
    while time.monotonic() < slutt:
        sist = hent()
        if sist == forventet:
            return
        side.wait_for_timeout(100)
    pytest.fail(f"{hva}: viste {sist!r}, forventet {forventet!r}")


def feilmelding(oppslag: dict) -> str:
    """The library's message for a scenario dict, as the panel names its source (``laer.STANDARD_FIL``)."""
    with pytest.raises(HoepFeil) as feil:
        modell.beregn(sc.fra_oppslag(oppslag, laer.STANDARD_FIL))
    return str(feil.value)


def glider(panel, tekst: str):
    """The handle of the slider labelled ``tekst`` (noUiSlider: arrow keys move one step, Home/End)."""
    etikett = panel.page.get_by_text(tekst, exact=True)
    return panel.locator(".widget-slider", has=etikett).locator(".noUi-handle")


# --- the four apps: what to move, what to read, what the library says ---------------------------

def _netto(oppslag: dict) -> str:
    plan = modell.beregn(sc.fra_oppslag({"navn": "test", **oppslag}, "test"))
    return _vanlig(tall.tekst(plan.verdier["netto_driftsresultat"][0], 1))  # the panel shows 2022


def _gjeld_2025(oppslag: dict) -> str:
    plan = modell.beregn(sc.fra_oppslag({"navn": "test", **oppslag}, "test"))
    return _vanlig(tall.tekst(plan.verdier["lanegjeld_ub"][-1], 1))


def _eiendomsskatt(boligverdi: float) -> str:
    satser = modell.eiendomsskatt.satser(grunnscenario(), 2022)
    return _vanlig(tall.tekst(eiendomsskatt.skatt(boligverdi, "bolig", satser).skatt))


def _mangler_2023(oppslag: dict) -> str:
    status = modell.klimamalstatus(sc.fra_oppslag({"navn": "test", **oppslag}, "test"))
    return _vanlig(tall.tekst(status.at[2023, "mangler"]))


@dataclass
class Tilfelle:
    app: str
    les: Callable  # panel → the shown value
    for_: Callable[[], str]  # the library's value in the base scenario
    endre: Callable  # panel → None: the learner's move
    etter: Callable[[], str]  # the library's value for that move
    ugyldig: Callable  # panel → None: past a legal limit
    feil: Callable[[], str]  # the library's message for it


def _klima_nytt_tiltak(panel, tonn: str) -> None:
    etikett = panel.page.get_by_text("Eget tiltak: kutt fra 2023")
    felt = panel.locator(".widget-text", has=etikett).locator("input")
    felt.fill(tonn)
    felt.press("Enter")


TILFELLER = [
    Tilfelle(
        "laer_resultat",
        les=lambda p: celle(p, "T_laer_resultat_trapp", "= Netto driftsresultat", "Dine valg"),
        for_=lambda: _netto({}),
        # One step right on the rate: +0,25 prosentpoeng on every rate of Tabell 8-25.
        endre=lambda p: glider(p, "Rentenivå, endring").press("ArrowRight"),
        etter=lambda: _netto({"forutsetninger": {"renteendring": 0.25}}),
        # Home: the slider's minimum, −4, below the −3 a scenario may set.
        ugyldig=lambda p: glider(p, "Rentenivå, endring").press("Home"),
        feil=lambda: feilmelding({"navn": "laer_resultat", "forutsetninger": {"renteendring": -4.0}}),
    ),
    Tilfelle(
        "laer_gjeld",
        les=lambda p: celle(p, "T_laer_gjeld_gjeld", "= Gjeld 31.12.", "2025"),
        for_=lambda: _gjeld_2025({}),
        # One step right on the investment level: 110 % of every project in the area tables.
        endre=lambda p: glider(p, "Investeringsnivå, andel av planen").press("ArrowRight"),
        etter=lambda: _gjeld_2025({"investeringer": {
            "skaler": dict.fromkeys(data.prosjektliste().index, 1.1)}}),
        # End: 35 years, longer than the plan's 28,19 that kommuneloven § 14-18 allows.
        ugyldig=lambda p: glider(p, "Avdragstid").press("End"),
        feil=lambda: feilmelding({"navn": "laer_gjeld", "forutsetninger": {"avdragstid": 35.0}}),
    ),
    Tilfelle(
        "laer_husholdning",
        les=lambda p: celle(p, "T_laer_husholdning_skatt", "= Eiendomsskatt", "Kroner"),
        for_=lambda: _eiendomsskatt(4_000_000),
        # One step right on the dwelling's value: 4 250 000 kr.
        endre=lambda p: glider(p, "Boligverdi (statens)").press("ArrowRight"),
        etter=lambda: _eiendomsskatt(4_250_000),
        # End: 6 promille, above the 4 promille eiendomsskatteloven § 13 allows for dwellings.
        ugyldig=lambda p: glider(p, "Eiendomsskatt på bolig").press("End"),
        feil=lambda: feilmelding({"navn": "laer_husholdning",
                                  "forutsetninger": {"eiendomsskatt_promille_bolig": 6.0}}),
    ),
    Tilfelle(
        "laer_klima",
        les=lambda p: celle(p, "T_laer_klima_status", "2023", "Over taket, tonn"),
        for_=lambda: _mangler_2023({}),
        # Untick t03 (Tabell 7-2): the measure is left out.
        endre=lambda p: p.locator(".widget-checkbox", has=p.page.get_by_text(re.compile(r"^t03: ")))
        .locator("input").click(),
        etter=lambda: _mangler_2023({"klima": {"fjern_tiltak": ["t03"]}}),
        # A «cut» of −500 tonnes a year: an effect must be ≥ 0.
        ugyldig=lambda p: _klima_nytt_tiltak(p, "-500"),
        feil=lambda: feilmelding({"navn": "laer_klima", "klima": {"fjern_tiltak": ["t03"], "nye_tiltak": [
            {"id": "eget_tiltak", "navn": "Eget tiltak", "sektor": "Veitrafikk", "ansvar": "",
             "effekt": {2023: -500.0}}]}}),
    ),
]


def test_forsiden_lenker_til_de_fire_appene_i_rekkefolgen_fra_readme(side):
    s, url, logg = side
    s.goto(url, timeout=VENT)
    lenker = s.locator("ol.apper > li > a")
    forventet = []
    for navn in apper.APPER:
        nb = nbformat.read(ROT / "notebooks" / f"{navn}.ipynb", as_version=4)
        tittel = next(linje for linje in nb.cells[0].source.splitlines() if linje.startswith("# "))[2:]
        forventet.append((tittel, f"voila/render/{navn}.ipynb"))
    assert [(a.inner_text(), a.get_attribute("href")) for a in lenker.all()] == forventet
    # The README names the laer_ notebooks in the same order (the order to take them).
    readme = (ROT / "README.md").read_text(encoding="utf-8")
    rekkefolge = list(dict.fromkeys(re.findall(r"`(laer_\w+)\.ipynb`", readme)))
    assert rekkefolge == list(apper.APPER)
    assert logg.fremmede == [] and logg.konsollfeil == []
    skjermbilde(s, "app_forside")


@pytest.mark.parametrize("sti", ["voila/tree", "voila/render/okonomi.ipynb", "voila/api/contents/",
                                 "voila/files/sanitize.cfg"])
def test_appen_viser_bare_laeringsnotatbokene(side, sti):
    s, url, _ = side
    svar = s.request.get(url + sti)
    assert svar.status in (403, 404), f"{sti}: {svar.status}"


@pytest.mark.parametrize("t", TILFELLER, ids=[t.app for t in TILFELLER])
def test_appen_regner_som_biblioteket(side, t):
    s, url, logg = side
    start = time.monotonic()
    s.goto(f"{url}voila/render/{t.app}.ipynb", wait_until="commit", timeout=VENT)  # Voilà streams the page
    s.wait_for_selector(".widget-slider, .widget-checkbox", timeout=VENT)
    lastet = time.monotonic() - start
    panel = s.locator(".jp-OutputArea-output", has=s.locator(".widget-slider"))
    assert panel.count() == 1
    assert s.get_by_text("There was an error").count() == 0
    assert s.locator("nav.hoep-nav").get_by_text("Alle appene").count() == 1

    vent_pa(s, lambda: t.les(panel), t.for_(), f"{t.app} i utgangspunktet")
    etter = t.etter()
    assert etter != t.for_(), "valget i testen må endre tallet"
    t.endre(panel)
    vent_pa(s, lambda: t.les(panel), etter, f"{t.app} etter endringen")
    panel.scroll_into_view_if_needed()
    skjermbilde(s, f"app_{t.app}")

    t.ugyldig(panel)
    feil = f"Ugyldig verdi: {t.feil()}"
    boks = panel.get_by_text("Ugyldig verdi:")
    def vist_feil() -> str | None:
        return _vanlig(boks.first.evaluate("e => e.parentElement.innerText")) if boks.count() else None

    vent_pa(s, vist_feil, _vanlig(feil), f"{t.app}: feilmeldingen")
    assert t.les(panel) is None, "tallene skal være borte mens valget er ugyldig"
    skjermbilde(s, f"app_{t.app}_feil")

    assert logg.fremmede == [], f"hentet fra nettet: {logg.fremmede}"
    assert logg.konsollfeil == [], "\n".join(logg.konsollfeil)
    print(f"{t.app}: widgets etter {lastet:.1f} s, hele testen {time.monotonic() - start:.1f} s")
