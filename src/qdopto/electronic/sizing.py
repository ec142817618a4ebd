"""Inverse problem: the core size whose first exciton sits at a given energy or wavelength."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.interpolate import PchipInterpolator
from scipy.optimize import brentq

from qdopto.constants import HC_EV_NM
from qdopto.errors import QdoptoError
from qdopto.structures import DEFAULT_MEDIUM, Layer, SphericalQD

#: Core radii [nm] searched: from the smallest radius where effective-mass models are still
#: meaningful (1 nm, see qdopto.structures.spherical) to far into weak confinement.
RADIUS_RANGE_NM = (1.0, 20.0)
_GRID = 240


@dataclass(frozen=True)
class SizeResult:
    """Core diameter [nm] whose first-exciton energy [eV] is the target, and the model."""

    material: str
    diameter_nm: float
    energy_eV: float
    model: str
    temperature_K: float
    medium: str

    @property
    def wavelength_nm(self) -> float:
        return HC_EV_NM / self.energy_eV

    def to_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "diameter_nm": self.diameter_nm,
            "energy_eV": self.energy_eV,
            "wavelength_nm": self.wavelength_nm,
            "model": self.model,
            "temperature_K": self.temperature_K,
            "medium": self.medium,
        }


def core_size_for(
    material: str,
    *,
    energy_eV: float | None = None,
    wavelength_nm: float | None = None,
    model: str = "auto",
    temperature_K: float = 300.0,
    medium: str = DEFAULT_MEDIUM,
) -> SizeResult:
    """Diameter of a core-only dot of ``material`` whose first exciton is at the target.

    Give exactly one of ``energy_eV`` [eV] or ``wavelength_nm`` [nm].

    Raises
    ------
    QdoptoError
        If the target lies outside what core radii 1-20 nm reach (the message gives the range).
    """
    from qdopto.electronic.batch import sweep
    from qdopto.electronic.models import resolve_model, solve

    if (energy_eV is None) == (wavelength_nm is None):
        raise QdoptoError("give exactly one of an energy (eV) or a wavelength (nm)")
    target = energy_eV if energy_eV is not None else None
    if wavelength_nm is not None:
        if not (math.isfinite(wavelength_nm) and wavelength_nm > 0):
            raise QdoptoError(f"wavelength must be a positive number of nm, got {wavelength_nm}")
        target = HC_EV_NM / wavelength_nm
    if target is None or not (math.isfinite(target) and target > 0):
        raise QdoptoError(f"energy must be a positive number of eV, got {energy_eV}")
    probe = SphericalQD((Layer(material, 2.0),), medium)
    info = resolve_model(probe, model)
    radii = np.geomspace(*RADIUS_RANGE_NM, _GRID)
    if info.name == "radial":
        res = sweep([probe.layers[0].material], radii[:, None], probe.medium, temperature_K)
        energies = res.exciton_energy
    else:
        energies = np.array(
            [
                solve(
                    SphericalQD((Layer(probe.layers[0].material, r),), probe.medium),
                    info.name,
                    temperature_K,
                ).exciton.energy_eV
                for r in radii
            ]
        )
    if np.any(np.diff(energies) >= 0):
        raise QdoptoError(
            f"{material}: the exciton energy of model '{info.name}' does not fall "
            "monotonically with size; cannot invert it"
        )
    e_lo, e_hi = float(energies[-1]), float(energies[0])
    if not (e_lo <= target <= e_hi):
        raise QdoptoError(
            f"{material} dots of diameter {2 * RADIUS_RANGE_NM[0]:g}-{2 * RADIUS_RANGE_NM[1]:g} nm "
            f"({info.name} model, {temperature_K:g} K) reach first excitons of {e_lo:.3f}-"
            f"{e_hi:.3f} eV ({HC_EV_NM / e_hi:.0f}-{HC_EV_NM / e_lo:.0f} nm); the target "
            f"{target:.3f} eV ({HC_EV_NM / target:.0f} nm) is outside that range"
        )
    # monotone interpolation of ln R against E, then a root polish on the interpolant
    interp = PchipInterpolator(energies[::-1], np.log(radii[::-1]))
    radius = float(np.exp(interp(target)))

    def f(r: float) -> float:
        qd = SphericalQD((Layer(probe.layers[0].material, r),), probe.medium)
        return solve(qd, info.name, temperature_K).exciton.energy_eV - float(target)

    i = int(np.searchsorted(-energies, -target))
    lo, hi = radii[max(i - 1, 0)], radii[min(i, _GRID - 1)]
    if f(lo) * f(hi) < 0:
        radius = float(brentq(f, lo, hi, xtol=1e-7))
    return SizeResult(
        probe.layers[0].material,
        2.0 * radius,
        float(target),
        info.name,
        float(temperature_K),
        probe.medium,
    )
