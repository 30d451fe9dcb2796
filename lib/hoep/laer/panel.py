"""Teaching panels for ``notebooks/laer_*.ipynb``: ipywidgets over the same library as the reports.

A :class:`Panel` is a one-way pipeline; every step is the library's, nothing is computed twice::

    inputs ──► til_scenario(verdier) ──► hoep.scenario.fra_oppslag ──► outputs
    Inndata    the dict a scenario         the rules and messages       Utdata: beregn (library)
               YAML file would hold        of scenario files            then vis (format/figurer)

1. **Inputs** (:class:`Inndata`): build them with :func:`glider` (slider with a Norwegian readout
   and unit), :func:`tallfelt` (free number field), :func:`bryter` (on/off) and :func:`valg`
   (dropdown). ``inndata.widget`` is an ordinary ipywidgets value widget.
2. **Scenario**: ``til_scenario(verdier)`` maps the input values (name → value) to the dict a
   scenario file would hold, e.g. ``{"navn": "x", "forutsetninger": {"deflator": 3.0},
   "klima": {"fjern_tiltak": ["t03"]}}``, naming only what differs from the base. The panel
   validates it with :func:`hoep.scenario.fra_oppslag`, so a widget obeys the same rules as a
   scenario file. To start from any scenario and keep its own changes, build on
   :func:`oppslag_fra` (see :mod:`hoep.laer_resultat`). Invalid input
   (:class:`~hoep.feil.HoepFeil`, also one raised by an output's library call, e.g. a rate above
   the legal limit) shows the library's Norwegian message in place of the outputs. Inputs that
   are not scenario keys (a year to show, a household's own data for a library function) are
   listed in ``utenom_scenario``.
3. **Outputs** (:class:`Utdata`): ``beregn(scen, verdier)`` calls the library (``hoep.modell``,
   the rule modules) and returns its result; ``vis(resultat, verdier)`` returns HTML (use
   :func:`tabell_html`, i.e. :func:`hoep.format.tabell`) or a matplotlib Figure (use
   :mod:`hoep.figurer`; it is rendered to PNG and closed). ``avhenger_av`` names the inputs an
   output depends on (``None``: every scenario input). An output is recomputed only when one of
   those changed since it was last drawn, so choosing another year does not redraw a chart;
   ``antall_beregninger`` counts recomputations. The panel adds an output ``scenariofil``: the
   choices as a YAML scenario the learner can save and run with ``hoep rapporter --scenario``.
4. **Display**: a cell ending in ``panel`` shows the live widgets in JupyterLab. Run headless
   (papermill, nbval) widget views are not rendered, and nbval skips them; the panel's plain-text
   and HTML stand-in is a fixed sentence. :meth:`Panel.statisk` shows the current state as plain
   outputs (HTML tables, a PNG figure, or the error message), so the notebook also works as a
   report and nbval compares deterministic text.

A teaching notebook needs a builder ``panel(scen)`` in ``lib/hoep/laer_<emne>.py`` (see
:mod:`hoep.laer_klima`) and these cells after the ``parameters`` cell::

    panel = laer_klima.panel(sc.les(scenario))   # inputs start at the scenario's values
    panel                                        # live widgets
    panel.statisk()                              # the same state as plain output
    eks = laer_klima.panel(scen, navn="eksempel")                 # a worked example, own HTML ids
    eks.sett(med_t03=False).statisk("status")

Worth knowing: a :func:`glider` clamps to its range, so to let a learner cross a legal limit
(and see the library refuse it) use :func:`tallfelt` or a range wider than the limit. Give
:func:`tabell_html` ids that are unique per panel (a builder's ``navn`` prefix). Run the notebook
with papermill to commit it (``make notebooks``); the widget's ``model_id`` in the stored output
changes with every run, and nbval ignores it.

Tests drive a panel without a browser: set ``panel.inndata[navn].widget.value`` (observers fire
synchronously) or call :meth:`Panel.sett`, then compare :meth:`Panel.resultat`,
:meth:`Panel.html` or :attr:`Panel.feil` with the library called directly.
"""

from __future__ import annotations

import html as _html
import io
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import yaml

from hoep import tall
from hoep.feil import HoepFeil
from hoep.parametre import forutsetninger as fs
from hoep.parametre import scenario as sc
from hoep.visning import tabeller

BESKRIVELSESBREDDE = "22rem"
STANDARD_FIL = "panelet"  # how error messages name the source of the values (as a file name)
ERSTATNING = ("Interaktivt panel: kjør cellene i JupyterLab (make lab), eller åpne appen (make app), for å "
              "bruke det. Standardvalgene vises som tabeller og figurer under.")


