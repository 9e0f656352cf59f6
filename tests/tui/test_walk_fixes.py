"""What a new Chinese-speaking user hit on a walk through the app at 80x24, kept fixed."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent

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


async def test_at_80_columns_new_suggestions_bring_their_tab_into_sight(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """The note says "见右侧“建议”页": at 80x24 that tab sat past the strip's edge, unseen."""
    from facilitator.tui.widgets.suggestions import SuggestionsTable
    from tests.tui.conftest import screen_text

    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await type_line(pilot, "障碍: 包装供应商不接小单")  # the issues tab is the active one
        await type_line(pilot, "吴工：软化水设备这块我来查，周五之前把水质报告给大家。")
        table = screen.query_one(SuggestionsTable)
        for _ in range(50):  # the extractor runs in a worker thread
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            if table.rows_by_key:
                break
        await pilot.pause(0.3)
        strip = "\n".join(screen_text(app).splitlines()[:5])
        assert "建议 1" in strip, strip
        assert "要点" in strip  # the active tab (its short name at 80 columns) stays in sight and active
        assert app.screen.query_one("#ledger-tabs", TabbedContent).active == "tab-items"


async def test_at_80_columns_an_imported_meetings_suggestions_tab_is_in_sight(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """`import` then `meet ID`: the suggestions wait, and at 80x24 their tab must show."""
    from datetime import date

    from facilitator.model import Captured, Suggestion
    from tests.tui.conftest import screen_text

    assert meeting.id is not None
    service.store.add_suggestions(meeting.id, [
        Suggestion(Captured("action", "把报价发给客户", owner="王经理", due=date(2026, 11, 27)),
                   quote="王经理你周五前把报价发给客户吧", cues=(0,), speaker=None, confidence=0.8),
    ])
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.pause(0.3)
        strip = "\n".join(screen_text(app).splitlines()[:5])
        assert "建议 1" in strip, strip
        assert app.screen.query_one("#ledger-tabs", TabbedContent).active != "tab-suggestions"
