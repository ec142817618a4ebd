"""Exciton-biexciton shift: first-order integrals, correlation, signs and convergence.

References:
- <1/max(r_e, r_h)> = 1.786/R for the 1S states of an infinite sphere: Y. Kayanuma, Phys. Rev.
  B 38, 9797 (1988), Eq. (30).
- Exciton correlation in strong confinement: Kayanuma's -0.248 E*_Ry (Eq. (30)) comes from a
  variational calculation, so the exact R -> 0 coefficient, which second-order perturbation
  theory gives, is at most -0.248 E*_Ry (check: variational character of Kayanuma's value).
- Strong-confinement scaling: the second-order energies <V>^2/dE ~ (e^2/eps R)^2 /
  (hbar^2/m R^2) do not depend on R (e.g. Kayanuma 1988, Sec. III; Brus 1984).
- Signs: type-I CdSe and CdSe/ZnS dots have bound (attractive) biexcitons of ~10-30 meV, type-II
  dots repulsive ones [V. I. Klimov et al., Nature 447, 441 (2007) (check)]; CdS/CdSe/CdS
  quantum shells are reported repulsive by 57-80 meV [D. Nazar et al., Nanoscale (2025),
  DOI 10.1039/d4nr04653f (check)], which this model does not reproduce (xfail below).
"""

from __future__ import annotations

import json
import math
import warnings
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_runner import run
from qdopto.constants import BOHR_RADIUS_NM, COULOMB_EV_NM, HBAR2_2M0_EV_NM2, RYDBERG_EV
from qdopto.electronic import BiexcitonShift, biexciton_shift
from qdopto.electronic.biexciton import (
    CarrierBasis,
    Interaction,
    first_order,
    multipole_kernel,
    second_order,
    solve_basis,
)
from qdopto.electronic.biexciton_ci import (
    gaunt_real,
    real_spherical_harmonics,
    reflection_label,
    select_orbitals,
    solve_ci,
    two_body,
)
from qdopto.electronic.profile import CarrierBands
from qdopto.errors import QdoptoError, ValidityWarning

KAYANUMA_COULOMB = 1.786  # Kayanuma 1988, Eq. (30)
KAYANUMA_CORRELATION = 0.248  # Kayanuma 1988, Eq. (30), variational


@cache
def shift(spec: str, max_l: int = 3, max_n: int = 4) -> BiexcitonShift:
    """Second-order perturbation theory (the method the PT tests below check)."""
    return biexciton_shift(spec, method="perturbation", max_l=max_l, max_n=max_n)


@cache
def shift_ci(spec: str, max_orbitals: int = 36) -> BiexcitonShift:
    """Configuration interaction, the default method."""
    return biexciton_shift(spec, max_orbitals=max_orbitals)


def sphere_basis(
    radius: float, mass: float, max_l: int, max_n: int, cell: float = 0.02, barrier: float = 0.0
) -> tuple[np.ndarray, CarrierBasis]:
    """States of a parabolic carrier in a sphere: a hard wall at ``radius``, or (barrier > 0)
    a 30 eV barrier of that thickness with the free-electron mass before the wall."""
    n_in = round(radius / cell)
    faces = list(np.linspace(0.0, radius, n_in + 1))
    n_out = round(barrier / cell)
    faces += list(radius + cell * np.arange(1, n_out + 1))
    f = np.asarray(faces)[None, :]
    edge = np.r_[np.zeros(n_in), np.full(n_out, 30.0)]
    masses = np.r_[np.full(n_in, mass), np.ones(n_out)]
    bands = CarrierBands(edge, masses, np.full(n_in + n_out, np.inf))
    return f, solve_basis(f, bands, max_l, max_n)


# ----------------------------------------------------------------------------- first order
def test_direct_integrals_of_box_states_are_kayanumas() -> None:
    # J_ee = J_hh = J_eh = 1.786 e^2/(eps R) for sin(pi r/R)/r densities built here.
    radius, n, eps = 2.5, 400, 9.0
    faces = np.linspace(0.0, radius, n + 1)
    c = 0.5 * (faces[1:] + faces[:-1])
    w = (faces[1:] ** 3 - faces[:-1] ** 3) / 3.0
    phi = np.sqrt(w) * np.sin(math.pi * c / radius) / c
    phi /= np.linalg.norm(phi)
    expected = KAYANUMA_COULOMB * COULOMB_EV_NM / (eps * radius)
    for j in first_order(faces, phi, phi, eps):
        assert j == pytest.approx(expected, rel=2e-3)


