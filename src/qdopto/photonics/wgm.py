"""Radiation-limited Q of whispering-gallery modes (WGMs) of dielectric spheres and microdisks.

A WGM is a quasi-normal mode: a complex root x = x_r + i x_i (x_i < 0 for the exp(-i omega t)
convention) of the outgoing-wave characteristic equation of the cavity. Its wavelength is
lambda = 2 pi a n_medium / x_r and its radiation-limited quality factor Q = x_r / (2 |x_i|).
Throughout, the size parameter is taken in the surrounding medium, x = 2 pi a n_medium /
lambda, and the relative index n = n_cavity / n_medium, as in
:func:`qdopto.photonics.cavities.sphere_wgm_nm`.

Characteristic equations (u the regular, w the outgoing radial function; ' = d/dz):

* "E-type": n u'(n x) w(x) - u(n x) w'(x) = 0,
* "H-type": u'(n x) w(x) - n u(n x) w'(x) = 0.

For a sphere u = psi_l(z) = z j_l(z), w = xi_l(z) = z h_l^(1)(z) (Riccati-Bessel functions);
TE modes are E-type (poles of the Mie coefficient b_l) and TM modes H-type (poles of a_l)
[C. F. Bohren, D. R. Huffman, *Absorption and Scattering of Light by Small Particles* (Wiley,
1983), Eq. (4.53); C. C. Lam, P. T. Leung, K. Young, J. Opt. Soc. Am. B 9, 1585 (1992),
Eqs. (1)-(2)]. For an infinite cylinder (a microdisk in the effective-index approximation,
n = n_eff / n_medium) u = J_m, w = H_m^(1) and, in the microdisk convention used here, TM
modes (E along the disk axis) are E-type and TE modes (E in the plane of the disk, H along the
axis) are H-type; these are the poles of the cylinder scattering coefficients b_n (E parallel
to the axis) and a_n (E perpendicular to it) of Bohren & Huffman 1983, Sec. 8.4. The TE
sphere equation is *identical* to the E-type cylinder equation with the Bessel order
nu = l + 1/2 (since psi_l(z) = sqrt(pi z / 2) J_(l+1/2)(z)), which the tests use as a
cross-check.

Numerics and the float64 limit
------------------------------
At a complex x whose imaginary part is ~1/Q of its real part, complex-argument Bessel
functions carry only ~1e-16 Q relative accuracy in that imaginary part, so a plain complex
Newton iteration loses Q above ~1e10 (measured: relative error 5e-6 at Q = 4e11; nothing left
by Q ~ 1e16). The root is therefore found in two steps: (1) the real root x_r of Im f(x) = 0
for real x (the real resonance condition of Lam, Leung & Young 1992, Eqs. (1)-(2), as in
:func:`qdopto.photonics.cavities.sphere_resonance_condition`), identified by its radial order
(the q-th real root above x = nu / n, where the interior solution turns oscillatory), and
(2) one Newton step from x_r, delta = -f(x_r) / f'(x_r), evaluated with real-argument Bessel
functions only. By the Wronskian this step gives, e.g., x_i = -1 / ((n^2 - 1) zeta_l(x_r)^2)
for TE (zeta_l = x y_l) with full relative precision however small x_i is; its relative error
is O(1/Q). For Q < 1e7 the root is then polished by complex Newton iterations on the full
equation (method "newton"); above, the first-order step is returned (method "first-order",
relative error < 1e-7; both agree to 5e-9 at Q = 3e8). Q is thus accurate over the whole
float64 range: Q above ~1.8e308 (tunnelling exponent T > ~354, e.g. l > ~1900 for n = 1.45)
is reported as ``math.inf``, and mode numbers so large that the Bessel functions themselves
overflow (T > ~700, l > ~3700 for n = 1.45) are a :class:`QdoptoError`.

For very leaky modes (Q ~< 10, flagged by a :class:`~qdopto.errors.ValidityWarning`) the
correspondence between real and complex roots breaks down (branches of different radial
order cross), so their radial-order label is not unique.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import ai_zeros, jv, jvp, spherical_jn, spherical_yn, yv, yvp

from qdopto.errors import QdoptoError, ValidityWarning

FloatArray = NDArray[np.float64]
ComplexArray = NDArray[np.complex128]

#: Geometries understood by :func:`wgm_spectrum`.
GEOMETRIES = ("sphere", "disk")
#: Below this radiation Q a resonance is flagged as not being a well-defined WGM.
Q_WARN = 10.0
#: Above this Q the first-order step from the real root is final (relative error ~ 1/Q).
_Q_FIRST_ORDER = 1e7
_NEWTON_ITER = 60


@dataclass(frozen=True)
class WGMResonance:
    """One whispering-gallery resonance and its radiation-limited Q.

    Attributes
    ----------
    geometry : str
        ``"sphere"`` or ``"disk"`` (2D cylinder model of a microdisk / ring).
    polarization : str
        ``"TE"`` or ``"TM"`` (see the module docstring for the convention of each geometry).
    l : int
        Angular mode number l (sphere) or azimuthal mode number m (disk).
    radial_order : int
        Radial mode number q >= 1 (number of field maxima along the radius).
    radius_um : float
        Cavity radius [um].
    n_cavity, n_medium : float
        Index of the sphere (or effective index of the disk) and of the surrounding medium.
    size_parameter : complex
        Complex root x = 2 pi a n_medium / lambda (Im x < 0: outgoing, decaying mode).
    wavelength_nm : float
        Resonance wavelength 2 pi a n_medium / Re x [nm].
    q_radiation : float
        Radiation-limited quality factor Re x / (2 |Im x|); ``math.inf`` beyond float64.
    fsr_nm : float or None
        Free spectral range lambda(l) - lambda(l + 1) to the next mode of the same family
        (same polarisation and radial order) [nm].
    method : str
        ``"newton"`` (complex Newton on the full equation) or ``"first-order"`` (one Newton
        step from the real root, used for Q > 1e7; see the module docstring).
    """

    geometry: str
    polarization: str
    l: int
    radial_order: int
    radius_um: float
    n_cavity: float
    n_medium: float
    size_parameter: complex
    wavelength_nm: float
    q_radiation: float
    fsr_nm: float | None
    method: str

    @property
    def linewidth_nm(self) -> float:
        """Radiation-limited full width at half maximum lambda / Q [nm]."""
        return self.wavelength_nm / self.q_radiation

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (an infinite Q is written as ``None``)."""
        q = self.q_radiation if math.isfinite(self.q_radiation) else None
        return {
            "geometry": self.geometry,
            "polarization": self.polarization,
            "l": self.l,
            "radial_order": self.radial_order,
            "radius_um": self.radius_um,
            "n_cavity": self.n_cavity,
            "n_medium": self.n_medium,
            "size_parameter_real": self.size_parameter.real,
            "size_parameter_imag": self.size_parameter.imag,
            "wavelength_nm": self.wavelength_nm,
            "q_radiation": q,
            "linewidth_nm": self.linewidth_nm,
            "fsr_nm": self.fsr_nm,
            "method": self.method,
        }


