"""Exports: the numbers behind every table and chart of a report, as CSV, and one Excel workbook.

One mechanism, no export code in the notebooks: :func:`hoep.visning.tabeller.tabell` and the chart
functions of :mod:`hoep.visning.figurer` announce every DataFrame they show to
:mod:`hoep.visning.vist`. A report run starts each notebook's kernel with :func:`installer` (see
:func:`oppstart`), which listens there and writes each announced table as ``<navn>.csv`` to the
run's export folder, adding a line to ``innhold.json`` (name, title, kind, decimals, in the order
shown). Without it (JupyterLab, nbval) nothing is exported. :func:`arbeidsbok` then collects a
scenario's folders into ``hoep.xlsx``:
a contents sheet and one sheet per report family (the notebook a report comes from), Norwegian
headers as shown in the reports and number formats with the table's decimals.

The CSV files keep the values as computed (full precision, ``.`` as decimal point, so any program
reads them); the workbook shows them with thousands separators and the table's decimals, which
Excel displays the Norwegian way under a Norwegian locale. Bytes are deterministic: no timestamps.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd

from hoep.visning import vist

INNHOLD = "innhold.json"
FAST_TIDSPUNKT = datetime(2021, 10, 28)  # the HØP proposal's date; any fixed value keeps bytes stable

_brukt: dict[str, set[str]] = {}


def filnavn(tekst: str) -> str:
    """A short ASCII file name from a name or chart title: ``"Tiltak etter type"`` → ``tiltak_etter_type``."""
    tekst = tekst.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    tekst = tekst.replace("Æ", "Ae").replace("Ø", "O").replace("Å", "A")
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", tekst.lower()).strip("_")[:60] or "tabell"


def _flat(df: pd.DataFrame, indeks: bool) -> pd.DataFrame:
    ut = df.copy()
    if isinstance(ut.columns, pd.MultiIndex):
        ut.columns = [" – ".join(str(d) for d in k if str(d)) for k in ut.columns]
    if indeks:
        navn = [n if n is not None else ("" if i else "Rad") for i, n in enumerate(ut.index.names)]
        ut = ut.rename_axis(navn).reset_index()
    ut.columns = [str(k) for k in ut.columns]
    return ut


def installer(mappe: Path | str) -> Callable[[], None]:
    """Export every table and chart shown from now on to ``mappe`` (returns: stop exporting)."""
    ut = Path(mappe)
    return vist.lytt(lambda data, navn, **kw: skriv(ut, data, navn, **kw))


def oppstart(mappe: Path) -> str:
    """The Python line a report's kernel runs before the notebook: install the exporter for ``mappe``."""
    return f"from hoep.rapporter import eksport as _e; _e.installer({str(mappe)!r}); del _e"


