"""An embedder that remembers its vectors, for sweeps and benchmarks that ask the same
queries and sentences many times. Plain runs do not use it, so their latency stays real."""

from __future__ import annotations

import numpy as np

from assistant.embed import Embedder


class MemoEmbedder:
    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_tokens = inner.max_tokens
        self._queries: dict[str, np.ndarray] = {}
        self._passages: dict[str, np.ndarray] = {}

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self._queries[text] = self.inner.embed_query(text)
        return self._queries[text]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._passages]
        if missing:
            for text, vec in zip(missing, self.inner.embed_passages(missing)):
                self._passages[text] = vec
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._passages[t] for t in texts])

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)
