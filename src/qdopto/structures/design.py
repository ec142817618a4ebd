"""Design files: TOML files naming one or more QD structures, validated by a pydantic schema.

::

    [design]
    name = "red CdSe/CdS"
    temperature = "300 K"          # optional, default 300 K
    notes = "..."

    [[structures]]
    name = "core/shell"
    spec = "CdSe:2.0/CdS:1.5|toluene"

    [[structures]]                 # or layer by layer
    name = "graded"
    medium = "toluene"
    layers = [
      { material = "CdSe", radius = "1.5 nm" },
      { material = "CdSe", graded_to = "ZnSe", thickness = "1.2 nm" },
      { material = "ZnSe", thickness = "12 A" },
    ]

Every problem of a file is reported at once, each with its key path (and line, where the key
can be found in the text). The full key reference is ``docs/design-files.md``.
"""

from __future__ import annotations

import re
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from qdopto.errors import DesignFileError, QdoptoError, UnitError
from qdopto.structures.spherical import DEFAULT_MEDIUM, Layer, SphericalQD
from qdopto.units import parse_quantity

Quantity = str | float | int


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LayerEntry(_Strict):
    """One layer written out: a core ``radius`` or a shell ``thickness``."""

    material: str = Field(min_length=1)
    radius: Quantity | None = None
    thickness: Quantity | None = None
    graded_to: str | None = None


class StructureEntry(_Strict):
    """A structure given by ``spec`` or by ``layers`` (+ optional ``medium``)."""

    name: str = Field(min_length=1)
    spec: str | None = None
    layers: list[LayerEntry] | None = None
    medium: str | None = None
    notes: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> StructureEntry:
        if (self.spec is None) == (self.layers is None):
            raise ValueError("give either 'spec' or 'layers', not both and not neither")
        if self.spec is not None and self.medium is not None:
            raise ValueError("'medium' goes with 'layers'; in a spec write it after '|'")
        return self


class DesignMeta(_Strict):
    """The ``[design]`` table."""

    name: str = Field(min_length=1)
    temperature: Quantity = "300 K"
    notes: str = ""


class OpticsEntry(_Strict):
    """The ``[optics]`` table: how spectra are computed (docs/structures.md)."""

    dispersion_pct: float = Field(5.0, ge=0.0, le=50.0)
    shell_dispersion_pct: float = Field(0.0, ge=0.0, le=50.0)
    stokes_shift_meV: float | None = Field(None, ge=0.0, le=1000.0)
    linewidth_meV: float | None = Field(None, gt=0.0, le=1000.0)
    pump_wavelength: Quantity = "400 nm"


class ApplicationEntry(_Strict):
    """The ``[application]`` table: a QD film in a planar waveguide / DFB cavity, or in a
    DBR microcavity (``microcavity``: light normal to the stack).

    ``stack`` is a stack string (docs/photonics.md) in which a layer named ``QD`` stands for a
    film of the structure named ``structure`` (default: the first) at ``fill_fraction``.
    """

    kind: Literal["dfb-laser", "waveguide", "microcavity"]
    stack: str = Field(min_length=1)
    structure: str | None = None
    fill_fraction: float = Field(0.5, gt=0.0, le=1.0)
    wavelength: Quantity = "pl"
    order: int = Field(2, ge=1, le=10)
    etch_depth: Quantity = "30 nm"
    grating_layer: int | None = Field(None, ge=1)
    duty_cycle: float | None = Field(None, gt=0.0, lt=1.0)
    width: Quantity | None = None
    ridge_layers: int = Field(1, ge=1)


