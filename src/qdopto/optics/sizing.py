"""Published empirical sizing and extinction curves, each with its validity range.

Outside its range a curve still evaluates (extrapolation is sometimes what a user wants) but
warns with a ``ValidityWarning`` naming the range.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from qdopto.constants import HC_EV_NM
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.materials import default_database

Array = NDArray[np.float64]
#: Temperature [K] of the bulk gap that bounds every curve (the curves are room-temperature).
BULK_GAP_T_K = 300.0


def _yu2003_cdse_diameter(lam: Array) -> Array:
    # W. W. Yu, L. Qu, W. Guo, X. Peng, Chem. Mater. 15, 2854 (2003), Eq. (1)
    return np.asarray(
        1.6122e-9 * lam**4 - 2.6575e-6 * lam**3 + 1.6242e-3 * lam**2 - 0.4277 * lam + 41.57
    )


def _yu2003_cds_diameter(lam: Array) -> Array:
    # Yu et al. 2003, Eq. (3)
    return np.asarray(-6.6521e-8 * lam**3 + 1.9557e-4 * lam**2 - 9.2352e-2 * lam + 13.29)


#: I. Moreels et al., ACS Nano 3, 3023 (2009), Eq. (2): E0 = Eg + 1/(a d^2 + b d) [eV, nm]
MOREELS_EG, MOREELS_A, MOREELS_B = 0.41, 0.0252, 0.283


def _moreels2009_pbs_energy(d: Array) -> Array:
    return np.asarray(MOREELS_EG + 1.0 / (MOREELS_A * d**2 + MOREELS_B * d))


def _moreels2009_pbs_diameter(e: Array) -> Array:
    """Positive root of a d^2 + b d - 1/(E0 - Eg) = 0."""
    y = 1.0 / (e - MOREELS_EG)
    return np.asarray((-MOREELS_B + np.sqrt(MOREELS_B**2 + 4 * MOREELS_A * y)) / (2 * MOREELS_A))


@dataclass(frozen=True)
class SizingCurve:
    """An empirical relation between diameter and first-exciton position.

    Attributes
    ----------
    name, material : str
        Curve name (``yu2003``) and material.
    reference : str
        Citation with DOI.
    diameter_range_nm : tuple of float
        Diameters [nm] the curve was fitted over.
    extinction_reference : str
        Citation of the extinction relation.
    """

    name: str
    material: str
    reference: str
    diameter_range_nm: tuple[float, float]
    _forward: Callable[[Array], Array]
    _inverse_is_diameter: bool
    extinction_reference: str
    _extinction: Callable[[Array], Array]
    extinction_wavelength: str

    def _check(self, d: Array) -> None:
        lo, hi = self.diameter_range_nm
        if np.any((d < lo - 1e-9) | (d > hi + 1e-9)):
            warnings.warn(
                f"{self.name} ({self.material}) was fitted for diameters {lo:g}-{hi:g} nm; "
                "outside that range it is an extrapolation",
                ValidityWarning,
                stacklevel=3,
            )

    def wavelength_nm(self, diameter_nm: ArrayLike) -> Array:
        """First-exciton absorption peak [nm] for diameters [nm]."""
        d = _positive(diameter_nm, "diameter")
        self._check(d)
        if self._inverse_is_diameter:
            lam_lo, lam_hi = self._monotonic_bracket()
            d_lo, d_hi = (float(v) for v in self._forward(np.array([lam_lo, lam_hi])))
            if np.any((d < d_lo) | (d > d_hi)):
                raise QdoptoError(
                    f"{self.name} ({self.material}) cannot be evaluated for diameters outside "
                    f"{d_lo:.2f}-{d_hi:.2f} nm (fitted for {self.diameter_range_nm[0]:g}-"
                    f"{self.diameter_range_nm[1]:g} nm)"
                )
            out = np.array(
                [
                    brentq(
                        lambda x, dd=dd: float(self._forward(np.array(x))) - dd,
                        lam_lo,
                        lam_hi,
                        xtol=1e-10,
                    )
                    for dd in np.ravel(d)
                ]
            )
            return out.reshape(d.shape)
        return np.asarray(HC_EV_NM / self._forward(d))

    def energy_eV(self, diameter_nm: ArrayLike) -> Array:
        """First-exciton energy [eV] for diameters [nm]."""
        return np.asarray(HC_EV_NM / self.wavelength_nm(diameter_nm))

    def diameter_nm(self, wavelength_nm: ArrayLike) -> Array:
        """Diameter [nm] for first-exciton wavelengths [nm] (the inverse problem)."""
        lam = _positive(wavelength_nm, "wavelength")
        eg = float(default_database().get(self.material).bandgap(BULK_GAP_T_K))
        if np.any(lam >= HC_EV_NM / eg):
            raise QdoptoError(
                f"no {self.material} dot has its first exciton at or beyond the bulk band gap "
                f"({eg:.3f} eV, {HC_EV_NM / eg:.0f} nm at {BULK_GAP_T_K:g} K); the "
                f"{self.name} curve covers {self._wavelength_range_text()}"
            )
        if self._inverse_is_diameter:
            lo, hi = self._monotonic_bracket()
            if np.any((lam < lo) | (lam > hi)):
                raise QdoptoError(
                    f"{self.name} ({self.material}) is fitted for first excitons at "
                    f"{self._wavelength_bracket()[0]:.0f}-{self._wavelength_bracket()[1]:.0f} nm "
                    f"and cannot be extrapolated beyond {lo:.0f}-{hi:.0f} nm (the polynomial "
                    "stops being monotonic)"
                )
            d = self._forward(lam)
        else:
            e = HC_EV_NM / lam
            if np.any(e <= MOREELS_EG):
                raise QdoptoError(
                    f"{self.name}: the first exciton must lie above the bulk gap "
                    f"({MOREELS_EG} eV, {HC_EV_NM / MOREELS_EG:.0f} nm)"
                )
            d = _moreels2009_pbs_diameter(e)
        self._check(np.asarray(d))
        return np.asarray(d)

    def _wavelength_bracket(self) -> tuple[float, float]:
        grid = np.linspace(250.0, 2000.0, 17501)
        dd = self._forward(grid)
        lo, hi = self.diameter_range_nm
        inside = (dd >= lo) & (dd <= hi)
        if not inside.any():  # pragma: no cover - curves are defined with their ranges
            raise QdoptoError(f"{self.name}: no wavelength inside the validity range")
        return float(grid[inside].min()), float(grid[inside].max())

    def _wavelength_range_text(self) -> str:
        d = np.array(self.diameter_range_nm)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            lam = self.wavelength_nm(d)
        return f"{lam[0]:.0f}-{lam[1]:.0f} nm (diameters {d[0]:g}-{d[1]:g} nm)"

    def _monotonic_bracket(self) -> tuple[float, float]:
        """Widest wavelength interval around the fitted range where D(lambda) increases."""
        grid = np.linspace(250.0, 2000.0, 17501)
        rising = np.diff(self._forward(grid)) > 0
        lo, hi = self._wavelength_bracket()
        i0 = int(np.searchsorted(grid, lo))
        i1 = int(np.searchsorted(grid, hi))
        a = i0
        while a > 0 and rising[a - 1]:
            a -= 1
        b = i1
        while b < rising.size and rising[b]:
            b += 1
        return float(grid[a]), float(grid[min(b, grid.size - 1)])

    def extinction(self, diameter_nm: ArrayLike, *, warn: bool = True) -> Array:
        """Molar extinction coefficient [M^-1 cm^-1] (at the wavelength given by
        ``extinction_wavelength``)."""
        d = _positive(diameter_nm, "diameter")
        if warn:
            self._check(d)
        return np.asarray(self._extinction(d))


def _positive(x: ArrayLike, what: str) -> Array:
    a = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise QdoptoError(f"{what} must be a positive finite number, got {a.tolist()}")
    return a


CURVES: dict[str, SizingCurve] = {
    "yu2003-CdSe": SizingCurve(
        "yu2003",
        "CdSe",
        "W. W. Yu, L. Qu, W. Guo, X. Peng, Chem. Mater. 15, 2854 (2003), Eq. (1), "
        "doi:10.1021/cm034081k",
        (2.0, 8.0),
        _yu2003_cdse_diameter,
        True,
        "Yu et al. 2003, Eq. (4): eps = 5857 D^2.65 (+-10-15 %)",
        lambda d: 5857.0 * d**2.65,
        "first-exciton peak",
    ),
    "yu2003-CdS": SizingCurve(
        "yu2003",
        "CdS",
        "W. W. Yu, L. Qu, W. Guo, X. Peng, Chem. Mater. 15, 2854 (2003), Eq. (3), "
        "doi:10.1021/cm034081k",
        (2.0, 5.5),
        _yu2003_cds_diameter,
        True,
        "Yu et al. 2003, Eq. (6): eps = 21536 D^2.3",
        lambda d: 21536.0 * d**2.3,
        "first-exciton peak",
    ),
    "moreels2009-PbS": SizingCurve(
        "moreels2009",
        "PbS",
        "I. Moreels, K. Lambert, D. Smeets, D. De Muynck, T. Nollet, J. C. Martins, F. Vanhaecke, "
        "A. Vantomme, C. Delerue, G. Allan, Z. Hens, ACS Nano 3, 3023 (2009), Eq. (2), "
        "doi:10.1021/nn900863a",
        (3.0, 8.0),
        _moreels2009_pbs_energy,
        False,
        "Moreels et al. 2009: eps(400 nm) = 0.0233 d^3 cm^-1 uM^-1",
        lambda d: 0.0233e6 * d**3,
        "400 nm",
    ),
}


def sizing_curve(material: str, method: str) -> SizingCurve:
    """The empirical curve ``method`` (``yu2003``, ``moreels2009``) for ``material``."""
    key = f"{method}-{material}"
    if key not in CURVES:
        avail = sorted({c.name for c in CURVES.values() if c.material == material})
        hint = (
            f"curves for {material}: {', '.join(avail)}"
            if avail
            else f"no empirical curve for {material}; curves exist for "
            f"{', '.join(sorted({c.material for c in CURVES.values()}))}"
        )
        raise QdoptoError(
            f"unknown sizing method '{method}' for {material}; {hint}; or use method 'model'"
        )
    return CURVES[key]
