"""The comparison page: the key figures of several scenarios side by side (``sammenligning.html``).

A batch run over several scenarios ends with one page that shows, for every scenario, what it
changes (in plain words), the key figures per year beside the base scenario's, the four targets'
status, and charts. Everything comes from :mod:`hoep.modell`; this module only lays it out. The
page is self-contained (figures embedded as PNG) and byte-for-byte deterministic.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import pandas as pd

from hoep import modell, tall
from hoep.parametre import basis
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.visning.figurer import FARGER, malband, maltall, oppsett

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
    akser[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def lag_html(scenarier: list[sc.Scenario]) -> str:
    """The comparison page for ``scenarier``: the base first (:func:`hoep.parametre.basis.grunnscenario`),
    then every scenario that changes something, in name order."""
    oppsett()
    endrede = sorted((s for s in scenarier if basis.endrer_noe(s)), key=lambda s: s.navn)
    scenarier = [grunnscenario(), *endrede]
    planer = {s.navn: modell.beregn(s) for s in scenarier}
    deler = ["<!DOCTYPE html>", '<html lang="no"><head><meta charset="utf-8">',
             "<title>Sammenligning av scenarioer</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
             "table{border-collapse:collapse;font-size:0.9em}"
             "td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
             "td.tall{text-align:right}.brudd{color:#b00020;font-weight:bold}</style></head><body>",
             '<p><a href="index.html">Til rapportene</a></p>',
             "<h1>Sammenligning av scenarioer</h1>",
             "<p>Nøkkeltallene fra budsjettmodellen for hvert scenario, år for år. Drift og finans er i "
             "faste 2022-kroner, investeringer og gjeld i løpende priser. Fortegn: inntekter, utgifter og "
             "overskudd positive.</p>", "<h2>Scenarioene</h2><ul>"]
    for s in scenarier:
        endringer = sc.beskriv_endringer(s) or ["Ingen endringer: dokumentet slik det er foreslått."]
        balanse = planer[s.navn].balanse()
        ubalanse = [f"{a}: {r['forklaring']}" for a, r in balanse.iterrows() if not r["i_balanse"]]
        lenke = f'<a href="{html.escape(s.navn)}/index.html">{html.escape(s.navn)}</a>'
        deler.append(f"<li><strong>{lenke}</strong> – {html.escape(s.beskrivelse)}<ul>"
                     + "".join(f"<li>{html.escape(e)}</li>" for e in endringer)
                     + (f'<li class="brudd">Ikke i balanse: {html.escape("; ".join(ubalanse))}</li>'
                        if ubalanse else "<li>Budsjettet er i balanse alle år.</li>")
                     + "</ul></li>")
    deler.append("</ul><h2>Nøkkeltall</h2>")
    t = tabell(planer)
    ar = [str(a) for a in modell.AR]
    deler.append("<table><thead><tr><th>Nøkkeltall</th><th>Enhet</th><th>Scenario</th>"
                 + "".join(f"<th>{a}</th>" for a in ar) + "</tr></thead><tbody>")
    for _, rad in t.iterrows():
        desimaler = 1 if rad["Enhet"] == "%" else 0
        deler.append(f"<tr><td>{html.escape(rad['Nøkkeltall'])}</td><td>{html.escape(rad['Enhet'])}</td>"
                     f"<td>{html.escape(rad['Scenario'])}</td>"
                     + "".join(f'<td class="tall">{tall.tekst(rad[a], desimaler)}</td>' for a in ar)
                     + "</tr>")
    deler.append("</tbody></table><h2>Måltallene</h2>")
    mal = planer[next(iter(planer))].mal(modell.AR[0])
    deler.append("<table><thead><tr><th>Måltall</th><th>Mål</th><th>Scenario</th>"
                 + "".join(f"<th>{a}</th>" for a in ar) + "</tr></thead><tbody>")
    for nokkel, m in mal.items():
        for navn_, plan in planer.items():
            alle = plan.malstatus()
            status = alle[alle["maltall"] == nokkel].set_index("ar")
            celler = "".join(
                f'<td class="tall{" brudd" if status.at[a, "brutt"] else ""}">'
                f'{tall.prosent(status.at[a, "verdi"], 1)} ({status.at[a, "status"]})</td>'
                for a in modell.AR)
            deler.append(f"<tr><td>{html.escape(m.tittel)}</td><td>{html.escape(m.beskriv())}</td>"
                         f"<td>{html.escape(navn_)}</td>{celler}</tr>")
    deler.append("</tbody></table>")
    titler = {k: v.tittel for k, v in mal.items()}
    grenser = malband(planer[next(iter(planer))].malstatus())
    serier = {n: p.nokkeltall().loc[list(titler), list(modell.AR)].T for n, p in planer.items()}
    figurer = [_png(maltall(serier, grenser, titler, "Måltallene per scenario", "hoep.modell")),
               _png(_resultatfigur(planer))]
    deler += [f'<p><img alt="Figur {i}" src="data:image/png;base64,{b}"></p>'
              for i, b in enumerate(figurer, 1)]
    deler.append("</body></html>")
    return "\n".join(deler) + "\n"
