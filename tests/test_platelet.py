"""Tests of the colloidal nanoplatelet model (qdopto.electronic.platelet).

Independent references only: analytic limits (finite well, 2D hydrogen, virial theorem,
logarithmic limit of the Rytova-Keldysh potential) and published spectra.

Published spectra: S. Ithurria, M. D. Tessier, B. Mahler, R. P. S. M. Lobo, B. Dubertret,
Al. L. Efros, "Colloidal nanoplatelets with two-dimensional electronic structure",
Nat. Mater. 10, 936 (2011), room-temperature absorption (Fig. 1/2 of the paper): heavy-hole
exciton lines 462, 512, 550 nm and light-hole lines 435, 480, 514 nm for 3, 4 and 5 ML
(n Se and n + 1 Cd planes). These line positions are as given in the task brief; the full
text could not be opened with the search tools available here. They are consistent with the
abstract of S. Christodoulou et al., Nano Lett. 18, 6248 (2018) ("samples that emit, in
discrete steps, from 460 to 550 nm"). The model's ONE fitted number (image self-energy
factor) was fitted to the 4 ML heavy-hole line at 20 x 20 nm; the 3 and 5 ML heavy-hole lines
and all light-hole lines are predictions.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdopto.constants import COULOMB_EV_NM, HBAR2_2M0_EV_NM2, HC_EV_NM, RYDBERG_EV
from qdopto.electronic.platelet import (
    APPROXIMATION,
    PlateletResult,
    bdd_ground_state,
    finite_well_ground_state,
    monolayer_thickness_nm,
    platelet_states,
    rytova_keldysh_exciton,
    rytova_keldysh_potential,
)
from qdopto.errors import QdoptoError, ValidityWarning

#: Ithurria et al., Nat. Mater. 10, 936 (2011): ML -> (heavy-hole, light-hole) line [nm].
ITHURRIA_2011_NM = {3: (462.0, 435.0), 4: (512.0, 480.0), 5: (550.0, 514.0)}
#: The fit's lateral size [nm] (the centre-of-mass term is ~3.5 meV here).
LATERAL_NM = 20.0


@pytest.fixture(scope="module")
def core_results() -> dict[int, PlateletResult]:
    return {n: platelet_states("CdSe-zb", n, LATERAL_NM) for n in ITHURRIA_2011_NM}


# ----------------------------------------------------------------------------- thickness
def test_monolayer_thickness_counts_extra_cd_plane() -> None:
    # zinc-blende CdSe a = 0.6077 nm (Samarth et al., APL 54, 2680 (1989)); n ML = n a/2 + a/4
    a = 0.6077
    for n in (3, 4, 5):
        assert monolayer_thickness_nm("CdSe-zb", n) == pytest.approx(n * a / 2 + a / 4)
        assert monolayer_thickness_nm("CdSe-zb", n, extra_cation_plane=False) == pytest.approx(
            n * a / 2
        )


# ----------------------------------------------------------------------------- 1D solver
@pytest.mark.parametrize(
    ("width", "depth", "m_w", "m_b"),
    [(1.2, 1.0, 0.11, 1.0), (3.0, 0.3, 0.067, 0.092), (1.0, 4.0, 0.5, 1.0)],
)
def test_bdd_solver_matches_analytic_finite_well(
    width: float, depth: float, m_w: float, m_b: float
) -> None:
    """BenDaniel-Duke finite well: analytic transcendental root (Bastard 1988, Ch. III)."""
    # barrier: 20 decay lengths sqrt(K/(m_b V)) (hard walls beyond it)
    barrier = 20 * math.sqrt(HBAR2_2M0_EV_NM2 / (m_b * depth))
    n_w, n_b = 600, 1500
    faces = np.concatenate(
        [
            np.linspace(-width / 2 - barrier, -width / 2, n_b + 1)[:-1],
            np.linspace(-width / 2, width / 2, n_w + 1)[:-1],
            np.linspace(width / 2, width / 2 + barrier, n_b + 1),
        ]
    )
    edge = np.concatenate([np.full(n_b, depth), np.zeros(n_w), np.full(n_b, depth)])
    mass = np.concatenate([np.full(n_b, m_b), np.full(n_w, m_w), np.full(n_b, m_b)])
    e = bdd_ground_state(faces, edge, mass).energy_eV
    exact = finite_well_ground_state(width, depth, m_w, m_b)
    assert e == pytest.approx(exact, rel=2e-3, abs=5e-4)


def test_finite_well_root_deep_limit_is_infinite_well() -> None:
    # independent check of the reference itself: V -> inf gives K pi^2/(m L^2)
    e = finite_well_ground_state(2.0, 1e4, 0.2, 0.2)
    inf_well = HBAR2_2M0_EV_NM2 * math.pi**2 / (0.2 * 2.0**2)
    assert e == pytest.approx(inf_well, rel=2e-2)


# ----------------------------------------------------------------------------- Rytova-Keldysh
def test_rk_potential_coulomb_tail() -> None:
    # H0(x) - Y0(x) -> 2/(pi x): V -> -e^2/(eps rho) for rho >> r0
    rho = np.array([50.0, 200.0])
    v = rytova_keldysh_potential(rho, 1.0, 2.0)
    assert v == pytest.approx(-COULOMB_EV_NM / (2.0 * rho), rel=1e-3)


def test_rk_potential_log_limit() -> None:
    # rho << r0: V -> (e^2/(eps r0)) [ln(rho/(2 r0)) + gamma_E] (Keldysh 1979; Cudazzo 2011)
    r0, eps, rho = 10.0, 2.0, 0.01
    v = rytova_keldysh_potential(np.array([rho]), r0, eps)[0]
    expected = COULOMB_EV_NM / (eps * r0) * (math.log(rho / (2 * r0)) + 0.5772156649)
    assert v == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(("mu", "eps"), [(0.1, 2.0), (0.3, 5.0)])
def test_rk_small_r0_is_2d_hydrogen(mu: float, eps: float) -> None:
    # 2D hydrogen: E_b = 4 Ry mu/eps^2, <rho> = a_B/2 (a_B = eps a0/mu)
    x = rytova_keldysh_exciton(mu, eps, 0.0)
    assert x.binding_eV == pytest.approx(4 * RYDBERG_EV * mu / eps**2, rel=5e-3)
    a_b = 2 * HBAR2_2M0_EV_NM2 * eps / (mu * COULOMB_EV_NM)
    assert x.mean_radius_nm == pytest.approx(a_b / 2, rel=5e-3)
    tiny = rytova_keldysh_exciton(mu, eps, 1e-4)
    assert tiny.binding_eV == pytest.approx(x.binding_eV, rel=5e-3)


@pytest.mark.parametrize("r0", [0.5, 3.0, 50.0])
def test_rk_virial_theorem(r0: float) -> None:
    # 2D virial theorem 2<T> = <rho dV/drho> holds for any exact eigenstate
    x = rytova_keldysh_exciton(0.1, 2.0, r0)
    assert x.kinetic_eV == pytest.approx(x.virial_eV, rel=1e-2)


def test_rk_large_r0_logarithmic_limit() -> None:
    # for r0 >> radius the potential is c ln(rho) + const, c = e^2/(eps r0), and the virial
    # theorem gives <T> = c/2 exactly; E_b -> c [ln(2 r0/l) - gamma_E - lambda] with l ~ sqrt(r0),
    # so E_b r0 eps/e^2 grows like ln(r0)/2: check <T> and the slope vs ln r0. Corrections are
    # O(radius/r0) (H0(x) ~ 2x/pi), ~1% at r0 = 1e4 nm for these parameters.
    mu, eps = 0.1, 2.0
    r0s = (1.0e4, 4.0e4)
    xs = [rytova_keldysh_exciton(mu, eps, r0) for r0 in r0s]
    for x, r0 in zip(xs, r0s, strict=True):
        assert x.kinetic_eV == pytest.approx(COULOMB_EV_NM / (2 * eps * r0), rel=1.5e-2)
    c = COULOMB_EV_NM / eps
    slope = (xs[1].binding_eV * r0s[1] - xs[0].binding_eV * r0s[0]) / c / math.log(4.0)
    assert slope == pytest.approx(0.5, abs=0.01)


# ----------------------------------------------------------------------------- published lines
@pytest.mark.parametrize("n", [3, 4, 5])
def test_heavy_hole_lines_within_30_meV_of_ithurria_2011(
    core_results: dict[int, PlateletResult], n: int
) -> None:
    r = core_results[n]
    ref = HC_EV_NM / ITHURRIA_2011_NM[n][0]
    # measured here: +25.8 (3 ML), +0.1 (4 ML, the fit), -10.4 meV (5 ML)
    assert abs(r.heavy.energy_eV - ref) < 0.030


@pytest.mark.parametrize("n", [3, 4, 5])
def test_light_hole_lines_vs_ithurria_2011(core_results: dict[int, PlateletResult], n: int) -> None:
    r = core_results[n]
    ref = HC_EV_NM / ITHURRIA_2011_NM[n][1]
    # measured here: -28, -66, -89 meV (the one-band spherical Luttinger set gamma1 = 2.04,
    # gamma2 = 0.58 of Ekimov et al. 1993 underestimates the hh-lh splitting). Tolerance
    # 100 meV: the light-hole line is a prediction with parameters not fitted to it, and the
    # hh-lh splitting of the one-band model is ~ 60-75% of the measured one.
    assert abs(r.light.energy_eV - ref) < 0.100
    assert r.light.energy_eV > r.heavy.energy_eV


def test_binding_energies_in_published_range(core_results: dict[int, PlateletResult]) -> None:
    # E. V. Shornikova et al., Nano Lett. 21, 10525 (2021), doi:10.1021/acs.nanolett.1c04159,
    # abstract: exciton binding energies 195-315 meV for 3-7 ML CdSe NPLs (EMA with dielectric
    # enhancement, close to the Rytova-Keldysh model); thicker -> smaller.
    eb = [core_results[n].heavy.binding_eV for n in (3, 4, 5)]
    assert all(0.195 <= e <= 0.315 for e in eb)
    assert eb[0] > eb[1] > eb[2]


# ----------------------------------------------------------------------------- heterostructures
def test_cds_shell_redshifts_and_grows() -> None:
    # CdS shells on both faces: the electron spreads into the shell (small CdSe/CdS conduction
    # offset) and the dielectric contrast weakens: the line redshifts, more for thicker shells
    # (qualitatively as in B. Mahler et al., JACS 134, 18591 (2012), CdSe/CdS core/shell NPLs
    # emitting far to the red of the 4 ML core; their line positions could not be checked here,
    # so only sign and ordering are asserted); it stays above the bulk zinc-blende CdSe gap.
    core = platelet_states("CdSe-zb", 4, LATERAL_NM)
    s2 = platelet_states("CdSe-zb", 4, LATERAL_NM, shell=("CdS", 2))
    s4 = platelet_states("CdSe-zb", 4, LATERAL_NM, shell=("CdS", 4))
    assert core.hh_exciton_eV > s2.hh_exciton_eV > s4.hh_exciton_eV > 1.67
    assert s2.thickness_nm > core.thickness_nm


def test_crown_is_a_small_lateral_effect() -> None:
    # a wider-gap CdS crown only relaxes the centre-of-mass confinement: the line shifts by
    # less than the hard-wall CM energy (core/crown CdSe/CdS NPLs emit close to the core line,
    # M. D. Tessier et al., Nano Lett. 14, 207 (2014); qualitative)
    core = platelet_states("CdSe-zb", 4, 15.0)
    crowned = platelet_states("CdSe-zb", 4, 15.0, crown=("CdS", 5.0))
    assert 0 < core.hh_exciton_eV - crowned.hh_exciton_eV < core.heavy.cm_energy_eV
    assert crowned.heavy.cm_energy_eV > 0


def test_result_is_json_and_states_approximation() -> None:
    r = platelet_states("CdSe-zb", 4, (20.0, 30.0), crown=("CdS", 3.0), shell=("CdS", 1))
    d = json.loads(json.dumps(r.to_dict()))
    assert d["approximation"] == APPROXIMATION
    assert "fitted" in d["calibration"]
    assert d["electron_level_eV"] > d["hh_level_eV"] > -10
    assert 0.9 < d["heavy"]["overlap_z"] <= 1.0


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("n", [0, -3, 2.5, True, "4"])
def test_bad_monolayers(n: object) -> None:
    with pytest.raises(QdoptoError):
        platelet_states("CdSe-zb", n, 20.0)  # type: ignore[arg-type]
    with pytest.raises(QdoptoError):
        monolayer_thickness_nm("CdSe-zb", n)  # type: ignore[arg-type]


def test_bad_crown_shell_lateral_material() -> None:
    with pytest.raises(QdoptoError):
        platelet_states("CdSe-zb", 4, 20.0, crown=("CdS", -1.0))
    with pytest.raises(QdoptoError):
        platelet_states("CdSe-zb", 4, 20.0, shell=("CdS", 0))
    with pytest.raises(QdoptoError):
        platelet_states("CdSe-zb", 4, -5.0)
    with pytest.raises(QdoptoError):
        platelet_states("unobtainium", 4, 20.0)


def test_small_lateral_size_warns() -> None:
    with pytest.warns(ValidityWarning):
        platelet_states("CdSe-zb", 4, 4.0)


# ----------------------------------------------------------------------------- properties
@settings(max_examples=8, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=7),
    lat=st.floats(min_value=10.0, max_value=60.0),
    grow=st.floats(min_value=1.2, max_value=3.0),
)
def test_exciton_energy_decreases_with_thickness_and_lateral_size(
    n: int, lat: float, grow: float
) -> None:
    a = platelet_states("CdSe-zb", n, lat)
    thicker = platelet_states("CdSe-zb", n + 1, lat)
    wider = platelet_states("CdSe-zb", n, lat * grow)
    assert thicker.hh_exciton_eV < a.hh_exciton_eV
    assert wider.hh_exciton_eV < a.hh_exciton_eV
    assert thicker.lh_exciton_eV < a.lh_exciton_eV
