"""Scenarios: a small YAML file of overrides, validated whole before anything is computed.

A scenario names what it changes and nothing else::

    navn: deflator_3            # folder name of its reports: a-z, 0-9, _ and -
    beskrivelse: Høyere lønns- og prisvekst
    forutsetninger:
      deflator: 3.0             # from the first year on
      lonnsvekst: {2022: 3.5, 2023: 3.0}
    klima:                      # the climate budget (see hoep.klimaendringer.valider_endringer)
      fjern_tiltak: [t03]
      skaler_tiltak: {t10: 0.5}
    tiltak:                     # the areas' tiltak (see hoep.endringer)
      fjern: [skole/t10]
    investeringer:              # investment projects (see hoep.endringer)
      utsett: {skole/p04: 1}
    disponering: disposisjonsfond   # where a change of the result goes (see DISPONERINGER)

Every key is checked against ``data/forutsetninger.yaml``: unknown keys, wrong types and values
outside the allowed range give a :class:`ScenarioFeil` naming the file and the key, and nothing
is applied ("no partial reform", as in OpenFisca).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from hoep import data, tall
from hoep.feil import ScenarioFeil
from hoep.parametre import budsjettendringer, klimaendringer
from hoep.parametre import forutsetninger as fs

TOPPNOKLER = ("navn", "beskrivelse", "forutsetninger", "klima", "tiltak", "investeringer", "disponering")
# Where a change of netto driftsresultat goes (kommuneloven § 14-4 fjerde ledd: the budget must
# balance): to the disposisjonsfond, to the investments (less borrowing), or nowhere, which
# leaves the budget out of balance and says so.
DISPONERINGER = {
    "disposisjonsfond": "avsetning til eller bruk av disposisjonsfondet",
    "investering": "overføring til investering (mindre låneopptak)",
    "udekket": "ingen disponering: budsjettet viser mer- eller mindreforbruket",
}
PLANPERIODE = (data.PLANAR[0], data.PLANAR[-1])
_NAVN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def standardfil() -> Path:
    """The base scenario, ``scenarios/basis.yaml``: the document as proposed."""
    return data.prosjektrot() / "scenarios" / "basis.yaml"


@dataclass(frozen=True)
class Scenario:
    navn: str
    beskrivelse: str
    fil: Path | None
    forutsetninger: dict[str, fs.Forutsetning]
    overstyringer: dict[str, dict[int, float]] = field(default_factory=dict)
    klima: klimaendringer.Klimaendringer = field(default_factory=klimaendringer.Klimaendringer)
    budsjett: budsjettendringer.Budsjettendringer = field(default_factory=budsjettendringer.Budsjettendringer)
    disponering: str = "disposisjonsfond"

    def verdi(self, navn: str, ar: int) -> object:
        """The assumption ``navn`` in year ``ar`` under this scenario."""
        if navn not in self.forutsetninger:
            raise ScenarioFeil(f"Ukjent forutsetning «{navn}». Kjente: {', '.join(self.forutsetninger)}")
        return self.forutsetninger[navn].verdi(ar)

    def aar(self, ar: int) -> fs.Aarsverdier:
        """The scenario's assumptions in force in ``ar``: what the rules receive."""
        return fs.Aarsverdier(self.forutsetninger, ar)


def _ar(ar: tuple[int, ...]) -> str:
    """Years as «2022-2025», «2021 og 2022» or «2023»."""
    if len(ar) > 2 and list(ar) == list(range(ar[0], ar[-1] + 1)):
        return f"{ar[0]}-{ar[-1]}"
    return " og ".join([", ".join(map(str, ar[:-1])), str(ar[-1])]) if len(ar) > 1 else str(ar[0])


def _g(x: float) -> str:
    """A number as short as it can be written, Norwegian style: 28.1936 → «28,1936», 4.0 → «4»."""
    return f"{x:g}".replace(".", ",").replace("-", tall.MINUS)


def _tall(verdi: object) -> bool:
    return isinstance(verdi, int | float) and not isinstance(verdi, bool)


