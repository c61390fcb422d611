"""What one search needs, resolved once from the settings and the call (``SearchParams.of``).

Search reads no setting itself: the command line, the app, the draft and the evaluation
resolve their choice (a top-k, a mode, filters) against the settings here, once per question,
and hand the frozen record down. A missing top-k becomes the setting's number here, not
four calls further down, and a top-k of 0 is an error here, not a silent "default".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.config import RETRIEVAL_MODES, ConfigError, Settings, check_top_k
from assistant.types import Filters

# answer shapes that ask for a whole list: searched with at least ``list_top_k`` passages
WHOLE_LIST_SHAPES = ("list", "balance")


@dataclass(frozen=True)
class SearchParams:
    """One search: how many sources (``k``), which mode, the fusion's weight and constant,
    how many candidates each ranking gives, how many of the fused ones are re-read by their
    best sentence, and which documents may be used."""

    k: int
    mode: str
    dense_weight: float
    rrf_k: int
    candidates: int
    rerank_candidates: int
    filters: Filters = field(default_factory=Filters)

    @classmethod
    def of(cls, settings: Settings, k: int | None = None, mode: str | None = None,
           filters: Filters | None = None, dense_weight: float | None = None,
           shape: str = "fact") -> SearchParams:
        """The settings with the caller's choices over them. Without a ``k``: the setting
        top_k, and for a question that asks for a list or a balance at least ``list_top_k``
        (to see the whole list). A ``k`` outside 1–100 or an unknown mode raises a
        ``ConfigError`` that names the setting."""
        if k is None:
            k = settings.top_k
            if shape in WHOLE_LIST_SHAPES:
                k = max(k, settings.list_top_k)
        mode = mode or settings.retrieval_mode
        if mode not in RETRIEVAL_MODES:
            raise ConfigError(f"Unbekannter Suchmodus '{mode}'. Erlaubt: "
                              f"{', '.join(RETRIEVAL_MODES)}.")
        weight = settings.dense_weight if dense_weight is None else dense_weight
        return cls(k=check_top_k(k), mode=mode, dense_weight=weight, rrf_k=settings.rrf_k,
                   candidates=max(settings.candidates, k),
                   rerank_candidates=settings.rerank_candidates, filters=filters or Filters())
