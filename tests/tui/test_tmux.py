"""The installed app in a real terminal (tmux): kill -9 loses nothing acknowledged;
SIGTERM and SIGHUP save unsent text, restore the terminal and exit 0.

"Acknowledged" means the note is on the screen: the app shows a line only after the
commit returned. Each test runs its own tmux server on a private socket.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "facilitator"
TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (Debian: apt-get install tmux)")


class Terminal:
    """One tmux pane on a private server; the app runs under ``sh``, which records its exit."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.socket = root / "tmux.sock"
        self.env = env
        self.runs = 0

    def tmux(self, *args: str) -> str:
        out = subprocess.run([str(TMUX), "-u", "-S", str(self.socket), *args], capture_output=True,
                             text=True, encoding="utf-8", env=self.env, timeout=30)
        assert out.returncode == 0, out.stderr
        return out.stdout

    def start(self, *argv: str) -> None:
        """Run the app in the pane; its pid comes from the trace file, its exit code from sh."""
        self.runs += 1
        self.trace = self.root / f"trace-{self.runs}.txt"
        self.status = self.root / f"status-{self.runs}.txt"
        app = " ".join(shlex.quote(a) for a in argv)
        command = f"env FACILITATOR_TUI_TRACE={shlex.quote(str(self.trace))} {app}; echo $? > {shlex.quote(str(self.status))}"
        if self.socket.exists():  # the pane stays after its process died: run the next one in it
            self.tmux("respawn-pane", "-k", "-t", "t", command)
            return
        self.tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "t", command)
        self.tmux("set-option", "-t", "t", "remain-on-exit", "on")

    @property
    def pid(self) -> int:
        for line in self.trace.read_text(encoding="utf-8").splitlines():
            if line.startswith("first_frame "):
                return int(line.split()[2])
        raise AssertionError("the app never drew its first frame")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def pane(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "t", fmt).strip()

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen}")
            time.sleep(0.1)

    def type(self, text: str, enter: bool = True) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)
        if enter:
            self.tmux("send-keys", "-t", "t", "Enter")

    def wait_exit(self, timeout: float = 20) -> int:
        """The app's exit code as its shell saw it (128 + N when killed by signal N)."""
        deadline = time.monotonic() + timeout
        while not (self.status.exists() and self.status.read_text().strip()):
            assert time.monotonic() < deadline, f"the app did not exit:\n{self.screen()}"
            time.sleep(0.1)
        return int(self.status.read_text())

    def kill_server(self) -> None:
        subprocess.run([str(TMUX), "-S", str(self.socket), "kill-server"], capture_output=True, env=self.env)

    def pids(self) -> list[int]:
        """Every app process this terminal started (from the trace files)."""
        out = []
        for trace in self.root.glob("trace-*.txt"):
            out += [int(line.split()[2]) for line in trace.read_text(encoding="utf-8").splitlines()
                    if line.startswith("first_frame ")]
        return out


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "FACILITATOR_", "OPENAI_"))}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    t = Terminal(tmp_path, env)
    yield t
    t.kill_server()  # a hangup for any app still running: it must exit on its own
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in t.pids()):
        time.sleep(0.1)
    left = [pid for pid in t.pids() if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "an app outlived its terminal"


def exported(home: Path, meeting_id: int) -> dict:  # type: ignore[type-arg]
    out = subprocess.run([str(BIN), "--home", str(home), "export", str(meeting_id), "--format", "json"],
                         capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


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
