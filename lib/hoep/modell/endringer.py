"""The effects of a scenario's tiltak and project changes on the frames and the investments.

What a scenario may change and how it is written is :mod:`hoep.parametre.budsjettendringer`; here
are the effects: the change of the areas' frames per tiltak and year (mill. kr, faste 2022-kroner)
and the change of investments and their financing per year (mill. kr, løpende priser). A changed
project is financed with its group's shares (its area's financing table over 2022-2025) unless the
scenario gives the shares.
"""

from __future__ import annotations

import numpy as np
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
        rader.append(
            (tl.at[tid, "omrade"], f"Fjernet: {tl.at[tid, 'rad']} ({tid})", *(-tl.at[tid, ar] for ar in AR))
        )
    for tid, faktor in e.skaler_tiltak.items():
        rader.append(
            (
                tl.at[tid, "omrade"],
                f"Skalert ×{faktor:g}: {tl.at[tid, 'rad']} ({tid})",
                *((faktor - 1) * tl.at[tid, ar] for ar in AR),
            )
        )
    for ny in e.nye_tiltak:
        rader.append((ny.omrade, f"Nytt: {ny.navn}", *(ny.belop.get(ar, 0.0) for ar in AR)))
    return pd.DataFrame(rader, columns=["omrade", "endring", *AR])


def prosjekter_etter(e: Budsjettendringer, faktor: dict[int, float] | None = None) -> pd.DataFrame:
    """Every project's profile per year after the scenario (mill. kr, løpende priser).

    Index ``gruppe/pNN`` (new projects ``gruppe/nyN``), columns ``gruppe``, ``omrade``, ``tabell``,
    ``rad``, 2022-2025 and ``utenfor_planperioden`` (what a postponement moves past 2025). A
    postponed amount keeps its real value: moved from year t to t + k it is multiplied by
    faktor(t + k) / faktor(t), the plan's deflator chained (:mod:`hoep.regler.prisbasis`);
    ``faktor`` maps year → løpende kroner per 2022-krone (default: 2.5 % a year). Beyond 2025 the
    last year's deflator continues.
    """
    pl = prosjektliste().copy()
    faktor = dict(faktor or {a: 1.025 ** (a - AR[0]) for a in AR})
    vekst = faktor[AR[-1]] / faktor[AR[-2]]
    for a in range(AR[-1] + 1, AR[-1] + 4):
        faktor[a] = faktor[a - 1] * vekst
    pl["utenfor_planperioden"] = 0.0
    for pid, antall in e.utsett.items():
        opprinnelig = {a: float(pl.at[pid, a]) for a in AR}
        for a in AR:
            pl.at[pid, a] = 0.0
        for a, v in opprinnelig.items():
            flyttet = v * faktor[a + antall] / faktor[a]
            if a + antall in AR:
                pl.at[pid, a + antall] += flyttet
            else:
                pl.at[pid, "utenfor_planperioden"] += flyttet
    for pid in e.kutt:
        pl.loc[pid, list(AR)] = 0.0
    for pid, f in e.skaler_prosjekter.items():
        pl.loc[pid, list(AR)] = pl.loc[pid, list(AR)].astype(float) * f
    for nr, ny in enumerate(e.nye_prosjekter, start=1):
        omrade = pl.loc[pl["gruppe"] == ny.gruppe, "omrade"].iloc[0]
        tabell = pl.loc[pl["gruppe"] == ny.gruppe, "tabell"].iloc[0]
        pl.loc[f"{ny.gruppe}/ny{nr}"] = {
            "gruppe": ny.gruppe,
            "omrade": omrade,
            "tabell": tabell,
            "trykt_nummer": None,
            "rad": ny.navn,
            "utenfor_planperioden": 0.0,
            **{a: float(ny.belop.get(a, 0.0)) for a in AR},
        }
    return pl


def _endrede(e: Budsjettendringer, faktor: dict[int, float] | None):
    """The projects the scenario changes: (id, group, change per year, amount moved past 2025, shares)."""
    etter = prosjekter_etter(e, faktor)
    for_ = prosjektliste()
    verdier = etter[list(AR)].to_numpy(dtype=float)
    grunn = for_[list(AR)].reindex(etter.index).fillna(0.0).to_numpy(dtype=float)
    utenfor = etter["utenfor_planperioden"].to_numpy(dtype=float)
    delta = verdier - grunn
    egne = {f"{n.gruppe}/ny{nr}": n.finansiering for nr, n in enumerate(e.nye_prosjekter, start=1)}
    grupper = etter["gruppe"].to_numpy()
    for i in np.flatnonzero(np.abs(delta).sum(axis=1) + np.abs(utenfor) > 0):
        pid = etter.index[i]
        yield pid, grupper[i], delta[i], utenfor[i], egne.get(pid) or finansieringsandeler(grupper[i])


def investeringseffekt(e: Budsjettendringer, faktor: dict[int, float] | None = None) -> pd.DataFrame:
    """The change of investments and their financing per year (mill. kr, løpende priser).

    Rows: ``investering`` and each financing source; ``utenfor_planperioden`` is what a
    postponement moves past 2025 (it leaves the plan's investments and loans). Each changed project
    is financed with its group's shares (:func:`finansieringsandeler`) or its own.
    """
    rader = ["investering", *FINANSIERINGSKILDER, "utenfor_planperioden"]
    ut = np.zeros((len(rader), len(AR)))
    for _pid, _gruppe, delta, utenfor, andeler in _endrede(e, faktor):
        ut[0] += delta
        for kilde, andel in andeler.items():
            ut[rader.index(kilde)] += delta * andel
        ut[-1, -1] += utenfor
    return pd.DataFrame(ut, index=rader, columns=list(AR))


# The selvkost areas (vann, avløp, avfall): their eksternfinansierte lån are paid by VARFS fees;
# the other groups' eksternfinansierte lån are boliger paid by husleie (kap. 8.7, source line 5406-5412).
SELVKOSTGRUPPER = ("vann", "avlop", "avfall")


def laneendring(e: Budsjettendringer, faktor: dict[int, float] | None = None) -> pd.DataFrame:
    """The change of borrowing by who pays its capital costs (mill. kr, løpende priser).

    Rows ``bykasse`` (bykassefinansierte lån: the frie inntekter pay), ``varfs`` and ``husleie``
    (eksternfinansierte lån of the selvkost groups and of the other groups: fees and rents pay,
    kap. 8.7), columns 2022-2025; each changed project is financed with its group's shares.
    """
    ut = {"bykasse": np.zeros(len(AR)), "varfs": np.zeros(len(AR)), "husleie": np.zeros(len(AR))}
    for _pid, gruppe, delta, _utenfor, andeler in _endrede(e, faktor):
        ut["bykasse"] += delta * andeler.get("bykassefinansierte_lan", 0.0)
        ut["varfs" if gruppe in SELVKOSTGRUPPER else "husleie"] += delta * andeler.get(
            "eksternfinansierte_lan", 0.0
        )
    return pd.DataFrame(ut, index=list(AR)).T
