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


@pytest.mark.parametrize(("title", "line", "said", "latin_free"), [
    ("钢管生锈协调会", "@吴工：检查软化水设备 截止 2026-11-25", "- 吴工：检查软化水设备，截止 2026-11-25（已完成）", True),
    ("Rust on steel pipes", "@Wu: check the water softener by 2026-11-25",
     "- Wu: check the water softener, due 2026-11-25 (done)", False),
])
def test_a_card_from_a_meeting_reads_in_the_meetings_language(tmp_path: Path, title: str, line: str, said: str,
                                                                latin_free: bool) -> None:
    """Issue 24: a card made from a past meeting names an action's status as the ledger does, in
    the meeting's language; a Chinese card carries no English marker such as ``[done]``."""
    import re
    from datetime import date

    from facilitator.service import Service

    service = Service.open(tmp_path / "home")
    try:
        m = service.record.new_meeting(title, customer="华东管业", on=date(2026, 11, 20),
                                       language="zh" if latin_free else "en")
        assert m.id is not None
        service.record.capture(m.id, line)
        (action,) = service.record.meeting(m.id).actions
        assert action.id is not None
        service.followup.update(action.id, status="done")
        case = parse_card(service.cases.export_card(m.id).read_text(encoding="utf-8"), "card")
    finally:
        service.close()
    resolution = case.sections["resolution"]
    assert said in resolution.splitlines(), resolution
    assert "[" not in resolution and "done]" not in resolution
    if latin_free:  # only the dates and the order's own words are Latin
        body = "\n".join(case.sections.values())
        assert not re.findall(r"[A-Za-z]{2,}", body), body
        assert "客户：华东管业" in case.sections["situation"]
