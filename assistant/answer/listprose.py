"""A language model's overview of a complete list: the list itself comes from the documents
(``listed``), the model only writes two or three sentences over it (prompts/answer_list.txt).
A sentence of the model's is kept only when every figure in it stands in the list or is the
number of items, and it cites numbers the list uses; the rest is dropped with a note."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.types import Answer, Sentence

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_CITED = re.compile(r"\[(\d+)\]")


def table_lines(answer: Answer) -> str:
    """The list as the model sees it: one line per item with its citation numbers."""
    return "\n".join(f"- {i['text']} " + "".join(f"[{n}]" for n in i["citations"])
                     for i in answer.items)


def supported(sentence: str, listed: str, count: int, numbers: set[int]) -> bool:
    figures = _FIGURE.findall(re.sub(r"\[\d+\]", "", sentence))
    cited = {int(n) for n in _CITED.findall(sentence)}
    return (all(f in listed or f == str(count) for f in figures)
            and bool(cited) and cited <= numbers)


def with_overview(listed: Answer, text: str) -> Answer:
    """``listed`` with the model's supported sentences of ``text`` above the list."""
    from assistant.text import split_sentences

    source = table_lines(listed)
    numbers = {c.n for c in listed.citations}
    sentences = split_sentences(" ".join(text.split()))
    kept = [s for s in sentences if supported(s, source, len(listed.items), numbers)]
    notes = list(listed.notes)
    if len(kept) < len(sentences):
        dropped = len(sentences) - len(kept)
        notes.append(f"{dropped} {'Satz' if dropped == 1 else 'Sätze'} des Sprachmodells "
                     "nicht durch die Liste belegt und weggelassen")
    if not kept:
        return replace(listed, notes=tuple(notes))
    overview = [Sentence(text=s, citations=tuple(int(n) for n in _CITED.findall(s)))
                for s in kept]
    return replace(listed, text=" ".join(kept) + "\n\n" + listed.text,
                   sentences=(*overview, *listed.sentences), notes=tuple(notes))
