"""The meeting screen listens: Ctrl+T starts and stops, heard lines appear in the Heard pane
and are filed under the current stage, typed lines land exactly once meanwhile. The sound
is the committed English clip at real-time pace through the microphone's pipeline."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Literal

import pytest
from textual.widgets import RichLog

from facilitator.config import Settings
from facilitator.service import Service
from facilitator.speech import Engine
from facilitator.speech.sources import FileSource
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.strings import tr
from tests.speech.conftest import EN
from tests.test_one_language import latin_words
from tests.tui.conftest import FrozenClock, open_meeting, type_line

pytestmark = pytest.mark.anyio


def _heard_lines(app: FacilitatorApp) -> list[str]:
    return [str(strip.text) for strip in app.screen.query_one("#heard", RichLog).lines]


async def test_ctrl_t_listens_and_typing_keeps_landing_once(tmp_path: Path, engine: Engine) -> None:
    svc = Service(tmp_path / "home", Settings(), audio_source=lambda: FileSource(EN))
    meeting = svc.record.new_meeting("weekly", language="en")
    assert meeting.id is not None
    svc.record.update_meeting(meeting.id, stage="stuck")
    app = FacilitatorApp(svc, meeting.id, clock=FrozenClock(), live_search=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        assert not screen.query_one("#heard", RichLog).display
        await pilot.press("ctrl+t")
        typed = 0
        deadline = time.monotonic() + 90
        while len(_heard_lines(app)) < 3 and time.monotonic() < deadline:
            await type_line(pilot, f"typed line {typed}")
            typed += 1
            await asyncio.sleep(0.3)
        assert screen.query_one("#heard", RichLog).display
        await pilot.press("ctrl+t")
        while screen._listen_state != "off" and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await pilot.pause()
        heard = _heard_lines(app)
        ack = str(screen.query_one("#ack").render())
    assert len(heard) == 3 and heard[0].startswith("[00:00]") and "Friday" in heard[0], heard
    notes = Service(tmp_path / "home").record.meeting(meeting.id).notes
    assert [n.text for n in notes if n.text.startswith("typed")] == [f"typed line {i}" for i in range(typed)]
    spoken = [n for n in notes if not n.text.startswith("typed")]
    assert len(spoken) == 3 and {n.stage for n in spoken} == {"stuck"}
    recordings = list((tmp_path / "home" / "recordings" / f"meeting-{meeting.id}").glob("*.wav"))
    assert len(recordings) == 1 and recordings[0].stat().st_size > 16 * 32000
    assert str(recordings[0]) in ack.replace("\n", "")
    # heard lines feed the suggestions, as typed free notes do
    pending = Service(tmp_path / "home").store.suggestions(meeting.id)
    assert any("credit limit" in x.captured.text for x in pending), [x.captured.text for x in pending]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_without_a_microphone_one_line_says_so_and_nothing_else_changes(tmp_path: Path, lang: Literal["zh", "en"]) -> None:
    from facilitator.speech.microphone import microphone_check

    code = microphone_check()
    if code is None:
        pytest.skip("this machine has PortAudio and a microphone: there is no missing one to report")
    svc = Service(tmp_path / "home", Settings(language=lang, language_chosen=True))  # the real microphone
    meeting = svc.record.new_meeting("weekly", language=lang)
    assert meeting.id is not None
    app = FacilitatorApp(svc, meeting.id, clock=FrozenClock(), live_search=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("ctrl+t")
        deadline = time.monotonic() + 30
        while screen._listen_state == "starting" and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await pilot.pause()
        ack = str(screen.query_one("#ack").render())
        assert screen._listen_state == "off"
        # the user's language, why, wrapped to the pane's width (the screen breaks the line)
        assert "".join(ack.split()) == "".join(tr(lang, f"mic_{code}").split()), ack
        assert lang == "en" or not latin_words(" ".join(ack.split())), ack
        assert not screen.query_one("#heard", RichLog).display
        await type_line(pilot, "still typing")
    assert [n.text for n in Service(tmp_path / "home").record.meeting(meeting.id).notes] == ["still typing"]
    assert not (tmp_path / "home" / "recordings").exists() or not any((tmp_path / "home" / "recordings").rglob("*.wav"))


def test_every_reason_listening_cannot_start_has_its_line_in_each_language() -> None:
    """Not only this machine's reason: each code ``MicrophoneSource.open`` can raise."""
    from facilitator.speech.microphone import PROBLEMS

    for code in [*PROBLEMS, "cannot_open"]:
        zh, en = tr("zh", f"mic_{code}"), tr("en", f"mic_{code}")
        assert zh != f"mic_{code}" and en != zh and not latin_words(zh), (code, zh, en)
