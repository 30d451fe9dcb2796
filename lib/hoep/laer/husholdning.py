"""Teaching panel «the household's bill»: eiendomsskatt and fees for one household in 2022.

Built on :mod:`hoep.laer`, :mod:`hoep.eiendomsskatt` and :mod:`hoep.gebyrer`. Two inputs are
scenario assumptions, the rest describe the household and go straight to the library:

- ``sats`` → ``forutsetninger.eiendomsskatt_promille_bolig`` (promille); the slider goes past
  eiendomsskatteloven § 13's 4 ‰, so the learner meets the law's limit as the scenario error, and a
  rate between 0 and 1 ‰ gets :func:`hoep.eiendomsskatt.sjekk_sats`'s error;
- ``bunnfradrag`` → ``forutsetninger.eiendomsskatt_bunnfradrag`` (kr per boenhet, § 11);
- ``boligverdi`` (kr, statens boligverdi), ``barnehage``, ``sfo`` and ``kulturskole`` (number of
  children using each) and ``inntekt`` (the household's income, kr a year): a
  :class:`hoep.gebyrer.Husholdning` made by :func:`husholdning`.

Outputs: the bill by post (:func:`hoep.gebyrer.regning`) under the proposal and your choices, the
tax step by step (:func:`hoep.eiendomsskatt.skatt`), the kindergarten price per child
(:func:`hoep.gebyrer.barnehage`), the tax curve, and what the rules mean for the municipality's
revenue (:func:`hoep.eiendomsskatt.proveny`).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from hoep import laer, modell, tall
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import eiendomsskatt, gebyrer
from hoep.visning import figurer

NAVN = "laer_husholdning"
AR = 2022
SATSGLIDER = (0.0, 6.0)  # promille; the law allows 0 or 1-4 for bolig (eiendomsskatteloven § 13)
HUSHOLDNINGSINNDATA = ("boligverdi", "barnehage", "sfo", "kulturskole", "inntekt")
SKATTEINNDATA = ("sats", "bunnfradrag")
# Illustrative children (our choice): ages for barnehage (the oldest first) and for SFO.
BARNEHAGEALDER = (4, 2, 1)
SFOALDER = (7, 8, 9)
KULTURSKOLEALDER = (12, 13, 14)  # extra pupils when more take kulturskole than go to SFO
STANDARD = {"boligverdi": 4_000_000, "barnehage": 1, "sfo": 1, "kulturskole": 1, "inntekt": 800_000}


def husholdning(verdier: dict) -> gebyrer.Husholdning:
    """The household the inputs describe: children in barnehage (ages 4, 2, 1), SFO heltid (7, 8, 9)
    and kulturskole (the SFO children first, then pupils aged 12-14), 150 m3 water, one pipe."""
    barn = [gebyrer.Barn(alder=a, barnehage=True) for a in BARNEHAGEALDER[: verdier["barnehage"]]]
    sfo = list(SFOALDER[: verdier["sfo"]])
    elever = verdier["kulturskole"]
    barn += [gebyrer.Barn(alder=a, sfo="heltid", kulturskole=nr < elever) for nr, a in enumerate(sfo)]
    barn += [gebyrer.Barn(alder=a, kulturskole=True) for a in KULTURSKOLEALDER[: max(0, elever - len(sfo))]]
    return gebyrer.Husholdning(barn=tuple(barn), inntekt=float(verdier["inntekt"]),
                               boligverdi=float(verdier["boligverdi"]), navn="husholdningen i panelet")


def _verdier_fra(scen: sc.Scenario) -> dict:
    return {**STANDARD, "sats": float(scen.verdi("eiendomsskatt_promille_bolig", AR)),
            "bunnfradrag": int(scen.verdi("eiendomsskatt_bunnfradrag", AR))}


def til_scenario(verdier: dict, scen: sc.Scenario, start: dict) -> dict:
    """The choices as the dict a scenario file would hold: ``scen``'s own changes plus the moved rules."""
    flyttet = {nokkel: (verdier[inn] if verdier[inn] != start[inn] else None)
               for inn, nokkel in (("sats", "eiendomsskatt_promille_bolig"),
                                   ("bunnfradrag", "eiendomsskatt_bunnfradrag"))}
    beskrivelse = f"Valgt i panelet «Husholdningens regning» (fra scenario {scen.navn})"
    return laer.oppslag_fra(scen, NAVN, beskrivelse, flyttet)


