"""Offline by default: indexing and searching never open a socket beyond loopback."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library.index import CaseIndex
from facilitator.library.search import CaseSearcher

from .conftest import NetworkGuard


def test_guard_really_blocks_outside_hosts(no_network: NetworkGuard) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.com/", timeout=0.1)
    assert len(no_network.attempts) == 2
    no_network.attempts.clear()


def test_index_and_search_stay_on_this_machine(home: Path, cards_dir: Path, no_network: NetworkGuard) -> None:
    # a fresh embedder as the app would build it (not the session one), and chromadb in full
    settings = Settings()
    report = CaseIndex(home, settings).update([cards_dir], builtin=False)
    assert report.added == 26
    searcher = CaseSearcher(home, settings)
    assert searcher.search("rust appears on steel pipes right after washing", k=1)[0].case_id == "pipe-rust"
    assert searcher.search("供应商不接小单", k=1)[0].case_id == "supplier-small-order"
    assert no_network.attempts == []
