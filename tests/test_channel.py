"""Channel (strip, ridge, rib) waveguide modes (qdopto.photonics.channel).

Independent references: the planar multilayer solver (tests/test_photonics.py checks it
against the analytic slab dispersion to 1e-6) in the wide-ridge limit, with the lateral
correction of the effective-index method [e.g. K. Okamoto, Fundamentals of Optical
Waveguides, 2nd ed. (Academic Press, 2006), Sec. 2.2: n_eff -> n_slab - (pi / (k0 W))^2 /
(2 n_slab) for a wide strong-contrast ridge]; the C4 symmetry of a square core (quasi-TE and
quasi-TM degenerate); first-order perturbation theory for weak absorption,
Im n_eff = sum_j n_j k_j int_j |E|^2 / (n_eff int |E|^2) to leading order in the index contrast
[A. W. Snyder, J. D. Love, Optical Waveguide Theory (Chapman & Hall, 1983), Eq. (18-13)
with the weak-guidance fields]; and grid convergence of the second-order scheme.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_runner import run
from qdopto.errors import QdoptoError
from qdopto.photonics import modes, parse_stack
from qdopto.photonics.channel import ChannelGuide, axis, channel_modes, refine

STRIP = "SiO2:inf/SiNx:200/air:inf"


def test_grid_keeps_interfaces_and_nests() -> None:
    lines = axis([-400.0, 0.0, 400.0], 20.0, 300.0, 500.0)
    for b in (-400.0, 0.0, 400.0):
        assert np.min(np.abs(lines - b)) < 1e-9
    assert lines[0] == pytest.approx(-700.0) and lines[-1] == pytest.approx(900.0)
    assert np.all(np.diff(lines) > 0) and np.diff(lines).max() <= 8 * 20.0 * 1.25
    fine = refine(lines)
    assert np.allclose(fine[0::2], lines) and fine.size == 2 * lines.size - 1


def test_wide_ridge_tends_to_the_slab() -> None:
    """A 6 um wide ridge: quasi-TE0 lies below the slab TE0 by the lateral (effective-index)
    correction (pi/(k0 W))^2 / (2 n_slab) to within 30 %, and is quasi-TE (TE fraction > 0.99)."""
    lam, width = 630.0, 6000.0
    slab = modes(parse_stack(STRIP), lam, ("TE",)).modes[0].n_eff.real
    res = channel_modes(ChannelGuide(parse_stack(STRIP), width), lam, resolution_nm=20.0)
    te0 = next(m for m in res.modes if m.polarization == "TE" and m.order == 0)
    k0 = 2 * math.pi / lam
    correction = (math.pi / (k0 * width)) ** 2 / (2 * slab)
    assert te0.te_fraction > 0.99
    assert slab - te0.n_eff.real == pytest.approx(correction, rel=0.3)
    assert te0.confinement[1] > 0.75


def test_square_core_is_polarisation_degenerate() -> None:
    """A square SiN core in SiO2: the C4 symmetry makes quasi-TE0 and quasi-TM0 degenerate."""
    res = channel_modes(ChannelGuide(parse_stack("SiO2:inf/SiNx:400/SiO2:inf"), 400.0), 630.0)
    te0 = next(m for m in res.modes if m.polarization == "TE" and m.order == 0)
    tm0 = next(m for m in res.modes if m.polarization == "TM" and m.order == 0)
    assert te0.n_eff.real == pytest.approx(tm0.n_eff.real, abs=1e-6)
    # (degenerate modes may come out as any mixture of the pair, so their TE fractions are
    # not asserted beyond the classification)
    assert te0.te_fraction >= 0.5 > tm0.te_fraction


def test_grid_convergence() -> None:
    """Richardson extrapolation over two nested grids: a grid with half the cells changes
    n_eff by less than the reported (conservative) grid error."""
    g = ChannelGuide(parse_stack(STRIP), 800.0)
    a = channel_modes(g, 630.0, num_modes=1)
    b = channel_modes(g, 630.0, num_modes=1, resolution_nm=a.details["grid"]["resolution_nm"] / 2)
    m_a, m_b = a.modes[0], b.modes[0]
    assert abs(m_a.n_eff.real - m_b.n_eff.real) < max(m_a.n_eff_grid_error, 1e-5)
    assert m_a.n_eff_grid_error < 2e-3


def test_absorbing_film_loss_follows_perturbation_theory() -> None:
    """A QD film (complex index) on a strip: Im n_eff against first-order perturbation theory
    from the film's own k and its confinement (leading order in the index contrast; the
    contrast of a SiN strip makes it approximate; measured 0.4 %, asserted within 2 %)."""
    stack = parse_stack("SiO2:inf/SiNx:200/QD(CdSe:2.0/CdS:1.5,fill=0.4):40/air:inf")
    res = channel_modes(ChannelGuide(stack, 1200.0, 2), 630.0, num_modes=1)
    m = res.modes[0]
    n_film = complex(stack.layers[2].index([629.0, 630.0, 631.0])[1])
    expected = n_film.real * n_film.imag * m.confinement[2] / m.n_eff.real
    assert m.n_eff.imag > 0
    assert m.n_eff.imag == pytest.approx(expected, rel=0.02)
    assert m.loss_cm == pytest.approx(4 * math.pi * m.n_eff.imag / 630e-7, rel=1e-12)


def test_group_index_against_the_slab() -> None:
    """n_g of a wide ridge tends to the slab's (both include the materials' dispersion)."""
    lam = 630.0
    slab = modes(parse_stack(STRIP), lam, ("TE",)).modes[0]
    res = channel_modes(ChannelGuide(parse_stack(STRIP), 6000.0), lam, resolution_nm=20.0)
    assert res.modes[0].n_group == pytest.approx(slab.n_group, rel=5e-3)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"width_nm": -5.0}, "width"),
        ({"width_nm": math.nan}, "width"),
        ({"width_nm": 400.0, "ridge_layers": 0}, "ridge_layers"),
        ({"width_nm": 400.0, "ridge_layers": 2}, "ridge_layers"),
    ],
)
def test_bad_geometry(kwargs: dict[str, float], match: str) -> None:
    with pytest.raises(QdoptoError, match=match):
        ChannelGuide(parse_stack(STRIP), **kwargs)  # type: ignore[arg-type]


def test_no_guided_mode_and_bad_options() -> None:
    with pytest.raises(QdoptoError, match="guides no mode"):
        channel_modes(ChannelGuide(parse_stack("SiO2:inf/SiNx:100/air:inf"), 60.0), 1500.0)
    g = ChannelGuide(parse_stack(STRIP), 800.0)
    with pytest.raises(QdoptoError, match="wavelength"):
        channel_modes(g, -1.0)
    with pytest.raises(QdoptoError, match="num_modes"):
        channel_modes(g, 630.0, num_modes=0)
    with pytest.raises(QdoptoError, match="nodes"):
        channel_modes(g, 630.0, resolution_nm=0.2)


def test_cli_channel(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    png = Path(str(tmp_path)) / "mode.png"
    base = ["waveguide", STRIP, "--wavelength", "630"]
    code, out, _ = run(capsys, *base, "--width", "800", "--plot", str(png), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["width_nm"] == 800.0 and doc["modes"][0]["polarization"] == "TE"
    assert set(doc["modes"][0]["confinement"]) == {"0:SiO2", "1:SiNx", "2:air"}
    assert png.stat().st_size > 1000
    code, _, err = run(capsys, *base, "--width", "-3")
    assert code == 2 and "width" in err and err.count("\n") == 1


@given(
    width=st.floats(300.0, 2000.0),
    thickness=st.floats(120.0, 400.0),
    cover=st.sampled_from(["air", "SiO2"]),
)
@settings(max_examples=4, deadline=None)
def test_modes_are_physical(width: float, thickness: float, cover: str) -> None:
    """Property test of the solver: guided n_eff lies between the highest cladding index and
    the core index, confinement factors are shares summing to 1, TE fractions lie in [0, 1],
    and a lossless guide has no modal loss beyond round-off."""
    stack = parse_stack(f"SiO2:inf/SiNx:{thickness:.1f}/{cover}:inf")
    try:
        res = channel_modes(ChannelGuide(stack, width), 630.0, num_modes=2)
    except QdoptoError:
        return
    n = stack.indices([629.0, 630.0, 631.0])[1].real
    for m in res.modes:
        assert max(n[0], n[-1]) < m.n_eff.real < n[1]
        assert sum(m.confinement) == pytest.approx(1.0, abs=1e-9)
        assert all(0.0 <= c <= 1.0 for c in m.confinement)
        assert 0.0 <= m.te_fraction <= 1.0
        assert abs(m.loss_cm) < 1e-6


def test_rib_reports_only_laterally_guided_modes() -> None:
    """A shallow rib (20 nm of 200 nm etched): a mode is guided only above the TE effective
    index of the planar guide beside the ridge (below it, it leaks sideways into that slab;
    effective-index picture, e.g. Okamoto 2006, Sec. 2.2), and the rib's fundamental lies
    between that index and the unetched slab's."""
    rib = parse_stack("SiO2:inf/SiNx:180/SiNx:20/air:inf")
    side = modes(parse_stack("SiO2:inf/SiNx:180/air:inf"), 630.0, ("TE",)).modes[0].n_eff.real
    full = modes(parse_stack("SiO2:inf/SiNx:200/air:inf"), 630.0, ("TE",)).modes[0].n_eff.real
    res = channel_modes(ChannelGuide(rib, 1000.0), 630.0, num_modes=4)
    assert res.modes and all(m.n_eff.real > side for m in res.modes)
    assert side < res.modes[0].n_eff.real < full


def test_repeated_solves_are_reused_exactly() -> None:
    """A report asks for the same guide several times: the second call returns the first
    result; any change of the guide (even in the 10th digit of the width) solves anew."""
    stack = parse_stack(STRIP)
    a = channel_modes(ChannelGuide(stack, 800.0), 630.0, num_modes=1)
    assert channel_modes(ChannelGuide(stack, 800.0), 630.0, num_modes=1) is a
    b = channel_modes(ChannelGuide(stack, 800.0000001), 630.0, num_modes=1)
    assert b is not a and b.modes[0].n_eff.real == pytest.approx(a.modes[0].n_eff.real, abs=1e-6)
