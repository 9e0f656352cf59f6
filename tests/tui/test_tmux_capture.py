"""Live capture in a real terminal at the speed people really work (tmux, the installed app).

Thirty lines sent with no pause, all of them in a single write, a nine-line bracketed
paste, a plain paste, and two terminals on one meeting with the command line editing it
too: every line must land exactly once, in order, each under the stage of the screen it
was typed in, and each screen must show the others' edits without a restart.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.tmux_helpers import BIN, NO_TMUX, TMUX, Terminal, exported, terminal

pytestmark = [pytest.mark.skipif(TMUX is None, reason=NO_TMUX), pytest.mark.slow]

READY = "相似案例"


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    with terminal(tmp_path / "a") as t:
        yield t


def open_meeting(term: Terminal, home: Path, *argv: str) -> None:
    term.start(str(BIN), "--home", str(home), "meet", *argv)
    term.wait_for(READY)


def wait_record(home: Path, count: int, key: str = "notes", timeout: float = 20) -> dict:  # type: ignore[type-arg]
    """The exported record once it holds ``count`` rows of ``key`` (or the last one seen)."""
    deadline = time.monotonic() + timeout
    while True:
        record = exported(home, 1)
        if len(record[key]) >= count or time.monotonic() > deadline:
            return record
        time.sleep(0.2)


def test_thirty_lines_with_no_pause_land_exactly_once_in_order(term: Terminal, tmp_path: Path) -> None:
    home = tmp_path / "home"
    open_meeting(term, home, "--new", "快速输入协调会")
    lines = [f"第{i:02d}条记录 快速输入" for i in range(1, 31)]
    for line in lines:  # one send-keys for the text, one for Enter: no pause in between
        term.type(line)
    record = wait_record(home, 30)
    assert [n["text"] for n in record["notes"]] == lines


def test_a_single_burst_write_of_thirty_lines_lands_exactly_once(term: Terminal, tmp_path: Path) -> None:
    """All thirty lines and their Enters arrive in one write to the terminal."""
    home = tmp_path / "home"
    open_meeting(term, home, "--new", "快速输入协调会")
    lines = [f"burst line {i:02d} 连续输入" for i in range(1, 31)]
    term.tmux("send-keys", "-t", "t", "-l", "\r".join(lines) + "\r")
    record = wait_record(home, 30)
    assert [n["text"] for n in record["notes"]] == lines


PASTE = [
    "供应商说量太小不接单",
    "@李经理：联系三家备选供应商 截止 11月24日",
    "决定：先找集团内的兄弟工厂",
    "小批量采购 => 采购部",
    "问题：客户能否接受延期一周？",
    "障碍：没有供应商愿意接小单",
    "粘贴第七行",
    "粘贴第八行",
    "粘贴第九行",
]


def _paste(term: Terminal, text: str, bracketed: bool) -> None:
    term.tmux("set-buffer", "-b", "notes", text)
    term.tmux("paste-buffer", *(["-p"] if bracketed else []), "-b", "notes", "-t", "t")


@pytest.mark.parametrize("bracketed", [True, False], ids=["bracketed", "plain"])
def test_a_nine_line_paste_lands_exactly_once_in_order(term: Terminal, tmp_path: Path, bracketed: bool) -> None:
    home = tmp_path / "home"
    open_meeting(term, home, "--new", "粘贴协调会", "--date", "2026-11-20")
    # a plain paste's last line needs its own Enter, as it would in a terminal
    _paste(term, "\n".join(PASTE) + ("" if bracketed else "\n"), bracketed)
    record = wait_record(home, 4)
    if bracketed:
        term.wait_for("已记录 9 行")
    assert [n["text"] for n in record["notes"]] == [PASTE[0], *PASTE[6:]]
    assert [(a["owner"], a["due"]) for a in record["actions"]] == [("李经理", "2026-11-24")]
    assert record["decisions"] == ["先找集团内的兄弟工厂"]
    assert [r["owner"] for r in record["responsibilities"]] == ["采购部"]
    assert record["open_questions"] == ["客户能否接受延期一周？"]
    assert record["obstacles"] == ["没有供应商愿意接小单"]


def test_two_terminals_and_the_command_line_on_one_meeting(term: Terminal, tmp_path: Path) -> None:
    home = tmp_path / "home"
    open_meeting(term, home, "--new", "双屏协调会")
    with terminal(tmp_path / "b") as other:
        open_meeting(other, home, "1")
        other.wait_for("这个会议还在另外 1")
        # the first screen moves on to stage 2; the second stays in stage 1
        term.tmux("send-keys", "-t", "t", "F3")
        term.wait_for("还没有记录卡点事实")
        other.type("第二个窗口记下的")
        term.wait_for("第二个窗口记下的", timeout=5)
        term.type("第一个窗口记下的")
        other.wait_for("第一个窗口记下的", timeout=5)
        notes = tmp_path / "notes.md"
        notes.write_text("@吴工：检查软化水设备 截止 2026-11-25\n命令行导入的笔记\n", encoding="utf-8")
        subprocess.run([str(BIN), "--home", str(home), "import", str(notes), "--meeting", "1"],
                       check=True, capture_output=True, timeout=60)
        term.wait_for("命令行导入的笔记", timeout=5)
        other.wait_for("命令行导入的笔记", timeout=5)
        subprocess.run([str(BIN), "--home", str(home), "action", "1", "--done"],
                       check=True, capture_output=True, timeout=60)
        other.tmux("send-keys", "-t", "t", "C-q")
    record = exported(home, 1)
    stages = {n["text"]: n["stage"] for n in record["notes"]}
    assert stages["第二个窗口记下的"] == "convene", "a note keeps the stage of the screen it was typed in"
    assert stages["第一个窗口记下的"] == "stuck"
    assert [n["text"] for n in record["notes"]].count("第一个窗口记下的") == 1
    assert record["actions"][0]["status"] == "done"
