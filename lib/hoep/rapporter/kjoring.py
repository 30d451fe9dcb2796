"""A whole run (``hoep rapporter``): validate every scenario, expand and skip jobs, run the pool,
then write each scenario's index, workbook and manifest, and the comparison of several scenarios."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hoep import data, tall
from hoep.feil import HoepFeil
from hoep.parametre import scenario as sc
from hoep.rapporter import eksport, sider
from hoep.rapporter.filer import _rydd, _skriv_atomisk, _skriv_atomisk_bytes
from hoep.rapporter.fingeravtrykk import _skriv_manifest, fingeravtrykk, grunnlag, les_manifest
from hoep.rapporter.jobbliste import AVBRUTT, FEILET, OK, UENDRET, Jobb, jobber
from hoep.rapporter.pool import Fremdrift, kjor_oppgaver, standard_jobber
from hoep.rapporter.sider import ARBEIDSBOK
from hoep.rapporter.utforelse import Oppgave, Resultat


@dataclass
class Kjoring:
    """What a run did: per scenario its folder and every report's result, and the wall time."""

    scenarier: list[sc.Scenario]
    mapper: dict[str, Path]
    resultater: list[Resultat]
    jobber: int
    sekunder: float
    sammenligning: Path | None = None
    klynge: str | None = None  # the Dask scheduler the jobs went to, if any

    def antall(self, status: str) -> int:
        return sum(r.status == status for r in self.resultater)

    @property
    def feilet(self) -> list[Resultat]:
        return [r for r in self.resultater if r.status in (FEILET, AVBRUTT)]

    def oppsummering(self) -> str:
        hvor = (f"på Dask-klyngen {self.klynge}" if self.klynge else
                f"med {self.jobber} {'jobb' if self.jobber == 1 else 'jobber'} samtidig")
        linjer = [f"Ferdig på {tall.tekst(self.sekunder, 1)} s {hvor}: {self.antall(OK)} rapporter laget, "
                  f"{self.antall(UENDRET)} uendret (ikke kjørt på nytt), {len(self.feilet)} feilet."]
        for s in self.scenarier:
            mappe = self.mapper[s.navn]
            antall = sum(r.oppgave.scenario == s.navn for r in self.resultater)
            linjer.append(f"  {s.navn}: {mappe / 'index.html'} ({antall} rapporter), {mappe / ARBEIDSBOK}")
        if self.sammenligning:
            linjer.append(f"  sammenligning: {self.sammenligning}")
        if self.feilet:
            linjer.append("Feilet (se rapportsiden for cellen og feilsporingen):")
            linjer += [f"  {r.oppgave.scenario}/{r.oppgave.jobb.fil}: {r.melding}" for r in self.feilet]
        return "\n".join(linjer)


def lag_sammenligning(scenarier: list[sc.Scenario], utdata: Path) -> Path | None:
    """Write ``reports/sammenligning.html`` (the scenarios of one run side by side) and the front page.

    Called once after every scenario's reports, index and workbook are written; the page itself is
    :func:`hoep.rapporter.sider.sammenligning`. Returns the page written.
    """
    side = utdata / "sammenligning.html"
    _skriv_atomisk(side, sider.sammenligning(scenarier))
    _skriv_atomisk(utdata / "index.html", sider.forside(scenarier))  # the page's "Til rapportene" link
    return side


def _skriv_arbeidsbok(s: sc.Scenario, mappe: Path, gode: list[tuple[Jobb, Resultat]]) -> None:
    """Write ``hoep.xlsx`` from the good reports' exports, unless the workbook there was made from
    exactly these reports (the same fingerprints; none run again): then its bytes would be the same."""
    tittel = f"HØP 2022-2025, scenario «{s.navn}»: tallene bak tabellene og figurene i rapportene"
    grunnlag_ = [tittel, *((j.familie, j.tittel, j.fil, r.oppgave.nokkel) for j, r in gode)]
    nokkel = hashlib.sha256(json.dumps(grunnlag_, ensure_ascii=False).encode()).hexdigest()
    fil = mappe / ARBEIDSBOK
    if all(r.status == UENDRET for _, r in gode) and eksport.arbeidsbokens_nokkel(fil) == nokkel:
        return
    _skriv_atomisk_bytes(fil, eksport.arbeidsbok(
        [(j.familie, j.tittel, j.fil, mappe / "data" / Path(j.fil).stem) for j, _ in gode], tittel, nokkel))