def test_first_order_vanishes_for_identical_densities() -> None:
    # In an infinite sphere every mass gives the same 1S density: Delta^(1) = 0 exactly.
    f, be = sphere_basis(2.0, 0.1, 0, 1)
    _, bh = sphere_basis(2.0, 0.6, 0, 1)
    j_ee, j_hh, j_eh = first_order(f[0], be.ground, bh.ground, 9.0)
    assert j_ee + j_hh - 2 * j_eh == pytest.approx(0.0, abs=1e-9 * j_eh)


def test_multipole_kernel_diagonal_is_the_shell_average() -> None:
    # Monte-Carlo average of r_<^l / r_>^(l+1) for two points uniform in one spherical shell.
    rng = np.random.default_rng(1)
    a, b = 0.6, 0.75
    r = np.cbrt(a**3 + (b**3 - a**3) * rng.random((2, 400_000)))
    lo, hi = r.min(axis=0), r.max(axis=0)
    for l in range(5):
        k = multipole_kernel(np.array([0.0, 0.3, a, b]), l)
        assert k[2, 2] == pytest.approx(float(np.mean(lo**l / hi ** (l + 1))), rel=3e-3)


# ----------------------------------------------------------------------------- correlation
def test_identical_carriers_bind_by_correlation_alone() -> None:
    # "Positronium molecule" limit: e and h of equal mass and identical states. The e-e, h-h
    # and e-h pair terms coincide, the singles cancel (S_XX = 2 S_X), Delta^(1) = 0 and
    # Delta^(2) = 4 D < 0: E_XX^(2) lies below 2 E_X^(2).
    f, b = sphere_basis(2.0, 0.3, 3, 4)
    terms = second_order(b, b, Interaction.bare(f[0], 9.0))
    d_eh = sum(float(p.sum()) for p in terms.eh)
    d_ee = sum(float(p.sum()) for p in terms.ee)
    d_hh = sum(float(p.sum()) for p in terms.hh)
    assert d_ee == pytest.approx(d_eh, rel=1e-12)
    assert d_hh == pytest.approx(d_eh, rel=1e-12)
    assert terms.single_xx_e.sum() == pytest.approx(2 * terms.single_x_e.sum(), rel=1e-12)
    assert terms.shift(3, 4) == pytest.approx(4 * d_eh, rel=1e-12)
    assert terms.biexciton(3, 4) < 2 * terms.exciton(3, 4) < 0


@pytest.mark.parametrize(("me", "mh"), [(0.1, 0.4), (0.2, 0.2)])
def test_strong_confinement_scaling(me: float, mh: float) -> None:
    # In units of E*_Ry = Ry mu/eps^2 the second-order energies do not depend on R. Grids of
    # the same cell size (so different cell counts) and a finite 30 eV barrier.
    eps = 9.0
    ry = RYDBERG_EV * me * mh / (me + mh) / eps**2
    out = []
    for radius in (1.5, 3.0):
        f, be = sphere_basis(radius, me, 3, 4, cell=0.025, barrier=0.2)
        _, bh = sphere_basis(radius, mh, 3, 4, cell=0.025, barrier=0.2)
        terms = second_order(be, bh, Interaction.bare(f[0], eps))
        out.append((terms.exciton(3, 4) / ry, terms.shift(3, 4) / ry))
    (x1, s1), (x2, s2) = out
    assert x1 == pytest.approx(x2, rel=0.03)
    assert s1 == pytest.approx(s2, rel=0.03)
    assert s1 < 0