def _overstyring(fil: str, navn: str, verdi: object, base: fs.Forutsetning) -> dict[int, float]:
    if base.tillatt is None:
        raise ScenarioFeil(f"{fil}: forutsetningen «{navn}» kan ikke overstyres i et scenario.")
    # One value without a year holds for every year: it replaces each of the base's dated values.
    verdier = verdi if isinstance(verdi, dict) else dict.fromkeys(base.verdier, verdi)
    ut: dict[int, float] = {}
    lav, hoy = base.tillatt
    # A value counts from its year on, so it must come before or in the last year the library reads
    # the assumption for (``brukes``); a later one would change nothing.
    fra, til = min(min(base.verdier), base.brukes[0]), base.brukes[-1]
    for ar, v in verdier.items():
        if isinstance(ar, bool) or not isinstance(ar, int) or not fra <= ar <= til:
            hvor = f"{fra}-{til}" if fra < til else str(til)
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}»: «{ar}» er ikke et år i {hvor}; "
                               f"forutsetningen brukes for {_ar(base.brukes)}.")
        if not _tall(v):
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}» ({ar}) må være et tall "
                               f"i {base.enhet}, fikk «{v}» ({type(v).__name__}).")
        if not lav <= v <= hoy:
            hjemmel = f" Hjemmel: {base.hjemmel}." if base.hjemmel else ""
            raise ScenarioFeil(f"{fil}: «forutsetninger.{navn}» ({ar}) = {_g(v)} er utenfor det "
                               f"tillatte området {_g(lav)}–{_g(hoy)} {base.enhet}.{hjemmel}")
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
    nye_verdier = innhold.get("forutsetninger") or {}
    if not isinstance(nye_verdier, dict):
        raise ScenarioFeil(f"{fil}: «forutsetninger» må være et oppslag fra navn til verdi.")
    overstyringer: dict[str, dict[int, float]] = {}
    for nokkel, verdi in nye_verdier.items():
        if nokkel not in base:
            raise ScenarioFeil(f"{fil}: ukjent forutsetning «forutsetninger.{nokkel}». "
                               f"Tillatte: {', '.join(k for k, f in base.items() if f.tillatt)}.")
        overstyringer[nokkel] = _overstyring(fil, nokkel, verdi, base[nokkel])
    klima = klimaendringer.valider_endringer(innhold.get("klima"), fil)
    budsjett = budsjettendringer.valider(innhold.get("tiltak"), innhold.get("investeringer"), fil)
    disponering = innhold.get("disponering", "disposisjonsfond")
    if disponering not in DISPONERINGER:
        raise ScenarioFeil(f"{fil}: «disponering» må være en av "
                           f"{', '.join(DISPONERINGER)}, fikk «{disponering}».")
    # Only now, with everything valid, build the scenario's assumptions.
    nye = dict(base)
    for nokkel, verdier in overstyringer.items():
        nye[nokkel] = replace(base[nokkel], verdier={**base[nokkel].verdier, **verdier})
    return Scenario(navn, beskrivelse.strip(), None, nye, overstyringer, klima, budsjett, disponering)


def som_oppslag(scen: Scenario) -> dict:
    """The dict a scenario file for ``scen`` would hold: what it changes and nothing else.

    ``fra_oppslag(som_oppslag(scen))`` gives the same assumptions and changes; teaching panels
    start from it and add the learner's choices.
    """
    ut: dict = {"navn": scen.navn}
    if scen.beskrivelse:
        ut["beskrivelse"] = scen.beskrivelse
    if scen.overstyringer:
        ut["forutsetninger"] = {k: dict(v) for k, v in scen.overstyringer.items()}
    k = scen.klima
    kl = {"fjern_tiltak": list(k.fjern), "skaler_tiltak": dict(k.skaler),
          "nye_tiltak": [{"id": t.id, "navn": t.navn, "sektor": t.sektor, "ansvar": t.ansvar,
                          "effekt": dict(t.effekt)} for t in k.nye],
          "referansebane": dict(k.referansebane)}
    b = scen.budsjett
    tiltak = {"fjern": list(b.fjern_tiltak), "skaler": dict(b.skaler_tiltak),
              "nye": [{"omrade": n.omrade, "navn": n.navn, "belop": dict(n.belop)} for n in b.nye_tiltak]}
    inv = {"utsett": dict(b.utsett), "kutt": list(b.kutt), "skaler": dict(b.skaler_prosjekter),
           "nye": [{"gruppe": n.gruppe, "navn": n.navn, "belop": dict(n.belop),
                    **({"finansiering": dict(n.finansiering)} if n.finansiering else {})}
                   for n in b.nye_prosjekter]}
    for nokkel, seksjon in (("klima", kl), ("tiltak", tiltak), ("investeringer", inv)):
        seksjon = {n: v for n, v in seksjon.items() if v}
        if seksjon:
            ut[nokkel] = seksjon
    if scen.disponering != "disposisjonsfond":
        ut["disponering"] = scen.disponering
    return ut


def beskriv_endringer(scen: Scenario) -> list[str]:
    """What a scenario changes, in plain Norwegian, one line per change (empty for the base)."""
    linjer = []
    for navn, verdier in sorted(scen.overstyringer.items()):
        f = scen.forutsetninger[navn]
        linjer.append(f"{f.beskrivelse.split('.')[0].strip()} ({navn}): " + ", ".join(
            f"fra {ar} {tall.tekst(v, 2)} {f.enhet}" for ar, v in sorted(verdier.items())))
    k = scen.klima
    if k.fjern:
        linjer.append("Klimabudsjettet: fjerner tiltak " + ", ".join(k.fjern) + ".")
    for tid, faktor in k.skaler.items():
        linjer.append(f"Klimabudsjettet: skalerer tiltak {tid} med {tall.tekst(faktor, 2)}.")
    for t in k.nye:
        linjer.append(f"Klimabudsjettet: nytt tiltak {t.id} ({t.sektor}).")
    for ar, v in sorted(k.referansebane.items()):
        linjer.append(f"Klimabudsjettet: referansebanen {ar} er {tall.tekst(v)} tonn.")
    linjer += budsjettendringer.beskrivelser(scen.budsjett)
    if scen.disponering != "disposisjonsfond":
        linjer.append(f"Endringer i resultatet disponeres slik: {DISPONERINGER[scen.disponering]}.")
    return linjer


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
