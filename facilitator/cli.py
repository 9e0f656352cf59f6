"""Command line: parse arguments, call the service, print. No business logic here.

User errors end with one line on stderr and exit code 2; nothing prints a traceback
for them. Unexpected errors print one line too and keep details in the home's log.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from facilitator import __version__
from facilitator.cli_output import Subcommands
from facilitator.cli_output import print_json as _print_json
from facilitator.model import Meeting, UserError

if TYPE_CHECKING:
    from facilitator.service import Service

EXIT_USAGE = 2
_CHINESE_HEADING = re.compile(r"(?m)^([\u4e00-\u9fff][^\n:：]{0,30}):$")
"""A help section's heading in Chinese (``选项:``), whose colon is written full-width."""
FORCE_HELP = "with --out: replace a file that is already there"


class _Parser(argparse.ArgumentParser):
    def format_help(self) -> str:
        """argparse ends a section's heading with an ASCII colon; a Chinese heading takes the
        full-width one, as the usage line (用法：) already does."""
        text = super().format_help()
        return _CHINESE_HEADING.sub(r"\1：", text)

    def error(self, message: str) -> NoReturn:
        from facilitator.cli_text import t

        self.exit(EXIT_USAGE, t("{prog}: error: {message} (see --help)", prog=self.prog, message=message) + "\n")


