"""End to end on the shipped example: the promises a reader relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse import summarize
from newsfuse.clean import normalize

ROSENSTEIN_WORDS = ("rosenstein", "barr", "mueller", "abc news")


@pytest.fixture(scope="module")
def story(example_dir):
    return summarize([example_dir], words=250)


def test_summary_is_within_budget_and_not_empty(story):
    assert story.sentences
    assert 100 <= sum(len(s.text.split()) for s in story.sentences) <= 250


def test_no_rosenstein_sentence(story):
    for s in story.sentences:
        assert not any(w in s.text.lower() for w in ROSENSTEIN_WORDS), s.text


def test_no_repeated_headline_and_no_repeats(story):
    headlines = {normalize(a.title) for a in story.sources if a.title}
    texts = [normalize(s.text) for s in story.sentences]
    assert not headlines & set(texts)
    assert len(texts) == len(set(texts))
    assert not any("latest news" in t for t in texts)


def test_every_sentence_cites_exact_source_spans(story):
    by_id = {a.id: a for a in story.sources}
    for s in story.sentences:
        assert s.citations
        first = s.citations[0]
        assert by_id[first.source].text[first.start : first.end] == s.text
        for c in s.citations:
            span = by_id[c.source].text[c.start : c.end]
            assert span.strip() and span == span.strip()
        assert s.support == len({by_id[c.source].outlet for c in s.citations})


def test_some_fact_is_supported_by_several_outlets(story):
    assert max(s.support for s in story.sentences) >= 2


def test_cli_json_on_example_round_trips(cli, example_dir):
    proc = cli("summarize", str(example_dir), "--words", "120", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [s["id"] for s in data["sources"]] == ["000", "002", "003"]
    texts = {s["id"]: s["text"] for s in data["sources"]}
    for sent in data["sentences"]:
        c = sent["citations"][0]
        assert texts[c["source"]][c["start"] : c["end"]] == sent["text"]
    assert sum(len(s["text"].split()) for s in data["sentences"]) <= 120


def test_cli_text_output_has_citations_and_sources(cli, example_dir):
    proc = cli("summarize", str(example_dir))
    assert proc.returncode == 0, proc.stderr
    assert "[1]" in proc.stdout and "Sources:" in proc.stdout
    assert "\x1b[" not in proc.stdout  # plain when piped


def test_python_module_and_markdown(cli, example_dir):
    proc = cli("summarize", str(example_dir / "002.txt"), str(example_dir / "003.txt"), "-f", "markdown", "-w", "80")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("## Summary")
    assert "## Sources" in proc.stdout


def test_a_jsonl_file_of_stories_gets_one_summary_per_line(cli, tmp_path):
    duc = Path(__file__).resolve().parents[2] / "shared" / "data" / "duc2004-dev" / "dev.jsonl"
    if not duc.exists():
        pytest.skip(f"DUC 2004 dev data not found at {duc}")
    lines = duc.read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("summarize", str(path), "--words", "60", "--format", "jsonl", "--embedder", "tfidf")
    assert r.returncode == 0, r.stderr
    stories = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(stories) == 2
    for story, line in zip(stories, lines, strict=True):
        given = json.loads(line)["articles"]
        # Each story's own articles, with their outlets and dates; citations inside them.
        assert [(s["id"], s["source"], s["published"]) for s in story["sources"]] == [
            (a["id"], a["source"], a["published"]) for a in given
        ]
        texts = {s["id"]: s["text"] for s in story["sources"]}
        quoted = [s["citations"][0] for s in story["sentences"]]
        assert story["sentences"] and [texts[c["source"]][c["start"] : c["end"]] for c in quoted] == [
            s["text"] for s in story["sentences"]
        ]
