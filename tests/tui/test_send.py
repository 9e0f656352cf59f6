"""Sending from the TUI: the board's preview, Ctrl+S to a real SMTP server and robot
server on loopback, the send log under the action, and escalation on stuck rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.config import load_settings
from facilitator.service import Service
from facilitator.tui.screens.board import ActionsBoard
from facilitator.tui.screens.outbox import SendPreview
from facilitator.tui.widgets.carried import TrackedActions
from tests.delivery_servers import RobotServer, SmtpServer, config_toml
from tests.tui.conftest import MakeApp, new_meeting, palette, screen_text

pytestmark = pytest.mark.anyio


@pytest.fixture
def servers() -> Iterator[tuple[SmtpServer, RobotServer]]:
    with SmtpServer() as smtp, RobotServer() as robots:
        yield smtp, robots


@pytest.fixture
def wired(tmp_path: Path, servers: tuple[SmtpServer, RobotServer]) -> Iterator[Service]:
    """A service whose config.toml points at the loopback servers, with three actions:
    吴工's overdue on the meeting day, 黄主任's blocked, 郑工's due later."""
    smtp, robots = servers
    home = tmp_path / "wired"
    home.mkdir()
    (home / "config.toml").write_text(config_toml(smtp, robots), encoding="utf-8")
    svc = Service(home, load_settings(home, env={}))
    m = new_meeting(svc)
    assert m.id is not None
    for line in ("@吴工：检查软化水设备 截止 2026-11-18", "@黄主任：安排对比测试 截止 2026-11-24",
                 "@郑工：更新检验记录表 截止 2026-11-30"):
        svc.record.capture(m.id, line, "actions")
    blocked = next(a for a in svc.record.meeting(m.id).actions if a.owner == "黄主任")
    assert blocked.id is not None
    svc.followup.update(blocked.id, status="blocked", reason="设备未到")
    yield svc
    svc.close()


def preview(app: Any) -> str:
    """The whole preview, scrolled or not."""
    from textual.widgets import Static

    return str(getattr(app.screen.query_one("#send-body", Static).content, "plain", ""))


def select(app: Any, owner: str) -> None:
    table = app.screen.query_one(TrackedActions)
    row = next(i for i, a in enumerate(app.screen.actions) if a.owner == owner)
    table.move_cursor(row=row)


async def sent(pilot: Any) -> SendPreview:
    screen = pilot.app.screen
    assert isinstance(screen, SendPreview)
    for _ in range(200):
        await pilot.pause(0.05)
        if screen.outcomes is not None:
            return screen
    raise AssertionError("the send did not finish")


async def test_preview_then_send_from_the_board_and_the_log_under_the_action(
    wired: Service, servers: tuple[SmtpServer, RobotServer], make_app: MakeApp
) -> None:
    smtp, robots = servers
    app = make_app(svc=wired)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        select(app, "吴工")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SendPreview)
        assert "发送跟进：PO-1123" in screen_text(app)
        assert "邮件 → 吴工 <wu@example.com> [待发送]" in screen_text(app)
        text = preview(app)
        assert "企业微信群 (" in text and "钉钉群 (" in text and "@手机号：13800000001, 13800000003" in text
        assert "检查软化水设备（截止 2026-11-18；已逾期 2 天）" in text
        assert smtp.mails == [] and robots.state.received == []  # a preview sends nothing

        await pilot.press("ctrl+s")
        await sent(pilot)
        await pilot.pause()
        assert sorted(m.recipients[0] for m in smtp.mails) == ["huang@example.com", "wu@example.com"]
        assert [r.robot for r in robots.state.received] == ["wecom", "wecom", "feishu", "dingtalk"]
        assert "已发送 6 条，跳过 0 条（已发送过），失败 0 条" in screen_text(app)
        assert "[已送达] 250 2.0.0 queued as" in preview(app)

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionsBoard)
        select(app, "吴工")
        await pilot.pause()
        history = screen_text(app)
        assert "发送记录" in history and "邮件 → 吴工  已送达" in history and "钉钉群 → 群  已送达" in history

        # the same follow-ups again: shown as already sent, and Ctrl+S sends nothing new
        await pilot.press("s")
        await pilot.pause()
        assert "邮件 → 吴工 <wu@example.com> [已发送过]" in screen_text(app)
        await pilot.press("ctrl+s")
        await sent(pilot)
        assert len(smtp.mails) == 2 and len(robots.state.received) == 4
        await pilot.press("escape")
        await pilot.pause()


