"""Wiring: settings → embedder, store, retriever and answerer, loaded once.

The CLI, the web app and the evaluation all start here; nothing is loaded at import.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant import thesaurus
from assistant.answer import Answerer, ask, load_answerer
from assistant.config import Settings
from assistant.embed import Embedder, load_embedder
from assistant.index import (
    Checkpoint,
    Progress,
    drop_ocr_pages,
    ingest_paths,
    open_store,
)
from assistant.index.store import Store
from assistant.search.retrieve import Retriever
from assistant.types import Answer, DocumentInfo, Filters, IngestReport


@dataclass
class Engine:
    settings: Settings
    embedder: Embedder
    store: Store
    retriever: Retriever
    _answerers: dict[str, Answerer] = field(default_factory=dict)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> "Engine":
        # the thesaurus is read beside the model, on the other core
        threading.Thread(target=thesaurus.load, name="thesaurus", daemon=True).start()
        embedder = embedder or load_embedder(settings.embedder)
        store = open_store(settings, embedder)
        return cls(settings, embedder, store, Retriever(store, embedder, settings))

    def answerer(self, name: str | None = None) -> Answerer:
        name = name or self.settings.llm
        if name not in self._answerers:
            self._answerers[name] = load_answerer(name, self.settings, self.retriever)
        return self._answerers[name]

    def ingest(self, paths: list[Path], progress: Progress | None = None,
               force: bool = False, checkpoint: Checkpoint | None = None) -> IngestReport:
        """See ``ingest_paths``: ``checkpoint()`` may block or raise ``IngestCancelled``."""
        report = ingest_paths(self.store, self.embedder, paths, self.settings, progress, force,
                              checkpoint)
        self.retriever.refresh()
        return report

    def remove(self, doc_id: str) -> int:
        drop_ocr_pages(self.settings, doc_id)  # also of an ingest that never finished
        removed = self.store.remove(doc_id)
        self.retriever.refresh()
        return removed

    def documents(self) -> list[DocumentInfo]:
        return self.store.documents()

    def ask(self, question: str, k: int | None = None, mode: str | None = None,
            filters: Filters | None = None, llm: str | None = None) -> Answer:
        return ask(question, self.retriever, self.answerer(llm), k=k, mode=mode, filters=filters)

    def use(self, settings: Settings) -> None:
        """Answer with other settings from now on (model, server, retrieval defaults): the
        settings object is replaced, and generators are created afresh when next asked for.
        Index, embedder and data folder stay as opened; questions already running finish
        with the generator they began with."""
        self.settings = settings
        self.retriever.settings = settings
        self._answerers = {}
