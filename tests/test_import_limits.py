"""Imports with limits: a big file streams in bounded memory, an oversized one is refused
with a way out, ``import --new`` is one transaction, and the same file is not imported twice.

All through the real CLI in subprocesses, on real SQLite files.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli, cli_env

MEMORY_BOUND_KB = 200 * 1024

NOTES_HEAD = "供应商协调会 2026-11-23\n参会: 销售 张伟；生产部 黄主任；采购部 吴工\n"
PARAGRAPH = ("黄主任: 第{i}段记录。客户要求第三批钢管下周交货，目前卡在清洗工艺上；质量部说软化水设备产能不够，"
             "采购部说小批量非标料没有供应商愿意接单，生产部认为返工费用不该由他们承担。" * 4)
STRUCTURED = ("@吴工: 确认第{i}批软化水设备的产能 截止周五", "决定：第{i}批先按旧工艺出货",
              "障碍：没有供应商愿意接{i}件的小单", "清洗线{i} => 生产部 (依据: 工艺规程)")


def write_notes(path: Path, megabytes: float) -> dict[str, int]:
    """A notes file of about ``megabytes``: long spoken paragraphs with quick-capture lines
    between them, as a pasted transcript looks. Returns how many of each kind it holds."""
    counts = {"note": 2, "action": 0, "decision": 0, "obstacle": 0, "responsibility": 0}
    kinds = ("action", "decision", "obstacle", "responsibility")
    size = len(NOTES_HEAD.encode())
    i = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(NOTES_HEAD)
        while size < megabytes * 1_000_000:
            line = (PARAGRAPH if i % 5 else STRUCTURED[(i // 5) % 4]).format(i=i) + "\n"
            counts["note" if i % 5 else kinds[(i // 5) % 4]] += 1
            fh.write(line)
            size += len(line.encode())
            i += 1
    return counts


def _cli(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "facilitator", "--home", str(home), *args]


def _rows(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_a_50_mb_notes_file_imports_within_the_memory_bound(home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "big.md"
    expected = write_notes(notes, 50)
    assert notes.stat().st_size >= 50_000_000
    # a wrapper whose only child is the import, so its peak RSS is the import's alone
    measure = ("import resource, subprocess, sys;"
               "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode;"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
    proc = subprocess.run(
        [sys.executable, "-c", measure, *_cli(home, "import", str(notes), "--new", "大文件", "--max-size", "60")],
        capture_output=True, text=True, env=cli_env(), cwd=REPO, timeout=900,
    )
    peak_kb, rc = (int(x) for x in proc.stdout.split())
    assert rc == 0, proc.stderr
    assert peak_kb < MEMORY_BOUND_KB, f"peak RSS {peak_kb / 1024:.0f} MB"
    db = home / "meetings.db"
    assert _rows(db, "meetings") == 1
    assert _rows(db, "actions") == expected["action"]
    assert _rows(db, "responsibilities") == expected["responsibility"]
    assert _rows(db, "notes") == expected["note"]
    assert _rows(db, "participants") == 3


def test_a_file_over_the_size_limit_is_refused_before_anything_is_written(run_cli: RunCli, home: Path,
                                                                           tmp_path: Path) -> None:
    notes = tmp_path / "huge.md"
    with notes.open("wb") as fh:
        fh.truncate(21_000_000)  # the size is checked before a byte is read
    proc = run_cli("import", str(notes), "--new", "太大")
    assert proc.returncode == 2, proc.stderr
    line = proc.stderr.strip()
    assert "\n" not in line and "21.0 MB" in line and "20 MB import limit" in line and "--max-size 22" in line
    assert json.loads(run_cli("meetings", "--json").stdout) == []
    small = tmp_path / "small.md"
    write_notes(small, 1.2)
    assert run_cli("import", str(small), "--new", "小", "--max-size", "1").returncode == 2
    assert run_cli("import", str(small), "--new", "小", "--max-size", "2").returncode == 0


def test_a_killed_import_new_leaves_no_meeting(run_cli: RunCli, home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "long.md"
    write_notes(notes, 15)
    proc = subprocess.Popen(_cli(home, "import", str(notes), "--new", "中途被杀"), env=cli_env(), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = home / "meetings.db-wal"
    deadline = time.monotonic() + 60
    try:
        # well into the import: its transaction has written a good part of the WAL
        while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
            assert proc.poll() is None, "the import finished before it could be stopped"
            time.sleep(0.05)
        assert proc.poll() is None, "the import finished before it could be stopped"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert json.loads(run_cli("meetings", "--json").stdout) == []
    db = home / "meetings.db"
    assert _rows(db, "notes") == 0 and _rows(db, "imported_files") == 0
    done = run_cli("import", str(notes), "--new", "再来一次", "--json")
    assert done.returncode == 0, done.stderr
    assert [m["title"] for m in json.loads(run_cli("meetings", "--json").stdout)] == ["再来一次"]


def test_importing_the_same_file_twice_is_refused_unless_again(run_cli: RunCli, home: Path,
                                                               tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    counts = write_notes(notes, 0.05)
    first = run_cli("import", str(notes), "--new", "钢管生锈", "--json")
    assert first.returncode == 0, first.stderr
    mid = json.loads(first.stdout)["meeting_id"]
    db = home / "meetings.db"
    assert _rows(db, "actions") == counts["action"]

    again = run_cli("import", str(notes), "--meeting", str(mid))
    assert again.returncode == 2
    line = again.stderr.strip()
    assert "\n" not in line and "already imported into meeting" in line and "--again" in line
    assert "Traceback" not in again.stderr
    copy = tmp_path / "renamed copy.md"
    copy.write_bytes(notes.read_bytes())
    renamed = run_cli("import", str(copy), "--meeting", str(mid))
    assert renamed.returncode == 2 and "notes.md" in renamed.stderr  # same content, told by its hash
    assert _rows(db, "actions") == counts["action"]

    forced = run_cli("import", str(notes), "--meeting", str(mid), "--again")
    assert forced.returncode == 0, forced.stderr
    assert _rows(db, "actions") == 2 * counts["action"]
    assert _rows(db, "participants") == 3  # people are never added twice

    edited = tmp_path / "edited.md"
    edited.write_text(notes.read_text(encoding="utf-8") + "@郑工: 补发图纸 截止周五\n", encoding="utf-8")
    assert run_cli("import", str(edited), "--meeting", str(mid)).returncode == 0  # new content is welcome
