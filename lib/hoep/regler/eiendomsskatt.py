"""Eiendomsskatt (kap. 1.1.2 and 10.2): the tax on one property, and the revenue what-if.

Rules for 2022 (rates and bunnfradrag from ``data/forutsetninger.yaml``, overridable by a scenario):

- bolig and fritid: grunnlag = boligverdi · (1 − reduksjonsfaktor) − bunnfradrag · boenheter, never
  below zero. Statens boligverdier are the basis for boliger (kap. 10.2); the 30 % reduction is
  eiendomsskatteloven § 8 A-2 første ledd, the bunnfradrag per selvstendig boenhet § 11 annet ledd;
- næring and særskilt grunnlag (maskiner og utstyr i verk og bruk, kap. 1.1.2): grunnlag = verdi;
- skatt = grunnlag · sats / 1000, with 3,2 ‰ bolig and fritid, 4,15 ‰ næring, 6,05 ‰ særskilt.

Eiendomsskatteloven § 13 bounds the rate: from 1 to 7 ‰ (a type may also be left untaxed, 0 ‰),
at most 4 ‰ for the bolig part and fritid, and at most 1 ‰ higher than the year before.

The revenue under a scenario (:func:`hoep.modell.eiendomsskatt.proveny`) is anchored on the
published budget (budsjettskjema 1A) and moved with the rules here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist

import pandas as pd

from hoep import data
from hoep.feil import HoepFeil, ScenarioFeil
from hoep.parametre.forutsetninger import Aarsverdier

TYPER = ("bolig", "fritid", "naering", "saerskilt")
TYPENAVN = {"bolig": "bolig", "fritid": "fritidseiendom", "naering": "næringseiendom",
            "saerskilt": "særskilt skattegrunnlag"}
# eiendomsskatteloven § 13: the highest rate per type, and the lowest rate if a type is taxed at all.
MAKS_PROMILLE = {"bolig": 4.0, "fritid": 4.0, "naering": 7.0, "saerskilt": 7.0}
MIN_PROMILLE = 1.0
MAKS_OKNING_PROMILLE = 1.0
MED_BUNNFRADRAG = ("bolig", "fritid")
PLANAR = data.PLANAR
BUDSJETT = "budsjettskjema_1a"
ASSS = "tabell_10_4_eiendomsskatt_per_innbygger_asss"
HJEMMEL = "eiendomsskatteloven § 13"


@dataclass(frozen=True)
class Satser:
    """The rules of one year: rate per type (promille), bunnfradrag (kr) and reduksjonsfaktor (%)."""

    promille: dict[str, float]
    bunnfradrag: float
    reduksjonsfaktor: float


@dataclass(frozen=True)
class Skatt:
    """The tax on one property and how it was computed (kroner)."""

    type: str
    verdi: float
    reduksjon: float
    bunnfradrag: float
    grunnlag: float
    sats_promille: float
    skatt: float


def satser(p: Aarsverdier, hvor: str = "forutsetninger") -> Satser:
    """The rates of year ``p.ar``, checked against eiendomsskatteloven § 13 (also the yearly step
    from the year before, within the plan period); ``hvor`` names the source in the error."""
    promille = {t: float(p[f"eiendomsskatt_promille_{t}"]) for t in TYPER}
    for t, sats in promille.items():
        sjekk_sats(t, sats)
        if p.ar > min(PLANAR):
            forrige = float(p.forrige[f"eiendomsskatt_promille_{t}"])
            if sats - forrige > MAKS_OKNING_PROMILLE + 1e-9:
                raise ScenarioFeil(
                    f"{hvor}: «forutsetninger.eiendomsskatt_promille_{t}» øker fra "
                    f"{forrige:g} til {sats:g} promille fra {p.ar - 1} til {p.ar}; tillatt er høyst "
                    f"{MAKS_OKNING_PROMILLE:g} promille økning per år ({HJEMMEL}).")
    return Satser(promille, float(p.eiendomsskatt_bunnfradrag), float(p.eiendomsskatt_reduksjonsfaktor))


def sjekk_sats(type_: str, sats: float) -> None:
    """Raise unless ``sats`` is 0 (not taxed) or within § 13's range for the type."""
    if type_ not in TYPER:
        raise HoepFeil(f"ukjent eiendomstype «{type_}»; tillatt: {', '.join(TYPER)}.")
    if sats != 0 and not MIN_PROMILLE <= sats <= MAKS_PROMILLE[type_]:
        raise ScenarioFeil(
            f"skattesatsen for {TYPENAVN[type_]} er {sats:g} promille; tillatt er 0 (ingen skatt) eller "
            f"{MIN_PROMILLE:g}–{MAKS_PROMILLE[type_]:g} promille ({HJEMMEL}).")


