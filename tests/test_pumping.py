"""Pumping: photons per pulse, <N> = sigma j, CW / electrical generation rates, two-photon.

Every expected value is computed here by hand from scipy.constants (CODATA), independently of
qdopto.constants, or from a closed form / numerical integral written out in the test.
References: <N> = sigma j (V. I. Klimov, J. Phys. Chem. B 104, 6112 (2000), Eq. (1)); the
CdSe absorption cross-section at 350 nm, C_abs = 5.501e5 a^3 cm^-1 with a the radius in cm
(C. A. Leatherdale et al., J. Phys. Chem. B 106, 7619 (2002); ../shared/REFERENCE_DATA.md);
two-photon cross-sections in GM, excitation rate sigma2 F^2 / 2 (C. Xu, W. W. Webb, J. Opt.
Soc. Am. B 13, 481 (1996)).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import constants as sc

from qdopto.dynamics import (
    check_one_photon,
    check_two_photon,
    current_density_for_generation_rate,
    fluence_for_mean_excitons,
    generation_rate_cw,
    generation_rate_electrical,
    intensity_for_generation_rate,
    mean_excitons_pulsed,
    mean_excitons_two_photon,
    photon_energy_ev,
    photons_per_cm2,
)
from qdopto.errors import QdoptoError

fluences = st.floats(1e-3, 1e5)
wavelengths = st.floats(200.0, 3000.0)


def photon_joules(wavelength_nm: float) -> float:
    return sc.h * sc.c / (wavelength_nm * 1e-9)


def test_photon_energy_hand_values() -> None:
    # 1239.84198 nm <-> 1 eV (h c / e = 1239.84198 eV nm, CODATA 2018)
    assert float(photon_energy_ev(1239.84198)) == pytest.approx(1.0, abs=1e-8)
    assert float(photon_energy_ev(400.0)) == pytest.approx(3.0996, abs=1e-4)


@given(fluences, wavelengths)
def test_photons_per_cm2_by_hand(fluence: float, wavelength: float) -> None:
    expected = fluence * 1e-6 / photon_joules(wavelength)
    assert float(photons_per_cm2(fluence, wavelength)) == pytest.approx(expected, rel=1e-12)


def test_photons_per_cm2_worked_example() -> None:
    # 100 uJ/cm^2 at 400 nm: 1e-4 J / 4.96611e-19 J = 2.01365e14 photons/cm^2
    assert float(photons_per_cm2(100.0, 400.0)) == pytest.approx(2.01365e14, rel=1e-5)


def test_mean_excitons_for_a_cdse_dot() -> None:
    # Leatherdale 2002: a = 2.5 nm CdSe dot, C_abs(350 nm) = 5.501e5 a^3 = 8.595e-15 cm^2;
    # 50 uJ/cm^2 at 350 nm = 8.81e13 photons/cm^2 -> <N> = 0.757
    sigma = 5.501e5 * (2.5e-7) ** 3
    expected = sigma * 50e-6 / photon_joules(350.0)
    assert float(mean_excitons_pulsed(sigma, 50.0, 350.0)) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(0.757, abs=1e-3)


@given(st.floats(1e-16, 1e-13), fluences, st.floats(0.0, 10.0), wavelengths)
def test_mean_excitons_linear_in_fluence(
    sigma: float, fluence: float, factor: float, wavelength: float
) -> None:
    n1 = float(mean_excitons_pulsed(sigma, fluence, wavelength))
    n2 = float(mean_excitons_pulsed(sigma, fluence * factor, wavelength))
    assert n2 == pytest.approx(factor * n1, rel=1e-12, abs=1e-300)


@given(st.floats(0.0, 50.0), st.floats(1e-16, 1e-13), wavelengths)
def test_fluence_for_mean_excitons_inverts(mean: float, sigma: float, wavelength: float) -> None:
    f = float(fluence_for_mean_excitons(mean, sigma, wavelength))
    assert f == pytest.approx(mean * photon_joules(wavelength) / sigma * 1e6, rel=1e-12)
    if f <= 1e6:
        assert float(mean_excitons_pulsed(sigma, f, wavelength)) == pytest.approx(mean, rel=1e-12)


def test_vectorised_over_fluence_and_wavelength() -> None:
    f = np.array([1.0, 10.0, 100.0])
    lam = np.array([[400.0], [500.0]])
    out = mean_excitons_pulsed(1e-15, f, lam)
    assert out.shape == (2, 3)
    expected = 1e-15 * f[None, :] * 1e-6 / (sc.h * sc.c / (lam * 1e-9))
    np.testing.assert_allclose(out, expected, rtol=1e-12)


@given(st.floats(1e-16, 1e-13), st.floats(0.0, 1e9), wavelengths)
def test_generation_rate_cw_by_hand(sigma: float, intensity: float, wavelength: float) -> None:
    expected = sigma * intensity / photon_joules(wavelength) * 1e-9  # per ns
    g = float(generation_rate_cw(sigma, intensity, wavelength))
    assert g == pytest.approx(expected, rel=1e-12, abs=1e-300)
    assert float(intensity_for_generation_rate(g, sigma, wavelength)) == pytest.approx(
        intensity, rel=1e-12, abs=1e-300
    )


def test_generation_rate_cw_worked_example() -> None:
    # sigma = 1e-15 cm^2, 1 kW/cm^2 at 532 nm: 2.678e21 photons/cm^2/s x 1e-15 = 2.678e6 /s
    assert float(generation_rate_cw(1e-15, 1e3, 532.0)) == pytest.approx(2.678e-3, rel=1e-3)


@given(st.floats(0.0, 1e3), st.floats(1e10, 1e14), st.floats(0.01, 1.0))
def test_generation_rate_electrical_by_hand(j: float, dots: float, eta: float) -> None:
    expected = eta * j / (sc.e * dots) * 1e-9
    g = float(generation_rate_electrical(j, dots, eta))
    assert g == pytest.approx(expected, rel=1e-12, abs=1e-300)
    assert float(current_density_for_generation_rate(g, dots, eta)) == pytest.approx(
        j, rel=1e-12, abs=1e-300
    )


def test_generation_rate_electrical_worked_example() -> None:
    # 1 A/cm^2 into 6.2415e12 dots/cm^2 (= 1 / (e x 1e6)): one exciton per dot per microsecond
    dots = 1.0 / (sc.e * 1e6)
    assert float(generation_rate_electrical(1.0, dots)) == pytest.approx(1e-3, rel=1e-12)


def two_photon_reference(sigma2_gm: float, fluence: float, fwhm_fs: float, lam: float) -> float:
    """<N> = (sigma2/2) integral F(t)^2 dt with F(t) a Gaussian of the given FWHM, integrated
    numerically (np.trapezoid) from its definition (Xu & Webb 1996 convention)."""
    j = fluence * 1e-6 / photon_joules(lam)  # photons/cm^2
    tau = fwhm_fs * 1e-15
    t = np.linspace(-6 * tau, 6 * tau, 200_001)
    shape = np.exp(-4 * math.log(2) * (t / tau) ** 2)  # FWHM tau by construction
    flux = j * shape / np.trapezoid(shape, t)  # photons/cm^2/s, integrates to j
    return 0.5 * sigma2_gm * 1e-50 * float(np.trapezoid(flux**2, t))


@pytest.mark.parametrize(
    ("sigma2", "fluence", "fwhm", "lam"),
    [(1e4, 1000.0, 100.0, 800.0), (5e5, 200.0, 35.0, 1030.0), (30.0, 1e5, 1000.0, 700.0)],
)
def test_two_photon_against_numerical_integral(
    sigma2: float, fluence: float, fwhm: float, lam: float
) -> None:
    expected = two_photon_reference(sigma2, fluence, fwhm, lam)
    assert float(mean_excitons_two_photon(sigma2, fluence, fwhm, lam)) == pytest.approx(
        expected, rel=1e-6
    )


def test_two_photon_gaussian_closed_form() -> None:
    # integral F^2 dt = j^2 sqrt(2 ln 2 / pi) / tau for a Gaussian of FWHM tau (hand derivation:
    # F = j exp(-t^2/2s^2)/(s sqrt(2 pi)), integral = j^2/(2 s sqrt(pi)), s = tau/(2 sqrt(2 ln 2)))
    j = 1000e-6 / photon_joules(800.0)
    expected = 0.5 * 1e4 * 1e-50 * j**2 * math.sqrt(2 * math.log(2) / math.pi) / 100e-15
    assert float(mean_excitons_two_photon(1e4, 1000.0, 100.0, 800.0)) == pytest.approx(
        expected, rel=1e-12
    )


@settings(max_examples=30)
@given(st.floats(1.0, 1e6), st.floats(1.0, 1e4), st.floats(10.0, 1e4), st.floats(0.1, 10.0))
def test_two_photon_scales_with_fluence_squared_and_inverse_width(
    sigma2: float, fluence: float, fwhm: float, factor: float
) -> None:
    n = float(mean_excitons_two_photon(sigma2, fluence, fwhm, 800.0))
    nf = float(mean_excitons_two_photon(sigma2, fluence * factor, fwhm, 800.0))
    nw = float(mean_excitons_two_photon(sigma2, fluence, fwhm * factor, 800.0))
    assert nf == pytest.approx(factor**2 * n, rel=1e-10)
    assert nw == pytest.approx(n / factor, rel=1e-10)


def test_one_photon_below_gap_is_refused() -> None:
    # 650 nm = 1.907 eV < 2.1 eV
    with pytest.raises(QdoptoError, match=r"pump photon 1\.907 eV .* below the band gap 2\.100"):
        check_one_photon(650.0, 2.1)
    with pytest.raises(QdoptoError, match="use two-photon pumping"):
        mean_excitons_pulsed(1e-15, 10.0, 650.0, gap_eV=2.1)
    with pytest.raises(QdoptoError, match="one-photon absorption is impossible"):
        generation_rate_cw(1e-15, 10.0, 650.0, gap_eV=2.1)
    check_one_photon(400.0, 2.1)  # 3.1 eV: fine
    assert float(mean_excitons_pulsed(1e-15, 10.0, 400.0, gap_eV=2.1)) > 0


def test_two_photon_regime_checks() -> None:
    check_two_photon(800.0, 2.1)  # 1.55 eV < 2.1 eV <= 3.1 eV
    with pytest.raises(QdoptoError, match="two-photon absorption is impossible"):
        check_two_photon(1300.0, 2.1)  # 2 x 0.954 eV < 2.1 eV
    with pytest.raises(QdoptoError, match="one-photon absorption dominates"):
        mean_excitons_two_photon(1e4, 100.0, 100.0, 400.0, gap_eV=2.1)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: photons_per_cm2(math.nan, 400.0), "fluence must be a finite number"),
        (lambda: photons_per_cm2(math.inf, 400.0), "fluence must be a finite number"),
        (lambda: photons_per_cm2(-1.0, 400.0), "fluence must be >= 0"),
        (lambda: photons_per_cm2(2e6, 400.0), "exceeds the plausible maximum"),
        (lambda: photons_per_cm2(np.array([1.0, np.nan]), 400.0), "got nan"),
        (lambda: photons_per_cm2(1.0, 0.0), "wavelength must be > 0"),
        (lambda: photons_per_cm2(1.0, 5.0), "outside 100-100000 nm"),
        (lambda: photons_per_cm2(1.0, math.nan), "wavelength must be a finite number"),
        (lambda: mean_excitons_pulsed(0.0, 1.0, 400.0), "cross-section must be > 0"),
        (lambda: mean_excitons_pulsed(1e-5, 1.0, 400.0), "check the units"),
        (lambda: generation_rate_cw(1e-15, 2e12, 400.0), "intensity 2e\\+12 W/cm\\^2 exceeds"),
        (lambda: generation_rate_cw(1e-15, -5.0, 400.0), "intensity must be >= 0"),
        (lambda: generation_rate_cw(1e-15, math.nan, 400.0), "intensity must be a finite"),
        (lambda: generation_rate_electrical(math.inf, 1e12), "current density must be a finite"),
        (lambda: generation_rate_electrical(-1.0, 1e12), "current density must be >= 0"),
        (lambda: generation_rate_electrical(1e7, 1e12), "current density 1e\\+07"),
        (lambda: generation_rate_electrical(1.0, 0.0), "areal density of dots must be > 0"),
        (lambda: generation_rate_electrical(1.0, 1e12, 1.5), "within \\(0, 1\\]"),
        (lambda: mean_excitons_two_photon(1e4, 1.0, 0.0, 800.0), "pulse width"),
        (lambda: mean_excitons_two_photon(-1.0, 1.0, 100.0, 800.0), "two-photon cross-section"),
        (lambda: fluence_for_mean_excitons(-1.0, 1e-15, 400.0), "exciton number must be >= 0"),
        (lambda: check_one_photon(400.0, -2.0), "band gap must be > 0"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(QdoptoError, match=message):
        call()  # type: ignore[operator]


# ----------------------------------------------------------------------------- two-photon inverse
@settings(max_examples=50, deadline=None)
@given(
    n=st.floats(min_value=1e-3, max_value=50.0),
    s2=st.floats(min_value=1.0, max_value=1e7),
    tau=st.floats(min_value=10.0, max_value=1e6),
    lam=st.floats(min_value=600.0, max_value=2000.0),
)
def test_two_photon_fluence_inverts_mean_excitons(
    n: float, s2: float, tau: float, lam: float
) -> None:
    from qdopto.dynamics.pumping import fluence_for_mean_excitons_two_photon

    f = fluence_for_mean_excitons_two_photon(n, s2, tau, lam)
    assume(float(f) <= 1e6)  # the forward function refuses fluences above 1 J/cm^2
    assert mean_excitons_two_photon(s2, f, tau, lam) == pytest.approx(n, rel=1e-10)


def test_two_photon_cw_intensity_closed_form() -> None:
    """Xu & Webb 1996: excitation rate sigma2 F^2 / 2 per dot, F = I / h nu."""
    from qdopto.dynamics.pumping import intensity_for_generation_rate_two_photon

    i = float(intensity_for_generation_rate_two_photon(0.5, 1e4, 800.0))
    h_nu = 6.62607015e-34 * 2.99792458e8 / 800e-9
    flux = i / h_nu
    assert 1e4 * 1e-50 * flux**2 / 2 == pytest.approx(0.5e9, rel=1e-12)


def test_gain_under_two_photon_pumping() -> None:
    """Two-photon thresholds scale as sqrt(<N> / sigma2); the one-photon quantities vanish."""
    from qdopto.dynamics.gain import gain_properties

    a = gain_properties("CdSe:2.0/CdS:1.5", pump_wavelength_nm=800.0, sigma2_GM=1e4)
    b = gain_properties("CdSe:2.0/CdS:1.5", pump_wavelength_nm=800.0, sigma2_GM=4e4)
    assert a.sigma_pump_cm2 is None and a.to_dict()["pumping"] == "two-photon"
    assert a.threshold_fluence_uJ_cm2 / b.threshold_fluence_uJ_cm2 == pytest.approx(2.0, rel=1e-9)
    with pytest.raises(QdoptoError, match="one-photon absorption dominates"):
        gain_properties("CdSe:2.0/CdS:1.5", pump_wavelength_nm=400.0, sigma2_GM=1e4)
