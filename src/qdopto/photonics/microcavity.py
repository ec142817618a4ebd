"""Planar DBR microcavities and VCSELs with QD gain layers.

Conventions (the same as :mod:`qdopto.photonics.thinfilm`): time dependence exp(-i omega t),
complex index n + ik with k > 0 absorbing, so a layer with material (intensity) gain g has
k = -g lambda / (4 pi) [M. Born, E. Wolf, *Principles of Optics*, 7th ed. (1999), Sec. 1.6.2
and Sec. 14.1]. Stacks are written substrate first, cover last; light is incident from the
cover; z runs upwards from the substrate's top surface (z = 0).

Characteristic matrix of layer j (index n_j, thickness t_j, k0 = 2 pi / lambda) [Born & Wolf,
Sec. 1.6.2, Eq. (33); H. A. Macleod, *Thin-Film Optical Filters*, 4th ed. (2010), Ch. 2, there
in the complex-conjugate exp(+i omega t) convention]::

    [E_top]   [cos d_j            -i sin d_j / n_j] [E_bottom]
    [H_top] = [-i n_j sin d_j      cos d_j        ] [H_bottom],     d_j = k0 n_j t_j,

H in units of the vacuum admittance, so that a downward wave has H = n E. With
[B, C] = prod_j M_j [1, n_s] the amplitude reflection is r = (n_0 B - C)/(n_0 B + C)
(Macleod 2010, Ch. 2; as in :mod:`qdopto.photonics.thinfilm`); a *mode* of the open stack
is a zero of D = n_0 B + C (no incident wave, outgoing waves in substrate and cover). This
module uses D twice:

* passive modes: the complex-frequency pole D(omega) = 0, Q = Re(omega) / (2 |Im(omega)|)
  [J. D. Jackson, *Classical Electrodynamics*, 3rd ed. (1999), Sec. 8.8: fields decaying as
  exp(-omega0 t/(2Q)), a Lorentzian line of FWHM omega0/Q];
* lasing threshold: D(lambda, g) = 0 for real lambda and real gain g in the active layer(s):
  the cavity emits without being driven [Coldren & Corzine, *Diode Lasers and Photonic
  Integrated Circuits*, 2nd ed. (2012), Sec. 2.2 (threshold as the round-trip condition
  r1 r2 exp(2 i beta~ L) = 1) and Appendix 7 (transmission-matrix formulation)].

Cavity bookkeeping (mirror reflectances R1, R2 seen from inside the cavity, phase penetration
depths, the longitudinal confinement factor Gamma_z) follows Coldren & Corzine Ch. 3 (DBR
effective length) and Appendix 5 (confinement factors), S. W. Corzine et al., IEEE J. Quantum
Electron. 25, 1513 (1989) (gain enhancement factor Gamma_r of a standing wave), and
D. I. Babic, S. W. Corzine, IEEE J. Quantum Electron. 28, 514 (1992) (phase penetration depth
of quarter-wave mirrors).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.interpolate import CubicSpline
from scipy.optimize import brentq, minimize_scalar, root

from qdopto.errors import QdoptoError
from qdopto.photonics.cavities import mirror_loss_cm
from qdopto.photonics.stack import Stack, StackLayer, parse_stack

Array = NDArray[np.float64]
Complex = NDArray[np.complex128]

#: Speed of light [nm/ps] (CODATA exact value 299 792 458 m/s).
C_NM_PER_PS = 299_792.458
_NM_PER_CM = 1e7
#: Relative tolerance for "same thickness" when the periodic mirrors are identified.
_SAME_THICKNESS = 1e-9


# ------------------------------------------------------------------ transfer-matrix core
def _bc(n: Complex, t: Array, k0: Complex) -> tuple[Complex, Complex]:
    """[B, C] = prod M_j [1, n_s] for indices ``n`` (W, L) and vacuum wavenumbers k0 (W,)."""
    b = np.ones(n.shape[0], dtype=complex)
    c = n[:, 0].astype(complex)
    for j in range(1, n.shape[1] - 1):
        d = k0 * n[:, j] * t[j - 1]
        cos, sin = np.cos(d), np.sin(d)
        b, c = cos * b - 1j * sin / n[:, j] * c, -1j * n[:, j] * sin * b + cos * c
    return b, c


def _denominator(n: Complex, t: Array, k0: Complex) -> Complex:
    """D = n_0 B + C (Macleod 2010, Ch. 2); its zeros are the modes of the open stack."""
    b, c = _bc(n, t, k0)
    return np.asarray(n[:, -1] * b + c)


def _reflection(n: Complex, t: Array, k0: Complex) -> Complex:
    """Amplitude reflection r = (n_0 B - C)/(n_0 B + C), incident from the last column."""
    b, c = _bc(n, t, k0)
    return np.asarray((n[:, -1] * b - c) / (n[:, -1] * b + c))


def _boundary_fields(n: Complex, t: Array, k0: complex) -> tuple[Complex, Complex]:
    """Tangential E and H at the L - 1 interfaces (substrate side first) for a transmitted
    amplitude of 1 in the substrate; ``n`` has shape (L,)."""
    e = np.empty(n.size - 1, dtype=complex)
    h = np.empty(n.size - 1, dtype=complex)
    e[0], h[0] = 1.0, n[0]
    for j in range(1, n.size - 1):
        d = k0 * n[j] * t[j - 1]
        cos, sin = np.cos(d), np.sin(d)
        e[j] = cos * e[j - 1] - 1j * sin / n[j] * h[j - 1]
        h[j] = -1j * n[j] * sin * e[j - 1] + cos * h[j - 1]
    return e, h


def _expm1_over(x: Array) -> Array:
    """(exp(x) - 1)/x, equal to 1 at x = 0."""
    small = np.abs(x) < 1e-12
    safe = np.where(small, 1.0, x)
    return np.asarray(np.where(small, 1.0 + 0.5 * x, np.expm1(safe) / safe))


def _layer_integrals(n: Complex, t: Array, k0: float, e: Complex, h: Complex) -> Array:
    """Exact int |E|^2 dz [nm] over every inner layer.

    In layer j, E(s) = a exp(i k s) + b exp(-i k s) with a = (E_b - H_b/n)/2,
    b = (E_b + H_b/n)/2 (s from the layer's bottom, k = k0 n = k' + i k''), so
    int_0^t |E|^2 = |a|^2 t f(-2k''t) + |b|^2 t f(2k''t) + 2 Re[a b* (exp(2ik't) - 1)/(2ik')],
    f(x) = (e^x - 1)/x.
    """
    nj = n[1:-1]
    a = 0.5 * (e[:-1] - h[:-1] / nj)
    b = 0.5 * (e[:-1] + h[:-1] / nj)
    kr, ki = k0 * nj.real, k0 * nj.imag
    cross = (np.exp(2j * kr * t) - 1.0) / (2j * kr)
    out = (
        np.abs(a) ** 2 * t * _expm1_over(-2 * ki * t)
        + np.abs(b) ** 2 * t * _expm1_over(2 * ki * t)
        + 2 * np.real(a * np.conj(b) * cross)
    )
    return np.asarray(out, dtype=float)


# ------------------------------------------------------------------ layer indices
def _layer_index(layer: StackLayer, wavelength_nm: float) -> complex:
    """Index of one layer at one wavelength. QD films are computed on a grid (their spectra
    need at least three increasing wavelengths), here three points 1e-7 apart."""
    lam = float(wavelength_nm)
    if layer.qd is not None:
        return complex(layer.index(lam * np.array([1 - 1e-7, 1.0, 1 + 1e-7]))[1])
    return complex(layer.index(np.array([lam]))[0])


def _single_indices(stack: Stack, wavelength_nm: float) -> Complex:
    """Indices (L,) of every layer at one wavelength."""
    return np.array([_layer_index(layer, wavelength_nm) for layer in stack.layers])


class _IndexModel:
    """Indices of every layer over a wavelength window.

    Ordinary materials are evaluated directly (once per distinct material); QD films, whose
    index needs a full ensemble-spectrum calculation (~0.3 s each), are tabulated once on a
    grid of <= 0.05 nm spacing and interpolated with a complex cubic spline.
    """

    def __init__(self, stack: Stack, lo: float, hi: float) -> None:
        self.stack = stack
        self._materials: dict[str, StackLayer] = {}
        self._qd: dict[str, CubicSpline] = {}
        self._tab_lo, self._tab_hi = -math.inf, math.inf
        pad = 0.02 * (hi - lo) + 0.5
        for layer in stack.layers:
            if layer.qd is None:
                self._materials.setdefault(layer.material, layer)
                continue
            if layer.label in self._qd:
                continue
            n_tab = int(min(20001, max(201, math.ceil((hi - lo + 2 * pad) / 0.05))))
            try:
                grid = np.linspace(lo - pad, hi + pad, n_tab)
                vals = layer.index(grid)
            except QdoptoError:  # the host's index data end inside the padding
                grid = np.linspace(lo, hi, n_tab)
                vals = layer.index(grid)
            self._qd[layer.label] = CubicSpline(grid, vals)
            self._tab_lo = max(self._tab_lo, float(grid[0]))
            self._tab_hi = min(self._tab_hi, float(grid[-1]))

    def in_range(self, wavelength_nm: float) -> bool:
        return self._tab_lo <= wavelength_nm <= self._tab_hi

    @property
    def table_lo(self) -> float:
        """Shortest wavelength the QD tables cover [nm] (-inf without QD layers)."""
        return self._tab_lo

    @property
    def table_hi(self) -> float:
        """Longest wavelength the QD tables cover [nm] (inf without QD layers)."""
        return self._tab_hi

    def __call__(self, wavelength_nm: ArrayLike) -> Complex:
        """Indices, shape (W, L)."""
        lam = np.atleast_1d(np.asarray(wavelength_nm, dtype=float))
        if not np.all(np.isfinite(lam)):
            raise QdoptoError("wavelengths must be finite")
        cache: dict[str, Complex] = {}
        for name, layer in self._materials.items():
            cache[name] = np.asarray(layer.index(lam), dtype=complex)
        for label, spline in self._qd.items():
            clipped = np.clip(lam, self._tab_lo, self._tab_hi)
            cache[label] = np.asarray(spline(clipped), dtype=complex)
        cols = [
            cache[layer.material if layer.qd is None else layer.label]
            for layer in self.stack.layers
        ]
        return np.stack(cols, axis=-1)

    def derivative(self, wavelength_nm: float) -> Complex:
        """dn/dlambda of every layer [1/nm] (central difference, step 1e-4 lambda)."""
        h = 1e-4 * wavelength_nm
        n = self(np.array([wavelength_nm - h, wavelength_nm + h]))
        return np.asarray((n[1] - n[0]) / (2 * h))


# ------------------------------------------------------------------ input helpers
def _as_stack(stack: Stack | str) -> Stack:
    if isinstance(stack, Stack):
        return stack
    if isinstance(stack, str):
        return parse_stack(stack)
    raise QdoptoError(f"expected a stack string or Stack, got {type(stack).__name__}")


def _finite_positive(value: Any, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise QdoptoError(f"{what} must be a number, got {value!r}") from None
    if not (math.isfinite(x) and x > 0):
        raise QdoptoError(f"{what} must be finite and > 0, got {value!r}")
    return x


def _window(wavelength_range_nm: Any) -> tuple[float, float]:
    try:
        lo_raw, hi_raw = wavelength_range_nm
    except (TypeError, ValueError):
        raise QdoptoError(
            f"wavelength range must be a pair (min, max) in nm, got {wavelength_range_nm!r}"
        ) from None
    lo = _finite_positive(lo_raw, "lower end of the wavelength range [nm]")
    hi = _finite_positive(hi_raw, "upper end of the wavelength range [nm]")
    if not lo < hi:
        raise QdoptoError(f"wavelength range must increase, got ({lo:g}, {hi:g}) nm")
    return lo, hi


def _positive_int(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise QdoptoError(f"{what} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _active_layers(stack: Stack, active: Sequence[int] | None) -> tuple[int, ...]:
    last = len(stack.layers) - 2
    if active is None:
        return tuple(i for i, layer in enumerate(stack.layers[1:-1], 1) if layer.qd is not None)
    if isinstance(active, (int, np.integer)):
        active = (int(active),)
    out = []
    for i in active:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 1 <= i <= last:
            raise QdoptoError(
                f"active layers are inner-layer indices 1-{last} (0 is the substrate), got {i!r}"
            )
        out.append(int(i))
    if len(set(out)) != len(out):
        raise QdoptoError(f"active layer indices repeat: {list(active)}")
    return tuple(sorted(out))


def _same_layer(a: StackLayer, b: StackLayer) -> bool:
    return a.label == b.label and math.isclose(
        a.thickness_nm, b.thickness_nm, rel_tol=_SAME_THICKNESS
    )


def _periodic_run(layers: Sequence[StackLayer], indices: Sequence[int], stop: set[int]) -> int:
    """Length of the period-2 run of (material, thickness) starting at indices[0]."""
    if len(indices) < 2 or indices[0] in stop or indices[1] in stop:
        return 0
    if _same_layer(layers[indices[0]], layers[indices[1]]):
        return 0
    run = 2
    while run < len(indices):
        j = indices[run]
        if j in stop or not _same_layer(layers[j], layers[indices[run - 2]]):
            break
        run += 1
    return run


def _find_cavity(
    stack: Stack, cavity: tuple[int, int] | None, active: tuple[int, ...]
) -> tuple[int, int]:
    """First and last inner-layer index of the cavity (spacer) region.

    Default: what lies between the two mirrors, each mirror being the longest run of
    alternating layers with a period of two (same material and thickness as two layers
    before) counted from the substrate upwards and from the cover downwards; active layers
    never belong to a mirror. A stack without such runs (a single slab) is all cavity.
    """
    last = len(stack.layers) - 2
    if cavity is not None:
        try:
            i0, i1 = (int(cavity[0]), int(cavity[1]))
        except (TypeError, ValueError, IndexError):
            raise QdoptoError(f"cavity must be a pair of layer indices, got {cavity!r}") from None
        if not 1 <= i0 <= i1 <= last:
            raise QdoptoError(
                f"cavity must be (first, last) inner-layer indices with 1 <= first <= last <= "
                f"{last}, got {cavity!r}"
            )
        return i0, i1
    stop = set(active)
    inner = list(range(1, last + 1))
    bottom = _periodic_run(stack.layers, inner, stop)
    top = _periodic_run(stack.layers, inner[::-1], stop)
    i0, i1 = 1 + bottom, last - top
    if i0 > i1:
        raise QdoptoError(
            "could not find a cavity (spacer) between two periodic mirrors in "
            f"'{stack.spec}'; pass cavity=(first, last) inner-layer indices"
        )
    return i0, i1


# ------------------------------------------------------------------ field profile
@dataclass(frozen=True)
class FieldProfile:
    """Standing-wave field in a stack lit from the cover with unit incident amplitude.

    Attributes
    ----------
    wavelength_nm : float
        Vacuum wavelength [nm].
    z_nm : ndarray
        Height above the substrate surface [nm] (negative: in the substrate; above the last
        interface: in the cover).
    e, h : ndarray of complex
        Tangential electric field and magnetic field (in units of the vacuum admittance, a
        downward wave has H = n E), both relative to the incident amplitude.
    layer : ndarray of int
        Layer index (0 = substrate) of every sample.
    interfaces_nm : ndarray
        Heights of the L - 1 interfaces [nm].
    reflectance, transmittance : float
        R = |r|^2 and T = Re(n_s) |t|^2 / Re(n_0).
    cover_index : complex
        Index of the cover (incidence medium).
    """

    wavelength_nm: float
    z_nm: Array
    e: Complex
    h: Complex
    layer: NDArray[np.int64]
    interfaces_nm: Array
    reflectance: float
    transmittance: float
    cover_index: complex

    @property
    def intensity(self) -> Array:
        """|E|^2 relative to the incident wave."""
        return np.asarray(np.abs(self.e) ** 2)

    @property
    def flux(self) -> Array:
        """Downward Poynting flux Re(E H*), in units of the incident flux."""
        return np.asarray(np.real(self.e * np.conj(self.h)) / self.cover_index.real)

    def to_dict(self) -> dict[str, Any]:
        return {
            "wavelength_nm": self.wavelength_nm,
            "z_nm": self.z_nm.tolist(),
            "intensity": self.intensity.tolist(),
            "interfaces_nm": self.interfaces_nm.tolist(),
            "reflectance": self.reflectance,
            "transmittance": self.transmittance,
        }


def field_profile(
    stack: Stack | str,
    wavelength_nm: float,
    *,
    points_per_layer: int = 64,
    outside_nm: float = 0.0,
) -> FieldProfile:
    """Field profile E(z), H(z) of a stack lit at normal incidence from the cover.

    Transfer (characteristic) matrices from the substrate upwards with a transmitted
    amplitude of 1, then rescaled to a unit incident amplitude E_inc = (n_0 B + C)/(2 n_0)
    (Macleod 2010, Ch. 2; Born & Wolf Sec. 1.6.2). Inside layer j, at height s above its
    bottom, [E, H](s) = M_j(s) [E, H](0) with d_j -> k0 n_j s.

    Parameters
    ----------
    stack : Stack or str
        The stack (substrate first).
    wavelength_nm : float
        Vacuum wavelength [nm].
    points_per_layer : int
        Samples per inner layer (both interfaces included) [-].
    outside_nm : float
        Also sample this far into the substrate and the cover [nm].
    """
    st = _as_stack(stack)
    lam = _finite_positive(wavelength_nm, "wavelength [nm]")
    pts = _positive_int(points_per_layer, "points_per_layer", 2)
    if not (math.isfinite(outside_nm) and outside_nm >= 0):
        raise QdoptoError(f"outside_nm must be finite and >= 0, got {outside_nm!r}")
    n = _single_indices(st, lam)
    t = st.thicknesses()
    k0 = 2 * math.pi / lam
    e_b, h_b = _boundary_fields(n, t, k0)
    n0 = n[-1]
    e_inc = (n0 * e_b[-1] + h_b[-1]) / (2 * n0)
    r = (n0 * e_b[-1] - h_b[-1]) / (n0 * e_b[-1] + h_b[-1])
    edges = np.concatenate([[0.0], np.cumsum(t)])
    zs: list[Array] = []
    es: list[Complex] = []
    hs: list[Complex] = []
    ls: list[NDArray[np.int64]] = []
    if outside_nm > 0:
        s = np.linspace(-outside_nm, 0.0, pts)
        es.append(np.exp(-1j * k0 * n[0] * s))
        hs.append(n[0] * np.exp(-1j * k0 * n[0] * s))
        zs.append(s)
        ls.append(np.zeros(pts, dtype=np.int64))
    for j in range(1, n.size - 1):
        s = np.linspace(0.0, t[j - 1], pts)
        d = k0 * n[j] * s
        es.append(np.cos(d) * e_b[j - 1] - 1j * np.sin(d) / n[j] * h_b[j - 1])
        hs.append(-1j * n[j] * np.sin(d) * e_b[j - 1] + np.cos(d) * h_b[j - 1])
        zs.append(edges[j - 1] + s)
        ls.append(np.full(pts, j, dtype=np.int64))
    if outside_nm > 0:
        s = np.linspace(0.0, outside_nm, pts)
        d = k0 * n0 * s
        es.append(np.cos(d) * e_b[-1] - 1j * np.sin(d) / n0 * h_b[-1])
        hs.append(-1j * n0 * np.sin(d) * e_b[-1] + np.cos(d) * h_b[-1])
        zs.append(edges[-1] + s)
        ls.append(np.full(pts, n.size - 1, dtype=np.int64))
    trans = float(np.real(n[0]) / np.real(n0) / abs(e_inc) ** 2)
    return FieldProfile(
        wavelength_nm=lam,
        z_nm=np.concatenate(zs),
        e=np.concatenate(es) / e_inc,
        h=np.concatenate(hs) / e_inc,
        layer=np.concatenate(ls),
        interfaces_nm=edges,
        reflectance=float(abs(r) ** 2),
        transmittance=trans,
        cover_index=complex(n0),
    )


# ------------------------------------------------------------------ design
def _real_index(name: str, wavelength_nm: float) -> tuple[str, float]:
    layer = parse_stack(f"air:inf/{name}:1/air:inf").layers[1]
    return layer.label, _layer_index(layer, wavelength_nm).real


def _mirror_sign(n_outer: float, first: float, second: float, pairs: int, n_in: float) -> float:
    """Real amplitude reflection at the design wavelength of `pairs` quarter-wave pairs
    (index ``first`` next to the incidence medium n_in) on the outer medium: at lambda0 every
    quarter-wave layer maps the admittance Y -> n_j^2 / Y (Macleod 2010, Ch. 5; the same
    recursion gives the peak reflectance of Eq. (5.13) used in thinfilm), a pair
    Y -> (first/second)^2 Y."""
    y = n_outer * (first / second) ** (2 * pairs)
    return (n_in - y) / (n_in + y)


def dbr_cavity_spec(
    substrate: str,
    high: str,
    low: str,
    pairs_bottom: int,
    pairs_top: int,
    spacer: str,
    design_wavelength_nm: float,
    cavity_order: int = 1,
    cover: str = "air",
    active: str | None = None,
) -> str:
    """Stack string of a planar DBR microcavity designed for ``design_wavelength_nm``.

    Mirrors: ``pairs_bottom`` / ``pairs_top`` quarter-wave pairs, t = lambda0/(4 Re n(lambda0))
    [Macleod 2010, Ch. 5]. Next to the spacer both mirrors start with the mirror material
    whose index differs more from the spacer's (the high-index one for a low-index spacer),
    the usual layout. At lambda0 each mirror's reflection r is real (quarter-wave admittance
    recursion Y -> n^2/Y, Macleod 2010, Ch. 5): r < 0 puts a node of E at the mirror, r > 0
    an antinode.

    Spacer: optical thickness ``cavity_order`` x lambda0/2 when both mirrors reflect with the
    same sign, (cavity_order - 1/2) x lambda0/2 otherwise (e.g. no top mirror), so that the
    round-trip phase 2 k0 n t + phi1 + phi2 is a multiple of 2 pi at lambda0 (the
    all-dielectric Fabry-Perot filter, Macleod 2010, Ch. 7; Coldren & Corzine 2012, Sec. 2.2).

    Active layer (e.g. ``"QD(CdSe:2.0/CdS:1.5,fill=0.5):30"``): centred on the antinode of E
    nearest the spacer's centre (the lower one of two equally near). The two spacer parts psi
    (phase k0 n_sp t) around it solve the standing-wave conditions with phi_a = k0 n_a d_a / 2
    and H = 0 at the active layer's centre: E = 0 at a mirror with r < 0, i.e.
    cos phi_a cos psi - (n_a/n_sp) sin phi_a sin psi = 0, or H = 0 at a mirror with r > 0,
    i.e. tan psi = -(n_a/n_sp) tan phi_a (E and H carried through the characteristic matrices,
    Born & Wolf Sec. 1.6.2, Eq. (33)). This is exact for mirrors of unit reflectance; with
    R < 1 the reflections at the active layer's faces move the resonance by ~ (1 - R) x the
    index step (5e-7 relative for 20 nm of SiNx in a SiO2 spacer between 8-pair mirrors).

    Parameters
    ----------
    substrate, high, low, spacer, cover : str
        Material names of the database.
    pairs_bottom, pairs_top : int
        Quarter-wave pairs of the bottom and top mirror (>= 0).
    design_wavelength_nm : float
        Design (resonance) wavelength [nm].
    cavity_order : int
        Number of half waves in the spacer (>= 1).
    active : str or None
        Active layer ``MATERIAL:THICKNESS`` (a QD film or any material).

    Returns
    -------
    str
        A stack string, substrate first, accepted by :func:`parse_stack`.
    """
    lam = _finite_positive(design_wavelength_nm, "design wavelength [nm]")
    nb = _positive_int(pairs_bottom, "pairs_bottom", 0)
    nt = _positive_int(pairs_top, "pairs_top", 0)
    order = _positive_int(cavity_order, "cavity_order", 1)
    for what, name in (
        ("substrate", substrate),
        ("high", high),
        ("low", low),
        ("spacer", spacer),
        ("cover", cover),
    ):
        if not isinstance(name, str) or not name.strip():
            raise QdoptoError(f"{what} must be a material name, got {name!r}")
    if 2 * (nb + nt) + 5 > 200:
        raise QdoptoError(f"too many layers: {nb} + {nt} pairs exceed the 200-layer limit")
    sub_name, n_sub = _real_index(substrate, lam)
    hi_name, n_hi = _real_index(high, lam)
    lo_name, n_lo = _real_index(low, lam)
    sp_name, n_sp = _real_index(spacer, lam)
    cov_name, n_cov = _real_index(cover, lam)
    if not n_hi > n_lo:
        raise QdoptoError(
            f"'{high}' (n = {n_hi:.4f}) must have a higher index than '{low}' (n = {n_lo:.4f}) "
            f"at {lam:g} nm"
        )
    t_hi, t_lo = lam / (4 * n_hi), lam / (4 * n_lo)

    # next to the spacer: the mirror material whose index differs more from the spacer's
    if abs(n_hi - n_sp) >= abs(n_lo - n_sp):
        first, second = (hi_name, t_hi, n_hi), (lo_name, t_lo, n_lo)
    else:
        first, second = (lo_name, t_lo, n_lo), (hi_name, t_hi, n_hi)

    def mirror(pairs: int, n_outer: float) -> tuple[list[tuple[str, float]], float]:
        """Layers from the spacer outwards and r at lambda0 seen from the spacer."""
        r = _mirror_sign(n_outer, first[2], second[2], pairs, n_sp)
        return [(first[0], first[1]), (second[0], second[1])] * pairs, r

    bottom, r_b = mirror(nb, n_sub)
    top, r_t = mirror(nt, n_cov)
    if r_b == 0 or r_t == 0:
        raise QdoptoError("a mirror is index-matched to the spacer at the design wavelength")
    same_sign = (r_b < 0) == (r_t < 0)
    if active is None:
        phase = order * math.pi if same_sign else (order - 0.5) * math.pi
        spacer_layers = [(sp_name, phase * lam / (2 * math.pi * n_sp))]
    else:
        act = parse_stack(f"air:inf/{active}/air:inf").layers[1]
        n_a = _layer_index(act, lam).real
        phi_a = math.pi * n_a * act.thickness_nm / lam
        if phi_a >= math.pi / 2:
            raise QdoptoError(
                f"active layer '{active}' is optically thicker than half a wavelength "
                f"(n d = {n_a * act.thickness_nm:.1f} nm >= {lam / 2:.1f} nm); build the spacer "
                "yourself"
            )

        def psi0(r: float) -> float:
            if r < 0:  # E node at the mirror
                return math.atan2(n_sp * math.cos(phi_a), n_a * math.sin(phi_a))
            return math.pi - math.atan(n_a / n_sp * math.tan(phi_a))  # H node

        j_total = order - 1 if (r_b < 0 and r_t < 0) else order - 2
        if j_total < 0:
            raise QdoptoError(
                f"with cavity_order={order} the spacer '{spacer}' has no antinode of E away "
                "from the mirrors for the active layer; use cavity_order >= 2 or a spacer of "
                "lower index than the mirror layer next to it"
            )
        j_b = j_total // 2
        j_t = j_total - j_b
        psi_b, psi_t = psi0(r_b) + j_b * math.pi, psi0(r_t) + j_t * math.pi
        spacer_layers = [
            (sp_name, psi_b * lam / (2 * math.pi * n_sp)),
            (act.label, act.thickness_nm),
            (sp_name, psi_t * lam / (2 * math.pi * n_sp)),
        ]
    layers = bottom[::-1] + spacer_layers + top
    body = "/".join(f"{name}:{t:.12g}" for name, t in layers)
    return parse_stack(f"{sub_name}:inf/{body}/{cov_name}:inf").spec


# ------------------------------------------------------------------ approximations
def dbr_penetration_depth_nm(
    n_high: float, n_low: float, wavelength_nm: float, pairs: int | None = None
) -> float:
    """Phase penetration depth of a quarter-wave DBR seen from a low-index medium [nm].

    L_pen = tanh(kappa L_g) / (2 kappa), kappa = 2 (n_H - n_L)/lambda, L_g = N (t_H + t_L):
    the effective length of a grating reflector (Coldren & Corzine 2012, Ch. 3, DBR effective
    length, with kappa = 2 dn/lambda of a quarter-wave stack); N -> infinity gives
    lambda / (4 (n_H - n_L)), the exact limit of the phase delay of a semi-infinite
    quarter-wave mirror whose first layer is the high-index one (Babic & Corzine 1992).

    Parameters
    ----------
    n_high, n_low : float
        Indices of the mirror layers [-].
    wavelength_nm : float
        Bragg wavelength [nm].
    pairs : int or None
        Number of pairs N (None: semi-infinite mirror).
    """
    lam = _finite_positive(wavelength_nm, "wavelength [nm]")
    nh = _finite_positive(n_high, "n_high")
    nl = _finite_positive(n_low, "n_low")
    if not nh > nl:
        raise QdoptoError(f"need n_high > n_low, got {nh:g} and {nl:g}")
    kappa = 2 * (nh - nl) / lam
    if pairs is None:
        return 1 / (2 * kappa)
    n_pairs = _positive_int(pairs, "pairs", 1)
    l_g = n_pairs * (lam / (4 * nh) + lam / (4 * nl))
    return float(math.tanh(kappa * l_g) / (2 * kappa))


def vcsel_threshold_gain_approx(
    r_bottom: float,
    r_top: float,
    gamma_z: float,
    l_eff_nm: float,
    internal_loss_cm: float = 0.0,
) -> float:
    """Approximate threshold material gain of a VCSEL [cm^-1].

    Gamma_z g_th = alpha_i + (1/L_eff) ln(1/sqrt(R1 R2)) (Coldren & Corzine 2012, Eqs. (2.7),
    (2.8) with the VCSEL's effective length L_eff = L + L_pen,1 + L_pen,2 and longitudinal
    confinement factor Gamma_z = Gamma_r d_a / L_eff, Ch. 2-3 and Appendix 5).

    Parameters
    ----------
    r_bottom, r_top : float
        Power reflectances of the two mirrors seen from the cavity, in (0, 1].
    gamma_z : float
        Longitudinal confinement factor of the active layer(s) [-].
    l_eff_nm : float
        Effective cavity length [nm].
    internal_loss_cm : float
        Modal internal loss alpha_i [cm^-1].
    """
    gz = _finite_positive(gamma_z, "gamma_z")
    l_eff = _finite_positive(l_eff_nm, "effective length [nm]")
    if not math.isfinite(internal_loss_cm):
        raise QdoptoError(f"internal loss must be finite, got {internal_loss_cm!r}")
    alpha_m = mirror_loss_cm(l_eff * 1e-3, float(r_bottom), float(r_top))
    return float((internal_loss_cm + alpha_m) / gz)


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class CavityMode:
    """A resonance of a planar microcavity.

    Attributes
    ----------
    wavelength_nm : float
        Resonance: the maximum of the transmission T(lambda) [nm].
    pole_wavelength_nm : float
        2 pi c / Re(omega) of the complex-frequency pole [nm] (differs from the transmission
        peak by ~ lambda / (10 Q^2) through the dispersion of the mirrors' phase).
    q : float
        Quality factor Re(omega)/(2 |Im(omega)|) of the complex-frequency pole [-].
    linewidth_nm : float
        lambda / Q [nm].
    photon_lifetime_ps : float
        Q / omega [ps].
    peak_transmission : float
        T at the resonance [-].
    r_bottom, r_top : float
        Power reflectances of the bottom and top mirror seen from the cavity medium [-].
    l_pen_bottom_nm, l_pen_top_nm : float
        Phase penetration depths of the mirrors, -(lambda^2/(4 pi n_c)) d(arg r)/d(lambda) [nm].
    cavity_length_nm, l_eff_nm : float
        Physical length of the cavity region and L_eff = L + L_pen,1 + L_pen,2 [nm].
    gamma_z : float or None
        Longitudinal confinement factor of the active layer(s) [-] (None: no active layer).
    gamma_r : float or None
        Standing-wave enhancement factor Gamma_z L_eff / d_a [-] (2 n_a/n_c for a thin layer at
        an antinode, 1 for a uniformly filled cavity).
    internal_loss_cm : float
        alpha_i: absorption of the passive layers of the cavity region weighted by their
        confinement [cm^-1] (absorption in the mirrors is already part of R1, R2).
    mirror_loss_cm : float
        (1/L_eff) ln(1/sqrt(R1 R2)) [cm^-1].
    threshold_gain_approx_cm : float or None
        (alpha_i + alpha_m)/Gamma_z [cm^-1].
    """

    wavelength_nm: float
    pole_wavelength_nm: float
    q: float
    linewidth_nm: float
    photon_lifetime_ps: float
    peak_transmission: float
    r_bottom: float
    r_top: float
    l_pen_bottom_nm: float
    l_pen_top_nm: float
    cavity_length_nm: float
    l_eff_nm: float
    gamma_z: float | None
    gamma_r: float | None
    internal_loss_cm: float
    mirror_loss_cm: float
    threshold_gain_approx_cm: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "wavelength_nm": self.wavelength_nm,
            "pole_wavelength_nm": self.pole_wavelength_nm,
            "q": self.q,
            "linewidth_nm": self.linewidth_nm,
            "photon_lifetime_ps": self.photon_lifetime_ps,
            "peak_transmission": self.peak_transmission,
            "R_bottom": self.r_bottom,
            "R_top": self.r_top,
            "L_pen_bottom_nm": self.l_pen_bottom_nm,
            "L_pen_top_nm": self.l_pen_top_nm,
            "cavity_length_nm": self.cavity_length_nm,
            "L_eff_nm": self.l_eff_nm,
            "gamma_z": self.gamma_z,
            "gamma_r": self.gamma_r,
            "internal_loss_cm-1": self.internal_loss_cm,
            "mirror_loss_cm-1": self.mirror_loss_cm,
            "threshold_gain_approx_cm-1": self.threshold_gain_approx_cm,
        }


@dataclass(frozen=True)
class LasingThreshold:
    """Exact threshold of one cavity mode.

    Attributes
    ----------
    threshold_gain_cm : float
        Net material gain g of the active layer(s) at threshold [cm^-1] (their index is
        Re n(lambda) - i g lambda / (4 pi); other layers keep their absorption).
    wavelength_nm : float
        Lasing wavelength [nm].
    passive_wavelength_nm : float
        Resonance of the passive cavity the solution was continued from [nm].
    threshold_gain_approx_cm : float
        (alpha_i + alpha_m)/Gamma_z of the passive mode [cm^-1].
    modal_gain_cm : float
        Gamma_z g_th [cm^-1].
    active_layers : tuple of int
        Indices of the active layers (0 = substrate).
    """

    threshold_gain_cm: float
    wavelength_nm: float
    passive_wavelength_nm: float
    threshold_gain_approx_cm: float
    modal_gain_cm: float
    active_layers: tuple[int, ...]

    @property
    def approx_relative_error(self) -> float:
        """threshold_gain_approx / threshold_gain - 1."""
        return self.threshold_gain_approx_cm / self.threshold_gain_cm - 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold_gain_cm-1": self.threshold_gain_cm,
            "lasing_wavelength_nm": self.wavelength_nm,
            "passive_wavelength_nm": self.passive_wavelength_nm,
            "threshold_gain_approx_cm-1": self.threshold_gain_approx_cm,
            "approx_relative_error": self.approx_relative_error,
            "modal_threshold_gain_cm-1": self.modal_gain_cm,
            "active_layers": list(self.active_layers),
        }


@dataclass(frozen=True)
class MicrocavityResult:
    """Modes of a microcavity in a window and the threshold of the selected one.

    ``to_dict`` puts the selected mode's numbers at the top level (``wavelength_nm``, ``q``,
    ``R_bottom``, ``R_top``, ``gamma_z``, ``threshold_gain_cm-1``,
    ``threshold_gain_approx_cm-1`` ...) and every mode under ``modes``.
    """

    stack: str
    wavelength_range_nm: tuple[float, float]
    cavity: tuple[int, int]
    active_layers: tuple[int, ...]
    modes: tuple[CavityMode, ...]
    selected: int
    threshold: LasingThreshold | None

    @property
    def mode(self) -> CavityMode:
        """The selected mode."""
        return self.modes[self.selected]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stack": self.stack,
            "wavelength_range_nm": list(self.wavelength_range_nm),
            "cavity_layers": list(self.cavity),
            "active_layers": list(self.active_layers),
        }
        out.update(self.mode.to_dict())
        thr = self.threshold
        out["threshold_gain_cm-1"] = None if thr is None else thr.threshold_gain_cm
        out["lasing_wavelength_nm"] = None if thr is None else thr.wavelength_nm
        out["modes"] = [m.to_dict() for m in self.modes]
        return out


# ------------------------------------------------------------------ analysis
class _Cavity:
    """A stack with its index model, cavity region and active layers."""

    def __init__(
        self,
        stack: Stack | str,
        lo: float,
        hi: float,
        active: Sequence[int] | None,
        cavity: tuple[int, int] | None,
    ) -> None:
        self.stack = _as_stack(stack)
        self.lo, self.hi = lo, hi
        self.active = _active_layers(self.stack, active)
        self.i0, self.i1 = _find_cavity(self.stack, cavity, self.active)
        self.t = self.stack.thicknesses()
        self.model = _IndexModel(self.stack, lo, hi)
        last = len(self.stack.layers) - 1
        i0, i1 = self.i0, self.i1
        self._cols_b = list(range(0, i0 + 1))
        self._t_b = self.t[: i0 - 1]
        self._cols_up = [*range(last, i0 - 1, -1), i0]
        self._t_up = self.t[i0 - 1 :][::-1]
        self._cols_t = [*range(last, i1, -1), i1]
        self._t_t = self.t[i1:][::-1]

    # reflections seen from inside the cavity
    def round_trip(self, lam: Array) -> Complex:
        """r_bottom(lambda) r_up(lambda) at the cavity's bottom boundary."""
        n = self.model(lam)
        k0 = (2 * np.pi / lam).astype(complex)
        r_b = _reflection(n[:, self._cols_b], self._t_b, k0)
        r_up = _reflection(n[:, self._cols_up], self._t_up, k0)
        return np.asarray(r_b * r_up)

    def mirrors(self, lam: Array) -> tuple[Complex, Complex]:
        """Amplitude reflections of the bottom and top mirror, the cavity medium taken
        lossless (its real index)."""
        n = self.model(lam)
        k0 = (2 * np.pi / lam).astype(complex)
        nb = n[:, self._cols_b].copy()
        nb[:, -1] = nb[:, -1].real
        nt = n[:, self._cols_t].copy()
        nt[:, -1] = nt[:, -1].real
        return _reflection(nb, self._t_b, k0), _reflection(nt, self._t_t, k0)

    def denominator(self, lam: float, n: Complex) -> complex:
        k0 = np.array([2 * np.pi / lam], dtype=complex)
        return complex(_denominator(n[None, :], self.t, k0)[0])

    def transmittance(self, lam: float) -> float:
        n = self.model(np.array([lam]))
        k0 = np.array([2 * np.pi / lam], dtype=complex)
        d = _denominator(n, self.t, k0)[0]
        return float(4 * n[0, -1].real * n[0, 0].real / abs(d) ** 2)

    # resonances
    def phase_roots(self) -> list[float]:
        n_c = self.model(np.array([0.5 * (self.lo + self.hi)]))[0]
        opt = float(np.sum(n_c[1:-1].real * self.t))
        fsr = self.lo**2 / (2 * opt)
        points = int(min(200_001, max(2001, math.ceil(20 * (self.hi - self.lo) / fsr))))
        grid = np.linspace(self.lo, self.hi, points)
        p = self.round_trip(grid)
        im, re = p.imag, p.real
        sign = np.signbit(im)
        idx = np.nonzero((sign[:-1] != sign[1:]) & (re[:-1] > 0) & (re[1:] > 0))[0]
        roots = []
        for i in idx:
            if abs(p[i]) < 1e-2:  # no cavity to speak of (|r1 r2| < 1 %)
                continue

            def f(x: float) -> float:
                return float(self.round_trip(np.array([x]))[0].imag)

            roots.append(float(brentq(f, grid[i], grid[i + 1], xtol=1e-13, rtol=1e-15)))
        exact = [float(x) for x in grid[(im == 0) & (re > 0)]]
        return sorted(set(roots + exact))

    def pole(self, lam_r: float, gain_cm: float = 0.0) -> complex:
        """Complex normalised frequency nu = omega / omega_r (omega_r = 2 pi c / lam_r) of the
        mode near lam_r, with material gain ``gain_cm`` in the active layers.

        The indices are continued to complex frequency to first order about lambda_c,
        n(nu) = n(lambda_c) - lambda_c n'(lambda_c) (nu - 1); lambda_c is then moved to
        2 pi c / Re(omega) and the pole recomputed until it no longer moves, so the
        continuation error is O(n'' (lambda/Q)^2). A gain g enters exactly as
        k = -g lambda / (4 pi) = -g lambda_c / (4 pi nu).
        """
        lam_c, nu_abs = lam_r, complex(math.nan)
        for _ in range(8):
            nu = self._pole_at(lam_c, gain_cm)
            new = nu * lam_r / lam_c
            if abs(new - nu_abs) < 1e-14:
                break
            nu_abs, lam_c = new, lam_c / nu.real
            if not self.model.in_range(lam_c):
                break
        return nu_abs

    def _pole_at(self, lam_r: float, gain_cm: float = 0.0) -> complex:
        n_r = self.model(np.array([lam_r]))[0]
        dn_dnu = -lam_r * self.model.derivative(lam_r)
        cols = list(self.active)
        if gain_cm != 0.0:
            n_r = n_r.copy()
            dn_dnu = dn_dnu.copy()
            n_r[cols] = n_r[cols].real
            dn_dnu[cols] = dn_dnu[cols].real
        k_gain = gain_cm / _NM_PER_CM * lam_r / (4 * math.pi)

        def d_of(nu: complex) -> complex:
            n = n_r + dn_dnu * (nu - 1)
            if gain_cm != 0.0:
                n[cols] -= 1j * k_gain / nu
            k0 = np.array([2 * np.pi * nu / lam_r], dtype=complex)
            return complex(_denominator(n[None, :], self.t, k0)[0])

        d1 = d_of(1.0)
        h = 1e-7
        slope = (d_of(1 + h) - d_of(1 - h)) / (2 * h)
        guess = 1.0 - d1 / slope if slope != 0 else 1.0 - 1e-3j
        scale = abs(slope) if slope != 0 else 1.0

        def fun(x: Array) -> list[float]:
            v = d_of(1 + x[0] + 1j * x[1]) / scale
            return [v.real, v.imag]

        sol = root(fun, [guess.real - 1, guess.imag], method="hybr", options={"xtol": 1e-13})
        nu = 1 + sol.x[0] + 1j * sol.x[1]
        if not (sol.success or abs(d_of(nu)) < 1e-10 * scale) or abs(nu - 1) > 0.5:
            raise QdoptoError(
                f"could not locate the complex-frequency pole of the resonance at "
                f"{lam_r:.4f} nm ({sol.message})"
            )
        return complex(nu)

    def peak(self, lam_seed: float, width: float) -> tuple[float, float]:
        """Wavelength and value of the transmission maximum within +-width/4 of lam_seed (the
        pole: an isolated Lorentzian peaks within ~ width/Q of it). Without an interior
        maximum there (very low Q: T is shaped by the mirrors, not by the mode) the pole
        wavelength and T there are returned."""
        span = 0.25 * width if math.isfinite(width) and width > 0 else 1e-6 * lam_seed
        lo = max(self.model.table_lo, lam_seed - span)
        hi = min(self.model.table_hi, lam_seed + span)
        # optimise the offset from the seed: Brent's relative tolerance sqrt(eps)|x| would
        # otherwise limit the wavelength to ~1e-8 relative
        best = minimize_scalar(
            lambda u: -self.transmittance(lam_seed + float(u)),
            bounds=(lo - lam_seed, hi - lam_seed),
            method="bounded",
            options={"xatol": 1e-9 * span, "maxiter": 1000},
        )
        x = lam_seed + float(best.x)
        at_seed = (lam_seed, self.transmittance(lam_seed))
        if min(x - lo, hi - x) < 1e-3 * span:
            return at_seed
        return max([(x, -float(best.fun)), at_seed], key=lambda c: c[1])

    def analyse(self, lam_r: float, nu: complex, internal_loss_cm: float | None) -> CavityMode:
        q = nu.real / (-2 * nu.imag) if nu.imag < 0 else math.inf
        lam_pole = lam_r / nu.real
        lam_r, t_peak = self.peak(lam_pole, lam_pole / q)
        width = lam_r / q
        omega = 2 * math.pi * C_NM_PER_PS / lam_r  # [rad/ps]
        # mirrors and penetration depths
        h = 1e-5 * lam_r
        lams = np.array([lam_r - h, lam_r, lam_r + h])
        rb, rt = self.mirrors(lams)
        n_r = self.model(np.array([lam_r]))[0]
        n_b, n_t = n_r[self.i0].real, n_r[self.i1].real

        def pen(r: Complex, n_c: float) -> float:
            dphi = np.angle(r[2] / r[0]) / (2 * h)
            return float(-(lam_r**2) / (4 * math.pi * n_c) * dphi)

        l_b, l_t = pen(rb, n_b), pen(rt, n_t)
        length = float(np.sum(self.t[self.i0 - 1 : self.i1]))
        l_eff = length + l_b + l_t
        r_bottom, r_top = float(abs(rb[1]) ** 2), float(abs(rt[1]) ** 2)
        alpha_m = (
            mirror_loss_cm(l_eff * 1e-3, r_bottom, r_top)
            if l_eff > 0 and 0 < r_bottom <= 1 and 0 < r_top <= 1
            else math.nan
        )
        # confinement factors from the standing wave at the resonance
        k0 = 2 * math.pi / lam_r
        e_b, h_b = _boundary_fields(n_r, self.t, k0)
        weights = n_r[1:-1].real * _layer_integrals(n_r, self.t, k0, e_b, h_b)
        cav = slice(self.i0 - 1, self.i1)
        norm = float(np.sum(weights[cav])) * l_eff / length
        gammas = weights / norm
        # absorption beyond the cavity is already in R1, R2 (they are seen from inside)
        passive = [j for j in range(self.i0, self.i1 + 1) if j not in self.active]
        alpha_layers = 4 * np.pi * n_r[1:-1].imag / lam_r * _NM_PER_CM
        alpha_i = float(sum(gammas[j - 1] * alpha_layers[j - 1] for j in passive))
        if internal_loss_cm is not None:
            if not math.isfinite(internal_loss_cm):
                raise QdoptoError(f"internal loss must be finite, got {internal_loss_cm!r}")
            alpha_i = float(internal_loss_cm)
        gamma_z = gamma_r = g_approx = None
        if self.active:
            gamma_z = float(sum(gammas[j - 1] for j in self.active))
            d_a = float(sum(self.t[j - 1] for j in self.active))
            gamma_r = gamma_z * l_eff / d_a
            g_approx = (alpha_i + alpha_m) / gamma_z if gamma_z > 0 else math.inf
        return CavityMode(
            wavelength_nm=lam_r,
            pole_wavelength_nm=float(lam_pole),
            q=float(q),
            linewidth_nm=float(width),
            photon_lifetime_ps=float(q / omega),
            peak_transmission=float(t_peak),
            r_bottom=r_bottom,
            r_top=r_top,
            l_pen_bottom_nm=l_b,
            l_pen_top_nm=l_t,
            cavity_length_nm=length,
            l_eff_nm=float(l_eff),
            gamma_z=gamma_z,
            gamma_r=gamma_r,
            internal_loss_cm=alpha_i,
            mirror_loss_cm=float(alpha_m),
            threshold_gain_approx_cm=None if g_approx is None else float(g_approx),
        )

    def modes(self, internal_loss_cm: float | None, min_q: float) -> tuple[CavityMode, ...]:
        poles: list[tuple[float, complex]] = []
        for lam in self.phase_roots():
            nu = self.pole(lam)
            lam_p = lam / nu.real
            if self.lo <= lam_p <= self.hi and all(
                abs(lam_p - lp / v.real) > 1e-9 * lam_p for lp, v in poles
            ):
                poles.append((lam, nu))
        found = [self.analyse(lam, nu, internal_loss_cm) for lam, nu in poles]
        kept = tuple(m for m in found if m.q >= min_q)
        if not kept:
            extra = f" with Q >= {min_q:g}" if min_q > 0 and found else ""
            raise QdoptoError(
                f"no cavity resonance{extra} between {self.lo:g} and {self.hi:g} nm in "
                f"'{self.stack.spec}'"
            )
        return kept

    def require_active(self) -> None:
        if not self.active:
            raise QdoptoError(
                "the lasing threshold needs an active (gain) layer: the stack has no "
                "QD(...) layer; pass active=(layer index,) to choose one"
            )

    def _threshold_by_bracket(self, lam_r: float, g_seed: float) -> tuple[float, float]:
        """Gain at which the pole reaches the real axis: Im(nu(g)) = 0 by brentq, nu(g)
        followed from the passive pole (Im < 0) while g doubles."""

        def im(g: float) -> float:
            return self.pole(lam_r, g).imag

        g_lo, g_hi = 0.0, g_seed
        for _ in range(40):
            if im(g_hi) >= 0:
                break
            g_lo, g_hi = g_hi, 2 * g_hi
        else:
            raise QdoptoError(f"no finite threshold gain found for the mode at {lam_r:.4f} nm")
        g = float(brentq(im, g_lo, g_hi, xtol=1e-13 * g_hi, rtol=1e-14))
        return lam_r / self.pole(lam_r, g).real, g

    def threshold(self, mode: CavityMode) -> LasingThreshold:
        """Solve D(lambda, g) = 0 (two real equations) from the passive resonance."""
        self.require_active()
        lam_r = mode.wavelength_nm
        cols = list(self.active)
        g_seed = mode.threshold_gain_approx_cm
        if g_seed is None or not math.isfinite(g_seed) or g_seed <= 0:
            g_seed = 2 * math.pi * _NM_PER_CM / (lam_r * mode.q * max(mode.gamma_z or 1, 1e-6))
        g_scale = max(abs(g_seed), 1.0)

        def d_of(lam: float, g_cm: float) -> complex:
            n = self.model(np.array([lam]))[0].copy()
            n[cols] = n[cols].real - 1j * g_cm / _NM_PER_CM * lam / (4 * math.pi)
            return self.denominator(lam, n)

        scale = abs(d_of(lam_r, 0.0)) or 1.0

        def fun(x: Array) -> list[float]:
            v = d_of(lam_r * (1 + x[0]), g_scale * x[1]) / scale
            return [v.real, v.imag]

        def converged(lam: float, g: float, ok: bool) -> bool:
            width = mode.linewidth_nm if math.isfinite(mode.linewidth_nm) else 0.0
            return (
                (ok or abs(d_of(lam, g)) / scale < 1e-10)
                and self.model.in_range(lam)
                and abs(lam - lam_r) <= max(10 * width, 1e-3 * lam_r)
            )

        try:
            sol = root(fun, [0.0, g_seed / g_scale], method="hybr", options={"xtol": 1e-14})
            lam = lam_r * (1 + float(sol.x[0]))
            g = g_scale * float(sol.x[1])
            ok = converged(lam, g, bool(sol.success))
        except QdoptoError:  # a trial wavelength left the materials' data
            ok = False
        if not ok:
            # fallback: follow the pole as the gain grows, bracket Im(omega(g)) = 0
            try:
                lam, g = self._threshold_by_bracket(lam_r, g_seed)
            except QdoptoError as exc:
                raise QdoptoError(
                    f"no lasing threshold found for the mode at {lam_r:.4f} nm (Q = "
                    f"{mode.q:.3g}; the estimate {g_seed:.3g} cm^-1 did not converge and "
                    f"following the pole with growing gain failed: {exc})"
                ) from None
            try:  # polish (D = 0 directly, no dispersion continuation)
                sol = root(
                    fun,
                    [lam / lam_r - 1, g / g_scale],
                    method="hybr",
                    options={"xtol": 1e-14},
                )
                lam2, g2 = lam_r * (1 + float(sol.x[0])), g_scale * float(sol.x[1])
                if converged(lam2, g2, bool(sol.success)):
                    lam, g = lam2, g2
            except QdoptoError:
                pass
            if not converged(lam, g, False):
                raise QdoptoError(
                    f"the threshold of the mode at {lam_r:.4f} nm did not converge "
                    f"(last lambda = {lam:.4f} nm, g = {g:.4g} cm^-1)"
                )
        approx = mode.threshold_gain_approx_cm
        return LasingThreshold(
            threshold_gain_cm=g,
            wavelength_nm=lam,
            passive_wavelength_nm=lam_r,
            threshold_gain_approx_cm=math.nan if approx is None else approx,
            modal_gain_cm=g * float(mode.gamma_z or math.nan),
            active_layers=self.active,
        )


