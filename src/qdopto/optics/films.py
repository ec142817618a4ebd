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