# ----------------------------------------------------------------------------- input checks
def _check_positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise QdoptoError(f"{name} must be a number, got {value!r}")
    v = float(value)
    if not (math.isfinite(v) and v > 0):
        raise QdoptoError(f"{name} must be positive and finite, got {value!r}")
    return v


def _check_order(name: str, value: int, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise QdoptoError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _check_pol(pol: str) -> str:
    if pol not in ("TE", "TM"):
        raise QdoptoError(f"polarisation must be 'TE' or 'TM', got {pol!r}")
    return pol


def _check_cavity(radius_um: float, n_cavity: float, n_medium: float, what: str) -> float:
    """Validate radius and indices, return the relative index n_cavity / n_medium."""
    _check_positive("radius_um", radius_um)
    nc = _check_positive(what, n_cavity)
    nm = _check_positive("n_medium", n_medium)
    if nc <= nm:
        raise QdoptoError(
            f"a WGM needs {what} > n_medium (total internal reflection), got {nc:g} <= {nm:g}"
        )
    return nc / nm


def _e_type(geometry: str, pol: str) -> bool:
    """Whether (geometry, pol) obeys the E-type equation n u'(nx) w(x) - u(nx) w'(x) = 0."""
    return (geometry == "sphere") == (pol == "TE")


def _nu(geometry: str, order: Any) -> Any:
    """Bessel order of the radial functions: l + 1/2 (sphere) or m (cylinder)."""
    return order + 0.5 if geometry == "sphere" else order * 1.0


# ----------------------------------------------------------------------------- radial functions
def _regular(geometry: str, order: Any, z: Any) -> tuple[Any, Any, Any]:
    """u, u', u'' of the regular solution: psi_l = z j_l(z) (sphere) or J_m(z) (cylinder).

    u'' from the radial equations u'' = -(1 - l(l+1)/z^2) u (Riccati-Bessel) and
    u'' = -u'/z - (1 - m^2/z^2) u (Bessel) [M. Abramowitz, I. A. Stegun, *Handbook of
    Mathematical Functions* (1964), Eqs. 10.3.1 and 9.1.1].
    """
    if geometry == "sphere":
        j = spherical_jn(order, z)
        jd = spherical_jn(order, z, derivative=True)
        u = z * j
        return u, j + z * jd, -(1.0 - order * (order + 1.0) / (z * z)) * u
    u = jv(order, z)
    du = jvp(order, z)
    return u, du, -du / z - (1.0 - order * order / (z * z)) * u


def _outgoing(geometry: str, order: Any, z: Any) -> tuple[Any, Any, Any]:
    """w, w', w'' of the outgoing solution: xi_l = z h_l^(1)(z) (sphere) or H_m^(1)(z)."""
    if geometry == "sphere":
        h = spherical_jn(order, z) + 1j * spherical_yn(order, z)
        hd = spherical_jn(order, z, derivative=True) + 1j * spherical_yn(order, z, derivative=True)
        w = z * h
        return w, h + z * hd, -(1.0 - order * (order + 1.0) / (z * z)) * w
    w = jv(order, z) + 1j * yv(order, z)
    dw = jvp(order, z) + 1j * yvp(order, z)
    return w, dw, -dw / z - (1.0 - order * order / (z * z)) * w


def characteristic(
    geometry: str, pol: str, order: Any, n_rel: float, x: Any
) -> tuple[ComplexArray, ComplexArray]:
    """Outgoing-wave characteristic function f(x) and its derivative f'(x) (vectorised).

    Parameters
    ----------
    geometry : {"sphere", "disk"}
        Sphere (Riccati-Bessel functions, order l) or cylinder (Bessel functions, order m).
    pol : {"TE", "TM"}
        Polarisation (sphere TE and disk TM are E-type, see the module docstring).
    order : int or array of int
        l (sphere) or m (disk).
    n_rel : float
        Relative index n = n_cavity / n_medium.
    x : float, complex or array
        Size parameter in the medium, k a n_medium.

    Returns
    -------
    f, df : ndarray of complex
        E-type f = n u'(nx) w(x) - u(nx) w'(x), f' = n^2 u''(nx) w - u w'';
        H-type f = u'(nx) w(x) - n u(nx) w'(x), f' = n u''(nx) w + (1 - n^2) u'(nx) w'
        - n u(nx) w'' [Lam, Leung & Young 1992, Eqs. (1)-(2); Bohren & Huffman 1983,
        Eq. (4.53) and Sec. 8.4]. Zeros with Im x < 0 are the resonances.
    """
    f, df, _ = _char_parts(geometry, pol, order, n_rel, x)
    return f, df


def _char_parts(
    geometry: str, pol: str, order: Any, n_rel: float, x: Any
) -> tuple[ComplexArray, ComplexArray, ComplexArray]:
    """f, f' and the logarithmic derivative of u(n x) w(x), d/dx ln(u(n x) w(x))."""
    n = n_rel
    u, du, d2u = _regular(geometry, order, n * x)
    w, dw, d2w = _outgoing(geometry, order, x)
    if _e_type(geometry, pol):
        f = n * du * w - u * dw
        df = n * n * d2u * w - u * d2w
    else:
        f = du * w - n * u * dw
        df = n * d2u * w + (1.0 - n * n) * du * dw - n * u * d2w
    logd = n * du / u + dw / w
    return (
        np.asarray(f, dtype=complex),
        np.asarray(df, dtype=complex),
        np.asarray(logd, dtype=complex),
    )


# ----------------------------------------------------------------------------- asymptotics
def _airy_zero(radial_order: int) -> float:
    """q-th zero a_q of Ai(-z) (a_1 = 2.338; Abramowitz & Stegun, Table 10.13)."""
    return float(-ai_zeros(radial_order)[0][-1])


def _airy_size_parameter(nu: Any, n_rel: float, e_type: bool, radial_order: int) -> Any:
    """Lam-Leung-Young asymptotic size parameter with Bessel order nu (Eq. (10) of LLY 1992):
    n x = nu + 2^(-1/3) a_q nu^(1/3) - P / sqrt(n^2 - 1) + (3/10) 2^(-2/3) a_q^2 nu^(-1/3),
    P = n (E-type) or 1/n (H-type)."""
    a = _airy_zero(radial_order)
    p = n_rel if e_type else 1.0 / n_rel
    nx = (
        nu
        + 2 ** (-1 / 3) * a * nu ** (1 / 3)
        - p / math.sqrt(n_rel * n_rel - 1.0)
        + 0.3 * 2 ** (-2 / 3) * a * a * nu ** (-1 / 3)
    )
    return nx / n_rel


def asymptotic_disk_size_parameter(
    m: int, n_rel: float, pol: str = "TE", radial_order: int = 1
) -> float:
    """Asymptotic size parameter x = k R n_medium of a cylinder (microdisk) WGM.

    Parameters
    ----------
    m : int
        Azimuthal mode number (>= 1).
    n_rel : float
        Relative index n_eff / n_medium (> 1).
    pol : {"TE", "TM"}
        Microdisk convention: TE = E in the disk plane (P = 1/n), TM = E along the axis
        (P = n).
    radial_order : int
        Radial order q (any q >= 1; Airy zeros from scipy).

    Returns
    -------
    float
        x from n x = nu + 2^(-1/3) a_q nu^(1/3) - P/sqrt(n^2 - 1) + (3/10) 2^(-2/3) a_q^2
        nu^(-1/3) with nu = m: Lam, Leung & Young 1992, Eq. (10), with l + 1/2 replaced by the
        cylinder's Bessel order m. For the E-type (TM) equation the replacement is exact (the
        equation is the TE sphere equation with nu = m); for the H-type (TE) equation it
        differs from the sphere's only at O(nu^-1).
    """
    _check_order("m", m)
    _check_pol(pol)
    if not (math.isfinite(n_rel) and n_rel > 1):
        raise QdoptoError(f"relative index must exceed 1, got {n_rel!r}")
    _check_order("radial_order", radial_order)
    return float(_airy_size_parameter(float(m), n_rel, _e_type("disk", pol), radial_order))


def _q_debye(nu: float, n_rel: float, x: float, e_type: bool) -> float:
    """Radiation Q from the first-order width and Debye's asymptotics (see the callers)."""
    if not (0 < x < nu):
        raise QdoptoError(
            f"size parameter {x:.6g} is not below the barrier top nu = {nu:g}: the mode does "
            "not tunnel and the asymptotic Q does not apply"
        )
    n = n_rel
    ch = nu / x
    alpha = math.acosh(ch)
    sh = math.sinh(alpha)
    t = nu * (alpha - math.tanh(alpha))
    factor = 1.0 if e_type else ch * ch / (n * n) + sh * sh
    log_q = math.log((n * n - 1.0) * nu * factor / (2.0 * ch * sh)) + 2.0 * t
    return math.exp(log_q) if log_q < 709.0 else math.inf


def sphere_q_radiation_asymptotic(
    l: int,
    n_rel: float,
    pol: str = "TE",
    radial_order: int = 1,
    *,
    size_parameter: float | None = None,
) -> float:
    """Asymptotic (WKB / Debye) radiation-limited Q of a sphere WGM.

    Parameters
    ----------
    l : int
        Angular mode number (>= 1).
    n_rel : float
        Relative index n_sphere / n_medium (> 1).
    pol : {"TE", "TM"}
        Polarisation.
    radial_order : int
        Radial order q.
    size_parameter : float, optional
        Real size parameter x of the mode; default: the asymptotic series of Lam, Leung &
        Young 1992, Eq. (10) (:func:`qdopto.photonics.cavities.asymptotic_wgm_size_parameter`).
        Passing the exact real root (``WGMResonance.size_parameter.real``) makes the formula
        much more accurate, because Q depends exponentially on x.

    Returns
    -------
    float
        Q = (n^2 - 1) nu exp(2 T) F / (2 cosh(alpha) sinh(alpha)), nu = l + 1/2,
        cosh(alpha) = nu / x, T = nu (alpha - tanh alpha), F = 1 (TE) or
        cosh(alpha)^2 / n^2 + sinh(alpha)^2 (TM).

    Notes
    -----
    Derivation (each step checked numerically in tests/test_wgm.py): one Newton step from the
    real root, with the Riccati-Bessel Wronskian psi zeta' - psi' zeta = 1 (Abramowitz &
    Stegun 10.1.6, zeta = x y_l), gives the exact first-order widths
    Im x = -1 / ((n^2 - 1) zeta^2) (TE) and -1 / ((n^2 - 1)(l(l+1) zeta^2/(n x)^2 + zeta'^2))
    (TM); Debye's expansion Y_nu(nu sech alpha) ~ -exp(nu(alpha - tanh alpha)) /
    sqrt(pi nu tanh(alpha) / 2) (Abramowitz & Stegun 9.3.8) and zeta'/zeta ~ -sinh(alpha)
    then give the formula above. T is the WKB tunnelling exponent through the centrifugal
    barrier between r = a and the outer turning point r = nu / k, the exponent of the
    radiative Q of M. L. Gorodetsky, A. A. Savchenkov, V. S. Ilchenko, Opt. Lett. 21, 453
    (1996), A. N. Oraevsky, Quantum Electron. 32, 377 (2002) and J. R. Buck, H. J. Kimble,
    Phys. Rev. A 67, 033806 (2003). Setting cosh(alpha) = n in the prefactor gives
    Q = (1/2) nu n^(-1) sqrt(n^2 - 1) exp(2T) (TE) and (1/2) nu n sqrt(n^2 - 1) exp(2T)
    (TM). The form usually quoted from those papers, (1/2) nu n^(1-2b) sqrt(n^2 - 1)
    exp(2T) with b = 0 for TE and b = 1 for TM, has the two prefactors swapped relative to
    this and disagrees with the exact roots by a factor ~n^2 (tested); it is implemented, for
    comparison only, as :func:`sphere_q_radiation_buck_kimble`. The original papers were not
    available to check whether this is a transcription error.

    Accuracy against the exact complex root (measured for n = 1.45-2.5, TE and TM): with
    the default size parameter always low, by 16-18 % at l = 50, <= 12 % at l = 100 and
    <= 5 % at l = 400 (the error comes from the O(nu^-2/3) terms left out of Eq. (10),
    amplified by the exponential); with the exact real root as size parameter within 2.5 %
    at l = 50, decreasing as ~1/l (0.2 % at l = 400).
    """
    l = _check_order("l", l)
    _check_pol(pol)
    if not (isinstance(n_rel, int | float) and math.isfinite(n_rel) and n_rel > 1):
        raise QdoptoError(f"relative index must be finite and > 1, got {n_rel!r}")
    q = _check_order("radial_order", radial_order)
    nu = l + 0.5
    e_type = _e_type("sphere", pol)
    x = (
        float(_airy_size_parameter(nu, n_rel, e_type, q))
        if size_parameter is None
        else _check_positive("size_parameter", size_parameter)
    )
    return _q_debye(nu, float(n_rel), x, e_type)


def sphere_q_radiation_buck_kimble(
    l: int, n_rel: float, pol: str = "TE", radial_order: int = 1
) -> float:
    """Radiation-limited Q of a sphere WGM from the Buck & Kimble formula, as published.

    Provided for comparison with the literature that uses it; for numbers use
    :func:`sphere_q_radiation_asymptotic` or the exact :func:`sphere_wgm_complex` (see Notes:
    this formula is off by a factor ~n^2).

    Parameters
    ----------
    l : int
        Angular mode number (>= 1).
    n_rel : float
        Relative index n = n_sphere / n_medium (> 1, dimensionless).
    pol : {"TE", "TM"}
        Polarisation: b = 0 for TE, b = 1 for TM.
    radial_order : int
        Radial order q (>= 1).

    Returns
    -------
    float
        Dimensionless Q_rad = (1/2) nu n^(1-2b) sqrt(n^2 - 1) exp(2 T), nu = l + 1/2,
        T = nu (eta - tanh eta), eta = arccosh{n [1 - (1/nu)(t_q xi + n^(1-2b) /
        sqrt(n^2 - 1))]^(-1)}, xi = (nu / 2)^(1/3), t_q < 0 the q-th zero of Ai(z)
        (t_1 = -2.338) [J. R. Buck, H. J. Kimble, Phys. Rev. A 67, 033806 (2003), Sec. II,
        quoting A. N. Oraevsky, Quantum Electron. 32, 377 (2002)]; ``math.inf`` beyond the
        float64 range. (A public transcription has l in place of n inside eta; n is used.)

    Raises
    ------
    QdoptoError
        Bad input, or a mode whose estimated size parameter nu / cosh(eta) is not below the
        barrier top nu (cosh(eta) <= 1: not a tunnelling whispering-gallery mode).

    Notes
    -----
    The formula is internally inconsistent. Inside eta, nu / cosh(eta) is the size parameter
    of Lam, Leung & Young, JOSA B 9, 1585 (1992), Eq. (10), to first order, with
    P = n^(1-2b) = n (TE) or 1/n (TM): this is right, and agrees with the exact real root
    to 0.17 % at l = 100 and 0.03 % at l = 400 (n = 1.45-2.0, tested). The prefactor then
    reuses the same n^(1-2b), but the first-order width (see
    :func:`sphere_q_radiation_asymptotic`, with cosh(alpha) = n) requires n^(-(1-2b)):
    (1/2) nu n^(-1) sqrt(n^2 - 1) exp(2T) for TE and (1/2) nu n sqrt(n^2 - 1) exp(2T) for
    TM. No choice of b makes both places right. As a result, against the exact complex roots
    (:func:`sphere_wgm_complex`) the published Q is high by ~n^2 for TE and low by ~n^2 for
    TM. Measured ratio Q_BK / Q_exact at l = 100, 200, 400: TE 2.00, 2.15, 2.23 (n = 1.45,
    n^2 = 2.10) and 4.43, 4.54, 4.55 (n = 2, n^2 = 4); TM 0.553, 0.554, 0.548 (n = 1.45,
    n^-2 = 0.476) and 0.342, 0.325, 0.311 (n = 2, n^-2 = 0.25). Swapping b (b = 1 for TE)
    does not help: it fixes the prefactor but puts the wrong P into eta, and the ratios
    become 0.27-0.40 (TE) and 2.9-5.3 (TM). Multiplied by n^(-2(1-2b)) the formula is an
    ordinary asymptotic estimate, within +37 % / -5 % of the exact Q for l >= 100 (the
    omitted O(nu^(-1/3)) term of the size parameter and cosh(eta) -> n in the prefactor);
    :func:`sphere_q_radiation_asymptotic` is within 12 % there (always low).
    """
    l = _check_order("l", l)
    _check_pol(pol)
    if not (isinstance(n_rel, int | float) and math.isfinite(n_rel) and n_rel > 1):
        raise QdoptoError(f"relative index must be finite and > 1, got {n_rel!r}")
    q = _check_order("radial_order", radial_order)
    n = float(n_rel)
    nu = l + 0.5
    p = n if pol == "TE" else 1.0 / n  # n^(1 - 2b)
    root = math.sqrt(n * n - 1.0)
    t_q = float(ai_zeros(q)[0][-1])
    xi = (nu / 2.0) ** (1.0 / 3.0)
    bracket = 1.0 - (t_q * xi + p / root) / nu
    if not (0.0 < bracket < n):
        raise QdoptoError(
            f"size parameter {nu * bracket / n:.6g} is not below the barrier top nu = {nu:g}: "
            "the mode does not tunnel and the Buck-Kimble Q does not apply"
        )
    eta = math.acosh(n / bracket)
    t = nu * (eta - math.tanh(eta))
    log_q = math.log(0.5 * nu * p * root) + 2.0 * t
    return math.exp(log_q) if log_q < 709.0 else math.inf


def disk_q_radiation_asymptotic(
    m: int,
    n_rel: float,
    pol: str = "TE",
    radial_order: int = 1,
    *,
    size_parameter: float | None = None,
) -> float:
    """Asymptotic radiation-limited Q of a cylinder (2D microdisk) WGM.

    Parameters
    ----------
    m : int
        Azimuthal mode number (>= 1).
    n_rel : float
        Relative index n_eff / n_medium (> 1).
    pol : {"TE", "TM"}
        Microdisk convention (TE = E in plane, H-type; TM = E along the axis, E-type).
    radial_order : int
        Radial order q.
    size_parameter : float, optional
        Real size parameter; default :func:`asymptotic_disk_size_parameter`.

    Returns
    -------
    float
        The formula of :func:`sphere_q_radiation_asymptotic` with nu = m and F = 1 (TM,
        E-type) or cosh(alpha)^2/n^2 + sinh(alpha)^2 (TE, H-type). It follows in the same way
        from the Bessel Wronskian J Y' - J' Y = 2 / (pi x) (Abramowitz & Stegun 9.1.16),
        which gives Im x = -2 / (pi x (n^2 - 1) Y_m(x)^2) for TM, and Debye's expansion
        (Abramowitz & Stegun 9.3.8).
    """
    m = _check_order("m", m)
    _check_pol(pol)
    if not (isinstance(n_rel, int | float) and math.isfinite(n_rel) and n_rel > 1):
        raise QdoptoError(f"relative index must be finite and > 1, got {n_rel!r}")
    q = _check_order("radial_order", radial_order)
    e_type = _e_type("disk", pol)
    x = (
        float(_airy_size_parameter(float(m), n_rel, e_type, q))
        if size_parameter is None
        else _check_positive("size_parameter", size_parameter)
    )
    return _q_debye(float(m), float(n_rel), x, e_type)


# ----------------------------------------------------------------------------- exact roots
def _real_roots(
    geometry: str, pol: str, orders: NDArray[np.int64], n_rel: float, q_max: int
) -> FloatArray:
    """Real roots of Im f(x) = 0 (real resonance condition), radial orders 1..q_max.

    Returns an array (len(orders), q_max), NaN where a mode has no real root in the scanned
    range (an unconfined mode, above the centrifugal barrier). For x <= nu/n the interior
    solution and its derivative are positive and the exterior one negative and increasing, so
    Im f < 0 there (no root); between consecutive zeros of u(n x) there is exactly one root.
    The q-th sign change above nu/n is therefore radial order q; it lies below j_(nu,q)/n,
    estimated from Abramowitz & Stegun 9.5.22 plus a margin of pi/n. Brackets come from a
    vectorised scan (step <= pi/(8n)) and are refined by a vectorised bracketed Newton
    iteration.
    """
    n = n_rel
    ords = orders.astype(float)
    nu = _nu(geometry, ords)
    a = _airy_zero(q_max)
    x0 = nu / n
    x1 = (nu + 2 ** (-1 / 3) * a * nu ** (1 / 3) + a * a * nu ** (-1 / 3) + 2 * math.pi) / n
    step = math.pi / (8 * n)
    npts = math.ceil(float(np.max(x1 - x0)) / step) + 2
    grid = x0[:, None] + (x1 - x0)[:, None] * np.linspace(0.0, 1.0, npts)[None, :]
    with np.errstate(all="ignore"):
        b = characteristic(geometry, pol, ords[:, None], n, grid)[0].imag
    finite = np.all(np.isfinite(b), axis=1)
    if not np.all(finite):
        raise QdoptoError(
            f"mode number {int(orders[~finite].min())} overflows double-precision Bessel "
            "functions (tunnelling exponent > 700, radiation Q far beyond 1e300)"
        )
    sign = np.signbit(b)
    change = sign[:, :-1] != sign[:, 1:]
    count = np.cumsum(change, axis=1)
    rows = np.arange(len(orders))
    roots = np.empty((len(orders), q_max))
    for q in range(1, q_max + 1):
        idx = np.argmax(change & (count == q), axis=1)  # 0 where absent (masked below)
        lo, hi = grid[rows, idx], grid[rows, idx + 1]
        f_lo = b[rows, idx]
        x = 0.5 * (lo + hi)
        active = np.ones(x.shape, dtype=bool)
        for _ in range(100):
            with np.errstate(all="ignore"):
                f, df = characteristic(geometry, pol, ords, n, x)
                step_x = f.imag / df.imag
            same = np.signbit(f.imag) == np.signbit(f_lo)
            lo = np.where(same, x, lo)
            hi = np.where(same, hi, x)
            xn = x - step_x
            conv = np.isfinite(step_x) & (np.abs(step_x) <= 1e-14 * x)
            bad = ~conv & (~np.isfinite(xn) | (xn <= lo) | (xn >= hi))
            xn = np.where(bad, 0.5 * (lo + hi), xn)
            x = np.where(active & (f.imag != 0), xn, x)
            active &= ~conv & (f.imag != 0) & (hi - lo > 1e-14 * x)
            if not np.any(active):
                break
        roots[:, q - 1] = np.where(count[:, -1] >= q, x, np.nan)
    return roots


def _newton(
    geometry: str,
    pol: str,
    ords: FloatArray,
    n_rel: float,
    x_start: ComplexArray,
    log_form: bool,
) -> tuple[ComplexArray, NDArray[np.bool_]]:
    """Vectorised complex Newton iteration; returns the iterates and a convergence mask.

    With ``log_form`` the iteration runs on g = f / (u(n x) w(x)), which removes the
    exponential growth of the Bessel functions off the real axis (the form in which Lam,
    Leung & Young 1992 write the resonance condition); steps are limited to 1 in x."""
    x = np.array(x_start, dtype=complex)
    ok = np.zeros(x.shape, dtype=bool)
    active = np.isfinite(x)
    for _ in range(_NEWTON_ITER):
        with np.errstate(all="ignore"):
            f, df, logd = _char_parts(geometry, pol, ords, n_rel, x)
            step_x = f / (df - f * logd) if log_form else f / df
            big = np.abs(step_x) > 1.0
            step_x = np.where(big & log_form, step_x / np.abs(step_x), step_x)
        step_x = np.where(active, step_x, 0.0)
        x = x - step_x
        conv = active & np.isfinite(step_x) & (np.abs(step_x) <= 1e-14 * np.abs(x))
        ok |= conv
        active &= ~conv & np.isfinite(x)
        if not np.any(active):
            break
    return x, ok


def _complex_roots(
    geometry: str, pol: str, orders: NDArray[np.int64], n_rel: float, x_real: FloatArray
) -> tuple[ComplexArray, NDArray[np.bool_], NDArray[np.bool_]]:
    """Complex roots from the real roots (see the module docstring).

    One Newton step delta = -f(x_r)/f'(x_r) with real-argument functions gives the root to
    relative O(1/Q). Where that Q is below 1e7 the root is polished by complex Newton
    iterations started from x_r + delta and x_r (on the logarithmic form), from
    x_r - i/2 (logarithmic form) and from x_r + delta (on f itself); of the converged roots in
    the lower half plane within x_r / 2 of x_r the one nearest x_r is kept. For high-Q modes
    all starts give the same root; for very leaky modes (Q ~< 10) two branches can cross and
    the labelling by radial order becomes ambiguous (such modes are flagged by a warning).

    Returns the roots, a mask of the polished ones and a mask of the accepted ones."""
    ords = orders.astype(float)
    with np.errstate(all="ignore"):
        f, df = characteristic(geometry, pol, ords, n_rel, x_real)
        delta = -f / df
        x = x_real + delta
        q1 = np.where(delta.imag != 0, x_real / (2.0 * np.abs(delta.imag)), np.inf)
    finite = np.isfinite(x)
    polish = finite & (q1 < _Q_FIRST_ORDER)
    accepted = finite & ~polish
    if np.any(polish):
        xr = x_real[polish]
        op = ords[polish]
        best = np.full(xr.shape, np.nan + 0j)
        dist = np.full(xr.shape, np.inf)
        xp = np.asarray(x[polish], dtype=complex)
        xc = np.asarray(xr, dtype=complex)
        starts = ((xp, True), (xc, True), (xc - 0.5j, True), (xp, False))
        for start, log_form in starts:
            xs, conv = _newton(geometry, pol, op, n_rel, start, log_form)
            d = np.abs(xs - xr)
            good = conv & (xs.imag <= 0) & (d < 0.5 * xr) & (d < dist)
            best = np.where(good, xs, best)
            dist = np.where(good, d, dist)
        x[polish] = best
        accepted[polish] = np.isfinite(dist)
    return x, polish, accepted


def _solve(
    geometry: str,
    radius_um: float,
    n_cavity: float,
    n_medium: float,
    orders: NDArray[np.int64],
    pol: str,
    q_max: int,
) -> tuple[FloatArray, ComplexArray, NDArray[np.bool_], NDArray[np.bool_]]:
    """Real roots, complex roots, Newton-polished mask, converged mask; shapes (K, q_max)."""
    n_rel = n_cavity / n_medium
    x_real = _real_roots(geometry, pol, orders, n_rel, q_max)
    ords = np.broadcast_to(orders[:, None], x_real.shape).ravel()
    x, polished, ok = _complex_roots(geometry, pol, ords, n_rel, x_real.ravel())
    shape = x_real.shape
    return x_real, x.reshape(shape), polished.reshape(shape), ok.reshape(shape)


def _resonance(
    geometry: str,
    radius_um: float,
    n_cavity: float,
    n_medium: float,
    order: int,
    pol: str,
    radial_order: int,
    x: complex,
    polished: bool,
    fsr_nm: float | None,
) -> WGMResonance:
    scale = 2.0 * math.pi * radius_um * 1e3 * n_medium
    with np.errstate(all="ignore"):
        q = x.real / (2.0 * abs(x.imag)) if x.imag != 0 else math.inf
    if x.imag > 0:
        raise QdoptoError("complex root in the upper half plane (growing mode): internal error")
    return WGMResonance(
        geometry=geometry,
        polarization=pol,
        l=order,
        radial_order=radial_order,
        radius_um=float(radius_um),
        n_cavity=float(n_cavity),
        n_medium=float(n_medium),
        size_parameter=complex(x),
        wavelength_nm=scale / x.real,
        q_radiation=float(q),
        fsr_nm=fsr_nm,
        method="newton" if polished else "first-order",
    )


def _warn_low_q(res: WGMResonance, stacklevel: int = 3) -> None:
    if res.q_radiation < Q_WARN:
        name = "l" if res.geometry == "sphere" else "m"
        warnings.warn(
            f"{res.geometry} {res.polarization} {name}={res.l} q={res.radial_order}: radiation "
            f"Q = {res.q_radiation:.3g} < {Q_WARN:g}, not a well-defined whispering-gallery mode",
            ValidityWarning,
            stacklevel=stacklevel,
        )


def _single(
    geometry: str,
    radius_um: float,
    n_cavity: float,
    n_medium: float,
    order: int,
    pol: str,
    radial_order: int,
) -> WGMResonance:
    orders = np.array([order, order + 1], dtype=np.int64)
    x_real, x, polished, ok = _solve(
        geometry, radius_um, n_cavity, n_medium, orders, pol, radial_order
    )
    name = "l" if geometry == "sphere" else "m"
    mode = f"{geometry} {pol} mode {name}={order}, q={radial_order}"
    if not np.isfinite(x_real[0, -1]):
        raise QdoptoError(
            f"{mode} is not confined: no resonance below the centrifugal barrier for relative "
            f"index {n_cavity / n_medium:.4g} (not a whispering-gallery mode)"
        )
    if not ok[0, -1]:
        raise QdoptoError(
            f"{mode}: the complex root did not converge; the mode is too leaky (Q ~ 1) to be "
            "a whispering-gallery mode"
        )
    scale = 2.0 * math.pi * radius_um * 1e3 * n_medium
    fsr = float(scale / x[0, -1].real - scale / x[1, -1].real) if ok[1, -1] else None
    res = _resonance(
        geometry,
        radius_um,
        n_cavity,
        n_medium,
        order,
        pol,
        radial_order,
        complex(x[0, -1]),
        bool(polished[0, -1]),
        fsr,
    )
    _warn_low_q(res, stacklevel=4)
    return res


def sphere_wgm_complex(
    radius_um: float,
    n_sphere: float,
    n_medium: float,
    l: int,
    pol: str = "TE",
    radial_order: int = 1,
) -> WGMResonance:
    """Exact complex resonance (wavelength and radiation Q) of a dielectric sphere.

    Parameters
    ----------
    radius_um : float
        Sphere radius a [um].
    n_sphere, n_medium : float
        Refractive indices of the sphere and of the surrounding medium (n_sphere > n_medium).
    l : int
        Angular mode number (>= 1).
    pol : {"TE", "TM"}
        Polarisation (TE: no radial electric field).
    radial_order : int
        Radial order q (>= 1).

    Returns
    -------
    WGMResonance
        The complex root x of n psi_l'(n x) xi_l(x) - psi_l(n x) xi_l'(x) = 0 (TE) or
        psi_l'(n x) xi_l(x) - n psi_l(n x) xi_l'(x) = 0 (TM), xi_l = x h_l^(1)(x), n =
        n_sphere / n_medium [Lam, Leung & Young, JOSA B 9, 1585 (1992), Eqs. (1)-(2); the
        poles of the Mie coefficients, Bohren & Huffman 1983, Eq. (4.53)], wavelength
        2 pi a n_medium / Re x [nm], Q = Re x / (2 |Im x|) and the FSR to l + 1.

    Raises
    ------
    QdoptoError
        Bad input, or a mode too leaky for the complex root to converge.

    Warns
    -----
    ValidityWarning
        If Q < 10 (not a well-defined WGM).

    Notes
    -----
    Q is accurate over the float64 range (see the module docstring); Re x agrees with
    :func:`qdopto.photonics.cavities.sphere_wgm_nm` to O(1/Q^2).
    """
    _check_pol(pol)
    _check_cavity(radius_um, n_sphere, n_medium, "n_sphere")
    l = _check_order("l", l)
    q = _check_order("radial_order", radial_order)
    return _single("sphere", radius_um, n_sphere, n_medium, l, pol, q)


def disk_wgm_complex(
    radius_um: float,
    n_eff: float,
    n_medium: float,
    m: int,
    pol: str = "TE",
    radial_order: int = 1,
) -> WGMResonance:
    """Exact complex resonance of a microdisk (or ring) in the effective-index approximation.

    The disk is replaced by an infinite cylinder of index ``n_eff`` (the effective index of
    the disk's slab mode of the same polarisation, e.g. from :func:`qdopto.photonics.modes`),
    the standard effective-index method for microdisks; vertical radiation and TE/TM mixing
    at the rim are neglected, so the result is the in-plane (bending) radiation Q.

    Parameters
    ----------
    radius_um : float
        Disk radius R [um].
    n_eff : float
        Effective index of the disk's slab mode (> n_medium).
    n_medium : float
        Index of the surrounding medium.
    m : int
        Azimuthal mode number (>= 1).
    pol : {"TE", "TM"}
        Microdisk convention: TE = electric field in the disk plane (H along the axis),
        TM = electric field along the axis.
    radial_order : int
        Radial order q (>= 1).

    Returns
    -------
    WGMResonance
        The complex root x = k R n_medium of J_m'(n x) H_m(x) - n J_m(n x) H_m'(x) = 0 (TE)
        or n J_m'(n x) H_m(x) - J_m(n x) H_m'(x) = 0 (TM), H_m = H_m^(1), n = n_eff /
        n_medium (continuity of H_z and E_phi, or E_z and H_phi, at r = R; the poles of the
        cylinder scattering coefficients, Bohren & Huffman 1983, Sec. 8.4), wavelength
        2 pi R n_medium / Re x [nm], Q = Re x / (2 |Im x|) and the FSR to m + 1.

    Raises
    ------
    QdoptoError
        Bad input, or a mode too leaky for the complex root to converge.

    Warns
    -----
    ValidityWarning
        If Q < 10.
    """
    _check_pol(pol)
    _check_cavity(radius_um, n_eff, n_medium, "n_eff")
    m = _check_order("m", m)
    q = _check_order("radial_order", radial_order)
    return _single("disk", radius_um, n_eff, n_medium, m, pol, q)


def wgm_spectrum(
    geometry: str,
    radius_um: float,
    n_cavity: float,
    n_medium: float,
    wavelength_range_nm: tuple[float, float],
    pol: str | Iterable[str] = "TE",
    radial_orders: Iterable[int] = (1,),
) -> list[WGMResonance]:
    """All whispering-gallery resonances of a sphere or disk in a wavelength window.

    Parameters
    ----------
    geometry : {"sphere", "disk"}
        Sphere (``n_cavity`` = sphere index) or microdisk (``n_cavity`` = effective index).
    radius_um : float
        Radius [um].
    n_cavity, n_medium : float
        Cavity (effective) index and medium index, n_cavity > n_medium.
    wavelength_range_nm : (float, float)
        Window (lo, hi) [nm], 0 < lo < hi.
    pol : str or iterable of str
        ``"TE"``, ``"TM"`` or both, e.g. ``("TE", "TM")``.
    radial_orders : iterable of int
        Radial orders to include, e.g. ``(1, 2, 3)``.

    Returns
    -------
    list of WGMResonance
        Sorted by wavelength, each with its exact complex root, radiation Q and FSR (to
        l + 1 of the same family). All mode numbers of a family are solved at once with
        vectorised NumPy (:func:`sphere_wgm_complex`, :func:`disk_wgm_complex` are the
        single-mode versions and give identical results).

    Warns
    -----
    ValidityWarning
        Once, if modes with Q < 10 are in the window (they are still returned), and once if
        modes expected in the window are unconfined (relative index too low) or too leaky for
        the complex root to converge (they are left out).
    """
    if geometry not in GEOMETRIES:
        raise QdoptoError(f"geometry must be one of {GEOMETRIES}, got {geometry!r}")
    what = "n_sphere" if geometry == "sphere" else "n_eff"
    n_rel = _check_cavity(radius_um, n_cavity, n_medium, what)
    try:
        lo, hi = (float(v) for v in wavelength_range_nm)
    except (TypeError, ValueError) as exc:
        raise QdoptoError("wavelength range must be two numbers (lo, hi) in nm") from exc
    if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo < hi):
        raise QdoptoError(f"wavelength range must satisfy 0 < lo < hi, got ({lo:g}, {hi:g})")
    pols = (pol,) if isinstance(pol, str) else tuple(pol)
    if not pols:
        raise QdoptoError("give at least one polarisation")
    for p in pols:
        _check_pol(p)
    qs = sorted({_check_order("radial order", q) for q in radial_orders})
    if not qs:
        raise QdoptoError("give at least one radial order")
    q_max = qs[-1]
    scale = 2.0 * math.pi * radius_um * 1e3 * n_medium
    x_lo, x_hi = scale / hi, scale / lo
    # q-th root lies in (nu/n, j_(nu,q)/n): nu < n x_hi, and j_(nu,q_max) > n x_lo
    a = _airy_zero(q_max)
    nx = n_rel * x_lo
    nu_min = nx - 2 ** (-1 / 3) * a * nx ** (1 / 3) - a * a * nx ** (-1 / 3) - 2 * math.pi
    offset = 0.5 if geometry == "sphere" else 0.0
    first = max(1, math.floor(nu_min - offset))
    last = math.ceil(n_rel * x_hi - offset) + 1
    orders = np.arange(first, last + 2, dtype=np.int64)  # + 1 for the FSR of the last
    out: list[WGMResonance] = []
    failed = 0
    for p in pols:
        x_real, x, polished, ok = _solve(geometry, radius_um, n_cavity, n_medium, orders, p, q_max)
        with np.errstate(all="ignore"):
            lam = np.where(ok, scale / x.real, np.nan)
        for q in qs:
            col = q - 1
            est = _airy_size_parameter(_nu(geometry, orders * 1.0), n_rel, _e_type(geometry, p), q)
            for i in range(len(orders) - 1):
                if not ok[i, col]:
                    # unconfined (no real root) or not converged: count it if it would lie in
                    # the window (real root, else the asymptotic estimate)
                    guess = x_real[i, col] if np.isfinite(x_real[i, col]) else est[i]
                    failed += int(x_lo <= guess <= x_hi)
                    continue
                if not lo <= lam[i, col] <= hi:
                    continue
                fsr = float(lam[i, col] - lam[i + 1, col]) if ok[i + 1, col] else None
                out.append(
                    _resonance(
                        geometry,
                        radius_um,
                        n_cavity,
                        n_medium,
                        int(orders[i]),
                        p,
                        q,
                        complex(x[i, col]),
                        bool(polished[i, col]),
                        fsr,
                    )
                )
    out.sort(key=lambda r: r.wavelength_nm)
    low = [r for r in out if r.q_radiation < Q_WARN]
    if low:
        warnings.warn(
            f"{len(low)} resonance(s) in the window have radiation Q < {Q_WARN:g} and are not "
            "well-defined whispering-gallery modes",
            ValidityWarning,
            stacklevel=2,
        )
    if failed:
        warnings.warn(
            f"{failed} resonance(s) in the window are unconfined or too leaky for the complex "
            "root to converge, and were left out",
            ValidityWarning,
            stacklevel=2,
        )
    return out
