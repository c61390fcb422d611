"""Heading-aware chunking for German prose, sized in the embedding model's tokens.

- A chunk never spans two headings or two pages, so every chunk has one page to cite.
- Prose is cut at sentence boundaries (see ``assistant.text.split_sentences``); neighbouring
  chunks share about ``overlap`` tokens of whole sentences.
- Tables are cut between rows; every table chunk repeats the header row.
- A single sentence longer than the model's window is cut at word boundaries.
- Chunk ids are a hash of (document, page, position, text): re-ingesting the same content
  gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from assistant.text import split_sentences
from assistant.types import Block, Chunk

TokenCounter = Callable[[str], int]


def chunk_id(doc_id: str, page: int | None, position: int, text: str) -> str:
    key = f"{doc_id}\x1f{page}\x1f{position}\x1f{text}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


class _Counted:
    """A token counter that counts each text once: a unit is measured when it is split
    and again when it is packed (50,000 table rows: 100,000 tokenizer calls, ~50 s)."""

    def __init__(self, count: TokenCounter) -> None:
        self.raw, self._seen = count, {}

    def __call__(self, text: str) -> int:
        n = self._seen.get(text)
        if n is None:
            n = self._seen[text] = self.raw(text)
        return n


def _split_long(sentence: str, count: _Counted, limit: int) -> list[str]:
    if count(sentence) <= limit:
        return [sentence]
    words = sentence.split()
    parts, cur = [], []
    for w in words:
        cur.append(w)
        if count.raw(" ".join(cur)) > limit and len(cur) > 1:
            cur.pop()
            parts.append(" ".join(cur))
            cur = [w]
    if cur:
        parts.append(" ".join(cur))
    return parts


def _pack(units: list[str], count: _Counted, target: int, overlap: int,
          prefix: str = "") -> list[str]:
    """Greedy packing of units (sentences or rows) into texts of about ``target`` tokens."""
    sizes = [count(u) for u in units]
    base = count(prefix) if prefix else 0
    out: list[str] = []
    start = 0
    while start < len(units):
        end, total = start, base
        while end < len(units) and (end == start or total + sizes[end] <= target):
            total += sizes[end]
            end += 1
        body = units[start:end]
        out.append("\n".join([prefix, *body]) if prefix else " ".join(body))
        if end >= len(units):
            break
        # step back over whole units to overlap by ~overlap tokens (never a full restart)
        back, carried = end, 0
        while back - 1 > start and carried + sizes[back - 1] <= overlap:
            back -= 1
            carried += sizes[back]
        start = back
    return out


def chunk_blocks(doc_id: str, blocks: Iterable[Block], count: TokenCounter,
                 target: int = 220, overlap: int = 40, limit: int = 500) -> list[Chunk]:
    """Turn parsed blocks into chunks. ``limit`` is the hard cap (model window minus room
    for the heading line and the passage prefix)."""
    count = _Counted(count)
    groups: list[tuple[tuple, list[Block]]] = []
    for b in blocks:
        key = (b.page, b.page_label, b.heading, b.kind, b.table_header)
        if b.kind == "table" or not groups or groups[-1][0] != key:
            groups.append((key, [b]))
        else:
            groups[-1][1].append(b)

    chunks: list[Chunk] = []
    for (page, label, heading, kind, header), group in groups:
        if kind == "table":
            rows = [r for b in group for r in (b.rows or (b.text,))]
            rows = [p for r in rows for p in _split_long(r, count, limit // 2)]
            texts = _pack(rows, count, target, 0, prefix=header)
        else:
            parts = [[p for s in split_sentences(b.text) for p in _split_long(s, count, limit)]
                     for b in group]
            texts = _pack([p for part in parts for p in part], count, target, overlap)
        listed = [part for b, part in zip(group, parts) if b.item and part] \
            if kind != "table" else []
        for text in texts:
            position = len(chunks)
            chunks.append(Chunk(
                id=chunk_id(doc_id, page, position, text), doc_id=doc_id, text=text,
                position=position, page=page, page_label=label, heading=heading, kind=kind,
                questions=_question_share(text) if kind == "text" else 0.0,
                items=item_spans(text, listed),
            ))
    return chunks


def item_spans(text: str, items: list[list[str]]) -> tuple[tuple[int, int], ...]:
    """(start, end) in ``text`` of every list item (its sentences) the passage holds whole."""
    spans, cursor = [], 0
    for sentences in items:
        start = text.find(sentences[0], cursor)
        if start < 0:
            continue
        end = start
        for sentence in sentences:
            at = text.find(sentence, end)
            if at < 0:
                break
            end = at + len(sentence)
        else:
            spans.append((start, end))
            cursor = end
    return tuple(spans)


def _question_share(text: str) -> float:
    sentences = split_sentences(text)
    return sum(s.endswith("?") for s in sentences) / len(sentences) if sentences else 0.0


def embedding_text(chunk: Chunk, title: str) -> str:
    """What the embedder and the lexical index see: title and heading give context."""
    context = " › ".join(p for p in (title, chunk.heading) if p)
    return f"{context}\n{chunk.text}" if context else chunk.text
