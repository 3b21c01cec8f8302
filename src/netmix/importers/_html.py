"""A tiny, tolerant HTML tree on the stdlib :mod:`html.parser` (no bs4), for export pages.

Entities are unescaped by the parser; unclosed tags are closed when an ancestor closes; nesting
deeper than :data:`MAX_DEPTH` is flattened (so hostile pages cannot exhaust the stack). Every
traversal is iterative.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from ..errors import InputError
from ..io.sources import Member

__all__ = ["MAX_DEPTH", "VOID", "Node", "parse_html"]

MAX_DEPTH = 400
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])


class Node:
    """One element: tag, attributes, children (elements and text), parent."""

    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []
        self.parent = parent

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        """Descendant elements in document order (not including ``self``)."""
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Node):
                    yield child
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node | None:
        for n in self.iter():
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes):
                return n
        return None

    def text(self) -> str:
        """The text of the element, whitespace collapsed."""
        parts: list[str] = []
        stack: list = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Node):
                    if child.tag == "br":
                        parts.append(" ")
                    stack.append(iter(child.children))
                    break
                parts.append(child)
            else:
                stack.pop()
        return " ".join("".join(parts).split())

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack: list[Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "li":  # an unclosed <li> is closed by the next one of the same list
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t in ("ul", "ol"):
                    break
                if t == "li":
                    del self.stack[i:]
                    break
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str, member: Member) -> Node:
    """Parse a page into a :class:`Node` tree; a parser failure becomes an :class:`InputError`."""
    builder = _Builder()
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:  # _markupbase raises these on odd markup
        raise InputError(
            f"unreadable HTML ({type(exc).__name__})",
            file=member.archive,
            member=member.inner,
            hint="the page is damaged; download the export again (JSON format if you can)",
        ) from exc
    return builder.root
