"""Batch throughput of the radial solver against per-structure loops (issue: electronic structure).

Workload: CdSe/CdS core/shell QDs in toluene (core radius 1.5-3.5 nm, shell 0.5-3 nm, seeded),
ground electron and hole states (Kane nonparabolic, self-consistent) plus their overlap, at
converged accuracy (the batch reports Richardson-extrapolated levels with an error estimate).

Baselines, measured in the same run on the same fine grid and the same secant iteration for the
nonparabolic mass (they skip the two coarse grids of the error estimate, so they do less work):
(a) a Python loop calling scipy.sparse.linalg.eigsh per structure and iteration;
(b) a Python loop calling LAPACK's tridiagonal eigensolver (scipy.linalg.eigh_tridiagonal,
    stebz + stein) per structure and iteration.

Prints one JSON document. ``--json`` is accepted for symmetry with the other benchmarks.
Run on one core: the script pins BLAS/OpenMP threads to 1 before importing NumPy.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from scipy.linalg import eigh_tridiagonal  # noqa: E402
from scipy.sparse import diags  # noqa: E402
from scipy.sparse.linalg import eigsh  # noqa: E402


def workload(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(1.5, 3.5, n), rng.uniform(0.5, 3.0, n)])


def loop_solver(profile, t, eig):  # type: ignore[no-untyped-def]
    """Per-structure ground states with the same NP secant iteration, one eigensolve each."""
    from qdopto.electronic.radial import carrier_hamiltonian

    out = []
    for row in t:
        faces = profile.faces(row[None, :])
        vecs = []
        for bands in (profile.electron, profile.hole):
            h = carrier_hamiltonian(faces, bands, None)
            x0, v = eig(h)
            h = carrier_hamiltonian(faces, bands, np.array([x0]))
            lam, v = eig(h)
            g0, x1 = lam - x0, lam
            for _ in range(40):
                lam, v = eig(carrier_hamiltonian(faces, bands, np.array([x1])))
                g1 = lam - x1
                if abs(g1) < 1e-7:
                    break
                x0, g0, x1 = x1, g1, x1 - g1 * (x1 - x0) / (g1 - g0)
            vecs.append(v)
        out.append(float(np.dot(vecs[0], vecs[1]) ** 2))
    return out


def eig_lapack(h):  # type: ignore[no-untyped-def]
    w, v = eigh_tridiagonal(h.diag[0], h.off[0], select="i", select_range=(0, 0))
    return float(w[0]), v[:, 0]


def eig_sparse(h):  # type: ignore[no-untyped-def]
    n = h.diag.shape[1]
    m = diags([h.off[0], h.diag[0], h.off[0]], [-1, 0, 1], shape=(n, n), format="csc")
    w, v = eigsh(m, k=1, which="SA", tol=1e-12)
    return float(w[0]), v[:, 0]


def main() -> None:
    from qdopto.electronic import sweep
    from qdopto.electronic.models import DEFAULT_RESOLUTION_NM, prepare_family
    from qdopto.electronic.profile import LayerSpec

    layers = ("CdSe", "CdS")
    n_batch = 20_000
    t = workload(n_batch)
    sweep(layers, t[:64], "toluene", coulomb=False)  # warm up (database, pint)

    t0 = time.perf_counter()
    res = sweep(layers, t, "toluene", coulomb=False)
    t_batch = time.perf_counter() - t0
    per_batch = t_batch / n_batch

    run = prepare_family(
        tuple(LayerSpec(x) for x in layers), "toluene", t, 300.0, DEFAULT_RESOLUTION_NM, True
    )
    prof = run.profile
    n_lapack, n_eigsh = 400, 60
    t0 = time.perf_counter()
    loop_solver(prof, run.thicknesses[:n_lapack], eig_lapack)
    per_lapack = (time.perf_counter() - t0) / n_lapack
    t0 = time.perf_counter()
    loop_solver(prof, run.thicknesses[:n_eigsh], eig_sparse)
    per_eigsh = (time.perf_counter() - t0) / n_eigsh

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    big = workload(100_000, seed=2)
    t0 = time.perf_counter()
    res_big = sweep(layers, big, "toluene", coulomb=False)
    t_big = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    doc = {
        "workload": "CdSe/CdS core/shell in toluene, ground e + h (nonparabolic) + overlap",
        "grid_cells": prof.n_cells,
        "structures": n_batch,
        "batch_seconds": t_batch,
        "structures_per_s": 1.0 / per_batch,
        "eigsh_loop_structures_per_s": 1.0 / per_eigsh,
        "lapack_loop_structures_per_s": 1.0 / per_lapack,
        "ratio_vs_eigsh_loop": per_eigsh / per_batch,
        "ratio_vs_lapack_loop": per_lapack / per_batch,
        "max_grid_error_meV": float(1e3 * max(res.electron_error.max(), res.hole_error.max())),
        "structures_100k_seconds": t_big,
        "peak_rss_MB": rss1 / 1024.0,
        "rss_growth_100k_MB": (rss1 - rss0) / 1024.0,
        "mean_overlap_100k": float(res_big.overlap.mean()),
    }
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
