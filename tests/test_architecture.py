"""The shape of the code: layers import only downwards, leaf packages stay light, modules and functions stay small.

The layers are those of docs/architecture.md, lowest first. A module may import from its own layer
and the layers below; nothing below the package root imports the root. Imports inside functions
count too (a lazy import that runs back up is still a cycle); ``if TYPE_CHECKING:`` blocks do not.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "netmix"

#: lowest first; the first dotted part below ``netmix`` names the layer of a module
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "model", "_version"),
    ("io", "util"),
    ("importers", "ties", "scenario", "privacy", "risk", "config"),
    ("resolution",),
    ("graph",),
    ("analysis",),
    ("render",),
    ("pipeline",),
    ("batch",),
    ("cli", "__main__"),
)
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


def _dotted(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path``, relative ones resolved, TYPE_CHECKING blocks skipped."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    module = ".".join(base + ([child.module] if child.module else []))
                else:
                    module = child.module or ""
                # ``from netmix import graph`` imports the sub-module ``netmix.graph``
                found.extend((child.lineno, f"{module}.{a.name}" if module == "netmix" else module) for a in child.names)
            visit(child)

    visit(tree)
    return [(line, name) for line, name in found if name == "netmix" or name.startswith("netmix.")]


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYER_OF.get(parts[1]) if len(parts) > 1 else None


def test_every_module_has_a_layer():
    unknown = sorted({_dotted(p) for p in _modules() if _layer(_dotted(p)) is None})
    assert not unknown, f"add these to LAYERS (and docs/architecture.md): {unknown}"


def test_layers_import_only_downwards():
    upward = []
    for path in _modules():
        own = _layer(_dotted(path))
        for line, target in _imports(path):
            rank = _layer(target)
            if target == "netmix" or (rank is not None and own is not None and rank > own):
                upward.append(f"{path.relative_to(SRC.parent)}:{line} imports {target}")
    assert not upward, "imports that run up the layers:\n" + "\n".join(upward)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(m for m in sys.modules if m.startswith(('netmix', 'pandas'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_resolution_loads_no_importer_and_no_render():
    loaded = _loaded_after("import netmix.resolution")
    assert not {m for m in loaded if m.startswith(("netmix.importers", "netmix.render", "netmix.analysis"))}


def test_import_netmix_stays_light():
    loaded = _loaded_after("import netmix")
    assert "pandas" not in loaded and not {m for m in loaded if m.startswith("netmix.")} - {"netmix._version"}


def test_modules_stay_small():
    big = {str(p.relative_to(SRC.parent)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not big, f"modules over {MAX_MODULE_LINES} lines: {big}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_functions_stay_short(path):
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_public_modules_declare_all():
    missing = [
        str(p.relative_to(SRC.parent))
        for p in _modules()
        if not p.name.startswith("_") and p.name != "__main__.py" and "__all__" not in p.read_text(encoding="utf-8")
    ]
    assert not missing, f"modules without __all__: {missing}"
