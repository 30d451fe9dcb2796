"""The published document as data: load, validate and look up the tables of the budget.

``data/datapackage.json`` is the catalogue (:mod:`hoep.data.katalog`), ``data/tabeller/*.csv`` the
tables (:mod:`hoep.data.tabeller`), ``data/omrader.csv`` the areas (:mod:`hoep.data.omrader`),
``data/teksttall.yaml`` the figures printed only in the text (:mod:`hoep.data.teksttall`);
:mod:`hoep.data.familier` stacks the area tables by family, :mod:`hoep.data.kontroller` audits
the printed sums, :mod:`hoep.data.tekstkontroller` the text figures that restate tables, and
:mod:`hoep.data.avvik` holds the register of the document's contradictions. Everything is
validated when read; faults raise :class:`~hoep.feil.DataFeil` with a Norwegian message naming the
file. This package imports nothing above it.
"""

from hoep.data import mellomlager
from hoep.data.familier import (
    finansiering,
    finansieringstabell,
    investeringer,
    nokkeltall,
    prosjektliste,
    rammer,
    tiltak,
    tiltaksliste,
)
from hoep.data.katalog import (
    FAMILIER,
    PLANAR,
    PRISBASER,
    Tabellinfo,
    info,
    katalog,
)
from hoep.data.lesing import les_liste, les_yaml
from hoep.data.mappe import datamappe, prosjektrot
from hoep.data.omrader import omrade_id, omrader
from hoep.data.tabeller import kilde, lang, som_publisert, tabell, valider_alt, verdi
from hoep.data.teksttall import TEKSTTALL_BRUK, teksttall

nullstill_mellomlager = mellomlager.nullstill

__all__ = [
    "FAMILIER", "PLANAR", "PRISBASER", "TEKSTTALL_BRUK", "Tabellinfo", "datamappe", "finansiering",
    "finansieringstabell", "info", "investeringer", "katalog", "kilde", "lang", "les_liste", "les_yaml",
    "nokkeltall", "nullstill_mellomlager", "omrade_id", "omrader", "prosjektliste", "prosjektrot", "rammer",
    "som_publisert", "tabell", "teksttall", "tiltak", "tiltaksliste", "valider_alt", "verdi",
]
