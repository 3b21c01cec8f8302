"""Plane geometry for the map's cluster areas: a convex hull and its outward padding.

>>> hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2)])
[(0, 0), (2, 0), (2, 2), (0, 2)]
>>> padded([(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)], 1.0)[0]
[-0.7, -0.7]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["Point", "hull", "padded"]

Point = tuple[float, float]


def _cross(o: Point, a: Point, b: Point) -> float:
    """The z component of (a - o) × (b - o): > 0 for a left turn."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _chain(points: Sequence[Point]) -> list[Point]:
    """One half of the hull: the points kept while every turn is a left turn."""
    out: list[Point] = []
    for p in points:
        while len(out) >= 2 and _cross(out[-2], out[-1], p) <= 0:
            out.pop()
        out.append(p)
    return out


def hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull of ``points``, counter-clockwise from the lowest-leftmost point.

    Andrew's monotone chain (A. M. Andrew, *Another efficient algorithm for convex hulls in two
    dimensions*, 1979): O(n log n). Collinear points on an edge are dropped; two or fewer distinct
    points are returned sorted.

    Parameters
    ----------
    points : Sequence[Point]
        The points, as ``(x, y)`` pairs.

    Returns
    -------
    list[Point]
        The hull's corners.

    Examples
    --------
    >>> hull([(0, 0), (1, 0), (2, 0), (1, 1)])
    [(0, 0), (2, 0), (1, 1)]
    """
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower = _chain(pts)
    upper = _chain(list(reversed(pts)))
    return lower[:-1] + upper[:-1]


def padded(corners: Sequence[Point], pad: float) -> list[list[float]]:
    """Each corner moved ``pad`` further from the corners' centroid, rounded to 0.1.

    Parameters
    ----------
    corners : Sequence[Point]
        A polygon's corners (a hull).
    pad : float
        The distance each corner moves outwards.

    Returns
    -------
    list[list[float]]
        The moved corners as ``[x, y]`` lists (ready for JSON).

    Examples
    --------
    >>> padded([(0.0, 0.0), (4.0, 0.0), (2.0, 3.0)], 1.0)[2]
    [2.0, 4.0]
    """
    cx = sum(p[0] for p in corners) / len(corners)
    cy = sum(p[1] for p in corners) / len(corners)
    out = []
    for x, y in corners:
        d = math.hypot(x - cx, y - cy) or 1.0
        out.append([round(x + (x - cx) / d * pad, 1), round(y + (y - cy) / d * pad, 1)])
    return out
