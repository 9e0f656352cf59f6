"""Exports that other tools read: iCalendar and CSV must parse, Chinese intact."""

from __future__ import annotations

import csv
import io
from datetime import date

import icalendar

from facilitator.export import to_csv, to_ics
from facilitator.model import Action, Meeting

LONG = "把第三批钢管的清洗工艺、软化水设备产能和出厂检验记录表统一整理成一份报告，发给客户，并抄送质量部与生产部，" * 2


def meeting() -> Meeting:
    return Meeting(
        id=7, title="钢管生锈, 协调会; 第二次", customer="华东管业", date=date(2026, 11, 23),
        actions=[
            Action(LONG, "吴工", date(2026, 11, 25), id=1),
            Action("send revised specs, v2; incl. drawings", "Li", date(2026, 12, 1), id=2),
            Action("通知客户", "张伟", None, id=3),
        ],
    )


def test_ics_parses_with_folded_utf8_lines() -> None:
    text = to_ics(meeting())
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    text.encode("utf-8").decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    by_date = {e.decoded("DTSTART"): str(e["SUMMARY"]) for e in events}
    assert by_date[date(2026, 11, 25)] == f"吴工: {LONG}"
    assert by_date[date(2026, 12, 1)] == "Li: send revised specs, v2; incl. drawings"
    assert len({str(e["UID"]) for e in events}) == 2
    assert str(events[0]["DESCRIPTION"]) == "钢管生锈, 协调会; 第二次 / 华东管业"


def test_csv_has_one_row_per_action_and_a_bom_for_excel() -> None:
    text = to_csv(meeting())
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["owner"], r["due"]) for r in rows] == [("吴工", "2026-11-25"), ("Li", "2026-12-01"), ("张伟", "")]
    assert rows[1]["action"] == "send revised specs, v2; incl. drawings"
