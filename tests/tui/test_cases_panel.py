"""The similar-cases panel: debounced live search, opening and citing cards, quiet failures."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.model import Hit, Meeting
from facilitator.service import Service
from facilitator.tui.screens.card import CardScreen
from facilitator.tui.screens.meeting import MeetingScreen
from facilitator.tui.widgets.cases import CaseList, CasesPanel
from tests.tui.conftest import (
    FIXTURE_CARDS,
    MakeApp,
    fake_hits,
    library_available,
    new_meeting,
    screen_text,
    settled,
    type_line,
    wait_for,
)

pytestmark = pytest.mark.anyio


class CountingSearch:
    def __init__(self, hits: list[Hit] | None = None, error: BaseException | None = None) -> None:
        self.queries: list[str] = []
        self.hits = fake_hits() if hits is None else hits
        self.error = error

    def __call__(self, meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
                 carry: bool = False) -> list[Hit]:
        """Stands in for ``Service.search_meeting``: records the stage and the typed line."""
        self.queries.append(f"{typed}\n{stage}")
        if self.error is not None:
            raise self.error
        return self.hits[:k]



async def test_search_waits_for_a_pause_in_typing(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    search = CountingSearch()
    monkeypatch.setattr(service.cases, "search_meeting", search)
    # the pause that starts a search is longer than any stall between two keystrokes of one
    # burst on a loaded CI machine (0.8 s once let 's' alone through); the rule is the same
    delay = 2.0
    app = make_app(meeting.id, live_search=True, search_delay=delay)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 2)
        assert len(search.queries) == 1, "one search for the stage when the screen opens"
        assert search.queries[0] == "\nconvene"  # the meeting search, for the current stage
        await pilot.press(*"supplier")  # eight keystrokes, no pause between them
        await pilot.pause()
        assert len(search.queries) == 1, "no search while typing"
        await wait_for(pilot, lambda: len(search.queries) == 2, timeout=delay + 5)
        await pilot.pause(delay + 0.4)
        assert len(search.queries) == 2, "a burst of typing costs one search"
        assert search.queries[1].startswith("supplier")
        await type_line(pilot, "障碍：没有供应商愿意接小单")
        await wait_for(pilot, lambda: len(search.queries) == 3, timeout=delay + 5)
        await pilot.pause(delay + 0.4)
        assert len(search.queries) == 3
        assert search.queries[2] == "\nconvene", "a recorded line searches again (the meeting's context)"
        text = screen_text(app)
        assert "小批量非标料没有供应商接单" in text
        assert "匹配于“真实障碍”：订单量太小" in text  # the section it matched in, then the snippet


async def test_cited_case_is_recorded_and_marked(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    monkeypatch.setattr(service.cases, "search_meeting", CountingSearch())
    app = make_app(meeting.id, live_search=True, search_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 2)
        await pilot.press("f4")  # focus the panel (and search again)
        await pilot.pause(0.2)
        assert isinstance(app.focused, CaseList)
        await pilot.press("down", "c")
        await pilot.pause()
        assert service.record.meeting(meeting.id).cited_cases == ["pipe-rust"]
        assert "★ 已引用 钢管清洗后生锈" in screen_text(app)
        assert any("已引用案例" in n.message for n in app._notifications)


CARD = """---
id: tui-test-card
title: 测试卡片：IT 没有预算，视频会议系统迟迟不装
departments: [信息部, 销售部]
tags: [预算]
lang: zh
---
## 背景
客户要求下月开通视频会议系统。

## 真实障碍
信息部今年没有这笔预算，[bold]这不是标记[/bold]。

