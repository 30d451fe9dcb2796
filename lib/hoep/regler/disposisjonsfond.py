"""Disposisjonsfondet (kap. 8.4, Tabell 8-4): from the opening to the closing balance of 2022.

    utgående balanse = inngående balanse + avsetninger − bruk

Tabell 8-4 prints bruk negative and avsetninger positive, so the closing balance is the opening
balance plus the sum of the rows between them. Measures marked (i) finance investments, (d) drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hoep import data

TABELL = "tabell_8_4_disposisjonsfond_2022"
INNGAENDE, UTGAENDE = "prognose_inngaende_balanse_2022", "prognose_utgaende_balanse_2022"


@dataclass(frozen=True)
class Fondsbevegelse:
    inngaende: float
    endringer: pd.Series  # by printed purpose with (i)/(d), mill. kr
    utgaende: float  # computed
    utgaende_publisert: float

    @property
    def netto_endring(self) -> float:
        return float(self.endringer.sum())


def bevegelse_2022() -> Fondsbevegelse:
    """Tabell 8-4 rolled forward: opening balance, the measures, and the computed closing balance."""
    t = data.tabell(TABELL)
    inngaende, utgaende = float(t.at[INNGAENDE, "mill_kr"]), float(t.at[UTGAENDE, "mill_kr"])
    tiltak = t.drop(index=[INNGAENDE, UTGAENDE])
    endringer = tiltak.set_index(tiltak["rad"] + " (" + tiltak["finansierer"].str[0] + ")")["mill_kr"]
    return Fondsbevegelse(inngaende, endringer, inngaende + float(endringer.sum()), utgaende)
