"""The live meeting on a disk that fills up: the typed line stays in the box, the room is
told the disk is full (not "internal error", not "corrupt"), and once there is room the
same Enter saves it. The home is on a real 2 MB tmpfs that the test fills."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator.config import Settings
from facilitator.service import Service
from tests.test_disk_errors import _fill, small_disk  # noqa: F401 - the fixture is used by name
from tests.tui.conftest import MakeApp, new_meeting, type_line

pytestmark = pytest.mark.anyio


async def test_capture_on_a_full_disk_keeps_the_line_and_says_why(small_disk: Path,  # noqa: F811
                                                                 make_app: MakeApp) -> None:
    service = Service(small_disk / "home", Settings())
    try:
        meeting = new_meeting(service)
        assert meeting.id is not None
        app = make_app(meeting.id, svc=service)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            filler = _fill(small_disk)
            await type_line(pilot, "@吴工: 周五前确认产能 截止周五")
            assert app.screen.query_one("#capture", Input).value == "@吴工: 周五前确认产能 截止周五"
            messages = [str(n.message) for n in app._notifications]
            assert any("disk is full" in m and "free some space" in m for m in messages), messages
            assert not any("internal error" in m.lower() or "is corrupt" in m for m in messages), messages
            assert app.is_running

            filler.unlink()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#capture", Input).value == ""
        stored = service.record.meeting(meeting.id)
        assert [(a.owner, a.action) for a in stored.actions] == [("吴工", "周五前确认产能")]
        assert not (small_disk / "home" / "logs" / "tui.log").exists()
    finally:
        service.close()
