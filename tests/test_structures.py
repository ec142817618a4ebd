"""Spherical structures and the spec grammar."""

from __future__ import annotations

import contextlib
import math
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qdopto.errors import (
    CompositionError,
    QdoptoError,
    SpecError,
    UnknownMaterialError,
    ValidityWarning,
)
from qdopto.structures import DEFAULT_MEDIUM, Layer, SphericalQD, structure


def test_normalised_spec_and_geometry() -> None:
    qd = structure("CdSe:2.0/CdS:1.5/ZnS:0.5|toluene")
    assert qd.spec == "CdSe:2/CdS:1.5/ZnS:0.5|toluene"
    assert qd.total_radius_nm == pytest.approx(4.0)
    assert qd.volume_nm3 == pytest.approx(4 / 3 * math.pi * 4.0**3)
    d = qd.to_dict()
    assert [lay["inner_radius_nm"] for lay in d["layers"]] == pytest.approx([0, 2.0, 3.5])
    assert [lay["outer_radius_nm"] for lay in d["layers"]] == pytest.approx([2.0, 3.5, 4.0])
    assert sum(qd.layer_volumes_nm3()) == pytest.approx(qd.volume_nm3)


@pytest.mark.parametrize("spec", ["CdSe:20A", "CdSe:20 Å", "CdSe:2.0nm", "CdSe: 2 nm ", "cdse:2"])
def test_units_and_spelling(spec: str) -> None:
    qd = structure(spec)
    assert qd.core_radius_nm == pytest.approx(2.0)
    assert qd.layers[0].material == "CdSe"
    assert qd.medium == DEFAULT_MEDIUM


def test_equal_and_hashable_across_spellings() -> None:
    a, b = structure("CdSe:2/CdS:1.5"), structure("CdSe:20A/CdS:15A|" + DEFAULT_MEDIUM)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.medium = "air"  # type: ignore[misc]


def test_alloys_graded_layers_and_quantum_shell() -> None:
    qd = structure("Cd0.5Zn0.5Se:1.0/ZnSe0.5S0.5:0.8")
    assert qd.layers[0].material == "Cd0.5Zn0.5Se"
    graded = structure("CdSe:1.5/CdSe>ZnSe:1.2")
    assert graded.layers[1].graded and graded.layers[1].graded_to == "ZnSe"
    assert graded.spec.startswith("CdSe:1.5/CdSe>ZnSe:1.2|")
    # Quantum shell: CdS core, narrow-gap CdSe shell, CdS outer shell (Cragg & Efros 2010).
    qs = structure("CdS:3.6/CdSe:1.75/CdS:4.0")
    assert qs.kind() == "quantum shell"
    assert structure("CdSe:2/CdS:1.5").kind() == "core/shell"


def test_unknown_material_suggests_a_name() -> None:
    with pytest.raises(UnknownMaterialError, match="did you mean CdSe"):
        structure("CdSee:2.0")


def test_composition_outside_unit_interval() -> None:
    with pytest.raises(CompositionError):
        structure("Cd1.5Zn0.5Se:2")


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ("CdSe:0", "> 0"),
        ("CdSe:-1", "> 0"),
        ("CdSe:nan", "finite"),
        ("CdSe:inf", "finite"),
        ("CdSe:2/CdS:0", "> 0"),
        ("CdSe:0.1", "below 0.2 nm"),
        ("CdSe:50/CdS:60", "exceeds 100"),
        ("CdSe:2 eV", "convertible"),
        ("", "empty"),
        ("CdSe", "needs a size"),
        ("CdSe:", "cannot read"),
        ("CdSe:2/", "empty shell"),
        ("CdSe:2||air", "only one"),
        ("CdSe:2|", "no medium"),
        (":2", "missing material"),
        ("CdSe>:2", "missing material"),
        ("A>B>C:1", "two ends"),
        ("CdSe:2|marmalade", "unknown material"),
    ],
)
def test_bad_specs(spec: str, needle: str) -> None:
    with pytest.raises(QdoptoError, match=needle):
        structure(spec)


def test_small_core_warns() -> None:
    with pytest.warns(ValidityWarning, match="effective-mass"):
        structure("CdSe:0.8")


def test_direct_construction_validates() -> None:
    with pytest.raises(SpecError):
        SphericalQD(())
    with pytest.raises(SpecError, match="finite"):
        SphericalQD((Layer("CdSe", float("nan")),))


NAMES = ["CdSe", "CdS", "ZnS", "ZnSe", "CdTe", "InP", "PbS", "Cd0.25Zn0.75Se", "ZnSe0.5S0.5"]
lengths = st.floats(min_value=0.05, max_value=9.0, allow_nan=False).map(lambda v: round(v, 4))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    core=st.tuples(st.sampled_from(NAMES), st.floats(min_value=1.0, max_value=10.0)),
    shells=st.lists(
        st.tuples(st.sampled_from(NAMES), lengths, st.sampled_from([None, "ZnS"])), max_size=4
    ),
    medium=st.sampled_from(["toluene", "hexane", "ligand", "PMMA", "water"]),
)
def test_spec_round_trip(
    core: tuple[str, float], shells: list[tuple[str, float, str | None]], medium: str
) -> None:
    layers = (Layer(core[0], core[1]), *(Layer(n, t, g) for n, t, g in shells))
    qd = SphericalQD(layers, medium)
    again = SphericalQD.from_spec(qd.spec)
    assert again == qd
    assert again.spec == qd.spec


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("CdSeZnS:/|>.0123456789 -Ae")), max_size=30))
def test_parser_never_crashes(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(QdoptoError):
            structure(text)


@given(st.text(max_size=40))
def test_parser_never_crashes_on_any_text(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(QdoptoError):
            structure(text)
