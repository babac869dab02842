"""The record every conflict check returns: what two sentences state differently, and where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conflict:
    """One way two sentences disagree: the two versions with their offsets in each sentence."""

    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
