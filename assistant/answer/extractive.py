"""The offline default: a German answer composed from the retrieved passages' own sentences.

No language model: every sentence of the answer is a sentence (or table row) of a source,
so nothing is invented. Sentences are scored by meaning and wording as in
``assistant.search.rerank``, times the retrieval rank of their passage, a year check and an
answer-type check (``answerable``).

The best sentences are de-duplicated, grouped by document and cited by passage; the sentence
after the best one joins when it says a rare part of the question (``continued``). When no
sentence is close enough to the question, the answer says so instead of answering.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from assistant import params
from assistant.answer import decision
from assistant.answer.answerable import absent_concepts, year_factor, years
from assistant.answer.answertype import Wanted, answer_type_factor, asked_unit, names_unit, wanted
from assistant.answer.continued import continuation
from assistant.answer.contradiction import MIN_BAR, disagreement
from assistant.answer.listed import list_answer
from assistant.answer.shape import shape
from assistant.config import Settings
from assistant.search.rerank import Scored, score_statements
from assistant.search.retrieve import Vocabulary
from assistant.text import terms
from assistant.types import Answer, Citation, Sentence, Source

ABSTAIN_TEXT = (
    "Dazu finde ich in den vorliegenden Dokumenten keine belastbare Aussage. "
    "Bitte die Frage anders formulieren, Filter prüfen oder fehlende Unterlagen hinzufügen."
)


@dataclass(frozen=True)
class Refusal:
    """Why an answer is declined: ``note`` for the answer's notes, ``hint`` for the reader
    (names concepts no document uses, so the user can rephrase or add the document)."""

    note: str
    hint: str = ""

    def text(self, base: str = ABSTAIN_TEXT) -> str:
        return f"{base} Hinweis: {self.hint}." if self.hint else base


# a list is read where an answer sentence scores at least this share of the best one (set
# on the law texts' dev part: item precision 0.474 at 0.8, 0.545 at 0.9, recall 0.772 both)
LIST_RUN_SHARE = 0.9
NOWHERE_NAMED = 5  # words named in "… kommen in keinem Dokument vor"; the rest are counted


def _nowhere(words: list[str]) -> str:
    """„Gesamtbudget“, „Feuerwehr“ kommen in keinem Dokument vor: each word once, at most
    ``NOWHERE_NAMED`` of them, then "und 3 weitere"."""
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(word.casefold(), word)
    named = list(unique.values())[:NOWHERE_NAMED]
    listed = ", ".join(f"„{w}“" for w in named)
    if len(unique) > len(named):
        listed += f" und {len(unique) - len(named)} weitere"
    return f"{listed} {'kommt' if len(unique) == 1 else 'kommen'} in keinem Dokument vor"


def _kind_missing(kind: Wanted | None, scored: list[Scored]) -> bool:
    """A question for an amount or a share (``wanted``) whose found sentences name none."""
    return bool(kind) and not any(kind.names.search(u) for _, _, u, _ in scored)


def _unit_missing(unit: tuple[str, bool] | None, scored: list[Scored]) -> bool:
    """A quantity question (``asked_unit``) whose found sentences give no number of the
    asked noun: "Wie viele Mitglieder …?" over passages without "… 2.000 Mitglieder"."""
    return bool(unit) and not any(names_unit(unit, u) for _, _, u, _ in scored)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, settings: Settings, vocabulary: Vocabulary,
                 min_score: float = 0.36, relative: float = 0.8,
                 concept_bar: float = 0.5) -> None:
        self.settings = settings
        self.vocabulary = vocabulary
        self.min_score = min_score
        self.relative = relative
        # an answer despite a concept the documents never use needs this much agreement
        self.concept_bar = concept_bar

    def score_units(self, question: str, sources: list[Source]) -> list[Scored]:
        """(score, source, sentence, sentence terms) for every statement, best first;
        sentences that miss a year the question asks about count less."""
        r = self.vocabulary
        # the rank prior is the passage's place in the fusion (its score), not in the
        # reranked order, which already comes from these sentence scores
        by_fusion = sorted(range(len(sources)), key=lambda i: -sources[i].score)
        fused = {i: pos + 1 for pos, i in enumerate(by_fusion)}
        sources = [replace(s, rank=fused[i]) for i, s in enumerate(sources)]
        scored = score_statements(question, r.query_vector(question), sources,
                                  r.sentence_vectors, r.idf, expand=r.expand)
        asked = years(question)
        scored = [(score * year_factor(asked, unit, src.chunk.text)
                   * answer_type_factor(question, unit), src, unit, t)
                  for score, src, unit, t in scored]
        scored.sort(key=lambda x: -x[0])
        return scored

    def answer(self, question: str, sources: list[Source]) -> Answer:
        scored = self.score_units(question, sources)
        answer = self._answer(question, sources, scored, time.perf_counter())
        return replace(answer, signals=self.signals(question, scored, sources))

    def _answer(self, question: str, sources: list[Source], scored: list[Scored],
                t0: float) -> Answer:
        best = scored[0][0] if scored else 0.0
        if shape(question) == "balance" and self.settings.complete_lists:
            # the table of targets a balance asks for: its rows hold no words of the question
            counted = list_answer(question, sources, sources, self.vocabulary.passages_of,
                                  balance=True)
            if counted is not None:
                return replace(counted,
                               timings_ms={"compose": (time.perf_counter() - t0) * 1000})
        why = self.unanswerable(question, scored, sources)
        if why:
            return Answer(
                question=question, text=why.text(), citations=(), sources=tuple(sources),
                abstained=True, timings_ms={"compose": (time.perf_counter() - t0) * 1000},
                notes=(why.note,),
            )
        # the fitted decision may answer below the hand-set bar: then its best sentences count
        bar = 0.0 if self._fitted() is not None else self.min_score
        cutoff = max(bar, self.relative * best)
        listed = self._listed(question, sources, scored, cutoff)
        if listed is not None:
            return replace(listed, timings_ms={"compose": (time.perf_counter() - t0) * 1000})
        chosen: list[tuple[float, Source, str, set[str]]] = []
        for item in scored:
            if item[0] < cutoff or len(chosen) >= self.settings.max_answer_sentences:
                break
            if any(_jaccard(item[3], c[3]) >= 0.6 for c in chosen):
                continue  # the same statement in other words or from an overlapping chunk
            chosen.append(item)
        if not chosen:  # no sentence at all: nothing to cite
            return Answer(question=question, text=ABSTAIN_TEXT, citations=(),
                          sources=tuple(sources), abstained=True,
                          timings_ms={"compose": (time.perf_counter() - t0) * 1000},
                          notes=("kein Satz in den gefundenen Stellen",))
        follow = continuation(question, chosen[0], scored, self.vocabulary)
        chosen += [follow] if follow and all(c[2] != follow[2] for c in chosen) else []
        differ = self._disagreement(question, scored, chosen)
        if differ and not any(c[2] == differ[2][2] for c in chosen):
            chosen.append(differ[2])
        answer = self._compose(question, sources, chosen, t0)
        return with_disagreement(answer, differ, chosen) if differ else answer

    def _disagreement(self, question: str, scored: list[Scored], chosen: list[Scored]):
        """(figure, other figure, the other source's scored sentence) when another document
        gives a different figure for what a number question asks (``contradiction``)."""
        if shape(question) != "number" or not params.current().contradictions:
            return None
        top = chosen[0]
        others = [x for x in scored if x[0] >= MIN_BAR * top[0]]
        found = disagreement(question, years(question), (top[1].document, top[2]),
                             [(x[1].document, x[2]) for x in others])
        if found is None:
            return None
        mine, theirs, sentence = found
        return mine, theirs, next(x for x in others if x[2] == sentence)

    def _listed(self, question: str, sources: list[Source], scored: list[Scored],
                cutoff: float) -> Answer | None:
        """A list or balance question answered with every item of the lists and tables its
        answer sentences stand in (``listed``); None for other questions, or when those
        sentences stand in no list."""
        if not self.settings.complete_lists or shape(question) != "list":
            return None
        best = scored[0][0] if scored else 0.0
        hits = [src for score, src, _, _ in scored
                if score >= max(cutoff, LIST_RUN_SHARE * best)]
        return list_answer(question, sources, hits, self.vocabulary.passages_of)

    def signals(self, question: str, scored: list[Scored],
                sources: list[Source]) -> dict[str, float]:
        """What the answerability decision weighs (``decision.signals``)."""
        best = scored[0][0] if scored else 0.0
        second = scored[1][0] if len(scored) > 1 else 0.0
        asked = set(terms(question))
        coverage = len(asked & scored[0][3]) / len(asked) if scored and asked else 0.0
        top = max((s.score for s in sources), default=0.0)
        return decision.signals(best, second, coverage,
                                bool(absent_concepts(question, self.vocabulary.knows)),
                                _kind_missing(wanted(question), scored), top,
                                _unit_missing(asked_unit(question), scored))

    def _fitted(self) -> dict | None:
        return decision.model() if self.settings.decision == "angepasst" else None

    def _missing_fact(self, question: str, scored: list[Scored], best: float
                      ) -> Refusal | None:
        """A question for an amount, a share (``wanted``) or a number of the asked noun
        (``asked_unit``) that no found sentence gives. Words no document uses, below the
        bar for them, tell the user more than the missing fact (the order of the hand-set
        rules)."""
        rules = params.current()
        kind = wanted(question) if rules.kind_missing else None
        unit = asked_unit(question) if rules.unit_missing else None
        if _kind_missing(kind, scored):
            what, why = kind.what, kind.hint
        elif _unit_missing(unit, scored):
            what = f"einer Zahl zu {unit[0]}"
            why = f"keine der gefundenen Stellen nennt eine Zahl zu „{unit[0]}“"
        else:
            return None
        note = f"Frage nach {what}; {why}"
        absent = absent_concepts(question, self.vocabulary.knows)
        if absent and best < self.concept_bar:
            return Refusal(f"{_nowhere(absent)}; {note}", _nowhere(absent))
        return Refusal(note, why)

    def unanswerable(self, question: str, scored: list[Scored],
                     sources: list[Source] = ()) -> Refusal | None:
        """Why the sources (their scored statements) do not answer ``question``, or None.
        A name no document uses always declines; the rest is the fitted decision
        (``decision``), or the hand-set rules without one."""
        best = scored[0][0] if scored else 0.0
        # a place, person or body no document names: the documents are about others, and
        # their passages about "Beispielstadt" must not answer a question on "Dortmund"
        rules = params.current()
        names = absent_concepts(question, self.vocabulary.knows, names=True)
        if names and rules.absent_names:
            return Refusal(f"{_nowhere(names)} (Name)", _nowhere(names))
        missing = self._missing_fact(question, scored, best)
        if missing:
            return missing
        fitted = self._fitted()
        if fitted is not None:
            p = decision.probability(self.signals(question, scored, list(sources)), fitted)
            if p >= fitted["threshold"]:
                return None
            absent = absent_concepts(question, self.vocabulary.knows)
            hint = _nowhere(absent) if absent else ""
            why = (f"beantwortbar mit Wahrscheinlichkeit {p:.2f} unter "
                   f"{fitted['threshold']:.2f} (angepasste Entscheidung)")
            return Refusal(f"{hint}; {why}" if hint else why, hint)
        absent = absent_concepts(question, self.vocabulary.knows)
        if absent and best < self.concept_bar:
            hint = _nowhere(absent)
            return Refusal(f"{hint}; beste Übereinstimmung {best:.2f} unter "
                           f"{self.concept_bar:.2f}", hint)
        if best < self.min_score:
            return Refusal(f"beste Übereinstimmung {best:.2f} unter der Schwelle "
                           f"{self.min_score:.2f}")
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
                    cit = Citation.from_source(len(citations) + 1, src)
                    citations[src.chunk.id] = cit
                lines.append(f"- {unit} [{cit.n}]")
                sentences.append(Sentence(text=unit, citations=(cit.n,)))
        return Answer(
            question=question, text="\n".join(lines), citations=tuple(citations.values()),
            sources=tuple(sources), abstained=False, sentences=tuple(sentences),
            timings_ms={"compose": (time.perf_counter() - t0) * 1000},
        )


def with_disagreement(answer: Answer, differ: tuple, chosen: list[Scored]) -> Answer:
    """``answer`` with the sentence that names two sources' different figures."""
    mine, theirs, other = differ
    number = {s.text: s.citations[0] for s in answer.sentences if s.citations}
    first, second = number.get(chosen[0][2]), number.get(other[2])
    line = (f"Die Quellen weichen ab: {mine} [{first}] gegenüber {theirs} [{second}]. "
            "Bitte klären, welche Zahl gilt.")
    return replace(answer, text=f"{answer.text}\n\n{line}",
                   sentences=(*answer.sentences,
                              Sentence(text=line, citations=(first, second))))
