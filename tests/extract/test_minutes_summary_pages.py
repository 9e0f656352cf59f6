"""Pages that tell what was said and then list the actions: a task said in the account and
written again in the list is one task, the list's (issue 29: a fresh thread summary gave each
of its tasks twice, once from the quotes and once from the list)."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import written

MON = date(2026, 11, 30)

SUMMARY = """**Summary of the #billing thread**

**What was discussed**
• Ines found that the retry job double-charges when the gateway times out.
• Pavel: "I'll add an idempotency key to the retry job today."
• Ines will email the affected customers and refund them on Wednesday.
• Rui asked whether finance needs a report — no answer yet.

**Action items**
- Pavel — add an idempotency key to the retry job — today
- Ines — email the affected customers and refund the double charges — Wednesday
- Rui — draft the incident note for finance — tomorrow EOD
"""


def _actions(text: str) -> list[tuple[str, str | None, date | None]]:
    return [(t, owner, due) for kind, t, owner, due in written(text, MON, "en", "md") if kind == "action"]


def test_a_task_said_in_the_account_and_listed_again_is_the_listed_one() -> None:
    assert _actions(SUMMARY) == [
        ("add an idempotency key to the retry job", "Pavel", MON),
        ("email the affected customers and refund the double charges", "Ines", date(2026, 12, 2)),
        ("draft the incident note for finance", "Rui", date(2026, 12, 1)),
    ]


def test_a_task_of_the_account_that_the_list_does_not_hold_stays() -> None:
    page = SUMMARY.replace("• Rui asked whether finance needs a report — no answer yet.",
                           "• Rui will book the post-mortem room by Thursday.")
    assert ("book the post-mortem room", "Rui", date(2026, 12, 3)) in _actions(page)


def test_a_decision_noted_in_the_discussion_and_listed_under_decisions_is_the_listed_one() -> None:
    page = ("Weekly sync\nAttendees: Ana Ruiz, Kofi Mensah\n\nNotes\n"
            "- Pricing: we'll keep wholesale prices flat through Q1.\n\n"
            "Decisions\n- Wholesale prices stay flat through Q1\n")
    assert [t for kind, t, _, _ in written(page, MON, "en", "md") if kind == "decision"] == [
        "Wholesale prices stay flat through Q1"]
