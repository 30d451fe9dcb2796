"""The register of contradictions (data/avvik.yaml) and the text figures (data/tekstkontroller.yaml).

Issue 16: every contradiction in the document is one entry in one register; every registered
contradiction still holds in the data, and every other check passes. Expected values below are
hand calculations from the printed tables, read straight from the CSV files.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
import yaml

from conftest import DATA, ra_celle
from hoep import cli, data
from hoep.data import avvik, kontroller, tekstkontroller
from hoep.feil import DataFeil

AVVIKSFIL = DATA / "avvik.yaml"
TEKSTFIL = DATA / "tekstkontroller.yaml"


@pytest.fixture(scope="module")
def alt():
    """The audit, the text figures and the register of the real data, every table read once."""
    tabeller = kontroller.Tabeller()
    return kontroller.revisjon(tabeller), tekstkontroller.revisjon(tabeller), avvik.register(tabeller)


@pytest.fixture(scope="module")
def tekst(alt):
    return alt[1]


@pytest.fixture(scope="module")
def register(alt):
    return alt[2]


@functools.cache
def _celle(tabell_id: str, rad_id: str, kolonne: str) -> float:
    return ra_celle(tabell_id, rad_id, kolonne)


# --- the register against the data ------------------------------------------------------------

def test_registeret_er_komplett_og_sant(alt):
    """Every known contradiction and every failing text figure is in exactly one entry, and every
    entry's text figures still fail: nothing is registered that the data no longer shows."""
    assert avvik.problemer(*alt) == []


def test_hver_post_har_minst_to_steder_med_verdier(register):
    for a in register:
        assert len(a.steder) >= 2, a.id
        assert a.beskrivelse
        for s in a.steder:
            assert s.tabell is not None or s.linje is not None
            if s.tabell and s.rad and s.kolonne:
                assert s.verdi is not None, f"{a.id}: tom celle {s.tabell}/{s.rad}/{s.kolonne}"


def test_alle_fire_typer_finnes(register):
    assert {a.type for a in register} == set(avvik.TYPER)


def test_steder_i_tabeller_har_trykt_verdi(register):
    # Each table place carries the cell as printed (raw CSV), not a converted value.
    for a in register:
        for s in a.steder:
            if s.tabell and s.rad and s.kolonne:
                assert s.verdi == _celle(s.tabell, s.rad, s.kolonne)


def test_kjente_avvik_i_kontrollene_er_registrert_en_gang(alt):
    rev = alt[0]
    kjente = set(zip(*[rev.loc[rev["status"] == kontroller.KJENT_AVVIK, k] for k in ("kontroll", "celle")],
                     strict=True))
    poster = yaml.safe_load(AVVIKSFIL.read_text(encoding="utf-8"))
    dekket = []
    kontrollfil = {k["id"]: k for k in yaml.safe_load((DATA / "kontroller.yaml").read_text("utf-8"))}
    for p in poster:
        for ref in p.get("kontroller", []):
            kid, _, celle = ref.partition(":")
            dekket += [(kid, c) for c in ([celle] if celle else kontrollfil[kid]["avvik"])]
    assert sorted(dekket) == sorted(kjente)


def test_tekstpostene_som_ikke_holder_er_de_registrerte(tekst):
    poster = yaml.safe_load(AVVIKSFIL.read_text(encoding="utf-8"))
    registrert = [t for p in poster for t in p.get("tekst", [])]
    assert len(registrert) == len(set(registrert))
    assert set(tekst.loc[~tekst["holder"], "id"]) == set(registrert)


def test_alle_andre_tekstkontroller_holder(tekst):
    holder = tekst[tekst["holder"]]
    assert len(holder) > 800
    assert holder["mot_tabell"].sum() > 750


