"""Browser check: the index and a chapter report as headless Chromium renders them.

Runs two real notebooks (one a template, once per sector) into a temporary folder, opens
``index.html`` and ``sykefravaer.html`` in Debian's Chromium (``--dump-dom`` gives the DOM after
scripts ran; ``--enable-logging=stderr`` prints every console message, and a report should print
none), checks title, tables and images, that every local link and source resolves and nothing is
loaded from the web, and saves a screenshot to ``reports/nettlesertest/``. Without Chromium the
test fails: ``.ci/run`` installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROT
from hoep import rapporter

SKJERMBILDER = ROT / "reports" / "nettlesertest"


def chromium() -> str:
    sti = shutil.which("chromium") or shutil.which("chromium-browser")
    if sti is None:
        pytest.fail("Fant ikke Chromium. Installer Debians pakke: apt-get install -y chromium "
                    "(.ci/run gjør det selv).")
    return sti


def _kjor_chromium(profil: Path, *argumenter: str) -> subprocess.CompletedProcess:
    # The flags keep Chromium off the network (this machine has none) and out of the way as root.
    flagg = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-features=Translate,MediaRouter", "--hide-scrollbars", f"--user-data-dir={profil}"]
    return subprocess.run([chromium(), *flagg, *argumenter], capture_output=True, text=True, timeout=120)


class Side(HTMLParser):
    """What the link check needs from a DOM: title, tables, images, links, sources and ids."""

    def __init__(self, tekst: str):
        super().__init__()
        self.tittel, self._i_tittel = "", False
        self.tabeller, self.bilder, self.ider = 0, [], set()
        self.lenker, self.kilder = [], []
        self.feed(tekst)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ider.add(a["id"])
        if tag == "title":
            self._i_tittel = True
        elif tag == "table":
            self.tabeller += 1
        elif tag == "img":
            self.bilder.append(a.get("src", ""))
        if tag == "a" and a.get("href"):
            self.lenker.append(a["href"])
        if tag in ("img", "script", "iframe") and a.get("src"):
            self.kilder.append(a["src"])
        if tag == "link" and a.get("href"):
            self.kilder.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._i_tittel = False

    def handle_data(self, data):
        if self._i_tittel:
            self.tittel += data


def brutte(side: Side, fil: Path) -> list[str]:
    """Local links and sources that do not resolve, and anything loaded from the web."""
    feil = []
    for url in side.kilder:
        if urlparse(url).scheme in ("http", "https") or url.startswith("//"):
            feil.append(f"henter fra nettet: {url}")
    for url in [*side.lenker, *side.kilder]:
        deler = urlparse(url)
        if deler.scheme in ("data", "mailto", "http", "https") or url.startswith("//"):
            continue
        if deler.path:
            mal = (fil.parent / unquote(deler.path)).resolve()
            if not mal.exists():
                feil.append(f"finnes ikke: {url}")
            continue
        if deler.fragment and not {deler.fragment, unquote(deler.fragment)} & side.ider:
            feil.append(f"ukjent anker: {url}")
    return feil


@pytest.fixture(scope="module")
def rapportmappe(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("nettleser")
    # Budget: two real reports, one kernel at a time (the second warmed while the first runs).
    kjoring = rapporter.lag_alle(None, ut, antall_jobber=1, utvalg=["sykefravaer", "sektor_byutvikling"],
                                 skriv=lambda _: None)
    assert not kjoring.feilet
    return ut / "basis"


@pytest.mark.parametrize("fil, tittel, tabeller, bilder", [
    ("index.html", "HØP 2022-2025 – scenario basis", 1, 0),  # one sector table: the sector run
    ("sykefravaer.html", "Sykefravær: hva koster det, og hvem bærer kostnaden? – scenario basis", 2, 1),
])
def test_siden_vises_i_chromium(rapportmappe, tmp_path, fil, tittel, tabeller, bilder):
    sti = rapportmappe / fil
    url = sti.as_uri()
    dom = _kjor_chromium(tmp_path / "profil-dom", "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    konsoll = [linje for linje in dom.stderr.splitlines() if ":CONSOLE" in linje]
    assert konsoll == [], "meldinger i nettleserens konsoll:\n" + "\n".join(konsoll)
    side = Side(dom.stdout)
    assert side.tittel.strip() == tittel
    assert side.tabeller >= tabeller
    assert len(side.bilder) >= bilder
    assert all(b.startswith("data:image/png;base64,") for b in side.bilder)
    assert brutte(side, sti) == []

    SKJERMBILDER.mkdir(parents=True, exist_ok=True)
    bilde = SKJERMBILDER / f"{sti.stem}.png"
    bilde.unlink(missing_ok=True)
    skudd = _kjor_chromium(tmp_path / "profil-bilde", f"--screenshot={bilde}", "--window-size=1200,1600", url)
    assert skudd.returncode == 0, skudd.stderr[-2000:]
    assert bilde.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"skjermbilde: {bilde}")


def test_lenkesjekken_finner_brutte_lenker(tmp_path):
    fil = tmp_path / "side.html"
    (tmp_path / "finnes.html").write_text("x", encoding="utf-8")
    side = Side('<a href="finnes.html">ok</a><a href="mangler.html">x</a><a href="#her">x</a>'
                '<a href="#borte">x</a><p id="her"></p><script src="https://cdn.example/x.js"></script>')
    assert brutte(side, fil) == ["henter fra nettet: https://cdn.example/x.js", "finnes ikke: mangler.html",
                                 "ukjent anker: #borte"]


def test_indeksen_lenker_til_alle_rapportene_og_arbeidsboka(rapportmappe):
    side = Side((rapportmappe / "index.html").read_text(encoding="utf-8"))
    lokale = {lenke for lenke in side.lenker if not re.match(r"^[a-z]+:", lenke)}
    assert {"sykefravaer.html", "sektor_byutvikling.html", "hoep.xlsx"} <= lokale
