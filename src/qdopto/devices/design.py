"""Lasers described by design files: the ``[application]`` stack and the ``[laser]`` table.

Composes the layers below (structures -> optics -> dynamics -> photonics) into the
:mod:`qdopto.devices.laser` model; no physics of its own (docs/lasers.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from qdopto.devices.laser import (
    Cavity,
    GainMedium,
    LaserThreshold,
    LightCurve,
    Pump,
    ase_threshold,
    dfb_threshold,
    laser_threshold,
    light_curve,
    loss_from_q,
    parse_pump,
    qd_gain_medium,
)
from qdopto.errors import QdoptoError
from qdopto.structures.design import Design


def application_stack(design: Design) -> tuple[str, str]:
    """The ``[application]`` stack with its ``QD`` layer written out as a film of the named
    structure, and that structure's name."""
    app = design.application or {}
    names = [s.name for s in design.structures]
    target = app.get("structure") or names[0]
    qd = design.structures[names.index(target)].structure
    spec = qd.spec.split("|")[0]
    film = f"QD({spec},fill={app.get('fill_fraction', 0.5)})"
    stack = re.sub(r"(^|/)QD:", lambda m: f"{m.group(1)}{film}:", app["stack"])
    return stack, target


def application_dfb(design: Design, stack: Any, wavelength_nm: float) -> dict[str, Any]:
    """The DFB grating the ``[application]`` table describes, at ``wavelength_nm``
    (:func:`qdopto.photonics.cavities.dfb_design`)."""
    from qdopto.photonics.cavities import dfb_design

    app = design.application or {}
    return dfb_design(
        stack,
        wavelength_nm,
        app.get("order", 2),
        etch_depth_nm=app.get("etch_depth_nm", 30.0),
        grating_layer=app.get("grating_layer"),
        duty_cycle=app.get("duty_cycle"),
        width_nm=app.get("width_nm"),
        ridge_layers=app.get("ridge_layers", 1),
    )


def application_modes(design: Design, stack: Any, wavelength_nm: float) -> Any:
    """Guided modes of the ``[application]`` waveguide: the planar stack's TE/TM modes, or,
    with ``application.width``, the ridge's full-vectorial channel modes."""
    app = design.application or {}
    if app.get("width_nm") is None:
        from qdopto.photonics import modes

        return modes(stack, wavelength_nm)
    from qdopto.photonics.channel import ChannelGuide, channel_modes

    guide = ChannelGuide(stack, float(app["width_nm"]), int(app.get("ridge_layers", 1)))
    return channel_modes(guide, wavelength_nm)


@dataclass(frozen=True)
class LaserResult:
    """A QD laser from a design file: gain medium, cavity, thresholds and the L-L curve."""

    design: str
    structure: str
    medium: GainMedium
    cavity: Cavity
    threshold: LaserThreshold
    curve: LightCurve
    ase: LaserThreshold | None
    thresholds: dict[str, LaserThreshold] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "structure": self.structure,
            "wavelength_nm": self.cavity.wavelength_nm,
            "lasing": self.threshold.lasing,
            "threshold": self.threshold.to_dict(),
            "ase_threshold": None if self.ase is None else self.ase.to_dict(),
            "thresholds_by_pump": {k: v.to_dict() for k, v in self.thresholds.items()},
            "cavity": self.cavity.to_dict(),
            "gain_medium": self.medium.to_dict(),
            "light_curve": self.curve.to_dict(),
            "notes": list(self.notes),
        }


