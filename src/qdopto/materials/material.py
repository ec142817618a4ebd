"""Material objects: parameters with units and sources, band gap with temperature, band edges.

A :class:`Material` holds the parameters as read from the data files (already converted to
canonical units). :meth:`Material.at` resolves it at a temperature into a
:class:`ResolvedMaterial` of plain numbers that solvers use; solvers never read data files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qdopto.constants import BOHR_RADIUS_NM, RYDBERG_EV
from qdopto.errors import MissingParameterError, QdoptoError
from qdopto.materials.dispersion import DispersionModel
from qdopto.materials.parameters import PARAMETERS

#: Temperature [K] at which band-edge data (electron affinity) are taken when an entry gives
#: no ``T_K``: the data in the literature are room-temperature values (docs/materials.md).
BAND_EDGE_DEFAULT_T_K = 300.0


@dataclass(frozen=True)
class Reference:
    """A bibliographic source: a key, a citation and a DOI, ISBN or URL."""

    key: str
    citation: str
    doi: str | None = None
    isbn: str | None = None
    url: str | None = None

    def __str__(self) -> str:
        tail = (
            f"doi:{self.doi}"
            if self.doi
            else (f"ISBN {self.isbn}" if self.isbn else (self.url or ""))
        )
        return f"{self.citation}, {tail}" if tail else self.citation

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "citation": self.citation,
            "doi": self.doi,
            "isbn": self.isbn,
            "url": self.url,
        }


@dataclass(frozen=True)
class Parameter:
    """One parameter value with its unit and provenance.

    Attributes
    ----------
    name : str
        Canonical parameter name (see :data:`qdopto.materials.parameters.PARAMETERS`).
    value : float
        Value in the canonical ``unit``.
    unit : str
        Canonical unit.
    source : str
        Full citation (or, for alloys, how the value was interpolated and from what).
    loc, note : str or None
        Location in the source (table, page, equation) and remark.
    T_K : float or None
        Temperature [K] at which the value was measured, if stated.
    given : str
        The value and unit exactly as written in the data file.
    """

    name: str
    value: float
    unit: str
    source: str
    loc: str | None = None
    note: str | None = None
    T_K: float | None = None
    given: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "description": PARAMETERS[self.name].description if self.name in PARAMETERS else "",
            "source": self.source,
            "loc": self.loc,
            "note": self.note,
            "T_K": self.T_K,
            "given": self.given,
        }


@dataclass(frozen=True)
class Material:
    """A bulk material of the database.

    Use :func:`qdopto.materials.get` to obtain one; ``material.at(300)`` resolves it.

    Attributes
    ----------
    name : str
        Canonical name (``"CdSe"``, ``"CdSe-zb"``, ``"toluene"``, ``"Cd0.5Zn0.5Se"``).
    category : str
        ``semiconductor``, ``medium``, ``transport`` or ``electrode``.
    parameters : Mapping[str, Parameter]
        Parameters in canonical units.
    refractive_index : DispersionModel or None
        Dispersion model, if the database has one.
    """

    name: str
    category: str
    description: str = ""
    formula: str | None = None
    crystal_structure: str | None = None
    gap_type: str | None = None
    bandgap_temperature_model: str = "none"
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    parameters: Mapping[str, Parameter] = field(default_factory=dict, hash=False, compare=False)
    refractive_index: DispersionModel | None = field(default=None, hash=False, compare=False)
    file: str = ""

    # ----------------------------------------------------------------- parameters
    def has(self, name: str) -> bool:
        """Whether the material has parameter ``name``."""
        return name in self.parameters

    def parameter(self, name: str, *, needed_by: str | None = None) -> Parameter:
        """Return parameter ``name`` or raise :class:`MissingParameterError` naming it."""
        try:
            return self.parameters[name]
        except KeyError:
            desc = PARAMETERS[name].description if name in PARAMETERS else "unknown parameter"
            why = f", which model '{needed_by}' needs" if needed_by else ""
            have = ", ".join(sorted(self.parameters)) or "none"
            raise MissingParameterError(
                f"material '{self.name}' has no parameter '{name}' ({desc}){why}; it has: {have}"
            ) from None

    def value(self, name: str, *, needed_by: str | None = None) -> float:
        """Return the value of parameter ``name`` in its canonical unit."""
        return self.parameter(name, needed_by=needed_by).value

    # ----------------------------------------------------------------- band gap
    def bandgap(self, temperature_K: ArrayLike) -> NDArray[np.float64]:
        """Fundamental band gap at a temperature.

        Models (``bandgap_temperature_model``):

        - ``varshni``: Eg(T) = Eg(0) - alpha T^2 / (T + beta)
          [Y. P. Varshni, Physica 34, 149 (1967), Eq. (4)];
        - ``bose-einstein``: Eg(T) = Eg(0) - 2 a_B / (exp(theta/T) - 1)
          [P. Lautenschlager, M. Garriga, S. Logothetidis, M. Cardona, Phys. Rev. B 35, 9174
          (1987), Eq. (4) with E_B - a_B = Eg(0)];
        - ``linear``: Eg(T) = Eg(T_ref) + dEg/dT (T - T_ref) (lead salts, perovskites, whose
          gap grows with T).

        Parameters
        ----------
        temperature_K : float or ndarray
            Temperature [K], >= 0.

        Returns
        -------
        ndarray
            Band gap [eV].
        """
        t = _check_temperature(temperature_K)
        model = self.bandgap_temperature_model
        need = f"band gap ({model} temperature model)"
        if model == "varshni":
            eg0 = self.value("Eg_0K", needed_by=need)
            a = self.value("varshni_alpha", needed_by=need)
            b = self.value("varshni_beta", needed_by=need)
            return np.asarray(eg0 - a * t**2 / (t + b), dtype=float)
        if model == "bose-einstein":
            eg0 = self.value("Eg_0K", needed_by=need)
            ab = self.value("bose_einstein_a", needed_by=need)
            theta = self.value("bose_einstein_theta", needed_by=need)
            with np.errstate(divide="ignore", over="ignore"):
                occ = np.where(t > 0, 1.0 / np.expm1(theta / np.maximum(t, 1e-300)), 0.0)
            return np.asarray(eg0 - 2.0 * ab * occ, dtype=float)
        if model == "linear":
            eg_ref = self.value("Eg_ref", needed_by=need)
            t_ref = self.value("T_ref", needed_by=need)
            slope = self.value("dEg_dT", needed_by=need)
            return np.asarray(eg_ref + slope * (t - t_ref), dtype=float)
        raise MissingParameterError(
            f"material '{self.name}' has no band-gap temperature model "
            f"(bandgap_temperature_model = 'none'), so its band gap at a temperature is unknown"
        )

    def has_band_edges(self) -> bool:
        """Whether absolute band edges (vacuum scale) can be computed."""
        return self.has("electron_affinity") or self.has("ionization_energy")

    def valence_band_edge(self) -> float:
        """Absolute valence-band edge on the vacuum scale [eV] (negative number).

        E_v = -IP if an ionization energy is given, otherwise E_v = -(chi + Eg(T_chi)) with the
        electron affinity chi taken at its stated temperature T_chi (300 K when not stated).
        The valence-band edge is taken as temperature independent; Eg(T) moves the conduction
        band edge (a convention, documented in docs/materials.md).
        """
        if self.has("ionization_energy"):
            return -self.value("ionization_energy")
        if self.has("electron_affinity"):
            chi = self.parameter("electron_affinity")
            t = chi.T_K if chi.T_K is not None else BAND_EDGE_DEFAULT_T_K
            return -(chi.value + float(self.bandgap(t)))
        raise MissingParameterError(
            f"material '{self.name}' has neither 'electron_affinity' nor 'ionization_energy', "
            "so its band edges on the vacuum scale are unknown"
        )

    # ----------------------------------------------------------------- optics
    def nk(self, wavelength_nm: ArrayLike) -> NDArray[np.complex128]:
        """Complex refractive index n + i k at vacuum wavelengths [nm]."""
        if self.refractive_index is None:
            raise MissingParameterError(
                f"material '{self.name}' has no refractive-index data in the database"
            )
        return self.refractive_index.nk(wavelength_nm)

    # ----------------------------------------------------------------- resolution
    def at(self, temperature_K: float = 300.0) -> ResolvedMaterial:
        """Resolve the material at a temperature into plain numbers.

        Parameters
        ----------
        temperature_K : float
            Temperature [K].

        Returns
        -------
        ResolvedMaterial
            All stored parameters plus, where they can be computed: ``Eg`` [eV], ``Ev`` and
            ``Ec`` [eV, vacuum scale] and the derived exciton quantities.
        """
        t = float(_check_temperature(temperature_K))
        values: dict[str, float] = {k: p.value for k, p in self.parameters.items()}
        sources: dict[str, str] = {k: p.source for k, p in self.parameters.items()}
        if "mh" not in values and all(f"luttinger_gamma{i}" in values for i in (1, 2, 3)):
            values["mh"] = spherical_heavy_hole_mass(
                values["luttinger_gamma1"], values["luttinger_gamma2"], values["luttinger_gamma3"]
            )
            sources["mh"] = (
                "derived: spherical heavy-hole mass 1/(gamma1 - 2 gamma), gamma = (2 gamma2 + "
                "3 gamma3)/5 [A. Baldereschi, N. O. Lipari, Phys. Rev. B 8, 2697 (1973)] from "
                "the stored Luttinger parameters"
            )
        if (
            "Ep" not in values
            and "me" in values
            and self.category == "semiconductor"
            and self.gap_type == "direct"
            and self.bandgap_temperature_model != "none"
        ):
            gap0 = float(self.bandgap(0.0))
            delta = values.get("delta_so", 0.0)
            values["Ep"] = kane_energy_from_mass(values["me"], gap0, delta)
            sources["Ep"] = (
                "derived from the electron mass by the Kane relation m0/me = 1 + (Ep/3)(2/Eg + "
                "1/(Eg + delta_so)) at 0 K [Vurgaftman, Meyer, Ram-Mohan, J. Appl. Phys. 89, 5815 "
                "(2001), Eq. (2.15) without remote bands]"
                + ("" if "delta_so" in self.parameters else ", delta_so unknown: taken as 0")
                + "; where Ep is also measured it comes out 9-22 % low (CdSe, CdTe, InAs, InP, "
                "GaAs), and further off for wide-gap II-VI with polaron masses (docs/materials.md)"
            )
        if self.bandgap_temperature_model != "none":
            try:
                values["Eg"] = float(self.bandgap(t))
                sources["Eg"] = f"{self.bandgap_temperature_model} model at {t:g} K"
            except MissingParameterError:
                if self.bandgap_temperature_model != "interpolated":
                    raise
        if self.has_band_edges():
            ev = self.valence_band_edge()
            values["Ev"] = ev
            if "Eg" in values:
                values["Ec"] = ev + values["Eg"]
            elif self.has("electron_affinity"):
                values["Ec"] = -self.value("electron_affinity")
                if self.has("ionization_energy"):
                    values["Eg"] = values["Ec"] - ev
                    sources["Eg"] = "ionization energy - electron affinity"
            sources["Ev"] = "band edges on the vacuum scale (docs/materials.md)"
            sources["Ec"] = sources["Ev"]
        return ResolvedMaterial(
            name=self.name,
            temperature_K=t,
            values=MappingProxyType(values),
            sources=MappingProxyType(sources),
        )

    # ----------------------------------------------------------------- output
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description of the material with every parameter and its source."""
        return {
            "name": self.name,
            "description": self.description,
            "category": self.category,
            "formula": self.formula,
            "crystal_structure": self.crystal_structure,
            "gap_type": self.gap_type,
            "bandgap_temperature_model": self.bandgap_temperature_model,
            "aliases": list(self.aliases),
            "notes": self.notes,
            "parameters": {k: p.to_dict() for k, p in sorted(self.parameters.items())},
            "refractive_index": (
                self.refractive_index.to_dict() if self.refractive_index is not None else None
            ),
            "file": self.file,
        }


