"""Reading measured absorption spectra, concentration from absorbance, and spectrum fitting.

Fitting strategy (docs/optics.md): the band-edge region fixes the mean core radius and the size
dispersion (its position and width; the band-edge amplitude enters only through a free scale,
because the one-band model's band-edge oscillator strength is known to be ~3x too large); the
concentration comes from the absorbance where the absorption is bulk-like (>= 1 eV above the
first exciton), which Leatherdale et al. 2002 confirm to within 15 % (tests/test_spectra.py).
Beer-Lambert: A = eps c l with eps = N_A sigma / (1000 ln 10).
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from qdopto.constants import HC_EV_NM
from qdopto.electronic.transitions import transitions
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.optics.crosssection import extinction_from_cross_section
from qdopto.optics.ensemble import line_spectrum, size_quadrature
from qdopto.optics.spectra import _bulk_like, default_linewidth_meV, with_core_radius
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class MeasuredSpectrum:
    """A measured absorption spectrum: wavelengths [nm] (increasing) and absorbances."""

    wavelength_nm: Array
    absorbance: Array
    source: str = ""


_HEADER = re.compile(r"^\s*([A-Za-z_ ]+?)\s*(?:[\[(]\s*([^\])]*)\s*[\])])?\s*$")


def _column_kind(name: str) -> tuple[str, str | None]:
    m = _HEADER.match(name)
    if m is None:
        raise QdoptoError(f"cannot read the column name '{name}'")
    label = m.group(1).strip().lower().replace(" ", "_")
    unit = m.group(2)
    if label.endswith("_nm"):
        label, unit = label[:-3], unit or "nm"
    return label, (unit.strip() if unit else None)


def parse_absorption_csv(text: str, source: str = "") -> MeasuredSpectrum:
    """Parse CSV text with columns wavelength and absorbance (header optional).

    Accepted headers: ``wavelength``, ``wavelength_nm``, ``wavelength (nm)``, ``lambda``,
    ``absorbance``, ``abs``, ``od``, ``A``. Wavelengths must be in nm; decreasing order is
    reversed; duplicates, non-monotonic order, NaN and strongly negative absorbance are errors.
    """
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    rows = [r for r in rows if not r[0].lstrip().startswith("#")]
    if not rows:
        raise QdoptoError(f"{source or 'spectrum'}: no data (need columns wavelength, absorbance)")
    first = rows[0]
    try:
        [float(c) for c in first[:2]]
        header = None
    except ValueError:
        header = first
        rows = rows[1:]
    if header is not None:
        kinds = [_column_kind(h) for h in header]
        names = [k for k, _ in kinds]
        wl = [i for i, n in enumerate(names) if n in ("wavelength", "lambda", "wl")]
        ab = [i for i, n in enumerate(names) if n in ("absorbance", "abs", "od", "a")]
        if not wl or not ab:
            raise QdoptoError(
                f"{source or 'spectrum'}: need a wavelength and an absorbance column, got "
                f"{', '.join(header)}"
            )
        unit = kinds[wl[0]][1]
        if unit not in (None, "nm"):
            raise QdoptoError(
                f"{source or 'spectrum'}: wavelength unit '{unit}' is not "
                "supported; give wavelengths in nm"
            )
        iw, ia = wl[0], ab[0]
    else:
        iw, ia = 0, 1
    if len(rows) < 5:
        raise QdoptoError(f"{source or 'spectrum'}: need at least 5 data rows, got {len(rows)}")
    try:
        data = np.array([[float(r[iw]), float(r[ia])] for r in rows])
    except (ValueError, IndexError) as exc:
        raise QdoptoError(f"{source or 'spectrum'}: malformed data row ({exc})") from None
    lam, a = data[:, 0], data[:, 1]
    if not (np.all(np.isfinite(lam)) and np.all(np.isfinite(a))):
        raise QdoptoError(f"{source or 'spectrum'}: NaN or infinite values in the data")
    if lam[0] > lam[-1]:
        lam, a = lam[::-1], a[::-1]
    if np.any(np.diff(lam) <= 0):
        raise QdoptoError(f"{source or 'spectrum'}: wavelengths must be strictly monotonic")
    if np.any(lam <= 0):
        raise QdoptoError(f"{source or 'spectrum'}: wavelengths must be positive nm")
    if a.min() < -0.05 * max(a.max(), 1e-12):
        raise QdoptoError(
            f"{source or 'spectrum'}: negative absorbance down to {a.min():.3g}; "
            "subtract the baseline correctly before fitting"
        )
    return MeasuredSpectrum(lam, a, source)


def read_absorption_csv(path: str | Path) -> MeasuredSpectrum:
    """Read a CSV file of wavelength [nm] and absorbance (see :func:`parse_absorption_csv`)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QdoptoError(f"spectrum file not found: {p}") from None
    except (IsADirectoryError, UnicodeDecodeError):
        raise QdoptoError(f"{p}: not a CSV text file") from None
    return parse_absorption_csv(text, str(p))


