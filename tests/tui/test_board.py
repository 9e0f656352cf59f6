"""The actions board (F8), the action form's statuses, and carried-over actions in a new meeting."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.coordinate import Coordinate
from textual.widgets import Input, Select

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.board import ActionsBoard
from facilitator.tui.screens.forms import ActionForm, PromptForm
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.widgets.carried import CarriedPanel, TrackedActions
from tests.tui.conftest import MEETING_DAY, MakeApp, new_meeting, open_meeting, palette, screen_text

pytestmark = pytest.mark.anyio

LINES = [
    "@李经理：联系防锈油供应商 截止 2026-11-25",  # due after MEETING_DAY
    "@吴工：检查软化水设备 截止 2026-11-18",  # overdue on MEETING_DAY
    "@王主管：整理返工报告",  # no date
    "@吴工：[bold]清洗[/bold] 钢管 截止 2026-11-10",  # marked done below: never overdue
]


@pytest.fixture
def ledger(service: Service, meeting: Meeting) -> dict[str, int]:
    """Four actions on the first meeting, keyed by their owner's first character."""
    assert meeting.id is not None
    for line in LINES:
        service.record.capture(meeting.id, line, "actions")
    ids = {a.action: a.id for a in service.record.meeting(meeting.id).actions if a.id is not None}
    done = ids["[bold]清洗[/bold] 钢管"]
    assert done is not None
    service.followup.update(done, status="done")
    return {"late": ids["检查软化水设备"], "soon": ids["联系防锈油供应商"], "undated": ids["整理返工报告"],
            "done": done}


def row_ids(app: FacilitatorApp) -> list[int]:
    table = app.screen.query_one(TrackedActions)
    return [int(str(table.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value)) for i in range(table.row_count)]


def row_text(app: FacilitatorApp, action_id: int) -> str:
    table = app.screen.query_one(TrackedActions)
    return " ".join(str(c) for c in table.get_row(str(action_id)))


async def open_board(pilot: Any) -> ActionsBoard:
    await pilot.press("f8")
    await pilot.pause()
    board = pilot.app.screen
    assert isinstance(board, ActionsBoard)
    return board


async def answer(pilot: Any, text: str) -> None:
    box = pilot.app.screen.query_one("#answer", Input)
    box.value = ""
    box.insert_text_at_cursor(text)
    await pilot.pause()


@pytest.mark.parametrize("today", [MEETING_DAY, date(2026, 11, 26)], ids=["meeting-day", "a-week-later"])
async def test_board_lists_overdue_first_relative_to_the_injected_today(
    service: Service, ledger: dict[str, int], make_app: MakeApp, today: date
) -> None:
    app = make_app(today=lambda: today)  # from the meeting list
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_board(pilot)
        assert row_ids(app) == [ledger["late"], ledger["soon"], ledger["undated"], ledger["done"]]
        late_days = (today - date(2026, 11, 18)).days
        assert f"逾期 {late_days} 天" in row_text(app, ledger["late"])
        if today == MEETING_DAY:
            assert "逾期" not in row_text(app, ledger["soon"])
            assert "1 项逾期" in screen_text(app)
        else:
            assert "逾期 1 天" in row_text(app, ledger["soon"])
            assert "2 项逾期" in screen_text(app)
        assert "逾期" not in row_text(app, ledger["done"])  # done is never overdue
        assert "[bold]清洗[/bold] 钢管" in screen_text(app)  # user text is literal


