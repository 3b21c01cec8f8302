"""The lists of the pre-2018 Facebook ``friends.htm``, recognised by their heading in the interface language.

The page has one ``h2`` + ``ul`` per list. The first is always the friends; the others are
found by words of their heading, in the languages Facebook's interface used (English, German,
French, Spanish, Italian, Portuguese, Dutch, and the English headings some translated pages kept,
such as ``Deleted Friend Requests`` on a Spanish page). A heading none of them matches is
reported, never guessed.
"""

from __future__ import annotations

import unicodedata

__all__ = ["SECTION_WORDS", "section_kind"]

#: kind -> heading word stems (accents removed, lower case). ``followers`` / ``following`` are
#: recognised so that they can be left out knowingly (they are not friends).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "rejected": (
        "declined", "rejected", "deleted friend request", "ignored",
        "abgelehnt", "geloschte freundschaftsanfrage", "ignoriert",
        "refus", "rejet", "ignore",
        "rechazad", "ignorad", "eliminadas",
        "rifiutat", "ignorat",
        "recusad", "rejeitad",
        "geweigerd", "afgewezen", "genegeerd",
    ),
    "sent": ("sent", "schick", "gesendet", "gesandt", "envoy", "enviad", "inviat", "verzonden", "verstuurd"),
    "received": ("received", "erhalten", "empfangen", "recu", "recib", "ricevut", "recebid", "ontvangen"),
    "removed": (
        "removed", "deleted", "unfriended",
        "geloscht", "entfernt",
        "supprim", "retir",
        "eliminad", "borrad",
        "rimoss", "eliminat",
        "removid", "excluid",
        "verwijderd",
    ),
    "followers": ("follower", "abonnent", "abonne", "seguidor", "volger"),
    "following": ("following", "abonniert", "abonnements", "siguiendo", "seguendo", "volgend"),
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def section_kind(heading: str) -> str:
    """What a list of the page holds, from its heading: a request status, ``followers``, or ``""``.

    Rejected requests are tested first (``Deleted Friend Requests`` is about requests, not
    friends), then sent and received requests, removed friends, followers.

    Parameters
    ----------
    heading
        The ``h2`` text.

    Returns
    -------
    str
        ``rejected``, ``sent``, ``received``, ``removed``, ``followers``, ``following`` or ``""``.

    Examples
    --------
    >>> [section_kind(h) for h in ("Sent Friend Requests", "Schicke Freunden Anfragen", "Gelöschte Freunde",
    ...     "Recibiste solicitudes de amistad", "Deleted Friend Requests", "Abonnenten", "Freundesgruppe")]
    ['sent', 'sent', 'removed', 'received', 'rejected', 'followers', '']
    """
    plain = _plain(heading)
    for kind, words in SECTION_WORDS.items():
        if any(w in plain for w in words):
            return kind
    return ""
