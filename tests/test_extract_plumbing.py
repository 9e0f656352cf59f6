"""The extractor end to end through the command line, on real SQLite files: a transcript
imported into a new meeting gives pending suggestions (once, however often it is imported),
its speakers are the meeting's people, and the draft lists the extracted actions with owner,
due, quote and source (the floor of ``shared/eval/speech/sample-zh``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, RunCli

SPEECH = SHARED / "eval" / "speech" / "sample-zh.txt"
pytestmark = pytest.mark.skipif(not SPEECH.exists(), reason="shared speech sample not present")


def _import(run_cli: RunCli, *more: str) -> dict:  # type: ignore[type-arg]
    proc = run_cli("import", str(SPEECH), *more, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_transcript_becomes_suggestions_then_a_draft_with_quotes(run_cli: RunCli, tmp_path: Path) -> None:
    gold = json.loads(SPEECH.with_suffix(".gold.json").read_text(encoding="utf-8"))
    out = _import(run_cli, "--new", "包装延期协调会", "--date", gold["date"])
    assert set(out) >= {"cues", "warnings"} and len(out["cues"]) == 12
    mid = out["meeting_id"]
    assert out["recorded"]["suggestion"] == len(out["suggestions"]) > 0
    human = run_cli("import", str(SPEECH), "--meeting", str(mid), "--again")
    assert human.returncode == 0, human.stderr
    assert f"suggestions found: 0 new, {len(out['suggestions'])} waiting" in human.stdout  # not doubled

    exported = json.loads(run_cli("export", str(mid), "--format", "json").stdout)
    assert [p["name"] for p in exported["participants"]] == gold["participants"]
    assert {p["department"] for p in exported["participants"]} == {"销售", "采购部", "生产部"}

    draft = run_cli("draft", str(mid), "--offline", "--json")
    assert draft.returncode == 0, draft.stderr
    actions = json.loads(draft.stdout)["actions"]
    extracted = [a for a in actions if a["source"] == "extracted"]
    assert extracted and all(a["quote"] and set(a) >= {"action", "owner", "due", "status"} for a in extracted)
    found = {(a["owner"], a["due"]) for a in extracted}
    wanted = {(a["owner"], a["due"]) for a in gold["actions"]}
    assert len(found & wanted) >= 2, (found, wanted)
    assert not any("价格" in a["action"] for a in actions)  # a vague remark is no action
    md = json.loads(draft.stdout)["markdown"]
    assert "（提取）" in md and "「" in md


def test_draft_from_a_transcript_includes_what_is_extracted(run_cli: RunCli) -> None:
    proc = run_cli("draft", "--from", str(SPEECH), "--offline", "--json", "--date", "2026-12-07")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert any(a["source"] == "extracted" and a["quote"] for a in out["actions"])
    assert "王强（销售）" in out["markdown"]  # the speakers are the participants
