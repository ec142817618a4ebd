"""The command line: one JSON document with --json; user errors exit 2 with one line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cli_runner import run
from qdopto import __version__


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"qdopto {__version__}"


def test_entry_point_runs_as_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "qdopto", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_materials_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "materials", "list", "--json")
    doc = json.loads(out)
    names = {m["name"] for m in doc["materials"]}
    assert code == 0 and {"CdSe", "CdSe-zb", "PbS", "toluene", "ITO"} <= names
    assert any(a["name"] == "InGaAs" for a in doc["alloys"])


def test_materials_show_json_has_units_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "materials", "show", "GaAs", "--temperature", "77 K", "--json")
    doc = json.loads(out)
    eg0 = doc["parameters"]["Eg_0K"]
    assert code == 0 and eg0["unit"] == "eV" and "Vurgaftman" in eg0["source"]
    # Varshni with Vurgaftman 2001 Table III parameters: Eg(77 K) = 1.5075 eV.
    assert doc["resolved"]["values"]["Eg"] == pytest.approx(
        1.519 - 0.5405e-3 * 77**2 / (77 + 204), abs=1e-6
    )


def test_materials_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "materials", "show", "CdSe")
    assert code == 0 and "Eg_0K" in out


def test_structure_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "structure", "CdSe:2.0/CdS:1.5/ZnS:0.5|toluene", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["spec"] == "CdSe:2/CdS:1.5/ZnS:0.5|toluene"
    assert doc["total_radius_nm"] == pytest.approx(4.0)
    assert doc["layers"][2]["inner_radius_nm"] == pytest.approx(3.5)


def test_report_builtin(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    code, out, _ = run(capsys, "report", "-o", str(tmp_path) + "/r", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["structures"][0]["electronic"]["exciton"]["energy_eV"] > 1.6


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("structure", "CdSee:2"), "did you mean CdSe"),
        (("structure", "CdSe:-1"), "> 0"),
        (("materials", "show", "Unobtainium"), "unknown material"),
        (("materials", "show", "CdSe", "--temperature", "-5"), "temperature"),
        (("materials", "lst"), "No such command"),
        (("structure", "CdSe:2", "--bogus"), "No such option"),
        (("report", "/nonexistent/design.toml"), "not found"),
    ],
)
def test_user_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str
) -> None:
    code, out, err = run(capsys, *args, "--json") if args[0] == "structure" else run(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]


def test_warning_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "structure", "CdSe:0.8", "--json")
    assert code == 0 and json.loads(out)["core_radius_nm"] == pytest.approx(0.8)
    assert err.startswith("warning: ") and "effective-mass" in err


def test_levels_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "levels",
        "CdSe:2.0/CdS:1.5|toluene",
        "--states",
        "2",
        "--temperature",
        "300 K",
        "--json",
    )
    doc = json.loads(out)
    assert code == 0
    assert doc["structure"] == "CdSe:2/CdS:1.5|toluene" and doc["model"] == "radial"
    assert doc["temperature_K"] == 300.0
    assert len(doc["electron"]) == 2 and {"n", "l", "energy_eV"} <= set(doc["hole"][0])
    assert {"energy_eV", "wavelength_nm", "binding_energy_eV", "overlap"} <= set(doc["exciton"])
    assert doc["alignment"] in ("type-I", "reverse-type-I", "quasi-type-II", "type-II")
    assert set(doc["localization"]) == {"electron", "hole"}


def test_levels_plot_writes_png(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    path = __import__("pathlib").Path(str(tmp_path)) / "bands.png"
    code, _, _ = run(capsys, "levels", "CdSe:2.0/ZnS:0.6", "--plot", str(path))
    assert code == 0 and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_size_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "size", "CdSe", "--wavelength", "550", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["model"] == "radial"
    # Yu et al. 2003: a 550 nm first exciton belongs to a 3.04 nm CdSe dot
    assert doc["diameter_nm"] == pytest.approx(3.04, abs=0.3)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("levels", "CdSe:2", "--model", "nonsense"), "unknown model"),
        (("levels", "CdSe:2/CdS:1", "--model", "brus"), "models that do"),
        (("levels", "PbSe:3"), "band edges"),
        (("size", "CdSe", "--wavelength", "900"), "outside that range"),
        (("size", "CdSe"), "exactly one of"),
        (("levels", "CdSe:2", "--plot", "out.pdf"), ".png"),
    ],
)
def test_electronic_user_errors(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]


def test_report_includes_electronic_structure(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    code, out, _ = run(capsys, "report", "-o", str(tmp_path) + "/r", "--json")
    el = json.loads(out)["structures"][0]["electronic"]
    assert code == 0 and el["alignment"] == "quasi-type-II"
    assert 600.0 < el["exciton"]["wavelength_nm"] < 640.0


def test_size_with_published_curves(capsys: pytest.CaptureFixture[str]) -> None:
    # Yu 2003 check point: 550 nm -> 3.040 nm; Moreels 2009: 1.0614 eV -> 4.0 nm
    code, out, _ = run(
        capsys, "size", "CdSe", "--wavelength", "550", "--method", "yu2003", "--json"
    )
    doc = json.loads(out)
    assert code == 0 and doc["diameter_nm"] == pytest.approx(3.040, abs=1e-3)
    assert doc["extinction_M-1cm-1"] == pytest.approx(5857 * 3.040**2.65, rel=1e-3)
    code, out, _ = run(
        capsys, "size", "PbS", "--energy", "1.0614", "--method", "moreels2009", "--json"
    )
    assert code == 0 and json.loads(out)["diameter_nm"] == pytest.approx(4.0, abs=1e-3)
    code, out, err = run(capsys, "size", "CdSe", "--wavelength", "900", "--method", "yu2003")
    assert code == 2 and "bulk band gap" in err


@pytest.mark.parametrize(
    "path",
    sorted(__import__("pathlib").Path(__file__).parents[1].joinpath("examples").glob("*.toml")),
    ids=lambda p: p.name,
)
def test_every_example_runs_through_the_main_job(
    capsys: pytest.CaptureFixture[str], path: object, tmp_path: object
) -> None:
    code, out, _ = run(capsys, "report", str(path), "-o", str(tmp_path) + "/r", "--json")
    doc = json.loads(out)
    assert code == 0
    for entry in doc["structures"]:
        assert "exciton" in entry["electronic"], entry["electronic"]


def test_spectrum_json_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    csv = __import__("pathlib").Path(str(tmp_path)) / "s.csv"
    code, out, _ = run(
        capsys,
        "spectrum",
        "CdSe:2.0/CdS:1.5|toluene",
        "--dispersion",
        "5",
        "--csv",
        str(csv),
        "--json",
    )
    doc = json.loads(out)
    assert code == 0
    for key in (
        "first_exciton_nm",
        "pl_peak_nm",
        "pl_fwhm_nm",
        "stokes_shift_meV",
        "wavelength_nm",
        "absorption_cross_section_cm2",
        "pl",
    ):
        assert key in doc
    assert len(doc["wavelength_nm"]) == len(doc["pl"]) == len(doc["absorption_cross_section_cm2"])
    assert max(doc["pl"]) == pytest.approx(1.0)
    assert csv.read_text().startswith("wavelength_nm,absorption_cross_section_cm2")


def test_crosssection_and_color(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "crosssection", "CdSe:2.0|hexane", "--wavelength", "350", "--json")
    doc = json.loads(out)
    assert code == 0 and {"sigma_cm2", "epsilon_M-1cm-1"} <= set(doc)
    # Leatherdale 2002: 5.501e5 a^3 cm^-1 for a = 2 nm
    assert doc["sigma_cm2"] == pytest.approx(5.501e5 * (2e-7) ** 3, rel=0.15)
    code, out, _ = run(
        capsys,
        "color",
        "CdSe:2.6/CdS:1.5|toluene",
        "CdSe:1.6/ZnS:0.5|toluene",
        "ZnSe:2|toluene",
        "--linewidth",
        "40",
        "--json",
    )
    doc = json.loads(out)
    assert code == 0 and len(doc["colors"]) == 3
    assert set(doc["gamut_coverage"]) == {"sRGB", "DCI-P3", "Rec. 2020"}
    code, _, err = run(capsys, "color", "CdSe:2", "CdSe:3")
    assert code == 2 and "three" in err


def test_fit_absorption_cli(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    import numpy as np

    from qdopto.optics import ensemble_spectrum

    true = ensemble_spectrum(
        "CdSe:2.1|toluene", dispersion_pct=6.0, wavelength_nm=np.linspace(330.0, 720.0, 391)
    )
    path = __import__("pathlib").Path(str(tmp_path)) / "abs.csv"
    np.savetxt(
        path,
        np.column_stack([true.wavelength_nm, true.extinction_M_cm * 0.5e-6]),
        delimiter=",",
        header="wavelength_nm,absorbance",
        comments="",
    )
    code, out, _ = run(capsys, "fit-absorption", str(path), "--material", "CdSe", "--json")
    doc = json.loads(out)
    assert code == 0
    for key in (
        "diameter_nm",
        "dispersion_pct",
        "concentration_uM",
        "diameter_err_nm",
        "dispersion_err_pct",
        "concentration_err_uM",
    ):
        assert key in doc
    assert doc["diameter_nm"] == pytest.approx(4.2, rel=0.01)
    code, _, err = run(capsys, "fit-absorption", str(path) + ".missing", "--material", "CdSe")
    assert code == 2 and "not found" in err


def test_waveguide_and_dfb_cli(capsys: pytest.CaptureFixture[str]) -> None:
    stack = "SiO2:inf/SiNx:100/QD(CdSe:2.0/CdS:1.5,fill=0.5):55/SiNx:100/air:inf"
    code, out, _ = run(capsys, "waveguide", stack, "--wavelength", "630", "--json")
    doc = json.loads(out)
    assert code == 0
    for key in ("n_eff", "n_group", "confinement", "loss_cm-1", "polarization"):
        assert key in doc["modes"][0]
    code, out, _ = run(
        capsys,
        "cavity",
        "dfb",
        "--stack",
        "SiO2:inf/SiNx:170/QD(CdSe:2.0/CdS:1.5,fill=0.6):40/air:inf",
        "--wavelength",
        "630",
        "--grating-layer",
        "1",
        "--etch-depth",
        "50",
        "--json",
    )
    doc = json.loads(out)
    assert code == 0
    assert {"period_nm", "n_eff", "kappa_cm-1", "stopband_nm"} <= set(doc)
    assert doc["period_nm"] == pytest.approx(630.0 / doc["n_eff"])  # second order
    code, _, err = run(capsys, "waveguide", "SiO2:inf/SiNx:20/air:inf", "--wavelength", "630")
    assert code == 2 and "guides no mode" in err
