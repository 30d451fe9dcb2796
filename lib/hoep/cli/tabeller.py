"""``hoep tabeller``, ``hoep tabell`` and ``hoep kontroller``: the catalogue, one table, the audit."""

from __future__ import annotations

import argparse
import json
import math

from hoep import data, tall
from hoep.cli.utdata import _csv, _tall_eller_null, _tekstabell
from hoep.feil import HoepFeil


def kommando_tabeller(args: argparse.Namespace) -> str:
    kat = data.katalog()
    if args.kapittel is not None:
        kat = kat[kat["kapittel"] == args.kapittel]
    if args.familie is not None:
        kat = kat[kat["familie"] == args.familie]
    if args.omrade is not None:
        kat = kat[kat["omrade"] == args.omrade]
    from hoep.modell import motor

    poster = [{k: (None if v is None or v != v else v) for k, v in rad.items()}
              for rad in kat.to_dict(orient="records")]
    for p in poster:
        p["beregnes"] = motor.beregnes(p["id"])  # computed by the engine for a scenario
    if args.format == "json":
        return json.dumps(poster, ensure_ascii=False, indent=2)
    kolonner = ["id", "trykt_nummer", "kapittel", "tittel", "enhet", "prisbasis", "familie", "omrade",
                "beregnes"]
    rader = [[p[k] if p[k] is not None else "" for k in kolonner] for p in poster]
    if args.format == "csv":
        return _csv(kolonner, [[str(v).lower() if isinstance(v, bool) else v for v in r] for r in rader])
    tekst = [[("ja" if c else "nei") if isinstance(c, bool) else str(c) for c in r] for r in rader]
    antall = sum(p["beregnes"] for p in poster)
    return _tekstabell(kolonner, tekst, {2}) + \
        f"\n\n{len(rader)} tabeller, {antall} regnes ut av budsjettmotoren for et scenario (--scenario)."


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
    if args.scenario is not None or args.mot is not None:
        from hoep.cli.motor import beregnet_tabell

        return beregnet_tabell(args)
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
    from hoep.data import avvik, kontroller, tekstkontroller

    if args.kapittel is not None and not 1 <= args.kapittel <= 38:
        raise HoepFeil(f"«--kapittel» må være et kapittelnummer 1-38, fikk {args.kapittel}.")
    data.valider_alt()
    if args.avvik:
        return _avviksregister(args)
    tabeller = kontroller.Tabeller()
    rev = kontroller.revisjon(tabeller)
    tekst = tekstkontroller.revisjon(tabeller)
    problemer = avvik.problemer(rev, tekst, avvik.register(tabeller))
    if args.kapittel is not None:
        rev = rev[rev["kapittel"] == args.kapittel]
    vis = rev if args.alle else rev[rev["status"] != kontroller.OK]
    feil = rev[rev["status"].isin([kontroller.BRUDD, kontroller.AVVIK_BORTE])]
    kode = 1 if len(feil) or problemer else 0
    if args.format == "json":
        return json.dumps(vis.to_dict(orient="records"), ensure_ascii=False, indent=2), kode
    kolonner = ["kontroll", "tabell", "celle", "publisert", "beregnet", "differanse", "status"]
    if args.format == "csv":
        return _csv(kolonner, vis[kolonner].values.tolist()), kode
    rader = [[r.kontroll, r.tabell, r.celle, tall.tekst(r.publisert, 1),
              tall.tekst(r.beregnet, 1), tall.tekst(r.differanse, 1), r.status]
             for r in vis.itertuples()]
    if args.kapittel is not None:
        tekst = tekst[tekst["kapittel"] == args.kapittel]
    oppsummering = (f"\n\n{len(rev)} sammenligninger i {rev['kontroll'].nunique()} kontroller: "
                    f"{(rev['status'] == kontroller.OK).sum()} ok, "
                    f"{(rev['status'] == kontroller.KJENT_AVVIK).sum()} kjente avvik i dokumentet, "
                    f"{len(feil)} feil.\n"
                    f"{len(tekst)} tall i teksten kontrollert mot tabellene eller teksten: "
                    f"{int(tekst['holder'].sum())} holder, {int((~tekst['holder']).sum())} er "
                    "selvmotsigelser i avviksregisteret (hoep kontroller --avvik).")
    if problemer:
        oppsummering += "\nAvviksregisteret stemmer ikke med dataene:\n" + "\n".join(
            f"  {p}" for p in problemer)
    return _tekstabell(kolonner, rader, {3, 4, 5}) + oppsummering, kode


