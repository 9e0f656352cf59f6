"""A page of minutes opens with fields, not people (时间：…, 地点：…, 参加：…, 记录：…), and
numbers its tasks ①②③ as often as 1. 2. 3. Both were met on a fresh page by a writer who
never saw the extractor: the draft listed 时间、地点、参加、另、记录 as the people in the
room, and every ① task lost its owner (NFKC turned ① into a bare 1, so the line no longer
started with the name)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from facilitator.sources import notes_meeting
from tests.extract.conversation import written

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


SITE_PAGE = """第3次现场协调会纪要（2026年12月7日）

**参会单位及人员：**
- 建设单位：卢静
- 施工单位：项目经理 马骁、安全员 韩冰
- 监理单位：程远

## 会议议定

1. 配电房基础改为条形基础。马骁负责出修改后的基础图，12月10日前报监理。
2. 夜间浇筑时的交通疏导由施工单位负责，韩冰落实。
3. 地下室防水验收由程远组织，时间另行通知。
4. 增加的土方外运费用由建设单位承担。

## 下一步

1. 施工单位马骁周三前提交冬季施工方案，同时把混凝土供应商的资质材料一并报上来。
"""


def _site(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "site.md"
    path.write_text(SITE_PAGE, encoding="utf-8")
    return notes_meeting(path, date(2026, 12, 7))


def test_an_attendee_list_by_unit_names_people_not_units(tmp_path: Path) -> None:
    people = {(p.name, p.department) for p in _site(tmp_path).participants}
    assert {("卢静", "建设单位"), ("程远", "监理单位")} <= people
    assert not {"建设单位", "施工单位", "监理单位"} & {name for name, _ in people}


def test_a_decisions_list_gives_the_work_it_hands_out_to_the_person_named(tmp_path: Path) -> None:
    found = [(s.captured.kind, s.captured.text, s.captured.owner, s.captured.due) for s in _site(tmp_path).suggestions]
    decisions = [f[1] for f in found if f[0] == "decision"]
    actions = [(f[2], f[3]) for f in found if f[0] == "action"]
    assert "配电房基础改为条形基础" in decisions  # a short point that settles is no topic
    assert any("土方外运费用由建设单位承担" in d for d in decisions)  # who pays: settled, no task
    assert ("马骁", date(2026, 12, 10)) in actions
    assert ("韩冰", None) in actions  # the unit answers for it, the person named after it does it
    assert ("程远", None) in actions  # given to someone in the room, undated
    assert not any(owner in ("施工单位", "建设单位") for owner, _ in actions)


def test_two_errands_joined_by_tongshi_are_two_tasks_of_one_person(tmp_path: Path) -> None:
    actions = [s.captured for s in _site(tmp_path).suggestions if s.captured.kind == "action"]
    last_two = [(a.owner, a.due, a.text) for a in actions[-2:]]
    assert last_two == [
        ("马骁", date(2026, 12, 9), "提交冬季施工方案"),
        ("马骁", date(2026, 12, 9), "把混凝土供应商的资质材料一并报上来"),
    ]


SUMMARY = """【12月7日 退货碰头会小结】
参会的：金总、汤亮、葛晓雯、庞宇（我）

✅定下来的
1. 这批货不再发给对方，走内部折价处理

👉要做的
@汤亮 明天之内把冷机送去检修
我这边下周三前把线路的车次重新排一下

❓还没定的
司机这次要不要扣绩效，等检修结果出来再说
"""


def test_a_chat_summary_names_its_writer_and_keeps_open_points_out_of_the_tasks() -> None:
    found = written(SUMMARY, date(2026, 12, 7))
    actions = [(owner, due, text) for kind, text, owner, due in found if kind == "action"]
    assert actions == [
        ("汤亮", date(2026, 12, 8), "把冷机送去检修"),  # 明天之内: the whole deadline is cut from the text
        ("庞宇", date(2026, 12, 16), "把线路的车次重新排一下"),  # 庞宇（我）: the 我 of the page
    ]
    assert [kind for kind, text, _, _ in found if "扣绩效" in text] == ["question"]


def test_a_title_with_a_day_and_no_year_dates_the_meeting_on_the_last_such_day() -> None:
    from facilitator.notesfile import meeting_from_notes

    today = date.today()
    past = today.replace(day=1)  # the 1st of this month: never in the future
    meeting, _ = meeting_from_notes(f"【{past.month}月1日 退货碰头会小结】\n@汤亮 明天之内把冷机送去检修\n交期：12月31日\n")
    assert meeting.date == past
    # a deadline in the title, or a day a year back, is not the meeting's day
    meeting, _ = meeting_from_notes(f"{past.month}月1日前交货协调会\n")
    assert meeting.date is None
    far = today - timedelta(days=200)
    meeting, _ = meeting_from_notes(f"{far.month}月{far.day}日 年终盘点会\n")
    assert meeting.date is None
