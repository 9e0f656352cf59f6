"""Issue 24, point 8, beyond the new-meeting form: an editing key typed in a burst acts
where and when it was typed.

Found walking the issue in tmux: in the capture box ``决定：abcX`` Backspace ``d`` recorded
``abcX`` (the Backspace came back to the box only after the ``d`` was in, and took it),
Ctrl+U then a new line left the box empty, and in the closing review Ctrl+U then a new
date kept the old date. Textual runs an input's binding (Backspace, Ctrl+U) only once the
key has bubbled up to the app, after the printable keys behind it were already inserted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from facilitator.model import Meeting
from facilitator.service import Service
from tests.tui.conftest import MakeApp, open_meeting
from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, terminal


def _burst(app: Any, *keys: str) -> None:
    """Keys into the app's queue all at once, as a terminal delivers one quick write: a
    key name (``backspace``, ``ctrl+u``, ``enter``) or text typed character by character."""
    named = {"backspace": "\x7f", "ctrl+u": "\x15", "enter": "\r"}
    for key in keys:
        if key in named:
            app.post_message(events.Key(key, named[key]))
            continue
        for ch in key:
            app.post_message(events.Key(ch if ch.isascii() and ch.isalnum() else f"u{ord(ch):x}", ch))


@pytest.mark.anyio
async def test_a_typo_taken_back_in_a_burst_is_recorded_as_corrected(service: Service, meeting: Meeting,
                                                                      make_app: MakeApp) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        _burst(app, "决定：先询价X", "backspace", "再定", "enter", "问题：旧的", "ctrl+u", "问题：客户能否分批", "enter")
        await pilot.pause(0.5)
        box = app.screen.query_one("#capture", Input)
        assert box.value == ""
    m = service.record.meeting(meeting.id)
    said = ([d.text for d in m.decisions], [q.text for q in m.open_questions])
    assert said == (["先询价再定"], ["客户能否分批"]), said


@pytest.mark.anyio
async def test_a_new_date_typed_after_ctrl_u_in_the_closing_review_is_kept(service: Service, meeting: Meeting,
                                                                           make_app: MakeApp) -> None:
    from facilitator.tui.screens.review import ClosingReview

    assert meeting.id is not None
    service.record.capture(meeting.id, "@刘经理：整理报价 截止 2026-12-08")
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("f10")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ClosingReview)
        await pilot.press("o")
        await pilot.pause()
        _burst(app, "ctrl+u", "2026-12-15", "enter")
        await pilot.pause(0.5)
        answer = review.answers[0]
    assert answer is not None and answer.due is not None and answer.due.isoformat() == "2026-12-15"


@pytest.mark.slow
@pytest.mark.skipif(TMUX is None, reason=NO_TMUX)
def test_a_typo_taken_back_in_one_write_in_tmux(tmp_path: Path) -> None:
    """As found: tmux sends the line, Backspace and the rest in one write."""
    import json
    import subprocess

    home = tmp_path / "home"
    subprocess.run([str(BIN), "--home", str(home), "meet", "--new", "交期协调会", "--no-tui"], check=True,
                   capture_output=True, timeout=120)
    with terminal(tmp_path / "t") as term:
        term.start(str(BIN), "--home", str(home), "meet", "1")
        term.wait_for("记一笔")
        term.tmux("send-keys", "-t", "t", "决定：先询价X", "BSpace", "再定", "Enter",
                  "问题：旧的", "C-u", "问题：客户能否分批", "Enter")
        term.wait_for("已记下问题")
        term.tmux("send-keys", "-t", "t", "C-q")
        term.wait_exit()
    out = subprocess.run([str(BIN), "--home", str(home), "export", "1", "--format", "json"], capture_output=True,
                         text=True, encoding="utf-8", timeout=60, check=True)
    record = json.loads(out.stdout)
    assert (record["decisions"], [q if isinstance(q, str) else q["text"] for q in record["open_questions"]]) == (
        ["先询价再定"], ["客户能否分批"]), record
