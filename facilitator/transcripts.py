"""Transcript and notes import: WebVTT, SRT, plain text and Markdown into a `Transcript`.

Why this exists: the record of a coordination meeting reaches us as a caption file
exported by Teams or Zoom, an SRT from a transcription tool, or notes typed in an
editor, in whatever encoding that tool chose (UTF-16 from Windows tools, GB18030 from
older Chinese software). `facilitator import` must turn all of them into one shape,
a list of cues (speaker, start, end, text), so the drafter and the quick-capture
parser never care where a meeting record came from. Unreadable input is refused
with one line naming the file, never a traceback; a malformed cue inside an
otherwise good file is skipped and reported in `Transcript.warnings`, so one bad line
does not cost the user the whole meeting.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from facilitator.model import Cue, Transcript, UserError
from facilitator.textforms import fold

FORMATS = ("vtt", "srt", "txt", "md")
SUFFIX_FORMATS = {
    ".vtt": "vtt", ".srt": "srt", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
}

MAX_SPEAKER_CHARS = 30
MAX_SPEAKER_WORDS = 4
# Share of control characters above which a file is taken for binary data.
CONTROL_RATIO = 0.05

# Quick-capture keywords (design.md section 6) and other labels that are never a
# person: a line that starts with one keeps speaker None and its full text.
_MARKER_WORDS = (
    "决定", "决议", "Decision", "问题", "Question", "障碍", "Obstacle", "参会", "Note", "注意",
    "截止", "due", "Notes", "Action", "Actions", "TODO", "Agenda", "议题", "议程", "结论", "待办",
    "备注", "依据", "basis",
)
MARKER_WORDS = frozenset(w.casefold() for w in _MARKER_WORDS)
# The fields a page of minutes or a mail opens with (时间：…, 地点：…, 记录：刘晓雨, Cc: …):
# never a person, matched whole (另 and 附 are also the first character of other words).
PAGE_LABELS = frozenset(w.casefold() for w in (
    "时间", "地点", "日期", "主持", "主持人", "记录", "记录人", "整理", "整理人", "抄送", "收件人", "发件人",
    "主题", "会议主题", "会议时间", "会议地点", "提交人", "接收人", "汇报人", "另", "附", "附件", "说明",
    "缺席", "列席", "请假", "出席", "参加", "与会", "到会", "在场", "审核", "签发",
    "Date", "Time", "Location", "Venue", "Subject", "From", "To", "Cc", "Bcc", "Present", "Absent",
    "Apologies", "Regrets", "Attendees", "Participants", "Minutes", "Recorder", "Scribe", "Note taker",
))
_CJK_MARKERS = tuple(w for w in MARKER_WORDS if not w.isascii())

# [hh:]mm:ss[.mmm] with "," or "." before the fraction (SRT uses a comma); single-digit
# fields (``0:0:3.540``, as some exporters write and other players read) too.
_TS = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s.*)?$")
_BRACKET_TIME = re.compile(rf"^[\[【]\s*{_TS}\s*[\]】]\s*")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)*(?:[ \t]+([^<>]*))?>", re.IGNORECASE)
# Markup tags (<c>, <b>, <i>, <font ...>, </v>), karaoke timestamps and SRT {\an8}, each
# tried on one candidate only (see ``_markup``).
_TAG_BODY = re.compile(r"</?[a-zA-Z][\w.-]*(?:[ \t][^<>]*)?>|<\d+(?::\d{2})+(?:\.\d+)?>|\{\\[^{}]*\}")
_MARKUP_START = re.compile(r"[<{]")
_MARKUP_END = {"<": re.compile(r"[<>]"), "{": re.compile(r"[{}]")}
_VTT_SKIP = re.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")
_COLON = re.compile(r"[:：]")
_CLOCK = re.compile(r"\d\s*[:：]\s*\d")
# A clock time is a number of its own before the colon and two digits after it (10:30,
# 9：05); ``说话人4：2 月 10 号`` is a speaker whose label ends in a digit, then the text.
_CLOCK_BEFORE = re.compile(r"(?<![^\W\d_])\d{1,2}\s*$")
_CLOCK_AFTER = re.compile(r"\s*\d{2}(?!\d)")
_MD_PREFIX = re.compile(r"^(?:#{1,6}(?:\s+|$)|>\s?|(?:[-*+]|\d{1,3}[.)])(?:\s+(?:\[[ xX]\](?:\s+|$))?|$))")
_MD_SKIP = re.compile(r"^(?:(?:[-*_]\s*){3,}|```.*|~~~.*|<!--.*-->)$")


# --------------------------------------------------------------------- decoding


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Unicode category Cc (U+0000-001F, U+007F-009F) less the whitespace controls \\t\\n\\v\\f\\r."""


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def wide_without_bom(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, told by where the zero bytes of the
    first character fall (as JSON's RFC 4627 did): a subtitle or notes file starts
    with an ASCII character (``WEBVTT``, a cue number, a heading). The name is a codec
    that reads no mark."""
    if len(head) < 4 or not any(head):
        return None
    zero = [b == 0 for b in head]
    if zero == [True, True, True, False]:
        return "utf-32be"
    if zero == [False, True, True, True]:
        return "utf-32le"
    if zero[0] and not zero[1] and zero[2] and not zero[3]:
        return "utf-16be"
    if not zero[0] and zero[1] and not zero[2] and zero[3]:
        return "utf-16le"
    return None


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a transcript file; returns (text without BOM, encoding name).

    Accepts UTF-8 (with or without BOM), UTF-16 and UTF-32 (with a BOM, or without
    one when the text starts with an ASCII character) and GB18030 (a superset of GBK). Raises `UserError` naming the file for empty, binary or undecodable data.
    """
    if not data.strip():
        raise UserError("{name}: file is empty", name=name)
    binary = UserError("{name}: looks like a binary file, not a transcript", name=name)
    boms: tuple[tuple[bytes, str, str], ...] = (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),  # before UTF-16 LE: FF FE 00 00 starts both
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    )
    wide = wide_without_bom(data[:4])
    if wide is not None:
        boms += ((b"", wide, wide),)
    for bom, label, codec in boms:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise UserError(f"{name}: starts with a {label} mark but is not valid {label} text") from None
            encoding = label
            break
    else:
        if b"\x00" in data:
            raise binary
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            if _control_ratio(data.decode("ascii", "replace")) > CONTROL_RATIO:
                raise binary
            raise UserError("{name}: cannot decode the text (tried UTF-8, UTF-16, UTF-32 and GB18030)", name=name)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UserError("{name}: file is empty", name=name)
    if "\x00" in text or _control_ratio(text) > CONTROL_RATIO:
        raise binary
    return text, encoding


# --------------------------------------------------------------------- speakers


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or o >= 0x20000


def _join(parts: list[str]) -> str:
    """Join wrapped caption lines: a space, except between two CJK characters."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_is_cjk(out[-1]) and _is_cjk(part[0])):
            out += " "
        out += part
    return out


def is_speaker_name(name: str) -> bool:
    """True when `name` (the text before a colon) can be a person's name."""
    if not name or len(name) > MAX_SPEAKER_CHARS or len(name.split()) > MAX_SPEAKER_WORDS:
        return False
    if not name[0].isalpha() or _CLOCK.search(name):
        return False
    folded = fold(name)
    first_word = folded.split()[0].rstrip("0123456789.#")
    if first_word in MARKER_WORDS or folded.startswith(_CJK_MARKERS) or folded.strip() in PAGE_LABELS:
        return False
    if folded.startswith(("http", "www.")) or "=>" in folded or "->" in folded:
        return False
    if any(c in folded for c in '<>?!。,;"“”[]【】/'):
        return False
    return folded.count("(") == folded.count(")")


def split_speaker(line: str) -> tuple[str | None, str]:
    """Split `Name: text` / `Name：text`; returns (None, line) when it is not a speaker.

    Clock times (`10:30 我们开始`), URLs, quick-capture keywords (`决定：…`) and
    actions (`@吴工：…`) are never taken for a speaker.
    """
    text = line.strip()
    if not text or text.startswith(("@", "＠")):
        return None, text
    for match in _COLON.finditer(text):
        before, after = text[: match.start()], text[match.end():]
        if _CLOCK_BEFORE.search(before) and _CLOCK_AFTER.match(after):
            continue  # a clock time such as 10:30, not a speaker separator
        name, rest = before.strip(), after.strip()
        if after.startswith("//") or not rest or not is_speaker_name(name):
            return None, text
        return name, rest
    return None, text


# --------------------------------------------------------------------- vtt / srt


def _seconds(groups: tuple[str | None, ...]) -> float | None:
    hours, minutes, secs, frac = groups
    if int(minutes or 0) >= 60 or int(secs or 0) >= 60:
        return None
    millis = int((frac or "0").ljust(3, "0"))
    return round(int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(secs or 0) + millis / 1000, 3)


def _parse_timing(line: str) -> tuple[float, float] | None:
    match = _TIMING.match(line)
    if not match:
        return None
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:8])
    if start is None or end is None or end < start:
        return None
    return start, end


