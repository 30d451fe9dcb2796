"""The published tables: one CSV per printed table, validated against its catalogue schema.

Each table has one row per printed row (``rad_id``, printed label ``rad``, text columns, number
columns), in the published sign: income negative, cost positive. A blank cell is a missing value,
never zero. Reading validates the file against the catalogue and raises :class:`DataFeil` with a
Norwegian message naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd

from hoep.data import mellomlager
from hoep.data.katalog import ID, Tabellinfo, _katalog, datamappe, info
from hoep.data.lesing import krev
from hoep.feil import DataFeil

_TALL = re.compile(r"^-?\d+(\.\d+)?$")


def _les_csv(t: Tabellinfo) -> pd.DataFrame:
    if not t.sti.is_file():
        raise DataFeil(f"{t.sti}: datafilen til tabell «{t.id}» mangler.")
    try:
        with t.sti.open(encoding="utf-8", newline="") as fil:
            rader = list(csv.reader(fil))
    except UnicodeDecodeError as e:
        raise DataFeil(f"{t.sti}: filen er ikke gyldig UTF-8 ({e.reason}).") from e
    forventet = [f["name"] for f in t.felt]
    krev(bool(rader), t.sti, "filen er tom")
    krev(rader[0] == forventet, t.sti,
          f"kolonnene er {rader[0]}, men katalogen sier {forventet}")
    tallkolonner = set(t.tallkolonner)
    poster: list[dict] = []
    sett: set[str] = set()
    for linjenr, rad in enumerate(rader[1:], start=2):
        krev(len(rad) == len(forventet), t.sti,
              f"linje {linjenr} har {len(rad)} felt, forventet {len(forventet)}")
        post: dict = {}
        for navn, celle in zip(forventet, rad, strict=True):
            if navn in tallkolonner:
                celle = celle.strip()
                if celle == "":
                    post[navn] = math.nan
                else:
                    krev(bool(_TALL.match(celle)), t.sti,
                          f"linje {linjenr}, kolonne «{navn}»: «{celle}» er ikke et tall "
                          "(bruk punktum som desimaltegn og - som minus)")
                    post[navn] = float(celle)
            else:
                post[navn] = celle
        rad_id = post["rad_id"]
        krev(bool(ID.match(rad_id)), t.sti, f"linje {linjenr}: ugyldig rad_id «{rad_id}»")
        krev(rad_id not in sett, t.sti, f"linje {linjenr}: rad_id «{rad_id}» forekommer to ganger")
        sett.add(rad_id)
        poster.append(post)
    df = pd.DataFrame(poster, columns=forventet).set_index("rad_id")
    for k in t.tallkolonner:
        df[k] = df[k].astype("float64")
    return df


@mellomlager.husk
def _tabell(mappe: Path, tabell_id: str) -> pd.DataFrame:
    return _les_csv(_katalog(mappe)[tabell_id])


def tabell(tabell_id: str, kopi: bool = True) -> pd.DataFrame:
    """One table as published: index ``rad_id``, column ``rad`` (label), text and number columns.

    Values keep the published sign and unit; missing cells are NaN. The frame is a copy, so a
    caller may change it freely; ``kopi=False`` returns the cached frame itself, for readers in a
    hurry (the engine) that promise not to change it.
    """
    info(tabell_id)
    df = _tabell(datamappe(), tabell_id)
    if not kopi:
        return df
    df = df.copy()
    df.attrs["tabell"] = tabell_id
    return df


def verdi(tabell_id: str, rad_id: str, kolonne: str) -> float:
    """One published cell; unknown row or column gives a Norwegian error naming the table."""
    df = tabell(tabell_id)
    if rad_id not in df.index:
        raise DataFeil(f"Tabell «{tabell_id}» har ingen rad «{rad_id}». Rader: {', '.join(df.index)}")
    if kolonne not in info(tabell_id).tallkolonner:
        raise DataFeil(
            f"Tabell «{tabell_id}» har ingen tallkolonne «{kolonne}». "
            f"Kolonner: {', '.join(info(tabell_id).tallkolonner)}"
        )
    return float(df.at[rad_id, kolonne])


def lang(tabell_id: str) -> pd.DataFrame:
    """The table in tidy long form: one row per cell with its year, price basis and unit.

    Text columns (such as a tiltak's ``type`` or a key figure's ``gruppe`` and ``enhet``) are kept
    on every row; a per-row ``enhet`` column overrides the table's unit.
    """
    t = info(tabell_id)
    df = tabell(tabell_id).reset_index()
    lang_df = df.melt(id_vars=["rad_id", "rad", *t.tekstkolonner[2:]], value_vars=t.tallkolonner,
                      var_name="kolonne", value_name="verdi")
    lang_df["ar"] = lang_df["kolonne"].map({k: t.kolonne(k).get("ar") for k in t.tallkolonner})
    lang_df["prisbasis"] = lang_df["kolonne"].map(
        {k: t.kolonne(k)["prisbasis"] for k in t.tallkolonner})
    if "enhet" not in lang_df.columns:  # a per-row unit column (key figures) wins over the table's
        lang_df["enhet"] = t.enhet
    lang_df["tabell"] = tabell_id
    return lang_df


def kilde(tabell_id: str) -> str:
    """A short citation for a table, e.g. ``Tabell 8-15 Gjeldsutvikling (kap. 8), mill. kr, løpende``."""
    t = info(tabell_id)
    navn = f"{t.trykt_nummer} {t.tittel}" if t.trykt_nummer else t.tittel
    pris = {"løpende": "løpende priser", "faste_2022": "faste 2022-kroner",
            "blandet": "løpende priser til og med 2021, deretter faste 2022-kroner",
            "ingen": None}[t.prisbasis]
    return f"Kilde: HØP 2022-2025, {navn} (kap. {t.kapittel}); {t.enhet}" + (f", {pris}" if pris else "")


def som_publisert(tabell_id: str, rader: list[str] | None = None) -> pd.DataFrame:
    """The table for display: printed row labels as first column, printed column titles."""
    t = info(tabell_id)
    df = tabell(tabell_id)
    if rader is not None:
        df = df.loc[rader]
    visning = df[["rad", *t.tekstkolonner[2:], *t.tallkolonner]].rename(
        columns={f["name"]: f.get("title", f["name"]) for f in t.felt})
    return visning.rename(columns={visning.columns[0]: ""})


def valider_alt() -> list[str]:
    """Validate the whole data folder: every table loads, and no CSV is missing from the catalogue.

    Returns the table ids; raises :class:`DataFeil` on the first problem.
    """
    mappe = datamappe()
    katalog_ = _katalog(mappe)
    kjente = {t.sti.resolve() for t in katalog_.values()}
    for fil in sorted((mappe / "tabeller").glob("*.csv")):
        krev(fil.resolve() in kjente, fil,
              "filen er ikke beskrevet i datapackage.json; legg den inn i katalogen eller fjern den")
    for tabell_id in katalog_:
        tabell(tabell_id)
    return list(katalog_)
