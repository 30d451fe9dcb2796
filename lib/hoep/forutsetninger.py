"""Assumptions (forutsetninger): dated values with unit and source, from ``data/forutsetninger.yaml``.

Like OpenFisca's parameters, a rule never writes a rate inside a formula: it asks for
``verdi("deflator", 2022)``. A value applies from its year until a later year gives a new one.
Scenarios override values by key (see :mod:`hoep.scenario`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hoep import data
from hoep.feil import DataFeil


@dataclass(frozen=True)
class Forutsetning:
    navn: str
    beskrivelse: str
    enhet: str
    kilde: str
    verdier: dict[int, object]
    var_antakelse: bool = False
    tillatt: tuple[float, float] | None = None
    hjemmel: str | None = None  # the legal basis of ``tillatt`` (law and section), shown in errors

    def verdi(self, ar: int) -> object:
        """The value in force in ``ar``: the latest dated value not after ``ar``."""
        gyldige = [a for a in self.verdier if a <= ar]
        if not gyldige:
            raise DataFeil(f"Forutsetningen «{self.navn}» har ingen verdi for {ar} "
                           f"(første år: {min(self.verdier)})")
        return self.verdier[max(gyldige)]


def fra_oppslag(navn: str, post: dict, fil: Path | str) -> Forutsetning:
    """Build and validate one assumption from its YAML mapping."""
    for nokkel in ("beskrivelse", "enhet", "kilde", "verdier"):
        if nokkel not in post:
            raise DataFeil(f"{fil}: forutsetningen «{navn}» mangler «{nokkel}»")
    verdier = post["verdier"]
    if not isinstance(verdier, dict) or not all(isinstance(a, int) for a in verdier):
        raise DataFeil(f"{fil}: «{navn}.verdier» må være et oppslag fra år (heltall) til verdi")
    tillatt = tuple(post["tillatt"]) if "tillatt" in post else None
    hjemmel = post.get("hjemmel")
    if hjemmel is not None and not isinstance(hjemmel, str):
        raise DataFeil(f"{fil}: «{navn}.hjemmel» må være tekst (lov og paragraf)")
    return Forutsetning(navn, post["beskrivelse"], post["enhet"], post["kilde"], dict(verdier),
                        bool(post.get("var_antakelse", False)), tillatt, hjemmel)


@cache
def _alle(mappe: Path) -> dict[str, Forutsetning]:
    fil = mappe / "forutsetninger.yaml"
    innhold = data.les_yaml(fil)
    if not isinstance(innhold, dict):
        raise DataFeil(f"{fil}: forventet et oppslag fra navn til forutsetning")
    return {navn: fra_oppslag(navn, post, fil) for navn, post in innhold.items()}


def alle() -> dict[str, Forutsetning]:
    """Every assumption of the base scenario, by key."""
    return dict(_alle(data.datamappe()))
