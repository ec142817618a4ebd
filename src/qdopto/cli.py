"""The ``qdopto`` command line: a thin layer that parses, calls the library and prints.

Every command takes ``--json`` and then prints exactly one JSON document on stdout. A user
error prints one line on stderr and exits with status 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from qdopto import __version__
from qdopto.errors import QdoptoError, QdoptoWarning

app = typer.Typer(
    name="qdopto",
    help="Design semiconductor quantum dots and predict their optoelectronic performance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
materials_app = typer.Typer(help="The materials database.", no_args_is_help=True)
app.add_typer(materials_app, name="materials")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
TempOpt = Annotated[
    str, typer.Option("--temperature", "-T", help="Temperature, e.g. 300 or '77 K'.")
]


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False, markup=False)


def _working(what: str) -> Any:
    """A transient spinner on stderr (stdout stays clean for --json) for slow solves."""
    return Console(stderr=True).status(what, spinner="dots")


def _emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, indent=2, allow_nan=False) + "\n")


def _temperature(text: str) -> float:
    from qdopto.units import parse_quantity

    t = parse_quantity(text, "K", what="--temperature")
    if not (0 <= t <= 5000):
        raise QdoptoError(f"--temperature must be between 0 and 5000 K, got {text}")
    return t


def _length_nm(text: str, what: str) -> float:
    """A length option with an optional unit ("800", "0.8 um") [nm]."""
    from qdopto.units import parse_quantity

    return float(parse_quantity(text, "nm", what=what))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"qdopto {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """qdopto: from a QD design to numbers you can act on."""


# ---------------------------------------------------------------------- materials
@materials_app.command("list")
def materials_list(
    category: Annotated[
        str | None, typer.Option(help="semiconductor, medium, transport or electrode.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the materials of the database (and the alloy families)."""
    from qdopto.materials import default_database
    from qdopto.materials.loader import CATEGORIES

    if category is not None and category not in CATEGORIES:
        raise QdoptoError(f"unknown category '{category}'; use one of {', '.join(CATEGORIES)}")
    db = default_database()
    names = db.names(category)
    if as_json:
        _emit_json(
            {
                "materials": [
                    {
                        "name": n,
                        "category": db.materials[n].category,
                        "description": db.materials[n].description,
                        "aliases": list(db.materials[n].aliases),
                    }
                    for n in names
                ],
                "alloys": [
                    {"name": f.name, "endpoints": list(f.endpoints), "description": f.description}
                    for f in sorted(db.families.values(), key=lambda f: f.name)
                ],
            }
        )
        return
    table = Table(title=f"{len(names)} materials")
    for col in ("name", "category", "description"):
        table.add_column(col)
    for n in names:
        m = db.materials[n]
        table.add_row(n, m.category, m.description)
    con = _console()
    con.print(table)
    fams = ", ".join(
        f"{f.name} ({f.endpoints[0]}-{f.endpoints[1]})"
        for f in sorted(db.families.values(), key=lambda f: f.name)
    )
    con.print(f"Alloy families (write e.g. Cd0.5Zn0.5Se): {fams}")


@materials_app.command("search")
def materials_search(text: str, as_json: JsonOpt = False) -> None:
    """Find materials whose name, alias, formula or description contains TEXT."""
    from qdopto.materials import search

    found = search(text)
    if as_json:
        _emit_json({"query": text, "materials": [m.name for m in found]})
        return
    con = _console()
    if not found:
        con.print(f"no material matches '{text}'")
    for m in found:
        con.print(f"{m.name:12s} {m.category:13s} {m.description}")


@materials_app.command("show")
def materials_show(
    name: str,
    temperature: TempOpt = "300",
    as_json: JsonOpt = False,
) -> None:
    """Show a material's parameters with units and sources, resolved at a temperature."""
    from qdopto.materials import get

    t = _temperature(temperature)
    mat = get(name)
    resolved = mat.at(t)
    if as_json:
        doc = mat.to_dict()
        doc["resolved"] = resolved.to_dict()
        _emit_json(doc)
        return
    con = _console()
    con.print(
        f"{mat.name}: {mat.description} ({mat.category}"
        f"{', ' + mat.crystal_structure if mat.crystal_structure else ''})",
        style="bold",
    )
    if mat.notes:
        con.print(mat.notes)
    table = Table()
    for col in ("parameter", "value", "unit", "source"):
        table.add_column(col, overflow="fold")
    for key, p in sorted(mat.parameters.items()):
        src = p.source + (f" [{p.loc}]" if p.loc else "")
        table.add_row(key, f"{p.value:.6g}", p.unit, src)
    con.print(table)
    res = resolved.to_dict()
    derived = {k: v for k, v in res["values"].items() if k in ("Eg", "Ec", "Ev")}
    derived.update(res["derived"])
    if derived:
        con.print(
            f"At {t:g} K: "
            + ", ".join(f"{k} = {v:.4g}" for k, v in derived.items())
            + "  (Eg, Ec, Ev in eV on the vacuum scale; masses in m_e; radius in nm)"
        )
    if mat.refractive_index is not None:
        ri = mat.refractive_index
        con.print(
            f"Refractive index: {ri.model} model, {ri.range_nm[0]:g}-{ri.range_nm[1]:g} nm "
            f"({ri.source})"
        )


# ---------------------------------------------------------------------- structures
@app.command("structure")
def structure_cmd(spec: str, as_json: JsonOpt = False) -> None:
    """Describe a structure given as a spec, e.g. 'CdSe:2.0/CdS:1.5/ZnS:0.5|toluene' or
    'CdSe:1.5@rod(CdS, length=30, radius=2.5)'."""
    from qdopto.structures import SphericalQD, is_shape_spec, parse_shape

    if is_shape_spec(spec):
        doc = parse_shape(spec).to_dict()
        if as_json:
            _emit_json(doc)
            return
        con = _console()
        con.print(f"{doc['spec']}  ({doc['kind']})", style="bold")
        for key, value in doc.items():
            if key not in ("spec", "kind") and value is not None:
                con.print(f"  {key}: {value}")
        return
    qd = SphericalQD.from_spec(spec)
    doc = qd.to_dict()
    if as_json:
        _emit_json(doc)
        return
    _print_structure(doc)


