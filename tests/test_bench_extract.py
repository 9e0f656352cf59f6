"""The extraction bench's scorer: it must tie a found item to the gold item it means, in
Chinese and in English, and refuse to tie it to another item of the same meeting; owner
and due are judged only on tied actions. A wrong scorer would make every figure of
``bench/extract.py`` meaningless, so it is checked on a toy gold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from extract_score import THRESHOLD, Found, match, same_owner, score_file, similarity  # noqa: E402

GOLD_ZH: dict[str, Any] = {
    "date": "2026-12-07",
    "actions": [
        {"owner": "刘芳", "due": "2026-12-08", "action": "把外箱样品要过来"},
        {"owner": "陈明", "due": "2026-12-09", "action": "样品到后做一次装箱测试"},
        {"owner": "王强", "due": "2026-12-07", "action": "给老周打电话，问做小批量外箱的供应商"},
    ],
    "decisions": ["先走老周介绍的供应商，不行再考虑五百个起订"],
    "not_actions": ["那个价格的事回头再看看吧"],
}


def test_a_rephrased_task_matches_its_gold_and_not_a_neighbour() -> None:
    sample = Found("action", "把样品要过来", "要是老周有门路，我明天之内把样品要过来。", "刘芳", "2026-12-08")
    test = Found("action", "周三前做一次装箱测试", "样品到了我们周三前做一次装箱测试。", "陈明", "2026-12-09")
    gold = [a["action"] for a in GOLD_ZH["actions"]]
    assert match(gold, [test, sample]) == [(0, 1), (1, 0)]
    assert similarity(gold[0], test) < THRESHOLD  # same meeting, same words 样品, another task


def test_the_quote_can_carry_the_match_when_the_text_is_short() -> None:
    call = Found("action", "打电话", "老周那边我今天下午就打电话，问问做小批量外箱的。")
    assert similarity(GOLD_ZH["actions"][2]["action"], call) >= THRESHOLD


def test_one_found_item_answers_one_gold_item_only() -> None:
    twice = Found("action", "把外箱样品要过来")
    assert match(["把外箱样品要过来", "把外箱样品要过来"], [twice]) == [(0, 0)]


def test_owner_and_due_are_scored_only_among_matched_actions() -> None:
    found = [
        Found("action", "明天之内把外箱样品要过来", owner="刘芳（采购部）", due="2026-12-08"),
        Found("action", "样品到后做一次装箱测试", owner="王强", due="2026-12-10"),  # wrong owner and due
        Found("action", "价格的事回头再看看", owner="刘芳"),  # a vague remark taken for a task
        Found("decision", "先走老周的供应商，不行再说五百个起订"),
    ]
    t = score_file(GOLD_ZH, found)
    assert (t.gold_actions, t.found_actions, t.matched_actions) == (3, 3, 2)
    assert (t.owner_right, t.due_right) == (1, 1)
    assert (t.gold_decisions, t.matched_decisions) == (1, 1)
    assert (t.not_actions, t.not_actions_taken) == (1, 1)


def test_english_matches_on_words_and_owners_on_first_names() -> None:
    gold = {"actions": [{"owner": "Anna", "due": None, "action": "ask Tom about the virtual machine"},
                        {"owner": "Tom", "due": "2026-11-20", "action": "set up the replay environment"}],
            "decisions": ["the refund flow ships behind a feature flag"], "not_actions": []}
    found = [Found("action", "Ask Tom about the virtual machines", owner="Anna Keller"),
             Found("action", "Email the vendor about the sunset date", owner="Lukas"),
             Found("decision", "refund flow ships behind a flag, off by default")]
    t = score_file(gold, found)
    assert (t.matched_actions, t.found_actions, t.owner_right, t.due_right) == (1, 2, 1, 1)
    assert t.matched_decisions == 1
    assert same_owner("Sam Turner", "Sam") and not same_owner("Sam Turner", "Sarah")
    assert same_owner(None, None) and not same_owner("刘芳", None)


def test_the_bench_runs_on_the_dev_sets() -> None:
    done = subprocess.run([sys.executable, str(BENCH / "extract.py"), "--split", "dev", "--set", "zh-minutes"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "zh-minutes   baseline" in done.stdout and f"threshold {THRESHOLD:.2f}" in done.stdout
