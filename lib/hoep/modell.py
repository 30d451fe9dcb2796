"""The four-year plan (2022-2025) for a scenario: wires data, assumptions and rule modules.

One concept per rule module: :mod:`hoep.prisbasis` (løpende ↔ 2022-kroner), :mod:`hoep.gjeld`
(debt and minimumsavdrag), :mod:`hoep.renter` (rentebane, interest), :mod:`hoep.kraftfond`
(TKK), :mod:`hoep.endringer` (tiltak and projects), :mod:`hoep.handlingsregler` (targets).

The plan, year by year (kap. 2 Budsjettskjema 1A, kap. 8):

- **drift** (faste 2022-kroner): frie disponible inntekter − sum bevilgninger drift (the areas'
  frames incl. tiltak) = brutto driftsresultat; − netto finansutgifter (renter and avdrag less
  renteinntekter and utbytte) = netto driftsresultat; disposed to investments, bundne fond and the
  disposisjonsfond, which balances the budget (kommuneloven § 14-4 fjerde ledd).
- **investering** (løpende): investments less mva-kompensasjon, refusjoner, salg, tilskudd,
  egenkapital and TKK's real return gives the låneopptak, the balancing item of financing.
- **gjeld** (løpende): IB + låneopptak − minimumsavdrag (IB / the plan's repayment time) −
  øvrige avdrag (the plan's, Tabell 8-15) = UB.
- **renter**: average debt × the rentebane (Tabell 8-25); likviditet × bankrente.

Derived vs anchored. Derived from printed inputs: frie inntekter, bevilgninger, låneopptak,
debt, minimumsavdrag, avdrag in 2022-kroner, interest income on liquidity, interest on investment
loans in 2022, TKK's allocation in 2022, the disposisjonsfond line of 1A and its balance.
Anchored (kept as the published value in the base scenario and moved by what a scenario
changes): interest on investment loans 2023-2025 (a residual per year, the loan portfolio is not
printed), startlån interest, byggelån, utbytte, TKK's return, and the four target ratios
(:mod:`hoep.handlingsregler`). :func:`ankere` lists the anchors and their size.

The core (:func:`regn`) works on numpy arrays with years on the last axis, so the stress test
can run many rate paths at once; :func:`beregn` wraps one scenario as a :class:`Plan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from hoep import data, endringer, format, gjeld, handlingsregler, klima, kraftfond, prisbasis, renter
from hoep.scenario import Scenario

AR = prisbasis.PLANAR
_A = np.array(AR)


# --- climate and sick leave (kap. 7 and 38) ------------------------------------------------------

def klimaramme(scen: Scenario) -> pd.DataFrame:
    """The emission frame 2022-2030 under the scenario (see :func:`hoep.klima.utslippsramme`)."""
    return klima.utslippsramme(
        scen.klima,
        kutt_2023=scen.verdi("klimamal_2023", 2023),
        kutt_2030=scen.verdi("klimamal_2030", 2030),
        vekst_etter_2025=scen.verdi("klima_referansebane_vekst_etter_2025", 2026),
    )


def klimamalstatus(scen: Scenario) -> pd.DataFrame:
    """Whether the scenario's tiltaksbane reaches the 2023 and 2030 targets."""
    return klima.malstatus(klimaramme(scen), scen.verdi("klimamal_2023", 2023),
                           scen.verdi("klimamal_2030", 2030))


def sykefravaersparametre(scen: Scenario, fravaer: float | None = None):
    """The sick-leave model's parameters under the scenario (kap. 38; ``sykefravaer_*``)."""
    from hoep.sykefravaer import Parametre

    return Parametre(
        arsverk=scen.verdi("sykefravaer_arsverk", 2021),
        lonnskostnad=scen.verdi("sykefravaer_lonnskostnad", 2021),
        fravaer=scen.verdi("sykefravaer_fravaer", 2021) if fravaer is None else fravaer,
        langtid_andel=scen.verdi("sykefravaer_langtid_andel", 2021),
        refusjonsgrad=scen.verdi("sykefravaer_refusjonsgrad", 2021),
        vikar_langtid=scen.verdi("sykefravaer_vikar_langtid", 2021),
        vikar_korttid=scen.verdi("sykefravaer_vikar_korttid", 2021),
    )


