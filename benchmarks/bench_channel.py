"""Channel-waveguide modes (qdopto.photonics.channel) against a uniform-grid baseline.

qdopto grades the cells away from the guide and Richardson-extrapolates over two nested grids.
The baseline, run in the same process, is the plain approach: one uniform grid at the same
fine cell size over the same window, solved once. The JSON reports both times, the grid
sizes, and how far each n_eff lies from a reference (a uniform grid with half the cells'
size, Richardson-extrapolated; slow, computed once here). Prints one JSON document.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def _uniform(lo: float, hi: float, breaks: list[float], h: float) -> np.ndarray:
    pts = [lo]
    for a, b in zip([lo, *breaks], [*breaks, hi], strict=True):
        n = max(1, int(np.ceil((b - a) / h)))
        pts.extend(np.linspace(a, b, n + 1)[1:])
    return np.array(pts)


def main() -> None:
    from qdopto.photonics import parse_stack
    from qdopto.photonics.channel import ChannelGuide, _solve, channel_modes

    lam = 630.0
    guide = ChannelGuide(parse_stack("SiO2:inf/SiNx:200/air:inf"), 800.0)
    channel_modes(guide, lam, num_modes=1)  # warm-up (imports, database)
    start = time.perf_counter()
    res = channel_modes(guide, lam, num_modes=2)
    t_ours = time.perf_counter() - start
    grid = res.details["grid"]
    h = grid["resolution_nm"]
    (x0, x1), (y0, y1) = grid["x_range_nm"], grid["y_range_nm"]
    n = guide.stack.indices(np.array([lam - 1.0, lam, lam + 1.0]))[1]

    def uniform_te0(step: float) -> tuple[float, int, float]:
        x = _uniform(x0, x1, [-400.0, 400.0], step)
        y = _uniform(y0, y1, [0.0, 200.0], step)
        t0 = time.perf_counter()
        raw = _solve(guide, lam, n, x, y, 6, float(max(n[0].real, n[-1].real)))
        return float(raw.n_eff[0].real), x.size * y.size, time.perf_counter() - t0

    n_base, nodes_base, t_base = uniform_te0(h)
    n_ref_h, _, _ = uniform_te0(h / 2)
    n_ref = n_ref_h + (n_ref_h - n_base) / 3.0  # Richardson on the uniform pair
    te0 = res.modes[0]
    doc = {
        "guide": guide.spec,
        "wavelength_nm": lam,
        "qdopto_seconds": t_ours,
        "qdopto_fine_nodes": grid["fine_nodes"],
        "qdopto_n_eff": te0.n_eff.real,
        "qdopto_error_vs_reference": abs(te0.n_eff.real - n_ref),
        "baseline_uniform_seconds": t_base,
        "baseline_uniform_nodes": nodes_base,
        "baseline_n_eff": n_base,
        "baseline_error_vs_reference": abs(n_base - n_ref),
        "reference_n_eff": n_ref,
        "note": "qdopto time includes the coarse grid and the two group-index solves",
    }
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


if __name__ == "__main__":
    main()
