"""The published tables as data: the catalogue, loading, validation and the errors users see."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from pathlib import Path

import pytest

from conftest import KATALOGFIL, TABELLER, les_csv, tom_mellomlager
from hoep import data
from hoep.feil import DataFeil

# The catalogue read with json only, so the parametrisation does not depend on the loader.
KATALOG = json.loads(KATALOGFIL.read_text(encoding="utf-8"))
RESSURSER = {r["name"]: r for r in KATALOG["resources"]}
IDER = [r["name"] for r in KATALOG["resources"]]
TABELLPRISBASER = {"løpende", "faste_2022", "blandet", "ingen"}
KOLONNEPRISBASER = {"løpende", "faste_2022", "ingen"}


def _tallfelt(ressurs: dict) -> list[dict]:
    return [f for f in ressurs["schema"]["fields"] if f["type"] == "number"]


# --- every table loads ------------------------------------------------------------------------


@pytest.mark.parametrize("tabell_id", IDER)
def test_tabellen_lastes_og_svarer_til_csv_filen(tabell_id):
    ressurs = RESSURSER[tabell_id]
    ra = les_csv(KATALOGFIL.parent / ressurs["path"])
    df = data.tabell(tabell_id)

    assert len(ra) > 0
    assert list(df.index) == [r["rad_id"] for r in ra]
    assert df.index.is_unique
    feltnavn = [f["name"] for f in ressurs["schema"]["fields"]]
    assert list(df.columns) == feltnavn[1:]
    for felt in _tallfelt(ressurs):
        kol = felt["name"]
        assert df[kol].dtype == "float64"
        for rad in ra:
            celle = rad[kol].strip()
            verdi = df.at[rad["rad_id"], kol]
            if celle == "":
                assert math.isnan(verdi), f"{tabell_id} {rad['rad_id']}/{kol}: tom celle skal bli NaN"
            else:
                assert verdi == float(celle)


def test_valider_alt_laster_hele_katalogen():
    assert data.valider_alt() == IDER


def test_tabell_gir_en_kopi():
    df = data.tabell("tabell_8_15_gjeldsutvikling")
    df.loc["laneopptak", "budsjett_2022"] = 0.0
    assert data.verdi("tabell_8_15_gjeldsutvikling", "laneopptak", "budsjett_2022") == 2282


# --- the catalogue ----------------------------------------------------------------------------


def test_katalogen_fra_hoep_er_den_samme_som_i_filen():
    kat = data.katalog()
    assert list(kat["id"]) == IDER
    assert list(kat["trykt_nummer"].fillna("")) == [RESSURSER[i]["trykt_nummer"] or "" for i in IDER]
    assert list(kat["prisbasis"]) == [RESSURSER[i]["prisbasis"] for i in IDER]


def test_tabell_id_er_unik():
    dubletter = [i for i, n in Counter(IDER).items() if n > 1]
    assert dubletter == []


@pytest.mark.parametrize("tabell_id", IDER)
def test_katalogfeltene_er_gyldige(tabell_id):
    r = RESSURSER[tabell_id]
    assert isinstance(r["kapittel"], int) and not isinstance(r["kapittel"], bool)
    assert r["prisbasis"] in TABELLPRISBASER
    assert r["desimaler"] in (0, 1, 2, 3)
    assert r["enhet"]
    assert r["title"]
    assert r["trykt_nummer"] is None or r["trykt_nummer"].startswith("Tabell ")
    start, slutt = r["kildelinjer"]
    assert 0 < start <= slutt
    assert [f["name"] for f in r["schema"]["fields"][:2]] == ["rad_id", "rad"]
    tallfelt = _tallfelt(r)
    if not tallfelt:  # a text table (e.g. Tabell 7-3 or 14.6): no money, and more than a label
        assert r["prisbasis"] == "ingen"
        assert len(r["schema"]["fields"]) > 2
    for f in tallfelt:
        assert f.get("prisbasis") in KOLONNEPRISBASER, f["name"]
        assert "ar" in f, f["name"]
        assert f["ar"] is None or (isinstance(f["ar"], int) and 2009 <= f["ar"] <= 2030), f["name"]


@pytest.mark.parametrize("tabell_id", IDER)
def test_blandet_prisbasis_hvis_og_bare_hvis_kolonnene_har_ulik_prisbasis(tabell_id):
    r = RESSURSER[tabell_id]
    kolonnebaser = {f["prisbasis"] for f in _tallfelt(r)} or {"ingen"}
    if len(kolonnebaser) > 1:
        assert r["prisbasis"] == "blandet"
    else:
        assert r["prisbasis"] == kolonnebaser.pop()


def test_blandede_tabeller_finnes_og_har_lopende_for_2022_og_faste_fra_2022():
    blandede = [r for r in KATALOG["resources"] if r["prisbasis"] == "blandet"]
    assert len(blandede) >= 3
    for r in blandede:
        # Money columns of a year: løpende before 2022, faste 2022-kroner from 2022 (kap. 2's rule).
        # A table may also be «blandet» by mixing money with counts (Tabell 15-1: årsverk and kr).
        for f in _tallfelt(r):
            if f["prisbasis"] == "ingen" or f["ar"] is None:
                continue
            forventet = "løpende" if f["ar"] < 2022 else "faste_2022"
            assert f["prisbasis"] == forventet, f"{r['name']}/{f['name']}"


def test_kapitlene_2_3_8_og_9_er_med():
    kapitler = {r["kapittel"] for r in KATALOG["resources"]}
    assert {2, 3, 8, 9} <= kapitler


def test_to_tabeller_er_trykt_som_tabell_8_23():
    ider = [r["name"] for r in KATALOG["resources"] if r["trykt_nummer"] == "Tabell 8-23"]
    assert len(ider) == 2
    assert len(set(ider)) == 2
    assert {"tabell_8_23_avdrag", "tabell_8_23_demografi_og_areal"} == set(ider)


def test_minst_25_rammetabeller():
    rammer = [i for i in IDER if i.startswith("ramme_")]
    assert len(rammer) >= 25
    assert all(RESSURSER[i]["kapittel"] == 2 for i in rammer)


def test_datafilene_og_katalogen_samsvarer():
    filer = {p.name for p in TABELLER.glob("*.csv")}
    i_katalogen = {Path(r["path"]).name for r in KATALOG["resources"]}
    assert filer == i_katalogen


# --- lookups and the long form ----------------------------------------------------------------


def test_verdi_leser_en_publisert_celle():
    assert data.verdi("tabell_8_15_gjeldsutvikling", "lovpalagte_minimumsavdrag", "budsjett_2023") == -669
    assert math.isnan(data.verdi("bevilgningsoversikt_investering", "utlan_av_egne_midler",
                                 "budsjett_2022"))


def test_verdi_med_ukjent_rad_navngir_tabellen_og_radene():
    with pytest.raises(DataFeil) as e:
        data.verdi("tabell_8_15_gjeldsutvikling", "finnes_ikke", "budsjett_2022")
    melding = str(e.value)
    assert "tabell_8_15_gjeldsutvikling" in melding
    assert "finnes_ikke" in melding
    assert "laneopptak" in melding


def test_verdi_med_ukjent_kolonne_navngir_kolonnene():
    with pytest.raises(DataFeil) as e:
        data.verdi("tabell_8_15_gjeldsutvikling", "laneopptak", "budsjett_2030")
    assert "budsjett_2030" in str(e.value)
    assert "budsjett_2022" in str(e.value)


@pytest.mark.parametrize("tabell_id", IDER)
def test_lang_har_en_rad_per_tallcelle_med_ar_og_prisbasis(tabell_id):
    r = RESSURSER[tabell_id]
    ra = les_csv(KATALOGFIL.parent / r["path"])
    tallfelt = {f["name"]: f for f in _tallfelt(r)}
    lang = data.lang(tabell_id)

    assert len(lang) == len(ra) * len(tallfelt)
    assert {"rad_id", "rad", "kolonne", "verdi", "ar", "prisbasis", "enhet", "tabell"} <= set(lang.columns)
    assert set(zip(lang["rad_id"], lang["kolonne"], strict=True)) == {
        (rad["rad_id"], k) for rad in ra for k in tallfelt}
    for kol, felt in tallfelt.items():
        del_ = lang[lang["kolonne"] == kol]
        assert set(del_["prisbasis"]) == {felt["prisbasis"]}
        if felt["ar"] is None:
            assert del_["ar"].isna().all()
        else:
            assert set(del_["ar"]) == {felt["ar"]}
    if "enhet" in {f["name"] for f in r["schema"]["fields"]}:  # a unit per row (key figures, 7-1)
        assert set(lang["enhet"]) == {rad["enhet"] for rad in ra} if tallfelt else lang.empty
    else:
        assert set(lang["enhet"]) == ({r["enhet"]} if tallfelt else set())


def test_lang_beholder_verdien_og_aret():
    lang = data.lang("okonomisk_oversikt_drift")
    rad = lang[(lang["rad_id"] == "overfort_til_investering") & (lang["kolonne"] == "budsjett_2023")]
    assert len(rad) == 1
    assert rad["verdi"].iloc[0] == 246
    assert rad["ar"].iloc[0] == 2023
    assert rad["prisbasis"].iloc[0] == "faste_2022"
    rad = lang[(lang["rad_id"] == "overfort_til_investering") & (lang["kolonne"] == "regnskap_2020")]
    assert rad["prisbasis"].iloc[0] == "løpende"


def test_kilde_siterer_trykt_nummer_og_prisbasis():
    tekst = data.kilde("tabell_8_15_gjeldsutvikling")
    assert "Tabell 8-15" in tekst
    assert "løpende priser" in tekst
    assert "kap. 8" in tekst


# --- corrupted data: DataFeil naming the file and the problem ---------------------------------

GJELD = "tabell_8_15_gjeldsutvikling"


def _csv_linje(felt: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(felt)
    return buf.getvalue()


def _erstatt_linje(sti: Path, linjenr: int, ny: str) -> None:
    linjer = sti.read_text(encoding="utf-8").splitlines()
    linjer[linjenr - 1] = ny
    sti.write_text("\n".join(linjer) + "\n", encoding="utf-8")


def test_manglende_csv_fil(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    sti.unlink()
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert "mangler" in str(e.value)


@pytest.mark.parametrize("celle", ["12,5", "abc", "1 041", "\u2212622", "1e3", "12.", "--5"])
def test_celle_som_ikke_er_et_tall(kopi_av_data, celle):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 3, _csv_linje(["laneopptak", "Låneopptak", "2282", celle, "1299", "1468"]))
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    melding = str(e.value)
    assert str(sti) in melding
    assert "linje 3" in melding
    assert "budsjett_2023" in melding
    assert f"«{celle}» er ikke et tall" in melding


def test_gyldige_tall_med_mellomrom_og_desimaler_godtas(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 3, "laneopptak,Låneopptak, 2282 ,-0.5,,1468")
    df = data.tabell(GJELD)
    assert df.at["laneopptak", "budsjett_2022"] == 2282
    assert df.at["laneopptak", "budsjett_2023"] == -0.5
    assert math.isnan(df.at["laneopptak", "budsjett_2024"])


def test_feil_overskrift(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 1, "rad_id,rad,budsjett_2022,budsjett_2023,budsjett_2024,sum")
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert "kolonnene er" in str(e.value)
    assert "budsjett_2025" in str(e.value)


def test_dobbel_rad_id(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 4, "laneopptak,Lovpålagte minimumsavdrag,-622,-669,-677,-687")
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    melding = str(e.value)
    assert str(sti) in melding
    assert "linje 4" in melding
    assert "«laneopptak» forekommer to ganger" in melding


def test_ugyldig_rad_id(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 3, "Låneopptak,Låneopptak,2282,1149,1299,1468")
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert "ugyldig rad_id" in str(e.value)


@pytest.mark.parametrize("linje, antall", [
    ("laneopptak,Låneopptak,2282,1149,1299", 5),
    ("laneopptak,Låneopptak,2282,1149,1299,1468,0", 7),
])
def test_feil_antall_felt(kopi_av_data, linje, antall):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    _erstatt_linje(sti, 3, linje)
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert f"linje 3 har {antall} felt, forventet 6" in str(e.value)


def test_tom_csv_fil(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    sti.write_text("", encoding="utf-8")
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert "tom" in str(e.value)


def test_fil_som_ikke_er_utf8(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    sti.write_bytes(sti.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(sti) in str(e.value)
    assert "UTF-8" in str(e.value)


def test_ugyldig_json_i_katalogen(kopi_av_data):
    katalog = kopi_av_data / "datapackage.json"
    katalog.write_text(katalog.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    with pytest.raises(DataFeil) as e:
        data.katalog()
    assert str(katalog) in str(e.value)
    assert "ugyldig JSON" in str(e.value)


def test_manglende_katalog(kopi_av_data):
    katalog = kopi_av_data / "datapackage.json"
    katalog.unlink()
    with pytest.raises(DataFeil) as e:
        data.tabell(GJELD)
    assert str(katalog) in str(e.value)
    assert "mangler" in str(e.value)


def _endre_ressurs(mappe: Path, tabell_id: str, endring) -> Path:
    katalog = mappe / "datapackage.json"
    pakke = json.loads(katalog.read_text(encoding="utf-8"))
    ressurs = next(r for r in pakke["resources"] if r["name"] == tabell_id)
    endring(ressurs)
    katalog.write_text(json.dumps(pakke, ensure_ascii=False), encoding="utf-8")
    tom_mellomlager()
    return katalog


@pytest.mark.parametrize("nokkel", ["enhet", "prisbasis", "kapittel", "schema", "trykt_nummer"])
def test_manglende_nokkel_i_katalogen(kopi_av_data, nokkel):
    katalog = _endre_ressurs(kopi_av_data, GJELD, lambda r: r.pop(nokkel))
    with pytest.raises(DataFeil) as e:
        data.katalog()
    melding = str(e.value)
    assert str(katalog) in melding
    assert GJELD in melding
    assert f"«{nokkel}» mangler" in melding


@pytest.mark.parametrize("endring, forventet", [
    (lambda r: r.update(prisbasis="faste"), "«prisbasis» er «faste»"),
    (lambda r: r.update(kapittel="8"), "«kapittel» må være et heltall"),
    (lambda r: r.update(desimaler=4), "«desimaler»"),
    (lambda r: r["schema"]["fields"][2].pop("ar"), "mangler «ar»"),
    (lambda r: r["schema"]["fields"][2].update(prisbasis="blandet"), "mangler gyldig «prisbasis»"),
    (lambda r: r["schema"]["fields"][2].update(type="integer"), "type «integer»"),
])
def test_ugyldig_verdi_i_katalogen(kopi_av_data, endring, forventet):
    katalog = _endre_ressurs(kopi_av_data, GJELD, endring)
    with pytest.raises(DataFeil) as e:
        data.katalog()
    assert str(katalog) in str(e.value)
    assert forventet in str(e.value)


def test_dobbel_tabell_id_i_katalogen(kopi_av_data):
    katalog = _endre_ressurs(kopi_av_data, "tabell_8_16_laneopptak", lambda r: r.update(name=GJELD))
    with pytest.raises(DataFeil) as e:
        data.katalog()
    assert str(katalog) in str(e.value)
    assert f"«{GJELD}» forekommer to ganger" in str(e.value)


@pytest.mark.parametrize("tabell_id", ["tabell_8_99", "finnes_ikke", "Tabell 8-15"])
def test_ukjent_tabell_viser_til_hoep_tabeller(tabell_id):
    with pytest.raises(DataFeil) as e:
        data.tabell(tabell_id)
    melding = str(e.value)
    assert f"Ukjent tabell «{tabell_id}»" in melding
    assert "hoep tabeller" in melding


def test_ukjent_tabell_foreslar_nare_ider():
    with pytest.raises(DataFeil) as e:
        data.info("gjeldsutvikling")
    assert "Mente du: tabell_8_15_gjeldsutvikling?" in str(e.value)


def test_endret_fil_leses_pa_nytt_etter_nullstilling(kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    assert data.verdi(GJELD, "laneopptak", "budsjett_2022") == 2282
    _erstatt_linje(sti, 3, "laneopptak,Låneopptak,1,1149,1299,1468")
    data.nullstill_mellomlager()
    assert data.verdi(GJELD, "laneopptak", "budsjett_2022") == 1


def test_csv_fil_som_ikke_er_i_katalogen(kopi_av_data):
    ekstra = kopi_av_data / "tabeller" / "tabell_8_99_glemt.csv"
    ekstra.write_text("rad_id,rad,budsjett_2022\nx,X,1\n", encoding="utf-8")
    with pytest.raises(DataFeil) as e:
        data.valider_alt()
    assert str(ekstra) in str(e.value)
    assert "datapackage.json" in str(e.value)
