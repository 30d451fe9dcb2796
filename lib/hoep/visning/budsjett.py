"""The engine's tables of one scenario, ready for a report: the scenario beside the proposal.

Presentation only: every number comes from :mod:`hoep.modell.motor`. A report makes one
:class:`Budsjettvisning` for its ``scenario`` parameter and asks it for tables in the document's
shape (:meth:`Budsjettvisning.tabell`: printed row titles, printed column titles, published sign),
for single rows (:meth:`~Budsjettvisning.rad`), for the citation under a table
(:meth:`~Budsjettvisning.kilde`) and for the sentence naming the scenario's changes that touch the
report (:meth:`~Budsjettvisning.endringer`). For a scenario other than the base, a table gains one
column per plan year with the difference against the proposal («Endring 2022», scenario minus
proposal) whenever any of its plan-year cells differs.
"""

from __future__ import annotations

import math
from functools import cached_property

import pandas as pd

from hoep import data
from hoep.modell import motor
from hoep.modell.celler import Beregnet, plankolonne
from hoep.parametre import basis, budsjettendringer
from hoep.parametre import scenario as sc
from hoep.visning.tekst import md

AR = data.PLANAR
GRENSE = 0.05  # a difference below half the last shown decimal of most tables is no difference


class Budsjettvisning:
    """One scenario's budget (and the proposal's, for the differences)."""

    def __init__(self, scen: sc.Scenario):
        self.scenario = scen
        self.er_grunnscenario = not basis.endrer_noe(scen)
        self.budsjett = motor.budsjett(scen)

    @cached_property
    def grunnbudsjett(self):
        return self.budsjett if self.er_grunnscenario else motor.budsjett(basis.grunnscenario())

    # -- tables --------------------------------------------------------------------------------
    def beregnet(self, tabell_id: str) -> Beregnet:
        return motor.tabell(self.budsjett, tabell_id)

    def grunn(self, tabell_id: str) -> Beregnet:
        return motor.tabell(self.grunnbudsjett, tabell_id)

    def endret(self, tabell_id: str) -> bool:
        """Whether any plan-year cell of the table differs from the proposal's."""
        if self.er_grunnscenario:
            return False
        t, g = self.beregnet(tabell_id), self.grunn(tabell_id)
        if set(t.rader) != set(g.rader):
            return True
        return any(
            abs(_tall(r.verdier[k]) - _tall(g.rader[rid].verdier[k])) > 1e-9
            for rid, r in t.rader.items()
            for k in t.kolonner
            if plankolonne(k)
        )

    def tabell(self, tabell_id: str, rader: list[str] | None = None, forskjell: bool = True) -> pd.DataFrame:
        """The table as the engine computes it for the scenario, in the printed shape; with
        ``forskjell`` and a changed table, a column «Endring ÅR» per plan year (scenario − proposal)."""
        t = self.beregnet(tabell_id)
        info = data.info(tabell_id)
        titler = {f["name"]: f.get("title", f["name"]) for f in info.felt}
        df = t.som_dataframe()
        if rader is not None:
            df = df.loc[[r for r in rader if r in df.index]]
        visning = df[["rad", *info.tekstkolonner[2:], *t.kolonner]].rename(columns=titler)
        visning = visning.rename(columns={visning.columns[0]: ""})
        if forskjell and self.endret(tabell_id):
            g = self.grunn(tabell_id)
            for k in t.kolonner:
                if plankolonne(k) is None:
                    continue
                visning[f"Endring {plankolonne(k)}"] = [
                    _tall(t.rader[r].verdier[k]) - (_tall(g.rader[r].verdier[k]) if r in g.rader else 0.0)
                    for r in df.index
                ]
        return visning.reset_index(drop=True)

    def rad(self, tabell_id: str, rad_id: str, grunn: bool = False) -> pd.Series:
        """One row over the plan years (index 2022-2025), published sign; ``grunn``: the proposal's."""
        t = self.grunn(tabell_id) if grunn else self.beregnet(tabell_id)
        r = t.rader[rad_id]
        return pd.Series({plankolonne(k): r.verdier[k] for k in t.kolonner if plankolonne(k)}, name=r.rad)

    def kilde(self, tabell_id: str) -> str:
        """The citation under a table: the printed table it has the shape of, computed for the scenario."""
        tekst = data.kilde(tabell_id)
        if self.er_grunnscenario:
            return tekst + "; regnet ut av budsjettmotoren (gjenskaper dokumentets tall)"
        return (
            tekst
            + f"; regnet ut av budsjettmotoren for scenarioet «{self.scenario.navn}»"
            + ("" if self.endret(tabell_id) else " (som i forslaget)")
        )

    def merknader(self, tabell_id: str, register: bool = False) -> list[str]:
        """The table's notes: not balanced (always), and with ``register`` the document's contradictions."""
        return [
            m
            for m in self.beregnet(tabell_id).merknader
            if register or not m.startswith("Registrert selvmotsigelse")
        ]

    # -- the scenario in words -------------------------------------------------------------------
    def endringer(self, omrader: list[str] | None = None) -> list[str]:
        """The scenario's changes that touch the given areas (all of them without ``omrader``), in
        plain words: the areas' tiltak and projects, and every change of assumptions or disposition
        (those reach every area through the result)."""
        alle = sc.beskriv_endringer(self.scenario)
        if omrader is None:
            return alle
        e = self.scenario.budsjett
        egne = set(budsjettendringer.beskrivelser(e))
        felles = [linje for linje in alle if linje not in egne]
        pl = data.prosjektliste()
        tl = data.tiltaksliste()
        berorte = {t for t in (*e.fjern_tiltak, *e.skaler_tiltak) if tl.at[t, "omrade"] in omrader}
        berorte |= {p for p in (*e.utsett, *e.kutt, *e.skaler_prosjekter) if pl.at[p, "omrade"] in omrader}
        grupper = set(pl.loc[pl["omrade"].isin(omrader), "gruppe"])
        linjer = [linje for linje in egne if any(f"({i})" in linje or f"({i}," in linje for i in berorte)]
        linjer += [
            linje for linje in egne for n in e.nye_tiltak if n.omrade in omrader and f"«{n.navn}»" in linje
        ]
        linjer += [
            linje
            for linje in egne
            for n in e.nye_prosjekter
            if n.gruppe in grupper and f"«{n.navn}»" in linje
        ]
        return [linje for linje in alle if linje in set(linjer)] + felles

    def setning(self, omrader: list[str] | None = None) -> str:
        """One Markdown sentence for the head of a report: which scenario, and what it changes here."""
        navn = md(self.scenario.navn)
        if self.er_grunnscenario:
            return (
                f"**Scenario «{navn}»:** forslaget slik det er trykt. Tabellene er regnet ut av "
                "budsjettmotoren og gjenskaper dokumentets tall."
            )
        linjer = self.endringer(omrader)
        if not linjer:
            return (
                f"**Scenario «{navn}»:** endrer ingenting i denne rapporten direkte; tabellene er "
                "regnet ut for scenarioet og viser «Endring»-kolonner der resultatet likevel flytter seg."
            )
        return (
            f"**Scenario «{navn}»** endrer dette som berører rapporten: "
            + " ".join(md(x) for x in linjer)
            + " Kolonnene «Endring» viser scenarioet minus forslaget."
        )


def _tall(v: float) -> float:
    return 0.0 if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def ikke_endret_av_scenario(hva: str) -> str:
    """The one line a report shows for a part no scenario can change (e.g. ASSS key figures)."""
    return f"{hva} er dokumentets egne tall; et scenario endrer dem ikke."
