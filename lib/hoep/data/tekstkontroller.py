"""Figures in the running text that restate, sum or compare table figures (``data/tekstkontroller.yaml``).

Each entry is one figure as the text prints it (``trykt``, with its source line) and, where it
claims something about the tables, an expression over table cells (``{tabell:rad:kolonne}``) or
other text figures (``{tekst:id}``). The figure holds when it can be a rounding of what the cells
say: every cell is itself rounded (± half a unit of its table's last printed decimal), so the
expression is computed as an interval, and the figure holds when the interval around the printed
figure (± half a unit of its last digit, or ``presisjon``/2) overlaps it. «Om lag», «omtrent»,
«anslagsvis», «rundt», «ca.» and «cirka» before a round number read as rounding to its last
non-zero digit. ``relasjon`` (``<``, ``>``, ``<=``, ``>=``) reads «under», «over», «mer enn»: the
table value stands in that relation to the printed figure. Entries that do not hold are the
document's contradictions and belong in the register (:mod:`hoep.data.avvik`).

``gjennomgang`` records how the register was built: per chapter, its source lines, how many
candidates ``tools/teksttall_kandidater.py`` found, and the lines whose candidates restate no table.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hoep.data import mellomlager
from hoep.data.katalog import _katalog
from hoep.data.kontroller import Tabeller
from hoep.data.lesing import les_yaml
from hoep.data.mappe import datamappe
from hoep.feil import DataFeil

FIL = "tekstkontroller.yaml"
RELASJONER = ("=", "<", ">", "<=", ">=")
_NOKLER = {"id", "linje", "trykt", "verdi", "uttrykk", "relasjon", "presisjon", "eksakt", "merknad"}
_KAPITTELNOKLER = {"kapittel", "tittel", "linjer", "kandidater", "merknad", "uten_tabell"}
_ID = re.compile(r"^l(\d+)[a-z]?$")
_TALL = re.compile(r"[−-]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|[−-]?\d+(?:,\d+)?")
_ORD = {"null": 0, "en": 1, "ett": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
        "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "femten": 15,
        "tjue": 20, "tretti": 30, "førti": 40, "femti": 50, "hundre": 100}
_OMTRENT = re.compile(r"\b(om ?lag|omtrent|anslagsvis|rundt|ca\.|cirka)(?!\w)", re.IGNORECASE)
_REF = re.compile(r"\{([^{}]*)\}")
_EPS = 1e-9


@dataclass(frozen=True)
class Teksttall:
    """One figure in the running text, and what it claims about the tables."""

    id: str
    linje: int
    trykt: str
    verdi: float
    halv: float  # half the printed figure's rounding unit (0 for exact figures)
    uttrykk: str | None
    relasjon: str
    merknad: str | None


@dataclass(frozen=True)
class Kapittel:
    kapittel: int
    tittel: str
    linjer: tuple[int, int]
    kandidater: int
    uten_tabell: tuple[int, ...]
    merknad: str | None


@dataclass(frozen=True)
class Register:
    tall: dict[str, Teksttall]
    kapitler: tuple[Kapittel, ...]

    def kapittel_for(self, linje: int) -> int | None:
        """The chapter a source line belongs to."""
        for k in self.kapitler:
            if k.linjer[0] <= linje <= k.linjer[1]:
                return k.kapittel
        return None


@dataclass(frozen=True)
class Tekstresultat:
    """A text figure against its expression: the printed value, the expression's value and interval."""

    id: str
    linje: int
    kapittel: int | None
    trykt: str
    relasjon: str
    publisert: float
    beregnet: float
    lav: float
    hoy: float
    holder: bool
    celler: tuple[tuple[str, str, str, float], ...] = field(default=())
    tekster: tuple[str, ...] = field(default=())

    @property
    def differanse(self) -> float:
        return self.publisert - self.beregnet


