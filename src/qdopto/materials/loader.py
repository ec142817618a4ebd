"""Read and validate materials data files (TOML).

Every value must have ``value``, ``unit`` and ``source``; units must convert to the canonical
unit of the parameter; sources must name a reference of the same file; unknown keys are
rejected. All problems of a file are collected and reported together.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from qdopto.errors import MaterialDataError, UnitError
from qdopto.materials.dispersion import DispersionModel, check_coefficients
from qdopto.materials.material import Material, Parameter, Reference
from qdopto.materials.parameters import (
    BOWING_ONLY,
    PARAMETERS,
    TEMPERATURE_MODEL_PARAMETERS,
    ParameterSpec,
)
from qdopto.units import convert

SCHEMA_VERSION = 1
CATEGORIES = ("semiconductor", "medium", "transport", "electrode")
GAP_TYPES = ("direct", "indirect", "semimetal")
_MATERIAL_KEYS = {
    "description",
    "category",
    "formula",
    "crystal_structure",
    "gap_type",
    "bandgap_temperature_model",
    "aliases",
    "notes",
    "parameters",
    "refractive_index",
}
_VALUE_KEYS = {"value", "unit", "source", "loc", "note", "T_K"}
_REF_KEYS = {"citation", "doi", "isbn", "url"}
_DISPERSION_META = {"model", "source", "loc", "note", "range_nm"}


@dataclass(frozen=True)
class AlloyFamily:
    """A pseudo-binary alloy A(x)B(1-x) with its bowing parameters.

    Attributes
    ----------
    name : str
        Family name (``"CdZnSe"``).
    endpoints : tuple of str
        Material names of A (x = 1) and B (x = 0).
    bowing : Mapping[str, Parameter]
        Bowing parameters b of P(x) = x P_A + (1 - x) P_B - b x (1 - x).
    """

    name: str
    endpoints: tuple[str, str]
    description: str = ""
    bowing: Mapping[str, Parameter] = field(default_factory=dict, hash=False, compare=False)
    file: str = ""


@dataclass(frozen=True)
class DataFile:
    """The validated content of one data file."""

    path: str
    references: Mapping[str, Reference]
    materials: Mapping[str, Material]
    alloys: Mapping[str, AlloyFamily]


def load_file(path: str | Path) -> DataFile:
    """Read and validate one data file.

    Parameters
    ----------
    path : str or Path
        A TOML file following ``docs/materials.md``.

    Raises
    ------
    MaterialDataError
        Listing every problem found, each with the file name and key path.
    """
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MaterialDataError(f"materials data file not found: {p}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MaterialDataError(f"{p.name}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise MaterialDataError(f"{p.name}: not a UTF-8 text file") from None
    problems: list[str] = []
    data = _parse(raw, p.name, problems)
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise MaterialDataError(f"{p.name}: {len(problems)} problem(s): {shown}{more}")
    return data


def _parse(raw: dict[str, Any], fname: str, problems: list[str]) -> DataFile:
    for key in raw:
        if key not in {"schema_version", "references", "materials", "alloys"}:
            problems.append(f"{key}: unknown top-level key")
    if raw.get("schema_version") != SCHEMA_VERSION:
        problems.append(f"schema_version: must be {SCHEMA_VERSION}")
    refs = _parse_references(raw.get("references", {}), problems)
    materials: dict[str, Material] = {}
    mats = raw.get("materials", {})
    if not isinstance(mats, dict):
        problems.append("materials: must be a table")
        mats = {}
    for name, entry in mats.items():
        mat = _parse_material(name, entry, refs, fname, problems)
        if mat is not None:
            materials[name] = mat
    alloys: dict[str, AlloyFamily] = {}
    fams = raw.get("alloys", {})
    if not isinstance(fams, dict):
        problems.append("alloys: must be a table")
        fams = {}
    for name, entry in fams.items():
        fam = _parse_alloy(name, entry, refs, fname, problems)
        if fam is not None:
            alloys[name] = fam
    return DataFile(
        fname, MappingProxyType(refs), MappingProxyType(materials), MappingProxyType(alloys)
    )


def _parse_references(table: Any, problems: list[str]) -> dict[str, Reference]:
    refs: dict[str, Reference] = {}
    if not isinstance(table, dict):
        problems.append("references: must be a table")
        return refs
    for key, entry in table.items():
        where = f"references.{key}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        for k in entry:
            if k not in _REF_KEYS:
                problems.append(
                    f"{where}.{k}: unknown key (allowed: {', '.join(sorted(_REF_KEYS))})"
                )
        cit = entry.get("citation")
        if not isinstance(cit, str) or not cit.strip():
            problems.append(f"{where}: missing 'citation'")
            continue
        if not any(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("doi", "isbn", "url")
        ):
            problems.append(f"{where}: needs a 'doi', 'isbn' or 'url'")
            continue
        refs[key] = Reference(
            key, cit.strip(), entry.get("doi"), entry.get("isbn"), entry.get("url")
        )
    return refs


def _source(
    entry: Mapping[str, Any], refs: Mapping[str, Reference], where: str, problems: list[str]
) -> str | None:
    src = entry.get("source")
    if not isinstance(src, str) or not src.strip():
        problems.append(f"{where}: missing 'source'")
        return None
    if src not in refs:
        problems.append(f"{where}.source: '{src}' is not a key of [references] in this file")
        return None
    return str(refs[src])


def parse_value(
    name: str,
    entry: Any,
    spec: ParameterSpec,
    refs: Mapping[str, Reference],
    where: str,
    problems: list[str],
) -> Parameter | None:
    """Validate one ``{value, unit, source, ...}`` table and convert it to canonical units."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a table {{ value = ..., unit = ..., source = ... }}")
        return None
    for k in entry:
        if k not in _VALUE_KEYS:
            problems.append(f"{where}.{k}: unknown key (allowed: {', '.join(sorted(_VALUE_KEYS))})")
    val: Any = entry.get("value")
    unit = entry.get("unit")
    ok = True
    if isinstance(val, bool) or not isinstance(val, int | float) or not math.isfinite(val):
        problems.append(f"{where}: missing or non-finite 'value'")
        ok = False
    if not isinstance(unit, str) or not unit.strip():
        problems.append(f"{where}: missing 'unit' (use 'dimensionless' for pure numbers)")
        ok = False
    source = _source(entry, refs, where, problems)
    t_k = entry.get("T_K")
    if t_k is not None and (isinstance(t_k, bool) or not isinstance(t_k, int | float) or t_k < 0):
        problems.append(f"{where}.T_K: must be a temperature in K >= 0")
        ok = False
    if not ok or source is None:
        return None
    unit_str = str(unit)
    try:
        canonical = convert(float(val), unit_str, spec.unit)
    except UnitError as exc:
        problems.append(f"{where}.unit: {exc}")
        return None
    if spec.positive and canonical <= 0:
        problems.append(f"{where}: must be > 0 (got {val} {unit})")
        return None
    return Parameter(
        name=name,
        value=canonical,
        unit=spec.unit,
        source=source,
        loc=entry.get("loc"),
        note=entry.get("note"),
        T_K=None if t_k is None else float(t_k),
        given=f"{val} {unit}",
    )


