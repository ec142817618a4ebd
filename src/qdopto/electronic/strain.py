"""Strain-modified band edges of a zinc-blende layer or dot coherently strained to a matrix.

Self-assembled (Stranski-Krastanov) InAs or InGaAs dots and their wetting layer are grown
coherently on GaAs(001): the dot material takes the matrix lattice constant in the growth plane
and relaxes along [001]. This module gives the strain tensor of that pseudomorphic (biaxial,
quantum-well) state and the deformation-potential shifts of the band edges at k = 0.

Strain (biaxial, [001] growth, matrix unstrained)
-------------------------------------------------
    eps_xx = eps_yy = eps_par = a_matrix / a_dot - 1,
    eps_zz = eps_perp = -2 (C12 / C11) eps_par,

[C. G. Van de Walle, Phys. Rev. B 39, 1871 (1989), Sec. II; S. L. Chuang, *Physics of
Optoelectronic Devices* (Wiley, 1995), Ch. 4, strained-layer band edges]. The hydrostatic part
is the volume change eps_h = Tr(eps) = 2 eps_par + eps_perp, the biaxial (tetragonal) part is
eps_b = eps_perp - eps_par.

Band-edge shifts (Pikus-Bir Hamiltonian at k = 0, electron-energy scale)
------------------------------------------------------------------------
    dEc    = a_c eps_h
    P      = a_v eps_h                    (hydrostatic valence shift is -P)
    Q      = b (eps_perp - eps_par)       (= -(b/2)(eps_xx + eps_yy - 2 eps_zz))
    dEv_hh = -P - Q
    dEv_lh = -P + Q                        (light hole without spin-orbit coupling)
    dEv_lh,so = -P + [Q - D + sqrt(D^2 + 2 D Q + 9 Q^2)] / 2   (D = spin-orbit splitting)

These are Chuang's P_eps, Q_eps and band-edge energies (Chuang 1995, Ch. 4; equivalently
Van de Walle 1989, Eqs. for E_v1, E_v2 with delta E_001 = 2 b (eps_zz - eps_xx)), written with
the deformation potentials **in the sign convention of Vurgaftman, Meyer, Ram-Mohan, J. Appl.
Phys. 89, 5815 (2001)** that the database stores: a_c < 0 and a_v < 0 (e.g. GaAs a_c = -7.17,
a_v = -1.16, b = -2.0 eV). Chuang and Van de Walle write a_v > 0 (GaAs +1.16 eV) and
P_eps = -a_v^Chuang eps_h, so P = a_v^Vurgaftman eps_h is the same quantity. With these signs
the hydrostatic gap deformation potential is a = a_c + a_v^Vurgaftman (= a_c - a_v^Chuang)
= -8.33 eV for GaAs: compression (eps_h < 0) raises the conduction band, lowers the valence
band and opens the gap, and biaxial compression (eps_par < 0) puts the heavy hole above the
light hole, as in every strained-layer text. (The same convention is used by the
Vurgaftman-based codes openbandparams, ``iii_v_zinc_blende_strained.py``, and solcore,
``quantum_mechanics/strain.py``, which take |a_v| with Chuang's sign.)

Masses
------
Heavy- and light-hole band-edge masses along [001] and in the (001) plane from the Luttinger
parameters in the axial approximation: m_hh,z = 1/(g1 - 2 g2), m_hh,par = 1/(g1 + g2),
m_lh,z = 1/(g1 + 2 g2), m_lh,par = 1/(g1 - g2) [J. M. Luttinger, Phys. Rev. 102, 1030 (1956);
Chuang 1995, Ch. 4; Vurgaftman et al. 2001, Sec. II.C]. The strain-induced change of the
masses (HH-LH mixing, Kane coupling) is neglected.

Eshelby model (``model="eshelby"``)
-----------------------------------
A spheroidal dot (semi-axes a = b in the growth plane, c along [001]; aspect ratio
c/a = height / base diameter: oblate < 1, sphere = 1, prolate > 1) buried in an infinite
matrix, treated as a misfitting inclusion in linear isotropic elasticity with the *matrix's*
elastic constants for dot and matrix [J. D. Eshelby, Proc. R. Soc. A 241, 376 (1957);
T. Mura, *Micromechanics of Defects in Solids*, 2nd ed. (Martinus Nijhoff, 1987), Sec. 11].
The eigenstrain (stress-free transformation strain relative to the matrix lattice) is
eps* = (a_dot - a_matrix) / a_matrix along x, y, z; the strain inside is uniform,
eps_tot = S : eps*, with S the Eshelby tensor of the spheroid (Mura 1987, Sec. 11, closed
forms for a1 = a2 with the function g(alpha); near the sphere, |alpha - 1| <= 0.01, their
Taylor series about alpha = 1 through (alpha - 1)^5, derived symbolically from the same closed
forms, replaces them to avoid the 0/0 cancellation). The Poisson ratio is the matrix's
nu = C12 / (C11 + C12), the exact Poisson ratio of a cubic crystal for stress along <100>, for
which nu / (1 - nu) = C12 / C11, so the thin-disk limit (alpha -> 0: S_3333 -> 1,
S_3311 -> nu/(1 - nu), S_11kk -> 0) is exactly the biaxial [001] strain with the matrix's
constants. The elastic strain of the dot material relative to its own lattice, used in the
Pikus-Bir shifts, is

    eps_dot,ii = (1 + eps_tot,ii) a_matrix / a_dot - 1   (= eps_tot,ii - eps* to first order),

with eps_par = eps_dot,xx = eps_dot,yy and eps_perp = eps_dot,zz. The trace of eps_tot is
(1 + nu)/(1 - nu) eps* for every ellipsoid (sum of S_iikk from Mura's I-integral form with
I_1 + I_2 + I_3 = 4 pi; cf. A. V. Nenashev, A. V. Dvurechenskii, J. Appl. Phys. 107, 064322
(2010)), so the hydrostatic band shifts do not depend on the shape and equal the biaxial ones
(with isotropic constants) to first order; only the biaxial part eps_perp - eps_par, and with it
the heavy-/light-hole splitting, decreases from the quantum-well value (disk) to zero (sphere).

Validity
--------
The biaxial state is exact (in continuum elasticity) for a thin pseudomorphic layer such as the
wetting layer. Inside a real island the strain is partly relaxed and inhomogeneous; the
hydrostatic part inside a pyramid or lens is close to the quantum-well value while the biaxial
part is smaller (Grundmann, Stier, Bimberg, Phys. Rev. B 52, 11969 (1995); Pryor et al.,
J. Appl. Phys. 83, 2548 (1998)). For dots ``model="biaxial"`` is an upper bound on the
heavy-hole/light-hole splitting; ``model="eshelby"`` gives the uniform strain of a buried
spheroid, an idealisation of a lens-shaped dot (no wetting layer, no free surface, isotropic
elasticity with the matrix's constants, linear elasticity at a 7 % misfit). The matrix is taken
as unstrained far from the dot (a thick substrate or buffer). Lattice constants are the
database's 300 K values at every temperature (their thermal change, ~2e-5 relative per 100 K,
is negligible next to the 7 % InAs/GaAs mismatch).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import MissingParameterError, QdoptoError
from qdopto.materials import Material, ResolvedMaterial, default_database
from qdopto.materials.database import Database

Array = NDArray[np.float64]

#: Name under which this model asks the database for parameters (appears in error messages).
MODEL_NAME = "strained band edges"
#: Strain models offered by :func:`strained_band_edges`.
STRAIN_MODELS = ("biaxial", "eshelby")
#: Crystal structure for which the cubic [001] relations hold.
ZINC_BLENDE = "zincblende"
#: Parameters the strained material needs (deformation potentials first: they are the ones
#: most often missing).
DOT_PARAMETERS = (
    "deformation_ac",
    "deformation_av",
    "deformation_b",
    "elastic_C11",
    "elastic_C12",
    "lattice_a",
    "delta_so",
    "luttinger_gamma1",
    "luttinger_gamma2",
    "Ec",
    "Ev",
    "Eg",
)
#: Parameters the (unstrained) matrix needs.
MATRIX_PARAMETERS = ("lattice_a", "Ec", "Ev", "Eg")
#: Extra matrix parameters of ``model="eshelby"`` (isotropic constants of dot and matrix).
MATRIX_ELASTIC_PARAMETERS = ("elastic_C11", "elastic_C12")
#: Citation of the relations, recorded in every result.
SOURCE = (
    "biaxial [001] strain and Pikus-Bir band-edge shifts: C. G. Van de Walle, Phys. Rev. B 39, "
    "1871 (1989); S. L. Chuang, Physics of Optoelectronic Devices (Wiley, 1995), Ch. 4; "
    "deformation potentials in the sign convention of I. Vurgaftman, J. R. Meyer, "
    "L. R. Ram-Mohan, J. Appl. Phys. 89, 5815 (2001) (a_c, a_v < 0; gap potential a_c + a_v)"
)

#: Citation of the Eshelby model, recorded in results of ``model="eshelby"``.
ESHELBY_SOURCE = (
    "uniform strain in a misfitting spheroidal inclusion, isotropic elasticity with the matrix's "
    "constants (nu = C12/(C11 + C12)): J. D. Eshelby, Proc. R. Soc. A 241, 376 (1957); "
    "T. Mura, Micromechanics of Defects in Solids, 2nd ed. (Martinus Nijhoff, 1987), Sec. 11; "
    "band-edge shifts as for the biaxial model: " + SOURCE
)
#: Half-width of the window |alpha - 1| in which the Eshelby tensor is taken from its Taylor
#: series about the sphere instead of the closed forms (which are 0/0 at alpha = 1 and lose
#: about eps_machine / (alpha^2 - 1)^2 to cancellation: ~1e-12 at the window edge, where the
#: truncation error of the series, ~0.01^6 x its next coefficient, is ~1e-14).
SPHERE_SERIES_HALF_WIDTH = 0.01
#: Taylor coefficients of the spheroid's S_iijj about the sphere: (1 - nu) S_iijj
#: = sum_n (p_n + q_n nu) / d_n (alpha - 1)^n, entries (p_n, q_n, d_n) for n = 0..5. Derived
#: (with SymPy) from Mura's closed forms for a1 = a2 (Mura 1987, Sec. 11); the n = 0 terms are
#: the sphere's (7 - 5 nu)/15 and (5 nu - 1)/15 (Mura 1987, Eq. 11.21).
_SPHERE_SERIES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "S1111": (
        (7, -5, 15),
        (16, -14, 105),
        (-4, 3, 35),
        (268, -176, 3465),
        (-445, 260, 9009),
        (152, -80, 5005),
    ),
    "S1122": (
        (-1, 5, 15),
        (-4, 14, 105),
        (2, -9, 105),
        (-28, 176, 3465),
        (25, -260, 9009),
        (-8, 240, 15015),
    ),
    "S1133": (
        (-1, 5, 15),
        (2, 14, 105),
        (1, -9, 105),
        (-64, 176, 3465),
        (160, -260, 9009),
        (-208, 240, 15015),
    ),
    "S3311": (
        (-1, 5, 15),
        (2, -28, 105),
        (1, 18, 105),
        (-64, -352, 3465),
        (160, 520, 9009),
        (-208, -480, 15015),
    ),
    "S3333": (
        (7, -5, 15),
        (-32, 28, 105),
        (16, -18, 105),
        (-224, 352, 3465),
        (200, -520, 9009),
        (-64, 480, 15015),
    ),
}


# ---------------------------------------------------------------------------- building blocks
def biaxial_strain(
    a_layer: ArrayLike, a_matrix: ArrayLike, c11: ArrayLike, c12: ArrayLike
) -> tuple[Array, Array]:
    """In-plane and growth-axis strain of a layer coherently strained on a (001) matrix.

    eps_par = a_matrix / a_layer - 1 and eps_perp = -2 (C12/C11) eps_par (zero stress along
    [001]; Van de Walle, Phys. Rev. B 39, 1871 (1989), Sec. II; Chuang 1995, Ch. 4).

    Parameters
    ----------
    a_layer : float or ndarray
        Unstrained lattice constant of the layer (dot) [nm].
    a_matrix : float or ndarray
        Lattice constant of the matrix/substrate [nm].
    c11, c12 : float or ndarray
        Elastic stiffnesses of the layer [any common unit, e.g. GPa].

    Returns
    -------
    eps_par, eps_perp : ndarray
        Strain in the growth plane and along [001] [dimensionless]; negative eps_par is
        compressive.
    """
    a_l = np.asarray(a_layer, dtype=float)
    a_m = np.asarray(a_matrix, dtype=float)
    if np.any(a_l <= 0.0) or np.any(a_m <= 0.0):
        raise QdoptoError("lattice constants must be positive; check the materials' lattice_a.")
    eps_par = a_m / a_l - 1.0
    eps_perp = -2.0 * np.asarray(c12, dtype=float) / np.asarray(c11, dtype=float) * eps_par
    return eps_par, eps_perp


def band_edge_shifts(
    eps_par: ArrayLike,
    eps_perp: ArrayLike,
    a_c: ArrayLike,
    a_v: ArrayLike,
    b: ArrayLike,
    delta_so: ArrayLike | None = None,
) -> tuple[Array, Array, Array, Array]:
    """Deformation-potential shifts of the k = 0 band edges under [001] biaxial strain.

    dEc = a_c eps_h; with P = a_v eps_h and Q = b (eps_perp - eps_par): dEv_hh = -P - Q,
    dEv_lh = -P + Q, and with spin-orbit coupling of the light hole to the split-off band
    dEv_lh,so = -P + [Q - D + sqrt(D^2 + 2 D Q + 9 Q^2)]/2 (Chuang 1995, Ch. 4; Van de Walle,
    Phys. Rev. B 39, 1871 (1989)). eps_h = 2 eps_par + eps_perp.

    Parameters
    ----------
    eps_par, eps_perp : float or ndarray
        In-plane and [001] strain [dimensionless].
    a_c, a_v : float or ndarray
        Hydrostatic deformation potentials of conduction and valence band [eV], **Vurgaftman
        et al. (2001) sign convention** (both negative for III-V; gap potential a_c + a_v).
    b : float or ndarray
        Shear deformation potential [eV] (negative).
    delta_so : float or ndarray, optional
        Spin-orbit splitting [eV]; without it the coupled light-hole shift is NaN.

    Returns
    -------
    dEc, dEv_hh, dEv_lh, dEv_lh_so : ndarray
        Shifts of the conduction band, heavy hole, light hole (uncoupled) and light hole
        coupled to the split-off band [eV, electron energies].
    """
    e_par = np.asarray(eps_par, dtype=float)
    e_perp = np.asarray(eps_perp, dtype=float)
    eps_h = 2.0 * e_par + e_perp
    d_ec = np.asarray(a_c, dtype=float) * eps_h
    p = np.asarray(a_v, dtype=float) * eps_h
    q = np.asarray(b, dtype=float) * (e_perp - e_par)
    d_hh = -p - q
    d_lh = -p + q
    if delta_so is None:
        d_lh_so = np.full_like(d_lh, np.nan)
    else:
        d = np.asarray(delta_so, dtype=float)
        d_lh_so = -p + 0.5 * (q - d + np.sqrt(d * d + 2.0 * d * q + 9.0 * q * q))
    return d_ec, d_hh, d_lh, d_lh_so


def isotropic_poisson_ratio(c11: ArrayLike, c12: ArrayLike) -> Array:
    """Poisson ratio nu = C12 / (C11 + C12) of a cubic crystal for stress along <100>.

    Uniaxial stress along [100] with free lateral faces gives eps_yy = -nu eps_xx with
    nu = C12/(C11 + C12) (Hooke's law of a cubic crystal, J. F. Nye, *Physical Properties of
    Crystals*, Oxford 1957, Ch. VIII; W. A. Brantley, J. Appl. Phys. 44, 534 (1973)). With it
    nu/(1 - nu) = C12/C11, so an isotropic medium of this nu has the cubic crystal's [001]
    biaxial strain ratio.

    Parameters
    ----------
    c11, c12 : float or ndarray
        Elastic stiffnesses [any common unit, e.g. GPa].

    Returns
    -------
    ndarray
        Poisson ratio [dimensionless].
    """
    c11a, c12a = np.asarray(c11, dtype=float), np.asarray(c12, dtype=float)
    if np.any(c11a <= 0.0) or np.any(c11a + c12a <= 0.0):
        raise QdoptoError("elastic constants need C11 > 0 and C11 + C12 > 0; check the material.")
    nu: Array = c12a / (c11a + c12a)
    return nu


def eshelby_spheroid_tensor(aspect_ratio: ArrayLike, poisson_ratio: ArrayLike) -> Array:
    """Normal components S_iijj of the Eshelby tensor of a spheroid in an isotropic medium.

    Spheroid with semi-axes a1 = a2 (x, y) and a3 (z, symmetry axis), aspect ratio
    alpha = a3/a1 (oblate < 1, prolate > 1). Closed forms (Mura 1987, Sec. 11, a1 = a2):

        g = alpha / (1 - alpha^2)^{3/2} [arccos(alpha) - alpha sqrt(1 - alpha^2)]   (oblate)
        g = alpha / (alpha^2 - 1)^{3/2} [alpha sqrt(alpha^2 - 1) - arccosh(alpha)]  (prolate)
        S_1111 = S_2222 = 3 alpha^2 / (8 (1-nu)(alpha^2-1))
                          + [1 - 2 nu - 9 / (4 (alpha^2-1))] g / (4 (1-nu))
        S_1122 = S_2211 = [alpha^2 / (2 (alpha^2-1)) - (1 - 2 nu + 3 / (4 (alpha^2-1))) g]
                          / (4 (1-nu))
        S_1133 = S_2233 = [-alpha^2/(alpha^2-1) + (3 alpha^2/(alpha^2-1) - (1 - 2 nu)) g / 2]
                          / (2 (1-nu))
        S_3311 = S_3322 = [-(1 - 2 nu) - 1/(alpha^2-1) + (1 - 2 nu + 3/(2 (alpha^2-1))) g]
                          / (2 (1-nu))
        S_3333 = [1 - 2 nu + (3 alpha^2 - 1)/(alpha^2-1) - (1 - 2 nu + 3 alpha^2/(alpha^2-1)) g]
                 / (2 (1-nu))

    [J. D. Eshelby, Proc. R. Soc. A 241, 376 (1957); T. Mura, *Micromechanics of Defects in
    Solids*, 2nd ed. (1987), Sec. 11]. For |alpha - 1| <= ``SPHERE_SERIES_HALF_WIDTH`` the
    Taylor series of these expressions about the sphere (``_SPHERE_SERIES``) is used; at
    alpha = 1 it gives S_1111 = (7 - 5 nu)/(15 (1 - nu)), S_1122 = (5 nu - 1)/(15 (1 - nu))
    (Mura 1987, Eq. 11.21).

    Parameters
    ----------
    aspect_ratio : float or ndarray
        a3/a1 = height / base diameter [dimensionless], > 0.
    poisson_ratio : float or ndarray
        Poisson ratio nu of the medium [dimensionless], -1 < nu < 1/2.

    Returns
    -------
    ndarray, shape (..., 3, 3)
        M[..., i, j] = S_iijj (no summation; index 2 is the symmetry axis z), so that the
        constrained strain of a diagonal eigenstrain is eps_ii = sum_j M[i, j] eps*_jj.

    Raises
    ------
    QdoptoError
        If an aspect ratio is not finite and positive or a Poisson ratio outside (-1, 1/2).
    """
    al, nu = np.broadcast_arrays(
        np.asarray(aspect_ratio, dtype=float), np.asarray(poisson_ratio, dtype=float)
    )
    if not np.all(np.isfinite(al)) or np.any(al <= 0.0):
        raise QdoptoError("the aspect ratio (height / base diameter) must be finite and > 0.")
    if not np.all(np.isfinite(nu)) or np.any(nu <= -1.0) or np.any(nu >= 0.5):
        raise QdoptoError("the Poisson ratio must lie in (-1, 1/2) for a stable isotropic medium.")
    near = np.abs(al - 1.0) <= SPHERE_SERIES_HALF_WIDTH
    # Closed forms, evaluated at a harmless stand-in value inside the sphere window.
    a = np.where(near, 0.5, al)
    a2 = a * a
    t = a2 - 1.0
    e = np.sqrt(np.abs(t))
    g = np.where(
        a < 1.0,
        a / e**3 * (np.arccos(np.minimum(a, 1.0)) - a * e),
        a / e**3 * (a * e - np.arccosh(np.maximum(a, 1.0))),
    )
    m = 1.0 - 2.0 * nu
    k = 1.0 - nu
    closed = {
        "S1111": 3.0 * a2 / (8.0 * k * t) + (m - 9.0 / (4.0 * t)) * g / (4.0 * k),
        "S1122": (a2 / (2.0 * t) - (m + 3.0 / (4.0 * t)) * g) / (4.0 * k),
        "S1133": (-a2 / t + 0.5 * (3.0 * a2 / t - m) * g) / (2.0 * k),
        "S3311": (-m - 1.0 / t + (m + 3.0 / (2.0 * t)) * g) / (2.0 * k),
        "S3333": (m + (3.0 * a2 - 1.0) / t - (m + 3.0 * a2 / t) * g) / (2.0 * k),
    }
    d = al - 1.0
    comp: dict[str, Array] = {}
    for name, coeffs in _SPHERE_SERIES.items():
        series = np.zeros_like(d)
        for p, q, den in reversed(coeffs):  # Horner in (alpha - 1)
            series = series * d + (p + q * nu) / den
        comp[name] = np.where(near, series / k, closed[name])
    s11, s12, s13 = comp["S1111"], comp["S1122"], comp["S1133"]
    s31, s33 = comp["S3311"], comp["S3333"]
    return np.stack(
        [
            np.stack([s11, s12, s13], -1),
            np.stack([s12, s11, s13], -1),
            np.stack([s31, s31, s33], -1),
        ],
        -2,
    )


def eshelby_strain(
    a_dot: ArrayLike, a_matrix: ArrayLike, aspect_ratio: ArrayLike, poisson_ratio: ArrayLike
) -> tuple[Array, Array]:
    """In-plane and [001] elastic strain of a misfitting spheroidal dot, relative to its lattice.

    Eigenstrain eps* = (a_dot - a_matrix)/a_matrix (x, y, z); total strain inside
    eps_tot,ii = sum_j S_iijj eps* (Eshelby 1957; Mura 1987, Sec. 11; see
    :func:`eshelby_spheroid_tensor`); dot strain relative to the unstrained dot lattice
    eps_ii = (1 + eps_tot,ii) a_matrix / a_dot - 1 (= eps_tot,ii - eps* to first order).

    Parameters
    ----------
    a_dot : float or ndarray
        Unstrained lattice constant of the dot [nm].
    a_matrix : float or ndarray
        Lattice constant of the matrix [nm].
    aspect_ratio : float or ndarray
        Height / base diameter of the spheroid [dimensionless] (symmetry axis along [001]).
    poisson_ratio : float or ndarray
        Poisson ratio of the (common, isotropic) medium [dimensionless].

    Returns
    -------
    eps_par, eps_perp : ndarray
        Strain in the growth plane and along [001] [dimensionless]; in the thin-disk limit the
        biaxial values a_matrix/a_dot - 1 and -2 nu/(1 - nu) eps_par.
    """
    a_d = np.asarray(a_dot, dtype=float)
    a_m = np.asarray(a_matrix, dtype=float)
    if np.any(a_d <= 0.0) or np.any(a_m <= 0.0):
        raise QdoptoError("lattice constants must be positive; check the materials' lattice_a.")
    eps_star = a_d / a_m - 1.0
    s = eshelby_spheroid_tensor(aspect_ratio, poisson_ratio)
    tot_par = s[..., 0, :].sum(axis=-1) * eps_star
    tot_perp = s[..., 2, :].sum(axis=-1) * eps_star
    return (1.0 + tot_par) * a_m / a_d - 1.0, (1.0 + tot_perp) * a_m / a_d - 1.0


def luttinger_masses(gamma1: float, gamma2: float) -> dict[str, float]:
    """Band-edge hole masses [m_e] along [001] (z) and in the (001) plane (par).

    Axial approximation of the Luttinger Hamiltonian: m_hh,z = 1/(g1 - 2 g2),
    m_hh,par = 1/(g1 + g2), m_lh,z = 1/(g1 + 2 g2), m_lh,par = 1/(g1 - g2)
    [J. M. Luttinger, Phys. Rev. 102, 1030 (1956); Chuang 1995, Ch. 4].

    Raises
    ------
    QdoptoError
        If the Luttinger parameters give a non-positive mass (gamma1 <= 2 gamma2).
    """
    denominators = {
        "mhh_z": gamma1 - 2.0 * gamma2,
        "mhh_par": gamma1 + gamma2,
        "mlh_z": gamma1 + 2.0 * gamma2,
        "mlh_par": gamma1 - gamma2,
    }
    bad = [k for k, v in denominators.items() if v <= 0.0]
    if bad:
        raise QdoptoError(
            f"Luttinger parameters gamma1 = {gamma1:g}, gamma2 = {gamma2:g} give a non-positive "
            f"hole mass ({', '.join(bad)}); check the material's luttinger_gamma1/2."
        )
    return {k: 1.0 / v for k, v in denominators.items()}


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True)
class StrainedEdges:
    """Band edges of a dot (or wetting-layer) material coherently strained to a matrix.

    Energies are in eV on the database's vacuum scale (electron energies); strains are
    dimensionless; masses in m_e. ``cbo`` and ``vbo`` are the confinement depths:
    ``cbo = matrix_Ec - Ec`` (> 0 confines electrons in the dot) and ``vbo = Ev - matrix_Ev``
    (> 0 confines holes), with ``Ev`` the top of the strained valence band.
    ``dEv_lh`` is the light-hole shift without spin-orbit coupling (-P + Q); ``dEv_lh_so``,
    ``Ev_lh`` and ``Eg_lh`` include the light-hole/split-off coupling, which matters when the
    strain splitting is comparable to the spin-orbit splitting (InAs on GaAs).
    ``aspect_ratio`` (height / base diameter) and ``poisson_ratio`` (the matrix's
    C12/(C11 + C12)) are set by ``model="eshelby"`` and None for ``model="biaxial"``.
    """

    dot: str
    matrix: str
    temperature_K: float
    model: str
    # strain
    eps_par: float
    eps_perp: float
    eps_hydrostatic: float
    eps_biaxial: float
    # shifts
    dEc: float
    dEv_hh: float
    dEv_lh: float
    dEv_lh_so: float
    hh_lh_splitting: float
    # unstrained dot
    Ec_unstrained: float
    Ev_unstrained: float
    Eg_unstrained: float
    # strained dot
    Ec: float
    Ev_hh: float
    Ev_lh: float
    Ev: float
    top_valence_band: str
    Eg: float
    Eg_hh: float
    Eg_lh: float
    # masses (unstrained Luttinger parameters)
    mhh_z: float
    mhh_par: float
    mlh_z: float
    mlh_par: float
    # matrix
    matrix_Ec: float
    matrix_Ev: float
    matrix_Eg: float
    cbo: float
    vbo: float
    aspect_ratio: float | None = None
    poisson_ratio: float | None = None
    source: str = SOURCE

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary of every field (floats and strings)."""
        return asdict(self)