async def test_escalate_is_offered_on_stuck_rows_only(
    wired: Service, servers: tuple[SmtpServer, RobotServer], make_app: MakeApp
) -> None:
    smtp, _ = servers
    app = make_app(svc=wired)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, ActionsBoard)
        select(app, "郑工")  # due later: nothing to escalate
        await pilot.pause()
        assert board.check_action("escalate", ()) is False
        assert "请上级决定" not in screen_text(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen is board

        select(app, "黄主任")  # blocked
        await pilot.pause()
        assert board.check_action("escalate", ()) is True
        assert "请上级决定" in screen_text(app)  # in the footer now
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, SendPreview)
        text = preview(app)
        assert "邮件 → 生产副总 <vp-production@example.com> [待发送]" in text
        assert "受阻原因：设备未到" in text and "向客户承诺的日期：2026-12-05" in text
        await pilot.press("ctrl+s")
        await sent(pilot)
        assert [m.recipients for m in smtp.mails] == [["vp-production@example.com"]]
        assert smtp.mails[0].subject == "请您决定：安排对比测试"
        await pilot.press("escape")
        await pilot.pause()


async def test_reminders_from_the_meeting_palette(
    wired: Service, servers: tuple[SmtpServer, RobotServer], make_app: MakeApp
) -> None:
    smtp, _ = servers
    meeting_id = wired.record.meetings()[0].id
    app = make_app(meeting_id, svc=wired)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        await palette(pilot, "到期提醒")
        assert isinstance(app.screen, SendPreview)
        text = screen_text(app) + preview(app)
        assert "到期提醒（2026-11-20）" in text
        assert "邮件 → 吴工 <wu@example.com> [待发送]" in text
        assert "黄主任" not in text and "郑工" not in text  # due after the next three days
        await pilot.press("escape")
        await pilot.pause()
        assert smtp.mails == []


async def test_the_preview_speaks_the_meetings_language(tmp_path: Path, servers: tuple[SmtpServer, RobotServer],
                                                        make_app: MakeApp) -> None:
    smtp, robots = servers
    home = tmp_path / "en"
    home.mkdir()
    people = '[people."Li"]\nemail = "li@example.com"\n'
    (home / "config.toml").write_text('language = "en"\n' + config_toml(smtp, robots, people=people),
                                      encoding="utf-8")
    svc = Service(home, load_settings(home, env={}))
    try:
        m = new_meeting(svc, "Rusty pipes follow-up", customer="East Pipe", language="en")
        assert m.id is not None
        svc.record.capture(m.id, "@Li: send revised specs by 2026-11-18", "actions")
        app = make_app(m.id, svc=svc)
        async with app.run_test(size=(150, 45)) as pilot:
            await pilot.pause()
            await palette(pilot, "Send follow-ups")
            assert isinstance(app.screen, SendPreview)
            text = screen_text(app) + preview(app)
            assert "Send follow-ups: Rusty pipes follow-up" in text
            assert "Mail → Li <li@example.com> [to send]" in text
            assert "send revised specs (due 2026-11-18; overdue by 2 days)" in text
            assert "邮件" not in text and "待发送" not in text
            await pilot.press("ctrl+s")
            await sent(pilot)
            assert "[delivered] 250" in preview(app)
            assert smtp.mails[0].subject == "Follow-up: Li · Rusty pipes follow-up"
    finally:
        svc.close()


@pytest.mark.parametrize("width", [80, 120])
async def test_preview_bodies_wrap_by_the_chinese_line_break_rule(wired: Service, make_app: MakeApp,
                                                                   width: int) -> None:
    """Issue 24: the preview's message text is wrapped by the app's kinsoku rule (``linebreak``),
    as the delivery view is: every line fits the box, none starts with closing punctuation or ends
    on an opening one, and Latin runs (``ECN``, dates, ``IT部``) are never split."""
    from rich.cells import cell_len

    from facilitator.tui.linebreak import CLOSERS, OPENERS
    from facilitator.tui.widgets.wrapped import Wrapped

    m = wired.record.meetings()[0]
    assert m.id is not None
    long_line = ("@吴工：检查软化水设备并出具水质报告，同时复核清洗工艺参数，发给质量部和客户的驻厂代表，"
                 "再请IT部完成ECN变更（ECN-2026-118），确认后回复全体 截止 2026-11-25")
    wired.record.capture(m.id, long_line, "actions")
    app = make_app(m.id, svc=wired)
    async with app.run_test(size=(width, 24 if width == 80 else 40)) as pilot:
        await pilot.pause()
        app.action_send_followups()
        await pilot.pause(0.2)
        assert isinstance(app.screen, SendPreview)
        body = app.screen.query_one("#send-body", Wrapped)
        lines = str(getattr(body.content, "plain", "")).splitlines()
        box = body.content_region.width
        assert any("软化水" in line for line in lines), lines
        assert all(cell_len(line) <= box for line in lines), (box, lines)
        assert not any(line.strip() and line.strip()[0] in CLOSERS for line in lines), lines
        assert not any(line.rstrip() and line.rstrip()[-1] in OPENERS for line in lines), lines
        text = "\n".join(lines)
        for run in ("ECN-2026-118", "IT部", "2026-11-25"):
            assert run in text, (run, lines)
