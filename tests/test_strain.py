"""Strain-modified band edges of epitaxial (Stranski-Krastanov) dots: qdopto.electronic.strain.

References used below (independent of the code):

- Hooke's law of a cubic crystal, sigma_zz = C12 (eps_xx + eps_yy) + C11 eps_zz, which must
  vanish along the free [001] growth axis (J. F. Nye, *Physical Properties of Crystals*,
  Oxford 1957, Ch. VIII).
- Parameters typed in from I. Vurgaftman, J. R. Meyer, L. R. Ram-Mohan, J. Appl. Phys. 89, 5815
  (2001), parameter tables of GaAs and InAs (lattice constants at 300 K, C11, C12, a_c, a_v, b).
- Hydrostatic band-gap deformation potentials a = a_c - a_v in the sign convention of
  C. G. Van de Walle, Phys. Rev. B 39, 1871 (1989), deformation-potential table (a_v > 0 there):
  GaAs a_c = -7.17, a_v = +1.16 -> a = -8.33 eV; InAs -5.08, +1.00 -> -6.08 eV; AlAs -5.64,
  +2.47 -> -8.11 eV. Vurgaftman et al. (2001) list the same a_v with the opposite sign.
- The InAs/GaAs lattice mismatch (a_InAs - a_GaAs)/a_GaAs = 7.2 % (e.g. Leonard, Pond, Petroff,
  Phys. Rev. B 50, 11687 (1994), introduction: "7% lattice mismatch").
- Symmetry: hydrostatic strain shifts but does not split the J = 3/2 valence band; biaxial
  compression puts the heavy hole on top, tension the light hole (Chuang, *Physics of
  Optoelectronic Devices*, Wiley 1995, Ch. 4).
- Eshelby tensor of an ellipsoid through the integrals I_i = 2 pi a1 a2 a3 int_0^inf ds /
  ((a_i^2 + s) Delta(s)), I_ij = 2 pi a1 a2 a3 int_0^inf ds / ((a_i^2 + s)(a_j^2 + s) Delta(s)),
  Delta = sqrt((a1^2 + s)(a2^2 + s)(a3^2 + s)):
  S_iiii = [3 a_i^2 I_ii + (1 - 2 nu) I_i] / (8 pi (1 - nu)),
  S_iijj = [a_j^2 I_ij - (1 - 2 nu) I_i] / (8 pi (1 - nu)) (i != j)
  [J. D. Eshelby, Proc. R. Soc. A 241, 376 (1957); T. Mura, *Micromechanics of Defects in
  Solids*, 2nd ed., Martinus Nijhoff 1987, Sec. 11 (general ellipsoid, Eqs. 11.17-11.19)],
  integrated numerically here with scipy.integrate.quad; sphere: S_1111 = (7 - 5 nu)/(15 (1 - nu)),
  S_1122 = (5 nu - 1)/(15 (1 - nu)) (Mura 1987, Eq. 11.21). Since I_1 + I_2 + I_3 = 4 pi and
  3 a_i^2 I_ii + sum_{j != i} a_j^2 I_ij = 3 I_i, sum_ik S_iikk = (1 + nu)/(1 - nu) for every
  ellipsoid (the volume change of an inclusion with the matrix's constants does not depend on
  its shape; cf. A. V. Nenashev, A. V. Dvurechenskii, J. Appl. Phys. 107, 064322 (2010)).
- GaAs elastic constants C11 = 122.1, C12 = 56.6 GPa (Vurgaftman et al. 2001, GaAs table).
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from qdopto.electronic.strain import (
    StrainedEdges,
    band_edge_shifts,
    biaxial_strain,
    eshelby_spheroid_tensor,
    eshelby_strain,
    isotropic_poisson_ratio,
    luttinger_masses,
    strained_band_edges,
)
from qdopto.errors import MissingParameterError, QdoptoError, UnknownMaterialError
from qdopto.materials import default_database

# Vurgaftman et al. (2001), parameter tables (typed in here, not read from the database).
A_GAAS_NM = 0.565325
A_INAS_NM = 0.60583
C11_INAS, C12_INAS = 83.29, 45.26  # GPa
AC_INAS, AV_INAS, B_INAS = -5.08, -1.00, -1.8  # eV, Vurgaftman sign convention
C11_GAAS, C12_GAAS = 122.1, 56.6  # GPa
NU_GAAS = C12_GAAS / (C11_GAAS + C12_GAAS)  # <100> Poisson ratio of a cubic crystal (Nye 1957)

# Van de Walle (1989), band-gap hydrostatic deformation potential a = a_c - a_v^VdW [eV].
GAP_POTENTIAL_VDW = {"GaAs": -7.17 - 1.16, "InAs": -5.08 - 1.00, "AlAs": -5.64 - 2.47}


@pytest.fixture(scope="module")
def inas_gaas() -> StrainedEdges:
    return strained_band_edges("InAs", "GaAs", 4.0)


# ----------------------------------------------------------------------------- exact limits
def test_lattice_matched_layer_has_exactly_zero_strain_and_shift() -> None:
    e = strained_band_edges("GaAs", "GaAs", 300.0)
    for name in ("eps_par", "eps_perp", "eps_hydrostatic", "eps_biaxial"):
        assert getattr(e, name) == 0.0, name
    for name in ("dEc", "dEv_hh", "dEv_lh", "dEv_lh_so", "hh_lh_splitting"):
        assert getattr(e, name) == 0.0, name
    assert e.Ec == e.Ec_unstrained == e.matrix_Ec
    assert e.Ev_hh == e.Ev_lh == e.matrix_Ev
    assert e.cbo == 0.0 and e.vbo == 0.0
    assert e.Eg == pytest.approx(e.matrix_Eg, abs=1e-12)


def test_strain_from_typed_in_vurgaftman_parameters(inas_gaas: StrainedEdges) -> None:
    eps_par = A_GAAS_NM / A_INAS_NM - 1.0
    eps_perp = -2.0 * C12_INAS / C11_INAS * eps_par
    assert inas_gaas.eps_par == pytest.approx(eps_par, rel=1e-12)
    assert inas_gaas.eps_perp == pytest.approx(eps_perp, rel=1e-12)
    # The quoted ~7 % mismatch refers to the matrix lattice: (a_InAs - a_GaAs)/a_GaAs.
    mismatch = -inas_gaas.eps_par * A_INAS_NM / A_GAAS_NM
    assert mismatch == pytest.approx(0.072, abs=0.001)


@settings(max_examples=60, deadline=None)
@given(
    a_layer=st.floats(0.50, 0.70),
    a_matrix=st.floats(0.50, 0.70),
    c11=st.floats(50.0, 200.0),
    ratio=st.floats(0.3, 0.8),
)
def test_growth_axis_is_stress_free(
    a_layer: float, a_matrix: float, c11: float, ratio: float
) -> None:
    c12 = ratio * c11
    e_par, e_perp = biaxial_strain(a_layer, a_matrix, c11, c12)
    sigma_zz = c12 * 2.0 * e_par + c11 * e_perp
    assert abs(float(sigma_zz)) <= 1e-12 * c11
    # and the layer takes the matrix lattice constant in the plane
    assert a_layer * (1.0 + float(e_par)) == pytest.approx(a_matrix, rel=1e-12)


# ----------------------------------------------------------------------------- sign convention
@pytest.mark.parametrize("name", sorted(GAP_POTENTIAL_VDW))
def test_hydrostatic_gap_potential_is_van_de_walles(name: str) -> None:
    r = default_database().get(name).at(300.0)
    a_c, a_v, b = r["deformation_ac"], r["deformation_av"], r["deformation_b"]
    eps_h = -0.01  # 1 % volume compression: eps_xx = eps_yy = eps_zz = eps_h / 3
    d_ec, d_hh, d_lh, d_so = band_edge_shifts(eps_h / 3, eps_h / 3, a_c, a_v, b, 0.3)
    assert float(d_ec - d_hh) / eps_h == pytest.approx(GAP_POTENTIAL_VDW[name], abs=1e-9)
    # no splitting of the J = 3/2 band under hydrostatic strain (cubic symmetry kept)
    assert float(d_hh) == pytest.approx(float(d_lh), abs=1e-15)
    assert float(d_so) == pytest.approx(float(d_lh), abs=1e-15)
    # compression opens the gap and lifts the conduction band
    assert float(d_ec) > 0.0 and float(d_ec - d_hh) > 0.0


def test_compressive_inas_on_gaas_signs(inas_gaas: StrainedEdges) -> None:
    e = inas_gaas
    assert e.eps_par < 0.0 < e.eps_perp and e.eps_hydrostatic < 0.0
    assert e.dEc > 0.0  # a_c < 0 and volume compression
    assert e.Eg > e.Eg_unstrained  # hydrostatic compression opens the gap
    assert e.top_valence_band == "heavy hole"
    assert e.Ev_hh > e.Ev_lh and e.dEv_hh > e.dEv_lh
    assert e.Eg == e.Eg_hh
    # the dot is a type-I well for both carriers on the strained edges
    assert e.cbo > 0.0 and e.vbo > 0.0


def test_hand_computed_inas_on_gaas_shifts(inas_gaas: StrainedEdges) -> None:
    # Pikus-Bir at k = 0 with the typed-in Vurgaftman parameters (Chuang 1995, Ch. 4):
    eps_par = A_GAAS_NM / A_INAS_NM - 1.0
    eps_perp = -2.0 * C12_INAS / C11_INAS * eps_par
    eps_h = 2 * eps_par + eps_perp
    p, q = AV_INAS * eps_h, B_INAS * (eps_perp - eps_par)
    assert inas_gaas.dEc == pytest.approx(AC_INAS * eps_h, rel=1e-12)
    assert inas_gaas.dEv_hh == pytest.approx(-p - q, rel=1e-12)
    assert inas_gaas.dEv_lh == pytest.approx(-p + q, rel=1e-12)
    # magnitudes: conduction band up ~0.31 eV, heavy hole up ~0.19 eV, HH-LH(uncoupled) 0.50 eV
    assert inas_gaas.dEc == pytest.approx(0.310, abs=0.002)
    assert inas_gaas.dEv_hh == pytest.approx(0.190, abs=0.002)
    assert inas_gaas.dEv_hh - inas_gaas.dEv_lh == pytest.approx(0.502, abs=0.002)


@pytest.mark.parametrize(("layer", "matrix"), [("GaAs", "InAs"), ("GaP", "GaAs")])
def test_tensile_layer_has_light_hole_on_top(layer: str, matrix: str) -> None:
    e = strained_band_edges(layer, matrix, 300.0)
    assert e.eps_par > 0.0 > e.eps_perp
    assert e.top_valence_band == "light hole"
    assert e.Ev_lh > e.Ev_hh
    assert e.dEc < 0.0


# ----------------------------------------------------------------------------- light hole / SO
@settings(max_examples=60, deadline=None)
@given(eps=st.floats(-0.07, 0.07), b=st.floats(-2.5, -1.0))
def test_spin_orbit_coupled_light_hole_limits(eps: float, b: float) -> None:
    e_perp = -0.9 * eps
    # Large spin-orbit splitting decouples the light hole: -P + Q.
    _, _, d_lh, d_so = band_edge_shifts(eps, e_perp, -6.0, -1.0, b, 1.0e6)
    assert float(d_so) == pytest.approx(float(d_lh), abs=1e-5)
    # The coupled LH and split-off shifts are the eigenvalues of [[Q, sqrt2 Q], [sqrt2 Q, -D]]
    # (Chuang 1995, Ch. 4): relative to -P their sum is Q - D and product -Q D - 2 Q^2.
    d = 0.34
    _, _, _, d_lh_so = band_edge_shifts(eps, e_perp, 0.0, 0.0, b, d)
    q = b * (e_perp - eps)
    other = q - d - float(d_lh_so)
    assert float(d_lh_so) * other == pytest.approx(-d * q - 2.0 * q * q, abs=1e-12)  # det


def test_luttinger_masses_inas() -> None:
    # InAs gamma1 = 20.0, gamma2 = 8.5 (Vurgaftman 2001): m_hh,z = 1/3, m_hh,par = 1/28.5.
    m = luttinger_masses(20.0, 8.5)
    assert m["mhh_z"] == pytest.approx(1 / 3)
    assert m["mhh_par"] == pytest.approx(1 / 28.5)
    assert m["mlh_z"] == pytest.approx(1 / 37.0)
    assert m["mlh_par"] == pytest.approx(1 / 11.5)
    e = strained_band_edges("InAs", "GaAs", 300.0)
    assert e.mhh_z == pytest.approx(1 / 3) and e.mhh_par < e.mhh_z
    with pytest.raises(QdoptoError, match="non-positive"):
        luttinger_masses(2.0, 1.5)


# ----------------------------------------------------------------------------- alloys
def test_ingaas_continuous_to_gaas() -> None:
    ref = strained_band_edges("GaAs", "GaAs", 300.0)
    e = strained_band_edges("In0.000001Ga0.999999As", "GaAs", 300.0)
    assert abs(e.eps_par) < 1e-6
    assert abs(e.dEc) < 1e-6 and abs(e.dEv_hh) < 1e-6
    assert e.Eg == pytest.approx(ref.Eg, abs=1e-5)
    assert e.cbo == pytest.approx(0.0, abs=1e-5)


def test_ingaas_strain_grows_with_indium() -> None:
    xs = [0.1, 0.3, 0.5, 0.7, 1.0]
    edges = [strained_band_edges(f"In{x}Ga{1 - x:.1f}As", "GaAs", 300.0) for x in xs]
    pars = [e.eps_par for e in edges]
    assert all(a > b for a, b in itertools.pairwise(pars))
    assert all(e.top_valence_band == "heavy hole" for e in edges)
    gaps = [e.Eg for e in edges]
    assert all(a > b for a, b in itertools.pairwise(gaps))
    assert all(e.cbo > 0 for e in edges)


# ----------------------------------------------------------------------------- output, errors
def test_to_dict_is_json_ready(inas_gaas: StrainedEdges) -> None:
    d = inas_gaas.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["dot"] == "InAs" and d["matrix"] == "GaAs" and d["model"] == "biaxial"
    assert all(math.isfinite(v) for v in d.values() if isinstance(v, float))


def test_unknown_material() -> None:
    with pytest.raises(UnknownMaterialError):
        strained_band_edges("Unobtainium", "GaAs")


def test_missing_deformation_potential_names_material_and_parameter() -> None:
    # ZnSe (zinc blende) has elastic and band data but no deformation potentials stored.
    with pytest.raises(MissingParameterError, match=r"ZnSe.*deformation_ac"):
        strained_band_edges("ZnSe", "GaAs")


def test_wurtzite_and_unknown_model_rejected() -> None:
    with pytest.raises(QdoptoError, match="zinc-blende"):
        strained_band_edges("GaN", "GaAs")
    with pytest.raises(QdoptoError, match="dot-average"):
        strained_band_edges("InAs", "GaAs", model="dot-average")
    with pytest.raises(QdoptoError, match="temperature"):
        strained_band_edges("InAs", "GaAs", -1.0)


# ----------------------------------------------------------------------------- Eshelby model
def _eshelby_by_quadrature(alpha: float, nu: float) -> np.ndarray:
    """S_iijj (3x3) of the spheroid (1, 1, alpha) from Eshelby's I-integrals, numerically."""
    axes = np.array([1.0, 1.0, alpha])
    pre = 2.0 * math.pi * float(np.prod(axes))

    def delta(s: float) -> float:
        return float(np.sqrt(np.prod(axes**2 + s)))

    def integral(*idx: int) -> float:
        def f(s: float) -> float:
            return 1.0 / (float(np.prod([axes[i] ** 2 + s for i in idx])) * delta(s))

        return pre * float(quad(f, 0.0, math.inf, epsabs=0.0, epsrel=1e-13, limit=200)[0])

    big_i = [integral(i) for i in range(3)]
    out = np.empty((3, 3))
    for i in range(3):
        for j in range(3):
            if i == j:
                out[i, j] = 3.0 * axes[i] ** 2 * integral(i, i) + (1 - 2 * nu) * big_i[i]
            else:
                out[i, j] = axes[j] ** 2 * integral(i, j) - (1 - 2 * nu) * big_i[i]
    return out / (8.0 * math.pi * (1.0 - nu))


