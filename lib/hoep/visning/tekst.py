"""Untrusted text in Markdown: a name or a description from a scenario file or a data file, as text.

A notebook builds its Markdown with f-strings; a value put into it must not become markup (a
``<script>``, an ``<img onerror=…>``, a ``[lenke](javascript:…)``, a heading or a table). :func:`md`
makes any text literal in CommonMark (and in the Markdown nbconvert renders): every character
that can start markup is escaped with a backslash, and line breaks become spaces, so nothing can
begin a block. HTML tables are escaped by :func:`hoep.visning.tabeller.tabell`, the report pages by
their autoescaped templates.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these can open markup (emphasis, code,
# links and images, raw HTML and entities, headings, tables, strikethrough, maths, footnotes).
_SPESIELLE = re.compile(r"([\\`*_\[\]<>&#!|~$^{}])")
_LINJESKIFT = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def md(tekst: object) -> str:
    """``tekst`` as literal Markdown text on one line: ``md("<b>x</b>")`` → ``\\<b\\>x\\</b\\>``."""
    return _SPESIELLE.sub(r"\\\1", _LINJESKIFT.sub(" ", str(tekst)))


def scenariolinje(navn: str, beskrivelse: str, overskrift: str = "") -> str:
    """The report's first line, «**Scenario:** navn – beskrivelse», with the scenario's text as text."""
    linje = f"**Scenario:** {md(navn)}" + (f" – {md(beskrivelse)}" if beskrivelse else "")
    return f"{overskrift}\n\n{linje}" if overskrift else linje
