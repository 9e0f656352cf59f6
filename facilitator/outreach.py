"""Follow-up that reaches people: plan who gets what through which channel, then send
it once.

A plan is computed from the store and the settings alone and changes nothing, so the
same plan serves ``--dry-run``, the TUI preview and the real send. Sending goes
through the send log: a message already delivered is skipped ("already sent"), one
that failed before is sent again, and every attempt is recorded with the server's
answer before the next message goes.

Three plans: ``followup`` (after a meeting: a mail per owner, a digest per order to
each group robot), ``reminders`` (what is due soon or overdue, per owner, across all
meetings; safe for a daily cron job) and ``escalation`` (a request for a decision to
the owner's manager about one overdue or blocked action).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from facilitator import channels
from facilitator.config import Settings, same_name
from facilitator.followup_text import (
    FOLLOWUP_TEXT,
    NO_OWNER,
    by_owner_of,
    followup_markdown,
    followup_scope,
)
from facilitator.model import (
    OUTSTANDING,
    Action,
    Language,
    Outcome,
    Outgoing,
    Plan,
    SendRecord,
    State,
    UserError,
)
from facilitator.outreach_text import TEXT, digest_markdown, escalation_markdown, reminder_markdown
from facilitator.sendlog import SendLog

if TYPE_CHECKING:
    from facilitator.store import Store

Compose = Callable[[str, list[Action]], tuple[str, str, Language]]
"""What one owner's mail says: ``compose(owner, actions)`` gives its subject, body and language."""


def _mails(plan: Plan, settings: Settings, groups: dict[str, list[Action]],
           compose: Compose) -> None:
    """One mail per owner who has an email address; the others listed as unreachable.

    ``compose(owner, actions)`` gives the subject, the body and its language."""
    for owner, items in groups.items():
        if owner == NO_OWNER:
            plan.unreachable.append(f"{len(items)} unassigned action(s): nobody to mail")
            continue
        who = settings.person(owner)
        if who is None or not who.email:
            plan.unreachable.append(f'{owner}: no email; add [people."{owner}"] email = "…" to config.toml')
            continue
        if not settings.smtp.configured:
            plan.unreachable.append(f"{owner}: no [smtp] host and from in config.toml, so no mail")
            continue
        subject, body, lang = compose(owner, items)
        plan.messages.append(Outgoing(plan.kind, "email", owner, who.email, subject, body, lang,
                                      [a.id for a in items if a.id is not None]))


def _parts(groups: dict[str, list[Action]],
           fits: Callable[[dict[str, list[Action]]], bool]) -> list[dict[str, list[Action]]]:
    """Owner groups packed into as few messages as fit; one owner is never split."""
    parts: list[dict[str, list[Action]]] = [{}]
    for owner, items in groups.items():
        if parts[-1] and not fits({**parts[-1], owner: items}):
            parts.append({})
        parts[-1][owner] = items
    return parts


def _robots(plan: Plan, settings: Settings, title: str, groups: dict[str, list[Action]],
            as_of: date, intro: str = "", about: str = "") -> None:
    """One digest to each configured group robot (split only where the platform's size
    limit demands), owners @-mentioned by mobile where known."""
    if not groups:
        return
    mobiles = {o: p.mobile for o in groups if (p := settings.person(o)) is not None and p.mobile}
    for channel in channels.configured_groups(settings):
        url = channel.url(settings)
        mentions = channel.mentions(mobiles)

        def body(part: dict[str, list[Action]], head: str, mentions: dict[str, str] = mentions) -> str:
            return digest_markdown(head, part, plan.lang, as_of, intro=intro, mentions=mentions, about=about)

        def fits(part: dict[str, list[Action]], limit: int = channel.limit) -> bool:
            return not limit or len(body(part, title).encode()) <= limit

        parts = _parts(groups, fits)
        digests: list[Outgoing] = []
        for i, part in enumerate(parts, 1):
            head = title if len(parts) == 1 else f"{title} ({i}/{len(parts)})"
            ids = [a.id for items in part.values() for a in items if a.id is not None]
            tagged = sorted({mobiles[o] for o in part if o in mobiles})
            digest = Outgoing(plan.kind, channel.name, "group", url, head, body(part, head), plan.lang, ids,
                              channel.tags(tagged), label=channel.label)
            plan.messages.append(digest)
            digests.append(digest)
        tagged = sorted({mobiles[o] for o in groups if o in mobiles})
        if channel.mention_note and tagged:
            # markdown cannot mention by mobile on WeCom: one short text message does, after
            # the digest's last part, naming the digest it is about (so it is not the same
            # text after every digest) and sent again only with a new digest
            ids = [i for d in digests for i in d.action_ids]
            follows = digests[0].content_hash() if len(digests) == 1 else ",".join(d.content_hash() for d in digests)
            plan.messages.append(Outgoing(plan.kind, channel.name, "group", url, title,
                                          TEXT[plan.lang]["mention_note"].format(title=title), plan.lang, ids,
                                          tagged, style="text", follows=follows, label=channel.label))


