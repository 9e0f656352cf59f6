"""Snapshots of the main screens with Chinese content, at 80x24 and 120x40.

Deterministic by construction: a fixed meeting date, a frozen clock, and live case
search switched off (the panel's live behaviour is tested in test_cases_panel.py).
Update after an intended change with ``pytest tests/tui --snapshot-update`` and
look at the report before committing.
"""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.model import Meeting
from facilitator.service import Service
from tests.tui.conftest import MakeApp

LINES = [
    "钢管清洗后第二天就生锈，下一道工序停了三天",
    "清洗工艺 => 生产部 （依据：工艺管理规定）",
    "返工费用 => ?",
    "@吴工：检查软化水设备 截止 2026-11-25",
    "@李经理：联系防锈油供应商",
    "障碍：没有预算更换软化水设备",
    "决定：库存钢管先用防锈油处理",
    "问题：客户能否接受延期一周？",
    "[bold]不是标记[/bold] [0] x",
]


@pytest.fixture
def busy_meeting(service: Service, meeting: Meeting) -> Meeting:
    assert meeting.id is not None
    for line in LINES:
        service.record.capture(meeting.id, line, "boundaries")
    service.record.update_meeting(meeting.id, stage="boundaries")
    return service.record.meeting(meeting.id)


async def steady_cursor(pilot: Any) -> None:
    """Input cursors blink on a timer; a snapshot taken mid-blink would depend on the load."""
    from textual.widgets import Input

    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_meeting_screen(snap_compare: Any, make_app: MakeApp, busy_meeting: Meeting, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(busy_meeting.id), terminal_size=size, run_before=steady_cursor)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_meeting_list(snap_compare: Any, make_app: MakeApp, busy_meeting: Meeting, service: Service,
                      size: tuple[int, int]) -> None:
    from datetime import date

    service.record.new_meeting("IT 预算协调会", customer="华东管业", order="PO-88", on=date(2026, 11, 18))
    assert snap_compare(make_app(), terminal_size=size)


def test_draft_screen(snap_compare: Any, make_app: MakeApp, busy_meeting: Meeting) -> None:
    async def open_draft(pilot: Any) -> None:
        await pilot.press("f5")
        while getattr(pilot.app.screen, "draft", None) is None:
            await pilot.pause(0.05)
        await pilot.pause(0.2)

    assert snap_compare(make_app(busy_meeting.id), terminal_size=(120, 40), run_before=open_draft)


def test_help_screen(snap_compare: Any, make_app: MakeApp, busy_meeting: Meeting) -> None:
    assert snap_compare(make_app(busy_meeting.id), terminal_size=(80, 24), press=["f1"])


def test_new_meeting_form(snap_compare: Any, make_app: MakeApp, service: Service) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["n"])


# -- a laptop's screen (issue 17): realistic lengths at 80x24 and 120x40 ------------------

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@SIZES
@pytest.mark.parametrize("stage", ["convene", "boundaries", "actions"])
def test_meeting_screen_long_items(snap_compare: Any, make_app: MakeApp, service: Service, long_meeting: Meeting,
                                   size: tuple[int, int], stage: str) -> None:
    assert long_meeting.id is not None
    service.record.update_meeting(long_meeting.id, stage=stage)

    async def ledger_focused(pilot: Any) -> None:
        await steady_cursor(pilot)
        if stage == "actions":  # the actions tab, a cut row shown whole under it
            pilot.app.screen.query_one("#ledger-tabs").active = "tab-actions"
            await pilot.pause()
            pilot.app.screen.query_one("#actions").focus()
            await pilot.pause()

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=ledger_focused)


@SIZES
def test_board_long_items(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(long_meeting.id), terminal_size=size, press=["f8"], run_before=steady_cursor)


@SIZES
def test_review_long_items(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(long_meeting.id), terminal_size=size, press=["f10"], run_before=steady_cursor)


@SIZES
def test_delivery_long_items(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting,
                             size: tuple[int, int]) -> None:
    assert snap_compare(make_app(long_meeting.id), terminal_size=size, press=["ctrl+o"], run_before=steady_cursor)


