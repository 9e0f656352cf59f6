"""The vector index: incremental updates by content hash, rebuilds, and recovery from a broken cache."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from facilitator.config import SecretStr, Settings
from facilitator.library.embed import E5Embedder, OpenAIEmbedder
from facilitator.library.index import MANIFEST, CaseIndex, chunk_cards
from facilitator.library.search import CaseSearcher
from facilitator.locations import index_dir
from tests.openai_server import FakeOpenAI

from .helpers import Indexed

FIXTURE_CHUNKS = 26  # sections with text across the six fixture cards


def test_build_then_unchanged_rerun_embeds_nothing(fresh_index: Indexed, home: Path, cards_dir: Path,
                                                   e5: E5Embedder) -> None:
    index, counting = fresh_index
    progress: list[tuple[int, int]] = []
    report = index.update([cards_dir], builtin=False, progress=lambda d, t: progress.append((d, t)))
    assert (report.cards, report.chunks, report.added, report.updated, report.removed, report.unchanged) == (
        6, FIXTURE_CHUNKS, FIXTURE_CHUNKS, 0, 0, 0)
    assert report.errors == []
    assert counting.passages == FIXTURE_CHUNKS
    assert progress[0] == (0, FIXTURE_CHUNKS) and progress[-1] == (FIXTURE_CHUNKS, FIXTURE_CHUNKS)

    again = CaseIndex(home, Settings(), embedder=counting).update([cards_dir], builtin=False)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, FIXTURE_CHUNKS)
    assert again.notices == []
    assert counting.passages == FIXTURE_CHUNKS  # nothing re-embedded

    manifest = json.loads((index_dir(home) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["embedding_model"] == e5.name and manifest["dimension"] == 384
    assert manifest["chromadb"] and manifest["chunk_count"] == FIXTURE_CHUNKS
    tables = index.tables()  # what searches read: one row per chunk, with its vector
    assert tables is not None and tables.size == FIXTURE_CHUNKS and tables.vectors is not None
    assert tables.vectors.shape == (FIXTURE_CHUNKS, 384)
    assert all(len(h) == 64 for h in tables.build_rows(index_dir(home) / "search")["sha"])


def test_rerun_with_no_file_changed_reads_no_card_but_keeps_the_warnings(indexed: Indexed, home: Path,
                                                                         cards_dir: Path, e5: E5Embedder) -> None:
    """`make run` indexes before every start, so an unchanged library is decided from file stats."""
    (cards_dir / "broken.md").write_text("---\nid: broken\n", encoding="utf-8")
    first = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert len(first.errors) == 1 and "broken.md" in first.errors[0]
    # same size and mtime, other words: a run that read the cards would see the change
    card = cards_dir / "pipe-rust.md"
    stat = card.stat()
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("钢管", "铁管", 1), encoding="utf-8")
    os.utime(card, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert (again.cards, again.chunks, again.unchanged, again.added, again.updated) == (6, FIXTURE_CHUNKS,
                                                                                       FIXTURE_CHUNKS, 0, 0)
    assert again.errors == first.errors
    card.touch()  # a real edit moves the mtime: the cards are read again
    edited = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert edited.updated >= 1 and edited.errors == first.errors


def test_tables_name_every_chunk_as_the_cards_do_long_sections_too(fresh_index: Indexed, cards_dir: Path,
                                                                     home: Path, e5: E5Embedder) -> None:
    """The tables keep a part number, not the ids: each id must come back exactly."""
    card = cards_dir / "pipe-rust.md"
    long_part = "。".join(f"第{n}次清洗后钢管表面出现锈点，质量部记录了水质和干燥时间" for n in range(60))
    card.write_text(card.read_text(encoding="utf-8") + "\n## 补充记录\n\n" + long_part + "。\n", encoding="utf-8")
    index, _ = fresh_index
    index.update([cards_dir], builtin=False)
    from facilitator.library.cards import load_cards

    cards, _ = load_cards([cards_dir])
    ids = sorted(c.id for c in chunk_cards(cards))
    assert any(i.count("#") == 2 for i in ids)  # the long section was split into parts
    reloaded = CaseIndex(home, Settings(), embedder=e5).tables()
    assert reloaded is not None and sorted(reloaded.chunk_ids) == ids
    assert [reloaded.chunk_id(r) for r in range(reloaded.size)] == reloaded.chunk_ids
    assert "chunk_ids" not in json.loads((index_dir(home) / "search" / "rows.json").read_text(encoding="utf-8"))


def test_an_update_cut_short_is_finished_from_what_chromadb_holds(indexed: Indexed, home: Path, cards_dir: Path,
                                                                  e5: E5Embedder) -> None:
    """Updates normally take the collection's contents from the last tables; not after a cut."""
    index, _ = indexed
    col = index.collection()
    gone = "pipe-rust#situation"
    embeddings = col.get(ids=[gone], include=["embeddings"])["embeddings"]
    assert embeddings is not None
    vector = np.asarray(embeddings[0], dtype=np.float32)
    col.delete(ids=[gone])  # what a writer killed half-way may leave: one chunk gone, another in
    col.add(ids=["ghost#situation"], embeddings=[vector.tolist()], metadatas=[{"case_id": "ghost", "sha256": "0" * 64}])
    manifest = json.loads((index_dir(home) / MANIFEST).read_text(encoding="utf-8"))
    (index_dir(home) / MANIFEST).write_text(json.dumps({**manifest, "generation": None}), encoding="utf-8")
    index.close()
    card = cards_dir / "spec-unknown.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n补充：客户后来给了一份旧图纸。\n", encoding="utf-8")
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    ids = set(CaseIndex(home, Settings(), embedder=e5).collection().get()["ids"])
    assert gone in ids and "ghost#situation" not in ids and len(ids) == FIXTURE_CHUNKS


