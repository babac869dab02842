"""Render stage: a Story as plain text, rich terminal text, Markdown or JSON (:data:`FORMATS` by name)."""

from .formats import (
    FORMATS,
    render,
    render_json,
    render_jsonl,
    render_markdown,
    render_rich,
    render_text,
    source_numbers,
)

__all__ = [
    "FORMATS",
    "render",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_rich",
    "render_text",
    "source_numbers",
]
