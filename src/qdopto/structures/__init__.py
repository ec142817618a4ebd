"""QD structures (geometry + materials) and their spec grammar and design files."""

from __future__ import annotations

from qdopto.structures.design import Design, NamedStructure, load_design, parse_design
from qdopto.structures.spec import parse_spec
from qdopto.structures.spherical import DEFAULT_MEDIUM, Layer, SphericalQD

__all__ = [
    "DEFAULT_MEDIUM",
    "Design",
    "Layer",
    "NamedStructure",
    "SphericalQD",
    "load_design",
    "parse_design",
    "parse_spec",
    "structure",
]


def structure(spec: str) -> SphericalQD:
    """Structure from a spec string: ``structure("CdSe:2.0/CdS:1.5|toluene")``."""
    return SphericalQD.from_spec(spec)
