"""Trondheim kommunes kraftfond (TKK): return, costs and what the kommune gets (kap. 8.10.1, Tabell 8-19).

TKK's statutes set the order (kap. 8.10.1): the fund's costs are covered first, then the
budgeted real return to the kommune; the rest is held back in TKK's bufferfond as the
KPI-avsetning that keeps the fund's real value. So

    til kommunen = avkastning − driftskostnader − KPI-avsetning (+ an extraordinary withdrawal)
    til bufferfondet = avkastning − driftskostnader − til kommunens investeringer − til småfondene

The kommune's share is set aside to the disposisjonsfond and used the year after: the part for
investments finances the next year's investments (Tabell 8-14), the rest goes to the småfond.
A return above or below the budget only moves the bufferfond, so the kommune's share is
predictable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Disponering:
    avkastning: float
    driftskostnader: float
    til_investeringer: float
    til_smafond: float

    @property
    def til_bufferfond(self) -> float:
        """The KPI-avsetning: what is left after costs and the kommune's share."""
        return self.avkastning - self.driftskostnader - self.til_investeringer - self.til_smafond


def kommunens_andel(avkastning: float, driftskostnader: float, kpi_avsetning: float,
                    til_smafond: float, ekstra_uttak: float = 0.0) -> Disponering:
    """The statutes' allocation when the KPI-avsetning is known (as for 2022 in kap. 8.10.1)."""
    realavkastning = avkastning - driftskostnader - kpi_avsetning
    return Disponering(avkastning, driftskostnader, realavkastning - til_smafond + ekstra_uttak, til_smafond)


def skalert_avkastning(publisert: float, sats: float, sats_basis: float) -> float:
    """The return at another nominal rate, scaling the published return by the rates' ratio."""
    return publisert * sats / sats_basis
