"""Exceptions and warnings raised by qdopto.

Every error a user can provoke with bad input is a :class:`QdoptoError` (a ``ValueError``), so
that callers can catch one type, and the command line can print its message on one line and
exit with status 2.
"""

from __future__ import annotations


class QdoptoError(ValueError):
    """Base class of all user-facing qdopto errors (bad input, bad data, missing parameters)."""


class UnknownMaterialError(QdoptoError):
    """A material name, alias or alloy formula that the database does not know."""


class MissingParameterError(QdoptoError):
    """A material lacks a parameter that a calculation needs."""


class MaterialDataError(QdoptoError):
    """A materials data file is malformed (missing unit, missing source, unknown key ...)."""


class CompositionError(QdoptoError):
    """An alloy composition outside [0, 1] or one whose site fractions do not add up."""


class SpecError(QdoptoError):
    """A structure spec string that cannot be parsed or describes an impossible structure."""


class DesignFileError(QdoptoError):
    """A design file (TOML) that is malformed or does not follow the schema."""


class UnitError(QdoptoError):
    """A quantity string with a missing, unknown or wrongly dimensioned unit."""


class QdoptoWarning(UserWarning):
    """Base class of qdopto warnings."""


class ValidityWarning(QdoptoWarning):
    """A model used outside the range where it is reliable (e.g. effective mass below 1 nm)."""
