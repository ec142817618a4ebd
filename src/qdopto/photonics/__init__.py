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
from qdopto.photonics.microcavity import (
    CavityMode,
    FieldProfile,
    LasingThreshold,
    MicrocavityResult,
    cavity_modes,
    dbr_cavity_spec,
    dbr_penetration_depth_nm,
    field_profile,
    lasing_threshold,
    vcsel_threshold_gain_approx,
)
from qdopto.photonics.slab import Mode, ModeSet, effective_indices, modes
from qdopto.photonics.stack import Stack, StackLayer, parse_stack
from qdopto.photonics.thinfilm import (
    dbr_stopband,
    quarter_wave_dbr_reflectance,
    reflectance_transmittance,
)
from qdopto.photonics.wgm import (
    WGMResonance,
    disk_q_radiation_asymptotic,
    disk_wgm_complex,
    sphere_q_radiation_asymptotic,
    sphere_q_radiation_buck_kimble,
    sphere_wgm_complex,
    wgm_spectrum,
)

__all__ = [
    "CavityMode",
    "FieldProfile",
    "LasingThreshold",
    "MicrocavityResult",
    "Mode",
    "ModeSet",
    "Stack",
    "StackLayer",
    "WGMResonance",
    "asymptotic_wgm_size_parameter",
    "bragg_period_nm",
    "cavity_modes",
    "dbr_cavity_spec",
    "dbr_penetration_depth_nm",
    "dbr_stopband",
    "dfb_design",
    "disk_q_radiation_asymptotic",
    "disk_wgm_complex",
    "effective_indices",
    "field_profile",
    "grating_coupling_cm",
    "lasing_threshold",
    "mirror_loss_cm",
    "modes",
    "parse_stack",
    "quarter_wave_dbr_reflectance",
    "reflectance_transmittance",
    "ring_resonances_nm",
    "sphere_q_radiation_asymptotic",
    "sphere_q_radiation_buck_kimble",
    "sphere_wgm_complex",
    "sphere_wgm_nm",
    "stopband_nm",
    "threshold_modal_gain_cm",
    "vcsel_threshold_gain_approx",
    "wgm_spectrum",
]
