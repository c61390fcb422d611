"""Generated answers, shared by every language model backend.

A backend only has to provide a ``ChatModel`` (count tokens, complete, stream). This module
fits whole sources into the model's context, renders the prompt file, calls the model and
hands the text to ``verify`` for citations and support. The sequence of ``answer``:

    select (rank passages by their best sentence, refuse when none answers)
    → prepare (fit sources, render prompts/answer.txt) → model.complete
    → Verifier.check → Answer

``select`` uses the extractive answerer's sentence scores and answerability checks (when
the collection's ``Vocabulary`` is given): a small model cites less beside the point when
it sees only the few passages that carry the answer, and an unanswerable question costs no
generation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.answer.extractive import ExtractiveAnswerer, Refusal
from assistant.answer.listprose import table_lines, with_overview
from assistant.answer.shape import shape
from assistant.answer.verify import (
    ABSTAIN_TEXT,
    REFUSAL_TEXT,
    Verifier,
    citation_for,
    is_refusal,
)
from assistant.config import Settings
from assistant.errors import GeneratorError
from assistant.prompts import render
from assistant.search.rerank import echoes
from assistant.search.retrieve import Vocabulary
from assistant.types import Answer, Citation, Source

# Tokens the chat template adds around each message, and a safety margin on top.
MESSAGE_OVERHEAD = 8
MARGIN = 32
# passages the model sees at most, and how close their best sentence must come to the best
GROUNDING_RELATIVE = 0.7
ECHO_NOTE = ("Die Antwort des Sprachmodells wiederholte nur die Frage; stattdessen stehen "
             "hier die passenden Sätze aus den Quellen")


class ChatModel(Protocol):
    name: str
    context_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def complete(self, messages: list[dict], max_tokens: int) -> str: ...

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]: ...


def _clean(text: str) -> str:
    """Source text as data: it cannot open or close a source block."""
    return re.sub(r"</?\s*quelle", "‹quelle", text, flags=re.IGNORECASE).strip()


def source_block(n: int, title: str, page: str, text: str) -> str:
    title = title.replace('"', "'")
    return f'<quelle nr="{n}" dokument="{title}" seite="{page}">\n{_clean(text)}\n</quelle>'


def _page(source: Source) -> str:
    chunk = source.chunk
    return chunk.page_label or (str(chunk.page) if chunk.page is not None else "")


@dataclass(frozen=True)
class Prompt:
    messages: list[dict]
    used: tuple[Source, ...]  # numbered 1… in the prompt, in this order
    dropped: tuple[Source, ...]  # did not fit the context

    @property
    def passages(self) -> list[Citation]:
        return [citation_for(s, i + 1) for i, s in enumerate(self.used)]


def message_tokens(model: ChatModel, messages: list[dict]) -> int:
    return sum(model.count_tokens(m["content"]) + MESSAGE_OVERHEAD for m in messages)


def fit(model: ChatModel, template: str, blocks: list[str], max_tokens: int,
        **variables: object) -> tuple[list[int], list[int]]:
    """Indexes of ``blocks`` that fit (whole, in order) beside the prompt, and those dropped."""
    fixed = message_tokens(model, render(template, sources="", **variables))
    budget = model.context_tokens - max_tokens - fixed - MARGIN
    used, dropped = [], []
    for i, block in enumerate(blocks):
        cost = model.count_tokens(block) + 1
        if cost <= budget:
            used.append(i)
            budget -= cost
        else:
            dropped.append(i)
    if blocks and not used:
        raise GeneratorError(
            f"Keine Quelle passt in das Kontextfenster des Modells ({model.context_tokens} "
            f"Tokens, davon {max_tokens} für die Antwort). Bitte llm_context_tokens erhöhen "
            "oder llm_max_tokens verringern."
        )
    return used, dropped


def used_note(used: int, total: int) -> str:
    note = f"{used} von {total} Quellen verwendet"
    return note + " (Kontextlimit)" if used < total else note


LIST_PROMPT_ITEMS = 40  # items of a list shown to the model (the answer lists them all)


class GeneratedAnswerer:
    """An ``Answerer`` over any ``ChatModel``; see the module docstring."""

    def __init__(self, name: str, settings: Settings, vocabulary, model: ChatModel) -> None:
        self.name = name
        self.settings = settings
        self.vocabulary = vocabulary
        self.model = model
        embedder = getattr(vocabulary, "embedder", None)
        self.verifier = Verifier(embedder)
        self.scorer = (ExtractiveAnswerer(settings, vocabulary)
                       if isinstance(vocabulary, Vocabulary) else None)
        self._last_list: tuple = (None, None)

    @property
    def max_tokens(self) -> int:
        return self.settings.llm_max_tokens

    def prepare(self, sources: list[Source], template: str = "answer",
                **variables: object) -> Prompt:
        variables.setdefault("refusal", REFUSAL_TEXT)
        blocks = [source_block(i + 1, s.title, _page(s), s.chunk.text)
                  for i, s in enumerate(sources)]
        used_i, dropped_i = fit(self.model, template, blocks, self.max_tokens, **variables)
        used = tuple(sources[i] for i in used_i)
        text = "\n".join(source_block(n + 1, s.title, _page(s), s.chunk.text)
                         for n, s in enumerate(used))
        return Prompt(render(template, sources=text, **variables), used,
                      tuple(sources[i] for i in dropped_i))

    def select(self, question: str, sources: list[Source]
               ) -> tuple[list[Source], Refusal | None]:
        """The passages to show the model, best first, or why none answers the question."""
        if not sources:
            return [], Refusal("keine Quellen gefunden")
        if self.scorer is None:
            return sources, None
        scored = self.scorer.score_units(question, sources)
        best = scored[0][0] if scored else 0.0
        why = self.scorer.unanswerable(question, scored, sources)
        if why:
            return [], why
        chosen: list[Source] = []
        most = self.settings.grounding_sources
        for score, src, _, _ in scored:
            if score < GROUNDING_RELATIVE * best or len(chosen) >= most:
                break
            if src not in chosen:
                chosen.append(src)
        return chosen, None

    def answer(self, question: str, sources: list[Source]) -> Answer:
        listed = self._listed(question, sources)
        if listed is not None:
            return listed
        chosen, why = self.select(question, sources)
        if why:
            return self._abstain(question, sources, why, {})
        answer = self._not_an_echo(question, chosen,
                                   self._run(question, chosen, "answer", question=question))
        notes = answer.notes
        if len(chosen) < len(sources):
            notes += (f"{len(chosen)} der {len(sources)} gefundenen Quellen passen zur Frage",)
        return replace(answer, sources=tuple(sources), notes=notes)

    def _listed(self, question: str, sources: list[Source]) -> Answer | None:
        """A list or balance question: the complete list from the documents (as the
        extractive answerer composes it), with the model's overview of it above
        (``listprose``); None for other questions."""
        if self.scorer is None or shape(question) not in ("list", "balance"):
            return None
        key = (question, tuple(s.chunk.id for s in sources))
        if self._last_list[0] == key:  # streamed a moment ago: the same answer
            return self._last_list[1]
        listed = self.scorer.answer(question, sources)
        if not listed.items:
            return None
        t0 = time.perf_counter()
        lines = table_lines(listed).split("\n")[:LIST_PROMPT_ITEMS]
        messages = render("answer_list", question=question, items="\n".join(lines),
                          count=str(len(listed.items)))
        text = self.model.complete(messages, self.max_tokens)
        timings = {**listed.timings_ms, "generate": (time.perf_counter() - t0) * 1000}
        answer = replace(with_overview(listed, text), timings_ms=timings)
        self._last_list = (key, answer)
        return answer

    def draft(self, section_title: str, guiding_question: str,
              sources: list[Source]) -> Answer:
        """One section of the baseline text "Ausgangslage" (prompts/draft_section.txt)."""
        return self._run(guiding_question, sources, "draft_section",
                         section_title=section_title, guiding_question=guiding_question)

    def stream(self, question: str, sources: list[Source]) -> Iterator[str]:
        """The raw answer text in pieces as the model writes it. Pass the joined text to
        ``answer_from_text`` for the verified ``Answer``."""
        listed = self._listed(question, sources)
        if listed is not None:  # the list comes from the documents, written at once
            yield listed.text
            return
        chosen, why = self.select(question, sources)
        if why:
            yield why.text(ABSTAIN_TEXT)
            return
        prompt = self.prepare(chosen, "answer", question=question)
        yield from self.model.stream(prompt.messages, self.max_tokens)

    def answer_from_text(self, question: str, sources: list[Source], text: str) -> Answer:
        """Verify a text that ``stream`` produced for the same question and sources."""
        listed = self._listed(question, sources)
        if listed is not None:
            return listed
        chosen, why = self.select(question, sources)
        if why:
            return self._abstain(question, sources, why, {})
        prompt = self.prepare(chosen, "answer", question=question)
        answer = self._verified(question, sources, prompt, text, {})
        return replace(self._not_an_echo(question, chosen, answer), sources=tuple(sources))

    def _not_an_echo(self, question: str, chosen: list[Source], answer: Answer) -> Answer:
        """The model's answer, or the extractive one over the same passages when every
        sentence of the model's only repeats the question ("Wir stehen in unseren
        Integrationsbemühungen [1].")."""
        claims = [s for s in answer.sentences if not is_refusal(s.text)]
        if (answer.abstained or self.scorer is None or not claims
                or not all(echoes(question, s.text) for s in claims)):
            return answer
        instead = self.scorer.answer(question, chosen)
        return replace(instead, timings_ms={**answer.timings_ms, **instead.timings_ms},
                       notes=(*instead.notes, ECHO_NOTE))

    def _run(self, asked: str, sources: list[Source], template: str,
             **variables: object) -> Answer:
        t0 = time.perf_counter()
        if not sources:
            return self._abstain(asked, sources, Refusal("keine Quellen gefunden"), {})
        prompt = self.prepare(sources, template, **variables)
        t1 = time.perf_counter()
        text = self.model.complete(prompt.messages, self.max_tokens)
        t2 = time.perf_counter()
        timings = {"prompt": (t1 - t0) * 1000, "generate": (t2 - t1) * 1000}
        return self._verified(asked, sources, prompt, text, timings)

    def _abstain(self, question: str, sources: list[Source], why: Refusal,
                 timings: dict) -> Answer:
        return Answer(question=question, text=why.text(ABSTAIN_TEXT), citations=(),
                      sources=tuple(sources), abstained=True, timings_ms=timings,
                      notes=(why.note,))

    def _verified(self, question: str, sources: list[Source], prompt: Prompt, text: str,
                  timings: dict) -> Answer:
        t0 = time.perf_counter()
        notes = [used_note(len(prompt.used), len(sources))]
        if not text.strip():
            return self._abstain(question, sources,
                                 Refusal("das Modell hat keinen Text geliefert"), timings)
        checked = self.verifier.check(text, prompt.passages)
        timings = {**timings, "verify": (time.perf_counter() - t0) * 1000}
        return Answer(question=question, text=checked.text, citations=checked.citations,
                      sources=tuple(sources), abstained=checked.abstained,
                      sentences=checked.sentences, timings_ms=timings,
                      notes=(*notes, *checked.notes))
