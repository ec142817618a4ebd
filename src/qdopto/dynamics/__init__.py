"""Carrier dynamics and gain: multiexciton statistics, Auger and radiative ladders, kinetics.

See docs/dynamics.md. Rates are in 1/ns, times in ns, populations per dot.
"""

from __future__ import annotations

from qdopto.dynamics.multiexcitons import (
    auger_rates_statistical,
    band_edge_degeneracy,
    biexciton_quantum_yield,
    decay_populations,
    gain_threshold_occupancy,
    net_band_edge_absorption,
    poisson,
    radiative_rates,
    steady_state,
)

__all__ = [
    "auger_rates_statistical",
    "band_edge_degeneracy",
    "biexciton_quantum_yield",
    "decay_populations",
    "gain_threshold_occupancy",
    "net_band_edge_absorption",
    "poisson",
    "radiative_rates",
    "steady_state",
]
