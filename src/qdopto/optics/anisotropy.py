"""Dielectric (local-field) polarisation anisotropy of nanorods and dot-in-rods.

A rod much smaller than the wavelength is modelled as a prolate spheroid of permittivity eps
(the rod material; for a CdSe/CdS dot-in-rod the CdS shell) in a medium eps_m. A uniform
external field E0 along a principal axis i gives a uniform internal field
E_in,i = f_i E0 with the local-field factor

    f_i = eps_m / (eps_m + L_i (eps - eps_m)),                                          (1)

where L_i are the depolarisation factors of the spheroid [J. A. Osborn, Phys. Rev. 67, 351
(1945); L. D. Landau, E. M. Lifshitz, *Electrodynamics of Continuous Media*, 2nd ed.
(Pergamon 1984), Sec. 4; C. F. Bohren, D. R. Huffman, *Absorption and Scattering of Light by
Small Particles* (Wiley 1983), Sec. 5.3]. For a prolate spheroid of aspect ratio
AR = length / diameter, eccentricity e = sqrt(1 - 1/AR^2),

    L_par = (1 - e^2)/e^2 (artanh(e)/e - 1),   L_perp = (1 - L_par)/2,                   (2)

so L_par + 2 L_perp = 1; a sphere (AR = 1) has L = 1/3 and f_i = 3 eps_m/(eps + 2 eps_m), an
infinite cylinder L_par = 0 (f_par = 1) and L_perp = 1/2 (f_perp = 2 eps_m/(eps + eps_m))
[H. E. Ruda, A. Shik, Phys. Rev. B 72, 115308 (2005)]. The formula with the ordinary-ray
optical constants of the database neglects the (small) birefringence of wurtzite crystals.

Absorption and emission. A transition of the rod with intrinsic dipole weights w_x = w_y =
(1 - w_z)/2, w_z (w_z = 1/3: isotropic, bulk-like absorption far above the gap [Z. Hens,
I. Moreels, J. Mater. Chem. 22, 10406 (2012)]; w_z = 0: planar ("2D") dipole of the
heavy-hole band edge; w_z = 1: linear dipole along the rod) couples to external light with
the principal values of the absorption (or emission) tensor

    a_par = 3 w_z |f_par|^2,   a_perp = 3 w_perp |f_perp|^2,  w_perp = (1 - w_z)/2      (3)

(normalised so that an isotropic transition in an index-matched medium gives a = 1; emission
uses f at the emission wavelength, by reciprocity). From these:

- dichroic ratio a_par / a_perp of one aligned rod (linear dichroism ratio);
- absorption anisotropy beta = (a_par - a_perp)/(a_par + 2 a_perp), in [-1/2, 1], 0 for an
  isotropic absorber, 1 for a pure linear one (the ``(A_par - A_perp)/(A_par + 2 A_perp)``
  form of the photoselection anisotropy, normalised to the principal values);
- degree of linear polarisation of the emission of one rod lying in the image plane,
  P = (e_par - e_perp)/(e_par + e_perp) [as in J. Hu et al., Science 292, 2060 (2001);
  J. Wang et al., Science 293, 1455 (2001)];
- ensemble photoselection anisotropy of randomly oriented rods excited by linearly polarised
  light, r = (I_par - I_perp)/(I_par + 2 I_perp) [I. Hadar, G. B. Hitin, A. Sitt, A. Faust,
  U. Banin, J. Phys. Chem. Lett. 4, 502 (2013)]. With the isotropic rotational averages
  <A_ZZ E_ZZ> = (Tr A Tr E + 2 Tr AE)/15 and <A_ZZ E_XX> = (2 Tr A Tr E - Tr AE)/30 of two
  symmetric tensors [D. L. Andrews, T. Thirunamachandran, J. Chem. Phys. 67, 5026 (1977)]
  this is

      r = (3 t - 1)/5,   t = Tr(A E) / (Tr A Tr E),                                      (4)

  which gives the textbook limits 2/5 (collinear linear dipoles), 1/10 (planar absorber and
  emitter), 0 (isotropic) and -1/5 (perpendicular linear dipoles) [J. R. Lakowicz,
  *Principles of Fluorescence Spectroscopy*, 3rd ed. (Springer 2006), Ch. 10]. With a
  linear emitter along the rod, r = (2/5) beta.

Not included: the band-edge exciton fine structure [A. Shabaev, Al. L. Efros, Nano Lett. 4,
1821 (2004)] and strain [J. Planelles, F. Rajadell, J. I. Climente, "Electronic origin of
linearly polarized emission in CdSe/CdS dot-in-rod heterostructures", arXiv:1611.00973
(2016)], which set the intrinsic weight w_z of the emitting state: pass it as
``emission_dipole``. In media of index ~1.5 the dielectric part alone stays below the
measured single-particle polarisation of CdSe/CdS dot-in-rods (p = 0.75-0.83, Hadar et al.
2013) and of CdSe rods (P ~ 0.86 above AR ~ 2, Hu et al. 2001), in line with Planelles et
al. ("cannot be explained by dielectric effects alone"); in air it can come close.
A core (dot-in-rod) is taken as spherical and small: its own local-field factor is
isotropic and cancels in all ratios. Finite cylinders and spherocylinders are approximated
by the spheroid of the same aspect ratio (no closed form for their non-uniform field).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError
from qdopto.materials import Database, default_database

Array = NDArray[np.float64]
Complex = NDArray[np.complex128]

#: Depolarisation factor of a sphere, each axis (Osborn 1945; sum rule L_x + L_y + L_z = 1).
SPHERE_DEPOLARIZATION = 1.0 / 3.0
#: Depolarisation factors (along, across) of an infinite circular cylinder (Osborn 1945).
CYLINDER_DEPOLARIZATION = (0.0, 0.5)
#: Intrinsic dipole weight along the rod axis of an isotropic (bulk-like) transition.
ISOTROPIC_Z_WEIGHT = 1.0 / 3.0
#: Named intrinsic dipole characters -> weight w_z along the rod axis (Eq. 3).
DIPOLE_CHARACTERS: dict[str, float] = {
    "isotropic": ISOTROPIC_Z_WEIGHT,
    "planar": 0.0,
    "linear": 1.0,
}
#: Below this eccentricity Eq. (2) is evaluated from its Taylor series (numerics only: the
#: closed form loses digits to cancellation as e -> 0; the series error is < e^10 ~ 1e-13).
_SERIES_MAX_ECCENTRICITY = 0.05
_AR_HINT = (
    "aspect ratio is length / diameter >= 1 (1 for a sphere, numpy.inf for an infinite cylinder)"
)


# ------------------------------------------------------------------ checks and helpers
def _aspect_ratio(aspect_ratio: ArrayLike) -> Array:
    ar = np.asarray(aspect_ratio, dtype=float)
    if ar.size == 0:
        raise QdoptoError(f"no aspect ratio given; {_AR_HINT}")
    if np.any(np.isnan(ar)) or np.any(ar < 1.0):
        bad = ar[np.isnan(ar) | (ar < 1.0)]
        raise QdoptoError(f"got aspect ratio {bad.tolist()}; {_AR_HINT}")
    return ar


def _wavelength(wavelength_nm: ArrayLike, what: str) -> Array:
    lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float)).ravel()
    if lam.size == 0 or not np.all(np.isfinite(lam)) or np.any(lam <= 0):
        raise QdoptoError(f"{what} must be finite and > 0 nm, got {lam.tolist()}")
    return lam


def _z_weight(character: float | str, what: str) -> float:
    if isinstance(character, str):
        key = character.strip().lower()
        if key not in DIPOLE_CHARACTERS:
            raise QdoptoError(
                f"unknown {what} '{character}'; use one of {sorted(DIPOLE_CHARACTERS)} or a "
                "weight w_z in [0, 1] along the rod axis"
            )
        return DIPOLE_CHARACTERS[key]
    w = float(character)
    if not np.isfinite(w) or w < 0.0 or w > 1.0:
        raise QdoptoError(
            f"{what} weight along the rod axis must lie in [0, 1] (1/3: isotropic), got {w}"
        )
    return w


def _json_list(a: Array) -> Any:
    """``a.tolist()`` with non-finite entries as the strings "inf", "-inf", "nan" (JSON)."""
    arr = np.asarray(a, dtype=float)
    if np.all(np.isfinite(arr)):
        return arr.tolist()
    obj = arr.astype(object)
    obj[np.isposinf(arr)] = "inf"
    obj[np.isneginf(arr)] = "-inf"
    obj[np.isnan(arr)] = "nan"
    return obj.tolist()


def _complex_list(z: Complex) -> dict[str, Any]:
    return {"re": _json_list(np.real(z)), "im": _json_list(np.imag(z))}


# ------------------------------------------------------------------ physics functions
def depolarization_factors(aspect_ratio: ArrayLike) -> tuple[Array, Array]:
    """Depolarisation factors (L_par, L_perp) of a prolate spheroid, Eq. (2).

    L_par = (1 - e^2)/e^2 (artanh(e)/e - 1) with e = sqrt(1 - 1/AR^2) [Osborn, Phys. Rev.
    67, 351 (1945); Landau & Lifshitz, *Electrodynamics of Continuous Media*, Sec. 4;
    Bohren & Huffman (1983), Sec. 5.3], L_perp = (1 - L_par)/2. Evaluated stably as
    artanh(e) = ln((1 + e) AR) and, for e < 0.05, from the series
    L_par = 1/3 - 2 e^2/15 - 2 e^4/35 - 2 e^6/63 - 2 e^8/99.

    Parameters
    ----------
    aspect_ratio : float or ndarray
        Length / diameter [-], >= 1; ``numpy.inf`` gives the infinite cylinder (0, 1/2).

    Returns
    -------
    L_par, L_perp : ndarray
        Depolarisation factors along and across the rod axis [-], same shape as the input.

    Raises
    ------
    QdoptoError
        For an aspect ratio below 1, NaN, or an empty input.
    """
    ar = _aspect_ratio(aspect_ratio)
    inv2 = np.where(np.isinf(ar), 0.0, 1.0 / np.where(np.isinf(ar), 1.0, ar) ** 2)
    e2 = 1.0 - inv2
    e = np.sqrt(e2)
    series = e < _SERIES_MAX_ECCENTRICITY
    e_safe = np.where(series, 1.0, e)
    ar_safe = np.where(np.isinf(ar) | series, 2.0, ar)
    closed = inv2 / e_safe**2 * (np.log((1.0 + e_safe) * ar_safe) / e_safe - 1.0)
    taylor = (
        SPHERE_DEPOLARIZATION
        - 2.0 * e2 / 15.0
        - 2.0 * e2**2 / 35.0
        - 2.0 * e2**3 / 63.0
        - 2.0 * e2**4 / 99.0
    )
    l_par = np.where(series, taylor, np.where(np.isinf(ar), CYLINDER_DEPOLARIZATION[0], closed))
    return np.asarray(l_par, dtype=float), np.asarray(0.5 * (1.0 - l_par), dtype=float)


def local_field_factor(eps: ArrayLike, eps_medium: ArrayLike, depolarization: ArrayLike) -> Complex:
    """Local-field factor f = eps_m / (eps_m + L (eps - eps_m)) of an ellipsoid, Eq. (1).

    Ratio of the uniform internal field to the applied field along a principal axis with
    depolarisation factor L [Landau & Lifshitz, *Electrodynamics of Continuous Media*, Sec. 4;
    Bohren & Huffman (1983), Sec. 5.3]. Broadcasts.

    Parameters
    ----------
    eps : complex or ndarray
        Relative permittivity of the particle [-] (eps = (n + i k)^2).
    eps_medium : complex or ndarray
        Relative permittivity of the medium [-].
    depolarization : float or ndarray
        Depolarisation factor L in [0, 1] [-].

    Returns
    -------
    ndarray of complex
        f [-]; 1 when eps = eps_m.
    """
    e = np.asarray(eps, dtype=complex)
    em = np.asarray(eps_medium, dtype=complex)
    lf = np.asarray(depolarization, dtype=float)
    if np.any(~np.isfinite(lf)) or np.any((lf < 0.0) | (lf > 1.0)):
        raise QdoptoError(f"depolarisation factors must lie in [0, 1], got {lf.tolist()}")
    return np.asarray(em / (em + lf * (e - em)), dtype=complex)


def spheroid_local_field_factors(
    eps: ArrayLike, eps_medium: ArrayLike, aspect_ratio: ArrayLike
) -> tuple[Complex, Complex]:
    """Local-field factors (f_par, f_perp) of a prolate spheroid, Eqs. (1)-(2). Broadcasts.

    Parameters
    ----------
    eps, eps_medium : complex or ndarray
        Relative permittivities of rod and medium [-].
    aspect_ratio : float or ndarray
        Length / diameter [-], >= 1.

    Returns
    -------
    f_par, f_perp : ndarray of complex
        Field factors along and across the rod axis [-].
    """
    l_par, l_perp = depolarization_factors(aspect_ratio)
    return local_field_factor(eps, eps_medium, l_par), local_field_factor(eps, eps_medium, l_perp)


def tensor_principal_values(
    f_par: ArrayLike, f_perp: ArrayLike, z_weight: float | str = "isotropic"
) -> tuple[Array, Array]:
    """Principal values (a_par, a_perp) of an absorption or emission tensor, Eq. (3).

    Parameters
    ----------
    f_par, f_perp : complex or ndarray
        Local-field factors along and across the rod [-].
    z_weight : float or str
        Intrinsic dipole weight w_z along the rod axis in [0, 1], or ``"isotropic"`` (1/3),
        ``"planar"`` (0), ``"linear"`` (1).

    Returns
    -------
    a_par, a_perp : ndarray
        Relative transition strengths for light polarised along / across the rod [-]
        (1 each for an isotropic transition without dielectric contrast).
    """
    wz = _z_weight(z_weight, "dipole character")
    w_perp = 0.5 * (1.0 - wz)
    a_par = 3.0 * wz * np.abs(np.asarray(f_par, dtype=complex)) ** 2
    a_perp = 3.0 * w_perp * np.abs(np.asarray(f_perp, dtype=complex)) ** 2
    return np.asarray(a_par, dtype=float), np.asarray(a_perp, dtype=float)


def photoselection_anisotropy(
    abs_par: ArrayLike, abs_perp: ArrayLike, em_par: ArrayLike, em_perp: ArrayLike
) -> Array:
    """Ensemble photoselection anisotropy r = (I_par - I_perp)/(I_par + 2 I_perp), Eq. (4).

    For randomly oriented uniaxial particles with absorption tensor diag(a_perp, a_perp,
    a_par) and emission tensor diag(e_perp, e_perp, e_par) in the particle frame,
    r = (3 t - 1)/5 with t = Tr(A E)/(Tr A Tr E) (rotational averages of Andrews &
    Thirunamachandran, J. Chem. Phys. 67, 5026 (1977)); Hadar et al., J. Phys. Chem. Lett. 4,
    502 (2013) use this anisotropy for CdSe/CdS nanorods. Broadcasts.

    Parameters
    ----------
    abs_par, abs_perp, em_par, em_perp : float or ndarray
        Principal values of the absorption and emission tensors [-], >= 0, with a non-zero
        trace.

    Returns
    -------
    ndarray
        r [-], in [-1/5, 2/5].
    """
    ap, aq = np.asarray(abs_par, dtype=float), np.asarray(abs_perp, dtype=float)
    ep, eq = np.asarray(em_par, dtype=float), np.asarray(em_perp, dtype=float)
    tr_a, tr_e = ap + 2.0 * aq, ep + 2.0 * eq
    if np.any((ap < 0) | (aq < 0) | (ep < 0) | (eq < 0)) or np.any((tr_a <= 0) | (tr_e <= 0)):
        raise QdoptoError(
            "absorption and emission tensor principal values must be >= 0 with a positive sum"
        )
    t = (ap * ep + 2.0 * aq * eq) / (tr_a * tr_e)
    return np.asarray((3.0 * t - 1.0) / 5.0, dtype=float)


def degree_of_polarization(em_par: ArrayLike, em_perp: ArrayLike) -> Array:
    """Degree of linear polarisation P = (e_par - e_perp)/(e_par + e_perp) of one rod.

    For a rod lying in the image plane, observed along a perpendicular axis with low
    numerical aperture (Hu et al., Science 292, 2060 (2001); Wang et al., Science 293, 1455
    (2001)). Broadcasts.

    Parameters
    ----------
    em_par, em_perp : float or ndarray
        Emission-tensor principal values along / across the rod [-], >= 0, not both zero.

    Returns
    -------
    ndarray
        P [-], in [-1, 1].
    """
    ep, eq = np.asarray(em_par, dtype=float), np.asarray(em_perp, dtype=float)
    if np.any((ep < 0) | (eq < 0)) or np.any(ep + eq <= 0):
        raise QdoptoError("emission principal values must be >= 0 and not both zero")
    return np.asarray((ep - eq) / (ep + eq), dtype=float)


# ------------------------------------------------------------------ result and driver
@dataclass(frozen=True)
class RodAnisotropy:
    """Dielectric polarisation anisotropy of rods, on a grid aspect ratio x wavelength.

    Arrays indexed ``[i]`` run over ``aspect_ratio``; ``[i, j]`` over aspect ratio and
    ``excitation_nm``. The emission fields are ``None`` when no emission wavelength was
    given.

    Attributes
    ----------
    rod, medium : str
        Rod (outer, for a dot-in-rod the shell) material and medium (name or index).
    aspect_ratio : ndarray
        Length / diameter [-], shape (n,).
    excitation_nm : ndarray
        Excitation (absorption) wavelengths [nm], shape (m,).
    emission_nm : float or None
        Emission wavelength [nm].
    absorption_z_weight, emission_z_weight : float
        Intrinsic dipole weights w_z along the rod axis (Eq. 3) [-].
    L_par, L_perp : ndarray
        Depolarisation factors [-], shape (n,).
    eps_rod, eps_medium : ndarray of complex
        Permittivities at the excitation wavelengths [-], shape (m,).
    f_par, f_perp : ndarray of complex
        Local-field factors at the excitation wavelengths [-], shape (n, m).
    absorption_par, absorption_perp : ndarray
        Absorption-tensor principal values a_par, a_perp (Eq. 3) [-], shape (n, m).
    dichroic_ratio : ndarray
        a_par / a_perp of one aligned rod [-], shape (n, m).
    absorption_anisotropy : ndarray
        beta = (a_par - a_perp)/(a_par + 2 a_perp) [-], shape (n, m).
    mean_absorption : ndarray
        Orientation average (a_par + 2 a_perp)/3 [-], the local-field correction of the
        intrinsic absorption of rods (Hens & Moreels 2012), shape (n, m).
    emission_par, emission_perp : ndarray or None
        Emission-tensor principal values at ``emission_nm`` [-], shape (n,).
    emission_polarization : ndarray or None
        Degree of linear polarisation P of one rod [-], shape (n,).
    photoselection_anisotropy : ndarray or None
        Ensemble r = (I_par - I_perp)/(I_par + 2 I_perp) (Eq. 4) [-], shape (n, m).
    """

    rod: str
    medium: str
    aspect_ratio: Array
    excitation_nm: Array
    emission_nm: float | None
    absorption_z_weight: float
    emission_z_weight: float
    L_par: Array
    L_perp: Array
    eps_rod: Complex
    eps_medium: Complex
    f_par: Complex
    f_perp: Complex
    absorption_par: Array
    absorption_perp: Array
    dichroic_ratio: Array
    absorption_anisotropy: Array
    mean_absorption: Array
    emission_par: Array | None = None
    emission_perp: Array | None = None
    emission_polarization: Array | None = None
    photoselection_anisotropy: Array | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values (complex arrays as ``{"re": [...], "im": [...]}``)."""

        def opt(a: Array | None) -> Any:
            return None if a is None else _json_list(a)

        return {
            "model": "dielectric local-field, prolate spheroid (Osborn 1945)",
            "fine_structure_included": False,
            "rod": self.rod,
            "medium": self.medium,
            "aspect_ratio": _json_list(self.aspect_ratio),
            "excitation_nm": _json_list(self.excitation_nm),
            "emission_nm": self.emission_nm,
            "absorption_z_weight": self.absorption_z_weight,
            "emission_z_weight": self.emission_z_weight,
            "L_par": _json_list(self.L_par),
            "L_perp": _json_list(self.L_perp),
            "eps_rod": _complex_list(self.eps_rod),
            "eps_medium": _complex_list(self.eps_medium),
            "f_par": _complex_list(self.f_par),
            "f_perp": _complex_list(self.f_perp),
            "absorption_par": _json_list(self.absorption_par),
            "absorption_perp": _json_list(self.absorption_perp),
            "dichroic_ratio": _json_list(self.dichroic_ratio),
            "absorption_anisotropy": _json_list(self.absorption_anisotropy),
            "mean_absorption": _json_list(self.mean_absorption),
            "emission_par": opt(self.emission_par),
            "emission_perp": opt(self.emission_perp),
            "emission_polarization": opt(self.emission_polarization),
            "photoselection_anisotropy": opt(self.photoselection_anisotropy),
        }


