"""Small helpers shared by the library tests (no mocks: wrappers around the real things)."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.library.embed import Embedder
from facilitator.library.index import CaseIndex


class CountingEmbedder:
    """Delegates to a real embedder and counts how many texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.passages = 0
        self.queries = 0

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return self.inner.embed_query(text)


Indexed = tuple[CaseIndex, CountingEmbedder]
"""An index and the counting embedder it uses (the ``fresh_index`` and ``indexed`` fixtures)."""
