"""The printed inputs of the budget's representation, read once per data folder.

The document's statements aggregate finer printed tables; these are the finest (the analysis
behind every rule is in the docstrings of :mod:`hoep.modell.tabeller`):

- **drift**: the 25 «Rammer» tables of chapter 2 (one per ansvarsområde, including the central
  ones: statlige tilskudd og skatt, eksterne and interne finanstransaksjoner, tilleggsbevilgninger,
  diverse sentrale bevilgninger). Together they are a balanced budget: their netto results sum to
  zero. Published sign, faste 2022-kroner.
- **investments**: every project of the area tables (løpende), mapped to the categories of
  punkt 1 (:data:`KATEGORIER`), klimainvesteringer from Tabell 7-6 (the one category without an
  area table), and the area financing tables; Tabell 8-14 is their sum, with the kraftfond's real
  return and the disposisjonsfond's equity in place of bykasse loans (kap. 8.7).
- **constants the document never explains** (``anker``): ``C``, the income 1A counts among the
  frie disponible inntekter while a Rammer table holds it inside an area (about −89 a year; it is
  what punkt 6's «korreksjon» adds back), and ``G``, økonomisk oversikt drift's gross-up of both
  driftsutgifter and driftsinntekter against the Rammer tables (about 268,5 a year, also in 2021).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hoep import data
from hoep.data import mellomlager

AR = data.PLANAR
LINJER = ("driftsutgifter", "driftsinntekter", "netto_avsetninger", "netto_finansutgifter",
          "overfort_til_investering")
FRIE_INNTEKTER = ("rammetilskudd", "inntekts_og_formueskatt", "eiendomsskatt",
                  "andre_generelle_driftsinntekter")
SENTRALE = ("statlige_tilskudd_og_skatt", "eksterne_finanstransaksjoner", "interne_finanstransaksjoner")
# The two areas whose netto_avsetninger are the kraftfond's småfond (Kulturfond, Kollektivfond; kap.
# 8.10.1, source line 5562-5565): 1A counts their use with the disposisjonsfond, not the bundne fond.
SMAFOND = ("kunst_og_kultur", "samferdsel")
# Punkt 1 categories by investment table; helse og velferd and bolig share four tables by project
# (the only split that reproduces every year, found by exhaustive search; source lines 5354-5356).
KATEGORIER = {
    "tabell_13_4_investeringer_barnehage": "barnehage",
    "tabell_14_4_investeringer_skole": "skole",
    "tabell_15_6_investeringer_barne_og_familietjenesten": "barne_og_familietjenesten",
    "tabell_29_4_investeringer_idrett_og_friluftsliv": "idrett_og_friluftsliv",
    "tabell_27_4_investeringer_kunst_og_kultur": "kunst_og_kultur",
    "tabell_28_4_investeringer_kirke_og_gravlunder": "kirker_og_gravlunder",
    "tabell_36_3_investeringer_it": "it",
    "tabell_25_9_investeringer_formalstomt": "formalstomt",
    "tabell_25_11_eiendomsinvesteringer": "eiendomsinvesteringer",
    "tabell_25_7_investeringer_ubebygd_bolig_og_naeringsareal": "ubebygd_bolig_og_naeringsareal",
    "tabell_24_15_investeringer_veg": "veg",
    "tabell_24_7_investeringer_vann": "vann",
    "tabell_24_9_investeringer_avlop": "avlop",
    "tabell_24_11_investeringer_avfall": "avfall",
    "tabell_24_13_investeringer_byrom_parker_og_grontanlegg": "byrom_parker_og_grontanlegg",
    "tabell_25_5_investeringer_administrasjonsbygg_og_byrom": "administrasjonsbygg_og_byrom",
    "tabell_33_4_investeringer_miljopakken": "miljopakken",
    "tabell_33_6_investeringer_trondheim_parkering": "trondheim_parkering",
    "tabell_24_17_investeringer_maskiner_og_utstyr": "maskiner_og_utstyr",
    "tabell_25_13_investeringer_bolig": "bolig",
    "tabell_20_5_investeringer_helse_og_velferd": "helse_og_velferd",
    "tabell_18_6_investeringer_bolig_og_krisesenter": "bolig",
    "tabell_19_5_investeringer_bolig_og_aktivitetstilbud": "bolig",
}
UNNTAK = {  # projects printed in one category's table but counted in another (source lines 5354-5356)
    "helse_og_velferd/p14": "bolig",  # Seniorhus
    "bolig_og_krisesenter/p01": "helse_og_velferd",  # Krisesenteret
    "bolig_og_aktivitetstilbud/p01": "helse_og_velferd",  # Stavne aktivitetstilbud
}
KLIMA = "tabell_7_6_finansiering_klimatiltak"
KLIMARADER = ("finansiering_klimainvesteringer", "merkostnader_utslippsfrie_anleggsplasser")
HELSEPLATTFORMEN = ("tabell_8_4_disposisjonsfond_2022", "helseplattformen_midlertidig_utlan")
KILDER = ("bykassefinansierte_lan", "eksternfinansierte_lan", "egenkapital", "mva_kompensasjon", "refusjoner",
          "salgsinntekt", "tilskudd")


def kol(a: int) -> str:
    return f"budsjett_{a}"


def plan(tabell_id: str, rad: str, prefiks: str = "budsjett_") -> np.ndarray:
    """A printed row over the plan years (published sign); a new array each call."""
    return _plan(tabell_id, rad, prefiks).copy()


@mellomlager.per_datamappe
def _plan(tabell_id: str, rad: str, prefiks: str) -> np.ndarray:
    t = data.tabell(tabell_id, kopi=False)
    return t.loc[rad, [f"{prefiks}{a}" for a in AR]].to_numpy(dtype=float)


@mellomlager.per_datamappe
def rammer() -> dict[str, pd.DataFrame]:
    """Every Rammer table's five lines (rows) over the plan years (columns), published sign, 2022-kroner."""
    kat = data.katalog()
    ut = {}
    for tid in kat[kat["familie"] == "ramme"]["id"]:
        t = data.tabell(tid, kopi=False)
        ut[tid.removeprefix("ramme_")] = pd.DataFrame(
            {a: t.loc[list(LINJER), kol(a)].astype(float).to_numpy() for a in AR}, index=list(LINJER))
    return ut