def test_katalogens_merknader_viser_til_poster_som_finnes():
    """The catalogue's merknad fields no longer describe contradictions; they point to the register."""
    katalog = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    ider = {p["id"] for p in yaml.safe_load(AVVIKSFIL.read_text(encoding="utf-8"))}
    peker = re.compile(r"avviksregisteret \(data/avvik\.yaml, ([^)]*)\)")
    pekere = [i for r in katalog for liste in peker.findall(r.get("merknad") or "")
              for i in re.findall(r"«([a-z0-9_]+)»", liste)]
    assert len(pekere) >= 30
    assert set(pekere) <= ider


# --- hand calculations from the printed tables --------------------------------------------------

def test_ski_vm_60_mot_61_2():
    # Kap. 8.5 (line 5218) and 29.7.1 (line 19138): 60 millions, 20 in 2024 and 40 in 2025.
    # Tabell 29-3, tiltak 11: 20,0 and 41,2.
    t11 = "tabell_29_3_tiltak_idrett_og_friluftsliv"
    assert ra_celle(t11, "t11", "budsjett_2024") + ra_celle(t11, "t11", "budsjett_2025") == 61.2
    reg = tekstkontroller.les()
    for tid, beregnet in [("l5218", 61.2), ("l19138", 61.2), ("l19139b", 41.2), ("l5219c", 41.2)]:
        r = tekstkontroller.evaluer(reg.tall[tid], reg)
        assert not r.holder and r.beregnet == pytest.approx(beregnet)
    # The 20 for 2024 holds, and so does the detailed description's 61,2 (line 19290).
    for tid in ("l19139", "l19290", "l19291"):
        assert tekstkontroller.evaluer(reg.tall[tid], reg).holder


def test_investeringer_10_6_milliarder_holder():
    # Line 4345: «10,6 milliarder» invested 2022-2025; Tabell 8-13 sum 2022-2025.
    total = ra_celle("tabell_8_13_investeringer", "sum_investeringer", "sum_2022_2025")
    assert round(total / 1000, 1) == 10.6
    reg = tekstkontroller.les()
    assert tekstkontroller.evaluer(reg.tall["l4345"], reg).holder


def test_kulturskole_4210_er_ikke_4105_pluss_2_5_prosent():
    # Kap. 10.5.3: 4 105 kr in 2021, 4 210 kr in 2022; Tabell 10-5: +2,5 %. 4 105 · 1,0255 < 4 210.
    assert 4105 * 1.0255 < 4210
    assert ra_celle("tabell_10_5_endring_avgifter_oppvekst", "kulturskolen", "nominell_endring") == 2.5
    reg = tekstkontroller.les()
    assert not tekstkontroller.evaluer(reg.tall["l6486b"], reg).holder


def test_driftsutgifter_16_5_er_inntektene(register):
    utgifter = ra_celle("okonomisk_oversikt_drift", "sum_driftsutgifter", "budsjett_2022")
    inntekter = ra_celle("okonomisk_oversikt_drift", "sum_driftsinntekter", "budsjett_2022")
    assert (utgifter, inntekter) == (15453, -16510)
    rad = next(a for a in register if a.id == "driftsutgifter_2022")
    assert rad.type == "tekst-tabell" and rad.kapittel == 8
    assert [s.linje for s in rad.steder if s.tabell is None] == [4346]


def test_renteutgifter_2021_tabell_8_20_er_1a_ganger_1_025(register):
    # Budsjettskjema 1A 2021: renteutgifter 336; Tabell 8-20 (2022-kroner) 344; Tabell 8-21 326.
    assert round(ra_celle("budsjettskjema_1a", "renteutgifter", "budsjett_2021") * 1.025) == 344
    assert ra_celle("tabell_8_20_finansutgifter", "renteutgifter", "budsjett_2021") == 344
    assert ra_celle("tabell_8_21_rentekostnader", "sum_renteutgifter", "budsjett_2021") == 326
    a = next(a for a in register if a.id == "renteutgifter_2021")
    assert set(a.kontroller) == {"kryss_8_20_renter_lik_8_21", "kryss_8_21_2021_lik_1a"}
    assert a.tekst == ("l5666c",)


