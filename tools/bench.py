"""``make bench``: wall-clock figures for the batch reports, measured in one run (issue 9, item 8).

1. cold: every report of the base scenario into an empty folder, with the default pool (one job
   per core);
2. warm: the same command again with nothing changed (target: at most 0.1 × cold);
3. sequential: the same reports forced, one at a time, against the cold run in parallel
   (target on 2 cores: parallel at least 1.6× faster);
4. the stress test of 10 000 draws, vectorised vs a loop over the scalar model for a sample,
   per draw (see :func:`stresstest`).

Plain ``time.perf_counter`` around library calls; the reports go to a temporary folder. Other
work on the machine shows up in the figures, so the script prints the load average beside them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from hoep import rapporter, tall


def _tid(funksjon, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    resultat = funksjon(*args, **kwargs)
    return time.perf_counter() - start, resultat


def _s(sekunder: float) -> str:
    return f"{tall.tekst(sekunder, 1)} s"


def stresstest(utvalg: int = 200) -> str:
    """The fourth figure: the stress test of 10 000 draws, vectorised vs a loop over the scalar model.

    The loop runs ``utvalg`` of the same draws one at a time (``hoep.stresstest.kjor_sloyfe``); the
    ratio is per draw, so the loop's time is extrapolated, not run for all 10 000.
    """
    from hoep.modell import stresstest as st
    from hoep.parametre.basis import grunnscenario

    scen = grunnscenario()
    st.kjor(scen, 100, 1)  # imports and cached inputs out of the timing
    vektor, _ = _tid(st.kjor, scen, 10_000, 2022)
    sloyfe, _ = _tid(st.kjor_sloyfe, scen, utvalg, 2022)
    forhold = (sloyfe / utvalg) / (vektor / 10_000)
    return (f"stresstest, 10 000 trekk vektorisert: {tall.tekst(vektor, 3)} s (mål: under 10 s); løkke "
            f"over skalarmodellen, {utvalg} trekk: {tall.tekst(sloyfe, 3)} s; per trekk er den vektoriserte "
            f"{tall.tekst(forhold)} × raskere (mål: minst 50)")


def main() -> int:
    jobber = rapporter.standard_jobber()
    stille = lambda _: None  # noqa: E731 - progress lines would drown the figures
    with tempfile.TemporaryDirectory(prefix="hoep-bench-") as tmp:
        ut = Path(tmp)
        kald, k = _tid(rapporter.lag_alle, None, ut, antall_jobber=jobber, skriv=stille)
        if k.feilet:
            print(k.oppsummering())
            return 1
        antall = len(k.resultater)
        print(f"kald kjøring, grunnscenarioet ({antall} rapporter, {jobber} jobber samtidig): {_s(kald)}")
        varm, v = _tid(rapporter.lag_alle, None, ut, antall_jobber=jobber, skriv=stille)
        assert v.antall(rapporter.UENDRET) == antall, v.oppsummering()
        print(f"varm kjøring (ingenting endret, {antall} uendret): {_s(varm)} = "
              f"{tall.tekst(varm / kald, 3)} × kald (mål: høyst 0,1)")
        sekv, _ = _tid(rapporter.lag_alle, None, ut, antall_jobber=1, tving=True, skriv=stille)
        print(f"sekvensiell (1 jobb): {_s(sekv)}; parallell ({jobber} jobber, den kalde kjøringen): "
              f"{_s(kald)} = {tall.tekst(sekv / kald, 2)} × raskere (mål: minst 1,6 på 2 kjerner)")
    print(stresstest())
    last = ", ".join(tall.tekst(x, 2) for x in os.getloadavg())
    print(f"(maskin: {os.cpu_count()} kjerner, belastning siste 1/5/15 min: {last})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