def laser_from_design(design: Design, *, pl_peak_nm: float | None = None) -> LaserResult:
    """Build and solve the laser a design file describes.

    The lasing wavelength is ``application.wavelength`` or, for ``"pl"``, the ensemble PL
    peak (``pl_peak_nm`` if the caller already has it). The QD layer's confinement factor
    and the group index come from the fundamental TE mode of the ``[application]`` stack
    (:func:`qdopto.photonics.modes`); the outcoupling loss from the cavity the ``[laser]``
    table names (DFB: :func:`~qdopto.devices.laser.dfb_threshold` with the coupling
    coefficient of :func:`qdopto.photonics.cavities.dfb_design`, plus ``radiation_loss``).

    Raises
    ------
    QdoptoError
        If the design has no ``[laser]`` or ``[application]`` table, or a step below fails.
    """
    from qdopto.optics import ensemble_spectrum
    from qdopto.photonics import parse_stack

    if not design.laser or not design.application:
        raise QdoptoError(
            "the design has no [laser] table (with an [application] stack): see docs/lasers.md"
        )
    app, las = design.application, design.laser
    optics = design.optics or {}
    stack_text, target = application_stack(design)
    qd = next(s.structure for s in design.structures if s.name == target)
    t_k = design.temperature_K
    dispersion = float(optics.get("dispersion_pct", 5.0))
    lam = app.get("wavelength_nm")
    if lam is None:
        if pl_peak_nm is None:
            spec = ensemble_spectrum(
                qd,
                dispersion_pct=dispersion,
                temperature_K=t_k,
                linewidth_meV=optics.get("linewidth_meV"),
                stokes_shift_meV=optics.get("stokes_shift_meV"),
            )
            pl_peak_nm = float(spec.pl_peak_nm)
        lam = pl_peak_nm
    stack = parse_stack(stack_text)
    qd_layers = [i for i, layer in enumerate(stack.layers) if layer.qd is not None]
    thickness = float(sum(stack.layers[i].thickness_nm for i in qd_layers))
    notes: list[str] = []
    details: dict[str, Any] = {"stack": stack.spec}
    if las["cavity"] == "vcsel":
        cavity = _vcsel_cavity(stack, float(lam), las, details)
    else:
        cavity = _waveguide_cavity(design, stack, float(lam), qd_layers, details, notes)
    lam = cavity.wavelength_nm
    medium = qd_gain_medium(
        qd,
        fill_fraction=float(app.get("fill_fraction", 0.5)),
        thickness_nm=thickness,
        lasing_wavelength_nm=float(lam),
        pump_wavelength_nm=float(optics.get("pump_wavelength_nm", 400.0)),
        temperature_K=t_k,
        dispersion_pct=dispersion,
        tau_xx_ns=las.get("tau_xx_ns"),
        linewidth_meV=optics.get("linewidth_meV"),
    )
    pump = parse_pump(las["pump"], las["injection_efficiency"])
    th = laser_threshold(medium, cavity, pump)
    if not th.lasing:
        notes.append(th.reason)
    curve = light_curve(
        medium,
        cavity,
        pump,
        points=int(las["points"]),
        span=(float(las["span"][0]), float(las["span"][1])),
        beta=float(las["beta"]),
        threshold=th,
    )
    by_pump = {
        p.name: laser_threshold(medium, cavity, p)
        for p in (
            Pump("pulsed", 1e-4, "100 fs"),
            Pump("cw", label="cw"),
            Pump("electrical", label="electrical", injection_efficiency=pump.injection_efficiency),
        )
    }
    by_pump[pump.name] = th
    if medium.details.get("auger_model") in ("momentum", "overlap-volume"):
        notes.append(
            f"biexciton Auger lifetime from the {medium.details['auger_model']} model (an "
            "estimate); give laser.tau_xx where a measured value exists"
        )
    # ASE of the film as a planar waveguide (not defined for light normal to a microcavity)
    ase = (
        ase_threshold(medium, cavity, pump)
        if cavity.kind != "vcsel" and cavity.internal_loss_cm > 0
        else None
    )
    return LaserResult(
        design.name,
        target,
        medium,
        cavity,
        th,
        curve,
        ase,
        by_pump,
        tuple(notes),
    )


def _waveguide_cavity(
    design: Design,
    stack: Any,
    lam: float,
    qd_layers: list[int],
    details: dict[str, Any],
    notes: list[str],
) -> Cavity:
    """The fundamental TE mode of the application's planar stack (or ridge, with
    ``application.width``) with the outcoupling of the named cavity."""
    from qdopto.photonics.cavities import mirror_loss_cm

    app, las = design.application or {}, design.laser or {}
    found = [m for m in application_modes(design, stack, lam).modes if m.polarization == "TE"]
    if not found:
        raise QdoptoError(f"the application waveguide has no guided TE mode at {lam:g} nm")
    mode = found[0]
    if app.get("width_nm") is not None:
        details.update(
            {"waveguide": "ridge", "width_nm": app["width_nm"], "ridge_layers": app["ridge_layers"]}
        )
    if app.get("width_nm") is not None and las["cavity"] == "wgm":
        raise QdoptoError(
            "laser.cavity 'wgm' models a disk cut from the planar stack; remove "
            "application.width (ridge rings are not modelled)"
        )
    gamma = float(sum(mode.confinement[i] for i in qd_layers))
    if not math.isfinite(mode.n_group):
        raise QdoptoError(f"no group index for the guided mode at {lam:g} nm (mode near cut-off)")
    kind = las["cavity"]
    if kind == "dfb":
        dfb = application_dfb(design, stack, lam)
        ks = dfb_threshold(dfb["kappa_cm-1"], las["length_um"])[0]
        mirror = ks["mirror_loss_cm-1"] + las["radiation_loss"]
        details.update(
            {
                "period_nm": dfb["period_nm"],
                "kappa_cm-1": dfb["kappa_cm-1"],
                "length_um": las["length_um"],
                "kappa_L": dfb["kappa_cm-1"] * las["length_um"] * 1e-4,
                "feedback_loss_cm-1": ks["mirror_loss_cm-1"],
                "radiation_loss_cm-1": las["radiation_loss"],
            }
        )
        if app.get("order", 2) >= 2 and las["radiation_loss"] == 0:
            notes.append(
                "second-order grating: surface-emission (radiation) loss not included; give "
                "laser.radiation_loss to add it"
            )
    elif kind == "fabry-perot":
        r1, r2 = las["reflectances"]
        mirror = mirror_loss_cm(las["length_um"], r1, r2) + las["radiation_loss"]
        details.update({"length_um": las["length_um"], "reflectances": [r1, r2]})
    elif kind == "q":
        mirror = loss_from_q(las["q"], lam, mode.n_group) + las["radiation_loss"]
        details["q_outcoupling"] = las["q"]
    elif kind == "wgm":
        mirror, lam = _wgm_loss(stack, mode, lam, float(las["radius_um"]), details)
        mirror += las["radiation_loss"]
    else:
        mirror = float(las["mirror_loss"]) + las["radiation_loss"]
    return Cavity(kind, lam, gamma, mode.n_group, las["internal_loss"], mirror, details)


