"""Teaching panel «from income to result»: frie inntekter, the frames, finance and where the result goes.

Built on :mod:`hoep.laer`. The inputs map onto a scenario (see :mod:`hoep.scenario`):

- ``frie`` → ``forutsetninger.frie_inntekter_endring`` (per cent on skatt and rammetilskudd);
- ``omrade`` and ``tiltak`` → ``tiltak.nye``: one tiltak of ``tiltak`` mill. kr (faste 2022-kroner)
  every year 2022-2025 in the chosen area (+ is a cost, − a cut; see :mod:`hoep.endringer`);
- ``rente`` → ``forutsetninger.renteendring`` (prosentpoeng on every rate of Tabell 8-25); the
  slider goes a little past the range a scenario may set, so a learner meets the limit;
- ``disponering`` → ``disponering`` (where a change of the result goes, kommuneloven § 14-4);
- ``ar`` (display only): the year of the staircase and the waterfall.

The outputs are :func:`hoep.modell.beregn`'s plan for the scenario against the base scenario:
the staircase from frie disponible inntekter to netto driftsresultat (Budsjettskjema 1A's lines,
natural signs, faste 2022-kroner), the dispositions and :meth:`~hoep.modell.Plan.balanse`, and
:meth:`~hoep.modell.Plan.malstatus`.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from hoep import laer, modell, tall
from hoep.modell import omrader as omrade
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.visning import figurer

NAVN = "laer_resultat"
TILTAKSNAVN = "Endring valgt i panelet"
RENTEGLIDER = (-4.0, 11.0)  # a little wider than the assumption's allowed range (-3 to 10)
SCENARIOINNDATA = ("frie", "omrade", "tiltak", "rente", "disponering")

# The staircase: (key in Plan.verdier, label, sign as it enters netto driftsresultat)
TRAPP = (
    ("frie_inntekter", "Skatt og rammetilskudd (frie inntekter)", 1),
    ("eiendomsskatt", "Eiendomsskatt", 1),
    ("andre_generelle_driftsinntekter", "Andre generelle driftsinntekter", 1),
    ("sum_frie_disponible_inntekter", "= Sum frie disponible inntekter", 0),
    ("bevilgninger_drift", "− Rammene til tjenesteområdene (bevilgninger drift)", -1),
    ("brutto_driftsresultat", "= Brutto driftsresultat", 0),
    ("renteutgifter", "− Renteutgifter", -1),
    ("avdrag", "− Avdrag", -1),
    ("renteinntekter", "+ Renteinntekter", 1),
    ("utbytte", "+ Utbytte", 1),
    ("netto_driftsresultat", "= Netto driftsresultat", 0),
)
FINANSPOSTER = ("renteutgifter", "avdrag", "renteinntekter", "utbytte")  # brutto → netto driftsresultat
DISPONERING = (
    ("netto_driftsresultat", "Netto driftsresultat"),
    ("overfort_til_investering", "− Overført til investering"),
    ("bundne_fond", "− Avsatt til bundne fond (netto)"),
    ("disposisjonsfond_avsetning", "− Avsatt til disposisjonsfondet (netto)"),
    ("udisponert", "= Udisponert (mer- eller mindreforbruk)"),
)


def _verdier_fra(scen: sc.Scenario) -> dict:
    """The panel's input values that reproduce ``scen`` (the start state of :func:`panel`)."""
    return {"frie": float(scen.verdi("frie_inntekter_endring", 2022)), "omrade": "skole", "tiltak": 0,
            "rente": float(scen.verdi("renteendring", 2022)), "disponering": scen.disponering, "ar": 2022}


def til_scenario(verdier: dict, scen: sc.Scenario, start: dict) -> dict:
    """The choices as the dict a scenario file would hold: ``scen``'s own changes plus the moved inputs."""
    flyttet = {nokkel: (verdier[inn] if verdier[inn] != start[inn] else None)
               for inn, nokkel in (("frie", "frie_inntekter_endring"), ("rente", "renteendring"))}
    oppslag = laer.oppslag_fra(scen, NAVN, f"Valgt i panelet «Fra inntekter til resultat» (fra scenario "
                               f"{scen.navn})", flyttet)
    if verdier["tiltak"] != 0:
        nye = oppslag.setdefault("tiltak", {}).setdefault("nye", [])
        nye.append({"omrade": verdier["omrade"], "navn": TILTAKSNAVN,
                    "belop": dict.fromkeys(modell.AR, float(verdier["tiltak"]))})
    oppslag.pop("disponering", None)
    if verdier["disponering"] != "disposisjonsfond":
        oppslag["disponering"] = verdier["disponering"]
    return laer.ordnet(oppslag)


