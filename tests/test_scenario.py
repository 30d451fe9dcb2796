"""Scenario files: validated whole, Norwegian errors naming the file and the key, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROT
from hoep.feil import ScenarioFeil
from hoep.parametre import forutsetninger, scenario
from hoep.parametre.basis import grunnscenario

# The base assumptions as the file states them (read with yaml, not via hoep).
BASE = yaml.safe_load((DATA / "forutsetninger.yaml").read_text(encoding="utf-8"))


def _skriv(tmp_path: Path, tekst: str, navn: str = "scenario.yaml") -> Path:
    fil = tmp_path / navn
    fil.write_text(tekst, encoding="utf-8")
    return fil


def _feil(fil: Path) -> str:
    with pytest.raises(ScenarioFeil) as e:
        scenario.les(fil)
    melding = str(e.value)
    assert str(fil) in melding, "feilmeldingen skal navngi filen"
    return melding


def test_standardfilen_er_scenarios_basis_yaml():
    assert scenario.standardfil() == ROT / "scenarios" / "basis.yaml"


def test_basis_lastes_uten_overstyringer():
    s = grunnscenario()
    assert s.navn == "basis"
    assert s.overstyringer == {}
    assert s.fil is None  # built from data/ alone, never from scenarios/basis.yaml
    assert s.beskrivelse.startswith("Kommunedirektørens forslag")
    fil = scenario.les()
    assert fil.fil == ROT / "scenarios" / "basis.yaml" and fil.overstyringer == {}
    assert set(s.forutsetninger) == set(BASE)
    assert s.verdi("deflator", 2022) == BASE["deflator"]["verdier"][2022]
    assert s.verdi("deflator", 2025) == BASE["deflator"]["verdier"][2022]


def test_les_uten_argument_gir_basis():
    assert scenario.les().navn == "basis"


def test_gyldig_overstyring_endrer_verdien(tmp_path):
    fil = _skriv(tmp_path, "navn: deflator_3\nbeskrivelse: Høyere vekst\n"
                           "forutsetninger:\n  deflator: 3.0\n")
    s = scenario.les(fil)
    assert s.navn == "deflator_3"
    assert s.fil == fil
    assert s.overstyringer == {"deflator": {2022: 3.0}}
    assert s.verdi("deflator", 2022) == 3.0
    assert s.verdi("deflator", 2025) == 3.0
    # Other assumptions are those of the base scenario.
    assert s.verdi("lonnsvekst", 2022) == BASE["lonnsvekst"]["verdier"][2022]


def test_overstyring_per_ar_gjelder_fra_aret(tmp_path):
    fil = _skriv(tmp_path, "navn: rente\nforutsetninger:\n  renteendring: {2024: 0.5}\n")
    s = scenario.les(fil)
    assert s.verdi("renteendring", 2023) == BASE["renteendring"]["verdier"][2022]
    assert s.verdi("renteendring", 2024) == 0.5
    assert s.verdi("renteendring", 2025) == 0.5


def test_en_verdi_uten_aar_gjelder_alle_aar(tmp_path):
    """kraftfond_avkastning is dated 2022 (3.4) and 2025 (3.5); a plain value replaces both, so it
    holds in 2025 too instead of being silently overtaken by the base's later value."""
    s = scenario.les(_skriv(tmp_path, "navn: k\nforutsetninger:\n  kraftfond_avkastning: 3.0\n"))
    assert [s.verdi("kraftfond_avkastning", a) for a in (2022, 2023, 2024, 2025)] == [3.0] * 4


def test_verdi_etter_siste_aar_den_brukes_avvises(tmp_path):
    """The deflator of kap. 8.11 is read for 2022 only (the real change of the fees); a value dated
    2024 would change nothing, so it is refused."""
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n  deflator: {2024: 3.0}\n"))
    assert "«2024» er ikke et år i 2022" in melding and "brukes for 2022" in melding
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n  sfo_heltid: {2023: 3200}\n"))
    assert "brukes for 2021 og 2022" in melding


def test_forutsetning_som_ingen_regel_leser_kan_ikke_overstyres(tmp_path):
    for navn in ("lonnsvekst", "prisvekst"):
        melding = _feil(_skriv(tmp_path, f"navn: x\nforutsetninger:\n  {navn}: 4.0\n"))
        assert f"«{navn}» kan ikke overstyres" in melding


def test_heltall_godtas_som_tall(tmp_path):
    s = scenario.les(_skriv(tmp_path, "navn: d4\nforutsetninger:\n  deflator: 4\n"))
    assert s.verdi("deflator", 2022) == 4.0


def test_ukjent_forutsetning_i_verdi_gir_scenariofeil():
    with pytest.raises(ScenarioFeil) as e:
        grunnscenario().verdi("rente", 2022)
    assert "«rente»" in str(e.value)
    assert "deflator" in str(e.value)


