"""Findings 2 and 3 of issue 25: two sends at once deliver each message once, and a
robot post whose answer was lost (kill -9 while waiting) is not posted again unasked.

Real CLI processes against the loopback SMTP and robot servers of
tests/delivery_servers.py, made slow so the two runs overlap and the kill lands while
the post is on the server but its answer is not back yet.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli, cli_env
from tests.delivery_servers import RobotServer, SmtpServer, config_toml

NOTES = Path(__file__).parent / "data" / "followup-notes.md"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def robots() -> Iterator[RobotServer]:
    with RobotServer() as server:
        yield server


def _meeting(run_cli: RunCli) -> None:
    for args in (("meet", "--new", "钢管生锈协调会", "--order", "PO-1123", "--date", "2026-11-23", "--no-tui"),
                 ("import", str(NOTES), "--meeting", "1")):
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    env = cli_env(FACILITATOR_HOME=str(home))
    return subprocess.Popen([sys.executable, "-m", "facilitator", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _rows(home: Path) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(home / "meetings.db")
    try:
        return list(db.execute("SELECT recipient, content_hash, status FROM sends ORDER BY id"))
    finally:
        db.close()


def test_two_sends_at_once_deliver_each_message_once(run_cli: RunCli, home: Path, smtp: SmtpServer,
                                                     robots: RobotServer) -> None:
    (home / "config.toml").write_text(config_toml(smtp, robots), encoding="utf-8")
    _meeting(run_cli)
    smtp.inbox.delay = robots.state.delay = 0.3
    first, second = _start(home, "followup", "1", "--send"), _start(home, "followup", "1", "--send")
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    rows = _rows(home)
    delivered = [(r, h) for r, h, s in rows if s == "ok"]
    assert len(delivered) == len(set(delivered)) == len(rows)  # one attempt per message, none doubled
    mails = [m.recipients[0] for m in smtp.mails]
    assert len(mails) == len(set(mails)) == 2  # 吴工 and 黄主任 have addresses
    bodies = [str(r.body) for r in robots.state.received]
    assert len(bodies) == len(set(bodies)) and len(bodies) == sum(1 for r, _ in delivered if r == "group")


def test_a_post_whose_answer_was_lost_is_unconfirmed_not_repeated(run_cli: RunCli, home: Path,
                                                                  robots: RobotServer) -> None:
    (home / "config.toml").write_text(config_toml(None, robots), encoding="utf-8")
    _meeting(run_cli)
    robots.state.delay = 30.0
    sender = _start(home, "followup", "1", "--send")
    deadline = time.monotonic() + 60
    while not robots.state.received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert robots.state.received, "the first post never arrived"
    os.kill(sender.pid, signal.SIGKILL)  # the post is on the server, its answer not back
    sender.communicate(timeout=30)
    robots.state.delay = 0.0
    first = robots.state.received[0]
    again = run_cli("followup", "1", "--send")
    assert again.returncode == 0, again.stderr
    assert "unconfirmed" in again.stderr and "--retry-unconfirmed" in again.stderr
    assert [r.body for r in robots.state.received].count(first.body) == 1  # not posted twice
    assert "1 unconfirmed" in again.stdout
    dry = run_cli("followup", "1", "--dry-run")
    assert "[unconfirmed]" in dry.stdout
    retry = run_cli("followup", "1", "--send", "--retry-unconfirmed")
    assert retry.returncode == 0, retry.stderr
    assert [r.body for r in robots.state.received].count(first.body) == 2  # re-posted only when asked
    assert "1 sent, " in retry.stdout
    final = run_cli("followup", "1", "--send")
    assert "0 sent, " in final.stdout and "unconfirmed" not in final.stdout + final.stderr