def planer() -> laer.Utdata:
    """``beregn(scen, verdier)`` for the outputs: the plans for the base scenario and the choices.

    The panel validates one scenario per change and hands the same object to every output, so
    each plan is computed once per change.
    """
    lager: dict = {}

    def beregn(scen: sc.Scenario, verdier: dict) -> dict[str, modell.Plan]:
        if lager.get("scen") is not scen:
            lager.update(scen=scen, valg=modell.beregn(scen))
        if "basis" not in lager:
            lager["basis"] = modell.beregn(grunnscenario())
        return {"basis": lager["basis"], "valg": lager["valg"]}

    return beregn


def trapp(planer: dict[str, modell.Plan], ar: int) -> pd.DataFrame:
    """The staircase for one year: base scenario, your choices and the change (mill. kr, 2022-kroner)."""
    j = modell.AR.index(ar)
    b, v = planer["basis"].verdier, planer["valg"].verdier
    return pd.DataFrame({
        "Linje": [tekst for _, tekst, _ in TRAPP],
        "Grunnscenarioet": [float(b[k][j]) for k, _, _ in TRAPP],
        "Dine valg": [float(v[k][j]) for k, _, _ in TRAPP],
        "Endring": [float(v[k][j] - b[k][j]) for k, _, _ in TRAPP],
    })


def _vis_trapp(planer: dict, verdier: dict, navn: str) -> str:
    df = trapp(planer, verdier["ar"])
    ndr = df.iloc[-1]
    return (laer.tabell_html(df, f"{navn}_trapp", desimaler=1)
            + f"<p>Mill. kr, faste 2022-kroner, {verdier['ar']}. Inntekter, utgifter og overskudd er "
            + "positive tall (budsjettskjemaet viser inntekter med minus). Netto driftsresultat: "
            + f"{tall.mill(ndr['Dine valg'], 1)} mot {tall.mill(ndr['Grunnscenarioet'], 1)} i "
            + "forslaget.</p>")


def _vis_fossefall(planer: dict, verdier: dict):
    j = modell.AR.index(verdier["ar"])
    v = planer["valg"].verdier
    trinn = pd.Series({tekst.lstrip("−+ "): fortegn * float(v[k][j])
                       for k, tekst, fortegn in TRAPP if k in FINANSPOSTER})
    return figurer.fossefall(("Brutto driftsresultat", float(v["brutto_driftsresultat"][j])), trinn,
                             "Netto driftsresultat", f"Fra brutto til netto driftsresultat {verdier['ar']}",
                             "hoep.modell; mill. kr, faste 2022-kroner")


def disponering(plan: modell.Plan) -> pd.DataFrame:
    """Where the result goes, per year (mill. kr, 2022-kroner), and the disposisjonsfond at 31.12."""
    rader = [{"Linje": tekst, **{str(a): float(plan.verdier[k][j]) for j, a in enumerate(modell.AR)}}
             for k, tekst in DISPONERING]
    rader.append({"Linje": "Disposisjonsfondet 31.12. (løpende kroner)",
                  **{str(a): float(plan.verdier["disposisjonsfond_ub"][j]) for j, a in enumerate(modell.AR)}})
    rader.append({"Linje": "Låneopptak (løpende kroner)",
                  **{str(a): float(plan.verdier["laneopptak"][j]) for j, a in enumerate(modell.AR)}})
    return pd.DataFrame(rader)


def _vis_disponering(planer: dict, verdier: dict, navn: str) -> str:
    plan = planer["valg"]
    balanse = plan.balanse()
    linjer = "".join(f"<li>{a}: {'i balanse' if r.i_balanse else 'ikke i balanse: ' + r.forklaring}.</li>"
                     for a, r in balanse.iterrows())
    return (laer.tabell_html(disponering(plan), f"{navn}_disponering", desimaler=1)
            + f"<p>Endringer i resultatet går til: {sc.DISPONERINGER[plan.scenario.disponering]}.</p>"
            + f"<ul>{linjer}</ul>")


def maltabell(plan: modell.Plan) -> pd.DataFrame:
    """The four targets per year as «value (status)», from :meth:`hoep.modell.Plan.malstatus`."""
    status = plan.malstatus()
    tekst = status.assign(t=[f"{tall.prosent(v)} ({s})" for v, s in zip(status.verdi, status.status,
                                                                           strict=True)])
    tekst = tekst.pivot(index=["maltall", "navn", "mal"], columns="ar", values="t")
    tekst = tekst.reindex(list(modell.MALTALL), level="maltall").reset_index()
    ut = tekst.rename(columns={"navn": "Måltall", "mal": "Mål", **{a: str(a) for a in modell.AR}})
    return ut[["Måltall", "Mål", *(str(a) for a in modell.AR)]]