def test_ukjent_toppnokkel(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetning:\n  deflator: 3.0\n"))
    assert "ukjent nøkkel «forutsetning»" in melding
    assert "navn, beskrivelse, forutsetninger" in melding


def test_ukjent_forutsetning(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n  rentenivaa: 3.0\n"))
    assert "«forutsetninger.rentenivaa»" in melding
    assert "Tillatte:" in melding
    assert "deflator" in melding


@pytest.mark.parametrize("verdi, typenavn", [("'høy'", "str"), ("true", "bool"), ("null", "NoneType"),
                                             ("[3.0]", "list")])
def test_feil_type(tmp_path, verdi, typenavn):
    melding = _feil(_skriv(tmp_path, f"navn: x\nforutsetninger:\n  deflator: {verdi}\n"))
    assert "«forutsetninger.deflator»" in melding
    assert "må være et tall" in melding
    assert typenavn in melding


@pytest.mark.parametrize("verdi", ["15.1", "-5.5", "100"])
def test_utenfor_tillatt_omrade(tmp_path, verdi):
    melding = _feil(_skriv(tmp_path, f"navn: x\nforutsetninger:\n  deflator: {verdi}\n"))
    assert "«forutsetninger.deflator»" in melding
    assert "utenfor det tillatte området" in melding
    lav, hoy = BASE["deflator"]["tillatt"]
    assert f"{lav:g}–{hoy:g}".replace("-", "\u2212") in melding  # Norwegian: «−5–15 prosent»


@pytest.mark.parametrize("verdi", ["15.0", "-5.0"])
def test_grensene_er_tillatt(tmp_path, verdi):
    s = scenario.les(_skriv(tmp_path, f"navn: x\nforutsetninger:\n  deflator: {verdi}\n"))
    assert s.verdi("deflator", 2022) == float(verdi)


def test_ugyldig_ar(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n  deflator: {'2023': 3.0}\n"))
    assert "«forutsetninger.deflator»" in melding
    assert "ikke et år i 2022" in melding


def test_forutsetning_som_ikke_kan_overstyres(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n"
                                     "  mal_korrigert_netto_driftsresultat: 2.0\n"))
    assert "«mal_korrigert_netto_driftsresultat»" in melding
    assert "kan ikke overstyres" in melding


@pytest.mark.parametrize("navn", ["Mitt Scenario", "æøå", "-start", "a/b", "''", "42x!", "null"])
def test_ugyldig_navn(tmp_path, navn):
    melding = _feil(_skriv(tmp_path, f"navn: {navn}\n"))
    assert "«navn»" in melding
    assert "små bokstaver a-z, sifre, _ og -" in melding


def test_manglende_navn(tmp_path):
    assert "«navn»" in _feil(_skriv(tmp_path, "beskrivelse: uten navn\n"))


def test_beskrivelse_som_ikke_er_tekst(tmp_path):
    assert "«beskrivelse» må være tekst" in _feil(_skriv(tmp_path, "navn: x\nbeskrivelse: [1, 2]\n"))


def test_forutsetninger_som_ikke_er_oppslag(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger: [deflator]\n"))
    assert "«forutsetninger» må være et oppslag" in melding


def test_manglende_fil(tmp_path):
    melding = _feil(tmp_path / "finnes_ikke.yaml")
    assert "finnes ikke" in melding


def test_ugyldig_yaml(tmp_path):
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger: {deflator: 3.0\n"))
    assert "ugyldig YAML" in melding


@pytest.mark.parametrize("tekst", ["- navn: x\n", "bare tekst\n", "", "42\n"])
def test_ikke_et_oppslag(tmp_path, tekst):
    melding = _feil(_skriv(tmp_path, tekst))
    assert "må være et YAML-oppslag" in melding
    assert "navn, beskrivelse, forutsetninger" in melding


def test_alt_eller_ingenting(tmp_path):
    fil = _skriv(tmp_path, "navn: blandet\nforutsetninger:\n  deflator: 3.0\n  renteendring: 99.0\n")
    melding = _feil(fil)
    assert "«forutsetninger.renteendring»" in melding
    # The good override was not applied anywhere: the base assumptions are as in the file.
    alle = forutsetninger.alle()
    for navn, post in BASE.items():
        assert alle[navn].verdier == post["verdier"], navn
    assert grunnscenario().verdi("deflator", 2022) == BASE["deflator"]["verdier"][2022]


def test_gyldig_scenario_endrer_ikke_basisforutsetningene(tmp_path):
    scenario.les(_skriv(tmp_path, "navn: d9\nforutsetninger:\n  renteendring: {2022: 9.0, 2024: 1.0}\n"))
    assert forutsetninger.alle()["renteendring"].verdier == BASE["renteendring"]["verdier"]
    assert grunnscenario().verdi("renteendring", 2024) == BASE["renteendring"]["verdier"][2022]


def test_scenario_leser_forutsetninger_fra_hoep_data(kopi_av_data, tmp_path):
    # A scenario validates against the assumptions of the data folder in use.
    fil = kopi_av_data / "forutsetninger.yaml"
    innhold = yaml.safe_load(fil.read_text(encoding="utf-8"))
    innhold["deflator"]["tillatt"] = [0.0, 2.0]
    fil.write_text(yaml.safe_dump(innhold, allow_unicode=True), encoding="utf-8")
    melding = _feil(_skriv(tmp_path, "navn: x\nforutsetninger:\n  deflator: 3.0\n"))
    assert "0–2" in melding


@pytest.mark.parametrize("fil", sorted((ROT / "scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_som_oppslag_gir_samme_scenario_tilbake(fil):
    scen = scenario.les(fil)
    oppslag = scenario.som_oppslag(scen)
    assert set(oppslag) <= set(yaml.safe_load(fil.read_text(encoding="utf-8"))) | {"beskrivelse"}
    igjen = scenario.fra_oppslag(yaml.safe_load(yaml.safe_dump(oppslag, allow_unicode=True)))
    assert (igjen.navn, igjen.overstyringer, igjen.klima, igjen.budsjett, igjen.disponering) == (
        scen.navn, scen.overstyringer, scen.klima, scen.budsjett, scen.disponering)
