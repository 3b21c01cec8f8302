"""The words of the map and the report, in English and French.

>>> t("fr", "sphere.both")
'perso et pro'
>>> t("en", "headline.vanish", n=12, account="perso")
'12 contacts would vanish if you deleted your account perso'
>>> number("fr", 35236), number("fr", 2.25, 1), number("en", 35236)
('35\u202f236', '2,2', '35,236')
"""

from __future__ import annotations

import importlib

from ..errors import ConfigError
from .catalogue import CATALOGUES

__all__ = ["LANGS", "check_lang", "number", "strings", "t", "value"]

LANGS: tuple[str, ...] = ("en", "fr")


def _merge() -> dict[str, dict[str, str]]:
    """One dict per language from every catalogue module; a key defined twice or missing in a language fails at import."""
    tables: dict[str, dict[str, str]] = {"en": {}, "fr": {}}
    for name in CATALOGUES:
        module = importlib.import_module(f"{__package__}.catalogue.{name}")
        assert set(module.EN) == set(module.FR), f"catalogue {name}: {set(module.EN) ^ set(module.FR)}"
        for lang, words in (("en", module.EN), ("fr", module.FR)):
            clash = set(words) & set(tables[lang])
            assert not clash, f"catalogue {name} redefines {sorted(clash)}"
            tables[lang].update(words)
    return tables


_TABLES = _merge()


def check_lang(lang: str) -> str:
    """``lang`` if supported, else a :class:`ConfigError` listing the languages."""
    if lang not in _TABLES:
        raise ConfigError(f"language {lang!r} is not available", hint=f"use one of {', '.join(LANGS)}")
    return lang


def t(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = _TABLES[check_lang(lang)][key]
    return text.format(**values) if values else text


def number(lang: str, n: float, digits: int = 0) -> str:
    """``n`` written as the reader's language writes numbers: ``35,236`` and ``2.5`` in English, ``35 236`` (a
    narrow no-break space) and ``2,5`` in French; ``digits`` after the decimal point."""
    text = f"{n:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",") if check_lang(lang) == "fr" else text


def value(lang: str, kind: str, raw: str) -> str:
    """A data value shown to the reader (``value("fr", "band", "likely")`` → ``"probable"``).

    Unknown values are shown as they are.
    """
    return _TABLES[check_lang(lang)].get(f"{kind}.{raw}", raw)


def strings(lang: str, prefix: str = "") -> dict[str, str]:
    """All strings whose key starts with ``prefix`` (for the page's script)."""
    return {k: v for k, v in sorted(_TABLES[check_lang(lang)].items()) if k.startswith(prefix)}
