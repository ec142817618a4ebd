"""Effective-medium permittivities of QD films (spherical inclusions in a host).

- Maxwell Garnett [J. C. Maxwell Garnett, Phil. Trans. R. Soc. A 203, 385 (1904); e.g.
  C. F. Bohren, D. R. Huffman, *Absorption and Scattering of Light by Small Particles*
  (Wiley 1983), Eq. (8.50)]:
  (eps_eff - eps_h)/(eps_eff + 2 eps_h) = f (eps_i - eps_h)/(eps_i + 2 eps_h).
- Bruggeman [D. A. G. Bruggeman, Ann. Phys. 416, 636 (1935); Bohren & Huffman Eq. (8.51)]:
  f (eps_i - eps)/(eps_i + 2 eps) + (1 - f)(eps_h - eps)/(eps_h + 2 eps) = 0, the root with
  Im eps >= 0 (the physical branch).

The film's absorption coefficient is alpha = 4 pi Im(sqrt(eps_eff)) / lambda.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError

Complex = NDArray[np.complex128]


def _fraction(f: ArrayLike) -> NDArray[np.float64]:
    a = np.asarray(f, dtype=float)
    if not np.all(np.isfinite(a)) or np.any((a < 0) | (a > 1)):
        raise QdoptoError(f"volume (packing) fraction must lie in [0, 1], got {a.tolist()}")
    return a


def maxwell_garnett(eps_inclusion: ArrayLike, eps_host: ArrayLike, fraction: ArrayLike) -> Complex:
    """Maxwell Garnett effective permittivity (vectorised)."""
    ei = np.asarray(eps_inclusion, dtype=complex)
    eh = np.asarray(eps_host, dtype=complex)
    f = _fraction(fraction)
    beta = (ei - eh) / (ei + 2.0 * eh)
    return np.asarray(eh * (1.0 + 2.0 * f * beta) / (1.0 - f * beta))


def bruggeman(eps_inclusion: ArrayLike, eps_host: ArrayLike, fraction: ArrayLike) -> Complex:
    """Bruggeman effective permittivity (vectorised; the root with Im eps >= 0)."""
    ei = np.asarray(eps_inclusion, dtype=complex)
    eh = np.asarray(eps_host, dtype=complex)
    f = _fraction(fraction)
    # 2 eps^2 - b eps - ei eh = 0 with b = (3f - 1) ei + (2 - 3f) eh
    b = (3.0 * f - 1.0) * ei + (2.0 - 3.0 * f) * eh
    disc = np.sqrt(b * b + 8.0 * ei * eh)
    r1, r2 = (b + disc) / 4.0, (b - disc) / 4.0
    pick = (r1.imag > r2.imag) | ((np.abs(r1.imag - r2.imag) < 1e-15) & (r1.real > r2.real))
    return np.asarray(np.where(pick, r1, r2))


# ----------------------------------------------------------------------------- QD films
@dataclass(frozen=True)
class FilmOptics:
    """Complex refractive index and absorption coefficient of a QD film.

    Attributes
    ----------
    wavelength_nm, n, k, alpha_cm : ndarray
        Wavelength [nm], refractive index, extinction index, absorption coefficient
        alpha = 4 pi k / lambda [cm^-1].
    """

    structure: str
    fill_fraction: float
    model: str
    host: str
    wavelength_nm: NDArray[np.float64]
    n: NDArray[np.float64]
    k: NDArray[np.float64]
    alpha_cm: NDArray[np.float64]

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "fill_fraction": self.fill_fraction,
            "model": self.model,
            "host": self.host,
            "wavelength_nm": self.wavelength_nm.tolist(),
            "n": self.n.tolist(),
            "k": self.k.tolist(),
            "alpha_cm-1": self.alpha_cm.tolist(),
        }


def qd_permittivity(
    sigma_cm2: ArrayLike,
    volume_cm3: float,
    wavelength_nm: ArrayLike,
    eps_real: float | ArrayLike,
    n_medium: ArrayLike,
) -> Complex:
    """Effective complex permittivity of one QD that reproduces its cross-section.

    Inverts the dilute-limit relation mu_i = sigma / V = (omega/c)(1/n_s)|f_LF|^2 eps'' with
    f_LF = 3 n_s^2 / (eps + 2 n_s^2) (optics.crosssection, Eq. 1) for eps'' at fixed eps'
    (the optical permittivity of the QD material), by fixed-point iteration on |f_LF|^2.
    """
    mu = np.asarray(sigma_cm2, dtype=float) / volume_cm3
    lam_cm = np.asarray(wavelength_nm, dtype=float) * 1e-7
    ns = np.asarray(n_medium, dtype=float)
    e1 = np.asarray(eps_real, dtype=float)
    k0 = 2.0 * np.pi / lam_cm
    e2 = np.zeros_like(mu)
    for _ in range(50):
        f2 = np.abs(3 * ns**2 / (e1 + 1j * e2 + 2 * ns**2)) ** 2
        new = mu * ns / (k0 * f2)
        if np.allclose(new, e2, rtol=1e-12, atol=1e-14):
            e2 = new
            break
        e2 = new
    return np.asarray(e1 + 1j * e2)


def qd_film(
    structure: str,
    fill_fraction: float,
    wavelength_nm: ArrayLike,
    *,
    model: str = "maxwell-garnett",
    host: str = "ligand",
    dispersion_pct: float = 5.0,
    temperature_K: float = 300.0,
    linewidth_meV: float | None = None,
    band_edge_only: bool = False,
) -> FilmOptics:
    """Complex refractive index and absorption coefficient of a film of QDs in a host.

    The QDs' permittivity is the one whose dilute-limit absorption reproduces their computed
    ensemble cross-section (:func:`qd_permittivity`; real part: eps_inf of the outer material),
    mixed with the host (the organic ligand by default) by Maxwell Garnett or Bruggeman at
    the packing fraction ``fill_fraction`` (random close packing of spheres: ~0.64).

    Parameters
    ----------
    structure : str
        Spec of the QDs (their medium is replaced by ``host``).
    fill_fraction : float
        Volume fraction of QDs in the film, [0, 1].
    wavelength_nm : array_like
        Wavelengths [nm], increasing, within the host's refractive-index data.
    band_edge_only : bool
        Keep only the dots' band-edge (1Se-1Sh) absorption: the part that optical gain
        inverts (:func:`qdopto.dynamics.gain.material_gain`).
    """
    from qdopto.materials import default_database
    from qdopto.optics.spectra import ensemble_spectrum
    from qdopto.structures import SphericalQD

    f = float(_fraction(fill_fraction))
    if model not in ("maxwell-garnett", "bruggeman"):
        raise QdoptoError(
            f"unknown effective-medium model '{model}'; use maxwell-garnett or bruggeman"
        )
    qd = SphericalQD.from_spec(structure)
    qd = SphericalQD(qd.layers, host)
    lam = np.asarray(wavelength_nm, dtype=float)
    db = default_database()
    n_host = db.get(host).nk(lam).real
    spec = ensemble_spectrum(
        qd,
        dispersion_pct=dispersion_pct,
        temperature_K=temperature_K,
        linewidth_meV=linewidth_meV,
        wavelength_nm=lam,
        band_edge_only=band_edge_only,
    )
    outer = db.get(qd.layers[-1].material).at(temperature_K)
    eps_real = (
        outer["eps_inf"]
        if "eps_inf" in outer
        else float((db.get(qd.layers[-1].material).nk(589.3).real) ** 2)
    )
    eps_qd = qd_permittivity(
        spec.absorption_cross_section_cm2, qd.volume_nm3 * 1e-21, lam, eps_real, n_host
    )
    mix = maxwell_garnett if model == "maxwell-garnett" else bruggeman
    eps = mix(eps_qd, n_host**2, f)
    nk = np.sqrt(eps)
    alpha = 4.0 * np.pi * nk.imag / (lam * 1e-7)
    return FilmOptics(qd.spec, f, model, host, lam, nk.real, nk.imag, alpha)
