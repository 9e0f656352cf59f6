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
import html
import re
import unicodedata
from pathlib import Path

from facilitator.model import Cue, Transcript, UserError

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
_CJK_MARKERS = tuple(w for w in MARKER_WORDS if not w.isascii())

# [hh:]mm:ss[.mmm] with "," or "." before the fraction (SRT uses a comma).
_TS = r"(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s.*)?$")
_BRACKET_TIME = re.compile(rf"^[\[【]\s*{_TS}\s*[\]】]\s*")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)*(?:[ \t]+([^>]*))?>", re.IGNORECASE)
# Markup tags (<c>, <b>, <i>, <font ...>, </v>), karaoke timestamps and SRT {\an8}.
_TAG = re.compile(r"</?[a-zA-Z][\w.-]*(?:[ \t][^>]*)?>|<\d+(?::\d{2})+(?:\.\d+)?>|\{\\[^}]*\}")
_VTT_SKIP = re.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")
_COLON = re.compile(r"[:：]")
_CLOCK = re.compile(r"\d\s*[:：]\s*\d")
_MD_PREFIX = re.compile(r"^(?:#{1,6}(?:\s+|$)|>\s?|(?:[-*+]|\d{1,3}[.)])(?:\s+(?:\[[ xX]\](?:\s+|$))?|$))")
_MD_SKIP = re.compile(r"^(?:(?:[-*_]\s*){3,}|```.*|~~~.*|<!--.*-->)$")


# --------------------------------------------------------------------- decoding


def _control_ratio(text: str) -> float:
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return controls / max(len(text), 1)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a transcript file; returns (text without BOM, encoding name).

    Accepts UTF-8 (with or without BOM), UTF-16 with a BOM and GB18030 (a superset
    of GBK). Raises `UserError` naming the file for empty, binary or undecodable data.
    """
    if not data.strip():
        raise UserError(f"{name}: file is empty")
    binary = UserError(f"{name}: looks like a binary file, not a transcript")
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    )
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
            raise UserError(f"{name}: cannot decode the text (tried UTF-8, UTF-16 and GB18030)")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UserError(f"{name}: file is empty")
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
    folded = unicodedata.normalize("NFKC", name).casefold()
    first_word = folded.split()[0].rstrip("0123456789.#")
    if first_word in MARKER_WORDS or folded.startswith(_CJK_MARKERS):
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
        if before[-1:].isdigit() and after[:1].isdigit():
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


def _segments(lines: list[str], vtt: bool) -> list[tuple[str | None, str]]:
    """Cue text lines -> (speaker, text) runs; a `<v Name>` on any line starts a new run."""
    runs: list[tuple[str | None, list[str]]] = []
    for i, raw in enumerate(lines):
        voice = _VOICE.search(raw)
        speaker = ((voice.group(1) or "").strip() or None) if voice else None
        text = _TAG.sub("", raw)
        if vtt:
            text = html.unescape(text).replace("\xa0", " ")
        text = text.strip()
        if speaker is None and i == 0:
            speaker, text = split_speaker(text)  # Zoom style: "Name: text"
        if not runs or (speaker is not None and speaker != runs[-1][0]):
            runs.append((speaker, []))
        runs[-1][1].append(text)
    return [(speaker, _join(parts)) for speaker, parts in runs if _join(parts)]


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its 1-based number."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _parse_timed(lines: list[str], fmt: str, name: str) -> Transcript:
    vtt = fmt == "vtt"
    cues: list[Cue] = []
    warnings: list[str] = []
    failed: list[int] = []
    orphans: list[int] = []
    total = 0
    blocks = _blocks(lines)
    has_header = bool(blocks) and blocks[0][0][1].strip().startswith("WEBVTT")
    if vtt and not has_header:
        warnings.append("no WEBVTT header; parsed as WebVTT anyway")
    for index, block in enumerate(blocks):
        header = vtt and has_header and index == 0
        if vtt and not header and _VTT_SKIP.match(block[0][1].strip()):
            continue  # NOTE, STYLE and REGION blocks carry no speech
        timings = [k for k, (_, line) in enumerate(block) if "-->" in line]
        if not header and (not timings or timings[0] > 1):
            orphans.append(block[0][0])  # text with no timing line of its own
        if not timings:
            continue
        for j, t in enumerate(timings):
            stop = timings[j + 1] if j + 1 < len(timings) else len(block)
            if stop < len(block) and stop - 1 > t and block[stop - 1][1].strip().isdigit():
                stop -= 1  # the next cue's counter, when blank lines are missing
            total += 1
            number, timing_line = block[t]
            span = _parse_timing(timing_line)
            runs = _segments([line for _, line in block[t + 1 : stop]], vtt) if span else []
            if not span or not runs:
                failed.append(number)
                continue
            cues.extend(Cue(speaker, text, span[0], span[1]) for speaker, text in runs)
    if not cues:
        raise UserError(f"{name}: no cues could be parsed")
    if failed:
        warnings.append(f"{len(failed)} of {total} cues could not be parsed ({_line_list(failed)})")
    if orphans:
        warnings.append(f"text outside any timed cue was skipped ({_line_list(orphans)})")
    return Transcript(cues=cues, warnings=warnings, format=fmt)


# --------------------------------------------------------------------- txt / md


def _strip_markdown(line: str) -> str:
    if _MD_SKIP.match(line):
        return ""
    previous = None
    while previous != line:
        previous, line = line, _MD_PREFIX.sub("", line, count=1).strip()
    return line.replace("**", "").strip()


def _parse_plain(lines: list[str], fmt: str, name: str) -> Transcript:
    cues: list[Cue] = []
    stripped = [line.strip() for line in lines]
    if not any(stripped):
        raise UserError(f"{name}: file is empty")
    if fmt == "md" and stripped and stripped[0] == "---" and "---" in stripped[1:]:
        stripped = stripped[stripped.index("---", 1) + 1 :]  # YAML front matter
    for line in stripped:
        if fmt == "md":
            line = _strip_markdown(line)
        start: float | None = None
        match = _BRACKET_TIME.match(line)
        if match and (seconds := _seconds(match.groups())) is not None:
            start, line = seconds, line[match.end():]
        speaker, text = split_speaker(line)
        if text:
            cues.append(Cue(speaker, text, start, None))
    if not cues:
        raise UserError(f"{name}: no text to import")
    return Transcript(cues=cues, format=fmt)


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


def parse_text(text: str, fmt: str, name: str = "transcript") -> Transcript:
    """Parse decoded text in one of FORMATS; `name` is used in error messages."""
    if fmt not in FORMATS:
        raise UserError(f"{name}: unknown transcript format {fmt!r} (use vtt, srt, txt or md)")
    lines = _normalise(text).split("\n")
    if fmt in ("vtt", "srt"):
        return _parse_timed(lines, fmt, name)
    return _parse_plain(lines, fmt, name)


def parse_file(path: Path) -> Transcript:
    """Read, decode and parse a transcript or notes file; the suffix picks the format."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(data, name)
    fmt = SUFFIX_FORMATS.get(Path(path).suffix.lower()) or sniff_format(text)
    transcript = parse_text(text, fmt, name)
    transcript.format = fmt
    transcript.encoding = encoding
    return transcript
