"""Issue 24, point 1: at 80x24 every ledger row and every draft row shows what the row is
about (at least its first ten characters), who owns it and by when.

The less important columns (status, basis) give way first; when that is not enough a
row stacks on two lines. The draft's tables that do not fit are read as lists, and its
paragraphs wrap where Chinese wraps (no line begins with ``，``; a case id stays whole).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.widgets.draft_view import DraftMarkdown, fit_tables
from tests.tui.conftest import MakeApp, open_meeting, screen_text

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
pytestmark = pytest.mark.anyio


def _flat(text: str) -> str:
    return "".join(text.split())


async def _tab_text(pilot: Any, tab: str, table: str) -> str:
    screen = pilot.app.screen
    screen.query_one("#ledger-tabs").active = tab
    await pilot.pause()
    screen.query_one(table).focus()
    await pilot.pause(0.2)
    return screen_text(pilot.app)


@SIZES
async def test_every_ledger_row_shows_its_action_owner_and_date(make_app: MakeApp, long_meeting: Meeting,
                                                               size: tuple[int, int]) -> None:
    app = make_app(long_meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        raw = await _tab_text(pilot, "tab-actions", "#actions")
        shown = _flat(raw)
        for a in long_meeting.actions:
            assert _flat(a.action)[:10] in shown, a.action
            assert a.owner is not None and a.owner in shown
            assert a.due is not None and a.due.isoformat() in shown
        shown = _flat(await _tab_text(pilot, "tab-responsibilities", "#responsibilities"))
        for r in long_meeting.responsibilities:
            assert _flat(r.item)[:10] in shown, r.item
            if r.owner:
                assert r.owner in shown


LEVERS = [
    "资源：总经理特批预算（总经理）@李经理 截止 2026-11-27",
    "资源[预算]：借用兄弟工厂的软化水设备，先把这一批钢管处理完（生产部王总）@吴工 截止 2026-11-25",
]


@SIZES
async def test_every_lever_row_shows_its_resource_owner_and_date(make_app: MakeApp, service: Service,
                                                                long_meeting: Meeting, size: tuple[int, int]) -> None:
    # the owner and date were the tail of the lever's text, and the first to be cut
    assert long_meeting.id is not None
    for line in LEVERS:
        service.record.capture(long_meeting.id, line, "levers")
    levers = service.record.meeting(long_meeting.id).levers
    app = make_app(long_meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await _tab_text(pilot, "tab-items", "#items")
        table = pilot.app.screen.query_one("#items", DataTable)
        seen = ""
        for _ in range(table.row_count):  # row by row, as the user moves down the table
            seen += screen_text(app)
            await pilot.press("down")
            await pilot.pause(0.1)
    shown = _flat(seen)
    assert len(levers) == 2
    for lever in levers:
        row = next(line for line in seen.splitlines() if _flat(lever.resource)[:10] in _flat(line))
        assert row
        assert lever.owner is not None and lever.due is not None
        assert f"{lever.owner}{lever.due.isoformat()}" in shown, lever.resource


async def _whole_draft(pilot: Any) -> str:
    """Every page of the draft view as the user scrolls it."""
    await pilot.press("f5")
    for _ in range(400):  # the offline draft: well under 20 s, never an endless wait
        if getattr(pilot.app.screen, "draft", None) is not None:
            break
        await pilot.pause(0.05)
    assert getattr(pilot.app.screen, "draft", None) is not None, "no draft"
    await pilot.pause(0.3)
    pages = []
    view = pilot.app.screen.query_one("#draft-view")
    while True:
        pages.append(screen_text(pilot.app))
        if view.scroll_y >= view.max_scroll_y:
            return "\n".join(pages)
        await pilot.press("pagedown")
        await pilot.pause(0.2)


@SIZES
async def test_every_draft_row_shows_its_action_owner_and_date(make_app: MakeApp, service: Service,
                                                              long_meeting: Meeting, size: tuple[int, int]) -> None:
    assert long_meeting.id is not None
    service.record.capture(long_meeting.id, "资源：总经理特批预算（总经理）@李经理 截止 2026-11-27", "levers")
    app = make_app(long_meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        text = await _whole_draft(pilot)
    flat = _flat(text)
    for a in [*long_meeting.actions, *long_meeting.carried_actions]:
        assert _flat(a.action)[:10] in flat, a.action
        assert a.owner is not None and a.owner in flat and a.due is not None and a.due.isoformat() in flat, a.action
    for o in long_meeting.obstacles:
        assert _flat(o.text)[:10] in flat
    assert "总经理特批预算" in flat and "2026-11-27" in flat
    assert "…" not in text.split("行动项" if "行动项" in text else "Actions")[-1].split("待解决问题")[0]
    for line in text.splitlines():
        assert not line.strip().startswith(("，", "。", "：", "·")), line


def test_a_table_too_wide_is_read_as_a_list() -> None:
    markdown = "\n".join([
        "| 负责人 | 行动 | 截止 | 状态 |", "|---|---|---|---|",
        "| 刘经理 | 整理三家备选供应商的报价、交期和资质材料，发给质量部预审 | 2026-12-08 | 进行中 |",
    ])
    assert fit_tables(markdown, 200, "zh") == markdown
    narrow = fit_tables(markdown, 60, "zh")
    assert "|" not in narrow
    assert narrow.startswith("- 整理三家备选供应商")
    assert "负责人：刘经理 · 截止：2026-12-08 · 状态：进行中" in narrow


class _Draft(App[None]):
    def compose(self) -> ComposeResult:
        yield DraftMarkdown("zh", id="draft")


async def test_draft_paragraphs_wrap_where_chinese_wraps() -> None:
    # at 40 cells the ，lands on the start of a line with Textual's own wrapping, and the
    # case id would be cut in the middle
    paragraph = "参考案例：小批量非标料没有供应商接单，采购与生产互相推诿 supplier-small-order，已核实"
    app = _Draft()
    async with app.run_test(size=(40, 12)) as pilot:
        app.query_one(DraftMarkdown).show(paragraph)
        await pilot.pause(0.3)
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]  # type: ignore[arg-type]
    assert lines and not any(line.startswith(("，", "。")) for line in lines), lines
    assert any("supplier-small-order" in line for line in lines), lines


def test_the_list_leads_with_the_drafts_own_headers() -> None:
    from facilitator.drafting.render import LABELS
    from facilitator.tui.widgets.draft_view import MAIN_HEADERS

    assert {LABELS[lang][k] for lang in LABELS for k in ("item", "action", "obstacle")} == MAIN_HEADERS


async def test_a_table_refilled_while_its_tab_was_hidden_fits_again_when_shown(make_app: MakeApp,
                                                                              meeting: Meeting) -> None:
    """Walked in tmux: a line recorded while another tab was in front refilled the issues
    table at no width (all columns whole); shown again at the width it had before, it was
    not fitted again, and its text ran off past the right edge."""
    from tests.tui.conftest import type_line

    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await type_line(pilot, "障碍[预算]：第二家铸造厂贵三成，采购没有这笔预算的审批权限")  # the issues tab in front
        await type_line(pilot, "@吴工：测量不合格的泵壳并把报告发给技术部 截止 周三")  # the actions tab in front
        await type_line(pilot, "资源[预算]：厂长特批铸造差价（厂长）@刘经理 截止 周五")  # issues again, refilled
        await type_line(pilot, "@刘经理：再找两家铸造厂报价 截止 2026-12-11")  # actions in front
        await type_line(pilot, "吴工说明早给铸造厂打电话问气孔的事")  # a note: every table refilled, issues hidden
        text = await _tab_text(pilot, "tab-items", "#items")
    shown = _flat(text)
    assert "第二家铸造厂贵三成" in shown and "厂长特批铸造差价" in shown, text
    assert "刘经理2026-11-27" in shown, text


@SIZES
async def test_every_board_row_shows_its_action_owner_and_date(make_app: MakeApp, long_meeting: Meeting,
                                                              size: tuple[int, int]) -> None:
    """The actions board (F8) is the ledger across meetings: the same rule as the 行动 tab,
    for this meeting's actions and those carried in from the last one."""
    app = make_app(long_meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("f8")
        await pilot.pause(0.3)
        board = app.screen.query_one(DataTable)
        board.focus()
        seen = ""
        for _ in range(board.row_count):  # a short screen shows some rows: walk them all
            seen += _flat(screen_text(app))
            await pilot.press("down")
            await pilot.pause(0.05)
        seen += _flat(screen_text(app))
    actions = [*long_meeting.actions, *long_meeting.carried_actions]
    assert actions
    for a in actions:
        assert _flat(a.action)[:10] in seen, a.action
        assert a.owner is not None and a.owner in seen, a.action
        assert a.due is not None and a.due.isoformat() in seen, a.action