def cavity_modes(
    stack: Stack | str,
    wavelength_range_nm: tuple[float, float],
    *,
    active: Sequence[int] | None = None,
    cavity: tuple[int, int] | None = None,
    internal_loss_cm: float | None = None,
    min_q: float = 0.0,
) -> tuple[CavityMode, ...]:
    """Resonances of a planar microcavity in a wavelength window.

    Search: zeros of the round-trip phase, Im(r_bottom r_up) = 0 with Re > 0, where r_bottom
    is the bottom mirror's reflection and r_up that of everything above, both seen from the
    cavity's first layer at its bottom boundary (Coldren & Corzine 2012, Sec. 2.2:
    r1 r2 exp(2 i beta L) = 1), scanned with >= 20 points per free spectral range of the whole
    stack and polished with brentq. Each zero seeds the pole below; the reported wavelength
    is the transmission maximum next to the pole (with internal index steps in a leaky cavity
    the real-axis phase zero depends on the reference plane at the lambda/Q^2 level; the pole
    and the transmission peak do not).

    Q: from the complex-frequency pole of the stack's response, D(omega) = n_0 B + C = 0,
    Q = Re(omega)/(2|Im(omega)|) (Jackson 1999, Sec. 8.8). Chosen over a numerical FWHM
    because it is exact for any Q (no grid to resolve the line), is independent of how the
    cavity is split into mirrors, and includes absorption, the lineshape asymmetry and (by a
    first-order continuation of n(lambda)) material dispersion; for an isolated line it equals
    lambda / FWHM of the Lorentzian.

    Mirrors: R1, R2 are |r|^2 of the bottom and top parts seen from inside the cavity
    (cavity medium taken lossless), L_pen their phase penetration depths
    -(lambda^2/(4 pi n_c)) d(arg r)/d(lambda) (Babic & Corzine 1992), L_eff = L + L_pen,1 +
    L_pen,2 (Coldren & Corzine 2012, Ch. 3).

    Confinement: Gamma_j = n_j int_j |E|^2 dz / [(L_eff / L) int_cav n |E|^2 dz] with the
    exact standing wave at the resonance, so Gamma = 1 for a slab filled with gain and
    Gamma_z = Gamma_r d_a / L_eff with Gamma_r -> 2 n_a/n_c for a thin layer at an antinode
    (Corzine et al. 1989; the index weight n_j follows from Poynting's theorem: the power a
    layer with gain g adds is proportional to n_j g int |E|^2, Coldren & Corzine 2012,
    Appendix 5). alpha_i = sum of Gamma_j 4 pi k_j / lambda over the passive layers of the
    cavity region (the mirrors' absorption is part of R1, R2 already).

    Parameters
    ----------
    stack : Stack or str
        The cavity, substrate first.
    wavelength_range_nm : (float, float)
        Window [nm].
    active : sequence of int or None
        Indices of the gain layers (0 = substrate). Default: every QD(...) layer.
    cavity : (int, int) or None
        First and last inner-layer index of the cavity region. Default: between the two
        periodic mirrors: each mirror is the longest run of layers repeating with period
        two (same material and thickness as two layers before) from the substrate up and
        from the cover down; active layers never belong to a mirror; a stack without such
        runs (a single slab) is all cavity.
    internal_loss_cm : float or None
        alpha_i for the approximate threshold [cm^-1]; None: from the passive layers' k.
    min_q : float
        Drop resonances with a lower Q [-].

    Returns
    -------
    tuple of CavityMode
        Sorted by wavelength.
    """
    lo, hi = _window(wavelength_range_nm)
    if not (math.isfinite(min_q) and min_q >= 0):
        raise QdoptoError(f"min_q must be finite and >= 0, got {min_q!r}")
    return _Cavity(stack, lo, hi, active, cavity).modes(internal_loss_cm, min_q)


