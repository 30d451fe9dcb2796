"""``hoep tabell ID --scenario FIL [--mot FIL2]`` and ``hoep forklar TABELL RAD ÅR``: the engine's tables.

A computed table has the published table's JSON shape, row ids and column ids (``hoep tabell ID
--format json``), and every row gains ``kilde``: per column ``inndata``, ``derivert`` or ``anker``
(see :mod:`hoep.modell.celler`). With ``--mot`` the values are the scenario's minus the other's.
"""

from __future__ import annotations

import argparse
import json

from hoep import data, tall
from hoep.cli.utdata import _csv, _tall_eller_null, _tekstabell

KILDENAVN = {
    "inndata": "trykt inndata",
    "derivert": "regnet ut av trykte tall",
    "anker": "holdt fast på det trykte og flyttet av det et scenario endrer",
}
FORKORTELSE = {"inndata": "i", "derivert": "d", "anker": "a"}


def _sted(linjer: tuple[int, int]) -> str:
    fra, til = linjer
    return f"dokumentets linje {fra}" if fra == til else f"dokumentets linje {fra}-{til}"


def beregnet_tabell(args: argparse.Namespace) -> str:
    from hoep.modell import motor
    from hoep.parametre import basis
    from hoep.parametre import scenario as sc

    info = data.info(args.id)
    scen = sc.les(args.scenario)
    b = motor.budsjett(scen)
    t = motor.tabell(b, args.id)
    mot = None
    if args.mot is not None:
        mot_scen = sc.les(args.mot)
        mot = motor.tabell(motor.budsjett(mot_scen), args.id)
    merknader = list(t.merknader)

    def verdi(rad: str, k: str) -> float:
        v = t.rader[rad].verdier[k]
        if mot is not None:
            grunn = mot.rader[rad].verdier[k] if rad in mot.rader else float("nan")
            return v - grunn
        return v

    if args.format == "json":
        ut = {
            "id": info.id,
            "trykt_nummer": info.trykt_nummer,
            "kapittel": info.kapittel,
            "tittel": info.tittel,
            "enhet": info.enhet,
            "prisbasis": info.prisbasis,
            "scenario": scen.navn,
            **({"mot": mot_scen.navn, "verdier_er": "differanse: scenario minus mot"} if mot else {}),
            "i_balanse": b.i_balanse,
            "merknader": merknader,
            "endrer_noe": basis.endrer_noe(scen),
            "kolonner": t.kolonner,
            "kolonnetitler": {k: info.kolonne(k).get("title", k) for k in t.kolonner},
            "kolonneprisbasis": {k: info.kolonne(k)["prisbasis"] for k in t.kolonner},
            "rader": [],
        }
        for r in t.rader.values():
            post = {
                "rad_id": r.rad_id,
                "rad": r.rad,
                "verdier": {k: _tall_eller_null(verdi(r.rad_id, k)) for k in t.kolonner},
                "kilde": dict(r.kilde),
            }
            if r.tekst:
                post["tekst"] = {k: (v or None) for k, v in r.tekst.items()}
            ut["rader"].append(post)
        return json.dumps(ut, ensure_ascii=False, indent=2)
    ekstra = info.tekstkolonner[2:]
    if args.format == "csv":
        kolonner = ["rad_id", "rad", *ekstra, *t.kolonner, *(f"kilde_{k}" for k in t.kolonner)]
        return _csv(
            kolonner,
            [
                [
                    r.rad_id,
                    r.rad,
                    *(r.tekst.get(k, "") for k in ekstra),
                    *(("" if (x := _tall_eller_null(verdi(r.rad_id, k))) is None else x) for k in t.kolonner),
                    *(r.kilde[k] for k in t.kolonner),
                ]
                for r in t.rader.values()
            ],
        )
    titler = [info.kolonne(k).get("title", k) for k in t.kolonner]
    rader = [
        [
            r.rad,
            *(r.tekst.get(k, "") for k in ekstra),
            *(
                f"{tall.tekst(verdi(r.rad_id, k), info.desimaler)} {FORKORTELSE[r.kilde[k]]}"
                for k in t.kolonner
            ),
        ]
        for r in t.rader.values()
    ]
    hoyre = set(range(1 + len(ekstra), 1 + len(ekstra) + len(t.kolonner)))
    hode = (
        f"{info.trykt_nummer + ' ' if info.trykt_nummer else ''}{info.tittel}, beregnet for scenario "
        f"«{scen.navn}»" + (f" minus «{mot_scen.navn}»" if mot else "") + "\n"
        f"{info.enhet}; {data.kilde(args.id).split('; ', 1)[1]}; dokumentets fortegn.\n"
        "Kilde per celle: i = trykt inndata, d = regnet ut av trykte tall, a = holdt fast på det trykte "
        "og flyttet av det scenarioet endrer.\n"
    )
    return (
        hode
        + "\n"
        + _tekstabell(["Rad", *ekstra, *titler], rader, hoyre)
        + ("\n\n" + "\n".join(merknader) if merknader else "")
    )


