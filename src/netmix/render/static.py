"""Static pictures of the map (PNG or SVG) with matplotlib's Agg backend.

Same layout and colours as the interactive map; labels for the strongest bridges only (a
picture of thousands of names is unreadable), none with ``hide_names``. Deterministic: fixed
``svg.hashsalt``, no date or software stamp in the metadata.
"""

from __future__ import annotations

import io
from collections.abc import Hashable, Mapping
from typing import Any

import matplotlib
import pandas as pd

matplotlib.use("Agg", force=False)
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..errors import ConfigError  # noqa: E402
from ..model import Analysis, Resolution  # noqa: E402
from ..privacy import Pseudonymizer  # noqa: E402
from .layout import layout_view  # noqa: E402
from .people import SPHERE_COLORS, SPHERE_ORDER, build_view, cap  # noqa: E402

LABELS = 25


def map_image(
    analysis: Analysis,
    *,
    fmt: str = "png",
    resolution: Resolution | None = None,
    pseudonymizer: Pseudonymizer | None = None,
    hide_names: bool = False,
    seed: int = 0,
    size: tuple[float, float] = (10.0, 8.0),
    dpi: int = 120,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> bytes:
    """The network as a PNG or SVG image.

    Parameters
    ----------
    analysis : the analysis whose graph is drawn.
    fmt : ``"png"`` or ``"svg"``.
    resolution : optional, marks doubles found by the resolver.
    pseudonymizer : label with pseudonyms. hide_names : no labels at all.
    seed : layout seed. size, dpi : figure size in inches and resolution.
    positions : the run's layout (person id → x, y), shared with the map; computed here when ``None``.

    Examples
    --------
    >>> import networkx as nx
    >>> from netmix.model import Analysis
    >>> g = nx.Graph([("p1", "p2")])
    >>> map_image(Analysis(*[None] * 5, overlap={}, summary={}, params={}, graph=g)).startswith(b"\\x89PNG")
    True
    """
    if fmt not in ("png", "svg"):
        raise ConfigError(f"image format {fmt!r} is not supported", hint="use png or svg")
    view = build_view(analysis, resolution, pseudonymizer=pseudonymizer)
    pos = positions if positions is not None else layout_view(view, seed=seed)
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    names = view.persons["person_id"].to_numpy(dtype=object)
    ends = zip(names[view.ties["src"].to_numpy()].tolist(), names[view.ties["dst"].to_numpy()].tolist(), strict=True)
    segments = [(pos[u], pos[v]) for u, v in ends]  # ties sorted by their ends' places: the ids' order
    if segments:
        ax.add_collection(LineCollection(segments, colors="#B8B8B8", linewidths=0.4, alpha=0.6, zorder=1))
    xy = {pid: pos[pid] for pid in view.persons["person_id"].tolist()}
    _draw_persons(ax, view.persons, xy)
    if not hide_names:
        _draw_labels(ax, view.persons, xy)
    ax.invert_yaxis()  # the map's y grows downwards
    ax.autoscale_view()
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.08)
    handles = [Line2D([], [], marker="o", linestyle="", color=SPHERE_COLORS[k], label=k) for k in SPHERE_ORDER]
    handles.append(Line2D([], [], marker="D", linestyle="", color="#999999", markeredgecolor="#222222", label="double"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    return _save(fig, fmt)


def _draw_persons(ax: Any, p: pd.DataFrame, xy: dict[str, tuple[float, float]]) -> None:
    """One scatter per sphere and marker (diamonds for doubles), sized by bridging score."""
    for key in SPHERE_ORDER:
        for double, marker in ((False, "o"), (True, "D")):
            rows = p[(p["sphere_key"] == key) & (p["double"] == double)]
            if rows.empty:
                continue
            xs = [xy[i][0] for i in rows["person_id"].tolist()]
            ys = [xy[i][1] for i in rows["person_id"].tolist()]
            sizes = [(5 + 10 * s**0.5) ** 2 for s in rows["bridging_score"].tolist()]
            ax.scatter(xs, ys, s=sizes, c=SPHERE_COLORS[key], marker=marker, linewidths=0.8 if double else 0.3,
                       edgecolors="#222222" if double else "white", zorder=2)  # fmt: skip


def _draw_labels(ax: Any, p: pd.DataFrame, xy: dict[str, tuple[float, float]]) -> None:
    """Names of the strongest bridges only."""
    top = p.sort_values(["bridging_score", "person_id"], ascending=[False, True]).head(LABELS)
    for pid, name, score in zip(top["person_id"].tolist(), top["name"].tolist(), top["bridging_score"].tolist(), strict=True):
        if score > 0:
            label = cap(name, 40).replace("$", r"\$")
            ax.annotate(label, xy[pid], xytext=(4, 4), textcoords="offset points", fontsize=7, zorder=3)


def _save(fig: Figure, fmt: str) -> bytes:
    """The figure's bytes, without a date or software stamp."""
    buf = io.BytesIO()
    if fmt == "svg":
        with matplotlib.rc_context({"svg.hashsalt": "netmix", "svg.fonttype": "path"}):
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    else:
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


__all__ = ["LABELS", "map_image"]
