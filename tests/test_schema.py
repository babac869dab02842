"""The public JSON schema: real outputs validate, broken objects do not."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from newsfuse.embed import TfidfEmbedder
from newsfuse.inputs import read_articles
from newsfuse.pipeline import Pipeline
from newsfuse.render import render
from newsfuse.types import Article, Story

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "schema" / "story.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def example_articles(example_dir):
    return read_articles([example_dir])[0]


@pytest.fixture(scope="module")
def example_output(example_articles):
    return json.loads(render(Pipeline().summarize(example_articles, 120), "json"))


def test_schema_ships_with_the_package():
    shipped = resources.files("newsfuse").joinpath("schema/story.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("words", [40, 120, 250])
def test_pipeline_output_on_example_validates(validator, example_articles, words):
    story = Pipeline().summarize(example_articles, words)
    for fmt in ("json", "jsonl"):
        data = json.loads(render(story, fmt))
        errors = list(validator.iter_errors(data))
        assert not errors, [e.message for e in errors]
        assert data["sentences"]


def test_tfidf_pipeline_output_validates(validator, example_articles):
    story = Pipeline(embedder=TfidfEmbedder()).summarize(example_articles, 120)
    validator.validate(story.to_dict())


def test_output_with_extra_fields_and_no_sentences_validates(validator):
    story = Pipeline().summarize(
        [Article("x", "Hi.", source="Wire", url="https://wire.example/x", extra={"author": "Jane", "tags": ["a"]})], 50
    )
    data = story.to_dict()
    assert data["sources"][0]["extra"] == {"author": "Jane", "tags": ["a"]}
    validator.validate(data)
    validator.validate(Story(sources=[], sentences=[], warnings=["no sentences"]).to_dict())


def test_citations_point_into_sources(example_output):
    texts = {s["id"]: s["text"] for s in example_output["sources"]}
    for s in example_output["sentences"]:
        first = s["citations"][0]
        assert texts[first["source"]][first["start"] : first["end"]] == s["text"]
        assert all(0 <= c["start"] < c["end"] <= len(texts[c["source"]]) for c in s["citations"])


def broken(data, mutate):
    bad = copy.deepcopy(data)
    mutate(bad)
    return bad


MUTATIONS = {
    "missing citations": lambda d: d["sentences"][0].pop("citations"),
    "negative start": lambda d: d["sentences"][0]["citations"][0].__setitem__("start", -1),
    "empty citations": lambda d: d["sentences"][0].__setitem__("citations", []),
    "zero support": lambda d: d["sentences"][0].__setitem__("support", 0),
    "string support": lambda d: d["sentences"][0].__setitem__("support", "2"),
    "empty sentence text": lambda d: d["sentences"][0].__setitem__("text", ""),
    "unknown citation key": lambda d: d["sentences"][0]["citations"][0].__setitem__("page", 3),
    "float offset": lambda d: d["sentences"][0]["citations"][0].__setitem__("end", 12.5),
    "source without id": lambda d: d["sources"][0].pop("id"),
    "source text null": lambda d: d["sources"][0].__setitem__("text", None),
    "extra not an object": lambda d: d["sources"][0].__setitem__("extra", ["a"]),
    "missing sources": lambda d: d.pop("sources"),
    "negative words": lambda d: d.__setitem__("words", -1),
    "warnings not strings": lambda d: d.__setitem__("warnings", [1]),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_broken_objects_fail_validation(validator, example_output, name):
    validator.validate(example_output)  # the original is fine
    bad = broken(example_output, MUTATIONS[name])
    assert not validator.is_valid(bad), name
