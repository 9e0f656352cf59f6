"""The lexical half of hybrid search: BM25 over the same chunks the vector index holds.

Dense vectors are good at paraphrase and across languages but blur exact terms
(part names, "软水", "VPN"); BM25 is the opposite. Chinese has no spaces, so Chinese runs
are cut into overlapping character bigrams: no dictionary to load (jieba costs about a
second of startup and was not better on the eval queries, see bench/retrieval.py),
robust to domain words a dictionary does not know. Latin text becomes lowercased
words with a light suffix stemmer and a few stopwords removed.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.library.arrays import Array, Bools, Floats, ForwardRow, Ints

from facilitator.textforms import fold as normalise

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:['’][a-z]+)?")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "should", "shall", "may", "might", "must", "just", "very", "also"]
)
"""English words too common to say anything about a case."""

_ZH_STOP = frozenset("的了和是在也有就都而及与着或一个我们你们他们这个那个没有什么怎么")
"""Chinese characters that are glue, not content; a bigram made only of them is dropped."""


_KEEP = frozenset(["customs", "goods", "news", "means", "series", "logistics", "sales"])
"""Words whose trailing s is not a plural: "customs" (海关) is not "custom" (定制)."""


def stem(word: str) -> str:
    """A deliberately small English stemmer: plurals, -ing, -ed, -ly (enough for BM25 recall)."""
    if len(word) <= 3 or not word.isalpha() or word in _KEEP:
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "xes", "zes", "oes")):
                continue
            base = word[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, running -> run
            return base
    return word


def tokenize(text: str) -> list[str]:
    """Chinese character bigrams plus stemmed English words, for BM25."""
    tokens: list[str] = []
    for run in _CJK_RUN.findall(normalise(text)):
        if _CJK_CHAR.match(run):
            if len(run) == 1:
                if run not in _ZH_STOP:
                    tokens.append(run)
                continue
            for i in range(len(run) - 1):
                gram = run[i : i + 2]
                if not (gram[0] in _ZH_STOP and gram[1] in _ZH_STOP):
                    tokens.append(gram)
        elif run not in STOPWORDS:
            tokens.append(stem(run))
    return tokens


def jieba_tokenizer() -> Callable[[str], list[str]]:
    """A jieba-based tokenizer, for comparing against bigrams (jieba is not a dependency)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()

    def tokenize_jieba(text: str) -> list[str]:
        tokens: list[str] = []
        for word in jieba.cut_for_search(normalise(text)):
            word = word.strip()
            if not word or not any(ch.isalnum() for ch in word):
                continue
            if _CJK_CHAR.match(word):
                if not all(ch in _ZH_STOP for ch in word):
                    tokens.append(word)
            elif word not in STOPWORDS:
                tokens.append(stem(word))
        return tokens

    return tokenize_jieba



K1 = 1.2
B = 0.75
"""Okapi BM25 parameters (the customary values; bench/retrieval.py shows no gain from tuning them)."""


