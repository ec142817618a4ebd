"""Carrier dynamics and gain: multiexciton statistics, Auger and radiative ladders, kinetics.

See docs/dynamics.md. Rates are in 1/ns, times in ns, populations per dot.
"""

from __future__ import annotations

from qdopto.dynamics.kinetics import (
    TrionRates,
    band_edge_absorption,
    band_edge_weights,
    biexciton_auger_from_trions,
    charged_ladder_rates,
    gain_lifetime,
    gain_threshold_charged,
    pl_decay,
    threshold_generation_rate,
    transient_absorption,
    trion_rates,
)
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
from qdopto.dynamics.pumping import (
    check_one_photon,
    check_two_photon,
    current_density_for_generation_rate,
    fluence_for_mean_excitons,
    generation_rate_cw,
    generation_rate_electrical,
    intensity_for_generation_rate,
    mean_excitons_pulsed,
    mean_excitons_two_photon,
    photon_energy_ev,
    photons_per_cm2,
)

__all__ = [
    "TrionRates",
    "auger_rates_statistical",
    "band_edge_absorption",
    "band_edge_degeneracy",
    "band_edge_weights",
    "biexciton_auger_from_trions",
    "biexciton_quantum_yield",
    "charged_ladder_rates",
    "check_one_photon",
    "check_two_photon",
    "current_density_for_generation_rate",
    "decay_populations",
    "fluence_for_mean_excitons",
    "gain_lifetime",
    "gain_threshold_charged",
    "gain_threshold_occupancy",
    "generation_rate_cw",
    "generation_rate_electrical",
    "intensity_for_generation_rate",
    "mean_excitons_pulsed",
    "mean_excitons_two_photon",
    "net_band_edge_absorption",
    "photon_energy_ev",
    "photons_per_cm2",
    "pl_decay",
    "poisson",
    "radiative_rates",
    "steady_state",
    "threshold_generation_rate",
    "transient_absorption",
    "trion_rates",
]
