"""``Record.watch``: what an open meeting screen waits on (issue 28 point 3), on both backends.

It says True for a colleague's commit to the meeting or to an earlier meeting on its order
(whose actions the screen carries over), never for this laptop's own writes, and on
PostgreSQL not for an unrelated meeting. Its first answer compares the record with what the
screen read, so a line committed before it listened is not missed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from facilitator.config import Me, Settings
from facilitator.service import Service


def test_the_watch_wakes_for_the_meeting_and_its_order_only(tmp_path: Path, backend: str) -> None:
    mine = Service(tmp_path / "home", Settings(database=backend, me=Me(name="王强")))
    theirs = Service(tmp_path / ("colleague" if backend else "home"), Settings(database=backend, me=Me(name="李娜")))
    try:
        earlier = mine.record.new_meeting("第一次协调会", order="PO-7", on=date(2026, 11, 13)).id
        mid = mine.record.new_meeting("第二次协调会", order="PO-7", on=date(2026, 11, 20)).id
        unrelated = theirs.record.new_meeting("别的订单", order="PO-9").id
        assert earlier and mid and unrelated
        shown = mine.record.meeting(mid)

        quiet = mine.record.watch(mid, shown)
        try:
            assert quiet.wait(5) is False, "listening began on an unchanged record: nothing to show"
            mine.record.capture_lines(mid, ["我自己记下的"])
            assert quiet.wait(0.3) is False, "its own line woke it"
            theirs.record.capture_lines(mid, ["同事记下的"])
            assert quiet.wait(10) is True
            theirs.record.capture_lines(earlier, ["@吴工：上次的行动 截止 2026-12-01"])
            assert quiet.wait(10) is True, "an action carried over from the order's earlier meeting"
            if backend:  # the server names the meeting; a SQLite file wakes for any commit
                theirs.record.capture_lines(unrelated, ["别的会议的一行"])
                assert quiet.wait(0.5) is False
        finally:
            quiet.close()

        theirs.record.capture_lines(mid, ["还没开始听的时候记下的"])  # read before, written before listening
        late = mine.record.watch(mid, shown)
        try:
            assert late.wait(5) is True
        finally:
            late.close()
    finally:
        mine.close()
        theirs.close()
