"""Fixtures for the TUI tests: a throwaway home, a meeting on a fixed date, a frozen clock,
and a way to read what is on the screen as plain text."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from facilitator.config import Settings
from facilitator.model import Hit, Meeting, Participant
from facilitator.service import Service
from facilitator.tui.app import FacilitatorApp

MEETING_DAY = date(2026, 11, 20)
FIXTURE_CARDS = Path(__file__).resolve().parents[1] / "library" / "cards"


class FrozenClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True, scope="session")
def _wide_chars_as_run_app_installs_them() -> None:
    """``run_app`` installs the wide-character patch; the TUI tests build the app
    directly, so they install it the same way (it stays off on a drifted Textual)."""
    from facilitator.tui.wide_chars import install

    install()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    svc = Service(tmp_path / "home", Settings())
    yield svc
    svc.close()


def new_meeting(svc: Service, title: str = "钢管生锈协调会", **kw: Any) -> Meeting:
    kw.setdefault("customer", "华东管业")
    kw.setdefault("order", "PO-1123")
    kw.setdefault("on", MEETING_DAY)
    kw.setdefault("deadline", date(2026, 12, 5))
    return svc.record.new_meeting(title, **kw)


PEOPLE = [Participant("吴工", "生产部", "主管"), Participant("李经理", "采购部", "经理")]


@pytest.fixture
def meeting(service: Service) -> Meeting:
    return new_meeting(service, participants=list(PEOPLE))


LONG_LINES = [
    "钢管清洗后第二天就生锈，下一道工序停了三天，客户已经来电催问交期",
    "需要IT部配合完成ECN变更（ECN）：下周三前，交付时间顺延10天。质量部说：防锈油处理后还要再抽检一次。",
    "清洗工艺参数和软化水设备的日常维护 => 生产部 （依据：工艺管理规定第四章第二条）",
    "返工费用和延误产生的额外运费由谁承担 => ?",
    "@吴工：检查软化水设备并出具水质报告，同时复核清洗工艺参数 截止 2026-11-25",
    "@李经理：联系防锈油供应商，确认交期和价格并提供样品 截止 周五",
    "障碍：没有预算更换软化水设备，今年的设备预算已经用完",
    "决定：库存钢管先用防锈油处理，处理后由质量部抽检再发货",
    "问题：客户能否接受延期一周交货？需要销售先去沟通",
]


@pytest.fixture
def long_meeting(service: Service, meeting: Meeting) -> Meeting:
    """Realistic lengths (issue 17), on a second meeting of the same order, so the first
    one's open actions are carried over. Used by the snapshots and the laptop tests."""
    earlier = service.record.new_meeting("上周：钢管生锈第一次协调", customer="华东管业", order="PO-1123",
                                  on=date(2026, 11, 13))
    assert earlier.id is not None and meeting.id is not None
    service.record.capture(earlier.id, "@吴工：检查软化水设备并出具水质报告 截止 2026-11-18", "actions")
    service.record.capture(earlier.id, "@李经理：联系防锈油供应商确认交期和价格 截止 2026-11-25", "actions")
    for line in LONG_LINES:
        service.record.capture(meeting.id, line, "boundaries")
    # histories are stamped with the wall clock; a snapshot must not change with the minute
    db = sqlite3.connect(service.store.where())
    with db:
        db.execute("UPDATE action_events SET at = '2026-11-13T10:00:00+08:00'")
        db.execute("UPDATE actions SET created_at = '2026-11-13T10:00:00+08:00'")
        db.execute("UPDATE meetings SET created_at = '2026-11-13T10:00:00+08:00', updated_at = created_at")
    db.close()
    return service.record.meeting(meeting.id)


MakeApp = Callable[..., FacilitatorApp]


@pytest.fixture
def make_app(service: Service) -> MakeApp:
    def make(meeting_id: int | None = None, svc: Service | None = None, **kw: Any) -> FacilitatorApp:
        kw.setdefault("clock", FrozenClock())
        kw.setdefault("today", lambda: MEETING_DAY)
        kw.setdefault("live_search", False)
        return FacilitatorApp(svc or service, meeting_id, **kw)

    return make


async def open_meeting(pilot: Any) -> Any:
    """Let an app made with a meeting id settle on its meeting screen, and return that screen."""
    from facilitator.tui.screens.meeting import MeetingScreen

    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen), screen
    return screen


async def type_line(pilot: Any, text: str, submit: bool = True) -> None:
    """Put ``text`` into the capture box (as an IME would: whole text, not key presses), then Enter."""
    from textual.widgets import Input

    box = pilot.app.screen.query_one("#capture", Input)
    box.focus()
    box.value = ""
    box.insert_text_at_cursor(text)
    await pilot.pause()
    if submit:
        await pilot.press("enter")
        await pilot.pause()
        await written(pilot)


async def written(pilot: Any) -> None:
    """Wait until the lines typed on a team's server are committed (they are written in a
    thread of their own, the acknowledgement after), so what a test reads next is there."""
    for _ in range(1000):
        if not getattr(pilot.app.screen, "writes_pending", False):
            return
        await pilot.pause(0.01)


async def palette(pilot: Any, query: str, run: bool = True) -> None:
    """Open the command palette (Ctrl+P), type ``query``, and with ``run`` take the top hit."""
    from textual.widgets import Input

    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = query
    await pilot.pause(0.5)
    if run:
        await pilot.press("enter")
        await pilot.pause(0.2)


def screen_text(app: FacilitatorApp) -> str:
    """The screen as plain text, as a user would read it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().replace("\xa0", " ")



async def settled(pilot: Any, predicate: Any, timeout: float = 5.0) -> bool:
    """Whether ``predicate()`` comes true within ``timeout`` seconds while the app runs (a
    search in a worker, a screen pushed); the caller says what it waited for."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True


async def wait_for(pilot: Any, predicate: Any, timeout: float = 5.0) -> None:
    """``settled``, failing the test when the condition does not come in time."""
    if not await settled(pilot, predicate, timeout):
        raise AssertionError("condition not met in time")


def fake_hits() -> list[Hit]:
    return [
        Hit("supplier-small-order", "小批量非标料没有供应商接单，采购与生产互相推诿", 1.0, "真实障碍",
            "订单量太小，常合作的供应商都不愿意接这种小批量的非标订单。", "fixture-zh-1"),
        Hit("pipe-rust", "钢管清洗后生锈，生产卡在下一道工序", 0.88, "卡点",
            "生产部认为是技术部的工艺不对，技术部认为是车间管理问题。", None),
    ]


def library_available() -> str | None:
    """None when the case library can be imported, else why not."""
    try:
        import facilitator.library.search  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return f"case library not importable: {exc}"
    return None


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests are coroutines run by anyio's pytest plugin, on asyncio (Textual's loop)."""
    return "asyncio"
