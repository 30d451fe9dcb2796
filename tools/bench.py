"""``make bench``: wall-clock figures for the batch reports, measured in one invocation (issue 19).

1. **kald**: ``hoep rapporter`` for the base scenario into an empty folder, as a user runs it (a new
   process, the default pool: one job per core);
2. **varm**: the same command again with nothing changed (goal: at most 0.05 × kald);
3. **anker**: the same notebooks with the same parameters through the loop a user would otherwise
   write: ``papermill`` and then ``jupyter nbconvert --to html --no-input`` for each report, one
   after the other (goal on 2 cores: anker at least 3 × kald);
4. **motor**: the whole-budget engine (issue 14, ``hoep.modell.motor.tabeller``: every table it
   computes) for one scenario and for 100 scenarios (other interest paths); beside it the key
   figures' model ``hoep.modell.beregn``, which the reports used before the engine;
5. **klynge** (with ``dask.distributed`` installed): the same reports as tasks on a local Dask
   cluster of one single-threaded worker per core, as reports per second per worker;
6. the stress test of 10 000 draws, vectorised vs a loop over the scalar model.

Every figure is written to ``reports/bench.json`` with the machine and its load average (other
work on the machine shows up in the figures; the load is read before and after).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hoep import data, rapporter, tall

ROT = data.prosjektrot()
BIN = Path(sys.executable).parent
UT = ROT / "reports" / "bench.json"
MOTOR = "hoep.modell.motor.tabeller"  # the whole-budget engine (issue 14): every computed table


def _s(sekunder: float) -> str:
    return f"{tall.tekst(sekunder, 1)} s"


def _belastning() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _maskin() -> dict:
    modell = ""
    try:
        for linje in Path("/proc/cpuinfo").read_text().splitlines():
            if linje.startswith("model name"):
                modell = linje.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    minne = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"kjerner": os.cpu_count(), "jobber_tilgjengelig": rapporter.standard_jobber(),
            "prosessor": modell, "minne_gib": round(minne, 1), "python": platform.python_version(),
            "system": platform.platform()}


def _tid(kommando: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(kommando, check=True, **kw)
    return time.perf_counter() - start


def hoep_rapporter(ut: Path, jobber: int) -> float:
    """One ``hoep rapporter`` run of the base scenario into ``ut``, as a new process; its wall time."""
    return _tid([str(BIN / "hoep"), "rapporter", "--utdata", str(ut), "--jobber", str(jobber)],
                stdout=subprocess.DEVNULL)


def anker(ut: Path) -> float:
    """The reports one by one with the papermill and nbconvert commands (their own output to a log)."""
    scenario = str((ROT / "scenarios" / "basis.yaml").resolve())
    ut.mkdir(parents=True)
    logg = (ut / "logg.txt").open("w")
    start = time.perf_counter()
    for jobb in rapporter.jobber():
        nb = ut / f"{Path(jobb.fil).stem}.ipynb"
        verdier = {"scenario": scenario, **jobb.parametre}
        parametre = [a for k, v in verdier.items() for a in ("-p", k, str(v))]
        subprocess.run([str(BIN / "papermill"), str(jobb.notatbok), str(nb), *parametre, "--cwd",
                        str(jobb.notatbok.parent), "-k", "python3", "--no-progress-bar"],
                       check=True, stdout=logg, stderr=logg)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
                       check=True, stdout=logg, stderr=logg)
    return time.perf_counter() - start


def _rentebaner(antall: int) -> list:
    """``antall`` scenarios with other interest paths (renteendring from −1 prosentpoeng up)."""
    from hoep.parametre import scenario as sc

    return [sc.fra_oppslag({"navn": f"rente_{i}", "beskrivelse": "bench",
                            "forutsetninger": {"renteendring": {2022: round(-1 + i * 0.02, 2)}}}, "bench")
            for i in range(antall)]


def motor(regn) -> tuple[float, float]:  # noqa: ANN001 (a function of a scenario)
    """``regn`` for one scenario and for 100 others (data read and cached before the timing)."""
    from hoep.parametre.basis import grunnscenario

    regn(grunnscenario())
    ett, *hundre = _rentebaner(101)
    start = time.perf_counter()
    regn(ett)
    en = time.perf_counter() - start
    start = time.perf_counter()
    for s in hundre:
        regn(s)
    return en, time.perf_counter() - start


def klynge(ut: Path, arbeidere: int) -> tuple[float, int] | None:
    """The base scenario's reports on a local Dask cluster; (seconds, reports), or None without Dask."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    with LocalCluster(n_workers=arbeidere, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as k:
        start = time.perf_counter()
        kjoring = rapporter.lag_alle(None, ut, klynge=k.scheduler_address, skriv=lambda _: None)
        sekunder = time.perf_counter() - start
    if kjoring.feilet:
        raise SystemExit(kjoring.oppsummering())
    return sekunder, kjoring.antall(rapporter.OK)


