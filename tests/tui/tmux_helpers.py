"""Driving the installed app in a real terminal: one tmux server per test, on a private socket.

Shared by ``test_tmux.py`` (signals, kill -9) and ``test_walkthrough_tmux.py`` (a whole
meeting by keyboard).
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
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent / "facilitator"
TMUX = shutil.which("tmux")
NO_TMUX = "tmux is not installed (Debian: apt-get install tmux)"


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
        # a user who has said their name: the first-run name box (tests/tui/test_first_run_name.py)
        # would otherwise stand over the meetings list these tests type into
        command = (f"env FACILITATOR_TUI_TRACE={shlex.quote(str(self.trace))} FACILITATOR_ME_NAME=tester {app}; "
                   f"echo $? > {shlex.quote(str(self.status))}")
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


def clean_env() -> dict[str, str]:
    """This process's environment without tmux, facilitator or LLM settings, in UTF-8."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "FACILITATOR_", "OPENAI_"))}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    return env


@contextmanager
def terminal(root: Path) -> Iterator[Terminal]:
    """A terminal for one test; afterwards every app it started must exit on the hangup."""
    root.mkdir(parents=True, exist_ok=True)
    t = Terminal(root, clean_env())
    try:
        yield t
    finally:
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
