"""Presentation: tables (:mod:`tabeller`), figures (:mod:`figurer`) and the comparison of scenarios,
in Norwegian number format. Nothing here computes a budget rule; :mod:`vist` announces what is shown."""
