"""The lexical half of hybrid search: BM25 over the same chunks the vector index holds.

Dense vectors are good at paraphrase and across languages but blur exact terms
(part names, "软水", "VPN"); BM25 is the opposite. Chinese has no spaces, so Chinese runs
are cut into overlapping character bigrams: no dictionary to load (jieba costs about a
second of startup and was not better on the eval queries, see bench/retrieval.py),
robust to domain words a dictionary does not know. Latin text becomes lowercased
words with a light suffix stemmer and a few stopwords removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:['’][a-z]+)?")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "should", "shall", "may", "might", "must", "just", "very", "also"]
)
"""English words too common to say anything about a case."""

_ZH_STOP = frozenset("的了和是在也有就都而及与着或一个我们你们他们这个那个没有什么怎么")
"""Chinese characters that are glue, not content; a bigram made only of them is dropped."""


def stem(word: str) -> str:
    """A deliberately small English stemmer: plurals, -ing, -ed, -ly (enough for BM25 recall)."""
    if len(word) <= 3 or not word.isalpha():
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


class LexicalIndex:
    """BM25 (Okapi) over a fixed list of texts; answers many queries without rebuilding."""

    def __init__(
        self,
        texts: Sequence[str],
        tokenizer: Callable[[str], list[str]] = tokenize,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        from rank_bm25 import BM25Okapi

        self.tokenizer = tokenizer
        self.k1 = k1
        self.size = len(texts)
        corpus = [tokenizer(t) or ["\x00"] for t in texts]  # BM25Okapi cannot take empty docs
        self._bm25: Any = BM25Okapi(corpus, k1=k1, b=b) if corpus else None

    def scores(self, query: str) -> list[float]:
        """One BM25 score per text (0 where no query term occurs)."""
        if self._bm25 is None:
            return []
        terms = list(dict.fromkeys(self.tokenizer(query)))
        if not terms:
            return [0.0] * self.size
        result: list[float] = self._bm25.get_scores(terms).tolist()
        return result

    def bound(self, query: str) -> float:
        """What a text scores that holds every query term once at average length (sum of idf).

        ``score / bound`` is the share of the query's information a text matches; a
        stray common word gives a small share, which keeps it from outvoting meaning.
        Terms the corpus never saw count at the highest idf (they are the query's own).
        """
        if self._bm25 is None:
            return 0.0
        import math

        unseen = math.log(self.size + 0.5) - math.log(0.5)
        idf = self._bm25.idf
        terms = list(dict.fromkeys(self.tokenizer(query)))
        return sum(max(float(idf.get(t, unseen)), 0.0) for t in terms)
