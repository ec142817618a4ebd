"""Band-edge exciton fine structure (dark/bright excitons) and the intrinsic Stokes shift.

References:
- Al. L. Efros et al., Phys. Rev. B 54, 4843 (1996): the level formulas (closed forms below),
  the hole functions of the spherical Luttinger model and Eq. (4) for eta.
- Angular-momentum factors: 6j symbols from SymPy (sympy.physics.wigner), an independent
  implementation of Racah's formula; Edmonds, Angular Momentum in Quantum Mechanics, (7.1.8).
- Bulk selection rules: heavy- and light-hole transitions carry equal total strength for
  unpolarised light (e.g. S. L. Chuang, Physics of Photonic Devices, 2nd ed., Sec. 9.4).
- Z. Yu, J. Li, D. B. O'Connor, L.-W. Wang, P. F. Barbara, J. Phys. Chem. B 107, 5670 (2003),
  abstract: CdS QDs of radius 1.0-2.3 nm show a resonant Stokes shift of ~20-70 meV, "~4 times
  larger than similarly sized CdSe QDs" (so CdSe: ~5-18 meV).
- M. Brovelli et al., Nat. Commun. 2, 280 (2011): a CdS shell delocalises the electron and
  reduces the electron-hole exchange of CdSe cores.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import spherical_jn

from cli_runner import run
from qdopto.electronic import fine_structure as fs
from qdopto.errors import MissingParameterError, QdoptoError
from qdopto.optics import ensemble_spectrum


def _six_j_factor(k: int) -> float:
    from sympy import Rational
    from sympy.physics.wigner import wigner_6j

    half3 = Rational(3, 2)
    six_j = wigner_6j(half3, half3, 2, half3, half3, k)
    # (-1)^(L + J + F + k) (2F + 1) {J F L; F J k}, L = 2, J = F = 3/2
    return float((-1) ** (5 + k) * 4 * six_j)


def test_d_part_factors_from_six_j_symbols() -> None:
    # Efros 1996 writes the exchange integral with R_0^2 + 0.2 R_2^2: c_1 = 1/5
    assert pytest.approx(_six_j_factor(1), abs=1e-15) == fs.D_FACTOR_RANK1
    assert pytest.approx(0.2) == fs.D_FACTOR_RANK1
    assert pytest.approx(_six_j_factor(2), abs=1e-15) == fs.D_FACTOR_RANK2


def _closed_forms(eta: float, delta: float) -> list[float]:
    """Efros 1996, Eqs. for eps_(+-2), eps_(+-1)^(L,U), eps_0^(L,U)."""
    root = math.sqrt((2 * eta - delta) ** 2 / 4 + 3 * eta**2)
    return [
        -1.5 * eta - delta / 2,
        eta / 2 - root,
        eta / 2 + root,
        eta / 2 + delta / 2 - 2 * eta,
        eta / 2 + delta / 2 + 2 * eta,
    ]


@settings(max_examples=60, deadline=None)
@given(
    eta=st.floats(min_value=0.0, max_value=50.0),
    delta=st.floats(min_value=-60.0, max_value=60.0),
)
def test_levels_against_the_published_closed_forms(eta: float, delta: float) -> None:
    e, w = fs.fine_structure_levels(eta, delta)
    assert e == pytest.approx(_closed_forms(eta, delta), abs=1e-9)
    assert float(w.sum()) == pytest.approx(1.0, abs=1e-12)
    assert w[0] == pytest.approx(0.0, abs=1e-12)  # +-2: dark
    assert np.all(w >= -1e-12)


def _full_diagonalisation(eta: float, delta: float) -> np.ndarray:
    """8x8 exchange + crystal-field Hamiltonian built here from spin-1/2 and J = 3/2 matrices."""
    m = np.array([1.5, 0.5, -0.5, -1.5])
    jp = np.diag(np.sqrt(3.75 - m[1:] * (m[1:] + 1)), 1)
    jx, jy, jz = (jp + jp.T) / 2, (jp - jp.T) / 2j, np.diag(m)
    sx, sy, sz = np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1, -1])
    h = -(delta / 2) * np.kron(np.eye(2), jz @ jz - 1.25 * np.eye(4)) - eta * (
        np.kron(sx, jx) + np.kron(sy, jy) + np.kron(sz, jz)
    )
    return np.linalg.eigvalsh(h)


@pytest.mark.parametrize(("eta", "delta"), [(1.0, 0.0), (0.0, 20.0), (3.0, 20.0), (12.0, 5.0)])
def test_levels_with_degeneracies_equal_the_full_eight_state_problem(
    eta: float, delta: float
) -> None:
    e, _ = fs.fine_structure_levels(eta, delta)
    expanded = np.sort(np.repeat(e, fs.LEVEL_DEGENERACY))
    assert expanded == pytest.approx(_full_diagonalisation(eta, delta), abs=1e-9)


def test_limits_spherical_cubic_and_pure_crystal_field() -> None:
    # Delta = 0: F = 2 quintet (dark) 4 eta below the F = 1 triplet (bright, 1/3 per state)
    e, w = fs.fine_structure_levels(2.0, 0.0)
    assert sorted(np.repeat(e, fs.LEVEL_DEGENERACY)) == pytest.approx([-3.0] * 5 + [5.0] * 3)
    bright = w > 1e-9
    assert int(fs.LEVEL_DEGENERACY[bright].sum()) == 3
    assert w[bright] / fs.LEVEL_DEGENERACY[bright] == pytest.approx([1 / 3] * 2)
    # eta = 0: heavy-hole (+-2, +-1L) and light-hole quartets split by Delta; heavy- and
    # light-hole transitions share the strength equally (bulk selection rules)
    e, w = fs.fine_structure_levels(0.0, 20.0)
    assert e == pytest.approx([-10.0, -10.0, 10.0, 10.0, 10.0])
    assert w[0] + w[1] == pytest.approx(0.5)
    assert w[2] + w[3] + w[4] == pytest.approx(0.5)
    assert w[3] == pytest.approx(1 / 6)  # 0L is bright without exchange, dark with it
    assert fs.fine_structure_levels(1.0, 20.0)[1][3] == pytest.approx(0.0, abs=1e-12)


def test_hole_root_limits() -> None:
    assert fs.luttinger_phi(1.0) == pytest.approx(math.pi)
    # beta -> 0: the heavy hole alone, phi -> the first zero of j_2 (5.7635)
    from scipy.optimize import brentq

    j2_zero = brentq(lambda x: spherical_jn(2, x), 5.0, 6.5)
    assert fs.luttinger_phi(1e-6) == pytest.approx(j2_zero, rel=1e-3)
    betas = [0.05, 0.1, 0.28, 0.5, 0.9]
    phis = [fs.luttinger_phi(b) for b in betas]
    assert all(np.diff(phis) < 0) and math.pi < min(phis) and max(phis) < j2_zero
    with pytest.raises(QdoptoError, match="within"):
        fs.luttinger_phi(1.5)


def test_one_band_limit_of_the_valence_mixing() -> None:
    # beta = 1: no light/heavy distinction, R_2 = 0, the s hole of the one-band model; then
    # v = 1 and Eq. (3)'s integral is that of the one-band hole, m(1) = 1
    assert fs.crystal_field_factor(1.0) == pytest.approx(1.0, abs=1e-12)
    assert fs.valence_mixing_factor(1.0) == pytest.approx(1.0, abs=1e-12)
    # I_1 = 2 int sin^4(pi x)/x^2 dx by adaptive quadrature
    from scipy.integrate import quad

    ref = quad(lambda x: 2 * math.sin(math.pi * x) ** 4 / x**2, 0, 1, epsabs=1e-13)[0]
    assert fs.one_band_contact_integral() == pytest.approx(ref, rel=1e-10)


def test_contact_form_reduces_to_the_published_bare_sphere_form() -> None:
    # Eq. (5) with the infinite-sphere contact integral I_1/(2 pi a^3) must equal Efros's
    # eta = (a_ex/a)^3 hbar omega_ST chi(beta) (Eq. (4)).
    params = fs.fine_structure_parameters("CdSe")
    for a in (1.0, 2.0, 3.5):
        contact = fs.one_band_contact_integral() / (2 * math.pi * a**3)
        eta = float(fs.eta_from_contact(contact, params))
        ref = (
            (params.exchange_radius_nm / a) ** 3
            * params.exchange_meV
            * fs.exchange_factor(params.beta)
        )
        assert eta == pytest.approx(ref, rel=1e-12)


def test_cdse_resonant_stokes_shift_against_yu2003() -> None:
    # Yu et al. 2003: CdSe resonant Stokes shifts are ~1/4 of CdS's 20-70 meV for radii
    # 1.0-2.3 nm, i.e. ~18 meV at 1.0 nm and ~5 meV at 2.3 nm. The model (finite barriers,
    # spherical dots) is within a factor of 4 at both ends and falls with size.
    small = fs.fine_structure("CdSe:1.0|toluene", 10.0).resonant_stokes_meV
    large = fs.fine_structure("CdSe:2.3|toluene", 10.0).resonant_stokes_meV
    assert 18 / 4 < small < 18 * 4
    assert 5 / 4 < large < 5 * 4
    assert small > large
    sizes = [1.2, 1.6, 2.0, 2.6, 3.2]
    dark_bright = [fs.fine_structure(f"CdSe:{r}|toluene", 10.0).dark_bright_meV for r in sizes]
    assert np.all(np.diff(dark_bright) < 0)


def test_cds_shell_reduces_the_exchange() -> None:
    # Brovelli et al. 2011: electron delocalisation into CdS lowers eta
    core = fs.fine_structure("CdSe:1.5|toluene")
    shelled = fs.fine_structure("CdSe:1.5/CdS:2.0|toluene")
    assert shelled.eta_meV < 0.7 * core.eta_meV
    assert shelled.material == "CdSe"
    assert any("bare sphere" in n for n in shelled.notes)


def test_intrinsic_stokes_shift_thermal_limits() -> None:
    cold = fs.fine_structure("CdSe:1.5|toluene", 0.0)
    e = np.array(cold.energies_meV)
    w = np.array(cold.shares)
    lowest_bright = e[w > 1e-9].min()
    assert cold.intrinsic_stokes_meV == pytest.approx(float(np.dot(w, e)) - lowest_bright)
    # kT >> splittings: emission from all bright levels alike, no shift
    hot = fs.fine_structure("CdSe:1.5|toluene", 2000.0)
    room = fs.fine_structure("CdSe:1.5|toluene", 300.0)
    assert 0 < hot.intrinsic_stokes_meV < room.intrinsic_stokes_meV < cold.intrinsic_stokes_meV
    d = room.to_dict()
    assert [lv["label"] for lv in d["levels"]] == list(fs.LEVEL_LABELS)
    assert sum(lv["share"] for lv in d["levels"]) == pytest.approx(1.0)


def test_missing_parameters_are_named() -> None:
    with pytest.raises(MissingParameterError, match=r"InP.*exchange_splitting_bulk"):
        fs.fine_structure("InP:1.5|toluene")


def test_ensemble_pl_moves_by_the_model_shift() -> None:
    spec = "CdSe:2.0|toluene"
    model = ensemble_spectrum(spec, linewidth_meV=20.0)
    none = ensemble_spectrum(spec, linewidth_meV=20.0, stokes_shift_meV=0.0)
    given_ = ensemble_spectrum(
        spec, linewidth_meV=20.0, stokes_shift_meV=model.details["intrinsic_stokes_shift_meV"]
    )
    assert "Efros" in model.details["stokes_model"]
    assert none.details["stokes_model"] == "given"
    assert model.first_exciton_nm == pytest.approx(none.first_exciton_nm)
    # per-size shifts barely vary (crystal field dominates), so a constant equal to their mean
    # gives the same PL peak to a grid step
    assert model.pl_peak_nm == pytest.approx(given_.pl_peak_nm, abs=0.3)
    assert model.stokes_shift_meV > none.stokes_shift_meV
    # materials without parameters: no shift, and the result says why
    inp = ensemble_spectrum("InP:1.5/ZnS:0.5|toluene", linewidth_meV=60.0)
    assert inp.details["intrinsic_stokes_shift_meV"] == 0.0
    assert inp.details["stokes_model"].startswith("none (material 'InP'")


def test_cli_stokes_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "spectrum", "CdSe:2.0|toluene", "--json")
    assert code == 0
    assert "Efros" in json.loads(out)["stokes_model"]
    code, out, _ = run(capsys, "spectrum", "CdSe:2.0|toluene", "--stokes", "20 meV", "--json")
    assert code == 0 and json.loads(out)["intrinsic_stokes_shift_meV"] == pytest.approx(20.0)
    code, _, err = run(capsys, "spectrum", "CdSe:2.0|toluene", "--stokes", "lots")
    assert code == 2 and "'model'" in err and len(err.strip().splitlines()) == 1


def test_cli_fine_structure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fine-structure", "CdSe:1.5|toluene", "--temperature", "10")
    assert code == 0 and "dark-bright splitting" in out and "+-1L" in out
    code, out, _ = run(capsys, "fine-structure", "CdSe:1.5|toluene", "--json")
    doc = json.loads(out)
    assert doc["material"] == "CdSe" and len(doc["levels"]) == 5
    assert doc["levels"][0]["share"] == 0.0
    code, _, err = run(capsys, "fine-structure", "InP:1.5|toluene")
    assert code == 2 and "InP" in err and len(err.strip().splitlines()) == 1
