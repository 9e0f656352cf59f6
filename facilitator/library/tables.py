"""The search tables: everything a search reads, derived once per index update and saved beside it.

Parsing thousands of card files, tokenizing every chunk and rebuilding BM25 in every
process made a search's cost follow the size of the library. The index writer
(``CaseIndex.update``) therefore also writes, under ``index/search/``:

* ``rows.json``: the cases (front matter, no section text), the chunk ids in row order,
  the card files' stat signature, per-language centroids and hub means;
* ``build_sha.npy`` / ``build_lexsha.npy`` (``build.json`` in older tables): each row's chunk
  sha256 and lexical-text hash, fixed-width bytes (read only by the
  next update, to carry unchanged rows over without re-tokenizing or re-embedding);
* ``vectors.npy`` / ``hub.npy`` / ``row_case.npy`` / ``row_section.npy``: the chunk
  vectors, each chunk's hubness, and row -> case / section codes;
* ``lex_*.npy``: the inverted BM25 index (``lexical.InvertedIndex``);
* ``sections.json``: each case's stuck point, obstacle, resolution and lesson, for the
  meeting search and the coach (which would otherwise read every card file);
* ``basis.npy`` / ``projected.npy`` (large libraries only): the library's main directions
  and every vector projected on them, for the dense half's first pass.

* ``stamp.json``: what an update with no card changed needs (``STAMP``), so that it need
  not decode ``rows.json``.

Every array is memory-mapped on load, so opening the tables costs milliseconds and the
pages a search never touches are never read. Rows are grouped by case, in card order.

A save writes a new folder and swaps it in with one ``renameat2`` exchange: a reader finds
the old tables or the new ones, never half of either. A few cards edited in place
(``with_cards``) do not rewrite the large files: the new folder holds hard links to the
saved ``vectors.npy``, ``projected.npy``, ``sections.json`` and postings (never written
in place, so the old folder's readers keep valid maps), and beside them only what changed:
the edited rows of each matrix (``{name}.rows.npy`` / ``{name}.patch.npy``, laid over
the map on load), the edited cases' sections (``sections.patch.json``) and the edited
texts' postings (``lex_dead.npy`` / ``lex_side_*.npy``, see ``InvertedIndex.with_rows``).
Past ``OVERLAY_ROWS`` edited rows the next save writes everything whole again.
The tables are a cache of a cache: any doubt about them and the searcher asks the
index to rebuild them from the cards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from facilitator.files import exchange, file_id, link_same
from facilitator.library.cards import Chunk
from facilitator.library.lexical import InvertedIndex, TermKeys, forward_row, tokenize
from facilitator.model import Case

if TYPE_CHECKING:
    from facilitator.library.arrays import Array, Doubles, Floats, ForwardRow, Ints, Vector

DIR = "search"
FORMAT = 2
"""Layout of the tables; a reader that finds another format asks for a rebuild
(2: the postings hold raw term counts, BM25 weights are applied at search time)."""

SUMMARY_SECTIONS = ("stuck_point", "obstacle", "resolution", "lesson")
"""Sections kept per case in ``sections.json``: what the meeting search and the coach read."""

FIRST_PASS_ROWS = 20_000
"""From this many chunks on, the tables also hold each vector projected on its library's
``FIRST_PASS_DIM`` main directions, so that a search can read a third of the bytes to
find the rows worth scoring exactly (scoring 100k full vectors is memory-bound: ~10 ms)."""
FIRST_PASS_DIM = 128

OVERLAY_ROWS = 4096
"""A matrix saved with at most this many rows changed since its full file was written is saved
as that file (hard-linked into the new tables, never written to) plus the changed rows in a
small side pair (``{name}.rows.npy``, ``{name}.patch.npy``) that ``open_matrix`` lays over it:
a one-card edit writes kilobytes, not the 200 MB of the vectors. Past this many, the next save
writes the whole matrix again and the side pair is gone."""

HUB_NEIGHBOURS = 10
"""A chunk's hubness is its mean similarity to this many nearest chunks of other cases."""
HUB_SAMPLE = 2048
"""Neighbours are looked for among at most this many reference chunks (all of them in a
small library): exact below that size, a stable sample above it, so that a 100k-chunk
update costs seconds, not the hours of an all-pairs search."""


def lexical_text(chunk: Chunk, case: Case) -> str:
    """What BM25 indexes for a chunk: its text plus the card's tags and departments."""
    return " ".join([chunk.text, *case.tags, *case.departments])


def _case_row(case: Case) -> dict[str, Any]:
    """The case without its text (``asdict`` deep-copies the sections first: seconds at 16k cards)."""
    return {f: (list(v) if isinstance(v := getattr(case, f), list) else v) for f in _ROW_FIELDS}


def _case_rows(cases: list[Case], previous: SearchTables | None) -> list[dict[str, Any]]:
    """``_case_row`` of each case; a case taken unread from ``previous`` keeps its saved row."""
    if previous is None:
        return [_case_row(c) for c in cases]
    made, saved = previous.cases.made, previous.info["cases"]
    index = previous.case_index
    out = []
    for c in cases:
        i = index.get(c.id)
        out.append(saved[i] if i is not None and made.get(i) is c else _case_row(c))
    return out


_CASE_FIELDS = frozenset(f.name for f in fields(Case))
_ROW_FIELDS = tuple(f.name for f in fields(Case) if f.name != "sections")


