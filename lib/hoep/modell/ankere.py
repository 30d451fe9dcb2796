"""Anchors: what the base scenario needs from published figures the model cannot derive.

Computed once from the base scenario and the published figures; see :class:`Ankere`.
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.data import mellomlager
from hoep.modell.grunnlag import _basis, _rad, _teksttall, grunnlag
from hoep.modell.kjerne import Ankere, regn
from hoep.regler import handlingsregler, renter

AR = data.PLANAR


@mellomlager.per_datamappe
def ankere() -> Ankere:
    """The anchors, computed once from the base scenario and the published figures."""
    g = grunnlag(_basis())
    null = np.zeros(len(AR))
    rå = regn(g, null, Ankere.null())
    publisert_inv = _rad("tabell_8_21_rentekostnader", "renteutgifter_investeringslan")
    residual = publisert_inv - rå["renteutgifter_investeringslan"]
    dekning = sum(andel for k, andel in g.rentedekning.items() if k != renter.BYGGELAN)
    rentekomp = g.rentedekning[renter.RENTEKOMPENSASJON] * publisert_inv
    rå = regn(g, null, Ankere(residual, null, rå["frie_inntekter"], 0.0, null, null, null, 1.0, 1.0, 0.0,
                              dekning * publisert_inv, rentekomp))
    di = g.driftsinntekter
    kndr_korr = handlingsregler.implisitt_teller(_teksttall("korrigert_netto_driftsresultat_pst"), di[0]) \
        - (rå["netto_driftsresultat"][0] - rå["bundne_fond"][0])
    kap = np.array([_teksttall("kapitalutgifter_pst", a) for a in AR])
    kapital = handlingsregler.implisitt_teller(kap, rå["sum_frie_disponible_inntekter"])
    # Opening bykassefinansiert debt such that the roll-forward gives the published 74 % in 2022.
    b22 = handlingsregler.implisitt_teller(_teksttall("gjeldsgrad_pst"), di[0] * g.faktor[0])
    avdrag_22 = rå["minimumsavdrag"][0] + g.ovrige_avdrag[0]
    bykasse_ib = (b22 - g.bykassefinansierte_lan[0]) / (1 - avdrag_22 / g.ib_2022)
    nevner = g.disposisjonsfond_ub_2022 / (_teksttall("disposisjonsfond_pst") / 100 * di[0] * g.faktor[0])
    return Ankere(residual, rå["netto_driftsresultat"], rå["frie_inntekter"], float(kndr_korr), kapital,
                  rå["renter_finansiert_av_bykassen"], rå["avdrag"], float(bykasse_ib), float(nevner),
                  float(rå["disposisjonsfond_avsetning"][0]), dekning * publisert_inv, rentekomp)
