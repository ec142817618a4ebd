"""DBR microcavities / VCSELs against independent references.

References used below:

- all-dielectric Fabry-Perot filter Sub|(LH)^N 2L (HL)^N|Sub: resonance at the design
  wavelength, T = 1 for identical lossless mirrors, mirror reflectance
  R = ((1 - x)/(1 + x))^2, x = (n0/ns)(nL/nH)^(2N) [H. A. Macleod, *Thin-Film Optical
  Filters*, 4th ed. (2010), Ch. 7 and Eq. (5.13)];
- Airy function of a Fabry-Perot etalon: FWHM = (lambda^2/(2 pi n L_eff)) (1 - rho)/sqrt(rho),
  rho = sqrt(R1 R2), i.e. Q = 2 pi n L_eff sqrt(rho)/(lambda (1 - rho)) [M. Born, E. Wolf,
  *Principles of Optics*, 7th ed., Sec. 7.6.1; B. E. A. Saleh, M. C. Teich, *Fundamentals of
  Photonics*, 2nd ed., Sec. 10.1], with the DBR effective length tanh(kappa L_g)/(2 kappa),
  kappa = 2 dn/lambda [L. A. Coldren, S. W. Corzine, *Diode Lasers and Photonic Integrated
  Circuits*, 2nd ed. (2012), Ch. 3; D. I. Babic, S. W. Corzine, IEEE JQE 28, 514 (1992)];
- the exact threshold of a slab laser with complex index n~ in a medium n_out:
  r^2 exp(2 i n~ k0 L) = 1, r = (n~ - n_out)/(n~ + n_out) [Coldren & Corzine 2012, Sec. 2.2];
- gain enhancement factor of a thin layer at a standing-wave antinode, Gamma_r = 2 (times the
  index ratio n_a/n_c of the energy normalisation) [S. W. Corzine et al., IEEE JQE 25, 1513
  (1989)];
- plane-wave amplitude transfer matrices (continuity of E and dE/dz) [P. Yeh, *Optical Waves
  in Layered Media* (1988), Ch. 5], independent of the characteristic matrices of the module;
  :func:`qdopto.photonics.reflectance_transmittance` (the existing thin-film code) for R and T.
"""

from __future__ import annotations

import cmath
import json
import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import simpson
from scipy.optimize import brentq

from qdopto.errors import QdoptoError
from qdopto.photonics import parse_stack, quarter_wave_dbr_reflectance, reflectance_transmittance
from qdopto.photonics.microcavity import (
    cavity_modes,
    dbr_cavity_spec,
    dbr_penetration_depth_nm,
    field_profile,
    lasing_threshold,
    microcavity,
    vcsel_threshold_gain_approx,
)


def _n(material: str, lam: float) -> float:
    """Real index of a database material at one wavelength."""
    layer = parse_stack(f"air:inf/{material}:1/air:inf").layers[1]
    return float(layer.index(np.array([lam]))[0].real)


def _fp_filter(n_pairs: int, lam0: float, spacer_half_waves: int = 1) -> str:
    """Macleod's Sub|(LH)^N m(2L) (HL)^N|Sub with SiO2 (L) and SiNx (H), built by hand."""
    t_h, t_l = lam0 / (4 * _n("SiNx", lam0)), lam0 / (4 * _n("SiO2", lam0))
    bottom = [f"SiO2:{t_l!r}", f"SiNx:{t_h!r}"] * n_pairs
    top = [f"SiNx:{t_h!r}", f"SiO2:{t_l!r}"] * n_pairs
    spacer = f"SiO2:{2 * spacer_half_waves * t_l!r}"
    return "/".join(["SiO2:inf", *bottom, spacer, *top, "SiO2:inf"])


def _transmittance(spec: str, lam: float) -> float:
    """T from the existing thin-film module (independent of the microcavity code)."""
    s = parse_stack(spec)
    _, t = reflectance_transmittance(s.indices(np.array([lam])), s.thicknesses(), [lam])
    return float(t[0])


