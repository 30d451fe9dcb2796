"""The plan of one scenario: key figures, the four targets and the balance check."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hoep import data, tall
from hoep.modell.ankere import ankere
from hoep.modell.grunnlag import _basis, _serie, grunnlag
from hoep.modell.kjerne import regn
from hoep.parametre.scenario import Scenario
from hoep.regler import handlingsregler

AR = data.PLANAR


NOKKELTALL = {
    # key: (Norwegian label, unit, price basis)
    "frie_inntekter": ("Frie inntekter (skatt og rammetilskudd)", "mill. kr", "faste_2022"),
    "eiendomsskatt": ("Eiendomsskatt", "mill. kr", "faste_2022"),
    "sum_frie_disponible_inntekter": ("Sum frie disponible inntekter", "mill. kr", "faste_2022"),
    "bevilgninger_drift": ("Sum bevilgninger drift", "mill. kr", "faste_2022"),
    "brutto_driftsresultat": ("Brutto driftsresultat", "mill. kr", "faste_2022"),
    "renteutgifter": ("Renteutgifter", "mill. kr", "faste_2022"),
    "avdrag": ("Avdrag", "mill. kr", "faste_2022"),
    "renteinntekter": ("Renteinntekter", "mill. kr", "faste_2022"),
    "netto_finansutgifter": ("Netto finansutgifter", "mill. kr", "faste_2022"),
    "netto_driftsresultat": ("Netto driftsresultat", "mill. kr", "faste_2022"),
    "overfort_til_investering": ("Overført til investering", "mill. kr", "faste_2022"),
    "disposisjonsfond_avsetning": ("Netto avsetning til disposisjonsfond", "mill. kr", "faste_2022"),
    "udisponert": ("Udisponert (mer-/mindreforbruk)", "mill. kr", "faste_2022"),
    "investeringer": ("Investeringer", "mill. kr", "løpende"),
    "laneopptak": ("Låneopptak", "mill. kr", "løpende"),
    "minimumsavdrag": ("Minimumsavdrag", "mill. kr", "løpende"),
    "ovrige_avdrag": ("Øvrige avdrag", "mill. kr", "løpende"),
    "lanegjeld_ub": ("Lånegjeld til investeringer 31.12.", "mill. kr", "løpende"),
    "disposisjonsfond_ub": ("Disposisjonsfond 31.12.", "mill. kr", "løpende"),
    "korrigert_netto_driftsresultat_pst": ("Korrigert netto driftsresultat", "prosent", "ingen"),
    "gjeldsgrad_pst": ("Gjeldsgrad", "prosent", "ingen"),
    "kapitalutgifter_pst": ("Kapitalutgifter av frie disponible inntekter", "prosent", "ingen"),
    "disposisjonsfond_pst": ("Disposisjonsfond av disponible inntekter", "prosent", "ingen"),
}


MALTALL = ("korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst", "kapitalutgifter_pst",
           "disposisjonsfond_pst")


@dataclass(frozen=True)
class Plan:
    scenario: Scenario
    verdier: dict[str, np.ndarray]  # key → array over 2022-2025

    def serie(self, navn: str) -> pd.Series:
        return pd.Series(self.verdier[navn], index=pd.Index(AR, name="ar"), name=navn)

    def nokkeltall(self) -> pd.DataFrame:
        """The key figures: rows by key, columns 2022-2025, plus label, unit and price basis."""
        ut = pd.DataFrame({a: [float(self.verdier[k][j]) for k in NOKKELTALL] for j, a in enumerate(AR)},
                          index=pd.Index(list(NOKKELTALL), name="nokkel"))
        ut.insert(0, "prisbasis", [v[2] for v in NOKKELTALL.values()])
        ut.insert(0, "enhet", [v[1] for v in NOKKELTALL.values()])
        ut.insert(0, "navn", [v[0] for v in NOKKELTALL.values()])
        return ut

    def mal(self, ar: int) -> dict[str, handlingsregler.Mal]:
        """The targets in force in ``ar`` under the scenario (targets are dated assumptions)."""
        return handlingsregler.mal(self.scenario.aar(ar))

    def malstatus(self) -> pd.DataFrame:
        """Each target per year: value, the year's target band (``nedre``, ``ovre``), status and
        whether it is a break (``brutt``: below a floor or above a ceiling)."""
        rader = []
        for j, a in enumerate(AR):
            mal = self.mal(a)
            for k in MALTALL:
                v = float(self.verdier[k][j])
                m = mal[k]
                rader.append({"maltall": k, "navn": m.tittel, "ar": a, "verdi": v, "mal": m.beskriv(),
                              "nedre": m.nedre, "ovre": m.ovre, "status": m.status(v),
                              "brutt": bool(m.brutt(v))})
        ut = pd.DataFrame(rader)
        ut["rekkefolge"] = ut["maltall"].map({k: i for i, k in enumerate(MALTALL)})
        return ut.sort_values(["rekkefolge", "ar"]).drop(columns="rekkefolge").reset_index(drop=True)

    @property
    def i_balanse(self) -> bool:
        """Whether every year is balanced (:meth:`balanse`)."""
        return bool(self._balansetabell["i_balanse"].all())

    def balanse(self) -> pd.DataFrame:
        """The balance check per year (kommuneloven § 14-4 fjerde ledd)."""
        return self._balansetabell.copy()

    @functools.cached_property
    def _balansetabell(self) -> pd.DataFrame:
        udisp = self.verdier["udisponert"]
        fond = self.verdier["disposisjonsfond_ub"]
        rader = []
        for j, a in enumerate(AR):
            grunner = []
            if abs(udisp[j]) >= 0.05:
                grunner.append(f"{'merforbruk' if udisp[j] < 0 else 'mindreforbruk'} på "
                               f"{tall.mill(abs(udisp[j]), 1)} er ikke disponert")
            if fond[j] < 0:
                grunner.append("disposisjonsfondet er brukt opp (negativ saldo)")
            rader.append({"ar": a, "udisponert": float(udisp[j]), "disposisjonsfond_ub": float(fond[j]),
                          "i_balanse": not grunner, "forklaring": "; ".join(grunner) or "i balanse"})
        return pd.DataFrame(rader).set_index("ar")


def beregn(scen: Scenario) -> Plan:
    """The plan 2022-2025 for one scenario."""
    g = grunnlag(scen)
    return Plan(scen, regn(g, _serie(scen, "renteendring"), ankere()))


def nokkeltall(scen: Scenario) -> pd.DataFrame:
    return beregn(scen).nokkeltall()


def diff(scen: Scenario, mot: Scenario | None = None) -> pd.DataFrame:
    """Key figures of ``scen`` minus those of ``mot`` (default: the base scenario), per year."""
    a, b = nokkeltall(scen), nokkeltall(mot or _basis())
    ut = a.copy()
    for aar in AR:
        ut[aar] = a[aar] - b[aar]
    return ut
