"""Typed results of the electronic-structure models (frozen dataclasses with ``to_dict``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.constants import HC_EV_NM
from qdopto.structures import SphericalQD

ALIGNMENTS = ("type-I", "reverse-type-I", "quasi-type-II", "type-II")
_L_LETTERS = "SPDFGHIK"


@dataclass(frozen=True)
class Level:
    """A single-particle level.

    Attributes
    ----------
    n : int
        Radial quantum number (1, 2, ...).
    l : int
        Angular momentum.
    energy_eV : float
        Energy on the absolute (vacuum) scale of the materials database [eV].
    error_eV : float
        Grid-error estimate [eV] (0 for closed forms).
    """

    n: int
    l: int
    energy_eV: float
    error_eV: float = 0.0

    @property
    def label(self) -> str:
        """Spectroscopic label, e.g. ``1S``, ``1P``."""
        letter = _L_LETTERS[self.l] if self.l < len(_L_LETTERS) else f"(l={self.l})"
        return f"{self.n}{letter}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "l": self.l,
            "label": self.label,
            "energy_eV": self.energy_eV,
            "error_eV": self.error_eV,
        }


@dataclass(frozen=True)
class Exciton:
    """Ground (1S_e-1S_h) exciton.

    Attributes
    ----------
    energy_eV : float
        Transition energy [eV].
    binding_energy_eV : float
        E_e - E_h - E_X [eV]: the Coulomb attraction less the polarisation energy.
    overlap : float
        |<psi_e|psi_h>|^2.
    coulomb_eV, polarization_eV : float
        Direct Coulomb (negative) and self-polarisation (positive) energies [eV].
    """

    energy_eV: float
    binding_energy_eV: float
    overlap: float
    coulomb_eV: float = 0.0
    polarization_eV: float = 0.0

    @property
    def wavelength_nm(self) -> float:
        """Vacuum wavelength of the transition [nm]."""
        return HC_EV_NM / self.energy_eV

    def to_dict(self) -> dict[str, Any]:
        return {
            "energy_eV": self.energy_eV,
            "wavelength_nm": self.wavelength_nm,
            "binding_energy_eV": self.binding_energy_eV,
            "overlap": self.overlap,
            "coulomb_eV": self.coulomb_eV,
            "polarization_eV": self.polarization_eV,
        }


@dataclass(frozen=True)
class Profile:
    """Band-edge profile and ground-state densities on the solver grid (for plots).

    ``r_nm`` are cell centres; ``ec_eV``/``ev_eV`` band edges; ``density_e``/``density_h`` the
    radial probability densities r^2 |psi|^2 [1/nm] (each integrates to 1).
    """

    r_nm: NDArray[np.float64]
    ec_eV: NDArray[np.float64]
    ev_eV: NDArray[np.float64]
    density_e: NDArray[np.float64]
    density_h: NDArray[np.float64]


@dataclass(frozen=True)
class ElectronicResult:
    """Electronic structure of one structure, from one model."""

    structure: SphericalQD
    model: str
    model_version: str
    temperature_K: float
    electron: tuple[Level, ...]
    hole: tuple[Level, ...]
    exciton: Exciton
    alignment: str
    localization_e: tuple[float, ...]
    localization_h: tuple[float, ...]
    convergence: dict[str, Any] = field(default_factory=dict, compare=False)
    details: dict[str, Any] = field(default_factory=dict, compare=False)
    profile: Profile | None = field(default=None, compare=False, repr=False)

    def _loc(self, probs: tuple[float, ...]) -> dict[str, float]:
        n = len(self.structure.layers)
        out = {str(i): float(p) for i, p in enumerate(probs[:n])}
        if len(probs) > n:
            out["medium"] = float(probs[n])
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON document (the contract of ``qdopto levels --json``)."""
        return {
            "structure": self.structure.spec,
            "model": self.model,
            "model_version": self.model_version,
            "temperature_K": self.temperature_K,
            "electron": [lv.to_dict() for lv in self.electron],
            "hole": [lv.to_dict() for lv in self.hole],
            "exciton": self.exciton.to_dict(),
            "alignment": self.alignment,
            "localization": {
                "electron": self._loc(self.localization_e),
                "hole": self._loc(self.localization_h),
            },
            "convergence": self.convergence,
            **self.details,
        }
