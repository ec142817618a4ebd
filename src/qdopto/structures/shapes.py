"""Non-spherical QDs: nanorods, dot-in-rods, nanoplatelets and epitaxial (Stranski-Krastanov) dots.

Each shape is an immutable, validated, hashable description of geometry and materials, with

- ``regions``: the (role, material) of each region, the medium (or matrix) last;
- ``symmetry``: ``"axial"`` (solved on an (r, z) grid) or ``"none"`` (a 3D grid);
- ``classify_rz(r, z)`` / ``classify_xyz(x, y, z)``: the region index of points (the medium's
  index is ``len(regions) - 1``), which the solvers of :mod:`qdopto.electronic` rasterise;
- ``extent``: the box the particle occupies [nm];
- ``spec``: the normalised spec string (round-trips through :func:`parse_shape`).

Spec grammar (lengths in nm unless a unit is written, as in :mod:`qdopto.structures.spec`)::

    shape   := [ core "@" ] kind "(" material ( "," key "=" value )* ")" [ "|" medium ]
    core    := material ":" radius
    kind    := rod | platelet | lens | dome | cone | pyramid | disk

==================  ======================================================================
kind                keys
==================  ======================================================================
rod                 ``length``, ``radius`` [nm]; with a core: ``core_at`` (0-1, position
                    of the core centre along the rod; default 0.5)
platelet            ``ML`` (monolayers, integer), ``lateral=LxxLy`` [nm], optional
                    ``crown=Material:width`` [nm] and ``shell=Material:nML`` (or a length)
lens, dome, cone,   ``base`` (diameter, or side of the square base of a pyramid) and
pyramid, disk       ``height`` [nm], ``in=Matrix`` (default GaAs), ``wetting`` [nm] (default
                    0: no wetting layer)
==================  ======================================================================

Examples: ``rod(CdSe, length=20, radius=2)``; ``CdSe:1.5@rod(CdS, length=30, radius=2.5)``;
``platelet(CdSe, ML=4, lateral=20x8, crown=CdS:5, shell=CdS:2ML)``;
``lens(InAs, base=20, height=4, in=GaAs, wetting=0.5)``.

Geometry conventions
--------------------
- Rods are cylinders of radius R and length L along z (0 <= z <= L), the flat-ended model of
  seeded CdSe/CdS nanorods (e.g. Sitt, Della Sala, Menagen, Banin, Nano Lett. 9, 3470
  (2009)); a dot-in-rod's spherical core sits on the axis at z = core_at L.
- Platelets are rectangular cuboids: thickness along z (n monolayers of a/2 each, a the
  zinc-blende lattice constant, Ithurria et al., Nat. Mater. 10, 936 (2011)), lateral
  Lx x Ly; a crown of the same thickness surrounds the core laterally; a shell covers the
  whole (core + crown) on every face.
- Epitaxial dots stand on the plane z = 0 on top of a wetting layer (-w <= z <= 0) of the
  dot material that extends over the whole plane; the matrix fills the rest.
  *lens*: spherical cap of base diameter b and height h (Wojs, Hawrylak, Fafard, Jacak,
  Phys. Rev. B 54, 5604 (1996)); *dome*: half spheroid with semi-axes b/2, b/2, h;
  *cone*: circular cone; *pyramid*: square pyramid of side b (Grundmann, Stier, Bimberg,
  Phys. Rev. B 52, 11969 (1995)); *disk*: cylinder of diameter b and height h.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.errors import QdoptoError, SpecError, UnitError
from qdopto.materials import default_database
from qdopto.materials.database import Database
from qdopto.structures.spec import MAX_SPEC_LENGTH
from qdopto.structures.spherical import (
    DEFAULT_MEDIUM,
    MAX_RADIUS_NM,
    canonical_length,
    format_length,
)
from qdopto.units import parse_quantity

Array = NDArray[np.float64]
IntArray = NDArray[np.int_]

#: Default matrix of an epitaxial dot (the substrate and capping layer of InAs/GaAs dots).
DEFAULT_MATRIX = "GaAs"
#: Smallest length of any shape dimension [nm]: below a monolayer (~0.3 nm) there is no
#: crystal to speak of.
MIN_LENGTH_NM = 0.2
#: Largest platelet thickness in monolayers: beyond ~ 20 ML (~ 6 nm for CdSe) a platelet is a
#: thin film, far from the 2-8 ML of colloidal synthesis (Ithurria et al. 2011).
MAX_MONOLAYERS = 30
SHAPE_KINDS = ("rod", "platelet", "lens", "dome", "cone", "pyramid", "disk")
EPITAXIAL_KINDS = ("lens", "dome", "cone", "pyramid", "disk")
_SHAPE_RE = re.compile(r"^\s*(?:(?P<core>[^@()]+)@)?\s*(?P<kind>[A-Za-z]+)\s*\((?P<args>.*)\)\s*$")


_KIND_RE = re.compile(r"^\s*(?:[^@()]+@)?\s*(?:" + "|".join(SHAPE_KINDS) + r")\s*\(", re.IGNORECASE)


def is_shape_spec(spec: str) -> bool:
    """Whether a spec string names a non-spherical shape (``kind(...)``, not an alloy formula
    such as ``CsPb(Br0.5I0.5)3:5``).

    >>> is_shape_spec("CdSe:1.5@rod(CdS, length=30, radius=2.5)")
    True
    >>> is_shape_spec("CsPb(Br0.5I0.5)3:5")
    False
    """
    return isinstance(spec, str) and _KIND_RE.match(spec) is not None


def _canonical(db: Database, name: str, what: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise SpecError(f"{what}: material must be a name, got {name!r}")
    return db.get(name.strip()).name


def _zincblende(db: Database, name: str, what: str) -> str:
    """Canonical name, the zinc-blende polymorph ``<name>-zb`` where the database has one:
    colloidal platelets of CdSe, CdS and CdTe grow zinc blende (Ithurria et al. 2011)."""
    canonical = _canonical(db, name, what)
    mat = db.get(canonical)
    if mat.crystal_structure == "wurtzite" and f"{canonical}-zb" in db.names():
        return db.get(f"{canonical}-zb").name
    return canonical


def _length(value: float, what: str, *, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SpecError(f"{what} must be a finite number of nm, got {value!r}")
    if allow_zero and value == 0:
        return 0.0
    if value <= 0:
        raise SpecError(f"{what} must be > 0 nm, got {value:g} nm")
    if value < MIN_LENGTH_NM:
        raise SpecError(
            f"{what} must be at least {MIN_LENGTH_NM} nm (less than a monolayer), got "
            f"{value:g} nm; give lengths in nm (e.g. 'length=20') or with a unit ('length=200A')"
        )
    if value > 2 * MAX_RADIUS_NM:
        raise SpecError(
            f"{what} of {value:g} nm is far outside quantum confinement (> "
            f"{2 * MAX_RADIUS_NM:g} nm); check the units"
        )
    return canonical_length(float(value))


def check_monolayers(n_ml: object, what: str = "monolayers") -> int:
    """A positive whole number of monolayers (1-30), or a SpecError saying so."""
    if isinstance(n_ml, bool) or not isinstance(n_ml, int | np.integer) or int(n_ml) < 1:
        raise SpecError(
            f"{what} must be a positive integer number of monolayers, got {n_ml!r}; "
            "use e.g. 4 for a 4 ML platelet"
        )
    if int(n_ml) > MAX_MONOLAYERS:
        raise SpecError(f"{what} must be within 1-{MAX_MONOLAYERS} monolayers, got {n_ml}")
    return int(n_ml)


def cubic_lattice_constant_nm(material: str, database: Database | None = None) -> float:
    """Cubic (zinc-blende) lattice constant a [nm] of a material.

    A zinc-blende entry gives its ``lattice_a``; a wurtzite entry its zinc-blende equivalent
    sqrt(2) a_wz (the same bond length in both polytypes with the ideal c/a; e.g. CdSe:
    sqrt(2) 0.42999 = 0.6081 nm against 0.6077 nm measured for zinc-blende films, Samarth et
    al., Appl. Phys. Lett. 54, 2680 (1989)).

    Raises
    ------
    MissingParameterError
        Without a lattice constant.
    SpecError
        For other crystal structures (rock salt, perovskites ...).
    """
    db = database or default_database()
    mat = db.get(material)
    a = mat.at(300.0).get("lattice_a", needed_by="platelet thickness in monolayers")
    if mat.crystal_structure == "wurtzite":
        return math.sqrt(2.0) * a
    if mat.crystal_structure not in (None, "zincblende"):
        raise SpecError(
            f"material '{mat.name}' is {mat.crystal_structure}; platelet monolayers need a "
            "zinc-blende (or wurtzite, converted) material such as CdSe, CdS or CdTe"
        )
    return float(a)


def monolayer_thickness_nm(
    material: str,
    n_ml: int,
    database: Database | None = None,
    *,
    extra_cation_plane: bool = True,
) -> float:
    """Thickness of an n-monolayer zinc-blende (001) layer [nm].

    One monolayer is one cation plane plus one anion plane, a/2 along [001]. A colloidal
    core platelet is terminated by cation (Cd) planes on both faces: n anion and n + 1 cation
    planes (S. Ithurria et al., Nat. Mater. 10, 936 (2011); A. W. Achtstein et al., Nano Lett.
    12, 3151 (2012)). Each of its 2n + 1 planes is given a slab a/4 thick, so the core is
    n a/2 + a/4 thick (``extra_cation_plane=True``). Shell monolayers grown on a face add a/2
    each (``extra_cation_plane=False``), a the shell's own lattice constant.

    Parameters
    ----------
    material : str
        Material name or alias (:func:`cubic_lattice_constant_nm`).
    n_ml : int
        Number of monolayers (1-30).
    database : Database, optional
        Materials database (default: the shipped one).
    extra_cation_plane : bool
        Count the extra Cd plane of a Cd-terminated platelet.

    Examples
    --------
    >>> round(monolayer_thickness_nm("CdSe-zb", 4), 3)
    1.367
    """
    n = check_monolayers(n_ml)
    a = cubic_lattice_constant_nm(material, database)
    return n * a / 2.0 + (a / 4.0 if extra_cation_plane else 0.0)


@dataclass(frozen=True)
class _ShapeBase(ABC):
    """What every shape provides (``regions``, ``medium``, ``spec``, region volumes) and the
    views derived from it."""

    @property
    @abstractmethod
    def regions(self) -> tuple[tuple[str, str], ...]:
        """(role, material) of each region, the medium last."""

    @property
    @abstractmethod
    def medium(self) -> str:
        """Surrounding medium (matrix of an epitaxial dot)."""

    @property
    @abstractmethod
    def spec(self) -> str:
        """Normalised spec string."""

    @abstractmethod
    def region_volumes_nm3(self) -> Array:
        """Volume of each region of the particle [nm^3]."""

    def __str__(self) -> str:
        return self.spec

    @property
    def materials_in_particle(self) -> tuple[str, ...]:
        """Materials of the regions of the particle (without the medium)."""
        return tuple(m for _, m in self.regions[:-1])

    @property
    def volume_nm3(self) -> float:
        """Volume of the particle (all regions but the medium) [nm^3]."""
        return float(self.region_volumes_nm3().sum())

    def _common_dict(self) -> dict[str, Any]:
        """The keys every shape's ``to_dict`` shares: regions and volumes."""
        return {
            "regions": [
                {"index": i, "role": r, "material": m} for i, (r, m) in enumerate(self.regions)
            ],
            "region_volumes_nm3": self._volumes_by_role(),
            "volume_nm3": self.volume_nm3,
        }

    def _volumes_by_role(self) -> dict[str, float]:
        vols = self.region_volumes_nm3()
        return {role: float(v) for (role, _), v in zip(self.regions, vols, strict=False)}


