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
    forste, siste = t.iloc[0], t.iloc[-1]
    tiltak = t.iloc[1:-1]
    endringer = tiltak.set_index(tiltak["rad"] + " (" + tiltak["finansierer"].str[0] + ")")["mill_kr"]
    return Fondsbevegelse(float(forste["mill_kr"]), endringer,
                          float(forste["mill_kr"]) + float(endringer.sum()), float(siste["mill_kr"]))
