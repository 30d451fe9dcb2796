"""Klimabudsjett (kap. 7): the emission frame in tonnes of CO2-ekvivalenter.

Rules (Tabell 7-1 and the text of kap. 7.7):

- referansebane: emissions without new measures (2009 and 2019 historical, 2022-2025 projected);
- tiltaksbane = referansebane − samlet effekt of the quantified measures of Tabell 7-2;
- målbane: an annual ceiling from the council's targets, −30 % in 2023 and −80 % in 2030
  relative to 2009 (``klimamal_2023``, ``klimamal_2030`` in ``data/forutsetninger.yaml``);
- gap = tiltaksbane − målbane; every percentage is relative to 2009, rounded half away from zero.

The published målbane is not one straight line between the targets. Its 2022 value lies on the
line from the 2019 emissions to the 2023 target, and 2024-2025 fall by about 21 350 tonnes a year,
less steeply than a line to the 2030 target. :func:`malbane_linear` implements the method we can
justify (straight lines 2019 → 2023 target → 2030 target); the frame itself uses the published
path as data for 2022-2025 (it is what the council adopts), continues it linearly from 2025 to the
2030 target, and :func:`utslippsramme` shows both side by side.

After 2025 the document has no projection: the referansebane grows by
``klima_referansebane_vekst_etter_2025`` (our assumption, 0 %: flat), and the measures keep their
2025 effect.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from hoep import data, prisbasis
from hoep.feil import ScenarioFeil

RAMME = "tabell_7_1_utslippsramme"
TILTAK = "tabell_7_2_kvantifiserte_klimatiltak"
BASISAR = 2009
HISTORISK_AR = 2019
PLANAR = prisbasis.PLANAR
SISTE_AR = 2030


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


def avrund(x: float) -> int:
    """Round half away from zero, as the document's percentages are rounded."""
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def prosent_mot_2009(utslipp: float, utslipp_2009: float) -> int:
    """Change from 2009 in whole percent: round((utslipp / utslipp_2009 − 1) · 100)."""
    return avrund((utslipp / utslipp_2009 - 1) * 100)


def _kol(ar: int) -> str:
    return f"ar_{ar}"


def referansebane() -> dict[int, float]:
    """The published referansebane (Tabell 7-1): 2009, 2019 and 2022-2025, tonnes CO2-ekv."""
    t = data.tabell(RAMME)
    return {f["ar"]: float(t.at["referansebane", f["name"]])
            for f in data.info(RAMME).felt if f["type"] == "number"}


def publisert_malbane() -> dict[int, float]:
    """The published målbane for 2022-2025 (Tabell 7-1), kept as data."""
    t = data.tabell(RAMME)
    return {ar: float(t.at["malbane", _kol(ar)]) for ar in PLANAR}


def tiltak() -> list[Klimatiltak]:
    """The quantified measures of Tabell 7-2 (without the printed SUM row)."""
    t = data.tabell(TILTAK)
    return [Klimatiltak(rad_id, rad["rad"], rad["sektor"], rad["ansvar"],
                        {ar: float(rad[_kol(ar)]) for ar in PLANAR})
            for rad_id, rad in t.iterrows() if rad_id != "sum"]


def malbane_linear(ar: int, utslipp_2009: float, utslipp_2019: float, kutt_2023: float,
                   kutt_2030: float) -> float:
    """Straight lines from 2019's emissions to the 2023 target and on to the 2030 target."""
    punkter = [(HISTORISK_AR, utslipp_2019), (2023, utslipp_2009 * (1 - kutt_2023 / 100)),
               (2030, utslipp_2009 * (1 - kutt_2030 / 100))]
    for (a0, v0), (a1, v1) in zip(punkter, punkter[1:], strict=False):
        if a0 <= ar <= a1:
            return v0 + (v1 - v0) * (ar - a0) / (a1 - a0)
    raise ValueError(f"målbanen er definert for {HISTORISK_AR}-2030, ikke {ar}")


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


def anvend(tiltaksliste: list[Klimatiltak], endringer: Klimaendringer) -> list[Klimatiltak]:
    """The measures after a scenario: removed ones dropped, scaled ones scaled, new ones added."""
    ut = []
    for t in tiltaksliste:
        if t.id in endringer.fjern:
            continue
        faktor = endringer.skaler.get(t.id, 1.0)
        ut.append(replace(t, effekt={a: v * faktor for a, v in t.effekt.items()}))
    return ut + list(endringer.nye)


