"""Whole-document mode: summarize one document by map-reduce, citing pages.

For requests like "Fasse das Integrationskonzept zusammen" retrieval is the wrong tool:
every chunk matters. The sequence:

1. map: the document's chunks, in order, go to the model in batches that fit its context
   (``prompts/summarize_map.txt``); each batch comes back as cited bullet points, which are
   verified against their chunks. Only supported bullets are kept, their citations turned
   into page citations (chunk → page; documents without pages cite the chunk).
2. reduce: the bullets (with page numbers) become one paragraph
   (``prompts/summarize_reduce.txt``). When they do not fit the context at once, groups
   are reduced first and the results reduced again.
3. the final text is verified against the page texts and renumbered like any answer.
"""

from __future__ import annotations

import time

from assistant.answer.generate import GeneratedAnswerer, fit, source_block
from assistant.answer.verify import citation_for
from assistant.errors import ConfigError, GeneratorError
from assistant.prompts import render
from assistant.types import Answer, Citation, Source


def document_sources(store, doc_id: str) -> list[Source]:
    """All chunks of ``doc_id`` in reading order, as sources."""
    chunks, metas = store.all_chunks()
    pairs = sorted(((c, m) for c, m in zip(chunks, metas) if c.doc_id == doc_id),
                   key=lambda cm: cm[0].position)
    if not pairs:
        known = ", ".join(sorted({c.doc_id for c in chunks})) or "keine"
        raise ConfigError(
            f"Dokument '{doc_id}' ist nicht im Index. Vorhanden: {known}. "
            "Die IDs zeigt 'assistant list'."
        )
    return [Source.of(c, m, i + 1, 1.0) for i, (c, m) in enumerate(pairs)]


def page_citations(sources: list[Source]) -> tuple[list[Citation], dict[str, int]]:
    """One citation per page (text: the page's chunks joined) and chunk id → its number."""
    pages: dict[object, list[Source]] = {}
    for s in sources:
        key = s.chunk.page if s.chunk.page is not None else s.chunk.id
        pages.setdefault(key, []).append(s)
    citations, number = [], {}
    for n, group in enumerate(pages.values(), start=1):
        first = group[0]
        citations.append(Citation(
            n=n, document=first.document, title=first.title, page=first.chunk.page,
            page_label=first.chunk.page_label, text="\n".join(s.chunk.text for s in group),
            chunk_id=first.chunk.id))
        number.update({s.chunk.id: n for s in group})
    return citations, number


def _page_name(c: Citation) -> str:
    return c.where or f"Abschnitt {c.n}"


def _batches(answerer: GeneratedAnswerer, sources: list[Source], title: str
             ) -> list[list[Source]]:
    """Consecutive runs of chunks that fit the context together with the map prompt."""
    out, rest = [], list(sources)
    while rest:
        blocks = [source_block(i + 1, s.title, "", s.chunk.text) for i, s in enumerate(rest)]
        used, _ = fit(answerer.model, "summarize_map", blocks, answerer.max_tokens,
                      document_title=title, part="000 von 000")
        take = next((i for i, u in enumerate(used) if u != i), len(used))
        if take == 0:
            raise GeneratorError(
                "Ein Abschnitt des Dokuments ist zu lang für das Kontextfenster. Bitte "
                "llm_context_tokens erhöhen oder llm_max_tokens verringern."
            )
        out.append(rest[:take])
        rest = rest[take:]
    return out


def _map(answerer: GeneratedAnswerer, batch: list[Source], title: str, part: str,
         number: dict[str, int]) -> tuple[list[str], int]:
    """Supported bullets of one batch with page numbers, and how many were dropped."""
    blocks = "\n".join(source_block(i + 1, s.title, "", s.chunk.text)
                       for i, s in enumerate(batch))
    messages = render("summarize_map", sources=blocks, document_title=title, part=part)
    text = answerer.model.complete(messages, answerer.max_tokens)
    passages = [citation_for(s, i + 1) for i, s in enumerate(batch)]
    checked = answerer.verifier.check(text, passages)
    bullets, dropped = [], 0
    for s in checked.sentences:
        if not (s.supported and s.citations):
            dropped += 1
            continue
        pages = dict.fromkeys(number[checked.citations[k - 1].chunk_id] for k in s.citations)
        bullets.append(f"- {s.text} " + "".join(f"[{p}]" for p in pages))
    return bullets, dropped


def _reduce(answerer: GeneratedAnswerer, bullets: list[str], title: str,
            pages: list[Citation]) -> str:
    page_list = "\n".join(f"[{c.n}] {_page_name(c)}" for c in pages)
    model = answerer.model

    def cost(lines: list[str]) -> int:
        msgs = render("summarize_reduce", document_title=title, sources=page_list,
                      notes="\n".join(lines))
        return sum(model.count_tokens(m["content"]) + 8 for m in msgs)

    limit = model.context_tokens - answerer.max_tokens - 32
    while cost(bullets) > limit:
        groups, current = [], []
        for b in bullets:
            if current and cost(current + [b]) > limit:
                groups.append(current)
                current = []
            current.append(b)
        groups.append(current)
        if len(groups) == 1 or any(cost(g) > limit for g in groups):
            raise GeneratorError(
                "Die Zwischenergebnisse passen nicht in das Kontextfenster. Bitte "
                "llm_context_tokens erhöhen."
            )
        bullets = [f"- {_reduce(answerer, g, title, pages)}" for g in groups]
    messages = render("summarize_reduce", document_title=title, sources=page_list,
                      notes="\n".join(bullets))
    return model.complete(messages, answerer.max_tokens)


def summarize_sources(sources: list[Source], answerer: GeneratedAnswerer) -> Answer:
    """Summarize the chunks of one document (in reading order) with page citations."""
    if not isinstance(answerer, GeneratedAnswerer):
        raise GeneratorError(
            "Zusammenfassen braucht ein Sprachmodell. Bitte --llm llama-cpp oder --llm openai "
            "wählen."
        )
    t0 = time.perf_counter()
    title = sources[0].title
    pages, number = page_citations(sources)
    batches = _batches(answerer, sources, title)
    bullets, dropped = [], 0
    for i, batch in enumerate(batches, start=1):
        got, lost = _map(answerer, batch, title, f"{i} von {len(batches)}", number)
        bullets += got
        dropped += lost
    t1 = time.perf_counter()
    notes = [f"{len(sources)} Abschnitte in {len(batches)} Teil(en) zusammengefasst"]
    if dropped:
        notes.append(f"{dropped} nicht belegte Zwischenaussage(n) verworfen")
    question = f"Zusammenfassung: {title}"
    if not bullets:
        raise GeneratorError(
            "Das Modell hat zu diesem Dokument keine belegten Aussagen geliefert. Bitte ein "
            "größeres Modell verwenden oder einzelne Fragen stellen."
        )
    text = _reduce(answerer, bullets, title, pages) if len(batches) > 1 else "\n".join(bullets)
    checked = answerer.verifier.check(text, pages)
    timings = {"map": (t1 - t0) * 1000, "reduce": (time.perf_counter() - t1) * 1000}
    return Answer(question=question, text=checked.text, citations=checked.citations,
                  sources=tuple(sources), abstained=False, sentences=checked.sentences,
                  timings_ms=timings, notes=(*notes, *checked.notes))


def summarize_document(store, doc_id: str, answerer: GeneratedAnswerer) -> Answer:
    """``assistant ask --document DOC --summarize``: the whole document, page-cited."""
    return summarize_sources(document_sources(store, doc_id), answerer)