def concentration_uM(absorbance: ArrayLike, epsilon_M_cm: ArrayLike, path_cm: float = 1.0) -> Array:
    """Beer-Lambert concentration c = A / (eps l) [uM]."""
    a = np.asarray(absorbance, dtype=float)
    e = np.asarray(epsilon_M_cm, dtype=float)
    if not (path_cm > 0 and np.all(e > 0)):
        raise QdoptoError("need a positive path length and extinction coefficient")
    return np.asarray(a / (e * path_cm) * 1e6)


# ----------------------------------------------------------------------------- fast model
@dataclass
class EnsembleModel:
    """Transitions pre-solved on a grid of core radii, for fast ensemble spectra (fitting).

    The structure's core radius is varied over ``radii_nm``; transitions are matched by label
    across the grid and interpolated linearly in the radius.
    """

    structure: SphericalQD
    radii_nm: Array
    temperature_K: float = 300.0
    linewidth_meV: float | None = None
    table: dict[str, tuple[Array, Array]] = field(init=False, repr=False)
    gamma_eV: float = field(init=False)

    def __post_init__(self) -> None:
        r = np.asarray(self.radii_nm, dtype=float)
        if r.ndim != 1 or r.size < 3 or np.any(np.diff(r) <= 0):
            raise QdoptoError("the radius grid must be increasing with at least 3 points")
        self.radii_nm = r
        if self.linewidth_meV is None:
            width, _ = default_linewidth_meV(self.structure, self.temperature_K)
        else:
            width = float(self.linewidth_meV)
        self.gamma_eV = width * 1e-3
        energies: dict[str, list[float]] = {}
        strengths: dict[str, list[float]] = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            sets = [transitions(self._with_core(x), self.temperature_K) for x in r]
        labels = set.intersection(*({t.label for t in s.transitions} for s in sets))
        for s in sets:
            for t in s.transitions:
                if t.label in labels:
                    energies.setdefault(t.label, []).append(t.energy_eV)
                    strengths.setdefault(t.label, []).append(t.integrated_cross_section_eV_cm2)
        self.table = {k: (np.array(energies[k]), np.array(strengths[k])) for k in labels}

    def _with_core(self, radius: float) -> SphericalQD:
        return with_core_radius(self.structure, float(radius))

    def band_edge(self, mean_nm: float, dispersion_pct: float, e_grid: Array) -> Array:
        """Discrete (band-edge region) cross-section per dot [cm^2] on an energy grid."""
        radii, w = size_quadrature(mean_nm, dispersion_pct, nodes=15 if dispersion_pct else 1)
        lo, hi = self.radii_nm[0], self.radii_nm[-1]
        keep = (radii >= lo) & (radii <= hi)
        if w[keep].sum() < 0.99:
            raise QdoptoError(
                f"the size distribution leaves the fitted radius range {lo:g}-{hi:g} nm"
            )
        radii, w = radii[keep], w[keep] / w[keep].sum()
        e_all, s_all = [], []
        for energies, strengths in self.table.values():
            e_all.append(np.interp(radii, self.radii_nm, energies))
            s_all.append(w * np.interp(radii, self.radii_nm, strengths))
        return line_spectrum(np.concatenate(e_all), np.concatenate(s_all), e_grid, self.gamma_eV)

    def sampled(self, radii_nm: Array) -> tuple[Array, Array]:
        """Transition energies [eV] and integrated cross-sections [eV cm^2] of sampled dots.

        Returns two arrays of shape (transitions, dots), interpolated in the radius.
        """
        r = np.asarray(radii_nm, dtype=float)
        if np.any((r < self.radii_nm[0]) | (r > self.radii_nm[-1])):
            raise QdoptoError(
                f"sampled radii must lie in {self.radii_nm[0]:g}-{self.radii_nm[-1]:g} nm"
            )
        energies = np.array([np.interp(r, self.radii_nm, e) for e, _ in self.table.values()])
        strengths = np.array([np.interp(r, self.radii_nm, s) for _, s in self.table.values()])
        return energies, strengths

    def sampled_spectrum(self, radii_nm: Array, e_grid: Array, bins: int = 4096) -> Array:
        """Mean cross-section per dot [cm^2] of sampled dots on an energy grid [eV].

        Every transition of a dot depends on the dot only through its radius, so the sampled
        radii are histogrammed into ``bins`` fine bins (default: ~0.3 pm wide for a 1.2 nm
        range, i.e. ~0.1 meV in energy) and the lines of each bin carry its count: the result
        equals the per-dot sum up to that binning (benchmarks/bench_ensemble.py reports it).
        """
        r = np.asarray(radii_nm, dtype=float)
        counts, edges = np.histogram(r, bins=bins, range=(self.radii_nm[0], self.radii_nm[-1]))
        if counts.sum() != r.size:
            raise QdoptoError(
                f"sampled radii must lie in {self.radii_nm[0]:g}-{self.radii_nm[-1]:g} nm"
            )
        used = counts > 0
        centres = 0.5 * (edges[1:] + edges[:-1])[used]
        weights = counts[used] / r.size
        energies, strengths = self.sampled(centres)
        return line_spectrum(
            energies.ravel(), (strengths * weights[None, :]).ravel(), e_grid, self.gamma_eV
        )

    def first_exciton_eV(self, radius_nm: float) -> float:
        return float(np.interp(radius_nm, self.radii_nm, self.table["1Se-1Sh"][0]))


