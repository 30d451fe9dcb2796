"""The catalogue of published tables (``data/datapackage.json``, a Frictionless data package).

One resource per published table: its id, printed label (``trykt_nummer``), chapter, title, unit,
price basis, decimals, source lines and column schema. The catalogue is validated when it is read;
a fault raises :class:`DataFeil` naming the file and the table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hoep.data import mellomlager
from hoep.data.lesing import krev
from hoep.data.mappe import datamappe
from hoep.data.omrader import omrader
from hoep.feil import DataFeil

PRISBASER = ("løpende", "faste_2022", "blandet", "ingen")
FAMILIER = ("oppstilling", "ramme", "okonomi", "rammeendring", "tiltak", "investering", "finansiering",
            "nokkeltall", "kjop_og_tilskudd", "klima", "gebyr", "eierskap", "annet")
FELT_PRISBASER = ("løpende", "faste_2022", "ingen")
PLANAR = (2022, 2023, 2024, 2025)  # the plan period of HØP 2022-2025, one place for every module
ID = re.compile(r"^[a-z0-9_]+$")


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
        krev(nokkel in ressurs, hvor, f"nøkkelen «{nokkel}» mangler")
    krev(isinstance(navn, str) and bool(ID.match(navn)), hvor,
          "«name» må bestå av små bokstaver a-z, sifre og _")
    krev(ressurs["trykt_nummer"] is None or isinstance(ressurs["trykt_nummer"], str), hvor,
          "«trykt_nummer» må være tekst eller null")
    krev(isinstance(ressurs["kapittel"], int), hvor, "«kapittel» må være et heltall")
    krev(ressurs["prisbasis"] in PRISBASER, hvor,
          f"«prisbasis» er «{ressurs['prisbasis']}»; tillatt: {', '.join(PRISBASER)}")
    krev(ressurs["desimaler"] in (0, 1, 2, 3), hvor, "«desimaler» må være 0, 1, 2 eller 3")
    krev(ressurs.get("familie", "annet") in FAMILIER, hvor,
          f"«familie» er «{ressurs.get('familie')}»; tillatt: {', '.join(FAMILIER)}")
    if "omrade" in ressurs:
        kjente = set(omrader()["omrade"])
        krev(ressurs["omrade"] in kjente, hvor,
              f"«omrade» er «{ressurs['omrade']}», som ikke står i data/omrader.csv")
    felt = ressurs["schema"].get("fields", [])
    krev([f.get("name") for f in felt[:2]] == ["rad_id", "rad"], hvor,
          "de to første kolonnene i skjemaet må være «rad_id» og «rad»")
    for f in felt:
        krev(f.get("type") in ("string", "number"), hvor,
              f"kolonnen «{f.get('name')}» har type «{f.get('type')}»; tillatt: string, number")
        if f["type"] == "number":
            krev(f.get("prisbasis") in FELT_PRISBASER, hvor,
                  f"kolonnen «{f['name']}» mangler gyldig «prisbasis» ({', '.join(FELT_PRISBASER)})")
            krev("ar" in f, hvor, f"kolonnen «{f['name']}» mangler «ar» (år eller null)")
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


@mellomlager.husk
def _katalog(mappe: Path) -> dict[str, Tabellinfo]:
    katalogfil = mappe / "datapackage.json"
    pakke = _les_json(katalogfil)
    krev(isinstance(pakke.get("resources"), list), katalogfil, "«resources» mangler eller er ikke en liste")
    tabeller: dict[str, Tabellinfo] = {}
    for ressurs in pakke["resources"]:
        info = _tabellinfo(ressurs, mappe, katalogfil)
        krev(info.id not in tabeller, katalogfil, f"tabell-id «{info.id}» forekommer to ganger")
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
