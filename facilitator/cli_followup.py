"""Follow-up commands: the action ledger, single-action updates, follow-up messages and
the delivery view of an order.

These are what a salesperson (or a script run every morning) uses between meetings,
so every command has ``--json`` or a file output, and every update is one line in.
Their parsers are built with the others' in ``cli.build_parser``; this module is
loaded only when one of them runs, so no other command compiles or imports it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.cli_output import print_json, write_out
from facilitator.cli_text import chosen_language, t
from facilitator.model import Action, ActionEvent, Outcome, Outgoing, Plan, UserError, chase_order

if TYPE_CHECKING:
    from facilitator.service import Service


def _print(text: str) -> None:
    write_out(text, None)


def _json(data: Any) -> None:
    print_json(data)


def _lines(actions: list[Action], as_of: date) -> str:
    """The ledger as the table prints it, one line per action, with every word that
    is the same on each line (status names, "no date", "meeting N") looked up once: the
    ledger of a team's years runs to 100,000 actions."""
    from facilitator.cli_text import language, t
    from facilitator.labels import terms

    status_terms = terms(language("en"))
    words = {status: status_terms[status] for status in ("open", "done", "blocked", "dropped")}
    no_date, overdue = t("no date   "), t(" overdue")
    meetings: dict[int | None, str] = {}
    zh = chosen_language() == "zh"

    def line(a: Action) -> str:
        due = a.due.isoformat() if a.due else no_date
        late = overdue if a.is_overdue(as_of) else ""
        meeting = meetings.get(a.meeting_id)
        if meeting is None:
            meeting = meetings[a.meeting_id] = t("meeting {id}", id=a.meeting_id)
        where = f"{a.order} · {meeting}" if a.order and meeting else a.order or meeting
        reason = f" — {a.reason}" if a.reason else ""
        status = words.get(a.status, a.status)
        if zh:  # Chinese punctuation: 刘经理：整理报价（PO-7 · 会议 1）
            return f"{a.id:>4}  {status:<7}  {due}{late}  {a.owner or '?'}：{a.action}{reason}（{where}）"
        return f"{a.id:>4}  {status:<7}  {due}{late}  {a.owner or '?'}: {a.action}{reason}  ({where})"

    return "\n".join(map(line, actions))


def _line(a: Action, as_of: date) -> str:
    return _lines([a], as_of)


EVENT_ZH = {"created": "创建", "status": "状态", "due": "改日期", "edit": "修改"}
"""An action's history entries in Chinese (as the TUI's board names them)."""


def _event(e: ActionEvent) -> str:
    """One history entry of ``action ID``: ``2026-12-07 12:19  创建 · 进行中 · 2026-12-10（会议 1）``
    in Chinese; in English as it always read."""
    from facilitator.labels import terms

    if chosen_language() != "zh":
        due = f" due {e.due.isoformat()}" if e.due else ""
        why = f" — {e.reason}" if e.reason else ""
        where = f" (meeting {e.meeting_id})" if e.meeting_id else ""
        who = f" by {e.author}" if e.author else ""
        return f"      {e.at}  {e.kind:<7} {e.status}{due}{why}{where}{who}"
    parts = [EVENT_ZH.get(e.kind, e.kind), terms("zh").get(e.status, e.status) if e.status else ""]
    if e.due is not None:
        parts.append(e.due.isoformat())
    if e.reason:
        parts.append(f"原因：{e.reason}")
    if e.author:
        parts.append(f"记录人：{e.author}")
    where = f"（会议 {e.meeting_id}）" if e.meeting_id else ""
    return f"      {e.at[:16].replace('T', ' ')}  {' · '.join(p for p in parts if p)}{where}"


def cmd_actions(service: Service, args: argparse.Namespace) -> int:
    from facilitator import export

    as_of = args.as_of or date.today()
    fmt = "json" if args.json else args.format
    if args.todo and fmt != "ics":
        raise UserError("--todo goes with --format ics")
    actions = service.followup.actions(
        open_only=args.open, owner=args.owner, order=args.order, overdue_on=as_of if args.overdue else None,
        by=args.by,
    )
    if args.overdue or fmt == "table":
        # overdue first, then by due date (undated last): what to chase today
        actions = chase_order(actions, as_of)
    if fmt == "json":
        text = json.dumps([a.ledger_json(as_of) for a in actions], ensure_ascii=False)
    elif fmt == "csv":
        text = export.actions_csv(actions, chosen_language() or "en")  # as the table is said
    elif fmt == "ics":
        text = export.actions_ics(actions, todo=args.todo, people=service.settings.people,
                                  organizer=service.settings.smtp.sender)
    elif not actions:
        text = t("No actions.")
    else:
        text = _lines(actions, as_of)
    _write(text, args.out, args.force)
    return 0


