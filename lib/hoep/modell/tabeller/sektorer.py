"""The sector tables 8-7 to 8-12: each sector's frame from budsjett 2021 to the proposal.

The sum is the sector's areas' netto resultat (the Rammer tables of chapter 2); the rows are
printed, and a scenario's change of tiltak lands in «ny rammeendring», of a demografitiltak in
«demografi».
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.modell import inndata
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Beregnet, Bygger, Ledd
from hoep.modell.omrader import SEKTORTABELLER
from hoep.modell.tabeller import tabell
from hoep.modell.tabeller.omrader import demografitiltak, sum_tiltak
from hoep.modell.tabeller.rammer import BRO, ramme_rad

AR = data.PLANAR


SEKTORER = {t: s for s, t in SEKTORTABELLER.items()}


@tabell(*SEKTORER)
def sektortabell(b: Budsjett, tabell_id: str) -> Beregnet:
    sektor = SEKTORER[tabell_id]
    t = Bygger(tabell_id)
    om = data.omrader()
    omrader = [o for o in om[om["sektor"] == sektor]["omrade"] if o in b.rammer]
    endring = sum(sum_tiltak(b, o) - inndata.tiltakssum(o) for o in omrader)
    # A scaled demografitiltak is the area's befolkningsvekst: it moves «demografi», the rest of the
    # change «ny rammeendring».
    demo = {o: demografitiltak(o) for o in omrader}
    demografi = sum(
        (
            b.tiltak.loc[d, list(AR)].to_numpy(dtype=float)
            - data.tiltaksliste().loc[d, list(AR)].to_numpy(dtype=float)
            for d in demo.values()
            if d
        ),
        np.zeros(len(AR)),
    )
    for rad in t.trykte_rader:
        if rad == "sum":
            continue
        trykt = inndata.plan(tabell_id, rad)
        if rad == "ny_rammeendring":
            t.rad(
                rad,
                trykt + endring - demografi,
                ANKER,
                "Trykt; et scenarios endrede tiltak i sektorens områder kommer her (unntatt "
                "demografitiltakene)",
                [Ledd(BRO[o], "reell_rammeendring") for o in omrader if o in BRO],
            )
        elif rad == "demografi":
            t.rad(
                rad,
                trykt + demografi,
                ANKER,
                "Trykt; flyttet når et scenario endrer et områdes demografitiltak (befolkningsvekst)",
                [Ledd(BRO[o], "befolkningsvekst") for o in omrader if demo[o] and o in BRO],
            )
        else:
            t.rad(rad, trykt, INNDATA, "Trykt")
    t.rad(
        "sum",
        sum(ramme_rad(b, o, "netto_resultat") for o in omrader),
        DERIVERT,
        "Summen av sektorens områders netto resultat (Rammer-tabellene i kapittel 2)",
        [Ledd(f"ramme_{o}", "netto_resultat") for o in omrader],
        blader=2 * len(omrader) - 1,
    )
    return t.ferdig()
