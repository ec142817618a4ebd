"""Band-alignment type from the band offsets and the computed localisation.

Rules (vectorised over a batch; docs/electronic.md):

1. The electron's layer L_e and the hole's layer L_h are where each has its largest
   probability. If they differ and the offsets between those layers are staggered (L_e has
   the lower conduction-band edge and L_h the higher valence-band edge), the structure is
   **type-II** (carriers separated by the band alignment). If they differ without staggered
   offsets, a carrier has merely spread over a larger volume across a small offset:
   **quasi-type-II**.
2. If they share a layer L, a carrier is *unconfined by the offset* when its level lies beyond
   the band edge of a neighbouring layer (electron above that layer's conduction-band edge, hole
   below its valence-band edge): the small offset then does not hold it and it spreads into
   the neighbour. If either carrier is unconfined the structure is **quasi-type-II**
   (e.g. CdSe/CdS with small cores: S. A. Ivanov et al., J. Am. Chem. Soc. 129, 11708 (2007)).
3. Otherwise both carriers are confined in L: **type-I** if L is the core, **reverse-type-I**
   if L is a shell (narrow-gap shell on a wide-gap core, which includes quantum shells).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def classify(
    loc_e: NDArray[np.float64],
    loc_h: NDArray[np.float64],
    electron_level: NDArray[np.float64],
    hole_level: NDArray[np.float64],
    ec_layers: tuple[tuple[float, float], ...],
    ev_layers: tuple[tuple[float, float], ...],
) -> NDArray[np.str_]:
    """Alignment type of every structure of a batch.

    Parameters
    ----------
    loc_e, loc_h : ndarray (B, K) or (B, K+1)
        Layer probabilities (a trailing medium column is ignored).
    electron_level, hole_level : ndarray (B,)
        Absolute levels [eV].
    ec_layers, ev_layers : tuple of (min, max) per layer
        Conduction- and valence-band edge ranges of each layer [eV].
    """
    k = len(ec_layers)
    le = np.argmax(loc_e[:, :k], axis=1)
    lh = np.argmax(loc_h[:, :k], axis=1)
    ec_min = np.array([lo for lo, _ in ec_layers])
    ev_max = np.array([hi for _, hi in ev_layers])
    staggered = (ec_min[le] < ec_min[lh]) & (ev_max[lh] > ev_max[le])
    unconfined = np.zeros(le.shape, dtype=bool)
    for shift in (-1, 1):
        nb = le + shift
        ok = (nb >= 0) & (nb < k)
        nbc = np.clip(nb, 0, k - 1)
        unconfined |= ok & (electron_level > ec_min[nbc])
        unconfined |= ok & (hole_level < ev_max[nbc])
    out = np.where(le == 0, "type-I", "reverse-type-I").astype("<U14")
    out[unconfined] = "quasi-type-II"
    out[(le != lh) & ~staggered] = "quasi-type-II"
    out[(le != lh) & staggered] = "type-II"
    return out
