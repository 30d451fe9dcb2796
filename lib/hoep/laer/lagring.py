"""Saving a notebook from JupyterLab without widget views that cannot come back (``make lab``).

A teaching panel's output holds a widget view (``application/vnd.jupyter.widget-view+json``) that
points at a widget model living in the kernel, beside a text/html and text/plain placeholder
(:data:`hoep.laer.ERSTATNING`). JupyterLab signs a notebook it saves, so when it is opened again
the output is trusted and JupyterLab renders the view; the new kernel has no such model, and the
reader sees «Error displaying widget: model not found» where the panel was. An unsigned notebook
(as papermill writes them) shows the placeholder instead.

``make lab`` runs :func:`uten_widgetvisninger` as Jupyter's pre-save hook
(``--ContentsManager.pre_save_hook``): before the file is written (and signed), every widget view
whose model is not in the notebook's saved widget state is taken out of its output, leaving the
placeholder. A reopened notebook shows the placeholder until its cells run again, and the live
panel is back. Widget state the user chose to save (JupyterLab's «Save Widget State
Automatically») is kept, and so are the views it can draw.
"""

from __future__ import annotations

WIDGETVISNING = "application/vnd.jupyter.widget-view+json"
WIDGETTILSTAND = "application/vnd.jupyter.widget-state+json"


def lagrede_modeller(notatbok: dict) -> set[str]:
    """The widget model ids whose state is saved in the notebook's metadata."""
    tilstand = notatbok.get("metadata", {}).get("widgets", {}).get(WIDGETTILSTAND, {})
    return set(tilstand.get("state", {}))


def fjern_widgetvisninger(notatbok: dict) -> int:
    """Drop widget views without saved state from every output; returns how many were dropped.

    An output left with no data at all (a view with no other representation) is removed.
    """
    lagret = lagrede_modeller(notatbok)
    antall = 0
    for celle in notatbok.get("cells", []):
        utdata = []
        for ut in celle.get("outputs", []):
            data = ut.get("data")
            if isinstance(data, dict) and WIDGETVISNING in data:
                modell = (data[WIDGETVISNING] or {}).get("model_id")
                if modell not in lagret:
                    del data[WIDGETVISNING]
                    antall += 1
                    if not data:
                        continue
            utdata.append(ut)
        if "outputs" in celle:
            celle["outputs"] = utdata
    return antall


def uten_widgetvisninger(model: dict, **_: object) -> None:
    """Jupyter's pre-save hook: :func:`fjern_widgetvisninger` on a notebook about to be saved."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        fjern_widgetvisninger(model["content"])
