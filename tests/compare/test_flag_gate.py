# ruff: noqa: E501
"""The precision gate on listed disagreements, on sentences from held-out Multi-News stories read by hand.

``benchmarks/data/heldout_flags.jsonl`` holds every flag read (dev slices and fresh ones).  Negation
conflicts stay listed (issue 25 asks for "resigned" / "refused to resign"), although none of the 13 read on
held-out news was real: the pairs below are two such false flags, kept as the measured cost.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsfuse.compare import compare_sentences, find_disagreements
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _story(a: str, b: str):
    return Pipeline().analyse([Article("a", a, source="A"), Article("b", b, source="B")])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # train line 5798: the same claim in other words.
        (
            "Passengers had not yet boarded the flight to new york's laguardia airport, he said.",
            "Passengers had yet to board, he added.",
        ),
        # train line 35813: "due not only to" / "not due only to".
        (
            '" the group also claims that thicke\'s celebrity is due not only to " his hit songs, but also his misogyny.',
            "However, thicke's current celebrity status is not due only to his hit songs, but also his misogyny.",
        ),
    ],
)
def test_negation_word_conflicts_are_still_listed(a: str, b: str) -> None:
    assert [c.kind for c in compare_sentences(a, b)] == ["negation"]
    found, _ = find_disagreements(_story(a, b))
    assert [d.kind for d in found] == ["negation"]


def test_opposite_words_are_still_listed() -> None:
    a = "Shares rose sharply in early trading on Wall Street."
    b = "Shares fell sharply in early trading on Wall Street."
    found, _ = find_disagreements(_story(a, b))
    assert [d.kind for d in found] == ["negation"]


def test_a_real_figure_disagreement_is_listed() -> None:
    # val-full250 story 161: one shooting, two addresses.
    a = "Tavin Price was at a car wash in the 3000 block of West Florence Avenue on May 29 about 11 a.m. when he went to a smoke shop to buy a soda."
    b = "Tavin Terrell Price was shot from behind multiple times May 29 outside Simms Car Wash in the 3300 block of West Florence Avenue."
    found, _ = find_disagreements(_story(a, b))
    assert [(d.kind, sorted(v.claim for v in d.versions)) for d in found] == [("number", ["3000", "3300"])]


def _gate_module():
    spec = importlib.util.spec_from_file_location("flag_gate", BENCH / "flag_gate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gate_features_on_read_pairs() -> None:
    gate = _gate_module()
    # val line 989 (real): "Lake superior is now" before both figures.
    a = "Lake superior is now 91 percent covered by ice — the most since 1994 — and the great lake may even surpass a record dating back more than 30 years in coming days, experts say."
    b = "Lake superior is now 95 percent covered with ice."
    sa, sb = (a.index("91"), a.index("91") + 10), (b.index("95"), b.index("95") + 10)
    assert gate.same_left_word(a, sa, b, sb)
    # all of b's words are in a, a third of a's in b: the smaller share
    assert gate.overlap_outside(a, sa, b, sb) == pytest.approx(0.31, abs=0.01)
    # train line 10133 (false): thresholds of different audiences share no word before the figure.
    a, b = (
        '" the movie did play older: 83 percent of its audience was over 25.',
        "The picture drew an older crowd, however, with 59 % of the audience over 35.",
    )
    assert not gate.same_left_word(a, (a.index("83"), a.index("83") + 10), b, (b.index("59"), b.index("59") + 4))


def test_read_flags_file() -> None:
    rows = [json.loads(x) for x in (BENCH / "data" / "heldout_flags.jsonl").read_text().splitlines()]
    assert {r["role"] for r in rows} == {"dev", "fresh"}
    for r in rows:  # the spans hold the values (a quote's value adds its speaker)
        assert r["a_value"].startswith(r["a"][slice(*r["a_span"])])
        assert r["b_value"].startswith(r["b"][slice(*r["b_span"])])
    negation = [r for r in rows if r["kind"] == "negation"]
    assert negation and not any(r["real"] for r in negation)