# ---------------------------------------------------------------------------- main entry
def _resolve(material: str | Material, db: Database, temperature_K: float) -> ResolvedMaterial:
    mat = material if isinstance(material, Material) else db.get(material)
    if mat.crystal_structure != ZINC_BLENDE:
        raise QdoptoError(
            f"material '{mat.name}' is {mat.crystal_structure or 'of unknown structure'}; the "
            "biaxial [001] strain relations are for zinc-blende layers on a zinc-blende matrix."
        )
    return mat.at(temperature_K)


def _f(x: ArrayLike) -> float:
    """Python float without a negative zero (-0.0 + 0.0 == +0.0)."""
    return float(np.asarray(x, dtype=float)) + 0.0


def strained_band_edges(
    dot: str | Material,
    matrix: str | Material,
    temperature_K: float = 300.0,
    *,
    model: str = "biaxial",
    aspect_ratio: float | None = None,
    database: Database | None = None,
) -> StrainedEdges:
    """Band edges of ``dot`` coherently strained to ``matrix`` on a (001) surface.

    Parameters
    ----------
    dot : str or Material
        Dot (or wetting-layer) material, e.g. ``"InAs"`` or ``"In0.5Ga0.5As"``.
    matrix : str or Material
        Matrix/substrate material (unstrained), e.g. ``"GaAs"``.
    temperature_K : float
        Temperature [K] of the unstrained band edges (the deformation potentials and lattice
        constants are taken as temperature independent).
    model : str
        Strain model: ``"biaxial"`` (pseudomorphic quantum-well strain with the dot's elastic
        constants) or ``"eshelby"`` (uniform strain inside a buried spheroid, isotropic
        elasticity with the matrix's constants); see the module docstring.
    aspect_ratio : float, optional
        Height / base diameter of the spheroidal dot [dimensionless] (< 1 oblate, 1 sphere,
        > 1 prolate; symmetry axis along [001]). Required by ``"eshelby"``, not accepted by
        ``"biaxial"``.
    database : Database, optional
        Materials database; the default database if omitted.

    Returns
    -------
    StrainedEdges
        Strain components, shifts, strained and matrix edges, offsets and hole masses.

    Raises
    ------
    UnknownMaterialError
        If a material name is unknown.
    MissingParameterError
        If the dot lacks a deformation potential, elastic constant, Luttinger parameter or
        lattice constant, or the matrix its lattice constant, band edges or (``"eshelby"``)
        elastic constants (the message names material and parameter).
    QdoptoError
        For an unknown model, a non-zinc-blende material, or a missing, superfluous or
        non-positive ``aspect_ratio``.

    Examples
    --------
    >>> e = strained_band_edges("GaAs", "GaAs", 300.0)
    >>> e.dEc == 0.0 and e.dEv_hh == 0.0 and e.cbo == 0.0
    True
    >>> s = strained_band_edges("InAs", "GaAs", 4.0, model="eshelby", aspect_ratio=1.0)
    >>> abs(s.hh_lh_splitting) < 1e-12  # a sphere is strained hydrostatically
    True
    """
    if model not in STRAIN_MODELS:
        raise QdoptoError(f"unknown strain model '{model}'; available: {', '.join(STRAIN_MODELS)}.")
    alpha: float | None = None
    if model == "eshelby":
        if aspect_ratio is None:
            raise QdoptoError(
                "model 'eshelby' needs aspect_ratio = height / base diameter of the dot "
                "(e.g. 0.2 for a flat lens)."
            )
        alpha = float(aspect_ratio)
        if not math.isfinite(alpha) or alpha <= 0.0:
            raise QdoptoError(f"aspect_ratio must be finite and > 0, got {aspect_ratio!r}.")
    elif aspect_ratio is not None:
        raise QdoptoError(
            f"aspect_ratio is only used by model 'eshelby'; drop it or set model='eshelby' "
            f"(model '{model}' ignores the dot shape)."
        )
    t = float(temperature_K)
    if not math.isfinite(t) or t < 0.0:
        raise QdoptoError(f"temperature must be a finite number >= 0 K, got {temperature_K!r}.")
    db = database if database is not None else default_database()
    rd = _resolve(dot, db, t)
    rm = _resolve(matrix, db, t)

    matrix_keys = MATRIX_PARAMETERS + (MATRIX_ELASTIC_PARAMETERS if model == "eshelby" else ())
    for r, keys in ((rd, DOT_PARAMETERS), (rm, matrix_keys)):
        missing = [k for k in keys if k not in r]
        if missing:
            raise MissingParameterError(
                f"material '{r.name}' has no parameter {', '.join(repr(k) for k in missing)} "
                f"(needed by model '{MODEL_NAME}'); add it to the materials database or choose "
                "a material that has it (the III-V binaries of Vurgaftman et al. 2001 do)."
            )

    def need(r: ResolvedMaterial, key: str) -> float:
        return r.get(key, needed_by=MODEL_NAME)

    a_dot, a_mat = need(rd, "lattice_a"), need(rm, "lattice_a")
    c11, c12 = need(rd, "elastic_C11"), need(rd, "elastic_C12")
    a_c, a_v, b = need(rd, "deformation_ac"), need(rd, "deformation_av"), need(rd, "deformation_b")
    delta_so = need(rd, "delta_so")
    masses = luttinger_masses(need(rd, "luttinger_gamma1"), need(rd, "luttinger_gamma2"))
    ec0, ev0, eg0 = need(rd, "Ec"), need(rd, "Ev"), need(rd, "Eg")
    ec_m, ev_m, eg_m = need(rm, "Ec"), need(rm, "Ev"), need(rm, "Eg")

    nu: float | None = None
    if alpha is not None:  # model "eshelby" (checked above)
        nu = float(isotropic_poisson_ratio(need(rm, "elastic_C11"), need(rm, "elastic_C12")))
        e_par, e_perp = eshelby_strain(a_dot, a_mat, alpha, nu)
    else:
        e_par, e_perp = biaxial_strain(a_dot, a_mat, c11, c12)
    d_ec, d_hh, d_lh, d_lh_so = band_edge_shifts(e_par, e_perp, a_c, a_v, b, delta_so)
    ec = ec0 + float(d_ec)
    ev_hh = ev0 + float(d_hh)
    ev_lh = ev0 + float(d_lh_so)
    top = "heavy hole" if ev_hh >= ev_lh else "light hole"
    ev = max(ev_hh, ev_lh)
    return StrainedEdges(
        dot=rd.name,
        matrix=rm.name,
        temperature_K=t,
        model=model,
        eps_par=_f(e_par),
        eps_perp=_f(e_perp),
        eps_hydrostatic=_f(2.0 * e_par + e_perp),
        eps_biaxial=_f(e_perp - e_par),
        dEc=_f(d_ec),
        dEv_hh=_f(d_hh),
        dEv_lh=_f(d_lh),
        dEv_lh_so=_f(d_lh_so),
        hh_lh_splitting=ev_hh - ev_lh,
        Ec_unstrained=ec0,
        Ev_unstrained=ev0,
        Eg_unstrained=eg0,
        Ec=ec,
        Ev_hh=ev_hh,
        Ev_lh=ev_lh,
        Ev=ev,
        top_valence_band=top,
        Eg=ec - ev,
        Eg_hh=ec - ev_hh,
        Eg_lh=ec - ev_lh,
        mhh_z=masses["mhh_z"],
        mhh_par=masses["mhh_par"],
        mlh_z=masses["mlh_z"],
        mlh_par=masses["mlh_par"],
        matrix_Ec=ec_m,
        matrix_Ev=ev_m,
        matrix_Eg=eg_m,
        cbo=ec_m - ec,
        vbo=ev - ev_m,
        aspect_ratio=alpha,
        poisson_ratio=nu,
        source=ESHELBY_SOURCE if model == "eshelby" else SOURCE,
    )