# --- inputs ----------------------------------------------------------------------------------------

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
    tkk_til_investering_2022: float  # TKK's real return used in 2022 (set aside in 2021)
    tkk_til_investeringer: np.ndarray  # set aside each year, used the next (2022-kroner)
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


def grunnlag(scen: Scenario) -> Grunnlag:
    """Collect the plan's inputs for a scenario (data + the scenario's changes)."""
    deflator = [float(scen.verdi("prisomregning_deflator", a)) for a in AR]
    faktor = np.array([prisbasis.faktor(a, d) for a, d in zip(AR, deflator, strict=True)])
    skjema = "budsjettskjema_1a"
    i14 = _rader("tabell_8_14_investeringer_og_finansiering")
    f18 = _rader("tabell_8_18_finansinntekter")
    r21 = _rader("tabell_8_21_rentekostnader")
    r22 = _rader("tabell_8_22_finansiering_av_rentekostnader")
    t19 = _rader("tabell_8_19_tkk_avkastning_og_disponering")
    g15 = _rader("tabell_8_15_gjeldsutvikling")

    tiltak = endringer.tiltakseffekt(scen.budsjett)
    tiltakseffekt = tiltak[list(AR)].sum().to_numpy(dtype=float) if len(tiltak) else np.zeros(4)
    inv = endringer.investeringseffekt(scen.budsjett)

    sats = np.array([float(scen.verdi("kraftfond_avkastning", a)) for a in AR])
    sats_basis = np.array([float(_basis().verdi("kraftfond_avkastning", a)) for a in AR])
    tkk = np.array([kraftfond.skalert_avkastning(p, s, b) for p, s, b in
                    zip(-t19.loc["avkastning"].to_numpy(), sats, sats_basis, strict=True)])

    ikke_lan = ("mva_kompensasjon", "refusjoner", "salgsinntekt", "tilskudd", "egenkapital")
    rader_14 = {"mva_kompensasjon": "mva_kompensasjon", "refusjoner": "refusjoner",
                "salgsinntekt": "salgsinntekt", "tilskudd": "tilskudd",
                "egenkapital": "egenkapital_fra_disposisjonsfondet"}
    finansiering = {k: i14.loc[rader_14[k]].to_numpy(dtype=float) + inv.loc[k].to_numpy(dtype=float)
                    for k in ikke_lan}

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
        bevilgninger=_rad(skjema, "sum_bevilgning_drift_netto"),
        bundne_fond=_rad(skjema, "netto_avsetninger_bundne_driftsfond"),
        overfort_til_investering=_rad(skjema, "overfort_til_investering"),
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
        investering=(i14.loc["investering"].to_numpy(dtype=float)
                     + inv.loc["investering"].to_numpy(dtype=float)),
        finansiering=finansiering,
        bykassefinansierte_lan=(i14.loc["bykassefinansierte_lan"].to_numpy(dtype=float)
                                + inv.loc["bykassefinansierte_lan"].to_numpy(dtype=float)),
        tkk_til_investering_2022=float(i14.at["realavkastning_fra_kraftfondet", 2022]),
        tkk_til_investeringer=tkk_inv,
        tkk_til_smafond=t19.loc["til_smafondene"].to_numpy(dtype=float),
        tkk_driftskostnader=t19.loc["driftskostnader"].to_numpy(dtype=float),
        ib_2022=float(g15.at["lanegjeld_1_1", 2022]),
        ovrige_avdrag=-g15.loc["ovrige_avdrag"].to_numpy(dtype=float),
        avdragstid=_avdragstid(scen),
        disposisjonsfond_ub_2022=_disposisjonsfond_ub_2022(),
        disponering=scen.disponering,
        eiendomsskatt_endring=_eiendomsskatt_endring(scen),
    )


