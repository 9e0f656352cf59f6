"""The follow-up commands as a script would use them: real subprocesses, exact JSON keys."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from tests.conftest import RunCli

LEDGER_KEYS = {"id", "action", "owner", "due", "status", "meeting_id", "order"}


def ok(result: object) -> str:
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def refused(result: object, needle: str) -> None:
    assert result.returncode == 2  # type: ignore[attr-defined]
    err = str(result.stderr)  # type: ignore[attr-defined]
    assert needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


NOTES = Path(__file__).parent / "data" / "followup-notes.md"


@pytest.fixture
def two_meetings(run_cli: RunCli) -> RunCli:
    """A first meeting (four actions due 11-25, 11-26, 12-01 and undated) on PO-1123,
    then a second meeting on the same order a week later."""
    ok(run_cli("meet", "--new", "钢管生锈协调会", "--customer", "华东管业", "--order", "PO-1123",
               "--date", "2026-11-23", "--no-tui"))
    ok(run_cli("import", str(NOTES), "--meeting", "1"))
    ok(run_cli("meet", "--new", "钢管生锈第二次协调", "--customer", "华东管业", "--order", "PO-1123",
               "--date", "2026-11-30", "--no-tui"))
    return run_cli


def test_actions_json_has_the_ledger_keys_and_overdue_is_relative_to_as_of(two_meetings: RunCli) -> None:
    every = json.loads(ok(two_meetings("actions", "--json")))
    assert len(every) == 4
    for entry in every:
        assert set(entry) >= LEDGER_KEYS
        assert entry["meeting_id"] == 1 and entry["order"] == "PO-1123"
    overdue = json.loads(ok(two_meetings("actions", "--overdue", "--as-of", "2026-11-26", "--json")))
    assert [(e["owner"], e["due"]) for e in overdue] == [("吴工", "2026-11-25")]
    overdue = json.loads(ok(two_meetings("actions", "--overdue", "--as-of", "2026-12-02", "--json")))
    assert [e["owner"] for e in overdue] == ["吴工", "黄主任", "郑工"]
    assert all(e["overdue"] for e in overdue)
    assert json.loads(ok(two_meetings("actions", "--order", "PO-404", "--json"))) == []
    assert len(json.loads(ok(two_meetings("actions", "--owner", "张伟", "--json")))) == 1


def test_action_updates_from_scripts_keep_a_history(two_meetings: RunCli) -> None:
    first = json.loads(ok(two_meetings("actions", "--owner", "黄主任", "--json")))[0]
    aid = str(first["id"])
    blocked = json.loads(ok(two_meetings("action", aid, "--blocked", "等软化水设备到货", "--json")))
    assert blocked["status"] == "blocked" and blocked["reason"] == "等软化水设备到货"
    moved = json.loads(ok(two_meetings("action", aid, "--due", "2026-12-03", "--json")))
    assert moved["due"] == "2026-12-03" and moved["status"] == "blocked"
    done = json.loads(ok(two_meetings("action", aid, "--done", "--json")))
    assert done["status"] == "done" and done["reason"] is None
    assert [(h["kind"], h["status"]) for h in done["history"]] == [
        ("created", "open"), ("status", "blocked"), ("due", "blocked"), ("status", "done"),
    ]
    # --open lists what is still owed; done work is gone from it
    still = json.loads(ok(two_meetings("actions", "--open", "--json")))
    assert int(aid) not in [e["id"] for e in still] and len(still) == 3
    text = ok(two_meetings("action", aid))
    assert "done" in text and "等软化水设备到货" in text


def test_date_options_take_the_quick_capture_forms(two_meetings: RunCli) -> None:
    """``--due 12月8日`` and ``--as-of 12/1`` mean what they mean in the notes box."""
    from datetime import date, timedelta

    moved = json.loads(ok(two_meetings("action", "1", "--due", "12月8日", "--json")))
    assert moved["due"].endswith("-12-08")
    friday = json.loads(ok(two_meetings("action", "1", "--due", "周五", "--json")))
    due = date.fromisoformat(friday["due"])
    assert due.weekday() == 4 and timedelta(days=0) < due - date.today() <= timedelta(days=7)


def test_bad_updates_are_refused_in_one_line_and_change_nothing(two_meetings: RunCli, home: Path) -> None:
    refused(two_meetings("action", "99", "--done"), "no action with id 99")
    refused(two_meetings("action", "1", "--blocked", " "), "needs a reason")
    refused(two_meetings("action", "1", "--done", "--drop", "x"), "not allowed with argument")
    refused(two_meetings("action", "1", "--due", "12/40"), "not a date")
    refused(two_meetings("actions", "--as-of", "2026-13-01"), "not a date")
    refused(two_meetings("followup"), "MEETING_ID or --order")
    refused(two_meetings("delivery", "PO-404"), "no meeting on order")
    entry = json.loads(ok(two_meetings("action", "1", "--json")))
    assert entry["status"] == "open" and len(entry["history"]) == 1


def test_second_meeting_carries_the_first_meetings_open_actions(two_meetings: RunCli) -> None:
    ok(two_meetings("action", "1", "--done"))
    record = json.loads(ok(two_meetings("export", "2", "--format", "json")))
    assert record["actions"] == []  # actions stay with the meeting they came from ...
    messages = ok(two_meetings("followup", "2"))
    # ... and the second meeting's follow-up lists what the first still owes
    assert "# 跟进事项：黄主任" in messages and "安排对比测试" in messages
    assert "检查软化水设备" not in messages  # done
    delivery = json.loads(ok(two_meetings("delivery", "PO-1123", "--as-of", "2026-11-30", "--json")))
    assert [m["id"] for m in delivery["meetings"]] == [1, 2]
    assert delivery["outstanding"] == 3 and delivery["overdue"] == 1


def test_followup_writes_one_file_per_owner(two_meetings: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    paths = ok(two_meetings("followup", "1", "--out", str(out), "--as-of", "2026-11-27")).split()
    names = sorted(Path(p).name for p in paths)
    assert names == sorted(f"followup-meeting-1-{o}.md" for o in ("吴工", "黄主任", "郑工", "张伟"))
    wu = (out / "followup-meeting-1-吴工.md").read_text(encoding="utf-8")
    assert "检查软化水设备并估算产能（截止 2026-11-25；已逾期 2 天）" in wu


def test_ledger_exports_ics_and_csv_that_parse(two_meetings: RunCli, tmp_path: Path) -> None:
    ok(two_meetings("action", "2", "--blocked", "设备未到"))
    ics = tmp_path / "actions.ics"
    ok(two_meetings("actions", "--open", "--format", "ics", "--out", str(ics)))
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = {e.decoded("DTSTART"): e for e in cal.walk("VEVENT")}
    assert set(events) == {date(2026, 11, 25), date(2026, 11, 26), date(2026, 12, 1)}
    assert str(events[date(2026, 11, 26)]["SUMMARY"]) == "[受阻] 黄主任: 安排对比测试"
    assert str(events[date(2026, 11, 26)]["STATUS"]) == "TENTATIVE"
    assert "设备未到" in str(events[date(2026, 11, 26)]["DESCRIPTION"])
    uid_before = {str(e["UID"]) for e in events.values()}
    ok(two_meetings("action", "3", "--due", "2026-12-04"))
    again = icalendar.Calendar.from_ical(ok(two_meetings("actions", "--open", "--format", "ics")).encode())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == uid_before  # re-import updates, not duplicates

    text = ok(two_meetings("actions", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["owner"] for r in rows] == ["吴工", "黄主任", "郑工", "张伟"]
    assert rows[1]["status"] == "blocked" and rows[1]["reason"] == "设备未到" and rows[1]["order"] == "PO-1123"