# --- the rule for text figures, on made-up figures ---------------------------------------------

@pytest.mark.parametrize("trykt, verdi, halv", [
    ("2 283 millioner", 2283, 0.5),
    ("16,5 milliarder", 16.5, 0.05),
    ("−45 millioner", -45, 0.5),
    ("om lag 680 millioner", 680, 5),
    ("omtrent 70 millioner", 70, 5),
    ("ca. 37,5 mill", 37.5, 0.05),
    ("rundt 200 millioner", 200, 50),
    ("ni millioner", 9, 0.5),
    ("3 315 kroner", 3315, 0.5),
])
def test_tolk(trykt, verdi, halv):
    assert tekstkontroller.tolk(trykt) == (pytest.approx(verdi), pytest.approx(halv))


def _tabellmappe(syntetisk_data, tall: list[dict], desimaler: int = 0, celler=None):
    mappe = syntetisk_data({"t": {"desimaler": desimaler, "kolonner": ["k1", "k2"],
                                  "rader": celler or {"a": [40.4, 3], "b": [10, 7]}}})
    innhold = {"tall": tall, "gjennomgang": [
        {"kapittel": 1, "tittel": "Test", "linjer": [1, 100], "kandidater": len(tall), "uten_tabell": [99]}]}
    (mappe / "tekstkontroller.yaml").write_text(yaml.safe_dump(innhold, allow_unicode=True), encoding="utf-8")
    data.nullstill_mellomlager()
    return mappe


def _holder(syntetisk_data, post: dict, **kw) -> bool:
    mappe = _tabellmappe(syntetisk_data, [{"id": "l5", "linje": 5, **post},
                                          {"id": "l6", "linje": 6, "trykt": "10 millioner"}], **kw)
    reg = tekstkontroller.les(mappe / "tekstkontroller.yaml")
    return tekstkontroller.evaluer(reg.tall["l5"], reg).holder


@pytest.mark.parametrize("trykt, uttrykk, holder", [
    ("40 millioner", "{t:a:k1}", True),         # 40,4 printed rounds to 40
    ("41 millioner", "{t:a:k1}", True),         # a whole-number cell means ± 0,5: 39,9-40,9 meets 40,5-41,5
    ("42 millioner", "{t:a:k1}", False),
    ("50 millioner", "{t:a:k1} + {t:b:k1}", True),
    ("om lag 40 millioner", "{t:a:k1} + {t:a:k2}", True),   # 43,4: «om lag 40» is 35-45
    ("om lag 50 millioner", "{t:a:k1} + {t:a:k2}", False),
    ("43 millioner", "{t:a:k1} + {t:a:k2}", True),
    ("45 millioner", "{t:a:k1} + {t:a:k2}", False),
    ("4 millioner", "{t:a:k1} / {tekst:l6}", True),          # 40,4 / 10
    ("30 millioner", "{t:a:k1} - {tekst:l6}", True),
    ("20 millioner", "{t:a:k1} - {tekst:l6}", False),
])
def test_avrunding_og_om_lag(syntetisk_data, trykt, uttrykk, holder):
    assert _holder(syntetisk_data, {"trykt": trykt, "uttrykk": uttrykk}) is holder


@pytest.mark.parametrize("post, holder", [
    ({"trykt": "over 40", "relasjon": ">", "uttrykk": "{t:a:k1}"}, True),
    ({"trykt": "over 41", "relasjon": ">", "uttrykk": "{t:a:k1}"}, False),
    ({"trykt": "under 41", "relasjon": "<", "uttrykk": "{t:a:k1}"}, True),
    ({"trykt": "under 39", "relasjon": "<", "uttrykk": "{t:a:k1}"}, False),
    ({"trykt": "inntil 41", "relasjon": "<=", "uttrykk": "{t:a:k1}"}, True),
    ({"trykt": "økte", "verdi": 0, "relasjon": ">", "uttrykk": "{t:a:k2} - {t:a:k1}"}, False),
    ({"trykt": "sank", "verdi": 0, "relasjon": "<", "uttrykk": "{t:a:k2} - {t:a:k1}"}, True),
    ({"trykt": "om lag 30", "presisjon": 20, "uttrykk": "{t:a:k1}"}, True),   # 20-40
    ({"trykt": "3 kroner", "eksakt": True, "uttrykk": "{t:a:k2}"}, True),
    ({"trykt": "3 kroner", "eksakt": True, "uttrykk": "{t:b:k2} - 4"}, True),
    ({"trykt": "4 kroner", "eksakt": True, "uttrykk": "{t:a:k2}"}, False),
])
def test_relasjon_presisjon_og_eksakt(syntetisk_data, post, holder):
    assert _holder(syntetisk_data, post) is holder


