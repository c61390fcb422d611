"""Answer stage: one small protocol, a name → factory table, and ``ask``.

Backends are registered by name with the dotted path of their factory, so a backend's
heavy imports (llama.cpp, an HTTP client) happen only when it is chosen.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from assistant import params, spelling
from assistant.answer.answerable import is_known_part, is_known_word, tagged_nouns
from assistant.answer.limits import check_input, limit_questions
from assistant.answer.shape import shape
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.guidance import step2_question
from assistant.retrieve import Filters, Retriever
from assistant.types import Answer, Citation, Source


class Answerer(Protocol):
    name: str

    def answer(self, question: str, sources: list[Source]) -> Answer:
        """Compose an answer to ``question`` from ``sources`` (ranked, best first)."""


# name → "module:factory"; a factory takes (settings, retriever) and returns an Answerer
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
    factory: Callable[[Settings, Retriever], Answerer] = getattr(
        importlib.import_module(module), attr
    )
    return factory(settings, retriever)


# a question word among the first three words: "Wie …", "Seit wann …", "An wen wende ich …"
_ASKING = re.compile(r"^(\S+\s+){0,2}(wer|wen|wem|wessen|was|wann|wo|woher|wohin|wie|wieso|"
                     r"warum|weshalb|welche[mnrs]?|wor?(an|auf|aus|bei|für|mit|von|zu|über|in|"
                     r"durch|nach|um|unter))\b", re.IGNORECASE)


# what people write around a question in a chat: greetings, "kurze Frage:", thanks, regards
_OPENING = re.compile(
    r"^(?:(?:(?:hallo|hi|hey|moin|servus|guten\s+(?:morgen|tag|abend))(?:\s+(?:zusammen|"
    r"allerseits|alle|miteinander))?|liebe[rs]?\s+\w+(?:\s+und"
    r"\s+\w+)?|(?:ich\s+(?:hätte|habe)\s+)?(?:noch\s+)?(?:eine\s+)?(?:kurze\s+)?frage)"
    r"\b\s*[,!.:;–-]?\s*)+", re.IGNORECASE)
_CLOSING = re.compile(
    r"(?:(?<=[?.!,])|^)\s*(?:(?:vielen|herzlichen|besten)\s+dank|danke(?:\s+(?:schön|sehr))?|"
    r"(?:viele|liebe|beste|freundliche)\s+grüße|mit\s+freundlichen\s+grüßen|lg|vg|mfg|gruß)"
    r"(?:\s+(?:im\s+voraus|vorab|schon\s+mal|für\s+(?:die|ihre|deine)\s+hilfe))?"
    r"[\s,!.]*$", re.IGNORECASE)


def without_courtesy(text: str) -> str:
    """``text`` without the greeting, "kurze Frage:" and the thanks around the question
    ("Hallo, kurze Frage: Wer hilft? Vielen Dank im Voraus!" → "Wer hilft?"): they are
    no part of what is asked, and "Voraus" is no concept the documents should contain."""
    core = _OPENING.sub("", text)
    while (shorter := _CLOSING.sub("", core)) != core:
        core = shorter.rstrip()
    core = core.strip()
    if not core or core == text:
        return text
    return core[:1].upper() + core[1:]  # "Hallo, wie viele …" → "Wie viele …"


def as_question(text: str) -> str:
    """``text`` with single spaces, without greetings and thanks, and with the question
    mark people leave out when typing ("Wie viele Kinder kamen 2023") added, so it is read
    like the same question with one."""
    text = without_courtesy(" ".join(text.split()))
    last = re.split(r"(?<=[?.!])\s+", text)[-1]
    if text and not text.endswith(("?", ".", "!", ":")) and _ASKING.match(last):
        text += "?"
    return text


def spell(question: str, retriever: Retriever) -> tuple[str, str]:
    """``question`` with typing slips read as the documents' words ("Schulamneldung" →
    "Schulanmeldung") and, when typed all in lower case, with their capitals; and the note
    that says which words were read differently ("" when none was)."""
    if not params.current().spelling:
        return question, ""
    read, fixes = spelling.correct(question, retriever.speller,
                                   lambda word: is_known_word(word, retriever.knows),
                                   lambda part: is_known_part(part, retriever.knows))
    return (spelling.truecase(read, retriever.speller, tagged_nouns),
            spelling.note(fixes) if fixes else "")


def as_searched(text: str, retriever: Retriever) -> str:
    """What ``ask`` searches for ``text``: the question as ``as_question`` reads it, or, for
    a question of the guidance asked word for word (also with typing slips), the words the
    draft searches it with ("… Stand, Bilanz, bisher erreicht"): its own wording finds the
    guidance, which asks it, instead of the municipality's documents."""
    question = as_question(text)
    if not params.current().guidance_words:
        return question
    guided = step2_question(question) or step2_question(spell(question, retriever)[0])
    return guided.search if guided else question


