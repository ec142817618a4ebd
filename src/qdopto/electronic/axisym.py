"""Axisymmetric (r, z) effective-mass solver with position-dependent mass, and Poisson solver.

For rods, dot-in-rods, disks and lens/dome/cone epitaxial dots: any structure invariant under
rotation about the z axis. A state psi(r, z) exp(i m phi) of azimuthal quantum number m obeys
the BenDaniel-Duke equation [D. J. BenDaniel, C. B. Duke, Phys. Rev. 152, 683 (1966)] in
cylindrical coordinates,

    -hbar^2/2 [ (1/r) d/dr (r/m* dpsi/dr) + d/dz (1/m* dpsi/dz) ] + hbar^2 m^2/(2 m* r^2) psi
        + V psi = E psi,

with V the band edge as a particle energy (electrons E_c, holes -E_v) and m* the
position-dependent mass, optionally energy dependent through the Kane two-band
nonparabolicity m(E) = m* [1 + (E - V)/E_g] [G. Bastard, *Wave Mechanics Applied to
Semiconductor Heterostructures*, Les Editions de Physique (1988), Ch. III, Eq. (26) in the
two-band limit], solved self-consistently for each state: the ground state by Neumaier's
residual inverse iteration (one sparse factorisation reused across the iterations; see
:func:`_nonparabolic_state`), excited states by the secant method on E = lambda_n(H(E)) as
:func:`qdopto.electronic.models._level_energies` does for the radial model. Both converge to
the same fixed point E = lambda_n(H(E)).

Discretisation (finite volumes, the two-dimensional form of :mod:`qdopto.electronic.fd`)
---------------------------------------------------------------------------------------
Cells (r_i, r_{i+1}) x (z_j, z_{j+1}) carry constant material properties; the equation
integrated over a cell (volume w = pi (r_{i+1}^2 - r_i^2) dz) gives, by the divergence
theorem, face fluxes (1/m*) dpsi/dn times the face area (2 pi r_f dz on r faces,
pi (r_{i+1}^2 - r_i^2) on z faces). The gradient across a face between cells a and b is
(psi_b - psi_a)/(d_a + d_b), and continuity of the flux (the BenDaniel-Duke condition) with
cell-centre distances d_a, d_b to the face gives the face conductance

    g = area / (d_a m_a + d_b m_b)

(the harmonic mean of 1/m, exact for a material interface on the face). The Dirichlet walls
psi = 0 on the outer r face and on both z ends give g = area / (d m) to the wall. The face at
r = 0 has zero area, so the flux through the axis vanishes (regularity). The centrifugal
term hbar^2 m^2/(2 m* r^2) is taken at the cell centre; for the first cell, where psi ~ r^|m|,
this is the exact cell integral for |m| = 1. This gives A psi = E W psi with A symmetric and
W = diag(w); phi = W^(1/2) psi turns it into the symmetric H phi = E phi, and sum(phi^2) = 1
is the normalisation sum(psi^2 w) = int |psi|^2 dV = 1 (the azimuthal integral included). The
scheme is second order in the cell size.

The lowest eigenpairs are found by shift-and-invert Lanczos (ARPACK via
:func:`scipy.sparse.linalg.eigsh`), or plain inverse iteration for one state with a shift
close below a known estimate, with the shift below the ground state so that H - sigma is
positive definite; it is factorised by SuperLU with a symmetric minimum-degree ordering and
no pivoting, whose pivot signs (Sylvester's law of inertia) check that the shift lies below
the spectrum (else the proven lower bound min(edge) - 10 meV is used).

The Poisson solver (:func:`axisym_poisson`) uses the same operator with the permittivity in
place of 1/m* and extends the grid internally to 1000 nm (see there).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.linalg import LinearOperator, eigsh, splu

from qdopto.constants import COULOMB_EV_NM
from qdopto.constants import HBAR2_2M0_EV_NM2 as K
from qdopto.electronic.radial import MIN_MASS_FACTOR
from qdopto.errors import QdoptoError, ValidityWarning

Array = NDArray[np.float64]

#: Default largest number of cells a solve accepts. The sparse factor of a 2D five-point
#: operator under a nested-dissection-like ordering holds O(N log N) entries [A. George,
#: SIAM J. Numer. Anal. 10, 345 (1973)]; with the constant 31/8 of N log2 N taken here for L
#: and for U, about 4 GB at 2e6 cells (an estimate for the error message, not a bound).
MAX_CELLS = 2_000_000
#: Bytes per stored factor entry (8-byte value and 4-byte row index, in L and in U).
_BYTES_PER_FACTOR_ENTRY = 2 * 12
#: Distance [nm] to which :func:`axisym_poisson` extends the grid in every direction.
POISSON_EXTENT_NM = 1000.0
#: Growth factor of the cells of the Poisson extension.
POISSON_GROWTH = 1.08
#: Margin [eV] of the default shift below the lowest band edge (kinetic energy is positive, so
#: every eigenvalue lies above min(edge)).
SHIFT_MARGIN_EV = 1e-2
#: Largest number of secant steps of the nonparabolic self-consistency.
MAX_NONPARABOLIC_ITERATIONS = 60
#: Largest number of r-rows of a chunk in :func:`region_fractions_rz` (bounds the memory of the
#: sub-sample arrays to about that many x Nz x sub^2 entries).
_SAMPLES_PER_CHUNK = 4_000_000


# ----------------------------------------------------------------------------- grid
def _check_faces(name: str, faces: Any) -> Array:
    try:
        f = np.array(faces, dtype=float)
    except (TypeError, ValueError) as exc:
        raise QdoptoError(f"{name} must be a 1-D array of numbers [nm]; got {faces!r}") from exc
    if f.ndim != 1 or f.size < 2:
        raise QdoptoError(
            f"{name} must be a 1-D array of at least 2 cell faces [nm]; got shape {f.shape}"
        )
    if not np.all(np.isfinite(f)):
        raise QdoptoError(f"{name} contains NaN or infinite values; give finite faces [nm]")
    if np.any(np.diff(f) <= 0):
        raise QdoptoError(f"{name} must be strictly increasing; sort it and remove duplicates")
    f.setflags(write=False)
    return f


def _geometric(start: float, length: float, growth: float) -> Array:
    """Widths of cells growing by ``growth`` from ``start`` that add up to ``length`` [nm]."""
    if length <= 0:
        return np.zeros(0)
    n = max(1, math.ceil(math.log(1.0 + length * (growth - 1.0) / start) / math.log(growth)))
    widths = start * growth ** np.arange(n)
    return np.asarray(widths * (length / widths.sum()))


@dataclass(frozen=True)
class AxisymGrid:
    """Cells (r_i, r_{i+1}) x (z_j, z_{j+1}) of an axisymmetric problem.

    Attributes
    ----------
    r_faces : ndarray, shape (Nr+1,)
        Radial cell faces [nm], strictly increasing, ``r_faces[0] == 0`` (the axis).
    z_faces : ndarray, shape (Nz+1,)
        Axial cell faces [nm], strictly increasing.
    """

    r_faces: Array
    z_faces: Array

    def __post_init__(self) -> None:
        r = _check_faces("r_faces", self.r_faces)
        z = _check_faces("z_faces", self.z_faces)
        if r[0] != 0.0:
            raise QdoptoError(
                f"r_faces must start on the axis (r_faces[0] == 0), got {r[0]:g} nm; "
                "prepend 0 to the radial faces"
            )
        object.__setattr__(self, "r_faces", r)
        object.__setattr__(self, "z_faces", z)

    @property
    def shape(self) -> tuple[int, int]:
        """(Nr, Nz): number of cells along r and z."""
        return (self.r_faces.size - 1, self.z_faces.size - 1)

    @property
    def n_cells(self) -> int:
        """Number of cells Nr * Nz."""
        return self.shape[0] * self.shape[1]

    @property
    def r_centres(self) -> Array:
        """Cell centres along r [nm], shape (Nr,)."""
        return np.asarray(0.5 * (self.r_faces[1:] + self.r_faces[:-1]))

    @property
    def z_centres(self) -> Array:
        """Cell centres along z [nm], shape (Nz,)."""
        return np.asarray(0.5 * (self.z_faces[1:] + self.z_faces[:-1]))

    @property
    def dr(self) -> Array:
        """Cell widths along r [nm], shape (Nr,)."""
        return np.asarray(np.diff(self.r_faces))

    @property
    def dz(self) -> Array:
        """Cell widths along z [nm], shape (Nz,)."""
        return np.asarray(np.diff(self.z_faces))

    @property
    def areas(self) -> Array:
        """Annulus areas pi (r_{i+1}^2 - r_i^2) [nm^2], shape (Nr,)."""
        return np.asarray(np.pi * (self.r_faces[1:] ** 2 - self.r_faces[:-1] ** 2))

    @property
    def volumes(self) -> Array:
        """Cell volumes pi (r_{i+1}^2 - r_i^2) dz [nm^3], shape (Nr, Nz)."""
        return np.asarray(np.outer(self.areas, self.dz))

    @classmethod
    def graded(
        cls,
        r_inner: float,
        z_lo: float,
        z_hi: float,
        h: float,
        barrier: float,
        growth: float = 1.2,
        *,
        h_ref: float | None = None,
        h_barrier: float | None = None,
    ) -> AxisymGrid:
        """Uniform cells over the structure, geometrically growing cells in the barrier.

        Parameters
        ----------
        r_inner : float
            Radius [nm] covered by uniform cells (of width <= ``h``), from the axis.
        z_lo, z_hi : float
            Axial range [nm] covered by uniform cells.
        h : float
            Largest cell width [nm] in the uniform region.
        barrier : float
            Thickness [nm] of the barrier added beyond ``r_inner``, below ``z_lo`` and above
            ``z_hi``; its cells start at the uniform width and grow geometrically.
        growth : float
            Growth factor of successive barrier cells (1 < growth <= 3).
        h_ref : float, optional
            Cell size [nm] at which ``growth`` applies. If given, the factor used is
            1 + (growth - 1) h / h_ref, so that the grids for h and h/2 discretise one
            stretched mapping and every cell, barrier included, halves with h: this keeps the
            Richardson extrapolation of :func:`solve_converged` consistent (pass the initial h).
        h_barrier : float, optional
            Width [nm] of the first barrier cell when that is finer than the uniform cells
            (e.g. a quarter of the decay length of a carrier under a high barrier, as the
            radial model does); scaled by h / h_ref like the growth factor.

        Returns
        -------
        AxisymGrid
        """
        values = (r_inner, z_lo, z_hi, h, barrier, growth)
        if not all(math.isfinite(float(v)) for v in values):
            raise QdoptoError("graded grid parameters must be finite numbers")
        if r_inner <= 0 or z_hi <= z_lo:
            raise QdoptoError(
                f"graded grid needs r_inner > 0 and z_hi > z_lo, got r_inner={r_inner:g}, "
                f"z_lo={z_lo:g}, z_hi={z_hi:g} nm"
            )
        if h <= 0 or barrier < 0:
            raise QdoptoError(
                f"graded grid needs h > 0 and barrier >= 0 nm, got {h:g}, {barrier:g}"
            )
        if not (1.0 < growth <= 3.0):
            raise QdoptoError(f"barrier cell growth factor must be within (1, 3], got {growth:g}")
        q = growth
        if h_ref is not None:
            if not (math.isfinite(h_ref) and h_ref > 0):
                raise QdoptoError(f"h_ref must be a positive cell size [nm], got {h_ref!r}")
            q = 1.0 + (growth - 1.0) * h / h_ref
        nr = math.ceil(r_inner / h - 1e-9)
        nz = math.ceil((z_hi - z_lo) / h - 1e-9)
        hr, hz = r_inner / nr, (z_hi - z_lo) / nz
        if h_barrier is not None and not (math.isfinite(h_barrier) and h_barrier > 0):
            raise QdoptoError(f"h_barrier must be a positive cell size [nm], got {h_barrier!r}")
        hb = math.inf if h_barrier is None else h_barrier * (h / h_ref if h_ref else 1.0)
        r_out = r_inner + np.cumsum(_geometric(min(hr, hb), barrier, q))
        z_up = z_hi + np.cumsum(_geometric(min(hz, hb), barrier, q))
        z_down = z_lo - np.cumsum(_geometric(min(hz, hb), barrier, q))[::-1]
        r_faces = np.concatenate([np.linspace(0.0, r_inner, nr + 1), r_out])
        z_faces = np.concatenate([z_down, np.linspace(z_lo, z_hi, nz + 1), z_up])
        return cls(r_faces, z_faces)


def region_fractions_rz(
    grid: AxisymGrid,
    classify: Callable[[Array, Array], NDArray[np.int_]],
    n_regions: int,
    sub: int = 4,
) -> Array:
    """Volume fraction of each region in each cell, from sub x sub sub-samples per cell.

    Each cell is cut into sub x sub sub-cells (equal steps in r and z); the region of a
    sub-cell is ``classify`` at its centre and its weight is its exact volume
    pi (r_b^2 - r_a^2) dz / sub (the r weighting of cylindrical coordinates), so the fractions
    are volume fractions and add up to 1 in every cell.

    Parameters
    ----------
    grid : AxisymGrid
    classify : callable
        ``classify(r, z)`` with broadcastable arrays r, z [nm] returns the region index
        (0 .. n_regions-1) of each point, as an integer array of the broadcast shape.
    n_regions : int
        Number of regions.
    sub : int
        Sub-samples per cell and direction (1-64).

    Returns
    -------
    ndarray, shape (n_regions, Nr, Nz)
        Volume fractions.
    """
    if not (isinstance(n_regions, int | np.integer) and n_regions >= 1):
        raise QdoptoError(f"n_regions must be a positive integer, got {n_regions!r}")
    if not (isinstance(sub, int | np.integer) and 1 <= sub <= 64):
        raise QdoptoError(f"sub must be an integer from 1 to 64, got {sub!r}")
    nr, nz = grid.shape
    t = (np.arange(sub + 1) / sub)[None, :]
    rf = grid.r_faces[:-1, None] + grid.dr[:, None] * t  # (Nr, sub+1) sub-faces
    zf = grid.z_faces[:-1, None] + grid.dz[:, None] * t
    rs = 0.5 * (rf[:, 1:] + rf[:, :-1])  # (Nr, sub)
    zs = 0.5 * (zf[:, 1:] + zf[:, :-1])  # (Nz, sub)
    wr = rf[:, 1:] ** 2 - rf[:, :-1] ** 2  # proportional to the sub-annulus volume
    wr = wr / wr.sum(axis=1, keepdims=True)
    out = np.zeros((n_regions, nr, nz))
    rows = max(1, _SAMPLES_PER_CHUNK // max(1, nz * sub * sub))
    for start in range(0, nr, rows):  # chunks of r-rows bound the memory (not a cell loop)
        stop = min(nr, start + rows)
        r4 = rs[start:stop, :, None, None]
        z4 = zs[None, None, :, :]
        raw = classify(np.broadcast_to(r4, (stop - start, sub, nz, sub)), z4)
        reg = np.asarray(raw)
        shape = (stop - start, sub, nz, sub)
        if reg.shape != shape:
            try:
                reg = np.broadcast_to(reg, shape)
            except ValueError as exc:
                raise QdoptoError(
                    f"classify(r, z) returned shape {np.shape(raw)}, expected the broadcast "
                    f"shape {shape} of its arguments"
                ) from exc
        if not np.issubdtype(reg.dtype, np.integer):
            raise QdoptoError(
                f"classify(r, z) must return integer region indices, got dtype {reg.dtype}"
            )
        if reg.size and (reg.min() < 0 or reg.max() >= n_regions):
            raise QdoptoError(
                f"classify(r, z) returned region indices outside 0..{n_regions - 1} "
                f"(min {reg.min()}, max {reg.max()}); raise n_regions or fix the classifier"
            )
        w = np.broadcast_to(wr[start:stop, :, None, None] / sub, shape)
        cell = np.broadcast_to(
            (np.arange(start, stop)[:, None, None, None] - start) * nz
            + np.arange(nz)[None, None, :, None],
            shape,
        )
        ncell = (stop - start) * nz
        flat = np.bincount(
            (reg * ncell + cell).ravel(), weights=w.ravel(), minlength=n_regions * ncell
        )
        out[:, start:stop, :] = flat.reshape(n_regions, stop - start, nz)
    return out


# ----------------------------------------------------------------------------- operator
def _factor_estimate(n_cells: int) -> float:
    """Rough memory [bytes] of the sparse LU factor of an N-cell 2D operator (George 1973)."""
    return _BYTES_PER_FACTOR_ENTRY * 31.0 / 8.0 * n_cells * math.log2(max(n_cells, 2))


def _check_size(grid: AxisymGrid, max_cells: int, what: str) -> None:
    n = grid.n_cells
    if n > max_cells:
        raise QdoptoError(
            f"the {what} grid has {n} cells ({grid.shape[0]} x {grid.shape[1]}), more than "
            f"max_cells = {max_cells}; its sparse factorisation would need about "
            f"{_factor_estimate(n) / 1e9:.1f} GB; use larger cells (h) or raise max_cells"
        )


def _check_field(grid: AxisymGrid, name: str, value: Any, *, positive: bool = False) -> Array:
    try:
        a = np.array(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise QdoptoError(f"{name} must be an array of numbers of shape {grid.shape}") from exc
    if a.shape != grid.shape:
        raise QdoptoError(
            f"{name} has shape {a.shape}, but the grid has {grid.shape} cells (Nr, Nz); "
            "give one value per cell"
        )
    if np.any(np.isnan(a)):
        raise QdoptoError(f"{name} contains NaN; give a value in every cell")
    if positive:
        if np.any(~(a > 0)) or np.any(~np.isfinite(a)):
            raise QdoptoError(f"{name} must be positive and finite in every cell")
    elif not np.all(np.isfinite(a)):
        raise QdoptoError(f"{name} must be finite in every cell")
    return a


def _ordering(grid: AxisymGrid, ordering: str) -> NDArray[np.int64]:
    """Flat position of each cell: ``'z'`` numbers z fastest, ``'r'`` numbers r fastest."""
    nr, nz = grid.shape
    if ordering == "auto":
        ordering = "r" if nr < nz else "z"
    if ordering == "z":
        return np.arange(nr * nz, dtype=np.int64).reshape(nr, nz)
    if ordering == "r":
        return np.arange(nr * nz, dtype=np.int64).reshape(nz, nr).T.copy()
    raise QdoptoError(f"ordering must be 'auto', 'r' or 'z', got {ordering!r}")


@dataclass(frozen=True)
class _Conductances:
    """Face conductances of -div(c grad) with c = 1/resistivity [per-cell units x nm]."""

    gr: Array  # (Nr-1, Nz) interior r faces
    gz: Array  # (Nr, Nz-1) interior z faces
    g_rout: Array  # (Nz,) outer r face to the wall
    g_zlo: Array  # (Nr,) lower z end to the wall
    g_zhi: Array  # (Nr,) upper z end to the wall


def _conductances(
    grid: AxisymGrid, resistivity: Array, resistivity_z: Array | None = None
) -> _Conductances:
    """Conductances area / (d_a rho_a + d_b rho_b) of every face (rho = m* or 1/eps); with
    ``resistivity_z`` the z faces use it (an anisotropic mass: in-plane and axial)."""
    hr, hz = 0.5 * grid.dr, 0.5 * grid.dz
    rf, dz, area = grid.r_faces, grid.dz, grid.areas
    s = resistivity
    sz = resistivity if resistivity_z is None else resistivity_z
    gr = (2 * np.pi * rf[1:-1, None] * dz[None, :]) / (
        hr[:-1, None] * s[:-1, :] + hr[1:, None] * s[1:, :]
    )
    gz = area[:, None] / (hz[None, :-1] * sz[:, :-1] + hz[None, 1:] * sz[:, 1:])
    g_rout = 2 * np.pi * rf[-1] * dz / (hr[-1] * s[-1, :])
    g_zlo = area / (hz[0] * sz[:, 0])
    g_zhi = area / (hz[-1] * sz[:, -1])
    return _Conductances(gr, gz, g_rout, g_zlo, g_zhi)


def _stiffness(c: _Conductances, index: NDArray[np.int64]) -> sp.csc_matrix:
    """Symmetric matrix of sum over faces g (u_a - u_b)^2 (walls: g u_a^2)."""
    n = index.size
    diag = np.zeros(index.shape)
    diag[:-1, :] += c.gr
    diag[1:, :] += c.gr
    diag[:, :-1] += c.gz
    diag[:, 1:] += c.gz
    diag[-1, :] += c.g_rout
    diag[:, 0] += c.g_zlo
    diag[:, -1] += c.g_zhi
    lo_r, hi_r = index[:-1, :].ravel(), index[1:, :].ravel()
    lo_z, hi_z = index[:, :-1].ravel(), index[:, 1:].ravel()
    rows = np.concatenate([index.ravel(), lo_r, hi_r, lo_z, hi_z])
    cols = np.concatenate([index.ravel(), hi_r, lo_r, hi_z, lo_z])
    vals = np.concatenate(
        [diag.ravel(), -c.gr.ravel(), -c.gr.ravel(), -c.gz.ravel(), -c.gz.ravel()]
    )
    return sp.csc_matrix((vals, (rows, cols)), shape=(n, n))


def _apply(grid: AxisymGrid, c: _Conductances, u: Array) -> Array:
    """Stiffness matrix times cell values u (Nr, Nz), on the grid (no sparse assembly)."""
    out = np.zeros_like(u)
    f = c.gr * (u[:-1, :] - u[1:, :])
    out[:-1, :] += f
    out[1:, :] -= f
    f = c.gz * (u[:, :-1] - u[:, 1:])
    out[:, :-1] += f
    out[:, 1:] -= f
    out[-1, :] += c.g_rout * u[-1, :]
    out[:, 0] += c.g_zlo * u[:, 0]
    out[:, -1] += c.g_zhi * u[:, -1]
    return out


class _Problem:
    """One carrier's operator H(E) = W^(-1/2) A(m(E)) W^(-1/2) + V + centrifugal term [eV]."""

    def __init__(
        self,
        grid: AxisymGrid,
        edge: Array,
        mass: Array,
        gap: Array,
        m: int,
        index: NDArray[np.int64],
        mass_z: Array | None = None,
    ) -> None:
        self.grid, self.edge, self.mass, self.gap, self.m, self.index = (
            grid,
            edge,
            mass,
            gap,
            m,
            index,
        )
        self.mass_z = mass_z  # axial mass of an anisotropic (parabolic) carrier
        self.sqrt_w = np.sqrt(grid.volumes)
        self.nonparabolic = bool(np.any(np.isfinite(gap)))
        self.lower = float(edge.min()) - SHIFT_MARGIN_EV
        self.flat = index.ravel()

    def masses(self, energy: float | None) -> Array:
        """Kane two-band mass m* [1 + (E - V)/E_g] (Bastard 1988, Ch. III Eq. (26)), clipped
        below at MIN_MASS_FACTOR m* as in the radial model."""
        if energy is None or not self.nonparabolic:
            return self.mass
        factor = 1.0 + (energy - self.edge) / self.gap
        return np.asarray(self.mass * np.maximum(factor, MIN_MASS_FACTOR))

    def _potential(self, mass: Array) -> Array:
        if not self.m:
            return self.edge
        return np.asarray(self.edge + K * self.m**2 / (mass * self.grid.r_centres[:, None] ** 2))

    def matrix(self, energy: float | None) -> sp.csc_matrix:
        """Sparse H(E) in the flat cell order."""
        mass = self.masses(energy)
        a = _stiffness(_conductances(self.grid, mass, self.mass_z), self.index) * K
        d = np.empty(self.index.size)
        d[self.flat] = 1.0 / self.sqrt_w.ravel()
        v = np.empty(self.index.size)
        v[self.flat] = self._potential(mass).ravel()
        dm = sp.diags(d)
        return sp.csc_matrix(dm @ a @ dm + sp.diags(v))

    def apply(self, energy: float | None, phi: Array) -> Array:
        """H(E) phi for phi on the grid (Nr, Nz)."""
        mass = self.masses(energy)
        u = phi / self.sqrt_w
        a = _apply(self.grid, _conductances(self.grid, mass, self.mass_z), u) * K
        return np.asarray(a / self.sqrt_w + self._potential(mass) * phi)

    def to_grid(self, x: Array) -> Array:
        return np.asarray(x[self.flat].reshape(self.grid.shape))

    def to_flat(self, phi: Array) -> Array:
        x = np.empty(self.index.size)
        x[self.flat] = phi.ravel()
        return x