def tolk(trykt: str) -> tuple[float, float]:
    """The value of a printed figure and half its rounding unit: ``"om lag 40"`` → (40, 5)."""
    m = _TALL.search(trykt)
    if not m:
        ord_ = trykt.split()[0].lower() if trykt.split() else ""
        if ord_ in _ORD:
            return float(_ORD[ord_]), 0.5
        raise ValueError(trykt)
    tekst = m.group(0).replace("−", "-").replace(" ", "").replace("\u00a0", "")
    if "," in tekst:
        desimaler = len(tekst.split(",")[1])
        return float(tekst.replace(",", ".")), 0.5 * 10.0**-desimaler
    verdi = float(tekst)
    enhet = 1
    if _OMTRENT.search(trykt):
        n = abs(int(verdi))
        while n and n % 10 == 0:
            n //= 10
            enhet *= 10
    return verdi, 0.5 * enhet


def _feil(fil: Path, hvor: str, melding: str) -> DataFeil:
    return DataFeil(f"{fil}: {hvor}: {melding}")


def _tall(fil: Path, nr: int, post: object) -> Teksttall:
    if not isinstance(post, dict):
        raise _feil(fil, f"tall nr. {nr}", "forventet et oppslag")
    hvor = f"tall «{post.get('id', nr)}»"
    ukjente = set(post) - _NOKLER
    if ukjente:
        raise _feil(fil, hvor, f"ukjente nøkler {sorted(ukjente)}; tillatt: {sorted(_NOKLER)}")
    for nokkel in ("id", "linje", "trykt"):
        if nokkel not in post:
            raise _feil(fil, hvor, f"mangler «{nokkel}»")
    pid, linje, trykt = post["id"], post["linje"], post["trykt"]
    m = _ID.match(str(pid))
    if not isinstance(linje, int) or isinstance(linje, bool) or not m or int(m.group(1)) != linje:
        raise _feil(fil, hvor, "«id» skal være l<linje> med en bokstav etter ved behov, "
                               "og «linje» et heltall")
    if not isinstance(trykt, str) or not trykt.strip():
        raise _feil(fil, hvor, "«trykt» skal være tallet slik teksten trykker det")
    if "verdi" in post:
        verdi = post["verdi"]
        if not isinstance(verdi, int | float) or isinstance(verdi, bool):
            raise _feil(fil, hvor, "«verdi» skal være et tall")
        verdi, halv = float(verdi), 0.5
    else:
        try:
            verdi, halv = tolk(trykt)
        except ValueError:
            raise _feil(fil, hvor, f"finner ikke noe tall i «{trykt}»; oppgi «verdi»") from None
    if "presisjon" in post:
        p = post["presisjon"]
        if not isinstance(p, int | float) or isinstance(p, bool) or p <= 0:
            raise _feil(fil, hvor, "«presisjon» skal være et positivt tall")
        halv = p / 2
    if "eksakt" in post:
        if not isinstance(post["eksakt"], bool):
            raise _feil(fil, hvor, "«eksakt» skal være true eller false")
        if post["eksakt"]:
            halv = 0.0
    relasjon = post.get("relasjon", "=")
    if relasjon not in RELASJONER:
        raise _feil(fil, hvor, f"«relasjon» er «{relasjon}»; tillatt: {', '.join(RELASJONER)}")
    uttrykk = post.get("uttrykk")
    if uttrykk is not None:
        if not isinstance(uttrykk, str) or not _REF.search(uttrykk):
            raise _feil(fil, hvor, "«uttrykk» skal vise til minst én celle {tabell:rad:kolonne} "
                                   "eller {tekst:id}")
        try:
            _sjekk_tre(ast.parse(_REF.sub("x", uttrykk), mode="eval"))
        except (SyntaxError, ValueError) as e:
            raise _feil(fil, hvor, f"ugyldig uttrykk «{uttrykk}»: bare tall, celler, + − * / ** og "
                                   f"parenteser er tillatt ({e})") from None
        for ref in _REF.findall(uttrykk):
            deler = ref.split(":")
            if len(deler) != 3 and not (len(deler) == 2 and deler[0] == "tekst"):
                raise _feil(fil, hvor, f"ugyldig referanse «{{{ref}}}»; tillatt: {{tabell:rad:kolonne}} "
                                       "eller {tekst:id}")
    merknad = post.get("merknad")
    if merknad is not None and not isinstance(merknad, str):
        raise _feil(fil, hvor, "«merknad» skal være tekst")
    return Teksttall(str(pid), linje, trykt, verdi, halv, uttrykk, relasjon, merknad)


