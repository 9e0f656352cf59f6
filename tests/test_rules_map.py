"""docs/rules.md names, for each rule of the design, the one file that holds it: every file
and symbol it names must exist there, so the map a newcomer reads cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "docs" / "rules.md"


def rows() -> list[tuple[str, list[str], list[str]]]:
    """(rule, files, symbols) for each row of the rules table."""
    found = []
    for line in MAP.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`facilitator/"):
            continue
        files = re.findall(r"`(facilitator/[^`]+)`", cells[1])
        symbols = re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", cells[2])
        found.append((cells[0], files, symbols))
    return found


def test_every_rule_names_files_and_symbols_that_exist() -> None:
    table = rows()
    assert len(table) >= 20, "the rules table lost its rows"
    for rule, files, symbols in table:
        assert files, rule
        paths = [ROOT / f for f in files]
        for path in paths:
            assert path.exists(), f"{rule}: {path} does not exist"
        text = "".join((p.read_text(encoding="utf-8") if p.is_file()
                        else "".join(q.read_text(encoding="utf-8") for q in p.rglob("*.py"))) for p in paths)
        for symbol in symbols:
            assert re.search(rf"\b(def|class)\s+{symbol}\b|^{symbol}\b\s*[:=]|\b{symbol}\s*[:=]", text, re.M), \
                f"{rule}: {symbol} is not defined in {files}"


def test_every_use_case_module_is_on_the_map() -> None:
    text = MAP.read_text(encoding="utf-8")
    for name in ("record", "cases", "followup", "drafts", "doctor"):
        assert f"`facilitator/{name}.py`" in text
