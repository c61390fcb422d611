"""Our German search behind LlamaIndex's retriever interface (extra ``llamaindex``)."""

from __future__ import annotations

import pytest

pytest.importorskip("llama_index.core")

from llama_index.core.schema import NodeWithScore, QueryBundle  # noqa: E402

from assistant.adapters.llama_index import GermanRetriever  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from tests.documents import make_pdf  # noqa: E402


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("llamaindex")
    docs = root / "docs"
    docs.mkdir()
    make_pdf(docs / "bericht.pdf", [
        ["Sozialbericht Teststadt 2023", "In Teststadt leben 412 neu zugewanderte",
         "Kinder und Jugendliche."],
        ["Netzwerke", "Das Netzwerk Ankommen trifft sich monatlich im Rathaus.",
         "Der Arbeitskreis Seiteneinstieg tagt zweimal im Jahr."],
    ], label_offset=0)
    engine = Engine.open(Settings(data_dir=root / "daten"), e5)
    engine.ingest([docs])
    return engine


def test_llama_index_gets_our_sources_with_document_and_page(engine):
    nodes = GermanRetriever(engine, k=2).retrieve("Wann trifft sich das Netzwerk Ankomen?")
    assert all(isinstance(n, NodeWithScore) for n in nodes) and len(nodes) <= 2
    best = nodes[0]
    # typing slip read as the documents' word, as in ``ask``; the page is the PDF's second
    assert "monatlich" in best.node.get_content()
    assert best.node.metadata["document"] == "bericht.pdf"
    assert best.node.metadata["page"] == 2 and best.node.metadata["rank"] == 1
    # the same order as the assistant's own answer cites
    own = engine.ask("Wann trifft sich das Netzwerk Ankomen?", k=2).sources
    assert [n.node.node_id for n in nodes] == [s.chunk.id for s in own]


def test_several_questions_give_the_sources_of_each_once(engine):
    nodes = GermanRetriever(engine, k=1).retrieve(QueryBundle(
        "Wie viele neu zugewanderte Kinder leben in Teststadt? Wann tagt der Arbeitskreis?"))
    texts = [n.node.get_content() for n in nodes]
    assert len(texts) == 2 and "412" in texts[0] and "zweimal" in texts[1]