@pytest.mark.parametrize("nu", [0.0, 0.25, NU_GAAS, 0.45])
def test_eshelby_sphere_closed_form(nu: float) -> None:
    s = eshelby_spheroid_tensor(1.0, nu)
    diag, off = (7 - 5 * nu) / (15 * (1 - nu)), (5 * nu - 1) / (15 * (1 - nu))
    assert np.allclose(np.diag(s), diag, rtol=0, atol=1e-15)
    assert np.allclose(s[~np.eye(3, dtype=bool)], off, rtol=0, atol=1e-15)


@pytest.mark.parametrize("alpha", [0.1, 0.3, 0.985, 0.999, 1.0005, 1.012, 2.0, 5.0])
@pytest.mark.parametrize("nu", [0.25, NU_GAAS])
def test_eshelby_spheroid_matches_ellipsoid_integrals(alpha: float, nu: float) -> None:
    ref = _eshelby_by_quadrature(alpha, nu)
    got = eshelby_spheroid_tensor(alpha, nu)
    assert np.allclose(got, ref, rtol=0.0, atol=1e-11), got - ref
    # vectorised call gives the same
    many = eshelby_spheroid_tensor([alpha, 1.0], [nu, nu])
    assert many.shape == (2, 3, 3) and np.allclose(many[0], got, rtol=0, atol=1e-14)


