"""Reflectance and transmittance of planar stacks (characteristic-matrix method).

For normal incidence from the cover side (the last layer of a :class:`Stack`) onto the
substrate (the first), the stack's characteristic matrix is the product of
    M_j = [[cos d_j, -i sin d_j / eta_j], [-i eta_j sin d_j, cos d_j]],
    d_j = 2 pi n_j t_j / lambda,
with optical admittances eta_j = n_j (TE) [M. Born, E. Wolf, *Principles of Optics*, 7th ed.
(1999), Sec. 1.6.2; H. A. Macleod, *Thin-Film Optical Filters*, 4th ed. (2010), Ch. 2].
With [B, C] = M [1, eta_s]: r = (eta_0 B - C)/(eta_0 B + C), R = |r|^2,
T = 4 eta_0 Re(eta_s) / |eta_0 B + C|^2. Vectorised over wavelengths; complex indices allowed.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError

Array = NDArray[np.float64]


def reflectance_transmittance(
    n: ArrayLike, thickness_nm: ArrayLike, wavelength_nm: ArrayLike
) -> tuple[Array, Array]:
    """R and T at normal incidence, light coming from the cover (last) side.

    Parameters
    ----------
    n : ndarray (W, L)
        Complex indices, substrate first and incident medium (cover) last, at W wavelengths.
    thickness_nm : ndarray (L - 2,)
        Inner-layer thicknesses [nm], in the same order (substrate side first).
    wavelength_nm : ndarray (W,)
        Wavelengths [nm].
    """
    lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float))
    n = np.asarray(n, dtype=complex).reshape(lam.size, -1)
    t = np.asarray(thickness_nm, dtype=float)
    if t.size != n.shape[1] - 2:
        raise QdoptoError("need one thickness per inner layer")
    if np.any(~np.isfinite(t)) or np.any(t < 0):
        raise QdoptoError("layer thicknesses must be finite and >= 0 nm")
    eta_s, eta_0 = n[:, 0], n[:, -1]
    b = np.ones(lam.size, dtype=complex)
    c = eta_s.copy()
    for j in range(1, n.shape[1] - 1):  # from the substrate outwards
        delta = 2 * np.pi * n[:, j] * t[j - 1] / lam
        cos, sin = np.cos(delta), np.sin(delta)
        b, c = cos * b - 1j * sin / n[:, j] * c, -1j * n[:, j] * sin * b + cos * c
    denom = eta_0 * b + c
    r = (eta_0 * b - c) / denom
    trans = 4 * eta_0.real * eta_s.real / np.abs(denom) ** 2
    return np.asarray(np.abs(r) ** 2), np.asarray(trans)


def quarter_wave_dbr_reflectance(
    n0: float, ns: float, n_high: float, n_low: float, pairs: int
) -> float:
    """Peak reflectance of a quarter-wave (HL)^N mirror: R = ((1 - x)/(1 + x))^2 with
    x = (n0/ns)(nL/nH)^(2N) (Macleod, Thin-Film Optical Filters, Eq. (5.13))."""
    x = (n0 / ns) * (n_low / n_high) ** (2 * pairs)
    return float(((1 - x) / (1 + x)) ** 2)


def dbr_stopband(n_high: float, n_low: float) -> float:
    """Relative width of the quarter-wave stop band, d(omega)/omega0 =
    (4/pi) asin((nH - nL)/(nH + nL)) (Macleod, Eq. (5.18))."""
    return float(4 / np.pi * np.arcsin((n_high - n_low) / (n_high + n_low)))
