"""Find sentences of the English message catalogue in a page meant to be French.

A "sentence" is each fixed fragment of an English catalogue text (the text cut at its
``{placeholders}``) that differs from the French catalogue: fragments of two words or more,
and single words of five letters or more matched as whole words. Fragments that also occur in
the French catalogue (``contacts``, ``Suggestion``) are not evidence of English.

What is searched is what a reader sees: a page's HTML without its scripts and styles (the
inlined vis-network bundle and netmix's own code), plus the string values of its JSON data
blocks (tooltips, labels, table cells), keys left out.
"""

from __future__ import annotations

import functools
import html
import json
import re

from netmix.render import i18n

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=1)
def fragments() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(phrases, words) of the English catalogue that a French page must not hold."""
    en, fr = i18n.strings("en"), i18n.strings("fr")
    french = "\n".join(fr.values())
    phrases, words = set(), set()
    for key, text in en.items():
        if text == fr[key]:
            continue
        for part in re.split(r"\{[^}]*\}", text):
            part = part.strip(" .,:;()—–-·→←/")
            if not part or part in french:
                continue
            if " " in part:
                phrases.add(part)
            elif len(part) >= 5 and part.isalpha() and not re.search(rf"\b{re.escape(part)}\b", french):
                words.add(part)
    return tuple(sorted(phrases)), tuple(sorted(words))


#: JSON keys whose string values reach the reader (tooltips, labels, notes, table cells, words)
VISIBLE = {"title", "label", "labels", "name", "text", "note", "evidence", "suggestion", "rows"}


def _strings(value: object, key: str = "") -> list[str]:
    """The strings of a JSON value a reader meets: under a visible key (the nearest key decides)."""
    if isinstance(value, str):
        return [value] if key in VISIBLE else []
    if isinstance(value, dict):
        if key == "strings":  # the page's words, by catalogue key
            return [v for v in value.values() if isinstance(v, str)]
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return []


def visible_text(page: str) -> str:
    """The text of ``page`` a reader can meet: markup text and attributes, JSON data values."""
    parts = []
    for m in SCRIPT.finditer(page):
        if 'id="nm-map-doc"' in m.group("attrs"):  # the report's map page, as a JSON string
            parts.append(visible_text(json.loads(m.group("body"))))
        elif "application/json" in m.group("attrs"):
            parts += _strings(json.loads(m.group("body")))
    rest = STYLE.sub(" ", SCRIPT.sub(" ", page))
    srcdoc = re.search(r'srcdoc="([^"]*)"', rest)
    if srcdoc:  # the report's map page, escaped into the iframe's attribute
        parts.append(visible_text(html.unescape(srcdoc.group(1))))
        rest = rest.replace(srcdoc.group(0), " ")
    parts += re.findall(r'(?:title|alt|placeholder|aria-label)="([^"]*)"', rest)
    parts.append(TAG.sub(" ", rest))
    return html.unescape("\n".join(parts))


def english_in(page: str) -> list[str]:
    """The English catalogue sentences found in ``page`` (``[]`` for a clean French page)."""
    text = visible_text(page)
    phrases, words = fragments()
    found = [p for p in phrases if p in text]
    found += [w for w in words if re.search(rf"\b{re.escape(w)}\b", text)]
    return found