@settings(max_examples=80, deadline=None)
@given(alpha=st.floats(1e-3, 50.0), nu=st.floats(-0.5, 0.49))
def test_eshelby_volume_change_is_shape_independent(alpha: float, nu: float) -> None:
    s = eshelby_spheroid_tensor(alpha, nu)
    assert float(s.sum()) == pytest.approx((1 + nu) / (1 - nu), rel=1e-10)


def test_eshelby_thin_disk_limit_is_the_pseudomorphic_film() -> None:
    nu = NU_GAAS
    s = eshelby_spheroid_tensor(1e-7, nu)
    # S_3333 -> 1, S_3311 -> nu/(1 - nu), S_11kk -> 0 (a film clamped in plane, free along z)
    expect = np.array([[0, 0, 0], [0, 0, 0], [nu / (1 - nu), nu / (1 - nu), 1.0]])
    assert np.allclose(s, expect, rtol=0, atol=1e-6)
    # dot strain = biaxial strain with isotropic constants: C12/C11 = nu/(1 - nu)
    e_par, e_perp = eshelby_strain(A_INAS_NM, A_GAAS_NM, 1e-7, nu)
    b_par, b_perp = biaxial_strain(A_INAS_NM, A_GAAS_NM, C11_GAAS, C12_GAAS)
    assert float(e_par) == pytest.approx(float(b_par), abs=1e-7)
    assert float(e_perp) == pytest.approx(float(b_perp), abs=1e-7)
    misfit = A_INAS_NM / A_GAAS_NM - 1.0  # eigenstrain eps*, = 7.2 %
    assert float(e_par) == pytest.approx(-misfit, rel=0.08)  # first order: -eps*
    assert float(e_perp) == pytest.approx(2 * nu / (1 - nu) * misfit, rel=0.08)
    # and the band edges follow
    e = strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=1e-7)
    d_ec, d_hh, _, _ = band_edge_shifts(b_par, b_perp, AC_INAS, AV_INAS, B_INAS, 0.39)
    assert e.dEc == pytest.approx(float(d_ec), abs=1e-6)
    assert e.dEv_hh == pytest.approx(float(d_hh), abs=1e-6)
    assert e.poisson_ratio == pytest.approx(NU_GAAS, rel=1e-12)
    assert e.aspect_ratio == 1e-7 and e.top_valence_band == "heavy hole"


