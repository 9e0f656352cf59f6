"""Live listening, fed from a real recording at real-time pace through the same pipeline a
microphone uses (``FileSource`` is an ``AudioSource`` like ``MicrophoneSource``)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

from facilitator.model import Cue
from facilitator.service import Service
from facilitator.speech import Engine
from facilitator.speech.sources import FileSource
from tests.conftest import REPO, cli_env
from tests.speech.conftest import EN

# where espeak-ng's three English lines are, in seconds (Silero VAD on en.ogg)
SPOKEN = [(0.1, 5.4), (6.3, 10.2), (11.0, 15.0)]


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def test_cues_arrive_while_typing_lands_once_and_all_is_filed_under_the_stage(home: Path, engine: Engine) -> None:
    svc = Service(home)
    meeting = svc.record.new_meeting("weekly", language="en")
    assert meeting.id is not None
    svc.record.update_meeting(meeting.id, stage="boundaries")
    heard: queue.Queue[Cue] = queue.Queue()
    listener = svc.record.listener(meeting.id, heard.put, source=FileSource(EN))
    listener.start()
    typed = 0
    cues: list[Cue] = []
    while listener.busy or not heard.empty():
        svc.record.capture(meeting.id, f"typed line {typed}")  # the facilitator keeps typing
        typed += 1
        try:
            cue = heard.get(timeout=0.5)
        except queue.Empty:
            continue
        cues.append(cue)
        svc.record.record_heard(meeting.id, cue, "boundaries")
    listener.wait()
    while not heard.empty():
        cue = heard.get()
        cues.append(cue)
        svc.record.record_heard(meeting.id, cue, "boundaries")
    assert len(cues) == 3, [c.text for c in cues]
    for cue, (start, end) in zip(cues, SPOKEN, strict=True):
        assert cue.start is not None and cue.end is not None
        assert start - 0.5 <= cue.start < cue.end <= end + 0.5, (cue, start, end)
    assert "Friday" in cues[0].text and "credit" in cues[1].text
    notes = Service(home).record.meeting(meeting.id).notes
    typed_notes = [n.text for n in notes if n.text.startswith("typed line")]
    assert typed_notes == [f"typed line {i}" for i in range(typed)]  # each exactly once, in order
    heard_notes = [n for n in notes if not n.text.startswith("typed line")]
    assert [n.stage for n in heard_notes] == ["boundaries"] * 3
    assert heard_notes[0].text.startswith("[00:00]") and "Friday" in heard_notes[0].text
    # the recording stays with the meeting, whole
    assert listener.recording.parent == home / "recordings" / f"meeting-{meeting.id}"
    assert abs(_wav_seconds(listener.recording) - 16.1) < 0.2
    assert len(listener.latencies) == 3


def test_stopping_mid_sentence_finishes_the_tail(home: Path, engine: Engine) -> None:
    svc = Service(home)
    meeting = svc.record.new_meeting("weekly", language="en")
    assert meeting.id is not None
    cues: list[Cue] = []
    listener = svc.record.listener(meeting.id, cues.append, source=FileSource(EN))
    listener.start()
    while listener.seconds < 9.0:  # in the middle of the second line
        time.sleep(0.05)
    listener.stop()
    assert len(cues) == 2, [c.text for c in cues]
    assert "Friday" in cues[0].text and "Finance" in cues[1].text
    assert 8.9 <= _wav_seconds(listener.recording) < 10.5


KILLED = """
import sys, time
from pathlib import Path
from facilitator.service import Service
from facilitator.speech.sources import FileSource
svc = Service(Path(sys.argv[1]))
m = svc.record.new_meeting("killed", language="en")
listener = svc.record.listener(m.id, lambda cue: None, source=FileSource(Path(sys.argv[2])))
listener.start()
print(listener.recording, flush=True)
listener.wait()
"""


def test_kill_9_leaves_a_playable_recording_missing_at_most_a_second(home: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(home), str(EN)], stdout=subprocess.PIPE,
                            text=True, env=cli_env(), cwd=REPO)
    assert proc.stdout is not None
    recording = Path(proc.stdout.readline().strip())
    started = time.monotonic()
    time.sleep(6.0)
    os.kill(proc.pid, signal.SIGKILL)
    elapsed = time.monotonic() - started
    proc.wait()
    kept = _wav_seconds(recording)  # the header covers what was synced
    assert elapsed - 1.5 <= kept <= elapsed + 0.2, (kept, elapsed)
    size = recording.stat().st_size
    assert size >= 44 + kept * 32000
    from facilitator.speech.audio import decode

    assert decode(recording).size >= int(kept * 16000) - 1600
