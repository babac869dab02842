"""Dedup stage: near-duplicate articles (MinHash/LSH) and canonical URLs."""

from .minhash import NearDuplicateIndex, Signature, shingles
from .updates import Change, changed_facts, copy_or_update
from .urls import canonical_url, is_tracking

__all__ = [
    "Change",
    "NearDuplicateIndex",
    "Signature",
    "canonical_url",
    "changed_facts",
    "copy_or_update",
    "is_tracking",
    "shingles",
]
