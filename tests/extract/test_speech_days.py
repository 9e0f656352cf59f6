"""Which day said in a Chinese turn belongs to which task: a day said for another item of
the turn stays with that item; a day taken back gives way to the next one; the day of a
condition, the day asked about and the day demanded of others are no due day. Each
conversation is written here, in words no development meeting uses."""

from __future__ import annotations

from datetime import date

from facilitator.extract.dates import find_dates, first_due
from facilitator.model import Suggestion
from tests.extract.conversation import actions, said

FRIDAY = date(2026, 12, 4)


def _run(lines: list[tuple[str, str]], day: date = FRIDAY) -> list[Suggestion]:
    return said(lines, day)




# -- a day said for another task of the same turn


def test_another_item_opened_with_hai_you_keeps_its_own_day() -> None:
    found = actions(_run([("刘明（销售）", "我今天把报价发给客户。"), ("刘明（销售）", "还有合同，我月底前签回来。")]))
    assert [(o, d) for o, d, _ in found] == [("刘明", "2026-12-04"), ("刘明", "2026-12-31")]
    assert "报价" in found[0][2] and "合同" in found[1][2]


def test_a_new_thing_with_a_day_of_its_own_in_a_later_sentence_is_another_task() -> None:
    found = actions(_run([("刘明（销售）", "我今天给老周打个电话，说一下下周的安排。发票他们一直没开，我月底前催他们开出来。")]))
    assert [(o, d) for o, d, _ in found] == [("刘明", "2026-12-04"), ("刘明", "2026-12-31")]
    assert "老周" in found[0][2] and "发票" in found[1][2]


# -- a day taken back


def test_a_day_taken_back_gives_way_to_the_next_and_is_not_taken_again_as_the_reason() -> None:
    found = actions(_run([("李总", "仓库那边得有人去看看。"),
                           ("王经理", "我去 周六——不对 周六仓库不开门 下周一 下周一我带人过去")]))
    assert [(o, d) for o, d, _ in found] == [("王经理", "2026-12-07")]


def test_a_day_named_as_another_is_no_due_day_and_an_echo_of_it_dates_only_its_task() -> None:
    found = actions(_run([
        ("赵刚", "场地我去跟物业协调，两天内给你们答复。"),
        ("孙明", "好，那材料十号到的话，我下周一就带人进场，不对，十号是周四，那就周五，周五进场。"),
        ("赵刚", "行，周五。"),
    ]))
    assert [(o, d) for o, d, _ in found] == [("赵刚", "2026-12-06"), ("孙明", "2026-12-11")]


# -- days that are not when the errand is due


def test_the_day_of_a_condition_is_not_the_due_day() -> None:
    found = actions(_run([("说话人1", "样品周三之前到的话我周五出报告")]))
    assert [(o, d) for o, d, _ in found] == [("说话人1", "2026-12-11")]


def test_a_day_asked_about_leaves_the_next_day_said_in_the_clause() -> None:
    found = actions(_run([("说话人1", "我问一下仓库周六能不能收货明天上午给大家回话")]))
    assert [(o, d) for o, d, _ in found] == [("说话人1", "2026-12-05")]


def test_a_day_demanded_of_the_other_side_is_not_the_day_of_the_letter() -> None:
    found = actions(_run([("王经理", "我明天给物流公司发个函 要求赔偿 下周五之前给答复")]))
    assert [(o, d) for o, d, _ in found] == [("王经理", "2026-12-05")]


def test_gei_ni_after_a_yes_is_whom_the_answer_is_for_not_a_request() -> None:
    found = actions(_run([("钱总", "小周，你今天能不能问一下厂家？"), ("周强", "好，我问，明天给你回个准信。")]))
    assert [(o, d) for o, d, _ in found] == [("周强", "2026-12-05")]


def test_a_message_said_then_sent_at_once_in_the_meeting_is_no_follow_up() -> None:
    assert actions(_run([("赵刚", "老孙那边我发个消息。"), ("赵刚", "我现在就发。")])) == []


# -- the date parser itself


def test_next_monday_said_on_a_friday_is_three_days_on() -> None:
    assert [f.due for f in find_dates("下周一带记录仪去库房", FRIDAY)] == [date(2026, 12, 7)]
    said = first_due("下周一 下周一我带人过去", FRIDAY)
    assert said is not None and said.due == date(2026, 12, 7)


def test_a_later_turn_that_opens_on_the_tasks_matter_dates_it() -> None:
    found = _run([("说话人1", "展会的易拉宝还没着落，印刷厂那边……"), ("说话人2", "这个我来跟。"),
                  ("说话人1", "桌椅先借隔壁的。"), ("说话人3", "好。"),
                  ("说话人2", "易拉宝那个，我刚跟印刷厂说好了，下周二之前送到，到了就摆上。")])
    assert [(o, d) for o, d, _ in actions(found)] == [("说话人2", "2026-12-08")]
