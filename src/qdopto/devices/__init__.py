"""Devices built from the layers below: QD lasers (threshold, rate equations, L-L curves)."""

from __future__ import annotations

from qdopto.devices.laser import (
    Cavity,
    GainMedium,
    LaserThreshold,
    LightCurve,
    Pump,
    ase_threshold,
    dfb_threshold,
    fit_vsl,
    laser_threshold,
    light_curve,
    loss_from_q,
    parse_pump,
    qd_gain_medium,
    rate_equations,
    steady_state_lasing,
    stimulated_weights,
    vsl_intensity,
)

__all__ = [
    "Cavity",
    "GainMedium",
    "LaserThreshold",
    "LightCurve",
    "Pump",
    "ase_threshold",
    "dfb_threshold",
    "fit_vsl",
    "laser_threshold",
    "light_curve",
    "loss_from_q",
    "parse_pump",
    "qd_gain_medium",
    "rate_equations",
    "steady_state_lasing",
    "stimulated_weights",
    "vsl_intensity",
]