def lag_alle(scenariofiler: list[Path | None] | None = None, utdata: Path | None = None,
             antall_jobber: int | None = None, tving: bool = False, notatbokmappe_: Path | None = None,
             utvalg: list[str] | None = None, skriv: Callable[[str], None] = print,
             klynge: str | None = None) -> Kjoring:
    """Write the reports of every scenario (see the module docstring); return what was done.

    ``utvalg`` limits the run to the notebooks or reports with these names (stems: ``sektor``, or
    ``sektor_byutvikling`` for one report of the template), e.g. for tests; ``klynge`` sends the
    jobs to the Dask scheduler at that address instead of the local pool.
    """
    start = time.perf_counter()
    scenarier = [sc.les(f) for f in (scenariofiler or [None])]  # all validated before anything runs
    navn = [s.navn for s in scenarier]
    if len(set(navn)) < len(navn):
        dobbel = sorted({n for n in navn if navn.count(n) > 1})
        raise HoepFeil(f"Flere scenariofiler har samme navn ({', '.join(dobbel)}); rapportene ville "
                       "havnet i samme mappe. Gi hvert scenario et eget «navn».")
    antall_jobber = antall_jobber or standard_jobber()
    if antall_jobber < 1:
        raise HoepFeil(f"--jobber må være minst 1, fikk {antall_jobber}.")
    rot = utdata or data.prosjektrot() / "reports"
    alle = jobber(notatbokmappe_)
    if utvalg is not None:
        ukjente = set(utvalg) - {j.notatbok.stem for j in alle} - {Path(j.fil).stem for j in alle}
        if ukjente:
            raise HoepFeil(f"Ukjente notatbøker: {', '.join(sorted(ukjente))}.")
        alle = [j for j in alle if j.notatbok.stem in utvalg or Path(j.fil).stem in utvalg]
    grunn = grunnlag()
    mapper = {s.navn: rot / s.navn for s in scenarier}
    manifester: dict[str, dict] = {}
    oppgaver: list[Oppgave] = []
    resultater: list[Resultat] = []
    for s in scenarier:
        mappe = mapper[s.navn]
        _rydd(mappe)
        manifester[s.navn] = les_manifest(mappe)
        fil = s.fil.resolve()
        for j in alle:
            o = Oppgave(s.navn, fil, mappe, j, fingeravtrykk(j, fil, grunn))
            post = manifester[s.navn].get(j.fil, {})
            if (not tving and post.get("nokkel") == o.nokkel and post.get("status") == OK
                    and (mappe / j.fil).is_file()):
                resultater.append(Resultat(o, UENDRET))
            else:
                oppgaver.append(o)
    # Longest first (by the last run's time), so the pool does not end waiting on one long report;
    # without a time, single notebooks (the long ones) before the short template runs.
    oppgaver.sort(key=lambda o: (-float(manifester[o.scenario].get(o.jobb.fil, {}).get("sekunder", 1e9)),
                                 bool(o.jobb.parametre)))
    hvor = f"på Dask-klyngen {klynge}" if klynge else f"{min(antall_jobber, max(len(oppgaver), 1))} om gangen"
    skriv(f"{len(oppgaver)} rapporter å lage for {', '.join(navn)}, {hvor}; "
          f"{len(resultater)} er uendret siden sist.")

    def ferdig(r: Resultat) -> None:
        fremdrift(r)
        if r.status in (OK, FEILET):
            manifest = manifester[r.oppgave.scenario]
            manifest[r.oppgave.jobb.fil] = {"notatbok": r.oppgave.jobb.notatbok.name,
                                            "parametre": r.oppgave.jobb.parametre, "nokkel": r.oppgave.nokkel,
                                            "status": r.status, "melding": r.melding,
                                            "sekunder": round(r.sekunder, 1)}
            _skriv_manifest(r.oppgave.mappe, manifest)

    fremdrift = Fremdrift(len(oppgaver), skriv)
    resultater += kjor_oppgaver(oppgaver, antall_jobber, ferdig, klynge)
    status = {(r.oppgave.scenario, r.oppgave.jobb.fil): r for r in resultater}
    for s in scenarier:
        mappe = mapper[s.navn]
        mappe.mkdir(parents=True, exist_ok=True)
        egne = [(j, status[(s.navn, j.fil)]) for j in alle]
        _skriv_arbeidsbok(s, mappe, [(j, r) for j, r in egne if r.status in (OK, UENDRET)])
        _skriv_atomisk(mappe / "index.html", sider.indeks(s, alle, {j.fil: r for j, r in egne},
                                                          flere=len(scenarier) > 1))
        _skriv_manifest(mappe, manifester[s.navn])
    sammenligning = lag_sammenligning(scenarier, rot) if len(scenarier) > 1 else None
    return Kjoring(scenarier, mapper, resultater, antall_jobber, time.perf_counter() - start, sammenligning,
                   klynge)


def lag(scenariofil: Path | None = None, utmappe: Path | None = None) -> list[Jobb]:
    """Write every report of one scenario and its index; return the jobs (kept for scripts)."""
    kjoring = lag_alle([scenariofil], utmappe)
    return [r.oppgave.jobb for r in kjoring.resultater]
