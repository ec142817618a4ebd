"""Batch solving: many structures at once, vectorised by family (the hot path of sweeps).

``sweep`` takes one family (layer materials + medium) and an array of thicknesses, and never
loops in Python over structures or grid points. ``solve_batch`` takes any structures, groups
them by family and calls ``sweep`` per family, in chunks that bound the memory use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.electronic.alignment import classify
from qdopto.electronic.models import DEFAULT_RESOLUTION_NM, coulomb_for, family_of, prepare_family
from qdopto.electronic.profile import LayerSpec
from qdopto.electronic.radial import solve_family
from qdopto.errors import QdoptoError
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]
#: Structures solved together at most: 8192 x ~100 cells x ~20 arrays of float64 stays well
#: below 200 MB, so 10^5 structures need no more memory than one chunk.
CHUNK = 8192


_FIELDS = (
    "electron_level",
    "hole_level",
    "exciton_energy",
    "binding_energy",
    "overlap",
    "electron_error",
    "hole_error",
    "core_probability_e",
    "core_probability_h",
)


@dataclass(frozen=True)
class BatchResult:
    """Ground-state results of a batch, one entry per structure (input order).

    Energies in eV (levels on the vacuum scale); ``alignment`` strings as in
    :mod:`qdopto.electronic.alignment`; ``core_probability_*`` the probability in layer 0.
    """

    electron_level: Array
    hole_level: Array
    exciton_energy: Array
    binding_energy: Array
    overlap: Array
    electron_error: Array
    hole_error: Array
    core_probability_e: Array
    core_probability_h: Array
    alignment: NDArray[np.str_]
    model: str = "radial"
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __len__(self) -> int:
        return int(self.exciton_energy.size)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k).tolist() for k in _FIELDS}
        out["alignment"] = self.alignment.tolist()
        out["model"] = self.model
        out.update(self.details)
        return out


def sweep(
    layers: Sequence[str | LayerSpec],
    thicknesses: ArrayLike,
    medium: str = "ligand",
    temperature_K: float = 300.0,
    *,
    resolution_nm: float = DEFAULT_RESOLUTION_NM,
    calibrated: bool = True,
    coulomb: bool = True,
    estimate_error: bool = True,
) -> BatchResult:
    """Ground electron and hole states, overlap and exciton of a family of structures.

    Parameters
    ----------
    layers : sequence of str or LayerSpec
        Layer materials, core first (``("CdSe", "CdS")``).
    thicknesses : array_like, shape (B, K)
        Core radius and shell thicknesses of each structure [nm].
    medium : str
        Medium around the particles.
    temperature_K : float
        Temperature [K].

    Returns
    -------
    BatchResult
    """
    specs = tuple(x if isinstance(x, LayerSpec) else LayerSpec(x) for x in layers)
    t = np.atleast_2d(np.asarray(thicknesses, dtype=float))
    if t.ndim != 2 or t.shape[1] != len(specs):
        raise QdoptoError(f"thicknesses must have shape (structures, {len(specs)}), got {t.shape}")
    if not np.all(np.isfinite(t)) or np.any(t <= 0):
        raise QdoptoError("thicknesses must be finite and > 0 nm")
    if t[:, 0].min() < 0.2 or t.sum(axis=1).max() > 100.0:
        raise QdoptoError("core radii must be >= 0.2 nm and total radii <= 100 nm")
    parts: dict[str, list[NDArray[Any]]] = {k: [] for k in (*_FIELDS, "alignment")}
    for start in range(0, t.shape[0], CHUNK):
        chunk = t[start : start + CHUNK]
        run = prepare_family(specs, medium, chunk, temperature_K, resolution_nm, calibrated)
        sol = solve_family(run.profile, run.thicknesses, estimate_error=estimate_error)
        gap = sol.electron_level - sol.hole_level
        if coulomb:
            total = coulomb_for(run, sol.faces, sol.phi_e, sol.phi_h).total
        else:
            total = np.zeros_like(gap)
        parts["electron_level"].append(sol.electron_level)
        parts["hole_level"].append(sol.hole_level)
        parts["exciton_energy"].append(gap + total)
        parts["binding_energy"].append(-total)
        parts["overlap"].append(sol.overlap)
        parts["electron_error"].append(sol.electron_error)
        parts["hole_error"].append(sol.hole_error)
        parts["core_probability_e"].append(sol.localization_e[:, 0])
        parts["core_probability_h"].append(sol.localization_h[:, 0])
        parts["alignment"].append(
            classify(
                sol.localization_e,
                sol.localization_h,
                sol.electron_level,
                sol.hole_level,
                run.profile.ec_layers,
                run.profile.ev_layers,
            )
        )
    arrays: dict[str, Any] = {k: np.concatenate(v) for k, v in parts.items()}
    return BatchResult(
        **arrays,
        details={
            "layers": [s.material for s in specs],
            "medium": medium,
            "temperature_K": temperature_K,
        },
    )


def solve_batch(
    structures: Sequence[SphericalQD | str],
    temperature_K: float = 300.0,
    *,
    resolution_nm: float = DEFAULT_RESOLUTION_NM,
    calibrated: bool = True,
    coulomb: bool = True,
) -> BatchResult:
    """Ground states of any structures, grouped by family and solved with :func:`sweep`."""
    qds = [SphericalQD.from_spec(s) if isinstance(s, str) else s for s in structures]
    if not qds:
        raise QdoptoError("no structures to solve")
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, qd in enumerate(qds):
        groups[family_of(qd)].append(i)
    n = len(qds)
    out: dict[str, Any] = {k: np.empty(n) for k in _FIELDS}
    out["alignment"] = np.empty(n, dtype="<U14")
    for (layers, medium), idx in groups.items():
        t = np.array([[layer.thickness_nm for layer in qds[i].layers] for i in idx])
        res = sweep(
            layers,
            t,
            medium,
            temperature_K,
            resolution_nm=resolution_nm,
            calibrated=calibrated,
            coulomb=coulomb,
        )
        for k in (*_FIELDS, "alignment"):
            out[k][idx] = getattr(res, k)
    return BatchResult(**out, details={"temperature_K": temperature_K})
