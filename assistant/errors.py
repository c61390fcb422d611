"""Errors written for the person in front of the screen.

Every message says what happened and what to do next, in German. The CLI prints the
message and exits non-zero; the UI shows it as ``gr.Error``.
"""


class AssistantError(Exception):
    """Base class: the message is meant for the user."""


class ConfigError(AssistantError):
    """Settings are missing or invalid."""


class DocumentError(AssistantError):
    """One document cannot be read; the batch goes on without it."""


class LimitError(DocumentError):
    """A file is beyond a configured limit (size, pages, rows, …); ``setting`` names it."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class IngestCancelled(AssistantError):
    """Raised by an ingest's checkpoint to stop it: files done so far stay in the index,
    the rest are listed in the report and completed by the next run."""


class StoreError(AssistantError):
    """The index cannot be used as it is (wrong model, unreachable server, …)."""


class ModelMismatchError(StoreError):
    """The index was built with another embedding model."""


class EmbedderError(AssistantError):
    """The embedding model cannot be loaded."""


class GeneratorError(AssistantError):
    """A language model backend failed (server down, model missing, key wrong)."""


class PromptError(AssistantError):
    """A prompt template is missing or does not fit its variables."""


class QuestionError(ConfigError):
    """One question is empty or beyond a limit; the other questions of a batch go on."""
