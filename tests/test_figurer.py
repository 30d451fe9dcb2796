"""Charts that read right: every chart function with mixed-sign, all-negative, single and empty data.

The checks read the Matplotlib objects, not pixels: every bar (both ends), line point, marker
and band lies inside its axis' limits and off the frame (only zero may lie on a limit); bars
stand on zero; every chart has a title, a source line
starting «Kilde:», a unit on its value axis and Norwegian numbers on its axes. The stacked bar and
the waterfall are also checked against hand-stacked values, and the house palette against the
lightness (grey) and red-green colour-blindness rules it claims.
"""

from __future__ import annotations

import inspect
import itertools
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from hoep.visning import figurer  # noqa: E402

AR = [2022, 2023, 2024, 2025]
TILFELLER = ("blandet", "negativ", "en", "tom")


@pytest.fixture(autouse=True)
def _lukk():
    figurer.oppsett()
    yield
    plt.close("all")


# --- what a chart must hold ----------------------------------------------------------------------

def _inne(verdi: float, grenser: tuple[float, float]) -> bool:
    """Inside the limits and off the frame (a bar or point on the frame looks cut off); only zero
    may lie on a limit, where bars stand on the axis."""
    lav, hoy = sorted(grenser)
    if abs(verdi) < 1e-9:
        return lav - 1e-9 <= 0 <= hoy + 1e-9
    margin = 1e-6 * max(hoy - lav, 1e-9)
    return lav + margin < verdi < hoy - margin


def _staver(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and (p.get_width() or p.get_height())]


def _punkter(ax) -> list[tuple[float, float]]:
    """Line points, scatter markers and band corners in data coordinates."""
    ut = []
    for linje in ax.lines:
        if linje.get_transform() is ax.transData:
            ut += [tuple(p) for p in linje.get_xydata() if np.isfinite(p).all()]
    for samling in ax.collections:
        if isinstance(samling, PathCollection):
            ut += [tuple(p) for p in samling.get_offsets() if np.isfinite(p).all()]
        else:
            for sti in samling.get_paths():
                ut += [tuple(p) for p in sti.vertices if np.isfinite(p).all()]
    return ut


def sjekk_akser(fig, delt_x: bool = False) -> int:
    """Every bar and point inside the limits of its axes; returns how many bars were checked.

    ``delt_x``: the axes share one broken x axis (a waterfall), so a bar's two ends must each lie
    inside one of them.
    """
    akser = [ax for ax in fig.axes if ax.get_visible()]
    staver = 0
    for ax in akser:
        for p in _staver(ax):
            staver += 1
            x0, x1, y0, y1 = p.get_x(), p.get_x() + p.get_width(), p.get_y(), p.get_y() + p.get_height()
            assert _inne(y0, ax.get_ylim()) and _inne(y1, ax.get_ylim()), \
                f"stolpe {y0}–{y1} utenfor {ax.get_ylim()}"
            for x in (x0, x1):
                rom = [a.get_xlim() for a in akser] if delt_x else [ax.get_xlim()]
                assert any(_inne(x, r) for r in rom), f"stolpe ved x={x} utenfor {rom}"
        for x, y in _punkter(ax):
            assert _inne(y, ax.get_ylim()), f"punkt y={y} utenfor {ax.get_ylim()}"
            assert _inne(x, ax.get_xlim()), f"punkt x={x} utenfor {ax.get_xlim()}"
    return staver


def sjekk_lesbar(fig, tom: bool = False, en_akse: bool = False) -> None:
    """Title, «Kilde:» line, unit and Norwegian numbers on the value axis (``en_akse``: the axes are
    one broken axis, so the unit is written once)."""
    titler = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert any(t.strip() for t in titler), "figuren mangler tittel"
    assert any(t.get_text().startswith("Kilde: ") for t in fig.texts), "figuren mangler kildelinje"
    if tom:
        assert any(figurer.INGEN_TALL in t.get_text() for ax in fig.axes for t in ax.texts)
        return
    hoved = [ax for ax in fig.axes if ax.get_visible() and (_staver(ax) or _punkter(ax))]
    assert hoved
    for ax in hoved:
        tekst = ax.yaxis.get_major_formatter()(-1234.5, 0) + ax.xaxis.get_major_formatter()(-1234.5, 0)
        assert "-" not in tekst.replace("−", ""), f"engelsk minus eller tall på aksen: {tekst!r}"
    verdiakser = [ax.get_ylabel() or ax.get_xlabel() for ax in hoved]
    prosent = all("%" in ax.yaxis.get_major_formatter()(5.0, 0) for ax in hoved)
    har_enhet = any if en_akse else all
    assert prosent or har_enhet(e.strip() for e in verdiakser), f"enhet mangler på en akse: {verdiakser}"


