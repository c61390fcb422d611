"""What every tab of the workspace shares: event options, text display, the user."""

from __future__ import annotations

import gradio as gr

PRIVATE = {"api_visibility": "private"}  # only "ask" is a public API endpoint
TEXT = {"latex_delimiters": [], "sanitize_html": True}  # no formulas from documents


def progress_of(progress: gr.Progress):
    return lambda fraction, message: progress(fraction, desc=message)


def user_of(request: gr.Request | None) -> str | None:
    """The logged-in name (None without a login)."""
    return getattr(request, "username", None) if request is not None else None
