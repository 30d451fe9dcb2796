"""Assumptions (forutsetninger): dated values with unit and source, from ``data/forutsetninger.yaml``.

Like OpenFisca's parameters, a rule never writes a rate inside a formula. A value applies from its
year until a later year gives a new one. Rules receive the assumptions of one year as an
:class:`Aarsverdier` (``p.barnehage_maksimalpris``), never a scenario. Scenarios override values by
key (see :mod:`hoep.parametre.scenario`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hoep import data
from hoep.data import mellomlager
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
    brukes: tuple[int, ...] = data.PLANAR  # the years the library reads this assumption for

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
    brukes = post.get("brukes", list(data.PLANAR))
    if not isinstance(brukes, list) or not brukes or not all(isinstance(a, int) for a in brukes):
        raise DataFeil(f"{fil}: «{navn}.brukes» må være en liste av år (heltall)")
    return Forutsetning(navn, post["beskrivelse"], post["enhet"], post["kilde"], dict(verdier),
                        bool(post.get("var_antakelse", False)), tillatt, hjemmel, tuple(sorted(brukes)))


@mellomlager.husk
def _alle(mappe: Path) -> dict[str, Forutsetning]:
    fil = mappe / "forutsetninger.yaml"
    innhold = data.les_yaml(fil)
    if not isinstance(innhold, dict):
        raise DataFeil(f"{fil}: forventet et oppslag fra navn til forutsetning")
    return {navn: fra_oppslag(navn, post, fil) for navn, post in innhold.items()}


def alle() -> dict[str, Forutsetning]:
    """Every assumption of the base scenario, by key."""
    return dict(_alle(data.datamappe()))


class Aarsverdier:
    """The assumptions in force in one year: the small per-year parameter object a rule receives.

    ``p.navn`` or ``p["navn"]`` is the value in force in ``p.ar``; ``p.satt_for("navn")`` tells
    whether the value is dated in exactly this year (e.g. a fee a scenario sets for 2022, not one
    carried over from 2021); ``p.forrige`` is the year before.
    """

    __slots__ = ("_forutsetninger", "ar")

    def __init__(self, forutsetninger: Mapping[str, Forutsetning], ar: int):
        object.__setattr__(self, "_forutsetninger", forutsetninger)
        object.__setattr__(self, "ar", int(ar))

    def __setattr__(self, navn: str, verdi: object) -> None:
        raise AttributeError("Aarsverdier kan ikke endres")

    def __getitem__(self, navn: str) -> object:
        if navn not in self._forutsetninger:
            raise DataFeil(f"Ukjent forutsetning «{navn}». Kjente: {', '.join(self._forutsetninger)}")
        return self._forutsetninger[navn].verdi(self.ar)

    def __getattr__(self, navn: str) -> object:
        if navn.startswith("_"):
            raise AttributeError(navn)
        return self[navn]

    def satt_for(self, navn: str) -> bool:
        """Whether ``navn`` has a value dated in exactly this year."""
        return self.ar in self._forutsetninger[navn].verdier

    @property
    def forrige(self) -> Aarsverdier:
        return Aarsverdier(self._forutsetninger, self.ar - 1)

    def __repr__(self) -> str:
        return f"Aarsverdier({self.ar})"

