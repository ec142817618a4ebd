"""Ensemble absorption and PL spectra of rods, dot-in-rods, platelets and epitaxial dots.

The transitions of the mean particle (:func:`qdopto.electronic.shapes.shape_transitions`)
are broadened by

- **size dispersion**: every length of the particle scales by a factor s distributed with
  the given relative standard deviation (Gauss-Hermite nodes, as for spheres), except the
  thickness of a platelet, which is an exact number of monolayers: only its lateral size is
  distributed (S. Ithurria et al., Nat. Mater. 10, 936 (2011): platelet line widths are
  homogeneous, not set by a thickness distribution). Each transition moves with the ground
  exciton, E(s) = E(1) + (dE_X / d ln s) ln s, the slope from a second solution at
  s = 1 + :data:`SLOPE_STEP`;
- **homogeneous broadening**: the given FWHM, or that of the database's QD exciton-phonon
  couplings of the material holding the exciton (as for spheres).

Cross-sections: int sigma dE = (pi e^2 hbar / (2 eps0 m0 c)) <|f_LF|^2> f / n_s, the spheres'
Eq. (2) of :mod:`qdopto.electronic.transitions` with the local-field factor averaged over the
transition dipole's directions, <|f_LF|^2> = w_z |f_z|^2 + (1 - w_z) |f_perp|^2 (w_z the
dipole's weight along the particle axis), and f_i = eps_m/(eps_m + L_i (eps - eps_m)) with the
depolarisation factors L_i of the particle's outline: a prolate spheroid of the rod's aspect
ratio (:func:`qdopto.optics.anisotropy.depolarization_factors`), the thin-slab limit
(L_z = 1, L_x = L_y = 0) for a platelet, a sphere (L = 1/3) for an epitaxial dot (whose matrix
nearly matches its permittivity). Only the computed discrete transitions are included: no
bulk-like continuum above them (the spheres' model blends one in), so the absorption far
above the band edge is not modelled for these shapes.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import HC_EV_NM
from qdopto.electronic.shapes import ShapeTransitions, shape_transitions, solve_shape
from qdopto.electronic.transitions import (
    ABSORPTION_PREFACTOR_EV_CM2,
    _medium_index,
    optical_permittivity_of,
)
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.optics.anisotropy import depolarization_factors
from qdopto.optics.ensemble import line_spectrum, size_quadrature
from qdopto.optics.spectra import SpectrumResult, _fwhm, check_stokes, material_linewidth_meV
from qdopto.structures.shapes import EpitaxialDot, Platelet, Rod, Shape, parse_shape

Array = NDArray[np.float64]
#: Relative size step [-] of the finite difference dE_X / d ln s.
SLOPE_STEP = 0.05


def scaled_shape(shape: Shape, s: float) -> Shape:
    """The shape with its lengths scaled by ``s`` (a platelet: its lateral size only)."""
    if isinstance(shape, Rod):
        return Rod(
            shape.material,
            shape.length_nm * s,
            shape.radius_nm * s,
            shape.core,
            None if shape.core_radius_nm is None else shape.core_radius_nm * s,
            shape.core_at,
            shape.medium_name,
        )
    if isinstance(shape, Platelet):
        lx, ly = shape.lateral_nm
        crown = None if shape.crown is None else (shape.crown[0], shape.crown[1] * s)
        return Platelet(
            shape.material,
            shape.monolayers,
            (lx * s, ly * s),
            crown,
            shape.shell,
            shape.medium_name,
        )
    return EpitaxialDot(
        shape.shape,
        shape.material,
        shape.base_nm * s,
        shape.height_nm * s,
        shape.matrix,
        shape.wetting_nm,
    )


def _depolarization(shape: Shape) -> tuple[float, float]:
    """(L_z, L_perp) of the particle's outline."""
    if isinstance(shape, Rod):
        lz, lp = depolarization_factors(max(shape.aspect_ratio, 1.0))
        return float(np.asarray(lz).ravel()[0]), float(np.asarray(lp).ravel()[0])
    if isinstance(shape, Platelet):
        return 1.0, 0.0
    return 1.0 / 3.0, 1.0 / 3.0


