"""Reading the project's own files safely: YAML and small CSV lists, with Norwegian errors.

Every reader names the file in its error, so a batch run stops with a message a user can act on.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from hoep.feil import DataFeil


def krev(betingelse: bool, fil: Path | str, melding: str) -> None:
    """Raise :class:`DataFeil` ``"<fil>: <melding>"`` unless ``betingelse`` holds."""
    if not betingelse:
        raise DataFeil(f"{fil}: {melding}")


# libyaml's safe loader where PyYAML was built with it: the same types, about ten times faster
# on data/kontroller.yaml (7 000 nodes) than the pure-Python one.
_LASTER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def les_yaml(sti: Path) -> object:
    """Read a YAML file with a Norwegian error naming the file if it is missing or malformed."""
    if not sti.is_file():
        raise DataFeil(f"{sti}: filen mangler.")
    try:
        return yaml.load(sti.read_text(encoding="utf-8"), Loader=_LASTER)
    except yaml.YAMLError as e:
        raise DataFeil(f"{sti}: ugyldig YAML: {e}") from e


def les_liste(fil: Path, kolonner: list[str], hva: str) -> pd.DataFrame:
    """Read a small reference list (CSV, text cells) whose first column is a unique id.

    Raises :class:`DataFeil` naming the file if it is missing, has other columns or repeats an id.
    """
    if not fil.is_file():
        raise DataFeil(f"{fil}: listen over {hva} mangler.")
    df = pd.read_csv(fil, dtype=str, keep_default_na=False)
    krev(list(df.columns) == kolonner, fil,
          f"kolonnene er {list(df.columns)}, forventet {', '.join(kolonner)}")
    krev(df[kolonner[0]].is_unique, fil, f"en «{kolonner[0]}»-id forekommer to ganger")
    return df
