"""Colour of emission spectra with colour-science: CIE 1931 xy, dominant wavelength, purity,
and gamut coverage of RGB sets against sRGB, DCI-P3 and Rec. 2020.

Chromaticities use the CIE 1931 2-degree standard observer (CIE 015:2018), dominant wavelength
and excitation purity relative to the illuminant D65 white point (colour-science
``dominant_wavelength`` and ``excitation_purity``). Gamut coverage is the area of the
intersection of the RGB triangle with the standard's triangle, divided by the standard's area,
in the CIE 1931 xy plane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError

Array = NDArray[np.float64]
#: RGB colourspaces compared against (names as in colour-science).
GAMUTS = {"sRGB": "sRGB", "DCI-P3": "DCI-P3", "Rec. 2020": "ITU-R BT.2020"}


def _colour() -> Any:
    import colour  # imported lazily: colour-science is slow to import

    return colour


def gaussian_spectrum(
    peak_nm: float, fwhm_nm: float, wavelength_nm: ArrayLike | None = None
) -> tuple[Array, Array]:
    """A Gaussian emission line on a wavelength grid (default 360-830 nm, 0.5 nm steps)."""
    if not (np.isfinite(peak_nm) and np.isfinite(fwhm_nm) and fwhm_nm > 0):
        raise QdoptoError("a Gaussian line needs a finite peak and a positive FWHM")
    lam = (
        np.arange(360.0, 830.5, 0.5)
        if wavelength_nm is None
        else np.asarray(wavelength_nm, dtype=float)
    )
    sigma = fwhm_nm / (2.0 * np.sqrt(2.0 * np.log(2.0)))
    return lam, np.exp(-0.5 * ((lam - peak_nm) / sigma) ** 2)


@dataclass(frozen=True)
class ChromaticityResult:
    """CIE 1931 xy, dominant wavelength [nm] (negative: complementary) and purity [0-1]."""

    x: float
    y: float
    dominant_wavelength_nm: float
    purity: float

    def to_dict(self) -> dict[str, float]:
        return {
            "x": self.x,
            "y": self.y,
            "dominant_wavelength_nm": self.dominant_wavelength_nm,
            "purity": self.purity,
        }


def chromaticity(wavelength_nm: ArrayLike, intensity: ArrayLike) -> ChromaticityResult:
    """Chromaticity of an emission spectrum (any wavelength grid within 360-830 nm).

    Parameters
    ----------
    wavelength_nm : ndarray
        Strictly increasing wavelengths [nm].
    intensity : ndarray
        Spectral power (any scale, >= 0).
    """
    colour = _colour()
    lam = np.asarray(wavelength_nm, dtype=float)
    s = np.asarray(intensity, dtype=float)
    if lam.ndim != 1 or lam.shape != s.shape or lam.size < 2:
        raise QdoptoError("wavelengths and intensities must be 1-D arrays of the same length")
    if np.any(np.diff(lam) <= 0) or not np.all(np.isfinite(s)) or np.any(s < 0):
        raise QdoptoError("wavelengths must increase and intensities be finite and >= 0")
    cmfs = colour.MSDS_CMFS["CIE 1931 2 Degree Standard Observer"]
    grid = np.asarray(cmfs.wavelengths, dtype=float)
    vals = np.interp(grid, lam, s, left=0.0, right=0.0)
    xyz = np.asarray(cmfs.values, dtype=float).T @ vals
    if xyz.sum() <= 0:
        raise QdoptoError("the spectrum has no power in the visible (360-830 nm)")
    xy = xyz[:2] / xyz.sum()
    white = colour.CCS_ILLUMINANTS["CIE 1931 2 Degree Standard Observer"]["D65"]
    dom = colour.dominant_wavelength(xy, white, cmfs)
    purity = float(colour.excitation_purity(xy, white, cmfs))
    return ChromaticityResult(float(xy[0]), float(xy[1]), float(dom[0]), purity)


def _area(poly: Array) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return float(0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _left_of(a: Array, b: Array, p: Array) -> bool:
    return bool((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0)


def _intersect(a: Array, b: Array, p: Array, q: Array) -> Array:
    d1, d2 = q - p, b - a
    den = d1[0] * d2[1] - d1[1] * d2[0]
    t = ((a[0] - p[0]) * d2[1] - (a[1] - p[1]) * d2[0]) / den
    return np.asarray(p + t * d1, dtype=float)


def _clip(subject: Array, clip: Array) -> Array:
    """Sutherland-Hodgman clipping of a polygon by a convex polygon (both counter-clockwise)."""
    points = [np.asarray(v, dtype=float) for v in subject]
    for i in range(len(clip)):
        a, b = clip[i], clip[(i + 1) % len(clip)]
        if not points:
            break
        inp, points = points, []
        for j in range(len(inp)):
            p, q = inp[j], inp[(j + 1) % len(inp)]
            if _left_of(a, b, q):
                if not _left_of(a, b, p):
                    points.append(_intersect(a, b, p, q))
                points.append(q)
            elif _left_of(a, b, p):
                points.append(_intersect(a, b, p, q))
    return np.asarray(points, dtype=float).reshape(-1, 2)


def _ccw(tri: Array) -> Array:
    signed = (tri[1, 0] - tri[0, 0]) * (tri[2, 1] - tri[0, 1]) - (tri[1, 1] - tri[0, 1]) * (
        tri[2, 0] - tri[0, 0]
    )
    return tri if signed > 0 else tri[::-1]


def gamut_coverage(primaries_xy: ArrayLike) -> dict[str, float]:
    """Coverage (0-1) of sRGB, DCI-P3 and Rec. 2020 by an RGB triangle in CIE 1931 xy.

    Parameters
    ----------
    primaries_xy : array_like, shape (3, 2)
        xy of the red, green and blue primaries.
    """
    colour = _colour()
    tri = np.asarray(primaries_xy, dtype=float)
    if tri.shape != (3, 2) or not np.all(np.isfinite(tri)):
        raise QdoptoError("gamut coverage needs three (x, y) primaries")
    tri = _ccw(tri)
    out = {}
    for label, name in GAMUTS.items():
        std = _ccw(np.asarray(colour.RGB_COLOURSPACES[name].primaries, dtype=float))
        inter = _clip(tri, std)
        out[label] = _area(inter) / _area(std) if len(inter) >= 3 else 0.0
    return out