# ---------------------------------------------------------------------------------- design
def test_design_matches_the_hand_built_fabry_perot_filter() -> None:
    lam0 = 640.0
    built = parse_stack(dbr_cavity_spec("SiO2", "SiNx", "SiO2", 6, 6, "SiO2", lam0, cover="SiO2"))
    ref = parse_stack(_fp_filter(6, lam0))
    assert [layer.material for layer in built.layers] == [layer.material for layer in ref.layers]
    np.testing.assert_allclose(built.thicknesses(), ref.thicknesses(), rtol=1e-10)


@pytest.mark.parametrize("order", [1, 2])
def test_lossless_cavity_resonates_at_the_design_wavelength(order: int) -> None:
    """Macleod's Fabry-Perot filter: the spacer's round-trip phase is 2 pi m at lambda0, where
    the identical lossless mirrors transmit T = 1 (checked with the thin-film module too)."""
    lam0 = 640.0
    spec = _fp_filter(8, lam0, order)
    (mode,) = cavity_modes(spec, (625.0, 655.0))
    assert abs(mode.wavelength_nm / lam0 - 1) < 1e-6
    assert mode.peak_transmission == pytest.approx(1.0, abs=1e-9)
    assert _transmittance(spec, lam0) == pytest.approx(1.0, abs=1e-9)
    # mirrors seen from the spacer: (HL)^8 on SiO2, Macleod Eq. (5.13)
    n_l, n_h = _n("SiO2", lam0), _n("SiNx", lam0)
    r_ref = quarter_wave_dbr_reflectance(n_l, n_l, n_h, n_l, 8)
    assert mode.r_bottom == pytest.approx(r_ref, abs=1e-9)
    assert mode.r_top == pytest.approx(r_ref, abs=1e-9)


def test_active_layer_keeps_the_design_resonance() -> None:
    """A 20 nm layer of another index centred on the antinode: the design compensates the
    phase exactly for ideal mirrors; with R ~ 0.98 the internal reflections shift lambda by
    ~5e-7 (SiNx) - within the 1e-6 design tolerance."""
    for active in ("PMMA:20", "SiNx:20"):
        spec = dbr_cavity_spec("SiO2", "SiNx", "SiO2", 8, 8, "SiO2", 640.0, active=active)
        res = microcavity(spec, (625.0, 655.0), threshold=False)
        assert abs(res.mode.wavelength_nm / 640.0 - 1) < 1e-6
        # the cavity region is spacer / active / spacer between the periodic mirrors
        layers = parse_stack(spec).layers
        i0, i1 = res.cavity
        assert i1 - i0 == 2
        assert layers[i0].material == layers[i1].material == "SiO2"


# ---------------------------------------------------------------------------- linewidth / Q
def test_q_against_airy_linewidth_and_fabry_perot_formula() -> None:
    lam0, pairs = 900.0, 10
    spec = _fp_filter(pairs, lam0)
    (mode,) = cavity_modes(spec, (880.0, 920.0))
    # (a) Q from the pole vs lambda / FWHM of T(lambda) from the thin-film module: the Airy
    # line is Lorentzian to O(1/Q) (Q ~ 2000 here), so 1e-3 is generous
    lam = mode.wavelength_nm
    w = lam / mode.q
    t_max = _transmittance(spec, lam)

    def half(x: float) -> float:
        return _transmittance(spec, x) - 0.5 * t_max

    fwhm = brentq(half, lam, lam + 2 * w, xtol=1e-12) - brentq(half, lam - 2 * w, lam, xtol=1e-12)
    assert mode.q == pytest.approx(lam / fwhm, rel=1e-3)
    # (b) Fabry-Perot / Airy formula with L_eff = L + 2 L_pen(closed form): the closed form
    # neglects the materials' dispersion (SiNx group index ~2 % above n at 900 nm), hence 3 %
    n_l, n_h = _n("SiO2", lam0), _n("SiNx", lam0)
    rho = math.sqrt(mode.r_bottom * mode.r_top)
    l_eff = mode.cavity_length_nm + 2 * dbr_penetration_depth_nm(n_h, n_l, lam0, pairs)
    q_fp = 2 * math.pi * n_l * l_eff * math.sqrt(rho) / (lam0 * (1 - rho))
    assert mode.q == pytest.approx(q_fp, rel=0.03)
    # (c) the same formula with the computed phase penetration depths (dispersion included):
    # what is left is the spacer's own group index (~1 % x L / L_eff), so 0.5 %
    q_fp_num = 2 * math.pi * n_l * mode.l_eff_nm * math.sqrt(rho) / (lam0 * (1 - rho))
    assert mode.q == pytest.approx(q_fp_num, rel=5e-3)
    assert mode.l_pen_bottom_nm == pytest.approx(mode.l_pen_top_nm, rel=1e-9)
    assert mode.photon_lifetime_ps == pytest.approx(
        mode.q * lam / (2 * math.pi * 299_792.458), rel=1e-12
    )


