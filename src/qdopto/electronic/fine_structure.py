"""Band-edge exciton fine structure of wurtzite/zinc-blende QDs: dark and bright excitons.

Model: Al. L. Efros, M. Rosen, M. Kuno, M. Nirmal, D. J. Norris, M. Bawendi, "Band-edge
exciton in quantum dots of semiconductors with a degenerate valence band: dark and bright
exciton states", Phys. Rev. B 54, 4843 (1996) (below "Efros 1996"), for a spherical dot.

The 1S_e 1S_3/2 exciton is 8-fold (electron spin s_z = +-1/2 times hole projection
M = +-3/2, +-1/2 of the total hole angular momentum F_h = 3/2). Two terms split it:

* the crystal field of the wurtzite lattice (and in Efros 1996 also the shape asymmetry, not
  modelled here: the dots are spheres), acting on the hole Bloch functions as
  -(Delta_cr/2)(J_z^2 - 5/4); within the F_h = 3/2 hole ground state it becomes
  -(Delta/2)(M^2 - 5/4) with Delta = Delta_cr v(beta);
* the short-range electron-hole exchange -(2/3) eps_exch a0^3 delta(r_e - r_h) sigma.J, which
  within the 8 states becomes -eta sigma.F_h.

Hole ground state of the spherical Luttinger Hamiltonian in an infinite well (Gel'mont &
D'yakonov 1971; Ekimov et al., JOSA B 10, 100 (1993); Efros 1996, Eq. (4)), x = r/a,
beta = m_lh/m_hh:

    R_0(x) = A [j_0(phi x) - (j_0(phi)/j_0(phi sqrt(beta))) j_0(phi sqrt(beta) x)],
    R_2(x) = A [j_2(phi x) + (j_0(phi)/j_0(phi sqrt(beta))) j_2(phi sqrt(beta) x)],      (1)

phi(beta) the first root of j_0(phi) j_2(phi sqrt(beta)) + j_2(phi) j_0(phi sqrt(beta)) = 0,
int_0^1 x^2 (R_0^2 + R_2^2) dx = 1. Projected onto F_h = 3/2, an operator of rank k acting on
the Bloch functions keeps its s part and multiplies its d part by c_k = (-1)^(L+J+F+k) (2F+1)
{J F L; F J k} (Edmonds, Angular Momentum in Quantum Mechanics, Eq. (7.1.8); L = 2,
J = F = 3/2): c_1 = 1/5 (exchange), c_2 = -3/5 (crystal field). Hence

    v(beta) = int_0^1 x^2 [R_0^2 - (3/5) R_2^2] dx,                                         (2)
    chi(beta) = (1/6) int_0^1 sin^2(pi x) [R_0^2 + (1/5) R_2^2] dx,                            (3)
    eta = (a_ex / a)^3 hbar omega_ST chi(beta)                                               (4)

for a bare sphere of radius a with infinite barriers (Efros 1996, Eqs. (9)-(13)), where
hbar omega_ST is the bulk exciton singlet-triplet splitting and a_ex the exciton Bohr radius
it goes with. For any layered sphere qdopto evaluates the contact integral with the solved
one-band electron and hole densities,

    eta = (pi/3) hbar omega_ST a_ex^3 int |psi_e|^2 |psi_h|^2 d^3r x m(beta),              (5)

which equals Eq. (4) for the bare infinite sphere when the valence-mixing factor is
m(beta) = I_L(beta) / I_1, I_L = int sin^2(pi x)[R_0^2 + R_2^2/5] dx, I_1 = 2 int sin^4(pi x)/x^2
dx (the one-band s hole); shells then reduce eta through the spread of the electron
(quasi-type-II CdSe/CdS), which is the physics, while m(beta) and v(beta) keep their bare-core
values (an approximation, stated in the result's notes).

Levels (Efros 1996, Eqs. (14)-(16)); qdopto diagonalises the F_z blocks numerically and the
tests check these closed forms:

    eps_(+-2) = -3 eta/2 - Delta/2,
    eps_(+-1)^(U,L) = eta/2 +- sqrt((2 eta - Delta)^2/4 + 3 eta^2),
    eps_0^(U,L) = eta/2 + Delta/2 +- 2 eta.

Optical strength: only the total F = 1 part of a state couples to light from the crystal
ground state (a photon carries angular momentum 1; the envelope overlap involves R_0 only), so
the share of the 1S oscillator strength of level i, for randomly oriented dots, is
w_i = <i|P_1|i>/3, P_1 = (3/2 - sigma.F_h)/4 the projector on F = 1; sum_i w_i = 1.

Stokes shifts derived here:

* resonant Stokes shift: from the strongest absorbing level to the lowest (dark +-2) level,
  the shift measured by fluorescence line narrowing at low temperature (Efros 1996, Sec. V);
* intrinsic Stokes shift at temperature T, used by the ensemble spectra: absorption centroid
  sum_i w_i eps_i minus the emission centroid sum_i w_i e^(-eps_i/kT) eps_i /
  sum_i w_i e^(-eps_i/kT) (bright levels in thermal equilibrium). The weak phonon-assisted
  emission of the dark +-2 level is not modelled, so below ~(dark-bright splitting)/k the
  model's emission sits up to that splitting above the measured one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import roots_legendre, spherical_jn

from qdopto.constants import KB_EV_K
from qdopto.electronic.models import family_of, prepare_family
from qdopto.electronic.radial import solve_family
from qdopto.errors import MissingParameterError, QdoptoError
from qdopto.materials import default_database
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]

#: Angular-momentum factors of the hole d part (docstring, Edmonds Eq. (7.1.8)).
D_FACTOR_RANK1 = 1.0 / 5.0
D_FACTOR_RANK2 = -3.0 / 5.0
#: Gauss-Legendre nodes of the radial integrals over [0, 1] (integrands are smooth).
_NODES = 200
#: Grid of the one-band solutions used for the contact integral [nm].
FINE_STRUCTURE_RESOLUTION_NM = 0.02
K_B_MEV = KB_EV_K * 1e3
LEVEL_LABELS = ("+-2", "+-1L", "+-1U", "0L", "0U")
_SOURCE = (
    "Al. L. Efros et al., Phys. Rev. B 54, 4843 (1996): crystal field and electron-hole "
    "exchange of the 1Se-1S3/2 exciton (spherical dot; shape asymmetry not modelled)"
)


# ----------------------------------------------------------------------------- hole state
def _root_function(phi: float, sb: float) -> float:
    return float(
        spherical_jn(0, phi) * spherical_jn(2, phi * sb)
        + spherical_jn(2, phi) * spherical_jn(0, phi * sb)
    )


@lru_cache(maxsize=64)
def luttinger_phi(beta: float) -> float:
    """First root phi(beta) of the 1S_3/2 boundary condition of Eq. (1) [dimensionless].

    The hole energy is E_3/2 = hbar^2 phi^2 / (2 m_hh a^2); phi(1) = pi, phi(0) = 5.763 (the
    first zero of j_2).

    Parameters
    ----------
    beta : float
        Light- to heavy-hole mass ratio m_lh/m_hh, in (0, 1].
    """
    if not (math.isfinite(beta) and 0.0 < beta <= 1.0):
        raise QdoptoError(f"the hole mass ratio m_lh/m_hh must be within (0, 1], got {beta}")
    if beta == 1.0:
        return math.pi
    sb = math.sqrt(beta)
    grid = np.linspace(1.0, 6.0, 501)
    vals = np.array([_root_function(p, sb) for p in grid])
    sign = np.nonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))[0]
    if sign.size == 0:  # pragma: no cover - the root lies in (pi, 5.77) for 0 < beta < 1
        raise QdoptoError(f"no 1S3/2 hole root found for beta = {beta}")
    i = int(sign[0])
    return float(brentq(_root_function, grid[i], grid[i + 1], args=(sb,), xtol=1e-13))


@lru_cache(maxsize=64)
def _hole_integrals(beta: float) -> tuple[float, float, float]:
    """(v, chi, I_L) of the 1S_3/2 hole for mass ratio beta (Eqs. (1)-(3))."""
    phi = luttinger_phi(beta)
    t, w = roots_legendre(_NODES)
    x = 0.5 * (t + 1.0)
    w = 0.5 * w
    if beta == 1.0:
        r0 = np.asarray(spherical_jn(0, phi * x))
        r2 = np.zeros_like(x)
    else:
        sb = math.sqrt(beta)
        ratio = spherical_jn(0, phi) / spherical_jn(0, phi * sb)
        r0 = spherical_jn(0, phi * x) - ratio * spherical_jn(0, phi * sb * x)
        r2 = spherical_jn(2, phi * x) + ratio * spherical_jn(2, phi * sb * x)
    norm = float(np.sum(w * x**2 * (r0**2 + r2**2)))
    r0, r2 = r0 / math.sqrt(norm), r2 / math.sqrt(norm)
    s2 = np.sin(math.pi * x) ** 2
    v = float(np.sum(w * x**2 * (r0**2 + D_FACTOR_RANK2 * r2**2)))
    i_l = float(np.sum(w * s2 * (r0**2 + D_FACTOR_RANK1 * r2**2)))
    return v, i_l / 6.0, i_l


def crystal_field_factor(beta: float) -> float:
    """v(beta) of Eq. (2): the share of the bulk crystal-field splitting the 1S_3/2 hole feels."""
    return _hole_integrals(beta)[0]


def exchange_factor(beta: float) -> float:
    """chi(beta) of Eq. (3): the dimensionless exchange integral of a bare sphere."""
    return _hole_integrals(beta)[1]


def one_band_contact_integral() -> float:
    """I_1 = 2 int_0^1 sin^4(pi x)/x^2 dx: Eq. (3)'s integral for a one-band s hole."""
    t, w = roots_legendre(_NODES)
    x = 0.5 * (t + 1.0)
    return float(np.sum(0.5 * w * 2.0 * np.sin(math.pi * x) ** 4 / x**2))


