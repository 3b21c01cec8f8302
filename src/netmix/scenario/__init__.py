"""The synthetic scenario: Maud Lefèvre's accounts, tie files and planted truth (no real person).

>>> from netmix.scenario import generate
>>> root = generate("/tmp/scenario", scale="small", seed=7)   # doctest: +SKIP
"""

from __future__ import annotations

from .generate import generate

__all__ = ["generate"]
