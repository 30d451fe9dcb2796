"""``hoep scenario sjekk|diff``, ``hoep nokkeltall`` and ``hoep stresstest``: a scenario and its plan."""

from __future__ import annotations

import argparse
import json

from hoep import tall
from hoep.cli.utdata import _csv, _tall_eller_null, _tekstabell


def kommando_scenario_sjekk(args: argparse.Namespace) -> str:
    from hoep.parametre import scenario as sc

    scen = sc.les(args.fil)
    linjer = [f"Scenarioet «{scen.navn}» i {args.fil} er gyldig.",
              f"Beskrivelse: {scen.beskrivelse or '(ingen)'}"]
    endringer = sc.beskriv_endringer(scen)
    linjer += endringer or ["Ingen endringer: dokumentet slik det er publisert."]
    return "\n".join(linjer)


def _nokkeltall_ut(tabell, scenarionavn: str, fmt: str, tittel: str) -> str:
    """Key figures (rows) per year as JSON, CSV or a text table."""
    from hoep import modell

    ar = [a for a in modell.AR]
    if fmt == "json":
        return json.dumps({
            "scenario": scenarionavn,
            "enheter": {k: f"{r['enhet']}, {r['prisbasis']}" if r["prisbasis"] != "ingen" else r["enhet"]
                        for k, r in tabell.iterrows()},
            "aar": {str(a): {k: round(float(tabell.at[k, a]), 3) for k in tabell.index} for a in ar},
        }, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(["nokkel", "navn", "enhet", "prisbasis", *map(str, ar)],
                    [[k, r["navn"], r["enhet"], r["prisbasis"], *(round(float(r[a]), 3) for a in ar)]
                     for k, r in tabell.iterrows()])
    prisbasis = {"faste_2022": "2022-kr", "løpende": "løpende", "ingen": ""}
    rader = [[r["navn"], r["enhet"].replace("prosent", "%"), prisbasis[r["prisbasis"]],
              *(tall.tekst(r[a], 1) for a in ar)] for _, r in tabell.iterrows()]
    return tittel + "\n\n" + _tekstabell(["", "Enhet", "Prisbasis", *map(str, ar)], rader, {3, 4, 5, 6})


def kommando_nokkeltall(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    plan = modell.beregn(scen)
    tekst = _nokkeltall_ut(plan.nokkeltall(), scen.navn, args.format,
                           f"Nøkkeltall 2022-2025, scenario «{scen.navn}». Fortegn: inntekter, "
                           "utgifter og overskudd positive.")
    if args.format == "tabell":
        balanse = plan.balanse()
        ikke = balanse[~balanse["i_balanse"]]
        tekst += "\n\n" + ("Budsjettet er i balanse alle år." if ikke.empty else "\n".join(
            f"IKKE I BALANSE {a}: {r['forklaring']}." for a, r in ikke.iterrows()))
    return tekst


def kommando_scenario_diff(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc

    scen = sc.les(args.fil)
    mot = sc.les(args.mot)
    forskjell = modell.diff(scen, mot)
    tekst = _nokkeltall_ut(forskjell, scen.navn, args.format,
                           f"Scenario «{scen.navn}» minus «{mot.navn}», per år.")
    if args.format == "tabell":
        endringer = sc.beskriv_endringer(scen)
        status = modell.beregn(scen).malstatus()
        basis = modell.beregn(mot).malstatus()
        endret = status[status["status"] != basis["status"]]
        tekst += "\n\nEndringer i scenarioet:\n" + "\n".join(f"- {e}" for e in endringer or ["ingen"])
        tekst += "\n\nMåltall med endret status:\n" + ("\n".join(
            f"- {r['navn']} {r['ar']}: {basis.at[i, 'status']} → {r['status']} "
            f"({tall.tekst(r['verdi'], 1)} %, mål {r['mal']})" for i, r in endret.iterrows()) or "- ingen")
    return tekst


def kommando_stresstest(args: argparse.Namespace) -> str:
    from hoep.modell import stresstest
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    fordeling = stresstest.Fordeling(args.sigma_rente, args.sigma_frie_inntekter)
    r = stresstest.kjor(scen, args.n, args.seed, fordeling)
    ar = [str(a) for a in r.brudd.columns]
    if args.format == "json":
        return json.dumps({
            "scenario": r.scenario, "n": r.n, "seed": r.seed, "fordeling": fordeling.beskriv(),
            "sannsynlighet_brudd": {m: {str(a): round(float(v), 4) for a, v in rad.items()}
                                    for m, rad in r.brudd.iterrows()},
            "persentiler": {f"{k}_p{p}": {str(a): round(float(v), 3) for a, v in rad.items()}
                            for (k, p), rad in r.persentiler.iterrows()},
        }, ensure_ascii=False, indent=2)
    if args.format == "csv":
        return _csv(["maltall", *ar],
                    [[m, *(round(float(v), 4) for v in rad)] for m, rad in r.brudd.iterrows()])
    brudd = [[m, *(tall.prosent(100 * v, 1) for v in rad)] for m, rad in r.brudd.iterrows()]
    navn = {"renteutgifter": "Renteutgifter (mill. kr, 2022-kr)",
            "lanegjeld_ub": "Lånegjeld 31.12. (mill. kr)",
            "netto_driftsresultat": "Netto driftsresultat (mill. kr)",
            "kapitalutgifter_pst": "Kapitalutgifter (%)",
            "disposisjonsfond_ub": "Disposisjonsfond 31.12. (mill. kr)"}
    pers = [[f"{navn[k]} p{p}", *(tall.tekst(v, 1) for v in rad)]
            for (k, p), rad in r.persentiler.iterrows()]
    return (f"Stresstest, scenario «{r.scenario}»: {tall.tekst(r.n)} trekk, frø {r.seed}.\n"
            f"{fordeling.beskriv()}\n\nSannsynlighet for at måltallet brytes:\n"
            + _tekstabell(["Måltall", *ar], brudd, {1, 2, 3, 4})
            + "\n\nPersentiler:\n" + _tekstabell(["", *ar], pers, {1, 2, 3, 4}))


def kommando_maltall(args: argparse.Namespace) -> str:
    """The four targets per year: value, the year's band and status (targets are dated assumptions)."""
    from hoep import modell
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    status = modell.beregn(scen).malstatus()
    if args.format == "json":
        return json.dumps({"scenario": scen.navn, "enhet": "prosent", "aar": {
            str(a): {r.maltall: {"verdi": round(float(r.verdi), 3), "nedre": _tall_eller_null(r.nedre),
                                 "ovre": _tall_eller_null(r.ovre), "status": r.status}
                     for r in rader.itertuples()}
            for a, rader in status.groupby("ar")}}, ensure_ascii=False, indent=2)
    kolonner = ["ar", "maltall", "verdi", "nedre", "ovre", "status"]
    if args.format == "csv":
        return _csv(kolonner, [[r.ar, r.maltall, round(float(r.verdi), 3), _tall_eller_null(r.nedre),
                                _tall_eller_null(r.ovre), r.status] for r in status.itertuples()])
    rader = [[str(r.ar), r.navn, tall.prosent(r.verdi, 1), r.mal, r.status + (" (brudd)" if r.brutt else "")]
             for r in status.itertuples()]
    tabell = _tekstabell(["År", "Måltall", "Verdi", "Mål", "Status"], rader, {2})
    return (f"Måltallene 2022-2025, scenario «{scen.navn}» (prosent; målene slik de gjelder hvert år, "
            f"HØP 2022-2025 kap. 8.3)\n\n{tabell}")
