"""Alloy formulas and interpolation (fixture: GaAs/InAs of Vurgaftman et al. 2001)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdopto.errors import CompositionError, UnknownMaterialError
from qdopto.materials import AlloyMaterial, Database
from qdopto.materials.formula import parse_formula

# Vurgaftman, Meyer, Ram-Mohan, J. Appl. Phys. 89, 5815 (2001): Table III (GaAs, InAs) and
# Table XXIII (InGaAs gap bowing C = 0.477 eV, electron-mass bowing 0.0091).
EG0 = {"InAs": 0.417, "GaAs": 1.519}
ALPHA = {"InAs": 0.276e-3, "GaAs": 0.5405e-3}
BETA = {"InAs": 93.0, "GaAs": 204.0}


def _varshni(m: str, t: float) -> float:
    return EG0[m] - ALPHA[m] * t**2 / (t + BETA[m])


@pytest.mark.parametrize("t", [0.0, 77.0, 300.0])
def test_ingaas_gap_bows_at_every_temperature(fixture_db: Database, t: float) -> None:
    x = 0.53
    mat = fixture_db.get("In0.53Ga0.47As")
    expected = x * _varshni("InAs", t) + (1 - x) * _varshni("GaAs", t) - 0.477 * x * (1 - x)
    assert float(mat.bandgap(t)) == pytest.approx(expected, abs=1e-12)


def test_lattice_matched_ingaas_gap_near_published(fixture_db: Database) -> None:
    # In0.53Ga0.47As lattice-matched to InP: Eg(300 K) = 0.74-0.75 eV (Vurgaftman 2001, Sec. IV;
    # Goetz et al., J. Appl. Phys. 54, 4543 (1983): 0.750 eV at 300 K).
    assert float(fixture_db.get("In0.53Ga0.47As").bandgap(300.0)) == pytest.approx(0.745, abs=0.012)


def test_mass_bowing_and_provenance(fixture_db: Database) -> None:
    mat = fixture_db.get("In0.5Ga0.5As")
    assert isinstance(mat, AlloyMaterial)
    assert mat.value("me") == pytest.approx(0.5 * 0.026 + 0.5 * 0.067 - 0.0091 * 0.25)
    assert "bowing" in mat.parameter("me").source


def test_endpoints_and_order_independence(fixture_db: Database) -> None:
    assert fixture_db.get("In1Ga0As").name == "XInAs"
    assert fixture_db.get("Ga0.47In0.53As").name == "In0.53Ga0.47As"
    assert fixture_db.alloy("XInGaAs", 0.25) is fixture_db.alloy("XInGaAs", 0.25)


@pytest.mark.parametrize("text", ["In0.6Ga0.6As", "In-0.2Ga1.2As", "In1.3Ga-0.3As"])
def test_composition_outside_unit_interval(fixture_db: Database, text: str) -> None:
    with pytest.raises(CompositionError):
        fixture_db.get(text)


@pytest.mark.parametrize("x", [-0.1, 1.1, float("nan")])
def test_alloy_api_rejects_bad_x(fixture_db: Database, x: float) -> None:
    with pytest.raises(CompositionError, match=r"outside \[0, 1\]"):
        fixture_db.alloy("XInGaAs", x)


def test_unknown_material_suggests(fixture_db: Database) -> None:
    with pytest.raises(UnknownMaterialError, match="did you mean XGaAs"):
        fixture_db.get("XGaAss")


def test_valence_band_edge_interpolates(fixture_db: Database) -> None:
    r = fixture_db.get("In0.5Ga0.5As").at(300)
    assert r["Ev"] == pytest.approx(-(0.5 * 5.29 + 0.5 * 5.5))
    assert r["Ec"] - r["Ev"] == pytest.approx(r["Eg"])


def test_formula_parser() -> None:
    assert parse_formula("CsPb(Br0.5I0.5)3") == pytest.approx(
        {"Cs": 1, "Pb": 1, "Br": 1.5, "I": 1.5}
    )
    assert parse_formula("ZnSe0.5S0.5") == pytest.approx({"Zn": 1, "Se": 0.5, "S": 0.5})
    for bad in ["", "Xx2", "Cd(Se", "CdSe)", "Cd$Se"]:
        with pytest.raises(CompositionError):
            parse_formula(bad)


@given(st.text(max_size=25))
def test_formula_parser_never_crashes(text: str) -> None:
    with contextlib.suppress(CompositionError):
        parse_formula(text)


@given(st.floats(min_value=0.0, max_value=1.0))
def test_alloy_names_round_trip(x: float) -> None:
    db = Database.from_paths(
        [__import__("pathlib").Path(__file__).parent / "data" / "fixture.toml"]
    )
    mat = db.alloy("XInGaAs", x)
    again = db.get(mat.formula or mat.name) if isinstance(mat, AlloyMaterial) else mat
    assert again.name == mat.name


def test_cdznse_gap_bows_by_the_published_nanowire_value() -> None:
    # J. Phys. Chem. B 110, 11691 (2006), abstract: the micro-PL gaps of Zn(x)Cd(1-x)Se
    # nanowires "change nonlinearly as a quadratic function of x with a bowing parameter of
    # approximately 0.45 eV". Midpoint: 0.45/4 = 0.1125 eV below the linear interpolation.
    from qdopto.materials import default_database

    db = default_database()
    cdse, znse = db.get("CdSe"), db.get("ZnSe")
    mid = db.get("Cd0.5Zn0.5Se")
    linear = 0.5 * float(cdse.bandgap(300.0)) + 0.5 * float(znse.bandgap(300.0))
    assert linear - float(mid.bandgap(300.0)) == pytest.approx(0.45 / 4, abs=1e-12)
    assert "16800464" in mid.family.bowing["Eg"].source  # type: ignore[attr-defined]
