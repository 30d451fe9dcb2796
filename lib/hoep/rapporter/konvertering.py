"""A report's HTML: the executed notebook without code cells and without scripts from the web.

The nbconvert template is ``maler/rapport.html.j2``: nbconvert's lab template without scripts
from the web (a report opens offline and loads nothing at run time), a navigation line, and a
stylesheet for reading and printing (sticky table headers, numbers in even columns, narrow screens,
print).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat and nbconvert are imported when a report is converted, not with the module
    import nbformat

RAPPORTMAL = Path(__file__).resolve().parent / "maler" / "rapport.html.j2"


@cache
def _eksportor():
    """One HTMLExporter per process: its Jinja2 templates are found and compiled once, not per report.

    Consecutive outputs of one stream are merged: ipykernel sends what a cell prints in chunks on a
    timer, so on a busy machine one ``print`` could arrive as two outputs and change the page's bytes.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    mal = RAPPORTMAL.read_text(encoding="utf-8")
    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                             extra_loaders=[DictLoader({"hoep.html.j2": mal})],
                             template_file="hoep.html.j2")
    eksportor.register_preprocessor(CoalesceStreamsPreprocessor, enabled=True)
    return eksportor


def til_html(notatbok: nbformat.NotebookNode, tittel: str = "Rapport",
             navigasjon: list[tuple[str, str]] | None = None) -> str:
    """HTML without code cells (the reader sees text, tables and figures) and without web scripts.

    ``navigasjon``: the links of the navigation line at the top, (text, address); escaped.
    """
    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    # Saved widget state would make the page load the widget library from a CDN: a report is static
    # (teaching panels show their state as plain output, see hoep.laer).
    notatbok.metadata.pop("widgets", None)
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    tekst, _ = _eksportor().from_notebook_node(notatbok, resources={"metadata": {"name": tittel},
                                                                 "language_code": "nb",
                                                                 "hoep_navigasjon": navigasjon or []})
    return tekst