def test_eshelby_sphere_is_hydrostatic() -> None:
    e = strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=1.0)
    # Eshelby (1957): a misfitting sphere is compressed uniformly, eps_tot = (1+nu)/(3(1-nu)) eps*
    eps_star = A_INAS_NM / A_GAAS_NM - 1.0
    eps_tot = (1 + NU_GAAS) / (3 * (1 - NU_GAAS)) * eps_star
    expect = (1 + eps_tot) * A_GAAS_NM / A_INAS_NM - 1.0
    assert e.eps_par == pytest.approx(expect, rel=1e-12)
    assert e.eps_perp == pytest.approx(expect, rel=1e-12)
    assert abs(e.eps_biaxial) < 1e-15
    assert abs(e.hh_lh_splitting) < 1e-12 and abs(e.dEv_hh - e.dEv_lh) < 1e-12
    assert e.dEc == pytest.approx(AC_INAS * 3 * expect, rel=1e-12)


@pytest.mark.parametrize("alpha", [1e-4, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 10.0])
def test_eshelby_hydrostatic_strain_equals_isotropic_film(alpha: float) -> None:
    # Tr eps_tot = (1+nu)/(1-nu) eps* for every shape, hence the dot's volume change (and dEc)
    # is that of the pseudomorphic film with isotropic constants (C12/C11 = nu/(1-nu)).
    b_par, b_perp = biaxial_strain(A_INAS_NM, A_GAAS_NM, C11_GAAS, C12_GAAS)
    e = strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=alpha)
    eps_h = float(2 * b_par + b_perp)
    assert e.eps_hydrostatic == pytest.approx(eps_h, rel=1e-12)
    assert e.dEc == pytest.approx(AC_INAS * eps_h, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(alpha=st.floats(0.95, 1.05), h=st.floats(1e-9, 1e-3), nu=st.floats(0.1, 0.45))
def test_eshelby_tensor_continuous_across_sphere(alpha: float, h: float, nu: float) -> None:
    # |dS/dalpha| <= 0.5 near the sphere (first Taylor coefficients, e.g. Mura's S_3333 has
    # slope 4 (7 nu - 8) / (105 (1 - nu)) ~ -0.3 at alpha = 1), so S is 0.5-Lipschitz there.
    s0 = eshelby_spheroid_tensor(alpha, nu)
    s1 = eshelby_spheroid_tensor(alpha + h, nu)
    assert float(np.max(np.abs(s1 - s0))) <= 0.5 * h + 1e-11
    # both sides of the sphere approach the sphere's value
    s_lo, s_hi = eshelby_spheroid_tensor([1 - h, 1 + h], nu)
    s_sphere = eshelby_spheroid_tensor(1.0, nu)
    assert float(np.max(np.abs(s_lo - s_sphere))) <= 0.5 * h + 1e-11
    assert float(np.max(np.abs(s_hi - s_sphere))) <= 0.5 * h + 1e-11


def test_eshelby_splitting_falls_from_film_to_sphere_and_inverts_beyond() -> None:
    alphas = [1e-4, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 3.0]
    edges = [
        strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=a) for a in alphas
    ]
    biax = [e.eps_biaxial for e in edges]
    assert all(x > y for x, y in itertools.pairwise(biax))  # tetragonal strain falls
    assert biax[alphas.index(1.0)] == pytest.approx(0.0, abs=1e-15)
    for a, e in zip(alphas, edges, strict=True):
        # oblate: compressed in plane, heavy hole on top; prolate: the light hole is
        assert e.top_valence_band == ("light hole" if a > 1.0 else "heavy hole")
        assert e.cbo > 0.0 and e.vbo > 0.0 and e.Eg > e.Eg_unstrained
    # the pseudomorphic film (dot's own constants, biaxial model) bounds the splitting
    film = strained_band_edges("InAs", "GaAs", 4.0)
    assert all(abs(e.hh_lh_splitting) < film.hh_lh_splitting for e in edges)