def open_matrix(folder: Path, name: str) -> tuple[Floats, Ints]:
    """A saved float32 matrix, memory-mapped copy-on-write with its side rows laid over it
    (``OVERLAY_ROWS``), and those rows: only their pages are copied into the process."""
    import numpy as np

    matrix: Floats = np.load(folder / f"{name}.npy", mmap_mode="c")
    rows: Ints = np.zeros(0, dtype=np.int64)
    if (folder / f"{name}.rows.npy").exists():
        rows = np.load(folder / f"{name}.rows.npy")
        patch = np.load(folder / f"{name}.patch.npy")
        if patch.shape != (len(rows), matrix.shape[1]) or (len(rows) and int(rows.max()) >= matrix.shape[0]):
            raise ValueError(f"{name}: side rows do not fit the matrix")
        matrix[rows] = patch
    return matrix, rows


STAMP = "stamp.json"
"""What an update with no card changed needs to know of the tables, without decoding the 9 MB
of ``rows.json``: a digest of the card files' stats, the folders, model, counts and warnings,
and the stats of the very ``rows.json`` it was written beside and the sizes of the other files
(``read_stamp``)."""


def files_digest(files: Mapping[str, list[int]]) -> str:
    """A digest of a card-file signature (path -> [mtime_ns, size], in walk order)."""
    return hashlib.sha256(json.dumps(list(files.items())).encode()).hexdigest()


def _write_stamp(folder: Path, info: dict[str, Any], size: int, path: Path | None = None) -> None:
    st = os.stat(folder / "rows.json")
    sizes = {e.name: e.stat().st_size for e in os.scandir(folder) if e.is_file() and not e.name.startswith(".")
             and e.name not in (STAMP, "rows.json")}
    stamp = {"rows": [st.st_ino, st.st_size, st.st_mtime_ns], "sizes": sizes, "format": FORMAT, "size": size,
             "cases": len(info["cases"]), "files": files_digest(info.get("files") or {}),
             "folders": info.get("folders") or [], "embedding_model": info.get("embedding_model"),
             "vectors": "dimension" in info, "errors": info.get("errors"),
             "collection_count": int(info.get("collection_count", size))}
    _write_json(path or folder / STAMP, stamp)


def read_stamp(index_dir: Path) -> dict[str, Any] | None:
    """The stamp of the saved tables, when it was written beside the ``rows.json`` there now
    (a writer cut short between the two leaves a stamp that is not read)."""
    folder = index_dir / DIR
    try:
        stamp = _read_json(folder / STAMP)
        st = os.stat(folder / "rows.json")
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("rows") != [st.st_ino, st.st_size, st.st_mtime_ns]:
        return None
    for name, size in (stamp.get("sizes") or {}).items():  # every file of the tables still there, whole
        try:
            if os.stat(folder / name).st_size != size:
                return None
        except OSError:
            return None
    return stamp if stamp.get("format") == FORMAT and stamp.get("sizes") else None


def _read_json(path: Path) -> Any:
    """A saved JSON file, decoded by orjson when it is there (rows.json is 9 MB at 100k chunks:
    the stdlib took a fifth of a second of a fresh process's first search, orjson a third of it)."""
    data = path.read_bytes()
    try:
        import orjson
    except ImportError:
        return json.loads(data)
    return orjson.loads(data)


def _write_json(path: Path, data: Any) -> None:
    """Write ``data`` as UTF-8 JSON (orjson when it is there and takes it, else the stdlib)."""
    try:
        import orjson

        path.write_bytes(orjson.dumps(data))
        return
    except (ImportError, TypeError):
        pass
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _case_from(row: dict[str, Any]) -> Case:
    return Case(**{k: v for k, v in row.items() if k in _CASE_FIELDS})