def test_penetration_depth_closed_form_limits() -> None:
    """tanh(kappa L_g)/(2 kappa) -> lambda/(4 dn) for a semi-infinite mirror (Babic & Corzine
    1992), and grows with the number of pairs."""
    semi = dbr_penetration_depth_nm(2.0, 1.5, 800.0)
    assert semi == pytest.approx(800.0 / (4 * 0.5), rel=1e-15)
    depths = [dbr_penetration_depth_nm(2.0, 1.5, 800.0, n) for n in (1, 3, 10, 40)]
    assert depths == sorted(depths)
    assert depths[-1] == pytest.approx(semi, rel=1e-9)  # tanh(11.7) = 1 - 1.5e-10


# ------------------------------------------------------------------------------- threshold
def test_slab_threshold_matches_the_exact_closed_form() -> None:
    """A SiNx slab (L = 2 um) in air with gain everywhere: the exact threshold solves
    r^2 exp(2 i n~ k0 L) = 1 with the gain's own effect on the Fresnel coefficient; solved here
    by fixed-point iteration for mode m at the index n(lambda) of the computed wavelength."""
    length = 2000.0
    spec = f"air:inf/SiNx:{length}/air:inf"
    res = microcavity(spec, (600.0, 660.0), active=(1,), target_nm=627.0)
    thr = res.threshold
    assert thr is not None
    lam = thr.wavelength_nm
    s = parse_stack(spec)
    n = float(s.layers[1].index(np.array([lam]))[0].real)
    n_out = complex(s.layers[0].index(np.array([lam]))[0])
    m = round(2 * n * length / lam)
    nt = complex(n)
    for _ in range(60):
        x = math.pi * m + 1j * cmath.log((nt - n_out) / (nt + n_out))
        nt = complex(n, n * x.imag / x.real)
    lam_ref = 2 * math.pi * n * length / x.real
    g_ref = -2 * x.imag / length * 1e7  # g = (1/L) ln(1/|r|^2) [cm^-1]
    assert lam == pytest.approx(lam_ref, rel=1e-9)
    assert thr.threshold_gain_cm == pytest.approx(g_ref, rel=1e-9)
    # the textbook (1/L) ln(1/R) with the gain-free Fresnel R is ~1e-3 off (k/n ~ 0.026), and
    # the line sits below the m lambda = 2 n L comb by arg(r)/(pi m) ~ 8e-4
    r_fresnel = ((n - n_out.real) / (n + n_out.real)) ** 2
    g_simple = math.log(1 / r_fresnel) / length * 1e7
    assert 1e-4 < g_simple / g_ref - 1 < 3e-3
    assert -2e-3 < lam / (2 * n * length / m) - 1 < -1e-4
    # the slab is all cavity and all gain: Gamma_z = 1, L_eff = L, no mirror penetration
    mode = res.mode
    assert mode.gamma_z == pytest.approx(1.0, rel=1e-12)
    assert mode.l_eff_nm == pytest.approx(length, rel=1e-9)
    n_mode = float(s.layers[1].index(np.array([mode.wavelength_nm]))[0].real)
    n_air = float(s.layers[0].index(np.array([mode.wavelength_nm]))[0].real)
    r_mode = ((n_mode - n_air) / (n_mode + n_air)) ** 2
    assert mode.threshold_gain_approx_cm == pytest.approx(
        math.log(1 / r_mode) / length * 1e7, rel=1e-9
    )


