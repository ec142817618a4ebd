"""Multiexciton statistics, decay ladders and optical-gain thresholds of QDs.

All functions are vectorised over pump levels (the last axis holds N = 0 .. N_max).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import gammaln

from qdopto.errors import QdoptoError

Array = NDArray[np.float64]


def poisson(mean: ArrayLike, n_max: int = 40) -> Array:
    """Poisson probabilities P(N) = <N>^N e^-<N> / N! for N = 0..n_max.

    The number of excitons created in a dot by a short pulse of fluence j [photons/cm^2] is
    Poisson distributed with <N> = sigma j (e.g. V. I. Klimov, J. Phys. Chem. B 104, 6112
    (2000), Eq. (1)).

    Parameters
    ----------
    mean : float or ndarray
        Average number of excitons per dot, >= 0.
    n_max : int
        Highest N kept.

    Returns
    -------
    ndarray, shape mean.shape + (n_max + 1,)
    """
    m = np.asarray(mean, dtype=float)
    if not np.all(np.isfinite(m)) or np.any(m < 0):
        raise QdoptoError("the average exciton number must be finite and >= 0")
    if not (isinstance(n_max, int) and 1 <= n_max <= 10_000):
        raise QdoptoError("n_max must be an integer within 1-10000")
    n = np.arange(n_max + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = n * np.log(m[..., None]) - m[..., None] - gammaln(n + 1)
    p = np.exp(logp)
    p[..., 0] = np.exp(-m)
    return np.asarray(p)


def net_band_edge_absorption(mean: ArrayLike, degeneracy: int) -> Array:
    """Band-edge absorption of a Poisson-excited ensemble relative to unexcited dots.

    A dot with N excitons in a g-fold degenerate band-edge level (g = 2 spin states times the
    valley degeneracy) absorbs at the band edge in proportion to 1 - 2 min(N, g)/g: empty dots
    absorb fully, half-filled ones are transparent, full ones give the maximum gain (V. I.
    Klimov et al., Science 290, 314 (2000); for the g = 8 lead salts: R. D. Schaller,
    M. A. Petruska, V. I. Klimov, J. Phys. Chem. B 107, 13765 (2003)). Negative values are gain.
    """
    if not (isinstance(degeneracy, int) and degeneracy >= 2 and degeneracy % 2 == 0):
        raise QdoptoError(f"band-edge degeneracy must be an even integer >= 2, got {degeneracy}")
    m = np.asarray(mean, dtype=float)
    n_max = int(max(degeneracy + 40, 6 * float(np.max(m, initial=0.0)) + 40))
    p = poisson(m, n_max)
    n = np.arange(n_max + 1)
    weight = 1.0 - 2.0 * np.minimum(n, degeneracy) / degeneracy
    return np.asarray(np.sum(p * weight, axis=-1))


def gain_threshold_occupancy(degeneracy: int) -> float:
    """Average exciton number <N> at which the band-edge absorption turns into gain.

    Solves net_band_edge_absorption(<N>, g) = 0: 1.146 for g = 2, 2.089 for g = 4,
    4.036 for g = 8 (../shared/REFERENCE_DATA.md).
    """
    g = degeneracy
    return float(brentq(lambda m: float(net_band_edge_absorption(m, g)), 1e-6, 4.0 * g, xtol=1e-12))


def auger_rates_statistical(k_xx_per_ns: float, n_max: int) -> Array:
    """Auger rates k_N [1/ns] of N-exciton states from the biexciton rate.

    Statistical scaling with the number of three-carrier (e-e-h and h-h-e) configurations:
    k_N = k_XX N^2 (N - 1) / 4, so tau_3 = tau_2 / 4.5 and tau_4 = tau_2 / 12 (V. I. Klimov,
    A. A. Mikhailovsky, D. W. McBranch, C. A. Leatherdale, M. G. Bawendi, Science 287, 1011
    (2000)). k_0 = k_1 = 0.
    """
    if not (math.isfinite(k_xx_per_ns) and k_xx_per_ns >= 0):
        raise QdoptoError("the biexciton Auger rate must be finite and >= 0")
    n = np.arange(n_max + 1, dtype=float)
    return np.asarray(k_xx_per_ns * n**2 * (n - 1) / 4.0)


def radiative_rates(k_x_per_ns: float, n_max: int) -> Array:
    """Radiative rates k_N = k_X N^2 [1/ns] (N electrons times N holes able to recombine,
    k_XX = 4 k_X; G. Nair, J. Zhao, M. G. Bawendi, Nano Lett. 11, 1136 (2011))."""
    if not (math.isfinite(k_x_per_ns) and k_x_per_ns >= 0):
        raise QdoptoError("the exciton radiative rate must be finite and >= 0")
    n = np.arange(n_max + 1, dtype=float)
    return np.asarray(k_x_per_ns * n**2)


def biexciton_quantum_yield(tau_xx_ns: ArrayLike, tau_x_ns: ArrayLike) -> Array:
    """QY_XX / QY_X = 4 tau_XX / tau_X, which is also g2(0) of the single-dot emission.

    With k_rad,XX = 4 k_rad,X, QY_XX = k_rad,XX tau_XX and QY_X = k_rad,X tau_X (Nair, Zhao &
    Bawendi, Nano Lett. 11, 1136 (2011)); the ratio is g2(0) for weak excitation (Nair et al.
    2011). Clipped to 1.
    """
    a = np.asarray(tau_xx_ns, dtype=float)
    b = np.asarray(tau_x_ns, dtype=float)
    if np.any(a <= 0) or np.any(b <= 0):
        raise QdoptoError("lifetimes must be positive")
    return np.asarray(np.minimum(4.0 * a / b, 1.0))


def steady_state(generation_per_ns: ArrayLike, decay_per_ns: ArrayLike) -> Array:
    """Steady-state multiexciton populations under continuous pumping.

    Excitons are created at rate G per dot (CW light: G = sigma I / (h nu); electrical
    injection: G = J / (e n_dots)) and an N-exciton state decays at k_N (radiative + Auger):
    dP_N/dt = G P_{N-1} - (G + k_N) P_N + k_{N+1} P_{N+1}. This birth-death chain has the exact
    stationary solution P_N = P_0 prod_{i=1..N} G / k_i (e.g. N. G. van Kampen, *Stochastic
    Processes in Physics and Chemistry*, 3rd ed. (2007), Ch. VI.3), computed in log space and
    vectorised over G.

    Parameters
    ----------
    generation_per_ns : float or ndarray
        Generation rates G [1/ns], >= 0.
    decay_per_ns : ndarray, shape (N_max + 1,)
        k_N [1/ns] for N = 0..N_max (k_0 unused, all others > 0).

    Returns
    -------
    ndarray, shape G.shape + (N_max + 1,)
    """
    g = np.asarray(generation_per_ns, dtype=float)
    k = np.asarray(decay_per_ns, dtype=float)
    if k.ndim != 1 or k.size < 2 or np.any(k[1:] <= 0) or not np.all(np.isfinite(k)):
        raise QdoptoError("decay rates k_N (N >= 1) must be positive and finite")
    if not np.all(np.isfinite(g)) or np.any(g < 0):
        raise QdoptoError("generation rates must be finite and >= 0")
    with np.errstate(divide="ignore"):
        logg = np.log(g)[..., None]
    logs = np.concatenate(
        [np.zeros((*g.shape, 1)), np.cumsum(logg - np.log(k[1:]), axis=-1)], axis=-1
    )
    logs = np.where(np.isfinite(logs), logs, -np.inf)
    logs -= logs.max(axis=-1, keepdims=True)
    p = np.exp(logs)
    return np.asarray(p / p.sum(axis=-1, keepdims=True))


def ladder_modes(decay_per_ns: Array) -> tuple[Array, Array]:
    """Eigenvalues [1/ns] and eigenvectors of the decay ladder dP_N/dt = -k_N P_N +
    k_{N+1} P_{N+1} (upper bidiagonal, so the eigenvalues are -k_N and real)."""
    k = np.asarray(decay_per_ns, dtype=float)
    a = np.diag(-k) + np.diag(k[1:], 1)
    w, v = np.linalg.eig(a)
    return np.asarray(w.real), np.asarray(v.real)


def decay_populations(p0: ArrayLike, decay_per_ns: ArrayLike, times_ns: ArrayLike) -> Array:
    """Populations P_N(t) after a pulse, for the decay ladder N -> N - 1 at rates k_N.

    dP_N/dt = -k_N P_N + k_{N+1} P_{N+1}: a bidiagonal (upper) system solved exactly through
    its eigen-decomposition (distinct k_N required), vectorised over initial distributions.

    Parameters
    ----------
    p0 : ndarray, shape (..., N_max + 1)
        Initial populations (e.g. :func:`poisson`).
    decay_per_ns : ndarray, shape (N_max + 1,)
        k_N with k_0 = 0 and distinct values.
    times_ns : ndarray, shape (T,)
        Times [ns].

    Returns
    -------
    ndarray, shape (..., T, N_max + 1)
    """
    k = np.asarray(decay_per_ns, dtype=float)
    p0 = np.asarray(p0, dtype=float)
    t = np.asarray(times_ns, dtype=float)
    n = k.size
    if p0.shape[-1] != n:
        raise QdoptoError("initial populations and decay rates must cover the same N")
    if np.any(np.diff(np.sort(k)) <= 1e-12 * max(float(k.max()), 1.0)):
        raise QdoptoError("decay rates must be distinct for the exact solution")
    w, v = ladder_modes(k)
    coef = np.linalg.solve(v, np.moveaxis(p0, -1, 0).reshape(n, -1))  # (n, batch)
    expo = np.exp(np.outer(t, w))  # (T, n)
    out = np.einsum("ij,tj,jb->bti", v, expo, coef)
    return np.asarray(out.reshape((*p0.shape[:-1], t.size, n)))


def band_edge_degeneracy(material: str) -> int:
    """Degeneracy g of the band-edge electron level (spin x conduction-band valleys).

    2 for semiconductors with the conduction-band minimum at Gamma (spin only: the 1S_e level
    of CdSe, InP ...; V. I. Klimov et al., Science 290, 314 (2000)); 8 for the rock-salt lead
    chalcogenides (4 L valleys x spin; Kang & Wise, J. Opt. Soc. Am. B 14, 1632 (1997)).
    Not defined here for indirect or inverted-band materials (their band edges have other
    degeneracies and fine structure): an error.
    """
    from qdopto.materials import default_database

    mat = default_database().get(material)
    if mat.crystal_structure == "rocksalt":
        return 8
    if mat.category == "semiconductor" and mat.gap_type == "direct":
        return 2
    raise QdoptoError(
        f"the band-edge degeneracy of {mat.name} is not defined in qdopto "
        f"({mat.gap_type or 'unknown'} gap, {mat.crystal_structure or 'unknown'} structure)"
    )
