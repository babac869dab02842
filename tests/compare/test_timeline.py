# ruff: noqa: E501
"""Lower-case month names (Multi-News copy is often lower-cased) are dates only with a number next to them."""

from __future__ import annotations

from datetime import date

import pytest

from newsfuse.compare import compare_sentences, find_dates
from newsfuse.compare.text import quantities

DAY = date(2015, 3, 10)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Multi-News val.src line 446.
        ("Conklin was 18 when he went missing in early december 1950, following a battle in north korea with chinese forces, according to the department of defense pow/missing personnel office.",
         [("december 1950", "1950-12")]),
        # Multi-News val.src line 249.
        ("On friday, march 6, 2015, the asu art museum will install a camera designed by experimental philosopher jonathon keats to take a millennium-long photograph of the evolving tempe skyline.",
         [("friday", "2015-03-06"), ("march 6, 2015", "2015-03-06")]),
        # Multi-News val.src line 32: a day number is enough for a month that is not also a verb.
        ("Angelika graswald, 35, has been indicted on a second-degree murder charge in the death of vincent viafore in choppy, chilly water on the evening of april 19.",
         [("april 19", "2015-04-19")]),
        ("The trial is set to begin jan. 5 in federal court.", [("jan. 5", "2015-01-05")]),
    ],
)  # fmt: skip
def test_lower_case_months_with_a_number_are_dates(sentence, expected):
    assert [(m.text, m.value) for m in find_dates(sentence, DAY)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the damage may 5 times exceed the estimate.",
        "Thousands of protesters plan to march 5 miles to the capitol.",
        "Supporters will march on the capitol in may.",
        "In march the group said it would march again.",
        "He said the decision may come in june.",
    ],
)
def test_may_and_march_as_verbs_and_bare_lower_case_months_are_not_dates(sentence):
    assert find_dates(sentence, DAY) == []


def test_the_day_of_a_lower_case_date_is_not_a_figure():
    sentence = "On friday, march 6, 2015, the asu art museum will install a camera."
    assert [q.value for q in quantities(sentence)] == []


def test_ages_in_different_years_are_not_a_disagreement():
    # Multi-News val.src line 446: 17 when he joined the army in 1949, 18 when he went missing in december 1950.
    a = '" conklin was 17 when he went into the army in 1949.'
    b = "Conklin was 18 when he went missing in early december 1950, following a battle in north korea with chinese forces, according to the department of defense pow/missing personnel office."
    assert compare_sentences(a, b) == []


def test_capitalised_months_read_as_before():
    assert [(m.text, m.value) for m in find_dates("Kim left Beijing on Jan. 9 and May 2018 was quiet.", DAY)] == [
        ("Jan. 9", "2015-01-09"),
        ("May 2018", "2018-05"),
    ]


def test_lower_case_weekdays_and_spaced_clock_times_are_read():
    # Multi-News val.src lines 761 and 1029 (held-out reading).
    found = find_dates(
        "More than 50,000 people still remained stuck outside guangzhou railway station on tuesday, state media said.",
        None,
    )
    assert [(m.text, m.key) for m in found] == [("tuesday", "weekday:tuesday")]
    from newsfuse.compare.timeline import find_times

    assert [
        t[2] for t in find_times("You can catch the live coverage starting at 1: 30 p.m. Pdt / 4: 30 p.m. Edt")
    ] == [810, 990]


def test_figures_of_two_days_are_two_events_in_lower_cased_copy():
    # Multi-News val.src line 761: stuck on monday, still stuck on tuesday.
    a = "More than 100,000 people were stuck at the guangzhou railway station in southern china on monday after rain and snow in the northern part of the country delayed large numbers of trains, according to chinese media reports."
    b = "More than 50,000 people still remained stuck outside guangzhou railway station on tuesday, state media said."
    assert compare_sentences(a, b) == []