class LaserEntry(_Strict):
    """The ``[laser]`` table: the QD film of ``[application]`` as a laser (docs/lasers.md).

    ``pump``: a pulse duration (``"100 fs"``, ``"5 ns"``), ``"cw"`` or ``"electrical"``.
    ``cavity``: ``dfb`` (Kogelnik-Shank threshold of the ``[application]`` grating over
    ``length``), ``fabry-perot`` (``length`` and ``reflectances``), ``q`` (``q``: quality
    factor of the outcoupling), ``losses`` (``mirror_loss`` given), ``vcsel`` (the
    ``microcavity`` application's DBR cavity) or ``wgm`` (a disk of the stack of ``radius``).
    ``internal_loss`` [cm^-1] (scattering, substrate leakage) and ``beta`` (spontaneous-emission
    factor) are properties of the actual device and must be given.
    """

    pump: str = "100 fs"
    cavity: Literal["dfb", "fabry-perot", "q", "losses", "vcsel", "wgm"] = "dfb"
    internal_loss: float = Field(ge=0.0, le=1e5, allow_inf_nan=False)
    beta: float = Field(gt=0.0, le=1.0, allow_inf_nan=False)
    length: Quantity | None = None
    radius: Quantity | None = None
    reflectances: tuple[float, float] | None = None
    q: float | None = Field(None, gt=0.0, allow_inf_nan=False)
    mirror_loss: float | None = Field(None, ge=0.0, le=1e6, allow_inf_nan=False)
    radiation_loss: float = Field(0.0, ge=0.0, le=1e6, allow_inf_nan=False)
    tau_xx: Quantity | None = None
    injection_efficiency: float = Field(1.0, gt=0.0, le=1.0)
    span: tuple[float, float] = (0.1, 10.0)
    points: int = Field(200, ge=2, le=5000)

    @model_validator(mode="after")
    def _cavity_inputs(self) -> LaserEntry:
        need = {
            "dfb": ("length",),
            "fabry-perot": ("length", "reflectances"),
            "q": ("q",),
            "losses": ("mirror_loss",),
            "vcsel": (),
            "wgm": ("radius",),
        }[self.cavity]
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise ValueError(f"cavity '{self.cavity}' needs {', '.join(missing)}")
        if self.reflectances is not None and not all(0 < r <= 1 for r in self.reflectances):
            raise ValueError("reflectances must lie in (0, 1]")
        lo, hi = self.span
        if not 0 < lo < hi <= 1e4:
            raise ValueError("span must be [low, high] multiples of threshold, 0 < low < high")
        return self


class DesignSchema(_Strict):
    """Top level of a design file."""

    design: DesignMeta
    structures: list[StructureEntry] = Field(min_length=1)
    optics: OpticsEntry = Field(default_factory=lambda: OpticsEntry.model_validate({}))
    application: ApplicationEntry | None = None
    laser: LaserEntry | None = None


@dataclass(frozen=True)
class NamedStructure:
    """A structure of a design with its name and notes."""

    name: str
    structure: SphericalQD
    notes: str = ""


@dataclass(frozen=True)
class Design:
    """A validated design: a name, a temperature [K] and named structures."""

    name: str
    temperature_K: float
    structures: tuple[NamedStructure, ...]
    notes: str = ""
    path: str | None = None
    optics: dict[str, Any] | None = None
    application: dict[str, Any] | None = None
    laser: dict[str, Any] | None = None
    source: str | None = field(default=None, compare=False, repr=False)

    def where(self, *keys: str) -> str:
        """``a.b`` with `` (line N)`` where the key can be found in the file's text."""
        line = _line_of(self.source, keys) if self.source else None
        return ".".join(keys) + (f" (line {line})" if line else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "temperature_K": self.temperature_K,
            "notes": self.notes,
            "path": self.path,
            "structures": [
                {"name": s.name, "notes": s.notes, **s.structure.to_dict()} for s in self.structures
            ],
        }


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    pat = re.compile(rf"^\s*\[*\s*{re.escape(keys[-1])}\s*[=\]]", re.MULTILINE)
    hits = [m.start() for m in pat.finditer(text)]
    if len(hits) != 1:
        # try inline tables: key appears as "key =" inside braces
        pat2 = re.compile(rf"[{{,]\s*{re.escape(keys[-1])}\s*=")
        hits = [m.start() for m in pat2.finditer(text)]
        if len(hits) != 1:
            return None
    return text.count("\n", 0, hits[0]) + 1


