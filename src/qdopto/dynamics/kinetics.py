"""What pump-probe and photoluminescence experiments measure on QD ensembles.

Built on :mod:`qdopto.dynamics.multiexcitons`: band-edge absorption of any population
distribution (neutral or charged dots), gain thresholds of charged dots, trion rates,
time-resolved PL and transient absorption after a pulse, gain lifetimes and CW gain thresholds.
Rates are in 1/ns, times in ns, populations per dot; the last axis of a population array is
N = 0 .. N_max. Everything is vectorised over pump levels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from qdopto.dynamics.multiexcitons import (
    decay_populations,
    ladder_modes,
    poisson,
    steady_state,
)
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]

#: Largest population that a Poisson start may put above the top of a decay ladder.
POISSON_TAIL_TOLERANCE: float = 1e-7
#: Tolerance on the normalisation (and on negative entries) of population distributions.
POPULATION_TOLERANCE: float = 1e-6


def _check_degeneracy(degeneracy: int) -> int:
    if isinstance(degeneracy, bool) or not (
        isinstance(degeneracy, int | np.integer) and degeneracy >= 2 and degeneracy % 2 == 0
    ):
        raise QdoptoError(
            f"band-edge degeneracy must be an even integer >= 2 (2 for CdSe, 8 for PbSe), "
            f"got {degeneracy!r}"
        )
    return int(degeneracy)


def _check_extra_electrons(extra_electrons: int, degeneracy: int) -> int:
    q = extra_electrons
    if isinstance(q, bool) or not (isinstance(q, int | np.integer) and 0 <= q <= degeneracy):
        raise QdoptoError(
            f"extra_electrons must be an integer within 0-{degeneracy} (the band-edge "
            f"degeneracy; further electrons would fill higher levels), got {q!r}"
        )
    return int(q)


def band_edge_weights(n_max: int, degeneracy: int, extra_electrons: int = 0) -> Array:
    """Band-edge absorption a_N of a dot holding N excitons and q extra electrons.

    State filling of a g-fold degenerate band-edge transition: absorption scales with
    (1 - f_e)(1 - f_h) and stimulated emission with f_e f_h, so the net absorption relative to
    an empty dot is a = 1 - f_e - f_h with f_e = n_e / g, f_h = n_h / g, n_e = min(N + q, g),
    n_h = min(N, g) (V. I. Klimov et al., Science 290, 314 (2000) for q = 0, where
    a = 1 - 2 min(N, g) / g; for charged dots K. Wu, Y.-S. Park, J. Lim, V. I. Klimov,
    Nat. Nanotechnol. 12, 1140 (2017), whose band-edge filling argument this is (check the
    equation)).

    Parameters
    ----------
    n_max : int
        Highest N.
    degeneracy : int
        g, even, >= 2.
    extra_electrons : int
        q, 0 <= q <= g.

    Returns
    -------
    ndarray, shape (n_max + 1,)
        a_N (1 = unexcited uncharged dot, negative = gain).

    Examples
    --------
    >>> band_edge_weights(3, 2, 1).tolist()
    [0.5, -0.5, -1.0, -1.0]
    """
    g = _check_degeneracy(degeneracy)
    q = _check_extra_electrons(extra_electrons, g)
    if isinstance(n_max, bool) or not (isinstance(n_max, int | np.integer) and n_max >= 0):
        raise QdoptoError(f"n_max must be an integer >= 0, got {n_max!r}")
    n = np.arange(int(n_max) + 1)
    n_e = np.minimum(n + q, g)
    n_h = np.minimum(n, g)
    return np.asarray((g - n_e - n_h) / g, dtype=float)


def band_edge_absorption(
    populations: ArrayLike, degeneracy: int, extra_electrons: int = 0
) -> Array:
    """Net band-edge absorption of an ensemble with any multiexciton distribution P_N.

    Sum over N of P_N a_N with a_N from :func:`band_edge_weights` (Klimov et al., Science
    290, 314 (2000); charged dots: Wu et al., Nat. Nanotechnol. 12, 1140 (2017)). Relative to
    unexcited, uncharged dots: 1 = full absorption, 0 = transparency, negative = gain (-1 at
    full inversion). For q = 0 and a Poisson P_N it equals
    :func:`~qdopto.dynamics.net_band_edge_absorption`.

    Parameters
    ----------
    populations : ndarray, shape (..., N_max + 1)
        P_N for N = 0 .. N_max (non-negative, summing to 1 over the last axis), e.g. from
        :func:`~qdopto.dynamics.poisson`, :func:`~qdopto.dynamics.steady_state` or
        :func:`~qdopto.dynamics.decay_populations`.
    degeneracy : int
        Band-edge degeneracy g (even, >= 2).
    extra_electrons : int
        Extra electrons q per dot (photodoping, electrochemical or remote charging), 0..g.

    Returns
    -------
    ndarray, shape populations.shape[:-1]
        Net absorption [relative to the unexcited, uncharged dot].
    """
    p = np.asarray(populations, dtype=float)
    if p.ndim == 0 or p.shape[-1] < 1:
        raise QdoptoError("populations need a last axis N = 0 .. N_max")
    if not np.all(np.isfinite(p)):
        raise QdoptoError("populations must be finite")
    if np.any(p < -POPULATION_TOLERANCE):
        raise QdoptoError(f"populations must be >= 0, got {float(p.min()):g}")
    total = p.sum(axis=-1)
    if np.any(np.abs(total - 1.0) > POPULATION_TOLERANCE):
        worst = float(total.flat[int(np.argmax(np.abs(total - 1.0)))])
        raise QdoptoError(
            f"populations must sum to 1 over N, got {worst:.6g}: normalise them, or raise "
            "N_max if a distribution was truncated"
        )
    w = band_edge_weights(p.shape[-1] - 1, degeneracy, extra_electrons)
    return np.asarray(p @ w)


def _poisson_mean_absorption(mean: float, g: int, q: int) -> float:
    n_max = int(g + 40 + 6 * mean)
    return float(poisson(mean, n_max) @ band_edge_weights(n_max, g, q))


def gain_threshold_charged(degeneracy: int, extra_electrons: int = 0) -> float:
    """Poisson <N> at which dots carrying q extra electrons reach optical transparency.

    Solves sum_N P_N(<N>) a_N = 0 for Poisson P_N and a_N of :func:`band_edge_weights`. For
    q = 0 this is :func:`~qdopto.dynamics.gain_threshold_occupancy` (1.146 for g = 2; Klimov
    et al., Science 290, 314 (2000)). For g = 2, q = 1 (a_0 = 1/2, a_1 = -1/2, a_N>=2 = -1)
    the condition is e^-<N> (3 + <N>) = 2, i.e. <N>_th = -W_-1(-2 e^-3) - 3 = 0.5831: gain
    below one exciton per dot; for q = g the dots are transparent without excitons and the
    threshold is 0 (Wu et al., Nat. Nanotechnol. 12, 1140 (2017), "zero-threshold" gain;
    sub-single-exciton lasing: O. V. Kozlov et al., Science 365, 672 (2019) (check)).

    Parameters
    ----------
    degeneracy : int
        Band-edge degeneracy g (even, >= 2).
    extra_electrons : int
        Extra electrons per dot q, 0..g.

    Returns
    -------
    float
        <N>_th [excitons per dot], 0 if the charged dots are already transparent.

    Examples
    --------
    >>> round(gain_threshold_charged(2, 1), 4)
    0.5831
    """
    g = _check_degeneracy(degeneracy)
    q = _check_extra_electrons(extra_electrons, g)
    if _poisson_mean_absorption(0.0, g, q) <= 0.0:
        return 0.0
    return float(brentq(lambda m: _poisson_mean_absorption(m, g, q), 1e-6, 4.0 * g, xtol=1e-12))


@dataclass(frozen=True)
class TrionRates:
    """Decay rates of the negative (X-, 2e + 1h) and positive (X+, 1e + 2h) trion [1/ns].

    Attributes
    ----------
    radiative_per_ns : float
        Radiative rate of either trion, 2 k_X [1/ns].
    auger_negative_per_ns, auger_positive_per_ns : float
        Auger rates of X- and X+ [1/ns].
    """

    radiative_per_ns: float
    auger_negative_per_ns: float
    auger_positive_per_ns: float

    @property
    def total_negative_per_ns(self) -> float:
        """Total decay rate of X- [1/ns]."""
        return self.radiative_per_ns + self.auger_negative_per_ns

    @property
    def total_positive_per_ns(self) -> float:
        """Total decay rate of X+ [1/ns]."""
        return self.radiative_per_ns + self.auger_positive_per_ns

    @property
    def quantum_yield_negative(self) -> float:
        """Emission quantum yield of X-, k_rad / (k_rad + k_A-)."""
        return self.radiative_per_ns / self.total_negative_per_ns

    @property
    def quantum_yield_positive(self) -> float:
        """Emission quantum yield of X+, k_rad / (k_rad + k_A+)."""
        return self.radiative_per_ns / self.total_positive_per_ns

    @property
    def biexciton_auger_per_ns(self) -> float:
        """Biexciton Auger rate from the superposition principle (see
        :func:`biexciton_auger_from_trions`) [1/ns]."""
        return biexciton_auger_from_trions(self.auger_negative_per_ns, self.auger_positive_per_ns)


def _rate(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        raise QdoptoError(f"{name} must be a number [1/ns], got {value!r}")
    v = float(value)
    if not (math.isfinite(v) and v >= 0):
        raise QdoptoError(f"{name} must be finite and >= 0 [1/ns], got {v:g}")
    return v


def trion_rates(
    k_x_rad_per_ns: float, k_xminus_auger_per_ns: float, k_xplus_auger_per_ns: float
) -> TrionRates:
    """Radiative and Auger rates of the two trions from the neutral-exciton radiative rate.

    A trion has two recombination pathways (X-: either of the two electrons with the hole;
    X+: the electron with either hole), so k_rad,X- = k_rad,X+ = 2 k_X: the same pair counting
    that gives k_rad,XX = 4 k_X (G. Nair, J. Zhao, M. G. Bawendi, Nano Lett. 11, 1136 (2011));
    for trions, e.g. C. Galland et al., Nature 479, 203 (2011) (check) and Y.-S. Park,
    W. K. Bae, L. A. Padilha, J. M. Pietryga, V. I. Klimov, Nano Lett. 14, 396 (2014) (check).

    Parameters
    ----------
    k_x_rad_per_ns : float
        Radiative rate of the neutral exciton k_X [1/ns].
    k_xminus_auger_per_ns : float
        Auger rate of the negative trion [1/ns].
    k_xplus_auger_per_ns : float
        Auger rate of the positive trion [1/ns].

    Returns
    -------
    TrionRates
    """
    k_x = _rate(k_x_rad_per_ns, "the exciton radiative rate")
    k_m = _rate(k_xminus_auger_per_ns, "the X- Auger rate")
    k_p = _rate(k_xplus_auger_per_ns, "the X+ Auger rate")
    if k_x == 0.0:
        raise QdoptoError("the exciton radiative rate must be > 0 [1/ns]")
    return TrionRates(2.0 * k_x, k_m, k_p)


def biexciton_auger_from_trions(k_xminus_auger_per_ns: float, k_xplus_auger_per_ns: float) -> float:
    """Biexciton Auger rate from the trion Auger rates: k_XX,A = 2 (k_X-,A + k_X+,A).

    "Superposition principle": a biexciton (2e + 2h) contains two negative-trion (e-e-h)
    and two positive-trion (e-h-h) configurations, each decaying at its trion rate (Park, Bae,
    Padilha, Pietryga, Klimov, Nano Lett. 14, 396 (2014) (check); K. Wu, J. Lim, V. I. Klimov,
    ACS Nano 11, 8437 (2017) (check); illustrated in Fig. 3a of "Engineering Auger
    recombination in colloidal quantum dots via dielectric screening", Nat. Commun. (2019),
    doi:10.1038/s41467-019-09737-2).

    Parameters
    ----------
    k_xminus_auger_per_ns, k_xplus_auger_per_ns : float
        Auger rates of X- and X+ [1/ns].

    Returns
    -------
    float
        k_XX,A [1/ns].
    """
    k_m = _rate(k_xminus_auger_per_ns, "the X- Auger rate")
    k_p = _rate(k_xplus_auger_per_ns, "the X+ Auger rate")
    return 2.0 * (k_m + k_p)


def charged_ladder_rates(
    k_x_rad_per_ns: float,
    k_xminus_auger_per_ns: float,
    k_xplus_auger_per_ns: float,
    n_max: int,
    extra_electrons: int = 0,
) -> tuple[Array, Array]:
    """Radiative and Auger rates of dots holding N excitons and q extra electrons.

    A dot with N_e = N + q electrons and N_h = N holes has N_e N_h recombining pairs, each
    radiating at k_X (as k_rad,XX = 4 k_X and k_rad,X- = 2 k_X; G. Nair, J. Zhao, M. G.
    Bawendi, Nano Lett. 11, 1136 (2011)), and C(N_e, 2) N_h negative-trion (e-e-h) and
    N_e C(N_h, 2) positive-trion (e-h-h) configurations, each decaying at its trion Auger rate
    (the superposition principle of :func:`biexciton_auger_from_trions`):

        k_rad(N) = N_e N_h k_X,
        k_A(N) = [N_e (N_e - 1) / 2] N_h k_A- + N_e [N_h (N_h - 1) / 2] k_A+.

    For q = 0 this is k_rad = N^2 k_X and k_A = k_XX N^2 (N - 1) / 4 with k_XX = 2 (k_A- +
    k_A+): the statistical scaling (:func:`~qdopto.dynamics.auger_rates_statistical`). For
    q = 1, N = 1 it is the negative trion of :func:`trion_rates`. Like the statistical scaling,
    it counts carriers and ignores which levels they fill.

    Parameters
    ----------
    k_x_rad_per_ns : float
        Radiative rate of the neutral exciton [1/ns].
    k_xminus_auger_per_ns, k_xplus_auger_per_ns : float
        Auger rates of X- and X+ [1/ns] (e.g. :func:`qdopto.dynamics.auger.trion_auger_rates`).
    n_max : int
        Highest exciton number N.
    extra_electrons : int
        Extra electrons per dot q (>= 0).

    Returns
    -------
    k_rad, k_auger : ndarray, shape (n_max + 1,)
        Rates of the states N = 0..n_max [1/ns].

    Examples
    --------
    >>> k_rad, k_a = charged_ladder_rates(0.05, 1.0, 2.0, 2, 1)
    >>> k_rad.tolist(), k_a.tolist()
    ([0.0, 0.1, 0.30000000000000004], [0.0, 1.0, 12.0])
    """
    k_x = _rate(k_x_rad_per_ns, "the exciton radiative rate")
    k_m = _rate(k_xminus_auger_per_ns, "the X- Auger rate")
    k_p = _rate(k_xplus_auger_per_ns, "the X+ Auger rate")
    if isinstance(n_max, bool) or not (isinstance(n_max, int | np.integer) and n_max >= 1):
        raise QdoptoError(f"n_max must be an integer >= 1, got {n_max!r}")
    q = extra_electrons
    if isinstance(q, bool) or not (isinstance(q, int | np.integer) and q >= 0):
        raise QdoptoError(f"extra_electrons must be an integer >= 0, got {q!r}")
    n_h = np.arange(int(n_max) + 1, dtype=float)
    n_e = n_h + int(q)
    k_rad = n_e * n_h * k_x
    k_auger = 0.5 * n_e * (n_e - 1.0) * n_h * k_m + 0.5 * n_e * n_h * (n_h - 1.0) * k_p
    return np.asarray(k_rad), np.asarray(k_auger)


def _ladder(k_total_N: ArrayLike, name: str = "k_total_N") -> Array:
    k = np.asarray(k_total_N, dtype=float)
    if k.ndim != 1 or k.size < 2:
        raise QdoptoError(f"{name} must be a 1-D array of rates k_N [1/ns] for N = 0 .. N_max")
    if not np.all(np.isfinite(k)):
        raise QdoptoError(f"{name} must be finite")
    if k[0] != 0.0:
        raise QdoptoError(f"{name}[0] must be 0 (a dot without excitons does not decay)")
    if np.any(k[1:] <= 0):
        raise QdoptoError(f"{name}[N] must be > 0 for N >= 1")
    return k


def _poisson_start(mean_N: ArrayLike, n_levels: int) -> Array:
    m = np.asarray(mean_N, dtype=float)
    p0 = poisson(m, n_levels - 1)
    tail = 1.0 - p0.sum(axis=-1)
    if np.any(tail > POISSON_TAIL_TOLERANCE):
        worst = float(m.flat[int(np.argmax(tail))])
        raise QdoptoError(
            f"<N> = {worst:g} puts {float(tail.max()):.2g} of the dots above N_max = "
            f"{n_levels - 1}: extend the decay ladder k_N to larger N"
        )
    return p0


def _times(times_ns: ArrayLike) -> Array:
    t = np.asarray(times_ns, dtype=float)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t < 0):
        raise QdoptoError("times must be a 1-D array of finite times >= 0 [ns] after the pulse")
    return t


def pl_decay(
    mean_N: ArrayLike, k_rad_N: ArrayLike, k_total_N: ArrayLike, times_ns: ArrayLike
) -> Array:
    """Time-resolved photoluminescence of an ensemble after a short pulse.

    I(t) = sum_N k_rad,N P_N(t): every radiative N -> N - 1 step emits one photon. P_N(0) is
    Poisson with mean <N> (Klimov, J. Phys. Chem. B 104, 6112 (2000), Eq. (1)) and P_N(t)
    follows the decay ladder (:func:`~qdopto.dynamics.decay_populations`). Integrated over
    time each dot emits sum_N P_N(0) sum_{M<=N} k_rad,M / k_total,M photons (<N> for a purely
    radiative ladder).

    Parameters
    ----------
    mean_N : float or ndarray
        Average excitons per dot created by the pulse, <N>.
    k_rad_N : ndarray, shape (N_max + 1,)
        Radiative rates k_rad,N [1/ns] (e.g. :func:`~qdopto.dynamics.radiative_rates`).
    k_total_N : ndarray, shape (N_max + 1,)
        Total rates k_N [1/ns], radiative + Auger + other, k_0 = 0, distinct.
    times_ns : ndarray, shape (T,)
        Times after the pulse [ns].

    Returns
    -------
    ndarray, shape mean_N.shape + (T,)
        I(t) [photons per dot per ns].
    """
    k = _ladder(k_total_N)
    kr = np.asarray(k_rad_N, dtype=float)
    if kr.shape != k.shape or not np.all(np.isfinite(kr)) or np.any(kr < 0):
        raise QdoptoError("k_rad_N must be finite, >= 0 and as long as k_total_N")
    if np.any(kr > k * (1 + 1e-12)):
        raise QdoptoError("radiative rates cannot exceed the total rates (k_rad,N <= k_N)")
    t = _times(times_ns)
    p = decay_populations(_poisson_start(mean_N, k.size), k, t)
    return np.asarray(p @ kr)


def transient_absorption(
    mean_N: ArrayLike,
    k_total_N: ArrayLike,
    degeneracy: int,
    times_ns: ArrayLike,
    extra_electrons: int = 0,
) -> Array:
    """Band-edge transient absorption (bleach) dA/A0 after a short pulse.

    dA/A0 (t) = sum_N P_N(t) a_N - 1 with a_N = 1 - 2 min(N, g) / g (Klimov et al., Science
    290, 314 (2000)): 0 before excitation, -1 at transparency, below -1 under gain. P_N(0) is
    Poisson and P_N(t) follows the decay ladder. For weak pumping,
    dA/A0(0) = -2 <N> / g + O(<N>^2). For dots with q extra electrons a_N is that of
    :func:`band_edge_weights` and ``k_total_N`` the charged ladder
    (:func:`charged_ladder_rates`); A0 stays the absorption of uncharged dots, so the
    unpumped charged film reads -q/g and transparency is still -1.

    Parameters
    ----------
    mean_N : float or ndarray
        <N> created by the pump.
    k_total_N : ndarray, shape (N_max + 1,)
        Total decay rates k_N [1/ns], k_0 = 0, distinct.
    degeneracy : int
        Band-edge degeneracy g.
    times_ns : ndarray, shape (T,)
        Pump-probe delays [ns].
    extra_electrons : int
        Extra electrons per dot q, 0..g.

    Returns
    -------
    ndarray, shape mean_N.shape + (T,)
        dA/A0 [1].
    """
    k = _ladder(k_total_N)
    w = band_edge_weights(k.size - 1, degeneracy, extra_electrons)
    t = _times(times_ns)
    p = decay_populations(_poisson_start(mean_N, k.size), k, t)
    return np.asarray(p @ w - 1.0)


def _modal_absorption(p0: Array, k: Array, w: Array) -> tuple[Array, Array]:
    """a(t) = sum_j c_j exp(lambda_j t) for each initial distribution (rows of p0).

    The same eigen-decomposition of the decay ladder as
    :func:`~qdopto.dynamics.decay_populations`, projected on the band-edge weights so that
    a(t) can be evaluated at a different time for every pump level.
    """
    n = k.size
    lam, v = ladder_modes(k)
    coef = np.linalg.solve(v, p0.reshape(-1, n).T)  # (n, B)
    c = (w @ v)[:, None] * coef  # (n, B)
    return lam, c


def gain_lifetime(
    mean_N: ArrayLike, k_total_N: ArrayLike, degeneracy: int, extra_electrons: int = 0
) -> Array:
    """Time after a short pulse at which the net band-edge absorption climbs back to zero.

    The ensemble has gain while sum_N P_N(t) a_N < 0 (a_N = 1 - 2 min(N, g) / g; Klimov et al.,
    Science 290, 314 (2000); a_N of :func:`band_edge_weights` for dots with q extra
    electrons, whose ladder ``k_total_N`` is then that of the charged states,
    :func:`charged_ladder_rates`). Because excitons only decay, P(t) is stochastically decreasing
    and the absorption increases monotonically, so there is one crossing. It is bracketed on a
    logarithmic time grid and refined by vectorised bisection to machine precision. For
    independent excitons (k_N = N k) the distribution stays Poisson with mean <N> e^-kt, so
    the gain lifetime is ln(<N> / <N>_th) / k.

    Parameters
    ----------
    mean_N : float or ndarray
        <N> created by the pump.
    k_total_N : ndarray, shape (N_max + 1,)
        Total decay rates k_N [1/ns], k_0 = 0, distinct.
    degeneracy : int
        Band-edge degeneracy g.
    extra_electrons : int
        Extra electrons per dot q, 0..g.

    Returns
    -------
    ndarray, shape mean_N.shape
        Gain lifetime [ns]; 0 where there is no gain right after the pulse; inf for dots so
        heavily charged (q = g) that they stay transparent once the excitons have decayed.
    """
    k = _ladder(k_total_N)
    g = _check_degeneracy(degeneracy)
    m = np.asarray(mean_N, dtype=float)
    p0 = _poisson_start(m, k.size)
    w = band_edge_weights(k.size - 1, g, extra_electrons)
    decay_populations(np.zeros(k.size), k, np.zeros(1))  # validates the ladder (distinct k_N)
    a0 = (p0 @ w).ravel()
    lam, c = _modal_absorption(p0, k, w)
    grid = np.concatenate([[0.0], np.geomspace(1e-4 / k.max(), 100.0 / k[1:].min(), 1000)])
    a_grid = (c.T @ np.exp(np.outer(lam, grid))).T  # (T, B)
    gain = a0 < 0
    above = a_grid >= 0
    above[-1] = True  # every dot has decayed to N = 0 (a = 1) by the end of the grid
    idx = np.maximum(np.argmax(above, axis=0), 1)
    lo = grid[idx - 1]
    hi = grid[idx]
    for _ in range(64):
        mid = 0.5 * (lo + hi)
        a_mid = np.einsum("jb,jb->b", c, np.exp(lam[:, None] * mid[None, :]))
        neg = a_mid < 0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    out = np.where(gain, 0.5 * (lo + hi), 0.0)
    if w[0] <= 0.0:  # the relaxed, charged dot is itself transparent: gain never ends
        out = np.where(gain, math.inf, 0.0)
    return np.asarray(out.reshape(m.shape))


def _gain_fraction(x: float) -> float:
    if not (math.isfinite(x) and 0.0 <= x < 1.0):
        raise QdoptoError(
            f"the required net gain must lie in [0, 1) x the unexcited band-edge absorption "
            f"(full inversion gives 1), got {x}"
        )
    return float(x)


def threshold_generation_rate(
    k_total_N: ArrayLike, degeneracy: int, extra_electrons: int = 0, gain_fraction: float = 0.0
) -> float:
    """Generation rate per dot at which CW pumping brings the ensemble to transparency (or to
    a net gain of ``gain_fraction`` times the unexcited band-edge absorption).

    Solves sum_N P_N(G) a_N = -x (x = ``gain_fraction``; 0: transparency) with P_N(G) the
    exact steady state of the pumped decay ladder
    (:func:`~qdopto.dynamics.steady_state`, P_N prop. to prod_{i<=N} G / k_i) and a_N from
    :func:`band_edge_weights` (Klimov et al., Science 290, 314 (2000); charged dots: Wu et
    al., Nat. Nanotechnol. 12, 1140 (2017)). Applies to CW light, quasi-CW pulses much longer
    than the decay times, and electrical injection. The absorption falls monotonically with G
    (the steady state is likelihood-ratio ordered in G), so the root is bracketed on a
    logarithmic grid and refined with Brent's method. For independent excitons (k_N = N k)
    the steady state is Poisson with mean G/k, so G_th = <N>_th k.

    The top state N_max of the ladder is not pumped further: it models a dot that holds at most
    N_max excitons, so give enough levels when that is not intended.

    Parameters
    ----------
    k_total_N : ndarray, shape (N_max + 1,)
        Total decay rates k_N [1/ns] of dots carrying ``extra_electrons`` (k_0 = 0).
    degeneracy : int
        Band-edge degeneracy g.
    extra_electrons : int
        Extra electrons per dot q, 0..g.
    gain_fraction : float
        Required net gain as a fraction x of the unexcited band-edge absorption, 0 <= x < 1
        (a laser needs x = Gamma g_th / (Gamma alpha_1S), :mod:`qdopto.devices.laser`).

    Returns
    -------
    float
        G_th [excitons per dot per ns]; 0 if the dots already reach it without pumping.
        Convert with :func:`~qdopto.dynamics.pumping.intensity_for_generation_rate` or
        :func:`~qdopto.dynamics.pumping.current_density_for_generation_rate`.
    """
    k = _ladder(k_total_N)
    g = _check_degeneracy(degeneracy)
    q = _check_extra_electrons(extra_electrons, g)
    x = _gain_fraction(gain_fraction)
    w = band_edge_weights(k.size - 1, g, q) + x
    if w[0] <= 0.0:
        return 0.0
    if w[-1] >= 0.0:
        raise QdoptoError(
            f"the ladder stops at N_max = {k.size - 1}, where the dots do not reach a net gain "
            f"of {x:g} x the band-edge absorption: extend k_total_N"
        )
    k_lo, k_hi = float(k[1:].min()), float(k[1:].max())
    ratio = k_hi / k_lo
    grid = np.geomspace(1e-12 * k_lo, 1e6 * k_hi * ratio, 800)
    a = steady_state(grid, k) @ w
    if a[-1] >= 0.0:
        raise QdoptoError(
            f"no transparency reached for G up to {grid[-1]:.3g} /ns: check the decay ladder"
        )
    i = int(np.argmax(a < 0.0))
    if i == 0:
        raise QdoptoError("the ensemble shows gain at vanishing pumping: check the decay ladder")

    def f(log_g: float) -> float:
        return float(steady_state(math.exp(log_g), k) @ w)

    root = brentq(f, math.log(grid[i - 1]), math.log(grid[i]), xtol=1e-14, rtol=1e-14)
    return float(math.exp(root))
