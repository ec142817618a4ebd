"""3D BenDaniel-Duke solver and Poisson solver on graded Cartesian grids.

Every reference is independent of the code: closed-form hard-box energies, the transcendental
equations of a finite slab well and of a finite spherical well with BenDaniel-Duke matching,
Gauss's-law potentials of charged balls, and exact symmetries (axis permutation, scaling).
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from qdopto.constants import COULOMB_EV_NM as C
from qdopto.constants import HBAR2_2M0_EV_NM2 as K
from qdopto.electronic.grid3d import (
    Grid3D,
    coulomb_energy3d,
    estimate_memory_bytes,
    grid3d_states,
    poisson3d,
    region_fractions_xyz,
)
from qdopto.errors import QdoptoError, ValidityWarning


def box(lengths: tuple[float, float, float], cells: tuple[int, int, int]) -> Grid3D:
    """Uniform grid filling [0, L] along each axis."""
    return Grid3D(*(np.linspace(0.0, L, n + 1) for L, n in zip(lengths, cells, strict=True)))


def hard_box_energy(lengths: tuple[float, float, float], mass: float, q=(1, 1, 1)) -> float:
    """E = K pi^2 sum (n_i / L_i)^2 / m, particle in an infinite rectangular box."""
    return float(K * np.pi**2 * sum((n / L) ** 2 for n, L in zip(q, lengths, strict=True)) / mass)


# ------------------------------------------------------------------------------------------
# 1. hard-walled box
# ------------------------------------------------------------------------------------------
def test_hard_box_second_order_convergence() -> None:
    lengths, m = (4.0, 5.0, 6.0), 0.2
    exact = hard_box_energy(lengths, m)
    errors = []
    for f in (1, 2):
        g = box(lengths, (8 * f, 10 * f, 12 * f))
        s = grid3d_states(g, np.zeros(g.shape), m)
        errors.append(abs(s.energies_eV[0] - exact))
        assert np.isclose(np.sum(s.psi[0] ** 2 * g.volumes), 1.0)
    assert errors[1] < 0.01 * exact
    order = np.log2(errors[0] / errors[1])
    assert 1.8 < order < 2.2


def test_cube_degeneracies() -> None:
    """Cube: levels (111), then (112)x3 at 2x, then (122)x3 at 3x the ground state."""
    L, m = 5.0, 0.1
    g = box((L, L, L), (16, 16, 16))
    s = grid3d_states(g, 0.0, m, n_states=7)
    e = s.energies_eV
    e111 = hard_box_energy((L, L, L), m)
    assert e[0] == pytest.approx(e111, rel=5e-3)
    assert np.ptp(e[1:4]) < 1e-6 and np.ptp(e[4:7]) < 1e-6
    assert e[1] == pytest.approx(2 * e111, rel=1e-2)
    assert e[4] == pytest.approx(3 * e111, rel=2e-2)
    # separability (exact also for the discrete operator): E122 = 2 E112 - E111
    assert e[4] == pytest.approx(2 * e[1] - e[0], abs=1e-6)


# ------------------------------------------------------------------------------------------
# 2. slab: finite well along z, hard walls laterally
# ------------------------------------------------------------------------------------------
def slab_reference(a: float, lz: float, v0: float, mw: float, mb: float, kpar2: float) -> float:
    """Even ground state of a finite well in a hard box with BenDaniel-Duke matching.

    Continuity of psi and psi'/m [G. Bastard, Wave Mechanics Applied to Semiconductor
    Heterostructures (1988), Ch. III: tan(k a/2) = m_w kappa / (m_b k)], with the
    outer hard walls at +-lz/2 (barrier psi ~ sinh(kappa (lz/2 - |z|)): kappa -> kappa
    coth(kappa b), b = (lz - a)/2). The lateral motion (hard box, K kpar2 / m(z)) is exactly
    separable and adds the z-dependent potential K kpar2 / m(z).
    """
    b = 0.5 * (lz - a)
    vw = K * kpar2 / mw
    vb = v0 + K * kpar2 / mb

    def f(e: float) -> float:
        k = np.sqrt(mw * (e - vw) / K)
        kap = np.sqrt(mb * (vb - e) / K)
        return float(np.tan(k * a / 2) - mw * kap / (mb * k) / np.tanh(kap * b))

    top = min(vb, vw + K * (np.pi / a) ** 2 / mw) - 1e-12
    return float(brentq(f, vw + 1e-12, top, xtol=1e-14))


def test_slab_finite_well_matches_bastard_equation() -> None:
    # illustrative GaAs/AlGaAs-like well (5 nm, V0 = 0.3 eV, m = 0.067 / 0.092); the
    # reference is exact for any values
    a, lz, v0, mw, mb = 5.0, 25.0, 0.3, 0.067, 0.092
    lx, ly = 12.0, 10.0
    g = Grid3D(np.linspace(0, lx, 25), np.linspace(0, ly, 21), np.linspace(-lz / 2, lz / 2, 101))
    z = g.centres[2]
    inside = np.abs(z) < a / 2  # interfaces at +-2.5 nm lie on cell faces
    edge = np.broadcast_to(np.where(inside, 0.0, v0), g.shape).copy()
    mass = np.broadcast_to(np.where(inside, mw, mb), g.shape).copy()
    s = grid3d_states(g, edge, mass)
    ref = slab_reference(a, lz, v0, mw, mb, np.pi**2 * (1 / lx**2 + 1 / ly**2))
    assert abs(s.energies_eV[0] - ref) < 1e-3


# ------------------------------------------------------------------------------------------
# 3. finite spherical well
# ------------------------------------------------------------------------------------------
def spherical_well_ground(v0: float, mi: float, mo: float, radius: float) -> float:
    """1s level: psi = sin(kr)/r inside, exp(-kappa r)/r outside; psi and psi'/m continuous,

    (k cot kR - 1/R)/m_in = (-kappa - 1/R)/m_out: the textbook s-wave finite spherical well
    with the BenDaniel-Duke matching of psi'/m [D. J. BenDaniel, C. B. Duke, Phys. Rev. 152,
    683 (1966)] instead of psi'.
    """

    def f(e: float) -> float:
        k = np.sqrt(mi * e / K)
        kap = np.sqrt(mo * (v0 - e) / K)
        return float((k / np.tan(k * radius) - 1 / radius) / mi + (kap + 1 / radius) / mo)

    # the ground state lies below the first pole of cot (k R = pi)
    top = min(v0, K * (np.pi / radius) ** 2 / mi) * (1 - 1e-12)
    return float(brentq(f, 1e-9, top, xtol=1e-14))


def test_spherical_finite_well() -> None:
    v0, mi, mo, radius = 2.0, 0.13, 1.0, 2.0
    ref = spherical_well_ground(v0, mi, mo, radius)  # 0.28868 eV
    g = Grid3D.graded((-radius,) * 3, (radius,) * 3, 0.1, 1.0)
    frac = region_fractions_xyz(g, lambda x, y, z: x * x + y * y + z * z <= radius**2, 2, 3)
    # cut cells: band edge volume-averaged, mass arithmetic (resistances in series across the
    # interface, the flux through it being normal)
    s = grid3d_states(g, v0 * frac[0], frac[1] * mi + frac[0] * mo, tol_eV=1e-6)
    assert abs(s.energies_eV[0] - ref) < 5e-3


# ------------------------------------------------------------------------------------------
# nonparabolicity
# ------------------------------------------------------------------------------------------
def test_nonparabolic_uniform_box_solves_kane_relation() -> None:
    """Uniform medium: E (1 + E/Eg) = E_parabolic exactly (Kane mass m (1 + E/Eg), Bastard
    1988, Ch. III, Eq. (26)), so
    E = Eg/2 (sqrt(1 + 4 E_p/Eg) - 1) with E_p the parabolic level on the same grid."""
    g = box((3.0, 3.5, 4.0), (10, 11, 12))
    par = grid3d_states(g, 0.0, 0.05, n_states=2)
    gap = 1.5
    nonpar = grid3d_states(g, 0.0, 0.05, gap, n_states=2)
    expect = gap / 2 * (np.sqrt(1 + 4 * par.energies_eV / gap) - 1)
    np.testing.assert_allclose(nonpar.energies_eV, expect, atol=1e-6)
    assert np.all(nonpar.energies_eV < par.energies_eV)


# ------------------------------------------------------------------------------------------
# 4. Poisson
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ball_grid() -> tuple[Grid3D, np.ndarray]:
    g = Grid3D.graded((-2.5,) * 3, (2.5,) * 3, 0.25, 20.0)
    frac = region_fractions_xyz(g, lambda x, y, z: x * x + y * y + z * z <= 4.0, 2, 4)
    return g, frac


def test_uniform_ball_self_energy(ball_grid: tuple[Grid3D, np.ndarray]) -> None:
    """int phi rho = 2 x (3/5) Q^2 / (4 pi eps0 eps R): twice the electrostatic energy
    W = (1/2) int rho phi of a uniformly charged ball (J. D. Jackson, Classical
    Electrodynamics, 3rd ed., Sec. 1.11)."""
    g, frac = ball_grid
    radius, eps = 2.0, 5.0
    dens = frac[1] / np.sum(frac[1] * g.volumes)
    e = coulomb_energy3d(g, eps, dens, dens, 1, 1)
    assert e == pytest.approx(1.2 * C / (eps * radius), rel=1e-2)
    # electron-hole in the same state: the negative of it
    assert coulomb_energy3d(g, eps, dens, dens) == pytest.approx(-e, rel=1e-9)


def test_ball_potential_outside_is_point_charge(ball_grid: tuple[Grid3D, np.ndarray]) -> None:
    """Gauss's law: outside a spherical charge phi = Q / (4 pi eps0 eps r)."""
    g, frac = ball_grid
    eps = 3.0
    phi = poisson3d(g, eps, frac[1] / np.sum(frac[1] * g.volumes))
    x = g.centres[0]
    j = g.shape[1] // 2
    y, z = g.centres[1][j], g.centres[2][j]
    r = np.sqrt(x**2 + y**2 + z**2)
    sel = (r > 3.0) & (r < 18.0)
    np.testing.assert_allclose(phi[sel, j, j], C / (eps * r[sel]), rtol=1e-2)


