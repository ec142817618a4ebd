"""Auger rates of trions and biexcitons from the computed wavefunctions (momentum model).

Why a momentum model
--------------------
In an Auger process the recombination energy (~E_g) goes to a third carrier, which must take
up a large momentum hbar k_f (k_f ~ 4-5 nm^-1 in CdSe). A carrier bound in a smooth potential
has almost no such Fourier components; an abrupt interface or surface supplies them. The
Auger rate is therefore controlled by the high-momentum tail of the confined states, i.e. by
the sharpness of the confinement potential, not only by the electron-hole overlap
[G. E. Cragg, Al. L. Efros, Nano Lett. 10, 313 (2010): smoothing the confinement potential
suppresses Auger recombination, and the rate of an abrupt dot oscillates with size ("magic
sizes"); J. I. Climente, J. L. Movilla, J. Planelles, Small 8, 754 (2012), arXiv:1111.1526:
smooth (alloyed) interfaces suppress Auger recombination, more so in type-II structures]. This
module evaluates that physics with Fermi's golden rule on the radial states of
:mod:`qdopto.electronic.radial`, with no adjustable parameter.

The model (each step derived here; the tests check each against an independent route)
--------------------------------------------------------------------------------------
Negative trion X- (2e + 1h): one electron recombines with the hole, the other is excited to a
free state |k> of kinetic energy E_f. The interband transition of the recombining pair is a
polarisation density P(r) = e d_cv psi_e(r) psi_h(r), with the interband dipole from k.p
[d_cv = hbar p_cv / (m0 E_g), |p_cv|^2 summed over the recombining carrier's spin = m0 E_P / 2,
Kane, J. Phys. Chem. Solids 1, 249 (1957)]:

    |d_cv|^2 = hbar^2 E_P / (2 m0 E_g^2).                                                (1)

The same average holds for X+ (two holes in random J = 3/2 states). For s-states the
polarisation creates, in an unbounded medium eps, the potential energy
V(r) = (e^2 / 4 pi eps0 eps) (d . r_hat) q(r) / r^2 for the third carrier, with
q(r) = 4 pi int_0^r psi_e psi_h r'^2 dr' (Gauss's law). The particle (eps_in) sits in a medium
of lower permittivity eps_out, which adds the reaction field of the l = 1 moment d K
(K = q(inf), the overlap) of a dipole in a dielectric sphere of radius R: q(r) becomes

    f(r) = q(r) + lambda K (r/R)^3 (r <= R),   3 eps_in q(r) / (eps_in + 2 eps_out) (r > R),
    lambda = 2 (eps_in - eps_out) / (eps_in + 2 eps_out)                                (2b)

(:func:`reaction_field_profile`; J. D. Jackson, Classical Electrodynamics, 3rd ed., Sec. 4.4).
This is the dielectric-screening dependence of Auger rates on the surroundings reported for
CdSe/CdS QDs ("Engineering Auger recombination in colloidal quantum dots via dielectric
screening", Nat. Commun. 10, 1734 (2019), doi:10.1038/s41467-019-09737-2). Expanding the plane
wave in spherical waves (Abramowitz & Stegun 10.1.47) only l = 1 survives:

    <k|V|psi_c> = -4 pi i (e^2 / 4 pi eps0 eps_in) (d . k_hat) G(k) / sqrt(Omega),
    G(k) = int_0^inf j_1(k r) psi_c(r) f(r) dr,                                         (2)

psi_c the initial state of the carrier that is excited. Fermi's golden rule with the final
density of states k^2 dk/dE / (2 pi)^3 and the angular average <(d . k_hat)^2> = |d|^2 / 3:

    k_A = (16 pi / 3 hbar) (e^2 / 4 pi eps0 eps)^2 |d_cv|^2 k_f^2 (dk/dE) G(k_f)^2.       (3)

The excited carrier's final state is a bulk band state of the material holding it (mass, band
edge and gap averaged over its density inside the particle). Its kinetic energy is
E_f = (E_1 - E_edge) + E_X (its confinement energy plus the exciton energy released); k_f
follows from the Kane two-band dispersion E (1 + E/E_g) = hbar^2 k^2 / 2m for electrons (and
for the holes of rock-salt lead salts), from a parabolic heavy-hole band otherwise, which is
how :mod:`qdopto.electronic.profile` treats each carrier. eps_in is the high-frequency
permittivity and E_P, E_g are averaged over the electron-hole overlap density, as for the
oscillator strength in :mod:`qdopto.electronic.transitions`; eps_out is the medium's optical
permittivity. The biexciton rate follows from
the superposition principle k_XX = 2 (k_X- + k_X+)
(:func:`qdopto.dynamics.biexciton_auger_from_trions`).

Ensembles. Because k_A depends on cos(k_f R)-like interference, the rate of one abrupt dot
swings by orders of magnitude over a fraction of a nanometre of radius (the magic sizes).
Measured lifetimes are ensemble averages, so the default result averages the rates over a
normal distribution of the core radius (``dispersion_pct``, 5 % as for the spectra;
Gauss-Hermite nodes of :func:`qdopto.optics.ensemble.size_quadrature`), solved as one batch.

Limits (docs/dynamics.md). One-band envelopes (no valence-band mixing or two-band spinor
components, which Climente et al. include); plane-wave final states; direct Coulomb term only
(no exchange); one permittivity for the whole particle in Eq. (2b); a parabolic heavy-hole
band up to ~E_g below the valence-band edge, so the X-/X+ split is less reliable than the
biexciton rate (for CdSe cores the model makes X- the faster trion, where the literature
mostly reports X+ faster); the abrupt-interface tail depends on the BenDaniel-Duke boundary
conditions; lead salts (four L valleys, anisotropic bands) are outside the model: it makes
them ~10x faster than CdSe of the same volume, where the measured rates converge (Robel et
al., PRL 102, 177404 (2009)), and warns.
Absolute rates are an estimate; the contrast between structures (graded vs abrupt, quantum
shells vs core/shells) is what the model is for.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import constants as sc
from scipy.special import spherical_jn

from qdopto.constants import COULOMB_EV_NM, HBAR2_2M0_EV_NM2
from qdopto.electronic.models import (
    _validity_warnings,
    band_edge_material,
    coulomb_for,
    family_of,
    prepare_family,
)
from qdopto.electronic.profile import CarrierBands, FamilyProfile
from qdopto.electronic.radial import solve_family
from qdopto.electronic.transitions import (
    MAX_OVERLAP_WITHOUT_EP,
    _kane_average,
    _kane_per_cell,
)
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.materials import default_database
from qdopto.optics.ensemble import size_quadrature
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]

#: Largest cell inside the particle [nm] for the Auger transforms: k_f h <= 0.1 for
#: k_f <= 5 nm^-1; the rates change by ~1 % when it is halved (tests/test_auger.py).
AUGER_RESOLUTION_NM = 0.02
#: Gauss-Hermite nodes of the core-radius average (as the spectra's fitting code).
AUGER_NODES = 15
#: hbar [eV s].
_HBAR_EV_S = sc.hbar / sc.e


def transition_dipole_nm2(kane_energy_eV: Array | float, gap_eV: Array | float) -> Array:
    """|d_cv|^2 of Eq. (1) [nm^2]: hbar^2 E_P / (2 m0 E_g^2).

    Parameters
    ----------
    kane_energy_eV : float or ndarray
        Kane energy E_P [eV].
    gap_eV : float or ndarray
        Band gap E_g [eV].
    """
    ep = np.asarray(kane_energy_eV, dtype=float)
    eg = np.asarray(gap_eV, dtype=float)
    if not (np.all(ep > 0) and np.all(eg > 0) and np.all(np.isfinite(ep * eg))):
        raise QdoptoError(
            f"the interband dipole needs finite E_P > 0 and E_g > 0, got {ep}, {eg} eV"
        )
    return np.asarray(HBAR2_2M0_EV_NM2 * ep / eg**2)


def final_state_momentum(
    kinetic_eV: Array | float, mass: Array | float, gap_eV: Array | float
) -> tuple[Array, Array]:
    """Wavenumber and k^2 dk/dE of a free carrier in a Kane band (parabolic for gap = inf).

    Parameters
    ----------
    kinetic_eV : float or ndarray
        Kinetic energy E above the band edge [eV] (> 0).
    mass : float or ndarray
        Band-edge effective mass [m_e].
    gap_eV : float or ndarray
        Gap of the two-band dispersion E (1 + E/E_g) = hbar^2 k^2 / 2m [eV]; inf: parabolic.

    Returns
    -------
    k, dos : ndarray
        k [1/nm] and k^2 dk/dE [1/(nm^3 eV)], the radial factor of d^3k = k^2 dk dOmega.
    """
    e = np.asarray(kinetic_eV, dtype=float)
    m = np.asarray(mass, dtype=float)
    g = np.asarray(gap_eV, dtype=float)
    if not (np.all(e > 0) and np.all(m > 0) and np.all(g > 0)):
        raise QdoptoError("final-state energy, mass and gap must be positive")
    nonpar = np.where(np.isfinite(g), e / g, 0.0)
    k = np.sqrt(e * (1.0 + nonpar) * m / HBAR2_2M0_EV_NM2)
    # hbar^2 k dk / m = (1 + 2E/Eg) dE  ->  k^2 dk/dE = k m (1 + 2E/Eg) / (2 hbar^2/2m0)
    dos = k * m * (1.0 + 2.0 * nonpar) / (2.0 * HBAR2_2M0_EV_NM2)
    return np.asarray(k), np.asarray(dos)


def auger_transform(r_nm: Array, widths_nm: Array, psi: Array, charge: Array, k: Array) -> Array:
    """G(k) = int_0^inf j_1(k r) psi(r) q(r) dr of Eq. (2) [nm^-1/2], for a batch.

    Parameters
    ----------
    r_nm, widths_nm : ndarray (B, N)
        Cell centres and widths [nm].
    psi : ndarray (B, N)
        Envelope of the excited carrier at the cell centres, int |psi|^2 d^3r = 1 [nm^-3/2].
    charge : ndarray (B, N)
        f(r) of Eq. (2b) (or q(r) = 4 pi int_0^r psi_e psi_h r'^2 dr' without the dielectric
        mismatch) at the cell centres (dimensionless).
    k : ndarray (B,)
        Final-state wavenumber [1/nm].

    Returns
    -------
    ndarray (B,)
        Midpoint rule on the cells, second order in k h.
    """
    kr = np.asarray(k)[:, None] * r_nm
    return np.asarray(np.sum(spherical_jn(1, kr) * psi * charge * widths_nm, axis=1))


def reaction_field_profile(
    r_nm: Array, charge: Array, radius_nm: Array, eps_in: Array, eps_out: float
) -> Array:
    """f(r) of Eq. (2b): the radial profile of the potential of the transition polarisation in
    a dielectric sphere, V = (e^2 / 4 pi eps0 eps_in) (d . r_hat) f(r) / r^2.

    Inside (r <= R): f = q(r) + lambda K (r / R)^3, lambda = 2 (eps_in - eps_out) / (eps_in +
    2 eps_out), K = q(inf) the electron-hole overlap; outside: f = 3 eps_in q(r) / (eps_in +
    2 eps_out). This is the potential of a dipole in a dielectric sphere (reaction field
    uniform inside, J. D. Jackson, Classical Electrodynamics, 3rd ed., Sec. 4.4, applied to the
    l = 1 moment d K of the polarisation), continuous at r = R.

    Parameters
    ----------
    r_nm : ndarray (B, N)
        Cell centres [nm].
    charge : ndarray (B, N)
        q(r) of Eq. (2) at the cell centres.
    radius_nm : ndarray (B,)
        Outer radius R of the particle [nm].
    eps_in : ndarray (B,)
        Permittivity of the particle.
    eps_out : float
        Permittivity of the medium.
    """
    rad = np.asarray(radius_nm, dtype=float)[:, None]
    e_in = np.asarray(eps_in, dtype=float)[:, None]
    lam = 2.0 * (e_in - eps_out) / (e_in + 2.0 * eps_out)
    total = charge[:, -1:]
    return np.asarray(
        np.where(
            r_nm <= rad,
            charge + lam * total * (r_nm / rad) ** 3,
            3.0 * e_in / (e_in + 2.0 * eps_out) * charge,
        )
    )


def golden_rule_rate_per_ns(
    transform: Array, dos: Array, dipole_nm2: Array | float, eps: Array | float
) -> Array:
    """Eq. (3): k_A [1/ns] from G(k_f), k^2 dk/dE, |d_cv|^2 and the permittivity."""
    coulomb = COULOMB_EV_NM / np.asarray(eps, dtype=float)
    rate_ev = (16.0 * math.pi / 3.0) * coulomb**2 * dipole_nm2 * dos * np.asarray(transform) ** 2
    return np.asarray(rate_ev / _HBAR_EV_S * 1e-9)


@dataclass(frozen=True)
class AugerRates:
    """Trion and biexciton Auger lifetimes of a structure from the momentum model.

    Attributes
    ----------
    structure : str
        Normalised spec.
    temperature_K : float
        Temperature [K].
    dispersion_pct : float
        Standard deviation of the core radius the rates are averaged over [% of the mean].
    tau_negative_ps, tau_positive_ps, tau_biexciton_ps : float
        Ensemble-averaged Auger lifetimes 1/<k> of X-, X+ and XX [ps].
    single_dot_ps : dict
        The same three lifetimes for the mean structure alone [ps].
    final_momentum_nm : dict
        k_f of the excited electron (X-) and hole (X+) of the mean structure [1/nm].
    final_energy_eV : dict
        Their kinetic energies E_f [eV].
    kane_energy_eV, gap_eV, eps_inf : float
        E_P, E_g and eps of Eqs. (1)-(3) for the mean structure.
    grid_change : float
        Relative change of the biexciton rate when the cells are doubled (grid error).
    """

    structure: str
    temperature_K: float
    dispersion_pct: float
    tau_negative_ps: float
    tau_positive_ps: float
    tau_biexciton_ps: float
    single_dot_ps: dict[str, float]
    final_momentum_nm: dict[str, float]
    final_energy_eV: dict[str, float]
    kane_energy_eV: float
    gap_eV: float
    eps_inf: float
    grid_change: float
    notes: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary."""
        return {
            "structure": self.structure,
            "temperature_K": self.temperature_K,
            "model": "momentum (golden rule on the radial states; docs/dynamics.md)",
            "dispersion_pct": self.dispersion_pct,
            "auger_lifetime_ps": {
                "X-": self.tau_negative_ps,
                "X+": self.tau_positive_ps,
                "XX": self.tau_biexciton_ps,
            },
            "single_dot_auger_lifetime_ps": dict(self.single_dot_ps),
            "final_momentum_nm-1": dict(self.final_momentum_nm),
            "final_energy_eV": dict(self.final_energy_eV),
            "kane_energy_eV": self.kane_energy_eV,
            "gap_eV": self.gap_eV,
            "eps_inf": self.eps_inf,
            "grid_change": self.grid_change,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _Batch:
    k_minus: Array
    k_plus: Array
    k_f: dict[str, Array]
    e_f: dict[str, Array]
    kane: Array
    gap: Array
    eps: Array
    bound: NDArray[np.bool_]
    levels: tuple[float, float]
    profile: FamilyProfile


def _weighted(weight: Array, values: Array) -> Array:
    return np.asarray(np.sum(weight * values, axis=1) / np.sum(weight, axis=1))


def _solve_batch(
    qd: SphericalQD, thicknesses: Array, temperature_K: float, resolution_nm: float
) -> _Batch:
    layers, medium = family_of(qd)
    run = prepare_family(layers, medium, thicknesses, temperature_K, resolution_nm, True)
    prof = run.profile
    sol = solve_family(prof, run.thicknesses, estimate_error=False)
    bound = (
        (sol.localization_e[:, -1] < 0.5)
        & (sol.localization_h[:, -1] < 0.5)
        & (sol.electron_level < prof.electron.edge[-1])
        & (-sol.hole_level < prof.hole.edge[-1])
    )
    if not bound[0]:
        raise QdoptoError(
            f"no bound electron or hole in {qd.spec}: the structure has no trion or biexciton "
            "to recombine; make the confining layer thicker or choose a medium with a higher "
            "barrier"
        )
    faces = sol.faces
    volumes = (faces[:, 1:] ** 3 - faces[:, :-1] ** 3) / 3.0
    r = 0.5 * (faces[:, 1:] + faces[:, :-1])
    h = np.diff(faces, axis=1)
    inside = prof.layer_of_cell < len(prof.layers)
    # ground states are nodeless: fix their sign; psi = R / sqrt(4 pi), int R^2 r^2 dr = 1
    phi_e = sol.phi_e * np.sign(np.sum(sol.phi_e, axis=1))[:, None]
    phi_h = sol.phi_h * np.sign(np.sum(sol.phi_h, axis=1))[:, None]
    psi_e = phi_e / np.sqrt(4.0 * math.pi * volumes)
    psi_h = phi_h / np.sqrt(4.0 * math.pi * volumes)
    cell = phi_e * phi_h  # 4 pi psi_e psi_h r^2 dr per cell
    charge = np.cumsum(cell, axis=1) - 0.5 * cell
    # the electron-hole overlap density weights E_P, E_g and eps (as for the oscillator strength)
    overlap = np.abs(cell) * inside[None, :]
    kane_cells = _kane_per_cell(qd, prof.layer_of_cell, temperature_K)
    known = np.isfinite(kane_cells)
    missing = np.sum(np.abs(cell) * ~known, axis=1) / np.sum(np.abs(cell), axis=1)
    worst = int(np.argmax(missing))
    if missing[worst] > MAX_OVERLAP_WITHOUT_EP:
        _kane_average(qd, np.abs(cell[worst]), kane_cells)  # raises, naming the material
    kane = _weighted(np.abs(cell) * known, np.where(known, kane_cells, 0.0)[None, :])
    gap = _weighted(overlap, np.where(inside, prof.electron.gap, 0.0)[None, :])
    eps = _weighted(overlap, np.where(inside, prof.eps_optical, 0.0)[None, :])
    dipole = transition_dipole_nm2(kane, gap)
    field_ = reaction_field_profile(r, charge, run.radius, eps, prof.eps_medium_optical)
    exciton = sol.electron_level - sol.hole_level + coulomb_for(run, faces, phi_e, phi_h).total
    rates: dict[str, Array] = {}
    k_f: dict[str, Array] = {}
    e_f: dict[str, Array] = {}
    for key, psi, phi, bands, level in (
        ("X-", psi_e, phi_e, prof.electron, sol.electron_level),
        ("X+", psi_h, phi_h, prof.hole, -sol.hole_level),
    ):
        rates[key], k_f[key], e_f[key] = _channel(
            psi, phi**2 * inside[None, :], bands, level, exciton, r, h, field_, dipole, eps
        )
    levels = (float(sol.electron_level[0]), float(sol.hole_level[0]))
    return _Batch(
        rates["X-"], rates["X+"], k_f, e_f, kane, gap, eps, np.asarray(bound), levels, prof
    )


def _channel(
    psi: Array,
    density: Array,
    bands: CarrierBands,
    level: Array,
    exciton: Array,
    r: Array,
    h: Array,
    charge: Array,
    dipole: Array,
    eps: Array,
) -> tuple[Array, Array, Array]:
    """Rate [1/ns], k_f [1/nm] and E_f [eV] of the channel that excites one carrier."""
    mass = _weighted(density, bands.mass[None, :])
    edge = _weighted(density, bands.edge[None, :])
    finite = np.isfinite(bands.gap)
    gap = (
        _weighted(density, np.where(finite, bands.gap, 0.0)[None, :])
        if np.all(finite[density[0] > 0])
        else np.full(mass.shape, math.inf)
    )
    kinetic = level - edge + exciton
    k, dos = final_state_momentum(kinetic, mass, gap)
    g = auger_transform(r, h, psi, charge, k)
    return golden_rule_rate_per_ns(g, dos, dipole, eps), k, kinetic


def trion_auger_rates(
    structure: SphericalQD | str,
    temperature_K: float = 300.0,
    *,
    dispersion_pct: float = 5.0,
    resolution_nm: float = AUGER_RESOLUTION_NM,
    nodes: int = AUGER_NODES,
) -> AugerRates:
    """Auger lifetimes of X-, X+ and XX from the computed wavefunctions (Eqs. (1)-(3)).

    Parameters
    ----------
    structure : SphericalQD or str
        The structure or its spec.
    temperature_K : float
        Temperature [K].
    dispersion_pct : float
        Standard deviation of the core radius [% of the mean] the rates are averaged over
        (0: the single structure). Default 5 %, as for the ensemble spectra.
    resolution_nm : float
        Largest cell inside the particle [nm].
    nodes : int
        Gauss-Hermite nodes of the size average.

    Returns
    -------
    AugerRates

    Raises
    ------
    QdoptoError
        Bad input, a structure that binds no electron or hole, or missing material data.

    Examples
    --------
    >>> r = trion_auger_rates("CdSe:2.0/CdS:1.5|toluene")
    >>> 100 < r.tau_biexciton_ps < 1000
    True
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (math.isfinite(temperature_K) and 0 <= temperature_K <= 2000):
        raise QdoptoError(f"temperature must be within 0-2000 K, got {temperature_K}")
    if not (isinstance(nodes, int) and 1 <= nodes <= 101):
        raise QdoptoError(f"nodes must be an integer from 1 to 101, got {nodes!r}")
    if not (isinstance(resolution_nm, float | int) and 0.002 <= resolution_nm <= 0.05):
        raise QdoptoError(
            f"the Auger grid resolution must be within 0.002-0.05 nm, got {resolution_nm!r}"
        )
    t0 = np.array([layer.thickness_nm for layer in qd.layers], dtype=float)
    radii, weights = size_quadrature(
        float(t0[0]), dispersion_pct, nodes=nodes if dispersion_pct > 0 else 1
    )
    t = np.repeat(t0[None, :], radii.size + 1, axis=0)
    t[1:, 0] = radii  # row 0: the mean structure; rows 1..: the ensemble
    fine = _solve_batch(qd, t, temperature_K, resolution_nm)
    _validity_warnings(qd, fine.profile, *fine.levels)
    edge_material = band_edge_material(qd, temperature_K)
    if default_database().get(edge_material).crystal_structure == "rocksalt":
        warnings.warn(
            f"{qd.spec}: the Auger momentum model treats one valley with one-band envelopes; "
            f"for a lead salt ({edge_material}: four L valleys, anisotropic bands) it gives "
            "rates ~10x faster than the measured universal volume scaling; pass a measured "
            "biexciton lifetime",
            ValidityWarning,
            stacklevel=2,
        )
    coarse = _solve_batch(qd, t[:1], temperature_K, 2.0 * resolution_nm)
    notes = [
        "Auger rates from the momentum model (golden rule on the radial states, no adjustable "
        "parameter; docs/dynamics.md): an estimate, most reliable for comparing structures"
    ]
    w = np.where(fine.bound[1:], weights, 0.0)
    if w.sum() < 1.0 - 1e-12:
        notes.append(
            f"{100 * (1 - w.sum()):.2g} % of the size distribution binds no exciton and is left "
            "out of the average"
        )
    w = w / w.sum()
    k_m = float(np.sum(w * fine.k_minus[1:]))
    k_p = float(np.sum(w * fine.k_plus[1:]))
    k_xx = 2.0 * (k_m + k_p)
    single_xx = 2.0 * (fine.k_minus[0] + fine.k_plus[0])
    coarse_xx = 2.0 * (coarse.k_minus[0] + coarse.k_plus[0])
    return AugerRates(
        structure=qd.spec,
        temperature_K=float(temperature_K),
        dispersion_pct=float(dispersion_pct),
        tau_negative_ps=1e3 / k_m,
        tau_positive_ps=1e3 / k_p,
        tau_biexciton_ps=1e3 / k_xx,
        single_dot_ps={
            "X-": float(1e3 / fine.k_minus[0]),
            "X+": float(1e3 / fine.k_plus[0]),
            "XX": float(1e3 / single_xx),
        },
        final_momentum_nm={key: float(v[0]) for key, v in fine.k_f.items()},
        final_energy_eV={key: float(v[0]) for key, v in fine.e_f.items()},
        kane_energy_eV=float(fine.kane[0]),
        gap_eV=float(fine.gap[0]),
        eps_inf=float(fine.eps[0]),
        grid_change=float(abs(coarse_xx / single_xx - 1.0)),
        notes=tuple(notes),
    )
