"""The closing review (F10) and the delivery view (Ctrl+O) of a meeting's order."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.widgets import Input

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.delivery import DeliveryScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.review import ClosingReview
from tests.tui.conftest import MakeApp, new_meeting, palette, screen_text

pytestmark = pytest.mark.anyio


@pytest.fixture
def two_meetings(service: Service, meeting: Meeting) -> tuple[Meeting, Meeting, dict[str, int]]:
    """A first meeting on PO-1123 with two open actions, and a second one with one of its own."""
    assert meeting.id is not None
    service.record.capture(meeting.id, "@吴工：检查软化水设备 截止 2026-11-25", "actions")
    service.record.capture(meeting.id, "@李经理：联系防锈油供应商 截止 2026-11-26", "actions")
    service.record.capture(meeting.id, "清洗工艺 => 生产部 （依据：工艺管理规定）", "boundaries")
    second = new_meeting(service, "第二次协调会 [b]跟进[/b]", on=date(2026, 11, 27))
    assert second.id is not None
    service.record.capture(second.id, "@王主管：整理返工报告 截止 2026-11-30", "actions")
    ids = {a.action: a.id for a in service.followup.actions() if a.id is not None}
    return meeting, second, {"wu": ids["检查软化水设备"], "li": ids["联系防锈油供应商"],
                             "wang": ids["整理返工报告"]}


async def typed(pilot: Any, text: str) -> None:
    box = pilot.app.screen.query_one("#review-input", Input)
    assert box.display and box.has_focus
    box.value = ""
    box.insert_text_at_cursor(text)
    await pilot.pause()


async def test_closing_review_applies_done_new_date_and_blocked_then_closes(
    service: Service, two_meetings: tuple[Meeting, Meeting, dict[str, int]], make_app: MakeApp
) -> None:
    _, second, ids = two_meetings
    assert second.id is not None
    app = make_app(second.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ClosingReview)
        # carried-in actions first, then this meeting's own
        assert [a.id for a in review.actions] == [ids["wu"], ids["li"], ids["wang"]]
        text = screen_text(app)
        assert "1/3" in text and "检查软化水设备" in text and "钢管生锈协调会" in text

        await pilot.press("x")  # done
        await pilot.pause()
        assert "2/3" in screen_text(app)

        await pilot.press("o")  # still open, with a new date
        await pilot.pause()
        await typed(pilot, "2026-12-03")
        await pilot.press("enter")
        await pilot.pause()
        assert "3/3" in screen_text(app)

        await pilot.press("b")  # blocked: a reason is required
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert review.asking == "blocked", "no reason: still asking"
        assert any(n.severity == "warning" and "原因" in n.message for n in app._notifications)
        await typed(pilot, "质量部还没给 [i]返工标准[/i]")
        await pilot.press("enter")
        await pilot.pause()
        assert review.at_summary
        text = screen_text(app)
        assert "✓ 已完成" in text and "2026-12-03" in text and "质量部还没给 [i]返工标准[/i]" in text
        # nothing is written before the room confirms
        assert service.followup.action(ids["wu"]).status == "open"
        assert service.record.meeting(second.id).status != "closed"

        assert "已结束" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "第二次协调会 [b]跟进[/b]  已结束" in screen_text(app)  # the top bar says so

    assert service.record.meeting(second.id).status == "closed"
    wu, li, wang = (service.followup.action(ids[k]) for k in ("wu", "li", "wang"))
    assert wu.status == "done"
    assert (li.status, li.due) == ("open", date(2026, 12, 3))
    assert (wang.status, wang.reason) == ("blocked", "质量部还没给 [i]返工标准[/i]")
    for action_id in ids.values():
        assert service.followup.history(action_id)[-1].meeting_id == second.id
    assert any("会议已结束" in n.message for n in app._notifications)


async def test_skip_back_and_escape_leave_everything_as_it_was(
    service: Service, two_meetings: tuple[Meeting, Meeting, dict[str, int]], make_app: MakeApp
) -> None:
    _, second, ids = two_meetings
    assert second.id is not None
    app = make_app(second.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ClosingReview)
        await pilot.press("s", "x", "p")  # skip, done, then back to the second to change it
        await pilot.pause()
        assert review.index == 1
        await pilot.press("s", "s")
        await pilot.pause()
        assert review.at_summary
        assert "跳过" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert service.record.meeting(second.id).status != "closed"
    assert all(service.followup.action(i).status == "open" for i in ids.values())
    assert all(len(service.followup.history(i)) == 1 for i in ids.values())


async def test_delivery_view_lists_the_orders_meetings_and_histories(
    service: Service, two_meetings: tuple[Meeting, Meeting, dict[str, int]], make_app: MakeApp
) -> None:
    first, second, ids = two_meetings
    assert second.id is not None
    service.followup.update(ids["li"], status="blocked", reason="供应商要预付款", in_meeting=second.id)
    app = make_app(second.id)
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, DeliveryScreen)
        text = screen_text(app)
        assert "交付进度：订单 PO-1123" in text
        assert "2026-11-20" in text and first.title in text
        assert "2026-11-27" in text and "第二次协调会 [b]跟进[/b]" in text  # literal, not markup
        assert "生产部 ← 清洗工艺" in text
        assert "联系防锈油供应商" in text and "原因：供应商要预付款" in text
        assert "3 项未完成" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await palette(pilot, "交付进度")  # the palette has it too
        assert isinstance(app.screen, DeliveryScreen)


async def test_delivery_needs_an_order(service: Service, make_app: MakeApp) -> None:
    m = new_meeting(service, "没有订单的会", order="")
    assert m.id is not None
    app = make_app(m.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert any("没有订单号" in n.message for n in app._notifications)


async def test_back_then_enter_keeps_the_answer_and_s_does_not_erase_it(
    service: Service, two_meetings: tuple[Meeting, Meeting, dict[str, int]], make_app: MakeApp
) -> None:
    """Issue 24, point 7: after p, Enter and Ctrl+S did nothing on an item page although the
    footer offered them, and s overwrote an earlier answer with 跳过."""
    _, second, ids = two_meetings
    assert second.id is not None
    app = make_app(second.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ClosingReview)
        assert "确认结束" not in screen_text(app)  # the footer offers Enter only where it does something
        await pilot.press("enter")  # a new item: Enter does not skip it by accident
        await pilot.pause()
        assert review.index == 0 and not review.answers
        await pilot.press("x", "o")
        await pilot.pause()
        await typed(pilot, "2026-12-10")
        await pilot.press("enter")
        await pilot.press("x")
        await pilot.pause()
        assert review.at_summary
        await pilot.press("p", "p")  # back to the second item (new date 12-10)
        await pilot.pause()
        assert review.index == 1 and "2026-12-10" in screen_text(app)
        await pilot.press("s")  # passes it: the answer stays
        await pilot.pause()
        assert review.index == 2 and review.answers[1] is not None
        await pilot.press("p", "p")
        await pilot.pause()
        assert review.index == 0
        await pilot.press("enter")  # keeps "done" and goes on
        await pilot.pause()
        assert review.index == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert review.index == 2
        await pilot.press("enter", "enter")  # the third item, then the summary: closes
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    wu, li, wang = (service.followup.action(ids[k]) for k in ("wu", "li", "wang"))
    assert wu.status == "done" and (li.status, li.due) == ("open", date(2026, 12, 10)) and wang.status == "done"
