"""Evaluation: ROUGE against human references, newsfuse next to Lead, LexRank and TextRank."""

from .peers import PEERS, get_peer, lead, lexrank, textrank
from .rouge_scores import METRICS, reference_sentences, rouge
from .runner import METHODS, EvalReport, evaluate, write_report

__all__ = [
    "METHODS",
    "METRICS",
    "PEERS",
    "EvalReport",
    "evaluate",
    "get_peer",
    "lead",
    "lexrank",
    "reference_sentences",
    "rouge",
    "textrank",
    "write_report",
]