def _markup(raw: str) -> tuple[str | None, str]:
    """A cue line without its markup, and the name of its first ``<v Name>`` tag.

    One pass: a tag candidate runs from a ``<`` (or ``{``) to the first closing or
    opening bracket after it, and only that candidate is matched, so each character is
    looked at a bounded number of times. (A pattern tried at every ``<`` read to the end
    of the line from each: a 100 KB cue of ``<v <v <v`` took minutes.)"""
    out: list[str] = []
    speaker: str | None = None
    voiced = False
    i = 0
    while (start := _MARKUP_START.search(raw, i)) is not None:
        p = start.start()
        end = _MARKUP_END[raw[p]].search(raw, p + 1)
        closing = ">" if raw[p] == "<" else "}"
        if end is None or raw[end.start()] != closing:
            out.append(raw[i:p + 1])
            i = p + 1
            continue
        candidate = raw[p:end.end()]
        if _TAG_BODY.fullmatch(candidate) is None:
            out.append(raw[i:p + 1])
            i = p + 1
            continue
        if not voiced and (voice := _VOICE.fullmatch(candidate)) is not None:
            voiced = True
            speaker = (voice.group(1) or "").strip() or None
        out.append(raw[i:p])
        i = end.end()
    out.append(raw[i:])
    return speaker, "".join(out)


