"""Electronic structure of non-spherical QDs: rods, dot-in-rods, platelets, epitaxial dots.

Models (``SHAPE_MODELS``):

- ``axisymmetric``: BenDaniel-Duke effective-mass states on an (r, z) finite-volume grid
  (:mod:`qdopto.electronic.axisym`) for shapes with an axis of symmetry (rods, dot-in-rods,
  lens, dome, cone and disk dots), azimuthal quantum numbers m = 0, 1, 2 ...;
- ``3d``: the same equation on a 3D grid (:mod:`qdopto.electronic.grid3d`) for shapes without
  axial symmetry (pyramids, platelets);
- ``separable``: platelets only, a quantum well along the thickness, a Rytova-Keldysh in-plane
  exciton and its centre of mass in the lateral box (:mod:`qdopto.electronic.platelet`).

``model="auto"`` picks ``separable`` for platelets (their exciton is set by strong dielectric
confinement, which the grid models' first-order Coulomb does not capture), ``axisymmetric``
where the shape has an axis, ``3d`` otherwise.

Materials on the grid (axisymmetric and 3D models)
--------------------------------------------------
Each cell holds the volume fractions f_k of the regions that cut it (sub-cell sampling); its
band edge is sum_k f_k E_k and its mass the volume average of the regions' (energy-dependent)
masses (:func:`_cell_fields`). As for spheres (:mod:`qdopto.electronic.profile`),
electrons are nonparabolic (Kane two-band, m(E) = m* [1 + (E - E_c)/E_g]; G. Bastard, *Wave
Mechanics Applied to Semiconductor Heterostructures* (1988), Ch. III) in the semiconductor
regions and holes parabolic; colloidal particles sit behind the database's ``ligand`` barrier
unless the medium has band edges; and the surface offset of ``calibration.toml`` (fitted on
CdSe spheres) widens the outer surface of a colloidal particle whose outer material has one.

Epitaxial dots: the dot and its wetting layer are coherently strained to the matrix; their
band edges are the strain-shifted ones of :func:`qdopto.electronic.strain.strained_band_edges`
(heavy holes, with the heavy-hole mass along the growth axis), the matrix is unstrained.

Exciton: first-order direct Coulomb energy of the computed electron and hole densities, from
the Poisson equation on the same grid with one permittivity, the static permittivity of the
particle averaged over where the carriers are, plus each carrier's self-polarisation energy
in a colloidal particle. For overlapping electron and hole the image part of their attraction
cancels the monopole (l = 0) parts of their self-energies (L. E. Brus, J. Chem. Phys. 80,
4403 (1984)); what remains is the short-range image self-energy near the surface, taken in
the local planar-interface form :func:`planar_image_potential` with the distance to the
particle's outer surface. On a CdSe sphere (R = 2 nm, ligand) this gives 106 meV against
96 meV for the exact l >= 1 series of the radial model (tests/test_shapes.py). Epitaxial
dots, whose matrix nearly matches their permittivity, have none. Platelets use the
Rytova-Keldysh potential (``separable``).
"""

from __future__ import annotations

import copy
import functools
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import COULOMB_EV_NM, HC_EV_NM
from qdopto.electronic.alignment import classify
from qdopto.electronic.calibration import surface_offsets
from qdopto.electronic.coulomb import SURFACE_CUTOFF_NM
from qdopto.electronic.profile import static_permittivity
from qdopto.electronic.results import Exciton
from qdopto.electronic.strain import luttinger_masses
from qdopto.errors import MissingParameterError, QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.structures.shapes import EpitaxialDot, Platelet, Rod, Shape, parse_shape

Array = NDArray[np.float64]
SHAPE_MODELS = {
    "axisymmetric": "BenDaniel-Duke states on an (r, z) finite-volume grid, first-order Coulomb",
    "3d": "BenDaniel-Duke states on a 3D finite-volume grid (LOBPCG), first-order Coulomb",
    "separable": "platelet: quantum well along the thickness, Rytova-Keldysh exciton, "
    "centre of mass in the lateral box",
}
MODEL_VERSION = "1"
#: Largest cell inside the particle of the axisymmetric model [nm] on the first grid; it is
#: halved until the Richardson estimate is below 1 meV (tests/test_shapes.py).
AXISYM_RESOLUTION_NM = 0.1
#: Largest number of halvings of the axisymmetric grid in the search for a 1 meV estimate.
AXISYM_MAX_REFINE = 3
#: Cells across the particle's smallest dimension on the 3D grid (the cell size is the
#: smaller of this and :data:`GRID3D_MAX_CELL_NM`).
GRID3D_CELLS_ACROSS = 10
#: Largest cell of the 3D grid inside the particle [nm] (a 12 nm InAs pyramid: 1.5 meV from
#: the 0.25 nm grid's value, tests/test_shapes.py).
GRID3D_MAX_CELL_NM = 0.35
#: Extent of the barrier region around the particle: this many decay lengths of the most
#: penetrating carrier, within [BARRIER_MIN_NM, BARRIER_MAX_NM] (as the radial model does).
BARRIER_DECAY_LENGTHS = 10.0
BARRIER_MIN_NM = 1.0
BARRIER_MAX_NM = 15.0
#: Largest azimuthal quantum number searched for excited states (axisymmetric model).
MAX_AZIMUTHAL = 3


@dataclass(frozen=True)
class ShapeLevel:
    """A single-particle level of a non-spherical QD.

    Attributes
    ----------
    n : int
        Index of the level among those of the same symmetry (1 = lowest).
    m : int or None
        Azimuthal quantum number (axisymmetric shapes); None on a 3D grid.
    energy_eV : float
        Energy on the absolute (vacuum) scale [eV].
    error_eV : float
        Grid-error estimate [eV].
    """

    n: int
    m: int | None
    energy_eV: float
    error_eV: float = 0.0

    @property
    def label(self) -> str:
        """``1(m=0)`` on an axisymmetric grid, ``3`` on a 3D grid."""
        return f"{self.n}" if self.m is None else f"{self.n}(m={self.m})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "l": None,  # not a good quantum number without spherical symmetry
            "m": self.m,
            "label": self.label,
            "energy_eV": self.energy_eV,
            "error_eV": self.error_eV,
        }