def stresstest(utvalg: int = 200) -> dict:
    """The stress test of 10 000 draws, vectorised vs a loop over the scalar model (per draw)."""
    from hoep.modell import stresstest as st
    from hoep.parametre.basis import grunnscenario

    scen = grunnscenario()
    st.kjor(scen, 100, 1)  # imports and cached inputs out of the timing
    start = time.perf_counter()
    st.kjor(scen, 10_000, 2022)
    vektor = time.perf_counter() - start
    start = time.perf_counter()
    st.kjor_sloyfe(scen, utvalg, 2022)
    sloyfe = time.perf_counter() - start
    return {"stresstest_10000_vektorisert_s": round(vektor, 3),
            f"stresstest_{utvalg}_sloyfe_s": round(sloyfe, 3),
            "stresstest_forhold_per_trekk": round((sloyfe / utvalg) / (vektor / 10_000), 1)}


def main() -> int:
    jobber = rapporter.standard_jobber()
    antall = len(rapporter.jobber())
    figurer: dict = {"rapporter": antall, "jobber": jobber, "belastning_for": _belastning()}
    print(f"{antall} rapporter for grunnscenarioet, {jobber} jobber samtidig "
          f"(belastning nå: {', '.join(tall.tekst(x, 2) for x in figurer['belastning_for'])})")
    with tempfile.TemporaryDirectory(prefix="hoep-bench-") as tmp:
        ut = Path(tmp)
        kald = hoep_rapporter(ut / "rapporter", jobber)
        print(f"kald kjøring (hoep rapporter, tom mappe): {_s(kald)}")
        varm = hoep_rapporter(ut / "rapporter", jobber)
        print(f"varm kjøring (ingenting endret): {_s(varm)} = {tall.tekst(varm / kald, 3)} × kald "
              "(mål: høyst 0,05)")
        ank = anker(ut / "anker")
        print(f"anker (papermill og jupyter nbconvert --to html --no-input, én rapport om gangen): "
              f"{_s(ank)} = {tall.tekst(ank / kald, 2)} × kald (mål: minst 3 på 2 kjerner)")
        shutil.rmtree(ut / "anker")
        k = klynge(ut / "klynge", jobber)
        if k:
            sekunder, laget = k
            per_arbeider = laget / sekunder / jobber
            print(f"Dask-klynge på denne maskinen ({jobber} arbeidere, én tråd hver): {laget} rapporter på "
                  f"{_s(sekunder)} = {tall.tekst(per_arbeider, 3)} rapporter per sekund per arbeider")
            figurer |= {"klynge_arbeidere": jobber, "klynge_s": round(sekunder, 1),
                        "klynge_rapporter_per_s_per_arbeider": round(per_arbeider, 4)}
    from hoep import modell
    from hoep.modell import motor as budsjettmotor

    ett, hundre = motor(budsjettmotor.tabeller)
    print(f"budsjettmotoren ({MOTOR}, {len(budsjettmotor.BEREGNES)} tabeller): ett scenario "
          f"{tall.tekst(ett * 1000, 1)} ms, 100 scenarioer {_s(hundre)}")
    beregn_ett, beregn_hundre = motor(modell.beregn)
    print(f"nøkkeltallsmodellen (hoep.modell.beregn): ett scenario {tall.tekst(beregn_ett * 1000, 1)} ms, "
          f"100 scenarioer {_s(beregn_hundre)}")
    stress = stresstest()
    print(f"stresstest, 10 000 trekk vektorisert: {tall.tekst(stress['stresstest_10000_vektorisert_s'], 3)} "
          f"s; per trekk {tall.tekst(stress['stresstest_forhold_per_trekk'])} × raskere enn løkka "
          "(mål: minst 50)")
    figurer |= {"kald_s": round(kald, 1), "varm_s": round(varm, 2), "anker_s": round(ank, 1),
                "anker_over_kald": round(ank / kald, 2), "varm_over_kald": round(varm / kald, 4),
                "motor": MOTOR, "motor_ett_scenario_s": round(ett, 4),
                "motor_100_scenarier_s": round(hundre, 3), "beregn_ett_scenario_s": round(beregn_ett, 4),
                "beregn_100_scenarier_s": round(beregn_hundre, 3),
                **stress, "belastning": _belastning(), "maskin": _maskin(),
                "tidspunkt": time.strftime("%Y-%m-%d %H:%M")}
    UT.parent.mkdir(parents=True, exist_ok=True)
    UT.write_text(json.dumps(figurer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    last = ", ".join(tall.tekst(x, 2) for x in figurer["belastning"])
    print(f"(maskin: {os.cpu_count()} kjerner, belastning siste 1/5/15 min: {last}; "
          f"alt i {UT.relative_to(ROT)})")
    ok = figurer["anker_over_kald"] >= 3.0 and figurer["varm_over_kald"] <= 0.05
    print("Begge målene nådd." if ok else
          "Minst ett mål er ikke nådd (se belastningen: målene gjelder en ledig maskin).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
