"""Server mode: index and search through a real ``chroma run`` server (FACILITATOR_CHROMA_URL)."""

from __future__ import annotations

from pathlib import Path

from facilitator.config import Settings, load_settings
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex, collection_name
from facilitator.library.search import CaseSearcher

from .helpers import CountingEmbedder


def test_index_and_search_through_a_chroma_server(home: Path, cards_dir: Path, chroma_server: str,
                                                  e5: E5Embedder) -> None:
    settings = load_settings(home, env={"FACILITATOR_CHROMA_URL": chroma_server})
    assert settings.chroma_url == chroma_server
    counting = CountingEmbedder(e5)
    index = CaseIndex(home, settings, embedder=counting)
    report = index.update([cards_dir], builtin=False)
    assert report.added == 26 and report.notices[0].startswith("no index yet at http://127.0.0.1:")
    assert not (home / "index" / "chroma.sqlite3").exists()  # nothing embedded locally

    again = index.update([cards_dir], builtin=False)
    assert (again.added, again.unchanged) == (0, 26) and counting.passages == 26

    (cards_dir / "pipe-rust.md").unlink()
    assert index.update([cards_dir], builtin=False).removed == 4

    searcher = CaseSearcher(home, settings, embedder=counting)
    hits = searcher.search("IT 没有预算，不肯装视频会议系统", k=3)
    assert hits[0].case_id == "video-budget"
    assert "pipe-rust" not in {h.case_id for h in searcher.search("钢管生锈", k=10)}
    assert searcher.notices == []

    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_server.rsplit(":", 1)[1]),
                                 settings=chromadb.config.Settings(anonymized_telemetry=False))
    col = client.get_collection(collection_name(settings, e5.name), embedding_function=None)
    assert col.count() == 22
    assert col.metadata["embedding_model"] == e5.name and col.metadata["dimension"] == 384


def test_server_collection_from_another_model_is_rebuilt(home: Path, cards_dir: Path, chroma_server: str,
                                                         e5: E5Embedder) -> None:
    settings = Settings(chroma_url=chroma_server)
    index = CaseIndex(home, settings, embedder=e5)
    index.update([cards_dir], builtin=False)
    col = index.collection()
    meta = {k: v for k, v in col.metadata.items() if not k.startswith("hnsw:")}
    col.modify(metadata={**meta, "dimension": 768})  # as if another client wrote it
    report = CaseIndex(home, settings, embedder=e5).update([cards_dir], builtin=False)
    assert report.added == 26
    assert any("dimension 768" in n for n in report.notices)


def test_unreachable_server_searches_by_keywords(home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    from .conftest import _free_port

    settings = Settings(chroma_url=f"http://127.0.0.1:{_free_port()}")
    searcher = CaseSearcher(home, settings, libraries=[cards_dir], builtin=False, embedder=e5)
    hits = searcher.search("钢管 生锈", k=1)
    assert hits[0].case_id == "pipe-rust"
    assert any("Chroma server" in n and "keywords only" in n for n in searcher.notices), searcher.notices
    assert searcher.degraded is not None and searcher.degraded.reason == "update-failed"
    assert "Chroma server" in searcher.degraded.message


def test_two_homes_on_one_server_keep_both_libraries(tmp_path: Path, cards_dir: Path, chroma_server: str,
                                                     e5: E5Embedder) -> None:
    """Two teammates, one server, different --library folders: nobody removes the other's cards,
    the bundled corpus is stored once, and doctor shows who holds what."""
    import os
    import shutil
    import subprocess
    import sys

    from facilitator.library.cards import load_cards
    from facilitator.library.index import BUILTIN, chunk_cards
    from facilitator.locations import corpus_dir

    settings = Settings(chroma_url=chroma_server)
    home_a, home_b = tmp_path / "alice", tmp_path / "bob"
    bob_cards = tmp_path / "bob-cards"
    bob_cards.mkdir()
    for name in ("pipe-rust.md", "spec-unknown.md"):  # same card ids as Alice's: still two namespaces
        shutil.copy(cards_dir / name, bob_cards / name)
    alice = CaseIndex(home_a, settings, embedder=CountingEmbedder(e5))
    bob_embedder = CountingEmbedder(e5)
    bob = CaseIndex(home_b, settings, embedder=bob_embedder)
    assert alice.source != bob.source

    assert alice.update([cards_dir], builtin=False).added == 26
    first_b = bob.update([bob_cards], builtin=False)
    assert first_b.removed == 0 and first_b.added == first_b.chunks > 0
    again_a = alice.update([cards_dir], builtin=False)
    assert (again_a.added, again_a.removed, again_a.unchanged) == (0, 0, 26)

    (bob_cards / "spec-unknown.md").unlink()
    less_b = bob.update([bob_cards], builtin=False)
    assert less_b.removed > 0
    assert alice.update([cards_dir], builtin=False).removed == 0

    # the bundled corpus: Alice's update stores it (from the shipped vectors), Bob's finds it there
    with_corpus = alice.update([cards_dir], builtin=True)
    assert with_corpus.added == with_corpus.chunks - 26
    # Alice's own supplier-small-order card shadows the corpus card of that id; Bob's does not
    corpus_chunks = chunk_cards(load_cards([corpus_dir()])[0])
    shadowed = [c for c in corpus_chunks if (cards_dir / f"{c.case_id}.md").exists()]
    assert shadowed
    before = bob_embedder.passages
    bob_corpus = bob.update([bob_cards], builtin=True)
    assert bob_corpus.added == len(shadowed)  # the rest of the corpus is already there
    assert bob_embedder.passages - before <= 1  # shipped vectors: at most the one spot check
    held = {s["source"]: s for s in alice.server_sources()}
    assert held[BUILTIN]["chunks"] == len(corpus_chunks) and held[BUILTIN]["cases"] == 50
    assert held[alice.source]["chunks"] == 26 and held[bob.source]["chunks"] == less_b.chunks

    # each searches its own cards plus the corpus, never the other's
    alice_ids = {h.case_id for h in CaseSearcher(home_a, settings, embedder=e5).search("IT 没有预算，不肯装视频会议系统", k=3)}
    assert {"video-budget", "video-conference-budget"} <= alice_ids  # her card and the corpus's
    bob_ids = {h.case_id for h in CaseSearcher(home_b, settings, embedder=e5).search("视频会议 预算", k=60)}
    assert "video-budget" not in bob_ids and "pipe-rust" in bob_ids and "video-conference-budget" in bob_ids

    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACILITATOR_"))}
    env["FACILITATOR_CHROMA_URL"] = chroma_server
    out = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home_b), "doctor"],
                         capture_output=True, text=True, env=env, timeout=300)
    line = next(ln for ln in out.stdout.splitlines() if "chroma server" in ln)
    assert "bundled corpus: 50 cases" in line
    assert f"{alice.source_label}: 6 cases, 26 chunks" in line
    assert f"{bob.source_label} (this home): 1 cases" in line
