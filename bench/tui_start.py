"""How fast the live meeting screen starts and how fast the similar-cases panel follows.

Runs the installed ``facilitator meet ID`` in a pseudo-terminal (120x40), the way a
user does, and reads the times the app itself records when ``FACILITATOR_TUI_TRACE``
names a file (first frame drawn, each case search started and shown). Prints, from
the same run:

- ``python -c "import textual"`` — the floor any Textual app pays;
- time to the first frame (spawn -> first paint), target <= 1 s;
- time to the panel's first result with the index already built (and, with
  ``--cold``, in a fresh home where the first search must build the index);
- panel refresh after a pause in typing: keystrokes are typed into the terminal,
  and the time from the end of the 400 ms pause to the new result is measured
  (target <= 150 ms), together with the search itself.

Usage: .venv/bin/python bench/tui_start.py [--runs N] [--cold]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "facilitator"
DEBOUNCE = 0.4
QUERIES = ["供应商不愿意接小批量的非标订单", "信息部没有预算装视频会议系统", "没人知道客户的技术规格"]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def time_import_textual(runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        times.append(time.perf_counter() - t0)
    return median(times)


class Session:
    """One app run in a pty; a thread drains the terminal output so the app never blocks."""

    def __init__(self, home: Path, meeting_id: int, trace: Path) -> None:
        self.trace = trace
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FACILITATOR_", "OPENAI_"))}
        env.update(FACILITATOR_TUI_TRACE=str(trace), TERM="xterm-256color", LANG="C.UTF-8")
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.master = master
        self.started = time.time()
        self.proc = subprocess.Popen(
            [str(BIN), "--home", str(home), "meet", str(meeting_id)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )
        os.close(slave)
        self._drain = threading.Thread(target=self._read, daemon=True)
        self._drain.start()

    def _read(self) -> None:
        while True:
            try:
                if not os.read(self.master, 65536):
                    return
            except OSError:
                return

    def events(self) -> list[tuple[str, float]]:
        if not self.trace.exists():
            return []
        out = []
        for line in self.trace.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            out.append((parts[0], float(parts[1])))
        return out

    def wait_event(self, name: str, after: float = 0.0, timeout: float = 300) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event, when in self.events():
                if event == name and when >= after:
                    return when
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited ({self.proc.returncode}) before {name}")
            time.sleep(0.005)
        raise TimeoutError(f"no {name} within {timeout}s")

    def type(self, text: str, gap: float = 0.04) -> float:
        """Type like a person (one character every ``gap`` s); returns the last keystroke time."""
        last = time.time()
        for ch in text:
            os.write(self.master, ch.encode("utf-8"))
            last = time.time()
            time.sleep(gap)
        return last

    def quit(self) -> None:
        os.write(self.master, b"\x11")  # ctrl+q
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def prepare(home: Path, build_index: bool) -> tuple[int, float | None]:
    out = subprocess.run([str(BIN), "--home", str(home), "meet", "--new", "钢管生锈协调会",
                          "--customer", "华东管业", "--no-tui"], capture_output=True, text=True, check=True)
    meeting_id = int(out.stdout.strip())
    if not build_index:
        return meeting_id, None
    t0 = time.perf_counter()
    subprocess.run([str(BIN), "--home", str(home), "index"], capture_output=True, check=True)
    return meeting_id, time.perf_counter() - t0


def one_run(home: Path, meeting_id: int, typing: bool) -> dict[str, list[float]]:
    trace = home / f"trace-{time.time_ns()}.txt"
    s = Session(home, meeting_id, trace)
    result: dict[str, list[float]] = {"first_frame": [], "first_result": [], "after_pause": [], "search": []}
    try:
        first = s.wait_event("first_frame", timeout=60)
        result["first_frame"].append(first - s.started)
        shown = s.wait_event("cases_shown")
        result["first_result"].append(shown - s.started)
        if typing:
            for query in QUERIES:
                last_key = s.type(query)
                started = s.wait_event("search_started", after=last_key)
                shown = s.wait_event("cases_shown", after=started, timeout=30)
                result["after_pause"].append(shown - (last_key + DEBOUNCE))
                result["search"].append(shown - started)
                os.write(s.master, b"\x15")  # ctrl+u clears the input
                time.sleep(DEBOUNCE + 0.3)
    finally:
        s.quit()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also time a fresh home (the first search builds the index)")
    args = parser.parse_args()
    if not BIN.exists():
        print(f"{BIN} not found: run `make run` once to install", file=sys.stderr)
        return 1

    print(f"python -c 'import textual.app'      {ms(time_import_textual(args.runs))}  (floor; median of {args.runs})")
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as tmp:
        if args.cold:
            cold_home = Path(tmp) / "cold"
            mid, _ = prepare(cold_home, build_index=False)
            cold = one_run(cold_home, mid, typing=False)
            print(f"cold home: first frame               {ms(cold['first_frame'][0])}")
            print(f"cold home: first case result          {ms(cold['first_result'][0])}  (builds the vector index)")
        home = Path(tmp) / "warm"
        mid, index_time = prepare(home, build_index=True)
        print(f"facilitator index (one-off, not timed below) {ms(index_time or 0)}")
        totals: dict[str, list[float]] = {"first_frame": [], "first_result": [], "after_pause": [], "search": []}
        for i in range(args.runs):
            run = one_run(home, mid, typing=True)
            for key, values in run.items():
                totals[key] += values
            print(f"  run {i + 1}: first frame {ms(run['first_frame'][0])}, first result {ms(run['first_result'][0])}")
    ff, fr = median(totals["first_frame"]), median(totals["first_result"])
    ap, se = totals["after_pause"], totals["search"]
    print(f"time to first frame (median)          {ms(ff)}   target <= 1000 ms  {'ok' if ff <= 1.0 else 'MISSED'}")
    print(f"time to first case result (median)    {ms(fr)}")
    print(f"panel refresh after the pause         {ms(median(ap))} median, {ms(max(ap))} max over {len(ap)}"
          f"   target <= 150 ms  {'ok' if max(ap) <= 0.15 else 'MISSED'}")
    print(f"  of which the search itself          {ms(median(se))} median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