def test_exact_and_approximate_vcsel_threshold_agree() -> None:
    """High-Q DBR cavity (Q ~ 900), 20 nm gain layer at the antinode: Gamma_z g_th =
    (1/L_eff) ln(1/sqrt(R1 R2)) (Coldren & Corzine Eqs. (2.7)-(2.8)) is first-order exact in
    (1 - R); we allow 5 % (measured: 3e-5)."""
    spec = dbr_cavity_spec("glass", "SiNx", "SiO2", 10, 8, "SiO2", 640.0, 2, active="PMMA:20")
    act = next(i for i, layer in enumerate(parse_stack(spec).layers) if layer.material == "PMMA")
    res = microcavity(spec, (600.0, 680.0), active=(act,))
    thr = res.threshold
    assert thr is not None
    assert res.mode.q > 500
    assert thr.threshold_gain_cm > 0
    assert abs(thr.approx_relative_error) < 0.05
    assert abs(thr.wavelength_nm - res.mode.wavelength_nm) < res.mode.linewidth_nm
    # the approximate formula as a function
    m = res.mode
    assert m.gamma_z is not None
    assert vcsel_threshold_gain_approx(m.r_bottom, m.r_top, m.gamma_z, m.l_eff_nm) == (
        pytest.approx(thr.threshold_gain_approx_cm, rel=1e-12)
    )


def test_absorbing_mirrors_are_not_double_counted() -> None:
    """ZnS (k ~ 0.034) mirrors: their absorption lowers R1, R2 seen from the cavity, so the
    approximate formula must not add it again as alpha_i; agreement within 5 % (measured 0.2 %)
    while alpha_i of the lossless spacer is 0."""
    spec = dbr_cavity_spec("glass", "ZnS", "SiO2", 6, 6, "SiO2", 640.0, active="PMMA:20")
    act = next(i for i, layer in enumerate(parse_stack(spec).layers) if layer.material == "PMMA")
    res = microcavity(spec, (600.0, 680.0), active=(act,))
    assert res.mode.internal_loss_cm == 0.0
    assert res.threshold is not None
    assert abs(res.threshold.approx_relative_error) < 0.05


def test_thin_layer_at_antinode_has_enhancement_two() -> None:
    """Gamma_r -> 2 (n_a/n_c) for a layer much thinner than lambda at an antinode (Corzine et
    al. 1989); the finite thickness (0.5 nm) changes it by ~(k d)^2/6 ~ 1e-5."""
    spec = dbr_cavity_spec("SiO2", "SiNx", "SiO2", 8, 8, "SiO2", 640.0, active="PMMA:0.5")
    act = next(i for i, layer in enumerate(parse_stack(spec).layers) if layer.material == "PMMA")
    res = microcavity(spec, (625.0, 655.0), active=(act,), threshold=False)
    assert res.mode.gamma_r == pytest.approx(2 * _n("PMMA", 640.0) / _n("SiO2", 640.0), rel=1e-3)
    assert res.mode.gamma_z == pytest.approx(res.mode.gamma_r * 0.5 / res.mode.l_eff_nm)


