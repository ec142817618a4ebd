"""Calibrations of the electronic models, read from ``calibration.toml`` (stated, not hidden)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from qdopto.errors import QdoptoError


@dataclass(frozen=True)
class SurfaceOffset:
    """Fitted surface offset of the radial model for particles ending in ``material``."""

    material: str
    value_nm: float
    fitted_to: str
    rms_meV: float

    def to_dict(self) -> dict[str, object]:
        return {
            "parameter": "surface_offset_nm",
            "material": self.material,
            "value_nm": self.value_nm,
            "fitted_to": self.fitted_to,
            "rms_meV": self.rms_meV,
        }


@cache
def surface_offsets() -> dict[str, SurfaceOffset]:
    """The radial model's surface offsets by outer-layer material."""
    text = (resources.files("qdopto.electronic") / "calibration.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    out: dict[str, SurfaceOffset] = {}
    try:
        for mat, entry in raw["radial"]["surface_offset_nm"].items():
            out[mat] = SurfaceOffset(
                mat, float(entry["value"]), str(entry["fitted_to"]), float(entry["rms_meV"])
            )
    except (KeyError, TypeError, ValueError) as exc:  # pragma: no cover - shipped file
        raise QdoptoError(f"calibration.toml is malformed: {exc}") from exc
    return out