def test_exciton_correlation_below_kayanumas_variational_value() -> None:
    # Equal masses, converged basis: E_X^(2) <= -0.248 E*_Ry (variational bound), and close.
    eps, m = 9.0, 0.2
    f, b = sphere_basis(2.0, m, 8, 10, cell=0.02)
    terms = second_order(b, b, Interaction.bare(f[0], eps))
    ry = RYDBERG_EV * (m / 2) / eps**2
    ratio = terms.exciton(8, 10) / ry
    assert -1.25 * KAYANUMA_CORRELATION < ratio < -KAYANUMA_CORRELATION


# ----------------------------------------------------------------------------- structures
@pytest.mark.parametrize("spec", ["CdSe:1.5", "CdSe:2.0", "CdSe:2.0/ZnS:1.0", "CdSe:2.0/CdS:1.5"])
@pytest.mark.parametrize("method", ["ci", "perturbation"])
def test_type_one_dots_are_attractive(spec: str, method: str) -> None:
    # Bound biexcitons of a few to a few tens of meV in type-I / quasi-type-II CdSe dots
    # (Klimov et al., Nature 447, 441 (2007) (check)).
    r = shift_ci(spec) if method == "ci" else shift(spec)
    assert r.method == method
    assert -40.0 < r.shift_meV < -2.0
    assert r.first_order_meV >= 0.0
    assert r.shift_meV == pytest.approx(r.first_order_meV + r.correlation_meV)


@pytest.mark.parametrize("spec", ["ZnSe:2.0/CdS:2.0", "CdTe:1.5/CdSe:2.0", "CdTe:2.0/CdSe:2.0"])
@pytest.mark.parametrize("method", ["ci", "perturbation"])
def test_type_two_dots_are_repulsive(spec: str, method: str) -> None:
    r = shift_ci(spec) if method == "ci" else shift(spec)
    assert r.shift_meV > 5.0
    # the repulsion is the first-order charge separation (J_ee + J_hh > 2 J_eh)
    assert r.first_order_meV > 40.0


@pytest.mark.xfail(
    strict=True,
    reason="published quantum-shell repulsion (57-80 meV, Nazar et al. 2025) is not "
    "reproduced: with spherical 1S densities Delta^(1) ~ 1 meV and CI binds by ~8 meV",
)
def test_quantum_shell_repulsion_published() -> None:
    assert shift_ci("CdS:3.6/CdSe:1.75/CdS:4.0").shift_meV > 0.0


def test_quantum_shell_is_flagged_outside_strong_confinement() -> None:
    # Documented limitation: the closely spaced angular levels of a shell make the expansion
    # parameter large, unlike in core-only dots.
    assert shift("CdS:3.6/CdSe:1.75/CdS:4.0").convergence["perturbation_ratio"] > 0.5
    assert shift("CdSe:2.0").convergence["perturbation_ratio"] < 0.3


def test_cdse_cds_switches_from_bound_to_repulsive_as_the_core_shrinks() -> None:
    # Sitt et al., Nano Lett. 9, 3470 (2009) (check; abstract): in CdSe/CdS seeded rods the
    # biexciton goes from binding to repulsive below a 2.8 nm core diameter, as the electron
    # delocalises into the CdS (quasi-type-II). Spheres with a 3 nm shell show the same trend
    # (the crossover radius differs with the geometry, so only the trend is asserted).
    big = shift_ci("CdSe:2.5/CdS:3.0|toluene")
    small = shift_ci("CdSe:1.25/CdS:3.0|toluene")
    assert big.shift_meV < 0.0 < small.shift_meV
    assert small.first_order_meV > big.first_order_meV


def test_quantum_shell_ci_is_converged_and_binds_weakly() -> None:
    # Where second order fails (ratio 0.67) CI converges: the shift moves by < 1 meV from
    # 2/3 of the orbitals, and by < 1 meV from 30 to 49 orbitals per carrier. The electron
    # and hole densities nearly coincide (Delta^(1) < 1 meV), and correlation binds.
    r = shift_ci("CdS:3.6/CdSe:1.75/CdS:4.0")
    assert abs(r.convergence["dshift_basis_meV"]) < 1.0
    assert abs(r.shift_meV - shift_ci("CdS:3.6/CdSe:1.75/CdS:4.0", 49).shift_meV) < 1.0
    assert r.first_order_meV < 1.0
    assert r.shift_meV < r.first_order_meV
    # second order overestimates the binding several-fold there
    assert r.convergence["second_order_shift_meV"] < 3 * r.shift_meV


