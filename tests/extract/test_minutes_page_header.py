"""A page of minutes opens with fields, not people (时间：…, 地点：…, 参加：…, 记录：…), and
numbers its tasks ①②③ as often as 1. 2. 3. Both were met on a fresh page by a writer who
never saw the extractor: the draft listed 时间、地点、参加、另、记录 as the people in the
room, and every ① task lost its owner (NFKC turned ① into a bare 1, so the line no longer
started with the name)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from facilitator.sources import notes_meeting

PAGE = """11月17日 校服订单推进会 纪要

时间：2026年11月17日（周二）上午9:30
地点：厂部会议室
参加：卫国平（厂长）、刘晓雨（业务）、殷红梅（缝制车间）、邹涛（质检）

议定：
（1）已裁的1800套先做，优先送初一、初二两个年级。

任务分工：
① 刘晓雨本周四去学校给加大码的学生补量尺寸。
② 殷红梅安排车间周六加班，11月28日前完成1800套缝制。
③ 邹涛对每批成品出厂前抽检并留样。

另：要不要先跟学校打个招呼，大家觉得再看看进度。

记录：刘晓雨
"""


def _meeting(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "minutes.txt"
    path.write_text(PAGE, encoding="utf-8")
    return notes_meeting(path, date(2026, 11, 17))


def test_the_people_of_a_page_are_its_attendees_not_its_field_labels(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    assert [(p.name, p.department) for p in meeting.participants] == [
        ("卫国平", "厂长"), ("刘晓雨", "业务"), ("殷红梅", "缝制车间"), ("邹涛", "质检"),
    ]


def test_tasks_numbered_with_circled_digits_keep_their_owners(tmp_path: Path) -> None:
    actions = [s.captured for s in _meeting(tmp_path).suggestions if s.captured.kind == "action"]
    assert [(a.owner, a.due) for a in actions] == [
        ("刘晓雨", date(2026, 11, 19)), ("殷红梅", date(2026, 11, 28)), ("邹涛", None),
    ]
    assert actions[0].text == "去学校给加大码的学生补量尺寸"
