"""Chemical formulas: parsing (``Cd0.5Zn0.5Se``, ``CsPb(Br0.5I0.5)3``) and formatting."""

from __future__ import annotations

import re

from qdopto.errors import CompositionError

_ELEMENT_LIST = """
H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As
Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb
Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu
"""
ELEMENTS = frozenset(_ELEMENT_LIST.split())

_TOKEN = re.compile(r"([A-Z][a-z]?)|(\()|(\))|(-?(?:\d+\.?\d*|\.\d+))|(.)")


def parse_formula(text: str) -> dict[str, float]:
    """Parse a chemical formula into element amounts, keeping the order of appearance.

    Parameters
    ----------
    text : str
        e.g. ``"CdSe"``, ``"Cd0.5Zn0.5Se"``, ``"ZnSe0.5S0.5"``, ``"CsPb(Br0.5I0.5)3"``.

    Returns
    -------
    dict
        Element symbol -> amount (may be negative; callers check compositions).

    Raises
    ------
    CompositionError
        If the text is not a formula of known element symbols.
    """
    tokens = list(_TOKEN.finditer(text.strip()))
    if not tokens:
        raise CompositionError("empty formula")
    pos = 0

    def number() -> float | None:
        nonlocal pos
        if pos < len(tokens) and tokens[pos].group(4) is not None:
            pos += 1
            return float(tokens[pos - 1].group(4))
        return None

    def group(depth: int) -> dict[str, float]:
        nonlocal pos
        out: dict[str, float] = {}
        while pos < len(tokens):
            tok = tokens[pos]
            if tok.group(1):
                sym = tok.group(1)
                if sym not in ELEMENTS:
                    raise CompositionError(f"'{text}': '{sym}' is not a chemical element")
                pos += 1
                n = number()
                out[sym] = out.get(sym, 0.0) + (1.0 if n is None else n)
            elif tok.group(2):
                pos += 1
                inner = group(depth + 1)
                if pos >= len(tokens) or not tokens[pos].group(3):
                    raise CompositionError(f"'{text}': unbalanced parenthesis")
                pos += 1
                n = number()
                mult = 1.0 if n is None else n
                for sym, v in inner.items():
                    out[sym] = out.get(sym, 0.0) + v * mult
            elif tok.group(3):
                if depth == 0:
                    raise CompositionError(f"'{text}': unbalanced parenthesis")
                return out
            else:
                raise CompositionError(
                    f"'{text}': unexpected '{tok.group(0)}' in a chemical formula"
                )
        if depth > 0:
            raise CompositionError(f"'{text}': unbalanced parenthesis")
        return out

    result = group(0)
    if not result:
        raise CompositionError(f"'{text}': no elements in formula")
    return result


def format_amount(value: float) -> str:
    """Format an amount for a formula: 1 is omitted, others fixed notation with <= 6 decimals."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "" if text == "1" else text
