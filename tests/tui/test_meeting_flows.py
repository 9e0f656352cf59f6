"""Stages, ledger edits, participants, the meeting list and the new-meeting form."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Checkbox, Input, Select, TabbedContent, TextArea

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.forms import (
    ActionForm,
    NewMeetingForm,
    ParticipantForm,
    ResponsibilityForm,
)
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.meetings import MeetingListScreen
from facilitator.tui.widgets.ledgers import ActionsTable, ResponsibilityTable
from facilitator.tui.widgets.stage import StageGuide
from tests.tui.conftest import (
    FrozenClock,
    MakeApp,
    new_meeting,
    open_meeting,
    screen_text,
    type_line,
)

pytestmark = pytest.mark.anyio


async def test_stage_moves_are_committed_and_checks_follow(
    service: Service, make_app: MakeApp
) -> None:
    m = new_meeting(service)  # no participants: the convene check is not met
    assert m.id is not None
    app = make_app(m.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "▶ 1 召集开场" in text
        assert "还没有记录参会人" in text
        await pilot.press("f3")
        await pilot.pause()
        assert service.record.meeting(m.id).stage == "stuck"
        text = screen_text(app)
        assert "▶ 2 确认卡点" in text
        assert "把事实摆上桌" in text  # the new stage's goal
        assert "订单目前走到了流程的哪一步？" in text  # and its questions
        assert "还没有记录卡点事实" in text
        assert any("还缺" in n.message and "参会人" in n.message for n in app._notifications)
        await type_line(pilot, "订单卡在清洗工序")
        assert "✓ 可以进入下一阶段" in screen_text(app)
        assert service.record.meeting(m.id).notes[0].stage == "stuck"
        for _ in range(10):
            await pilot.press("f3")
        await pilot.pause()
        assert service.record.meeting(m.id).stage == "actions"
        await pilot.press("f2")
        await pilot.pause()
        assert service.record.meeting(m.id).stage == "solution"


async def test_a_stage_that_runs_over_gets_a_calm_warning_once(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    clock = FrozenClock()
    app = make_app(meeting.id, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        assert not screen.query_one("#stage-overrun").display
        clock.now += 2 * 60 + 5
        screen.tick()
        await pilot.pause()
        assert "02:05/3′" in screen_text(app)
        assert not screen.query_one("#stage-overrun").display
        clock.now += 90  # 3:35 of a 3-minute timebox
        screen.tick()
        screen.tick()
        await pilot.pause()
        assert screen.query_one(StageGuide).query_one("#stage-overrun").display
        assert "超出计划 1 分钟" in screen_text(app)
        assert sum("超出计划时间" in n.message for n in app._notifications) == 1
        assert "会议用时 03:35" in screen_text(app)
        await pilot.press("f3")
        await pilot.pause()
        assert not screen.query_one("#stage-overrun").display
        assert "1 召集开场 03:35/3′" in screen_text(app)


async def test_responsibility_is_edited_in_place(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "返工费用 => ?")
        table = app.screen.query_one(ResponsibilityTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ResponsibilityForm)
        form.query_one("#owner", Input).value = "质量部"
        basis = "规定 4.2 第三款"
        form.query_one("#basis", Input).value = basis
        form.query_one("#disputed", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        r = service.record.meeting(meeting.id).responsibilities[0]
        assert (r.item, r.owner, r.basis, r.status) == ("返工费用", "质量部", basis, "agreed")
        # the edited row is drawn whole, not cut to the width its cells had before
        assert "质量部" in screen_text(app) and basis in screen_text(app)


async def test_action_is_toggled_and_edited_in_place(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "@吴工：检查设备 截止 2026-11-25")
        table = app.screen.query_one(ActionsTable)
        table.focus()
        await pilot.press("x")
        await pilot.pause()
        assert service.record.meeting(meeting.id).actions[0].status == "done"
        assert "☑" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert service.record.meeting(meeting.id).actions[0].status == "open"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#due", Input).value = "2026-11-27"
        form.query_one("#owner", Input).value = "吴工、小张"
        await pilot.press("ctrl+s")
        await pilot.pause()
        a = service.record.meeting(meeting.id).actions[0]
        assert (a.owner, a.due, a.status) == ("吴工、小张", date(2026, 11, 27), "open")


async def test_a_bad_date_keeps_the_form_open_with_its_text(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "@吴工：检查设备")
        app.screen.query_one(ActionsTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#due", Input).value = "下周"
        form.query_one("#status", Select).value = "dropped"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#due", Input).value == "下周"
        assert any("看不懂的日期：下周" in n.message for n in app._notifications)
        assert service.record.meeting(meeting.id).actions[0].status == "open"
        await pilot.press("escape", "y")  # the form was changed: Esc asks, y discards
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_participant_is_added_from_the_meeting(
    service: Service, make_app: MakeApp
) -> None:
    m = new_meeting(service)
    assert m.id is not None
    app = make_app(m.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ParticipantForm)
        # typing starts in the first field at once, not in the scrolling frame
        assert app.focused is form.query_one("#name", Input)
        await pilot.press(*"Wang", "tab")
        assert isinstance(app.focused, Input)
        app.focused.insert_text_at_cursor("销售部")
        await pilot.press("ctrl+s")
        await pilot.pause()
        people = service.record.meeting(m.id).participants
        assert [(p.name, p.department) for p in people] == [("Wang", "销售部")]
        assert app.screen.query_one("#ledger-tabs", TabbedContent).active == "tab-people"
        assert "Wang  销售部" in screen_text(app)
        assert "✓ 可以进入下一阶段" in screen_text(app)


async def test_meeting_list_is_recent_first_with_open_actions(
    service: Service, make_app: MakeApp
) -> None:
    old = new_meeting(service, "旧的会议", on=date(2026, 10, 1))
    new = new_meeting(service, "新的会议", on=date(2026, 11, 20))
    assert old.id is not None and new.id is not None
    service.record.capture(new.id, "@吴工：检查设备")
    service.record.capture(new.id, "@李经理：联系供应商")
    done, _ = service.record.capture(old.id, "@吴工：已完成的事")
    service.followup.close_meeting(old.id, [])
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingListScreen)
        lines = [ln for ln in screen_text(app).splitlines() if "的会议" in ln]
        assert "新的会议" in lines[0] and "旧的会议  已结束" in lines[1]
        assert "已结束" not in lines[0]
        assert lines[0].rstrip().endswith("2")
        assert lines[1].rstrip().endswith("1")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == old.id
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, MeetingListScreen)


async def test_new_meeting_form_creates_and_opens_the_meeting(
    service: Service, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "还没有会议" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewMeetingForm)
        assert form.query_one("#date", Input).value == "2026-11-20"
        form.query_one("#title", Input).value = "IT 预算协调会"
        form.query_one("#customer", Input).value = "华东管业"
        form.query_one("#order", Input).value = "PO-88"
        form.query_one("#deadline", Input).value = "2026-12-05"
        form.query_one("#goal", Input).value = "确定视频系统的预算来源"
        form.query_one("#participants", TextArea).text = "吴工, 生产部, 主管\n李经理，采购部\n\n王总"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        [m] = service.record.meetings()
        assert (m.title, m.customer, m.order_ref, m.date, m.deadline) == (
            "IT 预算协调会", "华东管业", "PO-88", date(2026, 11, 20), date(2026, 12, 5))
        full = service.record.meeting(m.id)  # type: ignore[arg-type]
        assert full.goal == "确定视频系统的预算来源"
        assert [(p.name, p.department, p.role) for p in full.participants] == [
            ("吴工", "生产部", "主管"), ("李经理", "采购部", ""), ("王总", "", "")]
        assert app.focused is app.screen.query_one("#capture", Input)


async def test_new_meeting_form_needs_a_title(service: Service, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#customer", Input).value = "华东管业"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingForm)
        assert app.screen.query_one("#customer", Input).value == "华东管业"
        assert service.record.meetings() == []
