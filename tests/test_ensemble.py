"""Ensemble line synthesis, size quadrature and homogeneous linewidth: analytic checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdopto.constants import KB_EV_K
from qdopto.errors import QdoptoError
from qdopto.optics import homogeneous_linewidth, line_spectrum, size_quadrature
from qdopto.optics.ensemble import GAUSS_FWHM


def _fwhm(grid: np.ndarray, s: np.ndarray) -> float:
    half = s.max() / 2
    above = np.where(s >= half)[0]
    i, j = above[0], above[-1]
    left = np.interp(half, [s[i - 1], s[i]], [grid[i - 1], grid[i]])
    right = np.interp(half, [s[j + 1], s[j]], [grid[j + 1], grid[j]])
    return float(right - left)


def test_fft_synthesis_matches_direct_sum() -> None:
    rng = np.random.default_rng(3)
    e = rng.normal(2.1, 0.04, 5000)
    w = rng.uniform(0.5, 1.5, e.size)
    grid = np.linspace(1.8, 2.4, 601)
    for shape, kw in (("gaussian", {}), ("lorentzian", {}), ("voigt", {"lorentz_fwhm_eV": 0.01})):
        direct = line_spectrum(e, w, grid, 0.03, shape, method="direct", **kw)
        fast = line_spectrum(e, w, grid, 0.03, shape, method="fft", **kw)
        assert np.max(np.abs(fast - direct)) <= 2e-3 * direct.max()


def test_gaussian_ensemble_width_adds_in_quadrature() -> None:
    # a normal distribution of line centres (sigma_E) broadened by a Gaussian (sigma_h) is a
    # Gaussian of sigma = sqrt(sigma_E^2 + sigma_h^2); its area is the sum of the weights
    rng = np.random.default_rng(7)
    sigma_e, fwhm_h = 0.025, 0.035
    e = rng.normal(2.0, sigma_e, 400_000)
    grid = np.linspace(1.6, 2.4, 1601)
    s = line_spectrum(e, 1.0, grid, fwhm_h)
    expected = GAUSS_FWHM * math.hypot(sigma_e, fwhm_h / GAUSS_FWHM)
    assert _fwhm(grid, s) == pytest.approx(expected, rel=5e-3)
    assert np.trapezoid(s, grid) == pytest.approx(e.size, rel=1e-3)


def test_lorentzian_width() -> None:
    grid = np.linspace(1.0, 3.0, 4001)
    s = line_spectrum([2.0], [1.0], grid, 0.05, "lorentzian")
    assert _fwhm(grid, s) == pytest.approx(0.05, rel=1e-3)
    assert s.max() == pytest.approx(2 / (math.pi * 0.05), rel=1e-3)


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 10.0), st.floats(0.5, 20.0), st.sampled_from(["normal", "lognormal"]))
def test_size_quadrature_moments(mean: float, pct: float, kind: str) -> None:
    d, w = size_quadrature(mean, pct, kind)
    assert w.sum() == pytest.approx(1.0) and np.all(d > 0)
    s = pct / 100
    if kind == "lognormal":  # median `mean`: E[d] = mean exp(s^2/2)
        assert np.dot(w, d) == pytest.approx(mean * math.exp(s * s / 2), rel=1e-6)
    elif d.size == 41:  # normal with no node dropped: exact moments
        assert np.dot(w, d) == pytest.approx(mean, rel=1e-9)
        assert math.sqrt(np.dot(w, (d - mean) ** 2)) == pytest.approx(s * mean, rel=1e-6)


def test_rudin_linewidth_limits() -> None:
    # Gamma(0) = Gamma_0; at high T the LO term tends to Gamma_LO k T / E_LO
    assert float(homogeneous_linewidth(0.0, 1.0, 71.0, 21.0, 26.0)) == pytest.approx(1.0)
    t = 3000.0
    expected = 1.0 + 71e-3 * t + 21.0 * (KB_EV_K * t * 1e3 / 26.0 - 0.5)
    assert float(homogeneous_linewidth(t, 1.0, 71.0, 21.0, 26.0)) == pytest.approx(
        expected, rel=1e-3
    )
    # Valerini et al. 2005 CdSe/ZnS couplings give a room-temperature homogeneous width of
    # ~33 meV above Gamma_0 (21 meV acoustic + 12 meV LO)
    assert float(homogeneous_linewidth(300.0, 0.0, 71.0, 21.0, 26.0)) == pytest.approx(
        33.3, abs=0.5
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"fwhm_eV": 0.0},
        {"fwhm_eV": float("nan")},
        {"shape": "triangle"},
        {"method": "magic"},
    ],
)
def test_bad_line_spectrum_input(kwargs: dict[str, object]) -> None:
    args = {
        "energies_eV": [2.0],
        "weights": [1.0],
        "grid_eV": np.linspace(1, 3, 11),
        "fwhm_eV": 0.05,
    }
    args.update(kwargs)
    with pytest.raises(QdoptoError):
        line_spectrum(**args)  # type: ignore[arg-type]


def test_bad_grid_and_distribution() -> None:
    with pytest.raises(QdoptoError, match="uniform"):
        line_spectrum([2.0], [1.0], [1.0, 1.1, 1.5], 0.05)
    with pytest.raises(QdoptoError, match="0-50"):
        size_quadrature(4.0, 80.0)
    with pytest.raises(QdoptoError, match="normal or lognormal"):
        size_quadrature(4.0, 5.0, "gamma")
