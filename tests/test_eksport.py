"""Exports: the CSV files a report run writes and the Excel workbook built from them."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from hoep.rapporter import eksport
from hoep.visning import figurer, tabeller


@pytest.fixture
def eksportmappe(tmp_path):
    mappe = tmp_path / "data" / "rapport"
    eksport._brukt.clear()
    slutt = eksport.installer(mappe)
    yield mappe
    slutt()
    eksport._brukt.clear()


def test_tabell_og_figur_registrerer_det_de_viser(eksportmappe):
    df = pd.DataFrame({"Tiltak": ["Bygg", "Drift"], "2022": [1500.25, -3.5]})
    tabeller.tabell(df, desimaler=1, navn="Tiltak 2022")
    tabeller.tabell(df, navn="Tiltak 2022")  # the same name again gets a suffix
    figurer.stablet_stolpe(pd.DataFrame({"Skole": [1.0, 2.0]}, index=[2022, 2023]).rename_axis("År"),
                           "Investeringer per år (mill. kr)", "Kilde: test")
    innhold = json.loads((eksportmappe / "innhold.json").read_text(encoding="utf-8"))
    assert [(t["fil"], t["slag"], t["desimaler"]) for t in innhold] == [
        ("tiltak_2022.csv", "tabell", 1), ("tiltak_2022_2.csv", "tabell", 0),
        ("figur_investeringer_per_ar_mill_kr.csv", "figur", 0)]
    assert (eksportmappe / "tiltak_2022.csv").read_text(encoding="utf-8") == \
        "Tiltak,2022\nBygg,1500.25\nDrift,-3.5\n"
    assert (eksportmappe / "figur_investeringer_per_ar_mill_kr.csv").read_text(encoding="utf-8") == \
        "År,Skole\n2022,1.0\n2023,2.0\n"
    assert innhold[2]["tittel"] == "Investeringer per år (mill. kr)"


@pytest.mark.parametrize("tekst, forventet", [
    ("Tiltak etter type: Skole (mill. kr)", "tiltak_etter_type_skole_mill_kr"),
    ("Økonomi – Gjeld 31.12.", "okonomi_gjeld_31_12"), ("???", "tabell")])
def test_filnavn(tekst, forventet):
    assert eksport.filnavn(tekst) == forventet


def test_arbeidsboka_har_norske_overskrifter_tallformat_og_faste_bytes(eksportmappe):
    tabeller.tabell(pd.DataFrame({"": ["Sum"], "Beløp 2022": [1234.5]}), desimaler=1, navn="sum")
    tabeller.tabell(pd.DataFrame({"År": ["2022"], "Antall": [3]}), navn="antall")
    rapporter = [("Økonomi", "Økonomi og hele dokumentet", "okonomi.html", eksportmappe)]
    forste = eksport.arbeidsbok(rapporter, "Tittel")
    time.sleep(2.1)  # zip entries carry a date with 2 s resolution; the bytes must not follow the clock
    assert eksport.arbeidsbok(rapporter, "Tittel") == forste
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(forste)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    bok = load_workbook(io.BytesIO(forste))
    assert bok.sheetnames == ["Innhold", "Økonomi"]
    assert bok.properties.modified == eksport.FAST_TIDSPUNKT
    ark = bok["Økonomi"]
    rader = list(ark.iter_rows(values_only=True))
    assert rader[0][0] == "Økonomi og hele dokumentet – sum"
    assert rader[1][:2] == (None, "Beløp 2022")  # a blank header stays blank
    assert rader[2][:2] == ("Sum", 1234.5)
    assert ark.cell(row=3, column=2).number_format == "#,##0.0"
    assert rader[4][0] == "Økonomi og hele dokumentet – antall"
    assert ark.cell(row=7, column=2).value == 3
    assert ark.cell(row=7, column=2).number_format == "#,##0"
    innhold = list(bok["Innhold"].iter_rows(values_only=True))
    assert innhold[2] == ("Ark", "Rapport", "Fil", "Tabell", "Slag", "CSV-fil")
    assert innhold[3] == ("Økonomi", "Økonomi og hele dokumentet", "okonomi.html", "sum", "tabell",
                          "data/rapport/sum.csv")
