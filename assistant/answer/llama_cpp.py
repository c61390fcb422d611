"""Backend ``llama-cpp``: any GGUF model in-process through llama-cpp-python.

The chat template comes from the GGUF itself (``create_chat_completion``); tokens are
counted with the model's own tokenizer. Without ``llm_model_path`` the Qwen file that
``assistant model install-qwen`` assembles is used. Sampling is greedy, so the same
question over the same sources gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.answer.generate import GeneratedAnswerer
from assistant.config import Settings
from assistant.errors import GeneratorError
from assistant.models import PARTS_EXTRA, model_path

SAMPLING = {"temperature": 0.0, "repeat_penalty": 1.1}


def _context_error(exc: Exception, n_ctx: int) -> GeneratorError:
    return GeneratorError(
        f"Die Anfrage ist zu lang für das Kontextfenster des Modells ({n_ctx} Tokens): {exc}. "
        "Bitte llm_context_tokens erhöhen oder weniger Quellen verwenden (-k)."
    )


class LlamaCppModel:
    def __init__(self, path: Path, n_ctx: int, n_threads: int) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise GeneratorError(
                "Das Paket llama-cpp-python fehlt. Bitte installieren mit "
                f"CMAKE_ARGS=\"-DGGML_NATIVE=OFF\" pip install -e \".[{PARTS_EXTRA}]\" "
                "oder einen anderen Antwortgenerator wählen (--llm extractive oder --llm openai)."
            ) from exc
        if not path.is_file():
            raise GeneratorError(
                f"Die Modelldatei {path} fehlt. Bitte zuerst 'assistant model install-qwen' "
                "ausführen oder llm_model_path auf eine vorhandene GGUF-Datei setzen."
            )
        try:
            self._llm = llama_cpp.Llama(
                model_path=str(path), n_ctx=n_ctx, n_threads=n_threads,
                n_threads_batch=n_threads, verbose=False, seed=0,
            )
        except (ValueError, RuntimeError) as exc:
            raise GeneratorError(
                f"Die Modelldatei {path} lässt sich nicht laden ({exc}). Ist es eine "
                "vollständige GGUF-Datei? Für das Standardmodell 'assistant model install-qwen' "
                "erneut ausführen (prüft die Prüfsumme)."
            ) from exc
        self.name = path.name
        self.context_tokens = n_ctx

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def complete(self, messages: list[dict], max_tokens: int) -> str:
        try:
            out = self._llm.create_chat_completion(messages=messages, max_tokens=max_tokens,
                                                   **SAMPLING)
        except ValueError as exc:
            raise _context_error(exc, self.context_tokens) from exc
        return out["choices"][0]["message"]["content"] or ""

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        try:
            chunks = self._llm.create_chat_completion(messages=messages, max_tokens=max_tokens,
                                                      stream=True, **SAMPLING)
            for chunk in chunks:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece
        except ValueError as exc:
            raise _context_error(exc, self.context_tokens) from exc


def create(settings: Settings, vocabulary) -> GeneratedAnswerer:
    """Factory for ``BACKENDS['llama-cpp']``."""
    model = LlamaCppModel(model_path(settings), settings.llm_context_tokens,
                          settings.llm_n_threads)
    return GeneratedAnswerer("llama-cpp", settings, vocabulary, model)
