"""Measures in different units, for comparing "eight stories below" with "6 to 8 feet below".

Each unit of length, mass or area maps to its dimension and the interval of base units (metres,
kilograms, square metres) one of it can mean (a storey of a building is 3 to 4.5 m), so two
figures conflict only when no reading of the two units lets them meet.

>>> in_base_units("foot", 10, 10)
('length', 3.048, 3.048)
>>> measures_disagree(("story", 8, 8), ("foot", 6, 8))
True
>>> measures_disagree(("meter", 8027, 8027), ("foot", 26330, 26330))
False
>>> measures_disagree(("acre", 10, 10), ("foot", 1, 1))
False
"""

from __future__ import annotations

from ..text.lexicon import MEASURE_UNITS

# (dimension, shortest reading, longest reading) of each unit spelling, in base units.
_UNITS: dict[str, tuple[str, float, float]] = {k: (d, lo, hi) for k, (d, _, lo, hi) in MEASURE_UNITS.items()}
# Conversions written in news are rounded: allow this much either way before calling two figures different.
_SLACK = 0.05


def is_measure(unit: str) -> bool:
    return unit in _UNITS


def in_base_units(unit: str, lo: float, hi: float) -> tuple[str, float, float] | None:
    """``(dimension, low, high)`` of ``lo``-``hi`` of ``unit`` in base units (None when no known unit)."""
    known = _UNITS.get(unit)
    if known is None:
        return None
    dimension, short, long_ = known
    return dimension, lo * short, hi * long_


def measures_disagree(x: tuple[str, float, float], y: tuple[str, float, float]) -> bool:
    """Whether two figures ``(unit, lo, hi)`` of one dimension cannot be the same, whatever reading of their units."""
    mx, my = in_base_units(*x), in_base_units(*y)
    if mx is None or my is None or mx[0] != my[0]:
        return False
    return mx[2] * (1 + _SLACK) < my[1] or my[2] * (1 + _SLACK) < mx[1]
