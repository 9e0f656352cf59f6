"""Everything around the extractor (issue 29, points 3-5): speakers are people, suggestions are
stored once and never recorded silently, accepting one records it as the typed line would
(with its quote), drafts mark extracted items, and a version-7 database gains the new columns.

Suggestions are put into real SQLite files through the store here, as an import would, so
these tests hold whatever the extractor finds; ``test_extract_plumbing.py`` runs the real
extractor end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from facilitator.model import Captured, Cue, Meeting, Participant, Suggestion, UserError
from facilitator.record_rules import RULES
from facilitator.service import Service
from facilitator.store.migrations import LATEST
from facilitator.store.sqlite import SqliteStore
from facilitator.suggesting import Suggestions
from facilitator.transcripts import parse_text, split_speaker
from tests.conftest import RunCli, database_at


def _suggestion(kind: str, text: str, quote: str, owner: str | None = None, due: date | None = None,
                cue: int = 0, **more: object) -> Suggestion:
    return Suggestion(Captured(kind, text, owner=owner, due=due, **more),  # type: ignore[arg-type]
                      quote=quote, cues=(cue,), speaker=owner, confidence=0.8)


def _meeting(home: Path, title: str = "包装延期协调会") -> tuple[SqliteStore, int]:
    store = SqliteStore(home / "meetings.db", RULES)
    mid = store.create_meeting(Meeting(title=title, date=date(2026, 12, 7),
                                       participants=[Participant("王强", "销售"), Participant("刘芳", "采购部")]))
    return store, mid


CALL = _suggestion("action", "给老周打电话", "老周那边我今天下午就打电话。", "王强", date(2026, 12, 7), cue=6)
SAMPLE = _suggestion("action", "把外箱样品要过来", "行，要是老周有门路，我明天之内把样品要过来。", "刘芳",
                     date(2026, 12, 8), cue=7)


# -- point 3: speakers are people ----------------------------------------------------------


def test_a_speaker_label_ending_in_a_digit_is_not_a_clock_time() -> None:
    assert split_speaker("说话人4：2 月 10 号之前把图纸发过来") == ("说话人4", "2 月 10 号之前把图纸发过来")
    assert split_speaker("说话人4：20 号之前") == ("说话人4", "20 号之前")
    assert split_speaker("10:30 我们开始") == (None, "10:30 我们开始")
    assert split_speaker("会议 10：30 开始") == (None, "会议 10：30 开始")


def test_import_makes_speakers_participants_with_departments(run_cli: RunCli, tmp_path: Path) -> None:
    notes = tmp_path / "call.txt"
    notes.write_text("参会：质量部 郑工\n王强（销售）：客户月底要货。\n刘芳（采购部）：起订量太大。\n"
                     "说话人4：2 月 10 号之前能到。\n客户：要求周五交货\n", encoding="utf-8")
    proc = run_cli("import", str(notes), "--new", "外箱协调会", "--date", "2026-12-07", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [c["speaker"] for c in out["cues"]][1:4] == ["王强（销售）", "刘芳（采购部）", "说话人4"]
    assert out["recorded"]["participant"] == 4 and isinstance(out["suggestions"], list)
    exported = json.loads(run_cli("export", str(out["meeting_id"]), "--format", "json").stdout)
    people = [(p["name"], p["department"]) for p in exported["participants"]]
    assert people == [("郑工", "质量部"), ("王强", "销售"), ("刘芳", "采购部"), ("说话人4", "")]  # no "客户"


def test_a_speaker_prefix_does_not_hide_quick_capture_in_txt(run_cli: RunCli, tmp_path: Path) -> None:
    txt, vtt = tmp_path / "m.txt", tmp_path / "m.vtt"
    txt.write_text("PERSON10: Decision: one shared task\nPERSON3: @PERSON10: write the brief by 2026-12-10\n"
                   "PERSON3: we should talk\n", encoding="utf-8")
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\n<v PERSON10>Decision: one shared task\n\n"
                   "00:02.000 --> 00:04.000\n<v PERSON3>@PERSON10: write the brief by 2026-12-10\n\n"
                   "00:04.000 --> 00:05.000\n<v PERSON3>we should talk\n", encoding="utf-8")
    drafts = []
    for path in (txt, vtt):
        proc = run_cli("draft", "--from", str(path), "--offline", "--json", "--date", "2026-12-07")
        assert proc.returncode == 0, proc.stderr
        drafts.append(json.loads(proc.stdout))
    for out in drafts:
        assert out["decisions"] == ["one shared task"]
        assert [(a["owner"], a["due"], a["source"]) for a in out["actions"]] == [("PERSON10", "2026-12-10", "typed")]
        assert "PERSON10, PERSON3" in out["markdown"]  # speakers are the participants
    imported = []
    for path in (txt, vtt):
        proc = run_cli("import", str(path), "--new", path.name, "--date", "2026-12-07", "--json")
        assert proc.returncode == 0, proc.stderr
        imported.append(json.loads(proc.stdout)["recorded"])
    assert imported[0]["decision"] == imported[1]["decision"] == 1
    assert imported[0]["action"] == imported[1]["action"] == 1


# -- point 4: stored once, accepted as typed, dismissed, undone -------------------------------


def test_suggestions_are_stored_once_whatever_their_state(home: Path) -> None:
    store, mid = _meeting(home)
    assert [s.id is not None for s in store.add_suggestions(mid, [CALL, SAMPLE])] == [True, True]
    assert store.add_suggestions(mid, [CALL, SAMPLE]) == []  # the same file imported again
    first = store.suggestions(mid)[0]
    store.set_suggestion_state(first.id or 0, "dismissed")
    assert store.add_suggestions(mid, [CALL]) == []  # a dismissed one does not come back
    assert [s.captured.text for s in store.get_meeting(mid).suggestions] == ["把外箱样品要过来"]


def test_accepting_records_it_as_the_typed_line_with_its_quote(home: Path) -> None:
    store, mid = _meeting(home)
    sid = store.add_suggestions(mid, [CALL])[0].id or 0
    use = Suggestions(lambda: store)
    accepted = use.accept(sid)
    m = store.get_meeting(mid)
    assert [(a.action, a.owner, a.due, a.quote, a.source) for a in m.actions] == [
        ("给老周打电话", "王强", date(2026, 12, 7), "老周那边我今天下午就打电话。", "extracted")]
    assert m.suggestions == [] and store.suggestions(mid, "accepted")[0].row_id == accepted.recorded.row_id
    with pytest.raises(UserError, match="already accepted"):
        use.accept(sid)  # one key pressed twice records once
    use.undo_accept(accepted)
    m = store.get_meeting(mid)
    assert m.actions == [] and [s.id for s in m.suggestions] == [sid]


def test_an_accepted_responsibility_settles_the_disputed_row(home: Path) -> None:
    store, mid = _meeting(home)
    Service(home).record.capture(mid, "包材供应商 => ?")
    sid = store.add_suggestions(mid, [_suggestion("responsibility", "包材供应商", "嗯，是我们的，这个我认。",
                                                  "采购部", status="agreed")])[0].id or 0
    recorded = Suggestions(lambda: store).accept(sid).recorded
    rows = store.get_meeting(mid).responsibilities
    assert recorded.outcome == "settled" and len(rows) == 1
    assert (rows[0].owner, rows[0].status, rows[0].quote) == ("采购部", "agreed", "嗯，是我们的，这个我认。")


def test_an_edited_suggestion_is_recorded_as_edited_and_dismissal_is_undone(home: Path) -> None:
    store, mid = _meeting(home)
    call, sample = (s.id or 0 for s in store.add_suggestions(mid, [CALL, SAMPLE]))
    use = Suggestions(lambda: store)
    use.accept(call, Captured("action", "给老周打电话问小批量供应商", owner="王强", due=date(2026, 12, 8)))
    use.dismiss(sample)
    m = store.get_meeting(mid)
    assert [(a.action, a.due, a.source) for a in m.actions] == [("给老周打电话问小批量供应商", date(2026, 12, 8),
                                                                "extracted")]
    assert m.suggestions == []
    use.undo_dismiss(sample)
    assert [s.id for s in store.get_meeting(mid).suggestions] == [sample]


def test_a_closed_meeting_takes_no_suggestion(home: Path) -> None:
    store, mid = _meeting(home)
    sid = store.add_suggestions(mid, [CALL])[0].id or 0
    store.update_meeting(mid, status="closed")
    with pytest.raises(UserError, match="closed"):
        Suggestions(lambda: store).accept(sid)
    assert store.get_meeting(mid).actions == []


def test_suggest_stores_only_what_new_lines_add(home: Path) -> None:
    """The live screen and the microphone call it per line: earlier lines are context only."""
    store, mid = _meeting(home)
    use = Suggestions(lambda: store)
    for text in ("客户月底要货。", "老周那边我今天下午就打电话。", "好的。"):
        use.suggest(mid, [Cue("王强", text)])
    stored = store.suggestions(mid, None)
    quotes = [s.quote for s in stored]
    assert len(quotes) == len(set(quotes))  # nothing suggested twice however often the context is read


# -- drafts ---------------------------------------------------------------------------------


def test_draft_marks_extracted_items_with_their_quotes(run_cli: RunCli, home: Path) -> None:
    store, mid = _meeting(home)
    Service(home).record.capture(mid, "@陈明: 装箱测试 截止 周三")
    for n in range(40):
        store.add_note(mid, f"[00:{n:02d}] 王强（销售）: 第 {n} 句话")
    store.add_suggestions(mid, [CALL, _suggestion("decision", "先走老周的供应商", "好，那就这么定了。", cue=9)])
    store.close()
    proc = run_cli("draft", str(mid), "--offline", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [(a["owner"], a["due"], a["quote"], a["source"]) for a in out["actions"]] == [
        ("陈明", "2026-12-09", None, "typed"),
        ("王强", "2026-12-07", "老周那边我今天下午就打电话。", "extracted")]
    assert out["decisions"] == ["先走老周的供应商"]  # decisions stay strings
    assert {"mode", "responsibilities", "actions", "decisions", "obstacles", "open_questions", "gaps",
            "cited_cases", "levers", "markdown"} <= set(out)
    md = out["markdown"]
    assert "给老周打电话（提取）" in md and "「老周那边我今天下午就打电话。」" in md
    assert "第 3 句话" not in md and "另有 40 条会议原始记录" in md  # summarised, not 30 raw lines
    exported = run_cli("export", str(mid), "--format", "md").stdout
    assert "第 39 句话" in exported  # the raw notes stay in the record and the export


# -- migration 8 ------------------------------------------------------------------------------


def test_a_version_7_database_gains_suggestions_and_quotes_without_losing_rows(home: Path) -> None:
    path = home / "meetings.db"
    db = database_at(path, 7)
    now = "2026-11-01T09:00:00+08:00"
    db.execute("INSERT INTO meetings(id, title, created_at, updated_at) VALUES (1, '旧会议', ?, ?)", (now, now))
    db.execute("INSERT INTO actions(meeting_id, action, owner, created_at) VALUES (1, '复核', '吴工', ?)", (now,))
    db.execute("INSERT INTO responsibilities(meeting_id, item, owner, status) VALUES (1, '清洗', '生产部', 'agreed')")
    db.execute("INSERT INTO levers(meeting_id, resource, created_at) VALUES (1, '老周', ?)", (now,))
    db.commit()
    db.close()
    with SqliteStore(path, RULES) as store:
        assert store.schema_version() == LATEST
        m = store.get_meeting(1)
        assert [(a.action, a.quote, a.source) for a in m.actions] == [("复核", None, "typed")]
        assert [(r.item, r.source) for r in m.responsibilities] == [("清洗", "typed")]
        assert [(lv.resource, lv.source) for lv in m.levers] == [("老周", "typed")]
        assert m.suggestions == [] and store.add_suggestions(1, [CALL])[0].id is not None


def test_cues_keep_speakers_in_a_plain_transcript() -> None:
    t = parse_text("说话人4：2 月 10 号之前能到\nPERSON10: Decision: one shared task\n", "txt")
    assert [(c.speaker, c.text) for c in t.cues] == [("说话人4", "2 月 10 号之前能到"),
                                                     ("PERSON10", "Decision: one shared task")]