# ----------------------------------------------------------------------------- CI
def test_real_gaunt_matches_sympy() -> None:
    # Eq. (2) of biexciton_ci against SymPy's real Gaunt coefficients (Homeier & Steinborn
    # 1996 convention); signs of individual real harmonics differ between conventions and
    # cancel in Eq. (1), so magnitudes are compared.
    from sympy.physics.wigner import real_gaunt

    g = gaunt_real(3, 4)
    for la, ma, k, q, lc, mc in [
        (0, 0, 0, 0, 0, 0),
        (1, 1, 1, 0, 0, 0),
        (1, -1, 2, -2, 1, 1),
        (2, 1, 2, 1, 2, 0),
        (3, -2, 4, 3, 2, -1),
        (3, 3, 4, -4, 1, -1),
        (2, -2, 3, 1, 3, -3),
    ]:
        ref = float(real_gaunt(la, k, lc, ma, q, mc)) * math.sqrt(4 * math.pi / (2 * k + 1))
        ours = g[k][k + q, la * la + la + ma, lc * lc + lc + mc]
        assert abs(ours) == pytest.approx(abs(ref), abs=1e-12)


def test_addition_theorem_of_the_real_harmonics() -> None:
    # sum_q S_kq(1) S_kq(2) = (2k+1)/(4 pi) P_k(cos gamma) (Jackson Eq. (3.62)).
    from scipy.special import eval_legendre

    rng = np.random.default_rng(3)
    x, phi = rng.uniform(-1, 1, (2, 5)), rng.uniform(0, 2 * np.pi, (2, 5))
    s1, s2 = real_spherical_harmonics(6, x[0], phi[0]), real_spherical_harmonics(6, x[1], phi[1])
    cosg = x[0] * x[1] + np.sqrt((1 - x[0] ** 2) * (1 - x[1] ** 2)) * np.cos(phi[0] - phi[1])
    for k in range(7):
        rows = slice(k * k, (k + 1) ** 2)
        lhs = np.sum(s1[rows] * s2[rows], axis=0)
        assert lhs == pytest.approx((2 * k + 1) / (4 * np.pi) * eval_legendre(k, cosg), abs=1e-12)


def _pair(me: float, mh: float, max_l: int, max_n: int, eps: float = 9.0):  # type: ignore[no-untyped-def]
    f, be = sphere_basis(2.0, me, max_l, max_n)
    _, bh = sphere_basis(2.0, mh, max_l, max_n)
    return f[0], be, bh, Interaction.bare(f[0], eps)


def test_ci_on_one_orbital_is_first_order() -> None:
    # With only the 1S orbitals, CI is the expectation value: Delta = J_ee + J_hh - 2 J_eh
    # (Kayanuma's integrals, computed by a different route in first_order()).
    faces, be, bh, inter = _pair(0.13, 0.45, 0, 1)
    res = solve_ci(select_orbitals(be, 1), select_orbitals(bh, 1), inter)
    j_ee, j_hh, j_eh = first_order(faces, be.ground, bh.ground, inter.eps_in)
    assert res.exciton_eV == pytest.approx(-j_eh, rel=1e-9)
    assert res.shift_eV == pytest.approx(j_ee + j_hh - 2 * j_eh, abs=1e-12)


