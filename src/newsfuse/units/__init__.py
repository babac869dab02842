"""Units stage: the contiguous run of sentences each sentence needs to be read on its own."""

from .context import ContextUnits, cut_from_context, needs_next, needs_previous, opener_signal, unit_words

__all__ = ["ContextUnits", "cut_from_context", "needs_next", "needs_previous", "opener_signal", "unit_words"]