class _ShiftedFactor:
    """LU of H - sigma by SuperLU with a symmetric minimum-degree ordering.

    With ``spd`` (sigma below the spectrum) no pivoting is done, so the factorisation is an
    LDL^T in disguise and the signs of U's diagonal give the inertia (Sylvester's law).
    """

    def __init__(self, h: sp.csc_matrix, sigma: float, spd: bool = True) -> None:
        n = h.shape[0]
        self.sigma = sigma
        self.spd = spd
        self.lu = splu(
            sp.csc_matrix(h - sigma * sp.identity(n, format="csc")),
            permc_spec="MMD_AT_PLUS_A",
            diag_pivot_thresh=0.0 if spd else 0.1,
            options={"SymmetricMode": True},
        )
        self.n = n

    def below_spectrum(self) -> bool:
        """True if H - sigma is positive definite (all pivots positive)."""
        if not np.array_equal(self.lu.perm_r, self.lu.perm_c):  # pragma: no cover
            return False  # pivoting happened: cannot read the inertia
        return bool(np.all(self.lu.U.diagonal() > 0))

    def operator(self) -> LinearOperator:
        return LinearOperator((self.n, self.n), matvec=self.lu.solve, dtype=float)


def _factor_below(h: sp.csc_matrix, lower: float, guess: float | None) -> _ShiftedFactor:
    """Factor of H - sigma with sigma below the spectrum: ``guess`` if it is, else ``lower``
    (a proven lower bound: the kinetic energy is positive)."""
    if guess is not None and guess > lower:
        trial = _ShiftedFactor(h, guess)
        if trial.below_spectrum():
            return trial
    return _ShiftedFactor(h, lower)


