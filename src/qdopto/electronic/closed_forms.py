"""Closed-form QD energies: particle in an infinite spherical well, Brus/Kayanuma.

These are plain vectorised functions; :mod:`qdopto.electronic.models` wraps them as models.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import spherical_jn

from qdopto.constants import COULOMB_EV_NM, HBAR2_2M0_EV_NM2, RYDBERG_EV

#: Kayanuma's coefficients of the Coulomb and correlation terms [Y. Kayanuma, Phys. Rev. B 38,
#: 9797 (1988), Eq. (30)]: E = Eg + hbar^2 pi^2 / (2 mu R^2) - 1.786 e^2/(eps R) - 0.248 E*_Ry.
KAYANUMA_COULOMB = 1.786
KAYANUMA_CORRELATION = 0.248


@cache
def bessel_zero(l: int, n: int) -> float:
    """n-th zero (n >= 1) of the spherical Bessel function j_l.

    chi_10 = pi, chi_11 = 4.4934, chi_12 = 5.7635, chi_20 = 2 pi (e.g. Abramowitz & Stegun,
    Table 10.6).
    """
    if l < 0 or n < 1:
        raise ValueError("need l >= 0 and n >= 1")
    found = 0
    x0, step = 1e-6 + l * 0.5, 0.05
    f0 = spherical_jn(l, x0)
    x = x0
    while True:
        x1 = x + step
        f1 = spherical_jn(l, x1)
        if f0 * f1 < 0:
            found += 1
            if found == n:
                return float(brentq(lambda t: spherical_jn(l, t), x, x1, xtol=1e-14))
        x, f0 = x1, f1


def infinite_well_energy(
    radius_nm: ArrayLike, mass: ArrayLike, n: int = 1, l: int = 0
) -> NDArray[np.float64]:
    """Confinement energy of a particle in an infinite spherical well.

    E_nl = hbar^2 chi_nl^2 / (2 m R^2) (e.g. Efros & Efros, Sov. Phys. Semicond. 16, 772
    (1982), Eq. (1)).

    Parameters
    ----------
    radius_nm : float or ndarray
        Well radius R [nm].
    mass : float or ndarray
        Effective mass [m_e].
    n, l : int
        Radial and angular quantum numbers.

    Returns
    -------
    ndarray
        Energy above the band edge [eV].
    """
    r = np.asarray(radius_nm, dtype=float)
    return np.asarray(HBAR2_2M0_EV_NM2 * bessel_zero(l, n) ** 2 / (np.asarray(mass) * r**2))


def quantum_box_gap(
    radius_nm: ArrayLike, eg_eV: float, me: float, mh: float
) -> NDArray[np.float64]:
    """E = Eg + hbar^2 pi^2 / (2 mu R^2), mu = me mh/(me + mh) [eV] (Efros & Efros 1982)."""
    mu = me * mh / (me + mh)
    return np.asarray(eg_eV + infinite_well_energy(radius_nm, mu))


def brus_energy(
    radius_nm: ArrayLike, eg_eV: float, me: float, mh: float, eps: float
) -> NDArray[np.float64]:
    """Brus/Kayanuma exciton energy [eV].

    E = Eg + hbar^2 pi^2 / (2 mu R^2) - 1.786 e^2 / (4 pi eps0 eps R) - 0.248 E*_Ry with
    E*_Ry = 13.6057 eV mu / eps^2 [L. E. Brus, J. Chem. Phys. 80, 4403 (1984), Eq. (4);
    Y. Kayanuma, Phys. Rev. B 38, 9797 (1988), Eq. (30)].

    Examples
    --------
    CdSe (Eg 1.74 eV, me 0.13, mh 0.45, eps 9.5) at R = 2.5 nm:

    >>> round(float(brus_energy(2.5, 1.74, 0.13, 0.45, 9.5)), 3)
    2.224
    """
    r = np.asarray(radius_nm, dtype=float)
    mu = me * mh / (me + mh)
    coulomb = KAYANUMA_COULOMB * COULOMB_EV_NM / (eps * r)
    rydberg = RYDBERG_EV * mu / eps**2
    return np.asarray(quantum_box_gap(r, eg_eV, me, mh) - coulomb - KAYANUMA_CORRELATION * rydberg)
