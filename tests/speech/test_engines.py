"""``[speech]`` in config.toml: a CTranslate2 model folder or an OpenAI-compatible endpoint,
and ``doctor`` naming the engine in use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.config import load_settings
from facilitator.model import Participant, UserError
from facilitator.service import Service
from facilitator.speech import Engine
from facilitator.speech.whisper import WhisperEngine, base_model_files
from tests.conftest import REPO, cli_env
from tests.speech.conftest import EN
from tests.speech.encode import encode
from tests.speech.transcription_server import TranscriptionServer


def _config(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_an_endpoint_transcribes_with_its_own_key_from_the_environment(
        home: Path, tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    clip = tmp_path / "first.wav"
    encode(EN, clip, seconds=6.0)
    with TranscriptionServer(engine) as server:
        _config(home, f'[speech]\nurl = "{server.url}"\nmodel = "local-whisper"\n')
        monkeypatch.setenv("FACILITATOR_SPEECH_API_KEY", "sk-speech-only")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-chat-model")
        svc = Service(home)
        assert svc.settings.speech.kind == "endpoint"
        result = svc.record.import_file(clip)
        doctor = {c.name: c for c in svc.doctor.checks()}
        # with hotwords on, a meeting's names and terms go with its recording
        _config(home, f'[speech]\nurl = "{server.url}"\nhotwords = true\n')
        meeting = Service(home).record.new_meeting("周会", customer="华东管业", order="PO-7",
                                            participants=[Participant("李伟", department="财务部")])
        assert meeting.id is not None
        Service(home).record.import_file(clip, meeting_id=meeting.id)
    posted = [r for r in server.requests if r["path"].endswith("/audio/transcriptions")]
    assert len(posted) == 2
    assert "prompt" not in posted[0]["fields"]
    assert posted[1]["fields"]["prompt"] == "华东管业 PO-7 李伟 财务部"
    assert posted[1]["fields"]["language"] == "zh"  # the meeting's language, forced
    assert posted[0]["headers"]["authorization"] == "Bearer sk-speech-only"
    assert posted[0]["fields"]["model"] == "local-whisper"
    assert posted[0]["fields"]["file"][:4] == b"RIFF"
    cues = result.transcript.cues
    assert len(cues) == 1 and "Friday" in cues[0].text and cues[0].language == "en"
    assert doctor["speech"].ok and not doctor["speech"].warning
    assert server.url in doctor["speech"].detail and "sk-speech-only" not in doctor["speech"].detail


def test_an_endpoint_that_does_not_answer_is_one_line(home: Path, tmp_path: Path) -> None:
    _config(home, '[speech]\nurl = "http://127.0.0.1:9/v1"\n')
    svc = Service(home)
    with pytest.raises(UserError, match="speech endpoint http://127.0.0.1:9/v1"):
        svc.record.import_file(EN)
    check = next(c for c in svc.doctor.checks() if c.name == "speech")
    assert check.warning and "does not answer" in check.detail


def test_the_key_is_never_read_from_config_toml(home: Path) -> None:
    _config(home, '[speech]\nurl = "http://127.0.0.1:9/v1"\napi_key = "sk-on-disk"\n')
    with pytest.raises(UserError, match="FACILITATOR_SPEECH_API_KEY"):
        load_settings(home, env={})


def test_a_model_folder_is_loaded_from_disk(tmp_path: Path, engine: Engine) -> None:
    folder = tmp_path / "whisper-base-ct2"
    folder.mkdir()
    for name, data in base_model_files().items():
        (folder / name).write_bytes(data)
    from facilitator.speech.audio import decode

    heard = WhisperEngine(folder, threads=2).transcribe(decode(EN)[: 16000 * 6], "en")
    assert "Friday" in heard.segments[0].text


def test_doctor_names_the_engine_and_whether_it_loads(home: Path, tmp_path: Path) -> None:
    def doctor() -> str:
        proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), "doctor"],
                              capture_output=True, text=True, env=cli_env(), cwd=REPO, timeout=120)
        return next(line for line in proc.stdout.splitlines() if line.split()[1:2] == ["speech"])

    line = doctor()
    assert line.startswith("ok") and "whisper-base (shipped in PyPI packages): loads" in line
    _config(home, f'[speech]\npath = "{tmp_path}"\n')
    line = doctor()
    assert line.startswith("BAD") and "no CTranslate2 model.bin" in line
