"""Turn a finished meeting into a case card, so the library grows with every meeting held.

The card is built only from what the record holds (no invention): the situation from the
meeting's header and early notes, boundaries from the responsibility ledger, obstacles,
and the resolution from decisions and actions.
"""

from __future__ import annotations

from facilitator.labels import term
from facilitator.model import Case, Meeting, UserError

LABELS = {
    "zh": {"customer": "客户", "order": "订单", "goal": "目标", "deadline": "交期", "date": "会议日期",
           "disputed": "待定", "none": "（无）", "lesson": "本次会议的关键：", "open": "仍待解决的问题：",
           "colon": "：", "basis": "（依据：{}）", "holder": "（持有：{}）", "due": "，截止 {}",
           "status": "（{}）"},
    "en": {"customer": "Customer", "order": "Order", "goal": "Goal", "deadline": "Deadline",
           "date": "Meeting date", "disputed": "disputed", "none": "(none)", "lesson": "What settled it: ",
           "open": "Still open: ", "colon": ": ", "basis": " (basis: {})", "holder": " ({})", "due": ", due {}",
           "status": " ({})"},
}
"""The card's words and punctuation in the meeting's language: a Chinese card reads Chinese
throughout (full-width colon and brackets, statuses as the ledger names them)."""


def meeting_card_id(meeting: Meeting) -> str:
    when = meeting.date.isoformat() if meeting.date else "undated"
    return f"meeting-{meeting.id}-{when}"


def _bullets(lines: list[str], none: str) -> str:
    return "\n".join(f"- {line}" for line in lines) if lines else none


def card_from_meeting(meeting: Meeting) -> Case:
    if not (meeting.responsibilities or meeting.actions or meeting.obstacles or meeting.decisions):
        raise UserError("meeting {id} has no responsibilities, obstacles, decisions or actions yet; "
                        "nothing to make a card from", id=meeting.id)
    lang = meeting.language if meeting.language in LABELS else "zh"
    t = LABELS[lang]
    facts = [
        f"{t[key]}{t['colon']}{value}"
        for key, value in (
            ("customer", meeting.customer), ("order", meeting.order_ref), ("goal", meeting.goal),
            ("deadline", meeting.deadline.isoformat() if meeting.deadline else ""),
            ("date", meeting.date.isoformat() if meeting.date else ""),
        )
        if value
    ]
    stuck_notes = [n.text for n in meeting.notes if n.stage in ("convene", "stuck")]
    other_notes = [n.text for n in meeting.notes if n.stage not in ("convene", "stuck")]
    boundary = []
    for r in meeting.responsibilities:
        owner = r.owner if r.owner and r.status == "agreed" else t["disputed"]
        basis = t["basis"].format(r.basis) if r.basis else ""
        boundary.append(f"{r.item} → {owner}{basis}")
    resolution = [i.text for i in meeting.decisions]
    for lv in meeting.levers:  # what was mobilised is the part a later meeting can reuse
        held = t["holder"].format(lv.holder) if lv.holder else ""
        resolution.append(f"{lv.resource}{held}" + (f" → {lv.presolves}" if lv.presolves else ""))
    for a in meeting.actions:
        due = t["due"].format(a.due.isoformat()) if a.due else ""
        status = t["status"].format(term(lang, a.status))
        resolution.append(f"{a.owner or t['disputed']}{t['colon']}{a.action}{due}{status}")
    lesson_parts = []
    if meeting.decisions:
        lesson_parts.append(t["lesson"] + meeting.decisions[0].text)
    if meeting.open_questions:
        lesson_parts.append(t["open"] + "；".join(q.text for q in meeting.open_questions))
    departments = sorted({p.department for p in meeting.participants if p.department})
    kinds = [o.kind for o in meeting.obstacles if o.kind and o.kind != "unknown"]
    return Case(
        id=meeting_card_id(meeting),
        title=meeting.title,
        lang=lang,  # type: ignore[arg-type]
        departments=departments,
        tags=["meeting"] + ([meeting.customer] if meeting.customer else []),
        source=f"meeting {meeting.id}",
        obstacle=kinds[0] if kinds else None,
        sections={
            "situation": "\n".join(facts + other_notes[:5]) or t["none"],
            "stuck_point": _bullets(stuck_notes[:8], t["none"]),
            "boundary": _bullets(boundary, t["none"]),
            "obstacle": _bullets([o.text for o in meeting.obstacles], t["none"]),
            "resolution": _bullets(resolution, t["none"]),
            "lesson": "\n".join(lesson_parts) or t["none"],
        },
    )