async def test_board_groups_by_owner_and_filters_outstanding(
    service: Service, ledger: dict[str, int], make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        board = await open_board(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert board.by_owner
        table = board.query_one(TrackedActions)
        assert str(table.ordered_columns[0].label) == "负责"
        # 吴工 (overdue, then done), 李经理, 王主管: grouped by owner, overdue first within
        owners = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert owners == sorted(owners)
        assert row_ids(app)[owners.index("吴工")] == ledger["late"]
        await pilot.press("f")
        await pilot.pause()
        assert ledger["done"] not in row_ids(app)
        assert len(row_ids(app)) == 3
        assert "只看未完成" in screen_text(app)


async def test_mark_done_and_block_with_a_reason_by_keyboard(
    service: Service, meeting: Meeting, ledger: dict[str, int], make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_board(pilot)
        assert "状态记录：检查软化水设备" in screen_text(app)  # the selected action's history
        await pilot.press("x")  # the overdue one is first
        await pilot.pause()
        assert service.followup.action(ledger["late"]).status == "done"
        assert [e.status for e in service.followup.history(ledger["late"])][-1] == "done"
        assert "☑ 已完成" in row_text(app, ledger["late"])  # reloaded from the service
        assert row_ids(app)[0] == ledger["soon"], "done moves below what is still owed"

        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PromptForm)
        before = len(service.followup.history(ledger["soon"]))
        await pilot.press("enter")  # no reason: refused, the question stays open
        await pilot.pause()
        assert isinstance(app.screen, PromptForm)
        assert any(n.severity == "warning" and "原因" in n.message for n in app._notifications)
        assert service.followup.action(ledger["soon"]).status == "open"
        assert len(service.followup.history(ledger["soon"])) == before
        await answer(pilot, "供应商要求 [b]预付款[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        action = service.followup.action(ledger["soon"])
        assert (action.status, action.reason) == ("blocked", "供应商要求 [b]预付款[/b]")
        last = service.followup.history(ledger["soon"])[-1]
        assert (last.status, last.reason) == ("blocked", "供应商要求 [b]预付款[/b]")
        assert "⊘ 受阻" in row_text(app, ledger["soon"])
        assert "供应商要求 [b]预付款[/b]" in screen_text(app)

        await pilot.press("u")  # a new date
        await pilot.pause()
        await answer(pilot, "2026-12-02")
        await pilot.press("enter")
        await pilot.pause()
        assert service.followup.action(ledger["soon"]).due == date(2026, 12, 2)
        assert service.followup.history(ledger["soon"])[-1].kind == "due"
        await pilot.press("o")  # reopen
        await pilot.pause()
        assert service.followup.action(ledger["soon"]).status == "open"

        await pilot.press("escape")  # back to the meeting, which shows the change
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert [a.status for a in app.screen.meeting.actions if a.id == ledger["late"]] == ["done"]


async def test_action_form_needs_a_reason_for_blocked_and_keeps_what_was_typed(
    service: Service, ledger: dict[str, int], make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_board(pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#owner", Input).value = "设备科"
        form.query_one("#status", Select).value = "blocked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "refused: the form stays open"
        assert form.query_one("#owner", Input).value == "设备科"
        assert str(form.query_one("#status", Select).value) == "blocked"
        assert any(n.severity == "warning" and "原因" in n.message for n in app._notifications)
        stored = service.followup.action(ledger["late"])
        assert (stored.status, stored.owner) == ("open", "吴工")
        form.query_one("#reason", Input).value = "等设备厂家报价"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        stored = service.followup.action(ledger["late"])
        assert (stored.status, stored.owner, stored.reason) == ("blocked", "设备科", "等设备厂家报价")
        assert "设备科" in row_text(app, ledger["late"])


async def test_board_opens_from_the_palette_and_help_lists_its_keys(
    service: Service, ledger: dict[str, int], make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "行动看板")
        assert isinstance(app.screen, ActionsBoard)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "[block_action]" in text and "[group_by]" in text and "[actions_board]" in text


async def test_a_second_meeting_on_the_order_starts_from_what_the_first_left_open(
    service: Service, meeting: Meeting, ledger: dict[str, int], make_app: MakeApp
) -> None:
    second = new_meeting(service, "第二次协调会", on=date(2026, 11, 27))
    other = new_meeting(service, "别的订单", order="PO-9")
    assert second.id is not None and other.id is not None
    app = make_app(second.id)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await open_meeting(pilot)
        panel = screen.query_one(CarriedPanel)
        assert panel.display
        text = screen_text(app)
        assert "之前会议留下的行动：3 项未完成" in text
        assert "检查软化水设备" in text and "联系防锈油供应商" in text and "钢管生锈协调会" in text
        table = panel.query_one(TrackedActions)
        assert [int(str(k)) for k in table.rows_by_key][:3] == [ledger["late"], ledger["soon"], ledger["undated"]]
        table.focus()
        await pilot.press("x")
        await pilot.pause()
        assert service.followup.action(ledger["late"]).status == "done"
        assert service.followup.history(ledger["late"])[-1].meeting_id == second.id
        assert "之前会议留下的行动：2 项未完成" in screen_text(app)
        await pilot.press("f3")  # the panel belongs to the convene stage
        await pilot.pause()
        assert not panel.display
    app = make_app(other.id)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(CarriedPanel).display  # another order: nothing carried


async def test_carried_actions_name_who_and_what_on_an_80_column_terminal(
    service: Service, meeting: Meeting, ledger: dict[str, int], make_app: MakeApp
) -> None:
    second = new_meeting(service, "第二次协调会", on=date(2026, 11, 27))
    assert second.id is not None
    app = make_app(second.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "吴工" in line)
        # owner and due whole (overdue must show), the action text begins (cut with "…"):
        # on one line, or stacked on two when the panel is too narrow (issue 24)
        row = lines[at - 1] + lines[at] if "检查" not in lines[at] else lines[at]
        assert all(x in row for x in ("吴工", "逾期 2 天", "检查软化水设备", "…")), row
        # the stage guide and the panel give way: the notes keep room for a few lines
        notes = app.screen.query_one("#notes")
        assert notes.region.height >= 6
        await pilot.press("f3")
        await pilot.pause()
        assert not app.screen.query_one("#left").has_class("-carrying")



async def test_follow_up_messages_are_written_per_owner_from_the_palette_and_the_board(
    service: Service, meeting: Meeting, ledger: dict[str, int], make_app: MakeApp
) -> None:
    assert meeting.id is not None
    folder = service.home / "exports" / "followup"
    app = make_app(meeting.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "跟进消息")
        names = sorted(p.name for p in folder.iterdir())
        assert names == [f"followup-meeting-{meeting.id}-{o}.md" for o in sorted(["吴工", "李经理", "王主管"])]
        wu = (folder / f"followup-meeting-{meeting.id}-吴工.md").read_text(encoding="utf-8")
        assert "# 跟进事项：吴工" in wu and "检查软化水设备（截止 2026-11-18" in wu
        assert any("已写好 3 份跟进消息" in n.message for n in app._notifications)

        board = await open_board(pilot)
        assert board.table.selected() is not None
        await pilot.press("m")
        await pilot.pause()
        by_order = sorted(p.name for p in folder.glob("followup-order-*"))
        assert by_order == [f"followup-order-PO-1123-{o}.md" for o in sorted(["吴工", "李经理", "王主管"])]
