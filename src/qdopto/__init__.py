"""qdopto: design semiconductor quantum dots and predict their optoelectronic performance.

The package is layered (see ``docs/DESIGN.md``)::

    materials -> structures -> electronic -> optics -> dynamics -> photonics -> devices

Importing :mod:`qdopto` only defines things: data files are read on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
