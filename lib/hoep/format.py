"""Norwegian number formatting for tables and reports.

Reports show numbers the Norwegian way: space (no-break) as thousands separator, comma as decimal
separator, the typographic minus (U+2212) as the document prints it, and "mill. kr" as unit.
"""

from __future__ import annotations

import math

import pandas as pd

MINUS = "\u2212"
TUSENSKILLE = "\u00a0"  # no-break space, so a number never wraps inside a table cell


def tall(verdi: float | int | None, desimaler: int = 0, tom: str = "") -> str:
    """Format ``verdi`` as ``−4 552`` or ``2 082,8``; missing values become ``tom``.

    Rounds half away from zero, as published tables do (not Python's round-half-to-even).
    """
    if verdi is None or (isinstance(verdi, float) and math.isnan(verdi)) or verdi is pd.NA:
        return tom
    skala = 10**desimaler
    avrundet = math.floor(abs(float(verdi)) * skala + 0.5 + 1e-9) / skala
    tekst = f"{avrundet:,.{desimaler}f}"
    tekst = tekst.replace(",", "\u0000").replace(".", ",").replace("\u0000", TUSENSKILLE)
    er_null = avrundet == 0
    return (MINUS if float(verdi) < 0 and not er_null else "") + tekst


def mill(verdi: float | None, desimaler: int = 0) -> str:
    """Format an amount in millions with its unit: ``1 041 mill. kr``."""
    tekst = tall(verdi, desimaler)
    return f"{tekst} mill.\u00a0kr" if tekst else ""


def prosent(verdi: float | None, desimaler: int = 1) -> str:
    """Format a percentage: ``2,5 %``."""
    tekst = tall(verdi, desimaler)
    return f"{tekst}\u00a0%" if tekst else ""


def tabell(df: pd.DataFrame, desimaler: int = 0, navn: str = "tabell",
           vis_indeks: bool = False, rad_desimaler: dict | None = None) -> pd.io.formats.style.Styler:
    """A Styler that shows every numeric column in Norwegian format, blanks for missing cells.

    ``rad_desimaler`` gives other decimals for some rows (by index label), e.g. a percent row in
    a table of millions. ``navn`` fixes the HTML id, so the same table always renders to the same
    bytes. Text columns are left-aligned, numbers right-aligned. In a report run the table is also
    exported as CSV (see :mod:`hoep.eksport`).
    """
    from hoep import eksport

    eksport.registrer(df, navn, desimaler=desimaler, indeks=vis_indeks)
    tallkolonner = list(df.select_dtypes("number").columns)
    tekstkolonner = [k for k in df.columns if k not in tallkolonner]
    stil = df.style.format({k: (lambda v, d=desimaler: tall(v, d)) for k in tallkolonner})
    for rad, d in (rad_desimaler or {}).items():
        stil = stil.format(lambda v, d=d: tall(v, d), subset=pd.IndexSlice[[rad], tallkolonner])
    stil = (stil.set_properties(subset=tallkolonner, **{"text-align": "right"})
            .set_properties(subset=tekstkolonner, **{"text-align": "left"})
            .set_table_styles([{"selector": "th.row_heading", "props": "text-align: left;"}])
            .set_table_styles({k: [{"selector": "th.col_heading", "props": "text-align: left;"}]
                               for k in tekstkolonner}, overwrite=False)
            .set_uuid(navn))
    return stil if vis_indeks else stil.hide(axis="index")
