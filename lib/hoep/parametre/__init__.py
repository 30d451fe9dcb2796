"""Parameters: the assumptions of ``data/forutsetninger.yaml`` and scenarios that override them.

:mod:`hoep.parametre.forutsetninger` reads the dated assumptions; :mod:`hoep.parametre.scenario`
reads a scenario file and validates it whole against them (with :mod:`budsjettendringer` for its
tiltak and projects and :mod:`klimaendringer` for its climate measures) before anything is
computed. Nothing here computes a budget figure.
"""
