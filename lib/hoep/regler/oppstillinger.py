"""The mandatory statements (kap. 2, budsjett- og regnskapsforskriften kap. 5): key results.

The document prints the statements with income negative and cost positive, so a negative netto
driftsresultat is a surplus. Rules here compute from the published rows and return results in
*natural sign* (surplus and income positive) only where they say so, for presentation.

Identities (Budsjettskjema 1A / Økonomisk oversikt drift):
- brutto driftsresultat = sum frie disponible inntekter + sum netto driftsutgifter
- netto driftsresultat = brutto driftsresultat + netto finansutgifter + motpost avskrivninger
- sum disponering = −netto driftsresultat, and fremført til inndekning = 0 (balance).
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.regler import prisbasis

AR = prisbasis.PLANAR
KOLONNER_1A = ("regnskap_2020", "budsjett_2021", "budsjett_2022", "budsjett_2023",
               "budsjett_2024", "budsjett_2025")


def naturlig_fortegn(verdi):
    """Flip the published sign (income negative) to natural sign (income and surplus positive)."""
    return -verdi


def brutto_driftsresultat(frie_inntekter: float, netto_driftsutgifter: float) -> float:
    """Brutto driftsresultat = frie disponible inntekter + netto driftsutgifter (published sign)."""
    return frie_inntekter + netto_driftsutgifter


def netto_driftsresultat(brutto: float, netto_finansutgifter: float,
                         motpost_avskrivninger: float = 0.0) -> float:
    """Netto driftsresultat = brutto driftsresultat + netto finansutgifter + motpost avskrivninger."""
    return brutto + netto_finansutgifter + motpost_avskrivninger


def andel_av_driftsinntekter(netto_driftsresultat_publisert: float,
                             sum_driftsinntekter_publisert: float) -> float:
    """Netto driftsresultat in percent of driftsinntekter, natural sign (surplus positive)."""
    return 100 * netto_driftsresultat_publisert / sum_driftsinntekter_publisert


def nokkeltall_drift() -> pd.DataFrame:
    """Key results of the drift statements per year, in natural sign (mill. kr).

    Computed from Budsjettskjema 1A's rows and Økonomisk oversikt drift's driftsinntekter, with the
    identities above; the published result rows are shown beside for comparison.
    """
    a = data.tabell("budsjettskjema_1a")
    d = data.tabell("okonomisk_oversikt_drift")
    rader = []
    for kol in KOLONNER_1A:
        frie = a.at["sum_frie_disponible_inntekter", kol]
        brutto = brutto_driftsresultat(frie, a.at["sum_netto_driftsutgifter", kol])
        motpost = a.at["motpost_avskrivninger", kol]
        ndr = netto_driftsresultat(brutto, a.at["netto_finansutgifter", kol],
                                   0.0 if pd.isna(motpost) else motpost)
        rader.append({
            "kolonne": kol,
            "frie_disponible_inntekter": naturlig_fortegn(frie),
            "sum_bevilgning_drift": a.at["sum_bevilgning_drift_netto", kol],
            "brutto_driftsresultat": naturlig_fortegn(brutto),
            "netto_finansutgifter": a.at["netto_finansutgifter", kol],
            "netto_driftsresultat": naturlig_fortegn(ndr),
            "netto_driftsresultat_publisert": naturlig_fortegn(a.at["netto_driftsresultat", kol]),
            "driftsinntekter": naturlig_fortegn(d.at["sum_driftsinntekter", kol]),
            "ndr_prosent_av_driftsinntekter": andel_av_driftsinntekter(
                ndr, d.at["sum_driftsinntekter", kol]),
            "avsetning_disposisjonsfond": a.at["netto_avsetninger_disposisjonsfond", kol],
            "fremfort": a.at["fremfort_til_inndekning", kol],
        })
    return pd.DataFrame(rader).set_index("kolonne")
