"""``--json`` on every command that prints data: each new shape parsed and checked for the
keys a script relies on, with real sends to loopback servers (README, "Scripts").

The golden test holds the exact bytes; these tests say what each key means."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli, cli_env
from tests.delivery_servers import RobotServer, SmtpServer, config_toml

NOTES = Path(__file__).parent / "data" / "followup-notes.md"
USER = "sales@example.com"
PASSWORD = "pw-json-never-on-disk"
MESSAGE_KEYS = {"kind", "channel", "recipient", "address", "subject", "body", "mobiles", "action_ids", "state",
                "answer"}


def ok(proc: subprocess.CompletedProcess[str]) -> object:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def servers() -> Iterator[tuple[SmtpServer, RobotServer]]:
    with SmtpServer(user=USER, password=PASSWORD) as smtp, RobotServer() as robots:
        yield smtp, robots


@pytest.fixture
def meeting(run_cli: RunCli, home: Path, servers: tuple[SmtpServer, RobotServer]) -> RunCli:
    (home / "config.toml").write_text(config_toml(*servers, user=USER), encoding="utf-8")
    made = ok(run_cli("meet", "--new", "钢管生锈协调会", "--order", "PO-1123", "--date", "2026-11-23",
                      "--no-tui", "--json"))
    assert made == {"id": 1, "title": "钢管生锈协调会", "date": "2026-11-23", "customer": "", "order": "PO-1123",
                    "status": "open"}
    assert run_cli("import", str(NOTES), "--meeting", "1").returncode == 0
    return run_cli


def test_meet_json_is_the_meetings_entry_and_needs_no_tui(meeting: RunCli) -> None:
    listed = ok(meeting("meetings", "--json"))
    assert isinstance(listed, list)
    assert ok(meeting("meet", "1", "--no-tui", "--json")) == listed[0]
    refused = meeting("meet", "1", "--json")
    assert refused.returncode == 2 and refused.stderr.strip() == "facilitator: --json goes with --no-tui"


def test_index_json_counts_chunks(run_cli: RunCli) -> None:
    first = ok(run_cli("index", "--rebuild", "--json"))
    again = ok(run_cli("index", "--json"))
    assert isinstance(first, dict) and isinstance(again, dict)
    assert set(first) == {"cards", "chunks", "added", "updated", "removed", "unchanged", "errors", "notices"}
    assert first["added"] == first["chunks"] > 0 and first["errors"] == []
    assert again["unchanged"] == first["chunks"] and again["added"] == 0


def test_doctor_json_lists_each_check_and_keeps_the_exit_code(run_cli: RunCli, home: Path) -> None:
    checks = ok(run_cli("doctor", "--json"))
    assert isinstance(checks, list)
    assert all(set(c) == {"name", "ok", "detail", "warning"} for c in checks)
    assert {c["name"] for c in checks} >= {"home", "database", "index", "config", "llm"}
    (home / "meetings.db").write_bytes(b"not a database" * 100)  # a check fails
    proc = run_cli("doctor", "--json")
    assert proc.returncode == 1, proc.stderr
    assert [c["name"] for c in json.loads(proc.stdout) if not c["ok"]] == ["database"]


def test_followup_json_messages_files_and_dry_run(meeting: RunCli, home: Path) -> None:
    texts = ok(meeting("followup", "1", "--as-of", "2026-11-27", "--json"))
    assert isinstance(texts, list)
    assert [m["owner"] for m in texts] == ["吴工", "张伟", "郑工", "黄主任"]
    assert "检查软化水设备并估算产能" in texts[0]["text"]
    written = ok(meeting("followup", "1", "--out", str(home / "out"), "--as-of", "2026-11-27", "--json"))
    assert isinstance(written, list) and len(written) == 4
    assert all(Path(w["path"]).read_text(encoding="utf-8") for w in written)
    plan = ok(meeting("followup", "1", "--dry-run", "--as-of", "2026-11-27", "--json"))
    assert isinstance(plan, dict) and plan["kind"] == "followup" and plan["dry_run"] is True
    assert all(set(m) == MESSAGE_KEYS and m["state"] == "new" and m["answer"] is None for m in plan["messages"])
    assert {m["recipient"] for m in plan["messages"] if m["channel"] == "email"} == {"吴工", "黄主任"}
    robot = next(m for m in plan["messages"] if m["channel"] != "email")
    assert "…" in robot["address"]  # the robot's key is masked, as on screen


def test_sending_with_json_reports_each_outcome_then_already_sent(
    meeting: RunCli, servers: tuple[SmtpServer, RobotServer]
) -> None:
    env = cli_env(FACILITATOR_SMTP_PASSWORD=PASSWORD)
    sent = ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", "--json", env=env))
    assert isinstance(sent, dict) and sent["dry_run"] is False
    assert sent["messages"] and all(m["state"] == "sent" and m["answer"] for m in sent["messages"])
    assert len(servers[0].mails) == sum(1 for m in sent["messages"] if m["channel"] == "email")
    again = ok(meeting("followup", "1", "--send", "--as-of", "2026-11-27", "--json", env=env))
    assert isinstance(again, dict)
    assert [m["state"] for m in again["messages"]] == ["already sent"] * len(sent["messages"])


def test_remind_and_escalate_json(meeting: RunCli) -> None:
    reminders = ok(meeting("remind", "--as-of", "2026-11-27", "--json"))
    assert isinstance(reminders, dict) and reminders["kind"] == "remind" and reminders["dry_run"] is True
    assert {m["recipient"] for m in reminders["messages"] if m["channel"] == "email"} == {"吴工", "黄主任"}
    escalation = ok(meeting("escalate", "1", "--as-of", "2026-11-27", "--json"))
    assert isinstance(escalation, dict) and escalation["kind"] == "escalate" and escalation["dry_run"] is True
    [mail] = escalation["messages"]
    assert mail["action_ids"] == [1] and mail["channel"] == "email" and "吴工" in mail["body"]
    refused = meeting("escalate", "99", "--json")
    assert refused.returncode == 2 and refused.stdout == ""  # bad input: one line on stderr, no JSON
