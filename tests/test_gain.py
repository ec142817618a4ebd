"""Optical gain of QD films: pulse thresholds, material gain, the gain summary and its CLI.

References: ../shared/REFERENCE_DATA.md (Poisson gain threshold 1.146 for g = 2, Klimov et
al., Science 290, 314 (2000)); the M/M/inf queue (independent excitons, k_N = N k: Poisson
steady state of mean G/k, e.g. van Kampen, Stochastic Processes, Ch. VI); Beer-Lambert
photon counting (fluence = <N> h nu / sigma).
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from scipy import constants as sc
from scipy.special import lambertw

from cli_runner import run
from qdopto.dynamics.gain import gain_properties, material_gain, pulse_threshold_excitons
from qdopto.errors import QdoptoError

CS = "CdSe:2.0/CdS:1.5|toluene"


def test_short_pulse_threshold_is_the_poisson_threshold() -> None:
    k = np.arange(41) * 2.0
    assert pulse_threshold_excitons(k, 2, 0.0) == pytest.approx(1.146, abs=1e-3)
    assert pulse_threshold_excitons(k, 2, 1e-6) == pytest.approx(1.146, abs=1e-3)
    assert pulse_threshold_excitons(k, 8, 1e-6) == pytest.approx(4.036, abs=2e-3)


@pytest.mark.parametrize("k1", [0.1, 1.0, 7.0])
def test_long_pulse_threshold_is_the_cw_threshold_of_independent_excitons(k1: float) -> None:
    # k_N = N k: the steady state is Poisson with mean G/k, so gain starts at G = 1.146 k.
    k = np.arange(41) * k1
    pulse = 200.0 / k1
    assert pulse_threshold_excitons(k, 2, pulse) / pulse == pytest.approx(1.1462 * k1, rel=1e-3)


def test_threshold_grows_with_pulse_length_when_auger_is_fast() -> None:
    k = np.arange(41, dtype=float) ** 2 * np.maximum(np.arange(41) - 1, 0) / 4 + np.arange(41) * 0.1
    n = [pulse_threshold_excitons(k, 2, t) for t in (1e-4, 0.1, 1.0, 10.0)]
    assert all(b > a for a, b in itertools.pairwise(n))


def test_bad_pulse() -> None:
    with pytest.raises(QdoptoError, match="pulse duration"):
        pulse_threshold_excitons(np.arange(5.0), 2, -1.0)
    with pytest.raises(QdoptoError, match="pulse duration"):
        pulse_threshold_excitons(np.arange(5.0), 2, math.nan)


def test_material_gain_transparency_and_full_inversion() -> None:
    lam = np.linspace(560.0, 670.0, 111)
    m = material_gain(CS, 0.5, lam)
    g = m.gain_cm([0.0, m.threshold_N, 50.0])
    # no pump: the band-edge absorption itself (negative gain); at threshold: transparency;
    # full inversion of a g = 2 level: gain equal to the unpumped absorption (Klimov 2000).
    assert np.allclose(g[0], -m.alpha_band_edge_cm, rtol=1e-12)
    assert np.max(np.abs(g[1])) < 1e-9 * m.peak_gain_cm
    assert np.allclose(g[2], m.alpha_band_edge_cm, rtol=1e-9)
    with pytest.raises(QdoptoError, match="fill fraction"):
        material_gain(CS, 0.0, lam)


def test_material_gain_scales_with_packing_in_the_dilute_limit() -> None:
    # Dilute films: alpha ~ f (Maxwell Garnett -> linear in f).
    lam = np.linspace(560.0, 670.0, 111)
    a1 = material_gain(CS, 0.01, lam).peak_gain_cm
    a2 = material_gain(CS, 0.02, lam).peak_gain_cm
    assert a2 / a1 == pytest.approx(2.0, rel=0.02)


def test_gain_summary_photon_counting() -> None:
    r = gain_properties(CS, pump_wavelength_nm=400.0, pulse_ns=1e-4)
    photon_uJ = sc.h * sc.c / 400e-9 * 1e6
    assert r.threshold_fluence_uJ_cm2 == pytest.approx(
        r.threshold_excitons_per_pulse * photon_uJ / r.sigma_pump_cm2, rel=1e-9
    )
    assert r.threshold_excitons_per_pulse == pytest.approx(1.146, abs=2e-3)
    ns = gain_properties(CS, pump_wavelength_nm=400.0, pulse_ns=7.0)
    # longer pulses: excitons decay during the pulse, so more are needed
    assert ns.threshold_fluence_uJ_cm2 > r.threshold_fluence_uJ_cm2
    cw = gain_properties(CS, pump_wavelength_nm=400.0, pulse_ns=None)
    assert cw.threshold_fluence_uJ_cm2 is None
    # a very long pulse approaches the CW intensity
    long = gain_properties(CS, pump_wavelength_nm=400.0, pulse_ns=1e4)
    assert long.threshold_intensity_kW_cm2 == pytest.approx(cw.threshold_intensity_kW_cm2, rel=1e-3)
    # current density: e x dots per cm^2 x G_th; dots = f t / V
    g_th = cw.threshold_intensity_kW_cm2 * 1e3 * cw.sigma_pump_cm2 / (photon_uJ * 1e-6) * 1e-9
    dots = 0.5 * 100e-7 / _volume_cm3(CS)
    assert cw.threshold_current_density_A_cm2 == pytest.approx(sc.e * dots * g_th * 1e9, rel=1e-6)


def _volume_cm3(spec: str) -> float:
    from qdopto.structures import SphericalQD

    return SphericalQD.from_spec(spec).volume_nm3 * 1e-21


def test_gain_summary_bad_input() -> None:
    with pytest.raises(QdoptoError, match="below the band gap"):
        gain_properties(CS, pump_wavelength_nm=800.0)
    with pytest.raises(QdoptoError, match="film thickness"):
        gain_properties(CS, film_thickness_nm=-5.0)
    with pytest.raises(QdoptoError, match="pump wavelength"):
        gain_properties(CS, pump_wavelength_nm=math.nan)


def test_gain_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "gain", CS, "--pulse", "100fs", "--fill-fraction", "0.5", "--json")
    assert code == 0
    doc = json.loads(out)
    for key in (
        "degeneracy",
        "threshold_N",
        "threshold_fluence_uJ_cm2",
        "auger_lifetime_ps",
        "biexciton_qy",
        "g2_zero",
        "biexciton_shift_meV",
        "single_exciton_gain",
        "gain_lifetime_ps",
        "peak_material_gain_cm-1",
    ):
        assert key in doc
    assert set(doc["auger_lifetime_ps"]) >= {"XX", "XXX"}
    assert doc["degeneracy"] == 2
    assert doc["threshold_N"] == pytest.approx(1.146, abs=1e-3)
    assert isinstance(doc["single_exciton_gain"], bool)
    # the shifts come from the same CI as qdopto.electronic.biexciton_shift
    from qdopto.electronic import biexciton_shift

    bx = biexciton_shift(CS)
    assert doc["biexciton_shift_meV"] == pytest.approx(bx.shift_meV)
    assert doc["trion_shift_meV"] == pytest.approx(
        {"X-": bx.x_minus_shift_meV, "X+": bx.x_plus_shift_meV}
    )


def test_gain_cli_pulse_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "gain", CS, "--pulse", "cw", "--json")
    assert code == 0 and json.loads(out)["threshold_fluence_uJ_cm2"] is None
    code, out, _ = run(capsys, "gain", CS, "--pulse", "7 ns", "--tau-xx", "50", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["auger_model"] == "given"
    assert doc["auger_lifetime_ps"]["XX"] == pytest.approx(50.0)


def test_charged_dot_gain(capsys: pytest.CaptureFixture[str]) -> None:
    """Sub-single-exciton gain of charged dots (Wu et al., Nat. Nanotechnol. 12, 1140 (2017);
    Kozlov et al., Science 365, 672 (2019)): fs threshold <N> = -W_-1(-2/e^3) - 3 = 0.583 for
    g = 2, q = 1 (closed form), 0 for q = g; the fluence scales with <N>_th (same sigma)."""
    neutral = gain_properties(CS)
    charged = gain_properties(CS, extra_electrons=1)
    w = -lambertw(-2 * math.exp(-3), -1).real - 3
    assert charged.threshold_N == pytest.approx(w, rel=1e-9)
    # (100 fs pulses: decay during the pulse moves each threshold by ~1e-5)
    assert charged.threshold_fluence_uJ_cm2 / neutral.threshold_fluence_uJ_cm2 == pytest.approx(
        w / neutral.threshold_N, rel=1e-4
    )
    full = gain_properties(CS, extra_electrons=2, pulse_ns=None)
    assert full.threshold_N == 0.0 and full.threshold_intensity_kW_cm2 == 0.0
    assert full.to_dict()["gain_lifetime_ps"] is None
    code, out, _ = run(capsys, "gain", CS, "--extra-electrons", "1", "--json")
    assert code == 0 and json.loads(out)["threshold_N"] == pytest.approx(w, rel=1e-9)
    with pytest.raises(QdoptoError, match="trion Auger rates"):
        gain_properties(CS, extra_electrons=1, tau_xx_ns=0.1)
    with pytest.raises(QdoptoError, match="extra_electrons"):
        gain_properties(CS, extra_electrons=3)


def test_gain_and_dynamics_cli_take_a_linewidth(capsys: pytest.CaptureFixture[str]) -> None:
    """--linewidth (needed for materials without QD linewidth data, as the error says) reaches
    the homogeneous FWHM of the gain and kinetics calculations: the ensemble PL FWHM the gain
    document reports (its `linewidth_meV`) cannot be narrower than the homogeneous line."""
    code, out, _ = run(capsys, "gain", CS, "--linewidth", "80", "--json")
    assert code == 0 and json.loads(out)["linewidth_meV"] >= 80.0
    code, out, _ = run(capsys, "dynamics", CS, "--fluence", "20", "--linewidth", "40", "--json")
    assert code == 0 and json.loads(out)["mean_N"] > 0


def test_gain_cli_auger_models(capsys: pytest.CaptureFixture[str]) -> None:
    """Default: the momentum model with trion lifetimes, k_XX = 2 (k_X- + k_X+) (the
    superposition principle); --auger-model overlap-volume: the calibrated model, no trions."""
    code, out, _ = run(capsys, "gain", CS, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["auger_model"] == "momentum"
    tr = doc["trion_auger_lifetime_ps"]
    assert doc["auger_lifetime_ps"]["XX"] == pytest.approx(
        1 / (2 * (1 / tr["X-"] + 1 / tr["X+"])), rel=1e-9
    )
    code, out, _ = run(capsys, "gain", CS, "--auger-model", "overlap-volume", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["auger_model"] == "overlap-volume"
    assert doc["trion_auger_lifetime_ps"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pulse", "abc"), "--pulse"),
        (("--pulse", "-3ns"), "--pulse"),
        (("--pump-wavelength", "800"), "below the band gap"),
        (("--fill-fraction", "2"), "fill fraction"),
        (("--tau-xx", "-1"), "Auger lifetime"),
        (("--auger-model", "fermi"), "unknown Auger model"),
    ],
)
def test_gain_cli_bad_input(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _out, err = run(capsys, "gain", CS, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_dynamics_cli(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    png = Path(str(tmp_path)) / "kin.png"
    code, out, _ = run(capsys, "dynamics", CS, "--fluence", "50", "--plot", str(png), "--json")
    assert code == 0
    doc = json.loads(out)
    assert png.stat().st_size > 1000
    # <N> = sigma j (Poisson excitation); t = 0 bleach of a Poisson ensemble with g = 2:
    # dA/A0 = -sum_N P_N 2 min(N, 2)/2 = -(2 - 2 P0 - P1) (closed form)
    n = doc["mean_N"]
    p0, p1 = math.exp(-n), n * math.exp(-n)
    assert doc["ta_at_zero"] == pytest.approx(-(2 - 2 * p0 - p1), rel=1e-6)
    assert doc["gain_at_zero"] == (n > 1.146)
    code, _, err = run(capsys, "dynamics", CS, "--fluence", "-5")
    assert code == 2 and "fluence" in err


def test_charged_dot_kinetics(capsys: pytest.CaptureFixture[str]) -> None:
    """Kinetics of photodoped dots (q extra electrons, g = 2) after a short pulse, against
    closed forms of the Poisson start: the t = 0 bleach e^-n (3 + n)/2 - 2 for q = 1 (a_0 = 1/2,
    a_1 = -1/2, a_N>=2 = -1; Wu et al., Nat. Nanotechnol. 12, 1140 (2017) band filling), the
    initial PL k_X <N(N + q)> = k_X (n^2 + n + q n) (N(N + q) recombining pairs), and the
    relaxed film's bleach -q/g once every exciton has decayed."""
    from qdopto.dynamics.transients import pulsed_kinetics

    times = np.array([0.0, 1e-3, 1e4])
    neutral = pulsed_kinetics(CS, fluence_uJ_cm2=10.0, times_ns=times)
    charged = pulsed_kinetics(CS, fluence_uJ_cm2=10.0, times_ns=times, extra_electrons=1)
    n = charged.mean_N
    assert n == pytest.approx(neutral.mean_N, rel=1e-12)
    assert charged.ta[0] == pytest.approx(math.exp(-n) * (3 + n) / 2 - 2, abs=1e-9)
    k_x = charged.rates.k_rad_x_per_ns
    assert charged.pl[0] == pytest.approx(k_x * (n * n + n + n), rel=1e-9)
    assert neutral.pl[0] == pytest.approx(k_x * (n * n + n), rel=1e-9)
    assert charged.ta[-1] == pytest.approx(-0.5, abs=1e-6)
    assert neutral.ta[-1] == pytest.approx(0.0, abs=1e-6)
    code, out, _ = run(
        capsys, "dynamics", CS, "--fluence", "10", "--extra-electrons", "2", "--json"
    )
    doc = json.loads(out)
    assert code == 0 and doc["extra_electrons"] == 2 and doc["gain_lifetime_ps"] is None
