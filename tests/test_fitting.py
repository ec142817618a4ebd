"""Absorption CSV parsing, Beer-Lambert concentration and spectrum fitting."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdopto.errors import QdoptoError
from qdopto.optics import ensemble_spectrum
from qdopto.optics.fitting import (
    MeasuredSpectrum,
    concentration_uM,
    fit_absorption,
    parse_absorption_csv,
)


def _synthetic(
    radius: float, pct: float, conc_uM: float, noise: float, seed: int
) -> MeasuredSpectrum:
    true = ensemble_spectrum(
        f"CdSe:{radius}|toluene", dispersion_pct=pct, wavelength_nm=np.linspace(330.0, 720.0, 391)
    )
    a = true.extinction_M_cm * conc_uM * 1e-6
    rng = np.random.default_rng(seed)
    return MeasuredSpectrum(true.wavelength_nm, a + rng.normal(0.0, noise * a.max(), a.size))


@pytest.mark.parametrize(
    ("radius", "pct", "conc"), [(1.6, 7.0, 1.0), (2.1, 6.0, 0.5), (2.8, 4.0, 0.2)]
)
def test_fit_recovers_a_synthetic_noisy_spectrum(radius: float, pct: float, conc: float) -> None:
    # 1 % Gaussian noise on the absorbance; the fit must recover the size to 1 %
    fit = fit_absorption(_synthetic(radius, pct, conc, 0.01, seed=1), "CdSe")
    assert fit.diameter_nm == pytest.approx(2 * radius, rel=0.01)
    assert fit.dispersion_pct == pytest.approx(pct, abs=1.0)
    assert fit.concentration_uM == pytest.approx(conc, rel=0.05)
    assert fit.diameter_err_nm < 0.05 * fit.diameter_nm
    assert fit.concentration_err_uM > 0


def test_beer_lambert() -> None:
    # A = eps c l: A = 0.5 with eps = 2.5e5 /M/cm in 1 cm -> 2 uM
    assert float(concentration_uM(0.5, 2.5e5, 1.0)) == pytest.approx(2.0)
    with pytest.raises(QdoptoError):
        concentration_uM(0.5, 2.5e5, 0.0)


def test_csv_forms() -> None:
    body = "\n".join(f"{lam},{0.1 + lam * 1e-4}" for lam in range(400, 700, 10))
    for header in (
        "wavelength,absorbance",
        "wavelength_nm,abs",
        "Wavelength (nm),OD",
        "lambda [nm],A",
        "",
    ):
        s = parse_absorption_csv(f"{header}\n{body}" if header else body)
        assert s.wavelength_nm[0] == 400 and s.absorbance.size == 30
    rev = "\n".join(reversed(body.splitlines()))
    assert parse_absorption_csv("wavelength,absorbance\n" + rev).wavelength_nm[0] == 400


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "no data"),
        ("wavelength,absorbance\n400,0.1\n", "at least 5"),
        ("time,signal\n" + "\n".join(f"{i},{i}" for i in range(10)), "need a wavelength"),
        ("wavelength (um),absorbance\n" + "\n".join(f"{i},{i}" for i in range(1, 10)), "unit 'um'"),
        (
            "wavelength,absorbance\n" + "\n".join(f"{x},0.1" for x in (400, 410, 405, 420, 430)),
            "monotonic",
        ),
        (
            "wavelength,absorbance\n" + "\n".join(f"{x},{-1.0}" for x in range(400, 450, 10)),
            "negative absorbance",
        ),
        ("wavelength,absorbance\n" + "\n".join(f"{x},nan" for x in range(400, 450, 10)), "NaN"),
        (
            "wavelength,absorbance\n" + "\n".join(f"{x},abc" for x in range(400, 450, 10)),
            "malformed",
        ),
    ],
)
def test_bad_csv(text: str, needle: str) -> None:
    with pytest.raises(QdoptoError, match=needle):
        parse_absorption_csv(text)


@settings(max_examples=200)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789.,-e \nabsorbancewvlgthnm()#")), max_size=200)
)
def test_csv_parser_never_crashes(text: str) -> None:
    with contextlib.suppress(QdoptoError):
        parse_absorption_csv(text)


def test_fit_needs_the_uv_for_a_concentration() -> None:
    s = _synthetic(2.1, 6.0, 0.5, 0.0, seed=0)
    keep = s.wavelength_nm > 480
    with pytest.raises(QdoptoError, match="bulk-like region"):
        fit_absorption(MeasuredSpectrum(s.wavelength_nm[keep], s.absorbance[keep]), "CdSe")


def test_sampled_spectrum_equals_the_per_dot_sum() -> None:
    from qdopto.constants import HC_EV_NM
    from qdopto.optics import line_spectrum
    from qdopto.optics.fitting import EnsembleModel
    from qdopto.structures import SphericalQD

    model = EnsembleModel(
        SphericalQD.from_spec("CdSe:2.0/CdS:1.5|toluene"), np.linspace(1.6, 2.4, 9)
    )
    radii = np.clip(np.random.default_rng(2).normal(2.0, 0.1, 4000), 1.6, 2.4)
    grid = np.linspace(HC_EV_NM / 700.0, HC_EV_NM / 450.0, 400)
    e, s = model.sampled(radii)
    exact = line_spectrum(e.ravel(), s.ravel() / radii.size, grid, model.gamma_eV, method="direct")
    fast = model.sampled_spectrum(radii, grid)
    assert np.max(np.abs(fast - exact)) < 5e-3 * exact.max()  # radius bins + FFT binning
