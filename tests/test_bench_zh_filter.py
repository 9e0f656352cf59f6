"""``bench/tools/train_zh_filter.py``: the labels its cross-validation learns from and the
figures it reports must be the bench's own. A proposal is right only when the bench's
one-to-one matcher ties it to a gold action (a second wording of a task already found, or a
task typed as a quick-capture line, is a false positive), and filtering at a threshold
must change what ``score_file`` counts exactly as dropping those proposals would."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parents[1] / "bench" / "tools"
sys.path.insert(0, str(TOOLS))

import train_zh_filter as tool  # noqa: E402
from extract_score import Found  # noqa: E402

from facilitator.model import Captured, Suggestion  # noqa: E402

GOLD: dict[str, Any] = {
    "date": "2026-12-07",
    "actions": [
        {"owner": "刘芳", "due": "2026-12-08", "action": "把外箱样品要过来"},
        {"owner": "陈明", "due": None, "action": "给老周打电话，问做小批量外箱的供应商"},
    ],
    "decisions": [],
    "not_actions": ["那个价格的事回头再看看吧"],
}


def proposal(text: str, quote: str, owner: str) -> Suggestion:
    return Suggestion(Captured(kind="action", text=text, owner=owner, due=date(2026, 12, 8)), quote=quote,
                      cues=(0,), speaker=owner)


def proposals() -> list[Suggestion]:
    return [
        proposal("把样品要过来", "我明天之内把外箱样品要过来。", "刘芳"),
        proposal("样品要过来", "样品我去要过来。", "刘芳"),  # the same task said again
        proposal("价格的事再看看", "那个价格的事回头再看看吧。", "陈明"),
        proposal("给老周打电话", "我给老周打电话，问问做小批量外箱的供应商。", "陈明"),
    ]


def test_a_proposal_is_right_only_when_the_matcher_ties_it_to_a_gold_action() -> None:
    m = tool.labelled("toy", GOLD, [], proposals(), [], np.zeros((4, 1)), 0)
    assert m.y.tolist() == [1.0, 0.0, 0.0, 1.0]


def test_a_task_typed_as_a_quick_capture_line_leaves_its_proposal_wrong() -> None:
    typed = Found("action", "给老周打电话问做小批量外箱的供应商", "@陈明 给老周打电话问做小批量外箱的供应商", "陈明")
    m = tool.labelled("toy", GOLD, [typed], proposals(), [], np.zeros((4, 1)), 0)
    assert m.y.tolist() == [1.0, 0.0, 0.0, 0.0]


def test_filtering_at_a_threshold_scores_as_if_the_dropped_proposals_were_never_made() -> None:
    m = tool.labelled("toy", GOLD, [], proposals(), [], np.zeros((4, 1)), 0)
    probs = [np.array([0.9, 0.2, 0.3, 0.8])]
    everything = tool.score([m], probs, 0.0)
    kept = tool.score([m], probs, 0.5)
    assert (everything.found_actions, everything.matched_actions, everything.not_actions_taken) == (4, 2, 1)
    assert (kept.found_actions, kept.matched_actions, kept.not_actions_taken) == (2, 2, 0)


def test_a_right_task_worded_past_the_matcher_is_told_apart_only_for_its_owner() -> None:
    gold: dict[str, Any] = {"actions": [{"owner": "蒋志强", "due": None, "action": "起草续约合同的免责条款，周五前发给客户"}]}
    terse = Found("action", "起草一下", "续约的事我起草一下。", "蒋志强")
    others = Found("action", "起草一下", "续约的事我起草一下。", "白鹏")
    mine = tool.Meeting("toy", gold, [terse], [], np.zeros((0, 0)), np.zeros(0), 0)
    theirs = tool.Meeting("toy", gold, [others], [], np.zeros((0, 0)), np.zeros(0), 0)
    assert tool.reworded([mine]) == (1, 1)
    assert tool.reworded([theirs]) == (1, 0)