def _print_structure(doc: dict[str, Any], con: Console | None = None) -> None:
    con = con or _console()
    con.print(f"{doc['spec']}  ({doc['kind']})", style="bold")
    table = Table()
    for col in ("layer", "material", "thickness [nm]", "inner r [nm]", "outer r [nm]"):
        table.add_column(col)
    for lay in doc["layers"]:
        mat = lay["material"] + (f" > {lay['graded_to']}" if lay["graded_to"] else "")
        table.add_row(
            lay["role"],
            mat,
            f"{lay['thickness_nm']:g}",
            f"{lay['inner_radius_nm']:g}",
            f"{lay['outer_radius_nm']:g}",
        )
    con.print(table)
    con.print(
        f"medium: {doc['medium']}; total radius {doc['total_radius_nm']:g} nm "
        f"(diameter {doc['diameter_nm']:g} nm); volume {doc['volume_nm3']:.4g} nm^3"
    )


# ---------------------------------------------------------------------- electronic
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        help="auto; spheres: radial, brus, infinite-well; rods, platelets, epitaxial dots: "
        "axisymmetric, 3d, separable.",
    ),
]


@app.command("levels")
def levels_cmd(
    spec: str,
    model: ModelOpt = "auto",
    temperature: TempOpt = "300",
    states: Annotated[int, typer.Option(help="Electron and hole levels to report.")] = 1,
    plot: Annotated[
        Path | None,
        typer.Option(
            help="Write the band diagram with densities (spheres) or the density maps "
            "(rods, platelets, epitaxial dots) to FILE.png."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Electron and hole levels, exciton, overlap, localisation and band alignment."""
    from qdopto.electronic import solve
    from qdopto.structures import is_shape_spec

    t_k = _temperature(temperature)
    if is_shape_spec(spec):
        with _working(f"solving {spec}"):
            result = solve(spec, model=model, temperature_K=t_k, states=states)
    else:
        result = solve(spec, model=model, temperature_K=t_k, states=states)
    if plot is not None:
        from qdopto.electronic import ElectronicResult
        from qdopto.report.figures import band_diagram, shape_density_figure

        if isinstance(result, ElectronicResult):
            band_diagram(result, plot)
        else:
            shape_density_figure(result, plot)
    doc = result.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    con.print(f"{doc['structure']}  model {doc['model']}, {doc['temperature_K']:g} K", style="bold")
    table = Table()
    for col in ("carrier", "state", "energy [eV]", "grid error [meV]"):
        table.add_column(col)
    for carrier in ("electron", "hole"):
        for lv in doc[carrier]:
            table.add_row(
                carrier, lv["label"], f"{lv['energy_eV']:.4f}", f"{1e3 * lv['error_eV']:.3f}"
            )
    con.print(table)
    x = doc["exciton"]
    con.print(
        f"exciton: {x['energy_eV']:.4f} eV ({x['wavelength_nm']:.1f} nm), binding "
        f"{1e3 * x['binding_energy_eV']:.1f} meV, overlap {x['overlap']:.3f}"
    )
    loc = doc["localization"]
    if "shape" in doc:  # name the regions of a rod, platelet or epitaxial dot
        names = {str(r["index"]): r["role"] for r in doc["shape"]["regions"][:-1]}
        loc = {c: {names.get(k, k): v for k, v in loc[c].items()} for c in ("electron", "hole")}
    where = ""
    if loc["electron"] and loc["hole"]:
        where = (
            "; electron in layers "
            + ", ".join(f"{k}: {v:.2f}" for k, v in loc["electron"].items())
            + "; hole in layers "
            + ", ".join(f"{k}: {v:.2f}" for k, v in loc["hole"].items())
        )
    con.print(f"alignment: {doc['alignment']}{where}")
    cal = doc.get("calibration")
    if isinstance(cal, dict) and "value_nm" in cal:
        con.print(
            f"calibration: surface offset {cal['value_nm']} nm for {cal['material']} "
            f"({cal['fitted_to']})"
        )
    elif cal:
        con.print(f"calibration: {cal}")
    if plot is not None:
        con.print(f"figure written to {plot}")


@app.command("fine-structure")
def fine_structure_cmd(
    spec: str,
    temperature: TempOpt = "300",
    as_json: JsonOpt = False,
) -> None:
    """Band-edge exciton fine structure: dark and bright levels and the Stokes shifts."""
    from qdopto.electronic.fine_structure import fine_structure

    res = fine_structure(spec, _temperature(temperature))
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    con.print(
        f"{doc['structure']}: {doc['material']} parameters, eta {res.eta_meV:.3g} meV, "
        f"Delta {res.delta_meV:.3g} meV",
        style="bold",
    )
    table = Table()
    for col in ("level", "energy [meV]", "degeneracy", "share of 1S strength"):
        table.add_column(col)
    for lv in doc["levels"]:
        table.add_row(
            lv["label"], f"{lv['energy_meV']:.2f}", str(lv["degeneracy"]), f"{lv['share']:.3f}"
        )
    con.print(table)
    con.print(
        f"dark-bright splitting {res.dark_bright_meV:.2f} meV, resonant Stokes shift "
        f"{res.resonant_stokes_meV:.2f} meV, intrinsic Stokes shift at "
        f"{res.temperature_K:g} K {res.intrinsic_stokes_meV:.2f} meV"
    )
    for note in res.notes:
        con.print(f"note: {note}")


@app.command("biexciton")
def biexciton_cmd(
    spec: str,
    method: Annotated[
        str, typer.Option(help="ci (configuration interaction) or perturbation (2nd order)")
    ] = "ci",
    # default = qdopto.electronic.biexciton.DEFAULT_MAX_ORBITALS (tested; not imported at load)
    orbitals: Annotated[int, typer.Option(help="CI: orbitals per carrier, counting m (1-60)")] = 36,
    temperature: TempOpt = "300",
    as_json: JsonOpt = False,
) -> None:
    """Exciton-biexciton shift E_XX - 2 E_X (positive = repulsive) and its convergence."""
    from qdopto.electronic.biexciton import biexciton_shift

    res = biexciton_shift(spec, _temperature(temperature), method=method, max_orbitals=orbitals)
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    kind = "repulsive" if res.repulsive else "bound"
    con.print(
        f"{doc['structure']}: exciton-biexciton shift {res.shift_meV:+.1f} meV ({kind})",
        style="bold",
    )
    con.print(
        f"first order (charge separation) {res.first_order_meV:+.2f} meV, correlation "
        f"{res.correlation_meV:+.2f} meV; J_ee {res.J_ee_meV:.1f}, J_hh {res.J_hh_meV:.1f}, "
        f"J_eh {res.J_eh_meV:.1f} meV"
    )
    conv = res.convergence
    if res.x_minus_shift_meV is not None and res.x_plus_shift_meV is not None:
        con.print(
            f"trion lines relative to the exciton: X- {res.x_minus_shift_meV:+.1f} meV, "
            f"X+ {res.x_plus_shift_meV:+.1f} meV (negative = red-shifted)"
        )
    if res.method == "ci":
        d = conv["dshift_basis_meV"]
        con.print(
            f"CI: {conv['orbitals_e']} electron and {conv['orbitals_h']} hole orbitals, "
            f"{conv['dimension_xx']} biexciton configurations; change from 2/3 of the "
            f"orbitals {'n/a' if d is None else f'{d:+.2f} meV'}; second order would give "
            f"{conv['second_order_shift_meV']:+.1f} meV (perturbation ratio "
            f"{conv['perturbation_ratio']:.2f})"
        )
    else:
        con.print(
            f"second order: l <= {res.max_l}, {res.max_n} radial states; perturbation ratio "
            f"{conv['perturbation_ratio']:.2f}; it overestimates biexciton binding outside "
            "strong confinement (--method ci, the default, includes all orders)"
        )
    con.print(f"method: {doc['method']}")


@app.command("size")
def size_cmd(
    material: str,
    wavelength: Annotated[float | None, typer.Option(help="First-exciton wavelength [nm].")] = None,
    energy: Annotated[float | None, typer.Option(help="First-exciton energy [eV].")] = None,
    model: ModelOpt = "auto",
    method: Annotated[
        str,
        typer.Option(
            help="model (the electronic model) or a published curve: yu2003 (CdSe, CdS), "
            "moreels2009 (PbS)."
        ),
    ] = "model",
    temperature: TempOpt = "300",
    medium: Annotated[str, typer.Option(help="Medium around the dot.")] = "ligand",
    as_json: JsonOpt = False,
) -> None:
    """Core diameter whose first exciton sits at --wavelength NM or --energy EV."""
    from qdopto.constants import HC_EV_NM
    from qdopto.electronic import core_size_for

    if (wavelength is None) == (energy is None):
        raise QdoptoError("give exactly one of --wavelength NM or --energy EV")
    if method != "model":
        from qdopto.materials import get
        from qdopto.optics import sizing_curve

        curve = sizing_curve(get(material).name, method)
        lam = wavelength if wavelength is not None else HC_EV_NM / float(energy or 0.0)
        d = float(curve.diameter_nm(lam))
        doc = {
            "material": curve.material,
            "diameter_nm": d,
            "wavelength_nm": lam,
            "energy_eV": HC_EV_NM / lam,
            "model": curve.name,
            "reference": curve.reference,
            "valid_diameters_nm": list(curve.diameter_range_nm),
            "extinction_M-1cm-1": float(curve.extinction(d, warn=False)),
            "extinction_at": curve.extinction_wavelength,
        }
        if as_json:
            _emit_json(doc)
            return
        _console().print(
            f"{curve.material}: diameter {d:.3f} nm for a first exciton at {lam:.1f} nm "
            f"({curve.reference}); extinction {doc['extinction_M-1cm-1']:.4g} M^-1 cm^-1 "
            f"at the {curve.extinction_wavelength}"
        )
        return
    res = core_size_for(
        material,
        energy_eV=energy,
        wavelength_nm=wavelength,
        model=model,
        temperature_K=_temperature(temperature),
        medium=medium,
    )
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    _console().print(
        f"{res.material}: diameter {res.diameter_nm:.3f} nm for a first exciton at "
        f"{res.energy_eV:.4f} eV ({res.wavelength_nm:.1f} nm); model {res.model}, "
        f"{res.temperature_K:g} K, in {res.medium}"
    )


# ---------------------------------------------------------------------- optics
DispOpt = Annotated[
    float, typer.Option("--dispersion", help="Core-radius dispersion [% of the mean].")
]
LinewidthOpt = Annotated[
    float | None,
    typer.Option("--linewidth", help="Homogeneous FWHM [meV] (default: database couplings)."),
]
StokesOpt = Annotated[
    str,
    typer.Option(
        "--stokes",
        help="Intrinsic Stokes shift of each dot [meV], or 'model' for the exciton fine "
        "structure (Efros et al. 1996) where the material has its parameters.",
    ),
]


def _stokes(text: str) -> float | None:
    """``model`` (None) or an energy with an optional unit ("20", "20 meV") [meV]."""
    if text.strip().lower() == "model":
        return None
    from qdopto.units import parse_quantity

    try:
        return parse_quantity(text, "meV", what="--stokes")
    except QdoptoError as exc:
        raise QdoptoError(f"{exc}, or 'model'") from None


def _spectrum(
    spec: str,
    dispersion: float,
    temperature: str,
    linewidth: float | None,
    stokes: str,
    shell_dispersion: float = 0.0,
) -> Any:
    from qdopto.optics import ensemble_spectrum
    from qdopto.structures import is_shape_spec

    if is_shape_spec(spec):
        from qdopto.optics.shape_spectra import shape_spectrum

        t_k = _temperature(temperature)
        if shell_dispersion:
            raise QdoptoError("--shell-dispersion applies to spherical core/shell structures")
        with _working(f"solving the states of {spec} on its grid"):
            return shape_spectrum(
                spec,
                dispersion_pct=dispersion,
                temperature_K=t_k,
                linewidth_meV=linewidth,
                stokes_shift_meV=_stokes(stokes),
            )
    return ensemble_spectrum(
        spec,
        dispersion_pct=dispersion,
        temperature_K=_temperature(temperature),
        linewidth_meV=linewidth,
        stokes_shift_meV=_stokes(stokes),
        shell_dispersion_pct=shell_dispersion,
    )


@app.command("spectrum")
def spectrum_cmd(
    spec: str,
    dispersion: DispOpt = 5.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    stokes: StokesOpt = "model",
    shell_dispersion: Annotated[
        float,
        typer.Option(
            "--shell-dispersion",
            help="Spread of the shell thicknesses [% of each thickness], independent of the "
            "core's.",
        ),
    ] = 0.0,
    csv: Annotated[Path | None, typer.Option(help="Write the spectra to FILE.csv.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Plot the spectra to FILE.png.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ensemble absorption (cross-section per dot) and PL spectra of a structure."""
    res = _spectrum(spec, dispersion, temperature, linewidth, stokes, shell_dispersion)
    if csv is not None:
        import numpy as np

        if csv.suffix.lower() != ".csv":
            raise QdoptoError(f"CSV file must end in .csv, got '{csv.name}'")
        csv.parent.mkdir(parents=True, exist_ok=True)
        np.savetxt(
            csv,
            np.column_stack(
                [res.wavelength_nm, res.absorption_cross_section_cm2, res.extinction_M_cm, res.pl]
            ),
            delimiter=",",
            header="wavelength_nm,absorption_cross_section_cm2,extinction_M-1cm-1,pl_normalised",
            comments="",
        )
    if plot is not None:
        from qdopto.report.figures import spectrum_figure

        spectrum_figure(res, plot)
    if as_json:
        _emit_json(res.to_dict())
        return
    _console().print(
        f"{res.structure.spec}: first exciton {res.first_exciton_nm:.1f} nm, PL peak "
        f"{res.pl_peak_nm:.1f} nm, PL FWHM {res.pl_fwhm_nm:.1f} nm, Stokes shift "
        f"{res.stokes_shift_meV:.1f} meV ({res.dispersion_pct:g} % size dispersion, "
        f"homogeneous FWHM {res.homogeneous_fwhm_meV:.1f} meV at {res.temperature_K:g} K)"
    )
    _console().print(
        f"intrinsic Stokes shift {res.details['intrinsic_stokes_shift_meV']:.1f} meV: "
        f"{res.details['stokes_model']}"
    )


@app.command("crosssection")
def crosssection_cmd(
    spec: str,
    wavelength: Annotated[float, typer.Option(help="Wavelength [nm].")],
    dispersion: DispOpt = 5.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Absorption cross-section per dot and molar extinction coefficient at a wavelength."""
    import numpy as np

    if not (np.isfinite(wavelength) and wavelength > 0):
        raise QdoptoError(f"--wavelength must be a positive number of nm, got {wavelength}")
    from qdopto.optics.crosssection import extinction_from_cross_section

    res = _spectrum(spec, dispersion, temperature, linewidth, "0")
    lo, hi = float(res.wavelength_nm[0]), float(res.wavelength_nm[-1])
    if not lo <= wavelength <= hi:
        raise QdoptoError(
            f"--wavelength must lie within the computed spectrum, {lo:.0f}-{hi:.0f} nm "
            "(below the absorption edge the cross-section vanishes)"
        )
    sigma = float(np.interp(wavelength, res.wavelength_nm, res.absorption_cross_section_cm2))
    doc = {
        "structure": res.structure.spec,
        "wavelength_nm": wavelength,
        "sigma_cm2": sigma,
        "epsilon_M-1cm-1": float(extinction_from_cross_section(sigma)),
        "dispersion_pct": dispersion,
        "temperature_K": res.temperature_K,
    }
    if as_json:
        _emit_json(doc)
        return
    _console().print(
        f"{doc['structure']} at {wavelength:g} nm: sigma = {sigma:.4g} cm^2, "
        f"epsilon = {doc['epsilon_M-1cm-1']:.4g} M^-1 cm^-1"
    )


@app.command("color")
def color_cmd(
    specs: Annotated[list[str], typer.Argument(help="One structure, or three (R, G, B).")],
    dispersion: DispOpt = 5.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    stokes: StokesOpt = "model",
    as_json: JsonOpt = False,
) -> None:
    """CIE 1931 colour of the emission; with three structures also the gamut coverage."""
    from qdopto.optics import chromaticity, gamut_coverage

    if len(specs) not in (1, 3):
        raise QdoptoError("give one structure, or three (red, green, blue)")
    colours = []
    for spec in specs:
        res = _spectrum(spec, dispersion, temperature, linewidth, stokes)
        c = chromaticity(res.wavelength_nm, res.pl)
        colours.append(
            {"structure": res.structure.spec, "pl_peak_nm": res.pl_peak_nm, **c.to_dict()}
        )
    doc: dict[str, Any] = {"colors": colours}
    if len(specs) == 3:
        doc["gamut_coverage"] = gamut_coverage([[col["x"], col["y"]] for col in colours])
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    for col in colours:
        con.print(
            f"{col['structure']}: x = {col['x']:.4f}, y = {col['y']:.4f}, dominant "
            f"{col['dominant_wavelength_nm']:.1f} nm, purity {col['purity']:.3f}"
        )
    if "gamut_coverage" in doc:
        con.print(
            "gamut coverage (CIE 1931 xy): "
            + ", ".join(f"{k} {100 * v:.1f} %" for k, v in doc["gamut_coverage"].items())
        )


@app.command("fit-absorption")
def fit_absorption_cmd(
    file: Annotated[Path, typer.Argument(help="CSV with columns wavelength [nm], absorbance.")],
    material: Annotated[str, typer.Option(help="Core material of the dots.")],
    shells: Annotated[str, typer.Option(help="Fixed shells as a spec suffix, e.g. /ZnS:0.5")] = "",
    medium: Annotated[str, typer.Option(help="Solvent.")] = "toluene",
    path_cm: Annotated[float, typer.Option("--path", help="Cuvette path length [cm].")] = 1.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fit a measured absorption spectrum: mean diameter, size dispersion, concentration."""
    from qdopto.optics.fitting import fit_absorption, read_absorption_csv

    if not (path_cm > 0):
        raise QdoptoError(f"--path must be a positive length in cm, got {path_cm}")
    fit = fit_absorption(
        read_absorption_csv(file),
        material,
        shells=shells,
        medium=medium,
        path_cm=path_cm,
        temperature_K=_temperature(temperature),
        linewidth_meV=linewidth,
    )
    if as_json:
        _emit_json(fit.to_dict())
        return
    _console().print(
        f"{fit.material}: diameter {fit.diameter_nm:.3f} +- {fit.diameter_err_nm:.3f} nm, "
        f"dispersion {fit.dispersion_pct:.1f} +- {fit.dispersion_err_pct:.1f} %, "
        f"concentration {fit.concentration_uM:.4g} +- {fit.concentration_err_uM:.2g} uM "
        f"(from {fit.concentration_wavelength_nm:.0f} nm, {fit.path_cm:g} cm path)"
    )


# ---------------------------------------------------------------------- photonics
cavity_app = typer.Typer(help="Cavity design.", no_args_is_help=True)
app.add_typer(cavity_app, name="cavity")


@app.command("waveguide")
def waveguide_cmd(
    stack: Annotated[
        str, typer.Argument(help="e.g. 'SiO2:inf/SiNx:100/QD(CdSe:2/CdS:1.5):55/air:inf'")
    ],
    wavelength: Annotated[float, typer.Option(help="Wavelength [nm].")],
    width: Annotated[
        str | None,
        typer.Option(
            help="Ridge width (e.g. 800 or '0.8 um'): solve the channel guide whose top "
            "--ridge-layers inner layers are patterned to this width (full-vectorial)."
        ),
    ] = None,
    ridge_layers: Annotated[
        int, typer.Option("--ridge-layers", help="Inner layers (from the top) in the ridge.")
    ] = 1,
    num_modes: Annotated[int, typer.Option("--modes", help="Channel modes to look for.")] = 4,
    resolution: Annotated[
        float | None, typer.Option(help="Channel grid: largest cell in the guide [nm].")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Channel guide: |E|^2 maps of TE0/TM0 to FILE.png.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Guided TE and TM modes of a planar stack or, with --width, of a channel waveguide:
    n_eff, n_group, confinement, loss."""
    from qdopto.photonics import modes, parse_stack

    doc: dict[str, Any]
    if width is None:
        if plot is not None:
            raise QdoptoError("--plot draws channel modes: give --width as well")
        doc = modes(parse_stack(stack), wavelength).to_dict()
    else:
        from qdopto.photonics.channel import ChannelGuide, channel_modes

        guide = ChannelGuide(parse_stack(stack), _length_nm(width, "--width"), ridge_layers)
        with _working("solving the channel modes (full-vectorial FD)"):
            res = channel_modes(guide, wavelength, num_modes=num_modes, resolution_nm=resolution)
        if plot is not None:
            from qdopto.report.figures import channel_mode_figure

            channel_mode_figure(res, plot)
        doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    title = doc["stack"] + (f", ridge {doc['width_nm']:g} nm" if width is not None else "")
    con.print(f"{title} at {wavelength:g} nm", style="bold")
    table = Table()
    for col in ("mode", "n_eff", "n_group", "loss [cm^-1]", "largest confinement"):
        table.add_column(col)
    for m in doc["modes"]:
        best = max(m["confinement"].items(), key=lambda kv: kv[1])
        table.add_row(
            f"{m['polarization']}{m['order']}",
            f"{m['n_eff']:.5f}",
            f"{m['n_group']:.4f}",
            f"{m['loss_cm-1']:.4g}",
            f"{best[1]:.3f} in {best[0]}",
        )
    con.print(table)
    if plot is not None:
        con.print(f"mode maps written to {plot}")


@cavity_app.command("dfb")
def dfb_cmd(
    stack: Annotated[str, typer.Option(help="The waveguide stack.")],
    wavelength: Annotated[float, typer.Option(help="Target lasing wavelength [nm].")],
    order: Annotated[int, typer.Option(help="Bragg order (2: surface emitting).")] = 2,
    etch_depth: Annotated[float, typer.Option(help="Grating etch depth [nm].")] = 30.0,
    grating_layer: Annotated[
        int | None, typer.Option(help="Index of the etched layer (default: topmost inner).")
    ] = None,
    duty: Annotated[
        float | None, typer.Option(help="Grating duty cycle (default 1/(2 order)).")
    ] = None,
    width: Annotated[
        str | None,
        typer.Option(help="Ridge width (e.g. 800 or '2 um'): a ridge DFB with channel modes."),
    ] = None,
    ridge_layers: Annotated[
        int, typer.Option("--ridge-layers", help="Inner layers (from the top) in the ridge.")
    ] = 1,
    as_json: JsonOpt = False,
) -> None:
    """DFB / PCSEL design: grating period, n_eff, coupling coefficient, stop band."""
    from qdopto.photonics import parse_stack
    from qdopto.photonics.cavities import dfb_design

    width_nm = None if width is None else _length_nm(width, "--width")
    spinner = (
        _working("solving the ridge's channel modes (full-vectorial FD)")
        if width_nm is not None
        else contextlib.nullcontext()
    )
    with spinner:
        doc = dfb_design(
            parse_stack(stack),
            wavelength,
            order,
            etch_depth_nm=etch_depth,
            grating_layer=grating_layer,
            duty_cycle=duty,
            width_nm=width_nm,
            ridge_layers=ridge_layers,
        )
    if as_json:
        _emit_json(doc)
        return
    _console().print(
        f"period {doc['period_nm']:.1f} nm (order {order}) for {wavelength:g} nm; n_eff "
        f"{doc['n_eff']:.4f}, kappa {doc['kappa_cm-1']:.4g} cm^-1, stop band "
        f"{doc['stopband_nm']:.3g} nm"
    )


@app.command("laser")
def laser_cmd(
    design: Annotated[
        Path, typer.Argument(help="Design file (TOML) with [application] and [laser] tables.")
    ],
    plot: Annotated[Path | None, typer.Option(help="Plot the L-L curve to FILE.png.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """QD laser: threshold in the design's pump regime, ASE threshold and the L-L curve."""
    from qdopto.devices.design import laser_from_design
    from qdopto.structures.design import load_design

    res = laser_from_design(load_design(design))
    if plot is not None:
        from qdopto.report.figures import light_curve_figure

        light_curve_figure(res, plot)
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    th, cav = res.threshold, res.cavity
    con.print(
        f"{res.structure} in a {cav.kind} cavity at {cav.wavelength_nm:.1f} nm: confinement "
        f"{cav.confinement:.3f}, n_g {cav.group_index:.3f}, losses {cav.internal_loss_cm:.3g} "
        f"+ {cav.mirror_loss_cm:.3g} cm^-1 (Q {cav.q_factor:.3g})",
        style="bold",
    )
    if not th.lasing:
        con.print(th.reason)
    else:
        table = Table()
        for col in ("pump", "<N> or G", "threshold"):
            table.add_column(col)
        for name, t in res.thresholds.items():
            if t.threshold_fluence_uJ_cm2 is not None:
                value = f"{t.threshold_fluence_uJ_cm2:.4g} uJ/cm^2"
                exc = f"<N> = {t.threshold_N:.3f}"
            elif t.threshold_current_density_A_cm2 is not None:
                value = f"{t.threshold_current_density_A_cm2:.4g} A/cm^2"
                exc = f"G = {t.threshold_generation_per_ns:.3g} /ns"
            else:
                value = f"{t.threshold_intensity_kW_cm2:.4g} kW/cm^2"
                exc = f"G = {t.threshold_generation_per_ns:.3g} /ns"
            table.add_row(name + (" (design)" if name == th.pump else ""), exc, value)
        con.print(table)
        con.print(
            f"material gain needed {th.threshold_material_gain_cm:.4g} cm^-1 of at most "
            f"{th.max_material_gain_cm:.4g}; ASE threshold of the film waveguide "
            f"{_threshold_text(res.ase)}"
        )
    for note in doc["notes"]:
        con.print(f"note: {note}")
    if plot is not None:
        con.print(f"L-L curve written to {plot}")


def _threshold_text(t: Any) -> str:
    if t is None:
        return "not defined (microcavity, or no waveguide loss)"
    if not t.lasing:
        return "not reached"
    if t.threshold_fluence_uJ_cm2 is not None:
        return f"{t.threshold_fluence_uJ_cm2:.4g} uJ/cm^2"
    if t.threshold_current_density_A_cm2 is not None:
        return f"{t.threshold_current_density_A_cm2:.4g} A/cm^2"
    return f"{t.threshold_intensity_kW_cm2:.4g} kW/cm^2"


# ---------------------------------------------------------------------- report
@app.command("report")
def report_cmd(
    design: Annotated[
        Path | None, typer.Argument(help="Design file (TOML); default: the built-in example.")
    ] = None,
    outdir: Annotated[Path, typer.Option("-o", "--outdir", help="Output directory.")] = Path(
        "qdopto-report"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing report directory.")] = False,
    quiet: Annotated[bool, typer.Option(help="No progress display.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate a design end to end and write report.html, figures, results.json and CSVs."""
    from qdopto.report.build import build_report
    from qdopto.structures.design import builtin_design_path, load_design

    d = load_design(design if design is not None else builtin_design_path())
    con = _console()
    if quiet or as_json or not sys.stderr.isatty():  # no progress display into a pipe or file
        results = build_report(d, outdir, force=force)
    else:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as prog:
            task = prog.add_task("starting", total=None)
            results = build_report(
                d,
                outdir,
                force=force,
                progress=lambda text: prog.update(task, description=text),
            )
    if as_json:
        _emit_json(results)
        return
    con.print(
        f"{d.name} at {d.temperature_K:g} K"
        + (f" ({d.path})" if design else " (built-in example)"),
        style="bold",
    )
    for s in results["structures"]:
        line = f"{s['name']} [{s['spec']}]: "
        e, sp, g = s["electronic"], s["spectra"], s["gain"]
        bits = []
        if e:
            bits.append(
                f"first exciton {e['exciton']['wavelength_nm']:.1f} nm, "
                f"{e['alignment']}, e-h overlap {e['exciton']['overlap']:.2f}"
            )
        if sp:
            bits.append(f"PL {sp['pl_peak_nm']:.1f} nm (FWHM {sp['pl_fwhm_nm']:.1f} nm)")
        if g:
            bits.append(
                f"gain threshold <N> = {g['threshold_N']:.3f}, "
                f"{g['threshold_fluence_uJ_cm2']:.3g} uJ/cm^2 at "
                f"{g['pump_wavelength_nm']:g} nm"
            )
        con.print(line + "; ".join(bits))
    a = results["application"]
    if a and "dfb" in a:
        f = a["dfb"]
        con.print(
            f"DFB laser at {a['wavelength_nm']:.1f} nm: period {f['period_nm']:.1f} nm "
            f"(order {f['order']}), n_eff {f['n_eff']:.4f}, kappa "
            f"{f['kappa_cm-1']:.4g} cm^-1"
        )
    failed = [s for s in results["steps"] if s["status"] != "ok"]
    if failed:
        con.print(
            f"{len(failed)} step(s) not computed (see the report): "
            + "; ".join(s["name"] for s in failed)
        )
    con.print(f"report written to {outdir / 'report.html'}")


# ---------------------------------------------------------------------- gain, dynamics
def _pulse(text: str) -> tuple[float | None, str]:
    """'100fs', '7 ns', 'cw' -> (duration [ns] or None for CW, label)."""
    from qdopto.units import parse_quantity

    t = text.strip().lower()
    if t in ("cw", "continuous"):
        return None, "cw"
    ns = parse_quantity(text, "ns", what="--pulse")
    if not (ns == ns and 0 < ns <= 1e6):
        raise QdoptoError(
            f"--pulse must be a duration within 0-1 ms such as 100fs or 7ns, or cw; got '{text}'"
        )
    return ns, text.strip()


TauXXOpt = Annotated[
    float | None,
    typer.Option(
        "--tau-xx",
        help="Measured biexciton Auger lifetime [ps] (default: the --auger-model estimate).",
    ),
]
AugerOpt = Annotated[
    str,
    typer.Option(
        "--auger-model",
        help="Auger estimate: momentum (golden rule on the computed states, no fitted "
        "parameter) or overlap-volume (calibrated volume scaling).",
    ),
]


def _sigma2(
    text: str | None, spec: str, wavelength_nm: float, temperature: str
) -> tuple[float | None, str]:
    """``--sigma2``: None (one-photon pumping), 'model' (the library's estimate) or GM."""
    if text is None:
        return None, ""
    if text.strip().lower() == "model":
        from qdopto.optics.twophoton import two_photon_cross_section

        est = two_photon_cross_section(spec, wavelength_nm, _temperature(temperature))
        return est.sigma2_GM, "estimate, qdopto twophoton"
    try:
        value = float(text)
    except ValueError:
        raise QdoptoError(
            f"--sigma2 must be a cross-section in GM or 'model', got '{text}'"
        ) from None
    return value, "given"


@app.command("twophoton")
def twophoton_cmd(
    spec: str,
    wavelength: Annotated[float, typer.Option(help="Pump wavelength [nm].")],
    temperature: TempOpt = "300",
    as_json: JsonOpt = False,
) -> None:
    """Two-photon absorption cross-section of one dot [GM] (bulk-scaling estimate)."""
    from qdopto.optics.twophoton import two_photon_cross_section

    res = two_photon_cross_section(spec, wavelength, _temperature(temperature))
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    _console().print(
        f"{res.structure} at {wavelength:g} nm: sigma2 = {res.sigma2_GM:.3g} GM "
        f"(two photons {doc['two_photon_energy_eV']:.3f} eV, first exciton "
        f"{res.first_exciton_eV:.3f} eV)"
    )
    for note in res.notes:
        _console().print(f"note: {note}")


@app.command("gain")
def gain_cmd(
    spec: str,
    pump_wavelength: Annotated[
        float, typer.Option("--pump-wavelength", help="Pump wavelength [nm].")
    ] = 400.0,
    pulse: Annotated[str, typer.Option(help="Pulse length (100fs, 7ns ...) or cw.")] = "100fs",
    fill_fraction: Annotated[
        float, typer.Option("--fill-fraction", help="Packing fraction of the QD film.")
    ] = 0.5,
    thickness: Annotated[
        float, typer.Option(help="Film thickness for the current threshold [nm].")
    ] = 100.0,
    dispersion: DispOpt = 5.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    tau_xx: TauXXOpt = None,
    auger_model: AugerOpt = "momentum",
    extra_electrons: Annotated[
        int,
        typer.Option(
            "--extra-electrons",
            help="Extra electrons per dot (photodoped or charged dots), 0..g: sub-single-"
            "exciton gain thresholds from the charged-state ladder.",
        ),
    ] = 0,
    sigma2: Annotated[
        str | None,
        typer.Option(
            "--sigma2",
            help="Two-photon cross-section of one dot [GM], or 'model' for the bulk-scaling "
            "estimate (qdopto twophoton): pump by two-photon absorption (pump photon below "
            "the gap, two above it).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Optical gain: thresholds (<N>, fluence, intensity, current), Auger, biexciton, gain."""
    from qdopto.dynamics.gain import gain_properties

    pulse_ns, label = _pulse(pulse)
    sigma2_gm, sigma2_label = _sigma2(sigma2, spec, pump_wavelength, temperature)
    res = gain_properties(
        spec,
        pump_wavelength_nm=pump_wavelength,
        pulse_ns=pulse_ns,
        pulse_label=label,
        fill_fraction=fill_fraction,
        film_thickness_nm=thickness,
        dispersion_pct=dispersion,
        temperature_K=_temperature(temperature),
        tau_xx_ns=None if tau_xx is None else tau_xx * 1e-3,
        sigma2_GM=sigma2_gm,
        auger_model=auger_model,
        extra_electrons=extra_electrons,
        linewidth_meV=linewidth,
    )
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    con.print(
        f"{doc['structure']}: gain under {label} {doc['pumping']} pumping at "
        f"{pump_wavelength:g} nm",
        style="bold",
    )
    a = doc["auger_lifetime_ps"]
    rows = [
        ("band-edge degeneracy", f"{doc['degeneracy']}"),
        ("extra electrons per dot", f"{doc['extra_electrons']}"),
        ("threshold <N> (short pulse)", f"{doc['threshold_N']:.3f}"),
        (
            ("absorption cross-section at pump", f"{doc['sigma_pump_cm2']:.3g} cm^2")
            if sigma2_gm is None
            else (f"two-photon cross-section ({sigma2_label})", f"{sigma2_gm:.3g} GM")
        ),
    ]
    if doc["threshold_fluence_uJ_cm2"] is not None:
        rows.append(
            (
                "threshold fluence",
                f"{doc['threshold_fluence_uJ_cm2']:.3g} uJ/cm^2 "
                f"({doc['threshold_excitons_per_pulse']:.3g} excitons/dot per pulse)",
            )
        )
    rows += [
        ("threshold intensity", f"{doc['threshold_intensity_kW_cm2']:.3g} kW/cm^2"),
        ("threshold current density", f"{doc['threshold_current_density_A_cm2']:.3g} A/cm^2"),
        ("Auger lifetimes XX / XXX", f"{a['XX']:.3g} / {a['XXX']:.3g} ps ({doc['auger_model']})"),
        *(
            [
                (
                    "Auger lifetimes X- / X+",
                    f"{doc['trion_auger_lifetime_ps']['X-']:.3g} / "
                    f"{doc['trion_auger_lifetime_ps']['X+']:.3g} ps",
                )
            ]
            if doc["trion_auger_lifetime_ps"]
            else []
        ),
        ("QY_XX/QY_X = g2(0)", f"{doc['biexciton_qy']:.3f}"),
        ("exciton-biexciton shift", f"{doc['biexciton_shift_meV']:+.1f} meV (+ = repulsive)"),
        *(
            [
                (
                    "trion lines X- / X+ vs X",
                    f"{doc['trion_shift_meV']['X-']:+.1f} / "
                    f"{doc['trion_shift_meV']['X+']:+.1f} meV",
                )
            ]
            if doc.get("trion_shift_meV")
            else []
        ),
        ("single-exciton gain", "yes" if doc["single_exciton_gain"] else "no"),
        (
            "gain lifetime",
            (
                f"{doc['gain_lifetime_ps']:.3g} ps"
                if doc["gain_lifetime_ps"] is not None
                else "unlimited (charged dots stay transparent)"
            )
            + f" at <N> = {doc['gain_lifetime_at_N']:.2f}",
        ),
        (
            "peak material gain",
            f"{doc['peak_material_gain_cm-1']:.3g} cm^-1 at "
            f"{doc['peak_gain_wavelength_nm']:.0f} nm (fill {doc['fill_fraction']:g})",
        ),
    ]
    table = Table()
    table.add_column("quantity")
    table.add_column("value")
    for r in rows:
        table.add_row(*r)
    con.print(table)
    for note in doc["notes"]:
        con.print(f"note: {note}")


@app.command("dynamics")
def dynamics_cmd(
    spec: str,
    fluence: Annotated[float, typer.Option(help="Pump fluence [uJ/cm^2].")],
    pump_wavelength: Annotated[
        float, typer.Option("--pump-wavelength", help="Pump wavelength [nm].")
    ] = 400.0,
    dispersion: DispOpt = 5.0,
    temperature: TempOpt = "300",
    linewidth: LinewidthOpt = None,
    tau_xx: TauXXOpt = None,
    auger_model: AugerOpt = "momentum",
    extra_electrons: Annotated[
        int,
        typer.Option(
            "--extra-electrons", help="Extra electrons per dot (photodoped or charged dots)."
        ),
    ] = 0,
    plot: Annotated[Path | None, typer.Option(help="Plot PL and TA kinetics to FILE.png.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """PL and transient-absorption kinetics after a short pulse of a given fluence."""
    from qdopto.dynamics.transients import pulsed_kinetics

    res = pulsed_kinetics(
        spec,
        fluence_uJ_cm2=fluence,
        pump_wavelength_nm=pump_wavelength,
        dispersion_pct=dispersion,
        temperature_K=_temperature(temperature),
        tau_xx_ns=None if tau_xx is None else tau_xx * 1e-3,
        auger_model=auger_model,
        linewidth_meV=linewidth,
        extra_electrons=extra_electrons,
    )
    if plot is not None:
        from qdopto.report.figures import kinetics_figure

        kinetics_figure(res, plot)
    doc = res.to_dict()
    if as_json:
        _emit_json(doc)
        return
    _console().print(
        f"{doc['structure']}: <N> = {doc['mean_N']:.3g} at {fluence:g} uJ/cm^2 "
        f"({pump_wavelength:g} nm); band-edge bleach at t=0 dA/A0 = {doc['ta_at_zero']:.3f}"
        + ("; gain" if doc["gain_at_zero"] else "; no gain")
        + (
            f"; gain lifetime {doc['gain_lifetime_ps']:.3g} ps"
            if doc["gain_lifetime_ps"] is not None
            else "; gain lifetime unlimited (charged dots stay transparent)"
        )
        + f"; PL decays to 1/e in {doc['pl_1_over_e_ns']:.3g} ns"
    )
    if plot is not None:
        _console().print(f"kinetics plot written to {plot}")


# ---------------------------------------------------------------------- entry point
def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(2)


def _showwarning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    sys.stderr.write(f"warning: {message}\n")


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors exit with status 2 and one line on stderr."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", QdoptoWarning)
            warnings.showwarning = _showwarning
            app(args=argv, prog_name="qdopto", standalone_mode=False)
    except QdoptoError as exc:
        _fail(str(exc))
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        _fail("aborted")
    except typer.TyperException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            raise SystemExit(0) from None  # typer has printed the help
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        _fail(exc.format_message().replace("\n", " ") + hint)
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as exc:  # an internal error: one line, not a traceback
        if os.environ.get("QDOPTO_DEBUG"):
            raise
        sys.stderr.write(
            f"error: internal error ({type(exc).__name__}: {exc}); please report it with the "
            "command you ran (set QDOPTO_DEBUG=1 for the traceback)\n"
        )
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
