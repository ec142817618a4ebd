"""Design files: schema validation with key paths, all problems at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from qdopto.errors import DesignFileError
from qdopto.structures import load_design, parse_design
from qdopto.structures.design import builtin_design_path

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.toml"))


def test_builtin_design() -> None:
    d = load_design(builtin_design_path())
    assert d.temperature_K == 300.0
    assert d.structures[0].structure.spec.startswith("CdSe:2/CdS:1.5")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_load(path: Path) -> None:
    assert load_design(path).structures


def test_layers_form_equals_spec_form() -> None:
    d = parse_design("""
[design]
name = "t"
temperature = "77 K"
[[structures]]
name = "a"
spec = "CdSe:2/CdSe>ZnSe:1.2|toluene"
[[structures]]
name = "b"
medium = "toluene"
layers = [ { material = "CdSe", radius = "20 A" },
           { material = "CdSe", graded_to = "ZnSe", thickness = 1.2 } ]
""")
    assert d.temperature_K == 77.0
    assert d.structures[0].structure == d.structures[1].structure


def test_all_problems_listed_with_keys_and_lines() -> None:
    text = """[design]
name = "t"
colour = "red"
[[structures]]
name = "a"
spec = "CdSe:2"
shape = "sphere"
"""
    with pytest.raises(DesignFileError) as exc:
        parse_design(text, path="x.toml")
    msg = str(exc.value)
    assert "2 problem(s)" in msg
    assert "design.colour (line 3): unknown key" in msg
    assert "structures[0].shape (line 7): unknown key" in msg


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('[design]\nname="t"\n', "structures"),
        ('[design]\nname="t"\n[[structures]]\nname="a"\n', "either 'spec' or 'layers'"),
        ('[design]\nname="t"\n[[structures]]\nname="a"\nspec="CdSe:2"\nlayers=[]\n', "not both"),
        ('[design]\nname="t"\n[[structures]]\nname="a"\nspec="CdSee:2"\n', "did you mean CdSe"),
        (
            '[design]\nname="t"\n[[structures]]\nname="a"\nlayers=[{material="CdSe"}]\n',
            "needs 'radius'",
        ),
        (
            '[design]\nname="t"\ntemperature="300 eV"\n[[structures]]\nname="a"\nspec="CdSe:2"\n',
            "temperature",
        ),
        (
            '[design]\nname="t"\n[[structures]]\nname="a"\nspec="CdSe:2"\n[[structures]]\nname="a"\n'
            'spec="CdS:2"\n',
            "unique",
        ),
        ("[design\nname=1", "not valid TOML"),
    ],
)
def test_bad_design_files(body: str, needle: str) -> None:
    with pytest.raises(DesignFileError, match=needle):
        parse_design(body)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DesignFileError, match="not found"):
        load_design(tmp_path / "nope.toml")
