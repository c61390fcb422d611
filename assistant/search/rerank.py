"""Sentence-level scoring and reranking: a passage is as good as its best sentence.

A chunk's vector averages everything the passage says; a question usually matches one
sentence of it. Each statement (a sentence, or a table row) is scored by

- meaning: cosine between the question's and the sentence's e5 vectors;
- wording: the share of the question's content terms (German stems, weighted by how rare
  they are in the collection) that the sentence contains; a term only the passage's
  section heading says counts ``own_heading_share`` when its own (innermost) heading says
  it ("Erfahrungswissen: Was wir gelernt haben" for "Auf welches Erfahrungswissen …"),
  ``heading_share`` when a heading above it does; a term the sentence says only by a
  synonym (OpenThesaurus, ``assistant.thesaurus``: "Dolmetscher" for "übersetzen") counts
  ``synonym_share`` (all three in ``assistant.params``); a participle and its noun are
  one term ("beschlossen"/"Beschlüsse");

and the fused candidates are re-ordered by their best sentence, blended with their fused
rank, so a passage with one exact sentence moves up without losing what the fusion knew.
The extractive answerer picks its sentences with the same scores.

A statement that adds no content term to the question's own ("Hier finden Sie unsere
Angebote im Überblick" for "… Überblick über die Angebote …") only echoes it and is not
scored; one new word or number is enough ("… trifft sich monatlich").

Sentence vectors are computed once per text and model and kept in an SQLite file in the
cache folder (``daten/cache``), so a passage costs embedding time only the first time it
is a candidate.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from assistant import params, wordlists
from assistant.embed import Embedder, dot_rows
from assistant.text import split_sentences, term_groups, terms, words
from assistant.thesaurus import question_synonyms
from assistant.types import Source

# (score, source, sentence, sentence terms)
Scored = tuple[float, Source, str, set[str]]
Expand = Callable[[frozenset[str]], set[str]]



def statements(source: Source) -> list[str]:
    """Sentences of a passage (table rows for tables, which carry their header) that can
    answer something: not a question."""
    return [unit for unit, _ in _analysed(source.chunk.kind, source.chunk.text)]


@lru_cache(maxsize=20_000)
def _analysed(kind: str, text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Statements of a passage text with their terms; sentence splitting is the costly part
    of scoring, and the same passages come back question after question."""
    if kind == "table":
        lines = text.split("\n")
        units = lines[1:] if len(lines) > 1 else lines
    else:
        units = split_sentences(text)
    return tuple((u, frozenset(terms(u))) for u in units
                 if words(u) and not u.rstrip().endswith("?"))


@cache
def _presenting() -> frozenset[str]:
    """Terms of words that present text rather than say something ("Hier finden Sie …",
    "Die folgende Übersicht zeigt …"): they do not make an echo an answer. The words are
    the list darstellende_woerter of data/woerter.json."""
    return frozenset(terms(" ".join(wordlists.words("darstellende_woerter"))))


def echoes(question: str, sentence: str) -> bool:
    """Whether ``sentence`` adds no content term to the question's own: it only repeats
    the question ("Wir stehen in unseren Integrationsbemühungen.")."""
    return not set(terms(sentence)) - set(terms(question)) - _presenting()


@lru_cache(maxsize=5_000)
def _heading_terms(heading: str) -> frozenset[str]:
    return frozenset(terms(heading))


def rank_prior(rank: int) -> float:
    return 1.0 / (1.0 + params.current().rank_decay * (rank - 1))


class SentenceVectors:
    """Passage vectors of sentences, remembered in memory and (with ``path``) on disk."""

    def __init__(self, embedder: Embedder, path: Path | None = None) -> None:
        self.embedder = embedder
        self.path = path
        self._memory: dict[str, np.ndarray] = {}
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.embedder.name}\0{text}".encode()).hexdigest()

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, "
                             "vector BLOB NOT NULL)")
        return self._db

    def get(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        with self._lock:
            wanted = [k for k in dict.fromkeys(keys) if k not in self._memory]
            db = self._open()
            if wanted and db is not None:
                for i in range(0, len(wanted), 500):
                    part = wanted[i:i + 500]
                    rows = db.execute(f"SELECT key, vector FROM vectors WHERE key IN "
                                      f"({','.join('?' * len(part))})", part).fetchall()
                    for key, blob in rows:
                        self._memory[key] = np.frombuffer(blob, dtype=np.float32)
            missing = {k: t for k, t in zip(keys, texts) if k not in self._memory}
        if missing:
            vecs = np.asarray(self.embedder.embed_passages(list(missing.values())),
                              dtype=np.float32)
            with self._lock:
                for key, vec in zip(missing, vecs):
                    self._memory[key] = vec
                db = self._open()
                if db is not None:
                    db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                   [(k, v.tobytes()) for k, v in zip(missing, vecs)])
                    db.commit()
        return np.vstack([self._memory[k] for k in keys])


def score_statements(question: str, question_vector: np.ndarray, sources: list[Source],
                     vectors: SentenceVectors, idf: Callable[[str], float],
                     use_rank: bool = True, expand: Expand | None = None) -> list[Scored]:
    """Every statement of ``sources`` with its score, best first. ``expand`` adds terms a
    statement means without saying them (an abbreviation's long form)."""
    q_terms = set(terms(question))
    # one weight per concept: a participle and its noun are one ("beschlossen"/"Beschlüsse")
    weights = {g: max(idf(t) for t in g) for g in set(term_groups(question))}
    total = sum(weights.values()) or 1.0
    p = params.current()
    alike = question_synonyms(question)
    grow = expand if expand is not None and p.abbreviations else set
    said = q_terms | _presenting()
    cands = [(src, unit, grow(u_terms)) for src in sources
             for unit, u_terms in _analysed(src.chunk.kind, src.chunk.text)
             if u_terms - said]
    if not cands:
        return []
    cosines = dot_rows(vectors.get([u for _, u, _ in cands]), question_vector)
    out = []
    for (src, unit, u_terms), cos in zip(cands, cosines):
        section = _heading_terms(src.chunk.heading)
        own = _heading_terms(src.chunk.heading.rsplit(" › ", 1)[-1])
        lexical = sum(w if g & u_terms else p.own_heading_share * w if g & own else
                      max(p.heading_share if g & section else 0.0,
                          p.synonym_share if alike[g] & u_terms else 0.0) * w
                      for g, w in weights.items()) / total
        meaning = float(np.clip((cos - 0.75) / 0.15, 0.0, 1.0))
        prior = rank_prior(src.rank) if use_rank else 1.0
        out.append(((0.55 * meaning + 0.45 * lexical) * prior, src, unit, u_terms))
    out.sort(key=lambda x: -x[0])
    return out


def rerank(question: str, question_vector: np.ndarray, sources: list[Source],
           vectors: SentenceVectors, idf: Callable[[str], float],
           expand: Expand | None = None) -> list[Source]:
    """``sources`` (ranked by fusion) re-ordered by best sentence + ``rerank_blend`` × prior
    (``assistant.params``)."""
    best: dict[str, float] = {}
    for score, src, _, _ in score_statements(question, question_vector, sources, vectors, idf,
                                             use_rank=False, expand=expand):
        best.setdefault(src.chunk.id, score)
    order = sorted(sources, key=lambda s: -(best.get(s.chunk.id, 0.0)
                                            + params.current().rerank_blend
                                            * rank_prior(s.rank)))
    return [replace(s, rank=i + 1) for i, s in enumerate(order)]
