"""Figures for the notebooks and reports: matplotlib with Norwegian number formatting.

Presentation only: these functions draw what the rule modules computed, they compute no budget
rule. Every chart follows the same rules, so that it reads right:

- a title, the unit on the value axis, Norwegian numbers on the axes (space for thousands, comma
  decimal, U+2212 minus, :func:`hoep.tall.tekst`) and a source line at the foot («Kilde: …»);
- the house palette :data:`HUSFARGER`: blue and orange hues (kept apart under red-green colour
  blindness) at lightness steps at least 9 CIE L* apart (kept apart in grey); a ninth series and
  on get a hatch as well;
- the value axis holds every bar, line and band drawn, with some air (:func:`hold_alt`); bars
  start at zero, and an axis with bars always includes zero;
- stacked bars stack positive amounts up and negative amounts down from zero; where one bar holds
  both, a black diamond marks its net sum (:func:`stablet_stolpe`);
- waterfalls start at zero: where the steps are small against the level they move on, the axis is
  broken visibly (a narrow panel from zero, marked «//», and a zoomed panel), and the start, every
  step (with its sign) and the end are labelled (:func:`fossefall`);
- with nothing to draw, the chart says so («Ingen tall å vise») instead of failing.
"""

from __future__ import annotations

import math
import numbers

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.collections import PathCollection
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

from hoep import tall
from hoep.visning import vist

# The house palette, in the order series get them. CIE L*: 29, 72, 52, 40, 82, 62, 92, 15.
HUSFARGER = ("#00457d", "#f19f2f", "#0083c4", "#994613", "#a4d2f1", "#969696", "#fce7a7", "#262626")
FARGER = [mpl.colors.to_rgb(h) for h in HUSFARGER]
MONSTER = ("", "//", "..", "xx")  # hatches: the first round of colours none, then one per round
OKNING, REDUKSJON, SUM = FARGER[2], FARGER[1], FARGER[0]  # waterfall steps up, down; start and end
NETTO = "black"
INGEN_TALL = "Ingen tall å vise"
HJELPELINJE = "hjelpelinje"  # gid of reference lines (zero, limits), which hold_alt leaves out


def oppsett() -> None:
    """Deterministic, readable defaults for every notebook figure, in the house palette."""
    sns.set_theme(style="whitegrid", palette=list(HUSFARGER))
    mpl.rcParams.update({
        "figure.figsize": (9, 4.5),
        "figure.dpi": 90,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.formatter.use_locale": False,
        "svg.hashsalt": "hoep",
    })


def farge(i: int) -> tuple[float, float, float]:
    """The colour of series ``i`` (0-based)."""
    return FARGER[i % len(FARGER)]