def _segments(lines: list[str], vtt: bool) -> list[tuple[str | None, str]]:
    """Cue text lines -> (speaker, text) runs; a `<v Name>` on any line starts a new run."""
    runs: list[tuple[str | None, list[str]]] = []
    for i, raw in enumerate(lines):
        speaker, text = _markup(raw)
        if vtt:
            text = html.unescape(text).replace("\xa0", " ")
        text = text.strip()
        if speaker is None and i == 0:
            speaker, text = split_speaker(text)  # Zoom style: "Name: text"
        if not runs or (speaker is not None and speaker != runs[-1][0]):
            runs.append((speaker, []))
        runs[-1][1].append(text)
    return [(speaker, _join(parts)) for speaker, parts in runs if _join(parts)]


def _blocks(lines: Iterable[str]) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its 1-based number, one run at a time."""
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            yield current
            current = []
    if current:
        yield current


class _Lines:
    """Line numbers for a warning: the first ten kept, the rest only counted."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.count = 0

    def add(self, number: int) -> None:
        self.count += 1
        if len(self.first) < 10:
            self.first.append(number)

    def __str__(self) -> str:
        shown = ", ".join(str(n) for n in self.first)
        more = f" and {self.count - 10} more" if self.count > 10 else ""
        return f"line{'s' if self.count > 1 else ''} {shown}{more}"


def _iter_timed(lines: Iterable[str], fmt: str, name: str, warnings: list[str]) -> Iterator[Cue]:
    """Cues of a WebVTT or SRT file, block by block; warnings are added when it ends."""
    vtt = fmt == "vtt"
    failed, orphans = _Lines(), _Lines()
    total = found = 0
    has_header = False
    for index, block in enumerate(_blocks(lines)):
        if index == 0:
            has_header = block[0][1].strip().startswith("WEBVTT")
            if vtt and not has_header:
                warnings.append("no WEBVTT header; parsed as WebVTT anyway")
        header = vtt and has_header and index == 0
        if vtt and not header and _VTT_SKIP.match(block[0][1].strip()):
            continue  # NOTE, STYLE and REGION blocks carry no speech
        timings = [k for k, (_, line) in enumerate(block) if "-->" in line]
        if not header and (not timings or timings[0] > 1):
            orphans.add(block[0][0])  # text with no timing line of its own
        for j, t in enumerate(timings):
            stop = timings[j + 1] if j + 1 < len(timings) else len(block)
            if stop < len(block) and stop - 1 > t and block[stop - 1][1].strip().isdigit():
                stop -= 1  # the next cue's counter, when blank lines are missing
            total += 1
            number, timing_line = block[t]
            span = _parse_timing(timing_line)
            runs = _segments([line for _, line in block[t + 1 : stop]], vtt) if span else []
            if not span or not runs:
                failed.add(number)
                continue
            for speaker, text in runs:
                found += 1
                yield Cue(speaker, text, span[0], span[1])
    if not found:
        raise UserError(f"{name}: no cues could be parsed")
    if failed.count:
        warnings.append(f"{failed.count} of {total} cues could not be parsed ({failed})")
    if orphans.count:
        warnings.append(f"text outside any timed cue was skipped ({orphans})")


# --------------------------------------------------------------------- txt / md


def _strip_markdown(line: str) -> str:
    return _markdown_parts(line)[1]


