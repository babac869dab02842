"""Clean stage: label boilerplate, page furniture, headlines, repeats, off-topic paragraphs and article copies."""

from .base import Cleaner, DefaultCleaner, label_repeats
from .boilerplate import (
    is_boilerplate,
    is_headline_like,
    is_link_heavy,
    near_copies,
    near_repeat_labels,
    normalize,
    opening_words,
    repeated_articles,
    sentence_words,
    structural_labels,
    words_of,
)
from .furniture import drop_furniture_pages, furniture_labels, furniture_pages, furniture_rule
from .offtopic import offtopic_labels

__all__ = [
    "Cleaner",
    "DefaultCleaner",
    "drop_furniture_pages",
    "furniture_labels",
    "furniture_pages",
    "furniture_rule",
    "is_boilerplate",
    "is_headline_like",
    "is_link_heavy",
    "label_repeats",
    "near_copies",
    "near_repeat_labels",
    "normalize",
    "offtopic_labels",
    "opening_words",
    "repeated_articles",
    "sentence_words",
    "structural_labels",
    "words_of",
]