def _write(text: str, out: str | None, force: bool) -> None:
    write_out(text, out, force)


def cmd_action(service: Service, args: argparse.Namespace) -> int:
    tracker = service.followup
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
        _print(_event(e))
    return 0


def cmd_followup(service: Service, args: argparse.Namespace) -> int:
    if (args.meeting_id is None) == (args.order is None):
        raise UserError("followup needs a MEETING_ID or --order REF (one of them)")
    if args.send or args.dry_run:
        plan = service.followup.plan_followup(meeting_id=args.meeting_id, order=args.order, as_of=args.as_of)
        if args.owner is not None:
            plan.messages = [m for m in plan.messages if m.recipient == args.owner]
        if not (args.dry_run and not plan.messages and plan.unreachable):
            return _deliver(service, plan, args.dry_run, args.unconfirmed, args.json)
        # a dry run where nobody has an address yet still shows what each owner would
        # read (the notes say how to give them one): the reason to try a dry run first
        import sys

        for note in plan.unreachable:
            print(t("note: {note}", note=_note(note)), file=sys.stderr)
    if args.out and not args.dry_run:
        paths = service.followup.write_followups(
            Path(args.out), meeting_id=args.meeting_id, order=args.order, owner=args.owner, as_of=args.as_of,
            replace=args.force,
        )
        if args.json:
            _json([{"path": str(p)} for p in paths])
        else:
            _print("\n".join(str(p) for p in paths) or t("No actions to follow up."))
        return 0
    messages = service.followup.followups(
        meeting_id=args.meeting_id, order=args.order, owner=args.owner, as_of=args.as_of
    )
    if args.json:
        _json([{"owner": owner, "text": text} for owner, text in messages.items()])
        return 0
    if not messages:
        _print(t("No actions to follow up."))
        return 0
    _print("\n---\n\n".join(messages.values()))
    return 0


def _note(note: str) -> str:
    """Who cannot be reached and why, in the user's language."""
    from facilitator.outreach_text import note_text  # loaded already: the plan was made with it

    return note_text(note, chosen_language())


def cmd_remind(service: Service, args: argparse.Namespace) -> int:
    plan = service.followup.plan_reminders(as_of=args.as_of, within=args.within)
    if not (args.send or args.dry_run):
        args.dry_run = True  # without --send a reminder is only shown
    return _deliver(service, plan, args.dry_run, args.unconfirmed, args.json)


def cmd_escalate(service: Service, args: argparse.Namespace) -> int:
    plan = service.followup.plan_escalation(args.action_id, as_of=args.as_of)
    return _deliver(service, plan, args.dry_run or not args.send, args.unconfirmed, args.json)


def _deliver(service: Service, plan: Plan, dry_run: bool, unconfirmed: str = "skip", as_json: bool = False) -> int:
    """Print the plan (dry run) or send it; one line per message, failures on stderr.

    Exit 1 when a message failed: it is recorded and goes again on the next run.
    """
    if dry_run:
        _notes(plan)
        states = service.followup.states(plan)
        if as_json:
            _json(_plan_json(plan, True, [(m, state, None) for m, state in zip(plan.messages, states, strict=True)]))
        else:
            _show_plan(plan, states)
        return 0
    outcomes = service.followup.send(plan, unconfirmed)  # refuses (exit 2) before anything when it cannot work
    _notes(plan)
    if as_json:
        _json(_plan_json(plan, False, [(o.message, o.status, o.answer) for o in outcomes]))
    else:
        _show_outcomes(outcomes)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _notes(plan: Plan) -> None:
    """Who cannot be reached, and why: on stderr, whatever the output."""
    import sys

    for note in plan.unreachable:
        print(t("note: {note}", note=_note(note)), file=sys.stderr)


def _show_plan(plan: Plan, states: Sequence[str]) -> None:
    """A dry run as people read it: each message with where it goes and its state."""
    if not plan.messages:
        _print(t("Nothing to send."))
    for m, state in zip(plan.messages, states, strict=True):
        head = f"== {_where(m)} [{t(state)}]"
        if m.mobiles:
            head += t(" mentions {mobiles}", mobiles=", ".join(m.mobiles))
        _print(f"{head}\n{t('Subject: {subject}', subject=m.subject)}\n\n{m.body}")


