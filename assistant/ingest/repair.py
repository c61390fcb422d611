"""Words that a PDF's text extraction split or glued, repaired from the document itself.

PDF pages hold positioned glyphs, not words; the extractor guesses spaces from the gaps.
Justified or letter-spaced text then reads "Integ ration", and tight kerning
"Kinderund". Such words match neither the question's words nor the index's, and read
badly in a citation. The repair needs no dictionary: the same document almost always
spells the word correctly elsewhere.

- split: "Integ ration" is joined when "integration" occurs in the document as one word
  and neither piece is a word in it: no function word, never alone ("so wie", "in dem",
  "neu zugewanderte" stay apart);
- glued: "und"/"oder" stuck to a word the document also uses alone ("Kinderund").

Glued capitals ("imStadtteil") are left alone: brand names are written so ("RuhrFutur").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.text import STOPWORDS

_TOKEN = re.compile(r"[^\W\d_]+")
# two letter runs with one space between them, the second starting small: a split candidate
# (the second word is only looked at, so it can start the next pair: "der Integ ration")
_PAIR = re.compile(r"(?<![/@.\w-])([^\W\d_]+) (?=([^\W\d_A-ZÄÖÜ][^\W\d_]*)\b)")
_GLUED_CONJUNCTION = re.compile(r"(?<![/@.\w-])([^\W\d_]{4,}?)(und|oder)\b")


@dataclass
class Vocabulary:
    """How often each word (lower case) stands alone in a document, and how often each
    pair of words stands side by side as ``_PAIR`` finds them."""

    words: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        vocab = cls()
        for text in texts:
            vocab.words.update(t.lower() for t in _TOKEN.findall(text))
            vocab.pairs.update((a.lower(), b.lower()) for a, b in _PAIR.findall(text))
        return vocab


def repair(text: str, vocab: Vocabulary) -> str:
    """``text`` with split and glued words repaired against its document's ``vocab``."""
    words = vocab.words

    def join(m: re.Match) -> str:
        a, b = m.group(1).lower(), m.group(2).lower()
        # the whole word stands elsewhere, and neither piece is a word: no function word,
        # never alone ("so wie", "in dem", "neu zugewanderte" stay apart)
        pieces = all(p not in STOPWORDS and words[p] - vocab.pairs[(a, b)] <= 0
                     for p in (a, b))
        return m.group(1) if words[a + b] > 0 and pieces else m.group(0)

    def unglue_conjunction(m: re.Match) -> str:
        if words[m.group(0).lower()] > 1 or words[m.group(1).lower()] < 2:
            return m.group(0)
        return f"{m.group(1)} {m.group(2)}"

    text = _PAIR.sub(join, text)
    return _GLUED_CONJUNCTION.sub(unglue_conjunction, text)