_LOVLIG = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load, ast.Add,
           ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd)


def _sjekk_tre(tre: ast.AST) -> None:
    for node in ast.walk(tre):
        if not isinstance(node, _LOVLIG):
            raise ValueError(type(node).__name__)
        if isinstance(node, ast.Constant) and (not isinstance(node.value, int | float)
                                               or isinstance(node.value, bool)):
            raise ValueError("konstant")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and not isinstance(
                node.right, ast.Constant):
            raise ValueError("eksponenten skal være et tall")


def _kapittel(fil: Path, nr: int, post: object) -> Kapittel:
    hvor = f"gjennomgang nr. {nr}"
    if not isinstance(post, dict):
        raise _feil(fil, hvor, "forventet et oppslag")
    ukjente = set(post) - _KAPITTELNOKLER
    if ukjente:
        raise _feil(fil, hvor, f"ukjente nøkler {sorted(ukjente)}; tillatt: {sorted(_KAPITTELNOKLER)}")
    for nokkel in ("kapittel", "tittel", "linjer", "kandidater", "uten_tabell"):
        if nokkel not in post:
            raise _feil(fil, hvor, f"mangler «{nokkel}»")
    linjer = post["linjer"]
    heltall = [post["kapittel"], post["kandidater"], *(linjer if isinstance(linjer, list) else []),
               *(post["uten_tabell"] if isinstance(post["uten_tabell"], list) else [])]
    if (not isinstance(linjer, list) or len(linjer) != 2 or not isinstance(post["uten_tabell"], list)
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in heltall)
            or linjer[0] > linjer[1]):
        raise _feil(fil, hvor, "«kapittel» og «kandidater» er heltall, «linjer» [første, siste] og "
                               "«uten_tabell» en liste av linjenumre")
    utenfor = [x for x in post["uten_tabell"] if not linjer[0] <= x <= linjer[1]]
    if utenfor:
        raise _feil(fil, hvor, f"linjene {utenfor} i «uten_tabell» ligger utenfor kapitlet {linjer}")
    return Kapittel(post["kapittel"], str(post["tittel"]), (linjer[0], linjer[1]), post["kandidater"],
                    tuple(post["uten_tabell"]), post.get("merknad"))


@mellomlager.husk
def _les(fil: Path) -> Register:
    innhold = les_yaml(fil)
    if not isinstance(innhold, dict) or set(innhold) - {"tall", "gjennomgang"} or "tall" not in innhold:
        raise DataFeil(f"{fil}: forventet nøklene «tall» (liste) og «gjennomgang» (liste)")
    if not isinstance(innhold["tall"], list) or not isinstance(innhold.get("gjennomgang", []), list):
        raise DataFeil(f"{fil}: «tall» og «gjennomgang» skal være lister")
    tall: dict[str, Teksttall] = {}
    for nr, post in enumerate(innhold["tall"], start=1):
        t = _tall(fil, nr, post)
        if t.id in tall:
            raise _feil(fil, f"tall «{t.id}»", "id-en forekommer to ganger")
        tall[t.id] = t
    for t in tall.values():
        for ref in _REF.findall(t.uttrykk or ""):
            if ref.startswith("tekst:") and (ref[6:] not in tall or ref[6:] == t.id):
                raise _feil(fil, f"tall «{t.id}»", f"«{{{ref}}}» viser ikke til et annet tall i filen")
    kapitler = tuple(_kapittel(fil, nr, k) for nr, k in enumerate(innhold.get("gjennomgang", []), 1))
    for a, b in zip(kapitler, kapitler[1:], strict=False):
        if b.kapittel != a.kapittel + 1 or b.linjer[0] != a.linjer[1] + 1:
            raise _feil(fil, f"gjennomgang, kapittel {b.kapittel}",
                        "kapitlene skal følge hverandre uten hull (kapittel og linjer)")
    linjer_med_tall = {t.linje for t in tall.values()}
    for k in kapitler:
        dobbelt = sorted(set(k.uten_tabell) & linjer_med_tall)
        if dobbelt:
            raise _feil(fil, f"gjennomgang, kapittel {k.kapittel}",
                        f"linjene {dobbelt} står både under «uten_tabell» og som tall")
    return Register(tall, kapitler)


