"""The words of the messages that leave the app: group digests, reminders, escalations.

Kept apart from the sending logic so each language reads as a whole. An escalation is
written as a request for a decision: what is stuck, what it costs the customer, what
the manager could decide, never who is to blame (the lesson's "a reason they cannot
refuse": the decision is made easy to take).
"""

from __future__ import annotations

import re
from datetime import date

from facilitator.drafting.render import LABELS, inline
from facilitator.followup_text import NO_OWNER, action_line, by_due
from facilitator.model import Action, ActionEvent, Language, Responsibility

TEXT = {
    "zh": {
        "digest_title": "跟进汇总：{about}",
        "digest_order": "（订单 {order}）",
        "digest_counts": "截至 {date}：{open} 项未完成，{overdue} 项逾期",
        "unassigned": "未指定负责人",
        "mention_note": "请以上负责人查看各自的事项：{title}",
        "remind_title": "到期提醒：{owner}（{date}）",
        "remind_greeting": "{owner}，您好：",
        "remind_intro": "截至 {date}，以下由您负责的事项已逾期或将在 {days} 天内到期，请按时完成；如遇阻碍请尽早告知，我们一起协调资源。",
        "remind_digest_title": "到期提醒（{date}）",
        "remind_digest_intro": "以下事项已逾期或将在 {days} 天内到期：",
        "esc_subject": "请您决定：{action}",
        "esc_greeting": "{manager}，您好：",
        "esc_overdue": "已逾期 {days} 天（原定 {due}）",
        "esc_blocked": "目前受阻",
        "esc_intro": "{owner}负责的“{action}”{state}。这件事关系到我们对客户{customer}的交付承诺，单靠{owner}已经推不动，需要您帮忙做一个决定。",
        "esc_item": "事项：{action}（来自会议「{meeting}」{order}）",
        "esc_order": "，订单 {order}",
        "esc_owner": "负责：{owner}",
        "esc_basis": "责任依据：{item} → {owner}（{basis}）",
        "esc_basis_none": "责任依据：{item} → {owner}（会上确认）",
        "esc_reason": "受阻原因：{reason}",
        "esc_deadline": "向客户承诺的日期：{deadline}",
        "esc_deadline_none": "向客户承诺的日期：尚未约定",
        "esc_history": "经过：",
        "esc_ask": "请在以下做法中选一个，或告诉我们别的安排：",
        "esc_option_1": "1. 调配资源（人手、预算或供应商），让{owner}能在新的日期前完成；",
        "esc_option_2": "2. 同意调整日期，由我来和客户沟通新的交付时间；",
        "esc_option_3": "3. 指定另一位负责人接手。",
        "esc_close": "请回复您的决定和可以完成的日期。谢谢！",
        "ev_created": "创建，截止 {due}",
        "ev_status": "状态改为 {status}",
        "ev_due": "截止日期改为 {due}",
        "ev_edit": "修改（{status}）",
        "ev_meeting": "（会议 #{id}）",
        "no_date": "未定",
    },
    "en": {
        "digest_title": "Follow-up digest: {about}",
        "digest_order": " (order {order})",
        "digest_counts": "As of {date}: {open} outstanding, {overdue} overdue",
        "unassigned": "No owner yet",
        "mention_note": "Owners above, please check your items: {title}",
        "remind_title": "Reminder: {owner} ({date})",
        "remind_greeting": "Hello {owner},",
        "remind_intro": "As of {date}, these items you own are overdue or due within {days} days. Please finish each "
                        "by its date; if something blocks you, say so early and we will find the resources together.",
        "remind_digest_title": "Due soon ({date})",
        "remind_digest_intro": "Overdue or due within {days} days:",
        "esc_subject": "Your decision needed: {action}",
        "esc_greeting": "Hello {manager},",
        "esc_overdue": "is overdue by {days} days (it was due {due})",
        "esc_blocked": "is blocked",
        "esc_intro": "\"{action}\", owned by {owner}, {state}. It bears on what we promised the customer{customer}, "
                     "and {owner} cannot move it alone any more: we need a decision from you.",
        "esc_item": "Item: {action} (from the meeting \"{meeting}\"{order})",
        "esc_order": ", order {order}",
        "esc_owner": "Owner: {owner}",
        "esc_basis": "Basis of responsibility: {item} -> {owner} ({basis})",
        "esc_basis_none": "Basis of responsibility: {item} -> {owner} (agreed in the meeting)",
        "esc_reason": "Blocked because: {reason}",
        "esc_deadline": "Date promised to the customer: {deadline}",
        "esc_deadline_none": "Date promised to the customer: not agreed yet",
        "esc_history": "What happened so far:",
        "esc_ask": "Could you choose one of these, or tell us another way:",
        "esc_option_1": "1. assign resources (people, budget or a supplier) so that {owner} can finish by a new date;",
        "esc_option_2": "2. agree to a later date, and I will talk to the customer about the new delivery time;",
        "esc_option_3": "3. name another owner to take it over.",
        "esc_close": "Please reply with your decision and the date it can be done by. Thank you!",
        "ev_created": "created, due {due}",
        "ev_status": "status set to {status}",
        "ev_due": "due date set to {due}",
        "ev_edit": "edited ({status})",
        "ev_meeting": " (meeting #{id})",
        "no_date": "none",
    },
}  # fmt: skip


