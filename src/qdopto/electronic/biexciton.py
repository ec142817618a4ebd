"""Exciton-biexciton shift of a spherical QD from the solved single-particle states.

The shift is Delta_XX = E_XX - 2 E_X (positive: repulsive, the biexciton line lies above the
exciton line; negative: a bound biexciton). :func:`biexciton_shift` computes it by
configuration interaction (the default, :mod:`qdopto.electronic.biexciton_ci`, valid from
strong confinement to quantum shells) or, as documented here, in Rayleigh-Schroedinger
perturbation theory to second order in the Coulomb interaction, on the basis of the radial
one-band states that :mod:`qdopto.electronic.transitions` solves (strong confinement: the
unperturbed Hamiltonian H0 is the sum of the single-particle Hamiltonians, the perturbation is
the whole Coulomb interaction including the dielectric image terms). This is the
strong-confinement treatment of the biexciton [Y. Z. Hu, S. W. Koch, M. Lindberg,
N. Peyghambarian, E. L. Pollock, F. F. Abraham, Phys. Rev. Lett. 64, 1805 (1990) (check);
T. Takagahara, Phys. Rev. B 39, 10206 (1989) (check)] carried to second order instead of a
variational or CI calculation.

States and notation
-------------------
Electron and hole orbitals are R_nl(r) Y_lm with R from the finite-volume solver; the solver's
vector is phi_i = sqrt(w_i) R(r_i) (w_i the cell volume r^2 dr), so sum phi^2 = 1 and the
product phi_a phi_b of two vectors is the radial transition density integrated over each
cell. The ground exciton is 1S_e 1S_h; the ground biexciton has both electrons in 1S (spin
singlet) and both holes in 1S (singlet); electrons and holes are distinguishable. The
nonparabolic solver returns states of slightly different energy-dependent Hamiltonians, so
each l-set is orthonormalised (Gram-Schmidt in energy order; the 1S state is left unchanged).

Interaction. In units of e^2/(4 pi eps0) a pair of charges q_1 q_2 (q = -1 electron, +1 hole)
interacts through

    v(r1, r2) = sum_k [ r_<^k / (eps_in r_>^(k+1)) + alpha_k (r1 r2)^k / R^(2k+1) ]
                * (4 pi/(2k+1)) sum_q Y_kq*(1) Y_kq(2),                                  (1)

the multipole expansion of 1/|r1 - r2| [J. D. Jackson, *Classical Electrodynamics*, 3rd ed.
(1999), Eq. (3.70)] screened by the effective inner permittivity eps_in of
:mod:`qdopto.electronic.coulomb`, plus the charge induced on the surface of a dielectric sphere
of radius R [L. E. Brus, J. Chem. Phys. 80, 4403 (1984), Appendix], with alpha_k of
:func:`qdopto.electronic.coulomb.self_polarization_series` (the k = 0 induced term is a
constant: it cancels in a neutral complex and has no matrix elements between orthogonal
states, so it is left out). Each carrier also has the self-polarisation energy Sigma(r) of
:func:`qdopto.electronic.coulomb.polarization_potential`. As in coulomb.py, positions are
clipped 0.1 nm inside the surface in the image terms.

Angular factor. For two particles excited from s states into (l, m) and (l', m'), the angular
integrals of Eq. (1) give delta_{l k} delta_{l' k} delta_{m, -m'} (-1)^m / (2k + 1); summed
over m the squared matrix element carries 1/(2l + 1) (the Gaunt coefficient with one l = 0
state reduces to orthonormality of the Y_lm). The radial integral of the l-th multipole is

    R^l_{ab} = sum_ij (phi_a phi_1)_i v_l(r_i, r_j) (phi_b phi_1)_j  [eV],              (2)

with v_l(r_i, r_j) = e^2/(4 pi eps0) [K_l(i, j) / eps_in + alpha_l x_i^l x_j^l / R], K_l the
cell-averaged r_<^l / r_>^(l+1) (cell centres for i != j; the exact average over two points
uniform in the same spherical shell for i = j, generalising the l = 0 rule of
:func:`qdopto.electronic.coulomb.mean_inverse_max`).

First order (Hartree, direct terms)
-----------------------------------
With J_ab = e^2/(4 pi eps0 eps_in) <1/max(r_a, r_b)> over the 1S densities [Y. Kayanuma,
Phys. Rev. B 38, 9797 (1988), Eq. (3)], E_X^(1) = -J_eh + Sigma_e + Sigma_h and
E_XX^(1) = J_ee + J_hh - 4 J_eh + 2 Sigma_e + 2 Sigma_h (the k >= 1 image interactions of s
densities vanish by the angular average, the k = 0 ones cancel by neutrality), so

    Delta^(1) = J_ee + J_hh - 2 J_eh,                                                    (3)

which is >= 0 (1/max(r1, r2) is the Coulomb kernel of charged spherical shells, a positive
kernel) and exactly zero for identical electron and hole densities. Exchange vanishes between
the opposite-spin partners of the singlet pairs.

Second order
------------
For a single-determinant reference of two distinguishable kinds of fermions and H0 a sum of
one-particle operators, the second-order energy is the sum over single and double excitations
[A. Szabo, N. S. Ostlund, *Modern Quantum Chemistry* (1989), Sec. 6.5, the closed-shell
doubles (check the equation numbers, Eqs. (6.72)-(6.74)); the singles appear because H0 is not
the Hartree-Fock operator (derived here, check)],
E^(2) = - sum_k |<k|V|0>|^2 / (E_k - E_0). Denote by eps^c_{nl} the level of carrier c and by
d^c_{a} = eps^c_{a} - eps^c_{1S} its excitation energy.

Exciton (one electron, one hole):

- e-h doubles (1S_e -> a, 1S_h -> b, both of angular momentum l; for l = 0 both excited):
  D_eh = - sum_l (1/(2l+1)) sum_ab (R^l_ab[eh])^2 / (d^e_a + d^h_b);                    (4)
- singles (l = 0 only: the perturbing fields are spherical):
  S_X = - sum_n (Sigma^e_n1 - J^eh_n1)^2 / d^e_n - sum_n (Sigma^h_n1 - J^eh_1n)^2 / d^h_n, (5)
  with Sigma_n1 = <n|Sigma|1> and J^eh_n1 the l = 0 integral (2) of (phi^e_n phi^e_1) with
  (phi^h_1)^2.

So E_X^(2) = D_eh + S_X.

Biexciton (1S_e^2 singlet, 1S_h^2 singlet). Counting the determinants:

- e-h doubles: each of the 2 electron spin-orbitals with each of the 2 hole spin-orbitals
  (spin conserved, the partners stay in 1S), matrix elements as in the exciton: 4 D_eh;
- e-e doubles: 1S up, 1S down -> (a up, b down) for every ordered pair (a, b) of excited
  spatial orbitals (a = b included); the exchange integral vanishes between opposite spins,
  so each enters once with the direct element R^l_ab[ee] (Szabo & Ostlund's closed-shell
  doubles with one occupied orbital):
  D_ee = - sum_l (1/(2l+1)) sum_ab (R^l_ab[ee])^2 / (d^e_a + d^e_b),                     (6)
  and D_hh likewise: repulsive pairs also lower the energy at second order;
- singles, 2 per carrier kind (one per spin): the electron feels the other electron and both
  holes, F^e_n = Sigma^e_n1 + J^ee_n1 - 2 J^eh_n1, so
  S_XX = - 2 sum_n (F^e_n)^2 / d^e_n - 2 sum_n (F^h_n)^2 / d^h_n.                         (7)

So E_XX^(2) = 4 D_eh + D_ee + D_hh + S_XX and the correlation part of the shift is

    Delta^(2) = E_XX^(2) - 2 E_X^(2) = 2 D_eh + D_ee + D_hh + S_XX - 2 S_X.              (8)

Check (tested): for identical electron and hole states ("positronium-like" e and h of equal
mass) D_ee = D_hh = D_eh = D, F = Sigma - J for both, S_XX = 2 S_X, and Delta^(2) = 4 D < 0:
the biexciton is bound by correlation alone while Delta^(1) = 0.

Validity: the expansion parameter is |<k|V|0>| / (E_k - E_0), reported as
``perturbation_ratio`` (largest single matrix element over its excitation energy). Strong
confinement (R well below the exciton Bohr radius) keeps it small; large or shell-like
structures with closely spaced angular levels (quantum shells) push it towards 1. Compared
with CI on the same states, second order overestimates the biexciton's correlation energy even
at ratio ~0.15 (CdSe:2.0: -76.6 against -58.4 meV, while the exciton agrees within 2 meV), so it
roughly doubles the binding of type-I dots, and it is wrong six-fold in quantum shells
(docs/electronic.md).
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import COULOMB_EV_NM
from qdopto.electronic.coulomb import SURFACE_CUTOFF_NM, mean_inverse_max, polarization_potential
from qdopto.electronic.models import (
    DEFAULT_RESOLUTION_NM,
    band_edge_material,
    prepare_structure,
)
from qdopto.electronic.profile import CarrierBands
from qdopto.electronic.transitions import _states
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]

#: Largest angular momentum and radial count accepted by :func:`biexciton_shift`.
MAX_L_LIMIT = 10
MAX_N_LIMIT = 12
#: Default single-particle truncation (l <= max_l, max_n radial states per l) per method:
#: second order converges by l = 3 in core dots (docs/electronic.md); CI picks its orbitals
#: by energy from a larger pool, so that shells (cheap angular excitations) reach l = 5-6.
DEFAULT_MAX_L = {"perturbation": 3, "ci": 6}
DEFAULT_MAX_N = 4
#: Default number of orbitals (counting m) per carrier in CI: CdSe:2.0 is within ~1 meV of
#: the 60-orbital value and the quantum shell within 0.2 meV, in ~0.3-3 s (docs/electronic.md).
DEFAULT_MAX_ORBITALS = 36
#: Largest CI orbital count per carrier: 60 orbitals take ~12 s and 1.5 GB (CdSe:2.0); the
#: memory grows as the fourth power of the count.
MAX_ORBITALS_LIMIT = 60
#: CI warns beyond this many bulk exciton Bohr radii of the band-edge material (outer radius):
#: there the exciton becomes a weakly confined hydrogen-like pair whose relative motion a
#: fixed set of orbitals about the dot centre cannot converge. Measured here (CdSe masses,
#: infinite wall, 36 orbitals): the CI exciton lies 5 meV above the weak-confinement limit
#: -Ry* + hbar^2 pi^2/(2 R^2) (1/M - 1/m_e - 1/m_h) [Al. L. Efros, A. L. Efros, Sov. Phys.
#: Semicond. 16, 772 (1982) (check); Y. Kayanuma, Phys. Rev. B 38, 9797 (1988)] at 3 a_B and
#: 4 meV at 5 a_B, of a -16 meV Rydberg (docs/electronic.md).
WEAK_CONFINEMENT_BOHR_RADII = 2.0
METHOD_DESCRIPTIONS = {
    "ci": "configuration interaction (full CI of X and XX) on the radial one-band states "
    "(docs/electronic.md)",
    "perturbation": "second-order Rayleigh-Schroedinger perturbation theory in the Coulomb "
    "interaction on the radial one-band states (docs/electronic.md)",
}


# ----------------------------------------------------------------------------- kernels
def multipole_kernel(faces: Array, l: int) -> Array:
    """Cell-averaged multipole kernel K_l(i, j) = < r_<^l / r_>^(l+1) > [1/nm].

    Parameters
    ----------
    faces : ndarray (N+1,)
        Cell faces [nm], increasing from 0.
    l : int
        Multipole order (>= 0).

    Returns
    -------
    ndarray (N, N)
        Kernel [1/nm]: cell centres for i != j; for i = j the exact average over two points
        uniform in the volume of the shell (a, b),
        (2 / (V^2 (l+3))) [ (b^5 - a^5)/5 - a^(l+3) int_a^b r^(1-l) dr ], V = (b^3 - a^3)/3,
        which for l = 0 is the rule of :func:`qdopto.electronic.coulomb.mean_inverse_max`
        (derived by direct integration of the multipole term of Jackson Eq. (3.70)).
    """
    f = np.asarray(faces, dtype=float)
    a, b = f[:-1], f[1:]
    c = 0.5 * (a + b)
    lo = np.minimum(c[:, None], c[None, :])
    hi = np.maximum(c[:, None], c[None, :])
    kern = lo**l / hi ** (l + 1)
    vol = (b**3 - a**3) / 3.0
    if l == 0:
        tail = a**3 * (b**2 - a**2) / 2.0
    elif l == 1:
        tail = a**4 * (b - a)
    elif l == 2:
        a_safe = np.where(a > 0, a, b)
        tail = np.where(a > 0, a**5 * np.log(b / a_safe), 0.0)
    else:
        tail = (a**5 - a ** (l + 3) * b ** (2.0 - l)) / (l - 2.0)
    same = 2.0 / (vol**2 * (l + 3.0)) * ((b**5 - a**5) / 5.0 - tail)
    kern[np.diag_indices_from(kern)] = same
    return np.asarray(kern)


def image_coefficient(l: int, eps_1: float, eps_2: float) -> float:
    """alpha_l = (eps_1 - eps_2)(l + 1) / (eps_1 (l eps_1 + (l + 1) eps_2)) (dimensionless).

    The l-th term of the charge induced on a dielectric sphere (eps_1) in a medium (eps_2)
    [Brus 1984, Appendix; Bolcatto & Proetto, J. Phys.: Condens. Matter 13, 319 (2001),
    Eq. (2)], as in :func:`qdopto.electronic.coulomb.self_polarization_series`.
    """
    return (eps_1 - eps_2) * (l + 1) / (eps_1 * (l * eps_1 + (l + 1) * eps_2))


@dataclass(frozen=True)
class Interaction:
    """Pair interaction and self-polarisation on a grid (Eq. (1) of the module docstring).

    Attributes
    ----------
    faces : ndarray (N+1,)
        Cell faces [nm].
    eps_in : float
        Effective inner permittivity screening the direct interaction.
    sigma : ndarray (N,)
        Self-polarisation energy of a carrier in each cell [eV] (zeros without images).
    image_x : ndarray (N,)
        r / R clipped 0.1 nm inside the surface (zeros without images).
    image_alpha : tuple of float
        alpha_l for l = 0..L (alpha_0 unused).
    radius_nm : float
        Outer radius R [nm] (only used with images).
    """

    faces: Array
    eps_in: float
    sigma: Array
    image_x: Array
    image_alpha: tuple[float, ...]
    radius_nm: float
    _cache: dict[int, Array] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def bare(cls, faces: Array, eps_in: float) -> Interaction:
        """Coulomb interaction screened by eps_in, without image terms."""
        n = np.asarray(faces).size - 1
        return cls(np.asarray(faces, dtype=float), eps_in, np.zeros(n), np.zeros(n), (), 1.0)

    def matrix(self, l: int) -> Array:
        """v_l(r_i, r_j) of Eq. (2) [eV], shape (N, N)."""
        if l not in self._cache:
            v = multipole_kernel(self.faces, l) / self.eps_in
            if l >= 1 and l < len(self.image_alpha):
                xl = self.image_x**l
                v = v + self.image_alpha[l] * np.outer(xl, xl) / self.radius_nm
            self._cache[l] = COULOMB_EV_NM * v
        return np.asarray(self._cache[l])


# ----------------------------------------------------------------------------- basis
@dataclass(frozen=True)
class CarrierBasis:
    """Single-particle states of one carrier per angular momentum.

    Attributes
    ----------
    energies : tuple of ndarray
        ``energies[l]`` (n,): levels as particle energies [eV], lowest first.
    vectors : tuple of ndarray
        ``vectors[l]`` (n, N): orthonormal finite-volume vectors (sum phi^2 = 1).
    """

    energies: tuple[Array, ...]
    vectors: tuple[Array, ...]

    @property
    def ground(self) -> Array:
        """The 1S vector."""
        return np.asarray(self.vectors[0][0], dtype=float)


def orthonormalize(vectors: Array) -> Array:
    """Gram-Schmidt in the given order (the first vector only normalised) [dimensionless]."""
    out = np.array(vectors, dtype=float)
    for k in range(out.shape[0]):
        for j in range(k):
            out[k] -= np.dot(out[j], out[k]) * out[j]
        norm = float(np.linalg.norm(out[k]))
        if norm < 1e-8:
            raise QdoptoError("internal error: linearly dependent single-particle states")
        out[k] /= norm
    return out


def solve_basis(faces: Array, bands: CarrierBands, max_l: int, max_n: int) -> CarrierBasis:
    """States 1..max_n for l = 0..max_l of one carrier (solver of transitions.py).

    Parameters
    ----------
    faces : ndarray (1, N+1)
        Cell faces [nm].
    bands : CarrierBands
        The carrier's band edges and masses.
    max_l, max_n : int
        Largest angular momentum and number of radial states per l.
    """
    energies, vectors = [], []
    for l in range(max_l + 1):
        e, v = _states(faces, bands, l, max_n)
        energies.append(np.asarray(e, dtype=float))
        vectors.append(orthonormalize(v))
    return CarrierBasis(tuple(energies), tuple(vectors))


# ----------------------------------------------------------------------------- terms
@dataclass(frozen=True)
class SecondOrderTerms:
    """Second-order contributions [eV], resolved by l and radial index (Eqs. (4)-(7)).

    ``eh[l][a, b]``, ``ee[l][a, b]``, ``hh[l][a, b]``: the terms of D_eh, D_ee, D_hh (zero for
    l = 0 entries with a = 0 or b = 0, which are singles); ``single_x_e[n]`` etc.: the terms of
    S_X and S_XX (index 0, the 1S itself, is zero).
    """

    eh: tuple[Array, ...]
    ee: tuple[Array, ...]
    hh: tuple[Array, ...]
    single_x_e: Array
    single_x_h: Array
    single_xx_e: Array
    single_xx_h: Array
    perturbation_ratio: float

    @property
    def max_l(self) -> int:
        return len(self.eh) - 1

    def _sum(self, parts: tuple[Array, ...], max_l: int, max_n: int) -> float:
        return float(sum(float(p[:max_n, :max_n].sum()) for p in parts[: max_l + 1]))

    def exciton(self, max_l: int, max_n: int) -> float:
        """E_X^(2) = D_eh + S_X [eV] truncated at l <= max_l and max_n states per l."""
        return (
            self._sum(self.eh, max_l, max_n)
            + float(self.single_x_e[:max_n].sum())
            + float(self.single_x_h[:max_n].sum())
        )

    def biexciton(self, max_l: int, max_n: int) -> float:
        """E_XX^(2) = 4 D_eh + D_ee + D_hh + S_XX [eV] (same truncation)."""
        return (
            4.0 * self._sum(self.eh, max_l, max_n)
            + self._sum(self.ee, max_l, max_n)
            + self._sum(self.hh, max_l, max_n)
            + float(self.single_xx_e[:max_n].sum())
            + float(self.single_xx_h[:max_n].sum())
        )

    def shift(self, max_l: int, max_n: int) -> float:
        """Delta^(2) = E_XX^(2) - 2 E_X^(2), Eq. (8) [eV]."""
        return self.biexciton(max_l, max_n) - 2.0 * self.exciton(max_l, max_n)


def _doubles(
    va: Array,
    ea: Array,
    ga: Array,
    ea0: float,
    vb: Array,
    eb: Array,
    gb: Array,
    eb0: float,
    kernel: Array,
    l: int,
) -> tuple[Array, float]:
    """Terms -(R^l_ab)^2 / ((2l+1)(d_a + d_b)) of Eqs. (4), (6) and the largest ratio."""
    rho_a = va * ga[None, :]
    rho_b = vb * gb[None, :]
    r = rho_a @ kernel @ rho_b.T
    denom = (ea - ea0)[:, None] + (eb - eb0)[None, :]
    if l == 0:
        r[0, :] = 0.0
        r[:, 0] = 0.0
        denom[0, :] = 1.0
        denom[:, 0] = 1.0
    if np.any(denom <= 0):
        raise QdoptoError("internal error: an excited pair state lies below the ground state")
    terms = -(r**2) / ((2 * l + 1) * denom)
    ratio = float(np.max(np.abs(r) / ((2 * l + 1) * denom)))
    return terms, ratio


def second_order(
    basis_e: CarrierBasis, basis_h: CarrierBasis, interaction: Interaction
) -> SecondOrderTerms:
    """Second-order Coulomb correlation of exciton and biexciton, Eqs. (4)-(8).

    Parameters
    ----------
    basis_e, basis_h : CarrierBasis
        Electron and hole states (same number of l values).
    interaction : Interaction
        Pair interaction and self-polarisation on the same grid.

    Returns
    -------
    SecondOrderTerms
    """
    ge, gh = basis_e.ground, basis_h.ground
    e0, h0 = float(basis_e.energies[0][0]), float(basis_h.energies[0][0])
    eh: list[Array] = []
    ee: list[Array] = []
    hh: list[Array] = []
    ratio = 0.0
    for l in range(len(basis_e.vectors)):
        v = interaction.matrix(l)
        ve, vh = basis_e.vectors[l], basis_h.vectors[l]
        en_e, en_h = basis_e.energies[l], basis_h.energies[l]
        for out, (va, ea, ga, ea0, vb, eb, gb, eb0) in (
            (eh, (ve, en_e, ge, e0, vh, en_h, gh, h0)),
            (ee, (ve, en_e, ge, e0, ve, en_e, ge, e0)),
            (hh, (vh, en_h, gh, h0, vh, en_h, gh, h0)),
        ):
            terms, r = _doubles(va, ea, ga, ea0, vb, eb, gb, eb0, v, l)
            out.append(terms)
            ratio = max(ratio, r)
    v0 = interaction.matrix(0)
    singles: list[Array] = []
    for vecs, en, g, gs, other in (
        (basis_e.vectors[0], basis_e.energies[0], ge, e0, gh),
        (basis_h.vectors[0], basis_h.energies[0], gh, h0, ge),
    ):
        trans = vecs * g[None, :]
        sig = trans @ interaction.sigma
        j_same = trans @ v0 @ (g * g)
        j_other = trans @ v0 @ (other * other)
        d = en - gs
        d[0] = 1.0
        f_x = sig - j_other
        f_xx = sig + j_same - 2.0 * j_other
        f_x[0] = f_xx[0] = 0.0
        singles.extend([-(f_x**2) / d, -2.0 * f_xx**2 / d])
        ratio = max(ratio, float(np.max(np.abs(f_x) / d)), float(np.max(np.abs(f_xx) / d)))
    return SecondOrderTerms(
        tuple(eh), tuple(ee), tuple(hh), singles[0], singles[2], singles[1], singles[3], ratio
    )


def first_order(
    faces: Array, phi_e: Array, phi_h: Array, eps_in: float
) -> tuple[float, float, float]:
    """J_ee, J_hh, J_eh = e^2/(4 pi eps0 eps_in) <1/max(r_a, r_b)> [eV] of the 1S densities.

    Kayanuma, Phys. Rev. B 38, 9797 (1988), Eq. (3), with
    :func:`qdopto.electronic.coulomb.mean_inverse_max` on the solved densities.
    """
    f = np.atleast_2d(faces)
    p_e, p_h = (phi_e**2)[None, :], (phi_h**2)[None, :]
    k = COULOMB_EV_NM / eps_in
    return (
        float(k * mean_inverse_max(f, p_e, p_e)[0]),
        float(k * mean_inverse_max(f, p_h, p_h)[0]),
        float(k * mean_inverse_max(f, p_e, p_h)[0]),
    )


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True)
class BiexcitonShift:
    """Exciton-biexciton shift Delta_XX = E_XX - 2 E_X of a structure (positive: repulsive).

    Attributes
    ----------
    structure : str
        Normalised spec of the structure.
    temperature_K : float
        Temperature [K].
    shift_meV : float
        Delta_XX = first order + correlation [meV].
    first_order_meV : float
        Delta^(1) = J_ee + J_hh - 2 J_eh, Eq. (3) [meV].
    correlation_meV : float
        Delta^(2) = E_XX^(2) - 2 E_X^(2), Eq. (8) [meV].
    J_ee_meV, J_hh_meV, J_eh_meV : float
        Direct Coulomb integrals of the 1S states [meV].
    exciton_correlation_meV, biexciton_correlation_meV : float
        Correlation energies of X and XX beyond first order [meV]: E_X^(2), E_XX^(2) in
        perturbation theory; E - E^(1) in CI.
    image_correlation_meV : float or None
        The part of ``correlation_meV`` due to the dielectric image terms (the correlation
        shift less the same calculation with the bare screened Coulomb interaction) [meV];
        None with CI (not computed, it would double the cost).
    max_l, max_n : int
        Truncation: l = 0..max_l, max_n radial states per l and carrier.
    convergence : dict
        Perturbation theory: ``dshift_l_meV``: shift(max_l) - shift(max_l - 1);
        ``dshift_n_meV``: shift(max_n) - shift(max_n - 1); ``correlation_by_l_meV``: the
        increment of the correlation shift from each l; ``perturbation_ratio``: the largest
        |<k|V|0>| / (E_k - E_0). CI: ``orbitals_e``, ``orbitals_h``, ``shells_e``,
        ``shells_h`` ((n, l), n from 0), ``dimension_xx``, ``dshift_basis_meV`` (shift minus
        the shift on the shells that fit in 2/3 of ``max_orbitals``), ``symmetry_error``, and for
        comparison ``second_order_shift_meV`` and ``perturbation_ratio`` of perturbation
        theory on the same states.
    eps_in : float
        Effective inner permittivity.
    runtime_s : float
        Wall time of the calculation [s].
    method : str
        ``"ci"`` (configuration interaction, :mod:`qdopto.electronic.biexciton_ci`) or
        ``"perturbation"`` (second order, this module).
    x_minus_shift_meV, x_plus_shift_meV : float or None
        CI only: the negative (X-: two electrons, one hole) and positive (X+) trion emission
        lines relative to the exciton line, E(X-) - E(e) - E(X) and E(X+) - E(h) - E(X)
        [meV]; negative = red-shifted (bound trion). None with perturbation theory.
    """

    structure: str
    temperature_K: float
    shift_meV: float
    first_order_meV: float
    correlation_meV: float
    J_ee_meV: float
    J_hh_meV: float
    J_eh_meV: float
    exciton_correlation_meV: float
    biexciton_correlation_meV: float
    image_correlation_meV: float | None
    max_l: int
    max_n: int
    convergence: dict[str, Any]
    eps_in: float
    runtime_s: float = field(default=0.0, compare=False)
    method: str = "perturbation"
    x_minus_shift_meV: float | None = None
    x_plus_shift_meV: float | None = None

    @property
    def repulsive(self) -> bool:
        """True if the biexciton lies above twice the exciton (shift > 0)."""
        return self.shift_meV > 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary of every field."""
        return {
            "structure": self.structure,
            "temperature_K": self.temperature_K,
            "shift_meV": self.shift_meV,
            "first_order_meV": self.first_order_meV,
            "correlation_meV": self.correlation_meV,
            "J_ee_meV": self.J_ee_meV,
            "J_hh_meV": self.J_hh_meV,
            "J_eh_meV": self.J_eh_meV,
            "exciton_correlation_meV": self.exciton_correlation_meV,
            "biexciton_correlation_meV": self.biexciton_correlation_meV,
            "image_correlation_meV": self.image_correlation_meV,
            "max_l": self.max_l,
            "max_n": self.max_n,
            "convergence": dict(self.convergence),
            "eps_in": self.eps_in,
            "runtime_s": self.runtime_s,
            "method": METHOD_DESCRIPTIONS[self.method],
            "x_minus_shift_meV": self.x_minus_shift_meV,
            "x_plus_shift_meV": self.x_plus_shift_meV,
        }


