"""Exciton and biexciton by configuration interaction (CI) on the solved single-particle states.

Why CI
------
:mod:`qdopto.electronic.biexciton` treats the Coulomb interaction to second order. That is
exact in strong confinement but fails where the single-particle levels crowd together: in a
quantum shell (CdS/CdSe/CdS) the hole's 1P level lies only ~8 meV above its 1S level, the
expansion parameter |<k|V|0>|/(E_k - E_0) reaches ~0.7 and the second-order correlation
energy is far too large. Here the same Hamiltonian is diagonalised in the space of all
configurations built from a set of single-particle orbitals (full CI) [the standard treatment
of excitons and biexcitons in colloidal dots: F. Rajadell, J. I. Climente, J. Planelles,
A. Bertoni, J. Phys. Chem. C 113, 11268 (2009) (check); for the method, A. Szabo,
N. S. Ostlund, *Modern Quantum Chemistry* (1989), Ch. 4]. Full CI is variational: each
energy is an upper bound that decreases as orbitals are added, and in the strong-confinement
limit it reproduces the second-order result (tested against
:func:`qdopto.electronic.biexciton.second_order` at weak coupling).

Hamiltonian
-----------
Orbitals a = (n, l, m): a radial state R_nl of the finite-volume solver (the vectors and
levels of :func:`qdopto.electronic.biexciton.solve_basis`) times a real spherical harmonic
S_lm. The one-body operator of each carrier is h_ac = eps_a delta_ac + <a|Sigma|c> (the
self-polarisation energy Sigma(r), spherical, so diagonal in l and m). A pair of carriers with
charges q_1 q_2 (electron -1, hole +1) interacts through Eq. (1) of
:mod:`qdopto.electronic.biexciton`; with the addition theorem for real harmonics,
P_k(cos g) = 4 pi/(2k+1) sum_q S_kq(1) S_kq(2) [J. D. Jackson, *Classical Electrodynamics*,
3rd ed. (1999), Eq. (3.62), which holds for any orthonormal real basis of the degree-k
harmonics], the two-body matrix element (carrier 1 from c to a, carrier 2 from d to b) is

    <ab|V|cd> = q_1 q_2 sum_k R^k(ac; bd) sum_q G^k_q(a, c) G^k_q(b, d),                 (1)
    G^k_q(a, c) = sqrt(4 pi/(2k+1)) int S_a S_kq S_c dOmega,                              (2)
    R^k(ac; bd) = sum_ij (phi_a phi_c)_i v_k(r_i, r_j) (phi_b phi_d)_j,                    (3)

with v_k the multipole kernel plus the image term of the dielectric sphere
(:meth:`qdopto.electronic.biexciton.Interaction.matrix`). The real Gaunt integrals (2) are
evaluated by Gauss-Legendre x trapezoid quadrature on the sphere, exact for these
polynomial integrands.

Exciton: the states c_ac |a_e c_h>; H_X = h_e (x) 1 + 1 (x) h_h + V_eh, diagonalised densely
in the symmetry sector of the ground state (below).

Biexciton: the ground state has both electrons in a spin singlet and both holes in a spin
singlet, so its spatial wavefunction is symmetric under the exchange of the two electrons and
of the two holes: C[a, b, c, d] = C[b, a, c, d] = C[a, b, d, c] (electrons a, b; holes c, d).
It is the lowest eigenstate of

    H_XX = sum_(electrons) h_e + sum_(holes) h_h + V_ee + V_hh + sum_(4 e-h pairs) V_eh    (4)

on that symmetric subspace. H_XX is applied as tensor contractions (one matrix product of size
(N_e N_h)^2 x (N_e N_h) for the e-h terms, using the symmetry of C), and its lowest eigenvalue
is found by Davidson's method [E. R. Davidson, J. Comput. Phys. 17, 87 (1975)] from the
symmetric 1S^2 1S^2 configuration (the other permutation sectors are also shifted up by a
constant, so no round-off can lead the solver into them).

The shift is Delta_XX = E_XX - 2 E_X on the same orbital set.

Trions on the same orbitals: X- (two electrons in a singlet, symmetric C[a, b, c], plus a hole)
and X+ (two holes plus an electron), :func:`solve_trion`; their emission lines relative to the
exciton line are E(X-) - E(e) - E(X) and E(X+) - E(h) - E(X), with E(e), E(h) the lowest
eigenvalues of the one-body operators.

Symmetry: the three mirror planes x = 0, y = 0, z = 0 map real harmonics onto +-themselves
(:func:`reflection_label`), so only configurations whose labels combine to that of the L = 0
ground state are kept, for X and XX alike.

Orbital set
-----------
The (n, l) shells of each carrier are taken in order of their energy until ``max_orbitals``
orbitals (counting the 2l + 1 values of m) are reached, within l <= ``max_l`` and n <=
``max_n``. In a core-only dot this mixes radial and angular excitations; in a shell, where
angular excitations are cheap, it takes many l with n = 1. The result reports the change of
the shift from the shells that fit in 2/3 of ``max_orbitals``, as a convergence estimate.

Limits: as the second-order model (one-band carriers with a two-fold spin degeneracy, no
valence-band mixing and no electron-hole exchange, one effective inner permittivity, spherical
symmetry); the orbital set is finite, so energies are upper bounds and the shift converges
slowly where the carriers form a laterally localised exciton (large shells): read
``convergence``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.linalg import eigh
from scipy.special import lpmv, roots_legendre

from qdopto.electronic.biexciton import CarrierBasis, Interaction
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Energy [eV] by which configurations outside the permutation-symmetric subspace are
#: raised, so that the eigensolver returns the symmetric (singlet-singlet) ground state. Any
#: value above the spread of the CI energies works; 100 eV is far above it.
_OFF_SECTOR_SHIFT_EV = 100.0
#: Tensor spaces up to this size are diagonalised densely.
_DENSE_LIMIT = 400
#: Ritz vectors kept when the Davidson subspace is restarted.
_RESTART_KEEP = 4


# ----------------------------------------------------------------------------- angular part
def real_spherical_harmonics(max_l: int, x: Array, phi: Array) -> Array:
    """Real spherical harmonics S_lm, l = 0..max_l, m = -l..l, at points (cos theta, phi).

    S_l0 = Y_l0, S_lm = sqrt(2) N_lm P_l^m(x) cos(m phi) (m > 0) and
    sqrt(2) N_l|m| P_l^|m|(x) sin(|m| phi) (m < 0), N_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!)
    [the real form of Jackson Eq. (3.53); the Condon-Shortley phase of scipy's ``lpmv``
    only flips signs, which leaves Eqs. (1)-(2) unchanged].

    Parameters
    ----------
    max_l : int
        Largest degree.
    x, phi : ndarray (P,)
        cos(theta) and azimuth [rad] of the points.

    Returns
    -------
    ndarray ((max_l + 1)^2, P)
        Row l^2 + l + m holds S_lm.
    """
    from math import factorial

    out = np.empty(((max_l + 1) ** 2, x.size))
    for l in range(max_l + 1):
        for m in range(-l, l + 1):
            am = abs(m)
            norm = np.sqrt((2 * l + 1) / (4 * np.pi) * factorial(l - am) / factorial(l + am))
            p = norm * lpmv(am, l, x)
            if m > 0:
                p = np.sqrt(2.0) * p * np.cos(am * phi)
            elif m < 0:
                p = np.sqrt(2.0) * p * np.sin(am * phi)
            out[l * l + l + m] = p
    return out


def gaunt_real(max_l: int, max_k: int) -> list[Array]:
    """G^k_q(a, c) of Eq. (2) for all (l, m) up to max_l and k = 0..max_k (dimensionless).

    Returns
    -------
    list of ndarray (2k+1, (max_l+1)^2, (max_l+1)^2)
        ``out[k][q, a, c]`` with q = k + m_k.
    """
    degree = 2 * max_l + max_k  # total polynomial degree of the integrand
    nx = degree // 2 + 2
    nphi = degree + 2
    xg, wx = roots_legendre(nx)
    phi = 2 * np.pi * np.arange(nphi) / nphi
    xx = np.repeat(xg, nphi)
    pp = np.tile(phi, nx)
    w = np.repeat(wx, nphi) * (2 * np.pi / nphi)
    s = real_spherical_harmonics(max(max_l, max_k), xx, pp)
    orb = s[: (max_l + 1) ** 2]
    out = []
    for k in range(max_k + 1):
        sk = s[k * k : (k + 1) ** 2]
        g = np.einsum("qp,ap,cp,p->qac", sk, orb, orb, w, optimize=True)
        out.append(np.sqrt(4 * np.pi / (2 * k + 1)) * g)
    return out


# ----------------------------------------------------------------------------- orbitals
@dataclass(frozen=True)
class Orbitals:
    """A set of orbitals (n, l, m) of one carrier.

    Attributes
    ----------
    l, n, m : ndarray of int (N,)
        Quantum numbers (n counts from 0).
    energy : ndarray (N,)
        Level eps_nl [eV].
    vectors : ndarray (N, cells)
        Radial finite-volume vectors.
    """

    l: NDArray[np.int64]
    n: NDArray[np.int64]
    m: NDArray[np.int64]
    energy: Array
    vectors: Array

    @property
    def size(self) -> int:
        return int(self.l.size)

    @property
    def angular_index(self) -> NDArray[np.int64]:
        """Row of S_lm in :func:`real_spherical_harmonics`."""
        return np.asarray(self.l * self.l + self.l + self.m)

    @property
    def shells(self) -> list[tuple[int, int]]:
        """The (n, l) shells, in the order taken."""
        seen: list[tuple[int, int]] = []
        for n, l in zip(self.n.tolist(), self.l.tolist(), strict=True):
            if (n, l) not in seen:
                seen.append((n, l))
        return seen


def select_orbitals(basis: CarrierBasis, max_orbitals: int) -> Orbitals:
    """The lowest (n, l) shells of ``basis`` with at most ``max_orbitals`` orbitals in all.

    Shells are taken in order of energy up to the first one that would exceed the count, so
    the sets are nested as ``max_orbitals`` grows. The 1S shell is always included.
    """
    shells = sorted(
        (float(e), n, l)
        for l, levels in enumerate(basis.energies)
        for n, e in enumerate(np.asarray(levels).tolist())
    )
    ls, ns, ms, es, vs = [], [], [], [], []
    count = 0
    for e, n, l in shells:
        if count + 2 * l + 1 > max_orbitals and (n, l) != (0, 0):
            break
        for m in range(-l, l + 1):
            ls.append(l)
            ns.append(n)
            ms.append(m)
            es.append(e)
            vs.append(basis.vectors[l][n])
        count += 2 * l + 1
    return Orbitals(
        np.asarray(ls, dtype=np.int64),
        np.asarray(ns, dtype=np.int64),
        np.asarray(ms, dtype=np.int64),
        np.asarray(es, dtype=float),
        np.asarray(vs, dtype=float),
    )


def truncate(orb: Orbitals, shells: int) -> Orbitals:
    """The first ``shells`` (n, l) shells of ``orb`` (same order)."""
    keep_shells = set(orb.shells[:shells])
    keep = np.array(
        [(n, l) in keep_shells for n, l in zip(orb.n.tolist(), orb.l.tolist(), strict=True)]
    )
    return Orbitals(orb.l[keep], orb.n[keep], orb.m[keep], orb.energy[keep], orb.vectors[keep])


# ----------------------------------------------------------------------------- integrals
def one_body(orb: Orbitals, sigma: Array) -> Array:
    """h_ac = eps_a delta_ac + <a|Sigma|c> (same l and m only) [eV], shape (N, N)."""
    same = (orb.l[:, None] == orb.l[None, :]) & (orb.m[:, None] == orb.m[None, :])
    s = (orb.vectors * sigma[None, :]) @ orb.vectors.T
    return np.asarray(np.diag(orb.energy) + np.where(same, s, 0.0))


def two_body(
    orb1: Orbitals, orb2: Orbitals, interaction: Interaction, charge_product: float
) -> Array:
    """<ab|V|cd> of Eq. (1) as V[a, c, b, d] [eV] (carrier 1: c -> a; carrier 2: d -> b).

    Parameters
    ----------
    orb1, orb2 : Orbitals
        Orbitals of the two carriers (the same object for a like pair).
    interaction : Interaction
        Radial kernels v_k (multipole plus image terms).
    charge_product : float
        q_1 q_2: +1 for like carriers, -1 for an electron and a hole.
    """
    n1, n2 = orb1.size, orb2.size
    lmax = int(max(orb1.l.max(), orb2.l.max()))
    kmax = 2 * lmax
    gaunt = gaunt_real(lmax, kmax)
    ang1, ang2 = orb1.angular_index, orb2.angular_index
    rho1 = (orb1.vectors[:, None, :] * orb1.vectors[None, :, :]).reshape(n1 * n1, -1)
    rho2 = (orb2.vectors[:, None, :] * orb2.vectors[None, :, :]).reshape(n2 * n2, -1)
    out = np.zeros((n1 * n1, n2 * n2))
    for k in range(kmax + 1):
        g1 = gaunt[k][:, ang1[:, None], ang1[None, :]].reshape(2 * k + 1, n1 * n1)
        g2 = gaunt[k][:, ang2[:, None], ang2[None, :]].reshape(2 * k + 1, n2 * n2)
        ang = g1.T @ g2
        if not np.any(np.abs(ang) > 1e-12):
            continue
        out += ang * (rho1 @ interaction.matrix(k) @ rho2.T)
    return np.asarray(charge_product * out.reshape(n1, n1, n2, n2))


# ----------------------------------------------------------------------------- solvers
@dataclass(frozen=True)
class CIResult:
    """Exciton and biexciton energies from CI on one orbital set.

    Attributes
    ----------
    exciton_eV, biexciton_eV : float
        E_X and E_XX measured from the non-interacting 1S configurations (eps_1S^e + eps_1S^h
        and twice that) [eV].
    orbitals_e, orbitals_h : int
        Orbitals per carrier.
    shells_e, shells_h : list of (n, l)
        The shells used.
    dimension_x, dimension_xx : int
        Size of the exciton matrix and of the biexciton tensor space.
    symmetry_error : float
        Norm of the antisymmetric part of the biexciton ground vector (should be ~0).
    trion_minus_eV, trion_plus_eV : float
        E(X-) (two electrons in a singlet and a hole) and E(X+), from eps_1S^e + eps_1S^h plus
        the paired carrier's eps_1S [eV].
    electron_eV, hole_eV : float
        Ground energy of a lone electron and a lone hole (with its self-polarisation) from
        its eps_1S [eV].
    """

    exciton_eV: float
    biexciton_eV: float
    orbitals_e: int
    orbitals_h: int
    shells_e: list[tuple[int, int]]
    shells_h: list[tuple[int, int]]
    dimension_x: int
    dimension_xx: int
    symmetry_error: float
    trion_minus_eV: float = float("nan")
    trion_plus_eV: float = float("nan")
    electron_eV: float = 0.0
    hole_eV: float = 0.0

    @property
    def shift_eV(self) -> float:
        """Delta_XX = E_XX - 2 E_X [eV]."""
        return self.biexciton_eV - 2.0 * self.exciton_eV

    @property
    def trion_minus_shift_eV(self) -> float:
        """X- emission line relative to the X line, E(X-) - E(e) - E(X) [eV] (< 0: red)."""
        return self.trion_minus_eV - self.electron_eV - self.exciton_eV

    @property
    def trion_plus_shift_eV(self) -> float:
        """X+ emission line relative to the X line, E(X+) - E(h) - E(X) [eV] (< 0: red)."""
        return self.trion_plus_eV - self.hole_eV - self.exciton_eV


def davidson_lowest(
    matvec: Callable[[Array], Array],
    diag: Array,
    start: Array,
    tol: float = 1e-5,
    max_iter: int = 500,
    max_space: int = 20,
) -> tuple[float, Array]:
    """Lowest eigenpair of a real symmetric operator by Davidson's method.

    E. R. Davidson, J. Comput. Phys. 17, 87 (1975): Rayleigh-Ritz in a growing subspace,
    extended each step by the diagonally preconditioned residual t = r / (theta - H_ii);
    restarted from the lowest Ritz vectors ("thick restart") when the subspace reaches
    ``max_space``.

    Parameters
    ----------
    matvec : callable
        v -> H v.
    diag : ndarray (N,)
        Diagonal of H (the preconditioner) [eV].
    start : ndarray (N,)
        Starting vector.
    tol : float
        Convergence: residual norm ||H x - theta x|| [eV]. The eigenvalue error is of order
        tol^2 / gap: 1e-5 eV gives < 1e-6 meV for gaps above 0.1 meV.
    max_iter, max_space : int
        Iteration limit and largest subspace.

    Returns
    -------
    (float, ndarray)
        Lowest eigenvalue [eV] and its normalised eigenvector.

    Raises
    ------
    QdoptoError
        No convergence within ``max_iter`` steps.
    """
    n = start.size
    vb = np.empty((max_space, n))  # subspace vectors (rows)
    hb = np.empty((max_space, n))  # their images H v
    small = np.empty((max_space, max_space))
    vb[0] = start / np.linalg.norm(start)
    hb[0] = matvec(vb[0])
    small[0, 0] = vb[0] @ hb[0]
    k = 1
    for _ in range(max_iter):
        theta_all, s_all = eigh(small[:k, :k])
        theta, s = float(theta_all[0]), s_all[:, 0]
        x, hx = s @ vb[:k], s @ hb[:k]
        r = hx - theta * x
        if float(np.linalg.norm(r)) < tol:
            return theta, x / np.linalg.norm(x)
        denom = theta - diag
        denom = np.where(np.abs(denom) < 1e-8, np.copysign(1e-8, denom), denom)
        t = r / denom
        if k >= max_space:  # thick restart from the lowest Ritz vectors
            keep = min(_RESTART_KEEP, k)
            vb[:keep], hb[:keep] = s_all[:, :keep].T @ vb[:k], s_all[:, :keep].T @ hb[:k]
            small[:keep, :keep] = np.diag(theta_all[:keep])
            k = keep
        for _ in range(2):  # Gram-Schmidt twice for stability
            t = t - vb[:k].T @ (vb[:k] @ t)
        norm = float(np.linalg.norm(t))
        if norm < 1e-14:
            return theta, x / np.linalg.norm(x)
        vb[k] = t / norm
        hb[k] = matvec(vb[k])
        row = vb[: k + 1] @ hb[k]
        small[k, : k + 1] = row
        small[: k + 1, k] = row
        k += 1
    raise QdoptoError(
        "biexciton CI did not converge; reduce max_orbitals or use method='perturbation'"
    )


def reflection_label(l: NDArray[np.int64], m: NDArray[np.int64]) -> NDArray[np.int64]:
    """Parities of S_lm under the mirror planes z = 0, y = 0 and x = 0, as a 3-bit label.

    From P_l^m(-x) = (-1)^(l+m) P_l^m(x) and the behaviour of cos(m phi), sin(m phi) under
    phi -> -phi and phi -> pi - phi: bit 0 is set if (-1)^(l+|m|) = -1, bit 1 if m < 0, bit 2
    if the x = 0 mirror flips the sign (m >= 0 odd, or m < 0 with |m| even). The Coulomb
    interaction and the spherical one-body terms are invariant under the three mirrors, so the
    XOR of the labels of the occupied orbitals is conserved; the L = 0 ground states of X and
    XX have label 0.
    """
    am = np.abs(m)
    bit0 = (l + am) % 2
    bit1 = (m < 0).astype(np.int64)
    bit2 = np.where(m >= 0, am % 2, 1 - am % 2)
    return np.asarray(bit0 | (bit1 << 1) | (bit2 << 2), dtype=np.int64)


def solve_trion(w_pair: Array, h_single: Array, m_cross: Array) -> float:
    """Ground energy of a trion: two like carriers in a spin singlet plus one other [eV].

    The configurations C[a, b, c] (paired carriers a, b; single carrier c) are symmetric in
    (a, b) (singlet spin, symmetric space), as in Eq. (4) with one carrier fewer.

    Parameters
    ----------
    w_pair : ndarray (n^2, n^2)
        Pair operator of the like carriers: both one-body terms and their interaction.
    h_single : ndarray (m, m)
        One-body operator of the single carrier.
    m_cross : ndarray (n m, n m)
        Interaction of one paired carrier with the single one, [(a c), (a' c')].
    """
    n, m = math.isqrt(w_pair.shape[0]), h_single.shape[0]
    shape = (n, n, m)

    def matvec(v: Array) -> Array:
        c = np.reshape(v, shape)
        cs = 0.5 * (c + c.transpose(1, 0, 2))
        y = (w_pair @ cs.reshape(n * n, m)).reshape(shape) + cs @ h_single.T
        p = (m_cross @ cs.transpose(0, 2, 1).reshape(n * m, n)).reshape(n, m, n)
        p = p.transpose(0, 2, 1)
        y = y + p + p.transpose(1, 0, 2)
        return np.asarray((y + _OFF_SECTOR_SHIFT_EV * (c - cs)).ravel())

    dim = n * n * m
    if dim <= _DENSE_LIMIT:
        full = np.column_stack([matvec(col) for col in np.eye(dim)])
        return float(eigh(0.5 * (full + full.T), eigvals_only=True, subset_by_index=[0, 0])[0])
    dm = np.diag(m_cross).reshape(n, m)
    diag = (
        np.diag(w_pair).reshape(n, n)[:, :, None]
        + np.diag(h_single)[None, None, :]
        + dm[:, None, :]
        + dm[None, :, :]
    )
    v0 = np.zeros(dim)
    v0[0] = 1.0
    return davidson_lowest(matvec, diag.ravel(), v0)[0]


def solve_ci(orb_e: Orbitals, orb_h: Orbitals, interaction: Interaction) -> CIResult:
    """Ground exciton and biexciton of Eqs. (1)-(4) on the given orbitals.

    Only configurations whose mirror labels (:func:`reflection_label`) combine to 0 are kept
    (the symmetry sector of the L = 0 ground states); the matrix products of Eq. (4) are done
    block by block in that label, which cuts their cost ~64-fold.

    Parameters
    ----------
    orb_e, orb_h : Orbitals
        Electron and hole orbitals (the first is the 1S orbital of each).
    interaction : Interaction
        Pair kernels and the self-polarisation Sigma on the radial grid.

    Returns
    -------
    CIResult
    """
    ne, nh = orb_e.size, orb_h.size
    ref_e, ref_h = float(orb_e.energy[0]), float(orb_h.energy[0])
    he = one_body(orb_e, interaction.sigma) - ref_e * np.eye(ne)
    hh = one_body(orb_h, interaction.sigma) - ref_h * np.eye(nh)
    v_eh = two_body(orb_e, orb_h, interaction, -1.0)  # [a, a', c, c']
    v_ee = two_body(orb_e, orb_e, interaction, 1.0)  # [a, a', b, b']
    v_hh = two_body(orb_h, orb_h, interaction, 1.0)
    lab_e, lab_h = reflection_label(orb_e.l, orb_e.m), reflection_label(orb_h.l, orb_h.m)

    # pair spaces, grouped by the XOR of the two labels
    pair_ee = (lab_e[:, None] ^ lab_e[None, :]).ravel()  # (a b)
    pair_hh = (lab_h[:, None] ^ lab_h[None, :]).ravel()  # (c d)
    pair_eh = (lab_e[:, None] ^ lab_h[None, :]).ravel()  # (a c)
    eye_e, eye_h = np.eye(ne), np.eye(nh)
    # the pair operators of Eq. (4): both one-body terms plus the pair's own interaction
    w_ee = v_ee.transpose(0, 2, 1, 3).reshape(ne * ne, ne * ne) + np.kron(he, eye_e)
    w_ee += np.kron(eye_e, he)
    w_hh = v_hh.transpose(0, 2, 1, 3).reshape(nh * nh, nh * nh) + np.kron(hh, eye_h)
    w_hh += np.kron(eye_h, hh)
    m_eh = v_eh.transpose(0, 2, 1, 3).reshape(ne * nh, ne * nh)  # [(a c), (a' c')]
    sectors = [int(x) for x in np.unique(pair_ee) if np.any(pair_hh == x)]
    rows_ee = {x: np.flatnonzero(pair_ee == x) for x in sectors}
    rows_hh = {x: np.flatnonzero(pair_hh == x) for x in sectors}
    rows_eh = {x: np.flatnonzero(pair_eh == x) for x in np.unique(pair_eh).tolist()}
    blk_ee = [w_ee[np.ix_(rows_ee[x], rows_ee[x])] for x in sectors]
    blk_hh_t = [w_hh[np.ix_(rows_hh[x], rows_hh[x])].T.copy() for x in sectors]
    blk_eh = [m_eh[np.ix_(r, r)] for r in rows_eh.values()]

    # exciton: pairs |a, c> of label 0
    r0 = rows_eh.get(0, np.zeros(0, dtype=np.int64))
    h_x = (np.kron(he, eye_h) + np.kron(eye_e, hh))[np.ix_(r0, r0)] + m_eh[np.ix_(r0, r0)]
    e_x = float(eigh(h_x, eigvals_only=True, subset_by_index=[0, 0])[0])

    # biexciton: C[a, b, c, d] with label(a b) = label(c d), stored compressed in blocks
    # (a b) x (c d) per label; index maps give the e-h layout [(a c), (b d)] and the swaps.
    n_full = ne * ne * nh * nh
    flat = np.concatenate(
        [(rows_ee[x][:, None] * (nh * nh) + rows_hh[x][None, :]).ravel() for x in sectors]
    )
    dim = int(flat.size)
    where = np.full(n_full, -1, dtype=np.int64)
    where[flat] = np.arange(dim)
    a, rest = np.divmod(flat, ne * nh * nh)
    b, rest = np.divmod(rest, nh * nh)
    c, d = np.divmod(rest, nh)

    def index(i: IntArray, j: IntArray, k: IntArray, q: IntArray) -> IntArray:
        return np.asarray(where[((i * ne + j) * nh + k) * nh + q])

    swap_ab, swap_cd, swap_both = index(b, a, c, d), index(a, b, d, c), index(b, a, d, c)
    perm_eh = np.concatenate(
        [
            index(
                (r // nh)[:, None], (r // nh)[None, :], (r % nh)[:, None], (r % nh)[None, :]
            ).ravel()
            for r in rows_eh.values()
        ]
    )
    if np.any(perm_eh < 0) or np.unique(perm_eh).size != dim:  # pragma: no cover
        raise QdoptoError("internal error: the e-h layout does not cover the CI space")
    bounds_ee = np.cumsum([0] + [rows_ee[x].size * rows_hh[x].size for x in sectors])
    bounds_eh = np.cumsum([0] + [r.size * r.size for r in rows_eh.values()])

    def matvec(v: Array) -> Array:
        v = np.ravel(v)
        cs = 0.25 * (v + v[swap_ab] + v[swap_cd] + v[swap_both])
        y = np.empty(dim)
        for i, x in enumerate(sectors):
            blk = cs[bounds_ee[i] : bounds_ee[i + 1]].reshape(rows_ee[x].size, -1)
            y[bounds_ee[i] : bounds_ee[i + 1]] = (blk_ee[i] @ blk + blk @ blk_hh_t[i]).ravel()
        # e-h pair (a, c) once; the pairs (a, d), (b, c), (b, d) follow by symmetry of C
        g = cs[perm_eh]
        pg = np.empty(dim)
        for i, m in enumerate(blk_eh):
            sl = slice(bounds_eh[i], bounds_eh[i + 1])
            pg[sl] = (m @ g[sl].reshape(m.shape[0], -1)).ravel()
        p = np.empty(dim)
        p[perm_eh] = pg
        y += p + p[swap_ab] + p[swap_cd] + p[swap_both]
        return np.asarray(y + _OFF_SECTOR_SHIFT_EV * (v - cs))

    v0 = (flat == 0).astype(float)  # the 1S^2 1S^2 configuration
    if dim <= _DENSE_LIMIT:  # small orbital sets: build the matrix column by column
        full_h = np.column_stack([matvec(col) for col in np.eye(dim)])
        vals, vecs = eigh(0.5 * (full_h + full_h.T), subset_by_index=[0, 0])
        e_xx, g = float(vals[0]), vecs[:, 0]
    else:
        diag = (
            np.diag(w_ee)[a * ne + b]
            + np.diag(w_hh)[c * nh + d]
            + np.diag(m_eh)[a * nh + c]
            + np.diag(m_eh)[a * nh + d]
            + np.diag(m_eh)[b * nh + c]
            + np.diag(m_eh)[b * nh + d]
        )
        e_xx, g = davidson_lowest(matvec, diag, v0)
    sym_err = float(np.linalg.norm(g - 0.25 * (g + g[swap_ab] + g[swap_cd] + g[swap_both])))
    # trions on the same orbitals: X- (electron pair + hole) and X+ (hole pair + electron)
    m_he = v_eh.transpose(2, 3, 0, 1).transpose(0, 2, 1, 3).reshape(nh * ne, nh * ne)
    e_minus = solve_trion(w_ee, hh, m_eh)
    e_plus = solve_trion(w_hh, he, m_he)
    return CIResult(
        exciton_eV=e_x,
        biexciton_eV=e_xx,
        trion_minus_eV=e_minus,
        trion_plus_eV=e_plus,
        electron_eV=float(np.linalg.eigvalsh(he)[0]),
        hole_eV=float(np.linalg.eigvalsh(hh)[0]),
        orbitals_e=ne,
        orbitals_h=nh,
        shells_e=orb_e.shells,
        shells_h=orb_h.shells,
        dimension_x=int(r0.size),
        dimension_xx=dim,
        symmetry_error=sym_err,
    )