@dataclass
class Inndata:
    """One input: an ipywidgets value widget with its unit and how its value is read out."""

    widget: widgets.ValueWidget
    enhet: str = ""
    desimaler: int = 0
    boks: widgets.Widget | None = None  # what the layout shows (widget + Norwegian readout)

    def __post_init__(self) -> None:
        if self.boks is None:
            self.boks = self.widget

    @property
    def verdi(self) -> object:
        return self.widget.value


def _stil(bredde: str = BESKRIVELSESBREDDE) -> dict:
    return {"description_width": bredde}


def _med_avlesning(widget: widgets.ValueWidget, enhet: str, desimaler: int) -> Inndata:
    """A slider's readout in Norwegian format (ipywidgets' own readout uses a decimal point)."""
    avlesning = widgets.Label(layout=widgets.Layout(width="9rem"))

    def oppdater(_=None) -> None:
        avlesning.value = f"{tall.tekst(widget.value, desimaler)} {enhet}".strip()

    oppdater()
    widget.observe(oppdater, names="value")
    return Inndata(widget, enhet, desimaler, widgets.HBox([widget, avlesning]))


def glider(tekst: str, enhet: str, minst: float, hoyst: float, steg: float, verdi: float,
           desimaler: int = 0, hjelp: str = "", bredde: str = BESKRIVELSESBREDDE) -> Inndata:
    """A slider ``tekst`` in ``enhet`` from ``minst`` to ``hoyst``; the readout is in Norwegian format.

    A slider clamps values to its own range. To let a learner cross a legal limit (and see the
    library's error), make the range wider than the limit, or use :func:`tallfelt`. ``bredde`` is the
    width of the label.
    """
    heltall = desimaler == 0 and all(float(x).is_integer() for x in (minst, hoyst, steg, verdi))
    klasse = widgets.IntSlider if heltall else widgets.FloatSlider
    konv = int if heltall else float
    w = klasse(value=konv(verdi), min=konv(minst), max=konv(hoyst), step=konv(steg), description=tekst,
               readout=False, continuous_update=False, style=_stil(bredde), tooltip=hjelp or tekst,
               layout=widgets.Layout(width=f"calc({bredde} + 16rem)"))
    return _med_avlesning(w, enhet, desimaler)


def tallfelt(tekst: str, enhet: str, verdi: float, desimaler: int = 0, hjelp: str = "") -> Inndata:
    """A free number field: any value can be typed, so the library's validation decides."""
    w = widgets.FloatText(value=float(verdi), description=f"{tekst} ({enhet})" if enhet else tekst,
                          continuous_update=False, style=_stil(), tooltip=hjelp or tekst,
                          layout=widgets.Layout(width="32rem"))
    return Inndata(w, enhet, desimaler)


def bryter(tekst: str, verdi: bool = True, hjelp: str = "") -> Inndata:
    """An on/off checkbox."""
    w = widgets.Checkbox(value=bool(verdi), description=tekst, indent=False, tooltip=hjelp or tekst,
                         layout=widgets.Layout(width="30rem"))
    return Inndata(w)


def valg(tekst: str, alternativer: list | dict, verdi: object, hjelp: str = "") -> Inndata:
    """A dropdown; ``alternativer`` is a list of values or a dict label → value."""
    par = (list(alternativer.items()) if isinstance(alternativer, dict)
           else [(str(a), a) for a in alternativer])
    w = widgets.Dropdown(options=par, value=verdi, description=tekst, style=_stil(),
                         tooltip=hjelp or tekst, layout=widgets.Layout(width="32rem"))
    return Inndata(w)


@dataclass
class Utdata:
    """One output of a panel: what to compute (library) and how to show it (format/figurer)."""

    navn: str
    beregn: Callable[[sc.Scenario, dict], object]
    vis: Callable[[object, dict], str | plt.Figure]
    avhenger_av: tuple[str, ...] | None = None  # input names; None: every input of the scenario
    tittel: str = ""


@dataclass
class _Visning:
    """What an output currently shows (kept apart from the widgets so tests can read it)."""

    nokkel: tuple | None = None
    resultat: object = None
    html: str = ""
    png: bytes = b""


def tabell_html(df: pd.DataFrame, navn: str, desimaler: int = 0, **kw) -> str:
    """A table as HTML via :func:`hoep.format.tabell` (Norwegian numbers, stable id)."""
    return tabeller.tabell(df, desimaler=desimaler, navn=navn, **kw).to_html()


