"""Teaching panels for ``notebooks/laer_*.ipynb``: ipywidgets over the same library as the reports.

The mechanism is :mod:`hoep.laer.panel` (re-exported here); each notebook's panel is built by one
module: :mod:`resultat`, :mod:`gjeld`, :mod:`husholdning`, :mod:`klima`.
"""

from hoep.laer.panel import (
    ERSTATNING,
    STANDARD_FIL,
    Inndata,
    Panel,
    Utdata,
    bryter,
    figur_png,
    glider,
    oppslag_fra,
    ordnet,
    scenario_yaml,
    tabell_html,
    tallfelt,
    valg,
)

__all__ = ["ERSTATNING", "STANDARD_FIL", "Inndata", "Panel", "Utdata", "bryter", "figur_png", "glider",
           "oppslag_fra", "ordnet", "scenario_yaml", "tabell_html", "tallfelt", "valg"]
