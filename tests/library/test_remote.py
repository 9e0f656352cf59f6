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
