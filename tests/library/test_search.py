"""Hybrid search on a small real index: Chinese, English, cross-language, filters, snippets."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex
from facilitator.library.search import CaseSearcher
from facilitator.library.snippet import make_snippet
from facilitator.model import UserError

from .conftest import FIXTURE_CARDS
from .helpers import CountingEmbedder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, e5: E5Embedder) -> Iterator[Path]:
    """One index of the fixture cards for the whole module (searches do not change it)."""
    home = tmp_path_factory.mktemp("search-home")
    cards = tmp_path_factory.mktemp("search-cards") / "cards"
    shutil.copytree(FIXTURE_CARDS, cards)
    report = CaseIndex(home, Settings(), embedder=e5).update([cards], builtin=False)
    assert report.added == 26
    yield home


@pytest.fixture(scope="module")
def searcher(built: Path, e5: E5Embedder) -> CaseSearcher:
    return CaseSearcher(built, Settings(), embedder=e5)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("供应商嫌订单量太小不愿意接", "supplier-small-order"),
        ("钢管清洗后生锈", "pipe-rust"),
        ("大客户的订单排满了，小订单想插队", "priority-small-order"),
        ("客户没有给技术规格，研发没法开工", "spec-unknown"),
    ],
)
def test_chinese_queries(searcher: CaseSearcher, query: str, expected: str) -> None:
    hits = searcher.search(query, k=3)
    assert hits[0].case_id == expected
    assert searcher.notices == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IT has no budget for a video conferencing system", "video-budget"),
        ("joint proposal with a system integrator", "integrator-proposal"),
    ],
)
def test_english_queries(searcher: CaseSearcher, query: str, expected: str) -> None:
    assert searcher.search(query, k=3)[0].case_id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rust appears on steel pipes right after washing", "pipe-rust"),
        ("suppliers refuse a tiny non-standard order", "supplier-small-order"),
        ("IT部门说今年没有预算，不肯装视频会议系统", "video-budget"),
    ],
)
def test_cross_language_queries(searcher: CaseSearcher, query: str, expected: str) -> None:
    hits = searcher.search(query, k=3)
    assert hits[0].case_id == expected, [h.case_id for h in hits]


def test_hit_fields(searcher: CaseSearcher) -> None:
    hits = searcher.search("供应商不愿意接小批量的非标订单", k=10)
    assert len({h.case_id for h in hits}) == len(hits) == 6  # one hit per case
    top = hits[0]
    assert top.title == "小批量非标料没有供应商接单，采购与生产互相推诿"
    assert top.section in {"背景", "卡点", "责任边界", "真实障碍", "解决", "经验"}
    assert "供应商" in top.snippet and len(top.snippet) <= 122
    assert top.source == "fixture-zh-1"
    assert hits[-1].source and hits[-1].source.endswith(".md") or hits[-1].source == "fixture-en-1"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert 0 < top.score <= 1
    assert set(top.to_json()) == {"case_id", "title", "score", "section", "snippet", "source"}
    en = searcher.search("IT refuses to install the video system", k=1)[0]
    assert en.section in {"Situation", "Stuck point", "Real obstacle", "Resolution", "Lesson"}


def test_filters(searcher: CaseSearcher) -> None:
    assert [h.case_id for h in searcher.search("订单", k=10, departments=["IT"])] == ["video-budget"]
    production = {h.case_id for h in searcher.search("订单", k=10, departments=["生产"])}
    assert production == {"supplier-small-order", "pipe-rust", "priority-small-order"}
    assert {h.case_id for h in searcher.search("order", k=10, tags=["小订单", "budget"])} == {
        "priority-small-order", "video-budget"}
    both = searcher.search("问题", k=10, departments=["生产部"], tags=["质量"])
    assert [h.case_id for h in both] == ["pipe-rust"]
    assert searcher.search("anything", departments=["法务部"]) == []


def test_one_searcher_answers_many_queries_without_reloading(built: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    searcher = CaseSearcher(built, Settings(), embedder=counting)
    first = {q: searcher.search(q, k=2) for q in ["钢管生锈", "video budget", "小订单插队", "供应商"]}
    for query in list(first) * 2:
        assert searcher.search(query, k=2) == first[query]
    # each question embedded once: the vectors of recent queries are kept
    assert counting.queries == 4 and counting.passages == 0
    assert searcher.notices == []
    searcher.forget_queries()
    assert searcher.search("钢管生锈", k=2) == first["钢管生锈"] and counting.queries == 5


def test_bad_queries_are_user_errors(searcher: CaseSearcher) -> None:
    with pytest.raises(UserError):
        searcher.search("   ")
    with pytest.raises(UserError):
        searcher.search("x", k=0)


def test_edited_card_is_picked_up_by_the_next_searcher(home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    card = cards_dir / "spec-unknown.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n## 经验\n遇到海关清关单据缺失时，先找报关行确认。\n", encoding="utf-8")
    counting = CountingEmbedder(e5)
    searcher = CaseSearcher(home, Settings(), embedder=counting)  # folders come from the manifest
    hits = searcher.search("海关清关单据缺失", k=1)
    assert hits[0].case_id == "spec-unknown" and hits[0].section == "经验"
    assert "清关" in hits[0].snippet
    assert any("out of step" in n for n in searcher.notices)
    assert counting.passages == 1


def test_keyword_only_mode_and_dense_only_mode(built: Path, e5: E5Embedder) -> None:
    searcher = CaseSearcher(built, Settings(), embedder=e5)
    assert searcher.search("软水", k=1, mode="lexical")[0].case_id == "pipe-rust"
    assert searcher.search("rust after washing steel", k=1, mode="dense")[0].case_id == "pipe-rust"
    # English words cannot match Chinese text by themselves; the glossary view can
    assert searcher.search("rust after washing steel", k=1, mode="lexical")[0].case_id == "pipe-rust"
    searcher.translate = False
    assert searcher.search("rust after washing steel", k=5, mode="lexical") == []


def test_glossary_translates_domain_terms_both_ways() -> None:
    from facilitator.library.glossary import translate

    zh, share = translate("Suppliers won't take a small batch")
    assert zh.split() == ["供应商", "小批量"] and 0.5 <= share < 1
    en, share = translate("采购部说预算不够")
    assert "budget" in en.split() and "purchasing" in en.split() and 0 < share < 1
    assert translate("xyz qqq") == ("", 0.0)


def test_snippet_centres_on_the_match() -> None:
    text = "开头的背景介绍。" * 20 + "关键是软水清洗加防锈剂。" + "后面的补充说明。" * 20
    snippet = make_snippet(text, "软水 防锈")
    assert "软水" in snippet and "防锈剂" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 122
    assert make_snippet("short text", "x") == "short text"
    assert make_snippet("a " * 200, "zzz").startswith("a a")


def test_snippet_cuts_english_at_word_edges_and_follows_translations() -> None:
    text = ("Background words that do not matter here at all. " * 4 + "The supplier refused the order. "
            + "More filler text follows after the important sentence. " * 4)
    snippet = make_snippet(text, "supplier refused")
    assert "supplier refused" in snippet
    inner = snippet.strip("…")
    assert text.find(inner) != -1
    start = text.find(inner)
    assert text[start - 1] in " ." and text[start + len(inner)] in " ."  # whole words only
    zh = "前面的铺垫文字。" * 12 + "供应商都不愿意接小批量订单。" + "后面的补充说明。" * 12
    assert "供应商" in make_snippet(zh, "suppliers reject a small batch")


def test_search_keeps_the_folders_of_the_last_index_run(home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    """`index --library X --no-builtin`, then a plain `search` (the service passes the configured
    folders and cases/): X stays searched and nothing is re-embedded or removed."""
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    counting = CountingEmbedder(e5)
    searcher = CaseSearcher(home, Settings(), libraries=[home / "cases"], embedder=counting)
    assert searcher.search("钢管生锈", k=1)[0].case_id == "pipe-rust"
    assert searcher.notices == [] and counting.passages == 0

    (home / "cases").mkdir()
    (home / "cases" / "saved.md").write_text(
        "---\nid: saved-meeting\ntitle: 仓库漏雨\n---\n## 背景\n仓库屋顶漏雨，成品受潮。\n", encoding="utf-8")
    searcher = CaseSearcher(home, Settings(), libraries=[home / "cases"], embedder=counting)
    assert searcher.search("仓库屋顶漏雨", k=1)[0].case_id == "saved-meeting"
    assert counting.passages == 1
    assert any("1 added" in n and "0 removed" in n for n in searcher.notices), searcher.notices


def test_corpus_folder_given_explicitly_counts_even_without_builtin(
        home: Path, cards_dir: Path, e5: E5Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("facilitator.library.search.corpus_dir", lambda: cards_dir)
    monkeypatch.setattr("facilitator.library.index.corpus_dir", lambda: cards_dir)
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    searcher = CaseSearcher(home, Settings(), libraries=[cards_dir], builtin=False, embedder=e5)
    assert searcher.search("钢管生锈", k=1)[0].case_id == "pipe-rust"
    without = CaseSearcher(home, Settings(), libraries=[], builtin=False, embedder=e5)
    assert without.folders() == [cards_dir.resolve()]  # recorded as a library, not as builtin


def test_first_pass_of_a_large_library_finds_what_exact_scoring_finds(
        home: Path, monkeypatch: pytest.MonkeyPatch, e5: E5Embedder) -> None:
    """Large libraries score exactly only the rows a projected first pass keeps: the same cases
    come back, and a filter still finds its cases however far down the first pass they sit."""
    from facilitator.library import search, tables
    from facilitator.locations import corpus_dir

    monkeypatch.setattr(tables, "FIRST_PASS_ROWS", 100)  # the 300-chunk corpus counts as large
    monkeypatch.setattr(tables, "FIRST_PASS_DIM", 32)
    monkeypatch.setattr(search, "FIRST_PASS_KEEP", 40)
    CaseIndex(home, Settings(), embedder=e5, template=None).update([corpus_dir()], builtin=False)
    searcher = CaseSearcher(home, Settings(), embedder=e5)
    searcher.search("x", k=1)
    assert searcher._tables is not None and searcher._tables.projected is not None
    assert searcher._tables.projected.shape == (300, 32)
    for query in ["钢管打磨清洗后马上生锈", "the customer wants a video conference but IT has no budget",
                  "供应商嫌订单量太小不愿意接"]:
        searcher.first_pass = True
        rough = [h.case_id for h in searcher.search(query, k=3, mode="dense")]
        searcher.first_pass = False
        exact = [h.case_id for h in searcher.search(query, k=3, mode="dense")]
        assert rough == exact, query
    searcher.first_pass = True
    # the three cards with a legal department are far from rust on steel pipes, yet both come back
    far = searcher.search("钢管打磨清洗后马上生锈", k=5, mode="dense", departments=["法务部"])
    assert len(far) == 3 and all(
        "法务部" in searcher._tables.cases[searcher._tables.case_index[h.case_id]].departments for h in far)


def test_a_case_that_wins_for_everything_is_found_and_pushed_down() -> None:
    """Hubs by how often they win: the library's own chunks asked as queries; a card whose
    chunks sit near every other card's wins far beyond its fair share, the rest do not."""
    import hashlib

    import numpy as np

    from facilitator.library import search as search_mod
    from facilitator.library.cards import Chunk
    from facilitator.library.tables import SearchTables
    from facilitator.model import Case

    dim, n = 12, 6
    rng = np.random.default_rng(7)
    cases, chunks, vectors = [], [], {}
    for i in range(n + 1):
        cid = f"case-{i}" if i < n else "hub"
        cases.append(Case(id=cid, title=cid, lang="zh", sections={"obstacle": "x"}))
        for part in range(2):
            base = np.ones(dim) / np.sqrt(dim) if cid == "hub" else np.eye(dim)[i]
            v = base + 0.05 * rng.standard_normal(dim)
            sha = hashlib.sha256(f"{cid}{part}".encode()).hexdigest()
            chunks.append(Chunk(id=f"{cid}#obstacle" + (f"#{part + 1}" if part else ""), case_id=cid,
                                section="obstacle", text=f"{cid} {part}", sha256=sha, lang="zh"))
            vectors[sha] = (v / np.linalg.norm(v)).astype(np.float32)
    tables = SearchTables.build(cases, chunks, vectors)
    wins = search_mod._win_counts(tables, top=1)
    assert wins is not None
    hub = [c.id for c in cases].index("hub")
    assert wins[0, hub] == wins[0].max() and wins[0, hub] > 3
    assert all(wins[0, i] <= 1.0 for i in range(n))
    factor = 1.0 + search_mod.HUB_WINS_WEIGHT * np.log(np.maximum(wins[0], 1.0))
    assert factor[hub] > 1.2 and all(factor[i] == 1.0 for i in range(n))


def test_the_plain_search_of_the_same_words_votes_as_a_fallback(searcher: CaseSearcher) -> None:
    """``Query.fallback``: a weighted question that leans another way is pulled towards what a
    plain search of its whole text puts first, the more so the heavier the fallback, within the
    same ranking (one fusion, scores still on the 0..1 scale the panel's cut-off reads)."""
    from facilitator.library.search import Query

    whole = "供应商嫌订单量太小不愿意接"
    plain_first = searcher.search(whole, k=1)[0].case_id
    leaning = (("钢管清洗后生锈", 1.0), (whole, 0.2))

    def place(weight: float) -> int:
        hits = searcher.search(Query(parts=leaning, fallback=(whole, weight)), k=10)
        assert max(h.score for h in hits) <= 1.0
        return [h.case_id for h in hits].index(plain_first) + 1

    off = [h.case_id for h in searcher.search(Query(parts=leaning), k=10)]
    assert place(0.0) == off.index(plain_first) + 1  # weight 0: no vote, nothing changes
    assert place(0.0) > place(1.0) > place(4.0)
