"""hoep: Trondheim kommunes handlings- og økonomiplan 2022-2025 as data, rules and reports.

The package is layered one way (see DESIGN.md): ``hoep.data`` loads and validates the published
tables, rule modules (``prisbasis``, ``oppstillinger``, ``gjeld``, ``kontroller``) compute from
them, ``hoep.scenario`` reads scenario files, and ``hoep.rapporter``/``hoep.cli`` run notebooks.
"""

from hoep.feil import DataFeil, HoepFeil, ScenarioFeil

__all__ = ["DataFeil", "HoepFeil", "ScenarioFeil"]
__version__ = "0.1.0"