def plan_followup(store: Store, settings: Settings, meeting_id: int | None = None, order: str | None = None,
                  as_of: date | None = None) -> Plan:
    """After a meeting (or for an order): a mail per owner and a digest per robot."""
    as_of = as_of or date.today()
    scope = followup_scope(store, meeting_id, order)
    plan = Plan("followup", scope.lang)
    groups = by_owner_of(scope.actions)
    about = scope.about

    def compose(owner: str, items: list[Action]) -> tuple[str, str, Language]:
        body = followup_markdown(owner, items, scope.lang, about, scope.order, as_of)
        return f"{FOLLOWUP_TEXT[scope.lang]['title'].format(owner=owner)} · {about}", body, scope.lang

    _mails(plan, settings, groups, compose)
    t = TEXT[scope.lang]
    title = t["digest_title"].format(about=about) + (t["digest_order"].format(order=scope.order) if scope.order else "")
    _robots(plan, settings, title, groups, as_of, about=about)
    return plan


def plan_reminders(store: Store, settings: Settings, as_of: date | None = None, within: int = 3) -> Plan:
    """Per owner, across all meetings: what is overdue or due within ``within`` days.

    The text carries the day, so a second run on the same day finds every message
    already sent, and tomorrow's reminder is a new message.
    """
    if within < 0:
        raise UserError("--within must be 0 or more days")
    as_of = as_of or date.today()
    horizon = as_of + timedelta(days=within)
    due = [a for a in store.list_actions(open_only=True) if a.status in OUTSTANDING and a.due and a.due <= horizon]
    groups = by_owner_of(due)
    default: Language = "en" if settings.language == "en" else "zh"
    plan = Plan("remind", default)

    def compose(owner: str, items: list[Action]) -> tuple[str, str, Language]:
        lang = _language(items, default)  # each owner in the language of their meetings
        body = reminder_markdown(owner, items, lang, as_of, within)
        return TEXT[lang]["remind_title"].format(owner=owner, date=as_of.isoformat()), body, lang

    _mails(plan, settings, groups, compose)
    t = TEXT[default]
    _robots(plan, settings, t["remind_digest_title"].format(date=as_of.isoformat()), groups, as_of,
            intro=t["remind_digest_intro"].format(days=within))
    return plan


def _language(actions: list[Action], default: Language) -> Language:
    """The language most of these actions' meetings were held in."""
    counts = Counter(a.meeting_language for a in actions)
    if not counts:
        return default
    best = max(counts.values())
    tied = [lang for lang, n in counts.items() if n == best]
    return default if default in tied else tied[0]


def plan_escalation(store: Store, settings: Settings, action_id: int, as_of: date | None = None) -> Plan:
    """A request to the owner's manager to decide about one overdue or blocked action."""
    as_of = as_of or date.today()
    action = store.get_action(action_id)
    if not (action.status == "blocked" or action.is_overdue(as_of)):
        due = action.due.isoformat() if action.due else "no due date"
        # templates apart from their values: the command line says them in the user's language
        raise UserError("action {id} is neither overdue nor blocked ({status}, {due}); nothing to escalate",
                        id=action_id, status=action.status, due=due)
    if not action.owner:
        raise UserError("action {id} has no owner, so there is no manager to ask", id=action_id)
    owner = settings.person(action.owner)
    if owner is None or not owner.manager:
        raise UserError('no manager for {owner}: add manager = "NAME" under [people."{owner}"] in config.toml',
                        owner=action.owner)
    manager = settings.people[owner.manager]
    if not manager.email:
        raise UserError('{manager} (manager of {owner}) has no email in [people."{manager}"]',
                        manager=manager.name, owner=action.owner)
    assert action.meeting_id is not None  # a stored action belongs to a meeting
    meeting = store.get_meeting(action.meeting_id)
    meetings = list(reversed(store.linked_meetings(action.meeting_id)))  # newest first: the latest promise
    basis = [r for m in meetings if m.id is not None for r in store.get_meeting(m.id).responsibilities
             if r.owner and same_name(r.owner) == same_name(action.owner)]
    deadline = next((m.deadline for m in meetings if m.deadline), None)
    customer = next((m.customer for m in meetings if m.customer), "")
    lang = meeting.language
    subject, body = escalation_markdown(action, manager.name, lang, as_of, customer=customer, deadline=deadline,
                                        history=list(store.action_history(action_id)), basis=basis)
    plan = Plan("escalate", lang)
    if not settings.smtp.configured:
        plan.unreachable.append(f"{manager.name}: no [smtp] host and from in config.toml, so no mail")
    plan.messages.append(Outgoing("escalate", "email", manager.name, manager.email, subject, body, lang,
                                  [action_id]))
    return plan


