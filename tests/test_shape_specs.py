"""Shapes of non-spherical QDs and their spec grammar (qdopto.structures.shapes).

References: geometry formulas (spherical-cap volume pi h (3a^2 + h^2)/6, cone and pyramid
volumes V = base area x h / 3, half-spheroid 2/3 pi a^2 h); the zinc-blende lattice constants
measured on films, CdSe 0.6077 nm (N. Samarth et al., Appl. Phys. Lett. 54, 2680 (1989)) and
CdS 0.5818 nm (Madelung, Semiconductors: Data Handbook (2004), cubic CdS), with which a core
of n ML (n Se and n + 1 Cd planes, Ithurria et al., Nat. Mater. 10, 936 (2011)) is
n a/2 + a/4 thick and a shell ML adds a/2.
"""

from __future__ import annotations

import contextlib
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdopto.errors import QdoptoError, SpecError
from qdopto.structures import EpitaxialDot, Platelet, Rod, is_shape_spec, parse_shape


@pytest.mark.parametrize(
    "spec",
    [
        "rod(CdSe, length=20, radius=2)",
        "CdSe:1.5@rod(CdS, length=30, radius=2.5)",
        "CdSe:1.5@rod(CdS, length=30, radius=2.5, core_at=0.3)|toluene",
        "platelet(CdSe, ML=4, lateral=20x8)",
        "platelet(CdSe, ML=4, lateral=20x8, crown=CdS:5, shell=CdS:2ML)",
        "lens(InAs, base=20, height=4, in=GaAs, wetting=0.5)",
        "pyramid(InAs, base=12, height=6)",
        "dome(In0.5Ga0.5As, base=20, height=6, wetting=0.5)",
        "cone(InAs, base=15, height=5)",
        "disk(InAs, base=15, height=3)",
    ],
)
def test_issue_examples_parse_and_round_trip(spec: str) -> None:
    assert is_shape_spec(spec)
    shape = parse_shape(spec)
    again = parse_shape(shape.spec)
    assert again == shape
    assert again.spec == shape.spec
    assert shape.to_dict()["spec"] == shape.spec


def test_spherical_specs_are_not_shapes() -> None:
    assert not is_shape_spec("CdSe:2.0/CdS:1.5|toluene")


def test_units_in_shape_specs() -> None:
    assert parse_shape("rod(CdSe, length=200A, radius=2 nm)") == parse_shape(
        "rod(CdSe, length=20, radius=2)"
    )


def test_platelet_thickness_from_zincblende_lattice_constant() -> None:
    p = parse_shape("platelet(CdSe, ML=4, lateral=20x8)")
    assert isinstance(p, Platelet)
    assert p.thickness_nm == pytest.approx(4 * 0.6077 / 2 + 0.6077 / 4, rel=2e-3)
    assert p.lateral_nm == (20.0, 8.0)


def test_shell_in_monolayers_and_crown() -> None:
    p = parse_shape("platelet(CdSe, ML=4, lateral=20x8, crown=CdS:5, shell=CdS:2ML)")
    assert isinstance(p, Platelet)
    assert p.kind == "core/crown/shell platelet"
    assert p.shell_thickness_nm == pytest.approx(2 * 0.5818 / 2, rel=1e-2)
    _lo, hi = p.extent
    assert hi[0] == pytest.approx(10 + 5 + p.shell_thickness_nm)
    assert hi[2] == pytest.approx(p.thickness_nm / 2 + p.shell_thickness_nm)


def _grid_volumes(shape: Rod | Platelet | EpitaxialDot, n: int = 160) -> np.ndarray:
    """Region volumes by midpoint integration of the shape's own classifier."""
    k = len(shape.regions)
    if isinstance(shape, Rod):
        r_max, z0, z1 = shape.extent
        r = (np.arange(n) + 0.5) / n * r_max * 1.05
        z = z0 + (np.arange(n) + 0.5) / n * (z1 - z0)
        rr, zz = np.meshgrid(r, z, indexing="ij")
        w = 2 * math.pi * rr * (r[1] - r[0]) * (z[1] - z[0])
        idx = shape.classify_rz(rr, zz)
    else:
        lo, hi = shape.extent
        axes = [lo[i] + (np.arange(n) + 0.5) / n * (hi[i] - lo[i]) for i in range(3)]
        xx, yy, zz = np.meshgrid(*axes, indexing="ij")
        w = np.full(xx.shape, np.prod([a[1] - a[0] for a in axes]))
        idx = shape.classify_xyz(xx, yy, zz)
    return np.array([w[idx == i].sum() for i in range(k - 1)])


