"""netmix: turn exported contact lists into an understanding of your network."""

from __future__ import annotations

__version__ = "0.1.0"
