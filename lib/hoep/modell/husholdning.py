"""What a household pays under a scenario (kap. 10): the rules of :mod:`hoep.regler.gebyrer` and
:mod:`hoep.regler.eiendomsskatt` applied with the scenario's rates for each year."""

from __future__ import annotations

import pandas as pd

from hoep import data, tall
from hoep.feil import HoepFeil
from hoep.modell import eiendomsskatt as es
from hoep.parametre.scenario import Scenario
from hoep.regler import gebyrer


def regning(hh: gebyrer.Husholdning, scen: Scenario, ar: int) -> dict[str, float]:
    """Everything the household pays in ``ar`` under the scenario (kroner per year, by post).

    The property tax of 2021 is computed with the 2022 rules: the document keeps the rates (kap. 10.2).
    """
    satser = es.satser(scen, max(ar, data.PLANAR[0])) if hh.boligverdi is not None else None
    return gebyrer.regning(hh, scen.aar(ar), satser)


def _kroner(x: float) -> int:
    """Whole kroner, half away from zero (as printed)."""
    return int(tall.avrund(x))


def sammenligning(hh: gebyrer.Husholdning, scen: Scenario) -> pd.DataFrame:
    """The household's bill 2021 and 2022 side by side, with the change in kroner and percent."""
    r0, r1 = regning(hh, scen, 2021), regning(hh, scen, 2022)
    df = pd.DataFrame({"post": [gebyrer.POSTER[k] for k in r0], "kroner_2021": list(r0.values()),
                       "kroner_2022": [r1[k] for k in r0]}, index=list(r0))
    df.loc["sum"] = ["Sum", df["kroner_2021"].sum(), df["kroner_2022"].sum()]
    df["endring"] = df["kroner_2022"] - df["kroner_2021"]
    df["endring_pst"] = (df["endring"] / df["kroner_2021"].where(df["kroner_2021"] != 0) * 100)
    return df


def tabell_10_8(scen: Scenario) -> pd.DataFrame:
    """Tabell 10-8 computed from the rules and rates for the example family, in the table's rows.

    Each line is rounded to whole kroner as printed; ``sum`` and ``endring`` are sums and
    differences of the rounded lines, as the table's own arithmetic.
    """
    hh = gebyrer.eksempelfamilie()
    linjer = {}
    for ar in gebyrer.AR:
        r = regning(hh, scen, ar)
        linjer[ar] = {
            "barn_i_barnehage_full_plass": r["barnehage"],
            "barn_i_sfo_full_plass": r["sfo"],
            "barn_i_kulturskolen": r["kulturskole"],
            "arsgebyr_renovasjon_vann_avlop_feiing": r["vann"] + r["avlop"] + r["renovasjon"] + r["feiing"],
        }
    rader = {k: data.tabell(gebyrer.TABELL_10_8).at[k, "rad"] for k in [*linjer[2021], "sum"]}
    df = pd.DataFrame({"rad": [rader[k] for k in linjer[2021]],
                       "kroner_2021": [_kroner(v) for v in linjer[2021].values()],
                       "kroner_2022": [_kroner(v) for v in linjer[2022].values()]}, index=list(linjer[2021]))
    df.loc["sum"] = [rader["sum"], df["kroner_2021"].sum(), df["kroner_2022"].sum()]
    df["endring"] = df["kroner_2022"] - df["kroner_2021"]
    return df.astype({"kroner_2021": int, "kroner_2022": int, "endring": int})


def satsendringer(scen: Scenario) -> pd.DataFrame:
    """The nominal change 2021 → 2022 of the rates the text gives, against Tabell 10-5 (percent)."""
    t = data.tabell("tabell_10_5_endring_avgifter_oppvekst")
    par = {"barnehage": "barnehage_maksimalpris", "skolefritidsordning": "sfo_heltid",
           "kulturskolen": "kulturskole_arspris"}
    rader = []
    for rad_id, navn in par.items():
        s0, s1 = gebyrer.sats(scen.aar(2021), navn), gebyrer.sats(scen.aar(2022), navn)
        rader.append({"rad_id": rad_id, "rad": t.at[rad_id, "rad"], "sats_2021": s0, "sats_2022": s1,
                      "endring_beregnet": (s1 / s0 - 1) * 100,
                      "endring_publisert": float(t.at[rad_id, "nominell_endring"])})
    return pd.DataFrame(rader).set_index("rad_id")


def funn_beregnet(scen: Scenario) -> dict[str, tuple[float, float]]:
    """The numeric findings recomputed from the data: (the printed value, what the document's own
    rates or deflator give)."""
    deflator = float(scen.verdi("deflator", 2022))
    e = gebyrer.endringer(deflator)
    brukt_24_2 = set(e.loc[e["tabell"] == "Tabell 24-2", "brukt_deflator"])
    if len(brukt_24_2) != 1:
        raise HoepFeil(f"Tabell 24-2 bruker ulike deflatorer i ulike rader: {sorted(brukt_24_2)}")
    k = satsendringer(scen).loc["kulturskolen"]
    return {
        "kulturskole_nominell_endring": (float(k["endring_publisert"]),
                                         tall.avrund(float(k["endring_beregnet"]), 1)),
        "tabell_24_2_deflator": (brukt_24_2.pop(), deflator),
    }
