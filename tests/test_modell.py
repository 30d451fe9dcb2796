"""The budget model (hoep.modell): the base scenario reproduces the document, scenarios propagate.

Published figures live in tests/tilfeller/budsjettmodell.yaml (typed from the document). The
scenario tests check effects against hand calculations from the printed tables, not against the
model's own output.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from conftest import ra_celle
from hoep import data, modell
from hoep.data import avvik
from hoep.feil import ScenarioFeil
from hoep.modell import endringer
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import gjeld, renter

TILFELLEFIL = Path(__file__).parent / "tilfeller" / "budsjettmodell.yaml"
TILFELLER: list[dict] = yaml.safe_load(TILFELLEFIL.read_text(encoding="utf-8"))
SCENARIOER = data.prosjektrot() / "scenarios"
AR = modell.AR


@pytest.fixture(scope="module")
def basis() -> modell.Plan:
    return modell.beregn(grunnscenario())


def _plan(navn: str) -> modell.Plan:
    return modell.beregn(sc.les(SCENARIOER / f"{navn}.yaml"))


def _d(plan: modell.Plan, basis: modell.Plan, nokkel: str) -> np.ndarray:
    """The scenario's change of a key figure against the base scenario, per year."""
    return plan.verdier[nokkel] - basis.verdier[nokkel]


def _skriv(tmp_path: Path, tekst: str) -> Path:
    fil = tmp_path / "scenario.yaml"
    fil.write_text(tekst, encoding="utf-8")
    return fil


# --- the base scenario against the published figures -------------------------------------------

def test_tilfellefilen_er_gyldig():
    felt = {"nokkel", "tabell", "kildelinje", "verdier", "enhet", "prisbasis", "toleranse", "grunnlag"}
    register = {p.id for p in avvik.les()}
    for t in TILFELLER:
        assert set(t) - {"avvik"} == felt, t["nokkel"]
        if "avvik" in t:
            assert t["avvik"]["post"] in register and set(t["avvik"]["ar"]) <= set(t["verdier"])
        grunnlag = (t["grunnlag"] if isinstance(t["grunnlag"], dict)
                    else dict.fromkeys(t["verdier"], t["grunnlag"]))
        assert set(grunnlag) == set(t["verdier"]) and set(grunnlag.values()) <= {"derivert", "anker"}
        assert t["prisbasis"] in ("faste_2022", "løpende", "ingen")
        assert t["nokkel"] in modell.beregn(grunnscenario()).verdier
    nokler = {t["nokkel"] for t in TILFELLER}
    # The figures issue 4 names must all be here.
    assert {"frie_inntekter", "netto_finansutgifter", "renteutgifter", "avdrag", "laneopptak",
            "lanegjeld_ub", "minimumsavdrag", "kapitalutgifter_pst", "disposisjonsfond_ub",
            "tkk_avkastning", "tkk_til_investeringer", "tkk_til_bufferfond"} <= nokler


@pytest.mark.parametrize("tilfelle,ar", [(t, a) for t in TILFELLER for a in t["verdier"]],
                         ids=lambda x: x["nokkel"] if isinstance(x, dict) else str(x))
def test_grunnscenarioet_gjenskaper_dokumentet(basis, tilfelle, ar):
    beregnet = float(basis.verdier[tilfelle["nokkel"]][AR.index(ar)])
    innenfor = abs(beregnet - tilfelle["verdier"][ar]) <= tilfelle["toleranse"]
    registrert = ar in tilfelle.get("avvik", {}).get("ar", [])
    assert innenfor != registrert, (
        f"{tilfelle['tabell']} {ar}: beregnet {beregnet:.2f}, trykt {tilfelle['verdier'][ar]}"
        + (" (registrert avvik som ikke lenger finnes)" if registrert else ""))


def test_budsjettet_er_i_balanse(basis):
    b = basis.balanse()
    assert b["i_balanse"].all()
    assert np.allclose(basis.verdier["udisponert"], 0.0)


