"""Finding 1 of issue 25: the API key never reaches the terminal in any encoding a
streamed answer can carry it, and no streamed text is dropped on the way.

The local endpoint (tests/openai_server.py ``leaking``) streams a valid draft in
three-character chunks with the key in one decision, written as-is, as JSON
``\\uXXXX`` escapes (either case, mixed, doubly escaped) or percent-encoded.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest

from facilitator.redact import StreamMasker, scrub
from tests.conftest import RunCli, cli_env
from tests.openai_server import KEY_ENCODINGS, FakeOpenAI, leaking

KEY = "sk-proj-Q7vN2xR9tL4mW8kP3sB6yH1c"


def decoded(text: str) -> str:
    """``text`` with every escape and percent-encoding undone, as an attacker would read it."""
    for _ in range(2):
        text = re.sub(r"\\+u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    return urllib.parse.unquote(text)


def leaked(text: str) -> str | None:
    """The longest run (6+ characters) of the key that ``text`` shows in any form."""
    plain = decoded(text)
    for size in range(len(KEY), 5, -1):
        for start in range(len(KEY) - size + 1):
            if KEY[start:start + size] in plain:
                return KEY[start:start + size]
    return None


@pytest.mark.parametrize("encoding", list(KEY_ENCODINGS))
@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11])
def test_the_stream_masker_catches_every_encoding_split_anywhere(encoding: str, size: int) -> None:
    text = f"前面的字 {KEY_ENCODINGS[encoding](KEY)} 后面的字 and more"
    masker = StreamMasker(KEY)
    pieces = [masker.feed(text[i:i + size]) for i in range(0, len(text), size)] + [masker.finish()]
    assert "".join(pieces) == "前面的字 *** 后面的字 and more"  # masked, nothing dropped or doubled
    assert scrub(text, KEY) == "前面的字 *** 后面的字 and more"


def test_the_stream_masker_passes_text_through_without_a_key() -> None:
    masker = StreamMasker("")
    assert masker.feed("abc") == "abc" and masker.finish() == ""


@pytest.mark.parametrize("encoding", list(KEY_ENCODINGS))
def test_draft_llm_never_shows_the_key(encoding: str, run_cli: RunCli, notes_zh: Path, home: Path) -> None:
    (home / "config.toml").write_text("[llm]\nretries = 0\ntimeout = 5\n", encoding="utf-8")
    with FakeOpenAI() as server:
        reply, shown = leaking(KEY, encoding)
        server.add(reply)
        env = cli_env(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=KEY, FACILITATOR_LLM_MODEL="test-model")
        proc = run_cli("draft", "--from", str(notes_zh), "--llm", env=env)
    assert proc.returncode == 0, proc.stderr
    assert shown in proc.stderr  # the stream, masked, every character of the rest kept
    expected = json.dumps(json.loads(reply.content.replace(KEY_ENCODINGS[encoding](KEY), "KEY")),
                          ensure_ascii=False).replace("KEY", "***")
    assert expected in proc.stderr
    written = [p.read_text(encoding="utf-8") for p in home.rglob("*") if p.is_file() and p.suffix in (".txt", ".log")]
    for text in [proc.stdout, proc.stderr, *written]:
        assert leaked(text) is None, (encoding, leaked(text))
