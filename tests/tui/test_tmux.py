"""The installed app in a real terminal (tmux): kill -9 loses nothing acknowledged;
SIGTERM and SIGHUP save unsent text, restore the terminal and exit 0.

"Acknowledged" means the note is on the screen: the app shows a line only after the
commit returned. Each test runs its own tmux server on a private socket.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, Terminal, alive, exported, terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason=NO_TMUX)


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    with terminal(tmp_path) as t:
        yield t


NOTES = ["first fact: order stuck at cleaning", "钢管清洗后第二天就生锈", "@Wu: check the water softener by 2026-11-25",
         "决定：先用防锈油", "[bold]literal[/bold] [0] x", "障碍：没有预算"]


def test_kill_9_then_restart_keeps_every_acknowledged_note(term: Terminal, tmp_path: Path) -> None:
    home = tmp_path / "home"
    term.start(str(BIN), "--home", str(home), "meet", "--new", "X")
    term.wait_for("Similar cases")
    acknowledged = []
    for i, note in enumerate(NOTES):
        term.type(note)
        # on screen in the notes (stage 1), or in the acknowledgement line: committed
        marker = {2: "Action recorded: check the water softener", 3: "Decision recorded: 先用防锈油",
                  5: "Obstacle recorded: 没有预算"}.get(i, f"1│{note}")
        term.wait_for(marker, timeout=30)
        acknowledged.append(note)
    term.type("typed but never sent", enter=False)
    os.kill(term.pid, signal.SIGKILL)
    assert term.wait_exit() == 128 + signal.SIGKILL
    record = exported(home, 1)
    assert [n["text"] for n in record["notes"]] == [NOTES[0], NOTES[1], NOTES[4]]
    assert [a["action"] for a in record["actions"]] == ["check the water softener"]
    assert record["actions"][0]["due"] == "2026-11-25"
    assert record["decisions"] == ["先用防锈油"] and record["obstacles"] == ["没有预算"]
    term.start(str(BIN), "--home", str(home), "meet", "1")
    screen = term.wait_for("Similar cases")
    for note in (NOTES[0], NOTES[1], NOTES[4]):
        assert note in screen


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_save_and_restore_the_terminal(term: Terminal, tmp_path: Path, sig: int) -> None:
    home = tmp_path / "home"
    term.start(str(BIN), "--home", str(home), "meet", "--new", "X")
    term.wait_for("Similar cases")
    assert term.pane("#{alternate_on}") == "1"
    term.type("sent before the signal")
    term.wait_for("1│sent before the signal")
    term.type("still in the box", enter=False)
    term.wait_for("still in the box")
    os.kill(term.pid, sig)
    assert term.wait_exit() == 0
    assert term.pane("#{alternate_on}") == "0", "terminal left the alternate screen"
    assert term.pane("#{mouse_any_flag}") == "0", "mouse reporting switched off"
    notes = [n["text"] for n in exported(home, 1)["notes"]]
    assert notes == ["sent before the signal", "still in the box"]


def test_closing_the_terminal_keeps_unsent_text(term: Terminal, tmp_path: Path) -> None:
    """A real hangup: the pane (and its pty) goes away, the app gets SIGHUP with no terminal."""
    home = tmp_path / "home"
    term.start(str(BIN), "--home", str(home), "meet", "--new", "X")
    term.wait_for("Similar cases")
    term.type("half a thought", enter=False)
    term.wait_for("half a thought")
    pid = term.pid
    term.tmux("kill-pane", "-t", "t")
    deadline = time.monotonic() + 20
    while alive(pid):
        assert time.monotonic() < deadline, f"the app outlived its terminal: {term.trace.read_text()}"
        time.sleep(0.1)
    assert [n["text"] for n in exported(home, 1)["notes"]] == ["half a thought"]