def test_frie_inntekter_er_summen_av_skatt_og_rammetilskudd(basis):
    skjema = data.tabell("budsjettskjema_1a")
    for j, ar in enumerate(AR):
        forventet = -(skjema.at["rammetilskudd", f"budsjett_{ar}"]
                      + skjema.at["inntekts_og_formueskatt", f"budsjett_{ar}"])
        assert basis.verdier["frie_inntekter"][j] == forventet


def test_andre_generelle_driftsinntekter_er_budsjettskjemaets_linje(basis):
    for j, ar in enumerate(AR):
        forventet = -ra_celle("budsjettskjema_1a", "andre_generelle_driftsinntekter", f"budsjett_{ar}")
        assert basis.verdier["andre_generelle_driftsinntekter"][j] == forventet
        assert basis.verdier["sum_frie_disponible_inntekter"][j] == pytest.approx(
            basis.verdier["frie_inntekter"][j] + basis.verdier["eiendomsskatt"][j] + forventet)


# --- what is derived and how big the anchors are ----------------------------------------------

def test_avdragstiden_er_dokumentets_28_ar():
    assert gjeld.planens_avdragstid() == pytest.approx(
        data.teksttall("minimum_avdragstid")["verdier"][2022], abs=0.5)


def test_fastrenteandelen_fra_tabell_8_25():
    # 2022: (2,14 − 1,66) / (2,86 − 1,66) = 0,40 as printed.
    assert renter.fastrenteandel(ar=(2022,)) == pytest.approx((2.14 - 1.66) / (2.86 - 1.66))
    assert 0.38 <= renter.fastrenteandel() <= 0.43
    # 2025's weighted fixed rate (3,47) is the outlier the docstring names.
    assert renter.fastrenteandel(ar=(2025,)) < 0.2


def test_renter_investeringslan_2022_er_snittgjeld_ganger_snittrente():
    g15 = data.tabell("tabell_8_15_gjeldsutvikling")
    snitt = (g15.at["lanegjeld_1_1", "budsjett_2022"] + g15.at["lanegjeld_31_12", "budsjett_2022"]) / 2
    assert snitt * 2.14 / 100 == pytest.approx(389, abs=0.5)
    assert abs(modell.ankere().rente_residual[0]) < 0.5


def test_ankrene_er_sma_og_rimelige():
    a = modell.ankere()
    publisert = data.tabell("tabell_8_21_rentekostnader").loc["renteutgifter_investeringslan"]
    for j, ar in enumerate(AR):
        assert abs(a.rente_residual[j]) < 0.03 * publisert[f"budsjett_{ar}"]
    # The premieavvik-type correction behind kndr 1,5 %: positive and below 1 % of driftsinntektene.
    assert 0 < a.kndr_korreksjon < 165
    # Bykassefinansierte lån are a part of all investment debt.
    assert 0.5 * 17525 < a.bykassegjeld_ib_2022 < 17525


def test_gjennomsnittlig_gjeldsgrad_er_om_lag_70(basis):
    snitt = float(np.mean(basis.verdier["gjeldsgrad_pst"]))
    assert snitt == pytest.approx(data.teksttall("gjeldsgrad_pst_snitt")["verdier"][2022], abs=1.0)
    # «Gjeldsgraden faller mot slutten av perioden».
    assert np.all(np.diff(basis.verdier["gjeldsgrad_pst"]) < 0)


def test_gjennomsnittlig_korrigert_netto_driftsresultat(basis):
    snitt = float(np.mean(basis.verdier["korrigert_netto_driftsresultat_pst"]))
    assert snitt == pytest.approx(
        data.teksttall("korrigert_netto_driftsresultat_pst_snitt")["verdier"][2022], abs=0.1)


def test_disposisjonsfondets_andel_i_teksten_spriker_med_budsjettskjemaet(basis):
    """Known contradiction: the text's average (4,3 %) needs a falling fund, but Budsjettskjema
    1A sets aside 85, 150 and 179 mill. kr in 2023-2025, so the fund grows."""
    skjema = data.tabell("budsjettskjema_1a").loc["netto_avsetninger_disposisjonsfond"]
    assert all(skjema[f"budsjett_{a}"] > 0 for a in (2023, 2024, 2025))
    snitt = float(np.mean(basis.verdier["disposisjonsfond_pst"]))
    assert snitt - data.teksttall("disposisjonsfond_pst_snitt")["verdier"][2022] > 1.0


