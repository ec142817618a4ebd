"""Photonics against analytic results and the reported QD PCSEL design window.

References: symmetric-slab dispersion (e.g. A. Yariv, P. Yeh, *Photonics*, 6th ed., Sec. 3.2:
TE even modes u tan u = w, odd modes -u cot u = w, u^2 + w^2 = V^2; TM: u tan u = (n1/n2)^2 w,
-u cot u = (n1/n2)^2 w); quarter-wave DBR (Macleod, Thin-Film Optical Filters, Eq. (5.13));
Bragg law
m lambda = 2 n_eff Lambda; sphere WGMs (Lam, Leung, Young, JOSA B 9, 1585 (1992)); reported
QD PCSELs on SiNx: periods 320-460 nm lasing at 600-670 nm in a 170 nm SiNx layer coated with
QDs (../shared/REFERENCE_DATA.md, Nazar et al.).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from qdopto.errors import QdoptoError
from qdopto.photonics import (
    asymptotic_wgm_size_parameter,
    bragg_period_nm,
    dbr_stopband,
    dfb_design,
    effective_indices,
    mirror_loss_cm,
    modes,
    parse_stack,
    quarter_wave_dbr_reflectance,
    reflectance_transmittance,
    ring_resonances_nm,
    sphere_wgm_nm,
    threshold_modal_gain_cm,
)
from qdopto.photonics.cavities import sphere_resonance_condition


def _symmetric_slab(n1: float, n2: float, d: float, lam: float, pol: str) -> list[float]:
    k0 = 2 * math.pi / lam
    v = k0 * d / 2 * math.sqrt(n1**2 - n2**2)
    r = (n1 / n2) ** 2 if pol == "TM" else 1.0
    out = []
    m = 0
    while m * math.pi / 2 < v:
        lo, hi = m * math.pi / 2 + 1e-12, min((m + 1) * math.pi / 2 - 1e-12, v - 1e-12)
        if m % 2 == 0:

            def f(u: float) -> float:
                return u * math.tan(u) - r * math.sqrt(v * v - u * u)
        else:

            def f(u: float) -> float:
                return -u / math.tan(u) - r * math.sqrt(v * v - u * u)

        if lo < hi and f(lo) * f(hi) < 0:
            u = brentq(f, lo, hi, xtol=1e-15)
            out.append(math.sqrt(n1**2 - (2 * u / (k0 * d)) ** 2))
        m += 1
    return out


@pytest.mark.parametrize("pol", ["TE", "TM"])
@pytest.mark.parametrize(
    ("n1", "n2", "d", "lam"),
    [(2.0, 1.45, 300.0, 630.0), (3.5, 1.0, 500.0, 1550.0), (1.6, 1.5, 2000.0, 600.0)],
)
def test_symmetric_slab_to_1e6(pol: str, n1: float, n2: float, d: float, lam: float) -> None:
    expected = _symmetric_slab(n1, n2, d, lam, pol)
    got = effective_indices(np.array([[n2, n1, n2]]), np.array([d]), np.array([lam]), pol)[0]
    got = got[np.isfinite(got)]
    assert got.size == len(expected)
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_multilayer_equals_slab_when_layers_share_an_index() -> None:
    # a core split into three sublayers of the same index is the same waveguide
    one = effective_indices(np.array([[1.45, 2.0, 1.45]]), np.array([300.0]), np.array([630.0]))
    three = effective_indices(
        np.array([[1.45, 2.0, 2.0, 2.0, 1.45]]), np.array([100.0, 120.0, 80.0]), np.array([630.0])
    )
    np.testing.assert_allclose(three, one, atol=1e-10)


def test_confinement_and_loss() -> None:
    s = parse_stack("SiO2:inf/SiNx:100/QD(CdSe:2.0/CdS:1.5,fill=0.5):55/SiNx:100/air:inf")
    res = modes(s, 630.0)
    te0 = res.modes[0]
    assert sum(te0.confinement) == pytest.approx(1.0)
    assert 0.1 < te0.confinement[2] < 0.5
    assert te0.loss_cm > 0  # the QD film absorbs at 630 nm (its first exciton is at ~621 nm)
    assert te0.n_group > te0.n_eff.real
    lossless = modes(parse_stack("SiO2:inf/SiNx:255/air:inf"), 630.0).modes[0]
    assert lossless.loss_cm == 0.0


def test_dbr_against_quarter_wave_formula() -> None:
    lam0, nh, nl, n0, ns, pairs = 600.0, 2.3, 1.46, 1.0, 1.52, 8
    n = [ns] + [nl, nh] * pairs + [n0]
    t = [lam0 / (4 * nl), lam0 / (4 * nh)] * pairs
    r, _tr = reflectance_transmittance(np.array([n]), np.array(t), np.array([lam0]))
    assert float(r[0]) == pytest.approx(
        quarter_wave_dbr_reflectance(n0, ns, nh, nl, pairs), abs=1e-6
    )
    # stop band: high reflectance inside (4/pi) asin((nH-nL)/(nH+nL)), lossless R + T = 1
    w = dbr_stopband(nh, nl)
    lam = lam0 / (1 + np.array([-0.3, 0.3]) * w / 2)
    r2, t2 = reflectance_transmittance(np.array([n, n]), np.array(t), lam)
    assert np.all(r2 > 0.95)
    np.testing.assert_allclose(r2 + t2, 1.0, atol=1e-12)


@settings(max_examples=40)
@given(st.floats(1.0, 4.0), st.floats(1.0, 4.0))
def test_single_interface_fresnel(n1: float, n2: float) -> None:
    r, t = reflectance_transmittance(np.array([[n2, n2, n1]]), np.array([10.0]), np.array([500.0]))
    assert float(r[0]) == pytest.approx(((n1 - n2) / (n1 + n2)) ** 2, abs=1e-12)
    assert float(r[0] + t[0]) == pytest.approx(1.0, abs=1e-12)


def test_bragg_law_and_pcsel_design_window() -> None:
    assert float(bragg_period_nm(630.0, 1.8, 2)) == pytest.approx(630.0 / 1.8)
    stack = parse_stack("SiO2:inf/SiNx:170/QD(CdSe:2.0/CdS:1.5,fill=0.6):40/air:inf")
    for lam in (600.0, 630.0, 665.0):
        d = dfb_design(stack, lam, 2, grating_layer=1, etch_depth_nm=50.0)
        assert d["period_nm"] == pytest.approx(2 * lam / (2 * d["n_eff"]))
        assert 320.0 <= d["period_nm"] <= 460.0
        assert d["kappa_cm-1"] > 0 and d["stopband_nm"] > 0
    with pytest.raises(QdoptoError, match="etch depth"):
        dfb_design(stack, 630.0, 2, grating_layer=1, etch_depth_nm=500.0)


def test_sphere_wgm_exact_and_asymptotic() -> None:
    lam = sphere_wgm_nm(5.0, 1.6, 1.0, 50, "TE")
    x = 2 * math.pi * 5000.0 / lam
    assert abs(sphere_resonance_condition(x, 50, 1.6, "TE")) < 1e-8
    assert x == pytest.approx(asymptotic_wgm_size_parameter(50, 1.6, "TE"), rel=2e-3)
    assert sphere_wgm_nm(5.0, 1.6, 1.0, 50, "TM") < lam  # TM modes sit at shorter wavelength


def test_ring_fsr_and_threshold() -> None:
    lam, fsr = ring_resonances_nm(10.0, 1.8, (620.0, 640.0))
    m = 2 * math.pi * 10_000.0 * 1.8 / lam
    assert np.allclose(m, np.round(m), atol=1e-9)  # 2 pi R n_eff = m lambda
    assert float(np.mean(np.diff(lam))) == pytest.approx(fsr, rel=0.01)
    # Fabry-Perot: (1/2L) ln(1/(R1 R2)); L = 1 mm, R = 0.3 x 0.3: 12.04 cm^-1
    am = mirror_loss_cm(1000.0, 0.3, 0.3)
    assert am == pytest.approx(math.log(1 / 0.09) / 0.2)
    assert threshold_modal_gain_cm(5.0, am) == pytest.approx(5.0 + am)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("SiO2:inf/SiNx:100", "substrate"),
        ("SiO2:100/SiNx:100/air:inf", "inf"),
        ("SiO2:inf/SiNx:-5/air:inf", "thickness"),
        ("SiO2:inf/Unobtainium:100/air:inf", "unknown"),
        ("SiO2:inf/QD(CdSe:2,fill=2):50/air:inf", "fill"),
        ("SiO2:inf/QD(CdSe:2:50/air:inf", "paren"),
        ("SiO2:inf/SiNx:100 eV/air:inf", "convertible"),
    ],
)
def test_bad_stacks(text: str, needle: str) -> None:
    with pytest.raises(QdoptoError, match=needle):
        parse_stack(text)


def test_no_guided_mode_is_a_clear_error() -> None:
    with pytest.raises(QdoptoError, match="guides no mode"):
        modes(parse_stack("SiO2:inf/SiNx:20/air:inf"), 630.0)


def test_ridge_dfb_uses_channel_modes() -> None:
    """A ridge DFB (channel modes): the period obeys the Bragg law m lambda = 2 n_eff Lambda
    with the ridge's n_eff (Kogelnik & Shank 1972); a narrow ridge confines less laterally than
    the slab, so its n_eff is lower and its period longer; a wide ridge tends to the slab
    design (lateral correction (pi/(k0 W))^2/(2 n) ~ 1e-4 at 6 um)."""
    stack = parse_stack("SiO2:inf/SiNx:170/air:inf")
    lam = 630.0
    slab = dfb_design(stack, lam, 2, grating_layer=1, etch_depth_nm=50.0)
    ridge = dfb_design(stack, lam, 2, grating_layer=1, etch_depth_nm=50.0, width_nm=800.0)
    wide = dfb_design(
        stack, lam, 2, grating_layer=1, etch_depth_nm=50.0, width_nm=6000.0, resolution_nm=20.0
    )
    assert ridge["mode_solver"] == "channel" and slab["mode_solver"] == "slab"
    assert ridge["period_nm"] == pytest.approx(2 * lam / (2 * ridge["n_eff"]), rel=1e-12)
    assert ridge["n_eff"] < slab["n_eff"] and ridge["period_nm"] > slab["period_nm"]
    assert wide["period_nm"] == pytest.approx(slab["period_nm"], rel=2e-3)
    assert wide["kappa_cm-1"] == pytest.approx(slab["kappa_cm-1"], rel=0.05)
