"""Near-duplicate articles (wire copies, reprints, one article at two URLs) with MinHash/LSH over word shingles.

Two texts are copies when their estimated Jaccard similarity of 5-word shingles reaches ``threshold``, or
when one is almost contained in the other (a copy with a paragraph dropped, or a byline added).

>>> index = NearDuplicateIndex()
>>> text = " ".join(f"word{i}" for i in range(200))
>>> index.add("a", text) is None
True
>>> index.add("b", "By Jane Doe, Associated Press\\n" + text)
'a'
>>> index.add("c", " ".join(f"other{i}" for i in range(200))) is None
True
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"  # pinned: stored signatures must stay comparable across datasketch versions


@dataclass(frozen=True)
class Signature:
    """A MinHash of a text's shingles and how many distinct shingles it had."""

    hashvalues: np.ndarray
    size: int

    def to_bytes(self) -> bytes:
        return struct.pack("<I", self.size) + self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data[4:], dtype="<u8").astype(np.uint64), struct.unpack("<I", data[:4])[0])

    def jaccard(self, other: Signature) -> float:
        return float(np.mean(self.hashvalues == other.hashvalues))

    def containment(self, other: Signature) -> float:
        """Estimated share of the smaller text's shingles found in the other."""
        j = self.jaccard(other)
        inter = j * (self.size + other.size) / (1.0 + j)
        return inter / max(1, min(self.size, other.size))


def shingles(text: str, k: int = 5) -> set[bytes]:
    """Word k-shingles of the lower-cased text (line breaks and punctuation do not matter)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


class NearDuplicateIndex:
    """An LSH index of article signatures; ``add`` returns the id of the copy already indexed, if any."""

    def __init__(
        self, *, threshold: float = 0.5, containment: float = 0.8, num_perm: int = 128, shingle: int = 5
    ) -> None:
        self.threshold = threshold
        self.min_containment = containment
        self.num_perm = num_perm
        self.shingle = shingle
        # Candidates at a lower Jaccard, so that contained copies (a dropped paragraph) are found too.
        self._lsh = MinHashLSH(threshold=min(threshold, 0.3), num_perm=num_perm)
        self._sigs: dict[str, Signature] = {}
        self._order: dict[str, int] = {}
        # The permutations of seed 1, drawn once: MinHash draws them anew for every object (~10% of ingest).
        self._permutations = MinHash(num_perm=num_perm, seed=1, scheme=_SCHEME).permutations

    def __len__(self) -> int:
        return len(self._sigs)

    def _minhash(self, hashvalues: np.ndarray | None = None) -> MinHash:
        return MinHash(
            num_perm=self.num_perm, seed=1, scheme=_SCHEME, hashvalues=hashvalues, permutations=self._permutations
        )

    def signature(self, text: str) -> Signature:
        mh = self._minhash()
        sh = shingles(text, self.shingle)
        if sh:
            mh.update_batch(list(sh))
        return Signature(mh.hashvalues.astype(np.uint64), len(sh))

    def query(self, sig: Signature) -> str | None:
        """The earliest indexed text that ``sig``'s text copies, or None."""
        found = self.matches(sig)
        return found[0] if found else None

    def matches(self, sig: Signature) -> list[str]:
        """Every indexed text that ``sig``'s text copies, earliest first."""
        if sig.size == 0:
            return []
        mh = self._minhash(sig.hashvalues)
        found = []
        for key in self._lsh.query(mh):
            other = self._sigs[key]
            if sig.jaccard(other) >= self.threshold or (
                sig.containment(other) >= self.min_containment and min(sig.size, other.size) >= 20
            ):
                found.append((self._order[key], key))
        return [key for _, key in sorted(found)]

    def insert(self, key: str, sig: Signature) -> None:
        if key in self._sigs or sig.size == 0:
            return
        self._sigs[key] = sig
        self._order[key] = len(self._order)
        self._lsh.insert(key, self._minhash(sig.hashvalues))

    def add(self, key: str, text: str) -> str | None:
        """Index ``text`` under ``key`` unless it copies an indexed text: then return that text's key."""
        sig = self.signature(text)
        found = self.query(sig)
        if found is None:
            self.insert(key, sig)
        return found
