"""Klimabudsjett (kap. 7): the emission frame in tonnes of CO2-ekvivalenter.

Rules (Tabell 7-1 and the text of kap. 7.7):

- referansebane: emissions without new measures (2009 and 2019 historical, 2022-2025 projected);
- tiltaksbane = referansebane − samlet effekt of the quantified measures of Tabell 7-2;
- målbane: an annual ceiling from the council's targets, −30 % in 2023 and −80 % in 2030
  relative to 2009 (``klimamal_2023``, ``klimamal_2030`` in ``data/forutsetninger.yaml``);
- gap = tiltaksbane − målbane; every percentage is relative to 2009, rounded half away from zero.

The published målbane is not one straight line between the targets. Its 2022 value lies on the
line from the 2019 emissions to the 2023 target, and 2024-2025 fall by about 21 350 tonnes a year,
less steeply than a line to the 2030 target. :func:`malbane_linear` implements the method we can
justify (straight lines 2019 → 2023 target → 2030 target); the frame itself uses the published
path as data for 2022-2025 (it is what the council adopts), continues it linearly from 2025 to the
2030 target, and :func:`utslippsramme` shows both side by side.

After 2025 the document has no projection: the referansebane grows by
``klima_referansebane_vekst_etter_2025`` (our assumption, 0 %: flat), and the measures keep their
2025 effect.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from hoep import data, tall
from hoep.parametre.klimaendringer import Klimaendringer, Klimatiltak, tiltak

RAMME = "tabell_7_1_utslippsramme"
TILTAK = "tabell_7_2_kvantifiserte_klimatiltak"
BASISAR = 2009
HISTORISK_AR = 2019
PLANAR = data.PLANAR
SISTE_AR = 2030


def prosent_mot_2009(utslipp: float, utslipp_2009: float) -> int:
    """Change from 2009 in whole percent, rounded half up as printed (:func:`hoep.tall.avrund`)."""
    return int(tall.avrund((utslipp / utslipp_2009 - 1) * 100))


def _kol(ar: int) -> str:
    return f"ar_{ar}"


def referansebane() -> dict[int, float]:
    """The published referansebane (Tabell 7-1): 2009, 2019 and 2022-2025, tonnes CO2-ekv."""
    t = data.tabell(RAMME)
    return {f["ar"]: float(t.at["referansebane", f["name"]])
            for f in data.info(RAMME).felt if f["type"] == "number"}


def publisert_malbane() -> dict[int, float]:
    """The published målbane for 2022-2025 (Tabell 7-1), kept as data."""
    t = data.tabell(RAMME)
    return {ar: float(t.at["malbane", _kol(ar)]) for ar in PLANAR}


def malbane_linear(ar: int, utslipp_2009: float, utslipp_2019: float, kutt_2023: float,
                   kutt_2030: float) -> float:
    """Straight lines from 2019's emissions to the 2023 target and on to the 2030 target."""
    punkter = [(HISTORISK_AR, utslipp_2019), (2023, utslipp_2009 * (1 - kutt_2023 / 100)),
               (2030, utslipp_2009 * (1 - kutt_2030 / 100))]
    for (a0, v0), (a1, v1) in zip(punkter, punkter[1:], strict=False):
        if a0 <= ar <= a1:
            return v0 + (v1 - v0) * (ar - a0) / (a1 - a0)
    raise ValueError(f"målbanen er definert for {HISTORISK_AR}-2030, ikke {ar}")


def anvend(tiltaksliste: list[Klimatiltak], endringer: Klimaendringer) -> list[Klimatiltak]:
    """The measures after a scenario: removed ones dropped, scaled ones scaled, new ones added."""
    ut = []
    for t in tiltaksliste:
        if t.id in endringer.fjern:
            continue
        faktor = endringer.skaler.get(t.id, 1.0)
        ut.append(replace(t, effekt={a: v * faktor for a, v in t.effekt.items()}))
    return ut + list(endringer.nye)


