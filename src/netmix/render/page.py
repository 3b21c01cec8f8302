r"""What every netmix page shares: the template environment, inline static files, JSON for ``<script>``.

>>> str(script_json({"name": "</script>"}))
'{"name":"\\u003c/script\\u003e"}'
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

__all__ = ["environment", "script_json", "static_text"]


def script_json(obj: object) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``… so no ``</script>`` or ``<!--`` can appear;
    U+2028/U+2029 are escaped too (they end lines in old JavaScript parsers).
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return Markup(text)


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of netmix's templates (autoescape on for every template)."""
    env = Environment(loader=PackageLoader("netmix.render", "templates"), autoescape=select_autoescape(default=True))
    return env


@functools.lru_cache(maxsize=4)
def static_text(name: str) -> Markup:
    """A file of ``render/static`` as inline-able text."""
    text = resources.files("netmix.render").joinpath("static", name).read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover
        raise RuntimeError(f"{name} contains '</script'")
    return Markup(text)
