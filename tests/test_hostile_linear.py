"""Finding 5 of issue 25: the parsers are linear in their input.

Each test feeds an input and ten times that input and checks that the work, counted
(calls of the function that did the quadratic work, or characters handed to a
pattern), grows about ten times, not a hundred. No clock is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator import notesfile, transcripts
from facilitator.config import Settings
from facilitator.service import Service
from facilitator.store import rows as store_rows


def grows_linearly(work: Callable[[int], int], n: int) -> tuple[int, int]:
    small, large = work(n), work(10 * n)
    assert small > 0 and large <= 12 * small, (small, large)  # ~10x, not ~100x
    return small, large


def test_importing_responsibility_lines_reads_each_item_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = [0]
    real = store_rows.item_key

    def counted(text: str) -> str:
        calls[0] += 1
        return real(text)

    monkeypatch.setattr(store_rows, "item_key", counted)

    def work(n: int) -> int:
        home = tmp_path / f"home{n}"
        notes = home / "notes.md"
        home.mkdir()
        notes.write_text("协调会\n" + "".join(f"事项{i} => 部门{i % 7}\n" for i in range(n)) + "事项3 => 设备部\n",
                         encoding="utf-8")
        svc = Service(home, Settings())
        try:
            calls[0] = 0
            svc.record.import_file(notes, new_title="导入")
            (meeting,) = svc.store.list_meetings()
            rows = svc.store.get_meeting(meeting.id or 0).responsibilities
            assert len(rows) == n and next(r for r in rows if r.item == "事项3").owner == "设备部"
            return calls[0]
        finally:
            svc.close()

    grows_linearly(work, 150)


class Counting:
    """A compiled pattern that counts the characters its calls may read.

    ``match``/``fullmatch`` start at one place: at most the text they are given. A
    pattern of one character class reads up to what it finds. Any other pattern tried at
    every start (``search``, ``sub``, ``findall``) may, backtracking, read to the end
    from each: counted as the square of what it is given, which is what made these
    parsers quadratic, and stays small only when that text is bounded."""

    def __init__(self, pattern: Any) -> None:
        self.pattern, self.chars = pattern, 0
        self.one_class = re.fullmatch(r"\[[^\]]*\]", pattern.pattern) is not None

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.pattern, name)

        def call(*args: Any, **kw: Any) -> Any:
            text = args[1] if name in ("sub", "subn") else args[0]
            start = args[1] if name not in ("sub", "subn") and len(args) > 1 else 0
            given = len(text) - start
            found = method(*args, **kw)
            if name in ("match", "fullmatch"):
                self.chars += given
            elif self.one_class and name == "search":
                self.chars += (found.end() - start) if found is not None else given
            else:
                self.chars += given * given
            return found

        return call


def test_a_title_line_is_read_once_whatever_its_length(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = Counting(notesfile._TRAILING_DATE)
    monkeypatch.setattr(notesfile, "_TRAILING_DATE", pattern)

    def work(n: int) -> int:
        pattern.chars = 0
        title = notesfile._title_from("协调会 " + "2026年 " * n + "结束 2026-11-23")
        assert title.endswith("结束")
        return pattern.chars

    grows_linearly(work, 3000)


def test_a_cue_of_repeated_voice_tags_is_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counters = {name: Counting(getattr(transcripts, name)) for name in ("_MARKUP_START", "_TAG_BODY", "_VOICE")}
    for name, counter in counters.items():
        monkeypatch.setattr(transcripts, name, counter)
    ends = {k: Counting(v) for k, v in transcripts._MARKUP_END.items()}
    monkeypatch.setattr(transcripts, "_MARKUP_END", ends)
    counters.update({f"end {k}": v for k, v in ends.items()})

    def work(n: int) -> int:
        for counter in counters.values():
            counter.chars = 0
        cue = "<v 张伟>" + "<v " * n + "说完了 <b>好</b> {\\an8}" + "{\\" * n + "结束"
        text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + cue + "\n"
        (only,) = transcripts.parse_text(text, "vtt").cues
        assert only.speaker == "张伟" and "说完了 好" in only.text and only.text.endswith("结束")
        return sum(c.chars for c in counters.values())

    grows_linearly(work, 2000)
