"""Service areas and sectors (kap. 12-36 and Tabell 8-7 to 8-12): one area's or sector's budget.

Presentation-ready views over the area tables of ``data/`` (see ``data/README.md``): the frame
bridge from the 2021 budget to the proposed frame, the tiltak by type, the investment projects and
their financing, the ASSS/KOSTRA key figures, and how the area's chapter agrees with chapter 2's
Rammer table. A sector is the areas of ``data/omrader.csv`` with that ``sektor``; its frame is
Tabell 8-7 to 8-12, in whole millions, and should equal the sum of its areas within rounding.

Identities (checked for the published data in ``data/kontroller.yaml``):
korrigert budsjett = opprinnelig budsjett 2021 + pris- og lønnskompensasjon + tekniske justeringer;
forslag = korrigert + befolkningsvekst + annen rammeendring; reell rammeendring = forslag − korrigert.
"""

from __future__ import annotations

import pandas as pd

from hoep import data
from hoep.regler import prisbasis

AR = prisbasis.PLANAR
SEKTORTABELLER = {
    "oppvekst_og_utdanning": "tabell_8_7_driftsramme_oppvekst_utdanning",
    "helse_og_velferd": "tabell_8_8_driftsramme_helse_velferd",
    "kultur_og_idrett": "tabell_8_9_driftsramme_kultur_idrett",
    "byutvikling": "tabell_8_10_driftsramme_byutvikling",
    "naering_samferdsel_klima_og_miljo": "tabell_8_11_driftsramme_naering_samferdsel",
    "organisasjon": "tabell_8_12_driftsramme_organisasjon",
}
SEKTORNAVN = {
    "oppvekst_og_utdanning": "Oppvekst og utdanning", "helse_og_velferd": "Helse og velferd",
    "kultur_og_idrett": "Kultur og idrett", "byutvikling": "Byutvikling",
    "naering_samferdsel_klima_og_miljo": "Næring, samferdsel, klima og miljø", "organisasjon": "Organisasjon",
}
BRO = ("pris_og_lonnskompensasjon", "tekniske_justeringer", "befolkningsvekst", "annen_rammeendring")


def tjenesteomrader() -> pd.DataFrame:
    """The service areas that have a chapter of their own (kap. 13-36), in chapter order."""
    om = data.omrader()
    om["kapittel"] = om["kapittel"].astype(int)
    return om[om["kapittel"].between(13, 36)].sort_values("kapittel").reset_index(drop=True)


def navn(omrade: str) -> str:
    return data.omrader().set_index("omrade").at[omrade, "navn"]


def tabeller(omrade: str, familie: str) -> list[str]:
    """The area's tables of one family (an area may have several investment tables)."""
    kat = data.katalog()
    return kat[(kat["omrade"] == omrade) & (kat["familie"] == familie)]["id"].tolist()


def _kol(ar: int) -> str:
    return f"budsjett_{ar}"


def rammebro(omrade: str) -> pd.DataFrame | None:
    """The frame bridge per year (rows as printed, columns 2022-2025), or None without a table."""
    ider = tabeller(omrade, "rammeendring")
    if not ider:
        return None
    t = data.tabell(ider[0])
    ut = t[[_kol(a) for a in AR]].set_axis(list(AR), axis=1)
    ut.insert(0, "rad", t["rad"])
    return ut


def bro_endringer(omrade: str, ar: int) -> tuple[float, pd.Series, float] | None:
    """For a waterfall: (opprinnelig budsjett 2021, the changes by printed label, forslag)."""
    bro = rammebro(omrade)
    if bro is None:
        return None
    rader = [r for r in BRO if r in bro.index]
    endringer = bro.loc[rader].set_index("rad")[ar].fillna(0.0)
    return (float(bro.at["opprinnelig_budsjett_2021", ar]), endringer,
            float(bro.at["forslag_til_netto_driftsramme", ar]))


def ramme_mot_kapittel_2(omrade: str) -> pd.DataFrame:
    """Chapter 2's netto resultat for the area against the chapter's proposed frame, per year."""
    kap2 = data.tabell(f"ramme_{omrade}")
    bro = rammebro(omrade)
    rader = []
    for ar in AR:
        k2 = float(kap2.at["netto_resultat", _kol(ar)])
        kap = float(bro.at["forslag_til_netto_driftsramme", ar]) if bro is not None else float("nan")
        rader.append({"ar": ar, "kapittel_2": k2, "kapittel": kap, "differanse": kap - k2})
    return pd.DataFrame(rader).set_index("ar")


def tiltak(omrade: str) -> pd.DataFrame:
    """The area's tiltak: number, name, type and amount per year (mill. kr, 2022-kroner)."""
    df = data.tiltak()
    df = df[df["omrade"] == omrade]
    if df.empty:
        return pd.DataFrame(columns=["tiltak_nr", "rad", "type", *AR])
    bred = df.pivot_table(index=["rad_id", "tiltak_nr", "rad", "type"], columns="ar", values="verdi",
                          aggfunc="sum", sort=False).reset_index()
    return bred.drop(columns="rad_id").rename_axis(None, axis=1)


def tiltak_per_type(omrade: str) -> pd.DataFrame:
    """The tiltak summed by type per year."""
    t = tiltak(omrade)
    if t.empty:
        return pd.DataFrame(columns=list(AR))
    return t.groupby("type", sort=False)[list(AR)].sum()


