"""Answer stage: one small protocol, a name → factory table, and ``ask``: understand
(``query``) → search → answer, the one sequence every caller runs.

Backends are registered by name with the dotted path of their factory, so a backend's
heavy imports (llama.cpp, an HTTP client) happen only when it is chosen.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Protocol, runtime_checkable

from assistant.answer.query import (  # noqa: F401  (as_question, sub_questions: re-exported)
    Part,
    as_question,
    sub_questions,
    understand,
)
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.search.retrieve import Retriever, Vocabulary
from assistant.types import Answer, Citation, Filters, Source


class Answerer(Protocol):
    name: str

    def answer(self, question: str, sources: list[Source]) -> Answer:
        """Compose an answer to ``question`` from ``sources`` (ranked, best first)."""


@runtime_checkable
class Streamer(Protocol):
    """An answerer that writes its answer piece by piece (the language-model backends)."""

    def stream(self, question: str, sources: list[Source]) -> Iterator[str]:
        """The answer text in pieces, as the model writes it."""

    def answer_from_text(self, question: str, sources: list[Source], text: str) -> Answer:
        """The answer (checked, cited) from the streamed ``text``."""


@runtime_checkable
class Drafter(Protocol):
    """An answerer with its own prompt for a section of the draft."""

    def draft(self, title: str, question: str, sources: list[Source]) -> Answer:
        """The section ``title`` answering the guidance ``question`` from ``sources``."""


# name → "module:factory"; a factory takes (settings, vocabulary) and returns an Answerer:
# it answers from the passages it is given and the collection's ``Vocabulary``, never
# searches itself
BACKENDS: dict[str, str] = {
    "extractive": "assistant.answer.extractive:ExtractiveAnswerer",
    "llama-cpp": "assistant.answer.llama_cpp:create",
    "openai": "assistant.answer.openai_compat:create",
}


def register(name: str, target: str) -> None:
    BACKENDS[name] = target


def load_answerer(name: str, settings: Settings, retriever: Retriever) -> Answerer:
    target = BACKENDS.get(name)
    if target is None:
        raise ConfigError(
            f"Unbekannter Antwortgenerator '{name}'. Verfügbar: {', '.join(sorted(BACKENDS))}."
        )
    module, _, attr = target.partition(":")
    factory: Callable[[Settings, Vocabulary], Answerer] = getattr(
        importlib.import_module(module), attr
    )
    return factory(settings, retriever.vocabulary)


def with_note(answer: Answer, question: str, note: str) -> Answer:
    """``answer`` to the question as typed, with ``note`` above its text and in its notes."""
    if not note:
        return answer
    return replace(answer, question=question, text=f"{note}\n\n{answer.text}",
                   notes=(note, *answer.notes))


def merge_answers(question: str, parts: list[Answer]) -> Answer:
    """One answer from the answers to the sub-questions: a section per sub-question,
    citations renumbered across sections (a passage cited twice keeps one number)."""
    citations: dict[str, Citation] = {}
    sources: dict[str, Source] = {}
    texts, sentences, notes, items = [], [], [], []
    for part in parts:
        mapping = {}
        for c in part.citations:
            if c.chunk_id not in citations:
                citations[c.chunk_id] = replace(c, n=len(citations) + 1)
            mapping[c.n] = citations[c.chunk_id].n
        body = re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]",
                      part.text)
        texts.append(f"### {part.question}\n{body}")
        sentences += [replace(s, citations=tuple(mapping.get(n, n) for n in s.citations))
                      for s in part.sentences]
        items += [{**i, "citations": [mapping.get(n, n) for n in i["citations"]]}
                  for i in part.items]
        notes += [n for n in part.notes if n not in notes]  # a note shared by parts once
        for s in part.sources:
            sources.setdefault(s.chunk.id, s)
    ranked = [replace(s, rank=i + 1) for i, s in enumerate(sources.values())]
    return Answer(question=question, text="\n\n".join(texts), citations=tuple(citations.values()),
                  sources=tuple(ranked), abstained=all(p.abstained for p in parts),
                  sentences=tuple(sentences), notes=tuple(notes), items=tuple(items))


def ask(question: str, retriever: Retriever, answerer: Answerer, k: int | None = None,
        mode: str | None = None, filters: Filters | None = None) -> Answer:
    """Understand, search, answer; records the time of each stage. An input with several
    questions is answered question by question (``merge_answers``)."""
    t0 = time.perf_counter()
    query = understand(question, retriever, k, mode, filters)
    t1 = time.perf_counter()
    answers = [answer_part(part, retriever, answerer) for part in query.parts]
    answer = answers[0] if len(answers) == 1 else merge_answers(query.question, answers)
    timings = {**answer.timings_ms, "understand": (t1 - t0) * 1000,
               "total": (time.perf_counter() - t0) * 1000}
    return replace(with_note(answer, query.question, query.limited), timings_ms=timings)


def search(part: Part, retriever: Retriever) -> list[Source]:
    """The sources for one question, searched as ``understand`` resolved it (``part.params``:
    top_k, and at least ``list_top_k`` for a list or a balance, to see the whole list)."""
    return retriever.find(part.search, part.params)


def answer_part(part: Part, retriever: Retriever, answerer: Answerer) -> Answer:
    t0 = time.perf_counter()
    sources = search(part, retriever)
    t1 = time.perf_counter()
    result = answerer.answer(part.read, sources)
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
               "total": (t2 - t0) * 1000, **result.timings_ms}
    return replace(with_note(result, part.asked, part.note), timings_ms=timings)
