"""The climate budget (kap. 7) under a scenario: the emission frame and whether the targets are met."""

from __future__ import annotations

import pandas as pd

from hoep.parametre.scenario import Scenario
from hoep.regler import klima


def klimaramme(scen: Scenario) -> pd.DataFrame:
    """The emission frame 2022-2030 under the scenario (see :func:`hoep.klima.utslippsramme`)."""
    return klima.utslippsramme(
        scen.klima,
        kutt_2023=scen.verdi("klimamal_2023", 2023),
        kutt_2030=scen.verdi("klimamal_2030", 2030),
        vekst_etter_2025=scen.verdi("klima_referansebane_vekst_etter_2025", 2026),
    )


def klimamalstatus(scen: Scenario) -> pd.DataFrame:
    """Whether the scenario's tiltaksbane reaches the 2023 and 2030 targets."""
    return klima.malstatus(klimaramme(scen), scen.verdi("klimamal_2023", 2023),
                           scen.verdi("klimamal_2030", 2030))