def regning(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    """The household's bill in 2022 by post: the proposal, your choices and the change (kr a year)."""
    hh = husholdning(verdier)
    forslag = modell.husholdning.regning(hh, grunnscenario(), AR)
    valg = modell.husholdning.regning(hh, scen, AR)
    df = pd.DataFrame({"Post": [gebyrer.POSTER[k] for k in forslag],
                       "Forslaget": list(forslag.values()), "Dine valg": [valg[k] for k in forslag]})
    df.loc[len(df)] = ["Sum", df["Forslaget"].sum(), df["Dine valg"].sum()]
    df["Endring"] = df["Dine valg"] - df["Forslaget"]
    return df


def _vis_regning(df: pd.DataFrame, verdier: dict, navn: str) -> str:
    sum_ = df.iloc[-1]
    return (laer.tabell_html(df, f"{navn}_regning")
            + f"<p>Kroner per år, {AR}. Husholdningen betaler kommunen {tall.tekst(sum_['Dine valg'])} kr i "
            + f"året med valgene dine, {tall.tekst(sum_['Forslaget'])} kr med reglene i forslaget.</p>")


def skatt(scen: sc.Scenario, verdier: dict) -> eiendomsskatt.Skatt:
    """The property tax on the household's dwelling under the scenario's 2022 rules."""
    return eiendomsskatt.skatt(float(verdier["boligverdi"]), "bolig", modell.eiendomsskatt.satser(scen, AR))


def _vis_skatt(s: eiendomsskatt.Skatt, verdier: dict, navn: str) -> str:
    df = pd.DataFrame({"Trinn": ["Boligverdi (statens)", "− Lovens reduksjon", "− Bunnfradrag",
                                 "= Skattegrunnlag", f"× sats {tall.tekst(s.sats_promille, 2)} promille",
                                 "= Eiendomsskatt"],
                       "Kroner": [s.verdi, s.reduksjon, s.bunnfradrag, s.grunnlag, np.nan, s.skatt]})
    return (laer.tabell_html(df, f"{navn}_skatt")
            + "<p>Reduksjonen er 30 % av boligverdien (eiendomsskatteloven § 8 A-2), bunnfradraget trekkes "
            + "fra per boenhet (§ 11), og satsen er høyst 4 promille for bolig (§ 13).</p>")


def _barnehage(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    return gebyrer.barnehage(husholdning(verdier), scen.aar(AR))


def _vis_barnehage(df: pd.DataFrame, verdier: dict, navn: str) -> str:
    if df.empty:
        return "<p>Husholdningen har ingen barn i barnehage.</p>"
    vis = pd.DataFrame({
        "Barn nr.": df["barn_nr"].astype(str), "Alder": df["alder"].astype(str),
        "Full pris": df["full_pris"], "Etter inntektstaket (6 %)": df["etter_inntektstak"],
        "Gratis kjernetid?": ["ja" if k else "nei" for k in df["gratis_kjernetid"]],
        "Etter kjernetid": df["etter_kjernetid"], "Søskenmoderasjon": [tall.prosent(p, 0) for p in
                                                                    df["soskenmoderasjon_pst"]],
        "Betaling": df["betaling"]})
    return (laer.tabell_html(vis, f"{navn}_barnehage")
            + "<p>Kroner per år. Trinnene følger forskrift om foreldrebetaling i barnehager: inntektstaket "
            + "(§ 3b), gratis kjernetid ved lav inntekt for barn på 2-5 år (§ 3c) og søskenmoderasjon "
            + "(§ 3).</p>")


def _kurvedata(scen: sc.Scenario, verdier: dict) -> dict:
    verdi = [float(v) for v in range(0, 15_000_001, 250_000)]
    return {"Forslaget": eiendomsskatt.kurve(modell.eiendomsskatt.satser(grunnscenario(), AR), verdi),
            "Dine valg": eiendomsskatt.kurve(modell.eiendomsskatt.satser(scen, AR), verdi),
            "punkt": (float(verdier["boligverdi"]), skatt(scen, verdier).skatt)}


def _vis_kurve(res: dict, verdier: dict):
    return figurer.eiendomsskattkurve({k: res[k] for k in ("Forslaget", "Dine valg")},
                                      f"Eiendomsskatt på bolig {AR} etter boligverdi",
                                      "hoep.eiendomsskatt; HØP 2022-2025 kap. 10.2", markering=res["punkt"])


def _proveny(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    return modell.eiendomsskatt.proveny(scen)


def _vis_proveny(p: pd.DataFrame, verdier: dict, navn: str) -> str:
    df = pd.DataFrame({"År": [str(a) for a in p.index], "Forslaget": p["publisert_2022kr"],
                       "Dine valg": p["proveny_2022kr"], "Endring": p["endring_2022kr"]})
    return (laer.tabell_html(df, f"{navn}_proveny", desimaler=1)
            + "<p>Mill. kr, faste 2022-kroner. Forslaget er budsjettskjema 1A; endringen er et anslag: "
            + "modellen fordeler boligverdiene etter noen egne antakelser (se hoep.eiendomsskatt.proveny)."
            + "</p>")


def panel(scen: sc.Scenario | None = None, navn: str = NAVN) -> laer.Panel:
    """The panel, starting from ``scen`` (default: the base scenario). ``navn`` prefixes table ids."""
    scen = scen or grunnscenario()
    start = _verdier_fra(scen)
    bolig = scen.forutsetninger["eiendomsskatt_promille_bolig"]
    fradrag = scen.forutsetninger["eiendomsskatt_bunnfradrag"]
    inndata = {
        "boligverdi": laer.glider("Boligverdi (statens)", "kr", 0, 15_000_000, 250_000, start["boligverdi"],
                                  hjelp="Statens beregnede boligverdi, grunnlaget for eiendomsskatten"),
        "sats": laer.glider("Eiendomsskatt på bolig", "promille", *SATSGLIDER, 0.1, start["sats"],
                            desimaler=1, hjelp=f"{bolig.beskrivelse}. {bolig.hjemmel}"),
        "bunnfradrag": laer.glider("Bunnfradrag per boenhet", "kr", 0, 1_500_000, 50_000,
                                   start["bunnfradrag"], hjelp=f"{fradrag.beskrivelse}. {fradrag.hjemmel}"),
        "barnehage": laer.valg("Barn i barnehage", [0, 1, 2, 3], start["barnehage"]),
        "sfo": laer.valg("Barn i SFO (heltid)", [0, 1, 2, 3], start["sfo"]),
        "kulturskole": laer.valg("Barn i kulturskolen", [0, 1, 2, 3], start["kulturskole"]),
        "inntekt": laer.glider("Husholdningens inntekt", "kr per år", 0, 1_500_000, 25_000, start["inntekt"],
                               hjelp="Samlet inntekt; gir lavere foreldrebetaling under visse grenser"),
    }
    utdata = [
        laer.Utdata("regning", regning, partial(_vis_regning, navn=navn),
                    avhenger_av=(*SKATTEINNDATA, *HUSHOLDNINGSINNDATA),
                    tittel=f"Husholdningens regning {AR}"),
        laer.Utdata("skatt", skatt, partial(_vis_skatt, navn=navn),
                    avhenger_av=(*SKATTEINNDATA, "boligverdi"), tittel="Eiendomsskatten trinn for trinn"),
        laer.Utdata("kurve", _kurvedata, _vis_kurve, avhenger_av=(*SKATTEINNDATA, "boligverdi"),
                    tittel="Eiendomsskatten for alle boligverdier"),
        laer.Utdata("barnehage", _barnehage, partial(_vis_barnehage, navn=navn),
                    avhenger_av=("barnehage", "inntekt"), tittel="Barnehageprisen per barn"),
        laer.Utdata("proveny", _proveny, partial(_vis_proveny, navn=navn), avhenger_av=SKATTEINNDATA,
                    tittel="Hva reglene betyr for kommunens inntekt"),
    ]
    return laer.Panel(
        "Husholdningens regning: eiendomsskatt og gebyrer",
        inndata,
        lambda verdier: til_scenario(verdier, scen, start),
        utdata,
        grupper=[("Boligen og eiendomsskatten", ["boligverdi", "sats", "bunnfradrag"]),
                 ("Barna og inntekten", ["barnehage", "sfo", "kulturskole", "inntekt"])],
        utenom_scenario=HUSHOLDNINGSINNDATA,
    )
