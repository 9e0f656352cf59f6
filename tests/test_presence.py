"""Presence: a second screen on a meeting is told; a screen killed with -9 is not counted."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from facilitator.presence import Presence

HOLDER = """
import sys, time
from pathlib import Path
from facilitator.presence import Presence
p = Presence(Path(sys.argv[1]), 7)
print(p.claim(), flush=True)
time.sleep(60)
"""


def _holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "0"
    return proc


def test_another_live_screen_is_counted_and_a_killed_one_is_not(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    proc = _holder(folder)
    try:
        me = Presence(folder, 7)
        assert me.claim() == 1
        assert Presence(folder, 8).claim() == 0, "another meeting is not this one"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        time.sleep(0.1)
        assert me.others() == 0
        assert len(list(folder.glob("meeting-7.*.lock"))) == 1, "the dead screen's file is cleared"
        me.release()
        assert not me.path.exists()
    finally:
        proc.kill()


def test_an_unwritable_place_only_means_nobody_is_counted(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert Presence(blocker / "run", 1).claim() == 0