def coulomb_problem(
    qd: SphericalQD,
    temperature_K: float,
    max_l: int,
    max_n: int,
    resolution_nm: float = DEFAULT_RESOLUTION_NM,
    calibrated: bool = True,
) -> tuple[CarrierBasis, CarrierBasis, Interaction]:
    """Single-particle states and the Coulomb interaction of a structure (radial model).

    The electron and hole states l = 0..max_l, max_n per l (:func:`solve_basis`), and the
    :class:`Interaction` with eps_in (the layers weighted by the mean 1S density), the
    self-polarisation energy and the image coefficients up to multipole 2 max_l.

    Raises
    ------
    QdoptoError
        If the structure binds no electron or no hole.
    """
    run = prepare_structure(qd, temperature_K, resolution_nm, calibrated)
    prof = run.profile
    faces2 = prof.faces(run.thicknesses)
    inside = prof.layer_of_cell < len(prof.layers)
    basis_e = solve_basis(faces2, prof.electron, max_l, max_n)
    basis_h = solve_basis(faces2, prof.hole, max_l, max_n)
    for name, basis, edge in (
        ("electron", basis_e, float(prof.electron.edge[-1])),
        ("hole", basis_h, float(prof.hole.edge[-1])),
    ):
        if basis.energies[0][0] >= edge or float(np.sum(basis.ground[inside] ** 2)) < 0.5:
            raise QdoptoError(
                f"no bound {name} state in {qd.spec}: the structure does not confine the "
                f"{name}, so it has no biexciton; make the confining layer thicker or choose "
                "a medium with a higher barrier"
            )
    faces = faces2[0]
    phi_e, phi_h = basis_e.ground, basis_h.ground
    eps_in = float(np.sum(0.5 * (phi_e**2 + phi_h**2) * prof.eps_static))
    eps_surface = float(prof.eps_static[int(inside.sum()) - 1])
    radius = float(run.radius[0])
    sigma = polarization_potential(faces2, eps_surface, prof.eps_medium_static, run.radius)[0]
    centres = 0.5 * (faces[1:] + faces[:-1])
    x = np.minimum(centres, radius - SURFACE_CUTOFF_NM) / radius
    alpha = tuple(
        image_coefficient(l, eps_surface, prof.eps_medium_static) for l in range(2 * max_l + 1)
    )
    return (
        basis_e,
        basis_h,
        Interaction(faces, eps_in, np.asarray(sigma), np.asarray(x), alpha, radius),
    )


