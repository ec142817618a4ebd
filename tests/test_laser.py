"""QD lasers: thresholds, DFB feedback, rate equations, ASE (issue: waveguides, cavities and
QD lasers).

Independent references: the Poisson band-edge absorption in closed form for g = 2 (Klimov et
al., Science 290, 314 (2000)); the Fabry-Perot worked example of Coldren & Corzine, *Diode
Lasers and Photonic Integrated Circuits* (2nd ed.), Sec. 2 (L = 300 um cleaved facets,
R = 0.32: alpha_m = 38 cm^-1); a transfer-matrix calculation of a finite index grating with gain
(Born & Wolf characteristic matrices) for the Kogelnik-Shank DFB thresholds; the Shaklee &
Leheny VSL formula; exciton and photon number conservation of the rate equations; two
independent solutions (exact steady state vs time integration) of the CW rate equations;
the sub-threshold limit of the photon equation in closed form.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq, root

from qdopto.devices import (
    Cavity,
    GainMedium,
    Pump,
    ase_threshold,
    dfb_threshold,
    fit_vsl,
    laser_threshold,
    light_curve,
    loss_from_q,
    parse_pump,
    rate_equations,
    steady_state_lasing,
    vsl_intensity,
)
from qdopto.dynamics.gain import poisson_threshold_occupancy
from qdopto.dynamics.multiexcitons import poisson
from qdopto.errors import DesignFileError, QdoptoError
from qdopto.photonics.cavities import mirror_loss_cm

K_X = 1.0 / 20.0  # radiative exciton rate [1/ns] (20 ns, typical of CdSe/CdS)
TAU_XX = 0.1  # biexciton Auger lifetime [ns]


def _medium(alpha_cm: float = 5000.0, n_max: int = 30) -> GainMedium:
    n = np.arange(n_max + 1, dtype=float)
    k_rad = K_X * n**2
    k_aug = (1.0 / TAU_XX) * n**2 * (n - 1) / 4.0
    return GainMedium("test", 2, k_rad + k_aug, k_rad, alpha_cm, 3e18, 40.0, 2e-14, 400.0)


def _cavity(alpha_i: float = 10.0, alpha_m: float = 40.0, gamma: float = 0.3) -> Cavity:
    return Cavity("losses", 620.0, gamma, 1.9, alpha_i, alpha_m)


# ----------------------------------------------------------------------------- thresholds
@pytest.mark.parametrize("x", [0.0, 0.01, 0.2, 0.6, 0.95])
def test_poisson_threshold_closed_form(x: float) -> None:
    """g = 2: a(<N>) = P0 - (1 - P0 - P1) = 2 e^-n + n e^-n - 1 = -x (Klimov et al. 2000)."""
    n = poisson_threshold_occupancy(2, x)
    ref = brentq(lambda m: 2 * math.exp(-m) + m * math.exp(-m) - 1 + x, 1e-6, 100.0, xtol=1e-14)
    assert n == pytest.approx(ref, rel=1e-8)


def test_fabry_perot_textbook_case() -> None:
    """Coldren & Corzine, Sec. 2: 300 um cleaved InGaAsP laser, R = 0.32: alpha_m ~ 38 cm^-1;
    with alpha_i = 5 cm^-1 the threshold modal gain is ~43 cm^-1."""
    am = mirror_loss_cm(300.0, 0.32, 0.32)
    assert am == pytest.approx(37.98, abs=0.01)
    cav = Cavity("fabry-perot", 1550.0, 0.05, 4.0, 5.0, am)
    assert cav.threshold_modal_gain_cm == pytest.approx(42.98, abs=0.01)
    # tau_p = n_g / (c alpha): ~3 ps (Coldren & Corzine Eq. 2.24)
    assert cav.photon_lifetime_ps == pytest.approx(
        4.0 / (2.99792458e10 * am + 2.99792458e10 * 5) * 1e12
    )
    assert cav.output_fraction == pytest.approx(am / (am + 5.0))
    # Q = omega tau_p
    omega = 2 * math.pi * 2.99792458e8 / 1550e-9
    assert cav.q_factor == pytest.approx(omega * cav.photon_lifetime_ps * 1e-12, rel=1e-9)
    assert loss_from_q(cav.q_factor, 1550.0, 4.0) == pytest.approx(cav.threshold_modal_gain_cm)


def test_threshold_regimes_consistent() -> None:
    med, cav = _medium(), _cavity()
    x = cav.threshold_modal_gain_cm / (cav.confinement * med.alpha_cm)
    fs = laser_threshold(med, cav, Pump("pulsed", 0.0))
    assert fs.lasing and fs.gain_fraction == pytest.approx(x)
    assert fs.threshold_N == pytest.approx(poisson_threshold_occupancy(2, x), rel=1e-9)
    # fluence = <N> h nu / sigma (Klimov, J. Phys. Chem. B 104, 6112 (2000))
    e_ph = 6.62607015e-34 * 2.99792458e8 / 400e-9
    assert fs.threshold_fluence_uJ_cm2 == pytest.approx(fs.threshold_N * e_ph / 2e-14 * 1e6)
    ns = laser_threshold(med, cav, Pump("pulsed", 5.0))
    cw = laser_threshold(med, cav, Pump("cw"))
    el = laser_threshold(med, cav, Pump("electrical", injection_efficiency=0.5))
    # a pulse much longer than the decay times reaches the CW generation rate (quasi-CW)
    long = laser_threshold(med, cav, Pump("pulsed", 500.0))
    assert long.threshold_N / 500.0 == pytest.approx(cw.threshold_generation_per_ns, rel=1e-2)
    assert fs.threshold_N < ns.threshold_N
    # J = e G n_dots / eta
    j = 1.602176634e-19 * el.threshold_generation_per_ns * 1e9 * med.dots_per_cm2 / 0.5
    assert el.threshold_current_density_A_cm2 == pytest.approx(j, rel=1e-9)


def test_no_lasing_reports_the_numbers() -> None:
    med = _medium(alpha_cm=100.0)
    th = laser_threshold(med, _cavity(alpha_i=20.0, alpha_m=30.0, gamma=0.1), Pump("cw"))
    assert not th.lasing and th.threshold_intensity_kW_cm2 is None
    assert "no lasing" in th.reason and "500" in th.reason and "100" in th.reason


# ----------------------------------------------------------------------------- DFB
def _tmm_grating_threshold(
    n0: float, dn: float, lam_b: float, periods: int, seed: tuple[float, float]
) -> float:
    """Field-gain threshold x L of a first-order grating of `periods` periods (quarter-wave
    layers n0 +- dn/2, uniform gain, no end reflections), from the pole of its
    characteristic matrix (Born & Wolf, Sec. 1.6)."""
    half = lam_b / (4 * n0)

    def denom(lam: float, g: float) -> complex:
        k = -g * lam * 1e-7 / (4 * math.pi)
        m = np.eye(2, dtype=complex)
        for n in (n0 + dn / 2 + 1j * k, n0 - dn / 2 + 1j * k):
            d = 2 * math.pi * n * half / lam
            m = np.array([[np.cos(d), -1j * np.sin(d) / n], [-1j * n * np.sin(d), np.cos(d)]]) @ m
        b, c = np.linalg.matrix_power(m, periods) @ np.array([1.0, n0])
        return complex(n0 * b + c)

    sol = root(lambda v: [denom(*v).real, denom(*v).imag], list(seed), options={"xtol": 1e-14})
    assert sol.success
    length_cm = periods * 2 * half * 1e-7
    return float(sol.x[1] / 2 * length_cm)


@pytest.mark.parametrize("periods", [500, 1000])
def test_kogelnik_shank_against_transfer_matrix(periods: int) -> None:
    n0, dn, lam_b = 1.8, 0.004, 600.0
    kappa = 2 * dn / (lam_b * 1e-7)  # first-order square grating, duty 0.5
    length_um = periods * lam_b / (2 * n0) * 1e-3
    ks = dfb_threshold(kappa, length_um)[0]
    beta_b = 2 * math.pi * n0 / (lam_b * 1e-7)
    seed = (lam_b * (1 - ks["delta_L"] / (length_um * 1e-4) / beta_b), ks["mirror_loss_cm-1"])
    ref = _tmm_grating_threshold(n0, dn, lam_b, periods, seed)
    assert ks["alpha_L"] == pytest.approx(ref, rel=2e-3)


def test_kogelnik_shank_limits() -> None:
    """Stronger feedback lowers the threshold; the lasing modes sit outside the stop band,
    |delta L| > kappa L for kappa L >~ 2 (Kogelnik & Shank 1972, Fig. 3)."""
    a = [dfb_threshold(kl / 0.01, 100.0)[0] for kl in (0.5, 1.0, 2.0, 4.0, 8.0)]
    alphas = [m["alpha_L"] for m in a]
    assert all(x > y for x, y in itertools.pairwise(alphas))
    assert a[-1]["delta_L"] > 8.0 and a[-2]["delta_L"] > 4.0
    with pytest.raises(QdoptoError, match="coupling"):
        dfb_threshold(-1.0, 100.0)
    with pytest.raises(QdoptoError, match="kappa L"):
        dfb_threshold(1e5, 100.0)


# ----------------------------------------------------------------------------- rate equations
def _rhs_reference(med: GainMedium, cav: Cavity, gen: float, beta: float):  # type: ignore[no-untyped-def]
    """Eq. (3) written out term by term, independently of the library's vectorised form."""
    k, kr, g = med.k_total, med.k_rad, med.degeneracy
    top = k.size - 1
    vg = 29.9792458 / cav.group_index

    def rhs(_t: float, y: np.ndarray) -> np.ndarray:
        p, u = y[:-1], y[-1]
        d = np.zeros_like(y)
        w = vg * med.alpha_cm * u
        for n in range(top + 1):
            f = min(n, g) / g
            em, ab = f * f, (1 - f) ** 2
            up = (gen + w * ab) if n < top else 0.0
            d[n] -= (up + k[n] + w * em) * p[n]
            if n < top:
                d[n + 1] += up * p[n]
            if n > 0:
                d[n - 1] += (k[n] + w * em) * p[n]
            d[-1] += cav.confinement * (w * (em - ab) + beta * kr[n]) * p[n]
        d[-1] -= u * vg * cav.threshold_modal_gain_cm
        return d

    return rhs


