"""Photonics: planar stacks, waveguide modes, thin-film optics, cavities and thresholds."""

from __future__ import annotations

from qdopto.photonics.cavities import (
    asymptotic_wgm_size_parameter,
    bragg_period_nm,
    dfb_design,
    grating_coupling_cm,
    mirror_loss_cm,
    ring_resonances_nm,
    sphere_wgm_nm,
    stopband_nm,
    threshold_modal_gain_cm,
)
from qdopto.photonics.slab import Mode, ModeSet, effective_indices, modes
from qdopto.photonics.stack import Stack, StackLayer, parse_stack
from qdopto.photonics.thinfilm import (
    dbr_stopband,
    quarter_wave_dbr_reflectance,
    reflectance_transmittance,
)

__all__ = [
    "Mode",
    "ModeSet",
    "Stack",
    "StackLayer",
    "asymptotic_wgm_size_parameter",
    "bragg_period_nm",
    "dbr_stopband",
    "dfb_design",
    "effective_indices",
    "grating_coupling_cm",
    "mirror_loss_cm",
    "modes",
    "parse_stack",
    "quarter_wave_dbr_reflectance",
    "reflectance_transmittance",
    "ring_resonances_nm",
    "sphere_wgm_nm",
    "stopband_nm",
    "threshold_modal_gain_cm",
]