@dataclass(frozen=True)
class ShapeDensities:
    """Ground-state probability densities on a plane through the particle (for plots).

    ``axis1_nm`` and ``axis2_nm`` are cell centres: (r, z) on an axisymmetric grid, (x, z) in
    the y = 0 plane of a 3D grid; ``density_e``/``density_h`` are |psi|^2 [1/nm^3] and
    ``region`` the index of the region with the largest share of each cell (the medium is
    the last index).
    """

    plane: str
    axis1_nm: NDArray[np.float64]
    axis2_nm: NDArray[np.float64]
    density_e: NDArray[np.float64]
    density_h: NDArray[np.float64]
    region: NDArray[np.int_]


@dataclass(frozen=True)
class ShapeResult:
    """Electronic structure of a non-spherical QD (same JSON contract as for spheres)."""

    structure: Shape
    model: str
    model_version: str
    temperature_K: float
    electron: tuple[ShapeLevel, ...]
    hole: tuple[ShapeLevel, ...]
    exciton: Exciton
    alignment: str
    localization_e: dict[str, float]
    localization_h: dict[str, float]
    convergence: dict[str, Any] = field(default_factory=dict, compare=False)
    details: dict[str, Any] = field(default_factory=dict, compare=False)
    densities: ShapeDensities | None = field(default=None, compare=False, repr=False)

    def _by_index(self, loc: dict[str, float]) -> dict[str, float]:
        """Localisation keyed as for spheres: region index ("0", "1", ...) and "medium" (the
        roles are listed in ``shape.regions``)."""
        roles = [role for role, _ in self.structure.regions]
        out: dict[str, float] = {}
        for i, role in enumerate(roles):
            if role in loc:
                out["medium" if i == len(roles) - 1 else str(i)] = loc[role]
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON document (the contract of ``qdopto levels --json``; localisation keyed by
        region index as for spheres' layers, the regions listed under ``shape``)."""
        return {
            "structure": self.structure.spec,
            "shape": self.structure.to_dict(),
            "model": self.model,
            "model_version": self.model_version,
            "temperature_K": self.temperature_K,
            "electron": [lv.to_dict() for lv in self.electron],
            "hole": [lv.to_dict() for lv in self.hole],
            "exciton": self.exciton.to_dict(),
            "alignment": self.alignment,
            "localization": {
                "electron": self._by_index(self.localization_e),
                "hole": self._by_index(self.localization_h),
            },
            "convergence": self.convergence,
            **self.details,
        }


# ----------------------------------------------------------------------------- region data
@dataclass(frozen=True)
class RegionBands:
    """Per-region band data, the medium last: particle energies [eV] (electron E_c, hole
    -E_v), band-edge masses [m_e], Kane gaps [eV] (inf: parabolic), static permittivity."""

    roles: tuple[str, ...]
    materials: tuple[str, ...]
    edge_e: Array
    edge_h: Array
    mass_e: Array
    mass_h: Array
    gap_e: Array
    eps: Array
    barrier_material: str
    notes: tuple[str, ...] = ()
    mass_h_z: Array | None = None  # axial hole mass of an anisotropic heavy hole [m_e]


def _arr(values: list[float]) -> Array:
    return np.asarray(values, dtype=float)


def _resolved(name: str, temperature_K: float, need: str) -> Any:
    r = default_database().get(name).at(temperature_K)
    for key in ("Ec", "Ev", "me", "mh", "Eg"):
        if key not in r:
            raise MissingParameterError(
                f"material '{name}' lacks '{key}' at {temperature_K:g} K, which model '{need}' "
                "needs (band edges on the vacuum scale, masses and the gap)"
            )
    return r


def region_bands(shape: Shape, temperature_K: float, model: str) -> RegionBands:
    """Band edges, masses, gaps and permittivities of every region of a shape."""
    db = default_database()
    roles = tuple(role for role, _ in shape.regions)
    mats = tuple(m for _, m in shape.regions)
    if isinstance(shape, EpitaxialDot):
        return _epitaxial_bands(shape, temperature_K, model)
    med = db.get(shape.medium)
    rmed = med.at(temperature_K)
    barrier = shape.medium if ("Ec" in rmed and "Ev" in rmed) else "ligand"
    edge_e: list[float] = []
    edge_h: list[float] = []
    mass_e: list[float] = []
    mass_h: list[float] = []
    gap_e: list[float] = []
    eps: list[float] = []
    for name in (*mats[:-1], barrier):
        mat = db.get(name)
        r = _resolved(name, temperature_K, model)
        if mat.gap_type == "semimetal" or r["Eg"] <= 0:
            raise QdoptoError(f"model '{model}' does not treat inverted-band semimetals ({name})")
        edge_e.append(r["Ec"])
        edge_h.append(-r["Ev"])
        mass_e.append(r["me"])
        mass_h.append(r["mh"])
        semiconductor = name != barrier
        gap_e.append(r["Eg"] if semiconductor else math.inf)
        eps.append(static_permittivity(mat, r) if semiconductor else math.nan)
    eps[-1] = static_permittivity(med, rmed)
    return RegionBands(
        roles,
        mats,
        _arr(edge_e),
        _arr(edge_h),
        _arr(mass_e),
        _arr(mass_h),
        _arr(gap_e),
        _arr(eps),
        barrier_material=barrier,
    )


def _epitaxial_bands(shape: EpitaxialDot, temperature_K: float, model: str) -> RegionBands:
    """Region bands of an epitaxial dot: strained dot and wetting layer, unstrained matrix."""
    db = default_database()
    roles = tuple(role for role, _ in shape.regions)
    mats = tuple(m for _, m in shape.regions)
    from qdopto.electronic.strain import strained_band_edges

    s = strained_band_edges(
        shape.material,
        shape.matrix,
        temperature_K,
        model="eshelby",
        aspect_ratio=shape.height_nm / shape.base_nm,
    )
    rd = _resolved(shape.material, temperature_K, model)
    rm = _resolved(shape.matrix, temperature_K, model)
    for key in ("luttinger_gamma1", "luttinger_gamma2"):
        if key not in rm:
            raise MissingParameterError(
                f"material '{shape.matrix}' lacks '{key}', which the heavy-hole masses of "
                f"model '{model}' need"
            )
    hm = luttinger_masses(rm["luttinger_gamma1"], rm["luttinger_gamma2"])
    n_dot = len(mats) - 1
    edge_e = [s.Ec] * n_dot + [rm["Ec"]]
    edge_h = [-s.Ev_hh] * n_dot + [-rm["Ev"]]
    mass_e = [rd["me"]] * n_dot + [rm["me"]]
    mass_h = [s.mhh_par] * n_dot + [hm["mhh_par"]]
    mass_hz = [s.mhh_z] * n_dot + [hm["mhh_z"]]
    gap_e = [s.Eg_hh] * n_dot + [math.inf]
    eps = [static_permittivity(db.get(m), db.get(m).at(temperature_K)) for m in mats]
    notes = (
        "dot and wetting layer strained coherently to the matrix, the uniform strain of "
        f"an Eshelby spheroidal inclusion of the dot's aspect ratio {s.aspect_ratio:.3g} "
        f"(eps_par = {s.eps_par:.4f}, eps_perp = {s.eps_perp:.4f}); heavy holes with the "
        "Luttinger masses of the axial approximation, 1/(g1 - 2 g2) along the growth axis "
        "and 1/(g1 + g2) in the plane",
    )
    return RegionBands(
        roles,
        mats,
        _arr(edge_e),
        _arr(edge_h),
        _arr(mass_e),
        _arr(mass_h),
        _arr(gap_e),
        _arr(eps),
        barrier_material=shape.matrix,
        notes=notes,
        mass_h_z=_arr(mass_hz),
    )


def _cell_fields(fr: Array, rb: RegionBands) -> tuple[Array, Array, Array, Array, Array]:
    """Per-cell electron edge/mass/gap and hole edge/mass from region fractions (K, ...).

    Band edges are volume averages; masses are volume averages of the regions' energy-
    dependent masses m_k [1 + (E - V_k)/E_g,k], which is linear in E and so exactly of the
    Kane form m* [1 + (E - V)/E_g] with m* = m(V) and E_g = m* / sum_k f_k m_k / E_g,k (the
    arithmetic mean is the rule that converges where interfaces cut cells;
    :func:`qdopto.electronic.axisym.mix_bands`, tests/test_axisym.py).
    """
    axes = (0, 0)

    def mix(v: Array) -> Array:
        return np.asarray(np.tensordot(v, fr, axes=axes))

    edge_e = mix(rb.edge_e)
    inv_g = np.where(np.isfinite(rb.gap_e), 1.0 / rb.gap_e, 0.0)
    # m(V) = sum_k f_k m_k (1 + (V - V_k)/Eg_k) = sum f m + V sum f m/Eg - sum f m V/Eg
    a = mix(rb.mass_e * inv_g)
    mass_e = mix(rb.mass_e) + edge_e * a - mix(rb.mass_e * inv_g * rb.edge_e)
    mass_e = np.maximum(mass_e, 0.05 * mix(rb.mass_e))  # guard far above a band (not physics)
    with np.errstate(divide="ignore"):
        gap_e = np.where(a > 0, mass_e / np.maximum(a, 1e-300), np.inf)
    mass_h = mix(rb.mass_h)
    if rb.mass_h_z is not None:  # anisotropic heavy hole: (in-plane, axial)
        mass_h = np.stack([mass_h, mix(rb.mass_h_z)])
    return edge_e, mass_e, gap_e, mix(rb.edge_h), mass_h


def _decay_lengths(rb: RegionBands) -> tuple[float, float]:
    """Decay lengths [nm] of a bound electron and hole under the barrier, sqrt(K / (m V)) with
    V the depth of the deepest well (at least 0.02 eV) and m the barrier mass (the lighter
    one of an anisotropic hole)."""
    from qdopto.constants import HBAR2_2M0_EV_NM2 as K

    hole_mass = rb.mass_h if rb.mass_h_z is None else np.minimum(rb.mass_h, rb.mass_h_z)
    lam = []
    for edge, mass in ((rb.edge_e, rb.mass_e), (rb.edge_h, hole_mass)):
        depth = max(float(edge[-1] - edge[:-1].min()), 0.02)
        lam.append(math.sqrt(K / (float(mass[-1]) * depth)))
    return lam[0], lam[1]


def _decay_nm(rb: RegionBands) -> float:
    """Shortest decay length of a bound carrier under the barrier [nm]."""
    return min(_decay_lengths(rb))


def _barrier_nm(rb: RegionBands) -> float:
    """Barrier extent: BARRIER_DECAY_LENGTHS decay lengths of the most penetrating carrier."""
    longest = max(_decay_lengths(rb))
    return float(min(max(BARRIER_DECAY_LENGTHS * longest, BARRIER_MIN_NM), BARRIER_MAX_NM))


def _outer_offset_nm(shape: Shape, calibrated: bool) -> tuple[float, dict[str, Any] | None]:
    """The spheres' surface offset for the outer material of a colloidal shape (0 if none)."""
    if not calibrated or isinstance(shape, EpitaxialDot):
        return 0.0, None
    outer = shape.regions[-2][1]
    off = surface_offsets().get(outer)
    return (off.value_nm, off.to_dict()) if off is not None else (0.0, None)


def _widened(shape: Shape, delta: float) -> Shape:
    """The shape with its outer surface moved out by ``delta`` [nm] (calibration)."""
    if delta == 0:
        return shape
    if isinstance(shape, Rod):
        # the same rod with its surface moved out: built without re-validation (the widened
        # rod is a model device, not a user input, and may exceed the input limits)
        wide = copy.copy(shape)
        length = shape.length_nm + 2 * delta
        object.__setattr__(wide, "length_nm", length)
        object.__setattr__(wide, "radius_nm", shape.radius_nm + delta)
        if shape.core is not None:
            object.__setattr__(wide, "core_at", (shape.core_at * shape.length_nm + delta) / length)
        return wide
    if isinstance(shape, Platelet):
        raise QdoptoError("internal error: platelet calibration is applied by its model")
    return shape


# ----------------------------------------------------------------------------- public entry
def solve_shape(
    structure: Shape | str,
    model: str = "auto",
    temperature_K: float = 300.0,
    states: int = 1,
    *,
    resolution_nm: float | None = None,
    calibrated: bool = True,
) -> ShapeResult:
    """Levels, exciton, overlap, localisation and alignment of a non-spherical QD.

    Parameters
    ----------
    structure : Rod, Platelet, EpitaxialDot or str
        The shape or its spec (e.g. ``"CdSe:1.5@rod(CdS, length=30, radius=2.5)"``).
    model : str
        ``auto``, ``axisymmetric``, ``3d`` or ``separable`` (platelets).
    temperature_K : float
        Temperature [K].
    states : int
        Electron and hole levels to report (1-10).
    resolution_nm : float, optional
        Largest cell inside the particle [nm] (grid models).
    calibrated : bool
        Apply the surface offset of ``calibration.toml`` to colloidal particles.
    """
    shape = parse_shape(structure) if isinstance(structure, str) else structure
    if not (isinstance(states, int) and 1 <= states <= 10):
        raise QdoptoError(f"states must be an integer from 1 to 10, got {states}")
    if not (math.isfinite(temperature_K) and 0 <= temperature_K <= 2000):
        raise QdoptoError(f"temperature must be within 0-2000 K, got {temperature_K}")
    if resolution_nm is not None and not (
        math.isfinite(resolution_nm) and 0.02 <= resolution_nm <= 2.0
    ):
        raise QdoptoError(f"grid resolution must be within 0.02-2 nm, got {resolution_nm}")
    name = _resolve_model(shape, model)
    if name == "separable":
        if not isinstance(shape, Platelet):  # pragma: no cover - _resolve_model checks
            raise QdoptoError("the separable model applies to platelets only")
        return _solve_platelet(shape, temperature_K, states)
    rb = region_bands(shape, temperature_K, name)
    run, calibration = _run(shape, rb, name, states, resolution_nm, calibrated)
    result = _grid_result(shape, run, rb, temperature_K, states)
    details = dict(result.details)
    details["calibration"] = calibration
    return ShapeResult(
        result.structure,
        result.model,
        result.model_version,
        result.temperature_K,
        result.electron,
        result.hole,
        result.exciton,
        result.alignment,
        result.localization_e,
        result.localization_h,
        result.convergence,
        details,
        result.densities,
    )


def _run(
    shape: Shape,
    rb: RegionBands,
    model: str,
    states: int,
    resolution_nm: float | None,
    calibrated: bool,
) -> tuple[GridRun, dict[str, Any] | None]:
    """Solve a shape on its grid (with the colloidal surface calibration where it applies)."""
    if model == "axisymmetric":
        delta, calibration = _outer_offset_nm(shape, calibrated)
        m_max = MAX_AZIMUTHAL if states > 1 else 0
        return _axisym_run(_widened(shape, delta), rb, states, m_max, resolution_nm), calibration
    # 3D grids: uncalibrated (the surface offset was fitted to spheres' radial model)
    return _grid3d_run(shape, rb, states, resolution_nm), None


def _resolve_model(shape: Shape, model: str) -> str:
    known = ("auto", *SHAPE_MODELS)
    if model not in known:
        raise QdoptoError(f"unknown model '{model}' for {shape.kind}; known: {', '.join(known)}")
    if model == "auto":
        if isinstance(shape, Platelet):
            return "separable"
        return "axisymmetric" if shape.symmetry == "axial" else "3d"
    if model == "separable" and not isinstance(shape, Platelet):
        raise QdoptoError(f"model 'separable' applies to platelets, not to a {shape.kind}")
    if model == "3d" and isinstance(shape, Rod):
        raise QdoptoError(
            "rods and dot-in-rods are solved on the axisymmetric grid (exact for their "
            "symmetry); use model 'axisymmetric' (or 'auto')"
        )
    if model == "axisymmetric" and shape.symmetry != "axial":
        raise QdoptoError(f"a {shape.kind} has no axis of symmetry; use model '3d' (or 'auto')")
    return model


# ----------------------------------------------------------------------------- helpers
def _localization(fr: Array, density_volume: Array, roles: tuple[str, ...]) -> dict[str, float]:
    """Probability in each region from cell probabilities and region fractions."""
    p = np.tensordot(fr, density_volume, axes=(list(range(1, fr.ndim)), list(range(fr.ndim - 1))))
    return {role: float(v) for role, v in zip(roles, p, strict=True)}


def _alignment(
    loc_e: dict[str, float], loc_h: dict[str, float], e: float, h: float, rb: RegionBands
) -> str:
    if rb.roles[:2] == ("dot", "wetting"):  # one material: the wetting layer is the dot's
        loc_e = {"dot": loc_e["dot"] + loc_e["wetting"], "matrix": loc_e["matrix"]}
        loc_h = {"dot": loc_h["dot"] + loc_h["wetting"], "matrix": loc_h["matrix"]}
        rb = RegionBands(
            ("dot", "matrix"),
            (rb.materials[0], rb.materials[-1]),
            rb.edge_e[[0, -1]],
            rb.edge_h[[0, -1]],
            rb.mass_e[[0, -1]],
            rb.mass_h[[0, -1]],
            rb.gap_e[[0, -1]],
            rb.eps[[0, -1]],
            rb.barrier_material,
        )
    roles = rb.roles[:-1]
    k = len(roles)
    le = np.array([[loc_e[r] for r in roles]])
    lh = np.array([[loc_h[r] for r in roles]])
    ec = tuple((float(v), float(v)) for v in rb.edge_e[:k])
    ev = tuple((float(-v), float(-v)) for v in rb.edge_h[:k])
    return str(classify(le, lh, np.array([e]), np.array([h]), ec, ev)[0])


def _particle_eps(loc_e: dict[str, float], loc_h: dict[str, float], rb: RegionBands) -> float:
    """Static permittivity of the particle averaged over the carriers' regions."""
    w = np.array([loc_e[r] + loc_h[r] for r in rb.roles[:-1]])
    eps = rb.eps[:-1]
    if w.sum() <= 0:
        return float(eps.mean())
    return float(np.dot(w, eps) / w.sum())


def _check_bound(
    shape: Shape, carrier: str, loc: dict[str, float], level: float, edge: float
) -> None:
    outside = loc.get("medium", loc.get("matrix", 0.0))
    if level >= edge or outside > 0.5:
        name = "electron" if carrier == "e" else "hole"
        raise QdoptoError(
            f"no bound {name} state in {shape.spec}: the structure does not confine the {name} "
            "(too small, or band offsets too small); make it larger or choose another barrier"
        )


def _validity(shape: Shape, rb: RegionBands, e_level: float, h_level: float) -> None:
    gap = float(np.min(rb.edge_e[:-1] + rb.edge_h[:-1]))
    if (e_level - rb.edge_e[:-1].min()) > gap or (-h_level - rb.edge_h[:-1].min()) > gap:
        warnings.warn(
            f"{shape.spec}: a confinement energy exceeds the band gap ({gap:.2f} eV); "
            "effective-mass results are unreliable this far from the band edge",
            ValidityWarning,
            stacklevel=3,
        )


# ----------------------------------------------------------------------------- polarisation
def planar_image_potential(
    distance_nm: Array,
    eps_in: float,
    eps_out: float,
    cutoff_nm: float = SURFACE_CUTOFF_NM,
) -> Array:
    """Self-polarisation (image) energy of a carrier near a planar interface [eV].

    Sigma(d) = (e^2 / 4 pi eps0) (eps_in - eps_out) / (4 eps_in (eps_in + eps_out) d)
    for a charge in eps_in at distance d from the interface with eps_out [J. D. Jackson,
    Classical Electrodynamics, 3rd ed. (1999), Sec. 4.4, the image charge
    q' = -q (eps_out - eps_in)/(eps_out + eps_in); half the interaction with it]. As in the
    radial model (:mod:`qdopto.electronic.coulomb`), the carrier is kept no closer to the
    surface than ``cutoff_nm`` (a quarter of a lattice constant) and barrier cells take the
    value at the cutoff.

    Parameters
    ----------
    distance_nm : ndarray
        Distance to the surface [nm] (0 outside the particle).
    eps_in, eps_out : float
        Static permittivities of the particle's outer material and of the medium.
    """
    d = np.maximum(np.asarray(distance_nm, dtype=float), cutoff_nm)
    return np.asarray(COULOMB_EV_NM * (eps_in - eps_out) / (4.0 * eps_in * (eps_in + eps_out) * d))


def _self_polarization(shape: Shape, run: GridRun, rb: RegionBands) -> Array | None:
    """Planar-image self-energy per cell of a colloidal particle's grid, or None."""
    if isinstance(shape, Rod):
        d = shape.surface_distance_rz(run.grid.r_centres[:, None], run.grid.z_centres[None, :])
    elif isinstance(shape, Platelet):
        cx, cy, cz = run.grid.centres
        d = shape.surface_distance_xyz(cx[:, None, None], cy[None, :, None], cz[None, None, :])
    else:
        return None  # epitaxial: matrix and dot permittivities nearly equal
    return planar_image_potential(d, float(rb.eps[-2]), float(rb.eps[-1]))


# ----------------------------------------------------------------------------- grid runs
@dataclass(frozen=True)
class GridRun:
    """States of both carriers of a shape on its finest grid.

    ``states[(carrier, m)]`` holds the states ('e' or 'h', azimuthal m; m = 0 on a 3D grid)
    with Richardson-extrapolated energies in ``energies[(carrier, m)]`` [eV, particle
    energies: holes are -E_v] and error estimates in ``errors``; ``fractions`` (K, ...) are
    the region volume fractions of the grid's cells and ``volumes`` the cell volumes [nm^3].
    """

    model: str
    grid: Any
    fractions: Array
    volumes: Array
    states: dict[tuple[str, int], Any]
    energies: dict[tuple[str, int], Array]
    errors: dict[tuple[str, int], Array]
    convergence: dict[str, Any]
    coulomb: Callable[[float], float]

    def psi(self, carrier: str, m: int, k: int) -> Array:
        return np.asarray(self.states[(carrier, m)].psi[k])


def _axisym_run(
    grid_shape: Shape, rb: RegionBands, n_states: int, m_max: int, resolution_nm: float | None
) -> GridRun:
    from qdopto.electronic.axisym import (
        MAX_CELLS,
        AxisymGrid,
        axisym_states,
        coulomb_energy,
        region_fractions_rz,
        solve_converged,
    )

    if isinstance(grid_shape, Rod):
        r_max, z_lo, z_hi = grid_shape.extent
    elif isinstance(grid_shape, EpitaxialDot):
        lo, hi = grid_shape.extent
        r_max, z_lo, z_hi = hi[0], lo[2], hi[2]
    else:  # pragma: no cover - platelets have no axis
        raise QdoptoError("internal error: platelet on an axisymmetric grid")
    barrier = _barrier_nm(rb)
    h0 = resolution_nm or AXISYM_RESOLUTION_NM
    n_reg = len(rb.roles)
    cache: dict[float, tuple[Any, Array]] = {}

    # the first two grids (h0, h0/2) must fit: checked before anything is built (finer
    # refinements that would not fit stop with a ValidityWarning in solve_converged)
    second = AxisymGrid.graded(
        r_max, z_lo, z_hi, h0 / 2, barrier, h_ref=h0, h_barrier=_decay_nm(rb) / 4
    )
    if second.n_cells > MAX_CELLS:
        raise QdoptoError(
            f"the axisymmetric grid at {h0 / 2:g} nm has {second.n_cells:.3g} cells, more than "
            f"the limit of {MAX_CELLS:.3g}; use a coarser resolution or a smaller structure"
        )

    def fields(h: float) -> tuple[Any, Array]:
        if h not in cache:
            grid = AxisymGrid.graded(
                r_max, z_lo, z_hi, h, barrier, h_ref=h0, h_barrier=_decay_nm(rb) / 4
            )
            cache[h] = (grid, region_fractions_rz(grid, grid_shape.classify_rz, n_reg))
        return cache[h]

    def carrier_fields(carrier: str, h: float) -> tuple[Any, Array, Array, Array | None]:
        grid, fr = fields(h)
        ee, me, ge, eh, mh = _cell_fields(fr, rb)
        return (grid, ee, me, ge) if carrier == "e" else (grid, eh, mh, None)

    states: dict[tuple[str, int], Any] = {}
    energies: dict[tuple[str, int], Array] = {}
    errors: dict[tuple[str, int], Array] = {}
    conv: dict[str, Any] = {"barrier_nm": barrier}
    used: dict[tuple[str, int], float] = {}
    for carrier in ("e", "h"):
        for m in range(m_max + 1):
            st, info = solve_converged(
                functools.partial(carrier_fields, carrier),
                h0,
                n_states=n_states,
                m=m,
                max_refine=AXISYM_MAX_REFINE,
            )
            used[(carrier, m)] = float(info["h_nm"][-1])
            states[(carrier, m)] = st
            energies[(carrier, m)] = np.asarray(st.energies_eV, dtype=float)
            err = np.broadcast_to(
                np.asarray(info.get("error_eV", 0.0), float), st.energies_eV.shape
            )
            errors[(carrier, m)] = np.asarray(err)
            if m == 0:
                conv["electron" if carrier == "e" else "hole"] = info
            found = np.sort(np.concatenate([v for (c, _), v in energies.items() if c == carrier]))
            if energies[(carrier, m)][0] >= found[min(n_states, found.size) - 1]:
                break  # higher |m| start above the n_states lowest levels found
    # overlaps need every state on one grid: re-solve (unextrapolated) wavefunctions of the
    # runs that stopped on a coarser grid on the finest one; energies keep their extrapolation
    finest = min(used.values())
    for key, h_used in used.items():
        if h_used != finest:
            grid_f, edge, mass, gap = carrier_fields(key[0], finest)
            states[key] = axisym_states(
                grid_f, edge, mass, gap, n_states=len(energies[key]), m=key[1]
            )
    grid, fr = fields(finest)

    def coulomb(eps_in: float) -> float:
        # first-order Coulomb of the ground pair on the first (coarsest) grid: an integral of
        # the densities, converged there far below 1 meV, at a fraction of the cost
        ge = axisym_states(*carrier_fields("e", h0))
        gh = axisym_states(*carrier_fields("h", h0))
        coarse = carrier_fields("e", h0)[0]
        eps = np.full(coarse.volumes.shape, eps_in)
        return float(coulomb_energy(coarse, eps, ge.psi[0] ** 2, gh.psi[0] ** 2))

    return GridRun(
        "axisymmetric", grid, fr, np.asarray(grid.volumes), states, energies, errors, conv, coulomb
    )


def _grid3d_run(
    shape: Shape, rb: RegionBands, n_states: int, resolution_nm: float | None
) -> GridRun:
    from qdopto.electronic.grid3d import (
        DEFAULT_MEMORY_LIMIT,
        Grid3D,
        _check_memory,
        coulomb_energy3d,
        grid3d_states,
        region_fractions_xyz,
    )

    if isinstance(shape, Rod):  # pragma: no cover - rods have an axis
        raise QdoptoError("internal error: rods are solved on the axisymmetric grid")
    lo, hi = shape.extent
    size = np.asarray(hi) - np.asarray(lo)
    barrier = _barrier_nm(rb)
    if resolution_nm is None:
        h_axes = tuple(float(min(GRID3D_MAX_CELL_NM, s / GRID3D_CELLS_ACROSS)) for s in size)
    else:
        h_axes = (float(resolution_nm),) * 3
    n_reg = len(rb.roles)
    runs = []
    fine_grid = Grid3D.graded(lo, hi, h_axes, barrier)
    _check_memory(fine_grid, n_states, "lobpcg", DEFAULT_MEMORY_LIMIT)  # before anything is built
    for scale in (2.0, 1.0):  # a coarse grid for the Richardson estimate, then the fine one
        h = tuple(scale * v for v in h_axes)
        grid = Grid3D.graded(lo, hi, h, barrier)
        fr = region_fractions_xyz(grid, shape.classify_xyz, n_reg)
        ee, me, ge, eh, mh = _cell_fields(fr, rb)
        st_e = grid3d_states(grid, ee, me, ge, n_states=n_states)
        st_h = grid3d_states(grid, eh, mh, None, n_states=n_states)
        runs.append((grid, fr, st_e, st_h))
    (_, _, ce, ch), (grid, fr, st_e, st_h) = runs
    energies, errors, states = {}, {}, {}
    for carrier, fine, coarse in (("e", st_e, ce), ("h", st_h, ch)):
        ef = np.asarray(fine.energies_eV, dtype=float)
        ec = np.asarray(coarse.energies_eV, dtype=float)[: ef.size]
        # second-order scheme: E(h) = E + c h^2  ->  E = E_h + (E_h - E_2h) / 3; interfaces
        # that cut cells make the error partly first order, so the estimate is the first-order
        # bound |E_h - E_2h| (grid3d's sphere test: -14, -6.7, -3.5 meV at 0.25, 0.15, 0.1 nm)
        ext = ef + (ef - ec) / 3.0
        energies[(carrier, 0)] = ext
        errors[(carrier, 0)] = np.abs(ef - ec)
        states[(carrier, 0)] = fine
    conv = {
        "cells": list(grid.shape),
        "h_nm": list(h_axes),
        "barrier_nm": barrier,
        "error_estimate": "|E(h) - E(2h)|; energies Richardson-extrapolated (order 2)",
        "method": st_e.method,
        "iterations": {"electron": st_e.iterations, "hole": st_h.iterations},
    }

    coarse_grid = runs[0][0]

    def coulomb(eps_in: float) -> float:
        # first-order Coulomb of the ground pair on the coarse (2h) grid
        eps = np.full(coarse_grid.volumes.shape, eps_in)
        return float(coulomb_energy3d(coarse_grid, eps, ce.psi[0] ** 2, ch.psi[0] ** 2))

    return GridRun(
        "3d", grid, fr, np.asarray(grid.volumes), states, energies, errors, conv, coulomb
    )


def _grid_result(
    shape: Shape, run: GridRun, rb: RegionBands, temperature_K: float, states: int
) -> ShapeResult:
    psi_e, psi_h = run.psi("e", 0, 0), run.psi("h", 0, 0)
    vol = run.volumes
    roles = rb.roles
    loc_e = _localization(run.fractions, psi_e**2 * vol, roles)
    loc_h = _localization(run.fractions, psi_h**2 * vol, roles)
    e_level = float(run.energies[("e", 0)][0])
    h_level = -float(run.energies[("h", 0)][0])
    _check_bound(shape, "e", loc_e, e_level, float(rb.edge_e[-1]))
    _check_bound(shape, "h", loc_h, -h_level, float(rb.edge_h[-1]))
    eps_in = _particle_eps(loc_e, loc_h, rb)
    j = run.coulomb(eps_in)
    sigma = _self_polarization(shape, run, rb)
    pol = 0.0 if sigma is None else float(np.sum((psi_e**2 + psi_h**2) * vol * sigma))
    overlap = float(np.sum(psi_e * psi_h * vol) ** 2)
    exciton = Exciton(e_level - h_level + j + pol, -(j + pol), overlap, j, pol)
    axial = run.model == "axisymmetric"
    levels: dict[str, tuple[ShapeLevel, ...]] = {}
    for carrier, sign in (("e", 1.0), ("h", -1.0)):
        found = [
            (k + 1, m, float(e), float(run.errors[(c, m)][k]))
            for (c, m), es in run.energies.items()
            if c == carrier
            for k, e in enumerate(es)
        ]
        ordered = sorted(found, key=lambda t: t[2])[:states]
        levels[carrier] = tuple(
            ShapeLevel(n, m if axial else None, sign * e, err) for n, m, e, err in ordered
        )
    _validity(shape, rb, e_level, h_level)
    return ShapeResult(
        shape,
        run.model,
        MODEL_VERSION,
        float(temperature_K),
        levels["e"],
        levels["h"],
        exciton,
        _alignment(loc_e, loc_h, e_level, h_level, rb),
        loc_e,
        loc_h,
        convergence=run.convergence,
        details=_details(rb, eps_in, run.model),
        densities=_densities(run, psi_e, psi_h),
    )


def _densities(run: GridRun, psi_e: Array, psi_h: Array) -> ShapeDensities:
    """The ground-state densities on the (r, z) plane, or the y = 0 plane of a 3D grid."""
    region = np.argmax(run.fractions, axis=0)
    if run.model == "axisymmetric":
        g = run.grid
        return ShapeDensities(
            "r-z", g.r_centres, g.z_centres, psi_e**2, psi_h**2, np.asarray(region)
        )
    cx, cy, cz = run.grid.centres
    j = int(np.argmin(np.abs(cy)))
    return ShapeDensities(
        "x-z (y = 0)",
        cx,
        cz,
        psi_e[:, j, :] ** 2,
        psi_h[:, j, :] ** 2,
        np.asarray(region[:, j, :]),
    )


def _details(rb: RegionBands, eps_in: float, model: str) -> dict[str, Any]:
    return {
        "barrier_material": rb.barrier_material,
        "coulomb": {
            "eps_in": eps_in,
            "screening": "static",
            "method": "direct term: Poisson equation on the grid, one permittivity; "
            "self-polarisation: planar-image form with the distance to the outer surface "
            "(colloidal particles)",
        },
        "approximation": SHAPE_MODELS[model],
        "notes": list(rb.notes),
    }


# ----------------------------------------------------------------------------- platelets
def _platelet_run(shape: Platelet, temperature_K: float) -> Any:
    from qdopto.electronic.platelet import platelet_states

    return platelet_states(
        shape.material,
        shape.monolayers,
        shape.lateral_nm,
        crown=shape.crown,
        shell=shape.shell,
        medium=shape.medium,
        temperature_K=temperature_K,
    )


def _platelet_alignment(shape: Platelet, res: Any) -> str:
    """type-I, or quasi-type-II when a carrier's level lies beyond the band edge of the
    crown or shell (so that it is not confined to the core by the offset)."""
    db = default_database()
    for name in (m for _, m in shape.regions[1:-1]):
        r = db.get(name).at(res.temperature_K)
        if (
            "Ec" in r
            and "Ev" in r
            and (res.electron_level_eV > r["Ec"] or res.hh_level_eV < r["Ev"])
        ):
            return "quasi-type-II"
    return "type-I"


def _solve_platelet(shape: Platelet, temperature_K: float, states: int) -> ShapeResult:
    res = _platelet_run(shape, temperature_K)
    doc = res.to_dict()
    hole = (ShapeLevel(1, None, res.hh_level_eV), ShapeLevel(2, None, res.lh_level_eV))
    x = res.heavy
    exciton = Exciton(x.energy_eV, x.binding_eV, x.overlap_z**2, -x.binding_eV, res.self_energy_eV)
    return ShapeResult(
        shape,
        "separable",
        MODEL_VERSION,
        float(temperature_K),
        (ShapeLevel(1, None, res.electron_level_eV),),
        hole[:states],
        exciton,
        _platelet_alignment(shape, res),
        {},
        {},
        convergence={"method": "1D BenDaniel-Duke (thickness) and radial Rytova-Keldysh grids"},
        details={
            "platelet": doc,
            "approximation": SHAPE_MODELS["separable"],
            "localization_note": "not resolved by region in the separable model",
            "calibration": res.calibration or None,
        },
    )


# ----------------------------------------------------------------------------- transitions
@dataclass(frozen=True)
class ShapeTransition:
    """One interband transition of a non-spherical QD, summed over spins and degenerate m.

    Attributes
    ----------
    label : str
        ``e1(m=0)-h1(m=0)``, ``e2-h1`` (3D grid) or ``X_hh``/``X_lh`` (platelets).
    energy_eV : float
        Transition energy with the first-order Coulomb term of the ground pair [eV].
    overlap : float
        |<psi_e|psi_h>|^2 (platelets: the exciton's |int psi_X(r, r) d^3r|^2 [nm^-... ],
        see ``oscillator_strength``).
    oscillator_strength : float
        Isotropically averaged oscillator strength (dimensionless).
    dipole_z_weight : float
        Share of the transition dipole along the particle's axis z (1/3: isotropic).
    """

    label: str
    energy_eV: float
    overlap: float
    oscillator_strength: float
    dipole_z_weight: float = 1.0 / 3.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "energy_eV": self.energy_eV,
            "wavelength_nm": HC_EV_NM / self.energy_eV,
            "overlap": self.overlap,
            "oscillator_strength": self.oscillator_strength,
            "dipole_z_weight": self.dipole_z_weight,
        }