@dataclass(frozen=True)
class ResolvedMaterial:
    """A material's parameters as plain numbers at one temperature.

    Values are in the canonical units of :data:`~qdopto.materials.parameters.PARAMETERS`;
    ``Eg``, ``Ev`` and ``Ec`` are in eV (band edges on the vacuum scale).
    """

    name: str
    temperature_K: float
    values: Mapping[str, float] = field(hash=False, compare=False)
    sources: Mapping[str, str] = field(hash=False, compare=False)

    def __getitem__(self, key: str) -> float:
        return self.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def get(self, key: str, *, needed_by: str | None = None) -> float:
        """Value of ``key``; raises :class:`MissingParameterError` naming material and model."""
        try:
            return self.values[key]
        except KeyError:
            why = f" (needed by model '{needed_by}')" if needed_by else ""
            raise MissingParameterError(
                f"material '{self.name}' has no parameter '{key}'{why}"
            ) from None

    @property
    def reduced_mass(self) -> float:
        """Electron-hole reduced mass mu = me mh / (me + mh) [m_e], from ``me`` and ``mh``."""
        me, mh = self.get("me", needed_by="reduced mass"), self.get("mh", needed_by="reduced mass")
        return me * mh / (me + mh)

    @property
    def exciton_bohr_radius_nm(self) -> float:
        """Bulk Wannier-Mott exciton Bohr radius a_X = a0 eps_static / mu [nm].

        Hydrogen model with the static permittivity (e.g. Yu & Cardona, Fundamentals of
        Semiconductors, 4th ed., Springer 2010, Eq. (6.124)).
        """
        return BOHR_RADIUS_NM * self.get("eps_static", needed_by="exciton") / self.reduced_mass

    @property
    def exciton_rydberg_eV(self) -> float:
        """Bulk exciton Rydberg R_X = Ry mu / eps_static^2 [eV] (same source as the radius)."""
        return RYDBERG_EV * self.reduced_mass / self.get("eps_static", needed_by="exciton") ** 2

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "temperature_K": self.temperature_K,
            "values": dict(sorted(self.values.items())),
        }
        derived: dict[str, float] = {}
        for key in ("reduced_mass", "exciton_bohr_radius_nm", "exciton_rydberg_eV"):
            try:
                derived[key] = float(getattr(self, key))
            except MissingParameterError:
                continue
        out["derived"] = derived
        return out


