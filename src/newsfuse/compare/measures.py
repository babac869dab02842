"""Lengths in different units, for comparing "eight stories below" with "6 to 8 feet below".

Each unit maps to the interval of metres one of it can mean (a storey of a building is 3 to 4.5 m),
so two lengths conflict only when no reading of the two units lets them meet.

>>> in_meters("foot", 10, 10)
(3.048, 3.048)
>>> lengths_disagree(("story", 8, 8), ("foot", 6, 8))
True
>>> lengths_disagree(("meter", 8027, 8027), ("foot", 26330, 26330))
False
"""

from __future__ import annotations

# Metres per unit, as (shortest, longest) readings; unit names as ``text.lemma`` gives them.
_LENGTH_UNITS: dict[str, tuple[float, float]] = {
    "millimeter": (0.001, 0.001),
    "centimeter": (0.01, 0.01),
    "meter": (1.0, 1.0),
    "kilometer": (1000.0, 1000.0),
    "inch": (0.0254, 0.0254),
    "foot": (0.3048, 0.3048),
    "yard": (0.9144, 0.9144),
    "mile": (1609.344, 1609.344),
    "story": (3.0, 4.5),
    "storey": (3.0, 4.5),
}
# Spellings the unit reader leaves as they are ("metres", "inches").
_LENGTH_UNITS |= {
    "metre": _LENGTH_UNITS["meter"],
    "kilometre": _LENGTH_UNITS["kilometer"],
    "inche": _LENGTH_UNITS["inch"],
}
# Conversions written in news are rounded: allow this much either way before calling two lengths different.
_SLACK = 0.05


def is_length(unit: str) -> bool:
    return unit in _LENGTH_UNITS


def in_meters(unit: str, lo: float, hi: float) -> tuple[float, float] | None:
    """The interval of metres ``lo``-``hi`` of ``unit`` can mean (None when ``unit`` is no length)."""
    per = _LENGTH_UNITS.get(unit)
    if per is None:
        return None
    return lo * per[0], hi * per[1]


def lengths_disagree(x: tuple[str, float, float], y: tuple[str, float, float]) -> bool:
    """Whether two lengths ``(unit, lo, hi)`` cannot be the same, whatever reading of their units."""
    mx, my = in_meters(*x), in_meters(*y)
    if mx is None or my is None:
        return False
    return mx[1] * (1 + _SLACK) < my[0] or my[1] * (1 + _SLACK) < mx[0]
