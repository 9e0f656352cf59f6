"""The case library: card files parsed (cards), embedded (embed), indexed in chromadb (index)
and searched hybrid with BM25 (lexical, search).

Nothing heavy is imported here, so ``import facilitator.library`` stays cheap; import the
submodule you need.
"""
