"""The sick-leave model (kap. 38) under a scenario: its parameters from the scenario's assumptions."""

from __future__ import annotations

from hoep.parametre.scenario import Scenario
from hoep.regler.sykefravaer import Parametre


def sykefravaersparametre(scen: Scenario, fravaer: float | None = None):
    """The sick-leave model's parameters under the scenario (kap. 38; ``sykefravaer_*``)."""
    return Parametre(
        arsverk=scen.verdi("sykefravaer_arsverk", 2021),
        lonnskostnad=scen.verdi("sykefravaer_lonnskostnad", 2021),
        fravaer=scen.verdi("sykefravaer_fravaer", 2021) if fravaer is None else fravaer,
        langtid_andel=scen.verdi("sykefravaer_langtid_andel", 2021),
        refusjonsgrad=scen.verdi("sykefravaer_refusjonsgrad", 2021),
        vikar_langtid=scen.verdi("sykefravaer_vikar_langtid", 2021),
        vikar_korttid=scen.verdi("sykefravaer_vikar_korttid", 2021),
    )
