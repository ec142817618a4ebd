"""Axisymmetric BenDaniel-Duke solver: time to a ground state converged to 1 meV.

Two structures, CdSe/CdS/ligand parameters resolved from the materials database at 300 K:

- a dot-in-rod: a CdSe sphere (R = 1.5 nm, centred 5 nm below the rod's middle) in a CdS
  cylinder (R = 2.5 nm, L = 30 nm) in the ligand barrier;
- a CdSe sphere (R = 2 nm) in the ligand barrier, checked against the spherical radial solver
  (``qdopto.electronic.solve("CdSe:2.0", calibrated=False)``).

For each structure and carrier: wall time of :func:`solve_converged` (h, h/2, ... until the
error estimate is below 1 meV), the level, its error estimate, and the true error against a
reference extrapolated from three finer grids (radial solver for the sphere). Baselines in the
same run: (a) the same finest-grid parabolic hole problem with ARPACK without shift-and-invert
(``eigsh(which="SA")``), and (b) a dense ``scipy.linalg.eigh`` on a grid with 1/16 of the cells,
scaled by N^3 to the finest grid. Prints one JSON document.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

TOL_EV = 1e-3


def main() -> None:
    import warnings

    from scipy.linalg import eigh
    from scipy.sparse.linalg import eigsh

    from qdopto.electronic import solve
    from qdopto.electronic.axisym import (
        AxisymGrid,
        _ordering,
        _Problem,
        mix_bands,
        region_fractions_rz,
        solve_converged,
    )
    from qdopto.materials import default_database

    db = default_database()
    names = ("CdSe", "CdS", "ligand")
    mats = {n: db.get(n).at(300.0) for n in names}

    def bands(carrier: str) -> tuple[list[float], list[float], list[float] | None]:
        if carrier == "e":
            gaps = [mats["CdSe"]["Eg"], mats["CdS"]["Eg"], np.inf]
            return [mats[n]["Ec"] for n in names], [mats[n]["me"] for n in names], gaps
        return [-mats[n]["Ev"] for n in names], [mats[n]["mh"] for n in names], None

    def dot_in_rod(r: np.ndarray, z: np.ndarray) -> np.ndarray:
        core = r * r + (z + 5.0) ** 2 < 1.5**2
        rod = (r < 2.5) & (np.abs(z) < 15.0)
        return np.where(core, 0, np.where(rod, 1, 2)).astype(np.int_)

    def sphere(r: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.where(r * r + z * z < 2.0**2, 0, 2).astype(np.int_)

    structures: dict[str, tuple[Callable[..., Any], tuple[float, float, float], float]] = {
        "dot_in_rod": (dot_in_rod, (2.5, -15.0, 15.0), 0.1),
        "sphere": (sphere, (2.0, -2.0, 2.0), 0.05),
    }

    def make_setup(
        shape: Callable[..., Any], box: tuple[float, float, float], carrier: str, h_ref: float
    ) -> Callable[[float], Any]:
        edge, mass, gap = bands(carrier)

        def setup(h: float) -> Any:
            g = AxisymGrid.graded(*box, h, 2.0, 1.2, h_ref=h_ref)
            e, m, gp = mix_bands(region_fractions_rz(g, shape, 3), edge, mass, gap)
            return g, e, m, (gp if gap is not None else None)

        return setup

    radial = solve("CdSe:2.0", calibrated=False)
    radial_level = {"e": radial.electron[0].energy_eV, "h": -radial.hole[0].energy_eV}
    doc: dict[str, Any] = {"tolerance_eV": TOL_EV, "structures": {}}
    finest: dict[str, Any] = {}
    for name, (shape, box, h0) in structures.items():
        out: dict[str, Any] = {}
        total = 0.0
        for carrier in ("e", "h"):
            setup = make_setup(shape, box, carrier, h0)
            solve_converged(setup, 4 * h0, tol_eV=1.0)  # warm-up (imports, caches)
            t0 = time.perf_counter()
            st, conv = solve_converged(setup, h0, tol_eV=TOL_EV)
            dt = time.perf_counter() - t0
            total += dt
            if name == "sphere":
                reference = radial_level[carrier]
                ref_kind = "radial solver (3-grid Richardson, 0.15 nm cells)"
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ref, rconv = solve_converged(setup, h0 / 2, tol_eV=1e-6, max_refine=2)
                reference = float(ref.energies_eV[0])
                ref_kind = f"grids {rconv['h_nm']} nm, order {rconv['order']:.2f}"
            out[carrier] = {
                "seconds": dt,
                "level_eV": float(st.energies_eV[0]),
                "error_estimate_eV": conv["error_eV"],
                "true_error_eV": float(st.energies_eV[0]) - reference,
                "reference": ref_kind,
                "grids_h_nm": conv["h_nm"],
                "finest_cells": conv["cells"],
                "nonparabolic_iterations": st.iterations,
            }
            if name == "dot_in_rod" and carrier == "h":
                finest = {"setup": setup, "h": conv["h_nm"][-1]}
        out["seconds_total"] = total
        out["target_under_1s"] = total < 1.0
        doc["structures"][name] = out

    # baselines on the dot-in-rod hole problem (parabolic)
    grid, edge, mass, _ = finest["setup"](finest["h"])
    prob = _Problem(grid, edge, mass, np.full(grid.shape, np.inf), 0, _ordering(grid, "auto"))
    t0 = time.perf_counter()
    h_sparse = prob.matrix(None)
    w_sa = eigsh(h_sparse, k=1, which="SA", tol=1e-10, maxiter=200000)[0]
    t_sa = time.perf_counter() - t0
    from qdopto.electronic.axisym import axisym_states

    t0 = time.perf_counter()
    w_si = axisym_states(grid, edge, mass).energies_eV
    t_si = time.perf_counter() - t0
    small, e_s, m_s, _ = finest["setup"](4 * finest["h"])
    p_small = _Problem(small, e_s, m_s, np.full(small.shape, np.inf), 0, _ordering(small, "auto"))
    t0 = time.perf_counter()
    eigh(p_small.matrix(None).toarray(), eigvals_only=True, subset_by_index=(0, 0))
    t_dense = time.perf_counter() - t0
    scale = (grid.n_cells / small.n_cells) ** 3
    doc["baseline"] = {
        "problem": "dot-in-rod hole, parabolic, one grid",
        "cells": grid.n_cells,
        "shift_invert_seconds": t_si,
        "arpack_no_shift_invert_seconds": t_sa,
        "ratio_arpack_SA_vs_shift_invert": t_sa / t_si,
        "levels_agree_eV": float(abs(w_sa[0] - w_si[0])),
        "dense_eigh_small_grid_cells": small.n_cells,
        "dense_eigh_small_grid_seconds": t_dense,
        "dense_eigh_scaled_to_finest_seconds": t_dense * scale,
        "ratio_dense_scaled_vs_shift_invert": t_dense * scale / t_si,
    }
    doc["target_under_1s_per_structure"] = all(
        s["target_under_1s"] for s in doc["structures"].values()
    )
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
