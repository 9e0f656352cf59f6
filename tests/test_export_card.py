"""A finished meeting becomes a card in the home's cases/ and is found by search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.library.cards import parse_card
from tests.conftest import SAMPLE_NOTES, RunCli


@pytest.mark.skipif(not SAMPLE_NOTES.exists(), reason="shared eval notes not present")
def test_meeting_exported_as_card_is_indexed_and_found(run_cli: RunCli, home: Path) -> None:
    imported = run_cli("import", str(SAMPLE_NOTES), "--new", "钢管生锈返工费用协调会", "--customer", "华东管业",
                       "--date", "2026-11-23", "--json")
    mid = json.loads(imported.stdout)["meeting_id"]
    proc = run_cli("export", str(mid), "--format", "card")
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.strip())
    assert path.parent == home / "cases" and path.exists()
    case = parse_card(path.read_text(encoding="utf-8"), str(path))
    assert case.id == f"meeting-{mid}-2026-11-23" and case.lang == "zh"
    assert "返工费用由谁承担" in case.sections["boundary"]
    assert "吴工" in case.sections["resolution"]
    assert {"生产部", "设备部", "质量部"} <= set(case.departments)

    hits = json.loads(run_cli("search", "返工费用由谁承担 钢管生锈 华东管业", "-k", "3", "--json").stdout)
    assert case.id in [h["case_id"] for h in hits]


def test_empty_meeting_cannot_become_a_card(run_cli: RunCli) -> None:
    mid = run_cli("meet", "--new", "空会议", "--no-tui").stdout.strip()
    proc = run_cli("export", mid, "--format", "card")
    assert proc.returncode == 2 and "nothing to make a card from" in proc.stderr
