"""Radiative and Auger rates of excitons and multiexcitons, from the computed structure.

Radiative rate of the band-edge exciton
---------------------------------------
The spontaneous-emission rate of a transition of (per-axis, absorption) oscillator strength f
at angular frequency w, in a medium of index n_s with the local-field factor
f_LF = 3 n_s^2 / (eps_QD + 2 n_s^2) [R. C. Hilborn, Am. J. Phys. 50, 982 (1982), Eq. (14):
A = e^2 w^2 f / (2 pi eps0 m0 c^3) in vacuum (= 6.670e15 f / lambda[A]^2 s^-1); with the
medium and local-field factors as in Hens & Moreels, J. Mater. Chem. 22, 10406 (2012)]:

    k_rad = e^2 w^2 n_s |f_LF|^2 f / (2 pi eps0 m0 c^3) / g_states,                       (1)

where f is summed over the g_states = 8 band-edge exciton states of a II-VI / III-V dot
(2 electron spins x 4 J = 3/2 hole states), which are equally populated at room temperature,
so the thermal average divides by 8. The one-band envelope model overestimates the band-edge
oscillator strength of CdSe ~3x (docs/optics.md), so k_rad is ~3x too large (tested as a
documented discrepancy in tests/test_transitions.py).

Biexciton Auger rate: the overlap-volume model
----------------------------------------------
The biexciton Auger lifetime of core-only nanocrystals of many materials follows one
"universal" volume scaling, tau_XX = gamma V [V. I. Klimov et al., Science 287, 1011 (2000);
I. Robel et al., Phys. Rev. Lett. 102, 177404 (2009)]: the rate of the three-particle
Coulomb process scales with the probability of finding the recombining electron and hole
together, ~1/V in a uniform sphere. In a heterostructure the same probability is
int |psi_e|^2 |psi_h|^2 d^3r, computed here from the solved ground states; its inverse,

    V_eh = 1 / int |psi_e(r)|^2 |psi_h(r)|^2 d^3r                                         (2)

(the electron-hole overlap volume; ~1.1 V for a CdSe core of R = 2 nm, larger where the
carriers separate or spread into a shell, as in quasi-type-II CdSe/CdS and quantum shells),
replaces V:

    tau_XX = gamma_eh V_eh.                                                               (3)

gamma_eh is ONE stated calibration (``AUGER_GAMMA_PS_PER_NM3`` below): the published gamma of
Robel et al. could not be read here (only the abstract was reachable), so gamma_eh is set
such that the default red CdSe/CdS core/shell (CdSe:2.0/CdS:1.5 in toluene) has
QY_XX/QY_X = 0.20, the geometric middle of the 10-40 % reported for conventional CdSe/CdS
QDs (Nazar et al., Nanoscale review; ../shared/REFERENCE_DATA.md), with this module's own
radiative rate. Everything else (size, shell, alloy and quantum-shell dependence) comes from
Eq. (2) and the structure.

Limits (documented, tested as expected discrepancies): Eq. (3) contains no momentum-
conservation physics, so it does not capture the extra suppression by smooth (graded)
interfaces [G. E. Cragg, Al. L. Efros, Nano Lett. 10, 313 (2010)] beyond what the graded
profile does to V_eh, nor the dielectric-screening and final-state effects; it predicts
quantum-shell biexciton lifetimes of ~10 ns where tens of ns are measured.

Biexciton Auger rate: the momentum model (the default)
------------------------------------------------------
:mod:`qdopto.dynamics.auger` computes the X- and X+ Auger rates with Fermi's golden rule on
the solved states (the final carrier's momentum must come from the confinement potential) and
k_XX = 2 (k_X- + k_X+), averaged over the core-radius distribution. It has no adjustable
parameter; ``auger_model="overlap-volume"`` selects Eq. (3) instead. Higher multiexcitons
follow the statistical scaling (:func:`qdopto.dynamics.auger_rates_statistical`) in both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import constants as sc

from qdopto.dynamics.kinetics import charged_ladder_rates
from qdopto.dynamics.multiexcitons import auger_rates_statistical, radiative_rates
from qdopto.electronic import solve
from qdopto.electronic.models import band_edge_material
from qdopto.electronic.results import ElectronicResult
from qdopto.electronic.transitions import transitions
from qdopto.errors import QdoptoError
from qdopto.materials import default_database
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]

#: Band-edge exciton states sharing the thermal population at room temperature (Eq. 1).
BAND_EDGE_STATES = 8
#: Structure and QY_XX/QY_X of the calibration (Nazar et al.; REFERENCE_DATA.md).
CALIBRATION_STRUCTURE = "CdSe:2.0/CdS:1.5|toluene"
CALIBRATION_QY_RATIO = 0.20
#: gamma_eh of Eq. (3) [ps/nm^3]: the one stated calibration (module docstring). For the
#: calibration structure this module gives k_rad = 0.1000/ns and V_eh = 49.45 nm^3, and
#: QY_XX/QY_X = 4 k_rad / (4 k_rad + 1/tau_XX) = 0.20 needs tau_XX = 1/(16 k_rad) = 0.625 ns
#: (re-derived in tests/test_rates.py).
AUGER_GAMMA_PS_PER_NM3 = 12.64
#: Biexciton Auger models of :func:`multiexciton_rates`.
AUGER_MODELS = ("momentum", "overlap-volume")


def overlap_volume_from_densities(r_nm: Array, p_e: Array, p_h: Array) -> float:
    """V_eh of Eq. (2) [nm^3] from radial probability densities P(r) = 4 pi r^2 |psi|^2.

    int |psi_e|^2 |psi_h|^2 d^3r = int P_e P_h / (4 pi r^2) dr, by the midpoint rule on the
    cell centres ``r_nm`` (cell boundaries halfway between them, the first at r = 0).
    """
    r = np.asarray(r_nm, dtype=float)
    edges = np.concatenate([[0.0], 0.5 * (r[1:] + r[:-1]), [1.5 * r[-1] - 0.5 * r[-2]]])
    integrand = np.asarray(p_e) * np.asarray(p_h) / (4 * math.pi * r**2)
    integral = float(np.sum(integrand * np.diff(edges)))
    if not integral > 0:
        raise QdoptoError("electron and hole densities do not overlap")
    return 1.0 / integral


def overlap_volume_nm3(result: ElectronicResult) -> float:
    """Electron-hole overlap volume V_eh = 1 / int |psi_e|^2 |psi_h|^2 d^3r [nm^3] (Eq. 2).

    Parameters
    ----------
    result : ElectronicResult
        A radial-model result (it carries the ground-state densities on its grid).
    """
    prof = result.profile
    if prof is None:
        raise QdoptoError(
            f"the overlap volume needs the solved wavefunctions; model '{result.model}' gives "
            "none: use the radial model"
        )
    return overlap_volume_from_densities(prof.r_nm, prof.density_e, prof.density_h)


def exciton_radiative_rate_per_ns(
    structure: SphericalQD | str, temperature_K: float = 300.0
) -> float:
    """Thermally averaged radiative rate of the band-edge exciton [1/ns] (Eq. 1)."""
    ts = transitions(structure, temperature_K, max_l=0, max_n=1)
    tr = ts.transitions[0]
    n_s = ts.medium_index
    name = band_edge_material(ts.structure, temperature_K)
    mat = default_database().get(name).at(temperature_K)
    if "eps_inf" not in mat:
        raise QdoptoError(
            f"{name} has no eps_inf: the local-field factor of the radiative rate needs it"
        )
    f_lf = 3 * n_s**2 / (mat["eps_inf"] + 2 * n_s**2)
    w = tr.energy_eV * sc.e / sc.hbar
    a = sc.e**2 * w**2 * n_s * f_lf**2 * tr.oscillator_strength
    a /= 2 * math.pi * sc.epsilon_0 * sc.m_e * sc.c**3 * BAND_EDGE_STATES
    return float(a * 1e-9)


@dataclass(frozen=True)
class MultiexcitonRates:
    """Radiative and Auger rates of the N-exciton states of one structure.

    Attributes
    ----------
    structure : str
        Normalised spec.
    k_rad_x_per_ns : float
        Radiative rate of the exciton [1/ns] (Eq. 1).
    tau_xx_auger_ns : float
        Biexciton Auger lifetime [ns].
    auger_model : str
        ``momentum`` (:mod:`qdopto.dynamics.auger`), ``overlap-volume`` (Eq. 3) or ``given``
        (a measured lifetime passed in).
    overlap_volume_nm3 : float
        V_eh of Eq. (2) [nm^3].
    n_max : int
        Highest N of the ladders.
    trion_auger_ps : dict or None
        Auger lifetimes of X- and X+ [ps] (momentum model only).
    """

    structure: str
    temperature_K: float
    k_rad_x_per_ns: float
    tau_xx_auger_ns: float
    auger_model: str
    overlap_volume_nm3: float
    n_max: int = 40
    notes: tuple[str, ...] = field(default=(), compare=False)
    trion_auger_ps: dict[str, float] | None = None

    @property
    def k_rad(self) -> Array:
        """Radiative rates k_N [1/ns], N = 0..n_max (k_N = k_X N^2)."""
        return radiative_rates(self.k_rad_x_per_ns, self.n_max)

    @property
    def k_auger(self) -> Array:
        """Auger rates k_N [1/ns] (statistical scaling from the biexciton)."""
        return auger_rates_statistical(1.0 / self.tau_xx_auger_ns, self.n_max)

    @property
    def k_total(self) -> Array:
        """Total decay rates k_N [1/ns]."""
        return np.asarray(self.k_rad + self.k_auger)

    def ladders(self, extra_electrons: int = 0) -> tuple[Array, Array]:
        """Radiative and total decay rates k_N [1/ns] of dots holding N excitons and
        ``extra_electrons`` extra electrons (:func:`qdopto.dynamics.charged_ladder_rates` from
        the trion Auger rates; the neutral ladders for 0)."""
        if extra_electrons == 0:
            return self.k_rad, self.k_total
        if self.trion_auger_ps is None:
            raise QdoptoError(
                "charged dots need the trion Auger rates of the momentum model: drop "
                "--tau-xx / auger_model='overlap-volume' (they give the biexciton only)"
            )
        k_rad, k_auger = charged_ladder_rates(
            self.k_rad_x_per_ns,
            1e3 / self.trion_auger_ps["X-"],
            1e3 / self.trion_auger_ps["X+"],
            self.n_max,
            extra_electrons,
        )
        return k_rad, np.asarray(k_rad + k_auger)

    def auger_lifetime_ps(self, n: int) -> float:
        """Auger lifetime of the N-exciton state [ps] (N >= 2)."""
        if not 2 <= n <= self.n_max:
            raise QdoptoError(f"Auger lifetimes are defined for N = 2..{self.n_max}, got {n}")
        return float(1e3 / self.k_auger[n])

    @property
    def biexciton_qy(self) -> float:
        """QY_XX / QY_X = k_rad,XX / (k_rad,XX + k_A,XX), for a dot whose single exciton is
        radiative-limited (QY_X = 1); this is also g2(0) under weak excitation [G. Nair,
        J. Zhao, M. G. Bawendi, Nano Lett. 11, 1136 (2011)]."""
        k2 = 4.0 * self.k_rad_x_per_ns
        return float(k2 / (k2 + 1.0 / self.tau_xx_auger_ns))

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "temperature_K": self.temperature_K,
            "radiative_lifetime_X_ns": 1.0 / self.k_rad_x_per_ns,
            "radiative_lifetime_XX_ns": 0.25 / self.k_rad_x_per_ns,
            "auger_model": self.auger_model,
            "overlap_volume_nm3": self.overlap_volume_nm3,
            "auger_lifetime_ps": {
                "XX": self.auger_lifetime_ps(2),
                "XXX": self.auger_lifetime_ps(3),
                "XXXX": self.auger_lifetime_ps(4),
            },
            "trion_auger_lifetime_ps": (
                None if self.trion_auger_ps is None else dict(self.trion_auger_ps)
            ),
            "biexciton_qy": self.biexciton_qy,
            "g2_zero": self.biexciton_qy,
            "notes": list(self.notes),
        }


def multiexciton_rates(
    structure: SphericalQD | str,
    temperature_K: float = 300.0,
    *,
    tau_xx_ns: float | None = None,
    n_max: int = 40,
    auger_model: str = "momentum",
    dispersion_pct: float = 5.0,
) -> MultiexcitonRates:
    """Radiative and Auger rates of the multiexcitons of a structure.

    Parameters
    ----------
    structure : SphericalQD or str
        The structure.
    temperature_K : float
        Temperature [K].
    tau_xx_ns : float, optional
        A measured biexciton Auger lifetime [ns]; it overrides ``auger_model``.
    n_max : int
        Highest N kept in the ladders.
    auger_model : {"momentum", "overlap-volume"}
        How the biexciton Auger lifetime is estimated: the golden-rule momentum model of
        :mod:`qdopto.dynamics.auger` (no adjustable parameter; default) or the calibrated
        overlap-volume scaling, Eq. (3).
    dispersion_pct : float
        Core-radius dispersion [% of the mean] the momentum model averages over.

    Returns
    -------
    MultiexcitonRates
    """
    from qdopto.dynamics.auger import trion_auger_rates

    if auger_model not in AUGER_MODELS:
        raise QdoptoError(
            f"unknown Auger model {auger_model!r}; use one of {', '.join(AUGER_MODELS)}"
        )
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    result = solve(qd, temperature_K=temperature_K)
    v_eh = overlap_volume_nm3(result)
    k_x = exciton_radiative_rate_per_ns(qd, temperature_K)
    trions: dict[str, float] | None = None
    notes: tuple[str, ...] = ()
    if tau_xx_ns is not None:
        if not (math.isfinite(tau_xx_ns) and 1e-4 <= tau_xx_ns <= 1e4):
            raise QdoptoError(
                f"the biexciton Auger lifetime must lie within 1e-4-1e4 ns, got {tau_xx_ns}"
            )
        tau, model = float(tau_xx_ns), "given"
    elif auger_model == "momentum":
        auger = trion_auger_rates(qd, temperature_K, dispersion_pct=dispersion_pct)
        tau, model = auger.tau_biexciton_ps * 1e-3, "momentum"
        trions = {"X-": auger.tau_negative_ps, "X+": auger.tau_positive_ps}
        notes = (
            *auger.notes,
            "pass a measured biexciton lifetime where one exists",
        )
    else:
        tau = AUGER_GAMMA_PS_PER_NM3 * v_eh * 1e-3
        model = "overlap-volume"
        notes = (
            "biexciton Auger lifetime from the overlap-volume model (calibrated; "
            "docs/dynamics.md): pass a measured value where one exists",
        )
    return MultiexcitonRates(
        qd.spec, float(temperature_K), k_x, tau, model, v_eh, n_max, notes, trions
    )