@pytest.mark.parametrize(
    "spec",
    [
        "CdSe:1.5@rod(CdS, length=12, radius=2.5, core_at=0.3)",
        "platelet(CdSe, ML=5, lateral=10x6, crown=CdS:2, shell=CdS:3ML)",
    ],
)
def test_classifier_matches_analytic_volumes(spec: str) -> None:
    shape = parse_shape(spec)
    assert _grid_volumes(shape) == pytest.approx(shape.region_volumes_nm3(), rel=0.03)


@pytest.mark.parametrize("kind", ["lens", "dome", "cone", "pyramid", "disk"])
def test_epitaxial_dot_volumes(kind: str) -> None:
    shape = parse_shape(f"{kind}(InAs, base=16, height=4)")
    assert isinstance(shape, EpitaxialDot)
    a, h = 8.0, 4.0
    expected = {
        "lens": math.pi * h * (3 * a * a + h * h) / 6,
        "dome": 2 / 3 * math.pi * a * a * h,
        "cone": math.pi * a * a * h / 3,
        "pyramid": 16.0**2 * h / 3,
        "disk": math.pi * a * a * h,
    }[kind]
    assert shape.volume_nm3 == pytest.approx(expected)
    assert _grid_volumes(shape)[0] == pytest.approx(expected, rel=0.03)


def test_axis_only_where_there_is_one() -> None:
    assert parse_shape("rod(CdSe, length=20, radius=2)").symmetry == "axial"
    assert parse_shape("lens(InAs, base=20, height=4)").symmetry == "axial"
    assert parse_shape("pyramid(InAs, base=12, height=6)").symmetry == "none"
    assert parse_shape("platelet(CdSe, ML=4, lateral=20x8)").symmetry == "none"


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("CdSe:3@rod(CdS, length=30, radius=2.5)", "wider than the rod"),
        ("CdSe:2@rod(CdS, length=30, radius=2.5, core_at=0.01)", "sticks out"),
        ("platelet(CdSe, ML=4, lateral=20x8, crown=CdS:-5)", "crown width"),
        ("rod(CdSe, length=-2, radius=2)", "> 0 nm"),
        ("rod(CdSe, length=nan, radius=2)", "finite"),
        ("rod(CdSe, length=20)", "radius"),
        ("rod(CdSe, length=20, radius=2, colour=red)", "unknown key"),
        ("lens(InAs, base=20)", "height"),
        ("lens(InAs, base=20, height=12)", "hemisphere"),
        ("lens(InAs, base=20, height=4)|toluene", "in="),
        ("blob(CdSe, a=1)", "unknown shape"),
        ("platelet(CdSe, ML=4.5, lateral=20x8)", "whole number"),
        ("platelet(CdSe, ML=4, lateral=20)", "two lengths"),
        ("platelet(PbS, ML=3, lateral=10x10)", "zinc-blende"),
        ("platelet(CdSe, ML=4, lateral=20x8, shell=CdS:0.6)", "monolayers"),
        ("platelet(CdSe, ML=0, lateral=20x8)", "positive integer"),
        ("CdSe:1@platelet(CdS, ML=4, lateral=20x8)", "dot-in-rod"),
        ("rod(length=20, radius=2)", "material"),
        ("rod(CdSx, length=20, radius=2)", "CdS"),
        ("rod(CdSe, length=5000, radius=2)", "units"),
    ],
)
def test_bad_shapes_raise_clear_errors(spec: str, fragment: str) -> None:
    with pytest.raises(QdoptoError, match=fragment):
        parse_shape(spec)


@settings(max_examples=60, deadline=None)
@given(
    length=st.floats(1.0, 80.0),
    radius=st.floats(0.5, 10.0),
    frac=st.floats(0.05, 1.0),
    at=st.floats(0.0, 1.0),
)
def test_dot_in_rod_round_trip_or_clear_error(
    length: float, radius: float, frac: float, at: float
) -> None:
    spec = f"CdSe:{frac * radius!r}@rod(CdS, length={length!r}, radius={radius!r}, core_at={at!r})"
    try:
        shape = parse_shape(spec)
    except SpecError as exc:
        assert "core" in str(exc)
        return
    assert parse_shape(shape.spec) == shape
    assert isinstance(shape, Rod)
    assert shape.core_radius_nm is not None and shape.core_radius_nm <= shape.radius_nm


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_escapes_as_a_traceback(text: str) -> None:
    with contextlib.suppress(QdoptoError):
        parse_shape(text)
