"""UI error handling: core errors reach the page as gr.Error with their German message."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.errors import DocumentError
from workspace.layout import UNEXPECTED, guard


def _fails(exc):
    def handler(x):
        raise exc
    return handler


def _fails_streaming(exc):
    def handler(x):
        yield "Teil"
        raise exc
    return handler


@pytest.mark.parametrize("wrap", [_fails, _fails_streaming])
def test_core_error_becomes_gr_error_with_its_message(wrap):
    wrapped = guard(wrap(DocumentError("kein Textlayer – bitte zuerst OCR")))
    with pytest.raises(gr.Error, match="kein Textlayer"):
        result = wrapped(1)
        list(result) if not isinstance(result, str) else result


def test_unexpected_error_is_logged_and_shown_briefly(caplog):
    wrapped = guard(_fails(KeyError("intern")))
    with pytest.raises(gr.Error) as info:
        wrapped(1)
    assert str(info.value.message) == UNEXPECTED.format(name="KeyError")
    assert "Fehler in handler" in caplog.text


def test_plain_results_and_streams_pass_through():
    assert guard(lambda x: x + 1)(1) == 2

    def stream(x):
        yield from range(x)
    assert list(guard(stream)(3)) == [0, 1, 2]


def test_error_toasts_are_titled_in_german_and_show_markup_as_text():
    wrapped = guard(_fails(DocumentError('Datei <img src="http://198.51.100.7/x.png"> defekt')))
    with pytest.raises(gr.Error) as info:
        wrapped(1)
    assert info.value.title == "Fehler"  # not Gradio's "Error"
    assert "<img" not in info.value.message and "&lt;img" in info.value.message
