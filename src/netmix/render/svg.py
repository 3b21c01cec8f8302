"""A few SVG elements as escaped markup, for the report's charts (drawn offline, no library).

Every attribute value and text goes through :func:`markupsafe.escape`; numbers are rounded to
0.1 so two runs write the same bytes.

>>> str(text(10, 20, "<b>"))
'<text x="10" y="20">&lt;b&gt;</text>'
>>> str(rect(0, 0, 5.04, 2, fill="#E69F00"))
'<rect x="0" y="0" width="5" height="2" fill="#E69F00"/>'
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

__all__ = ["circle", "document", "group", "line", "num", "rect", "text", "title"]


def num(value: float) -> str:
    """A coordinate rounded to 0.1, without a trailing ``.0``."""
    out = f"{round(float(value), 1):.1f}"
    return out[:-2] if out.endswith(".0") else out


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float | int) and not isinstance(value, bool) else str(value)
        parts.append(f' {name}="{escape(shown)}"')
    return "".join(parts)


def rect(x: float, y: float, w: float, h: float, *, tip: str = "", **attrs: object) -> Markup:
    """A rectangle (``class_="…"`` gives ``class="…"``; ``tip``: a plain-text tooltip)."""
    head = f"<rect{_attrs({'x': x, 'y': y, 'width': max(w, 0.0), 'height': max(h, 0.0), **attrs})}"
    return Markup(f"{head}>") + title(tip) + Markup("</rect>") if tip else Markup(f"{head}/>")


def line(x1: float, y1: float, x2: float, y2: float, **attrs: object) -> Markup:
    """A straight line."""
    return Markup(f"<line{_attrs({'x1': x1, 'y1': y1, 'x2': x2, 'y2': y2, **attrs})}/>")


def circle(cx: float, cy: float, r: float, **attrs: object) -> Markup:
    """A disc."""
    return Markup(f"<circle{_attrs({'cx': cx, 'cy': cy, 'r': r, **attrs})}/>")


def text(x: float, y: float, content: object, **attrs: object) -> Markup:
    """A text (escaped)."""
    return Markup(f"<text{_attrs({'x': x, 'y': y, **attrs})}>{escape(str(content))}</text>")


def title(content: object) -> Markup:
    """A tooltip for the enclosing element (plain text, escaped)."""
    return Markup(f"<title>{escape(str(content))}</title>")


def group(children: Iterable[Markup], **attrs: object) -> Markup:
    """A ``<g>`` around ``children``."""
    return Markup(f"<g{_attrs(attrs)}>") + Markup("").join(children) + Markup("</g>")


def document(width: float, height: float, children: Iterable[Markup], *, label: str, id_: str) -> Markup:
    """An inline ``<svg>`` of the given size, scaled to its box, labelled for screen readers."""
    box = f"0 0 {num(width)} {num(height)}"
    head = f"<svg{_attrs({'id': id_, 'viewBox': box, 'width': width, 'role': 'img', 'aria-label': label})}"
    return Markup(head + ">") + Markup("").join(children) + Markup("</svg>")
