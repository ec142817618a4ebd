"""Guided modes of channel waveguides (strips, ridges, ribs), full-vectorial.

Geometry. A :class:`ChannelGuide` is a planar :class:`~qdopto.photonics.stack.Stack` (substrate
first, cover last) whose top ``ridge_layers`` inner layers are patterned to a ridge of width
``width_nm`` centred at x = 0; beside the ridge those layers are replaced by the cover. A SiN
strip on SiO2 is ``SiO2:inf/SiNx:200/air:inf`` with one ridge layer; a rib etched half-way
splits its guiding layer in two (``SiO2:inf/SiNx:100/SiNx:100/air:inf``, one ridge layer); a
QD film on top of a strip is a second ridge layer (``.../SiNx:200/QD(...):50/air:inf``, two).

Solver. The vector finite-difference mode solver of A. B. Fallahkhair, K. S. Li, T. E.
Murphy, "Vector finite difference modesolver for anisotropic dielectric waveguides",
J. Lightwave Technol. 26, 1423 (2008), as implemented by the ElectroMagneticPython (EMpy)
package (``EMpy.modesolvers.FD.VFDModeSolver``; optional dependency ``qdopto[channel]``): the
transverse magnetic field (H_x, H_y) on a non-uniform rectangular grid, permittivity at the
cell centres, zero field on the outer boundary. Why this rather than writing a solver: the
high index contrast of SiN or TiO2 strips in air needs a full-vectorial scheme (semi-vectorial
n_eff errors reach 1e-2 there), EMpy's is the published, widely used one, it is pure Python,
and it accepts complex permittivities (absorbing QD films). femwell and tidy3d were
considered; both pull in a mesher or a cloud service that this project does not need.
qdopto builds the grid, solves the sparse eigenproblem itself (shift-invert ARPACK about
(k0 n_max)^2, which finds the highest-index modes first), and post-processes.

Accuracy. Material interfaces lie on grid lines; the scheme is second order in the cell size,
so every mode is solved on a grid and on the grid with twice the cells, and n_eff is
Richardson-extrapolated, n = n_h + (n_h - n_2h)/3, with |n_h - n_2h|/3 reported as its grid
error (measured on a 800 x 200 nm SiN strip at 630 nm: 20/10 nm grids give 1.73433, 10/5 nm
grids 1.73430). The margins around the guide are six field decay lengths (estimated from the
planar stack's fundamental mode), bounded to 0.3-4 wavelengths, with cells growing
geometrically away from the guide.

Reported per mode: n_eff (complex: Im n_eff from absorbing layers), modal loss 4 pi Im n_eff /
lambda, group index n_g = n_eff - lambda dn_eff/dlambda (central difference, +-1 nm, on the
coarse grid, with the materials' dispersion), the TE fraction int |E_x|^2 / int (|E_x|^2 +
|E_y|^2) (quasi-TE modes have E mostly parallel to the substrate, like the slab TE modes), and
the confinement factor of every stack layer, the share of int |E|^2 dA in it (the same
convention as :mod:`qdopto.photonics.slab`; the patterned layers' parts beside the ridge count
as cover).
"""

from __future__ import annotations

import contextlib
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.errors import QdoptoError
from qdopto.photonics.slab import mode_dict
from qdopto.photonics.slab import modes as slab_modes
from qdopto.photonics.stack import Stack, StackLayer

Array = NDArray[np.float64]
Complex = NDArray[np.complex128]

#: Field decay lengths kept around the guide (intensity e^-12 at the boundary).
MARGIN_DECAY_LENGTHS = 6.0
#: Geometric growth of the cells outside the guide.
GROWTH = 1.25
#: Largest number of grid nodes of the fine grid (two field components each).
MAX_NODES = 400_000
#: Wavelength step of the group-index difference [nm].
DLAMBDA_NM = 1.0