def effekt(t: Klimatiltak, ar: int) -> float:
    """A measure's effect in ``ar``; after its last given year it keeps that year's effect."""
    tidligere = [a for a in t.effekt if a <= ar]
    return t.effekt[max(tidligere)] if tidligere else 0.0


def utslippsramme(endringer: Klimaendringer | None = None, kutt_2023: float = 30.0,
                  kutt_2030: float = 80.0, vekst_etter_2025: float = 0.0) -> pd.DataFrame:
    """The emission frame per year 2022-2030 (tonnes CO2-ekv.), optionally under a scenario.

    Columns: referansebane, samlet_effekt, tiltaksbane, malbane (the frame: published 2022-2025,
    then linear to the 2030 target), malbane_linear (our method), gap, and the percentages vs 2009
    (``*_pst``). ``publisert`` marks the plan years where the published målbane is used.
    """
    endringer = endringer or Klimaendringer()
    ref_data = referansebane()
    utslipp_2009, utslipp_2019 = ref_data[BASISAR], ref_data[HISTORISK_AR]
    tiltaksliste = anvend(tiltak(), endringer)
    publisert = publisert_malbane()
    mal_2030 = utslipp_2009 * (1 - kutt_2030 / 100)
    rader = []
    ref = None
    for ar in range(PLANAR[0], SISTE_AR + 1):
        if ar in endringer.referansebane:
            ref = endringer.referansebane[ar]
        elif ar in ref_data:
            ref = ref_data[ar]
        else:
            ref = ref * (1 + vekst_etter_2025 / 100)
        samlet = sum(effekt(t, ar) for t in tiltaksliste)
        if ar in publisert:
            mal = publisert[ar]
        else:
            siste = PLANAR[-1]
            mal = publisert[siste] + (mal_2030 - publisert[siste]) * (ar - siste) / (SISTE_AR - siste)
        rader.append({
            "ar": ar,
            "referansebane": ref,
            "samlet_effekt": samlet,
            "tiltaksbane": ref - samlet,
            "malbane": mal,
            "malbane_linear": malbane_linear(ar, utslipp_2009, utslipp_2019, kutt_2023, kutt_2030),
            "publisert": ar in publisert,
        })
    df = pd.DataFrame(rader).set_index("ar")
    df["gap"] = df["tiltaksbane"] - df["malbane"]
    for kol in ("referansebane", "tiltaksbane", "malbane", "malbane_linear"):
        df[f"{kol}_pst"] = [prosent_mot_2009(v, utslipp_2009) for v in df[kol]]
    return df


def malstatus(ramme: pd.DataFrame, kutt_2023: float = 30.0, kutt_2030: float = 80.0) -> pd.DataFrame:
    """Whether the tiltaksbane reaches the council's targets in 2023 and 2030."""
    utslipp_2009 = referansebane()[BASISAR]
    rader = []
    for ar, kutt in ((2023, kutt_2023), (2030, kutt_2030)):
        tak = utslipp_2009 * (1 - kutt / 100)
        rader.append({"ar": ar, "mal_pst": -kutt, "tiltaksbane_pst": ramme.at[ar, "tiltaksbane_pst"],
                      "utslippstak": tak, "tiltaksbane": ramme.at[ar, "tiltaksbane"],
                      "mangler": ramme.at[ar, "tiltaksbane"] - tak,
                      "nadd": bool(ramme.at[ar, "tiltaksbane"] <= tak)})
    return pd.DataFrame(rader).set_index("ar")


def effekt_per(felt: str, endringer: Klimaendringer | None = None) -> pd.DataFrame:
    """Effect of the measures per year grouped by ``sektor`` or ``ansvar`` (tonnes CO2-ekv.)."""
    tiltaksliste = anvend(tiltak(), endringer or Klimaendringer())
    rader = [{felt: getattr(t, felt), "ar": ar, "effekt": effekt(t, ar)}
             for t in tiltaksliste for ar in PLANAR]
    return pd.DataFrame(rader).pivot_table(index="ar", columns=felt, values="effekt", aggfunc="sum")