def biexciton_shift(
    structure: SphericalQD | str,
    temperature_K: float = 300.0,
    *,
    method: str = "ci",
    max_l: int | None = None,
    max_n: int = DEFAULT_MAX_N,
    max_orbitals: int = DEFAULT_MAX_ORBITALS,
    resolution_nm: float = DEFAULT_RESOLUTION_NM,
    calibrated: bool = True,
) -> BiexcitonShift:
    """Exciton-biexciton shift Delta_XX = E_XX - 2 E_X of a structure (radial model).

    ``method="ci"`` (default): X and XX diagonalised in the configurations of the lowest
    ``max_orbitals`` orbitals per carrier (:mod:`qdopto.electronic.biexciton_ci`; valid from
    strong confinement to quantum shells). ``method="perturbation"``: first-order direct
    terms, Eq. (3), plus second-order Coulomb correlation of exciton and biexciton on the same
    basis, Eq. (8) of the module docstring (exact in strong confinement, unreliable where
    ``perturbation_ratio`` approaches 1).

    Parameters
    ----------
    structure : SphericalQD or str
        The structure or its spec string.
    temperature_K : float
        Temperature [K] (band gaps and nonparabolicity follow Eg(T)).
    method : {"ci", "perturbation"}
        Configuration interaction or second-order perturbation theory.
    max_l : int, optional
        Largest angular momentum of the single-particle states (0-10); default 6 for CI, 3
        for perturbation theory.
    max_n : int
        Radial states per l and carrier (1-12).
    max_orbitals : int
        CI only: orbitals per carrier, counting the 2l + 1 values of m (1-60), taken in
        order of energy from the l <= max_l, n <= max_n pool.
    resolution_nm : float
        Largest cell inside the particle [nm].
    calibrated : bool
        Apply the radial model's surface-offset calibration.

    Returns
    -------
    BiexcitonShift

    Raises
    ------
    QdoptoError
        Bad truncation or temperature, or a structure that binds no electron or hole.

    Examples
    --------
    >>> r = biexciton_shift("CdSe:2.0/ZnS:1.0")
    >>> r.shift_meV < 0 < r.first_order_meV
    True
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    return _biexciton_shift_cached(
        qd, temperature_K, method, max_l, max_n, max_orbitals, resolution_nm, calibrated
    )


@lru_cache(maxsize=32)
def _biexciton_shift_cached(
    qd: SphericalQD,
    temperature_K: float,
    method: str,
    max_l: int | None,
    max_n: int,
    max_orbitals: int,
    resolution_nm: float,
    calibrated: bool,
) -> BiexcitonShift:
    """:func:`biexciton_shift` on a parsed structure, cached (the CI takes ~1-2 s)."""
    start = time.perf_counter()
    if method not in METHOD_DESCRIPTIONS:
        raise QdoptoError(f"unknown biexciton method {method!r}: use 'ci' or 'perturbation'")
    if max_l is None:
        max_l = DEFAULT_MAX_L[method]
    if not (
        isinstance(max_orbitals, int)
        and not isinstance(max_orbitals, bool)
        and 1 <= max_orbitals <= MAX_ORBITALS_LIMIT
    ):
        raise QdoptoError(
            f"max_orbitals must be an integer from 1 to {MAX_ORBITALS_LIMIT}, got {max_orbitals!r}"
        )
    if not (isinstance(max_l, int) and 0 <= max_l <= MAX_L_LIMIT):
        raise QdoptoError(f"max_l must be an integer from 0 to {MAX_L_LIMIT}, got {max_l!r}")
    if not (isinstance(max_n, int) and 1 <= max_n <= MAX_N_LIMIT):
        raise QdoptoError(f"max_n must be an integer from 1 to {MAX_N_LIMIT}, got {max_n!r}")
    if not (math.isfinite(temperature_K) and 0 <= temperature_K <= 2000):
        raise QdoptoError(f"temperature must be within 0-2000 K, got {temperature_K}")
    basis_e, basis_h, inter = coulomb_problem(
        qd, temperature_K, max_l, max_n, resolution_nm, calibrated
    )
    faces, eps_in = inter.faces, inter.eps_in
    phi_e, phi_h = basis_e.ground, basis_h.ground
    j_ee, j_hh, j_eh = first_order(faces, phi_e, phi_h, eps_in)
    first = j_ee + j_hh - 2.0 * j_eh
    terms = second_order(basis_e, basis_h, inter)
    if method == "ci":
        return _ci_shift(
            qd,
            float(temperature_K),
            basis_e,
            basis_h,
            inter,
            max_orbitals,
            max_l,
            max_n,
            (j_ee, j_hh, j_eh),
            terms,
            start,
        )
    corr = terms.shift(max_l, max_n)
    corr_bare = second_order(basis_e, basis_h, Interaction.bare(faces, eps_in)).shift(max_l, max_n)
    by_l = [terms.shift(0, max_n)] + [
        terms.shift(l, max_n) - terms.shift(l - 1, max_n) for l in range(1, max_l + 1)
    ]
    convergence: dict[str, Any] = {
        "dshift_l_meV": 1e3 * by_l[-1] if max_l >= 1 else None,
        "dshift_n_meV": 1e3 * (corr - terms.shift(max_l, max_n - 1)) if max_n >= 2 else None,
        "correlation_by_l_meV": [1e3 * v for v in by_l],
        "perturbation_ratio": terms.perturbation_ratio,
        "grid_cells": int(faces.size - 1),
        "orthonormalisation": "Gram-Schmidt per l, 1S unchanged",
    }
    return BiexcitonShift(
        structure=qd.spec,
        temperature_K=float(temperature_K),
        shift_meV=1e3 * (first + corr),
        first_order_meV=1e3 * first,
        correlation_meV=1e3 * corr,
        J_ee_meV=1e3 * j_ee,
        J_hh_meV=1e3 * j_hh,
        J_eh_meV=1e3 * j_eh,
        exciton_correlation_meV=1e3 * terms.exciton(max_l, max_n),
        biexciton_correlation_meV=1e3 * terms.biexciton(max_l, max_n),
        image_correlation_meV=1e3 * (corr - corr_bare),
        max_l=max_l,
        max_n=max_n,
        convergence=convergence,
        eps_in=eps_in,
        runtime_s=time.perf_counter() - start,
        method="perturbation",
    )


def _ci_shift(
    qd: SphericalQD,
    temperature_K: float,
    basis_e: CarrierBasis,
    basis_h: CarrierBasis,
    inter: Interaction,
    max_orbitals: int,
    max_l: int,
    max_n: int,
    integrals: tuple[float, float, float],
    terms: SecondOrderTerms,
    start: float,
) -> BiexcitonShift:
    """The CI branch of :func:`biexciton_shift`."""
    from qdopto.electronic.biexciton_ci import select_orbitals, solve_ci, truncate

    material = band_edge_material(qd, temperature_K)
    a_x = default_database().get(material).at(temperature_K).exciton_bohr_radius_nm
    if qd.total_radius_nm > WEAK_CONFINEMENT_BOHR_RADII * a_x:
        warnings.warn(
            f"{qd.spec}: radius {qd.total_radius_nm:.3g} nm exceeds "
            f"{WEAK_CONFINEMENT_BOHR_RADII:g} exciton Bohr radii of {material} ({a_x:.2g} nm), "
            "weak confinement: the CI orbital "
            "set misses part of the electron-hole correlation, so the shift is too small in "
            "magnitude (docs/electronic.md)",
            ValidityWarning,
            stacklevel=4,
        )
    orb_e, orb_h = select_orbitals(basis_e, max_orbitals), select_orbitals(basis_h, max_orbitals)
    res = solve_ci(orb_e, orb_h, inter)
    ref = solve_ci(truncate(orb_e, 1), truncate(orb_h, 1), inter)  # first order exactly
    # convergence: the same calculation on the shells that fit in 2/3 of the orbitals (the
    # last-shell difference alone underestimates the slow approach of the Coulomb cusp)
    small = max(1, (2 * max_orbitals) // 3)
    sub_e, sub_h = select_orbitals(basis_e, small), select_orbitals(basis_h, small)
    if sub_e.size < orb_e.size or sub_h.size < orb_h.size:
        dshift: float | None = 1e3 * (res.shift_eV - solve_ci(sub_e, sub_h, inter).shift_eV)
    else:
        dshift = None
    j_ee, j_hh, j_eh = integrals
    first = ref.shift_eV
    convergence: dict[str, Any] = {
        "orbitals_e": res.orbitals_e,
        "orbitals_h": res.orbitals_h,
        "shells_e": [list(t) for t in res.shells_e],
        "shells_h": [list(t) for t in res.shells_h],
        "dimension_xx": res.dimension_xx,
        "dshift_basis_meV": dshift,
        "symmetry_error": res.symmetry_error,
        "second_order_shift_meV": 1e3 * (j_ee + j_hh - 2.0 * j_eh + terms.shift(max_l, max_n)),
        "perturbation_ratio": terms.perturbation_ratio,
        "grid_cells": int(inter.faces.size - 1),
        "orthonormalisation": "Gram-Schmidt per l, 1S unchanged",
    }
    return BiexcitonShift(
        structure=qd.spec,
        temperature_K=temperature_K,
        shift_meV=1e3 * res.shift_eV,
        first_order_meV=1e3 * first,
        correlation_meV=1e3 * (res.shift_eV - first),
        J_ee_meV=1e3 * j_ee,
        J_hh_meV=1e3 * j_hh,
        J_eh_meV=1e3 * j_eh,
        exciton_correlation_meV=1e3 * (res.exciton_eV - ref.exciton_eV),
        biexciton_correlation_meV=1e3 * (res.biexciton_eV - ref.biexciton_eV),
        image_correlation_meV=None,
        max_l=max_l,
        max_n=max_n,
        convergence=convergence,
        eps_in=inter.eps_in,
        runtime_s=time.perf_counter() - start,
        method="ci",
        x_minus_shift_meV=1e3 * res.trion_minus_shift_eV,
        x_plus_shift_meV=1e3 * res.trion_plus_shift_eV,
    )
