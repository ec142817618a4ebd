"""Electron-hole Coulomb energy and dielectric polarisation, first order in the solved states.

For spherically symmetric (s-like) electron and hole densities the angular average of
1/|r_e - r_h| is 1/max(r_e, r_h), so the direct term is

    E_direct = -(e^2 / 4 pi eps0 eps_in) < 1/max(r_e, r_h) >                         (1)

[e.g. Y. Kayanuma, Phys. Rev. B 38, 9797 (1988), Eq. (3); evaluated with the solved radial
densities instead of the infinite-well ones].

Dielectric mismatch: a sphere of radius R and permittivity eps_1 in a medium eps_2. With the
Green's function of a dielectric sphere [L. E. Brus, J. Chem. Phys. 80, 4403 (1984),
Appendix; written out in P. G. Bolcatto and C. R. Proetto, J. Phys.: Condens. Matter 13, 319
(2001), Eqs. (1)-(3)] each carrier has the self-polarisation (image) energy

    Sigma(r) = (e^2 / 4 pi eps0) (1 / 2R) sum_l alpha_l (r/R)^(2l),
    alpha_l = (eps_1 - eps_2)(l + 1) / (eps_1 (l eps_1 + (l + 1) eps_2)),             (2)

and the electron and hole interact through the induced charge. For s-like densities only the
l = 0 part of that induced interaction survives the angular average, and it cancels the l = 0
parts of the two self energies exactly (Brus 1984), so the polarisation energy is the l >= 1
part of (2) for both carriers. The series diverges at r -> R; as in Bolcatto & Proetto, whose
finite interface width removes the divergence, it is evaluated no closer to the surface than
``surface_cutoff_nm`` (default 0.1 nm, a quarter of a lattice constant). Carriers confined by
a ligand barrier have little density there, so the result is insensitive to the cutoff
(tested).

Approximations (stated in every result): eps_in is the mean permittivity of the layers
weighted by the electron and hole probabilities (exact for a core-only dot, a good
approximation where the layers' permittivities are within ~20 %, as in II-VI and III-V core/
shells); the image charge is set by the outermost layer against the medium.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import COULOMB_EV_NM

Array = NDArray[np.float64]
SURFACE_CUTOFF_NM = 0.1
_L_MAX = 400


@dataclass(frozen=True)
class CoulombTerms:
    """First-order Coulomb terms of a batch [eV]; ``eps_in`` is the effective permittivity."""

    direct: Array
    polarization_e: Array
    polarization_h: Array
    eps_in: Array

    @property
    def total(self) -> Array:
        return np.asarray(self.direct + self.polarization_e + self.polarization_h)


def mean_inverse_max(faces: Array, p_e: Array, p_h: Array) -> Array:
    """< 1/max(r_e, r_h) > [1/nm] for cell probabilities p_e, p_h (B, N) on ``faces``.

    Off-diagonal cell pairs use the cell centres; a cell with itself uses the exact average of
    1/max(r1, r2) for two points distributed uniformly in the volume of that spherical shell.
    """
    a, b = faces[:, :-1], faces[:, 1:]
    c = 0.5 * (a + b)
    below = np.cumsum(p_h, axis=1) - p_h  # j < i
    above = np.cumsum((p_h / c)[:, ::-1], axis=1)[:, ::-1] - p_h / c  # j > i
    off = np.sum(p_e * (below / c + above), axis=1)
    vol = (b**3 - a**3) / 3.0
    same = (2.0 / (3.0 * vol**2)) * ((b**5 - a**5) / 5.0 - a**3 * (b**2 - a**2) / 2.0)
    return np.asarray(off + np.sum(p_e * p_h * same, axis=1))


def self_polarization_series(x: Array, eps_1: float, eps_2: float) -> Array:
    """sum_{l>=1} alpha_l x^(2l) of Eq. (2) (dimensionless), vectorised over x < 1."""
    l = np.arange(1, _L_MAX + 1, dtype=float)
    alpha = (eps_1 - eps_2) * (l + 1) / (eps_1 * (l * eps_1 + (l + 1) * eps_2))
    x2 = np.clip(x, 0.0, 0.999) ** 2
    # Horner evaluation of sum alpha_l y^l, y = x^2
    acc = np.zeros_like(x2)
    for a_l in alpha[::-1]:
        acc = (acc + a_l) * x2
    return acc


def polarization_potential(
    faces: Array,
    eps_surface: float,
    eps_medium: float,
    radius_nm: Array,
    surface_cutoff_nm: float = SURFACE_CUTOFF_NM,
) -> Array:
    """Self-polarisation energy Sigma(r) of a carrier in each cell [eV], Eq. (2), l >= 1."""
    c = 0.5 * (faces[:, 1:] + faces[:, :-1])
    r = np.asarray(radius_nm, dtype=float)[:, None]
    x = np.minimum(c, r - surface_cutoff_nm) / r
    return np.asarray(
        COULOMB_EV_NM / (2.0 * r) * self_polarization_series(x, eps_surface, eps_medium)
    )


def coulomb_terms(
    faces: Array,
    phi_e: Array,
    phi_h: Array,
    eps_cells: Array,
    eps_surface: float,
    eps_medium: float,
    radius_nm: Array,
    surface_cutoff_nm: float = SURFACE_CUTOFF_NM,
    sigma: Array | None = None,
) -> CoulombTerms:
    """Direct Coulomb and polarisation energies of the ground exciton of a batch.

    Parameters
    ----------
    faces : ndarray (B, N+1)
        Cell faces [nm].
    phi_e, phi_h : ndarray (B, N)
        Normalised radial vectors (cell probabilities are phi^2).
    eps_cells : ndarray (N,)
        Permittivity of each cell.
    eps_surface, eps_medium : float
        Permittivities of the outermost layer and of the medium.
    radius_nm : ndarray (B,)
        Outer radius of the particle [nm].
    sigma : ndarray (B, N), optional
        Precomputed :func:`polarization_potential` (reused across transitions).
    """
    p_e, p_h = phi_e**2, phi_h**2
    eps_in = np.sum(0.5 * (p_e + p_h) * eps_cells[None, :], axis=1)
    direct = -COULOMB_EV_NM * mean_inverse_max(faces, p_e, p_h) / eps_in
    if sigma is None:
        sigma = polarization_potential(faces, eps_surface, eps_medium, radius_nm, surface_cutoff_nm)
    return CoulombTerms(
        direct=np.asarray(direct),
        polarization_e=np.sum(p_e * sigma, axis=1),
        polarization_h=np.sum(p_h * sigma, axis=1),
        eps_in=np.asarray(eps_in),
    )