def _lowest(prob: _Problem, k: int, guess: Array | None) -> tuple[Array, Array]:
    """The k lowest eigenpairs of the parabolic H (ascending; vectors (N, k), flat order)."""
    h = prob.matrix(None)
    n = h.shape[0]
    if n <= max(2 * k + 2, 40):  # tiny problems: dense
        w, v = np.linalg.eigh(h.toarray())
        return w[:k], v[:, :k]
    shift = None
    if guess is not None:
        g0 = float(guess[0])
        shift = g0 - 0.02 * (g0 - prob.lower) - 1e-4
    fac = _factor_below(h, prob.lower, shift)
    if k == 1 and fac.sigma > prob.lower:
        # shift close below the ground state: plain inverse iteration converges in a few steps
        x = np.ones(n) / math.sqrt(n)
        for _ in range(200):
            y = fac.lu.solve(x)
            yy = float(y @ y)
            c = float(y @ x) / yy
            res = math.sqrt(max(1.0 / yy - c * c, 0.0))
            x = y / math.sqrt(yy)
            if res < 1e-9:
                return np.array([fac.sigma + c]), x[:, None]
    ncv = min(n - 1, max(2 * k + 1, k + 12))
    w, v = eigsh(h, k=k, sigma=fac.sigma, which="LM", OPinv=fac.operator(), ncv=ncv, tol=1e-12)
    order = np.argsort(w)
    return np.asarray(w[order]), np.asarray(v[:, order])


