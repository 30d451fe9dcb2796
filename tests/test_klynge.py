"""``hoep rapporter --klynge``: the same jobs as tasks on a Dask cluster (a LocalCluster of two workers)."""

from __future__ import annotations

import os
import re

from conftest import lag_notatbok, status
from hoep import cli, rapporter

ARBEIDER = """
import os
print(f"arbeider={os.getppid()}")  # the kernel's parent: the process that ran the job
"""


def test_klyngen_kjorer_de_samme_jobbene_paa_to_dask_arbeidere(oppsett, capsys):
    from distributed import Client, LocalCluster

    for navn in ("h1", "h2"):
        lag_notatbok(oppsett["nb"], navn, f"Arbeider {navn}", ARBEIDER)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as klynge, \
            Client(klynge) as klient:
        arbeidere = set(klient.run(os.getpid).values())
        assert len(arbeidere) == 2
        k = rapporter.lag_alle([oppsett["scenario"]], oppsett["ut"], notatbokmappe_=oppsett["nb"],
                               klynge=klynge.scheduler_address)
    ut = capsys.readouterr().out
    assert f"4 rapporter å lage for test, på Dask-klyngen {klynge.scheduler_address}" in ut
    assert sum(linje.startswith("[") for linje in ut.splitlines()) == 4  # one progress line per report
    assert f"s på Dask-klyngen {klynge.scheduler_address}: 3 rapporter laget" in k.oppsummering()
    assert status(k) == {"god.html": "ok", "feil.html": "feilet", "h1.html": "ok", "h2.html": "ok"}
    mappe = oppsett["mappe"]
    # Results and failure pages as from the local pool.
    assert (mappe / "data" / "god" / "belop.csv").read_text(encoding="utf-8") == \
        "År,Beløp\n2022,1234.5\n2023,-20.25\n"
    assert "bevisst feil etter 3 tall" in (mappe / "feil.html").read_text(encoding="utf-8")
    assert rapporter.les_manifest(mappe)["h1.html"]["status"] == "ok"
    indeks = (mappe / "index.html").read_text("utf-8")
    assert 'href="feil.html">Feil rapport</a> <span class="feilet">' in indeks
    brukt = {int(re.search(r"arbeider=(\d+)", (mappe / f"{n}.html").read_text("utf-8")).group(1))
             for n in ("h1", "h2")}
    assert brukt <= arbeidere  # every report ran in a kernel started by one of the cluster's workers
    assert not list(mappe.glob(".*"))


def test_klynge_som_ikke_svarer_gir_feilmelding(oppsett, monkeypatch, capsys):
    from hoep.rapporter import pool

    monkeypatch.setattr(pool, "KLYNGEFRIST", 1)
    kode = cli.main(["rapporter", "--scenario", str(oppsett["scenario"]), "--utdata", str(oppsett["ut"]),
                     "--klynge", "tcp://127.0.0.1:9"])
    assert kode == 2
    assert "feil: Fant ingen Dask-planlegger på «tcp://127.0.0.1:9»" in capsys.readouterr().err