def valence_mixing_factor(beta: float) -> float:
    """m(beta) = I_L(beta) / I_1 of Eq. (5) [dimensionless]."""
    return _hole_integrals(beta)[2] / one_band_contact_integral()


# ----------------------------------------------------------------------------- levels
def _angular_operators() -> tuple[Array, Array, Array]:
    """(crystal-field M^2 - 5/4, sigma.F_h, P_1) on |s_z> x |M>, M = 3/2 .. -3/2."""
    m = np.array([1.5, 0.5, -0.5, -1.5])
    jp = np.zeros((4, 4))
    for i in range(1, 4):  # J+ |M> = sqrt(J(J+1) - M(M+1)) |M+1>
        jp[i - 1, i] = math.sqrt(3.75 - m[i] * (m[i] + 1.0))
    jx, jy = 0.5 * (jp + jp.T), -0.5j * (jp - jp.T)
    jz = np.diag(m)
    sx = np.array([[0.0, 1.0], [1.0, 0.0]])
    sy = np.array([[0.0, -1j], [1j, 0.0]])
    sz = np.diag([1.0, -1.0])
    sigma_j = np.real(np.kron(sx, jx) + np.kron(sy, jy) + np.kron(sz, jz))
    crystal = np.kron(np.eye(2), np.diag(m**2 - 1.25))
    p1 = 0.25 * (1.5 * np.eye(8) - sigma_j)
    return (
        np.asarray(crystal, dtype=float),
        np.asarray(sigma_j, dtype=float),
        np.asarray(p1, dtype=float),
    )


