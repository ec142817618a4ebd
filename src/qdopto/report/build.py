"""The main job: evaluate a design end to end and write a report.

For every structure of the design: geometry; levels, exciton, overlap and alignment (with the
band diagram); ensemble absorption and PL spectra (figure and CSV); colour; optical gain of a
film of the dots (thresholds for a 100 fs pump, CW intensity and current density, Auger
lifetimes, QY_XX/QY_X, the exciton-biexciton shift, gain lifetime, material gain). For the
design's application
(a QD film in a planar waveguide or a DFB laser): guided modes and the DFB grating design.
Every step runs on its own: one that fails is reported with its reason and the others still
complete. Writes ``report.html`` (self-contained: figures embedded, every number with its
unit, the models and their references), the figures as PNG, ``results.json`` (schema:
docs/results.schema.json) and a CSV per spectrum.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from qdopto import __version__
from qdopto.devices.design import application_dfb, application_modes, application_stack
from qdopto.errors import QdoptoError
from qdopto.structures.design import Design

SCHEMA_ID = "https://qdopto.invalid/schemas/results-1.json"

REFERENCES = {
    "radial": "Electronic structure: radial BenDaniel-Duke model with Kane nonparabolicity, "
    "first-order Coulomb and dielectric polarisation (docs/electronic.md; BenDaniel & "
    "Duke, Phys. Rev. 152, 683 (1966); Brus, J. Chem. Phys. 80, 4403 (1984))",
    "spectra": "Ensemble spectra: transitions with f = (4/3)(E_P/E)(2l+1)K^2, Rudin-Reinecke-"
    "Segall linewidth, bulk-like UV absorption with the local-field factor "
    "(docs/optics.md; Hens & Moreels, J. Mater. Chem. 22, 10406 (2012))",
    "colour": "Colour: CIE 1931 2-degree observer, D65 white (colour-science)",
    "gain": "Gain threshold: Poisson-excited band edge of degeneracy g (Klimov et al., Science "
    "290, 314 (2000)); threshold fluence <N>_th h nu / sigma_pump; trion and biexciton Auger "
    "lifetimes from Fermi's golden rule on the computed states, whose high-momentum tails the "
    "interfaces set (Cragg & Efros, Nano Lett. 10, 313 (2010)), averaged over the size "
    "distribution, with the superposition rule k_XX = 2(k_X- + k_X+) and statistical scaling; "
    "exciton-biexciton shift to second order in the Coulomb interaction (docs/dynamics.md, "
    "docs/electronic.md)",
    "photonics": "Waveguide modes: transfer-matrix characteristic function (Chilwell & "
    "Hodgkinson, JOSA A 1, 742 (1984)); DFB: Bragg law and rectangular-grating "
    "coupling (Kogelnik & Shank 1972; Streifer et al. 1977)",
    "laser": "laser threshold Gamma g_th = alpha_i + alpha_m and rate equations (Coldren & "
    "Corzine, Diode Lasers and Photonic Integrated Circuits, 2nd ed., Eqs. 2.8, 2.16-2.18) over "
    "the multiexciton ladder; DFB feedback from coupled-wave theory (Kogelnik & Shank, J. Appl. "
    "Phys. 43, 2327 (1972)); integration by ROS3 (Sandu et al., Atmos. Environ. 31, 3459 "
    "(1997)); ASE: Shaklee & Leheny, Appl. Phys. Lett. 18, 475 (1971)",
}


@dataclass
class Step:
    name: str
    structure: str | None
    status: str
    message: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "structure": self.structure,
            "status": self.status,
            "message": self.message,
            "seconds": self.seconds,
        }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "structure"


def prepare_outdir(outdir: str | Path, force: bool) -> Path:
    """Create the output directory; an existing non-empty one needs ``force``."""
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise QdoptoError(f"{out} exists and is not a directory")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise QdoptoError(
                f"output directory {out} exists and is not empty; use --force to "
                "overwrite it or choose another with -o"
            )
        if (out / "report.html").exists() or (out / "results.json").exists():
            shutil.rmtree(out)
        else:
            raise QdoptoError(
                f"{out} is not empty and does not look like a qdopto report; "
                "refusing to delete it even with --force"
            )
    out.mkdir(parents=True, exist_ok=True)
    return out


def validate_application(design: Design) -> list[str]:
    """Problems of the design's application table (key paths), checked before any work."""
    if not design.application:
        return []
    from qdopto.photonics import parse_stack

    try:
        stack, _ = application_stack(design)
        parsed = parse_stack(stack)
    except QdoptoError as exc:
        return [f"{design.where('application', 'stack')}: {exc}"]
    g = design.application.get("grating_layer")
    if g is not None and not 1 <= g <= len(parsed.layers) - 2:
        return [
            f"{design.where('application', 'grating_layer')}: must be an inner layer, "
            f"1-{len(parsed.layers) - 2}"
        ]
    width = design.application.get("width_nm")
    if width is not None:
        from qdopto.photonics.channel import ChannelGuide

        try:
            ChannelGuide(parsed, float(width), int(design.application.get("ridge_layers", 1)))
        except QdoptoError as exc:
            return [f"{design.where('application', 'width')}: {exc}"]
    return []