def test_an_edit_reads_only_the_changed_card(indexed: Indexed, home: Path, cards_dir: Path, e5: E5Embedder) -> None:
    """Cards whose file stats did not move are taken from the tables unread; the edited one is read."""
    quiet = cards_dir / "pipe-rust.md"  # changed behind the stats' back: an update that read it would see it
    stat = quiet.stat()
    quiet.write_text(quiet.read_text(encoding="utf-8").replace("钢管", "铁管"), encoding="utf-8")
    os.utime(quiet, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edited = cards_dir / "spec-unknown.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充：客户后来给了一份旧图纸。\n", encoding="utf-8")
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert report.updated == 1 and report.unchanged == FIXTURE_CHUNKS - 1 and report.chunks == FIXTURE_CHUNKS
    searcher = CaseSearcher(home, Settings(), embedder=e5)
    assert searcher.search("客户给了一份旧图纸", k=1, mode="lexical")[0].case_id == "spec-unknown"
    assert searcher.search("钢管 生锈", k=1, mode="lexical")[0].case_id == "pipe-rust"  # its old words, unread
    tables = CaseIndex(home, Settings(), embedder=e5).tables()
    assert tables is not None and tables.size == FIXTURE_CHUNKS
    # the meeting search's sections of the cards left unread came along from the last tables
    from facilitator.library.cards import load_cards

    parsed = {c.id: c for c in load_cards([cards_dir])[0]}
    light = {c.id: c for c in searcher.cards()}
    assert set(light) == set(parsed)
    for cid in ("video-budget", "spec-unknown"):
        for key in ("obstacle", "resolution", "lesson"):
            assert light[cid].sections.get(key, "").strip() == parsed[cid].sections.get(key, "").strip()
    assert light["spec-unknown"].sections and light["video-budget"].sections.get("resolution")
    again = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False, rebuild=True)
    assert again.chunks == FIXTURE_CHUNKS  # a rebuild reads every card
    assert CaseSearcher(home, Settings(), embedder=e5).search("铁管", k=1, mode="lexical")[0].case_id == "pipe-rust"