def test_tabelldesimaler_gir_smalere_intervall(syntetisk_data):
    # With one decimal the cell 40.4 means 40.35-40.45, so «40,5» does not hold; whole cells would.
    post = {"trykt": "40,5 millioner", "uttrykk": "{t:a:k1}"}
    assert _holder(syntetisk_data, post, desimaler=1) is False


def _feil(syntetisk_data, tall: list[dict], gjennomgang=None) -> str:
    mappe = _tabellmappe(syntetisk_data, tall)
    fil = mappe / "tekstkontroller.yaml"
    if gjennomgang is not None:
        innhold = yaml.safe_load(fil.read_text(encoding="utf-8"))
        innhold["gjennomgang"] = gjennomgang
        fil.write_text(yaml.safe_dump(innhold, allow_unicode=True), encoding="utf-8")
        data.nullstill_mellomlager()
    with pytest.raises(DataFeil) as e:
        tekstkontroller.les(fil)
    assert str(fil) in str(e.value)
    return str(e.value)


@pytest.mark.parametrize("post, ord_", [
    ({"id": "l5", "linje": 5, "trykt": "5", "farge": "rød"}, "farge"),
    ({"id": "l5", "linje": 6, "trykt": "5"}, "l<linje>"),
    ({"id": "x5", "linje": 5, "trykt": "5"}, "l<linje>"),
    ({"id": "l5", "linje": 5, "trykt": "mange"}, "oppgi «verdi»"),
    ({"id": "l5", "linje": 5, "trykt": "5", "relasjon": "≈"}, "tillatt: =, <, >, <=, >="),
    ({"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "__import__('os')"}, "minst én celle"),
    ({"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "{t:a:k1}.real"}, "ugyldig uttrykk"),
    ({"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "max({t:a:k1}, 1)"}, "ugyldig uttrykk"),
    ({"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "{t:a}"}, "ugyldig referanse"),
    ({"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "{tekst:l5}"}, "viser ikke til et annet tall"),
    ({"id": "l5", "linje": 5, "trykt": "5", "presisjon": -1}, "positivt"),
])
def test_ugyldig_tekstpost(syntetisk_data, post, ord_):
    assert ord_ in _feil(syntetisk_data, [post])


def test_ukjent_celle_gir_feil_med_postens_id(syntetisk_data):
    mappe = _tabellmappe(syntetisk_data, [{"id": "l5", "linje": 5, "trykt": "5", "uttrykk": "{t:zz:k1}"}])
    reg = tekstkontroller.les(mappe / "tekstkontroller.yaml")
    with pytest.raises(DataFeil) as e:
        tekstkontroller.evaluer(reg.tall["l5"], reg)
    assert "«l5»" in str(e.value) and "t:zz:k1" in str(e.value)


def test_gjennomgang_linje_kan_ikke_vaere_bade_vurdert_og_uten_tabell(syntetisk_data):
    melding = _feil(syntetisk_data, [{"id": "l5", "linje": 5, "trykt": "5"}], gjennomgang=[
        {"kapittel": 1, "tittel": "Test", "linjer": [1, 100], "kandidater": 1, "uten_tabell": [5]}])
    assert "både" in melding


def test_gjennomgang_kapitler_uten_hull(syntetisk_data):
    melding = _feil(syntetisk_data, [], gjennomgang=[
        {"kapittel": 1, "tittel": "A", "linjer": [1, 10], "kandidater": 0, "uten_tabell": []},
        {"kapittel": 3, "tittel": "B", "linjer": [11, 20], "kandidater": 0, "uten_tabell": []}])
    assert "uten hull" in melding


def test_gjennomgangen_dekker_hele_dokumentet():
    reg = tekstkontroller.les()
    assert [k.kapittel for k in reg.kapitler] == list(range(1, 39))
    for t in reg.tall.values():
        assert reg.kapittel_for(t.linje) is not None, t.id
    # every chapter's candidates are decided: recorded figures or lines without a table figure
    oversikt = tekstkontroller.gjennomgang()
    assert oversikt["kandidater"].sum() >= oversikt["linjer_uten_tabell"].sum()


# --- the register file's form -------------------------------------------------------------------

def _registerfeil(kopi_av_data, poster) -> str:
    fil = kopi_av_data / "avvik.yaml"
    fil.write_text(yaml.safe_dump(poster, allow_unicode=True), encoding="utf-8")
    data.nullstill_mellomlager()
    with pytest.raises(DataFeil) as e:
        avvik.register()
    assert str(fil) in str(e.value)
    return str(e.value)


GOD = {"id": "x", "kapittel": 2, "type": "sum", "kontroller": ["gjeld_sum_lan"], "beskrivelse": "Test"}


@pytest.mark.parametrize("endring, ord_", [
    ({"type": "tabell-tekst"}, "tillatt: sum, tabell-tabell, tekst-tabell, tekst-tekst"),
    ({"kapittel": 40}, "kapittelnummer"),
    ({"gjelder": "ord"}, "tillatt: tall, tekst"),
    ({"beskrivelse": ""}, "forklare"),
    ({"kontroller": ["finnes_ikke"]}, "finnes ikke"),
    ({"kontroller": ["gjeld_sum_lan:budsjett_2022"]}, "ikke «budsjett_2022» som kjent avvik"),
    ({"kontroller": [], "tekst": ["l4345x"]}, "ikke et kontrollert tall"),
    ({"kontroller": [], "steder": [{"linje": 5}]}, "«trykt»"),
    ({"kontroller": [], "steder": [{"rad": "a"}]}, "«tabell» eller «linje»"),
    ({"kontroller": []}, "trenger «kontroller», «tekst» eller «steder»"),
    ({"farge": "rød"}, "ukjente nøkler"),
])
def test_ugyldig_registerpost(kopi_av_data, endring, ord_):
    assert ord_ in _registerfeil(kopi_av_data, [{**GOD, **endring}])


def test_uregistrert_avvik_og_tekstpost_som_holder_meldes(kopi_av_data):
    poster = yaml.safe_load((kopi_av_data / "avvik.yaml").read_text(encoding="utf-8"))
    uten = [p for p in poster if p["id"] != "oversikt_gjeld_sum_lan_2020"]
    for p in uten:
        if p["id"] == "ski_vm":
            p["tekst"].append("l19290")  # holds (61,2): must not be registered
    (kopi_av_data / "avvik.yaml").write_text(yaml.safe_dump(uten, allow_unicode=True), encoding="utf-8")
    data.nullstill_mellomlager()
    meldinger = avvik.problemer()
    assert "kjent avvik gjeld_sum_lan/regnskap_2020 står ikke i avviksregisteret" in meldinger
    assert any("l19290" in m and "holder" in m for m in meldinger)


def test_rettet_tabell_gir_melding_om_tekstpost(kopi_av_data):
    # If Tabell 29-3 printed 40,0 for ski-VM in 2025, the register would claim a contradiction
    # that the data no longer shows (and l19290, 61,2, would fail instead).
    sti = kopi_av_data / "tabeller" / "tabell_29_3_tiltak_idrett_og_friluftsliv.csv"
    sti.write_text(sti.read_text(encoding="utf-8").replace("0.0,0.0,20.0,41.2", "0.0,0.0,20.0,40.0"),
                   encoding="utf-8")
    data.nullstill_mellomlager()
    meldinger = avvik.problemer()
    assert any("l19138" in m and "holder" in m for m in meldinger)
    assert any("l19290" in m and "står ikke" in m for m in meldinger)


# --- the new check syntax in kontroller.yaml ----------------------------------------------------

def _tab(rader, kolonner=("k1",), desimaler=0):
    return {"desimaler": desimaler, "kolonner": list(kolonner), "rader": rader}


def _kjor(syntetisk_data, tabeller, kontroll: dict) -> list:
    mappe = syntetisk_data(tabeller,
                           [{"id": "test", "beskrivelse": "Test", "tabell": "t", "sum": "s", **kontroll}])
    return [r for k in kontroller.les(mappe / "kontroller.yaml") for r in kontroller.evaluer(k)]


def test_faktor_regner_om_prisbasis(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [1025]}), "u": _tab({"a": [1000]})}, {"ledd": ["1.025*u:a"]})
    assert [(r.beregnet, r.status) for r in res] == [(pytest.approx(1025), kontroller.OK)]


def test_faktor_med_negativ_eksponent(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [1000]}), "u": _tab({"a": [1050.625]})},
                {"ledd": ["1.025^-2*u:a"]})
    assert res[0].beregnet == pytest.approx(1000)


def test_fast_kolonne_med_krollalfa(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [5, 5]}, kolonner=["k1", "k2"]),
                                 "u": _tab({"a": [5]}, kolonner=["x"])},
                {"ledd": ["u:a@x"]})
    assert [(r.celle, r.status) for r in res] == [("k1", kontroller.OK), ("k2", kontroller.OK)]


def test_kolonnekart(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [7]}, kolonner=["budsjett_2022"]),
                                 "u": _tab({"a": [7]}, kolonner=["endring_2022"])},
                {"ledd": ["u:a"], "kolonner": {"budsjett_2022": "endring_2022"}})
    assert [(r.celle, r.status) for r in res] == [("budsjett_2022", kontroller.OK)]


