"""QD lasers: threshold conditions and rate equations (light-in / light-out curves).

A laser made of a QD film (the gain medium, :mod:`qdopto.dynamics.gain`) in a cavity
(:mod:`qdopto.photonics`) reaches threshold when the modal gain equals the cavity losses,

    Gamma g_th = alpha_i + alpha_m,                                                       (1)

[L. A. Coldren, S. W. Corzine, M. L. Mashanovitch, *Diode Lasers and Photonic Integrated
Circuits*, 2nd ed. (Wiley 2012), Eq. (2.8)], with Gamma the confinement factor of the QD layer,
alpha_i the internal (background) loss and alpha_m the outcoupling loss (mirrors, distributed
feedback, radiation). The film's material gain is g = -alpha_1S sum_N P_N a_N (a_N: band-edge
net absorption of an N-exciton dot, :func:`qdopto.dynamics.band_edge_weights`), so Eq. (1)
asks for a net band-edge gain of

    x = (alpha_i + alpha_m) / (Gamma alpha_1S)                                            (2)

times the unexcited absorption alpha_1S at the lasing wavelength: x >= 1 cannot be reached
(full inversion gives x = 1) and the cavity does not lase. The pump needed for x follows from
the multiexciton kinetics (fs pulses: Poisson statistics; ns pulses, CW light and current: the
pumped radiative + Auger ladder).

Rate equations (per dot, populations P_N of the N-exciton states, u = photons in the lasing
mode per dot of the active layer times Gamma^-1 ... see :func:`rate_equations`) extend the
standard laser rate equations [Coldren & Corzine, Eqs. (2.16)-(2.18)] to the multiexciton
ladder: stimulated emission N -> N-1 and absorption N -> N+1 at rates W e_N and W b_N with
W = v_g alpha_1S u, e_N = f_e f_h and b_N = (1 - f_e)(1 - f_h) (f = min(N, g)/g, so that
b_N - e_N = a_N), Auger and radiative decay k_N, pumping G, and the photon equation

    du/dt = Gamma v_g alpha_1S u sum_N (e_N - b_N) P_N - u / tau_p
            + beta Gamma sum_N k_rad,N P_N,                                               (3)

1/tau_p = v_g (alpha_i + alpha_m). u is the photon density of the mode over the density of
dots in the QD layer, so u / Gamma is the number of mode photons per dot. Treated as one
homogeneous ensemble at the lasing wavelength (the inhomogeneous line enters through
alpha_1S at that wavelength); carrier transport, heating and spectral hole burning are not
modelled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.constants import ELEMENTARY_CHARGE_C, HC_EV_NM
from qdopto.errors import QdoptoError

Array = NDArray[np.float64]

#: Speed of light [cm/ns].
C_CM_PER_NS: float = 29.9792458
PumpKind = Literal["pulsed", "cw", "electrical"]


# ----------------------------------------------------------------------------- cavity
@dataclass(frozen=True)
class Cavity:
    """The optical side of a laser: confinement, group index and losses of the lasing mode.

    Attributes
    ----------
    kind : str
        ``dfb``, ``fabry-perot``, ``q`` (a cavity given by its quality factor) or ``losses``.
    wavelength_nm : float
        Lasing wavelength [nm].
    confinement : float
        Confinement factor Gamma of the QD layer, (0, 1].
    group_index : float
        Group index n_g of the lasing mode.
    internal_loss_cm : float
        Internal loss alpha_i [cm^-1] (scattering, substrate leakage, absorption by other
        layers; the band-edge absorption of the QDs themselves is part of the gain).
    mirror_loss_cm : float
        Outcoupling loss alpha_m [cm^-1] (mirrors, distributed feedback, radiation): the part
        of the loss that leaves as laser output.
    """

    kind: str
    wavelength_nm: float
    confinement: float
    group_index: float
    internal_loss_cm: float
    mirror_loss_cm: float
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not all(map(math.isfinite, self._numbers())):
            raise QdoptoError(f"cavity parameters must be finite numbers, got {self._numbers()}")
        if not 0 < self.confinement <= 1:
            raise QdoptoError(f"confinement factor must lie in (0, 1], got {self.confinement}")
        if not 1 <= self.group_index < 10:
            raise QdoptoError(f"group index must lie in [1, 10), got {self.group_index}")
        if self.internal_loss_cm < 0 or self.mirror_loss_cm < 0:
            raise QdoptoError("cavity losses must be >= 0 cm^-1")
        if self.internal_loss_cm + self.mirror_loss_cm <= 0:
            raise QdoptoError("a cavity needs some loss (alpha_i + alpha_m > 0)")
        if self.wavelength_nm <= 0:
            raise QdoptoError("the lasing wavelength must be positive")

    def _numbers(self) -> tuple[float, ...]:
        return (
            self.wavelength_nm,
            self.confinement,
            self.group_index,
            self.internal_loss_cm,
            self.mirror_loss_cm,
        )

    @property
    def threshold_modal_gain_cm(self) -> float:
        """Gamma g_th = alpha_i + alpha_m [cm^-1] (Eq. 1)."""
        return self.internal_loss_cm + self.mirror_loss_cm

    @property
    def photon_lifetime_ps(self) -> float:
        """tau_p = n_g / (c (alpha_i + alpha_m)) [ps] (Coldren & Corzine, Eq. (2.24))."""
        return 1e3 * self.group_index / (C_CM_PER_NS * self.threshold_modal_gain_cm)

    @property
    def q_factor(self) -> float:
        """Q = omega tau_p = 2 pi n_g / (lambda (alpha_i + alpha_m))."""
        return (
            2
            * math.pi
            * self.group_index
            / (self.wavelength_nm * 1e-7 * self.threshold_modal_gain_cm)
        )

    @property
    def output_fraction(self) -> float:
        """alpha_m / (alpha_i + alpha_m): the share of the stimulated photons that leave as
        output (the optical efficiency of Coldren & Corzine, Eq. (2.38))."""
        return self.mirror_loss_cm / self.threshold_modal_gain_cm

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "wavelength_nm": self.wavelength_nm,
            "confinement": self.confinement,
            "group_index": self.group_index,
            "internal_loss_cm-1": self.internal_loss_cm,
            "mirror_loss_cm-1": self.mirror_loss_cm,
            "threshold_modal_gain_cm-1": self.threshold_modal_gain_cm,
            "photon_lifetime_ps": self.photon_lifetime_ps,
            "q_factor": self.q_factor,
            **self.details,
        }


def loss_from_q(q_factor: float, wavelength_nm: float, group_index: float) -> float:
    """Loss [cm^-1] of a cavity mode with quality factor Q: alpha = 2 pi n_g / (lambda Q)
    (Q = omega tau_p with 1/tau_p = v_g alpha; Coldren & Corzine, Sec. 2.4)."""
    if not (math.isfinite(q_factor) and q_factor > 0):
        raise QdoptoError(f"the quality factor must be a positive number, got {q_factor}")
    if not (wavelength_nm > 0 and group_index >= 1):
        raise QdoptoError("need a positive wavelength and a group index >= 1")
    return 2 * math.pi * group_index / (wavelength_nm * 1e-7 * q_factor)


def _ks_residual(a: Array, d: Array, kl: float) -> NDArray[np.complex128]:
    """(a - i d) sinh(z) - z cosh(z), z^2 = (kappa L)^2 + (a - i d)^2 (Kogelnik & Shank)."""
    s = a - 1j * d
    z = np.sqrt(kl * kl + s * s + 0j)
    return np.asarray(s * np.sinh(z) - z * np.cosh(z))


def dfb_threshold(kappa_cm: float, length_um: float, modes: int = 1) -> list[dict[str, float]]:
    """Threshold gain and detuning of the lowest modes of an index-coupled DFB laser.

    Coupled-wave theory [H. Kogelnik, C. V. Shank, J. Appl. Phys. 43, 2327 (1972), Eqs.
    (14)-(16)]: with net field gain alpha, detuning delta from the Bragg condition and
    gamma^2 = kappa^2 + (alpha - i delta)^2, a grating of length L without end reflections
    oscillates when (alpha - i delta) sinh(gamma L) = gamma L cosh(gamma L) / L ... i.e.
    alpha - i delta = gamma coth(gamma L) (equivalently kappa = +- i gamma / sinh(gamma L)).
    The modes come in pairs at +- delta on both sides of the stop band; the lowest-gain pair is
    the lasing one. The power-gain threshold that the grating's feedback adds to the internal
    loss is 2 alpha (the distributed mirror loss).

    Parameters
    ----------
    kappa_cm : float
        Coupling coefficient [cm^-1], > 0.
    length_um : float
        Grating length [um], > 0.
    modes : int
        Number of modes (pairs) to return, lowest threshold first.

    Returns
    -------
    list of dict
        ``alpha_L`` (field gain x L), ``delta_L`` (detuning x L, >= 0), ``mirror_loss_cm-1``
        (2 alpha).
    """
    from scipy.optimize import root

    if not (math.isfinite(kappa_cm) and kappa_cm > 0):
        raise QdoptoError(f"the coupling coefficient must be positive, got {kappa_cm} cm^-1")
    if not (math.isfinite(length_um) and 0 < length_um <= 1e5):
        raise QdoptoError(f"the grating length must lie within (0, 1e5] um, got {length_um}")
    kl = kappa_cm * length_um * 1e-4
    if kl > 50:
        raise QdoptoError(
            f"kappa L = {kl:.3g} is beyond the range where the threshold is resolvable "
            "(kappa L <= 50): shorten the grating or weaken it"
        )
    a_grid = np.linspace(1e-3, 12.0, 241)
    d_grid = np.linspace(0.0, 6 * math.pi + 2 * kl, 481)
    aa, dd = np.meshgrid(a_grid, d_grid, indexing="ij")
    mag = (
        np.abs(_ks_residual(aa, dd, kl))
        / (np.abs(aa - 1j * dd) + 1.0)
        / np.cosh(np.minimum(aa + kl, 300))
    )
    # local minima of |F| on the grid seed the root finder
    inner = mag[1:-1, 1:-1]
    is_min = (
        (inner < mag[:-2, 1:-1])
        & (inner < mag[2:, 1:-1])
        & (inner < mag[1:-1, :-2])
        & (inner <= mag[1:-1, 2:])
    )
    seeds = [(a_grid[i + 1], d_grid[j + 1]) for i, j in zip(*np.nonzero(is_min), strict=True)]
    found: list[tuple[float, float]] = []
    for a0, d0 in seeds:

        def f(v: Array) -> list[float]:
            r = complex(_ks_residual(np.array(v[0]), np.array(v[1]), kl))
            return [r.real, r.imag]

        sol = root(f, [a0, d0], method="hybr", options={"xtol": 1e-13})
        a, d = float(sol.x[0]), abs(float(sol.x[1]))
        if not sol.success or a <= 0:
            continue
        # exclude the trivial gamma = 0 family: a^2 - d^2 = -kl^2 with a d = 0 is not a mode
        if abs(complex(_ks_residual(np.array(a), np.array(d), kl))) > 1e-8 * (
            1 + math.cosh(min(a + kl, 300))
        ):
            continue
        if all(abs(a - fa) > 1e-7 or abs(d - fd) > 1e-7 for fa, fd in found):
            found.append((a, d))
    if not found:
        raise QdoptoError(f"no DFB mode found for kappa L = {kl:.3g}")
    found.sort()
    length_cm = length_um * 1e-4
    return [
        {"alpha_L": a, "delta_L": d, "mirror_loss_cm-1": 2 * a / length_cm}
        for a, d in found[: max(1, modes)]
    ]


# ----------------------------------------------------------------------------- gain medium
@dataclass(frozen=True)
class GainMedium:
    """The QD film as a gain medium: its multiexciton ladder and band-edge absorption.

    Attributes
    ----------
    structure : str
        Normalised spec of the QDs.
    degeneracy : int
        Band-edge degeneracy g.
    k_total, k_rad : ndarray
        Total and radiative decay rates of the N-exciton states [1/ns], N = 0..N_max.
    alpha_cm : float
        Band-edge absorption of the unexcited film at the lasing wavelength [cm^-1]
        (the largest material gain it can give).
    dots_per_cm3 : float
        Density of dots in the QD layer [cm^-3].
    thickness_nm : float
        Thickness of the QD layer [nm].
    sigma_pump_cm2 : float
        Absorption cross-section per dot at the pump wavelength [cm^2].
    pump_wavelength_nm : float
        Pump wavelength [nm].
    """

    structure: str
    degeneracy: int
    k_total: Array = field(repr=False)
    k_rad: Array = field(repr=False)
    alpha_cm: float
    dots_per_cm3: float
    thickness_nm: float
    sigma_pump_cm2: float
    pump_wavelength_nm: float
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        k, kr = np.asarray(self.k_total), np.asarray(self.k_rad)
        if k.shape != kr.shape or k.ndim != 1 or k.size < self.degeneracy + 2:
            raise QdoptoError(
                "the decay ladders need matching shapes and at least g + 2 levels (N = 0..g+1)"
            )
        if np.any(kr > k * (1 + 1e-12)) or np.any(k[1:] <= 0) or k[0] != 0:
            raise QdoptoError("decay ladder: need k_0 = 0, k_N > 0 and k_rad,N <= k_N")
        for name, v in (
            ("band-edge absorption", self.alpha_cm),
            ("dot density", self.dots_per_cm3),
            ("QD layer thickness", self.thickness_nm),
            ("pump cross-section", self.sigma_pump_cm2),
        ):
            if not (math.isfinite(v) and v > 0):
                raise QdoptoError(f"gain medium: the {name} must be positive, got {v}")

    @property
    def dots_per_cm2(self) -> float:
        """Dots per unit area of the QD layer [cm^-2]."""
        return self.dots_per_cm3 * self.thickness_nm * 1e-7

    def to_dict(self) -> dict[str, Any]:
        return {
            "structure": self.structure,
            "degeneracy": self.degeneracy,
            "band_edge_absorption_cm-1": self.alpha_cm,
            "dots_per_cm3": self.dots_per_cm3,
            "dots_per_cm2": self.dots_per_cm2,
            "qd_layer_thickness_nm": self.thickness_nm,
            "sigma_pump_cm2": self.sigma_pump_cm2,
            "pump_wavelength_nm": self.pump_wavelength_nm,
            "radiative_lifetime_X_ns": 1.0 / float(self.k_rad[1]),
            "auger_lifetime_XX_ps": 1e3 / float(self.k_total[2] - self.k_rad[2]),
            **self.details,
        }


def qd_gain_medium(
    structure: Any,
    *,
    fill_fraction: float,
    thickness_nm: float,
    lasing_wavelength_nm: float | None = None,
    pump_wavelength_nm: float = 400.0,
    temperature_K: float = 300.0,
    dispersion_pct: float = 5.0,
    tau_xx_ns: float | None = None,
    host: str = "ligand",
    linewidth_meV: float | None = None,
) -> GainMedium:
    """The gain medium of a film of ``structure`` (from the layers below).

    Band-edge absorption alpha_1S of the film at the lasing wavelength (its largest material
    gain; at the gain peak when ``lasing_wavelength_nm`` is None) from
    :func:`qdopto.dynamics.gain.material_gain`; radiative and Auger ladders from
    :func:`qdopto.dynamics.rates.multiexciton_rates` (``tau_xx_ns`` overrides the Auger
    model); the pump cross-section of the ensemble from
    :func:`qdopto.dynamics.gain.pump_cross_section`; dot density = fill / volume.

    Parameters
    ----------
    structure : SphericalQD or str
        The QDs.
    fill_fraction : float
        Packing fraction of the QD layer, (0, 1].
    thickness_nm : float
        Thickness of the QD layer [nm].
    lasing_wavelength_nm : float, optional
        Lasing wavelength [nm]; must lie in the band-edge window of the film.
    pump_wavelength_nm : float
        Optical pump wavelength [nm] (above the first exciton).
    """
    from qdopto.dynamics.gain import _gain_window, material_gain, pump_cross_section
    from qdopto.dynamics.rates import multiexciton_rates
    from qdopto.structures import SphericalQD

    qd = SphericalQD.from_spec(structure) if isinstance(structure, str) else structure
    if not (math.isfinite(thickness_nm) and 0 < thickness_nm <= 1e5):
        raise QdoptoError(f"QD layer thickness must lie within (0, 1e5] nm, got {thickness_nm}")
    sigma, spec = pump_cross_section(
        qd, pump_wavelength_nm, dispersion_pct, temperature_K, linewidth_meV
    )
    lam = _gain_window(host, spec.first_exciton_nm)
    mat = material_gain(
        qd,
        fill_fraction,
        lam,
        host=host,
        dispersion_pct=dispersion_pct,
        temperature_K=temperature_K,
        linewidth_meV=linewidth_meV,
    )
    if lasing_wavelength_nm is None:
        lam_las, alpha = mat.peak_wavelength_nm, mat.peak_gain_cm
    else:
        lam_las = float(lasing_wavelength_nm)
        if not lam[0] <= lam_las <= lam[-1]:
            raise QdoptoError(
                f"lasing wavelength {lam_las:g} nm lies outside the band-edge window of the "
                f"film ({lam[0]:.0f}-{lam[-1]:.0f} nm, gain peak {mat.peak_wavelength_nm:.0f} nm)"
            )
        alpha = float(np.interp(lam_las, lam, mat.alpha_band_edge_cm))
    rates = multiexciton_rates(
        qd, temperature_K, tau_xx_ns=tau_xx_ns, dispersion_pct=dispersion_pct
    )
    n_d = fill_fraction / (qd.volume_nm3 * 1e-21)
    return GainMedium(
        qd.spec,
        mat.degeneracy,
        rates.k_total,
        rates.k_rad,
        float(alpha),
        float(n_d),
        float(thickness_nm),
        float(sigma),
        float(pump_wavelength_nm),
        {
            "lasing_wavelength_nm": lam_las,
            "peak_gain_wavelength_nm": mat.peak_wavelength_nm,
            "peak_material_gain_cm-1": mat.peak_gain_cm,
            "fill_fraction": fill_fraction,
            "auger_model": rates.auger_model,
        },
    )


@dataclass(frozen=True)
class Pump:
    """How the laser is pumped.

    Attributes
    ----------
    kind : {'pulsed', 'cw', 'electrical'}
    pulse_ns : float or None
        Duration of a square pulse [ns] (0 for an instantaneous, fs pulse); pulsed only.
    label : str
        What the user wrote, e.g. ``100 fs``, ``5 ns``, ``cw``.
    injection_efficiency : float
        Share of the current that creates excitons in the dots (electrical).
    """

    kind: PumpKind
    pulse_ns: float | None = None
    label: str = ""
    injection_efficiency: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in ("pulsed", "cw", "electrical"):
            raise QdoptoError(f"pump kind must be pulsed, cw or electrical, got {self.kind!r}")
        if self.kind == "pulsed" and not (
            self.pulse_ns is not None and math.isfinite(self.pulse_ns) and 0 <= self.pulse_ns <= 1e6
        ):
            raise QdoptoError(
                f"a pulsed pump needs a duration within 0-1e6 ns, got {self.pulse_ns}"
            )
        if not (0 < self.injection_efficiency <= 1):
            raise QdoptoError(
                f"injection efficiency must lie in (0, 1], got {self.injection_efficiency}"
            )

    @property
    def name(self) -> str:
        return self.label or (f"{self.pulse_ns:g} ns" if self.kind == "pulsed" else self.kind)


def parse_pump(text: str, injection_efficiency: float = 1.0) -> Pump:
    """A pump from text: ``cw``, ``electrical`` or a pulse duration (``"100 fs"``,
    ``"5 ns"``; a bare number is in ns)."""
    from qdopto.errors import UnitError
    from qdopto.units import parse_quantity

    t = str(text).strip()
    if t.lower() in ("cw", "electrical"):
        kind: PumpKind = "cw" if t.lower() == "cw" else "electrical"
        return Pump(kind, label=t.lower(), injection_efficiency=injection_efficiency)
    try:
        tau = parse_quantity(t, "ns", what="pump")
    except UnitError:
        raise QdoptoError(
            f"pump must be 'cw', 'electrical' or a pulse duration such as '100 fs' or "
            f"'5 ns', got '{t}'"
        ) from None
    if not (math.isfinite(tau) and 0 <= tau <= 1e6):
        raise QdoptoError(f"pulse duration must lie within 0-1e6 ns, got {t}")
    return Pump("pulsed", tau, t, injection_efficiency)


# ----------------------------------------------------------------------------- threshold
@dataclass(frozen=True)
class LaserThreshold:
    """Threshold of a QD laser in one pump regime (Eqs. 1-2).

    ``lasing`` is False when the required net gain fraction reaches 1 (the film cannot give the
    gain the cavity needs); the pump figures are then None and ``reason`` says why.
    """

    pump: str
    lasing: bool
    threshold_modal_gain_cm: float
    threshold_material_gain_cm: float
    max_material_gain_cm: float
    gain_fraction: float
    threshold_N: float | None = None
    threshold_generation_per_ns: float | None = None
    threshold_fluence_uJ_cm2: float | None = None
    threshold_intensity_kW_cm2: float | None = None
    threshold_current_density_A_cm2: float | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "pump": self.pump,
            "lasing": self.lasing,
            "threshold_modal_gain_cm-1": self.threshold_modal_gain_cm,
            "threshold_material_gain_cm-1": self.threshold_material_gain_cm,
            "max_material_gain_cm-1": self.max_material_gain_cm,
            "gain_fraction": self.gain_fraction,
            "threshold_N": self.threshold_N,
            "threshold_generation_per_ns": self.threshold_generation_per_ns,
            "threshold_fluence_uJ_cm2": self.threshold_fluence_uJ_cm2,
            "threshold_intensity_kW_cm2": self.threshold_intensity_kW_cm2,
            "threshold_current_density_A_cm2": self.threshold_current_density_A_cm2,
            "reason": self.reason,
        }


def laser_threshold(medium: GainMedium, cavity: Cavity, pump: Pump) -> LaserThreshold:
    """Threshold of a QD laser: the pump at which Gamma g = alpha_i + alpha_m (Eqs. 1-2).

    - pulsed (duration tau_p): excitons per dot per pulse from
      :func:`qdopto.dynamics.gain.pulse_threshold_excitons` (Poisson for tau_p -> 0), the
      fluence from <N> = sigma j (Klimov, J. Phys. Chem. B 104, 6112 (2000)) and the average
      intensity over the pulse;
    - cw: the generation rate per dot of the pumped ladder
      (:func:`qdopto.dynamics.threshold_generation_rate`) and the intensity I = G h nu / sigma;
    - electrical: the same generation rate as a current density J = e G n_dots / eta.

    Returns
    -------
    LaserThreshold
        With ``lasing=False`` and the numbers when the film cannot give the gain.
    """
    from qdopto.dynamics.gain import pulse_threshold_excitons
    from qdopto.dynamics.kinetics import threshold_generation_rate
    from qdopto.dynamics.pumping import (
        current_density_for_generation_rate,
        fluence_for_mean_excitons,
        intensity_for_generation_rate,
    )

    need = cavity.threshold_modal_gain_cm
    g_mat = need / cavity.confinement
    x = g_mat / medium.alpha_cm
    base = LaserThreshold(pump.name, False, need, g_mat, medium.alpha_cm, x)
    if x >= 1.0:
        return replace(
            base,
            reason=(
                f"no lasing: the cavity needs a material gain of {g_mat:.4g} cm^-1 "
                f"(modal {need:.4g} cm^-1 at confinement {cavity.confinement:.3g}), but the "
                f"film gives at most {medium.alpha_cm:.4g} cm^-1 at full inversion; raise the "
                "fill fraction or the confinement, or lower the losses"
            ),
        )
    k, g = medium.k_total, medium.degeneracy
    lam_p = medium.pump_wavelength_nm
    if pump.kind == "pulsed":
        tau = float(pump.pulse_ns or 0.0)
        n_th = pulse_threshold_excitons(k, g, tau, x)
        fluence = float(fluence_for_mean_excitons(n_th, medium.sigma_pump_cm2, lam_p))
        intensity = fluence * 1e-6 / (tau * 1e-9) * 1e-3 if tau > 0 else None
        return replace(
            base,
            lasing=True,
            threshold_N=n_th,
            threshold_fluence_uJ_cm2=fluence,
            threshold_intensity_kW_cm2=intensity,
        )
    g_th = float(threshold_generation_rate(k, g, 0, x))
    if pump.kind == "cw":
        i_th = float(intensity_for_generation_rate(g_th, medium.sigma_pump_cm2, lam_p)) * 1e-3
        return replace(
            base,
            lasing=True,
            threshold_generation_per_ns=g_th,
            threshold_intensity_kW_cm2=i_th,
        )
    j_th = float(
        current_density_for_generation_rate(g_th, medium.dots_per_cm2, pump.injection_efficiency)
    )
    return replace(
        base,
        lasing=True,
        threshold_generation_per_ns=g_th,
        threshold_current_density_A_cm2=j_th,
    )


# ----------------------------------------------------------------------------- rate equations
def stimulated_weights(n_max: int, degeneracy: int) -> tuple[Array, Array]:
    """Stimulated-emission and absorption weights e_N = f^2, b_N = (1 - f)^2 of an N-exciton
    dot, f = min(N, g)/g (state filling of electron and hole levels; b_N - e_N is the net
    absorption a_N = 1 - 2f of Klimov et al., Science 290, 314 (2000))."""
    f = np.minimum(np.arange(n_max + 1), degeneracy) / degeneracy
    return np.asarray(f * f), np.asarray((1 - f) ** 2)


def _birth_death(up: Array, down: Array) -> Array:
    """Stationary distribution of a birth-death chain (up[..., N]: N -> N+1 for N < N_max;
    down[..., N]: N -> N-1 for N >= 1, down[..., 0] unused): detailed balance
    P_{N+1} / P_N = up_N / down_{N+1} (exact for nearest-neighbour chains)."""
    with np.errstate(divide="ignore"):
        steps = np.log(up[..., :-1]) - np.log(down[..., 1:])
    logp = np.concatenate([np.zeros((*up.shape[:-1], 1)), np.cumsum(steps, axis=-1)], axis=-1)
    logp -= logp.max(axis=-1, keepdims=True)
    p = np.exp(logp)
    return np.asarray(p / p.sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class LightCurve:
    """Light-in / light-out curve of a QD laser from the rate equations (Eq. 3).

    Attributes
    ----------
    pump : str
        Pump regime.
    pump_values : ndarray
        Pump levels in ``pump_unit`` (uJ/cm^2 per pulse, kW/cm^2 or A/cm^2).
    excitation : ndarray
        Excitons per dot per pulse (pulsed) or generation rate per dot [1/ns] (cw, electrical).
    output : ndarray
        Laser output per unit area of the film: uJ/cm^2 per pulse (pulsed) or kW/cm^2.
    photons_per_dot : ndarray
        Output photons per dot per pulse (pulsed) or per ns.
    mean_N : ndarray
        Average excitons per dot (cw: steady state; pulsed: at the end of the pulse).
    """

    pump: str
    pump_unit: str
    output_unit: str
    beta: float
    pump_values: Array = field(repr=False)
    excitation: Array = field(repr=False)
    output: Array = field(repr=False)
    photons_per_dot: Array = field(repr=False)
    mean_N: Array = field(repr=False)
    threshold: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pump": self.pump,
            "pump_unit": self.pump_unit,
            "output_unit": self.output_unit,
            "beta": self.beta,
            "threshold": self.threshold,
            "pump_values": self.pump_values.tolist(),
            "output": self.output.tolist(),
            "photons_per_dot": self.photons_per_dot.tolist(),
            "mean_N": self.mean_N.tolist(),
        }


def _check_beta(beta: float) -> float:
    if not (math.isfinite(beta) and 0 < beta <= 1):
        raise QdoptoError(
            f"the spontaneous-emission factor beta must lie in (0, 1], got {beta} "
            "(typical: 1e-5-1e-3 for film lasers, up to ~0.1-1 for nanocavities)"
        )
    return float(beta)


def _ladder(medium: GainMedium, top_mean: float) -> tuple[Array, Array]:
    """Decay ladders cut where a Poisson or pumped population of mean ``top_mean`` no longer
    reaches (at least g + 2 levels)."""
    n = int(
        min(
            medium.k_total.size - 1,
            max(medium.degeneracy + 4, top_mean + 8 * math.sqrt(top_mean + 1) + 8),
        )
    )
    return medium.k_total[: n + 1], medium.k_rad[: n + 1]


def steady_state_lasing(
    medium: GainMedium, cavity: Cavity, generation_per_ns: ArrayLike, beta: float = 1e-4
) -> tuple[Array, Array]:
    """Steady state of the rate equations (Eq. 3) under constant pumping G per dot.

    For a given photon number the dot populations form a birth-death chain (up: G + W b_N,
    down: k_N + W e_N) whose stationary state is exact; the photon balance
    f(u) = Gamma [v_g alpha u sum (e_N - b_N) P_N + beta sum k_rad,N P_N] - u / tau_p = 0 then
    has one root in (0, Gamma tau_p G] (f(0) > 0 and f < 0 beyond, by exciton conservation),
    found by bisection on log u for all pump levels at once.

    Returns
    -------
    u : ndarray
        Photon density of the mode over the dot density (u / Gamma mode photons per dot).
    populations : ndarray, shape (..., N_max + 1)
    """
    beta = _check_beta(beta)
    gen = np.atleast_1d(np.asarray(generation_per_ns, dtype=float))
    if np.any(~np.isfinite(gen)) or np.any(gen <= 0):
        raise QdoptoError("generation rates must be positive and finite")
    k, kr = _ladder(medium, float(gen.max() / medium.k_total[1]) + 2 * medium.degeneracy)
    e, b = stimulated_weights(k.size - 1, medium.degeneracy)
    vg = C_CM_PER_NS / cavity.group_index
    inv_tp = vg * cavity.threshold_modal_gain_cm
    gamma = cavity.confinement

    def populations(u: Array) -> Array:
        w = vg * medium.alpha_cm * u[:, None]
        up = gen[:, None] + w * b[None, :]
        down = k[None, :] + w * e[None, :]
        return _birth_death(up, down)

    def balance(u: Array) -> Array:
        p = populations(u)
        net = p @ (e - b)
        spont = p @ kr
        return np.asarray(gamma * (vg * medium.alpha_cm * u * net + beta * spont) - u * inv_tp)

    lo = np.full(gen.shape, -120.0)
    hi = np.log(gamma * gen / inv_tp * 1.000001)
    for _ in range(120):
        mid = 0.5 * (lo + hi)
        pos = balance(np.exp(mid)) > 0
        lo = np.where(pos, mid, lo)
        hi = np.where(pos, hi, mid)
    u = np.exp(0.5 * (lo + hi))
    return np.asarray(u), populations(u)


def _output_scale(medium: GainMedium, cavity: Cavity) -> tuple[float, float]:
    """Photons out per dot per unit u per ns, and J per photon per dot -> per cm^2."""
    vg = C_CM_PER_NS / cavity.group_index
    per_dot = vg * cavity.mirror_loss_cm / cavity.confinement
    e_photon = HC_EV_NM / cavity.wavelength_nm * ELEMENTARY_CHARGE_C
    return per_dot, e_photon * medium.dots_per_cm2


#: ROS3 [A. Sandu, J. G. Verwer, J. G. Blom, E. J. Spee, G. R. Carmichael, F. A. Potra,
#: Atmos. Environ. 31, 3459 (1997)]: three stages, third order with an embedded second-order
#: estimate, L-stable, in the form (I - gamma h J) K_i = gamma h (f(y + sum_j A_ij K_j)
#: + sum_j C_ij K_j / h), y_new = y + sum M_i K_i, error sum E_i K_i (A_21 = A_31 = 1, A_32 = 0);
#: coefficients as tabulated by KPP. Stage 3 shares the function value of stage 2.
_ROS3_GAMMA: float = 0.43586652150845899941601945119356
_ROS3_C = (
    (0.0, 0.0),
    (-1.0156171083877702091975600115545, 0.0),
    (4.0759956452537699824805835358067, 9.2076794298330791242156818474003),
)
_ROS3_M = (1.0, 6.1697947043828245592553615689730, -0.42772256543218573326238373806514)
_ROS3_E = (0.5, -2.9079558716805469821718236208017, 0.22354069897811569627360909276199)


def _ros3(
    rhs: Any,
    factor: Any,
    y0: Array,
    duration: float,
    *,
    rtol: Array | float = 1e-4,
    atol: Array | float = 1e-10,
    first_step: float = 1e-6,
    controlled: int | None = None,
    max_steps: int = 100_000,
) -> Array:
    """Integrate M independent autonomous systems dy/dt = f(y) over ``duration``, each with
    its own adaptive step, by the L-stable third-order Rosenbrock method ROS3 (Sandu et al.
    1997; coefficients above), with its embedded second-order estimate for the step control.

    ``rhs(y, sel)`` evaluates the systems ``sel`` (an index array) at their states y
    (len(sel), n); ``factor(y, sel, gamma_h)`` returns a function that solves
    (I - gamma_h J) x = r for those systems. The local error is controlled on the first
    ``controlled`` components (default: all; the others are running integrals), and steps
    that would make a controlled component negative beyond its tolerance are rejected
    (populations and photon numbers); what remains below zero is clipped.
    """
    y = y0.copy()
    m, nv = y.shape
    t = np.zeros(m)
    h = np.full(m, min(first_step, duration))
    nc = nv if controlled is None else controlled
    atol_v = np.broadcast_to(np.asarray(atol, dtype=float), (nc,))
    rtol_v = np.broadcast_to(np.asarray(rtol, dtype=float), (nc,))
    for _ in range(max_steps):
        sel = np.nonzero(t < duration * (1 - 1e-12))[0]
        if sel.size == 0:
            return y
        hs = np.minimum(h[sel], duration - t[sel])
        gh = _ROS3_GAMMA * hs
        ys = y[sel]
        solve = factor(ys, sel, gh)
        ks: list[Array] = []
        f_stage = rhs(ys, sel)
        for i in range(3):
            arg = np.zeros_like(ys)
            for j in range(i):
                arg += _ROS3_C[i][j] * ks[j]
            if i == 1:  # stages 2 and 3 evaluate f at y + K_1
                f_stage = rhs(ys + ks[0], sel)
            ks.append(solve(gh[:, None] * (f_stage + arg / hs[:, None])))
        y_new = ys + sum(mi * ki for mi, ki in zip(_ROS3_M, ks, strict=True))
        err = sum(ei * ki[:, :nc] for ei, ki in zip(_ROS3_E, ks, strict=True))
        scale = atol_v + rtol_v * np.maximum(np.abs(ys[:, :nc]), np.abs(y_new[:, :nc]))
        norm = np.sqrt(np.mean((err / scale) ** 2, axis=1))
        negative = np.any(y_new[:, :nc] < -scale, axis=1)
        norm = np.maximum(norm, np.where(negative, 4.0, 0.0))
        ok = np.isfinite(norm) & (norm <= 1.0)
        acc = sel[ok]
        y_new[:, :nc] = np.maximum(y_new[:, :nc], 0.0)
        y[acc] = y_new[ok]
        t[acc] += hs[ok]
        factor_h = np.where(np.isfinite(norm), 0.9 * np.maximum(norm, 1e-10) ** (-1.0 / 3.0), 0.2)
        h[sel] = hs * np.clip(factor_h, 0.2, 4.0)
        if np.any(h[sel] < 1e-15 * duration):
            raise QdoptoError("the laser rate equations did not integrate: step size underflow")
    raise QdoptoError(f"the laser rate equations needed more than {max_steps} steps")


def _tridiagonal_factor(sub: Array, diag: Array, sup: Array) -> tuple[Array, Array]:
    """Forward elimination of batched tridiagonal systems (Thomas algorithm; stable without
    pivoting for the column diagonally dominant I - gamma h J of a Markov generator)."""
    w = np.zeros_like(diag)
    piv = diag.copy()
    for i in range(1, diag.shape[1]):
        w[:, i] = sub[:, i] / piv[:, i - 1]
        piv[:, i] = diag[:, i] - w[:, i] * sup[:, i - 1]
    return w, piv


def _tridiagonal_solve(w: Array, piv: Array, sup: Array, rhs: Array) -> Array:
    """Solve the factored systems for rhs (M, L, R)."""
    x = rhs.copy()
    n = piv.shape[1]
    for i in range(1, n):
        x[:, i] -= w[:, i, None] * x[:, i - 1]
    x[:, n - 1] /= piv[:, n - 1, None]
    for i in range(n - 2, -1, -1):
        x[:, i] = (x[:, i] - sup[:, i, None] * x[:, i + 1]) / piv[:, i, None]
    return x


def rate_equations(
    medium: GainMedium,
    cavity: Cavity,
    p0: ArrayLike,
    times_ns: ArrayLike,
    *,
    generation_per_ns: ArrayLike = 0.0,
    pulse_ns: float = 0.0,
    beta: float = 1e-4,
    rtol: float = 1e-4,
) -> dict[str, Array]:
    """Integrate the rate equations (Eq. 3) for many pump levels at once.

    Parameters
    ----------
    p0 : ndarray, shape (M, N_max + 1)
        Initial populations of M ensembles (e.g. Poisson after a fs pulse).
    times_ns : ndarray
        Output times [ns], increasing, from 0.
    generation_per_ns : float or ndarray (M,)
        Generation rate per dot during a square pulse of ``pulse_ns`` (0: no pumping).
    pulse_ns : float
        Duration of the square pump pulse [ns].
    beta : float
        Spontaneous-emission factor, (0, 1].
    rtol : float
        Relative tolerance of the integration (absolute tolerances: 1e-9 for populations,
        1e-6 x beta Gamma k_rad,1 tau_p for u, far below the spontaneous seed of a lasing
        burst).

    Returns
    -------
    dict
        ``populations`` (T, M, N+1), ``u`` (T, M), ``emitted`` (T, M): photons out per dot
        since t = 0; ``lost_internal``, ``decayed`` (T, M): photons lost inside the cavity and
        excitons decayed other than into the lasing mode (for the balance
        N_pumped = emitted + lost_internal + decayed + <N>(t) + u(t)/Gamma).
    """
    beta = _check_beta(beta)
    p0 = np.atleast_2d(np.asarray(p0, dtype=float))
    m, levels = p0.shape
    k, kr = medium.k_total[:levels], medium.k_rad[:levels]
    if k.size != levels:
        raise QdoptoError(f"p0 has {levels} levels, the ladder only {medium.k_total.size}")
    t_out = np.asarray(times_ns, dtype=float)
    if t_out.size == 0 or t_out.ndim != 1 or t_out[0] < 0 or np.any(np.diff(t_out) <= 0):
        raise QdoptoError("times must be increasing and >= 0 ns")
    gen = np.broadcast_to(np.asarray(generation_per_ns, dtype=float), (m,)).copy()
    e, b = stimulated_weights(levels - 1, medium.degeneracy)
    vg = C_CM_PER_NS / cavity.group_index
    va = vg * medium.alpha_cm
    inv_tp = vg * cavity.threshold_modal_gain_cm
    gamma = cavity.confinement
    out_rate = vg * cavity.mirror_loss_cm / gamma
    int_rate = vg * cavity.internal_loss_cm / gamma
    nv = levels + 4  # P_0..P_N, u, emitted, lost internally, decayed
    if not (1e-10 <= rtol <= 1e-2):
        raise QdoptoError(f"rtol must lie within 1e-10-1e-2, got {rtol}")
    atol = np.full(levels + 1, 1e-9)
    # photons: absolute tolerance far below the spontaneous level u_sp = beta Gamma k_rad,1
    # tau_p P_1 of a weakly excited ensemble (P_1 = 1e-3), from which lasing builds up
    atol[levels] = 1e-6 * beta * gamma * float(kr[1]) / inv_tp

    def rhs_block(y: Array, g_now: Array) -> Array:
        p, u = y[:, :levels], y[:, levels]
        w = va * u
        up = g_now[:, None] + w[:, None] * b[None, :]
        up[:, -1] = 0.0
        down = k[None, :] + w[:, None] * e[None, :]
        dp = -(up + down) * p
        dp[:, 1:] += up[:, :-1] * p[:, :-1]
        dp[:, :-1] += down[:, 1:] * p[:, 1:]
        spont = p @ kr
        du = gamma * (w * (p @ (e - b)) + beta * spont) - u * inv_tp
        d = np.empty_like(y)
        d[:, :levels] = dp
        d[:, levels] = du
        d[:, levels + 1] = out_rate * u
        d[:, levels + 2] = int_rate * u
        d[:, levels + 3] = p @ k - beta * spont
        return d

    bb = b.copy()
    bb[-1] = 0.0  # the top level is not excited further

    def factor_block(y: Array, g_now: Array, gh: Array) -> Any:
        """Solver of (I - gh J) x = r: J is tridiagonal in the populations, bordered by the
        photon row and column (an arrowhead), with the running integrals below; solved by
        the bordering method on the Thomas factorisation of the tridiagonal block."""
        p, u = y[:, :levels], y[:, levels]
        w = va * u
        up = g_now[:, None] + w[:, None] * bb[None, :]
        down = k[None, :] + w[:, None] * e[None, :]
        diag = 1.0 + gh[:, None] * (up + down)
        sub = np.zeros_like(diag)
        sup = np.zeros_like(diag)
        sub[:, 1:] = -gh[:, None] * up[:, :-1]
        sup[:, :-1] = -gh[:, None] * down[:, 1:]
        dpu = -(bb + e)[None, :] * p
        dpu[:, 1:] += bb[None, :-1] * p[:, :-1]
        dpu[:, :-1] += e[None, 1:] * p[:, 1:]
        col = -gh[:, None] * va * dpu
        row = -gh[:, None] * gamma * (w[:, None] * (e - b)[None, :] + beta * kr[None, :])
        corner = 1.0 - gh * (gamma * va * (p @ (e - b)) - inv_tp)
        wt, piv = _tridiagonal_factor(sub, diag, sup)
        border: list[Array] = []  # T^-1 col and the Schur complement, with the first solve

        def solve(r: Array) -> Array:
            if border:
                xc, schur = border
                x1 = _tridiagonal_solve(wt, piv, sup, r[:, :levels, None])[:, :, 0]
            else:
                both = _tridiagonal_solve(wt, piv, sup, np.stack([r[:, :levels], col], axis=-1))
                x1, xc = both[:, :, 0], both[:, :, 1]
                schur = corner - np.einsum("ml,ml->m", row, xc)
                border.extend([xc, schur])
            xu = (r[:, levels] - np.einsum("ml,ml->m", row, x1)) / schur
            out = np.empty_like(r)
            out[:, :levels] = x1 - xc * xu[:, None]
            out[:, levels] = xu
            # running integrals: x_acc = r_acc + gh (dI/dy) x_core
            out[:, levels + 1] = r[:, levels + 1] + gh * out_rate * xu
            out[:, levels + 2] = r[:, levels + 2] + gh * int_rate * xu
            out[:, levels + 3] = r[:, levels + 3] + gh * (out[:, :levels] @ (k - beta * kr))
            return out

        return solve

    y0 = np.zeros((m, nv))
    y0[:, :levels] = p0
    t_out = np.asarray(times_ns, dtype=float)
    tau = float(pulse_ns) if np.any(gen > 0) else 0.0
    stops = np.unique(np.concatenate([t_out, [tau] if 0 < tau < t_out[-1] else []]))
    states = {}
    y, t_now = y0, 0.0
    for t_stop in stops:
        if t_stop > t_now:
            g_now = gen if t_now < tau else np.zeros(m)
            y = _ros3(
                lambda yy, sel, g_now=g_now: rhs_block(yy, g_now[sel]),
                lambda yy, sel, gh, g_now=g_now: factor_block(yy, g_now[sel], gh),
                y,
                t_stop - t_now,
                rtol=rtol,
                atol=atol,
                first_step=1e-6,
                controlled=levels + 1,
            )
            t_now = float(t_stop)
        states[float(t_stop)] = y
    y = np.stack([states[float(t)] for t in t_out])
    return {
        "populations": y[:, :, :levels],
        "u": y[:, :, levels],
        "emitted": y[:, :, levels + 1],
        "lost_internal": y[:, :, levels + 2],
        "decayed": y[:, :, levels + 3],
    }


def light_curve(
    medium: GainMedium,
    cavity: Cavity,
    pump: Pump,
    *,
    points: int = 200,
    span: tuple[float, float] = (0.1, 10.0),
    beta: float = 1e-4,
    threshold: LaserThreshold | None = None,
) -> LightCurve:
    """Light-in / light-out curve across threshold from the rate equations (Eq. 3).

    Pump levels are spaced logarithmically over ``span`` x the threshold of
    :func:`laser_threshold` (or over the same range of <N> / G around the transparency
    threshold when the cavity cannot lase, so the curve shows the missing kink). CW and
    electrical pumping use the exact steady state (:func:`steady_state_lasing`); pulses
    integrate the rate equations for all pump levels at once until the output has settled
    (8 radiative lifetimes after the pulse; rtol 1e-3, which gives the output energy to
    ~6e-5 against rtol 1e-6).

    Returns
    -------
    LightCurve
    """
    from qdopto.dynamics.gain import pulse_threshold_excitons
    from qdopto.dynamics.kinetics import threshold_generation_rate
    from qdopto.dynamics.multiexcitons import poisson
    from qdopto.dynamics.pumping import (
        current_density_for_generation_rate,
        fluence_for_mean_excitons,
        intensity_for_generation_rate,
    )

    if not (isinstance(points, int) and 2 <= points <= 100_000):
        raise QdoptoError(f"points must be an integer within 2-100000, got {points}")
    lo, hi = span
    if not (0 < lo < hi <= 1e4):
        raise QdoptoError(f"the pump span must satisfy 0 < low < high <= 1e4, got {span}")
    th = threshold or laser_threshold(medium, cavity, pump)
    per_dot, j_per_photon_cm2 = _output_scale(medium, cavity)
    scale = np.geomspace(lo, hi, points)
    g = medium.degeneracy
    sigma, lam_p = medium.sigma_pump_cm2, medium.pump_wavelength_nm
    if pump.kind == "pulsed":
        tau = float(pump.pulse_ns or 0.0)
        n_ref = (
            th.threshold_N
            if th.threshold_N is not None
            else pulse_threshold_excitons(medium.k_total, g, tau)
        )
        n_pump = scale * n_ref
        k, _ = _ladder(medium, float(n_pump.max()))
        levels = k.size
        t_end = tau + 8.0 / float(medium.k_rad[1])
        times = np.array([max(tau, 1e-6), t_end])
        if tau == 0:
            p0 = poisson(n_pump, levels - 1)
            p0[:, -1] += 1.0 - p0.sum(axis=1)
            sol = rate_equations(medium, cavity, p0, times, beta=beta, rtol=1e-3)
        else:
            p0 = np.zeros((points, levels))
            p0[:, 0] = 1.0
            sol = rate_equations(
                medium,
                cavity,
                p0,
                times,
                generation_per_ns=n_pump / tau,
                pulse_ns=tau,
                beta=beta,
                rtol=1e-3,
            )
        photons = sol["emitted"][-1]
        mean_n = sol["populations"][0] @ np.arange(levels)
        fluence = np.asarray(fluence_for_mean_excitons(n_pump, sigma, lam_p))
        return LightCurve(
            pump.name,
            "uJ/cm^2",
            "uJ/cm^2",
            beta,
            fluence,
            n_pump,
            photons * j_per_photon_cm2 * 1e6,
            photons,
            mean_n,
            th.threshold_fluence_uJ_cm2,
        )
    g_ref = (
        th.threshold_generation_per_ns
        if th.threshold_generation_per_ns is not None
        else threshold_generation_rate(medium.k_total, g)
    )
    gen = scale * g_ref
    u, p = steady_state_lasing(medium, cavity, gen, beta)
    photons = per_dot * u
    out_kw = photons * 1e9 * j_per_photon_cm2 * 1e-3
    mean_n = p @ np.arange(p.shape[-1])
    if pump.kind == "cw":
        values = np.asarray(intensity_for_generation_rate(gen, sigma, lam_p)) * 1e-3
        unit, thr = "kW/cm^2", th.threshold_intensity_kW_cm2
    else:
        values = np.asarray(
            current_density_for_generation_rate(gen, medium.dots_per_cm2, pump.injection_efficiency)
        )
        unit, thr = "A/cm^2", th.threshold_current_density_A_cm2
    return LightCurve(pump.name, unit, "kW/cm^2", beta, values, gen, out_kw, photons, mean_n, thr)


# ----------------------------------------------------------------------------- ASE
def vsl_intensity(length_um: ArrayLike, net_gain_cm: float, spontaneous: float = 1.0) -> Array:
    """Edge output of a pumped stripe of length L: I(L) = (A / g) (exp(g L) - 1), the
    variable-stripe-length (VSL) model [K. L. Shaklee, R. F. Leheny, Appl. Phys. Lett. 18, 475
    (1971), Eq. (1)], with g the net modal gain [cm^-1] and A the spontaneous emission into
    the guided mode per unit length (arbitrary units); g -> 0 gives A L.

    Parameters
    ----------
    length_um : float or ndarray
        Stripe lengths [um], >= 0.
    net_gain_cm : float
        Net modal gain Gamma g - alpha [cm^-1] (negative: loss).
    spontaneous : float
        A, in output units per cm.
    """
    ell = np.asarray(length_um, dtype=float) * 1e-4
    if np.any(~np.isfinite(ell)) or np.any(ell < 0) or not math.isfinite(net_gain_cm):
        raise QdoptoError("stripe lengths must be finite and >= 0 um, the gain finite")
    x = net_gain_cm * ell
    return np.asarray(
        spontaneous
        * ell
        * np.where(np.abs(x) < 1e-8, 1 + x / 2, np.expm1(x) / np.where(x == 0, 1, x))
    )


def fit_vsl(length_um: ArrayLike, intensity: ArrayLike) -> dict[str, float]:
    """Net modal gain from a measured VSL curve: least-squares fit of
    :func:`vsl_intensity` (Shaklee & Leheny 1971) to (L, I) in log space.

    Returns
    -------
    dict
        ``net_gain_cm-1``, ``spontaneous`` (A) and the fit's ``rms_log_residual``.
    """
    from scipy.optimize import least_squares

    ell = np.asarray(length_um, dtype=float)
    y = np.asarray(intensity, dtype=float)
    if ell.shape != y.shape or ell.ndim != 1 or ell.size < 3:
        raise QdoptoError("a VSL fit needs at least 3 (length, intensity) pairs of equal length")
    if np.any(~np.isfinite(ell)) or np.any(ell <= 0) or np.any(~np.isfinite(y)) or np.any(y <= 0):
        raise QdoptoError("VSL data must be finite, with lengths > 0 um and intensities > 0")
    log_y = np.log(y)
    # start: the slope of log I at the long end gives g, A from the shortest stripe
    order = np.argsort(ell)
    ell, log_y = ell[order], log_y[order]
    g0 = float(np.polyfit(ell[-3:] * 1e-4, log_y[-3:], 1)[0])
    a0 = float(np.exp(log_y[0]) / (ell[0] * 1e-4))

    def resid(v: Array) -> Array:
        return np.asarray(np.log(vsl_intensity(ell, float(v[0]), math.exp(float(v[1])))) - log_y)

    sol = least_squares(resid, [g0, math.log(a0)], x_scale=[max(abs(g0), 1.0), 1.0])
    return {
        "net_gain_cm-1": float(sol.x[0]),
        "spontaneous": float(math.exp(sol.x[1])),
        "rms_log_residual": float(np.sqrt(np.mean(sol.fun**2))),
    }


def ase_threshold(
    medium: GainMedium,
    cavity: Cavity,
    pump: Pump,
    stripe_length_um: float | None = None,
    gain_length: float = 0.0,
) -> LaserThreshold:
    """ASE threshold of a pumped film waveguide (no feedback).

    Amplified spontaneous emission sets in when the net modal gain of the guided mode turns
    positive, Gamma g = alpha_i (``gain_length`` = 0), or, for a stripe of length L, when the
    single-pass gain reaches (Gamma g - alpha_i) L = ``gain_length`` (the VSL model,
    :func:`vsl_intensity`, turns superlinear at g L ~ 1). The waveguide's internal loss and
    confinement come from ``cavity`` (its mirror loss is ignored).
    """
    if not (math.isfinite(gain_length) and gain_length >= 0):
        raise QdoptoError(f"gain_length must be >= 0, got {gain_length}")
    extra = 0.0
    if gain_length > 0:
        if stripe_length_um is None or not (
            math.isfinite(stripe_length_um) and stripe_length_um > 0
        ):
            raise QdoptoError("a gain-length criterion needs a positive stripe length [um]")
        extra = gain_length / (stripe_length_um * 1e-4)
    if cavity.internal_loss_cm + extra <= 0:
        raise QdoptoError(
            "the ASE threshold needs a waveguide loss or a gain-length criterion "
            "(alpha_i = 0 and gain_length = 0 would put it at transparency of the dots)"
        )
    guide = Cavity(
        "ase",
        cavity.wavelength_nm,
        cavity.confinement,
        cavity.group_index,
        cavity.internal_loss_cm,
        extra,
        {"stripe_length_um": stripe_length_um, "gain_length": gain_length},
    )
    return laser_threshold(medium, guide, pump)