_CRYSTAL, _SIGMA_J, _P1 = _angular_operators()
# basis index of |s_z, M>: s_z = +1/2 -> 0..3, -1/2 -> 4..7; M = 3/2, 1/2, -1/2, -3/2
_BLOCKS = {2: [0], 1: [4, 1], 0: [5, 2]}  # F_z = 2, 1, 0 (negative F_z: the same energies)


def fine_structure_levels(eta_meV: ArrayLike, delta_meV: ArrayLike) -> tuple[Array, Array]:
    """Energies and oscillator-strength shares of the five doubly/singly degenerate levels.

    Parameters
    ----------
    eta_meV : float or ndarray
        Exchange parameter eta [meV], >= 0.
    delta_meV : float or ndarray
        Crystal-field (and shape) splitting Delta [meV].

    Returns
    -------
    energies : ndarray (..., 5)
        Levels ``LEVEL_LABELS`` (+-2, +-1L, +-1U, 0L, 0U) relative to the unsplit 8-fold
        exciton [meV]; +-2 and +-1 are doubly degenerate.
    shares : ndarray (..., 5)
        Share of the total 1S oscillator strength carried by each level (both members of a
        doublet together); they sum to 1.

    Examples
    --------
    >>> e, w = fine_structure_levels(1.0, 0.0)  # spherical cubic dot: F = 2 below F = 1
    >>> [round(float(x), 6) for x in e], [round(float(x), 6) for x in w]
    ([-1.5, -1.5, 2.5, -1.5, 2.5], [0.0, 0.0, 0.666667, 0.0, 0.333333])
    """
    eta = np.asarray(eta_meV, dtype=float)
    delta = np.asarray(delta_meV, dtype=float)
    eta, delta = np.broadcast_arrays(eta, delta)
    h_full = -0.5 * delta[..., None, None] * _CRYSTAL - eta[..., None, None] * _SIGMA_J
    energies = np.empty((*eta.shape, 5))
    shares = np.empty((*eta.shape, 5))
    # F_z = +-2: one state each
    i2 = _BLOCKS[2][0]
    energies[..., 0] = h_full[..., i2, i2]
    shares[..., 0] = 2.0 * _P1[i2, i2] / 3.0
    for fz, (lo, hi) in ((1, (1, 2)), (0, (3, 4))):
        idx = np.array(_BLOCKS[fz])
        block = h_full[..., idx[:, None], idx[None, :]]
        val, vec = np.linalg.eigh(block)
        p1 = _P1[np.ix_(idx, idx)]
        share = np.einsum("...ia,ij,...ja->...a", vec, p1, vec) / 3.0
        doublet = 2.0 if fz == 1 else 1.0
        energies[..., lo], energies[..., hi] = val[..., 0], val[..., 1]
        shares[..., lo], shares[..., hi] = doublet * share[..., 0], doublet * share[..., 1]
    return energies, shares