def les(sti: Path | None = None) -> Register:
    """Read and validate ``data/tekstkontroller.yaml``."""
    return _les(sti or datamappe() / FIL)


class _Intervall:
    """A closed interval with the arithmetic of its endpoints."""

    def __init__(self, lav: float, hoy: float) -> None:
        self.lav, self.hoy = min(lav, hoy), max(lav, hoy)

    def __add__(self, o: _Intervall) -> _Intervall:
        return _Intervall(self.lav + o.lav, self.hoy + o.hoy)

    def __sub__(self, o: _Intervall) -> _Intervall:
        return _Intervall(self.lav - o.hoy, self.hoy - o.lav)

    def __mul__(self, o: _Intervall) -> _Intervall:
        p = (self.lav * o.lav, self.lav * o.hoy, self.hoy * o.lav, self.hoy * o.hoy)
        return _Intervall(min(p), max(p))

    def __truediv__(self, o: _Intervall) -> _Intervall:
        if o.lav <= 0 <= o.hoy:
            raise ZeroDivisionError
        return self * _Intervall(1 / o.hoy, 1 / o.lav)

    def __pow__(self, n: float) -> _Intervall:
        p = (self.lav**n, self.hoy**n)
        return _Intervall(min(p), max(p))

    def __neg__(self) -> _Intervall:
        return _Intervall(-self.hoy, -self.lav)


_OPERASJON = {ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.Div: "__truediv__"}


def _regn(node: ast.AST, verdier: dict[str, tuple[float, _Intervall]]) -> tuple[float, _Intervall]:
    """Evaluate a checked expression tree on (point, interval) pairs."""
    if isinstance(node, ast.Expression):
        return _regn(node.body, verdier)
    if isinstance(node, ast.Constant):
        return float(node.value), _Intervall(node.value, node.value)
    if isinstance(node, ast.Name):
        return verdier[node.id]
    if isinstance(node, ast.UnaryOp):
        p, i = _regn(node.operand, verdier)
        return (-p, -i) if isinstance(node.op, ast.USub) else (p, i)
    a, ai = _regn(node.left, verdier)
    if isinstance(node.op, ast.Pow):
        n = float(node.right.value)
        return a**n, ai**n
    b, bi = _regn(node.right, verdier)
    navn = _OPERASJON[type(node.op)]
    return getattr(a, navn)(b), getattr(ai, navn)(bi)


def tabell_id(kort: str) -> str:
    """A table id from its full id or its printed number: ``8-2`` is the one table ``tabell_8_2_…``."""
    tabeller = _katalog(datamappe())
    if kort in tabeller:
        return kort
    if re.fullmatch(r"\d+-\d+", kort):
        prefiks = "tabell_" + kort.replace("-", "_") + "_"
        treff = [t for t in tabeller if t.startswith(prefiks)]
        if len(treff) == 1:
            return treff[0]
        if treff:
            raise DataFeil(f"Tabellnummeret «{kort}» er trykt for flere tabeller ({', '.join(treff)}); "
                           "bruk hele id-en")
    raise DataFeil(f"Ukjent tabell «{kort}»")