# ---------------------------------------------------------------------------------- rods
@dataclass(frozen=True)
class Rod(_ShapeBase):
    """A cylindrical nanorod, optionally with a spherical core (a dot-in-rod).

    Parameters
    ----------
    material : str
        Rod material (the shell of a dot-in-rod).
    length_nm, radius_nm : float
        Rod length and radius [nm].
    core : str or None
        Core material of a dot-in-rod.
    core_radius_nm : float or None
        Core radius [nm] (required with ``core``).
    core_at : float
        Position of the core centre along the rod as a fraction of its length (0-1).
    medium : str
        Surrounding medium.

    Raises
    ------
    SpecError
        Unknown materials, non-positive or absurd lengths, a core wider than the rod or
        sticking out of its ends.
    """

    material: str
    length_nm: float
    radius_nm: float
    core: str | None = None
    core_radius_nm: float | None = None
    core_at: float = 0.5
    medium_name: str = DEFAULT_MEDIUM
    _db: Database | None = field(default=None, repr=False, compare=False, hash=False)

    symmetry = "axial"

    def __post_init__(self) -> None:
        db = self._db or default_database()
        object.__setattr__(self, "material", _canonical(db, self.material, "rod"))
        object.__setattr__(self, "medium_name", _canonical(db, self.medium_name, "medium"))
        object.__setattr__(self, "length_nm", _length(self.length_nm, "rod length"))
        object.__setattr__(self, "radius_nm", _length(self.radius_nm, "rod radius"))
        if self.core is None:
            if self.core_radius_nm is not None:
                raise SpecError("a core radius needs a core material (e.g. 'CdSe:1.5@rod(...)')")
            if self.core_at != 0.5:
                raise SpecError("core_at applies only to a dot-in-rod (a rod with a core)")
            return
        object.__setattr__(self, "core", _canonical(db, self.core, "core"))
        if self.core_radius_nm is None:
            raise SpecError("a dot-in-rod needs the core radius, e.g. 'CdSe:1.5@rod(...)'")
        rc = _length(self.core_radius_nm, "core radius")
        object.__setattr__(self, "core_radius_nm", rc)
        at = self.core_at
        if isinstance(at, bool) or not isinstance(at, int | float) or not 0 <= at <= 1:
            raise SpecError(f"core_at must be a fraction of the rod length within 0-1, got {at!r}")
        object.__setattr__(self, "core_at", canonical_length(float(at)))
        if rc > self.radius_nm:
            raise SpecError(
                f"the core (radius {rc:g} nm) is wider than the rod (radius {self.radius_nm:g} "
                "nm); make the rod radius at least the core radius"
            )
        zc = self.core_at * self.length_nm
        if zc - rc < -1e-12 or zc + rc > self.length_nm + 1e-12:
            raise SpecError(
                f"the core (radius {rc:g} nm, centre at {zc:g} nm) sticks out of the rod of "
                f"length {self.length_nm:g} nm; move it (core_at) or lengthen the rod"
            )

    @property
    def kind(self) -> str:
        """``rod`` or ``dot-in-rod``."""
        return "rod" if self.core is None else "dot-in-rod"

    @property
    def medium(self) -> str:
        return self.medium_name

    @property
    def regions(self) -> tuple[tuple[str, str], ...]:
        base = (
            (("rod", self.material),)
            if self.core is None
            else (
                ("core", self.core),
                ("rod", self.material),
            )
        )
        return (*base, ("medium", self.medium_name))

    @property
    def aspect_ratio(self) -> float:
        """Length over diameter."""
        return self.length_nm / (2.0 * self.radius_nm)

    @property
    def extent(self) -> tuple[float, float, float]:
        """(r_max, z_min, z_max) of the particle [nm]."""
        return self.radius_nm, 0.0, self.length_nm

    def classify_rz(self, r: Array, z: Array) -> IntArray:
        """Region index of points (r, z) [nm]."""
        inside = (r <= self.radius_nm) & (z >= 0.0) & (z <= self.length_nm)
        medium = len(self.regions) - 1
        out = np.where(inside, medium - 1, medium)
        if self.core is not None and self.core_radius_nm is not None:
            zc = self.core_at * self.length_nm
            out = np.where(r**2 + (z - zc) ** 2 <= self.core_radius_nm**2, 0, out)
        return np.asarray(out, dtype=np.int_)

    def surface_distance_rz(self, r: Array, z: Array) -> Array:
        """Distance [nm] from points inside the rod to its outer surface (0 outside)."""
        d = np.minimum(np.minimum(self.radius_nm - r, z), self.length_nm - z)
        return np.asarray(np.maximum(d, 0.0))

    def region_volumes_nm3(self) -> Array:
        rod = math.pi * self.radius_nm**2 * self.length_nm
        if self.core is None or self.core_radius_nm is None:
            return np.array([rod])
        core = 4.0 / 3.0 * math.pi * self.core_radius_nm**3
        return np.array([core, rod - core])

    @property
    def spec(self) -> str:
        args = f"length={format_length(self.length_nm)}, radius={format_length(self.radius_nm)}"
        head = ""
        if self.core is not None and self.core_radius_nm is not None:
            head = f"{self.core}:{format_length(self.core_radius_nm)}@"
            if self.core_at != 0.5:
                args += f", core_at={format_length(self.core_at)}"
        return f"{head}rod({self.material}, {args})|{self.medium_name}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "kind": self.kind,
            "material": self.material,
            "length_nm": self.length_nm,
            "radius_nm": self.radius_nm,
            "aspect_ratio": self.aspect_ratio,
            "core": self.core,
            "core_radius_nm": self.core_radius_nm,
            "core_at": self.core_at if self.core is not None else None,
            "medium": self.medium_name,
            **self._common_dict(),
        }


