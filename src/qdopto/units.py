"""Unit handling at the edges of the library (pint).

The public API works in fixed units (nm, eV, K, ns, ...); strings with units such as
``"2.5 nm"`` or ``"25 Å"`` are converted here. The pint registry is built lazily on first use,
so importing qdopto stays cheap and free of side effects.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from qdopto.errors import UnitError

# Spellings the field uses that pint reads differently ("A" is the ampere in pint).
_ALIASES = {
    "A": "angstrom",
    "Å": "angstrom",
    "Ang": "angstrom",
    "um": "micrometer",
    "µm": "micrometer",
    "μm": "micrometer",
}

_NUMBER_UNIT = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:nan|inf))\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE,
)


@cache
def registry() -> Any:
    """Return the shared pint ``UnitRegistry`` (created on first call)."""
    import pint

    return pint.UnitRegistry()


def convert(value: float, unit: str, target: str) -> float:
    """Convert ``value`` from ``unit`` to ``target``.

    Parameters
    ----------
    value : float
        The number.
    unit, target : str
        pint unit strings (``"meV/K"``, ``"m_e"``, ``"dimensionless"``, ...).

    Raises
    ------
    UnitError
        If a unit is unknown or the two do not have the same dimension.
    """
    import pint

    ureg = registry()
    try:
        q = ureg.Quantity(value, _ALIASES.get(unit.strip(), unit))
        return float(q.to(target).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise UnitError(f"unit '{unit}' cannot be converted to '{target}'") from exc
    except Exception as exc:  # pint's parser raises many types (TokenError, AssertionError ...)
        raise UnitError(f"unknown unit '{unit}'") from exc


def parse_quantity(text: str | float | int, target: str, *, what: str = "value") -> float:
    """Parse a number with an optional unit and return it in ``target`` units.

    A bare number is taken to be in ``target`` units already.

    Parameters
    ----------
    text : str or float
        e.g. ``"2.5 nm"``, ``"25A"``, ``"25 Å"``, ``"300 K"``, ``2.5``.
    target : str
        The unit of the returned number (``"nm"``, ``"K"``, ``"eV"`` ...).
    what : str
        Name of the quantity for error messages.

    Returns
    -------
    float
        The value in ``target`` units (may be NaN or infinite; callers validate the range).

    Examples
    --------
    >>> parse_quantity("25 Å", "nm")
    2.5
    >>> round(parse_quantity("20A", "nm"), 12)
    2.0
    >>> parse_quantity(77, "K")
    77.0
    """
    if isinstance(text, bool):
        raise UnitError(f"{what}: expected a number with an optional unit, got {text!r}")
    if isinstance(text, int | float):
        return float(text)
    m = _NUMBER_UNIT.match(str(text))
    if m is None:
        raise UnitError(
            f"{what}: cannot read {text!r}; write a number with an optional unit, "
            f"e.g. '2.5 {target}'"
        )
    number = float(m.group("num"))
    unit = m.group("unit")
    if not unit:
        return number
    if not math.isfinite(number):
        return number
    try:
        value = convert(number, unit, target)
    except UnitError as exc:
        raise UnitError(f"{what}: {exc} (expected a unit convertible to {target})") from exc
    # drop the last-digit noise of the conversion factors ("1.2 um" -> 1200.0, not
    # 1199.9999999999998); 15 significant digits are all a float64 holds reliably
    return float(f"{value:.15g}")
