"""``facilitator import RECORDING``: the same road as a transcript, from sound.

Every test runs the real recognizer on the committed clips (model loaded once per
session); the command-line ones run the real CLI as a subprocess.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.model import UserError
from facilitator.service import Service
from facilitator.speech.chinese import to_simplified
from facilitator.store import AlreadyImported
from tests.conftest import REPO, RunCli, cli_env
from tests.speech.conftest import EN, ZH
from tests.speech.encode import encode
from tests.test_cli import one_line_error


@pytest.mark.parametrize("suffix", [".wav", ".mp3", ".m4a", ".ogg", ".flac", ".webm"])
def test_each_recording_format_becomes_timed_cues(home: Path, tmp_path: Path, suffix: str, engine: object) -> None:
    clip = tmp_path / f"meeting{suffix}"
    encode(EN, clip, seconds=6.0)  # the first line and the pause after it
    result = Service(home).record.import_file(clip)
    cues = result.transcript.cues
    assert len(cues) == 1, [c.text for c in cues]
    assert cues[0].language == "en" and cues[0].start is not None and cues[0].end is not None
    assert "Friday" in cues[0].text
    assert not (home / "meetings.db").exists() or not Service(home).record.meetings()


def test_a_recording_into_a_chinese_meeting_is_heard_in_chinese_and_stored_once(home: Path, engine: object) -> None:
    svc = Service(home)
    # a meeting titled in Chinese forces Chinese: detection takes this robotic clip for Thai
    result = svc.record.import_file(ZH, new_title="周会")
    assert result.language == "zh" and result.meeting_id is not None
    meeting = svc.record.meeting(result.meeting_id)
    assert meeting.id is not None and meeting.language == "zh"
    assert result.recorded.get("note") == len(result.transcript.cues) >= 2
    notes = [n.text for n in svc.record.meeting(meeting.id).notes]
    assert notes[0].startswith("[00:0")  # stamped with the time it was said
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in notes)
    text = "".join(c.text for c in result.transcript.cues)
    assert to_simplified(text) == text  # Whisper's traditional characters were converted
    with pytest.raises(AlreadyImported):
        svc.record.import_file(ZH, meeting_id=meeting.id)
    assert len(Service(home).record.meeting(meeting.id).notes) == len(notes)


def test_cli_import_recording_new_meeting_json_keeps_its_shape(run_cli: RunCli) -> None:
    proc = run_cli("import", str(EN), "--new", "weekly", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"cues", "warnings"}
    assert [set(c) >= {"speaker", "start", "end", "text"} for c in out["cues"]] == [True] * 3
    assert out["cues"][0]["language"] == "en" and out["cues"][0]["end"] > out["cues"][0]["start"]
    assert out["recorded"]["note"] == 3
    # then the extractor's suggestions, as for any transcript
    assert any(x["owner"] == "Finance" and "credit limit" in x["text"] for x in out["suggestions"]), out["suggestions"]
    assert [m["title"] for m in json.loads(run_cli("meetings", "--json").stdout)] == ["weekly"]


def test_cli_refuses_a_file_that_is_not_sound_or_is_silent(run_cli: RunCli, tmp_path: Path) -> None:
    fake = tmp_path / "notes.m4a"
    fake.write_text("决定: 周五发货\n", encoding="utf-8")
    assert "not an audio recording" in one_line_error(run_cli("import", str(fake), "--new", "x"))
    silent = tmp_path / "silent.flac"
    import wave

    raw = tmp_path / "silent.wav"
    with wave.open(str(raw), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * 48000)
    encode(raw, silent)
    assert "silent" in one_line_error(run_cli("import", str(silent), "--new", "x"))
    assert json.loads(run_cli("meetings", "--json").stdout) == []


def _run_in_pty(args: list[str], home: Path, until: bytes | None = None) -> tuple[subprocess.Popen[bytes], bytes, int]:
    """Run the CLI with its stderr on a terminal; read it until ``until`` is seen (or the end).
    Returns the terminal too: the caller closes it once the process has ended (closing it
    earlier would fail the process's next write to stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "facilitator", "--home", str(home), *args],
                            stdout=subprocess.PIPE, stderr=slave, env=cli_env(), cwd=REPO)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if until is not None and until in seen:
                break
        elif proc.poll() is not None:
            break
    if until is None:
        proc.wait(timeout=60)
    return proc, seen, master


def test_cli_shows_a_progress_bar_with_time_left_on_a_terminal(home: Path) -> None:
    proc, stderr, tty = _run_in_pty(["import", str(EN), "--new", "weekly"], home)
    os.close(tty)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.returncode == 0, stderr
    assert b"\ren.ogg: [" in stderr and b"100%" in stderr and b"left\x1b[K" in stderr  # redrawn in place
    assert "3 cues (recording, en)" in out and "recorded into meeting 1: 3 note" in out


def test_ctrl_c_while_transcribing_leaves_nothing_written(home: Path, run_cli: RunCli) -> None:
    proc, _, tty = _run_in_pty(["import", str(ZH), "--new", "周会"], home, until=b"reading the recording")
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    os.close(tty)
    assert json.loads(run_cli("meetings", "--json").stdout) == []


def test_a_meeting_that_does_not_exist_is_refused_before_transcribing(home: Path) -> None:
    with pytest.raises(UserError):
        Service(home).record.import_file(EN, meeting_id=99)