def _rayleigh_functional(prob: _Problem, phi: Array, start: float, tol: float) -> float:
    """The root E of <phi|H(E)|phi> = E (phi normalised), by the secant method."""
    x0 = start
    g0 = float(np.sum(phi * prob.apply(x0, phi))) - x0
    x1 = x0 + g0
    for _ in range(MAX_NONPARABOLIC_ITERATIONS):
        g1 = float(np.sum(phi * prob.apply(x1, phi))) - x1
        if abs(g1) < 0.1 * tol:
            break
        denom = g1 - g0
        step = g1 * (x1 - x0) / denom if abs(denom) > 1e-15 else g1
        x0, g0, x1 = x1, g1, x1 - step
    return x1


def _nonparabolic_state(
    prob: _Problem, k: int, energy: float, phi: Array | None, tol: float
) -> tuple[float, Array, int]:
    """Ground state (k = 0) of the nonlinear problem H(E) phi = E phi by residual inverse
    iteration.

    A. Neumaier, SIAM J. Numer. Anal. 22, 914 (1985): with a fixed shift sigma near the
    eigenvalue, E_{j+1} solves the Rayleigh functional <x_j|H(E)|x_j> = E and
    x_{j+1} ~ x_j - (H(sigma) - sigma)^(-1) (H(E_{j+1}) - E_{j+1}) x_j. The convergence is
    linear with a rate proportional to |sigma - E|, so the shift is renewed (one new
    factorisation) when the energy has moved by more than a tenth of its distance to the
    lowest band edge. The shift lies just below the estimate and is checked to lie below the
    spectrum of H(sigma), so the iteration converges to the lowest solution of
    E = lambda_0(H(E)) (unique: lambda_0(H(E)) - E decreases with E). ``phi=None`` starts
    from inverse iteration with that factor.
    """
    if k:  # pragma: no cover - excited states go through _excited_state
        raise QdoptoError("internal error: residual inverse iteration is for the ground state")

    def factor(e: float) -> _ShiftedFactor:
        for frac in (0.02, 0.1, 0.3):
            sigma = e - frac * (e - prob.lower) - 1e-4
            fac = _ShiftedFactor(prob.matrix(sigma), sigma)
            if fac.below_spectrum():
                return fac
        return _ShiftedFactor(prob.matrix(prob.lower), prob.lower)

    fac = factor(energy)
    if phi is None:  # ground state of H(sigma) by inverse iteration with the same factor
        x = np.ones(prob.index.size) / math.sqrt(prob.index.size)
        for _ in range(200):
            y = fac.lu.solve(x)
            yy = float(y @ y)
            c = float(y @ x) / yy
            x = y / math.sqrt(yy)
            if max(1.0 / yy - c * c, 0.0) < 1e-6:
                break
        phi = prob.to_grid(x)
    lam = energy
    for it in range(1, MAX_NONPARABOLIC_ITERATIONS + 1):
        new = _rayleigh_functional(prob, phi, lam, tol)
        res = prob.apply(new, phi) - new * phi
        rnorm = float(np.sqrt(np.sum(res * res)))
        if abs(new - lam) < tol and rnorm < 1e-5:
            return new, phi, it
        lam = new
        if abs(lam - fac.sigma) > 0.1 * abs(lam - prob.lower):
            fac = factor(lam)
        phi = phi - prob.to_grid(fac.lu.solve(prob.to_flat(res)))
        phi /= np.sqrt(np.sum(phi * phi))
    raise QdoptoError(  # pragma: no cover - converges in a handful of steps
        f"nonparabolic self-consistency of the ground state did not converge within "
        f"{MAX_NONPARABOLIC_ITERATIONS} iterations"
    )


