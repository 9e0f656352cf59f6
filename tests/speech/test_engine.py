"""The shipped Whisper base model through faster-whisper, on the committed clips."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jiwer
import numpy as np
import pytest

from facilitator.model import UserError
from facilitator.speech import Engine
from facilitator.speech.audio import decode, has_speech
from facilitator.speech.chinese import to_simplified
from facilitator.speech.whisper import BASE_SHA256, base_model_files
from tests.speech.conftest import EN, ZH, lines


def test_the_base_model_is_joined_in_memory_and_matches_its_published_hash() -> None:
    files = base_model_files()
    assert hashlib.sha256(files["model.bin"]).hexdigest() == BASE_SHA256
    assert {"config.json", "tokenizer.json", "vocabulary.txt"} <= set(files)


def test_english_clip_becomes_three_timed_lines_close_to_what_was_said(engine: Engine) -> None:
    heard = engine.transcribe(decode(EN), "en")
    assert heard.language == "en"
    said = lines("en.txt")
    assert len(heard.segments) == len(said)
    got = " ".join(s.text for s in heard.segments)
    norm = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                          jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
    assert jiwer.wer(" ".join(said), got, reference_transform=norm, hypothesis_transform=norm) < 0.25
    # each line starts after the one before ends, inside the clip
    starts = [s.start for s in heard.segments]
    assert starts == sorted(starts)
    assert heard.segments[-1].end <= heard.duration + 0.5
    assert "Friday" in heard.segments[0].text


def test_traditional_characters_are_converted_and_latin_text_is_left_alone() -> None:
    assert to_simplified("財務明天發給客戶 Friday") == "财务明天发给客户 Friday"


def test_a_file_that_is_not_audio_or_is_silent_is_refused_in_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.mp3"
    notes.write_text("决定: 周五发货\n", encoding="utf-8")
    with pytest.raises(UserError, match="not an audio recording"):
        decode(notes)
    silent = tmp_path / "silent.wav"
    import wave

    with wave.open(str(silent), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * 32000)
    with pytest.raises(UserError, match="silent"):
        decode(silent)


def test_the_voice_detector_hears_the_clip_but_not_noise() -> None:
    assert has_speech(decode(EN))
    rng = np.random.default_rng(1)
    assert not has_speech((rng.standard_normal(48000) * 0.01).astype(np.float32))


def test_without_a_language_the_clip_is_heard_as_chinese_or_english_never_a_third(engine: Engine) -> None:
    # Whisper's own detection over 99 languages takes this robotic Mandarin clip for Thai
    zh = engine.transcribe(decode(ZH))
    assert zh.language == "zh"
    assert any("\u4e00" <= ch <= "\u9fff" for s in zh.segments for ch in s.text)
    assert engine.transcribe(decode(EN)).language == "en"
