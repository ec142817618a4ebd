"""Kinetics: band-edge absorption of any (charged) distribution, thresholds, trions, PL, TA.

Independent references used here:
- state filling a_N = 1 - n_e/g - n_h/g, for q = 0: 1 - 2 min(N, g)/g (V. I. Klimov et al.,
  Science 290, 314 (2000)); the g = 2 Poisson threshold solves e^-n (2 + n) = 1, i.e.
  n = -W_-1(-e^-2) - 2 = 1.146 (../shared/REFERENCE_DATA.md);
- charged dots, g = 2, q = 1 (hand derivation: a_0 = 1/2, a_1 = -1/2, a_N>=2 = -1): the
  Poisson threshold solves e^-n (3 + n) = 2, n = -W_-1(-2 e^-3) - 3 = 0.583 < 1
  (sub-single-exciton gain, K. Wu et al., Nat. Nanotechnol. 12, 1140 (2017));
- independent excitons (k_N = N k): the decaying distribution stays Poisson with mean
  <N> e^-kt, and the pumped steady state is Poisson with mean G/k (M/M/inf queue);
- a purely radiative ladder emits exactly N photons from an N-exciton state;
- Poisson moments: <N^2> = <N>^2 + <N>.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import lambertw
from scipy.stats import poisson as poisson_dist

from qdopto.dynamics import (
    auger_rates_statistical,
    band_edge_absorption,
    band_edge_weights,
    biexciton_auger_from_trions,
    charged_ladder_rates,
    decay_populations,
    gain_lifetime,
    gain_threshold_charged,
    gain_threshold_occupancy,
    net_band_edge_absorption,
    pl_decay,
    poisson,
    radiative_rates,
    threshold_generation_rate,
    transient_absorption,
    trion_rates,
)
from qdopto.errors import QdoptoError

# g = 2 thresholds in closed form (Lambert W, lower branch)
TH_Q0 = float(-lambertw(-math.exp(-2.0), -1).real - 2.0)  # e^-n (2 + n) = 1
TH_Q1 = float(-lambertw(-2.0 * math.exp(-3.0), -1).real - 3.0)  # e^-n (3 + n) = 2


def pmf(mean: float, n_max: int) -> np.ndarray:
    """Poisson probabilities from scipy.stats (independent of qdopto.dynamics.poisson)."""
    return np.asarray(poisson_dist.pmf(np.arange(n_max + 1), mean))


def test_closed_form_thresholds_are_the_published_ones() -> None:
    assert math.isclose(TH_Q0, 1.146, abs_tol=1e-3)  # REFERENCE_DATA.md
    assert math.exp(-TH_Q1) * (3 + TH_Q1) == pytest.approx(2.0, abs=1e-12)
    assert 0.5 < TH_Q1 < 1.0


@pytest.mark.parametrize(
    ("g", "q", "expected"),
    [
        (2, 0, [1.0, 0.0, -1.0, -1.0]),
        (2, 1, [0.5, -0.5, -1.0, -1.0]),
        (2, 2, [0.0, -0.5, -1.0, -1.0]),
        (4, 1, [0.75, 0.25, -0.25, -0.75, -1.0, -1.0]),
    ],
)
def test_band_edge_weights_by_hand(g: int, q: int, expected: list[float]) -> None:
    np.testing.assert_array_equal(band_edge_weights(len(expected) - 1, g, q), expected)


@pytest.mark.parametrize("g", [2, 4, 6, 8])
def test_weights_reduce_to_klimov_for_neutral_dots(g: int) -> None:
    n = np.arange(3 * g)
    np.testing.assert_allclose(
        band_edge_weights(3 * g - 1, g), 1.0 - 2.0 * np.minimum(n, g) / g, rtol=0, atol=1e-15
    )


@given(st.floats(0.0, 20.0))
def test_absorption_of_poisson_g2_closed_form(mean: float) -> None:
    # sum_N P_N a_N = e^-m (1) + 0 - (1 - e^-m - m e^-m) = e^-m (2 + m) - 1
    p = pmf(mean, 150)
    expected = math.exp(-mean) * (2 + mean) - 1
    assert float(band_edge_absorption(p, 2)) == pytest.approx(expected, abs=1e-12)


@settings(max_examples=30)
@given(st.floats(0.0, 15.0), st.sampled_from([2, 4, 8]))
def test_neutral_absorption_equals_existing_poisson_function(mean: float, g: int) -> None:
    p = pmf(mean, 150)
    assert float(band_edge_absorption(p, g)) == pytest.approx(
        float(net_band_edge_absorption(mean, g)), abs=1e-12
    )


@given(st.floats(0.0, 20.0))
def test_absorption_of_singly_charged_poisson_closed_form(mean: float) -> None:
    # g = 2, q = 1: e^-m / 2 - m e^-m / 2 - (1 - e^-m - m e^-m) = e^-m (3 + m)/2 - 1
    p = pmf(mean, 150)
    expected = math.exp(-mean) * (3 + mean) / 2 - 1
    assert float(band_edge_absorption(p, 2, 1)) == pytest.approx(expected, abs=1e-12)


def test_absorption_of_non_poisson_distributions() -> None:
    # every dot holds exactly one exciton: a half-filled g = 2 level is transparent
    assert float(band_edge_absorption([0.0, 1.0, 0.0], 2)) == 0.0
    # half the dots empty, half with 2 excitons (g = 2): (1 + (-1)) / 2 = 0
    assert float(band_edge_absorption([0.5, 0.0, 0.5], 2)) == 0.0
    # batch of distributions; one extra electron plus one exciton fills the electron level
    p = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    np.testing.assert_allclose(band_edge_absorption(p, 2, 1), [0.5, -0.5])


def test_gain_threshold_charged() -> None:
    for g in (2, 4, 8):
        assert gain_threshold_charged(g, 0) == pytest.approx(gain_threshold_occupancy(g), abs=1e-9)
    assert gain_threshold_charged(2, 0) == pytest.approx(TH_Q0, abs=1e-9)
    assert gain_threshold_charged(2, 1) == pytest.approx(TH_Q1, abs=1e-9)
    assert gain_threshold_charged(2, 2) == 0.0  # transparent without excitons
    assert gain_threshold_charged(8, 8) == 0.0
    # more electrons, lower threshold
    th = [gain_threshold_charged(8, q) for q in range(9)]
    assert all(a > b for a, b in itertools.pairwise(th))


def test_trion_rates_by_hand() -> None:
    # k_X = 1/20 ns^-1; X- Auger 1/2 ns^-1, X+ Auger 1/0.1 ns^-1
    r = trion_rates(0.05, 0.5, 10.0)
    assert r.radiative_per_ns == pytest.approx(0.1)  # two pathways: 2 k_X
    assert r.total_negative_per_ns == pytest.approx(0.6)
    assert r.total_positive_per_ns == pytest.approx(10.1)
    assert r.quantum_yield_negative == pytest.approx(0.1 / 0.6)
    assert r.quantum_yield_positive == pytest.approx(0.1 / 10.1)
    # superposition: k_XX,A = 2 (k_X-,A + k_X+,A) = 2 (0.5 + 10) = 21 ns^-1
    assert r.biexciton_auger_per_ns == pytest.approx(21.0)
    assert biexciton_auger_from_trions(0.5, 10.0) == pytest.approx(21.0)


def log_times(t_max: float) -> np.ndarray:
    return np.concatenate([[0.0], np.geomspace(1e-7, t_max, 30_000)])


@settings(max_examples=8, deadline=None)
@given(st.floats(0.05, 4.0))
def test_pl_of_radiative_ladder_integrates_to_mean(mean: float) -> None:
    # every exciton gives one photon: integral I dt = <N>
    k_x = 0.5
    kr = radiative_rates(k_x, 30)
    t = log_times(80.0 / k_x)
    pl = pl_decay(mean, kr, kr, t)
    assert float(np.trapezoid(pl, t)) == pytest.approx(mean, rel=1e-6)


def test_pl_with_auger_integrates_to_cascade_yield() -> None:
    # photons per dot = sum_N P_N(0) sum_{M<=N} k_rad,M / k_M
    kr = radiative_rates(0.05, 30)
    k = kr + auger_rates_statistical(10.0, 30)
    means = np.array([0.3, 1.5, 4.0])
    t = log_times(2000.0)
    pl = pl_decay(means, kr, k, t)
    assert pl.shape == (3, t.size)
    yields = np.concatenate([[0.0], np.cumsum(kr[1:] / k[1:])])
    for m, row in zip(means, pl, strict=True):
        assert float(np.trapezoid(row, t)) == pytest.approx(float(pmf(m, 30) @ yields), rel=1e-6)


@given(st.floats(0.0, 5.0))
def test_pl_at_zero_delay_is_second_moment(mean: float) -> None:
    # I(0) = k_X sum_N N^2 P_N = k_X (<N>^2 + <N>) for k_rad,N = k_X N^2
    kr = radiative_rates(0.05, 40)
    k = kr + auger_rates_statistical(10.0, 40)
    i0 = float(pl_decay(mean, kr, k, np.array([0.0]))[0])
    assert i0 == pytest.approx(0.05 * (mean**2 + mean), rel=1e-8, abs=1e-14)


def test_pl_of_independent_excitons_is_exponential() -> None:
    # k_N = N k, k_rad,N = N k_r: I(t) = k_r <N> exp(-k t)
    k, kr = 0.4, 0.1
    n = np.arange(30)
    t = np.linspace(0.0, 20.0, 41)
    pl = pl_decay(2.5, kr * n, k * n, t)
    np.testing.assert_allclose(pl, kr * 2.5 * np.exp(-k * t), rtol=1e-7)


@given(st.floats(0.0, 6.0))
def test_ta_at_zero_delay_g2_closed_form(mean: float) -> None:
    # dA/A0(0) = e^-m (2 + m) - 2 for g = 2
    k = radiative_rates(0.05, 40) + auger_rates_statistical(10.0, 40)
    ta0 = float(transient_absorption(mean, k, 2, np.array([0.0]))[0])
    assert ta0 == pytest.approx(math.exp(-mean) * (2 + mean) - 2, abs=1e-9)


@pytest.mark.parametrize("g", [2, 8])
def test_ta_small_pump_is_linear(g: int) -> None:
    # dA/A0 = -2 <N>/g + O(<N>^2) (each exciton bleaches 2/g of the band edge)
    k = radiative_rates(0.05, 40) + auger_rates_statistical(10.0, 40)
    for m in (1e-3, 1e-2):
        ta0 = float(transient_absorption(m, k, g, np.array([0.0]))[0])
        assert ta0 == pytest.approx(-2 * m / g, rel=2 * m)


def test_ta_of_independent_excitons_follows_poisson_mean() -> None:
    k = 0.7
    rates = k * np.arange(30)
    t = np.linspace(0.0, 6.0, 25)
    ta = transient_absorption(np.array([0.5, 3.0]), rates, 2, t)
    m_t = np.array([0.5, 3.0])[:, None] * np.exp(-k * t)
    np.testing.assert_allclose(ta, np.exp(-m_t) * (2 + m_t) - 2, atol=1e-9)


def test_populations_stay_normalised_for_band_edge_absorption() -> None:
    k = radiative_rates(0.05, 30) + auger_rates_statistical(10.0, 30)
    p = decay_populations(poisson(np.array([0.5, 2.0]), 30), k, np.linspace(0, 5, 11))
    np.testing.assert_allclose(p.sum(-1), 1.0, atol=1e-9)
    a = band_edge_absorption(p, 2)
    assert a.shape == (2, 11)
    assert np.all(np.diff(a, axis=-1) >= -1e-12)  # the absorption only recovers


def test_gain_lifetime_of_independent_excitons() -> None:
    # <N>(t) = <N>0 e^-kt stays Poisson: gain ends when <N>(t) = 1.146, t = ln(<N>0/1.146)/k
    k = 0.5
    rates = k * np.arange(40)
    m0 = np.array([[1.5, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(gain_lifetime(m0, rates, 2), np.log(m0 / TH_Q0) / k, rtol=1e-9)
    below = gain_lifetime(np.array([0.0, 0.5, 1.1]), rates, 2)
    np.testing.assert_array_equal(below, 0.0)


def test_gain_lifetime_is_auger_limited() -> None:
    # with a 50 ps biexciton Auger time the gain of <N> = 2 dies within a few tau_XX
    k = radiative_rates(0.05, 40) + auger_rates_statistical(20.0, 40)
    tau = float(gain_lifetime(2.0, k, 2))
    assert 0.0 < tau < 0.2
    # at the returned time the absorption is zero
    a = float(transient_absorption(2.0, k, 2, np.array([tau]))[0]) + 1.0
    assert a == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(("q", "th"), [(0, TH_Q0), (1, TH_Q1)])
def test_threshold_generation_rate_independent_excitons(q: int, th: float) -> None:
    # steady state Poisson with mean G/k: G_th = <N>_th k
    k = 0.3
    g_th = threshold_generation_rate(k * np.arange(80), 2, q)
    assert g_th == pytest.approx(th * k, rel=1e-9)


def test_threshold_generation_rate_two_level_closed_form() -> None:
    # N_max = 2, g = 2: P ~ (1, G/k1, G^2/(k1 k2)); a = P0 - P2 = 0 -> G_th = sqrt(k1 k2)
    assert threshold_generation_rate([0.0, 0.05, 20.0], 2) == pytest.approx(1.0, rel=1e-12)
    assert threshold_generation_rate([0.0, 2.0, 5.0], 2, 2) == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: band_edge_absorption([0.5, 0.5], 3), "even integer"),
        (lambda: band_edge_absorption([0.5, 0.5], 2, 3), "extra_electrons must be an integer"),
        (lambda: band_edge_absorption([0.5, 0.5], 2, -1), "extra_electrons"),
        (lambda: band_edge_absorption([1.2, -0.2], 2), "must be >= 0"),
        (lambda: band_edge_absorption([0.5, 0.4], 2), "sum to 1"),
        (lambda: band_edge_absorption([0.5, math.nan], 2), "finite"),
        (lambda: gain_threshold_charged(2, 5), "within 0-2"),
        (lambda: trion_rates(-0.05, 1.0, 1.0), ">= 0"),
        (lambda: trion_rates(0.0, 1.0, 1.0), "must be > 0"),
        (lambda: trion_rates(0.05, math.nan, 1.0), "X- Auger rate must be finite"),
        (lambda: biexciton_auger_from_trions(1.0, math.inf), "X\\+ Auger rate must be finite"),
        (lambda: pl_decay(1e-3, [0, 1, 1, 2], [0, 1, 1, 2], [0.0]), "distinct"),
        (lambda: pl_decay(1.0, [0, 3, 2], [0, 1, 2], [0.0]), "cannot exceed"),
        (lambda: pl_decay(1.0, [0, 1, 2], [1, 1, 2], [0.0]), "must be 0"),
        (lambda: pl_decay(30.0, [0, 1, 2], [0, 1, 2], [0.0]), "extend the decay ladder"),
        (lambda: pl_decay(-1.0, [0, 1, 2], [0, 1, 2], [0.0]), "finite and >= 0"),
        (lambda: transient_absorption(1.0, np.arange(30.0), 2, [-1.0]), "times"),
        (lambda: transient_absorption(1.0, np.arange(30.0), 2, [math.nan]), "times"),
        (lambda: gain_lifetime(math.nan, np.arange(30.0), 2), "finite"),
        (lambda: threshold_generation_rate([0.0, 1.0], 2), "extend k_total_N"),
        (lambda: threshold_generation_rate([0.0, -1.0, 2.0], 2), "must be > 0"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(QdoptoError, match=message):
        call()  # type: ignore[operator]


# ----------------------------------------------------------------------------- charged ladders
@given(
    st.floats(1e-3, 1.0),
    st.floats(0.0, 50.0),
    st.floats(0.0, 50.0),
)
@settings(max_examples=50, deadline=None)
def test_neutral_ladder_is_the_statistical_scaling(k_x: float, k_m: float, k_p: float) -> None:
    """q = 0: k_rad = N^2 k_X (Nair et al. 2011) and k_A = k_XX N^2 (N-1)/4 with
    k_XX = 2 (k_A- + k_A+) (Klimov et al., Science 287, 1011 (2000); superposition)."""
    k_rad, k_a = charged_ladder_rates(k_x, k_m, k_p, 12, 0)
    assert np.allclose(k_rad, radiative_rates(k_x, 12), rtol=1e-12, atol=0)
    k_xx = biexciton_auger_from_trions(k_m, k_p)
    assert np.allclose(k_a, auger_rates_statistical(k_xx, 12), rtol=1e-12, atol=1e-300)


def test_charged_ladder_counts_carriers() -> None:
    """q = 1: N = 0 is a lone electron (no decay); N = 1 is X- (2 k_X + k_A-, trion_rates);
    N = 2 (3e + 2h): 6 pairs, C(3,2)*2 = 6 e-e-h and 3*C(2,2) = 3 e-h-h configurations."""
    k_x, k_m, k_p = 0.05, 0.7, 1.9
    k_rad, k_a = charged_ladder_rates(k_x, k_m, k_p, 3, 1)
    assert k_rad[0] == 0.0 and k_a[0] == 0.0
    tr = trion_rates(k_x, k_m, k_p)
    assert k_rad[1] + k_a[1] == pytest.approx(tr.total_negative_per_ns, rel=1e-12)
    assert k_rad[2] == pytest.approx(6 * k_x, rel=1e-12)
    assert k_a[2] == pytest.approx(6 * k_m + 3 * k_p, rel=1e-12)
    for bad in ({"n_max": 0}, {"extra_electrons": -1}, {"extra_electrons": 1.5}):
        kwargs = {"n_max": 3, "extra_electrons": 1} | bad
        with pytest.raises(QdoptoError):
            charged_ladder_rates(k_x, k_m, k_p, **kwargs)  # type: ignore[arg-type]


def test_gain_lifetime_of_fully_charged_dots_is_unlimited() -> None:
    """q = g: a_0 = 0, so the relaxed dots stay transparent and gain never ends."""
    k = np.sum(charged_ladder_rates(0.05, 0.5, 2.0, 20, 2), axis=0)
    assert math.isinf(float(gain_lifetime(1.0, k, 2, 2)))
    assert float(gain_lifetime(1.0, k, 2, 1)) > 0
