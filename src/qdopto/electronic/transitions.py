"""Interband transitions of a spherical QD: energies, overlaps and oscillator strengths.

Envelope selection rule: in the one-band envelope picture an electron state (n_e, l, m) couples
to light only with a hole state (n_h, l, m) of the same l and m; the strength is set by the
overlap K = <R_e | R_h> of the radial envelopes.

Oscillator strength of the (n_e, n_h, l) transition, summed over the 2 electron spins, the 4
J = 3/2 valence Bloch states and the 2l + 1 values of m [f = (2/(m0 hbar w)) sum |<f|e.p|i>|^2,
with sum over the J = 3/2 states of |<S|p|v>|^2 = (2/3) |<S|p_x|X>|^2 per electron spin and
|<S|p_x|X>|^2 = m0 E_P / 2 (Kane, J. Phys. Chem. Solids 1, 249 (1957)); e.g. Al. L. Efros,
A. L. Efros, Sov. Phys. Semicond. 16, 772 (1982); Hens & Moreels, J. Mater. Chem. 22, 10406
(2012), Eq. (9)]:

    f = (4/3) (E_P / E) (2l + 1) K^2.                                                     (1)

E_P is the Kane energy where the transition takes place: the average over the particle's cells
weighted by the electron-hole overlap density (a layer without E_P may hold at most 10 % of
it; the envelope tails in the medium carry no interband matrix element and are left out). For
CdSe (E_P = 17.5 eV) Eq. (1) gives a thermally averaged radiative lifetime of ~20 ns, as
measured (tested in tests/test_transitions.py).

Integrated absorption cross-section of a transition in a medium of index n_s [e.g. Hens &
Moreels 2012, Eq. (8)]:

    int sigma dE = (pi e^2 hbar / (2 eps0 m0 c)) |f_LF|^2 f / n_s,                        (2)

with the local-field factor f_LF = 3 n_s^2 / (eps_QD + 2 n_s^2), eps_QD the optical
permittivity of the QD material at the transition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import constants as sc
from scipy.linalg import eigh_tridiagonal

from qdopto.constants import HC_EV_NM
from qdopto.electronic.coulomb import coulomb_terms, polarization_potential
from qdopto.electronic.models import DEFAULT_RESOLUTION_NM, prepare_structure
from qdopto.electronic.profile import CarrierBands
from qdopto.electronic.radial import carrier_hamiltonian
from qdopto.errors import MissingParameterError, QdoptoError
from qdopto.materials import default_database
from qdopto.structures import SphericalQD

Array = NDArray[np.float64]
#: pi e^2 hbar / (2 eps0 m0 c) [eV cm^2] (= 1.0975e-16 eV cm^2), the prefactor of Eq. (2).
ABSORPTION_PREFACTOR_EV_CM2: float = (
    math.pi * sc.e**2 * sc.hbar / (2 * sc.epsilon_0 * sc.m_e * sc.c) / sc.e * 1e4
)
#: Largest share of the overlap density allowed in layers without a Kane energy.
MAX_OVERLAP_WITHOUT_EP = 0.10


@dataclass(frozen=True)
class Transition:
    """One allowed interband transition (n_e, n_h, l), summed over spins and m.

    Attributes
    ----------
    n_e, n_h, l : int
        Radial quantum numbers of electron and hole, common angular momentum.
    energy_eV : float
        Transition energy including the first-order Coulomb and polarisation terms [eV].
    overlap : float
        K^2 = |<R_e|R_h>|^2.
    oscillator_strength : float
        f of Eq. (1).
    integrated_cross_section_eV_cm2 : float
        int sigma dE of Eq. (2) in the structure's medium [eV cm^2].
    """

    n_e: int
    n_h: int
    l: int
    energy_eV: float
    overlap: float
    oscillator_strength: float
    integrated_cross_section_eV_cm2: float

    @property
    def label(self) -> str:
        letters = "SPDFGHIK"
        return f"{self.n_e}{letters[self.l]}e-{self.n_h}{letters[self.l]}h"

    @property
    def wavelength_nm(self) -> float:
        return HC_EV_NM / self.energy_eV

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "n_e": self.n_e,
            "n_h": self.n_h,
            "l": self.l,
            "energy_eV": self.energy_eV,
            "wavelength_nm": self.wavelength_nm,
            "overlap": self.overlap,
            "oscillator_strength": self.oscillator_strength,
            "integrated_cross_section_eV_cm2": self.integrated_cross_section_eV_cm2,
        }


@dataclass(frozen=True)
class TransitionSet:
    """Transitions of one structure, lowest energy first, with what they were computed from."""

    structure: SphericalQD
    temperature_K: float
    transitions: tuple[Transition, ...]
    kane_energy_eV: float
    medium_index: float
    volume_cm3: float
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure.spec,
            "temperature_K": self.temperature_K,
            "kane_energy_eV": self.kane_energy_eV,
            "medium_index": self.medium_index,
            "volume_cm3": self.volume_cm3,
            "transitions": [t.to_dict() for t in self.transitions],
            **self.details,
        }


def _states(
    faces: Array, bands: CarrierBands, l: int, count: int, tol: float = 1e-8
) -> tuple[Array, Array]:
    """Lowest ``count`` self-consistent levels with angular momentum l and their vectors."""
    h0 = carrier_hamiltonian(faces, bands, None, l)
    count = min(count, h0.diag.shape[1])
    w0 = eigh_tridiagonal(
        h0.diag[0], h0.off[0], eigvals_only=True, select="i", select_range=(0, count - 1)
    )
    nonparabolic = bool(np.any(np.isfinite(bands.gap)))
    energies = np.empty(count)
    vectors = np.empty((count, h0.diag.shape[1]))
    for k in range(count):
        x = float(w0[k])
        if nonparabolic:
            x0, g0 = x, None
            for _ in range(60):
                h = carrier_hamiltonian(faces, bands, np.array([x]), l)
                lam = float(
                    eigh_tridiagonal(
                        h.diag[0], h.off[0], eigvals_only=True, select="i", select_range=(k, k)
                    )[0]
                )
                g = lam - x
                if abs(g) < tol:
                    break
                if g0 is None or abs(g - g0) < 1e-15:
                    x0, g0, x = x, g, lam
                else:
                    x0, g0, x = x, g, x - g * (x - x0) / (g - g0)
        h = carrier_hamiltonian(faces, bands, np.array([x]) if nonparabolic else None, l)
        w, v = eigh_tridiagonal(h.diag[0], h.off[0], select="i", select_range=(k, k))
        energies[k] = x if nonparabolic else float(w[0])
        vec = v[:, 0]
        vectors[k] = vec if vec.sum() >= 0 else -vec
    return energies, vectors


def transitions(
    structure: SphericalQD | str,
    temperature_K: float = 300.0,
    *,
    max_l: int = 3,
    max_n: int = 3,
    resolution_nm: float = DEFAULT_RESOLUTION_NM,
    calibrated: bool = True,
    min_oscillator_strength: float = 1e-4,
) -> TransitionSet:
    """Allowed transitions of a structure (radial model), with strengths and cross-sections.

    Parameters
    ----------
    structure : SphericalQD or str
        The structure.
    temperature_K : float
        Temperature [K].
    max_l, max_n : int
        Angular momenta 0..max_l and the lowest max_n radial states of each carrier per l.
    min_oscillator_strength : float
        Transitions weaker than this are dropped (envelope overlap ~ 0).

    Returns
    -------
    TransitionSet
    """
    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (0 <= max_l <= 12 and 1 <= max_n <= 10):
        raise QdoptoError("max_l must be within 0-12 and max_n within 1-10")
    run = prepare_structure(qd, temperature_K, resolution_nm, calibrated)
    prof = run.profile
    faces = prof.faces(run.thicknesses)
    inside = prof.layer_of_cell < len(prof.layers)
    e_edge, h_edge = float(prof.electron.edge[-1]), float(prof.hole.edge[-1])
    kane = _kane_per_cell(qd, prof.layer_of_cell, temperature_K)
    db = default_database()
    med = db.get(qd.medium)
    n_s = _medium_index(med)
    eps_surface = float(prof.eps_static[int(inside.sum()) - 1])
    sigma = polarization_potential(faces, eps_surface, prof.eps_medium_static, run.radius)
    out: list[Transition] = []
    kane_weighted: list[float] = []
    for l in range(max_l + 1):
        ee, ve = _states(faces, prof.electron, l, max_n)
        eh, vh = _states(faces, prof.hole, l, max_n)
        for i, (e_e, phi_e) in enumerate(zip(ee, ve, strict=True)):
            if e_e >= e_edge or np.sum(phi_e[inside] ** 2) < 0.5:
                continue
            for j, (e_h, phi_h) in enumerate(zip(eh, vh, strict=True)):
                if e_h >= h_edge or np.sum(phi_h[inside] ** 2) < 0.5:
                    continue
                density = phi_e * phi_h
                k2 = float(density.sum() ** 2)
                ep = _kane_average(qd, density[inside], kane[inside])
                ct = coulomb_terms(
                    faces,
                    phi_e[None, :],
                    phi_h[None, :],
                    prof.eps_static,
                    eps_surface,
                    prof.eps_medium_static,
                    run.radius,
                    sigma=sigma,
                )
                energy = float(e_e + e_h + ct.total[0])
                f = 4.0 / 3.0 * ep / energy * (2 * l + 1) * k2
                if f < min_oscillator_strength:
                    continue
                eps_qd = _qd_optical_permittivity(qd, density, energy, temperature_K)
                flf = 3 * n_s**2 / (eps_qd + 2 * n_s**2)
                sigma_int = ABSORPTION_PREFACTOR_EV_CM2 * abs(flf) ** 2 * f / n_s
                out.append(Transition(i + 1, j + 1, l, energy, k2, f, sigma_int))
                kane_weighted.append(ep)
    if not out:
        raise QdoptoError(f"no bound, allowed transition found for {qd.spec}")
    out.sort(key=lambda tr: tr.energy_eV)
    volume = qd.volume_nm3 * 1e-21
    return TransitionSet(
        qd,
        float(temperature_K),
        tuple(out),
        kane_weighted[0],
        n_s,
        volume,
        details={"calibration": run.offset.to_dict() if run.offset else None, "model": "radial"},
    )


def _kane_per_cell(
    qd: SphericalQD, layer_of_cell: NDArray[np.int64], temperature_K: float
) -> Array:
    db = default_database()
    values = []
    for layer in qd.layers:
        names = [layer.material] + ([layer.graded_to] if layer.graded_to else [])
        eps = []
        for name in names:
            mat = db.get(name)
            r = mat.at(temperature_K)
            eps.append(r.values.get("Ep", math.nan))
        values.append(float(np.mean(eps)) if not any(math.isnan(v) for v in eps) else math.nan)
    values.append(math.nan)  # the medium
    return np.asarray(values)[layer_of_cell]


def _kane_average(qd: SphericalQD, density: Array, kane: Array) -> float:
    weight = np.abs(density)
    known = np.isfinite(kane)
    total = weight.sum()
    missing = weight[~known].sum() / total if total > 0 else 1.0
    if missing > MAX_OVERLAP_WITHOUT_EP or not known.any():
        lacking = sorted(
            {
                layer.material
                for layer in qd.layers
                if not default_database().get(layer.material).has("Ep")
            }
        )
        raise MissingParameterError(
            f"the Kane energy 'Ep' is missing for {', '.join(lacking) or 'the medium'}, where "
            f"{100 * missing:.0f} % of the electron-hole overlap of {qd.spec} lies; the "
            "transition strengths (optics) need it"
        )
    return float(np.sum(weight[known] * kane[known]) / weight[known].sum())


def _medium_index(med: Any) -> float:
    if med.refractive_index is not None:
        lo, hi = med.refractive_index.range_nm
        lam = min(max(589.3, lo), hi)
        return float(med.nk(lam).real)
    if med.has("eps_inf"):
        return math.sqrt(med.value("eps_inf"))
    raise MissingParameterError(f"medium '{med.name}' has no refractive index in the database")


def _qd_optical_permittivity(
    qd: SphericalQD, density: Array, energy_eV: float, temperature_K: float
) -> complex:
    """Real optical permittivity of the material holding the transition (its n^2 just below
    the bulk absorption, or eps_inf)."""
    return complex(optical_permittivity_of(qd.layers[0].material, energy_eV, temperature_K))


def optical_permittivity_of(material: str, energy_eV: float, temperature_K: float) -> float:
    """Real optical permittivity of ``material`` at a transition energy [eV]: ``eps_inf`` if
    stored, else n^2 of its refractive index at the transition wavelength (clipped to the
    data's range)."""
    mat = default_database().get(material)
    r = mat.at(temperature_K)
    if "eps_inf" in r:
        return float(r["eps_inf"])
    if mat.refractive_index is not None:
        lo, hi = mat.refractive_index.range_nm
        lam = min(max(HC_EV_NM / energy_eV, lo), hi)
        return float(mat.nk(lam).real ** 2)
    raise MissingParameterError(f"material '{mat.name}' has neither eps_inf nor a refractive index")
