"""What every handler works on: the engine, the folders, who may do what, and locks for
shared files."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.engine import Engine
from assistant.ingest.metadata import SIDECAR_SUFFIX
from assistant.types import IngestReport
from workspace.access import Access
from workspace.ingestqueue import IngestQueue

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dokumente"


@dataclass
class Workspace:
    engine: Engine
    corpus: Path = BUNDLED_CORPUS
    access: Access = field(default_factory=Access)  # no users: the one local user is admin
    draft_lock: threading.Lock = field(default_factory=threading.Lock)
    ingest_queue: IngestQueue = field(default_factory=IngestQueue)  # one ingest at a time
    cache: dict = field(default_factory=dict)  # results that depend only on the index
    _busy: Counter = field(default_factory=Counter)  # upload copies still being ingested
    _busy_lock: threading.Lock = field(default_factory=threading.Lock)

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

    @contextlib.contextmanager
    def holding(self, paths: list[Path]) -> Iterator[None]:
        """While the block runs, ``paths`` count as an ingest in progress (not orphans)."""
        keys = [Path(p).resolve() for p in paths]
        with self._busy_lock:
            self._busy.update(keys)
        try:
            yield
        finally:
            with self._busy_lock:
                self._busy.subtract(keys)
                self._busy = +self._busy  # drop the zeros

    def index_state(self) -> tuple:
        """Changes whenever a document is added, changed or removed."""
        return tuple((d.doc_id, d.sha256, d.type, d.municipality, d.year)
                     for d in self.engine.documents())

    def municipalities(self) -> list[str]:
        """Municipalities of the indexed documents, most documents first."""
        counts = Counter(d.municipality for d in self.engine.documents()
                         if d.municipality and d.municipality != self.settings.default_municipality)
        return [m for m, _ in counts.most_common()]


def open_workspace(settings: Settings, corpus: Path | None = None,
                   access: Access | None = None) -> Workspace:
    return Workspace(Engine.open(settings), corpus or BUNDLED_CORPUS, access or Access())


def remove_orphans(ws: Workspace) -> list[Path]:
    """Remove uploads whose ingest never finished (crash, kill, a file that was skipped):
    files under ``uploads_dir`` that no indexed document points to and that no running
    ingest holds (``Workspace.holding``); a metadata sidecar goes with its file. Returns
    what was removed, each with a log line."""
    folder = ws.uploads_dir
    if not folder.is_dir():
        return []
    removed = []
    with ws._busy_lock:  # no upload starts or ends in between
        keep = {Path(d.path).resolve() for d in ws.engine.documents()} | set(ws._busy)
        for path in sorted(folder.iterdir()):
            document = path.with_name(path.name.removesuffix(SIDECAR_SUFFIX))  # a sidecar's
            if not path.is_file() or document.resolve() in keep:
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
            log.warning("Unvollständig eingelesene Datei entfernt: %s (nicht im Index; bei "
                        "Bedarf bitte neu hochladen).", path)
    return removed


def ensure_corpus(ws: Workspace, progress: Progress | None = None) -> IngestReport | None:
    """Ingest the bundled corpus when the index is empty (first start)."""
    if ws.engine.store.count() > 0 or not ws.corpus.is_dir():
        return None
    log.warning("Index ist leer – lese die mitgelieferten Dokumente aus %s ein.", ws.corpus)
    queue = ws.ingest_queue
    return queue.run(queue.submit(None, "mitgelieferte Dokumente", 0),
                     lambda checkpoint: ws.engine.ingest([ws.corpus], progress,
                                                         checkpoint=checkpoint))