def test_rate_equations_against_independent_integration() -> None:
    """The exact CW steady state and the library's ROS3 integrator against scipy's LSODA on
    an independent term-by-term implementation of Eq. (3)."""
    from scipy.integrate import solve_ivp

    med, cav = _medium(n_max=12), _cavity()
    g_th = laser_threshold(med, cav, Pump("cw")).threshold_generation_per_ns
    for scale in (0.5, 3.0):
        gen = scale * g_th
        y0 = np.zeros(14)
        y0[0] = 1.0
        ref = solve_ivp(
            _rhs_reference(med, cav, gen, 1e-3),
            (0, 300.0),
            y0,
            method="LSODA",
            rtol=1e-8,
            atol=1e-12,
            t_eval=[0.05, 300.0],
        )
        u_ss, p_ss = steady_state_lasing(med, cav, [gen], beta=1e-3)
        assert ref.y[-1, -1] == pytest.approx(u_ss[0], rel=1e-5)
        assert ref.y[:-1, -1] == pytest.approx(p_ss[0], abs=1e-7)
        sol = rate_equations(
            med,
            cav,
            y0[None, :-1],
            [0.05],
            generation_per_ns=gen,
            pulse_ns=10.0,
            beta=1e-3,
            rtol=1e-6,
        )
        assert sol["u"][-1, 0] == pytest.approx(ref.y[-1, 0], rel=1e-3)
        assert sol["populations"][-1, 0] == pytest.approx(ref.y[:-1, 0], abs=1e-5)


