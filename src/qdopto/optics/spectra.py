"""Absorption and photoluminescence spectra of polydisperse QD ensembles.

Model (docs/optics.md):

1. **Sizes.** The core radius follows a normal or log-normal distribution (dispersion in % of
   the mean), integrated by Gauss-Hermite quadrature (:func:`~qdopto.optics.size_quadrature`).
   The shells keep their thickness, or, with ``shell_dispersion_pct``, all shells of a dot
   scale together by a normal factor (standard deviation in % of each thickness) drawn
   independently of the core: a product quadrature over both (shell-growth spread; core and
   shell growth are separate synthesis steps).
2. **Near the edge**, each size contributes its allowed transitions
   (:mod:`qdopto.electronic.transitions`): integrated cross-sections broadened by the
   homogeneous linewidth Gamma(T) of Rudin, Reinecke & Segall with the exciton-phonon
   couplings the database has for the core material (or a linewidth the caller gives).
3. **Far above the edge** the absorption is bulk-like: sum over layers of V_k mu_i,k with the
   local-field-corrected bulk absorption of each layer (:mod:`qdopto.optics.crosssection`).
   The spectrum crosses over smoothly (smoothstep) from the discrete transitions to the
   bulk-like value
   between ``blend_eV[0]`` and ``blend_eV[1]`` above the first exciton (default 0.5-1.0 eV:
   above ~1 eV the absorption per unit volume of CdSe and PbS QDs no longer depends on size;
   Leatherdale et al. 2002, Moreels et al. 2009, Hens & Moreels 2012).
4. **Emission** comes from the band-edge transition of every size, weighted by the number of
   dots and by their absorption of a pump far above the edge (proportional to their volume),
   red-shifted by the intrinsic (fine-structure) Stokes shift the caller gives (none is in the
   database yet), with the homogeneous Gaussian linewidth. The reported Stokes shift is the
   distance between the first-exciton absorption peak and the PL peak, so it includes the
   ensemble (size-selection) shift.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import HC_EV_NM
from qdopto.electronic.fine_structure import intrinsic_stokes_batch
from qdopto.electronic.models import band_edge_material
from qdopto.electronic.transitions import transitions
from qdopto.errors import MissingParameterError, QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.optics.crosssection import intrinsic_absorption
from qdopto.optics.ensemble import homogeneous_linewidth, line_spectrum, size_quadrature
from qdopto.structures import Layer, Shape, SphericalQD
from qdopto.structures.spherical import EFFECTIVE_MASS_MIN_RADIUS_NM

Array = NDArray[np.float64]
DEFAULT_BLEND_EV = (0.5, 1.0)


@dataclass(frozen=True)
class SpectrumResult:
    """Ensemble absorption (cross-section per dot) and normalised PL against wavelength."""

    structure: SphericalQD | Shape
    temperature_K: float
    dispersion_pct: float
    distribution: str
    wavelength_nm: Array = field(repr=False)
    absorption_cross_section_cm2: Array = field(repr=False)
    pl: Array = field(repr=False)
    first_exciton_nm: float
    pl_peak_nm: float
    pl_fwhm_nm: float
    stokes_shift_meV: float
    homogeneous_fwhm_meV: float
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def extinction_M_cm(self) -> Array:
        """Molar decadic extinction coefficient [M^-1 cm^-1]."""
        from qdopto.optics.crosssection import extinction_from_cross_section

        return extinction_from_cross_section(self.absorption_cross_section_cm2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure.spec,
            "temperature_K": self.temperature_K,
            "dispersion_pct": self.dispersion_pct,
            "distribution": self.distribution,
            "first_exciton_nm": self.first_exciton_nm,
            "pl_peak_nm": self.pl_peak_nm,
            "pl_fwhm_nm": self.pl_fwhm_nm,
            "stokes_shift_meV": self.stokes_shift_meV,
            "homogeneous_fwhm_meV": self.homogeneous_fwhm_meV,
            "wavelength_nm": self.wavelength_nm.tolist(),
            "absorption_cross_section_cm2": self.absorption_cross_section_cm2.tolist(),
            "pl": self.pl.tolist(),
            **self.details,
        }


def default_linewidth_meV(structure: SphericalQD, temperature_K: float) -> tuple[float, str]:
    """Homogeneous FWHM [meV] from the QD exciton-phonon couplings of the material the band
    edge lives in (:func:`band_edge_material`: the core of a type-I dot, the emitting shell
    of a quantum shell)."""
    return material_linewidth_meV(band_edge_material(structure, temperature_K), temperature_K)


def material_linewidth_meV(material: str, temperature_K: float) -> tuple[float, str]:
    """Homogeneous FWHM [meV] of QDs of ``material`` from its QD exciton-phonon couplings
    (:func:`qdopto.optics.ensemble.homogeneous_linewidth` with Gamma_0 = 0), and its source.

    Raises
    ------
    MissingParameterError
        If the material has no QD linewidth data (the message says to give the width).
    """
    mat = default_database().get(material)
    r = mat.at(temperature_K)
    need = ("qd_linewidth_sigma_ac", "qd_linewidth_gamma_lo", "hw_LO")
    missing = [k for k in need if k not in r]
    if missing:
        raise MissingParameterError(
            f"material '{mat.name}' has no QD linewidth data ({', '.join(missing)}); give the "
            "homogeneous linewidth explicitly (linewidth_meV=..., or --linewidth in the CLI)"
        )
    width = float(
        homogeneous_linewidth(
            temperature_K,
            0.0,
            r["qd_linewidth_sigma_ac"] * 1e6,
            r["qd_linewidth_gamma_lo"] * 1e3,
            r["hw_LO"],
        )
    )
    source = (
        f"Rudin-Reinecke-Segall with sigma_ac and Gamma_LO of {mat.name} QDs "
        f"({mat.parameter('qd_linewidth_sigma_ac').source}); Gamma_0 = 0"
    )
    return width, source


def with_core_radius(qd: SphericalQD, radius: float, shell_factor: float = 1.0) -> SphericalQD:
    """The same structure with another core radius [nm] and every shell thickness scaled by
    ``shell_factor`` (medium kept)."""
    first = qd.layers[0]
    shells = tuple(
        Layer(layer.material, layer.thickness_nm * shell_factor, layer.graded_to)
        for layer in qd.layers[1:]
    )
    return SphericalQD((Layer(first.material, radius, first.graded_to), *shells), qd.medium)


#: Gauss-Hermite nodes of the shell-thickness spread (exact for polynomials of degree 13).
SHELL_NODES = 7


def _fwhm(x: Array, y: Array) -> float:
    i = int(np.argmax(y))
    half = y[i] / 2.0
    left = np.where(y[:i] < half)[0]
    right = np.where(y[i:] < half)[0]
    if left.size == 0 or right.size == 0:
        return math.nan
    a, b = left[-1], i + right[0]
    xl = np.interp(half, [y[a], y[a + 1]], [x[a], x[a + 1]])
    xr = np.interp(half, [y[b], y[b - 1]], [x[b], x[b - 1]])
    return float(abs(xr - xl))


def ensemble_spectrum(
    structure: SphericalQD | str,
    *,
    dispersion_pct: float = 5.0,
    distribution: str = "normal",
    temperature_K: float = 300.0,
    wavelength_nm: Array | None = None,
    linewidth_meV: float | None = None,
    stokes_shift_meV: float | None = None,
    nodes: int = 15,
    blend_eV: tuple[float, float] = DEFAULT_BLEND_EV,
    band_edge_only: bool = False,
    shell_dispersion_pct: float = 0.0,
) -> SpectrumResult:
    """Absorption cross-section per dot and PL of an ensemble of ``structure``.

    Parameters
    ----------
    structure : SphericalQD or str
        The mean structure; its core radius is distributed.
    dispersion_pct : float
        Standard deviation of the core radius [% of the mean] (0-50).
    distribution : str
        ``normal`` or ``lognormal``.
    temperature_K : float
        Temperature [K].
    wavelength_nm : ndarray, optional
        Wavelengths [nm]; default 1000 points from 300 nm to 120 nm beyond the first exciton.
    linewidth_meV : float, optional
        Homogeneous FWHM [meV]; default from the database's QD exciton-phonon couplings.
    stokes_shift_meV : float, optional
        Intrinsic Stokes shift of each dot [meV], >= 0. Default: from the band-edge exciton
        fine structure of every size (:mod:`qdopto.electronic.fine_structure`, Efros et al.
        1996) where the band-edge material has its parameters, else none (0), as the result's
        ``stokes_model`` says.
    nodes : int
        Quadrature nodes over the size distribution.
    blend_eV : (float, float)
        Crossover window to bulk-like absorption, above the first exciton [eV].
    band_edge_only : bool
        Keep only the band-edge (1Se-1Sh) transition and no bulk-like part: the absorption
        that optical gain inverts (:func:`qdopto.dynamics.gain.material_gain`).
    shell_dispersion_pct : float
        Standard deviation of the shell thicknesses [% of each mean thickness] (0-50); all
        shells of a dot scale together, independently of the core radius.
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    check_stokes(stokes_shift_meV)
    if not (0 <= blend_eV[0] < blend_eV[1]):
        raise QdoptoError("the bulk crossover window needs 0 <= start < end [eV]")
    if linewidth_meV is None:
        gamma_meV, gamma_source = default_linewidth_meV(qd, temperature_K)
    else:
        if not (math.isfinite(linewidth_meV) and 0 < linewidth_meV < 1000):
            raise QdoptoError(f"linewidth must be within 0-1000 meV, got {linewidth_meV}")
        gamma_meV, gamma_source = float(linewidth_meV), "given"
    gamma = gamma_meV * 1e-3
    core_r, core_w = size_quadrature(
        qd.core_radius_nm, dispersion_pct, distribution, nodes if dispersion_pct > 0 else 1
    )
    factors, shell_w = _shell_factors(qd, shell_dispersion_pct)
    radii = np.repeat(np.clip(core_r, 0.25, None), factors.size)
    shell = np.tile(factors, core_r.size)
    weights = np.outer(core_w, shell_w).ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        members = [with_core_radius(qd, r, f) for r, f in zip(radii, shell, strict=True)]
        sets = [transitions(m, temperature_K) for m in members]
    small = float(weights[radii < EFFECTIVE_MASS_MIN_RADIUS_NM].sum())
    if small > 0.01 and qd.core_radius_nm >= EFFECTIVE_MASS_MIN_RADIUS_NM:
        warnings.warn(
            f"{qd.spec}: {100 * small:.0f} % of the size distribution has core radii below "
            f"{EFFECTIVE_MASS_MIN_RADIUS_NM:g} nm, where effective-mass models are unreliable",
            ValidityWarning,
            stacklevel=2,
        )
    if band_edge_only:
        sets_lines = [[t for t in st.transitions if t.label == "1Se-1Sh"] for st in sets]
    else:
        sets_lines = [list(st.transitions) for st in sets]
    energies = np.concatenate([[t.energy_eV for t in lines] for lines in sets_lines])
    strengths = np.concatenate(
        [
            [w * t.integrated_cross_section_eV_cm2 for t in lines]
            for lines, w in zip(sets_lines, weights, strict=True)
        ]
    )
    e1 = np.array([s.transitions[0].energy_eV for s in sets])
    e1_mean = float(np.dot(weights, e1))
    if wavelength_nm is None:
        lam = np.linspace(300.0, HC_EV_NM / e1.min() + 120.0, 1000)
    else:
        lam = np.asarray(wavelength_nm, dtype=float)
        if lam.ndim != 1 or lam.size < 3 or np.any(lam <= 0) or np.any(np.diff(lam) <= 0):
            raise QdoptoError("wavelengths must be positive and increasing (at least 3)")
    e_grid = np.linspace(HC_EV_NM / lam.max(), HC_EV_NM / lam.min(), 4 * lam.size)
    disc = line_spectrum(energies, strengths, e_grid, gamma)
    # bulk-like part: volume-weighted local-field absorption of every layer
    u = np.clip((e_grid - e1_mean - blend_eV[0]) / (blend_eV[1] - blend_eV[0]), 0.0, 1.0)
    s = u * u * (3.0 - 2.0 * u)  # smoothstep: continuous slope at both ends of the window
    bulk = np.zeros_like(e_grid)
    if band_edge_only:
        s = np.zeros_like(s)
    needs_bulk = s > 0
    if needs_bulk.any():
        bulk[needs_bulk] = _bulk_like(qd, members, weights, HC_EV_NM / e_grid[needs_bulk])
    sigma_e = (1.0 - s) * disc + s * bulk
    sigma = np.interp(HC_EV_NM / lam, e_grid, sigma_e)
    # emission
    volumes = np.array([s.volume_cm3 for s in sets]) * 1e21
    if stokes_shift_meV is None:
        thick = np.array([[layer.thickness_nm for layer in m.layers] for m in members])
        shifts, stokes_model = model_stokes_shifts(qd, thick, temperature_K)
    else:
        shifts, stokes_model = np.full(e1.size, float(stokes_shift_meV)), "given"
    pl_e = line_spectrum(e1 - shifts * 1e-3, weights * volumes, e_grid, gamma)
    pl_lam = np.interp(HC_EV_NM / lam, e_grid, pl_e) * (HC_EV_NM / lam) ** 2  # per nm
    if pl_lam.max() <= 0:
        raise QdoptoError("the emission falls outside the wavelength range")
    pl_lam = pl_lam / pl_lam.max()
    # first-exciton absorption peak: the maximum of the discrete band-edge band
    edge = (e_grid > e1.min() - 3 * gamma) & (e_grid < e1.max() + 2 * gamma)
    band = line_spectrum(
        e1,
        weights * np.array([st.transitions[0].integrated_cross_section_eV_cm2 for st in sets]),
        e_grid,
        gamma,
    )
    e_abs_peak = float(e_grid[edge][np.argmax(band[edge])])
    e_pl_peak = float(e_grid[np.argmax(pl_e)])
    return SpectrumResult(
        structure=qd,
        temperature_K=float(temperature_K),
        dispersion_pct=float(dispersion_pct),
        distribution=distribution,
        wavelength_nm=lam,
        absorption_cross_section_cm2=sigma,
        pl=pl_lam,
        first_exciton_nm=HC_EV_NM / e_abs_peak,
        pl_peak_nm=HC_EV_NM / e_pl_peak,
        pl_fwhm_nm=_fwhm(lam, pl_lam),
        stokes_shift_meV=1e3 * (e_abs_peak - e_pl_peak),
        homogeneous_fwhm_meV=gamma_meV,
        details={
            "linewidth_source": gamma_source,
            "bulk_crossover_eV": list(blend_eV),
            "intrinsic_stokes_shift_meV": float(np.dot(weights, shifts)),
            "stokes_model": stokes_model,
            "shell_dispersion_pct": float(shell_dispersion_pct),
            "size_nodes": int(radii.size),
            "model": "radial transitions + bulk-like",
        },
    )


