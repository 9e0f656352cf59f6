"""Exports that other tools read: iCalendar and CSV must parse, Chinese intact."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from facilitator.export import to_csv, to_ics
from facilitator.model import Action, Meeting, UserError
from tests.conftest import RunCli

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
    assert [(r["负责人"], r["截止"]) for r in rows] == [("吴工", "2026-11-25"), ("Li", "2026-12-01"), ("张伟", "")]
    assert rows[1]["行动"] == "send revised specs, v2; incl. drawings"
    assert {r["状态"] for r in rows} <= {"进行中", "受阻", "已完成", "已取消"}


def test_an_english_meetings_sheet_has_english_headers_and_statuses() -> None:
    """A spreadsheet is read by a person: its headers and statuses are in the meeting's
    language, as the Markdown and text exports of the same meeting are."""
    m = meeting()
    m.language = "en"
    rows = list(csv.DictReader(io.StringIO(to_csv(m)[1:])))
    assert [(r["owner"], r["due"], r["status"]) for r in rows][0] == ("吴工", "2026-11-25", "open")


NOTES = """钢管生锈协调会 2026-11-23
参会：张伟（销售）, 吴工（生产部）, 李经理（采购部）
清洗工艺 => 生产部（依据：工艺管理规定第4条）
返工费用 => ?
@吴工：检查软化水设备 截止 2026-11-25
@李经理：联系防锈油供应商
决定：第三批钢管重新清洗后再发货
障碍：小批量防锈油没有供应商愿意接单
"""


def test_txt_export_is_plain_lines_a_chat_group_can_read(tmp_path: Path, run_cli: RunCli) -> None:
    """The proof that a format is one registry entry: ``txt`` reaches the command line
    (argparse choices), the service and the file written by ``--out``, with no markup."""
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    made = run_cli("import", str(notes), "--new", "钢管生锈协调会", "--customer", "华东管业", "--json")
    assert made.returncode == 0, made.stderr
    meeting_id = json.loads(made.stdout)["meeting_id"]
    out = tmp_path / "summary.txt"
    proc = run_cli("export", str(meeting_id), "--format", "txt", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "钢管生锈协调会"
    assert "客户：华东管业" in lines
    assert "清洗工艺 -> 生产部 (工艺管理规定第4条)" in text
    assert "返工费用 -> 待定 [有争议]" in text
    assert "1. 吴工：检查软化水设备 (截止 2026-11-25，进行中)" in lines
    assert "2. 李经理：联系防锈油供应商 (截止 未定，进行中)" in lines
    assert "1. 第三批钢管重新清洗后再发货" in lines
    assert not any(mark in text for mark in ("|", "**", "##", "- ["))
    helped = run_cli("export", "--help")
    assert "txt: the record as plain text" in " ".join(helped.stdout.split())


def test_export_choices_come_from_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A format added to ``export.FORMATS`` is accepted by argparse and reaches its renderer."""
    from facilitator import cli, export

    entry = export.Format("lines", "one title a line", lambda m: m.title + "\n")
    monkeypatch.setitem(export.FORMATS, "lines", entry)
    args = cli.build_parser().parse_args(["export", "1", "--format", "lines"])
    assert args.format == "lines"
    assert export.export(Meeting(title="交期协调"), "lines") == "交期协调\n"
    with pytest.raises(UserError, match="choose one of md, json, csv, ics, txt, lines"):
        export.export(Meeting(title="x"), "card")
