"""Quick-capture syntax (design.md section 6): markers, DATE forms, NFKC, free notes."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.capture import format_captured, parse_line, parse_lines, resolve_date
from facilitator.model import Captured

MEETING = date(2026, 11, 23)  # a Monday


# --------------------------------------------------------------------------- DATE forms


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # absolute
        ("2026-12-05", date(2026, 12, 5)),
        ("2026/12/05", date(2026, 12, 5)),
        ("2027-01-15", date(2027, 1, 15)),
        ("12-05", date(2026, 12, 5)),
        ("12/5", date(2026, 12, 5)),
        ("12月5日", date(2026, 12, 5)),
        ("12月5号", date(2026, 12, 5)),
        ("2026年12月5日", date(2026, 12, 5)),
        ("Dec 5", date(2026, 12, 5)),
        ("5 December 2026", date(2026, 12, 5)),
        # month-day without year: same year unless more than 60 days in the past
        ("11-01", date(2026, 11, 1)),
        ("9月30日", date(2026, 9, 30)),
        ("9/20", date(2027, 9, 20)),
        ("1/5", date(2027, 1, 5)),
        # bare weekday: next such day strictly after the meeting date
        ("周五", date(2026, 11, 27)),
        ("星期五", date(2026, 11, 27)),
        ("礼拜五", date(2026, 11, 27)),
        ("周一", date(2026, 11, 30)),
        ("周日", date(2026, 11, 29)),
        ("星期天", date(2026, 11, 29)),
        ("Friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),
        ("Wed", date(2026, 11, 25)),
        # following calendar week (Monday-start)
        ("下周一", date(2026, 11, 30)),
        ("下周五", date(2026, 12, 4)),
        ("下星期三", date(2026, 12, 2)),
        ("next Monday", date(2026, 11, 30)),
        ("next Friday", date(2026, 12, 4)),
        # this calendar week
        ("本周五", date(2026, 11, 27)),
        ("这周五", date(2026, 11, 27)),
        ("this Friday", date(2026, 11, 27)),
        # relative days
        ("今天", date(2026, 11, 23)),
        ("明天", date(2026, 11, 24)),
        ("后天", date(2026, 11, 25)),
        ("today", date(2026, 11, 23)),
        ("Tomorrow", date(2026, 11, 24)),
        # markers and the Chinese "before" suffix
        ("by Wednesday", date(2026, 11, 25)),
        ("截止 12月5日", date(2026, 12, 5)),
        ("截止日期：12-05", date(2026, 12, 5)),
        ("周五前", date(2026, 11, 27)),
        # full-width forms
        ("１２／５", date(2026, 12, 5)),
        ("２０２６－１２－０５", date(2026, 12, 5)),
    ],
)
def test_resolve_date_forms(phrase: str, expected: date) -> None:
    assert resolve_date(phrase, MEETING) == expected


@pytest.mark.parametrize(
    "phrase", ["13/45", "2月30日", "2026-02-30", "2026年13月1日", "Feb 30", "下个月", "soon", ""]
)
def test_resolve_date_invalid(phrase: str) -> None:
    assert resolve_date(phrase, MEETING) is None


def test_weekday_resolves_strictly_after_meeting_day() -> None:
    friday = date(2026, 11, 27)
    assert resolve_date("周五", friday) == date(2026, 12, 4)
    assert resolve_date("Saturday", friday) == date(2026, 11, 28)
    # Sunday belongs to the Monday-start week: next week is the week after it
    assert resolve_date("下周一", date(2026, 11, 29)) == date(2026, 11, 30)


def test_relative_dates_without_reference_use_today() -> None:
    today = date.today()
    assert resolve_date("今天", None) == today
    assert resolve_date("2026-12-05", None) == date(2026, 12, 5)
    friday = resolve_date("Friday", None)
    assert friday is not None and friday.weekday() == 4 and 0 < (friday - today).days <= 7


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("line", "owner", "text", "due"),
    [
        ("@吴工：检查软化水设备并估算产能 截止 11月25日", "吴工", "检查软化水设备并估算产能",
         date(2026, 11, 25)),
        ("@黄主任：安排对比测试 by Thursday", "黄主任", "安排对比测试", date(2026, 11, 26)),
        ("@郑工：更新检验记录表 截止 12-01", "郑工", "更新检验记录表", date(2026, 12, 1)),
        ("@张伟：向客户通报整改计划", "张伟", "向客户通报整改计划", None),
        ("@吴工: 检查设备 截止12月5日", "吴工", "检查设备", date(2026, 12, 5)),
        ("@吴工: 检查设备 截止日期 2026-12-05", "吴工", "检查设备", date(2026, 12, 5)),
        ("@吴工: 检查设备 截止 下周一", "吴工", "检查设备", date(2026, 11, 30)),
        ("@吴工: 检查设备 截止 本周五", "吴工", "检查设备", date(2026, 11, 27)),
        ("@吴工：周五前检查设备", "吴工", "检查设备", date(2026, 11, 27)),
        ("@吴工：检查设备，12月5日前", "吴工", "检查设备", date(2026, 12, 5)),
        ("@吴工: 检查设备 截止 明天", "吴工", "检查设备", date(2026, 11, 24)),
        ("@Li Lei: call the customer due 12/5", "Li Lei", "call the customer",
         date(2026, 12, 5)),
        ("@Li: send the report by next Monday.", "Li", "send the report.", date(2026, 11, 30)),
        ("@Li: send the report before Friday", "Li", "send the report", date(2026, 11, 27)),
        ("@Li: send the report by tomorrow", "Li", "send the report", date(2026, 11, 24)),
        ("@Li: ship the May order by Dec 5", "Li", "ship the May order", date(2026, 12, 5)),
        ("@Li: cut cost by 10%", "Li", "cut cost by 10%", None),
        ("- [ ] @Li: fix the drawing (due 12/5)", "Li", "fix the drawing", date(2026, 12, 5)),
        # unparseable date phrases stay in the text
        ("@吴工: 检查设备 截止 13/45", "吴工", "检查设备 截止 13/45", None),
        ("@吴工: 检查设备 截止 2月30日", "吴工", "检查设备 截止 2月30日", None),
        ("@吴工: 检查设备 截止 下个月", "吴工", "检查设备 截止 下个月", None),
    ],
)  # fmt: skip
def test_action(line: str, owner: str, text: str, due: date | None) -> None:
    c = parse_line(line, MEETING)
    assert (c.kind, c.owner, c.text, c.due) == ("action", owner, text, due)
    assert c.raw == line


# --------------------------------------------------------------------------- responsibilities


@pytest.mark.parametrize(
    ("line", "item", "owner", "basis", "status"),
    [
        ("清洗工艺改进 => 生产部 （依据：工艺管理规定）", "清洗工艺改进", "生产部", "工艺管理规定",
         "agreed"),
        ("软化水设备维护 => 设备部", "软化水设备维护", "设备部", None, "agreed"),
        ("返工费用由谁承担 => ?", "返工费用由谁承担", None, None, "disputed"),
        ("返工费用由谁承担 => ？", "返工费用由谁承担", None, None, "disputed"),
        ("返工费用 => 待定", "返工费用", None, None, "disputed"),
        ("Cleaning process=>Production (basis: process manual)", "Cleaning process",
         "Production", "process manual", "agreed"),
        ("Rework cost => ?", "Rework cost", None, None, "disputed"),
        ("Rework cost => TBD", "Rework cost", None, None, "disputed"),
        # NFKC: full-width arrow, brackets, colon
        ("清洗 ＝＞ 生产部（依据：规定）", "清洗", "生产部", "规定", "agreed"),
        ("清洗\u3000＝＞\u3000生产部", "清洗", "生产部", None, "agreed"),
    ],
)  # fmt: skip
def test_responsibility(
    line: str, item: str, owner: str | None, basis: str | None, status: str
) -> None:
    c = parse_line(line, MEETING)
    assert (c.kind, c.text, c.owner, c.basis, c.status) == (
        "responsibility",
        item,
        owner,
        basis,
        status,
    )


# --------------------------------------------------------------------------- other markers


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("决定：先用厂里的软化水设备做对比测试", "decision", "先用厂里的软化水设备做对比测试"),
        ("决议: 下周复查", "decision", "下周复查"),
        ("Decision: use the softened water", "decision", "use the softened water"),
        ("DECISION: go", "decision", "go"),
        ("! ship partial order", "decision", "ship partial order"),
        ("！ 先发一半", "decision", "先发一半"),
        ("问题：软化水产能够不够整条线用？", "question", "软化水产能够不够整条线用？"),
        ("Question: is capacity enough?", "question", "is capacity enough?"),
        ("? who pays", "question", "who pays"),
        ("障碍：清洗后的钢管在潮湿天气里很快生锈", "obstacle", "清洗后的钢管在潮湿天气里很快生锈"),
        ("Obstacle: no supplier takes small orders", "obstacle", "no supplier takes small orders"),
        ("obstacle:no budget", "obstacle", "no budget"),
        ("\u3000决定：测试", "decision", "测试"),
        ("- 决定: 测试", "decision", "测试"),
    ],
)
def test_prefixed_markers(line: str, kind: str, text: str) -> None:
    c = parse_line(line, MEETING)
    assert (c.kind, c.text) == (kind, text)


@pytest.mark.parametrize(
    "line",
    [
        "协调会：钢管生锈导致交付风险  2026-11-23（周一）",
        "参会：销售 张伟；生产部 黄主任",
        "=> 生产部",
        "清洗工艺 =>",
        "清洗工艺 => （依据：规定）",
        "@",
        "@张伟：",
        "@ : 没有负责人",
        "email me@example.com: later",
        "决定：",
        "决定了，先测试",
        "!important",
        "?? 不确定",
        "问题 很多",
        "普通的一句话",
    ],
)
def test_free_notes(line: str) -> None:
    c = parse_line(line, MEETING)
    assert c.kind == "note"
    assert c.text == line.strip()
    assert c.raw == line


def test_original_punctuation_kept_but_owner_normalised() -> None:
    c = parse_line("＠Ｌｉ：核对（第二批）数量，截止 12/5", MEETING)
    assert c.owner == "Li"
    assert c.text == "核对（第二批）数量"
    assert c.due == date(2026, 12, 5)


def test_parse_lines_skips_blank_lines() -> None:
    text = "决定：A\n\n   \n\u3000\n@张伟：B\n普通记录\n"
    kinds = [c.kind for c in parse_lines(text, MEETING)]
    assert kinds == ["decision", "action", "note"]


# --------------------------------------------------------------------------- format


@pytest.mark.parametrize(
    "captured",
    [
        Captured("action", "检查设备", owner="吴工", due=date(2026, 12, 5)),
        Captured("action", "call the customer", owner="Li Lei"),
        Captured("responsibility", "清洗工艺", owner="生产部", basis="工艺规定", status="agreed"),
        Captured("responsibility", "返工费用", owner=None, status="disputed"),
        Captured("decision", "先测试"),
        Captured("question", "产能够吗？"),
        Captured("obstacle", "没有预算", obstacle_kind="budget"),
        Captured("lever", "总经理特批检测费", owner="张伟", due=date(2026, 11, 27), holder="总经理",
                 presolves="质量部不占本年预算"),
        Captured("lever", "集团实验室"),
        Captured("note", "随便记一下"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_round_trips(captured: Captured, lang: str) -> None:
    line = format_captured(captured, lang)  # type: ignore[arg-type]
    back = parse_line(line, MEETING)
    back.raw = ""
    assert back == captured


def test_format_labels_by_language() -> None:
    c = Captured("decision", "go")
    assert format_captured(c, "zh") == "决定：go"
    assert format_captured(c, "en") == "Decision: go"
    action = Captured("action", "check", owner="Wu", due=date(2026, 12, 5))
    assert format_captured(action, "en") == "@Wu: check due 2026-12-05"
    assert format_captured(action, "zh") == "@Wu：check 截止 2026-12-05"


def test_every_item_kind_has_a_capture_rule_a_label_and_a_list() -> None:
    """Item kinds are declared once (model.ITEM_KINDS); the capture rules, the labels and
    the meeting's lists must all know each one, and a formatted line parses back to it."""
    from facilitator.capture import ITEM_RULES
    from facilitator.labels import TERMS
    from facilitator.model import ITEM_KINDS, Draft, Meeting

    assert set(ITEM_RULES) == set(ITEM_KINDS)
    for kind, attr in ITEM_KINDS.items():
        assert isinstance(getattr(Meeting(title="m"), attr), list)
        assert isinstance(getattr(Draft(mode="offline"), attr), list)
        for lang in ("zh", "en"):
            assert kind in TERMS[lang]  # type: ignore[index]
            line = format_captured(Captured(kind=kind, text="供应商只接大单"), lang)  # type: ignore[arg-type]
            back = parse_line(line, None)
            assert (back.kind, back.text) == (kind, "供应商只接大单"), line


