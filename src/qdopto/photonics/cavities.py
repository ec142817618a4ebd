"""Cavities: DFB / photonic-crystal surface emitters, Fabry-Perot, whispering-gallery modes,
and the threshold condition of a laser.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import spherical_jn, spherical_yn

from qdopto.errors import QdoptoError

Array = NDArray[np.float64]


def bragg_period_nm(wavelength_nm: ArrayLike, n_eff: ArrayLike, order: int = 2) -> Array:
    """Grating period of a DFB/PCSEL: m lambda_B = 2 n_eff Lambda (second order: m = 2 emits
    normal to the surface) [H. Kogelnik, C. V. Shank, J. Appl. Phys. 43, 2327 (1972)]."""
    if not (isinstance(order, int) and order >= 1):
        raise QdoptoError(f"Bragg order must be a positive integer, got {order}")
    lam = np.asarray(wavelength_nm, dtype=float)
    ne = np.asarray(n_eff, dtype=float)
    if np.any(lam <= 0) or np.any(ne <= 0):
        raise QdoptoError("wavelength and effective index must be positive")
    return np.asarray(order * lam / (2.0 * ne))


def grating_coupling_cm(
    delta_n_eff: float, wavelength_nm: float, duty_cycle: float = 0.5, order: int = 2
) -> float:
    """Coupling coefficient of a rectangular index grating [cm^-1].

    kappa = (2 dn / lambda) |sin(m pi D)| / m for the m-th Fourier component of a rectangular
    modulation of the effective index by dn with duty cycle D [W. Streifer, D. R. Scifres,
    R. D. Burnham, IEEE J. Quantum Electron. 13, 134 (1977); Kogelnik & Shank 1972]. For
    second-order gratings this is the in-plane (backward) coupling through the second Fourier
    component; radiative coupling is not included.
    """
    if not (0 < duty_cycle < 1):
        raise QdoptoError(f"duty cycle must lie in (0, 1), got {duty_cycle}")
    if delta_n_eff < 0 or wavelength_nm <= 0:
        raise QdoptoError("need an index contrast >= 0 and a positive wavelength")
    return float(
        2
        * delta_n_eff
        / (wavelength_nm * 1e-7)
        * abs(math.sin(order * math.pi * duty_cycle))
        / order
    )


def stopband_nm(kappa_cm: float, wavelength_nm: float, n_group: float) -> float:
    """Width of the DFB stop band, d(lambda) = lambda^2 kappa / (pi n_g) [nm]
    (Kogelnik & Shank 1972; e.g. L. A. Coldren, S. W. Corzine, *Diode Lasers and Photonic
    Integrated Circuits*, 2nd ed. (2012), Eq. (6.36))."""
    return float((wavelength_nm * 1e-7) ** 2 * kappa_cm / (math.pi * n_group) * 1e7)


def mirror_loss_cm(length_um: float, r1: float, r2: float) -> float:
    """Fabry-Perot mirror loss alpha_m = (1/2L) ln(1/(R1 R2)) [cm^-1]
    (Coldren & Corzine 2012, Eq. (2.7))."""
    if length_um <= 0 or not (0 < r1 <= 1 and 0 < r2 <= 1):
        raise QdoptoError("need a positive length and mirror reflectances in (0, 1]")
    return float(math.log(1.0 / (r1 * r2)) / (2 * length_um * 1e-4))


def threshold_modal_gain_cm(internal_loss_cm: float, mirror_loss: float) -> float:
    """Threshold modal gain Gamma g_th = alpha_i + alpha_m [cm^-1] (Coldren & Corzine, Eq. 2.8)."""
    if internal_loss_cm < 0 or mirror_loss < 0:
        raise QdoptoError("losses must be >= 0")
    return float(internal_loss_cm + mirror_loss)


def ring_resonances_nm(
    radius_um: float,
    n_eff: float,
    wavelength_range_nm: tuple[float, float],
    n_group: float | None = None,
) -> tuple[Array, float]:
    """Resonances 2 pi R n_eff = m lambda in a window, and the free spectral range
    FSR = lambda^2 / (n_g 2 pi R) at the window centre [nm]."""
    lo, hi = wavelength_range_nm
    if radius_um <= 0 or n_eff <= 0 or not (0 < lo < hi):
        raise QdoptoError("need a positive radius and index and an increasing wavelength range")
    circ = 2 * math.pi * radius_um * 1e3
    m = np.arange(math.ceil(circ * n_eff / hi), math.floor(circ * n_eff / lo) + 1)
    lam = circ * n_eff / m
    centre = 0.5 * (lo + hi)
    fsr = centre**2 / ((n_group or n_eff) * circ)
    return np.sort(lam), float(fsr)


def _riccati(l: int, x: complex) -> tuple[complex, complex, complex, complex]:
    """psi_l, psi_l', xi_l, xi_l' with psi = x j_l(x), xi = x h_l^(1)(x)."""
    j, jd = spherical_jn(l, x), spherical_jn(l, x, derivative=True)
    y, yd = spherical_yn(l, x), spherical_yn(l, x, derivative=True)
    h, hd = j + 1j * y, jd + 1j * yd
    return x * j, j + x * jd, x * h, h + x * hd


def sphere_resonance_condition(x: float, l: int, n_rel: float, pol: str = "TE") -> float:
    """Real resonance condition of a dielectric sphere (size parameter x = 2 pi a / lambda).

    TE: n psi_l(n x) y-part ... written with the real Riccati functions as
    n psi_l'(n x) chi_l(x) - psi_l(n x) chi_l'(x) = 0 (TE) and
    psi_l'(n x) chi_l(x) - n psi_l(n x) chi_l'(x) = 0 (TM), chi_l = -x y_l(x): the real part of
    the characteristic equation whose complex roots are the whispering-gallery modes, accurate
    for high-Q modes [C. C. Lam, P. T. Leung, K. Young, J. Opt. Soc. Am. B 9, 1585 (1992),
    Eqs. (1)-(2)].
    """
    nx = n_rel * x
    psi = nx * spherical_jn(l, nx)
    psid = spherical_jn(l, nx) + nx * spherical_jn(l, nx, derivative=True)
    chi = -x * spherical_yn(l, x)
    chid = -(spherical_yn(l, x) + x * spherical_yn(l, x, derivative=True))
    if pol == "TE":
        return float(n_rel * psid * chi - psi * chid)
    return float(psid * chi - n_rel * psi * chid)


def sphere_wgm_nm(
    radius_um: float,
    n_sphere: float,
    n_medium: float,
    l: int,
    pol: str = "TE",
    radial_order: int = 1,
) -> float:
    """Wavelength [nm] of the whispering-gallery mode (l, radial order) of a sphere, from the
    exact resonance condition (:func:`sphere_resonance_condition`), bracketed with the
    asymptotic formula of Lam, Leung & Young 1992 (Eq. (10))."""
    if pol not in ("TE", "TM"):
        raise QdoptoError("polarisation must be TE or TM")
    if radius_um <= 0 or n_sphere <= n_medium or l < 1 or radial_order < 1:
        raise QdoptoError("need a positive radius, n_sphere > n_medium, l >= 1, order >= 1")
    m = n_sphere / n_medium
    guess = asymptotic_wgm_size_parameter(l, m, pol, radial_order)
    x_lo, x_hi = 0.9 * guess, 1.1 * guess
    grid = np.linspace(x_lo, x_hi, 2000)
    f = np.array([sphere_resonance_condition(x, l, m, pol) for x in grid])
    sign = np.signbit(f)
    idx = np.nonzero(sign[:-1] != sign[1:])[0]
    if idx.size == 0:
        raise QdoptoError("no resonance found near the asymptotic estimate")
    # choose the root closest to the asymptotic estimate that is a zero, not a pole
    roots = []
    for i in idx:
        r = brentq(sphere_resonance_condition, grid[i], grid[i + 1], args=(l, m, pol), xtol=1e-14)
        if abs(sphere_resonance_condition(r, l, m, pol)) < 1e-6 * (1 + abs(f).max()):
            roots.append(r)
    if not roots:
        raise QdoptoError("no resonance found near the asymptotic estimate")
    x = min(roots, key=lambda r: abs(r - guess))
    return float(2 * math.pi * radius_um * 1e3 * n_medium / x)


#: Zeros of the Airy function Ai(-z): 2.338, 4.088, 5.521 (Abramowitz & Stegun, Table 10.13).
_AIRY_ZEROS = (2.338107410459767, 4.087949444130971, 5.520559828095551, 6.786708090071759)


def asymptotic_wgm_size_parameter(
    l: int, m: float, pol: str = "TE", radial_order: int = 1
) -> float:
    """Size parameter of a sphere WGM from the asymptotic series of Lam, Leung & Young (1992),
    Eq. (10), to order nu^(-1/3):
    n x = nu + 2^(-1/3) a_i nu^(1/3) - P / sqrt(m^2 - 1) + (3/10) 2^(-2/3) a_i^2 nu^(-1/3),
    nu = l + 1/2, P = m (TE) or 1/m (TM), a_i the i-th zero of Ai(-z)."""
    nu = l + 0.5
    a = _AIRY_ZEROS[radial_order - 1]
    p = m if pol == "TE" else 1.0 / m
    mx = (
        nu
        + 2 ** (-1 / 3) * a * nu ** (1 / 3)
        - p / math.sqrt(m * m - 1)
        + 0.3 * 2 ** (-2 / 3) * a * a * nu ** (-1 / 3)
    )
    return float(mx / m)


def dfb_design(
    stack: Any,
    wavelength_nm: float,
    order: int = 2,
    *,
    etch_depth_nm: float = 30.0,
    grating_layer: int | None = None,
    duty_cycle: float | None = None,
    polarization: str = "TE",
    width_nm: float | None = None,
    ridge_layers: int = 1,
    resolution_nm: float | None = None,
) -> dict[str, Any]:
    """Second-order (or any order) DFB / PCSEL design for a target wavelength.

    The period follows from the fundamental mode's effective index (Bragg law). The grating is
    modelled as an etch of ``etch_depth_nm`` into ``grating_layer`` (default: the topmost inner
    layer); the coupling coefficient uses the effective-index difference between etched and
    unetched regions (:func:`grating_coupling_cm`) and the stop band the group index. The
    default duty cycle 1/(2m) maximises |sin(m pi D)|, i.e. the m-th Fourier component (0.25
    for second order; an ideal 50 % grating has no second-order coupling at all).

    With ``width_nm`` the waveguide is a ridge (the top ``ridge_layers`` inner layers patterned
    to that width) and both effective indices come from its full-vectorial channel modes
    (:mod:`qdopto.photonics.channel`; quasi-TE or quasi-TM fundamental), so the period and the
    coupling include the lateral confinement; ``resolution_nm`` sets that solver's grid.
    """
    if duty_cycle is None:
        duty_cycle = 1.0 / (2 * order)
    from qdopto.photonics.slab import modes
    from qdopto.photonics.stack import Stack, StackLayer

    inner = len(stack.layers) - 2
    g = inner if grating_layer is None else grating_layer
    if not 1 <= g <= inner:
        raise QdoptoError(f"grating layer must be an inner layer, 1-{inner}, got {g}")
    t = stack.layers[g].thickness_nm
    if not 0 < etch_depth_nm < t:
        raise QdoptoError(f"etch depth must lie in (0, {t:g}) nm, the grating layer's thickness")
    etched_layers = list(stack.layers)
    etched_layers[g] = StackLayer(stack.layers[g].material, t - etch_depth_nm, stack.layers[g].qd)
    etched_stack = Stack(tuple(etched_layers))
    if width_nm is None:
        full: Any = modes(stack, wavelength_nm, (polarization,)).modes[0]
        etched: Any = modes(etched_stack, wavelength_nm, (polarization,)).modes[0]
    else:
        full = _channel_fundamental(
            stack, width_nm, ridge_layers, wavelength_nm, polarization, resolution_nm
        )
        etched = _channel_fundamental(
            etched_stack, width_nm, ridge_layers, wavelength_nm, polarization, resolution_nm
        )
    n_eff = full.n_eff.real
    dn = abs(n_eff - etched.n_eff.real)
    n_avg = duty_cycle * n_eff + (1 - duty_cycle) * etched.n_eff.real
    kappa = grating_coupling_cm(dn, wavelength_nm, duty_cycle, order)
    period = float(bragg_period_nm(wavelength_nm, n_avg, order))
    return {
        "stack": stack.spec,
        "wavelength_nm": wavelength_nm,
        "order": order,
        "polarization": polarization,
        "period_nm": period,
        "n_eff": n_avg,
        "n_eff_unetched": n_eff,
        "n_eff_etched": float(etched.n_eff.real),
        "n_group": full.n_group,
        "kappa_cm-1": kappa,
        "stopband_nm": stopband_nm(kappa, wavelength_nm, full.n_group),
        "etch_depth_nm": etch_depth_nm,
        "grating_layer": g,
        "duty_cycle": duty_cycle,
        "confinement": list(full.confinement),
        "mode_solver": "slab" if width_nm is None else "channel",
        **({} if width_nm is None else {"width_nm": width_nm, "ridge_layers": ridge_layers}),
    }


def _channel_fundamental(
    stack: Any,
    width_nm: float,
    ridge_layers: int,
    wavelength_nm: float,
    polarization: str,
    resolution_nm: float | None,
) -> Any:
    """The quasi-TE (or quasi-TM) fundamental mode of a ridge on ``stack``."""
    from qdopto.photonics.channel import ChannelGuide, channel_modes

    guide = ChannelGuide(stack, width_nm, ridge_layers)
    res = channel_modes(guide, wavelength_nm, num_modes=4, resolution_nm=resolution_nm)
    for m in res.modes:
        if m.polarization == polarization and m.order == 0:
            return m
    raise QdoptoError(
        f"{guide.spec} has no guided quasi-{polarization} mode at {wavelength_nm:g} nm; "
        "make the ridge wider or thicker"
    )
