"""Optics of QDs and QD films: sizing curves, cross-sections, effective media, colour.

Built on :mod:`qdopto.electronic` and :mod:`qdopto.materials`; see docs/optics.md.
"""

from __future__ import annotations

from qdopto.optics.anisotropy import RodAnisotropy, depolarization_factors, rod_anisotropy
from qdopto.optics.colour import (
    GAMUTS,
    ChromaticityResult,
    chromaticity,
    gamut_coverage,
    gaussian_spectrum,
)
from qdopto.optics.crosssection import (
    AVOGADRO,
    cross_section_from_extinction,
    extinction_from_cross_section,
    intrinsic_absorption,
    local_field_factor,
)
from qdopto.optics.ensemble import (
    homogeneous_linewidth,
    line_spectrum,
    size_quadrature,
)
from qdopto.optics.films import FilmOptics, bruggeman, maxwell_garnett, qd_film
from qdopto.optics.shape_spectra import shape_spectrum
from qdopto.optics.sizing import CURVES, SizingCurve, sizing_curve
from qdopto.optics.spectra import SpectrumResult, ensemble_spectrum

__all__ = [
    "AVOGADRO",
    "CURVES",
    "GAMUTS",
    "ChromaticityResult",
    "FilmOptics",
    "RodAnisotropy",
    "SizingCurve",
    "SpectrumResult",
    "bruggeman",
    "chromaticity",
    "cross_section_from_extinction",
    "depolarization_factors",
    "ensemble_spectrum",
    "extinction_from_cross_section",
    "gamut_coverage",
    "gaussian_spectrum",
    "homogeneous_linewidth",
    "intrinsic_absorption",
    "line_spectrum",
    "local_field_factor",
    "maxwell_garnett",
    "qd_film",
    "rod_anisotropy",
    "shape_spectrum",
    "size_quadrature",
    "sizing_curve",
]
