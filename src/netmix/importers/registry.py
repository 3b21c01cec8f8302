"""The importers in detection order, and how an export finds its importer.

The registry's order is the detection order: the first importer that claims a file of the export
reads the account (so Facebook JSON wins over Facebook HTML when both are there).
"""

from __future__ import annotations

from ..errors import FormatNotRecognised
from ..io.sources import Member, iter_members
from . import facebook_html, facebook_json, generic_csv, google, instagram, linkedin, outlook, twitter, vcard
from .base import Importer

__all__ = ["REGISTRY", "detect", "get"]

REGISTRY: tuple[Importer, ...] = tuple(
    m.IMPORTER for m in (facebook_json, facebook_html, linkedin, twitter, instagram, google, outlook, vcard, generic_csv)
)


def get(name: str) -> Importer:
    """The importer called ``name`` (or the first of a platform called ``name``).

    Parameters
    ----------
    name
        An importer name (``facebook-html``) or a platform (``facebook``).

    Returns
    -------
    Importer
        The importer.

    Raises
    ------
    FormatNotRecognised
        No importer has that name or platform; the hint lists the known ones.

    Examples
    --------
    >>> get("facebook").name, get("csv").explicit_only
    ('facebook-json', True)
    """
    for imp in REGISTRY:
        if imp.name == name:
            return imp
    for imp in REGISTRY:
        if imp.platform == name:
            return imp
    known = ", ".join(imp.name for imp in REGISTRY)
    raise FormatNotRecognised(f"unknown format {name!r}", hint=f"known formats: {known} (see `netmix formats`)")


def detect(path: str, fmt: str | None = None) -> tuple[Importer, list[Member]]:
    """The importer for the export at ``path`` and the members it reads.

    Parameters
    ----------
    path
        A file, a folder or a zip archive.
    fmt
        An importer name or platform to use instead of detection.

    Returns
    -------
    tuple
        The importer and the members it claims, in sorted order.

    Raises
    ------
    FormatNotRecognised
        No importer (or not ``fmt``) recognises a file of the export.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nAna,Lopez,05 Mar 2024\\n")
    >>> importer, members = detect(str(folder))
    >>> importer.name, [m.name for m in members]
    ('linkedin', ['Connections.csv'])
    """
    members = list(iter_members(path))
    candidates = [get(fmt)] if fmt else [imp for imp in REGISTRY if not imp.explicit_only]
    for imp in candidates:
        claimed = [m for m in members if imp.claims(m)]
        if claimed:
            return imp, claimed
    if fmt:
        raise FormatNotRecognised(
            f"no file of this export is one the {fmt} importer reads",
            file=path,
            hint=f"it reads: {', '.join(get(fmt).files)}",
        )
    seen = ", ".join(sorted({m.basename for m in members})[:8]) or "no files"
    raise FormatNotRecognised(
        f"no importer recognises this export (files seen: {seen})",
        file=path,
        hint="run `netmix formats` for the files netmix knows, or give --importer csv with a column mapping",
    )
