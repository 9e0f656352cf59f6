"""Keys of the meeting screen added for issue 24's leftovers: Ctrl+Y goes from the capture
box to the suggestions waiting beside the ledger (an id in the keymap, listed by F1, its
label in the meeting's language), and the cases panel names its keys on its own border
instead of a footer line the ledger needs."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import TabbedContent

from facilitator.config import Settings
from facilitator.model import Meeting
from facilitator.service import Service
from facilitator.tui.widgets.suggestions import SuggestionsTable
from tests.tui.conftest import MakeApp, open_meeting, screen_text
from tests.tui.test_suggestions import SEEDS

pytestmark = pytest.mark.anyio


async def test_ctrl_y_goes_from_the_capture_box_to_the_suggestions(make_app: MakeApp, service: Service,
                                                                    meeting: Meeting) -> None:
    assert meeting.id is not None
    service.store.add_suggestions(meeting.id, SEEDS)
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        assert screen.focused is screen.query_one("#capture")
        await pilot.press("ctrl+y")
        await pilot.pause(0.2)
        assert screen.query_one("#ledger-tabs", TabbedContent).active == "tab-suggestions"
        assert screen.focused is screen.query_one(SuggestionsTable)
        assert "检查软化水设备" in screen_text(app)
        await pilot.press("a")  # the suggestion's own keys work at once
        await pilot.pause()
        assert [a.action for a in service.record.meeting(meeting.id).actions] == [SEEDS[0].captured.text]
        await pilot.press("escape")  # and Esc is back in the capture box
        await pilot.pause()
        assert screen.focused is screen.query_one("#capture")


async def test_ctrl_y_with_no_suggestions_says_so(make_app: MakeApp, meeting: Meeting) -> None:
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert any("没有待处理的建议" in n.message for n in app._notifications)
        assert screen.focused is screen.query_one("#capture")


@pytest.mark.parametrize(("lang", "label"), [("zh", "看建议"), ("en", "suggestions")])
async def test_f1_lists_the_suggestions_key_with_its_id(tmp_path: object, lang: str, label: str) -> None:
    from pathlib import Path

    from facilitator.tui.app import FacilitatorApp
    from tests.tui.conftest import FrozenClock

    svc = Service(Path(str(tmp_path)) / "home", Settings(language="zh" if lang == "zh" else "en", keymap={"suggestions": "ctrl+l"}))
    try:
        m = svc.record.new_meeting("Pump line review" if lang == "en" else "泵线复盘", on=date(2026, 11, 20))
        assert m.id is not None
        svc.store.add_suggestions(m.id, SEEDS)
        app = FacilitatorApp(svc, m.id, clock=FrozenClock(), today=lambda: date(2026, 11, 20), live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_meeting(pilot)
            await pilot.press("f1")
            await pilot.pause()
            text = str(app.screen.query_one("#help-text").render())
            line = next(li for li in text.splitlines() if "[suggestions]" in li)
            assert "Ctrl+L" in line and label in line, line  # the user's keymap applied
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+l")
            await pilot.pause(0.2)
            assert app.screen.query_one("#ledger-tabs", TabbedContent).active == "tab-suggestions"
    finally:
        svc.close()


async def test_the_palette_offers_the_suggestions(make_app: MakeApp, service: Service, meeting: Meeting) -> None:
    from tests.tui.conftest import palette

    assert meeting.id is not None
    service.store.add_suggestions(meeting.id, SEEDS)
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await palette(pilot, "看建议")
        assert screen.query_one("#ledger-tabs", TabbedContent).active == "tab-suggestions"
        assert screen.focused is screen.query_one(SuggestionsTable)


async def test_the_cases_panel_names_its_keys_on_its_border_at_80x24(make_app: MakeApp, service: Service,
                                                                      long_meeting: Meeting) -> None:
    """The one-line footer has no room for them at 80 columns, and a second line would
    cost the actions ledger its fourth row."""
    from facilitator.tui.widgets.cases import CasesPanel
    from tests.tui.conftest import fake_hits

    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        panel = screen.query_one(CasesPanel)
        assert "c 引用" not in screen_text(app)  # nothing to cite yet: no keys
        panel.show_hits(fake_hits(), set())
        await pilot.pause()
        bottom = next(line for line in reversed(screen_text(app).splitlines()) if "╯" in line)
        assert "⏎ 看案例" in bottom and "c 引用" in bottom and "r 借力" in bottom, bottom
        assert screen.query_one("Footer").region.height == 1  # the footer stays one line
        panel.show_degraded(True)  # the keyword-only mark moved beside the title, the keys stay
        await pilot.pause()
        text = screen_text(app)
        assert "相似案例 ⚠ 仅按关键词检索" in text and "c 引用" in text


async def test_the_cases_panels_keys_follow_the_keymap(tmp_path: object) -> None:
    from pathlib import Path

    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.widgets.cases import CasesPanel
    from tests.tui.conftest import FrozenClock, fake_hits

    svc = Service(Path(str(tmp_path)) / "home", Settings(language="en", keymap={"cite_case": "y"}))
    try:
        m = svc.record.new_meeting("Pump line review", on=date(2026, 11, 20))
        app = FacilitatorApp(svc, m.id, clock=FrozenClock(), today=lambda: date(2026, 11, 20), live_search=False)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_meeting(pilot)
            screen.query_one(CasesPanel).show_hits(fake_hits(), set())
            await pilot.pause()
            assert "⏎ open  y cite  r borrow" in screen_text(app)
    finally:
        svc.close()


async def test_the_note_announcing_suggestions_names_the_key(make_app: MakeApp, meeting: Meeting) -> None:
    from tests.tui.conftest import type_line

    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await type_line(pilot, "吴工：软化水设备这块我来查，周五之前把水质报告给大家。")
        table = screen.query_one(SuggestionsTable)
        for _ in range(50):  # the extractor runs in a worker thread
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            if any("建议" in n.message for n in app._notifications):
                break
        messages = [n.message for n in app._notifications]
        assert any("见右侧“建议”页（Ctrl+Y）" in m for m in messages), messages
        assert not app.errors and table.rows_by_key


async def test_the_delivery_view_reads_as_chinese_at_80x24(make_app: MakeApp, long_meeting: Meeting) -> None:
    """Remarks in （）right after the item, never ASCII parentheses in Chinese; a long line
    breaks by the kinsoku rule and continues indented (Textual broke it at its last space,
    leaving the action's text alone at the left edge)."""
    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause(0.3)
        text = str(app.screen.query_one("#delivery-text").render())
    assert "(" not in text and ")" not in text, text
    assert "（已确认·工艺管理规定第四章第二条·钢管生锈协调会）" in "".join(text.split())
    lines = text.splitlines()
    for before, line in zip(lines, lines[1:], strict=False):
        if before.startswith(" ☐"):  # an action cut by the width continues under its text
            assert line.startswith("   ") and not line.lstrip().startswith(("）", "，", "·")), (before, line)


async def test_the_send_preview_says_who_cannot_be_reached_in_chinese(make_app: MakeApp, long_meeting: Meeting) -> None:
    """Nobody has an email address yet: the preview says so in the user's language."""
    app = make_app(long_meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("f8")
        await pilot.pause(0.3)
        await pilot.press("s")
        for _ in range(40):  # the plan is made in a worker
            await pilot.pause(0.1)
            if "无法送达" in screen_text(app):
                break
        text = screen_text(app)
    assert "吴工：没有邮箱" in text, text
    assert "no email" not in text


def test_the_stage_check_on_levers_reads_as_chinese(service: Service, meeting: Meeting) -> None:
    """Walked at 80x24: the status line said 障碍还没有有人负责去争取的资源 (two 有 in a row)."""
    from facilitator.playbook import stage_by_id
    from facilitator.tui.widgets.stage import missing_labels

    assert meeting.id is not None
    service.record.capture(meeting.id, "障碍[预算]：外协单价高出预算三成", "obstacle")
    labels = missing_labels(stage_by_id("solution"), service.record.meeting(meeting.id), "zh")
    said = next(label for label in labels if "资源" in label)
    assert said.startswith("障碍还没有落实到人去争取的资源"), labels