def effekt(t: Klimatiltak, ar: int) -> float:
    """A measure's effect in ``ar``; after its last given year it keeps that year's effect."""
    tidligere = [a for a in t.effekt if a <= ar]
    return t.effekt[max(tidligere)] if tidligere else 0.0


def utslippsramme(endringer: Klimaendringer | None = None, kutt_2023: float = 30.0,
                  kutt_2030: float = 80.0, vekst_etter_2025: float = 0.0) -> pd.DataFrame:
    """The emission frame per year 2022-2030 (tonnes CO2-ekv.), optionally under a scenario.

    Columns: referansebane, samlet_effekt, tiltaksbane, malbane (the frame: published 2022-2025,
    then linear to the 2030 target), malbane_linear (our method), gap, and the percentages vs 2009
    (``*_pst``). ``publisert`` marks the plan years where the published målbane is used.
    """
    endringer = endringer or Klimaendringer()
    ref_data = referansebane()
    utslipp_2009, utslipp_2019 = ref_data[BASISAR], ref_data[HISTORISK_AR]
    tiltaksliste = anvend(tiltak(), endringer)
    publisert = publisert_malbane()
    mal_2030 = utslipp_2009 * (1 - kutt_2030 / 100)
    rader = []
    ref = None
    for ar in range(PLANAR[0], SISTE_AR + 1):
        if ar in endringer.referansebane:
            ref = endringer.referansebane[ar]
        elif ar in ref_data:
            ref = ref_data[ar]
        else:
            ref = ref * (1 + vekst_etter_2025 / 100)
        samlet = sum(effekt(t, ar) for t in tiltaksliste)
        if ar in publisert:
            mal = publisert[ar]
        else:
            siste = PLANAR[-1]
            mal = publisert[siste] + (mal_2030 - publisert[siste]) * (ar - siste) / (SISTE_AR - siste)
        rader.append({
            "ar": ar,
            "referansebane": ref,
            "samlet_effekt": samlet,
            "tiltaksbane": ref - samlet,
            "malbane": mal,
            "malbane_linear": malbane_linear(ar, utslipp_2009, utslipp_2019, kutt_2023, kutt_2030),
            "publisert": ar in publisert,
        })
    df = pd.DataFrame(rader).set_index("ar")
    df["gap"] = df["tiltaksbane"] - df["malbane"]
    for kol in ("referansebane", "tiltaksbane", "malbane", "malbane_linear"):
        df[f"{kol}_pst"] = [prosent_mot_2009(v, utslipp_2009) for v in df[kol]]
    return df


def malstatus(ramme: pd.DataFrame, kutt_2023: float = 30.0, kutt_2030: float = 80.0) -> pd.DataFrame:
    """Whether the tiltaksbane reaches the council's targets in 2023 and 2030."""
    utslipp_2009 = referansebane()[BASISAR]
    rader = []
    for ar, kutt in ((2023, kutt_2023), (2030, kutt_2030)):
        tak = utslipp_2009 * (1 - kutt / 100)
        rader.append({"ar": ar, "mal_pst": -kutt, "tiltaksbane_pst": ramme.at[ar, "tiltaksbane_pst"],
                      "utslippstak": tak, "tiltaksbane": ramme.at[ar, "tiltaksbane"],
                      "mangler": ramme.at[ar, "tiltaksbane"] - tak,
                      "nadd": bool(ramme.at[ar, "tiltaksbane"] <= tak)})
    return pd.DataFrame(rader).set_index("ar")


def effekt_per(felt: str, endringer: Klimaendringer | None = None) -> pd.DataFrame:
    """Effect of the measures per year grouped by ``sektor`` or ``ansvar`` (tonnes CO2-ekv.)."""
    tiltaksliste = anvend(tiltak(), endringer or Klimaendringer())
    rader = [{felt: getattr(t, felt), "ar": ar, "effekt": effekt(t, ar)}
             for t in tiltaksliste for ar in PLANAR]
    return pd.DataFrame(rader).pivot_table(index="ar", columns=felt, values="effekt", aggfunc="sum")