def build_report(
    design: Design,
    outdir: str | Path,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Evaluate ``design`` and write the report into ``outdir``; returns results.json's data."""
    problems = validate_application(design)
    if problems:
        raise QdoptoError(f"{design.path or 'design'}: " + "; ".join(problems))
    out = prepare_outdir(outdir, force)
    (out / "figures").mkdir(exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    steps: list[Step] = []
    figures: dict[str, str] = {}
    t_k = design.temperature_K
    optics = design.optics or {}

    def run(name: str, who: str | None, fn: Callable[[], Any]) -> Any:
        if progress is not None:
            progress(f"{name}" + (f" ({who})" if who else ""))
        t0 = time.perf_counter()
        try:
            value = fn()
        except QdoptoError as exc:
            steps.append(Step(name, who, "failed", str(exc), time.perf_counter() - t0))
            return None
        steps.append(Step(name, who, "ok", "", time.perf_counter() - t0))
        return value

    results: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "qdopto_version": __version__,
        "design": {
            "name": design.name,
            "temperature_K": t_k,
            "notes": design.notes,
            "path": design.path,
            "optics": optics,
            "application": design.application,
        },
        "structures": [],
        "application": None,
        "laser": None,
        "steps": [],
        "references": REFERENCES,
    }
    spectra: dict[str, Any] = {}
    for named in design.structures:
        qd, slug = named.structure, _slug(named.name)
        entry: dict[str, Any] = {
            "name": named.name,
            "spec": qd.spec,
            "notes": named.notes,
            "structure": qd.to_dict(),
            "electronic": None,
            "spectra": None,
            "colour": None,
            "gain": None,
        }
        elec = run("electronic structure", named.name, partial(_electronic, qd, t_k))
        if elec is not None:
            entry["electronic"] = elec[0]
            figures[f"{slug}-bands"] = _save(elec[1], out, f"{slug}-band-diagram.png")
        spec = run("spectra", named.name, partial(_spectra, qd, t_k, optics, out, slug))
        if spec is not None:
            entry["spectra"], fig, res = spec
            figures[f"{slug}-spectra"] = _save(fig, out, f"{slug}-spectra.png")
            spectra[named.name] = res
            entry["colour"] = run("colour", named.name, partial(_colour, res))
            fill = float(design.application["fill_fraction"]) if design.application else 0.5
            gain = run(
                "gain, Auger and biexciton", named.name, partial(_gain, qd, t_k, optics, fill)
            )
            if gain is not None:
                entry["gain"], gfig = gain
                figures[f"{slug}-gain"] = _save(gfig, out, f"{slug}-gain.png")
        results["structures"].append(entry)
    if design.application:
        results["application"] = run(
            "waveguide and cavity", None, lambda: _application(design, spectra)
        )
        if design.laser:
            laser = run("laser threshold", None, lambda: _laser(design, spectra))
            if laser is not None:
                results["laser"], lfig = laser
                figures["laser"] = _save(lfig, out, "laser-light-curve.png")
    results["steps"] = [s.to_dict() for s in steps]
    (out / "results.json").write_text(
        json.dumps(results, indent=2, allow_nan=False) + "\n", encoding="utf-8"
    )
    (out / "report.html").write_text(_html(results, figures, out), encoding="utf-8")
    return results


# ----------------------------------------------------------------------------- steps
def _electronic(qd: Any, t_k: float) -> tuple[dict[str, Any], Path]:
    from qdopto.electronic import solve
    from qdopto.report.figures import band_diagram

    r = solve(qd, temperature_K=t_k, states=3)
    tmp = Path(_tmpname("bands"))
    band_diagram(r, tmp)
    return r.to_dict(), tmp


def _spectra(
    qd: Any, t_k: float, optics: dict[str, Any], out: Path, slug: str
) -> tuple[dict[str, Any], Path, Any]:
    from qdopto.optics import ensemble_spectrum
    from qdopto.report.figures import spectrum_figure

    res = ensemble_spectrum(
        qd,
        dispersion_pct=optics.get("dispersion_pct", 5.0),
        temperature_K=t_k,
        linewidth_meV=optics.get("linewidth_meV"),
        stokes_shift_meV=optics.get("stokes_shift_meV"),
        shell_dispersion_pct=(
            optics.get("shell_dispersion_pct", 0.0) if len(qd.layers) > 1 else 0.0
        ),
    )
    csv = out / "data" / f"{slug}-spectra.csv"
    np.savetxt(
        csv,
        np.column_stack(
            [res.wavelength_nm, res.absorption_cross_section_cm2, res.extinction_M_cm, res.pl]
        ),
        delimiter=",",
        header="wavelength_nm,absorption_cross_section_cm2,extinction_M-1cm-1,pl_normalised",
        comments="",
    )
    tmp = Path(_tmpname("spectra"))
    spectrum_figure(res, tmp)
    summary = {
        k: v
        for k, v in res.to_dict().items()
        if k not in ("wavelength_nm", "absorption_cross_section_cm2", "pl")
    }
    summary["csv"] = str(csv.relative_to(out))
    return summary, tmp, res


def _colour(res: Any) -> dict[str, Any]:
    from qdopto.optics import chromaticity

    return chromaticity(res.wavelength_nm, res.pl).to_dict()


def _gain(
    qd: Any, t_k: float, optics: dict[str, Any], fill_fraction: float
) -> tuple[dict[str, Any], Path]:
    from qdopto.dynamics.gain import gain_properties
    from qdopto.report.figures import gain_figure

    res = gain_properties(
        qd,
        pump_wavelength_nm=float(optics.get("pump_wavelength_nm", 400.0)),
        pulse_ns=1e-4,
        pulse_label="100 fs",
        fill_fraction=fill_fraction,
        dispersion_pct=float(optics.get("dispersion_pct", 5.0)),
        temperature_K=t_k,
        linewidth_meV=optics.get("linewidth_meV"),
    )
    doc = res.to_dict()
    doc["pump_cross_section_cm2"] = doc["sigma_pump_cm2"]
    tmp = Path(_tmpname("gain"))
    gain_figure(res.degeneracy, res.threshold_N, tmp)
    return doc, tmp


def _laser(design: Design, spectra: dict[str, Any]) -> tuple[dict[str, Any], Path]:
    from qdopto.devices.design import laser_from_design
    from qdopto.report.figures import light_curve_figure

    _, target = application_stack(design)
    peak = float(spectra[target].pl_peak_nm) if target in spectra else None
    res = laser_from_design(design, pl_peak_nm=peak)
    tmp = Path(_tmpname("laser"))
    light_curve_figure(res, tmp)
    return res.to_dict(), tmp


def _application(design: Design, spectra: dict[str, Any]) -> dict[str, Any]:
    from qdopto.photonics import parse_stack

    app = design.application or {}
    stack_text, target = application_stack(design)
    stack = parse_stack(stack_text)
    lam = app.get("wavelength_nm")
    if lam is None:
        if target not in spectra:
            raise QdoptoError("the lasing wavelength follows the PL peak, which was not computed")
        lam = float(spectra[target].pl_peak_nm)
    if app["kind"] == "microcavity":
        from qdopto.photonics.microcavity import microcavity

        mc = microcavity(stack, (lam - 40.0, lam + 40.0), target_nm=lam).to_dict()
        return {"kind": "microcavity", "structure": target, **mc, "wavelength_nm": lam}
    out: dict[str, Any] = {
        "kind": app["kind"],
        "structure": target,
        "wavelength_nm": lam,
        **application_modes(design, stack, lam).to_dict(),
    }
    if app["kind"] == "dfb-laser":
        out["dfb"] = application_dfb(design, stack, lam)
    return out


# ----------------------------------------------------------------------------- output
_COUNTER = {"n": 0}


def _tmpname(kind: str) -> str:
    import tempfile

    _COUNTER["n"] += 1
    return str(Path(tempfile.gettempdir()) / f"qdopto-{kind}-{_COUNTER['n']}-{time.time_ns()}.png")


def _save(tmp: Path, out: Path, name: str) -> str:
    dest = out / "figures" / name
    shutil.move(str(tmp), dest)
    return str(dest.relative_to(out))


def _fmt(value: Any, unit: str = "", digits: int = 4) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "-"
        text = f"{value:.{digits}g}"
    else:
        text = str(value)
    return html.escape(f"{text} {unit}".strip())


def _img(out: Path, rel: str, alt: str) -> str:
    data = base64.b64encode((out / rel).read_bytes()).decode("ascii")
    return (
        f'<figure><img class="figure" alt="{html.escape(alt)}" '
        f'src="data:image/png;base64,{data}"><figcaption>{html.escape(alt)}</figcaption>'
        "</figure>"
    )


def _layer_name(lay: dict[str, Any]) -> str:
    return str(lay["material"]) + (f">{lay['graded_to']}" if lay["graded_to"] else "")


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _html(results: dict[str, Any], figures: dict[str, str], out: Path) -> str:
    d = results["design"]
    parts = [
        f"<h1>{html.escape(d['name'])}</h1>",
        f"<p>qdopto {html.escape(results['qdopto_version'])}; temperature "
        f"{_fmt(d['temperature_K'], 'K')}. {html.escape(d['notes'] or '')}</p>",
    ]
    for s in results["structures"]:
        slug = _slug(s["name"])
        parts.append(f"<h2>{html.escape(s['name'])}: <code>{html.escape(s['spec'])}</code></h2>")
        st = s["structure"]
        parts.append(
            _table(
                [
                    ("kind", _fmt(st["kind"])),
                    ("total radius", _fmt(st["total_radius_nm"], "nm")),
                    ("volume", _fmt(st["volume_nm3"], "nm^3")),
                    (
                        "layers",
                        html.escape(
                            ", ".join(
                                f"{_layer_name(lay)} {lay['thickness_nm']:g} nm"
                                for lay in st["layers"]
                            )
                        ),
                    ),
                    ("medium", _fmt(st["medium"])),
                ]
            )
        )
        e = s["electronic"]
        if e:
            x = e["exciton"]
            parts.append(
                "<h3>Electronic structure</h3>"
                + _table(
                    [
                        ("model", _fmt(e["model"])),
                        (
                            "first exciton",
                            f"{_fmt(x['energy_eV'], 'eV')} ({_fmt(x['wavelength_nm'], 'nm')})",
                        ),
                        ("exciton binding energy", _fmt(1e3 * x["binding_energy_eV"], "meV")),
                        ("electron-hole overlap |<e|h>|^2", _fmt(x["overlap"])),
                        ("band alignment", _fmt(e["alignment"])),
                        (
                            "electron / hole in the core",
                            f"{_fmt(100 * e['localization']['electron']['0'], '%', 3)} / "
                            f"{_fmt(100 * e['localization']['hole']['0'], '%', 3)}",
                        ),
                        (
                            "calibration",
                            _fmt((e.get("calibration") or {}).get("fitted_to", "none")),
                        ),
                    ]
                )
            )
            parts.append(_img(out, figures[f"{slug}-bands"], f"{s['name']}: band diagram"))
        sp = s["spectra"]
        if sp:
            parts.append(
                "<h3>Spectra</h3>"
                + _table(
                    [
                        ("first-exciton absorption peak", _fmt(sp["first_exciton_nm"], "nm")),
                        ("PL peak", _fmt(sp["pl_peak_nm"], "nm")),
                        ("PL FWHM", _fmt(sp["pl_fwhm_nm"], "nm")),
                        ("Stokes shift", _fmt(sp["stokes_shift_meV"], "meV")),
                        (
                            "intrinsic Stokes shift",
                            _fmt(sp.get("intrinsic_stokes_shift_meV", 0.0), "meV")
                            + f" ({html.escape(str(sp.get('stokes_model', 'given')))})",
                        ),
                        ("size dispersion", _fmt(sp["dispersion_pct"], "%")),
                        ("homogeneous linewidth", _fmt(sp["homogeneous_fwhm_meV"], "meV")),
                        (
                            "data",
                            f'<a href="{html.escape(sp["csv"])}">{html.escape(sp["csv"])}</a>',
                        ),
                    ]
                )
            )
            parts.append(_img(out, figures[f"{slug}-spectra"], f"{s['name']}: absorption and PL"))
        c = s["colour"]
        if c:
            parts.append(
                "<h3>Colour</h3>"
                + _table(
                    [
                        ("CIE 1931 x, y", f"{_fmt(c['x'])}, {_fmt(c['y'])}"),
                        ("dominant wavelength", _fmt(c["dominant_wavelength_nm"], "nm")),
                        ("purity", _fmt(c["purity"])),
                    ]
                )
            )
        g = s["gain"]
        if g:
            parts.append(
                "<h3>Optical gain</h3>"
                + _table(
                    [
                        ("band-edge degeneracy g", _fmt(g["degeneracy"])),
                        ("threshold <N>", _fmt(g["threshold_N"])),
                        (
                            "pump",
                            f"{_fmt(g['pump_wavelength_nm'], 'nm')}, {html.escape(g['pulse'])}",
                        ),
                        (
                            "absorption cross-section at the pump",
                            _fmt(g["pump_cross_section_cm2"], "cm^2"),
                        ),
                        ("threshold fluence", _fmt(g["threshold_fluence_uJ_cm2"], "uJ/cm^2")),
                        (
                            "threshold intensity (pulse average)",
                            _fmt(g["threshold_intensity_kW_cm2"], "kW/cm^2"),
                        ),
                        (
                            "threshold current density "
                            f"({_fmt(g['film_thickness_nm'], 'nm')} film)",
                            _fmt(g["threshold_current_density_A_cm2"], "A/cm^2"),
                        ),
                        (
                            f"biexciton Auger lifetime ({html.escape(g['auger_model'])})",
                            _fmt(g["auger_lifetime_ps"]["XX"], "ps"),
                        ),
                        ("triexciton Auger lifetime", _fmt(g["auger_lifetime_ps"]["XXX"], "ps")),
                        *(
                            [
                                (
                                    "trion Auger lifetimes X- / X+",
                                    f"{_fmt(g['trion_auger_lifetime_ps']['X-'], 'ps')} / "
                                    f"{_fmt(g['trion_auger_lifetime_ps']['X+'], 'ps')}",
                                )
                            ]
                            if g.get("trion_auger_lifetime_ps")
                            else []
                        ),
                        ("QY_XX / QY_X = g2(0)", _fmt(g["biexciton_qy"])),
                        (
                            "exciton-biexciton shift (+ repulsive)",
                            _fmt(g["biexciton_shift_meV"], "meV"),
                        ),
                        *(
                            [
                                (
                                    "trion lines X- / X+ relative to X",
                                    f"{_fmt(g['trion_shift_meV']['X-'], 'meV')} / "
                                    f"{_fmt(g['trion_shift_meV']['X+'], 'meV')}",
                                )
                            ]
                            if g.get("trion_shift_meV")
                            else []
                        ),
                        ("single-exciton gain", "yes" if g["single_exciton_gain"] else "no"),
                        (
                            f"gain lifetime at <N> = {_fmt(g['gain_lifetime_at_N'])}",
                            _fmt(g["gain_lifetime_ps"], "ps"),
                        ),
                        (
                            f"peak material gain (fill {_fmt(g['fill_fraction'])})",
                            _fmt(g["peak_material_gain_cm-1"], "cm^-1"),
                        ),
                    ]
                    + [("note", html.escape(str(n))) for n in g["notes"]]
                )
            )
            parts.append(_img(out, figures[f"{slug}-gain"], f"{s['name']}: band-edge gain"))
    a = results["application"]
    if a:
        parts.append(f"<h2>Application: {html.escape(a['kind'])}</h2>")
        parts.append(
            f"<p>Stack <code>{html.escape(a['stack'])}</code> at "
            f"{_fmt(a['wavelength_nm'], 'nm')}.</p>"
        )
        rows = []
        for m in a["modes"] if a["kind"] == "microcavity" else []:
            rows.append(
                (
                    f"resonance {_fmt(m['wavelength_nm'], 'nm')}",
                    f"Q {_fmt(m['q'])}, R {_fmt(m['R_bottom'])} / {_fmt(m['R_top'])}, "
                    "Gamma_z " + ("-" if m["gamma_z"] is None else _fmt(m["gamma_z"])),
                )
            )
        for m in a["modes"] if a["kind"] != "microcavity" else []:
            best = max(m["confinement"].items(), key=lambda kv: kv[1])
            qd_share = sum(v for k, v in m["confinement"].items() if "QD(" in k)
            rows.append(
                (
                    f"{m['polarization']}{m['order']}",
                    f"n_eff {_fmt(m['n_eff'])}, n_g {_fmt(m['n_group'])}, loss "
                    f"{_fmt(m['loss_cm-1'], 'cm^-1')}, QD confinement {_fmt(qd_share)}, "
                    f"largest in {html.escape(best[0])}",
                )
            )
        parts.append(_table(rows))
        if "dfb" in a:
            f = a["dfb"]
            parts.append(
                "<h3>DFB grating</h3>"
                + _table(
                    [
                        ("order", _fmt(f["order"])),
                        ("period", _fmt(f["period_nm"], "nm")),
                        ("effective index", _fmt(f["n_eff"])),
                        ("coupling coefficient", _fmt(f["kappa_cm-1"], "cm^-1")),
                        ("stop band", _fmt(f["stopband_nm"], "nm")),
                        (
                            "etch depth / duty cycle",
                            f"{_fmt(f['etch_depth_nm'], 'nm')} / {_fmt(f['duty_cycle'])}",
                        ),
                    ]
                )
            )
    las = results.get("laser")
    if las:
        th, cav = las["threshold"], las["cavity"]
        parts.append(f"<h2>Laser: {html.escape(cav['kind'])} cavity</h2>")
        rows = [
            ("lasing wavelength", _fmt(las["wavelength_nm"], "nm")),
            ("confinement factor of the QD layer", _fmt(cav["confinement"])),
            (
                "internal + outcoupling loss",
                f"{_fmt(cav['internal_loss_cm-1'], 'cm^-1')} + "
                f"{_fmt(cav['mirror_loss_cm-1'], 'cm^-1')} (Q {_fmt(cav['q_factor'])})",
            ),
            (
                "material gain needed / available",
                f"{_fmt(th['threshold_material_gain_cm-1'], 'cm^-1')} / "
                f"{_fmt(th['max_material_gain_cm-1'], 'cm^-1')}",
            ),
        ]
        for name, t in las["thresholds_by_pump"].items():
            label = f"threshold, {html.escape(name)}" + (" (design)" if name == th["pump"] else "")
            if not t["lasing"]:
                rows.append((label, "no lasing"))
            elif t["threshold_fluence_uJ_cm2"] is not None:
                rows.append(
                    (
                        label,
                        f"{_fmt(t['threshold_fluence_uJ_cm2'], 'uJ/cm^2')} "
                        f"(<N> = {_fmt(t['threshold_N'])})",
                    )
                )
            elif t["threshold_current_density_A_cm2"] is not None:
                rows.append((label, _fmt(t["threshold_current_density_A_cm2"], "A/cm^2")))
            else:
                rows.append((label, _fmt(t["threshold_intensity_kW_cm2"], "kW/cm^2")))
        ase = las["ase_threshold"]
        if ase and ase["lasing"] and ase["threshold_fluence_uJ_cm2"] is not None:
            rows.append(
                ("ASE threshold (film waveguide)", _fmt(ase["threshold_fluence_uJ_cm2"], "uJ/cm^2"))
            )
        rows += [("note", html.escape(str(n))) for n in las["notes"]]
        parts.append(_table(rows))
        parts.append(_img(out, figures["laser"], "laser light-in / light-out curve"))
    failed = [s for s in results["steps"] if s["status"] != "ok"]
    if failed:
        parts.append(
            "<h2>Steps not computed</h2><ul>"
            + "".join(
                f"<li><b>{html.escape(s['name'])}</b>"
                f"{' (' + html.escape(s['structure']) + ')' if s['structure'] else ''}: "
                f"{html.escape(s['message'])}</li>"
                for s in failed
            )
            + "</ul>"
        )
    parts.append(
        "<h2>Models and references</h2><ul>"
        + "".join(f"<li>{html.escape(v)}</li>" for v in results["references"].values())
        + "</ul>"
    )
    script = (
        "<script>window.addEventListener('load',function(){var im=document."
        "querySelectorAll('img.figure'),ok=0;for(var i=0;i<im.length;i++){if(im[i]."
        "complete&&im[i].naturalWidth>0)ok++;}document.body.setAttribute("
        "'data-figures-total',im.length);document.body.setAttribute('data-figures-ok',"
        "ok);});</script>"
    )
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;"
        "padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f4f4f4}"
        "img.figure{max-width:100%}figcaption{font-size:.85em;color:#555}"
        "code{background:#f4f4f4;padding:0 .2em}"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(d['name'])}: qdopto report</title><style>{style}</style>"
        f"{script}</head><body>{''.join(parts)}</body></html>\n"
    )
