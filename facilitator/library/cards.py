"""Case cards: the Markdown files that are the truth of the case library (design.md section 5).

A card is YAML front matter plus ``##`` sections. People write these by hand, in Chinese
or English, so the parser is forgiving about what it can be (either heading language,
extra headings, lists written as comma strings) and precise about what it cannot: a
rejected card names its file and line, and one bad card never stops the others from
loading. The vector index and the BM25 model are both derived from the chunks made here,
so chunk text and chunk hashes live in this module too: one definition, no drift.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from facilitator.language import guess_language
from facilitator.model import Case, Language, UserError
from facilitator.obstacles import KINDS, UNKNOWN, classify, parse_kind

SECTION_KEYS: tuple[str, ...] = (
    "situation",
    "stuck_point",
    "boundary",
    "obstacle",
    "resolution",
    "lesson",
)
"""Canonical section keys, in the order the method walks them."""

HEADINGS: dict[str, dict[str, str]] = {
    "zh": {
        "situation": "背景",
        "stuck_point": "卡点",
        "boundary": "责任边界",
        "obstacle": "真实障碍",
        "resolution": "解决",
        "lesson": "经验",
    },
    "en": {
        "situation": "Situation",
        "stuck_point": "Stuck point",
        "boundary": "Responsibility boundary",
        "obstacle": "Real obstacle",
        "resolution": "Resolution",
        "lesson": "Lesson",
    },
}
"""The heading each canonical section is written with, per card language."""

INTRO_KEY = "intro"
"""Section key for text between the front matter and the first ``##`` heading."""

# Accepted spellings (after normalisation) -> canonical key.  The two official heading
# languages plus a few near-synonyms people actually type.
_ALIASES: dict[str, str] = {
    "背景": "situation",
    "情况": "situation",
    "situation": "situation",
    "background": "situation",
    "卡点": "stuck_point",
    "stuck point": "stuck_point",
    "stuck": "stuck_point",
    "责任边界": "boundary",
    "责任划分": "boundary",
    "responsibility boundary": "boundary",
    "responsibility boundaries": "boundary",
    "真实障碍": "obstacle",
    "障碍": "obstacle",
    "real obstacle": "obstacle",
    "obstacle": "obstacle",
    "解决": "resolution",
    "解决方案": "resolution",
    "解决办法": "resolution",
    "resolution": "resolution",
    "solution": "resolution",
    "经验": "lesson",
    "经验教训": "lesson",
    "lesson": "lesson",
    "lessons": "lesson",
    "lesson learned": "lesson",
    "lessons learned": "lesson",
}

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_TITLE_HEADING = re.compile(r"^#(?!#)\s*(.*?)\s*#*\s*$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _normalise_heading(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", text).casefold()


def section_key(heading: str) -> str:
    """Canonical key for a heading in either language; unknown headings keep their title."""
    return _ALIASES.get(_normalise_heading(heading), heading.strip())


OVERVIEW = {"zh": "概述", "en": "Overview"}
"""Shown as the section name when the best match is text before the first heading."""


def section_title(key: str, lang: str) -> str:
    """The heading a section key is shown with in a card of this language."""
    return HEADINGS.get(lang, HEADINGS["en"]).get(key, key)


def _fail(path: str, line: int, message: str) -> UserError:
    return UserError(f"{path}:{line}: {message}")