def _parse_material(
    name: str, entry: Any, refs: Mapping[str, Reference], fname: str, problems: list[str]
) -> Material | None:
    where = f"materials.{name}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a table")
        return None
    for k in entry:
        if k not in _MATERIAL_KEYS:
            problems.append(
                f"{where}.{k}: unknown key (allowed: {', '.join(sorted(_MATERIAL_KEYS))})"
            )
    category = entry.get("category")
    if category not in CATEGORIES:
        problems.append(f"{where}.category: must be one of {', '.join(CATEGORIES)}")
    gap_type = entry.get("gap_type")
    if gap_type is not None and gap_type not in GAP_TYPES:
        problems.append(f"{where}.gap_type: must be one of {', '.join(GAP_TYPES)}")
    tmodel = entry.get("bandgap_temperature_model", "none")
    if tmodel not in TEMPERATURE_MODEL_PARAMETERS:
        problems.append(
            f"{where}.bandgap_temperature_model: must be one of "
            f"{', '.join(TEMPERATURE_MODEL_PARAMETERS)}"
        )
        tmodel = "none"
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{where}.aliases: must be a list of strings")
        aliases = []
    for key in ("description", "formula", "crystal_structure", "notes"):
        if key in entry and not isinstance(entry[key], str):
            problems.append(f"{where}.{key}: must be a string")
    params: dict[str, Parameter] = {}
    ptable = entry.get("parameters", {})
    if not isinstance(ptable, dict):
        problems.append(f"{where}.parameters: must be a table")
        ptable = {}
    for pname, pentry in ptable.items():
        spec = PARAMETERS.get(pname)
        if spec is None:
            problems.append(
                f"{where}.parameters.{pname}: unknown parameter "
                "(see docs/materials.md for the list)"
            )
            continue
        par = parse_value(pname, pentry, spec, refs, f"{where}.parameters.{pname}", problems)
        if par is not None:
            params[pname] = par
    for needed in TEMPERATURE_MODEL_PARAMETERS.get(tmodel, ()):
        if needed not in params and needed in ptable:
            continue  # already reported
        if needed not in params:
            problems.append(f"{where}: bandgap_temperature_model '{tmodel}' needs '{needed}'")
    if "Eg_0K" in params:
        eg = params["Eg_0K"].value
        if gap_type == "semimetal" and eg >= 0:
            problems.append(f"{where}.parameters.Eg_0K: a semimetal has a negative (inverted) gap")
        if gap_type != "semimetal" and eg <= 0:
            problems.append(f"{where}.parameters.Eg_0K: must be > 0 unless gap_type = 'semimetal'")
    if (
        "eps_static" in params
        and "eps_inf" in params
        and (params["eps_static"].value < params["eps_inf"].value)
    ):
        problems.append(f"{where}: eps_static must be >= eps_inf")
    disp = _parse_dispersion(name, entry.get("refractive_index"), refs, where, problems)
    return Material(
        name=name,
        category=str(category),
        description=str(entry.get("description", "")),
        formula=entry.get("formula"),
        crystal_structure=entry.get("crystal_structure"),
        gap_type=gap_type,
        bandgap_temperature_model=str(tmodel),
        aliases=tuple(aliases),
        notes=entry.get("notes"),
        parameters=MappingProxyType(params),
        refractive_index=disp,
        file=fname,
    )