def _where(m: Outgoing) -> str:
    """Where a message goes, in the user's words (``Outgoing.where`` is the send log's English)."""
    if m.channel == "email":
        return t("mail to {recipient} <{address}>", recipient=m.recipient, address=m.address)
    return t("{label} group ({address})", label=m.label or m.channel, address=m.shown_address)


def _outcome_line(o: Outcome) -> str:
    return t("{status}: {where}: {answer}", status=t(o.status), where=_where(o.message), answer=o.answer)


def _show_outcomes(outcomes: list[Outcome]) -> None:
    """One line per message sent (failures on stderr), then the counts."""
    import sys

    if not outcomes:
        _print(t("Nothing to send."))
    for o in outcomes:
        if o.status in ("failed", "unconfirmed"):
            print(_outcome_line(o), file=sys.stderr)
        else:
            _print(_outcome_line(o))
    counts = {s: sum(1 for o in outcomes if o.status == s)
              for s in ("sent", "already sent", "failed", "unconfirmed")}
    if outcomes:
        tail = " (recorded; sent again on the next run)" if counts["failed"] else ""
        if counts["unconfirmed"]:
            tail += f", {counts['unconfirmed']} unconfirmed (not sent again; see above)"
        _print(f"{counts['sent']} sent, {counts['already sent']} already sent, {counts['failed']} failed{tail}")


def _plan_json(plan: Plan, dry_run: bool, rows: list[tuple[Outgoing, str, str | None]]) -> dict[str, object]:
    """``followup``/``remind``/``escalate --json`` with ``--dry-run`` or ``--send``: each message
    with its ``state`` (a dry run's ``new``, ``already sent``, ``retry``, ``unconfirmed``; a
    send's outcome ``sent``, ``already sent``, ``failed``, ``unconfirmed``) and the server's
    ``answer`` (null in a dry run); robot URLs masked as on screen."""
    from facilitator.model import json_of

    keys = ("kind", "channel", "recipient", "address=shown_address", "subject", "body", "mobiles", "action_ids")
    return {
        "kind": plan.kind, "dry_run": dry_run,
        "messages": [dict(json_of(m, keys), state=state, answer=answer) for m, state, answer in rows],
        "unreachable": list(plan.unreachable),
    }


def cmd_delivery(service: Service, args: argparse.Namespace) -> int:
    from facilitator.cli_text import language
    from facilitator.labels import term

    lang = language("en")  # the user's, else English as the other messages
    as_of = args.as_of or date.today()
    view = service.followup.delivery(args.order)
    if args.json:
        _json(view.to_json(as_of))
        return 0
    data = view.to_json(as_of)
    head = t("Order {order}", order=view.order) + (f" · {data['customer']}" if data["customer"] else "")
    _print(t("{head}: {meetings} meetings, {outstanding} actions outstanding, {overdue} overdue (as of {day})",
             head=head, meetings=len(view.meetings), outstanding=data["outstanding"], overdue=data["overdue"],
             day=as_of.isoformat()))
    for m in view.meetings:
        day = m.date.isoformat() if m.date else t("undated")
        state = t("closed") if m.status == "closed" else t("open")
        _print(f"\n{day}  " + t("meeting {id}", id=m.id) + f"  {m.title}  [{state}]")
        for r in m.responsibilities:
            _print(t("  responsibility: {item} -> {owner} ({status})", item=r.item, owner=r.owner or "?",
                     status=term(lang, r.status)))
        for d in m.decisions:
            _print(t("  decision: {text}", text=d.text))
        for o in m.obstacles:
            _print(t("  obstacle: {text}", text=o.text))
        for a in (a for a in view.actions if a.meeting_id == m.id):
            _print(t("  action {line}", line=_line(a, as_of).strip()))
            for e in view.history.get(a.id or 0, [])[1:]:
                why = f" — {e.reason}" if e.reason else ""
                due = t(" due {day}", day=e.due.isoformat()) if e.due else ""
                where = t(" (in meeting {id})", id=e.meeting_id) if e.meeting_id and e.meeting_id != m.id else ""
                status = term(lang, e.status) if e.status in ("open", "done", "blocked", "dropped") else e.status
                _print(f"      {e.at[:10]} {status}{due}{why}{where}")
    return 0


COMMANDS = {
    "actions": cmd_actions, "action": cmd_action, "followup": cmd_followup, "delivery": cmd_delivery,
    "remind": cmd_remind, "escalate": cmd_escalate,
}
