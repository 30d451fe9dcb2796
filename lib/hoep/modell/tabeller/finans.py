"""Chapter 8's debt, borrowing and finance tables, and the oversikt over gjeld of chapter 2.

Tabell 8-15 (gjeldsutvikling), 8-16 (låneopptak), 8-17 to 8-23 (finance income and costs, the
cover of interest, avdrag) and 8-25 (the rentebane, an input with the scenario's rate change) from
the model's pass over the plan (:mod:`hoep.modell.kjerne`). Debt and loans are in løpende priser,
8-17 to 8-23 in faste 2022-kroner (the plan's deflator, :mod:`hoep.regler.prisbasis`). Published
sign: income and repayments negative where the table prints them so.
"""

from __future__ import annotations

import numpy as np

from hoep import data
from hoep.modell.budsjett import Budsjett
from hoep.modell.celler import ANKER, DERIVERT, INNDATA, Bygger, Ledd
from hoep.modell.tabeller import hent, tabell
from hoep.regler import renter

AR = data.PLANAR
T815, T816 = "tabell_8_15_gjeldsutvikling", "tabell_8_16_laneopptak"
T817 = "tabell_8_17_finansinntekter_og_utgifter"
T818, T820, T821 = "tabell_8_18_finansinntekter", "tabell_8_20_finansutgifter", "tabell_8_21_rentekostnader"
T822, T823, T825 = ("tabell_8_22_finansiering_av_rentekostnader", "tabell_8_23_avdrag",
                    "tabell_8_25_budsjettert_renteniva")
GJELD = "oversikt_gjeld"
MINIMUM = ("minimumsavdrag = gjeld 1.1. / avdragstid (kommuneloven § 14-18; planens avdragstid 28,19 år fra "
           "Tabell 8-15)")
LANEOPPTAK = ("låneopptak = investeringer − mva-kompensasjon − refusjoner − salg − tilskudd − egenkapital − "
              "kraftfondets realavkastning (Tabell 8-14)")


def _m(nokkel: str, tekst: str = "") -> Ledd:
    """A model quantity as a term."""
    return Ledd(None, nokkel, tekst=tekst)


def _ankerkilde_renter() -> dict[int, str]:
    """Interest on investment loans: 2022 derived (average debt × average rate gives the printed 389);
    2023-2025 anchored (a residual per year, the loan portfolio is not printed)."""
    return {a: DERIVERT if a == AR[0] else ANKER for a in AR}


@tabell(T815)
def gjeldsutvikling(b: Budsjett) -> object:
    t = Bygger(T815)
    ib = b.v("lanegjeld_ib")
    t.rad("lanegjeld_1_1", ib, DERIVERT, "Gjeld 1.1. er gjelden 31.12. året før; 2022 er trykt",
          [Ledd(T815, "lanegjeld_31_12", tekst="året før")], kilde_per_ar={AR[0]: INNDATA})
    t.rad("laneopptak", b.v("laneopptak"), DERIVERT, LANEOPPTAK,
          [Ledd("tabell_8_14_investeringer_og_finansiering", r, 1.0 if r == "investering" else -1.0) for r in
           ("investering", "mva_kompensasjon", "refusjoner", "salgsinntekt", "tilskudd",
            "egenkapital_fra_disposisjonsfondet", "realavkastning_fra_kraftfondet")])
    t.rad("lovpalagte_minimumsavdrag", -b.v("minimumsavdrag"), DERIVERT, MINIMUM,
          [Ledd(T815, "lanegjeld_1_1", -1), _m("avdragstid", "avdragstiden (forutsetning)")])
    t.rad("ovrige_avdrag", -b.v("ovrige_avdrag"), INNDATA, "Planens øvrige avdrag (trykt)")
    t.sum("lanegjeld_31_12", ["lanegjeld_1_1", "laneopptak", "lovpalagte_minimumsavdrag", "ovrige_avdrag"],
          "Gjeld 31.12. = gjeld 1.1. + låneopptak − minimumsavdrag − øvrige avdrag")
    return t.ferdig()


@tabell(T816)
def laneopptak(b: Budsjett) -> object:
    t = Bygger(T816)
    t.rad("investeringslan", b.v("laneopptak"), DERIVERT, LANEOPPTAK, [Ledd(T815, "laneopptak")])
    t.publisert_rad("startlan", "Startlån til videre utlån (trykt)")
    t.sum("sum_laneopptak", ["investeringslan", "startlan"])
    return t.ferdig()


@tabell(T823)
def avdrag(b: Budsjett) -> object:
    t = Bygger(T823)
    f = b.faktor
    t.rad("lovpalagte_minimumsavdrag", b.v("minimumsavdrag") / f, DERIVERT,
          "Minimumsavdraget i Tabell 8-15 i 2022-kroner (delt på deflatorfaktoren, kjedet fra 2022)",
          [Ledd(T815, "lovpalagte_minimumsavdrag", -1)])
    t.rad("ovrige_avdrag", b.v("ovrige_avdrag") / f, DERIVERT,
          "De øvrige avdragene i Tabell 8-15 i 2022-kroner", [Ledd(T815, "ovrige_avdrag", -1)])
    t.sum("sum_avdrag", ["lovpalagte_minimumsavdrag", "ovrige_avdrag"])
    return t.ferdig()


