"""The meeting store on SQLite and on PostgreSQL, measured in the same run (issue 28).

For each backend:

- capture: one typed line committed through the service, as the meeting screen does
  (p50 / p95 per line; target on loopback PostgreSQL: p95 <= 30 ms);
- second screen: one laptop commits a line, another laptop's meeting screen shows it (read
  the meeting with it), measured from the commit (p50 / p95; target <= 300 ms): after, through
  the push path the TUI uses (``Record.watch`` in a thread: LISTEN/NOTIFY on PostgreSQL, a
  local ``data_version`` check on SQLite); before, beside it in the same run, the screen's
  former 0.2 s look at ``data_version``;
- ``facilitator actions --open`` over 100,000 actions, a whole process as the user runs it, its
  output read to the last byte as a terminal receives it (median of ``--runs``; target <= 300 ms),
  beside ``facilitator meetings --json`` on the same home (what any command on it pays) and
  ``python -c pass``, timed in turn with it; with its CPU time, which the machine's other load
  does not stretch. The package's modules run from compiled bytecode, as pip installs them
  (a temporary ``PYTHONPYCACHEPREFIX``), even where ``PYTHONDONTWRITEBYTECODE`` is set;
- ``db copy`` of a home of 10,000 meetings into the backend, and back out of it into a new
  home (each one transaction).

PostgreSQL: a throwaway database on the server of ``FACILITATOR_TEST_PG`` (default the
local 127.0.0.1:5432), else a throwaway cluster (``tests/pgserver.py``); dropped after.

    python bench/store.py [--lines 300] [--actions 100000] [--meetings 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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


def fill_ledger(store: Store, count: int) -> None:
    """A team's years of follow-up: ``count`` actions over ``count // 100`` meetings, most
    done or dropped, one in ten still owed (open or blocked)."""
    meetings = max(1, count // 100)
    day = date(2026, 11, 1)
    with store.transaction() as db:
        db.executemany("INSERT INTO meetings(title, order_ref, created_at, updated_at) VALUES (?, ?, '', '')",
                       [(f"会议{i}", f"PO-{i % 300}") for i in range(meetings)])
    ids = [int(r[0]) for r in store.rows("SELECT id FROM meetings ORDER BY id")]
    statuses = ("open", "blocked", *("done",) * 16, "dropped", "dropped")
    with store.transaction() as db:
        db.executemany("INSERT INTO actions(meeting_id, action, owner, due, status, created_at)"
                       " VALUES (?, ?, ?, ?, ?, '')",
                       [(ids[i % len(ids)], f"行动{i}", f"部门{i % 40}",
                         (day + timedelta(days=i % 90)).isoformat(), statuses[i % len(statuses)])
                        for i in range(count)])


def cli_env(home: Path, url: str, pycache: Path) -> dict[str, str]:
    """The command's environment: a Chinese user's home (or team server), nothing of the
    bench's own, and bytecode kept as an installed package keeps it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "FACILITATOR_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(FACILITATOR_HOME=str(home), FACILITATOR_ME_NAME="王强", LANG="zh_CN.UTF-8",
               PYTHONPATH=str(REPO), PYTHONPYCACHEPREFIX=str(pycache))
    if url:
        env["FACILITATOR_DATABASE_URL"] = url
    return env


