"""Tab walks each screen the way it is read: the left column top to bottom, then the right
one, then round again; in a form, field by field down to Save and Cancel (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.forms import ActionForm, NewMeetingForm
from tests.tui.conftest import MakeApp, open_meeting

pytestmark = pytest.mark.anyio
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def stop(widget: Any) -> str:
    return widget.id or type(widget).__name__


async def tab_round(pilot: Any, presses: int) -> list[Any]:
    """The focused widget, then after each of ``presses`` Tabs."""
    seen = [pilot.app.focused]
    for _ in range(presses):
        await pilot.press("tab")
        await pilot.pause()
        seen.append(pilot.app.focused)
    return seen


def one_cycle(seen: list[Any]) -> list[Any]:
    """One full round of ``seen``, starting from the stop nearest the top-left corner;
    asserts Tab came back round to where it began."""
    first = seen.index(seen[0], 1)
    cycle = seen[:first]
    assert seen[first:first + len(cycle)] == cycle[:len(seen) - first], [stop(w) for w in seen]
    left = min(w.region.x for w in cycle)
    start = min(range(len(cycle)), key=lambda i: (cycle[i].region.x > left + 2, cycle[i].region.y))
    return cycle[start:] + cycle[:start]


def reads_in_order(cycle: list[Any]) -> None:
    """Columns left to right (a stop never returns to a column left of the last), and top to
    bottom within a column."""
    for a, b in zip(cycle, cycle[1:], strict=False):
        same_column = abs(a.region.x - b.region.x) <= 2
        assert (same_column and b.region.y > a.region.y) or b.region.x > a.region.x + 2, \
            (stop(a), a.region, stop(b), b.region)


@SIZES
async def test_meeting_screen_tab_runs_top_left_to_bottom_right(make_app: MakeApp, long_meeting: Meeting,
                                                                size: tuple[int, int]) -> None:
    app = make_app(long_meeting.id)  # stage 1: the carried-over panel is on screen, top left
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        seen = await tab_round(pilot, 12)
        assert stop(seen[0]) == "capture"  # typing starts at once
        cycle = one_cycle(seen)
        assert [stop(w) for w in cycle] == ["carried-table", "notes", "capture", "ContentTabs",
                                            "responsibilities", "case-list"]
        reads_in_order(cycle)


async def test_meeting_screen_tab_order_in_a_later_stage(make_app: MakeApp, long_meeting: Meeting,
                                                        service: Service) -> None:
    assert long_meeting.id is not None
    service.record.update_meeting(long_meeting.id, stage="boundaries")  # no carried-over panel here
    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        cycle = one_cycle(await tab_round(pilot, 10))
        assert [stop(w) for w in cycle] == ["notes", "capture", "ContentTabs", "responsibilities", "case-list"]
        reads_in_order(cycle)


@SIZES
async def test_form_tab_runs_down_the_fields_to_save_and_cancel(make_app: MakeApp, service: Service,
                                                                size: tuple[int, int]) -> None:
    """The form's scrolling frame is no stop of its own (it came between Cancel and the
    first field)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingForm)
        seen = await tab_round(pilot, 10)
        expected = ["title", "customer", "order", "date", "deadline", "goal", "participants", "save", "cancel"]
        assert [stop(w) for w in seen] == expected + expected[:2]
        rows = [(w.region.y, w.region.x) for w in seen[:len(expected)]]
        assert rows == sorted(rows)  # top to bottom, and Save left of Cancel on the last row


async def test_action_form_tab_order(make_app: MakeApp, long_meeting: Meeting) -> None:
    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        screen.query_one("#ledger-tabs").active = "tab-actions"
        await pilot.pause()
        screen.query_one("#actions").focus()
        await pilot.press("e")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ActionForm)
        seen = await tab_round(pilot, 7)
        assert [stop(w) for w in seen] == ["action", "owner", "due", "status", "reason", "save", "cancel", "action"]


async def test_board_tab_goes_from_the_table_to_the_history_under_it(make_app: MakeApp,
                                                                     long_meeting: Meeting) -> None:
    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("f8")
        await pilot.pause(0.2)
        seen = await tab_round(pilot, 2)
        assert [stop(w) for w in seen] == ["board-table", "board-history-box", "board-table"]
        reads_in_order(seen[:2])