# ----------------------------------------------------------------------------- fitting
@dataclass(frozen=True)
class AbsorptionFit:
    """Mean core diameter [nm], size dispersion [%] and concentration [uM], with 1-sigma
    uncertainties from the fit covariance."""

    material: str
    structure: str
    diameter_nm: float
    diameter_err_nm: float
    dispersion_pct: float
    dispersion_err_pct: float
    concentration_uM: float
    concentration_err_uM: float
    path_cm: float
    concentration_wavelength_nm: float
    rms_residual: float
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "structure": self.structure,
            "diameter_nm": self.diameter_nm,
            "diameter_err_nm": self.diameter_err_nm,
            "dispersion_pct": self.dispersion_pct,
            "dispersion_err_pct": self.dispersion_err_pct,
            "concentration_uM": self.concentration_uM,
            "concentration_err_uM": self.concentration_err_uM,
            "path_cm": self.path_cm,
            "concentration_wavelength_nm": self.concentration_wavelength_nm,
            "rms_residual": self.rms_residual,
            **self.details,
        }


def fit_absorption(
    spectrum: MeasuredSpectrum,
    material: str,
    *,
    shells: str = "",
    medium: str = "toluene",
    path_cm: float = 1.0,
    temperature_K: float = 300.0,
    linewidth_meV: float | None = None,
) -> AbsorptionFit:
    """Fit a measured absorption spectrum for size, size dispersion and concentration.

    Parameters
    ----------
    spectrum : MeasuredSpectrum
        Wavelengths [nm] and absorbances.
    material : str
        Core material.
    shells : str
        Optional shells as a spec suffix, e.g. ``"/ZnS:0.5"`` (kept fixed).
    medium : str
        Solvent.
    path_cm : float
        Cuvette path length [cm].
    """
    lam, a = spectrum.wavelength_nm, spectrum.absorbance
    e = HC_EV_NM / lam
    base = SphericalQD.from_spec(f"{material}:2.0{shells}|{medium}")
    # locate the band-edge peak: the longest-wavelength local maximum above 20 % of the range
    guess_e1 = _first_peak(e, a)
    # radius grid spanning the size range a first exciton at guess_e1 can belong to
    coarse = EnsembleModel(base, np.geomspace(0.8, 8.0, 12), temperature_K, linewidth_meV)
    e1_grid = np.array([coarse.first_exciton_eV(x) for x in coarse.radii_nm])
    r_guess = float(np.interp(-guess_e1, -e1_grid, coarse.radii_nm))
    grid = np.linspace(max(0.6, 0.7 * r_guess), 1.4 * r_guess, 15)
    model = EnsembleModel(base, grid, temperature_K, linewidth_meV)
    window = (e > guess_e1 - 0.25) & (e < guess_e1 + 0.30)
    if window.sum() < 8:
        raise QdoptoError("the spectrum has too few points around its first-exciton peak")
    e_fit, a_fit = e[window], a[window]
    order = np.argsort(e_fit)
    e_fit, a_fit = e_fit[order], a_fit[order]
    e_grid = np.linspace(e_fit[0] - 0.3, e_fit[-1] + 0.3, 1200)

    def resid(p: Array) -> Array:
        r, pct, scale, offset = p
        sigma = model.band_edge(r, pct, e_grid)
        return np.asarray(scale * np.interp(e_fit, e_grid, sigma) + offset - a_fit)

    s0 = float(a_fit.max()) / max(float(model.band_edge(r_guess, 5.0, e_grid).max()), 1e-30)
    lo_r, hi_r = grid[0] * 1.05, grid[-1] / 1.05
    sol = least_squares(
        resid,
        x0=[r_guess, 5.0, s0, 0.0],
        bounds=([lo_r, 0.5, 0.0, -np.inf], [hi_r, 20.0, np.inf, np.inf]),
        x_scale=[0.1, 1.0, s0, 0.01 * float(a_fit.max())],
    )
    r_fit, pct_fit = float(sol.x[0]), float(sol.x[1])
    dof = max(1, e_fit.size - 4)
    rms = float(np.sqrt(np.sum(sol.fun**2) / dof))
    try:
        cov = np.linalg.inv(sol.jac.T @ sol.jac) * rms**2
        err = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    except np.linalg.LinAlgError:
        err = np.full(4, math.nan)
    # concentration from the bulk-like UV absorbance
    e_uv = model.first_exciton_eV(r_fit) + 1.0
    uv = e >= e_uv
    if not uv.any():
        raise QdoptoError(
            f"the spectrum must reach the bulk-like region (>= {HC_EV_NM / e_uv:.0f} nm, 1 eV "
            "above the first exciton) to give a concentration"
        )
    lam_uv = float(lam[uv].max())
    a_uv = float(a[lam == lam_uv][0])
    radii, w = size_quadrature(r_fit, pct_fit, nodes=15)
    base = model._with_core(r_fit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        members = [with_core_radius(base, float(r)) for r in radii]
    sigma_uv = float(_bulk_like(base, members, w, np.array([lam_uv]))[0])
    conc = float(concentration_uM(a_uv, extinction_from_cross_section(sigma_uv), path_cm))
    # uncertainty: sigma_uv ~ V ~ r^3, plus the 15 % of the bulk-like model (Leatherdale check)
    rel = math.hypot(3 * err[0] / r_fit, 0.15)
    return AbsorptionFit(
        material=base.layers[0].material,
        structure=base.spec.replace("2:", f"{r_fit:.4g}:", 1),
        diameter_nm=2 * r_fit,
        diameter_err_nm=2 * float(err[0]),
        dispersion_pct=pct_fit,
        dispersion_err_pct=float(err[1]),
        concentration_uM=conc,
        concentration_err_uM=conc * rel,
        path_cm=path_cm,
        concentration_wavelength_nm=lam_uv,
        rms_residual=rms,
        details={
            "method": "band-edge shape (size, dispersion) + bulk-like UV (concentration)",
            "homogeneous_fwhm_meV": model.gamma_eV * 1e3,
        },
    )


def _first_peak(e: Array, a: Array) -> float:
    """Energy of the lowest-energy absorption maximum (the first exciton)."""
    order = np.argsort(e)
    e, a = e[order], a[order]
    smooth = np.convolve(a, np.ones(5) / 5, mode="same")
    thresh = 0.05 * smooth.max()
    for i in range(2, e.size - 2):
        if (
            smooth[i] > thresh
            and smooth[i] >= smooth[i - 1]
            and smooth[i] > smooth[i + 1]
            and (smooth[i] >= smooth[i - 2] and smooth[i] > smooth[i + 2])
        ):
            return float(e[i])
    raise QdoptoError("no first-exciton peak found in the spectrum")
