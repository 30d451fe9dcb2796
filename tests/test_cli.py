"""The command line: output formats, Norwegian messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KATALOGFIL, ROT
from hoep import cli

NB = "\u00a0"
M = "\u2212"
GJELD = "tabell_8_15_gjeldsutvikling"


def _kjor(capsys, *argv: str) -> tuple[int, str, str]:
    kode = cli.main(list(argv))
    ut = capsys.readouterr()
    return kode, ut.out, ut.err


def _streng_json(tekst: str):
    """Parse JSON, refusing NaN/Infinity (not valid JSON for other tools)."""
    def nekt(konstant):
        raise ValueError(f"ugyldig JSON-konstant {konstant}")
    return json.loads(tekst, parse_constant=nekt)


# --- hoep tabeller ----------------------------------------------------------------------------


def test_tabeller_json(capsys):
    kode, ut, err = _kjor(capsys, "tabeller", "--format", "json")
    assert kode == 0
    assert err == ""
    poster = _streng_json(ut)
    katalog = json.loads(KATALOGFIL.read_text(encoding="utf-8"))["resources"]
    assert isinstance(poster, list)
    assert [p["id"] for p in poster] == [r["name"] for r in katalog]
    for p in poster:
        assert {"id", "trykt_nummer", "kapittel", "tittel", "enhet", "prisbasis", "familie"} <= set(p)
        assert isinstance(p["kapittel"], int)
        assert p["trykt_nummer"] is None or isinstance(p["trykt_nummer"], str)
    gjeld = next(p for p in poster if p["id"] == GJELD)
    assert gjeld == {"id": GJELD, "trykt_nummer": "Tabell 8-15", "kapittel": 8,
                     "tittel": "Gjeldsutvikling", "enhet": "mill. kr", "prisbasis": "løpende",
                     "familie": "okonomi", "omrade": None, "beregnes": True}


def test_tabeller_kapittelfilter(capsys):
    kode, ut, _ = _kjor(capsys, "tabeller", "--kapittel", "9", "--format", "json")
    assert kode == 0
    assert {p["kapittel"] for p in json.loads(ut)} == {9}
    assert len(json.loads(ut)) == 2


def test_tabeller_csv_og_tabell(capsys):
    kode, ut, _ = _kjor(capsys, "tabeller", "--format", "csv")
    assert kode == 0
    rader = list(csv.reader(io.StringIO(ut)))
    assert rader[0] == ["id", "trykt_nummer", "kapittel", "tittel", "enhet", "prisbasis", "familie",
                        "omrade", "beregnes"]
    assert [GJELD, "Tabell 8-15", "8", "Gjeldsutvikling", "mill. kr", "løpende", "okonomi", "",
            "true"] in rader
    antall = len(rader) - 1

    kode, ut, _ = _kjor(capsys, "tabeller")
    assert kode == 0
    assert GJELD in ut
    beregnes = sum(r[-1] == "true" for r in rader[1:])
    assert f"{antall} tabeller, {beregnes} regnes ut av budsjettmotoren" in ut


# --- hoep tabell ID ---------------------------------------------------------------------------


def test_tabell_json(capsys):
    kode, ut, err = _kjor(capsys, "tabell", GJELD, "--format", "json")
    assert kode == 0
    assert err == ""
    t = _streng_json(ut)
    assert {"id", "tittel", "enhet", "prisbasis", "kolonner", "rader"} <= set(t)
    assert t["id"] == GJELD
    assert t["tittel"] == "Gjeldsutvikling"
    assert t["enhet"] == "mill. kr"
    assert t["prisbasis"] == "løpende"
    assert t["kolonner"] == ["budsjett_2022", "budsjett_2023", "budsjett_2024", "budsjett_2025"]
    assert [r["rad_id"] for r in t["rader"]] == [
        "lanegjeld_1_1", "laneopptak", "lovpalagte_minimumsavdrag", "ovrige_avdrag", "lanegjeld_31_12"]
    for r in t["rader"]:
        assert {"rad", "verdier"} <= set(r)
        assert set(r["verdier"]) == set(t["kolonner"])
        for v in r["verdier"].values():
            assert v is None or (isinstance(v, int | float) and not isinstance(v, bool))
    avdrag = next(r for r in t["rader"] if r["rad_id"] == "lovpalagte_minimumsavdrag")
    assert avdrag["rad"] == "Lovpålagte minimumsavdrag"
    # Published sign: repayments are printed negative; plain JSON numbers, not strings.
    assert avdrag["verdier"] == {"budsjett_2022": -622, "budsjett_2023": -669,
                                 "budsjett_2024": -677, "budsjett_2025": -687}
    assert '"budsjett_2022": -622' in ut


def test_tabell_json_tom_celle_er_null(capsys):
    kode, ut, _ = _kjor(capsys, "tabell", "bevilgningsoversikt_investering", "--format", "json")
    assert kode == 0
    t = _streng_json(ut)
    rad = next(r for r in t["rader"] if r["rad_id"] == "utlan_av_egne_midler")
    assert rad["verdier"]["budsjett_2022"] is None
    assert rad["verdier"]["regnskap_2020"] == 401


def test_tabell_json_desimaler(capsys):
    _, ut, _ = _kjor(capsys, "tabell", "ramme_naering", "--format", "json")
    rad = next(r for r in _streng_json(ut)["rader"] if r["rad_id"] == "driftsutgifter")
    assert rad["verdier"]["budsjett_2021"] == 22.9
    assert rad["verdier"]["budsjett_2022"] == 19


@pytest.mark.parametrize("tabell_id", [r["name"] for r in
                                       json.loads(KATALOGFIL.read_text("utf-8"))["resources"]])
def test_hver_tabell_gir_gyldig_json(tabell_id):
    innhold = cli.tabell_som_json(tabell_id)
    tekst = json.dumps(innhold, ensure_ascii=False, allow_nan=False)
    assert json.loads(tekst)["id"] == tabell_id


def test_tabell_csv(capsys):
    kode, ut, _ = _kjor(capsys, "tabell", GJELD, "--format", "csv")
    assert kode == 0
    rader = list(csv.reader(io.StringIO(ut)))
    assert rader[0] == ["rad_id", "rad", "budsjett_2022", "budsjett_2023", "budsjett_2024", "budsjett_2025"]
    assert rader[3] == ["lovpalagte_minimumsavdrag", "Lovpålagte minimumsavdrag",
                        "-622", "-669", "-677", "-687"]
    assert len(rader) == 6


def test_tabell_csv_tom_celle(capsys):
    _, ut, _ = _kjor(capsys, "tabell", "bevilgningsoversikt_investering", "--format", "csv")
    rad = next(r for r in csv.DictReader(io.StringIO(ut)) if r["rad_id"] == "utlan_av_egne_midler")
    assert rad["budsjett_2022"] == ""
    assert rad["regnskap_2020"] == "401"


def test_tabell_som_tekst_bruker_norsk_tallformat(capsys):
    kode, ut, _ = _kjor(capsys, "tabell", GJELD)
    assert kode == 0
    assert "Tabell 8-15 Gjeldsutvikling" in ut
    assert "løpende priser" in ut
    assert f"17{NB}525" in ut
    assert f"{M}622" in ut
    assert "-622" not in ut
    assert "Lovpålagte minimumsavdrag" in ut


def test_tabell_som_tekst_med_desimaler(capsys):
    _, ut, _ = _kjor(capsys, "tabell", "ramme_naering")
    assert "22,9" in ut
    assert f"{M}1,4" in ut


def test_ukjent_tabell(capsys):
    kode, ut, err = _kjor(capsys, "tabell", "tabell_8_99")
    assert kode == 2
    assert ut == ""
    assert err.startswith("feil: ")
    assert "Ukjent tabell «tabell_8_99»" in err
    assert "hoep tabeller" in err
    assert len(err.strip().splitlines()) == 1


def test_odelagt_datafil_gir_feil_og_kode_2(capsys, kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    sti.write_text(sti.read_text(encoding="utf-8").replace("2282", "2282,5", 1), encoding="utf-8")
    kode, ut, err = _kjor(capsys, "tabell", GJELD)
    assert kode == 2
    assert err.startswith("feil: ")
    assert str(sti) in err


# --- hoep kontroller --------------------------------------------------------------------------


def test_kontroller(capsys):
    kode, ut, err = _kjor(capsys, "kontroller")
    assert kode == 0
    assert err == ""
    assert "kjente avvik" in ut
    assert "0 feil." in ut
    assert "gjeld_sum_lan" in ut
    assert "kjent avvik" in ut


def test_kontroller_json_viser_bare_avvikene(capsys):
    kode, ut, _ = _kjor(capsys, "kontroller", "--format", "json")
    assert kode == 0
    poster = _streng_json(ut)
    assert poster
    assert {p["status"] for p in poster} == {"kjent avvik"}
    assert {"kontroll": "gjeld_sum_lan", "celle": "regnskap_2020"} in [
        {"kontroll": p["kontroll"], "celle": p["celle"]} for p in poster]


def test_kontroller_med_brudd_gir_kode_1(capsys, kopi_av_data):
    sti = kopi_av_data / "tabeller" / f"{GJELD}.csv"
    sti.write_text(sti.read_text(encoding="utf-8").replace("18870,19088", "18900,19088"), encoding="utf-8")
    kode, ut, _ = _kjor(capsys, "kontroller")
    assert kode == 1
    assert "brudd" in ut


# --- argparse -----------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["tabell", GJELD, "--format", "xml"],
    ["tabeller", "--format", "excel"],
    ["tabeller", "--kapittel", "åtte"],
    [],
    ["ukjent_kommando"],
])
def test_ugyldige_argumenter_gir_kode_2(capsys, argv):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
    assert capsys.readouterr().err != ""


# --- the installed console script, in a separate process --------------------------------------


def _hoep_kommando() -> list[str]:
    ved_siden = Path(sys.executable).with_name("hoep")
    if ved_siden.is_file():
        return [str(ved_siden)]
    funnet = shutil.which("hoep")
    return [funnet] if funnet else [sys.executable, "-m", "hoep.cli"]


def _prosess(*argv: str) -> subprocess.CompletedProcess:
    miljo = {k: v for k, v in os.environ.items() if k != "HOEP_DATA"}
    return subprocess.run([*_hoep_kommando(), *argv], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROT, env=miljo, timeout=60)


def test_konsollskriptet_finnes():
    assert Path(sys.executable).with_name("hoep").is_file() or shutil.which("hoep")


def test_prosess_tabeller_json():
    res = _prosess("tabeller", "--format", "json")
    assert res.returncode == 0, res.stderr
    poster = _streng_json(res.stdout)
    assert GJELD in [p["id"] for p in poster]


def test_prosess_ukjent_tabell_gir_kode_2():
    res = _prosess("tabell", "finnes_ikke")
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.startswith("feil: Ukjent tabell «finnes_ikke»")


def test_prosess_ugyldig_format_gir_kode_2():
    res = _prosess("tabell", GJELD, "--format", "xml")
    assert res.returncode == 2
    assert "--format" in res.stderr


def test_tabeller_filtrerer_pa_familie_og_omrade(capsys):
    kode, ut, _ = _kjor(capsys, "tabeller", "--familie", "tiltak", "--omrade", "skole", "--format", "json")
    assert kode == 0
    assert [p["id"] for p in json.loads(ut)] == ["tabell_14_3_tiltak_skole"]


def test_scenario_sjekk_gyldig_og_ugyldig(tmp_path, capsys):
    eksempel = Path(__file__).resolve().parents[1] / "scenarios" / "klima_uten_fjernvarmetiltak.yaml"
    assert cli.main(["scenario", "sjekk", str(eksempel)]) == 0
    ut = capsys.readouterr().out
    assert "er gyldig" in ut and "fjerner tiltak t03" in ut
    fil = tmp_path / "feil.yaml"
    fil.write_text("navn: feil\nforutsetninger:\n  deflator: tre\n", encoding="utf-8")
    assert cli.main(["scenario", "sjekk", str(fil)]) == 2
    err = capsys.readouterr().err
    assert str(fil) in err and "forutsetninger.deflator" in err


# --- the budget model (issue 4) ------------------------------------------------------------------

NOKKELTALL_JSON = {"frie_inntekter", "eiendomsskatt", "netto_driftsresultat", "netto_finansutgifter",
                   "renteutgifter", "avdrag", "investeringer", "laneopptak", "minimumsavdrag",
                   "ovrige_avdrag", "lanegjeld_ub", "kapitalutgifter_pst",
                   "korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst", "disposisjonsfond_ub"}


def test_nokkeltall_json(capsys):
    assert cli.main(["nokkeltall", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["scenario"] == "basis"
    assert set(ut["aar"]) == {"2022", "2023", "2024", "2025"}
    assert NOKKELTALL_JSON <= set(ut["aar"]["2022"])
    # Natural signs: income and costs positive.
    assert ut["aar"]["2022"]["frie_inntekter"] == 11614
    assert ut["aar"]["2022"]["renteutgifter"] > 0


def test_nokkeltall_tabell_og_csv(capsys):
    assert cli.main(["nokkeltall", "--scenario", "scenarios/rente_pluss_1.yaml"]) == 0
    ut = capsys.readouterr().out
    assert "rente_pluss_1" in ut and "Kapitalutgifter" in ut and "614,0" in ut
    assert cli.main(["nokkeltall", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("nokkel,navn,enhet,prisbasis,2022,2023,2024,2025\n")


def test_scenario_diff(capsys):
    assert cli.main(["scenario", "diff", "scenarios/alternativt_budsjett.yaml"]) == 0
    ut = capsys.readouterr().out
    assert "alternativt_budsjett» minus «basis»" in ut
    assert "Stabbursmoen skole" in ut
    assert cli.main(["scenario", "diff", "scenarios/basis.yaml", "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert all(abs(v) < 1e-9 for ar in ut["aar"].values() for v in ar.values())


@pytest.mark.parametrize("innhold,bit", [
    ("navn: x\ntiltak:\n  fjern: [skole/t99]\n", "skole/t99"),
    ("navn: x\ninvesteringer: [1, 2]\n", "«investeringer»"),
    ("navn: NO\n", "«navn»"),
    ("navn: x\nforutsetninger:\n  renteendring: {2022: [1]}\n", "renteendring"),
    ("navn: x\n  feil: innrykk\n", "ugyldig YAML"),
])
def test_ugyldig_scenario_gir_kode_2_for_alle_kommandoer(tmp_path, capsys, innhold, bit):
    fil = tmp_path / "s.yaml"
    fil.write_text(innhold, encoding="utf-8")
    for kommando in (["scenario", "sjekk", str(fil)], ["scenario", "diff", str(fil)],
                     ["nokkeltall", "--scenario", str(fil)]):
        assert cli.main(kommando) == 2
        feil = capsys.readouterr().err
        assert feil.startswith("feil: ") and str(fil) in feil and bit in feil


def test_maltall_json_per_aar_med_aarets_maal(tmp_path, capsys):
    fil = tmp_path / "m.yaml"
    fil.write_text("navn: m\nforutsetninger:\n  mal_gjeldsgrad: {2024: 60}\n", encoding="utf-8")
    assert cli.main(["maltall", "--scenario", str(fil), "--format", "json"]) == 0
    ut = json.loads(capsys.readouterr().out)
    assert ut["scenario"] == "m" and set(ut["aar"]) == {"2022", "2023", "2024", "2025"}
    gjeld = {a: v["gjeldsgrad_pst"] for a, v in ut["aar"].items()}
    assert [gjeld[a]["ovre"] for a in sorted(gjeld)] == [70, 70, 60, 60]
    assert all(g["nedre"] is None for g in gjeld.values())
    # 69.3 % in 2024 is within the plan's 70 % but over the scenario's 60 %.
    assert gjeld["2024"]["status"] == "over målet"
    assert set(ut["aar"]["2022"]) == {"korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst",
                                      "kapitalutgifter_pst", "disposisjonsfond_pst"}
    for v in ut["aar"]["2022"].values():
        assert set(v) == {"verdi", "nedre", "ovre", "status"}


def test_maltall_tabell_og_csv(capsys):
    assert cli.main(["maltall"]) == 0
    tekst = capsys.readouterr().out
    assert "Måltallene 2022-2025, scenario «basis»" in tekst and "1,5\u00a0%" in tekst
    assert cli.main(["maltall", "--format", "csv"]) == 0
    linjer = capsys.readouterr().out.splitlines()
    assert linjer[0] == "ar,maltall,verdi,nedre,ovre,status" and len(linjer) == 17
