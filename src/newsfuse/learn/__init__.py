"""Learning what editors keep: labels from human references, training data, and `newsfuse train`."""

from .labels import RougeTokens, greedy_oracle, sentence_gains

__all__ = ["RougeTokens", "greedy_oracle", "sentence_gains"]
