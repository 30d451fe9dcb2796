"""The rules reproduce figures the document publishes (tests/tilfeller/publiserte_tall.yaml).

The case file is typed from the document; each case names a computation (``beregning``) that
derives the figure from *other* published cells (the debt roll-forward from IB and flows, avdrag
in 2022-kroner from the løpende repayments in Tabell 8-15, the 1A results from their components).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from hoep.parametre import forutsetninger
from hoep.regler import disposisjonsfond, gjeld, oppstillinger

TILFELLEFIL = Path(__file__).parent / "tilfeller" / "publiserte_tall.yaml"
TILFELLER: list[dict] = yaml.safe_load(TILFELLEFIL.read_text(encoding="utf-8"))
FELT = {"navn", "tabell", "beregning", "ar", "forventet", "enhet", "prisbasis", "toleranse",
        "rad", "kildelinje", "trykt", "fortegn"}


def _deflator(ar: int) -> float:
    return forutsetninger.alle()["prisomregning_deflator"].verdi(ar)


def _avdrag(kolonne: str) -> Callable[[int], float]:
    return lambda ar: gjeld.avdrag_i_2022_kroner(_deflator(ar)).at[ar, kolonne]


def _drift(kolonne: str) -> Callable[[int], float]:
    return lambda ar: oppstillinger.nokkeltall_drift().at[f"budsjett_{ar}", kolonne]


BEREGNINGER: dict[str, Callable[[int], float]] = {
    # Tabell 8-15: UB rolled forward from IB 2022, låneopptak and avdrag (løpende priser).
    "gjeld_ub": lambda ar: gjeld.gjeldsutvikling().at[ar, "ub"],
    # Tabell 8-23: the repayments of Tabell 8-15 deflated to faste 2022-kroner.
    "minimumsavdrag_2022_kroner": _avdrag("minimumsavdrag"),
    "ovrige_avdrag_2022_kroner": _avdrag("ovrige_avdrag"),
    "sum_avdrag_2022_kroner": _avdrag("sum_avdrag"),
    # Budsjettskjema 1A, computed from its component rows, natural sign (surplus positive).
    "netto_driftsresultat": _drift("netto_driftsresultat"),
    "brutto_driftsresultat": _drift("brutto_driftsresultat"),
    # Tabell 8-4: the opening balance plus every avsetning and bruk in the table.
    "disposisjonsfond_ub": lambda ar: disposisjonsfond.bevegelse_2022().utgaende,
}


def _trykt_tall(tekst: str) -> float:
    """A number as printed in the document: ``−1 041`` → −1041, ``2,5`` → 2.5."""
    return float(re.sub(r"\s", "", tekst).replace("\u2212", "-").replace(",", "."))


def test_tilfellefilen_er_gyldig():
    assert len(TILFELLER) >= 20
    navn = [t["navn"] for t in TILFELLER]
    assert len(navn) == len(set(navn)), "navn må være unike"
    for t in TILFELLER:
        assert set(t) == FELT, t["navn"]
        assert t["beregning"] in BEREGNINGER, t["navn"]
        assert isinstance(t["ar"], int) and 2022 <= t["ar"] <= 2025, t["navn"]
        assert isinstance(t["forventet"], int | float), t["navn"]
        assert t["enhet"] == "mill. kr"
        assert t["prisbasis"] in ("løpende", "faste_2022")
        assert 0 < t["toleranse"] <= 1
        assert t["fortegn"] in ("publisert", "naturlig")


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=lambda t: t["navn"])
def test_forventet_er_det_trykte_tallet(tilfelle):
    # Double entry: the expected value and the printed cell must agree (sign per «fortegn»).
    trykt = _trykt_tall(tilfelle["trykt"])
    forventet = trykt if tilfelle["fortegn"] == "publisert" else -trykt
    assert tilfelle["forventet"] == forventet


@pytest.mark.parametrize("tilfelle", TILFELLER, ids=lambda t: t["navn"])
def test_beregning_gjenskaper_publisert_tall(tilfelle):
    beregnet = float(BEREGNINGER[tilfelle["beregning"]](tilfelle["ar"]))
    assert abs(beregnet - tilfelle["forventet"]) <= tilfelle["toleranse"] + 1e-9, (
        f"{tilfelle['navn']} ({tilfelle['tabell']}): beregnet {beregnet:.2f}, "
        f"publisert {tilfelle['forventet']}")


def test_alle_beregninger_er_i_bruk():
    assert {t["beregning"] for t in TILFELLER} == set(BEREGNINGER)


def test_avdrag_uten_prisomregning_gjenskaper_ikke_tabell_8_23():
    # Guard: the deflation matters. Without it the løpende 2025 repayments (687 + 434) are far
    # from the printed 2022-kroner sum 1 041.
    g = gjeld.avdrag_i_2022_kroner(0.0)
    assert abs(g.at[2025, "sum_avdrag"] - 1041) > 50
