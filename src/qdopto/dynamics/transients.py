"""Time-resolved PL and transient absorption of a QD ensemble after a short pump pulse.

The pulse creates a Poisson distribution of excitons, <N> = sigma j (sigma: the ensemble
cross-section at the pump from :mod:`qdopto.optics`, j: photons per cm^2); the N-exciton
states then decay down the radiative + Auger ladder of :mod:`qdopto.dynamics.rates`.
The observables are those of :mod:`qdopto.dynamics.kinetics`: the PL intensity
sum_N k_rad,N P_N(t) and the band-edge bleach dA/A0(t) (dA + A0 < 0 is gain).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from qdopto.dynamics.kinetics import _check_extra_electrons
from qdopto.dynamics.multiexcitons import band_edge_degeneracy
from qdopto.dynamics.rates import MultiexcitonRates, multiexciton_rates
from qdopto.electronic.models import band_edge_material
from qdopto.errors import QdoptoError
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]


@dataclass(frozen=True)
class KineticsResult:
    """PL and TA kinetics after one pulse.

    Attributes
    ----------
    times_ns : ndarray
        Delay after the pulse [ns].
    pl : ndarray
        PL intensity per dot [photons/ns].
    ta : ndarray
        Band-edge bleach dA/A0 (-1: transparency; below -1: gain).
    """

    structure: str
    fluence_uJ_cm2: float
    pump_wavelength_nm: float
    sigma_pump_cm2: float
    mean_N: float
    degeneracy: int
    rates: MultiexcitonRates
    times_ns: Array = field(repr=False)
    pl: Array = field(repr=False)
    ta: Array = field(repr=False)
    gain_lifetime_ps: float
    extra_electrons: int = 0

    @property
    def gain_at_zero(self) -> bool:
        """dA + A0 < 0 right after the pulse."""
        return bool(self.ta[0] < -1.0)

    @property
    def pl_1_over_e_ns(self) -> float:
        """Time at which the PL has fallen to 1/e of its initial value [ns]."""
        target = self.pl[0] / math.e
        below = np.nonzero(self.pl <= target)[0]
        if below.size == 0:
            return math.inf
        i = int(below[0])
        if i == 0:
            return 0.0
        t0, t1, y0, y1 = self.times_ns[i - 1], self.times_ns[i], self.pl[i - 1], self.pl[i]
        return float(t0 + (target - y0) * (t1 - t0) / (y1 - y0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "fluence_uJ_cm2": self.fluence_uJ_cm2,
            "pump_wavelength_nm": self.pump_wavelength_nm,
            "sigma_pump_cm2": self.sigma_pump_cm2,
            "mean_N": self.mean_N,
            "degeneracy": self.degeneracy,
            "extra_electrons": self.extra_electrons,
            "auger_lifetime_ps": self.rates.to_dict()["auger_lifetime_ps"],
            "auger_model": self.rates.auger_model,
            "ta_at_zero": float(self.ta[0]),
            "gain_at_zero": self.gain_at_zero,
            "gain_lifetime_ps": (
                self.gain_lifetime_ps if math.isfinite(self.gain_lifetime_ps) else None
            ),
            "pl_1_over_e_ns": self.pl_1_over_e_ns,
            "times_ns": self.times_ns.tolist(),
            "pl_photons_per_ns": self.pl.tolist(),
            "ta_dA_over_A0": self.ta.tolist(),
            "notes": list(self.rates.notes),
        }


def pulsed_kinetics(
    structure: SphericalQD | str,
    *,
    fluence_uJ_cm2: float,
    pump_wavelength_nm: float = 400.0,
    dispersion_pct: float = 5.0,
    temperature_K: float = 300.0,
    tau_xx_ns: float | None = None,
    times_ns: Array | None = None,
    auger_model: str = "momentum",
    linewidth_meV: float | None = None,
    extra_electrons: int = 0,
) -> KineticsResult:
    """PL and band-edge TA kinetics of ``structure`` after a short pulse.

    Parameters
    ----------
    structure : SphericalQD or str
        The QDs.
    fluence_uJ_cm2 : float
        Pump fluence [uJ/cm^2].
    pump_wavelength_nm : float
        Pump wavelength [nm] (one-photon: above the first exciton).
    tau_xx_ns : float, optional
        Measured biexciton Auger lifetime [ns] (else ``auger_model``).
    times_ns : ndarray, optional
        Delays [ns] (default: 0 to 5 radiative lifetimes, log-spaced from 1 ps).
    auger_model : {"momentum", "overlap-volume"}
        Auger model of :func:`qdopto.dynamics.rates.multiexciton_rates`.
    linewidth_meV : float, optional
        Homogeneous FWHM [meV] of the spectrum the pump cross-section is read from (needed for
        materials without QD linewidth data).
    extra_electrons : int
        Extra electrons per dot q (photodoped dots): the ladders of the charged states
        (:func:`qdopto.dynamics.kinetics.charged_ladder_rates`, from the trion Auger rates of
        the momentum model) and the charged band-edge weights.
    """
    from qdopto.dynamics.gain import pump_cross_section
    from qdopto.dynamics.kinetics import gain_lifetime, pl_decay, transient_absorption
    from qdopto.dynamics.pumping import mean_excitons_pulsed

    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    sigma, _ = pump_cross_section(
        qd, pump_wavelength_nm, dispersion_pct, temperature_K, linewidth_meV
    )
    mean = float(mean_excitons_pulsed(sigma, fluence_uJ_cm2, pump_wavelength_nm))
    if mean > 30:
        raise QdoptoError(
            f"{fluence_uJ_cm2:g} uJ/cm^2 creates <N> = {mean:.0f} excitons per dot; the "
            "multiexciton ladder is kept to <N> <= 30: lower the fluence"
        )
    # ladder long enough that the Poisson tail above N_max is negligible (< 1e-9)
    n_max = int(max(40, math.ceil(mean + 12 * math.sqrt(mean) + 20)))
    rates = multiexciton_rates(
        qd,
        temperature_K,
        tau_xx_ns=tau_xx_ns,
        n_max=n_max,
        auger_model=auger_model,
        dispersion_pct=dispersion_pct,
    )
    g = band_edge_degeneracy(band_edge_material(qd, temperature_K))
    q = _check_extra_electrons(extra_electrons, g)
    k_rad, k_tot = rates.ladders(q)
    if times_ns is None:
        t_end = 5.0 / rates.k_rad_x_per_ns
        t = np.concatenate([[0.0], np.geomspace(1e-3, t_end, 400)])
    else:
        t = np.asarray(times_ns, dtype=float)
        if t.ndim != 1 or t.size < 2 or np.any(t < 0) or np.any(np.diff(t) <= 0):
            raise QdoptoError("delays must be >= 0 and increasing (at least 2)")
    pl = np.asarray(pl_decay(mean, k_rad, k_tot, t))
    ta = np.asarray(transient_absorption(mean, k_tot, g, t, q))
    tau_gain = float(gain_lifetime(mean, k_tot, g, q))
    return KineticsResult(
        qd.spec,
        float(fluence_uJ_cm2),
        float(pump_wavelength_nm),
        sigma,
        mean,
        g,
        rates,
        t,
        pl,
        ta,
        tau_gain * 1e3,
        q,
    )
