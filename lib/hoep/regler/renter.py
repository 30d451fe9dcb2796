"""Interest (renter): the rentebane of Tabell 8-25 and the interest costs and income it gives.

- Interest on investment loans (Tabell 8-21) = average debt over the year × the average rate on
  investment loans (Tabell 8-25), in løpende priser, then converted to 2022-kroner. This gives
  the printed 389 for 2022; later years leave a residual the model keeps as data (the document
  does not print the loan portfolio behind them).
- A rate change hits the floating share and new loans at once; existing fixed-rate loans keep
  their rate. The fixed share is derived from Tabell 8-25 itself: the average rate is a weighted
  mean of the floating rate and the weighted fixed rate, so
  ``andel_fast = (snitt − flytende) / (fast_vektet − flytende)``.
- Interest income on liquidity = (likviditet + skattetrekkskonto) × bankrente (kap. 8.10.1).
- The parts of the interest on investment loans covered by others (byggelån, VARFS fees,
  husleie, rentekompensasjon; Tabell 8-22) are fixed shares of it, so they follow it when rates
  or debt change. (Scaling each by its own rate in Tabell 8-25 would let a rate rise improve the
  result: those bases float fully while the kommune's loans are 40 % fixed.)
- Startlån interest, paid and received, follows the floating startlån rate:
  :func:`skaler_med_rente`.
"""

from __future__ import annotations

import pandas as pd

from hoep import data

RENTETABELL = "tabell_8_25_budsjettert_renteniva"
# Tabell 8-22's rows for the parts of the interest on investment loans that others cover.
BYGGELAN = "byggelansrenter_intern_inntekt"
VARFS, HUSLEIE = "renteutgifter_dekket_av_varfs", "renteutgifter_dekket_av_husleie"
RENTEKOMPENSASJON = "tilskudd_rentekompensasjon"
DEKNING = (BYGGELAN, VARFS, HUSLEIE, RENTEKOMPENSASJON)


def publisert_rentebane() -> pd.DataFrame:
    """Tabell 8-25 as rates (prosent) by rate (rows) and year (columns 2022-2025)."""
    t = data.tabell(RENTETABELL)
    info = data.info(RENTETABELL)
    ut = t[info.tallkolonner].astype(float)
    ut.columns = [int(info.kolonne(k)["ar"]) for k in info.tallkolonner]
    return ut


def rentebane(endring: dict[int, float] | None = None) -> pd.DataFrame:
    """The rentebane under a scenario: Tabell 8-25 plus ``endring`` (prosentpoeng per year)."""
    bane = publisert_rentebane()
    for ar, pp in (endring or {}).items():
        bane[ar] = bane[ar] + pp
    return bane


def fastrenteandel(bane: pd.DataFrame | None = None, ar: tuple[int, ...] = (2022, 2023, 2024)) -> float:
    """The share of investment loans on fixed rates implied by Tabell 8-25 (mean over ``ar``).

    2025 is left out: its weighted fixed rate (3.47) lies outside the rates it is weighted from,
    and gives a share of 0.11 where the other years give 0.40-0.42.
    """
    b = publisert_rentebane() if bane is None else bane
    flyt = b.loc["flytende_rente_nye_investeringslan"]
    andeler = [(b.at["gjennomsnittlig_rente_investeringslan", a] - flyt[a])
               / (b.at["rente_alle_fastrentelan_vektet", a] - flyt[a]) for a in ar]
    return float(sum(andeler) / len(andeler))


def effektiv_rente(snittrente: float, endring_pp: float, andel_fast: float) -> float:
    """The average rate on investment loans after a rate change that spares existing fixed loans."""
    return snittrente + (1 - andel_fast) * endring_pp


def renter_av_snittgjeld(ib: float, ub: float, rente_prosent: float) -> float:
    """Interest for a year on the average of opening and closing debt (same price basis as the debt)."""
    return (ib + ub) / 2 * rente_prosent / 100


def likviditetsrenter(innskudd, bankrente_prosent):
    """Interest income on bank deposits (likviditet and the tax-withholding account, kap. 8.10.1), in
    the deposits' price basis; elementwise on arrays."""
    return innskudd * bankrente_prosent / 100


def skaler_med_rente(belop: float, rente_prosent: float, endring_pp: float) -> float:
    """An amount that follows a rate, after the rate moves by ``endring_pp`` percentage points.

    Works elementwise on arrays; every rate of Tabell 8-25 is positive.
    """
    return belop * (rente_prosent + endring_pp) / rente_prosent
