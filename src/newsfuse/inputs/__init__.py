"""Inputs: read files, folders, JSONL, HTML, Multi-News lines and stdin into Articles (the pipeline's first stage)."""

from ..text.files import check_lines_file, iter_lines
from .decode import decode_text, looks_binary, repair_char_refs
from .readers import (
    FORMATS,
    WARM_UP_LINE,
    article_from_html,
    article_from_record,
    article_from_text,
    detect_format,
    feed_kind,
    holds_stories,
    iter_multinews,
    parse_multinews_line,
    parse_story_line,
    read_articles,
)

__all__ = [
    "FORMATS",
    "WARM_UP_LINE",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "check_lines_file",
    "decode_text",
    "detect_format",
    "feed_kind",
    "holds_stories",
    "iter_lines",
    "iter_multinews",
    "looks_binary",
    "parse_multinews_line",
    "parse_story_line",
    "read_articles",
    "repair_char_refs",
]