#: Degeneracy of each level of ``LEVEL_LABELS``.
LEVEL_DEGENERACY = np.array([2, 2, 2, 1, 1])


def stokes_shifts_meV(
    energies: Array, shares: Array, temperature_K: float
) -> tuple[Array, Array, Array]:
    """Resonant and thermal intrinsic Stokes shifts and the dark-bright splitting [meV].

    Parameters
    ----------
    energies, shares : ndarray (..., 5)
        From :func:`fine_structure_levels`.
    temperature_K : float
        Temperature [K] (> 0 for the thermal shift; 0 gives the lowest bright level).

    Returns
    -------
    resonant, intrinsic, dark_bright : ndarray (...)
        Strongest absorbing level minus the lowest level; absorption centroid minus the
        thermal emission centroid (docstring); lowest bright level minus the lowest level.
    """
    bright = shares > 1e-9
    lowest = energies.min(axis=-1)
    strongest = np.take_along_axis(energies, np.argmax(shares, axis=-1)[..., None], -1)[..., 0]
    e_abs = np.sum(shares * energies, axis=-1)
    lowest_bright = np.where(bright, energies, np.inf).min(axis=-1)
    if temperature_K > 0:
        boltz = shares * np.exp(-(energies - lowest_bright[..., None]) / (K_B_MEV * temperature_K))
        e_em = np.sum(boltz * energies, axis=-1) / np.sum(boltz, axis=-1)
    else:
        e_em = lowest_bright
    return strongest - lowest, e_abs - e_em, lowest_bright - lowest


