"""Benchmark of the materials layer: database load, vectorised band gaps, alloy lookups.

Prints one JSON document. Each vectorised figure is compared with a Python loop over the same
work measured in the same run (``ratio_vs_loop``).

Run: ``python benchmarks/bench_materials.py``
"""

from __future__ import annotations

import json
import time

import numpy as np


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    from qdopto.materials import Database, data_files, default_database

    t_load = _best(lambda: Database.from_paths(data_files()))
    db = default_database()
    cdse = db.get("CdSe")
    gaas = db.get("GaAs")
    temps = np.linspace(4.0, 600.0, 100_000)

    t_vec = _best(lambda: gaas.bandgap(temps))
    few = temps[:2_000]
    t_loop = _best(lambda: [float(gaas.bandgap(t)) for t in few]) * (temps.size / few.size)

    alloy = db.get("In0.53Ga0.47As")
    t_alloy_vec = _best(lambda: alloy.bandgap(temps))

    xs = np.round(np.linspace(0.001, 0.999, 1000), 6)
    t_lookup = _best(lambda: [db.get(f"Cd{x:.6f}Zn{1 - x:.6f}Se") for x in xs], repeat=1)
    t_cached = _best(lambda: [db.get(f"Cd{x:.6f}Zn{1 - x:.6f}Se") for x in xs])

    doc = {
        "database_load_s": t_load,
        "materials": len(db.materials),
        "bandgap_vectorised_per_s": temps.size / t_vec,
        "bandgap_loop_per_s": temps.size / t_loop,
        "ratio_vs_loop": t_loop / t_vec,
        "alloy_bandgap_vectorised_per_s": temps.size / t_alloy_vec,
        "alloy_formula_lookups_per_s_first": xs.size / t_lookup,
        "alloy_formula_lookups_per_s_cached": xs.size / t_cached,
        "cdse_eg_300K_eV": float(cdse.bandgap(300.0)),
    }
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