@mellomlager.per_datamappe
def rammelinjer() -> dict[str, dict[str, np.ndarray]]:
    """:func:`rammer` as plain arrays: area → line → values over 2022-2025 (do not modify; copy)."""
    return {o: {linje: r.loc[linje].to_numpy(dtype=float) for linje in LINJER} for o, r in rammer().items()}


@mellomlager.per_datamappe
def tiltakssum(omrade: str) -> np.ndarray:
    """The printed tiltak of an area summed per year (faste 2022-kroner, + cost)."""
    tl = data.tiltaksliste()
    return tl[tl["omrade"] == omrade][list(AR)].to_numpy(dtype=float).sum(axis=0)


def punkt6_omrader() -> list[str]:
    """The Rammer areas punkt 6 lists (all but the three central ones)."""
    return [o for o in rammer() if o not in SENTRALE]


@mellomlager.per_datamappe
def ressurskrevende() -> np.ndarray:
    """Refusjon for ressurskrevende brukere (published sign): Tabell 8-2's level, a row of punkt 6."""
    return plan("bevilgningsoversikt_drift_punkt6", "ressurskrevende_brukere")


@mellomlager.per_datamappe
def anker_c() -> np.ndarray:
    """C: income in 1A's frie disponible inntekter that a Rammer table holds in an area (published sign).

    C = 1A's frie disponible inntekter (the sum of its four printed lines) − (statlige tilskudd og
    skatt's netto − ressurskrevende brukere): about −89 every year; no printed figure explains it
    (the «korreksjon» of punkt 6 adds it back).
    """
    r = rammer()["statlige_tilskudd_og_skatt"]
    netto = r.sum().to_numpy()
    frie = sum(plan("budsjettskjema_1a", rad) for rad in FRIE_INNTEKTER)
    return frie - (netto - ressurskrevende())


@mellomlager.per_datamappe
def anker_g() -> np.ndarray:
    """G: økonomisk oversikt drift's sum driftsutgifter minus the Rammer tables' (about 268,5; the same
    gross-up sits on the income side). No printed figure explains it."""
    utgifter = sum(r.loc["driftsutgifter"].to_numpy() for r in rammer().values())
    return plan("okonomisk_oversikt_drift", "sum_driftsutgifter") - utgifter


@mellomlager.per_datamappe
def klimainvesteringer() -> np.ndarray:
    """Klimainvesteringer per year (Tabell 7-6: the investment pot + utslippsfrie anleggsplasser), løpende."""
    return sum(plan(KLIMA, r) for r in KLIMARADER)


@mellomlager.per_datamappe
def helseplattformen() -> np.ndarray:
    """Tabell 8-4's Helseplattformen loan (39,5 in 2022): equity from the disposisjonsfond in place of
    bykasse loans in Tabell 8-14 (positive, løpende)."""
    t = data.tabell(HELSEPLATTFORMEN[0], kopi=False)
    return np.array([-float(t.at[HELSEPLATTFORMEN[1], "mill_kr"]), 0.0, 0.0, 0.0])


def kategori(pid: str, tabell_id: str) -> str:
    """The punkt 1 category of a project (``gruppe/pNN``) printed in ``tabell_id``."""
    return UNNTAK.get(pid, KATEGORIER[tabell_id])


@mellomlager.per_datamappe
def finansiering_per_tabell() -> dict[str, pd.DataFrame]:
    """Every area financing table's sources (rows) over the plan years (columns), løpende, printed."""
    ut = {}
    for t in data.katalog().query("familie == 'finansiering'")["id"]:
        if pd.isna(data.info(t).omrade):
            continue
        df = data.tabell(t, kopi=False)
        ut[t] = pd.DataFrame({a: df.loc[list(KILDER), kol(a)].astype(float).to_numpy() for a in AR},
                             index=list(KILDER))
    return ut


def sum_finansiering() -> pd.DataFrame:
    """The area financing tables summed by source (printed), løpende."""
    return sum(finansiering_per_tabell().values())