def test_ci_reproduces_second_order_at_weak_coupling() -> None:
    # Scaling the interaction by lam -> 0, E_CI = E0 + lam E1 + lam^2 E2 + O(lam^3) with E2
    # the Rayleigh-Schroedinger second-order energy on the SAME orbitals: CI (Gaunt
    # quadrature, tensor contractions) and second_order() (closed-form angular sums) are
    # independent implementations of the same Hamiltonian.
    faces, be, bh, _ = _pair(0.13, 0.45, 2, 2)
    lam = 1e-3
    eps = 9.0
    orb_e, orb_h = select_orbitals(be, 80), select_orbitals(bh, 80)  # all of l <= 2, n <= 2
    assert orb_e.size == orb_h.size == 18
    weak = solve_ci(orb_e, orb_h, Interaction.bare(faces, eps / lam))
    j_ee, j_hh, j_eh = first_order(faces, be.ground, bh.ground, eps)
    terms = second_order(be, bh, Interaction.bare(faces, eps))
    e2_x = (weak.exciton_eV + lam * j_eh) / lam**2
    e2_xx = (weak.biexciton_eV - lam * (j_ee + j_hh - 4 * j_eh)) / lam**2
    assert e2_x == pytest.approx(terms.exciton(2, 2), rel=1e-3)
    assert e2_xx == pytest.approx(terms.biexciton(2, 2), rel=1e-3)


def test_ci_is_variational_in_the_orbital_count() -> None:
    # Nested orbital sets: the lowest eigenvalue can only go down (Hylleraas-Undheim-MacDonald).
    _, be, bh, inter = _pair(0.13, 0.45, 4, 3)
    energies = []
    for n in (1, 4, 9, 16, 25):
        r = solve_ci(select_orbitals(be, n), select_orbitals(bh, n), inter)
        assert r.symmetry_error < 1e-6
        energies.append((r.exciton_eV, r.biexciton_eV))
    x, xx = np.array(energies).T
    assert np.all(np.diff(x) <= 1e-9)
    assert np.all(np.diff(xx) <= 1e-9)


def test_mirror_labels_are_conserved_by_the_interaction() -> None:
    _, be, bh, inter = _pair(0.13, 0.45, 3, 2)
    oe, oh = select_orbitals(be, 30), select_orbitals(bh, 30)
    v = two_body(oe, oh, inter, -1.0)
    le, lh = reflection_label(oe.l, oe.m), reflection_label(oh.l, oh.m)
    total = le[:, None, None, None] ^ le[None, :, None, None] ^ lh[None, None, :, None]
    total = total ^ lh[None, None, None, :]
    assert np.max(np.abs(v[total != 0])) < 1e-12
    assert np.max(np.abs(v[total == 0])) > 1e-3


def test_identical_carriers_bind_in_ci() -> None:
    # Positronium-molecule limit (equal masses, identical states): Delta^(1) = 0 and the
    # biexciton is bound, as the H2 / Ps2 molecules are.
    _, b, _, inter = _pair(0.3, 0.3, 3, 3)
    o = select_orbitals(b, 25)
    r = solve_ci(o, o, inter)
    assert r.shift_eV < -1e-3


def test_trions_first_order_and_charge_conjugation() -> None:
    # One orbital per carrier: X- line - X line = J_ee - J_eh, X+ = J_hh - J_eh (first-order
    # Hartree, the self-polarisation cancels). Densities differ here: a finite barrier and
    # different masses.
    f, be = sphere_basis(2.0, 0.13, 2, 2, barrier=0.2)
    _, bh = sphere_basis(2.0, 0.45, 2, 2, barrier=0.2)
    inter = Interaction.bare(f[0], 9.0)
    r1 = solve_ci(select_orbitals(be, 1), select_orbitals(bh, 1), inter)
    j_ee, j_hh, j_eh = first_order(f[0], be.ground, bh.ground, 9.0)
    assert abs(j_ee - j_eh) > 1e-3
    assert r1.trion_minus_shift_eV == pytest.approx(j_ee - j_eh, rel=1e-9)
    assert r1.trion_plus_shift_eV == pytest.approx(j_hh - j_eh, rel=1e-9)
    # nested orbital sets lower the trion energies (variational)
    energies = [
        solve_ci(select_orbitals(be, n), select_orbitals(bh, n), inter).trion_minus_eV
        for n in (1, 4, 9, 18)
    ]
    assert np.all(np.diff(energies) <= 1e-9)
    # identical electron and hole (equal masses): X- and X+ are charge conjugates
    _, b, _, inter2 = _pair(0.3, 0.3, 3, 3)
    o = select_orbitals(b, 25)
    r = solve_ci(o, o, inter2)
    assert r.trion_minus_shift_eV == pytest.approx(r.trion_plus_shift_eV, rel=1e-6)
    assert r.trion_minus_shift_eV < 0.0


