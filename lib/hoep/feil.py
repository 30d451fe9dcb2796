"""Errors with Norwegian messages for users (analysts, batch runs).

Every error names the file, the key and what is allowed, so that a batch run stops with a message
a user can act on instead of a wrong number.
"""


class HoepFeil(Exception):
    """Base class for errors the user can fix (bad data file, bad scenario, unknown table)."""


class DataFeil(HoepFeil):
    """A data file or the catalogue is missing, corrupted or inconsistent with its schema."""


class ModellFeil(HoepFeil):
    """The model could not compute a plan for valid inputs (e.g. its iteration did not converge)."""


class ScenarioFeil(HoepFeil):
    """A scenario file is invalid: unknown key, wrong type, or a value outside what is allowed."""
