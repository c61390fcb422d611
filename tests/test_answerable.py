"""The answerability checks: absent concepts, asked years, answer types (pure functions)."""

from __future__ import annotations

from assistant import params
from assistant.answer.answerable import absent_concepts, year_factor, years
from assistant.answer.answertype import answer_type_factor, wanted
from assistant.text import terms

MISS = params.DEFAULT.type_miss  # weight of a sentence without the kind of answer asked for

CORPUS = ("Das Kommunale Integrationszentrum bietet Elternbildung in Gruppen an. Die Wartezeit "
          "auf einen Schulplatz betrug 2023 im Schnitt 39 Tage. Das Netzwerk trifft sich "
          "zweimal im Jahr zu einem Treffen.")
KNOWN = set(terms(CORPUS))


def absent(question: str) -> list[str]:
    return absent_concepts(question, KNOWN.__contains__)


def test_a_noun_no_document_uses_is_absent():
    assert absent("Wie hoch ist das Gesamtbudget des Kommunalen Integrationszentrums?") == [
        "Gesamtbudget"]
    assert absent("Wie viele Einbürgerungen gab es 2023?") == ["Einbürgerungen"]
    assert absent("Wie viele Schulungen gab es?") == ["Schulungen"]  # not "Schul" + "ungen"


def test_names_in_other_alphabets_stay_whole():
    known = set(terms("Frau Şahin leitet die Clearingstelle."))
    assert absent_concepts("Was macht Frau Şahin?", known.__contains__) == []
    assert absent_concepts("Was macht Frau Gökçe?", known.__contains__) == ["Gökçe"]


def test_names_are_told_from_other_nouns():
    question = "Wie lange warten Kinder in Dortmund auf eine Elternbildung beim BAMF?"
    assert absent(question) == ["Kinder", "Dortmund", "BAMF"]
    assert absent_concepts(question, KNOWN.__contains__, names=True) == ["Dortmund", "BAMF"]
    assert absent_concepts(question.lower(), KNOWN.__contains__, names=True) == [
        "dortmund", "bamf"]


def test_acronyms_count_as_nouns():
    assert absent("Wie viele DaZ-Lehrkräfte fehlen?") == ["DaZ", "Lehrkräfte"]


def test_questions_typed_in_lower_case_have_their_nouns_found_by_the_tagger():
    assert absent("wie hoch ist das gesamtbudget des kommunalen integrationszentrums?") == [
        "gesamtbudget"]
    assert absent("wie viele daz-lehrkräfte fehlen?") == ["daz", "lehrkräfte"]
    # verbs and adjectives are no concepts, also a verb the tagger only knows as a noun
    assert absent("wann trifft sich das netzwerk?") == []
    assert absent("an wen wende ich mich wegen elternbildung?") == []
    assert absent("wann trifft sich das netzwerk zu einem digitalen treffen?") == []


def test_known_words_inflections_and_new_compounds_of_known_words_are_not_absent():
    assert absent("Welche Elternbildungsgruppen gibt es?") == []
    assert absent("Wann ist das nächste Netzwerktreffen?") == []
    assert absent("Wie lange sind die Wartezeiten auf Schulplätze?") == []
    # plurals the stemmer keeps apart from their singular are read by their lemma
    assert absent("Welche Integrationszentren gibt es?") == []
    known = set(terms("Das Gymnasium am Park und das Museum nehmen Seiteneinsteiger auf."))
    assert absent_concepts("Nehmen Gymnasien oder Museen Seiteneinsteiger auf?",
                           known.__contains__) == []
    assert absent_concepts("Nehmen Gymnasien oder Realschulen Seiteneinsteiger auf?",
                           known.__contains__) == ["Realschulen"]


def test_first_word_general_nouns_and_nominalised_verbs_are_not_concepts():
    assert absent("Elternabende: wer organisiert sie?") == []
    assert absent("Kann jemand zum Übersetzen kommen, und wie oft im Jahr?") == []
    assert absent("Was hatten wir uns da mal vorgenommen, von Anfang an?") == []


def test_years_are_read_from_dates_and_school_years_not_from_other_numbers():
    assert years("Schuljahr 2022/23, Stichtag 15.10.2021, von 2019–2020 und 1999.") == {
        "2022", "2021", "2019", "2020", "1999"}
    assert years("Tel. 01234 567-2020, 12019 Einträge, 2.019,5 Euro, 2030,5 %") == set()


def test_sentences_that_miss_the_asked_year_count_less():
    assert year_factor(set(), "beliebig", "beliebig") == 1.0
    assert year_factor({"2019"}, "Seit 2019 läuft die Clearingstelle.", "") == 1.0
    assert year_factor({"2019"}, "Sie läuft seitdem.", "Im Jahr 2019 begann …") == 0.7
    assert year_factor({"2019"}, "Im Jahr 2022 kamen 1.240.", "2022 und 2021") == 0.4


