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

Where the two printings differ in price basis, a term carries a factor (``1.025*tabell:rad`` or
``1.025^-2*tabell:rad``), or ``prisfaktor: {kolonne: faktor}`` scales every term in one column; a
term may fix its column (``tabell:rad@kolonne``), and ``kolonner`` may map the check's column to
another column name in the term tables (``{budsjett_2022: endring_2022}``). ``mellom: [a, b]``
instead of ``ledd`` says the cell lies between two other cells (a weighted mean). Each table is
read once per audit.
"""

from __future__ import annotations

import math
import re
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
    """One signed reference to a row (or, column-wise, a column) of a table.

    ``faktor`` scales the cell (a price-basis conversion such as 1.025 or 1.025^2); ``kolonne``
    fixes the column (``tabell:rad@kolonne``) instead of the column being checked.
    """

    tabell: str
    navn: str
    fortegn: int
    faktor: float = 1.0
    kolonne: str | None = None


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
    kolonnekart: dict | None = None
    mellom: tuple[Ledd, Ledd] | None = None
    prisfaktor: dict | None = None


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


_FAKTOR = re.compile(r"(\d+(?:\.\d+)?)(?:\^(-?\d+))?")


def _faktor(tekst: object, fil: Path, kid: str) -> float:
    m = _FAKTOR.fullmatch(str(tekst).strip())
    if not m:
        raise DataFeil(f"{fil}: kontroll «{kid}»: ugyldig faktor «{tekst}» "
                       "(et tall, eller grunntall^eksponent som 1.025^2)")
    return float(m.group(1)) ** int(m.group(2) or 1)


def _ledd(tekst: str, standardtabell: str, fil: Path, kid: str) -> Ledd:
    """Parse ``[-][faktor*][tabell:]rad[@kolonne]``."""
    if not isinstance(tekst, str) or not tekst.strip():
        raise DataFeil(f"{fil}: kontroll «{kid}»: ugyldig ledd «{tekst}»")
    tekst = tekst.strip()
    fortegn = -1 if tekst.startswith("-") else 1
    rest = tekst.lstrip("-+").strip()
    faktor = 1.0
    m = re.match(_FAKTOR.pattern + r"\*", rest)
    if m:
        faktor = _faktor(rest[:m.end() - 1], fil, kid)
        rest = rest[m.end():]
    rest, krøll, kolonne = rest.partition("@")
    tabell, _, navn = rest.strip().rpartition(":")
    if (not re.fullmatch(r"[a-z0-9_]*", tabell) or not re.fullmatch(r"[a-z0-9_]+|\*", navn)
            or (krøll and not re.fullmatch(r"[a-z0-9_]+", kolonne.strip()))):
        raise DataFeil(f"{fil}: kontroll «{kid}»: ugyldig ledd «{tekst}» "
                       "(tillatt: [-][faktor*][tabell:]rad[@kolonne])")
    return Ledd(tabell or standardtabell, navn, fortegn, faktor, kolonne.strip() or None)


def _prisfaktor(k: dict, fil: Path, kid: str) -> dict | None:
    if "prisfaktor" not in k:
        return None
    if not isinstance(k["prisfaktor"], dict):
        raise DataFeil(f"{fil}: kontroll «{kid}»: «prisfaktor» skal være et oppslag kolonne: faktor")
    return {str(kol): _faktor(f, fil, kid) for kol, f in k["prisfaktor"].items()}


def _mellom(k: dict, fil: Path, kid: str) -> tuple[Ledd, Ledd] | None:
    if "mellom" not in k:
        return None
    if not isinstance(k["mellom"], list) or len(k["mellom"]) != 2 or "ledd" in k:
        raise DataFeil(f"{fil}: kontroll «{kid}»: «mellom» skal være en liste med to rader, "
                       "og kontrollen skal da ikke ha «ledd»")
    a, b = (_ledd(str(x), k["tabell"], fil, kid) for x in k["mellom"])
    return a, b


_NOKLER = {"id", "beskrivelse", "tabell", "sum", "ledd", "retning", "kolonner", "rader",
           "toleranse", "avvik", "mellom", "prisfaktor"}


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
        for nokkel in ("id", "beskrivelse", "tabell", "sum", "mellom" if "mellom" in k else "ledd"):
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
            ledd=tuple(_ledd(str(x), k["tabell"], fil, kid) for x in k.get("ledd", [])),
            retning=retning,
            kolonner=tuple(k["kolonner"]) if k.get("kolonner") else None,
            rader=tuple(k["rader"]) if k.get("rader") else None,
            toleranse=k.get("toleranse"),
            avvik={str(c): v for c, v in (k.get("avvik") or {}).items()},
            kolonnekart=dict(k["kolonner"]) if isinstance(k.get("kolonner"), dict) else None,
            mellom=_mellom(k, fil, kid),
            prisfaktor=_prisfaktor(k, fil, kid),
        ))
    return kontroller


class Tabeller(dict):
    """The tables one audit reads, each read once (``data.tabell`` returns a fresh copy per call)."""

    def __missing__(self, tabell_id: str) -> pd.DataFrame:
        df = self[tabell_id] = data.tabell(tabell_id)
        return df


def _celle(ref: Ledd, kolonne: str, kid: str, tabeller: Tabeller, kart: dict | None = None) -> float:
    df = tabeller[ref.tabell]
    if ref.kolonne:
        kolonne = ref.kolonne
    elif kart and kolonne not in df.columns and kolonne in kart:
        kolonne = kart[kolonne]
    if ref.navn not in df.index:
        raise DataFeil(f"kontroll «{kid}»: tabell «{ref.tabell}» har ingen rad «{ref.navn}»")
    if kolonne not in df.columns:
        raise DataFeil(f"kontroll «{kid}»: tabell «{ref.tabell}» har ingen kolonne «{kolonne}»")
    return ref.faktor * float(df.at[ref.navn, kolonne])


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


def evaluer(k: Kontroll, tabeller: Tabeller | None = None) -> list[Resultat]:
    """Evaluate one check over its columns (or rows); one result per compared cell."""
    tabeller = Tabeller() if tabeller is None else tabeller
    t = data.info(k.tabell)
    tol = k.toleranse if k.toleranse is not None else 10.0 ** -t.desimaler
    resultater = []
    if k.retning == "rader":
        kolonner = k.kolonner or tuple(data.info(k.sum.tabell).tallkolonner)
        if k.sum.kolonne:
            raise DataFeil(f"kontroll «{k.id}»: summen kan ikke ha fast kolonne (@)")
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
                if k.mellom:
                    grenser = sorted(_celle(g, kol, k.id, tabeller, k.kolonnekart) for g in k.mellom)
                    beregnet = min(max(publisert, grenser[0]), grenser[1])
                else:
                    faktor = (k.prisfaktor or {}).get(kol, 1.0)
                    verdier = [faktor * ledd.fortegn * _celle(ledd, kol, k.id, tabeller, k.kolonnekart)
                               for ledd in leddref]
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


def revisjon(tabeller: Tabeller | None = None) -> pd.DataFrame:
    """Run every check; one row per compared cell with its status (ok, kjent avvik, brudd, ...).

    Columns: kontroll, beskrivelse, tabell, kapittel (of the check's table), celle, publisert,
    beregnet, toleranse, status, differanse, kategori. ``tabeller`` lets a caller that also runs
    the text checks and the register read each table once in all.
    """
    tabeller = Tabeller() if tabeller is None else tabeller
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
