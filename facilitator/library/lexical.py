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
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


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


def forward_row(lang: str, tokens: list[str], keys: TermKeys) -> tuple[Any, Any]:
    """One text's distinct term keys and their counts, as numpy arrays (a row of the forward index)."""
    import numpy as np

    counts = Counter(tokens)
    return (np.fromiter((keys(lang, t) for t in counts), dtype=np.uint64, count=len(counts)),
            np.fromiter(counts.values(), dtype=np.uint32, count=len(counts)))


class InvertedIndex:
    """BM25 over postings: a query touches only the texts that hold one of its terms.

    Two views of the same data, both plain numpy arrays so they can be saved as ``.npy``
    files and memory-mapped back in milliseconds:

    * the forward index (per text: term keys and counts), kept so that an update
      tokenizes only new or changed texts and re-derives the rest;
    * the inverted index (per term key, sorted: idf and a slice of postings, each a text
      row and its precomputed BM25 weight), which is all a search reads.

    Each text belongs to a language (its card's); a term key includes the language, so
    document frequencies and average lengths are per language and an English word
    that is rare among Chinese cards does not decide an English query. idf is the
    non-negative BM25+ form, ``ln(1 + (N - df + 0.5) / (df + 0.5))``: in a language with
    only a few cards, a term in most of them still counts a little, never zero or less.
    """

    FILES = ("fwd_start", "fwd_keys", "fwd_tf", "row_lang", "keys", "idf", "post_start", "post_rows", "post_w")

    def __init__(self, arrays: dict[str, Any], langs: list[str]) -> None:
        self.a = arrays
        self.langs = langs
        """Language names; ``row_lang`` holds indexes into this list."""
        self.size = int(len(arrays["row_lang"]))
        import numpy as np

        row_lang = np.asarray(arrays["row_lang"])
        self._n = {lang: int((row_lang == i).sum()) for i, lang in enumerate(langs)}

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: list[tuple[Any, Any]], row_langs: list[str]) -> InvertedIndex:
        """From forward rows (``forward_row``) and each row's language."""
        import numpy as np

        langs = sorted(set(row_langs))
        code = {lang: i for i, lang in enumerate(langs)}
        lengths = np.fromiter((len(k) for k, _ in rows), dtype=np.int64, count=len(rows))
        fwd_start = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=fwd_start[1:])
        fwd_keys = np.concatenate([k for k, _ in rows]) if rows else np.zeros(0, np.uint64)
        fwd_tf = np.concatenate([t for _, t in rows]) if rows else np.zeros(0, np.uint32)
        row_lang = np.fromiter((code[x] for x in row_langs), dtype=np.int8, count=len(row_langs))
        return cls._derive(fwd_start, fwd_keys.astype(np.uint64), fwd_tf.astype(np.uint32), row_lang, langs)

    @classmethod
    def _derive(cls, fwd_start: Any, fwd_keys: Any, fwd_tf: Any, row_lang: Any, langs: list[str]) -> InvertedIndex:
        import numpy as np

        n_rows = len(row_lang)
        counts = np.diff(fwd_start)
        rows_of = np.repeat(np.arange(n_rows, dtype=np.int32), counts)
        tf = fwd_tf.astype(np.float32)
        dl = np.bincount(rows_of, weights=tf, minlength=n_rows).astype(np.float32)
        n_lang = np.bincount(row_lang.astype(np.int64), minlength=len(langs)).astype(np.float64)
        sum_dl = np.bincount(row_lang.astype(np.int64), weights=dl, minlength=len(langs))
        avgdl = np.where(n_lang > 0, sum_dl / np.maximum(n_lang, 1), 1.0)
        avgdl = np.maximum(avgdl, 1e-9)

        order = np.argsort(fwd_keys, kind="stable")
        keys_sorted = fwd_keys[order]
        post_rows = rows_of[order]
        uniq, first, df = np.unique(keys_sorted, return_index=True, return_counts=True)
        post_start = np.zeros(len(uniq) + 1, dtype=np.int64)
        post_start[:-1] = first
        post_start[-1] = len(keys_sorted)
        term_lang = row_lang[post_rows[first]].astype(np.int64) if len(uniq) else np.zeros(0, np.int64)
        n_term = n_lang[term_lang]
        idf = np.log1p((n_term - df + 0.5) / (df + 0.5)).astype(np.float32)
        tf_sorted = tf[order]
        norm = K1 * (1 - B + B * dl[post_rows] / avgdl[row_lang[post_rows].astype(np.int64)])
        post_w = (np.repeat(idf, df) * tf_sorted * (K1 + 1) / (tf_sorted + norm)).astype(np.float32)
        arrays = {
            "fwd_start": fwd_start, "fwd_keys": fwd_keys, "fwd_tf": fwd_tf, "row_lang": row_lang,
            "keys": uniq.astype(np.uint64), "idf": idf, "post_start": post_start,
            "post_rows": post_rows.astype(np.int32), "post_w": post_w,
        }
        return cls(arrays, langs)

    def forward(self, row: int) -> tuple[Any, Any]:
        """Row ``row`` of the forward index, to carry an unchanged text into a rebuilt index."""
        import numpy as np

        s, e = int(self.a["fwd_start"][row]), int(self.a["fwd_start"][row + 1])
        return np.array(self.a["fwd_keys"][s:e]), np.array(self.a["fwd_tf"][s:e])

    # -- storing --------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        import numpy as np

        for name in self.FILES:
            np.save(folder / f"lex_{name}.npy", np.ascontiguousarray(self.a[name]))

    @classmethod
    def load(cls, folder: Path, langs: list[str]) -> InvertedIndex:
        """Memory-map a saved index: opening costs milliseconds whatever the library's size."""
        import numpy as np

        arrays = {name: np.asarray(np.load(folder / f"lex_{name}.npy", mmap_mode="r")) for name in cls.FILES}
        return cls(arrays, langs)

    # -- searching ------------------------------------------------------------------------

    def shares(self, tokens: list[str], keys: TermKeys | None = None) -> Any:
        """Per text row, the share (0..1) of the query's information it matches.

        A text's BM25 score divided by what a text holding every query term once at
        average length would score (the sum of the terms' idf, an unseen term counting
        at the language's highest idf): one stray common word gives a small share, which
        keeps it from outvoting meaning. Only the postings of the query's terms are read.
        """
        import numpy as np

        keys = keys or TermKeys()
        out = np.zeros(self.size, dtype=np.float32)
        terms = list(dict.fromkeys(tokens))
        if not terms or self.size == 0:
            return out
        all_keys = self.a["keys"]
        for lang in self.langs:
            n = self._n.get(lang, 0)
            if n == 0:
                continue
            wanted = np.fromiter((keys(lang, t) for t in terms), dtype=np.uint64, count=len(terms))
            pos = np.searchsorted(all_keys, wanted)
            pos_c = np.minimum(pos, max(len(all_keys) - 1, 0))
            found = (pos < len(all_keys)) & (np.asarray(all_keys[pos_c]) == wanted) if len(all_keys) else np.zeros(len(terms), bool)
            unseen = float(np.log1p((n + 0.5) / 0.5))
            idf = np.where(found, np.asarray(self.a["idf"][pos_c]) if len(all_keys) else 0.0, unseen)
            bound = float(idf.sum())
            if bound <= 0 or not found.any():
                continue
            starts, ends = self.a["post_start"][pos_c[found]], self.a["post_start"][pos_c[found] + 1]
            rows = np.concatenate([self.a["post_rows"][s:e] for s, e in zip(starts, ends, strict=True)])
            weights = np.concatenate([self.a["post_w"][s:e] for s, e in zip(starts, ends, strict=True)])
            # a key includes its language, so these rows are all of language ``lang``
            scores = np.bincount(rows, weights=weights, minlength=self.size) / bound
            np.maximum(out, np.minimum(1.0, scores).astype(np.float32), out=out)
        return out
