"""The sentence after a fact answer's best sentence, when it says a rare part of what was
asked.

A text often names its subject in one sentence and gives the fact in the next ("Später
wurde ein Brief gefunden. Er war auf Latein geschrieben, bis auf …"): the first matches the
question's words, the answer stands in the second. The next statement of the same passage
joins the answer when it holds a concept of the question (``term_groups``) that the best
sentence lacks and that is rare: its weight (idf) at least ``continuation_rarity`` times
that of the rarest question concept the documents use (``assistant.params``; set on the
dev parts, see ``eval/RESULTS.md``). A common word shared by chance ("Kind", "neu") does
not pull a sentence in; a word no document uses sets no bar.
"""

from __future__ import annotations

import math

from assistant import params
from assistant.search.rerank import Scored, statements
from assistant.search.retrieve import Vocabulary
from assistant.text import term_groups


def continuation(question: str, best: Scored, scored: list[Scored],
                 vocabulary: Vocabulary) -> Scored | None:
    """The statement after ``best`` in its passage, if it adds a rare concept of the
    question; else None."""
    bar = params.current().continuation_rarity
    if bar == math.inf:
        return None
    _, src, unit, said = best
    units = statements(src)
    at = units.index(unit) if unit in units else len(units)
    if at + 1 >= len(units):
        return None
    follow = next((s for s in scored if s[1].chunk.id == src.chunk.id
                   and s[2] == units[at + 1]), None)
    if follow is None:  # it only echoes the question
        return None
    weight = {g: max(vocabulary.idf(t) for t in g) for g in set(term_groups(question))
              if any(vocabulary.knows(t) for t in g)}
    rarest = max(weight.values(), default=0.0)
    added = [w for g, w in weight.items() if not g & said and g & follow[3]]
    return follow if added and max(added) >= bar * rarest else None