def test_tkk_realavkastning_brukes_aret_etter(basis):
    """Tabell 8-14's «Realavkastning fra kraftfondet» is Tabell 8-19's allocation a year earlier."""
    t14 = data.tabell("tabell_8_14_investeringer_og_finansiering").loc["realavkastning_fra_kraftfondet"]
    brukt = basis.verdier["tkk_realavkastning_til_investering"]
    for j, ar in enumerate(AR):
        assert brukt[j] == pytest.approx(t14[f"budsjett_{ar}"], abs=0.5)


# --- scenarios: effects propagate ----------------------------------------------------------------

def test_rente_pluss_1_slaar_ut_paa_flytende_del(basis):
    plan = _plan("rente_pluss_1")
    g15 = data.tabell("tabell_8_15_gjeldsutvikling")
    snitt = (g15.at["lanegjeld_1_1", "budsjett_2022"] + g15.at["lanegjeld_31_12", "budsjett_2022"]) / 2
    andel_flytende = 1 - renter.fastrenteandel()
    okning = _d(plan, basis, "renteutgifter_investeringslan")[0]
    assert okning == pytest.approx(snitt * andel_flytende * 0.01, rel=1e-4)
    # Liquidity: 1 250 mill. kr × 1 percentage point.
    likv = _d(plan, basis, "renteinntekter_likviditet")[0]
    assert likv == pytest.approx(12.5)
    # Debt is unchanged; the result falls; the capital-cost rule breaks in 2025.
    assert np.allclose(plan.verdier["lanegjeld_ub"], basis.verdier["lanegjeld_ub"])
    assert np.all(plan.verdier["netto_driftsresultat"] < basis.verdier["netto_driftsresultat"])
    assert np.all(plan.verdier["kapitalutgifter_pst"] > basis.verdier["kapitalutgifter_pst"])
    status = plan.malstatus().set_index(["maltall", "ar"])["status"]
    assert status["kapitalutgifter_pst", 2025] == "over målet"
    assert plan.balanse()["i_balanse"].all()


def test_fjernet_tiltak_endrer_rammen_med_tiltakets_belop(basis, tmp_path):
    scen = sc.les(_skriv(tmp_path, "navn: x\ntiltak:\n  fjern: [skole/t10]\n"))
    plan = modell.beregn(scen)
    t = data.tabell("tabell_14_3_tiltak_skole").loc["t10"]
    for j, ar in enumerate(AR):
        assert _d(plan, basis, "bevilgninger_drift")[j] == pytest.approx(-t[f"budsjett_{ar}"])
    # With the default disposition, the disposisjonsfond takes the saving; nothing else moves.
    assert np.allclose(_d(plan, basis, "disposisjonsfond_avsetning"), _d(plan, basis, "netto_driftsresultat"))
    assert np.allclose(plan.verdier["laneopptak"], basis.verdier["laneopptak"])


