"""The published document as data: load, validate and look up the tables of the budget.

``data/datapackage.json`` (a Frictionless data package) is the catalogue: one resource per
published table with its id, printed label (``trykt_nummer``), chapter, title, unit, price basis
and column schema. Each table is a CSV file in ``data/tabeller/`` with one row per printed row
(``rad_id``, printed label ``rad``, text columns, number columns), in the published sign: income
negative, cost positive. A blank cell is a missing value, never zero.

Loading validates every file against its schema and raises :class:`DataFeil` with a Norwegian
message naming the file and the problem.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from hoep.feil import DataFeil

PRISBASER = ("løpende", "faste_2022", "blandet", "ingen")
FAMILIER = ("oppstilling", "ramme", "okonomi", "rammeendring", "tiltak", "investering", "finansiering",
            "nokkeltall", "kjop_og_tilskudd", "klima", "gebyr", "eierskap", "annet")
FELT_PRISBASER = ("løpende", "faste_2022", "ingen")
_ID = re.compile(r"^[a-z0-9_]+$")
_TALL = re.compile(r"^-?\d+(\.\d+)?$")


def datamappe() -> Path:
    """The data folder: ``$HOEP_DATA`` if set, else ``data/`` at the project root."""
    miljo = os.environ.get("HOEP_DATA")
    return Path(miljo) if miljo else Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Tabellinfo:
    """Catalogue entry of one published table."""

    id: str
    trykt_nummer: str | None
    kapittel: int
    tittel: str
    enhet: str
    prisbasis: str
    desimaler: int
    kildelinjer: tuple[int, int]
    merknad: str | None
    sti: Path
    felt: tuple[dict, ...]
    familie: str = "annet"
    omrade: str | None = None
    sektor: str | None = None

    @property
    def tallkolonner(self) -> list[str]:
        return [f["name"] for f in self.felt if f["type"] == "number"]

    @property
    def tekstkolonner(self) -> list[str]:
        return [f["name"] for f in self.felt if f["type"] == "string"]

    def kolonne(self, navn: str) -> dict:
        for f in self.felt:
            if f["name"] == navn:
                return f
        raise KeyError(navn)


def _krev(betingelse: bool, fil: Path | str, melding: str) -> None:
    if not betingelse:
        raise DataFeil(f"{fil}: {melding}")


def _les_json(sti: Path) -> dict:
    if not sti.is_file():
        raise DataFeil(f"{sti}: katalogfilen mangler. Forventet en Frictionless datapackage.json.")
    try:
        return json.loads(sti.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise DataFeil(f"{sti}: ugyldig JSON (linje {e.lineno}, kolonne {e.colno}): {e.msg}") from e


def _tabellinfo(ressurs: dict, mappe: Path, katalogfil: Path) -> Tabellinfo:
    navn = ressurs.get("name", "<uten navn>")
    hvor = f"{katalogfil} (tabell «{navn}»)"
    for nokkel in ("name", "path", "title", "trykt_nummer", "kapittel", "enhet", "prisbasis",
                   "desimaler", "kildelinjer", "schema"):
        _krev(nokkel in ressurs, hvor, f"nøkkelen «{nokkel}» mangler")
    _krev(isinstance(navn, str) and bool(_ID.match(navn)), hvor,
          "«name» må bestå av små bokstaver a-z, sifre og _")
    _krev(ressurs["trykt_nummer"] is None or isinstance(ressurs["trykt_nummer"], str), hvor,
          "«trykt_nummer» må være tekst eller null")
    _krev(isinstance(ressurs["kapittel"], int), hvor, "«kapittel» må være et heltall")
    _krev(ressurs["prisbasis"] in PRISBASER, hvor,
          f"«prisbasis» er «{ressurs['prisbasis']}»; tillatt: {', '.join(PRISBASER)}")
    _krev(ressurs["desimaler"] in (0, 1, 2, 3), hvor, "«desimaler» må være 0, 1, 2 eller 3")
    _krev(ressurs.get("familie", "annet") in FAMILIER, hvor,
          f"«familie» er «{ressurs.get('familie')}»; tillatt: {', '.join(FAMILIER)}")
    if "omrade" in ressurs:
        kjente = set(omrader()["omrade"])
        _krev(ressurs["omrade"] in kjente, hvor,
              f"«omrade» er «{ressurs['omrade']}», som ikke står i data/omrader.csv")
    felt = ressurs["schema"].get("fields", [])
    _krev([f.get("name") for f in felt[:2]] == ["rad_id", "rad"], hvor,
          "de to første kolonnene i skjemaet må være «rad_id» og «rad»")
    for f in felt:
        _krev(f.get("type") in ("string", "number"), hvor,
              f"kolonnen «{f.get('name')}» har type «{f.get('type')}»; tillatt: string, number")
        if f["type"] == "number":
            _krev(f.get("prisbasis") in FELT_PRISBASER, hvor,
                  f"kolonnen «{f['name']}» mangler gyldig «prisbasis» ({', '.join(FELT_PRISBASER)})")
            _krev("ar" in f, hvor, f"kolonnen «{f['name']}» mangler «ar» (år eller null)")
    return Tabellinfo(
        id=navn,
        trykt_nummer=ressurs["trykt_nummer"],
        kapittel=ressurs["kapittel"],
        tittel=ressurs["title"],
        enhet=ressurs["enhet"],
        prisbasis=ressurs["prisbasis"],
        desimaler=ressurs["desimaler"],
        kildelinjer=tuple(ressurs["kildelinjer"]),
        merknad=ressurs.get("merknad"),
        sti=mappe / ressurs["path"],
        felt=tuple(felt),
        familie=ressurs.get("familie", "annet"),
        omrade=ressurs.get("omrade"),
        sektor=ressurs.get("sektor"),
    )


@cache
def _katalog(mappe: Path) -> dict[str, Tabellinfo]:
    katalogfil = mappe / "datapackage.json"
    pakke = _les_json(katalogfil)
    _krev(isinstance(pakke.get("resources"), list), katalogfil, "«resources» mangler eller er ikke en liste")
    tabeller: dict[str, Tabellinfo] = {}
    for ressurs in pakke["resources"]:
        info = _tabellinfo(ressurs, mappe, katalogfil)
        _krev(info.id not in tabeller, katalogfil, f"tabell-id «{info.id}» forekommer to ganger")
        tabeller[info.id] = info
    return tabeller


def katalog() -> pd.DataFrame:
    """The catalogue: one row per table with id, printed label, chapter, title, unit, price basis."""
    rader = [
        {
            "id": t.id,
            "trykt_nummer": t.trykt_nummer,
            "kapittel": t.kapittel,
            "tittel": t.tittel,
            "enhet": t.enhet,
            "prisbasis": t.prisbasis,
            "familie": t.familie,
            "omrade": t.omrade,
        }
        for t in _katalog(datamappe()).values()
    ]
    return pd.DataFrame(rader)


def info(tabell_id: str) -> Tabellinfo:
    """The catalogue entry of one table; an unknown id gives a Norwegian error listing near ids."""
    tabeller = _katalog(datamappe())
    if tabell_id not in tabeller:
        ord_ = [o for o in tabell_id.lower().split("_") if len(o) > 2 and o != "tabell"]
        nare = [t for t in tabeller if any(o in t for o in ord_)][:8]
        hint = f" Mente du: {', '.join(nare)}?" if nare else ""
        raise DataFeil(
            f"Ukjent tabell «{tabell_id}». Se «hoep tabeller» for alle {len(tabeller)} tabeller.{hint}"
        )
    return tabeller[tabell_id]


def _les_csv(t: Tabellinfo) -> pd.DataFrame:
    if not t.sti.is_file():
        raise DataFeil(f"{t.sti}: datafilen til tabell «{t.id}» mangler.")
    try:
        with t.sti.open(encoding="utf-8", newline="") as fil:
            rader = list(csv.reader(fil))
    except UnicodeDecodeError as e:
        raise DataFeil(f"{t.sti}: filen er ikke gyldig UTF-8 ({e.reason}).") from e
    forventet = [f["name"] for f in t.felt]
    _krev(bool(rader), t.sti, "filen er tom")
    _krev(rader[0] == forventet, t.sti,
          f"kolonnene er {rader[0]}, men katalogen sier {forventet}")
    tallkolonner = set(t.tallkolonner)
    poster: list[dict] = []
    sett: set[str] = set()
    for linjenr, rad in enumerate(rader[1:], start=2):
        _krev(len(rad) == len(forventet), t.sti,
              f"linje {linjenr} har {len(rad)} felt, forventet {len(forventet)}")
        post: dict = {}
        for navn, celle in zip(forventet, rad, strict=True):
            if navn in tallkolonner:
                celle = celle.strip()
                if celle == "":
                    post[navn] = math.nan
                else:
                    _krev(bool(_TALL.match(celle)), t.sti,
                          f"linje {linjenr}, kolonne «{navn}»: «{celle}» er ikke et tall "
                          "(bruk punktum som desimaltegn og - som minus)")
                    post[navn] = float(celle)
            else:
                post[navn] = celle
        rad_id = post["rad_id"]
        _krev(bool(_ID.match(rad_id)), t.sti, f"linje {linjenr}: ugyldig rad_id «{rad_id}»")
        _krev(rad_id not in sett, t.sti, f"linje {linjenr}: rad_id «{rad_id}» forekommer to ganger")
        sett.add(rad_id)
        poster.append(post)
    df = pd.DataFrame(poster, columns=forventet).set_index("rad_id")
    for k in t.tallkolonner:
        df[k] = df[k].astype("float64")
    return df


@cache
def _tabell(mappe: Path, tabell_id: str) -> pd.DataFrame:
    return _les_csv(_katalog(mappe)[tabell_id])


def tabell(tabell_id: str) -> pd.DataFrame:
    """One table as published: index ``rad_id``, column ``rad`` (label), text and number columns.

    Values keep the published sign and unit; missing cells are NaN. The frame is a copy, so a
    caller may change it freely.
    """
    info(tabell_id)
    df = _tabell(datamappe(), tabell_id).copy()
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


def valider_alt() -> list[str]:
    """Validate the whole data folder: every table loads, and no CSV is missing from the catalogue.

    Returns the table ids; raises :class:`DataFeil` on the first problem.
    """
    mappe = datamappe()
    katalog_ = _katalog(mappe)
    kjente = {t.sti.resolve() for t in katalog_.values()}
    for fil in sorted((mappe / "tabeller").glob("*.csv")):
        _krev(fil.resolve() in kjente, fil,
              "filen er ikke beskrevet i datapackage.json; legg den inn i katalogen eller fjern den")
    for tabell_id in katalog_:
        tabell(tabell_id)
    return list(katalog_)


def les_yaml(sti: Path) -> object:
    """Read a YAML file with a Norwegian error naming the file if it is missing or malformed."""
    if not sti.is_file():
        raise DataFeil(f"{sti}: filen mangler.")
    try:
        return yaml.safe_load(sti.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise DataFeil(f"{sti}: ugyldig YAML: {e}") from e


TEKSTTALL_BRUK = ("inndata", "anker", "kontroll")


@cache
def _teksttall(mappe: Path) -> dict[str, dict]:
    fil = mappe / "teksttall.yaml"
    innhold = les_yaml(fil)
    if not isinstance(innhold, dict):
        raise DataFeil(f"{fil}: forventet et oppslag fra navn til tall.")
    for navn, post in innhold.items():
        mangler = [k for k in ("beskrivelse", "enhet", "kilde", "kildelinje", "bruk", "verdier")
                   if not isinstance(post, dict) or k not in post]
        if mangler:
            raise DataFeil(f"{fil}: «{navn}» mangler {', '.join(mangler)}.")
        if post["bruk"] not in TEKSTTALL_BRUK:
            raise DataFeil(f"{fil}: «{navn}.bruk» må være en av {', '.join(TEKSTTALL_BRUK)}, "
                           f"fikk «{post['bruk']}».")
        verdier = post["verdier"]
        if not isinstance(verdier, dict) or not all(
                isinstance(a, int) and isinstance(v, int | float) and not isinstance(v, bool)
                for a, v in verdier.items()):
            raise DataFeil(f"{fil}: «{navn}.verdier» må være et oppslag fra år til tall.")
    return innhold


def teksttall(navn: str | None = None) -> dict:
    """Figures the document prints only in its running text (``data/teksttall.yaml``).

    With ``navn``: that figure's entry (beskrivelse, enhet, kilde, kildelinje, bruk, verdier).
    """
    alle = _teksttall(datamappe())
    if navn is None:
        return dict(alle)
    if navn not in alle:
        raise DataFeil(f"{datamappe() / 'teksttall.yaml'}: mangler «{navn}». Kjente: {', '.join(alle)}.")
    return alle[navn]


def nullstill_mellomlager() -> None:
    """Forget cached tables (after a data file changed in the same process, e.g. in tests)."""
    _teksttall.cache_clear()
    _katalog.cache_clear()
    _tabell.cache_clear()
    _omrader.cache_clear()


def som_publisert(tabell_id: str, rader: list[str] | None = None) -> pd.DataFrame:
    """The table for display: printed row labels as first column, printed column titles."""
    t = info(tabell_id)
    df = tabell(tabell_id)
    if rader is not None:
        df = df.loc[rader]
    visning = df[["rad", *t.tekstkolonner[2:], *t.tallkolonner]].rename(
        columns={f["name"]: f.get("title", f["name"]) for f in t.felt})
    return visning.rename(columns={visning.columns[0]: ""})


def les_liste(fil: Path, kolonner: list[str], hva: str) -> pd.DataFrame:
    """Read a small reference list (CSV, text cells) whose first column is a unique id.

    Raises :class:`DataFeil` naming the file if it is missing, has other columns or repeats an id.
    """
    if not fil.is_file():
        raise DataFeil(f"{fil}: listen over {hva} mangler.")
    df = pd.read_csv(fil, dtype=str, keep_default_na=False)
    _krev(list(df.columns) == kolonner, fil,
          f"kolonnene er {list(df.columns)}, forventet {', '.join(kolonner)}")
    _krev(df[kolonner[0]].is_unique, fil, f"en «{kolonner[0]}»-id forekommer to ganger")
    return df


@cache
def _omrader(mappe: Path) -> pd.DataFrame:
    return les_liste(mappe / "omrader.csv", ["omrade", "navn", "sektor", "kapittel", "skrivemater"],
                     "tjenesteområder")


def omrader() -> pd.DataFrame:
    """The canonical list of areas (``data/omrader.csv``): id, printed name, sector, chapter."""
    return _omrader(datamappe()).copy()


def omrade_id(navn: str) -> str:
    """The canonical area id for a printed area name or one of its spelling variants."""
    nokkel = " ".join(navn.split()).lower()
    for rad in _omrader(datamappe()).itertuples():
        varianter = [rad.omrade, rad.navn, *filter(None, rad.skrivemater.split("|"))]
        if nokkel in (v.lower() for v in varianter):
            return rad.omrade
    raise DataFeil(f"Ukjent tjenesteområde «{navn}». Se data/omrader.csv for navn og skrivemåter.")


def _familie(familie: str) -> list[Tabellinfo]:
    return [t for t in _katalog(datamappe()).values() if t.familie == familie]


def _lang_familie(familie: str, med_omrade: bool = True) -> pd.DataFrame:
    """All tables of one family in tidy long form, with area, chapter and source table on each row."""
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
