"""Pure metric functions: ranking quality, label matching, percentiles. No I/O, no models.

Ranking metrics follow the MTEB / pytrec_eval (trec_eval) definitions with binary relevance:

- a ranking is given as ``covers``: for each rank (best first) the set of relevant items that
  result matches (empty when it matches none). A result gains 1 only if it matches a relevant
  item that no better-ranked result matched already, so a duplicate in the ranking gains
  nothing (trec_eval never sees duplicates; this is the natural extension);
- nDCG@k = DCG/IDCG, DCG = Σ gain_i / log2(i + 1) over ranks i = 1..k, IDCG = the same for
  min(|relevant|, k) gains of 1;
- MRR@k = 1/rank of the first relevant result within k (0 if none);
- recall@k = |relevant items matched in the top k| / |relevant|; undefined (None) without
  relevant items, so such questions drop out of the mean instead of counting as 0 or 1.
- ties in scores are broken like trec_eval: higher score first, then document id descending.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence

Covers = Sequence[Collection[Hashable]]


# --- rankings ---------------------------------------------------------------------------
def rank_by_score(scores: Mapping[str, float]) -> list[str]:
    """Ids ordered as trec_eval orders them: score descending, ties by id descending."""
    return sorted(scores, key=lambda i: (scores[i], i), reverse=True)


def gains(covers: Covers, k: int) -> list[int]:
    """Binary gain per rank in the top ``k``: 1 where a not yet matched relevant item appears."""
    seen: set = set()
    out = []
    for matched in list(covers)[:k]:
        new = set(matched) - seen
        out.append(1 if new else 0)
        seen |= new
    return out


def hit_at_k(covers: Covers, k: int) -> float:
    return 1.0 if any(gains(covers, k)) else 0.0


def recall_at_k(covers: Covers, relevant: Collection[Hashable], k: int) -> float | None:
    if not relevant:
        return None
    found = set().union(*[set(c) for c in list(covers)[:k]]) if covers else set()
    return len(found & set(relevant)) / len(set(relevant))


def mrr_at_k(covers: Covers, k: int = 10) -> float:
    for rank, gain in enumerate(gains(covers, k), start=1):
        if gain:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(covers: Covers, n_relevant: int, k: int = 10) -> float | None:
    if n_relevant <= 0:
        return None
    dcg = sum(g / math.log2(i + 1) for i, g in enumerate(gains(covers, k), start=1))
    idcg = sum(1.0 / math.log2(i + 1) for i in range(1, min(n_relevant, k) + 1))
    return dcg / idcg


def covers_for(ranking: Sequence[Hashable], relevant: Collection[Hashable]) -> list[set]:
    """Turn a ranked list of ids into ``covers`` for a set of relevant ids."""
    rel = set(relevant)
    return [{item} if item in rel else set() for item in ranking]


# --- aggregates -------------------------------------------------------------------------
def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values; None when there are none."""
    vals = [float(v) for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile with linear interpolation (numpy's default method)."""
    vals = sorted(float(v) for v in values)
    if not vals:
        return None
    pos = (len(vals) - 1) * q / 100.0
    low = math.floor(pos)
    high = min(low + 1, len(vals) - 1)
    return vals[low] + (vals[high] - vals[low]) * (pos - low)


# --- label matching ---------------------------------------------------------------------
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = {**dict.fromkeys(map(ord, "\u201e\u201c\u201d\u00ab\u00bb"), '"'),
           **dict.fromkeys(map(ord, "\u201a\u2018\u2019\u2039\u203a"), "'")}
# a hyphen between a word and a lower-case continuation: "Sprach- förderung", "Sprach-\nförd…"
_HYPHENATION = re.compile(r"(?<=\w)-\s*(?=[a-zäöüß])")


def normalise(text: str) -> str:
    """Text as the evidence matcher compares it: Unicode NFKC, no soft hyphens or invisible
    characters, one kind of dash and quote, hyphenation at line ends undone (also "Bildungs-
    und" → "bildungsund": harmless, because both sides are normalised alike), single spaces,
    case-folded."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.translate(_DASHES).translate(_QUOTES)
    text = _HYPHENATION.sub("", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def evidence_in(text: str, evidence: Sequence[str]) -> frozenset[str]:
    """The evidence strings (as given) that occur in ``text``."""
    hay = normalise(text)
    return frozenset(e for e in evidence if normalise(e) and normalise(e) in hay)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[^\W\d_]+")


def key_terms(evidence: str) -> tuple[str, ...]:
    """What an answer must contain to count as covering ``evidence`` when it paraphrases:
    its numbers if it has any, else its longer words (≥ 5 letters)."""
    text = normalise(evidence)
    numbers = tuple(_NUMBER.findall(text))
    return numbers or tuple(w for w in _WORDS.findall(text) if len(w) >= 5)


def covers_evidence(text: str, evidence: str) -> bool:
    """True if ``text`` contains ``evidence`` or all of its key numbers/terms."""
    hay = normalise(text)
    if normalise(evidence) in hay:
        return True
    keys = key_terms(evidence)
    if not keys:
        return False
    tokens = set(_NUMBER.findall(hay)) | set(_WORDS.findall(hay))
    return all(k in tokens for k in keys)


def page_key(document: str, page: int | None, documents: Collection[str],
             pages: Collection[tuple[str, int]]) -> tuple[str, int | None] | None:
    """The labelled (document, page) this source matches, (document, None) for a labelled
    document without page labels, or None when it matches no label."""
    if document not in documents:
        return None
    labelled = {p for d, p in pages if d == document}
    if not labelled:
        return (document, None)
    return (document, page) if page in labelled else None


def relevant_pages(documents: Sequence[str], pages: Collection[tuple[str, int]]
                   ) -> set[tuple[str, int | None]]:
    """The relevant set at document/page level: labelled pages, or documents without pages."""
    out: set[tuple[str, int | None]] = set()
    for doc in documents:
        labelled = {(d, p) for d, p in pages if d == doc}
        out |= labelled or {(doc, None)}
    return out


_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def citation_markers(text: str) -> list[int]:
    """Citation numbers used in an answer text: "[1]", "[2, 3]"."""
    return [int(n) for group in _MARKER.findall(text) for n in group.split(",")]


def citations_valid(text: str, citations: Sequence[Mapping]) -> bool:
    """Every marker resolves to a citation, every citation names a document and a passage,
    and an answer that cites nothing is not valid."""
    numbers = {c.get("n") for c in citations}
    markers = citation_markers(text)
    if not markers or not citations:
        return False
    complete = all(c.get("document") and str(c.get("text") or "").strip() for c in citations)
    return complete and all(m in numbers for m in markers)
