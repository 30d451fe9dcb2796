"""``hoep klima``, ``sykefravaer``, ``eiendomsskatt`` and ``eksempelfamilie``: chapters 7, 38 and 10."""

from __future__ import annotations

import argparse
import json

from hoep import tall
from hoep.cli.utdata import _csv, _tall_eller_null, _tekstabell
from hoep.feil import HoepFeil

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
