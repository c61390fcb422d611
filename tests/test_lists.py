"""Complete answers on documents of other shapes than the bundled ones (an invented town,
Musterstadt): offers as a bulleted list on a saved web page, as rows of a ruled PDF table
with wrapped cells, networks as "Name: description" paragraphs in a DOCX, a table of
targets with their status, and two reports that give different figures for one year.
Real files, real Chroma in a temp dir, the real e5 embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer.groups import band, fits
from assistant.answer.lists import list_lines
from assistant.answer.shape import shape
from assistant.config import Settings
from assistant.engine import Engine
from assistant.evaluate.complete import complete_scores
from assistant.evaluate.questions import parse_question
from assistant.types import Chunk
from tests.documents import indexed, make_pdf, make_ruled_table_pdf

WEB_PAGE = """Startseite
Aktuelles
Kontakt
[Leichte Sprache] [Gebärdensprache] [Barrierefreiheit]
Quelle: https://www.musterstadt.example/bildung/angebote-zugewanderte
Jugendangebote für neu zugewanderte junge Menschen in Musterstadt
Das Bildungsbüro Musterstadt stellt hier die Angebote der freien Träger zusammen.
• Sprachwerkstatt „Wortwechsel“ der Falken Musterstadt für Jugendliche von 14 bis 18 Jahren, dienstags im Jugendhaus Mitte.
• Bewerbungstraining „Erster Schritt“ der Diakonie für junge Erwachsene von 18 bis 24 Jahren.
• Boxprojekt „Fair Play“ des Stadtsportbunds für Jugendliche ab 12 Jahren im Sportpark Süd.
• Krabbelgruppe „Kleine Welt“ für Kinder von 1 bis 3 Jahren und ihre Eltern im Familienzentrum.
• Lernwerkstatt „Mathe ohne Grenzen“ der Volkshochschule für Schülerinnen und Schüler von 12 bis 16 Jahren.
Foto: Jugendliche beim Boxtraining im Sportpark Süd (Bild: Stadt Musterstadt)
Impressum
Datenschutz
"""

NETWORK_PARAGRAPHS = [
    "Die Integrationsarbeit in Musterstadt stützt sich auf mehrere Gremien:",
    "Forum Vielfalt Musterstadt: seit 2017, rund 30 Organisationen, tagt zweimal im Jahr.",
    "Steuerungsgruppe Bildung: seit 2020; Schulamt, Jugendamt, Bildungsbüro.",
    "Stadtteilkonferenz Weststadt: Quartiersgremium seit 2015 mit Schulen und Vereinen.",
    "Die Gremien berichten jährlich dem Ausschuss für Bildung.",
]

TARGETS = [
    ("Handlungsfeld", "Ziel", "Stand 2024"),
    ("Sprache", "Sprachkurse für alle Neuzugewanderten", "erreicht"),
    ("Schule", "Schulplatz binnen sechs Wochen", "nicht erreicht; Wartezeit acht Wochen"),
    ("Ausbildung", "Übergangsbegleitung ausbauen", "teilweise erreicht"),
    ("Wohnen", "Wohnraum für Familien", "teilweise erreicht; nur in der Weststadt"),
    ("Gesundheit", "Impfberatung in Kitas", "erreicht"),
]


def write_documents(root: Path) -> Path:
    import docx

    folder = root / "dokumente"
    folder.mkdir(parents=True)
    (folder / "angebote-jugend.txt").write_text(WEB_PAGE, encoding="utf-8")
    make_ruled_table_pdf(
        folder / "angebotsliste-2024.pdf",
        [["Angebot", "Träger", "Alter", "Stadtteil"],
         ["Offene Lernzeit für Seiteneinsteiger", "Verein Lernbrücke e. V.", "10–16",
          "Weststadt"],
         ["Elterncafé international", "Familienzentrum Regenbogen", "Erwachsene",
          "Oststadt"],
         ["Kletter-AG für neu zugewanderte Kinder und Jugendliche", "Alpenverein",
          "8–14", "Weststadt"],
         ["Nähwerkstatt für Mütter", "Frauenzentrum Musterstadt", "Erwachsene",
          "Nordstadt"]],
        caption="Tabelle 3: Angebote im Überblick (Stand Juni 2024)",
        before="Die folgende Übersicht enthält die Angebote der Träger.",
        after="Die Übersicht wird jährlich fortgeschrieben.")
    d = docx.Document()
    d.core_properties.title = "Gremienbericht Musterstadt"
    d.add_heading("Netzwerke und Gremien", level=1)
    for text in NETWORK_PARAGRAPHS:
        d.add_paragraph(text)
    d.add_heading("Umsetzungsstand", level=1)
    table = d.add_table(rows=len(TARGETS), cols=3)
    for row, values in zip(table.rows, TARGETS):
        for cell, value in zip(row.cells, values):
            cell.text = value
    d.save(str(folder / "gremienbericht.docx"))
    make_pdf(folder / "jahresbericht-2023.pdf",
             [["Jahresbericht Integration Musterstadt 2023",
               "Im Jahr 2023 wurden 640 neu zugewanderte Schulkinder in Musterstadt",
               "angemeldet, davon 210 in der Sekundarstufe I."]], label_offset=0)
    make_pdf(folder / "schulbericht-2024.pdf",
             [["Schulbericht Musterstadt 2024",
               "Für das Jahr 2023 meldet das Schulamt 712 neu zugewanderte Schulkinder",
               "in Musterstadt; die Wartezeit sank auf sieben Wochen."]], label_offset=0)
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    root = tmp_path_factory.mktemp("listen")
    return indexed(write_documents(root), root / "daten", e5)


def test_question_forms_give_the_answer_shape():
    assert shape("Welche Angebote gibt es für Jugendliche?") == "list"
    assert shape("In welchen Stadtteilen gibt es Sprachkurse?") == "list"
    assert shape("Was bietet der Jugendmigrationsdienst alles an?") == "list"
    assert shape("Wo stehen wir bei der Umsetzung?") == "balance"
    assert shape("Wie viele der Ziele haben wir erreicht?") == "balance"
    assert shape("Wie viele Kinder kamen 2023?") == "number"
    assert shape("Wer leitet das Bildungsbüro?") == "fact"
    assert shape("Welche Stelle ist zuständig?") == "fact"
    assert shape("Welche Angebote macht die Volkshochschule?") == "list"  # a plural object
    assert shape("Welche Rolle spielt das Jugendamt?") == "fact"  # a singular one
    assert shape("In welcher großen Stadt liegt die Schule?") == "fact"  # dative singular
    assert shape("Bei welcher Behörden-Stelle melden wir das?") == "fact"


@pytest.mark.parametrize("text, items", [
    ("Unsere Angebote: - Sprachcafé - Hausaufgabenhilfe - Elterncafé",
     ("Sprachcafé", "Hausaufgabenhilfe", "Elterncafé")),
    ("- Sprachcafé - Hausaufgabenhilfe", ("Sprachcafé", "Hausaufgabenhilfe")),
    # dashes of punctuation inside a sentence, and in a name, mark no list
    ("Die Kurse laufen - anders als im Vorjahr - auch in den Ferien.", ()),
    ("Die Erlaubnis zum Daueraufenthalt – EU ist ein unbefristeter Aufenthaltstitel.", ()),
    ("- Sprachcafé – dienstags im Jugendhaus", ("Sprachcafé – dienstags im Jugendhaus",)),
    ("Angebote: - Sprachcafé – dienstags - Elterncafé", ("Sprachcafé – dienstags", "Elterncafé")),
])
def test_dashes_mark_list_items_only_where_a_list_begins(text, items):
    chunk = Chunk(id="c", doc_id="seite.txt", text=text, position=0)
    assert list_lines(chunk) == items


def test_age_bands_of_target_groups():
    youth = band("Welche Angebote gibt es für Jugendliche?")
    assert fits(youth, "Alter: 14–18") and fits(youth, "für junge Erwachsene bis 21 Jahre")
    assert not fits(youth, "Kinder von 1 bis 3 Jahren und ihre Eltern")
    assert not fits(youth, "Alter: 6–12")  # shares one year only
    assert not fits(youth, "Zielgruppe: Eltern | Alter: Erwachsene")
    assert fits(youth, "Sprechstunde im Rathaus")  # names no group: kept
    assert band("Welche Angebote gibt es?") is None


def test_a_bulleted_web_list_is_answered_whole_for_the_asked_age(engine):
    answer = engine.ask("Welche Angebote gibt es für neu zugewanderte Jugendliche?")
    text = answer.text
    for name in ("Wortwechsel", "Erster Schritt", "Fair Play", "Mathe ohne Grenzen"):
        assert name in text, text
    assert "Kleine Welt" not in text  # for toddlers and their parents
    for furniture in ("Startseite", "Impressum", "https://", "[Leichte Sprache]", "Foto:"):
        assert furniture not in text
    assert answer.items and all(i["citations"] for i in answer.items)
    assert text.startswith("Die Dokumente nennen ")


def test_rows_of_a_wrapped_pdf_table_narrowed_to_the_asked_district(engine):
    answer = engine.ask("Welche Angebote gibt es im Stadtteil Weststadt?")
    assert "Offene Lernzeit" in answer.text and "Kletter-AG" in answer.text, answer.text
    assert "Elterncafé" not in answer.text and "Nähwerkstatt" not in answer.text
    pages = {c.page for c in answer.citations if c.document == "angebotsliste-2024.pdf"}
    assert pages == {1}
    data = answer.to_dict()
    assert {"Offene Lernzeit für Seiteneinsteiger", "Kletter-AG für neu zugewanderte Kinder "
            "und Jugendliche"} <= {i["name"] for i in data["items"]}
    assert "|" not in answer.text  # prose, not raw "Feld: Wert | …" rows


def test_named_paragraphs_are_one_list_of_networks(engine):
    answer = engine.ask("Welche Netzwerke und Gremien gibt es in Musterstadt?")
    for name in ("Forum Vielfalt Musterstadt", "Steuerungsgruppe Bildung",
                 "Stadtteilkonferenz Weststadt"):
        assert name in answer.text, answer.text
    assert len(answer.items) == 3


def test_a_balance_counts_the_targets_by_status(engine):
    answer = engine.ask("Wo stehen wir bei der Umsetzung unserer Ziele?")
    first = answer.text.split("\n", 1)[0]
    assert first.startswith("Von 5 Zielen sind 2 erreicht, 2 teilweise erreicht und "
                            "1 nicht erreicht"), answer.text
    assert answer.citations[0].document == "gremienbericht.docx"


def test_different_figures_for_one_year_are_named(engine):
    answer = engine.ask("Wie viele neu zugewanderte Schulkinder gab es 2023 in Musterstadt?")
    assert "Die Quellen weichen ab: " in answer.text, answer.text
    assert "640" in answer.text.split("weichen ab")[1] and "712" in answer.text
    line = next(s for s in answer.sentences if s.text.startswith("Die Quellen weichen ab"))
    assert {answer.citations[n - 1].document for n in line.citations} == {
        "jahresbericht-2023.pdf", "schulbericht-2024.pdf"}


def test_a_list_of_gaps_does_not_answer_which_offers_exist():
    from assistant.answer.listed import of_gaps
    from assistant.answer.lists import Item

    gaps = [Item("a", "Im Stadtteil Nord gibt es kein Angebot für Jugendliche."),
            Item("b", "Für Eltern fehlen Sprachkurse am Abend."),
            Item("c", "Sprachcafé im Jugendhaus Mitte.")]
    assert of_gaps(gaps)
    conditions = [Item("a", "das Kind nicht widerspricht"), Item("b", "ohne Begleitung"),
                  Item("c", "die Eltern zustimmen")]
    assert not of_gaps(conditions)  # unmet conditions are no gaps


def test_a_plain_question_keeps_the_sentence_answer(engine):
    answer = engine.ask("Wann wurde das Forum Vielfalt gegründet?")
    assert not answer.items and "2017" in answer.text


def test_switched_off_lists_answer_with_sentences(engine, e5):
    off = Engine.open(engine.settings.replace(complete_lists=False), embedder=e5)
    answer = off.ask("Welche Netzwerke und Gremien gibt es in Musterstadt?")
    assert not answer.items


def test_list_scores_count_items_found_and_excluded_ones():
    q = parse_question({
        "id": "x", "question": "Welche Angebote?", "answerable": True, "answer_type": "list",
        "items": [{"name": "Sprachwerkstatt", "aliases": ["Wortwechsel"]},
                  {"name": "Boxprojekt"}],
        "excluded": ["Krabbelgruppe"]}, "x")
    answer = {"answer": "- Wortwechsel [1]\n- Krabbelgruppe [1]", "abstained": False,
              "items": [{"text": "Wortwechsel"}, {"text": "Krabbelgruppe"}]}
    assert complete_scores(q, answer) == {"item_recall": 0.5, "item_precision": 0.5}
    balance = parse_question({"id": "b", "question": "Wo stehen wir?", "answerable": True,
                              "balance": {"erreicht": 2, "nicht erreicht": 1}}, "b")
    said = {"answer": "Von 3 Zielen sind 2 erreicht und 1 nicht erreicht [1].",
            "abstained": False}
    assert complete_scores(balance, said) == {"balance_right": 1.0}
    assert complete_scores(balance, {**said, "answer": "2 erreicht"}) == {"balance_right": 0.0}
    figures = parse_question({"id": "c", "question": "Wie viele?", "answerable": True,
                              "contradiction": True, "figures": ["640", "712"]}, "c")
    named = {"answer": "Die Quellen weichen ab: 640 [1] gegenüber 712 [2].", "abstained": False}
    assert complete_scores(figures, named) == {"contradiction_named": 1.0}
    assert json.dumps(complete_scores(figures, {"answer": "640", "abstained": False}))


def test_a_model_overview_keeps_only_sentences_the_list_supports(engine):
    from assistant.answer.listprose import with_overview

    listed = engine.ask("Welche Netzwerke und Gremien gibt es in Musterstadt?")
    text = ("Musterstadt hat 3 Gremien [1]. Das Forum Vielfalt besteht seit 2017 [1]. "
            "Insgesamt sind 45 Organisationen beteiligt [1]. Es gibt viele Gremien.")
    answer = with_overview(listed, text)
    assert answer.text.startswith("Musterstadt hat 3 Gremien [1]. Das Forum Vielfalt "
                                  "besteht seit 2017 [1].\n\n" + listed.text)
    assert "45" not in answer.text  # a figure the list does not hold
    assert answer.notes[-1] == "2 Sätze des Sprachmodells nicht durch die Liste belegt und " \
                               "weggelassen"
    assert answer.items == listed.items


@pytest.mark.slow
def test_the_language_model_writes_over_the_whole_list(engine, e5):
    from tests.test_llm_backends import GGUF, MAX_TOKENS, N_CTX

    if not GGUF.is_file():
        pytest.skip(f"Modell nicht zusammengesetzt ({GGUF})")
    llm = Engine.open(engine.settings.replace(llm_model_path=GGUF, llm_context_tokens=N_CTX,
                                              llm_max_tokens=MAX_TOKENS), embedder=e5)
    answer = llm.ask("Welche Netzwerke und Gremien gibt es in Musterstadt?", llm="llama-cpp")
    for name in ("Forum Vielfalt Musterstadt", "Steuerungsgruppe Bildung",
                 "Stadtteilkonferenz Weststadt"):
        assert name in answer.text, answer.text
    assert len(answer.items) == 3 and "generate" in answer.timings_ms
    numbers = {c.n for c in answer.citations}
    assert all(set(s.citations) <= numbers and s.citations for s in answer.sentences)


def test_web_furniture_is_recognised_by_its_form():
    from assistant.ingest.webtext import strip_furniture

    lines = WEB_PAGE.split("\n")
    kept = [line for line in strip_furniture(lines) if line.strip()]
    assert kept[0].startswith("Jugendangebote für neu zugewanderte")
    assert not any(line.startswith(("Startseite", "[", "Quelle:", "Foto:", "Impressum"))
                   for line in kept)
    assert len(kept) == 7  # title, introduction, five offers
    names = ["Einleitung mit einem Satz.", "Arabisch", "Türkisch", "Russisch", "",
             "Weiter im Text."]
    assert strip_furniture(names) == names  # short lines inside the text stay


def test_bullets_of_a_pdf_are_list_items_of_the_passage(tmp_path, e5):
    folder = tmp_path / "pdf"
    folder.mkdir()
    make_pdf(folder / "angebote.pdf", [[
        "Angebote der Jugendberufshilfe Musterstadt",
        "Die Jugendberufshilfe bietet neu zugewanderten jungen Menschen:",
        "• Berufsorientierung in kleinen Gruppen",
        "• Begleitung zu Praktika in Betrieben",
        "• Sprechstunden für Eltern"]], label_offset=0)
    engine = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5)
    engine.ingest([folder])
    [chunk] = engine.retriever.passages_of("angebote.pdf")
    assert [chunk.text[a:b] for a, b in chunk.items] == [
        "Berufsorientierung in kleinen Gruppen", "Begleitung zu Praktika in Betrieben",
        "Sprechstunden für Eltern"]
    answer = engine.ask("Welche Angebote bietet die Jugendberufshilfe?")
    assert [i["name"] for i in answer.items] == [
        "Berufsorientierung in kleinen Gruppen", "Begleitung zu Praktika in Betrieben",
        "Sprechstunden für Eltern"], answer.text