def test_photon_balance_below_threshold_closed_form() -> None:
    """G -> 0: P1 = G / k_1, D = -1, so 0 = Gamma (-v_g alpha u + beta k_1 P1) - u / tau_p:
    u = beta Gamma G / (Gamma v_g alpha + 1/tau_p)."""
    med, cav = _medium(), _cavity()
    g = 1e-6
    u, _ = steady_state_lasing(med, cav, [g], beta=1e-3)
    vg = 29.9792458 / cav.group_index
    ref = (
        1e-3
        * cav.confinement
        * g
        / (cav.confinement * vg * med.alpha_cm + vg * cav.threshold_modal_gain_cm)
    )
    assert u[0] == pytest.approx(ref, rel=1e-4)


def test_pulsed_conservation_and_threshold_kink() -> None:
    med, cav = _medium(), _cavity()
    th = laser_threshold(med, cav, Pump("pulsed", 0.0))
    n = np.array([0.5, 0.9, 1.1, 2.0]) * th.threshold_N
    p0 = poisson(n, 30)
    p0[:, -1] += 1 - p0.sum(axis=1)
    sol = rate_equations(med, cav, p0, [0.05, 100.0], beta=1e-5, rtol=1e-4)
    total = (
        sol["emitted"][-1]
        + sol["lost_internal"][-1]
        + sol["decayed"][-1]
        + sol["populations"][-1] @ np.arange(31)
        + sol["u"][-1] / cav.confinement
    )
    assert total == pytest.approx(p0 @ np.arange(31), rel=1e-10)
    out = sol["emitted"][-1]
    assert out[2] / out[1] > 100.0  # the kink: output jumps across the gain threshold
    assert out[1] / out[0] < 3.0
    # above threshold, the escaping share of the stimulated photons is alpha_m/(alpha_i+alpha_m)
    assert sol["emitted"][-1][3] / (sol["emitted"][-1][3] + sol["lost_internal"][-1][3]) == (
        pytest.approx(cav.output_fraction, rel=1e-9)
    )


