"""The shipped materials database: coverage, provenance, physical sanity, cited values."""

from __future__ import annotations

import numpy as np
import pytest

from qdopto import materials
from qdopto.errors import MissingParameterError, UnknownMaterialError
from qdopto.materials import PARAMETERS, default_database

DB = default_database()
ALL = DB.names()
SEMI = DB.names("semiconductor")

REQUIRED = {
    "semiconductor": [
        "CdSe",
        "CdSe-zb",
        "CdS",
        "CdTe",
        "ZnS",
        "ZnSe",
        "ZnTe",
        "HgTe",
        "HgSe",
        "HgS",
        "InP",
        "InAs",
        "InSb",
        "GaAs",
        "GaP",
        "GaN",
        "InN",
        "AlAs",
        "PbS",
        "PbSe",
        "PbTe",
        "Ag2S",
        "Ag2Se",
        "Ag2Te",
        "CuInS2",
        "AgInS2",
        "Si",
        "Ge",
        "CsPbCl3",
        "CsPbBr3",
        "CsPbI3",
        "FAPbI3",
    ],
    "medium": [
        "ligand",
        "toluene",
        "hexane",
        "octane",
        "PMMA",
        "SiO2",
        "SiNx",
        "glass",
        "air",
        "water",
    ],
    "device": [
        "ITO",
        "FTO",
        "PEDOT:PSS",
        "TFB",
        "poly-TPD",
        "PVK",
        "CBP",
        "ZnO",
        "ZnMgO",
        "TiO2",
        "NiOx",
        "MoO3",
        "LiF",
        "Al",
        "Ag",
        "Au",
    ],
}
ALLOYS = [
    "Cd0.5Zn0.5Se",
    "Cd0.5Zn0.5S",
    "ZnSe0.5S0.5",
    "CdSe0.5S0.5",
    "In0.5Ga0.5As",
    "Hg0.7Cd0.3Te",
    "In0.2Ga0.8N",
    "PbS0.5Se0.5",
    "CsPb(Br0.5I0.5)3",
]


@pytest.mark.parametrize("name", [n for group in REQUIRED.values() for n in group])
def test_required_material_present(name: str) -> None:
    assert materials.get(name) is not None


@pytest.mark.parametrize("formula", ALLOYS)
def test_required_alloys_addressable_by_formula(formula: str) -> None:
    mat = materials.get(formula)
    assert mat.name != formula or isinstance(mat, materials.AlloyMaterial)
    assert 0.0 < getattr(mat, "x", 0.5) < 1.0


@pytest.mark.parametrize("name", ALL)
def test_every_value_has_unit_and_source(name: str) -> None:
    mat = DB.materials[name]
    for key, par in mat.parameters.items():
        assert par.unit == PARAMETERS[key].unit
        assert par.source.strip(), f"{name}.{key} has no source"
        assert np.isfinite(par.value)
    if mat.refractive_index is not None:
        assert mat.refractive_index.source.strip()


@pytest.mark.parametrize("name", SEMI)
def test_semiconductor_sanity(name: str) -> None:
    mat = DB.materials[name]
    p = {k: v.value for k, v in mat.parameters.items()}
    if "Eg_0K" in p:
        assert (p["Eg_0K"] < 0) == (mat.gap_type == "semimetal")
        assert -1.0 < p["Eg_0K"] < 7.0
    for m in ("me", "mh", "mhh", "mlh", "me_l", "me_t", "mh_l", "mh_t", "mso"):
        if m in p:
            assert 0.005 < p[m] < 5.0, f"{name}.{m}"
    if "eps_static" in p and "eps_inf" in p:
        assert p["eps_static"] >= p["eps_inf"] >= 1.0
    if "lattice_a" in p:
        assert 0.3 < p["lattice_a"] < 1.5
    if "mhh" in p and "mlh" in p:
        assert p["mhh"] >= p["mlh"]
    if mat.bandgap_temperature_model != "none":
        eg300 = float(mat.bandgap(300.0))
        assert -1.0 < eg300 < 7.0
        assert (eg300 < 0) == (mat.gap_type == "semimetal")


@pytest.mark.parametrize("name", ALL)
def test_band_edges_ordered_and_plausible(name: str) -> None:
    mat = DB.materials[name]
    if not mat.has_band_edges():
        return
    try:
        r = mat.at(300.0)
    except MissingParameterError:
        return
    assert -12.0 < r["Ev"] < -3.0
    if "Ec" in r and mat.gap_type != "semimetal":
        assert r["Ec"] > r["Ev"]


