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

_LENGTH, _MASS, _AREA = "length", "mass", "area"
# (dimension, shortest reading, longest reading) in metres, kilograms, square metres; unit names as
# ``text.lemma`` gives them ("stories" -> "story", "inches" -> "inche", "metres" -> "metre").
_UNITS: dict[str, tuple[str, float, float]] = {
    "millimeter": (_LENGTH, 0.001, 0.001),
    "centimeter": (_LENGTH, 0.01, 0.01),
    "meter": (_LENGTH, 1.0, 1.0),
    "metre": (_LENGTH, 1.0, 1.0),
    "kilometer": (_LENGTH, 1000.0, 1000.0),
    "kilometre": (_LENGTH, 1000.0, 1000.0),
    "inch": (_LENGTH, 0.0254, 0.0254),
    "inche": (_LENGTH, 0.0254, 0.0254),
    "foot": (_LENGTH, 0.3048, 0.3048),
    "yard": (_LENGTH, 0.9144, 0.9144),
    "mile": (_LENGTH, 1609.344, 1609.344),
    "story": (_LENGTH, 3.0, 4.5),
    "storey": (_LENGTH, 3.0, 4.5),
    "floor": (_LENGTH, 3.0, 4.5),
    "pound": (_MASS, 0.4536, 0.4536),
    "lb": (_MASS, 0.4536, 0.4536),
    "kilogram": (_MASS, 1.0, 1.0),
    "kg": (_MASS, 1.0, 1.0),
    "ton": (_MASS, 907.2, 1016.0),
    "tonne": (_MASS, 1000.0, 1000.0),
    "acre": (_AREA, 4046.9, 4046.9),
    "hectare": (_AREA, 10000.0, 10000.0),
}
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