@dataclass(frozen=True)
class ShapeTransitions:
    """Transitions of a non-spherical QD, lowest energy first."""

    structure: Shape
    temperature_K: float
    model: str
    transitions: tuple[ShapeTransition, ...]
    kane_energy_eV: float
    ground: ShapeResult
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure.spec,
            "temperature_K": self.temperature_K,
            "model": self.model,
            "kane_energy_eV": self.kane_energy_eV,
            "transitions": [t.to_dict() for t in self.transitions],
            **self.details,
        }


def _kane(rb: RegionBands, weights: Array, shape: Shape, temperature_K: float) -> float:
    """Kane energy E_P averaged over the regions with the overlap-density weights."""
    db = default_database()
    ep = np.array(
        [
            db.get(m).at(temperature_K).values.get("Ep", math.nan) if i < len(rb.roles) - 1 else 0
            for i, m in enumerate(rb.materials)
        ],
        dtype=float,
    )
    w = np.asarray(weights[:-1], dtype=float)
    known = np.isfinite(ep[:-1])
    if w.sum() <= 0 or w[~known].sum() > 0.1 * w.sum():
        lacking = [m for m, k in zip(rb.materials[:-1], known, strict=True) if not k]
        raise MissingParameterError(
            f"the Kane energy 'Ep' is missing for {', '.join(lacking) or 'the particle'}, where "
            f"the electron-hole overlap of {shape.spec} lies; transition strengths need it"
        )
    return float(np.dot(w[known], ep[:-1][known]) / w[known].sum())


