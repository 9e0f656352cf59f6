"""Whole pages of minutes written for these tests (``pages/zh``, ``pages/en``), each with
what a reader takes from it in ``NAME.gold.json`` (the shape of the bench's gold files).

The pages are in forms people really write and that the dev set has few of: Feishu and
WeCom pastes with ticked boxes, formal 会议纪要 with 会议决议 / 具体安排 and department
owners, 责任人 blocks with two owners, decisions said in prose (经讨论，同意… / 会上明确… /
大家一致认为… / It was agreed that … / The committee approved …), ``AI: Bob – … by Fri``,
``Action: / Owner: / Due:`` blocks, Slack exports whose later replies date a task, board
minutes with RESOLVED, and relative dates (本周五, 下周一, 十号之前, before the 14th, end of
week) against the page's own meeting date. Each page is read the way ``import`` and
``draft --from`` read a file, then scored by the bench's scorer: every gold item found,
with its owner and due, and nothing the page does not ask for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import extract as bench  # noqa: E402
from extract_score import THRESHOLD, score_file  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"
FILES = sorted(p for p in PAGES.glob("*/*") if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_a_page_of_minutes_gives_what_its_reader_takes_from_it(path: Path) -> None:
    case = bench.read_case(path)
    found, _, _, _ = bench.run_both(case)
    t = score_file(case.gold, found, THRESHOLD, path.name)
    assert t.misses == []
    assert (t.matched_actions, t.found_actions) == (t.gold_actions, t.gold_actions)
    assert (t.matched_decisions, t.found_decisions) == (t.gold_decisions, t.gold_decisions)
    assert t.owner_right == t.due_right == t.matched_actions


def test_a_ticked_markdown_box_stays_ticked_through_import() -> None:
    from facilitator.transcripts import parse_text

    cues = parse_text("## 待办\n- [ ] @马超 本周五前拿到报价\n- [x] @周婷 发包装规范\n", "md").cues
    assert [c.text for c in cues] == ["待办", "@马超 本周五前拿到报价", "☑ @周婷 发包装规范"]


def test_a_promise_to_write_the_minutes_is_left_to_the_conversation_reader() -> None:
    from datetime import date

    from facilitator.extract.minutes import extract_minutes
    from facilitator.model import Cue

    cues = [Cue("王强", "会后我把纪要整理一下"), Cue("王强", "1. 先发五十台")]
    found, used = extract_minutes(cues, meeting_date=date(2026, 12, 7))
    assert found == [] and 0 not in used
    cues = [Cue("温馨", "各位，刚才电话会的结果我整理一下📝"), Cue(None, "会议决定：不良品全部召回")]
    found, used = extract_minutes(cues, meeting_date=date(2026, 12, 7))
    assert 0 in used and [s.captured.kind for s in found] == ["decision"]


def test_owners_as_the_minutes_name_them() -> None:
    """A department stays a department; a person named with their department is that
    person; the one asked (王总要求张工…) owns the task; of two owners the first leads."""
    from datetime import date

    from facilitator.extract.minutes import extract_minutes
    from facilitator.model import Cue, Participant

    people = [Participant("李经理", "采购部"), Participant("张工", "技术部"), Participant("王总", "总经办"),
              Participant("贺军", "品控部")]
    lines = ["下一步：", "1. 品控部下周一前完成来料稽核", "2. 采购部（李经理）周五前确认交期", "3. 王总要求张工周五前出方案",
             "4. 张工、李经理下周一前联合走访客户", "5. 品控部贺军负责出检验报告，12月9日前"]
    found, _ = extract_minutes([Cue(None, line) for line in lines], meeting_date=date(2026, 12, 7), participants=people)
    assert [(s.captured.owner or "").split("、")[0] for s in found] == ["品控部", "李经理", "张工", "张工", "贺军"]
    assert [s.captured.due for s in found] == [date(2026, 12, 14), date(2026, 12, 11), date(2026, 12, 11),
                                               date(2026, 12, 14), date(2026, 12, 9)]


@pytest.mark.parametrize(("phrase", "due"), [
    ("十号之前调整排程", "2027-02-10"), ("二十五号前完成", "2027-02-25"), ("本月20号前提交", "2027-02-20"),
    ("下月5号前", "2027-03-05"), ("两周内完成", "2027-02-24"), ("周末前发出", "2027-02-12"), ("明早发给客户", "2027-02-11"),
    ("月中前", "2027-02-15"), ("元旦前", "2028-01-01"), ("book it before the 14th", "2027-02-14"),
    ("by EOD tomorrow", "2027-02-11"), ("within 3 days", "2027-02-13"), ("by mid-March", "2027-03-15"),
    ("by end of January", "2028-01-31"), ("repeat it - 22/12", "2027-12-22"), ("due 29-01-2027", "2027-01-29"),
    ("brief them at Monday's call", "2027-02-15"),
])
def test_deadlines_written_in_minutes_against_a_wednesday_meeting(phrase: str, due: str) -> None:
    from datetime import date

    from facilitator.extract.minutes_fields import find_date

    found = find_date(phrase, date(2027, 2, 10))
    assert found is not None and found[0].isoformat() == due