def _markdown_parts(line: str) -> tuple[str, str]:
    """(the heading, list and quote marks ``line`` began with, its text without them)."""
    if _MD_SKIP.match(line):
        return "", ""
    previous = None
    ticked = False
    marks = ""
    while previous != line:
        m = _MD_PREFIX.match(line)
        ticked = ticked or bool(m and re.search(r"\[[xX]\]", m.group(0)))
        if m:
            marks += re.sub(r"\s*\[[ xX]\]\s*", " ", m.group(0)).strip() + " "
        previous, line = line, _MD_PREFIX.sub("", line, count=1).strip()
    line = line.replace("**", "").strip()
    # a ticked box (- [x] …) is something already done: the mark stays, so a reader of the
    # notes can tell it from an open one (- [ ] …, whose box is dropped)
    return marks, (f"☑ {line}" if ticked and line else line)


FRONT_MATTER_LINES = 200
"""A Markdown file's YAML front matter ends within this many lines, or it is taken as text."""


def _without_front_matter(lines: Iterator[str]) -> Iterator[str]:
    first = next(lines, None)
    if first is None:
        return
    if first.strip() != "---":
        yield first
        yield from lines
        return
    held = [first]
    for line in lines:
        held.append(line)
        if line.strip() == "---":
            yield from lines  # the front matter is dropped
            return
        if len(held) > FRONT_MATTER_LINES:
            break
    yield from held
    yield from lines


def _iter_plain(lines: Iterable[str], fmt: str, name: str) -> Iterator[Cue]:
    stream = iter(lines)
    if fmt == "md":
        stream = _without_front_matter(stream)
    found = False
    for raw in stream:
        line = raw.strip()
        marks = ""
        if fmt == "md":
            marks, line = _markdown_parts(line)
        start: float | None = None
        match = _BRACKET_TIME.match(line)
        if match and (seconds := _seconds(match.groups())) is not None:
            start, line = seconds, line[match.end():]
        speaker, text = split_speaker(line)
        if text:
            found = True
            yield Cue(speaker, text, start, None, markup=marks)
    if not found:
        raise UserError("{name}: no text to import", name=name)


# --------------------------------------------------------------------- public API


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def sniff_format(text: str) -> str:
    """Guess the format of text from a file with an unknown suffix."""
    lines = _normalise(text).split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("WEBVTT"):
        return "vtt"
    if any("-->" in line and _TIMING.match(line) for line in lines):
        return "srt"
    return "txt"


def iter_cues(lines: Iterable[str], fmt: str, name: str, warnings: list[str]) -> Iterator[Cue]:
    """The cues of decoded lines in one of FORMATS, one at a time; ``warnings`` fills as it goes."""
    if fmt not in FORMATS:
        raise UserError("{name}: unknown transcript format {fmt!r} (use vtt, srt, txt or md)", name=name, fmt=fmt)
    if fmt in ("vtt", "srt"):
        return _iter_timed(lines, fmt, name, warnings)
    return _iter_plain(lines, fmt, name)


def parse_text(text: str, fmt: str, name: str = "transcript") -> Transcript:
    """Parse decoded text in one of FORMATS; `name` is used in error messages."""
    warnings: list[str] = []
    cues = list(iter_cues(_normalise(text).split("\n"), fmt, name, warnings))
    return Transcript(cues=cues, warnings=warnings, format=fmt)


DEFAULT_MAX_MB = 20
"""Files larger than this are refused unless the user raises the limit (``--max-size``):
a meeting's notes or captions are a few hundred kilobytes; a bigger file is more likely
the wrong file, and importing it holds the database's write lock for a while."""
_CHUNK = 1 << 20


@dataclass
class SourceFile:
    """A checked transcript or notes file, read again from disk whenever its lines are needed.

    Nothing holds the whole file in memory: a 50 MB file is read in chunks, once to hash
    and check it, then once per pass over its lines.
    """

    path: Path
    name: str
    size: int
    sha256: str
    encoding: str
    format: str

    def lines(self) -> Iterator[str]:
        """Decoded lines without their line ends (``\\r\\n`` and ``\\r`` count as ends)."""
        codec = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32",
                 "utf-32-be": "utf-32"}.get(self.encoding, self.encoding)
        with self.path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=codec, newline=None)
            first = True
            for line in text:
                if first:
                    line, first = line.lstrip("\ufeff"), False
                yield line[:-1] if line.endswith("\n") else line


def size_limit_error(name: str, size: int, max_bytes: int) -> UserError:
    mb = size / 1e6
    return UserError("{name}: {mb:.1f} MB is more than the {limit:.0f} MB import limit; check it is the"
                     " right file, or raise the limit with `import --max-size {raise_to}`",
                     name=name, mb=mb, limit=max_bytes / 1e6, raise_to=int(mb) + 1)