def test_prisfaktor_per_kolonne(syntetisk_data):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [100, 205]}, kolonner=["k1", "k2"]),
                                 "u": _tab({"a": [100, 200]}, kolonner=["k1", "k2"])},
                {"ledd": ["u:a"], "prisfaktor": {"k2": 1.025}})
    assert [r.status for r in res] == [kontroller.OK, kontroller.OK]
    assert res[1].beregnet == pytest.approx(205)


@pytest.mark.parametrize("s, status", [(2.8, kontroller.OK), (3.47, kontroller.BRUDD)])
def test_mellom(syntetisk_data, s, status):
    res = _kjor(syntetisk_data, {"t": _tab({"s": [s], "ny": [3.06], "gammel": [2.71]}, desimaler=2)},
                {"mellom": ["ny", "gammel"]})
    assert [r.status for r in res] == [status]


@pytest.mark.parametrize("kontroll, ord_", [
    ({"ledd": ["x*u:a"]}, "ugyldig ledd"),
    ({"ledd": ["1.025^a*u:a"]}, "ugyldig ledd"),
    ({"ledd": ["u:a@"]}, "ugyldig ledd"),
    ({"mellom": ["a"]}, "to rader"),
    ({"mellom": ["a", "b"], "ledd": ["a"]}, "ikke ha «ledd»"),
    ({"ledd": ["a"], "prisfaktor": 1.025}, "kolonne: faktor"),
    ({"ledd": ["a"], "prisfaktor": {"k1": "mye"}}, "ugyldig faktor"),
])
def test_ugyldig_ny_syntaks(syntetisk_data, kontroll, ord_):
    mappe = syntetisk_data({"t": _tab({"s": [1], "a": [1], "b": [1]})},
                           [{"id": "test", "beskrivelse": "Test", "tabell": "t", "sum": "s", **kontroll}])
    with pytest.raises(DataFeil) as e:
        kontroller.les(mappe / "kontroller.yaml")
    assert ord_ in str(e.value) and "«test»" in str(e.value)


