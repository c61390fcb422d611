"""Check the labels of eval/gesetze/questions.jsonl against the law texts in eval/gesetze/dokumente/.

Standard library only; does not import or run the assistant.

    python3 eval/gesetze/check.py            # prints problems and a summary, exits 1 on any problem

Checks:
- every line is a JSON object with the required keys and allowed values;
- ids are unique;
- answerable questions name existing documents, have 1-4 evidence strings, and every evidence string
  occurs in at least one named document (case-insensitive, whitespace collapsed), and every named
  document contains at least one of them;
- evidence strings do not contain Markdown markup (#, **, backslash escapes) or non-breaking spaces;
- list questions have items, and every item's evidence occurs in a named document;
- unanswerable questions have empty documents, pages and evidence and no items;
- the meta sidecar of every document exists and is valid JSON.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATEGORIES = {"factual", "figure", "list", "unanswerable", "multi_doc"}
ANSWER_TYPES = {"list", "number", "fact", "balance"}
SPLITS = {"dev", "test"}
META_KEYS = {"title", "type", "municipality", "year", "source", "fictional"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def markup_problem(s: str) -> str | None:
    if "#" in s or "**" in s or "\\" in s:
        return "contains Markdown markup"
    if "\u00a0" in s:
        return "contains a non-breaking space"
    if s != s.strip() or "  " in s or "\n" in s:
        return "has leading/trailing or repeated whitespace"
    return None


def main(argv: list[str]) -> int:
    qpath = Path(argv[1]) if len(argv) > 1 else HERE / "questions.jsonl"
    docdir = Path(argv[2]) if len(argv) > 2 else HERE / "dokumente"
    texts = {p.name: normalise(p.read_text(encoding="utf-8")) for p in sorted(docdir.glob("*.md"))}
    problems: list[str] = []

    for name in texts:
        meta = docdir / (name + ".meta.json")
        if not meta.exists():
            problems.append(f"{name}: meta sidecar missing")
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        if set(data) != META_KEYS:
            problems.append(f"{name}: meta keys {sorted(data)}")

    seen: set[str] = set()
    counts: collections.Counter = collections.Counter()
    for lineno, line in enumerate(qpath.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        q = json.loads(line)
        qid = q.get("id", f"line {lineno}")
        def bad(msg: str) -> None:
            problems.append(f"{qid}: {msg}")
        for key in ("id", "question", "answerable", "category", "documents", "pages", "evidence", "answer_type", "split"):
            if key not in q:
                bad(f"missing key {key}")
        if qid in seen:
            bad("duplicate id")
        seen.add(qid)
        if q.get("category") not in CATEGORIES:
            bad(f"category {q.get('category')!r}")
        if q.get("answer_type") not in ANSWER_TYPES:
            bad(f"answer_type {q.get('answer_type')!r}")
        if q.get("split") not in SPLITS:
            bad(f"split {q.get('split')!r}")
        if q.get("pages"):
            bad("pages must be empty for Markdown documents")
        docs, evidence, items = q.get("documents", []), q.get("evidence", []), q.get("items")

        if not q.get("answerable"):
            if docs or evidence or q.get("pages") or items:
                bad("unanswerable question has documents/evidence/items")
            if q.get("category") != "unanswerable":
                bad("unanswerable question not in category 'unanswerable'")
        else:
            if not docs:
                bad("answerable question without documents")
            if not 1 <= len(evidence) <= 4:
                bad(f"{len(evidence)} evidence strings (want 1-4)")
            for d in docs:
                if d not in texts:
                    bad(f"unknown document {d}")
            named = [texts[d] for d in docs if d in texts]
            for e in evidence:
                if (p := markup_problem(e)):
                    bad(f"evidence {e!r} {p}")
                if not any(normalise(e) in t for t in named):
                    bad(f"evidence not found in named documents: {e!r}")
            for d in docs:
                if d in texts and not any(normalise(e) in texts[d] for e in evidence):
                    bad(f"document {d} contains none of the evidence strings")
            if (len(docs) > 1) != (q.get("category") == "multi_doc"):
                bad("multi_doc category and number of documents disagree")
        if q.get("answer_type") == "list" or q.get("category") == "list":
            if q.get("answer_type") != "list" or q.get("category") != "list":
                bad("list category and answer_type disagree")
            if not items:
                bad("list question without items")
        if items is not None:
            if q.get("answer_type") != "list":
                bad("items on a non-list question")
            names = set()
            for it in items:
                if set(it) != {"name", "aliases", "evidence"}:
                    bad(f"item keys {sorted(it)}")
                    continue
                if it["name"] in names:
                    bad(f"duplicate item {it['name']!r}")
                names.add(it["name"])
                if not isinstance(it["aliases"], list):
                    bad(f"item {it['name']!r}: aliases not a list")
                if (p := markup_problem(it["evidence"])):
                    bad(f"item {it['name']!r}: evidence {p}")
                if not any(normalise(it["evidence"]) in texts.get(d, "") for d in docs):
                    bad(f"item {it['name']!r}: evidence not found: {it['evidence']!r}")

        stratum = "unanswerable" if not q.get("answerable") else ("list" if q.get("answer_type") == "list" else "answerable")
        counts[(q.get("split"), stratum)] += 1
        counts[("all", stratum)] += 1
        counts[(q.get("split"), "total")] += 1
        counts[("all", "total")] += 1
        counts[("answer_type", q.get("answer_type"))] += 1
        counts[("category", q.get("category"))] += 1

    for p in problems:
        print(p)
    print("\nsummary:")
    for split in ("dev", "test", "all"):
        print(f"  {split:5s} total={counts[(split, 'total')]:3d} answerable(non-list)={counts[(split, 'answerable')]:3d} "
              f"list={counts[(split, 'list')]:3d} unanswerable={counts[(split, 'unanswerable')]:3d}")
    print("  answer_type:", {k[1]: v for k, v in sorted(counts.items()) if k[0] == "answer_type"})
    print("  category:   ", {k[1]: v for k, v in sorted(counts.items()) if k[0] == "category"})
    print(f"\n{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