def open_source(path: Path, max_bytes: int | None = DEFAULT_MAX_MB * 1_000_000) -> SourceFile:
    """Check ``path`` before anything is parsed or written: size, encoding, binary data.

    Raises `UserError` naming the file for a missing, empty, oversized, binary or
    undecodable file, with the same words as ``decode_bytes``.
    """
    name = str(path)
    raw = _read_raw(path, name, max_bytes)
    if raw.blank:
        raise UserError("{name}: file is empty", name=name)
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
            (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    bom = next((label for mark, label in boms if raw.head.startswith(mark)), None) or wide_without_bom(raw.head)
    if bom is None and raw.nul:
        raise _binary(name)
    source = SourceFile(path, name, raw.size, raw.digest, "", "txt")
    fmt, controls, chars, nul_text = _decode(source, bom)
    if chars == 0:
        raise UserError("{name}: file is empty", name=name)
    if nul_text or controls / chars > CONTROL_RATIO:
        raise _binary(name)
    source.format = SUFFIX_FORMATS.get(path.suffix.lower()) or fmt
    return source


@dataclass
class _Raw:
    """What one pass over a file's bytes tells before any decoding."""

    size: int
    digest: str
    head: bytes
    """The first four bytes (where a byte-order mark would be)."""
    blank: bool
    nul: bool


def _read_raw(path: Path, name: str, max_bytes: int | None) -> _Raw:
    """The file's size, hash, first bytes, and whether it is blank or holds NULs, in one read."""
    try:
        if path.is_dir():
            raise UserError("{name}: is a directory, not a file", name=name)
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise size_limit_error(name, size, max_bytes)
        digest = hashlib.sha256()
        head = b""
        blank = True
        nul = False
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
                if len(head) < 4:
                    head += chunk[:4]
                blank = blank and not chunk.strip()
                nul = nul or b"\x00" in chunk
    except FileNotFoundError:
        raise UserError("{name}: no such file", name=name) from None
    except IsADirectoryError:
        raise UserError("{name}: is a directory, not a file", name=name) from None
    except OSError as exc:
        raise UserError("{name}: cannot read ({why})", name=name, why=exc.strerror or exc) from None
    return _Raw(size, digest.hexdigest(), head, blank, nul)


def _binary(name: str) -> UserError:
    return UserError("{name}: looks like a binary file, not a transcript", name=name)


def _decode(source: SourceFile, bom: str | None) -> tuple[str, int, int, bool]:
    """Scan the text in the encoding its mark names, else UTF-8 then GB18030; sets
    ``source.encoding`` to the one that decodes. Raises for text no encoding reads."""
    name = source.name
    for encoding in [bom] if bom else ["utf-8", "gb18030"]:
        source.encoding = encoding
        try:
            return _scan(source)
        except UnicodeDecodeError:
            if bom:
                raise UserError(f"{name}: starts with a {bom} mark but is not valid {bom} text") from None
    with source.path.open("rb") as fh:
        sample = fh.read(_CHUNK).decode("ascii", "replace")
    if _control_ratio(sample) > CONTROL_RATIO:
        raise _binary(name)
    raise UserError("{name}: cannot decode the text (tried UTF-8, UTF-16, UTF-32 and GB18030)", name=name)


def _scan(source: SourceFile) -> tuple[str, int, int, bool]:
    """One pass: the sniffed format, control characters, visible characters, any NUL."""
    controls = chars = 0
    nul = False
    first = ""
    timed = False
    for line in source.lines():
        controls += len(_CONTROL.findall(line))
        nul = nul or "\x00" in line
        stripped = line.strip()
        chars += len(line)
        if stripped and not first:
            first = stripped
        if not timed and "-->" in line and _TIMING.match(line):
            timed = True
    if not first:
        chars = 0  # only blank lines
    fmt = "vtt" if first.startswith("WEBVTT") else "srt" if timed else "txt"
    return fmt, controls, chars, nul


def read_transcript(source: SourceFile) -> Transcript:
    """All cues of ``source`` in memory (for files that passed the size limit)."""
    warnings: list[str] = []
    cues = list(iter_cues(source.lines(), source.format, source.name, warnings))
    return Transcript(cues=cues, warnings=warnings, format=source.format, encoding=source.encoding)


def parse_file(path: Path, max_bytes: int | None = None) -> Transcript:
    """Read, decode and parse a transcript or notes file; the suffix picks the format."""
    return read_transcript(open_source(Path(path), max_bytes))
