"""Band-edge, mass and permittivity profiles of spherical structures on finite-volume grids.

Structures with the same sequence of layer materials (a *family*, e.g. every CdSe/CdS core/shell
of a size sweep) share one cell layout: each layer is cut into the same number of equal cells,
so the material properties of every cell are the same for the whole family and only the cell
faces scale with the layer thicknesses. That makes building a batch a handful of array
operations, whatever its size.

Conventions
-----------
- Electrons see V_e(r) = E_c(r); holes are treated as particles in V_h(r) = -E_v(r), so both
  problems ask for the lowest eigenvalue. Absolute hole levels are -E_h.
- The carriers' barrier is the medium if it has band edges (a matrix such as ZnS or SiO2);
  a solvent without band edges (toluene, hexane ...) surrounds a colloidal QD through its
  ligand shell, so the database's ``ligand`` gives the barrier while the solvent gives the
  dielectric screening. The result records which material was the barrier.
- Conduction bands are nonparabolic (Kane two-band, energy-dependent mass
  m(E) = m* [1 + (E - E_c)/E_g]; G. Bastard, *Wave Mechanics Applied to Semiconductor
  Heterostructures*, Les Editions de Physique (1988), Ch. III, Eq. (26) in the two-band
  limit) in every semiconductor layer. Valence bands are nonparabolic only in the rock-salt
  lead chalcogenides, whose valence band mirrors the conduction band (Kang & Wise, J. Opt.
  Soc. Am. B 14, 1632 (1997)); heavy holes of the zinc-blende and wurtzite materials are
  treated as parabolic.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import HBAR2_2M0_EV_NM2 as K
from qdopto.errors import MissingParameterError, QdoptoError, QdoptoWarning
from qdopto.materials import Material, ResolvedMaterial, default_database
from qdopto.materials.database import Database

Array = NDArray[np.float64]
MODEL = "radial"
#: Wavelength [nm] at which n^2 gives the optical permittivity of a medium without eps_inf
#: (the sodium D line, where every dispersion model of the database is valid).
OPTICAL_REFERENCE_NM = 589.3
#: Growth factor of successive cells in the barrier (the medium), where the wavefunction decays
#: exponentially: fine cells at the interface, coarse ones far out.
BARRIER_GROWTH = 1.2


@dataclass(frozen=True)
class LayerSpec:
    """A layer of a family: its material, or the two ends of a linearly graded layer."""

    material: str
    graded_to: str | None = None


@dataclass(frozen=True)
class CarrierBands:
    """Per-cell data of one carrier: band edge as a particle energy [eV], band-edge mass
    [m_e], and the gap [eV] of the nonparabolic mass (inf where parabolic)."""

    edge: Array
    mass: Array
    gap: Array


@dataclass(frozen=True)
class FamilyProfile:
    """Cell layout and per-cell properties of a family of structures."""

    layers: tuple[LayerSpec, ...]
    medium: str
    barrier_material: str
    temperature_K: float
    cells_per_layer: tuple[int, ...]
    barrier_cells: int
    barrier_length_nm: float
    barrier_offsets: Array
    layer_of_cell: NDArray[np.int64]
    electron: CarrierBands
    hole: CarrierBands
    eps_static: Array
    eps_optical: Array
    eps_medium_static: float
    eps_medium_optical: float
    ec_layers: tuple[tuple[float, float], ...]
    ev_layers: tuple[tuple[float, float], ...]

    @property
    def n_cells(self) -> int:
        return int(self.layer_of_cell.size)

    def faces(self, thicknesses: Array) -> Array:
        """Cell faces [nm] of every structure, shape (B, N+1), from layer thicknesses (B, K)."""
        t = np.atleast_2d(np.asarray(thicknesses, dtype=float))
        parts = [np.zeros((t.shape[0], 1))]
        start = np.zeros(t.shape[0])
        for k, n in enumerate(self.cells_per_layer):
            frac = np.arange(1, n + 1) / n
            parts.append(start[:, None] + t[:, k : k + 1] * frac[None, :])
            start = start + t[:, k]
        parts.append(start[:, None] + self.barrier_offsets[None, :])
        return np.concatenate(parts, axis=1)

    def coarse(self) -> FamilyProfile:
        """The same family on a grid with half the cells (for the Richardson error estimate)."""
        if any(n % 2 for n in (*self.cells_per_layer, self.barrier_cells)):
            raise QdoptoError("internal error: coarse grid needs even cell counts")

        # properties of a coarse cell: average of the two fine cells it merges
        def merge(a: Array) -> Array:
            return np.asarray(0.5 * (a[0::2] + a[1::2]))

        def merge_gap(a: Array) -> Array:
            return np.asarray(
                np.where(
                    np.isfinite(a[0::2]) & np.isfinite(a[1::2]), 0.5 * (a[0::2] + a[1::2]), np.inf
                )
            )

        def bands(b: CarrierBands) -> CarrierBands:
            return CarrierBands(merge(b.edge), merge(b.mass), merge_gap(b.gap))

        return FamilyProfile(
            layers=self.layers,
            medium=self.medium,
            barrier_material=self.barrier_material,
            temperature_K=self.temperature_K,
            cells_per_layer=tuple(n // 2 for n in self.cells_per_layer),
            barrier_cells=self.barrier_cells // 2,
            barrier_length_nm=self.barrier_length_nm,
            barrier_offsets=self.barrier_offsets[1::2],
            layer_of_cell=self.layer_of_cell[0::2],
            electron=bands(self.electron),
            hole=bands(self.hole),
            eps_static=merge(self.eps_static),
            eps_optical=merge(self.eps_optical),
            eps_medium_static=self.eps_medium_static,
            eps_medium_optical=self.eps_medium_optical,
            ec_layers=self.ec_layers,
            ev_layers=self.ev_layers,
        )


def _get(r: ResolvedMaterial, key: str) -> float:
    if key in ("Ec", "Ev") and key not in r:
        raise MissingParameterError(
            f"material '{r.name}' has no band edges on the vacuum scale at {r.temperature_K:g} K "
            "(it needs 'electron_affinity' or 'ionization_energy' and a band gap), which "
            f"model '{MODEL}' needs"
        )
    if key == "Eg" and key not in r:
        raise MissingParameterError(
            f"material '{r.name}' has no band gap at {r.temperature_K:g} K (no band-gap "
            f"temperature model in the database), which model '{MODEL}' needs"
        )
    return r.get(key, needed_by=MODEL)


def optical_permittivity(mat: Material, r: ResolvedMaterial) -> float:
    """High-frequency permittivity: ``eps_inf`` if stored, else n^2 at 589.3 nm."""
    if "eps_inf" in r:
        return r["eps_inf"]
    if mat.refractive_index is not None:
        n = complex(mat.nk(OPTICAL_REFERENCE_NM))
        return float((n * n).real)
    if "eps_static" in r:
        return r["eps_static"]
    raise MissingParameterError(
        f"material '{mat.name}' has neither 'eps_inf', a refractive index nor 'eps_static', "
        f"which model '{MODEL}' needs for dielectric screening"
    )


def static_permittivity(mat: Material, r: ResolvedMaterial) -> float:
    """Static permittivity: ``eps_static`` if stored, else the optical one (non-polar media)."""
    return r["eps_static"] if "eps_static" in r else optical_permittivity(mat, r)


def _cell_materials(db: Database, layer: LayerSpec, n: int) -> list[Material]:
    if layer.graded_to is None:
        return [db.get(layer.material)] * n
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cells = [db.mix(layer.material, layer.graded_to, (j + 0.5) / n) for j in range(n)]
    for message in dict.fromkeys(str(w.message) for w in caught):  # once per layer
        warnings.warn(message, QdoptoWarning, stacklevel=3)
    return cells


def build_profile(
    layers: Sequence[LayerSpec],
    medium: str,
    temperature_K: float,
    max_thickness_nm: Sequence[float],
    resolution_nm: float = 0.05,
    *,
    database: Database | None = None,
) -> FamilyProfile:
    """Resolve the materials of a family and lay out its cells.

    Parameters
    ----------
    layers : sequence of LayerSpec
        Core first.
    medium : str
        Surrounding medium.
    temperature_K : float
        Temperature [K].
    max_thickness_nm : sequence of float
        Largest thickness of each layer in the batch [nm]; sets the cells per layer so that
        no cell is wider than ``resolution_nm``.
    resolution_nm : float
        Largest cell width inside the particle [nm].
    """
    db = database or default_database()
    if not (0.001 <= resolution_nm <= 1.0):
        raise QdoptoError(f"grid resolution must be within 0.001-1 nm, got {resolution_nm}")
    # multiples of 4 so that the grid can be coarsened twice (three-grid Richardson estimate)
    cells = [max(8, 4 * math.ceil(t / resolution_nm / 4)) for t in max_thickness_nm]
    cell_mats: list[Material] = []
    layer_idx: list[int] = []
    for k, (layer, n) in enumerate(zip(layers, cells, strict=True)):
        cell_mats.extend(_cell_materials(db, layer, n))
        layer_idx.extend([k] * n)
    cache: dict[str, tuple[Material, ResolvedMaterial]] = {}

    def resolved(m: Material) -> ResolvedMaterial:
        if m.name not in cache:
            cache[m.name] = (m, m.at(temperature_K))
        return cache[m.name][1]

    edge_e, edge_h, mass_e, mass_h, gap_e, gap_h, eps_s, eps_o = ([] for _ in range(8))
    for m in cell_mats:
        r = resolved(m)
        if m.gap_type == "semimetal" or _get(r, "Eg") <= 0:
            raise QdoptoError(
                f"model '{MODEL}' does not treat inverted-band semimetals such as {m.name} "
                "(they need a multiband k.p model)"
            )
        edge_e.append(_get(r, "Ec"))
        edge_h.append(-_get(r, "Ev"))
        mass_e.append(_get(r, "me"))
        mass_h.append(_get(r, "mh"))
        gap_e.append(_get(r, "Eg"))
        gap_h.append(_get(r, "Eg") if m.crystal_structure == "rocksalt" else math.inf)
        eps_s.append(static_permittivity(m, r))
        eps_o.append(optical_permittivity(m, r))
    med = db.get(medium)
    rmed = med.at(temperature_K)
    barrier = med if ("Ec" in rmed and "Ev" in rmed) else db.get("ligand")
    rbar = resolved(barrier)
    for key in ("Ec", "Ev", "me", "mh"):
        _get(rbar, key)  # raises, naming the barrier material, if one is missing
    # barrier region: 12 decay lengths of the more penetrating carrier, at least 0.6 nm
    lam = []
    for inside, outside, mb in (
        (edge_e, rbar["Ec"], rbar["me"]),
        (edge_h, -rbar["Ev"], rbar["mh"]),
    ):
        depth = max(outside - min(inside), 0.02)
        lam.append(math.sqrt(K / (mb * depth)))
    length = float(min(max(12.0 * max(lam), 0.6), 20.0))
    # geometrically growing cells: the first resolves the fastest decay, then x BARRIER_GROWTH
    h0 = min(resolution_nm, min(lam) / 4.0)
    q = BARRIER_GROWTH
    nb = max(8, 4 * math.ceil(math.log(1.0 + length * (q - 1.0) / h0) / math.log(q) / 4))
    widths = q ** np.arange(nb)
    offsets = np.cumsum(widths) * (length / widths.sum())
    n_all = len(cell_mats) + nb
    layer_idx.extend([len(layers)] * nb)

    def with_barrier(values: list[float], barrier_value: float) -> Array:
        return np.asarray(values + [barrier_value] * nb, dtype=float)

    eps_med_s = static_permittivity(med, rmed)
    eps_med_o = optical_permittivity(med, rmed)
    ec_layers, ev_layers = [], []
    start = 0
    for n in cells:
        ec_layers.append((min(edge_e[start : start + n]), max(edge_e[start : start + n])))
        evs = [-v for v in edge_h[start : start + n]]
        ev_layers.append((min(evs), max(evs)))
        start += n
    prof = FamilyProfile(
        layers=tuple(layers),
        medium=med.name,
        barrier_material=barrier.name,
        temperature_K=float(temperature_K),
        cells_per_layer=tuple(cells),
        barrier_cells=nb,
        barrier_length_nm=length,
        barrier_offsets=offsets,
        layer_of_cell=np.asarray(layer_idx, dtype=np.int64),
        electron=CarrierBands(
            with_barrier(edge_e, rbar["Ec"]),
            with_barrier(mass_e, rbar["me"]),
            with_barrier(gap_e, math.inf),
        ),
        hole=CarrierBands(
            with_barrier(edge_h, -rbar["Ev"]),
            with_barrier(mass_h, rbar["mh"]),
            with_barrier(gap_h, math.inf),
        ),
        eps_static=with_barrier(eps_s, eps_med_s),
        eps_optical=with_barrier(eps_o, eps_med_o),
        eps_medium_static=eps_med_s,
        eps_medium_optical=eps_med_o,
        ec_layers=tuple(ec_layers),
        ev_layers=tuple(ev_layers),
    )
    if prof.n_cells != n_all:  # pragma: no cover - consistency of the layout
        raise QdoptoError("internal error: inconsistent cell layout")
    return prof