def figur_png(fig: plt.Figure) -> bytes:
    """Render and close a figure; PNG without the software tag, so the bytes are stable."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def scenario_yaml(oppslag: dict) -> str:
    """The scenario dict as the YAML file a user could save and run with ``hoep rapporter``."""
    return yaml.safe_dump(oppslag, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=100)


def oppslag_fra(scen: sc.Scenario, navn: str, beskrivelse: str,
                forutsetninger: dict[str, float | None] | None = None) -> dict:
    """The scenario dict to build a panel's choices on: ``scen``'s own changes, renamed.

    ``forutsetninger`` sets assumptions (key → value from the first year); ``None`` keeps the
    scenario's own value (use it for an input the learner has not moved, so a scenario's per-year
    values survive). A value equal to the base assumption's drops the override. Call
    :func:`ordnet` after adding sections.
    """
    ut = sc.som_oppslag(scen)
    ut["navn"], ut["beskrivelse"] = navn, beskrivelse
    overstyrt = ut.pop("forutsetninger", {})
    base = fs.alle()
    for nokkel, verdi in (forutsetninger or {}).items():
        if verdi is None:
            continue
        verdi = round(float(verdi), 6)
        if set(base[nokkel].verdier.values()) == {verdi}:
            overstyrt.pop(nokkel, None)
        else:
            overstyrt[nokkel] = verdi
    if overstyrt:
        ut["forutsetninger"] = overstyrt
    return ordnet(ut)


def ordnet(oppslag: dict) -> dict:
    """The scenario dict with its keys in the order of a scenario file (:data:`hoep.scenario.TOPPNOKLER`)."""
    return {k: oppslag[k] for k in sc.TOPPNOKLER if k in oppslag}


class Panel:
    """A teaching panel: inputs → scenario dict → validated scenario → outputs (see module doc).

    ``grupper``: (heading, input names) in display order; an item may be a list of names shown on
    one row (default: every input, no heading). ``utenom_scenario``: inputs that do not enter the
    scenario dict (a display choice such as a year, or a household's own data passed straight to a
    library function); outputs with ``avhenger_av=None`` ignore them, outputs that use them name
    them. ``til_scenario=None`` means the base scenario. ``vis_scenariofil`` adds the output
    ``scenariofil``: the choices as a scenario YAML file. ``fil`` is how error messages name the
    source of the values, where a scenario file would give its path.
    """

    def __init__(self, tittel: str, inndata: dict[str, Inndata],
                 til_scenario: Callable[[dict], dict] | None, utdata: list[Utdata],
                 grupper: list[tuple[str, list]] | None = None, utenom_scenario: tuple[str, ...] = (),
                 vis_scenariofil: bool = True, fil: str = STANDARD_FIL):
        self.tittel = tittel
        self.inndata = inndata
        self.til_scenario = til_scenario or (lambda verdier: {"navn": "basis"})
        self.utenom_scenario = tuple(utenom_scenario)
        if vis_scenariofil:
            utdata = [*utdata, Utdata(
                "scenariofil", lambda scen, v: self.til_scenario(v),
                lambda oppslag, v: f"<pre>{_html.escape(scenario_yaml(oppslag))}</pre>",
                tittel="Valgene dine som scenariofil (lagre den i scenarios/ og kjør "
                       "hoep rapporter --scenario …)")]
        self.utdata = {u.navn: u for u in utdata}
        grupper = grupper or [("", list(inndata))]
        brukt = {m for _, navn in grupper for n in navn for m in ([n] if isinstance(n, str) else n)}
        brukt |= set(self.utenom_scenario) | {n for u in utdata for n in (u.avhenger_av or ())}
        if brukt - set(inndata):
            raise KeyError(f"panelet «{tittel}» nevner ukjente inndata: {sorted(brukt - set(inndata))}")
        self.fil = fil
        self.feil: str | None = None
        self.oppslag: dict | None = None
        self.scenario: sc.Scenario | None = None
        self.antall_beregninger = dict.fromkeys(self.utdata, 0)
        self._pause = False
        self._visning = {n: _Visning() for n in self.utdata}
        self._standard = self.verdier()
        self._feilboks = widgets.HTML()
        self._ut = {u.navn: widgets.VBox([widgets.HTML(f"<h4>{_html.escape(u.tittel)}</h4>"),
                                          widgets.HTML(), widgets.Image(format="png")])
                    for u in utdata}
        knapp = widgets.Button(description="Tilbakestill", tooltip="Tilbake til standardvalgene",
                               icon="undo")
        knapp.on_click(lambda _: self.tilbakestill())
        kontroller = []
        for overskrift, navn in grupper:
            if overskrift:
                kontroller.append(widgets.HTML(f"<b>{_html.escape(overskrift)}</b>"))
            kontroller.extend(widgets.HBox([inndata[m].boks for m in n]) if isinstance(n, list | tuple)
                              else inndata[n].boks for n in navn)
        self.widget = widgets.VBox([widgets.HTML(f"<h3>{_html.escape(tittel)}</h3>"), *kontroller,
                                    knapp, self._feilboks, *self._ut.values()])
        for inn in inndata.values():
            inn.widget.observe(lambda _endring: self._oppdater(), names="value")
        self._oppdater()

    # -- state -----------------------------------------------------------------------------------
    def verdier(self) -> dict:
        """The inputs' current values, by name."""
        return {navn: inn.widget.value for navn, inn in self.inndata.items()}

    def sett(self, **verdier: object) -> Panel:
        """Set several inputs, then update once (as if the learner had moved them); returns the panel."""
        ukjente = set(verdier) - set(self.inndata)
        if ukjente:
            raise KeyError(f"ukjent inndata {sorted(ukjente)}; panelet har {', '.join(self.inndata)}")
        self._pause = True
        try:
            for navn, verdi in verdier.items():
                self.inndata[navn].widget.value = verdi
        finally:
            self._pause = False
        self._oppdater()
        return self

    def tilbakestill(self) -> Panel:
        """Every input back to the value the panel was built with."""
        return self.sett(**self._standard)

    def avhengigheter(self, navn: str) -> tuple[str, ...]:
        """The inputs output ``navn`` is recomputed for."""
        u = self.utdata[navn]
        if u.avhenger_av is not None:
            return tuple(u.avhenger_av)
        return tuple(n for n in self.inndata if n not in self.utenom_scenario)

    def _vis_feil(self, melding: str) -> None:
        self.feil = melding
        self._feilboks.value = ('<div style="color:#a00;border:1px solid #a00;padding:0.4rem">'
                                f"<b>Ugyldig verdi:</b> {_html.escape(melding)}</div>")
        for boks in self._ut.values():
            boks.layout.display = "none"

    def _oppdater(self) -> None:
        """Validate the inputs as a scenario, then recompute the outputs whose inputs changed."""
        if self._pause:
            return
        verdier = self.verdier()
        try:
            oppslag = self.til_scenario(verdier)
            scen = sc.fra_oppslag(oppslag, self.fil)
        except HoepFeil as e:
            self.oppslag = self.scenario = None
            self._vis_feil(str(e))
            return
        self.oppslag, self.scenario = oppslag, scen
        for navn, u in self.utdata.items():
            nokkel = tuple((n, verdier[n]) for n in self.avhengigheter(navn))
            if nokkel == self._visning[navn].nokkel:
                continue  # nothing it depends on changed: keep what is shown
            try:
                resultat = u.beregn(scen, verdier)
            except HoepFeil as e:  # a rule's own limit (e.g. a rate above the legal maximum)
                self._visning[navn] = _Visning()
                self._vis_feil(str(e))
                return
            vist = u.vis(resultat, verdier)
            self.antall_beregninger[navn] += 1
            html_w, bilde = self._ut[navn].children[1:]
            if isinstance(vist, plt.Figure):
                png = figur_png(vist)
                self._visning[navn] = _Visning(nokkel, resultat, "", png)
                html_w.value, bilde.value = "", png
                bilde.layout.display = None
            else:
                self._visning[navn] = _Visning(nokkel, resultat, str(vist), b"")
                html_w.value = str(vist)
                bilde.layout.display = "none"
        self.feil = None
        self._feilboks.value = ""
        for boks in self._ut.values():
            boks.layout.display = None

    # -- what is shown (tests and notebooks read it) ----------------------------------------------
    def resultat(self, navn: str) -> object:
        """The library's result behind output ``navn`` as shown now (None while input is invalid)."""
        return None if self.feil else self._visning[navn].resultat

    def html(self, navn: str) -> str:
        """The HTML output ``navn`` shows now ('' while the input is invalid, or for a figure)."""
        return "" if self.feil else self._visning[navn].html

    def png(self, navn: str) -> bytes:
        """The PNG of figure output ``navn`` as shown now (b'' while the input is invalid)."""
        return b"" if self.feil else self._visning[navn].png

    def scenariofil(self) -> str:
        """The current choices as a scenario YAML file ('' while the input is invalid)."""
        return "" if self.feil or self.oppslag is None else scenario_yaml(self.oppslag)

    # -- display ---------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs) -> dict:
        """The live widgets for JupyterLab; a fixed sentence for plain-text and HTML readers."""
        bunt = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bunt["text/plain"] = ERSTATNING
        bunt["text/html"] = f"<p><em>{_html.escape(ERSTATNING)}</em></p>"
        return bunt

    def statisk(self, *navn: str) -> None:
        """Show outputs (default: all) as plain notebook outputs: HTML, PNG, or the error message."""
        from IPython.display import HTML, Image, display

        if self.feil:
            display(HTML(f"<p><b>Ugyldig verdi:</b> {_html.escape(self.feil)}</p>"))
            return
        for n in navn or tuple(self.utdata):
            u, v = self.utdata[n], self._visning[n]
            if u.tittel:
                display(HTML(f"<h4>{_html.escape(u.tittel)}</h4>"))
            display(Image(data=v.png, format="png") if v.png else HTML(v.html))
