"""Tables for notebooks and reports: a DataFrame shown with Norwegian numbers.

Presentation only. :func:`tabell` formats every numeric column with :func:`hoep.tall.tekst`
(blanks for missing cells), right-aligns numbers and gives the HTML a fixed id, so the same table
always renders to the same bytes. Every table shown is announced to :mod:`hoep.visning.vist`,
where a report run may listen for it (the export of a report's numbers); nothing else happens.
"""

from __future__ import annotations

import pandas as pd

from hoep import tall
from hoep.visning import vist


def tabell(df: pd.DataFrame, desimaler: int = 0, navn: str = "tabell", vis_indeks: bool = False,
           rad_desimaler: dict | None = None, tittel: str | None = None) -> pd.io.formats.style.Styler:
    """A Styler that shows every numeric column in Norwegian format, blanks for missing cells.

    ``rad_desimaler`` gives other decimals for some rows (by index label), e.g. a percent row in
    a table of millions. ``navn`` fixes the HTML id; ``tittel`` names the table where its numbers
    are exported (default: ``navn``). Text columns are left-aligned, numbers right-aligned.
    """
    vist.meld(df, navn, tittel=tittel, desimaler=desimaler, indeks=vis_indeks, slag="tabell")
    tallkolonner = list(df.select_dtypes("number").columns)
    tekstkolonner = [k for k in df.columns if k not in tallkolonner]
    stil = df.style.format({k: (lambda v, d=desimaler: tall.tekst(v, d)) for k in tallkolonner})
    for rad, d in (rad_desimaler or {}).items():
        stil = stil.format(lambda v, d=d: tall.tekst(v, d), subset=pd.IndexSlice[[rad], tallkolonner])
    stil = (stil.set_properties(subset=tallkolonner, **{"text-align": "right"})
            .set_properties(subset=tekstkolonner, **{"text-align": "left"})
            .set_table_styles([{"selector": "th.row_heading", "props": "text-align: left;"}])
            .set_table_styles({k: [{"selector": "th.col_heading", "props": "text-align: left;"}]
                               for k in tekstkolonner}, overwrite=False)
            .set_uuid(navn))
    return stil if vis_indeks else stil.hide(axis="index")
