"""Multiexciton statistics, ladders and gain thresholds (../shared/REFERENCE_DATA.md).

References: Poisson excitation and gain thresholds <N>_th = 1.146 (g = 2), 2.089 (g = 4),
4.036 (g = 8); statistical Auger scaling tau_3 = tau_2/4.5, tau_4 = tau_2/12 (Klimov et al.,
Science 287, 1011 (2000)); k_rad,XX = 4 k_rad,X and QY_XX/QY_X = 4 tau_XX/tau_X (Nair, Zhao,
Bawendi, Nano Lett. 11, 1136 (2011)).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdopto.dynamics import (
    auger_rates_statistical,
    biexciton_quantum_yield,
    decay_populations,
    gain_threshold_occupancy,
    net_band_edge_absorption,
    poisson,
    radiative_rates,
    steady_state,
)
from qdopto.errors import QdoptoError


@pytest.mark.parametrize(("g", "threshold"), [(2, 1.146), (4, 2.089), (8, 4.036)])
def test_gain_thresholds(g: int, threshold: float) -> None:
    assert gain_threshold_occupancy(g) == pytest.approx(threshold, abs=1e-3)


def test_g2_threshold_closed_form() -> None:
    # g = 2: e^-n (2 + n) = 1
    n = gain_threshold_occupancy(2)
    assert math.exp(-n) * (2 + n) == pytest.approx(1.0, abs=1e-10)
    assert float(net_band_edge_absorption(0.0, 2)) == pytest.approx(1.0)
    assert float(net_band_edge_absorption(50.0, 2)) == pytest.approx(-1.0, abs=1e-9)


@given(st.floats(0.0, 30.0))
def test_poisson_normalised_with_right_moments(mean: float) -> None:
    p = poisson(mean, 200)
    n = np.arange(201)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    assert float(np.dot(p, n)) == pytest.approx(mean, abs=1e-7)
    assert float(np.dot(p, (n - mean) ** 2)) == pytest.approx(mean, abs=1e-6)


def test_statistical_auger_and_radiative_scaling() -> None:
    k = auger_rates_statistical(1.0, 5)
    assert (k[2], k[3] / k[2], k[4] / k[2]) == pytest.approx((1.0, 4.5, 12.0))
    assert k[0] == k[1] == 0.0
    r = radiative_rates(0.05, 3)
    assert r[2] / r[1] == pytest.approx(4.0)


def test_biexciton_quantum_yield() -> None:
    # tau_XX = 50 ps, tau_X = 20 ns: QY_XX/QY_X = 4 x 0.05/20 = 1 %
    assert float(biexciton_quantum_yield(0.05, 20.0)) == pytest.approx(0.01)
    assert float(biexciton_quantum_yield(100.0, 20.0)) == 1.0


@given(st.floats(1e-3, 50.0))
def test_steady_state_of_independent_excitons_is_poisson(g_rate: float) -> None:
    # k_N = N k (no Auger, no radiative enhancement): the birth-death chain is the M/M/inf
    # queue, whose stationary distribution is Poisson with mean G/k.
    k = 0.5
    p = steady_state(g_rate, k * np.arange(400))
    np.testing.assert_allclose(p, poisson(g_rate / k, 399), atol=1e-10)


def test_steady_state_is_stationary() -> None:
    k = auger_rates_statistical(20.0, 30) + radiative_rates(0.05, 30)
    g = np.array([0.01, 0.3, 5.0])
    p = steady_state(g, k)
    n = k.size
    a = np.diag(-k) + np.diag(k[1:], 1)  # decay
    gen = np.diag(-np.ones(n)) + np.diag(np.ones(n - 1), -1)  # creation
    gen[-1, -1] = 0.0  # the top state cannot be pumped further
    for gi, pi in zip(g, p, strict=True):
        rhs = (a + gi * gen) @ pi
        assert np.max(np.abs(rhs)) < 1e-9 * max(gi, 1.0)


def test_decay_of_independent_excitons_is_exponential() -> None:
    # k_N = N k: the mean exciton number decays as <N>(t) = <N>0 exp(-k t)
    k = 0.7
    rates = k * np.arange(30)
    t = np.linspace(0, 5, 11)
    p = decay_populations(poisson(2.0, 29), rates, t)
    mean = p @ np.arange(30)
    np.testing.assert_allclose(mean, 2.0 * np.exp(-k * t), rtol=1e-6)
    np.testing.assert_allclose(p.sum(-1), p[0].sum(), rtol=1e-12)


def test_bad_input() -> None:
    with pytest.raises(QdoptoError):
        poisson(-1.0)
    with pytest.raises(QdoptoError):
        net_band_edge_absorption(1.0, 3)
    with pytest.raises(QdoptoError):
        steady_state(1.0, np.array([0.0, -1.0]))
    with pytest.raises(QdoptoError):
        decay_populations(poisson(1.0, 3), np.array([0.0, 1.0, 1.0, 2.0]), np.array([0.0]))


@settings(max_examples=20, deadline=None)
@given(st.floats(0.01, 5.0))
def test_gain_appears_above_threshold(mean: float) -> None:
    th = gain_threshold_occupancy(2)
    a = float(net_band_edge_absorption(mean, 2))
    assert (a < 0) == (mean > th + 1e-9) or abs(mean - th) < 1e-6
