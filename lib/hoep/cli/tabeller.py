"""``hoep tabeller``, ``hoep tabell`` and ``hoep kontroller``: the catalogue, one table, the audit."""

from __future__ import annotations

import argparse
import json
import math

from hoep import data, tall
from hoep.cli.utdata import _csv, _tall_eller_null, _tekstabell


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
