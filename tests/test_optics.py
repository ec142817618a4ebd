"""Optics: published sizing/extinction curves, bulk-like cross-sections, effective media, colour.

References:
- W. W. Yu et al., Chem. Mater. 15, 2854 (2003) (check points in ../shared/REFERENCE_DATA.md);
- I. Moreels et al., ACS Nano 3, 3023 (2009);
- C. A. Leatherdale et al., J. Phys. Chem. B 106, 7619 (2002): CdSe at 350 nm,
  C_abs = 5.501e5 a^3 cm^-1 (a = radius in cm), i.e. mu_i = 5.501e5 / (4 pi / 3) cm^-1;
- ITU-R BT.2020 primaries (0.708, 0.292), (0.170, 0.797), (0.131, 0.046), which are the
  chromaticities of monochromatic 630, 532 and 467 nm light.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdopto import materials
from qdopto.errors import QdoptoError, ValidityWarning
from qdopto.optics import (
    bruggeman,
    chromaticity,
    cross_section_from_extinction,
    extinction_from_cross_section,
    gamut_coverage,
    gaussian_spectrum,
    intrinsic_absorption,
    maxwell_garnett,
    sizing_curve,
)

# ----------------------------------------------------------------------- sizing curves


@pytest.mark.parametrize(
    ("material", "method", "wavelength", "diameter"),
    [
        ("CdSe", "yu2003", 550.0, 3.040),
        ("CdSe", "yu2003", 600.0, 4.583),
        ("CdS", "yu2003", 400.0, 3.383),
    ],
)
def test_yu2003_check_points(
    material: str, method: str, wavelength: float, diameter: float
) -> None:
    curve = sizing_curve(material, method)
    assert float(curve.diameter_nm(wavelength)) == pytest.approx(diameter, abs=1e-3)
    assert float(curve.wavelength_nm(diameter)) == pytest.approx(wavelength, abs=0.05)


def test_moreels2009_check_point_and_inverse() -> None:
    curve = sizing_curve("PbS", "moreels2009")
    assert float(curve.energy_eV(4.0)) == pytest.approx(1.0614, abs=1e-4)
    assert float(curve.diameter_nm(1239.8419843320025 / 1.0614)) == pytest.approx(4.0, abs=1e-3)


@given(st.floats(2.0, 8.0))
def test_yu2003_round_trip(d: float) -> None:
    curve = sizing_curve("CdSe", "yu2003")
    assert float(curve.diameter_nm(curve.wavelength_nm(d))) == pytest.approx(d, abs=1e-6)


def test_extinction_relations() -> None:
    # Yu 2003: eps = 5857 D^2.65 (CdSe), 21536 D^2.3 (CdS); Moreels 2009: 0.0233 d^3 /uM/cm
    assert float(sizing_curve("CdSe", "yu2003").extinction(4.0)) == pytest.approx(5857 * 4.0**2.65)
    assert float(sizing_curve("CdS", "yu2003").extinction(3.0)) == pytest.approx(21536 * 3.0**2.3)
    assert float(sizing_curve("PbS", "moreels2009").extinction(5.0)) == pytest.approx(
        0.0233e6 * 125
    )


def test_outside_the_fit_warns_and_beyond_the_bulk_gap_fails() -> None:
    curve = sizing_curve("CdSe", "yu2003")
    with pytest.warns(ValidityWarning, match="2-8 nm"):
        curve.diameter_nm(680.0)
    with pytest.raises(QdoptoError, match="bulk band gap"):
        curve.diameter_nm(900.0)
    with pytest.raises(QdoptoError, match="positive"):
        curve.diameter_nm(float("nan"))


def test_unknown_curve() -> None:
    with pytest.raises(QdoptoError, match="curves for CdSe: yu2003"):
        sizing_curve("CdSe", "moreels2009")
    with pytest.raises(QdoptoError, match="no empirical curve for GaAs"):
        sizing_curve("GaAs", "yu2003")


# ----------------------------------------------------------------------- cross-sections
def test_extinction_cross_section_conversion() -> None:
    # sigma = 1000 ln(10) eps / N_A = 3.824e-21 eps  [cm^2, M^-1 cm^-1]
    assert float(cross_section_from_extinction(1.0)) == pytest.approx(3.8235e-21, rel=1e-4)
    assert float(extinction_from_cross_section(cross_section_from_extinction(2.5e5))) == (
        pytest.approx(2.5e5)
    )


def test_intrinsic_absorption_equals_dilute_maxwell_garnett() -> None:
    # Eq. (1) is the dilute limit of a Maxwell Garnett film: alpha_film / f -> mu_i.
    nk, lam, ns, f = 2.67 + 0.68j, 350.0, 1.39, 1e-6
    eps_eff = maxwell_garnett(nk**2, ns**2, f)
    alpha_film = 4 * math.pi * np.sqrt(eps_eff).imag / (lam * 1e-7)
    assert float(intrinsic_absorption(nk, lam, ns)) == pytest.approx(alpha_film / f, rel=1e-4)


def test_cdse_350nm_against_leatherdale2002() -> None:
    # Leatherdale et al. 2002: mu_i(350 nm) = 5.501e5 / (4 pi / 3) = 1.313e5 cm^-1 for CdSe
    # dots in hexane. Bulk CdSe n, k from the database (Ninomiya & Adachi 1995); hexane
    # n = 1.39 near 350 nm (the database's Sellmeier starts at 400 nm, where n = 1.387).
    # Agreement within 15 % (the bulk-like approximation and the solvent index).
    nk = complex(materials.get("CdSe").nk(350.0))
    mu = float(intrinsic_absorption(nk, 350.0, 1.39))
    assert mu == pytest.approx(5.501e5 / (4 * math.pi / 3), rel=0.15)


# ----------------------------------------------------------------------- effective media
@given(st.floats(1.0, 20.0), st.floats(0.0, 5.0), st.floats(1.0, 4.0))
def test_effective_media_limits(er: float, ei: float, eh: float) -> None:
    inc = complex(er, ei)
    for model in (maxwell_garnett, bruggeman):
        assert complex(model(inc, eh, 0.0)) == pytest.approx(eh, abs=1e-9)
        assert complex(model(inc, eh, 1.0)) == pytest.approx(inc, abs=1e-9)
    # Bruggeman treats both phases alike; both agree to first order in f
    f = 0.3
    assert complex(bruggeman(inc, eh, f)) == pytest.approx(
        complex(bruggeman(eh, inc, 1 - f)), rel=1e-9, abs=1e-9
    )
    small = 1e-5
    first_order = eh + 3 * small * eh * (inc - eh) / (inc + 2 * eh)
    for model in (maxwell_garnett, bruggeman):
        assert complex(model(inc, eh, small)) == pytest.approx(first_order, rel=1e-7)
    assert complex(bruggeman(inc, eh, f)).imag >= -1e-12


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_bad_fill_fraction(bad: float) -> None:
    with pytest.raises(QdoptoError, match=r"\[0, 1\]"):
        maxwell_garnett(6.0, 2.0, bad)


# ----------------------------------------------------------------------- colour
@pytest.mark.parametrize(
    ("peak", "xy"), [(630.0, (0.708, 0.292)), (532.0, (0.170, 0.797)), (467.0, (0.131, 0.046))]
)
def test_monochromatic_lines_on_rec2020_primaries(peak: float, xy: tuple[float, float]) -> None:
    lam, s = gaussian_spectrum(peak, 0.2, np.arange(360.0, 830.0001, 0.01))
    c = chromaticity(lam, s)
    assert (c.x, c.y) == pytest.approx(xy, abs=1e-3)
    assert c.dominant_wavelength_nm == pytest.approx(peak, abs=0.5)
    assert c.purity == pytest.approx(1.0, abs=1e-3)


def test_broad_line_is_less_pure() -> None:
    lam, s = gaussian_spectrum(620.0, 40.0)
    c = chromaticity(lam, s)
    assert 0.8 < c.purity < 1.0
    assert 600.0 < c.dominant_wavelength_nm < 625.0


def _tri_area(p: list[tuple[float, float]]) -> float:
    (x1, y1), (x2, y2), (x3, y3) = p
    return abs(x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2)) / 2


def test_gamut_coverage() -> None:
    srgb = [(0.64, 0.33), (0.30, 0.60), (0.15, 0.06)]
    rec2020 = [(0.708, 0.292), (0.170, 0.797), (0.131, 0.046)]
    cov = gamut_coverage(srgb)
    assert cov["sRGB"] == pytest.approx(1.0)
    # sRGB lies inside Rec. 2020: coverage = ratio of the triangle areas
    assert cov["Rec. 2020"] == pytest.approx(_tri_area(srgb) / _tri_area(rec2020), rel=1e-9)
    assert gamut_coverage(rec2020)["Rec. 2020"] == pytest.approx(1.0)
    assert gamut_coverage(list(reversed(rec2020)))["sRGB"] == pytest.approx(1.0)


def test_bad_spectra() -> None:
    with pytest.raises(QdoptoError):
        chromaticity([500.0, 400.0], [1.0, 1.0])
    with pytest.raises(QdoptoError, match="no power"):
        chromaticity([1000.0, 1100.0], [1.0, 1.0])
    with pytest.raises(QdoptoError):
        gamut_coverage([(0.1, 0.2)])


# ----------------------------------------------------------------------- QD films
def test_qd_permittivity_reproduces_the_cross_section() -> None:
    from qdopto.optics.films import qd_permittivity

    lam = np.array([450.0, 550.0, 620.0])
    sigma = np.array([3e-15, 1e-15, 2e-15])
    vol, ns = 3.35e-20, 1.45
    eps = qd_permittivity(sigma, vol, lam, 6.2, ns)
    mu = intrinsic_absorption(np.sqrt(eps), lam, ns)
    np.testing.assert_allclose(mu * vol, sigma, rtol=1e-9)


def test_dilute_film_absorbs_like_the_dots() -> None:
    from qdopto.optics import ensemble_spectrum, qd_film

    lam = np.linspace(500.0, 660.0, 33)
    f = 1e-3
    film = qd_film("CdSe:2.0/CdS:1.5", f, lam)
    dots = ensemble_spectrum("CdSe:2.0/CdS:1.5|ligand", wavelength_nm=lam)
    vol = 4 / 3 * math.pi * (3.5e-7) ** 3
    np.testing.assert_allclose(
        film.alpha_cm / f, dots.absorption_cross_section_cm2 / vol, rtol=0.01
    )
    host = materials.get("ligand").nk(lam).real
    np.testing.assert_allclose(qd_film("CdSe:2.0/CdS:1.5", 0.0, lam).n, host, rtol=1e-9)


def test_dense_film_and_bad_input() -> None:
    from qdopto.optics import qd_film

    lam = np.linspace(500.0, 660.0, 17)
    mg = qd_film("CdSe:2.0/CdS:1.5", 0.64, lam)
    br = qd_film("CdSe:2.0/CdS:1.5", 0.64, lam, model="bruggeman")
    assert np.all(mg.n > materials.get("ligand").nk(lam).real)
    assert np.all(np.abs(br.n - mg.n) < 0.1)  # close for moderately contrasting phases
    with pytest.raises(QdoptoError, match="effective-medium model"):
        qd_film("CdSe:2.0", 0.5, lam, model="lorentz")
    with pytest.raises(QdoptoError, match=r"\[0, 1\]"):
        qd_film("CdSe:2.0", 1.2, lam)
    with pytest.raises(QdoptoError, match="refractive index of ligand is known for"):
        qd_film("CdSe:2.0", 0.5, np.linspace(400.0, 700.0, 5))
