"""newsfuse's per-text memos, cleared between timed passes so that no pass reads sentences another pass analysed.

Module-level ``functools.lru_cache`` functions keyed by text (claim tokens, number, date and rank readers,
the pairwise comparison) make a second pass over the same clusters cheaper than a first one, and forked
workers inherit what the parent has read.  Real input rarely repeats sentences across stories, so
benchmarks clear them before every timed pass.  Model loads (caches of at most a few entries) stay.
"""

from __future__ import annotations

import sys

# Caches larger than this hold texts; the smaller ones hold loaded models and compiled patterns.
TEXT_MEMO_SIZE = 1024


def clear_text_memos() -> list[str]:
    """Clear every text memo of the loaded newsfuse modules; return their names (``module.function``)."""
    cleared = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("newsfuse") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            params = getattr(value, "cache_parameters", None)
            if params is None or getattr(value, "__module__", None) != name:
                continue
            size = params()["maxsize"]
            if size is None or size >= TEXT_MEMO_SIZE:
                value.cache_clear()
                cleared.append(f"{name}.{attr}")
    return cleared
