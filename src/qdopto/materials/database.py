"""The materials database: lookup by name, alias or alloy formula; listing; search.

The default database is built from the TOML files shipped in ``qdopto/materials/data`` on first
use. Users can add their own files with :func:`load_database`.
"""

from __future__ import annotations

import difflib
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import (
    CompositionError,
    MaterialDataError,
    MissingParameterError,
    QdoptoWarning,
    UnknownMaterialError,
)
from qdopto.materials.dispersion import DispersionModel
from qdopto.materials.formula import format_amount, parse_formula
from qdopto.materials.loader import AlloyFamily, DataFile, load_file
from qdopto.materials.material import Material, Parameter, ResolvedMaterial
from qdopto.materials.parameters import TEMPERATURE_MODEL_PARAMETERS

_NOT_INTERPOLATED = {p for ps in TEMPERATURE_MODEL_PARAMETERS.values() for p in ps} | {
    "electron_affinity",
    "ionization_energy",
    "work_function",
}
_TOL = 1e-6
#: Compositions are kept to 6 decimals (1 ppm): finer than any synthesis controls, and what
#: makes alloy names round-trip exactly.
COMPOSITION_DECIMALS = 6


@dataclass(frozen=True, kw_only=True)
class AlloyMaterial(Material):
    """A material interpolated between two others: an alloy of a family, or a graded mix.

    Parameters follow P(x) = x P_A + (1 - x) P_B - b x (1 - x), with the family's bowing
    parameter b where published and b = 0 (Vegard's law) otherwise; each interpolated parameter
    records which was used [I. Vurgaftman, J. R. Meyer, L. R. Ram-Mohan, J. Appl. Phys. 89, 5815
    (2001), Eq. (4.1)]. The band gap bows at every temperature and the valence-band edge with
    the family's ``Ev`` bowing (same reference, Sec. IV).
    """

    x: float
    endpoint_a: Material
    endpoint_b: Material
    family: AlloyFamily | None = None

    def _bow(self, key: str) -> float:
        if self.family is not None and key in self.family.bowing:
            return self.family.bowing[key].value
        return 0.0

    def bandgap(self, temperature_K: ArrayLike) -> NDArray[np.float64]:
        x = self.x
        ga = self.endpoint_a.bandgap(temperature_K)
        gb = self.endpoint_b.bandgap(temperature_K)
        return np.asarray(x * ga + (1 - x) * gb - self._bow("Eg") * x * (1 - x), dtype=float)

    def valence_band_edge(self) -> float:
        x = self.x
        va = self.endpoint_a.valence_band_edge()
        vb = self.endpoint_b.valence_band_edge()
        return x * va + (1 - x) * vb - self._bow("Ev") * x * (1 - x)

    def has_band_edges(self) -> bool:
        return self.endpoint_a.has_band_edges() and self.endpoint_b.has_band_edges()

    def at(self, temperature_K: float = 300.0) -> ResolvedMaterial:
        """Resolve at a temperature; values the endpoints only *derive* at T (such as a hole
        mass from Luttinger parameters) are interpolated linearly too, and say so."""
        base = super().at(temperature_K)
        ra, rb = self.endpoint_a.at(temperature_K), self.endpoint_b.at(temperature_K)
        values, sources = dict(base.values), dict(base.sources)
        x = self.x
        for key in sorted((set(ra.values) & set(rb.values)) - set(values)):
            values[key] = x * ra[key] + (1 - x) * rb[key]
            sources[key] = (
                f"interpolated linearly (Vegard) at x = {x:g} between {ra.name} "
                f"({ra.sources.get(key, '')}) and {rb.name} "
                f"({rb.sources.get(key, '')})"
            )
        return ResolvedMaterial(
            self.name, base.temperature_K, MappingProxyType(values), MappingProxyType(sources)
        )


def _alloy_parameters(
    a: Material, b: Material, x: float, family: AlloyFamily | None
) -> dict[str, Parameter]:
    out: dict[str, Parameter] = {}
    for key in sorted(set(a.parameters) & set(b.parameters) - _NOT_INTERPOLATED):
        pa, pb = a.parameters[key], b.parameters[key]
        bow = family.bowing.get(key) if family is not None else None
        bval = bow.value if bow is not None else 0.0
        value = x * pa.value + (1 - x) * pb.value - bval * x * (1 - x)
        how = (
            f"bowing b = {bval:g} {pa.unit} ({bow.source})"
            if bow is not None
            else "linear (Vegard, no published bowing in the database)"
        )
        out[key] = Parameter(
            name=key,
            value=value,
            unit=pa.unit,
            source=f"interpolated x = {x:g} between {a.name} ({pa.source}) and {b.name} "
            f"({pb.source}); {how}",
            given=f"{value:.6g} {pa.unit}",
        )
    return out


