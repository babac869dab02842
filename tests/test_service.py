"""The one orchestrator: every face (Python API, CLI, web, batch engine) keeps the same word budget.

A summary of whole source sentences never exceeds its budget, whatever the path and whatever the
options (min-support, cross-source analysis): ``--min-support 2 --words 10`` on the shipped example
gives at most 10 words.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

import newsfuse
from newsfuse.pipeline import Pipeline
from newsfuse.service import (
    NO_TEXT,
    empty_story,
    summarize_analysed,
    summarize_articles,
    summarize_line,
    summarize_lines,
)
from newsfuse.types import Article, count_words

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kim-jong-un-beijing"


def _words(story: dict) -> int:
    return sum(count_words(s["text"]) for s in story["sentences"])


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def example() -> list[Article]:
    articles, _ = newsfuse.load_articles([EXAMPLE])
    return articles


@pytest.mark.parametrize("words", [10, 25, 60])
@pytest.mark.parametrize("min_support", [1, 2, 3])
def test_python_api_keeps_the_budget_with_min_support(words, min_support, pipeline):
    story = newsfuse.summarize([EXAMPLE], words, pipeline=pipeline, min_support=min_support)
    assert story.words == sum(count_words(s.text) for s in story.sentences) <= words
    assert all(s.support >= min_support for s in story.sentences)


def test_min_support_fills_the_budget_with_supported_facts(pipeline, example):
    """Min-support is a selection constraint: the budget is spent on facts that pass, not cut after."""
    found = pipeline.analyse(example)
    story = summarize_analysed(pipeline, found, 60, min_support=2)
    assert story.sentences and all(s.support >= 2 for s in story.sentences)
    assert story.words <= 60
    passing = [f for f in found.facts if f.support >= 2]
    assert len(story.sentences) <= len(passing)
    # as many words as the plain selection spends, or close: the supported facts are not starved
    assert story.words >= 0.5 * pipeline.summarize_analysis(found, 60).words


def test_min_support_above_every_fact_says_so(pipeline, example):
    story = summarize_articles(pipeline, example, 60, min_support=len(example) + 1)
    assert story.sentences == [] and story.words == 0
    assert any("lower --min-support" in w for w in story.warnings)


def test_analysis_and_warnings_are_assembled_once(pipeline, example):
    story = summarize_articles(pipeline, example, 40, cross_source=True, warnings=["read: one file skipped"])
    assert story.analysis is not None and story.analysis.n_sources == len(example)
    assert story.warnings[0] == "read: one file skipped"
    assert story.words <= 40


def test_empty_story_and_empty_line():
    assert empty_story().warnings == [NO_TEXT]
    story = summarize_line(Pipeline(), "   ", 30)
    assert story.sources == [] and story.sentences == [] and story.warnings == [NO_TEXT]


def test_explain_empty_says_why(pipeline, example):
    found = pipeline.analyse(example)
    story = summarize_analysed(pipeline, found, 1, explain_empty=True)
    assert story.sentences == []
    assert "shorter than the shortest quotable sentence" in story.warnings[-1]


def test_cli_keeps_the_budget_with_min_support(cli):
    out = cli("summarize", str(EXAMPLE), "--min-support", "2", "--words", "10", "--format", "json")
    assert out.returncode == 0, out.stderr
    story = json.loads(out.stdout)
    assert story["words"] == _words(story) <= 10
    assert all(s["support"] >= 2 for s in story["sentences"])
    out = cli("summarize", str(EXAMPLE), "--analysis", "--min-support", "2", "--words", "30", "--format", "json")
    assert out.returncode == 0, out.stderr
    story = json.loads(out.stdout)
    assert story["words"] == _words(story) <= 30 and story["sentences"] and "analysis" in story


def test_engine_lines_keep_the_budget(tmp_path, example):
    path = tmp_path / "two.src"
    line = " ||||| ".join(a.text.replace("\n", " ") for a in example)
    path.write_text(f"{line}\n\n{line}\n", encoding="utf-8")
    stories = [json.loads(s) for s in summarize_lines(path, 10, embedder="tfidf")]
    assert [s["words"] <= 10 for s in stories] == [True, True, True]
    assert stories[1]["warnings"] == [NO_TEXT]
    assert all(s["words"] == _words(s) for s in stories)


def test_web_keeps_the_budget(example):
    from newsfuse.web import create_app
    from test_web import serving

    with (
        serving(create_app(store=False, workers=1, processes=False)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        for words in (10, 40):
            r = client.post("/api/summarize", json={"texts": [a.text for a in example], "words": words})
            assert r.status_code == 200, r.text
            story = r.json()
            assert story["words"] == _words(story) <= words
