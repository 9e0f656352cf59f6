"""Command line for the case library: ``index``, ``search`` (plain, ``--batch`` or
``--meeting``) and ``coach``.

Kept apart from ``cli.py`` so the parser module stays a table of commands and no other
command loads these; they print through the same helpers and exit 2 with one line on
bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.cli_output import file_arg, print_json
from facilitator.model import UserError

if TYPE_CHECKING:
    from facilitator.coach import Coaching
    from facilitator.model import Hit
    from facilitator.service import Service


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False))


def _notices(service: Service) -> None:
    from facilitator.cli_text import t

    for notice in service.cases.notices():
        print(t("notice: {notice}", notice=t(notice)), file=sys.stderr)


def search_meeting(service: Service, args: argparse.Namespace) -> int:
    if args.query is not None or args.batch is not None:
        raise UserError("--meeting searches with the meeting's own context; leave out QUERY and --batch")
    if args.department or args.tag:
        raise UserError("--department and --tag do not combine with --meeting")
    hits = service.cases.search_meeting(args.meeting, stage=args.stage, k=args.k)
    _notices(service)
    if not hits and not args.json:
        from facilitator.cli_text import t

        print(t("No clearly similar case yet; note what is stuck and search again."))
        return 0
    _print_hits(service, hits, args.json)
    return 0


_LABELS = {
    "zh": {"questions": "本阶段要问", "cases": "相似案例", "suggestions": "建议（来自案例，采纳与否由你决定）",
           "none": "（本阶段没有案例建议）", "way_out": "解决"},
    "en": {"questions": "Ask in this stage", "cases": "Similar cases",
           "suggestions": "Suggestions (from cases; yours to accept or not)",
           "none": "(no case suggestions in this stage)", "way_out": "Way out"},
}


def coach(service: Service, args: argparse.Namespace) -> int:
    streamed = args.llm and not args.json

    def show(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    result = service.cases.coach(args.meeting_id, stage=args.stage, llm=args.llm, on_text=show if streamed else None)
    if streamed:
        sys.stderr.write("\n")
    _notices(service)
    if result.warning:
        print(f"notice: {result.warning}", file=sys.stderr)
    if args.json:
        _print_json(result.to_json())
    else:
        _print_coaching(service, args, result)
    return 0


def _print_coaching(service: Service, args: argparse.Namespace, result: Coaching) -> None:
    """The stage's questions, the similar cases with their way out, and the suggestions, in
    the user's language (else the meeting's)."""
    from facilitator.cli_text import language
    from facilitator.obstacles import kind_label
    from facilitator.playbook import stage_by_id

    lang = language(service.record.meeting(args.meeting_id).language)  # the user's, else the meeting's
    lab = _LABELS.get(lang, _LABELS["zh"])
    try:
        stage = stage_by_id(result.stage).title(lang)
    except Exception:  # noqa: BLE001 - a stage of another playbook: its id
        stage = result.stage
    colon = "：" if lang == "zh" else ":"
    print(f"{lab['questions']}（{stage}）{colon}" if lang == "zh" else f"{lab['questions']} ({stage}):")
    for q in result.questions:
        print(f"  - {q}")
    print(f"{lab['cases']}{colon}")
    for h in result.cases:
        kind = kind_label(h.kind, lang)
        print(f"  [{h.case_id}] {h.title}（{kind}）" if lang == "zh" else f"  [{h.case_id}] {h.title} ({kind})")
        if h.way_out:
            print(f"      {_heading(h.way_out_section, lang, lang)}{colon if lang == 'zh' else ': '}{h.way_out}")
    print(f"{lab['suggestions']}{colon}")
    if not result.suggestions:
        print(f"  {lab['none']}")
    for s in result.suggestions:
        print(f"  - {s.text} [{s.case_id}]")


def index(service: Service, args: argparse.Namespace) -> int:
    report = service.cases.index(libraries=[Path(d) for d in args.library], builtin=not args.no_builtin,
                           rebuild=args.rebuild, progress=sys.stderr.isatty())
    from facilitator.cli_text import t

    for notice in report.notices:
        print(t("notice: {notice}", notice=t(notice)), file=sys.stderr)
    for error in report.errors:
        print(t("warning: {warning}", warning=error), file=sys.stderr)
    if args.json:
        from facilitator.model import json_of

        print_json(json_of(report))
        return 0
    print(t("{cards} cards, {chunks} chunks: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged",
            cards=report.cards, chunks=report.chunks, added=report.added, updated=report.updated,
            removed=report.removed, unchanged=report.unchanged))
    return 0


def search(service: Service, args: argparse.Namespace) -> int:
    if args.meeting is not None:
        return search_meeting(service, args)
    _check_search(args)
    if args.batch:
        queries = file_arg(args.batch).read_text(encoding="utf-8-sig").splitlines()
        for q in queries:
            hits = service.cases.search(q, k=args.k, departments=args.department or None,
                                        tags=args.tag or None).hits if q.strip() else []
            print_json([h.to_json() for h in hits])
            sys.stdout.flush()
        return 0
    found = service.cases.search(args.query, k=args.k, departments=args.department or None, tags=args.tag or None)
    hits = found.hits
    from facilitator.cli_text import t

    for notice in found.notices:
        print(t("notice: {notice}", notice=t(notice)), file=sys.stderr)
    if hits and not args.json and not service.cases.clearly_matches(args.query):
        # the hits stay: the user asked; the floor empties only the panel nobody asked
        print(t("notice: no case clearly matches; the nearest follow"), file=sys.stderr)
    _print_hits(service, hits, args.json)
    return 0


def _heading(heading: str, card_lang: str, lang: str) -> str:
    """A card's section heading in the user's words: a card may use either language's
    headings whatever its own language (``Resolution`` in a Chinese card)."""
    from facilitator.library.cards import heading_in

    other = "en" if lang == "zh" else "zh"
    return heading_in(heading_in(heading, card_lang, lang), other, lang)


def _check_search(args: argparse.Namespace) -> None:
    """One line and exit 2 for a search without exactly one question (QUERY or --batch)."""
    if args.stage is not None:
        raise UserError("--stage only goes with --meeting ID")
    if (args.query is None) == (args.batch is None):
        raise UserError("search needs a QUERY, --batch FILE or --meeting ID")
    if args.batch and not args.json:
        raise UserError("--batch prints JSON lines; add --json")
    if not args.batch and not args.query.strip():
        raise UserError("empty search query")


def _print_hits(service: Service, hits: Sequence[Hit], as_json: bool) -> None:
    """Search results: JSON for scripts, else numbered, each card named in the user's language;
    a meeting's search adds the card's obstacle kind and its way out, both in the user's
    words too (``（优先级）``, not ``(priority)``)."""
    from facilitator.cli_text import t
    from facilitator.library.meeting_query import MeetingHit
    from facilitator.obstacles import kind_label

    if as_json:
        print_json([h.to_json() for h in hits])
        return
    if not hits:
        print(t("No matching cases."))
    from facilitator.library.cards import title_in

    # a card in the other language is named by its title in the user's, where it has one
    lang = service.settings.language
    cards = {c.id: c for c in service.cases.cards_of([h.case_id for h in hits])}
    for i, h in enumerate(hits, 1):
        card = cards.get(h.case_id)
        title, section = (title_in(card, lang), _heading(h.section, card.lang, lang)) if card else (h.title, h.section)
        colon = "：" if lang == "zh" else ": "
        kind = ""
        if isinstance(h, MeetingHit):
            kind = f"（{kind_label(h.kind, lang)}）" if lang == "zh" else f"  ({kind_label(h.kind, lang)})"
        print(f"{i}. {title}  [{h.case_id}]  {h.score:.3f}{kind}\n   {section}{colon}{h.snippet}")
        if isinstance(h, MeetingHit) and h.way_out and h.way_out_section != h.section:
            way_out = _heading(h.way_out_section, card.lang, lang) if card else h.way_out_section
            print(f"   {way_out}{colon}{h.way_out}")
