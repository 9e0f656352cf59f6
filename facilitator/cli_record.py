"""Command line for what goes into a meeting's record and what comes out of it:
``import`` (a transcript, minutes or a recording), ``draft`` and ``export``.

Kept apart from ``cli.py`` so the parser module stays a table of commands and no other
command loads these; each prints through the shared helpers and exits 2 with one line
on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from facilitator.cli_output import file_arg, write_out
from facilitator.model import Cue, UserError

if TYPE_CHECKING:
    from facilitator.importing import ImportResult
    from facilitator.service import Service


def import_file(service: Service, args: argparse.Namespace) -> int:
    import tempfile

    from facilitator.cli_progress import ProgressBar
    from facilitator.cli_text import t

    path = file_arg(args.file)
    if args.meeting is None and args.new is None and (args.customer or args.order or args.date):
        raise UserError("--customer, --order and --date go with --new TITLE")
    limit = args.max_size * 1_000_000 if args.max_size else -1
    # cues are spooled to a temporary file, not held: a 50 MB file must not cost a gigabyte
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        first = [True]

        def keep(cue: Cue) -> None:
            if args.json:
                spool.write(("" if first[0] else ",") + json.dumps(cue.to_json(), ensure_ascii=False))
                first[0] = False

        bar = ProgressBar(path.name) if sys.stderr.isatty() else None
        try:
            result = service.record.import_file(path, meeting_id=args.meeting, new_title=args.new,
                                         customer=args.customer, order=args.order, on=args.date,
                                         again=args.again, max_bytes=limit, on_cue=keep,
                                         on_progress=bar.show if bar else None)
        finally:
            if bar:
                bar.close()
        tr = result.transcript
        for warning in tr.warnings:
            print(t("warning: {warning}", warning=warning), file=sys.stderr)
        if args.json:
            _print_import_json(spool, result)
            return 0
    _print_import(path, result)
    return 0


def _print_import_json(spool: IO[str], result: ImportResult) -> None:
    """``import --json``: the spooled cues copied through, then the warnings and what was recorded."""
    tail: dict[str, object] = {"warnings": result.transcript.warnings}
    if result.meeting_id is not None:
        tail.update(meeting_id=result.meeting_id, recorded=result.recorded,
                    suggestions=[x.to_json() for x in result.suggestions])
    sys.stdout.write('{"cues": [')
    spool.seek(0)
    while chunk := spool.read(1 << 16):
        sys.stdout.write(chunk)
    sys.stdout.write("], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")


def _print_import(path: Path, result: ImportResult) -> None:
    """What an import read and what it recorded, for people."""
    from facilitator.cli_text import t

    tr = result.transcript
    speakers = sorted(result.speakers) if tr.format != "md" else []
    kind = (t("recording, {language}", language=result.language or "?") if tr.encoding == "audio"
            else f"{tr.format}, {tr.encoding}")
    print(t("{name}: {count} cues ({kind})", name=path.name, count=result.cue_count, kind=kind)
          + (t(", speakers: {names}", names=t(", ").join(speakers)) if speakers else ""))
    if result.meeting_id is not None:
        counts = t(", ").join(t("{n} " + k, n=n) for k, n in sorted(result.recorded.items()) if k != "suggestion")
        print(t("recorded into meeting {id}: {counts}", id=result.meeting_id, counts=counts or t("nothing")))
        new, pending = result.recorded.get("suggestion", 0), len(result.suggestions)
        if new or pending:
            print(t("suggestions found: {new} new, {pending} waiting to be accepted or dismissed"
                    " (open the meeting: facilitator meet {id})", new=new, pending=pending, id=result.meeting_id))
        else:
            print(t("no suggestions in what was said"))


def draft(service: Service, args: argparse.Namespace) -> int:
    if (args.meeting_id is None) == (args.from_file is None):
        raise UserError("draft needs exactly one of MEETING_ID or --from FILE")
    from_file = file_arg(args.from_file) if args.from_file else None
    streamed: list[bool] = []
    llm = _llm_callbacks(args, streamed) if args.llm else {}
    draft = service.drafts.draft(meeting_id=args.meeting_id, from_file=from_file,
                          mode="llm" if args.llm else "offline", on=args.date, **llm)
    if streamed:
        sys.stderr.write("\n")
    for warning in draft.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        write_out(json.dumps(draft.to_json(), ensure_ascii=False, indent=2), args.out, args.force)
    else:
        write_out(draft.markdown, args.out, args.force)
    return 0


def _llm_callbacks(args: argparse.Namespace, streamed: list[bool]) -> dict[str, Any]:
    """``draft --llm``'s stderr: the model's answer as it arrives (not with ``--json``),
    ``info:`` lines with ``--verbose`` and one ``progress:`` line per window; ``streamed``
    says whether the answer's last line still needs its line break."""

    def show(text: str) -> None:  # the model's answer as it arrives, on stderr
        streamed.append(True)
        sys.stderr.write(text)
        sys.stderr.flush()

    def info(line: str) -> None:
        if streamed:
            sys.stderr.write("\n")
            streamed.clear()
        print(f"info: {line}", file=sys.stderr)

    def progress(line: str) -> None:  # one line per window of a long meeting, --json too
        if streamed:
            sys.stderr.write("\n")
            streamed.clear()
        print(f"progress: {line}", file=sys.stderr, flush=True)

    return {"on_text": None if args.json else show, "on_info": info if args.verbose else None,
            "on_progress": progress}


def export(service: Service, args: argparse.Namespace) -> int:
    if args.format == "card":
        path = service.cases.export_card(args.meeting_id)
        print(path)
        return 0
    write_out(service.drafts.export(args.meeting_id, args.format), args.out, args.force)
    return 0
