"""The comparison page: the key figures of several scenarios side by side (``sammenligning.html``).

A batch run over several scenarios ends with one page that shows, for every scenario, what it
changes (in plain words), the key figures per year beside the base scenario's, the four targets'
status, and charts. Everything comes from :mod:`hoep.modell`; :func:`innhold` formats it and
:mod:`hoep.rapporter.sider` renders the page (self-contained, figures embedded as PNG, the same
bytes for the same scenarios).
"""

from __future__ import annotations

import base64
import io

import matplotlib.pyplot as plt
import pandas as pd

from hoep import modell, tall
from hoep.parametre import basis
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.visning.figurer import FARGER, hold_alt, kildelinje, malband, maltall, oppsett

UTVALG = ("frie_inntekter", "eiendomsskatt", "netto_driftsresultat", "netto_finansutgifter",
          "renteutgifter", "avdrag", "investeringer", "laneopptak", "lanegjeld_ub", "disposisjonsfond_ub",
          "korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst", "kapitalutgifter_pst",
          "disposisjonsfond_pst")


def tabell(planer: dict[str, modell.Plan]) -> pd.DataFrame:
    """Key figures (rows: key and scenario) per year (columns)."""
    rader = []
    for nokkel in UTVALG:
        navn, enhet, prisbasis = modell.NOKKELTALL[nokkel]
        for scenarionavn, plan in planer.items():
            rader.append({"Nøkkeltall": navn, "Enhet": _enhet(enhet, prisbasis),
                          "Scenario": scenarionavn,
                          **{str(a): float(plan.verdier[nokkel][j]) for j, a in enumerate(modell.AR)}})
    return pd.DataFrame(rader)


def _enhet(enhet: str, prisbasis: str) -> str:
    return {"faste_2022": f"{enhet}, 2022-kr", "løpende": f"{enhet}, løpende"}.get(prisbasis, "%")


def _png(fig: plt.Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _resultatfigur(planer: dict[str, modell.Plan]) -> plt.Figure:
    fig, akser = plt.subplots(1, 2, figsize=(11, 4))
    for ax, (nokkel, tittel) in zip(akser, (("netto_driftsresultat", "Netto driftsresultat (2022-kr)"),
                                            ("lanegjeld_ub", "Lånegjeld 31.12. (løpende)")), strict=True):
        for i, (navn, plan) in enumerate(planer.items()):
            ax.plot([str(a) for a in modell.AR], plan.verdier[nokkel], marker="o", label=navn,
                    color=FARGER[i % len(FARGER)], linestyle="-" if i == 0 else "--")
        ax.set_title(tittel, fontsize=10)
        ax.set_ylabel("mill. kr")
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: tall.tekst(v)))
        hold_alt(ax)
    akser[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    fig.suptitle("Netto driftsresultat og lånegjeld per scenario", fontweight="bold")
    kildelinje(fig, "hoep.modell; netto driftsresultat i faste 2022-kroner, lånegjeld i løpende priser")
    fig.tight_layout()
    return fig


def innhold(scenarier: list[sc.Scenario]) -> dict:
    """What the comparison page shows, formatted: the base first (:func:`hoep.parametre.basis.grunnscenario`),
    then every scenario that changes something, in name order (rendered by :mod:`hoep.rapporter.sider`)."""
    oppsett()
    endrede = sorted((s for s in scenarier if basis.endrer_noe(s)), key=lambda s: s.navn)
    scenarier = [grunnscenario(), *endrede]
    planer = {s.navn: modell.beregn(s) for s in scenarier}
    omtale = []
    for s in scenarier:
        balanse = planer[s.navn].balanse()
        omtale.append({"navn": s.navn, "beskrivelse": s.beskrivelse, "endringer": sc.beskriv_endringer(s),
                       "ubalanse": [f"{a}: {r['forklaring']}" for a, r in balanse.iterrows()
                                    if not r["i_balanse"]]})
    ar = [str(a) for a in modell.AR]
    nokkeltall = [{"navn": r["Nøkkeltall"], "enhet": r["Enhet"], "scenario": r["Scenario"],
                   "verdier": [tall.tekst(r[a], 1 if r["Enhet"] == "%" else 0) for a in ar]}
                  for _, r in tabell(planer).iterrows()]
    status = {n: p.malstatus() for n, p in planer.items()}
    mal = planer[scenarier[0].navn].mal(modell.AR[0])
    maltall_ = []
    for nokkel, m in mal.items():
        for navn, st in status.items():
            rader = st[st["maltall"] == nokkel].set_index("ar")
            celler = [{"tekst": f"{tall.prosent(rader.at[a, 'verdi'], 1)} ({rader.at[a, 'status']})",
                       "brutt": bool(rader.at[a, "brutt"])} for a in modell.AR]
            maltall_.append({"navn": m.tittel, "mal": " / ".join(dict.fromkeys(rader["mal"])),
                             "scenario": navn, "celler": celler})
    titler = {k: v.tittel for k, v in mal.items()}
    serier = {n: p.nokkeltall().loc[list(titler), list(modell.AR)].T for n, p in planer.items()}
    figurer = [{"alt": "Måltallene per scenario",
                "png": _png(maltall(serier, malband(status[scenarier[0].navn]), titler,
                                    "Måltallene per scenario", "hoep.modell"))},
               {"alt": "Netto driftsresultat og lånegjeld per scenario", "png": _png(_resultatfigur(planer))}]
    return {"scenarioer": omtale, "ar": ar, "nokkeltall": nokkeltall, "maltall": maltall_, "figurer": figurer}