def with_note(answer: Answer, question: str, note: str) -> Answer:
    """``answer`` to the question as typed, with ``note`` above its text and in its notes."""
    if not note:
        return answer
    return replace(answer, question=question, text=f"{note}\n\n{answer.text}",
                   notes=(note, *answer.notes))


def sub_questions(question: str) -> list[str]:
    """The separate questions in one input ("Welche Strukturen …? Welche Maßnahmen …?"),
    each once."""
    parts = list(dict.fromkeys(s.strip() for s in re.split(r"(?<=\?)\s+", question)
                               if s.strip()))
    return parts if len(parts) > 1 and all(p.endswith("?") for p in parts) else [question]


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
    """Retrieve, then answer; records the time of each stage. An input with several
    questions is answered question by question. A question of the guidance is searched with
    the draft's words (``as_searched``) and answered as asked, as the draft does."""
    question, limited = check_question(question, retriever.settings, k)
    searched = as_searched(question, retriever)
    parts, searches = sub_questions(question), sub_questions(searched)
    if searched == question and len(parts) > 1:  # one of the parts may be the guidance's
        searches = [as_searched(part, retriever) for part in parts]
    # a guidance question's parts pair with the parts of its search words
    pairs = list(zip(parts, searches)) if len(searches) == len(parts) else [(question, searched)]
    if len(pairs) == 1:
        return with_note(_ask_one(*pairs[0], retriever, answerer, k, mode, filters), question,
                         limited)
    t0 = time.perf_counter()
    merged = merge_answers(question, [_ask_one(part, search, retriever, answerer, k, mode,
                                               filters) for part, search in pairs])
    return replace(with_note(merged, question, limited),
                   timings_ms={"total": (time.perf_counter() - t0) * 1000})


def check_question(text: str, settings: Settings, k: int | None = None) -> tuple[str, str]:
    """The limits of one input, checked before anything is searched (``limits``): the
    question as ``ask`` reads it, cut to its first ``max_sub_questions`` questions, and the
    note saying how many were left out ("" when none was). An empty or too long input and a
    top-k outside 1–100 raise a ``ConfigError`` naming the setting."""
    question = as_question(check_input(text, settings, k))
    kept, note = limit_questions(sub_questions(question), settings)
    return (" ".join(kept) if note else question), note


def retrieve(question: str, searched: str, retriever: Retriever, k: int | None = None,
             mode: str | None = None, filters: Filters | None = None
             ) -> tuple[str, str, list[Source]]:
    """The question as read (typing slips corrected), the note on what was read otherwise,
    and the sources found for ``searched`` (the question or its search words, ``as_searched``)."""
    check_input(question, retriever.settings, k)  # also where the app streams an answer
    read, note = spell(question, retriever)
    search = read if searched == question else spell(searched, retriever)[0]
    return read, note, retriever.search(search, k=k, mode=mode, filters=filters)


def _ask_one(question: str, searched: str, retriever: Retriever, answerer: Answerer,
             k: int | None, mode: str | None, filters: Filters | None) -> Answer:
    t0 = time.perf_counter()
    if k is None and shape(question) in ("list", "balance"):
        k = max(retriever.settings.top_k, retriever.settings.list_top_k)  # the whole list
    read, note, sources = retrieve(question, searched, retriever, k, mode, filters)
    t1 = time.perf_counter()
    result = answerer.answer(read, sources)
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
               "total": (t2 - t0) * 1000, **result.timings_ms}
    return replace(with_note(result, question, note), timings_ms=timings)