def investeringer(omrade: str) -> pd.DataFrame:
    """The area's investment projects (mill. kr, løpende priser), from all its investment tables."""
    df = data.investeringer()
    df = df[df["omrade"] == omrade]
    if df.empty:
        return pd.DataFrame()
    bred = df.pivot_table(index=["tabell", "rad_id", "rad"], columns="kolonne", values="verdi",
                          aggfunc="sum", sort=False).reset_index()
    kolonner = ["kostnadsoverslag", "benyttet_bevilgning", "rest_til_bevilgning", *(_kol(a) for a in AR)]
    return bred[["rad", *[k for k in kolonner if k in bred.columns]]].rename_axis(None, axis=1)


def finansiering(omrade: str) -> pd.DataFrame:
    """The financing of the area's investments by source per year (mill. kr, løpende priser)."""
    df = data.finansiering()
    df = df[df["omrade"] == omrade]
    if df.empty:
        return pd.DataFrame(columns=list(AR))
    bred = df.pivot_table(index="rad", columns="ar", values="verdi", aggfunc="sum", sort=False)
    return bred[(bred != 0).any(axis=1)].rename_axis(None, axis=1)


def nokkeltall(omrade: str) -> pd.DataFrame:
    """The area's ASSS/KOSTRA key figures, long: indicator, group, unit, municipality, year, value."""
    df = data.nokkeltall()
    return df[df["omrade"] == omrade].reset_index(drop=True)


def oversikt() -> pd.DataFrame:
    """Every service area with its sector, the 2022 proposed frame and real change (for the index)."""
    rader = []
    for rad in tjenesteomrader().itertuples():
        bro = rammebro(rad.omrade)
        kap2 = data.tabell(f"ramme_{rad.omrade}")
        rader.append({
            "omrade": rad.omrade, "navn": rad.navn, "sektor": rad.sektor, "kapittel": rad.kapittel,
            "ramme_2022": (float(bro.at["forslag_til_netto_driftsramme", 2022]) if bro is not None
                           else float(kap2.at["netto_resultat", "budsjett_2022"])),
            "reell_endring_2022": (float(bro.at["reell_rammeendring", 2022]) if bro is not None
                                   else float("nan")),
        })
    return pd.DataFrame(rader)


def sektorer() -> list[str]:
    return list(SEKTORTABELLER)


def sektorramme(sektor: str) -> pd.DataFrame:
    """The sector's frame as published (Tabell 8-7 to 8-12), whole millions, 2022-kroner."""
    tid = SEKTORTABELLER[sektor]
    t = data.tabell(tid)
    ut = t[[_kol(a) for a in AR]].set_axis(list(AR), axis=1)
    ut.insert(0, "rad", t["rad"])
    return ut


def sektor_mot_omrader(sektor: str) -> pd.DataFrame:
    """The sector frame against the sum of its areas' frames (chapter 2's Rammer tables), per year."""
    omrader_ = tjenesteomrader()
    omrader_ = omrader_[omrader_["sektor"] == sektor]["omrade"]
    ramme = sektorramme(sektor)
    per_omrade = pd.DataFrame({navn(o): [float(data.tabell(f"ramme_{o}").at["netto_resultat", _kol(a)])
                                         for a in AR] for o in omrader_}, index=list(AR))
    per_omrade["Sum områdene"] = per_omrade.sum(axis=1)
    per_omrade[f"{data.info(SEKTORTABELLER[sektor]).trykt_nummer}"] = ramme.loc["sum", list(AR)].astype(float)
    per_omrade["Differanse"] = per_omrade.iloc[:, -1] - per_omrade["Sum områdene"]
    return per_omrade


def demografi(sektor: str) -> pd.DataFrame:
    """Demography and area compensation 2022 (Tabell 8-23) for the sector's areas."""
    t = data.tabell("tabell_8_23_demografi_og_areal")
    t = t[t.index != "totalt"].copy()
    t["omrade"] = [data.omrade_id(r) for r in t["rad"]]
    sektor_av = tjenesteomrader().set_index("omrade")["sektor"]
    t = t[t["omrade"].map(sektor_av) == sektor]
    return t[["rad", "demografi", "areal", "totalt"]]


def sektorinvesteringer(sektor: str) -> pd.DataFrame:
    """The sector's investments per area and year (sum of its areas' project tables)."""
    omrader_ = tjenesteomrader()
    rader = {}
    for o in omrader_[omrader_["sektor"] == sektor]["omrade"]:
        inv = investeringer(o)
        if not inv.empty:
            rader[navn(o)] = [inv[_kol(a)].sum() for a in AR]
    return pd.DataFrame(rader, index=list(AR)).T if rader else pd.DataFrame(columns=list(AR))


def scenarioendringer(scen, omrade: str) -> tuple[pd.DataFrame, list[str]]:
    """A scenario's changes to one area: the frame change per tiltak and year (mill. kr, 2022-kroner,
    + cost) and the area's project changes in plain words (their loans enter hoep.modell)."""
    from hoep.modell import endringer
    from hoep.parametre import budsjettendringer

    t = endringer.tiltakseffekt(scen.budsjett)
    t = t[t["omrade"] == omrade].drop(columns="omrade").set_index("endring")
    pl = data.prosjektliste()
    e = scen.budsjett
    prosjekter = [p for p in (*e.utsett, *e.kutt, *e.skaler_prosjekter) if pl.at[p, "omrade"] == omrade]
    linjer = [linje for linje in budsjettendringer.beskrivelser(e)
              if any(f"({p}" in linje for p in prosjekter)]
    grupper = set(pl.loc[pl["omrade"] == omrade, "gruppe"])
    linjer += [f"Nytt prosjekt: «{n.navn}» ({n.gruppe})." for n in e.nye_prosjekter if n.gruppe in grupper]
    return t, linjer
