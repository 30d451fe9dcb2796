"""The core of the plan: one pass over 2022-2025 from the inputs to every key figure.

Works on numpy arrays with years on the last axis, so the stress test runs many rate paths at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hoep import data
from hoep.feil import ModellFeil
from hoep.modell.grunnlag import Grunnlag, _rader
from hoep.regler import gjeld, handlingsregler, kraftfond, renter

AR = data.PLANAR
ITERASJONER = 50  # the transfer to investments converges in a handful; more means something is wrong


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
    rentekompensasjon_basis: np.ndarray  # the rentekompensasjon alone

    @classmethod
    def null(cls) -> Ankere:
        z = np.zeros(len(AR))
        return cls(z, z, z, 0.0, z, z, z, 1.0, 1.0, 0.0, z, z)


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
    ut["skatt"] = g.skatt * frie_faktor + 0 * d
    ut["rammetilskudd"] = g.rammetilskudd * frie_faktor + 0 * d
    ut["frie_inntekter"] = ut["skatt"] + ut["rammetilskudd"]
    ut["eiendomsskatt"] = g.eiendomsskatt + g.eiendomsskatt_endring + 0 * d
    ut["andre_generelle_driftsinntekter"] = g.andre_generelle_driftsinntekter + 0 * d
    ut["sum_frie_disponible_inntekter"] = (ut["frie_inntekter"] + ut["eiendomsskatt"]
                                           + g.andre_generelle_driftsinntekter)

    # Investments and financing (løpende).
    ut["investeringer"] = g.investering + 0 * d
    tkk_inv = g.tkk_realavkastning
    ut["tkk_realavkastning_til_investering"] = tkk_inv + 0 * d
    ikke_lan = sum(g.finansiering.values()) + tkk_inv

    # Renteinntekter that do not depend on the debt (2022-kroner).
    likviditet = renter.likviditetsrenter(g.likviditet, r["rente_bankinnskudd"] + d) / f
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
    for _ in range(ITERASJONER):
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
        # Tabell 8-22: byggelån, VARFS fees, husleie and rentekompensasjon cover fixed shares of the
        # interest on the plan's loans; the interest on a scenario's changed eksternfinansierte lån is
        # covered in full by VARFS fees or husleie (kap. 8.7), on bykassefinansierte lån by nobody.
        # The areas' frames get the change of the last three.
        ekstra = {renter.VARFS: _renter_av_endring(g.laneendring_varfs, g.avdragstid, effektiv, f),
                  renter.HUSLEIE: _renter_av_endring(g.laneendring_husleie, g.avdragstid, effektiv, f)}
        bykasse_endring = _renter_av_endring(g.laneendring_bykasse - ekstra_overforing * f, g.avdragstid,
                                             effektiv, f)
        plandel = renter_inv - sum(ekstra.values()) - bykasse_endring
        dekning = {k: andel * plandel + ekstra.get(k, 0.0) for k, andel in g.rentedekning.items()}
        byggelan = dekning.pop(renter.BYGGELAN)
        dekning_endring = sum(dekning.values()) - a.rentedekning_basis
        # VARFS fees and husleie are income in the areas (tekniske, eiendom: the frames); the
        # rentekompensasjon is a state grant among the frie inntekter (Tabell 8-2, 1A).
        rentekomp_endring = dekning[renter.RENTEKOMPENSASJON] - a.rentekompensasjon_basis
        renteinntekter = renteinntekter_uten_byggelan + byggelan
        bevilgninger = g.bevilgninger + g.tiltak - (dekning_endring - rentekomp_endring)
        brutto = ut["sum_frie_disponible_inntekter"] + rentekomp_endring - bevilgninger
        avdrag = (minimum + g.ovrige_avdrag) / f
        netto_fin = renteutgifter + avdrag - renteinntekter - g.utbytte
        ndr = brutto - netto_fin
        if g.disponering != "investering":
            break
        ny = ndr - a.ndr_basis - tkk_endring
        endring = float(np.max(np.abs(ny - ekstra_overforing)))
        ekstra_overforing = ny
        if endring < 1e-9:
            break
    else:
        raise ModellFeil(f"Planen konvergerte ikke: overføringen til investering endret seg fortsatt med "
                         f"{endring:g} mill. kr etter {ITERASJONER} runder.")

    ut["bevilgninger_drift"] = bevilgninger
    ut["andre_generelle_driftsinntekter"] = g.andre_generelle_driftsinntekter + rentekomp_endring
    ut["sum_frie_disponible_inntekter"] = ut["sum_frie_disponible_inntekter"] + rentekomp_endring
    ut["brutto_driftsresultat"] = brutto
    ut.update(laneopptak=laneopptak, lanegjeld_ib=ib, lanegjeld_ub=ub, minimumsavdrag=minimum,
              ovrige_avdrag=g.ovrige_avdrag + 0 * d)
    ut["renteutgifter_investeringslan"] = renter_inv
    ut["renteutgifter"] = renteutgifter
    ut["avdrag"] = avdrag
    ut["renteinntekter"] = renteinntekter
    ut["renteinntekter_likviditet"] = likviditet
    ut["renteinntekter_startlan"] = startlan_inn + 0 * d
    ut["renteutgifter_startlan"] = startlan_ut + 0 * d
    ut["renteinntekter_videre_utlan"] = g.videre_utlan_renteinntekter + 0 * d
    ut["renteutgifter_videre_utlan"] = g.videre_utlan_renteutgifter + 0 * d
    ut["renteinntekter_byggelan"] = byggelan
    for k, v in dekning.items():  # Tabell 8-22: the covered parts of the interest on investment loans
        ut[f"dekning_{k}"] = v
    ut["dekning_endring"] = dekning_endring + 0 * d
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


def _renter_av_endring(laneendring: np.ndarray, avdragstid: np.ndarray, effektiv: np.ndarray,
                       f: np.ndarray) -> np.ndarray:
    """Interest (2022-kroner) on a change of borrowing: its own debt path from zero, repaid with
    minimumsavdrag (kommuneloven § 14-18), at the average rate on investment loans."""
    laneendring = np.asarray(laneendring, dtype=float)
    ib = np.zeros(laneendring.shape)
    ub = np.zeros(laneendring.shape)
    forrige = np.zeros(laneendring.shape[:-1])
    for j in range(len(AR)):
        ib[..., j] = forrige
        ub[..., j] = forrige - gjeld.minimumsavdrag(forrige, avdragstid[j]) + laneendring[..., j]
        forrige = ub[..., j]
    return renter.renter_av_snittgjeld(ib, ub, effektiv) / f


def _tkk_publisert() -> np.ndarray:
    return -_rader("tabell_8_19_tkk_avkastning_og_disponering").loc["avkastning"].to_numpy(dtype=float)
