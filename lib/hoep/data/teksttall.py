"""Figures the document prints only in its running text (``data/teksttall.yaml``).

Each entry has a description, unit, source, source line, years → values, and its use: ``inndata``
(enters a computation), ``anker`` (a published figure the model holds for the base scenario) or
``kontroll`` (compared with the model in the tests).
"""

from __future__ import annotations

from pathlib import Path

from hoep.data import mellomlager
from hoep.data.lesing import les_yaml
from hoep.data.mappe import datamappe
from hoep.feil import DataFeil

TEKSTTALL_BRUK = ("inndata", "anker", "kontroll")


@mellomlager.husk
def _teksttall(mappe: Path) -> dict[str, dict]:
    fil = mappe / "teksttall.yaml"
    innhold = les_yaml(fil)
    if not isinstance(innhold, dict):
        raise DataFeil(f"{fil}: forventet et oppslag fra navn til tall.")
    for navn, post in innhold.items():
        mangler = [k for k in ("beskrivelse", "enhet", "kilde", "kildelinje", "bruk", "verdier")
                   if not isinstance(post, dict) or k not in post]
        if mangler:
            raise DataFeil(f"{fil}: «{navn}» mangler {', '.join(mangler)}.")
        if post["bruk"] not in TEKSTTALL_BRUK:
            raise DataFeil(f"{fil}: «{navn}.bruk» må være en av {', '.join(TEKSTTALL_BRUK)}, "
                           f"fikk «{post['bruk']}».")
        verdier = post["verdier"]
        if not isinstance(verdier, dict) or not all(
                isinstance(a, int) and isinstance(v, int | float) and not isinstance(v, bool)
                for a, v in verdier.items()):
            raise DataFeil(f"{fil}: «{navn}.verdier» må være et oppslag fra år til tall.")
    return innhold


def teksttall(navn: str | None = None) -> dict:
    """Figures the document prints only in its running text (``data/teksttall.yaml``).

    With ``navn``: that figure's entry (beskrivelse, enhet, kilde, kildelinje, bruk, verdier).
    """
    alle = _teksttall(datamappe())
    if navn is None:
        return dict(alle)
    if navn not in alle:
        raise DataFeil(f"{datamappe() / 'teksttall.yaml'}: mangler «{navn}». Kjente: {', '.join(alle)}.")
    return alle[navn]
