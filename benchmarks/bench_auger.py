"""Ensemble-averaged Auger rates of the momentum model (qdopto.dynamics.auger).

The size average solves the mean structure and every Gauss-Hermite node of the core-radius
distribution as one block-diagonal batch (one LAPACK call per inverse-iteration step for all
of them) and evaluates every transform in one array expression. The baseline, in the same run,
solves the same structures one at a time through the same code (a Python loop over the
nodes). Both give the same rates; the JSON reports the timings, their ratio and the largest
relative difference. Prints one JSON document.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SPECS = ("CdSe:2.0/CdS:1.5|toluene", "CdS:3.6/CdSe:1.75/CdS:4.0|toluene")


def main() -> None:
    from qdopto.dynamics.auger import AUGER_NODES, AUGER_RESOLUTION_NM, _solve_batch
    from qdopto.optics.ensemble import size_quadrature
    from qdopto.structures import SphericalQD

    out = []
    for spec in SPECS:
        qd = SphericalQD.from_spec(spec)
        t0 = np.array([layer.thickness_nm for layer in qd.layers])
        radii, _ = size_quadrature(float(t0[0]), 5.0, nodes=AUGER_NODES)
        t = np.repeat(t0[None, :], radii.size, axis=0)
        t[:, 0] = radii
        _solve_batch(qd, t[:2], 300.0, AUGER_RESOLUTION_NM)  # warm-up (imports, database)
        start = time.perf_counter()
        batch = _solve_batch(qd, t, 300.0, AUGER_RESOLUTION_NM)
        t_batch = time.perf_counter() - start
        start = time.perf_counter()
        loop = [_solve_batch(qd, row[None, :], 300.0, AUGER_RESOLUTION_NM) for row in t]
        t_loop = time.perf_counter() - start
        k_loop = np.array([b.k_minus[0] + b.k_plus[0] for b in loop])
        k_batch = batch.k_minus + batch.k_plus
        out.append(
            {
                "structure": spec,
                "nodes": int(radii.size),
                "batched_seconds": t_batch,
                "loop_seconds": t_loop,
                "ratio_vs_loop": t_loop / t_batch,
                "max_relative_difference": float(np.max(np.abs(k_loop / k_batch - 1.0))),
            }
        )
    sys.stdout.write(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
