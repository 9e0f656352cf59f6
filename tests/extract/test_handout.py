"""The chair's closing turn of an English project meeting hands out the next phase by role:
each piece becomes an action of the role it names, with the verb phrase as said
(extract/handout.py, read through extract())."""

from __future__ import annotations

from datetime import date

from facilitator.extract import extract
from facilitator.extract.handout import assignments
from facilitator.model import Cue, Participant, Suggestion

ROLES = ["Project Manager", "Industrial Designer", "User Interface", "Marketing Expert"]


def _meeting(closing: list[str], chatter: int = 12) -> list[Suggestion]:
    cues = [Cue("Marketing Expert", "The survey said people lose their remotes all the time.")] * chatter
    cues += [Cue("Project Manager", line) for line in closing]
    return extract(cues, meeting_date=date(2026, 11, 2), participants=[Participant(r) for r in ROLES], language="en")


def _actions(found: list[Suggestion]) -> list[tuple[str | None, str]]:
    return [(s.captured.owner, s.captured.text) for s in found if s.captured.kind == "action"]


def test_roles_named_in_the_closing_turn_own_their_part() -> None:
    found = _actions(_meeting([
        "Right, before the next meeting the industrial designer uh will uh will sketch the battery housing, "
        "and the Marketing Expert is going to survey teenagers about colours."]))
    assert ("Industrial Designer", "sketch the battery housing") in found
    assert ("Marketing Expert", "survey teenagers about colours") in found


def test_a_stammered_role_name_is_still_the_role() -> None:
    said = assignments("The User Interface uh uh Desi uh Designer will draft the menu layout.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("User Interface", "draft the menu layout")]


def test_everybody_and_you_are_the_team_and_be_doing_reads_as_do() -> None:
    said = assignments("Everybody's gonna get an email with the new brief. And you'll be testing the prototype.", ROLES)
    assert [(h.owner, h.team, h.words) for h in said] == [
        (None, True, "get an email with the new brief"), (None, True, "test the prototype")]


def test_a_role_with_only_its_noun_phrase_keeps_the_phrase() -> None:
    said = assignments("and the marketing expert with the price comparison.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("Marketing Expert", "the price comparison")]


def test_you_mid_meeting_is_not_a_handout() -> None:
    # "you'll" early in the meeting is talk about the product, not the next phase handed out
    cues = [Cue("Project Manager", "Next time you'll be testing it, I guess, once it exists.")]
    cues += [Cue("User Interface", "I like rubber buttons a lot more than plastic ones.")] * 10
    found = extract(cues, meeting_date=date(2026, 11, 2), participants=[Participant(r) for r in ROLES], language="en")
    assert _actions(found) == []


def test_no_role_word_no_task_and_hedges_stay_out() -> None:
    assert assignments("The project will be late and marketing is unhappy about it.", ROLES) == []
    assert assignments("You can always contact me if you have questions.", ROLES) == []


def _talk(lines: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    cues = [Cue(s, t) for s, t in lines]
    return _actions(extract(cues, meeting_date=date(2026, 11, 2),
                            participants=[Participant(n) for n in dict.fromkeys(s for s, _ in lines)], language="en"))


def test_ill_just_is_done_now_and_a_condition_keeps_a_promise_out() -> None:
    assert _talk([("Nora", "Give me a second, I'll just pull the spreadsheet up on the projector.")]) == []
    assert _talk([("Nora", "If the supplier ever answers, I'll forward the quote to everyone.")]) == []
    assert _talk([("Nora", "I'll forward the supplier's quote to everyone tomorrow.")]) == [
        ("Nora", "forward the supplier's quote to everyone")]


def test_what_i_will_do_is_reads_as_the_task_itself() -> None:
    found = _talk([("Omar", "What I will do is I will call the freight company, okay, to get the price down, so then we save.")])
    assert found == [("Omar", "call the freight company to get the price down")]


def test_a_role_called_on_then_you_is_that_role() -> None:
    said = assignments("So, homework: Marketing, you need to find out what teenagers pay for a remote.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("Marketing Expert", "find out what teenagers pay for a remote")]
    said = assignments("Industrial designer, you're responsible for the battery choice.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("Industrial Designer", "be responsible for the battery choice")]


def test_is_doing_and_your_job_is_to_hand_out_work_but_is_going_to_be_does_not() -> None:
    said = assignments("The interface designer is doing the button layout, and marketing is gonna test it with users.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("User Interface", "do the button layout"),
                                                  ("Marketing Expert", "test it with users")]
    said = assignments("Industrial designer, your job is to price the rubber case.", ROLES)
    assert [(h.owner, h.words) for h in said] == [("Industrial Designer", "price the rubber case")]
    assert assignments("The industrial design is going to be round and yellow.", ROLES) == []


def test_a_first_name_said_to_a_role_labelled_speaker_is_that_role() -> None:
    cues = [Cue("Project Manager", "Let's start, and we will have Milo as our first presenter."),
            Cue("Industrial Designer", "Okay, thanks. So the casing options are these."),
            Cue("Marketing Expert", "I think people want it soft.")] * 4
    cues += [Cue("Project Manager", "Right, for the next meeting Milo will sketch the rubber casing.")]
    found = extract(cues, meeting_date=date(2026, 11, 2), participants=[Participant(r) for r in ROLES], language="en")
    assert [(s.captured.owner, s.captured.text) for s in found if s.captured.kind == "action"] == [
        ("Industrial Designer", "sketch the rubber casing")]