def test_dielectric_sphere_self_energy(ball_grid: tuple[Grid3D, np.ndarray]) -> None:
    """Charged ball of permittivity eps_in in eps_out: D = Q(r)/(4 pi r^2) (Gauss), so
    int phi rho = C Q^2 [1/(eps_out R) + 1/(5 eps_in R)] (Jackson Sec. 4.4). Cut cells take the
    harmonic mean of eps (the field is normal to the interface)."""
    g, frac = ball_grid
    radius = 2.0
    dens = frac[1] / np.sum(frac[1] * g.volumes)
    for e_in, e_out in ((10.0, 2.0), (2.0, 10.0)):
        eps = 1.0 / (frac[1] / e_in + frac[0] / e_out)
        e = coulomb_energy3d(g, eps, dens, dens, 1, 1)
        ref = C * (1 / (e_out * radius) + 1 / (5 * e_in * radius))
        assert e == pytest.approx(ref, rel=1e-2)


# ------------------------------------------------------------------------------------------
# 5. LOBPCG vs shift-invert
# ------------------------------------------------------------------------------------------
def test_lobpcg_agrees_with_shift_invert() -> None:
    g = Grid3D.graded((-1.0, -2.0, -1.5), (1.0, 2.0, 1.5), 0.3, 1.5)
    c = g.centres
    r2 = (
        c[0][:, None, None] ** 2 / 1.0
        + c[1][None, :, None] ** 2 / 4.0
        + c[2][None, None, :] ** 2 / 2.25
    )
    inside = r2 <= 1.0
    edge = np.where(inside, 0.0, 2.0)
    mass = np.where(inside, 0.1, 0.5)
    for gap in (None, 2.0):
        a = grid3d_states(g, edge, mass, gap, n_states=3, method="lobpcg")
        b = grid3d_states(g, edge, mass, gap, n_states=3, method="shift-invert")
        assert g.n_cells > 1000
        np.testing.assert_allclose(a.energies_eV, b.energies_eV, atol=1e-6)
        assert a.residual < 1e-3
        overlap = np.sum(a.psi[0] * b.psi[0] * g.volumes)
        assert overlap == pytest.approx(1.0, abs=1e-6)