@dataclass(frozen=True)
class ChannelGuide:
    """A planar stack whose top ``ridge_layers`` inner layers form a ridge ``width_nm`` wide."""

    stack: Stack
    width_nm: float
    ridge_layers: int = 1

    def __post_init__(self) -> None:
        w = self.width_nm
        if isinstance(w, bool) or not (isinstance(w, int | float) and math.isfinite(w)):
            raise QdoptoError(f"ridge width must be a finite number of nm, got {w!r}")
        if not 10.0 <= w <= 1e5:
            raise QdoptoError(f"ridge width must lie within 10 nm-100 um, got {w:g} nm")
        k = self.ridge_layers
        n_inner = len(self.stack.inner)
        if isinstance(k, bool) or not (isinstance(k, int) and 1 <= k <= n_inner):
            raise QdoptoError(
                f"ridge_layers must be an integer from 1 to {n_inner} (the inner layers of "
                f"{self.stack.spec}), got {k!r}"
            )

    @property
    def spec(self) -> str:
        return f"{self.stack.spec} (ridge: top {self.ridge_layers} layer(s), {self.width_nm:g} nm)"

    def patterned(self, layer_index: int) -> bool:
        """Whether stack layer ``layer_index`` (0 = substrate) is part of the ridge."""
        n = len(self.stack.layers)
        return n - 1 - self.ridge_layers <= layer_index <= n - 2

    def beside_ridge(self) -> Stack:
        """The planar stack beside the ridge (patterned layers replaced by the cover)."""
        layers = self.stack.layers
        cover = layers[-1]
        kept = list(layers[: len(layers) - 1 - self.ridge_layers])
        if len(kept) < 2:  # everything etched: substrate and cover only
            return Stack((*kept, StackLayer(cover.material, 1.0, cover.qd), cover))
        return Stack((*kept, cover))

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.stack.to_dict(),
            "width_nm": self.width_nm,
            "ridge_layers": self.ridge_layers,
        }


@dataclass(frozen=True)
class ChannelMode:
    """One guided mode of a channel waveguide at one wavelength."""

    polarization: str
    order: int
    wavelength_nm: float
    n_eff: complex
    n_eff_grid_error: float
    n_group: float
    te_fraction: float
    confinement: tuple[float, ...]
    loss_cm: float
    x_nm: Array = field(repr=False, compare=False)
    y_nm: Array = field(repr=False, compare=False)
    intensity: Array = field(repr=False, compare=False)

    def to_dict(self, labels: list[str]) -> dict[str, Any]:
        return {
            **mode_dict(self, labels),
            "n_eff_grid_error": self.n_eff_grid_error,
            "te_fraction": self.te_fraction,
        }


@dataclass(frozen=True)
class ChannelModeSet:
    """Guided modes of a channel waveguide, highest n_eff first within each polarisation."""

    guide: ChannelGuide
    wavelength_nm: float
    modes: tuple[ChannelMode, ...]
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        labels = self.guide.stack.labels
        return {
            **self.guide.to_dict(),
            "wavelength_nm": self.wavelength_nm,
            "modes": [m.to_dict(labels) for m in self.modes],
            **self.details,
        }


# ----------------------------------------------------------------------------- grid
def _graded(length: float, h: float, outward: bool, h_max: float) -> Array:
    """Cell widths covering ``length``: h next to the guide, growing by GROWTH to h_max."""
    widths: list[float] = []
    total, w = 0.0, h
    while total < length - 1e-9:
        widths.append(w)
        total += w
        w = min(w * GROWTH, max(h_max, h))
    arr = np.array(widths) * (length / total)
    return arr if outward else arr[::-1]


def _uniform(length: float, h: float) -> Array:
    n = max(2, math.ceil(length / h))
    return np.full(n, length / n)


def axis(
    inner_breaks: list[float],
    h: float,
    margin_lo: float,
    margin_hi: float,
    h_max: float | None = None,
) -> Array:
    """Coarse grid lines: uniform cells <= h between the breaks, graded cells in the margins.

    Parameters
    ----------
    inner_breaks : list of float
        Interface positions, increasing [nm]; each becomes a grid line.
    h : float
        Largest cell inside the guide [nm].
    margin_lo, margin_hi : float
        Extent of the margins below the first and above the last break [nm].
    h_max : float, optional
        Largest margin cell [nm] (default 8 h).
    """
    top = 8.0 * h if h_max is None else h_max
    widths = [_graded(margin_lo, h, outward=False, h_max=top)]
    for a, b in itertools.pairwise(inner_breaks):
        widths.append(_uniform(b - a, h))
    widths.append(_graded(margin_hi, h, outward=True, h_max=top))
    w = np.concatenate(widths)
    return np.asarray(inner_breaks[0] - margin_lo + np.concatenate([[0.0], np.cumsum(w)]))