def monster(i: int) -> str:
    """The hatch of series ``i``: none for the first :data:`HUSFARGER`, then one per round."""
    return MONSTER[(i // len(FARGER)) % len(MONSTER)]


def _eksporter(data: pd.DataFrame | pd.Series, tittel: str, desimaler: int = 0, indeks: bool = True) -> None:
    """Announce the numbers a chart draws (a report run exports them, see :mod:`hoep.visning.vist`)."""
    vist.meld(data, "figur_" + tittel, tittel=tittel, desimaler=desimaler, indeks=indeks, slag="figur")


def _formater(desimaler: int = 0, etter: str = "") -> FuncFormatter:
    return FuncFormatter(lambda v, _: tall.tekst(v, desimaler) + etter)


def _akse(ax: plt.Axes, enhet: str, desimaler: int = 0, akse: str = "y") -> None:
    """Norwegian numbers and the unit on the value axis."""
    (ax.yaxis if akse == "y" else ax.xaxis).set_major_formatter(_formater(desimaler))
    (ax.set_ylabel if akse == "y" else ax.set_xlabel)(enhet)


def _akse_mill(ax: plt.Axes, desimaler: int = 0) -> None:
    _akse(ax, "mill. kr", desimaler)


def kildelinje(fig: plt.Figure, kilde: str) -> None:
    """The source line at the foot of a figure, always starting «Kilde:»."""
    tekst = kilde.strip()
    if not tekst.lower().startswith("kilde"):
        tekst = f"Kilde: {tekst}"
    fig.text(0.01, -0.02, tekst, fontsize=8, color="0.35", ha="left", va="top")


_kilde = kildelinje


def _null(ax: plt.Axes, akse: str = "y") -> None:
    linje = ax.axhline if akse == "y" else ax.axvline
    linje(0, color="0.3", linewidth=0.8, zorder=1.5, gid=HJELPELINJE)


def _legende(ax: plt.Axes, **kw) -> None:
    """The legend right of the chart, in the order the series were drawn; markers (a net sum) last."""
    handles, etiketter = ax.get_legend_handles_labels()
    if not handles:
        return
    par = sorted(zip(handles, etiketter, strict=True), key=lambda p: isinstance(p[0], PathCollection))
    ax.legend([h for h, _ in par], [e for _, e in par], loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False, fontsize=8, **kw)


def dataspenn(ax: plt.Axes, akse: str = "y") -> tuple[float, float] | None:
    """The lowest and highest value ``ax`` draws on ``akse``: bars (both ends), lines, points and
    bands in data coordinates; reference lines (gid :data:`HJELPELINJE`) are left out."""
    verdier: list[float] = []
    for p in ax.patches:
        if isinstance(p, Rectangle) and p.get_gid() != HJELPELINJE:
            start, lengde = (p.get_y(), p.get_height()) if akse == "y" else (p.get_x(), p.get_width())
            verdier += [start, start + lengde]
    for linje in ax.lines:
        if linje.get_gid() == HJELPELINJE:
            continue
        data = linje.get_ydata() if akse == "y" else linje.get_xdata()
        verdier += [float(v) for v in np.asarray(data, dtype=object).ravel() if isinstance(v, numbers.Real)]
    for samling in ax.collections:
        if samling.get_gid() == HJELPELINJE:
            continue
        boks = samling.get_datalim(ax.transData)
        if np.isfinite(boks.bounds).all() and boks.width >= 0:
            verdier += [boks.y0, boks.y1] if akse == "y" else [boks.x0, boks.x1]
    verdier = [v for v in verdier if math.isfinite(v)]
    return (min(verdier), max(verdier)) if verdier else None


def hold_alt(ax: plt.Axes, akse: str = "y", null: bool = False, luft: float = 0.06, etikettluft: float = 0.0,
             minst: tuple[float, float] | None = None) -> None:
    """Set ``akse``'s limits so they hold everything drawn (:func:`dataspenn`) with some air.

    ``null``: the axis includes zero, and a side that ends at zero stays at zero (bars stand on
    the axis). ``etikettluft``: extra room on the far side for value labels. ``minst``: a range the
    axis shows at least (e.g. 0-100 % for probabilities).
    """
    spenn = dataspenn(ax, akse)
    if spenn is None:
        return
    lav, hoy = spenn
    if null:
        lav, hoy = min(lav, 0.0), max(hoy, 0.0)
    bredde = hoy - lav or max(abs(hoy), 1.0)
    nedre = lav if null and lav == 0 else lav - luft * bredde - (etikettluft * bredde if lav < 0 else 0)
    ovre = hoy if null and hoy == 0 else hoy + luft * bredde + (etikettluft * bredde if hoy > 0 else 0)
    if minst is not None:
        nedre, ovre = min(nedre, minst[0]), max(ovre, minst[1])
    if nedre == ovre:  # everything drawn is zero
        nedre, ovre = nedre - (0 if null else 1.0), ovre + 1.0
    (ax.set_ylim if akse == "y" else ax.set_xlim)(nedre, ovre)


def _tom(ax: plt.Axes) -> None:
    ax.text(0.5, 0.5, INGEN_TALL, ha="center", va="center", transform=ax.transAxes, fontsize=11, color="0.35")
    ax.set_xticks([])
    ax.set_yticks([])


def _tom_figur(tittel: str, kilde: str) -> plt.Figure:
    fig, ax = plt.subplots()
    _tom(ax)
    ax.set_title(tittel)
    kildelinje(fig, kilde)
    fig.tight_layout()
    return fig


def _ferdig(fig: plt.Figure, kilde: str) -> plt.Figure:
    kildelinje(fig, kilde)
    fig.tight_layout()
    return fig


def _etiketter(ax: plt.Axes, etiketter: list[str], akse: str = "x") -> None:
    """Category labels; many or long ones are turned so they do not run into each other."""
    skraa = len(etiketter) > 8 or sum(len(e) for e in etiketter) > 70
    if akse == "x":
        ax.set_xticks(range(len(etiketter)), etiketter, rotation=45 if skraa else 0,
                      ha="right" if skraa else "center", fontsize=8 if skraa else None)
    else:
        ax.set_yticks(range(len(etiketter)), etiketter, fontsize=8)


def stablet_stolpe(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "mill. kr",
                   desimaler: int = 0) -> plt.Figure:
    """Stacked bars: one bar per index value (year), one segment per column.

    Positive amounts stack up from zero and negative amounts down from zero, so no segment hides
    another; where a bar holds both, a black diamond marks its net sum. Missing cells count as 0.
    """
    _eksporter(df, tittel)
    if df.empty or df.columns.empty or df.index.empty:
        return _tom_figur(tittel, kilde)
    verdier = df.apply(pd.to_numeric, errors="coerce").fillna(0.0).astype(float)
    x = np.arange(len(verdier.index))
    fig, ax = plt.subplots()
    opp, ned = np.zeros(len(x)), np.zeros(len(x))
    for i, kol in enumerate(verdier.columns):
        v = verdier[kol].to_numpy()
        ax.bar(x, v, bottom=np.where(v >= 0, opp, ned), label=str(kol), color=farge(i), hatch=monster(i),
               edgecolor="white", linewidth=0.6, zorder=2)
        opp, ned = opp + np.clip(v, 0, None), ned + np.clip(v, None, 0)
    if (ned < 0).any():
        _null(ax)
    blandet = (opp > 0) & (ned < 0)
    if blandet.any():
        ax.scatter(x, verdier.sum(axis=1).to_numpy(), marker="D", s=40, color=NETTO, edgecolor="white",
                   linewidth=0.8, zorder=5, label="Netto (sum av stolpen)")
    _etiketter(ax, [str(i) for i in verdier.index])
    ax.set_title(tittel)
    _akse(ax, enhet, desimaler)
    hold_alt(ax, null=True)
    _legende(ax)
    return _ferdig(fig, kilde)


def liggende_stolpe(serie: pd.Series, tittel: str, kilde: str, enhet: str = "mill. kr",
                    uthev: str | None = None) -> plt.Figure:
    """Horizontal bars, largest first, with the value written at each bar; ``uthev`` highlights one."""
    _eksporter(serie, tittel)
    if serie.empty:
        return _tom_figur(tittel, kilde)
    serie = pd.to_numeric(serie, errors="coerce").fillna(0.0).sort_values()
    fig, ax = plt.subplots(figsize=(9, 0.28 * len(serie) + 1.2))
    farger = [farge(1) if i == uthev else farge(0) for i in serie.index]
    ax.barh(range(len(serie)), serie.values, color=farger, zorder=2)
    for y, v in enumerate(serie.values):
        ax.text(v, y, (" " + tall.tekst(v)) if v >= 0 else (tall.tekst(v) + " "), va="center",
                ha="left" if v >= 0 else "right", fontsize=8)
    if (serie < 0).any():
        _null(ax, "x")
    _etiketter(ax, [str(i) for i in serie.index], akse="y")
    ax.set_title(tittel)
    _akse(ax, enhet, akse="x")
    hold_alt(ax, "x", null=True, etikettluft=0.1)
    return _ferdig(fig, kilde)


def gjeld(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Debt roll-forward: borrowing up and repayments down as bars, closing debt as a line (right axis)."""
    _eksporter(df, tittel)
    if df.empty:
        return _tom_figur(tittel, kilde)
    fig, ax = plt.subplots()
    x = np.arange(len(df.index))
    ax.bar(x, df["laneopptak"], color=farge(2), label="Låneopptak", zorder=2)
    ax.bar(x, -df["minimumsavdrag"], color=farge(1), label="Minimumsavdrag", zorder=2)
    ax.bar(x, -df["ovrige_avdrag"], bottom=-df["minimumsavdrag"], color=farge(3), label="Øvrige avdrag",
           zorder=2)
    _null(ax)
    _etiketter(ax, [str(a) for a in df.index])
    _akse_mill(ax)
    hold_alt(ax, null=True)
    ax2 = ax.twinx()
    ax2.plot(x, df["ub"], marker="o", color=NETTO, label="Gjeld 31.12. (høyre akse)")
    _akse(ax2, "gjeld 31.12., mill. kr")
    ax2.grid(False)
    hold_alt(ax2, null=True, luft=0.15)
    linjer_, tekster = ax.get_legend_handles_labels()
    linjer2, tekster2 = ax2.get_legend_handles_labels()
    ax.legend(linjer_ + linjer2, tekster + tekster2, loc="upper left", bbox_to_anchor=(1.12, 1),
              frameon=False, fontsize=8)
    ax.set_title(tittel)
    return _ferdig(fig, kilde)


def linjer(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "prosent", x_enhet: str = "",
           desimaler: int = 1) -> plt.Figure:
    """One line per column over the index (years, or another quantity named by ``x_enhet``)."""
    _eksporter(df, tittel, desimaler=desimaler)
    if df.empty or df.columns.empty:
        return _tom_figur(tittel, kilde)
    fig, ax = plt.subplots()
    x = np.arange(len(df.index))
    for i, kol in enumerate(df.columns):
        ax.plot(x, df[kol], marker="o", label=kol, color=farge(i))
    _etiketter(ax, [str(a) for a in df.index])
    ax.set_title(tittel)
    _akse(ax, enhet, desimaler)
    if x_enhet:
        ax.set_xlabel(x_enhet)
    hold_alt(ax)
    _legende(ax)
    return _ferdig(fig, kilde)


def fossefall(start: tuple[str, float], endringer: pd.Series, slutt: str, tittel: str,
              kilde: str, desimaler: int = 1, enhet: str = "mill. kr") -> plt.Figure:
    """Waterfall: a start bar from zero, one floating bar per change, an end bar from zero.

    Steps up are blue, steps down orange, start and end dark blue; every bar is labelled (steps
    with their sign). Where the levels the changes move between are far from zero against the
    room they span (a frame of 2 000 mill. kr moved by tens of millions), the axis is broken
    visibly: a narrow panel from zero shows that the start and end bars start there, a zoomed panel
    shows the steps, and «//» marks the break. The end bar is the start plus the changes, as drawn;
    the caller shows the published closing value beside it if it wants the two compared.
    """
    endringer = pd.to_numeric(endringer, errors="coerce").fillna(0.0).astype(float)
    etiketter = [start[0], *endringer.index, slutt]
    niva_slutt = start[1] + endringer.sum()
    verdier = [start[1], *endringer, niva_slutt]
    _eksporter(pd.DataFrame({"Post": etiketter, enhet: verdier}), tittel, desimaler, indeks=False)
    nivaer = [start[1], *(start[1] + endringer.cumsum()).tolist()]
    lav, hoy = min(nivaer), max(nivaer)
    spenn = hoy - lav
    brutt = lav > 0 and spenn < 0.25 * lav  # the steps would be slivers on an axis from zero
    hoyde = 0.32 * len(etiketter) + 1.6
    if brutt:
        fig, (ax0, ax) = plt.subplots(1, 2, sharey=True, figsize=(9, hoyde),
                                      gridspec_kw={"width_ratios": [1, 6]})
        akser = (ax0, ax)
    else:
        fig, ax = plt.subplots(figsize=(9, hoyde))
        ax0, akser = None, (ax,)
    rader = [(0.0, start[1], SUM)]
    niva = start[1]
    for endring in endringer:
        rader.append((niva, endring, OKNING if endring >= 0 else REDUKSJON))
        niva += endring
    rader.append((0.0, niva_slutt, SUM))
    for a in akser:
        for y, (venstre, bredde, f) in enumerate(rader):
            a.barh(y, bredde, left=venstre, color=f, zorder=2, height=0.7)
    for y, (venstre, bredde, _) in enumerate(rader):
        trinn = 0 < y < len(rader) - 1
        tekst = ("+" if trinn and bredde > 0 else "") + tall.tekst(bredde, desimaler)
        ende = max(venstre, venstre + bredde)
        if not trinn and bredde < 0:
            ax.text(venstre + bredde, y, tekst + " ", va="center", ha="right", fontsize=8)
        else:
            ax.text(ende, y, " " + tekst, va="center", ha="left", fontsize=8)
    _etiketter(akser[0], etiketter, akse="y")
    akser[0].invert_yaxis()
    if brutt:
        luft = 0.08 * max(spenn, 0.02 * hoy)
        ax.set_xlim(lav - luft, hoy + luft + 0.14 * max(spenn, 0.02 * hoy))
        ax0.set_xlim(0, 0.12 * lav)
        ax0.set_xticks([0], ["0"])
        ax0.spines["right"].set_visible(False)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", left=False)
        for a, x in ((ax0, 1.0), (ax, 0.0)):  # «//» on both broken spines, top and bottom
            a.plot([x, x], [0, 1], transform=a.transAxes, linestyle="none", marker=[(-1, -2), (1, 2)],
                   markersize=10, color="0.2", mec="0.2", mew=1, clip_on=False, gid=HJELPELINJE)
        ax0.set_xlabel("")
        ax.set_xlabel(f"{enhet} (aksen er brutt mellom 0 og {tall.tekst(ax.get_xlim()[0])})")
        ax.xaxis.set_major_formatter(_formater())
    else:
        _null(ax, "x")
        _akse(ax, enhet, akse="x")
        hold_alt(ax, "x", null=True, etikettluft=0.12)
    if brutt:
        fig.suptitle(tittel, fontweight="bold", fontsize=12)
    else:
        ax.set_title(tittel)
    ax.legend(handles=[Patch(color=SUM, label="Start og slutt"), Patch(color=OKNING, label="Økning"),
                       Patch(color=REDUKSJON, label="Reduksjon")],
              loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _ferdig(fig, kilde)
    if brutt:
        fig.subplots_adjust(wspace=0.04)  # the two panels read as one broken axis
    return fig


def klimabaner(ramme: pd.DataFrame, utslipp_2009: float, mal: dict[int, float], tittel: str,
               kilde: str, basis: pd.DataFrame | None = None) -> plt.Figure:
    """The three emission paths (tonnes CO2-ekv.) with the council's targets marked.

    ``mal`` maps a target year to its ceiling in tonnes; ``basis`` (optional) draws the base
    scenario's tiltaksbane thin and grey for comparison.
    """
    _eksporter(ramme, tittel)
    if ramme.empty:
        return _tom_figur(tittel, kilde)
    fig, ax = plt.subplots(figsize=(9, 4.8))
    ar = list(ramme.index)
    ax.plot(ar, ramme["referansebane"], color=farge(0), marker="o", label="Referansebane")
    ax.plot(ar, ramme["tiltaksbane"], color=farge(1), marker="s", label="Tiltaksbane")
    ax.plot(ar, ramme["malbane"], color=farge(2), marker="^", label="Målbane (utslippsramme)")
    ax.plot(ar, ramme["malbane_linear"], color=farge(2), linestyle="--", linewidth=1,
            label="Målbane, rette linjer mellom målene")
    if basis is not None:
        ax.plot(ar, basis["tiltaksbane"], color="0.6", linewidth=1, label="Tiltaksbane i grunnscenarioet")
    for a, tak in mal.items():
        ax.scatter([a], [tak], marker="*", s=160, color=NETTO, zorder=5)
        ax.annotate(f"Mål {a}: {tall.tekst(100 * (tak / utslipp_2009 - 1))} %", (a, tak),
                    textcoords="offset points", xytext=(-10, 10), ha="right", fontsize=8)
    ax.set_xticks(ar, [str(a) for a in ar])
    _akse(ax, "tonn CO2-ekv.")
    hold_alt(ax, null=True)
    ax.set_title(tittel)
    _legende(ax)
    return _ferdig(fig, kilde)


def nokkeltall_gruppe(del_: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """One indicator group: a small bar chart per indicator, municipalities side by side.

    ``del_`` is the long key-figure frame (``rad``, ``enhet``, ``kommune``, ``verdi``) for one
    group and year; Trondheim's bar is highlighted, the unit is on each chart's axis.
    """
    _eksporter(del_, tittel, desimaler=1, indeks=False)
    indikatorer = list(dict.fromkeys(del_["rad"])) if "rad" in del_ else []
    if del_.empty or not indikatorer:
        return _tom_figur(tittel, kilde)
    fig, akser = plt.subplots(1, len(indikatorer), figsize=(3.2 * len(indikatorer) + 1, 3.4), squeeze=False)
    for ax, indikator in zip(akser[0], indikatorer, strict=True):
        rad = del_[del_["rad"] == indikator].dropna(subset=["verdi"])
        if rad.empty:
            _tom(ax)
        else:
            farger = [farge(1) if k == "Trondheim" else farge(0) for k in rad["kommune"]]
            ax.bar(range(len(rad)), rad["verdi"], color=farger, zorder=2)
            ax.set_xticks(range(len(rad)), list(rad["kommune"]))
            if (rad["verdi"] < 0).any():
                _null(ax)
            hold_alt(ax, null=True)
        kort = indikator if len(indikator) < 45 else indikator[:42] + " …"
        ax.set_title(kort, fontsize=8, fontweight="normal")
        ax.set_ylabel(rad["enhet"].iloc[0] if len(rad) else "", fontsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tall.tekst(v, 1 if abs(v) < 10 else 0)))
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle(tittel, fontsize=11, fontweight="bold")
    return _ferdig(fig, kilde)


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
    if not verdier or not titler or all(df.empty for df in verdier.values()):
        return _tom_figur(tittel, kilde)
    _eksporter(pd.concat(verdier, names=["Scenario", "År"]), tittel, desimaler=1)
    nokler = list(titler)
    rader = math.ceil(len(nokler) / 2)
    fig, akser = plt.subplots(rader, 2, figsize=(10, 3 * rader), sharex=True, squeeze=False)
    for ax, nokkel in zip(akser.flat, nokler, strict=False):
        for i, (navn, df) in enumerate(verdier.items()):
            ax.plot([str(a) for a in df.index], df[nokkel], marker="os^D"[i % 4], label=navn,
                    color=farge(i), linestyle="-" if i == 0 else "--")
        ar = [str(a) for a in mal.get(nokkel, {})]
        band = list(mal.get(nokkel, {}).values())
        if band and all(lav is not None and hoy is not None and lav != hoy for lav, hoy in band):
            ax.fill_between(ar, [b[0] for b in band], [b[1] for b in band], step="mid", color="0.85",
                            zorder=0, label="målområde")
        elif band:
            ax.step(ar, [hoy if hoy is not None else lav for lav, hoy in band], where="mid", color="0.4",
                    linewidth=1, label="mål")
        ax.set_title(titler[nokkel], fontsize=10)
        ax.yaxis.set_major_formatter(_formater(1, " %"))
        hold_alt(ax)
    for ax in list(akser.flat)[len(nokler):]:
        ax.set_visible(False)
    akser.flat[min(1, len(nokler) - 1)].legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
                                               fontsize=8)
    fig.suptitle(tittel, fontweight="bold")
    return _ferdig(fig, kilde)


def differanser(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "mill. kr") -> plt.Figure:
    """Grouped bars: one group per year (index), one bar per column (a key figure's change)."""
    return grupperte_stolper(df, tittel, kilde, enhet=enhet, skraa=False)


def sannsynligheter(df: pd.DataFrame, tittel: str, kilde: str) -> plt.Figure:
    """Grouped bars of probabilities (0-1): one group per column (year), one bar per row; 0-100 %."""
    _eksporter(df * 100, tittel + " (prosent)", desimaler=1)
    if df.empty or df.columns.empty:
        return _tom_figur(tittel, kilde)
    fig, ax = plt.subplots()
    visning = df.T * 100
    _grupper(ax, visning)
    ax.set_ylabel("sannsynlighet for brudd")
    ax.yaxis.set_major_formatter(_formater(0, " %"))
    hold_alt(ax, null=True, luft=0.04, minst=(0, 100))
    ax.set_title(tittel)
    _legende(ax)
    return _ferdig(fig, kilde)


def vifte(baner, ar, tittel: str, kilde: str, enhet: str = "mill. kr", grense: float | None = None,
          desimaler: int = 0) -> plt.Figure:
    """A fan chart: the 5-95 and 25-75 percentile bands and the median of many paths (rows)."""
    baner = np.asarray(baner, dtype=float)
    if baner.size == 0:
        _eksporter(pd.DataFrame(), tittel, desimaler=desimaler)
        return _tom_figur(tittel, kilde)
    baner = baner.reshape(-1, len(list(ar)))
    fig, ax = plt.subplots()
    x = [str(a) for a in ar]
    p5, p25, p50, p75, p95 = np.percentile(baner, [5, 25, 50, 75, 95], axis=0)
    _eksporter(pd.DataFrame({"p5": p5, "p25": p25, "median": p50, "p75": p75, "p95": p95},
                            index=pd.Index(list(ar), name="År")), tittel, desimaler=desimaler)
    ax.fill_between(x, p5, p95, color=farge(4), label="5-95 prosentil")
    ax.fill_between(x, p25, p75, color=farge(2), label="25-75 prosentil")
    ax.plot(x, p50, color=farge(0), marker="o", label="median")
    if grense is not None:
        ax.axhline(grense, color=NETTO, linewidth=1, linestyle="--", label="grense")
    ax.set_title(tittel)
    _akse(ax, enhet, desimaler)
    hold_alt(ax)
    if grense is not None:
        lav, hoy = ax.get_ylim()
        ax.set_ylim(min(lav, grense), max(hoy, grense))
    _legende(ax)
    return _ferdig(fig, kilde)


def _grupper(ax: plt.Axes, df: pd.DataFrame, skraa: bool = True) -> None:
    """Bars side by side: one group per index value, one bar per column."""
    bredde = 0.8 / max(len(df.columns), 1)
    x = np.arange(len(df.index))
    for i, kol in enumerate(df.columns):
        ax.bar(x + (i - (len(df.columns) - 1) / 2) * bredde, pd.to_numeric(df[kol], errors="coerce"),
               width=bredde, label=str(kol), color=farge(i), hatch=monster(i), edgecolor="white",
               linewidth=0.5, zorder=2)
    if (df.apply(pd.to_numeric, errors="coerce") < 0).any().any():
        _null(ax)
    if skraa:
        _etiketter(ax, [str(i) for i in df.index])
    else:
        ax.set_xticks(x, [str(i) for i in df.index])


def grupperte_stolper(df: pd.DataFrame, tittel: str, kilde: str, enhet: str = "kr",
                      skraa: bool = True) -> plt.Figure:
    """Bars side by side: one group per index value (e.g. a fee), one bar per column (e.g. a year)."""
    _eksporter(df, tittel)
    if df.empty or df.columns.empty:
        return _tom_figur(tittel, kilde)
    fig, ax = plt.subplots()
    _grupper(ax, df, skraa)
    _akse(ax, enhet)
    hold_alt(ax, null=True)
    ax.set_title(tittel)
    _legende(ax)
    return _ferdig(fig, kilde)


def eiendomsskattkurve(kurver: dict[str, pd.DataFrame], tittel: str, kilde: str,
                       markering: tuple[float, float] | None = None) -> plt.Figure:
    """Property tax (kr per year) over boligverdi (mill. kr), one line per set of rules.

    ``kurver`` maps a label to :func:`hoep.regler.eiendomsskatt.kurve`'s frame; ``markering``
    marks one (verdi, skatt) point, e.g. the household's dwelling.
    """
    if not kurver or all(k.empty for k in kurver.values()):
        _eksporter(pd.DataFrame(), tittel)
        return _tom_figur(tittel, kilde)
    _eksporter(pd.concat({n: k[["verdi", "skatt"]] for n, k in kurver.items()}, names=["Regler", "Punkt"])
               .reset_index(level="Punkt", drop=True), tittel)
    fig, ax = plt.subplots()
    for i, (navn, k) in enumerate(kurver.items()):
        ax.plot(k["verdi"] / 1e6, k["skatt"], color=farge(i), label=navn, linestyle="-" if i == 0 else "--")
    if markering is not None:
        ax.scatter([markering[0] / 1e6], [markering[1]], color=NETTO, zorder=5)
        ax.annotate(f"{tall.tekst(markering[1])} kr", (markering[0] / 1e6, markering[1]),
                    textcoords="offset points", xytext=(-8, 8), ha="right", fontsize=8)
    ax.xaxis.set_major_formatter(_formater())
    _akse(ax, "eiendomsskatt, kr per år")
    ax.set_xlabel("boligverdi, mill. kr")
    hold_alt(ax, null=True)
    hold_alt(ax, "x", null=True, luft=0.02)
    ax.set_title(tittel)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    return _ferdig(fig, kilde)
