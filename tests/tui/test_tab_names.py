"""Issue 24: at 80x24 with suggestions waiting, every ledger tab's name is readable whole
(the strip no longer scrolls the first name, 责任, down to 任), in both languages; at 120x40
the full names stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from facilitator.config import Settings
from facilitator.service import Service
from tests.tui.conftest import (
    MEETING_DAY,
    PEOPLE,
    FrozenClock,
    new_meeting,
    open_meeting,
    screen_text,
)
from tests.tui.test_suggestions import SEEDS

pytestmark = pytest.mark.anyio

NAMES = {
    ("zh", 80): ["责任", "行动", "要点", "参会", "建议 3"],
    ("zh", 120): ["责任", "行动", "障碍·决定·问题", "参会", "建议 3"],
    ("en", 80): ["Owners", "Actions", "Issues", "People", "New 3"],
    ("en", 120): ["Owners", "Actions", "Issues", "People", "Suggested 3"],
}


def tab_row(text: str, first: str) -> str:
    """The screen line that holds the tab strip (the one naming the first tab's neighbour)."""
    rows = [line for line in text.splitlines() if first in line]
    assert rows, text
    return rows[0]


@pytest.mark.parametrize(("lang", "width"), list(NAMES))
async def test_every_tab_name_is_whole_with_suggestions_waiting(tmp_path: Path, lang: str, width: int) -> None:
    from facilitator.tui.app import FacilitatorApp

    service = Service(tmp_path / "home", Settings(language=lang, language_chosen=True))  # type: ignore[arg-type]
    try:
        meeting = new_meeting(service, participants=list(PEOPLE))
        assert meeting.id is not None
        service.store.add_suggestions(meeting.id, SEEDS)
        app = FacilitatorApp(service, meeting.id, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        height = 24 if width == 80 else 40
        async with app.run_test(size=(width, height)) as pilot:
            screen = await open_meeting(pilot)
            names = NAMES[(lang, width)]
            for moment in ("opened", "suggestions focused"):
                await pilot.pause(0.2)
                row = tab_row(screen_text(app), f" {names[1]} ")
                words = row.split()
                for name in names:  # each name whole, with a space (or the edge) either side
                    assert name.split() == words[words.index(name.split()[0]):][:len(name.split())], (moment, row)
                if moment == "opened":
                    assert screen.query_one("Ledgers").focus_suggestions()  # type: ignore[attr-defined]
                    assert screen.query_one(TabbedContent).active == "tab-suggestions"
    finally:
        service.close()