# ------------------------------------------------------------------------------------------
# 6. bad input
# ------------------------------------------------------------------------------------------
def test_bad_input() -> None:
    g = box((2.0, 2.0, 2.0), (4, 5, 6))
    ok = np.zeros(g.shape)
    with pytest.raises(QdoptoError, match="shape"):
        grid3d_states(g, np.zeros((4, 5, 5)), 0.1)
    with pytest.raises(QdoptoError, match="NaN"):
        grid3d_states(g, np.full(g.shape, np.nan), 0.1)
    with pytest.raises(QdoptoError, match="mass"):
        grid3d_states(g, ok, np.where(ok == 0, 0.0, 1.0))
    with pytest.raises(QdoptoError, match="mass"):
        grid3d_states(g, ok, -0.1)
    with pytest.raises(QdoptoError, match="increasing"):
        Grid3D(np.array([0.0, 1.0, 1.0]), np.arange(3.0), np.arange(3.0))
    with pytest.raises(QdoptoError, match="method"):
        grid3d_states(g, ok, 0.1, method="arpack")
    with pytest.raises(QdoptoError, match="eps"):
        poisson3d(g, 0.0, ok)
    with pytest.raises(QdoptoError, match="region"):
        region_fractions_xyz(g, lambda x, y, z: np.full(x.shape, 2), 2)
    with pytest.raises(QdoptoError, match="max_cells_per_axis"):
        Grid3D.graded((0, 0, 0), (10, 10, 10), 0.1, 5.0, max_cells_per_axis=50)


