"""The inverted BM25 index: same scores as BM25 computed by hand, only matching rows, sane idf."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from facilitator.config import Settings
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex
from facilitator.library.lexical import K1, B, InvertedIndex, TermKeys, forward_row, tokenize
from facilitator.library.search import CaseSearcher

TEXTS = [
    ("zh", "钢管清洗后生锈，车间湿度很高"),
    ("zh", "供应商嫌订单量太小不愿意接"),
    ("zh", "大客户订单排满，小订单插队"),
    ("en", "the order could not ship because customs held it"),
    ("en", "customer order for a custom part"),
    ("en", "order order order"),
]


def build() -> InvertedIndex:
    keys = TermKeys()
    return InvertedIndex.build([forward_row(lang, tokenize(t), keys) for lang, t in TEXTS], [lang for lang, _ in TEXTS])


def by_hand(query: str) -> list[float]:
    """Plain BM25 (non-negative idf), per language, divided by the sum of the query terms' idf."""
    out = []
    for lang, text in TEXTS:
        docs = [tokenize(t) for lg, t in TEXTS if lg == lang]
        n = len(docs)
        avgdl = sum(map(len, docs)) / n
        tokens = tokenize(text)
        score = bound = 0.0
        for term in dict.fromkeys(tokenize(query)):
            df = sum(term in d for d in docs)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else math.log(1 + (n + 0.5) / 0.5)
            bound += idf
            tf = tokens.count(term)
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(tokens) / avgdl)) if tf else 0.0
        out.append(min(1.0, score / bound) if bound else 0.0)
    return out


def test_shares_equal_bm25_by_hand() -> None:
    index = build()
    for query in ["订单插队", "customs order", "钢管 生锈 湿度", "order", "nothing matches here"]:
        got = index.shares(tokenize(query)).tolist()
        assert np.allclose(got, by_hand(query), atol=1e-5), query


def test_idf_stays_positive_in_a_small_language() -> None:
    index = build()
    shares = index.shares(tokenize("order"))  # in all three English texts
    assert all(s > 0 for s in shares[3:]) and all(s == 0 for s in shares[:3])


def test_saved_index_loads_back_the_same(tmp_path: Path) -> None:
    index = build()
    index.save(tmp_path)
    again = InvertedIndex.load(tmp_path, index.langs)
    for query in ["订单", "custom part", "生锈"]:
        assert np.array_equal(index.shares(tokenize(query)), again.shares(tokenize(query)))


def test_customs_is_not_custom() -> None:
    assert "customs" in tokenize("held at customs") and "custom" in tokenize("custom parts")


def test_stray_english_words_in_chinese_cards_get_no_lexical_vote(tmp_path: Path, home: Path,
                                                                 e5: E5Embedder) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "zh.md").write_text(
        "---\nid: zh-card\ntitle: 客户催货\nlang: zh\n---\n## 背景\n客户发来邮件说 ship the order，仓库说没有库存。\n",
        encoding="utf-8")
    (cards / "en.md").write_text(
        "---\nid: en-card\ntitle: Late shipment\nlang: en\n---\n## Situation\nThe order could not ship on time "
        "because the warehouse ran out of cartons.\n", encoding="utf-8")
    CaseIndex(home, Settings(), embedder=e5).update([cards], builtin=False)
    searcher = CaseSearcher(home, Settings(), embedder=e5)
    ids = [h.case_id for h in searcher.search("why did the order not ship on time", k=5, mode="lexical")]
    assert ids == ["en-card"]
    # the same words typed in a Chinese query still find the Chinese card through its own words
    assert searcher.search("客户邮件催货 ship the order", k=1, mode="lexical")[0].case_id == "zh-card"


