"""Refractive-index (dispersion) models of the materials database.

Each model returns the complex refractive index N = n + i k at vacuum wavelengths in nm,
vectorised over arrays. Evaluation outside the model's validity range is an error that names
the range, never a silent extrapolation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.constants import HC_EV_NM
from qdopto.errors import QdoptoError

MODELS = ("constant", "cauchy", "sellmeier", "table", "drude-lorentz")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "constant": ("n",),
    "cauchy": ("A", "B_um2", "C_um4"),
    "sellmeier": ("A", "B", "C_um2"),
    "table": ("wavelength_nm", "n"),
    "drude-lorentz": ("wp_eV", "f0", "gamma0_eV", "f", "omega_eV", "gamma_eV"),
}
_OPTIONAL: dict[str, tuple[str, ...]] = {
    "constant": ("k",),
    "cauchy": (),
    "sellmeier": (),
    "table": ("k",),
    "drude-lorentz": (),
}


@dataclass(frozen=True)
class DispersionModel:
    """A refractive-index model with its source and validity range.

    Attributes
    ----------
    model : str
        One of ``constant``, ``cauchy``, ``sellmeier``, ``table``, ``drude-lorentz``.
    coefficients : Mapping[str, Any]
        The model's coefficients (see ``docs/materials.md``).
    range_nm : tuple of float
        Wavelength range [nm] where the model is valid.
    source : str
        Full citation of the source.
    loc, note : str or None
        Location in the source; remark.
    """

    model: str
    coefficients: Mapping[str, Any] = field(hash=False, compare=False)
    range_nm: tuple[float, float]
    source: str
    loc: str | None = None
    note: str | None = None
    material: str = ""

    def nk(self, wavelength_nm: ArrayLike) -> NDArray[np.complex128]:
        """Complex refractive index n + i k.

        Parameters
        ----------
        wavelength_nm : float or ndarray
            Vacuum wavelength [nm].

        Returns
        -------
        ndarray of complex
            n + i k, same shape as ``wavelength_nm``.

        Raises
        ------
        QdoptoError
            If any wavelength is not finite or lies outside ``range_nm``.
        """
        lam = np.asarray(wavelength_nm, dtype=float)
        if not np.all(np.isfinite(lam)):
            raise QdoptoError(f"refractive index of {self.material}: wavelength must be finite")
        lo, hi = self.range_nm
        if lam.size and (lam.min() < lo or lam.max() > hi):
            bad = lam[(lam < lo) | (lam > hi)].flat[0]
            raise QdoptoError(
                f"refractive index of {self.material} is known for {lo:g}-{hi:g} nm "
                f"({self.source}); {bad:g} nm is outside that range"
            )
        return _evaluate(self.model, self.coefficients, lam)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (coefficients included)."""
        return {
            "model": self.model,
            "range_nm": list(self.range_nm),
            "source": self.source,
            "loc": self.loc,
            "note": self.note,
            "coefficients": {
                k: (list(v) if isinstance(v, list | tuple) else v)
                for k, v in self.coefficients.items()
            },
        }


def _evaluate(
    model: str, c: Mapping[str, Any], lam_nm: NDArray[np.float64]
) -> NDArray[np.complex128]:
    lam_um = lam_nm * 1e-3
    if model == "constant":
        n = np.full_like(lam_nm, float(c["n"]))
        k = np.full_like(lam_nm, float(c.get("k", 0.0)))
        return n + 1j * k
    if model == "cauchy":
        n = c["A"] + c["B_um2"] / lam_um**2 + c["C_um4"] / lam_um**4
        return np.asarray(n, dtype=np.complex128)
    if model == "sellmeier":
        l2 = lam_um[..., None] ** 2
        b = np.asarray(c["B"], dtype=float)
        c2 = np.asarray(c["C_um2"], dtype=float)
        n2 = c["A"] + np.sum(b * l2 / (l2 - c2), axis=-1)
        return np.asarray(np.sqrt(n2.astype(np.complex128)), dtype=np.complex128)
    if model == "table":
        x = np.asarray(c["wavelength_nm"], dtype=float)
        n = np.interp(lam_nm, x, np.asarray(c["n"], dtype=float))
        k = np.interp(lam_nm, x, np.asarray(c.get("k", np.zeros_like(x)), dtype=float))
        return np.asarray(n + 1j * k, dtype=np.complex128)
    if model == "drude-lorentz":
        # Rakic, Djurisic, Elazar, Majewski, Appl. Opt. 37, 5271 (1998), Eqs. (2)-(3).
        w = (HC_EV_NM / lam_nm)[..., None]
        wp = float(c["wp_eV"])
        eps = 1.0 - c["f0"] * wp**2 / (w[..., 0] * (w[..., 0] + 1j * c["gamma0_eV"]))
        fj = np.asarray(c["f"], dtype=float)
        wj = np.asarray(c["omega_eV"], dtype=float)
        gj = np.asarray(c["gamma_eV"], dtype=float)
        eps = eps + np.sum(fj * wp**2 / (wj**2 - w**2 - 1j * w * gj), axis=-1)
        return np.asarray(np.sqrt(eps), dtype=np.complex128)
    raise QdoptoError(f"unknown dispersion model '{model}'; known: {', '.join(MODELS)}")


def check_coefficients(model: str, coeffs: Mapping[str, Any], where: str) -> list[str]:
    """Return the problems of a dispersion-model table (empty if it is valid)."""
    problems: list[str] = []
    if model not in MODELS:
        return [f"{where}.model: unknown model '{model}' (known: {', '.join(MODELS)})"]
    allowed = set(_REQUIRED[model]) | set(_OPTIONAL[model])
    for key in _REQUIRED[model]:
        if key not in coeffs:
            problems.append(f"{where}: model '{model}' needs '{key}'")
    for key in coeffs:
        if key not in allowed:
            problems.append(f"{where}.{key}: not a coefficient of model '{model}'")
    if problems:
        return problems
    for key, val in coeffs.items():
        arr = np.asarray(val, dtype=object)
        try:
            num = np.asarray(arr, dtype=float)
        except (TypeError, ValueError):
            problems.append(f"{where}.{key}: must be numbers")
            continue
        if not np.all(np.isfinite(num)):
            problems.append(f"{where}.{key}: must be finite")
    if problems:
        return problems
    if model == "table":
        x = np.asarray(coeffs["wavelength_nm"], dtype=float)
        if x.ndim != 1 or x.size < 2:
            problems.append(f"{where}.wavelength_nm: needs at least two wavelengths")
        elif np.any(np.diff(x) <= 0):
            problems.append(f"{where}.wavelength_nm: must be strictly increasing")
        for key in ("n", "k"):
            if key in coeffs and np.asarray(coeffs[key]).shape != x.shape:
                problems.append(f"{where}.{key}: must have as many entries as wavelength_nm")
    if model == "sellmeier" and len(coeffs["B"]) != len(coeffs["C_um2"]):
        problems.append(f"{where}: B and C_um2 must have the same length")
    if model == "drude-lorentz" and not (
        len(coeffs["f"]) == len(coeffs["omega_eV"]) == len(coeffs["gamma_eV"])
    ):
        problems.append(f"{where}: f, omega_eV and gamma_eV must have the same length")
    return problems