def _serie(scen: Scenario, navn: str) -> np.ndarray:
    return np.array([float(scen.verdi(navn, a)) for a in AR])


def _avdragstid(scen: Scenario) -> np.ndarray:
    """The repayment time per year: the plan's, or the scenario's from the first year it sets one."""
    satt = scen.overstyringer.get("avdragstid", {})
    hvor = f"{scen.fil or scen.navn}: «forutsetninger.avdragstid»"
    ut = []
    for a in AR:
        fra = [x for x in satt if x <= a]
        ut.append(gjeld.avdragstid(satt[max(fra)] if fra else None, hvor))
    return np.array(ut)


def _disposisjonsfond_ub_2022() -> float:
    from hoep import disposisjonsfond

    return disposisjonsfond.bevegelse_2022().utgaende


def _eiendomsskatt_endring(scen: Scenario) -> np.ndarray:
    """The scenario's change of property-tax revenue, 2022-kroner (zero for the base scenario;
    the method is :func:`hoep.eiendomsskatt.proveny`'s)."""
    from hoep import eiendomsskatt

    return eiendomsskatt.proveny(scen).loc[list(AR), "endring_2022kr"].to_numpy(dtype=float)


@cache
def _basis() -> Scenario:
    from hoep import scenario

    return scenario.basis()


# --- the core: one pass over the plan --------------------------------------------------------------

