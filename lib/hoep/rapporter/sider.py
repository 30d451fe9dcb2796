"""The pages a run writes besides the reports, from the Jinja2 templates in ``maler/``.

- ``indeks.html``: a scenario's index, every report by sector, failed ones marked;
- ``forside.html``: ``reports/index.html`` after a run over several scenarios;
- ``feilside.html``: the page that stands in for a report whose notebook failed;
- ``sammenligning.html``: the scenarios of one run side by side (content from
  :mod:`hoep.visning.sammenligning`).

Every template extends ``side.html`` and is rendered with autoescaping, so text from a scenario
file or a data file (a name, a description, a tiltak) is always shown as text, never as markup.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from hoep import tall
from hoep.parametre import scenario as sc
from hoep.rapporter.jobbliste import AVBRUTT, FEILET, Jobb

ARBEIDSBOK = "hoep.xlsx"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_miljo = Environment(loader=PackageLoader("hoep.rapporter", "maler"),
                     autoescape=select_autoescape(["html"]), undefined=StrictUndefined, trim_blocks=True,
                     lstrip_blocks=True, keep_trailing_newline=True)


def side(sidemal: str, **verdier: object) -> str:
    """Render the template ``sidemal`` (a file in ``maler/``) with ``verdier``, autoescaped."""
    return _miljo.get_template(sidemal).render(**verdier)


def feilside(tittel: str, scenario: str, notatbok: str, parametre: dict, overskrift: str, forklaring: str,
             celle: str = "", spor: str = "") -> str:
    """The page that stands in for a report whose notebook failed: which notebook, cell and error."""
    parametertekst = ", ".join(f"{k} = {v}" for k, v in parametre.items() if k != "scenario") or "ingen"
    return side("feilside.html", tittel=tittel, scenario=scenario, notatbok=notatbok,
                parametre=parametertekst, overskrift=overskrift, forklaring=forklaring, celle=celle,
                spor=_ANSI.sub("", spor))


def forside(scenarier: list[sc.Scenario]) -> str:
    """``reports/index.html`` after a run over several scenarios: their reports and the comparison."""
    return side("forside.html", scenarier=scenarier)


def indeks(scen: sc.Scenario, laget: list[Jobb], status: dict[str, object] | None = None,
           flere: bool = False) -> str:
    """The scenario's front page: every report by sector, failed ones marked (``status``: result by file).

    ``flere``: the run had several scenarios, so the navigation line links the page over all of
    them and the comparison.
    """
    from hoep.modell import omrader as omrade

    feilet = [f for f, r in (status or {}).items() if r.status in (FEILET, AVBRUTT)]
    oversikt = omrade.oversikt().set_index("omrade")
    sektorer = []
    for s in omrade.sektorer():
        sektorjobb = [j for j in laget if j.sektor == s and j.omrade is None]
        rader = [{"jobb": j, "ramme": tall.tekst(oversikt.at[j.omrade, "ramme_2022"], 1),
                  # blank where the area has no frame table
                  "reell": tall.tekst(oversikt.at[j.omrade, "reell_endring_2022"], 1)}
                 for j in laget if j.sektor == s and j.omrade]
        if rader or sektorjobb:
            sektorer.append({"navn": omrade.SEKTORNAVN[s], "jobb": sektorjobb[0] if sektorjobb else None,
                             "rader": rader})
    return side("indeks.html", scenario=scen, feilet=feilet, antall=len(laget),
                endringer=sc.beskriv_endringer(scen),
                felles=[j for j in laget if j.sektor is None and not j.notatbok.stem.startswith("laer_")],
                laering=[j for j in laget if j.notatbok.stem.startswith("laer_")], sektorer=sektorer,
                arbeidsbok=ARBEIDSBOK, flere=flere)


def sammenligning(scenarier: list[sc.Scenario]) -> str:
    """The comparison page for the scenarios of one run (:func:`hoep.visning.sammenligning.innhold`)."""
    from hoep.visning import sammenligning as s

    return side("sammenligning.html", **s.innhold(scenarier))