def test_huge_grid_fails_before_allocating() -> None:
    g = Grid3D(*(np.linspace(0.0, 200.0, 2001),) * 3)  # 2000^3 cells: 64 GB per field
    t0 = time.perf_counter()
    with pytest.raises(QdoptoError, match=r"2000 x 2000 x 2000.*GB.*coarser"):
        grid3d_states(g, np.zeros(1), 0.1)
    with pytest.raises(QdoptoError, match="GB"):
        grid3d_states(g, np.zeros(1), 0.1, method="shift-invert")
    with pytest.raises(QdoptoError, match="GB"):
        poisson3d(g, 1.0, np.zeros(1))
    with pytest.raises(QdoptoError, match="GB"):
        region_fractions_xyz(g, lambda x, y, z: np.zeros(x.shape, int), 2)
    assert time.perf_counter() - t0 < 0.5
    # the generic shift-invert baseline is refused at 64^3 within 4 GB, LOBPCG is not
    g64 = Grid3D(*(np.linspace(0.0, 10.0, 65),) * 3)
    assert estimate_memory_bytes(g64, 1, "shift-invert") > 4e9
    assert estimate_memory_bytes(g64, 1, "lobpcg") < 0.5e9


# ------------------------------------------------------------------------------------------
# grid and fractions
# ------------------------------------------------------------------------------------------
def test_graded_grid_and_sphere_fractions() -> None:
    g = Grid3D.graded((-1.0, -2.0, -3.0), (1.0, 2.0, 3.0), (0.2, 0.25, 0.3), 4.0, growth=1.3)
    for f, lo, hi, h in zip(
        g.faces, (-1.0, -2.0, -3.0), (1.0, 2.0, 3.0), (0.2, 0.25, 0.3), strict=True
    ):
        assert f[0] == pytest.approx(lo - 4.0) and f[-1] == pytest.approx(hi + 4.0)
        inner = (f >= lo - 1e-12) & (f <= hi + 1e-12)
        assert np.diff(f[inner]).max() <= h + 1e-12
        d = np.diff(f)
        assert np.all(d[1:] / d[:-1] <= 1.3 + 1e-9) and np.all(d[:-1] / d[1:] <= 1.3 + 1e-9)
    assert g.volumes.sum() == pytest.approx(10.0 * 12.0 * 14.0)
    frac = region_fractions_xyz(g, lambda x, y, z: x * x + y * y + z * z <= 0.81, 2, 4)
    np.testing.assert_allclose(frac.sum(axis=0), 1.0)
    assert np.sum(frac[1] * g.volumes) == pytest.approx(4 / 3 * np.pi * 0.9**3, rel=1e-2)


