"""The project setup: one dependency list in two files, the two commands, CI and generated reports."""

from __future__ import annotations

import importlib
import re
import tomllib

import pytest
import yaml

from conftest import ROT

PYPROJECT = tomllib.loads((ROT / "pyproject.toml").read_text(encoding="utf-8"))
_KRAV = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*$")


def _normaliser(krav: str) -> tuple[str, str]:
    """``"PyYAML >= 6.0"`` → ``("pyyaml", ">=6.0")``: PEP 503 name, spec without spaces."""
    treff = _KRAV.match(krav)
    assert treff, f"kan ikke lese kravet «{krav}»"
    navn = re.sub(r"[-_.]+", "-", treff.group(1)).lower()
    return navn, re.sub(r"\s+", "", treff.group(3))


@pytest.mark.parametrize("krav, forventet", [
    ("pandas>=2.2", ("pandas", ">=2.2")),
    ("PyYAML >= 6.0", ("pyyaml", ">=6.0")),
    ("pytest_xdist>=3.5", ("pytest-xdist", ">=3.5")),
    ("ruff", ("ruff", "")),
    ("zope.interface==6.0", ("zope-interface", "==6.0")),
    ("nbval>=0.11,<1", ("nbval", ">=0.11,<1")),
])
def test_normaliser(krav, forventet):
    assert _normaliser(krav) == forventet


def _fra_pyproject() -> dict[str, str]:
    krav = [*PYPROJECT["project"]["dependencies"],
            *(k for gruppe in PYPROJECT["project"]["optional-dependencies"].values() for k in gruppe)]
    return dict(_normaliser(k) for k in krav)


def _fra_environment() -> dict[str, str]:
    miljo = yaml.safe_load((ROT / "environment.yml").read_text(encoding="utf-8"))
    krav: list[str] = []
    for post in miljo["dependencies"]:
        if isinstance(post, dict):
            krav.extend(k for k in post.get("pip", []) if not k.strip().startswith("-e"))
        else:
            krav.append(post)
    ut = dict(_normaliser(k) for k in krav)
    ut.pop("python", None)
    ut.pop("pip", None)
    return ut


def test_environment_yml_har_de_samme_avhengighetene_som_pyproject():
    pyproject = _fra_pyproject()
    miljo = _fra_environment()
    assert len(pyproject) >= 10
    assert miljo == pyproject


def test_environment_yml_installerer_prosjektet_og_riktig_python():
    miljo = yaml.safe_load((ROT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(p["pip"] for p in miljo["dependencies"] if isinstance(p, dict))
    assert "-e ." in [k.strip() for k in pip]
    python = next(p for p in miljo["dependencies"] if isinstance(p, str) and p.startswith("python"))
    assert _normaliser(python)[1] == PYPROJECT["project"]["requires-python"]


def test_readme_begynner_med_make_reports_og_make_test():
    readme = ROT / "README.md"
    assert readme.is_file(), "README.md mangler"
    blokker = re.findall(r"^```[^\n]*\n(.*?)^```", readme.read_text(encoding="utf-8"), re.M | re.S)
    kommandoer = [linje.strip().removeprefix("$ ").strip()
                  for blokk in blokker for linje in blokk.splitlines()
                  if linje.strip() and not linje.strip().startswith("#")]
    assert kommandoer[:2] == ["make reports", "make test"]


def test_makefile_har_reports_og_test():
    makefile = (ROT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^reports:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)


def test_konsollskript_hoep():
    assert PYPROJECT["project"]["scripts"]["hoep"] == "hoep.cli:main"
    modul, funksjon = PYPROJECT["project"]["scripts"]["hoep"].split(":")
    assert callable(getattr(importlib.import_module(modul), funksjon))


def test_ci_kjorer_make_test():
    linjer = (ROT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    kommandoer = [linje.strip() for linje in linjer if linje.strip() and not linje.strip().startswith("#")]
    assert any(re.match(r"^make\s+test(\s|$)", k) for k in kommandoer)


def test_genererte_rapporter_er_ikke_i_git():
    gitignore = [linje.strip() for linje in (ROT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    assert "reports/*" in gitignore
    assert "!reports/README.md" in gitignore
    # The negation must come after the pattern it re-includes from.
    assert gitignore.index("!reports/README.md") > gitignore.index("reports/*")
    assert (ROT / "reports" / "README.md").is_file()
