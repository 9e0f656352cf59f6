"""The cases panel says so, for as long as it lasts, when search falls back to keywords only.

A real ``chroma run`` server holds the index; the meeting opens while it is down (the
URL points at a port nobody listens on), then the same server comes back on that port.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.service import Service
from facilitator.tui.widgets.cases import CasesPanel
from tests.library.conftest import CHROMA_BIN, _free_port, start_chroma, stop_chroma
from tests.tui.conftest import (
    FIXTURE_CARDS,
    MakeApp,
    library_available,
    new_meeting,
    screen_text,
    type_line,
    wait_for,
)

pytestmark = pytest.mark.anyio



async def test_keyword_only_search_is_marked_until_the_server_is_back(tmp_path: Path, make_app: MakeApp) -> None:
    if not CHROMA_BIN.exists():
        pytest.skip(f"the chroma CLI is not installed at {CHROMA_BIN}")
    if (why := library_available()) is not None:
        pytest.skip(why)
    port = _free_port()
    data = tmp_path / "chroma"
    home = tmp_path / "home"
    settings = Settings(chroma_url=f"http://127.0.0.1:{port}", libraries=[str(FIXTURE_CARDS)])

    server = start_chroma(port, data)  # index the cards on the server, then take it away
    try:
        report = Service(home, settings).cases.index(builtin=False)
        assert report.cards == 6 and not report.errors
    finally:
        stop_chroma(server)
    # searches read the home's own search tables and never touch the server while those are
    # whole; without them a search must go to the server, which is now away
    import shutil

    shutil.rmtree(home / "index" / "search")

    service = Service(home, settings)
    service.cases.retry_seconds = 1.0
    meeting = new_meeting(service)
    assert meeting.id is not None
    app = make_app(meeting.id, svc=service, live_search=True, search_delay=0.1)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            panel = app.screen.query_one(CasesPanel)
            await wait_for(pilot, lambda: panel.degraded, timeout=60)
            assert "仅按关键词检索" in screen_text(app)
            degraded = service.cases.degraded()
            assert degraded is not None and "keywords only" in degraded.message

            screen: Any = app.screen
            screen.search_for("钢管清洗后生锈")  # the palette's "search cases": by keywords, marked
            await wait_for(pilot, lambda: any(h.case_id == "pipe-rust" for h in panel.case_list.hits), timeout=60)
            await pilot.pause(1.5)
            await type_line(pilot, "障碍：没有供应商愿意接小单")  # later searches keep the mark
            await pilot.pause(1.0)
            assert panel.degraded and "仅按关键词检索" in screen_text(app)

            server = start_chroma(port, data)
            try:
                await pilot.pause(1.2)  # past the retry interval
                screen.search_for("IT 没有预算，不肯装视频会议系统")
                await wait_for(pilot, lambda: not panel.degraded, timeout=60)
                assert "仅按关键词检索" not in screen_text(app)
                assert service.cases.degraded() is None
                assert panel.case_list.hits[0].case_id == "video-budget"
            finally:
                stop_chroma(server)
    finally:
        service.close()