def evaluer(t: Teksttall, register: Register, tabeller: Tabeller | None = None) -> Tekstresultat:
    """Compare one text figure with its expression (which it must have)."""
    tabeller = Tabeller() if tabeller is None else tabeller
    if t.uttrykk is None:
        raise DataFeil(f"{FIL}: tall «{t.id}» har ikke noe uttrykk å kontrollere")
    verdier: dict[str, tuple[float, _Intervall]] = {}
    celler: list[tuple[str, str, str, float]] = []
    tekster: list[str] = []

    def bytt(m: re.Match) -> str:
        navn = f"v{len(verdier)}"
        deler = m.group(1).split(":")
        if deler[0] == "tekst":
            annen = register.tall[deler[1]]
            verdier[navn] = annen.verdi, _Intervall(annen.verdi - annen.halv, annen.verdi + annen.halv)
            tekster.append(annen.id)
            return navn
        try:
            tid = tabell_id(deler[0])
            df = tabeller[tid]
            verdi = float(df.at[deler[1], deler[2]])
        except (DataFeil, KeyError) as e:
            raise DataFeil(f"{FIL}: tall «{t.id}»: finner ikke cellen «{{{m.group(1)}}}» ({e})") from None
        if math.isnan(verdi):
            raise DataFeil(f"{FIL}: tall «{t.id}»: cellen «{{{m.group(1)}}}» er tom")
        halv = 0.5 * 10.0 ** -_katalog(datamappe())[tid].desimaler
        verdier[navn] = verdi, _Intervall(verdi - halv, verdi + halv)
        celler.append((tid, deler[1], deler[2], verdi))
        return navn

    kode = _REF.sub(bytt, t.uttrykk)
    try:
        punkt, ivl = _regn(ast.parse(kode, mode="eval"), verdier)
    except ZeroDivisionError:
        raise DataFeil(f"{FIL}: tall «{t.id}»: uttrykket deler på et intervall som inneholder null") from None
    v, h = t.verdi, t.halv
    if t.relasjon == "=":
        lav, hoy = max(ivl.lav, v - h), min(ivl.hoy, v + h)
        holder = hoy - lav > _EPS or (hoy - lav > -_EPS and (h == 0 or ivl.hoy - ivl.lav < _EPS))
    elif t.relasjon == ">":
        holder = ivl.hoy > v
    elif t.relasjon == "<":
        holder = ivl.lav < v
    elif t.relasjon == ">=":
        holder = ivl.hoy >= v - h
    else:
        holder = ivl.lav <= v + h
    return Tekstresultat(t.id, t.linje, register.kapittel_for(t.linje), t.trykt, t.relasjon, v, punkt,
                         ivl.lav, ivl.hoy, bool(holder), tuple(celler), tuple(tekster))


def resultater(tabeller: Tabeller | None = None) -> list[Tekstresultat]:
    """Every text figure with an expression, compared with the tables."""
    register = les()
    tabeller = Tabeller() if tabeller is None else tabeller
    return [evaluer(t, register, tabeller) for t in register.tall.values() if t.uttrykk is not None]


def revisjon(tabeller: Tabeller | None = None) -> pd.DataFrame:
    """One row per checked text figure: id, linje, kapittel, trykt, publisert, beregnet, lav, hoy, holder."""
    rader = [{"id": r.id, "linje": r.linje, "kapittel": r.kapittel, "trykt": r.trykt,
              "relasjon": r.relasjon, "publisert": r.publisert, "beregnet": r.beregnet,
              "lav": r.lav, "hoy": r.hoy, "holder": r.holder,
              "mot_tabell": bool(r.celler)} for r in resultater(tabeller)]
    return pd.DataFrame(rader, columns=["id", "linje", "kapittel", "trykt", "relasjon", "publisert",
                                        "beregnet", "lav", "hoy", "holder", "mot_tabell"])


def gjennomgang() -> pd.DataFrame:
    """Per chapter: candidates the tool found, lines without a table figure, and the register's counts.

    Columns: kapittel, tittel, kandidater, linjer_uten_tabell, tall (text figures recorded),
    kontrollert (with an expression), mot_tabell (expression over table cells).
    """
    register = les()
    rader = []
    for k in register.kapitler:
        poster = [t for t in register.tall.values() if register.kapittel_for(t.linje) == k.kapittel]
        rader.append({"kapittel": k.kapittel, "tittel": k.tittel, "kandidater": k.kandidater,
                      "linjer_uten_tabell": len(k.uten_tabell), "tall": len(poster),
                      "kontrollert": sum(t.uttrykk is not None for t in poster),
                      "mot_tabell": sum(t.uttrykk is not None and any(
                          not r.startswith("tekst:") for r in _REF.findall(t.uttrykk)) for t in poster)})
    return pd.DataFrame(rader)
