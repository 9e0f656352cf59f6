"""Issue 28, point 2: on first run the app asks the user's name once, keyboard first and
in their language, and keeps it in config.toml beside what the file already holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from facilitator.config import load_settings
from facilitator.service import Service
from facilitator.tui.app import FacilitatorApp

pytestmark = pytest.mark.anyio


async def test_the_name_is_asked_once_and_saved_with_the_rest_of_the_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n\n[keymap]\ndraft = "ctrl+d"\n', encoding="utf-8")
    service = Service(home, load_settings(home, env={}))
    try:
        app = FacilitatorApp(service, None, ask_name=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#me-name", Input).has_focus
            assert "你是谁" in str(app.screen.query_one("#form").border_title)
            # where the name is kept, whole: "[me]" is the table's name, not markup to drop
            assert "[me]" in str(app.screen.query_one("#confirm-hint", Static).render())
            for key in "王强":
                await pilot.press(key)
            await pilot.press("enter")
            await pilot.pause()
            assert not app.screen.query("#me-name")
        assert service.settings.me.name == "王强"
        again = load_settings(home, env={})
        assert (again.me.name, again.keymap) == ("王强", {"draft": "ctrl+d"})

        app = FacilitatorApp(service, None, ask_name=True)  # named now: not asked again
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.screen.query("#me-name")
    finally:
        service.close()


async def test_escape_leaves_the_file_alone_and_asks_next_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    service = Service(home, load_settings(home, env={}))
    try:
        app = FacilitatorApp(service, None, ask_name=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Who are you?" in str(app.screen.query_one("#form").border_title)
            await pilot.press("escape")
            await pilot.pause()
            assert not app.screen.query("#me-name")
        assert (home / "config.toml").read_text(encoding="utf-8") == 'language = "en"\n'
    finally:
        service.close()


async def test_a_meeting_opened_directly_takes_typing_not_a_name(tmp_path: Path) -> None:
    """``meet --new`` on a fresh home: the user types notes at once, so no name box may sit
    over the capture line and swallow them (the name is asked on the meetings list)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    service = Service(home, load_settings(home, env={}))
    try:
        mid = service.record.new_meeting("钢管生锈协调会").id
        assert mid is not None
        app = FacilitatorApp(service, mid, ask_name=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.screen.query("#me-name")
            for key in "第一条":
                await pilot.press(key)
            await pilot.press("enter")
            await pilot.pause()
        assert [n.text for n in service.record.meeting(mid).notes] == ["第一条"]
        assert service.settings.me.name in ("", None)
    finally:
        service.close()
