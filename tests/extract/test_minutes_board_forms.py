"""Board and committee minutes in English: motions written with their mover and seconder
first, motions that fail, officers named by title and surname (``Secretary Lin``) or by
their office alone (``the Treasurer``), and points headed by titles in capitals
(issue 29: forms fresh pages used that the rules did not know)."""

from __future__ import annotations

from datetime import date

from tests.extract.conversation import Row, written

MON = date(2026, 12, 7)

ROOM = ("Present: Ruth Abara (Chair), Karl Ostrowski (Vice Chair), Mina Patel (Treasurer), "
        "Joe Lindqvist (Secretary), Tomas Reyes (Director)\n")


def _en(text: str, fmt: str = "txt") -> list[Row]:
    return written(text, MON, "en", fmt)


def _decisions(text: str) -> list[str]:
    return [t for k, t, _, _ in _en(text) if k == "decision"]


def test_a_motion_with_its_mover_and_seconder_before_it_decides_what_was_moved() -> None:
    page = (ROOM + "4. Roof. Two bids were compared. Motion by Patel, seconded by Reyes, to accept the"
            " bid of Harlow Roofing for $9,200. Motion carried 5–0.\n")
    assert _decisions(page) == ["accept the bid of Harlow Roofing for $9,200"]
    page = ROOM + "Moved by Ostrowski and seconded by Abara that the spring fair be held on 9 May. Carried.\n"
    assert _decisions(page) == ["the spring fair be held on 9 May"]


def test_a_motion_under_an_approval_heading_is_what_was_approved_not_the_vote() -> None:
    page = (ROOM + "2. APPROVAL OF MINUTES\nMotion by Reyes, seconded by Patel, to approve the minutes of the"
            " November meeting as corrected. Motion carried 5–0.\n")
    assert _decisions(page) == ["approve the minutes of the November meeting as corrected"]


def test_a_motion_that_failed_is_one_decision_with_what_stays_as_it_was() -> None:
    page = (ROOM + "7. Parking. Karl Ostrowski moved to charge for visitor parking. The motion failed 2-3."
            " Visitor parking remains free.\n")
    assert _decisions(page) == ["Not approved: charge for visitor parking (2-3); Visitor parking remains free"]


def test_officers_named_by_title_and_surname_or_by_office_are_the_people_in_the_room() -> None:
    page = (ROOM + "5. Fundraiser. Secretary Lindqvist will book the hall by December 12."
            " The Treasurer was directed to open a separate account for the raffle by December 15.\n"
            "6. Signage. Vice Chair Ostrowski will ask the council about the sign permit.\n")
    actions = [(t, o, d) for k, t, o, d in _en(page) if k == "action"]
    assert actions == [
        ("book the hall", "Joe Lindqvist", date(2026, 12, 12)),
        ("open a separate account for the raffle", "Mina Patel", date(2026, 12, 15)),
        ("ask the council about the sign permit", "Karl Ostrowski", None),
    ]


def test_a_report_under_a_title_in_capitals_is_an_account_not_a_decision() -> None:
    page = (ROOM + "3. TREASURER'S REPORT\nThe checking account holds $12,400. The insurance renewal was paid"
            " on November 20 and the policy stays with the same carrier.\n"
            "4. CHAIR'S REPORT\nThe Chair noted that the spring inspection was completed and every extinguisher"
            " passed.\n")
    assert _decisions(page) == []


def test_a_proposal_on_its_own_line_is_not_what_was_decided() -> None:
    # the proposal is put forward on one bullet and settled on the next: one decision, the settled one
    page = ("Attendees: Ana Ruiz, Kofi Mensah, Hugo Lambert\n\n## Pricing\n"
            "- Hugo proposed a 5% increase for accounts under 20 kg a month.\n"
            "- Agreed: accounts under 20 kg a month get the 5% increase from 1 January.\n")
    assert [t for k, t, _, _ in _en(page, "md") if k == "decision"] == [
        "accounts under 20 kg a month get the 5% increase from 1 January"]


def test_a_task_due_at_a_later_meeting_takes_the_date_the_page_gives_that_meeting() -> None:
    page = (ROOM + "6. Signage. Director Reyes volunteered to price a new sign and report back at the January meeting.\n"
            "7. Lights. Secretary Lindqvist will bring the light survey to the next meeting.\n"
            "8. Other. Treasurer Patel will file the grant report at the March meeting.\n\n"
            "Next regular meeting: Tuesday, January 12, 2027, 7:00 p.m.\n")
    dues = {t: d for k, t, _, d in _en(page) if k == "action"}
    assert dues == {
        "price a new sign and report back at the January meeting": date(2027, 1, 12),
        "bring the light survey to the next meeting": date(2027, 1, 12),
        "file the grant report at the March meeting": None,  # not the meeting the page dates
    }
