"""The audit of printed sums and identities (data/kontroller.yaml) and how it decides a status."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA, les_csv
from hoep.data import kontroller
from hoep.feil import DataFeil

KONTROLLFIL = DATA / "kontroller.yaml"


@pytest.fixture(scope="module")
def revisjon():
    return kontroller.revisjon()


@pytest.fixture(scope="module")
def kontroll_ider():
    return [k["id"] for k in yaml.safe_load(KONTROLLFIL.read_text(encoding="utf-8"))]


# --- the whole audit of the real data ---------------------------------------------------------


def test_revisjonen_har_bare_ok_og_kjente_avvik(revisjon):
    statuser = set(revisjon["status"])
    assert statuser == {kontroller.OK, kontroller.KJENT_AVVIK}
    assert kontroller.BRUDD not in statuser
    assert kontroller.AVVIK_BORTE not in statuser


def test_revisjonen_dekker_alle_kontroller_i_filen(revisjon, kontroll_ider):
    assert len(kontroll_ider) == len(set(kontroll_ider))
    assert set(revisjon["kontroll"]) == set(kontroll_ider)
    assert len(revisjon) > 1000


def test_kjente_avvik_er_de_samme_cellene_som_revisjonen_melder(revisjon):
    kjente = kontroller.kjente_avvik()
    fra_revisjon = revisjon[revisjon["status"] == kontroller.KJENT_AVVIK]
    assert set(zip(kjente["kontroll"], kjente["celle"], strict=True)) == set(
        zip(fra_revisjon["kontroll"], fra_revisjon["celle"], strict=True))
    for rad in fra_revisjon.itertuples():
        post = kjente[(kjente["kontroll"] == rad.kontroll) & (kjente["celle"] == rad.celle)].iloc[0]
        assert post["publisert"] == rad.publisert
        assert abs(post["beregnet"] - rad.beregnet) < 0.5


def _avvik(kontroll: str, celle: str) -> dict:
    kjente = kontroller.kjente_avvik()
    treff = kjente[(kjente["kontroll"] == kontroll) & (kjente["celle"] == celle)]
    assert len(treff) == 1, f"{kontroll}/{celle} er ikke registrert som kjent avvik"
    return treff.iloc[0].to_dict()


def _rader(tabell_id: str) -> dict[str, dict[str, str]]:
    return {r["rad_id"]: r for r in les_csv(DATA / "tabeller" / f"{tabell_id}.csv")}


def test_sum_lan_regnskap_2020_er_et_kjent_avvik(revisjon):
    # Oversikt over gjeld prints Sum lån 17 979 for regnskap 2020; its rows add up to 18 013.
    avvik = _avvik("gjeld_sum_lan", "regnskap_2020")
    assert (avvik["publisert"], avvik["beregnet"]) == (17979, 18013)

    rader = _rader("oversikt_gjeld")
    lan = [r for rid, r in rader.items() if rid.startswith("lan_til_")]
    assert len(lan) == 4
    assert sum(float(r["regnskap_2020"]) for r in lan) == 18013
    assert float(rader["sum_lan"]["regnskap_2020"]) == 17979
    # The other years add up (within rounding), so the contradiction is one cell only.
    for kol in ("budsjett_2021", "budsjett_2022", "budsjett_2023", "budsjett_2024", "budsjett_2025"):
        assert abs(sum(float(r[kol]) for r in lan) - float(rader["sum_lan"][kol])) <= 1

    status = revisjon[(revisjon["kontroll"] == "gjeld_sum_lan")].set_index("celle")["status"]
    assert status["regnskap_2020"] == kontroller.KJENT_AVVIK
    assert (status.drop("regnskap_2020") == kontroller.OK).all()


@pytest.mark.parametrize("ar, drift, investering", [
    (2023, 246, -251),
    (2024, 151, -156),
    (2025, 154, -162),
])
def test_overfort_til_investering_2023_2025_er_kjente_avvik(revisjon, ar, drift, investering):
    # Økonomisk oversikt drift prints Overført til investering 246/151/154; the investment
    # overview's post 20 Overføring fra drift is −251/−156/−162.
    kol = f"budsjett_{ar}"
    avvik = _avvik("kryss_overfort_til_investering", kol)
    assert (avvik["publisert"], avvik["beregnet"]) == (drift, -investering)

    assert float(_rader("okonomisk_oversikt_drift")["overfort_til_investering"][kol]) == drift
    assert float(_rader("bevilgningsoversikt_investering")["overforing_fra_drift"][kol]) == investering

    status = revisjon[(revisjon["kontroll"] == "kryss_overfort_til_investering")
                      & (revisjon["celle"] == kol)]["status"]
    assert list(status) == [kontroller.KJENT_AVVIK]


def test_overfort_til_investering_stemmer_til_og_med_2022(revisjon):
    drift = _rader("okonomisk_oversikt_drift")["overfort_til_investering"]
    inv = _rader("bevilgningsoversikt_investering")["overforing_fra_drift"]
    for kol in ("regnskap_2020", "budsjett_2021", "budsjett_2022"):
        assert float(drift[kol]) == -float(inv[kol])
    rev = revisjon[revisjon["kontroll"] == "kryss_overfort_til_investering"].set_index("celle")
    assert set(rev.loc[["regnskap_2020", "budsjett_2021", "budsjett_2022"], "status"]) == {kontroller.OK}


# --- the invariants the issue names: present in kontroller.yaml and holding -------------------

NAVNGITTE_KONTROLLER = [
    # Økonomisk oversikt drift
    "drift_brutto_driftsresultat",
    "drift_netto_finansutgifter",
    "drift_netto_driftsresultat",
    "drift_sum_disponering_lik_netto_driftsresultat",
    "drift_fremfort_til_inndekning",
    # Budsjettskjema 1A
    "b1a_brutto_driftsresultat",
    "b1a_netto_finansutgifter",
    "b1a_netto_driftsresultat",
    "b1a_sum_disponering_lik_netto_driftsresultat",
    "b1a_fremfort_til_inndekning",
    # Between tables
    "kryss_punkt6_lik_1a",
    "kryss_rammer_balanse",
    "kryss_tabell3_lik_8_13",
    "kryss_punkt1_lik_8_13",
    # Financing = investments
    "kap3_finansiering_lik_investeringer",
    "kryss_8_14_finansiering_lik_investering",
    "t8_14_investering_lik_finansiering",
    # Tabell 8-15: UB = IB + låneopptak − avdrag
    "t8_15_gjeld_31_12",
]


@pytest.mark.parametrize("kontroll_id", NAVNGITTE_KONTROLLER)
def test_navngitt_invariant_finnes_og_holder(revisjon, kontroll_ider, kontroll_id):
    assert kontroll_id in kontroll_ider
    rader = revisjon[revisjon["kontroll"] == kontroll_id]
    assert len(rader) >= 4, "kontrollen skal dekke minst planårene 2022-2025"
    assert set(rader["status"]) == {kontroller.OK}


def test_tabell3_lik_8_13_sammenligner_hver_rad_og_kolonne(revisjon):
    rader = revisjon[revisjon["kontroll"] == "kryss_tabell3_lik_8_13"]
    # 23 rows × 5 columns (2022, 2023, 2024, 2025, sum).
    assert len(rader) == 23 * 5
    assert "sum_investeringer/sum_2022_2025" in set(rader["celle"])


@pytest.mark.parametrize("tabell_id", ["okonomisk_oversikt_drift", "budsjettskjema_1a"])
def test_fremfort_til_inndekning_er_null(tabell_id):
    rad = _rader(tabell_id)["fremfort_til_inndekning"]
    tall = [float(v) for k, v in rad.items() if k not in ("rad_id", "rad")]
    assert len(tall) == 6
    assert tall == [0.0] * 6


def test_gjeld_8_15_ruller_fremover_i_ra_data():
    # IB of a year is UB of the year before, read straight from the CSV.
    rader = _rader("tabell_8_15_gjeldsutvikling")
    ar = ["budsjett_2022", "budsjett_2023", "budsjett_2024", "budsjett_2025"]
    for forrige, neste in zip(ar, ar[1:], strict=False):
        assert rader["lanegjeld_31_12"][forrige] == rader["lanegjeld_1_1"][neste]


# --- the mechanism, on small made-up tables ---------------------------------------------------

def _tabell(rader: dict, desimaler: int = 0, kolonner=("k1",)) -> dict:
    return {"desimaler": desimaler, "kolonner": list(kolonner), "rader": rader}


def _kontroll(**felt) -> dict:
    return {"id": "test", "beskrivelse": "Testkontroll", "tabell": "t", "sum": "s",
            "ledd": ["a", "b"], **felt}


def _kjor(lag, tabeller: dict, kontroller_: list[dict]) -> list[kontroller.Resultat]:
    mappe = lag(tabeller, kontroller_)
    return [r for k in kontroller.les(mappe / "kontroller.yaml") for r in kontroller.evaluer(k)]


def test_kontroll_som_holder_er_ok(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [10]})}, [_kontroll()])
    assert [(r.celle, r.publisert, r.beregnet, r.status) for r in res] == [("k1", 10, 10, "ok")]


def test_kontroll_som_ikke_holder_er_brudd(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [13]})}, [_kontroll()])
    assert [r.status for r in res] == [kontroller.BRUDD]
    assert res[0].differanse == 3


def test_revisjon_leser_kontrollfilen_i_datamappen(syntetisk_data):
    syntetisk_data({"t": _tabell({"a": [4], "b": [6], "s": [13]})}, [_kontroll()])
    rev = kontroller.revisjon()
    assert list(rev["status"]) == [kontroller.BRUDD]
    assert list(rev["differanse"]) == [3]


def test_fortegn_i_ledd_trekker_fra(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [10], "b": [4], "s": [6]})},
                [_kontroll(ledd=["a", "-b"])])
    assert [r.status for r in res] == [kontroller.OK]


def test_tom_celle_teller_som_null_og_tom_sum_hoppes_over(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"a": [4, 4], "b": [None, 1], "s": [4, None]}, kolonner=["k1", "k2"])},
                [_kontroll()])
    assert [(r.celle, r.status) for r in res] == [("k1", kontroller.OK)]


@pytest.mark.parametrize("publisert, status", [
    (11, kontroller.OK),     # +1: within one unit of the last printed digit
    (9, kontroller.OK),      # −1
    (11.5, kontroller.BRUDD),
    (8.5, kontroller.BRUDD),
    (12, kontroller.BRUDD),
])
def test_toleranse_hele_millioner(syntetisk_data, publisert, status):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [publisert]})}, [_kontroll()])
    assert [r.status for r in res] == [status]
    assert res[0].toleranse == 1


@pytest.mark.parametrize("publisert, status", [
    (1.0, kontroller.OK),
    (1.1, kontroller.OK),    # +0.1
    (0.9, kontroller.OK),    # −0.1
    (1.2, kontroller.BRUDD),
    (0.8, kontroller.BRUDD),
    (1.15, kontroller.BRUDD),
])
def test_toleranse_en_desimal(syntetisk_data, publisert, status):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [0.3], "b": [0.7], "s": [publisert]}, desimaler=1)},
                [_kontroll()])
    assert [r.status for r in res] == [status]
    assert res[0].toleranse == pytest.approx(0.1)


@pytest.mark.parametrize("publisert, status", [(12.5, kontroller.OK), (12.6, kontroller.BRUDD)])
def test_egen_toleranse(syntetisk_data, publisert, status):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [publisert]})},
                [_kontroll(toleranse=2.5)])
    assert [r.status for r in res] == [status]


def test_kjent_avvik_med_riktige_verdier(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [13]})},
                [_kontroll(avvik={"k1": {"publisert": 13, "beregnet": 10}})])
    assert [r.status for r in res] == [kontroller.KJENT_AVVIK]


def test_kjent_avvik_sammenligner_med_avrundet_beregning(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [0.26], "b": [0.1], "s": [0.8]}, desimaler=1)},
                [_kontroll(avvik={"k1": {"publisert": 0.8, "beregnet": 0.4}})])
    assert [r.status for r in res] == [kontroller.KJENT_AVVIK]


def test_avvik_der_identiteten_holder_er_avvik_borte(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [10]})},
                [_kontroll(avvik={"k1": {"publisert": 10, "beregnet": 10}})])
    assert [r.status for r in res] == [kontroller.AVVIK_BORTE]


@pytest.mark.parametrize("registrert", [
    {"publisert": 14, "beregnet": 10},  # wrong printed value
    {"publisert": 13, "beregnet": 9},   # wrong computed value
])
def test_avvik_med_feil_registrert_verdi_er_avvik_borte(syntetisk_data, registrert):
    res = _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [13]})},
                [_kontroll(avvik={"k1": registrert})])
    assert [r.status for r in res] == [kontroller.AVVIK_BORTE]


def test_avvik_for_celle_kontrollen_ikke_dekker(syntetisk_data):
    with pytest.raises(DataFeil) as e:
        _kjor(syntetisk_data, {"t": _tabell({"a": [4], "b": [6], "s": [13]})},
              [_kontroll(avvik={"k9": {"publisert": 13, "beregnet": 10}})])
    assert "«test»" in str(e.value)
    assert "«k9»" in str(e.value)


def test_kryssreferanse_til_annen_tabell(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"s": [10, 8]}, kolonner=["k1", "k2"]),
                 "u": _tabell({"a": [3, 3], "b": [7, 3]}, kolonner=["k1", "k2"])},
                [_kontroll(ledd=["u:a", "u:b"])])
    assert [(r.celle, r.status) for r in res] == [("k1", kontroller.OK), ("k2", kontroller.BRUDD)]


def test_stjerne_sammenligner_rad_for_rad(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"x": [1, 2], "y": [3, 4]}, kolonner=["k1", "k2"]),
                 "u": _tabell({"x": [1, 2], "y": [3, 9], "z": [0, 0]}, kolonner=["k1", "k2"])},
                [_kontroll(sum="*", ledd=["u:*"])])
    assert {r.celle: r.status for r in res} == {
        "x/k1": kontroller.OK, "x/k2": kontroller.OK, "y/k1": kontroller.OK, "y/k2": kontroller.BRUDD}


def test_stjerne_med_utvalgte_rader_og_kolonner(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"x": [1, 2], "y": [3, 4]}, kolonner=["k1", "k2"]),
                 "u": _tabell({"x": [1, 5], "y": [3, 9]}, kolonner=["k1", "k2"])},
                [_kontroll(sum="*", ledd=["u:*"], rader=["x", "y"], kolonner=["k1"])])
    assert {r.celle: r.status for r in res} == {"x/k1": kontroller.OK, "y/k1": kontroller.OK}


def test_stjerne_avvik_pa_rad_og_kolonne(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"x": [1]}), "u": _tabell({"x": [4]})},
                [_kontroll(sum="*", ledd=["u:*"], avvik={"x/k1": {"publisert": 1, "beregnet": 4}})])
    assert [(r.celle, r.status) for r in res] == [("x/k1", kontroller.KJENT_AVVIK)]


def test_kolonnevis_kontroll(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"r1": [1, 2, 3], "r2": [5, 5, 12], "r3": [1, None, 1]},
                              kolonner=["a", "b", "s"])},
                [_kontroll(retning="kolonner")])
    assert {r.celle: (r.publisert, r.beregnet, r.status) for r in res} == {
        "r1": (3, 3, kontroller.OK), "r2": (12, 10, kontroller.BRUDD), "r3": (1, 1, kontroller.OK)}


def test_kolonnevis_kontroll_med_utvalgte_rader_og_avvik(syntetisk_data):
    res = _kjor(syntetisk_data,
                {"t": _tabell({"r1": [1, 2, 3], "r2": [5, 5, 12]}, kolonner=["a", "b", "s"])},
                [_kontroll(retning="kolonner", rader=["r2"],
                           avvik={"r2": {"publisert": 12, "beregnet": 10}})])
    assert [(r.celle, r.status) for r in res] == [("r2", kontroller.KJENT_AVVIK)]


# --- a malformed kontroller.yaml --------------------------------------------------------------


def _les_feil(lag, innhold) -> str:
    mappe = lag({"t": _tabell({"a": [4], "b": [6], "s": [10]})}, innhold)
    with pytest.raises(DataFeil) as e:
        kontroller.les(mappe / "kontroller.yaml")
    melding = str(e.value)
    assert str(mappe / "kontroller.yaml") in melding
    return melding


def test_ukjent_nokkel_i_kontroll(syntetisk_data):
    melding = _les_feil(syntetisk_data, [_kontroll(toleranser=1)])
    assert "«test»" in melding
    assert "toleranser" in melding
    assert "tillatt" in melding


def test_manglende_nokkel_i_kontroll(syntetisk_data):
    k = _kontroll()
    del k["sum"]
    assert "mangler «sum»" in _les_feil(syntetisk_data, [k])


def test_dobbel_kontroll_id(syntetisk_data):
    assert "«test» forekommer to ganger" in _les_feil(syntetisk_data, [_kontroll(), _kontroll()])


def test_ugyldig_retning(syntetisk_data):
    melding = _les_feil(syntetisk_data, [_kontroll(retning="diagonal")])
    assert "diagonal" in melding
    assert "rader, kolonner" in melding


def test_kontrollfil_som_ikke_er_en_liste(syntetisk_data):
    assert "liste" in _les_feil(syntetisk_data, {"id": "test"})


def test_kontroll_som_ikke_er_et_oppslag(syntetisk_data):
    assert "nr. 1 er ikke et oppslag" in _les_feil(syntetisk_data, ["test"])


def test_ugyldig_ledd(syntetisk_data):
    assert "ugyldig ledd" in _les_feil(syntetisk_data, [_kontroll(ledd=["a", " "])])


def test_ukjent_rad_i_kontroll(syntetisk_data):
    mappe = syntetisk_data({"t": _tabell({"a": [4], "b": [6], "s": [10]})}, [_kontroll(ledd=["a", "c"])])
    k, = kontroller.les(mappe / "kontroller.yaml")
    with pytest.raises(DataFeil) as e:
        kontroller.evaluer(k)
    assert "«test»" in str(e.value)
    assert "ingen rad «c»" in str(e.value)


def test_ugyldig_yaml_i_kontrollfilen(syntetisk_data):
    mappe = syntetisk_data({"t": _tabell({"a": [4], "b": [6], "s": [10]})}, [])
    fil = mappe / "kontroller.yaml"
    fil.write_text("- id: test\n  ledd: [a, b\n", encoding="utf-8")
    with pytest.raises(DataFeil) as e:
        kontroller.les(fil)
    assert str(fil) in str(e.value)
    assert "ugyldig YAML" in str(e.value)


@pytest.mark.parametrize("felt, nevnt", [
    ({"ledd": ["a", "finnes_ikke"]}, "finnes_ikke"),
    ({"rader": ["r1", "ukjent_rad"]}, "ukjent_rad"),
])
def test_kolonnevis_kontroll_med_ukjent_kolonne_eller_rad_gir_datafeil(syntetisk_data, felt, nevnt):
    with pytest.raises(DataFeil, match=nevnt) as feil:
        _kjor(syntetisk_data, {"t": _tabell({"r1": [1, 2, 3]}, kolonner=["a", "b", "s"])},
              [_kontroll(retning="kolonner", **felt)])
    assert "test" in str(feil.value)