@pytest.mark.parametrize("pump", [Pump("pulsed", 0.0), Pump("cw"), Pump("electrical")])
def test_light_curve_brackets_threshold(pump: Pump) -> None:
    med, cav = _medium(), _cavity()
    curve = light_curve(med, cav, pump, points=41, beta=1e-5)
    assert curve.threshold is not None
    below = curve.output[curve.pump_values < 0.9 * curve.threshold]
    above = curve.output[curve.pump_values > 1.5 * curve.threshold]
    assert above.min() > 100 * below.max()
    assert np.all(np.diff(curve.output) > 0)


# ----------------------------------------------------------------------------- ASE
@settings(max_examples=40, deadline=None)
@given(
    g=st.floats(min_value=-40.0, max_value=120.0),
    a=st.floats(min_value=1e-3, max_value=1e3),
)
def test_vsl_fit_recovers_gain(g: float, a: float) -> None:
    lengths = np.linspace(50.0, 800.0, 10)
    fit = fit_vsl(lengths, vsl_intensity(lengths, g, a))
    assert fit["net_gain_cm-1"] == pytest.approx(g, abs=1e-4 * max(1.0, abs(g)))


def test_vsl_limits_and_errors() -> None:
    """Shaklee & Leheny 1971: I = (A/g)(exp(gL) - 1) -> A L for g -> 0."""
    assert vsl_intensity([100.0], 0.0, 2.0)[0] == pytest.approx(2.0 * 0.01)
    assert vsl_intensity([100.0], 1e-9, 2.0)[0] == pytest.approx(2.0 * 0.01, rel=1e-9)
    assert vsl_intensity([100.0], 50.0)[0] == pytest.approx(math.expm1(0.5) / 50.0)
    with pytest.raises(QdoptoError, match="at least 3"):
        fit_vsl([1.0, 2.0], [1.0, 2.0])
    with pytest.raises(QdoptoError, match="finite"):
        fit_vsl([1.0, 2.0, 3.0], [1.0, math.nan, 2.0])


