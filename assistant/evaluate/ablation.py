"""``assistant eval --ablation``: what each rule of ``assistant.params`` contributes, on
every evaluation set the project has (``eval/saetze.json``).

Each set is indexed once; then it is asked once with every rule on and once per rule with
that rule off. The table shows each headline number with all rules on and, per rule, the
change when it is off: a negative change is what the rule earns. Embeddings are remembered
across the runs (``MemoEmbedder``), so the set's latency is not measured here.

A set is either an evaluation question file over a document folder (``questions``,
``corpus``, ``split``) or a BEIR folder with gold answers (``beir``, ``split``, ``every``:
the answer-level protocol of ``assistant.evaluate.answers``). A folder that is missing
(the shared benchmarks outside a checkout) skips its set with a line on stderr.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant import params
from assistant.config import Settings

SETS_FILE = Path("eval/saetze.json")
DEFAULT_OUT = Path("eval/results/ablation.md")
# per kind of set: the numbers shown, and whether higher is better
QUESTION_METRICS = (("evidence_hit@5", "hit@5", True), ("citation_precision", "Zit.-Präz.", True),
                    ("citation_recall", "Zit.-Recall", True),
                    ("false_answers", "falsch beantwortet", False),
                    ("false_refusals", "abgelehnt trotz Antwort", False),
                    ("item_recall", "Einträge", True))
ANSWER_METRICS = (("answer_right", "richtig", True), ("declined", "abgelehnt (soll)", True),
                  ("refused", "abgelehnt trotz Antwort", False))


@dataclass(frozen=True)
class EvalSet:
    name: str
    questions: Path | None = None
    corpus: Path | None = None
    beir: Path | None = None
    splits: tuple[str, ...] = ("",)  # "" is the whole set
    every: int = 1

    def missing(self) -> Path | None:
        for path in (self.questions, self.corpus, self.beir):
            if path is not None and not path.exists():
                return path
        return None

    def part(self, split: str) -> str:
        return f"{self.name} {split}" if split else self.name


def read_sets(path: Path = SETS_FILE) -> list[EvalSet]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [EvalSet(name=s["name"], splits=tuple(s.get("splits") or ("",)),
                    every=int(s.get("every", 1)),
                    **{k: Path(s[k]) for k in ("questions", "corpus", "beir") if s.get(k)})
            for s in raw["sets"]]


Runner = Callable[[Settings], dict]  # settings → {split: numbers}


def every_nth(items: list, split_of, every: int) -> list:
    """Every ``every``-th item of each part, in file order (a fixed sample)."""
    parts: dict[str, list] = {}
    for item in items:
        parts.setdefault(split_of(item), []).append(item)
    return [x for part in parts.values() for x in part[::every]]


def _question_set(s: EvalSet, settings: Settings, embedder, tmp: Path,
                  every: int = 1) -> Runner:
    from assistant.engine import Engine
    from assistant.evaluate.questions import read_questions
    from assistant.evaluate.run import run_questions
    from assistant.evaluate.score import summarise

    questions, _ = read_questions(s.questions, settings)
    questions = [q for q in questions if "" in s.splits or q.split in s.splits]
    questions = every_nth(questions, lambda q: q.split, every)
    split_of = {q.id: q.split for q in questions}
    used = settings.replace(data_dir=tmp)
    engine = Engine.open(used, embedder)
    engine.ingest([s.corpus])

    def run(changed: Settings) -> dict:
        records = run_questions(engine, questions, changed.replace(data_dir=tmp))
        return {split: summarise([r for r in records if not split or split_of[r["id"]] == split])
                for split in s.splits}

    return run


def _answer_set(s: EvalSet, settings: Settings, embedder, tmp: Path,
                every: int = 1) -> Runner:
    from assistant.answer import ask, load_answerer
    from assistant.evaluate import answers, beir
    from assistant.search.retrieve import Retriever

    kept, questions = answers.protocol(beir.load_beir(s.beir), s.beir, s.every * every)
    questions = [q for q in questions if "" in s.splits or q.split in s.splits]
    used = settings.replace(data_dir=tmp, chroma_mode="embedded", collection="beir")
    store, _ = beir.open_bench_store(used, embedder)
    beir.index_corpus(store, embedder, kept, True)

    def run(changed: Settings) -> dict:
        changed = changed.replace(data_dir=tmp, chroma_mode="embedded", collection="beir")
        retriever = Retriever(store, embedder, changed)
        answerer = load_answerer(changed.llm, changed, retriever)
        rows = answers.run(questions, lambda t: ask(t, retriever, answerer))
        return {split: answers.summary([r for r in rows if not split or r["split"] == split])
                for split in s.splits}

    return run


def runner(s: EvalSet, settings: Settings, embedder, tmp: Path, every: int = 1) -> Runner:
    """Index ``s`` into ``tmp`` (every ``every``-th question of each part) and return what
    asks it with given settings."""
    return (_answer_set if s.beir else _question_set)(s, settings, embedder, tmp, every)


def ablation(sets: list[EvalSet], settings: Settings, rules: list[params.Rule],
             say: Callable[[str], None] = lambda s: print(s, file=sys.stderr)) -> list[dict]:
    """One row per set and split: its numbers with every rule on (``base``) and per rule
    off (``off``)."""
    from assistant.embed import load_embedder
    from assistant.evaluate.memo import MemoEmbedder

    embedder = MemoEmbedder(load_embedder(settings.embedder))
    rows = []
    for s in sets:
        if s.missing():
            say(f"ÜBERSPRUNGEN {s.name}: {s.missing()} fehlt")
            continue
        with tempfile.TemporaryDirectory(prefix="ausgangslage-ablation-",
                                         ignore_cleanup_errors=True) as folder:
            tmp = Path(folder)
            say(f"{s.name}: einlesen …")
            run = runner(s, settings, embedder, tmp)
            say(f"{s.name}: alle Regeln an")
            base = run(settings)
            off = {}
            for rule in rules:
                say(f"{s.name}: ohne {rule.name}")
                with params.use(params.without([rule])):
                    off[rule.name] = run(params.settings_without(settings, [rule]))
            rows += [{"set": s.part(split), "kind": "antworten" if s.beir else "fragen",
                      "base": base[split], "off": {r: off[r][split] for r in off}}
                     for split in s.splits]
    return rows


def _fmt(value) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _delta(base, off) -> str:
    if base is None or off is None:
        return "–"
    d = off - base
    if abs(d) < 0.0005:
        return "±0"
    return f"{d:+d}" if isinstance(d, int) else f"{d:+.3f}"


def verdict(row: dict, rule: str, metrics: tuple) -> str:
    """What ``rule`` does on the set of ``row``: "hilft" when switching it off makes some
    number worse and none better, "schadet" the other way round, "gemischt" when both,
    "ohne Wirkung" when nothing changes."""
    worse = better = False
    for key, _, higher in metrics:
        base, off = row["base"].get(key), row["off"][rule].get(key)
        if base is None or off is None or abs(off - base) < 0.0005:
            continue
        if (off < base) == higher:
            worse = True
        else:
            better = True
    return {(True, False): "hilft", (False, True): "schadet", (True, True): "gemischt",
            (False, False): "ohne Wirkung"}[(worse, better)]


VERDICTS = ("hilft", "schadet", "gemischt", "ohne Wirkung")


def _metrics(row: dict) -> tuple:
    return ANSWER_METRICS if row["kind"] == "antworten" else QUESTION_METRICS


def to_markdown(rows: list[dict], rules: list[params.Rule], intro: str = "") -> str:
    lines = [intro] if intro else []
    for row in rows:
        metrics = _metrics(row)
        lines += [f"## {row['set']}", "",
                  "| Regel aus | " + " | ".join(label for _, label, _ in metrics) + " |",
                  "|---|" + "---|" * len(metrics),
                  "| (alle an) | " + " | ".join(_fmt(row["base"].get(k)) for k, _, _ in metrics)
                  + " |"]
        for rule in rules:
            off = row["off"][rule.name]
            lines.append(f"| {rule.name} | " + " | ".join(
                _delta(row["base"].get(k), off.get(k)) for k, _, _ in metrics) + " |")
        lines.append("")
    lines += ["## Bilanz je Regel", "",
              "| Regel | was sie tut | " + " | ".join(f"{v} auf" for v in VERDICTS) + " |",
              "|---|---|" + "---|" * len(VERDICTS)]
    for rule in rules:
        found: dict = {v: [] for v in VERDICTS}
        for row in rows:
            found[verdict(row, rule.name, _metrics(row))].append(row["set"])
        lines.append(f"| {rule.name} | {rule.what} | "
                     + " | ".join(", ".join(found[v]) or "–" for v in VERDICTS) + " |")
    return "\n".join(lines) + "\n"


def run_ablation(args, settings: Settings) -> int:
    """``assistant eval --ablation [--ablate NAMES] [--sets DATEI] [--out DATEI]``."""
    chosen = params.rules(args.ablate) if args.ablate else list(params.RULES)
    if args.together:  # all of them off at once: one row
        chosen = [params.Rule("+".join(r.name for r in chosen), "zusammen abgeschaltet",
                              {k: v for r in chosen for k, v in r.off.items()},
                              {k: v for r in chosen for k, v in r.settings.items()})]
    rows = ablation(chosen_sets(args), settings, chosen)
    out = args.out or DEFAULT_OUT
    intro = ("# Was jede Regel beiträgt\n\n"
             f"Erzeugt mit `assistant eval --ablation` über {args.sets or SETS_FILE}. "
             "Erste Zeile je Satz: die Kennzahlen mit allen Regeln; darunter je Regel die "
             "Änderung, wenn nur sie abgeschaltet ist (`assistant eval --ablate NAME`). "
             "Bei hit@5, Zitat-Präzision, -Recall, Einträgen und „richtig“/„abgelehnt "
             "(soll)“ ist höher besser, bei „falsch beantwortet“ und „abgelehnt trotz "
             "Antwort“ niedriger. Die Regeln stehen in `assistant/params.py`.\n")
    write_table(out, to_markdown(rows, chosen, intro), rows)
    return 0


def chosen_sets(args) -> list[EvalSet]:
    """The sets of ``--sets`` (default ``eval/saetze.json``), only those ``--nur-saetze``
    names."""
    sets = read_sets(args.sets or SETS_FILE)
    if args.only_sets:
        wanted = {n.strip() for n in args.only_sets.split(",")}
        sets = [s for s in sets if s.name in wanted]
    return sets


def write_table(out: Path, text: str, rows: list[dict]) -> None:
    """The Markdown table in ``out``, its numbers beside it (``.json``), the table on
    stdout."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    print(text)
    print(f"Tabelle: {out} (Zahlen {out.with_suffix('.json').name})")
