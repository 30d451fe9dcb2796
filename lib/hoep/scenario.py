"""Scenarios: a small YAML file of overrides, validated whole before anything is computed.

A scenario names what it changes and nothing else::

    navn: deflator_3            # folder name of its reports: a-z, 0-9, _ and -
    beskrivelse: Høyere lønns- og prisvekst
    forutsetninger:
      deflator: 3.0             # from the first year on
      lonnsvekst: {2022: 3.5, 2023: 3.0}
    klima:                      # the climate budget (see hoep.klima.valider_endringer)
      fjern_tiltak: [t03]
      skaler_tiltak: {t10: 0.5}

Every key is checked against ``data/forutsetninger.yaml``: unknown keys, wrong types and values
outside the allowed range give a :class:`ScenarioFeil` naming the file and the key, and nothing
is applied ("no partial reform", as in OpenFisca).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from hoep import forutsetninger as fs
from hoep import klima
from hoep.feil import ScenarioFeil

TOPPNOKLER = ("navn", "beskrivelse", "forutsetninger", "klima")
_NAVN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def prosjektrot() -> Path:
    return Path(__file__).resolve().parents[2]


def standardfil() -> Path:
    """The base scenario, ``scenarios/basis.yaml``: the document as proposed."""
    return prosjektrot() / "scenarios" / "basis.yaml"


@dataclass(frozen=True)
class Scenario:
    navn: str
    beskrivelse: str
    fil: Path | None
    forutsetninger: dict[str, fs.Forutsetning]
    overstyringer: dict[str, dict[int, float]] = field(default_factory=dict)
    klima: klima.Klimaendringer = field(default_factory=klima.Klimaendringer)

    def verdi(self, navn: str, ar: int) -> object:
        """The assumption ``navn`` in year ``ar`` under this scenario."""
        if navn not in self.forutsetninger:
            raise ScenarioFeil(f"Ukjent forutsetning «{navn}». Kjente: {', '.join(self.forutsetninger)}")
        return self.forutsetninger[navn].verdi(ar)


def _tall(verdi: object) -> bool:
    return isinstance(verdi, int | float) and not isinstance(verdi, bool)


def _overstyring(fil: str, navn: str, verdi: object, base: fs.Forutsetning) -> dict[int, float]:
    if base.tillatt is None:
        raise ScenarioFeil(f"{fil}: forutsetningen «{navn}» kan ikke overstyres i et scenario.")
    forste = min(base.verdier)
    verdier = verdi if isinstance(verdi, dict) else {forste: verdi}
    ut: dict[int, float] = {}
    lav, hoy = base.tillatt
    for ar, v in verdier.items():
        if not isinstance(ar, int) or not 2000 <= ar <= 2100:
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}»: «{ar}» er ikke et årstall.")
        if not _tall(v):
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}» ({ar}) må være et tall "
                               f"i {base.enhet}, fikk «{v}» ({type(v).__name__}).")
        if not lav <= v <= hoy:
            hjemmel = f" Hjemmel: {base.hjemmel}." if base.hjemmel else ""
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}» ({ar}) = {v} er utenfor det "
                               f"tillatte området {lav}–{hoy} {base.enhet}.{hjemmel}")
        ut[ar] = float(v)
    return ut


def fra_oppslag(innhold: object, fil: str = "<scenario>") -> Scenario:
    """Validate a parsed scenario and apply it to the base assumptions (all or nothing)."""
    if not isinstance(innhold, dict):
        raise ScenarioFeil(f"{fil}: et scenario må være et YAML-oppslag med nøklene "
                           f"{', '.join(TOPPNOKLER)}.")
    ukjente = [k for k in innhold if k not in TOPPNOKLER]
    if ukjente:
        raise ScenarioFeil(f"{fil}: ukjent nøkkel «{ukjente[0]}». Tillatte nøkler: "
                           f"{', '.join(TOPPNOKLER)}.")
    navn = innhold.get("navn")
    if not isinstance(navn, str) or not _NAVN.match(navn):
        raise ScenarioFeil(f"{fil}: «navn» må være tekst med små bokstaver a-z, sifre, _ og - "
                           f"(brukes som mappenavn under reports/), fikk «{navn}».")
    beskrivelse = innhold.get("beskrivelse", "")
    if not isinstance(beskrivelse, str):
        raise ScenarioFeil(f"{fil}: «beskrivelse» må være tekst.")
    base = fs.alle()
    endringer = innhold.get("forutsetninger") or {}
    if not isinstance(endringer, dict):
        raise ScenarioFeil(f"{fil}: «forutsetninger» må være et oppslag fra navn til verdi.")
    overstyringer: dict[str, dict[int, float]] = {}
    for nokkel, verdi in endringer.items():
        if nokkel not in base:
            raise ScenarioFeil(f"{fil}: ukjent forutsetning «forutsetninger.{nokkel}». "
                               f"Tillatte: {', '.join(k for k, f in base.items() if f.tillatt)}.")
        overstyringer[nokkel] = _overstyring(fil, nokkel, verdi, base[nokkel])
    klimaendringer = klima.valider_endringer(innhold.get("klima"), fil)
    # Only now, with everything valid, build the scenario's assumptions.
    nye = dict(base)
    for nokkel, verdier in overstyringer.items():
        nye[nokkel] = replace(base[nokkel], verdier={**base[nokkel].verdier, **verdier})
    return Scenario(navn, beskrivelse.strip(), None, nye, overstyringer, klimaendringer)


def les(sti: Path | str | None = None) -> Scenario:
    """Read and validate a scenario file (default: the base scenario)."""
    fil = Path(sti) if sti else standardfil()
    if not fil.is_file():
        raise ScenarioFeil(f"{fil}: scenariofilen finnes ikke.")
    try:
        innhold = yaml.safe_load(fil.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ScenarioFeil(f"{fil}: ugyldig YAML: {e}") from e
    return replace(fra_oppslag(innhold, str(fil)), fil=fil)


def basis() -> Scenario:
    return les(standardfil())
