"""Named rules (``assistant.params``) and the ablation (``assistant eval --ablation``)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import params
from assistant.config import Settings
from tests.documents import offers_question_set

REPO = Path(__file__).resolve().parents[1]


def test_every_rule_switches_parameters_or_settings_that_exist():
    fields = {f.name for f in dataclasses.fields(params.ScoringParams)}
    settings = {f.name for f in dataclasses.fields(Settings)}
    names = [r.name for r in params.RULES]
    assert len(names) == len(set(names))
    for rule in params.RULES:
        assert rule.off or rule.settings, rule.name
        assert set(rule.off) <= fields and set(rule.settings) <= settings, rule.name
        off = params.without([rule])
        assert all(getattr(off, k) == v for k, v in rule.off.items())
        assert all(getattr(params.DEFAULT, k) != v for k, v in rule.off.items()), rule.name
        changed = params.settings_without(Settings(), [rule])
        assert all(getattr(changed, k) == v != getattr(Settings(), k)
                   for k, v in rule.settings.items()), rule.name
    # every parameter can be switched off by some rule
    assert fields == {k for r in params.RULES for k in r.off}


def test_unknown_rule_names_are_named_with_the_known_ones():
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError) as e:
        params.rules("synonyme,gibtsnicht")
    assert "gibtsnicht" in str(e.value) and "suchsynonyme" in str(e.value)
    assert [r.name for r in params.rules(" synonyme , jahre ")] == ["synonyme", "jahre"]


def test_use_restores_the_parameters_even_after_an_error():
    off = params.without(params.rules("synonyme"))
    with pytest.raises(RuntimeError), params.use(off):
        assert params.current().synonym_share == 0.0
        raise RuntimeError
    assert params.current() == params.DEFAULT


def test_a_rule_switched_off_changes_the_answer(tmp_path, e5):
    """The name rule declines a question about a place no document names; without it the
    decision weighs the question like any other and no longer names the place as absent."""
    from assistant.engine import Engine

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bericht.md").write_text(
        "# Sozialbericht Teststadt 2023\n\nIn Teststadt leben 412 neu zugewanderte Kinder "
        "und Jugendliche. Die meisten besuchen eine Vorbereitungsklasse.\n", encoding="utf-8")
    engine = Engine.open(Settings(data_dir=tmp_path / "daten"), e5)
    engine.ingest([docs])
    question = "Wie viele neu zugewanderte Kinder leben in Dortmund?"
    on = engine.ask(question)
    with params.use(params.without(params.rules("fehlende_namen"))):
        off = engine.ask(question)
    assert on.abstained and "„Dortmund“ kommt in keinem Dokument vor" in on.text
    assert "(Name)" not in " ".join(off.notes) and "„Dortmund“" not in " ".join(off.notes)


def test_ablation_measures_each_rule_on_each_set(tmp_path):
    """``assistant eval --ablation`` on a small set of real files: a table per set with the
    numbers with every rule on and the change per rule switched off."""
    docs, questions = offers_question_set(tmp_path)
    sets = tmp_path / "saetze.json"
    sets.write_text(json.dumps({"sets": [
        {"name": "Klein", "questions": str(questions), "corpus": str(docs)},
        {"name": "Fehlt", "questions": str(questions), "corpus": str(tmp_path / "nicht-da")}]}),
        encoding="utf-8")
    out = tmp_path / "ablation.md"
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--ablation",
                           "--ablate", "fehlende_namen,jahre", "--sets", str(sets),
                           "--out", str(out), "--data", str(tmp_path / "daten")],
                          capture_output=True, text=True, cwd=REPO, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "ÜBERSPRUNGEN Fehlt" in proc.stderr
    table = out.read_text(encoding="utf-8")
    assert "## Klein" in table and "## Fehlt" not in table
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    (row,) = result
    assert row["base"]["questions"] == 3 and set(row["off"]) == {"fehlende_namen", "jahre"}
    # the name rule declines the question about Dortmund; without it, it is answered
    assert row["base"]["false_answers"] == 0
    assert row["off"]["fehlende_namen"]["false_answers"] == 1
    assert "| fehlende_namen | +1 |" not in table and "| fehlende_namen | ±0 | ±0 | ±0 | +1 |" \
        in table
    assert ("| fehlende_namen | ein Name, den kein Dokument nennt, führt zur Ablehnung | Klein "
            "| – | – | – |") in table
    # no question asks for a year: that rule changes nothing here
    def numbers(m: dict) -> dict:
        return {k: v for k, v in m.items() if not k.startswith("latency")}

    assert numbers(row["off"]["jahre"]) == numbers(row["base"])
    assert "| jahre | ein Satz ohne das gefragte Jahr zählt weniger | – | – | – | Klein |" \
        in table


def test_ablate_with_an_unknown_rule_is_a_german_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--ablate", "gibtsnicht",
                           "--data", str(tmp_path / "daten")],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 2
    assert "--ablate: unbekannte Regel(n): gibtsnicht; möglich: suchsynonyme" in proc.stderr
