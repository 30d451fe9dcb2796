"""The ``tiltak:`` and ``investeringer:`` sections of a scenario, validated before anything is computed.

A scenario names tiltak by area and row (``skole/t05``: row t05 of the area's tiltak table) and
projects by investment table and row (``skole/p03``: row p03 of Tabell 14-4; the table part is the
table id without ``tabell_N_M_`` and ``investeringer_``, so ``vann/p02`` is Tabell 24-7)::

    tiltak:
      fjern: [skole/t10]                  # the frame loses the tiltak's amount every year
      skaler: {helse_og_omsorgstjenester/t05: 0.5}
      nye:
        - omrade: skole
          navn: Leksehjelp
          belop: {2022: 5, 2023: 10}      # mill. kr, faste 2022-kroner; + is a cost
    investeringer:
      utsett: {skole/p04: 1}              # whole years; what moves past 2025 leaves the plan
      kutt: [vann/p02]
      skaler: {skole/p08: 0.5}
      nye:
        - gruppe: skole                   # its financing follows this table's shares unless given
          navn: Ny flerbrukshall
          belop: {2023: 40, 2024: 80}     # mill. kr, løpende priser
          finansiering: {bykassefinansierte_lan: 0.8, mva_kompensasjon: 0.2}

Tiltak amounts are in faste 2022-kroner (the area tables); investments in løpende priser
(Tabell 8-13 and the area tables). A change of an investment is financed with the shares of its
area's financing table over 2022-2025 (Tabell N-(M+1) beside the project table N-M) unless the
scenario gives the shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from hoep import data, tall
from hoep.data.familier import prosjektliste, tiltaksliste
from hoep.feil import ScenarioFeil

AR = data.PLANAR
FINANSIERINGSKILDER = ("bykassefinansierte_lan", "eksternfinansierte_lan", "egenkapital",
                       "mva_kompensasjon", "refusjoner", "salgsinntekt", "tilskudd")




@dataclass(frozen=True)
class NyttTiltak:
    omrade: str
    navn: str
    belop: dict[int, float]  # mill. kr, faste 2022-kroner, + cost


@dataclass(frozen=True)
class NyttProsjekt:
    gruppe: str
    navn: str
    belop: dict[int, float]  # mill. kr, løpende priser
    finansiering: dict[str, float] | None = None  # shares; None: the group's shares


@dataclass(frozen=True)
class Budsjettendringer:
    fjern_tiltak: tuple[str, ...] = ()
    skaler_tiltak: dict[str, float] = field(default_factory=dict)
    nye_tiltak: tuple[NyttTiltak, ...] = ()
    utsett: dict[str, int] = field(default_factory=dict)
    kutt: tuple[str, ...] = ()
    skaler_prosjekter: dict[str, float] = field(default_factory=dict)
    nye_prosjekter: tuple[NyttProsjekt, ...] = ()

    @property
    def tom(self) -> bool:
        return not (self.fjern_tiltak or self.skaler_tiltak or self.nye_tiltak or self.utsett
                    or self.kutt or self.skaler_prosjekter or self.nye_prosjekter)


def _feil(fil: str, sti: str, tekst: str) -> ScenarioFeil:
    return ScenarioFeil(f"{fil}: «{sti}»: {tekst}")


def _oppslag(fil: str, sti: str, verdi: object, tillatte: tuple[str, ...]) -> dict:
    if verdi is None:
        return {}
    if not isinstance(verdi, dict):
        raise _feil(fil, sti, f"må være et oppslag med nøklene {', '.join(tillatte)}.")
    for k in verdi:
        if k not in tillatte:
            raise _feil(fil, f"{sti}.{k}", f"ukjent nøkkel. Tillatte: {', '.join(tillatte)}.")
    return verdi


def _tall(fil: str, sti: str, verdi: object, minst: float | None = None, enhet: str = "") -> float:
    if isinstance(verdi, bool) or not isinstance(verdi, int | float):
        raise _feil(fil, sti, f"må være et tall{enhet}, fikk «{verdi}» ({type(verdi).__name__}).")
    if minst is not None and verdi < minst:
        raise _feil(fil, sti, f"må være ≥ {minst:g}{enhet}, fikk {verdi}.")
    return float(verdi)


def _belop(fil: str, sti: str, verdi: object, enhet: str) -> dict[int, float]:
    if not isinstance(verdi, dict) or not verdi:
        raise _feil(fil, sti, f"må være et oppslag fra år (2022-2025) til beløp i {enhet}.")
    ut = {}
    for ar, v in verdi.items():
        if isinstance(ar, bool) or not isinstance(ar, int) or ar not in AR:
            raise _feil(fil, f"{sti}.{ar}", "året må være et av 2022, 2023, 2024 og 2025.")
        ut[ar] = _tall(fil, f"{sti}.{ar}", v, enhet=f" ({enhet})")
    return ut


def _kjent(fil: str, sti: str, ident: object, liste: pd.DataFrame, hva: str, eksempel: str) -> str:
    if not isinstance(ident, str) or ident not in liste.index:
        forslag = ""
        if isinstance(ident, str) and "/" in ident:
            del1 = ident.split("/")[0]
            kjente = [i for i in liste.index if i.startswith(del1 + "/")]
            if kjente:
                forslag = f" Kjente i «{del1}»: {', '.join(kjente)}."
        raise _feil(fil, sti, f"ukjent {hva} «{ident}». Skriv det som «{eksempel}».{forslag}")
    return ident


def _navn(fil: str, sti: str, verdi: object) -> str:
    if not isinstance(verdi, str) or not verdi.strip():
        raise _feil(fil, sti, "må være tekst.")
    return verdi.strip()


def valider(tiltak: object, investeringer: object, fil: str = "<scenario>") -> Budsjettendringer:
    """Validate a scenario's ``tiltak:`` and ``investeringer:`` sections; all or nothing."""
    t = _oppslag(fil, "tiltak", tiltak, ("fjern", "skaler", "nye"))
    i = _oppslag(fil, "investeringer", investeringer, ("utsett", "kutt", "skaler", "nye"))
    tl, pl = tiltaksliste(), prosjektliste()

    def liste(sti: str, verdi: object) -> list:
        if verdi is None:
            return []
        if not isinstance(verdi, list):
            raise _feil(fil, sti, "må være en liste.")
        return verdi

    def oppslag(sti: str, verdi: object) -> dict:
        if verdi is None:
            return {}
        if not isinstance(verdi, dict):
            raise _feil(fil, sti, "må være et oppslag fra id til verdi.")
        return verdi

    fjern = tuple(_kjent(fil, "tiltak.fjern", x, tl, "tiltak", "omrade/tNN, f.eks. skole/t05")
                  for x in liste("tiltak.fjern", t.get("fjern")))
    skaler_t = {_kjent(fil, "tiltak.skaler", k, tl, "tiltak", "omrade/tNN"):
                _tall(fil, f"tiltak.skaler.{k}", v, 0.0, " (faktor)")
                for k, v in oppslag("tiltak.skaler", t.get("skaler")).items()}
    dobbelt = set(fjern) & set(skaler_t)
    if dobbelt:
        raise _feil(fil, "tiltak", f"{', '.join(sorted(dobbelt))} er både fjernet og skalert.")
    omrader = set(data.omrader()["omrade"])
    nye_t = []
    for nr, ny in enumerate(liste("tiltak.nye", t.get("nye")), start=1):
        sti = f"tiltak.nye[{nr}]"
        ny = _oppslag(fil, sti, ny, ("omrade", "navn", "belop"))
        if ny.get("omrade") not in omrader:
            raise _feil(fil, f"{sti}.omrade", f"ukjent tjenesteområde «{ny.get('omrade')}». "
                        f"Kjente: {', '.join(sorted(omrader))}.")
        nye_t.append(NyttTiltak(ny["omrade"], _navn(fil, f"{sti}.navn", ny.get("navn")),
                                _belop(fil, f"{sti}.belop", ny.get("belop"), "mill. kr, 2022-kroner")))

    prosjekt = "prosjekt"
    eksempel = "gruppe/pNN, f.eks. skole/p03"
    utsett = {}
    for k, v in oppslag("investeringer.utsett", i.get("utsett")).items():
        _kjent(fil, "investeringer.utsett", k, pl, prosjekt, eksempel)
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3:
            raise _feil(fil, f"investeringer.utsett.{k}", f"antall år må være et heltall 1-3, fikk «{v}».")
        utsett[k] = v
    kutt = tuple(_kjent(fil, "investeringer.kutt", x, pl, prosjekt, eksempel)
                 for x in liste("investeringer.kutt", i.get("kutt")))
    skaler_p = {_kjent(fil, "investeringer.skaler", k, pl, prosjekt, eksempel):
                _tall(fil, f"investeringer.skaler.{k}", v, 0.0, " (faktor)")
                for k, v in oppslag("investeringer.skaler", i.get("skaler")).items()}
    for a, b, navn in ((utsett, kutt, "utsatt og kuttet"), (utsett, skaler_p, "utsatt og skalert"),
                       (kutt, skaler_p, "kuttet og skalert")):
        dobbelt = set(a) & set(b)
        if dobbelt:
            raise _feil(fil, "investeringer", f"{', '.join(sorted(dobbelt))} er både {navn}.")
    grupper = sorted(set(pl["gruppe"]))
    nye_p = []
    for nr, ny in enumerate(liste("investeringer.nye", i.get("nye")), start=1):
        sti = f"investeringer.nye[{nr}]"
        ny = _oppslag(fil, sti, ny, ("gruppe", "navn", "belop", "finansiering"))
        if ny.get("gruppe") not in grupper:
            raise _feil(fil, f"{sti}.gruppe", f"ukjent prosjektgruppe «{ny.get('gruppe')}». "
                        f"Kjente: {', '.join(grupper)}.")
        andeler = None
        if ny.get("finansiering") is not None:
            f = _oppslag(fil, f"{sti}.finansiering", ny["finansiering"], FINANSIERINGSKILDER)
            andeler = {k: _tall(fil, f"{sti}.finansiering.{k}", v, 0.0, " (andel)") for k, v in f.items()}
            if abs(sum(andeler.values()) - 1.0) > 1e-9:
                raise _feil(fil, f"{sti}.finansiering", f"andelene må summere til 1, summerer til "
                            f"{sum(andeler.values()):g}.")
        belop = _belop(fil, f"{sti}.belop", ny.get("belop"), "mill. kr, løpende priser")
        nye_p.append(NyttProsjekt(ny["gruppe"], _navn(fil, f"{sti}.navn", ny.get("navn")), belop, andeler))
    return Budsjettendringer(fjern, skaler_t, tuple(nye_t), utsett, kutt, skaler_p, tuple(nye_p))


