"""German text analysis shared by chunking, lexical retrieval and answer composition.

Sentence boundaries come from pysbd (German rules) with a repair pass for legal and
administrative abbreviations it splits on ("Abs.", "Gem.", "Nr.", "Ziff." …). Terms are
lower-cased word tokens without German stopwords, reduced with the Snowball stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pysbd
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

# Abbreviations after which a sentence never ends in administrative German.
_ABBREVIATIONS = {
    "abs", "art", "bzw", "ca", "d", "dr", "evtl", "gem", "ggf", "h", "hr", "fr", "i", "inkl",
    "insb", "lt", "max", "min", "mind", "nr", "o", "prof", "s", "sog", "std", "str", "tel",
    "u", "usw", "vgl", "z", "zzgl", "ziff", "bspw", "gg", "abschn", "kap", "anl", "lfd",
    "jhd", "jh", "mio", "mrd", "tsd", "rd", "zt", "a", "b", "v", "e", "etc", "geb", "j",
}
MONTHS = (
    "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
)
# letters of any alphabet (names like "Şahin" or "Gökçe" stay whole), digits; "1.240" whole
# (superscript digits are footnote marks, not part of a word)
_WORD = re.compile(r"[^\W_\u00b2\u00b3\u00b9\u2070-\u209f]+(?:[.,][0-9]+)*")
# a footnote number the PDF extractor glued to its word: "Seiteneinsteiger12"
_FOOTNOTE_GLUED = re.compile(r"([^\W\d_]{3,})([0-9]{1,3})")
# typographic ligatures some PDF fonts map to one character ("Qualiﬁzierung")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_EXTRA_STOPWORDS = {
    "gibt", "gibts", "gib", "welche", "welcher", "welches", "wer", "wie", "was", "wo", "wann",
    "warum", "viele", "vielen", "bereits", "schon", "eigentlich", "denn", "bitte", "uns",
    "unsere", "unserer", "unseren", "unserem", "wir", "kommune", "stadt", "s",
    # question words and pronominal adverbs ("Woran liegt es …?"): no document answers
    # with them, and as unknown terms they would weigh most in a question's terms
    "woran", "worauf", "woraus", "worin", "worum", "worüber", "wovon", "wovor", "wozu",
    "wofür", "womit", "wodurch", "wohin", "woher", "weshalb", "wieso", "weswegen",
    "inwiefern", "inwieweit", "wieviel", "wieviele", "wem", "wen", "wessen",
    # forms of auxiliary and modal verbs the list lacks ("Was wurde … beschlossen?")
    "wurde", "wurden", "wurdest", "worden", "geworden", "wäre", "wären", "konnte",
    "konnten", "müssen", "musste", "mussten", "sollen", "sollten", "darf", "dürfen",
    "durfte", "gab", "gäbe",
}
STOPWORDS = frozenset(STOPWORDS_GERMAN) | _EXTRA_STOPWORDS
# split off feminine plurals ("Schüler|innen"): not a word of their own
_NOT_PARTS = frozenset({"innen"})


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="de", clean=False)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


# list-marker glyphs of PDF fonts (Symbol, Wingdings: private-use code points, shown as boxes)
# and the DEL some PDFs write for "•": read as "•" once, at ingest (``assistant.ingest.parse``)
BULLET_GLYPHS = str.maketrans(dict.fromkeys("\x7f\uf0b7\uf0a7\uf0d8\uf076\uf0fc", "•"))


def clean_chars(text: str) -> str:
    """Unicode NFC, ligatures spelled out, no soft hyphens or zero-width characters,
    non-breaking spaces as spaces; line breaks and spacing untouched."""
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def normalize(text: str) -> str:
    """``clean_chars`` and single spaces."""
    return re.sub(r"[ \t]+", " ", clean_chars(text)).strip()


def _glued_to_previous(previous: str, segment: str) -> bool:
    """True where pysbd split after an abbreviation or an ordinal ("Abs. 2", "12. März")."""
    m = re.search(r"(\w+)\.\s*$", previous)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in _ABBREVIATIONS:
        return True
    if word.isdigit():
        first = segment[:1]
        return first.islower() or first.isdigit() or bool(
            re.match(rf"({MONTHS})\b", segment, re.IGNORECASE)
        )
    return False


# the end of a sentence: its punctuation, perhaps inside closing quotes or brackets
_ENDED = re.compile(r"[.!?…:;][\"'“”»«)\]]*$")


def _cut_before_number(previous: str, segment: str, gap: str) -> bool:
    """True where pysbd split inside a line before a number ("vor dem | 6. August 2016",
    "des | 18. und | 19. Jahrhunderts"): the part before ends with no punctuation. A line
    break is a real boundary (a heading, then a numbered list)."""
    return "\n" not in gap and segment[:1].isdigit() and not _ENDED.search(previous)


def split_sentences(text: str) -> list[str]:
    """Split German prose into sentences, keeping abbreviations and dates intact."""
    text = normalize(text)
    if not text:
        return []
    out: list[str] = []
    end = 0
    for seg in _segmenter().segment(text):
        seg = seg.strip()
        if not seg:
            continue
        start = text.find(seg, end)
        gap = text[end:start] if start >= 0 else " "
        end = start + len(seg) if start >= 0 else end
        if out and (_glued_to_previous(out[-1], seg) or _cut_before_number(out[-1], seg, gap)):
            out[-1] = f"{out[-1]} {seg}"
        else:
            out.append(seg)
    return out


def words(text: str) -> list[str]:
    """Lower-cased word tokens (umlauts kept, numbers like 1.240 kept whole)."""
    out = []
    for w in _WORD.findall(normalize(text)):
        glued = _FOOTNOTE_GLUED.fullmatch(w)
        out.extend(glued.groups() if glued else (w,))
    return [w.lower() for w in out]


@lru_cache(maxsize=200_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """Parts of a German compound ("wartezeit" → "warte", "zeit"), recursively; empty when
    the splitter is not confident. Lets "warten" find "Wartezeit"."""
    if len(word) < 9 or not word.isalpha():
        return ()
    from compound_split import char_split

    score, left, right = char_split.split_compound(word)[0]
    if score < 0.5:
        return ()
    left, right = left.lower(), right.lower()
    return (left, right, *compound_parts(left), *compound_parts(right))


def stem(word: str) -> str:
    """The German stem of one lower-case word (Snowball), as in ``terms``."""
    return _stemmer().stemWord(word)


# a past participle, also as an adjective: "zugewanderten", "angemeldet", "gefördert",
# "vorgeschlagene" – its "ge" between prefix and verb hides it from its noun ("Zuwanderung")
_PARTICIPLE = re.compile(
    r"^(an|auf|aus|ab|bei|ein|mit|nach|vor|zu|zurück|fest|teil|um|dar|her|hin|weg|los|"
    r"statt|wieder)?ge([a-zäöüß]{3,}?)(?:e?t|en)(?:e|en|er|es|em)?$")


def participle_noun(word: str) -> str:
    """The "-ung" noun a participle's verb makes ("zugewanderte" → "zuwanderung",
    "angemeldet" → "anmeldung", "vorgeschlagen" → "vorschlagung", whose stem is that of
    "Vorschlag"), or "" – so that a question's verb finds the documents' noun and back.
    Words of that shape that are no participle ("Gesundheit") give a term nothing else has."""
    m = _PARTICIPLE.match(word)
    return f"{m.group(1) or ''}{m.group(2)}ung" if m else ""


def _grouped(text: str) -> list[list[str]]:
    """Stemmed terms of ``text``, one list per concept: a word's stem with its participle's
    noun, then each compound part on its own; every stem followed by its vowel-changed
    noun (``_ABLAUT``) where it has one. Stemmed in one call, as that is the costly part."""
    raw: list[list[str]] = []
    for w in words(text):
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
            continue
        noun = participle_noun(w)
        raw.append([w, noun] if noun else [w])
        raw.extend([p] for p in compound_parts(w)
                   if p not in STOPWORDS and p not in _NOT_PARTS and len(p) > 2)
    stems = iter(_stemmer().stemWords([t for group in raw for t in group]))
    out = []
    for group in raw:
        stemmed = []
        for term in (next(stems) for _ in group):
            stemmed.append(term)
            noun = _ablaut_noun(term)
            if noun != term:
                stemmed.append(noun)
        out.append(stemmed)
    return out


def term_groups(text: str) -> list[frozenset[str]]:
    """The terms of ``terms`` grouped by what they stand for: a word's stem together with
    the stems of its participle's noun ("beschlossen" → {"beschloss", "beschluss"}), and
    each compound part on its own. Terms of one group name one concept: a sentence that
    says "Beschlüsse" answers "Was wurde beschlossen?" as fully as one that says
    "beschlossen", so a score gives a group its credit once."""
    return [frozenset(group) for group in _grouped(text)]


def terms(text: str) -> list[str]:
    """Stemmed content terms plus the parts of compounds and the nouns of participles
    (``participle_noun``): what lexical retrieval and support scores compare. The first
    term of a word is its own stem."""
    return [t for group in _grouped(text) for t in group]


def _ablaut_noun(term: str) -> str:
    return _ABLAUT.sub(lambda m: _ABLAUT_NOUN[m.group(1)], term)


# strong verbs change their vowel between participle and noun: "beschlossen"/"Beschluss",
# "entschieden"/"Entscheidung", "empfohlen"/"Empfehlung", "zugewiesen"/"Zuweisung",
# "aufgenommen"/"Aufnahme", "abgebrochen"/"Abbruch", "zugezogen"/"Zuzug",
# "beschrieben"/"Beschreibung", "besprochen"/"Besprechung" (stems as Snowball makes them,
# participles after ``participle_noun``)
_ABLAUT_NOUN = {"schloss": "schluss", "schied": "scheid", "fohl": "fehl", "wies": "weis",
                "nomm": "nahm", "broch": "bruch", "zog": "zug", "schrieb": "schreib",
                "sproch": "sprech"}
_ABLAUT = re.compile(rf"(?<=\w)({'|'.join(_ABLAUT_NOUN)})$")


def terms_many(texts: list[str]) -> list[list[str]]:
    return [terms(t) for t in texts]
