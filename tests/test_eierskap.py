"""Eierskap (kap. 37): dividend policies against the proposals; the sum against Tabell 8-18."""

from __future__ import annotations

import pytest

from hoep import data
from hoep.feil import DataFeil
from hoep.regler import eierskap


def test_selskapslisten_peker_pa_kjente_tabeller():
    s = eierskap.selskaper()
    assert len(s) >= 20
    kjente = set(data.katalog()["id"])
    for kol in ("nokkeltall_tabell", "utbytte_tabell"):
        assert set(s[kol][s[kol] != ""]) <= kjente
    kap37 = set(data.katalog().query("kapittel == 37")["id"])
    assert kap37 == (set(s["nokkeltall_tabell"]) | set(s["utbytte_tabell"])) - {""}


def test_politikken_for_trv_gruppen():
    # Tabell 27-1 (TRV Gruppen, 1000 kr): årsresultat 2018-2020 = 8 141, 3 306, 21 722; 70 % av snittet
    o = eierskap.utbytteoversikt(2020)
    assert o.at["trv_gruppen", "politikk"] == pytest.approx(0.7 * (8141 + 3306 + 21722) / 3 / 1000)
    assert o.at["trv_gruppen", "foreslatt_2022"] == 4  # Tabell 27-2


def test_forslagene_folger_politikken_pa_regnskapene_til_2019():
    # Rounded as the proposals are, the rule applied to 2017-2019 gives TRV 4 (0,7 × (5 781 + 8 141
    # + 3 306) / 3 = 4 020 thousand kr), Kino 9, Leuthenhaven 2, Tempevegen 1 and Labtjenester 0,45;
    # applied to 2018-2020 only Leuthenhaven (1,96 → 2) and Tempevegen (0,81 → 1) still match.
    assert eierskap.forslag_som_folger_politikken(2019) == [
        "TRV Gruppen AS", "Trondheim Kino AS", "Leuthenhaven AS", "Tempevegen 25 AS", "Labtjenester AS"]
    assert eierskap.forslag_som_folger_politikken(2020) == ["Leuthenhaven AS", "Tempevegen 25 AS"]


def test_sum_mot_tabell_8_18():
    # Kap. 37: 4 + 9 + 8 + 2 + 1 + 0,45 = 24,45 in 2022; Tabell 8-18: −25 (income, 2022-kroner)
    s = eierskap.sum_utbytte()
    assert s.at[2022, "sum_kapittel_37"] == pytest.approx(24.45)
    assert s.at[2022, "tabell_8_18"] == 25
    assert (s["differanse"].abs() <= 0.55 + 1e-9).all()


@pytest.mark.parametrize("endring, melding", [
    (lambda linjer: linjer + [linjer[1]], "forekommer to ganger"),
    (lambda linjer: [linjer[0].replace("eierandel_prosent", "eierandel")] + linjer[1:], "kolonnene"),
    (lambda linjer: [linjer[0], linjer[1].replace(",100,", ",hundre,", 1)] + linjer[2:], "eierandel_prosent"),
    (lambda linjer: [linjer[0], linjer[1].replace("tabell_37_1_", "tabell_99_1_", 1)] + linjer[2:],
     "ukjent tabell"),
])
def test_odelagt_selskapsliste_gir_datafeil_med_filnavn(kopi_av_data, endring, melding):
    fil = kopi_av_data / "eierskap.csv"
    linjer = fil.read_text(encoding="utf-8").splitlines()
    fil.write_text("\n".join(endring(linjer)) + "\n", encoding="utf-8")
    eierskap._selskaper.cache_clear()
    try:
        with pytest.raises(DataFeil, match=melding) as feil:
            eierskap.selskaper()
        assert "eierskap.csv" in str(feil.value)
    finally:
        eierskap._selskaper.cache_clear()
