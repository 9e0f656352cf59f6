"""Obstacles with kinds, levers, the cases' way out and the coach, in the live meeting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from facilitator.config import Settings
from facilitator.library.meeting_query import MeetingHit
from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.screens.coach import CoachScreen
from facilitator.tui.screens.item_form import ItemForm, LeverForm
from facilitator.tui.widgets.cases import CaseList, CasesPanel
from facilitator.tui.widgets.ledgers import ItemsTable
from tests.tui.conftest import FIXTURE_CARDS, MakeApp, new_meeting, screen_text, type_line, wait_for

pytestmark = pytest.mark.anyio



async def test_lever_lines_show_under_their_obstacle_and_kinds_are_editable(
    service: Service, meeting: Meeting, make_app: MakeApp
) -> None:
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(130, 40)) as pilot:
        await type_line(pilot, "障碍[预算]：质量部今年没有第三方检测预算")
        await type_line(pilot, "障碍：天气太潮")
        await type_line(pilot, "资源：集团实验室的绿色通道（持有：集团质量中心）@吴工 周五")
        assert "已记下资源：集团实验室的绿色通道（用于最近的障碍：天气太潮" in screen_text(app)
        m = service.record.meeting(meeting.id)
        assert m.levers[0].obstacle_id == m.obstacles[1].id and m.actions[0].owner == "吴工"
        text = screen_text(app)
        assert "障碍·预算" in text and "障碍·未分类" in text and "└ 资源" in text
        table = app.screen.query_one(ItemsTable)
        keys = list(table.rows_by_key)
        assert [table.rows_by_key[k][0] for k in keys] == ["obstacle", "obstacle", "lever"]
        # the weather obstacle's kind, set in the ledger
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemForm))
        app.screen.query_one("#kind", Select).value = "partner"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.record.meeting(meeting.id).obstacles[1].kind == "partner"
        assert "障碍·外部伙伴" in screen_text(app)
        # the lever row opens the lever form; moving it to the other obstacle is one choice
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LeverForm))
        app.screen.query_one("#obstacle", Select).value = m.obstacles[0].id
        app.screen.query_one("#due", Input).value = "12月2日"
        await pilot.press("ctrl+s")
        await pilot.pause()
        lever = service.record.meeting(meeting.id).levers[0]
        assert lever.obstacle_id == m.obstacles[0].id and lever.due is not None and lever.due.isoformat() == "2026-12-02"
        assert service.record.meeting(meeting.id).actions[0].due == lever.due


def _way_out_hit() -> MeetingHit:
    return MeetingHit("video-budget", "IT department refuses a video-conference system, no budget", 1.0,
                      "Real obstacle", "IT has no money this year.", None, kind="budget",
                      way_out="销售请分管副总从年度预备费里特批了一笔预算。", way_out_section="解决")


async def test_way_out_shown_in_obstacle_stage_and_r_prefills_a_lever_line(
    service: Service, meeting: Meeting, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meeting.id is not None
    stages: list[str | None] = []

    def search_meeting(meeting_id: int, stage: str | None = None, k: int = 5, typed: str = "",
                       carry: bool = False) -> list[MeetingHit]:
        stages.append(stage)
        return [_way_out_hit()]

    monkeypatch.setattr(service.cases, "search_meeting", search_meeting)
    service.record.update_meeting(meeting.id, stage="obstacle")
    app = make_app(meeting.id, live_search=True, search_delay=0.05)
    async with app.run_test(size=(130, 40)) as pilot:
        panel = app.screen.query_one(CasesPanel)
        await wait_for(pilot, lambda: panel.case_list.option_count == 1)
        assert stages[0] == "obstacle"
        text = screen_text(app)
        assert "[预算]" in text and "解决：销售请分管副总从年度预备费里特批了一笔预算" in text
        before = service.drafts.export(meeting.id, "json")
        panel.case_list.focus()
        await pilot.press("r")
        await pilot.pause()
        box = app.screen.query_one("#capture", Input)
        assert box.value == "资源：销售请分管副总从年度预备费里特批了一笔预算" and app.focused is box
        assert service.drafts.export(meeting.id, "json") == before, "nothing is recorded until Enter"
        await pilot.press("enter")
        await pilot.pause()
        assert [lv.resource for lv in service.record.meeting(meeting.id).levers] == ["销售请分管副总从年度预备费里特批了一笔预算"]
        # in an earlier stage the hit shows where it matched, not its way out
        await pilot.press("f2", "f2")
        await wait_for(pilot, lambda: stages[-1] == "stuck")
        await pilot.pause(0.3)
        assert "匹配于“Real obstacle”：IT has no money this year." in screen_text(app)


async def test_coach_key_shows_cited_suggestions_and_accepting_only_fills_the_input(
    tmp_path: Path, make_app: MakeApp
) -> None:
    cards = tmp_path / "cards"
    shutil.copytree(FIXTURE_CARDS, cards)
    svc = Service(tmp_path / "coach-home", Settings())
    svc.cases.index([cards], builtin=False)
    m = new_meeting(svc, title="海外投标缺第三方检测报告")
    assert m.id is not None
    svc.record.capture(m.id, "障碍：质量部今年没有这笔钱做检测", "obstacle")
    svc.record.update_meeting(m.id, stage="obstacle")
    before = svc.drafts.export(m.id, "json")
    app = make_app(m.id, svc=svc)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, CoachScreen))
        screen = app.screen
        assert isinstance(screen, CoachScreen)
        await wait_for(pilot, lambda: screen.coaching is not None, timeout=120)
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "本阶段要问" in text and "[video-budget]" in text
        assert screen.coaching is not None and all(s.case_id for s in screen.coaching.suggestions)
        await pilot.press("down")  # the second suggestion: a resource drawn from the case
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#capture", Input)
        assert box.value.startswith("资源：")
        assert svc.drafts.export(m.id, "json") == before, "a suggestion enters the record only when the user records it"
        assert isinstance(app.screen.query_one(CaseList), CaseList)
    svc.close()


async def test_the_acknowledgement_says_which_obstacle_and_why(service: Service, meeting: Meeting,
                                                               make_app: MakeApp) -> None:
    """Issue 24: with budget then information recorded, the budget lever goes to budget."""
    assert meeting.id is not None
    app = make_app(meeting.id)
    async with app.run_test(size=(130, 40)) as pilot:
        await type_line(pilot, "障碍[预算]：采购单价超预算，采购部没有权限批准")
        await type_line(pilot, "障碍：图纸公差不清楚，供应商无法报价")
        await type_line(pilot, "资源[预算]：总经理签批")
        assert "已记下资源：总经理签批（用于预算障碍：采购单价超预算" in screen_text(app).replace("\n", "")
        await type_line(pilot, "资源：技术部远程确认图纸公差")
        assert "已记下资源：技术部远程确认图纸公差（按类型和用词，用于信息障碍" in screen_text(app).replace("\n", "")
