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
