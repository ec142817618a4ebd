"""Quantity strings at the edges: '2.5 nm', '25 Å', '20A', '300 K'."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdopto.errors import UnitError
from qdopto.units import convert, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.5 nm", 2.5),
        ("25 Å", 2.5),
        ("25A", 2.5),
        ("25 angstrom", 2.5),
        ("0.0025 um", 2.5),
        ("2500 pm", 2.5),
        ("2.5", 2.5),
        (2.5, 2.5),
        ("  2.5nm ", 2.5),
        ("2.5e0 nm", 2.5),
    ],
)
def test_lengths(text: str | float, expected: float) -> None:
    assert parse_quantity(text, "nm") == pytest.approx(expected, rel=1e-12)


def test_temperature_and_energy() -> None:
    assert parse_quantity("77 K", "K") == 77.0
    # 1 eV = 1000 meV exactly
    assert parse_quantity("1500 meV", "eV") == pytest.approx(1.5)
    # 1 meV/K -> 1e-3 eV/K
    assert convert(0.5405, "meV/K", "eV/K") == pytest.approx(5.405e-4)


def test_effective_mass_unit() -> None:
    assert convert(0.067, "m_e", "m_e") == pytest.approx(0.067)


@pytest.mark.parametrize("text", ["2 eV", "abc", "nm", "2 furlongs-per-fortnight", ""])
def test_bad_lengths(text: str) -> None:
    with pytest.raises(UnitError):
        parse_quantity(text, "nm")


def test_nan_and_inf_are_returned_for_the_caller_to_reject() -> None:
    assert math.isnan(parse_quantity("nan", "nm"))
    assert math.isinf(parse_quantity("inf nm", "nm"))


def test_bool_is_not_a_number() -> None:
    with pytest.raises(UnitError):
        parse_quantity(True, "nm")  # type: ignore[arg-type]


@given(st.text(max_size=30))
def test_parse_never_crashes(text: str) -> None:
    with contextlib.suppress(UnitError):
        parse_quantity(text, "nm")
