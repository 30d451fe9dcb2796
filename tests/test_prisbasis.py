"""Price basis: løpende priser ↔ faste 2022-kroner, and the document's own link between them."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import DATA
from hoep import data
from hoep.regler import prisbasis


@pytest.mark.parametrize("ar, deflator, forventet", [
    (2022, 2.5, 1.0),
    (2023, 2.5, 1.025),
    (2024, 2.5, 1.050625),
    (2025, 2.5, 1.076890625),
    (2021, 2.5, 1 / 1.025),
    (2020, 2.5, 1 / 1.050625),
    (2025, 0.0, 1.0),
    (2023, 3.0, 1.03),
    (2023, -2.0, 0.98),
])
def test_faktor(ar, deflator, forventet):
    assert prisbasis.faktor(ar, deflator) == pytest.approx(forventet, rel=1e-12)


@pytest.mark.parametrize("verdi, ar, deflator, forventet", [
    (1025.0, 2023, 2.5, 1000.0),
    (1076.890625, 2025, 2.5, 1000.0),
    (622.0, 2022, 2.5, 622.0),
    (336.0, 2021, 2.5, 344.4),
    (-1000.0, 2024, 2.5, -1000.0 / 1.050625),
])
def test_til_2022_kroner(verdi, ar, deflator, forventet):
    assert prisbasis.til_2022_kroner(verdi, ar, deflator) == pytest.approx(forventet, rel=1e-12)


@pytest.mark.parametrize("verdi, ar, deflator, forventet", [
    (1000.0, 2023, 2.5, 1025.0),
    (1000.0, 2025, 2.5, 1076.890625),
    (1000.0, 2022, 7.0, 1000.0),
    (344.4, 2021, 2.5, 336.0),
])
def test_til_lopende(verdi, ar, deflator, forventet):
    assert prisbasis.til_lopende(verdi, ar, deflator) == pytest.approx(forventet, rel=1e-12)


@pytest.mark.parametrize("ar", [2020, 2021, 2022, 2023, 2024, 2025])
@pytest.mark.parametrize("deflator", [0.0, 2.5, -3.0, 10.0])
def test_rundtur(ar, deflator):
    verdi = 1234.5
    fram = prisbasis.til_2022_kroner(verdi, ar, deflator)
    assert prisbasis.til_lopende(fram, ar, deflator) == pytest.approx(verdi, rel=1e-12)
    if ar > 2022 and deflator > 0:
        assert fram < verdi


def _deflator_fra_fil() -> float:
    innhold = yaml.safe_load((DATA / "forutsetninger.yaml").read_text(encoding="utf-8"))
    verdier = innhold["prisomregning_deflator"]["verdier"]
    return verdier[max(a for a in verdier if a <= 2022)]


def test_deflatoren_er_2_5_prosent_som_i_kapittel_8_11():
    assert _deflator_fra_fil() == 2.5


def test_kolonnene_som_lenkes_har_ulik_prisbasis():
    # The link below is only meaningful because the two columns are printed on different bases.
    katalog = {r["name"]: r for r in json.loads((DATA / "datapackage.json").read_text("utf-8"))["resources"]}

    def basis(tabell_id: str, kolonne: str) -> str:
        return next(f["prisbasis"] for f in katalog[tabell_id]["schema"]["fields"] if f["name"] == kolonne)

    assert basis("budsjettskjema_1a", "budsjett_2021") == "løpende"
    assert basis("tabell_8_20_finansutgifter", "budsjett_2021") == "faste_2022"


@pytest.mark.parametrize("rad_1a, rad_8_20, publisert_8_20", [
    ("renteutgifter", "renteutgifter", 344),
    ("avdrag_pa_lan", "avdrag_pa_lan", 937),
])
def test_vedtatt_2021_i_tabell_8_20_er_1a_omregnet_til_2022_kroner(rad_1a, rad_8_20, publisert_8_20):
    # Tabell 8-20 prints «Vedtatt 2021» in 2022-kroner: 344 and 937. Budsjettskjema 1A prints the
    # same budget 2021 in løpende priser: 336 and 914. 336 × 1,025 = 344,4; 914 × 1,025 = 936,9.
    lopende = data.verdi("budsjettskjema_1a", rad_1a, "budsjett_2021")
    trykt = data.verdi("tabell_8_20_finansutgifter", rad_8_20, "budsjett_2021")
    assert trykt == publisert_8_20

    omregnet = prisbasis.til_2022_kroner(lopende, 2021, _deflator_fra_fil())
    assert abs(omregnet - trykt) <= 1
    assert round(omregnet) == publisert_8_20
    # Without the conversion the two printings do not agree.
    assert abs(lopende - trykt) > 1
