"""Three-dimensional effective-mass states and electrostatics on a graded Cartesian grid.

For dots without axial symmetry (rectangular nanoplatelets, pyramidal dots) the
BenDaniel-Duke equation with a position-dependent mass
[D. J. BenDaniel and C. B. Duke, Phys. Rev. 152, 683 (1966), Eq. (6)]

    -hbar^2/2 div( (1/m(r)) grad psi ) + V(r) psi = E psi                              (1)

is discretised by finite volumes on a tensor-product grid of cuboid cells: psi is the cell
average, layer interfaces lie on cell faces, and the flux (1/m) d psi/dn through the face
between cells a and b is (psi_b - psi_a) / (d_a m_a + d_b m_b) (d: distance from each cell
centre to the face), the harmonic-mean conductance that makes psi and (1/m) d psi/dn
continuous across an interface (the 3D version of :mod:`qdopto.electronic.fd`). With the
outer faces as hard walls (psi = 0) this gives A psi = E W psi (A symmetric, W = diag(cell
volumes)), symmetrised as H phi = E phi with phi = W^(1/2) psi, H = W^(-1/2) A W^(-1/2). The
scheme is second order in the cell size.

Eigen-solvers:

* ``"lobpcg"`` (default): LOBPCG [A. V. Knyazev, SIAM J. Sci. Comput. 23, 517 (2001)] with a
  preconditioner that is the exact inverse of a constant-coefficient operator
  c0 (-Laplacian) + tau on the *same* graded grid, applied by the fast diagonalisation method
  [R. E. Lynch, J. R. Rice and D. H. Thomas, Numer. Math. 6, 185 (1964)]: the 1D
  finite-volume operators of the three axes are diagonalised once (dense, N_axis^2 each) and
  the inverse is three dense tensor contractions and a diagonal scaling, O(N^(4/3)) flops per
  application, done by BLAS. It is the non-uniform-grid generalisation of a DST-based
  Laplacian inverse. c0 is the largest 1/m (the well) and tau half the band-edge range
  (measured to minimise the iteration count; a diagonal rescaling by the local 1/m was tried
  and tripled it). Memory is O(N); 20-40 iterations for platelets with 0.5-4 eV barriers.
* ``"shift-invert"``: ARPACK ``eigsh`` with ``sigma`` at the lowest band edge (sparse LU of
  H - sigma); the generic baseline, whose LU fill grows like N^(5/3) on 3D grids.

Kane two-band nonparabolicity: m(E) = m* (1 + (E - E_edge)/E_gap)
[G. Bastard, Wave Mechanics Applied to Semiconductor Heterostructures (Les Editions de
Physique, 1988), Ch. III, Eq. (26), two-band limit; as in :mod:`qdopto.electronic.profile`];
each level solves E = lambda_k(H(E)) by the secant method, as
:func:`qdopto.electronic.models._level_energies` does radially.

Electrostatics (:func:`poisson3d`): div(eps grad phi) = -rho/eps0 with the same finite
volumes (harmonic-mean face permittivities), solved by preconditioned conjugate gradients
with the fast-diagonalisation inverse of the constant-eps operator as preconditioner. The
outer faces carry the exact monopole plus dipole potential of the charge in the outer medium
(Dirichlet), so the truncation error is of quadrupole order, Q a^2 / (4 pi eps0 eps L^3)
(a: extent of the charge, L: distance to the boundary), below 1 meV for unit charges within
a few nm of the centre of a box reaching >= 10 nm beyond them.

Memory is checked against a limit (:func:`estimate_memory_bytes`) before anything of the
grid's size is allocated.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.linalg import eigh_tridiagonal
from scipy.sparse.linalg import LinearOperator, cg, eigsh, lobpcg

from qdopto.constants import COULOMB_EV_NM
from qdopto.constants import HBAR2_2M0_EV_NM2 as K
from qdopto.electronic.radial import MIN_MASS_FACTOR
from qdopto.errors import QdoptoError, ValidityWarning

Array = NDArray[np.float64]
IntArray = NDArray[np.int_]

METHODS = ("lobpcg", "shift-invert")
#: Subsample points classified per chunk in :func:`region_fractions_xyz` (bounds its memory
#: to ~ 100 MB independently of the grid size).
FRACTION_CHUNK_POINTS = 2_000_000
#: Default memory limit [bytes] (the issue's 4 GB target).
DEFAULT_MEMORY_LIMIT = 4e9
#: Level spacing [eV] assumed when turning an eigenvalue tolerance into a residual tolerance:
#: the Rayleigh quotient error is <= residual^2 / spacing (Kato-Temple bound, e.g.
#: B. N. Parlett, The Symmetric Eigenvalue Problem, SIAM 1998, Thm. 10.5.1).
LEVEL_SPACING_EV = 0.01
#: Extra LOBPCG block vectors beyond the requested states (faster, more robust convergence
#: for (near-)degenerate levels; Knyazev 2001, Sec. 5).
LOBPCG_EXTRA = 2
#: tau of the LOBPCG preconditioner (c0 K L + tau)^(-1) as a fraction of the band-edge range:
#: measured iteration counts on a 32^3 platelet (V0 = 0.5, 2, 4 eV, masses 0.13/1) are within
#: 10 % of their minimum for fractions 0.3-1 (and grow 1.5-5x for tau -> lowest kinetic value).
PRECOND_TAU_FRACTION = 0.5
#: LOBPCG iteration cap per eigen-solve.
LOBPCG_MAXITER = 400
#: Grids with fewer unknowns than this are solved densely (LOBPCG needs N >> block size).
DENSE_LIMIT = 600
#: Shift-invert: sigma this far below the lowest band edge [eV].
SHIFT_BELOW_EDGE_EV = 1e-3
#: Shift-invert: ARPACK relative tolerance of the eigenvalues of (H - sigma)^(-1).
ARPACK_TOL = 1e-12
#: Relative residual of the Poisson CG solve.
POISSON_RTOL = 1e-9
#: Probability in the outermost cell layer above which a bound state "feels" the hard walls
#: (its energy shift is of the order of this fraction of its binding energy).
WALL_PROBABILITY = 1e-4
#: CG iteration cap of the Poisson solve.
POISSON_MAXITER = 2000
#: Bytes per float64.
_F8 = 8


# --------------------------------------------------------------------------------------------
# grid
# --------------------------------------------------------------------------------------------
def _check_faces(name: str, faces: Any) -> Array:
    f = np.asarray(faces, dtype=float)
    if f.ndim != 1 or f.size < 2:
        raise QdoptoError(f"{name} must be a 1D array of at least 2 cell faces [nm]")
    if not np.all(np.isfinite(f)):
        raise QdoptoError(f"{name} contains NaN or infinite values; pass finite faces [nm]")
    if not np.all(np.diff(f) > 0):
        raise QdoptoError(f"{name} must be strictly increasing; sort the faces and drop repeats")
    return f


def _graded_axis(lo: float, hi: float, h: float, barrier: float, growth: float) -> Array:
    """Faces: uniform cells <= h in [lo, hi], geometrically growing cells out to ``barrier``."""
    n_in = max(1, math.ceil((hi - lo) / h - 1e-9))
    inner = np.linspace(lo, hi, n_in + 1)
    d0 = (hi - lo) / n_in
    if barrier <= 0:
        return inner
    if growth == 1.0:
        k = max(1, math.ceil(barrier / d0 - 1e-9))
        sizes = np.full(k, barrier / k)
    else:
        # smallest k with sum_{j=1..k} d0 g^j = d0 g (g^k - 1)/(g - 1) >= barrier, then the
        # sizes are scaled to end exactly at the barrier thickness
        ratio = 1.0 + barrier * (growth - 1.0) / (d0 * growth)
        k = max(1, math.ceil(math.log(ratio) / math.log(growth) - 1e-9))
        sizes = d0 * growth ** np.arange(1, k + 1)
        sizes *= barrier / sizes.sum()
    steps = np.cumsum(sizes)
    return np.concatenate([lo - steps[::-1], inner, hi + steps])


@dataclass(frozen=True)
class Grid3D:
    """Tensor-product grid of cuboid cells.

    Parameters
    ----------
    x_faces, y_faces, z_faces : ndarray, shape (N+1,)
        Strictly increasing cell faces [nm] of each axis.
    """

    x_faces: Array
    y_faces: Array
    z_faces: Array

    def __post_init__(self) -> None:
        for name in ("x_faces", "y_faces", "z_faces"):
            object.__setattr__(self, name, _check_faces(name, getattr(self, name)))

    @classmethod
    def graded(
        cls,
        lo: tuple[float, float, float],
        hi: tuple[float, float, float],
        h: float | Sequence[float],
        barrier: float,
        growth: float = 1.2,
        max_cells_per_axis: int | None = None,
    ) -> Grid3D:
        """Uniform cells (size <= h) in the box [lo, hi], geometrically growing outside.

        Parameters
        ----------
        lo, hi : tuple of 3 floats
            Corners of the finely resolved box [nm].
        h : float or sequence of 3 floats
            Largest cell size inside the box [nm] (per axis if a tuple).
        barrier : float
            Thickness [nm] of the graded region added beyond each face of the box.
        growth : float
            Ratio of neighbouring cell sizes in the graded region (>= 1).
        max_cells_per_axis : int, optional
            Raise :class:`QdoptoError` if an axis would get more cells than this.
        """
        hs = (float(h),) * 3 if isinstance(h, int | float) else tuple(float(v) for v in h)
        if len(hs) != 3 or not all(np.isfinite(v) and v > 0 for v in hs):
            raise QdoptoError(f"cell size h = {h} must be positive and finite (one or 3 values)")
        if not (np.isfinite(barrier) and barrier >= 0):
            raise QdoptoError(f"barrier = {barrier} nm must be finite and >= 0")
        if not (np.isfinite(growth) and growth >= 1.0):
            raise QdoptoError(f"growth = {growth} must be a finite ratio >= 1")
        axes = []
        for a in range(3):
            if not (np.isfinite(lo[a]) and np.isfinite(hi[a]) and hi[a] > lo[a]):
                raise QdoptoError(f"box axis {a}: need finite lo < hi, got {lo[a]} and {hi[a]}")
            f = _graded_axis(float(lo[a]), float(hi[a]), hs[a], float(barrier), float(growth))
            if max_cells_per_axis is not None and f.size - 1 > max_cells_per_axis:
                raise QdoptoError(
                    f"axis {'xyz'[a]} needs {f.size - 1} cells (> max_cells_per_axis = "
                    f"{max_cells_per_axis}); use a larger h, a larger growth or a thinner barrier"
                )
            axes.append(f)
        return cls(axes[0], axes[1], axes[2])

    @property
    def faces(self) -> tuple[Array, Array, Array]:
        return (self.x_faces, self.y_faces, self.z_faces)

    @property
    def centres(self) -> tuple[Array, Array, Array]:
        """Cell centres of the three axes [nm] (1D arrays)."""
        return tuple(0.5 * (f[1:] + f[:-1]) for f in self.faces)  # type: ignore[return-value]

    @property
    def widths(self) -> tuple[Array, Array, Array]:
        """Cell sizes of the three axes [nm] (1D arrays)."""
        return tuple(np.diff(f) for f in self.faces)  # type: ignore[return-value]

    @property
    def shape(self) -> tuple[int, int, int]:
        return (self.x_faces.size - 1, self.y_faces.size - 1, self.z_faces.size - 1)

    @property
    def n_cells(self) -> int:
        nx, ny, nz = self.shape
        return nx * ny * nz

    @property
    def volumes(self) -> Array:
        """Cell volumes [nm^3], shape (Nx, Ny, Nz)."""
        dx, dy, dz = self.widths
        return np.asarray(dx[:, None, None] * dy[None, :, None] * dz[None, None, :])


# --------------------------------------------------------------------------------------------
# sub-cell region fractions
# --------------------------------------------------------------------------------------------
def region_fractions_xyz(
    grid: Grid3D,
    classify: Callable[[Array, Array, Array], IntArray],
    n_regions: int,
    sub: int = 3,
    *,
    memory_limit_bytes: float = DEFAULT_MEMORY_LIMIT,
) -> Array:
    """Volume fraction of each region in every cell, from sub^3 sample points per cell.

    Parameters
    ----------
    grid : Grid3D
        The grid.
    classify : callable
        ``classify(x, y, z)`` with broadcast arrays of point coordinates [nm] (all of the same
        shape, possibly read-only views) returns the region index (0 .. n_regions-1) of each
        (booleans count as 0/1).
    n_regions : int
        Number of regions.
    sub : int
        Sample points per cell and axis (midpoint rule of the cell's sub-cells).
    memory_limit_bytes : float
        Raise :class:`QdoptoError` (before allocating) if the result would not fit.

    Returns
    -------
    ndarray, shape (n_regions, Nx, Ny, Nz)
        Fractions in [0, 1] that add up to 1 in every cell.
    """
    if int(n_regions) < 1 or int(sub) < 1:
        raise QdoptoError(f"n_regions = {n_regions} and sub = {sub} must be >= 1")
    n_regions, sub = int(n_regions), int(sub)
    nx, ny, nz = grid.shape
    # result + per-chunk coordinates, labels and comparisons (a one-x-slab chunk at least)
    chunk = max(FRACTION_CHUNK_POINTS, ny * nz * sub**3)
    need = _F8 * n_regions * grid.n_cells + _F8 * 4 * chunk
    if need > memory_limit_bytes:
        raise QdoptoError(
            f"region fractions of a {nx} x {ny} x {nz} grid need ~{need / 1e9:.3g} GB "
            f"(> limit {memory_limit_bytes / 1e9:.3g} GB); use coarser cells or a thinner barrier"
        )
    frac = (np.arange(sub) + 0.5) / sub
    pts = [(f[:-1, None] + np.diff(f)[:, None] * frac[None, :]).ravel() for f in grid.faces]
    out = np.zeros((n_regions, nx, ny, nz))
    per_x = ny * nz * sub**3
    step = max(1, FRACTION_CHUNK_POINTS // per_x)
    for i0 in range(0, nx, step):  # chunks of whole x-slabs, not per cell
        i1 = min(nx, i0 + step)
        xs = pts[0][i0 * sub : i1 * sub]
        x, y, z = np.broadcast_arrays(
            xs[:, None, None], pts[1][None, :, None], pts[2][None, None, :]
        )
        lab = np.broadcast_to(np.asarray(classify(x, y, z)), x.shape)
        if lab.dtype == np.bool_:
            lab = lab.astype(np.int8)
        if not np.issubdtype(lab.dtype, np.integer):
            raise QdoptoError("classify must return integer region indices")
        if lab.size and (lab.min() < 0 or lab.max() >= n_regions):
            raise QdoptoError(
                f"classify returned region indices outside 0..{n_regions - 1}; "
                "fix the classifier or raise n_regions"
            )
        lab6 = lab.reshape(i1 - i0, sub, ny, sub, nz, sub)
        for r in range(n_regions):  # loop over regions, vectorised over cells
            out[r, i0:i1] = np.mean(lab6 == r, axis=(1, 3, 5))
    return out


# --------------------------------------------------------------------------------------------
# memory estimate
# --------------------------------------------------------------------------------------------
#: Empirical SuperLU fill of H - sigma on n^3 grids with scipy's default COLAMD ordering:
#: nnz(L + U) ~ C N^(5/3), C = 0.96-1.25 measured for n = 10 .. 32 (nested dissection would
#: give N^(4/3)); 16 bytes per non-zero (value, index, SuperLU work space). Used only for the
#: shift-invert estimate.
_LU_FILL_COEFF = 1.3
_LU_FILL_EXPONENT = 5.0 / 3.0


def estimate_memory_bytes(grid: Grid3D, n_states: int = 1, method: str = "lobpcg") -> int:
    """Upper estimate of the peak memory [bytes] of :func:`grid3d_states`.

    Counts the sparse matrices (7 diagonals, CSR: 12 bytes per non-zero; 2 + n_states of them
    alive in the nonparabolic iteration), the coefficient and geometry fields (~20 float64 per
    cell, including assembly temporaries), and for LOBPCG its block vectors (X, AX, R, AR, P,
    AP, preconditioner work, ~ 20 blocks of n_states + 2 vectors); for shift-invert the LU
    factors (empirical fill, see ``_LU_FILL_COEFF``) and the ARPACK Lanczos basis
    (2 n_states + 1 vectors, at least 20). The tracemalloc peak of the 64^3 platelet
    benchmark is 156 MB (parabolic) and 210 MB (nonparabolic) for an estimate of 240 MB.
    """
    if method not in METHODS:
        raise QdoptoError(f"unknown method {method!r}; choose one of {METHODS}")
    n = float(grid.n_cells)
    csr = 7 * 12 + 4  # bytes per cell of one 7-point CSR matrix
    # matrices alive at once (assembly, the previous secant step, one per returned state)
    base = n * csr * (2 + int(n_states)) + n * 20 * _F8
    if method == "lobpcg":
        block = int(n_states) + LOBPCG_EXTRA
        extra = n * 20 * block * _F8 + 3 * (3 * block) ** 2 * _F8
        if n < DENSE_LIMIT:
            extra += n * n * _F8 * 3
    else:
        ncv = max(2 * int(n_states) + 1, 20)
        extra = _LU_FILL_COEFF * n**_LU_FILL_EXPONENT * 16 + n * ncv * _F8 * 2
    return int(base + extra)


def _check_memory(grid: Grid3D, n_states: int, method: str, limit: float) -> None:
    est = estimate_memory_bytes(grid, n_states, method)
    if est > limit:
        nx, ny, nz = grid.shape
        raise QdoptoError(
            f"a {nx} x {ny} x {nz} grid ({grid.n_cells:.3g} cells) needs an estimated "
            f"{est / 1e9:.3g} GB with method {method!r}, above the limit of {limit / 1e9:.3g} GB; "
            "use a coarser resolution (larger h), a thinner barrier or a larger growth factor"
            + ("" if method == "lobpcg" else ", or method='lobpcg'")
        )


# --------------------------------------------------------------------------------------------
# operators
# --------------------------------------------------------------------------------------------
def _field(name: str, value: Any, shape: tuple[int, int, int], positive: bool = False) -> Array:
    a = np.asarray(value, dtype=float)
    if a.ndim == 0:
        a = np.full(shape, float(a))
    if a.shape != shape:
        raise QdoptoError(f"{name} has shape {a.shape} but the grid has {shape} cells")
    if np.any(np.isnan(a)):
        raise QdoptoError(f"{name} contains NaN; fill every cell with a value")
    if positive and not np.all(a > 0):
        raise QdoptoError(f"{name} must be > 0 in every cell")
    if not positive and not np.all(np.isfinite(a)):
        raise QdoptoError(f"{name} must be finite in every cell")
    return a


def _conductances(
    grid: Grid3D, resist: Array, resist_z: Array | None = None
) -> tuple[Array, Array, Array, Array]:
    """Face conductances of a finite-volume operator with coefficient 1/resist per cell
    (with ``resist_z``, the z faces use it: an anisotropic in-plane/axial mass).

    Returns the interior face conductances along x, y, z (shapes (Nx-1,Ny,Nz), ...) and the
    sum of the boundary-face conductances of every cell (hard walls / Dirichlet), in units of
    area / (length * resist) [nm / resist]. The interior conductance is
    area / (d_a resist_a + d_b resist_b), d: centre-to-face distances (harmonic mean).
    """
    dx, dy, dz = grid.widths
    hx, hy, hz = 0.5 * dx, 0.5 * dy, 0.5 * dz
    ax = dy[None, :, None] * dz[None, None, :]
    ay = dx[:, None, None] * dz[None, None, :]
    az = dx[:, None, None] * dy[None, :, None]
    r = resist
    rz = resist if resist_z is None else resist_z
    gx = ax / (hx[:-1, None, None] * r[:-1] + hx[1:, None, None] * r[1:])
    gy = ay / (hy[None, :-1, None] * r[:, :-1] + hy[None, 1:, None] * r[:, 1:])
    gz = az / (hz[None, None, :-1] * rz[:, :, :-1] + hz[None, None, 1:] * rz[:, :, 1:])
    gb = np.zeros(r.shape)
    gb[0] += ax[0] / (hx[0] * r[0])
    gb[-1] += ax[0] / (hx[-1] * r[-1])
    gb[:, 0] += ay[:, 0] / (hy[0] * r[:, 0])
    gb[:, -1] += ay[:, 0] / (hy[-1] * r[:, -1])
    gb[:, :, 0] += az[:, :, 0] / (hz[0] * rz[:, :, 0])
    gb[:, :, -1] += az[:, :, 0] / (hz[-1] * rz[:, :, -1])
    return gx, gy, gz, gb


def _assemble(
    grid: Grid3D, gx: Array, gy: Array, gz: Array, diag: Array, scale: Array | None
) -> sp.csr_array:
    """Symmetric 7-point matrix from face conductances; ``scale`` = W^(-1/2) symmetrisation."""
    nx, ny, nz = grid.shape
    n = nx * ny * nz
    sx, sy = ny * nz, nz
    oy = np.zeros((nx, ny, nz))
    oy[:, :-1] = -gy
    oz = np.zeros((nx, ny, nz))
    oz[:, :, :-1] = -gz
    ox = -gx.ravel()
    oyf = oy.ravel()[: n - sy]
    ozf = oz.ravel()[: n - 1]
    d = diag.ravel()
    if scale is not None:
        s = scale.ravel()
        d = d * s * s
        ox = ox * s[:-sx] * s[sx:] if sx < n else ox
        oyf = oyf * s[:-sy] * s[sy:] if sy < n else oyf
        ozf = ozf * s[:-1] * s[1:]
    diags = [d]
    offsets = [0]
    for off, vals in ((1, ozf), (sy, oyf), (sx, ox)):
        if off < n and vals.size:
            diags += [vals, vals]
            offsets += [off, -off]
    return sp.diags_array(diags, offsets=offsets, shape=(n, n), format="csr")


def _hamiltonian(grid: Grid3D, edge: Array, mass: Array, sqrt_w: Array) -> sp.csr_array:
    if mass.ndim == 4:  # anisotropic: (in-plane, axial)
        gx, gy, gz, gb = _conductances(grid, mass[0], mass[1])
    else:
        gx, gy, gz, gb = _conductances(grid, mass)
    diag = edge * sqrt_w**2
    diag += K * gb
    diag[:-1] += K * gx
    diag[1:] += K * gx
    diag[:, :-1] += K * gy
    diag[:, 1:] += K * gy
    diag[:, :, :-1] += K * gz
    diag[:, :, 1:] += K * gz
    return _assemble(grid, K * gx, K * gy, K * gz, diag, 1.0 / sqrt_w)


def _axis_operator(faces: Array) -> tuple[Array, Array]:
    """Eigen-decomposition of the symmetrised 1D finite-volume -d^2/dx^2 (hard walls)."""
    d = np.diff(faces)
    c = 0.5 * (faces[1:] + faces[:-1])
    g = 1.0 / np.diff(c)
    diag = np.zeros(d.size)
    diag[:-1] += g
    diag[1:] += g
    diag[0] += 2.0 / d[0]
    diag[-1] += 2.0 / d[-1]
    diag /= d
    off = -g / np.sqrt(d[:-1] * d[1:])
    if d.size == 1:
        return diag, np.ones((1, 1))
    lam, q = eigh_tridiagonal(diag, off)
    return np.asarray(lam), np.asarray(q)


@dataclass
class _FastInverse:
    """(c0 L + tau)^(-1) on the grid by fast diagonalisation (Lynch, Rice & Thomas 1964).

    L is the symmetrised finite-volume -Laplacian with hard walls; vectors are in the
    symmetrised (phi = W^(1/2) psi) representation, flattened C-order, shape (N,) or (N, b).
    """

    shape: tuple[int, int, int]
    q: tuple[Array, Array, Array]
    lam: Array = field(repr=False)

    @classmethod
    def build(cls, grid: Grid3D) -> _FastInverse:
        ops = [_axis_operator(f) for f in grid.faces]
        lam = ops[0][0][:, None, None] + ops[1][0][None, :, None] + ops[2][0][None, None, :]
        return cls(grid.shape, (ops[0][1], ops[1][1], ops[2][1]), lam)

    def _transform(self, x: Array, transpose: bool) -> Array:
        """Q^T x (or Q x) for x of shape (b, Nx, Ny, Nz), Q = Qx (x) Qy (x) Qz: one GEMM per
        axis (batched for x and y), no transposed copies."""
        nx, ny, nz = self.shape
        b = x.shape[0]
        qx, qy, qz = (q.T if transpose else q for q in self.q)
        y = np.matmul(qx.T, x.reshape(b, nx, ny * nz))
        y = np.matmul(qy.T, y.reshape(b * nx, ny, nz))
        y = y.reshape(b * nx * ny, nz) @ qz
        return np.asarray(y.reshape(b, nx, ny, nz))

    def apply(self, x: Array, c0: float, tau: float) -> Array:
        """(c0 L + tau)^(-1) x for x of shape (N,) or (N, b)."""
        vec = x.ndim == 1
        xb = np.ascontiguousarray((x[:, None] if vec else x).T)
        b = xb.shape[0]
        t = self._transform(xb, transpose=False)  # Q^T x
        t /= c0 * self.lam[None] + tau
        out = self._transform(t, transpose=True).reshape(b, -1).T  # Q (..)
        return np.asarray(out[:, 0] if vec else np.ascontiguousarray(out))


# --------------------------------------------------------------------------------------------
# eigen-states
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Grid3DStates:
    """Lowest states on a 3D grid.

    Attributes
    ----------
    energies_eV : ndarray (n,)
        Energies [eV] (particle energies, on the scale of ``edge``), ascending.
    psi : ndarray (n, Nx, Ny, Nz)
        Envelopes [nm^-3/2], sum(psi**2 * volumes) == 1.
    iterations : int
        LOBPCG iterations (summed over all solves) or, for shift-invert, eigen-solves.
    method : str
        ``"lobpcg"`` or ``"shift-invert"``.
    residual : float
        Largest ||H phi - E phi|| [eV] of the returned (self-consistent) states.
    """

    energies_eV: Array
    psi: Array
    iterations: int
    method: str
    residual: float

    def to_dict(self, include_psi: bool = False) -> dict[str, Any]:
        """JSON-able summary (psi only on request: it has the size of the grid)."""
        out: dict[str, Any] = {
            "energies_eV": [float(e) for e in self.energies_eV],
            "grid_shape": list(self.psi.shape[1:]),
            "iterations": int(self.iterations),
            "method": self.method,
            "residual_eV": float(self.residual),
        }
        if include_psi:
            out["psi"] = self.psi.tolist()
        return out


@dataclass
class _Solver:
    grid: Grid3D
    edge: Array
    mass: Array
    gap: Array | None
    method: str
    n_states: int
    res_tol: float
    sqrt_w: Array
    fast: _FastInverse | None = None
    iterations: int = 0

    def masses(self, energy: float | None) -> Array:
        if energy is None or self.gap is None:
            return self.mass
        factor = 1.0 + (energy - self.edge) / self.gap
        return np.asarray(self.mass * np.maximum(factor, MIN_MASS_FACTOR))

    def solve(
        self, energy: float | None, count: int, x0: Array | None
    ) -> tuple[Array, Array, sp.csr_array]:
        """Lowest ``count`` eigenpairs of H(m(energy)) (symmetrised vectors, (N, count))."""
        h = _hamiltonian(self.grid, self.edge, self.masses(energy), self.sqrt_w)
        n = h.shape[0]
        lower = float(self.edge.min())
        # LOBPCG itself falls back to dense solves below 5 unknowns per block vector
        if n < DENSE_LIMIT or count + LOBPCG_EXTRA >= n // 5:
            w, v = np.linalg.eigh(h.toarray())
            self.iterations += 1
            return w[:count], v[:, :count], h
        if self.method == "shift-invert":
            # sigma below the lowest band edge: H - sigma is positive definite (kinetic > 0)
            w, v = eigsh(h, k=count, sigma=lower - SHIFT_BELOW_EDGE_EV, which="LM", tol=ARPACK_TOL)
            self.iterations += 1
            order = np.argsort(w)
            return np.asarray(w[order]), np.asarray(v[:, order]), h
        return self._lobpcg(h, energy, count, x0)

    def _lobpcg(
        self, h: sp.csr_array, energy: float | None, count: int, x0: Array | None
    ) -> tuple[Array, Array, sp.csr_array]:
        if self.fast is None:
            self.fast = _FastInverse.build(self.grid)
        fast = self.fast
        inv_m = 1.0 / self.masses(energy)
        lower = float(self.edge.min())
        # constant-coefficient model c0 (-Laplacian) + tau of H - lower: c0 = largest 1/m (the
        # well, where bound states live), tau = a fraction of the band-edge range (the barrier
        # potential seen by the error components outside the well), at least the lowest
        # kinetic eigenvalue so that the model stays well conditioned in a hard box.
        c0 = float(inv_m.max())
        tau = max(
            PRECOND_TAU_FRACTION * float(self.edge.max() - lower),
            float(K * c0 * fast.lam.min()),
        )
        hs = h - lower * sp.eye_array(h.shape[0], format="csr")

        def precond(x: Array) -> Array:
            return fast.apply(x, K * c0, tau)

        block = count + LOBPCG_EXTRA
        if x0 is None or x0.shape[1] < block:
            x0 = self._initial(block, x0)
        m_op = LinearOperator(h.shape, matvec=precond, matmat=precond, dtype=float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            w, v, hist = lobpcg(
                hs,
                x0[:, :block],
                M=m_op,
                tol=self.res_tol,
                maxiter=LOBPCG_MAXITER,
                largest=False,
                retResidualNormsHistory=True,
            )
        self.iterations += len(hist)
        order = np.argsort(w)
        w = np.asarray(w)[order] + lower
        v = np.asarray(v)[:, order]
        res = np.linalg.norm(h @ v[:, :count] - v[:, :count] * w[None, :count], axis=0)
        if np.max(res) > 10 * self.res_tol:
            raise QdoptoError(
                f"LOBPCG did not converge in {LOBPCG_MAXITER} iterations (residual "
                f"{np.max(res):.2g} eV); try method='shift-invert' on a coarser grid or a "
                "larger tol_eV"
            )
        return w[:count], v, h

    def _initial(self, block: int, start: Array | None) -> Array:
        """Start vectors: the lowest separable hard-box modes of the grid (then ``start``)."""
        fast = self.fast
        if fast is None:  # pragma: no cover - built before use
            fast = self.fast = _FastInverse.build(self.grid)
        idx = np.argsort(fast.lam.ravel(), kind="stable")[:block]
        ix, iy, iz = np.unravel_index(idx, self.grid.shape)
        qx, qy, qz = fast.q
        x0 = np.empty((self.grid.n_cells, block))
        for j in range(block):  # loop over block vectors (a handful), not cells
            mode = qx[:, ix[j], None, None] * qy[None, :, iy[j], None] * qz[None, None, :, iz[j]]
            x0[:, j] = mode.ravel()
        if start is not None:
            x0[:, : start.shape[1]] = start
        return x0


def grid3d_states(
    grid: Grid3D,
    edge: Any,
    mass: Any,
    gap: Any = None,
    *,
    n_states: int = 1,
    method: str = "lobpcg",
    tol_eV: float = 1e-7,
    memory_limit_bytes: float = DEFAULT_MEMORY_LIMIT,
) -> Grid3DStates:
    """Lowest states of the BenDaniel-Duke equation (1) on a 3D grid with hard outer walls.

    Parameters
    ----------
    grid : Grid3D
        The grid (outer faces are hard walls; put them deep in the barrier).
    edge : ndarray, shape (Nx, Ny, Nz)
        Band edge as a particle energy in every cell [eV] (for holes: minus the valence edge).
    mass : float or ndarray, shape (Nx, Ny, Nz) or (2, Nx, Ny, Nz)
        Band-edge effective mass [m_e] (> 0); or, for an anisotropic parabolic carrier (the
        heavy hole of a flat epitaxial dot), the in-plane (x, y) and axial (z) masses.
    gap : float or ndarray, optional
        Kane nonparabolicity energy [eV]: m(E) = m (1 + (E - edge)/gap) (Bastard 1988,
        Ch. III, Eq. (26)), clipped below at ``MIN_MASS_FACTOR`` m. ``None`` or inf: parabolic.
    n_states : int
        Number of states.
    method : str
        ``"lobpcg"`` (default, preconditioned, O(N) memory) or ``"shift-invert"``.
    tol_eV : float
        Energy tolerance [eV] (residual tolerance sqrt(tol_eV * LEVEL_SPACING_EV); secant
        tolerance of the nonparabolic self-consistency).
    memory_limit_bytes : float
        Raise before allocating if :func:`estimate_memory_bytes` exceeds this.

    Returns
    -------
    Grid3DStates

    Warns
    -----
    ValidityWarning
        If a bound state has more than ``WALL_PROBABILITY`` of its weight in the outermost
        cells (barrier of the grid too thin).

    Notes
    -----
    Cells cut by an interface (from :func:`region_fractions_xyz`): average the band edge by
    volume and the *mass* (not 1/m) arithmetically, i.e. resistances in series across the
    interface. For the BenDaniel-Duke spherical well of the tests (R = 2 nm, V0 = 2 eV,
    m = 0.13/1) this gives -14, -10, -6.7, -3.5 meV errors at 0.25, 0.2, 0.15, 0.1 nm cells;
    averaging 1/m instead gives +23 to +37 meV. The interface error is first order in the
    cell size where the interface is not aligned with the faces (second order where it is).
    """
    if method not in METHODS:
        raise QdoptoError(f"unknown method {method!r}; choose one of {METHODS}")
    if int(n_states) < 1:
        raise QdoptoError(f"n_states = {n_states} must be >= 1")
    if not (np.isfinite(tol_eV) and tol_eV > 0):
        raise QdoptoError(f"tol_eV = {tol_eV} must be positive")
    n_states = int(n_states)
    if n_states >= grid.n_cells:
        raise QdoptoError(f"n_states = {n_states} must be below the number of cells")
    _check_memory(grid, n_states, method, memory_limit_bytes)
    shape = grid.shape
    e = _field("edge", edge, shape)
    g: Array | None = None
    if gap is not None:
        g = _field("gap", gap, shape, positive=True)
        if not np.any(np.isfinite(g)):
            g = None
    if np.ndim(mass) == 4 and np.shape(mass)[0] == 2:
        # anisotropic parabolic carrier (heavy hole of a flat dot): in-plane and axial masses
        if g is not None:
            raise QdoptoError("an anisotropic (in-plane, axial) mass must be parabolic (gap None)")
        m = np.stack([_field("mass", np.asarray(mass)[k], shape, positive=True) for k in (0, 1)])
    else:
        m = _field("mass", mass, shape, positive=True)
    if np.any(np.isinf(m)):
        raise QdoptoError("mass must be finite in every cell")
    solver = _Solver(
        grid,
        e,
        m,
        g,
        method,
        n_states,
        float(np.sqrt(tol_eV * LEVEL_SPACING_EV)),
        np.sqrt(grid.volumes),
    )
    w0, v0, h0 = solver.solve(None, n_states, None)
    if g is None:
        energies, vecs, h_last = w0, v0, [h0] * n_states
    else:
        energies = np.empty(n_states)
        vecs = np.empty((grid.n_cells, n_states))
        h_last = []
        start = v0
        for k in range(n_states):  # secant on E = lambda_k(H(E)) per state (a few states)
            x0 = float(w0[k])
            w, start, h = solver.solve(x0, k + 1, start)
            g0 = float(w[k]) - x0
            x1 = x0 + g0
            for _ in range(60):
                w, start, h = solver.solve(x1, k + 1, start)
                g1 = float(w[k]) - x1
                if abs(g1) < tol_eV:
                    break
                denom = g1 - g0
                step = g1 * (x1 - x0) / denom if abs(denom) > 1e-15 else g1
                x0, g0, x1 = x1, g1, x1 - step
            else:
                raise QdoptoError(
                    f"the nonparabolic level {k} did not converge; check that gap > 0 is "
                    "physical or pass gap=None"
                )
            energies[k] = x1
            vecs[:, k] = start[:, k]
            h_last.append(h)
    res = max(
        float(np.linalg.norm(h_last[k] @ vecs[:, k] - energies[k] * vecs[:, k]))
        for k in range(n_states)
    )
    psi = (vecs[:, :n_states].T.reshape((n_states, *shape))) / solver.sqrt_w[None]
    # sign convention: the largest-magnitude value of every state positive
    flat = psi.reshape(n_states, -1)
    sign = np.sign(flat[np.arange(n_states), np.argmax(np.abs(flat), axis=1)])
    psi *= sign[:, None, None, None]
    _check_walls(e, psi, np.asarray(energies[:n_states]), solver.sqrt_w**2)
    return Grid3DStates(np.asarray(energies[:n_states]), psi, solver.iterations, method, res)


def _check_walls(edge: Array, psi: Array, energies: Array, volumes: Array) -> None:
    """ValidityWarning if a state below the band edge of the outermost cells (so that it
    should decay there) has more than ``WALL_PROBABILITY`` of its weight in them: the hard
    walls then shift the level (the barrier of the grid is too thin)."""
    outer = np.ones(edge.shape, dtype=bool)
    outer[1:-1, 1:-1, 1:-1] = False
    below = energies < float(edge[outer].min())
    if not np.any(below):
        return
    weight = np.einsum("nijk,ijk->n", psi[below] ** 2, volumes * outer)
    if np.any(weight > WALL_PROBABILITY):
        warnings.warn(
            f"{float(weight.max()):.2g} of a bound state's probability lies in the outermost "
            "cells: the hard walls shift its energy; extend the barrier of the grid",
            ValidityWarning,
            stacklevel=3,
        )


# --------------------------------------------------------------------------------------------
# electrostatics
# --------------------------------------------------------------------------------------------
def poisson3d(
    grid: Grid3D, eps: Any, rho: Any, *, memory_limit_bytes: float = DEFAULT_MEMORY_LIMIT
) -> Array:
    """Electrostatic potential of a charge density on the grid.

    Solves div(eps grad phi) = -rho/eps0 (SI: e/eps0 = 4 pi ``COULOMB_EV_NM`` V nm) by finite
    volumes with harmonic-mean face permittivities and preconditioned CG. Boundary: Dirichlet
    values on the outer faces from the monopole and dipole of the charge in a homogeneous
    outer medium of permittivity eps_out (the volume-mean of eps over the outermost cells),
    phi_b = (e / 4 pi eps0 eps_out) (Q / r + p.r / r^3) about the charge centroid (e.g. J. D.
    Jackson, Classical Electrodynamics, 3rd ed., Eq. (4.10)); the neglected quadrupole and
    dielectric-inclusion terms fall off as 1/L^3 with the distance L to the boundary.
    Cells cut by a dielectric interface should carry the harmonic mean of eps weighted by the
    volume fractions (exact for fields normal to the interface); with it a charged ball in
    eps_in = 10 (2) inside eps_out = 2 (10) on 0.25 nm cells has its Gauss's-law
    self-energy within 0.2 % (tested), the arithmetic mean is off by 2-5 %.

    Parameters
    ----------
    grid : Grid3D
        The grid.
    eps : float or ndarray (Nx, Ny, Nz)
        Relative permittivity in every cell (> 0).
    rho : ndarray (Nx, Ny, Nz)
        Charge density [e / nm^3].

    Returns
    -------
    ndarray (Nx, Ny, Nz)
        Cell potentials [V] (the potential energy of a charge q [e] is q phi [eV]).
    """
    shape = grid.shape
    n = float(grid.n_cells)
    need = n * (7 * 12 + 4 + 20 * _F8)
    if need > memory_limit_bytes:
        raise QdoptoError(
            f"the Poisson problem on a {shape[0]} x {shape[1]} x {shape[2]} grid needs "
            f"~{need / 1e9:.3g} GB (> limit {memory_limit_bytes / 1e9:.3g} GB); use coarser "
            "cells or a thinner barrier"
        )
    ep = _field("eps", eps, shape, positive=True)
    if np.any(np.isinf(ep)):
        raise QdoptoError("eps must be finite in every cell")
    r = _field("rho", rho, shape)
    vol = grid.volumes
    gx, gy, gz, _ = _conductances(grid, 1.0 / ep)
    # boundary faces: conductance eps_cell * area / half-width; Dirichlet value phi_b
    cx, cy, cz = grid.centres
    q = r * vol
    total = float(q.sum())
    outer_cells = np.ones(shape, dtype=bool)
    outer_cells[1:-1, 1:-1, 1:-1] = False
    eps_out = float(np.sum(ep[outer_cells] * vol[outer_cells]) / np.sum(vol[outer_cells]))
    weight = np.abs(q)
    wsum = float(weight.sum())
    if wsum > 0:
        centre = [
            float(np.einsum("ijk,i->", weight, cx) / wsum),
            float(np.einsum("ijk,j->", weight, cy) / wsum),
            float(np.einsum("ijk,k->", weight, cz) / wsum),
        ]
    else:
        centre = [0.0, 0.0, 0.0]
    dip = [
        float(np.einsum("ijk,i->", q, cx - centre[0])),
        float(np.einsum("ijk,j->", q, cy - centre[1])),
        float(np.einsum("ijk,k->", q, cz - centre[2])),
    ]
    coul = COULOMB_EV_NM / eps_out

    def far(x: Array, y: Array, z: Array) -> Array:
        dx, dy, dz = x - centre[0], y - centre[1], z - centre[2]
        rr = np.sqrt(dx * dx + dy * dy + dz * dz)
        pr = dip[0] * dx + dip[1] * dy + dip[2] * dz
        return np.asarray(coul * (total / rr + pr / rr**3))

    dxw, dyw, dzw = grid.widths
    fx, fy, fz = grid.faces
    rhs = 4 * np.pi * COULOMB_EV_NM * q  # [V nm] per cell, matching conductances [nm]
    gb = np.zeros(shape)
    # x faces
    ax = dyw[:, None] * dzw[None, :]
    for i, face in ((0, fx[0]), (-1, fx[-1])):
        gcond = ep[i] * ax / (0.5 * dxw[i])
        gb[i] += gcond
        rhs[i] += gcond * far(np.asarray(face), cy[:, None], cz[None, :])
    ay = dxw[:, None] * dzw[None, :]
    for j, face in ((0, fy[0]), (-1, fy[-1])):
        gcond = ep[:, j] * ay / (0.5 * dyw[j])
        gb[:, j] += gcond
        rhs[:, j] += gcond * far(cx[:, None], np.asarray(face), cz[None, :])
    az = dxw[:, None] * dyw[None, :]
    for k, face in ((0, fz[0]), (-1, fz[-1])):
        gcond = ep[:, :, k] * az / (0.5 * dzw[k])
        gb[:, :, k] += gcond
        rhs[:, :, k] += gcond * far(cx[:, None], cy[None, :], np.asarray(face))
    diag = gb
    diag[:-1] += gx
    diag[1:] += gx
    diag[:, :-1] += gy
    diag[:, 1:] += gy
    diag[:, :, :-1] += gz
    diag[:, :, 1:] += gz
    sqrt_w = np.sqrt(vol)
    # symmetric scaling by W^(-1/2) so that the fast inverse of the constant-eps Laplacian
    # (in the same symmetrised representation) is the preconditioner
    a = _assemble(grid, gx, gy, gz, diag, 1.0 / sqrt_w)
    b = (rhs / sqrt_w).ravel()
    fast = _FastInverse.build(grid)
    # constant-eps model (CG is invariant to its scale; a diagonal rescaling by the local eps
    # was tried and converged more slowly)
    eps_ref = float(np.exp(np.mean(np.log(ep))))

    def precond(x: Array) -> Array:
        return fast.apply(x, eps_ref, 0.0)

    m_op = LinearOperator(a.shape, matvec=precond, matmat=precond, dtype=float)
    sol, info = cg(a, b, rtol=POISSON_RTOL, atol=0.0, maxiter=POISSON_MAXITER, M=m_op)
    if info != 0:
        raise QdoptoError(
            f"the Poisson CG solve did not converge (info = {info}); check eps and rho"
        )
    return np.asarray(sol.reshape(shape) / sqrt_w)


def coulomb_energy3d(
    grid: Grid3D,
    eps: Any,
    density_a: Any,
    density_b: Any,
    charge_a: float = -1,
    charge_b: float = +1,
) -> float:
    """First-order direct Coulomb energy [eV] of two charge distributions.

    E = q_b integral phi_a(r) n_b(r) d^3r, with phi_a the potential (:func:`poisson3d`) of
    q_a n_a; for an electron (q_a = -1) and a hole (q_b = +1) with probability densities
    n = |psi|^2 this is the (negative) direct e-h Coulomb energy of first-order perturbation
    theory [e.g. L. E. Brus, J. Chem. Phys. 80, 4403 (1984), Appendix]. For n_a = n_b and
    q_a = q_b = 1 it is twice the electrostatic self-energy of the distribution.

    Parameters
    ----------
    grid : Grid3D
        The grid.
    eps : float or ndarray (Nx, Ny, Nz)
        Relative permittivity [-].
    density_a, density_b : ndarray (Nx, Ny, Nz)
        Probability densities [nm^-3] (e.g. ``psi**2``), normalised to 1 over the cells.
    charge_a, charge_b : float
        Charges [e].
    """
    shape = grid.shape
    na = _field("density_a", density_a, shape)
    nb = _field("density_b", density_b, shape)
    phi = poisson3d(grid, eps, charge_a * na)
    return float(charge_b * np.sum(phi * nb * grid.volumes))
