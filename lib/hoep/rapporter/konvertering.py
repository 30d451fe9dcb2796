"""A report's HTML: the executed notebook without code cells and without scripts from the web."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

# The lab template without scripts from the web: reports open offline and load nothing at run time.
_RAPPORTMAL = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


@cache
def _eksportor():
    """One HTMLExporter per process: its Jinja2 templates are found and compiled once, not per report.

    Consecutive outputs of one stream are merged: ipykernel sends what a cell prints in chunks on a
    timer, so on a busy machine one ``print`` could arrive as two outputs and change the page's bytes.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    eksportor = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                             extra_loaders=[DictLoader({"hoep.html.j2": _RAPPORTMAL})],
                             template_file="hoep.html.j2")
    eksportor.register_preprocessor(CoalesceStreamsPreprocessor, enabled=True)
    return eksportor


def til_html(notatbok: nbformat.NotebookNode, tittel: str = "Rapport") -> str:
    """HTML without code cells (the reader sees text, tables and figures) and without web scripts."""
    # papermill gives its injected cell a random id; number all cells so the bytes are stable.
    # Saved widget state would make the page load the widget library from a CDN: a report is static
    # (teaching panels show their state as plain output, see hoep.laer).
    notatbok.metadata.pop("widgets", None)
    for nr, celle in enumerate(notatbok.cells):
        celle["id"] = f"celle-{nr}"
    tekst, _ = _eksportor().from_notebook_node(notatbok, resources={"metadata": {"name": tittel},
                                                                 "language_code": "nb"})
    return tekst