class _Cases(Sequence[Case]):
    """The cases of the tables, each made from its saved row when first asked for: a search
    reads ten of 16,000, and making them all cost a tenth of a fresh process's first search."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows
        self._made: dict[int, Case] = {}
        self._fields: dict[str, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def made(self) -> dict[int, Case]:
        """The cases made so far, by index."""
        return self._made

    @overload
    def __getitem__(self, i: int) -> Case: ...

    @overload
    def __getitem__(self, i: slice) -> list[Case]: ...

    def __getitem__(self, i: int | slice) -> Case | list[Case]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._rows)
        case = self._made.get(i)
        if case is None:
            case = self._made[i] = _case_from(self._rows[i])
        return case

    def field(self, name: str) -> list[Any]:
        """One front-matter field of every case, without making the cases (made once per field:
        every search reads the kinds and languages, 8 ms a search at 16k cards when remade)."""
        if name not in self._fields:
            self._fields[name] = [r.get(name) for r in self._rows]
        return self._fields[name]


class SearchTables:
    """The loaded (or freshly built) tables of one library."""

    def __init__(self, info: dict[str, Any], arrays: dict[str, Array], lexical: InvertedIndex,
                 build: dict[str, list[str]] | None = None, summaries: dict[str, dict[str, str]] | None = None,
                 folder: Path | None = None) -> None:
        import numpy as np

        self.info = info
        self._summaries = summaries
        self._summary_base: Path | None = folder / "sections.json" if folder is not None else None
        """The saved ``sections.json`` the summaries are read from when first asked for, with
        ``_summary_patch`` (the cases edited since it was written, ``sections.patch.json``) over it."""
        self._summary_patch: dict[str, dict[str, str]] = {}
        self._folder = folder
        self._patches: dict[str, tuple[Path, Ints]] = {}
        """Arrays that are a saved file with some rows changed: (that file, every row that differs
        from it, side rows included); ``save`` links the file and writes those rows beside it."""
        self._laid: dict[str, Ints] = {}
        """Per matrix loaded with a side pair, its rows (``open_matrix``)."""
        self._ids: dict[str, tuple[int, int] | None] = {}
        """Saved files these tables were read from -> their (device, inode) then: ``save`` links
        only a file that is still the one read (``files.link_same``)."""
        self._row_lists: tuple[list[str], list[int]] | None = None
        self.cases = _Cases(info["cases"])
        self.case_index = {r["id"]: i for i, r in enumerate(info["cases"])}
        self._chunk_ids: list[str] | None = info.get("chunk_ids")
        self.chunk_part = arrays.get("chunk_part")
        self.sections: list[str] = info["sections"]
        self.row_case = arrays["row_case"]
        self.row_section = arrays["row_section"]
        self.vectors = arrays.get("vectors")
        self.hub = arrays.get("hub")
        self.basis = arrays.get("basis")
        self.projected = arrays.get("projected")
        self.lexical = lexical
        self._build = build
        self._sha_by_chunk: dict[str, str] | None = None
        self.centroids = {lang: np.asarray(v, dtype=np.float32) for lang, v in (info.get("centroids") or {}).items()}
        self.hub_mean: dict[str, float] = dict(info.get("hub_mean") or {})
        counts = np.bincount(np.asarray(self.row_case, dtype=np.int64), minlength=len(self.cases))
        self.case_start = np.zeros(len(self.cases) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.case_start[1:])

    # -- facts ----------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return len(self.row_case)

    def chunk_id(self, row: int) -> str:
        """The id of the chunk in ``row`` (``case#section``, ``#n`` for a long section's n-th part)."""
        if self._chunk_ids is not None:
            return self._chunk_ids[row]
        assert self.chunk_part is not None  # tables without it keep their ids in rows.json
        case = self.info["cases"][int(self.row_case[row])]["id"]
        part = int(self.chunk_part[row])
        return f"{case}#{self.sections[int(self.row_section[row])]}" + (f"#{part}" if part else "")

    @property
    def chunk_ids(self) -> list[str]:
        """Every row's chunk id (made on demand: a search needs ten, an index update all)."""
        if self._chunk_ids is None:
            import numpy as np

            assert self.chunk_part is not None
            cases = [r["id"] for r in self.info["cases"]]
            self._chunk_ids = [
                f"{cases[c]}#{self.sections[s]}" + (f"#{p}" if p else "")
                for c, s, p in zip(np.asarray(self.row_case).tolist(), np.asarray(self.row_section).tolist(),
                                   np.asarray(self.chunk_part).tolist(), strict=True)]
        return self._chunk_ids

    @property
    def collection_count(self) -> int:
        """Chunks the embedded chroma collection holds: ``size`` unless it trails the tables
        (``info["behind"]``, see ``index.LAG_LIMIT``)."""
        return int(self.info.get("collection_count", self.size))

    @property
    def files(self) -> dict[str, list[int]]:
        return dict(self.info.get("files") or {})

    @property
    def folders(self) -> list[str]:
        return list(self.info.get("folders") or [])

    @property
    def embedding_model(self) -> str | None:
        return self.info.get("embedding_model")

    def has_summaries(self) -> bool:
        return self._summaries is not None or (self._summary_base is not None and self._summary_base.exists())

    def summaries(self) -> dict[str, dict[str, str]]:
        """Case id -> the sections the meeting search and the coach read (``SUMMARY_SECTIONS``),
        so they need not read 16,000 card files; empty when these tables have none."""
        if self._summaries is None:
            try:
                assert self._summary_base is not None
                self._summaries = _read_json(self._summary_base)
                self._summaries.update(self._summary_patch)
            except (AssertionError, OSError, ValueError):
                self._summaries = {}
        return self._summaries

    def build_rows(self, folder: Path | None = None) -> dict[str, list[str]]:
        """Each row's chunk sha256 and lexical hash (loaded on demand: only updates need them)."""
        if self._build is None:
            if folder is None:
                return {"sha": [], "lexsha": []}
            if (folder / "build_sha.npy").exists():
                self._build = {key: _hashes_from(folder / f"build_{key}.npy") for key in ("sha", "lexsha")}
            else:  # tables written before the hashes were kept as arrays
                self._build = json.loads((folder / "build.json").read_text(encoding="utf-8"))
        return self._build

    def sha_by_chunk(self, folder: Path | None = None) -> dict[str, str]:
        """Chunk id -> its sha256 (a fresh dict each time; the first call builds it)."""
        if self._sha_by_chunk is None:
            self._sha_by_chunk = dict(zip(self.chunk_ids, self.build_rows(folder)["sha"], strict=True))
        return dict(self._sha_by_chunk)

    def vector_by_sha(self, folder: Path | None = None) -> dict[str, Vector]:
        """Chunk sha256 -> its stored vector, to carry unchanged chunks into the next build."""
        if self.vectors is None:
            return {}
        shas = self.build_rows(folder)["sha"]
        return {sha: self.vectors[i] for i, sha in enumerate(shas)}

    def known_cards(self) -> dict[str, tuple[list[int], Case]]:
        """Card path -> its stats when these tables were built and its case (no sections), for
        ``load_cards(known=...)``: an update reads only the files that changed."""
        files = self.files
        out: dict[str, tuple[list[int], Case]] = {}
        for i, row in enumerate(self.info["cases"]):
            path = row.get("path")
            if path and path in files:
                out[path] = (files[path], self.cases[i])
        return out

    def case_rows(self, case_id: str) -> range:
        """The rows of a case (rows are grouped by case)."""
        ci = self.case_index[case_id]
        start = self._row_lists[1] if self._row_lists is not None else self.case_start.tolist()
        return range(start[ci], start[ci + 1])

    def known_chunks(self, case: Case, folder: Path | None = None) -> list[Chunk]:
        """The chunks of a case as these tables hold them: ids, sections and hashes, no text
        (``build`` carries their tokens over from these tables by row)."""
        import numpy as np

        ci = self.case_index[case.id]
        shas = self.build_rows(folder)["sha"]
        if self._row_lists is None:  # plain lists: indexing numpy arrays row by row is slow
            self._row_lists = ([self.sections[i] for i in np.asarray(self.row_section).tolist()],
                               self.case_start.tolist())
        sections, start = self._row_lists
        ids, case_id, lang = self.chunk_ids, case.id, case.lang
        # positional: 100k chunks of unchanged cards are made on a one-card edit
        return [Chunk(ids[r], case_id, sections[r], "", shas[r], lang) for r in range(start[ci], start[ci + 1])]

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        cases: list[Case],
        chunks: list[Chunk],
        vectors: Mapping[str, Vector] | None,
        *,
        previous: SearchTables | None = None,
        previous_dir: Path | None = None,
        files: dict[str, list[int]] | None = None,
        folders: list[str] | None = None,
        embedding_model: str | None = None,
        tokenizer: Callable[[str], list[str]] = tokenize,
        carried: Mapping[str, int] | None = None,
    ) -> SearchTables:
        """Tables for these chunks; ``vectors`` maps chunk sha256 -> vector (None: keywords only).

        Rows of ``previous`` whose lexical text is unchanged keep their tokens, and
        their hubness when the library changed by less than a tenth. ``carried`` (chunk
        id -> row of ``previous``) names chunks read from ``previous`` without their text
        (``known_chunks``): their row is taken over as it is.
        """
        import numpy as np

        order = {c.id: i for i, c in enumerate(cases)}
        chunks = sorted(chunks, key=lambda ch: order[ch.case_id])  # stable: rows grouped by case
        sections = sorted({ch.section for ch in chunks})
        section_code = {s: i for i, s in enumerate(sections)}
        lexshas, lexical = _lexical_rows(cases, chunks, previous, previous_dir, tokenizer, carried)
        arrays: dict[str, Array] = {
            "row_case": np.array([order[ch.case_id] for ch in chunks], dtype=np.int32),
            "row_section": np.array([section_code[ch.section] for ch in chunks], dtype=np.int16),
        }
        parts = [_part(ch) for ch in chunks]
        if all(part is not None for part in parts):  # ids follow from case, section and part: 4 MB less JSON at 100k
            arrays["chunk_part"] = np.array(parts, dtype=np.int32)
        info: dict[str, Any] = {
            "format": FORMAT,
            "embedding_model": embedding_model,
            "cases": _case_rows(cases, previous),
            "sections": sections,
            "langs": lexical.langs,
            "files": files or {},
            "folders": folders or [],
        }
        if "chunk_part" not in arrays:
            info["chunk_ids"] = [ch.id for ch in chunks]
        patches: dict[str, tuple[Path, Ints]] = {}  # array -> (the saved file it patches, rows changed)
        if vectors is not None and chunks and all(ch.sha256 in vectors for ch in chunks):
            _dense_arrays(chunks, vectors, previous, previous_dir, arrays, info, patches)
        build = {"sha": [ch.sha256 for ch in chunks], "lexsha": lexshas}
        unread = {ch.case_id for ch in chunks if carried and ch.id in carried}
        before = previous.summaries() if unread and previous is not None else {}
        summaries = {c.id: (before.get(c.id, {}) if c.id in unread else
                            {k: c.sections[k] for k in SUMMARY_SECTIONS if c.sections.get(k, "").strip()})
                     for c in cases}
        tables = cls(info, arrays, lexical, build, summaries)
        tables._patches = patches
        tables._ids = previous._ids if previous is not None else {}
        return tables

    def _moved_means(self, langs: list[str], row_lang: Ints, rows_changed: Ints, old: Floats, new: Floats,
                     hub: Floats) -> tuple[dict[str, list[float]], dict[str, float]]:
        """Each language's centroid and hub mean moved by what the changed rows changed (the
        difference over the language's row count), so an edit need not average every row again."""
        import numpy as np

        centroids = {lang: list(v) for lang, v in (self.info.get("centroids") or {}).items()}
        hub_mean = dict(self.info.get("hub_mean") or {})
        old_hub = np.asarray(self.hub)
        for code, lang in enumerate(langs):
            count = int(np.count_nonzero(row_lang == code))
            mine = row_lang[rows_changed] == code
            if not count or not mine.any() or lang not in centroids:
                continue
            moved = (new[mine] - old[mine]).sum(axis=0) / count
            centroids[lang] = (np.asarray(centroids[lang], dtype=np.float64) + moved).round(6).tolist()
            hub_mean[lang] = float(hub_mean.get(lang, 0.0)) + float(
                (hub[rows_changed[mine]] - old_hub[rows_changed[mine]]).sum()) / count
        return centroids, hub_mean

    def with_cards(self, edits: list[tuple[Case, list[Chunk]]], vectors: Mapping[str, Vector],
                   files: dict[str, list[int]], tokenizer: Callable[[str], list[str]] = tokenize,
                   ) -> SearchTables | None:
        """These tables with a few cards edited in place: each card keeps its id, language and
        chunk ids (the same rows), only its front matter and texts change. Every array is
        patched, not derived again: the changed rows' vectors, projections, hubness and tokens
        (``save`` links the saved files and writes only those rows beside them), the centroids and hub
        means moved by the difference. ``vectors`` maps the new chunks' sha256 -> vector (the
        unchanged chunks need none). None when an edit does not fit (the caller rebuilds)."""
        import numpy as np

        folder = self._folder
        if folder is None or self.vectors is None or self.hub is None or not (folder / "vectors.npy").exists():
            return None
        build = self.build_rows(folder)
        shas, lexshas = list(build["sha"]), list(build["lexsha"])
        row_lang = np.asarray(self.lexical.a["row_lang"])
        langs = self.lexical.langs
        cases = list(self.info["cases"])
        summary_patch = dict(self._summary_patch)  # the saved sections.json is not read: 17 MB at 100k chunks
        changed: list[int] = []
        fresh: dict[int, ForwardRow] = {}
        keys = TermKeys()
        for case, chunks in edits:
            ci = self.case_index.get(case.id)
            if ci is None or case.lang not in langs:
                return None
            rows = range(int(self.case_start[ci]), int(self.case_start[ci + 1]))
            if [c.id for c in chunks] != [self.chunk_id(r) for r in rows] or any(
                    int(row_lang[r]) != langs.index(case.lang) for r in rows):
                return None
            for row, chunk in zip(rows, chunks, strict=True):
                text = lexical_text(chunk, case)
                lexsha = hashlib.sha256(f"{chunk.lang}\x00{text}".encode()).hexdigest()
                if lexsha != lexshas[row]:
                    fresh[row] = forward_row(chunk.lang, tokenizer(text), keys)
                    lexshas[row] = lexsha
                if chunk.sha256 != shas[row]:
                    if chunk.sha256 not in vectors:
                        return None
                    changed.append(row)
                    shas[row] = chunk.sha256
            cases[ci] = {**_case_row(case), "path": case.path or cases[ci].get("path")}
            summary_patch[case.id] = {k: case.sections[k] for k in SUMMARY_SECTIONS if case.sections.get(k, "").strip()}
        rows_changed = np.array(sorted(changed), dtype=np.int64)
        lexical = self.lexical
        if fresh:
            lexical = self.lexical.with_rows(fresh)
        arrays: dict[str, Array] = {"row_case": self.row_case, "row_section": self.row_section}
        if self.chunk_part is not None:
            arrays["chunk_part"] = self.chunk_part
        patches: dict[str, tuple[Path, Ints]] = {}
        info = {**self.info, "cases": cases, "files": files}
        if len(rows_changed):
            matrix, laid = open_matrix(folder, "vectors")
            old = np.asarray(matrix[rows_changed], dtype=np.float32)
            new = np.stack([np.asarray(vectors[shas[int(r)]], dtype=np.float32) for r in rows_changed])
            matrix[rows_changed] = new
            patches["vectors"] = (folder / "vectors.npy", np.union1d(laid, rows_changed))
            carried = np.arange(self.size)
            carried[rows_changed] = -1
            hub = _hubness(matrix, self.row_case, shas, self, folder, carried)
            if self.projected is not None and self.basis is not None and (folder / "projected.npy").exists():
                projected, laid = open_matrix(folder, "projected")
                projected[rows_changed] = new @ np.asarray(self.basis)
                arrays["basis"], arrays["projected"] = np.asarray(self.basis), projected
                patches["projected"] = (folder / "projected.npy", np.union1d(laid, rows_changed))
            info["centroids"], info["hub_mean"] = self._moved_means(langs, row_lang, rows_changed, old, new, hub)
            arrays["vectors"], arrays["hub"] = matrix, hub
        else:
            arrays["vectors"], arrays["hub"] = self.vectors, self.hub
            if self.projected is not None and self.basis is not None:
                arrays["basis"], arrays["projected"] = np.asarray(self.basis), self.projected
                if (folder / "projected.npy").exists():
                    patches["projected"] = (folder / "projected.npy", self._laid.get("projected", rows_changed))
            patches["vectors"] = (folder / "vectors.npy", self._laid.get("vectors", rows_changed))
        tables = type(self)(info, arrays, lexical, {"sha": shas, "lexsha": lexshas},
                            {**self._summaries, **summary_patch} if self._summaries is not None else None)
        tables._summary_base, tables._summary_patch = self._summary_base, summary_patch
        tables._ids = self._ids
        tables._patches = patches
        return tables

    # -- storing --------------------------------------------------------------------------

    def save(self, index_dir: Path) -> None:
        """Write to ``index_dir/search`` atomically: a reader sees the old tables or the new ones."""
        import numpy as np

        target = index_dir / DIR
        tmp = index_dir / f".{DIR}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        np.save(tmp / "row_case.npy", np.asarray(self.row_case))
        np.save(tmp / "row_section.npy", np.asarray(self.row_section))
        if self.chunk_part is not None:
            np.save(tmp / "chunk_part.npy", np.asarray(self.chunk_part))
        if self.vectors is not None:
            self._save_array(tmp, "vectors", self.vectors)
            np.save(tmp / "hub.npy", np.asarray(self.hub, dtype=np.float32))
            if self.basis is not None and self.projected is not None:
                np.save(tmp / "basis.npy", np.asarray(self.basis, dtype=np.float32))
                self._save_array(tmp, "projected", self.projected)
        self.lexical.save(tmp)
        build = self.build_rows()
        if not all(_save_hashes(tmp / f"build_{key}.npy", build[key]) for key in ("sha", "lexsha")):
            for key in ("sha", "lexsha"):  # never half a pair
                (tmp / f"build_{key}.npy").unlink(missing_ok=True)
            _write_json(tmp / "build.json", build)
        base = self._summary_base
        if (self._summaries is None and base is not None and len(self._summary_patch) <= OVERLAY_ROWS
                and link_same(base, tmp / "sections.json", self._ids.get(str(base)))):  # unread: linked, edits beside
            if self._summary_patch:
                _write_json(tmp / "sections.patch.json", self._summary_patch)
        else:
            _write_json(tmp / "sections.json", self.summaries())
        # rows.json last: its presence marks a complete set of files
        _write_json(tmp / "rows.json", self.info)
        _write_stamp(tmp, self.info, self.size)
        old = tmp  # swapped in one step, the old tables are where the new ones were written
        if not (target.exists() and exchange(tmp, target)):
            old = index_dir / f".{DIR}.{os.getpid()}.old"
            with contextlib.suppress(FileNotFoundError):
                os.replace(target, old)
            os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)

    def _save_array(self, folder: Path, name: str, array: Array) -> None:
        """Save a float32 matrix; one that is a saved file with at most ``OVERLAY_ROWS`` rows
        changed is hard-linked as it is, and those rows go into its side pair (``open_matrix``)."""
        import numpy as np

        patch = self._patches.get(name)
        if patch is not None and len(patch[1]) <= OVERLAY_ROWS and link_same(
                patch[0], folder / f"{name}.npy", self._ids.get(str(patch[0]))):
            rows = patch[1]
            if len(rows):
                rows = np.asarray(rows, dtype=np.int64)
                np.save(folder / f"{name}.rows.npy", rows)
                np.save(folder / f"{name}.patch.npy", np.ascontiguousarray(array[rows], dtype=np.float32))
            return
        np.save(folder / f"{name}.npy", np.ascontiguousarray(array, dtype=np.float32))

    def save_info(self, index_dir: Path) -> None:
        """Rewrite only ``rows.json`` (atomically), for a change that touches no array."""
        path = index_dir / DIR / "rows.json"
        tmp = path.with_name(f".rows.json.{os.getpid()}.tmp")
        try:
            _write_json(tmp, self.info)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        self.save_stamp(index_dir)

    def save_stamp(self, index_dir: Path) -> None:
        """(Re)write the stamp of the saved tables (``STAMP``), e.g. for tables saved without one."""
        folder = index_dir / DIR
        tmp = folder / f".{STAMP}.{os.getpid()}.tmp"
        _write_stamp(folder, self.info, self.size, tmp)
        os.replace(tmp, folder / STAMP)

    @classmethod
    def load(cls, index_dir: Path) -> SearchTables | None:
        """The saved tables, memory-mapped; None when missing, partial, damaged or of another format.
        Every file is of one set: a writer that swapped in new tables meanwhile (the ``rows.json``
        read first is no longer the one there) makes it read them again."""
        folder = index_dir / DIR
        for _ in range(3):
            rows = file_id(folder / "rows.json")
            tables = cls._load(folder)
            if file_id(folder / "rows.json") == rows:
                return tables
        return None

    @classmethod
    def _load(cls, folder: Path) -> SearchTables | None:
        import numpy as np

        try:
            info = _read_json(folder / "rows.json")
            if not isinstance(info, dict) or info.get("format") != FORMAT:
                return None
            arrays: dict[str, Array] = {name: np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r"))
                                      for name in ("row_case", "row_section")}
            laid: dict[str, Ints] = {}
            ids = {str(folder / name): file_id(folder / name) for name in ("vectors.npy", "projected.npy", "sections.json")}
            if (folder / "vectors.npy").exists():
                arrays["vectors"], laid["vectors"] = open_matrix(folder, "vectors")
                arrays["hub"] = np.asarray(np.load(folder / "hub.npy", mmap_mode="r"))
                if (folder / "projected.npy").exists():
                    arrays["basis"] = np.load(folder / "basis.npy")
                    arrays["projected"], laid["projected"] = open_matrix(folder, "projected")
            lexical = InvertedIndex.load(folder, list(info["langs"]))
            if "chunk_ids" not in info:
                arrays["chunk_part"] = np.asarray(np.load(folder / "chunk_part.npy", mmap_mode="r"))
            n = len(info["chunk_ids"]) if "chunk_ids" in info else len(arrays["chunk_part"])
            if len(arrays["row_case"]) != n or lexical.size != n or (
                "vectors" in arrays and arrays["vectors"].shape[0] != n
            ) or ("projected" in arrays and (arrays["projected"].shape != (n, arrays["basis"].shape[1])
                                             or arrays["basis"].shape[0] != arrays["vectors"].shape[1])):
                return None
            tables = cls(info, arrays, lexical, folder=folder)
            tables._laid = laid
            tables._ids = ids
            if (folder / "sections.patch.json").exists():
                tables._summary_patch = _read_json(folder / "sections.patch.json")
            return tables
        except (OSError, ValueError, KeyError, TypeError):
            return None


