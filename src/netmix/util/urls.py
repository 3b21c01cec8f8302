"""Profile URLs: the normal form used as a matching key, the social network a URL points to, its slug.

Used by the importers (which URL of a contact card to keep) and by resolution (URLs as keys);
nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["best_profile", "normalise_url", "social_host", "url_slug"]

_URL_RE = re.compile(
    r"^(?:https?://)?(?:[a-z0-9-]+\.)*?(linkedin\.com|facebook\.com|instagram\.com|twitter\.com|x\.com)(/.*)?$", re.I
)
_LINKEDIN = "https://www.linkedin.com/"
_SOCIAL = re.compile(
    r"^(?:https?://)?(?:[a-z0-9-]+\.)*(linkedin\.com|facebook\.com|instagram\.com|twitter\.com|x\.com)(?:/|$)", re.I
)
_SOCIAL_RANK = {"linkedin.com": 0, "facebook.com": 1, "instagram.com": 2, "x.com": 3, "twitter.com": 3}


def normalise_url(url: str) -> str:
    """A profile URL without scheme, ``www``, query or trailing slash, lower-cased host.

    Parameters
    ----------
    url
        A URL as an export writes it (with or without scheme, ``www``, ``/_u/``, query).

    Returns
    -------
    str
        ``host/path``; the path is lower-cased except on LinkedIn (whose slugs are
        case-sensitive), ``twitter.com`` becomes ``x.com``. A URL of another site loses only
        its query and trailing slash; ``""`` stays ``""``.

    Examples
    --------
    >>> normalise_url("https://www.linkedin.com/in/Ana-B/?trk=x"), normalise_url("HTTP://m.Facebook.com/_u/Ana.B")
    ('linkedin.com/in/Ana-B', 'facebook.com/ana.b')
    """
    url = url.strip()
    if not url:
        return ""
    if url.startswith(_LINKEDIN) and "\n" not in url:  # LinkedIn's own form (the regex gives the same)
        path = url[len(_LINKEDIN) - 1 :].split("?", 1)[0].split("#", 1)[0].rstrip("/")
        return "linkedin.com" + path.replace("/_u/", "/")
    m = _URL_RE.match(url)
    if not m:
        return url.split("?", 1)[0].rstrip("/")
    host = m.group(1).lower().replace("twitter.com", "x.com")
    path = (m.group(2) or "").split("?", 1)[0].split("#", 1)[0].rstrip("/")
    path = path.replace("/_u/", "/")
    return f"{host}{path.lower() if host != 'linkedin.com' else path}"


def social_host(url: str) -> str:
    """The social network a URL points to.

    Parameters
    ----------
    url
        Any text.

    Returns
    -------
    str
        ``linkedin.com``, ``facebook.com``, ``instagram.com``, ``x.com`` / ``twitter.com`` or ``""``.

    Examples
    --------
    >>> social_host("https://de.linkedin.com/in/ana"), social_host("https://example.org/ana")
    ('linkedin.com', '')
    """
    m = _SOCIAL.match(url.strip())
    return m.group(1).lower() if m else ""


def best_profile(urls: Iterable[str]) -> str:
    """The social profile URL to keep: LinkedIn first, then Facebook, Instagram, X; ``""`` if none.

    Parameters
    ----------
    urls
        The URLs of one contact, in the order the file gives them (the first of a network wins).

    Returns
    -------
    str
        The chosen URL, stripped.

    Examples
    --------
    >>> best_profile(["https://example.org", "https://x.com/ana", " https://linkedin.com/in/ana "])
    'https://linkedin.com/in/ana'
    """
    ranked = [(_SOCIAL_RANK[h], i, u.strip()) for i, u in enumerate(urls) if (h := social_host(u))]
    return min(ranked)[2] if ranked else ""


def url_slug(url: str) -> str:
    """The last path segment of a URL, without query, fragment, ``/_u/`` or trailing slash.

    Parameters
    ----------
    url
        A URL, with or without scheme.

    Returns
    -------
    str
        The segment, or ``""`` when the URL has no path.

    Examples
    --------
    >>> url_slug("https://www.instagram.com/_u/ana.b/?igsh=x"), url_slug("https://x.com")
    ('ana.b', '')
    """
    path = url.strip().split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = path.split("://", 1)[1]
        path = path.split("/", 1)[1] if "/" in path else ""
    parts = [p for p in path.split("/") if p and p != "_u"]
    return parts[-1] if parts else ""
