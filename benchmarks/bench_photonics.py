"""Guided modes of a 5-layer slab at 1000 wavelengths (vectorised scan + regula falsi) against
a per-wavelength loop of scipy.optimize.brentq on the same characteristic function.
Prints one JSON document."""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from scipy.optimize import brentq  # noqa: E402


def main() -> None:
    from qdopto.photonics import effective_indices, parse_stack
    from qdopto.photonics.slab import _char

    stack = parse_stack("SiO2:inf/SiNx:100/PMMA:60/SiNx:100/air:inf")
    lam = np.linspace(500.0, 1000.0, 1000)
    n = stack.indices(lam).real
    d = stack.thicknesses()
    effective_indices(n[:5], d, lam[:5])
    t0 = time.perf_counter()
    ne = effective_indices(n, d, lam)
    t_vec = time.perf_counter() - t0

    n_loop = 100
    t0 = time.perf_counter()
    ref = []
    for i in range(0, lam.size, lam.size // n_loop):
        k0 = np.array([2 * np.pi / lam[i]])
        nn = n[i][None, :].astype(complex)

        def f(x: float, nn: np.ndarray = nn, k0: np.ndarray = k0) -> float:
            return float(_char(np.array([x + 0j]), nn, d, k0, "TE").real[0])

        lo, hi = max(n[i, 0], n[i, -1]) + 1e-9, n[i, 1:-1].max() - 1e-9
        grid = np.linspace(lo, hi, 600)
        vals = [f(x) for x in grid]
        roots = [
            brentq(f, grid[j], grid[j + 1], xtol=1e-13)
            for j in range(599)
            if vals[j] * vals[j + 1] < 0
        ]
        ref.append(max(roots))
    t_loop = (time.perf_counter() - t0) * lam.size / n_loop
    diff = float(np.max(np.abs(np.array(ref) - ne[:: lam.size // n_loop, 0][:n_loop])))
    doc = {
        "layers": len(stack.layers),
        "wavelengths": int(lam.size),
        "modes_max": int(ne.shape[1]),
        "vectorised_seconds": t_vec,
        "loop_seconds_scaled": t_loop,
        "ratio_vs_loop": t_loop / t_vec,
        "max_abs_difference_TE0": diff,
    }
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