# ----------------------------------------------------------------------------- structures
@dataclass(frozen=True)
class FineStructure:
    """Band-edge exciton fine structure of one spherical structure.

    Attributes
    ----------
    structure : str
        The structure spec.
    material : str
        The material whose band-edge parameters were used (where the exciton lives).
    temperature_K : float
        Temperature of the thermal Stokes shift [K].
    eta_meV, delta_meV : float
        Exchange parameter and crystal-field splitting of Eq. (4)/(5) and Eq. (2) [meV].
    energies_meV : tuple of float
        Levels ``LEVEL_LABELS`` relative to the unsplit exciton [meV].
    shares : tuple of float
        Their shares of the 1S oscillator strength.
    resonant_stokes_meV, intrinsic_stokes_meV, dark_bright_meV : float
        See :func:`stokes_shifts_meV`.
    notes : tuple of str
        Approximations that apply.
    """

    structure: str
    material: str
    temperature_K: float
    eta_meV: float
    delta_meV: float
    energies_meV: tuple[float, ...]
    shares: tuple[float, ...]
    resonant_stokes_meV: float
    intrinsic_stokes_meV: float
    dark_bright_meV: float
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "material": self.material,
            "temperature_K": self.temperature_K,
            "eta_meV": self.eta_meV,
            "delta_meV": self.delta_meV,
            "levels": [
                {"label": lab, "energy_meV": e, "degeneracy": int(g), "share": s}
                for lab, e, g, s in zip(
                    LEVEL_LABELS, self.energies_meV, LEVEL_DEGENERACY, self.shares, strict=True
                )
            ],
            "resonant_stokes_meV": self.resonant_stokes_meV,
            "intrinsic_stokes_meV": self.intrinsic_stokes_meV,
            "dark_bright_meV": self.dark_bright_meV,
            "source": _SOURCE,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FineStructureParameters:
    """Bulk parameters of the band-edge material (all from the materials database)."""

    material: str
    exchange_meV: float  # hbar omega_ST
    exchange_radius_nm: float  # a_ex
    crystal_field_meV: float  # Delta_cr
    beta: float  # m_lh / m_hh


def fine_structure_parameters(
    material: str, temperature_K: float = 300.0
) -> FineStructureParameters:
    """The parameters of ``material`` the model needs, or a clear error naming what is missing.

    ``beta`` = m_lh/m_hh = (gamma1 - 2 gamma)/(gamma1 + 2 gamma), gamma = (2 gamma2 + 3 gamma3)/5
    (spherical approximation; A. Baldereschi, N. O. Lipari, Phys. Rev. B 8, 2697 (1973)).
    """
    mat = default_database().get(material).at(temperature_K)
    need = ("exchange_splitting_bulk", "exchange_bohr_radius", "crystal_field_splitting")
    missing = [k for k in need if k not in mat]
    missing += [f"luttinger_gamma{i}" for i in (1, 2, 3) if f"luttinger_gamma{i}" not in mat]
    if missing:
        raise MissingParameterError(
            f"material '{material}' has no {', '.join(missing)} (needed by the exciton "
            "fine-structure model, Efros et al. 1996); give the intrinsic Stokes shift "
            "explicitly (--stokes MEV) or add the parameters with their source"
        )
    g1 = mat["luttinger_gamma1"]
    g = (2.0 * mat["luttinger_gamma2"] + 3.0 * mat["luttinger_gamma3"]) / 5.0
    beta = (g1 - 2.0 * g) / (g1 + 2.0 * g)
    if not (0.0 < beta <= 1.0):
        raise MissingParameterError(
            f"material '{material}': the Luttinger parameters give m_lh/m_hh = {beta:.3g}, "
            "outside (0, 1]; the fine-structure model needs a heavy hole heavier than the light"
        )
    return FineStructureParameters(
        material,
        1e3 * mat["exchange_splitting_bulk"],
        mat["exchange_bohr_radius"],
        1e3 * mat["crystal_field_splitting"],
        float(beta),
    )


