"""Gebyrer og brukerbetalinger (kap. 10): what a household pays, and the fee changes of 2022.

Rules (rates from ``data/forutsetninger.yaml``; kroner per year, løpende priser):

- **Barnehage** (forskrift om foreldrebetaling i barnehager, FOR-2005-12-16-1478; kap. 10.5.2):
  a heltidsplass costs the maksimalpris per month × 11 months (§ 1: 3 315 × 11 = 36 465 kr in
  2022). Per child, in this order:

  1. redusert foreldrebetaling: at most 6 % of the household's samlede inntekt *per barn*
     (§ 3b, before 1 August 2020 § 1 annet ledd);
  2. gratis kjernetid: children aged 2-5 in households with income below the Storting's limit get
     20 of the 41 weekly hours free (§ 3c, before § 3a); we reduce the price by 20/41;
  3. søskenmoderasjon: 30 % for child 2 and 50 % from child 3, computed from the price after
     steps 1-2 (§ 3: the discount is reckoned from the payment «begrenset oppad til
     maksimalgrensen … og eventuell redusert foreldrebetaling ved lav inntekt»). The oldest child
     counts as child 1 (our reading; the regulation does not order the children).

- **SFO** (kap. 10.5.1): heltid 3 080 and halvtid 2 060 kr per month in 2022, 11 months. Trondheim's
  moderation from autumn 2020: a household pays at most 6 % of its income for SFO in total. (The
  national scheme for redusert foreldrebetaling i SFO, hjemlet i opplæringslova § 13-7, has the same
  6 % cap from 1 August 2020 for the youngest pupils; we follow the document's wider wording.) The
  document gives no sibling discount for SFO, and søskenmoderasjon in barnehage counts only children
  in barnehage (§ 3), so an SFO child does not make a barnehage child «barn nummer to».
- **Kulturskole** (kap. 10.5.3): 4 210 kr a year per pupil in 2022, 50 % from the third pupil.
- **Vann, avløp, renovasjon og feiing**: fast part + price per m3 × metered use (vann, avløp),
  renovasjon per year, feiing per pipe. The 2021 rates are our calibrated assumptions (see
  ``data/forutsetninger.yaml``); 2022 = 2021 × (1 + Tabell 10-1's nominal change), unless a
  scenario sets a 2022 value.

``inntekt=None`` means a household above every income limit (no moderation), as the document's
example family (kap. 10.8: «øvrige endringer … moderasjonsordninger [får ikke] konsekvenser»).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from hoep import data, tall
from hoep.data import avvik
from hoep.feil import HoepFeil
from hoep.parametre.forutsetninger import Aarsverdier
from hoep.regler import eiendomsskatt

AR = (2021, 2022)
# fee rate → the row of Tabell 10-1 whose nominal change takes it from 2021 to 2022
ENDRING_10_1 = {"vanngebyr_fast": "vanngebyr", "vanngebyr_per_m3": "vanngebyr",
                "avlopsgebyr_fast": "avlopsgebyr", "avlopsgebyr_per_m3": "avlopsgebyr",
                "renovasjonsgebyr": "renovasjonsgebyr", "feiegebyr": "feiegebyr"}
TABELL_10_1 = "tabell_10_1_endring_gebyrer"
TABELL_10_8 = "tabell_10_8_brukerbetalinger_eksempelfamilie"
SFO_PLASSER = ("heltid", "halvtid")


@dataclass(frozen=True)
class Barn:
    """One child: age and which paid services it uses (barnehage and SFO full or part time)."""

    alder: int
    barnehage: bool = False
    sfo: str | None = None
    kulturskole: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.alder, int) or not 0 <= self.alder <= 18:
            raise HoepFeil(f"barnets alder må være et heltall 0-18, fikk «{self.alder}».")
        if self.sfo is not None and self.sfo not in SFO_PLASSER:
            raise HoepFeil(f"SFO-plass må være {' eller '.join(SFO_PLASSER)}, fikk «{self.sfo}».")
        if self.barnehage and self.alder > 6:
            raise HoepFeil(f"et barn på {self.alder} år kan ikke ha barnehageplass (0-6 år).")


@dataclass(frozen=True)
class Husholdning:
    """A household profile: children, income (None: above every limit), water use, pipes."""

    barn: tuple[Barn, ...] = ()
    inntekt: float | None = None
    vannforbruk_m3: float = 150.0
    renovasjon: bool = True
    piper: int = 1
    boligverdi: float | None = None
    boenheter: int = 1
    navn: str = field(default="husholdning", compare=False)

    def __post_init__(self) -> None:
        if self.inntekt is not None and self.inntekt < 0:
            raise HoepFeil(f"inntekten kan ikke være negativ, fikk {self.inntekt}.")
        if self.vannforbruk_m3 < 0:
            raise HoepFeil(f"vannforbruket kan ikke være negativt, fikk {self.vannforbruk_m3}.")
        if not isinstance(self.piper, int) or self.piper < 0:
            raise HoepFeil(f"antall piper må være et heltall, 0 eller mer, fikk «{self.piper}».")


def eksempelfamilie() -> Husholdning:
    """The document's example family (kap. 10.8): one child in barnehage, one in SFO and kulturskole,
    metered water use of 150 m3, three 140-litre bins; no moderation applies."""
    return Husholdning(barn=(Barn(alder=4, barnehage=True), Barn(alder=7, sfo="heltid", kulturskole=True)),
                       inntekt=None, vannforbruk_m3=150.0, renovasjon=True, piper=1,
                       navn="eksempelfamilien")


def _sjekk_ar(ar: int) -> None:
    if ar not in AR:
        raise HoepFeil(f"gebyrene er beregnet for {AR[0]} og {AR[1]}, ikke {ar}.")


def sats(p: Aarsverdier, navn: str) -> float:
    """A fee rate in year ``p.ar``; a VARF rate not dated in that year follows Tabell 10-1 from the
    year before (2022 = 2021 × (1 + the table's nominal change))."""
    _sjekk_ar(p.ar)
    if navn in ENDRING_10_1 and not p.satt_for(navn):
        endring = float(data.tabell(TABELL_10_1).at[ENDRING_10_1[navn], "nominell_endring"])
        return float(p.forrige[navn]) * (1 + endring / 100)
    return float(p[navn])


def _inntektstak(hh: Husholdning, p: Aarsverdier) -> float | None:
    if hh.inntekt is None:
        return None
    return hh.inntekt * float(p.inntektstak_foreldrebetaling) / 100


def barnehage(hh: Husholdning, p: Aarsverdier) -> pd.DataFrame:
    """Foreldrebetaling per child in barnehage in year ``p.ar``, step by step (see the module docstring)."""
    _sjekk_ar(p.ar)
    maneder = float(p.barnehage_betalingsmaneder)
    full = sats(p, "barnehage_maksimalpris") * maneder
    tak = _inntektstak(hh, p)
    grense = float(p.gratis_kjernetid_inntektsgrense)
    fri_andel = float(p.gratis_kjernetid_timer) / float(p.barnehage_heltid_timer)
    moderasjon = {2: float(p.soskenmoderasjon_barn_2), 3: float(p.soskenmoderasjon_barn_3)}
    rader = []
    barn = sorted((b for b in hh.barn if b.barnehage), key=lambda b: -b.alder)
    for nr, b in enumerate(barn, start=1):
        etter_tak = full if tak is None else min(full, tak)
        kjernetid = hh.inntekt is not None and hh.inntekt < grense and 2 <= b.alder <= 5
        etter_kjernetid = etter_tak * (1 - fri_andel) if kjernetid else etter_tak
        pst = 0.0 if nr == 1 else moderasjon[min(nr, 3)]
        betaling = etter_kjernetid * (1 - pst / 100)
        rader.append({"barn_nr": nr, "alder": b.alder, "full_pris": full, "etter_inntektstak": etter_tak,
                      "gratis_kjernetid": kjernetid, "etter_kjernetid": etter_kjernetid,
                      "soskenmoderasjon_pst": pst, "betaling": betaling})
    return pd.DataFrame(rader, columns=["barn_nr", "alder", "full_pris", "etter_inntektstak",
                                        "gratis_kjernetid", "etter_kjernetid", "soskenmoderasjon_pst",
                                        "betaling"])


def sfo(hh: Husholdning, p: Aarsverdier) -> float:
    """SFO for the household per year, capped at 6 % of income in total (Trondheim, kap. 10.5.1)."""
    _sjekk_ar(p.ar)
    maneder = float(p.sfo_betalingsmaneder)
    sum_ = sum(sats(p, f"sfo_{b.sfo}") * maneder for b in hh.barn if b.sfo)
    tak = _inntektstak(hh, p)
    return sum_ if tak is None else min(sum_, tak)


def kulturskole(hh: Husholdning, p: Aarsverdier) -> float:
    """Kulturskole per year: the price per pupil, 50 % off from the third pupil (kap. 10.5.3)."""
    _sjekk_ar(p.ar)
    pris = sats(p, "kulturskole_arspris")
    moderasjon = float(p.kulturskole_soskenmoderasjon) / 100
    elever = sum(1 for b in hh.barn if b.kulturskole)
    return sum(pris * (1 - moderasjon if nr >= 3 else 1) for nr in range(1, elever + 1))


def varf(hh: Husholdning, p: Aarsverdier) -> dict[str, float]:
    """Vann, avløp, renovasjon og feiing per year for the household."""
    m3 = hh.vannforbruk_m3
    return {
        "vann": sats(p, "vanngebyr_fast") + sats(p, "vanngebyr_per_m3") * m3,
        "avlop": sats(p, "avlopsgebyr_fast") + sats(p, "avlopsgebyr_per_m3") * m3,
        "renovasjon": sats(p, "renovasjonsgebyr") if hh.renovasjon else 0.0,
        "feiing": sats(p, "feiegebyr") * hh.piper,
    }


POSTER = {"barnehage": "Barnehage", "sfo": "SFO", "kulturskole": "Kulturskole",
          "vann": "Vanngebyr", "avlop": "Avløpsgebyr", "renovasjon": "Renovasjonsgebyr",
          "feiing": "Feiegebyr",
          "eiendomsskatt": "Eiendomsskatt"}


def regning(hh: Husholdning, p: Aarsverdier, satser: eiendomsskatt.Satser | None = None) -> dict[str, float]:
    """Everything the household pays the municipality in year ``p.ar``, kroner per year, by post.

    With a ``boligverdi`` the property tax under ``satser`` is added (required then)."""
    ut = {"barnehage": float(barnehage(hh, p)["betaling"].sum()),
          "sfo": sfo(hh, p), "kulturskole": kulturskole(hh, p), **varf(hh, p)}
    if hh.boligverdi is not None:
        if satser is None:
            raise HoepFeil("husholdningen har en boligverdi, men ingen eiendomsskattesatser er gitt.")
        ut["eiendomsskatt"] = eiendomsskatt.skatt(hh.boligverdi, "bolig", satser, hh.boenheter).skatt
    return ut


# --- Fee changes: nominal and real ---------------------------------------------------------------

ENDRINGSTABELLER = ("tabell_10_1_endring_gebyrer", "tabell_10_2_endring_avgifter_byutvikling",
                    "tabell_10_5_endring_avgifter_oppvekst",
                    "tabell_10_6_endring_egenbetalinger_helse_velferd",
                    "tabell_10_7_endring_leiepriser_idrettsanlegg", "tabell_24_2_gebyrendringer_selvkost")


def endringer(deflator: float) -> pd.DataFrame:
    """Every printed fee change with real change recomputed as nominal − ``deflator`` (prosentpoeng).

    ``brukt_deflator`` = nominal − printed real shows which deflator each table used: 2,5 % in
    chapter 10, 2,3 % in Tabell 24-2. ``reell_eksakt`` is the exact real change
    ((1 + n)/(1 + d) − 1) · 100, next to the document's approximation n − d.
    """
    rader = []
    for tid in ENDRINGSTABELLER:
        t = data.tabell(tid)
        nummer = data.info(tid).trykt_nummer
        for rad_id, r in t.iterrows():
            n, reell = r["nominell_endring"], r["reell_endring"]
            if pd.isna(n):
                continue  # Tabell 10-6: services that follow the state's rates or become free
            rader.append({"tabell": nummer, "rad_id": rad_id, "rad": r["rad"], "nominell": float(n),
                          "reell_publisert": float(reell), "reell_beregnet": float(n) - deflator,
                          "reell_eksakt": ((1 + n / 100) / (1 + deflator / 100) - 1) * 100,
                          "brukt_deflator": tall.avrund(float(n) - float(reell), 1)})
    df = pd.DataFrame(rader)
    df["avvik"] = tall.avrund((df["reell_publisert"] - df["reell_beregnet"]).to_numpy(), 1) + 0.0  # no −0,0
    return df


# --- Findings: where chapter 10 contradicts itself (entries of data/avvik.yaml) -----------------


def funn() -> list[dict]:
    """The register's contradictions that touch chapter 10 (and so Tabell 24-2 against Tabell 10-1).

    One dict per entry, in the register's order: id, type (``tall`` or ``tekst``: a figure or a
    year/name), tabell and celle (its first table place), publisert and beregnet (the two values),
    kildelinjer (the source lines of its places) and beskrivelse.
    """
    ut = []
    for a in avvik.register():
        if 10 not in a.kapitler:
            continue
        sted = next(s for s in a.steder if s.tabell)
        verdier = a.sammenligninger[0]
        ut.append({"id": a.id, "type": a.gjelder, "tabell": sted.tabell,
                   "celle": f"{sted.rad}:{sted.kolonne}" if sted.rad and sted.kolonne else "tittel",
                   "publisert": verdier.publisert, "beregnet": verdier.beregnet,
                   "kildelinjer": sorted({s.linje for s in a.steder if s.linje}),
                   "beskrivelse": a.beskrivelse})
    return ut