def regn(g: Grunnlag, renteendring: np.ndarray, ankre: Ankere | None = None,
         frie_inntekter_endring: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Compute the plan. ``renteendring``: percentage points, shape (4,) or (n, 4) for n paths;
    ``frie_inntekter_endring``: per cent on top of the scenario's skatt and rammetilskudd, same shapes.

    Returns arrays with years on the last axis. Natural signs: income, cost and surplus positive.
    """
    d = np.asarray(renteendring, dtype=float)
    if frie_inntekter_endring is not None:
        d = d + 0 * np.asarray(frie_inntekter_endring, dtype=float)
        frie_faktor = 1 + np.asarray(frie_inntekter_endring, dtype=float) / 100
    else:
        frie_faktor = 1.0
    f = g.faktor
    b = g.rentebane
    r = {k: b.loc[k].to_numpy(dtype=float) for k in b.index}
    a = ankre or Ankere.null()
    ut: dict[str, np.ndarray] = {}

    # Drift before finance (2022-kroner).
    ut["frie_inntekter"] = (g.skatt + g.rammetilskudd) * frie_faktor + 0 * d
    ut["eiendomsskatt"] = g.eiendomsskatt + g.eiendomsskatt_endring + 0 * d
    ut["andre_generelle_driftsinntekter"] = g.andre_generelle_driftsinntekter + 0 * d
    ut["sum_frie_disponible_inntekter"] = (ut["frie_inntekter"] + ut["eiendomsskatt"]
                                           + g.andre_generelle_driftsinntekter)

    # Investments and financing (løpende).
    ut["investeringer"] = g.investering + 0 * d
    tkk_inv = np.concatenate([[g.tkk_til_investering_2022], g.tkk_til_investeringer[:-1] * f[:-1]])
    ut["tkk_realavkastning_til_investering"] = tkk_inv + 0 * d
    ikke_lan = sum(g.finansiering.values()) + tkk_inv

    # Renteinntekter that do not depend on the debt (2022-kroner).
    likviditet = g.likviditet * (r["rente_bankinnskudd"] + d) / 100 / f
    startlan_inn = renter.skaler_med_rente(g.startlan_renteinntekter, r["rente_startlan_flytende"], d)
    startlan_ut = renter.skaler_med_rente(g.startlan_renteutgifter, r["rente_startlan_flytende"], d)
    renteinntekter_uten_byggelan = (g.tkk_avkastning + likviditet + startlan_inn
                                    + g.videre_utlan_renteinntekter)
    effektiv = renter.effektiv_rente(r["gjennomsnittlig_rente_investeringslan"], d, g.fastrenteandel)
    # TKK's bufferfond takes any change in TKK's return (the statutes, kap. 8.10.1).
    tkk_endring = g.tkk_avkastning - _tkk_publisert()

    # The year loop: debt, interest and the result depend on each other only within the year and
    # (with disponering «investering») through the transfer to investments; iterate to a fixed point.
    shape = np.broadcast_shapes(np.shape(d), (len(AR),))
    ekstra_overforing = np.zeros(shape)  # 2022-kroner, beyond the plan's own transfer
    for _ in range(50):
        laneopptak = g.investering - ikke_lan - ekstra_overforing * f
        ib = np.zeros(shape)
        ub = np.zeros(shape)
        minimum = np.zeros(shape)
        forrige = np.full(shape[:-1], g.ib_2022)
        for j in range(len(AR)):
            ib[..., j] = forrige
            minimum[..., j] = gjeld.minimumsavdrag(forrige, g.avdragstid[j])
            ub[..., j] = forrige + laneopptak[..., j] - minimum[..., j] - g.ovrige_avdrag[j]
            forrige = ub[..., j]
        renter_inv = renter.renter_av_snittgjeld(ib, ub, effektiv) / f + a.rente_residual
        renteutgifter = renter_inv + startlan_ut + g.videre_utlan_renteutgifter
        # Tabell 8-22: byggelån, VARFS fees, husleie and rentekompensasjon cover fixed shares of
        # the interest on investment loans; the areas' frames get the change of the last three.
        dekning = {k: andel * renter_inv for k, andel in g.rentedekning.items()}
        byggelan = dekning.pop(renter.BYGGELAN)
        dekning_endring = sum(dekning.values()) - a.rentedekning_basis
        renteinntekter = renteinntekter_uten_byggelan + byggelan
        bevilgninger = g.bevilgninger + g.tiltak - dekning_endring
        brutto = ut["sum_frie_disponible_inntekter"] - bevilgninger
        avdrag = (minimum + g.ovrige_avdrag) / f
        netto_fin = renteutgifter + avdrag - renteinntekter - g.utbytte
        ndr = brutto - netto_fin
        if g.disponering != "investering":
            break
        ny = ndr - a.ndr_basis - tkk_endring
        if np.max(np.abs(ny - ekstra_overforing)) < 1e-9:
            ekstra_overforing = ny
            break
        ekstra_overforing = ny

    ut["bevilgninger_drift"] = bevilgninger
    ut["brutto_driftsresultat"] = brutto
    ut.update(laneopptak=laneopptak, lanegjeld_ib=ib, lanegjeld_ub=ub, minimumsavdrag=minimum,
              ovrige_avdrag=g.ovrige_avdrag + 0 * d)
    ut["renteutgifter_investeringslan"] = renter_inv
    ut["renteutgifter"] = renteutgifter
    ut["avdrag"] = avdrag
    ut["renteinntekter"] = renteinntekter
    ut["renteinntekter_likviditet"] = likviditet
    ut["utbytte"] = g.utbytte + 0 * d
    ut["netto_finansutgifter"] = netto_fin
    ut["netto_driftsresultat"] = ndr
    ut["renter_finansiert_av_bykassen"] = renter_inv - byggelan - sum(dekning.values())
    tkk = kraftfond.Disponering(g.tkk_avkastning, g.tkk_driftskostnader, g.tkk_til_investeringer,
                                g.tkk_til_smafond)
    ut.update(tkk_avkastning=tkk.avkastning + 0 * d, tkk_driftskostnader=tkk.driftskostnader + 0 * d,
              tkk_til_investeringer=tkk.til_investeringer + 0 * d, tkk_til_smafond=tkk.til_smafond + 0 * d,
              tkk_til_bufferfond=tkk.til_bufferfond + 0 * d)

    # Dispositions (2022-kroner); the disposisjonsfond balances unless the scenario says otherwise.
    ut["bundne_fond"] = g.bundne_fond + 0 * d
    ut["overfort_til_investering"] = g.overfort_til_investering + ekstra_overforing
    if g.disponering == "udekket":
        # The plan's own disposition stays; only TKK's bufferfond follows TKK's return.
        disp = a.ndr_basis - g.overfort_til_investering - g.bundne_fond + tkk_endring + 0 * d
    else:
        disp = ndr - ut["overfort_til_investering"] - ut["bundne_fond"]
    ut["disposisjonsfond_avsetning"] = disp
    ut["udisponert"] = ndr - ut["overfort_til_investering"] - ut["bundne_fond"] - disp
    # The central fund (without TKK's bufferfond): 2022 from Tabell 8-4 moved by the scenario's
    # change, later years by the disposition of each year (løpende).
    sentral = disp - tkk_endring
    ub_fond = np.zeros(shape)
    forrige = np.full(shape[:-1], g.disposisjonsfond_ub_2022 - a.disposisjonsfond_2022_basis * f[0])
    for j in range(len(AR)):
        forrige = forrige + sentral[..., j] * f[j]
        ub_fond[..., j] = forrige
    ut["disposisjonsfond_ub"] = ub_fond

    # Targets (kap. 8.3), anchored on the published ratios.
    driftsinntekter = g.driftsinntekter + (ut["frie_inntekter"] - a.frie_inntekter_basis) \
        + g.eiendomsskatt_endring + dekning_endring
    ut["driftsinntekter"] = driftsinntekter
    ut["korrigert_netto_driftsresultat_pst"] = handlingsregler.andel(
        ndr - ut["bundne_fond"] + a.kndr_korreksjon, driftsinntekter)
    kapital = a.kapitalutgifter_basis + (ut["renter_finansiert_av_bykassen"] - a.bykasserenter_basis) \
        + (avdrag - a.avdrag_basis)
    ut["kapitalutgifter_pst"] = handlingsregler.andel(kapital, ut["sum_frie_disponible_inntekter"])
    bykasse = np.zeros(shape)
    forrige = np.full(shape[:-1], a.bykassegjeld_ib_2022)
    bykasselan = g.bykassefinansierte_lan - ekstra_overforing * f
    for j in range(len(AR)):
        forrige = forrige + bykasselan[..., j] - (minimum[..., j] + g.ovrige_avdrag[j]) * forrige / ib[..., j]
        bykasse[..., j] = forrige
    ut["bykassefinansiert_gjeld"] = bykasse
    ut["gjeldsgrad_pst"] = handlingsregler.andel(bykasse, driftsinntekter * f)
    ut["disposisjonsfond_pst"] = handlingsregler.andel(ub_fond, driftsinntekter * f * a.fondsnevner)
    return ut


def _tkk_publisert() -> np.ndarray:
    return -_rader("tabell_8_19_tkk_avkastning_og_disponering").loc["avkastning"].to_numpy(dtype=float)


# --- anchors ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ankere:
    """What the base scenario needs from published figures the model cannot derive (2022-kroner
    unless noted). All zero/neutral gives the model's own, unanchored values."""

    rente_residual: np.ndarray  # Tabell 8-21 investeringslån − average debt × average rate
    ndr_basis: np.ndarray
    frie_inntekter_basis: np.ndarray
    kndr_korreksjon: float  # premieavvik and other corrections behind the published 1.5 % (2022)
    kapitalutgifter_basis: np.ndarray  # numerator implied by 7.7/7.5/7.7/8.0 %
    bykasserenter_basis: np.ndarray
    avdrag_basis: np.ndarray
    bykassegjeld_ib_2022: float  # løpende; implied by the published 74 % in 2022
    fondsnevner: float  # «disponible inntekter» / driftsinntekter, implied by the published 4.8 %
    disposisjonsfond_2022_basis: float  # the base scenario's own disposition in 2022 (Tabell 8-4 holds it)
    rentedekning_basis: np.ndarray  # VARFS, husleie and rentekompensasjon in the base scenario

    @classmethod
    def null(cls) -> Ankere:
        z = np.zeros(len(AR))
        return cls(z, z, z, 0.0, z, z, z, 1.0, 1.0, 0.0, z)


@cache
def ankere() -> Ankere:
    """The anchors, computed once from the base scenario and the published figures."""
    g = grunnlag(_basis())
    null = np.zeros(len(AR))
    rå = regn(g, null, Ankere.null())
    publisert_inv = _rad("tabell_8_21_rentekostnader", "renteutgifter_investeringslan")
    residual = publisert_inv - rå["renteutgifter_investeringslan"]
    dekning = sum(andel for k, andel in g.rentedekning.items() if k != renter.BYGGELAN)
    rå = regn(g, null, Ankere(residual, null, rå["frie_inntekter"], 0.0, null, null, null, 1.0, 1.0, 0.0,
                              dekning * publisert_inv))
    di = g.driftsinntekter
    kndr_korr = handlingsregler.implisitt_teller(_teksttall("korrigert_netto_driftsresultat_pst"), di[0]) \
        - (rå["netto_driftsresultat"][0] - rå["bundne_fond"][0])
    kap = np.array([_teksttall("kapitalutgifter_pst", a) for a in AR])
    kapital = handlingsregler.implisitt_teller(kap, rå["sum_frie_disponible_inntekter"])
    # Opening bykassefinansiert debt such that the roll-forward gives the published 74 % in 2022.
    b22 = handlingsregler.implisitt_teller(_teksttall("gjeldsgrad_pst"), di[0] * g.faktor[0])
    avdrag_22 = rå["minimumsavdrag"][0] + g.ovrige_avdrag[0]
    bykasse_ib = (b22 - g.bykassefinansierte_lan[0]) / (1 - avdrag_22 / g.ib_2022)
    nevner = g.disposisjonsfond_ub_2022 / (_teksttall("disposisjonsfond_pst") / 100 * di[0] * g.faktor[0])
    return Ankere(residual, rå["netto_driftsresultat"], rå["frie_inntekter"], float(kndr_korr), kapital,
                  rå["renter_finansiert_av_bykassen"], rå["avdrag"], float(bykasse_ib), float(nevner),
                  float(rå["disposisjonsfond_avsetning"][0]), dekning * publisert_inv)


# --- one scenario ----------------------------------------------------------------------------------

NOKKELTALL = {
    # key: (Norwegian label, unit, price basis)
    "frie_inntekter": ("Frie inntekter (skatt og rammetilskudd)", "mill. kr", "faste_2022"),
    "eiendomsskatt": ("Eiendomsskatt", "mill. kr", "faste_2022"),
    "sum_frie_disponible_inntekter": ("Sum frie disponible inntekter", "mill. kr", "faste_2022"),
    "bevilgninger_drift": ("Sum bevilgninger drift", "mill. kr", "faste_2022"),
    "brutto_driftsresultat": ("Brutto driftsresultat", "mill. kr", "faste_2022"),
    "renteutgifter": ("Renteutgifter", "mill. kr", "faste_2022"),
    "avdrag": ("Avdrag", "mill. kr", "faste_2022"),
    "renteinntekter": ("Renteinntekter", "mill. kr", "faste_2022"),
    "netto_finansutgifter": ("Netto finansutgifter", "mill. kr", "faste_2022"),
    "netto_driftsresultat": ("Netto driftsresultat", "mill. kr", "faste_2022"),
    "overfort_til_investering": ("Overført til investering", "mill. kr", "faste_2022"),
    "disposisjonsfond_avsetning": ("Netto avsetning til disposisjonsfond", "mill. kr", "faste_2022"),
    "udisponert": ("Udisponert (mer-/mindreforbruk)", "mill. kr", "faste_2022"),
    "investeringer": ("Investeringer", "mill. kr", "løpende"),
    "laneopptak": ("Låneopptak", "mill. kr", "løpende"),
    "minimumsavdrag": ("Minimumsavdrag", "mill. kr", "løpende"),
    "ovrige_avdrag": ("Øvrige avdrag", "mill. kr", "løpende"),
    "lanegjeld_ub": ("Lånegjeld til investeringer 31.12.", "mill. kr", "løpende"),
    "disposisjonsfond_ub": ("Disposisjonsfond 31.12.", "mill. kr", "løpende"),
    "korrigert_netto_driftsresultat_pst": ("Korrigert netto driftsresultat", "prosent", "ingen"),
    "gjeldsgrad_pst": ("Gjeldsgrad", "prosent", "ingen"),
    "kapitalutgifter_pst": ("Kapitalutgifter av frie disponible inntekter", "prosent", "ingen"),
    "disposisjonsfond_pst": ("Disposisjonsfond av disponible inntekter", "prosent", "ingen"),
}
MALTALL = ("korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst", "kapitalutgifter_pst",
           "disposisjonsfond_pst")


@dataclass(frozen=True)
class Plan:
    scenario: Scenario
    verdier: dict[str, np.ndarray]  # key → array over 2022-2025

    def serie(self, navn: str) -> pd.Series:
        return pd.Series(self.verdier[navn], index=pd.Index(AR, name="ar"), name=navn)

    def nokkeltall(self) -> pd.DataFrame:
        """The key figures: rows by key, columns 2022-2025, plus label, unit and price basis."""
        ut = pd.DataFrame({a: [float(self.verdier[k][j]) for k in NOKKELTALL] for j, a in enumerate(AR)},
                          index=pd.Index(list(NOKKELTALL), name="nokkel"))
        ut.insert(0, "prisbasis", [v[2] for v in NOKKELTALL.values()])
        ut.insert(0, "enhet", [v[1] for v in NOKKELTALL.values()])
        ut.insert(0, "navn", [v[0] for v in NOKKELTALL.values()])
        return ut

    def malstatus(self) -> pd.DataFrame:
        """Each target per year: value, target band and status."""
        mal = handlingsregler.mal(self.scenario)
        rader = []
        for k in MALTALL:
            for j, a in enumerate(AR):
                v = float(self.verdier[k][j])
                rader.append({"maltall": k, "navn": mal[k].tittel, "ar": a, "verdi": v,
                              "mal": mal[k].beskriv(), "status": mal[k].status(v)})
        return pd.DataFrame(rader)

    def balanse(self) -> pd.DataFrame:
        """The balance check per year (kommuneloven § 14-4 fjerde ledd)."""
        udisp = self.verdier["udisponert"]
        fond = self.verdier["disposisjonsfond_ub"]
        rader = []
        for j, a in enumerate(AR):
            grunner = []
            if abs(udisp[j]) >= 0.05:
                grunner.append(f"{'merforbruk' if udisp[j] < 0 else 'mindreforbruk'} på "
                               f"{format.mill(abs(udisp[j]), 1)} er ikke disponert")
            if fond[j] < 0:
                grunner.append("disposisjonsfondet er brukt opp (negativ saldo)")
            rader.append({"ar": a, "udisponert": float(udisp[j]), "disposisjonsfond_ub": float(fond[j]),
                          "i_balanse": not grunner, "forklaring": "; ".join(grunner) or "i balanse"})
        return pd.DataFrame(rader).set_index("ar")


def beregn(scen: Scenario) -> Plan:
    """The plan 2022-2025 for one scenario."""
    g = grunnlag(scen)
    return Plan(scen, regn(g, _serie(scen, "renteendring"), ankere()))


def nokkeltall(scen: Scenario) -> pd.DataFrame:
    return beregn(scen).nokkeltall()


def diff(scen: Scenario, mot: Scenario | None = None) -> pd.DataFrame:
    """Key figures of ``scen`` minus those of ``mot`` (default: the base scenario), per year."""
    a, b = nokkeltall(scen), nokkeltall(mot or _basis())
    ut = a.copy()
    for aar in AR:
        ut[aar] = a[aar] - b[aar]
    return ut