def test_utsatt_prosjekt_flytter_laan_og_gjeld(basis, tmp_path):
    scen = sc.les(_skriv(tmp_path, "navn: x\ninvesteringer:\n  utsett: {skole/p04: 1}\n"))
    plan = modell.beregn(scen)
    p = data.tabell("tabell_14_4_investeringer_skole").loc["p04"]
    belop = [p[f"budsjett_{a}"] for a in AR]
    f = data.tabell("tabell_14_5_finansiering_skole")
    kol = [c for c in f.columns if c.startswith("budsjett_")]
    rader = ["bykassefinansierte_lan", "egenkapital", "eksternfinansierte_lan", "mva_kompensasjon",
             "refusjoner", "salgsinntekt", "tilskudd"]
    laneandel = (f.loc[["bykassefinansierte_lan", "eksternfinansierte_lan"], kol].to_numpy().sum()
                 / f.loc[rader, kol].to_numpy().sum())
    # Postponed a year, each amount keeps its real value: moved to t + 1 it grows by the deflator, 2.5 %.
    forventet_inv = [-belop[0], 1.025 * belop[0] - belop[1], 1.025 * belop[1] - belop[2],
                     1.025 * belop[2] - belop[3]]
    for j in range(4):
        assert _d(plan, basis, "investeringer")[j] == pytest.approx(forventet_inv[j])
        assert _d(plan, basis, "laneopptak")[j] == pytest.approx(forventet_inv[j] * laneandel)
    # Less borrowed in 2022-2024, more in 2025; debt lower, later minimumsavdrag and interest lower.
    assert plan.verdier["lanegjeld_ub"][2] < basis.verdier["lanegjeld_ub"][2]
    assert plan.verdier["minimumsavdrag"][3] < basis.verdier["minimumsavdrag"][3]
    assert plan.verdier["renteutgifter"][2] < basis.verdier["renteutgifter"][2]
    assert plan.verdier["minimumsavdrag"][0] == basis.verdier["minimumsavdrag"][0]
    # What moves past 2025 (the 2025 amount, in 2026-kroner) leaves the plan: 53.9 · 1.025.
    assert endringer.investeringseffekt(scen.budsjett).at["utenfor_planperioden", 2025] == \
        pytest.approx(belop[3] * 1.025)


def test_alternativt_budsjett_disponerer_til_investering(basis):
    plan = _plan("alternativt_budsjett")
    assert np.allclose(_d(plan, basis, "overfort_til_investering"), _d(plan, basis, "netto_driftsresultat"))
    assert np.allclose(_d(plan, basis, "disposisjonsfond_avsetning"), 0.0)
    assert plan.balanse()["i_balanse"].all()
    assert plan.verdier["lanegjeld_ub"][3] < basis.verdier["lanegjeld_ub"][3]


def test_udekket_disponering_viser_ubalanse(basis, tmp_path):
    scen = sc.les(_skriv(tmp_path, "navn: x\ndisponering: udekket\nforutsetninger:\n  renteendring: 1.0\n"))
    plan = modell.beregn(scen)
    b = plan.balanse()
    assert not b["i_balanse"].any()
    assert b["forklaring"].str.contains("merforbruk").all()
    assert np.all(plan.verdier["udisponert"] < 0)


def test_ubalansen_forklares_med_norsk_belop(tmp_path):
    scen = sc.les(_skriv(tmp_path, "navn: x\ndisponering: udekket\ntiltak:\n  nye:\n    - omrade: skole\n"
                                   "      navn: Test\n      belop: {2022: 12.5}\n"))
    b = modell.beregn(scen).balanse()
    assert b.at[2022, "forklaring"] == "merforbruk på 12,5 mill.\u00a0kr er ikke disponert"
    assert b.loc[[2023, 2024, 2025], "i_balanse"].all()


def test_grunnscenarioet_med_udekket_disponering_er_i_balanse(tmp_path):
    plan = modell.beregn(sc.les(_skriv(tmp_path, "navn: x\ndisponering: udekket\n")))
    assert plan.balanse()["i_balanse"].all()


def test_kraftfondets_avkastning_gaar_til_bufferfondet(basis, tmp_path):
    plan = modell.beregn(sc.les(_skriv(tmp_path, "navn: x\nforutsetninger:\n  kraftfond_avkastning: 4.4\n")))
    okning = _d(plan, basis, "tkk_avkastning")[0]
    assert okning == pytest.approx(253 * (4.4 / 3.4 - 1))
    assert _d(plan, basis, "tkk_til_bufferfond")[0] == pytest.approx(okning)
    assert np.allclose(plan.verdier["disposisjonsfond_ub"], basis.verdier["disposisjonsfond_ub"])


def test_hoyere_frie_inntekter_bedrer_resultatet(basis, tmp_path):
    fil = _skriv(tmp_path, "navn: x\nforutsetninger:\n  frie_inntekter_endring: 1.0\n")
    plan = modell.beregn(sc.les(fil))
    assert plan.verdier["frie_inntekter"][0] == pytest.approx(11614 * 1.01)
    assert _d(plan, basis, "netto_driftsresultat")[0] == pytest.approx(116.14)


