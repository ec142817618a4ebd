"""Figures (matplotlib, object API: no pyplot global state, no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qdopto.electronic.results import ElectronicResult
from qdopto.errors import QdoptoError


def _figure(width: float = 7.0, height: float = 4.5) -> Any:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise QdoptoError("plotting needs matplotlib: pip install 'qdopto[plot]'") from exc
    fig = Figure(figsize=(width, height), dpi=120)
    FigureCanvasAgg(fig)
    return fig


def _png(path: str | Path) -> Path:
    """The output path, which must name a PNG file."""
    out = Path(path)
    if out.suffix.lower() != ".png":
        raise QdoptoError(f"plot file must end in .png, got '{out.name}'")
    return out


def _save(fig: Any, out: Path) -> Path:
    """Lay out ``fig`` and write it to ``out`` (creating its folder)."""
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    return out


def band_diagram(result: ElectronicResult, path: str | Path) -> Path:
    """Band-edge profile with the ground-state probability densities and levels.

    Parameters
    ----------
    result : ElectronicResult
        A ``radial`` result (it carries the profile on its grid).
    path : str or Path
        Output PNG file.
    """
    prof = result.profile
    if prof is None:
        raise QdoptoError(f"model '{result.model}' has no band profile to plot; use model 'radial'")
    out = _png(path)
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    r = prof.r_nm
    ax.step(r, prof.ec_eV, where="mid", color="tab:blue", lw=1.5, label="E_c")
    ax.step(r, prof.ev_eV, where="mid", color="tab:red", lw=1.5, label="E_v")
    ee = result.electron[0].energy_eV
    eh = result.hole[0].energy_eV
    inside = prof.ec_eV < prof.ec_eV[-1]
    span = float(prof.ec_eV[inside].max() - prof.ec_eV[inside].min()) if inside.any() else 0.5
    scale = max(0.3, 0.5 * span) / max(float(prof.density_e.max()), 1e-12)
    scale_h = max(0.3, 0.5 * span) / max(float(prof.density_h.max()), 1e-12)
    ax.fill_between(
        r, ee, ee + scale * prof.density_e, color="tab:blue", alpha=0.3, label="electron r^2|psi|^2"
    )
    ax.fill_between(
        r, eh, eh - scale_h * prof.density_h, color="tab:red", alpha=0.3, label="hole r^2|psi|^2"
    )
    for lv in result.electron:
        ax.hlines(lv.energy_eV, 0, r[-1], colors="tab:blue", linestyles=":", lw=0.8)
    for lv in result.hole:
        ax.hlines(lv.energy_eV, 0, r[-1], colors="tab:red", linestyles=":", lw=0.8)
    for radius in result.structure.outer_radii_nm:
        ax.axvline(float(radius), color="0.5", lw=0.8, ls="--")
    ax.set_xlim(0, float(r[-1]))
    lo = min(eh - 1.0, float(prof.ev_eV[inside].min()) - 0.5 if inside.any() else eh - 1.0)
    hi = max(ee + 1.0, float(prof.ec_eV[inside].max()) + 0.5 if inside.any() else ee + 1.0)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("r [nm]")
    ax.set_ylabel("energy [eV] (vacuum scale)")
    x = result.exciton
    ax.set_title(
        f"{result.structure.spec}: E_X = {x.energy_eV:.3f} eV "
        f"({x.wavelength_nm:.0f} nm), {result.alignment}",
        fontsize=9,
    )
    ax.legend(fontsize=7, loc="upper right")
    return _save(fig, out)


def shape_density_figure(result: Any, path: str | Path) -> Path:
    """Electron and hole ground-state densities of a rod, platelet or epitaxial dot.

    Two maps of |psi|^2 on the solver's plane (r-z, mirrored to -r for an axisymmetric grid;
    the y = 0 plane of a 3D grid) with the outlines of the regions.

    Parameters
    ----------
    result : ShapeResult
        A grid-model result (``axisymmetric`` or ``3d``).
    path : str or Path
        Output PNG file.
    """
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    dens = getattr(result, "densities", None)
    if dens is None:
        raise QdoptoError(
            f"model '{result.model}' keeps no densities on a grid to plot; use model "
            "'axisymmetric' or '3d'"
        )
    out = _png(path)
    a1, a2 = dens.axis1_nm, dens.axis2_nm
    de, dh, reg = dens.density_e, dens.density_h, dens.region
    if dens.plane == "r-z":  # mirror to show the whole cross-section
        a1 = np.concatenate([-a1[::-1], a1])
        de = np.concatenate([de[::-1], de])
        dh = np.concatenate([dh[::-1], dh])
        reg = np.concatenate([reg[::-1], reg])
    # crop to the particle and a margin of its size around it
    medium = int(reg.max())
    inside = reg < medium
    span1 = a1[inside.any(axis=1)]
    span2 = a2[inside.any(axis=0)]
    m1 = 0.3 * (span1.max() - span1.min()) + 1.0
    m2 = 0.3 * (span2.max() - span2.min()) + 1.0
    k1 = (a1 >= span1.min() - m1) & (a1 <= span1.max() + m1)
    k2 = (a2 >= span2.min() - m2) & (a2 <= span2.max() + m2)
    fig = _figure(9.0, 4.0)
    labels = dens.plane.split(" ")[0].split("-")
    for i, (d, name, cmap) in enumerate(((de, "electron", "Blues"), (dh, "hole", "Reds"))):
        ax = fig.add_subplot(1, 2, i + 1)
        ax.pcolormesh(a1[k1], a2[k2], d[np.ix_(k1, k2)].T, cmap=cmap, shading="nearest")
        ax.contour(
            a1[k1],
            a2[k2],
            reg[np.ix_(k1, k2)].T,
            levels=np.arange(medium) + 0.5,
            colors="k",
            linewidths=0.6,
        )
        ax.set_aspect("equal")
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel(f"{labels[0]} [nm]")
        ax.set_ylabel(f"{labels[1]} [nm]")
        ax.set_title(f"{name} |psi|^2")
    fig.suptitle(
        f"{result.structure.spec}: E_X = {result.exciton.energy_eV:.3f} eV "
        f"({result.exciton.wavelength_nm:.0f} nm), overlap {result.exciton.overlap:.2f}",
        fontsize=9,
    )
    return _save(fig, out)


def spectrum_figure(result: Any, path: str | Path) -> Path:
    """Ensemble absorption cross-section and normalised PL against wavelength."""
    out = _png(path)
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(
        result.wavelength_nm,
        result.absorption_cross_section_cm2,
        color="k",
        label="absorption cross-section",
    )
    ax.set_xlabel("wavelength [nm]")
    ax.set_ylabel("cross-section per dot [cm^2]")
    ax2 = ax.twinx()
    ax2.plot(result.wavelength_nm, result.pl, color="tab:red", label="PL (normalised)")
    ax2.set_ylabel("PL [norm.]")
    ax2.set_ylim(0, 1.05)
    ax.set_title(
        f"{result.structure.spec}: 1S {result.first_exciton_nm:.0f} nm, PL "
        f"{result.pl_peak_nm:.0f} nm (FWHM {result.pl_fwhm_nm:.0f} nm), "
        f"{result.dispersion_pct:g} % dispersion",
        fontsize=9,
    )
    return _save(fig, out)


def gain_figure(degeneracy: int, threshold: float, path: str | Path) -> Path:
    """Net band-edge absorption of a Poisson-excited ensemble against <N> (gain below 0)."""
    import numpy as np

    from qdopto.dynamics import net_band_edge_absorption

    out = Path(path)
    fig = _figure(6.0, 3.6)
    ax = fig.add_subplot(1, 1, 1)
    n = np.linspace(0.0, 3.0 * degeneracy / 2 + 1, 300)
    ax.plot(n, net_band_edge_absorption(n, degeneracy), color="k")
    ax.axhline(0.0, color="0.5", lw=0.8)
    ax.axvline(threshold, color="tab:red", ls="--", label=f"threshold <N> = {threshold:.3f}")
    ax.set_xlabel("average excitons per dot <N>")
    ax.set_ylabel("band-edge absorption (norm.)")
    ax.set_title(f"band-edge degeneracy g = {degeneracy}", fontsize=9)
    ax.legend(fontsize=8)
    return _save(fig, out)


def kinetics_figure(result: Any, path: str | Path) -> Path:
    """PL decay and band-edge TA kinetics after a pulse (:class:`KineticsResult`)."""
    out = _png(path)
    fig = _figure(7.0, 5.5)
    ax1 = fig.add_subplot(2, 1, 1)
    t = result.times_ns
    ax1.semilogy(t, result.pl / result.pl[0], color="tab:red")
    ax1.set_ylabel("PL (norm.)")
    ax1.set_title(
        f"{result.structure}: <N> = {result.mean_N:.2f} at {result.fluence_uJ_cm2:g} uJ/cm^2, "
        f"{result.pump_wavelength_nm:g} nm",
        fontsize=9,
    )
    ax2 = fig.add_subplot(2, 1, 2, sharex=ax1)
    ax2.plot(t, result.ta, color="k", label="dA/A0 (band edge)")
    ax2.axhline(-1.0, color="tab:green", ls="--", lw=0.8, label="transparency (dA + A0 = 0)")
    ax2.set_xscale("symlog", linthresh=1e-3)
    ax2.set_xlim(0.0, float(t[-1]))
    ax2.set_xlabel("delay [ns]")
    ax2.set_ylabel("dA/A0")
    ax2.legend(fontsize=8)
    return _save(fig, out)


def light_curve_figure(result: Any, path: str | Path) -> Path:
    """Light-in / light-out curve of a laser (:class:`qdopto.devices.design.LaserResult`),
    log-log, with the threshold of the gain condition marked."""
    out = _png(path)
    curve = result.curve
    fig = _figure(6.5, 4.2)
    ax = fig.add_subplot(1, 1, 1)
    ax.loglog(curve.pump_values, curve.output, color="tab:red")
    if curve.threshold is not None:
        ax.axvline(
            curve.threshold,
            color="k",
            ls="--",
            lw=0.8,
            label=f"threshold {curve.threshold:.3g} {curve.pump_unit}",
        )
        ax.legend(fontsize=8)
    ax.set_xlabel(f"pump ({curve.pump}) [{curve.pump_unit}]")
    ax.set_ylabel(f"laser output [{curve.output_unit}]")
    cav = result.cavity
    ax.set_title(
        f"{result.structure}, {cav.kind} cavity at {cav.wavelength_nm:.1f} nm\n"
        f"Gamma = {cav.confinement:.3f}, alpha_i + alpha_m = {cav.threshold_modal_gain_cm:.3g} "
        f"cm^-1, beta = {curve.beta:g}",
        fontsize=8,
    )
    return _save(fig, out)


def channel_mode_figure(result: Any, path: str | Path) -> Path:
    """|E|^2 maps of the fundamental quasi-TE and quasi-TM modes of a channel waveguide
    (:class:`qdopto.photonics.channel.ChannelModeSet`), with the layer interfaces and the
    ridge outline."""
    import numpy as np

    out = _png(path)
    shown = [
        next((m for m in result.modes if m.polarization == pol and m.order == 0), None)
        for pol in ("TE", "TM")
    ]
    panels = [m for m in shown if m is not None]
    fig = _figure(5.0 * len(panels), 3.4)
    guide = result.guide
    tops = np.concatenate([[0.0], np.cumsum(guide.stack.thicknesses())])
    half = 0.5 * guide.width_nm
    base = tops[len(guide.stack.layers) - 2 - guide.ridge_layers]  # bottom of the ridge
    for k, m in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), k + 1)
        ax.pcolormesh(m.x_nm, m.y_nm, m.intensity.T, shading="nearest", cmap="magma")
        for j, y in enumerate(tops):  # interface between stack layers j and j + 1
            if guide.patterned(j):
                ax.plot([-half, half], [y, y], color="w", lw=0.6)
            else:
                ax.axhline(y, color="w", lw=0.6)
        ax.plot([-half, -half], [base, tops[-1]], color="w", lw=0.6)
        ax.plot([half, half], [base, tops[-1]], color="w", lw=0.6)
        ax.set_aspect("equal")
        ax.set_xlabel("x [nm]")
        ax.set_ylabel("y [nm]")
        inner = m.confinement[1:-1]
        j = int(np.argmax(inner)) + 1
        ax.set_title(
            f"quasi-{m.polarization}0: n_eff {m.n_eff.real:.4f}; "
            f"Gamma {inner[j - 1]:.2f} in layer {j} ({guide.stack.layers[j].material})",
            fontsize=9,
        )
    fig.suptitle(f"{guide.stack.spec}, ridge {guide.width_nm:g} nm", fontsize=8)
    return _save(fig, out)
