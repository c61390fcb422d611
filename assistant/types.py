"""Small frozen dataclasses that cross stage boundaries (no library types do)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class DocumentInfo:
    """A document as the index knows it."""

    doc_id: str  # path relative to the ingested folder, e.g. "konzept-2023.pdf"
    title: str
    path: str
    type: str
    municipality: str
    year: int | None
    sha256: str
    source: str = ""
    fictional: bool = False
    pages: int = 0
    chunks: int = 0
    reader: int = 0  # READER_VERSION of the ingest that read it (0: before versions existed)

    def to_dict(self) -> dict:
        return asdict(self)


# how documents are read into passages; raised when a change to ingest changes passage text
# (1: list-marker glyphs of PDF fonts read as "•"; 2: no sentence break before a number in
# a line, "vor dem 6. August", which moved passage boundaries; 3: the text after a contents
# heading on the same page is read; 4: web pages saved as text lose breadcrumbs and captions,
# name their site in the title and keep headings that have no blank line under them), so
# that ``assistant ingest`` reads the documents of an older index again instead of keeping
# them as they were
READER_VERSION = 4


@dataclass(frozen=True)
class Block:
    """A piece of a parsed document before chunking: a paragraph or a table."""

    text: str
    page: int | None = None  # 1-based physical page (PDF); None where the format has none
    page_label: str | None = None  # printed page number, where the PDF defines one
    heading: str = ""  # heading path, e.g. "3 Strukturen › 3.2 Clearingstelle"
    kind: str = "text"  # "text" | "table"
    table_header: str = ""  # for tables: the header row, repeated in every chunk
    rows: tuple[str, ...] = ()  # for tables: one rendered line per row
    item: bool = False  # an item of a bulleted or numbered list (its marker removed)


@dataclass(frozen=True)
class ParsedDocument:
    info: DocumentInfo
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocFacts:
    """What the index keeps of a passage's document: what citations and filters need.
    ``None`` means "not known" (the store writes -1 for a missing year; only it reads that)."""

    doc_id: str
    title: str
    type: str = ""
    municipality: str = ""
    year: int | None = None


FILTER_KEYS = ("municipality", "type", "year", "document")


@dataclass(frozen=True)
class Filters:
    """Which documents a search may use; ``None`` or "" lets every value through."""

    municipality: str | None = None
    type: str | None = None
    year: int | None = None
    document: str | None = None

    def where(self) -> dict | None:
        """The same filters as a Chroma ``where`` clause (None: all)."""
        clauses = [{("doc_id" if key == "document" else key): value} for key in FILTER_KEYS
                   if (value := getattr(self, key)) not in (None, "")]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, facts: DocFacts) -> bool:
        return all(value in (None, "") or
                   getattr(facts, "doc_id" if key == "document" else key) == value
                   for key in FILTER_KEYS for value in (getattr(self, key),))


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    text: str
    position: int
    page: int | None = None
    page_label: str | None = None
    heading: str = ""
    kind: str = "text"
    questions: float = 0.0  # share of sentences that are questions (a list of questions)
    items: tuple[tuple[int, int], ...] = ()  # (start, end) in text of each list item


@dataclass(frozen=True)
class Source:
    """A retrieved chunk with the document facts a citation needs."""

    rank: int
    chunk: Chunk
    score: float
    title: str
    doc_type: str = ""
    municipality: str = ""
    year: int | None = None

    @property
    def document(self) -> str:
        return self.chunk.doc_id

    @classmethod
    def of(cls, chunk: Chunk, facts: DocFacts, rank: int = 0, score: float = 0.0) -> Source:
        """A passage with its document's facts, as search returns it."""
        return cls(rank=rank, chunk=chunk, score=score, title=facts.title,
                   doc_type=facts.type, municipality=facts.municipality, year=facts.year)

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "document": self.chunk.doc_id,
            "title": self.title,
            "page": self.chunk.page,
            "page_label": self.chunk.page_label,
            "heading": self.chunk.heading,
            "type": self.doc_type,
            "text": self.chunk.text,
            "score": round(float(self.score), 6),
            "chunk_id": self.chunk.id,
        }


@dataclass(frozen=True)
class Citation:
    n: int
    document: str
    title: str
    page: int | None
    page_label: str | None
    text: str  # the cited passage
    chunk_id: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_source(cls, n: int, source: Source) -> Citation:
        """Citation number ``n`` for a retrieved passage."""
        c = source.chunk
        return cls(n=n, document=c.doc_id, title=source.title, page=c.page,
                   page_label=c.page_label, text=c.text, chunk_id=c.id)

    @property
    def where(self) -> str:
        """Human-readable place, e.g. 'S. 5 (PDF-Seite 7)', 'Folie 3' for slides."""
        if self.page is None:
            return ""
        if self.document.lower().endswith(".pptx"):
            return f"Folie {self.page}"
        if self.page_label and self.page_label != str(self.page):
            return f"S. {self.page_label} (PDF-Seite {self.page})"
        return f"S. {self.page}"

    @property
    def label(self) -> str:
        """'[2] Integrationskonzept, S. 5': how the answer, the app and the export name it."""
        return f"[{self.n}] {self.title}" + (f", {self.where}" if self.where else "")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer with the citation numbers that carry it."""

    text: str
    citations: tuple[int, ...] = ()
    supported: bool = True
    support: float = 1.0


NEAREST = 3  # closest passages shown with a declined answer ("Nächstliegende Fundstellen")


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    citations: tuple[Citation, ...]
    sources: tuple[Source, ...]
    abstained: bool
    sentences: tuple[Sentence, ...] = ()
    timings_ms: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # list and balance answers: one dict per item (name, text, fields, status, citations)
    items: tuple[dict, ...] = ()
    # what the answerability decision weighed (answer.decision), for the evaluation
    signals: dict = field(default_factory=dict, compare=False)

    @property
    def nearest(self) -> tuple[Source, ...]:
        """For a declined answer: the closest passages found (``NEAREST``), so that staff can
        judge for themselves; none for an answer."""
        return self.sources[:NEAREST] if self.abstained else ()

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "items": list(self.items),
            "citations": [c.to_dict() for c in self.citations],
            "sources": [s.to_dict() for s in self.sources],
            "abstained": self.abstained,
            "sentences": [asdict(s) for s in self.sentences],
            "notes": list(self.notes),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


@dataclass(frozen=True)
class Problem:
    """One file that could not be (fully) ingested, with a German message."""

    path: str
    message: str
    skipped: bool = True


@dataclass(frozen=True)
class IngestReport:
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    chunks_written: int = 0
    pages: int = 0
    seconds: float = 0.0
    # documents not (completely) read because the ingest was cancelled; each also has a
    # Problem line, and the next ingest completes them
    cancelled: tuple[str, ...] = ()

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.skipped)
