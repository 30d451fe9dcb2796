"""Teaching panel for the climate budget (kap. 7): measures on/off and scaled → tiltaksbane and gap.

Built on :mod:`hoep.laer`. The inputs map onto a scenario's ``klima:`` section (``fjern_tiltak``,
``skaler_tiltak``, ``nye_tiltak``, see :func:`hoep.klima.valider_endringer`) and three
assumptions (``klimamal_2023``, ``klimamal_2030``, ``klima_referansebane_vekst_etter_2025``);
the outputs are :func:`hoep.modell.klimaramme` and :func:`hoep.modell.klimamalstatus`, as in the
climate report. Input names:

- ``med_<id>`` (bool) and ``skala_<id>`` (percent of the published effect) per measure of Tabell 7-2;
- ``nytt_tonn`` (tonnes CO2-ekv. a year from 2023) and ``nytt_sektor``: one measure of your own;
- ``mal_2023``, ``mal_2030`` (percent cut from 2009) and ``vekst`` (percent a year after 2025);
- ``ar`` (display only): the year of the per-measure table.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from hoep import data, laer, modell, tall
from hoep.parametre import forutsetninger as fs
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.regler import klima
from hoep.visning import figurer

NYTT_ID = "eget_tiltak"
NYTT_AR = 2023
FORUTSETNINGER = {"mal_2023": ("klimamal_2023", 2023), "mal_2030": ("klimamal_2030", 2030),
                  "vekst": ("klima_referansebane_vekst_etter_2025", 2026)}


def _kort(tekst: str, lengde: int = 58) -> str:
    return tekst if len(tekst) <= lengde else tekst[: lengde - 1].rstrip() + "…"


def _som_oppslag(t: klima.Klimatiltak) -> dict:
    return {"id": t.id, "navn": t.navn, "sektor": t.sektor, "ansvar": t.ansvar, "effekt": dict(t.effekt)}


def til_scenario(verdier: dict, scen: sc.Scenario, tiltak: list[klima.Klimatiltak]) -> dict:
    """The panel's choices as the dict a scenario YAML file would hold (only what differs from base).

    The starting scenario's other overrides (assumptions, new measures, referansebane) are kept.
    """
    base = fs.alle()
    forutsetninger = {k: dict(v) for k, v in scen.overstyringer.items()
                      if k not in {n for n, _ in FORUTSETNINGER.values()}}
    for inn, (nokkel, ar) in FORUTSETNINGER.items():
        verdi = round(float(verdier[inn]), 4)
        if verdi != base[nokkel].verdi(ar):
            forutsetninger[nokkel] = verdi
    endr: dict = {}
    fjern = [t.id for t in tiltak if not verdier[f"med_{t.id}"]]
    skaler = {t.id: round(verdier[f"skala_{t.id}"] / 100, 4) for t in tiltak
              if verdier[f"med_{t.id}"] and verdier[f"skala_{t.id}"] != 100}
    nye = [_som_oppslag(t) for t in scen.klima.nye]
    if verdier["nytt_tonn"] != 0:
        nye.append({"id": NYTT_ID, "navn": "Eget tiltak (valgt i panelet)", "sektor": verdier["nytt_sektor"],
                    "ansvar": "", "effekt": {NYTT_AR: float(verdier["nytt_tonn"])}})
    for nokkel, verdi in (("fjern_tiltak", fjern), ("skaler_tiltak", skaler), ("nye_tiltak", nye),
                          ("referansebane", dict(scen.klima.referansebane))):
        if verdi:
            endr[nokkel] = verdi
    oppslag: dict = {"navn": "laer_klima",
                     "beskrivelse": f"Valgt i panelet «Lær klimabudsjettet» (fra scenario {scen.navn})"}
    if forutsetninger:
        oppslag["forutsetninger"] = forutsetninger
    if endr:
        oppslag["klima"] = endr
    return oppslag


def _status(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    return modell.klimamalstatus(scen)


def _vis_status(status: pd.DataFrame, verdier: dict, navn: str) -> str:
    vis = pd.DataFrame({
        "Mål for år": [str(a) for a in status.index],
        "Mål: endring fra 2009": [tall.prosent(v, 0) for v in status["mal_pst"]],
        "Utslippstak, tonn": status["utslippstak"],
        "Tiltaksbane, tonn": status["tiltaksbane"],
        "Tiltaksbane: endring fra 2009": [tall.prosent(v, 0) for v in status["tiltaksbane_pst"]],
        "Over taket, tonn": status["mangler"],
        "Nådd?": ["ja" if n else "nei" for n in status["nadd"]],
    })
    setninger = []
    for ar, r in status.iterrows():
        if r.nadd:
            setninger.append(f"{ar}: målet er nådd med {tall.tekst(-r.mangler)} tonn å gå på.")
        else:
            setninger.append(f"{ar}: det mangler tiltak som kutter {tall.tekst(r.mangler)} tonn CO2-ekv.")
    return (laer.tabell_html(vis, f"{navn}_status")
            + "<ul>" + "".join(f"<li>{s}</li>" for s in setninger) + "</ul>")


def _ramme(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    return modell.klimaramme(scen)


RAMMEKOLONNER = {"referansebane": "Referansebane", "samlet_effekt": "Tiltakenes effekt",
                 "tiltaksbane": "Tiltaksbane", "malbane": "Målbane", "gap": "Gap"}


def _vis_ramme(ramme: pd.DataFrame, verdier: dict, navn: str) -> str:
    vis = (ramme[list(RAMMEKOLONNER)].rename(columns=RAMMEKOLONNER).rename_axis("År").reset_index()
           .astype({"År": str}))
    return (laer.tabell_html(vis, f"{navn}_ramme")
            + "<p>Tonn CO2-ekv. Gap = tiltaksbane − målbane (positivt: over målbanen). "
            + "2022-2025 fra Tabell 7-1 og 7-2, 2026-2030 etter forutsetningene.</p>")


def _figurdata(scen: sc.Scenario, verdier: dict) -> dict:
    return {"ramme": modell.klimaramme(scen), "tak": modell.klimamalstatus(scen)["utslippstak"].to_dict(),
            "basis": modell.klimaramme(grunnscenario())}


def _vis_figur(res: dict, verdier: dict):
    return figurer.klimabaner(res["ramme"], klima.referansebane()[klima.BASISAR], res["tak"],
                              "Tiltaksbanen med valgene dine", data.kilde(klima.RAMME), basis=res["basis"])


def _tiltak_i_ar(scen: sc.Scenario, verdier: dict) -> pd.DataFrame:
    ar = verdier["ar"]
    return pd.DataFrame([{"Id": t.id, "Tiltak": t.navn, "Sektor": t.sektor,
                          "Effekt, tonn": klima.effekt(t, ar)}
                         for t in klima.anvend(klima.tiltak(), scen.klima)])


def _vis_tiltak(df: pd.DataFrame, verdier: dict, navn: str) -> str:
    sum_ = tall.tekst(df["Effekt, tonn"].sum())
    return (laer.tabell_html(df, f"{navn}_tiltak")
            + f"<p>Sum {verdier['ar']}: {sum_} tonn CO2-ekv. Etter 2025 beholder et tiltak effekten fra "
            + "sitt siste år.</p>")


def tiltakenes_betydning(scen: sc.Scenario, ar: int = 2025) -> pd.DataFrame:
    """How much the gap in ``ar`` grows if each measure of the scenario is removed on its own.

    Each row is :func:`hoep.modell.klimaramme` for the scenario plus ``fjern_tiltak: [id]``,
    validated as a scenario file would be; largest effect first.
    """
    grunn = modell.klimaramme(scen).at[ar, "gap"]
    rader = []
    for t in klima.anvend(klima.tiltak(), scen.klima):
        if t.ny:
            continue  # a scenario's own new measures cannot be removed by id
        oppslag = til_scenario({**_verdier_fra(scen), f"med_{t.id}": False}, scen, klima.tiltak())
        uten = modell.klimaramme(sc.fra_oppslag(oppslag, "tiltakenes_betydning"))
        rader.append({"Id": t.id, "Tiltak": t.navn, "Sektor": t.sektor,
                      f"Gap {ar} uten tiltaket, tonn": uten.at[ar, "gap"],
                      "Gapet øker med, tonn": uten.at[ar, "gap"] - grunn})
    return (pd.DataFrame(rader).sort_values("Gapet øker med, tonn", ascending=False, kind="stable")
            .reset_index(drop=True))


def _verdier_fra(scen: sc.Scenario) -> dict:
    """The panel's input values that reproduce ``scen`` (the start state of :func:`panel`)."""
    verdier: dict = {}
    for t in klima.tiltak():
        verdier[f"med_{t.id}"] = t.id not in scen.klima.fjern
        verdier[f"skala_{t.id}"] = 100 * scen.klima.skaler.get(t.id, 1.0)
    verdier.update({"nytt_tonn": 0.0, "nytt_sektor": "Veitrafikk", "ar": 2025})
    verdier.update({inn: float(scen.verdi(nokkel, ar)) for inn, (nokkel, ar) in FORUTSETNINGER.items()})
    return verdier