# -- sending -------------------------------------------------------------------------


def states(store: Store, plan: Plan) -> list[State]:
    """For each message of the plan: new, already sent, unconfirmed (an attempt cut off
    with no answer recorded), or failed before (to retry)."""
    log = SendLog(store)
    out: list[State] = []
    for m in plan.messages:
        h = m.content_hash()
        held = log.holder(m.recipient, h)
        if log.delivered(h) is not None or (held is not None and held.status == "ok"):
            out.append("already sent")
        elif held is not None:
            out.append("unconfirmed")
        else:
            out.append("retry" if log.last_attempt(h) is not None else "new")
    return out


UNCONFIRMED = ("claimed {at} with no answer recorded: still being sent by another run, or cut off "
               "after it may have arrived; check, then --retry-unconfirmed sends it again or "
               "--accept-unconfirmed records it as delivered")


def check_ready(settings: Settings, plan: Plan) -> None:
    """Refuse (one line, exit 2) a send that cannot work whatever the network does."""
    if not plan.messages:
        if not any(c.configured(settings) for c in channels.all_channels()):
            raise UserError("nothing to send through: add [smtp] or [webhooks] to config.toml")
        return
    for name in dict.fromkeys(m.channel for m in plan.messages):
        problem = channels.get(name).ready(settings)
        if problem is not None:
            raise UserError(problem)


def deliver(store: Store, settings: Settings, plan: Plan, unconfirmed: str = "skip") -> list[Outcome]:
    """Send what the send log has not delivered yet; each message is claimed and its
    attempt recorded first. A claim held by an attempt with no answer (``unconfirmed``)
    is skipped, sent again (``unconfirmed="retry"``) or recorded as delivered
    (``"accept"``): never sent again unasked, since it may have arrived."""
    check_ready(settings, plan)
    log = SendLog(store)
    outcomes: list[Outcome] = []
    for m in plan.messages:
        h = m.content_hash()
        done = log.delivered(h)
        if done is not None:
            outcomes.append(Outcome(m, "already sent", f"on {done.at[:16].replace('T', ' ')}"))
            continue
        send_id = log.begin(kind=m.kind, channel=m.channel, recipient=m.recipient, address=m.shown_address,
                            subject=m.subject, body=m.body, content_hash=h, action_ids=m.action_ids)
        if send_id is None:
            held = log.holder(m.recipient, h)
            if held is None:  # the other attempt failed in between: its claim is free again
                send_id = log.begin(kind=m.kind, channel=m.channel, recipient=m.recipient,
                                    address=m.shown_address, subject=m.subject, body=m.body, content_hash=h,
                                    action_ids=m.action_ids)
            elif held.status == "ok":
                outcomes.append(Outcome(m, "already sent", f"on {held.at[:16].replace('T', ' ')}"))
                continue
            elif unconfirmed == "accept":
                log.settle_unconfirmed(held.id, delivered=True)
                outcomes.append(Outcome(m, "already sent", "unconfirmed attempt recorded as delivered"))
                continue
            elif unconfirmed == "retry":
                log.settle_unconfirmed(held.id, delivered=False)
                send_id = log.begin(kind=m.kind, channel=m.channel, recipient=m.recipient,
                                    address=m.shown_address, subject=m.subject, body=m.body, content_hash=h,
                                    action_ids=m.action_ids)
            if send_id is None:
                at = held.at[:16].replace("T", " ") if held is not None else "just now"
                outcomes.append(Outcome(m, "unconfirmed", UNCONFIRMED.format(at=at)))
                continue
        ok, answer = _send_one(settings, m)
        if password := settings.smtp_password.get_secret_value():
            answer = answer.replace(password, "***")
        log.settle(send_id, ok, answer)
        outcomes.append(Outcome(m, "sent" if ok else "failed", answer))
    return outcomes


def _send_one(settings: Settings, m: Outgoing) -> tuple[bool, str]:
    try:
        return True, channels.get(m.channel).send(settings, m)
    except channels.DeliveryError as exc:
        return False, str(exc)


def send_log(store: Store, action_id: int) -> list[SendRecord]:
    store.get_action(action_id)  # one clear error for an unknown id
    return SendLog(store).for_action(action_id)
