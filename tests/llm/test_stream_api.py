"""The streaming API the TUI calls: text chunks, restarts, then the final Draft."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.model import Draft, Restart, UserError
from facilitator.service import Service
from tests.llm.conftest import GOOD_ZH, good_answer
from tests.openai_server import FakeOpenAI, Reply


async def collect(stream: Any) -> list[Any]:
    return [item async for item in stream]


def test_chunks_then_one_final_draft(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(Reply(content=json.dumps(GOOD_ZH, ensure_ascii=False), chunk_chars=7))
    svc = service_for(server)
    mid = svc.record.import_file(notes_zh, new_title="钢管生锈").meeting_id
    info: list[str] = []
    items = asyncio.run(collect(svc.drafts.draft_stream(mid, on_info=info.append)))
    *chunks, final = items
    assert isinstance(final, Draft) and final.mode == "llm"
    assert all(isinstance(c, str) for c in chunks) and len(chunks) > 20
    assert json.loads("".join(chunks)) == GOOD_ZH
    assert svc.record.meeting(mid).drafts[-1].markdown == final.markdown  # stored with the meeting
    assert any(line.startswith("prompt tokens: system") for line in info)
    assert "structured output: json_schema" in info and any(line.startswith("usage:") for line in info)


def test_restart_is_yielded_when_the_server_refuses_json_schema(server: FakeOpenAI, service_for: Any,
                                                                notes_zh: Path) -> None:
    server.json_schema = False
    server.add(good_answer())
    items = asyncio.run(collect(service_for(server).drafts.draft_stream(from_file=notes_zh)))
    restarts = [i for i in items if isinstance(i, Restart)]
    assert len(restarts) == 1 and "json_schema" in restarts[0].reason
    assert items.index(restarts[0]) == 0 and isinstance(items[-1], Draft) and items[-1].mode == "llm"


def test_a_failure_still_ends_with_a_draft(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(*[Reply(content='{"responsibilities": [', cut_after=1, chunk_chars=5)] * 2)  # cut, then cut again
    items = asyncio.run(collect(service_for(server).drafts.draft_stream(from_file=notes_zh)))
    final = items[-1]
    assert isinstance(final, Draft) and final.mode == "offline" and "stream cut" in final.warnings[0]


def test_cancelling_the_consumer_closes_the_stream(server: FakeOpenAI, service_for: Any, notes_zh: Path) -> None:
    server.add(Reply(content=json.dumps(GOOD_ZH, ensure_ascii=False), chunk_chars=4, chunk_delay=0.05))
    svc = service_for(server)

    async def first_chunks() -> list[str]:
        got: list[str] = []
        stream = svc.drafts.draft_stream(from_file=notes_zh)
        async for item in stream:
            got.append(item)
            if len(got) == 3:
                break
        await stream.aclose()
        return got

    got = asyncio.run(asyncio.wait_for(first_chunks(), timeout=10))
    assert len(got) == 3 and all(isinstance(g, str) for g in got)


def test_no_endpoint_is_a_user_error_before_any_work(home: Path, no_network: list[object]) -> None:
    svc = Service(home)
    assert not svc.settings.llm_configured
    with pytest.raises(UserError, match="no LLM endpoint configured"):
        asyncio.run(collect(svc.drafts.draft_stream(1)))
    with pytest.raises(UserError, match="no LLM endpoint configured"):
        svc.drafts.draft(1, mode="llm")
    assert no_network == [] and not (home / "meetings.db").exists()
