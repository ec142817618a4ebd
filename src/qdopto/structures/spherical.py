"""Spherical QD heterostructures: core, core/shell/..., graded layers, quantum shells.

Structures are immutable, validated on construction, hashable (so results can be cached and
sweeps deduplicated) and round-trip with the spec grammar of :mod:`qdopto.structures.spec`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qdopto.errors import QdoptoError, SpecError, ValidityWarning
from qdopto.materials import Material, default_database
from qdopto.materials.database import Database

#: The medium a colloidal QD sits in when a spec names none: the organic ligand shell of the
#: database (``materials show ligand`` gives its parameters and sources).
DEFAULT_MEDIUM = "ligand"

#: Smallest core radius accepted [nm]: below about half a lattice constant of any QD material
#: (0.4-0.7 nm, docs/materials.md) there is no crystal to speak of.
MIN_CORE_RADIUS_NM = 0.2
#: Largest radius accepted [nm]: 100 nm is far past the confinement regime (Bohr radii of the
#: materials in scope are <= ~60 nm, PbSe being the largest) and well into bulk behaviour.
MAX_RADIUS_NM = 100.0
#: Below this core radius [nm] effective-mass models are unreliable and a warning is issued
#: (atomistic calculations depart from effective-mass results by > 100 meV below ~1 nm, e.g.
#: Wang & Zunger, Phys. Rev. B 53, 9579 (1996), Fig. 6 for CdSe).
EFFECTIVE_MASS_MIN_RADIUS_NM = 1.0
#: Significant digits kept for lengths: enough for any physical length, and what makes the
#: spec string round-trip exactly.
LENGTH_DIGITS = 12


def canonical_length(value: float) -> float:
    """Round a length to :data:`LENGTH_DIGITS` significant digits (exact spec round-trip)."""
    return float(f"{value:.{LENGTH_DIGITS}g}")


def format_length(value: float) -> str:
    """The shortest spelling of a length that reads back to the same float."""
    return f"{value:.{LENGTH_DIGITS}g}"


@dataclass(frozen=True)
class Layer:
    """One layer of a spherical structure.

    Attributes
    ----------
    material : str
        Canonical material name (inner material, for a graded layer).
    thickness_nm : float
        Thickness [nm]; for the core (first layer) its radius.
    graded_to : str or None
        For a linearly graded layer: the material at its outer radius.
    """

    material: str
    thickness_nm: float
    graded_to: str | None = None

    @property
    def graded(self) -> bool:
        """Whether the composition varies linearly across the layer."""
        return self.graded_to is not None

    @property
    def label(self) -> str:
        """``CdSe`` or ``CdSe>ZnSe``."""
        return self.material if self.graded_to is None else f"{self.material}>{self.graded_to}"

    def spec(self) -> str:
        """The layer's spec fragment, e.g. ``CdS:1.5``."""
        return f"{self.label}:{format_length(self.thickness_nm)}"


