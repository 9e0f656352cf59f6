"""What every command costs before it does its work: whole-process wall time of the
commands people type most, on a home with a meeting and the built-in cards indexed.

Printed beside ``python -c pass`` (the interpreter's own floor) and, with ``--baseline
CHECKOUT``, beside the same commands of another checkout (its own ``.venv``), run in
turn with ours so the machine's drift touches both alike. Median of ``--runs``.

    python bench/startup.py [--runs 11] [--baseline /path/to/other/checkout]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS: list[list[str]] = [["meetings"], ["actions"], ["--help"], ["search", "供应商嫌订单量太小"]]


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _prepare(binary: Path, home: Path, env: dict[str, str]) -> None:
    run = {**env, "FACILITATOR_HOME": str(home)}
    subprocess.run([str(binary), "meet", "--new", "启动测试", "--no-tui"], env=run, capture_output=True, check=True)
    subprocess.run([str(binary), "index"], env=run, capture_output=True, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--baseline", type=Path, help="another checkout whose .venv/bin/facilitator is timed in turn")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    ours = REPO / ".venv" / "bin" / "facilitator"
    theirs = args.baseline / ".venv" / "bin" / "facilitator" if args.baseline else None
    with tempfile.TemporaryDirectory() as tmp:
        homes = {"ours": Path(tmp) / "ours", "theirs": Path(tmp) / "theirs"}
        _prepare(ours, homes["ours"], env)
        if theirs is not None:
            _prepare(theirs, homes["theirs"], env)
        floor = statistics.median(_time([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
        print(f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; median of {args.runs} runs")
        print(f"{'python -c pass':<34} {floor * 1000:7.0f} ms")
        for command in COMMANDS:
            a: list[float] = []
            b: list[float] = []
            for _ in range(args.runs):
                a.append(_time([str(ours), *command], {**env, "FACILITATOR_HOME": str(homes["ours"])}))
                if theirs is not None:
                    b.append(_time([str(theirs), *command], {**env, "FACILITATOR_HOME": str(homes["theirs"])}))
            line = f"{'facilitator ' + ' '.join(command):<34} {statistics.median(a) * 1000:7.0f} ms"
            if b:
                ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
                line += f"   baseline {statistics.median(b) * 1000:7.0f} ms   ratio {ratio:.2f}"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
