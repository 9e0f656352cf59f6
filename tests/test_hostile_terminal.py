"""Findings 7 (arguments, file names, a nearly full disk) and 8 (terminal escapes) of
issue 25, through the real CLI in a subprocess.

Notes imported from a file carry ``\\x1b]0;…\\x07`` (retitles the window), ``\\x1b[2J``
(clears the screen), a C1 CSI and a right-to-left override; none of it may reach the
terminal from any command that prints what the file said. An argument with bytes that
are not UTF-8 is one line and exit 2; a GBK-named file (unzipped on Linux) imports
under its real name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, RunCli, cli_env
from tests.test_disk_errors import _fill, _one_line, _run, small_disk  # noqa: F401 - the fixture

EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
NOTES = f"""协调会{EVIL}：钢管生锈 2026-11-23
@吴工：检查软化水设备{EVIL} 截止 11-25
清洗工艺{EVIL} => 生产部
决定：先做对比测试{EVIL}
""" + "".join(f"备注{i}：仓库的防潮膜周五前能到，郑工负责到货检验。\n" for i in range(20))


def clean(text: str) -> bool:
    return not any(c in text for c in "\x1b\x07\x9b\u202e")


def test_nothing_from_a_file_reaches_the_terminal_as_a_control(run_cli: RunCli, home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    assert run_cli("import", str(notes), "--new", "钢管", "--date", "2026-11-23").returncode == 0
    runs = [run_cli(*args) for args in (("actions",), ("action", "1"), ("export", "1", "--format", "txt"),
                                        ("export", "1", "--format", "md"), ("followup", "1"), ("meetings",),
                                        ("delivery", "--order", "x"))]
    for proc in runs:
        assert clean(proc.stdout) and clean(proc.stderr), (proc.args, proc.stdout, proc.stderr)
    assert "检查软化水设备" in runs[0].stdout and "pwned" in runs[0].stdout  # the text itself stays


def test_an_argument_that_is_not_utf8_is_one_line(run_cli: RunCli) -> None:
    proc = run_cli("meet", "--new", "bad\udcfftitle", "--no-tui")
    assert proc.returncode == 2 and "not valid UTF-8" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_a_gbk_named_file_imports_under_its_real_name(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "unzipped"
    folder.mkdir()
    name = os.fsdecode(b"\xc4\xe3\xba\xc3.md")  # 你好.md in GBK
    path = folder / name
    path.write_text("协调会\n@吴工：检查 截止 11-25\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), "import", str(path),
                           "--new", "x"], capture_output=True, env=cli_env(), cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "你好.md".encode() in proc.stdout + proc.stderr


def test_the_first_index_on_a_nearly_full_disk_is_one_line(small_disk: Path) -> None:  # noqa: F811
    home = small_disk / "home"
    assert _run(home, "meetings").returncode == 0
    _fill(small_disk, leave=96 * 1024)
    line = _one_line(_run(home, "index", timeout=300), "disk is full")
    assert "internal error" not in line
    assert not (home / "logs" / "crash.log").exists()


