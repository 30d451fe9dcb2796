"""The plan's inputs for one scenario: the printed tables and the scenario's changes, as arrays.

:func:`grunnlag` collects everything the core (:mod:`hoep.modell.kjerne`) needs over 2022-2025, in
natural signs (income, cost and surplus positive): the drift lines of Budsjettskjema 1A, the finance
lines of Tabell 8-18 to 8-22, the investments and financing of Tabell 8-14, the debt of Tabell 8-15,
TKK's allocation (Tabell 8-19) and the scenario's tiltak, projects and assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hoep import data
from hoep.modell import endringer, inndata
from hoep.parametre import basis
from hoep.parametre.scenario import Scenario
from hoep.regler import kraftfond, prisbasis, renter

AR = data.PLANAR


def _rader(tabell: str, prefiks: str = "budsjett_") -> pd.DataFrame:
    """The plan years of a table as floats, rows by rad_id, columns 2022-2025."""
    t = data.tabell(tabell)
    kol = [f"{prefiks}{a}" for a in AR]
    ut = t[kol].astype(float)
    ut.columns = list(AR)
    return ut


def _rad(tabell: str, rad: str, fortegn: float = 1.0) -> np.ndarray:
    return fortegn * _rader(tabell).loc[rad].to_numpy(dtype=float)


def _teksttall(navn: str, ar: int = 2022) -> float:
    return float(data.teksttall(navn)["verdier"][ar])


@dataclass(frozen=True)
class Grunnlag:
    """Everything the plan needs for one scenario, as arrays over 2022-2025 (natural signs)."""

    faktor: np.ndarray  # løpende kroner per 2022-krone
    # drift, 2022-kroner (Budsjettskjema 1A)
    skatt: np.ndarray
    rammetilskudd: np.ndarray
    eiendomsskatt: np.ndarray
    andre_generelle_driftsinntekter: np.ndarray
    bevilgninger: np.ndarray
    bundne_fond: np.ndarray  # netto avsetning (+) or bruk (−)
    overfort_til_investering: np.ndarray
    driftsinntekter: np.ndarray  # Økonomisk oversikt drift, sum driftsinntekter
    tiltak: np.ndarray  # the scenario's change of the frames
    # finance, 2022-kroner (Tabell 8-18, 8-21, 8-22)
    tkk_avkastning: np.ndarray
    startlan_renteinntekter: np.ndarray
    videre_utlan_renteinntekter: np.ndarray
    utbytte: np.ndarray
    startlan_renteutgifter: np.ndarray
    videre_utlan_renteutgifter: np.ndarray
    rentedekning: dict[str, np.ndarray]  # Tabell 8-22: shares of the interest on investment loans
    rentebane: pd.DataFrame  # Tabell 8-25 (before the scenario's change)
    fastrenteandel: float
    likviditet: float  # løpende, incl. skattetrekkskonto
    # investments, løpende (Tabell 8-14 + the scenario's changes)
    investering: np.ndarray
    finansiering: dict[str, np.ndarray]  # non-loan sources
    bykassefinansierte_lan: np.ndarray
    tkk_realavkastning: np.ndarray  # TKK's real return used for investment each year (løpende)
    tkk_til_investeringer: np.ndarray  # set aside each year, used the next (2022-kroner; Tabell 8-19)
    tkk_til_smafond: np.ndarray
    tkk_driftskostnader: np.ndarray
    # debt, løpende (Tabell 8-15)
    ib_2022: float
    ovrige_avdrag: np.ndarray
    avdragstid: np.ndarray  # per year (the plan's own, or the scenario's from the year it sets one)
    # disposisjonsfond (Tabell 8-4)
    disposisjonsfond_ub_2022: float
    disponering: str = "disposisjonsfond"
    eiendomsskatt_endring: np.ndarray = field(default_factory=lambda: np.zeros(4))
    # the change of eksternfinansierte lån whose capital costs VARFS fees and husleie pay (løpende)
    laneendring_varfs: np.ndarray = field(default_factory=lambda: np.zeros(4))
    laneendring_husleie: np.ndarray = field(default_factory=lambda: np.zeros(4))
    laneendring_bykasse: np.ndarray = field(default_factory=lambda: np.zeros(4))  # bykassefinansierte lån


def prisfaktor(scen: Scenario) -> np.ndarray:
    """Løpende kroner per 2022-krone over 2022-2025: the scenario's deflator chained."""
    deflator = {a: float(scen.verdi("prisomregning_deflator", a)) for a in AR}
    return np.array([prisbasis.faktor(a, deflator) for a in AR])


