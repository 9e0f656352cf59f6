"""Who was there when the header packs several fields on one line (``Facilitator: … · Present:
…``) or in a two-cell table row; what a mail's writer lists as their own task (``Me: …``); a
body that voted to do something; and points the meeting left open in so many words
(issue 29: forms of fresh Confluence, standup and mail pages)."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import Row, written

TUE = date(2026, 12, 1)


def _items(text: str, fmt: str = "md") -> list[Row]:
    return written(text, TUE, "en", fmt)


def test_people_of_a_header_line_with_several_fields_own_their_tasks_by_full_name() -> None:
    page = ("## Release sync\n\nFacilitator: Sam Whitley · Present: Lena Fischer, Arjun Mehta · Sprint 31\n\n"
            "### Follow-ups\n- Sam — ask IT for the network logs (today)\n- Lena — rerun the soak test, by tomorrow\n")
    assert _items(page) == [
        ("action", "ask IT for the network logs", "Sam Whitley", TUE),
        ("action", "rerun the soak test", "Lena Fischer", date(2026, 12, 2)),
    ]


def test_people_of_a_header_table_row_are_whole_names_not_first_words() -> None:
    page = ("# Cutover planning\n\n| | |\n|---|---|\n| **Date** | 1 Dec 2026 |\n"
            "| **Participants** | @Grace Holt @Lin Wei |\n\n## Action items\n\n"
            "- [ ] @Lin Wei fix the unit mapping by 8 Dec\n")
    assert _items(page) == [("action", "fix the unit mapping", "Lin Wei", date(2026, 12, 8))]


def test_a_mail_writers_own_line_in_the_next_steps_is_their_task() -> None:
    page = ("From: Dana Whitfield\nSubject: Commission meeting\n\nHello all,\n\nNext steps:\n"
            "- Pete: permit application (by 15 Dec)\n- Me: circulate the survey report to all members\n\nDana\n")
    assert ("action", "circulate the survey report to all members", "Dana Whitfield", None) in _items(page, "txt")


def test_a_body_that_voted_to_do_something_decided_it() -> None:
    page = "Dredging. The survey shows 1.4 m of silt. The commission voted to proceed with dredging in February.\n"
    assert [t for k, t, _, _ in _items(page, "txt") if k == "decision"] == ["proceed with dredging in February"]


def test_points_left_open_and_asks_to_think_are_neither_decisions_nor_tasks() -> None:
    page = ("Present: Dana Whitfield, Pete Lawson, Sue Marsh\n\n"
            "Fuel dock: sales are down. We talked about longer hours but didn't reach a conclusion. "
            "We'll come back to it in January.\n\nNext steps:\n- Everyone: think about the fuel dock hours\n")
    assert _items(page, "txt") == []