def test_qd_film_vcsel() -> None:
    """A QD film (complex index from the ensemble spectrum) as the gain layer: it is found as
    the active layer by default, its background index kept and its absorption replaced by
    gain; exact and approximate thresholds within 5 % (measured 1.4 %)."""
    spec = dbr_cavity_spec(
        "glass", "SiNx", "SiO2", 10, 10, "SiO2", 655.0, active="QD(CdSe:2.0/CdS:1.5,fill=0.5):30"
    )
    res = microcavity(spec, (630.0, 670.0))
    assert res.active_layers == (res.cavity[0] + 1,)
    assert res.threshold is not None
    assert res.mode.q > 1000
    assert abs(res.mode.wavelength_nm - 655.0) < 0.01
    assert res.threshold.threshold_gain_cm > 0
    assert abs(res.threshold.approx_relative_error) < 0.05
    d = res.to_dict()
    for key in (
        "wavelength_nm",
        "q",
        "R_bottom",
        "R_top",
        "gamma_z",
        "threshold_gain_cm-1",
        "threshold_gain_approx_cm-1",
        "modes",
    ):
        assert key in d
    json.dumps(d)
    json.dumps(res.threshold.to_dict())


def test_confinement_factor_against_quadrature_of_the_field() -> None:
    """Gamma_z uses closed-form integrals of |E|^2 per layer; check them, with an absorbing
    active layer (ZnS, k ~ 0.034), against Simpson quadrature of the sampled field profile
    with the definition Gamma = n_a int_a |E|^2 / ((L_eff / L) int_cav n |E|^2)."""
    spec = dbr_cavity_spec("SiO2", "SiNx", "SiO2", 6, 6, "SiO2", 640.0, active="ZnS:40")
    s = parse_stack(spec)
    act = next(i for i, layer in enumerate(s.layers) if layer.material == "ZnS")
    res = microcavity(spec, (620.0, 660.0), active=(act,), threshold=False)
    mode = res.mode
    prof = field_profile(spec, mode.wavelength_nm, points_per_layer=2001)
    n = s.indices(np.array([mode.wavelength_nm]))[0]
    assert n[act].imag > 0.01

    def integral(j: int) -> float:
        sel = prof.layer == j
        return float(simpson(prof.intensity[sel], x=prof.z_nm[sel]))

    i0, i1 = res.cavity
    w_cav = sum(n[j].real * integral(j) for j in range(i0, i1 + 1))
    gamma = n[act].real * integral(act) / (w_cav * mode.l_eff_nm / mode.cavity_length_nm)
    assert mode.gamma_z == pytest.approx(gamma, rel=1e-10)


# ----------------------------------------------------------------------------- field profile
_LOSSLESS = ("SiO2", "SiNx", "TiO2_anatase", "glass", "PMMA", "GaN", "air")


def _yeh_field(ns: list[complex], ts: list[float], lam: float, z: np.ndarray) -> np.ndarray:
    """E(z) for unit incident amplitude from the cover, by plane-wave amplitudes and the
    continuity of E and dE/dz at each interface (Yeh 1988, Ch. 5). z = 0 is the top of the
    substrate; a_j travels up, b_j down, both referred to the bottom of layer j."""
    k = [2 * math.pi * n / lam for n in ns]
    a, b = [0j], [1 + 0j]  # substrate: transmitted (downward) wave only, at z = 0
    width = [0.0, *ts]
    for j in range(len(ns) - 1):
        p = cmath.exp(1j * k[j] * width[j])
        e = a[j] * p + b[j] / p
        de = k[j] / k[j + 1] * (a[j] * p - b[j] / p)
        a.append(0.5 * (e + de))
        b.append(0.5 * (e - de))
    edges = np.concatenate([[0.0], np.cumsum(ts)])
    out = np.empty(z.size, dtype=complex)
    for i, zz in enumerate(z):
        j = int(np.searchsorted(edges, zz, side="right")) if zz < edges[-1] else len(ns) - 1
        s = zz - (edges[j - 1] if j >= 1 else 0.0)
        if j == 0:
            out[i] = b[0] * cmath.exp(-1j * k[0] * zz)
        else:
            out[i] = a[j] * cmath.exp(1j * k[j] * s) + b[j] * cmath.exp(-1j * k[j] * s)
    return out / b[-1]


