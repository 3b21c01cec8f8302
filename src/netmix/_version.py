"""The installed netmix version, read once from the package metadata (``pyproject.toml`` is its only source).

>>> from netmix._version import __version__
>>> __version__.count(".") >= 1
True
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("netmix")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0+unknown"
