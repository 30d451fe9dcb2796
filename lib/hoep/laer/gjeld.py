"""Teaching panel «debt and interest»: borrowing, repayments, the 8 % rule and the 70 % debt ratio.

Built on :mod:`hoep.laer` and :func:`hoep.laer_resultat.planer`. The inputs map onto a scenario:

- ``rente`` → ``forutsetninger.renteendring`` (prosentpoeng on every rate of Tabell 8-25);
- ``investering`` (per cent of the plan) → ``investeringer.skaler``: every project of the area
  tables scaled by the same factor, each financed with its group's shares (:mod:`hoep.endringer`);
  projects the scenario already postpones or cuts are left alone, its own factors are multiplied;
- ``avdragstid`` (years) → ``forutsetninger.avdragstid``; the plan's own is Tabell 8-15's
  (:func:`hoep.regler.gjeld.planens_avdragstid`), and a longer one is refused when the scenario is
  validated (kommuneloven § 14-18), which the panel shows as the error.

The outputs are :func:`hoep.modell.beregn`'s debt roll-forward (løpende priser), the capital costs
(2022-kroner) and two of the four targets (:meth:`hoep.modell.Plan.malstatus`), against the base
scenario.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from hoep import data, laer, modell, tall
from hoep.laer import resultat as laer_resultat
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.visning import figurer

NAVN = "laer_gjeld"
AVDRAGSGLIDER = (10.0, 35.0)  # years; past the plan's 28.19 the library refuses (§ 14-18)
SCENARIOINNDATA = ("rente", "investering", "avdragstid")
GJELD = (
    ("investeringer", "Investeringer"),
    ("laneopptak", "Låneopptak"),
    ("lanegjeld_ib", "Gjeld 1.1."),
    ("laneopptak", "+ Låneopptak"),
    ("minimumsavdrag", "− Minimumsavdrag"),
    ("ovrige_avdrag", "− Øvrige avdrag"),
    ("lanegjeld_ub", "= Gjeld 31.12."),
)
MALENE = ("kapitalutgifter_pst", "gjeldsgrad_pst")


def _avdragstid(scen: sc.Scenario) -> float:
    """The repayment time ``scen`` uses in 2022 (the plan's 28.1936 years unless the scenario sets one)."""
    return float(scen.verdi("avdragstid", 2022))


def _verdier_fra(scen: sc.Scenario) -> dict:
    return {"rente": float(scen.verdi("renteendring", 2022)), "investering": 100,
            "avdragstid": _avdragstid(scen)}


def til_scenario(verdier: dict, scen: sc.Scenario, start: dict) -> dict:
    """The choices as the dict a scenario file would hold: ``scen``'s own changes plus the moved inputs."""
    rente = verdier["rente"] if verdier["rente"] != start["rente"] else None
    oppslag = laer.oppslag_fra(scen, NAVN, f"Valgt i panelet «Gjeld og renter» (fra scenario {scen.navn})",
                               {"renteendring": rente})
    if verdier["avdragstid"] != start["avdragstid"]:
        # Not through oppslag_fra: the base value in forutsetninger.yaml is the document's rounded 28.
        oppslag.setdefault("forutsetninger", {})["avdragstid"] = round(float(verdier["avdragstid"]), 6)
    if verdier["investering"] != 100:
        faktor = verdier["investering"] / 100
        b = scen.budsjett
        skaler = {pid: round(faktor * b.skaler_prosjekter.get(pid, 1.0), 6)
                  for pid in data.prosjektliste().index if pid not in b.utsett and pid not in b.kutt}
        oppslag.setdefault("investeringer", {})["skaler"] = skaler
    return laer.ordnet(oppslag)


def gjeldstabell(plan: modell.Plan) -> pd.DataFrame:
    """The debt roll-forward per year (mill. kr, løpende priser), repayments as positive amounts."""
    return pd.DataFrame([{"Linje": tekst, **{str(a): float(plan.verdier[k][j])
                                             for j, a in enumerate(modell.AR)}}
                         for k, tekst in GJELD])


def _vis_gjeld(planer: dict, verdier: dict, navn: str) -> str:
    plan, basis = planer["valg"], planer["basis"]
    tid = plan.verdier["lanegjeld_ib"][0] / plan.verdier["minimumsavdrag"][0]
    ub, ub_b = plan.verdier["lanegjeld_ub"][-1], basis.verdier["lanegjeld_ub"][-1]
    return (laer.tabell_html(gjeldstabell(plan), f"{navn}_gjeld", desimaler=1)
            + "<p>Mill. kr, løpende priser. Minimumsavdraget er gjelden 1.1. delt på avdragstiden "
            + f"({tall.tekst(tid, 2)} år). De øvrige avdragene er planens (Tabell 8-15). Gjelden ved "
            + f"utgangen av 2025 blir {tall.mill(ub)} mot {tall.mill(ub_b)} i forslaget.</p>")


def _vis_gjeldsfigur(planer: dict, verdier: dict):
    v = planer["valg"].verdier
    df = pd.DataFrame({k: v[k] for k in ("laneopptak", "minimumsavdrag", "ovrige_avdrag")},
                      index=list(modell.AR))
    df["ub"] = v["lanegjeld_ub"]
    return figurer.gjeld(df, "Gjelden med valgene dine", "hoep.modell; mill. kr, løpende priser")


def kapitaltabell(planer: dict[str, modell.Plan]) -> pd.DataFrame:
    """Capital costs (2022-kroner) and the two debt targets per year, your choices and the proposal."""
    plan, basis = planer["valg"], planer["basis"]
    rader = [{"Linje": "Renteutgifter (mill. kr, 2022-kr)",
              **{str(a): tall.tekst(plan.verdier["renteutgifter"][j], 1) for j, a in enumerate(modell.AR)}},
             {"Linje": "Avdrag (mill. kr, 2022-kr)",
              **{str(a): tall.tekst(plan.verdier["avdrag"][j], 1) for j, a in enumerate(modell.AR)}}]
    for p, hvem in ((plan, "dine valg"), (basis, "forslaget")):
        status = p.malstatus().set_index(["maltall", "ar"])
        for k in MALENE:
            celler = {str(a): f"{tall.prosent(status.at[(k, a), 'verdi'])} ({status.at[(k, a), 'status']})"
                      for a in modell.AR}
            rader.append({"Linje": f"{status.at[(k, 2022), 'navn']} ({status.at[(k, 2022), 'mal']}), {hvem}",
                          **celler})
    return pd.DataFrame(rader)


def _vis_kapital(planer: dict, verdier: dict, navn: str) -> str:
    brudd = laer_resultat.brudd(planer["valg"])
    brudd = brudd[brudd.maltall.isin(MALENE)]
    liste = ", ".join(f"{n.lower()} {a}" for n, a in zip(brudd.navn, brudd.ar, strict=True)) or "ingen"
    return (laer.tabell_html(kapitaltabell(planer), f"{navn}_kapital")
            + "<p>Kapitalutgiftene er renter og avdrag i prosent av de frie disponible inntektene "
            + "(handlingsregelen: høyst 8 %). Gjeldsgraden er de bykassefinansierte lånene i prosent av "
            + f"driftsinntektene (målet: høyst 70 %). Brudd med valgene dine: {liste}.</p>")


def panel(scen: sc.Scenario | None = None, navn: str = NAVN) -> laer.Panel:
    """The panel, starting from ``scen`` (default: the base scenario). ``navn`` prefixes table ids."""
    scen = scen or grunnscenario()
    start = _verdier_fra(scen)
    inndata = {
        "rente": laer.glider("Rentenivå, endring", "prosentpoeng", *laer_resultat.RENTEGLIDER, 0.25,
                             start["rente"], desimaler=2,
                             hjelp=scen.forutsetninger["renteendring"].beskrivelse),
        "investering": laer.glider("Investeringsnivå, andel av planen", "%", 0, 200, 10, start["investering"],
                                   hjelp="Alle prosjektene i områdetabellene skaleres likt"),
        "avdragstid": laer.glider("Avdragstid", "år", *AVDRAGSGLIDER, 0.5, start["avdragstid"], desimaler=2,
                                  hjelp=scen.forutsetninger["avdragstid"].beskrivelse),
    }
    planer = laer_resultat.planer()
    utdata = [
        laer.Utdata("gjeld", planer, partial(_vis_gjeld, navn=navn), tittel="Gjelden år for år"),
        laer.Utdata("gjeldsfigur", planer, _vis_gjeldsfigur, tittel="Låneopptak, avdrag og gjeld"),
        laer.Utdata("kapital", planer, partial(_vis_kapital, navn=navn),
                    tittel="Renter og avdrag mot handlingsregelen og gjeldsgraden"),
        laer.Utdata("malfigur", planer, laer_resultat.vis_malfigur,
                    tittel="Alle fire måltall: dine valg mot forslaget"),
    ]
    return laer.Panel(
        "Gjeld og renter: lån, avdrag og handlingsregelen",
        inndata,
        lambda verdier: til_scenario(verdier, scen, start),
        utdata,
        grupper=[("Renten", ["rente"]), ("Investeringene", ["investering"]), ("Avdragene", ["avdragstid"])],
    )
