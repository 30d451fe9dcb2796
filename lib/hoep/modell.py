"""The plan for one scenario: wires the scenario's assumptions and changes into the rule modules.

Thin by design (as Tax-Calculator's classes): each function takes a validated
:class:`~hoep.scenario.Scenario` and calls the rule module with plain values.
"""

from __future__ import annotations

import pandas as pd

from hoep import klima
from hoep.scenario import Scenario


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


def sykefravaersparametre(scen: Scenario, fravaer: float | None = None):
    """The sick-leave model's parameters under the scenario (kap. 38; ``sykefravaer_*``)."""
    from hoep.sykefravaer import Parametre

    return Parametre(
        arsverk=scen.verdi("sykefravaer_arsverk", 2021),
        lonnskostnad=scen.verdi("sykefravaer_lonnskostnad", 2021),
        fravaer=scen.verdi("sykefravaer_fravaer", 2021) if fravaer is None else fravaer,
        langtid_andel=scen.verdi("sykefravaer_langtid_andel", 2021),
        refusjonsgrad=scen.verdi("sykefravaer_refusjonsgrad", 2021),
        vikar_langtid=scen.verdi("sykefravaer_vikar_langtid", 2021),
        vikar_korttid=scen.verdi("sykefravaer_vikar_korttid", 2021),
    )
