"""Clean stage: label boilerplate, headlines, repeats, off-topic paragraphs and article copies."""

from .boilerplate import (
    is_boilerplate,
    is_headline_like,
    is_link_heavy,
    near_copies,
    near_repeat_labels,
    normalize,
    opening_words,
    sentence_words,
    structural_labels,
    words_of,
)
from .offtopic import offtopic_labels

__all__ = [
    "is_boilerplate",
    "is_headline_like",
    "is_link_heavy",
    "near_copies",
    "near_repeat_labels",
    "normalize",
    "offtopic_labels",
    "opening_words",
    "sentence_words",
    "structural_labels",
    "words_of",
]