def _excited_state(
    prob: _Problem, k: int, energy: float, tol: float, ground: float | None = None
) -> tuple[float, Array, int]:
    """State k >= 1 of the nonparabolic problem: the root of g(E) = lambda_k(H(E)) - E by the
    secant method started at the parabolic level, as
    :func:`qdopto.electronic.models._level_energies` does for the radial model (the index k
    identifies the state unambiguously, unlike a shift-based iteration)."""

    def lam(e: float) -> tuple[float, Array]:
        fixed = _Problem(
            prob.grid,
            prob.edge,
            prob.masses(e),
            np.full(prob.grid.shape, np.inf),
            prob.m,
            prob.index,
        )
        # shift just below the ground state when it is known (ARPACK's shift-invert then
        # converges in a few steps; _factor_below checks the shift is below the spectrum)
        w, v = _lowest(fixed, k + 1, None if ground is None else np.array([ground]))
        return float(w[k]), v[:, k]

    x0 = energy
    l0, vec = lam(x0)
    g0 = l0 - x0
    x1 = l0
    for it in range(2, MAX_NONPARABOLIC_ITERATIONS + 2):
        l1, vec = lam(x1)
        g1 = l1 - x1
        if abs(g1) < tol:
            return l1, prob.to_grid(vec), it
        denom = g1 - g0
        step = g1 * (x1 - x0) / denom if abs(denom) > 1e-15 else g1
        x0, g0, x1 = x1, g1, x1 - step
    raise QdoptoError(  # pragma: no cover - the secant converges in a handful of steps
        f"nonparabolic self-consistency of state {k} did not converge within "
        f"{MAX_NONPARABOLIC_ITERATIONS} iterations"
    )


