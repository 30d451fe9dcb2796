"""The effects of a scenario's tiltak and project changes on the frames and the investments.

What a scenario may change and how it is written is :mod:`hoep.parametre.budsjettendringer`; here
are the effects: the change of the areas' frames per tiltak and year (mill. kr, faste 2022-kroner)
and the change of investments and their financing per year (mill. kr, løpende priser). A changed
project is financed with its group's shares (its area's financing table over 2022-2025) unless the
scenario gives the shares.
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.data import mellomlager
from hoep.data.familier import finansieringstabell, prosjektliste, tiltaksliste
from hoep.parametre.budsjettendringer import FINANSIERINGSKILDER, Budsjettendringer

AR = data.PLANAR


# --- the catalogue of tiltak and projects ---------------------------------------------------------


@mellomlager.per_datamappe
def finansieringsandeler(gruppe: str) -> dict[str, float]:
    """A project group's financing shares over 2022-2025 (its financing table), summing to 1."""
    tabeller = prosjektliste().query("gruppe == @gruppe")["tabell"].unique()
    f = data.finansiering()
    f = f[f["tabell"] == finansieringstabell(tabeller[0])]
    summer = f.groupby("rad_id")["verdi"].sum().reindex(FINANSIERINGSKILDER).fillna(0.0)
    total = float(summer.sum())
    if total <= 0:
        return {"bykassefinansierte_lan": 1.0}
    return {k: float(v) / total for k, v in summer.items()}


# --- validation ------------------------------------------------------------------------------------


# --- effects ---------------------------------------------------------------------------------------

def tiltakseffekt(e: Budsjettendringer) -> pd.DataFrame:
    """The change of the areas' frames per tiltak and year (mill. kr, faste 2022-kroner, + cost)."""
    tl = tiltaksliste()
    rader = []
    for tid in e.fjern_tiltak:
        rader.append((tl.at[tid, "omrade"], f"Fjernet: {tl.at[tid, 'rad']} ({tid})",
                      *(-tl.at[tid, ar] for ar in AR)))
    for tid, faktor in e.skaler_tiltak.items():
        rader.append((tl.at[tid, "omrade"], f"Skalert ×{faktor:g}: {tl.at[tid, 'rad']} ({tid})",
                      *((faktor - 1) * tl.at[tid, ar] for ar in AR)))
    for ny in e.nye_tiltak:
        rader.append((ny.omrade, f"Nytt: {ny.navn}", *(ny.belop.get(ar, 0.0) for ar in AR)))
    return pd.DataFrame(rader, columns=["omrade", "endring", *AR])


def investeringseffekt(e: Budsjettendringer) -> pd.DataFrame:
    """The change of investments and their financing per year (mill. kr, løpende priser).

    Rows: ``investering`` and each financing source; ``utenfor_planperioden`` is what a
    postponement moves past 2025 (it leaves the plan's investments and loans).
    """
    pl = prosjektliste()
    ut = pd.DataFrame(0.0, index=["investering", *FINANSIERINGSKILDER, "utenfor_planperioden"],
                      columns=list(AR))

    def finansier(delta: dict[int, float], andeler: dict[str, float]) -> None:
        for ar, d in delta.items():
            ut.at["investering", ar] += d
            for kilde, andel in andeler.items():
                ut.at[kilde, ar] += d * andel

    for pid, aar in e.utsett.items():
        opprinnelig = {ar: pl.at[pid, ar] for ar in AR}
        delta = {ar: -v for ar, v in opprinnelig.items()}
        for ar, v in opprinnelig.items():
            if ar + aar in AR:
                delta[ar + aar] += v
            else:
                ut.at["utenfor_planperioden", max(AR)] += v
        finansier(delta, finansieringsandeler(pl.at[pid, "gruppe"]))
    for pid in e.kutt:
        finansier({ar: -pl.at[pid, ar] for ar in AR}, finansieringsandeler(pl.at[pid, "gruppe"]))
    for pid, faktor in e.skaler_prosjekter.items():
        finansier({ar: (faktor - 1) * pl.at[pid, ar] for ar in AR},
                  finansieringsandeler(pl.at[pid, "gruppe"]))
    for ny in e.nye_prosjekter:
        finansier(ny.belop, ny.finansiering or finansieringsandeler(ny.gruppe))
    return ut


