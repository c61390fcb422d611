"""Evaluation over the same core the CLI and the app use.

- ``metrics``: pure functions (ranking metrics, label matching, percentiles), unit-tested.
- ``questions``: the question file format (labels are optional).
- ``score``: per-question metrics and the run summary, computed from plain dicts.
- ``run``: asks every question through an ``Engine``; ``report`` writes JSONL, JSON,
  Markdown and HTML; ``gate`` compares summaries; ``sweep`` and ``beir`` measure settings.

Nothing in ``assistant`` outside this package imports it (the CLI finds it as an extension).
"""
