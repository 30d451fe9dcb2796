"""The 25 «Rammer» tables of chapter 2: the budget's drift side at the level of its ansvarsområder.

Together they balance (their netto results sum to zero). From the representation's lines
(:attr:`hoep.modell.budsjett.Budsjett.rammer`, printed and moved by the scenario): an area with a
chapter has netto resultat = korrigert budsjett + the sum of its tiltak (its own chapter) + the
area's printed difference to chapter 2 (zero but for chapters 23, 24, 25, 33 and 35, registered
contradictions: chapter 2 is what punkt 6, 1A and the sector tables use), and driftsutgifter =
netto resultat − the other lines; the central tables' lines are printed and moved by what the
scenario changes (:func:`hoep.modell.budsjett._rammer`).
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.modell import inndata
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.tabeller import hent, tabell
from hoep.modell.tabeller.omrader import RAMMETABELLER, sum_tiltak

AR = data.PLANAR


BRO = {o: t for t, o in RAMMETABELLER.items()}


RAMMER = {f"ramme_{o}": o for o in inndata.rammer()}


def netto(b: Budsjett, omrade: str) -> np.ndarray:
    """The area's netto resultat after the scenario (published sign)."""
    return sum(b.rammer[omrade].values())


# The lines a scenario can move (see hoep.modell.budsjett._rammer); the others are printed inputs.
FLYTTBARE = {
    ("tekniske_tjenester", "driftsinntekter"),
    ("tekniske_tjenester", "netto_finansutgifter"),
    ("eiendomstjenester", "driftsinntekter"),
    ("eiendomstjenester", "netto_finansutgifter"),
    ("statlige_tilskudd_og_skatt", "driftsinntekter"),
    ("eksterne_finanstransaksjoner", "netto_finansutgifter"),
    ("eksterne_finanstransaksjoner", "netto_avsetninger"),
    ("interne_finanstransaksjoner", "netto_avsetninger"),
    ("interne_finanstransaksjoner", "overfort_til_investering"),
}


def _kilde(omrade: str, linje: str) -> str:
    if linje == "driftsutgifter":
        return ANKER  # a new tiltak may land in any area
    return ANKER if (omrade, linje) in FLYTTBARE else INNDATA


@tabell(*RAMMER)
def rammetabell(b: Budsjett, tabell_id: str) -> Beregnet:
    omrade = RAMMER[tabell_id]
    t = Bygger(tabell_id)
    r = b.rammer[omrade]
    bro = BRO.get(omrade)
    tekster = {
        "driftsinntekter": "Trykt; flyttet av gebyr- og husleieinntekter som dekker renter (VARFS, husleie) "
        "og av frie inntekter, eiendomsskatt og rentekompensasjon (statlige tilskudd og skatt)",
        "netto_avsetninger": "Trykt; flyttet av disponeringen av et endret resultat (interne) og av TKKs "
        "bufferfond (eksterne)",
        "netto_finansutgifter": "Trykt; flyttet av endrede renter, avdrag og renteinntekter",
        "overfort_til_investering": "Trykt; flyttet når et scenario overfører et endret resultat "
        "til investering",
    }
    for linje in ("driftsinntekter", "netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"):
        flyttbar = (omrade, linje) in FLYTTBARE
        t.rad(linje, r[linje], _kilde(omrade, linje), tekster[linje] if flyttbar else "Trykt")
    if bro:
        korrigert = inndata.plan(bro, "korrigert_budsjett")
        offset = sum(inndata.rammelinjer()[omrade].values()) - (korrigert + inndata.tiltakssum(omrade))
        verdi = korrigert + sum_tiltak(b, omrade) + offset
        anker = bool(np.any(np.abs(offset) > 0.051))
        t.rad(
            "netto_resultat",
            verdi,
            ANKER if anker else DERIVERT,
            "Netto resultat = korrigert budsjett + summen av tiltakene (områdets kapittel)"
            + (
                " + områdets trykte forskjell mellom kapittel 2 og kapitlet (registrert avvik)"
                if anker
                else ""
            ),
            [Ledd(bro, "korrigert_budsjett"), Ledd(bro, "reell_rammeendring")],
            ["rammeavvik"] if anker else [],
            blader=3,
        )
        andre = sum(
            r[k]
            for k in (
                "driftsinntekter",
                "netto_avsetninger",
                "netto_finansutgifter",
                "overfort_til_investering",
            )
        )
        t.rad(
            "driftsutgifter",
            verdi - andre,
            DERIVERT,
            "Driftsutgifter = netto resultat − driftsinntekter − avsetninger − finansutgifter − overføring",
            [
                Ledd(tabell_id, "netto_resultat"),
                Ledd(tabell_id, "driftsinntekter", -1),
                Ledd(tabell_id, "finansresultat", -1),
            ],
            blader=4,
        )
        t.sum("driftsresultat", ["driftsutgifter", "driftsinntekter"])
        t.sum("finansresultat", ["netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"])
    else:
        t.rad(
            "driftsutgifter",
            r["driftsutgifter"],
            _kilde(omrade, "driftsutgifter"),
            "Trykt; flyttet av et scenarios nye tiltak i området",
        )
        t.sum("driftsresultat", ["driftsutgifter", "driftsinntekter"])
        t.sum("finansresultat", ["netto_avsetninger", "netto_finansutgifter", "overfort_til_investering"])
        t.sum("netto_resultat", ["driftsresultat", "finansresultat"])
    if "umerket_rad" in t.trykte_rader:
        if omrade == "tilleggsbevilgninger":
            t.rad(
                "umerket_rad",
                t.verdier("netto_resultat"),
                DERIVERT,
                "Den umerkede raden er hele netto resultat: potten er ikke fordelt (kap. 9.1)",
                [Ledd(tabell_id, "netto_resultat")],
            )
        elif omrade == "statlige_tilskudd_og_skatt":
            alle = sum(netto(b, o) for o in b.rammer)
            t.rad(
                "umerket_rad",
                -alle,
                DERIVERT,
                "Den umerkede raden er minus summen av alle Rammer-tabellenes netto resultat: det som ikke "
                "er disponert (null når budsjettet er i balanse)",
                [Ledd(f"ramme_{o}", "netto_resultat", -1) for o in b.rammer],
                blader=25,
            )
        else:
            t.publisert_rad("umerket_rad", "Trykt (en kontrollrad uten tekst i dokumentet)")
    return t.ferdig()


def ramme_rad(b: Budsjett, omrade: str, rad: str) -> np.ndarray:
    r = hent(b, f"ramme_{omrade}").rader[rad]
    return np.array([r.verdier[f"budsjett_{a}"] for a in AR])
