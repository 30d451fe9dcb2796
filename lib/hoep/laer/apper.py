"""The teaching notebooks as apps (``make app``): which, in what order, and how each page is prepared.

``make app`` runs ``hoep app`` (:mod:`hoep.cli.app`), a Voilà server on 127.0.0.1 that serves
the landing page :func:`forside` at ``/`` and the notebooks in :data:`APPER` at
``/voila/render/<app>.ipynb``, nothing else. This module holds what the apps are:

- :data:`APPER`: the notebooks, in the order to take them (the README lists them in this order);
- :func:`les_app`: each app's title (the notebook's first heading) and its list «Dette lærer du
  her», which the landing page (``maler/forside.html``, Jinja2, autoescaped) shows;
- :func:`forbered`: Voilà's prelaunch hook. Before a notebook runs for a learner it drops the cells
  tagged :data:`IKKE_I_APPEN` (text for JupyterLab and report readers, and the panel's static
  copy, which in the app would stand beside the live panel) and puts a navigation line at the top
  (all apps, the previous and the next one);
- ``maler/voila/templates/hoep``: the Voilà template, Voilà's lab template without its stylesheets
  from a CDN (Voilà's own bundle carries the icons), so an app fetches nothing from the internet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat

from hoep import data

APPER = ("laer_resultat", "laer_gjeld", "laer_husholdning", "laer_klima")  # the order to take them
IKKE_I_APPEN = "ikke_i_appen"  # cell tag: shown in JupyterLab and the reports, not in the app
BRUK = ("**Slik bruker du appen.** Panelet lenger ned regner på nytt hver gang du flytter en glidebryter, "
        "krysser av eller skriver inn et tall og trykker Enter. «Tilbakestill» gir standardvalgene igjen, "
        "og en ny lasting av siden begynner forfra. Tallene regnes med de samme reglene som rapportene.")
MALER = Path(__file__).resolve().parent / "maler"
VOILAMALER = MALER  # holds voila/templates/hoep; Voilà finds it through JUPYTER_PATH


def notatbokmappe() -> Path:
    """The project's ``notebooks/`` (the apps' kernels run there, so ``../scenarios/...`` resolves)."""
    return data.prosjektrot() / "notebooks"


@dataclass(frozen=True)
class App:
    """One app: its notebook, its title (the first heading) and what the learner learns."""

    navn: str
    tittel: str
    punkter: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"voila/render/{self.navn}.ipynb"

    @property
    def kort(self) -> str:
        """The title up to its colon («Lær gjelden»), for the navigation line."""
        return self.tittel.split(":")[0].strip()


def _ren(tekst: str) -> str:
    """Markdown emphasis and code marks removed: the landing page shows plain text (escaped by Jinja2)."""
    return " ".join(tekst.split()).replace("*", "").replace("`", "")


def les_app(navn: str, mappe: Path | None = None) -> App:
    """Title and «Dette lærer du her» list from the first Markdown cell of ``<navn>.ipynb``."""
    nb = nbformat.read(Path(mappe or notatbokmappe()) / f"{navn}.ipynb", as_version=4)
    forste = next(c for c in nb.cells if c.cell_type == "markdown")
    linjer = forste.source.splitlines()
    tittel = next((linje.lstrip("#").strip() for linje in linjer if linje.startswith("#")), navn)
    punkter: list[str] = []
    i_lista = False
    for linje in linjer:
        if "Dette lærer du her" in linje:
            i_lista = True
        elif i_lista and linje.startswith("- "):
            punkter.append(linje[2:])
        elif i_lista and punkter and linje.startswith("  ") and linje.strip():
            punkter[-1] += " " + linje.strip()
        elif i_lista and punkter and not linje.strip():
            break
    return App(navn, _ren(tittel), tuple(_ren(p) for p in punkter))


def apper(mappe: Path | None = None) -> list[App]:
    """The apps in the order to take them."""
    return [les_app(n, mappe) for n in APPER]


def forside(mappe: Path | None = None) -> str:
    """The landing page's HTML."""
    miljo = jinja2.Environment(loader=jinja2.FileSystemLoader(MALER), autoescape=True,
                               keep_trailing_newline=True)
    alle = apper(mappe)
    return miljo.get_template("forside.html").render(apper=alle)


def navigasjon(navn: str, mappe: Path | None = None) -> str:
    """The navigation line at the top of app ``navn``: all apps, the previous and the next one.

    Links are relative to ``/voila/render/<navn>.ipynb``, so they hold under any base URL.
    """
    nr = APPER.index(navn)
    deler = ['<a href="../../">← Alle appene</a>', f"<span>App {nr + 1} av {len(APPER)}</span>"]
    if nr > 0:
        forrige = les_app(APPER[nr - 1], mappe).kort
        deler.append(f'<a href="{APPER[nr - 1]}.ipynb">Forrige: {html.escape(forrige)}</a>')
    if nr + 1 < len(APPER):
        neste = les_app(APPER[nr + 1], mappe).kort
        deler.append(f'<a href="{APPER[nr + 1]}.ipynb">Neste: {html.escape(neste)}</a>')
    return f'<nav class="hoep-nav">{" ".join(deler)}</nav>'


def forbered(handler, notebook: nbformat.NotebookNode, cwd: str) -> nbformat.NotebookNode:
    """Voilà's prelaunch hook: drop cells tagged :data:`IKKE_I_APPEN`, add the navigation line."""
    navn = Path(handler.request.path).stem
    notebook.cells = [c for c in notebook.cells if IKKE_I_APPEN not in c.get("metadata", {}).get("tags", [])]
    if navn in APPER:
        notebook.cells[1:1] = [nbformat.v4.new_markdown_cell(BRUK)]  # after the title and what you learn
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(navigasjon(navn)))
    return notebook