def _sted_tekst(s) -> str:  # noqa: ANN001
    """A place as a controller reads it: «Tabell 8-20 renteutgifter/budsjett_2021» or «linje 5666»."""
    if s.tabell is None:
        return f"linje {s.linje}"
    t = data.info(s.tabell)
    navn = t.trykt_nummer or t.id
    celle = "/".join(x for x in (s.rad, s.kolonne) if x)
    return f"{navn} {celle}".strip() + f" (linje {s.linje})"


def _verdi_tekst(v: object, desimaler: int, ord_: bool) -> str:
    """A compared value as printed: a number the Norwegian way, a year or a name as it is."""
    if v is None:
        return ""
    if ord_ or not isinstance(v, int | float) or isinstance(v, bool):
        return str(v)
    return tall.tekst(v, desimaler)


def _avviksregister(args: argparse.Namespace) -> tuple[str, int]:
    """``hoep kontroller --avvik``: the register of contradictions, optionally for one chapter."""
    from hoep.data import avvik, kontroller, tekstkontroller

    tabeller = kontroller.Tabeller()
    register = avvik.register(tabeller)
    problemer = avvik.problemer(kontroller.revisjon(tabeller), tekstkontroller.revisjon(tabeller), register)
    kode = 1 if problemer else 0
    if args.kapittel is not None:
        register = [a for a in register if args.kapittel in a.kapitler]
    if args.format == "json":
        poster = []
        for a in register:
            d = a.som_dict()
            for s in d["steder"]:
                s["verdi"] = _tall_eller_null(s["verdi"])
            for s in d["sammenligninger"]:
                for k in ("publisert", "beregnet", "differanse"):
                    if isinstance(s[k], float):
                        s[k] = _tall_eller_null(round(s[k], 6))
            poster.append(d)
        return json.dumps(poster, ensure_ascii=False, indent=2), kode
    if args.format == "csv":
        kolonner = ["id", "kapittel", "type", "gjelder", "tabell", "linje", "rad", "kolonne", "verdi",
                    "trykt", "beskrivelse"]
        rader = [[a.id, a.kapittel, a.type, a.gjelder, s.tabell or "", s.linje or "", s.rad or "",
                  s.kolonne or "", "" if s.verdi is None else _tall_eller_null(s.verdi), s.trykt or "",
                  a.beskrivelse] for a in register for s in a.steder]
        return _csv(kolonner, rader), kode
    kolonner = ["id", "kap.", "type", "trykt", "annet sted", "differanse", "steder"]
    rader = []
    for a in register:
        s = a.sammenligninger[0] if a.sammenligninger else None
        steder = "; ".join(_sted_tekst(x) for x in a.steder[:3]) + (
            f"; … ({len(a.steder)} steder)" if len(a.steder) > 3 else "")
        ord_ = a.gjelder == "tekst"
        d = avvik.visningsdesimaler(s.publisert, s.beregnet) if s else 0
        rader.append([a.id, str(a.kapittel), a.type + (" (ord)" if ord_ else ""),
                      _verdi_tekst(s.publisert, d, ord_) if s else "",
                      _verdi_tekst(s.beregnet, d, ord_) if s else "",
                      _verdi_tekst(s.differanse, d, ord_) if s and not ord_ else "", steder])
    typer = {t: sum(a.type == t for a in register) for t in avvik.TYPER}
    hvor = f" i kapittel {args.kapittel}" if args.kapittel is not None else ""
    oppsummering = (f"\n\n{len(register)} selvmotsigelser{hvor}: "
                    + ", ".join(f"{n} {t}" for t, n in typer.items() if n) + "." if register
                    else f"\n\nIngen selvmotsigelser{hvor}.")
    if problemer:
        oppsummering += "\nAvviksregisteret stemmer ikke med dataene:\n" + "\n".join(
            f"  {p}" for p in problemer)
    if not rader:
        return oppsummering.lstrip("\n"), kode
    return _tekstabell(kolonner, rader, {1, 3, 4, 5}) + oppsummering, kode