def contact_integrals(
    qd: SphericalQD, thicknesses: Array, temperature_K: float
) -> tuple[Array, str]:
    """int |psi_e|^2 |psi_h|^2 d^3r [nm^-3] of the 1S one-band states, one per row of
    ``thicknesses``, and the material of the layer that holds most of the product density
    (of the first row).

    Parameters
    ----------
    qd : SphericalQD
        Fixes the layer materials and the medium.
    thicknesses : ndarray (N, layers)
        Layer thicknesses [nm] (core radius first).
    temperature_K : float
        Temperature [K].
    """
    layers, medium = family_of(qd)
    run = prepare_family(
        layers, medium, thicknesses, temperature_K, FINE_STRUCTURE_RESOLUTION_NM, True
    )
    prof = run.profile
    sol = solve_family(prof, run.thicknesses, estimate_error=False)
    faces = sol.faces
    shell_volume = 4.0 * math.pi * (faces[:, 1:] ** 3 - faces[:, :-1] ** 3) / 3.0
    # phi^2 is the probability of a cell; the density there is phi^2 / (cell volume)
    product = sol.phi_e**2 * sol.phi_h**2 / shell_volume
    inside = prof.layer_of_cell < len(prof.layers)
    per_layer = np.bincount(
        prof.layer_of_cell[inside], weights=product[0, inside], minlength=len(prof.layers)
    )
    material = qd.layers[int(np.argmax(per_layer))].material
    return np.asarray(product.sum(axis=1)), material


def eta_from_contact(contact_nm3: ArrayLike, params: FineStructureParameters) -> Array:
    """Eq. (5): the exchange parameter eta [meV] from the contact integral [nm^-3]."""
    c = np.asarray(contact_nm3, dtype=float)
    return np.asarray(
        math.pi
        / 3.0
        * params.exchange_meV
        * params.exchange_radius_nm**3
        * c
        * valence_mixing_factor(params.beta)
    )


def fine_structure(structure: SphericalQD | str, temperature_K: float = 300.0) -> FineStructure:
    """Dark and bright band-edge exciton levels and the Stokes shifts they cause.

    Parameters
    ----------
    structure : SphericalQD or str
        A spherical structure (core, shells, medium).
    temperature_K : float
        Temperature [K] of the band parameters and of the thermal (intrinsic) Stokes shift.

    Returns
    -------
    FineStructure

    Raises
    ------
    MissingParameterError
        The band-edge material lacks the exchange or crystal-field parameters.

    Examples
    --------
    >>> fs = fine_structure("CdSe:1.5|toluene", 10.0)
    >>> fs.energies_meV[0] == min(fs.energies_meV)  # the +-2 dark exciton is the lowest
    True
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (math.isfinite(temperature_K) and 0 <= temperature_K <= 2000):
        raise QdoptoError(f"temperature must be within 0-2000 K, got {temperature_K}")
    t = np.array([[layer.thickness_nm for layer in qd.layers]], dtype=float)
    contact, material = contact_integrals(qd, t, temperature_K)
    params = fine_structure_parameters(material, temperature_K)
    eta = float(eta_from_contact(contact, params)[0])
    delta = params.crystal_field_meV * crystal_field_factor(params.beta)
    energies, shares = fine_structure_levels(eta, delta)
    resonant, intrinsic, dark_bright = stokes_shifts_meV(energies, shares, temperature_K)
    notes = ["spherical dot: the shape asymmetry term of Efros 1996 is not included"]
    if len(qd.layers) > 1:
        notes.append(
            "valence-band mixing m(beta) and v(beta) of a bare sphere; the shells enter "
            "through the solved electron-hole contact density only"
        )
    return FineStructure(
        structure=qd.spec,
        material=material,
        temperature_K=float(temperature_K),
        eta_meV=eta,
        delta_meV=float(delta),
        energies_meV=tuple(float(x) for x in energies),
        shares=tuple(float(x) for x in shares),
        resonant_stokes_meV=float(resonant),
        intrinsic_stokes_meV=float(intrinsic),
        dark_bright_meV=float(dark_bright),
        notes=tuple(notes),
    )


def intrinsic_stokes_batch(
    qd: SphericalQD, thicknesses: Array, temperature_K: float
) -> tuple[Array, str]:
    """Intrinsic Stokes shift [meV] of each row of ``thicknesses`` (one solve for all) and the
    material whose parameters were used; raises :class:`MissingParameterError` like
    :func:`fine_structure_parameters`."""
    contact, material = contact_integrals(qd, thicknesses, temperature_K)
    params = fine_structure_parameters(material, temperature_K)
    eta = eta_from_contact(contact, params)
    delta = params.crystal_field_meV * crystal_field_factor(params.beta)
    energies, shares = fine_structure_levels(eta, np.full_like(eta, delta))
    return stokes_shifts_meV(energies, shares, temperature_K)[1], material