def shape_transitions(
    structure: Shape | str,
    temperature_K: float = 300.0,
    *,
    model: str = "auto",
    n_states: int = 3,
    resolution_nm: float | None = None,
    calibrated: bool = True,
    min_oscillator_strength: float = 1e-4,
) -> ShapeTransitions:
    """Allowed interband transitions of a rod, dot-in-rod, platelet or epitaxial dot.

    Grid models (axisymmetric, 3d): every pair of the ``n_states`` lowest electron and hole
    states (of the same azimuthal m on an axisymmetric grid, where m and -m are degenerate);
    the oscillator strength is that of the spheres' envelope model
    (:mod:`qdopto.electronic.transitions`, Eq. (1)), isotropically averaged,

        f = (4/3) (E_P / E) g K^2,    g = 1 (m = 0) or 2 (m != 0),

    with K^2 = |<psi_e|psi_h>|^2 and E_P averaged where the overlap density lies; the energy
    of each pair includes the Coulomb term of the ground pair (first order; excited pairs
    are bound a little less). Platelets (separable model): the heavy- and light-hole exciton
    lines of :func:`qdopto.electronic.platelet.platelet_states`.

    Parameters
    ----------
    structure : Rod, Platelet, EpitaxialDot or str
        The shape or its spec.
    temperature_K : float
        Temperature [K].
    model : str
        As :func:`solve_shape`.
    n_states : int
        States per carrier (and per m) paired up (1-6).
    min_oscillator_strength : float
        Weaker transitions are dropped.
    """
    shape = parse_shape(structure) if isinstance(structure, str) else structure
    if not (isinstance(n_states, int) and 1 <= n_states <= 6):
        raise QdoptoError(f"n_states must be an integer from 1 to 6, got {n_states}")
    name = _resolve_model(shape, model)
    if name == "separable":
        if not isinstance(shape, Platelet):  # pragma: no cover - _resolve_model checks
            raise QdoptoError("the separable model applies to platelets only")
        return _platelet_transitions(shape, temperature_K)
    rb = region_bands(shape, temperature_K, name)
    run, calibration = _run(shape, rb, name, n_states, resolution_nm, calibrated)
    ground = _grid_result(shape, run, rb, temperature_K, 1)
    j = ground.exciton.coulomb_eV + ground.exciton.polarization_eV
    vol = run.volumes
    axes = list(range(1, run.fractions.ndim))
    ms = sorted({m for (_, m) in run.energies})
    ep_ground = math.nan
    out: list[ShapeTransition] = []
    for m in ms:
        ee, eh = run.energies[("e", m)], run.energies[("h", m)]
        for i in range(ee.size):
            pe = run.psi("e", m, i)
            if float(np.sum(run.fractions[-1] * pe**2 * vol)) > 0.5:
                continue  # unbound (mostly in the barrier)
            for k in range(eh.size):
                ph = run.psi("h", m, k)
                if float(np.sum(run.fractions[-1] * ph**2 * vol)) > 0.5:
                    continue
                dens = pe * ph * vol
                k2 = float(dens.sum() ** 2)
                if k2 < 1e-8:
                    continue
                weights = np.abs(
                    np.tensordot(run.fractions, dens, axes=(axes, list(range(dens.ndim))))
                )
                ep = _kane(rb, weights, shape, temperature_K)
                energy = float(ee[i] + eh[k] + j)
                g = 1 if m == 0 else 2
                f = 4.0 / 3.0 * ep / energy * g * k2
                if m == 0 and i == 0 and k == 0:
                    ep_ground = ep
                if f < min_oscillator_strength:
                    continue
                tag_m = f"(m={m})" if run.model == "axisymmetric" else ""
                out.append(ShapeTransition(f"e{i + 1}{tag_m}-h{k + 1}{tag_m}", energy, k2, f))
    if not out:
        raise QdoptoError(f"no bound, allowed transition found for {shape.spec}")
    out.sort(key=lambda t: t.energy_eV)
    return ShapeTransitions(
        shape,
        float(temperature_K),
        run.model,
        tuple(out),
        ep_ground,
        ground,
        details={
            "calibration": calibration,
            "coulomb": "ground-pair first-order Coulomb and polarisation terms for all",
        },
    )