# --------------------------------------------------------------------------- owners of several words


@pytest.mark.parametrize(
    ("line", "owner", "resource"),
    [
        ("Lever: Tom's supplier network @Anna Berg Friday", "Anna Berg", "Tom's supplier network"),
        ("Lever: Tom's supplier network @anna berg Friday", "Anna Berg", "Tom's supplier network"),  # as known
        ("资源：老王的供应商 @Anna Berg 周五", "Anna Berg", "老王的供应商"),
        ("Lever: the test rig (holder: QA) @Anna Berg for them: no queue Friday", "Anna Berg", "the test rig"),
        # a known name is taken whole only: a longer word is someone else, an unknown pair stays one word
        ("Lever: the test rig @Anna Bergström Friday", "Anna", "the test rig Bergström"),
        ("Lever: the test rig @Bob Smith Friday", "Bob", "the test rig Smith"),
    ],
)
def test_a_lever_owner_of_several_words_is_read_whole_when_known(line: str, owner: str, resource: str) -> None:
    c = parse_line(line, MEETING, ["Anna Berg", "Anna", "王强"])
    assert (c.kind, c.owner, c.text, c.due) == ("lever", owner, resource, date(2026, 11, 27))


def test_an_action_missing_its_colon_names_the_whole_known_owner_in_its_hint() -> None:
    c = parse_line("@Anna Berg send the specs by Friday", MEETING, ["Anna Berg"])
    assert c.kind == "note" and c.problems == [("action_no_colon", "Anna Berg")]
    assert parse_line("@Anna Berg: send the specs by Friday", MEETING, ["Anna Berg"]).owner == "Anna Berg"
