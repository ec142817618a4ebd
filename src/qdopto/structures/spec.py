"""The structure spec grammar.

::

    spec    := layer ( "/" layer )* [ "|" medium ]
    layer   := material [ ">" material ] ":" length
    length  := number [ unit ]          (nm unless a unit is written: nm, A, Å, pm, um)

Examples: ``CdSe:2.0/CdS:1.5/ZnS:0.5|toluene``; ``CdSe:20A``; ``Cd0.5Zn0.5Se:1.0``;
``CdSe>ZnSe:1.2`` (composition graded linearly from CdSe at the inner radius to ZnSe at the
outer radius); ``CdS:3.6/CdSe:1.75/CdS:4.0`` (a quantum shell). The first length is the core
radius, the others shell thicknesses. Whitespace around tokens is ignored.
"""

from __future__ import annotations

from qdopto.errors import SpecError, UnitError
from qdopto.structures.spherical import Layer
from qdopto.units import parse_quantity

MAX_SPEC_LENGTH = 2000
MAX_LAYERS = 50


def parse_spec(spec: str) -> tuple[tuple[Layer, ...], str | None]:
    """Split a spec string into layers (names not yet resolved) and the medium.

    Raises
    ------
    SpecError
        With the offending fragment and an example of the expected form.
    """
    if not isinstance(spec, str):
        raise SpecError(f"a spec must be a string, got {type(spec).__name__}")
    text = spec.strip()
    if not text:
        raise SpecError("empty spec; expected e.g. 'CdSe:2.0/CdS:1.5|toluene'")
    if len(text) > MAX_SPEC_LENGTH:
        raise SpecError(f"spec longer than {MAX_SPEC_LENGTH} characters")
    from qdopto.structures.shapes import is_shape_spec

    if is_shape_spec(text):
        raise SpecError(
            f"'{spec}' is a rod, platelet or epitaxial-dot spec; this needs a spherical "
            "structure ('CdSe:2.0/CdS:1.5'). Non-spherical shapes work with 'qdopto levels', "
            "'qdopto spectrum', 'qdopto crosssection' and 'qdopto color'"
        )
    if text.count("|") > 1:
        raise SpecError(f"'{spec}': only one '|' (before the medium) is allowed")
    body, _, medium_part = text.partition("|")
    medium = None
    if "|" in text:
        medium = medium_part.strip()
        if not medium:
            raise SpecError(f"'{spec}': no medium after '|' (e.g. '|toluene')")
    parts = body.split("/")
    if len(parts) > MAX_LAYERS:
        raise SpecError(f"'{spec}': more than {MAX_LAYERS} layers")
    layers = []
    for i, part in enumerate(parts):
        what = "core" if i == 0 else f"shell {i}"
        frag = part.strip()
        if not frag:
            raise SpecError(f"'{spec}': empty {what} (two '/' in a row or a trailing '/')")
        if ":" not in frag:
            raise SpecError(
                f"'{frag}': the {what} needs a size after ':', e.g. 'CdSe:2.0' (nm) or 'CdSe:20A'"
            )
        names, _, length = frag.rpartition(":")
        try:
            value = parse_quantity(length.strip(), "nm", what=f"{what} '{frag}'")
        except UnitError as exc:
            raise SpecError(str(exc)) from None
        if names.count(">") > 1:
            raise SpecError(f"'{frag}': a graded layer has two ends, e.g. 'CdSe>ZnSe:1.2'")
        inner, _, outer = names.partition(">")
        inner, outer = inner.strip(), outer.strip()
        if not inner or (">" in names and not outer):
            raise SpecError(f"'{frag}': missing material name in the {what}")
        layers.append(Layer(inner, value, outer or None))
    return tuple(layers), medium