def parse_design(text: str, *, path: str | None = None) -> Design:
    """Validate the text of a design file and build its structures.

    Raises
    ------
    DesignFileError
        Listing every problem with its key path (and line where it can be located).
    """
    label = path or "design"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DesignFileError(f"{label}: not valid TOML: {exc}") from None
    try:
        schema = DesignSchema.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            msg = msg.removeprefix("Value error, ")
            line = _line_of(text, loc)
            where = _loc(loc) or "(top level)"
            problems.append(f"{where}{f' (line {line})' if line else ''}: {msg}")
        raise DesignFileError(
            f"{label}: {len(problems)} problem(s): " + "; ".join(problems)
        ) from None
    problems = []
    try:
        temperature = parse_quantity(schema.design.temperature, "K", what="design.temperature")
        if not (0 < temperature <= 2000):
            problems.append(f"design.temperature: {temperature:g} K is outside (0, 2000] K")
    except UnitError as exc:
        problems.append(str(exc))
        temperature = 300.0
    built = []
    for i, entry in enumerate(schema.structures):
        where = f"structures[{i}] ('{entry.name}')"
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                qd = _build(entry, where)
            for w in caught:
                warnings.warn(f"{where}: {w.message}", w.category, stacklevel=2)
            built.append(NamedStructure(entry.name, qd, entry.notes))
        except QdoptoError as exc:
            problems.append(f"{where}: {exc}")
    names = [s.name for s in schema.structures]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        problems.append(f"structures: names must be unique, repeated: {', '.join(dup)}")
    optics = schema.optics.model_dump()
    try:
        optics["pump_wavelength_nm"] = parse_quantity(
            schema.optics.pump_wavelength, "nm", what="optics.pump_wavelength"
        )
    except UnitError as exc:
        problems.append(str(exc))
    application = None
    if schema.application is not None:
        application = schema.application.model_dump()
        app = schema.application
        if app.structure is not None and app.structure not in names:
            problems.append(
                f"application.structure: no structure named '{app.structure}' "
                f"(have: {', '.join(names)})"
            )
        if "QD:" not in app.stack and not app.stack.startswith("QD:"):
            problems.append(
                "application.stack: needs a layer named QD (the QD film), e.g. "
                "'SiO2:inf/SiNx:170/QD:40/air:inf'"
            )
        try:
            application["etch_depth_nm"] = parse_quantity(
                app.etch_depth, "nm", what="application.etch_depth"
            )
            application["wavelength_nm"] = (
                None
                if str(app.wavelength).strip().lower() == "pl"
                else parse_quantity(app.wavelength, "nm", what="application.wavelength")
            )
            application["width_nm"] = (
                None
                if app.width is None
                else parse_quantity(app.width, "nm", what="application.width")
            )
        except UnitError as exc:
            problems.append(str(exc))
    laser = None
    if schema.laser is not None:
        laser = schema.laser.model_dump()
        if schema.application is None:
            problems.append("laser: needs an [application] table (the stack holding the QD film)")
        elif schema.laser.cavity == "dfb" and schema.application.kind != "dfb-laser":
            problems.append("laser.cavity: 'dfb' needs application.kind = 'dfb-laser'")
        elif (schema.laser.cavity == "vcsel") != (schema.application.kind == "microcavity"):
            problems.append(
                "laser.cavity: 'vcsel' goes with application.kind = 'microcavity' (a DBR "
                "cavity), and a microcavity application with cavity 'vcsel'"
            )
        for key, unit in (("length", "um"), ("radius", "um"), ("tau_xx", "ns")):
            value = getattr(schema.laser, key)
            if value is None:
                laser[f"{key}_{unit}"] = None
                continue
            try:
                laser[f"{key}_{unit}"] = parse_quantity(value, unit, what=f"laser.{key}")
            except UnitError as exc:
                problems.append(str(exc))
    if problems:
        raise DesignFileError(f"{label}: {len(problems)} problem(s): " + "; ".join(problems))
    return Design(
        schema.design.name,
        temperature,
        tuple(built),
        schema.design.notes,
        path,
        optics,
        application,
        laser,
        text,
    )


def _build(entry: StructureEntry, where: str) -> SphericalQD:
    if entry.spec is not None:
        return SphericalQD.from_spec(entry.spec)
    layers = []
    for j, le in enumerate(entry.layers or []):
        key = "radius" if j == 0 else "thickness"
        other = "thickness" if j == 0 else "radius"
        val = le.radius if j == 0 else le.thickness
        if val is None or getattr(le, other) is not None:
            raise DesignFileError(
                f"layers[{j}]: the {'core' if j == 0 else 'shell'} needs '{key}'"
                f" (and not '{other}')"
            )
        t = parse_quantity(val, "nm", what=f"layers[{j}].{key}")
        layers.append(Layer(le.material, t, le.graded_to))
    return SphericalQD(tuple(layers), entry.medium or DEFAULT_MEDIUM)


def load_design(path: str | Path) -> Design:
    """Read and validate a design file (see :func:`parse_design`)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DesignFileError(f"design file not found: {p}") from None
    except IsADirectoryError:
        raise DesignFileError(f"{p} is a directory, not a design file") from None
    except UnicodeDecodeError:
        raise DesignFileError(f"{p}: not a UTF-8 text file") from None
    return parse_design(text, path=str(p))


def builtin_design_path() -> Path:
    """Path of the built-in example design shipped in the package."""
    from importlib import resources

    return Path(str(resources.files("qdopto") / "designs" / "default.toml"))
