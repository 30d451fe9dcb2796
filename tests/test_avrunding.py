"""One rounding rule (half up, as the document rounds) for formatting, the audit, the rules and the
targets' status: what a table prints and the status it shows always agree."""

from __future__ import annotations

import numpy as np
import pytest

from hoep import tall
from hoep.parametre.basis import grunnscenario
from hoep.regler import handlingsregler

# value, decimals, printed, rounded
KANTER = [
    (1.95, 1, "2,0", 2.0),
    (2.55, 1, "2,6", 2.6),
    (8.05, 1, "8,1", 8.1),
    (70.05, 1, "70,1", 70.1),
    (-0.05, 1, "\u22120,1", -0.1),
    (0.5, 0, "1", 1.0),
    (2.5, 0, "3", 3.0),
    (-2.5, 0, "\u22123", -3.0),
    (0.04, 1, "0,0", 0.0),
    (-0.04, 1, "0,0", 0.0),
]


@pytest.mark.parametrize("verdi,desimaler,trykt,avrundet", KANTER)
def test_avrunding_og_tekst(verdi, desimaler, trykt, avrundet):
    assert tall.avrund(verdi, desimaler) == avrundet
    assert tall.tekst(verdi, desimaler) == trykt
    assert tall.avrund(np.array([verdi]), desimaler)[0] == avrundet  # the same rule on arrays


MAL = handlingsregler.mal(grunnscenario().aar(2022))


@pytest.mark.parametrize("maltall,verdi,status,brutt", [
    # korrigert netto driftsresultat 2.0-2.5 %: 1.95 prints «2,0 %» and is within the band
    ("korrigert_netto_driftsresultat_pst", 1.95, handlingsregler.INNENFOR, False),
    ("korrigert_netto_driftsresultat_pst", 1.94, handlingsregler.UNDER, True),
    # 2.55 prints «2,6 %»: above the band, which is no break for this target
    ("korrigert_netto_driftsresultat_pst", 2.55, handlingsregler.OVER, False),
    # kapitalutgifter 8 %: 8.05 prints «8,1 %» and breaks the rule
    ("kapitalutgifter_pst", 8.05, handlingsregler.OVER, True),
    ("kapitalutgifter_pst", 8.04, handlingsregler.INNENFOR, False),
    # gjeldsgrad at most 70 %: 70.05 prints «70,1 %» and breaks it
    ("gjeldsgrad_pst", 70.05, handlingsregler.OVER, True),
    ("gjeldsgrad_pst", 70.04, handlingsregler.INNENFOR, False),
    # disposisjonsfond at least 5 %: 4.95 prints «5,0 %»
    ("disposisjonsfond_pst", 4.95, handlingsregler.INNENFOR, False),
])
def test_status_folger_det_tabellen_viser(maltall, verdi, status, brutt):
    m = MAL[maltall]
    assert m.status(verdi) == status
    assert bool(m.brutt(verdi)) is brutt
    # The status of the value as printed is the status of the value itself.
    vist = float(tall.tekst(verdi, 1).replace(",", ".").replace("\u2212", "-"))
    assert m.status(vist) == m.status(verdi)
    assert bool(m.brutt(vist)) is bool(m.brutt(verdi))
