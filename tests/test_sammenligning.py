"""The comparison page lays out the model's key figures for several scenarios."""

from __future__ import annotations

import re

from hoep import data, modell, tall
from hoep.parametre import scenario as sc
from hoep.parametre.basis import grunnscenario
from hoep.rapporter import sider

SCENARIOER = data.prosjektrot() / "scenarios"


def test_sammenligningssiden():
    scen = [sc.les(SCENARIOER / "rente_pluss_1.yaml"), sc.les(SCENARIOER / "alternativt_budsjett.yaml")]
    side = sider.sammenligning(scen)
    assert side == sider.sammenligning(scen), "siden må være byte-for-byte lik ved ny kjøring"
    # The base is added first; every scenario's changes are in plain words.
    assert side.index(">basis<") < side.index(">alternativt_budsjett<") < side.index(">rente_pluss_1<")
    assert "Prosjektet «Stabbursmoen skole» (skole/p04, Tabell 14-4) er utsatt 1 år" in side
    assert "renteendring" in side
    # The table shows the model's numbers for each scenario.
    plan = modell.beregn(scen[0])
    rad = re.search(r"<td>Renteutgifter</td><td>[^<]*</td><td>rente_pluss_1</td>(.*?)</tr>", side).group(1)
    assert tall.tekst(plan.verdier["renteutgifter"][0]) in rad
    # A broken target is marked; the capital-cost rule breaks in 2025 with one point higher rates.
    assert 'class="tall brudd">8,4' in side
    assert side.count("data:image/png;base64,") == 2


def test_basis_yaml_med_en_overstyring_er_en_endring_mot_grunnscenarioet(tmp_path):
    """The one base is built from data/; an override written into a copy of scenarios/basis.yaml is a
    change against it (shown on the comparison page), not absorbed into the anchors."""
    fil = tmp_path / "basis.yaml"
    fil.write_text((SCENARIOER / "basis.yaml").read_text(encoding="utf-8")
                   + "forutsetninger:\n  renteendring: 1.0\n", encoding="utf-8")
    endret = sc.les(fil)
    assert endret.navn == "basis"
    from hoep.parametre import basis

    assert basis.endringer(endret) == ["forutsetninger.renteendring"]
    assert not basis.endrer_noe(sc.les(SCENARIOER / "basis.yaml"))
    plan, grunn = modell.beregn(endret), modell.beregn(grunnscenario())
    # The anchors stay those of the base: 2022's interest rises by the floating share × average debt × 1 %.
    assert plan.verdier["renteutgifter"][0] > grunn.verdier["renteutgifter"][0] + 50
    diff = modell.diff(endret)
    endring = plan.verdier["renteutgifter"][0] - grunn.verdier["renteutgifter"][0]
    assert diff.loc["renteutgifter", 2022] == endring
    side = sider.sammenligning([endret])
    # the base and the edited file, both named basis, each listed with its changes
    assert side.count('<a href="basis/index.html">basis</a></strong>') == 2
    assert "renteendring" in side
