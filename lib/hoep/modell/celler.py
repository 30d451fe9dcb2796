"""Computed tables in the document's shape, with the provenance of every cell.

The engine (:mod:`hoep.modell.motor`) returns each plan table as a :class:`Beregnet`: the published
table's row ids, column ids, sign convention and price basis, and for every cell its value and its
source (``kilde``):

- ``inndata``: a printed input of the budget's representation (a tiltak, a project's profile, a
  rate of Tabell 8-25, a line of the frie inntekter), with the scenario's own overrides applied;
- ``derivert``: computed from printed inputs by a rule (a sum, an identity, a rule of
  :mod:`hoep.regler` such as minimumsavdrag = gjeld 1.1. / avdragstid);
- ``anker``: held at the published value for the base scenario and moved by what a scenario
  changes: a printed line that scenario changes propagate into (a Rammer line moved by a tiltak), or
  a model value plus the residual that makes the base equal the printed figure (interest on
  investment loans 2023-2025). A figure that matches only because such a residual absorbs the
  difference is ``anker``, never ``derivert``.

Each row also carries its rule in Norwegian (``regel``), what it is computed from (``ledd``: cells
of other tables, or named model quantities) and the anchors involved, so :mod:`hoep.modell.forklaring`
can explain any cell. Columns that are not plan years (regnskap 2020, budsjett 2021, kostnadsoverslag)
are the published values (``inndata``); a ``sum_2022_2025`` column is the sum of the plan years.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hoep import data
from hoep.data import mellomlager

INNDATA, DERIVERT, ANKER = "inndata", "derivert", "anker"
KILDER = (INNDATA, DERIVERT, ANKER)
AR = data.PLANAR


@dataclass(frozen=True)
class Ledd:
    """What a row is computed from: a row of a table (same year unless ``kolonne``), or a named
    model quantity (``tabell`` None, ``rad`` its name), with its sign in the rule."""

    tabell: str | None
    rad: str
    fortegn: float = 1.0
    kolonne: str | None = None
    tekst: str = ""  # how the quantity enters, when it is not a plain term of a sum

    def beskriv(self) -> str:
        if self.tabell is None:
            return self.tekst or self.rad
        return f"{self.tabell}:{self.rad}" + (f" ({self.kolonne})" if self.kolonne else "")


@dataclass
class Rad:
    """One computed row: values and sources per column, its rule, its terms and its anchors."""

    rad_id: str
    rad: str
    verdier: dict[str, float]
    kilde: dict[str, str]
    regel: str
    ledd: tuple[Ledd, ...] = ()
    ankere: tuple[str, ...] = ()
    tekst: dict[str, str] = field(default_factory=dict)  # text columns (type, tiltak_nr, ...)
    # How far the base may lie from the printed cell, in units of the last printed digit. A value
    # computed from k rounded printed inputs («blader») is within k/2 of the true value, which the
    # printed cell is within 1/2 of: (k + 1)/2 units, at least one.
    toleranse: float = 1.0
    blader: int = 1


@dataclass
class Beregnet:
    """One table as the engine computes it for a scenario (see the module docstring)."""

    id: str
    kolonner: list[str]
    rader: dict[str, Rad]
    merknader: list[str] = field(default_factory=list)  # e.g. «ikke i balanse», registered contradictions

    def verdi(self, rad: str, kolonne: str) -> float:
        return self.rader[rad].verdier[kolonne]

    def kilde(self, rad: str, kolonne: str) -> str:
        return self.rader[rad].kilde[kolonne]

    def som_dataframe(self) -> pd.DataFrame:
        """Values, index ``rad_id``, column ``rad`` and the number columns (published sign)."""
        df = pd.DataFrame(
            [{"rad_id": r.rad_id, "rad": r.rad, **r.tekst, **r.verdier} for r in self.rader.values()]
        )
        return df.set_index("rad_id")

    def kilder(self) -> pd.DataFrame:
        """The source of every cell (``inndata``, ``derivert``, ``anker``), same shape as the values."""
        return pd.DataFrame({r.rad_id: r.kilde for r in self.rader.values()}).T[self.kolonner]

    def telling(self) -> dict[str, int]:
        """How many plan-year cells have each source."""
        ut = dict.fromkeys(KILDER, 0)
        for r in self.rader.values():
            for k, v in r.kilde.items():
                if k in _plankolonner(self.kolonner) and not math.isnan(r.verdier.get(k, math.nan)):
                    ut[v] += 1
        return ut


def plankolonne(kolonne: str) -> int | None:
    """The plan year of a column id (``budsjett_2023`` → 2023), or None."""
    for a in AR:
        if kolonne.endswith(f"_{a}") and not kolonne.startswith(("regnskap", "sum")):
            return a
    return None


def _plankolonner(kolonner: Iterable[str]) -> list[str]:
    return [k for k in kolonner if plankolonne(k) is not None]


@dataclass(frozen=True)
class Mal:
    """A published table as plain values (the engine's template): row ids in order, row titles,
    number and text columns, and every printed number. Built once per data folder (:func:`mal`)."""

    id: str
    rader: tuple[str, ...]
    navn: dict[str, str]
    kolonner: tuple[str, ...]
    tekstkolonner: tuple[str, ...]
    plan: dict[int, str]  # plan year → column id
    tall: dict[str, dict[str, float]]  # row → column → printed value (NaN for a blank)
    tekst: dict[str, dict[str, object]]  # row → text column → printed text

    def trykt(self, rad: str, kolonne: str) -> float:
        return self.tall[rad][kolonne]

    def planverdier(self, rad: str) -> np.ndarray:
        """The printed row over the table's plan years."""
        return np.array([self.tall[rad][k] for k in self.plan.values()])


@mellomlager.per_datamappe
def mal(tabell_id: str) -> Mal:
    """The template of ``tabell_id`` (see :class:`Mal`)."""
    info = data.info(tabell_id)
    df = data.tabell(tabell_id, kopi=False)
    kolonner = tuple(info.tallkolonner)
    tekstkolonner = tuple(info.tekstkolonner[2:])
    tall = {
        rid: {k: float(v) for k, v in zip(kolonner, rad, strict=True)}
        for rid, rad in zip(df.index, df[list(kolonner)].to_numpy(dtype=float), strict=True)
    }
    tekst = {rid: {k: df.at[rid, k] for k in tekstkolonner} for rid in df.index}
    return Mal(
        tabell_id,
        tuple(df.index),
        {rid: str(df.at[rid, "rad"]) for rid in df.index},
        kolonner,
        tekstkolonner,
        {plankolonne(k): k for k in kolonner if plankolonne(k) is not None},
        tall,
        tekst,
    )


class Bygger:
    """Builds a :class:`Beregnet` in the shape of the published table ``tabell_id``.

    Rows are added in any order and come out in the published order; every published row must be
    given (a missing one raises). Plan-year values are arrays over 2022-2025.
    """

    def __init__(self, tabell_id: str):
        self.id = tabell_id
        self.mal = mal(tabell_id)
        self.trykte_rader = self.mal.rader
        self.kolonner = list(self.mal.kolonner)
        self.plan = self.mal.plan
        self.rader: dict[str, Rad] = {}
        self.merknader: list[str] = []
        self._nye: dict[str, list[str]] = {}  # new rows by the published row they stand before

    def trykt(self, rad_id: str, kolonne: str) -> float:
        """A printed cell of the table."""
        return self.mal.tall[rad_id][kolonne]

    # -- rows --------------------------------------------------------------------------------------
    def rad(
        self,
        rad_id: str,
        verdier: Sequence[float] | np.ndarray | Mapping[int, float],
        kilde: str,
        regel: str,
        ledd: Iterable[Ledd] = (),
        ankere: Iterable[str] = (),
        kilde_per_ar: Mapping[int, str] | None = None,
        toleranse: float | None = None,
        blader: int = 1,
    ) -> Rad:
        """Add a row from plan-year values (published sign); other columns come from the table."""
        if rad_id not in self.mal.tall:
            raise KeyError(f"{self.id} har ingen rad «{rad_id}»")
        if kilde not in KILDER:
            raise ValueError(kilde)
        per_ar = (
            dict(verdier)
            if isinstance(verdier, Mapping)
            else dict(zip(AR, np.asarray(verdier, dtype=float), strict=True))
        )
        verdi, kilder = {}, {}
        for k in self.kolonner:
            a = plankolonne(k)
            if a is not None and a in per_ar and a in self.plan:
                verdi[k] = float(per_ar[a])
                kilder[k] = (kilde_per_ar or {}).get(a, kilde)
            elif k.startswith("sum_") and k.endswith("2022_2025"):
                continue  # filled when the table is built
            else:
                verdi[k] = self.mal.tall[rad_id][k]
                kilder[k] = INNDATA
        tekst = dict(self.mal.tekst[rad_id])
        toleranse = toleranse if toleranse is not None else max(1.0, (blader + 1) / 2)
        r = Rad(
            rad_id,
            self.mal.navn[rad_id],
            verdi,
            kilder,
            regel,
            tuple(ledd),
            tuple(ankere),
            tekst,
            toleranse,
            blader,
        )
        self.rader[rad_id] = r
        return r

    def ny_rad(
        self,
        rad_id: str,
        rad: str,
        verdier: Sequence[float] | np.ndarray,
        regel: str,
        foran: str,
        tekst: Mapping[str, str] | None = None,
    ) -> Rad:
        """A row the published table does not have (a scenario's new tiltak or project), placed before
        row ``foran``; its cells are the scenario's inputs (``inndata``), other columns blank."""
        per_ar = dict(zip(AR, np.asarray(verdier, dtype=float), strict=True))
        verdi = {
            k: per_ar.get(plankolonne(k), math.nan) if plankolonne(k) else math.nan
            for k in self.kolonner
            if not (k.startswith("sum_") and k.endswith("2022_2025"))
        }
        r = Rad(
            rad_id,
            rad,
            verdi,
            dict.fromkeys(verdi, INNDATA),
            regel,
            tekst={k: (tekst or {}).get(k, "") for k in self.mal.tekstkolonner},
        )
        self.rader[rad_id] = r
        self._nye.setdefault(foran, []).append(rad_id)
        return r

    def publisert_rad(
        self, rad_id: str, regel: str = "Trykt i dokumentet", kilde: str = INNDATA, ledd: Iterable[Ledd] = ()
    ) -> Rad:
        """A row taken as printed (an input the engine does not compute)."""
        return self.rad(
            rad_id, {a: self.mal.tall[rad_id][k] for a, k in self.plan.items()}, kilde, regel, ledd
        )

    def verdier(self, rad_id: str) -> np.ndarray:
        """A row added earlier, as an array over the plan years."""
        r = self.rader[rad_id]
        return np.array([r.verdier[self.plan[a]] for a in AR if a in self.plan])

    def sum(
        self,
        rad_id: str,
        rader: Sequence[str],
        regel: str | None = None,
        fortegn: Sequence[float] | None = None,
        toleranse: float | None = None,
    ) -> Rad:
        """A row that is the signed sum of rows added earlier (``derivert``)."""
        fortegn = list(fortegn) if fortegn is not None else [1.0] * len(rader)
        verdier = sum(f * self.verdier(r) for f, r in zip(fortegn, rader, strict=True))
        regel = regel or "Summen av " + ", ".join(
            ("−" if f < 0 else "") + self.rader[r].rad for f, r in zip(fortegn, rader, strict=True)
        )
        blader = sum(self.rader[r].blader for r in rader)
        return self.rad(
            rad_id,
            verdier,
            DERIVERT,
            regel,
            [Ledd(self.id, r, f) for f, r in zip(fortegn, rader, strict=True)],
            toleranse=toleranse,
            blader=blader,
        )

    # -- the table ---------------------------------------------------------------------------------
    def ferdig(self) -> Beregnet:
        mangler = [r for r in self.trykte_rader if r not in self.rader]
        nye = [r for rr in self._nye.values() for r in rr]
        if mangler:
            raise KeyError(f"{self.id}: mangler radene {mangler}")
        summer = [k for k in self.kolonner if k.startswith("sum_") and k.endswith("2022_2025")]
        for r in self.rader.values():
            for k in summer:
                r.verdier[k] = float(
                    sum(0.0 if math.isnan(v) else v for v in (r.verdier[self.plan[a]] for a in self.plan))
                )
                r.kilde[k] = DERIVERT
            # round away float noise (1e-12) so equal inputs give equal bytes and zero is zero
            r.verdier = {
                k: (round(r.verdier[k], 9) + 0.0 if not math.isnan(r.verdier[k]) else math.nan)
                for k in self.kolonner
            }
            r.kilde = {k: r.kilde[k] for k in self.kolonner}
        rekkefolge = [r for rid in self.trykte_rader for r in (*self._nye.get(rid, []), rid)]
        rekkefolge += [r for r in nye if r not in rekkefolge]
        rader = {rid: self.rader[rid] for rid in rekkefolge}
        return Beregnet(self.id, self.kolonner, rader, self.merknader)
