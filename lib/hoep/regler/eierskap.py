"""Eierskap (kap. 37): the municipality's companies, their key figures and proposed dividends.

``data/eierskap.csv`` lists each company or foundation with the ownership share and dividend policy
the chapter states, and the ids of its key-figure table (1000 kr, regnskap 2017-2020) and dividend
table (mill. kr, 2022-2025). Where the policy is quantified (for example «at least 70 % of the
average result after tax of the last three years»), :func:`utbytte_etter_politikk` computes it:

    utbytte = andel × gjennomsnitt(årsresultat, de siste N regnskapsårene) / 1000   (mill. kr)

The proposals for 2022 are compared with that amount, and their sum with chapter 8's
«Utbytte kommunale selskaper» (Tabell 8-18, 2022-kroner, printed negative as income).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hoep import data, tall
from hoep.data import mellomlager
from hoep.feil import DataFeil
from hoep.regler import prisbasis

KOLONNER = ["selskap", "navn", "selskapsform", "eierandel_prosent", "nokkeltall_tabell", "utbytte_tabell",
            "utbyttepolitikk", "politikk_andel_prosent", "politikk_grunnlag", "politikk_ar", "kildelinjer"]
PLANAR = prisbasis.PLANAR


@mellomlager.husk
def _selskaper(mappe: Path) -> pd.DataFrame:
    fil = mappe / "eierskap.csv"
    df = data.les_liste(fil, KOLONNER, "selskaper")
    kjente = set(data.katalog()["id"])
    for rad in df.itertuples():
        for kol in ("nokkeltall_tabell", "utbytte_tabell"):
            tid = getattr(rad, kol)
            if tid and tid not in kjente:
                raise DataFeil(f"{fil}: {rad.selskap}: «{kol}» viser til ukjent tabell «{tid}»")
    for kol in ("eierandel_prosent", "politikk_andel_prosent", "politikk_ar"):
        tall = pd.to_numeric(df[kol].replace("", None), errors="coerce")
        feil = df[(df[kol] != "") & tall.isna()]
        if len(feil):
            raise DataFeil(f"{fil}: «{kol}» må være et tall, fikk «{feil[kol].iloc[0]}» "
                           f"({feil['selskap'].iloc[0]})")
        if ((tall < 0) | (tall > 100)).any():
            raise DataFeil(f"{fil}: «{kol}» må ligge mellom 0 og 100")
        df[kol] = tall
    return df


def selskaper() -> pd.DataFrame:
    """The companies and foundations of chapter 37 (one row each)."""
    return _selskaper(data.datamappe()).copy()


def arsresultat(selskap: str) -> pd.Series:
    """The company's årsresultat per accounting year (1000 kr), from its key-figure table."""
    rad = selskaper().set_index("selskap").loc[selskap]
    tid = rad["nokkeltall_tabell"]
    if not tid:
        raise DataFeil(f"{selskap} har ingen nøkkeltallstabell i kapittel 37")
    info = data.info(tid)
    t = data.tabell(tid)
    return pd.Series({info.kolonne(k)["ar"]: t.at["arsresultat", k] for k in info.tallkolonner}).dropna()


def utbytte_etter_politikk(andel_prosent: float, resultater: list[float]) -> float:
    """A dividend policy's amount in mill. kr: andel × mean of the results (given in 1000 kr)."""
    return andel_prosent / 100 * sum(resultater) / len(resultater) / 1000


def foreslatt_utbytte(selskap: str) -> pd.Series:
    """The proposed dividend per budget year (mill. kr), or an empty series if none is proposed."""
    tid = selskaper().set_index("selskap").at[selskap, "utbytte_tabell"]
    if not tid:
        return pd.Series(dtype=float)
    info = data.info(tid)
    t = data.tabell(tid)
    return pd.Series({info.kolonne(k)["ar"]: float(t[k].sum()) for k in info.tallkolonner})


def utbytteoversikt(siste_regnskapsar: int = 2020) -> pd.DataFrame:
    """Per company with a quantified policy: the years used, the policy amount and the 2022 proposal.

    ``siste_regnskapsar`` is the last closed accounting year the policy looks back from (2020 for
    the 2022 budget; 2019 shows what last year's figures would give).
    """
    rader = []
    for rad in selskaper().itertuples():
        if rad.politikk_grunnlag != "gjennomsnitt_arsresultat" or pd.isna(rad.politikk_andel_prosent):
            continue
        res = arsresultat(rad.selskap)
        brukt = res[(res.index <= siste_regnskapsar)].sort_index().tail(int(rad.politikk_ar))
        forslag = foreslatt_utbytte(rad.selskap)
        politikk = utbytte_etter_politikk(rad.politikk_andel_prosent, brukt.tolist())
        rader.append({
            "selskap": rad.selskap, "navn": rad.navn, "andel": rad.politikk_andel_prosent,
            "ar_brukt": (f"{brukt.index.min()}-{brukt.index.max()}" if len(brukt) > 1
                         else str(brukt.index.min())),
            "antall_ar": len(brukt), "snitt_arsresultat": brukt.mean(), "politikk": politikk,
            "foreslatt_2022": forslag.get(2022), "differanse": forslag.get(2022, float("nan")) - politikk,
        })
    return pd.DataFrame(rader).set_index("selskap")


def _desimaler(verdi: float) -> int:
    """Decimals a proposed amount is given with: 4 → 0, 0,45 → 2."""
    tekst = f"{verdi:.6f}".rstrip("0").rstrip(".")
    return len(tekst.split(".")[1]) if "." in tekst else 0


def forslag_som_folger_politikken(siste_regnskapsar: int = 2020) -> list[str]:
    """The companies whose proposed 2022 dividend is their policy amount, rounded as the proposal is.

    Proposals are round amounts (whole millions; 0,45 for Labtjenester), so a proposal follows the
    policy when the policy amount, rounded half away from zero to the proposal's decimals, equals it.
    """
    o = utbytteoversikt(siste_regnskapsar)
    treff = []
    for rad in o.itertuples():
        if pd.isna(rad.foreslatt_2022):
            continue
        avrundet = tall.avrund(rad.politikk, _desimaler(rad.foreslatt_2022))
        if abs(avrundet - rad.foreslatt_2022) < 1e-9:
            treff.append(rad.navn)
    return treff


def sum_utbytte() -> pd.DataFrame:
    """Sum of the proposed dividends per year vs Tabell 8-18 «Utbytte kommunale selskaper»."""
    forslag = pd.DataFrame({s: foreslatt_utbytte(s) for s in selskaper()["selskap"]}).fillna(0.0)
    t = data.tabell("tabell_8_18_finansinntekter")
    kap8 = pd.Series({ar: -float(t.at["utbytte_kommunale_selskaper", f"budsjett_{ar}"]) for ar in PLANAR})
    ut = pd.DataFrame({"sum_kapittel_37": forslag.sum(axis=1).reindex(PLANAR), "tabell_8_18": kap8})
    ut["differanse"] = ut["tabell_8_18"] - ut["sum_kapittel_37"]
    return ut
