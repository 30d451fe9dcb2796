"""The one base: the document as proposed, built from ``data/`` alone.

The base scenario is ``data/forutsetninger.yaml`` without any override, no tiltak or project
changes, no climate changes and the default disposition. Everything that compares with "the base"
(the model's anchors, the property-tax what-if, the comparison page, the teaching panels and the
notebooks) uses :func:`grunnscenario`, never ``scenarios/basis.yaml``: that file is a scenario like
any other, so an override a user writes there shows up as a change against the base.
:func:`endrer_noe` tells whether a scenario changes anything at all.
"""

from __future__ import annotations

from hoep.data import mellomlager
from hoep.parametre import scenario as sc

NAVN = "basis"
BESKRIVELSE = "Kommunedirektørens forslag slik det er trykt (ingen endringer)"


@mellomlager.per_datamappe
def grunnscenario() -> sc.Scenario:
    """The base scenario, from ``data/forutsetninger.yaml`` and the tables (no scenario file read)."""
    return sc.fra_oppslag({"navn": NAVN, "beskrivelse": BESKRIVELSE}, "data/forutsetninger.yaml")


def endringer(scen: sc.Scenario) -> list[str]:
    """What ``scen`` changes against the base, by section (empty: it is the base)."""
    base = grunnscenario()
    ut = [f"forutsetninger.{navn}" for navn in sorted(scen.forutsetninger)
          if scen.forutsetninger[navn].verdier != base.forutsetninger[navn].verdier]
    if not scen.klima.tom:
        ut.append("klima")
    if not scen.budsjett.tom:
        ut.append("budsjett")
    if scen.disponering != base.disponering:
        ut.append("disponering")
    return ut


def endrer_noe(scen: sc.Scenario) -> bool:
    """Whether ``scen`` differs from the base in any assumption, change or disposition."""
    return bool(endringer(scen))
