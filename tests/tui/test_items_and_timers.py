"""Obstacles, decisions and questions edited and deleted in place; stage times that survive a restart."""

from __future__ import annotations

import signal
from typing import Any

import pytest
from textual.widgets import Input

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens import meeting as meeting_module
from facilitator.tui.screens.item_form import ConfirmDeleteItem, ItemForm
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.widgets.ledgers import ItemsTable
from tests.tui.conftest import FrozenClock, MakeApp, screen_text, type_line

pytestmark = pytest.mark.anyio

ITEM_LINES = ["障碍：没有预算更换软化水设备", "决定：库存钢管先用防锈油处理", "问题：客户能否接受延期一周？"]


async def capture_items(pilot: Any) -> ItemsTable:
    for line in ITEM_LINES:
        await type_line(pilot, line)
    table = pilot.app.screen.query_one(ItemsTable)
    assert pilot.app.screen.query_one("#ledger-tabs").active == "tab-items"
    table.focus()
    await pilot.pause()
    return table


async def replace_text(pilot: Any, text: str) -> None:
    """Clear the form's text field by keyboard, then type ``text`` (whole, as an IME does)."""
    box = pilot.app.screen.query_one("#text", Input)
    assert pilot.app.focused is box
    await pilot.press("end", "ctrl+u")
    box.insert_text_at_cursor(text)
    await pilot.pause()


async def test_an_item_is_edited_in_place_and_committed(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await capture_items(pilot)
        text = screen_text(app)
        assert "障碍" in text and "没有预算更换软化水设备" in text
        assert "问题" in text and "客户能否接受延期一周？" in text
        await pilot.press("down")  # the decision
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert "修改决定" in screen_text(app)
        assert form.query_one("#text", Input).value == "库存钢管先用防锈油处理"
        await replace_text(pilot, "库存钢管  先用防锈油处理，明天开始")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        stored = service.record.meeting(meeting.id)
        assert [d.text for d in stored.decisions] == ["库存钢管 先用防锈油处理，明天开始"]
        assert [o.text for o in stored.obstacles] == ["没有预算更换软化水设备"]
        assert "先用防锈油处理，明天开始" in screen_text(app)
        assert any(n.message == "已保存修改" for n in app._notifications)
        # Ctrl+S saves too, and Escape leaves the record alone
        await pilot.press("down", "enter")
        await pilot.pause()
        await replace_text(pilot, "客户能否接受延期十天？")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        await replace_text(pilot, "不该存下")
        await pilot.press("escape")
        await pilot.pause()
        stored = service.record.meeting(meeting.id)
        assert [q.text for q in stored.open_questions] == ["客户能否接受延期十天？"]
        assert [o.text for o in stored.obstacles] == ["没有预算更换软化水设备"]
        assert "不该存下" not in screen_text(app)


async def test_an_empty_text_keeps_the_form_open(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await capture_items(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await replace_text(pilot, "   ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert any("内容不能为空" in n.message for n in app._notifications)
        assert [o.text for o in service.record.meeting(meeting.id).obstacles] == ["没有预算更换软化水设备"]


async def test_an_item_is_deleted_only_after_confirmation(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await capture_items(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDeleteItem)
        assert "库存钢管先用防锈油处理" in screen_text(app)
        await pilot.press("enter")  # Cancel has the focus: a stray Enter deletes nothing
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert len(service.record.meeting(meeting.id).decisions) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(service.record.meeting(meeting.id).decisions) == 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDeleteItem)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        stored = service.record.meeting(meeting.id)
        assert stored.decisions == []
        assert len(stored.obstacles) == 1 and len(stored.open_questions) == 1
        assert "库存钢管先用防锈油处理" not in screen_text(app)
        assert any("已删除" in n.message for n in app._notifications)


async def test_markup_like_item_text_is_shown_literally(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "决定：[bold]x[/bold] [0] 先做")
        app.screen.query_one(ItemsTable).focus()
        await pilot.pause()
        table_lines = [ln for ln in screen_text(app).splitlines() if "已记下" not in ln]  # not the ack line
        assert any("决定  [bold]x[/bold] [0] 先做" in ln for ln in table_lines)
        await pilot.press("d")
        await pilot.pause()
        assert "[bold]x[/bold] [0] 先做" in screen_text(app)  # the confirmation too
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert app.screen.query_one("#text", Input).value == "[bold]x[/bold] [0] 先做"
        assert app.errors == []


async def test_stage_time_survives_a_restart(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    clock = FrozenClock()
    app = make_app(meeting.id, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.now += 2 * 60 + 5
        await pilot.press("f3")
        await pilot.pause()
        assert service.record.meeting(meeting.id).stage_seconds == {"convene": 125.0}
        clock.now += 40
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "会议用时 02:45" in screen_text(app)
    assert service.record.meeting(meeting.id).stage_seconds == {"convene": 125.0, "stuck": 40.0}

    again = make_app(meeting.id, clock=FrozenClock(50.0))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "1 召集开场 02:05/3′" in text
        assert "▶ 2 确认卡点 00:40/" in text
        assert "会议用时 02:45" in text


async def test_stage_time_is_saved_while_running_and_on_sigterm(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    monkeypatch.setattr(meeting_module, "STAGE_TIME_SAVE_INTERVAL", 0.05)
    clock = FrozenClock()
    app = make_app(meeting.id, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.now += 70
        await pilot.pause(0.3)
        assert service.record.meeting(meeting.id).stage_seconds == {"convene": 70.0}
        clock.now += 5
        app.stop_on_signal(signal.SIGTERM)
        assert service.record.meeting(meeting.id).stage_seconds == {"convene": 75.0}
        await pilot.pause()


async def test_a_failing_stage_time_save_is_reported_once_and_the_meeting_goes_on(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None

    def broken(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(service.record, "save_stage_time", broken)
    clock = FrozenClock()
    app = make_app(meeting.id, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):
            clock.now += 30
            await pilot.press("f3")
            await pilot.pause()
        assert service.record.meeting(meeting.id).stage == "obstacle"
        assert sum("disk full" in n.message for n in app._notifications) == 1
