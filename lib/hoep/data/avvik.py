"""The register of the document's contradictions (``data/avvik.yaml``): one entry per contradiction.

An entry says what disagrees and where: the checks of :mod:`hoep.data.kontroller` whose cells are
known contradictions (``kontroller``), the text figures of :mod:`hoep.data.tekstkontroller` that do
not hold (``tekst``), or, for findings no check can compute (a year, a name, a reference), explicit
places (``steder``). Its kind is ``sum`` (a printed total against its rows), ``tabell-tabell`` (two
tables print the same quantity differently), ``tekst-tabell`` or ``tekst-tekst``.

The register is complete and exclusive: every known-contradiction cell of the audit and every text
figure that does not hold belongs to exactly one entry, and every entry still shows its
contradiction in the data (:func:`problemer` lists what is not so). A table place's ``linje`` is the
first line of the table in the source text; the row and column narrow it to the cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hoep.data import kontroller as kontrollmodul
from hoep.data import mellomlager
from hoep.data import tekstkontroller as tekstmodul
from hoep.data.katalog import _katalog
from hoep.data.kontroller import Tabeller
from hoep.data.lesing import les_yaml
from hoep.data.mappe import datamappe
from hoep.feil import DataFeil

FIL = "avvik.yaml"
TYPER = ("sum", "tabell-tabell", "tekst-tabell", "tekst-tekst")
GJELDER = ("tall", "tekst")
_NOKLER = {"id", "kapittel", "type", "gjelder", "kontroller", "tekst", "steder", "verdier", "beskrivelse"}
_STEDNOKLER = {"tabell", "linje", "rad", "kolonne", "trykt", "verdi"}
_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Sted:
    """One place in the document: a table cell (``tabell``, ``rad``, ``kolonne``) or a text line."""

    tabell: str | None
    linje: int | None
    rad: str | None
    kolonne: str | None
    verdi: float | None  # in the printed sign and unit
    trykt: str | None = None
    kapittel: int | None = None

    def som_dict(self) -> dict:
        return {"tabell": self.tabell, "linje": self.linje, "rad": self.rad, "kolonne": self.kolonne,
                "verdi": self.verdi, "trykt": self.trykt, "kapittel": self.kapittel}


@dataclass(frozen=True)
class Sammenligning:
    """One comparison inside an entry: what is printed against what the other place gives."""

    kilde: str  # the check or text figure, or «register» for an entry's own values
    celle: str | None
    publisert: float | str
    beregnet: float | str

    @property
    def differanse(self) -> float | None:
        if isinstance(self.publisert, int | float) and isinstance(self.beregnet, int | float):
            return self.publisert - self.beregnet
        return None


@dataclass(frozen=True)
class Post:
    """An entry as written in ``data/avvik.yaml`` (validated, not yet resolved against the data)."""

    id: str
    kapittel: int
    type: str
    gjelder: str
    kontroller: tuple[tuple[str, str | None], ...]
    tekst: tuple[str, ...]
    steder: tuple[dict, ...]
    verdier: dict | None
    beskrivelse: str


@dataclass(frozen=True)
class Avvik:
    """A resolved entry: its places and comparisons, read from the data."""

    id: str
    kapittel: int
    type: str
    gjelder: str
    beskrivelse: str
    kontroller: tuple[str, ...]
    tekst: tuple[str, ...]
    steder: tuple[Sted, ...]
    sammenligninger: tuple[Sammenligning, ...]

    @property
    def kapitler(self) -> tuple[int, ...]:
        """Every chapter the entry touches (its own and its places')."""
        return tuple(sorted({self.kapittel, *(s.kapittel for s in self.steder if s.kapittel)}))

    def som_dict(self) -> dict:
        return {
            "id": self.id, "kapittel": self.kapittel, "kapitler": list(self.kapitler), "type": self.type,
            "gjelder": self.gjelder, "steder": [s.som_dict() for s in self.steder],
            "sammenligninger": [{"kilde": s.kilde, "celle": s.celle, "publisert": s.publisert,
                                 "beregnet": s.beregnet, "differanse": s.differanse}
                                for s in self.sammenligninger],
            "beskrivelse": self.beskrivelse,
        }


def _feil(fil: Path, hvor: str, melding: str) -> DataFeil:
    return DataFeil(f"{fil}: {hvor}: {melding}")


def _heltall(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _sted(fil: Path, hvor: str, s: object) -> dict:
    if not isinstance(s, dict):
        raise _feil(fil, hvor, "hvert sted skal være et oppslag")
    ukjente = set(s) - _STEDNOKLER
    if ukjente:
        raise _feil(fil, hvor, f"sted med ukjente nøkler {sorted(ukjente)}; tillatt: {sorted(_STEDNOKLER)}")
    if "tabell" not in s and "linje" not in s:
        raise _feil(fil, hvor, "et sted trenger «tabell» eller «linje»")
    if "linje" in s and not _heltall(s["linje"]):
        raise _feil(fil, hvor, "«linje» skal være et linjenummer")
    if ("rad" in s or "kolonne" in s) and "tabell" not in s:
        raise _feil(fil, hvor, "«rad» og «kolonne» krever «tabell»")
    if "tabell" in s and not ("kolonne" in s or "trykt" in s):
        raise _feil(fil, hvor, "et tabellsted trenger «rad» og «kolonne» (en celle) eller «trykt»")
    if "verdi" in s and (not isinstance(s["verdi"], int | float) or isinstance(s["verdi"], bool)):
        raise _feil(fil, hvor, "«verdi» skal være et tall")
    for nokkel in ("tabell", "rad", "kolonne", "trykt"):
        if nokkel in s and (not isinstance(s[nokkel], str) or not s[nokkel].strip()):
            raise _feil(fil, hvor, f"«{nokkel}» skal være tekst")
    if "linje" in s and "tabell" not in s and "trykt" not in s:
        raise _feil(fil, hvor, "et tekststed trenger «trykt» (et kort sitat)")
    return dict(s)


def _post(fil: Path, nr: int, p: object) -> Post:
    if not isinstance(p, dict):
        raise _feil(fil, f"post nr. {nr}", "forventet et oppslag")
    hvor = f"post «{p.get('id', nr)}»"
    ukjente = set(p) - _NOKLER
    if ukjente:
        raise _feil(fil, hvor, f"ukjente nøkler {sorted(ukjente)}; tillatt: {sorted(_NOKLER)}")
    for nokkel in ("id", "kapittel", "type", "beskrivelse"):
        if nokkel not in p:
            raise _feil(fil, hvor, f"mangler «{nokkel}»")
    if not isinstance(p["id"], str) or not _ID.match(p["id"]):
        raise _feil(fil, hvor, "«id» skal bestå av små bokstaver a-z, sifre og _")
    if not _heltall(p["kapittel"]) or not 1 <= p["kapittel"] <= 38:
        raise _feil(fil, hvor, "«kapittel» skal være et kapittelnummer 1-38")
    if p["type"] not in TYPER:
        raise _feil(fil, hvor, f"«type» er «{p['type']}»; tillatt: {', '.join(TYPER)}")
    gjelder = p.get("gjelder", "tall")
    if gjelder not in GJELDER:
        raise _feil(fil, hvor, f"«gjelder» er «{gjelder}»; tillatt: {', '.join(GJELDER)}")
    if not isinstance(p["beskrivelse"], str) or not p["beskrivelse"].strip():
        raise _feil(fil, hvor, "«beskrivelse» skal forklare hva som ikke stemmer")
    lister = {}
    for nokkel in ("kontroller", "tekst", "steder"):
        verdi = p.get(nokkel, [])
        if not isinstance(verdi, list):
            raise _feil(fil, hvor, f"«{nokkel}» skal være en liste")
        lister[nokkel] = verdi
    if not any(lister.values()):
        raise _feil(fil, hvor, "posten trenger «kontroller», «tekst» eller «steder»")
    kontroller = []
    for k in lister["kontroller"]:
        if not isinstance(k, str) or not k:
            raise _feil(fil, hvor, "«kontroller» er id-er fra kontroller.yaml, eventuelt «id:celle»")
        kid, _, celle = k.partition(":")
        kontroller.append((kid, celle or None))
    if not all(isinstance(t, str) for t in lister["tekst"]):
        raise _feil(fil, hvor, "«tekst» er id-er fra tekstkontroller.yaml")
    verdier = p.get("verdier")
    if verdier is not None:
        if (not isinstance(verdier, dict) or set(verdier) != {"publisert", "beregnet"}
                or not all(isinstance(v, int | float | str) and not isinstance(v, bool)
                           for v in verdier.values())):
            raise _feil(fil, hvor, "«verdier» skal være {publisert: …, beregnet: …} (tall eller kort tekst)")
    steder = tuple(_sted(fil, hvor, s) for s in lister["steder"])
    return Post(p["id"], p["kapittel"], p["type"], gjelder, tuple(kontroller), tuple(lister["tekst"]),
                steder, verdier, p["beskrivelse"].strip())


@mellomlager.husk
def _les(fil: Path) -> tuple[Post, ...]:
    innhold = les_yaml(fil)
    if not isinstance(innhold, list):
        raise DataFeil(f"{fil}: forventet en liste av avvik")
    poster = tuple(_post(fil, nr, p) for nr, p in enumerate(innhold, start=1))
    sett: set[str] = set()
    for p in poster:
        if p.id in sett:
            raise _feil(fil, f"post «{p.id}»", "id-en forekommer to ganger")
        sett.add(p.id)
    return poster


def les(sti: Path | None = None) -> tuple[Post, ...]:
    """Read and validate ``data/avvik.yaml`` (the form; :func:`register` resolves it against the data)."""
    return _les(sti or datamappe() / FIL)


def _tabellsted(tabell: str, rad: str | None, kolonne: str | None, tabeller: Tabeller,
                trykt: str | None = None, linje: int | None = None, verdi: float | None = None) -> Sted:
    info = _katalog(datamappe()).get(tabell)
    if info is None:
        raise DataFeil(f"{FIL}: ukjent tabell «{tabell}»")
    if rad is not None and kolonne is not None:
        df = tabeller[tabell]
        if rad not in df.index or kolonne not in df.columns:
            raise DataFeil(f"{FIL}: tabell «{tabell}» har ingen celle «{rad}»/«{kolonne}»")
        celle = float(df.at[rad, kolonne])
        verdi = None if math.isnan(celle) else celle
    return Sted(tabell, linje or info.kildelinjer[0], rad, kolonne, verdi, trykt, info.kapittel)


def _kontrollsteder(k: kontrollmodul.Kontroll, celle: str, tabeller: Tabeller) -> list[Sted]:
    """The printed cell of a check and the cells it is compared with, for one compared cell."""
    if k.retning == "kolonner":
        rad = celle
        steder = [_tabellsted(k.tabell, rad, ref.kolonne or ref.navn, tabeller) for ref in (k.sum, *k.ledd)]
        return [s for i, s in enumerate(steder) if i == 0 or s.verdi is not None]
    rad_i_sum, _, kol = celle.rpartition("/")
    steder = []
    for i, ref in enumerate((k.sum, *(k.mellom or k.ledd))):
        rad = rad_i_sum if ref.navn == "*" else ref.navn
        df = tabeller[ref.tabell]
        kolonne = ref.kolonne or (k.kolonnekart.get(kol, kol) if i and k.kolonnekart and kol not in df.columns
                                  else kol)
        sted = _tabellsted(ref.tabell, rad, kolonne, tabeller)
        if i == 0 or sted.verdi is not None:  # a blank term counts as nothing and is no place
            steder.append(sted)
    return steder


def register(tabeller: Tabeller | None = None) -> list[Avvik]:
    """Every entry of the register, resolved: places with their printed values, and comparisons."""
    tabeller = Tabeller() if tabeller is None else tabeller
    kontroller = {k.id: k for k in kontrollmodul.les()}
    tekstreg = tekstmodul.les()
    fil = datamappe() / FIL
    ut = []
    for p in les():
        steder: list[Sted] = []
        sammenligninger: list[Sammenligning] = []
        for kid, celle in p.kontroller:
            if kid not in kontroller:
                raise _feil(fil, f"post «{p.id}»", f"kontrollen «{kid}» finnes ikke i kontroller.yaml")
            k = kontroller[kid]
            celler = [celle] if celle else list(k.avvik)
            for c in celler:
                if c not in k.avvik:
                    raise _feil(fil, f"post «{p.id}»", f"kontrollen «{kid}» har ikke «{c}» som kjent avvik")
                steder.extend(_kontrollsteder(k, c, tabeller))
                v = k.avvik[c]
                sammenligninger.append(Sammenligning(kid, c, v["publisert"], v["beregnet"]))
        for tid in p.tekst:
            if tid not in tekstreg.tall or tekstreg.tall[tid].uttrykk is None:
                raise _feil(fil, f"post «{p.id}»",
                            f"«{tid}» er ikke et kontrollert tall i tekstkontroller.yaml")
            t = tekstreg.tall[tid]
            r = tekstmodul.evaluer(t, tekstreg, tabeller)
            steder.append(Sted(None, t.linje, None, None, t.verdi, t.trykt, r.kapittel))
            for tabell, rad, kolonne, _ in r.celler:
                steder.append(_tabellsted(tabell, rad, kolonne, tabeller))
            for annen in r.tekster:
                a = tekstreg.tall[annen]
                steder.append(Sted(None, a.linje, None, None, a.verdi, a.trykt,
                                   tekstreg.kapittel_for(a.linje)))
            sammenligninger.append(Sammenligning(tid, None, r.publisert, round(r.beregnet, 6)))
        for s in p.steder:
            if "tabell" in s:
                steder.append(_tabellsted(s["tabell"], s.get("rad"), s.get("kolonne"), tabeller,
                                          s.get("trykt"), s.get("linje"), s.get("verdi")))
            else:
                steder.append(Sted(None, s["linje"], None, None, s.get("verdi"), s["trykt"],
                                   tekstreg.kapittel_for(s["linje"])))
        if p.verdier is not None:
            sammenligninger.insert(0, Sammenligning("register", None, p.verdier["publisert"],
                                                    p.verdier["beregnet"]))
        elif not sammenligninger and len(p.steder) >= 2:
            a, b = steder[-len(p.steder)], steder[-len(p.steder) + 1]
            sammenligninger.append(Sammenligning(
                "register", None, a.verdi if a.verdi is not None else a.trykt,
                b.verdi if b.verdi is not None else b.trykt))
        unike = list(dict.fromkeys(steder))
        if len(unike) < 2:
            raise _feil(fil, f"post «{p.id}»", "en motsigelse trenger minst to steder")
        ut.append(Avvik(p.id, p.kapittel, p.type, p.gjelder, p.beskrivelse,
                        tuple(dict.fromkeys(kid for kid, _ in p.kontroller)), p.tekst, tuple(unike),
                        tuple(sammenligninger)))
    return ut


def problemer(rev: pd.DataFrame | None = None, tekst: pd.DataFrame | None = None,
              avvik: list[Avvik] | None = None) -> list[str]:
    """What keeps the register from being complete and true; empty when all is well.

    Every known-contradiction cell of the audit and every text figure that does not hold belongs
    to exactly one entry; every text figure an entry names still does not hold; an entry's
    chapter is one of its places'.
    """
    tabeller = Tabeller()
    rev = kontrollmodul.revisjon(tabeller) if rev is None else rev
    tekst = tekstmodul.revisjon(tabeller) if tekst is None else tekst
    avvik = register(tabeller) if avvik is None else avvik
    ut = []
    eier: dict[tuple[str, str], list[str]] = {}
    kontroller = {k.id: k for k in kontrollmodul.les()}
    for a, p in zip(avvik, les(), strict=True):
        for kid, celle in p.kontroller:
            for c in [celle] if celle else list(kontroller[kid].avvik):
                eier.setdefault((kid, c), []).append(a.id)
        for tid in p.tekst:
            eier.setdefault(("tekst", tid), []).append(a.id)
        stedkapitler = {s.kapittel for s in a.steder if s.kapittel}
        if stedkapitler and a.kapittel not in stedkapitler:
            ut.append(f"«{a.id}»: kapittel {a.kapittel} er ikke kapitlet til noen av stedene")
    kjente = rev[rev["status"] == kontrollmodul.KJENT_AVVIK]
    for kid, celle in zip(kjente["kontroll"], kjente["celle"], strict=True):
        if (kid, celle) not in eier:
            ut.append(f"kjent avvik {kid}/{celle} står ikke i avviksregisteret")
    for tid, holder in zip(tekst["id"], tekst["holder"], strict=True):
        if not holder and ("tekst", tid) not in eier:
            ut.append(f"tekstkontrollen {tid} holder ikke og står ikke i avviksregisteret")
        if holder and ("tekst", tid) in eier:
            ut.append(f"tekstkontrollen {tid} står i avviksregisteret ({eier[('tekst', tid)][0]}), "
                      "men holder")
    for nokkel, ider in eier.items():
        if len(ider) > 1:
            ut.append(f"{'/'.join(nokkel)} står i flere poster: {', '.join(ider)}")
    return ut


def visningsdesimaler(*verdier: object) -> int:
    """The decimals needed to show the values as printed (at most 3)."""
    d = 0
    for v in verdier:
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            while d < 3 and abs(v - round(v, d)) > 1e-9:
                d += 1
    return d


def stedtekst(s: Sted) -> str:
    """A place as a controller looks it up: «Tabell 8-20 (l. 5659)» or «l. 5666»."""
    if s.tabell is None:
        return f"l. {s.linje}"
    t = _katalog(datamappe())[s.tabell]
    return f"{t.trykt_nummer or t.tittel} (l. {s.linje})"


def tabell(avvik: list[Avvik] | None = None, kapittel: int | None = None) -> pd.DataFrame:
    """The register in long form: one row per comparison, with the entry's id, chapter and kind.

    Columns: id, kapittel, type, gjelder, kilde, celle, publisert, beregnet, differanse,
    desimaler (to show the values as printed), steder (tables and lines), beskrivelse.
    """
    avvik = register() if avvik is None else avvik
    rader = []
    for a in avvik:
        if kapittel is not None and kapittel not in a.kapitler:
            continue
        steder = "; ".join(dict.fromkeys(stedtekst(s) for s in a.steder))
        for s in a.sammenligninger:
            rader.append({"id": a.id, "kapittel": a.kapittel, "type": a.type, "gjelder": a.gjelder,
                          "kilde": s.kilde, "celle": s.celle, "publisert": s.publisert,
                          "beregnet": s.beregnet, "differanse": s.differanse,
                          "desimaler": visningsdesimaler(s.publisert, s.beregnet), "steder": steder,
                          "beskrivelse": a.beskrivelse})
    return pd.DataFrame(rader, columns=["id", "kapittel", "type", "gjelder", "kilde", "celle", "publisert",
                                        "beregnet", "differanse", "desimaler", "steder", "beskrivelse"])


def sammendrag(rev: pd.DataFrame, tekst: pd.DataFrame, avvik: list[Avvik]) -> pd.DataFrame:
    """Per chapter: checks and cells compared, text figures checked, and contradictions by kind.

    ``rev`` is :func:`hoep.data.kontroller.revisjon`, ``tekst`` :func:`hoep.data.tekstkontroller.revisjon`
    and ``avvik`` :func:`register`; a check counts in its table's chapter, a text figure in its
    line's, a contradiction in its entry's. Chapters with none of these are left out.
    """
    titler = {k.kapittel: k.tittel for k in tekstmodul.les().kapitler}
    kapitler = sorted(set(rev["kapittel"]) | set(tekst["kapittel"].dropna().astype(int))
                      | {a.kapittel for a in avvik})
    rader = []
    for k in kapitler:
        r = rev[rev["kapittel"] == k]
        t = tekst[tekst["kapittel"] == k]
        egne = [a for a in avvik if a.kapittel == k]
        rad = {"kapittel": k, "tittel": titler.get(k, ""), "kontroller": r["kontroll"].nunique(),
               "celler": len(r), "celler som holder": int((r["status"] == kontrollmodul.OK).sum()),
               "teksttall": len(t), "teksttall som holder": int(t["holder"].sum())}
        for typ in TYPER:
            rad[typ] = sum(a.type == typ for a in egne)
        rad["selvmotsigelser"] = len(egne)
        rader.append(rad)
    return pd.DataFrame(rader).set_index("kapittel")
