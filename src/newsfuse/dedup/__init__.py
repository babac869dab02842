"""Dedup stage: near-duplicate articles (MinHash/LSH) and canonical URLs."""

from .minhash import NearDuplicateIndex, Signature, shingles
from .urls import canonical_url, is_tracking

__all__ = ["NearDuplicateIndex", "Signature", "canonical_url", "is_tracking", "shingles"]
