"""Two-photon absorption (2PA) cross-sections of QDs for near-infrared pumping (estimate).

Bulk scaling (M. Sheik-Bahae, D. C. Hutchings, D. J. Hagan, E. W. Van Stryland, IEEE J.
Quantum Electron. 27, 1296 (1991), Eqs. (3)-(4); the two-parabolic-band form of E. W. Van
Stryland et al., Opt. Lett. 10, 490 (1985) with its constant fitted to measurements of many
direct-gap solids):

    beta(w) = K sqrt(E_P) F_2(hbar w / E_g) / (n^2 E_g^3),
    F_2(x) = (2x - 1)^(3/2) / (2x)^5   for 2x > 1 (0 otherwise),                          (1)

beta in cm/GW with K = 3100 cm GW^-1 eV^(5/2), E_P = 21 eV (the nearly material-independent
Kane energy of the fit) and E_g in eV (check: the constants as quoted in the literature that
uses this scaling; the paper's page was not available here). The scaling reproduces measured
bulk coefficients within about a factor of 2 (tests/test_twophoton.py: ZnSe, GaAs).

QD cross-section far above the two-photon band edge (bulk-like regime, the analogue of the
one-photon intrinsic absorption of :mod:`qdopto.optics.crosssection`): the field inside a
layer is f_LF times the field in the medium, so the intensity there is (n/n_s)|f_LF|^2 I and
a layer of volume V absorbs photons at the rate V beta ((n/n_s)|f_LF|^2 I)^2 / (hbar w).
With the Xu-Webb definition (photons absorbed per dot = sigma2 F^2, F = I/(hbar w); C. Xu,
W. W. Webb, J. Opt. Soc. Am. B 13, 481 (1996)):

    sigma2 = hbar w sum_layers V beta (n/n_s)^2 |f_LF|^4,   f_LF = 3 n_s^2/(n^2 + 2 n_s^2).  (2)

Validity: Eq. (2) needs 2 hbar w well above the dot's first exciton (the dense, bulk-like
part of the spectrum); within DEFAULT_BLEND_EV[0] of it the discrete two-photon transitions
(1S-1P, Efros-type selection rules) dominate and the estimate only gives the order of
magnitude (a ValidityWarning says so); below the first exciton there is no 2PA (an error).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.constants import ELEMENTARY_CHARGE_C, GM_CM4_S, HC_EV_NM
from qdopto.electronic.transitions import transitions
from qdopto.errors import MissingParameterError, QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.optics.crosssection import local_field_factor
from qdopto.optics.spectra import DEFAULT_BLEND_EV
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]

#: K of Eq. (1) [cm GW^-1 eV^(5/2)] (Sheik-Bahae et al. 1991).
K_SCALING = 3100.0
#: Kane energy of the fit of Eq. (1) [eV] (Sheik-Bahae et al. 1991).
EP_SCALING_EV = 21.0
_CM_PER_GW_TO_CM_PER_W = 1e-9


def f2(x: ArrayLike) -> Array:
    """F_2(x) = (2x - 1)^(3/2) / (2x)^5 of Eq. (1), zero for 2x <= 1 [dimensionless]."""
    y = 2.0 * np.asarray(x, dtype=float)
    out = np.zeros_like(y)
    above = y > 1.0
    out[above] = (y[above] - 1.0) ** 1.5 / y[above] ** 5
    return out


def bulk_two_photon_coefficient(gap_eV: ArrayLike, photon_eV: ArrayLike, index: ArrayLike) -> Array:
    """Degenerate bulk 2PA coefficient beta [cm/GW] of Eq. (1).

    Parameters
    ----------
    gap_eV : float or ndarray
        Band gap [eV].
    photon_eV : float or ndarray
        Photon energy hbar w [eV].
    index : float or ndarray
        Linear refractive index at the photon energy.

    Examples
    --------
    >>> round(float(bulk_two_photon_coefficient(2.67, 2.33, 2.70)), 2)  # ZnSe at 532 nm
    4.07
    """
    eg = np.asarray(gap_eV, dtype=float)
    n = np.asarray(index, dtype=float)
    if np.any(~np.isfinite(eg)) or np.any(eg <= 0) or np.any(~(n >= 1.0)):
        raise QdoptoError("the 2PA scaling needs a positive band gap and an index >= 1")
    x = np.asarray(photon_eV, dtype=float) / eg
    return np.asarray(K_SCALING * math.sqrt(EP_SCALING_EV) * f2(x) / (n**2 * eg**3))


@dataclass(frozen=True)
class TwoPhotonResult:
    """Two-photon absorption cross-section of one dot at one pump wavelength.

    Attributes
    ----------
    structure : str
        The structure spec.
    wavelength_nm : float
        Pump vacuum wavelength [nm].
    sigma2_GM : float
        Two-photon absorption cross-section [GM] (Xu-Webb convention).
    first_exciton_eV : float
        The dot's first exciton [eV], for the validity check.
    medium_index : float
        Refractive index of the medium at the pump.
    layers : tuple of dict
        Per layer: material, volume [nm^3], gap [eV], index, beta [cm/GW], share of sigma2.
    notes : tuple of str
        Approximations that apply.
    """

    structure: str
    wavelength_nm: float
    sigma2_GM: float
    first_exciton_eV: float
    medium_index: float
    layers: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "wavelength_nm": self.wavelength_nm,
            "sigma2_GM": self.sigma2_GM,
            "first_exciton_eV": self.first_exciton_eV,
            "medium_index": self.medium_index,
            "two_photon_energy_eV": 2 * HC_EV_NM / self.wavelength_nm,
            "layers": list(self.layers),
            "model": "bulk 2PA scaling (Sheik-Bahae et al. 1991) x volume x local field^4",
            "notes": list(self.notes),
        }


def _index(material: str, wavelength_nm: float, temperature_K: float) -> tuple[float, str]:
    """Real index of ``material`` at the pump: tabulated n where the table covers the
    wavelength, else sqrt(eps_inf) (the index below the gap), saying which."""
    mat = default_database().get(material)
    ri = mat.refractive_index
    if ri is not None and ri.range_nm[0] <= wavelength_nm <= ri.range_nm[1]:
        return float(np.real(mat.nk(wavelength_nm))), "tabulated n(lambda)"
    values = mat.at(temperature_K)
    if "eps_inf" not in values:
        raise MissingParameterError(
            f"material '{material}' has neither a refractive index covering {wavelength_nm:g} "
            "nm nor eps_inf (needed by the two-photon estimate)"
        )
    return math.sqrt(values["eps_inf"]), "sqrt(eps_inf)"


def two_photon_cross_section(
    structure: SphericalQD | str, wavelength_nm: float, temperature_K: float = 300.0
) -> TwoPhotonResult:
    """Estimated 2PA cross-section of one dot [GM] at a pump wavelength (Eq. (2)).

    Parameters
    ----------
    structure : SphericalQD or str
        The dot, in its medium.
    wavelength_nm : float
        Pump vacuum wavelength [nm]; two photons must exceed the first exciton, one must not.
    temperature_K : float
        Temperature [K] (band gaps).

    Returns
    -------
    TwoPhotonResult

    Raises
    ------
    QdoptoError
        One photon above the first exciton (one-photon absorption dominates), two photons
        below it (no absorption), or missing material data.

    Examples
    --------
    >>> r = two_photon_cross_section("CdSe:2.5|toluene", 800.0)
    >>> 1e3 < r.sigma2_GM < 1e5
    True
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (math.isfinite(wavelength_nm) and 100.0 <= wavelength_nm <= 20000.0):
        raise QdoptoError(f"pump wavelength must lie within 100-20000 nm, got {wavelength_nm}")
    photon = HC_EV_NM / wavelength_nm
    e1 = transitions(qd, temperature_K).transitions[0].energy_eV
    if photon >= e1:
        raise QdoptoError(
            f"a {wavelength_nm:g} nm photon ({photon:.3f} eV) is above the first exciton of "
            f"{qd.spec} ({e1:.3f} eV): one-photon absorption dominates; use a wavelength "
            f"longer than {HC_EV_NM / e1:.0f} nm for two-photon pumping"
        )
    if 2 * photon <= e1:
        raise QdoptoError(
            f"two {wavelength_nm:g} nm photons ({2 * photon:.3f} eV) are below the first "
            f"exciton of {qd.spec} ({e1:.3f} eV): no two-photon absorption; use a wavelength "
            f"shorter than {2 * HC_EV_NM / e1:.0f} nm"
        )
    notes = [
        "bulk-like estimate: the scaling of Eq. (1) (within ~2x of measured bulk 2PA) times "
        "the volume and the local field of each layer; discrete band-edge two-photon "
        "transitions are not modelled"
    ]
    if 2 * photon < e1 + DEFAULT_BLEND_EV[0]:
        msg = (
            f"{qd.spec}: two photons ({2 * photon:.2f} eV) lie within {DEFAULT_BLEND_EV[0]:g} "
            f"eV of the first exciton ({e1:.2f} eV), where the dot's two-photon spectrum is "
            "discrete; the bulk-like estimate gives only the order of magnitude"
        )
        warnings.warn(msg, ValidityWarning, stacklevel=2)
        notes.append(msg)
    db = default_database()
    medium = db.get(qd.medium)
    if medium.refractive_index is None:
        raise MissingParameterError(f"medium '{medium.name}' has no refractive index")
    lo, hi = medium.refractive_index.range_nm
    n_s = float(np.real(medium.nk(min(max(wavelength_nm, lo), hi))))
    volumes = qd.layer_volumes_nm3()
    total = 0.0
    rows = []
    for layer, vol in zip(qd.layers, volumes, strict=True):
        gap = db.get(layer.material).at(temperature_K)["Eg"]
        n, n_source = _index(layer.material, wavelength_nm, temperature_K)
        beta = float(bulk_two_photon_coefficient(gap, photon, n))
        f_lf = float(abs(local_field_factor(n * n, n_s * n_s)))
        sigma2 = (
            photon
            * ELEMENTARY_CHARGE_C
            * vol
            * 1e-21
            * beta
            * _CM_PER_GW_TO_CM_PER_W
            * (n / n_s) ** 2
            * f_lf**4
            / GM_CM4_S
        )
        total += sigma2
        rows.append(
            {
                "material": layer.material,
                "volume_nm3": float(vol),
                "gap_eV": float(gap),
                "index": n,
                "index_source": n_source,
                "beta_cm_GW": beta,
                "local_field": f_lf,
                "sigma2_GM": sigma2,
            }
        )
    if total <= 0.0:
        raise QdoptoError(
            f"two {wavelength_nm:g} nm photons ({2 * photon:.3f} eV) are below the bulk gap "
            f"of every layer of {qd.spec}: the bulk-like estimate gives no two-photon "
            "absorption there (the dot's discrete transitions are not modelled); use a "
            "shorter wavelength"
        )
    return TwoPhotonResult(
        structure=qd.spec,
        wavelength_nm=float(wavelength_nm),
        sigma2_GM=float(total),
        first_exciton_eV=float(e1),
        medium_index=n_s,
        layers=tuple(rows),
        notes=tuple(notes),
    )