def beskrivelser(e: Budsjettendringer) -> list[str]:
    """The changes in plain Norwegian, one line each."""
    tl, pl = tiltaksliste(), prosjektliste()
    linjer = [f"Tiltaket «{tl.at[t, 'rad']}» ({t}, {tl.at[t, 'trykt_nummer']}) er fjernet."
              for t in e.fjern_tiltak]
    linjer += [f"Tiltaket «{tl.at[t, 'rad']}» ({t}) er skalert med {f:g}."
               for t, f in e.skaler_tiltak.items()]
    linjer += [f"Nytt tiltak i {n.omrade}: «{n.navn}»." for n in e.nye_tiltak]
    for p, a in e.utsett.items():
        ut_av_planen = sum(pl.at[p, ar] for ar in AR if ar + a > max(AR))
        linjer.append(f"Prosjektet «{pl.at[p, 'rad']}» ({p}, {pl.at[p, 'trykt_nummer']}) er utsatt {a} år"
                      + (f"; {tall.mill(ut_av_planen, 1)} (i planens priser, med prisvekst året det "
                         "flyttes til) går ut av planperioden."
                         if ut_av_planen else "."))
    linjer += [f"Prosjektet «{pl.at[p, 'rad']}» ({p}) er tatt ut av planen." for p in e.kutt]
    linjer += [f"Prosjektet «{pl.at[p, 'rad']}» ({p}) er skalert med {f:g}."
               for p, f in e.skaler_prosjekter.items()]
    linjer += [f"Nytt prosjekt i {n.gruppe}: «{n.navn}»." for n in e.nye_prosjekter]
    return linjer
