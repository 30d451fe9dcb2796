"""``hoep app`` (``make app``): the teaching notebooks as a Voilà web app on this machine.

Voilà runs with ``notebooks/`` as its root on 127.0.0.1 and serves exactly this: the landing
page :func:`hoep.laer.apper.forside` at ``/``, the apps in :data:`hoep.laer.apper.APPER` at
``/voila/render/<app>.ipynb`` (each page starts a fresh kernel that runs the notebook, so a panel
opens in its default state; Voilà shows no code and lets the page send widget messages only), and
Voilà's own static files, widget JavaScript and kernel websockets. Voilà's directory listing, its
contents API, its file handler and every other notebook are not served. Pages use the template
``hoep`` (:mod:`hoep.laer.apper`), which loads nothing from the internet.
"""

from __future__ import annotations

import argparse
import os
import re

STANDARDPORT = 8866
VERT = "127.0.0.1"


def argumenter(port: int) -> list[str]:
    """Voilà's command line: the notebook folder, this machine only, one port (fail if it is taken)."""
    from hoep.laer import apper  # here, not with the module: every other hoep command would pay for it

    return [str(apper.notatbokmappe()), "--no-browser", f"--port={port}", f"--Voila.ip={VERT}",
            "--Voila.port_retries=0", "--template=hoep", "--VoilaConfiguration.show_tracebacks=True"]


def voila_app():
    """Voilà's application class with hoep's routes (imported late: only ``hoep app`` needs Voilà)."""
    import tornado.web
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from hoep.laer import apper

    class Forside(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.finish(apper.forside())

    class HoepApp(Voila):
        """Voilà serving the landing page and the apps, nothing else of the notebook folder."""

        name = "hoep-app"

        def initialize(self, argv=None):
            super().initialize(argv)
            self.voila_configuration.prelaunch_hook = apper.forbered
            self.voila_configuration.file_allowlist = []  # /voila/files/ serves nothing of the folder

        def init_handlers(self):
            bare_apper = "|".join(re.escape(f"{n}.ipynb") for n in apper.APPER)
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


def kommando_app(args: argparse.Namespace) -> tuple[str, int]:
    from hoep.laer import apper

    port = args.port if args.port is not None else int(os.environ.get("PORT") or STANDARDPORT)
    # Voilà finds the template «hoep» through JUPYTER_PATH, its usual template search.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(apper.VOILAMALER), os.environ.get("JUPYTER_PATH")) if p)
    print(f"Læringsappene: åpne http://{VERT}:{port}/ i nettleseren. Ctrl-C stopper dem.", flush=True)
    try:
        voila_app().launch_instance(argv=argumenter(port))
    except KeyboardInterrupt:
        pass
    return "Læringsappene er stoppet.", 0
