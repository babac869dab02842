"""Cluster stage: group a stream of articles into stories, online (``OnlineClusterer`` by default)."""

from .base import Assignment, StoryClusterer, final_labels
from .evaluate import bcubed, clustering_scores
from .online import Features, OnlineClusterer, article_words
from .scorer import StoryScorer, load_scorer


def default_clusterer() -> OnlineClusterer:
    """Online clustering with the default embedder (WordLlama, TF-IDF-free words when it is missing)."""
    return OnlineClusterer()


__all__ = [
    "Assignment",
    "Features",
    "OnlineClusterer",
    "StoryClusterer",
    "StoryScorer",
    "article_words",
    "bcubed",
    "clustering_scores",
    "default_clusterer",
    "final_labels",
    "load_scorer",
]