# ---------------------------------------------------------------------------------- platelets
@dataclass(frozen=True)
class Platelet(_ShapeBase):
    """A rectangular nanoplatelet: core, core/crown, core/shell or core/crown/shell.

    Parameters
    ----------
    material : str
        Core material. Platelets grow zinc blende: a wurtzite name is replaced by its
        ``-zb`` polymorph where the database has one (``CdSe`` -> ``CdSe-zb``); otherwise its
        zinc-blende lattice constant is derived (:func:`cubic_lattice_constant_nm`).
    monolayers : int
        Core thickness in monolayers (1-30).
    lateral_nm : (float, float)
        Lateral size Lx x Ly of the core [nm], Lx >= Ly after normalisation.
    crown : (str, float) or None
        Crown material and lateral width [nm] (same thickness as the core).
    shell : (str, int) or None
        Shell material and thickness in monolayers on every face.
    medium : str
        Surrounding medium.
    """

    material: str
    monolayers: int
    lateral_nm: tuple[float, float]
    crown: tuple[str, float] | None = None
    shell: tuple[str, int] | None = None
    medium_name: str = DEFAULT_MEDIUM
    _db: Database | None = field(default=None, repr=False, compare=False, hash=False)

    symmetry = "none"

    def __post_init__(self) -> None:
        db = self._db or default_database()
        object.__setattr__(self, "material", _zincblende(db, self.material, "platelet"))
        object.__setattr__(self, "medium_name", _canonical(db, self.medium_name, "medium"))
        object.__setattr__(self, "monolayers", check_monolayers(self.monolayers, "ML"))
        if len(self.lateral_nm) != 2:
            raise SpecError("lateral size needs two lengths, e.g. 'lateral=20x8'")
        lx, ly = (_length(v, "platelet lateral size") for v in self.lateral_nm)
        object.__setattr__(self, "lateral_nm", (max(lx, ly), min(lx, ly)))
        if self.crown is not None:
            cm, cw = self.crown
            if isinstance(cw, int | float) and not isinstance(cw, bool) and cw < 0:
                raise SpecError(f"crown width must be >= 0 nm, got {cw:g} nm")
            crown = (_zincblende(db, cm, "crown"), _length(cw, "crown width"))
            object.__setattr__(self, "crown", crown)
        if self.shell is not None:
            sm, n_shell = self.shell
            shell = (_zincblende(db, sm, "shell"), check_monolayers(n_shell, "shell thickness"))
            object.__setattr__(self, "shell", shell)
        # thicknesses must be computable: fail now, naming the material, if they are not
        core_nm = monolayer_thickness_nm(self.material, self.monolayers, db)
        shell_nm = (
            monolayer_thickness_nm(self.shell[0], self.shell[1], db, extra_cation_plane=False)
            if self.shell
            else 0.0
        )
        object.__setattr__(self, "_thickness", (core_nm, shell_nm))

    @property
    def kind(self) -> str:
        """``platelet``, ``core/crown``, ``core/shell`` or ``core/crown/shell`` platelet."""
        parts = ["core"] + (["crown"] if self.crown else []) + (["shell"] if self.shell else [])
        return "platelet" if len(parts) == 1 else "/".join(parts) + " platelet"

    @property
    def medium(self) -> str:
        return self.medium_name

    @property
    def thickness_nm(self) -> float:
        """Core thickness n a/2 + a/4 [nm] (:func:`monolayer_thickness_nm`)."""
        return float(self.__dict__["_thickness"][0])

    @property
    def crown_width_nm(self) -> float:
        return self.crown[1] if self.crown else 0.0

    @property
    def shell_thickness_nm(self) -> float:
        """Shell thickness on each face, its monolayers x a_shell/2 [nm]."""
        return float(self.__dict__["_thickness"][1])

    @property
    def regions(self) -> tuple[tuple[str, str], ...]:
        out = [("core", self.material)]
        if self.crown:
            out.append(("crown", self.crown[0]))
        if self.shell:
            out.append(("shell", self.shell[0]))
        out.append(("medium", self.medium_name))
        return tuple(out)

    @property
    def extent(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """(lo, hi) corners of the particle [nm], centred on the origin, z the thickness."""
        s, w = self.shell_thickness_nm, self.crown_width_nm
        hx = self.lateral_nm[0] / 2 + w + s
        hy = self.lateral_nm[1] / 2 + w + s
        hz = self.thickness_nm / 2 + s
        return (-hx, -hy, -hz), (hx, hy, hz)

    def classify_xyz(self, x: Array, y: Array, z: Array) -> IntArray:
        """Region index of points (x, y, z) [nm]."""
        lx, ly = self.lateral_nm
        t, w, s = self.thickness_nm, self.crown_width_nm, self.shell_thickness_nm
        ax, ay, az = np.abs(x), np.abs(y), np.abs(z)
        medium = len(self.regions) - 1
        out = np.full(np.broadcast(x, y, z).shape, medium, dtype=np.int_)
        if self.shell:
            shell = (ax <= lx / 2 + w + s) & (ay <= ly / 2 + w + s) & (az <= t / 2 + s)
            out[shell] = medium - 1
        if self.crown:
            out[(ax <= lx / 2 + w) & (ay <= ly / 2 + w) & (az <= t / 2)] = 1
        out[(ax <= lx / 2) & (ay <= ly / 2) & (az <= t / 2)] = 0
        return out

    def surface_distance_xyz(self, x: Array, y: Array, z: Array) -> Array:
        """Distance [nm] from points inside the platelet to its outer surface (0 outside)."""
        (_, _, _), (hx, hy, hz) = self.extent
        d = np.minimum(np.minimum(hx - np.abs(x), hy - np.abs(y)), hz - np.abs(z))
        return np.asarray(np.maximum(d, 0.0))

    def region_volumes_nm3(self) -> Array:
        lx, ly = self.lateral_nm
        t, w, s = self.thickness_nm, self.crown_width_nm, self.shell_thickness_nm
        core = lx * ly * t
        vols = [core]
        if self.crown:
            vols.append((lx + 2 * w) * (ly + 2 * w) * t - core)
        if self.shell:
            vols.append((lx + 2 * w + 2 * s) * (ly + 2 * w + 2 * s) * (t + 2 * s) - sum(vols))
        return np.array(vols)

    @property
    def spec(self) -> str:
        lx, ly = self.lateral_nm
        args = f"ML={self.monolayers}, lateral={format_length(lx)}x{format_length(ly)}"
        if self.crown:
            args += f", crown={self.crown[0]}:{format_length(self.crown[1])}"
        if self.shell:
            args += f", shell={self.shell[0]}:{self.shell[1]}ML"
        return f"platelet({self.material}, {args})|{self.medium_name}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "kind": self.kind,
            "material": self.material,
            "monolayers": self.monolayers,
            "thickness_nm": self.thickness_nm,
            "lateral_nm": list(self.lateral_nm),
            "crown": {"material": self.crown[0], "width_nm": self.crown[1]} if self.crown else None,
            "shell": (
                {
                    "material": self.shell[0],
                    "monolayers": self.shell[1],
                    "thickness_nm": self.shell_thickness_nm,
                }
                if self.shell
                else None
            ),
            "medium": self.medium_name,
            **self._common_dict(),
        }