# --- the data cases per chart function -------------------------------------------------------------

def _tabell(tilfelle: str, kolonner=("A", "B", "C")) -> pd.DataFrame:
    if tilfelle == "tom":
        return pd.DataFrame()
    if tilfelle == "en":
        return pd.DataFrame({kolonner[0]: [5.0]}, index=[2022])
    if tilfelle == "negativ":
        return pd.DataFrame({k: [-1.0 - i, -2.0 - i, -3.5, -0.5] for i, k in enumerate(kolonner)}, index=AR)
    # mixed: «Tiltak etter type» for skole (Tabell 14-3 summed by type), the chart the issue names
    return pd.DataFrame({kolonner[0]: [9.1, 11.6, 2.2, -15.6], kolonner[1]: [10.8, 21.4, 25.8, 23.4],
                         kolonner[2]: [-1.7, -3.3, -3.3, -3.3]}, index=AR)


def _serie(tilfelle: str) -> pd.Series:
    return {"tom": pd.Series(dtype=float), "en": pd.Series({"Skole": 1441.0}),
            "negativ": pd.Series({"A": -5.0, "B": -120.0, "C": -1.0}),
            "blandet": pd.Series({"A": 1964.0, "B": -300.0, "C": 8.0, "D": -2.5})}[tilfelle]


def lag_stablet(t):
    return figurer.stablet_stolpe(_tabell(t), "Tiltak etter type", "HØP 2022-2025, Tabell 14-3")


def lag_liggende(t):
    return figurer.liggende_stolpe(_serie(t), "Investeringer per område", "Tabell 8-13")


def lag_gjeld(t):
    df = _tabell(t, ("laneopptak", "minimumsavdrag", "ovrige_avdrag"))
    if not df.empty:
        df = df.reindex(columns=["laneopptak", "minimumsavdrag", "ovrige_avdrag"], fill_value=0.0)
        df["ub"] = df.sum(axis=1) * 10
    return figurer.gjeld(df, "Gjeldsutvikling", "Tabell 8-15")


def lag_linjer(t):
    return figurer.linjer(_tabell(t), "Rentenivå", "Tabell 8-25")


def lag_fossefall(t):
    start, endringer = {
        "tom": (("Start", 100.0), pd.Series(dtype=float)),
        "en": (("Start", 100.0), pd.Series({"Endring": 5.0})),
        "negativ": (("Start", -100.0), pd.Series({"a": -5.0, "b": -10.0})),
        "blandet": (("Start", 1057.0), pd.Series({"Renter": -439.0, "Avdrag": -937.6, "Renteinntekter": 349.9,
                                                    "Utbytte": 25.0})),
    }[t]
    return figurer.fossefall(start, endringer, "Slutt", "Fra brutto til netto", "hoep.modell")


def _ramme(t) -> pd.DataFrame:
    df = _tabell(t, ("referansebane", "tiltaksbane", "malbane"))
    if not df.empty:
        df = df.reindex(columns=["referansebane", "tiltaksbane", "malbane"], fill_value=0.0)
        df["malbane_linear"] = df["malbane"] * 0.9
    return df


def lag_klimabaner(t):
    ramme = _ramme(t)
    mal = {} if ramme.empty else {int(ramme.index[-1]): float(ramme["malbane"].iloc[-1])}
    return figurer.klimabaner(ramme, 400_000.0, mal, "Utslippsbanene", "Tabell 7-1")


def lag_nokkeltall(t):
    df = _tabell(t)
    kommuner = ["Trondheim", "Oslo", "Bergen", "ASSS"]
    rader = [{"rad": f"Indikator {k}", "enhet": "prosent", "kommune": kommune, "verdi": v}
             for k in df.columns for kommune, v in zip(kommuner, df[k], strict=False)]
    return figurer.nokkeltall_gruppe(pd.DataFrame(rader, columns=["rad", "enhet", "kommune", "verdi"]),
                                     "Nøkkeltall (2020)", "Tabell 14-1")


