"""The numpy array types the search tables, the BM25 index and the searcher hand each other.

numpy is imported inside the functions that use it (the first TUI frame and ``--help``
stay fast), so these names exist for the type checker only: import them under
``TYPE_CHECKING``. Decoded JSON (``rows.json``) stays ``Any``: its shape is the file's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TypeAlias

    import numpy as np
    from numpy.typing import NDArray

    Floats: TypeAlias = NDArray[np.float32]
    """Vectors, similarities, shares: float32 throughout."""
    Doubles: TypeAlias = NDArray[np.float64]
    """What decides a near-tie (dense scores, win counts): float64, the same digits on every machine."""
    Ints: TypeAlias = NDArray[np.integer]
    """Row, case and term codes, counts and offsets, whatever their width."""
    Bools: TypeAlias = NDArray[np.bool_]
    Array: TypeAlias = NDArray[Any]
    """One of the tables' arrays, whichever of the above it is (``arrays["row_case"]``,
    ``arrays["vectors"]``): numpy's own spelling of an array of any dtype."""
    Vector: TypeAlias = Floats | Sequence[float]
    """One chunk's or query's embedding, as a model or chromadb hands it over."""
    ForwardRow: TypeAlias = tuple[NDArray[np.uint64], NDArray[np.uint32]]
    """One text's distinct term keys and their counts."""
