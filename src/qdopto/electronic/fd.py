"""Finite-volume discretisation of the radial BenDaniel-Duke equation and its eigen-solvers.

The radial equation for a spherically symmetric potential V(r) and position-dependent mass
m(r) [BenDaniel & Duke, Phys. Rev. 152, 683 (1966)], for psi(r) Y_lm,

    -hbar^2/2 (1/r^2) d/dr ( r^2/m dpsi/dr ) + [V + hbar^2 l(l+1)/(2 m r^2)] psi = E psi,

is discretised by finite volumes on cells (f_{i-1}, f_i) with layer interfaces on cell faces,
so that psi and (1/m) dpsi/dr are continuous across interfaces. With cell volumes
w_i = (f_i^3 - f_{i-1}^3)/3 and face conductances g_i = f_i^2 / (d_i^+ m_i + d_{i+1}^- m_{i+1})
(d^+-: distances from the cell centre to its faces) the problem A psi = E W psi is symmetrised
by phi = W^(1/2) psi into a symmetric tridiagonal matrix H; sum(phi^2) = 1 is the radial
normalisation int |psi|^2 r^2 dr = 1. The flux through r = 0 vanishes (regularity) and
psi = 0 on the outermost face (a hard wall far inside the surrounding medium).
The scheme is second order in the cell size, which the solvers exploit for a Richardson error
estimate.

Batches of B structures with the same number of cells N are solved together: their tridiagonal
matrices are concatenated into one block-diagonal matrix, so LAPACK's positive-definite
tridiagonal factorisation (``?pttrf``/``?pttrs``) handles all blocks in one call each, and no
Python loop runs over structures or grid points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.linalg import eigh_tridiagonal
from scipy.linalg.lapack import dpttrf, dpttrs

from qdopto.constants import HBAR2_2M0_EV_NM2 as K
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Tridiagonal:
    """Symmetric tridiagonal matrices of a batch: ``diag`` (B, N), ``off`` (B, N-1) [eV]."""

    diag: Array
    off: Array

    def matvec(self, x: Array) -> Array:
        """H x for every structure of the batch (x of shape (B, N))."""
        y = self.diag * x
        y[:, :-1] += self.off * x[:, 1:]
        y[:, 1:] += self.off * x[:, :-1]
        return y


@dataclass(frozen=True)
class Geometry:
    """Mass-independent parts of the finite-volume operator for cell ``faces`` (B, N+1) [nm]."""

    faces: Array
    centres: Array
    volumes: Array
    half: Array
    face2_in: Array
    face2_out: Array
    sqrt_ww: Array

    @classmethod
    def from_faces(cls, faces: Array) -> Geometry:
        f = np.atleast_2d(np.asarray(faces, dtype=float))
        centres = 0.5 * (f[:, 1:] + f[:, :-1])
        volumes = (f[:, 1:] ** 3 - f[:, :-1] ** 3) / 3.0
        half = 0.5 * (f[:, 1:] - f[:, :-1])
        return cls(
            f,
            centres,
            volumes,
            half,
            f[:, 1:-1] ** 2,
            f[:, -1] ** 2,
            np.sqrt(volumes[:, :-1] * volumes[:, 1:]),
        )


def hamiltonian(faces: Array | Geometry, mass: Array, potential: Array, l: int = 0) -> Tridiagonal:
    """Symmetrised finite-volume Hamiltonian.

    Parameters
    ----------
    faces : ndarray, shape (B, N+1), or Geometry
        Cell faces [nm], increasing, ``faces[:, 0] == 0`` (or their precomputed geometry).
    mass : ndarray, shape (B, N) or (N,)
        Effective mass in each cell [m_e] (> 0).
    potential : ndarray, shape (B, N) or (N,)
        Band edge in each cell [eV].
    l : int
        Angular momentum quantum number.

    Returns
    -------
    Tridiagonal
        Matrices whose eigenvalues are the energies [eV].
    """
    g = faces if isinstance(faces, Geometry) else Geometry.from_faces(faces)
    b, n = g.volumes.shape
    m = np.broadcast_to(mass, (b, n))
    # face conductances g_i = f_i^2 / (d_i^+ m_i + d_{i+1}^- m_{i+1}), times hbar^2/2m0
    g_in = K * g.face2_in / (g.half[:, :-1] * m[:, :-1] + g.half[:, 1:] * m[:, 1:])
    diag = np.zeros((b, n))
    diag[:, :-1] += g_in
    diag[:, 1:] += g_in
    diag[:, -1] += K * g.face2_out / (g.half[:, -1] * m[:, -1])
    diag /= g.volumes
    diag += potential
    if l:
        diag += (K * l * (l + 1)) / (m * g.centres**2)
    off = -g_in / g.sqrt_ww
    return Tridiagonal(diag, off)


def _factor(h: Tridiagonal, shift: Array) -> tuple[Array, Array] | None:
    b, n = h.diag.shape
    d = (h.diag - shift[:, None]).ravel()
    e = np.zeros((b, n))
    e[:, :-1] = h.off
    df, ef, info = dpttrf(d, e.ravel()[:-1])
    if info != 0:
        return None
    return df, ef


def _solve(fac: tuple[Array, Array], rhs: Array) -> Array:
    x, info = dpttrs(fac[0], fac[1], rhs.ravel())
    if info != 0:  # pragma: no cover - dpttrs only fails on invalid arguments
        raise QdoptoError(f"LAPACK dpttrs failed (info = {info})")
    return np.asarray(x).reshape(rhs.shape)


def _update(x: Array, y: Array, yy: Array, c: Array) -> tuple[Array, Array]:
    """Normalised y and the residual ||x - c y|| / ||y|| of (H - s) y = x with ||x|| = 1.

    With c = (y.x)/(y.y) the residual is sqrt(1/(y.y) - c^2), evaluated from the dot products
    already at hand (clipped at 0 against rounding).
    """
    residual = np.sqrt(np.maximum(1.0 / yy - c * c, 0.0))
    return y / np.sqrt(yy)[:, None], residual


def inverse_step(h: Tridiagonal, shift: Array, x: Array) -> tuple[Array, Array, Array] | None:
    """One shifted inverse-iteration step: (energy, vector, residual), or None if H - shift is
    not positive definite for some structure (the shift is not below its ground state)."""
    fac = _factor(h, shift)
    if fac is None:
        return None
    y = _solve(fac, x)
    yy = np.einsum("ij,ij->i", y, y)
    c = np.einsum("ij,ij->i", y, x) / yy
    vec, residual = _update(x, y, yy, c)
    return shift + c, vec, residual


def ground_state(
    h: Tridiagonal,
    lower_bound: Array,
    guess: Array | None = None,
    *,
    shift: Array | None = None,
    tol: float = 1e-6,
    maxiter: int = 80,
) -> tuple[Array, Array, Array]:
    """Lowest eigenpair of every matrix of a batch by shifted inverse iteration.

    The safe shift lies below the spectrum (``lower_bound``: the lowest band edge, since the
    kinetic energy is positive), so H - shift is positive definite and inverse iteration
    converges to the ground state from any positive start vector. After two steps the shift
    moves to 90 % of the way to the Rayleigh quotient (still below the ground state, which the
    Rayleigh quotient bounds from above). A caller with a good estimate may pass ``shift``;
    if H - shift is not positive definite the safe shift is used instead.

    Each step solves (H - s) y = x; the Rayleigh quotient of y is s + (y.x)/(y.y) and its
    residual ||x - (E - s) y|| / ||y||, so no matrix-vector product is needed. The eigenvalue
    error is of the order of residual^2 / (E_1 - E_0).

    Returns
    -------
    energy : ndarray (B,)
        Eigenvalues [eV].
    vector : ndarray (B, N)
        Normalised eigenvectors (phi, sum phi^2 = 1), positive.
    residual : ndarray (B,)
        ||H phi - E phi|| [eV].
    """
    b, n = h.diag.shape
    safe = np.asarray(lower_bound, dtype=float) - 1e-3
    fac = None
    moved = False
    if shift is not None:
        sigma = np.minimum(np.asarray(shift, dtype=float), np.inf)
        fac = _factor(h, sigma)
        moved = fac is not None
    if fac is None:
        sigma = safe
        fac = _factor(h, sigma)
    if fac is None:
        raise QdoptoError("internal error: the shift is not below the spectrum")
    x = np.ones((b, n)) if guess is None else np.abs(guess) + 1e-300
    x = x / np.sqrt(np.einsum("ij,ij->i", x, x))[:, None]
    energy = np.zeros(b)
    residual = np.full(b, np.inf)
    for it in range(maxiter):
        y = _solve(fac, x)
        yy = np.einsum("ij,ij->i", y, y)
        energy = sigma + np.einsum("ij,ij->i", y, x) / yy
        x, residual = _update(x, y, yy, energy - sigma)
        if np.all(residual < tol):
            break
        if not moved and it >= 1:
            new_sigma = energy - 0.1 * (energy - sigma)
            new_fac = _factor(h, new_sigma)
            if new_fac is not None:
                sigma, fac = new_sigma, new_fac
            moved = True
    s = np.sign(np.sum(x, axis=1, keepdims=True))
    s[s == 0] = 1.0
    return energy, x * s, residual


def lowest_states(h: Tridiagonal, count: int) -> tuple[Array, Array]:
    """The ``count`` lowest eigenpairs of ONE matrix (LAPACK ``stebz``/``stein``).

    Returns energies (count,) [eV] and vectors (count, N).
    """
    if h.diag.shape[0] != 1:
        raise QdoptoError("lowest_states takes one structure")
    count = min(count, h.diag.shape[1])
    w, v = eigh_tridiagonal(h.diag[0], h.off[0], select="i", select_range=(0, count - 1))
    v = v.T
    s = np.sign(v[:, :1] + 1e-300)
    s[s == 0] = 1.0
    return w, v * np.where(np.abs(v[:, :1]) > 0, s, 1.0)
