"""Actions of spoken English meetings (facilitator.extract.en_spoken): the shipped
classifier on a meeting written here (not AMI's words), and the grouping, owner and task
wording rules on their own, with a model that keeps every sentence."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from facilitator.extract import en_spoken, extract
from facilitator.model import Cue, Participant

ROLES = ["Project Manager", "Industrial Designer", "User Interface", "Marketing Expert"]
PM, ID, UI, ME = ROLES

DISCUSSION = [
    (PM, "Okay, good morning everybody. Um so today we're looking at the conceptual design of the remote."),
    (ID, "Morning."),
    (UI, "Hi."),
    (ME, "Hello."),
    (PM, "So first the minutes of last time. We agreed on a simple design, uh, and no teletext."),
    (ID, "Yeah. I had a look at the batteries and the chips we can get."),
    (ID, "Uh we could use a kinetic battery but it's quite expensive."),
    (ME, "Mm-hmm. The trend reports say people want something fancy, fruit and vegetables, spongy feel."),
    (UI, "And I think the buttons should be big, with a scroll wheel maybe."),
    (PM, "Okay. That sounds good. What about the cost?"),
    (ID, "Well the rubber case adds a bit, but it should stay under twelve fifty."),
    (ME, "Yeah, I think it's fine."),
    (UI, "We could put the logo at the bottom."),
    (PM, "Right. I like that."),
    (ME, "Mm."),
    (UI, "Yeah."),
    (ID, "So, rubber and plastic then?"),
    (PM, "Yes, let's go with rubber and plastic."),
    (ME, "Okay."),
]
CLOSING = [
    (PM, "Okay, we have five minutes left. For the next meeting, Industrial Designer, you're going to work on "
         "the look and feel design."),
    (ID, "Okay."),
    (PM, "User Interface, you'll be working on the user interface design. And Marketing, you're gonna do the "
         "product evaluation."),
    (ME, "Alright."),
    (PM, "And I'll write up the minutes and put them in the project folder. You two are going to build a "
         "prototype in clay."),
    (UI, "Cool."),
    (PM, "Okay, thanks everybody, see you in thirty minutes."),
]


def cues_of(lines: list[tuple[str, str]]) -> list[Cue]:
    return [Cue(who, text) for who, text in lines]


def people() -> list[Participant]:
    return [Participant(name) for name in ROLES]


def actions(lines: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    found = extract(cues_of(lines), meeting_date=date(2026, 11, 2), participants=people(), language="en")
    return [(s.captured.owner, s.captured.text) for s in found if s.captured.kind == "action"]


def test_the_chairs_closing_hand_out_gives_one_action_per_person_with_its_owner() -> None:
    found = actions(DISCUSSION + CLOSING)
    by_owner = {owner: text for owner, text in found}
    assert "look and feel" in by_owner.get(ID, "")
    assert "user interface design" in by_owner.get(UI, "")
    assert "product evaluation" in by_owner.get(ME, "")
    assert "minutes" in by_owner.get(PM, "")  # "I'll write up the minutes": the speaker's
    assert any(owner is None and "prototype" in text for owner, text in found)  # "you two": the team's
    assert len(found) == 5


def test_a_discussion_with_no_task_in_it_gives_no_action() -> None:
    lines = DISCUSSION + [(PM, "Okay."), (UI, "Mm-hmm.")]
    assert actions(lines) == []


def test_a_quick_capture_line_is_not_offered_again() -> None:
    lines = DISCUSSION + [(PM, "@Industrial Designer: order the rubber samples by 11-06")] + CLOSING
    found = extract(cues_of(lines), meeting_date=date(2026, 11, 2), participants=people(), language="en")
    index = len(DISCUSSION)
    assert not [s for s in found if s.captured.kind == "action" and index in s.cues]


def test_only_english_transcripts_with_speakers_use_the_classifier() -> None:
    lines = DISCUSSION + CLOSING
    assert en_spoken.applies(cues_of(lines), "en")
    assert not en_spoken.applies(cues_of(lines), "zh")
    assert not en_spoken.applies(cues_of(lines[:10]), "en")  # too short to be a meeting
    assert not en_spoken.applies([Cue(None, text) for _, text in lines], "en")  # minutes: no speakers


def test_without_shipped_weights_the_conversation_rules_stay(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(en_spoken, "MODEL_PATH", tmp_path / "missing.npz")
    en_spoken.shipped_model.cache_clear()
    try:
        assert en_spoken.spoken_actions(cues_of(DISCUSSION + CLOSING), people()) is None
        actions(DISCUSSION + CLOSING)  # the rules' answer, whatever it is, without an error
    finally:
        en_spoken.shipped_model.cache_clear()


def test_participants_are_named_by_label_initials_and_distinctive_word_only() -> None:
    aliases = en_spoken.Aliases(ROLES)
    assert aliases.named("the ID is going to do the components") == [ID]
    assert aliases.named("and UID the interface concept") == [UI]
    assert aliases.named("and for marketing the evaluation, industrial the case") == [ME, ID]
    assert aliases.named("what the user wants from the project, give it to me") == []
    assert aliases.named("Industrial Designer, you do it", speaker=ID) == []


def test_task_text_drops_the_fillers_and_the_words_before_the_modal() -> None:
    assert en_spoken.task_text("Um so Industrial Designer, you're gonna be working on the components concept, "
                               "I guess.") == "working on the components concept"
    assert en_spoken.task_text("Yeah.") == "Yeah."


KEEP_ALL = en_spoken.Model(np.zeros(en_spoken.DIM, dtype=np.float32), 0.4)
"""Every sentence scores 0.5: what is left to test is grouping, owners and repeats."""


def all_actions(lines: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    found = en_spoken.spoken_actions(cues_of(lines), people(), KEEP_ALL) or []
    return [(s.captured.owner, s.quote) for s in found]


def test_owner_is_who_answers_a_you_and_no_one_for_a_we() -> None:
    found = all_actions([(PM, "Can you send me the slides?"), (UI, "Sure."),
                         (PM, "We need to finish the report.")])
    assert (UI, "Can you send me the slides?") in found
    assert (None, "We need to finish the report.") in found
    assert (PM, "Sure.") not in found and (None, "Sure.") in found  # "Sure." names no one


def test_a_role_named_just_before_owns_the_next_sentence() -> None:
    found = all_actions([(PM, "The Industrial Designer, what does that stand for, ID,"), (ID, "Yeah."),
                         (PM, "Right. Is going to look at the working design.")])
    assert (ID, "Right. Is going to look at the working design.") not in found  # another cue between
    found = all_actions([(PM, "Right, the Industrial Designer. Looks at the working design.")])
    assert found == [(ID, "Right, the Industrial Designer. Looks at the working design.")]


def test_sentences_naming_different_people_are_different_tasks_and_a_repeat_is_dropped() -> None:
    found = all_actions([
        (PM, "Industrial Designer, you do the case. Marketing, you do the evaluation."),
        (ID, "Okay."),
        (PM, "So again, Industrial Designer, you do the case."),
    ])
    owners = [owner for owner, quote in found if "case" in quote or "evaluation" in quote]
    assert owners.count(ID) == 1 and owners.count(ME) == 1


def test_a_task_given_to_an_unnamed_you_goes_to_who_answers() -> None:
    closing = [
        (PM, "Um as to where we're going from here, you're going to look at the components concept."),
        (ID, "Right."),
        (PM, "Yeah? And um you're gonna be working on the trend watching, the fashion and so on."),
        (ME, "Trend watching, okay."),
        (PM, "Okay, see you all in thirty minutes."),
    ]
    found = dict((text, owner) for owner, text in actions(DISCUSSION + closing))
    assert any("components concept" in text and owner == ID for text, owner in found.items())
    assert any("trend watching" in text and owner == ME for text, owner in found.items())


def test_one_sentence_handing_out_several_tasks_gives_one_action_per_person() -> None:
    found = all_actions([(PM, "The ID is going to do the look and feel design, the UID the user interface "
                              "design, and Marketing the product evaluation.")])
    owners = {owner: quote for owner, quote in found}
    assert set(owners) == {ID, UI, ME}
    assert "look and feel" in owners[ID] and "product evaluation" not in owners[ID]
    assert "user interface design" in owners[UI]
    assert "product evaluation" in owners[ME]


def test_a_task_for_two_named_people_stays_one_task_even_when_the_sentence_breaks_off() -> None:
    found = all_actions([(PM, "So the Industrial Designer and the User Interface Designer will build a prototype.")])
    assert found == [(ID, "So the Industrial Designer and the User Interface Designer will build a prototype.")]
    found = all_actions([(PM, "To prepare the prototype I would suggest that the Industrial Designer and"),
                         (PM, "the User Interface Designer work together.")])
    assert len(found) == 1 and found[0][0] == ID


def test_i_have_to_is_the_speakers_own_task() -> None:
    found = all_actions([(PM, "Because I have to write the final report now.")])
    assert found == [(PM, "Because I have to write the final report now.")]
