"""Issue 24, point 2, for refusals: a ``UserError`` raised by the core reaches the screen in
the user's language, from the same table the command line reads (``facilitator.messages``)."""

from __future__ import annotations

import re

import pytest

from facilitator.model import Meeting
from facilitator.service import Service
from tests.tui.conftest import MakeApp, new_meeting, open_meeting, type_line

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def said(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_a_meeting_closed_in_another_terminal_refuses_in_chinese(service: Service, meeting: Meeting,
                                                                        make_app: MakeApp) -> None:
    """The meeting is closed from a second terminal while this one still shows it open: the
    line typed here is refused by the record, and the refusal reads in Chinese, not English."""
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        service.store.update_meeting(meeting.id, status="closed")  # the other terminal
        await type_line(pilot, "决定：先询价")
        refusals = [m for m in said(app) if "没有记下" in m]
        assert refusals == [f"没有记下（文字还在输入框里）：会议 {meeting.id} 已结束；要补充内容请先重新打开它"], said(app)
        assert not LATIN_WORD.search(refusals[0]), refusals


@pytest.mark.anyio
async def test_a_refusal_reported_by_the_app_is_in_the_screens_language(service: Service, meeting: Meeting,
                                                                         make_app: MakeApp) -> None:
    """A meeting deleted elsewhere, opened from a stale list: the app's one report line is
    Chinese on a Chinese screen and English on an English one."""
    english = new_meeting(service, "Rust on steel pipes", customer="Acme", order="PO-9")
    assert meeting.id is not None and english.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        app.open_meeting(999)
        await pilot.pause()
        assert "出错了：没有编号为 999 的会议" in said(app), said(app)
    app = make_app(english.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        app.open_meeting(999)
        await pilot.pause()
        assert "Error: no meeting with id 999" in said(app), said(app)
