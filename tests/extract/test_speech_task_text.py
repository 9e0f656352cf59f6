"""A spoken Chinese task as the ledger shows it must say what is to be done to what without
the meeting beside it: a terse yes or "这个我来" takes its object from the turn that named
the thing, and the due day and a bare "弄" are not repeated in the words. Each conversation
is written here, in words no development meeting uses."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import actions, said

DAY = date(2026, 12, 2)  # a Wednesday


def test_a_terse_yes_to_a_request_takes_the_requests_words_without_the_asking() -> None:
    found = said([("周经理", "小李你周四前把展会的样品清单发给主办方能不能"), ("小李", "行")], DAY)
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("小李", "2026-12-03")
    assert "样品清单" in text and "主办方" in text
    assert not text.endswith(("能", "不能"))  # the asking is not part of the task


def test_a_bare_verb_accepted_after_the_turn_that_named_the_errand_reads_as_that_errand() -> None:
    found = said([("周经理", "食堂的排班表得报给后勤处。"), ("老高", "好，我来报。")], DAY)
    [(owner, _, text)] = actions(found)
    assert owner == "老高"
    assert "排班表" in text and "后勤处" in text
    assert "得" not in text and "（" not in text  # the errand, not who must or a quote in brackets


def test_zhe_ge_wo_lai_after_a_turn_that_named_the_thing_carries_the_thing() -> None:
    found = said([("周经理", "冷库温控器的备件一直没人去问。"), ("老高", "这个我来问，周三前给大家回话。")], DAY)
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("老高", "2026-12-09")
    assert "温控器的备件" in text
    assert "没人" not in text  # that nobody had asked is why, not what is to be done


def test_a_verb_with_yixia_takes_the_topic_its_own_turn_opened_with() -> None:
    found = said([("周经理", "下周的安排大家说一下。"), ("老高", "绩效表可以改，加一栏出勤的天数。我改一下，周五前发你。")], DAY)
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("老高", "2026-12-04")
    assert "绩效表" in text and "安排" not in text  # not the chair's words, which named nothing


def test_the_due_day_and_a_bare_nong_are_not_repeated_in_the_text() -> None:
    found = said([("周经理", "那下周三前把场地押金退了，小李你来弄。"), ("小李", "行，下周三前退。")], DAY)
    [(owner, due, text)] = actions(found)
    assert (owner, due) == ("小李", "2026-12-09")
    assert "押金" in text
    assert "周三" not in text and not text.endswith("弄")


def test_a_line_that_names_its_own_object_keeps_its_words() -> None:
    found = said([("周经理", "展位的事大家再想想。"), ("老高", "我周五前把展位平面图发给主办方。")], DAY)
    assert actions(found) == [("老高", "2026-12-04", "把展位平面图发给主办方")]


def test_a_pronoun_named_earlier_in_the_same_turn_is_what_the_task_acts_on() -> None:
    # "他" is the workshop the speaker just named, not the reason the chair gave before
    found = said([("周经理", "没有轴承，装配线只能停在最后一道工序。"),
                  ("小李", "城东有家做小批量轴承的作坊，我来联系他。")], DAY)
    [(owner, _, text)] = actions(found)
    assert owner == "小李"
    assert "作坊" in text and "装配线" not in text
