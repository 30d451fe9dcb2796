"""The rate stress test: seeded, vectorised, and consistent with the scalar model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from hoep import cli, modell
from hoep.feil import HoepFeil
from hoep.modell import stresstest
from hoep.parametre.basis import grunnscenario


@pytest.fixture(scope="module")
def basis():
    return grunnscenario()


def test_samme_fro_gir_samme_tall(basis):
    a = stresstest.kjor(basis, 500, seed=7)
    b = stresstest.kjor(basis, 500, seed=7)
    c = stresstest.kjor(basis, 500, seed=8)
    assert a.brudd.equals(b.brudd) and a.persentiler.equals(b.persentiler)
    assert not np.allclose(a.verdier["renteutgifter"], c.verdier["renteutgifter"])


def test_vektorisert_er_lik_sloyfe(basis):
    v = stresstest.kjor(basis, 40, seed=3)
    s = stresstest.kjor_sloyfe(basis, 40, seed=3)
    for k in ("renteutgifter", "netto_driftsresultat", "kapitalutgifter_pst", "disposisjonsfond_ub"):
        assert np.allclose(v.verdier[k], s[k]), k


def test_uten_spredning_er_bruddene_grunnscenarioets_status(basis):
    r = stresstest.kjor(basis, 20, seed=1, fordeling=stresstest.Fordeling(0.0, 0.0))
    status = modell.beregn(basis).malstatus()
    for _, rad in status.iterrows():
        brutt = rad["status"] != "innenfor" and not (
            rad["maltall"] == "korrigert_netto_driftsresultat_pst" and rad["status"] == "over målet")
        assert r.brudd.at[rad["navn"], rad["ar"]] == (1.0 if brutt else 0.0), (rad["navn"], rad["ar"])


def test_ingen_rente_under_null(basis):
    r = stresstest.kjor(basis, 2000, seed=5, fordeling=stresstest.Fordeling(3.0, 0.0))
    laveste = modell.grunnlag(basis).rentebane.min(axis=0).to_numpy()
    # The liquidity income is (likviditet) × bank rate: never negative when no rate is.
    assert (r.verdier["renteinntekter_likviditet"] >= -1e-9).all()
    assert laveste.min() > 0


def test_hoyere_spredning_gir_flere_brudd_paa_kapitalregelen(basis):
    lav = stresstest.kjor(basis, 3000, seed=2, fordeling=stresstest.Fordeling(0.25, 0.0))
    hoy = stresstest.kjor(basis, 3000, seed=2, fordeling=stresstest.Fordeling(1.5, 0.0))
    assert hoy.brudd.loc["Kapitalutgifter", 2022] > lav.brudd.loc["Kapitalutgifter", 2022]


@pytest.mark.parametrize("n", [0, -5])
def test_ugyldig_antall(basis, n):
    with pytest.raises(HoepFeil, match="Antall trekk"):
        stresstest.kjor(basis, n)


def test_cli_json(capsys):
    assert cli.main(["stresstest", "--n", "300", "--seed", "4", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["n"] == 300 and ut["seed"] == 4
    assert set(ut["sannsynlighet_brudd"]) == {"Korrigert netto driftsresultat", "Gjeldsgrad",
                                              "Kapitalutgifter", "Disposisjonsfond"}
    assert {"renteutgifter_p5", "renteutgifter_p95", "lanegjeld_ub_p50"} <= set(ut["persentiler"])
    assert cli.main(["stresstest", "--n", "0"]) == 2
    assert capsys.readouterr().err.startswith("feil: ")