def panel(scen: sc.Scenario | None = None, navn: str = "laer_klima") -> laer.Panel:
    """The climate panel, starting from ``scen`` (default: the base scenario).

    ``navn`` prefixes the tables' HTML ids: give each panel in one notebook its own.
    """
    scen = scen or grunnscenario()
    tiltak = klima.tiltak()
    sektorer = sorted({t.sektor for t in tiltak})
    start = _verdier_fra(scen)
    inndata: dict[str, laer.Inndata] = {}
    rader = []
    for t in tiltak:
        hjelp = f"{t.navn} – {t.sektor}, ansvar {t.ansvar} (Tabell 7-2)"
        inndata[f"med_{t.id}"] = laer.bryter(_kort(f"{t.id}: {t.navn}"), start[f"med_{t.id}"], hjelp)
        inndata[f"skala_{t.id}"] = laer.glider(
            "effekt", "%", 0, 200, 10, start[f"skala_{t.id}"], bredde="4rem",
            hjelp=f"Andel av effekten i Tabell 7-2: {t.navn}")
        rader.append([f"med_{t.id}", f"skala_{t.id}"])
    inndata["nytt_tonn"] = laer.tallfelt("Eget tiltak: kutt fra 2023", "tonn CO2-ekv. per år",
                                     start["nytt_tonn"], hjelp="Et tenkt nytt tiltak, virker til 2030")
    inndata["nytt_sektor"] = laer.valg("Eget tiltak: sektor", sektorer, start["nytt_sektor"])
    for inn, (nokkel, ar) in FORUTSETNINGER.items():
        f = scen.forutsetninger[nokkel]
        lav, hoy = f.tillatt  # the range a scenario file may set
        if inn == "vekst":
            inndata[inn] = laer.glider("Referansebanen etter 2025, endring per år", "%", lav, hoy, 0.5,
                                       start[inn], desimaler=1, hjelp=f.beskrivelse)
        else:
            inndata[inn] = laer.glider(f"Mål {ar}: kutt fra 2009", "%", lav, hoy, 1,
                                       start[inn], hjelp=f.beskrivelse)
    inndata["ar"] = laer.valg("Vis tiltakene i år", list(range(klima.PLANAR[0], klima.SISTE_AR + 1)),
                              start["ar"])
    tiltak_inndata = tuple(n for n in inndata if n.startswith(("med_", "skala_", "nytt_")))
    utdata = [
        laer.Utdata("status", _status, partial(_vis_status, navn=navn), tittel="Målene for 2023 og 2030"),
        laer.Utdata("figur", _figurdata, _vis_figur, tittel="Utslippsbanene"),
        laer.Utdata("ramme", _ramme, partial(_vis_ramme, navn=navn), tittel="Utslippsrammen år for år"),
        laer.Utdata("tiltak", _tiltak_i_ar, partial(_vis_tiltak, navn=navn),
                    avhenger_av=(*tiltak_inndata, "ar"), tittel="Tiltakenes effekt i valgt år"),
    ]
    return laer.Panel(
        "Lær klimabudsjettet: slå tiltak av og på",
        inndata,
        lambda verdier: til_scenario(verdier, scen, tiltak),
        utdata,
        grupper=[("Tiltakene i Tabell 7-2 (på/av og andel av effekten)", rader),
                 ("Et eget tiltak", ["nytt_tonn", "nytt_sektor"]),
                 ("Målene og framskrivingen", list(FORUTSETNINGER)),
                 ("Visning", ["ar"])],
        utenom_scenario=("ar",),
    )