def _permittivity(
    name_or_index: str | float, wavelength_nm: Array, db: Database, what: str
) -> tuple[Complex, str]:
    if isinstance(name_or_index, str):
        nk = db.get(name_or_index).nk(wavelength_nm)
        return np.asarray(nk * nk, dtype=complex), name_or_index
    n = float(name_or_index)
    if not np.isfinite(n) or n < 1.0:
        raise QdoptoError(f"{what} refractive index must be a number >= 1, got {n}")
    return np.full(wavelength_nm.shape, n * n, dtype=complex), f"n = {n:g}"


def rod_anisotropy(
    aspect_ratio: ArrayLike,
    excitation_nm: ArrayLike,
    *,
    rod: str = "CdSe",
    medium: str | float = "toluene",
    emission_nm: float | None = None,
    absorption_dipole: float | str = "isotropic",
    emission_dipole: float | str = "isotropic",
    database: Database | None = None,
) -> RodAnisotropy:
    """Dielectric absorption and emission anisotropy of rods (spheroids) in a medium.

    Evaluates Eqs. (1)-(4) of this module on the grid aspect ratio x excitation wavelength,
    with the complex refractive indices of the database (``Material.nk``).

    Parameters
    ----------
    aspect_ratio : float or ndarray
        Length / diameter of the rod (for a dot-in-rod: of the whole rod) [-], >= 1;
        ``numpy.inf`` for the infinite-cylinder limit. Flattened to shape (n,).
    excitation_nm : float or ndarray
        Excitation wavelengths [nm], flattened to shape (m,); must lie in the tabulated
        ranges of rod and medium.
    rod : str
        Rod material (database name), e.g. ``"CdSe"`` or, for CdSe/CdS dot-in-rods,
        ``"CdS"`` (the shell sets the dielectric anisotropy; the core is taken as spherical).
    medium : str or float
        Medium: a database name (``"toluene"``, ``"hexane"``, ``"water"``, ...) or a real
        refractive index (>= 1).
    emission_nm : float, optional
        Emission wavelength [nm]; if given, the emission polarisation and the ensemble
        photoselection anisotropy are computed.
    absorption_dipole, emission_dipole : float or str
        Intrinsic dipole weight along the rod axis, w_z in [0, 1], or ``"isotropic"``,
        ``"planar"``, ``"linear"``. Default isotropic for both (absorption far above the
        gap; for emission this leaves out the band-edge fine structure).
    database : Database, optional
        Materials database (default: :func:`qdopto.materials.default_database`).

    Returns
    -------
    RodAnisotropy

    Raises
    ------
    QdoptoError
        Aspect ratio < 1 or NaN, non-positive wavelengths, wavelengths outside the optical
        data, unknown materials, dipole weights outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> res = rod_anisotropy([1.0, np.inf], 450.0, rod="CdSe", medium="toluene")
    >>> abs(float(res.absorption_anisotropy[0, 0])) < 1e-12
    True
    """
    ar = np.atleast_1d(_aspect_ratio(aspect_ratio)).ravel()
    lam = _wavelength(excitation_nm, "excitation wavelength")
    wz_abs = _z_weight(absorption_dipole, "absorption dipole character")
    wz_em = _z_weight(emission_dipole, "emission dipole character")
    db = database if database is not None else default_database()
    eps, rod_name = _permittivity(rod, lam, db, "rod")
    eps_m, medium_name = _permittivity(medium, lam, db, "medium")

    l_par, l_perp = depolarization_factors(ar)
    f_par = local_field_factor(eps[None, :], eps_m[None, :], l_par[:, None])
    f_perp = local_field_factor(eps[None, :], eps_m[None, :], l_perp[:, None])
    a_par, a_perp = tensor_principal_values(f_par, f_perp, wz_abs)
    with np.errstate(divide="ignore", invalid="ignore"):
        dichroic = np.where(a_perp > 0, a_par / np.where(a_perp > 0, a_perp, 1.0), np.inf)
    beta = (a_par - a_perp) / (a_par + 2.0 * a_perp)

    e_par = e_perp = p_em = r_ens = None
    if emission_nm is not None:
        lam_em = _wavelength(emission_nm, "emission wavelength")
        if lam_em.size != 1:
            raise QdoptoError("give one emission wavelength [nm] (the band-edge emission peak)")
        eps_em, _ = _permittivity(rod, lam_em, db, "rod")
        eps_m_em, _ = _permittivity(medium, lam_em, db, "medium")
        fe_par = local_field_factor(eps_em, eps_m_em, l_par)
        fe_perp = local_field_factor(eps_em, eps_m_em, l_perp)
        e_par, e_perp = tensor_principal_values(fe_par, fe_perp, wz_em)
        p_em = degree_of_polarization(e_par, e_perp)
        r_ens = photoselection_anisotropy(a_par, a_perp, e_par[:, None], e_perp[:, None])

    return RodAnisotropy(
        rod=rod_name,
        medium=medium_name,
        aspect_ratio=ar,
        excitation_nm=lam,
        emission_nm=None if emission_nm is None else float(emission_nm),
        absorption_z_weight=wz_abs,
        emission_z_weight=wz_em,
        L_par=l_par,
        L_perp=l_perp,
        eps_rod=eps,
        eps_medium=eps_m,
        f_par=f_par,
        f_perp=f_perp,
        absorption_par=a_par,
        absorption_perp=a_perp,
        dichroic_ratio=np.asarray(dichroic, dtype=float),
        absorption_anisotropy=np.asarray(beta, dtype=float),
        mean_absorption=np.asarray((a_par + 2.0 * a_perp) / 3.0, dtype=float),
        emission_par=e_par,
        emission_perp=e_perp,
        emission_polarization=p_em,
        photoselection_anisotropy=r_ens,
    )