def skriv(ut: Path, data: pd.DataFrame | pd.Series, navn: str, tittel: str | None = None, desimaler: int = 0,
          indeks: bool = False, slag: str = "tabell") -> Path:
    """Write ``data`` as ``<navn>.csv`` in ``ut`` and list it in ``innhold.json``.

    ``slag`` is ``"tabell"`` (a table shown) or ``"figur"`` (the data a chart draws); ``indeks`` keeps
    the index as the first column(s). A name used twice in one folder gets ``_2``, ``_3``, ...
    """
    df = data.to_frame() if isinstance(data, pd.Series) else data
    brukt = _brukt.setdefault(str(ut), set())
    stamme = filnavn(navn)
    kandidat, nr = stamme, 1
    while kandidat in brukt:
        nr += 1
        kandidat = f"{stamme}_{nr}"
    brukt.add(kandidat)
    ut.mkdir(parents=True, exist_ok=True)
    fil = ut / f"{kandidat}.csv"
    _flat(df, indeks).to_csv(fil, index=False, lineterminator="\n")
    innholdsfil = ut / INNHOLD
    innhold = json.loads(innholdsfil.read_text(encoding="utf-8")) if innholdsfil.exists() else []
    innhold.append({"fil": fil.name, "navn": kandidat, "tittel": tittel or navn, "slag": slag,
                    "desimaler": int(desimaler)})
    innholdsfil.write_text(json.dumps(innhold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return fil


def les_innhold(rapportmappe: Path) -> list[dict]:
    """The exported tables of one report folder, in the order the report shows them."""
    fil = rapportmappe / INNHOLD
    return json.loads(fil.read_text(encoding="utf-8")) if fil.exists() else []


def _arkname(tekst: str, brukt: set[str]) -> str:
    navn = re.sub(r"[\[\]:*?/\\]", " ", tekst)[:31] or "Ark"
    kandidat, nr = navn, 1
    while kandidat.lower() in brukt:
        nr += 1
        kandidat = f"{navn[:28]} {nr}"
    brukt.add(kandidat.lower())
    return kandidat


def _tallformat(desimaler: int) -> str:
    return "#,##0" + ("." + "0" * desimaler if desimaler > 0 else "")


def stabil_zip(innhold: bytes) -> bytes:
    """The same zip archive with every entry dated 1980-01-01, so equal content gives equal bytes."""
    inn = zipfile.ZipFile(io.BytesIO(innhold))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as ut:
        for info in inn.infolist():
            ny = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            ny.compress_type = zipfile.ZIP_DEFLATED
            ny.external_attr = 0o644 << 16
            ut.writestr(ny, inn.read(info.filename))
    return buf.getvalue()


def arbeidsbokens_nokkel(sti: Path) -> str | None:
    """The fingerprint a workbook written by :func:`arbeidsbok` records (its ``identifier``), or None."""
    try:
        with zipfile.ZipFile(sti) as z:
            kjerne = z.read("docProps/core.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    treff = re.search(r"<dc:identifier>([0-9a-f]+)</dc:identifier>", kjerne)
    return treff.group(1) if treff else None


def arbeidsbok(rapporter: list[tuple[str, str, str, Path]], tittel: str, nokkel: str = "") -> bytes:
    """An Excel workbook (bytes) of exported report folders.

    ``rapporter`` is ``(familie, rapporttittel, rapportfil, mappe)`` per report, in index order; each
    family becomes one sheet with the reports' tables one below the other (a bold heading naming
    report and table, a bold header row, the numbers with the table's decimals). ``nokkel``, the
    fingerprint of what it is made from, is kept as the document's identifier
    (:func:`arbeidsbokens_nokkel`).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    fet = Font(bold=True)
    bok = Workbook()
    innholdsark = bok.active
    innholdsark.title = "Innhold"
    innholdsark.append([tittel])
    innholdsark["A1"].font = Font(bold=True, size=13)
    innholdsark.append([])
    innholdsark.append(["Ark", "Rapport", "Fil", "Tabell", "Slag", "CSV-fil"])
    for celle in innholdsark[3]:
        celle.font = fet
    ark: dict[str, object] = {}
    brukt = {"innhold"}
    for familie, rapporttittel, rapportfil, rmappe in rapporter:
        tabeller = les_innhold(rmappe)
        if not tabeller:
            continue
        if familie not in ark:
            ark[familie] = bok.create_sheet(_arkname(familie, brukt))
        a = ark[familie]
        for t in tabeller:
            df = pd.read_csv(rmappe / t["fil"], keep_default_na=False, na_values=[""])
            with (rmappe / t["fil"]).open(encoding="utf-8", newline="") as f:
                df.columns = next(csv.reader(f))  # as written: blank headers stay blank
            if a.max_row > 1:
                a.append([])
            a.append([f"{rapporttittel} – {t['tittel']}"])
            a.cell(row=a.max_row, column=1).font = fet
            a.append(list(df.columns))
            for celle in a[a.max_row]:
                celle.font = fet
            format_ = _tallformat(t["desimaler"])
            for rad in df.itertuples(index=False):
                a.append([None if (isinstance(v, float) and v != v) else
                          (v.item() if hasattr(v, "item") else v) for v in rad])
                for celle in a[a.max_row]:
                    if isinstance(celle.value, int | float) and not isinstance(celle.value, bool):
                        celle.number_format = format_
            innholdsark.append([a.title, rapporttittel, rapportfil, t["tittel"],
                                "figur" if t["slag"] == "figur" else "tabell",
                                f"data/{rmappe.name}/{t['fil']}"])
    for a in bok.worksheets:
        a.column_dimensions["A"].width = 45
        for kol in "BCDEFGHIJKL":
            a.column_dimensions[kol].width = 16
    bok.properties.creator = "hoep"
    bok.properties.lastModifiedBy = "hoep"
    bok.properties.created = FAST_TIDSPUNKT
    bok.properties.modified = FAST_TIDSPUNKT
    if nokkel:
        bok.properties.identifier = nokkel
    # openpyxl's Workbook.save stamps "modified" with the clock; its writer alone keeps ours.
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    ExcelWriter(bok, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    return stabil_zip(buf.getvalue())
