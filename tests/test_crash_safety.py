"""Nothing acknowledged is lost: a writer killed with SIGKILL at random moments, 200 times.

The child prints an edit's number only after ``Service.capture`` returned, i.e. after the
commit; every printed number must be in the database afterwards, and the file must
pass ``integrity_check``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from facilitator.model import Meeting
from facilitator.record_rules import RULES
from facilitator.store.sqlite import SqliteStore

CHILD = r"""
import sys
from pathlib import Path
from facilitator.service import Service

svc = Service(Path(sys.argv[1]))
mid, n = int(sys.argv[2]), int(sys.argv[3])
while True:
    line = f"@甲：edit {n} 截止 2026-12-05" if n % 3 == 0 else f"edit {n} 记录"
    svc.record.capture(mid, line)
    sys.stdout.write(f"{n}\n")
    sys.stdout.flush()
    n += 1
"""

KILLS = 200


def test_sigkill_never_loses_an_acknowledged_edit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with SqliteStore(home / "meetings.db", RULES) as store:
        mid = store.create_meeting(Meeting(title="crash"))
    rng = random.Random(20261128)
    acknowledged: set[int] = set()
    next_n = 0
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(home), str(mid), str(next_n)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()  # wait until the child is inside its write loop
        assert first, proc.stderr.read()
        time.sleep(rng.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        rest, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err
        seen = [int(x) for x in (first + rest).split()]
        acknowledged.update(seen)
        next_n = max(seen) + 1
    db = sqlite3.connect(home / "meetings.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored: set[int] = set()
    for (text,) in db.execute("SELECT text FROM notes WHERE meeting_id = ?", (mid,)):
        stored.add(int(text.split()[1]))
    for (text, owner, due) in db.execute("SELECT action, owner, due FROM actions WHERE meeting_id = ?", (mid,)):
        assert owner == "甲" and due == "2026-12-05"
        stored.add(int(text.split()[1]))
    db.close()
    missing = acknowledged - stored
    assert not missing, f"{len(missing)} acknowledged edits lost, e.g. {sorted(missing)[:5]}"
    assert len(acknowledged) >= KILLS
