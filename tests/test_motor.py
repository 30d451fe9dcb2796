"""The whole-budget engine: the proposal reproduced cell by cell, and the shape of every table."""

from __future__ import annotations

import math

import pytest

from hoep import data
from hoep.modell import gjenskaping, motor
from hoep.modell.celler import plankolonne
from hoep.parametre.basis import grunnscenario


@pytest.fixture(scope="module")
def grunnbudsjett():
    return motor.budsjett(grunnscenario())


@pytest.fixture(scope="module")
def sammenligning(grunnbudsjett):
    return gjenskaping.sammenlign(grunnbudsjett)


def test_hver_planaarscelle_er_den_trykte_innen_avrundingen(sammenligning):
    """Every plan-year cell of every computed table equals the printed cell within the document's
    rounding, or is a registered contradiction of the document (data/motoravvik.yaml)."""
    ukjente, borte = gjenskaping.uforklarte(sammenligning)
    assert ukjente.empty, "celler utenfor avrundingen uten registrert avvik:\n" + ukjente.to_string()
    assert borte == [], f"registrerte avvik som ikke lenger finnes: {borte}"


def test_registrerte_avvik_viser_til_en_kontroll_som_finnes():
    kontroller = {k.id for k in __import__("hoep.data.kontroller", fromlist=["les"]).les()}
    for post in gjenskaping.registrerte():
        assert post["kontroll"] in kontroller, post
        assert post["tabell"] in motor.BEREGNES


def test_tabellene_har_dokumentets_form(grunnbudsjett):
    for tid, t in motor.tabeller(grunnbudsjett).items():
        trykt = data.tabell(tid)
        assert list(t.rader) == list(trykt.index), tid
        assert t.kolonner == data.info(tid).tallkolonner, tid
        for r in t.rader.values():
            assert set(r.kilde.values()) <= {"inndata", "derivert", "anker"}
            assert r.regel, (tid, r.rad_id)
            # Columns that are not plan years are the printed values.
            for k in t.kolonner:
                if plankolonne(k) is None and not k.startswith("sum_"):
                    p, v = trykt.at[r.rad_id, k], r.verdier[k]
                    assert (math.isnan(p) and math.isnan(v)) or p == v, (tid, r.rad_id, k)