def whole_processes(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, tuple[float, float, bytes]]:
    """Each command run ``runs`` times, in turn with the others (so they share the machine's
    load): ``{name: (median wall s, median CPU s, stdout)}``, stdout read to its last byte."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    out: dict[str, bytes] = {}
    for cmd in commands.values():  # once each first: bytecode written, files in the page cache
        subprocess.run(cmd, env=env, capture_output=True, check=True)
    for _ in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True)
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
            out[name] = proc.stdout
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name]), out[name]) for name in commands}


def actions_open(home: Path, url: str, count: int, runs: int, pycache: Path) -> dict[str, str]:
    """``facilitator actions --open`` over ``count`` actions, a whole process, beside its baselines."""
    store = open_store(home / "meetings.db", RULES, url=url or None)
    try:
        fill_ledger(store, count)
        if url:  # the planner's statistics, as autovacuum has them long before a team owes 10,000 actions
            with store.transaction() as db:
                db.execute("ANALYZE")
        in_process = []
        for _ in range(3):
            start = time.perf_counter()
            owed = len(store.list_actions(open_only=True))
            in_process.append(time.perf_counter() - start)
    finally:
        store.close()
    cli = [sys.executable, "-m", "facilitator"]
    timed = whole_processes({"pass": [sys.executable, "-c", "pass"], "meetings": [*cli, "meetings", "--json"],
                             "actions": [*cli, "actions", "--open"]}, cli_env(home, url, pycache), runs)
    wall, cpu, printed = timed["actions"]
    lines = printed.count(b"\n")
    assert lines == owed, (lines, owed)
    verdict = "met" if wall <= 0.3 else "NOT met"
    ms = {name: (w * 1000, c * 1000) for name, (w, c, _) in timed.items()}
    return {
        f"actions --open over {count}": f"{ms['actions'][0]:.0f} ms (cpu {ms['actions'][1]:.0f}; {lines} lines,"
                                        f" {len(printed) / 1e6:.1f} MB; <= 300: {verdict})",
        "  baseline: meetings --json": f"{ms['meetings'][0]:.0f} ms (cpu {ms['meetings'][1]:.0f})",
        "  baseline: python -c pass": f"{ms['pass'][0]:.0f} ms (cpu {ms['pass'][1]:.0f})",
        "  the ledger query, in process": f"{statistics.median(in_process) * 1000:.0f} ms",
    }


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


def copy_both_ways(source: Path, url: str, work: Path, meetings: int) -> dict[str, str]:
    """``db copy`` of the big home into the backend, then of the backend into a new home."""
    target = url or str(work / "copied")
    results = {}
    with open_store(source / "meetings.db", RULES) as from_home:
        started = time.perf_counter()
        counts = copy_to(from_home, target, RULES)
        took = time.perf_counter() - started
    results[f"db copy, home of {meetings} -> it"] = f"{took:.1f} s ({sum(c for c, _ in counts.values())} rows)"
    with open_store(work / "copied" / "meetings.db", RULES, url=url or None) as from_backend:
        started = time.perf_counter()
        counts = copy_to(from_backend, str(work / "back"), RULES)
        took = time.perf_counter() - started
    results["db copy, it -> a new home"] = f"{took:.1f} s ({sum(c for c, _ in counts.values())} rows)"
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=300)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--actions", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7, help="whole-process runs of each command (median)")
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--only", choices=["capture", "actions", "copy"], action="append",
                    help="measure only this (repeatable; capture includes the second screen); default everything")
    args = ap.parse_args()
    parts = set(args.only or ["capture", "actions", "copy"])
    server, why = find_server()
    if server is None:
        print(f"PostgreSQL not available ({why}); nothing to compare")
        return 1
    # wall times stretch with the machine's other load (the CPU times much less): say what it was
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp, session_database(server) as database:
        root = Path(tmp)
        source = root / "big"
        if "copy" in parts:
            started = time.perf_counter()
            big_home(source, args.meetings)
            print(f"(a home of {args.meetings} meetings made in {time.perf_counter() - started:.1f} s)", flush=True)
        for name in ("SQLite", "PostgreSQL"):
            results: dict[str, str] = {}
            work = root / name
            if "capture" in parts:
                with fresh_schema(database) as url_for_pg:
                    url = url_for_pg if name == "PostgreSQL" else ""
                    times = capture(work / "capture", url, args.lines)
                    results["capture p50 / p95"] = f"{pct(times, .5) * 1000:.1f} / {pct(times, .95) * 1000:.1f} ms"

                    # two laptops on PostgreSQL (a home each); two screens on one home's SQLite file
                    other = work / ("colleague" if url else "capture")
                    for label, push in (("before: 0.2 s look", False), ("after: push", True)):
                        seen = second_screen(work / "capture", other, url, args.samples, push)
                        results[f"second screen, {label} p50 / p95"] = (
                            f"{pct(seen, .5) * 1000:.1f} / {pct(seen, .95) * 1000:.1f} ms")
            if "actions" in parts:
                with fresh_schema(database) as url_for_pg:
                    url = url_for_pg if name == "PostgreSQL" else ""
                    (work / "many").mkdir(parents=True, exist_ok=True)
                    results.update(actions_open(work / "many", url, args.actions, args.runs, root / "pycache"))
            if "copy" in parts:
                with fresh_schema(database) as url_for_pg:
                    results.update(copy_both_ways(source, url_for_pg if name == "PostgreSQL" else "", work,
                                                  args.meetings))
            for measure, value in results.items():
                rows.append((measure, name, value))
                print(f"{measure:<44} {name:<11} {value}", flush=True)
    stop_cluster(server)
    print()
    print(f"{'measure':<44} {'SQLite':<56} PostgreSQL")
    for measure in dict.fromkeys(m for m, _, _ in rows):
        values = {n: v for m, n, v in rows if m == measure}
        print(f"{measure:<44} {values.get('SQLite', ''):<56} {values.get('PostgreSQL', '')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