def lag_maltall(t):
    df = _tabell(t, ("a", "b", "c"))
    if df.empty:
        return figurer.maltall({}, {}, {}, "Måltallene", "hoep.modell")
    titler = {k: f"Mål {k}" for k in df.columns}
    mal = {k: {int(a): (1.0, 2.5) for a in df.index} for k in df.columns}
    mal["b"] = {int(a): (None, 8.0) for a in df.index}
    return figurer.maltall({"basis": df}, mal, titler, "Måltallene", "hoep.modell")


def lag_differanser(t):
    return figurer.differanser(_tabell(t), "Endring mot grunnscenarioet", "hoep.modell")


def lag_sannsynligheter(t):
    return figurer.sannsynligheter(_tabell(t).T / 40, "Sannsynlighet for brudd", "hoep.modell.stresstest")


def lag_vifte(t):
    df = _tabell(t)
    baner = np.empty((0, 4)) if df.empty else np.vstack([df.to_numpy().T * s for s in (0.9, 1.0, 1.1)])
    ar = [] if df.empty else list(df.index)
    if not df.empty:
        baner = baner.reshape(-1, len(ar))
    return figurer.vifte(baner, ar, "Renteutgifter", "hoep.modell.stresstest", grense=None)


def lag_grupperte(t):
    return figurer.grupperte_stolper(_tabell(t), "Husholdningens betaling", "Tabell 10-8")


def lag_eiendomsskattkurve(t):
    df = _tabell(t)
    kurver = {k: pd.DataFrame({"verdi": np.arange(len(df)) * 1e6, "skatt": df[k].to_numpy()})
              for k in df.columns}
    return figurer.eiendomsskattkurve(kurver, "Eiendomsskatt etter boligverdi", "kap. 10.2")


BYGGERE = {
    "stablet_stolpe": lag_stablet, "liggende_stolpe": lag_liggende, "gjeld": lag_gjeld, "linjer": lag_linjer,
    "fossefall": lag_fossefall, "klimabaner": lag_klimabaner, "nokkeltall_gruppe": lag_nokkeltall,
    "maltall": lag_maltall, "differanser": lag_differanser, "sannsynligheter": lag_sannsynligheter,
    "vifte": lag_vifte, "grupperte_stolper": lag_grupperte, "eiendomsskattkurve": lag_eiendomsskattkurve,
}


def test_hver_figurfunksjon_er_med():
    funksjoner = {n for n, f in inspect.getmembers(figurer, inspect.isfunction)
                  if f.__module__ == figurer.__name__ and not n.startswith("_")
                  and inspect.signature(f).return_annotation in ("plt.Figure", plt.Figure)}
    assert funksjoner == set(BYGGERE)


@pytest.mark.parametrize("tilfelle", TILFELLER)
@pytest.mark.parametrize("navn", sorted(BYGGERE))
def test_aksene_holder_alt_og_figuren_er_lesbar(navn, tilfelle):
    fig = BYGGERE[navn](tilfelle)
    sjekk_lesbar(fig, tom=tilfelle == "tom" and navn != "fossefall", en_akse=navn == "fossefall")
    staver = sjekk_akser(fig, delt_x=navn == "fossefall")
    if tilfelle != "tom" and navn in ("stablet_stolpe", "liggende_stolpe", "gjeld", "differanser",
                                        "sannsynligheter", "grupperte_stolper", "nokkeltall_gruppe"):
        assert staver > 0
        for ax in fig.axes:
            if _staver(ax):  # bars stand on zero: zero is on the axis
                assert _inne(0.0, ax.get_ylim() if navn != "liggende_stolpe" else ax.get_xlim())


# --- the stacked bar and the waterfall, by hand ----------------------------------------------------

