"""The data-file loader refuses files with missing units, sources or unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from qdopto.errors import MaterialDataError
from qdopto.materials.loader import load_file

HEAD = """schema_version = 1
[references.r1]
citation = "A. Author, J. Test. 1, 1 (2000)"
doi = "10.0000/test"
"""

MAT = """
[materials.M]
description = "test"
category = "semiconductor"
gap_type = "direct"
bandgap_temperature_model = "none"
[materials.M.parameters]
"""


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "m.toml"
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def _problems(tmp_path: Path, body: str) -> str:
    with pytest.raises(MaterialDataError) as exc:
        load_file(_write(tmp_path, body))
    return str(exc.value)


def test_fixture_loads(fixture_db: object) -> None:
    assert fixture_db is not None


def test_value_converted_to_canonical_unit(tmp_path: Path) -> None:
    df = load_file(
        _write(tmp_path, MAT + 'lattice_a = { value = 6.0583, unit = "angstrom", source = "r1" }\n')
    )
    assert df.materials["M"].value("lattice_a") == pytest.approx(0.60583)


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('me = { value = 0.1, source = "r1" }', "missing 'unit'"),
        ('me = { value = 0.1, unit = "m_e" }', "missing 'source'"),
        ('me = { value = 0.1, unit = "m_e", source = "nope" }', "'nope' is not a key"),
        ('me = { value = 0.1, unit = "eV", source = "r1" }', "cannot be converted"),
        ('me = { value = 0.1, unit = "bogons", source = "r1" }', "unknown unit"),
        ('me = { value = nan, unit = "m_e", source = "r1" }', "non-finite"),
        ('me = { value = -0.1, unit = "m_e", source = "r1" }', "must be > 0"),
        ('me = { value = 0.1, unit = "m_e", source = "r1", colour = "red" }', "unknown key"),
        ('mass_electron = { value = 0.1, unit = "m_e", source = "r1" }', "unknown parameter"),
        ("me = 0.1", "must be a table"),
    ],
)
def test_bad_values_are_refused(tmp_path: Path, line: str, needle: str) -> None:
    assert needle in _problems(tmp_path, MAT + line + "\n")


def test_all_problems_reported_together(tmp_path: Path) -> None:
    msg = _problems(tmp_path, MAT + 'me = { value = 0.1 }\nmh = { value = 0.4, unit = "m_e" }\n')
    assert "2 problem(s)" in msg or "3 problem(s)" in msg
    assert "parameters.me" in msg and "parameters.mh" in msg


def test_reference_needs_doi_isbn_or_url(tmp_path: Path) -> None:
    p = tmp_path / "r.toml"
    p.write_text('schema_version = 1\n[references.x]\ncitation = "Someone"\n', encoding="utf-8")
    with pytest.raises(MaterialDataError, match="doi"):
        load_file(p)


def test_malformed_toml(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text("schema_version = = 1\n", encoding="utf-8")
    with pytest.raises(MaterialDataError, match="not valid TOML"):
        load_file(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MaterialDataError, match="not found"):
        load_file(tmp_path / "none.toml")


def test_unknown_material_key_and_category(tmp_path: Path) -> None:
    msg = _problems(
        tmp_path,
        MAT.replace('category = "semiconductor"', 'category = "cheese"').replace(
            'description = "test"', 'description = "test"\nflavour = "x"'
        ),
    )
    assert "category" in msg and "flavour" in msg


def test_temperature_model_needs_its_parameters(tmp_path: Path) -> None:
    body = MAT.replace('"none"', '"varshni"') + (
        'Eg_0K = { value = 1.5, unit = "eV", source = "r1" }\n'
    )
    msg = _problems(tmp_path, body)
    assert "varshni_alpha" in msg and "varshni_beta" in msg


def test_gap_sign_checked_against_gap_type(tmp_path: Path) -> None:
    assert "must be > 0" in _problems(
        tmp_path, MAT + 'Eg_0K = { value = -0.3, unit = "eV", source = "r1" }\n'
    )
    semimetal = MAT.replace('"direct"', '"semimetal"')
    assert "negative" in _problems(
        tmp_path, semimetal + 'Eg_0K = { value = 0.3, unit = "eV", source = "r1" }\n'
    )


def test_static_permittivity_not_below_optical(tmp_path: Path) -> None:
    body = MAT + (
        'eps_static = { value = 5, unit = "dimensionless", source = "r1" }\n'
        'eps_inf = { value = 6, unit = "dimensionless", source = "r1" }\n'
    )
    assert "eps_static must be >= eps_inf" in _problems(tmp_path, body)


def test_dispersion_table_checks(tmp_path: Path) -> None:
    body = MAT + (
        '[materials.M.refractive_index]\nmodel = "table"\nsource = "r1"\n'
        "range_nm = [400, 600]\nwavelength_nm = [400, 300, 600]\nn = [2, 2, 2]\n"
    )
    assert "strictly increasing" in _problems(tmp_path, body)
    body = MAT + (
        '[materials.M.refractive_index]\nmodel = "sellmeier"\nsource = "r1"\n'
        "range_nm = [400, 600]\nA = 1\n"
    )
    assert "needs 'B'" in _problems(tmp_path, body)
    body = MAT + (
        '[materials.M.refractive_index]\nmodel = "table"\nsource = "r1"\n'
        "wavelength_nm = [400, 600]\nn = [2, 2]\n"
    )
    assert "range_nm" in _problems(tmp_path, body)
