"""Guided modes of planar multilayer waveguides (TE and TM), vectorised over wavelengths.

Transfer-matrix formulation [J. Chilwell, I. Hodgkinson, J. Opt. Soc. Am. A 1, 742 (1984)]:
in layer j the transverse field (E_y for TE, H_y for TM) and its normalised derivative
(dE/dx, or (1/n^2) dH/dx for TM) propagate with

    M_j = [[cos(k d), s sin(k d) / k], [-(k / s) sin(k d), cos(k d)]],
    k_j^2 = k0^2 (n_j^2 - n_eff^2),   s = 1 (TE) or n_j^2 (TM),

and a guided mode decays into substrate and cover (gamma = k0 sqrt(n_eff^2 - n^2)):
    f(n_eff) = v2 + (gamma_c / s_c) v1 = 0,   (v1, v2) = M_N ... M_1 (1, gamma_s / s_s).
f is an entire function of n_eff^2 inside the guiding range, so guided modes are its sign
changes between max(n_substrate, n_cover) and max(n_layer) (lossless indices); absorbing or
amplifying layers then move the roots into the complex plane (secant iteration from the
lossless root). The modal loss is alpha = 4 pi Im(n_eff) / lambda; the confinement factor of a
layer is its share of int |E|^2 dx (TE) or of int |H|^2 / n^2 dx (TM, the power weighting).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.errors import QdoptoError
from qdopto.photonics.stack import Stack

Array = NDArray[np.float64]
Complex = NDArray[np.complex128]
SCAN_POINTS = 600


def _char(neff: Complex, n: Complex, d: Array, k0: Array, pol: str) -> Complex:
    """Characteristic function f(n_eff) for arrays of shape (..., ) broadcast with n (..., L)."""
    s = n**2 if pol == "TM" else np.ones_like(n)
    ne2 = neff**2
    gs = k0 * np.sqrt(ne2 - n[..., 0] ** 2 + 0j)
    gc = k0 * np.sqrt(ne2 - n[..., -1] ** 2 + 0j)
    v1 = np.ones_like(ne2, dtype=complex)
    v2 = gs / s[..., 0]
    for j in range(1, n.shape[-1] - 1):
        kj = k0 * np.sqrt(n[..., j] ** 2 - ne2 + 0j)
        c = np.cos(kj * d[j - 1])
        # sin(k d)/k is entire in k^2: evaluate safely near k = 0
        sk = np.where(
            np.abs(kj) > 1e-12,
            np.sin(kj * d[j - 1]) / np.where(np.abs(kj) > 1e-12, kj, 1.0),
            d[j - 1],
        )
        ks = kj**2 * sk
        v1, v2 = c * v1 + s[..., j] * sk * v2, -(ks / s[..., j]) * v1 + c * v2
    return np.asarray(v2 + gc / s[..., -1] * v1)


@dataclass(frozen=True)
class Mode:
    """A guided mode at one wavelength."""

    polarization: str
    order: int
    wavelength_nm: float
    n_eff: complex
    n_group: float
    confinement: tuple[float, ...]
    loss_cm: float

    def to_dict(self, labels: list[str]) -> dict[str, Any]:
        return mode_dict(self, labels)


def mode_dict(mode: Any, labels: list[str]) -> dict[str, Any]:
    """JSON fields shared by planar and channel modes (``labels``: one per stack layer)."""
    return {
        "polarization": mode.polarization,
        "order": mode.order,
        "wavelength_nm": mode.wavelength_nm,
        "n_eff": mode.n_eff.real,
        "n_eff_imag": mode.n_eff.imag,
        "n_group": mode.n_group,
        "confinement": dict(zip(labels, mode.confinement, strict=True)),
        "loss_cm-1": mode.loss_cm,
    }


@dataclass(frozen=True)
class ModeSet:
    """Guided modes of a stack (TE and TM), highest n_eff first within each polarisation."""

    stack: Stack
    wavelength_nm: float
    modes: tuple[Mode, ...]
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        labels = self.stack.labels
        return {
            "stack": self.stack.spec,
            "wavelength_nm": self.wavelength_nm,
            "modes": [m.to_dict(labels) for m in self.modes],
            **self.details,
        }


def effective_indices(
    n: ArrayLike, d_nm: Array, wavelength_nm: ArrayLike, pol: str = "TE"
) -> Array:
    """Effective indices of the guided modes of lossless stacks, vectorised over wavelengths.

    Parameters
    ----------
    n : ndarray (W, L)
        Real refractive indices (substrate first, cover last) at each of W wavelengths.
    d_nm : ndarray (L - 2,)
        Inner-layer thicknesses [nm].
    wavelength_nm : ndarray (W,)
        Wavelengths [nm].
    pol : str
        ``TE`` or ``TM``.

    Returns
    -------
    ndarray (W, M)
        n_eff of the modes, highest first; NaN where a wavelength has fewer than M modes.
    """
    if pol not in ("TE", "TM"):
        raise QdoptoError(f"polarisation must be TE or TM, got {pol}")
    lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float))
    n = np.asarray(n, dtype=float).reshape(lam.size, -1).astype(complex)
    d = np.asarray(d_nm, dtype=float)
    k0 = (2 * math.pi / lam)[:, None]
    lo = np.maximum(n[:, 0].real, n[:, -1].real)
    hi = n[:, 1:-1].real.max(axis=1)
    eps = 1e-9
    t = np.linspace(0.0, 1.0, SCAN_POINTS)[None, :]
    grid = (lo + eps)[:, None] + t * ((hi - lo - 2 * eps)[:, None])
    f = _char(grid.astype(complex), n[:, None, :], d, k0, pol).real
    sign = np.signbit(f)
    idx_w, idx_p = np.nonzero(sign[:, :-1] != sign[:, 1:])
    if idx_w.size == 0:
        return np.full((lam.size, 0), np.nan)
    a = grid[idx_w, idx_p]
    b = grid[idx_w, idx_p + 1]
    fa, fb = f[idx_w, idx_p], f[idx_w, idx_p + 1]
    nn, kk = n[idx_w][:, None, :], k0[idx_w]
    for _ in range(60):  # Illinois regula falsi, all brackets at once
        c = b - fb * (b - a) / (fb - fa)
        fc = _char(c[:, None].astype(complex), nn, d, kk, pol).real[:, 0]
        same = np.signbit(fc) == np.signbit(fb)
        fa = np.where(same, fa * 0.5, fb)
        a = np.where(same, a, b)
        b, fb = c, fc
        if np.all(np.abs(b - a) < 1e-13):
            break
    roots = b
    counts = np.bincount(idx_w, minlength=lam.size)
    out = np.full((lam.size, int(counts.max())), np.nan)
    order = np.lexsort((-roots, idx_w))
    pos = np.arange(roots.size) - np.repeat(np.cumsum(counts) - counts, counts)
    out[idx_w[order], pos] = roots[order]
    return out


def _refine_complex(neff: complex, n: Complex, d: Array, k0: float, pol: str) -> complex:
    x0, x1 = complex(neff), complex(neff) * (1 + 1e-7) + 1e-9j
    f0 = complex(_char(np.array([x0]), n[None, :], d, np.array([k0]), pol)[0])
    f1 = complex(_char(np.array([x1]), n[None, :], d, np.array([k0]), pol)[0])
    for _ in range(50):
        if abs(f1 - f0) == 0:
            break
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        x0, f0, x1 = x1, f1, x2
        f1 = complex(_char(np.array([x1]), n[None, :], d, np.array([k0]), pol)[0])
        if abs(x1 - x0) < 1e-13:
            break
    return x1


def _profile(
    neff: complex, n: Complex, d: Array, k0: float, pol: str, points: int = 400
) -> tuple[Array, Array]:
    """Layer shares of int |F|^2 / s dx (F = E_y or H_y; s = 1 or n^2 for TM)."""
    s = n**2 if pol == "TM" else np.ones_like(n)
    ne2 = neff**2
    gs = k0 * np.sqrt(ne2 - n[0] ** 2 + 0j)
    gc = k0 * np.sqrt(ne2 - n[-1] ** 2 + 0j)
    v1, v2 = 1.0 + 0j, gs / s[0]
    w = 1.0 / abs(s[0]) if pol == "TM" else 1.0
    shares = [w * abs(v1) ** 2 / (2 * gs.real)]
    for j in range(1, n.size - 1):
        kj = k0 * np.sqrt(n[j] ** 2 - ne2 + 0j)
        x = np.linspace(0, d[j - 1], points)
        sk = np.sin(kj * x) / kj if abs(kj) > 1e-12 else x
        field_ = np.cos(kj * x) * v1 + s[j] * sk * v2
        wj = 1.0 / abs(s[j]) if pol == "TM" else 1.0
        shares.append(wj * float(np.trapezoid(np.abs(field_) ** 2, x)))
        c = np.cos(kj * d[j - 1])
        skd = np.sin(kj * d[j - 1]) / kj if abs(kj) > 1e-12 else d[j - 1]
        v1, v2 = c * v1 + s[j] * skd * v2, -(kj**2 * skd / s[j]) * v1 + c * v2
    wc = 1.0 / abs(s[-1]) if pol == "TM" else 1.0
    shares.append(wc * abs(v1) ** 2 / (2 * gc.real))
    arr = np.array(shares, dtype=float)
    return arr / arr.sum(), arr


def modes(
    stack: Stack,
    wavelength_nm: float,
    polarizations: tuple[str, ...] = ("TE", "TM"),
    *,
    dlambda_nm: float = 0.5,
) -> ModeSet:
    """Guided modes of a stack at one wavelength: n_eff, group index, confinement, loss.

    Raises
    ------
    QdoptoError
        If the stack guides no mode at this wavelength.
    """
    if not (math.isfinite(wavelength_nm) and wavelength_nm > 0):
        raise QdoptoError(f"wavelength must be a positive number of nm, got {wavelength_nm}")
    lam3 = np.array([wavelength_nm - dlambda_nm, wavelength_nm, wavelength_nm + dlambda_nm])
    nc = stack.indices(lam3)
    d = stack.thicknesses()
    out: list[Mode] = []
    for pol in polarizations:
        neffs = effective_indices(nc.real, d, lam3, pol)
        if neffs.shape[1] == 0:
            continue
        for m in range(neffs.shape[1]):
            n0 = neffs[1, m]
            if not np.isfinite(n0):
                continue
            k0 = 2 * math.pi / wavelength_nm
            ncomplex = (
                _refine_complex(complex(n0), nc[1], d, k0, pol)
                if np.any(np.abs(nc[1].imag) > 0)
                else complex(n0)
            )
            if np.all(np.isfinite(neffs[[0, 2], m])):
                dn = (neffs[2, m] - neffs[0, m]) / (2 * dlambda_nm)
                ng = float(n0 - wavelength_nm * dn)
            else:
                ng = math.nan
            shares, _ = _profile(ncomplex, nc[1], d, k0, pol)
            loss = 4 * math.pi * ncomplex.imag / (wavelength_nm * 1e-7)
            out.append(
                Mode(
                    pol,
                    m,
                    float(wavelength_nm),
                    ncomplex,
                    ng,
                    tuple(float(x) for x in shares),
                    float(loss),
                )
            )
    if not out:
        n = nc[1].real
        raise QdoptoError(
            f"the stack guides no mode at {wavelength_nm:g} nm: no layer index exceeds both "
            f"claddings enough (substrate {n[0]:.3f}, cover {n[-1]:.3f}, highest layer "
            f"{n[1:-1].max():.3f}); make the guiding layer thicker or its index higher"
        )
    return ModeSet(stack, float(wavelength_nm), tuple(out))