def test_eshelby_result_serialises_and_lattice_matched_is_unstrained() -> None:
    e = strained_band_edges("GaAs", "GaAs", 300.0, model="eshelby", aspect_ratio=0.3)
    assert e.eps_par == 0.0 and e.eps_perp == 0.0 and e.dEc == 0.0 and e.cbo == 0.0
    d = strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=0.2).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["model"] == "eshelby" and d["aspect_ratio"] == 0.2 and "Eshelby" in d["source"]
    b = strained_band_edges("InAs", "GaAs", 4.0).to_dict()
    assert b["aspect_ratio"] is None and b["poisson_ratio"] is None


def test_eshelby_input_errors() -> None:
    with pytest.raises(QdoptoError, match="needs aspect_ratio"):
        strained_band_edges("InAs", "GaAs", model="eshelby")
    with pytest.raises(QdoptoError, match="only used by model 'eshelby'"):
        strained_band_edges("InAs", "GaAs", aspect_ratio=0.2)
    for bad in (0.0, -0.3, math.inf, math.nan):
        with pytest.raises(QdoptoError, match="aspect_ratio"):
            strained_band_edges("InAs", "GaAs", model="eshelby", aspect_ratio=bad)
    with pytest.raises(QdoptoError, match="Poisson"):
        eshelby_spheroid_tensor(0.3, 0.5)
    with pytest.raises(QdoptoError, match="aspect ratio"):
        eshelby_spheroid_tensor([0.3, -1.0], 0.3)
    with pytest.raises(QdoptoError, match="elastic constants"):
        isotropic_poisson_ratio(-1.0, 0.5)