@dataclass(frozen=True)
class SphericalQD:
    """A spherically symmetric QD: a core, shells, and the medium around it.

    Parameters
    ----------
    layers : tuple of Layer
        Core first; the core's ``thickness_nm`` is its radius.
    medium : str
        Material around the outermost layer (default: :data:`DEFAULT_MEDIUM`).

    Raises
    ------
    SpecError
        For unknown materials, non-positive, NaN or infinite thicknesses, a core radius below
        0.2 nm or a radius above 100 nm.

    Warns
    -----
    ValidityWarning
        For a core radius below 1 nm (effective-mass models are unreliable there).
    """

    layers: tuple[Layer, ...]
    medium: str = DEFAULT_MEDIUM
    _db: Database | None = field(default=None, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        db = self._db or default_database()
        layers = tuple(self.layers)
        if not layers:
            raise SpecError("a structure needs at least a core")
        out = []
        for i, layer in enumerate(layers):
            what = "core radius" if i == 0 else f"thickness of shell {i}"
            t = layer.thickness_nm
            if isinstance(t, bool) or not isinstance(t, int | float) or not math.isfinite(t):
                raise SpecError(f"{what} must be a finite number of nm, got {t!r}")
            if t <= 0:
                raise SpecError(f"{what} must be > 0 nm, got {t:g} nm")
            mat = _canonical(db, layer.material, what)
            grad = _canonical(db, layer.graded_to, what) if layer.graded_to is not None else None
            if grad == mat:
                grad = None
            out.append(Layer(mat, canonical_length(float(t)), grad))
        object.__setattr__(self, "layers", tuple(out))
        object.__setattr__(self, "medium", _canonical(db, self.medium, "medium"))
        core = self.layers[0].thickness_nm
        if core < MIN_CORE_RADIUS_NM:
            raise SpecError(
                f"core radius {core:g} nm is below {MIN_CORE_RADIUS_NM} nm: that is smaller than "
                "a unit cell; give the radius in nm (e.g. 'CdSe:2.0' or 'CdSe:20A')"
            )
        if self.total_radius_nm > MAX_RADIUS_NM:
            raise SpecError(
                f"total radius {self.total_radius_nm:g} nm exceeds {MAX_RADIUS_NM:g} nm, far "
                "outside quantum confinement; check the units (lengths are in nm unless written)"
            )
        if core < EFFECTIVE_MASS_MIN_RADIUS_NM:
            warnings.warn(
                f"core radius {core:g} nm is below {EFFECTIVE_MASS_MIN_RADIUS_NM:g} nm: "
                "effective-mass models are unreliable there",
                ValidityWarning,
                stacklevel=3,
            )

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_spec(cls, spec: str, *, database: Database | None = None) -> SphericalQD:
        """Parse a spec string such as ``"CdSe:2.0/CdS:1.5/ZnS:0.5|toluene"``."""
        from qdopto.structures.spec import parse_spec

        layers, medium = parse_spec(spec)
        return cls(layers=layers, medium=medium or DEFAULT_MEDIUM, _db=database)

    # ------------------------------------------------------------------ geometry
    @property
    def outer_radii_nm(self) -> np.ndarray:
        """Outer radius of every layer [nm]."""
        return np.cumsum([layer.thickness_nm for layer in self.layers])

    @property
    def inner_radii_nm(self) -> np.ndarray:
        """Inner radius of every layer [nm] (0 for the core)."""
        return np.concatenate([[0.0], self.outer_radii_nm[:-1]])

    @property
    def core_radius_nm(self) -> float:
        """Core radius [nm]."""
        return self.layers[0].thickness_nm

    @property
    def total_radius_nm(self) -> float:
        """Outer radius of the whole particle (without the medium) [nm]."""
        return float(sum(layer.thickness_nm for layer in self.layers))

    @property
    def diameter_nm(self) -> float:
        """Outer diameter [nm]."""
        return 2.0 * self.total_radius_nm

    @property
    def volume_nm3(self) -> float:
        """Volume of the whole particle, 4/3 pi R^3 [nm^3]."""
        return 4.0 / 3.0 * math.pi * self.total_radius_nm**3

    def layer_volumes_nm3(self) -> np.ndarray:
        """Volume of each layer [nm^3]."""
        ro, ri = self.outer_radii_nm, self.inner_radii_nm
        return np.asarray(4.0 / 3.0 * math.pi * (ro**3 - ri**3))

    # ------------------------------------------------------------------ naming
    @property
    def spec(self) -> str:
        """Normalised spec string (canonical names, lengths in nm, medium always written)."""
        return "/".join(layer.spec() for layer in self.layers) + f"|{self.medium}"

    def __str__(self) -> str:
        return self.spec

    def kind(self, temperature_K: float = 300.0) -> str:
        """``core``, ``core/shell``, ``core/multishell`` or ``quantum shell``.

        A quantum shell is a narrow-gap spherical layer between a wider-gap core and a
        wider-gap outer shell (e.g. CdS/CdSe/CdS; Cragg & Efros, Nano Lett. 10, 313 (2010)).
        Band gaps at ``temperature_K`` decide; graded layers use their inner material.
        """
        n = len(self.layers)
        if n == 1:
            return "core"
        if n >= 3:
            db = self._db or default_database()
            try:
                gaps = [
                    float(db.get(layer.material).bandgap(temperature_K))
                    for layer in self.layers[:3]
                ]
            except QdoptoError:
                gaps = []
            if gaps and gaps[0] > gaps[1] < gaps[2]:
                return "quantum shell"
        return "core/shell" if n == 2 else "core/multishell"

    def materials(self) -> list[Material]:
        """The distinct materials of the layers and the medium, inner to outer."""
        db = self._db or default_database()
        names: list[str] = []
        for layer in self.layers:
            names.append(layer.material)
            if layer.graded_to:
                names.append(layer.graded_to)
        names.append(self.medium)
        return [db.get(n) for n in dict.fromkeys(names)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description: spec, layers with inner/outer radii, radius, volume."""
        ri, ro = self.inner_radii_nm, self.outer_radii_nm
        return {
            "spec": self.spec,
            "kind": self.kind(),
            "layers": [
                {
                    "index": i,
                    "role": "core" if i == 0 else f"shell {i}",
                    "material": layer.material,
                    "graded_to": layer.graded_to,
                    "thickness_nm": layer.thickness_nm,
                    "inner_radius_nm": float(ri[i]),
                    "outer_radius_nm": float(ro[i]),
                }
                for i, layer in enumerate(self.layers)
            ],
            "medium": self.medium,
            "core_radius_nm": self.core_radius_nm,
            "total_radius_nm": self.total_radius_nm,
            "diameter_nm": self.diameter_nm,
            "volume_nm3": self.volume_nm3,
        }


def _canonical(db: Database, name: str, what: str) -> str:
    if not isinstance(name, str):
        raise SpecError(f"{what}: material must be a name, got {name!r}")
    return db.get(name).name
