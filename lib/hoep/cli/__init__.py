"""Command line: ``hoep tabeller``, ``tabell``, ``kontroller``, ``nokkeltall``, ``scenario``, ``rapporter`` …
(also ``eiendomsskatt`` and ``eksempelfamilie``, chapter 10).

Messages and headings are Norwegian. Errors a user can fix (unknown table, bad scenario, corrupted
data file) print one line starting with ``feil:`` and exit with status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from pathlib import Path

from hoep import data, tall
from hoep.feil import HoepFeil

FORMATER = ("tabell", "csv", "json")


def _tall_eller_null(v: float) -> float | int | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v) if float(v).is_integer() else v


def _tekstabell(overskrifter: list[str], rader: list[list[str]], hoyre: set[int]) -> str:
    bredder = [max(len(str(x)) for x in [h, *(r[i] for r in rader)])
               for i, h in enumerate(overskrifter)]

    def linje(celler: list[str]) -> str:
        return "  ".join(str(c).rjust(b) if i in hoyre else str(c).ljust(b)
                         for i, (c, b) in enumerate(zip(celler, bredder, strict=True))).rstrip()

    return "\n".join([linje(overskrifter), linje(["-" * b for b in bredder]),
                      *(linje(r) for r in rader)])


def _csv(overskrifter: list[str], rader: list[list]) -> str:
    buf = io.StringIO()
    skriver = csv.writer(buf, lineterminator="\n")
    skriver.writerow(overskrifter)
    skriver.writerows(rader)
    return buf.getvalue().rstrip("\n")


def kommando_tabeller(args: argparse.Namespace) -> str:
    kat = data.katalog()
    if args.kapittel is not None:
        kat = kat[kat["kapittel"] == args.kapittel]
    if args.familie is not None:
        kat = kat[kat["familie"] == args.familie]
    if args.omrade is not None:
        kat = kat[kat["omrade"] == args.omrade]
    poster = [{k: (None if v is None or v != v else v) for k, v in rad.items()}
              for rad in kat.to_dict(orient="records")]
    if args.format == "json":
        return json.dumps(poster, ensure_ascii=False, indent=2)
    kolonner = ["id", "trykt_nummer", "kapittel", "tittel", "enhet", "prisbasis", "familie", "omrade"]
    rader = [[p[k] if p[k] is not None else "" for k in kolonner] for p in poster]
    if args.format == "csv":
        return _csv(kolonner, rader)
    return _tekstabell(kolonner, [[str(c) for c in r] for r in rader], {2}) + \
        f"\n\n{len(rader)} tabeller."


def tabell_som_json(tabell_id: str) -> dict:
    """One table as published, as plain JSON-ready data (numbers in the published sign)."""
    t = data.info(tabell_id)
    df = data.tabell(tabell_id)
    ekstra = t.tekstkolonner[2:]
    rader = []
    for rad_id, rad in df.iterrows():
        post = {"rad_id": rad_id, "rad": rad["rad"],
                "verdier": {k: _tall_eller_null(rad[k]) for k in t.tallkolonner}}
        if ekstra:
            post["tekst"] = {k: rad[k] or None for k in ekstra}
        rader.append(post)
    return {
        "id": t.id, "trykt_nummer": t.trykt_nummer, "kapittel": t.kapittel, "tittel": t.tittel,
        "enhet": t.enhet, "prisbasis": t.prisbasis,
        "kolonner": t.tallkolonner,
        "kolonnetitler": {k: t.kolonne(k).get("title", k) for k in t.tallkolonner},
        "kolonneprisbasis": {k: t.kolonne(k)["prisbasis"] for k in t.tallkolonner},
        "rader": rader,
    }


def kommando_tabell(args: argparse.Namespace) -> str:
    t = data.info(args.id)
    if args.format == "json":
        return json.dumps(tabell_som_json(args.id), ensure_ascii=False, indent=2)
    df = data.tabell(args.id)
    ekstra = t.tekstkolonner[2:]
    if args.format == "csv":
        kolonner = ["rad_id", "rad", *ekstra, *t.tallkolonner]
        rader = [[rid, *(("" if (isinstance(v, float) and math.isnan(v)) else
                          (_tall_eller_null(v) if isinstance(v, float) else v))
                         for v in rad[kolonner[1:]])]
                 for rid, rad in df.iterrows()]
        return _csv(kolonner, rader)
    titler = [t.kolonne(k).get("title", k) for k in t.tallkolonner]
    overskrifter = ["Rad", *[t.kolonne(k).get("title", k) for k in ekstra], *titler]
    rader = [[rad["rad"], *(rad[k] for k in ekstra),
              *(tall.tekst(rad[k], t.desimaler) for k in t.tallkolonner)]
             for _, rad in df.iterrows()]
    hoyre = set(range(1 + len(ekstra), len(overskrifter)))
    hode = (f"{t.trykt_nummer + ' ' if t.trykt_nummer else ''}{t.tittel}\n"
            f"Kapittel {t.kapittel}. {t.enhet}. {data.kilde(args.id).split('; ', 1)[1]}\n")
    if t.merknad:
        hode += f"Merknad: {t.merknad}\n"
    return hode + "\n" + _tekstabell(overskrifter, rader, hoyre)


def kommando_kontroller(args: argparse.Namespace) -> tuple[str, int]:
    from hoep.data import kontroller

    data.valider_alt()
    rev = kontroller.revisjon()
    vis = rev if args.alle else rev[rev["status"] != kontroller.OK]
    feil = rev[rev["status"].isin([kontroller.BRUDD, kontroller.AVVIK_BORTE])]
    kode = 1 if len(feil) else 0
    if args.format == "json":
        return json.dumps(vis.to_dict(orient="records"), ensure_ascii=False, indent=2), kode
    kolonner = ["kontroll", "tabell", "celle", "publisert", "beregnet", "differanse", "status"]
    if args.format == "csv":
        return _csv(kolonner, vis[kolonner].values.tolist()), kode
    rader = [[r.kontroll, r.tabell, r.celle, tall.tekst(r.publisert, 1),
              tall.tekst(r.beregnet, 1), tall.tekst(r.differanse, 1), r.status]
             for r in vis.itertuples()]
    oppsummering = (f"\n\n{len(rev)} sammenligninger i {rev['kontroll'].nunique()} kontroller: "
                    f"{(rev['status'] == kontroller.OK).sum()} ok, "
                    f"{(rev['status'] == kontroller.KJENT_AVVIK).sum()} kjente avvik i dokumentet, "
                    f"{len(feil)} feil.")
    return _tekstabell(kolonner, rader, {3, 4, 5}) + oppsummering, kode


KLIMANOKLER = ("referansebane", "samlet_effekt", "tiltaksbane", "malbane", "gap", "referansebane_pst",
               "tiltaksbane_pst", "malbane_pst")


def kommando_klima(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    ramme = modell.klimaramme(scen)
    status = modell.klimamalstatus(scen)
    if args.format == "json":
        return json.dumps({
            "scenario": scen.navn,
            "enhet": "tonn CO2-ekv.; *_pst: prosent endring fra 2009",
            "aar": {str(ar): {k: _tall_eller_null(float(rad[k])) for k in KLIMANOKLER}
                    | {"malbane_publisert": bool(rad["publisert"])}
                    for ar, rad in ramme.iterrows()},
            "mal": {str(ar): {"mal_pst": _tall_eller_null(float(r["mal_pst"])), "nadd": bool(r["nadd"]),
                              "mangler_tonn": _tall_eller_null(round(float(r["mangler"]), 1))}
                    for ar, r in status.iterrows()},
        }, ensure_ascii=False, indent=2)
    kolonner = ["ar", *KLIMANOKLER]
    if args.format == "csv":
        return _csv(kolonner, [[ar, *(_tall_eller_null(float(rad[k])) for k in KLIMANOKLER)]
                               for ar, rad in ramme.iterrows()])
    rader = [[str(ar), *(tall.tekst(rad[k]) for k in KLIMANOKLER)] for ar, rad in ramme.iterrows()]
    overskrifter = ["År", "Referansebane", "Samlet effekt", "Tiltaksbane", "Målbane", "Gap", "Ref. %",
                    "Tiltak %", "Mål %"]
    mal = "\n".join(
        f"Mål {ar} ({tall.tekst(r['mal_pst'])} % fra 2009): "
        + ("nådd" if r["nadd"] else f"ikke nådd, mangler {tall.tekst(r['mangler'])} tonn")
        for ar, r in status.iterrows())
    return (f"Utslippsramme, scenario «{scen.navn}» (tonn CO2-ekv.; prosent endring fra 2009). "
            "Målbanen 2022-2025 er den publiserte (Tabell 7-1), deretter rett linje til målet for 2030.\n\n"
            + _tekstabell(overskrifter, rader, set(range(1, 9))) + "\n\n" + mal)


def kommando_sykefravaer(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc
    from hoep.regler import sykefravaer

    scen = sc.les(args.scenario)
    if args.fravaer is not None and not 0 <= args.fravaer <= 100:
        raise HoepFeil(f"--fravaer må være en prosent mellom 0 og 100, fikk {args.fravaer:g}.")
    p = modell.sykefravaersparametre(scen, args.fravaer)
    k = sykefravaer.kostnader(p)
    bhg = sykefravaer.enhet(scen.verdi("sykefravaer_barnehage_arsverk", 2020),
                            scen.verdi("sykefravaer_barnehage_fravaer", 2020), p)
    if args.format == "json":
        return json.dumps({"scenario": scen.navn, "fravaer_pst": p.fravaer,
                           "enhet": "mill. kr; *_andel: prosent",
                           "kommunen": {n: round(v, 3) for n, v in k.items()},
                           "barnehage": {n: round(v, 3) for n, v in bhg.items()}},
                          ensure_ascii=False, indent=2)
    navn = {"produksjonstap": "Produksjonstap (samfunnets kostnad)",
            "per_prosentpoeng": "Per prosentpoeng fravær",
            "stat": "Statens andel (sykepengerefusjon)", "kommune": "Kommunens andel",
            "stat_andel": "Statens andel, prosent", "kommune_andel": "Kommunens andel, prosent",
            "vikar_korttid": "Vikarer ved korttidsfravær (ikke refundert)",
            "vikar_langtid": "Vikarer ved langtidsfravær",
            "vikar_langtid_netto": "Vikarer langtid minus refusjon",
            "budsjetteffekt": "Budsjetteffekt (dokumentets forenkling: langtid netto null)"}
    if args.format == "csv":
        return _csv(["nokkel", "verdi"], [[n, round(v, 3)] for n, v in k.items()])
    rader = [[navn[n], tall.tekst(v, 1)] for n, v in k.items()]
    return (f"Sykefravær {tall.prosent(p.fravaer)} (kap. 38), mill. kr\n\n"
            + _tekstabell(["", "Verdi"], rader, {1})
            + f"\n\nKommunale barnehager: produksjonstap {tall.mill(bhg['produksjonstap'], 1)}, "
              f"budsjetteffekt {tall.tekst(bhg['korttid_halv'], 1)}-{tall.mill(bhg['korttid_hel'], 1)}, "
              f"per prosentpoeng {tall.tekst(bhg['per_prosentpoeng_halv'], 1)}-"
              f"{tall.mill(bhg['per_prosentpoeng_hel'], 1)}.")


def kommando_eiendomsskatt(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc
    from hoep.regler import eiendomsskatt

    scen = sc.les(args.scenario)
    if args.ar not in eiendomsskatt.PLANAR:
        raise HoepFeil(f"--ar må være et år i planperioden {eiendomsskatt.PLANAR[0]}-"
                       f"{eiendomsskatt.PLANAR[-1]}, fikk {args.ar}.")
    if args.verdi < 0 or args.verdi != args.verdi:
        raise HoepFeil(f"--verdi må være en verdi i kroner, 0 eller mer; fikk {args.verdi:g}.")
    s = modell.eiendomsskatt.satser(scen, args.ar)
    k = eiendomsskatt.skatt(args.verdi, args.type, s, args.boenheter)
    if args.format == "json":
        return json.dumps({
            "scenario": scen.navn, "ar": args.ar, "type": k.type, "enhet": "kr",
            "verdi": _tall_eller_null(k.verdi), "reduksjon": _tall_eller_null(round(k.reduksjon, 2)),
            "reduksjonsfaktor_pst": s.reduksjonsfaktor if k.type in eiendomsskatt.MED_BUNNFRADRAG else 0.0,
            "boenheter": args.boenheter, "bunnfradrag": _tall_eller_null(k.bunnfradrag),
            "grunnlag": _tall_eller_null(round(k.grunnlag, 2)), "sats_promille": k.sats_promille,
            "skatt": _tall_eller_null(round(k.skatt, 2)),
            "hjemmel": "eiendomsskatteloven §§ 8 A-2, 11 og 13",
        }, ensure_ascii=False, indent=2)
    navn = eiendomsskatt.TYPENAVN[k.type]
    linjer = [[f"{'Boligverdi' if k.type == 'bolig' else 'Verdi'}", tall.tekst(k.verdi)],
              [f"− reduksjon {tall.tekst(s.reduksjonsfaktor)} % (§ 8 A-2)", tall.tekst(k.reduksjon)],
              [f"− bunnfradrag × {args.boenheter} boenhet(er) (§ 11)", tall.tekst(k.bunnfradrag)],
              ["= skattegrunnlag", tall.tekst(k.grunnlag)],
              [f"× sats {tall.tekst(k.sats_promille, 2)} promille (§ 13)", ""],
              ["= eiendomsskatt per år", tall.tekst(k.skatt)]]
    return (f"Eiendomsskatt {args.ar} for {navn}, scenario «{scen.navn}» (kroner)\n\n"
            + _tekstabell(["", "kr"], linjer, {1}))


def kommando_eksempelfamilie(args: argparse.Namespace) -> str:
    from hoep import modell
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    t = modell.husholdning.tabell_10_8(scen)
    kolonner = ["rad_id", "rad", "kroner_2021", "kroner_2022", "endring"]
    if args.format == "json":
        return json.dumps({
            "scenario": scen.navn, "enhet": "kr, løpende priser",
            "kilde": "Tabell 10-8 beregnet fra satsene og reglene (kap. 10)",
            "rader": [{"rad_id": rid, "rad": r["rad"], "kroner_2021": int(r["kroner_2021"]),
                       "kroner_2022": int(r["kroner_2022"]), "endring": int(r["endring"])}
                      for rid, r in t.iterrows()],
        }, ensure_ascii=False, indent=2)
    if args.format == "csv":
        return _csv(kolonner, [[rid, r["rad"], r["kroner_2021"], r["kroner_2022"], r["endring"]]
                               for rid, r in t.iterrows()])
    rader = [[r["rad"], tall.tekst(r["kroner_2021"]), tall.tekst(r["kroner_2022"]),
              tall.tekst(r["endring"])] for _, r in t.iterrows()]
    return (f"Eksempelfamilien (Tabell 10-8) beregnet fra satser og regler, scenario «{scen.navn}» "
            "(kroner per år, løpende priser)\n\n"
            + _tekstabell(["", "2021", "2022", "Endring"], rader, {1, 2, 3}))


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


def kommando_rapporter(args: argparse.Namespace) -> tuple[str, int]:
    from hoep import rapporter

    if args.jobber is not None and args.jobber < 1:
        raise HoepFeil(f"--jobber må være minst 1, fikk {args.jobber}.")
    try:
        kjoring = rapporter.lag_alle(args.scenario or [None], args.utdata, args.jobber, args.tving)
    except KeyboardInterrupt:
        return ("Avbrutt. Rapporter som ble ferdige, er lagret; de andre er som før. Kjør kommandoen "
                "på nytt for å lage resten.", 130)
    return kjoring.oppsummering(), 1 if kjoring.feilet else 0


def kommando_notatboker(args: argparse.Namespace) -> str:
    from hoep import rapporter

    oppdatert = rapporter.oppdater_notatboker(args.scenario, args.notatbok)
    return f"Oppdaterte {len(oppdatert)} notatbøker. Se over endringene med git diff før commit."


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hoep",
        description="Trondheim kommunes handlings- og økonomiplan 2022-2025 som data og rapporter.",
    )
    under = p.add_subparsers(dest="kommando", required=True, metavar="KOMMANDO")

    def med_format(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--format", choices=FORMATER, default="tabell",
                        help="utdataformat (standard: tabell)")

    sp = under.add_parser("tabeller", help="katalogen over alle publiserte tabeller")
    sp.add_argument("--kapittel", type=int, help="bare tabeller fra dette kapitlet")
    sp.add_argument("--familie", choices=data.FAMILIER, help="bare tabeller av denne typen")
    sp.add_argument("--omrade", help="bare tabeller for dette tjenesteområdet (id fra data/omrader.csv)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_tabeller)

    sp = under.add_parser("tabell", help="én tabell slik den er publisert")
    sp.add_argument("id", help="tabellens id (se «hoep tabeller»)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_tabell)

    sp = under.add_parser("kontroller", help="revisjon: summer og identiteter i dokumentet")
    sp.add_argument("--alle", action="store_true", help="vis også kontroller som stemmer")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_kontroller)

    sp = under.add_parser("klima", help="utslippsrammen (kap. 7) for et scenario, 2022-2030")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_klima)

    sp = under.add_parser("sykefravaer", aliases=["sykefravær"],
                          help="kostnadene ved sykefravær (kap. 38)")
    sp.add_argument("--fravaer", type=float, default=None, help="sykefravær i prosent (standard: 10)")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_sykefravaer)

    sp = under.add_parser("eiendomsskatt", help="eiendomsskatt for én eiendom (kap. 10.2)")
    sp.add_argument("--verdi", type=float, required=True,
                    help="boligverdi (bolig, fritid) eller skattegrunnlag før fradrag, i kroner")
    sp.add_argument("--type", default="bolig",
                    help="bolig, fritid, naering eller saerskilt (standard: bolig)")
    sp.add_argument("--boenheter", type=int, default=1, help="antall godkjente boenheter (standard: 1)")
    sp.add_argument("--ar", type=int, default=2022, help="år i planperioden (standard: 2022)")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    sp.add_argument("--format", choices=("tabell", "json"), default="tabell",
                    help="utdataformat (standard: tabell)")
    sp.set_defaults(funksjon=kommando_eiendomsskatt)

    sp = under.add_parser("eksempelfamilie", help="Tabell 10-8: hva eksempelfamilien betaler 2021 og 2022")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_eksempelfamilie)

    sp = under.add_parser("scenario", help="arbeid med scenariofiler")
    scenariokommandoer = sp.add_subparsers(dest="scenariokommando", required=True, metavar="KOMMANDO")
    sjekk = scenariokommandoer.add_parser("sjekk", help="valider en scenariofil uten å regne noe")
    sjekk.add_argument("fil", type=Path, help="scenariofilen")
    sjekk.set_defaults(funksjon=kommando_scenario_sjekk)
    diff = scenariokommandoer.add_parser("diff", help="nøkkeltallene i et scenario minus grunnscenarioet")
    diff.add_argument("fil", type=Path, help="scenariofilen")
    diff.add_argument("--mot", type=Path, default=None,
                      help="scenarioet det sammenlignes med (standard: scenarios/basis.yaml)")
    med_format(diff)
    diff.set_defaults(funksjon=kommando_scenario_diff)

    sp = under.add_parser("nokkeltall", aliases=["nøkkeltall"],
                          help="budsjettmodellens nøkkeltall 2022-2025 for et scenario")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_nokkeltall)

    sp = under.add_parser("stresstest", help="sannsynligheten for at måltallene brytes når rentene varierer")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    sp.add_argument("--n", type=int, default=10_000, help="antall trekk (standard: 10 000)")
    sp.add_argument("--seed", type=int, default=2022, help="frø for tilfeldige tall (standard: 2022)")
    sp.add_argument("--sigma-rente", type=float, default=0.75,
                    help="standardavvik for årlig renteendring, prosentpoeng (standard: 0,75)")
    sp.add_argument("--sigma-frie-inntekter", type=float, default=1.0,
                    help="standardavvik for årlig endring i frie inntekter, prosent (standard: 1)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_stresstest)

    sp = under.add_parser(
        "rapporter", help="kjør notatbøkene til HTML-rapporter for ett eller flere scenarioer",
        description="Kjører hver notatbok for hvert scenario, flere samtidig, og skriver rapportene til "
                    "RAPPORTMAPPE/<scenario>/ med index.html, hoep.xlsx og CSV-filer i data/. En rapport "
                    "der notatbok, scenariofil, data/ og biblioteket er uendret siden forrige vellykkede "
                    "kjøring, kjøres ikke på nytt. Avslutningskode: 0 når alle rapportene ble laget, 1 når "
                    "minst én notatbok feilet (de andre blir laget), 2 ved feil i scenariofiler eller "
                    "argumenter (ingenting kjøres), 130 når kjøringen ble avbrutt.")
    sp.add_argument("--scenario", type=Path, action="append", default=None, metavar="FIL",
                    help="scenariofil; gjenta for flere scenarioer (standard: scenarios/basis.yaml)")
    sp.add_argument("--utdata", type=Path, default=None, metavar="RAPPORTMAPPE",
                    help="rapportmappe (standard: reports/)")
    sp.add_argument("--jobber", type=int, default=None, metavar="N",
                    help="antall notatbøker som kjøres samtidig (standard: antall kjerner)")
    sp.add_argument("--tving", action="store_true",
                    help="kjør alle rapportene på nytt, også de som er uendret siden sist")
    sp.set_defaults(funksjon=kommando_rapporter)

    sp = under.add_parser("notatbøker", aliases=["notatboker"],
                          help="kjør de lagrede notatbøkene på nytt (oppdaterer nbval-fasit)")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    sp.add_argument("--notatbok", action="append", default=None,
                    help="bare denne notatboken (kan gis flere ganger; standard: alle)")
    sp.set_defaults(funksjon=kommando_notatboker)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        resultat = args.funksjon(args)
    except HoepFeil as e:
        print(f"feil: {e}", file=sys.stderr)
        return 2
    tekst, kode = resultat if isinstance(resultat, tuple) else (resultat, 0)
    try:
        print(tekst)
    except BrokenPipeError:  # «hoep … | head»: the reader stopped; not an error
        sys.stderr.close()
    return kode


if __name__ == "__main__":
    sys.exit(main())
