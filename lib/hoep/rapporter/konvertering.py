"""A report's HTML: the executed notebook without code cells and without scripts from the web.

The nbconvert template is ``maler/rapport.html.j2``: nbconvert's lab template without scripts
from the web (a report opens offline and loads nothing at run time), a navigation line, and a
stylesheet for reading and printing (sticky table headers, numbers in even columns, narrow screens,
print).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

RAPPORTMAL = Path(__file__).resolve().parent / "maler" / "rapport.html.j2"


def til_html(notatbok: nbformat.NotebookNode, tittel: str = "Rapport",
             navigasjon: list[tuple[str, str]] | None = None) -> str:
    """HTML without code cells (the reader sees text, tables and figures) and without web scripts.

    ``navigasjon``: the links of the navigation line at the top, (text, address); escaped.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    # Saved widget state would make the page load the widget library from a CDN: a report is static
    # (teaching panels show their state as plain output, see hoep.laer).
    notatbok.metadata.pop("widgets", None)
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    mal = RAPPORTMAL.read_text(encoding="utf-8")
    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                             extra_loaders=[DictLoader({"hoep.html.j2": mal})],
                             template_file="hoep.html.j2")
    tekst, _ = eksportor.from_notebook_node(notatbok, resources={"metadata": {"name": tittel},
                                                                 "language_code": "nb",
                                                                 "hoep_navigasjon": navigasjon or []})
    return tekst