def refine(lines: Array) -> Array:
    """The nested grid with every cell halved (interfaces stay grid lines)."""
    mid = 0.5 * (lines[1:] + lines[:-1])
    out = np.empty(lines.size + mid.size)
    out[0::2] = lines
    out[1::2] = mid
    return out


# ----------------------------------------------------------------------------- solver
@dataclass(frozen=True)
class _Raw:
    n_eff: Complex
    te_fraction: Array
    shares: Array  # (modes, layers)
    intensity: list[Array]
    xc: Array
    yc: Array


def _layer_map(guide: ChannelGuide, xc: Array, yc: Array) -> NDArray[np.int64]:
    """Stack-layer index of every cell centre (beside the ridge: the cover)."""
    layers = guide.stack.layers
    tops = np.concatenate([[0.0], np.cumsum(guide.stack.thicknesses())])
    j = np.searchsorted(tops, yc, side="right")  # 0 = substrate, len(layers)-1 = cover
    idx = np.broadcast_to(j[None, :], (xc.size, yc.size)).copy()
    beside = np.abs(xc)[:, None] > 0.5 * guide.width_nm
    patterned = np.array([guide.patterned(i) for i in range(len(layers))])
    idx[beside & patterned[idx]] = len(layers) - 1
    return np.asarray(idx, dtype=np.int64)


def _solve(
    guide: ChannelGuide,
    wavelength_nm: float,
    n_layers: Complex,
    x: Array,
    y: Array,
    nev: int,
    n_guided_min: float,
) -> _Raw:
    try:
        from EMpy.modesolvers.FD import VFDModeSolver
    except ImportError as exc:  # pragma: no cover - the test environment installs it
        raise QdoptoError(
            "channel waveguides need the optional package ElectroMagneticPython (EMpy): "
            "pip install 'qdopto[channel]'"
        ) from exc
    from scipy.sparse.linalg import ArpackNoConvergence, eigs

    xc = 0.5 * (x[1:] + x[:-1])
    yc = 0.5 * (y[1:] + y[:-1])
    lmap = _layer_map(guide, xc, yc)
    eps = np.asarray(n_layers[lmap] ** 2, dtype=complex)

    def eps_func(_x: Array, _y: Array) -> Complex:
        return eps

    solver = VFDModeSolver(wavelength_nm, x, y, eps_func, "0000")
    a = solver.build_matrix()
    k0 = 2.0 * math.pi / wavelength_nm
    n_max = float(np.max(n_layers.real))
    try:
        # a fixed pseudo-random start vector: reproducible runs, and (unlike a uniform vector)
        # not confined to the modes that are even in x
        start = np.random.default_rng(0).standard_normal(a.shape[0]).astype(complex)
        vals, vecs = eigs(a, k=nev, sigma=(k0 * n_max) ** 2, which="LM", tol=1e-12, v0=start)
    except ArpackNoConvergence as exc:  # pragma: no cover - not seen on the tested guides
        raise QdoptoError(
            f"the channel mode solver did not converge for {guide.spec} at {wavelength_nm:g} "
            "nm; try a coarser or finer --resolution"
        ) from exc
    n_eff = np.sqrt(vals.astype(complex)) / k0
    keep = n_eff.real > n_guided_min
    order = np.argsort(-n_eff.real[keep])
    n_eff = n_eff[keep][order]
    vecs = vecs[:, keep][:, order]
    nx, ny = x.size, y.size
    hx = [vecs[: nx * ny, i].reshape(nx, ny) for i in range(n_eff.size)]
    hy = [vecs[nx * ny :, i].reshape(nx, ny) for i in range(n_eff.size)]
    _hz, ex, ey, ez = solver.compute_other_fields(n_eff, hx, hy) if n_eff.size else ([],) * 4
    area = np.outer(np.diff(x), np.diff(y))
    te, shares, intensity = [], [], []
    n_stack = len(guide.stack.layers)
    for i in range(n_eff.size):
        ix, iy, iz = (np.abs(np.asarray(f[i])) ** 2 for f in (ex, ey, ez))
        te.append(float(np.sum(ix * area) / np.sum((ix + iy) * area)))
        e2 = (ix + iy + iz) * area
        shares.append(np.bincount(lmap.ravel(), e2.ravel(), minlength=n_stack) / e2.sum())
        intensity.append(np.asarray((ix + iy + iz) / np.max(ix + iy + iz)))
    return _Raw(
        np.asarray(n_eff),
        np.asarray(te),
        np.asarray(shares).reshape(-1, n_stack),
        intensity,
        xc,
        yc,
    )


