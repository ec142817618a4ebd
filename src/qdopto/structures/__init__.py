"""QD structures (geometry + materials) and their spec grammar and design files."""

from __future__ import annotations

from qdopto.structures.design import Design, NamedStructure, load_design, parse_design
from qdopto.structures.shapes import (
    EpitaxialDot,
    Platelet,
    Rod,
    Shape,
    is_shape_spec,
    monolayer_thickness_nm,
    parse_shape,
)
from qdopto.structures.spec import parse_spec
from qdopto.structures.spherical import DEFAULT_MEDIUM, Layer, SphericalQD

__all__ = [
    "DEFAULT_MEDIUM",
    "Design",
    "EpitaxialDot",
    "Layer",
    "NamedStructure",
    "Platelet",
    "Rod",
    "Shape",
    "SphericalQD",
    "is_shape_spec",
    "load_design",
    "monolayer_thickness_nm",
    "parse_design",
    "parse_shape",
    "parse_spec",
    "structure",
]


def structure(spec: str) -> SphericalQD:
    """Structure from a spec string.

    >>> qd = structure("CdSe:20A/CdS:1.5|toluene")
    >>> qd.spec, qd.total_radius_nm
    ('CdSe:2/CdS:1.5|toluene', 3.5)
    """
    return SphericalQD.from_spec(spec)
