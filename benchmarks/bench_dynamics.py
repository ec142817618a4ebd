"""Multiexciton steady state over 10^4 pump levels (a CW/electrical pump sweep).

Vectorised exact solution of the birth-death chain (qdopto.dynamics.steady_state) against a
Python loop that solves the rate equations per pump level with numpy.linalg.solve, measured in
the same run on a subset and scaled. Prints one JSON document.
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
    from qdopto.dynamics import auger_rates_statistical, radiative_rates, steady_state

    n_max = 40
    k = auger_rates_statistical(1 / 0.1, n_max) + radiative_rates(1 / 20.0, n_max)
    g = np.geomspace(1e-4, 1e3, 10_000)
    steady_state(g[:10], k)
    t0 = time.perf_counter()
    p = steady_state(g, k)
    t_vec = time.perf_counter() - t0

    n = k.size
    decay = np.diag(-k) + np.diag(k[1:], 1)
    create = np.diag(-np.ones(n)) + np.diag(np.ones(n - 1), -1)
    create[-1, -1] = 0.0
    n_loop = 500
    t0 = time.perf_counter()
    loop = []
    for gi in g[:: g.size // n_loop][:n_loop]:
        m = decay + gi * create
        m[0, :] = 1.0  # replace one equation by the normalisation
        rhs = np.zeros(n)
        rhs[0] = 1.0
        loop.append(np.linalg.solve(m, rhs))
    t_loop = (time.perf_counter() - t0) * g.size / n_loop
    diff = float(np.max(np.abs(np.array(loop) - p[:: g.size // n_loop][:n_loop])))
    doc = {
        "pump_levels": int(g.size),
        "states": n,
        "vectorised_seconds": t_vec,
        "loop_seconds_scaled": t_loop,
        "ratio_vs_loop": t_loop / t_vec,
        "max_abs_difference_vs_linear_solve": diff,
    }
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