def _classify(raw: _Raw) -> list[tuple[str, int, int]]:
    """(polarisation, order, index in raw) with orders counted within each polarisation."""
    out, counts = [], {"TE": 0, "TM": 0}
    for i, te in enumerate(raw.te_fraction):
        pol = "TE" if te >= 0.5 else "TM"
        out.append((pol, counts[pol], i))
        counts[pol] += 1
    return out


def _margins(
    guide: ChannelGuide, wavelength_nm: float, n: Array
) -> tuple[float, float, float, float]:
    """Margins below, above and beside the guide [nm]: six decay lengths of the planar modes
    (``n``: real indices of the stack's layers); and the index beside the ridge (the TE slab
    index of the etched sides of a rib, else the higher cladding index)."""
    lam = wavelength_nm
    k0 = 2 * math.pi / lam
    planar = slab_modes(guide.stack, lam, ("TE",))
    n_s = planar.modes[0].n_eff.real
    patterned = [guide.patterned(i) for i in range(len(guide.stack.layers))]
    kept = [float(v) for v, p in zip(n, patterned, strict=True) if not p]  # sub ... cover
    n_lat = max(kept[0], kept[-1])
    if max(kept[1:-1], default=0.0) > n_lat:  # the etched sides still guide: their slab index
        with contextlib.suppress(QdoptoError):
            n_lat = float(slab_modes(guide.beside_ridge(), lam, ("TE",)).modes[0].n_eff.real)

    def decay(n_out: float) -> float:
        if n_s <= n_out:
            return 4.0 * lam
        return float(MARGIN_DECAY_LENGTHS / (k0 * math.sqrt(n_s**2 - n_out**2)))

    def bounded(m: float) -> float:
        return float(min(max(m, 0.3 * lam), 4.0 * lam))

    return (
        bounded(decay(float(n[0]))),
        bounded(decay(float(n[-1]))),
        bounded(decay(n_lat)),
        n_lat,
    )


def channel_modes(
    guide: ChannelGuide,
    wavelength_nm: float,
    *,
    num_modes: int = 4,
    resolution_nm: float | None = None,
) -> ChannelModeSet:
    """Guided modes of a channel waveguide: n_eff, n_group, loss, confinement, TE fraction.

    Parameters
    ----------
    guide : ChannelGuide
        The waveguide.
    wavelength_nm : float
        Wavelength [nm].
    num_modes : int
        Number of eigenmodes to look for (the guided ones among them are returned), 1-20.
    resolution_nm : float, optional
        Largest cell inside the guide on the fine grid [nm]; default the smallest of
        lambda / (32 n_max), the thinnest inner layer / 4 and the width / 8 (with the
        Richardson step, n_eff of a SiN strip with a 40 nm QD film agrees with a grid four
        times finer to 6e-6).

    Returns
    -------
    ChannelModeSet

    Raises
    ------
    QdoptoError
        Bad input, a guide without a guided mode, or a grid over the memory limit.
    """
    if not (math.isfinite(wavelength_nm) and 100.0 <= wavelength_nm <= 2e4):
        raise QdoptoError(f"wavelength must lie within 100-20000 nm, got {wavelength_nm}")
    if isinstance(num_modes, bool) or not (isinstance(num_modes, int) and 1 <= num_modes <= 20):
        raise QdoptoError(f"num_modes must be an integer from 1 to 20, got {num_modes!r}")
    key = (
        f"{guide.stack.spec}|{guide.width_nm!r}|{guide.ridge_layers}",
        float(wavelength_nm),
        num_modes,
        resolution_nm,
    )
    if key in _CACHE:  # a report asks for the same guide several times (modes, laser, DFB)
        return _CACHE[key]
    result = _channel_modes(guide, float(wavelength_nm), num_modes, resolution_nm)
    _CACHE[key] = result
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    return result


#: Solved guides kept for reuse (keyed by the full guide spec, wavelength and options).
CACHE_SIZE = 16
_CACHE: dict[tuple[str, float, int, float | None], ChannelModeSet] = {}


