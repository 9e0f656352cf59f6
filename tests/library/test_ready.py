"""A new home is ready at once: the bundled corpus's vectors ship with the package, verified on use."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from facilitator.config import Settings
from facilitator.library import shipped
from facilitator.library.cards import load_cards
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex, chunk_cards
from facilitator.library.search import CaseSearcher
from facilitator.locations import corpus_dir

from .helpers import CountingEmbedder


class SkewedEmbedder(CountingEmbedder):
    """The real E5 with every passage vector rotated a little: the same model name, other vectors
    (as if the engine computed differently on this machine)."""

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        out = []
        for vec in super().embed_passages(texts):
            v = np.roll(np.asarray(vec, dtype=np.float32), 1) + np.asarray(vec, dtype=np.float32)
            out.append((v / np.linalg.norm(v)).tolist())
        return out


def test_shipped_file_covers_every_corpus_chunk(e5: E5Embedder) -> None:
    table = shipped.load(e5.name)
    cards, _ = load_cards([corpus_dir()])
    chunks = chunk_cards(cards)
    assert chunks and all(c.sha256 in table for c in chunks), "corpus changed: run `make vectors`"
    probe = chunks[0]
    fresh = np.asarray(e5.embed_passages([probe.text])[0], dtype=np.float32)
    assert float(fresh @ table[probe.sha256]) > shipped.SPOT_CHECK


def test_new_home_indexes_the_corpus_without_embedding_it(home: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=counting, template=None).update([], builtin=True)
    assert report.cards == 50 and report.added == report.chunks
    assert counting.passages == 1  # the one chunk embedded to check the shipped vectors
    hits = CaseSearcher(home, Settings(), embedder=e5).search("钢管打磨清洗后马上生锈", k=3)
    assert hits[0].case_id == "pipe-rust-soft-water"


def test_user_cards_are_still_embedded(home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=counting, template=None).update([cards_dir], builtin=True)
    assert report.added == report.chunks
    assert counting.passages == 26 + 1  # the six fixture cards' chunks, plus the spot check


def test_damaged_or_foreign_shipped_file_is_ignored(tmp_path: Path, e5: E5Embedder) -> None:
    good = shipped.load(e5.name)
    assert good
    assert shipped.load("openai:text-embedding-3-small") == {}
    with np.load(shipped.PATH) as data:
        parts = {k: data[k] for k in data.files}
    parts["vectors"] = parts["vectors"].copy()
    parts["vectors"][0, 0] += 0.5
    np.savez(tmp_path / "tampered.npz", **parts)
    assert shipped.load(e5.name, tmp_path / "tampered.npz") == {}
    (tmp_path / "cut.npz").write_bytes(shipped.PATH.read_bytes()[:1000])
    assert shipped.load(e5.name, tmp_path / "cut.npz") == {}


def test_shipped_vectors_that_fail_the_spot_check_are_not_used(home: Path, e5: E5Embedder) -> None:
    skewed = SkewedEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=skewed, template=None).update([], builtin=True)
    assert any("shipped corpus vectors do not match" in n for n in report.notices), report.notices
    assert skewed.passages == report.chunks  # embedded as before the file existed


def test_editing_only_front_matter_reembeds_nothing(home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    CaseIndex(home, Settings(), embedder=counting).update([cards_dir], builtin=False)
    before = counting.passages
    card = cards_dir / "pipe-rust.md"
    card.write_text(card.read_text(encoding="utf-8").replace("tags: [质量, 生锈, 工艺]", "tags: [质量, 生锈, 工艺, 防锈油]"),
                    encoding="utf-8")
    searcher = CaseSearcher(home, Settings(), embedder=counting)
    hits = searcher.search("防锈油", k=1, tags=["防锈油"])
    assert [h.case_id for h in hits] == ["pipe-rust"]
    assert counting.passages == before  # chunk text unchanged: same hashes, same vectors


@pytest.mark.parametrize("lost", ["vectors.npy", "rows.json", "lex_post_tf.npy"])
def test_lost_search_tables_are_rebuilt_without_embedding(home: Path, cards_dir: Path, e5: E5Embedder,
                                                          lost: str) -> None:
    counting = CountingEmbedder(e5)
    CaseIndex(home, Settings(), embedder=counting).update([cards_dir], builtin=False)
    before = counting.passages
    (home / "index" / "search" / lost).unlink()
    searcher = CaseSearcher(home, Settings(), embedder=counting)
    assert searcher.search("钢管清洗后生锈", k=1)[0].case_id == "pipe-rust"
    assert counting.passages == before  # vectors read back from the chroma collection
    assert not any("keywords only" in n for n in searcher.notices)
    assert searcher.degraded is None


def test_copied_corpus_card_uses_its_shipped_vectors(home: Path, tmp_path: Path, e5: E5Embedder) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(corpus_dir() / "pipe-rust-soft-water.md", mine / "pipe-rust-soft-water.md")
    counting = CountingEmbedder(e5)
    CaseIndex(home, Settings(), embedder=counting).update([mine], builtin=False)
    assert counting.passages == 1