def test_ase_threshold_is_below_the_laser_threshold() -> None:
    med, cav = _medium(), _cavity()
    ase = ase_threshold(med, cav, Pump("pulsed", 0.0))
    las = laser_threshold(med, cav, Pump("pulsed", 0.0))
    assert ase.threshold_modal_gain_cm == pytest.approx(cav.internal_loss_cm)
    assert ase.threshold_N < las.threshold_N
    stripe = ase_threshold(med, cav, Pump("pulsed", 0.0), stripe_length_um=500.0, gain_length=1.0)
    assert stripe.threshold_modal_gain_cm == pytest.approx(10.0 + 1.0 / 0.05)


# ----------------------------------------------------------------------------- inputs
@pytest.mark.parametrize(
    ("text", "kind", "tau"),
    [
        ("cw", "cw", None),
        ("electrical", "electrical", None),
        ("100 fs", "pulsed", 1e-4),
        ("5", "pulsed", 5.0),
    ],
)
def test_parse_pump(text: str, kind: str, tau: float | None) -> None:
    p = parse_pump(text)
    assert p.kind == kind and (tau is None or p.pulse_ns == pytest.approx(tau))


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda: parse_pump("fast"), "pump must be"),
        (lambda: parse_pump("-5 ns"), "0-1e6 ns"),
        (lambda: Cavity("x", 620.0, 1.5, 2.0, 1.0, 1.0), "confinement"),
        (lambda: Cavity("x", 620.0, 0.5, 2.0, 0.0, 0.0), "some loss"),
        (lambda: Cavity("x", 620.0, 0.5, 2.0, math.nan, 1.0), "finite"),
        (lambda: loss_from_q(-3.0, 620.0, 2.0), "quality factor"),
        (lambda: steady_state_lasing(_medium(), _cavity(), [1.0], beta=0.0), "beta"),
        (lambda: light_curve(_medium(), _cavity(), Pump("cw"), points=1), "points"),
    ],
)
def test_bad_inputs(make: object, needle: str) -> None:
    with pytest.raises(QdoptoError, match=needle):
        make()  # type: ignore[operator]


BASE = """
[design]
name = "t"
[[structures]]
name = "a"
spec = "CdSe:2.0/CdS:1.5"
[application]
kind = "dfb-laser"
stack = "SiO2:inf/SiNx:170/QD:40/air:inf"
fill_fraction = 0.6
etch_depth = "50 nm"
grating_layer = 1
"""


@pytest.mark.parametrize(
    ("laser", "needle"),
    [
        ('cavity = "dfb"\nlength = "200 um"\nbeta = 1e-4', "internal_loss"),
        (
            'cavity = "fabry-perot"\nlength = "200 um"\ninternal_loss = 5\nbeta = 1e-4',
            "reflectances",
        ),
        ('cavity = "q"\ninternal_loss = 5\nbeta = 2', "beta"),
        ('cavity = "q"\nq = 100\ninternal_loss = nan\nbeta = 1e-4', "finite number"),
        ('cavity = "dfb"\nlength = "2 kg"\ninternal_loss = 5\nbeta = 1e-4', "laser.length"),
    ],
)
def test_design_laser_table_errors(laser: str, needle: str) -> None:
    from qdopto.structures import parse_design

    with pytest.raises(DesignFileError, match=needle):
        parse_design(BASE + "[laser]\n" + laser)


def test_laser_needs_application() -> None:
    from qdopto.structures import parse_design

    text = (
        BASE.split("[application]")[0]
        + '[laser]\ncavity = "q"\nq = 1e3\ninternal_loss = 5\nbeta = 1e-4'
    )
    with pytest.raises(DesignFileError, match="needs an \\[application\\]"):
        parse_design(text)


