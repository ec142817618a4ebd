"""Ensemble spectrum synthesis: 10^6 sampled dots on a 1000-point grid.

Compares the binned FFT synthesis (qdopto.optics.line_spectrum) with a naive per-dot loop
(adding one Gaussian per dot to the grid), measured in the same run on a subset and scaled.
Prints one JSON document.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def main() -> None:
    from qdopto.optics import line_spectrum
    from qdopto.optics.ensemble import GAUSS_FWHM

    rng = np.random.default_rng(11)
    n_dots, fwhm = 1_000_000, 0.03
    energies = rng.normal(2.05, 0.05, n_dots)
    weights = rng.uniform(0.8, 1.2, n_dots)
    grid = np.linspace(1.6, 2.6, 1000)
    line_spectrum(energies[:1000], weights[:1000], grid, fwhm, method="fft")  # warm-up

    t0 = time.perf_counter()
    fast = line_spectrum(energies, weights, grid, fwhm, method="fft")
    t_fast = time.perf_counter() - t0

    sigma = fwhm / GAUSS_FWHM
    norm = 1.0 / (sigma * np.sqrt(2 * np.pi))
    n_loop = 20_000
    t0 = time.perf_counter()
    naive = np.zeros_like(grid)
    for e, w in zip(energies[:n_loop], weights[:n_loop], strict=True):
        naive += w * norm * np.exp(-0.5 * ((grid - e) / sigma) ** 2)
    t_loop = (time.perf_counter() - t0) * n_dots / n_loop

    direct = line_spectrum(energies[:n_loop], weights[:n_loop], grid, fwhm, method="direct")
    doc = {
        "dots": n_dots,
        "grid_points": grid.size,
        "fft_seconds": t_fast,
        "naive_loop_seconds_scaled": t_loop,
        "ratio_vs_naive_loop": t_loop / t_fast,
        "max_rel_error_vs_direct": float(
            np.max(
                np.abs(
                    line_spectrum(energies[:n_loop], weights[:n_loop], grid, fwhm, method="fft")
                    - direct
                )
            )
            / direct.max()
        ),
        "naive_equals_direct": bool(np.allclose(naive, direct)),
        "area": float(np.trapezoid(fast, grid)),
    }
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
