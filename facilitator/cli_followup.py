"""Follow-up commands: the action ledger, single-action updates, follow-up messages and
the delivery view of an order.

These are what a salesperson (or a script run every morning) uses between meetings,
so every command has ``--json`` or a file output, and every update is one line in.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from facilitator.model import Action, UserError


def add_parsers(sub: Any, iso_date: Callable[[str], date]) -> None:
    ac = sub.add_parser("actions", help="follow-up actions across meetings (the ledger)")
    ac.add_argument("--open", action="store_true", help="only actions still owed (open or blocked)")
    ac.add_argument("--overdue", action="store_true", help="only actions still owed and due before --as-of")
    ac.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the day overdue is judged on (default: today)")
    ac.add_argument("--owner", metavar="NAME", help="only this owner's actions")
    ac.add_argument("--order", metavar="REF", help="only actions from meetings on this order")
    ac.add_argument("--json", action="store_true", help="same as --format json")
    ac.add_argument("--format", choices=["table", "json", "csv", "ics"], default="table",
                    help="table (default), json, csv, or ics with one event per dated action")
    ac.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    ac.add_argument("--force", action="store_true", help="with --out: replace a file that is already there")

    one = sub.add_parser("action", help="show or update one action: status, reason, due date")
    one.add_argument("action_id", type=int, help="the id shown by `facilitator actions`")
    change = one.add_mutually_exclusive_group()
    change.add_argument("--done", action="store_true", help="mark done")
    change.add_argument("--blocked", metavar="REASON", help="mark blocked, saying why")
    change.add_argument("--drop", metavar="REASON", help="withdraw it, saying why")
    change.add_argument("--reopen", action="store_true", help="back to open")
    due = one.add_mutually_exclusive_group()
    due.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD", help="new due date")
    due.add_argument("--no-due", action="store_true", help="clear the due date")
    one.add_argument("--json", action="store_true", help="print the action and its history as JSON")

    fu = sub.add_parser("followup", help="a follow-up message per owner (Markdown, in the meeting's language)")
    fu.add_argument("meeting_id", nargs="?", type=int, help="what this meeting's owners committed to")
    fu.add_argument("--order", metavar="REF", help="everything still owed on this order instead of one meeting")
    fu.add_argument("--owner", metavar="NAME", help="only the message for this owner")
    fu.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the day overdue is judged on (default: today)")
    fu.add_argument("--out", metavar="DIR", help="write one file per owner into DIR")
    fu.add_argument("--force", action="store_true", help="with --out: replace message files already in DIR")

    dv = sub.add_parser("delivery", help="where an order stands: its meetings, responsibilities and actions")
    dv.add_argument("order", help="the order reference")
    dv.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the day overdue is judged on (default: today)")
    dv.add_argument("--json", action="store_true", help="print JSON for scripts")


def _print(text: str) -> None:
    import sys

    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json(data: Any) -> None:
    _print(json.dumps(data, ensure_ascii=False))


def _line(a: Action, as_of: date) -> str:
    due = a.due.isoformat() if a.due else "no date   "
    late = " overdue" if a.is_overdue(as_of) else ""
    where = " · ".join(x for x in (a.order, f"meeting {a.meeting_id}") if x)
    reason = f" — {a.reason}" if a.reason else ""
    return f"{a.id:>4}  {a.status:<7}  {due}{late}  {a.owner or '?'}: {a.action}{reason}  ({where})"


def cmd_actions(service: Any, args: argparse.Namespace) -> int:
    from facilitator import export

    as_of = args.as_of or date.today()
    fmt = "json" if args.json else args.format
    actions = service.tracker.actions(
        open_only=args.open, owner=args.owner, order=args.order, overdue_on=as_of if args.overdue else None
    )
    if args.overdue or fmt == "table":
        # overdue first, then by due date (undated last): what to chase today
        actions.sort(key=lambda a: (not a.is_overdue(as_of), a.due is None, a.due or date.max, a.id))
    if fmt == "json":
        text = json.dumps([a.ledger_json(as_of) for a in actions], ensure_ascii=False)
    elif fmt == "csv":
        text = export.actions_csv(actions)
    elif fmt == "ics":
        text = export.actions_ics(actions)
    elif not actions:
        text = "No actions."
    else:
        text = "\n".join(_line(a, as_of) for a in actions)
    _write(text, args.out, args.force)
    return 0


def _write(text: str, out: str | None, force: bool) -> None:
    from facilitator.cli import _write_out

    _write_out(text, out, force)


def cmd_action(service: Any, args: argparse.Namespace) -> int:
    tracker = service.tracker
    status, reason = None, None
    if args.done:
        status = "done"
    elif args.blocked is not None:
        status, reason = "blocked", args.blocked
    elif args.drop is not None:
        status, reason = "dropped", args.drop
    elif args.reopen:
        status = "open"
    if status is not None or args.due or args.no_due:
        action = tracker.update(args.action_id, status=status, reason=reason, due=args.due, clear_due=args.no_due)
    else:
        action = tracker.action(args.action_id)
    history = tracker.history(args.action_id)
    if args.json:
        _json(dict(action.ledger_json(date.today()), history=[e.to_json() for e in history]))
        return 0
    _print(_line(action, date.today()))
    for e in history:
        due = f" due {e.due.isoformat()}" if e.due else ""
        why = f" — {e.reason}" if e.reason else ""
        where = f" (meeting {e.meeting_id})" if e.meeting_id else ""
        _print(f"      {e.at}  {e.kind:<7} {e.status}{due}{why}{where}")
    return 0


def cmd_followup(service: Any, args: argparse.Namespace) -> int:
    if (args.meeting_id is None) == (args.order is None):
        raise UserError("followup needs a MEETING_ID or --order REF (one of them)")
    if args.out:
        paths = service.tracker.write_followups(
            Path(args.out), meeting_id=args.meeting_id, order=args.order, owner=args.owner, as_of=args.as_of,
            replace=args.force,
        )
        _print("\n".join(str(p) for p in paths) or "No actions to follow up.")
        return 0
    messages = service.tracker.followups(
        meeting_id=args.meeting_id, order=args.order, owner=args.owner, as_of=args.as_of
    )
    if not messages:
        _print("No actions to follow up.")
        return 0
    _print("\n---\n\n".join(messages.values()))
    return 0


def cmd_delivery(service: Any, args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    view = service.tracker.delivery(args.order)
    if args.json:
        _json(view.to_json(as_of))
        return 0
    data = view.to_json(as_of)
    head = f"Order {view.order}" + (f" · {data['customer']}" if data["customer"] else "")
    _print(f"{head}: {len(view.meetings)} meetings, {data['outstanding']} actions outstanding, "
           f"{data['overdue']} overdue (as of {as_of.isoformat()})")
    for m in view.meetings:
        day = m.date.isoformat() if m.date else "undated"
        _print(f"\n{day}  meeting {m.id}  {m.title}  [{m.status}]")
        for r in m.responsibilities:
            _print(f"  responsibility: {r.item} -> {r.owner or '?'} ({r.status})")
        for d in m.decisions:
            _print(f"  decision: {d.text}")
        for o in m.obstacles:
            _print(f"  obstacle: {o.text}")
        for a in (a for a in view.actions if a.meeting_id == m.id):
            _print(f"  action {_line(a, as_of).strip()}")
            for e in view.history.get(a.id or 0, [])[1:]:
                why = f" — {e.reason}" if e.reason else ""
                due = f" due {e.due.isoformat()}" if e.due else ""
                where = f" (in meeting {e.meeting_id})" if e.meeting_id and e.meeting_id != m.id else ""
                _print(f"      {e.at[:10]} {e.status}{due}{why}{where}")
    return 0


COMMANDS = {"actions": cmd_actions, "action": cmd_action, "followup": cmd_followup, "delivery": cmd_delivery}
