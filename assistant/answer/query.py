"""The query stage: what the user typed, read once into a frozen ``Query``.

``understand`` does everything a question needs before anything is searched, once per
input: the limits (``limits``), the courtesy around the question, the separate questions
in one input, typing slips read as the documents' words (with the note shown to the user),
what the search looks for (a question of the guidance with the draft's words) and the
expected shape of the answer (``shape``). The command line, the app (streaming too), the
draft and the evaluation all ask through it (``assistant.answer.ask``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import params, spelling
from assistant.answer.answerable import is_known_part, is_known_word, tagged_nouns
from assistant.answer.limits import check_input, limit_questions
from assistant.answer.shape import shape
from assistant.config import Settings
from assistant.guidance import step2_question
from assistant.search.params import SearchParams
from assistant.search.retrieve import Retriever
from assistant.types import Filters


@dataclass(frozen=True)
class Part:
    """One question of an input."""

    asked: str  # as typed (spaces, courtesy and question mark aside)
    read: str  # typing slips read as the documents' words; what the answerer reads
    note: str  # which words were read otherwise ("" when none was)
    search: str  # what the search looks for
    shape: str  # list, balance, number or fact (``shape``)
    params: SearchParams  # how it is searched: the settings and the caller's choices, resolved


@dataclass(frozen=True)
class Query:
    """One input as the answer path reads it."""

    question: str  # the input as read, cut to its first ``max_sub_questions`` questions
    limited: str  # the note on questions left out ("" when none was)
    # one per question; the parts of a guidance question pair with its search words' parts
    parts: tuple[Part, ...]
    search: str  # what the whole input is searched with (the evaluation's retrieval pass)


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


def sub_questions(question: str) -> list[str]:
    """The separate questions in one input ("Welche Strukturen …? Welche Maßnahmen …?"),
    each once."""
    parts = list(dict.fromkeys(s.strip() for s in re.split(r"(?<=\?)\s+", question)
                               if s.strip()))
    return parts if len(parts) > 1 and all(p.endswith("?") for p in parts) else [question]


def check_question(text: str, settings: Settings, k: int | None = None) -> tuple[str, str]:
    """The limits of one input, checked before anything is searched (``limits``): the
    question as ``ask`` reads it, cut to its first ``max_sub_questions`` questions, and the
    note saying how many were left out ("" when none was). An empty or too long input and a
    top-k outside 1–100 raise a ``ConfigError`` naming the setting."""
    question = as_question(check_input(text, settings, k))
    kept, note = limit_questions(sub_questions(question), settings)
    return (" ".join(kept) if note else question), note


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


def searched(question: str, read: str) -> str:
    """What a question is searched with: itself, or, for a question of the guidance asked
    word for word (``read``: also with typing slips), the words the draft searches it with
    ("… Stand, Bilanz, bisher erreicht"): its own wording finds the guidance, which asks
    it, instead of the municipality's documents."""
    if not params.current().guidance_words:
        return question
    guided = step2_question(question) or step2_question(read)
    return guided.search if guided else question


def as_searched(text: str, retriever: Retriever) -> str:
    """What ``ask`` searches for ``text`` (``searched``), before typing slips are read."""
    question = as_question(text)
    return searched(question, spell(question, retriever)[0])


def understand(text: str, retriever: Retriever, k: int | None = None, mode: str | None = None,
               filters: Filters | None = None) -> Query:
    """``text`` read once: limits checked (a ``QuestionError`` or ``ConfigError`` that
    names the setting), split into its questions, slips read, search text, shape and the
    search's parameters set (``k`` sources, default by shape: ``SearchParams.of``)."""
    question, limited = check_question(text, retriever.settings, k)
    read_all, note_all = spell(question, retriever)
    search_all = searched(question, read_all)
    parts, searches = sub_questions(question), sub_questions(search_all)
    if search_all == question and len(parts) > 1:  # one of the parts may be the guidance's
        searches = [as_searched(part, retriever) for part in parts]
    # a guidance question's parts pair with the parts of its search words
    pairs = list(zip(parts, searches)) if len(searches) == len(parts) \
        else [(question, search_all)]
    out = []
    for asked, search in pairs:
        read, note = (read_all, note_all) if asked == question else spell(asked, retriever)
        kind = shape(asked)
        out.append(Part(asked, read, note, read if search == asked
                        else spell(search, retriever)[0], kind,
                        SearchParams.of(retriever.settings, k, mode, filters, shape=kind)))
    whole = read_all if search_all == question else spell(search_all, retriever)[0]
    return Query(question, limited, tuple(out), whole)
