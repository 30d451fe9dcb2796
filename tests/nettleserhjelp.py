"""Helpers for the Playwright tests: a server on a free port, Debian's Chromium, a log of the network.

Playwright for Python drives ``/usr/bin/chromium`` (Debian's package) through ``executable_path``;
it never downloads a browser. A test starts its own server (``make app``, ``make lab``) in its own
process group on a free port of 127.0.0.1 and ends that group when it is done. :class:`Nettlogg`
lets a page reach only that server: any other request is aborted and listed, so a test can assert
that nothing came from the internet.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROT

CHROMIUM = "/usr/bin/chromium"
# The flags keep Chromium off the network (this machine has none) and quiet; --no-sandbox for root.
FLAGG = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-gpu", "--disable-features=Translate,MediaRouter"]
SKJERMBILDER = ROT / "reports" / "nettlesertest"


def chromium_sti() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Fant ikke {CHROMIUM}. Installer Debians pakke: apt-get install -y chromium "
                    "(make test og .ci/run gjør det selv som root).")
    return CHROMIUM


def start_chromium(playwright):
    """Headless Debian Chromium through Playwright (no browser download)."""
    return playwright.chromium.launch(executable_path=chromium_sti(), headless=True, args=FLAGG)


def ledig_port() -> int:
    """A port on 127.0.0.1 nobody listens on now (the server is started with port_retries=0, so a
    race with another process shows as a failed start, not as a server on another port)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tjener:
    """A server started by a test in its own process group; :meth:`stopp` ends that group."""

    def __init__(self, kommando: list[str], url: str, logg: Path, env: dict | None = None,
                 tidsfrist: float = 180.0):
        self.url, self.logg = url, logg
        self._fil = logg.open("w", encoding="utf-8")
        start = time.monotonic()
        self.prosess = subprocess.Popen(kommando, cwd=ROT, stdout=self._fil, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
                                        start_new_session=True)
        while True:
            if self.prosess.poll() is not None:
                self.stopp()
                pytest.fail(f"{' '.join(kommando)} stoppet (kode {self.prosess.returncode}):\n{self.tekst()}")
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() - start > tidsfrist:
                self.stopp()
                pytest.fail(f"{url} svarte ikke innen {tidsfrist:.0f} s:\n{self.tekst()}")
            time.sleep(0.3)
        self.oppstart = time.monotonic() - start

    def tekst(self) -> str:
        self._fil.flush()
        return self.logg.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stopp(self) -> None:
        """SIGTERM to the process group this test started (make and its server), SIGKILL if needed."""
        if self.prosess.poll() is None:
            try:
                os.killpg(self.prosess.pid, signal.SIGTERM)
                self.prosess.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.prosess.pid, signal.SIGKILL)
                self.prosess.wait(timeout=10)
            except ProcessLookupError:
                pass
        self._fil.close()


class Nettlogg:
    """Let a browser context reach only ``http(s)/ws://127.0.0.1:<port>`` and local files; abort and
    list the rest.

    Also collects console errors and uncaught page errors of the pages opened in the context.
    """

    def __init__(self, kontekst, port: int):
        self.port = port
        self.forespurt: list[str] = []
        self.fremmede: list[str] = []
        self.konsollfeil: list[str] = []
        kontekst.route("**/*", self._rute)
        kontekst.on("page", self.folg)

    def lokal(self, url: str) -> bool:
        deler = urlparse(url)
        if deler.scheme in ("data", "blob", "about", "file"):
            return True
        return deler.hostname in ("127.0.0.1", "localhost") and deler.port == self.port

    def _rute(self, rute) -> None:
        url = rute.request.url
        self.forespurt.append(url)
        if self.lokal(url):
            rute.continue_()
        else:
            self.fremmede.append(url)
            rute.abort()

    def folg(self, side) -> None:
        side.on("console", lambda m: self.konsollfeil.append(f"{m.type}: {m.text}")
                if m.type == "error" else None)
        side.on("pageerror", lambda e: self.konsollfeil.append(f"pageerror: {e}"))
        side.on("websocket", lambda ws: None if self.lokal(ws.url) else self.fremmede.append(ws.url))


def skjermbilde(element_eller_side, navn: str) -> Path:
    """Save a PNG screenshot to reports/nettlesertest/<navn>.png and return its path."""
    SKJERMBILDER.mkdir(parents=True, exist_ok=True)
    sti = SKJERMBILDER / f"{navn}.png"
    sti.unlink(missing_ok=True)
    element_eller_side.screenshot(path=str(sti))
    assert sti.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return sti


def make() -> str:
    sti = shutil.which("make")
    if sti is None:
        pytest.fail("Fant ikke make.")
    return sti