def brudd(plan: modell.Plan) -> pd.DataFrame:
    """The (target, year) pairs that break their target (:meth:`hoep.handlingsregler.Mal.brutt`)."""
    status = plan.malstatus()
    return status[status["brutt"]]


def _vis_mal(planer: dict, verdier: dict, navn: str) -> str:
    plan = planer["valg"]
    b = brudd(plan)
    liste = ", ".join(f"{n.lower()} {a}" for n, a in zip(b.navn, b.ar, strict=True)) or "ingen"
    return (laer.tabell_html(maltabell(plan), f"{navn}_mal")
            + f"<p>Brudd på målene: {liste}. Et korrigert netto driftsresultat over målområdet er ikke "
            + "et brudd; gjeldsgrad og kapitalutgifter over målet er det.</p>")


def vis_malfigur(planer: dict, verdier: dict):
    plan = planer["valg"]
    titler = {k: m.tittel for k, m in plan.mal(modell.AR[0]).items()}
    serier = {"Dine valg": plan.nokkeltall().loc[list(titler), list(modell.AR)].T,
              "Grunnscenarioet": planer["basis"].nokkeltall().loc[list(titler), list(modell.AR)].T}
    return figurer.maltall(serier, figurer.malband(plan.malstatus()), titler,
                           "Måltallene med valgene dine", "hoep.modell; HØP 2022-2025 kap. 8.3")


def panel(scen: sc.Scenario | None = None, navn: str = NAVN) -> laer.Panel:
    """The panel, starting from ``scen`` (default: the base scenario). ``navn`` prefixes table ids."""
    scen = scen or grunnscenario()
    start = _verdier_fra(scen)
    renter = scen.forutsetninger["renteendring"]
    frie = scen.forutsetninger["frie_inntekter_endring"]
    omrader = {r.navn: r.omrade for r in omrade.tjenesteomrader().itertuples()}
    inndata = {
        "frie": laer.glider("Skatt og rammetilskudd, endring", "%", -10, 10, 0.5, start["frie"],
                            desimaler=1, hjelp=frie.beskrivelse),
        "omrade": laer.valg("Tiltak i området", omrader, start["omrade"]),
        "tiltak": laer.glider("Tiltak per år (+ mer, − mindre)", "mill. kr", -300, 300, 10, start["tiltak"],
                              hjelp="Endring i rammen hvert år 2022-2025, faste 2022-kroner"),
        "rente": laer.glider("Rentenivå, endring", "prosentpoeng", *RENTEGLIDER, 0.25, start["rente"],
                             desimaler=2, hjelp=renter.beskrivelse),
        "disponering": laer.valg("Endringen i resultatet går til",
                                 {tekst: k for k, tekst in sc.DISPONERINGER.items()}, start["disponering"]),
        "ar": laer.valg("Vis året", list(modell.AR), start["ar"]),
    }
    med_ar = (*SCENARIOINNDATA, "ar")
    _planer = planer()
    utdata = [
        laer.Utdata("trapp", _planer, partial(_vis_trapp, navn=navn), avhenger_av=med_ar,
                    tittel="Fra inntekter til netto driftsresultat"),
        laer.Utdata("fossefall", _planer, _vis_fossefall, avhenger_av=med_ar,
                    tittel="Finansposten i valgt år"),
        laer.Utdata("disponering", _planer, partial(_vis_disponering, navn=navn),
                    tittel="Hvor resultatet går, og om budsjettet er i balanse"),
        laer.Utdata("mal", _planer, partial(_vis_mal, navn=navn), tittel="De fire måltallene (kap. 8.3)"),
        laer.Utdata("malfigur", _planer, vis_malfigur, tittel="Måltallene: dine valg mot forslaget"),
    ]
    return laer.Panel(
        "Fra inntekter til resultat: skatt, rammer, renter",
        inndata,
        lambda verdier: til_scenario(verdier, scen, start),
        utdata,
        grupper=[("Inntektene", ["frie"]), ("Rammene", ["omrade", "tiltak"]), ("Renten", ["rente"]),
                 ("Resultatet", ["disponering"]), ("Visning", ["ar"])],
        utenom_scenario=("ar",),
    )
