"""The team store under faults: the server restarts or cuts the connection while lines are
typed, and a writer is killed with SIGKILL; every acknowledged line is there exactly once,
in the order typed (issue 28 points 4 and 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from facilitator.config import Settings
from facilitator.service import Service
from tests.conftest import cli_env
from tests.pgserver import (
    Server,
    pause_cluster,
    resume_cluster,
    session_database,
)


def _notes(service: Service, mid: int) -> list[str]:
    return [n.text for n in service.record.meeting(mid).notes]


def test_a_server_restart_mid_meeting_loses_and_doubles_nothing(own_cluster: Server, tmp_path: Path) -> None:
    with session_database(own_cluster) as url:
        svc = Service(tmp_path / "home", Settings(database=url))
        try:
            mid = svc.record.new_meeting("断网演练").id
            assert mid is not None
            typed: list[str] = []
            outcomes: list[str] = []

            def type_line(i: int) -> None:
                line = f"第{i}条记录"
                typed.append(line)
                outcomes.extend(r.outcome for r in svc.record.capture_lines(mid, [line]))

            for i in range(5):
                type_line(i)
            pause_cluster(own_cluster)  # the server goes away mid-meeting
            for i in range(5, 10):
                type_line(i)
            assert outcomes[5:] == ["journaled"] * 5 and svc.record.lines_waiting() == 5
            resume_cluster(own_cluster)
            for i in range(10, 13):
                type_line(i)
            assert svc.record.lines_waiting() == 0
            assert _notes(svc, mid) == typed  # each once, in the order typed

            pause_cluster(own_cluster, "immediate")  # again, and this time the app quits too
            for i in range(13, 16):
                type_line(i)
            svc.close()
            resume_cluster(own_cluster)
            svc = Service(tmp_path / "home", Settings(database=url))  # started again: what waited is written
            assert _notes(svc, mid) == typed and svc.record.lines_waiting() == 0
        finally:
            svc.close()


def test_a_cut_connection_and_a_killed_writer_leave_every_acknowledged_line_once(
        pg_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    svc = Service(home, Settings(database=pg_url))
    mid = svc.record.new_meeting("两台电脑").id
    assert mid is not None
    svc.record.capture_lines(mid, ["开场"])
    with psycopg.connect(pg_url, autocommit=True) as admin:  # the network blinks: every session is cut
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid()")
    svc.record.capture_lines(mid, ["断线后第一条"])
    assert _notes(svc, mid) == ["开场", "断线后第一条"] and svc.record.lines_waiting() == 0
    svc.close()

    writer = (
        "import sys\n"
        "from pathlib import Path\n"
        "from facilitator.config import Settings\n"
        "from facilitator.service import Service\n"
        f"svc = Service(Path({str(home)!r}), Settings(database={pg_url!r}))\n"
        "for i in range(100000):\n"
        f"    svc.record.capture_lines({mid}, [f'快速输入{{i}}'])\n"
        "    print(i, flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True, env=cli_env())
    assert proc.stdout is not None
    acked: list[int] = []
    deadline = time.monotonic() + 120
    while len(acked) < 40 and time.monotonic() < deadline:
        acked.append(int(proc.stdout.readline()))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    svc = Service(home, Settings(database=pg_url))
    try:
        fast = [t for t in _notes(svc, mid) if t.startswith("快速输入")]
        assert len(fast) == len(set(fast))  # none twice
        assert fast[: len(acked)] == [f"快速输入{i}" for i in acked]  # every acknowledged one, in order
        assert len(fast) <= len(acked) + 1  # at most the line in flight when it was killed
    finally:
        svc.close()


def test_doctor_checks_the_team_database(pg_url: str, tmp_path: Path) -> None:
    """Issue 28 point 1: the connection, the schema version and write access; an unreachable
    server is one line that says what to check."""
    from facilitator.store.migrations import LATEST

    svc = Service(tmp_path / "home", Settings(database=pg_url))
    try:
        (check,) = [c for c in svc.doctor.checks() if c.name == "database"]
        assert check.ok and f"schema {LATEST}" in check.detail and check.detail.endswith("writable")
        assert svc.record.meetings() == []  # doctor's write was rolled back
    finally:
        svc.close()
    away = Service(tmp_path / "away", Settings(database="postgresql://postgres@127.0.0.1:1/nowhere"))
    (check,) = [c for c in away.doctor.checks() if c.name == "database"]
    assert not check.ok and "cannot reach the team database" in check.detail and "\n" not in check.detail
    away.close()


def test_the_database_password_never_comes_from_config_toml(tmp_path: Path) -> None:
    from facilitator.config import load_settings
    from facilitator.model import UserError

    (tmp_path / "config.toml").write_text('database = "postgresql://wang:secret@db.example.com/sales"\n',
                                          encoding="utf-8")
    with pytest.raises(UserError, match="remove the password from database; set PGPASSWORD or use ~/.pgpass"):
        load_settings(tmp_path, env={})
    (tmp_path / "config.toml").write_text('database = "postgresql://wang@db.example.com/sales?sslmode=require"\n',
                                          encoding="utf-8")
    assert load_settings(tmp_path, env={}).database.endswith("sslmode=require")
    env = {"FACILITATOR_DATABASE_URL": "postgresql://li@127.0.0.1/team"}
    assert load_settings(tmp_path, env=env).database == "postgresql://li@127.0.0.1/team"  # the environment wins


def test_a_send_claimed_on_one_laptop_is_not_sent_from_another(pg_url: str, tmp_path: Path) -> None:
    """Issue 28 point 4: the send log is in the shared database and a message is claimed
    before it leaves, so two laptops running follow-up at once send it once."""
    from facilitator.record_rules import RULES
    from facilitator.sendlog import SendLog
    from facilitator.store import open_store

    one, two = (open_store(tmp_path / "unused.db", RULES, url=pg_url) for _ in range(2))
    try:
        message = dict(kind="followup", channel="email", recipient="吴工", address="wu@example.com",
                       subject="跟进", body="请确认插单", content_hash="h-1", action_ids=[])
        first = SendLog(one).begin(**message)  # type: ignore[arg-type]
        assert first is not None
        assert SendLog(two).begin(**message) is None  # type: ignore[arg-type]
        SendLog(one).settle(first, ok=False, answer="timeout")  # a failure gives the claim up
        assert SendLog(two).begin(**message) is not None  # type: ignore[arg-type]
        assert [s.status for s in SendLog(two).all()] == ["failed", "pending"]
    finally:
        one.close()
        two.close()


def test_an_open_screen_listens_again_after_the_server_restarts(own_cluster: Server, tmp_path: Path) -> None:
    """Issue 28 point 3: the watch an open meeting screen waits on (``Record.watch``) says it
    is offline while the server is down, and after the restart hears a colleague's line
    without the screen being opened again."""
    with session_database(own_cluster) as url:
        mine = Service(tmp_path / "home", Settings(database=url))
        theirs = Service(tmp_path / "colleague", Settings(database=url))
        try:
            mid = mine.record.new_meeting("重启演练").id
            assert mid is not None
            watch = mine.record.watch(mid, mine.record.meeting(mid))
            try:
                assert watch.wait(5) is False and not watch.offline
                pause_cluster(own_cluster)
                assert watch.wait(2) is False and watch.offline
                resume_cluster(own_cluster)
                heard = False
                deadline = time.monotonic() + 60
                while not heard and time.monotonic() < deadline:  # listening again: a re-read first
                    heard = watch.wait(1)
                assert heard and not watch.offline
                theirs.record.capture_lines(mid, ["重启以后同事记下的"])
                while not watch.wait(1):
                    assert time.monotonic() < deadline, "the restarted server's notice never came"
                assert [n.text for n in mine.record.meeting(mid).notes] == ["重启以后同事记下的"]
            finally:
                watch.close()
        finally:
            mine.close()
            theirs.close()


def test_a_connection_notices_a_silent_network_within_seconds(pg_url: str, tmp_path: Path) -> None:
    from facilitator.record_rules import RULES
    from facilitator.store import open_store

    # a cable pulled drops packets rather than refusing them: without keepalives and a user
    # timeout a write would hang for the system's minutes while lines pile up behind it
    store = open_store(tmp_path / "unused.db", RULES, url=pg_url)
    try:
        dsn = store._conn.info.dsn  # type: ignore[attr-defined]
        assert "keepalives=1" in dsn and "tcp_user_timeout=10000" in dsn, dsn
    finally:
        store.close()
