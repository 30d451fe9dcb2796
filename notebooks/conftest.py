"""nbval's kernels over IPC, like the report runs' (:mod:`hoep.rapporter.kjerner`).

``make test`` runs the notebooks side by side (pytest-xdist); over TCP two kernels started at once
can race for a port. nbval builds its kernel manager from ``nbval.kernel.KernelManager``; this one
defaults to the ``ipc`` transport with a connection file of its own, so the sockets never collide.
"""

from __future__ import annotations

import nbval.kernel
from jupyter_client.manager import KernelManager

from hoep.rapporter import kjerner


class KernelOverIpc(KernelManager):
    def __init__(self, **kw: object) -> None:
        kw.setdefault("transport", "ipc")
        kw.setdefault("connection_file", str(kjerner.tilkoblingsfil("nbval")))
        super().__init__(**kw)


nbval.kernel.KernelManager = KernelOverIpc