def _channel_modes(
    guide: ChannelGuide, wavelength_nm: float, num_modes: int, resolution_nm: float | None
) -> ChannelModeSet:
    stack = guide.stack
    lam = float(wavelength_nm)
    n = stack.indices(np.array([lam - DLAMBDA_NM, lam, lam + DLAMBDA_NM]))
    n_max = float(np.max(n.real))
    d = stack.thicknesses()
    h = (
        min(lam / (32.0 * n_max), float(d.min()) / 4.0, guide.width_nm / 8.0)
        if resolution_nm is None
        else float(resolution_nm)
    )
    if not (math.isfinite(h) and 0.1 <= h <= 200.0):
        raise QdoptoError(f"resolution must lie within 0.1-200 nm, got {resolution_nm}")
    m_sub, m_cov, m_lat, n_side = _margins(guide, lam, n[1].real)
    tops = np.concatenate([[0.0], np.cumsum(d)])
    half = 0.5 * guide.width_nm
    h_max = max(16.0 * h, lam / (16.0 * n_max))  # margin cells: the field varies slowly there
    x2 = axis([-half, half], 2 * h, m_lat, m_lat, h_max)
    y2 = axis(list(tops), 2 * h, m_sub, m_cov, h_max)
    x1, y1 = refine(x2), refine(y2)
    nodes = x1.size * y1.size
    if nodes > MAX_NODES:
        raise QdoptoError(
            f"the fine grid would have {nodes} nodes (limit {MAX_NODES}): give a coarser "
            f"--resolution than {h:.3g} nm or a smaller guide"
        )
    # guided: above both claddings and above the TE index of the slab beside a rib ridge
    # (modes below it leak sideways into that slab)
    n_clad = float(max(n[1, 0].real, n[1, -1].real, n_side))
    nev = min(2 * num_modes + 2, 40)
    fine = _solve(guide, lam, n[1], x1, y1, nev, n_clad)
    if fine.n_eff.size == 0:
        raise QdoptoError(
            f"{guide.spec} guides no mode at {lam:g} nm: make the ridge wider or thicker, or "
            "its index higher"
        )
    coarse = _solve(guide, lam, n[1], x2, y2, nev, n_clad)
    lo = _solve(guide, lam - DLAMBDA_NM, n[0], x2, y2, nev, n_clad)
    hi = _solve(guide, lam + DLAMBDA_NM, n[2], x2, y2, nev, n_clad)
    tags = {
        name: {(p, o): i for p, o, i in _classify(r)}
        for name, r in (("coarse", coarse), ("lo", lo), ("hi", hi))
    }
    out: list[ChannelMode] = []
    for pol, order, i in _classify(fine):
        if len(out) >= num_modes:
            break
        nf = complex(fine.n_eff[i])
        j = tags["coarse"].get((pol, order))
        if j is None:  # the mode is cut off on the coarse grid: no extrapolation
            n_best, err = nf, math.nan
        else:
            nc = complex(coarse.n_eff[j])
            n_best, err = nf + (nf - nc) / 3.0, abs(nf - nc) / 3.0
        a, b = tags["lo"].get((pol, order)), tags["hi"].get((pol, order))
        if a is not None and b is not None and j is not None:
            dn = (hi.n_eff[b].real - lo.n_eff[a].real) / (2 * DLAMBDA_NM)
            ng = float(coarse.n_eff[j].real - lam * dn)
        else:
            ng = math.nan
        out.append(
            ChannelMode(
                pol,
                order,
                lam,
                n_best,
                float(err),
                ng,
                float(fine.te_fraction[i]),
                tuple(float(s) for s in fine.shares[i]),
                float(4 * math.pi * n_best.imag / (lam * 1e-7)),
                fine.xc,
                fine.yc,
                fine.intensity[i],
            )
        )
    details = {
        "engine": "vector finite differences (Fallahkhair, Li & Murphy, J. Lightwave Technol. "
        "26, 1423 (2008); EMpy VFDModeSolver), Richardson-extrapolated over two nested grids",
        "grid": {
            "fine_nodes": int(nodes),
            "resolution_nm": h,
            "x_range_nm": [float(x1[0]), float(x1[-1])],
            "y_range_nm": [float(y1[0]), float(y1[-1])],
        },
    }
    return ChannelModeSet(guide, lam, tuple(out), details)
