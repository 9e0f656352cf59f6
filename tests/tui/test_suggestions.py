"""The suggestions beside the ledger (issue 29, point 4): listed with their quotes, one key
accepts (recorded with its quote, as the typed line would be), x dismisses, Ctrl+Z takes
either back, e opens the ledger's own form, and suggestions another process adds appear."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TabbedContent

from facilitator.model import Captured, Meeting, Suggestion
from facilitator.record_rules import RULES
from facilitator.service import Service
from facilitator.store.sqlite import SqliteStore
from facilitator.tui.widgets.ledgers import ActionsTable
from facilitator.tui.widgets.suggestions import SuggestionsTable
from tests.tui.conftest import MakeApp, open_meeting, screen_text

pytestmark = pytest.mark.anyio
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "speech" / "sample-zh.txt"


def seeded(kind: str, text: str, quote: str, owner: str | None = None, due: date | None = None,
           cue: int = 0) -> Suggestion:
    return Suggestion(Captured(kind, text, owner=owner, due=due), quote=quote,  # type: ignore[arg-type]
                      cues=(cue,), speaker=f"{owner}（生产部）" if owner else None, confidence=0.8)


SEEDS = [
    seeded("action", "检查软化水设备并出具水质报告", "软化水设备这块我来查，周五之前把水质报告给大家。", "吴工",
           date(2026, 11, 27), cue=3),
    seeded("decision", "库存钢管先用防锈油处理", "那就这么定了，库存的先上防锈油。", cue=5),
    seeded("action", "联系防锈油供应商确认交期", "李经理你回头问问防锈油那家，交期能不能提前。", "李经理", cue=7),
]


@pytest.fixture
def suggested(service: Service, meeting: Meeting) -> Meeting:
    assert meeting.id is not None
    service.store.add_suggestions(meeting.id, SEEDS)
    return service.record.meeting(meeting.id)


async def focus_suggestions(pilot: Any) -> SuggestionsTable:
    screen = pilot.app.screen
    screen.query_one(TabbedContent).active = "tab-suggestions"
    table = screen.query_one(SuggestionsTable)
    table.focus()
    await pilot.pause()
    return table


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared speech sample not present")
async def test_an_imported_transcript_is_offered_and_one_key_accepts(make_app: MakeApp, service: Service,
                                                                    meeting: Meeting, tmp_path: Path) -> None:
    assert meeting.id is not None
    transcript = tmp_path / "sample-zh.txt"
    shutil.copy(SAMPLE, transcript)
    result = service.record.import_file(transcript, meeting_id=meeting.id)
    assert result.suggestions, "the extractor found nothing in the shared sample"
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        table = await focus_suggestions(pilot)
        first = next(s for s in table.rows_by_key.values() if s.captured.kind == "action")
        table.move_cursor(row=list(table.rows_by_key).index(str(first.id)))
        await pilot.pause()
        detail = screen.query_one("#ledger-detail", Static)  # the quote, whole, for the selected row
        assert detail.display and first.quote in str(detail.content)
        shown = "".join(line.split("│")[-1].strip() for line in screen_text(app).splitlines())
        assert first.quote.replace(" ", "") in shown.replace(" ", "")
        await pilot.press("a")
        await pilot.pause()
        actions = service.record.meeting(meeting.id).actions
        assert [(a.action, a.quote, a.source) for a in actions] == [(first.captured.text, first.quote, "extracted")]
        assert str(first.id) not in table.rows_by_key
        screen.query_one(TabbedContent).active = "tab-actions"
        await pilot.pause()
        ledger = screen.query_one(ActionsTable)
        assert [a.quote for a in ledger.rows_by_key.values()] == [first.quote]


async def test_accept_dismiss_and_undo(make_app: MakeApp, service: Service, suggested: Meeting) -> None:
    mid = suggested.id
    assert mid is not None
    app = make_app(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        tabs = screen.query_one(TabbedContent)
        assert "建议 3" in str(tabs.get_tab("tab-suggestions").label)
        from facilitator.tui.screens.help import key_sections

        listed = {k.id for _, keys in key_sections(screen, "zh") for k in keys}  # what F1 lists
        assert {"accept_suggestion", "edit_suggestion", "dismiss_suggestion"} <= listed
        table = await focus_suggestions(pilot)
        await pilot.press("a")  # the first: 吴工's action
        await pilot.pause()
        m = service.record.meeting(mid)
        assert [(a.owner, a.due, a.source) for a in m.actions] == [("吴工", date(2026, 11, 27), "extracted")]
        assert m.actions[0].quote == SEEDS[0].quote
        await pilot.press("x")  # the decision is dismissed
        await pilot.pause()
        m = service.record.meeting(mid)
        assert m.decisions == [] and [s.captured.text for s in m.suggestions] == ["联系防锈油供应商确认交期"]
        await pilot.press("ctrl+z")  # the dismissal is taken back
        await pilot.pause()
        assert len(service.record.meeting(mid).suggestions) == 2
        table.move_cursor(row=0)
        await pilot.press("delete")
        await pilot.pause()
        assert len(service.record.meeting(mid).suggestions) == 1
        assert "建议 1" in str(tabs.get_tab("tab-suggestions").label)
        await pilot.press("a")  # the last one: the tab goes away
        await pilot.pause()
        m = service.record.meeting(mid)
        assert [a.owner for a in m.actions] == ["吴工", "李经理"] and m.suggestions == []
        assert tabs.active != "tab-suggestions"
        await pilot.press("ctrl+z")  # the acceptance is taken back: the row goes, the suggestion waits again
        await pilot.pause()
        m = service.record.meeting(mid)
        assert [a.owner for a in m.actions] == ["吴工"] and len(m.suggestions) == 1


async def test_edit_opens_the_ledger_form_and_cancel_puts_it_back(make_app: MakeApp, service: Service,
                                                                  suggested: Meeting) -> None:
    from textual.widgets import Input

    mid = suggested.id
    assert mid is not None
    app = make_app(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        await focus_suggestions(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#action", Input).value == "检查软化水设备并出具水质报告"
        await pilot.press("escape")
        await pilot.pause()
        m = service.record.meeting(mid)
        assert m.actions == [] and len(m.suggestions) == 3
        await focus_suggestions(pilot)
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#due", Input)
        box.value = "2026-11-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        m = service.record.meeting(mid)
        assert [(a.due, a.quote) for a in m.actions] == [(date(2026, 11, 30), SEEDS[0].quote)]
        assert len(m.suggestions) == 2


async def test_suggestions_another_process_adds_appear(make_app: MakeApp, service: Service,
                                                       meeting: Meeting) -> None:
    mid = meeting.id
    assert mid is not None
    app = make_app(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        tabs = screen.query_one(TabbedContent)
        assert tabs.get_tab("tab-suggestions").display is False  # nothing waits: no tab
        with SqliteStore(Path(service.store.where()), RULES) as other:  # as `facilitator import --meeting` would
            other.add_suggestions(mid, SEEDS[:2])
        await pilot.pause(1.5)
        assert tabs.get_tab("tab-suggestions").display is True
        assert len(screen.query_one(SuggestionsTable).rows_by_key) == 2


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_suggestions_snapshot(snap_compare: Any, make_app: MakeApp, suggested: Meeting, size: tuple[int, int]) -> None:
    async def show(pilot: Any) -> None:
        from textual.widgets import Input

        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await focus_suggestions(pilot)
        await pilot.pause()

    assert snap_compare(make_app(suggested.id), terminal_size=size, run_before=show)


async def test_a_free_note_typed_live_is_offered(make_app: MakeApp, service: Service, meeting: Meeting) -> None:
    """A free note goes to the extractor (a quick-capture line is recorded as typed and is not)."""
    from tests.tui.conftest import type_line

    mid = meeting.id
    assert mid is not None
    app = make_app(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(pilot)
        await type_line(pilot, "@李经理：联系防锈油供应商 截止 周五")
        await type_line(pilot, "吴工：软化水设备这块我来查，周五之前把水质报告给大家。")
        table = screen.query_one(SuggestionsTable)
        for _ in range(50):  # the extractor runs in a worker thread
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            if table.rows_by_key:
                break
        m = service.record.meeting(mid)
        assert [a.owner for a in m.actions] == ["李经理"]  # typed: recorded, not suggested
        assert [(s.captured.owner, s.captured.due) for s in m.suggestions] == [("吴工", date(2026, 11, 27))]
        assert [s.captured.owner for s in table.rows_by_key.values()] == ["吴工"]
        assert screen.query_one(TabbedContent).get_tab("tab-suggestions").display is True
