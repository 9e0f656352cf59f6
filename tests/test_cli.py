"""The command-line contract of design.md section 4, run as real subprocesses."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_NOTES, RunCli, cli_env

needs_sample = pytest.mark.skipif(not SAMPLE_NOTES.exists(), reason="shared eval notes not present")


def one_line_error(proc) -> str:  # type: ignore[no-untyped-def]
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_meetings_empty_home(run_cli: RunCli, home: Path) -> None:
    proc = run_cli("meetings", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []
    assert not (home / "meetings.db").exists()  # listing creates nothing


def test_meet_new_then_meetings_json_keys(run_cli: RunCli) -> None:
    first = run_cli("meet", "--new", "钢管生锈协调会", "--customer", "华东管业", "--order", "PO-7",
                    "--date", "2026-11-23", "--no-tui")
    assert first.returncode == 0, first.stderr
    second = run_cli("meet", "--new", "Budget for video rooms", "--date", "2026-11-27", "--no-tui")
    listed = json.loads(run_cli("meetings", "--json").stdout)
    assert [set(m) >= {"id", "title", "date", "customer", "order"} for m in listed] == [True, True]
    assert [m["title"] for m in listed] == ["Budget for video rooms", "钢管生锈协调会"]  # newest first
    assert listed[1] == {"id": int(first.stdout), "title": "钢管生锈协调会", "date": "2026-11-23",
                         "customer": "华东管业", "order": "PO-7", "status": "open"}
    assert int(second.stdout) == listed[0]["id"]
    text = run_cli("meetings").stdout
    assert "钢管生锈协调会" in text and "华东管业" in text


def test_meet_unknown_meeting_is_a_user_error(run_cli: RunCli) -> None:
    assert "no meeting with id 42" in one_line_error(run_cli("meet", "42", "--no-tui"))


@needs_sample
def test_draft_from_sample_matches_gold(run_cli: RunCli) -> None:
    gold = json.loads(SAMPLE_NOTES.with_suffix(".gold.json").read_text(encoding="utf-8"))
    proc = run_cli("draft", "--from", str(SAMPLE_NOTES), "--offline", "--json", "--date", gold["date"])
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"mode", "responsibilities", "actions", "decisions", "obstacles", "open_questions", "gaps",
            "cited_cases", "markdown"} <= set(out)
    assert out["mode"] == "offline"
    got_r = sorted((r["item"], r["owner"], r["status"]) for r in out["responsibilities"])
    want_r = sorted((r["item"], r["owner"], r["status"]) for r in gold["responsibilities"])
    assert got_r == want_r
    assert all(set(r) >= {"item", "owner", "basis", "status"} for r in out["responsibilities"])
    got_a = sorted((a["owner"], a["due"] or "") for a in out["actions"])
    assert got_a == sorted((a["owner"], a["due"] or "") for a in gold["actions"])
    assert all(set(a) >= {"action", "owner", "due", "status"} for a in out["actions"])
    assert len(out["decisions"]) == gold["decisions"]
    assert len(out["open_questions"]) == gold["open_questions"]
    assert len(out["obstacles"]) == gold["obstacles"]
    assert any("返工费用" in g for g in out["gaps"])  # the disputed item is a gap to close
    assert "清洗工艺改进" in out["markdown"]


def test_draft_llm_without_endpoint_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("@甲: 做事 截止 2026-12-01\n", encoding="utf-8")
    line = one_line_error(run_cli("draft", "--from", str(notes), "--llm"))
    assert "no LLM endpoint configured" in line


@needs_sample
def test_import_new_meeting_then_draft_and_export(run_cli: RunCli, tmp_path: Path) -> None:
    proc = run_cli("import", str(SAMPLE_NOTES), "--new", "钢管生锈", "--customer", "华东管业",
                   "--order", "PO-1123", "--date", "2026-11-23", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"cues", "warnings"}
    assert all(set(c) == {"speaker", "start", "end", "text"} for c in data["cues"])
    assert all(c["start"] is None for c in data["cues"])
    mid = data["meeting_id"]
    assert data["recorded"]["action"] == 4 and data["recorded"]["responsibility"] == 4

    drafted = json.loads(run_cli("draft", str(mid), "--json").stdout)
    assert sorted((a["owner"], a["due"] or "") for a in drafted["actions"]) == [
        ("吴工", "2026-11-25"), ("张伟", ""), ("郑工", "2026-12-01"), ("黄主任", "2026-11-26")]

    record = json.loads(run_cli("export", str(mid), "--format", "json").stdout)
    assert record["customer"] == "华东管业" and record["order"] == "PO-1123"
    assert {p["name"] for p in record["participants"]} >= {"张伟", "黄主任", "吴工", "郑工"}
    assert len(record["obstacles"]) == 2

    md = run_cli("export", str(mid), "--format", "md").stdout
    assert "钢管生锈" in md and "吴工" in md and "返工费用由谁承担" in md

    rows = list(csv.DictReader(io.StringIO(run_cli("export", str(mid), "--format", "csv").stdout.lstrip("\ufeff"))))
    assert {r["负责人"]: r["截止"] for r in rows} == {
        "吴工": "2026-11-25", "黄主任": "2026-11-26", "郑工": "2026-12-01", "张伟": ""}

    out = tmp_path / "actions.ics"
    assert run_cli("export", str(mid), "--format", "ics", "--out", str(out)).returncode == 0
    import icalendar

    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["SUMMARY"]): e.decoded("DTSTART").isoformat() for e in cal.walk("VEVENT")}
    assert len(events) == 3  # the undated action has no calendar entry
    assert any(s.startswith("吴工") and d == "2026-11-25" for s, d in events.items())


def test_import_without_meeting_prints_cues(run_cli: RunCli, tmp_path: Path) -> None:
    vtt = tmp_path / "m.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v 张伟>交期还剩十天</v>\n", encoding="utf-8")
    proc = run_cli("import", str(vtt), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "cues": [{"speaker": "张伟", "start": 1.0, "end": 3.5, "text": "交期还剩十天"}], "warnings": []}


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary")],
)
def test_import_refuses_empty_and_binary(run_cli: RunCli, tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert expected in one_line_error(run_cli("import", str(path)))


@pytest.mark.parametrize(
    "args",
    [
        ("import", "/nonexistent/notes.md"),
        ("draft", "--from", "/nonexistent/notes.md"),
        ("draft",),
        ("export", "9", "--format", "json"),
        ("export", "1", "--format", "pdf"),
        ("meet", "--new", "x", "--deadline", "next week", "--no-tui"),
        ("search", "--batch", "q.txt"),
        ("nonsense",),
    ],
)
def test_bad_input_exits_2_with_one_line(run_cli: RunCli, args: tuple[str, ...]) -> None:
    one_line_error(run_cli(*args))


def test_corrupt_database_gives_one_line_and_is_untouched(run_cli: RunCli, home: Path) -> None:
    db = home / "meetings.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    before = db.read_bytes()
    line = one_line_error(run_cli("meetings"))
    assert str(db) in line
    assert db.read_bytes() == before
    one_line_error(run_cli("meet", "--new", "x", "--no-tui"))
    assert db.read_bytes() == before


def test_home_from_environment(run_cli: RunCli, tmp_path: Path) -> None:
    other = tmp_path / "envhome"
    env = cli_env(FACILITATOR_HOME=str(other))
    assert run_cli("meet", "--new", "env home", "--no-tui", env=env, use_home=False).returncode == 0
    assert (other / "meetings.db").exists()
    listed = json.loads(run_cli("meetings", "--json", env=env, use_home=False).stdout)
    assert [m["title"] for m in listed] == ["env home"]


def test_doctor_reports_and_never_prints_the_key(run_cli: RunCli) -> None:
    run_cli("meet", "--new", "x", "--no-tui")
    proc = run_cli("doctor", env=cli_env(OPENAI_API_KEY="sk-secret-123456", OPENAI_BASE_URL="http://127.0.0.1:9/v1"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("home", "database", "config", "llm"):
        assert any(line.split()[1:2] == [name] for line in proc.stdout.splitlines()), name
    assert "sk-secret-123456" not in proc.stdout + proc.stderr
    assert "quick_check ok" in proc.stdout


def test_actions_listing(run_cli: RunCli, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("@甲：备料 截止 2026-12-01\n@乙：通知客户\n", encoding="utf-8")
    assert run_cli("import", str(notes), "--new", "m", "--date", "2026-11-23").returncode == 0
    rows = json.loads(run_cli("actions", "--json").stdout)
    assert [(r["owner"], r["due"], r["status"]) for r in rows] == [("甲", "2026-12-01", "open"), ("乙", None, "open")]
    assert [r["owner"] for r in json.loads(run_cli("actions", "--owner", "乙", "--json").stdout)] == ["乙"]


def test_works_from_a_non_editable_copy_of_bundled_data(tmp_path: Path) -> None:
    """prompts/ must be found from the installed package; the playbook loads."""
    from facilitator import locations
    from facilitator.playbook import load_playbook

    copied = tmp_path / "playbook.toml"
    shutil.copy(locations.prompts_dir() / "playbook.toml", copied)
    stages = load_playbook(copied)
    assert [s.id for s in stages] == ["convene", "stuck", "boundaries", "obstacle", "solution", "actions"]


def test_every_command_and_option_explains_itself_in_help() -> None:
    import argparse

    from facilitator.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helped = {choice.dest for choice in sub._choices_actions if choice.help}
    assert set(sub.choices) == helped
    silent = [
        f"{name} {action.dest}"
        for name, command in sub.choices.items()
        for action in command._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert silent == []


def test_minutes_name_a_cited_case_by_its_title(run_cli: RunCli, home: Path) -> None:
    """A case cited in the meeting (the TUI's c) reads in the minutes as its card's title with
    the id; the JSON's cited_cases stays the list of ids design.md promises."""
    from facilitator.service import Service

    mid = int(run_cli("meet", "--new", "钢管生锈协调会", "--date", "2026-11-23", "--no-tui").stdout)
    service = Service.open(home)
    try:
        service.cases.cite(mid, "pipe-rust-soft-water")
    finally:
        service.close()
    cited = "- 《钢管打磨清洗后很快生锈，夏季潮湿导致工序中断》（pipe-rust-soft-water）"
    drafted = json.loads(run_cli("draft", str(mid), "--json").stdout)
    assert drafted["cited_cases"] == ["pipe-rust-soft-water"]
    assert "## 参考案例\n\n" + cited in drafted["markdown"]
    assert cited in run_cli("export", str(mid), "--format", "md").stdout