def test_design_cavity_kinds_and_no_lasing(tmp_path: Path) -> None:
    """The q and fabry-perot cavities of a design; a lossy cavity is reported as no lasing,
    with its numbers, and still gives an L-L curve."""
    from qdopto.devices.design import laser_from_design
    from qdopto.structures import parse_design

    las = (
        '[laser]\npump = "cw"\ncavity = "fabry-perot"\nlength = "100 um"\n'
        "reflectances = [0.04, 0.04]\ninternal_loss = 5\nbeta = 1e-4\npoints = 20\n"
    )
    res = laser_from_design(parse_design(BASE + 'wavelength = "620 nm"\n' + las))
    assert res.cavity.mirror_loss_cm == pytest.approx(mirror_loss_cm(100.0, 0.04, 0.04))
    lossy = las.replace("internal_loss = 5", "internal_loss = 90000")
    res = laser_from_design(parse_design(BASE + 'wavelength = "620 nm"\n' + lossy))
    assert not res.threshold.lasing and "no lasing" in " ".join(res.notes)
    assert res.curve.output.size == 20


def test_cli_laser_json_plot_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from qdopto.cli import main

    design = tmp_path / "laser.toml"
    design.write_text(
        BASE
        + 'wavelength = "620 nm"\n[laser]\npump = "cw"\ncavity = "q"\nq = 2000\n'
        + "internal_loss = 5\nbeta = 1e-4\npoints = 30\n",
        encoding="utf-8",
    )
    plot = tmp_path / "ll.png"
    main(["laser", str(design), "--json", "--plot", str(plot)])
    doc = json.loads(capsys.readouterr().out)
    assert doc["lasing"] and doc["threshold"]["threshold_intensity_kW_cm2"] > 0
    # Q = omega tau_p: the outcoupling loss of a Q = 2000 mode at 620 nm
    assert doc["cavity"]["mirror_loss_cm-1"] == pytest.approx(
        loss_from_q(2000, 620.0, doc["cavity"]["group_index"])
    )
    assert len(doc["light_curve"]["output"]) == 30 and plot.stat().st_size > 1000
    for args, needle in (
        (["laser", str(tmp_path / "missing.toml")], "not found"),
        (["laser", str(design), "--plot", str(tmp_path / "x.svg")], ".png"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert needle in err and err.count("\n") == 1


def _vcsel_design(points: int = 30) -> str:
    from qdopto.photonics.microcavity import dbr_cavity_spec

    film = "QD(CdSe:2.0/CdS:1.5,fill=0.6):30"
    stack = dbr_cavity_spec("glass", "SiNx", "SiO2", 12, 10, "SiO2", 621.0, active=film)
    stack = re.sub(r"QD\([^)]*\):30", "QD:30", stack)
    assert "/QD:30/" in stack
    return (
        BASE.replace('kind = "dfb-laser"', 'kind = "microcavity"')
        .replace('stack = "SiO2:inf/SiNx:170/QD:40/air:inf"', f'stack = "{stack}"')
        .replace('etch_depth = "50 nm"\ngrating_layer = 1\n', "")
        + 'wavelength = "621 nm"\n[laser]\npump = "100 fs"\ncavity = "vcsel"\n'
        + f"internal_loss = 0\nbeta = 1e-2\npoints = {points}\n"
    )


def test_vcsel_design_against_exact_threshold(tmp_path: Path) -> None:
    """A QD-film VCSEL: Gamma_z g_th = alpha_i + ln(1/sqrt(R1 R2))/L_eff (Coldren & Corzine,
    Ch. 3) against the exact threshold gain of the stack, the pole of its characteristic
    matrix with gain in the QD layer (photonics.microcavity); and its report."""
    import json

    import jsonschema

    from qdopto.devices.design import laser_from_design
    from qdopto.report.build import build_report
    from qdopto.structures import parse_design

    design = parse_design(_vcsel_design())
    res = laser_from_design(design)
    exact = res.cavity.details["threshold_gain_exact_cm-1"]
    assert res.threshold.lasing and res.ase is None
    assert res.cavity.wavelength_nm == pytest.approx(621.0, abs=1.0)
    assert res.threshold.threshold_material_gain_cm == pytest.approx(exact, rel=0.05)
    assert res.cavity.details["R_bottom"] > 0.99 and res.cavity.details["R_top"] > 0.99
    results = build_report(design, tmp_path / "r")
    schema = json.loads((Path(__file__).parents[1] / "docs" / "results.schema.json").read_text())
    jsonschema.validate(results, schema)
    assert all(st["status"] == "ok" for st in results["steps"])
    assert results["application"]["kind"] == "microcavity"


def test_wgm_disk_design_radiation_loss() -> None:
    """A QD-coated SiNx microdisk: the outcoupling is the radiation loss 2 pi n_g/(lambda Q)
    of the disk WGM nearest the target; smaller disks radiate more (Q grows exponentially
    with the azimuthal order)."""
    from qdopto.devices.design import laser_from_design
    from qdopto.photonics.wgm import disk_wgm_complex
    from qdopto.structures import parse_design

    text = (
        BASE.replace('kind = "dfb-laser"', 'kind = "waveguide"')
        + 'wavelength = "620 nm"\n[laser]\npump = "cw"\ncavity = "wgm"\nradius = "RADIUS"\n'
        + "internal_loss = 5\nbeta = 1e-3\npoints = 20\n"
    )
    small = laser_from_design(parse_design(text.replace("RADIUS", "0.8 um")))
    large = laser_from_design(parse_design(text.replace("RADIUS", "1.5 um")))
    d = small.cavity.details
    assert abs(small.cavity.wavelength_nm - 620.0) < d["fsr_nm"]
    assert small.cavity.mirror_loss_cm > large.cavity.mirror_loss_cm
    assert large.cavity.details["azimuthal_order"] > d["azimuthal_order"]
    # the same resonance from the WGM solver directly
    res = disk_wgm_complex(0.8, d["n_eff_slab"], d["n_medium"], d["azimuthal_order"])
    assert res.q_radiation == pytest.approx(d["q_radiation"], rel=1e-9)
    assert small.cavity.mirror_loss_cm == pytest.approx(
        loss_from_q(d["q_radiation"], small.cavity.wavelength_nm, small.cavity.group_index)
    )


def test_ridge_application_uses_channel_modes() -> None:
    """`application.width`: the laser's confinement factor and group index are those of the
    ridge's quasi-TE0 channel mode (the same numbers as `channel_modes` gives for that guide),
    and its DFB period obeys the Bragg law with the ridge's lower n_eff (longer period than the
    planar design; Kogelnik & Shank 1972). A ridge WGM laser and a bad ridge are errors."""
    from qdopto.devices.design import application_stack, laser_from_design
    from qdopto.photonics import parse_stack
    from qdopto.photonics.channel import ChannelGuide, channel_modes
    from qdopto.report.build import validate_application
    from qdopto.structures import parse_design

    las = '[laser]\ncavity = "dfb"\nlength = "200 um"\ninternal_loss = 15\nbeta = 1e-4\n'
    ridge = BASE + 'wavelength = "620 nm"\nwidth = "1.2 um"\nridge_layers = 2\n' + las
    planar = BASE + 'wavelength = "620 nm"\n' + las
    res_r = laser_from_design(parse_design(ridge))
    res_p = laser_from_design(parse_design(planar))
    d = res_r.cavity.details
    assert d["waveguide"] == "ridge" and d["width_nm"] == pytest.approx(1200.0)
    stack_text, _ = application_stack(parse_design(ridge))
    te0 = channel_modes(ChannelGuide(parse_stack(stack_text), 1200.0, 2), 620.0).modes[0]
    assert res_r.cavity.confinement == pytest.approx(te0.confinement[2], rel=1e-12)
    assert res_r.cavity.group_index == pytest.approx(te0.n_group, rel=1e-12)
    assert d["period_nm"] > res_p.cavity.details["period_nm"]
    bad = parse_design(BASE + 'width = "1.2 um"\nridge_layers = 3\n')
    assert any("application.width" in p for p in validate_application(bad))
    wgm = (
        BASE.replace('kind = "dfb-laser"', 'kind = "waveguide"')
        + 'wavelength = "620 nm"\nwidth = "1 um"\n[laser]\npump = "cw"\ncavity = "wgm"\n'
        + 'radius = "2 um"\ninternal_loss = 5\nbeta = 1e-3\n'
    )
    with pytest.raises(QdoptoError, match="ridge rings"):
        laser_from_design(parse_design(wgm))