def _parse_dispersion(
    name: str, entry: Any, refs: Mapping[str, Reference], where: str, problems: list[str]
) -> DispersionModel | None:
    if entry is None:
        return None
    where = f"{where}.refractive_index"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a table")
        return None
    model = entry.get("model")
    source = _source(entry, refs, where, problems)
    rng: Any = entry.get("range_nm")
    rng_ok = (
        isinstance(rng, list)
        and len(rng) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in rng)
        and 0 < rng[0] < rng[1]
    )
    if not rng_ok:
        problems.append(f"{where}.range_nm: must be [min, max] in nm with 0 < min < max")
    coeffs = {k: v for k, v in entry.items() if k not in _DISPERSION_META}
    errs = check_coefficients(str(model), coeffs, where)
    problems.extend(errs)
    if errs or source is None or not rng_ok:
        return None
    if model == "table":
        x = coeffs["wavelength_nm"]
        if rng[0] < x[0] or rng[1] > x[-1]:
            problems.append(f"{where}.range_nm: lies outside the tabulated wavelengths")
            return None
    return DispersionModel(
        model=str(model),
        coefficients=MappingProxyType(coeffs),
        range_nm=(float(rng[0]), float(rng[1])),
        source=source,
        loc=entry.get("loc"),
        note=entry.get("note"),
        material=name,
    )


def _parse_alloy(
    name: str, entry: Any, refs: Mapping[str, Reference], fname: str, problems: list[str]
) -> AlloyFamily | None:
    where = f"alloys.{name}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a table")
        return None
    for k in entry:
        if k not in {"description", "endpoints", "bowing"}:
            problems.append(f"{where}.{k}: unknown key (allowed: bowing, description, endpoints)")
    ends = entry.get("endpoints")
    if not (
        isinstance(ends, list)
        and len(ends) == 2
        and all(isinstance(e, str) for e in ends)
        and ends[0] != ends[1]
    ):
        problems.append(f"{where}.endpoints: must be two different material names")
        return None
    bowing: dict[str, Parameter] = {}
    btable = entry.get("bowing", {})
    if not isinstance(btable, dict):
        problems.append(f"{where}.bowing: must be a table")
        btable = {}
    for pname, pentry in btable.items():
        spec = BOWING_ONLY.get(pname) or PARAMETERS.get(pname)
        if spec is None:
            problems.append(f"{where}.bowing.{pname}: unknown parameter")
            continue
        spec = ParameterSpec(spec.name, spec.unit, spec.description, positive=False)
        par = parse_value(pname, pentry, spec, refs, f"{where}.bowing.{pname}", problems)
        if par is not None:
            bowing[pname] = par
    return AlloyFamily(
        name, (ends[0], ends[1]), str(entry.get("description", "")), MappingProxyType(bowing), fname
    )
