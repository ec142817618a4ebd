"""Electronic structure of QDs: levels, exciton, overlap, localisation, alignment.

Spheres (radial model) and rods, dot-in-rods, platelets and epitaxial dots (``solve_shape``).

>>> from qdopto.electronic import solve
>>> r = solve("CdSe:2.0/ZnS:0.6|toluene")
>>> r.alignment
'type-I'
"""

from __future__ import annotations

from qdopto.electronic.batch import BatchResult, solve_batch, sweep
from qdopto.electronic.biexciton import BiexcitonShift, biexciton_shift
from qdopto.electronic.closed_forms import (
    bessel_zero,
    brus_energy,
    infinite_well_energy,
    quantum_box_gap,
)
from qdopto.electronic.models import MODELS, ModelInfo, solve
from qdopto.electronic.results import ALIGNMENTS, ElectronicResult, Exciton, Level, Profile
from qdopto.electronic.shapes import ShapeResult, shape_transitions, solve_shape
from qdopto.electronic.sizing import core_size_for

__all__ = [
    "ALIGNMENTS",
    "MODELS",
    "BatchResult",
    "BiexcitonShift",
    "ElectronicResult",
    "Exciton",
    "Level",
    "ModelInfo",
    "Profile",
    "ShapeResult",
    "bessel_zero",
    "biexciton_shift",
    "brus_energy",
    "core_size_for",
    "infinite_well_energy",
    "quantum_box_gap",
    "shape_transitions",
    "solve",
    "solve_batch",
    "solve_shape",
    "sweep",
]
