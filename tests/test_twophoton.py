"""Two-photon absorption: bulk scaling and the QD cross-section estimate.

References:
- Measured bulk 2PA coefficients: ZnSe, beta = 5.8 cm/GW at 532 nm (M. Sheik-Bahae, A. A. Said,
  T.-H. Wei, D. J. Hagan, E. W. Van Stryland, IEEE J. Quantum Electron. 26, 760 (1990), the
  Z-scan paper); GaAs, beta = 26 cm/GW at 1064 nm (E. W. Van Stryland, M. A. Woodall,
  H. Vanherzeele, M. J. Soileau, Opt. Lett. 10, 490 (1985)). The scaling is stated to hold
  within about a factor of 2 (Sheik-Bahae et al., IEEE J. Quantum Electron. 27, 1296 (1991)).
  Indices: ZnSe n(532 nm) = 2.70, GaAs n(1064 nm) = 3.48; gaps at 300 K 2.67 and 1.42 eV.
- F_2 of the two-parabolic-band model peaks at 2 hbar w / E_g = 10/7 (d/dy of
  (y - 1)^(3/2) / y^5 = 0), i.e. at hbar w = 0.71 E_g, where measured 2PA spectra of
  direct-gap semiconductors peak (Van Stryland et al. 1985).
- The pumping convention: C. Xu, W. W. Webb, J. Opt. Soc. Am. B 13, 481 (1996).
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from cli_runner import run
from qdopto.constants import HC_EV_NM
from qdopto.dynamics.pumping import mean_excitons_two_photon
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.optics.twophoton import bulk_two_photon_coefficient, f2, two_photon_cross_section


@pytest.mark.parametrize(
    ("gap", "wavelength", "index", "measured"),
    [(2.67, 532.0, 2.70, 5.8), (1.42, 1064.0, 3.48, 26.0)],
)
def test_bulk_scaling_against_measured_coefficients(
    gap: float, wavelength: float, index: float, measured: float
) -> None:
    beta = float(bulk_two_photon_coefficient(gap, HC_EV_NM / wavelength, index))
    assert measured / 2 < beta < measured * 2


def test_f2_edge_and_peak() -> None:
    assert float(f2(0.5)) == 0.0 and float(f2(0.3)) == 0.0
    peak = minimize_scalar(lambda x: -float(f2(x)), bounds=(0.51, 1.0), method="bounded")
    assert 2 * peak.x == pytest.approx(10 / 7, rel=1e-4)
    # (2x - 1)^(3/2) onset just above half the gap
    assert float(f2(0.5 + 1e-5)) / float(f2(0.5 + 4e-5)) == pytest.approx(1 / 8, rel=1e-3)


def test_core_only_cross_section_scales_with_volume() -> None:
    # Eq. (2): beta, n and f_LF do not depend on size, so sigma2 ~ V at a fixed wavelength
    a = two_photon_cross_section("CdSe:2.0|toluene", 800.0).sigma2_GM
    b = two_photon_cross_section("CdSe:2.6|toluene", 800.0).sigma2_GM
    assert b / a == pytest.approx((2.6 / 2.0) ** 3, rel=1e-9)


def test_cross_section_from_its_parts() -> None:
    # Eq. (2) assembled by hand from the reported layer data
    r = two_photon_cross_section("CdSe:2.0/CdS:1.5|toluene", 800.0)
    photon_j = HC_EV_NM / 800.0 * 1.602176634e-19
    n_s = r.medium_index
    assert n_s == pytest.approx(1.49, abs=0.01)  # toluene near 800 nm
    total = 0.0
    for layer in r.layers:
        total += (
            photon_j
            * layer["volume_nm3"]
            * 1e-21
            * layer["beta_cm_GW"]
            * 1e-9
            * (layer["index"] / n_s) ** 2
            * layer["local_field"] ** 4
            / 1e-50
        )
    assert total == pytest.approx(r.sigma2_GM, rel=0.01)
    assert 1e3 < r.sigma2_GM < 1e5  # the 1e3-1e5 GM range of CdSe-based QDs at 800 nm


def test_validity_and_errors() -> None:
    with pytest.raises(QdoptoError, match="one-photon absorption dominates"):
        two_photon_cross_section("CdSe:2.0|toluene", 500.0)
    with pytest.raises(QdoptoError, match="no two-photon absorption"):
        two_photon_cross_section("CdSe:2.0|toluene", 1300.0)
    with pytest.raises(QdoptoError, match="within"):
        two_photon_cross_section("CdSe:2.0|toluene", math.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        with pytest.raises(ValidityWarning, match="order of magnitude"):
            two_photon_cross_section("CdSe:2.0|toluene", 1000.0)


def test_estimate_feeds_two_photon_pumping(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "twophoton", "CdSe:2.0/CdS:1.5|toluene", "--wavelength", "800")
    assert code == 0 and "GM" in out
    code, out, _ = run(
        capsys, "twophoton", "CdSe:2.0/CdS:1.5|toluene", "--wavelength", "800", "--json"
    )
    sigma2 = json.loads(out)["sigma2_GM"]
    code, out, _ = run(
        capsys,
        "gain",
        "CdSe:2.0/CdS:1.5|toluene",
        "--pump-wavelength",
        "800",
        "--sigma2",
        "model",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["sigma2_GM"] == pytest.approx(sigma2)
    # the threshold fluence reproduces the threshold <N> through the Xu-Webb relation
    n = mean_excitons_two_photon(sigma2, doc["threshold_fluence_uJ_cm2"], 100.0, 800.0)
    assert float(np.asarray(n)) == pytest.approx(doc["threshold_N"], rel=1e-3)
    code, _, err = run(capsys, "gain", "CdSe:2.0|toluene", "--sigma2", "lots")
    assert code == 2 and "'model'" in err