def _iso_date(text: str) -> date:
    """Every date option takes the quick-capture DATE forms (``2026-12-05``, ``12月5日``,
    ``周五``, ``next Monday``), relative ones counted from today."""
    from facilitator.capture import parse_date_field

    try:
        value = parse_date_field(text, None)
    except ValueError:
        value = None
    if value is None:
        from facilitator.cli_text import t

        raise argparse.ArgumentTypeError(
            t("not a date: {text!r} (try 2026-12-05, 12-05, 12月5日, Friday, 周五)", text=text)
        ) from None
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        from facilitator.cli_text import t

        raise argparse.ArgumentTypeError(t("not a number: {text!r}", text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the global options, then each command's parser in the order
    ``--help`` lists them (each step below adds one command)."""
    p = _Parser(prog="facilitator", description="Run the coordination meeting for a stuck customer order.")
    p.add_argument("--home", metavar="DIR", help="data home (default: $FACILITATOR_HOME or the user data dir)")
    p.add_argument("--version", action="version", version=f"facilitator {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (_add_meet, _add_meetings, _add_index, _add_search, _add_coach, _add_import, _add_draft,
                _add_export, _add_actions, _add_action, _add_followup, _add_remind, _add_escalate, _add_delivery):
        add(sub)
    from facilitator import cli_db

    cli_db.add_parsers(sub)
    _add_doctor(sub)
    return p


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_meet(sub: Subcommands) -> None:
    meet = sub.add_parser("meet", help="open the live meeting on a meeting (new or existing)")
    meet.add_argument("meeting_id", nargs="?", type=int, help="open this meeting (see `facilitator meetings`)")
    meet.add_argument("--new", metavar="TITLE", help="start a new meeting with this title")
    meet.add_argument("--customer", default="", help="customer name (new meeting)")
    meet.add_argument("--order", default="", metavar="REF",
                      help="order reference; meetings on one order share their open actions")
    meet.add_argument("--deadline", type=_iso_date, metavar="YYYY-MM-DD", help="delivery promised to the customer")
    meet.add_argument("--date", type=_iso_date, help="meeting date (default: today)")
    meet.add_argument("--no-tui", action="store_true", help="create or show the meeting without opening the TUI")
    meet.add_argument("--json", action="store_true",
                      help="with --no-tui: print the meeting as JSON (its `meetings --json` entry)")


def _add_meetings(sub: Subcommands) -> None:
    _json_option(sub.add_parser("meetings", help="list meetings, newest first"))


def _add_index(sub: Subcommands) -> None:
    ix = sub.add_parser("index", help="build or refresh the case index (incremental)")
    ix.add_argument("--library", action="append", default=[], metavar="DIR", help="extra folder of case cards")
    ix.add_argument("--no-builtin", action="store_true", help="leave out the bundled corpus")
    ix.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    _json_option(ix)


def _add_search(sub: Subcommands) -> None:
    se = sub.add_parser("search", help="search the case library")
    se.add_argument("query", nargs="?", help="what is being discussed, in Chinese or English")
    se.add_argument("--batch", metavar="FILE", help="one query a line; prints one JSON list a line")
    se.add_argument("-k", type=_positive, default=5, help="number of results (default 5)")
    se.add_argument("--department", action="append", default=[], help="only cases involving this department (repeatable)")
    se.add_argument("--tag", action="append", default=[], help="only cases with this tag (repeatable)")
    se.add_argument("--meeting", type=int, metavar="ID",
                    help="search with this meeting's context: title, goal, stuck point, obstacles and their kinds")
    se.add_argument("--stage", metavar="STAGE",
                    help="with --meeting: rank as in this agenda stage (default: the meeting's current stage)")
    _json_option(se)


def _add_coach(sub: Subcommands) -> None:
    co = sub.add_parser("coach", help="open questions of the meeting's stage and levers suggested from cases")
    co.add_argument("meeting_id", type=int, help="the meeting to coach")
    cmode = co.add_mutually_exclusive_group()
    cmode.add_argument("--offline", action="store_true", help="suggestions quoted from the matched cases (default)")
    cmode.add_argument("--llm", action="store_true",
                       help="the configured model writes them from the same cases; offline ones if it fails")
    co.add_argument("--stage", metavar="STAGE", help="coach for this agenda stage (default: the meeting's current one)")
    _json_option(co)


def _add_import(sub: Subcommands) -> None:
    im = sub.add_parser("import", help="parse a transcript or notes file, optionally into a meeting")
    im.add_argument("file", help="a notes file (quick-capture lines), a transcript, or a recording "
                    "(WAV, MP3, M4A, OGG, FLAC, WebM: transcribed offline, see [speech] in config.toml)")
    grp = im.add_mutually_exclusive_group()
    grp.add_argument("--meeting", type=int, metavar="ID", help="add what is parsed to this meeting")
    grp.add_argument("--new", metavar="TITLE", help="create a meeting with this title from the file")
    im.add_argument("--customer", default="", help="customer name (with --new)")
    im.add_argument("--order", default="", metavar="REF", help="order reference (with --new)")
    im.add_argument("--date", type=_iso_date, help="meeting date; relative dates in the file resolve against it")
    _json_option(im)
    im.add_argument("--again", action="store_true",
                    help="import a file into a meeting that already has it (its items are added twice)")
    im.add_argument("--max-size", type=_positive, metavar="MB",
                    help="refuse files larger than this (default 20 MB)")


def _add_draft(sub: Subcommands) -> None:
    dr = sub.add_parser("draft", help="draft the responsibility summary and follow-up actions")
    dr.add_argument("meeting_id", nargs="?", type=int, help="draft from this meeting's record")
    dr.add_argument("--from", dest="from_file", metavar="FILE", help="draft from a notes or transcript file instead")
    mode = dr.add_mutually_exclusive_group()
    mode.add_argument("--offline", action="store_true", help="use the offline drafter even if an endpoint is set")
    mode.add_argument("--llm", action="store_true", help="draft with the configured LLM endpoint (an error if none is set; "
                      "if the model fails, the offline draft is printed with a warning)")
    dr.add_argument("--date", type=_iso_date, help="resolve relative dates against this day")
    _json_option(dr)
    dr.add_argument("--out", metavar="FILE", help="write the draft here instead of stdout")
    dr.add_argument("--force", action="store_true", help=FORCE_HELP)
    dr.add_argument("--verbose", "-v", action="store_true",
                    help="print prompt token counts, the output mode and usage on stderr (--llm)")


def _add_export(sub: Subcommands) -> None:
    from facilitator.export import FORMATS

    ex = sub.add_parser("export", help="export a meeting record")
    ex.add_argument("meeting_id", type=int, help="the meeting to export")
    ex.add_argument("--format", required=True, choices=list(FORMATS),
                    help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()))
    ex.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    ex.add_argument("--force", action="store_true", help=FORCE_HELP)


FOLLOWUP_COMMANDS = ("actions", "action", "followup", "remind", "escalate", "delivery")
"""The follow-up commands (``cli_followup``, loaded when one of them runs)."""


def _as_of(parser: argparse.ArgumentParser, meaning: str = "the day overdue is judged on (default: today)") -> None:
    parser.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help=meaning)


def _add_actions(sub: Subcommands) -> None:
    ac = sub.add_parser("actions", help="follow-up actions across meetings (the ledger)")
    ac.add_argument("--open", action="store_true", help="only actions still owed (open or blocked)")
    ac.add_argument("--overdue", action="store_true", help="only actions still owed and due before --as-of")
    _as_of(ac)
    ac.add_argument("--owner", metavar="NAME", help="only this owner's actions")
    ac.add_argument("--order", metavar="REF", help="only actions from meetings on this order")
    ac.add_argument("--by", metavar="NAME", help="only actions recorded by this person ([me] name)")
    ac.add_argument("--json", action="store_true", help="same as --format json")
    ac.add_argument("--format", choices=["table", "json", "csv", "ics"], default="table",
                    help="table (default), json, csv, or ics with one event per dated action")
    ac.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    ac.add_argument("--todo", action="store_true",
                    help="with --format ics: to-dos (VTODO) with a reminder the day before, not all-day events")
    ac.add_argument("--force", action="store_true", help="with --out: replace a file that is already there")


def _add_action(sub: Subcommands) -> None:
    one = sub.add_parser("action", help="show or update one action: status, reason, due date")
    one.add_argument("action_id", type=int, help="the id shown by `facilitator actions`")
    change = one.add_mutually_exclusive_group()
    change.add_argument("--done", action="store_true", help="mark done")
    change.add_argument("--blocked", metavar="REASON", help="mark blocked, saying why")
    change.add_argument("--drop", metavar="REASON", help="withdraw it, saying why")
    change.add_argument("--reopen", action="store_true", help="back to open")
    due = one.add_mutually_exclusive_group()
    due.add_argument("--due", type=_iso_date, metavar="YYYY-MM-DD", help="new due date")
    due.add_argument("--no-due", action="store_true", help="clear the due date")
    one.add_argument("--json", action="store_true", help="print the action and its history as JSON")


def _add_followup(sub: Subcommands) -> None:
    fu = sub.add_parser("followup", help="a follow-up message per owner (Markdown, in the meeting's language)")
    fu.add_argument("meeting_id", nargs="?", type=int, help="what this meeting's owners committed to")
    fu.add_argument("--order", metavar="REF", help="everything still owed on this order instead of one meeting")
    fu.add_argument("--owner", metavar="NAME", help="only the message for this owner")
    _as_of(fu)
    fu.add_argument("--out", metavar="DIR", help="write one file per owner into DIR")
    fu.add_argument("--force", action="store_true", help="with --out: replace message files already in DIR")
    _send_options(fu)


def _add_remind(sub: Subcommands) -> None:
    rm = sub.add_parser("remind", help="per owner: what is overdue or due within DAYS, across all meetings")
    _as_of(rm, meaning="the day to remind on (default: today)")
    rm.add_argument("--within", type=int, default=3, metavar="DAYS", help="due within this many days (default 3)")
    _send_options(rm)


def _add_escalate(sub: Subcommands) -> None:
    es = sub.add_parser("escalate", help="ask the owner's manager to decide about an overdue or blocked action")
    es.add_argument("action_id", type=int, help="the id shown by `facilitator actions`")
    _as_of(es)
    _send_options(es)


def _add_delivery(sub: Subcommands) -> None:
    dv = sub.add_parser("delivery", help="where an order stands: its meetings, responsibilities and actions")
    dv.add_argument("order", help="the order reference")
    _as_of(dv)
    dv.add_argument("--json", action="store_true", help="print JSON for scripts")


def _send_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--send", action="store_true",
                        help="send by mail ([smtp]) and to the group robots ([webhooks]); never twice")
    parser.add_argument("--dry-run", action="store_true", help="print exactly what would be sent where; send nothing")
    cut = parser.add_mutually_exclusive_group()
    cut.add_argument("--retry-unconfirmed", dest="unconfirmed", action="store_const", const="retry", default="skip",
                     help="with --send: send again a message whose earlier attempt was cut off with no answer")
    cut.add_argument("--accept-unconfirmed", dest="unconfirmed", action="store_const", const="accept",
                     help="with --send: record such a message as delivered (you saw it arrive)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_doctor(sub: Subcommands) -> None:
    _json_option(sub.add_parser("doctor", help="check home, database, configuration, index and LLM endpoint"))


def at_keyboard() -> bool:
    """A person is at a terminal: typed input, and a screen to draw on. The app draws on
    stderr, so `make run | tee log` (stdout a pipe) still opens it; with both piped
    (`make run 2>&1 | tee log`) it draws on the terminal itself (``/dev/tty``)."""
    return sys.stdin.isatty() and (sys.stdout.isatty() or sys.stderr.isatty() or _has_terminal())


def _has_terminal() -> bool:
    import os

    tty = _terminal()
    if tty is not None:
        os.close(tty)
    return tty is not None


def _terminal() -> int | None:
    """The controlling terminal opened for writing, or None (no terminal: cron, CI)."""
    import os

    try:
        return os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return None


def _draw_on_the_terminal() -> None:
    """The app draws on stderr (fd 2): when that is a pipe too, point it at the terminal
    for the app's lifetime, so its escape codes reach the screen and not the log."""
    import os

    if sys.stderr.isatty() or (tty := _terminal()) is None:
        return
    os.dup2(tty, 2)
    os.close(tty)


def _open_tui(service: Service, meeting_id: int | None, farewell: Callable[[], str] | None = None) -> int:
    if not at_keyboard():
        raise UserError("the live meeting needs a terminal; use --no-tui or the other commands in scripts")
    _draw_on_the_terminal()
    try:
        from facilitator.tui.app import run_app
    except ImportError:
        print("The live meeting screen is not available in this build.", file=sys.stderr)
        return 0
    return int(run_app(service, meeting_id, farewell) or 0)


def _cmd_meet(service: Service, args: argparse.Namespace) -> int:
    meeting_id = args.meeting_id
    if args.new is not None:
        if meeting_id is not None:
            raise UserError("give either a MEETING_ID or --new TITLE, not both")
        m = service.record.new_meeting(args.new, customer=args.customer, order=args.order,
                                on=args.date, deadline=args.deadline)
        meeting_id = m.id
        from facilitator.cli_text import t

        print(t("created meeting {id}: {title}", id=m.id, title=m.title), file=sys.stderr)
    elif meeting_id is not None:
        service.record.meeting(meeting_id)  # raises a clear error when missing
    if args.json and not args.no_tui:
        raise UserError("--json goes with --no-tui")
    if args.no_tui:
        if meeting_id is not None:
            _print_meeting(service, meeting_id, args.json)
        return 0
    return _open_tui(service, meeting_id)


def _print_meeting(service: Service, meeting_id: int, as_json: bool) -> None:
    """``meet --no-tui``: the meeting's id for a script to keep, or its ``meetings --json`` entry."""
    if as_json:
        _print_json(service.record.meeting(meeting_id).summary_json())
    else:
        print(meeting_id)


AFTER_TUI = {
    "zh": ("还没有会议。新建一个：{cmd} meet --new 标题",
           "共 {n} 场会议。继续最近的一场（{title}）：{cmd} meet {id}"),
    "en": ("No meetings yet. Start one with: {cmd} meet --new TITLE",
           "{n} meeting(s). Carry on with the latest ({title}): {cmd} meet {id}"),
}
"""What the shell shows once the app is closed, in the UI language (the screen was too)."""


def after_tui_message(meetings: list[Meeting], lang: str) -> str:
    """A true line about the home as the app left it: the list is read after the app closed,
    so meetings created in the app count (it used to be read before the app started)."""
    from facilitator.cli_output import command_name

    empty, some = AFTER_TUI.get(lang, AFTER_TUI["zh"])
    if not meetings:
        return empty.format(cmd=command_name())
    latest = meetings[0]
    return some.format(n=len(meetings), title=latest.title, id=latest.id, cmd=command_name())


def _cmd_meetings(service: Service, args: argparse.Namespace) -> int:
    meetings = service.record.meetings()
    if args.json:
        _print_json([m.summary_json() for m in meetings])
        return 0
    if not meetings:
        from facilitator.cli_output import command_name
        from facilitator.cli_text import t

        print(t("No meetings yet. Start one with: {cmd} meet --new TITLE", cmd=command_name()))
        return 0
    for m in meetings:
        when = m.date.isoformat() if m.date else "          "
        extra = " · ".join(x for x in (m.customer, m.order_ref) if x)
        print(f"{m.id:>4}  {when}  {m.title}" + (f"  ({extra})" if extra else ""))
    return 0


def _cmd_doctor(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_text import doctor_line

    checks = service.doctor.checks()
    if args.json:
        from facilitator.model import json_of

        _print_json([json_of(c, ("name", "ok", "detail", "warning")) for c in checks])
        return 0 if all(c.ok for c in checks) else 1
    for c in checks:
        status = "BAD" if not c.ok else "!! " if c.warning else "ok "
        print(doctor_line(status, c.name, c.detail, c.error))
    return 0 if all(c.ok for c in checks) else 1


def _cmd_import(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_record import import_file

    return import_file(service, args)


def _cmd_draft(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_record import draft

    return draft(service, args)


def _cmd_export(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_record import export

    return export(service, args)


def _cmd_index(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_cases import index

    return index(service, args)


def _cmd_search(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_cases import search

    return search(service, args)


COMMANDS = {
    "meet": _cmd_meet, "meetings": _cmd_meetings, "import": _cmd_import, "draft": _cmd_draft,
    "export": _cmd_export, "doctor": _cmd_doctor, "index": _cmd_index, "search": _cmd_search,
    "coach": lambda service, args: _cmd_coach(service, args),
}


def _cmd_coach(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_cases import coach

    return coach(service, args)


def _crash(service_home: Path | None, exc: BaseException) -> int:
    """One line for the user; the traceback goes to a log file with any API key scrubbed."""
    import traceback

    from facilitator import locations
    from facilitator.files import append_log
    from facilitator.redact import scrub

    key = os.environ.get("OPENAI_API_KEY", "")
    password = os.environ.get("FACILITATOR_SMTP_PASSWORD", "")
    where = ""
    if service_home is not None:
        try:
            log = append_log(locations.log_path(service_home, "crash"),
                             scrub("".join(traceback.format_exception(exc)), password), key)
            where = f" (details in {log})"
        except OSError:
            pass
    message = scrub(scrub(str(exc), key), password)
    print(f"facilitator: internal error: {type(exc).__name__}: {message}{where}", file=sys.stderr)
    return 1


def _environment_error(exc: OSError) -> int:
    """A full disk or an unwritable folder is the user's to fix: one line, exit 2, no crash log."""
    from facilitator.files import os_problem

    problem = os_problem(exc, Path(exc.filename or "."))
    if problem is None:
        return 0
    print(f"facilitator: {problem[1]}", file=sys.stderr)
    return EXIT_USAGE


def _home_unwritable(home: Path | None, exc: BaseException) -> int:
    """A library failing inside (chromadb on a full disk) is not a bug when the home cannot
    take a write: say what is wrong with the disk, exit 2, and leave no crash log."""
    if home is None or not home.is_dir():
        return 0
    from facilitator.dbfile import probe_write
    from facilitator.files import os_problem

    failed = probe_write(home)
    problem = os_problem(failed, home) if failed is not None else None
    if problem is None and _says_disk_full(exc):  # a nearly full disk: a small probe still fits
        problem = os_problem(OSError(errno.ENOSPC, "disk full"), home)
    if problem is None:
        return 0
    print(f"facilitator: {problem[1]} ({type(exc).__name__}: {str(exc)[:120]})", file=sys.stderr)
    return EXIT_USAGE


def _says_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` or what caused it is the disk being full (SQLite's ``SQLITE_FULL``
    reaches us as text through chromadb's own exception types)."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(seen).lower()
        if "database or disk is full" in text or "no space left on device" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """An argument with bytes that are not UTF-8 is refused (one line, exit 2) unless it
    names a file that exists, which is then read by its real name."""
    from facilitator.textsafe import has_undecodable, printable

    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and has_undecodable(text) and not os.path.exists(text):
                raise UserError(f"{name.replace('_', '-')} {printable(text)!r} is not valid UTF-8 text; "
                                "type it again in a UTF-8 terminal")


def main(argv: list[str] | None = None) -> int:
    from facilitator import cli_text

    _printable_streams()
    cli_text.set_language(cli_text.user_language(argv))
    cli_text.own_words()
    parser = build_parser()
    cli_text.translate_parser(parser)
    args = parser.parse_args(argv)
    try:
        _refuse_undecodable(args)
    except UserError as exc:
        print(f"facilitator: {cli_text.error_text(exc)}", file=sys.stderr)
        return EXIT_USAGE
    from facilitator.service import Service

    service = None
    try:
        service = Service.open(args.home)
        # What the imports built lives as long as the process: out of the collector's sight,
        # a command that reads 100,000 rows does not scan it again on every full collection.
        gc.freeze()
        return _run(service, args)
    except UserError as exc:
        print(f"facilitator: {cli_text.error_text(exc)}{_lines_waiting(service, exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        return _environment_error(exc) or _crash(service.home if service else None, exc)
    except Exception as exc:  # noqa: BLE001 - last resort: one line, details logged
        home = service.home if service else None
        return _home_unwritable(home, exc) or _crash(home, exc)
    finally:
        if service is not None:
            service.close()


def _lines_waiting(service: Service | None, exc: UserError) -> str:
    """When the team's server cannot be reached: how many typed lines wait on this laptop
    (the end of the same line), so a restart while it is away does not look like a loss."""
    if service is None or getattr(exc, "kind", None) != "offline":
        return ""
    from facilitator.cli_text import t

    try:
        count = service.record.lines_waiting()
    except Exception:  # noqa: BLE001 - the journal is a courtesy here, the error line is what matters
        return ""
    if not count:
        return ""
    return t("; {count} typed lines wait on this laptop, written in order when the server answers", count=count)


def _printable_streams() -> None:
    """Nothing from a file or a server reaches the terminal raw: stdout and stderr filtered."""
    from facilitator.textsafe import PrintableStream

    if not isinstance(sys.stdout, PrintableStream):
        sys.stdout = PrintableStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, PrintableStream):
        sys.stderr = PrintableStream(sys.stderr)  # type: ignore[assignment]


def _run(service: Service, args: argparse.Namespace) -> int:
    """The command asked for; none opens the app at a keyboard, else lists the meetings."""
    if args.command is None:
        if at_keyboard():
            return _open_tui(service, None,
                             farewell=lambda: after_tui_message(service.record.meetings(), service.settings.language))
        _cmd_meetings(service, argparse.Namespace(json=False))
        return 0
    if args.command in FOLLOWUP_COMMANDS:
        from facilitator.cli_followup import COMMANDS as FOLLOWUP

        return FOLLOWUP[args.command](service, args)
    from facilitator.cli_db import COMMANDS as DB

    return {**COMMANDS, **DB}[args.command](service, args)


if __name__ == "__main__":
    sys.exit(main())