def _emitter_material(tr: ShapeTransitions) -> str:
    """The particle region holding most of the ground electron-hole pair."""
    g = tr.ground
    roles = [role for role, _ in tr.structure.regions[:-1]]
    mats = dict(tr.structure.regions)
    best = max(roles, key=lambda r: g.localization_e.get(r, 0.0) + g.localization_h.get(r, 0.0))
    return mats[best]


#: Excitation wavelength [nm] at which a rod's absorption anisotropy is reported: far above
#: the band edge of CdSe and CdS rods, where absorption is bulk-like and isotropic within the
#: rod material, so that only the dielectric (shape) part remains (Hadar et al. 2013).
ANISOTROPY_EXCITATION_NM = 400.0


def _rod_polarization(shape: Rod, n_medium: float, e_abs: float, e_pl: float) -> dict[str, Any]:
    """Dielectric polarisation anisotropy of a rod (:mod:`qdopto.optics.anisotropy`): the
    absorption anisotropy far above the band edge and the emission polarisation of an
    isotropic band-edge emitter (the fine-structure contribution is not included)."""
    from qdopto.optics.anisotropy import rod_anisotropy

    res = rod_anisotropy(
        max(shape.aspect_ratio, 1.0),
        ANISOTROPY_EXCITATION_NM,
        rod=shape.material,
        medium=n_medium,
        emission_nm=HC_EV_NM / e_pl,
    )
    return {
        "aspect_ratio": shape.aspect_ratio,
        "excitation_nm": ANISOTROPY_EXCITATION_NM,
        "absorption_anisotropy": float(np.asarray(res.absorption_anisotropy).ravel()[0]),
        "dichroic_ratio": float(np.asarray(res.dichroic_ratio).ravel()[0]),
        "emission_nm": HC_EV_NM / e_pl,
        "emission_polarization": (
            None
            if res.emission_polarization is None
            else float(np.asarray(res.emission_polarization).ravel()[0])
        ),
        "model": "dielectric local field of a prolate spheroid; band-edge fine structure "
        "not included",
    }


