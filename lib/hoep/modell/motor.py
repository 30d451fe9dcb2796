"""The whole budget for a scenario: every plan table of the document, computed (issue 14).

``tabell(scen, id)`` gives one table as the engine computes it for the scenario, in the published
table's shape (:class:`~hoep.modell.celler.Beregnet`); ``tabeller(scen)`` all of them; ``BEREGNES``
the ids it computes. Every table comes from the same :class:`~hoep.modell.budsjett.Budsjett`.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from hoep import data
from hoep.data import mellomlager
from hoep.feil import DataFeil
from hoep.modell import budsjett as _budsjett
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import Beregnet
from hoep.modell.tabeller import BYGGERE, hent
from hoep.parametre import scenario as sc
from hoep.parametre.scenario import Scenario

BEREGNES = frozenset(BYGGERE)


def budsjett(scen: Scenario) -> Budsjett:
    """The budget's one representation for ``scen``. The last few are kept (per data folder): a
    report or a command that asks for the same scenario again gets the same budget, its tables
    already built."""
    nokkel = (str(data.datamappe()), json.dumps(sc.som_oppslag(scen), sort_keys=True, ensure_ascii=False,
                                                default=str))
    if nokkel in _NYLIGE:
        _NYLIGE.move_to_end(nokkel)
        return _NYLIGE[nokkel]
    b = _NYLIGE[nokkel] = _budsjett.lag(scen)
    while len(_NYLIGE) > 8:
        _NYLIGE.popitem(last=False)
    return b


_NYLIGE: OrderedDict = OrderedDict()
mellomlager.registrer(_NYLIGE.clear)


def beregnes(tabell_id: str) -> bool:
    """Whether the engine computes ``tabell_id`` for a scenario (else it is an input or historical table)."""
    return tabell_id in BYGGERE


def tabell(b: Budsjett | Scenario, tabell_id: str) -> Beregnet:
    """Table ``tabell_id`` computed for a budget (or a scenario)."""
    data.info(tabell_id)  # unknown ids get the catalogue's Norwegian error
    if tabell_id not in BYGGERE:
        raise DataFeil(f"Tabell «{tabell_id}» regnes ikke ut av budsjettmotoren; den er inndata eller "
                       "historisk. Se «hoep tabeller --format json» (feltet «beregnes»).")
    return hent(b if isinstance(b, Budsjett) else budsjett(b), tabell_id)


def tabeller(b: Budsjett | Scenario) -> dict[str, Beregnet]:
    """Every computed table for a budget (or a scenario), by id, in catalogue order."""
    b = b if isinstance(b, Budsjett) else budsjett(b)
    rekkefolge = [t for t in data.katalog()["id"] if t in BYGGERE]
    return {t: hent(b, t) for t in rekkefolge}
