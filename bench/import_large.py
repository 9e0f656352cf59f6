"""Importing big notes files: wall time and peak memory of ``facilitator import --new``.

Each run is a whole new process on a fresh home, through the real CLI. Two shapes of file:
``short`` (one quick-capture or spoken line of ~60 bytes after another, the worst case
per byte: every line is parsed and written as a row) and ``long`` (spoken paragraphs of
~1 KB with a quick-capture line every fifth line, as a pasted transcript looks). The
baseline in the same run is the 1 MB file of each shape: time should grow linearly with
size and memory should not grow at all (the bound is 200 MB; before streaming a 50 MB
file took over 600 s and 1.4 GB). The machine's load is printed beside the figures.

    python bench/import_large.py [--sizes 1,10,50] [--shapes short,long]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_import_limits import write_notes  # noqa: E402

SHORT = (
    "张伟: 客户要求第三批钢管下周交货，目前卡在清洗工艺上 {i}",
    "@吴工: 确认软化水设备的产能 第{i}批 截止周五",
    "决定：第{i}批先按旧工艺出货，质量部跟踪",
    "障碍：没有供应商愿意接{i}件的小单",
    "清洗线 => 生产部 (依据: 工艺规程 {i})",
    "黄主任: 这个问题我们上次也讨论过，预算要走审批 {i}",
    "问题：返工费用由谁承担？第{i}项",
)


def write_short(path: Path, megabytes: float) -> None:
    size, i = 0, 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write("供应商协调会 2026-11-23\n参会: 销售 张伟；生产部 黄主任；采购部 吴工\n")
        while size < megabytes * 1_000_000:
            line = SHORT[i % len(SHORT)].format(i=i) + "\n"
            fh.write(line)
            size += len(line.encode())
            i += 1


MEASURE = ("import resource, subprocess, sys;"
           "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode;"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")


def run(path: Path, home: Path) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "facilitator", "--home", str(home), "import", str(path), "--new", "bench",
           "--max-size", "1000"]
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - t0
    peak_kb, rc = (int(x) for x in proc.stdout.split())
    if rc != 0:
        raise SystemExit(f"import failed: {proc.stderr}")
    return seconds, peak_kb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,50", help="file sizes in MB, comma-separated")
    ap.add_argument("--shapes", default="long,short", help="long and/or short")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    if 1.0 not in sizes:
        sizes.insert(0, 1.0)
    print(f"load average before: {os.getloadavg()}")
    print(f"{'shape':<6} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for mb in sizes:
                path = Path(tmp) / f"{shape}-{mb}.md"
                (write_notes if shape == "long" else write_short)(path, mb)
                seconds, peak = run(path, Path(tmp) / f"home-{shape}-{mb}")
                print(f"{shape:<6} {mb:>5.0f} {seconds:>8.1f} {seconds / mb:>6.2f} {peak / 1024:>12.0f}",
                      flush=True)
                path.unlink()
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
