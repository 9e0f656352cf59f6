"""Issue 24, point 2, on screen: a user whose language is Chinese reads Chinese on every
screen, whatever language a meeting's title is in; the Latin words left are key names,
ids, dates, order numbers and case ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from facilitator.config import Settings
from facilitator.service import Service
from tests.test_one_language import SKIP
from tests.tui.conftest import FrozenClock, screen_text

pytestmark = pytest.mark.anyio

KEYS = {"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "esc", "enter", "tab", "ctrl", "x", "o", "b",
        "s", "p", "d", "u", "g", "f", "m", "r", "e", "c", "y", "n", "q", "z", "supplier", "review", "markdown"}
"""Key names (the footer's ``^p``, ``f5``, ``x``), the user's own English title, and the
one format name a hint gives (跟进消息（Markdown）), as the command line's help does."""


def binding_ids() -> set[str]:
    """The ids the help screen lists for ``[keymap]`` in config.toml: names the user types."""
    from facilitator.tui import keys

    return {k.id for value in vars(keys).values() if isinstance(value, tuple)
            for k in value if isinstance(k, keys.Key)}


def latin_words(text: str) -> set[str]:
    import re

    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", SKIP.sub(" ", text.replace("^", " ")))
    return {w for w in words if len(w) > 1 and w.lower() not in KEYS and w not in binding_ids()
            and w not in ("keymap", "config", "toml")}  # one letter: a key name (Ctrl+T)


@pytest.fixture
def zh_user(tmp_path: Path) -> Service:
    svc = Service(tmp_path / "home", Settings(language="zh", language_chosen=True))
    m = svc.record.new_meeting("Supplier review", order="PO-88231", on=date(2026, 12, 1), deadline=date(2026, 12, 9))
    assert m.id is not None and m.language == "zh"  # the user's language, not the title's
    for line in ["开发新供应商 => 采购部 （依据：供应商管理制度）", "@刘经理：整理报价 截止 2026-12-08",
                 "障碍[预算]：单价超预算", "资源[预算]：总经理签批 @王强 2026-12-05", "决定：先询价"]:
        svc.record.capture(m.id, line)
    return svc


async def _walk(app: Any, pilot: Any) -> dict[str, str]:
    shown = {"meeting": screen_text(app)}  # then every screen a meeting reaches, and the list's
    for tab in ("tab-actions", "tab-items", "tab-people"):
        app.screen.query_one("#ledger-tabs").active = tab
        await pilot.pause()
        shown[tab] = screen_text(app)
    for key, name in (("f1", "help"), ("f8", "board"), ("f10", "review"), ("ctrl+o", "delivery")):
        await pilot.press(key)
        await pilot.pause(0.3)
        shown[name] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.3)
    for key, name in (("ctrl+g", "coach"), ("f7", "participant form"), ("ctrl+p", "palette")):
        await pilot.press(key)
        await pilot.pause(0.5)
        shown[name] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.3)
    app.screen.query_one("#ledger-tabs").active = "tab-actions"
    await pilot.pause()
    app.screen.query_one("#actions").focus()
    await pilot.press("e")
    await pilot.pause(0.3)
    shown["action form"] = screen_text(app)
    await pilot.press("escape")
    await pilot.pause(0.3)
    await pilot.press("f9")
    await pilot.pause(0.3)
    shown["meeting list"] = screen_text(app)
    await pilot.press("n")
    await pilot.pause(0.3)
    shown["new meeting form"] = screen_text(app)
    await pilot.press("escape")
    await pilot.pause(0.3)
    await pilot.press("enter")  # back into the meeting (the newest, the only one)
    await pilot.pause(0.5)
    await pilot.press("f5")
    for _ in range(400):  # the offline draft: well under 20 s, never an endless wait
        if getattr(app.screen, "draft", None) is not None:
            break
        await pilot.pause(0.05)
    assert getattr(app.screen, "draft", None) is not None, "no draft"
    await pilot.pause(0.2)
    shown["draft"] = screen_text(app)
    return shown


async def test_every_screen_speaks_the_users_language(zh_user: Service) -> None:
    from facilitator.tui.app import FacilitatorApp

    app = FacilitatorApp(zh_user, 1, clock=FrozenClock(), today=lambda: date(2026, 12, 1), live_search=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = await _walk(app, pilot)
    landmarks = {"coach": "教练", "participant form": "姓名", "action form": "截止", "meeting list": "会议",
                 "new meeting form": "会议标题", "draft": "纪要"}
    assert all(word in shown[name] for name, word in landmarks.items()), "a screen of the walk did not open"
    for name, text in shown.items():
        assert not latin_words(text), (name, sorted(latin_words(text)), text)


async def test_an_english_meeting_still_shows_the_users_language(zh_user: Service) -> None:
    from facilitator.tui.app import FacilitatorApp

    m = zh_user.record.new_meeting("Budget review", language="en", on=date(2026, 12, 1))
    app = FacilitatorApp(zh_user, m.id, clock=FrozenClock(), today=lambda: date(2026, 12, 1), live_search=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "起草纪要" in text and "帮助" in text and "Draft" not in text