@pytest.mark.parametrize("name", [n for n in ALL if DB.materials[n].refractive_index is not None])
def test_refractive_index_sane_over_its_range(name: str) -> None:
    model = DB.materials[name].refractive_index
    assert model is not None
    lam = np.linspace(*model.range_nm, 200)
    nk = model.nk(lam)
    assert np.all(np.isfinite(nk))
    assert np.all(nk.imag >= -1e-9)
    assert np.all(nk.real > 0.0)
    if DB.materials[name].category != "electrode":
        assert np.all(nk.real < 7.5)
        # Where the material is transparent (k < 0.1) n >= 1; strongly absorbing regions
        # (e.g. the E2 region of InSb, PbSe in the UV) can have n < 1.
        transparent = nk.imag < 0.1
        assert np.all(nk.real[transparent] >= 0.99)


# Room-temperature band gaps from an independent compilation: S. M. Sze, K. K. Ng, Physics of
# Semiconductor Devices, 3rd ed. (Wiley 2007), Appendix G (300 K), and for II-VI and lead
# salts O. Madelung, Semiconductors: Data Handbook (Springer 2004). Tolerance 35 meV covers the
# spread between compilations; CdS (2.42 eV in Sze, 2.48-2.50 eV in Madelung) is given as
# 2.45 eV, the middle of that spread.
GAPS_300K = {
    "GaAs": 1.424,
    "InP": 1.344,
    "InAs": 0.354,
    "InSb": 0.17,
    "Si": 1.12,
    "Ge": 0.66,
    "GaP": 2.26,
    "AlAs": 2.16,
    "GaN": 3.44,
    "CdSe": 1.74,
    "CdTe": 1.50,
    "ZnSe": 2.70,
    "CdS": 2.45,
    "ZnS": 3.68,
    "PbS": 0.41,
    "PbSe": 0.27,
    "PbTe": 0.31,
}


@pytest.mark.parametrize(("name", "gap"), GAPS_300K.items())
def test_room_temperature_gaps_against_compilations(name: str, gap: float) -> None:
    assert float(materials.get(name).bandgap(300.0)) == pytest.approx(gap, abs=0.035)


def test_cited_values_sample() -> None:
    # Vurgaftman, Meyer, Ram-Mohan, J. Appl. Phys. 89, 5815 (2001), Table III (GaAs) and the
    # InAs table: Eg(0) = 1.519 eV, me = 0.067; InAs me = 0.026, Ep = 21.5 eV.
    gaas, inas = materials.get("GaAs"), materials.get("InAs")
    assert gaas.value("Eg_0K") == pytest.approx(1.519)
    assert gaas.value("me") == pytest.approx(0.067)
    assert inas.value("me") == pytest.approx(0.026)
    assert inas.value("Ep") == pytest.approx(21.5)
    # CdSe holes in the spherical Luttinger model: gamma1 = 2.04, gamma = 0.58 (Ekimov et al.,
    # J. Opt. Soc. Am. B 10, 100 (1993)); electron mass 0.11 (Norris & Bawendi, PRB 53, 16338
    # (1996)).
    cdse = materials.get("CdSe")
    assert cdse.value("luttinger_gamma1") == pytest.approx(2.04)
    gamma = (2 * cdse.value("luttinger_gamma2") + 3 * cdse.value("luttinger_gamma3")) / 5
    assert gamma == pytest.approx(0.58)
    assert cdse.value("me") == pytest.approx(0.11)
    # Malitson 1965: fused silica n_d = 1.4585 at 587.6 nm.
    assert materials.get("SiO2").nk(587.56).real == pytest.approx(1.4585, abs=2e-4)


def test_derived_quantities_are_computed() -> None:
    r = materials.get("GaAs").at(300)
    mu = r["me"] * r["mh"] / (r["me"] + r["mh"])
    assert r.reduced_mass == pytest.approx(mu)
    assert r.exciton_bohr_radius_nm == pytest.approx(0.0529177 * r["eps_static"] / mu, rel=1e-6)


def test_missing_parameter_names_material_and_parameter() -> None:
    with pytest.raises(MissingParameterError, match="'toluene' has no parameter 'me'"):
        materials.get("toluene").value("me")


def test_unknown_name_suggests() -> None:
    with pytest.raises(UnknownMaterialError, match="did you mean"):
        materials.get("tolune")


def test_search_and_listing() -> None:
    assert "CdSe" in [m.name for m in materials.search("selenide")]
    assert set(materials.list_materials("medium")) >= set(REQUIRED["medium"])


def test_semimetal_hgte_negative_gap() -> None:
    # HgTe: E(Gamma6) - E(Gamma8) = -0.30 eV at low T (Madelung 2004).
    assert float(materials.get("HgTe").bandgap(4.0)) == pytest.approx(-0.30, abs=0.03)


def test_graded_mix_along_family_uses_bowing() -> None:
    mid = materials.mix("CdSe", "ZnSe", 0.5)
    assert isinstance(mid, materials.AlloyMaterial) and mid.x == pytest.approx(0.5)
    with pytest.warns(UserWarning, match="no alloy family"):
        materials.mix("CdSe", "ZnS", 0.5)