def test_trions_in_type_one_and_quasi_type_two_dots() -> None:
    # Type-I CdSe: both trion lines below the exciton line (bound trions). Thick-shell
    # CdSe/CdS (hole in the core, electron spread into the shell): the two holes of X+ repel
    # more than they are bound, so X+ moves above X while X- stays below it (the trend
    # treated by Shabaev, Rodina, Efros, arXiv:1211.1053 for giant CdSe/CdS (check)).
    core = shift_ci("CdSe:2.0")
    assert core.x_minus_shift_meV is not None and core.x_plus_shift_meV is not None
    assert core.x_minus_shift_meV < 0.0 and core.x_plus_shift_meV < 0.0
    thick = shift_ci("CdSe:1.5/CdS:3.0")
    assert thick.x_minus_shift_meV is not None and thick.x_plus_shift_meV is not None
    assert thick.x_minus_shift_meV < 0.0 < thick.x_plus_shift_meV
    assert shift("CdSe:2.0").x_minus_shift_meV is None  # perturbation theory: not computed


@settings(max_examples=15, deadline=None)
@given(
    me=st.floats(0.05, 1.0),
    mh=st.floats(0.05, 1.5),
    eps=st.floats(4.0, 15.0),
    radius=st.floats(1.0, 4.0),
    count=st.integers(4, 16),
)
def test_ci_properties(me: float, mh: float, eps: float, radius: float, count: int) -> None:
    # Variational: CI lies below the first-order (Hartree) energies of X, XX, X- and X+ on
    # the same orbitals; the biexciton ground vector is singlet-singlet symmetric; with
    # identical electrons and holes the trions are charge conjugates.
    f, be = sphere_basis(radius, me, 3, 2, cell=0.05)
    _, bh = sphere_basis(radius, mh, 3, 2, cell=0.05)
    inter = Interaction.bare(f[0], eps)
    oe, oh = select_orbitals(be, count), select_orbitals(bh, count)
    r = solve_ci(oe, oh, inter)
    r1 = solve_ci(select_orbitals(be, 1), select_orbitals(bh, 1), inter)
    tol = 1e-9
    assert r.exciton_eV <= r1.exciton_eV + tol
    assert r.biexciton_eV <= r1.biexciton_eV + tol
    assert r.trion_minus_eV <= r1.trion_minus_eV + tol
    assert r.trion_plus_eV <= r1.trion_plus_eV + tol
    assert r.symmetry_error < 1e-6
    same = solve_ci(oe, oe, inter)
    assert same.trion_minus_shift_eV == pytest.approx(same.trion_plus_shift_eV, abs=1e-8)


def test_ci_exciton_towards_the_weak_confinement_limit() -> None:
    # R = 5 a_B (CdSe masses, infinite wall): E_X - eps_e - eps_h -> -Ry* + hbar^2 pi^2/(2R^2)
    # (1/M - 1/m_e - 1/m_h) (weak confinement: Efros & Efros 1982 (check); Kayanuma, PRB 38,
    # 9797 (1988)). The fixed orbital set gets most but not all of it: within 25 %, from above.
    me, mh, eps = 0.13, 0.45, 9.29
    mu = me * mh / (me + mh)
    a_b = BOHR_RADIUS_NM * eps / mu
    ry = RYDBERG_EV * mu / eps**2
    radius = 5.0 * a_b
    f, be = sphere_basis(radius, me, 6, 4, cell=radius / 150)
    _, bh = sphere_basis(radius, mh, 6, 4, cell=radius / 150)
    r = solve_ci(select_orbitals(be, 36), select_orbitals(bh, 36), Interaction.bare(f[0], eps))
    limit = -ry + HBAR2_2M0_EV_NM2 * math.pi**2 / radius**2 * (1 / (me + mh) - 1 / me - 1 / mh)
    assert limit < r.exciton_eV < 0.75 * limit