# ------------------------------------------------------------------------------------------
# 7. properties
# ------------------------------------------------------------------------------------------
@settings(max_examples=8, deadline=None)
@given(
    st.permutations([0, 1, 2]),
    st.integers(min_value=0, max_value=2**31 - 1),
)
def test_energies_invariant_under_axis_permutation(perm: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (5, 6, 7)
    faces = [np.cumsum(np.r_[0.0, rng.uniform(0.2, 0.5, n)]) for n in shape]
    edge = rng.uniform(0.0, 0.5, shape)
    mass = rng.uniform(0.05, 0.5, shape)
    a = grid3d_states(Grid3D(*faces), edge, mass, n_states=3)
    gp = Grid3D(*(faces[p] for p in perm))
    b = grid3d_states(gp, edge.transpose(perm), mass.transpose(perm), n_states=3)
    np.testing.assert_allclose(a.energies_eV, b.energies_eV, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a.psi[0].transpose(perm), b.psi[0], atol=1e-8)


@settings(max_examples=8, deadline=None)
@given(
    st.floats(min_value=0.3, max_value=3.0),
    st.lists(st.floats(min_value=1.0, max_value=6.0), min_size=3, max_size=3),
)
def test_hard_box_energies_scale_as_inverse_square_length(s: float, lengths: list[float]) -> None:
    shape = (6, 7, 8)
    g1 = box((lengths[0], lengths[1], lengths[2]), shape)
    g2 = box((s * lengths[0], s * lengths[1], s * lengths[2]), shape)
    e1 = grid3d_states(g1, 0.0, 0.1, n_states=2).energies_eV
    e2 = grid3d_states(g2, 0.0, 0.1, n_states=2).energies_eV
    np.testing.assert_allclose(e2, e1 / s**2, rtol=1e-9)


def test_to_dict_is_json() -> None:
    import json

    g = box((2.0, 2.0, 2.0), (4, 4, 4))
    d = grid3d_states(g, 0.0, 0.1).to_dict()
    assert json.loads(json.dumps(d))["grid_shape"] == [4, 4, 4]


def test_thin_barrier_warns() -> None:
    """A bound state reaching the hard outer walls is flagged (ValidityWarning)."""
    g = Grid3D.graded((-1.0,) * 3, (1.0,) * 3, 0.25, 0.3)
    c = g.centres
    inside = (
        (np.abs(c[0])[:, None, None] < 1) & (np.abs(c[1])[None, :, None] < 1) & (np.abs(c[2]) < 1)
    )
    with pytest.warns(ValidityWarning, match="barrier"):
        grid3d_states(g, np.where(inside, 0.0, 5.0), 0.1)