def test_revisjonen_leser_hver_tabell_en_gang(monkeypatch):
    kall: list[str] = []
    original = data.tabell

    def tell(tabell_id):
        kall.append(tabell_id)
        return original(tabell_id)

    monkeypatch.setattr(kontroller.data, "tabell", tell)
    rev = kontroller.revisjon()
    assert len(kall) == len(set(kall))
    assert set(kall) >= set(rev["tabell"])


# --- the command line -----------------------------------------------------------------------

def _cli(capsys, *argv):
    kode = cli.main(list(argv))
    ut = capsys.readouterr()
    return kode, ut.out, ut.err


def test_cli_avvik_json(capsys):
    kode, ut, err = _cli(capsys, "kontroller", "--avvik", "--format", "json")
    assert (kode, err) == (0, "")
    poster = json.loads(ut, parse_constant=lambda c: pytest.fail(f"ugyldig JSON {c}"))
    assert len(poster) == len(yaml.safe_load(AVVIKSFIL.read_text(encoding="utf-8")))
    for p in poster:
        assert {"id", "kapittel", "type", "steder", "beskrivelse"} <= set(p)
        assert p["type"] in avvik.TYPER and isinstance(p["kapittel"], int)
        for s in p["steder"]:
            assert {"tabell", "linje", "rad", "kolonne", "verdi"} <= set(s)
            assert s["verdi"] is None or isinstance(s["verdi"], int | float)
    ski = next(p for p in poster if p["id"] == "ski_vm")
    assert {"tabell": None, "linje": 19138, "rad": None, "kolonne": None, "verdi": 60} in [
        {k: s[k] for k in ("tabell", "linje", "rad", "kolonne", "verdi")} for s in ski["steder"]]
    celler = [{k: s[k] for k in ("tabell", "rad", "kolonne", "verdi")} for s in ski["steder"]]
    assert {"tabell": "tabell_29_3_tiltak_idrett_og_friluftsliv", "rad": "t11", "kolonne": "budsjett_2025",
            "verdi": 41.2} in celler


