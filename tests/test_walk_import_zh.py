"""`import` in a Chinese home says what it read and recorded in Chinese (a walk as a new
user found it printing "recorded into meeting 2: 12 note, 3 participant")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, cli_env
from tests.test_one_language import latin_words


def test_import_into_a_new_meeting_reports_in_chinese(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    talk = tmp_path / "会议转写.txt"  # the file name is the user's own word
    talk.write_text("\n".join([
        "王强（销售）：客户那边催得很紧，这批货月底前必须发。",
        "陈明（生产部）：包装材料还没到，我周五前跟供应商确认到货日期。",
        "@刘芳：整理三家供应商的报价 截止 2026-12-10",
    ]), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "facilitator", "--home", str(home), "import", str(talk), "--new", "包装延期协调会",
         "--date", "2026-12-07"],
        capture_output=True, text=True, encoding="utf-8", env=cli_env(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES=""),
        cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout + proc.stderr
    assert "段发言" in text and "已记入会议 1：" in text and "行动 1 项" in text, text
    assert "发言人：" in text and "等待采纳或忽略" in text, text
    assert not latin_words(text), (sorted(latin_words(text)), text)


def test_the_progress_bar_of_a_recording_speaks_chinese(tmp_path: Path) -> None:
    """The bar a Chinese user watches while a recording is transcribed (on a terminal)."""
    import os

    from tests.speech.test_import import ZH, _run_in_pty

    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    proc, stderr, tty = _run_in_pty(["import", str(ZH), "--new", "周会"], home)
    os.close(tty)
    assert proc.returncode == 0, stderr
    bar = stderr.decode("utf-8", "replace")
    assert "\rzh.m4a: [" in bar and "100%" in bar and "约剩" in bar, bar
    assert "left" not in bar and "reading the recording" not in bar, bar


def run_zh(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), *args], capture_output=True,
                          text=True, encoding="utf-8", env=cli_env(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES=""),
                          cwd=REPO, timeout=300)


def test_the_first_refusals_a_new_user_meets_are_in_chinese(tmp_path: Path) -> None:
    """One line on stderr, exit code 2, and in the user's language."""
    cases = [
        (("meet", "99"), "没有编号为 99 的会议"),
        (("draft", "99", "--offline"), "没有编号为 99 的会议"),
        (("action", "99", "--done"), "没有编号为 99 的行动"),
        (("import", str(tmp_path / "没有.txt"), "--new", "周会"), "文件不存在"),
        (("import", str(tmp_path), "--new", "周会"), "这是一个文件夹，不是文件"),
    ]
    talk = tmp_path / "纪要.txt"
    talk.write_text("决定：周五发货\n", encoding="utf-8")
    assert run_zh(tmp_path, "import", str(talk), "--new", "周会").returncode == 0
    cases.append((("import", str(talk), "--meeting", "1"), "要再导入一次请加 --again"))
    for args, said in cases:
        proc = run_zh(tmp_path, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and said in lines[0], (args, proc.stderr)
        assert not latin_words(lines[0].removeprefix("facilitator:").replace(str(tmp_path), "")), lines


def test_an_import_with_nothing_to_suggest_says_so_plainly(tmp_path: Path) -> None:
    """Not "新增 0 条，共 0 条等待采纳或忽略": there is nothing to open the meeting for."""
    talk = tmp_path / "纪要.txt"
    talk.write_text("决定：周五发货\n", encoding="utf-8")
    proc = run_zh(tmp_path, "import", str(talk), "--new", "周会")
    assert proc.returncode == 0, proc.stderr
    assert "没有从发言中听出建议" in proc.stdout and "0 条" not in proc.stdout, proc.stdout