# ----------------------------------------------------------------------------- states
@dataclass(frozen=True)
class AxisymStates:
    """Lowest states of one carrier for one azimuthal quantum number.

    Attributes
    ----------
    energies_eV : ndarray (n,)
        Energies as particle energies [eV] (electrons: absolute level; holes: minus the level).
    psi : ndarray (n, Nr, Nz)
        Cell values of the envelope psi(r, z) [nm^-3/2], sum(psi**2 * volumes) == 1.
    m : int
        Azimuthal quantum number.
    iterations : int
        Iterations of the nonparabolic self-consistency (0 if parabolic).
    """

    energies_eV: Array
    psi: Array
    m: int
    iterations: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary (energies, quantum number, iterations, grid shape)."""
        return {
            "energies_eV": [float(e) for e in self.energies_eV],
            "m": int(self.m),
            "iterations": int(self.iterations),
            "grid_shape": [int(s) for s in self.psi.shape[1:]],
        }


def mix_bands(
    fractions: Array, edge: Any, mass: Any, gap: Any = None
) -> tuple[Array, Array, Array]:
    """Cell band edge, mass and Kane energy of cells shared by several materials.

    For volume fractions f_k of materials with band edges V_k, masses m_k and Kane energies
    E_g,k (inf if parabolic): V = sum f_k V_k (the volume average keeps int V |psi|^2 exact
    to first order) and the mass is the volume average of the materials' energy-dependent
    masses, m(E) = sum f_k m_k [1 + (E - V_k)/E_g,k] - linear in E, so it is written exactly
    as m* [1 + (E - V)/E_g] with m* = m(V) and E_g = m*/(sum f_k m_k/E_g,k). The
    arithmetic mean of m (the series rule for the flux (1/m) grad psi) is the one found to
    converge on spherical interfaces cut by the grid (tests/test_axisym.py).

    Parameters
    ----------
    fractions : ndarray (K, Nr, Nz)
        Volume fractions (from :func:`region_fractions_rz`).
    edge, mass, gap : sequences of K floats
        Band edge [eV], band-edge mass [m_e] and Kane energy [eV] (inf or None: parabolic) of
        each region.

    Returns
    -------
    edge, mass, gap : ndarray (Nr, Nz)
        Per-cell arrays for :func:`axisym_states`.
    """
    f = np.asarray(fractions, dtype=float)
    v = np.asarray(edge, dtype=float)
    ms = np.asarray(mass, dtype=float)
    g = np.full(v.shape, np.inf) if gap is None else np.asarray(gap, dtype=float)
    if f.ndim != 3 or not (v.shape == ms.shape == g.shape == (f.shape[0],)):
        raise QdoptoError(
            "mix_bands needs fractions of shape (K, Nr, Nz) and K values each of edge, mass "
            f"and gap; got {f.shape}, {v.shape}, {ms.shape}, {g.shape}"
        )
    if np.any(~(ms > 0)) or np.any(~(g > 0)) or not np.all(np.isfinite(v)):
        raise QdoptoError("mix_bands needs finite edges, positive masses and positive gaps")
    cell_edge = np.einsum("k,kij->ij", v, f)
    inv_g = np.where(np.isfinite(g), 1.0 / g, 0.0)
    factor = 1.0 + (cell_edge[None, :, :] - v[:, None, None]) * inv_g[:, None, None]
    cell_mass = np.einsum("k,kij->ij", ms, f * np.maximum(factor, MIN_MASS_FACTOR))
    slope = np.einsum("k,kij->ij", ms * inv_g, f)
    with np.errstate(divide="ignore"):
        cell_gap = np.where(slope > 0, cell_mass / np.where(slope > 0, slope, 1.0), np.inf)
    return cell_edge, cell_mass, cell_gap


def axisym_states(
    grid: AxisymGrid,
    edge: Any,
    mass: Any,
    gap: Any = None,
    *,
    n_states: int = 1,
    m: int = 0,
    tol_eV: float = 1e-9,
    max_cells: int = MAX_CELLS,
    ordering: str = "auto",
    guess_eV: Any = None,
) -> AxisymStates:
    """Lowest states of the axisymmetric BenDaniel-Duke equation (see the module docstring).

    Parameters
    ----------
    grid : AxisymGrid
    edge : ndarray (Nr, Nz)
        Band edge as a particle energy [eV] (electrons: E_c; holes: -E_v).
    mass : ndarray (Nr, Nz) or (2, Nr, Nz)
        Band-edge effective mass [m_e] (> 0); or, for an anisotropic parabolic carrier (the
        heavy hole of a flat epitaxial dot), the in-plane (r) and axial (z) masses.
    gap : ndarray (Nr, Nz) or None
        Kane energy [eV] of the nonparabolic mass m(E) = m* (1 + (E - edge)/gap); ``inf``
        (or None everywhere) is parabolic.
    n_states : int
        Number of states (1-50).
    m : int
        Azimuthal quantum number (|m| <= 50).
    tol_eV : float
        Tolerance [eV] of the nonparabolic self-consistency.
    max_cells : int
        Largest accepted number of cells (memory guard, checked before any allocation).
    ordering : str
        Flat numbering of the cells, ``'auto'``, ``'r'`` (r fastest) or ``'z'``; results do
        not depend on it (SuperLU reorders), it is exposed for tests.
    guess_eV : sequence of float, optional
        Estimates of the energies [eV] (e.g. from a coarser grid): the shift starts just below
        them, which saves iterations; a wrong guess only costs time.

    Returns
    -------
    AxisymStates
        psi is zero on the outer r face and on both z ends (hard walls: put them far into the
        barrier).
    """
    if not (isinstance(n_states, int | np.integer) and 1 <= n_states <= 50):
        raise QdoptoError(f"n_states must be an integer from 1 to 50, got {n_states!r}")
    if not (isinstance(m, int | np.integer) and abs(m) <= 50):
        raise QdoptoError(f"m must be an integer with |m| <= 50, got {m!r}")
    if not (isinstance(tol_eV, float | int) and tol_eV > 0 and math.isfinite(tol_eV)):
        raise QdoptoError(f"tol_eV must be a positive number [eV], got {tol_eV!r}")
    _check_size(grid, max_cells, "axisymmetric")
    v = _check_field(grid, "edge", edge)
    mass_z = None
    if np.ndim(mass) == 3 and np.shape(mass)[0] == 2:
        if gap is not None and np.any(np.isfinite(np.asarray(gap, dtype=float))):
            raise QdoptoError("an anisotropic (in-plane, axial) mass must be parabolic (gap None)")
        mass_z = _check_field(grid, "axial mass", np.asarray(mass)[1], positive=True)
        mass = np.asarray(mass)[0]
    mstar = _check_field(grid, "mass", mass, positive=True)
    if gap is None:
        g = np.full(grid.shape, np.inf)
    else:
        g = np.array(gap, dtype=float)
        if g.shape != grid.shape:
            raise QdoptoError(
                f"gap has shape {g.shape}, but the grid has {grid.shape} cells (Nr, Nz); "
                "give one value per cell (inf where the band is parabolic)"
            )
        if np.any(np.isnan(g)) or np.any(~(g > 0)):
            raise QdoptoError("gap must be positive in every cell (inf where parabolic), no NaN")
    if n_states > grid.n_cells:
        raise QdoptoError(f"n_states = {n_states} exceeds the {grid.n_cells} cells of the grid")
    guess = None
    if guess_eV is not None:
        guess = np.atleast_1d(np.asarray(guess_eV, dtype=float))
        if guess.size < n_states or not np.all(np.isfinite(guess)):
            guess = None
    prob = _Problem(grid, v, mstar, g, int(m), _ordering(grid, ordering), mass_z)
    iterations = 0
    if prob.nonparabolic and guess is not None and n_states == 1:
        # no parabolic solve: the nonlinear iteration starts from the guess
        e, phi, iterations = _nonparabolic_state(prob, 0, float(guess[0]), None, tol_eV)
        energies, phis = np.array([e]), [phi]
    else:
        w0, vec = _lowest(prob, n_states, guess)
        energies = np.array(w0, dtype=float)
        phis = [prob.to_grid(vec[:, k]) for k in range(n_states)]
        if prob.nonparabolic:
            for k in range(n_states):
                if k == 0:
                    e, phi, it = _nonparabolic_state(prob, 0, float(energies[0]), phis[0], tol_eV)
                else:
                    e, phi, it = _excited_state(
                        prob, k, float(energies[k]), tol_eV, float(energies[0])
                    )
                energies[k], phis[k] = e, phi
                iterations = max(iterations, it)
    vol = grid.volumes
    psi = np.stack(phis) / np.sqrt(vol)[None, :, :]
    total = np.sum(psi * vol, axis=(1, 2))
    flat = psi.reshape(n_states, -1)
    peak = np.take_along_axis(flat, np.abs(flat).argmax(axis=1)[:, None], 1)[:, 0]
    sign = np.where(np.abs(total) > 1e-8, np.sign(total), np.sign(peak))
    sign[sign == 0] = 1.0
    psi = psi * sign[:, None, None]
    psi /= np.sqrt(np.sum(psi**2 * vol, axis=(1, 2)))[:, None, None]
    return AxisymStates(energies, psi, int(m), iterations)


def solve_converged(
    setup: Callable[[float], tuple[AxisymGrid, Array, Array, Array | None]],
    h: float,
    *,
    n_states: int = 1,
    m: int = 0,
    tol_eV: float = 1e-3,
    max_refine: int = 3,
    max_cells: int = MAX_CELLS,
) -> tuple[AxisymStates, dict[str, Any]]:
    """States on grids h, h/2, ... until the extrapolated energies are within ``tol_eV``.

    Richardson extrapolation [L. F. Richardson, Phil. Trans. R. Soc. A 210, 307 (1911)]:
    E = E_n + (E_n - E_{n-1})/(2^p - 1). With two grids the order is the scheme's p = 2;
    with three or more it is the observed order p = log2((E_{n-2} - E_{n-1})/(E_{n-1} - E_n))
    of the last three when that lies within [1, 4] (interfaces cutting cells can spoil the
    asymptotic regime; then p = 2 is kept). The error estimate is Roache's grid convergence
    index F_s |E_n - E_{n-1}|/(2^p - 1) [P. J. Roache, J. Fluids Eng. 116, 405 (1994),
    Eq. (11)] with F_s = 1.25 for an observed order and F_s = 1 for the assumed one (the
    estimated error of the unextrapolated finest level, which bounds that of the extrapolated
    one in the asymptotic regime); the largest over the states.

    Parameters
    ----------
    setup : callable
        ``setup(h)`` returns (grid, edge, mass, gap) for a largest cell size h [nm]; for
        consistent extrapolation every cell should scale with h (see ``AxisymGrid.graded``'s
        ``h_ref``).
    h : float
        Coarsest cell size [nm].
    n_states, m : int
        As :func:`axisym_states`.
    tol_eV : float
        Target error [eV] of the extrapolated energies.
    max_refine : int
        Largest number of halvings of h (>= 1).
    max_cells : int
        Memory guard of each solve; a refinement beyond it stops the refinement with a
        :class:`ValidityWarning` (at least h and h/2 must fit).

    Returns
    -------
    states : AxisymStates
        The finest grid's states, with the extrapolated energies.
    convergence : dict
        ``h_nm``, ``energies_eV`` (per grid), ``error_eV``, ``order``, ``order_observed``,
        ``converged``.
    """
    if not (isinstance(h, float | int) and math.isfinite(h) and h > 0):
        raise QdoptoError(f"h must be a positive cell size [nm], got {h!r}")
    if not (isinstance(max_refine, int) and max_refine >= 1):
        raise QdoptoError(f"max_refine must be an integer >= 1, got {max_refine!r}")
    if not (isinstance(tol_eV, float | int) and tol_eV > 0):
        raise QdoptoError(f"tol_eV must be positive [eV], got {tol_eV!r}")
    hs: list[float] = []
    levels: list[Array] = []
    states: AxisymStates | None = None
    value = np.zeros(n_states)
    error = math.inf
    order, observed = 2.0, False
    for level in range(max_refine + 1):
        hl = h / 2**level
        grid, edge, mass, gap = setup(hl)
        if grid.n_cells > max_cells and level >= 2:
            warnings.warn(
                f"grid refinement stopped at h = {hs[-1]:g} nm: the next grid has "
                f"{grid.n_cells} cells > max_cells = {max_cells}; energies are within "
                f"{error * 1e3:.2g} meV, not the requested {tol_eV * 1e3:.2g} meV",
                ValidityWarning,
                stacklevel=2,
            )
            break
        states = axisym_states(
            grid,
            edge,
            mass,
            gap,
            n_states=n_states,
            m=m,
            tol_eV=min(1e-6, 1e-3 * tol_eV),  # self-consistency far below the target
            max_cells=max_cells,
            guess_eV=(value if len(levels) >= 2 else levels[-1]) if levels else None,
        )
        hs.append(hl)
        levels.append(states.energies_eV)
        if len(levels) < 2:
            continue
        order, observed = 2.0, False
        if len(levels) >= 3:
            d1 = levels[-3] - levels[-2]
            d2 = levels[-2] - levels[-1]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = d1 / d2
            if np.all(np.isfinite(ratio)) and np.all(ratio > 0):
                p = float(np.median(np.log2(ratio)))
                if 1.0 <= p <= 4.0:
                    order, observed = p, True
        diff = levels[-1] - levels[-2]
        value = levels[-1] + diff / (2**order - 1)
        safety = 1.25 if observed else 1.0
        error = float(np.max(safety * np.abs(diff) / (2**order - 1)))
        if error <= tol_eV:
            break
    else:
        warnings.warn(
            f"grid refinement reached max_refine = {max_refine} (h = {hs[-1]:g} nm) with an "
            f"error estimate of {error * 1e3:.2g} meV > {tol_eV * 1e3:.2g} meV",
            ValidityWarning,
            stacklevel=2,
        )
    if states is None:  # pragma: no cover - the loop always solves at least once
        raise QdoptoError("internal error: no grid was solved")
    conv = {
        "h_nm": hs,
        "energies_eV": [[float(e) for e in lv] for lv in levels],
        "error_eV": error,
        "order": order,
        "order_observed": observed,
        "converged": bool(error <= tol_eV),
        "cells": int(states.psi[0].size),
    }
    final = AxisymStates(np.asarray(value, dtype=float), states.psi, states.m, states.iterations)
    return final, conv


# ----------------------------------------------------------------------------- Poisson
def _extend(faces: Array, lo: float | None, hi: float) -> Array:
    """Faces extended by geometric cells (POISSON_GROWTH) down to ``lo`` and up to ``hi``."""
    widths = np.diff(faces)
    parts = [faces]
    if hi > faces[-1]:
        parts.append(faces[-1] + np.cumsum(_geometric(widths[-1], hi - faces[-1], POISSON_GROWTH)))
    if lo is not None and lo < faces[0]:
        down = faces[0] - np.cumsum(_geometric(widths[0], faces[0] - lo, POISSON_GROWTH))
        parts.insert(0, down[::-1])
    return np.concatenate(parts)


def axisym_poisson(
    grid: AxisymGrid,
    eps: Any,
    rho: Any,
    *,
    extent_nm: float = POISSON_EXTENT_NM,
    max_cells: int = MAX_CELLS,
) -> Array:
    """Electrostatic potential of an axisymmetric charge density in an inhomogeneous dielectric.

    Solves div(eps grad phi) = -rho/eps0, i.e. -div(eps grad phi) = 4 pi (e/(4 pi eps0)) rho
    with rho in e/nm^3 and phi in V (the factor e/(4 pi eps0) = 1.44 V nm is
    ``COULOMB_EV_NM``), with the finite-volume operator of the module docstring (eps in
    place of 1/m*: face conductances area / (d_a/eps_a + d_b/eps_b), the series rule that
    makes the normal displacement continuous across a dielectric interface on a face).

    Boundary: the grid is extended internally by geometrically growing cells (factor 1.2)
    to ``extent_nm`` (1000 nm) from the centre of the grid in +r, -z and +z, with eps
    continued from the outermost cells and rho = 0; on the outer faces phi takes the exact
    monopole value Q e/(4 pi eps0 eps_eff |x - x_Q|), with Q the total charge, x_Q its
    centroid on the axis and eps_eff the solid-angle average of eps over the boundary as seen
    from x_Q. That is the exact far field for a permittivity that depends only on direction
    (e.g. two half-spaces: phi = 2Q/(4 pi eps0 (eps1 + eps2) r), the image-charge result,
    J. D. Jackson, *Classical Electrodynamics*, 3rd ed., Sec. 4.4), so the truncation error is
    of dipole order, p/(4 pi eps0 eps L^2) ~ 1e-6 V for a 1 e nm dipole at L = 1000 nm: far
    below 1 meV for unit charges.

    Parameters
    ----------
    grid : AxisymGrid
    eps : ndarray (Nr, Nz)
        Relative permittivity (> 0).
    rho : ndarray (Nr, Nz)
        Charge density [e/nm^3].
    extent_nm : float
        Distance [nm] to which the grid is extended.
    max_cells : int
        Largest accepted number of cells of the extended grid.

    Returns
    -------
    ndarray (Nr, Nz)
        Potential [V] at the cell centres.
    """
    _check_size(grid, max_cells, "Poisson")
    e = _check_field(grid, "eps", eps, positive=True)
    q = _check_field(grid, "rho", rho)
    if not (isinstance(extent_nm, float | int) and math.isfinite(extent_nm) and extent_nm > 0):
        raise QdoptoError(f"extent_nm must be a positive distance [nm], got {extent_nm!r}")
    nr, nz = grid.shape
    zc = 0.5 * (grid.z_faces[0] + grid.z_faces[-1])
    big = AxisymGrid(
        _extend(grid.r_faces, None, extent_nm),
        _extend(grid.z_faces, zc - extent_nm, zc + extent_nm),
    )
    _check_size(big, max_cells, "extended Poisson")
    j0 = int(np.searchsorted(big.z_faces, grid.z_faces[0]))
    ri = np.minimum(np.arange(big.shape[0]), nr - 1)
    zi = np.clip(np.arange(big.shape[1]) - j0, 0, nz - 1)
    eps_big = e[np.ix_(ri, zi)]
    rho_big = np.zeros(big.shape)
    rho_big[:nr, j0 : j0 + nz] = q
    vol = big.volumes
    charge = float(np.sum(rho_big * vol))
    weight = np.abs(rho_big * vol)
    z_q = float(np.sum(weight * big.z_centres[None, :]) / weight.sum()) if weight.sum() else zc
    # solid angles of the boundary faces seen from (0, z_q)
    rb, zlo, zhi = big.r_faces[-1], big.z_faces[0] - z_q, big.z_faces[-1] - z_q
    t = big.z_faces - z_q
    om_side = 2 * np.pi * np.diff(t / np.hypot(rb, t))
    om_lo = 2 * np.pi * -np.diff(-zlo / np.hypot(zlo, big.r_faces))
    om_hi = 2 * np.pi * -np.diff(zhi / np.hypot(zhi, big.r_faces))
    eps_eff = float(
        (
            np.sum(om_side * eps_big[-1, :])
            + np.sum(om_lo * eps_big[:, 0])
            + np.sum(om_hi * eps_big[:, -1])
        )
        / (np.sum(om_side) + np.sum(om_lo) + np.sum(om_hi))
    )
    amp = COULOMB_EV_NM * charge / eps_eff
    phi_side = amp / np.hypot(rb, big.z_centres - z_q)
    phi_lo = amp / np.hypot(zlo, big.r_centres)
    phi_hi = amp / np.hypot(zhi, big.r_centres)
    index = _ordering(big, "auto")
    cond = _conductances(big, 1.0 / eps_big)
    a = _stiffness(cond, index)
    b = 4 * np.pi * COULOMB_EV_NM * rho_big * vol
    b[-1, :] += cond.g_rout * phi_side
    b[:, 0] += cond.g_zlo * phi_lo
    b[:, -1] += cond.g_zhi * phi_hi
    rhs = np.empty(index.size)
    rhs[index.ravel()] = b.ravel()
    lu = splu(a, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0, options={"SymmetricMode": True})
    sol = lu.solve(rhs)
    phi = sol[index.ravel()].reshape(big.shape)
    return np.asarray(phi[:nr, j0 : j0 + nz])


def coulomb_energy(
    grid: AxisymGrid,
    eps: Any,
    density_a: Any,
    density_b: Any,
    charge_a: float = -1,
    charge_b: float = +1,
    *,
    max_cells: int = MAX_CELLS,
) -> float:
    """First-order direct Coulomb energy of two carriers [eV].

    J = q_a q_b int n_a(x) phi_b(x) dV, with phi_b the potential of the unit-charge density n_b
    from :func:`axisym_poisson` (which includes the dielectric polarisation of the
    inhomogeneous eps) and n = |psi|^2 [1/nm^3] (the Hartree term of first-order perturbation
    theory, e.g. L. E. Brus, J. Chem. Phys. 80, 4403 (1984)). Negative for an
    electron-hole pair.

    Parameters
    ----------
    grid : AxisymGrid
    eps : ndarray (Nr, Nz)
        Relative permittivity.
    density_a, density_b : ndarray (Nr, Nz)
        Probability densities [1/nm^3] (normally sum(n * volumes) = 1).
    charge_a, charge_b : float
        Charges [e].

    Returns
    -------
    float
        Energy [eV].
    """
    _check_size(grid, max_cells, "Poisson")
    na = _check_field(grid, "density_a", density_a)
    nb = _check_field(grid, "density_b", density_b)
    for name, c in (("charge_a", charge_a), ("charge_b", charge_b)):
        if not (isinstance(c, float | int) and math.isfinite(c)):
            raise QdoptoError(f"{name} must be a finite number [e], got {c!r}")
    phi_b = axisym_poisson(grid, eps, charge_b * nb, max_cells=max_cells)
    return float(charge_a * np.sum(na * phi_b * grid.volumes))