def test_cli_avvik_kapittel(capsys):
    kode, ut, _ = _cli(capsys, "kontroller", "--avvik", "--kapittel", "29", "--format", "json")
    ider = {p["id"] for p in json.loads(ut)}
    assert kode == 0
    assert {"ski_vm", "henvisning_tabell_29_3", "idrett_tiltak_og_investering"} <= ider
    assert "oversikt_gjeld_sum_lan_2020" not in ider


def test_cli_avvik_tabell_og_csv(capsys):
    kode, ut, _ = _cli(capsys, "kontroller", "--avvik", "--kapittel", "37")
    assert kode == 0
    assert "labtjenester_utbytte_andel" in ut and "selvmotsigelser i kapittel 37" in ut
    kode, ut, _ = _cli(capsys, "kontroller", "--avvik", "--format", "csv")
    assert ut.splitlines()[0] == "id,kapittel,type,gjelder,tabell,linje,rad,kolonne,verdi,trykt,beskrivelse"


def test_cli_kontroller_viser_teksttallene(capsys):
    kode, ut, _ = _cli(capsys, "kontroller")
    assert kode == 0
    assert "tall i teksten kontrollert" in ut and "holder" in ut


def test_cli_ugyldig_register_gir_kode_2(capsys, kopi_av_data):
    (kopi_av_data / "avvik.yaml").write_text("- id: x\n  type: [\n", encoding="utf-8")
    data.nullstill_mellomlager()
    kode, ut, err = _cli(capsys, "kontroller", "--avvik")
    assert kode == 2 and ut == ""
    assert err.startswith("feil: ") and "avvik.yaml" in err
