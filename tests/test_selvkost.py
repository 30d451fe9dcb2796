"""Selvkost (selvkostforskriften; kap. 10.3, 24.5): kalkylerente, capital cost, the FIFO fund, 24-3/24-4."""

from __future__ import annotations

import pandas as pd
import pytest

from hoep.feil import HoepFeil
from hoep.regler import selvkost


def test_kalkylerente():
    # KBN: the 2021 average 5-year swap rate 1,456 % gives a kalkylerente of 1,956 %.
    assert selvkost.kalkylerente(1.456) == pytest.approx(1.956)


@pytest.mark.parametrize("ar_i_bruk, avskrivning, renter", [
    (1, 2.5, 0.02 * (100 + 97.5) / 2),
    (2, 2.5, 0.02 * (97.5 + 95) / 2),
    (40, 2.5, 0.02 * 2.5 / 2),
    (41, 0.0, 0.0),
    (0, 0.0, 0.0),
])
def test_kapitalkostnad(ar_i_bruk, avskrivning, renter):
    k = selvkost.kapitalkostnad(100, 40, ar_i_bruk, 2.0)
    assert k["avskrivning"] == pytest.approx(avskrivning)
    assert k["rentekostnad"] == pytest.approx(renter)
    assert k["kapitalkostnad"] == pytest.approx(avskrivning + renter)


def test_kapitalkostnader_program():
    # 100 invested in 2022 and 2023: capital cost from the year after each
    k = selvkost.kapitalkostnader({2022: 100, 2023: 100}, 40, {a: 0.0 for a in range(2022, 2026)},
                                  [2022, 2023, 2024])
    assert k.tolist() == [0.0, 2.5, 5.0]


def test_ugyldig_kapital():
    with pytest.raises(HoepFeil, match="levetiden"):
        selvkost.kapitalkostnad(100, 0, 1, 2.0)


NULLRENTE = {a: 0.0 for a in range(2015, 2035)}


def test_fifo_bruker_eldste_overskudd_forst():
    f = selvkost.fondsforlop({2022: -5.0}, NULLRENTE, ib=[(2017, 4.0), (2019, 2.0)])
    assert f.at[2022, "ub"] == pytest.approx(1.0)
    assert f.at[2022, "eldste_post"] == 2019
    assert f.at[2022, "bruk_av_eldre_poster"] == pytest.approx(5.0)


def test_overskudd_dekker_eldste_underskudd_forst():
    f = selvkost.fondsforlop({2022: 3.0, 2023: 1.0}, NULLRENTE, ib=[(2020, -2.0), (2021, -2.0)])
    assert f.at[2022, "ub"] == pytest.approx(-1.0) and f.at[2022, "eldste_post"] == 2021
    assert f.at[2023, "ub"] == pytest.approx(0.0) and pd.isna(f.at[2023, "eldste_post"])


def test_femarsregelen():
    f = selvkost.fondsforlop({a: (10.0 if a == 2022 else 0.0) for a in range(2022, 2029)}, NULLRENTE)
    assert f.loc[2022:2026, "utenfor_frist"].tolist() == [0.0] * 5
    assert f.at[2027, "utenfor_frist"] == pytest.approx(10.0)


@pytest.mark.parametrize("tillat, ub, bykassen", [(True, -3.0, 0.0), (False, 0.0, 3.0)])
def test_negativt_fond(tillat, ub, bykassen):
    f = selvkost.fondsforlop({2022: -3.0}, NULLRENTE, tillat_negativt=tillat)
    assert f.at[2022, "ub"] == pytest.approx(ub)
    assert f.at[2022, "dekket_av_bykassen"] == pytest.approx(bykassen)


def test_plan_og_byggesak_kan_ikke_ha_negativt_fond():
    assert selvkost.NEGATIVT_FOND_TILLATT["plan_og_byggesak"] is False
    assert all(selvkost.NEGATIVT_FOND_TILLATT[o] for o in ("vann", "avlop", "renovasjon", "slam", "feiing"))


def test_renter_pa_gjennomsnittlig_fond():
    f = selvkost.fondsforlop({2022: 0.0, 2023: 10.0}, {2022: 2.0, 2023: 2.0}, ib=[(2020, 100.0)])
    assert f.at[2022, "renter"] == pytest.approx(2.0)
    assert f.at[2023, "renter"] == pytest.approx(0.02 * (102 + 112) / 2)


def test_blandet_inngaende_fond_avvises():
    with pytest.raises(HoepFeil, match="både positive og negative"):
        selvkost.fondsforlop({2022: 0.0}, NULLRENTE, ib=[(2020, 1.0), (2021, -1.0)])


def test_eksempel_vann():
    # Tabell 24-3: pris og lønn 2,4 mill.; sum 17,5 mill.; Tabell 24-2: vanngebyr +13,0 % (reell 10,7: 2,3 %)
    e = selvkost.eksempel_24("vann")
    drift = 2.4 / 0.023
    assert e["deflator"] == pytest.approx(2.3)
    assert e["driftskostnad_2021"] == pytest.approx(drift)
    assert e["driftskostnad_2022"] == pytest.approx(drift + 17.5)
    assert e["resultat_2022"] == pytest.approx(drift * 1.13 - drift - 17.5)
    assert e["resultat_2022"] < 0  # the operating cost alone rises more than 13 %
    assert e["gebyrendring_for_balanse"] == pytest.approx(17.5 / drift * 100)


def test_eksempel_avlop():
    # Tabell 24-4: pris og lønn 2,9; sum 2,4; avløpsgebyr +5,0 %
    e = selvkost.eksempel_24("avlop")
    drift = 2.9 / 0.023
    assert e["resultat_2022"] == pytest.approx(drift * 0.05 - 2.4)
    assert e["resultat_2022"] > 0


def test_ukjent_omrade():
    with pytest.raises(HoepFeil, match="ukjent selvkostområde"):
        selvkost.eksempel_24("slam")


def test_investeringer_er_sluttsummen():
    assert selvkost.investeringer("vann") == {2022: 243.0, 2023: 249.0, 2024: 255.0, 2025: 262.0}