def grunnlag(scen: Scenario) -> Grunnlag:
    """Collect the plan's inputs for a scenario (data + the scenario's changes)."""
    faktor = prisfaktor(scen)
    skjema = "budsjettskjema_1a"
    f18 = _rader("tabell_8_18_finansinntekter")
    r21 = _rader("tabell_8_21_rentekostnader")
    r22 = _rader("tabell_8_22_finansiering_av_rentekostnader")
    t19 = _rader("tabell_8_19_tkk_avkastning_og_disponering")
    g15 = _rader("tabell_8_15_gjeldsutvikling")

    tiltak = endringer.tiltakseffekt(scen.budsjett)
    tiltakseffekt = tiltak[list(AR)].sum().to_numpy(dtype=float) if len(tiltak) else np.zeros(4)
    inv = endringer.investeringseffekt(scen.budsjett, dict(zip(AR, faktor, strict=True)))
    lan = endringer.laneendring(scen.budsjett, dict(zip(AR, faktor, strict=True)))

    sats = np.array([float(scen.verdi("kraftfond_avkastning", a)) for a in AR])
    sats_basis = np.array([float(_basis().verdi("kraftfond_avkastning", a)) for a in AR])
    tkk = np.array([kraftfond.skalert_avkastning(p, s, b) for p, s, b in
                    zip(-t19.loc["avkastning"].to_numpy(), sats, sats_basis, strict=True)])

    # Investments and their financing from the finest printed inputs: the area tables' projects and
    # financing, klimainvesteringer (Tabell 7-6, bykasse loans), the Helseplattformen loan from the
    # disposisjonsfond (Tabell 8-4) and the kraftfond's real return in place of bykasse loans
    # (Tabell 8-14 is their sum, kap. 8.7).
    ikke_lan = ("mva_kompensasjon", "refusjoner", "salgsinntekt", "tilskudd", "egenkapital")
    fin = inndata.sum_finansiering()
    finansiering = {k: fin.loc[k].to_numpy(dtype=float) + inv.loc[k].to_numpy(dtype=float) for k in ikke_lan}
    finansiering["egenkapital"] = finansiering["egenkapital"] + inndata.helseplattformen()
    rammer = inndata.rammer()
    eksterne = rammer["eksterne_finanstransaksjoner"]
    tkk_realavkastning = eksterne.loc["overfort_til_investering"].to_numpy() * faktor
    investering_grunn = (data.prosjektliste()[list(AR)].astype(float).sum().to_numpy()
                         + inndata.klimainvesteringer())
    bykasse_grunn = (fin.loc["bykassefinansierte_lan"].to_numpy() + inndata.klimainvesteringer()
                     - inndata.helseplattformen() - tkk_realavkastning)
    omrader = inndata.punkt6_omrader()
    # Sum bevilgning drift (1A) = punkt 6: the areas' driftsresultat, eksterne's own drift lines,
    # ressurskrevende brukere, less the C that 1A counts as frie inntekter (published sign = cost +).
    drift = ["driftsutgifter", "driftsinntekter"]
    bevilgninger = (sum(rammer[o].loc[drift].sum().to_numpy() for o in omrader)
                    + eksterne.loc[["driftsutgifter", "driftsinntekter"]].sum().to_numpy()
                    + inndata.ressurskrevende() - inndata.anker_c())
    # The equity a changed project takes from the disposisjonsfond (its group's share) is transferred
    # from drift like the plan's own (interne finanstransaksjoner, Tabell 8-4), in 2022-kroner.
    overfort = (sum(r.loc["overfort_til_investering"].to_numpy() for r in rammer.values())
                + inv.loc["egenkapital"].to_numpy(dtype=float) / faktor)
    bundne = sum(rammer[o].loc["netto_avsetninger"].to_numpy() for o in omrader if o not in inndata.SMAFOND)

    tkk_22 = kraftfond.kommunens_andel(
        -t19.at["avkastning", 2022], t19.at["driftskostnader", 2022], _teksttall("kraftfond_kpi_avsetning"),
        t19.at["til_smafondene", 2022], _teksttall("kraftfond_ekstra_uttak"))
    tkk_inv = t19.loc["til_kommunens_investeringer"].to_numpy(dtype=float).copy()
    tkk_inv[0] = tkk_22.til_investeringer  # 2022 derived from the statutes; later years as printed

    frie_faktor = 1 + _serie(scen, "frie_inntekter_endring") / 100
    return Grunnlag(
        faktor=faktor,
        skatt=_rad(skjema, "inntekts_og_formueskatt", -1) * frie_faktor,
        rammetilskudd=_rad(skjema, "rammetilskudd", -1) * frie_faktor,
        eiendomsskatt=_rad(skjema, "eiendomsskatt", -1),
        andre_generelle_driftsinntekter=_rad(skjema, "andre_generelle_driftsinntekter", -1),
        bevilgninger=bevilgninger,
        bundne_fond=bundne,
        overfort_til_investering=overfort,
        driftsinntekter=_rad("okonomisk_oversikt_drift", "sum_driftsinntekter", -1),
        tiltak=tiltakseffekt,
        tkk_avkastning=tkk,
        startlan_renteinntekter=-f18.loc["renteinntekter_startlan"].to_numpy(dtype=float),
        videre_utlan_renteinntekter=-f18.loc["renteinntekter_videre_utlan"].to_numpy(dtype=float),
        utbytte=-f18.loc["utbytte_kommunale_selskaper"].to_numpy(dtype=float),
        startlan_renteutgifter=r21.loc["renteutgifter_startlan"].to_numpy(dtype=float),
        videre_utlan_renteutgifter=r21.loc["renteutgifter_videre_utlan"].to_numpy(dtype=float),
        rentedekning={k: -r22.loc[k].to_numpy(dtype=float)
                      / r22.loc["renteutgifter_investeringslan"].to_numpy(dtype=float)
                      for k in renter.DEKNING},
        rentebane=renter.publisert_rentebane(),
        fastrenteandel=renter.fastrenteandel(),
        likviditet=_teksttall("likviditet") + _teksttall("skattetrekkskonto"),
        investering=investering_grunn + inv.loc["investering"].to_numpy(dtype=float),
        finansiering=finansiering,
        bykassefinansierte_lan=bykasse_grunn + inv.loc["bykassefinansierte_lan"].to_numpy(dtype=float),
        tkk_realavkastning=tkk_realavkastning,
        tkk_til_investeringer=tkk_inv,
        tkk_til_smafond=t19.loc["til_smafondene"].to_numpy(dtype=float),
        tkk_driftskostnader=t19.loc["driftskostnader"].to_numpy(dtype=float),
        ib_2022=float(g15.at["lanegjeld_1_1", 2022]),
        ovrige_avdrag=-g15.loc["ovrige_avdrag"].to_numpy(dtype=float),
        avdragstid=_avdragstid(scen),
        disposisjonsfond_ub_2022=_disposisjonsfond_ub_2022(),
        disponering=scen.disponering,
        eiendomsskatt_endring=_eiendomsskatt_endring(scen),
        laneendring_varfs=lan.loc["varfs"].to_numpy(dtype=float),
        laneendring_husleie=lan.loc["husleie"].to_numpy(dtype=float),
        laneendring_bykasse=lan.loc["bykasse"].to_numpy(dtype=float),
    )


def _serie(scen: Scenario, navn: str) -> np.ndarray:
    return np.array([float(scen.verdi(navn, a)) for a in AR])


def _avdragstid(scen: Scenario) -> np.ndarray:
    """The repayment time per year: the assumption ``avdragstid`` as dated (base: the plan's 28.19 years)."""
    return _serie(scen, "avdragstid")


def _disposisjonsfond_ub_2022() -> float:
    from hoep.regler import disposisjonsfond

    return disposisjonsfond.bevegelse_2022().utgaende


def _eiendomsskatt_endring(scen: Scenario) -> np.ndarray:
    """The scenario's change of property-tax revenue, 2022-kroner (zero for the base scenario;
    the method is :func:`hoep.modell.eiendomsskatt.proveny`'s)."""
    from hoep.modell import eiendomsskatt

    return eiendomsskatt.proveny(scen).loc[list(AR), "endring_2022kr"].to_numpy(dtype=float)


def _basis() -> Scenario:
    return basis.grunnscenario()