def test_vektorisert_kjoring_er_lik_skalar():
    g = modell.grunnlag(grunnscenario())
    a = modell.ankere()
    baner = np.array([[0.0] * 4, [1.0] * 4, [0.5, 1.0, 1.5, 2.0], [-0.5] * 4])
    samlet = modell.regn(g, baner, a)
    for i, bane in enumerate(baner):
        en = modell.regn(g, bane, a)
        for k in ("netto_driftsresultat", "lanegjeld_ub", "kapitalutgifter_pst", "gjeldsgrad_pst"):
            assert np.allclose(samlet[k][i], en[k]), k


# --- expected key figures of the example scenarios (Tax-Calculator style) ----------------------

FORVENTET = yaml.safe_load((Path(__file__).parent / "tilfeller" / "scenarioer.yaml").read_text("utf-8"))


@pytest.mark.parametrize("navn", sorted(FORVENTET["scenarioer"]))
def test_eksempelscenarioenes_nokkeltall(navn):
    plan = _plan(navn)
    forventet = FORVENTET["scenarioer"][navn]
    assert set(forventet) == set(FORVENTET["nokler"])
    for nokkel, verdier in forventet.items():
        for ar, v in verdier.items():
            assert plan.verdier[nokkel][AR.index(ar)] == pytest.approx(v, abs=FORVENTET["toleranse"]), \
                f"{navn} {nokkel} {ar}"


# --- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tekst,bit", [
    ("tiltak:\n  fjern: [skole/t99]\n", "ukjent tiltak «skole/t99»"),
    ("tiltak:\n  fjern: [t10]\n", "omrade/tNN"),
    ("tiltak:\n  slett: [skole/t10]\n", "«tiltak.slett»"),
    ("tiltak:\n  skaler: {skole/t10: -1}\n", "«tiltak.skaler.skole/t10»"),
    ("tiltak:\n  nye: [{omrade: skole, navn: X, belop: {2026: 5}}]\n", "2022, 2023, 2024 og 2025"),
    ("tiltak:\n  nye: [{omrade: skolen, navn: X, belop: {2022: 5}}]\n", "ukjent tjenesteområde «skolen»"),
    ("tiltak:\n  nye: [{omrade: skole, navn: X, belop: {2022: fem}}]\n", "må være et tall"),
    ("investeringer:\n  utsett: {skole/p99: 1}\n", "ukjent prosjekt «skole/p99»"),
    ("investeringer:\n  utsett: {skole/p04: 0}\n", "heltall 1-3"),
    ("investeringer:\n  utsett: {skole/p04: 1}\n  kutt: [skole/p04]\n", "både utsatt og kuttet"),
    ("investeringer:\n  nye: [{gruppe: skole, navn: X, belop: {2023: 10}, finansiering: "
     "{bykassefinansierte_lan: 0.5}}]\n", "summere til 1"),
    ("disponering: fondet\n", "«disponering» må være en av"),
    ("forutsetninger:\n  renteendring: 12\n", "utenfor det tillatte området"),
    ("forutsetninger:\n  renteendring: {2027: 1.0}\n", "ikke et år i 2022-2025"),
    ("forutsetninger:\n  renteendring: 'en'\n", "må være et tall"),
])
def test_ugyldige_scenarioer(tmp_path, tekst, bit):
    fil = _skriv(tmp_path, "navn: x\n" + tekst)
    with pytest.raises(ScenarioFeil) as e:
        sc.les(fil)
    assert str(fil) in str(e.value)
    assert bit in str(e.value)


def test_nytt_prosjekt_bruker_gruppens_finansiering(tmp_path):
    scen = sc.les(_skriv(tmp_path, "navn: x\ninvesteringer:\n  nye: [{gruppe: vann, navn: Ny ledning, "
                                   "belop: {2023: 100}}]\n"))
    effekt = endringer.investeringseffekt(scen.budsjett)
    andeler = endringer.finansieringsandeler("vann")
    assert effekt.at["investering", 2023] == 100
    ekstern = effekt.at["eksternfinansierte_lan", 2023]
    assert ekstern == pytest.approx(100 * andeler["eksternfinansierte_lan"])
    # Water is fee-financed: its loans are external, not bykassefinansierte.
    assert andeler["eksternfinansierte_lan"] > 0.5


