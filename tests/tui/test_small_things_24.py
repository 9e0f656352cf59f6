"""Issue 24, point 9, on screen: Ctrl+Z takes back a line just captured, the palette
suggests only what exists, an action due after the customer's deadline is said so when
typed, and `facilitator | tee log` (as `make run | tee`) still opens the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator.model import Meeting
from facilitator.service import Service
from tests.tui.conftest import MakeApp, open_meeting, screen_text, type_line
from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, terminal


@pytest.mark.anyio
async def test_ctrl_z_takes_back_the_line_just_captured(service: Service, meeting: Meeting,
                                                         make_app: MakeApp) -> None:
    assert meeting.id is not None
    service.record.capture(meeting.id, "障碍[预算]：没有预算")
    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        await type_line(pilot, "@刘经理：整理报价 截止 2026-12-03")
        await type_line(pilot, "资源[预算]：总经理特批 @吴工 2026-12-02")
        m = service.record.meeting(meeting.id)
        assert len(m.levers) == 1 and len(m.actions) == 2
        await pilot.press("ctrl+z")  # the lever, and the action its owner made
        await pilot.pause()
        m = service.record.meeting(meeting.id)
        assert (len(m.levers), [a.action for a in m.actions]) == (0, ["整理报价"])
        assert app.screen.query_one("#capture", Input).has_focus


@pytest.mark.anyio
async def test_the_palette_suggests_only_what_it_can_do(service: Service, meeting: Meeting,
                                                        make_app: MakeApp) -> None:
    from textual.command import CommandPalette

    app = make_app(meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        placeholder = palette.query_one(Input).placeholder
        examples = placeholder.split("：", 1)[1].split("、")[:-1]  # the last one is a case to find
        for word in examples:
            palette.query_one(Input).value = word
            await pilot.pause(0.5)
            text = screen_text(app)
            assert any(word in line and ("跳到阶段" in line or line.strip().startswith(word))
                       for line in text.splitlines()), (word, text)


@pytest.mark.anyio
async def test_an_action_after_the_deadline_is_said_so_when_typed(service: Service, meeting: Meeting,
                                                                  make_app: MakeApp) -> None:
    app = make_app(meeting.id)  # the meeting's deadline is 2026-12-05
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(pilot)
        await type_line(pilot, "@刘经理：整理报价 截止 2026-12-12")
        from facilitator.tui.widgets.wrapped import Wrapped

        ack = app.screen.query_one("#ack", Wrapped)
        assert "晚于客户交付期限 2026-12-05" in ack._raw.plain
        await type_line(pilot, "@刘经理：发样品 截止 2026-12-03")
        assert "已记下行动：发样品" in ack._raw.plain and "晚于" not in ack._raw.plain


@pytest.mark.slow
@pytest.mark.skipif(TMUX is None, reason=NO_TMUX)
@pytest.mark.parametrize("pipe", ["|", "2>&1 |"], ids=["stdout", "stdout-and-stderr"])
def test_the_app_opens_with_its_output_piped_through_tee(tmp_path: Path, pipe: str) -> None:
    """``make run | tee log`` and ``make run 2>&1 | tee log``: with both streams piped the
    app printed the meeting list and exited; it now draws on the terminal itself."""
    home = tmp_path / "home"
    with terminal(tmp_path / "t") as term:
        term.start("sh", "-c", f"{BIN} --home {home} {pipe} tee {tmp_path / 'log'}")
        term.wait_for("按 n 新建", timeout=60)  # the app's meeting list, not the printed one
        term.tmux("send-keys", "-t", "t", "C-q")
        term.wait_exit()
    log = (tmp_path / "log").read_text(encoding="utf-8")
    assert "\x1b[" not in log, log[:200]  # the screen went to the terminal, not into the log




@pytest.mark.anyio
async def test_the_short_screens_status_line_ends_on_a_whole_thought(service: Service, meeting: Meeting,
                                                                     make_app: MakeApp) -> None:
    """At 80x24 it read 还缺 1 项：这个阶段还没有记录卡点事实：订… (cut in its explanation)."""
    from facilitator.tui.widgets.stage import gist

    assert gist("这个阶段还没有记录卡点事实：订单走到哪一步、卡在哪件事上") == "这个阶段还没有记录卡点事实"
    assert gist("障碍还没有标明类型（障碍[预算]：…，或在台账里改）：设备") == "障碍还没有标明类型"
    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        screen.move_to("stuck")
        await pilot.pause()
        line = next(x for x in screen_text(app).splitlines() if "还缺" in x)
        assert "还缺 1 项：这个阶段还没有记录卡点事实" in line and "…" not in line.split("  ")[0], line


@pytest.mark.anyio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_boards_key_bar_shows_every_key(service: Service, long_meeting: Meeting, make_app: MakeApp,
                                                  size: tuple[int, int]) -> None:
    """The board's one-line footer cut its last seven keys off at 80 columns."""
    from facilitator.tui.widgets.keybar import columns_that_fit

    assert columns_that_fit([10, 10, 10], 25) == 2 and columns_that_fit([30], 10) == 1
    app = make_app(long_meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("f8")
        await pilot.pause(0.3)
        text = screen_text(app)
        shown = [b.description for _n, b, _e, _t in app.screen.active_bindings.values() if b.show]
        assert shown and all(label in text for label in shown), [x for x in shown if x not in text]



@pytest.mark.anyio
async def test_every_checks_brief_fits_the_short_screens_status_line(service: Service, meeting: Meeting,
                                                                     make_app: MakeApp) -> None:
    """Every check a stage can say, not only the stuck point's, in both languages: at 80x24
    the status line read 还缺 1 项：有争议的事项既没有负责方，也没… (cut in its own point)."""
    from rich.cells import cell_len

    from facilitator.playbook import _MESSAGES
    from facilitator.tui.strings import tr
    from facilitator.tui.widgets.stage import StageGuide, gist

    app = make_app(meeting.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        width = screen.query_one(StageGuide).content_region.width
    too_wide = {(lang, check): tr(lang, "missing_brief", n=1, first=gist(message))
                for lang in ("zh", "en") for check, message in _MESSAGES[lang].items()
                if cell_len(tr(lang, "missing_brief", n=1, first=gist(message))) > width}
    assert not too_wide, (width, too_wide)


@pytest.mark.anyio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_drafts_gaps_are_whole_on_a_short_screen(service: Service, meeting: Meeting, make_app: MakeApp,
                                                            size: tuple[int, int]) -> None:
    """At 80x24 the list above the draft cut its last gap mid-sentence (…：DN150非标法兰只要80件，原);
    a short screen says how many and each one's point on a line of its own, a tall one all."""
    from textual.widgets import Static

    from facilitator.tui.widgets.stage import gist

    assert meeting.id is not None
    for line in ["小单能否插入本月生产排程，插单后其他订单顺延由谁向客户解释 => ?",
                 "@刘经理：整理三家候选供应商的报价、交期和资质材料，发给生产部和质量部评审 截止 2026-12-22",
                 "障碍：DN150非标法兰只要80件，原供应商说量太小不接，生产排程已经空等两周",
                 "@赵六：和原供应商再谈一次，问清楚最小起订量和加价接单的条件 截止 2026-12-03",
                 "@吴工：确认插单后本月排程的顺延影响，列出受影响的订单清单"]:
        service.record.capture(meeting.id, line)
    app = make_app(meeting.id)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("f5")
        for _ in range(400):
            if getattr(app.screen, "draft", None) is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        draft = getattr(app.screen, "draft", None)
        assert draft is not None, "no draft"
        gaps = draft.gaps
        short = app.screen.has_class("-short")
        assert short == (size == (80, 24))
        box = app.screen.query_one("#gaps-brief" if short else "#gaps", Static)
        needed, given = box.virtual_size.height, box.size.height
        text = screen_text(app)
    assert len(gaps) >= 4, [g.message for g in gaps]
    assert needed <= given, ("the list above the draft is cut", needed, given)
    flat = "".join(text.split())
    if size == (80, 24):
        assert f"还需补充{len(gaps)}项" in flat
        assert all("".join(gist(g.message).split()) in flat for g in gaps[:4]), text
    else:
        assert all("".join(g.message.split()) in flat for g in gaps), text


@pytest.mark.anyio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_meeting_screens_key_bar_shows_every_key_at_80_columns(tmp_path: Path, lang: str) -> None:
    """In English the meeting's footer lost its last key (``^p`` with no word) at 80 columns."""
    from datetime import date

    from facilitator.config import Settings
    from facilitator.tui.app import FacilitatorApp
    from tests.tui.conftest import FrozenClock

    svc = Service(tmp_path / "home", Settings(language=lang, language_chosen=True))  # type: ignore[arg-type]
    m = svc.record.new_meeting("交期协调会", on=date(2026, 12, 1))
    app = FacilitatorApp(svc, m.id, clock=FrozenClock(), today=lambda: date(2026, 12, 1), live_search=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        footer = screen_text(app).splitlines()[-1]
        shown = [b.description for _n, b, _e, _t in app.screen.active_bindings.values() if b.show]
    svc.close()
    assert shown and all(label in footer for label in shown), ([x for x in shown if x not in footer], footer)