def term_key(lang: str, term: str) -> int:
    """A stable 64-bit key for a term of one card language (so each language keeps its own idf).

    Keys, not strings, are what the index stores: a sorted ``uint64`` array is searched
    with ``numpy.searchsorted`` straight from a memory-mapped file, with no vocabulary
    dictionary to rebuild in every process. 64 bits make a collision between two real
    terms of a library vanishingly unlikely (about 1 in 10^9 at a million terms).
    """
    digest = hashlib.blake2b(f"{lang}\x00{term}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class TermKeys:
    """``term_key`` with a cache: a library has far fewer distinct terms than tokens."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], int] = {}

    def __call__(self, lang: str, term: str) -> int:
        key = (lang, term)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = term_key(lang, term)
        return value


def forward_row(lang: str, tokens: list[str], keys: TermKeys) -> ForwardRow:
    """One text's distinct term keys and their counts, as numpy arrays (a row of the forward index)."""
    import numpy as np

    counts = Counter(tokens)
    return (np.fromiter((keys(lang, t) for t in counts), dtype=np.uint64, count=len(counts)),
            np.fromiter(counts.values(), dtype=np.uint32, count=len(counts)))


class InvertedIndex:
    """BM25 over postings: a query touches only the texts that hold one of its terms.

    Plain numpy arrays, saved as ``.npy`` files and memory-mapped back in milliseconds:
    per text its language and length, and per term key (sorted) a slice of postings, each
    a text row and the term's raw count in it. An update tokenizes only new or changed
    texts; a search reads only its terms' postings.

    The postings hold raw counts, not BM25 weights: a weight depends on library-wide
    statistics (document frequency, average length), so stored weights would all shift
    with one edited card. A search applies the statistics to the few postings it reads,
    and an update patches only the rows of the texts that changed (``patched``).

    Each text belongs to a language (its card's); a term key includes the language, so
    document frequencies and average lengths are per language and an English word
    that is rare among Chinese cards does not decide an English query. idf is the
    non-negative BM25+ form, ``ln(1 + (N - df + 0.5) / (df + 0.5))``: in a language with
    only a few cards, a term in most of them still counts a little, never zero or less.
    """

    FILES = ("row_lang", "row_dl", "keys", "post_start", "post_rows", "post_tf")
    BASE = ("row_lang", "keys", "post_start", "post_rows", "post_tf")
    """The arrays an edit in place (``with_rows``) leaves as they are: saved again as hard links."""
    SIDE = ("dead", "side_keys", "side_start", "side_rows", "side_tf")
    """Texts edited in place (``with_rows``): the rows whose postings in the arrays above are void
    (``dead``, sorted) and those rows' postings as they are now, an index of their own."""
    SIDE_ROWS = 4096
    """Past this many rows edited in place, the next edit merges them into the postings."""

    def __init__(self, arrays: dict[str, Array], langs: list[str]) -> None:
        import numpy as np

        self.a = arrays
        self.langs = langs
        """Language names; ``row_lang`` holds indexes into this list."""
        self.size = int(len(arrays["row_lang"]))
        row_lang = np.asarray(arrays["row_lang"]).astype(np.int64)
        n = np.bincount(row_lang, minlength=len(langs))
        total = np.bincount(row_lang, weights=np.asarray(arrays["row_dl"], dtype=np.float64), minlength=len(langs))
        self._n = {lang: int(n[i]) for i, lang in enumerate(langs)}
        self._avgdl = {lang: max(float(total[i]) / max(int(n[i]), 1), 1e-9) if n[i] else 1.0
                       for i, lang in enumerate(langs)}
        self._by_row: tuple[Ints, Ints, Ints] | None = None
        self._norm: Floats | None = None
        self._post_rows = np.asarray(arrays["post_rows"])
        self._post_tf = np.asarray(arrays["post_tf"])
        self.source: Path | None = None
        """The folder whose saved files ``BASE`` are, unchanged (``save`` links them)."""
        self._ids: dict[str, tuple[int, int] | None] = {}
        """Those files' (device, inode) when read (``files.link_same``)."""
        self._dead: Bools | None = None
        self._side: InvertedIndex | None = None
        if "dead" in arrays:
            self._dead = np.zeros(self.size, dtype=bool)
            self._dead[np.asarray(arrays["dead"], dtype=np.int64)] = True
            self._side = InvertedIndex({"row_lang": arrays["row_lang"], "row_dl": arrays["row_dl"],
                                        "keys": arrays["side_keys"], "post_start": arrays["side_start"],
                                        "post_rows": arrays["side_rows"], "post_tf": arrays["side_tf"]}, langs)

    @property
    def side_rows(self) -> Ints:
        """The rows edited in place (``with_rows``), sorted; empty when none."""
        import numpy as np

        return np.asarray(self.a["dead"], dtype=np.int64) if "dead" in self.a else np.zeros(0, dtype=np.int64)

    def _row_norm(self) -> Floats:
        """Per row, BM25's length normalisation ``k1 * (1 - b + b * dl / avgdl)`` (avgdl of the
        row's language), made once per process from the saved lengths."""
        import numpy as np

        if self._norm is None:
            avgdl = np.array([self._avgdl[lang] for lang in self.langs] or [1.0], dtype=np.float64)
            dl = np.asarray(self.a["row_dl"], dtype=np.float64)
            lang = np.asarray(self.a["row_lang"]).astype(np.int64)
            self._norm = (K1 * (1 - B + B * dl / avgdl[lang])).astype(np.float32)
        return self._norm

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: list[ForwardRow], row_langs: list[str]) -> InvertedIndex:
        """From forward rows (``forward_row``: each text's term keys and counts) and their languages."""
        import numpy as np

        langs = sorted(set(row_langs))
        code = {lang: i for i, lang in enumerate(langs)}
        lengths = np.fromiter((len(k) for k, _ in rows), dtype=np.int64, count=len(rows))
        fwd_keys = np.concatenate([k for k, _ in rows]).astype(np.uint64) if rows else np.zeros(0, np.uint64)
        fwd_tf = np.concatenate([t for _, t in rows]).astype(np.uint32) if rows else np.zeros(0, np.uint32)
        row_lang = np.fromiter((code[x] for x in row_langs), dtype=np.int8, count=len(row_langs))
        rows_of = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)
        row_dl = np.bincount(rows_of, weights=fwd_tf, minlength=len(rows)).astype(np.float32)
        order = np.argsort(fwd_keys, kind="stable")
        return cls._with_postings(row_lang, row_dl, langs, fwd_keys[order], rows_of[order], fwd_tf[order])

    @classmethod
    def _with_postings(cls, row_lang: Ints, row_dl: Floats, langs: list[str], post_keys: Ints, post_rows: Ints,
                       post_tf: Ints) -> InvertedIndex:
        """The index from its postings sorted by key (one key per posting)."""
        import numpy as np

        if len(post_keys):
            first = np.concatenate([[0], np.flatnonzero(post_keys[1:] != post_keys[:-1]) + 1])
        else:
            first = np.zeros(0, dtype=np.int64)
        post_start = np.append(first, len(post_keys)).astype(np.int64)
        arrays = {
            "row_lang": row_lang, "row_dl": row_dl, "keys": post_keys[first].astype(np.uint64),
            "post_start": post_start, "post_rows": post_rows.astype(np.int32), "post_tf": post_tf.astype(np.uint32),
        }
        return cls(arrays, langs)

    @classmethod
    def patched(cls, old: InvertedIndex, sources: list[int | None], fresh: dict[int, ForwardRow],
                row_langs: list[str]) -> InvertedIndex | None:
        """The index of a changed library, made from ``old`` without touching its unchanged rows.

        ``sources[i]`` is the row of ``old`` that new row ``i`` takes over unchanged (each old
        row at most once), or None for a new or changed text, whose forward row is
        ``fresh[i]``. Old postings are renumbered (or dropped), the new ones merged in by
        key: linear in the index's size, with no sort of it and no text tokenized again.
        Gives the same scores as ``build`` on the same texts. None when the languages changed.
        """
        import numpy as np

        langs = sorted(set(row_langs))
        if langs != old.langs:
            return None
        old = old.whole()
        code = {lang: i for i, lang in enumerate(langs)}
        n = len(sources)
        src = np.fromiter((-1 if s is None else s for s in sources), dtype=np.int64, count=n)
        kept = np.flatnonzero(src >= 0)
        new_rows = np.flatnonzero(src < 0)
        old_to_new = np.full(old.size, -1, dtype=np.int64)
        old_to_new[src[kept]] = kept
        if np.count_nonzero(old_to_new >= 0) != len(kept):
            raise ValueError("an old row was taken over twice")
        fresh_rows = [fresh[int(i)] for i in new_rows]
        fresh_len = np.fromiter((len(k) for k, _ in fresh_rows), dtype=np.int64, count=len(fresh_rows))
        fk = np.concatenate([k for k, _ in fresh_rows]).astype(np.uint64) if fresh_rows else np.zeros(0, np.uint64)
        ft = np.concatenate([t for _, t in fresh_rows]).astype(np.uint32) if fresh_rows else np.zeros(0, np.uint32)
        row_lang = np.fromiter((code[x] for x in row_langs), dtype=np.int8, count=n)
        row_dl = np.zeros(n, dtype=np.float32)
        row_dl[kept] = np.asarray(old.a["row_dl"])[src[kept]]
        row_dl[new_rows] = [float(t.sum()) for _, t in fresh_rows]

        # postings: the old ones renumbered (a dropped row's go), the new ones inserted at the
        # end of their term's slice; the per-posting work is a few passes over two arrays
        old_rows = np.asarray(old.a["post_rows"])
        old_keys = np.asarray(old.a["keys"])
        old_start = np.asarray(old.a["post_start"])
        p_rows = old_rows if np.array_equal(src[kept], kept) else old_to_new[old_rows].astype(np.int32)
        p_tf = np.asarray(old.a["post_tf"])
        df = np.diff(old_start)
        if old.size > len(kept):  # some old rows are gone (or changed): drop their postings
            gone = np.flatnonzero((old_to_new < 0)[old_rows])
            df = df - np.bincount(np.searchsorted(old_start, gone, side="right") - 1, minlength=len(old_keys))
            keep = np.ones(len(old_rows), dtype=bool)
            keep[gone] = False
            p_rows, p_tf = p_rows[keep], p_tf[keep]
            old_start = np.zeros(len(df) + 1, dtype=np.int64)
            np.cumsum(df, out=old_start[1:])
        n_keys, n_rows = fk, np.repeat(new_rows, fresh_len)
        order = np.lexsort((n_rows, n_keys))
        n_keys, n_rows, n_tf = n_keys[order], n_rows[order], ft[order]
        # each new posting goes after its term's old postings (a new term: where it sorts)
        slot = np.searchsorted(old_keys, n_keys)
        known = (slot < len(old_keys)) & (old_keys[np.minimum(slot, max(len(old_keys) - 1, 0))] == n_keys) \
            if len(old_keys) else np.zeros(len(n_keys), dtype=bool)
        at = np.where(known, old_start[np.minimum(slot + 1, len(old_keys))], old_start[slot])
        keys = np.union1d(old_keys, n_keys).astype(np.uint64)
        counts = np.zeros(len(keys), dtype=np.int64)
        counts[np.searchsorted(keys, old_keys)] += df
        np.add.at(counts, np.searchsorted(keys, n_keys), 1)
        present = counts > 0  # a term whose every text went away goes too
        post_start = np.zeros(int(present.sum()) + 1, dtype=np.int64)
        np.cumsum(counts[present], out=post_start[1:])
        arrays: dict[str, Array] = {
            "row_lang": row_lang, "row_dl": row_dl, "keys": keys[present], "post_start": post_start,
            "post_rows": np.insert(p_rows, at, n_rows.astype(np.int32)),
            "post_tf": np.insert(p_tf, at, n_tf.astype(np.uint32)),
        }
        return cls(arrays, langs)

    def with_rows(self, fresh: dict[int, ForwardRow]) -> InvertedIndex:
        """The index with these rows' texts replaced (``fresh``: row -> its forward row now), each
        row keeping its language: the postings stay as they are, the rows' old ones are voided
        and their new ones kept beside (``SIDE``), so an edit costs what the edited texts cost.
        Scores as ``patched`` (and ``build``) would; past ``SIDE_ROWS`` it is ``patched``."""
        import numpy as np

        dead = np.union1d(self.side_rows, np.fromiter(fresh, dtype=np.int64, count=len(fresh)))
        if len(dead) > self.SIDE_ROWS:
            merged = InvertedIndex.patched(self, [None if r in fresh else r for r in range(self.size)], fresh,
                                           [self.langs[c] for c in np.asarray(self.a["row_lang"]).tolist()])
            assert merged is not None  # the same languages
            return merged
        rows = [fresh[r] if r in fresh else self.forward(r) for r in dead.tolist()]
        lengths = np.fromiter((len(k) for k, _ in rows), dtype=np.int64, count=len(rows))
        keys = np.concatenate([k for k, _ in rows]).astype(np.uint64) if rows else np.zeros(0, np.uint64)
        tf = np.concatenate([t for _, t in rows]).astype(np.uint32) if rows else np.zeros(0, np.uint32)
        row_of = np.repeat(dead, lengths)
        order = np.lexsort((row_of, keys))
        side = InvertedIndex._with_postings(np.zeros(0, np.int8), np.zeros(0, np.float32), self.langs,
                                            keys[order], row_of[order], tf[order])
        row_dl = np.array(self.a["row_dl"], dtype=np.float32)
        for r, (_, t) in fresh.items():
            row_dl[r] = float(t.sum())
        arrays: dict[str, Array] = {name: self.a[name] for name in self.BASE}
        arrays.update(row_dl=row_dl, dead=dead, side_keys=side.a["keys"], side_start=side.a["post_start"],
                      side_rows=side.a["post_rows"], side_tf=side.a["post_tf"])
        out = InvertedIndex(arrays, self.langs)
        out.source, out._ids = self.source, self._ids
        return out

    def whole(self) -> InvertedIndex:
        """The same index with the rows edited in place merged into its postings (itself when none)."""
        if self._side is None:
            return self
        base = InvertedIndex({name: self.a[name] for name in self.FILES}, self.langs)
        dead = self.side_rows.tolist()
        merged = InvertedIndex.patched(base, [None if self._dead is not None and self._dead[r] else r
                                              for r in range(self.size)],
                                       {r: self._side.forward(r) for r in dead},
                                       [self.langs[c] for c in self.a["row_lang"].tolist()])
        assert merged is not None
        return merged

    def forward(self, row: int) -> ForwardRow:
        """Row ``row``'s term keys and counts, to carry an unchanged text into a rebuilt index
        (derived from the postings once, on first use: only a large update needs it)."""
        import numpy as np

        if self._side is not None and self._dead is not None and self._dead[row]:
            return self._side.forward(row)
        if self._by_row is None:
            rows = np.asarray(self.a["post_rows"])
            order = np.argsort(rows, kind="stable")
            first = np.zeros(self.size + 1, dtype=np.int64)
            np.cumsum(np.bincount(rows, minlength=self.size), out=first[1:])
            by_key = np.repeat(np.asarray(self.a["keys"]), np.diff(np.asarray(self.a["post_start"])))[order]
            self._by_row = (first, by_key, np.asarray(self.a["post_tf"])[order])
        start, keys, tf = self._by_row
        s, e = int(start[row]), int(start[row + 1])
        return np.array(keys[s:e], dtype=np.uint64), np.array(tf[s:e], dtype=np.uint32)

    # -- storing --------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Save as ``lex_*.npy``; arrays that are still the saved files they were loaded from are
        hard-linked (an edit in place writes only ``row_dl`` and the side arrays)."""
        import numpy as np

        from facilitator.files import link_same

        for name in self.FILES + (self.SIDE if self._side is not None else ()):
            file = f"lex_{name}.npy"
            if not (name in self.BASE and self.source is not None
                    and link_same(self.source / file, folder / file, self._ids.get(name))):
                np.save(folder / file, np.ascontiguousarray(self.a[name]))

    @classmethod
    def load(cls, folder: Path, langs: list[str]) -> InvertedIndex:
        """Memory-map a saved index: opening costs milliseconds whatever the library's size."""
        import numpy as np

        from facilitator.files import file_id

        names = cls.FILES + (cls.SIDE if (folder / "lex_dead.npy").exists() else ())
        arrays = {name: np.asarray(np.load(folder / f"lex_{name}.npy", mmap_mode="r")) for name in names}
        if "dead" in arrays and (len(arrays["dead"]) and int(arrays["dead"].max()) >= len(arrays["row_lang"])):
            raise ValueError("side rows beyond the index")
        index = cls(arrays, langs)
        index.source = folder
        index._ids = {name: file_id(folder / f"lex_{name}.npy") for name in cls.BASE}
        return index

    # -- searching ------------------------------------------------------------------------

    def _postings(self, wanted: Ints) -> tuple[Ints, Ints, Ints]:
        """The postings of these term keys: each one's index in ``wanted``, row and raw count,
        grouped by term in ``wanted``'s order (a key not in the index has none)."""
        import numpy as np

        all_keys = self.a["keys"]
        if not len(all_keys) or not len(wanted):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.uint32)
        post_start = self.a["post_start"]
        pos = np.searchsorted(all_keys, wanted)
        pos_c = np.minimum(pos, len(all_keys) - 1)
        found = (pos < len(all_keys)) & (np.asarray(all_keys[pos_c]) == wanted)
        starts = np.asarray(post_start[pos_c[found]])
        lengths = np.asarray(post_start[pos_c[found] + 1]) - starts
        offsets = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        at = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()), dtype=np.int64)
        return np.repeat(np.flatnonzero(found), lengths), np.asarray(self._post_rows[at]), np.asarray(self._post_tf[at])

    def shares(self, tokens: list[str], keys: TermKeys | None = None) -> Floats:
        """Per text row, the share (0..1) of the query's information it matches.

        A text's BM25 score divided by what a text holding every query term once at
        average length would score (the sum of the terms' idf, an unseen term counting
        at the language's highest idf, ``information``): one stray common word gives a
        small share, which keeps it from outvoting meaning. Only the postings of the
        query's terms are read, and the library's statistics are applied to them here.
        """
        import numpy as np

        keys = keys or TermKeys()
        out = np.zeros(self.size, dtype=np.float32)
        terms = list(dict.fromkeys(tokens))
        if not terms or self.size == 0:
            return out
        for lang in self.langs:
            stats = self._term_stats(lang, terms, keys)
            if stats is None:
                continue
            term, rows, tf_raw, idf = stats
            bound = float(idf.sum())
            if bound <= 0:
                continue
            tf = tf_raw.astype(np.float32)
            # BM25 with the library's statistics of now: idf * tf * (k1 + 1) / (tf + norm(row));
            # a key includes its language, so these rows are all of language ``lang``
            weights = self._row_norm()[rows]
            np.add(weights, tf, out=weights)
            np.divide(tf, weights, out=weights)
            weights *= (idf * np.float32(K1 + 1))[term]
            scores = np.bincount(rows, weights=weights, minlength=self.size) / bound
            np.maximum(out, np.minimum(1.0, scores).astype(np.float32), out=out)
        return out

    def information(self, tokens: list[str], lang: str, keys: TermKeys | None = None) -> float:
        """The query's information among the texts of ``lang``: the sum of its terms' idf, an
        unseen term at the language's highest (what ``shares`` divides by). A share times
        this is the BM25 score itself: how much was matched, not what part of the query."""
        terms = list(dict.fromkeys(tokens))
        stats = self._term_stats(lang, terms, keys or TermKeys()) if terms else None
        return float(stats[3].sum()) if stats is not None else 0.0

    def _term_stats(self, lang: str, terms: list[str], keys: TermKeys) -> tuple[Ints, Ints, Ints, Floats] | None:
        """The postings of ``terms`` among the texts of ``lang`` (each one's index in ``terms``,
        row, raw count) and each term's idf; None when the language has no text or no term is found."""
        import numpy as np

        n = self._n.get(lang, 0)
        if n == 0:
            return None
        wanted = np.fromiter((keys(lang, t) for t in terms), dtype=np.uint64, count=len(terms))
        term, rows, tf_raw = self._postings(wanted)
        if self._side is not None and self._dead is not None:  # rows edited in place: their postings now
            dead = self._dead[rows]
            if dead.any():
                term, rows, tf_raw = term[~dead], rows[~dead], tf_raw[~dead]
            side_term, side_rows, side_tf = self._side._postings(wanted)
            if len(side_term):  # appended: a row's postings are all here or all there, each in term order
                term = np.concatenate([term, side_term])
                rows = np.concatenate([rows, side_rows])
                tf_raw = np.concatenate([tf_raw, side_tf])
        counts = np.bincount(term, minlength=len(terms))
        found = counts > 0
        if not found.any():
            return None
        df = counts[found].astype(np.float64)
        idf = np.zeros(len(terms), dtype=np.float32)
        idf[found] = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        idf[~found] = np.float32(np.log1p((n + 0.5) / 0.5))
        return term, rows, tf_raw, idf
