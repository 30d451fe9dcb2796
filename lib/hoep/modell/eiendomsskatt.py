"""Property-tax revenue under a scenario (kap. 1.1.2, 10.2 and Budsjettskjema 1A).

The scenario's rates for each year (:func:`satser`, checked against eiendomsskatteloven § 13) and
the revenue what-if (:func:`proveny`), measured against the one base
(:func:`hoep.parametre.basis.grunnscenario`), so the base scenario's change is exactly 0.
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.feil import ScenarioFeil
from hoep.parametre import basis
from hoep.parametre.scenario import Scenario
from hoep.regler import eiendomsskatt as es
from hoep.regler import prisbasis


def satser(scen: Scenario, ar: int) -> es.Satser:
    """The scenario's rates for ``ar``, checked against eiendomsskatteloven § 13."""
    return es.satser(scen.aar(ar), str(scen.fil or scen.navn))


def proveny(scen: Scenario) -> pd.DataFrame:
    """Eiendomsskatt 2022-2025 under the scenario, mill. kr.

    Columns ``publisert`` (the budget's revenue), ``endring`` (the scenario's effect against the
    base scenario) and ``proveny`` = publisert + endring, all in løpende priser; the same three with
    suffix ``_2022kr`` in faste 2022-kroner, the price basis in which budsjettskjema 1A prints
    2022-2025 (810, 840, 870, 870: 780 in budget 2021 in 2022-kroner plus the council's real
    increase of 30 mill. a year 2022-2024, Tabell 8-2). Løpende = 2022-kroner · faktor(år),
    d = ``prisomregning_deflator``, chained year by year (:mod:`hoep.regler.prisbasis`).

    Method for ``endring`` (every input not in the document is marked ``var_antakelse``):

    1. Split the published revenue by type with fixed shares: bolig and fritid have the 2020 share
       (Tabell 10-4's 2 581 kr per innbygger × ``eiendomsskatt_innbyggere_2020`` over regnskap 2020,
       737 mill.); fritid is ``eiendomsskatt_andel_fritid`` of it; the rest is næring, with
       ``eiendomsskatt_andel_saerskilt`` of it on særskilt grunnlag.
    2. Næring and særskilt move in proportion to their rate.
    3. Bolig and fritid move with the ratio of the tax a distribution of boligverdier yields under
       the scenario's and the base's rate and bunnfradrag: ``eiendomsskatt_boenheter`` boenheter
       with lognormal values (spread ``eiendomsskatt_verdispredning``), the median calibrated so the
       base rules give the published bolig revenue of the year. A rate change alone is exactly
       proportional; a bunnfradrag change depends on the distribution.

    ``endring`` is measured against the one base (:func:`hoep.parametre.basis.grunnscenario`), so
    the base scenario's ``endring`` is exactly 0.
    """
    basis_ = basis.grunnscenario()
    pub = es.publisert()
    andel_bf = es.andel_bolig_og_fritid(float(scen.verdi("eiendomsskatt_innbyggere_2020", 2020)))
    andel_fritid = float(scen.verdi("eiendomsskatt_andel_fritid", 2020)) / 100
    andel_saerskilt = float(scen.verdi("eiendomsskatt_andel_saerskilt", 2020)) / 100
    rader = []
    for ar in data.PLANAR:
        ny, gammel = satser(scen, ar), satser(basis_, ar)
        bf = pub[ar] * andel_bf
        del_ = {"bolig": bf * (1 - andel_fritid), "fritid": bf * andel_fritid,
                "naering": (pub[ar] - bf) * (1 - andel_saerskilt),
                "saerskilt": (pub[ar] - bf) * andel_saerskilt}
        endring = 0.0
        for t in ("naering", "saerskilt"):
            if ny.promille[t] != gammel.promille[t]:
                endring += del_[t] * (ny.promille[t] / gammel.promille[t] - 1)
        if any(ny.promille[t] != gammel.promille[t] for t in es.MED_BUNNFRADRAG) or \
                ny.bunnfradrag != gammel.bunnfradrag or ny.reduksjonsfaktor != gammel.reduksjonsfaktor:
            endring += _bolig_endring(scen, ar, del_, ny, gammel)
        faktor = prisbasis.faktor(ar, lambda a: scen.verdi("prisomregning_deflator", a))
        rader.append({"ar": ar, "publisert": pub[ar] * faktor, "endring": endring * faktor,
                      "proveny": (pub[ar] + endring) * faktor, "publisert_2022kr": pub[ar],
                      "endring_2022kr": endring, "proveny_2022kr": pub[ar] + endring})
    return pd.DataFrame(rader).set_index("ar")


def _bolig_endring(scen: Scenario, ar: int, del_: dict[str, float], ny: es.Satser,
                   gammel: es.Satser) -> float:
    """Change in bolig and fritid revenue (mill. kr, 2022-kroner) from the value distribution."""
    boenheter = float(scen.verdi("eiendomsskatt_boenheter", ar))
    spredning = float(scen.verdi("eiendomsskatt_verdispredning", ar))
    if gammel.promille["bolig"] == 0:
        raise ScenarioFeil("grunnscenarioet har ingen skatt på bolig; endringen kan ikke beregnes.")
    median = es.kalibrert_median(del_["bolig"] * 1e6 / boenheter, gammel, spredning)
    endring = 0.0
    for t in es.MED_BUNNFRADRAG:
        for_ = es._grunnlag_per_boenhet(median, spredning, gammel.reduksjonsfaktor, gammel.bunnfradrag)
        etter = es._grunnlag_per_boenhet(median, spredning, ny.reduksjonsfaktor, ny.bunnfradrag)
        if gammel.promille[t] == 0:
            continue
        endring += del_[t] * (etter * ny.promille[t] / (for_ * gammel.promille[t]) - 1)
    return endring