def shape_spectrum(
    structure: Shape | str,
    *,
    dispersion_pct: float = 5.0,
    distribution: str = "normal",
    temperature_K: float = 300.0,
    wavelength_nm: Array | None = None,
    linewidth_meV: float | None = None,
    stokes_shift_meV: float | None = None,
    nodes: int = 15,
) -> SpectrumResult:
    """Absorption cross-section per particle and PL of an ensemble of a non-spherical QD.

    Parameters
    ----------
    structure : Rod, Platelet, EpitaxialDot or str
        The mean particle.
    dispersion_pct : float
        Relative standard deviation of the particle's lengths [%] (platelets: lateral size).
    distribution : str
        ``normal`` or ``lognormal``.
    temperature_K : float
        Temperature [K].
    wavelength_nm : ndarray, optional
        Wavelengths [nm]; default 1000 points around the computed transitions.
    linewidth_meV : float, optional
        Homogeneous FWHM [meV]; default from the database's QD exciton-phonon couplings.
    stokes_shift_meV : float, optional
        Stokes shift of each particle's emission [meV], >= 0. Default none (0): the
        fine-structure model (:mod:`qdopto.electronic.fine_structure`) is for spheres, and the
        result's ``stokes_model`` says so.
    nodes : int
        Quadrature nodes over the size distribution.

    Returns
    -------
    SpectrumResult
    """
    shape = parse_shape(structure) if isinstance(structure, str) else structure
    check_stokes(stokes_shift_meV)
    if stokes_shift_meV is None:
        stokes, stokes_model = 0.0, "none (the fine-structure model is for spherical dots)"
    else:
        stokes, stokes_model = float(stokes_shift_meV), "given"
    tr = shape_transitions(shape, temperature_K)
    if linewidth_meV is None:
        gamma_meV, gamma_source = material_linewidth_meV(_emitter_material(tr), temperature_K)
    else:
        if not (math.isfinite(linewidth_meV) and 0 < linewidth_meV < 1000):
            raise QdoptoError(f"linewidth must be within 0-1000 meV, got {linewidth_meV}")
        gamma_meV, gamma_source = float(linewidth_meV), "given"
    gamma = gamma_meV * 1e-3
    scales, weights = size_quadrature(
        1.0, dispersion_pct, distribution, nodes if dispersion_pct > 0 else 1
    )
    e0 = tr.ground.exciton.energy_eV
    slope = 0.0
    if dispersion_pct > 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            e1 = solve_shape(scaled_shape(shape, 1.0 + SLOPE_STEP), temperature_K=temperature_K)
        slope = (e1.exciton.energy_eV - e0) / math.log1p(SLOPE_STEP)
    db = default_database()
    medium = db.get(shape.medium)
    n_s = _medium_index(medium)
    eps_m = n_s**2
    lz, lp = _depolarization(shape)
    emitter = _emitter_material(tr)
    strengths = []
    for t in tr.transitions:
        eps = optical_permittivity_of(emitter, t.energy_eV, temperature_K)
        fz = eps_m / (eps_m + lz * (eps - eps_m))
        fp = eps_m / (eps_m + lp * (eps - eps_m))
        lf2 = t.dipole_z_weight * fz**2 + (1.0 - t.dipole_z_weight) * fp**2
        strengths.append(ABSORPTION_PREFACTOR_EV_CM2 * lf2 * t.oscillator_strength / n_s)
    e_t = np.array([t.energy_eV for t in tr.transitions])
    s_t = np.array(strengths)
    shift = slope * np.log(scales)
    energies = (e_t[None, :] + shift[:, None]).ravel()
    amps = (weights[:, None] * s_t[None, :]).ravel()
    e_lo = float(e_t.min() + shift.min() - 6 * gamma)
    e_hi = float(e_t.max() + shift.max() + 6 * gamma)
    if wavelength_nm is None:
        lam = np.linspace(HC_EV_NM / e_hi, HC_EV_NM / max(e_lo, 0.05), 1000)
    else:
        lam = np.asarray(wavelength_nm, dtype=float)
        if lam.ndim != 1 or lam.size < 3 or np.any(lam <= 0) or np.any(np.diff(lam) <= 0):
            raise QdoptoError("wavelengths must be positive and increasing (at least 3)")
    e_grid = np.linspace(HC_EV_NM / lam.max(), HC_EV_NM / lam.min(), 4 * lam.size)
    sigma = np.interp(HC_EV_NM / lam, e_grid, line_spectrum(energies, amps, e_grid, gamma))
    # emission from the ground exciton, weighted by the absorbed share (~ volume or area)
    power = 2.0 if isinstance(shape, Platelet) else 3.0
    e_pl = e0 + shift - stokes * 1e-3
    pl_e = line_spectrum(e_pl, weights * scales**power, e_grid, gamma)
    pl_lam = np.interp(HC_EV_NM / lam, e_grid, pl_e) * (HC_EV_NM / lam) ** 2
    if pl_lam.max() <= 0:
        raise QdoptoError("the emission falls outside the wavelength range")
    pl_lam = pl_lam / pl_lam.max()
    band = line_spectrum(e0 + shift, weights * s_t[0], e_grid, gamma)
    edge = (e_grid > e0 + shift.min() - 3 * gamma) & (e_grid < e0 + shift.max() + 2 * gamma)
    if not edge.any():
        raise QdoptoError("the band edge falls outside the wavelength range")
    e_abs = float(e_grid[edge][np.argmax(band[edge])])
    e_pl_peak = float(e_grid[np.argmax(pl_e)])
    details: dict[str, Any] = {
        "linewidth_source": gamma_source,
        "intrinsic_stokes_shift_meV": stokes,
        "stokes_model": stokes_model,
        "size_nodes": int(scales.size),
        "model": f"{tr.model} transitions (no bulk-like continuum)",
        "dE_dlns_eV": slope,
        "transitions": [t.to_dict() for t in tr.transitions],
        "local_field": {"L_axis": lz, "L_perp": lp, "medium_index": n_s},
    }
    if isinstance(shape, Rod):
        details["polarization"] = _rod_polarization(shape, n_s, e_abs, e_pl_peak)
    return SpectrumResult(
        structure=shape,
        temperature_K=float(temperature_K),
        dispersion_pct=float(dispersion_pct),
        distribution=distribution,
        wavelength_nm=lam,
        absorption_cross_section_cm2=sigma,
        pl=pl_lam,
        first_exciton_nm=HC_EV_NM / e_abs,
        pl_peak_nm=HC_EV_NM / e_pl_peak,
        pl_fwhm_nm=_fwhm(lam, pl_lam),
        stokes_shift_meV=1e3 * (e_abs - e_pl_peak),
        homogeneous_fwhm_meV=gamma_meV,
        details=details,
    )
