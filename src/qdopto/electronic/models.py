"""Electronic-structure models behind one call: ``solve(structure, model=...)``.

Models (``MODELS``):

- ``infinite-well``: quantum box, E = Eg + hbar^2 pi^2/(2 mu R^2) (core-only dots);
- ``brus``: Brus/Kayanuma with the -1.786 e^2/(eps R) and -0.248 E*_Ry terms (core-only);
- ``radial``: numerical BenDaniel-Duke solution for any layers (graded included), with the
  medium as a finite barrier, Kane two-band nonparabolicity, temperature through Eg(T), the
  exciton from first-order Coulomb and polarisation terms on the solved states, and the
  calibration of ``calibration.toml``.

``model="auto"`` picks ``radial``, the most complete model for every material the database
holds (the lead-salt four-band Kang-Wise model needs k.p parameters the database does not
have yet; see docs/electronic.md).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import numpy as np
from numpy.typing import NDArray
from scipy.linalg import eigh_tridiagonal

from qdopto.electronic.alignment import classify
from qdopto.electronic.calibration import SurfaceOffset, surface_offsets
from qdopto.electronic.closed_forms import bessel_zero, brus_energy, infinite_well_energy
from qdopto.electronic.coulomb import CoulombTerms, coulomb_terms
from qdopto.electronic.profile import CarrierBands, FamilyProfile, LayerSpec, build_profile
from qdopto.electronic.radial import carrier_hamiltonian, richardson, solve_family
from qdopto.electronic.results import ElectronicResult, Exciton, Level, Profile
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.structures import SphericalQD
from qdopto.structures.shapes import EpitaxialDot, Platelet, Rod, is_shape_spec

if TYPE_CHECKING:
    from qdopto.electronic.shapes import ShapeResult

Array = NDArray[np.float64]
#: Largest cell inside the particle [nm]. With the three-grid Richardson extrapolation the
#: levels of CdSe/CdS core/shells are then within 0.2 meV of a 6x finer grid (tests/).
DEFAULT_RESOLUTION_NM = 0.15


@dataclass(frozen=True)
class ModelInfo:
    """A registered model: name, version, description, reference, applicability check."""

    name: str
    version: str
    description: str
    reference: str
    not_applicable: Callable[[SphericalQD], str | None]


def _core_only(qd: SphericalQD) -> str | None:
    if len(qd.layers) != 1 or qd.layers[0].graded:
        return "it applies to core-only dots of one material (no shells, no grading)"
    return None


def _always(qd: SphericalQD) -> str | None:
    return None


MODELS: dict[str, ModelInfo] = {
    "infinite-well": ModelInfo(
        "infinite-well",
        "1",
        "particle in an infinite spherical well (quantum box)",
        "Al. L. Efros, A. L. Efros, Sov. Phys. Semicond. 16, 772 (1982)",
        _core_only,
    ),
    "brus": ModelInfo(
        "brus",
        "1",
        "Brus/Kayanuma: quantum box less 1.786 e^2/(eps R) and 0.248 E*_Ry",
        "L. E. Brus, J. Chem. Phys. 80, 4403 (1984); Y. Kayanuma, Phys. Rev. B 38, 9797 (1988)",
        _core_only,
    ),
    "radial": ModelInfo(
        "radial",
        "1",
        "radial BenDaniel-Duke finite-volume solver, any layers, nonparabolic, "
        "first-order Coulomb with dielectric polarisation",
        "D. J. BenDaniel, C. B. Duke, Phys. Rev. 152, 683 (1966); docs/electronic.md",
        _always,
    ),
}


def resolve_model(structure: SphericalQD, model: str) -> ModelInfo:
    """The model to use; raises listing the known models or the ones that apply."""
    if model == "auto":
        return MODELS["radial"]
    if model not in MODELS:
        extra = (
            " (the four-band Kang-Wise model for lead salts is not available yet: the "
            "database lacks its k.p parameters; 'radial' treats PbS with Kane "
            "nonparabolicity)"
            if model.replace("_", "-").lower() == "kang-wise"
            else ""
        )
        raise QdoptoError(
            f"unknown model '{model}'; known models: auto, {', '.join(MODELS)}{extra}"
        )
    info = MODELS[model]
    why = info.not_applicable(structure)
    if why:
        ok = [n for n, m in MODELS.items() if m.not_applicable(structure) is None]
        raise QdoptoError(
            f"model '{model}' does not apply to {structure.spec}: {why}; models that do: "
            f"{', '.join(ok)}"
        )
    return info


@overload
def solve(
    structure: SphericalQD,
    model: str = ...,
    temperature_K: float = ...,
    states: int = ...,
    *,
    resolution_nm: float | None = ...,
    calibrated: bool = ...,
) -> ElectronicResult: ...


@overload
def solve(
    structure: Rod | Platelet | EpitaxialDot,
    model: str = ...,
    temperature_K: float = ...,
    states: int = ...,
    *,
    resolution_nm: float | None = ...,
    calibrated: bool = ...,
) -> ShapeResult: ...


@overload
def solve(
    structure: str,
    model: str = ...,
    temperature_K: float = ...,
    states: int = ...,
    *,
    resolution_nm: float | None = ...,
    calibrated: bool = ...,
) -> ElectronicResult | ShapeResult: ...


def solve(
    structure: SphericalQD | Rod | Platelet | EpitaxialDot | str,
    model: str = "auto",
    temperature_K: float = 300.0,
    states: int = 1,
    *,
    resolution_nm: float | None = None,
    calibrated: bool = True,
) -> ElectronicResult | ShapeResult:
    """Electron and hole levels, exciton, overlap, localisation and alignment of a structure.

    Spherical structures (``"CdSe:2.0/CdS:1.5"``) use the models below; rods, dot-in-rods,
    platelets and epitaxial dots (``"rod(CdSe, length=20, radius=2)"`` ...) are solved by
    :func:`qdopto.electronic.shapes.solve_shape` (models ``axisymmetric``, ``3d``,
    ``separable``) and return a :class:`~qdopto.electronic.shapes.ShapeResult` with the same
    JSON contract.

    Parameters
    ----------
    structure : SphericalQD, Rod, Platelet, EpitaxialDot or str
        The structure or its spec string.
    model : str
        ``auto`` (default: ``radial``), ``radial``, ``brus`` or ``infinite-well`` for spheres.
    temperature_K : float
        Temperature [K]; band gaps follow each material's Eg(T).
    states : int
        Number of electron and of hole levels to report (1-20).
    resolution_nm : float, optional
        Largest cell inside the particle [nm] (radial model: default 0.15 nm).
    calibrated : bool
        Apply the radial model's calibration (``calibration.toml``).

    Returns
    -------
    ElectronicResult or ShapeResult
    """
    if isinstance(structure, Rod | Platelet | EpitaxialDot) or (
        isinstance(structure, str) and is_shape_spec(structure)
    ):
        from qdopto.electronic.shapes import solve_shape

        return solve_shape(
            structure,
            model,
            temperature_K,
            states,
            resolution_nm=resolution_nm,
            calibrated=calibrated,
        )
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (isinstance(states, int) and 1 <= states <= 20):
        raise QdoptoError(f"states must be an integer from 1 to 20, got {states}")
    if not (math.isfinite(temperature_K) and 0 <= temperature_K <= 2000):
        raise QdoptoError(f"temperature must be within 0-2000 K, got {temperature_K}")
    info = resolve_model(qd, model)
    if info.name == "radial":
        res = DEFAULT_RESOLUTION_NM if resolution_nm is None else resolution_nm
        return _solve_radial(qd, temperature_K, states, res, calibrated)
    return _solve_closed_form(qd, info, temperature_K, states)


# ----------------------------------------------------------------------------- closed forms
def _solve_closed_form(
    qd: SphericalQD, info: ModelInfo, temperature_K: float, states: int
) -> ElectronicResult:
    mat = default_database().get(qd.layers[0].material)
    r = mat.at(temperature_K)
    need = info.name
    eg, ec, ev = (
        r.get("Eg", needed_by=need),
        r.get("Ec", needed_by=need),
        r.get("Ev", needed_by=need),
    )
    me, mh = r.get("me", needed_by=need), r.get("mh", needed_by=need)
    radius = qd.core_radius_nm
    order = sorted((bessel_zero(l, n), n, l) for n in range(1, states + 1) for l in range(states))[
        :states
    ]
    electron = tuple(
        Level(n, l, ec + float(infinite_well_energy(radius, me, n, l))) for _, n, l in order
    )
    hole = tuple(
        Level(n, l, ev - float(infinite_well_energy(radius, mh, n, l))) for _, n, l in order
    )
    gap = electron[0].energy_eV - hole[0].energy_eV
    details: dict[str, Any] = {"reference": info.reference}
    if info.name == "brus":
        eps = r.get("eps_static", needed_by=need)
        energy = float(brus_energy(radius, eg, me, mh, eps))
        details["eps"] = eps
    else:
        energy = gap
    exciton = Exciton(energy, gap - energy, 1.0, coulomb_eV=energy - gap)
    return ElectronicResult(
        structure=qd,
        model=info.name,
        model_version=info.version,
        temperature_K=float(temperature_K),
        electron=electron,
        hole=hole,
        exciton=exciton,
        alignment="type-I",
        localization_e=(1.0, 0.0),
        localization_h=(1.0, 0.0),
        convergence={"method": "closed form"},
        details=details,
    )


# ----------------------------------------------------------------------------- radial
def family_of(qd: SphericalQD) -> tuple[tuple[LayerSpec, ...], str]:
    """Layer materials and medium: the key under which structures share a cell layout."""
    return tuple(LayerSpec(l.material, l.graded_to) for l in qd.layers), qd.medium


def calibration_for(layers: tuple[LayerSpec, ...]) -> SurfaceOffset | None:
    """The surface offset applying to particles whose outer layer is ``layers[-1]``."""
    outer = layers[-1]
    if outer.graded_to is not None:
        return None
    return surface_offsets().get(outer.material)


def _level_energies(
    faces: Array,
    bands: CarrierBands,
    l: int,
    count: int,
    tol: float = 1e-8,
) -> Array:
    """Lowest ``count`` self-consistent (nonparabolic) levels with angular momentum l."""
    h0 = carrier_hamiltonian(faces, bands, None, l)
    count = min(count, h0.diag.shape[1])
    w0 = eigh_tridiagonal(
        h0.diag[0], h0.off[0], eigvals_only=True, select="i", select_range=(0, count - 1)
    )
    if not np.any(np.isfinite(bands.gap)):
        return np.asarray(w0)

    def lam(e: float, k: int) -> float:
        h = carrier_hamiltonian(faces, bands, np.array([e]), l)
        return float(
            eigh_tridiagonal(
                h.diag[0], h.off[0], eigvals_only=True, select="i", select_range=(k, k)
            )[0]
        )

    out = np.empty(count)
    for k in range(count):
        x0 = float(w0[k])
        g0 = lam(x0, k) - x0
        x1 = x0 + g0
        for _ in range(60):
            g1 = lam(x1, k) - x1
            if abs(g1) < tol:
                break
            denom = g1 - g0
            step = g1 * (x1 - x0) / denom if abs(denom) > 1e-15 else g1
            x0, g0, x1 = x1, g1, x1 - step
        out[k] = x1
    return out


def _excited_levels(
    profile: FamilyProfile, t: Array, carrier: str, count: int, barrier_edge: float
) -> list[tuple[int, int, float, float]]:
    grids = [profile, profile.coarse()]
    grids.append(grids[1].coarse())
    per_grid: list[dict[tuple[int, int], float]] = []
    for g in grids:
        faces = g.faces(t)
        bands = g.electron if carrier == "e" else g.hole
        found: dict[tuple[int, int], float] = {}
        for l in range(count):
            for k, e in enumerate(_level_energies(faces, bands, l, count)):
                found[(k + 1, l)] = float(e)
        per_grid.append(found)
    out = []
    for key, fine in per_grid[0].items():
        if key not in per_grid[1] or key not in per_grid[2]:
            continue
        val, err = richardson(
            np.array([fine]), np.array([per_grid[1][key]]), np.array([per_grid[2][key]])
        )
        if val[0] < barrier_edge:
            out.append((key[0], key[1], float(val[0]), float(err[0])))
    out.sort(key=lambda item: item[2])
    return out[:count]


@dataclass(frozen=True)
class _FamilyRun:
    profile: FamilyProfile
    thicknesses: Array
    radius: Array
    offset: SurfaceOffset | None


def prepare_family(
    layers: tuple[LayerSpec, ...],
    medium: str,
    thicknesses: Array,
    temperature_K: float,
    resolution_nm: float,
    calibrated: bool,
) -> _FamilyRun:
    """Profile and (calibrated) thicknesses of a family batch."""
    t = np.array(np.atleast_2d(thicknesses), dtype=float)
    offset = calibration_for(layers) if calibrated else None
    if offset is not None:
        t[:, -1] += offset.value_nm
    profile = build_profile(layers, medium, temperature_K, t.max(axis=0), resolution_nm)
    return _FamilyRun(profile, t, t.sum(axis=1), offset)


def band_edge_material(structure: SphericalQD, temperature_K: float = 300.0) -> str:
    """The layer material with the narrowest gap: the one the band-edge states live in (the
    core of a type-I core/shell, the emitting shell of a quantum shell); its band structure
    sets the band-edge degeneracy."""
    db = default_database()
    gaps = [db.get(layer.material).at(temperature_K)["Eg"] for layer in structure.layers]
    return structure.layers[int(np.argmin(gaps))].material


def prepare_structure(
    qd: SphericalQD, temperature_K: float, resolution_nm: float, calibrated: bool
) -> _FamilyRun:
    """:func:`prepare_family` for one structure (its own layers and thicknesses)."""
    layers, medium = family_of(qd)
    t = np.array([[layer.thickness_nm for layer in qd.layers]])
    return prepare_family(layers, medium, t, temperature_K, resolution_nm, calibrated)


def coulomb_for(run: _FamilyRun, faces: Array, phi_e: Array, phi_h: Array) -> CoulombTerms:
    """First-order Coulomb terms of a family batch (static screening)."""
    p = run.profile
    n_in = p.n_cells - p.barrier_cells
    return coulomb_terms(
        faces,
        phi_e,
        phi_h,
        p.eps_static,
        float(p.eps_static[n_in - 1]),
        p.eps_medium_static,
        run.radius,
    )


def _check_bound(qd: SphericalQD, carrier: str, loc: Array, level: float, edge: float) -> None:
    if level >= edge or loc[-1] > 0.5:
        name = "electron" if carrier == "e" else "hole"
        raise QdoptoError(
            f"no bound {name} state in {qd.spec}: the structure does not confine the {name} "
            "(layers too thin or band offsets too small); make the confining layer thicker or "
            "choose a medium with a higher barrier"
        )


def _solve_radial(
    qd: SphericalQD, temperature_K: float, states: int, resolution_nm: float, calibrated: bool
) -> ElectronicResult:
    run = prepare_structure(qd, temperature_K, resolution_nm, calibrated)
    prof = run.profile
    sol = solve_family(prof, run.thicknesses)
    e_edge_out = float(prof.electron.edge[-1])
    h_edge_out = float(-prof.hole.edge[-1])
    _check_bound(qd, "e", sol.localization_e[0], float(sol.electron_level[0]), e_edge_out)
    _check_bound(qd, "h", sol.localization_h[0], float(-sol.hole_level[0]), -h_edge_out)
    ct = coulomb_for(run, sol.faces, sol.phi_e, sol.phi_h)
    gap = float(sol.electron_level[0] - sol.hole_level[0])
    energy = gap + float(ct.total[0])
    exciton = Exciton(
        energy,
        gap - energy,
        float(sol.overlap[0]),
        float(ct.direct[0]),
        float(ct.polarization_e[0] + ct.polarization_h[0]),
    )
    alignment = str(
        classify(
            sol.localization_e,
            sol.localization_h,
            sol.electron_level,
            sol.hole_level,
            prof.ec_layers,
            prof.ev_layers,
        )[0]
    )
    electron = [Level(1, 0, float(sol.electron_level[0]), float(sol.electron_error[0]))]
    hole = [Level(1, 0, float(sol.hole_level[0]), float(sol.hole_error[0]))]
    if states > 1:
        for n, l, e, err in _excited_levels(prof, run.thicknesses, "e", states, e_edge_out):
            if (n, l) != (1, 0):
                electron.append(Level(n, l, e, err))
        for n, l, e, err in _excited_levels(prof, run.thicknesses, "h", states, -h_edge_out):
            if (n, l) != (1, 0):
                hole.append(Level(n, l, -e, err))
        electron = sorted(electron, key=lambda lv: lv.energy_eV)[:states]
        hole = sorted(hole, key=lambda lv: -lv.energy_eV)[:states]
    _validity_warnings(qd, prof, float(sol.electron_level[0]), float(sol.hole_level[0]))
    faces = sol.faces
    centres = 0.5 * (faces[0, 1:] + faces[0, :-1])
    widths = faces[0, 1:] - faces[0, :-1]
    profile = Profile(
        r_nm=centres,
        ec_eV=prof.electron.edge.copy(),
        ev_eV=-prof.hole.edge,
        density_e=sol.phi_e[0] ** 2 / widths,
        density_h=sol.phi_h[0] ** 2 / widths,
    )
    details: dict[str, Any] = {
        "barrier_material": prof.barrier_material,
        "coulomb": {
            "direct_eV": float(ct.direct[0]),
            "polarization_eV": float(ct.polarization_e[0] + ct.polarization_h[0]),
            "eps_in": float(ct.eps_in[0]),
            "eps_medium": prof.eps_medium_static,
            "screening": "static",
        },
        "calibration": run.offset.to_dict() if run.offset is not None else None,
        "reference": MODELS["radial"].reference,
    }
    return ElectronicResult(
        structure=qd,
        model="radial",
        model_version=MODELS["radial"].version,
        temperature_K=float(temperature_K),
        electron=tuple(electron),
        hole=tuple(hole),
        exciton=exciton,
        alignment=alignment,
        localization_e=tuple(float(p) for p in sol.localization_e[0]),
        localization_h=tuple(float(p) for p in sol.localization_h[0]),
        convergence={
            "grid_cells": prof.n_cells,
            "resolution_nm": resolution_nm,
            "grid_error_eV": {
                "electron": float(sol.electron_error[0]),
                "hole": float(sol.hole_error[0]),
            },
            "error_estimate": "Richardson, grids h, 2h, 4h",
            "nonparabolic_iterations": sol.iterations,
        },
        details=details,
        profile=profile,
    )


def _validity_warnings(
    qd: SphericalQD, prof: FamilyProfile, e_level: float, h_level: float
) -> None:
    inside = prof.layer_of_cell < len(prof.layers)
    ec_min = float(prof.electron.edge[inside].min())
    ev_max = float(-prof.hole.edge[inside].min())
    gap = float(np.min(prof.electron.gap[inside]))
    if (e_level - ec_min) > gap or (ev_max - h_level) > gap:
        warnings.warn(
            f"{qd.spec}: a confinement energy exceeds the band gap ({gap:.2f} eV); "
            "effective-mass results are unreliable this far from the band edge",
            ValidityWarning,
            stacklevel=3,
        )
