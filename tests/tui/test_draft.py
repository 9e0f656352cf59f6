"""The draft screen: offline draft with gaps, accept, regenerate, edit, export, streaming."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from textual.widgets import Markdown, TextArea

from facilitator.model import Draft, Meeting, Restart
from facilitator.service import Service
from facilitator.tui.screens.draft import DraftScreen
from facilitator.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import MakeApp, screen_text

pytestmark = pytest.mark.anyio


def fill(service: Service, meeting_id: int) -> None:
    for line in ("清洗工艺 => 生产部", "返工费用 => ?", "@吴工：检查设备 截止 2026-11-25", "障碍：没有预算买新设备"):
        service.record.capture(meeting_id, line)


async def open_draft(pilot: Any) -> DraftScreen:
    await pilot.press("f5")
    deadline = time.monotonic() + 10
    while not (isinstance(pilot.app.screen, DraftScreen) and pilot.app.screen.draft is not None):
        assert time.monotonic() < deadline, "draft did not appear"
        await pilot.pause(0.05)
    await pilot.pause(0.1)
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_offline_draft_shows_gaps_and_is_saved(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    fill(service, meeting.id)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_draft(pilot)
        text = screen_text(app)
        assert "会议纪要草稿（离线）" in text
        assert "还需补充" in text and "返工费用" in text
        assert "清洗工艺" in text and "生产部" in text
        assert screen.draft is not None and screen.draft.gaps
        drafts = service.record.meeting(meeting.id).drafts
        assert [d.mode for d in drafts] == ["offline"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("草稿已保存" in n.message for n in app._notifications)
        assert len(service.record.meeting(meeting.id).drafts) == 1, "accepting an unchanged draft adds nothing"
        await pilot.press("ctrl+r")
        while len(service.record.meeting(meeting.id).drafts) < 2:
            await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_edited_draft_is_kept_and_exported(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    fill(service, meeting.id)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_draft(pilot)
        await pilot.press("f4")
        await pilot.pause()
        editor = screen.query_one("#draft-editor", TextArea)
        assert editor.display and app.focused is editor
        editor.text = editor.text + "\n\n补充：周五前回复客户 [red]不是标记[/red]\n"
        await pilot.press("f4")  # back to the preview: the edit is stored
        await pilot.pause()
        drafts = service.record.meeting(meeting.id).drafts
        assert [d.mode for d in drafts] == ["offline", "edited"]
        assert drafts[-1].markdown.endswith("补充：周五前回复客户 [red]不是标记[/red]\n")
        screen.query_one("#draft-view").scroll_end(animate=False)
        await pilot.pause(0.1)
        assert "[red]不是标记[/red]" in screen_text(app)
        assert "会议纪要草稿（已编辑）" in screen_text(app)
        await pilot.press("f6")
        await pilot.pause()
        exported = list((service.home / "exports").glob("*.md"))
        assert [p.name for p in exported] == [f"meeting-{meeting.id}-2026-11-20.md"]
        assert "清洗工艺" in exported[0].read_text(encoding="utf-8")
        assert app.clipboard == drafts[-1].markdown
        assert any("已导出到" in n.message for n in app._notifications)


async def test_closing_the_editor_never_drops_the_edit(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_draft(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen.query_one("#draft-editor", TextArea).text = "全新的纪要"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert service.record.meeting(meeting.id).drafts[-1].markdown == "全新的纪要"


async def test_export_from_the_meeting_screen(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    fill(service, meeting.id)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        path = service.home / "exports" / f"meeting-{meeting.id}-2026-11-20.md"
        assert path.read_text(encoding="utf-8") == service.drafts.export(meeting.id, "md")


async def test_a_failing_worker_becomes_a_notification(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("drafter bug")

    monkeypatch.setattr(service.drafts, "draft", broken)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        deadline = time.monotonic() + 5
        while not app.errors:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        assert isinstance(app.errors[0], ZeroDivisionError)
        assert any("drafter bug" in n.message and n.severity == "error" for n in app._notifications)
        assert "drafter bug" in (service.home / "logs" / "tui.log").read_text(encoding="utf-8")
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        from tests.tui.conftest import type_line

        await type_line(pilot, "应用还在运行")
        assert service.record.meeting(meeting.id).notes[-1].text == "应用还在运行"


async def chunks(items: list[Any], fail: BaseException | None = None) -> AsyncIterator[Any]:
    for item in items:
        yield item
    if fail is not None:
        raise fail


async def test_stream_draft_appends_chunks_and_takes_the_final_draft(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_draft(pilot)
        raw = await screen.stream_draft(chunks(["# 第一次", Restart("a second attempt"), "# 纪要\n\n", "- 清洗工艺 ", "归生产部\n"]))
        await pilot.pause(0.2)
        assert raw == "# 纪要\n\n- 清洗工艺 归生产部\n"
        assert screen.query_one("#draft", Markdown).source == raw
        assert "第一次" not in screen_text(app)
        final = Draft(mode="llm", markdown="# 最终纪要\n", warnings=["owner 赵六 not in the record"])
        await screen.stream_draft(chunks(["{\"partial", final]))
        await pilot.pause(0.2)
        assert "最终纪要" in screen_text(app)
        assert "会议纪要草稿（模型）" in screen_text(app)
        assert any("赵六" in n.message for n in app._notifications)


async def test_a_cut_stream_keeps_the_raw_text_and_shows_the_offline_draft(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    fill(service, meeting.id)
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await open_draft(pilot)
        offline = screen.text
        screen.draft = None
        raw = await screen.stream_draft(chunks(["{\"respons", "ibilities\": ["], fail=ConnectionError("stream cut")))
        assert raw == screen.raw_stream == "{\"responsibilities\": ["
        while screen.draft is None:
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        assert screen.text == offline
        assert any("stream cut" in n.message for n in app._notifications)
