"""Excitation of quantum dots by optical (one- and two-photon) and electrical pumps.

Converts what an experimentalist sets (fluence, intensity, current density, wavelength) into
what the multiexciton kinetics of :mod:`qdopto.dynamics.multiexcitons` needs: the average
number of excitons per dot <N> created by a short pulse, or the generation rate G per dot under
continuous pumping. All functions are vectorised (NumPy broadcasting over every argument).

Units: wavelengths [nm], photon energies and gaps [eV], fluences [uJ/cm^2], intensities
[W/cm^2], current densities [A/cm^2], areal dot densities [1/cm^2], cross-sections [cm^2],
two-photon cross-sections [GM], pulse widths [fs], generation rates [1/ns] per dot.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.constants import ELEMENTARY_CHARGE_C, GM_CM4_S, HC_EV_NM
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]

#: Unit conversions used below.
J_PER_UJ: float = 1e-6
S_PER_FS: float = 1e-15
NS_PER_S: float = 1e9

#: Largest accepted fluence [uJ/cm^2] (1 J/cm^2: far above the damage threshold of QD films).
MAX_FLUENCE_UJ_CM2: float = 1e6
#: Largest accepted intensity [W/cm^2] (1 TW/cm^2: ablation, not pumping).
MAX_INTENSITY_W_CM2: float = 1e12
#: Largest accepted current density [A/cm^2] (QD LEDs are driven at < 10 A/cm^2, QD laser
#: diodes proposed at ~1e2-1e3 A/cm^2).
MAX_CURRENT_DENSITY_A_CM2: float = 1e6
#: Largest accepted absorption cross-section [cm^2] (measured QD values are 1e-16-1e-13 cm^2).
MAX_SIGMA_CM2: float = 1e-9
#: Largest accepted two-photon cross-section [GM] (large QDs reach ~1e4-1e6 GM).
MAX_SIGMA2_GM: float = 1e10
#: Largest accepted areal density of dots [1/cm^2] (a close-packed monolayer of 3 nm dots holds
#: ~1e13 cm^-2; 1e15 cm^-2 is 10 dots per nm^2).
MAX_DOTS_PER_CM2: float = 1e15
#: Accepted pump wavelengths [nm].
WAVELENGTH_RANGE_NM: tuple[float, float] = (100.0, 1e5)


def _first_bad(x: Array, bad: NDArray[np.bool_]) -> float:
    return float(x[bad].flat[0])


def _checked(
    value: ArrayLike,
    name: str,
    unit: str,
    *,
    positive: bool = False,
    upper: float | None = None,
    hint: str = "",
) -> Array:
    """Return ``value`` as a float array after checking it is finite, >= 0 (> 0) and sane."""
    x = np.asarray(value, dtype=float)
    finite = np.isfinite(x)
    if not np.all(finite):
        raise QdoptoError(
            f"{name} must be a finite number [{unit}], got {_first_bad(x, ~finite)}"
            + (f": {hint}" if hint else "")
        )
    low = x <= 0 if positive else x < 0
    if np.any(low):
        sign = "> 0" if positive else ">= 0"
        raise QdoptoError(f"{name} must be {sign} [{unit}], got {_first_bad(x, low):g}")
    if upper is not None and np.any(x > upper):
        raise QdoptoError(
            f"{name} {_first_bad(x, x > upper):g} {unit} exceeds the plausible maximum "
            f"{upper:g} {unit}: check the units ({unit} expected)"
        )
    return x


def _wavelength(wavelength_nm: ArrayLike) -> Array:
    lam = _checked(wavelength_nm, "the pump wavelength", "nm", positive=True)
    lo, hi = WAVELENGTH_RANGE_NM
    out = (lam < lo) | (lam > hi)
    if np.any(out):
        raise QdoptoError(
            f"pump wavelength {_first_bad(lam, out):g} nm is outside {lo:g}-{hi:g} nm: "
            "give the vacuum wavelength in nm"
        )
    return lam


def _gap(gap_eV: ArrayLike) -> Array:
    return _checked(gap_eV, "the band gap", "eV", positive=True, upper=20.0)


def photon_energy_ev(wavelength_nm: ArrayLike) -> Array:
    """Photon energy h nu = h c / lambda.

    Parameters
    ----------
    wavelength_nm : float or ndarray
        Vacuum wavelength [nm], within 100-1e5 nm.

    Returns
    -------
    ndarray
        Photon energy [eV].

    Examples
    --------
    >>> round(float(photon_energy_ev(1239.84198)), 6)
    1.0
    """
    return np.asarray(HC_EV_NM / _wavelength(wavelength_nm))


def check_one_photon(wavelength_nm: ArrayLike, gap_eV: ArrayLike) -> None:
    """Raise :class:`QdoptoError` if one-photon absorption at ``wavelength_nm`` is impossible.

    A photon can create an exciton on its own only if h nu >= E_g (the optical gap of the dot,
    e.g. its first-exciton energy).

    Parameters
    ----------
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].
    gap_eV : float or ndarray
        Optical gap of the dots [eV].

    Raises
    ------
    QdoptoError
        If any photon energy is below the gap.
    """
    e = photon_energy_ev(wavelength_nm)
    gap = _gap(gap_eV)
    e_b, gap_b = np.broadcast_arrays(e, gap)
    below = e_b < gap_b
    if np.any(below):
        i = np.flatnonzero(below.ravel())[0]
        ei, gi = float(e_b.ravel()[i]), float(gap_b.ravel()[i])
        raise QdoptoError(
            f"pump photon {ei:.3f} eV ({HC_EV_NM / ei:.0f} nm) is below the band gap {gi:.3f} eV:"
            " one-photon absorption is impossible; use two-photon pumping "
            f"(mean_excitons_two_photon) or a wavelength below {HC_EV_NM / gi:.0f} nm"
        )


def check_two_photon(wavelength_nm: ArrayLike, gap_eV: ArrayLike) -> None:
    """Raise :class:`QdoptoError` unless the pump is in the two-photon regime h nu < E_g <= 2 h nu.

    Below E_g / 2 two photons cannot bridge the gap; at h nu >= E_g one-photon absorption
    (cross-sections ~1e-15 cm^2) swamps two-photon absorption, and
    :func:`mean_excitons_pulsed` applies instead.

    Parameters
    ----------
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].
    gap_eV : float or ndarray
        Optical gap of the dots [eV].
    """
    e = photon_energy_ev(wavelength_nm)
    gap = _gap(gap_eV)
    e_b, gap_b = np.broadcast_arrays(e, gap)
    low = 2.0 * e_b < gap_b
    if np.any(low):
        i = np.flatnonzero(low.ravel())[0]
        ei, gi = float(e_b.ravel()[i]), float(gap_b.ravel()[i])
        raise QdoptoError(
            f"two pump photons of {ei:.3f} eV ({HC_EV_NM / ei:.0f} nm) add up to {2 * ei:.3f} eV,"
            f" below the band gap {gi:.3f} eV: two-photon absorption is impossible; use a "
            f"wavelength below {2 * HC_EV_NM / gi:.0f} nm"
        )
    high = e_b >= gap_b
    if np.any(high):
        i = np.flatnonzero(high.ravel())[0]
        ei, gi = float(e_b.ravel()[i]), float(gap_b.ravel()[i])
        raise QdoptoError(
            f"pump photon {ei:.3f} eV is above the band gap {gi:.3f} eV: one-photon absorption "
            "dominates; use mean_excitons_pulsed, or a wavelength above "
            f"{HC_EV_NM / gi:.0f} nm for two-photon pumping"
        )


def photons_per_cm2(fluence_uJ_cm2: ArrayLike, wavelength_nm: ArrayLike) -> Array:
    """Photon fluence j = f / (h nu) of a pulse.

    Parameters
    ----------
    fluence_uJ_cm2 : float or ndarray
        Pump (pulse-energy) fluence [uJ/cm^2], 0-1e6.
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].

    Returns
    -------
    ndarray
        Photon fluence [photons/cm^2].

    Examples
    --------
    >>> f"{float(photons_per_cm2(1.0, 400.0)):.4e}"
    '2.0136e+12'
    """
    f = _checked(
        fluence_uJ_cm2,
        "the pump fluence",
        "uJ/cm^2",
        upper=MAX_FLUENCE_UJ_CM2,
        hint="pass a measured fluence",
    )
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(f * J_PER_UJ / e_j)


def _sigma(sigma_cm2: ArrayLike) -> Array:
    return _checked(
        sigma_cm2, "the absorption cross-section", "cm^2", positive=True, upper=MAX_SIGMA_CM2
    )


def _sigma2(sigma2_GM: ArrayLike) -> Array:
    return _checked(
        sigma2_GM, "the two-photon cross-section", "GM", positive=True, upper=MAX_SIGMA2_GM
    )


def mean_excitons_pulsed(
    sigma_cm2: ArrayLike,
    fluence_uJ_cm2: ArrayLike,
    wavelength_nm: ArrayLike,
    gap_eV: ArrayLike | None = None,
) -> Array:
    """Average number of excitons per dot created by a short pulse, <N> = sigma j.

    The number of photons a dot absorbs from a pulse much shorter than its decay times is
    Poisson distributed with mean <N> = sigma j, j the photon fluence (V. I. Klimov, J. Phys.
    Chem. B 104, 6112 (2000), Eq. (1)). Assumes a flat-top beam (j uniform over the probed
    spot) and no absorption saturation by the pulse itself.

    Parameters
    ----------
    sigma_cm2 : float or ndarray
        Absorption cross-section of one dot at the pump wavelength [cm^2].
    fluence_uJ_cm2 : float or ndarray
        Pump fluence [uJ/cm^2].
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].
    gap_eV : float or ndarray, optional
        Optical gap of the dots [eV]; if given, :func:`check_one_photon` is applied.

    Returns
    -------
    ndarray
        <N> [excitons per dot].
    """
    if gap_eV is not None:
        check_one_photon(wavelength_nm, gap_eV)
    return np.asarray(_sigma(sigma_cm2) * photons_per_cm2(fluence_uJ_cm2, wavelength_nm))


def fluence_for_mean_excitons(
    mean: ArrayLike, sigma_cm2: ArrayLike, wavelength_nm: ArrayLike
) -> Array:
    """Pump fluence that creates <N> excitons per dot: f = <N> h nu / sigma.

    Inverse of :func:`mean_excitons_pulsed` (Klimov, J. Phys. Chem. B 104, 6112 (2000),
    Eq. (1)); e.g. the threshold fluence for
    <N> = :func:`~qdopto.dynamics.gain_threshold_occupancy`.

    Parameters
    ----------
    mean : float or ndarray
        Average number of excitons per dot <N>, >= 0.
    sigma_cm2 : float or ndarray
        Absorption cross-section at the pump wavelength [cm^2].
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].

    Returns
    -------
    ndarray
        Fluence [uJ/cm^2].
    """
    m = _checked(mean, "the average exciton number", "excitons per dot")
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(m * e_j / _sigma(sigma_cm2) / J_PER_UJ)


def generation_rate_cw(
    sigma_cm2: ArrayLike,
    intensity_W_cm2: ArrayLike,
    wavelength_nm: ArrayLike,
    gap_eV: ArrayLike | None = None,
) -> Array:
    """Exciton generation rate per dot under continuous (or quasi-CW) light, G = sigma I / (h nu).

    The CW counterpart of <N> = sigma j (Klimov, J. Phys. Chem. B 104, 6112 (2000), Eq. (1)):
    the photon flux I / (h nu) times the cross-section. Feed G to
    :func:`~qdopto.dynamics.steady_state`.

    Parameters
    ----------
    sigma_cm2 : float or ndarray
        Absorption cross-section of one dot at the pump wavelength [cm^2].
    intensity_W_cm2 : float or ndarray
        Pump intensity [W/cm^2], 0-1e12.
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].
    gap_eV : float or ndarray, optional
        Optical gap of the dots [eV]; if given, :func:`check_one_photon` is applied.

    Returns
    -------
    ndarray
        G [excitons per dot per ns].
    """
    if gap_eV is not None:
        check_one_photon(wavelength_nm, gap_eV)
    i = _checked(intensity_W_cm2, "the pump intensity", "W/cm^2", upper=MAX_INTENSITY_W_CM2)
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(_sigma(sigma_cm2) * i / e_j / NS_PER_S)


def intensity_for_generation_rate(
    generation_per_ns: ArrayLike, sigma_cm2: ArrayLike, wavelength_nm: ArrayLike
) -> Array:
    """Pump intensity I = G h nu / sigma giving the generation rate G (inverse of
    :func:`generation_rate_cw`), e.g. the CW threshold intensity from
    :func:`~qdopto.dynamics.kinetics.threshold_generation_rate`.

    Parameters
    ----------
    generation_per_ns : float or ndarray
        G [excitons per dot per ns], >= 0.
    sigma_cm2 : float or ndarray
        Absorption cross-section at the pump wavelength [cm^2].
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].

    Returns
    -------
    ndarray
        Intensity [W/cm^2].
    """
    g = _checked(generation_per_ns, "the generation rate", "1/ns")
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(g * NS_PER_S * e_j / _sigma(sigma_cm2))


def _dots_and_efficiency(dots_per_cm2: ArrayLike, injection_efficiency: ArrayLike) -> Array:
    n = _checked(
        dots_per_cm2,
        "the areal density of dots",
        "1/cm^2",
        positive=True,
        upper=MAX_DOTS_PER_CM2,
    )
    eta = _checked(injection_efficiency, "the injection efficiency", "1", positive=True)
    if np.any(eta > 1.0):
        raise QdoptoError(
            f"the injection efficiency must be within (0, 1], got {_first_bad(eta, eta > 1):g}"
        )
    return np.asarray(eta / n)


def generation_rate_electrical(
    current_density_A_cm2: ArrayLike,
    dots_per_cm2: ArrayLike,
    injection_efficiency: ArrayLike = 1.0,
) -> Array:
    """Exciton generation rate per dot under electrical injection, G = eta J / (e n_dots).

    Each injected electron-hole pair that reaches the QD layer (fraction eta, the injection or
    charge-balance efficiency) forms one exciton in one of the n_dots dots per unit area of the
    active layer; this is the charge-flux balance used to relate J to the per-dot occupancy in
    QD LEDs and laser diodes (e.g. J. Lim, Y.-S. Park, V. I. Klimov, Nat. Mater. 17, 42
    (2018) (check)). Feed G to :func:`~qdopto.dynamics.steady_state`.

    Parameters
    ----------
    current_density_A_cm2 : float or ndarray
        Current density [A/cm^2], 0-1e6.
    dots_per_cm2 : float or ndarray
        Areal density of dots in the active layer (all QD monolayers together) [1/cm^2].
    injection_efficiency : float or ndarray
        Fraction eta of the current that creates excitons in the dots, within (0, 1].

    Returns
    -------
    ndarray
        G [excitons per dot per ns].

    Examples
    --------
    >>> f"{float(generation_rate_electrical(1.0, 1e12)):.4f}"
    '0.0062'
    """
    j = _checked(
        current_density_A_cm2, "the current density", "A/cm^2", upper=MAX_CURRENT_DENSITY_A_CM2
    )
    return np.asarray(
        j
        * _dots_and_efficiency(dots_per_cm2, injection_efficiency)
        / ELEMENTARY_CHARGE_C
        / NS_PER_S
    )


def current_density_for_generation_rate(
    generation_per_ns: ArrayLike,
    dots_per_cm2: ArrayLike,
    injection_efficiency: ArrayLike = 1.0,
) -> Array:
    """Current density J = e n_dots G / eta giving the generation rate G (inverse of
    :func:`generation_rate_electrical`), e.g. the threshold current density.

    Parameters
    ----------
    generation_per_ns : float or ndarray
        G [excitons per dot per ns], >= 0.
    dots_per_cm2 : float or ndarray
        Areal density of dots in the active layer [1/cm^2].
    injection_efficiency : float or ndarray
        Fraction of the current that creates excitons in the dots, within (0, 1].

    Returns
    -------
    ndarray
        Current density [A/cm^2].
    """
    g = _checked(generation_per_ns, "the generation rate", "1/ns")
    return np.asarray(
        g
        * NS_PER_S
        * ELEMENTARY_CHARGE_C
        / _dots_and_efficiency(dots_per_cm2, injection_efficiency)
    )


def mean_excitons_two_photon(
    sigma2_GM: ArrayLike,
    fluence_uJ_cm2: ArrayLike,
    pulse_fwhm_fs: ArrayLike,
    wavelength_nm: ArrayLike,
    gap_eV: ArrayLike | None = None,
) -> Array:
    """Average number of excitons per dot created by two-photon absorption of a Gaussian pulse.

    Convention (C. Xu, W. W. Webb, J. Opt. Soc. Am. B 13, 481 (1996), Sec. 2, Eq. (1)-(3)
    (check the equation numbers); the convention in which two-photon cross-sections in GM,
    1 GM = 1e-50 cm^4 s/photon, are tabulated): sigma2 is the two-photon *absorption*
    cross-section, so a dot in a photon flux F(t) [photons/cm^2/s] absorbs photons at the rate
    sigma2 F^2; each excitation event consumes two photons, so excitons are created at the rate
    sigma2 F^2 / 2 and

        <N> = (sigma2 / 2) integral F(t)^2 dt.

    For a Gaussian pulse of FWHM tau carrying j photons/cm^2,
    F(t) = j exp(-t^2 / (2 s^2)) / (s sqrt(2 pi)) with s = tau / (2 sqrt(2 ln 2)), and

        integral F^2 dt = j^2 / (2 sqrt(pi) s) = j^2 sqrt(2 ln 2 / pi) / tau,

    so <N> = sigma2 j^2 sqrt(2 ln 2 / pi) / (2 tau). The number of two-photon events per dot is
    Poisson distributed with this mean, as for one-photon pumping, provided the pulse is much
    shorter than the exciton decay times and does not deplete the ground state. A flat-top beam
    (uniform j) is assumed.

    Parameters
    ----------
    sigma2_GM : float or ndarray
        Two-photon absorption cross-section of one dot [GM], Xu-Webb convention above.
    fluence_uJ_cm2 : float or ndarray
        Pump fluence [uJ/cm^2].
    pulse_fwhm_fs : float or ndarray
        Full width at half maximum of the pulse intensity [fs].
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].
    gap_eV : float or ndarray, optional
        Optical gap of the dots [eV]; if given, :func:`check_two_photon` is applied.

    Returns
    -------
    ndarray
        <N> [excitons per dot].
    """
    if gap_eV is not None:
        check_two_photon(wavelength_nm, gap_eV)
    s2 = _sigma2(sigma2_GM)
    tau = _checked(pulse_fwhm_fs, "the pulse width (FWHM)", "fs", positive=True)
    j = photons_per_cm2(fluence_uJ_cm2, wavelength_nm)
    integral_f2 = j**2 * math.sqrt(2.0 * math.log(2.0) / math.pi) / (tau * S_PER_FS)
    return np.asarray(0.5 * s2 * GM_CM4_S * integral_f2)


def fluence_for_mean_excitons_two_photon(
    mean: ArrayLike, sigma2_GM: ArrayLike, pulse_fwhm_fs: ArrayLike, wavelength_nm: ArrayLike
) -> Array:
    """Fluence of a Gaussian pulse that creates <N> excitons per dot by two-photon absorption:
    the inverse of :func:`mean_excitons_two_photon`,
    j = sqrt(2 tau <N> / (sigma2 sqrt(2 ln 2 / pi))), f = j h nu (Xu & Webb 1996 convention).

    Parameters
    ----------
    mean : float or ndarray
        <N> [excitons per dot], >= 0.
    sigma2_GM : float or ndarray
        Two-photon absorption cross-section of one dot [GM].
    pulse_fwhm_fs : float or ndarray
        Pulse FWHM [fs].
    wavelength_nm : float or ndarray
        Pump vacuum wavelength [nm].

    Returns
    -------
    ndarray
        Fluence [uJ/cm^2].
    """
    m = _checked(mean, "the average exciton number", "excitons per dot")
    s2 = _sigma2(sigma2_GM)
    tau = _checked(pulse_fwhm_fs, "the pulse width (FWHM)", "fs", positive=True)
    shape = math.sqrt(2.0 * math.log(2.0) / math.pi)
    j = np.sqrt(2.0 * m * tau * S_PER_FS / (s2 * GM_CM4_S * shape))
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(j * e_j / J_PER_UJ)


def intensity_for_generation_rate_two_photon(
    generation_per_ns: ArrayLike, sigma2_GM: ArrayLike, wavelength_nm: ArrayLike
) -> Array:
    """CW intensity giving the generation rate G by two-photon absorption: excitons are made
    at sigma2 F^2 / 2 (F = I / h nu, Xu & Webb 1996 convention of
    :func:`mean_excitons_two_photon`), so I = h nu sqrt(2 G / sigma2).

    Returns
    -------
    ndarray
        Intensity [W/cm^2].
    """
    g = _checked(generation_per_ns, "the generation rate", "1/ns")
    s2 = _sigma2(sigma2_GM)
    e_j = photon_energy_ev(wavelength_nm) * ELEMENTARY_CHARGE_C
    return np.asarray(e_j * np.sqrt(2.0 * g * NS_PER_S / (s2 * GM_CM4_S)))