def microcavity(
    stack: Stack | str,
    wavelength_range_nm: tuple[float, float],
    *,
    target_nm: float | None = None,
    active: Sequence[int] | None = None,
    cavity: tuple[int, int] | None = None,
    internal_loss_cm: float | None = None,
    min_q: float = 0.0,
    threshold: bool | None = None,
) -> MicrocavityResult:
    """Modes of a microcavity and the exact lasing threshold of one of them.

    The selected mode is the one nearest ``target_nm``, else the one of highest Q. Its
    threshold solves D(lambda, g) = 0 (Re and Im, scipy.optimize.root from the passive
    resonance) with the active layers' index Re n(lambda) - i g lambda/(4 pi): g is the net
    material gain (the layer's own absorption is replaced by it, its background index kept);
    the other layers keep their absorption. See :func:`cavity_modes` for the rest.

    Parameters
    ----------
    threshold : bool or None
        Compute the threshold: None (default) when the stack has an active layer, True
        (an error without one) or False.
    """
    lo, hi = _window(wavelength_range_nm)
    if not (math.isfinite(min_q) and min_q >= 0):
        raise QdoptoError(f"min_q must be finite and >= 0, got {min_q!r}")
    cav = _Cavity(stack, lo, hi, active, cavity)
    if threshold is True:
        cav.require_active()
    found = cav.modes(internal_loss_cm, min_q)
    if target_nm is not None:
        target = _finite_positive(target_nm, "target wavelength [nm]")
        sel = int(np.argmin([abs(m.wavelength_nm - target) for m in found]))
    else:
        sel = int(np.argmax([m.q for m in found]))
    want = bool(cav.active) if threshold is None else bool(threshold)
    thr = cav.threshold(found[sel]) if want else None
    return MicrocavityResult(
        stack=cav.stack.spec,
        wavelength_range_nm=(lo, hi),
        cavity=(cav.i0, cav.i1),
        active_layers=cav.active,
        modes=found,
        selected=sel,
        threshold=thr,
    )


def lasing_threshold(
    stack: Stack | str,
    wavelength_range_nm: tuple[float, float],
    *,
    target_nm: float | None = None,
    active: Sequence[int] | None = None,
    cavity: tuple[int, int] | None = None,
    internal_loss_cm: float | None = None,
) -> LasingThreshold:
    """Exact threshold gain and wavelength of the selected mode (see :func:`microcavity`)."""
    res = microcavity(
        stack,
        wavelength_range_nm,
        target_nm=target_nm,
        active=active,
        cavity=cavity,
        internal_loss_cm=internal_loss_cm,
        threshold=True,
    )
    if res.threshold is None:  # unreachable: threshold=True either solves or raises
        raise QdoptoError("no threshold computed")
    return res.threshold