## 解决
销售找分管副总特批了一笔预算。
"""


async def test_enter_opens_the_card(
    tmp_path: Any, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reason := library_available():
        pytest.skip(reason)
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "tui-test-card.md").write_text(CARD, encoding="utf-8")
    svc = Service(tmp_path / "cards-home", Settings(libraries=[str(cards)]))
    m = new_meeting(svc)
    assert m.id is not None
    hit = Hit("tui-test-card", "测试卡片：IT 没有预算，视频会议系统迟迟不装", 1.0, "真实障碍", "信息部今年没有这笔预算")
    monkeypatch.setattr(svc.cases, "search_meeting", CountingSearch([hit]))
    app = make_app(m.id, svc=svc, live_search=True, search_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 1)
        panel.case_list.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "测试卡片：IT 没有预算" in text
        assert "销售找分管副总特批了一笔预算" in text
        assert "[bold]这不是标记[/bold]" in text
        assert "信息部, 销售部 · 预算" in text
        await pilot.press("c")
        await pilot.pause()
        assert svc.record.meeting(m.id).cited_cases == ["tui-test-card"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    svc.close()


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (ImportError("No module named 'facilitator.library.search'", name="facilitator.library.search"),
         "案例库暂不可用：facilitator.library.search"),
        (RuntimeError("index exploded"), "案例库暂不可用：index exploded"),
    ],
)
async def test_search_failure_is_a_quiet_line(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch,
    error: BaseException, shown: str,
) -> None:
    assert meeting.id is not None
    monkeypatch.setattr(service.cases, "search_meeting", CountingSearch(error=error))
    app = make_app(meeting.id, live_search=True, search_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        status = app.screen.query_one("#cases-status")
        await wait_for(pilot, lambda: shown in screen_text(app))
        assert status.display
        assert app.errors == [] and not app._notifications, "quiet: no notification"
        await type_line(pilot, "还能继续记录")
        assert [n.text for n in service.record.meeting(meeting.id).notes] == ["还能继续记录"]


async def test_live_search_on_a_real_fixture_library(
    tmp_path: Any, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real searcher (BM25 + E5 vectors) over the six fixture cards."""
    if reason := library_available():
        pytest.skip(reason)
    from facilitator.library.search import CaseSearcher

    svc = Service(tmp_path / "lib-home", Settings())
    # the real searcher over the fixture cards only (the bundled corpus takes a minute to embed)
    searcher = CaseSearcher(svc.home, svc.settings, libraries=[FIXTURE_CARDS], builtin=False)
    monkeypatch.setattr(svc.cases, "searcher", lambda: searcher)
    m = new_meeting(svc)
    assert m.id is not None
    app = make_app(m.id, svc=svc, live_search=True, search_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        # nothing said yet: an empty panel, not a generic card (issue 24)
        await wait_for(pilot, lambda: "还没有明显相似的案例" in screen_text(app), timeout=120)
        assert panel.case_list.option_count == 0
        await type_line(pilot, "订单量太小，供应商都不愿意接小批量的非标订单")
        await wait_for(pilot, lambda: panel.case_list.option_count > 0, timeout=30)
        assert panel.case_list.hits[0].case_id == "supplier-small-order"
        assert "小批量非标料没有供应商接单" in screen_text(app)
    svc.close()


async def test_notes_that_say_nothing_leave_the_panel_empty_with_a_hint(
    tmp_path: Any, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24: an empty panel beats an unrelated card. Typed live into a real meeting over a
    real library, lines that say nothing about an obstacle (a row number, "好的", "test",
    "开会了", a list of names) leave the panel empty, with its calm hint in the user's
    language; the first line that says what is stuck brings its card."""
    if reason := library_available():
        pytest.skip(reason)
    from facilitator.library.search import CaseSearcher

    svc = Service(tmp_path / "lib-home", Settings())
    searcher = CaseSearcher(svc.home, svc.settings, libraries=[FIXTURE_CARDS], builtin=False)
    monkeypatch.setattr(svc.cases, "searcher", lambda: searcher)
    m = new_meeting(svc, title="周例会")
    assert m.id is not None
    app = make_app(m.id, svc=svc, live_search=True, search_delay=0.05)
    shown: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        original = panel.show_hits

        def record(hits: list[Hit], cited: set[str], keep_place: bool = False) -> None:
            shown.append(len(hits))
            original(hits, cited, keep_place)

        monkeypatch.setattr(panel, "show_hits", record)
        for line in ("王强第1行", "好的", "test", "开会了", "王强 李娜 张伟 刘经理"):
            await type_line(pilot, line)
        # every line typed was searched for, and each search came back empty
        assert await settled(pilot, lambda: len(shown) >= 1 and len(svc.record.meeting(m.id).notes) == 5, timeout=120)
        await pilot.pause(0.5)
        assert panel.case_list.option_count == 0 and set(shown) == {0}, shown
        assert "还没有明显相似的案例" in screen_text(app)
        await type_line(pilot, "订单量太小，供应商都不愿意接小批量的非标订单")
        assert await settled(pilot, lambda: panel.case_list.option_count > 0, timeout=120)
        assert panel.case_list.hits[0].case_id == "supplier-small-order"
    svc.close()



KINSOKU_SNIPPETS = [
    "需要IT部配合完成ECN变更（ECN）：下周三前，交付时间顺延10天。质量部说：防锈油处理后还要再抽检一次。",
    "生产部认为是技术部的工艺不对，技术部认为是车间管理问题：双方各执一词。最后由IT部调出MES记录（2026-11-03）。",
    "客户要求：交期不变。采购部说：供应商最少起订500kg，我们只要80kg；生产部说：排产已满，插单要总经理批。",
]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=["80x24", "100x30", "120x40"])
async def test_case_snippets_wrap_by_the_kinsoku_rule(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """As in the notes: no panel line starts with closing punctuation or ends on an opening
    one, and IT部, （ECN）, 10天 stay whole, whatever the width (a resize wraps again)."""
    from facilitator.tui.linebreak import CLOSERS, OPENERS

    assert meeting.id is not None
    hits = [Hit(f"case-{i}", "钢管清洗后生锈，生产卡在下一道工序", 0.9 - i / 10, "卡点", text, None)
            for i, text in enumerate(KINSOKU_SNIPPETS)]
    monkeypatch.setattr(service.cases, "search_meeting", CountingSearch(hits))
    app = make_app(meeting.id, live_search=True, search_delay=0.05)
    async with app.run_test(size=size) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 3)
        for width in (size[0], size[0] - 7):  # and again after the terminal narrows
            await pilot.resize_terminal(width, size[1])
            await pilot.pause(0.2)
            box = panel.case_list.content_region
            rows = screen_text(app).splitlines()[box.y:box.bottom]
            shown = [cut_cells(row, box.x, box.width - 1).rstrip() for row in rows]  # less the scrollbar
            lines = [line for line in shown if line.strip()]
            assert len(lines) > 6, shown
            for line in lines:
                assert line.lstrip()[0] not in CLOSERS, shown
                assert line[-1] not in OPENERS, shown
            joined = "\n".join(lines)
            for whole in ("IT部", "（ECN）", "10天"):  # the best hit is always on screen
                assert whole in joined, joined


def cut_cells(row: str, start: int, width: int) -> str:
    """The part of a screen row from cell ``start``, ``width`` cells wide (CJK takes two)."""
    from rich.cells import cell_len

    out, at = [], 0
    for char in row:
        if start <= at < start + width:
            out.append(char)
        at += cell_len(char)
    return "".join(out)


async def test_accepting_an_obstacle_suggestion_searches_again(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An imported transcript's obstacle, once accepted, is what the panel matches by: the panel
    must search again although nothing was typed (before, it kept the cards found for the
    transcript's chatter, because the typed context had not changed)."""
    from facilitator.model import Captured, Suggestion
    from tests.tui.test_suggestions import focus_suggestions

    assert meeting.id is not None
    mid = meeting.id
    service.record.capture(mid, "孙莉（生产部）：对，我们这边排产是排好了，就等电机。")
    service.store.add_suggestions(mid, [Suggestion(
        Captured("obstacle", "供应商说小批量不接，起订量要 2000"),  # type: ignore[arg-type]
        quote="嗯，那个，主要是电机，供应商说小批量不接，起订量要 2000。", cues=(1,), speaker="钱峰", confidence=0.8)])
    generic, small_order = fake_hits()[1:], fake_hits()[:1]

    def search(meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
               carry: bool = False) -> list[Hit]:
        """Stands in for the ranking only: it answers by what the record holds now."""
        search.calls += 1  # type: ignore[attr-defined]
        return small_order if service.record.meeting(meeting_id).obstacles else generic

    search.calls = 0  # type: ignore[attr-defined]
    monkeypatch.setattr(service.cases, "search_meeting", search)
    app = make_app(mid, live_search=True, search_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 1)
        assert "钢管清洗后生锈" in screen_text(app)
        await focus_suggestions(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: "小批量非标料没有供应商接单" in screen_text(app))
        calls = search.calls  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        assert search.calls == calls, "nothing changed since: no further search"  # type: ignore[attr-defined]