def test_eiendomsskatt_4_promille_gir_merinntekt_fra_2023(basis):
    plan = _plan("eiendomsskatt_4_promille")
    okning = _d(plan, basis, "eiendomsskatt")
    assert okning[0] == 0.0
    # A rate change scales the bolig and fritid revenue: +25 % (4 / 3,2 − 1) of that part of 1A's
    # 840 mill. kr in 2023, which is most but not all of it (Tabell 10-4: bolig 2 581 kr per innbygger).
    bolig_og_fritid = okning[1] / (4.0 / 3.2 - 1)
    assert 0.6 * 840 < bolig_og_fritid < 0.9 * 840
    assert np.allclose(_d(plan, basis, "netto_driftsresultat"), okning)
    assert np.allclose(_d(plan, basis, "disposisjonsfond_avsetning"), okning)
    assert np.all(_d(plan, basis, "kapitalutgifter_pst")[1:] < 0)
    assert plan.balanse()["i_balanse"].all()


# --- a scenario's own repayment time (kommuneloven § 14-18) ------------------------------------

def test_grunnscenarioet_bruker_avdragstiden_fra_tabell_8_15():
    # Hand calculation from Tabell 8-15: (17 525 + 18 870 + 19 088 + 19 371) / (622 + 669 + 677 + 687)
    ib = sum(ra_celle("tabell_8_15_gjeldsutvikling", "lanegjeld_1_1", f"budsjett_{a}") for a in AR)
    minimum = -sum(ra_celle("tabell_8_15_gjeldsutvikling", "lovpalagte_minimumsavdrag", f"budsjett_{a}")
                   for a in AR)
    assert (ib, minimum) == (74854, 2655)
    assert grunnscenario().verdi("avdragstid", 2022) == round(ib / minimum, 4) == 28.1936
    assert gjeld.planens_avdragstid() == pytest.approx(ib / minimum)
    g = modell.grunnlag(grunnscenario())
    assert list(g.avdragstid) == [28.1936] * len(AR)  # the dated assumption, read for every year


def test_kortere_avdragstid_gir_storre_minimumsavdrag(basis, tmp_path):
    plan = modell.beregn(sc.les(_skriv(tmp_path, "navn: x\nforutsetninger:\n  avdragstid: 20\n")))
    ib_2022 = ra_celle("tabell_8_15_gjeldsutvikling", "lanegjeld_1_1", "budsjett_2022")
    assert plan.verdier["minimumsavdrag"][0] == pytest.approx(ib_2022 / 20)
    assert np.allclose(plan.verdier["minimumsavdrag"], plan.verdier["lanegjeld_ib"] / 20)
    assert np.all(plan.verdier["lanegjeld_ub"] < basis.verdier["lanegjeld_ub"])
    assert np.all(plan.verdier["kapitalutgifter_pst"] > basis.verdier["kapitalutgifter_pst"])


def test_avdragstid_fra_et_senere_aar(basis, tmp_path):
    plan = modell.beregn(sc.les(_skriv(tmp_path, "navn: x\nforutsetninger:\n  avdragstid: {2024: 20}\n")))
    assert np.allclose(plan.verdier["minimumsavdrag"][:2], basis.verdier["minimumsavdrag"][:2])
    assert np.allclose(plan.verdier["minimumsavdrag"][2:], plan.verdier["lanegjeld_ib"][2:] / 20)


def test_lengre_avdragstid_enn_loven_tillater_avvises(tmp_path):
    # Past the plan's repayment time, the longest the law allows as the plan reads § 14-18: refused
    # when the file is read, before anything is computed.
    fil = _skriv(tmp_path, "navn: x\nforutsetninger:\n  avdragstid: {2024: 30}\n")
    with pytest.raises(ScenarioFeil) as feil:
        sc.les(fil)
    assert str(feil.value).startswith(f"{fil}: «forutsetninger.avdragstid» (2024) = 30 er utenfor")
    assert "kommuneloven § 14-18" in str(feil.value) and "1–28,1936 år" in str(feil.value)


