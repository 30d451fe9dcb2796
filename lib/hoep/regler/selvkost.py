"""Selvkost for fee-financed services (kap. 10.3, kap. 24.5; selvkostforskriften).

Rules:

- selvkost = direct and indirect operating costs + kapitalkostnader (avskrivninger + rentekostnad);
- kapitalkostnad: linear avskrivning over the asset's lifetime; rentekostnad = kalkylerente × the
  year's average residual value (selvkostforskriften § 5);
- kalkylerente = the year's average 5-year swap rate + ½ percentage point (§ 5);
- result = fee income − selvkost. The result goes to the selvkostfond, which earns (or, when
  negative, costs) the kalkylerente on its average balance;
- the fund is used first in, first out: a deficit first uses the oldest surplus, a surplus first
  covers the oldest deficit. A surplus must be returned to the users within five years
  (``selvkostfond_frist_ar``; § 8, kap. 10.3 «tre- til femårsperiode»); :func:`fondsforlop` reports
  any amount older than that;
- negative funds are allowed for vann, avløp, renovasjon, slam and feiing; for plan- og byggesak
  (and kart, oppmåling, eierseksjonering) they are not, and the deficit is covered by the bykasse
  (kap. 10.3).

The document's own fee and fund balance (kapittel 11, «Avgiftsbalanse») is only a link to a web page
in our source text, so the fund levels are not in the data. :func:`eksempel_24` applies the model
to the cost changes of Tabell 24-3 and 24-4 with the assumptions it states.
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.feil import HoepFeil
from hoep.regler import prisbasis

NEGATIVT_FOND_TILLATT = {"vann": True, "avlop": True, "renovasjon": True, "slam": True, "feiing": True,
                         "plan_og_byggesak": False, "kart_og_oppmaling": False, "eierseksjonering": False}


def kalkylerente(swaprente: float, tillegg: float = 0.5) -> float:
    """Kalkylerente in percent: the 5-year swap rate + ½ percentage point (selvkostforskriften § 5)."""
    return swaprente + tillegg


def kapitalkostnad(anskaffelseskost: float, levetid: int, ar_i_bruk: int, rente: float) -> dict[str, float]:
    """Capital cost of one asset in its ``ar_i_bruk``-th year of depreciation (1 = the first).

    Linear avskrivning = anskaffelseskost / levetid; rentekostnad = rente % × (IB + UB) / 2, the
    average residual value of the year (selvkostforskriften § 5). Zero after the lifetime.
    """
    if levetid <= 0 or anskaffelseskost < 0:
        raise HoepFeil(f"levetiden må være positiv og anskaffelseskosten 0 eller mer "
                       f"(fikk {levetid} år og {anskaffelseskost}).")
    if ar_i_bruk < 1 or ar_i_bruk > levetid:
        return {"avskrivning": 0.0, "restverdi_ib": 0.0, "restverdi_ub": 0.0, "rentekostnad": 0.0,
                "kapitalkostnad": 0.0}
    avskrivning = anskaffelseskost / levetid
    ib = anskaffelseskost - avskrivning * (ar_i_bruk - 1)
    ub = ib - avskrivning
    renter = rente / 100 * (ib + ub) / 2
    return {"avskrivning": avskrivning, "restverdi_ib": ib, "restverdi_ub": ub, "rentekostnad": renter,
            "kapitalkostnad": avskrivning + renter}


def kapitalkostnader(investeringer: dict[int, float], levetid: int, renter: dict[int, float],
                     ar: list[int]) -> pd.Series:
    """Capital cost per year of a programme of investments, each depreciated from the year after."""
    ut = {}
    for a in ar:
        ut[a] = sum(kapitalkostnad(belop, levetid, a - inv_ar, renter[a])["kapitalkostnad"]
                    for inv_ar, belop in investeringer.items())
    return pd.Series(ut, name="kapitalkostnad")


def fondsforlop(resultater: dict[int, float], rente: dict[int, float], tillat_negativt: bool = True,
                ib: list[tuple[int, float]] | None = None, frist: int = 5) -> pd.DataFrame:
    """Roll the selvkostfond forward year by year, first in, first out.

    ``resultater``: fee income − selvkost per year; ``rente``: kalkylerente per year (percent),
    applied to the average of the opening balance and the balance after the year's result;
    ``ib``: the opening fund as (year of origin, amount) lots, oldest first. A lot from year v
    must be used by v + ``frist``; ``utenfor_frist`` is what is left of older lots at year end.
    """
    lotter: list[list[float]] = [[float(a), float(b)] for a, b in (ib or []) if b]
    if any(b > 0 for _, b in lotter) and any(b < 0 for _, b in lotter):
        raise HoepFeil("et selvkostfond kan ikke ha både positive og negative poster ved inngangen.")
    rader = []
    for ar in sorted(resultater):
        inngaende = sum(b for _, b in lotter)
        resultat = float(resultater[ar])
        renter = rente[ar] / 100 * (inngaende + (inngaende + resultat)) / 2
        netto = resultat + renter
        brukt = 0.0
        # FIFO: the year's net first meets the oldest lots of the opposite sign.
        while lotter and netto and (lotter[0][1] > 0) != (netto > 0):
            motpost = min(abs(lotter[0][1]), abs(netto))
            retning = 1 if netto > 0 else -1
            lotter[0][1] += retning * motpost
            netto -= retning * motpost
            brukt += motpost
            if abs(lotter[0][1]) < 1e-9:
                lotter.pop(0)
        bykassen = 0.0
        if netto < 0 and not tillat_negativt:
            bykassen, netto = -netto, 0.0
        if netto:
            lotter.append([float(ar), netto])
        utgaende = sum(b for _, b in lotter)
        gammelt = sum(b for a, b in lotter if a <= ar - frist)
        rader.append({"ar": ar, "ib": inngaende, "resultat": resultat, "renter": renter,
                      "bruk_av_eldre_poster": brukt, "dekket_av_bykassen": bykassen, "ub": utgaende,
                      "utenfor_frist": gammelt, "eldste_post": int(lotter[0][0]) if lotter else None})
    return pd.DataFrame(rader).set_index("ar")


# --- Worked example: Tabell 24-3 and 24-4 ---------------------------------------------------------

EKSEMPEL = {
    "vann": {"kostnader": "tabell_24_3_kostnadsendringer_vann", "sum": "sum_kostnadsendring_drift_vann",
             "gebyr": "vanngebyr", "investeringer": "tabell_24_7_investeringer_vann"},
    "avlop": {"kostnader": "tabell_24_4_kostnadsendringer_avlop", "sum": "sum_kostnadsendring_drift_avlop",
              "gebyr": "avlopsgebyr", "investeringer": "tabell_24_9_investeringer_avlop"},
}


def eksempel_24(omrade: str, deflator_24_2: float | None = None) -> dict[str, float]:
    """Selvkost for vann or avløp 2021 → 2022 from Tabell 24-2/24-3/24-4, mill. kr, løpende.

    The tables give cost *changes*, not levels. We derive the 2021 operating cost from the table's
    «Pris og lønn» line divided by the deflator Tabell 24-2 uses (nominal − real: 2,3 %), and
    assume, to isolate the operating side, that fees covered exactly that cost in 2021 (capital
    costs and fund use left out). Then the 2022 fee income is the 2021 cost × (1 + the nominal
    fee change of Tabell 24-2), the 2022 cost is the 2021 cost + the table's sum, and the fee change
    that would have covered the operating cost alone is cost 2022 / cost 2021 − 1.
    """
    if omrade not in EKSEMPEL:
        raise HoepFeil(f"ukjent selvkostområde «{omrade}»; eksempelet finnes for {', '.join(EKSEMPEL)}.")
    e = EKSEMPEL[omrade]
    kost = data.tabell(e["kostnader"])["endring_2021_2022"]
    gebyr = data.tabell("tabell_24_2_gebyrendringer_selvkost").loc[e["gebyr"]]
    d = deflator_24_2 if deflator_24_2 is not None else \
        float(gebyr["nominell_endring"]) - float(gebyr["reell_endring"])
    drift_2021 = float(kost["pris_og_lonn"]) / (d / 100)
    endring = float(kost[e["sum"]])
    drift_2022 = drift_2021 + endring
    inntekt_2022 = drift_2021 * (1 + float(gebyr["nominell_endring"]) / 100)
    return {"deflator": d, "driftskostnad_2021": drift_2021, "kostnadsendring": endring,
            "driftskostnad_2022": drift_2022, "gebyrendring": float(gebyr["nominell_endring"]),
            "gebyrinntekt_2022": inntekt_2022, "resultat_2022": inntekt_2022 - drift_2022,
            "gebyrendring_for_balanse": (drift_2022 / drift_2021 - 1) * 100}


def investeringer(omrade: str) -> dict[int, float]:
    """The area's planned investments per year (Sluttsum of Tabell 24-7 / 24-9), mill. kr, løpende."""
    t = data.tabell(EKSEMPEL[omrade]["investeringer"])
    return {ar: float(t.at["sluttsum", f"budsjett_{ar}"]) for ar in prisbasis.PLANAR}