UNREACHABLE_ZH: list[tuple[str, str]] = [
    (r"(?P<n>\d+) unassigned action\(s\): nobody to mail", "{n} 项行动没有负责人，邮件无人可发"),
    (r'(?P<who>.+): no email; add \[people\."(?P<p>.+)"\] email = "…" to config\.toml',
     '{who}：没有邮箱；请在 config.toml 的 [people."{p}"] 下加上 email = "…"'),
    (r"(?P<who>.+): no \[smtp\] host and from in config\.toml, so no mail",
     "{who}：config.toml 的 [smtp] 没有设置 host 和 from，无法发邮件"),
]
"""``Plan.unreachable``'s notes (written in English, as the code reads) in Chinese: the
command line translates them with its other messages (``cli_text``), the send preview
with ``note_text``."""


def note_text(note: str, lang: str) -> str:
    """One ``Plan.unreachable`` note in ``lang`` (as written when no translation matches)."""
    if lang == "zh":
        for shape, template in UNREACHABLE_ZH:
            if (m := re.fullmatch(shape, note)) is not None:
                return template.format(**m.groupdict())
    return note


def digest_markdown(
    title: str, groups: dict[str, list[Action]], lang: Language, as_of: date,
    intro: str = "", mentions: dict[str, str] | None = None, about: str = "",
) -> str:
    """One message for the group: every owner's items, overdue first within each owner.

    ``mentions`` maps an owner to the text written after their name (DingTalk needs
    ``@mobile`` in the text for its ``atMobiles`` to show).
    """
    t = TEXT[lang]
    mentions = mentions or {}
    every = [a for items in groups.values() for a in items]
    owed = sum(1 for a in every if a.status in ("open", "blocked"))
    overdue = sum(1 for a in every if a.is_overdue(as_of))
    lines = [f"### {title}", "", intro or t["digest_counts"].format(date=as_of.isoformat(), open=owed,
                                                                   overdue=overdue), ""]
    for owner, items in groups.items():
        name = t["unassigned"] if owner == NO_OWNER else inline(owner)
        tag = f" {mentions[owner]}" if owner in mentions else ""
        lines.append(f"**{name}**{tag}")
        lines += [action_line(a, lang, about, as_of) for a in by_due(items)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def reminder_markdown(owner: str, actions: list[Action], lang: Language, as_of: date, within: int) -> str:
    t = TEXT[lang]
    lines = [
        f"# {t['remind_title'].format(owner=inline(owner), date=as_of.isoformat())}", "",
        t["remind_greeting"].format(owner=inline(owner)), "",
        t["remind_intro"].format(date=as_of.isoformat(), days=within), "",
    ]
    lines += [action_line(a, lang, "", as_of) for a in by_due(actions)]
    return "\n".join(lines) + "\n"


def _event(e: ActionEvent, lang: Language) -> str:
    t = TEXT[lang]
    what = t[f"ev_{e.kind}"].format(status=LABELS[lang].get(e.status, e.status),
                                    due=e.due.isoformat() if e.due else t["no_date"])
    text = f"{e.at[:10]} {what}"
    if e.reason:
        text += ("：" if lang == "zh" else ": ") + inline(e.reason)
    if e.meeting_id:
        text += t["ev_meeting"].format(id=e.meeting_id)
    return f"- {text}"


def escalation_markdown(
    action: Action, manager: str, lang: Language, as_of: date, *, customer: str, deadline: date | None,
    history: list[ActionEvent], basis: list[Responsibility],
) -> tuple[str, str]:
    """The subject and body of a request to the owner's manager for a decision."""
    t = TEXT[lang]
    owner = inline(action.owner or NO_OWNER)
    what = inline(action.action)
    if action.is_overdue(as_of) and action.due is not None:
        state = t["esc_overdue"].format(days=(as_of - action.due).days, due=action.due.isoformat())
    else:
        state = t["esc_blocked"]
    who = inline(customer) if lang == "zh" else (f" {inline(customer)}" if customer else "")
    if lang == "zh" and not customer:
        who = ""
    subject = t["esc_subject"].format(action=what)
    lines = [f"# {subject}", "", t["esc_greeting"].format(manager=inline(manager)), "",
             t["esc_intro"].format(owner=owner, action=what, state=state, customer=who), ""]
    order = t["esc_order"].format(order=inline(action.order)) if action.order else ""
    lines.append("- " + t["esc_item"].format(action=what, meeting=inline(action.meeting_title), order=order))
    lines.append("- " + t["esc_owner"].format(owner=owner))
    for r in basis:
        key = "esc_basis" if r.basis else "esc_basis_none"
        lines.append("- " + t[key].format(item=inline(r.item), owner=inline(r.owner or ""),
                                          basis=inline(r.basis or "")))
    if action.status == "blocked" and action.reason:
        lines.append("- " + t["esc_reason"].format(reason=inline(action.reason)))
    lines.append("- " + (t["esc_deadline"].format(deadline=deadline.isoformat()) if deadline
                         else t["esc_deadline_none"]))
    lines += ["", t["esc_history"]] + [_event(e, lang) for e in history]
    lines += ["", t["esc_ask"], t["esc_option_1"].format(owner=owner), t["esc_option_2"], t["esc_option_3"],
              "", t["esc_close"]]
    return subject, "\n".join(lines) + "\n"
