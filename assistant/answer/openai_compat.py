"""Backend ``openai``: any OpenAI-compatible chat endpoint, chosen by base URL.

Works with OpenAI itself, ``python -m llama_cpp.server``, Ollama, vLLM … The API key is
read from the environment variable named by ``openai_api_key_env`` or the settings file
(local servers need none), and sent only to the server configured at start
(``openai_key_origin``): an address changed later gets no key. It never appears in a
message. Requests time out after ``llm_timeout_s``; the client retries connection errors,
429 and 5xx twice with backoff. Tokens are estimated conservatively (3 characters per
token), because a remote server's tokenizer is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from assistant.answer.generate import GeneratedAnswerer
from assistant.config import Settings, key_for_server, secret
from assistant.errors import GeneratorError

CHARS_PER_TOKEN = 3
MAX_RETRIES = 2


class OpenAIChatModel:
    def __init__(self, settings: Settings) -> None:
        try:
            import openai
        except ImportError as exc:
            raise GeneratorError(
                "Das Paket openai fehlt. Bitte 'pip install -e \".[openai]\"' ausführen "
                "oder einen anderen Antwortgenerator wählen (--llm extractive)."
            ) from exc
        self._openai = openai
        self.settings = settings
        self.name = settings.openai_model
        self.context_tokens = settings.llm_context_tokens
        self._client = openai.OpenAI(
            base_url=settings.openai_base_url,
            # never None: the client would read OPENAI_API_KEY itself, for any server
            api_key=key_for_server(settings) or "kein-schluessel",  # local servers ignore it
            timeout=settings.llm_timeout_s, max_retries=MAX_RETRIES,
        )

    def count_tokens(self, text: str) -> int:
        return math.ceil(len(text) / CHARS_PER_TOKEN)

    def _error(self, exc: Exception) -> GeneratorError:
        error = self._describe(exc)
        key = secret(self.settings)
        if key and key in str(error):  # a server that echoes the key back
            error = GeneratorError(str(error).replace(key, "***"))
        return error

    def _describe(self, exc: Exception) -> GeneratorError:
        o, s = self._openai, self.settings
        url = s.openai_base_url
        if isinstance(exc, o.APITimeoutError):
            return GeneratorError(
                f"Der Sprachmodell-Server unter {url} hat nicht innerhalb von "
                f"{s.llm_timeout_s:.0f} s geantwortet. Bitte später erneut versuchen oder "
                "llm_timeout_s erhöhen."
            )
        if isinstance(exc, o.APIConnectionError):
            return GeneratorError(
                f"Der Sprachmodell-Server unter {url} ist nicht erreichbar. Bitte prüfen, ob "
                "er läuft (z. B. 'python -m llama_cpp.server --model DATEI.gguf --port 8080') "
                "und ob openai_base_url stimmt."
            )
        if isinstance(exc, o.AuthenticationError | o.PermissionDeniedError):
            return GeneratorError(
                f"Der Server unter {url} hat den API-Schlüssel abgelehnt "
                f"({getattr(exc, 'status_code', '401')}). Bitte den Schlüssel in der "
                f"Umgebungsvariable {s.openai_api_key_env} prüfen."
            )
        if isinstance(exc, o.NotFoundError):
            return GeneratorError(
                f"Der Server unter {url} kennt das Modell '{s.openai_model}' oder den Pfad "
                "nicht (404). Bitte openai_model und openai_base_url (endet meist auf /v1) "
                "prüfen."
            )
        if isinstance(exc, o.RateLimitError):
            return GeneratorError(
                f"Der Server unter {url} meldet zu viele Anfragen (429). Bitte kurz warten "
                "und erneut versuchen."
            )
        if isinstance(exc, o.BadRequestError):
            return GeneratorError(
                f"Der Server unter {url} hat die Anfrage abgelehnt ({exc}). Ist sie zu lang? "
                "Dann llm_context_tokens passend zum Server einstellen."
            )
        return GeneratorError(
            f"Der Sprachmodell-Server unter {url} meldet einen Fehler ({exc}). Bitte das "
            "Protokoll des Servers prüfen."
        )

    def _request(self, messages: list[dict], max_tokens: int, stream: bool):
        try:
            return self._client.chat.completions.create(
                model=self.settings.openai_model, messages=messages, max_tokens=max_tokens,
                temperature=0.0, stream=stream,
            )
        except self._openai.OpenAIError as exc:
            raise self._error(exc) from exc

    def complete(self, messages: list[dict], max_tokens: int) -> str:
        out = self._request(messages, max_tokens, stream=False)
        return (out.choices[0].message.content or "") if out.choices else ""

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        chunks = self._request(messages, max_tokens, stream=True)
        try:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except self._openai.OpenAIError as exc:
            raise self._error(exc) from exc
        finally:
            chunks.close()


def create(settings: Settings, vocabulary) -> GeneratedAnswerer:
    """Factory for ``BACKENDS['openai']``."""
    return GeneratedAnswerer("openai", settings, vocabulary, OpenAIChatModel(settings))