def skatt(verdi: float, type_: str, s: Satser, boenheter: int = 1) -> Skatt:
    """The tax on one property of ``verdi`` kroner (boligverdi for bolig) and ``type_``."""
    if type_ not in TYPER:
        raise HoepFeil(f"ukjent eiendomstype «{type_}»; tillatt: {', '.join(TYPER)}.")
    if not isinstance(verdi, int | float) or math.isnan(verdi) or verdi < 0:
        raise HoepFeil(f"verdien må være et tall i kroner, 0 eller mer; fikk {verdi}.")
    if not isinstance(boenheter, int) or boenheter < 1:
        raise HoepFeil(f"antall boenheter må være et heltall, 1 eller mer; fikk {boenheter}.")
    sats = s.promille[type_]
    sjekk_sats(type_, sats)
    if type_ in MED_BUNNFRADRAG:
        reduksjon = verdi * s.reduksjonsfaktor / 100
        fradrag = s.bunnfradrag * boenheter
    else:
        reduksjon, fradrag = 0.0, 0.0
    grunnlag = max(0.0, verdi - reduksjon - fradrag)
    return Skatt(type_, float(verdi), reduksjon, fradrag, grunnlag, sats, grunnlag * sats / 1000)


# --- Revenue ---------------------------------------------------------------------------------------

def publisert() -> pd.Series:
    """Eiendomsskatt 2022-2025 as budgeted (budsjettskjema 1A), mill. kr, faste 2022-kroner, natural sign."""
    t = data.tabell(BUDSJETT)
    return pd.Series({ar: -float(t.at["eiendomsskatt", f"budsjett_{ar}"]) for ar in PLANAR},
                     name="publisert_2022kr")


def per_innbygger_2020() -> float:
    """Trondheim's eiendomsskatt on bolig and fritid per innbygger in 2020, kr (Tabell 10-4)."""
    return float(data.tabell(ASSS).at["trondheim", "kroner_per_innbygger_2020"])


def regnskap_2020() -> float:
    """All eiendomsskatt in regnskap 2020, mill. kr, natural sign (Budsjettskjema 1A)."""
    return -float(data.tabell(BUDSJETT).at["eiendomsskatt", "regnskap_2020"])


def bolig_og_fritid_2020(innbyggere: float) -> float:
    """Revenue from bolig and fritid in 2020, mill. kr: Tabell 10-4's kroner per innbygger × innbyggere."""
    return per_innbygger_2020() * innbyggere / 1e6


def andel_bolig_og_fritid(innbyggere_2020: float) -> float:
    """Bolig and fritid's share of all eiendomsskatt in 2020 (Tabell 10-4 against regnskap 2020)."""
    return bolig_og_fritid_2020(innbyggere_2020) / regnskap_2020()


_KVANTILER = 2000


@cache
def _verdifordeling(spredning: float) -> tuple[float, ...]:
    """Quantiles of a lognormal with median 1: exp(σ·z) at (i + ½)/n (deterministic, no sampling)."""
    nd = NormalDist()
    return tuple(math.exp(spredning * nd.inv_cdf((i + 0.5) / _KVANTILER)) for i in range(_KVANTILER))


def _grunnlag_per_boenhet(median: float, spredning: float, reduksjonsfaktor: float,
                          bunnfradrag: float) -> float:
    """Mean taxable base per boenhet when boligverdier are lognormal around ``median``."""
    faktor = 1 - reduksjonsfaktor / 100
    return sum(max(0.0, median * q * faktor - bunnfradrag) for q in _verdifordeling(spredning)) / _KVANTILER


def kalibrert_median(skatt_per_boenhet: float, s: Satser, spredning: float) -> float:
    """The median boligverdi at which the distribution yields ``skatt_per_boenhet`` kr at rates ``s``."""
    mal = skatt_per_boenhet * 1000 / s.promille["bolig"]
    lav, hoy = 0.0, 1e9
    for _ in range(100):
        midt = (lav + hoy) / 2
        if _grunnlag_per_boenhet(midt, spredning, s.reduksjonsfaktor, s.bunnfradrag) < mal:
            lav = midt
        else:
            hoy = midt
    return (lav + hoy) / 2


def kurve(s: Satser, verdier: list[float], type_: str = "bolig", boenheter: int = 1) -> pd.DataFrame:
    """Tax and effective rate (skatt / verdi, promille) over a range of values."""
    rader = []
    for v in verdier:
        k = skatt(v, type_, s, boenheter)
        rader.append({"verdi": v, "grunnlag": k.grunnlag, "skatt": k.skatt,
                      "effektiv_promille": k.skatt / v * 1000 if v else 0.0})
    return pd.DataFrame(rader)


def asss() -> pd.DataFrame:
    """Tabell 10-4: eiendomsskatt on bolig and fritid per innbygger 2020, ASSS cities, kroner."""
    t = data.tabell(ASSS)
    return t[["rad", "kroner_per_innbygger_2020"]].rename(
        columns={"rad": "kommune", "kroner_per_innbygger_2020": "kroner_per_innbygger"})
