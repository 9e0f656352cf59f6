"""Speech to text: accuracy, speed, latency and memory, the engine alone beside the app's paths.

For each clip (the committed espeak-ng fixtures by default, or ``--clips DIR`` of real
recordings, each ``NAME.wav|mp3|m4a|ogg|flac|webm`` beside ``NAME.txt`` with what was
said), four ways through the same engine:

- ``engine``:     the engine called directly on the decoded samples, language forced;
- ``detect``:     the same with the language detected (what ``import --new`` does);
- ``hotwords``:   forced, with the clip's names and terms as hotwords (``[speech] hotwords``):
                  kept on only if it lowers the error (``NAME.terms`` beside the clip, else none);
- ``import``:     ``Service.import_file`` (decode, voice check, transcribe, VTT, the store);
- ``live``:       the live pipeline, the clip played at real-time pace as a microphone would
                  be: cut at pauses, transcribed in its own thread; latency is the time from
                  the end of an utterance's speech to its cue. Meanwhile a line is typed
                  (committed to the store) every 0.2 s, and the time each commit takes is shown.

Error: word error rate for English, character error rate for Chinese, after simplified
conversion, with punctuation and spaces removed (``jiwer``). Real-time factor: seconds of
transcribing per second of sound. Peak memory: the process's maximum resident set.

    python bench/speech.py [--clips DIR] [--no-live]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".flac", ".webm")


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def normalise(text: str, chinese: bool) -> str:
    from facilitator.speech.chinese import to_simplified

    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    text = re.sub(r"\s+", " " if not chinese else "", text).strip()
    return text


def error(reference: str, heard: str) -> float:
    import jiwer

    chinese = is_chinese(reference)
    ref, hyp = normalise(reference, chinese), normalise(heard, chinese)
    return float(jiwer.cer(ref, hyp) if chinese else jiwer.wer(ref, hyp))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=Path, default=REPO / "tests" / "data" / "speech")
    parser.add_argument("--no-live", action="store_true", help="skip the real-time live runs")
    args = parser.parse_args()

    from facilitator.config import SpeechSettings
    from facilitator.model import Cue
    from facilitator.service import Service
    from facilitator.speech.audio import decode
    from facilitator.speech.engines import engine_for
    from facilitator.speech.sources import FileSource

    clips = sorted(p for p in args.clips.iterdir() if p.suffix.lower() in SUFFIXES and p.with_suffix(".txt").exists())
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; clips from {args.clips}")
    before = peak_mb()
    started = time.perf_counter()
    engine = engine_for(SpeechSettings())
    engine.load()
    print(f"load: {time.perf_counter() - started:.2f} s, peak memory {before:.0f} -> {peak_mb():.0f} MB\n")

    rows: list[tuple[str, str, float, float, str]] = []
    lat_all: list[float] = []
    typing: list[float] = []
    metrics: dict[str, str] = {}  # CER for a Chinese reference, WER otherwise (as error() scores it)
    for clip in clips:
        said = clip.with_suffix(".txt").read_text(encoding="utf-8")
        lang = "zh" if is_chinese(said) else "en"
        metrics[clip.name] = "CER" if lang == "zh" else "WER"
        terms_file = clip.with_suffix(".terms")
        terms = terms_file.read_text(encoding="utf-8").strip() if terms_file.exists() else None
        samples = decode(clip)
        seconds = samples.size / 16000

        def run(language: str | None, hotwords: str | None = None, samples: Any = samples,
                seconds: float = seconds, said: str = said) -> tuple[float, float, str]:
            t = time.perf_counter()
            heard = engine.transcribe(samples, language, hotwords=hotwords)
            took = time.perf_counter() - t
            text = " ".join(s.text for s in heard.segments)
            return took / seconds, error(said, text), f"heard {heard.language}"

        for way, language, hotwords in (("engine", lang, None), ("detect", None, None),
                                        ("hotwords", lang, terms)):
            if way == "hotwords" and not terms:
                continue
            rtf, err, note = run(language, hotwords)
            rows.append((clip.name, way, rtf, err, note))

        with tempfile.TemporaryDirectory() as home:
            svc = Service(Path(home))
            meeting = svc.record.new_meeting("bench", language=lang)
            assert meeting.id is not None
            t = time.perf_counter()
            result = svc.record.import_file(clip, meeting_id=meeting.id)
            took = time.perf_counter() - t
            rows.append((clip.name, "import", took / seconds,
                         error(said, " ".join(c.text for c in result.transcript.cues)),
                         f"{result.cue_count} cues"))
            if not args.no_live:
                cues: list[Cue] = []
                listener = svc.record.listener(meeting.id, cues.append, source=FileSource(clip))
                listener.start()
                while listener.busy:
                    t = time.perf_counter()  # the facilitator types on while it listens
                    svc.record.capture(meeting.id, f"typed while listening {len(typing)}")
                    typing.append(time.perf_counter() - t)
                    time.sleep(0.2)
                listener.wait()
                lat = listener.latencies
                lat_all += lat
                rows.append((clip.name, "live", float("nan"), error(said, " ".join(c.text for c in cues)),
                             f"{len(cues)} cues; cue after utterance end: median "
                             f"{statistics.median(lat):.2f} s, max {max(lat):.2f} s" if lat else "no cues"))
            svc.close()

    print(f"{'clip':<14} {'way':<9} {'RTF':>5} {'error':>6}  notes")
    for name, way, rtf, err, note in rows:
        metric = metrics.get(name, "WER")
        rtf_s = "  -  " if rtf != rtf else f"{rtf:5.2f}"
        print(f"{name:<14} {way:<9} {rtf_s} {err:6.3f}  {metric}; {note}")
    if lat_all:
        print(f"\nlive: cue after the end of its utterance, all clips: median {statistics.median(lat_all):.2f} s, "
              f"max {max(lat_all):.2f} s (n={len(lat_all)})")
    if typing:
        typing.sort()
        print(f"typed lines committed while listening: median {statistics.median(typing) * 1000:.0f} ms, "
              f"p95 {typing[int(len(typing) * 0.95)] * 1000:.0f} ms, max {typing[-1] * 1000:.0f} ms (n={len(typing)})")
    print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
