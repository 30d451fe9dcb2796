"""The teaching panels as a web app: Voilà serves the ``laer_*`` notebooks without code (``make app``).

``make app`` runs ``python -m hoep.laer_app --port $PORT`` (default 8866), which starts Voilà on
127.0.0.1 with the notebook folder as its root and serves exactly this:

- ``/``: a landing page (``appmal/forside.html.j2``) linking the apps in :data:`APPER`, the order to
  take them, each with its notebook's title and its list «Dette lærer du her»;
- ``/voila/render/<app>.ipynb`` for each app in :data:`APPER`: Voilà runs the notebook in a fresh
  kernel and shows its text and outputs without code cells (Voilà's ``strip_sources``), so the
  panel opens in its default state. Voilà lets the page send widget messages only, no code;
- Voilà's static files, widget JavaScript and kernel websockets, all from this machine.

Voilà's directory listing, its contents API and every other notebook are not served. Before a
notebook runs, :func:`forbered` drops the cells tagged :data:`IKKE_I_APPEN` (text meant for
JupyterLab or report readers) and puts a navigation line at the top (all apps, previous, next).
The Voilà template ``hoep`` (``appmal/voila/templates/hoep``) is Voilà's lab template without its
two stylesheets from a CDN (Voilà's bundle carries the icons), so a page fetches nothing from the
internet; ``tests/test_app.py`` checks that in Chromium.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat

APPER = ("laer_resultat", "laer_gjeld", "laer_husholdning", "laer_klima")  # the order to take them
IKKE_I_APPEN = "ikke_i_appen"  # cell tag: shown in JupyterLab and the reports, not in the app
STANDARDPORT = 8866
MALER = Path(__file__).resolve().parent / "appmal"
VERT = "127.0.0.1"


def notatbokmappe() -> Path:
    """The project's ``notebooks/`` (the apps' kernels run there, so ``../scenarios/...`` resolves)."""
    return Path(__file__).resolve().parents[2] / "notebooks"


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
    return re.sub(r"[*`]", "", " ".join(tekst.split()))


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
    return miljo.get_template("forside.html.j2").render(apper=alle)


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
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(navigasjon(navn)))
    return notebook


def _voila():
    """Voilà's application class with hoep's routes (imported late: only ``make app`` needs it)."""
    import tornado.web
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    class Forside(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.finish(forside())

    class HoepApp(Voila):
        """Voilà serving the landing page and the apps in :data:`APPER`, nothing else of the folder."""

        name = "hoep-app"

        def initialize(self, argv=None):
            super().initialize(argv)
            self.voila_configuration.prelaunch_hook = forbered
            self.voila_configuration.file_allowlist = []  # /voila/files/ serves nothing of the folder

        def init_handlers(self):
            bare_apper = "|".join(re.escape(f"{n}.ipynb") for n in APPER)
            ut = [(url_path_join(self.server_url, "/"), Forside)]
            for rute in super().init_handlers():
                monster, klasse = rute[0], rute[1]
                if klasse in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                    continue  # no directory listing, no contents API
                if klasse is TornadoVoilaHandler:
                    monster = url_path_join(self.server_url, rf"/voila/render/({bare_apper})")
                ut.append((monster, klasse, *rute[2:]))
            return ut

    return HoepApp


def argumenter(port: int, mappe: Path) -> list[str]:
    """Voilà's command line for the app (kept apart so the test can read it)."""
    return [str(mappe), "--no-browser", f"--port={port}", f"--Voila.ip={VERT}", "--Voila.port_retries=0",
            "--template=hoep", "--VoilaConfiguration.show_tracebacks=True"]


def main(argv: list[str] | None = None) -> None:
    tolker = argparse.ArgumentParser(prog="python -m hoep.laer_app",
                                     description="Start læringsappene (Voilà) på denne maskinen.")
    tolker.add_argument("--port", type=int, default=int(os.environ.get("PORT") or STANDARDPORT),
                        help=f"porten appen svarer på (standard: {STANDARDPORT}, eller PORT)")
    arg = tolker.parse_args(argv)
    # Voilà finds the template «hoep» through JUPYTER_PATH (its usual template search).
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(MALER), os.environ.get("JUPYTER_PATH"))
                                                 if p)
    print(f"Læringsappene: åpne http://{VERT}:{arg.port}/ i nettleseren (Ctrl-C stopper).", flush=True)
    _voila().launch_instance(argv=argumenter(arg.port, notatbokmappe()))


if __name__ == "__main__":
    sys.exit(main())
