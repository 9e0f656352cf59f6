"""A full disk, a read-only mount, a missing permission and a lock are not a corrupt database.

Each is made for real: a small tmpfs that the test fills, the same tmpfs remounted
read-only, ``chattr +i`` (tests run as root, where chmod stops nothing), and a second
SQLite connection holding the write lock. Each command must end in one line that
names the cause, exit 2, no traceback, no crash log, and the record unharmed; only a
failed integrity check may say "move it aside".
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, cli_env


def _run(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", "--home", str(home), *args],
        capture_output=True, text=True, encoding="utf-8", env=cli_env(), cwd=REPO, timeout=timeout,
    )


def _one_line(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    line = lines[0]
    assert "internal error" not in line and "is corrupt" not in line and "move it aside" not in line, line
    for word in words:
        assert word in line, line
    return line


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], check=True,
                   capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system of its own (a tmpfs), unmounted afterwards."""
    point = tmp_path / "disk"
    point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        _mount(point, "size=2m")
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here ({exc})")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(disk: Path, leave: int = 0) -> Path:
    """Write a file until the disk is full, then give back ``leave`` bytes."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def _meeting_with_actions(home: Path, tmp_path: Path, n: int = 200) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("供应商协调会 2026-11-23\n" + "".join(f"@吴工: 第{i}项 截止周五\n" for i in range(n)),
                     encoding="utf-8")
    proc = _run(home, "import", str(notes), "--new", "钢管生锈", "--date", "2026-11-23")
    assert proc.returncode == 0, proc.stderr


def test_full_disk_is_not_corruption_and_reading_still_works(small_disk: Path, tmp_path: Path) -> None:
    home = small_disk / "home"
    _meeting_with_actions(home, tmp_path)
    db = home / "meetings.db"
    exported = _run(home, "export", "1", "--format", "json").stdout
    before = _sha(db)
    filler = _fill(small_disk)

    assert _run(home, "export", "1", "--format", "json").stdout == exported  # a read needs no room
    assert "钢管生锈" in _run(home, "meetings").stdout
    _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "disk is full", "free some space")
    _one_line(_run(home, "import", str(tmp_path / "notes.md"), "--meeting", "1"), "disk is full")
    _one_line(_run(home, "index"), "disk is full")  # chromadb's own failure, told for what it is
    doctor = _run(home, "doctor")
    assert doctor.returncode == 1 and "BAD  home" in doctor.stdout and "disk is full" in doctor.stdout
    assert not (home / "logs" / "crash.log").exists()

    filler.unlink()
    assert _sha(db) == before
    assert _run(home, "meet", "--new", "新会议", "--no-tui").returncode == 0
    assert _run(home, "export", "1", "--format", "json").stdout == exported


def test_disk_filling_up_during_a_write_refuses_it_whole(small_disk: Path, tmp_path: Path) -> None:
    """SQLITE_FULL from the commit itself: the import is rolled back, the message says why."""
    home = small_disk / "home"
    _meeting_with_actions(home, tmp_path, n=20)
    big = tmp_path / "big.md"
    big.write_text("".join(f"@郑工: 第{i}项 {'很长的说明' * 20} 截止周五\n" for i in range(3000)), encoding="utf-8")
    filler = _fill(small_disk, leave=256 * 1024)
    line = _one_line(_run(home, "import", str(big), "--meeting", "1"), "disk is full", "unharmed")
    assert "meetings.db" in line or str(home) in line
    filler.unlink()
    record = _run(home, "export", "1", "--format", "json")
    assert record.returncode == 0 and record.stdout.count('"owner": "郑工"') == 0
    assert record.stdout.count('"owner": "吴工"') == 20
    assert not (home / "logs" / "crash.log").exists()


def test_read_only_file_system(small_disk: Path, tmp_path: Path) -> None:
    home = small_disk / "home"
    _meeting_with_actions(home, tmp_path, n=5)
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cannot remount the tmpfs read-only ({exc.stderr})")
    assert "钢管生锈" in _run(home, "meetings").stdout
    assert _run(home, "export", "1", "--format", "csv").stdout.count("吴工") == 5
    _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "read-only", "--home")
    doctor = _run(home, "doctor")
    assert doctor.returncode == 1
    bad = {line.split()[1] for line in doctor.stdout.splitlines() if line.startswith("BAD")}
    assert bad == {"home", "database", "index"}, doctor.stdout
    assert "read-only" in doctor.stdout


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    """``chattr +i``: even root cannot write there (chmod does not stop root)."""
    proc = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {proc.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_permission_denied_on_the_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _meeting_with_actions(home, tmp_path, n=3)
    with _immutable(home):
        try:
            (home / "probe").write_text("x")
        except OSError as exc:
            assert exc.errno in (errno.EPERM, errno.EACCES)
        else:
            pytest.skip("an immutable folder still takes writes here")
        assert "钢管生锈" in _run(home, "meetings").stdout
        _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "permission denied", str(home))
        doctor = _run(home, "doctor")
        assert doctor.returncode == 1 and "BAD  home" in doctor.stdout, doctor.stdout
        assert "permission denied" in doctor.stdout.splitlines()[0]
    assert not (home / "logs" / "crash.log").exists()


def test_unwritable_database_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _meeting_with_actions(home, tmp_path, n=3)
    db = home / "meetings.db"
    with _immutable(db):
        assert "钢管生锈" in _run(home, "meetings").stdout
        _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "permission denied", str(db))
        doctor = _run(home, "doctor")
        lines = {line.split()[1]: line for line in doctor.stdout.splitlines()}
        assert lines["home"].startswith("ok") and lines["database"].startswith("BAD"), doctor.stdout
    assert not (home / "logs" / "crash.log").exists()


def test_home_that_cannot_be_created(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    with _immutable(parent):
        home = parent / "home"
        _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "permission denied", str(home))
        doctor = _run(home, "doctor")
        assert doctor.returncode == 1 and doctor.stdout.startswith("BAD  home"), doctor.stdout
    assert not home.exists()


def test_database_locked_by_another_program(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _meeting_with_actions(home, tmp_path, n=3)
    other = sqlite3.connect(home / "meetings.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert "钢管生锈" in _run(home, "meetings").stdout  # WAL readers are not blocked
        _one_line(_run(home, "meet", "--new", "新会议", "--no-tui"), "locked by another program")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _run(home, "meet", "--new", "新会议", "--no-tui").returncode == 0


def test_only_a_failed_integrity_check_says_move_it_aside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _meeting_with_actions(home, tmp_path, n=300)
    db = home / "meetings.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page header but the first
        data[offset : offset + 16] = b"\xff" * 16
    db.write_bytes(bytes(data))
    before = _sha(db)
    proc = _run(home, "meetings")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    line = proc.stderr.strip()
    assert "\n" not in line and "failed its integrity check" in line and "move it aside" in line, line
    assert _sha(db) == before
