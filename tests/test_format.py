"""Norwegian number formatting: no-break space as thousands separator, comma, typographic minus."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hoep import tall
from hoep.visning import tabeller

NB = "\u00a0"  # no-break space
M = "\u2212"  # typographic minus


@pytest.mark.parametrize("verdi, desimaler, forventet", [
    (-4552, 0, f"{M}4{NB}552"),
    (4552, 0, f"4{NB}552"),
    (2082.8, 1, f"2{NB}082,8"),
    (0, 0, "0"),
    (999, 0, "999"),
    (1000, 0, f"1{NB}000"),
    (-12289, 0, f"{M}12{NB}289"),
    (1234567.891, 2, f"1{NB}234{NB}567,89"),
    (1234567.891, 0, f"1{NB}234{NB}568"),
    # Half away from zero, as published tables round (not round-half-to-even).
    (0.5, 0, "1"),
    (1.5, 0, "2"),
    (2.5, 0, "3"),
    (-0.5, 0, f"{M}1"),
    (-2.5, 0, f"{M}3"),
    (0.25, 1, "0,3"),
    (2.675, 2, "2,68"),
    (0.49, 0, "0"),
    (999.95, 1, f"1{NB}000,0"),
    # A value that rounds to zero has no minus.
    (-0.04, 1, "0,0"),
    (-0.4, 0, "0"),
    (-0.0, 0, "0"),
    (-0.05, 1, f"{M}0,1"),
    (17.5, 1, "17,5"),
    (3, 2, "3,00"),
    (np.float64(-622.0), 0, f"{M}622"),
    (np.int64(1041), 0, f"1{NB}041"),
])
def test_tall(verdi, desimaler, forventet):
    assert tall.tekst(verdi, desimaler) == forventet


@pytest.mark.parametrize("verdi", [None, math.nan, float("nan"), np.nan, pd.NA])
def test_tall_manglende_verdi_er_tom(verdi):
    assert tall.tekst(verdi) == ""
    assert tall.tekst(verdi, 1, tom="–") == "–"


def test_tall_bruker_ikke_vanlig_mellomrom_eller_bindestrek():
    tekst = tall.tekst(-1234567.5, 1)
    assert " " not in tekst
    assert "-" not in tekst
    assert "." not in tekst


@pytest.mark.parametrize("verdi, desimaler, forventet", [
    (1041, 0, f"1{NB}041 mill.{NB}kr"),
    (-54, 0, f"{M}54 mill.{NB}kr"),
    (2082.84, 1, f"2{NB}082,8 mill.{NB}kr"),
    (0.5, 0, f"1 mill.{NB}kr"),
    (None, 0, ""),
    (math.nan, 0, ""),
])
def test_mill(verdi, desimaler, forventet):
    assert tall.mill(verdi, desimaler) == forventet


@pytest.mark.parametrize("verdi, desimaler, forventet", [
    (2.5, 1, f"2,5{NB}%"),
    (7.7, 1, f"7,7{NB}%"),
    (70, 0, f"70{NB}%"),
    (-1.25, 1, f"{M}1,3{NB}%"),
    (-0.04, 1, f"0,0{NB}%"),
    (3.618956, 2, f"3,62{NB}%"),
    (None, 1, ""),
    (math.nan, 1, ""),
])
def test_prosent(verdi, desimaler, forventet):
    assert tall.prosent(verdi, desimaler) == forventet


def test_prosent_har_en_desimal_som_standard():
    assert tall.prosent(2) == f"2,0{NB}%"


def test_tabell_formaterer_tallkolonner_og_blanke_celler():
    df = pd.DataFrame({"rad": ["Avdrag", "Tom"], "b2022": [-622.0, math.nan]})
    html = tabeller.tabell(df).to_html()
    assert f"{M}622" in html
    assert "nan" not in html.lower()
