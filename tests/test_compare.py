"""Cross-source analysis (issue 6): the rules on hand-made cases, the analysis of real stories, and
the quality figures on the committed labelled sets (tests/data/, test split)."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

import newsfuse
from newsfuse.compare import analyse, compare_sentences, find_dates, parse_published
from newsfuse.compare.scoring import load_jsonl, score_disagreements, score_timeline
from newsfuse.embed import TfidfEmbedder
from newsfuse.pipeline import Pipeline
from newsfuse.render import render
from newsfuse.service import summarize_analysed
from newsfuse.types import Article

DATA = Path(__file__).resolve().parent / "data"
SCHEMA = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "schema" / "story.schema.json"
TODAY = date(2026, 1, 1)

A = (
    "Kim Jong Un left Beijing on Wednesday after a two-day visit to the Chinese capital.\n\n"
    "Washington stations 28,500 troops in South Korea, officials said.\n\n"
    "Kim met Chinese President Xi Jinping at the Great Hall of the People on Tuesday.\n\n"
    "During the Beijing visit Kim also toured a pharmaceutical factory in an economic zone outside the Chinese capital."
)
B = (
    "Kim Jong Un left Beijing on Wednesday after a two-day visit to the Chinese capital.\n\n"
    "Washington stations about 23,500 troops in South Korea, officials said.\n\n"
    "Kim met Chinese President Xi Jinping at the Great Hall of the People on January 8.\n\n"
    "Analysts said Kim's visit to Beijing pointed to a second summit with Donald Trump within months."
)
C = (
    "Kim Jong Un left Beijing on Wednesday after a two-day visit to the Chinese capital.\n\n"
    "North Korean state media released photographs of Kim waving from the train window after the Beijing visit."
)


def story(*texts: str, published: str | None = "2019-01-09") -> list[Article]:
    return [Article(f"s{k}", t, source=f"Outlet {k}", published=published) for k, t in enumerate(texts)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(embedder=TfidfEmbedder())


@pytest.fixture(scope="module")
def cross(pipeline):
    return analyse(pipeline.analyse(story(A, B, C)), today=TODAY)


# --- the rules on single pairs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "anchors"),
    [
        ("A special train departed Beijing Wednesday after a two-day visit to Beijing.",
         "Kim spent four days in China, counting the train journey.", (None, None)),
        ("Washington stations 28,500 in South Korea.", "Washington stations 28,500 troops in South Korea.",
         (None, None)),
        ("About 30,000 people attended the rally.", "Police said 29,800 people attended the rally.", (None, None)),
        ("Mr Kim arrived in Beijing on Tuesday.", "Kim arrived in Beijing on January 8.",
         (date(2019, 1, 9), date(2019, 1, 9))),
        ("The president will not attend the summit.", "The president won't be at the summit.", (None, None)),
        ("The U.S. imposed new sanctions on Tuesday.", "The United States imposed new sanctions on Tuesday.",
         (None, None)),
    ],
)  # fmt: skip
def test_issue_false_alarms_are_not_disagreements(a, b, anchors):
    assert compare_sentences(a, b, *anchors) == []


@pytest.mark.parametrize(
    ("a", "b", "kind", "claims"),
    [
        ("Washington stations 28,500 troops in South Korea.", "The US keeps about 23,500 troops in South Korea.",
         "number", ("28,500", "about 23,500")),
        ("The runoff election will be held on March 3.", "Voters go to the polls for the runoff on March 10.",
         "date", ("March 3", "March 10")),
        ("The talks were hosted by Chinese President Xi Jinping in Beijing.",
         "The talks were hosted by Premier Li Keqiang in Beijing.", "role", None),
        ('"We will not back down," Prime Minister Theresa May said.',
         '"We will not back down," Labour leader Jeremy Corbyn said.', "quote", None),
        ("The president will attend the summit in Hanoi.", "The president will not attend the summit in Hanoi.",
         "negation", None),
    ],
)  # fmt: skip
def test_each_kind_of_disagreement_is_found_with_both_versions(a, b, kind, claims):
    found = compare_sentences(a, b)
    assert [c.kind for c in found] == [kind]
    c = found[0]
    assert a[c.a_start : c.a_end] in c.a_text and b[c.b_start : c.b_end] in c.b_text
    if claims:
        assert claims[0] in c.a_text and claims[1].split()[-1] in c.b_text


def test_relative_dates_resolve_against_the_article_date_and_not_without_one():
    got = {m.text: m.value for m in find_dates("Kim arrived on Tuesday, after talks last month.", date(2019, 1, 9))}
    assert got == {"Tuesday": "2019-01-08", "last month": "2018-12"}
    assert [m.value for m in find_dates("Kim arrived on Tuesday.", None)] == [None]
    assert parse_published("Wed, 09 Jan 2019 10:00:00 GMT") == date(2019, 1, 9)
    assert parse_published("not a date") is None


# --- the analysis of a story ---------------------------------------------------------------------


def test_disagreements_cite_both_versions_with_offsets_into_the_articles(cross):
    texts = {a: t for a, t in zip(("s0", "s1", "s2"), (A, B, C), strict=True)}
    kinds = {d.kind for d in cross.disagreements}
    assert "number" in kinds
    for d in cross.disagreements:
        a, b = d.versions
        assert a.span.source != b.span.source
        for v in (a, b):
            assert texts[v.span.source][v.span.start : v.span.end] == v.span.text
            assert texts[v.span.source][v.claim_start : v.claim_end] in v.claim
    troops = next(d for d in cross.disagreements if d.kind == "number")
    assert {troops.versions[0].claim, troops.versions[1].claim} == {"28,500", "about 23,500"}
    # Tuesday (resolved against 2019-01-09) and January 8 are the same day: no date disagreement.
    assert "date" not in kinds


def test_consensus_lists_every_fact_stated_by_two_or_more_outlets(cross):
    assert cross.consensus
    top = cross.consensus[0]
    assert top.support == 3 and len(top.outlets) == 3
    assert "two-day visit" in top.text
    assert all(f.support >= 2 for f in cross.consensus)
    assert [f.support for f in cross.consensus] == sorted((f.support for f in cross.consensus), reverse=True)


def test_unique_facts_are_the_ones_no_other_outlet_reports(cross):
    assert set(cross.unique) == {"s0", "s1", "s2"}
    assert "pharmaceutical factory" in cross.unique["s0"][0].span.text
    assert "second summit" in cross.unique["s1"][0].span.text
    assert all("two-day visit" not in f.span.text for facts in cross.unique.values() for f in facts)


def test_timeline_is_ordered_and_cited(cross):
    dates = [e.date for e in cross.timeline]
    assert dates == sorted(dates)
    assert {"2019-01-08", "2019-01-09"} <= set(dates)
    tuesday = next(e for e in cross.timeline if e.date == "2019-01-08")
    assert tuesday.relative is False or tuesday.anchor == "2019-01-09"
    assert all(e.citations for e in cross.timeline)


def test_entities_and_numbers_count_outlets(cross):
    ents = {e.text: e for e in cross.entities}
    assert ents["Kim Jong Un"].outlets == 3
    assert ents["Xi Jinping"].kind == "person" and ents["Xi Jinping"].outlets == 2
    assert ents["Beijing"].kind == "place"
    nums = {n.text for n in cross.numbers}
    assert "two-day" in nums and "28,500" in nums


def test_one_outlet_says_plainly_there_is_nothing_to_compare(pipeline):
    one = analyse(pipeline.analyse([Article("x", A, source="Only"), Article("y", B, source="Only")]), today=TODAY)
    assert one.disagreements == [] and one.unique == {}
    assert any("only one outlet" in n for n in one.notes)
    text = render(newsfuse.Story(sources=[], sentences=[], analysis=one), "text")
    assert "only one outlet" in text


def test_undated_and_future_dated_articles_are_not_guessed(pipeline):
    undated = analyse(pipeline.analyse(story(A, B, published=None)), today=TODAY)
    assert not any(e.relative for e in undated.timeline)
    assert any("no publication date" in n for n in undated.timeline_notes)
    future = analyse(pipeline.analyse(story(A, B, published="2031-06-12")), today=TODAY)
    assert not any(e.relative for e in future.timeline)
    assert any("in the future" in n for n in future.timeline_notes)


def test_table_like_input_is_bounded(pipeline):
    rows = "\n".join(f"District {k}: {k * 37 % 997} votes, {k % 97}.{k % 10} percent turnout." for k in range(400))
    other = "\n".join(f"District {k}: {k * 41 % 991} votes, {k % 89}.{k % 10} percent turnout." for k in range(400))
    analysis = pipeline.analyse([Article("a", rows, source="A"), Article("b", other, source="B")])
    cross = analyse(analysis, max_pairs=50, today=TODAY)
    assert any("compared the 50 most similar" in n for n in cross.notes)
    assert len(cross.numbers) <= 30
    one_line = analyse(
        pipeline.analyse(
            [Article("a", rows.replace("\n", " "), source="A"), Article("b", other.replace("\n", " "), source="B")]
        ),
        today=TODAY,
    )
    assert one_line.numbers  # a giant one-sentence table still gives (capped) figures


def test_min_support_filters_the_summary(pipeline):
    analysis = pipeline.analyse(story(A, B, C))
    kept = summarize_analysed(pipeline, analysis, 120, min_support=2)
    assert kept.sentences and all(s.support >= 2 for s in kept.sentences)
    assert kept.words <= 120
    none = summarize_analysed(pipeline, analysis, 120, min_support=4)
    assert none.sentences == [] and any("--min-support" in w for w in none.warnings)


# --- output formats -----------------------------------------------------------------------------


def test_json_analysis_validates_and_every_citation_points_at_its_text(pipeline):
    result = newsfuse.summarize(story(A, B, C), 80, pipeline=pipeline, analysis=True)
    data = json.loads(render(result, "json"))
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not [e.message for e in validator.iter_errors(data)]
    texts = {s["id"]: s["text"] for s in data["sources"]}
    analysis = data["analysis"]
    cited = [c for f in analysis["consensus"] for c in f["citations"]]
    cited += [v for d in analysis["disagreements"] for v in d["versions"]]
    cited += [f for u in analysis["unique"] for f in u["facts"]]
    cited += [c for e in analysis["timeline"]["events"] for c in e["citations"]]
    assert cited
    for c in cited:
        assert texts[c["source"]][c["start"] : c["end"]] == c["text"]
    assert "analysis" not in json.loads(render(newsfuse.summarize(story(A, B), 80, pipeline=pipeline), "json"))


def test_text_and_markdown_show_the_sections_and_escape_source_text(pipeline):
    hostile = B.replace("Analysts said", "Analysts <script>alert(1)</script> *said*")
    result = newsfuse.summarize(story(A, hostile, C), 80, pipeline=pipeline, analysis=True)
    text = render(result, "text")
    for heading in ("Consensus", "Disagreements between outlets", "Only one outlet reports", "Timeline", "Entities"):
        assert heading in text
    assert "“28,500” [1] vs “about 23,500” [2]" in text
    md = render(result, "markdown")
    assert "## Cross-source analysis" in md and "<script>" not in md and "\\<script\\>" in md


# --- quality on the committed labelled sets (test split) ----------------------------------------


def _builder(name: str):
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("builder", "data"), [("make_disagreements", "disagreements.jsonl"),
                                                ("make_timeline", "timeline.jsonl")])  # fmt: skip
def test_committed_sets_are_what_their_builders_make(builder, data):
    assert _builder(builder).build() == load_jsonl(DATA / data)


def test_disagreement_detection_on_the_test_split():
    cases = load_jsonl(DATA / "disagreements.jsonl")
    assert len(cases) >= 60
    test = [c for c in cases if c["split"] == "test"]
    assert {c["label"] for c in test} == {"contradiction", "consistent"}
    result = score_disagreements(cases, "test")
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.8, result


def test_timeline_resolution_on_the_test_split():
    cases = load_jsonl(DATA / "timeline.jsonl")
    assert len(cases) >= 40
    result = score_timeline(cases, "test")
    assert result["n"] >= 30
    assert result["accuracy"] >= 0.9, result