HASH_CHARS = 64
"""A sha256 in hex: the row hashes are saved as fixed-width bytes (``build_*.npy``), which
load and save in milliseconds where JSON of 200k strings took a quarter of a second each way."""


def _save_hashes(path: Path, hashes: list[str]) -> bool:
    """Save row hashes as fixed-width ASCII; False (nothing written) if one is not a sha256 in hex."""
    import numpy as np

    joined = "".join(hashes)
    if (hashes and set(map(len, hashes)) != {HASH_CHARS}) or not joined.isascii():
        return False
    np.save(path, np.frombuffer(joined.encode("ascii"), dtype=f"S{HASH_CHARS}"))
    return True


def _hashes_from(path: Path) -> list[str]:
    import numpy as np

    text = np.load(path).tobytes().decode("ascii")
    return [text[i : i + HASH_CHARS] for i in range(0, len(text), HASH_CHARS)]


def _lexical_rows(cases: list[Case], chunks: list[Chunk], previous: SearchTables | None, previous_dir: Path | None,
                  tokenizer: Callable[[str], list[str]], carried: Mapping[str, int] | None,
                  ) -> tuple[list[str], InvertedIndex]:
    """Each row's lexical hash and the BM25 index of the rows: rows of ``previous`` with the
    same text keep their tokens, and a few changed cards patch its index rather than rebuild it."""
    by_id = {c.id: c for c in cases}
    lexshas: list[str] = []
    sources: list[int | None] = []  # per row: the row of ``previous`` whose tokens it takes over
    fresh: dict[int, ForwardRow] = {}  # per row tokenized now: its forward row
    keys = TermKeys()
    old_rows: dict[str, int] = {}
    if previous is not None and tokenizer is tokenize:
        old_rows = {h: i for i, h in enumerate(previous.build_rows(previous_dir)["lexsha"])}
    old_lexsha: list[str] = previous.build_rows(previous_dir)["lexsha"] if carried and previous else []
    taken: set[int] = set()
    for i, ch in enumerate(chunks):
        row = carried.get(ch.id) if carried else None
        if row is not None and previous is not None:
            lexshas.append(old_lexsha[row])
        else:
            text = lexical_text(ch, by_id[ch.case_id])
            lexsha = hashlib.sha256(f"{ch.lang}\x00{text}".encode()).hexdigest()
            lexshas.append(lexsha)
            row = old_rows.get(lexsha) if previous is not None else None
            if row is None:
                fresh[i] = forward_row(ch.lang, tokenizer(text), keys)
        if row is not None and previous is not None and row in taken:  # the same text twice
            fresh[i] = previous.lexical.forward(row)
            row = None
        if row is not None:
            taken.add(row)
        sources.append(row)
    langs_of_rows = [ch.lang for ch in chunks]
    if previous is not None and len(fresh) <= max(len(chunks) // 4, 1):
        # a few cards changed: patch the old index instead of re-deriving all of it
        patched = InvertedIndex.patched(previous.lexical, sources, fresh, langs_of_rows)
        if patched is not None:
            return lexshas, patched
    rows: list[ForwardRow] = []
    for i, source in enumerate(sources):
        if source is None:
            rows.append(fresh[i])
        else:
            assert previous is not None
            rows.append(previous.lexical.forward(source))
    return lexshas, InvertedIndex.build(rows, langs_of_rows)


def _dense_arrays(chunks: list[Chunk], vectors: Mapping[str, Vector],
                  previous: SearchTables | None, previous_dir: Path | None, arrays: dict[str, Array],
                  info: dict[str, Any], patches: dict[str, tuple[Path, Ints]]) -> None:
    """The vectors, hubness, first-pass projection and language centroids of the rows, into
    ``arrays`` and ``info``; rows of ``previous`` holding the same chunk text keep theirs."""
    import numpy as np

    vec_src = np.full(len(chunks), -1, dtype=np.int64)
    if previous is not None and previous.vectors is not None:
        old_sha = {sha: i for i, sha in enumerate(previous.build_rows(previous_dir)["sha"])}
        vec_src = np.fromiter((old_sha.get(ch.sha256, -1) for ch in chunks), dtype=np.int64, count=len(chunks))
    same = np.flatnonzero(vec_src >= 0)
    other = np.flatnonzero(vec_src < 0)
    dim = int(np.asarray(vectors[chunks[0].sha256]).shape[0])
    # no row moved (an edit): start from the saved file, mapped copy-on-write, and
    # let ``save`` copy it and write only the changed rows
    source = previous._folder if previous is not None else None
    aligned = (source is not None and previous is not None and previous.vectors is not None
               and previous.size == len(chunks) and previous.vectors.shape[1] == dim
               and np.array_equal(vec_src[same], same) and (source / "vectors.npy").exists())
    if aligned and source is not None:
        matrix, laid = open_matrix(source, "vectors")
        patches["vectors"] = (source / "vectors.npy", np.union1d(laid, other))
    else:
        matrix = np.empty((len(chunks), dim), dtype=np.float32)
        if len(same) and previous is not None and previous.vectors is not None:
            matrix[same] = np.asarray(previous.vectors)[vec_src[same]]
    for row in other.tolist():
        matrix[row] = np.asarray(vectors[chunks[row].sha256], dtype=np.float32)
    arrays["vectors"] = matrix
    info["dimension"] = dim
    hub = arrays["hub"] = _hubness(matrix, arrays["row_case"], [ch.sha256 for ch in chunks], previous,
                                   previous_dir, vec_src)
    if len(chunks) >= FIRST_PASS_ROWS:
        _first_pass_arrays(matrix, previous, source if aligned else None, vec_src, arrays, patches)
    centroids: dict[str, list[float]] = {}
    hub_mean: dict[str, float] = {}
    langs = np.array([ch.lang for ch in chunks])
    for lang in sorted(set(langs.tolist())):
        mask = langs == lang
        # summed row by row in float64 (no BLAS): the same digits on every machine
        total: Doubles = np.sum(matrix, axis=0, dtype=np.float64, where=mask[:, None])
        centroids[lang] = (total / max(int(mask.sum()), 1)).round(6).tolist()
        hub_mean[lang] = float(hub[mask].mean(dtype=np.float64))
    info["centroids"], info["hub_mean"] = centroids, hub_mean


def _first_pass_arrays(matrix: Floats, previous: SearchTables | None, source: Path | None, vec_src: Ints,
                       arrays: dict[str, Array], patches: dict[str, tuple[Path, Ints]]) -> None:
    """The library's main directions and every vector projected on them (large libraries).

    The main directions barely move with a few cards: an edit keeps the last ones (the rows
    the first pass keeps are scored exactly anyway); ``source`` is the saved folder when no
    row moved, so only the changed rows of the saved projection are written."""
    import numpy as np

    n = matrix.shape[0]
    same, other = np.flatnonzero(vec_src >= 0), np.flatnonzero(vec_src < 0)
    small_change = previous is not None and previous.basis is not None and (
        previous.basis.shape == (matrix.shape[1], FIRST_PASS_DIM) and abs(previous.size - n) <= n // 10)
    if not small_change or previous is None or previous.projected is None or previous.basis is None:
        arrays["basis"] = basis = _basis(matrix, FIRST_PASS_DIM)
        arrays["projected"] = np.ascontiguousarray(matrix @ basis, dtype=np.float32)
        return
    arrays["basis"] = basis = np.array(previous.basis)
    if source is not None and (source / "projected.npy").exists():
        projected, laid = open_matrix(source, "projected")
        patches["projected"] = (source / "projected.npy", np.union1d(laid, other))
    else:
        projected = np.empty((n, basis.shape[1]), dtype=np.float32)
        projected[same] = np.asarray(previous.projected)[vec_src[same]]
    projected[other] = matrix[other] @ basis
    arrays["projected"] = projected


def _part(chunk: Chunk) -> int | None:
    """0 for a section's first (or only) chunk, n for its n-th part; None for an id of another shape."""
    head = f"{chunk.case_id}#{chunk.section}"
    if chunk.id == head:
        return 0
    rest = chunk.id[len(head) + 1 :] if chunk.id.startswith(head + "#") else ""
    return int(rest) if rest.isdigit() and int(rest) > 1 else None


def _basis(matrix: Floats, dim: int) -> Floats:
    """The ``dim`` directions that keep most of the vectors' dot products (top eigenvectors of
    VᵀV, accumulated in blocks so a 100k library costs about a second, not a copy of itself)."""
    import numpy as np

    d = matrix.shape[1]
    gram = np.zeros((d, d), dtype=np.float64)
    for start in range(0, matrix.shape[0], 8192):
        block = np.asarray(matrix[start : start + 8192], dtype=np.float64)
        gram += block.T @ block
    _, vecs = np.linalg.eigh(gram)  # ascending eigenvalues
    return np.ascontiguousarray(vecs[:, ::-1][:, : min(dim, d)], dtype=np.float32)


def _hubness(matrix: Floats, row_case: Array, shas: list[str], previous: SearchTables | None,
             previous_dir: Path | None, carried: Ints | None = None) -> Floats:
    """Each chunk's mean cosine to its ``HUB_NEIGHBOURS`` nearest chunks of other cases.

    Chunks that sit close to everything (generic wording, boilerplate sections) come
    near the top of unrelated queries; CSLS subtracts this from their similarity. The
    reference chunks are the ``HUB_SAMPLE`` with the smallest sha256, a choice that
    barely moves when the library changes, so unchanged chunks can keep their value.
    """
    import numpy as np

    n = matrix.shape[0]
    hub = np.zeros(n, dtype=np.float32)
    todo = np.arange(n)
    if previous is not None and previous.hub is not None:
        if carried is None:  # each row's row in ``previous`` with the same text, or -1
            old = {sha: i for i, sha in enumerate(previous.build_rows(previous_dir)["sha"])}
            carried = np.array([old.get(sha, -1) for sha in shas])
        if (carried < 0).sum() <= n // 10 and previous.size and abs(previous.size - n) <= n // 10:
            keep = carried >= 0
            hub[keep] = np.asarray(previous.hub)[carried[keep]]
            todo = np.flatnonzero(~keep)
    ref = np.argsort(np.array(shas))[:HUB_SAMPLE] if n > HUB_SAMPLE else np.arange(n)
    # float64: a float32 product's last bits depend on the BLAS kernel and thread count, and
    # the top-k below would pass them on (scores must not depend on the machine)
    ref_vectors = np.ascontiguousarray(matrix[ref], dtype=np.float64)
    ref_case = np.asarray(row_case)[ref]
    k = HUB_NEIGHBOURS
    for start in range(0, len(todo), 1024):
        rows = todo[start : start + 1024]
        sims = np.asarray(matrix[rows], dtype=np.float64) @ ref_vectors.T
        sims[np.asarray(row_case)[rows][:, None] == ref_case[None, :]] = -np.inf
        kk = min(k, sims.shape[1])
        if kk == 0:
            continue
        top = np.partition(sims, sims.shape[1] - kk, axis=1)[:, -kk:]
        finite = np.isfinite(top)
        counts = finite.sum(axis=1)
        sums = np.where(finite, top, 0.0).sum(axis=1)
        hub[rows] = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
    return hub
