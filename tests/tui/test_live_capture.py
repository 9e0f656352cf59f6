"""Live capture at the speed people really work: bursts, pastes, closed meetings, settling
a disputed responsibility, and lines the parser did not understand.

The burst tests put every key event in the app's queue before the first is handled, as a
fast typist or a paste tool does; a line must then still be exactly what was in the box
when its Enter arrived.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import Input, Static

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.widgets.ledgers import ResponsibilityTable
from tests.tui.conftest import MakeApp, open_meeting, palette, screen_text, type_line

pytestmark = pytest.mark.anyio


def burst(app: object, lines: list[str]) -> None:
    """Queue every key of ``lines`` (each followed by Enter) without waiting in between."""
    for line in lines:
        for ch in line:
            app.post_message(events.Key(ch if ch.isascii() and ch.isalnum() else ch, ch))  # type: ignore[attr-defined]
        app.post_message(events.Key("enter", "\r"))  # type: ignore[attr-defined]


def ack(app: object) -> str:
    return str(app.screen.query_one("#ack", Static).render())  # type: ignore[attr-defined]


async def test_a_burst_of_lines_lands_exactly_once_in_order(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    lines = [f"第{i:02d}条记录 快速输入" for i in range(1, 31)]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, lines)
        await pilot.pause(0.5)
        assert app.screen.query_one("#capture", Input).value == ""
    assert [n.text for n in service.record.meeting(meeting.id).notes] == lines


async def test_a_burst_of_structured_lines_becomes_items_once_each(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, ["@吴工：检查设备 截止 11月25日", "决定：先用防锈油", "清洗工艺 => 生产部", "一条笔记"])
        await pilot.pause(0.5)
    m = service.record.meeting(meeting.id)
    assert [(a.owner, a.action, a.due) for a in m.actions] == [("吴工", "检查设备", date(2026, 11, 25))]
    assert [d.text for d in m.decisions] == ["先用防锈油"]
    assert [(r.item, r.owner) for r in m.responsibilities] == [("清洗工艺", "生产部")]
    assert [n.text for n in m.notes] == ["一条笔记"]


PASTE = "\n".join([
    "供应商说量太小不接单",
    "@李经理：联系三家备选供应商 截止 11月24日",
    "决定：先找集团内的兄弟工厂",
    "",
    "小批量采购 => 采购部",
    "问题：客户能否接受延期一周？",
    "障碍：没有供应商愿意接小单",
    "第七行笔记",
    "第八行笔记",
    "第九行笔记",
])


async def test_a_bracketed_paste_of_nine_lines_records_nine_items_in_order(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.post_message(events.Paste(PASTE))
        await pilot.pause(0.3)
        assert app.screen.query_one("#capture", Input).value == ""
        assert "已记录 9 行" in ack(app)
    m = service.record.meeting(meeting.id)
    assert [n.text for n in m.notes] == ["供应商说量太小不接单", "第七行笔记", "第八行笔记", "第九行笔记"]
    assert [(a.owner, a.due) for a in m.actions] == [("李经理", date(2026, 11, 24))]
    assert [d.text for d in m.decisions] == ["先找集团内的兄弟工厂"]
    assert [r.owner for r in m.responsibilities] == ["采购部"]
    assert [q.text for q in m.open_questions] == ["客户能否接受延期一周？"]
    assert [o.text for o in m.obstacles] == ["没有供应商愿意接小单"]


async def test_a_paste_joins_the_text_already_typed_and_windows_line_ends_work(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "前半句，", submit=False)
        app.post_message(events.Paste("后半句\r\n第二行\r\n"))
        await pilot.pause(0.3)
    assert [n.text for n in service.record.meeting(meeting.id).notes] == ["前半句，后半句", "第二行"]


async def test_a_one_line_paste_stays_in_the_box_for_editing(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.post_message(events.Paste("@吴工：检查设备"))
        await pilot.pause()
        assert app.screen.query_one("#capture", Input).value == "@吴工：检查设备"
    assert service.record.meeting(meeting.id).actions == []


async def test_a_failed_paste_keeps_every_line_for_the_next_enter(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)

    def broken(*args: object, **kwargs: object) -> object:
        raise OSError("disk full")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(service.record, "capture_lines", broken)
        app.post_message(events.Paste("一\n二\n三"))
        await pilot.pause()
        assert app.screen.query_one("#capture", Input).value == "三"
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
    assert [n.text for n in service.record.meeting(meeting.id).notes] == ["一", "二", "三"]


# -- closed means closed ---------------------------------------------------------------


async def test_a_closed_meeting_is_read_only_until_reopened(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    service.followup.close_meeting(meeting.id, [])
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        box = screen.query_one("#capture", Input)
        assert "只读" in box.placeholder
        clock = screen.stage_clock
        before = clock.total()
        app.clock.now += 600  # type: ignore[attr-defined]
        assert clock.total() == before, "a closed meeting's clock stands still"
        await type_line(pilot, "会后补一句")
        assert service.record.meeting(meeting.id).notes == []
        assert box.value == "会后补一句", "refused text stays in the box"
        assert "已结束" in ack(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert service.record.meeting(meeting.id).status == "open"
        await pilot.press("enter")
        await pilot.pause()
        app.clock.now += 60  # type: ignore[attr-defined]
        assert clock.total() == before + 60
    assert [n.text for n in service.record.meeting(meeting.id).notes] == ["会后补一句"]
    assert [kind for _, kind in service.record.meeting_history(meeting.id)] == ["closed", "reopened"]


async def test_the_palette_offers_reopen_on_a_closed_meeting(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    service.followup.close_meeting(meeting.id, [])
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await palette(pilot, "重新打开")
        await pilot.pause()
    assert service.record.meeting(meeting.id).status == "open"


# -- settle, don't duplicate ------------------------------------------------------------


async def test_owning_a_disputed_item_settles_it_in_place(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, "订单交付责任 => ?")
        await type_line(pilot, "订单交付责任 => 总经理办公室（依据：订单管理制度）")
        assert "争议已解决" in ack(app)
        m = service.record.meeting(meeting.id)
        assert [(r.item, r.owner, r.basis, r.status) for r in m.responsibilities] == [
            ("订单交付责任", "总经理办公室", "订单管理制度", "agreed")]
        history = service.record.responsibility_history(m.responsibilities[0].id or 0)
        assert [(h.owner, h.status) for h in history] == [(None, "disputed"), ("总经理办公室", "agreed")]
        await type_line(pilot, "订单交付责任 => 总经理办公室")
        assert len(service.record.meeting(meeting.id).responsibilities) == 1
        draft = service.drafts.draft_offline(service.record.meeting(meeting.id))
        assert [(r.item, r.status) for r in draft.responsibilities] == [("订单交付责任", "agreed")]


async def test_a_responsibility_can_be_deleted_after_confirming(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    service.record.capture(meeting.id, "返工费用由谁承担 => ?")
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ResponsibilityTable)
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        assert "返工费用由谁承担" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert service.record.meeting(meeting.id).responsibilities == []


# -- say what was not understood --------------------------------------------------------


@pytest.mark.parametrize(("line", "kind", "says"), [
    ("@张伟：确认条款 截止 13月40日", "action", "没看懂日期「13月40日」"),
    ("@王强：", "note", "「@王强」后面没有要做的事"),
    ("@陈静 截止 周五", "note", "写法：@陈静：要做的事"),
    ("@：检查设备", "note", "行动缺少负责人"),
])
async def test_a_line_not_understood_is_kept_and_explained(
    service: Service, meeting: Meeting, make_app: MakeApp, line: str, kind: str, says: str
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await type_line(pilot, line)
        assert says in ack(app)
    m = service.record.meeting(meeting.id)
    if kind == "action":
        assert [(a.owner, a.due) for a in m.actions] == [("张伟", None)]
    else:
        assert [n.text for n in m.notes] == [line]


async def test_the_board_date_dialog_takes_the_capture_date_forms(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """``u`` on an action accepts ``周五`` like the notes box does (against today): typed into
    the date dialog and saved with Enter, as a user would."""
    from facilitator.tui.screens.board import ActionsBoard
    from facilitator.tui.screens.forms import PromptForm

    assert meeting.id is not None
    service.record.capture(meeting.id, "@吴工：检查设备")
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PromptForm)
        await pilot.press("ctrl+a", "ctrl+k")  # the box opens with the current date (none here)
        box = app.screen.query_one("#answer", Input)
        box.insert_text_at_cursor("周五")  # as an IME hands it over
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        assert "2026-11-27" in screen_text(app)
    # today is 2026-11-20 (a Friday) in these tests: the next Friday
    assert service.record.meeting(meeting.id).actions[0].due == date(2026, 11, 27)


async def test_the_newest_note_stays_in_view_when_the_notes_box_shrinks(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """At 80x24 the acknowledgement of a long line takes a second row from the notes box:
    the note just typed must still be on screen, not hidden under the box's bottom edge."""
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        for i in range(1, 7):
            await type_line(pilot, f"第{i}条：生产部说清洗后第二天钢管就生锈，下一道工序停了三天")
        await type_line(pilot, "采购部：软化水设备的滤芯上个月就该换了，没有预算（最后一条）")
        await type_line(pilot, "@吴工：检查软化水设备并出具水质报告，同时复核清洗工艺参数和用水记录 截止 2026-12-03")
        await pilot.pause(0.3)
        ack = app.screen.query_one("#ack")
        assert ack.region.height >= 2  # the long acknowledgement wrapped
        text = screen_text(app).replace(" ", "").replace("│", "").replace("\n", "")
        assert "没有预算（最后一条）" in text


async def test_a_reopened_meeting_shows_its_latest_notes(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    """Opening a meeting with more notes than the box holds starts at the end, where the room
    left off, not at the first note."""
    assert meeting.id is not None
    for i in range(1, 13):
        service.record.capture(meeting.id, f"第{i}条：生产部说清洗后第二天钢管就生锈，下一道工序停了三天")
    service.record.capture(meeting.id, "最后一条：采购部说滤芯上个月就该换了")
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        text = screen_text(app).replace(" ", "").replace("│", "")
        assert "最后一条：采购部说滤芯上个月就该换了" in text
        assert "第1条" not in text
