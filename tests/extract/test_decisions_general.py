"""Decisions found by where they stand and how they are said, not by a keyword: the chair's
settled word after others spoke, a yes that says the proposal again, a 决议如下 list, a
topic-named point, a settled sentence after a prose decision, a rule set from now on."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.model import Cue, Participant


def _decisions(lines: list[tuple[str | None, str]]) -> list[str]:
    cues = [Cue(speaker, text) for speaker, text in lines]
    people = [Participant(n) for n in dict.fromkeys(s for s, _ in lines if s)]
    found = extract(cues, meeting_date=date(2026, 3, 2), participants=people)
    return [s.captured.text for s in found if s.captured.kind == "decision"]


def test_the_chairs_plain_word_after_a_question_settles_it() -> None:
    found = _decisions([
        ("邹厂长", "今天说一下年底检修。"),
        ("韦工（设备）", "二号炉要不要跟一号炉一起停？"),
        ("邹厂长", "二号炉不停，先修一号炉，修完再看二号。"),
    ])
    assert found == ["二号炉不停，先修一号炉，修完再看二号"]


def test_the_chairs_view_question_hedge_or_errand_is_no_decision() -> None:
    found = _decisions([
        ("邹厂长", "今天说一下年底检修。"),
        ("韦工（设备）", "二号炉也该修了。"),
        ("邹厂长", "我觉得二号炉还能撑一阵。"),
        ("韦工（设备）", "备件怎么办？"),
        ("邹厂长", "这个以后再说吧。"),
        ("韦工（设备）", "那检修队呢？"),
        ("邹厂长", "韦工你去联系一下检修队。"),
    ])
    assert found == []


def test_only_the_chair_settles_by_saying_so() -> None:
    found = _decisions([
        ("邹厂长", "今天说一下年底检修。"),
        ("韦工（设备）", "二号炉要不要跟一号炉一起停？"),
        ("骆班长", "二号炉不停，先修一号炉。"),
    ])
    assert found == []


def test_the_chairs_second_word_on_one_point_replaces_the_first() -> None:
    found = _decisions([
        ("邹厂长", "说一下包装。"),
        ("韦工（设备）", "纸箱老是压坏。"),
        ("邹厂长", "换那种加厚的纸箱，贵是贵一点。"),
        ("韦工（设备）", "贵多少？"),
        ("邹厂长", "行，换加厚的纸箱。"),
    ])
    assert found == ["换加厚的纸箱"]


def test_a_yes_that_says_the_proposal_again_takes_it() -> None:
    found = _decisions([
        ("邹厂长", "说一下运费。"),
        ("韦工（设备）", "运费要单独开票，别跟货款混在一起。"),
        ("骆班长", "对，运费单独开票。那我明天跟财务说。"),
    ])
    assert found == ["运费单独开票"]


def _minutes(text: str) -> list[str]:
    cues = [Cue(None, line) for line in text.strip().splitlines()]
    found = extract(cues, meeting_date=date(2026, 3, 2))
    return [s.captured.text for s in found if s.captured.kind == "decision"]


def test_a_list_after_jueyi_ruxia_and_a_chat_ding_le_colon_are_decisions() -> None:
    page = "经投票，本次会议决议如下：\n1. 年会改在三月办；\n2. 不再发放实物奖品。"
    assert _minutes(page) == ["年会改在三月办", "不再发放实物奖品"]
    chat = "@所有人 刚才跟车间碰了，定了：\n1）周六加一个班\n2）夜班改为十点下班"
    assert _minutes(chat) == ["周六加一个班", "夜班改为十点下班"]


def test_a_topic_named_point_told_in_sentences() -> None:
    found = _minutes("1. 仓库搬迁：最终方案是搬到东区三号库。租金控制在每月两万以内。\n2. 叉车：有人建议再买一台，大家觉得不急。")
    assert found == ["搬到东区三号库，租金控制在每月两万以内"]
    assert not any("叉车" in d for d in found)


def test_a_settled_sentence_after_a_prose_decision_goes_on_with_it() -> None:
    found = _minutes("经讨论，大家同意外墙改用浅灰色涂料。\n涂料统一从原供应商采购，不再另外询价。\n有人问工期会不会延后。")
    assert found == ["外墙改用浅灰色涂料", "涂料统一从原供应商采购，不再另外询价"]


def test_a_rule_from_now_on_and_an_agreement_said_after_it() -> None:
    found = _minutes("以后报销单一律走线上审批，财务不再收纸质单。\n周末值班照旧两人一组，这个大家意见一致。")
    assert found == ["报销单一律走线上审批，财务不再收纸质单", "周末值班照旧两人一组"]


def test_a_later_review_in_a_conclusion_does_not_void_it_but_left_open_is_none() -> None:
    table = "| 议题 | 讨论 | 结论 |\n|---|---|---|\n| 夜班补贴 | 工人反映偏低 | 补贴提到每晚40元，三个月后再定是否继续 |\n| 食堂 | 有人提议外包 | 待定 |"
    found = _minutes(table)
    assert len(found) == 1 and "补贴提到每晚40元" in found[0]
    assert _minutes("有人问要不要取消早会。此事先征求大家意见，暂不作决定。") == []
