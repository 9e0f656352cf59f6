"""Two screens on one meeting (issue 28 point 3): what a colleague commits reaches an open
meeting screen by itself (PostgreSQL pushes it with LISTEN/NOTIFY; a SQLite file is looked
at locally), while each screen keeps its own stage."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import RichLog

from facilitator.config import Me, Settings
from facilitator.service import Service
from facilitator.tui.screens.meeting_record import WATCH_THREAD
from tests.tui.conftest import MEETING_DAY, FrozenClock, open_meeting, type_line

pytestmark = pytest.mark.anyio


def notes_shown(screen: object) -> str:
    log = screen.query_one("#notes", RichLog)  # type: ignore[attr-defined]
    return "\n".join(line.text for line in log.lines)


async def test_a_colleagues_line_reaches_the_open_meeting_and_the_stage_stays_mine(
        tmp_path: Path, backend: str) -> None:
    from facilitator.tui.app import FacilitatorApp

    # two laptops: two homes, one team database (on SQLite: two screens on one home's file)
    mine = Service(tmp_path / "home", Settings(database=backend, me=Me(name="王强")))
    theirs = Service(tmp_path / ("home" if not backend else "colleague"), Settings(database=backend, me=Me(name="李娜")))
    try:
        mid = mine.record.new_meeting("两台电脑协调会", on=MEETING_DAY).id
        assert mid is not None
        other = theirs.record.new_meeting("别的会议", on=MEETING_DAY).id
        assert other is not None
        app = FacilitatorApp(mine, mid, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_meeting(pilot)
            assert any(t.name == WATCH_THREAD for t in threading.enumerate())
            await pilot.press("f3")  # this screen moves on to the stuck point; the colleague's stays
            await pilot.pause()
            assert screen.stage.id == "stuck"
            await type_line(pilot, "我记下的第一行")
            theirs.record.capture_lines(mid, ["同事记下的第一行", "@吴工：复核图纸 截止 2026-12-20"], "convene")
            for _ in range(200):  # no timing claim here: bench/store.py measures how soon
                if "同事记下的第一行" in notes_shown(screen):
                    break
                await pilot.pause(0.05)
            assert "同事记下的第一行" in notes_shown(screen)
            assert [a.owner for a in screen.meeting.actions] == ["吴工"]
            assert screen.stage.id == "stuck", "a colleague's line moved this screen's stage"
            await type_line(pilot, "我记下的第二行")
        record = theirs.record.meeting(mid)
        stages = {n.text: n.stage for n in record.notes}
        assert [n.text for n in record.notes] == ["我记下的第一行", "同事记下的第一行", "我记下的第二行"]
        assert stages["我记下的第一行"] == stages["我记下的第二行"] == "stuck"
        assert stages["同事记下的第一行"] == "convene"
        assert record.stage == "stuck"  # what this screen committed; the colleague's screen keeps its own
    finally:
        mine.close()
        theirs.close()
