"""The four financial targets of the plan (kap. 8.3) and their status.

Kommuneloven § 14-2 c asks the council to set financial targets; Trondheim's are

- korrigert netto driftsresultat 2.0-2.5 % of driftsinntektene;
- gjeldsgrad: bykassefinansierte lån at most 70 % of driftsinntektene;
- kapitalutgifter (renter og avdrag) 8 % of frie disponible inntekter (handlingsregel);
- disposisjonsfondet 5 % of driftsinntektene.

Each ratio needs an input the document does not print (premieavvik, which loans are
bykassefinansierte, the denominator behind «disponible inntekter»). The model therefore anchors
each ratio on the published value (``data/teksttall.yaml``, ``bruk: anker``) and moves it by what a
scenario changes; the functions here take the anchored numerators and denominators. Values are
compared at the document's precision: rounded half up to one decimal with :func:`hoep.tall.avrund`,
the same rounding the tables that show them use, so «2,0 %» is never «under målet».

Targets are dated assumptions: :func:`mal` reads them for the year they apply to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hoep import tall
from hoep.parametre.forutsetninger import Aarsverdier

INNENFOR = "innenfor"
OVER = "over målet"
UNDER = "under målet"


@dataclass(frozen=True)
class Mal:
    navn: str
    tittel: str
    nedre: float | None
    ovre: float | None
    kilde: str

    def status(self, verdi: float) -> str:
        """``innenfor``, ``over målet`` or ``under målet``, at one decimal as the document prints."""
        v = tall.avrund(float(verdi), 1)
        if self.nedre is not None and v < self.nedre:
            return UNDER
        if self.ovre is not None and v > self.ovre:
            return OVER
        return INNENFOR

    def brutt(self, verdier):
        """Whether each value breaks the target (elementwise on arrays): below the lower bound or
        above the upper one. Being above the band of korrigert netto driftsresultat is no break."""
        v = tall.avrund(np.asarray(verdier, dtype=float), 1)
        if self.bruddretning == "over":
            return v > self.ovre
        return v < self.nedre

    @property
    def bruddretning(self) -> str:
        return "over" if self.nedre is None else "under"

    def beskriv(self) -> str:
        if self.nedre is not None and self.ovre is not None and self.nedre != self.ovre:
            return f"{self.nedre:g}–{self.ovre:g} %".replace(".", ",")
        if self.nedre is not None and self.ovre is not None:
            return f"{self.ovre:g} %".replace(".", ",")
        if self.ovre is not None:
            return f"høyst {self.ovre:g} %".replace(".", ",")
        return f"minst {self.nedre:g} %".replace(".", ",")


def mal(p: Aarsverdier) -> dict[str, Mal]:
    """The targets in force in year ``p.ar`` (``data/forutsetninger.yaml`` or a scenario), by ratio."""
    nedre, ovre = p.mal_korrigert_netto_driftsresultat
    kilde = "HØP 2022-2025 kap. 8.3"
    return {
        "korrigert_netto_driftsresultat_pst": Mal(
            "korrigert_netto_driftsresultat_pst", "Korrigert netto driftsresultat", float(nedre),
            float(ovre), kilde),
        "gjeldsgrad_pst": Mal("gjeldsgrad_pst", "Gjeldsgrad", None,
                              float(p.mal_gjeldsgrad), kilde),
        "kapitalutgifter_pst": Mal("kapitalutgifter_pst", "Kapitalutgifter", None,
                                   float(p.handlingsregel_kapitalutgifter), kilde),
        "disposisjonsfond_pst": Mal("disposisjonsfond_pst", "Disposisjonsfond", float(p.mal_disposisjonsfond),
                                    None, kilde),
    }


def andel(teller, nevner):
    """A ratio in per cent."""
    return teller / nevner * 100


def implisitt_teller(publisert_pst: float, nevner: float) -> float:
    """The numerator a published ratio implies for a known denominator (the anchor)."""
    return publisert_pst / 100 * nevner
