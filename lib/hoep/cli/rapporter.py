"""``hoep rapporter`` and ``hoep notatbøker``: report runs and the committed notebooks."""

from __future__ import annotations

import argparse

from hoep.feil import HoepFeil


def kommando_rapporter(args: argparse.Namespace) -> tuple[str, int]:
    from hoep import rapporter

    if args.jobber is not None and args.jobber < 1:
        raise HoepFeil(f"--jobber må være minst 1, fikk {args.jobber}.")
    try:
        kjoring = rapporter.lag_alle(args.scenario or [None], args.utdata, args.jobber, args.tving,
                                     klynge=args.klynge)
    except KeyboardInterrupt:
        return ("Avbrutt. Rapporter som ble ferdige, er lagret; de andre er som før. Kjør kommandoen "
                "på nytt for å lage resten.", 130)
    return kjoring.oppsummering(), 1 if kjoring.feilet else 0


def kommando_notatboker(args: argparse.Namespace) -> str:
    from hoep import rapporter

    oppdatert = rapporter.oppdater_notatboker(args.scenario, args.notatbok)
    return f"Oppdaterte {len(oppdatert)} notatbøker. Se over endringene med git diff før commit."