def test_ci_warns_in_weak_confinement() -> None:
    # beyond 2 exciton Bohr radii of the band-edge material (CdSe: 5.6 nm in the database)
    with pytest.warns(ValidityWarning, match="weak confinement"):
        biexciton_shift("CdSe:12.0")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        shift_ci("CdSe:2.0")
        shift_ci("CdS:4.35/CdSe:1.75/CdS:4.0")


def test_ci_defaults_and_bad_input() -> None:
    r = shift_ci("CdSe:2.0")
    d = r.to_dict()
    assert d["method"].startswith("configuration interaction")
    assert d["image_correlation_meV"] is None
    assert r.convergence["orbitals_e"] <= 36 and r.convergence["symmetry_error"] < 1e-6
    with pytest.raises(QdoptoError, match="max_orbitals"):
        biexciton_shift("CdSe:2.0", max_orbitals=0)
    with pytest.raises(QdoptoError, match="unknown biexciton method"):
        biexciton_shift("CdSe:2.0", method="dmc")


# ----------------------------------------------------------------------------- convergence
def test_convergence_in_l_and_n() -> None:
    r3, r2 = shift("CdSe:2.0", 3, 4), shift("CdSe:2.0", 2, 4)
    assert abs(r3.shift_meV - r2.shift_meV) < 0.05 * abs(r3.shift_meV)
    assert r3.convergence["dshift_l_meV"] == pytest.approx(r3.shift_meV - r2.shift_meV)
    r_n = shift("CdSe:2.0", 3, 3)
    assert r3.convergence["dshift_n_meV"] == pytest.approx(r3.shift_meV - r_n.shift_meV)
    assert abs(r3.convergence["dshift_n_meV"]) < 0.02 * abs(r3.shift_meV)
    assert sum(r3.convergence["correlation_by_l_meV"]) == pytest.approx(r3.correlation_meV)


def test_result_is_json_ready() -> None:
    d = shift("CdSe:2.0").to_dict()
    assert d["structure"] == "CdSe:2|ligand"
    assert {"shift_meV", "first_order_meV", "correlation_meV", "convergence"} <= set(d)


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"max_l": -1}, "max_l"),
        ({"max_l": 11}, "max_l"),
        ({"max_n": 0}, "max_n"),
        ({"temperature_K": math.nan}, "temperature"),
    ],
)
def test_bad_arguments(kwargs: dict[str, float], match: str) -> None:
    with pytest.raises(QdoptoError, match=match):
        biexciton_shift("CdSe:2.0", **kwargs)  # type: ignore[arg-type]


def test_no_bound_state_is_a_clear_error() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)  # the 0.3 nm core
        with pytest.raises(QdoptoError, match="no bound electron state"):
            biexciton_shift("CdSe:0.3|CdS")
    with pytest.raises(QdoptoError, match=r"(?i)unknown"):
        biexciton_shift("Unobtainium:2.0")


# ----------------------------------------------------------------------------- CLI
def test_cli_biexciton(capsys: pytest.CaptureFixture[str]) -> None:
    import inspect

    from qdopto.cli import biexciton_cmd
    from qdopto.electronic.biexciton import DEFAULT_MAX_ORBITALS

    assert inspect.signature(biexciton_cmd).parameters["orbitals"].default == DEFAULT_MAX_ORBITALS
    code, out, _ = run(capsys, "biexciton", "CdTe:2.0/CdSe:2.0")
    assert code == 0 and "repulsive" in out and "second order would give" in out
    code, out, _ = run(capsys, "biexciton", "CdSe:2.0", "--method", "perturbation", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["method"].startswith("second-order")
    assert doc["shift_meV"] == pytest.approx(shift("CdSe:2.0").shift_meV)
    for args, word in (
        (("CdSe:2.0", "--method", "dmc"), "method"),
        (("CdSe:2.0", "--orbitals", "500"), "max_orbitals"),
        (("CdSe:-1",), "radius"),
        (("CdSe:2.0", "--temperature", "nan"), "temperature"),
        (("Unobtainium:2.0",), "nknown"),
    ):
        code, _, err = run(capsys, "biexciton", *args)
        assert code == 2 and word in err and len(err.strip().splitlines()) == 1
