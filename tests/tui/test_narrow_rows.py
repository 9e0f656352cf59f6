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