# ---------------------------------------------------------------------------------- epitaxial
@dataclass(frozen=True)
class EpitaxialDot(_ShapeBase):
    """A self-assembled (Stranski-Krastanov) dot in a matrix, on a wetting layer.

    Parameters
    ----------
    shape : str
        ``lens``, ``dome``, ``cone``, ``pyramid`` or ``disk``.
    material : str
        Dot (and wetting-layer) material, e.g. ``InAs`` or ``In0.5Ga0.5As``.
    base_nm : float
        Base diameter (the side of the square base for a pyramid) [nm].
    height_nm : float
        Height above the wetting layer [nm].
    matrix : str
        Surrounding crystal (barrier and substrate), default GaAs.
    wetting_nm : float
        Wetting-layer thickness [nm] (0: none).
    """

    shape: str
    material: str
    base_nm: float
    height_nm: float
    matrix: str = DEFAULT_MATRIX
    wetting_nm: float = 0.0
    _db: Database | None = field(default=None, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        db = self._db or default_database()
        if self.shape not in EPITAXIAL_KINDS:
            raise SpecError(
                f"unknown epitaxial dot shape '{self.shape}'; known: {', '.join(EPITAXIAL_KINDS)}"
            )
        object.__setattr__(self, "material", _canonical(db, self.material, "dot"))
        object.__setattr__(self, "matrix", _canonical(db, self.matrix, "matrix"))
        object.__setattr__(self, "base_nm", _length(self.base_nm, "base"))
        object.__setattr__(self, "height_nm", _length(self.height_nm, "height"))
        w = _length(self.wetting_nm, "wetting-layer thickness", allow_zero=True)
        object.__setattr__(self, "wetting_nm", w)
        if self.shape == "lens" and self.height_nm > self.base_nm / 2:
            raise SpecError(
                f"a lens (spherical cap) is at most a hemisphere: height {self.height_nm:g} nm "
                f"> base/2 = {self.base_nm / 2:g} nm; use 'dome' for taller dots"
            )
        if self.material == self.matrix:
            raise SpecError(f"the dot and its matrix are both {self.material}: nothing confines")

    @property
    def symmetry(self) -> str:
        return "none" if self.shape == "pyramid" else "axial"

    @property
    def kind(self) -> str:
        return self.shape

    @property
    def medium(self) -> str:
        return self.matrix

    @property
    def regions(self) -> tuple[tuple[str, str], ...]:
        dot = (("dot", self.material),)
        wl = (("wetting", self.material),) if self.wetting_nm > 0 else ()
        return (*dot, *wl, ("matrix", self.matrix))

    @property
    def extent(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """(lo, hi) corners of the dot and the wetting layer under it [nm]."""
        a = self.base_nm / 2
        return (-a, -a, -self.wetting_nm), (a, a, self.height_nm)

    def _in_dot(self, rho2: Array | None, x: Array | None, y: Array | None, z: Array) -> Any:
        a, h = self.base_nm / 2, self.height_nm
        above = (z >= 0) & (z <= h)
        if self.shape == "pyramid":
            if x is None or y is None:
                raise QdoptoError("internal error: a pyramid needs x and y")
            half = a * (1 - z / h)
            return above & (np.abs(x) <= half) & (np.abs(y) <= half)
        if rho2 is None:
            raise QdoptoError("internal error: an axial shape needs r")
        if self.shape == "lens":
            rs = (a * a + h * h) / (2 * h)  # sphere radius of the cap
            return above & (rho2 + (z - (h - rs)) ** 2 <= rs * rs)
        if self.shape == "dome":
            return above & (rho2 / (a * a) + (z / h) ** 2 <= 1.0)
        if self.shape == "cone":
            return above & (np.sqrt(rho2) <= a * (1 - z / h))
        return above & (rho2 <= a * a)  # disk

    def _classify(self, inside: Any, z: Array) -> IntArray:
        matrix = len(self.regions) - 1
        out = np.where(inside, 0, matrix)
        if self.wetting_nm > 0:
            out = np.where((z >= -self.wetting_nm) & (z < 0), 1, out)
        return np.asarray(out, dtype=np.int_)

    def classify_rz(self, r: Array, z: Array) -> IntArray:
        """Region index of points (r, z) [nm] (axially symmetric shapes)."""
        if self.shape == "pyramid":
            raise QdoptoError("a pyramid has no axial symmetry; use classify_xyz")
        return self._classify(self._in_dot(r * r, None, None, z), z)

    def classify_xyz(self, x: Array, y: Array, z: Array) -> IntArray:
        """Region index of points (x, y, z) [nm]."""
        return self._classify(self._in_dot(x * x + y * y, x, y, z), z)

    def region_volumes_nm3(self) -> Array:
        """Volume of the dot [nm^3] (the wetting layer is infinite and left out)."""
        a, h = self.base_nm / 2, self.height_nm
        vol = {
            "lens": math.pi * h * (3 * a * a + h * h) / 6,  # spherical cap
            "dome": 2.0 / 3.0 * math.pi * a * a * h,  # half spheroid
            "cone": math.pi * a * a * h / 3,
            "pyramid": self.base_nm**2 * h / 3,
            "disk": math.pi * a * a * h,
        }[self.shape]
        return np.array([vol])

    @property
    def spec(self) -> str:
        args = f"base={format_length(self.base_nm)}, height={format_length(self.height_nm)}"
        args += f", in={self.matrix}"
        if self.wetting_nm > 0:
            args += f", wetting={format_length(self.wetting_nm)}"
        return f"{self.shape}({self.material}, {args})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "kind": self.shape,
            "material": self.material,
            "base_nm": self.base_nm,
            "height_nm": self.height_nm,
            "aspect_ratio": self.height_nm / self.base_nm,
            "matrix": self.matrix,
            "wetting_nm": self.wetting_nm,
            **self._common_dict(),
        }


Shape = Rod | Platelet | EpitaxialDot


# ---------------------------------------------------------------------------------- parsing
def _split_args(args: str, spec: str) -> tuple[str, dict[str, str]]:
    parts = [p.strip() for p in args.split(",")]
    if not parts or not parts[0]:
        raise SpecError(f"'{spec}': the material comes first inside the parentheses")
    if "=" in parts[0]:
        raise SpecError(f"'{spec}': the first argument is the material, e.g. 'rod(CdSe, ...)'")
    keys: dict[str, str] = {}
    for p in parts[1:]:
        if "=" not in p:
            raise SpecError(f"'{spec}': '{p}' is not key=value (e.g. 'length=20')")
        k, _, v = p.partition("=")
        k, v = k.strip(), v.strip()
        if not k or not v:
            raise SpecError(f"'{spec}': '{p}' needs both a key and a value")
        if k in keys:
            raise SpecError(f"'{spec}': '{k}' given twice")
        keys[k] = v
    return parts[0], keys


def _take_length(keys: dict[str, str], key: str, spec: str, default: float | None = None) -> float:
    if key not in keys:
        if default is not None:
            return default
        raise SpecError(f"'{spec}': missing '{key}=' (a length in nm)")
    try:
        return parse_quantity(keys.pop(key), "nm", what=f"'{key}' of '{spec}'")
    except UnitError as exc:
        raise SpecError(str(exc)) from None


def _check_known(keys: dict[str, str], kind: str, allowed: str, spec: str) -> None:
    if keys:
        raise SpecError(
            f"'{spec}': unknown key(s) {', '.join(sorted(keys))} for {kind}; known: {allowed}"
        )


def _material_length(text: str, what: str, spec: str) -> tuple[str, str]:
    name, sep, value = text.rpartition(":")
    if not sep or not name.strip() or not value.strip():
        raise SpecError(f"'{spec}': {what} must be 'Material:size', e.g. 'CdS:5'")
    return name.strip(), value.strip()


def parse_shape(spec: str, *, database: Database | None = None) -> Shape:
    """Parse a shape spec such as ``"CdSe:1.5@rod(CdS, length=30, radius=2.5)|toluene"``.

    Raises
    ------
    SpecError
        With the offending fragment and the expected form.

    Examples
    --------
    >>> parse_shape("rod(CdSe, length=20, radius=2)").spec
    'rod(CdSe, length=20, radius=2)|ligand'
    >>> parse_shape("lens(InAs, base=20, height=4, in=GaAs, wetting=0.5)").spec
    'lens(InAs, base=20, height=4, in=GaAs, wetting=0.5)'
    """
    if not isinstance(spec, str):
        raise SpecError(f"a spec must be a string, got {type(spec).__name__}")
    text = spec.strip()
    if len(text) > MAX_SPEC_LENGTH:
        raise SpecError(f"spec longer than {MAX_SPEC_LENGTH} characters")
    body, bar, medium = text.partition("|")
    medium = medium.strip()
    if bar and not medium:
        raise SpecError(f"'{spec}': no medium after '|' (e.g. '|toluene')")
    m = _SHAPE_RE.match(body)
    if m is None:
        raise SpecError(
            f"'{spec}': expected kind(material, key=value, ...), e.g. "
            "'rod(CdSe, length=20, radius=2)' or 'CdSe:1.5@rod(CdS, length=30, radius=2.5)'"
        )
    kind = m.group("kind").lower()
    if kind not in SHAPE_KINDS:
        raise SpecError(f"'{spec}': unknown shape '{kind}'; known: {', '.join(SHAPE_KINDS)}")
    material, keys = _split_args(m.group("args"), spec)
    core_text = m.group("core")
    if core_text is not None and kind != "rod":
        raise SpecError(f"'{spec}': a core ('X:r@') is only for dot-in-rods ('X:r@rod(...)')")
    if kind == "rod":
        length = _take_length(keys, "length", spec)
        radius = _take_length(keys, "radius", spec)
        core = core_r = None
        at = 0.5
        if core_text is not None:
            core, r_text = _material_length(core_text, "the core", spec)
            try:
                core_r = parse_quantity(r_text, "nm", what=f"core radius of '{spec}'")
            except UnitError as exc:
                raise SpecError(str(exc)) from None
            if "core_at" in keys:
                try:
                    at = float(keys.pop("core_at"))
                except ValueError:
                    raise SpecError(f"'{spec}': core_at must be a number within 0-1") from None
        _check_known(keys, "rod", "length, radius, core_at (with a core)", spec)
        return Rod(
            material, length, radius, core, core_r, at, medium or DEFAULT_MEDIUM, _db=database
        )
    if kind == "platelet":
        ml_key = next((k for k in keys if k.lower() == "ml"), None)
        if ml_key is None:
            raise SpecError(f"'{spec}': missing 'ML=' (thickness in monolayers, e.g. ML=4)")
        try:
            ml = float(keys.pop(ml_key))
        except ValueError:
            raise SpecError(f"'{spec}': ML must be a whole number of monolayers") from None
        if "lateral" not in keys:
            raise SpecError(f"'{spec}': missing 'lateral=LxxLy' (nm), e.g. 'lateral=20x8'")
        lat = re.split(r"\s*[x×*]\s*", keys.pop("lateral"))
        if len(lat) != 2:
            raise SpecError(f"'{spec}': lateral size must be two lengths, e.g. 'lateral=20x8'")
        try:
            lateral = tuple(parse_quantity(v, "nm", what="lateral size") for v in lat)
        except UnitError as exc:
            raise SpecError(str(exc)) from None
        crown = shell = None
        if "crown" in keys:
            cm, cv = _material_length(keys.pop("crown"), "the crown", spec)
            try:
                crown = (cm, parse_quantity(cv, "nm", what="crown width"))
            except UnitError as exc:
                raise SpecError(str(exc)) from None
        if "shell" in keys:
            sm, sv = _material_length(keys.pop("shell"), "the shell", spec)
            if not sv.upper().endswith("ML"):
                raise SpecError(
                    f"'{spec}': a platelet shell is given in monolayers, e.g. 'shell=CdS:2ML'"
                )
            try:
                n_shell = float(sv[:-2])
            except ValueError:
                raise SpecError(f"'{spec}': shell thickness must be e.g. 'CdS:2ML'") from None
            if not n_shell.is_integer():
                raise SpecError(f"'{spec}': shell monolayers must be a whole number")
            shell = (sm, int(n_shell))
        _check_known(keys, "platelet", "ML, lateral, crown, shell", spec)
        if not float(ml).is_integer():
            raise SpecError(f"ML must be a whole number of monolayers, got {ml:g}")
        return Platelet(
            material,
            int(ml),
            (lateral[0], lateral[1]),
            crown,
            shell,
            medium or DEFAULT_MEDIUM,
            _db=database,
        )
    if medium:
        raise SpecError(f"'{spec}': an epitaxial dot names its matrix with 'in=', not '|'")
    base = _take_length(keys, "base", spec)
    height = _take_length(keys, "height", spec)
    wetting = _take_length(keys, "wetting", spec, default=0.0)
    matrix = keys.pop("in", DEFAULT_MATRIX)
    _check_known(keys, kind, "base, height, in, wetting", spec)
    return EpitaxialDot(kind, material, base, height, matrix, wetting, _db=database)