def test_quantity_and_time_questions_want_a_number_or_a_date():
    many = "Wie viele Dolmetscherinnen haben wir im Pool?"
    assert answer_type_factor(many, "Im Pool sind rund 65 Dolmetscherinnen.") == 1.0
    # a number of something else counts less (rule einheit_im_satz), any number without it
    assert answer_type_factor(many, "Der Pool umfasst zwölf Sprachen.") == MISS
    with params.use(params.without(params.rules("einheit_im_satz"))):
        assert answer_type_factor(many, "Der Pool umfasst zwölf Sprachen.") == 1.0
    assert answer_type_factor(many, "Für Tigrinya fehlen Dolmetscherinnen im Pool.") == MISS
    when = "Wann trifft sich das Netzwerk das nächste Mal?"
    assert answer_type_factor(when, "Die nächste Sitzung findet am 11. Juni statt.") == 1.0
    assert answer_type_factor(when, "Das Treffen ist immer dienstags, meist am Dienstag.") == 1.0
    assert answer_type_factor(when, "Das Netzwerk trifft sich im Rathaus.") == MISS
    assert answer_type_factor("Seit wann gibt es die Clearingstelle?",
                              "Die Clearingstelle berät Familien.") == MISS
    # a date is no count
    assert answer_type_factor(many, "Seit dem 1. August 2019 gibt es den Pool.") == MISS
    assert answer_type_factor(many, "Zum 15. Oktober 2023 waren es 924.") == 1.0
    assert answer_type_factor("Wieviele Sprachmittler gibt es?",  # written as one word
                              "Für Tigrinya fehlen Dolmetscherinnen im Pool.") == MISS
    # a cost question wants an amount with its unit
    cost = "Was kostet ein Platz in der Ferienschule?"
    assert answer_type_factor(cost, "Ferienschule | Plätze: 45 | Land NRW") == MISS
    assert answer_type_factor(cost, "Ein Platz kostet 350 € für drei Wochen.") == 1.0
    money = wanted("Wie hoch ist das Budget des KI?")
    assert money and money.names.search("Fördersumme 1,2 Mio. Euro")
    assert not money.names.search("45 Plätze") and wanted(many) is None
    # a share ("Quote", "Anteil", "Prozent") is written with its unit too
    for ask in ("Wie hoch ist die Abbruchquote an Gymnasien?", "Wie hoch ist die Quote?",
                "Wie viel Prozent der Kinder besuchen eine Kita?", "Welchen Anteil haben "
                "Jugendliche an den Seiteneinsteigern?"):
        share = wanted(ask)
        assert share and "Anteil" in share.hint, ask
        assert answer_type_factor(ask, "1.047 Seiteneinsteiger besuchten die Schulen.") == MISS
        assert answer_type_factor(ask, "Die Quote liegt bei 34,6 % im Hafenviertel.") == 1.0
        assert answer_type_factor(ask, "Knapp die Hälfte von ihnen ist unter zehn.") == 1.0
    # which district has the highest rate asks for a district, not a share
    assert wanted("Welcher Stadtbezirk hat die höchste SGB-II-Quote?") is None
    # other questions take any sentence
    assert answer_type_factor("Wer leitet das KI?", "Leiterin des KI ist Dr. Albers.") == 1.0
    assert answer_type_factor("Welche Angebote gibt es?", "Es gibt ein Sprachcafé.") == 1.0


def test_a_question_typed_without_question_mark_is_read_as_one():
    from assistant.answer import as_question, sub_questions

    assert as_question("Wie viele Kinder kamen 2023") == "Wie viele Kinder kamen 2023?"
    assert as_question("  Seit wann gibt es  die Clearingstelle ") == \
        "Seit wann gibt es die Clearingstelle?"
    assert as_question("Fasse das Integrationskonzept zusammen") == \
        "Fasse das Integrationskonzept zusammen"  # a request, not a question
    assert as_question("Was wissen wir? Wo sind Lücken.") == "Was wissen wir? Wo sind Lücken."
    assert sub_questions(as_question("Welche Angebote gibt es? Welche Lücken sehen wir")) == [
        "Welche Angebote gibt es?", "Welche Lücken sehen wir?"]
    # pasted twice: answered once
    assert sub_questions("Welche Angebote gibt es? Wer hilft? Welche Angebote gibt es?") == [
        "Welche Angebote gibt es?", "Wer hilft?"]


def test_greetings_and_thanks_around_a_question_are_left_out():
    from assistant.answer import as_question

    assert as_question("Hallo, kurze Frage: Welche Netzwerke gibt es? Vielen Dank im Voraus!") \
        == "Welche Netzwerke gibt es?"
    assert as_question("Hallo zusammen, wie viele Kinder kamen 2023? Danke!") == \
        "Wie viele Kinder kamen 2023?"
    assert as_question("Liebe Kolleginnen und Kollegen, ich hätte eine Frage: Wer leitet das "
                       "KI? Viele Grüße") == "Wer leitet das KI?"
    # nothing else is cut: a "Gruß" asked about, "Dankesschreiben", an input of thanks only
    assert as_question("Was bedeutet Gruß in der Einladung?") == \
        "Was bedeutet Gruß in der Einladung?"
    assert as_question("Gibt es Dankesschreiben?") == "Gibt es Dankesschreiben?"
    assert as_question("Danke!") == "Danke!"


def test_a_word_beginning_a_sentence_is_no_noun_by_its_capital():
    assert absent("Frage zu den Zahlen: Passen die Angaben zusammen?") == ["Zahlen", "Angaben"]
    assert absent("Wir haben Gruppen. Elternabende gibt es auch?") == []