def test_a_patched_index_scores_like_one_built_from_scratch() -> None:
    """An update patches the rows of the changed texts only; the library-wide statistics
    are applied at search time, so the scores are those of a full rebuild."""
    keys = TermKeys()
    old = build()
    changed = [*TEXTS]
    changed[1] = ("zh", "钢管生锈，湿度太高，客户要求换货")  # one text edited
    del changed[4]  # one removed
    changed.append(("en", "customs hold on the order, broker missing papers"))  # one added
    sources: list[int | None] = [0, None, 2, 3, *range(5, len(TEXTS)), None]
    fresh = {1: forward_row("zh", tokenize(changed[1][1]), keys),
             len(changed) - 1: forward_row("en", tokenize(changed[-1][1]), keys)}
    patched = InvertedIndex.patched(old, sources, fresh, [lang for lang, _ in changed])
    scratch = InvertedIndex.build([forward_row(lang, tokenize(t), keys) for lang, t in changed],
                                  [lang for lang, _ in changed])
    assert patched is not None
    for query in ["订单插队", "customs order papers", "钢管 生锈 湿度 换货", "order", "nothing matches here"]:
        assert np.array_equal(patched.shares(tokenize(query)), scratch.shares(tokenize(query))), query


def test_a_text_edited_in_place_patches_like_a_rebuild() -> None:
    """The common edit: one text changes, no row moves; a term only it held goes away."""
    keys = TermKeys()
    changed = [*TEXTS]
    changed[0] = ("zh", "车间湿度很高，钢管清洗后发黄")  # drops 生锈, adds 发黄
    sources: list[int | None] = [None, *range(1, len(TEXTS))]
    patched = InvertedIndex.patched(build(), sources, {0: forward_row("zh", tokenize(changed[0][1]), keys)},
                                    [lang for lang, _ in changed])
    scratch = InvertedIndex.build([forward_row(lang, tokenize(t), keys) for lang, t in changed],
                                  [lang for lang, _ in changed])
    assert patched is not None and np.array_equal(patched.a["keys"], scratch.a["keys"])
    for query in ["钢管 生锈", "发黄 湿度", "订单插队", "order"]:
        assert np.array_equal(patched.shares(tokenize(query)), scratch.shares(tokenize(query))), query


def test_texts_edited_in_place_score_as_a_rebuild_from_side_postings(tmp_path: Path) -> None:
    """``with_rows``: the edited texts' postings kept beside the others (saved and read back,
    edited again), scoring exactly as an index built from the texts of now; merged by ``whole``
    they are that index's arrays, and a later ``patched`` update starts from them."""
    keys = TermKeys()
    langs = [lang for lang, _ in TEXTS]
    changed = [*TEXTS]
    changed[0] = ("zh", "车间湿度很高，钢管清洗后发黄")  # drops 生锈 (only it held it), adds 发黄
    first = build().with_rows({0: forward_row("zh", tokenize(changed[0][1]), keys)})
    first.save(tmp_path)
    loaded = InvertedIndex.load(tmp_path, first.langs)
    changed[2] = (changed[2][0], changed[2][1] + " 订单插队 customs")
    changed[0] = ("zh", "车间湿度很高，钢管清洗后发黄，客户要求换货")
    second = loaded.with_rows({r: forward_row(changed[r][0], tokenize(changed[r][1]), keys) for r in (0, 2)})
    scratch = InvertedIndex.build([forward_row(lang, tokenize(t), keys) for lang, t in changed], langs)
    assert second.side_rows.tolist() == [0, 2]
    for query in ["钢管 生锈", "发黄 湿度 换货", "订单插队", "order customs", "nothing matches here"]:
        assert np.array_equal(second.shares(tokenize(query)), scratch.shares(tokenize(query))), query
    for row in range(len(changed)):
        got, want = second.forward(row), scratch.forward(row)
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1]), row
    merged = second.whole()
    for name in InvertedIndex.FILES:
        assert np.array_equal(np.asarray(merged.a[name]), np.asarray(scratch.a[name])), name
    later = InvertedIndex.patched(second, [*range(1, len(changed)), None], {len(changed) - 1: forward_row(
        "en", tokenize("customs hold on the order"), keys)}, [*langs[1:], "en"])
    again = InvertedIndex.build([*(forward_row(lang, tokenize(t), keys) for lang, t in changed[1:]),
                                 forward_row("en", tokenize("customs hold on the order"), keys)], [*langs[1:], "en"])
    assert later is not None
    for query in ["订单插队", "customs order", "钢管"]:
        assert np.array_equal(later.shares(tokenize(query)), again.shares(tokenize(query))), query
