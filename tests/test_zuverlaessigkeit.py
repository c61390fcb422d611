"""The reliability script in its quick mode, as CI runs it: bad inputs against the CLI,
kill -9 during ingest (2 trials), 1 + 20 concurrent questions against the real app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_reliability_script_finds_nothing(tmp_path):
    pytest.importorskip("gradio")
    pytest.importorskip("gradio_client")
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "zuverlaessigkeit.py"),
                           "--schnell", "--ordner", str(tmp_path / "arbeit")],
                          capture_output=True, text=True, cwd=REPO, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-8000:] + proc.stderr[-3000:]
    summary = proc.stdout.split("Zusammenfassung")[-1]
    assert summary.count(" ok ") == 3 and "FEHLER" not in summary, summary