def test_planen_som_ikke_konvergerer_gir_en_norsk_feil(monkeypatch):
    """With disponering «investering» the transfer is iterated to a fixed point; if it never settles
    the model says so instead of returning the last guess."""
    from hoep.feil import ModellFeil
    from hoep.modell import kjerne

    monkeypatch.setattr(kjerne, "ITERASJONER", 1)
    scen = sc.fra_oppslag({"navn": "x", "disponering": "investering",
                           "forutsetninger": {"renteendring": 1.0}})
    with pytest.raises(ModellFeil, match="konvergerte ikke"):
        modell.beregn(scen)


def test_renter_paa_et_bykassefinansiert_prosjekt_deles_ikke_med_andre(basis):
    """Cutting skole/p04 (financed by bykassefinansierte lån and mva, Tabell 14-5) saves interest that
    the bykasse alone paid: the VARFS, husleie and rentekompensasjon cover of Tabell 8-22 stay put,
    and the frames do not move (kap. 8.7)."""
    plan = modell.beregn(sc.fra_oppslag({"navn": "x", "investeringer": {"kutt": ["skole/p04"]}}))
    spart = basis.verdier["renteutgifter_investeringslan"] - plan.verdier["renteutgifter_investeringslan"]
    assert np.all(spart[1:] > 0.1)
    for k in ("renteutgifter_dekket_av_varfs", "renteutgifter_dekket_av_husleie",
              "tilskudd_rentekompensasjon"):
        assert np.allclose(plan.verdier[f"dekning_{k}"], basis.verdier[f"dekning_{k}"]), k
    assert np.allclose(plan.verdier["bevilgninger_drift"], basis.verdier["bevilgninger_drift"])
    # The whole saving reaches the interest the bykasse finances.
    assert plan.verdier["renter_finansiert_av_bykassen"] == pytest.approx(
        basis.verdier["renter_finansiert_av_bykassen"] - spart)
    # Hand calculation for 2023: the 2022 loan falls by 11.0 × the bykasse share (Tabell 14-4, 14-5),
    # repaid by 1/28.1936 in 2023, and 2023's own 74.8 × the share is not borrowed either; the average
    # debt falls by (ΔUB22 + ΔUB23) / 2, at the average rate on investment loans (2.44 %, Tabell 8-25),
    # converted to 2022-kroner.
    f = data.tabell("tabell_14_5_finansiering_skole")
    kol = [f"budsjett_{a}" for a in AR]
    andel = f.loc["bykassefinansierte_lan", kol].sum() / f.loc[f.index != "sluttsum", kol].to_numpy().sum()
    p = data.tabell("tabell_14_4_investeringer_skole").loc["p04"]
    ub22 = p["budsjett_2022"] * andel
    ub23 = ub22 * (1 - 1 / 28.1936) + p["budsjett_2023"] * andel
    rente = data.tabell("tabell_8_25_budsjettert_renteniva").at["gjennomsnittlig_rente_investeringslan",
                                                                "budsjett_2023"]
    assert spart[1] == pytest.approx((ub22 + ub23) / 2 * rente / 100 / 1.025, rel=1e-9)


def test_renter_paa_et_vannprosjekt_dekkes_av_varfs(basis):
    """A water project's eksternfinansierte lån are paid by the VARFS fees: cutting one lowers the
    VARFS cover by the interest saved, and the bykasse's own interest does not move."""
    plan = modell.beregn(sc.fra_oppslag({"navn": "x", "investeringer": {"kutt": ["vann/p02"]}}))
    spart = basis.verdier["renteutgifter_investeringslan"] - plan.verdier["renteutgifter_investeringslan"]
    assert np.all(spart[1:] > 0)
    nokkel = "dekning_renteutgifter_dekket_av_varfs"
    assert basis.verdier[nokkel] - plan.verdier[nokkel] == pytest.approx(spart, rel=1e-9, abs=1e-9)
    assert np.allclose(plan.verdier["renter_finansiert_av_bykassen"],
                       basis.verdier["renter_finansiert_av_bykassen"])
