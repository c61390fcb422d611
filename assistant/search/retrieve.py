"""Retrieve stage: lexical (BM25 over German stems), dense (Chroma) and their fusion, then
the best ``rerank_candidates`` re-ordered by their best sentence (``assistant.search.rerank``).

Dense search is exact up to ``exact_search_max_chunks``: the chunk vectors are read from
Chroma once and compared with the question in memory. Chroma's HNSW graph is approximate,
and built in parallel it can leave a chunk that no query reaches (once, a whole passage went
missing from an evaluation run, most likely that way). Larger collections use HNSW.

Fusion is weighted reciprocal-rank fusion: ``w/(k+rank_dense) + (1-w)/(k+rank_lexical)``.
All three modes stay selectable; the default is chosen by measurement (see README).
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter

import bm25s
import numpy as np

from assistant import params
from assistant.abbreviations import Abbreviations
from assistant.config import Settings
from assistant.embed import Embedder, dot_rows
from assistant.index.store import Store
from assistant.ingest import embedding_text
from assistant.search.params import SearchParams
from assistant.search.rerank import SentenceVectors, rerank
from assistant.spelling import Speller
from assistant.text import terms
from assistant.thesaurus import question_synonyms
from assistant.types import Chunk, DocFacts, Filters, Source

log = logging.getLogger(__name__)

class _Corpus:
    """What search keeps in memory: chunks, BM25 over their terms and (for exact semantic
    search) their unit vectors, row i for chunk i."""

    def __init__(self, chunks: list[Chunk], metas: list[DocFacts],
                 vectors: np.ndarray | None = None) -> None:
        self.chunks = chunks
        self.metas = metas
        self.abbreviations = Abbreviations.from_texts(c.text for c in chunks)
        if vectors is not None and len(vectors):
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms > 0, norms, 1.0)
        self.vectors = vectors
        self.model = bm25s.BM25(k1=1.2, b=0.75)
        tokenised = [terms(embedding_text(c, m.title)) or ["∅"]
                     for c, m in zip(chunks, metas)]
        if tokenised:
            self.model.index(tokenised, show_progress=False)
        self.df: Counter[str] = Counter(t for doc in tokenised for t in set(doc))
        # the document types the UI shows ("Leitfaden", "Protokoll") and the municipality a
        # document belongs to are words people use for the documents ("laut Leitfaden",
        # "in Herne"), though the texts may never write them
        self.type_terms = {t for m in metas for t in terms(f"{m.type or ''} "
                                                           f"{m.municipality or ''}")}
        self.speller: Speller | None = None
        self.by_document: dict[str, list[Chunk]] = {}
        for c in chunks:
            self.by_document.setdefault(c.doc_id, []).append(c)

    def idf(self, term: str) -> float:
        """Inverse document frequency; terms the corpus never uses weigh most."""
        n = len(self.chunks)
        return math.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))

    def accepted(self, filters: Filters) -> np.ndarray | None:
        """Which chunks the filters let through (None: all)."""
        if not filters.where():
            return None
        return np.array([filters.accepts(m) for m in self.metas])

    def scores(self, query: str, mask: np.ndarray | None) -> np.ndarray:
        if not self.chunks:
            return np.zeros(0)
        # no abbreviation expansion here: measured, it pulled passages that merely name the
        # KI above the absent-concept bar; the sentence scores use it instead
        vocab = self.model.vocab_dict
        q = [t for t in terms(query) if t in vocab]
        # a word no document uses is looked for by its synonyms they do use ("zum
        # Übersetzen" → "Sprachmittlung", "Dolmetscher"): only then, because the synonyms
        # of a word the documents use would mostly find its other meanings
        if params.current().search_synonyms:
            q += [t for g, alike in question_synonyms(query).items() if not g & vocab.keys()
                  for t in sorted(alike) if t in vocab]
        if not q:
            return np.zeros(len(self.chunks))
        s = self.model.get_scores(q)
        return s * mask if mask is not None else s


class Retriever:
    """Search over one store. Call ``refresh()`` after the store changed."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._memory: _Corpus | None = None
        self._queries: dict[str, np.ndarray] = {}
        self._vectors: SentenceVectors | None = None

    @property
    def sentence_vectors(self) -> SentenceVectors:
        if self._vectors is None:
            path = self.settings.cache_dir / f"saetze-{self.embedder.name}.sqlite"
            self._vectors = SentenceVectors(self.embedder, path)
        return self._vectors

    def forget_queries(self) -> None:
        self._queries.clear()

    def query_vector(self, query: str) -> np.ndarray:
        """The question's vector, computed once for search, rerank and answer."""
        if query not in self._queries:
            if len(self._queries) > 64:
                self._queries.clear()
            self._queries[query] = self.embedder.embed_query(query)
        return self._queries[query]

    def refresh(self) -> None:
        self._memory = None

    def _corpus(self) -> _Corpus:
        if self._memory is None:
            t = time.perf_counter()
            limit = self.settings.exact_search_max_chunks
            if 0 < self.store.count() <= limit:
                self._memory = _Corpus(*self.store.all_chunks_with_vectors())
            else:
                self._memory = _Corpus(*self.store.all_chunks())
            log.info("Suchindex im Speicher: %d Abschnitte in %.2f s", len(self._memory.chunks),
                     time.perf_counter() - t)
        return self._memory

    def idf(self, term: str) -> float:
        return self._corpus().idf(term)

    def passages_of(self, doc_id: str) -> list[Chunk]:
        """Every passage of one document (a table read whole by a list answer)."""
        return self._corpus().by_document.get(doc_id, [])

    def expand(self, words: set[str] | frozenset[str]) -> set[str]:
        """Terms plus the abbreviations the documents define for them, and vice versa."""
        return self._corpus().abbreviations.expand(words)

    @property
    def speller(self) -> Speller:
        """The documents' words, for reading typing slips in questions (built on first use)."""
        corpus = self._corpus()
        if corpus.speller is None:
            corpus.speller = Speller(c.text for c in corpus.chunks)
        return corpus.speller

    def knows(self, term: str) -> bool:
        """Whether any indexed passage, or the type or municipality of a document, uses this
        (stemmed) term."""
        corpus = self._corpus()
        return corpus.df.get(term, 0) > 0 or term in corpus.type_terms

    def dense(self, query: str, n: int, filters: Filters) -> list[tuple[Chunk, float, DocFacts]]:
        corpus = self._corpus()
        if corpus.vectors is None:
            return self.store.query(self.query_vector(query), n, filters.where())
        if not corpus.chunks:
            return []
        scores = dot_rows(corpus.vectors, self.query_vector(query))
        keep = corpus.accepted(filters)
        if keep is not None:
            scores = np.where(keep, scores, -np.inf)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.lexsort((top, -scores[top]))]  # best first, ties by position: stable
        return [(corpus.chunks[i], float(scores[i]), corpus.metas[i]) for i in top
                if np.isfinite(scores[i])]

    def lexical(self, query: str, n: int, filters: Filters) -> list[tuple[Chunk, float, DocFacts]]:
        corpus = self._corpus()
        scores = corpus.scores(query, corpus.accepted(filters))
        if scores.size == 0:
            return []
        top = np.argsort(-scores, kind="stable")[:n]
        return [(corpus.chunks[i], float(scores[i]), corpus.metas[i]) for i in top
                if scores[i] > 0]

    def search(self, query: str, k: int | None = None, mode: str | None = None,
               filters: Filters | None = None, dense_weight: float | None = None
               ) -> list[Source]:
        """``find`` with the settings and these choices resolved (``SearchParams.of``)."""
        return self.find(query, SearchParams.of(self.settings, k, mode, filters, dense_weight))

    def find(self, query: str, p: SearchParams) -> list[Source]:
        """The best ``p.k`` sources for ``query``: both rankings fused, the best
        ``p.rerank_candidates`` re-ordered by their best sentence."""
        fused: dict[str, list] = {}
        if p.mode in ("dense", "lexical"):
            hits = self.dense(query, p.candidates, p.filters) if p.mode == "dense" else \
                self.lexical(query, p.candidates, p.filters)
            for chunk, score, meta in hits:
                fused[chunk.id] = [score, chunk, meta]
        else:
            for weight, hits in ((p.dense_weight, self.dense(query, p.candidates, p.filters)),
                                 (1.0 - p.dense_weight,
                                  self.lexical(query, p.candidates, p.filters))):
                for rank, (chunk, _score, meta) in enumerate(hits, start=1):
                    entry = fused.setdefault(chunk.id, [0.0, chunk, meta])
                    entry[0] += weight / (p.rrf_k + rank)
        ranked = sorted(fused.values(), key=lambda e: (-e[0], e[1].doc_id, e[1].position))
        deep = max(p.k, p.rerank_candidates)
        sources = [Source.of(c, m, r + 1, s) for r, (s, c, m) in enumerate(ranked[:deep])]
        if p.rerank_candidates > 0 and len(sources) > 1:
            sources = rerank(query, self.query_vector(query), sources, self.sentence_vectors,
                             self.idf, self.expand)
        return sources[:p.k]

    @property
    def vocabulary(self) -> Vocabulary:
        """What an answerer may know of the collection (it cannot search with it)."""
        return Vocabulary(self)


class Vocabulary:
    """What answerers know of the indexed collection, read from the searcher's memory and
    rebuilt with it when the index changes: document frequencies, the words the documents
    use, the speller, the abbreviations they define, a document's passages, question and
    sentence vectors. It has no search: answerers get the passages they are to answer from
    and this, never the searcher."""

    def __init__(self, retriever: Retriever) -> None:
        self._of = retriever
        self.embedder = retriever.embedder

    def idf(self, term: str) -> float:
        return self._of.idf(term)

    def knows(self, term: str) -> bool:
        return self._of.knows(term)

    def expand(self, words: set[str] | frozenset[str]) -> set[str]:
        return self._of.expand(words)

    @property
    def speller(self) -> Speller:
        return self._of.speller

    def passages_of(self, doc_id: str) -> list[Chunk]:
        return self._of.passages_of(doc_id)

    def query_vector(self, text: str) -> np.ndarray:
        return self._of.query_vector(text)

    @property
    def sentence_vectors(self) -> SentenceVectors:
        return self._of.sentence_vectors