def kane_energy_from_mass(me: float, gap_eV: float, delta_so_eV: float = 0.0) -> float:
    """Kane energy E_P [eV] from the band-edge electron mass [m_e] and the gap [eV].

    Inverts m0/me = 1 + (E_P/3) (2/Eg + 1/(Eg + delta_so)) [Vurgaftman et al., J. Appl. Phys.
    89, 5815 (2001), Eq. (2.15) with the remote-band parameter F = 0].
    """
    if me <= 0 or gap_eV <= 0:
        raise MissingParameterError("the Kane relation needs a positive mass and band gap")
    return 3.0 * (1.0 / me - 1.0) / (2.0 / gap_eV + 1.0 / (gap_eV + delta_so_eV))


def spherical_heavy_hole_mass(gamma1: float, gamma2: float, gamma3: float) -> float:
    """Heavy-hole mass of the spherical Luttinger model [m_e].

    m_hh = 1 / (gamma1 - 2 gamma) with gamma = (2 gamma2 + 3 gamma3) / 5 [A. Baldereschi and
    N. O. Lipari, Phys. Rev. B 8, 2697 (1973), Eqs. (9)-(10)].
    """
    gamma = (2.0 * gamma2 + 3.0 * gamma3) / 5.0
    denom = gamma1 - 2.0 * gamma
    if denom <= 0:
        raise MissingParameterError(
            f"Luttinger parameters gamma1 = {gamma1}, gamma = {gamma} give no positive "
            "heavy-hole mass"
        )
    return 1.0 / denom


def _check_temperature(temperature_K: ArrayLike) -> NDArray[np.float64]:
    t = np.asarray(temperature_K, dtype=float)
    if not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(t > 5000):
        bad = t[~np.isfinite(t) | (t < 0) | (t > 5000)].flat[0]
        raise QdoptoError(f"temperature must be a finite number of kelvin in [0, 5000], got {bad}")
    return t
