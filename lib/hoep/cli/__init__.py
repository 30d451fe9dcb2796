"""Command line: ``hoep tabeller``, ``tabell``, ``kontroller``, ``nokkeltall``, ``scenario``, ``rapporter`` …
(also ``eiendomsskatt`` and ``eksempelfamilie``, chapter 10).

Messages and headings are Norwegian. Errors a user can fix (unknown table, bad scenario, corrupted
data file) print one line starting with ``feil:`` and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hoep import data
from hoep.cli.app import kommando_app
from hoep.cli.kapitler import (
    kommando_eiendomsskatt,
    kommando_eksempelfamilie,
    kommando_klima,
    kommando_sykefravaer,
)
from hoep.cli.motor import kommando_forklar
from hoep.cli.rapporter import kommando_notatboker, kommando_rapporter
from hoep.cli.scenario import (
    kommando_maltall,
    kommando_nokkeltall,
    kommando_scenario_diff,
    kommando_scenario_sjekk,
    kommando_stresstest,
)
from hoep.cli.tabeller import kommando_kontroller, kommando_tabell, kommando_tabeller, tabell_som_json
from hoep.cli.utdata import FORMATER
from hoep.feil import HoepFeil

__all__ = ["main", "parser", "tabell_som_json"]


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

    sp = under.add_parser("tabell", help="én tabell slik den er publisert, eller beregnet for et scenario")
    sp.add_argument("id", help="tabellens id (se «hoep tabeller»)")
    sp.add_argument("--scenario", type=Path, default=None, metavar="FIL",
                    help="regn tabellen ut for dette scenarioet med budsjettmotoren (med kilde per celle)")
    sp.add_argument("--mot", type=Path, default=None, metavar="FIL2",
                    help="vis forskjellen mot dette scenarioet (standard for --scenario: grunnscenarioet)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_tabell)

    sp = under.add_parser("forklar",
                          help="hvordan budsjettmotoren regner ut én celle: regel, inndata, ankere")
    sp.add_argument("tabell", help="tabellens id (se «hoep tabeller»; bare tabeller som regnes ut)")
    sp.add_argument("rad", help="radens id (rad_id i «hoep tabell ID»)")
    sp.add_argument("ar", type=int, metavar="ÅR", help="år i planperioden 2022-2025")
    sp.add_argument("--scenario", type=Path, default=None, metavar="FIL",
                    help="forklar cellen i dette scenarioet, og hva scenarioet endret underveis")
    sp.set_defaults(funksjon=kommando_forklar)

    sp = under.add_parser("kontroller", help="revisjon: summer og identiteter i dokumentet")
    sp.add_argument("--alle", action="store_true", help="vis også kontroller som stemmer")
    sp.add_argument("--avvik", action="store_true",
                    help="avviksregisteret: hver selvmotsigelse i dokumentet med steder og verdier")
    sp.add_argument("--kapittel", type=int, help="bare dette kapitlet")
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

    sp = under.add_parser("maltall", aliases=["måltall"],
                          help="de fire måltallene per år for et scenario: verdi, mål og status")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    med_format(sp)
    sp.set_defaults(funksjon=kommando_maltall)

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
    sp.add_argument("--klynge", default=None, metavar="ADRESSE",
                    help="send jobbene til Dask-planleggeren på ADRESSE, f.eks. tcp://10.0.0.5:8786 "
                         "(én rapport per oppgave; krever hoep[klynge], se README)")
    sp.set_defaults(funksjon=kommando_rapporter)

    sp = under.add_parser("notatbøker", aliases=["notatboker"],
                          help="kjør de lagrede notatbøkene på nytt (oppdaterer nbval-fasit)")
    sp.add_argument("--scenario", type=Path, default=None,
                    help="scenariofil (standard: scenarios/basis.yaml)")
    sp.add_argument("--notatbok", action="append", default=None,
                    help="bare denne notatboken (kan gis flere ganger; standard: alle)")
    sp.set_defaults(funksjon=kommando_notatboker)

    sp = under.add_parser(
        "app", help="læringsnotatbøkene som nettapp (Voilà) på denne maskinen",
        description="Starter Voilà på 127.0.0.1 med en forside og de fire læringsnotatbøkene som apper "
                    "uten kode. Hver elev som åpner en app, får sin egen Python-kjerne. Ctrl-C stopper.")
    sp.add_argument("--port", type=int, default=None,
                    help="porten appene svarer på (standard: PORT fra miljøet, ellers 8866)")
    sp.set_defaults(funksjon=kommando_app)
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
