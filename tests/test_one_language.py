"""Issue 24, point 2: one language per user. With ``language = "zh"`` in config.toml the
command line speaks Chinese: ``--help`` of every command, the listings, the draft, the
exports and the follow-up messages. Every Latin word printed must be one of the tokens
a Chinese text carries anyway: ids, dates, order numbers, case ids, option and format
names, key names, paths."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import build_parser
from facilitator.model import Meeting
from tests.conftest import REPO, cli_env

ALLOWED = {
    "facilitator", "json", "md", "csv", "ics", "txt", "card", "markdown", "smtp", "webhooks", "people",
    "toml", "config", "mb", "tui", "stdout", "stderr", "llm", "vtodo", "dir", "days", "title", "id",
    "utf", "e5", "po", "order", "date", "yyyy", "mm", "dd", "query", "ref", "n", "customer", "file",
    "meeting_id", "action_id", "format", "out", "stage", "reason", "name", "tag", "dept", "department",
    "meeting", "k", "h", "facilitator_home", "action", "owner", "d", "directory", "table", "cases",
    "webm", "speech", "me",  # a recording format, config tables
    "ok", "bad",  # doctor's status marks, kept as they are
    "email", "manager",  # keys the user writes under [people."NAME"] when told how to reach someone
    "postgresql", "copy",  # a URL scheme, the [me] table of config.toml, the db copy subcommand
    "portaudio",  # the sound library's name, as e5 is the embedding model's
    "host", "from",  # keys of config.toml's [smtp], named when mail cannot be sent
}
"""Tokens allowed in Chinese output: the program's name, format and config names, and
argparse's metavars (upper case in the help, the names of what to type)."""

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
SKIP = re.compile(
    r"--?[a-z][a-z0-9-]*"          # options
    r"|/[^\s，。：；（）]*"          # paths
    r"|\b(?:exports|drafts|logs|cases|index)/[^\s，。：；（）]*"  # the home's folders (exports/followup)
    r"|\b[A-Z]{1,4}-?\d[\w-]*"      # order numbers, ids like PO-88231
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"  # case ids, kebab-case
    r"|\$[A-Z_]+"                   # environment variables
    r"|\bapt install [\w.+-]+"      # a command to type (the sound library's package)
)


TYPED = re.compile(r"\bfacilitator(?: db)? [a-z]+\b|`[a-z]+\b")
"""A command as the user types it (``facilitator export``, ``.venv/bin/facilitator meet``,
`import --max-size 4`)."""


def latin_words(text: str, help_text: bool = False) -> set[str]:
    """Latin words that are not allowed tokens. Upper-case metavars (``COMMAND``, ``DIR``)
    are what the user types, so they stay; so do command names, in ``--help`` (its list
    of commands) and after ``facilitator``, never as a word of a sentence (``导出（export）``)."""
    words = LATIN.findall(SKIP.sub(" ", TYPED.sub(" ", text)))
    return {w for w in words if w.lower() not in ALLOWED and not w.isupper() and not (help_text and w in COMMANDS)}


@pytest.fixture(scope="module")
def zh_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("zh") / "home"
    home.mkdir()
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    notes = home.parent / "notes.txt"
    notes.write_text("\n".join([
        "开发新供应商 => 采购部 （依据：供应商管理制度）",
        "小单接单政策 => ?",
        "@刘经理：整理三家供应商的报价 截止 2026-12-08",
        "@吴工：确认插单 截止 2026-12-04",
        "障碍[预算]：单价超预算",
        "资源[预算]：总经理签批 @王强 2026-12-05",
        "决定：先询价",
        "问题：客户能否分批？",
        "吴工：原供应商说量太小不接，生产排程已经空等两周",  # said in the room: the draft says where it is kept
    ]), encoding="utf-8")
    (home / "config.toml").write_text('language = "zh"\n[people."刘经理"]\nmanager = "王强"\n'
                                      '[people."王强"]\nemail = "wang@example.com"\n', encoding="utf-8")
    run(home, "meet", "--new", "供应商评审", "--order", "PO-88231", "--date", "2026-12-01",
        "--deadline", "2026-12-09", "--no-tui")
    run(home, "import", str(notes), "--meeting", "1")
    run(home, "action", "2", "--blocked", "等图纸")
    return home


