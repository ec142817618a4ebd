"""Dispersion models against published values computed with the published coefficients."""

from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pytest

from qdopto.errors import QdoptoError
from qdopto.materials.dispersion import DispersionModel


def _model(model: str, **coeffs: object) -> DispersionModel:
    return DispersionModel(model, MappingProxyType(coeffs), (200.0, 3000.0), "test", material="T")


def test_sellmeier_fused_silica_malitson() -> None:
    # I. H. Malitson, J. Opt. Soc. Am. 55, 1205 (1965): three-term Sellmeier fitted to the
    # measured indices of fused silica, e.g. n_d = 1.45846 at the
    # helium d line 587.56 nm (Table I, 20 C).
    m = _model(
        "sellmeier",
        A=1.0,
        B=[0.6961663, 0.4079426, 0.8974794],
        C_um2=[0.0684043**2, 0.1162414**2, 9.896161**2],
    )
    assert m.nk(587.56).real == pytest.approx(1.45846, abs=3e-5)
    # HeNe line: fused silica n = 1.4570 at 632.8 nm (Malitson 1965, Table I).
    assert m.nk(632.8).real == pytest.approx(1.4570, abs=1e-4)


def test_cauchy_formula() -> None:
    m = _model("cauchy", A=1.5, B_um2=0.004, C_um4=0.0)
    assert m.nk(500.0).real == pytest.approx(1.5 + 0.004 / 0.25)


def test_table_interpolates_linearly_and_keeps_k() -> None:
    m = DispersionModel(
        "table",
        MappingProxyType({"wavelength_nm": [400.0, 600.0], "n": [2.0, 3.0], "k": [0.2, 0.0]}),
        (400.0, 600.0),
        "test",
        material="T",
    )
    nk = m.nk(np.array([400.0, 500.0, 600.0]))
    np.testing.assert_allclose(nk.real, [2.0, 2.5, 3.0])
    np.testing.assert_allclose(nk.imag, [0.2, 0.1, 0.0])


def test_drude_lorentz_pure_drude_limit() -> None:
    # With no Lorentz terms, eps = 1 - wp^2/(w(w + i G)) (Rakic et al. 1998, Eq. 2); for
    # G -> 0 below the plasma frequency eps is real and negative, so n ~ 0 and k = sqrt(-eps).
    m = _model("drude-lorentz", wp_eV=9.0, f0=1.0, gamma0_eV=1e-9, f=[], omega_eV=[], gamma_eV=[])
    w = 1239.8419843320026 / 1000.0
    eps = 1 - 81.0 / w**2
    nk = m.nk(1000.0)
    assert nk.imag == pytest.approx(np.sqrt(-eps), rel=1e-6)
    assert nk.real == pytest.approx(0.0, abs=1e-6)


def test_constant() -> None:
    assert _model("constant", n=1.5, k=0.01).nk(500.0) == pytest.approx(1.5 + 0.01j)


@pytest.mark.parametrize("lam", [100.0, 5000.0, float("nan")])
def test_out_of_range_is_an_error_naming_the_range(lam: float) -> None:
    with pytest.raises(QdoptoError, match=r"200-3000 nm|finite"):
        _model("constant", n=1.5).nk(lam)
