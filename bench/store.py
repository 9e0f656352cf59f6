"""The meeting store on SQLite and on PostgreSQL, measured in the same run (issue 28).

For each backend:

- capture: one typed line committed through the service, as the meeting screen does
  (p50 / p95 per line; target on loopback PostgreSQL: p95 <= 30 ms);
- second screen: one laptop commits a line, another laptop's meeting screen shows it (read
  the meeting with it), measured from the commit (p50 / p95; target <= 300 ms): after, through
  the push path the TUI uses (``Record.watch`` in a thread: LISTEN/NOTIFY on PostgreSQL, a
  local ``data_version`` check on SQLite); before, beside it in the same run, the screen's
  former 0.2 s look at ``data_version``;
- ``actions --open`` over 100,000 actions (the tracker's query, median of 3; target <= 300 ms);
- ``db copy`` of a home of 10,000 meetings into the backend (one transaction).

PostgreSQL: a throwaway database on the server of ``FACILITATOR_TEST_PG`` (default the
local 127.0.0.1:5432), else a throwaway cluster (``tests/pgserver.py``); dropped after.

    python bench/store.py [--lines 300] [--actions 100000] [--meetings 10000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from facilitator.config import Settings  # noqa: E402
from facilitator.record_rules import RULES  # noqa: E402
from facilitator.service import Service  # noqa: E402
from facilitator.store import Store, open_store  # noqa: E402
from facilitator.store.copy import copy_to  # noqa: E402
from tests.pgserver import find_server, fresh_schema, session_database, stop_cluster  # noqa: E402

LINES = ["@吴工: 复核图纸 截止 2026-12-20", "返工费用 => ?", "返工费用 => 财务部", "障碍：没有预算更换设备",
         "资源：@刘经理 借用兄弟厂的设备 周五", "决定：先做对比测试", "客户催货，说下周要看到样品"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def capture(home: Path, url: str, lines: int) -> list[float]:
    svc = Service(home, Settings(database=url))
    try:
        mid = svc.record.new_meeting("基准会议").id
        assert mid is not None
        times = []
        for i in range(lines):
            start = time.perf_counter()
            svc.record.capture_lines(mid, [f"{LINES[i % len(LINES)]} #{i}"])
            times.append(time.perf_counter() - start)
        return times
    finally:
        svc.close()


class Screen:
    """The second screen's side: a thread that learns of commits and reads the meeting, noting
    when each line was first on it (``seen``), as the meeting screen's watching thread does."""

    def __init__(self, svc: Service, meeting_id: int, push: bool) -> None:
        self.svc, self.meeting_id, self.push = svc, meeting_id, push
        self.seen: dict[str, float] = {}
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        self.ready.wait(30)

    def read(self) -> None:
        for note in self.svc.record.meeting(self.meeting_id).notes:
            self.seen.setdefault(note.text, time.perf_counter())

    def run(self) -> None:
        if self.push:  # the app's path: Record.watch, which the meeting screen's thread waits on
            watch = self.svc.record.watch(self.meeting_id, self.svc.record.meeting(self.meeting_id))
            watch.wait(5)  # listening begins
            self.ready.set()
            try:
                while not self.stop.is_set():
                    if watch.wait(0.25):
                        self.read()
            finally:
                watch.close()
            return
        store = self.svc.record.store  # before: the screen looked at data_version every 0.2 s
        version = store.data_version()
        self.ready.set()
        while not self.stop.wait(OLD_WATCH_INTERVAL):
            now = store.data_version()
            if now != version:
                version = now
                self.read()


OLD_WATCH_INTERVAL = 0.2
"""How often the meeting screen looked at the store before the push (its interval timer)."""


def second_screen(writer_home: Path, screen_home: Path, url: str, samples: int, push: bool) -> list[float]:
    """From the moment a line is committed (Enter on the first laptop) until the second
    laptop's screen has read the meeting with it; two services, as two laptops."""
    writer = Service(writer_home, Settings(database=url))
    screen_svc = Service(screen_home, Settings(database=url))
    try:
        mid = writer.record.new_meeting("两台电脑").id
        assert mid is not None
        screen = Screen(screen_svc, mid, push)
        times = []
        try:
            for i in range(samples):
                text = f"第{i}条 {'push' if push else 'poll'}"
                start = time.perf_counter()
                writer.record.capture_lines(mid, [text])
                deadline = start + 10
                while text not in screen.seen and time.perf_counter() < deadline:
                    time.sleep(0.0005)
                assert text in screen.seen, f"the second screen never showed {text!r}"
                times.append(screen.seen[text] - start)
                time.sleep(0.02 + (i % 7) * 0.013)  # lines typed at uneven moments, not in step with a poll
        finally:
            screen.stop.set()
            screen.thread.join(5)
        return times
    finally:
        writer.close()
        screen_svc.close()