def test_edit_delete_and_add_touch_only_their_chunks(indexed: Indexed, cards_dir: Path) -> None:
    index, counting = indexed
    counting.passages = 0

    card = cards_dir / "pipe-rust.md"
    card.write_text(card.read_text(encoding="utf-8").replace("锈点消失。", "锈点消失，产线恢复。"), encoding="utf-8")
    report = index.update([cards_dir], builtin=False)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert counting.passages == 1

    (cards_dir / "spec-unknown.md").unlink()  # three sections
    report = index.update([cards_dir], builtin=False)
    assert (report.cards, report.added, report.updated, report.removed) == (5, 0, 0, 3)
    assert report.unchanged == FIXTURE_CHUNKS - 3
    assert counting.passages == 1

    extra = cards_dir / "sub" / "new-case.md"
    extra.parent.mkdir()
    extra.write_text("---\nid: new-case\ntitle: 新案例\n---\n## 背景\n仓库漏水。\n## 解决\n修屋顶。\n", encoding="utf-8")
    (cards_dir / "broken.md").write_text("---\ntitle: no id\n---\n## 背景\nx\n", encoding="utf-8")
    report = index.update([cards_dir], builtin=False)
    assert (report.cards, report.added, report.removed) == (6, 2, 0)
    assert len(report.errors) == 1 and "broken.md:1:" in report.errors[0]

    # small changes went into the search tables only: the chroma collection trails them
    # until an update brings it in step, with nothing embedded twice
    assert index.collection().count() == FIXTURE_CHUNKS
    passages = counting.passages
    report = index.update([cards_dir], builtin=False, defer=False)
    assert (report.added, report.updated, report.removed) == (2, 1, 3) and counting.passages == passages
    col = index.collection()
    assert col.count() == FIXTURE_CHUNKS - 3 + 2
    ids = set(col.get(include=[])["ids"])
    assert "new-case#situation" in ids and not any(i.startswith("spec-unknown#") for i in ids)
    docs = col.get(ids=["pipe-rust#resolution"], include=["documents"])["documents"]
    assert docs and "产线恢复" in docs[0]
    again = index.update([cards_dir], builtin=False)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, FIXTURE_CHUNKS - 3 + 2)


def test_rebuild_starts_over(indexed: Indexed, cards_dir: Path) -> None:
    index, counting = indexed
    report = index.update([cards_dir], builtin=False, rebuild=True)
    assert (report.added, report.unchanged, report.removed) == (FIXTURE_CHUNKS, 0, 0)
    assert counting.passages == 2 * FIXTURE_CHUNKS
    assert index.collection().count() == FIXTURE_CHUNKS