def test_stablede_stolper_positive_opp_negative_ned_og_netto():
    fig = lag_stablet("blandet")
    ax = fig.axes[0]
    # 2025 (x = 3): A −15,6 from 0 down, B 23,4 from 0 up, C −3,3 below A: −15,6 to −18,9.
    ar2025 = sorted((round(p.get_y(), 6), round(p.get_height(), 6)) for p in _staver(ax)
                    if abs(p.get_x() + p.get_width() / 2 - 3) < 1e-9)
    assert ar2025 == [(-15.6, -3.3), (0.0, -15.6), (0.0, 23.4)]
    netto = [s for s in ax.collections if isinstance(s, PathCollection)][0].get_offsets()
    assert [round(float(y), 6) for _, y in netto] == [18.2, 29.7, 24.7, 4.5]  # row sums by hand
    lav, hoy = ax.get_ylim()
    assert lav < -18.9 and hoy > 33.0  # 2023: 11,6 + 21,4 = 33,0 up; with air above and below
    assert "Netto (sum av stolpen)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_stablede_stolper_uten_blandede_fortegn_har_ingen_nettomarkering():
    ax = lag_stablet("negativ").axes[0]
    assert not [s for s in ax.collections if isinstance(s, PathCollection)]
    assert ax.get_ylim()[1] == 0.0  # all below zero: the bars hang from the axis at zero


def test_fossefall_med_smaa_trinn_bryter_aksen_synlig_og_starter_i_null():
    # Rammebro skole 2022 (Tabell 14-2): 2 027,1 − 3,4 − 27,5 + 7,6 + 10,6 = 2 014,4.
    fig = figurer.fossefall(("Opprinnelig budsjett 2021", 2027.1),
                            pd.Series({"Pris- og lønnskompensasjon": -3.4, "Tekniske justeringer": -27.5,
                                       "Befolkningsvekst": 7.6, "Annen rammeendring": 10.6}),
                            "Forslag 2022", "Rammebro 2022: Skole", "Tabell 14-2")
    null, zoom = fig.axes
    assert null.get_xlim()[0] == 0.0
    assert zoom.get_xlim()[0] > 1900 and zoom.get_xlim()[1] > 2027.1
    assert "aksen er brutt" in zoom.get_xlabel()
    tekster = [t.get_text().strip() for t in zoom.texts]
    assert tekster == ["2\u00a0027,1", "\u22123,4", "\u221227,5", "+7,6", "+10,6", "2\u00a0014,4"]
    assert sjekk_akser(fig, delt_x=True) == 12
    sjekk_lesbar(fig, en_akse=True)


def test_fossefall_som_krysser_null_har_en_akse_fra_null():
    fig = lag_fossefall("blandet")
    (ax,) = fig.axes
    lav, hoy = ax.get_xlim()
    assert lav < 1057.0 - 439.0 - 937.6 < 0 < 1057.0 < hoy


# --- the house palette ----------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), «A physiologically-based model for simulation of color
# vision deficiency», severity 1.0, in linear RGB.
DEUTAN = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                   [-0.011820, 0.042940, 0.968881]])
PROTAN = np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]])


def _lineaer(c):
    c = np.asarray(c, dtype=float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(lineaer_rgb):
    srgb_til_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = srgb_til_xyz @ lineaer_rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_husfargene_skilles_i_graatoner_og_ved_roed_groenn_fargeblindhet():
    lineaer = [_lineaer(matplotlib.colors.to_rgb(h)) for h in figurer.HUSFARGER]
    lys = [_lab(c)[0] for c in lineaer]
    assert min(abs(a - b) for a, b in itertools.combinations(lys, 2)) >= 9  # CIE L*: apart in grey
    for matrise in (DEUTAN, PROTAN):
        simulert = [_lab(np.clip(matrise @ c, 0, 1)) for c in lineaer]
        assert min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(simulert, 2)) >= 20


def test_mange_serier_faar_moenster_naar_fargene_er_brukt_opp():
    n = len(figurer.HUSFARGER) + 3
    fig = figurer.stablet_stolpe(pd.DataFrame({f"s{i}": [1.0, 2.0] for i in range(n)}, index=[2022, 2023]),
                                 "Mange serier", "test")
    ax = fig.axes[0]
    utseende = [(p.get_facecolor(), p.get_hatch() or "") for p in _staver(ax)[::2]]
    assert len(set(utseende)) == n
    assert math.isclose(ax.get_ylim()[0], 0.0)