def _str_list(value: object, name: str, path: str, line: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[,，、;；]", value)
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    raise _fail(path, line, f"{name} must be a list, e.g. {name}: [a, b]")


def _key_line(lines: list[str], start: int, end: int, key: str) -> int:
    """1-based line of ``key:`` inside the front matter, or the opening line."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return start


def detect_language(text: str) -> str:
    """A card's or a query's language, by the app's one guess (``facilitator.language``)."""
    return guess_language(text, "en")


def _front_matter_bounds(lines: list[str], path: str) -> tuple[int, int]:
    """The indexes of the opening and closing ``---`` lines of a card's front matter."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or lines[first].strip() != "---":
        raise _fail(path, first + 1 if first < len(lines) else 1,
                    "missing front matter: a card starts with a '---' line, then id, title, ...")
    close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if close is None:
        raise _fail(path, first + 1, "front matter is not closed by a '---' line")
    return first, close


def _load_meta(yaml_text: str, path: str, first: int) -> dict[str, object]:
    """The front matter as a mapping; a YAML error names the line it is on."""
    try:
        meta = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        meta = None
    if meta is None and yaml_text.strip():  # read again by the Python parser: its messages point better
        try:
            meta = yaml.load(yaml_text, Loader=_PyLoader)
        except RecursionError:
            raise _fail(path, first + 1, f"front matter is nested more than {MAX_DEPTH} levels deep") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = first + 2 + mark.line if mark is not None else first + 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise _fail(path, line, f"front matter is not valid YAML: {problem}") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise _fail(path, first + 2, "front matter must be 'key: value' lines")
    return meta


def _card_language(raw_lang: object, title: str, sections: dict[str, str], path: str, line: int) -> Language:
    """The card's ``lang``, else guessed from its text."""
    if raw_lang is None:
        return guess_language(title + " " + " ".join(sections.values()), "en")
    lang = str(raw_lang).strip().lower()
    if lang in ("zh", "en"):
        return "zh" if lang == "zh" else "en"
    raise _fail(path, line, f"lang must be zh or en, not {raw_lang!r}")


def _card_kind(raw_kind: object, title: str, sections: dict[str, str], path: str, line: int) -> str:
    """The card's obstacle kind as annotated, else classified from its text."""
    if raw_kind in (None, ""):
        # an unannotated card is read like a typed obstacle: its real-obstacle section first
        kind = classify(sections.get("obstacle", "")) if sections.get("obstacle") else UNKNOWN
        return kind if kind != UNKNOWN else classify(" ".join([title, *sections.values()]))
    found = parse_kind(str(raw_kind))
    if found is None:
        raise _fail(path, line, f"obstacle must be one of {', '.join(KINDS)}, not {raw_kind!r}")
    return found


def parse_card(text: str, path: str) -> Case:
    """Parse one card; raises ``UserError("PATH:LINE: problem")`` for a card that can't be used."""
    lines = text.lstrip("\ufeff").splitlines()
    first, close = _front_matter_bounds(lines, path)
    yaml_text = "\n".join(lines[first + 1 : close])
    _check_bounds(text, yaml_text, path, first)
    meta = _load_meta(yaml_text, path, first)

    def line_of(key: str) -> int:
        return _key_line(lines, first + 1, close, key)

    raw_id = meta.get("id")
    if raw_id is None or str(raw_id).strip() == "":
        raise _fail(path, first + 1, "card has no id (add a line 'id: some-case-name')")
    case_id = str(raw_id).strip()
    if not ID_PATTERN.match(case_id):
        raise _fail(path, line_of("id"),
                    f"id {case_id!r} may only use lowercase letters, digits and '-'")

    sections, title_heading = _parse_body(lines, close + 1)
    if not any(v.strip() for v in sections.values()):
        raise _fail(path, min(close + 2, len(lines) + 1), "card has no body (add sections after the front matter)")

    title = str(meta.get("title") or title_heading or case_id).strip()
    lang = _card_language(meta.get("lang") or meta.get("language"), title, sections, path, line_of("lang"))
    source = meta.get("source")
    titles = {other: str(meta[f"title_{other}"]).strip() for other in ("zh", "en")
              if other != lang and str(meta.get(f"title_{other}") or "").strip()}
    return Case(
        id=case_id,
        title=title,
        titles=titles,
        lang=lang,
        departments=_str_list(meta.get("departments"), "departments", path, line_of("departments")),
        tags=_str_list(meta.get("tags"), "tags", path, line_of("tags")),
        source=str(source).strip() if source not in (None, "") else None,
        sections=sections,
        path=path,
        obstacle=_card_kind(meta.get("obstacle"), title, sections, path, line_of("obstacle")),
    )


def read_sections(text: str) -> dict[str, str]:
    """A card's sections, without reading its front matter (no YAML: a search shows a few
    hits' snippets and already knows their front matter from the index)."""
    lines = text.lstrip("\ufeff").splitlines()
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or lines[first].strip() != "---":
        return {}
    close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if close is None:
        return {}
    return _parse_body(lines, close + 1)[0]


MAX_CARD_BYTES = 512 * 1024
"""A card is a page of prose (the shipped ones are under 3 KB); anything far past that
is a mistake or an attack (a 15 MB title took 85 s and a gigabyte to index)."""
MAX_FRONT_BYTES = 32 * 1024
MAX_DEPTH = 16
"""Nesting in front matter: the deepest a card needs is a list of tags (2)."""
MAX_ALIASES = 8
"""YAML aliases (``*name``) in front matter. Cards need none; a few are tolerated, but
each can double what the next refers to (a 479-byte "billion laughs" card took
``index`` to 24 GB), so past this budget the card is refused."""


def _check_bounds(text: str, yaml_text: str, path: str, first: int) -> None:
    """Refuse, before any YAML is built, a card too large, too deep or with too many
    aliases: the parser's events are counted (libyaml's parser keeps its own stack,
    so even 20,000 levels are read without recursion), nothing is constructed."""
    if len(text) > MAX_CARD_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_CARD_BYTES:
        raise _fail(path, 1, f"card is larger than {MAX_CARD_BYTES // 1024} KB")
    if len(yaml_text.encode("utf-8", "surrogatepass")) > MAX_FRONT_BYTES:
        raise _fail(path, first + 1, f"front matter is larger than {MAX_FRONT_BYTES // 1024} KB")
    depth = aliases = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = first + 2 + event.start_mark.line if event.start_mark else first + 1
                    raise _fail(path, line, f"front matter is nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    line = first + 2 + event.start_mark.line if event.start_mark else first + 1
                    raise _fail(path, line, f"front matter uses more than {MAX_ALIASES} YAML aliases (*name)")
    except yaml.YAMLError:
        return  # not valid YAML: the loaders below say where


class _PyLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates and times as the strings the author wrote."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser when PyYAML has it (a 100k-chunk library has 16k front
    matters to read: minutes in Python); a card it rejects is read again by ``_PyLoader``."""


for _loader in (_PyLoader, _Loader):
    _loader.yaml_implicit_resolvers = {
        ch: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _parse_body(lines: list[str], start: int) -> tuple[dict[str, str], str | None]:
    """Sections keyed canonically (in file order), and a ``# Title`` line if one came first."""
    sections: dict[str, list[str]] = {}
    title: str | None = None
    current = INTRO_KEY
    in_fence = False
    for line in lines[start:]:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence:
            m = _HEADING.match(line)
            if m:
                current = section_key(m.group(1)) or "section"
                sections.setdefault(current, [])
                continue
            t = _TITLE_HEADING.match(line)
            if t and current == INTRO_KEY and title is None and not any(
                s.strip() for s in sections.get(INTRO_KEY, [])
            ):
                title = t.group(1)
                continue
        sections.setdefault(current, []).append(line)
    out: dict[str, str] = {}
    for key, body in sections.items():
        value = "\n".join(body).strip()
        if key == INTRO_KEY and not value:
            continue
        if key in out:  # a heading repeated: keep both texts
            value = (out[key] + "\n\n" + value).strip()
        out[key] = value
    return out, title


def card_files(dirs: list[Path]) -> list[Path]:
    """The files ``load_cards`` reads, in its order: ``*.md`` under each folder, recursively
    (not into symlinked folders), no README and nothing hidden, each real file once."""
    return [Path(path) for path, _ in _card_stats(dirs)]


def _card_stats(dirs: list[Path]) -> list[tuple[str, os.stat_result]]:
    """``card_files`` with each file's stat, in one walk: one ``stat`` per file, plain strings,
    no ``resolve`` (a library of 16,000 cards is checked before every first search)."""
    out: list[tuple[str, os.stat_result]] = []
    visited: set[tuple[int, int]] = set()
    for folder in dirs:
        top = str(folder)
        if not os.path.isdir(top):
            continue
        found: list[tuple[str, os.stat_result]] = []
        pending = [top]
        while pending:  # os.scandir, not os.walk: no path joins, the entry types come with the listing
            root = pending.pop()
            hidden = os.path.basename(root).startswith(".")  # as before: the file's own folder hidden
            try:
                entries = list(os.scandir(root))
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                except OSError:
                    continue
                if hidden or not name.endswith(".md") or name.startswith(".") or name.lower() == "readme.md":
                    continue
                try:
                    st = os.stat(entry.path)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    found.append((entry.path, st))
        found.sort(key=lambda item: item[0].split(os.sep))  # the order of sorted Paths
        for path, st in found:
            key = (st.st_dev, st.st_ino)
            if key not in visited:
                visited.add(key)
                out.append((path, st))
    return out


def file_signature(files: list[Path] | None = None, dirs: list[Path] | None = None) -> dict[str, list[int]]:
    """Path -> [mtime_ns, size] of the card files under ``dirs`` (or of ``files``); what the
    search tables record, so a searcher can tell they still match without parsing a card."""
    if dirs is not None:
        return {path: [st.st_mtime_ns, st.st_size] for path, st in _card_stats(dirs)}
    out: dict[str, list[int]] = {}
    for file in files or []:
        try:
            st = file.stat()
        except OSError:
            continue
        out[str(file)] = [st.st_mtime_ns, st.st_size]
    return out


def load_cards(dirs: list[Path], known: Mapping[str, tuple[list[int], Case]] | None = None,
               signature: Mapping[str, list[int]] | None = None) -> tuple[list[Case], list[str]]:
    """All cards under these folders (recursively, ``*.md``), plus one message per skipped file.

    Missing folders are skipped silently (the home's ``cases/`` often does not exist
    yet); callers that take a folder from the user check it exists themselves. A
    ``README.md`` is documentation, not a card. When two cards share an id the first
    one (in folder order, then path order) wins and the later one is reported.

    ``known`` (path -> its ``[mtime_ns, size]`` and the case read from it then) spares
    reading a file whose stats have not moved: its case is taken as it is, typically
    without its sections (the index writer, which has the chunks from its own tables).
    ``signature`` is ``file_signature(dirs=dirs)`` when the caller has just taken it
    (the folders are then not walked again).
    """
    cards: list[Case] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    if signature is None:
        signature = {path: [st.st_mtime_ns, st.st_size] for path, st in _card_stats(dirs)}
    for path, stats in signature.items():
        before = known.get(path) if known else None
        if before is not None and before[0] == stats:
            case = before[1]
            if case.id in seen:
                errors.append(f"{path}:1: duplicate id {case.id!r} (already in {seen[case.id]}); card skipped")
                continue
            seen[case.id] = path
            cards.append(case)
            continue
        file = Path(path)
        if stats[1] > MAX_CARD_BYTES:
            errors.append(f"{file}:1: card is larger than {MAX_CARD_BYTES // 1024} KB; card skipped")
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(f"{file}:1: not UTF-8 text; card skipped")
            continue
        except OSError as exc:
            errors.append(f"{file}: cannot read ({exc.strerror}); card skipped")
            continue
        try:
            case = parse_card(text, str(file))
        except UserError as exc:
            errors.append(f"{exc}; card skipped")
            continue
        if case.id in seen:
            errors.append(f"{file}:1: duplicate id {case.id!r} (already in {seen[case.id]}); card skipped")
            continue
        seen[case.id] = str(file)
        cards.append(case)
    return cards, errors


def title_in(case: Case, lang: str) -> str:
    """The case's title for a reader of ``lang``: its own, or the one the card gives in that
    language (``title_zh`` / ``title_en``), else its own."""
    if case.lang == lang:
        return case.title
    return (case.titles or {}).get(lang) or case.title


def heading_in(heading: str, card_lang: str, lang: str) -> str:
    """A card's section heading as a reader of ``lang`` names it (an English card in a
    Chinese meeting is still data, but "matched in Resolution" on a Chinese screen is not)."""
    if card_lang == lang:
        return heading
    for key in (*SECTION_KEYS, INTRO_KEY):
        if heading == (section_title(key, card_lang) if key != INTRO_KEY else OVERVIEW.get(card_lang)):
            return section_title(key, lang) if key != INTRO_KEY else OVERVIEW.get(lang, heading)
    return heading


def render_card(case: Case) -> str:
    """The card file for a case (round-trips through ``parse_card``)."""
    meta: dict[str, object] = {"id": case.id, "title": case.title}
    meta["departments"] = list(case.departments)
    meta["tags"] = list(case.tags)
    meta["lang"] = case.lang
    for other, text in sorted(case.titles.items()):
        meta[f"title_{other}"] = text
    if case.obstacle:
        meta["obstacle"] = case.obstacle
    if case.source:
        meta["source"] = case.source
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    if any(line.strip() in ("---", "...") for line in front.splitlines()):
        # a multi-line title with a "---" line would end the front matter early: every
        # string double-quoted instead, its line breaks written as \n
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000,
                               default_style='"')
    parts = ["---\n", front, "---\n"]
    intro = case.sections.get(INTRO_KEY, "").strip()
    if intro:
        parts.append("\n" + intro + "\n")
    ordered = [k for k in SECTION_KEYS if k in case.sections]
    ordered += [k for k in case.sections if k not in SECTION_KEYS and k != INTRO_KEY]
    for key in ordered:
        body = case.sections[key].strip()
        parts.append(f"\n## {section_title(key, case.lang)}\n\n")
        if body:
            parts.append(body + "\n")
    return "".join(parts)


