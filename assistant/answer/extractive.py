"""The offline default: a German answer composed from the retrieved passages' own sentences.

No language model: every sentence of the answer is a sentence (or table row) of a source,
so nothing is invented. Sentences are scored by

- meaning: cosine between the question and the sentence (same embedding model as the index);
- wording: the share of the question's content terms (German stems, weighted by how rare
  they are in the collection) that the sentence contains;
- retrieval rank of the passage it comes from.

The best sentences are de-duplicated, grouped by document and cited by passage. When no
sentence is close enough to the question, the answer says so instead of answering.
"""

from __future__ import annotations

import time

import numpy as np

from assistant.answer.answerable import absent_concepts, year_factor, years
from assistant.config import Settings
from assistant.retrieve import Retriever
from assistant.text import split_sentences, terms, words
from assistant.types import Answer, Citation, Sentence, Source

ABSTAIN_TEXT = (
    "Dazu finde ich in den vorliegenden Dokumenten keine belastbare Aussage. "
    "Bitte die Frage anders formulieren, Filter prüfen oder fehlende Unterlagen hinzufügen."
)


def refusal(why: str, text: str = ABSTAIN_TEXT) -> str:
    """The refusal the user reads; it names concepts no document uses (so the user can
    rephrase or add the missing document)."""
    concept = why.split(";")[0] if why.startswith("„") else ""
    return f"{text} Hinweis: {concept}." if concept else text


def _units(source: Source) -> list[str]:
    chunk = source.chunk
    if chunk.kind == "table":
        lines = chunk.text.split("\n")
        return lines[1:] if len(lines) > 1 else lines  # rows carry their header as "Feld: Wert"
    return split_sentences(chunk.text)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, settings: Settings, retriever: Retriever,
                 min_score: float = 0.32, relative: float = 0.8,
                 concept_bar: float = 0.5) -> None:
        self.settings = settings
        self.retriever = retriever
        self.min_score = min_score
        self.relative = relative
        # an answer despite a concept the documents never use needs this much agreement
        self.concept_bar = concept_bar

    def score_units(self, question: str, sources: list[Source]
                    ) -> list[tuple[float, Source, str, set[str]]]:
        """(score, source, sentence, sentence terms) for every usable sentence."""
        q_terms = set(terms(question))
        weights = {t: self.retriever.idf(t) for t in q_terms}
        total = sum(weights.values()) or 1.0
        asked_years = years(question)
        cands: list[tuple[Source, str, set[str]]] = []
        for src in sources:
            for unit in _units(src):
                # questions (e.g. the guidance's own) and fragments are not statements
                if len(words(unit)) >= 4 and not unit.rstrip().endswith("?"):
                    cands.append((src, unit, set(terms(unit))))
        if not cands:
            return []
        qv = self.retriever.embedder.embed_query(question)
        mat = self.retriever.embedder.embed_passages([u for _, u, _ in cands])
        dense = mat @ qv
        out = []
        for (src, unit, u_terms), cos in zip(cands, dense):
            lexical = sum(w for t, w in weights.items() if t in u_terms) / total
            meaning = float(np.clip((cos - 0.75) / 0.15, 0.0, 1.0))
            prior = 1.0 / (1.0 + 0.15 * (src.rank - 1))
            when = year_factor(asked_years, unit, src.chunk.text)
            out.append(((0.55 * meaning + 0.45 * lexical) * prior * when, src, unit, u_terms))
        out.sort(key=lambda x: -x[0])
        return out

    def answer(self, question: str, sources: list[Source]) -> Answer:
        t0 = time.perf_counter()
        scored = self.score_units(question, sources)
        best = scored[0][0] if scored else 0.0
        why = self.unanswerable(question, best)
        if why:
            return Answer(
                question=question, text=refusal(why), citations=(), sources=tuple(sources),
                abstained=True, timings_ms={"compose": (time.perf_counter() - t0) * 1000},
                notes=(why,),
            )
        cutoff = max(self.min_score, self.relative * best)
        chosen: list[tuple[float, Source, str, set[str]]] = []
        for item in scored:
            if item[0] < cutoff or len(chosen) >= self.settings.max_answer_sentences:
                break
            if any(_jaccard(item[3], c[3]) >= 0.6 for c in chosen):
                continue  # the same statement in other words or from an overlapping chunk
            chosen.append(item)
        return self._compose(question, sources, chosen, t0)

    def unanswerable(self, question: str, best: float) -> str | None:
        """Why the sources do not answer ``question`` (a note for the user), or None."""
        absent = absent_concepts(question, self.retriever.knows)
        if absent and best < self.concept_bar:
            names = ", ".join(f"„{w}“" for w in absent)
            verb = "kommt" if len(absent) == 1 else "kommen"
            return (f"{names} {verb} in keinem Dokument vor; beste Übereinstimmung {best:.2f} "
                    f"unter {self.concept_bar:.2f}")
        if best < self.min_score:
            return f"beste Übereinstimmung {best:.2f} unter der Schwelle {self.min_score:.2f}"
        return None

    def _compose(self, question: str, sources: list[Source], chosen: list, t0: float) -> Answer:
        # group by document in order of their best sentence; inside a document, text order
        doc_order: list[str] = []
        for _, src, _, _ in chosen:
            if src.document not in doc_order:
                doc_order.append(src.document)
        citations: dict[str, Citation] = {}
        lines: list[str] = []
        sentences: list[Sentence] = []
        for doc in doc_order:
            items = [c for c in chosen if c[1].document == doc]
            items.sort(key=lambda c: (c[1].chunk.position, c[1].chunk.text.find(c[2])))
            lines.append(f"**{items[0][1].title}**")
            for _, src, unit, _ in items:
                cit = citations.get(src.chunk.id)
                if cit is None:
                    cit = Citation(
                        n=len(citations) + 1, document=src.document, title=src.title,
                        page=src.chunk.page, page_label=src.chunk.page_label,
                        text=src.chunk.text, chunk_id=src.chunk.id,
                    )
                    citations[src.chunk.id] = cit
                lines.append(f"- {unit} [{cit.n}]")
                sentences.append(Sentence(text=unit, citations=(cit.n,)))
        return Answer(
            question=question, text="\n".join(lines), citations=tuple(citations.values()),
            sources=tuple(sources), abstained=False, sentences=tuple(sentences),
            timings_ms={"compose": (time.perf_counter() - t0) * 1000},
        )