@SIZES
def test_card(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting, size: tuple[int, int]) -> None:
    from pathlib import Path

    from facilitator.tui.screens.card import CardScreen

    card = (Path(__file__).resolve().parents[1] / "library" / "cards" / "pipe-rust.md").read_text(encoding="utf-8")

    async def open_card(pilot: Any) -> None:
        pilot.app.push_screen(CardScreen(card, "钢管清洗后生锈：软化水设备与防锈油"))
        await pilot.pause(0.3)

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=open_card)


@SIZES
def test_new_meeting_form_sizes(snap_compare: Any, make_app: MakeApp, service: Service, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["n"], run_before=steady_cursor)


@SIZES
def test_action_form(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting, size: tuple[int, int]) -> None:
    async def edit_action(pilot: Any) -> None:
        pilot.app.screen.query_one("#ledger-tabs").active = "tab-actions"
        await pilot.pause()
        pilot.app.screen.query_one("#actions").focus()
        await pilot.press("e")
        await pilot.pause(0.3)
        await steady_cursor(pilot)

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=edit_action)


@SIZES
@pytest.mark.parametrize("stage", ["convene", "boundaries"])
def test_stage_guide_with_an_overrun_note(snap_compare: Any, make_app: MakeApp, service: Service,
                                          long_meeting: Meeting, size: tuple[int, int], stage: str) -> None:
    """Twenty minutes over, with the record's gaps (and in stage 1 the carried-over panel):
    at 80x24 the guide still shows goal and current question with no scrollbar."""
    from tests.tui.conftest import FrozenClock

    assert long_meeting.id is not None
    service.record.update_meeting(long_meeting.id, stage=stage)
    clock = FrozenClock()

    async def run_over(pilot: Any) -> None:
        clock.now += 30 * 60
        pilot.app.screen.tick()
        pilot.app.clear_notifications()  # the toast times out on the wall clock: keep it out
        await steady_cursor(pilot)

    assert snap_compare(make_app(long_meeting.id, clock=clock), terminal_size=size, run_before=run_over)


@SIZES
def test_draft_long_items(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting, size: tuple[int, int]) -> None:
    """Issue 24: the draft's rows keep action, owner and date whole (tables too wide read as lists)."""
    async def open_draft(pilot: Any) -> None:
        await pilot.press("f5")
        while getattr(pilot.app.screen, "draft", None) is None:
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        await pilot.press("pagedown")
        await pilot.pause(0.2)

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=open_draft)


@SIZES
def test_items_tab_with_levers(snap_compare: Any, make_app: MakeApp, service: Service, long_meeting: Meeting,
                               size: tuple[int, int]) -> None:
    """A lever's owner and date stay whole (issue 24 point 1 on the 障碍·决定·问题 tab)."""
    assert long_meeting.id is not None
    service.record.capture(long_meeting.id, "资源：总经理特批预算（总经理）@李经理 截止 2026-11-27", "levers")
    service.record.capture(long_meeting.id, "资源[预算]：借用兄弟工厂的软化水设备，先把这一批钢管处理完（生产部王总）@吴工 截止 2026-11-25",
                    "levers")

    async def items_focused(pilot: Any) -> None:
        await steady_cursor(pilot)
        pilot.app.screen.query_one("#ledger-tabs").active = "tab-items"
        await pilot.pause()
        pilot.app.screen.query_one("#items").focus()
        await pilot.pause()

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=items_focused)


@SIZES
def test_cases_panel_with_its_keys(snap_compare: Any, make_app: MakeApp, long_meeting: Meeting,
                                   size: tuple[int, int]) -> None:
    """The case list's keys on the panel's bottom border; the footer stays one line and
    the ledger keeps its rows (issue 24 point 9 without undoing point 1)."""
    from facilitator.tui.widgets.cases import CasesPanel
    from tests.tui.conftest import fake_hits

    async def with_hits(pilot: Any) -> None:
        await steady_cursor(pilot)
        pilot.app.screen.query_one(CasesPanel).show_hits(fake_hits(), set())
        pilot.app.screen.query_one("#ledger-tabs").active = "tab-actions"
        await pilot.pause()

    assert snap_compare(make_app(long_meeting.id), terminal_size=size, run_before=with_hits)
