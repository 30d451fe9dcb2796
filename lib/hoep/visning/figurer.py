"""Figures for the notebooks and reports: matplotlib with Norwegian number formatting.

Presentation only: these functions draw what the rule modules computed, they compute no budget
rule. Every figure gets a source line naming the table it comes from.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from hoep import tall
from hoep.visning import vist

FARGER = sns.color_palette("colorblind")


def oppsett() -> None:
    """Deterministic, readable defaults for every notebook figure."""
    sns.set_theme(style="whitegrid", palette="colorblind")
    mpl.rcParams.update({
        "figure.figsize": (9, 4.5),
        "figure.dpi": 90,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.formatter.use_locale": False,
        "svg.hashsalt": "hoep",
    })


def _eksporter(data: pd.DataFrame | pd.Series, tittel: str, desimaler: int = 0, indeks: bool = True) -> None:
    """Announce the numbers a chart draws (a report run exports them, see :mod:`hoep.visning.vist`)."""
    vist.meld(data, "figur_" + tittel, tittel=tittel, desimaler=desimaler, indeks=indeks, slag="figur")


def _akse_mill(ax: plt.Axes, desimaler: int = 0) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, desimaler)))
    ax.set_ylabel("mill. kr")


def _kilde(fig: plt.Figure, kilde: str) -> None:
    fig.text(0.01, -0.02, kilde, fontsize=8, color="0.35", ha="left", va="top")


def stablet_stolpe(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Stacked bars: one bar per index value (year), one segment per column."""
    _eksporter(df, tittel)
    fig, ax = plt.subplots()
    bunn = pd.Series(0.0, index=df.index)
    for i, kol in enumerate(df.columns):
        ax.bar([str(x) for x in df.index], df[kol], bottom=bunn, label=kol,
               color=FARGER[i % len(FARGER)])
        bunn = bunn + df[kol]
    ax.set_title(tittel)
    _akse_mill(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def liggende_stolpe(serie: pd.Series, tittel: str, kilde: str, enhet: str = "mill. kr",
                    uthev: str | None = None) -> plt.Figure:
    """Horizontal bars, largest first, with the value written at each bar; ``uthev`` highlights one."""
    _eksporter(serie, tittel)
    serie = serie.sort_values()
    fig, ax = plt.subplots(figsize=(9, 0.28 * len(serie) + 1))
    ax.barh(serie.index, serie.values, color=[FARGER[1] if i == uthev else FARGER[0] for i in serie.index])
    for y, v in enumerate(serie.values):
        ax.text(v, y, " " + tall.tekst(v), va="center", fontsize=8)
    ax.set_title(tittel)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.set_xlabel(enhet)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def gjeld(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Debt roll-forward: opening debt, borrowing and repayments as bars, closing debt as a line."""
    _eksporter(df, tittel)
    fig, ax = plt.subplots()
    ar = [str(a) for a in df.index]
    ax.bar(ar, df["laneopptak"], color=FARGER[2], label="Låneopptak")
    ax.bar(ar, -df["minimumsavdrag"], color=FARGER[3], label="Minimumsavdrag")
    ax.bar(ar, -df["ovrige_avdrag"], bottom=-df["minimumsavdrag"], color=FARGER[1],
           label="Øvrige avdrag")
    _akse_mill(ax)
    ax2 = ax.twinx()
    ax2.plot(ar, df["ub"], marker="o", color="black", label="Gjeld 31.12.")
    ax2.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax2.set_ylabel("gjeld 31.12., mill. kr")
    ax2.grid(False)
    ax2.set_ylim(0, df["ub"].max() * 1.15)
    linjer = ax.get_legend_handles_labels()
    linjer2 = ax2.get_legend_handles_labels()
    ax.legend(linjer[0] + linjer2[0], linjer[1] + linjer2[1], loc="upper left",
              bbox_to_anchor=(1.12, 1), frameon=False, fontsize=8)
    ax.set_title(tittel)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def linjer(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "prosent") -> plt.Figure:
    """One line per column over the index (years)."""
    _eksporter(df, tittel, desimaler=1)
    fig, ax = plt.subplots()
    for i, kol in enumerate(df.columns):
        ax.plot([str(a) for a in df.index], df[kol], marker="o", label=kol,
                color=FARGER[i % len(FARGER)])
    ax.set_title(tittel)
    ax.set_ylabel(enhet)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, 1)))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def fossefall(start: tuple[str, float], endringer: pd.Series, slutt: str, tittel: str,
              kilde: str, desimaler: int = 1) -> plt.Figure:
    """Waterfall: a start bar, one floating bar per change (green up, red down), an end bar.

    The end bar is the start plus the changes, as drawn; the caller shows the published closing
    value beside it if it wants the two compared.
    """
    etiketter = [start[0], *endringer.index, slutt]
    verdier = [start[1], *endringer, start[1] + endringer.sum()]
    _eksporter(pd.DataFrame({"Post": etiketter, "mill. kr": verdier}), tittel, desimaler, indeks=False)
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(etiketter) + 1.5))
    niva = start[1]
    ax.barh(0, start[1], color=FARGER[0])
    ax.text(start[1], 0, " " + tall.tekst(start[1], desimaler), va="center", fontsize=8)
    for i, (_, endring) in enumerate(endringer.items(), start=1):
        farge = FARGER[2] if endring >= 0 else FARGER[3]
        ax.barh(i, endring, left=niva, color=farge)
        ax.text(max(niva, niva + endring), i, " " + tall.tekst(endring, desimaler),
                va="center", fontsize=8)
        niva += endring
    ax.barh(len(etiketter) - 1, niva, color=FARGER[0])
    ax.text(niva, len(etiketter) - 1, " " + tall.tekst(niva, desimaler), va="center", fontsize=8)
    ax.set_yticks(range(len(etiketter)), etiketter, fontsize=8)
    ax.invert_yaxis()
    # Zoom on the levels the changes move between, so small changes to a large total stay visible;
    # the start and end bars then run off the left edge, which the labels make clear.
    nivaer = [start[1], *(start[1] + endringer.cumsum()).tolist()]
    lav, hoy = min(nivaer), max(nivaer)
    spenn = max(hoy - lav, 1e-9)
    if lav > 0 and spenn < 0.5 * lav:
        ax.set_xlim(lav - 0.6 * spenn, hoy + 0.6 * spenn)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.set_xlabel("mill. kr")
    ax.set_title(tittel)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def klimabaner(ramme: pd.DataFrame, utslipp_2009: float, mal: dict[int, float], tittel: str,
               kilde: str, basis: pd.DataFrame | None = None) -> plt.Figure:
    """The three emission paths (tonnes CO2-ekv.) with the council's targets marked.

    ``mal`` maps a target year to its ceiling in tonnes; ``basis`` (optional) draws the base
    scenario's tiltaksbane thin and grey for comparison.
    """
    _eksporter(ramme, tittel)
    fig, ax = plt.subplots(figsize=(9, 4.8))
    ar = list(ramme.index)
    ax.plot(ar, ramme["referansebane"], color=FARGER[0], marker="o", label="Referansebane")
    ax.plot(ar, ramme["tiltaksbane"], color=FARGER[1], marker="o", label="Tiltaksbane")
    ax.plot(ar, ramme["malbane"], color=FARGER[2], marker="o", label="Målbane (utslippsramme)")
    ax.plot(ar, ramme["malbane_linear"], color=FARGER[2], linestyle="--", linewidth=1,
            label="Målbane, rette linjer mellom målene")
    if basis is not None:
        ax.plot(ar, basis["tiltaksbane"], color="0.6", linewidth=1, label="Tiltaksbane i grunnscenarioet")
    for a, tak in mal.items():
        ax.scatter([a], [tak], marker="*", s=160, color="black", zorder=5)
        ax.annotate(f"Mål {a}: {tall.tekst(100 * (tak / utslipp_2009 - 1))} %", (a, tak),
                    textcoords="offset points", xytext=(-10, 10), ha="right", fontsize=8)
    ax.set_ylim(0, None)
    ax.set_xticks(ar, [str(a) for a in ar])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.set_ylabel("tonn CO2-ekv.")
    ax.set_title(tittel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def nokkeltall_gruppe(del_: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """One indicator group: a small bar chart per indicator, municipalities side by side.

    ``del_`` is the long key-figure frame (``rad``, ``enhet``, ``kommune``, ``verdi``) for one
    group and year; Trondheim's bar is highlighted, the unit is on each chart's axis.
    """
    _eksporter(del_, tittel, desimaler=1, indeks=False)
    indikatorer = list(dict.fromkeys(del_["rad"]))
    fig, akser = plt.subplots(1, len(indikatorer), figsize=(3.2 * len(indikatorer) + 1, 3.4), squeeze=False)
    for ax, indikator in zip(akser[0], indikatorer, strict=True):
        rad = del_[del_["rad"] == indikator].dropna(subset=["verdi"])
        farger = [FARGER[1] if k == "Trondheim" else FARGER[0] for k in rad["kommune"]]
        ax.bar(rad["kommune"], rad["verdi"], color=farger)
        kort = indikator if len(indikator) < 45 else indikator[:42] + " …"
        ax.set_title(kort, fontsize=8, fontweight="normal")
        ax.set_ylabel(rad["enhet"].iloc[0] if len(rad) else "", fontsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, 1 if abs(v) < 10 else 0)))
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle(tittel, fontsize=11, fontweight="bold")
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def malband(malstatus: pd.DataFrame) -> dict[str, dict[int, tuple[float | None, float | None]]]:
    """The target band per target and year from :meth:`hoep.modell.Plan.malstatus` (for :func:`maltall`)."""
    return {k: {int(r.ar): (None if pd.isna(r.nedre) else r.nedre, None if pd.isna(r.ovre) else r.ovre)
                for r in rader.itertuples()} for k, rader in malstatus.groupby("maltall", sort=False)}


def maltall(verdier: dict[str, pd.DataFrame],
            mal: dict[str, dict[int, tuple[float | None, float | None]]],
            titler: dict[str, str], tittel: str, kilde: str) -> plt.Figure:
    """Small multiples, one per financial target: each scenario's line and the target band.

    ``verdier``: scenario name → DataFrame (index years, one column per target, prosent).
    ``mal``: target → year → (lower, upper) bound, None where open (:func:`malband`); targets are
    dated, so the band may change from one year to the next.
    """
    _eksporter(pd.concat(verdier, names=["Scenario", "År"]), tittel, desimaler=1)
    nokler = list(titler)
    fig, akser = plt.subplots(2, 2, figsize=(10, 6), sharex=True)
    for ax, nokkel in zip(akser.flat, nokler, strict=True):
        for i, (navn, df) in enumerate(verdier.items()):
            ax.plot([str(a) for a in df.index], df[nokkel], marker="o", label=navn,
                    color=FARGER[i % len(FARGER)], linestyle="-" if i == 0 else "--")
        ar = [str(a) for a in mal[nokkel]]
        band = list(mal[nokkel].values())
        if all(lav is not None and hoy is not None and lav != hoy for lav, hoy in band):
            ax.fill_between(ar, [b[0] for b in band], [b[1] for b in band], step="mid", color="0.85",
                            zorder=0, label="målområde")
        else:
            ax.step(ar, [hoy if hoy is not None else lav for lav, hoy in band], where="mid", color="0.4",
                    linewidth=1, label="mål")
        ax.set_title(titler[nokkel], fontsize=10)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, 1) + " %"))
    akser.flat[1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    fig.suptitle(tittel, fontweight="bold")
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def differanser(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Grouped bars: one group per year (index), one bar per column (a key figure's change)."""
    _eksporter(df, tittel)
    fig, ax = plt.subplots()
    df = df.set_axis([str(a) for a in df.index])
    df.plot.bar(ax=ax, color=FARGER[: len(df.columns)], rot=0, width=0.8)
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_title(tittel)
    _akse_mill(ax, 0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def sannsynligheter(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Grouped bars of probabilities (0-1): one group per column (year), one bar per row."""
    _eksporter(df * 100, tittel + " (prosent)", desimaler=1)
    fig, ax = plt.subplots()
    visning = df.T * 100
    visning.index = [str(a) for a in visning.index]
    visning.plot.bar(ax=ax, color=FARGER[: len(df.index)], rot=0, width=0.8)
    ax.set_ylim(0, 100)
    ax.set_ylabel("sannsynlighet for brudd")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v) + " %"))
    ax.set_title(tittel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def vifte(baner, ar, tittel: str, kilde: str, enhet: str = "mill. kr", grense: float | None = None,
          desimaler: int = 0) -> plt.Figure:
    """A fan chart: the 5-95 and 25-75 percentile bands and the median of many paths (rows)."""
    import numpy as np

    fig, ax = plt.subplots()
    x = [str(a) for a in ar]
    p5, p25, p50, p75, p95 = np.percentile(baner, [5, 25, 50, 75, 95], axis=0)
    _eksporter(pd.DataFrame({"p5": p5, "p25": p25, "median": p50, "p75": p75, "p95": p95},
                            index=pd.Index(list(ar), name="År")), tittel, desimaler=desimaler)
    ax.fill_between(x, p5, p95, color=FARGER[0], alpha=0.18, label="5-95 prosentil")
    ax.fill_between(x, p25, p75, color=FARGER[0], alpha=0.35, label="25-75 prosentil")
    ax.plot(x, p50, color=FARGER[0], marker="o", label="median")
    if grense is not None:
        ax.axhline(grense, color="0.3", linewidth=1, linestyle="--", label="grense")
    ax.set_title(tittel)
    ax.set_ylabel(enhet)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, desimaler)))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def grupperte_stolper(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "kr") -> plt.Figure:
    """Bars side by side: one group per index value (e.g. a fee), one bar per column (e.g. a year)."""
    _eksporter(df, tittel)
    fig, ax = plt.subplots()
    bredde = 0.8 / max(len(df.columns), 1)
    x = range(len(df.index))
    for i, kol in enumerate(df.columns):
        ax.bar([p + (i - (len(df.columns) - 1) / 2) * bredde for p in x], df[kol], width=bredde,
               label=str(kol), color=FARGER[i % len(FARGER)])
    ax.set_xticks(list(x), [str(i) for i in df.index], fontsize=8, rotation=20, ha="right")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.set_ylabel(enhet)
    ax.set_title(tittel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig


def eiendomsskattkurve(kurver: dict[str, pd.DataFrame], tittel: str, kilde: str,
                       markering: tuple[float, float] | None = None) -> plt.Figure:
    """Property tax (kr per year) over boligverdi (mill. kr), one line per set of rules.

    ``kurver`` maps a label to :func:`hoep.eiendomsskatt.kurve`'s frame; ``markering`` marks one
    (verdi, skatt) point, e.g. the household's dwelling.
    """
    _eksporter(pd.concat({n: k[["verdi", "skatt"]] for n, k in kurver.items()}, names=["Regler", "Punkt"])
               .reset_index(level="Punkt", drop=True), tittel)
    fig, ax = plt.subplots()
    for i, (navn, k) in enumerate(kurver.items()):
        ax.plot(k["verdi"] / 1e6, k["skatt"], color=FARGER[i % len(FARGER)], label=navn)
    if markering is not None:
        ax.scatter([markering[0] / 1e6], [markering[1]], color="black", zorder=5)
        ax.annotate(f"{tall.tekst(markering[1])} kr", (markering[0] / 1e6, markering[1]),
                    textcoords="offset points", xytext=(-8, 8), ha="right", fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v)))
    ax.set_xlabel("boligverdi, mill. kr")
    ax.set_ylabel("eiendomsskatt, kr per år")
    ax.set_title(tittel)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    _kilde(fig, kilde)
    fig.tight_layout()
    return fig