def _mixed_dispersion(a: Material, b: Material, x: float, name: str) -> DispersionModel | None:
    ra, rb = a.refractive_index, b.refractive_index
    if ra is None or rb is None:
        return None
    lo, hi = max(ra.range_nm[0], rb.range_nm[0]), min(ra.range_nm[1], rb.range_nm[1])
    if lo >= hi:
        return None
    lam = np.linspace(lo, hi, 256)
    nk = x * ra.nk(lam) + (1 - x) * rb.nk(lam)
    return DispersionModel(
        model="table",
        coefficients=MappingProxyType(
            {"wavelength_nm": lam.tolist(), "n": nk.real.tolist(), "k": nk.imag.tolist()}
        ),
        range_nm=(float(lo), float(hi)),
        source=f"linear interpolation of n and k between {a.name} ({ra.source}) and "
        f"{b.name} ({rb.source})",
        note="approximate: ignores the shift of the absorption edge with composition",
        material=name,
    )


@dataclass
class Database:
    """A set of materials and alloy families read from validated data files.

    Parameters
    ----------
    files : sequence of DataFile
        Validated data files; names and aliases must be unique across them.
    """

    files: Sequence[DataFile]
    materials: dict[str, Material] = field(init=False)
    families: dict[str, AlloyFamily] = field(init=False)
    _alias: dict[str, str] = field(init=False, repr=False)
    _cache: dict[tuple[str, float], Material] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.materials, self.families, self._alias, self._cache = {}, {}, {}, {}
        problems: list[str] = []
        for df in self.files:
            for name, mat in df.materials.items():
                if name in self.materials:
                    problems.append(
                        f"material '{name}' is defined in both "
                        f"{self.materials[name].file} and {df.path}"
                    )
                self.materials[name] = mat
            for name, fam in df.alloys.items():
                if name in self.families:
                    problems.append(f"alloy '{name}' is defined twice ({df.path})")
                self.families[name] = fam
        for name, mat in self.materials.items():
            for alias in (name, *mat.aliases):
                key = alias.lower()
                if key in self._alias and self._alias[key] != name:
                    problems.append(
                        f"alias '{alias}' of '{name}' is already used by '{self._alias[key]}'"
                    )
                self._alias[key] = name
        for fam in self.families.values():
            for end in fam.endpoints:
                if end not in self.materials:
                    problems.append(
                        f"alloy '{fam.name}' ({fam.file}): endpoint '{end}' is not "
                        "a material of the database"
                    )
        if problems:
            raise MaterialDataError("; ".join(problems))

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path]) -> Database:
        """Build a database from data files (each validated)."""
        return cls([load_file(p) for p in paths])

    # ------------------------------------------------------------------ listing
    def names(self, category: str | None = None) -> list[str]:
        """Names of the stored materials (optionally of one category), sorted."""
        return sorted(
            n for n, m in self.materials.items() if category is None or m.category == category
        )

    def search(self, text: str) -> list[Material]:
        """Materials whose name, alias, formula, category or description contains ``text``."""
        t = text.lower()
        out = []
        for name in self.names():
            m = self.materials[name]
            hay = " ".join([name, *m.aliases, m.formula or "", m.category, m.description]).lower()
            if t in hay:
                out.append(m)
        return out

    # ------------------------------------------------------------------ lookup
    def get(self, name: str) -> Material:
        """Return a material by name, alias (case-insensitive) or alloy formula.

        Raises
        ------
        UnknownMaterialError
            With the closest known names as suggestions.
        CompositionError
            For an alloy formula whose composition is outside [0, 1] or does not add up.
        """
        if not isinstance(name, str) or not name.strip():
            raise UnknownMaterialError("material name is empty")
        name = name.strip()
        if name in self.materials:
            return self.materials[name]
        canon = self._alias.get(name.lower())
        if canon is not None:
            return self.materials[canon]
        match = self._match_formula(name)
        if match is not None:
            fam, x = match
            return self.alloy(fam.name, x)
        raise UnknownMaterialError(self._unknown_message(name))

    def _unknown_message(self, name: str) -> str:
        choices = {k: v for k, v in self._alias.items()}
        close = difflib.get_close_matches(name.lower(), list(choices), n=3, cutoff=0.6)
        names = list(dict.fromkeys(choices[c] for c in close))
        if names:
            return f"unknown material '{name}'; did you mean {' or '.join(names)}?"
        return (
            f"unknown material '{name}'; run 'qdopto materials list' for the known names "
            f"(alloys as formulas of the families {', '.join(sorted(self.families))})"
        )

    def _formula(self, mat: Material) -> dict[str, float]:
        return parse_formula(mat.formula or mat.name)

    def _match_formula(self, text: str) -> tuple[AlloyFamily, float] | None:
        try:
            comp = parse_formula(text)
        except CompositionError:
            return None
        for fam in self.families.values():
            a, b = (self.materials[e] for e in fam.endpoints)
            try:
                fa, fb = self._formula(a), self._formula(b)
            except CompositionError:
                continue
            a_only = [e for e in fa if e not in fb]
            b_only = [e for e in fb if e not in fa]
            common = [e for e in fa if e in fb]
            if not a_only or not b_only or set(comp) - set(fa) - set(fb):
                continue
            if any(abs(fa[e] - fb[e]) > _TOL for e in common):
                continue
            total = sum(fa[e] for e in a_only)
            if abs(total - sum(fb[e] for e in b_only)) > _TOL:
                continue
            if not all(abs(comp.get(e, -1.0) - fa[e]) <= _TOL for e in common):
                continue
            for e in (*a_only, *b_only):
                v = comp.get(e, 0.0)
                if v < 0:
                    raise CompositionError(
                        f"'{text}': the amount of {e} is {v:g}; alloy compositions must lie "
                        "in [0, 1]"
                    )
            sa = sum(comp.get(e, 0.0) for e in a_only)
            sb = sum(comp.get(e, 0.0) for e in b_only)
            if abs(sa + sb - total) > 1e-4:
                site = "+".join(a_only + b_only)
                raise CompositionError(
                    f"'{text}': the amounts of {site} add up to {sa + sb:g} but must add up to "
                    f"{total:g} (composition x in [0, 1], e.g. "
                    f"{self._alloy_name(fa, fb, 0.5)})"
                )
            x = sa / total
            if len(a_only) > 1 and any(abs(comp.get(e, 0.0) - x * fa[e]) > 1e-4 for e in a_only):
                continue
            return fam, x
        return None

    @staticmethod
    def _alloy_name(fa: dict[str, float], fb: dict[str, float], x: float) -> str:
        parts: list[str] = []
        a_only = [e for e in fa if e not in fb]
        b_only = [e for e in fb if e not in fa]
        for e in fa:
            if e in fb:
                parts.append(e + format_amount(fa[e]))
            else:
                parts.append(e + format_amount(x * fa[e]))
                if e == a_only[-1]:
                    parts.extend(f + format_amount((1 - x) * fb[f]) for f in b_only)
        return "".join(parts)

    def alloy(self, family: str, x: float) -> Material:
        """Alloy of a family at composition x (fraction of the first endpoint).

        Parameters
        ----------
        family : str
            Family name, e.g. ``"CdZnSe"``.
        x : float
            Composition in [0, 1]; x = 1 is the first endpoint.
        """
        if family not in self.families:
            raise UnknownMaterialError(
                f"unknown alloy family '{family}'; known: {', '.join(sorted(self.families))}"
            )
        if not (isinstance(x, int | float) and math.isfinite(x) and 0.0 <= x <= 1.0):
            raise CompositionError(f"alloy {family}: composition x = {x} is outside [0, 1]")
        fam = self.families[family]
        a, b = (self.materials[e] for e in fam.endpoints)
        x = round(float(x), COMPOSITION_DECIMALS)
        if x >= 1.0:
            return a
        if x <= 0.0:
            return b
        key = (family, x)
        if key not in self._cache:
            name = self._alloy_name(self._formula(a), self._formula(b), x)
            self._cache[key] = self._interpolate(a, b, x, name, fam)
        return self._cache[key]

    def _interpolate(
        self, a: Material, b: Material, x: float, name: str, fam: AlloyFamily | None
    ) -> Material:
        desc = (
            f"{fam.description or fam.name}, x = {x:g}"
            if fam is not None
            else f"linear mix of {x:g} {a.name} and {1 - x:g} {b.name}"
        )
        return AlloyMaterial(
            name=name,
            category=a.category,
            description=desc,
            formula=name if fam else None,
            crystal_structure=a.crystal_structure
            if a.crystal_structure == b.crystal_structure
            else None,
            gap_type=a.gap_type if a.gap_type == b.gap_type else None,
            bandgap_temperature_model="interpolated",
            parameters=MappingProxyType(_alloy_parameters(a, b, x, fam)),
            refractive_index=_mixed_dispersion(a, b, x, name),
            notes="alloy parameters interpolated between the endpoints (docs/materials.md)",
            file=fam.file if fam else "",
            x=x,
            endpoint_a=a,
            endpoint_b=b,
            family=fam,
        )

    def family_of(self, mat: Material) -> tuple[AlloyFamily, float] | None:
        """The alloy family a material belongs to and its x, if any (endpoints included)."""
        if isinstance(mat, AlloyMaterial) and mat.family is not None:
            return mat.family, mat.x
        for fam in self.families.values():
            if mat.name == fam.endpoints[0]:
                return fam, 1.0
            if mat.name == fam.endpoints[1]:
                return fam, 0.0
        return None

    def linked(self, a: Material, b: Material) -> AlloyFamily | None:
        """The alloy family joining two materials, if one does."""
        for fam in self.families.values():
            names = set(fam.endpoints)
            ok = all(
                m.name in names
                or (
                    isinstance(m, AlloyMaterial)
                    and m.family is not None
                    and m.family.name == fam.name
                )
                for m in (a, b)
            )
            if ok:
                return fam
        return None

    def mix(self, a: str | Material, b: str | Material, f: float) -> Material:
        """Material a fraction ``f`` of the way from ``a`` (f = 0) to ``b`` (f = 1).

        Used for linearly graded layers. Along an alloy family the composition x is interpolated
        (so published bowing applies); between materials no family links, parameters are
        interpolated linearly and a :class:`~qdopto.errors.QdoptoWarning` says so.
        """
        ma = a if isinstance(a, Material) else self.get(a)
        mb = b if isinstance(b, Material) else self.get(b)
        if not (math.isfinite(f) and 0.0 <= f <= 1.0):
            raise CompositionError(f"grading fraction f = {f} is outside [0, 1]")
        fam = self.linked(ma, mb)
        if fam is not None:
            xa = self._x_in(fam, ma)
            xb = self._x_in(fam, mb)
            return self.alloy(fam.name, (1 - f) * xa + f * xb)
        if f <= 1e-9:
            return ma
        if f >= 1 - 1e-9:
            return mb
        warnings.warn(
            f"no alloy family joins {ma.name} and {mb.name}: the graded layer's parameters are "
            "interpolated linearly (Vegard's law, no bowing)",
            QdoptoWarning,
            stacklevel=2,
        )
        key = (f"{ma.name}>{mb.name}", round(float(f), 9))
        if key not in self._cache:
            name = f"{1 - f:.4g}*{ma.name}+{f:.4g}*{mb.name}"
            self._cache[key] = self._interpolate(ma, mb, 1 - f, name, None)
        return self._cache[key]

    def _x_in(self, fam: AlloyFamily, mat: Material) -> float:
        if mat.name == fam.endpoints[0]:
            return 1.0
        if mat.name == fam.endpoints[1]:
            return 0.0
        if isinstance(mat, AlloyMaterial):
            return mat.x
        raise MissingParameterError(f"{mat.name} is not in alloy family {fam.name}")


def data_files() -> list[Path]:
    """The data files shipped with qdopto, sorted by name."""
    root = resources.files("qdopto.materials") / "data"
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith(".toml"))


@cache
def default_database() -> Database:
    """The database of the shipped data files (built once, on first use)."""
    return Database.from_paths(data_files())


def load_database(*extra: str | Path, include_default: bool = True) -> Database:
    """A database of the shipped files (unless ``include_default=False``) plus ``extra`` files."""
    paths: list[str | Path] = list(data_files()) if include_default else []
    paths.extend(extra)
    return Database.from_paths(paths)
