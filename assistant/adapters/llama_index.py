"""Our German search as a LlamaIndex retriever (extra ``llamaindex``).

The assistant does not build on LlamaIndex: its answer path needs German-specific steps
(compound-aware BM25, typing slips read as the documents' words, the guidance questions'
search words, sentence-level reranking, a fitted answerability decision) and citations to
document and page that a generic pipeline does not keep. A LlamaIndex user can still reuse
that search: ``GermanRetriever(engine)`` returns ``NodeWithScore`` objects whose metadata
carry document, title, page and heading, so any LlamaIndex query engine or agent can answer
over them.

    from assistant.engine import Engine
    from assistant.adapters.llama_index import GermanRetriever
    nodes = GermanRetriever(Engine.open(Settings())).retrieve("Welche Netzwerke gibt es?")
"""

from __future__ import annotations

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.answer import search, understand
from assistant.engine import Engine
from assistant.types import Filters, Source


def node_of(source: Source) -> NodeWithScore:
    chunk = source.chunk
    metadata = {"document": chunk.doc_id, "title": source.title, "page": chunk.page,
                "page_label": chunk.page_label, "heading": chunk.heading,
                "type": source.doc_type, "municipality": source.municipality,
                "year": source.year, "rank": source.rank}
    return NodeWithScore(node=TextNode(id_=chunk.id, text=chunk.text, metadata=metadata),
                         score=source.score)


class GermanRetriever(BaseRetriever):
    """The assistant's search (``understand`` → ``search``) behind LlamaIndex's retriever
    interface; ``k`` sources per question (default: the setting top_k, more for lists)."""

    def __init__(self, engine: Engine, k: int | None = None,
                 filters: Filters | None = None) -> None:
        super().__init__()
        self._engine, self._k, self._filters = engine, k, filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        retriever = self._engine.retriever
        query = understand(query_bundle.query_str, retriever, self._k, filters=self._filters)
        found: dict[str, NodeWithScore] = {}
        for part in query.parts:  # several questions: the sources of each, once
            for source in search(part, retriever):
                found.setdefault(source.chunk.id, node_of(source))
        return list(found.values())