@settings(max_examples=30, deadline=None)
@given(
    mats=st.lists(st.sampled_from(_LOSSLESS), min_size=3, max_size=7),
    ts=st.lists(st.floats(5.0, 400.0), min_size=5, max_size=5),
    lam=st.floats(550.0, 800.0),
)
def test_field_profile_properties(mats: list[str], ts: list[float], lam: float) -> None:
    """Lossless stacks: R + T = 1, constant Poynting flux, E and H continuous at interfaces,
    |E|^2 equal to the independent amplitude transfer matrices, R and T equal to the
    thin-film module's."""
    inner = ts[: len(mats) - 2]
    body = [f"{m}:{t}" for m, t in zip(mats[1:-1], inner, strict=True)]
    spec = "/".join([f"{mats[0]}:inf", *body, f"{mats[-1]}:inf"])
    prof = field_profile(spec, lam, points_per_layer=17, outside_nm=100.0)
    assert prof.reflectance + prof.transmittance == pytest.approx(1.0, abs=1e-10)
    np.testing.assert_allclose(prof.flux, prof.transmittance, atol=1e-10)
    s = parse_stack(spec)
    r_ref, t_ref = reflectance_transmittance(s.indices(np.array([lam])), s.thicknesses(), [lam])
    assert prof.reflectance == pytest.approx(float(r_ref[0]), abs=1e-10)
    assert prof.transmittance == pytest.approx(float(t_ref[0]), abs=1e-10)
    # continuity: the last sample of a region and the first of the next share the interface
    jumps = np.nonzero(np.diff(prof.layer))[0]
    np.testing.assert_allclose(prof.e[jumps], prof.e[jumps + 1], atol=1e-12)
    np.testing.assert_allclose(prof.h[jumps], prof.h[jumps + 1], atol=1e-12)
    ns = [complex(x) for x in s.indices(np.array([lam]))[0]]
    ref = _yeh_field(ns, list(inner), lam, prof.z_nm)
    np.testing.assert_allclose(prof.intensity, np.abs(ref) ** 2, rtol=1e-9, atol=1e-12)


def test_field_profile_standing_wave_in_a_resonant_cavity() -> None:
    """At resonance (T = 1) the symmetric lossless filter stores a standing wave in the spacer:
    flux conservation |A|^2 - |B|^2 = 1 with |B|^2 = R |A|^2 gives a peak
    |E|^2 = (1 + sqrt R)^2 / (1 - R) at the spacer's centre (cover = spacer medium; Airy
    internal enhancement, Saleh & Teich Sec. 10.1), R from Macleod Eq. (5.13)."""
    lam0 = 640.0
    spec = _fp_filter(6, lam0)
    prof = field_profile(spec, lam0, points_per_layer=101)
    spacer = prof.layer == 13  # substrate, 12 mirror layers, then the spacer
    z = prof.z_nm[spacer]
    centre = int(np.argmax(prof.intensity[spacer]))
    assert centre == 50
    assert z[centre] == pytest.approx(0.5 * (z[0] + z[-1]), rel=1e-12)
    n_l, n_h = _n("SiO2", lam0), _n("SiNx", lam0)
    r = quarter_wave_dbr_reflectance(n_l, n_l, n_h, n_l, 6)
    expected = (1 + math.sqrt(r)) ** 2 / (1 - r)
    assert prof.intensity[spacer].max() == pytest.approx(expected, rel=1e-6)
    # nodes at the mirrors (r = -sqrt R there): |E|^2 = (1 - sqrt R)^2 / (1 - R)
    assert prof.intensity[spacer][0] == pytest.approx((1 - math.sqrt(r)) ** 2 / (1 - r), rel=1e-6)


# ------------------------------------------------------------------------------ bad input
def test_window_without_resonance_is_an_error() -> None:
    spec = _fp_filter(8, 640.0)
    with pytest.raises(QdoptoError, match="no cavity resonance between 620 and 630 nm"):
        cavity_modes(spec, (620.0, 630.0))


def test_threshold_without_active_layer_names_what_is_missing() -> None:
    spec = _fp_filter(8, 640.0)
    with pytest.raises(QdoptoError, match=r"active \(gain\) layer.*QD\(\.\.\.\)"):
        lasing_threshold(spec, (625.0, 655.0))
    res = microcavity(spec, (625.0, 655.0))
    assert res.threshold is None
    assert res.to_dict()["threshold_gain_cm-1"] is None