def _vcsel_cavity(stack: Any, lam: float, las: dict[str, Any], details: dict[str, Any]) -> Cavity:
    """A DBR microcavity as the laser cavity: the mode nearest ``lam`` of
    :func:`qdopto.photonics.microcavity.microcavity`, its longitudinal confinement factor
    Gamma_z as the confinement, its mirror loss ln(1/sqrt(R1 R2))/L_eff as the outcoupling and
    the absorption of its passive cavity layers plus ``internal_loss`` as alpha_i (Coldren &
    Corzine, Ch. 3 and Eq. 2.8). The exact threshold gain of the stack (the pole of its
    characteristic matrix with gain in the QD layers) is recorded next to it."""
    from qdopto.photonics.microcavity import microcavity

    res = microcavity(stack, (lam - 40.0, lam + 40.0), target_nm=lam)
    mode = res.mode
    if mode.gamma_z is None or not mode.gamma_z > 0:
        raise QdoptoError("the microcavity has no QD layer in its cavity (Gamma_z = 0)")
    lo, hi = res.cavity
    lam_m = float(mode.wavelength_nm)
    idx = stack.indices([lam_m - 1.0, lam_m, lam_m + 1.0])[1].real  # QD films need >= 3
    t = stack.thicknesses()
    inner = [i for i in range(lo, hi + 1) if 1 <= i <= len(stack.layers) - 2]
    n_cav = float(sum(idx[i] * t[i - 1] for i in inner) / sum(t[i - 1] for i in inner))
    details.update(
        {
            "q_passive": mode.q,
            "R_bottom": mode.r_bottom,
            "R_top": mode.r_top,
            "L_eff_nm": mode.l_eff_nm,
            "gamma_r": mode.gamma_r,
            "group_index_from": "thickness-weighted index of the cavity layers",
            "threshold_gain_exact_cm-1": None
            if res.threshold is None
            else res.threshold.threshold_gain_cm,
        }
    )
    return Cavity(
        "vcsel",
        float(mode.wavelength_nm),
        float(mode.gamma_z),
        n_cav,
        float(mode.internal_loss_cm) + float(las["internal_loss"]),
        float(mode.mirror_loss_cm),
        details,
    )


def _wgm_loss(
    stack: Any, mode: Any, lam: float, radius_um: float, details: dict[str, Any]
) -> tuple[float, float]:
    """Radiation loss [cm^-1] and wavelength [nm] of the disk WGM nearest ``lam`` (the stack
    cut to a disk of ``radius_um``): effective-index method with the slab mode's n_eff in a
    medium of the cover's index, the exact complex resonance of
    :func:`qdopto.photonics.wgm.wgm_spectrum`, alpha = 2 pi n_g / (lambda Q_rad)."""
    from qdopto.photonics.wgm import wgm_spectrum

    n_out = float(stack.layers[-1].index([lam])[0].real)
    fsr = lam**2 / (2 * math.pi * radius_um * 1e3 * mode.n_group)
    half = max(2.0 * fsr, 1.0)
    res = wgm_spectrum("disk", radius_um, float(mode.n_eff.real), n_out, (lam - half, lam + half))
    if not res:
        raise QdoptoError(f"no whispering-gallery mode of a {radius_um:g} um disk near {lam:g} nm")
    best = min(res, key=lambda r: abs(r.wavelength_nm - lam))
    finite = math.isfinite(best.q_radiation)
    loss = loss_from_q(best.q_radiation, best.wavelength_nm, mode.n_group) if finite else 0.0
    details.update(
        {
            "radius_um": radius_um,
            "n_eff_slab": float(mode.n_eff.real),
            "n_medium": n_out,
            "azimuthal_order": best.l,
            "q_radiation": best.q_radiation if finite else None,
            "fsr_nm": best.fsr_nm,
        }
    )
    return loss, float(best.wavelength_nm)
