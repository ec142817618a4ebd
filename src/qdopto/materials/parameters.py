"""Canonical names, units and meanings of the bulk material parameters.

The data files may give a value in any unit that converts to the canonical one (pint); the
loader converts on load so that every number handed to a solver is in the unit listed here.
The table is documented in ``docs/materials.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class ParameterSpec:
    """Meaning of one material parameter.

    Attributes
    ----------
    name : str
        Canonical key used in the data files and in the API.
    unit : str
        Canonical unit (pint string) the value is stored in.
    description : str
        What the parameter is.
    positive : bool
        Whether a physical value must be > 0.
    """

    name: str
    unit: str
    description: str
    positive: bool = False


def _specs(*items: tuple[str, str, str, bool]) -> MappingProxyType[str, ParameterSpec]:
    return MappingProxyType({n: ParameterSpec(n, u, d, p) for n, u, d, p in items})


PARAMETERS: MappingProxyType[str, ParameterSpec] = _specs(
    ("Eg_0K", "eV", "fundamental band gap at 0 K (negative for inverted semimetals)", False),
    ("Eg_direct_0K", "eV", "direct band gap at Gamma at 0 K (indirect semiconductors)", True),
    ("varshni_alpha", "eV/K", "Varshni alpha: Eg(T) = Eg(0) - alpha T^2/(T + beta)", False),
    ("varshni_beta", "K", "Varshni beta", True),
    ("bose_einstein_a", "eV", "Bose-Einstein a_B: Eg(T) = Eg(0) - 2 a_B/(exp(theta/T) - 1)", False),
    ("bose_einstein_theta", "K", "Bose-Einstein phonon temperature theta", True),
    ("Eg_ref", "eV", "band gap at T_ref (linear temperature model)", False),
    ("T_ref", "K", "reference temperature of the linear band-gap model", True),
    ("dEg_dT", "eV/K", "band-gap temperature coefficient (linear model)", False),
    ("electron_affinity", "eV", "vacuum level to conduction-band minimum (LUMO)", False),
    ("ionization_energy", "eV", "vacuum level to valence-band maximum (HOMO)", True),
    ("work_function", "eV", "work function", True),
    ("me", "m_e", "electron effective mass (isotropic / one-band models)", True),
    ("me_l", "m_e", "longitudinal electron effective mass", True),
    ("me_t", "m_e", "transverse electron effective mass", True),
    ("mhh", "m_e", "heavy-hole effective mass", True),
    ("mlh", "m_e", "light-hole effective mass", True),
    ("mso", "m_e", "split-off-hole effective mass", True),
    ("mh", "m_e", "hole effective mass for isotropic (spherical one-band) models", True),
    ("mh_l", "m_e", "longitudinal hole effective mass", True),
    ("mh_t", "m_e", "transverse hole effective mass", True),
    ("luttinger_gamma1", "dimensionless", "Luttinger parameter gamma_1", True),
    ("luttinger_gamma2", "dimensionless", "Luttinger parameter gamma_2", False),
    ("luttinger_gamma3", "dimensionless", "Luttinger parameter gamma_3", False),
    ("Ep", "eV", "Kane energy E_P = 2 P^2 / m0", True),
    ("delta_so", "eV", "spin-orbit splitting", False),
    ("kw_2Pl2_over_m0", "eV", "Kang-Wise 2 P_l^2 / m0 (longitudinal)", True),
    ("kw_2Pt2_over_m0", "eV", "Kang-Wise 2 P_t^2 / m0 (transverse)", True),
    ("kw_m0_over_ml_c", "dimensionless", "Kang-Wise far-band term m0/m_l, conduction", False),
    ("kw_m0_over_mt_c", "dimensionless", "Kang-Wise far-band term m0/m_t, conduction", False),
    ("kw_m0_over_ml_v", "dimensionless", "Kang-Wise far-band term m0/m_l, valence", False),
    ("kw_m0_over_mt_v", "dimensionless", "Kang-Wise far-band term m0/m_t, valence", False),
    ("eps_static", "dimensionless", "static (low-frequency) relative permittivity", True),
    ("eps_inf", "dimensionless", "high-frequency (optical) relative permittivity", True),
    ("lattice_a", "nm", "lattice constant a", True),
    ("lattice_c", "nm", "lattice constant c (hexagonal)", True),
    ("hw_LO", "meV", "LO-phonon energy", True),
    ("density", "g/cm^3", "mass density", True),
    ("deformation_ac", "eV", "conduction-band hydrostatic deformation potential a_c", False),
    ("deformation_av", "eV", "valence-band hydrostatic deformation potential a_v", False),
    ("deformation_b", "eV", "valence-band shear deformation potential b", False),
    ("elastic_C11", "GPa", "elastic constant C11", True),
    ("elastic_C12", "GPa", "elastic constant C12", True),
    ("elastic_C44", "GPa", "elastic constant C44", True),
    ("exchange_splitting_bulk", "eV", "bulk exciton singlet-triplet (exchange) splitting", True),
    ("exchange_bohr_radius", "nm", "exciton Bohr radius paired with the exchange splitting", True),
    ("crystal_field_splitting", "eV", "valence-band crystal-field splitting (wurtzite)", False),
    ("qd_linewidth_sigma_ac", "eV/K", "QD exciton-acoustic-phonon linewidth coefficient", True),
    ("qd_linewidth_gamma_lo", "eV", "QD exciton-LO-phonon linewidth coupling (FWHM)", True),
    ("electron_mobility", "cm^2/(V*s)", "electron mobility", True),
    ("hole_mobility", "cm^2/(V*s)", "hole mobility", True),
)

#: Names that may carry a bowing parameter in an alloy besides the parameters above:
#: ``Eg`` bows the band gap at every temperature, ``Ev`` the absolute valence-band edge.
BOWING_ONLY = MappingProxyType(
    {
        "Eg": ParameterSpec("Eg", "eV", "band-gap bowing (applies at every temperature)"),
        "Ev": ParameterSpec("Ev", "eV", "valence-band-edge bowing"),
    }
)

#: Parameters of the band-gap temperature models (not interpolated as such in alloys).
TEMPERATURE_MODEL_PARAMETERS = {
    "varshni": ("Eg_0K", "varshni_alpha", "varshni_beta"),
    "bose-einstein": ("Eg_0K", "bose_einstein_a", "bose_einstein_theta"),
    "linear": ("Eg_ref", "T_ref", "dEg_dT"),
    "none": (),
}
