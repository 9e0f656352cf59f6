"""The actions board filters by owner (p) and by who wrote the action down (w, ``[me] name``),
by keyboard, as ``actions --owner`` and ``actions --by`` do on the command line (issue 28
point 2); both keys are in F1's list, in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest
from textual.widgets import OptionList

from facilitator.config import Me, Settings
from facilitator.service import Service
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.board import ActionsBoard
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.pick import PickPerson
from tests.tui.conftest import MEETING_DAY, FrozenClock, screen_text

pytestmark = pytest.mark.anyio


def two_writers(home: Path, language: Literal["zh", "en"] = "zh") -> Service:
    """王强 wrote two actions and 李娜 one, on one home; returns 王强's service."""
    wang = Service(home, Settings(me=Me(name="王强"), language=language))
    li = Service(home, Settings(me=Me(name="李娜"), language=language))
    mid = wang.record.new_meeting("钢管生锈协调会", order="PO-1123", on=MEETING_DAY).id
    assert mid is not None
    wang.record.capture_lines(mid, ["@吴工：检查软化水设备 截止 2026-11-25", "@采购部：联系防锈油供应商"])
    li.record.capture_lines(mid, ["@吴工：复核清洗工艺参数 截止 2026-11-27"])
    li.close()
    return wang


def shown(board: ActionsBoard) -> list[str]:
    return [a.action for a in board.actions]


async def open_board(pilot: Any) -> ActionsBoard:
    await pilot.press("f8")
    await pilot.pause()
    board = pilot.app.screen
    assert isinstance(board, ActionsBoard)
    return board


async def pick(pilot: Any, key: str, *moves: str) -> PickPerson:
    await pilot.press(key)
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, PickPerson)
    await pilot.press(*moves, "enter")
    await pilot.pause()
    return picker


async def test_the_board_keeps_one_writers_or_one_owners_actions_by_keyboard(tmp_path: Path) -> None:
    service = two_writers(tmp_path / "home")
    try:
        app = FacilitatorApp(service, None, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            board = await open_board(pilot)
            assert len(shown(board)) == 3

            await pilot.press("w")  # who wrote it: the people the ledger names, most actions first
            await pilot.pause()
            text = screen_text(app)
            assert "只看谁记下的行动" in text and "所有人" in text
            assert text.index("王强（2 项）") < text.index("李娜（1 项）")
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            assert app.screen is board and board.author == "李娜"
            assert shown(board) == ["复核清洗工艺参数"]
            assert "记录人 李娜" in screen_text(app)

            await pick(pilot, "w", "up")  # from 李娜, highlighted as the current choice, to 王强
            assert sorted(shown(board)) == ["检查软化水设备", "联系防锈油供应商"]

            picker = await pick(pilot, "p", "down")  # owner: 吴工 has two, first under everyone
            assert list(picker.counts) == ["吴工", "采购部"]
            assert board.owner == "吴工" and board.author == "王强"
            assert shown(board) == ["检查软化水设备"]  # both filters at once
            assert "负责人 吴工" in screen_text(app) and "记录人 王强" in screen_text(app)

            await pilot.press("w", "escape")  # Esc leaves the filter as it was
            await pilot.pause()
            assert board.author == "王强"
            await pilot.press("w")
            await pilot.pause()
            assert app.screen.query_one(OptionList).highlighted == 1  # the current choice is shown
            await pilot.press("up", "enter")  # everyone again
            await pilot.pause()
            assert board.author is None and sorted(shown(board)) == ["复核清洗工艺参数", "检查软化水设备"]

            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            assert "按记录人筛选" in text and "[filter_author]" in text
            assert "按负责人筛选" in text and "[filter_owner]" in text
    finally:
        service.close()


async def test_the_writer_filter_speaks_english_to_an_english_user(tmp_path: Path) -> None:
    service = two_writers(tmp_path / "home", language="en")
    try:
        app = FacilitatorApp(service, None, clock=FrozenClock(), today=lambda: MEETING_DAY, live_search=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await open_board(pilot)
            await pilot.press("w")
            await pilot.pause()
            text = screen_text(app)
            assert "Actions written by" in text and "Everyone" in text and "王强 (2)" in text
            await pilot.press("down", "enter")
            await pilot.pause()
            assert "written by 王强" in screen_text(app)
            await pilot.press("f1")
            await pilot.pause()
            assert "Filter by writer" in screen_text(app)
    finally:
        service.close()
