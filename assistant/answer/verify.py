"""Check a generated answer against the passages it cites.

1. Citations: ``[n]``, ``[n, m]``, ``[n-m]`` and ``[Quelle n]`` are read; numbers that name
   no passage given to the model are dropped; the rest are renumbered densely in order of
   first use, so ``[k]`` in the final text is ``Answer.citations[k-1]``.
2. Sentences: each sentence is scored against the passages it cites. Support is the share
   of its content terms (German stems, ``assistant.text.terms``) found in those passages,
   raised to the embedding similarity where an embedder is given. A sentence is *supported*
   when that share reaches the threshold and every figure it states occurs in a cited
   passage. Sentences without a citation are unsupported, except the refusal and lead-ins
   ending in ':'. Unsupported sentences are marked in the text with ``UNSUPPORTED_MARK``.
3. Refusal: an answer whose every sentence says the sources do not cover the question is
   an abstention (also when the model put a citation behind it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from assistant.text import split_sentences, terms, words
from assistant.types import Citation, Sentence, Source

REFUSAL_TEXT = "Dazu finde ich in den vorliegenden Quellen keine Angabe."
ABSTAIN_TEXT = (
    f"{REFUSAL_TEXT} Bitte die Frage anders formulieren, Filter prüfen oder fehlende "
    "Unterlagen hinzufügen."
)
UNSUPPORTED_MARK = "⚠ (nicht belegt)"
SUPPORT_THRESHOLD = 0.5

_CITE = re.compile(r"\[(?:Quellen?\s*)?(\d+(?:\s*(?:,|;|-|–|und)\s*\d+)*)\]", re.IGNORECASE)
_REFUSAL = re.compile(
    r"keine\s+(?:\w+\s+){0,2}(?:Angaben?|Informationen?|Aussagen?|Hinweise?|Daten)\b"
    r"|(?:nicht|nichts)\s+(?:\w+\s+){0,3}(?:in|aus)\s+den\s+(?:vorliegenden\s+|gegebenen\s+)?"
    r"Quellen|Quellen\s+(?:enthalten|nennen|beantworten|geben)\s+(?:\w+\s+){0,3}"
    r"(?:keine|nicht|nichts)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def looks_german(text: str) -> bool:
    """Whether German is the most likely language of ``text`` (py3langid, its model ships in
    the package). Texts under four words count as German."""
    cleaned = _CITE.sub(" ", text).replace("**", " ")
    if len([w for w in words(cleaned) if not w.isdigit()]) < 4:
        return True
    language, _ = _language_identifier().classify(cleaned)
    return language == "de"


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def citation_for(source: Source, n: int) -> Citation:
    return Citation.from_source(n, source)


def is_refusal(sentence: str) -> bool:
    return bool(_REFUSAL.search(sentence))


def _numbers_in(match: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*(?:,|;|und)\s*", match):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            lo, hi = int(bounds[0]), int(bounds[1])
            out.extend(range(lo, hi + 1) if 0 < hi - lo < 10 else (lo, hi))
        else:
            out.extend(int(b) for b in bounds if b.isdigit())
    return out


@dataclass(frozen=True)
class Renumbered:
    text: str
    order: tuple[int, ...]  # prompt numbers in order of first use; final n = index + 1
    dropped: tuple[int, ...]  # numbers that named no passage


def renumber(text: str, n_passages: int) -> Renumbered:
    """Drop invalid citation numbers and renumber the rest densely by first use."""
    order: list[int] = []
    dropped: list[int] = []

    def swap(m: re.Match) -> str:
        nums = []
        for k in _numbers_in(m.group(1)):
            if 1 <= k <= n_passages:
                if k not in order:
                    order.append(k)
                new = order.index(k) + 1
                if new not in nums:
                    nums.append(new)
            elif k not in dropped:
                dropped.append(k)
        return "".join(f"[{k}]" for k in nums)

    out = _CITE.sub(swap, text)
    out = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", out))
    return Renumbered(out, tuple(order), tuple(dropped))


def _figures(text: str) -> set[str]:
    """Figures in a text, thousands separators removed ('1.240' and '1240' are equal)."""
    out = set()
    for raw in _NUMBER.findall(text):
        out.add(re.sub(r"[.](?=\d{3}\b)", "", raw).replace(",", "."))
    return out


def _units(line: str) -> list[str]:
    """Sentences of one line; a citation-only piece ('[2].') joins the sentence before it."""
    out: list[str] = []
    for seg in split_sentences(line):
        if out and not _CITE.sub("", seg).strip(" .,;:"):
            out[-1] = f"{out[-1]} {seg}"
        else:
            out.append(seg)
    return out


def _plain(sentence: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITE.sub("", _BULLET.sub("", sentence))).strip()


@dataclass(frozen=True)
class Checked:
    text: str  # renumbered, unsupported sentences marked
    citations: tuple[Citation, ...]
    sentences: tuple[Sentence, ...]
    abstained: bool
    notes: tuple[str, ...]


class Verifier:
    """Scores sentences against cited passages; ``embedder`` (optional) adds meaning."""

    def __init__(self, embedder=None, threshold: float = SUPPORT_THRESHOLD) -> None:
        self.embedder = embedder
        self.threshold = threshold

    def support(self, sentence: str, passages: list[str]) -> float:
        s_terms = set(terms(sentence))
        if not s_terms or not passages:
            return 0.0
        p_terms = set(terms(" ".join(passages)))
        lexical = len(s_terms & p_terms) / len(s_terms)
        if self.embedder is None or lexical >= self.threshold:
            return lexical
        q = self.embedder.embed_query(sentence)
        cos = float(np.max(self.embedder.embed_passages(passages) @ q))
        return max(lexical, float(np.clip((cos - 0.82) / 0.10, 0.0, 1.0)))

    def attribute(self, sentence: str, passages: list[Citation]) -> int | None:
        """The prompt number of the one passage that carries an uncited sentence (all its
        figures, support above the threshold), or None."""
        best, best_k = 0.0, None
        for k, passage in enumerate(passages, start=1):
            if _figures(sentence) - _figures(passage.text):
                continue
            score = self.support(sentence, [passage.text])
            if score > best:
                best, best_k = score, k
        return best_k if best >= self.threshold else None

    def check(self, text: str, passages: list[Citation]) -> Checked:
        """Citations, sentences and support of a model's raw text; ``passages[i]`` is the
        passage the prompt numbered ``i + 1``."""
        ren = renumber(text.strip(), len(passages))
        order = list(ren.order)  # prompt number of the passage behind answer number i + 1
        attributed = corrected = 0
        notes = []
        if ren.dropped:
            dropped = ", ".join(map(str, ren.dropped))
            notes.append(f"ungültige Quellennummer(n) entfernt: {dropped}")
        lines_out: list[str] = []
        sentences: list[Sentence] = []
        refused = False
        for line in ren.text.splitlines():
            if not line.strip():
                lines_out.append("")
                continue
            bullet = _BULLET.match(line)
            prefix = bullet.group(0) if bullet else ""
            pieces = []
            for unit in _units(line[len(prefix):]):
                cited = tuple(dict.fromkeys(_numbers_in(",".join(_CITE.findall(unit)))))
                plain = _plain(unit)
                if not terms(plain) or (plain.endswith(":") and not cited):
                    pieces.append(unit)  # a heading or lead-in, not a claim
                    continue
                if not cited and is_refusal(plain):
                    refused = True
                    sentences.append(Sentence(plain, (), True, 1.0))
                    pieces.append(unit)
                    continue
                cited_texts = [passages[order[n - 1] - 1].text for n in cited]
                score = self.support(plain, cited_texts) if cited else 0.0
                missing = _figures(plain) - _figures(" ".join(cited_texts))
                ok = bool(cited) and score >= self.threshold and not missing
                # no number, or a wrong one: cite the passage that carries the sentence
                k = None if ok else self.attribute(plain, passages)
                if k and k not in {order[n - 1] for n in cited}:
                    if k not in order:
                        order.append(k)
                    attributed += not cited
                    corrected += bool(cited)
                    cited = (order.index(k) + 1,)
                    unit = f"{_CITE.sub('', unit).rstrip()} [{cited[0]}]"
                    score, ok = self.support(plain, [passages[k - 1].text]), True
                sentences.append(Sentence(plain, cited, ok, round(score, 3)))
                pieces.append(unit if ok else f"{unit} {UNSUPPORTED_MARK}")
            lines_out.append(prefix + " ".join(pieces))
        # a refusal, even a cited one ("keine Angabe [1]"), with nothing else is an abstention
        abstained = bool(sentences) and all(is_refusal(s.text) for s in sentences) and (
            refused or not any(s.supported for s in sentences))
        if abstained:
            return Checked(ABSTAIN_TEXT, (), tuple(sentences), True, tuple(notes))
        return _finished("\n".join(lines_out).strip(), order, sentences, notes, passages,
                         attributed, corrected, ren.text)


def _finished(out: str, order: list[int], sentences: list[Sentence], notes: list[str],
              passages: list[Citation], attributed: int, corrected: int, raw: str) -> Checked:
    """The checked answer: numbers in order of first use again after corrections, the
    citations behind them, and a note for each correction and each unsupported sentence."""
    if attributed:
        notes.append(f"{attributed} Satz/Sätze ohne Quellenangabe der belegenden Quelle "
                     "zugeordnet")
    if corrected:
        notes.append(f"{corrected} falsche Quellenangabe(n) durch die belegende Quelle "
                     "ersetzt")
    if attributed or corrected:  # numbers in order of first use again
        again = renumber(out, len(order))
        new_n = {old: i + 1 for i, old in enumerate(again.order)}
        out, order = again.text, [order[old - 1] for old in again.order]
        sentences = [replace(s, citations=tuple(new_n[n] for n in s.citations))
                     for s in sentences]
    citations = tuple(replace(passages[k - 1], n=i + 1) for i, k in enumerate(order))
    if not looks_german(raw):
        notes.append("Die Antwort ist offenbar nicht auf Deutsch")
    bad = sum(1 for s in sentences if not s.supported)
    if bad:
        notes.append(f"{bad} von {len(sentences)} Sätzen nicht durch die zitierten "
                     "Quellen belegt")
    return Checked(out, citations, tuple(sentences), False, tuple(notes))