def _platelet_transitions(shape: Platelet, temperature_K: float) -> ShapeTransitions:
    """Heavy- and light-hole exciton lines of a platelet with their oscillator strengths.

    The exciton psi_X = Phi_CM(R) phi(rho) chi_e(z_e) chi_h(z_h) couples to light with the
    envelope factor |int psi_X(r, r) d^3r|^2 = K_z^2 |phi(0)|^2 |int Phi_CM dA|^2 (the giant
    oscillator strength of a laterally confined 2D exciton; e.g. A. W. Achtstein et al., Nano
    Lett. 12, 3151 (2012); E. I. Rashba, G. E. Gurgenishvili, Sov. Phys. Solid State 4, 759
    (1962)), with Phi_CM the ground state of the lateral box, |int Phi_CM dA|^2 =
    64 Lx Ly / pi^4, and |phi(0)|^2 = 2 / (pi <rho>^2) for the 1s relative motion (exact for an
    exponential 1s envelope, an approximation for the Rytova-Keldysh one). Of the spheres'
    isotropic Bloch factor (4/3) E_P / E (:mod:`qdopto.electronic.transitions`, Eq. (1)) the
    heavy-hole states carry half, polarised in the plane (w_z = 0), and the light-hole states
    the other half, 2/3 of it along z (w_z = 2/3) [e.g. G. Bastard, Wave Mechanics Applied to
    Semiconductor Heterostructures (1988), Ch. VIII].
    """
    res = _platelet_run(shape, temperature_K)
    ground = _solve_platelet(shape, temperature_K, 2)
    db = default_database()
    r = db.get(shape.material).at(temperature_K)
    if "Ep" not in r:
        raise MissingParameterError(
            f"the Kane energy 'Ep' is missing for {shape.material}; platelet transition "
            "strengths need it"
        )
    ep = float(r["Ep"])
    lx, ly = shape.lateral_nm
    cm = 64.0 * lx * ly / math.pi**4
    out = []
    for x, wz, label in ((res.heavy, 0.0, "X_hh"), (res.light, 2.0 / 3.0, "X_lh")):
        envelope = x.overlap_z**2 * cm * 2.0 / (math.pi * x.bohr_radius_nm**2)
        f = 2.0 / 3.0 * ep / x.energy_eV * envelope
        out.append(ShapeTransition(label, x.energy_eV, envelope, f, wz))
    out.sort(key=lambda t: t.energy_eV)
    return ShapeTransitions(
        shape,
        float(temperature_K),
        "separable",
        tuple(out),
        ep,
        ground,
        details={"calibration": res.calibration or None},
    )