def test_builtin_corpus_included_unless_no_builtin(fresh_index: Indexed, cards_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(cards_dir / "video-budget.md", corpus)
    (cards_dir / "video-budget.md").unlink()
    monkeypatch.setattr("facilitator.library.index.corpus_dir", lambda: corpus)
    index, _ = fresh_index
    assert index.update([cards_dir]).cards == 6
    report = index.update([cards_dir], builtin=False)
    assert report.cards == 5 and report.removed == 5  # video-budget has five sections


def _search_top(home: Path, e5: E5Embedder, query: str) -> tuple[str, list[str]]:
    searcher = CaseSearcher(home, Settings(), embedder=e5)
    hits = searcher.search(query, k=3)
    return hits[0].case_id, searcher.notices


def test_deleted_index_dir_is_rebuilt_on_search(indexed: Indexed, home: Path, cards_dir: Path,
                                                e5: E5Embedder) -> None:
    shutil.rmtree(index_dir(home))
    # with the manifest gone the searcher cannot know the folders: pass them
    searcher = CaseSearcher(home, Settings(), libraries=[cards_dir], builtin=False, embedder=e5)
    hits = searcher.search("rust appears on steel pipes right after washing", k=3)
    assert hits[0].case_id == "pipe-rust"
    assert any("no index yet" in n for n in searcher.notices)
    assert CaseIndex(home, Settings(), embedder=e5).collection().count() == FIXTURE_CHUNKS


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_corrupt_sqlite_is_rebuilt_on_search(indexed: Indexed, home: Path, e5: E5Embedder,
                                             damage: str) -> None:
    index, _ = indexed
    db = index_dir(home) / "chroma.sqlite3"
    if damage == "truncate":
        with open(db, "r+b") as f:
            f.truncate(db.stat().st_size // 3)
    else:
        db.write_bytes(b"this is not a database" * 2000)
    index._forget_client()  # a new process would not have chromadb's cached handle either
    top, notices = _search_top(home, e5, "IT 说今年没有预算装视频会议系统")
    assert top == "video-budget"
    assert any("rebuilt the index" in n for n in notices), notices


def test_corrupt_sqlite_update_reports_and_recovers(indexed: Indexed, home: Path, cards_dir: Path,
                                                    e5: E5Embedder) -> None:
    index, _ = indexed
    db = index_dir(home) / "chroma.sqlite3"
    with open(db, "r+b") as f:
        f.truncate(4096)
    index._forget_client()
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert report.added == FIXTURE_CHUNKS
    assert any("unreadable" in n for n in report.notices), report.notices


def test_index_from_other_embedding_model_is_rebuilt(home: Path, cards_dir: Path, e5: E5Embedder,
                                                     fake_openai: FakeOpenAI) -> None:
    remote = Settings(embeddings="openai", llm_base_url=fake_openai.base_url, embeddings_model="fake-embed")
    other = CaseIndex(home, remote)
    assert isinstance(other.embedder, OpenAIEmbedder)
    report = other.update([cards_dir], builtin=False)
    assert report.added == FIXTURE_CHUNKS
    assert other.collection().metadata["dimension"] == 64
    assert "/v1/embeddings" in fake_openai.paths()

    top, notices = _search_top(home, e5, "供应商嫌订单量太小不愿意接")
    assert top == "supplier-small-order"
    assert any("openai:fake-embed" in n and "rebuilt" in n for n in notices), notices
    col = CaseIndex(home, Settings(), embedder=e5).collection()
    assert col.metadata["dimension"] == 384 and col.metadata["embedding_model"] == e5.name


def test_other_chromadb_version_is_rebuilt(indexed: Indexed, home: Path, cards_dir: Path) -> None:
    index, counting = indexed
    path = index_dir(home) / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["chromadb"] = "0.4.24"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    report = index.update([cards_dir], builtin=False)
    assert report.added == FIXTURE_CHUNKS
    assert any("chromadb 0.4.24" in n for n in report.notices)


def test_openai_embedder_against_fake_server(fake_openai: FakeOpenAI) -> None:
    emb = OpenAIEmbedder(Settings(embeddings="openai", llm_base_url=fake_openai.base_url,
                                  embeddings_model="fake-embed", llm_api_key=SecretStr("sk-test")))
    vectors = emb.embed_passages(["采购部", "production"])
    assert len(vectors) == 2 and len(vectors[0]) == 64 == emb.dimension
    assert emb.embed_query("采购部") == vectors[0]
    request = fake_openai.requests[-1]
    assert request.body["model"] == "fake-embed"
    assert request.headers["authorization"] == "Bearer sk-test"


def test_openai_embedder_errors_are_user_errors(fake_openai: FakeOpenAI) -> None:
    from facilitator.model import UserError

    with pytest.raises(UserError, match="OPENAI_BASE_URL"):
        OpenAIEmbedder(Settings(embeddings="openai"))
    emb = OpenAIEmbedder(Settings(embeddings="openai", llm_base_url=fake_openai.base_url, llm_retries=0))
    fake_openai.fail_next("/v1/embeddings", status=503)
    with pytest.raises(UserError, match="503"):
        emb.embed_query("x")


def test_e5_embedder_declares_its_real_dimension_and_modes(e5: E5Embedder) -> None:
    query = e5.embed_query("供应商不接小单")
    passage = e5.embed_passages(["供应商不接小单"])[0]
    assert len(query) == len(passage) == e5.dimension == 384
    assert query != passage  # "query: " and "passage: " prefixes really differ
    long = e5.embed_passages(["很长的一段文字。" * 400])[0]  # cut to the 512-token window
    assert len(long) == 384


def test_a_one_card_update_ranks_like_a_full_rebuild(indexed: Indexed, home: Path, cards_dir: Path,
                                                     e5: E5Embedder, tmp_path: Path) -> None:
    """The tables patched for one edited card give the same ranking and scores as tables
    rebuilt from every card (the BM25 statistics are applied at search time)."""
    card = cards_dir / "pipe-rust.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n补充：客户又把交期提前了一周，湿度还在涨。\n",
                    encoding="utf-8")
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    other = tmp_path / "other-home"
    CaseIndex(other, Settings(), embedder=e5).update([cards_dir], builtin=False, rebuild=True)
    queries = ["交期提前 湿度", "钢管生锈", "customer wants a video call but no budget", "供应商不愿意接小单"]
    for mode in ("lexical", "hybrid"):
        for query in queries:
            a = CaseSearcher(home, Settings(), embedder=e5).search(query, k=6, mode=mode)
            b = CaseSearcher(other, Settings(), embedder=e5).search(query, k=6, mode=mode)
            assert [(h.case_id, round(h.score, 6)) for h in a] == [(h.case_id, round(h.score, 6)) for h in b], query


def test_a_one_card_edit_patches_the_tables_in_place_as_a_rebuild_would_make_them(
        indexed: Indexed, home: Path, cards_dir: Path, e5: E5Embedder, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that keeps the card's id and sections is patched into the saved tables row by
    row (``SearchTables.with_cards``): no other card is read or re-derived, and every array
    comes out as a rebuild from all the cards makes it."""
    from facilitator.library import cards as cards_mod
    from facilitator.library import index as index_mod
    from facilitator.library.tables import SearchTables

    card = cards_dir / "video-budget.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("tags: [", "tags: [会议室, ", 1) + "\n补充：IT部后来同意先借一套旧设备。\n",
                    encoding="utf-8")
    before = CaseIndex(home, Settings(), embedder=e5).tables()
    assert before is not None
    hub_before = np.array(before.hub)
    read: list[str] = []
    real_parse = cards_mod.parse_card
    def parse(text: str, path: str) -> object:
        read.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(cards_mod, "parse_card", parse)
    monkeypatch.setattr(SearchTables, "build", None)  # the whole-library path is not taken
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    monkeypatch.undo()
    assert read == [str(card)]
    assert report.updated == 1 and report.unchanged == FIXTURE_CHUNKS - 1
    patched = CaseIndex(home, Settings(), embedder=e5).tables()
    assert patched is not None and patched.info["behind"]  # the collection catches up later
    other = tmp_path / "rebuilt"
    CaseIndex(other, Settings(), embedder=e5).update([cards_dir], builtin=False, rebuild=True)
    rebuilt = CaseIndex(other, Settings(), embedder=e5).tables()
    assert rebuilt is not None
    assert patched.chunk_ids == rebuilt.chunk_ids
    assert patched.build_rows(home / "index" / "search") == rebuilt.build_rows(other / "index" / "search")
    assert np.allclose(np.asarray(patched.vectors), np.asarray(rebuilt.vectors), atol=1e-6)
    # hubness: the edited card's rows as a rebuild finds them, the others kept (as any small update keeps them)
    rows = np.zeros(patched.size, dtype=bool)
    rows[list(patched.case_rows("video-budget"))] = True
    assert np.allclose(np.asarray(patched.hub)[rows], np.asarray(rebuilt.hub)[rows], atol=1e-5)
    assert np.array_equal(np.asarray(patched.hub)[~rows], hub_before[~rows])
    row_lang = np.asarray(patched.lexical.a["row_lang"])
    for code, lang in enumerate(patched.lexical.langs):
        assert np.allclose(patched.centroids[lang], rebuilt.centroids[lang], atol=1e-5)
        assert abs(patched.hub_mean[lang] - float(np.asarray(patched.hub)[row_lang == code].mean())) < 1e-5
    assert patched.summaries()["video-budget"] == rebuilt.summaries()["video-budget"]
    assert "会议室" in patched.cases[patched.case_index["video-budget"]].tags
    assert len(patched.lexical.side_rows)  # the edited texts' postings beside the saved ones
    for name in ("row_dl", "keys", "post_start", "post_rows", "post_tf"):  # merged, they are a rebuild's
        assert np.array_equal(np.asarray(patched.lexical.whole().a[name]), np.asarray(rebuilt.lexical.a[name])), name
    assert index_mod.EDIT_IN_PLACE >= 1
    hits = CaseSearcher(home, Settings(), embedder=e5).search("借一套旧设备 会议室", k=1, mode="lexical")
    assert hits[0].case_id == "video-budget"


def test_edits_in_place_write_only_their_rows_beside_the_saved_vectors(
        indexed: Indexed, home: Path, cards_dir: Path, e5: E5Embedder, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two one-card edits in a row: the saved vectors file is never rewritten (the same inode,
    hard-linked into each new set of tables); the edited rows go into a small side pair laid
    over it on load, and every reader sees what a rebuild from all the cards gives. A writer
    that fails half-way leaves the last complete tables in place; a damaged side pair is
    never read as tables."""
    from facilitator.library import tables as tables_mod
    from facilitator.library.tables import SearchTables

    folder = home / "index" / "search"
    inode = (folder / "vectors.npy").stat().st_ino
    for name, extra in (("video-budget", "\n补充：IT部后来同意先借一套旧设备。\n"),
                        ("pipe-rust", "\n补充：客户又把交期提前了一周，湿度还在涨。\n")):
        card = cards_dir / f"{name}.md"
        card.write_text(card.read_text(encoding="utf-8") + extra, encoding="utf-8")
        report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
        assert report.updated == 1
    assert (folder / "vectors.npy").stat().st_ino == inode
    side = np.load(folder / "vectors.rows.npy")
    patched = CaseIndex(home, Settings(), embedder=e5).tables()
    assert patched is not None
    edited = sorted([*patched.case_rows("video-budget"), *patched.case_rows("pipe-rust")])
    assert len(side) >= 2 and set(side.tolist()) <= set(edited)
    other = tmp_path / "rebuilt"
    CaseIndex(other, Settings(), embedder=e5).update([cards_dir], builtin=False, rebuild=True)
    rebuilt = CaseIndex(other, Settings(), embedder=e5).tables()
    assert rebuilt is not None
    assert np.allclose(np.asarray(patched.vectors), np.asarray(rebuilt.vectors), atol=1e-6)
    assert patched.summaries() == rebuilt.summaries()
    for query in ("借一套旧设备", "交期提前 湿度"):
        a = CaseSearcher(home, Settings(), embedder=e5).search(query, k=6)
        b = CaseSearcher(other, Settings(), embedder=e5).search(query, k=6)
        assert [(h.case_id, round(h.score, 6)) for h in a] == [(h.case_id, round(h.score, 6)) for h in b], query

    # a writer that fails before its rows.json: the tables before it are what a reader gets
    card = cards_dir / "video-budget.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n又补充：设备下周到。\n", encoding="utf-8")
    real = tables_mod._write_json

    def failing(path: Path, data: object) -> None:
        if path.name == "rows.json":
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(tables_mod, "_write_json", failing)
    with pytest.raises(OSError):
        CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    monkeypatch.undo()
    still = SearchTables.load(home / "index")
    assert still is not None and np.array_equal(np.asarray(still.vectors), np.asarray(patched.vectors))

    # a side pair that does not fit its matrix: no tables (the next update builds them again)
    np.save(folder / "vectors.patch.npy", np.zeros((len(side) + 1, 384), dtype=np.float32))
    assert SearchTables.load(home / "index") is None
    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    again = SearchTables.load(home / "index")
    assert again is not None and "设备下周到" in json.dumps(again.summaries()["video-budget"], ensure_ascii=False)


def test_an_unchanged_library_is_decided_from_the_stamp_without_decoding_the_rows(
        indexed: Indexed, home: Path, cards_dir: Path, e5: E5Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` indexes before every start: with no card file changed the update reads the
    tables' small stamp, not their rows; a stamp not written beside the rows.json there now
    (a writer cut short between the two) is not trusted, and a changed card is still seen."""
    from facilitator.library.tables import SearchTables

    CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    monkeypatch.setattr(SearchTables, "load", None)  # decoding the rows would fail the test
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert (report.cards, report.unchanged, report.updated) == (6, FIXTURE_CHUNKS, 0)
    monkeypatch.undo()

    rows = home / "index" / "search" / "rows.json"
    rows.write_bytes(rows.read_bytes())  # the same rows written again: the stamp no longer names this file
    loads: list[object] = []
    real = SearchTables.load

    def counted(cls: type[SearchTables], index: Path) -> SearchTables | None:
        loads.append(index)
        return real(index)

    monkeypatch.setattr(SearchTables, "load", classmethod(counted))
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert report.unchanged == FIXTURE_CHUNKS and loads
    card = cards_dir / "pipe-rust.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n补充：湿度还在涨。\n", encoding="utf-8")
    assert CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False).updated == 1


def test_saved_tables_are_swapped_in_whole(tmp_path: Path) -> None:
    """``files.exchange`` swaps two folders in one step (what ``SearchTables.save`` uses, so that a
    reader never finds the tables' folder missing)."""
    from facilitator.files import exchange

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("new", encoding="utf-8")
    (b / "x").write_text("old", encoding="utf-8")
    if not exchange(a, b):
        pytest.skip("no renameat2 exchange on this system")
    assert (b / "x").read_text(encoding="utf-8") == "new" and (a / "x").read_text(encoding="utf-8") == "old"
    assert not exchange(a, tmp_path / "missing")


def test_tables_saved_with_their_row_hashes_in_json_are_still_read(indexed: Indexed, home: Path, cards_dir: Path,
                                                                 e5: E5Embedder) -> None:
    """Older tables kept the row hashes in ``build.json``: an update reads them and carries every
    unchanged chunk over (nothing embedded again), and writes the arrays from then on."""
    from facilitator.library.tables import SearchTables

    folder = home / "index" / "search"
    hashes = SearchTables.load(home / "index")
    assert hashes is not None
    rows = hashes.build_rows(folder)
    assert len(rows["sha"]) == FIXTURE_CHUNKS and all(len(h) == 64 for h in rows["sha"] + rows["lexsha"])
    (folder / "build.json").write_text(json.dumps(rows), encoding="utf-8")
    for key in ("sha", "lexsha"):
        (folder / f"build_{key}.npy").unlink()
    card = cards_dir / "spec-unknown.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n补充：图纸后来补上了。\n", encoding="utf-8")
    report = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert report.updated == 1 and report.unchanged == FIXTURE_CHUNKS - 1
    assert (folder / "build_sha.npy").exists() and not (folder / "build.json").exists()
    again = SearchTables.load(home / "index")
    assert again is not None and again.build_rows(folder)["sha"][:3] == rows["sha"][:3]