def actions_open(open_one: Callable[[], Store], count: int) -> tuple[float, int]:
    store = open_one()
    try:
        meetings = max(1, count // 100)
        day = date(2026, 11, 1)
        with store.transaction() as db:
            db.executemany("INSERT INTO meetings(title, order_ref, created_at, updated_at) VALUES (?, ?, '', '')",
                           [(f"会议{i}", f"PO-{i % 300}") for i in range(meetings)])
        ids = [int(r[0]) for r in store.rows("SELECT id FROM meetings ORDER BY id")]
        # a team's years of follow-up: most actions done or dropped, one in twenty still owed
        statuses = ("open", "blocked", *("done",) * 16, "dropped", "dropped")
        with store.transaction() as db:
            db.executemany("INSERT INTO actions(meeting_id, action, owner, due, status, created_at)"
                           " VALUES (?, ?, ?, ?, ?, '')",
                           [(ids[i % len(ids)], f"行动{i}", f"部门{i % 40}",
                             (day + timedelta(days=i % 90)).isoformat(), statuses[i % len(statuses)])
                            for i in range(count)])
        times, found = [], 0
        for _ in range(3):
            start = time.perf_counter()
            found = len(store.list_actions(open_only=True))
            times.append(time.perf_counter() - start)
        return statistics.median(times), found
    finally:
        store.close()


def big_home(home: Path, meetings: int) -> None:
    """A home of ``meetings`` meetings, each with people, notes, an action, a responsibility,
    an obstacle and a lever, written straight through the SQLite store in one transaction."""
    store = open_store(home / "meetings.db", RULES)
    try:
        with store.transaction() as db:
            for i in range(meetings):
                mid = int(db.execute("INSERT INTO meetings(title, order_ref, created_at, updated_at)"
                                     " VALUES (?, ?, '', '')", (f"会议{i}", f"PO-{i % 500}")).lastrowid or 0)
                db.execute("INSERT INTO participants(meeting_id, name) VALUES (?, '王强')", (mid,))
                db.execute("INSERT INTO notes(meeting_id, text, created_at) VALUES (?, ?, '')", (mid, f"笔记{i}"))
                aid = int(db.execute("INSERT INTO actions(meeting_id, action, owner, created_at)"
                                     " VALUES (?, ?, '吴工', '')", (mid, f"行动{i}")).lastrowid or 0)
                db.execute("INSERT INTO action_events(action_id, at, kind, status, meeting_id)"
                           " VALUES (?, '', 'created', 'open', ?)", (aid, mid))
                db.execute("INSERT INTO responsibilities(meeting_id, item, owner, status) VALUES (?, ?, '采购部', 'agreed')",
                           (mid, f"事项{i}"))
                oid = int(db.execute("INSERT INTO items(meeting_id, kind, text, created_at, obstacle_kind)"
                                     " VALUES (?, 'obstacle', ?, '', 'budget')", (mid, f"障碍{i}")).lastrowid or 0)
                db.execute("INSERT INTO levers(meeting_id, obstacle_id, resource, action_id, created_at)"
                           " VALUES (?, ?, ?, ?, '')", (mid, oid, f"资源{i}", aid))
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=300)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--actions", type=int, default=100_000)
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--screens-only", action="store_true", help="capture and second screen only")
    args = ap.parse_args()
    server, why = find_server()
    if server is None:
        print(f"PostgreSQL not available ({why}); nothing to compare")
        return 1
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp, session_database(server) as database:
        root = Path(tmp)
        source = root / "big"
        if not args.screens_only:
            started = time.perf_counter()
            big_home(source, args.meetings)
            print(f"(a home of {args.meetings} meetings made in {time.perf_counter() - started:.1f} s)", flush=True)
        for name in ("SQLite", "PostgreSQL"):
            results: dict[str, str] = {}
            with fresh_schema(database) as url_for_pg:
                url = url_for_pg if name == "PostgreSQL" else ""
                work = root / name
                times = capture(work / "capture", url, args.lines)
                results["capture p50 / p95"] = f"{pct(times, .5) * 1000:.1f} / {pct(times, .95) * 1000:.1f} ms"

                # two laptops on PostgreSQL (a home each); two screens on one home's SQLite file
                other = work / ("colleague" if url else "capture")
                for label, push in (("before: 0.2 s look", False), ("after: push", True)):
                    seen = second_screen(work / "capture", other, url, args.samples, push)
                    results[f"second screen, {label} p50 / p95"] = (
                        f"{pct(seen, .5) * 1000:.1f} / {pct(seen, .95) * 1000:.1f} ms")
            if not args.screens_only:
                with fresh_schema(database) as url_for_pg:
                    url = url_for_pg if name == "PostgreSQL" else ""

                    def many(work: Path = work, url: str = url) -> Store:
                        (work / "many").mkdir(parents=True, exist_ok=True)
                        return open_store(work / "many" / "meetings.db", RULES, url=url or None)

                    took, found = actions_open(many, args.actions)
                    results[f"actions --open over {args.actions}"] = f"{took * 1000:.0f} ms ({found} owed)"
                with fresh_schema(database) as url_for_pg:
                    target = url_for_pg if name == "PostgreSQL" else str(root / name / "copied")
                    with open_store(source / "meetings.db", RULES) as from_home:
                        started = time.perf_counter()
                        counts = copy_to(from_home, target, RULES)
                        took = time.perf_counter() - started
                    copied = sum(c for c, _ in counts.values())
                    results[f"db copy of {args.meetings} meetings"] = f"{took:.1f} s ({copied} rows)"
            for measure, value in results.items():
                rows.append((measure, name, value))
                print(f"{measure:<44} {name:<11} {value}", flush=True)
    stop_cluster(server)
    print()
    print(f"{'measure':<44} {'SQLite':<26} PostgreSQL")
    for measure in dict.fromkeys(m for m, _, _ in rows):
        values = {n: v for m, n, v in rows if m == measure}
        print(f"{measure:<44} {values.get('SQLite', ''):<26} {values.get('PostgreSQL', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
