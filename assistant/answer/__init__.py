"""Answer stage: one small protocol, a name → factory table, and ``ask``.

Backends are registered by name with the dotted path of their factory, so a backend's
heavy imports (llama.cpp, an HTTP client) happen only when it is chosen.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.retrieve import Filters, Retriever
from assistant.types import Answer, Source


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


def ask(question: str, retriever: Retriever, answerer: Answerer, k: int | None = None,
        mode: str | None = None, filters: Filters | None = None) -> Answer:
    """Retrieve, then answer; records the time of each stage."""
    question = " ".join(question.split())
    if not question:
        raise ConfigError("Bitte eine Frage eingeben.")
    t0 = time.perf_counter()
    sources = retriever.search(question, k=k, mode=mode, filters=filters)
    t1 = time.perf_counter()
    result = answerer.answer(question, sources)
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
               "total": (t2 - t0) * 1000, **result.timings_ms}
    return replace(result, timings_ms=timings)

