"""Consistency audit of the published document: printed sums and identities, checked from data.

The checks live in ``data/kontroller.yaml``. Each says that one published cell (``sum``) equals a
signed sum of other published cells (``ledd``), row-wise (``retning: rader``, the default: rows of
one or several tables, same column) or column-wise (``retning: kolonner``: columns of the same
row). References are ``rad_id`` in the check's own table, or ``tabell:rad_id`` in another table;
a leading ``-`` subtracts. ``tabell:*`` compares every row (or the check's ``rader``) of one
table with the row of the same ``rad_id`` in the other tables: two printings of the same table.

Published figures are rounded, so an identity holds within a tolerance: by default one unit of the
last printed digit (±1 on whole millions, ±0.1 on one decimal), or the check's ``toleranse``.
Where the document contradicts itself, the check lists the cell under ``avvik`` with the printed
value (``publisert``) and what the rows give (``beregnet``). The audit then reports the
contradiction as *kjent avvik*; if the data ever stops showing it, that is an error too, because
then the data no longer says what the document says.

Missing cells (blank in the document) count as nothing in a sum; a check is skipped for a column
where the total itself is blank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from hoep import data, tall
from hoep.feil import DataFeil

OK = "ok"
KJENT_AVVIK = "kjent avvik"
BRUDD = "brudd"
AVVIK_BORTE = "avvik borte"
_EPS = 1e-6


@dataclass(frozen=True)
class Ledd:
    """One signed reference to a row (or, column-wise, a column) of a table."""

    tabell: str
    navn: str
    fortegn: int


@dataclass(frozen=True)
class Kontroll:
    id: str
    beskrivelse: str
    tabell: str
    sum: Ledd
    ledd: tuple[Ledd, ...]
    retning: str
    kolonner: tuple[str, ...] | None
    rader: tuple[str, ...] | None
    toleranse: float | None
    avvik: dict


@dataclass(frozen=True)
class Resultat:
    kontroll: str
    beskrivelse: str
    tabell: str
    celle: str  # the column, ``rad/kolonne`` for a ``*`` check, or the row (column-wise check)
    publisert: float
    beregnet: float
    toleranse: float
    status: str

    @property
    def differanse(self) -> float:
        return self.publisert - self.beregnet


def _ledd(tekst: str, standardtabell: str, fil: Path, kid: str) -> Ledd:
    if not isinstance(tekst, str) or not tekst.strip():
        raise DataFeil(f"{fil}: kontroll «{kid}»: ugyldig ledd «{tekst}»")
    tekst = tekst.strip()
    fortegn = -1 if tekst.startswith("-") else 1
    tekst = tekst.lstrip("-+").strip()
    tabell, _, navn = tekst.rpartition(":")
    return Ledd(tabell or standardtabell, navn, fortegn)


_NOKLER = {"id", "beskrivelse", "tabell", "sum", "ledd", "retning", "kolonner", "rader",
           "toleranse", "avvik"}


def les(sti: Path | None = None) -> list[Kontroll]:
    """Read and validate ``data/kontroller.yaml``."""
    fil = sti or data.datamappe() / "kontroller.yaml"
    innhold = data.les_yaml(fil)
    if not isinstance(innhold, list):
        raise DataFeil(f"{fil}: forventet en liste av kontroller")
    kontroller: list[Kontroll] = []
    sett: set[str] = set()
    for nr, k in enumerate(innhold, start=1):
        if not isinstance(k, dict):
            raise DataFeil(f"{fil}: kontroll nr. {nr} er ikke et oppslag")
        ukjente = set(k) - _NOKLER
        if ukjente:
            raise DataFeil(f"{fil}: kontroll «{k.get('id', nr)}» har ukjente nøkler "
                           f"{sorted(ukjente)}; tillatt: {sorted(_NOKLER)}")
        for nokkel in ("id", "beskrivelse", "tabell", "sum", "ledd"):
            if nokkel not in k:
                raise DataFeil(f"{fil}: kontroll nr. {nr} mangler «{nokkel}»")
        kid = k["id"]
        if kid in sett:
            raise DataFeil(f"{fil}: kontroll-id «{kid}» forekommer to ganger")
        sett.add(kid)
        retning = k.get("retning", "rader")
        if retning not in ("rader", "kolonner"):
            raise DataFeil(f"{fil}: kontroll «{kid}»: retning «{retning}»; tillatt: rader, kolonner")
        kontroller.append(Kontroll(
            id=kid,
            beskrivelse=k["beskrivelse"],
            tabell=k["tabell"],
            sum=_ledd(str(k["sum"]), k["tabell"], fil, kid),
            ledd=tuple(_ledd(str(x), k["tabell"], fil, kid) for x in k["ledd"]),
            retning=retning,
            kolonner=tuple(k["kolonner"]) if k.get("kolonner") else None,
            rader=tuple(k["rader"]) if k.get("rader") else None,
            toleranse=k.get("toleranse"),
            avvik={str(c): v for c, v in (k.get("avvik") or {}).items()},
        ))
    return kontroller


class _Tabeller(dict):
    """The tables one audit reads, each fetched (and copied by :func:`hoep.data.tabell`) once."""

    def __missing__(self, tabell_id: str) -> pd.DataFrame:
        self[tabell_id] = data.tabell(tabell_id)
        return self[tabell_id]


def _celle(ref: Ledd, kolonne: str, kid: str, tabeller: _Tabeller) -> float:
    df = tabeller[ref.tabell]
    if ref.navn not in df.index:
        raise DataFeil(f"kontroll «{kid}»: tabell «{ref.tabell}» har ingen rad «{ref.navn}»")
    if kolonne not in df.columns:
        raise DataFeil(f"kontroll «{kid}»: tabell «{ref.tabell}» har ingen kolonne «{kolonne}»")
    return float(df.at[ref.navn, kolonne])


def _status(k: Kontroll, celle: str, publisert: float, beregnet: float, tol: float,
            desimaler: int) -> str:
    holder = abs(publisert - beregnet) <= tol + _EPS
    kjent = k.avvik.get(celle)
    if kjent is None:
        return OK if holder else BRUDD
    samme = (abs(kjent["publisert"] - publisert) <= _EPS
             and abs(kjent["beregnet"] - tall.avrund(beregnet, desimaler)) <= _EPS)
    if holder or not samme:
        return AVVIK_BORTE
    return KJENT_AVVIK


def evaluer(k: Kontroll, tabeller: _Tabeller | None = None) -> list[Resultat]:
    """Evaluate one check over its columns (or rows); one result per compared cell.

    ``tabeller`` shares the tables read between the checks of one audit (:func:`revisjon`).
    """
    tabeller = _Tabeller() if tabeller is None else tabeller
    t = data.info(k.tabell)
    tol = k.toleranse if k.toleranse is not None else 10.0 ** -t.desimaler
    resultater = []
    if k.retning == "rader":
        kolonner = k.kolonner or tuple(data.info(k.sum.tabell).tallkolonner)
        if k.sum.navn == "*":
            rader = k.rader or tuple(tabeller[k.sum.tabell].index)
            oppsett = [(f"{rad}/", replace(k.sum, navn=rad),
                        [replace(ledd, navn=rad) for ledd in k.ledd]) for rad in rader]
        else:
            oppsett = [("", k.sum, list(k.ledd))]
        for prefiks, sumref, leddref in oppsett:
            for kol in kolonner:
                celle = prefiks + kol
                publisert = _celle(sumref, kol, k.id, tabeller)
                if math.isnan(publisert):
                    continue
                verdier = [ledd.fortegn * _celle(ledd, kol, k.id, tabeller) for ledd in leddref]
                beregnet = sum(v for v in verdier if not math.isnan(v))
                resultater.append(Resultat(
                    k.id, k.beskrivelse, k.tabell, celle, publisert, beregnet, tol,
                    _status(k, celle, publisert, beregnet, tol, t.desimaler)))
    else:
        df = tabeller[k.tabell]
        for ref in (k.sum, *k.ledd):
            if ref.navn not in data.info(k.tabell).tallkolonner:
                raise DataFeil(f"kontroll «{k.id}»: tabell «{k.tabell}» har ingen tallkolonne «{ref.navn}»")
        for rad in k.rader or tuple(df.index):
            if rad not in df.index:
                raise DataFeil(f"kontroll «{k.id}»: tabell «{k.tabell}» har ingen rad «{rad}»")
            publisert = float(df.at[rad, k.sum.navn])
            if math.isnan(publisert):
                continue
            verdier = [ledd.fortegn * float(df.at[rad, ledd.navn]) for ledd in k.ledd]
            beregnet = sum(v for v in verdier if not math.isnan(v))
            resultater.append(Resultat(k.id, k.beskrivelse, k.tabell, rad, publisert, beregnet,
                                       tol, _status(k, rad, publisert, beregnet, tol, t.desimaler)))
    for celle in k.avvik:
        if celle not in {r.celle for r in resultater}:
            raise DataFeil(f"kontroll «{k.id}»: avvik oppgitt for «{celle}», som kontrollen ikke dekker")
    return resultater


EKSAKT = "stemmer eksakt"
AVRUNDING = "stemmer innen avrunding"


def kategori(status: str, differanse: float) -> str:
    """How a compared cell fares: exact, within rounding, a known contradiction, or an error."""
    if status == OK:
        return EKSAKT if abs(differanse) <= _EPS else AVRUNDING
    return status


def revisjon() -> pd.DataFrame:
    """Run every check; one row per compared cell with its status (ok, kjent avvik, brudd, ...).

    Columns: kontroll, beskrivelse, tabell, kapittel (of the check's table), celle, publisert,
    beregnet, toleranse, status, differanse, kategori.
    """
    tabeller = _Tabeller()
    rader = [r for k in les() for r in evaluer(k, tabeller)]
    df = pd.DataFrame([r.__dict__ for r in rader])
    df["differanse"] = df["publisert"] - df["beregnet"]
    df.insert(3, "kapittel", [data.info(t).kapittel for t in df["tabell"]])
    df["kategori"] = [kategori(s, d) for s, d in zip(df["status"], df["differanse"], strict=True)]
    return df


def sammendrag(rev: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per chapter: how many compared cells hold exactly, within rounding, or are known contradictions."""
    rev = revisjon() if rev is None else rev
    tabell = pd.crosstab(rev["kapittel"], rev["kategori"])
    for kol in (EKSAKT, AVRUNDING, KJENT_AVVIK, BRUDD, AVVIK_BORTE):
        if kol not in tabell.columns:
            tabell[kol] = 0
    tabell = tabell[[EKSAKT, AVRUNDING, KJENT_AVVIK, BRUDD, AVVIK_BORTE]]
    tabell["kontroller"] = rev.groupby("kapittel")["kontroll"].nunique()
    return tabell


def kjente_avvik() -> pd.DataFrame:
    """The document's known self-contradictions, as recorded in the data, with their two values."""
    rader = []
    for k in les():
        for celle, v in k.avvik.items():
            rader.append({"kontroll": k.id, "beskrivelse": k.beskrivelse, "tabell": k.tabell,
                          "celle": celle, "publisert": v["publisert"], "beregnet": v["beregnet"],
                          "differanse": v["publisert"] - v["beregnet"]})
    return pd.DataFrame(rader, columns=["kontroll", "beskrivelse", "tabell", "celle", "publisert",
                                        "beregnet", "differanse"])