def card_markdown(case: Case) -> str:
    """A card as Markdown for reading (title, departments and tags, sections, source)."""
    lines = [f"# {case.title}", ""]
    meta = " · ".join(x for x in (", ".join(case.departments), ", ".join(case.tags)) if x)
    if meta:
        lines += [meta, ""]
    for key, text in case.sections.items():
        if key != INTRO_KEY:
            lines += [f"## {section_title(key, case.lang)}", ""]
        lines += [text.strip(), ""]
    if case.source:
        lines += [f"*{case.source}*", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Chunk:
    """One indexed unit: a card section, prefixed with the card title for context."""

    id: str
    case_id: str
    section: str
    text: str
    sha256: str
    lang: str = "zh"


CHUNK_BUDGET = 380
"""Rough token budget of one chunk; E5 reads at most 512 tokens, the rest would be lost."""


def _weight(text: str) -> float:
    """Cheap token estimate for multilingual-e5 (about 0.75 per CJK char, 0.25 per other char)."""
    cjk = len(_CJK.findall(text))
    return cjk * 0.75 + (len(text) - cjk) * 0.25


def _split(body: str, budget: float) -> list[str]:
    """Split a long section at paragraph, then sentence, boundaries into parts under budget."""
    if _weight(body) <= budget:
        return [body]
    pieces = [p for p in re.split(r"(?<=[。！？!?.；;\n])", body) if p.strip()]
    parts: list[str] = []
    current = ""
    for piece in pieces:
        while _weight(piece) > budget:  # one giant sentence: cut it by characters
            cut = max(1, int(len(piece) * budget / _weight(piece)))
            if current:
                parts.append(current)
                current = ""
            parts.append(piece[:cut])
            piece = piece[cut:]
        if current and _weight(current + piece) > budget:
            parts.append(current)
            current = ""
        current += piece
    if current.strip():
        parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def case_chunks(case: Case) -> list[Chunk]:
    """One chunk per non-empty section (a very long section gets more than one).

    The text, title first for context, is what gets embedded and BM25-indexed; the hash
    covers id, section and text so an edit to any of them re-embeds just that chunk.
    """
    chunks: list[Chunk] = []
    for key, body in case.sections.items():
        body = body.strip()
        if not body:
            continue
        heading = section_title(key, case.lang) if key != INTRO_KEY else ""
        head = f"{case.title} · {heading}" if heading else case.title
        for n, part in enumerate(_split(body, max(CHUNK_BUDGET - _weight(head), 120.0))):
            text = f"{head}\n{part}"
            chunk_id = f"{case.id}#{key}" if n == 0 else f"{case.id}#{key}#{n + 1}"
            digest = hashlib.sha256(f"{chunk_id}\x00{text}".encode()).hexdigest()
            chunks.append(Chunk(id=chunk_id, case_id=case.id, section=key, text=text, sha256=digest, lang=case.lang))
    return chunks
