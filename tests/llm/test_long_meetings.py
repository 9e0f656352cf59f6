"""Long meetings and a small context: every window read, every commitment kept, nothing invented.

The server here is ``WindowModel``: it answers each request from the window it is sent,
through real HTTP and the real openai client. A commitment in a window that never
reaches it cannot come back.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from facilitator.drafting.budget import count_tokens
from facilitator.model import Draft
from tests.conftest import RunCli, cli_env
from tests.long_meetings import LongMeeting, meeting
from tests.openai_server import FakeOpenAI, Reply, WindowModel

KEY = "sk-LEAK-7d1e0c2b9a8f6e5d"


def _talk(m: LongMeeting) -> str:
    return "\n".join(f"[{s // 60:02d}:{s % 60:02d}] {w}: {t}" for s, w, t in m.cues)


def _found(draft: Draft, m: LongMeeting) -> list[str]:
    """The planted commitments missing from the draft (owner, date and text all right)."""
    missing = []
    for p in m.planted:
        hits = [a for a in draft.actions if a.owner == p.owner and a.due == p.due and a.action in p.line]
        if len(hits) != 1:
            missing.append(f"{p.owner} {p.due} {p.what}: {len(hits)} found")
    return missing


@pytest.fixture
def model(server: FakeOpenAI) -> WindowModel:
    wm = WindowModel()
    server.add_hook(wm, once=False)
    return wm


def test_20k_tokens_at_4096_context_keep_every_planted_commitment(server: FakeOpenAI, model: WindowModel,
                                                                  service_for: Any, tmp_path: Path) -> None:
    m = meeting("zh", cues=620, planted=6, seed=3)
    assert count_tokens(_talk(m)) > 20000
    vtt = tmp_path / "tencent-export.vtt"
    vtt.write_text(m.vtt(), encoding="utf-8")
    progress: list[str] = []
    draft = service_for(server, llm_context=4096).drafts.draft(from_file=vtt, mode="llm", on_progress=progress.append)
    assert draft.mode == "llm" and _found(draft, m) == []
    assert len(draft.actions) == len(m.planted)  # overlapping windows saw some twice: merged
    # every window was read, in order, and each said so
    windows = len(server.chats)
    assert windows > 5 and len(progress) == windows and len(model.seen) == windows
    assert all(f"window {n}/{windows} " in progress[n - 1] for n in range(1, windows + 1))
    sent = "\n".join(c.body["messages"][1]["content"] for c in server.chats)
    assert all(text in sent for _, _, text in m.cues)  # nothing trimmed away
    assert all(c.body["max_tokens"] + count_tokens(c.text()) < 4096 for c in server.chats)
    # each commitment with the words it came from and when they were said
    for p in m.planted:
        ev = [e for e in draft.evidence if e.kind == "actions" and e.quote and p.what in e.quote]
        assert len(ev) == 1 and ev[0].at == f"{p.at // 60:02d}:{p.at % 60:02d}", p
        assert ev[0].quote in draft.markdown.replace("\\", "")


def test_a_window_that_fails_is_retried_then_reported(server: FakeOpenAI, model: WindowModel,
                                                      service_for: Any, tmp_path: Path) -> None:
    m = meeting("en", cues=200, planted=4, seed=5)
    vtt = tmp_path / "teams.vtt"
    vtt.write_text(m.vtt(), encoding="utf-8")
    calls: list[int] = []

    def broken(request: Any) -> Reply | None:  # the second window's stream breaks, every time
        calls.append(1)
        return Reply(content='{"actions": [', cut_after=1) if len(calls) in (2, 3) else None

    server.script.insert(0, type(server.script[0])(broken, once=False))
    progress: list[str] = []
    draft = service_for(server, llm_context=4096).drafts.draft(from_file=vtt, mode="llm", on_progress=progress.append)
    assert draft.mode == "llm"
    assert "not read" in progress[1] and "stream cut" in progress[1]
    warned = [w for w in draft.warnings if "window 2/" in w]
    assert len(warned) == 1 and "check that part by hand" in warned[0]
    assert len(server.chats) == len(progress) + 1  # the broken window was asked twice, the others once


NOTES_TYPED = """协调会：不锈钢管订单交付受阻  2026-11-23
参会：销售 张伟；采购部 刘经理；生产部 黄主任；IT 部 孙主管