def run(home: Path, *args: str, codes: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess[str]:
    env = cli_env(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
    proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=REPO, timeout=300)
    assert proc.returncode in codes, (args, proc.stderr)
    return proc


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def command_paths(parser: argparse.ArgumentParser | None = None) -> list[tuple[str, ...]]:
    """Every command the parser knows, down to its subcommands (``("db", "copy")``): read
    from argparse itself, so a command added later is walked or the walk test fails."""
    parser = parser or build_parser()
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [()]
    return sorted((name, *rest) for name, child in subs[0].choices.items() for rest in command_paths(child))


COMMANDS = set(commands())


@pytest.mark.parametrize("command", [(), *command_paths()], ids=lambda c: " ".join(c) or "facilitator")
def test_help_of_every_command_is_in_the_users_language(zh_home: Path, command: tuple[str, ...]) -> None:
    proc = run(zh_home, *command, "--help")
    assert proc.returncode == 0
    said = latin_words(proc.stdout, help_text=True)
    assert not said, (command, sorted(said), proc.stdout)
    headings = [line for line in proc.stdout.splitlines() if line[:1] > "\u4e00" and line.endswith((":", "："))]
    assert headings and all(h.endswith("：") for h in headings), headings  # 选项：, as 用法：


WALK = [
    ("meetings",), ("actions",), ("actions", "--open"), ("delivery", "PO-88231"), ("draft", "1", "--offline"),
    ("export", "1", "--format", "md"), ("export", "1", "--format", "txt"),
    ("export", "1", "--format", "csv"), ("actions", "--format", "csv"),  # a sheet a person opens
    ("followup", "1"), ("index",), ("doctor",), ("followup", "1", "--dry-run"), ("action", "2"),
    ("search", "供应商不接小单"), ("search", "--meeting", "1"), ("coach", "1", "--offline"),
    ("remind", "--as-of", "2026-12-10", "--dry-run"), ("escalate", "1", "--as-of", "2026-12-10", "--dry-run"),
    ("import", "{notes}"), ("meet", "1", "--no-tui"), ("db", "copy", "--to", "{tmp}/copied"),
]
"""What each command prints for a person (``--json`` is for scripts: its keys are the contract)."""


def test_every_command_is_walked() -> None:
    """A command added to the parser must be added to the walk (its output in Chinese)."""
    walked = {args[:len(path)] for args in WALK for path in command_paths()}
    assert not [p for p in command_paths() if p not in walked], "commands never walked"


@pytest.mark.parametrize("args", WALK, ids=" ".join)
def test_what_every_command_prints_is_in_the_users_language(zh_home: Path, args: tuple[str, ...],
                                                             tmp_path: Path) -> None:
    args = tuple(a.replace("{notes}", str(zh_home.parent / "notes.txt")).replace("{tmp}", str(tmp_path)) for a in args)
    proc = run(zh_home, *args)
    text = proc.stdout + proc.stderr
    assert text.strip()
    if args[0] in ("search", "coach"):  # a card's snippet (``   解决：…``) is the card's own words, not the app's
        text = re.sub(r"(?m)^(\s+[^\s：]+：).*$", r"\1", text)
    said = latin_words(re.sub(r"[\w.-]+@[\w.-]+|[\w-]+\.txt", " ", text))  # addresses, the user's file
    assert not said, (args, sorted(said), text)


def test_the_ledger_reads_with_chinese_punctuation(zh_home: Path) -> None:
    """``刘经理：整理报价（PO-88231 · 会议 1）``, not ``刘经理: … (…)``; an action's history
    as the board says it."""
    listed = run(zh_home, "actions").stdout
    assert "刘经理：整理三家供应商的报价（PO-88231 · 会议 1）" in listed, listed
    assert ": " not in listed and "(" not in listed
    shown = run(zh_home, "action", "2").stdout.splitlines()
    assert shown[1].strip().split("  ", 1)[1] == "创建 · 进行中 · 2026-12-04（会议 1）", shown
    assert shown[2].strip().endswith("状态 · 受阻 · 2026-12-04 · 原因：等图纸"), shown  # set from the command line


def test_calendar_titles_are_in_the_users_language(zh_home: Path) -> None:
    ics = run(zh_home, "export", "1", "--format", "ics").stdout
    titles = [line for line in ics.replace("\r\n ", "").splitlines() if line.startswith("SUMMARY:")]
    assert titles and all(not latin_words(t.removeprefix("SUMMARY:")) for t in titles), titles
    assert any("[受阻]" in t for t in titles)


def test_the_locale_chooses_when_the_config_does_not(tmp_path: Path) -> None:
    from facilitator.config import load_settings

    assert load_settings(tmp_path, {"LANG": "zh_CN.UTF-8"}).language == "zh"
    assert load_settings(tmp_path, {"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}).language == "en"
    (tmp_path / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    assert load_settings(tmp_path, {"LANG": "en_US.UTF-8"}).language == "zh"


def test_doctor_speaks_the_users_language_and_keeps_its_status_marks(zh_home: Path) -> None:
    lines = run(zh_home, "doctor").stdout.splitlines()
    assert [line.split()[1] for line in lines[:3]] == ["数据目录", "数据库", "案例索引"]
    assert all(line[:3] in ("ok ", "!! ", "BAD") for line in lines), lines
    assert "1 场会议" in lines[1] and "可写" in lines[1]


ERRORS = [
    (("draft", "99", "--offline"), "没有编号为 99 的会议"),
    (("meet", "--new", "会", "--date", "明年某天", "--no-tui"), "不是日期"),
    (("import", "{tmp}/没有这个.txt", "--meeting", "1"), "文件不存在"),
    (("import", "{tmp}", "--meeting", "1"), "文件夹"),
    (("import", "{tmp}/empty.txt", "--meeting", "1"), "文件是空的"),
    (("import", "{tmp}/binary.txt", "--meeting", "1"), "二进制文件"),
    (("import", "{tmp}/notes.txt", "--meeting", "1"), "已于"),
    (("import", "{tmp}/big.txt", "--meeting", "1", "--max-size", "1"), "导入上限"),
    (("export", "1", "--format", "表格"), "无效的选项"),
    (("draft", "1", "--llm"), "没有配置模型接口"),
    (("export", "1", "--format", "md", "--out", "{tmp}/notes.txt"), "文件已存在"),
    (("delivery", "PO-0000"), "还没有会议"),
    (("action", "999", "--done"), "没有编号为 999 的行动"),
    (("followup",), "二者选一"),
    (("search",), "搜索需要"),
    (("meet", "1", "--new", "会", "--no-tui"), "只能给一个"),
    (("draft", "--offline"), "二者选一"),
    (("escalate", "1", "--as-of", "2026-12-01"), "既没有逾期也没有受阻"),
    (("escalate", "2", "--as-of", "2026-12-01"), "没有登记上级"),
]


@pytest.mark.parametrize(("args", "words"), ERRORS, ids=[e[1] for e in ERRORS])
def test_the_errors_a_user_meets_are_in_the_users_language(zh_home: Path, args: tuple[str, ...],
                                                            words: str) -> None:
    tmp = zh_home.parent
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp / "big.txt").write_text("决定：先询价\n" * 200_000, encoding="utf-8")
    proc = run(zh_home, *(a.replace("{tmp}", str(tmp)) for a in args), codes=(2,))
    assert proc.stdout == "" and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert words in proc.stderr, proc.stderr
    said = re.sub(r"[\w-]+\.txt", " ", proc.stderr)  # the user's own file names
    assert not latin_words(said), sorted(latin_words(said))


def test_a_closed_meeting_refuses_in_the_users_language(tmp_path: Path) -> None:
    """The command line never adds to a closed meeting; the one line the store's refusal
    would print is still the user's language."""
    from facilitator import cli_text
    from facilitator.model import UserError
    from facilitator.service import Service

    service = Service.open(tmp_path)
    try:
        mid = service.store.create_meeting(Meeting(title="开完的会"))
        service.store.update_meeting(mid, status="closed")
        with pytest.raises(UserError) as refused:
            service.record.capture_lines(mid, ["决定：先询价"])
    finally:
        service.close()
    assert str(refused.value) == f"meeting {mid} is closed; reopen it to add to it"
    cli_text.set_language("zh")
    try:
        assert cli_text.error_text(refused.value) == f"会议 {mid} 已结束；要补充内容请先重新打开它"
    finally:
        cli_text.set_language(None)


def test_without_a_chosen_language_errors_read_as_before(tmp_path: Path) -> None:
    proc = run(tmp_path, "draft", "99", "--offline", codes=(2,))
    assert proc.stderr == "facilitator: no meeting with id 99\n"


def test_doctors_microphone_lines_are_in_the_users_language() -> None:
    """Every line `doctor` can print about the microphone, not only this machine's: no
    PortAudio, no devices, no microphone, or ready to listen."""
    from facilitator import cli_text
    from facilitator.speech.microphone import PROBLEMS, READY

    details = [*PROBLEMS.values(), READY]
    cli_text.set_language("zh")
    try:
        said = [cli_text.doctor_line("!! ", "microphone", detail) for detail in details]
    finally:
        cli_text.set_language(None)
    assert all(line.startswith("!!   麦克风") for line in said), said
    assert not any(latin_words(line) for line in said), said
    assert "apt install libportaudio2" in said[0], said  # the command to type stays as typed


def test_doctors_endpoint_lines_are_in_the_users_language() -> None:
    """The lines `doctor` prints when an endpoint is configured (their English as
    ``drafting.probe`` writes it), and English kept when no language is chosen."""
    from facilitator import cli_text

    lines = [
        ("ok ", "llm", "http://127.0.0.1:8000/v1, model qwen2.5, provider openai, context 8192, API key set"),
        ("ok ", "llm-endpoint", "reachable; 2 models: qwen2.5, e5; model qwen2.5 listed"),
        ("ok ", "llm-output", "structured output: json_schema supported"),
    ]
    cli_text.set_language("zh")
    try:
        said = [cli_text.doctor_line(*line) for line in lines]
    finally:
        cli_text.set_language(None)
    assert said[1].startswith("ok   模型连通") and "可以连通；2 个模型" in said[1] and "在列表中" in said[1], said
    assert "API 密钥已设置" in said[0] and "结构化输出：json_schema 可用" in said[2], said
    plain = [cli_text.doctor_line(*line) for line in lines]
    assert plain[0] == "ok   llm         " + lines[0][2]


def test_db_copy_names_the_record_in_the_users_language(zh_home: Path, tmp_path: Path) -> None:
    proc = run(zh_home, "db", "copy", "--to", str(tmp_path / "copy"))
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("会议") and "行已复制" in lines[0], proc.stdout
    assert lines[-1].startswith("合计"), proc.stdout
    assert not latin_words(proc.stdout), sorted(latin_words(proc.stdout))
    # the counts stand in one column however wide the names are
    assert len({_columns_before(line, "行已复制") for line in lines}) == 1


def _columns_before(line: str, word: str) -> int:
    import unicodedata

    head = line.split(word)[0]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in head)
