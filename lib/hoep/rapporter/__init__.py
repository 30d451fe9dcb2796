"""Reports: run the notebooks with papermill for one or more scenarios and convert them to HTML.

Each notebook in ``notebooks/`` with a cell tagged ``parameters`` becomes a report in
``reports/<scenario>/``, converted to HTML without code cells. A notebook's metadata ``hoep``
says how it is run:

- nothing: once, as ``<notebook>.html``;
- ``{"per": "omrade"}``: a template run once per service area (parameter ``omrade``), as
  ``omrade_<id>.html``; ``{"per": "sektor"}``: once per sector, as ``sektor_<id>.html``;
- ``{"instans_av": "<template>.ipynb", "parametre": {...}}``: a committed, executed instance of a
  template, kept for nbval; ``make notebooks`` refreshes it, reports skip it.

A run (:func:`lag_alle`, ``hoep rapporter``):

1. reads and validates every scenario file first; one bad file stops the run before anything runs;
2. expands notebooks × parameters × scenarios into jobs, and skips a job whose fingerprint (the
   notebook, the scenario file, ``data/``, ``lib/hoep`` and the versions of the packages that
   render) equals the one ``reports/<scenario>/manifest.json`` records for a report that
   succeeded; ``tving`` runs everything;
3. runs the rest in a pool of ``jobber`` worker processes (default: the number of cores), each
   report in a fresh kernel over IPC, started and warmed while the worker's previous report ran
   (:mod:`kjerner`); or, with ``klynge``, as tasks on a Dask cluster (:mod:`pool`);
4. writes each report and its CSV exports (``data/<report>/``, see :mod:`eksport`) to temporary
   names and renames them into place, so an interrupted run never leaves a half-written report
   where a good one was. A notebook that raises gets a page naming the cell and the error instead;
   the other jobs go on;
5. writes each scenario's ``index.html`` (failed reports marked), ``hoep.xlsx`` and manifest, and
   with several scenarios writes the comparison page.

``index.html`` lists the reports grouped by sector, with each area's 2022 frame and real change.

The modules, one concept each: :mod:`jobbliste` (which reports), :mod:`fingeravtrykk` (what a report
depends on, the manifest), :mod:`utforelse` (one job), :mod:`pool` (jobs side by side),
:mod:`konvertering` (HTML), :mod:`sider` (index, front page, failure page, comparison; Jinja2
templates in ``maler/``), :mod:`eksport` (CSV and the workbook), :mod:`filer` (atomic writes),
:mod:`kjoring` (a whole run), :mod:`kjerner` (kernels over IPC, warmed ahead) and :mod:`oppdatering`
(``make notebooks``).
"""

import importlib

# Imported with the package: light, and the function fingeravtrykk shares its module's name (an
# import of the submodule would otherwise rebind the package's attribute to the module).
from hoep.rapporter.fingeravtrykk import MANIFEST, fingeravtrykk, grunnlag, les_manifest
from hoep.rapporter.jobbliste import (
    AVBRUTT,
    FEILET,
    OK,
    UENDRET,
    Jobb,
    jobber,
    notatboker,
    notatbokmappe,
    tittel,
)

# Where each other public name lives: imported when first used, not with the package, because a
# report's kernel imports hoep.rapporter.eksport and should not pay for nbformat (whose jsonschema
# import alone takes seconds), papermill or the pool.
_MODULER = {
    "kjoring": ("Kjoring", "lag", "lag_alle"),
    "konvertering": ("til_html",),
    "oppdatering": ("oppdater_notatboker",),
    "pool": ("kjor_oppgaver", "samle", "standard_jobber"),
    "sider": ("ARBEIDSBOK",),
    "utforelse": ("Oppgave", "Resultat", "kjor", "utfor"),
}
_HVOR = {navn: modul for modul, navn_ in _MODULER.items() for navn in navn_}

__all__ = [
    "ARBEIDSBOK", "AVBRUTT", "FEILET", "MANIFEST", "OK", "UENDRET", "Jobb", "Kjoring", "Oppgave", "Resultat",
    "fingeravtrykk", "grunnlag", "jobber", "kjor", "kjor_oppgaver", "lag", "lag_alle", "les_manifest",
    "notatbokmappe", "notatboker", "oppdater_notatboker", "samle", "standard_jobber", "til_html", "tittel",
    "utfor",
]


def __getattr__(navn: str) -> object:
    if navn not in _HVOR:
        raise AttributeError(f"module 'hoep.rapporter' has no attribute {navn!r}")
    verdi = getattr(importlib.import_module(f"hoep.rapporter.{_HVOR[navn]}"), navn)
    globals()[navn] = verdi
    return verdi


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
