"""Remarks that sound like commitments but are not follow-ups stay out of the actions: a
promise left open (回头, 考虑, 找时间), an errand done while the meeting sat (找到了, 发了),
and a commitment asked as a question that nobody agreed to (extract/speech.py)."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Cue, Participant, Suggestion


def _actions(lines: list[tuple[str, str]]) -> list[tuple[str | None, str | None, str]]:
    cues = [Cue(speaker, text) for speaker, text in lines]
    people = [Participant(name) for name in dict.fromkeys(s for s, _ in lines)]
    found: list[Suggestion] = extract(cues, meeting_date=date(2026, 3, 2), participants=people)
    return [(s.captured.owner, s.captured.due.isoformat() if s.captured.due else None, s.captured.text)
            for s in found if s.captured.kind == "action"]


def test_a_promise_left_open_is_not_an_action() -> None:
    assert _actions([("孔亮（仓储）", "托盘的事我回头跟物业问问。")]) == []
    assert _actions([("孔亮（仓储）", "加班费我考虑一下怎么报。")]) == []
    assert _actions([("孔亮（仓储）", "叉车保养我找时间约一下厂家。")]) == []


def test_the_same_promise_with_a_day_is_one() -> None:
    found = _actions([("孔亮（仓储）", "叉车保养我周三前约厂家。")])
    assert [(o, d) for o, d, _ in found] == [("孔亮", "2026-03-04")]


def test_an_errand_reported_done_in_the_meeting_is_no_follow_up() -> None:
    found = _actions([
        ("白雪（品质）", "上批的检测报告我找一下……"),
        ("石磊（销售）", "嗯，我们等一下。"),
        ("白雪（品质）", "找到了，我现在就发群里。"),
    ])
    assert found == []
    found = _actions([("白雪（品质）", "报告我现在就发。……好，发了，大家看一下。")])
    assert found == []


def test_a_commitment_asked_as_a_question_and_waved_off_is_none() -> None:
    found = _actions([
        ("石磊（销售）", "经销商那边我来通知？"),
        ("白雪（品质）", "你先别通知，等复检结果出来再说。"),
    ])
    assert found == []


def test_the_asked_commitment_agreed_to_is_kept() -> None:
    found = _actions([
        ("石磊（销售）", "经销商那边我来通知？"),
        ("白雪（品质）", "行，你明天通知吧。"),
    ])
    assert [o for o, _, _ in found] == ["石磊"]


def test_someone_else_saying_it_is_not_ours_to_do_takes_it_back() -> None:
    found = _actions([
        ("石磊（销售）", "清关资料我来准备。"),
        ("白雪（品质）", "哦不对，这个不用我们做了，代理商自己报。"),
    ])
    assert found == []


def test_handed_to_someone_not_in_the_room_is_theirs_at_once() -> None:
    found = _actions([
        ("石磊（销售）", "我明天去车间看一下返工进度。"),
        ("白雪（品质）", "算了，还是让小郑去吧，他每天都在车间。"),
    ])
    assert [(o, d) for o, d, _ in found] == [("小郑", "2026-03-03")]


def test_a_second_errand_said_with_yiqi_is_to_do_not_done() -> None:
    found = _actions([("石磊（销售）", "那我先把对账单发过去，另外发票我也一起开了。")])
    assert len(found) == 2 and "发票" in found[1][2]


def test_speaking_showing_waiting_and_habits_in_the_room_are_no_tasks() -> None:
    for line in ("我跟你们说，这批货真的很急。", "我先讲一下背景。", "我给大家看一下现场照片。",
                 "那我们就等客户回复吧。", "我们每周都会发一次库存表。", "我们也想早点发，但是没车。"):
        assert _actions([("石磊（销售）", line)]) == [], line
    assert _actions([("石磊（销售）", "报价的事我跟客户说一下。")]) != []


def test_a_yes_then_a_dated_step_is_the_speakers_commitment() -> None:
    found = _actions([("石磊（销售）", "我这边没问题，周五前发货。")])
    assert [(o, d) for o, d, _ in found] == [("石磊", "2026-03-06")]


def test_the_askers_date_after_a_yes_and_the_asking_words_left_out() -> None:
    found = _actions([
        ("石磊（销售）", "白雪，你能不能帮忙核一下这批的检测数据？"),
        ("白雪（品质）", "可以啊。"),
        ("石磊（销售）", "明天之内吧。"),
    ])
    assert found == [("白雪", "2026-03-03", "核一下这批的检测数据")]


def test_work_shared_out_by_the_chair_with_fuze_is_each_owners() -> None:
    cues = [Cue("石磊（销售）", "那就这样，白雪负责复检，我负责跟客户沟通，孔亮负责调库存。"),
            Cue("白雪（品质）", "好。"), Cue("孔亮（仓储）", "嗯。")]
    found = extract(cues, meeting_date=date(2026, 3, 2),
                    participants=[Participant(c.speaker or "") for c in cues])
    owners = sorted(s.captured.owner or "" for s in found if s.captured.kind == "action")
    assert owners == sorted(["孔亮", "石磊", "白雪"])


def test_a_day_said_in_chinese_numerals_with_a_deadline_word() -> None:
    found = _actions([("孔亮（仓储）", "我们仓库先把料备上，十号之前到厂。")])
    assert [(o, d) for o, d, _ in found] == [("孔亮", "2026-03-10")]


def _decisions(lines: list[tuple[str, str]]) -> list[str]:
    cues = [Cue(speaker, text) for speaker, text in lines]
    found = extract(cues, meeting_date=date(2026, 3, 2),
                    participants=[Participant(n) for n in dict.fromkeys(s for s, _ in lines)])
    return [s.captured.text for s in found if s.captured.kind == "decision"]


def test_a_choice_that_drops_the_alternative_is_a_decision() -> None:
    assert _decisions([("石磊（销售）", "行，那就不换供应商，按原来的排期走。")]) == ["不换供应商，按原来的排期走"]
    assert _decisions([("石磊（销售）", "那就走陆运，不用再等船了。")]) == ["走陆运，不用再等船了"]


def test_na_zheyang_with_a_task_is_the_task_not_a_decision() -> None:
    assert _decisions([("石磊（销售）", "那这样，我下午去一趟仓库。")]) == []
    assert _decisions([("石磊（销售）", "那就好，辛苦大家。")]) == []


def test_a_decision_said_twice_is_suggested_once_in_its_last_words() -> None:
    found = _decisions([
        ("石磊（销售）", "那这样，样机先从展厅调两台，展厅的那两台下月再补。"),
        ("白雪（品质）", "可以。"),
        ("石磊（销售）", "那就定了，样机先从展厅调，仓库负责补上。"),
    ])
    assert found == ["样机先从展厅调，仓库负责补上"]


def test_two_errands_with_two_days_in_one_turn_are_two_actions() -> None:
    found = _actions([("孔亮（仓储）", "我今天把盘点表发给财务，明天跟物业约验收时间。")])
    assert [(o, d) for o, d, _ in found] == [("孔亮", "2026-03-02"), ("孔亮", "2026-03-03")]


def test_a_subject_said_first_carries_to_the_dated_step_after_fillers() -> None:
    found = _actions([("孔亮（仓储）", "嗯……那个，我们这边，呃，尽快吧，争取下周二之前把托盘送过去。")])
    assert [(o, d) for o, d, _ in found] == [("孔亮", "2026-03-10")]


def test_shuoming_as_a_noun_and_the_day_set_by_whom_it_goes_to() -> None:
    found = _actions([
        ("石磊（销售）", "经销商要一份书面说明。"),
        ("白雪（品质）", "说明我来写，写好发你过目。"),
        ("石磊（销售）", "好，明天上午前给我。"),
    ])
    assert [(o, d) for o, d, _ in found] == [("白雪", "2026-03-03")]
    assert "说明" in found[0][2]


def test_the_thing_asked_about_is_the_clause_before_shei() -> None:
    found = _actions([
        ("石磊（销售）", "展厅的灯箱还没定，这个谁来跟？"),
        ("孔亮（仓储）", "这个我来跟吧。"),
    ])
    assert found and found[0][0] == "孔亮" and "灯箱" in found[0][2] and "没定" not in found[0][2]


def test_kaolv_dao_and_zai_kan_yixia_are_not_vague_but_peihe_is_no_task() -> None:
    assert [(o, d) for o, d, _ in _actions([("孔亮（仓储）", "考虑到运费，我周五前发新的报价。")])] == [("孔亮", "2026-03-06")]
    assert [(o, d) for o, d, _ in _actions([("孔亮（仓储）", "我再看一下图纸，明天给你答复。")])] == [("孔亮", "2026-03-03")]
    assert _actions([("孔亮（仓储）", "我们这边肯定全力配合。")]) == []
