"""Write tests/tilfeller/scenarioer.yaml: the example scenarios' key figures as the model gives them.

A regression guard (like Tax-Calculator's expected results), not a proof: the proof is the hand
calculations in tests/test_modell.py. Run it after a deliberate change of the model and explain the
change in the commit message:

    .venv/bin/python tools/scenariofasit.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from hoep import data, modell
from hoep.parametre import scenario as sc

NOKLER = ["frie_inntekter", "eiendomsskatt", "netto_driftsresultat", "netto_finansutgifter",
          "renteutgifter", "avdrag", "investeringer", "laneopptak", "minimumsavdrag", "ovrige_avdrag",
          "lanegjeld_ub", "kapitalutgifter_pst", "korrigert_netto_driftsresultat_pst", "gjeldsgrad_pst",
          "disposisjonsfond_ub"]
HODE = """\
# Forventede nøkkeltall for eksempelscenarioene (som Tax-Calculators forventede resultater).
#
# Laget med `.venv/bin/python tools/scenariofasit.py` (modellens tall, avrundet til én desimal) og
# gått gjennom for hånd: retningen og størrelsen på hver endring mot grunnscenarioet er kontrollert
# med håndregning fra de trykte tabellene i tests/test_modell.py. Filen vokter mot utilsiktede
# endringer; den er ikke et bevis. Endres modellen med vilje, lag filen på nytt og forklar endringen
# i commit-meldingen.
"""


def main() -> None:
    rot = data.prosjektrot()
    scenarioer = {}
    for fil in sorted((rot / "scenarios").glob("*.yaml")):
        plan = modell.beregn(sc.les(fil))
        if plan.scenario.navn == "klima_uten_fjernvarmetiltak":
            continue  # changes only the climate budget, which the key figures do not show
        scenarioer[plan.scenario.navn] = {
            k: {a: round(float(plan.verdier[k][j]), 1) for j, a in enumerate(data.PLANAR)} for k in NOKLER}
    innhold = {"toleranse": 0.06, "nokler": NOKLER, "scenarioer": scenarioer}
    tekst = yaml.safe_dump(innhold, allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)
    ut = Path(rot / "tests" / "tilfeller" / "scenarioer.yaml")
    ut.write_text(HODE + tekst, encoding="utf-8")
    print(f"skrev {ut}")


if __name__ == "__main__":
    main()