@采购部：确认新供应商的报价单
@黄主任：给出新的排产计划 截止 12月1日
[10:05] 刘经理: 报价的事我来盯，采购部刘经理 11 月 27 日之前确认新供应商的报价单。
[12:40] 孙主管: 物料编码我这边建，应该没问题。
[15:10] 黄主任: 排产计划我会在 12 月 1 日之前给出来。
"""


def _typed(tmp_path: Path) -> Path:
    path = tmp_path / "typed.md"
    path.write_text(NOTES_TYPED, encoding="utf-8")
    return path


def test_a_typed_undated_action_stays_undated_and_flagged(server: FakeOpenAI, service_for: Any,
                                                          tmp_path: Path) -> None:
    server.add(Reply.json_content({"actions": [
        {"action": "确认新供应商的报价单", "owner": "采购部刘经理", "due": "2026-11-27", "status": "open",
         "quote": "[10:05] 刘经理: 报价的事我来盯，采购部刘经理 11 月 27 日之前确认新供应商的报价单。"},
        {"action": "确认报价", "owner": "刘经理", "due": "2026-12-20", "status": "open",
         "quote": "采购部刘经理 11 月 27 日之前确认新供应商的报价单"}]}))
    draft = service_for(server).drafts.draft(from_file=_typed(tmp_path), mode="llm")
    quotes = [a for a in draft.actions if "报价" in a.action]
    assert [(a.owner, a.due) for a in quotes] == [("采购部", None)]  # as typed, once
    gaps = [g for g in draft.gaps if "确认新供应商的报价单" in g.message]
    assert {g.kind for g in gaps} >= {"action_no_due", "due_suggested"}
    suggestion = next(g.message for g in gaps if g.kind == "due_suggested")
    assert "2026-11-27" in suggestion and "11 月 27 日之前" in suggestion  # says why, with the words
    assert "2026-12-20" not in draft.markdown  # a date from nowhere is neither filled in nor suggested


def test_person_and_department_forms_of_one_owner_merge(server: FakeOpenAI, service_for: Any,
                                                       tmp_path: Path) -> None:
    server.add(Reply.json_content({"actions": [
        {"action": "给出新的排产计划", "owner": "生产部黄主任", "due": "2026-12-01", "status": "open",
         "quote": "[15:10] 黄主任: 排产计划我会在 12 月 1 日之前给出来。"},
        {"action": "新排产计划", "owner": "生产部", "due": None, "status": "open", "quote": "排产计划我会在"},
        {"action": "建好新的物料编码", "owner": "IT部", "due": None, "status": "open",
         "quote": "[12:40] 孙主管: 物料编码我这边建，应该没问题。"},
        {"action": "建物料编码", "owner": "孙主管", "due": None, "status": "open", "quote": "物料编码我这边建"},
        {"action": "联系供应商", "owner": "供应商", "due": None, "status": "open",
         "quote": "[10:05] 刘经理: 报价的事我来盯"}]}))
    draft = service_for(server).drafts.draft(from_file=_typed(tmp_path), mode="llm")
    owners = [(a.owner, a.action) for a in draft.actions]
    assert owners.count(("黄主任", "给出新的排产计划")) == 1 and not any(t == "新排产计划" for _, t in owners)
    assert [o for o, t in owners if "物料编码" in t] == ["IT部"]  # 孙主管 of IT 部: one owner, one action
    flagged = [g.message for g in draft.gaps if g.kind == "owner_unverified"]
    assert len(flagged) == 1 and "「供应商」" in flagged[0]  # a word in the talk is not an owner
    assert "供应商（未核实）" in draft.markdown


def test_an_invented_basis_and_owner_are_flagged(server: FakeOpenAI, service_for: Any, tmp_path: Path) -> None:
    wm = WindowModel(invent=True)
    server.add_hook(wm, once=False)
    m = meeting("zh", cues=120, planted=3, seed=9)
    notes = tmp_path / "notes.md"
    notes.write_text(m.notes([]), encoding="utf-8")
    draft = service_for(server).drafts.draft(from_file=notes, mode="llm")
    assert _found(draft, m) == []
    basis = [g.message for g in draft.gaps if g.kind == "basis_unverified"]
    assert len(basis) == 3 and all("「ISO 9001 第8.4条」" in b for b in basis)
    assert draft.markdown.count("ISO 9001 第8.4条（依据未核实）") == 3
    assert [g.kind for g in draft.gaps].count("owner_unverified") == 1  # 仓储部, once: its action merged
    assert all(p.owner != "仓储部" or False for p in m.planted)
    flagged = [e for e in draft.evidence if e.flags]
    assert flagged and all(e.flags[0] in [g.message for g in draft.gaps] for e in flagged)


def test_a_truncated_answer_keeps_its_complete_items(server: FakeOpenAI, service_for: Any,
                                                     tmp_path: Path) -> None:
    m = meeting("en", cues=60, planted=4, seed=2)
    notes = tmp_path / "notes.md"
    notes.write_text(m.notes([]), encoding="utf-8")
    full = json.dumps(WindowModel().extract(f"Meeting date: 2026-11-23\n<data-x kind=\"transcript\">\n"
                                            f"{_talk(m)}\n</data-x>"), ensure_ascii=False)
    cut = full.index('"action"', full.index('"action"', full.index('"action"') + 1) + 1) + 20
    wm = WindowModel(cut_at=cut)  # two items complete, the third cut mid-way
    server.add_hook(wm, once=False)
    info: list[str] = []
    draft = service_for(server).drafts.draft(from_file=notes, mode="llm", on_info=info.append)
    assert _found(draft, m) == [] and len(draft.actions) == 4
    assert len(server.chats) == 2
    rest = server.chats[1].body["messages"]
    assert [r["role"] for r in rest] == ["system", "user", "assistant", "user"]
    assert "cut off at the output limit" in rest[3]["content"] and m.planted[0].what in rest[3]["content"]
    assert any("kept its 2 complete items" in line for line in info)


def test_the_cli_streams_progress_even_with_json(server: FakeOpenAI, model: WindowModel, run_cli: RunCli,
                                                 tmp_path: Path, home: Path) -> None:
    (home / "config.toml").write_text("[llm]\nretries = 0\ntimeout = 10\n", encoding="utf-8")
    m = meeting("en", cues=300, planted=4, seed=4)
    vtt = tmp_path / "feishu.vtt"
    vtt.write_text(m.vtt(), encoding="utf-8")
    env = cli_env(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-placeholder",
                  FACILITATOR_LLM_MODEL="test-model", FACILITATOR_LLM_CONTEXT="4096")
    proc = run_cli("draft", "--from", str(vtt), "--llm", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == len(server.chats) > 2 and all(line.startswith("progress: window ") for line in lines)
    out = json.loads(proc.stdout)
    assert out["mode"] == "llm" and {(a["owner"], a["due"]) for a in out["actions"]} == {
        (p.owner, p.due.isoformat()) for p in m.planted}
    assert len(out["evidence"]) == 4 and all(e["quote"] and e["at"] for e in out["evidence"])


def test_an_echoed_key_reaches_no_output_database_or_export(server: FakeOpenAI, run_cli: RunCli,
                                                            tmp_path: Path, home: Path) -> None:
    (home / "config.toml").write_text("[llm]\nretries = 0\ntimeout = 10\n", encoding="utf-8")
    notes = _typed(tmp_path)
    mid = json.loads(run_cli("import", str(notes), "--new", "报价", "--json").stdout)["meeting_id"]
    escaped = "".join(f"\\u{ord(c):04x}" for c in KEY)  # a key only the JSON parser reveals
    answer = ('{"actions": [{"action": "把密钥 ' + KEY + ' 发给孙主管", "owner": "孙主管", "due": null, '
              '"status": "open", "quote": "[12:40] 孙主管: 物料编码我这边建，应该没问题。"}], '
              '"decisions": [{"text": "用 ' + escaped + ' 登录", "quote": "物料编码我这边建"}]}')
    server.add_hook(lambda r: Reply(content=answer, chunk_chars=7), once=False)
    env = cli_env(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=KEY, FACILITATOR_LLM_MODEL="test-model")
    out_md = tmp_path / "draft.md"
    runs = [run_cli("draft", str(mid), "--llm", env=env),
            run_cli("draft", str(mid), "--llm", "--json", "--verbose", env=env),
            run_cli("draft", str(mid), "--llm", "--out", str(out_md), env=env),
            run_cli("export", str(mid), "--format", "json", env=env),
            run_cli("export", str(mid), "--format", "md", env=env)]
    assert [p.returncode for p in runs] == [0] * 5, runs[0].stderr
    assert "把密钥 *** 发给孙主管" in runs[0].stdout and "用 *** 登录" in runs[0].stdout
    assert json.loads(runs[1].stdout)["mode"] == "llm"
    texts = [t for p in runs for t in (p.stdout, p.stderr)] + [out_md.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*") if p.is_file()
              and p.suffix in (".txt", ".md", ".json", ".log")]
    leaks = [t[max(0, t.find(KEY) - 80):t.find(KEY) + 40] for t in texts if KEY in t]
    assert leaks == [] and not any(escaped in t for t in texts)
    db = sqlite3.connect(home / "meetings.db")
    stored = db.execute("SELECT markdown || coalesce(raw, '') FROM drafts").fetchall()
    db.close()
    assert len(stored) == 3 and all(KEY not in s and escaped not in s for (s,) in stored)
    assert all(KEY.encode() not in p.read_bytes() for p in home.glob("meetings.db*"))
