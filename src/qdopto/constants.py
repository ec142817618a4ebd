"""Physical constants in the units qdopto's physics uses (nm, eV, m_e).

Derived from CODATA 2018 values as shipped by :mod:`scipy.constants`.
"""

from __future__ import annotations

from scipy import constants as _c

#: hbar^2 / (2 m_e) [eV nm^2] (= 0.0380998 eV nm^2).
HBAR2_2M0_EV_NM2: float = _c.hbar**2 / (2 * _c.m_e) / _c.e * 1e18
#: e^2 / (4 pi eps0) [eV nm] (= 1.439965 eV nm).
COULOMB_EV_NM: float = _c.e / (4 * _c.pi * _c.epsilon_0) * 1e9
#: h c / e [eV nm] (= 1239.842 eV nm): photon energy <-> vacuum wavelength.
HC_EV_NM: float = _c.h * _c.c / _c.e * 1e9
#: Rydberg energy [eV] (= 13.6057 eV).
RYDBERG_EV: float = _c.physical_constants["Rydberg constant times hc in eV"][0]
#: Bohr radius [nm].
BOHR_RADIUS_NM: float = _c.physical_constants["Bohr radius"][0] * 1e9
#: Boltzmann constant [eV/K].
KB_EV_K: float = _c.k / _c.e
#: Elementary charge [C] (= 1.602177e-19 C): eV <-> J, current <-> carrier flux.
ELEMENTARY_CHARGE_C: float = _c.e
#: 1 GM (Goeppert-Mayer) = 1e-50 cm^4 s per photon (Xu & Webb, J. Opt. Soc. Am. B 13, 481
#: (1996)): the unit of two-photon absorption cross-sections.
GM_CM4_S: float = 1e-50
