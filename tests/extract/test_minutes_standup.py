"""A standup written as each person's turn: their name alone, then ``Yesterday:`` (done),
``Today:`` (their task for the day) and ``Blockers:`` (in their way) (issue 29: a fresh
standup page lost every ``Today`` task and named its labels as the room's people)."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import Row, written

TUE = date(2026, 12, 8)

PAGE = """# Standup — Tue 8 Dec

**Priya**
- Yesterday: shipped the invoice export fix.
- Today: review the payment retry PR.
- Blockers: none.

**Jonas**
- Yesterday: on call, no feature work.
- Tomorrow: migrate the staging database to Postgres 16.
- Blockers: waiting on the DBA for credentials.

**Elif**
- Done: wrote the onboarding checklist.
- Today: pairing with Priya on the payment retry PR (same as above).
"""


def _items(text: str) -> list[Row]:
    return written(text, TUE, "en", "md")


def test_each_persons_today_is_their_task_for_the_day_and_the_rest_owes_nothing() -> None:
    assert _items(PAGE) == [
        ("action", "review the payment retry PR", "Priya", TUE),
        ("action", "migrate the staging database to Postgres 16", "Jonas", date(2026, 12, 9)),
    ]


def test_labels_without_a_persons_turn_above_are_read_as_usual() -> None:
    # "Next: …" in ordinary minutes is no one's standup turn: no owner is made up for it
    page = "Project sync\nWe went through the launch checklist.\nNext: the vendor call on Friday.\n"
    assert all(owner is None for _, _, owner, _ in _items(page))