@tabell(T821)
def rentekostnader(b: Budsjett) -> object:
    t = Bygger(T821)
    t.rad("renteutgifter_investeringslan", b.v("renteutgifter_investeringslan"), DERIVERT,
          "Snittgjeld (gjeld 1.1. og 31.12., Tabell 8-15) × gjennomsnittlig rente på investeringslån "
          "(Tabell 8-25), i 2022-kroner; 2023-2025 med en rest per år holdt fra det trykte tallet",
          [Ledd(T815, "lanegjeld_1_1", 0.5), Ledd(T815, "lanegjeld_31_12", 0.5),
           Ledd(T825, "gjennomsnittlig_rente_investeringslan")], ["rente_residual"],
          kilde_per_ar=_ankerkilde_renter())
    t.rad("renteutgifter_startlan", b.v("renteutgifter_startlan"), ANKER,
          "Trykt beløp skalert med den flytende startlånsrenten (Tabell 8-25)",
          [Ledd(T825, "rente_startlan_flytende")])
    t.rad("renteutgifter_videre_utlan", b.v("renteutgifter_videre_utlan"), INNDATA, "Trykt beløp")
    t.sum("sum_renteutgifter", ["renteutgifter_investeringslan", "renteutgifter_startlan",
                                "renteutgifter_videre_utlan"])
    return t.ferdig()


@tabell(T822)
def finansiering_av_rentekostnader(b: Budsjett) -> object:
    t = Bygger(T822)
    t.rad("renteutgifter_investeringslan", b.v("renteutgifter_investeringslan"), DERIVERT,
          "Som i Tabell 8-21", [Ledd(T821, "renteutgifter_investeringslan")], ["rente_residual"],
          kilde_per_ar=_ankerkilde_renter())
    t.rad("byggelansrenter_intern_inntekt", -b.v("renteinntekter_byggelan"), ANKER,
          "Den trykte andelen av renteutgiftene på investeringslån (Tabell 8-22) av planens renter",
          [Ledd(T822, "renteutgifter_investeringslan", -1)])
    for k, hvem in ((renter.VARFS, "VARFS-området (gebyrer)"), (renter.HUSLEIE, "husleie"),
                    ("tilskudd_rentekompensasjon", "rentekompensasjonen")):
        t.rad(k, -b.v(f"dekning_{k}"), ANKER,
              f"Den trykte andelen av renteutgiftene på planens investeringslån som {hvem} dekker, pluss "
              "hele renten på et scenarios endrede eksternfinansierte lån der de betales av gebyrer "
              "eller husleie (kap. 8.7)", [Ledd(T822, "renteutgifter_investeringslan", -1)])
    t.sum("renteutgifter_finansiert_av_bykassen",
          ["renteutgifter_investeringslan", "byggelansrenter_intern_inntekt", renter.VARFS, renter.HUSLEIE,
           "tilskudd_rentekompensasjon"], "Renteutgifter på investeringslån minus det andre dekker")
    return t.ferdig()


@tabell(T818)
def finansinntekter(b: Budsjett) -> object:
    t = Bygger(T818)
    t.rad("nominell_avkastning_tkk", -b.v("tkk_avkastning"), ANKER,
          "Trykt avkastning skalert med forholdet mellom scenarioets og planens avkastning "
          "(kraftfond_avkastning)", [_m("kraftfond_avkastning", "kraftfondets avkastning (forutsetning)")])
    t.rad("renteinntekter_likviditet", -b.v("renteinntekter_likviditet"), DERIVERT,
          "(Likviditet 1 000 + skattetrekkskonto 250 mill. kr, kap. 8.10.1) × rente på bankinnskudd "
          "(Tabell 8-25), i 2022-kroner",
          [Ledd(T825, "rente_bankinnskudd"), _m("likviditet", "likviditeten")])
    t.rad("interne_renteinntekter_byggelan", -b.v("renteinntekter_byggelan"), ANKER, "Som i Tabell 8-22",
          [Ledd(T822, "byggelansrenter_intern_inntekt")])
    t.rad("utbytte_kommunale_selskaper", -b.v("utbytte"), INNDATA, "Trykt (kap. 37)")
    t.rad("renteinntekter_startlan", -b.v("renteinntekter_startlan"), ANKER,
          "Trykt beløp skalert med den flytende startlånsrenten (Tabell 8-25)",
          [Ledd(T825, "rente_startlan_flytende")])
    t.rad("renteinntekter_videre_utlan", -b.v("renteinntekter_videre_utlan"), INNDATA, "Trykt beløp")
    t.sum("sum_finansinntekter", ["nominell_avkastning_tkk", "renteinntekter_likviditet",
                                  "interne_renteinntekter_byggelan", "utbytte_kommunale_selskaper",
                                  "renteinntekter_startlan", "renteinntekter_videre_utlan"])
    return t.ferdig()


