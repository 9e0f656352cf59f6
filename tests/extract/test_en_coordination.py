"""An English coordination meeting as a transcript (speaker labels, over twenty lines, so
the trained classifier of ``en_spoken`` reads its actions): the plain promises with a day
("I'll … send you the quotes by Wednesday") must survive it, and a bare "Agreed." after a
decision already read is no second decision. The meeting is written here."""

from __future__ import annotations

from datetime import date

from facilitator.extract import en_spoken, extract
from facilitator.model import Cue, Participant

LINES = [
    ("Dana", "Thanks everyone. The Brightline order is stuck, the pumps ship on the 18th and we still have no seals."),
    ("Omar", "Our usual seal vendor says fifty pieces is below their minimum."),
    ("Priya", "And I can't start assembly without them."),
    ("Dana", "Okay. Omar, can you ask the two backup vendors for a quote by Wednesday?"),
    ("Omar", "Yes, I'll ask both of them and send you the quotes by Wednesday."),
    ("Priya", "Could we use the old seals from stock?"),
    ("Dana", "No, the customer drawing specifies the new compound."),
    ("Priya", "Right."),
    ("Dana", "I know someone at Kessler who ran their seal line. I'll call him today."),
    ("Omar", "That would help."),
    ("Priya", "Maybe we could look at machining them ourselves at some point."),
    ("Dana", "Let's not go there for now."),
    ("Priya", "Fine."),
    ("Dana", "Priya, please send me the assembly schedule tomorrow."),
    ("Priya", "Sure, I'll send it tomorrow morning."),
    ("Dana", "Good. So we agreed to keep the new compound and not to change the drawing."),
    ("Omar", "Agreed."),
    ("Dana", "Anything else?"),
    ("Priya", "No."),
    ("Omar", "No, that's it."),
    ("Dana", "Thanks all."),
]


def _found() -> list:
    cues = [Cue(speaker, text) for speaker, text in LINES]
    assert en_spoken.applies(cues, "en")  # the classifier's path, not the rules alone
    return extract(cues, meeting_date=date(2026, 12, 7), participants=[Participant(n) for n in ("Dana", "Omar", "Priya")],
                   language="en")


def test_dated_promises_survive_the_classifier() -> None:
    actions = {(s.captured.owner, s.captured.due) for s in _found() if s.captured.kind == "action"}
    assert ("Omar", date(2026, 12, 9)) in actions  # by Wednesday
    assert ("Priya", date(2026, 12, 8)) in actions  # tomorrow


def test_a_bare_agreed_after_a_decision_is_no_second_decision() -> None:
    decisions = [s.captured.text for s in _found() if s.captured.kind == "decision"]
    assert len(decisions) == 1 and "new compound" in decisions[0], decisions
