"""Tidy views over the families of area tables: frames, tiltak, investments, financing, key figures.

Each view stacks every table of one family (see the catalogue's ``familie``) in long form, with
the area, chapter and source table on every row.
"""

from __future__ import annotations

import re

import pandas as pd

from hoep.data import mellomlager
from hoep.data.katalog import PLANAR, Tabellinfo, _katalog, katalog
from hoep.data.mappe import datamappe
from hoep.data.tabeller import lang
from hoep.feil import DataFeil


def _familie(familie: str) -> list[Tabellinfo]:
    return [t for t in _katalog(datamappe()).values() if t.familie == familie]


def _lang_familie(familie: str, med_omrade: bool = True) -> pd.DataFrame:
    """All tables of one family in tidy long form, with area, chapter and source table on each row.

    Built once per data folder (melting some forty tables took 0.3 s, and the model asks for the
    financing family once per project group); each call gets its own copy.
    """
    return _lang_familie_lagret(familie, med_omrade).copy()


@mellomlager.per_datamappe
def _lang_familie_lagret(familie: str, med_omrade: bool) -> pd.DataFrame:
    deler = []
    for t in _familie(familie):
        if med_omrade and t.omrade is None:
            continue
        df = lang(t.id)
        df["omrade"] = t.omrade
        df["kapittel"] = t.kapittel
        df["trykt_nummer"] = t.trykt_nummer
        deler.append(df)
    if not deler:
        return pd.DataFrame(columns=["omrade", "kapittel", "tabell", "trykt_nummer", "rad_id", "rad",
                                     "kolonne", "ar", "verdi", "enhet", "prisbasis"])
    ut = pd.concat(deler, ignore_index=True)
    forst = ["omrade", "kapittel", "tabell", "trykt_nummer", "rad_id", "rad"]
    return ut[forst + [k for k in ut.columns if k not in forst]]


def rammer() -> pd.DataFrame:
    """Every area's frame bridge (the chapters' "Budsjettramme og rammeendring" tables), tidy."""
    return _lang_familie("rammeendring")


def tiltak() -> pd.DataFrame:
    """Every area's tiltak (id, name, type, amount per year), tidy, mill. kr, 2022-kroner.

    Only the tiltak themselves (rows ``t01`` …); printed totals stay in the tables.
    """
    df = _lang_familie("tiltak")
    return df[df["rad_id"].str.match(r"^t\d")].reset_index(drop=True)


def investeringer() -> pd.DataFrame:
    """Every area's investment projects (kostnadsoverslag, benyttet, rest, per year), tidy, løpende.

    Only the projects (rows ``p01`` …); the printed «Sluttsum» stays in the tables.
    """
    df = _lang_familie("investering")
    return df[df["rad_id"].str.match(r"^p\d")].reset_index(drop=True)


def finansiering() -> pd.DataFrame:
    """Every area's financing of its investments per year by source, tidy, løpende priser."""
    df = _lang_familie("finansiering")
    return df[df["rad_id"] != "sluttsum"].reset_index(drop=True)


def nokkeltall() -> pd.DataFrame:
    """ASSS/KOSTRA key figures of every area: indicator, group, municipality, year, value, unit."""
    df = _lang_familie("nokkeltall")
    kommuner = {}
    for t in _familie("nokkeltall"):
        for f in t.felt:
            if f["type"] == "number":
                kommuner[(t.id, f["name"])] = f.get("kommune")
    df["kommune"] = [kommuner.get((t, k)) for t, k in zip(df["tabell"], df["kolonne"], strict=True)]
    return df


# --- the catalogues of tiltak and projects by id (what scenarios name) ---------------------------

def _gruppe(tabell: str) -> str:
    return re.sub(r"^tabell_\d+_\d+_(investeringer_)?", "", tabell)


@mellomlager.per_datamappe
def finansieringstabell(tabell: str) -> str:
    """The financing table printed beside a project table: Tabell N-M → Tabell N-(M+1)."""
    kap, nr = re.match(r"^tabell_(\d+)_(\d+)_", tabell).groups()
    prefiks = f"tabell_{kap}_{int(nr) + 1}_"
    kandidater = [t for t in katalog()["id"] if t.startswith(prefiks)]
    if len(kandidater) != 1:
        raise DataFeil(f"Fant ikke finansieringstabellen til {tabell} ({prefiks}…).")
    return kandidater[0]


@mellomlager.per_datamappe
def tiltaksliste() -> pd.DataFrame:
    """Every area tiltak by id ``omrade/tNN``: name, table, amount per year (mill. kr, 2022-kroner)."""
    t = tiltak()
    t = t.assign(id=t["omrade"] + "/" + t["rad_id"])
    ut = t.pivot_table(index=["id", "omrade", "tabell", "trykt_nummer", "rad"], columns="ar",
                       values="verdi", aggfunc="sum").reindex(columns=list(PLANAR)).fillna(0.0)
    ut.columns = [int(c) for c in ut.columns]
    return ut.reset_index().set_index("id")


@mellomlager.per_datamappe
def prosjektliste() -> pd.DataFrame:
    """Every investment project by id ``gruppe/pNN``: name, area, table, amount per year (løpende)."""
    i = investeringer()
    i = i[i["ar"].notna()]
    i = i.assign(gruppe=i["tabell"].map(_gruppe))
    i = i.assign(id=i["gruppe"] + "/" + i["rad_id"])
    ut = i.pivot_table(index=["id", "gruppe", "omrade", "tabell", "trykt_nummer", "rad"], columns="ar",
                       values="verdi", aggfunc="sum").reindex(columns=list(PLANAR)).fillna(0.0)
    ut.columns = [int(c) for c in ut.columns]
    return ut.reset_index().set_index("id")
