"""What a new Chinese-speaking user hit on a walk through the app at 80x24, kept fixed."""

from __future__ import annotations

import pytest

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.board import ActionsBoard
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.screens.review import ClosingReview
from tests.tui.conftest import MakeApp, open_meeting, type_line

pytestmark = pytest.mark.anyio


async def test_a_closed_board_is_asked_about_its_keys_without_a_crash(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """F8 then Esc in a real terminal crashed (NoMatches '#board-table'): while the board is
    taken down, Textual still asks it which keys to offer, and its table is already gone."""
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await type_line(pilot, "@李工：联系备选包装厂 截止 12月10日")
        await pilot.press("f8")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, ActionsBoard)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert not board.query("#board-table")  # what Textual's last binding check meets
        assert board.check_action("escalate", ()) is False
        await pilot.press("f10")
        await pilot.pause()
        await pilot.pause()
        assert app.return_code is None
        assert any(isinstance(s, ClosingReview) for s in app.screen_stack)
