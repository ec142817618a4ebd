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


@dataclass(frozen=True)
class LaserResult:
    """A QD laser from a design file: gain medium, cavity, thresholds and the L-L curve."""

    design: str
    structure: str
    medium: GainMedium
    cavity: Cavity
    threshold: LaserThreshold
    curve: LightCurve
    ase: LaserThreshold
    thresholds: dict[str, LaserThreshold] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "structure": self.structure,
            "wavelength_nm": self.cavity.wavelength_nm,
            "lasing": self.threshold.lasing,
            "threshold": self.threshold.to_dict(),
            "ase_threshold": self.ase.to_dict(),
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
    from qdopto.photonics import modes, parse_stack
    from qdopto.photonics.cavities import dfb_design, mirror_loss_cm

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
                stokes_shift_meV=optics.get("stokes_shift_meV", 0.0),
            )
            pl_peak_nm = float(spec.pl_peak_nm)
        lam = pl_peak_nm
    stack = parse_stack(stack_text)
    mode = modes(stack, lam, ("TE",)).modes[0]
    qd_layers = [i for i, layer in enumerate(stack.layers) if layer.qd is not None]
    gamma = float(sum(mode.confinement[i] for i in qd_layers))
    thickness = float(sum(stack.layers[i].thickness_nm for i in qd_layers))
    if not math.isfinite(mode.n_group):
        raise QdoptoError(f"no group index for the guided mode at {lam:g} nm (mode near cut-off)")
    notes: list[str] = []
    kind = las["cavity"]
    details: dict[str, Any] = {"stack": stack.spec}
    if kind == "dfb":
        dfb = dfb_design(
            stack,
            lam,
            app.get("order", 2),
            etch_depth_nm=app.get("etch_depth_nm", 30.0),
            grating_layer=app.get("grating_layer"),
            duty_cycle=app.get("duty_cycle"),
        )
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
    else:
        mirror = float(las["mirror_loss"]) + las["radiation_loss"]
    cavity = Cavity(kind, float(lam), gamma, mode.n_group, las["internal_loss"], mirror, details)
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
    if medium.details.get("auger_model") == "overlap-volume":
        notes.append(
            "biexciton Auger lifetime from the overlap-volume model; give laser.tau_xx where a "
            "measured value exists"
        )
    return LaserResult(
        design.name,
        target,
        medium,
        cavity,
        th,
        curve,
        ase_threshold(medium, cavity, pump),
        by_pump,
        tuple(notes),
    )