def check_stokes(stokes_shift_meV: float | None) -> None:
    """Reject a given intrinsic Stokes shift outside 0-1000 meV (None: the model)."""
    if stokes_shift_meV is not None and not (
        math.isfinite(stokes_shift_meV) and 0 <= stokes_shift_meV < 1000
    ):
        raise QdoptoError(f"Stokes shift must be within 0-1000 meV, got {stokes_shift_meV}")


def model_stokes_shifts(
    qd: SphericalQD, thicknesses: Array, temperature_K: float
) -> tuple[Array, str]:
    """Intrinsic Stokes shift [meV] of each row of ``thicknesses`` from the exciton fine
    structure, and a description of the model used; where the band-edge material has no
    fine-structure parameters, zeros and a description saying so (not an error: the shift is
    then simply not modelled, and the result says it)."""
    try:
        shifts, material = intrinsic_stokes_batch(qd, thicknesses, temperature_K)
    except MissingParameterError as exc:
        return np.zeros(thicknesses.shape[0]), f"none ({exc})"
    return shifts, f"exciton fine structure (Efros et al. 1996) with the {material} parameters"


def _shell_factors(qd: SphericalQD, shell_dispersion_pct: float) -> tuple[Array, Array]:
    """Scale factors of the shells and their weights (normal, Gauss-Hermite)."""
    if not (math.isfinite(shell_dispersion_pct) and 0 <= shell_dispersion_pct <= 50):
        raise QdoptoError(
            f"shell-thickness dispersion must be within 0-50 %, got {shell_dispersion_pct}"
        )
    if shell_dispersion_pct == 0:
        return np.array([1.0]), np.array([1.0])
    if len(qd.layers) < 2:
        raise QdoptoError(
            f"{qd.spec} has no shell: a shell-thickness dispersion needs a core/shell structure"
        )
    return size_quadrature(1.0, shell_dispersion_pct, "normal", SHELL_NODES)


def _bulk_like(qd: SphericalQD, members: list[SphericalQD], weights: Array, lam_nm: Array) -> Array:
    db = default_database()
    med = db.get(qd.medium)
    if med.refractive_index is None:
        raise MissingParameterError(f"medium '{med.name}' has no refractive index")
    lo, hi = med.refractive_index.range_nm
    n_s = med.nk(np.clip(lam_nm, lo, hi)).real  # solvents vary little outside their range
    total = np.zeros_like(lam_nm)
    for k, layer in enumerate(qd.layers):
        mat = db.get(layer.material)
        mu = intrinsic_absorption(mat.nk(lam_nm), lam_nm, n_s)
        vols = [m.layer_volumes_nm3()[k] for m in members]
        total += mu * float(np.dot(weights, vols)) * 1e-21
    return total
