"""The ``klima:`` section of a scenario: what it changes in the climate budget (kap. 7), validated.

The measures are those of Tabell 7-2 (:func:`tiltak`); a scenario may remove or scale them, add
its own, or replace the referansebane. Everything is checked before anything is computed; a fault
raises :class:`~hoep.feil.ScenarioFeil` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hoep import data
from hoep.feil import ScenarioFeil

TILTAK = "tabell_7_2_kvantifiserte_klimatiltak"
PLANAR = data.PLANAR
SISTE_AR = 2030


def _kol(ar: int) -> str:
    return f"ar_{ar}"


@dataclass(frozen=True)
class Klimatiltak:
    """One quantified measure of Tabell 7-2: its effect in tonnes CO2-ekv. per year."""

    id: str
    navn: str
    sektor: str
    ansvar: str
    effekt: dict[int, float]
    ny: bool = False


@dataclass(frozen=True)
class Klimaendringer:
    """What a scenario changes in the climate budget (validated by :func:`valider_endringer`)."""

    fjern: tuple[str, ...] = ()
    skaler: dict[str, float] = field(default_factory=dict)
    nye: tuple[Klimatiltak, ...] = ()
    referansebane: dict[int, float] = field(default_factory=dict)

    @property
    def tom(self) -> bool:
        return not (self.fjern or self.skaler or self.nye or self.referansebane)


def tiltak() -> list[Klimatiltak]:
    """The quantified measures of Tabell 7-2 (without the printed SUM row)."""
    t = data.tabell(TILTAK)
    return [Klimatiltak(rad_id, rad["rad"], rad["sektor"], rad["ansvar"],
                        {ar: float(rad[_kol(ar)]) for ar in PLANAR})
            for rad_id, rad in t.iterrows() if rad_id != "sum"]


def valider_endringer(innhold: object, fil: str = "<scenario>") -> Klimaendringer:
    """Validate a scenario's ``klima:`` section against Tabell 7-2; all or nothing.

    Keys: ``fjern_tiltak`` (list of ids such as ``t03``), ``skaler_tiltak`` (id → factor ≥ 0),
    ``nye_tiltak`` (list of {id, navn, sektor, ansvar, effekt: {år: tonn ≥ 0}}) and
    ``referansebane`` ({år 2022-2030: tonn > 0}).
    """
    if innhold is None:
        return Klimaendringer()
    tillatte = ("fjern_tiltak", "skaler_tiltak", "nye_tiltak", "referansebane")
    if not isinstance(innhold, dict):
        raise ScenarioFeil(f"{fil}: «klima» må være et oppslag med nøklene {', '.join(tillatte)}.")
    for nokkel in innhold:
        if nokkel not in tillatte:
            raise ScenarioFeil(f"{fil}: ukjent nøkkel «klima.{nokkel}». Tillatte: {', '.join(tillatte)}.")
    kjente = {t.id: t for t in tiltak()}
    sektorer = sorted({t.sektor for t in kjente.values()})

    def kjent_id(sti: str, tid: object) -> str:
        if not isinstance(tid, str) or tid not in kjente:
            raise ScenarioFeil(f"{fil}: «{sti}»: ukjent tiltak «{tid}». Tiltakene i Tabell 7-2 er "
                               f"{', '.join(kjente)}.")
        return tid

    def tonn(sti: str, verdi: object, minst: float = 0.0) -> float:
        if isinstance(verdi, bool) or not isinstance(verdi, int | float) or verdi < minst:
            raise ScenarioFeil(f"{fil}: «{sti}» må være et tall ≥ {minst:g} (tonn CO2-ekv.), fikk «{verdi}».")
        return float(verdi)

    def arstall(sti: str, ar: object, fra: int, til: int) -> int:
        if isinstance(ar, bool) or not isinstance(ar, int) or not fra <= ar <= til:
            raise ScenarioFeil(f"{fil}: «{sti}»: «{ar}» er ikke et år i {fra}-{til}.")
        return ar

    fjern = innhold.get("fjern_tiltak") or []
    if not isinstance(fjern, list):
        raise ScenarioFeil(f"{fil}: «klima.fjern_tiltak» må være en liste av tiltaks-id-er.")
    fjern = tuple(kjent_id("klima.fjern_tiltak", t) for t in fjern)

    skaler_inn = innhold.get("skaler_tiltak") or {}
    if not isinstance(skaler_inn, dict):
        raise ScenarioFeil(f"{fil}: «klima.skaler_tiltak» må være et oppslag fra tiltaks-id til faktor.")
    skaler = {kjent_id("klima.skaler_tiltak", t): tonn(f"klima.skaler_tiltak.{t}", f)
              for t, f in skaler_inn.items()}
    dobbelt = set(fjern) & set(skaler)
    if dobbelt:
        raise ScenarioFeil(f"{fil}: tiltak {', '.join(sorted(dobbelt))} er både fjernet og skalert.")

    nye = []
    nye_inn = innhold.get("nye_tiltak") or []
    if not isinstance(nye_inn, list):
        raise ScenarioFeil(f"{fil}: «klima.nye_tiltak» må være en liste av tiltak.")
    for nr, ny in enumerate(nye_inn, start=1):
        sti = f"klima.nye_tiltak[{nr}]"
        if not isinstance(ny, dict):
            raise ScenarioFeil(f"{fil}: «{sti}» må være et oppslag med id, navn, sektor, ansvar og effekt.")
        ukjente = set(ny) - {"id", "navn", "sektor", "ansvar", "effekt"}
        if ukjente:
            raise ScenarioFeil(f"{fil}: «{sti}» har ukjente nøkler {sorted(ukjente)}; tillatt: id, navn, "
                               "sektor, ansvar, effekt.")
        for nokkel in ("id", "navn", "sektor", "effekt"):
            if nokkel not in ny:
                raise ScenarioFeil(f"{fil}: «{sti}» mangler «{nokkel}».")
        tid = ny["id"]
        if not isinstance(tid, str) or tid in kjente or tid in {t.id for t in nye}:
            raise ScenarioFeil(f"{fil}: «{sti}.id» må være en ny, unik tekst-id (ikke {', '.join(kjente)}).")
        if ny["sektor"] not in sektorer:
            raise ScenarioFeil(f"{fil}: «{sti}.sektor» er «{ny['sektor']}»; tillatt: {', '.join(sektorer)}.")
        if not isinstance(ny["effekt"], dict) or not ny["effekt"]:
            raise ScenarioFeil(f"{fil}: «{sti}.effekt» må være et oppslag fra år til tonn CO2-ekv.")
        effekt = {arstall(f"{sti}.effekt", a, PLANAR[0], SISTE_AR): tonn(f"{sti}.effekt.{a}", v)
                  for a, v in ny["effekt"].items()}
        nye.append(Klimatiltak(tid, str(ny["navn"]), ny["sektor"], str(ny.get("ansvar", "")), effekt,
                               ny=True))

    ref_inn = innhold.get("referansebane") or {}
    if not isinstance(ref_inn, dict):
        raise ScenarioFeil(f"{fil}: «klima.referansebane» må være et oppslag fra år til tonn CO2-ekv.")
    ref = {arstall("klima.referansebane", a, PLANAR[0], SISTE_AR): tonn(f"klima.referansebane.{a}", v, 1.0)
           for a, v in ref_inn.items()}
    return Klimaendringer(fjern, skaler, tuple(nye), ref)
