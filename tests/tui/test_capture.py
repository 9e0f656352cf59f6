"""Quick capture in the live meeting: each line kind lands in the record, committed first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.widgets import Input, RichLog

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.widgets.ledgers import ActionsTable, ResponsibilityTable
from tests.tui.conftest import MakeApp, open_meeting, screen_text, type_line

pytestmark = pytest.mark.anyio


def kinds(m: Meeting) -> dict[str, int]:
    return {
        "action": len(m.actions), "responsibility": len(m.responsibilities), "decision": len(m.decisions),
        "question": len(m.open_questions), "obstacle": len(m.obstacles), "note": len(m.notes),
    }


CASES = [
    ("@吴工：检查设备 截止 2026-11-25", "action"),
    ("清洗工艺 => 生产部", "responsibility"),
    ("返工费用 => ?", "responsibility"),
    ("决定：先用防锈油处理库存钢管", "decision"),
    ("问题：客户能否接受延期一周？", "question"),
    ("障碍：没有预算买新的软化水设备", "obstacle"),
    ("钢管清洗后第二天就生锈", "note"),
]


@pytest.mark.parametrize(("line", "kind"), CASES)
async def test_each_line_kind_lands_in_the_record(
    service: Service, meeting: Meeting, make_app: MakeApp, line: str, kind: str
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.focused is app.screen.query_one("#capture", Input), "capture box focused on open"
        await type_line(pilot, line)
        stored = service.record.meeting(meeting.id)
        expected = dict.fromkeys(kinds(stored), 0)
        expected[kind] = 1
        assert kinds(stored) == expected
        assert app.screen.query_one("#capture", Input).value == ""
        text = screen_text(app)
        if kind == "action":
            a = stored.actions[0]
            assert (a.owner, a.due, a.action) == ("吴工", date(2026, 11, 25), "检查设备")
            assert app.screen.query_one(ActionsTable).row_count == 1
            assert "2026-11-25" in text
        elif kind == "responsibility":
            r = stored.responsibilities[0]
            if "?" in line:
                assert (r.owner, r.status) == (None, "disputed")
                assert "有争议" in text
            else:
                assert (r.item, r.owner, r.status) == ("清洗工艺", "生产部", "agreed")
            assert app.screen.query_one(ResponsibilityTable).row_count == 1
        elif kind == "note":
            assert "钢管清洗后第二天就生锈" in text
        else:
            item = {"decision": stored.decisions, "question": stored.open_questions, "obstacle": stored.obstacles}[kind][0]
            assert item.text in text
        assert app.errors == []


async def test_line_is_committed_before_it_is_shown(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    assert meeting.id is not None
    meeting_id = meeting.id
    app = make_app(meeting_id)
    seen_in_db: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        real_refresh = screen.refresh_all

        def refresh_all(reload: bool = True) -> None:
            other = Service(service.home)  # a second connection sees only committed rows
            try:
                seen_in_db.append(any(n.text == "先确认事实" for n in other.record.meeting(meeting_id).notes))
            finally:
                other.close()
            real_refresh(reload)

        monkeypatch.setattr(screen, "refresh_all", refresh_all)
        await type_line(pilot, "先确认事实")
        assert seen_in_db and all(seen_in_db)
        assert "先确认事实" in "\n".join(str(line.text) for line in screen.query_one("#notes", RichLog).lines)


async def test_failed_capture_keeps_the_text_and_the_app(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(service.record, "capture_lines", broken)
        await type_line(pilot, "这句话不能丢")
        assert app.screen.query_one("#capture", Input).value == "这句话不能丢"
        assert any("disk full" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in service.record.meeting(meeting.id).notes] == ["这句话不能丢"]
        assert app.is_running


async def test_question_mark_types_into_the_capture_box(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark", "space", "w", "h", "o", "enter")
        await pilot.pause()
        assert [q.text for q in service.record.meeting(meeting.id).open_questions] == ["who"]
        assert isinstance(app.screen, MeetingScreen), "? in the input must not open help"


async def test_unsent_text_is_saved_when_told_to_stop(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    import signal

    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "@吴工：还没写完", submit=False)
        app.stop_on_signal(signal.SIGTERM)
        await pilot.pause()
    stored = service.record.meeting(meeting.id)
    assert [n.text for n in stored.notes] == ["@吴工：还没写完"]
    assert stored.actions == [], "a half-typed line is kept verbatim, not parsed"
    assert app.return_code == 0


async def test_palette_capture_leaves_what_is_being_typed(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """``MeetingScreen.capture`` records its line; the half-typed text in the box stays put."""
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        box = screen.query_one("#capture", Input)
        box.value = "下一行的开头"
        assert screen.capture("第一行")
        await pilot.pause()
        assert box.value == "下一行的开头"
        assert [n.text for n in service.record.meeting(meeting.id).notes] == ["第一行"]
