"""Light-in / light-out curves of a QD laser, 200 pump points each.

CW (and electrical) pumping: the exact birth-death steady state with a vectorised bisection on
the photon number, against a per-point loop of the same solver. Pulsed (fs) pumping: the
batched ROS3 (Rosenbrock) integrator of :func:`qdopto.devices.rate_equations` against
scipy's LSODA on each pump level separately (a subset, scaled to 200 points), with the
largest relative difference of the output energy. Prints one JSON document.
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
    from scipy.integrate import solve_ivp

    from qdopto.devices import (
        Cavity,
        GainMedium,
        Pump,
        laser_threshold,
        light_curve,
        steady_state_lasing,
    )
    from qdopto.dynamics.multiexcitons import poisson

    n = np.arange(31, dtype=float)
    k_rad = n**2 / 20.0
    medium = GainMedium(
        "bench", 2, k_rad + 10.0 * n**2 * (n - 1) / 4, k_rad, 5000.0, 3e18, 40.0, 2e-14, 400.0
    )
    cavity = Cavity("losses", 620.0, 0.3, 1.9, 10.0, 40.0)
    cw = Pump("cw")
    light_curve(medium, cavity, cw, points=5)
    t0 = time.perf_counter()
    curve = light_curve(medium, cavity, cw, points=200)
    t_cw = time.perf_counter() - t0
    t0 = time.perf_counter()
    loop = [steady_state_lasing(medium, cavity, [g], 1e-4)[0][0] for g in curve.excitation]
    t_cw_loop = time.perf_counter() - t0
    u_vec, _ = steady_state_lasing(medium, cavity, curve.excitation, 1e-4)
    cw_diff = float(np.max(np.abs(np.array(loop) / u_vec - 1)))

    fs = Pump("pulsed", 0.0)
    t0 = time.perf_counter()
    pulsed = light_curve(medium, cavity, fs, points=200)
    t_fs = time.perf_counter() - t0

    th = laser_threshold(medium, cavity, fs)
    sub = np.arange(0, 200, 20)
    levels = 31
    vg = 29.9792458 / cavity.group_index
    f = np.minimum(n, 2) / 2
    em, ab = f * f, (1 - f) ** 2
    ab_up = ab.copy()
    ab_up[-1] = 0.0
    k, kr = medium.k_total, medium.k_rad

    def rhs(_t: float, y: np.ndarray) -> np.ndarray:
        p, u = y[:levels], y[levels]
        w = vg * medium.alpha_cm * u
        up, down = w * ab_up, k + w * em
        d = np.empty_like(y)
        d[:levels] = -(up + down) * p
        d[1:levels] += up[:-1] * p[:-1]
        d[: levels - 1] += down[1:] * p[1:]
        d[levels] = cavity.confinement * (w * (p @ (em - ab)) + 1e-4 * (p @ kr)) - u * vg * 50.0
        d[levels + 1] = vg * cavity.mirror_loss_cm / cavity.confinement * u
        return d

    t0 = time.perf_counter()
    ref = []
    for i in sub:
        p0 = poisson(pulsed.excitation[i], levels - 1)
        p0[-1] += 1 - p0.sum()
        sol = solve_ivp(
            rhs,
            (0, 8 * 20.0),
            np.concatenate([p0, [0.0, 0.0]]),
            method="LSODA",
            rtol=1e-6,
            atol=1e-14,
        )
        ref.append(sol.y[-1, -1])
    t_fs_loop = (time.perf_counter() - t0) * 200 / sub.size
    fs_diff = float(np.max(np.abs(pulsed.photons_per_dot[sub] / np.array(ref) - 1)))
    doc = {
        "pump_points": 200,
        "cw_vectorised_seconds": t_cw,
        "cw_loop_seconds": t_cw_loop,
        "cw_ratio_vs_loop": t_cw_loop / t_cw,
        "cw_max_rel_diff": cw_diff,
        "pulsed_fs_batched_seconds": t_fs,
        "pulsed_fs_lsoda_loop_seconds_scaled": t_fs_loop,
        "pulsed_ratio_vs_loop": t_fs_loop / t_fs,
        "pulsed_max_rel_diff_vs_lsoda": fs_diff,
        "fs_threshold_N": th.threshold_N,
        "target_under_1s": t_cw < 1.0 and t_fs < 1.0,
    }
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