@tabell(T820)
def finansutgifter(b: Budsjett) -> object:
    t = Bygger(T820)
    t.rad("renteutgifter", b.v("renteutgifter"), DERIVERT, "Sum renteutgifter i Tabell 8-21",
          [Ledd(T821, "sum_renteutgifter")], ["rente_residual"], kilde_per_ar=_ankerkilde_renter(), blader=3)
    t.rad("avdrag_pa_lan", b.v("avdrag"), DERIVERT, "Sum avdrag i Tabell 8-23", [Ledd(T823, "sum_avdrag")],
          blader=2)
    t.sum("sum_finansutgifter", ["renteutgifter", "avdrag_pa_lan"])
    return t.ferdig()


@tabell(T817)
def finansinntekter_og_utgifter(b: Budsjett) -> object:
    t = Bygger(T817)
    t.rad("finansinntekter", -b.v("renteinntekter") - b.v("utbytte"), DERIVERT,
          "Sum finansinntekter i Tabell 8-18", [Ledd(T818, "sum_finansinntekter")], blader=6)
    t.rad("finansutgifter", b.v("renteutgifter") + b.v("avdrag"), DERIVERT,
          "Sum finansutgifter i Tabell 8-20", [Ledd(T820, "sum_finansutgifter")], ["rente_residual"],
          kilde_per_ar=_ankerkilde_renter(), blader=5)
    t.sum("netto_finansutgifter", ["finansinntekter", "finansutgifter"])
    return t.ferdig()


@tabell(T825)
def renteniva(b: Budsjett) -> object:
    """The rentebane: Tabell 8-25 with the scenario's rate change. Existing fixed-rate loans keep their
    rate; the average on investment loans moves by the floating share
    (:func:`hoep.regler.renter.effektiv_rente`)."""
    t = Bygger(T825)
    d = b.v("renteendring")
    andel = renter.fastrenteandel()
    uendret = ("rente_eksisterende_fastrentelan", "rente_alle_fastrentelan_vektet")
    for rad in t.trykte_rader:
        trykt = np.array([t.trykt(rad, t.plan[a]) for a in AR])
        if rad in uendret:
            t.rad(rad, trykt, INNDATA, "Trykt; eksisterende fastrentelån beholder sin rente")
        elif rad == "gjennomsnittlig_rente_investeringslan":
            t.rad(rad, renter.effektiv_rente(trykt, d, andel), INNDATA,
                  f"Trykt rente + (1 − fastrenteandelen {andel:.2f}) × scenarioets renteendring",
                  [_m("renteendring", "renteendringen (forutsetning)")])
        else:
            t.rad(rad, trykt + d, INNDATA, "Trykt rente + scenarioets renteendring (prosentpoeng)",
                  [_m("renteendring", "renteendringen (forutsetning)")])
    return t.ferdig()


@tabell(GJELD)
def oversikt_gjeld(b: Budsjett) -> object:
    t = Bygger(GJELD)
    t.rad("lan_til_investeringsformal", b.v("lanegjeld_ub"), DERIVERT,
          "Gjeld til investeringsformål 31.12. i Tabell 8-15 (oversikten trykker 10-11 mill. kr lavere "
          "hvert år: registrert avvik)", [Ledd(T815, "lanegjeld_31_12")])
    # Startlån: 2022 printed; later years roll with the year's new startlån less the repayments
    # (bevilgningsoversikten, post 15 and 17).
    bi = hent(b, "bevilgningsoversikt_investering")
    utlan = [bi.rader["videreutlan"].verdier[f"budsjett_{a}"] for a in AR]
    avdrag = [bi.rader["avdrag_pa_lan_til_videreutlan"].verdier[f"budsjett_{a}"] for a in AR]
    startlan = [float(t.trykt("lan_til_videreutlan_startlan", "budsjett_2022"))]
    for j in range(1, len(AR)):
        startlan.append(startlan[-1] + utlan[j] - avdrag[j])
    t.rad("lan_til_videreutlan_startlan", startlan, DERIVERT,
          "Gjeld 31.12. året før + årets startlån (post 15) − avdrag på lånene til videre utlån (post 17); "
          "2022 er trykt", [Ledd(GJELD, "lan_til_videreutlan_startlan", tekst="året før"),
                            Ledd("bevilgningsoversikt_investering", "videreutlan"),
                            Ledd("bevilgningsoversikt_investering", "avdrag_pa_lan_til_videreutlan", -1)],
          kilde_per_ar={AR[0]: INNDATA})
    for rad in ("lan_til_videreutlan_stiftelsen_pirbadet", "lan_til_videreutlan_helseplattformen"):
        t.publisert_rad(rad, "Trykt gjeld til videre utlån 31.12.")
    t.sum("sum_lan", ["lan_til_investeringsformal", "lan_til_videreutlan_startlan",
                      "lan_til_videreutlan_stiftelsen_pirbadet", "lan_til_videreutlan_helseplattformen"])
    return t.ferdig()
