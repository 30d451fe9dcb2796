"""The proposal reproduced: every plan-year cell the engine computes for the base against the print.

:func:`sammenlign` walks every computed table of the base scenario (:mod:`hoep.modell.motor`) and
compares each plan-year cell with the published cell: it holds when the difference is within the
row's tolerance (one unit of the last printed digit, or k/2 units for a row that sums k rounded
printed terms). ``data/motoravvik.yaml`` registers the cells that differ because the document
contradicts itself, each with the entry of the register of contradictions (``data/avvik.yaml``)
that explains it and which side the engine follows; :func:`uforklarte` lists cells that differ without such an
entry (the tests require none), and registered cells that no longer differ.
"""

from __future__ import annotations

import math

import pandas as pd

from hoep import data
from hoep.data import avvik, mellomlager
from hoep.feil import DataFeil
from hoep.modell import motor
from hoep.modell.celler import plankolonne
from hoep.parametre.basis import grunnscenario

AVVIKSFIL = "motoravvik.yaml"
NOKLER = ("tabell", "rad", "kolonner", "avvik", "forklaring")


def sammenlign(b: motor.Budsjett | None = None) -> pd.DataFrame:
    """One row per plan-year cell of every computed table: computed, printed, difference, tolerance,
    source, and whether it holds (``innenfor``)."""
    b = b or motor.budsjett(grunnscenario())
    rader = []
    for tid, t in motor.tabeller(b).items():
        info = data.info(tid)
        trykt = data.tabell(tid)
        enhet = 10.0 ** -info.desimaler
        for rid, r in t.rader.items():
            for kol in t.kolonner:
                if plankolonne(kol) is None:
                    continue
                p = float(trykt.at[rid, kol])
                v = r.verdier[kol]
                if math.isnan(p) and math.isnan(v):
                    continue
                diff = v - p
                rader.append({"tabell": tid, "rad": rid, "kolonne": kol, "beregnet": v, "trykt": p,
                              "differanse": diff, "toleranse": r.toleranse * enhet, "kilde": r.kilde[kol],
                              "innenfor": bool(abs(diff) <= r.toleranse * enhet + 1e-9)})
    return pd.DataFrame(rader)


@mellomlager.per_datamappe
def registrerte() -> list[dict]:
    """The registered cells where the engine differs from the print (``data/motoravvik.yaml``)."""
    fil = data.datamappe() / AVVIKSFIL
    innhold = data.les_yaml(fil) or []
    if not isinstance(innhold, list):
        raise DataFeil(f"{fil}: forventet en liste")
    kjente = {p.id for p in avvik.les()}
    for nr, post in enumerate(innhold, start=1):
        if not isinstance(post, dict) or set(post) != set(NOKLER):
            raise DataFeil(f"{fil}: post nr. {nr} må ha nøklene {', '.join(NOKLER)}")
        if post["avvik"] not in kjente:
            raise DataFeil(f"{fil}: post nr. {nr}: «avvik» må være en post i avviksregisteret (avvik.yaml), "
                           f"ikke «{post['avvik']}»")
    return innhold


def uforklarte(sammenligning: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """(Cells outside tolerance that are not registered, registered cells that are within tolerance)."""
    s = sammenlign() if sammenligning is None else sammenligning
    reg = {(p["tabell"], p["rad"], k) for p in registrerte() for k in p["kolonner"]}
    ute = s[~s["innenfor"]]
    nokkel = list(zip(ute["tabell"], ute["rad"], ute["kolonne"], strict=True))
    ukjente = ute[[k not in reg for k in nokkel]]
    borte = sorted(reg - set(nokkel))
    return ukjente, borte
