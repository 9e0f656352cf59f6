"""The draft screen with an endpoint configured: the model's draft streams in from a real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.service import Service
from tests.llm.conftest import fast_settings, good_answer
from tests.openai_server import FakeOpenAI
from tests.tui.conftest import MakeApp, new_meeting
from tests.tui.test_draft import fill, open_draft

pytestmark = pytest.mark.anyio


async def test_llm_draft_streams_into_the_screen_and_is_saved(tmp_path: Path, make_app: MakeApp) -> None:
    with FakeOpenAI() as server:
        server.add(good_answer())
        svc = Service(tmp_path / "llmhome", fast_settings(server.base_url))
        meeting = new_meeting(svc)
        assert meeting.id is not None
        fill(svc, meeting.id)
        app = make_app(meeting.id, svc=svc)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen: Any = await open_draft(pilot)
            assert screen.draft.mode == "llm"
            assert screen.raw_stream  # the model's text arrived as a stream
            assert any(d.mode == "llm" for d in svc.record.meeting(meeting.id).drafts)
        svc.close()
