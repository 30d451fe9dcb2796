"""The pre-save hook of make lab: widget views without saved state leave a saved notebook."""

from __future__ import annotations

import copy

from hoep import laer
from hoep.laer.lagring import WIDGETTILSTAND, WIDGETVISNING, fjern_widgetvisninger, uten_widgetvisninger


def _visning(modell: str, **annet: str) -> dict:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {WIDGETVISNING: {"model_id": modell, "version_major": 2, "version_minor": 0}, **annet}}


def _notatbok(*utdata: dict, tilstand: dict | None = None) -> dict:
    nb = {"cells": [{"cell_type": "code", "source": "panel", "metadata": {}, "outputs": list(utdata)},
                    {"cell_type": "markdown", "source": "tekst", "metadata": {}}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    if tilstand is not None:
        nb["metadata"]["widgets"] = {WIDGETTILSTAND: {"state": tilstand, "version_major": 2,
                                                      "version_minor": 0}}
    return nb


def test_panelets_visning_blir_til_erstatningsteksten():
    nb = _notatbok(_visning("a", **{"text/plain": laer.ERSTATNING, "text/html": "<p>x</p>"}))
    assert fjern_widgetvisninger(nb) == 1
    assert nb["cells"][0]["outputs"] == [{
        "output_type": "execute_result", "execution_count": 1, "metadata": {},
        "data": {"text/plain": laer.ERSTATNING, "text/html": "<p>x</p>"}}]


def test_en_visning_uten_annen_form_fjernes_helt_og_andre_utdata_blir():
    strom = {"output_type": "stream", "name": "stdout", "text": "hei\n"}
    nb = _notatbok(_visning("a"), strom)
    assert fjern_widgetvisninger(nb) == 1
    assert nb["cells"][0]["outputs"] == [strom]
    assert "outputs" not in nb["cells"][1]


def test_visninger_med_lagret_tilstand_beholdes():
    nb = _notatbok(_visning("lagret", **{"text/plain": "x"}), _visning("borte", **{"text/plain": "y"}),
                   tilstand={"lagret": {"model_name": "IntSliderModel", "state": {}}})
    assert fjern_widgetvisninger(nb) == 1
    igjen = [list(u["data"]) for u in nb["cells"][0]["outputs"]]
    assert igjen == [[WIDGETVISNING, "text/plain"], ["text/plain"]]


def test_kroken_endrer_bare_notatboker():
    nb = _notatbok(_visning("a", **{"text/plain": "x"}))
    fil = {"type": "file", "format": "text", "content": copy.deepcopy(nb)}
    uten_widgetvisninger(model=fil, path="x.txt", contents_manager=None)
    assert fil["content"] == nb
    modell = {"type": "notebook", "format": "json", "content": nb}
    uten_widgetvisninger(model=modell, path="x.ipynb", contents_manager=None)
    assert WIDGETVISNING not in modell["content"]["cells"][0]["outputs"][0]["data"]
