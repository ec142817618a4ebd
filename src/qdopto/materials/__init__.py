"""Bulk material parameters with units and sources (``docs/materials.md``).

>>> from qdopto import materials
>>> cdse = materials.get("CdSe")
>>> round(float(cdse.bandgap(300)), 2) > 1.6
True
"""

from __future__ import annotations

from qdopto.materials.database import (
    AlloyMaterial,
    Database,
    data_files,
    default_database,
    load_database,
)
from qdopto.materials.dispersion import DispersionModel
from qdopto.materials.material import Material, Parameter, Reference, ResolvedMaterial
from qdopto.materials.parameters import PARAMETERS, ParameterSpec

__all__ = [
    "PARAMETERS",
    "AlloyMaterial",
    "Database",
    "DispersionModel",
    "Material",
    "Parameter",
    "ParameterSpec",
    "Reference",
    "ResolvedMaterial",
    "alloy",
    "data_files",
    "default_database",
    "get",
    "list_materials",
    "load_database",
    "mix",
    "search",
]


def get(name: str, database: Database | None = None) -> Material:
    """Material by name, alias or alloy formula (``"CdSe"``, ``"Cd0.5Zn0.5Se"``).

    Parameters
    ----------
    name : str
        Name, alias (case-insensitive) or alloy formula.
    database : Database, optional
        Defaults to the shipped database.
    """
    return (database or default_database()).get(name)


def list_materials(category: str | None = None, database: Database | None = None) -> list[str]:
    """Sorted names of the stored materials, optionally of one category."""
    return (database or default_database()).names(category)


def search(text: str, database: Database | None = None) -> list[Material]:
    """Materials whose name, alias, formula, category or description contains ``text``."""
    return (database or default_database()).search(text)


def alloy(family: str, x: float, database: Database | None = None) -> Material:
    """Alloy of a family (``"CdZnSe"``) at composition x (fraction of its first endpoint)."""
    return (database or default_database()).alloy(family, x)


def mix(
    a: str | Material, b: str | Material, f: float, database: Database | None = None
) -> Material:
    """Material a fraction ``f`` of the way from ``a`` to ``b`` (graded layers)."""
    return (database or default_database()).mix(a, b, f)
