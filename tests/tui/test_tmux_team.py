"""Two laptops in one meeting on a team's PostgreSQL, in real terminals (issue 28 point 3).

Two terminals, each a different person (``FACILITATOR_ME_NAME``) with a home of their own and
the same ``FACILITATOR_DATABASE_URL``, open one meeting and type at full speed at the same
time: lines sent with no pause and one pasted block each. Every line must be in the team's
record exactly once, in the order its author typed it, and each screen must show the other's
lines without a restart (pushed by the server: LISTEN/NOTIFY).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest

from facilitator.config import Settings
from facilitator.service import Service
from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, Terminal, terminal

pytestmark = [pytest.mark.skipif(TMUX is None, reason=NO_TMUX), pytest.mark.slow]

READY = "相似案例"
PEOPLE = {"wang": "王强", "li": "李娜"}


def typed_by(who: str) -> tuple[list[str], list[str]]:
    """What one person types one line at a time, and the block they paste."""
    name = PEOPLE[who]
    return ([f"{name}第{i:02d}行 快速输入" for i in range(1, 21)],
            [f"{name}粘贴第{i}行 供应商回复" for i in range(1, 7)])


def type_at_full_speed(term: Terminal, lines: list[str], block: list[str]) -> None:
    for line in lines:  # one send-keys for the text, one for Enter, no pause in between
        term.type(line)
    term.tmux("set-buffer", "-b", "notes", "\n".join(block))
    term.tmux("paste-buffer", "-p", "-b", "notes", "-t", "t")  # one bracketed paste of the block


def stored(url: str, meeting_id: int) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT text, author FROM notes WHERE meeting_id = %s ORDER BY id", (meeting_id,))
        return [(str(text), str(author)) for text, author in rows]


def test_two_laptops_type_into_one_meeting_at_full_speed(pg_url: str, tmp_path: Path) -> None:
    setup = Service(tmp_path / "setup", Settings(database=pg_url))
    try:
        mid = setup.record.new_meeting("两台电脑协调会", customer="华东管业").id
    finally:
        setup.close()
    assert mid is not None
    expected = {who: typed_by(who) for who in PEOPLE}
    with terminal(tmp_path / "wang") as wang, terminal(tmp_path / "li") as li:
        terms = {"wang": wang, "li": li}
        for who, term in terms.items():
            term.start("env", f"FACILITATOR_ME_NAME={PEOPLE[who]}", f"FACILITATOR_DATABASE_URL={pg_url}",
                       str(BIN), "--home", str(tmp_path / f"home-{who}"), "meet", str(mid))
        for term in terms.values():
            term.wait_for(READY)

        both = [threading.Thread(target=type_at_full_speed, args=(terms[who], *expected[who])) for who in PEOPLE]
        for t in both:
            t.start()
        for t in both:
            t.join(timeout=120)
        total = sum(len(lines) + len(block) for lines, block in expected.values())
        deadline = time.monotonic() + 60
        while len(notes := stored(pg_url, mid)) < total and time.monotonic() < deadline:
            time.sleep(0.2)

        for who, (lines, block) in expected.items():  # exactly once, in the order each typed
            assert [text for text, author in notes if author == PEOPLE[who]] == lines + block
        assert len(notes) == total

        # each screen shows what the other typed: the other's pasted block, then a closing line
        # typed on one screen appears on the other by itself
        for who, other in (("wang", "li"), ("li", "wang")):
            terms[who].type(f"{PEOPLE[who]}收尾")
            terms[other].wait_for(f"{PEOPLE[who]}收尾", timeout=20)
        tail = [text for text, _ in stored(pg_url, mid)[-4:]]
        for term in terms.values():  # both screens end on the same record, in the same order
            screen = term.wait_for(tail[-1], timeout=20)
            assert all(line in screen for line in tail), screen
            assert [screen.index(line) for line in tail] == sorted(screen.index(line) for line in tail)
