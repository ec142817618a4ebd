"""Absorption cross-sections far above the band edge, and extinction <-> cross-section.

Far above the band edge the absorption of a QD approaches that of the same volume of bulk
material, screened by the local field: for a dilute suspension (the dilute limit of the
Maxwell Garnett medium, :mod:`qdopto.optics.films`) the absorption per unit QD volume, the
*intrinsic absorption coefficient*, is

    mu_i = (n / n_s) |f_LF|^2 alpha_bulk,   f_LF = 3 eps_s / (eps + 2 eps_s),              (1)

with eps = (n + i k)^2 of the QD material, n_s the medium index (eps_s = n_s^2) and
alpha_bulk = 4 pi k / lambda [C. Ricard, M. Ghanassi, M. C. Schanne-Klein, Opt. Commun. 108,
311 (1994); Z. Hens, I. Moreels, J. Mater. Chem. 22, 10406 (2012), Eqs. (4)-(6)]. The
cross-section is sigma = mu_i V.

Molar extinction: eps_M = N_A sigma / (1000 ln 10) [M^-1 cm^-1] for sigma in cm^2 (Beer-Lambert
with decadic absorbance).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError

Array = NDArray[np.float64]
#: Avogadro constant [1/mol] (SI exact).
AVOGADRO = 6.02214076e23


def local_field_factor(eps_qd: ArrayLike, eps_medium: ArrayLike) -> NDArray[np.complex128]:
    """f_LF = 3 eps_s / (eps + 2 eps_s) of a sphere in a medium (Eq. 1)."""
    e = np.asarray(eps_qd, dtype=complex)
    es = np.asarray(eps_medium, dtype=complex)
    return np.asarray(3.0 * es / (e + 2.0 * es))


def intrinsic_absorption(nk_qd: ArrayLike, wavelength_nm: ArrayLike, n_medium: ArrayLike) -> Array:
    """Intrinsic absorption coefficient mu_i [cm^-1] of QDs far above the band edge (Eq. 1).

    Parameters
    ----------
    nk_qd : complex or ndarray
        Bulk complex refractive index n + i k of the QD material at ``wavelength_nm``.
    wavelength_nm : float or ndarray
        Vacuum wavelength [nm].
    n_medium : float or ndarray
        Refractive index of the medium (real).

    Returns
    -------
    ndarray
        mu_i [cm^-1]; the cross-section of a dot of volume V [cm^3] is mu_i V.
    """
    nk = np.asarray(nk_qd, dtype=complex)
    lam = np.asarray(wavelength_nm, dtype=float)
    ns = np.asarray(n_medium, dtype=float)
    if np.any(lam <= 0) or np.any(ns < 1.0) or np.any(nk.imag < 0):
        raise QdoptoError("need wavelength > 0, medium index >= 1 and k >= 0")
    alpha_bulk = 4.0 * math.pi * nk.imag / (lam * 1e-7)
    f = local_field_factor(nk * nk, ns * ns)
    return np.asarray(nk.real / ns * np.abs(f) ** 2 * alpha_bulk)


def extinction_from_cross_section(sigma_cm2: ArrayLike) -> Array:
    """Molar decadic extinction coefficient [M^-1 cm^-1] from a cross-section [cm^2]."""
    return np.asarray(np.asarray(sigma_cm2, dtype=float) * AVOGADRO / (1000.0 * math.log(10.0)))


def cross_section_from_extinction(epsilon_M_cm: ArrayLike) -> Array:
    """Cross-section [cm^2] from a molar decadic extinction coefficient [M^-1 cm^-1]."""
    return np.asarray(np.asarray(epsilon_M_cm, dtype=float) * 1000.0 * math.log(10.0) / AVOGADRO)
