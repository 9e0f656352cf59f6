"""Lines of an action list or a decisions table that owe nothing: an item its writer marks
as having no owner, a "someone should probably", a "when he has time"; a decision that opens
with its verb ("Switch to …"); a decisions table whose date column says when it was decided
(issue 29: such lines were taken as tasks, with the verb or the decider as owner)."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import Row, written

THU = date(2026, 12, 3)


def _items(text: str, fmt: str = "md") -> list[Row]:
    return written(text, THU, "en", fmt)


def test_an_item_without_an_owner_in_so_many_words_is_no_task() -> None:
    page = ("Attendees: Ana Ruiz, Kofi Mensah\n\nAction items\n"
            "☐ Kofi to order the spare burner by Friday\n"
            "☐ Look into a second roaster (no owner yet)\n"
            "☐ Someone should probably check the grinder warranty\n")
    assert _items(page) == [("action", "order the spare burner", "Kofi Mensah", date(2026, 12, 4))]


def test_a_task_for_when_someone_has_time_is_no_task() -> None:
    page = ("Present: Harriet Cole, Ben Ashby\n\n"
            "Safety boat: the outboard is still noisy. Ben said he'd take a look at it when he has time.\n")
    assert [i for i in _items(page, "txt") if i[0] == "action"] == []


def test_a_decision_that_opens_with_its_verb_has_no_owner() -> None:
    page = "Decisions\n✅ Switch to the old bag supplier until the leak is fixed\n✅ Stick to the January price list\n"
    assert _items(page) == [
        ("decision", "Switch to the old bag supplier until the leak is fixed", None, None),
        ("decision", "Stick to the January price list", None, None),
    ]


def test_a_decisions_table_dated_the_day_it_was_decided_gives_decisions_not_tasks() -> None:
    page = ("## Decisions\n\n| Decision | Owner | Date |\n|---|---|---|\n"
            "| Go live on 12 Dec as planned | Priya | 3 Dec |\n"
            "| Pilot the new scanner in aisle 4 | Tom | 10 Dec |\n")
    kinds = [(k, t, o) for k, t, o, _ in _items(page)]
    assert ("decision", "Go live on 12 Dec as planned", None) in kinds
    assert not any(k == "action" and t.startswith("Go live") for k, t, _ in kinds)
    # a date after the meeting is when the owner must deliver it: a task as well
    assert ("action", "Pilot the new scanner in aisle 4", "Tom") in kinds
