"""Owners as people name them, resolved to the meeting's people (extract/people.py)."""

from __future__ import annotations

from facilitator.extract.people import People, split_label
from facilitator.model import Participant


def _meeting() -> People:
    return People(
        [Participant("王强"), Participant("刘芳（采购部）"), Participant("陈明", department="生产部")],
        speakers=["王强（销售）", "刘芳（采购部）", None],
    )


def test_labels_split_into_name_and_department() -> None:
    assert split_label("刘芳（采购部）") == ("刘芳", "采购部")
    assert split_label("Anna Smith (PM)") == ("Anna Smith", "PM")
    assert split_label("PERSON3") == ("PERSON3", "")


def test_speaker_labels_are_the_participants_names() -> None:
    people = _meeting()
    assert people.names == ["王强", "刘芳", "陈明"]
    assert people.speaker("刘芳（采购部）") == "刘芳"
    assert people.department_of("王强") == "销售"


def test_titles_roles_and_departments_name_the_one_person_in_them() -> None:
    people = _meeting()
    assert people.owner("王经理") == "王强"
    assert people.owner("采购这边") == "刘芳"
    assert people.owner("采购部") == "刘芳"
    assert people.owner("生产") == "陈明"
    assert people.owner("purchasing") == "刘芳"
    assert people.owner("老周") == "老周"  # not in the room, kept as said
    assert people.owner("明天") is None


def test_mentions_are_found_left_to_right() -> None:
    found = _meeting().mentions("这个交给采购部，老周那边我问")
    assert [m.owner for m in found] == ["刘芳", "老周"]


def test_the_person_a_line_opens_by_naming_is_addressed() -> None:
    people = People([Participant("Anna Smith"), Participant("Tom")], speakers=["PERSON3"])
    assert people.addressed("Tom, can you send the file?") == "Tom"
    assert people.addressed("So, Anna, could you check it") == "Anna Smith"
    assert people.addressed("I think so") is None
    assert _meeting().addressed("王经理你周五前把报价发一下") == "王强"
    assert _meeting().addressed("那个我们再看看") is None

