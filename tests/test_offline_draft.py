"""Offline drafting: the gold sample, gaps, rendering, safety of untrusted text, dedup.

Also covers reading a notes file as a meeting (facilitator/notesfile.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from facilitator.drafting import draft_offline, render_markdown
from facilitator.drafting.offline import GAP_KINDS, find_gaps
from facilitator.model import Action, Draft, Item, Lever, Meeting, Note, Participant, Responsibility
from facilitator.notesfile import guess_language, meeting_from_notes, parse_participants

NOTES_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "notes"
MEETING_DAY = date(2026, 11, 23)


def _gold_paths() -> tuple[Path, Path]:
    notes, gold = NOTES_DIR / "sample-zh.md", NOTES_DIR / "sample-zh.gold.json"
    if not (notes.is_file() and gold.is_file()):
        pytest.skip("shared eval notes not present")
    return notes, gold


def _kinds(draft: Draft) -> list[str]:
    return [g.kind for g in draft.gaps]


def _full_meeting(lang: str = "zh") -> Meeting:
    """A meeting with every stage filled and nothing missing: no gaps."""
    return Meeting(
        title="供应商推诿" if lang == "zh" else "Supplier stall",
        date=MEETING_DAY,
        language=lang,  # type: ignore[arg-type]
        participants=[Participant("张伟", "销售"), Participant("老李", "采购部")],
        responsibilities=[Responsibility("小批量采购", "采购部", "采购管理规定")],
        obstacles=[Item("没有供应商接小批量订单", id=1, kind="priority")],
        levers=[Lever("老同事熟悉的供应商", obstacle_id=1, holder="老同事", owner="老李",
                      due=date(2026, 11, 27))],
        decisions=[Item("请老同事介绍供应商")],
        actions=[Action("联系老同事的供应商下小批量订单", "老李", date(2026, 11, 27))],
    )


# --------------------------------------------------------------------------- gold sample


def test_gold_sample_reproduced() -> None:
    notes, gold_path = _gold_paths()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    meeting, captured = meeting_from_notes(notes.read_text(encoding="utf-8"), MEETING_DAY)
    draft = draft_offline(meeting)

    assert draft.mode == "offline"
    assert meeting.date == date.fromisoformat(gold["date"])
    assert {(r.item, r.owner, r.status) for r in draft.responsibilities} == {
        (r["item"], r["owner"], r["status"]) for r in gold["responsibilities"]
    }
    basis = {r.item: r.basis for r in draft.responsibilities}
    assert basis["清洗工艺改进"] == "工艺管理规定"
    assert {(a.owner, a.due.isoformat() if a.due else None) for a in draft.actions} == {
        (a["owner"], a["due"]) for a in gold["actions"]
    }
    assert len(draft.decisions) == gold["decisions"]
    assert len(draft.open_questions) == gold["open_questions"]
    assert len(draft.obstacles) == gold["obstacles"]
    assert len(captured) == 14

    assert set(_kinds(draft)) == {
        "responsibility_disputed", "action_no_due", "obstacle_unaddressed"
    }  # fmt: skip
    assert [(lv.obstacle, lv.resource) for lv in draft.levers] == [(o, None) for o in draft.obstacles]
    assert draft.to_json()["levers"] == []
    as_json = draft.to_json()
    assert as_json["mode"] == "offline" and as_json["markdown"] == draft.markdown


def test_gold_sample_header_and_date_from_file() -> None:
    notes, _ = _gold_paths()
    meeting, _ = meeting_from_notes(notes.read_text(encoding="utf-8"))
    assert meeting.date == MEETING_DAY  # the first ISO date in the header
    assert meeting.title == "协调会：钢管生锈导致交付风险"
    assert meeting.language == "zh"
    assert [(p.name, p.department) for p in meeting.participants] == [
        ("张伟", "销售"), ("黄主任", "生产部"), ("吴工", "设备部"), ("郑工", "质量部")
    ]  # fmt: skip
    assert meeting.notes == []  # title and participants lines are header fields
    # --date overrides, and relative dates follow it
    later, _ = meeting_from_notes(notes.read_text(encoding="utf-8"), date(2026, 11, 30))
    due = {a.owner: a.due for a in later.actions}
    assert later.date == date(2026, 11, 30)
    assert due["黄主任"] == date(2026, 12, 3)


def test_draft_is_deterministic() -> None:
    notes, _ = _gold_paths()
    text = notes.read_text(encoding="utf-8")
    first = draft_offline(meeting_from_notes(text, MEETING_DAY)[0])
    second = draft_offline(meeting_from_notes(text, MEETING_DAY)[0])
    assert first.to_json() == second.to_json()


# --------------------------------------------------------------------------- notes files


def test_english_notes_file() -> None:
    text = (
        "# Coordination: rusty pipes - Monday, 2026-11-23\n"
        "Attendees: Zhang Wei (Sales), Huang (Production); Wu - Equipment\n"
        "Customer: ACME Steel\n"
        "Order: PO-77\n"
        "Deadline: 2026-12-10\n"
        "The pipes rust within two days of cleaning.\n"
        "cleaning => Production (basis: process manual)\n"
        "@Wu: check the softener by Wednesday\n"
        "Customer: says they can wait a week\n"
    )
    meeting, captured = meeting_from_notes(text)
    assert meeting.title == "Coordination: rusty pipes"
    assert meeting.language == "en"
    assert (meeting.customer, meeting.order_ref) == ("ACME Steel", "PO-77")
    assert meeting.deadline == date(2026, 12, 10)
    assert [(p.name, p.department) for p in meeting.participants] == [
        ("Zhang Wei", "Sales"), ("Huang", "Production"), ("Wu", "Equipment")
    ]  # fmt: skip
    assert meeting.actions[0].due == date(2026, 11, 25)
    # body lines that look like header fields stay notes
    assert [n.text for n in meeting.notes] == [
        "The pipes rust within two days of cleaning.",
        "Customer: says they can wait a week",
    ]
    assert [c.kind for c in captured].count("note") == 7


def test_notes_without_header() -> None:
    meeting, _ = meeting_from_notes("@张伟：打电话给客户 截止 周五\n")
    assert meeting.date is None
    assert meeting.title == ""
    assert draft_offline(meeting).markdown.startswith("# 会议纪要\n")
    assert meeting.actions[0].owner == "张伟" and meeting.actions[0].due is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("销售 张伟；生产部 黄主任；设备部 吴工", [("张伟", "销售"), ("黄主任", "生产部"),
                                                 ("吴工", "设备部")]),
        ("张伟（销售）、黄主任（生产部）", [("张伟", "销售"), ("黄主任", "生产部")]),
        ("张伟 销售部, 吴工", [("张伟", "销售部"), ("吴工", "")]),
        ("Zhang Wei (Sales), Li Lei", [("Zhang Wei", "Sales"), ("Li Lei", "")]),
        # a department written in two tokens, and the department outside the brackets
        ("IT 部 孙主管；销售 张伟", [("孙主管", "IT 部"), ("张伟", "销售")]),
        ("Procurement (Ravi), Quality team (Mei Chen), Tom (IT)",
         [("Ravi", "Procurement"), ("Mei Chen", "Quality team"), ("Tom", "IT")]),
    ],
)  # fmt: skip
def test_parse_participants(value: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.department) for p in parse_participants(value)] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [("清洗后的钢管生锈 by Thursday", "zh"), ("The pipes rust; ask 张伟", "en"), ("", "en"), ("PO-1123", "en")],
)
def test_guess_language(text: str, lang: str) -> None:
    """A notes file with no letters at all is read as English (its headings are)."""
    assert guess_language(text, "en") == lang
    assert guess_language(text, "zh") == (lang if text else "zh")


# --------------------------------------------------------------------------- gaps


def test_full_meeting_has_no_gaps() -> None:
    assert draft_offline(_full_meeting()).gaps == []
    assert draft_offline(_full_meeting("en")).gaps == []


def test_empty_meeting_reports_every_empty_stage() -> None:
    draft = draft_offline(Meeting(title="空会议", date=MEETING_DAY))
    assert _kinds(draft) == [
        "empty_boundaries",
        "empty_obstacles",
        "empty_solution",
        "empty_assign",
    ]
    assert set(_kinds(draft)) <= set(GAP_KINDS)
    assert all(g.message for g in draft.gaps)


def test_disputed_responsibility_gap_and_closed() -> None:
    meeting = _full_meeting()
    meeting.responsibilities.append(Responsibility("返工费用", None, status="disputed"))
    gaps = draft_offline(meeting).gaps
    assert [g.kind for g in gaps] == ["responsibility_disputed"]
    assert "返工费用" in gaps[0].message
    meeting.responsibilities[-1] = Responsibility("返工费用", "生产部")
    assert draft_offline(meeting).gaps == []


def test_unowned_responsibility_gap() -> None:
    meeting = _full_meeting()
    meeting.responsibilities.append(Responsibility("出厂检验", None, status="agreed"))
    assert _kinds(draft_offline(meeting)) == ["responsibility_unowned"]


def test_action_without_due_or_owner() -> None:
    meeting = _full_meeting()
    meeting.actions.append(Action("通报客户", "张伟"))
    meeting.actions.append(Action("整理记录", None, date(2026, 11, 30)))
    assert _kinds(draft_offline(meeting)) == ["action_no_due", "action_no_owner"]
    meeting.actions[-2].due = date(2026, 11, 24)
    meeting.actions[-1].owner = "张伟"
    assert draft_offline(meeting).gaps == []


def test_done_or_dropped_actions_need_no_date() -> None:
    meeting = _full_meeting()
    meeting.actions.append(Action("旧事项", "张伟", status="done"))
    meeting.actions.append(Action("作废事项", "路人甲", status="dropped"))
    assert draft_offline(meeting).gaps == []


@pytest.mark.parametrize(
    "fix",
    [
        lambda m: m.participants.append(Participant("王五", "财务部")),  # a participant
        lambda m: m.participants.append(Participant("赵六", "王五")),  # a department
        lambda m: m.responsibilities.append(Responsibility("付款", "王五")),  # an owner
    ],
)
def test_unknown_owner_gap_and_closed(fix) -> None:  # type: ignore[no-untyped-def]
    meeting = _full_meeting()
    meeting.actions.append(Action("核对付款", "王五", date(2026, 11, 25)))
    draft = draft_offline(meeting)
    assert _kinds(draft) == ["action_unknown_owner"]
    assert "王五" in draft.gaps[0].message
    fix(meeting)
    assert draft_offline(meeting).gaps == []


def test_department_owner_is_known() -> None:
    meeting = _full_meeting()
    meeting.actions.append(Action("下单", "采购部", date(2026, 11, 25)))
    meeting.actions.append(Action("跟进", "张伟/老李", date(2026, 11, 25)))
    assert draft_offline(meeting).gaps == []


def test_unaddressed_obstacle_gap_and_closed() -> None:
    meeting = _full_meeting()
    meeting.obstacles.append(Item("客户的技术规格没人清楚"))
    draft = draft_offline(meeting)
    assert _kinds(draft) == ["obstacle_unaddressed"]
    assert "客户的技术规格没人清楚" in draft.gaps[0].message
    meeting.actions.append(Action("向客户索取技术规格", "张伟", date(2026, 11, 25)))
    # an action on it is not yet a lever: the method asks what resource removes it
    assert _kinds(draft_offline(meeting)) == ["obstacle_no_lever"]


def test_a_linked_lever_addresses_the_obstacle_and_needs_an_owner() -> None:
    """The issue's case: an obstacle with a lever linked to it is not reported as
    unaddressed, whatever words the lever uses; a lever nobody secures is a gap."""
    meeting = _full_meeting()
    meeting.obstacles.append(Item("质量部没有做第三方检测的预算", id=2, kind="budget"))
    assert "obstacle_unaddressed" in _kinds(draft_offline(meeting))
    meeting.levers.append(Lever("总经理特批", obstacle_id=2, holder="总经理"))
    draft = draft_offline(meeting)
    assert _kinds(draft) == ["lever_no_owner"]
    assert "总经理特批" in draft.gaps[0].message
    meeting.levers[-1].owner = "张伟"
    draft = draft_offline(meeting)
    assert draft.gaps == []
    rows = draft.to_json()["levers"]
    assert {"obstacle": "质量部没有做第三方检测的预算", "kind": "budget", "resource": "总经理特批",
            "owner": "张伟", "due": None}.items() <= rows[-1].items()
    assert draft.to_json()["obstacles"] == ["没有供应商接小批量订单", "质量部没有做第三方检测的预算"]
    assert "## 真实障碍与解决路径" in draft.markdown
    assert "| 质量部没有做第三方检测的预算 | 预算 | 总经理特批 | 总经理 | — | 张伟 | 未定 |" in draft.markdown


def test_lever_lines_in_notes_attach_to_the_obstacle_before_them() -> None:
    notes = (
        "协调会：海外投标缺第三方检测报告 2026-11-23\n"
        "参会：销售 张伟；质量部 郑工\n"
        "障碍[预算]：质量部今年没有第三方检测预算\n"
        "资源：总经理特批检测费（持有：总经理）替对方：不占质量部预算 @张伟 周五\n"
        "障碍：检测机构排期要三周\n"
        "借力：集团实验室的绿色通道\n"
    )
    meeting, _ = meeting_from_notes(notes, MEETING_DAY)
    draft = draft_offline(meeting)
    levers = draft.to_json()["levers"]
    assert [(lv["obstacle"], lv["kind"], lv["resource"], lv["owner"], lv["due"]) for lv in levers] == [
        ("质量部今年没有第三方检测预算", "budget", "总经理特批检测费", "张伟", "2026-11-27"),
        ("检测机构排期要三周", "capacity", "集团实验室的绿色通道", None, None),
    ]
    assert levers[0]["holder"] == "总经理" and levers[0]["presolves"] == "不占质量部预算"
    assert ("张伟", "总经理特批检测费") in {(a.owner, a.action) for a in draft.actions}
    assert _kinds(draft).count("lever_no_owner") == 1
    assert "obstacle_unaddressed" not in _kinds(draft)


def test_unaddressed_obstacle_english() -> None:
    meeting = _full_meeting("en")
    meeting.obstacles.append(Item("No budget line for the rework"))
    assert _kinds(draft_offline(meeting)) == ["obstacle_unaddressed"]
    meeting.actions.append(Action("Ask the CFO to approve a rework budget", "张伟",
                                  date(2026, 11, 25)))  # fmt: skip
    assert _kinds(draft_offline(meeting)) == ["obstacle_no_lever"]


def test_gap_messages_follow_language() -> None:
    zh = find_gaps(Draft(mode="offline"), Meeting(title="x", language="zh"))
    en = find_gaps(Draft(mode="offline"), Meeting(title="x", language="en"))
    assert [g.kind for g in zh] == [g.kind for g in en]
    assert "责任边界" in zh[0].message
    assert "responsibility boundaries" in en[0].message


# --------------------------------------------------------------------------- merging


def test_notes_and_extra_text_merge_without_duplicates() -> None:
    meeting = _full_meeting()
    meeting.notes = [
        Note("决定：请老同事介绍供应商\n随手记一笔"),
        Note("障碍： 没有供应商接小批量订单"),
    ]
    extra = (
        "决定: 请老同事介绍供应商\n"
        "小批量采购 => 生产部\n"  # same item: the record wins
        "@老李：联系老同事的供应商下小批量订单\n"  # same action, already dated
        "@张伟：告知客户新的交期 截止 周五\n"
        "问题：价格谁批？\n"
    )
    draft = draft_offline(meeting, extra_text=extra)
    assert draft.decisions == ["请老同事介绍供应商"]
    assert draft.obstacles == ["没有供应商接小批量订单"]
    assert [(r.item, r.owner) for r in draft.responsibilities] == [("小批量采购", "采购部")]
    assert [(a.owner, a.due) for a in draft.actions] == [
        ("老李", date(2026, 11, 27)), ("张伟", date(2026, 11, 27))
    ]  # fmt: skip
    assert draft.open_questions == ["价格谁批？"]


def test_later_lines_complete_earlier_items() -> None:
    meeting = Meeting(title="x", date=MEETING_DAY, participants=[Participant("张伟", "销售")])
    extra = (
        "返工费用 => ?\n"
        "@张伟：通报客户\n"
        "返工费用 => 生产部 (依据: 质量协议)\n"
        "@张伟：通报客户 截止 明天\n"
    )
    draft = draft_offline(meeting, extra_text=extra)
    assert [(r.owner, r.status, r.basis) for r in draft.responsibilities] == [
        ("生产部", "agreed", "质量协议")
    ]
    assert [a.due for a in draft.actions] == [date(2026, 11, 24)]


def test_ref_date_overrides_meeting_date() -> None:
    meeting = Meeting(title="x", date=MEETING_DAY)
    draft = draft_offline(meeting, extra_text="@张伟：回电 截止 明天", ref_date=date(2026, 12, 1))
    assert draft.actions[0].due == date(2026, 12, 2)


def test_meeting_is_not_modified() -> None:
    meeting = Meeting(title="x", date=MEETING_DAY)
    meeting.responsibilities.append(Responsibility("返工费用", None, status="disputed"))
    draft_offline(meeting, extra_text="返工费用 => 生产部")
    assert meeting.responsibilities[0].owner is None


def test_cited_cases_merged_and_rendered() -> None:
    meeting = _full_meeting()
    meeting.cited_cases = ["supplier-small-order"]
    draft = draft_offline(meeting, cited_cases=["supplier-small-order", "no-budget-line"])
    assert draft.cited_cases == ["supplier-small-order", "no-budget-line"]
    assert "## 参考案例" in draft.markdown and "- no-budget-line" in draft.markdown


def test_cited_cases_are_named_by_title_with_their_id() -> None:
    """A reader knows a case by its title; the id stays beside it to look the card up, and a
    case whose card is gone is still listed (by id). The JSON keeps ids only."""
    titles = {"supplier-small-order": "小批量非标料没有供应商接单", "no-budget-line": "No [budget](http://x) line"}
    meeting = _full_meeting()
    meeting.cited_cases = ["supplier-small-order", "gone-case"]
    draft = draft_offline(meeting, case_titles=titles)
    assert "- 《小批量非标料没有供应商接单》（supplier-small-order）" in draft.markdown
    assert "- gone-case" in draft.markdown and "- supplier-small-order" not in draft.markdown
    assert draft.to_json()["cited_cases"] == ["supplier-small-order", "gone-case"]
    assert "case_titles" not in draft.to_json()

    english = _full_meeting("en")
    english.cited_cases = ["no-budget-line"]
    md = draft_offline(english, case_titles=titles).markdown
    assert "## Cited cases\n\n- No budget line (no-budget-line)" in md  # a link in a card title is inert too


# --------------------------------------------------------------------------- rendering


def test_markdown_chinese_labels_and_order() -> None:
    meeting = _full_meeting()
    meeting.customer, meeting.order_ref = "宏达钢构", "PO-2026-117"
    meeting.responsibilities.append(Responsibility("返工费用", None, status="disputed"))
    meeting.actions += [
        Action("通报客户", "张伟"),
        Action("先确认图纸", "张伟", date(2026, 11, 24)),
    ]
    md = draft_offline(meeting).markdown
    first = md.splitlines()[0]
    assert first.startswith("# 供应商推诿") and "2026-11-23" in first
    assert "客户：宏达钢构" in first and "订单：PO-2026-117" in first
    for label in ("## 参会人", "## 责任边界", "| 事项 | 负责方 | 依据 | 状态 |", "## 行动项",
                  "| 负责人 | 行动 | 截止 | 状态 |", "## 决定", "## 真实障碍", "## 待解决问题",
                  "## 待补齐的缺口", "待定", "未定", "张伟（销售）"):  # fmt: skip
        assert label in md, label
    assert "| 返工费用 | — | — | **待定** |" in md
    rows = [
        line for line in md.splitlines() if line.startswith("| 张伟") or line.startswith("| 老李")
    ]
    assert [r.split(" | ")[1] for r in rows] == [
        "先确认图纸",
        "联系老同事的供应商下小批量订单",
        "通报客户",
    ]


def test_markdown_english_labels() -> None:
    meeting = _full_meeting("en")
    meeting.responsibilities.append(Responsibility("Rework cost", None, status="disputed"))
    meeting.actions.append(Action("Tell the customer", "张伟"))
    md = draft_offline(meeting).markdown
    for label in ("## Participants", "## Responsibility boundaries",
                  "| Item | Owner | Basis | Status |", "## Actions",
                  "| Owner | Action | Due | Status |", "## Decisions", "## Real obstacles",
                  "## Open questions", "## Gaps to close", "**disputed**", "no date",
                  "张伟 (销售)"):  # fmt: skip
        assert label in md, label
    assert "待定" not in md and "参会人" not in md


def test_empty_sections_say_none() -> None:
    md = draft_offline(Meeting(title="Empty", language="en")).markdown
    assert "(none)" in md and "(not recorded)" in md


HOSTILE = (
    "see [click me](http://evil.example/x) and ![pixel](http://evil.example/p.png) "
    "<img src=x onerror=alert(1)> <http://evil.example> [ref][1]\n"
    "[1]: http://evil.example/ref"
)


def _html(md: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(md)


def test_links_and_images_in_notes_are_not_rendered() -> None:
    meeting = _full_meeting()
    meeting.notes = [Note(HOSTILE)]
    meeting.decisions.append(Item("按 [规范](http://evil.example/spec) 执行"))
    meeting.responsibilities.append(Responsibility("[图纸](http://evil.example)", "采购部"))
    md = draft_offline(meeting).markdown
    assert "](" not in md
    assert "click me" in md and "pixel" in md and "规范" in md and "图纸" in md
    html = _html(md)
    assert "<a " not in html and "<img" not in html
    assert "evil.example/x" not in md


def test_table_pipes_escaped() -> None:
    meeting = _full_meeting()
    meeting.responsibilities = [Responsibility("A|B 交接", "采购部", "规定|第3条")]
    meeting.actions.append(Action("核对 x|y", "老李", date(2026, 11, 24)))
    md = draft_offline(meeting).markdown
    assert "| A\\|B 交接 | 采购部 | 规定\\|第3条 | 已确认 |" in md
    assert "核对 x\\|y" in md
    html = _html(md)
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert row.count("<td>") == 4 and "A|B 交接" in row


def test_multiline_text_stays_in_its_cell() -> None:
    meeting = _full_meeting()
    meeting.actions[0].action = "第一行\n第二行"
    md = render_markdown(draft_offline(meeting), meeting)
    assert "| 老李 | 第一行 第二行 | 2026-11-27 |" in md


def test_free_notes_rendered_structured_notes_not_repeated() -> None:
    meeting = _full_meeting()
    meeting.notes = [Note("客户要求月底前交货\n决定：请老同事介绍供应商")]
    md = draft_offline(meeting).markdown
    assert "## 会议记录" in md and "- 客户要求月底前交货" in md
    assert md.count("请老同事介绍供应商") == 1


def test_free_notes_capped_unless_all_asked_for() -> None:
    meeting = _full_meeting()
    meeting.notes = [Note(f"记录第{i}条") for i in range(40)]
    draft = draft_offline(meeting)
    assert "- 记录第29条" in draft.markdown and "记录第30条" not in draft.markdown
    assert "另有 10 条记录未列出" in draft.markdown
    full = render_markdown(draft, meeting, max_notes=None)
    assert "- 记录第39条" in full and "未列出" not in full


def test_a_notes_files_lever_owner_of_two_words_is_the_participant_it_names() -> None:
    # typed live, ``@Anna Berg`` names the participant; a notes file of the same lines must too
    text = ("Supplier review\nParticipants: Anna Berg (Purchasing), Tom Li (Production)\n"
            "Obstacle: the supplier will not take an order this small\n"
            "Lever: Tom's supplier network @Anna Berg Friday\n")
    meeting, _ = meeting_from_notes(text, MEETING_DAY)
    assert [(lv.owner, lv.resource) for lv in meeting.levers] == [("Anna Berg", "Tom's supplier network")]
    assert [a.owner for a in meeting.actions] == ["Anna Berg"]