@pytest.mark.parametrize(
    ("window", "match"),
    [
        ((math.nan, 700.0), "finite"),
        ((700.0, 600.0), "increase"),
        ((600.0, math.inf), "finite"),
        ((600.0,), "pair"),
        ("600-700", "pair"),
    ],
)
def test_bad_windows(window: object, match: str) -> None:
    with pytest.raises(QdoptoError, match=match):
        cavity_modes(_fp_filter(4, 640.0), window)  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    spec = _fp_filter(4, 640.0)
    with pytest.raises(QdoptoError, match="inner-layer indices"):
        microcavity(spec, (600.0, 680.0), active=(0,))
    with pytest.raises(QdoptoError, match="repeat"):
        microcavity(spec, (600.0, 680.0), active=(3, 3))
    with pytest.raises(QdoptoError, match="cavity must be"):
        microcavity(spec, (600.0, 680.0), cavity=(5, 2))
    with pytest.raises(QdoptoError, match="min_q"):
        cavity_modes(spec, (600.0, 680.0), min_q=math.nan)
    with pytest.raises(QdoptoError, match="could not find a cavity"):
        cavity_modes("SiO2:inf/" + "SiNx:78/SiO2:110/" * 6 + "air:inf", (600.0, 680.0))
    with pytest.raises(QdoptoError, match="design wavelength"):
        dbr_cavity_spec("SiO2", "SiNx", "SiO2", 4, 4, "SiO2", math.nan)
    with pytest.raises(QdoptoError, match="pairs_bottom"):
        dbr_cavity_spec("SiO2", "SiNx", "SiO2", -1, 4, "SiO2", 640.0)
    with pytest.raises(QdoptoError, match="pairs_top"):
        dbr_cavity_spec("SiO2", "SiNx", "SiO2", 4, True, "SiO2", 640.0)  # type: ignore[arg-type]
    with pytest.raises(QdoptoError, match="higher index"):
        dbr_cavity_spec("SiO2", "SiO2", "SiNx", 4, 4, "SiO2", 640.0)
    with pytest.raises(QdoptoError, match=r"(?i)unknown|not known"):
        dbr_cavity_spec("SiO2", "Unobtainium", "SiO2", 4, 4, "SiO2", 640.0)
    with pytest.raises(QdoptoError, match="no antinode"):
        dbr_cavity_spec("SiO2", "SiNx", "SiO2", 4, 4, "SiNx", 640.0, active="PMMA:20")
    with pytest.raises(QdoptoError, match="half a wavelength"):
        dbr_cavity_spec("SiO2", "SiNx", "SiO2", 4, 4, "SiO2", 640.0, active="PMMA:250")
    with pytest.raises(QdoptoError, match="wavelength"):
        field_profile(spec, math.nan)
    with pytest.raises(QdoptoError, match="points_per_layer"):
        field_profile(spec, 640.0, points_per_layer=1)
    with pytest.raises(QdoptoError, match="reflectances"):
        vcsel_threshold_gain_approx(1.2, 0.9, 0.05, 1000.0)
    with pytest.raises(QdoptoError, match="gamma_z"):
        vcsel_threshold_gain_approx(0.99, 0.99, 0.0, 1000.0)
    with pytest.raises(QdoptoError, match="n_high > n_low"):
        dbr_penetration_depth_nm(1.5, 2.0, 640.0)


def test_runtime_of_a_typical_design() -> None:
    """Modes and exact threshold of a 36-layer VCSEL in well under a second."""
    spec = dbr_cavity_spec("glass", "SiNx", "SiO2", 10, 8, "SiO2", 640.0, active="PMMA:20")
    t0 = time.perf_counter()
    act = next(i for i, layer in enumerate(parse_stack(spec).layers) if layer.material == "PMMA")
    microcavity(spec, (600.0, 680.0), active=(act,))
    assert time.perf_counter() - t0 < 2.0
