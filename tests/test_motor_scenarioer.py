"""Scenarios reach every table, by exactly their amounts, and every statement keeps its identities.

Three kinds of proof (issue 14, point 3):

- hand calculations from the printed tables: a tiltak removed, a project postponed, a rate path;
  each expected value is computed here from the printed inputs (the tiltak's row, the project's
  row and its area's financing table, Tabell 8-15 and 8-25) and the rules as the document states
  them, never from the engine;
- the identities of the document (``data/kontroller.yaml``: every sum and every cross-table
  equality among the computed tables) keep the residual they have for the proposal in every
  generated scenario: a scenario moves both sides of an identity by the same amount;
- the statements' own closing identities (1A and økonomisk oversikt from frie inntekter to
  fremført, the investment statement's balance, the debt roll-forward, the Rammer tables), on
  generated scenarios.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from hoep import data
from hoep.data import kontroller as kmod
from hoep.modell import motor
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario

AR = list(data.PLANAR)
KOL = [f"budsjett_{a}" for a in AR]
DEFLATOR = 1.025  # the plan's deflator, 2,5 % (source line 5751)


def verdier(t, rad: str) -> np.ndarray:
    return np.array([t.rader[rad].verdier[k] for k in KOL])


def trykt(tabell_id: str, rad: str) -> np.ndarray:
    return data.tabell(tabell_id).loc[rad, KOL].to_numpy(dtype=float)


def scenario(navn: str, **innhold) -> sc.Scenario:
    return sc.fra_oppslag({"navn": navn, **innhold}, f"{navn}.yaml")


@pytest.fixture(scope="module")
def grunn():
    return motor.tabeller(grunnscenario())


def endring(tabeller, grunn, tabell_id: str, rad: str) -> np.ndarray:
    return verdier(tabeller[tabell_id], rad) - verdier(grunn[tabell_id], rad)


# --- a tiltak removed: exactly its amounts, all the way to the disposition ------------------------


@pytest.mark.parametrize("disponering", ["disposisjonsfond", "udekket"])
def test_fjernet_tiltak_flytter_alle_tabeller_med_noyaktig_belopet(grunn, disponering):
    x = trykt("tabell_14_3_tiltak_skole", "t10")  # Ekstra naturfagtime, faste 2022-kroner
    assert np.abs(x).sum() > 0
    t = motor.tabeller(scenario("uten_t10", tiltak={"fjern": ["skole/t10"]}, disponering=disponering))

    def d(tabell_id, rad):
        return endring(t, grunn, tabell_id, rad)

    assert verdier(t["tabell_14_3_tiltak_skole"], "t10") == pytest.approx(np.zeros(4))
    for tabell_id, rad in [("tabell_14_3_tiltak_skole", "sluttsum"),
                           ("tabell_14_2_budsjettramme_skole", "reell_rammeendring"),
                           ("tabell_14_2_budsjettramme_skole", "forslag_til_netto_driftsramme"),
                           ("ramme_skole", "driftsutgifter"), ("ramme_skole", "netto_resultat"),
                           ("tabell_8_7_driftsramme_oppvekst_utdanning", "ny_rammeendring"),
                           ("tabell_8_7_driftsramme_oppvekst_utdanning", "sum"),
                           ("bevilgningsoversikt_drift_punkt6", "skole"),
                           ("bevilgningsoversikt_drift_punkt6", "sum_fordelt_til_drift"),
                           ("budsjettskjema_1a", "sum_bevilgning_drift_netto"),
                           ("budsjettskjema_1a", "brutto_driftsresultat"),
                           ("budsjettskjema_1a", "netto_driftsresultat"),
                           ("okonomisk_oversikt_drift", "sum_driftsutgifter"),
                           ("okonomisk_oversikt_drift", "netto_driftsresultat")]:
        assert d(tabell_id, rad) == pytest.approx(-x, abs=1e-9), (tabell_id, rad)
    # Nothing else in the frames, the investments or the finance lines moves.
    assert d("ramme_barnehage", "netto_resultat") == pytest.approx(np.zeros(4))
    assert d("budsjettskjema_1a", "renteutgifter") == pytest.approx(np.zeros(4))
    assert d("tabell_8_15_gjeldsutvikling", "lanegjeld_31_12") == pytest.approx(np.zeros(4))
    if disponering == "disposisjonsfond":
        assert d("budsjettskjema_1a", "netto_avsetninger_disposisjonsfond") == pytest.approx(x, abs=1e-9)
        assert verdier(t["budsjettskjema_1a"], "fremfort_til_inndekning") == pytest.approx(np.zeros(4))
        assert not any("IKKE I BALANSE" in m for tt in t.values() for m in tt.merknader)
    else:
        # Undisposed: the saving is carried forward as mindreforbruk, and every table says so.
        assert d("budsjettskjema_1a", "netto_avsetninger_disposisjonsfond") == pytest.approx(np.zeros(4))
        assert verdier(t["budsjettskjema_1a"], "fremfort_til_inndekning") == pytest.approx(-x, abs=1e-9)
        for tid, tt in t.items():
            assert any(m.startswith("IKKE I BALANSE 2022") for m in tt.merknader), tid


def test_skalert_tiltak_flytter_med_sin_andel(grunn):
    x = trykt("tabell_20_3_tiltak_helse_og_omsorgstjenester", "t05")
    t = motor.tabeller(scenario("halv", tiltak={"skaler": {"helse_og_omsorgstjenester/t05": 0.5}}))
    for tabell_id, rad in [("tabell_20_3_tiltak_helse_og_omsorgstjenester", "t05"),
                           ("ramme_helse_og_omsorgstjenester", "netto_resultat"),
                           ("bevilgningsoversikt_drift_punkt6", "sum_fordelt_til_drift"),
                           ("tabell_8_8_driftsramme_helse_velferd", "sum")]:
        assert endring(t, grunn, tabell_id, rad) == pytest.approx(-0.5 * x, abs=1e-9), (tabell_id, rad)


# --- a project postponed: investments, financing, loans, debt, avdrag and interest ----------------


def test_utsatt_prosjekt_gjennom_investering_finansiering_lan_gjeld_og_renter(grunn):
    """Stabbursmoen skole (Tabell 14-4, p04) one year later, by hand from the printed tables."""
    v = trykt("tabell_14_4_investeringer_skole", "p04")
    ny = np.array([0.0, v[0] * DEFLATOR, v[1] * DEFLATOR, v[2] * DEFLATOR])  # keeps its real value
    dinv = ny - v
    fin = data.tabell("tabell_14_5_finansiering_skole")
    total = fin.loc["sluttsum", KOL].sum()
    andel = {k: fin.loc[k, KOL].sum() / total for k in ("bykassefinansierte_lan", "mva_kompensasjon")}
    assert andel["bykassefinansierte_lan"] + andel["mva_kompensasjon"] == pytest.approx(1, abs=1e-3)
    g15 = data.tabell("tabell_8_15_gjeldsutvikling")
    avdragstid = g15.loc["lanegjeld_1_1", KOL].sum() / -g15.loc["lovpalagte_minimumsavdrag", KOL].sum()
    snittrente = trykt("tabell_8_25_budsjettert_renteniva", "gjennomsnittlig_rente_investeringslan")
    f = DEFLATOR ** np.arange(4)
    dlan = dinv * andel["bykassefinansierte_lan"]
    dib, dub, dmin = np.zeros(4), np.zeros(4), np.zeros(4)
    for j in range(4):
        dib[j] = dub[j - 1] if j else 0.0
        dmin[j] = dib[j] / avdragstid
        dub[j] = dib[j] + dlan[j] - dmin[j]
    drenter = (dib + dub) / 2 * snittrente / 100 / f  # 2022-kroner

    t = motor.tabeller(scenario("utsatt", investeringer={"utsett": {"skole/p04": 1}}))

    def d(tabell_id, rad):
        return endring(t, grunn, tabell_id, rad)

    assert verdier(t["tabell_14_4_investeringer_skole"], "p04") == pytest.approx(ny, abs=1e-9)
    for tabell_id, rad, forventet in [
        ("tabell_14_4_investeringer_skole", "sluttsum", dinv),
        ("tabell_14_5_finansiering_skole", "bykassefinansierte_lan", dinv * andel["bykassefinansierte_lan"]),
        ("tabell_14_5_finansiering_skole", "mva_kompensasjon", dinv * andel["mva_kompensasjon"]),
        ("bevilgningsoversikt_investering_punkt1", "skole", dinv),
        ("tabell_8_13_investeringer", "sum_investeringer", dinv),
        ("investeringer_og_finansiering_2022_2025", "skole", dinv),
        ("tabell_8_14_investeringer_og_finansiering", "investering", dinv),
        ("tabell_8_14_investeringer_og_finansiering", "bykassefinansierte_lan", dlan),
        ("tabell_8_14_investeringer_og_finansiering", "mva_kompensasjon", dinv * andel["mva_kompensasjon"]),
        ("bevilgningsoversikt_investering", "investeringer_i_varige_driftsmidler", dinv),
        ("bevilgningsoversikt_investering", "bruk_av_lan", -dlan),
        ("tabell_8_15_gjeldsutvikling", "laneopptak", dlan),
        ("tabell_8_16_laneopptak", "investeringslan", dlan),
        ("tabell_8_15_gjeldsutvikling", "lanegjeld_1_1", dib),
        ("tabell_8_15_gjeldsutvikling", "lovpalagte_minimumsavdrag", -dmin),
        ("tabell_8_15_gjeldsutvikling", "lanegjeld_31_12", dub),
        ("oversikt_gjeld", "lan_til_investeringsformal", dub),
        ("tabell_8_23_avdrag", "lovpalagte_minimumsavdrag", dmin / f),
        ("tabell_8_21_rentekostnader", "renteutgifter_investeringslan", drenter),
        # bykasse loans: the saving is the bykasse's own, nobody's cover changes (kap. 8.7)
        ("tabell_8_22_finansiering_av_rentekostnader", "renteutgifter_finansiert_av_bykassen", drenter),
        ("tabell_8_22_finansiering_av_rentekostnader", "renteutgifter_dekket_av_varfs", np.zeros(4)),
        ("tabell_8_22_finansiering_av_rentekostnader", "renteutgifter_dekket_av_husleie", np.zeros(4)),
        ("budsjettskjema_1a", "renteutgifter", drenter),
        ("budsjettskjema_1a", "avdrag_pa_lan", dmin / f),
        ("budsjettskjema_1a", "netto_driftsresultat", drenter + dmin / f),
    ]:
        assert d(tabell_id, rad) == pytest.approx(forventet, abs=1e-6), (tabell_id, rad)
    assert dlan[0] < 0 and dub[-1] != 0  # the test moves something in every year it claims to
    assert verdier(t["bevilgningsoversikt_investering"], "fremfort_til_inndekking_udekket") == \
        pytest.approx(np.zeros(4), abs=1e-9)


# --- a rate path ----------------------------------------------------------------------------------


def test_rentebane_flytter_8_25_til_8_22_og_1a(grunn):
    """One percentage point on every rate: 8-25 comes back with the override (existing fixed-rate loans
    keep theirs); interest on investment loans rises by the floating share of the average debt."""
    t = motor.tabeller(scenario("rente", forutsetninger={"renteendring": 1.0}))
    bane = data.tabell("tabell_8_25_budsjettert_renteniva")
    flyt = bane.loc["flytende_rente_nye_investeringslan", KOL[:3]].to_numpy(dtype=float)
    snitt = bane.loc["gjennomsnittlig_rente_investeringslan", KOL[:3]].to_numpy(dtype=float)
    fast = bane.loc["rente_alle_fastrentelan_vektet", KOL[:3]].to_numpy(dtype=float)
    # average = share × fixed + (1 − share) × floating; 2025's weighted fixed rate lies outside the
    # rates it is weighted from, so the share is read from 2022-2024
    andel_fast = float(np.mean((snitt - flyt) / (fast - flyt)))
    assert 0.3 < andel_fast < 0.5
    for rad in bane.index:
        forventet = (0.0 if rad in ("rente_eksisterende_fastrentelan", "rente_alle_fastrentelan_vektet")
                     else 1 - andel_fast if rad == "gjennomsnittlig_rente_investeringslan" else 1.0)
        assert endring(t, grunn, "tabell_8_25_budsjettert_renteniva", rad) == \
            pytest.approx(np.full(4, forventet), abs=1e-9), rad
    g = t["tabell_8_15_gjeldsutvikling"]
    snittgjeld = (verdier(g, "lanegjeld_1_1") + verdier(g, "lanegjeld_31_12")) / 2
    assert endring(t, grunn, "tabell_8_15_gjeldsutvikling", "lanegjeld_31_12") == pytest.approx(np.zeros(4))
    forventet = snittgjeld * (1 - andel_fast) * 0.01 / DEFLATOR ** np.arange(4)
    assert endring(t, grunn, "tabell_8_21_rentekostnader", "renteutgifter_investeringslan") == \
        pytest.approx(forventet, abs=1e-6)
    for tabell_id, rad in [("tabell_8_20_finansutgifter", "renteutgifter"),
                           ("tabell_8_22_finansiering_av_rentekostnader", "renteutgifter_dekket_av_varfs"),
                           ("tabell_8_18_finansinntekter", "sum_finansinntekter"),
                           ("budsjettskjema_1a", "renteutgifter"), ("budsjettskjema_1a", "renteinntekter"),
                           ("budsjettskjema_1a", "netto_driftsresultat")]:
        assert np.all(np.abs(endring(t, grunn, tabell_id, rad)) > 0.5), (tabell_id, rad)
    assert verdier(t["budsjettskjema_1a"], "fremfort_til_inndekning") == pytest.approx(np.zeros(4), abs=1e-9)


# --- generated scenarios --------------------------------------------------------------------------


def _generer(nr: int) -> dict:
    """A scenario drawn from the catalogue of tiltak and projects (deterministic per ``nr``)."""
    rng = random.Random(1000 + nr)
    tiltak = sorted(data.tiltaksliste().index)
    prosjekter = sorted(data.prosjektliste().index)
    omrader = sorted(data.tiltaksliste()["omrade"].unique())
    grupper = sorted(data.prosjektliste()["gruppe"].unique())
    valgte_t = rng.sample(tiltak, rng.randint(0, 6))
    valgte_p = rng.sample(prosjekter, rng.randint(0, 6))
    k = len(valgte_t) // 2
    m = len(valgte_p) // 3
    innhold: dict = {
        "tiltak": {
            "fjern": valgte_t[:k],
            "skaler": {t: round(rng.uniform(0, 2), 2) for t in valgte_t[k:]},
            "nye": [{"omrade": rng.choice(omrader), "navn": f"Nytt tiltak {i}",
                     "belop": {a: round(rng.uniform(-15, 25), 1) for a in AR if rng.random() < 0.8}}
                    for i in range(rng.randint(0, 2))],
        },
        "investeringer": {
            "utsett": {p: rng.randint(1, 3) for p in valgte_p[:m]},
            "kutt": valgte_p[m:2 * m],
            "skaler": {p: round(rng.uniform(0.2, 1.8), 2) for p in valgte_p[2 * m:]},
            "nye": [{"gruppe": rng.choice(grupper), "navn": f"Nytt prosjekt {i}",
                     "belop": {a: round(rng.uniform(0, 80), 1) for a in AR if rng.random() < 0.6},
                     **({"finansiering": {"bykassefinansierte_lan": 0.5, "eksternfinansierte_lan": 0.2,
                                          "mva_kompensasjon": 0.2, "egenkapital": 0.1}}
                        if rng.random() < 0.5 else {})}
                    for i in range(rng.randint(0, 2))],
        },
        "forutsetninger": {"renteendring": round(rng.uniform(-1, 3), 2),
                           "frie_inntekter_endring": round(rng.uniform(-2, 2), 2)},
        "disponering": rng.choice(["disposisjonsfond", "investering", "udekket"]),
    }
    return innhold


GENERERTE = range(12)


@pytest.fixture(scope="module")
def identiteter():
    """The document's checks among computed tables that are identities (no registered contradiction),
    with their residual for the proposal."""
    def gjelder(k):
        refs = [k.tabell, k.sum.tabell, *(x.tabell for x in k.ledd), *((x.tabell for x in k.mellom)
                                                                     if k.mellom else ())]
        return all(motor.beregnes(r) for r in refs if r) and not k.avvik and not k.mellom

    kontroller = [k for k in kmod.les() if gjelder(k)]
    assert len(kontroller) > 400
    return kontroller, _rester(kontroller, motor.tabeller(grunnscenario()))


def _balansekontroll(k) -> bool:
    """A check that the result is disposed (sum disponering = − netto driftsresultat, fremført = 0)."""
    navn = {k.sum.navn, *(x.navn for x in k.ledd)}
    return k.id == "kryss_rammer_balanse" or bool(
        navn & {"sum_disponering", "fremfort_til_inndekning", "fremfort_til_inndekking_udekket"})


def _rester(kontroller, tabeller) -> dict:
    tb = kmod.Tabeller({tid: t.som_dataframe() for tid, t in tabeller.items()})
    return {(k.id, r.celle): r.publisert - r.beregnet for k in kontroller for r in kmod.evaluer(k, tb)}


@pytest.fixture(scope="module", params=GENERERTE, ids=lambda n: f"generert{n}")
def generert(request):
    innhold = _generer(request.param)
    scen = scenario(f"generert{request.param}", **innhold)
    b = motor.budsjett(scen)
    return innhold, b, motor.tabeller(b)


def test_dokumentets_identiteter_holder_i_genererte_scenarioer(identiteter, generert):
    kontroller, grunnrest = identiteter
    innhold, _, tabeller = generert
    if innhold["disponering"] == "udekket":  # leaves the result undisposed: no longer balanced
        kontroller = [k for k in kontroller if not _balansekontroll(k)]
    # A table that gains rows (a new tiltak or project) is checked by its own sum below, not by the
    # document's list of printed rows.
    utvidet = {tid for tid, t in tabeller.items() if set(t.rader) - set(data.tabell(tid).index)}
    rest = _rester([k for k in kontroller if k.tabell not in utvidet and k.sum.tabell not in utvidet
                    and not any(x.tabell in utvidet for x in k.ledd)], tabeller)
    assert len(rest) > 1500
    avvik = {n: (grunnrest[n], r) for n, r in rest.items() if abs(r - grunnrest[n]) > 1e-6}
    assert not avvik, f"identiteter som scenarioet forskyver: {avvik}"


def test_oppstillingene_lukker_i_genererte_scenarioer(generert):
    innhold, b, t = generert
    for tid in ("budsjettskjema_1a", "okonomisk_oversikt_drift"):
        s = t[tid]
        ndr = verdier(s, "netto_driftsresultat")
        assert verdier(s, "fremfort_til_inndekning") == pytest.approx(ndr + verdier(s, "sum_disponering"),
                                                                       abs=1e-6)
    a1 = t["budsjettskjema_1a"]
    assert verdier(a1, "netto_driftsresultat") == pytest.approx(
        verdier(t["okonomisk_oversikt_drift"], "netto_driftsresultat"), abs=1e-6)
    assert verdier(a1, "sum_bevilgning_drift_netto") == pytest.approx(
        verdier(t["bevilgningsoversikt_drift_punkt6"], "sum_fordelt_til_drift"))
    fremfort = verdier(a1, "fremfort_til_inndekning")
    if innhold["disponering"] != "udekket":
        assert fremfort == pytest.approx(np.zeros(4), abs=1e-9)
    balansert = b.plan.balanse()["i_balanse"].to_numpy()
    for j, a in enumerate(AR):
        if abs(fremfort[j]) >= 0.05:
            assert not balansert[j]
        if not balansert[j]:
            for tid, tt in t.items():
                assert any(m.startswith(f"IKKE I BALANSE {a}") for m in tt.merknader), (tid, a)

    # The investment statement balances by borrowing; financing equals investments.
    bi = t["bevilgningsoversikt_investering"]
    assert verdier(bi, "fremfort_til_inndekking_udekket") == pytest.approx(np.zeros(4), abs=1e-6)
    t14 = t["tabell_8_14_investeringer_og_finansiering"]
    assert verdier(t14, "sum_finansiering") == pytest.approx(verdier(t14, "investering"))
    assert verdier(t14, "investering") == pytest.approx(
        sum(verdier(t[i], "sluttsum") for i in t if data.info(i).familie == "investering"
            and "sluttsum" in t[i].rader) + trykt("tabell_7_6_finansiering_klimatiltak",
                                                   "finansiering_klimainvesteringer")
        + trykt("tabell_7_6_finansiering_klimatiltak", "merkostnader_utslippsfrie_anleggsplasser"))
    laneopptak = verdier(t["tabell_8_15_gjeldsutvikling"], "laneopptak")
    assert -verdier(bi, "bruk_av_lan") == pytest.approx(laneopptak)

    # Debt rolls forward; the minimum repayment is the opening debt over the repayment time.
    g = t["tabell_8_15_gjeldsutvikling"]
    ib, ub = verdier(g, "lanegjeld_1_1"), verdier(g, "lanegjeld_31_12")
    assert ub == pytest.approx(ib + verdier(g, "laneopptak") + verdier(g, "lovpalagte_minimumsavdrag")
                               + verdier(g, "ovrige_avdrag"))
    assert ib[1:] == pytest.approx(ub[:-1])
    assert -verdier(g, "lovpalagte_minimumsavdrag") == pytest.approx(ib / b.v("avdragstid"))

    # Every Rammer table: netto = driftsutgifter + driftsinntekter + the finance lines; all of them
    # together are what is not disposed (the proposal's printed rounding aside).
    rammer = [tid for tid in t if tid.startswith("ramme_")]
    assert len(rammer) == 25
    for tid in rammer:
        r = t[tid]
        assert verdier(r, "netto_resultat") == pytest.approx(sum(verdier(r, k) for k in (
            "driftsutgifter", "driftsinntekter", "netto_avsetninger", "netto_finansutgifter",
            "overfort_til_investering")), abs=1e-6), tid
    grunn = motor.tabeller(grunnscenario())
    grunnsum = sum(verdier(grunn[tid], "netto_resultat") for tid in rammer)
    assert sum(verdier(t[tid], "netto_resultat") for tid in rammer) - grunnsum == \
        pytest.approx(fremfort, abs=1e-6)

    # Every sector table's sum is its areas' Rammer netto (data/omrader.csv); every tiltak table's
    # sum is its rows, new ones included.
    om = data.omrader()
    sektorer = {tid: data.info(tid) for tid in t if tid.startswith("tabell_8_") and "driftsramme" in tid}
    assert len(sektorer) == 6
    for tid in sektorer:
        sektor = om[om["omrade"].isin([x.removeprefix("ramme_") for x in rammer])]
        omrader = [o for o, s_ in zip(sektor["omrade"], sektor["sektor"], strict=True)
                   if s_ == _SEKTOR[tid]]
        assert omrader, tid
        assert verdier(t[tid], "sum") == pytest.approx(
            sum(verdier(t[f"ramme_{o}"], "netto_resultat") for o in omrader), abs=1e-6), tid
    for tid, tt in t.items():
        if "sluttsum" in tt.rader and data.info(tid).familie == "tiltak":
            rader = [r for r in tt.rader if r != "sluttsum"]
            assert verdier(tt, "sluttsum") == pytest.approx(sum(np.nan_to_num(verdier(tt, r)) for r in rader))


_SEKTOR = {"tabell_8_7_driftsramme_oppvekst_utdanning": "oppvekst_og_utdanning",
           "tabell_8_8_driftsramme_helse_velferd": "helse_og_velferd",
           "tabell_8_9_driftsramme_kultur_idrett": "kultur_og_idrett",
           "tabell_8_10_driftsramme_byutvikling": "byutvikling",
           "tabell_8_11_driftsramme_naering_samferdsel": "naering_samferdsel_klima_og_miljo",
           "tabell_8_12_driftsramme_organisasjon": "organisasjon"}


def test_genererte_scenarioer_endrer_noe(generert):
    """The generator draws real changes: most scenarios move the result, the debt and a frame."""
    _, b, t = generert
    grunn = motor.tabeller(grunnscenario())
    flyttet = [np.abs(endring(t, grunn, tid, rad)).max() > 1e-6 for tid, rad in (
        ("budsjettskjema_1a", "renteutgifter"), ("tabell_8_15_gjeldsutvikling", "lanegjeld_31_12"))]
    assert any(flyttet)
