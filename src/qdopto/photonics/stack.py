"""Planar stacks: the stack grammar and the layers' refractive indices.

Grammar (layers from the substrate up; thicknesses in nm unless a unit is written; the first
and last layers are semi-infinite and written ``inf``)::

    stack := layer ( "/" layer )*
    layer := material ":" length | "QD(" spec [ "," key "=" value ]* ")" ":" length

e.g. ``SiO2:inf/SiNx:100/QD(CdSe:2.0/CdS:1.5,fill=0.5):55/SiNx:100/air:inf``. QD layers are
films of the given QDs: keys ``fill`` (packing fraction, default 0.5), ``host`` (default
``ligand``), ``dispersion`` (size dispersion in %, default 5), ``model`` (``maxwell-garnett``
or ``bruggeman``); their complex index comes from :func:`qdopto.optics.qd_film`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError, UnitError
from qdopto.materials import default_database
from qdopto.units import parse_quantity

Complex = NDArray[np.complex128]
MAX_LAYERS = 200


@dataclass(frozen=True)
class StackLayer:
    """One layer: a material (or a QD film) and its thickness [nm] (inf for the outer ones)."""

    material: str
    thickness_nm: float
    qd: dict[str, Any] | None = field(default=None, compare=False, hash=False)

    @property
    def label(self) -> str:
        if self.qd is None:
            return self.material
        opts = ",".join(f"{k}={v}" for k, v in self.qd.items() if k != "spec")
        return f"QD({self.qd['spec']}{',' + opts if opts else ''})"

    def index(self, wavelength_nm: ArrayLike) -> Complex:
        """Complex refractive index n + ik at the wavelengths [nm]."""
        lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float))
        if self.qd is None:
            return np.asarray(default_database().get(self.material).nk(lam), dtype=complex)
        from qdopto.optics import qd_film

        film = qd_film(
            self.qd["spec"],
            self.qd["fill"],
            lam,
            model=self.qd["model"],
            host=self.qd["host"],
            dispersion_pct=self.qd["dispersion"],
        )
        return np.asarray(film.n + 1j * film.k)


@dataclass(frozen=True)
class Stack:
    """A planar stack, substrate first (semi-infinite) and cover last (semi-infinite)."""

    layers: tuple[StackLayer, ...]

    def __post_init__(self) -> None:
        if len(self.layers) < 3:
            raise QdoptoError("a stack needs a substrate, at least one layer and a cover")
        for i, layer in enumerate(self.layers):
            outer = i in (0, len(self.layers) - 1)
            t = layer.thickness_nm
            if outer and not math.isinf(t):
                raise QdoptoError(
                    f"the {'substrate' if i == 0 else 'cover'} ('{layer.label}') "
                    "must be semi-infinite: write ':inf'"
                )
            if not outer and not (math.isfinite(t) and t > 0):
                raise QdoptoError(
                    f"layer {i} ('{layer.label}') needs a finite thickness > 0 nm, got {t}"
                )
            if not outer and t > 1e6:
                raise QdoptoError(f"layer {i} ('{layer.label}') is thicker than 1 mm")

    @property
    def spec(self) -> str:
        def fmt(t: float) -> str:
            return "inf" if math.isinf(t) else f"{t:.12g}"

        return "/".join(f"{layer.label}:{fmt(layer.thickness_nm)}" for layer in self.layers)

    @property
    def labels(self) -> list[str]:
        """One label per layer, ``index:material`` (the keys of confinement dictionaries)."""
        return [f"{i}:{layer.label}" for i, layer in enumerate(self.layers)]

    @property
    def inner(self) -> tuple[StackLayer, ...]:
        return self.layers[1:-1]

    def indices(self, wavelength_nm: ArrayLike) -> Complex:
        """Complex indices of every layer, shape (wavelengths, layers)."""
        lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float))
        return np.stack([layer.index(lam) for layer in self.layers], axis=-1)

    def thicknesses(self) -> NDArray[np.float64]:
        """Thicknesses of the inner layers [nm]."""
        return np.array([layer.thickness_nm for layer in self.inner])

    def to_dict(self) -> dict[str, Any]:
        return {
            "stack": self.spec,
            "layers": [
                {
                    "material": layer.label,
                    "thickness_nm": layer.thickness_nm
                    if math.isfinite(layer.thickness_nm)
                    else None,
                }
                for layer in self.layers
            ],
        }


def _split_top(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise QdoptoError(f"'{text}': unbalanced parenthesis")
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if depth != 0:
        raise QdoptoError(f"'{text}': unbalanced parenthesis")
    parts.append("".join(cur))
    return parts


def _parse_qd(body: str, where: str) -> dict[str, Any]:
    from qdopto.structures import SphericalQD

    items = _split_top(body, ",")
    spec = items[0].strip()
    if not spec:
        raise QdoptoError(f"{where}: QD(...) needs a structure spec, e.g. QD(CdSe:2.0/CdS:1.5)")
    opts: dict[str, Any] = {
        "spec": SphericalQD.from_spec(spec).spec.split("|")[0],
        "fill": 0.5,
        "host": "ligand",
        "dispersion": 5.0,
        "model": "maxwell-garnett",
    }
    for item in items[1:]:
        key, eq, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or key not in ("fill", "host", "dispersion", "model"):
            raise QdoptoError(
                f"{where}: unknown QD option '{item.strip()}' (use fill=, host=, "
                "dispersion=, model=)"
            )
        if key in ("fill", "dispersion"):
            try:
                opts[key] = float(value)
            except ValueError:
                raise QdoptoError(f"{where}: {key} must be a number, got '{value}'") from None
        else:
            opts[key] = value
    if not 0 < opts["fill"] <= 1:
        raise QdoptoError(f"{where}: fill must lie in (0, 1], got {opts['fill']}")
    default_database().get(opts["host"])
    return opts


def parse_stack(text: str) -> Stack:
    """Parse a stack string (see the module docstring)."""
    if not isinstance(text, str) or not text.strip():
        raise QdoptoError("empty stack; expected e.g. 'SiO2:inf/SiNx:100/air:inf'")
    parts = _split_top(text.strip(), "/")
    if len(parts) > MAX_LAYERS:
        raise QdoptoError(f"more than {MAX_LAYERS} layers")
    layers = []
    for i, part in enumerate(parts):
        frag = part.strip()
        where = f"layer {i} '{frag}'"
        name, colon, length = frag.rpartition(":")
        if not colon or not name.strip():
            raise QdoptoError(f"{where}: write MATERIAL:THICKNESS, e.g. 'SiNx:100' or 'air:inf'")
        name = name.strip()
        if length.strip().lower() == "inf":
            t = math.inf
        else:
            try:
                t = parse_quantity(length.strip(), "nm", what=where)
            except UnitError as exc:
                raise QdoptoError(str(exc)) from None
        if name.upper().startswith("QD(") and name.endswith(")"):
            layers.append(StackLayer("QD", t, _parse_qd(name[3:-1], where)))
        else:
            layers.append(StackLayer(default_database().get(name).name, t))
    return Stack(tuple(layers))
