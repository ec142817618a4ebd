"""Spectra of ensembles: size distributions, homogeneous linewidths and fast line synthesis.

The spectrum of N dots with transition energies E_j and strengths w_j, each broadened by the
same homogeneous lineshape L, is S(E) = sum_j w_j L(E - E_j). For large ensembles it is
computed as a weighted histogram of the E_j on a fine uniform grid (linear, area-conserving
binning) convolved with L by FFT: O(N + G log G) instead of O(N G). The result equals the direct
sum to within the binning error, which for a grid spacing h and linewidth Gamma is of order
(h/Gamma)^2 (tested).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import roots_hermitenorm, voigt_profile

from qdopto.constants import KB_EV_K
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]
#: FWHM of a unit-sigma Gaussian: 2 sqrt(2 ln 2).
GAUSS_FWHM = 2.0 * math.sqrt(2.0 * math.log(2.0))
LINESHAPES = ("gaussian", "lorentzian", "voigt")


def homogeneous_linewidth(
    temperature_K: ArrayLike,
    gamma0_meV: float,
    sigma_ac_ueV_K: float,
    gamma_lo_meV: float,
    e_lo_meV: float,
) -> Array:
    """Homogeneous linewidth (FWHM) [meV] with acoustic and LO-phonon broadening.

    Gamma(T) = Gamma_0 + sigma_ac T + Gamma_LO / (exp(E_LO / k_B T) - 1)
    [S. Rudin, T. L. Reinecke, B. Segall, Phys. Rev. B 42, 11218 (1990), Eq. (1); applied to
    colloidal CdSe/ZnS QDs by D. Valerini et al., Phys. Rev. B 71, 235409 (2005), who find
    sigma_ac up to 71 ueV/K and Gamma_LO down to 21 meV].

    Parameters
    ----------
    temperature_K : float or ndarray
        Temperature [K].
    gamma0_meV, sigma_ac_ueV_K, gamma_lo_meV, e_lo_meV : float
        Zero-temperature width [meV], acoustic coupling [ueV/K], LO coupling [meV] and LO-phonon
        energy [meV].
    """
    t = np.asarray(temperature_K, dtype=float)
    if np.any(t < 0) or not np.all(np.isfinite(t)):
        raise QdoptoError("temperature must be finite and >= 0 K")
    if min(gamma0_meV, sigma_ac_ueV_K, gamma_lo_meV) < 0 or e_lo_meV <= 0:
        raise QdoptoError("linewidth parameters must be >= 0 (and E_LO > 0)")
    with np.errstate(over="ignore", divide="ignore"):
        occupation = np.where(
            t > 0, 1.0 / np.expm1(e_lo_meV * 1e-3 / (KB_EV_K * np.maximum(t, 1e-300))), 0.0
        )
    return np.asarray(gamma0_meV + sigma_ac_ueV_K * 1e-3 * t + gamma_lo_meV * occupation)


def size_quadrature(
    mean_nm: float, dispersion_pct: float, kind: str = "normal", nodes: int = 41
) -> tuple[Array, Array]:
    """Sizes and weights that integrate over a size distribution (Gauss-Hermite quadrature).

    Parameters
    ----------
    mean_nm : float
        Mean size [nm] (of the diameter or radius, whichever the caller distributes).
    dispersion_pct : float
        Standard deviation as a percentage of the mean (normal), or sigma of ln(size) in
        percent (log-normal, whose median is ``mean_nm``).
    kind : str
        ``normal`` or ``lognormal``.
    nodes : int
        Quadrature nodes; exact for polynomials of degree 2 nodes - 1 in the standardised size.

    Returns
    -------
    sizes, weights : ndarray
        Positive sizes [nm] and weights summing to 1 (nodes at non-positive sizes of a wide
        normal distribution are dropped and the weights renormalised).
    """
    if not (math.isfinite(mean_nm) and mean_nm > 0):
        raise QdoptoError(f"mean size must be positive, got {mean_nm}")
    if not (math.isfinite(dispersion_pct) and 0 <= dispersion_pct <= 50):
        raise QdoptoError(f"size dispersion must be within 0-50 %, got {dispersion_pct}")
    if dispersion_pct == 0:
        return np.array([mean_nm]), np.array([1.0])
    x, w = roots_hermitenorm(nodes)
    w = w / w.sum()
    s = dispersion_pct / 100.0
    if kind == "normal":
        sizes = mean_nm * (1.0 + s * x)
    elif kind == "lognormal":
        sizes = mean_nm * np.exp(s * x)
    else:
        raise QdoptoError(f"unknown size distribution '{kind}'; use normal or lognormal")
    keep = sizes > 0
    return sizes[keep], w[keep] / w[keep].sum()


def _kernel(shape: str, offsets: Array, fwhm: float, lorentz_fwhm: float) -> Array:
    if shape == "gaussian":
        sigma = fwhm / GAUSS_FWHM
        return np.asarray(np.exp(-0.5 * (offsets / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi)))
    if shape == "lorentzian":
        g = fwhm / 2.0
        return np.asarray(g / math.pi / (offsets**2 + g * g))
    if shape == "voigt":
        return np.asarray(voigt_profile(offsets, fwhm / GAUSS_FWHM, lorentz_fwhm / 2.0))
    raise QdoptoError(f"unknown lineshape '{shape}'; use one of {', '.join(LINESHAPES)}")


def line_spectrum(
    energies_eV: ArrayLike,
    weights: ArrayLike,
    grid_eV: ArrayLike,
    fwhm_eV: float,
    shape: str = "gaussian",
    *,
    lorentz_fwhm_eV: float = 0.0,
    method: str = "auto",
) -> Array:
    """S(E) = sum_j w_j L(E - E_j) on ``grid_eV`` (L normalised to unit area) [weights/eV].

    Parameters
    ----------
    energies_eV, weights : ndarray
        Line positions [eV] and strengths (same shape; any units).
    grid_eV : ndarray
        Uniform, increasing energy grid [eV].
    fwhm_eV : float
        FWHM of the Gaussian or Lorentzian lineshape, or of the Gaussian part of a Voigt [eV].
    shape : str
        ``gaussian``, ``lorentzian`` or ``voigt``.
    lorentz_fwhm_eV : float
        Lorentzian FWHM of a Voigt lineshape [eV].
    method : str
        ``direct`` (exact sum, O(N G)), ``fft`` (binning + FFT convolution) or ``auto``.
    """
    e = np.ravel(np.asarray(energies_eV, dtype=float))
    w = np.ravel(np.broadcast_to(np.asarray(weights, dtype=float), np.shape(energies_eV)))
    grid = np.asarray(grid_eV, dtype=float)
    if grid.ndim != 1 or grid.size < 3:
        raise QdoptoError("the energy grid needs at least 3 points")
    h = grid[1] - grid[0]
    if h <= 0 or not np.allclose(np.diff(grid), h, rtol=1e-6, atol=0.0):
        raise QdoptoError("the energy grid must be uniform and increasing")
    if not (math.isfinite(fwhm_eV) and fwhm_eV > 0):
        raise QdoptoError(f"linewidth must be positive, got {fwhm_eV}")
    if not (np.all(np.isfinite(e)) and np.all(np.isfinite(w))):
        raise QdoptoError("line energies and weights must be finite")
    if method == "auto":
        method = "direct" if e.size * grid.size <= 2_000_000 else "fft"
    if method == "direct":
        return np.asarray(_kernel(shape, grid[:, None] - e[None, :], fwhm_eV, lorentz_fwhm_eV) @ w)
    if method != "fft":
        raise QdoptoError(f"unknown method '{method}'; use direct, fft or auto")
    # fine working grid: at least 8 points per FWHM and at most the user grid spacing, padded by
    # 10 FWHM so that lines near the edges keep their tails
    width = max(fwhm_eV, lorentz_fwhm_eV)
    hf = min(h, min(fwhm_eV, lorentz_fwhm_eV or fwhm_eV) / 8.0)
    pad = 10.0 * width + 2 * h
    lo, hi = grid[0] - pad, grid[-1] + pad
    n = math.ceil((hi - lo) / hf) + 1
    pos = (e - lo) / hf
    i0 = np.floor(pos).astype(np.int64)
    frac = pos - i0
    inside = (i0 >= 0) & (i0 < n - 1)
    hist = np.bincount(i0[inside], weights=w[inside] * (1.0 - frac[inside]), minlength=n)
    hist += np.bincount(i0[inside] + 1, weights=w[inside] * frac[inside], minlength=n)
    offsets = (np.arange(n) - n // 2) * hf
    kern = _kernel(shape, offsets, fwhm_eV, lorentz_fwhm_eV)
    m = 1 << math.ceil(math.log2(2 * n))
    conv = np.fft.irfft(np.fft.rfft(hist, m) * np.fft.rfft(kern, m), m)[n // 2 : n // 2 + n]
    fine = lo + np.arange(n) * hf
    return np.asarray(np.interp(grid, fine, conv))
