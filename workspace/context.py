"""What every handler works on: the engine, the folders, and locks for shared files."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.engine import Engine
from assistant.types import IngestReport

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dokumente"


@dataclass
class Workspace:
    engine: Engine
    corpus: Path = BUNDLED_CORPUS
    draft_lock: threading.Lock = field(default_factory=threading.Lock)
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    cache: dict = field(default_factory=dict)  # results that depend only on the index

    @property
    def settings(self) -> Settings:
        return self.engine.settings

    @property
    def uploads_dir(self) -> Path:
        """Copies of uploaded documents (and their metadata sidecars)."""
        return self.settings.data_dir / "dokumente"

    @property
    def exports_dir(self) -> Path:
        return self.settings.data_dir / "exporte"

    def index_state(self) -> tuple:
        """Changes whenever a document is added, changed or removed."""
        return tuple((d.doc_id, d.sha256, d.type, d.municipality, d.year)
                     for d in self.engine.documents())

    def municipalities(self) -> list[str]:
        """Municipalities of the indexed documents, most documents first."""
        counts = Counter(d.municipality for d in self.engine.documents()
                         if d.municipality and d.municipality != self.settings.default_municipality)
        return [m for m, _ in counts.most_common()]


def open_workspace(settings: Settings, corpus: Path | None = None) -> Workspace:
    return Workspace(Engine.open(settings), corpus or BUNDLED_CORPUS)


def ensure_corpus(ws: Workspace, progress: Progress | None = None) -> IngestReport | None:
    """Ingest the bundled corpus when the index is empty (first start)."""
    if ws.engine.store.count() > 0 or not ws.corpus.is_dir():
        return None
    log.warning("Index ist leer – lese die mitgelieferten Dokumente aus %s ein.", ws.corpus)
    with ws.ingest_lock:
        return ws.engine.ingest([ws.corpus], progress)
