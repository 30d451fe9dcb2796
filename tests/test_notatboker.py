"""The committed notebooks: no images in git, instances equal their templates, no budget figure typed in."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROT
from hoep.rapporter import jobbliste

NOTATBOKER = sorted((ROT / "notebooks").glob("*.ipynb"))


def _nb(sti):
    return json.loads(sti.read_text(encoding="utf-8"))


def _kode(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"]
            if c["cell_type"] == "code" and "injected-parameters" not in c["metadata"].get("tags", [])]


@pytest.mark.parametrize("sti", NOTATBOKER, ids=lambda p: p.name)
def test_ingen_bilder_i_git(sti):
    """nbval compares text and HTML; ``make notebooks`` drops the PNGs (2.3 MB of the repository before)."""
    bilder = [slag for c in _nb(sti)["cells"] for o in c.get("outputs", []) for slag in o.get("data", {})
              if slag.startswith("image/")]
    assert bilder == []


INSTANSER = [p for p in NOTATBOKER if jobbliste._metadata(p).get("instans_av")]


def test_det_finnes_lagrede_instanser():
    assert {p.name for p in INSTANSER} == {"oppvekst.ipynb", "helse.ipynb",
                                           "tjenesteomrade_helse_og_omsorgstjenester.ipynb"}


@pytest.mark.parametrize("sti", INSTANSER, ids=lambda p: p.name)
def test_instansen_er_lik_malen_bortsett_fra_parametre_og_utdata(sti):
    meta = jobbliste._metadata(sti)
    mal = _nb(ROT / "notebooks" / meta["instans_av"])
    instans = _nb(sti)
    egne = [c for c in instans["cells"] if "injected-parameters" not in c["metadata"].get("tags", [])]
    assert [c["cell_type"] for c in egne] == [c["cell_type"] for c in mal["cells"]]
    assert _kode(instans) == _kode(mal)
    tekst = ["".join(c["source"]) for c in instans["cells"] if c["cell_type"] == "markdown"]
    assert tekst == ["".join(c["source"]) for c in mal["cells"] if c["cell_type"] == "markdown"]
    injisert = [c for c in instans["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injisert) == 1
    for navn, verdi in meta["parametre"].items():
        assert f"{navn} = {json.dumps(verdi)}" in "".join(injisert[0]["source"])


# A number of three or more digits, or with a decimal comma, typed into a notebook's code (outside
# comments and the parameters cell) would be a published figure pasted in as the answer.
_TALL = re.compile(r"(?<![\w.])(\d{3,}|\d+,\d+)(?![\w])")
TILLATT = {"100", "1000", "100_000", "151", "2009", "2019", "2020", "2021", "2022", "2023", "2024", "2025",
           "2026", "2027", "2028", "2030", "2031"}
# Inputs of worked examples (what the reader sets, not what the budget says) and a stated rounding.
EKSEMPELINNDATA = {
    "laer_gjeld.ipynb": {"150"},  # investments at 150 % of the plan
    "laer_husholdning.ipynb": {"300", "000"},  # a household income of 300 000 kr
    "laer_klima.ipynb": {"500"},  # a «cut» of −500 tonnes, refused
    "tjenesteomrade.ipynb": {"0,1"},  # the chapters' one-decimal rounding
    "tjenesteomrade_helse_og_omsorgstjenester.ipynb": {"0,1"},
}


@pytest.mark.parametrize("sti", NOTATBOKER, ids=lambda p: p.name)
def test_ingen_budsjettall_skrevet_inn_i_koden(sti):
    funn = []
    for celle in _nb(sti)["cells"]:
        merker = set(celle["metadata"].get("tags", []))
        if celle["cell_type"] != "code" or {"parameters", "injected-parameters"} & merker:
            continue
        for linje in "".join(celle["source"]).splitlines():
            kode = re.sub(r"#.*$", "", linje)
            kode = re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: re.sub(r"\{[^}]*\}", "", m.group(0)), kode)
            lov = TILLATT | EKSEMPELINNDATA.get(sti.name, set())
            funn += [t for t in _TALL.findall(kode) if t not in lov]
    assert funn == [], f"tall skrevet inn i koden: {funn}"