def kommando_forklar(args: argparse.Namespace) -> str:
    from hoep.modell import forklaring
    from hoep.parametre import scenario as sc

    scen = sc.les(args.scenario)
    f = forklaring.forklar(scen, args.tabell, args.rad, args.ar)
    d = data.info(f.tabell).desimaler
    pris = {"løpende": "løpende priser", "faste_2022": "faste 2022-kroner", "ingen": ""}[f.prisbasis]
    linjer = [
        f"{f.tabelltekst}, «{f.radtekst}» ({f.rad}), {f.ar}: {tall.tekst(f.verdi, d)} {f.enhet}"
        + (f", {pris}" if pris else "")
        + f" (scenario «{f.scenario}»)",
        f"Kilde: {f.kilde} – {KILDENAVN[f.kilde]}.",
        f"Regel: {f.regel}.",
        f"Trykt i dokumentet: {tall.tekst(f.trykt, d)} ({_sted(forklaring.linjer(f.tabell, f.rad))}).",
    ]
    if f.grunnverdi is not None:
        linjer.append(
            f"I grunnscenarioet: {tall.tekst(f.grunnverdi, d)}; "
            f"endring {tall.tekst(f.verdi - f.grunnverdi, d)}."
        )
    if f.ledd:
        linjer.append("\nRegnet ut av:")
        for ld in f.ledd:
            fortegn = "−" if ld.fortegn < 0 else "+"
            sted = f" [{_sted(ld.kildelinjer)}]" if ld.kildelinjer else ""
            kilde = f", {ld.kilde}" if ld.kilde else ""
            grunn = (
                f" (grunnscenarioet {tall.tekst(ld.grunnverdi, 2)})"
                if ld.grunnverdi is not None and abs(ld.grunnverdi - ld.verdi) > 1e-9
                else ""
            )
            linjer.append(f"  {fortegn} {ld.beskrivelse}: {tall.tekst(ld.verdi, 2)}{kilde}{grunn}{sted}")
    if f.ankere:
        linjer.append("\nAnkere:")
        linjer += [f"  {navn}: {tall.tekst(v, 2)} – {tekst}" for navn, tekst, v in f.ankere]
    if f.avvik:
        linjer.append("\nCellen avviker fra den trykte fordi dokumentet motsier seg selv "
                      "(data/motoravvik.yaml):")
        linjer += [f"  {p['avvik']} (hoep kontroller --avvik): {' '.join(str(p['forklaring']).split())}"
                   for p in f.avvik]
    if f.endringer:
        linjer.append("\nScenarioets endringer:")
        linjer += [f"  - {e}" for e in f.endringer]
    if f.endret_underveis:
        linjer.append("\nEndret underveis (scenario mot grunnscenarioet):")
        linjer += [
            f"  {navn}: {tall.tekst(a, 2)} mot {tall.tekst(b, 2)}" for navn, a, b in f.endret_underveis
        ]
    return "\n".join(linjer)
