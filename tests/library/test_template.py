"""A new home copies the installation's ready index of the built-in cards instead of writing its own.

Each test builds its own template with the project's builder (real chromadb, the shipped
vectors) and points a new home at it, so these hold whether or not this environment's
own template exists.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library import template
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex
from facilitator.library.search import CaseSearcher
from facilitator.library.template_build import build
from facilitator.locations import index_dir

from .helpers import CountingEmbedder

READY = "started it from the installation's ready index"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest, n = build(tmp_path_factory.mktemp("install") / "corpus-index")
    assert n == 300
    return dest


@pytest.fixture
def ready(built: Path, tmp_path: Path) -> Path:
    """A private copy of the template, free to damage."""
    import shutil

    target = tmp_path / "corpus-index"
    shutil.copytree(built, target)
    return target


def test_new_home_copies_the_template_and_embeds_nothing(home: Path, ready: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=counting, template=ready).update([], builtin=True)
    assert any(READY in n for n in report.notices), report.notices
    assert (report.cards, report.added, report.unchanged) == (50, 300, 0)
    assert counting.passages == 0
    # an ordinary chromadb index from now on: chromadb opens it and holds every chunk
    assert CaseIndex(home, Settings(), embedder=e5).collection().count() == 300
    manifest = json.loads((index_dir(home) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["where"] == str(index_dir(home))
    searcher = CaseSearcher(home, Settings(), embedder=e5)
    assert searcher.search("钢管打磨清洗后马上生锈", k=3)[0].case_id == "pipe-rust-soft-water"
    assert searcher.notices == []
    again = CaseIndex(home, Settings(), embedder=counting, template=ready).update([], builtin=True)
    assert (again.added, again.unchanged, again.notices) == (0, 300, [])


def test_the_homes_own_cards_are_added_on_top(home: Path, ready: Path, cards_dir: Path, e5: E5Embedder) -> None:
    counting = CountingEmbedder(e5)
    report = CaseIndex(home, Settings(), embedder=counting, template=ready).update([cards_dir], builtin=True)
    assert any(READY in n for n in report.notices)
    # one fixture card has the id of a built-in one, and the home's own card wins
    assert report.added == report.chunks == 26 + 300 - 6
    assert counting.passages == 26  # only the six fixture cards
    assert CaseIndex(home, Settings(), embedder=e5).collection().count() == report.chunks
    hits = CaseSearcher(home, Settings(), embedder=e5).search("rust appears on steel pipes right after washing", k=5)
    assert {"pipe-rust", "pipe-rust-soft-water"} <= {h.case_id for h in hits}


def test_a_template_from_another_corpus_or_chromadb_is_not_used(home: Path, ready: Path, e5: E5Embedder) -> None:
    stamp = json.loads((ready / template.STAMP).read_text(encoding="utf-8"))
    stamp["chunks"] = stamp["chunks"][1:]  # as if a card had changed since the template was built
    (ready / template.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    report = CaseIndex(home, Settings(), embedder=e5, template=ready).update([], builtin=True)
    assert not any(READY in n for n in report.notices)
    assert any("building it from the cards" in n for n in report.notices)
    assert CaseIndex(home, Settings(), embedder=e5).collection().count() == 300


def test_no_template_for_an_existing_index_or_without_the_built_in_cards(home: Path, ready: Path, cards_dir: Path,
                                                                      e5: E5Embedder) -> None:
    report = CaseIndex(home, Settings(), embedder=e5, template=ready).update([cards_dir], builtin=False)
    assert not any(READY in n for n in report.notices) and report.chunks == 26
    report = CaseIndex(home, Settings(), embedder=e5, template=ready).update([cards_dir], builtin=True)
    assert not any(READY in n for n in report.notices)  # the home has an index: it is updated in place
    assert report.added == 300 - 6 and report.unchanged == 26


def test_a_damaged_template_is_repaired_like_any_index(home: Path, ready: Path, e5: E5Embedder) -> None:
    db = ready / "chroma.sqlite3"
    con = sqlite3.connect(db)
    con.execute("DELETE FROM embeddings WHERE rowid IN (SELECT rowid FROM embeddings LIMIT 5)")
    con.commit()
    con.close()
    report = CaseIndex(home, Settings(), embedder=e5, template=ready).update([], builtin=True)
    assert any(READY in n for n in report.notices)
    assert CaseIndex(home, Settings(), embedder=e5).collection().count() == 300
    hits = CaseSearcher(home, Settings(), embedder=e5).search("钢管打磨清洗后马上生锈", k=3)
    assert hits[0].case_id == "pipe-rust-soft-water"


def test_new_home_first_index_from_the_command_line(tmp_path: Path, e5: E5Embedder) -> None:
    """What `make run` does on a new home, as a whole process, with the ready index `make` built
    into this environment (the Makefile's READY target, which `make test` depends on)."""
    installed = template.default_dir()
    assert template.read_stamp(installed) is not None, f"no ready index at {installed}: run `make`"
    proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(tmp_path / "h"), "index"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert READY in proc.stderr
    assert proc.stdout.strip() == "50 cards, 300 chunks: 300 added, 0 updated, 0 removed, 0 unchanged"
    assert CaseIndex(tmp_path / "h", Settings(), embedder=e5).collection().count() == 300
