"""Render stage: text, Markdown, JSON and JSONL forms of a Story, with the same citation numbers."""

from __future__ import annotations

import io
import json
import re

import pytest

from newsfuse.errors import InputError
from newsfuse.inputs import read_articles
from newsfuse.pipeline import Pipeline
from newsfuse.render import FORMATS, render, render_json, render_markdown, render_rich, render_text, source_numbers
from newsfuse.types import Article, Citation, Story, SummarySentence

HOSTILE = "Officials said <script>alert(1)</script> was *not* found in [the file](javascript:x) #1 `code` a_b | c."


def make_story() -> Story:
    a = Article(
        "a",
        "Kim left Beijing on Wednesday.\n" + HOSTILE,
        title="Kim leaves *Beijing* [live]",
        source="Daily <b>Post</b>",
        url="https://post.example/kim",
        published="2019-01-09",
    )
    b = Article("b", "Kim left Beijing on Wednesday after talks.", path="/tmp/b.txt", extra={"author": "Jane Roe"})
    c = Article("c", "Xi hosted Kim.")
    first = "Kim left Beijing on Wednesday."
    hostile_start = a.text.index(HOSTILE)
    return Story(
        sources=[a, b, c],
        sentences=[
            SummarySentence(
                first, 2, (Citation("a", 0, len(first)), Citation("b", 0, len("Kim left Beijing on Wednesday")))
            ),
            SummarySentence(HOSTILE, 1, (Citation("a", hostile_start, hostile_start + len(HOSTILE)),)),
        ],
        warnings=["skipped x.txt: is empty"],
        words=len(first.split()) + len(HOSTILE.split()),
    )


@pytest.fixture()
def story() -> Story:
    return make_story()


def test_source_numbers_follow_source_order(story):
    assert source_numbers(story) == {"a": 1, "b": 2, "c": 3}


def test_text_has_marks_and_numbered_sources(story):
    out = render_text(story)
    lines = out.splitlines()
    assert lines[0] == "Kim left Beijing on Wednesday. [1][2]"
    assert lines[1] == HOSTILE + " [1]"
    i = lines.index("Sources:")
    assert lines[i - 1] == ""
    assert lines[i + 1] == "[1] Kim leaves *Beijing* [live] (Daily <b>Post</b>, 2019-01-09) — https://post.example/kim"
    assert lines[i + 2] == "[2] b — /tmp/b.txt"
    assert lines[i + 3] == "[3] c"
    assert len(lines) == i + 4
    assert out.endswith("\n")


def test_text_marks_are_sorted_and_unique():
    story = make_story()
    s = story.sentences[0]
    story.sentences[0] = SummarySentence(s.text, 2, (Citation("b", 0, 5), Citation("a", 0, 5), Citation("b", 6, 9)))
    assert render_text(story).splitlines()[0].endswith(" [1][2]")


def test_text_without_sentences_explains_why(story):
    story.sentences = []
    out = render_text(story)
    assert out.startswith("(no summary: skipped x.txt: is empty)")
    assert "Sources:" in out


def test_markdown_structure(story):
    out = render_markdown(story)
    assert out.startswith("## Summary\n")
    assert "## Sources" in out
    assert "[\\[1\\]](#source-1)[\\[2\\]](#source-2) _(stated by 2 outlets)_" in out
    assert '1. <a id="source-1"></a>' in out
    assert '3. <a id="source-3"></a>c' in out


def test_markdown_escapes_source_text(story):
    out = render_markdown(story)
    assert "<script>" not in out and "</script>" not in out
    assert "\\<script\\>alert(1)\\</script\\>" in out
    assert "\\*not\\*" in out
    assert "\\[the file\\](javascript:x)" in out
    assert "\\#1 \\`code\\` a\\_b \\| c." in out
    # The title and outlet in the source list are escaped too.
    assert "Kim leaves \\*Beijing\\* \\[live\\]" in out
    assert "<b>" not in out and "Daily \\<b\\>Post\\</b\\>" in out
    # The only raw HTML left is the anchors newsfuse writes itself.
    assert set(re.findall(r"(?<!\\)<(/?\w+)", out)) == {"a", "/a"}


def test_markdown_without_sentences(story):
    story.sentences = []
    assert "_No summary: skipped x.txt: is empty_" in render_markdown(story)


def test_json_parses_and_equals_to_dict(story):
    out = render(story, "json")
    data = json.loads(out)
    assert data == story.to_dict()
    assert data == json.loads(render_json(story))
    assert data["sources"][1]["extra"] == {"author": "Jane Roe"}
    assert "extra" not in data["sources"][0]
    assert data["sentences"][0]["citations"] == [
        {"source": "a", "start": 0, "end": 30},
        {"source": "b", "start": 0, "end": 29},
    ]
    assert data["words"] == story.words and data["warnings"] == ["skipped x.txt: is empty"]
    assert out.count("\n") > 5  # indented


def test_jsonl_is_one_line(story):
    out = render(story, "jsonl")
    assert out.endswith("\n")
    assert out.count("\n") == 1  # the newline inside source text is escaped
    assert json.loads(out) == story.to_dict()


def test_unknown_format_raises(story):
    assert FORMATS.names() == ["text", "markdown", "json", "jsonl"]
    with pytest.raises(InputError, match="unknown format"):
        render(story, "html")


def test_render_dispatch(story):
    assert render(story, "text") == render_text(story)
    assert render(story, "markdown") == render_markdown(story)


def test_rich_output_escapes_markup(story):
    from rich.console import Console

    story.sentences.append(SummarySentence("Styled [bold red]not markup[/bold red] here.", 1, (Citation("c", 0, 3),)))
    buf = io.StringIO()
    render_rich(story, Console(file=buf, force_terminal=False, width=400, color_system=None))
    out = buf.getvalue()
    assert "Kim left Beijing on Wednesday. [1][2] ×2" in out
    assert "Styled [bold red]not markup[/bold red] here. [3]" in out
    assert "[1] Kim leaves *Beijing* [live]" in out


def test_rendering_a_real_summary(example_dir):
    articles, _ = read_articles([example_dir])
    story = Pipeline().summarize(articles, 120)
    text = render_text(story)
    summary_lines = text.split("\n\nSources:\n")[0].splitlines()
    assert len(summary_lines) == len(story.sentences) > 0
    for line, s in zip(summary_lines, story.sentences, strict=True):
        assert line.startswith(s.text + " [")
        assert re.fullmatch(r"(\[[123]\])+", line[len(s.text) + 1 :])
    assert text.rstrip().endswith("[3] " + (articles[2].title or "003") + " — " + articles[2].path)
    assert json.loads(render(story, "jsonl")) == story.to_dict()


def test_a_speakers_second_quote_stays_on_the_line_of_the_first():
    """From a Multi-News story on misspelled Rockies jerseys: two sentences of one paragraph read as one passage."""
    from newsfuse.render.formats import render_markdown, render_text
    from newsfuse.types import Article, Citation, Story, SummarySentence

    text = (
        "Some fans didn't bother with the game, usher Leon Thomas said. "
        '"Many of the fans got here early. Took the shirt and left."\n\n'
        "The Rockies say fans can swap the jerseys."
    )
    a = Article("000", text)

    def cite(part: str) -> SummarySentence:
        start = text.index(part)
        return SummarySentence(part, 1, (Citation("000", start, start + len(part)),))

    story = Story(
        [a],
        [
            cite("Some fans didn't bother with the game, usher Leon Thomas said."),
            cite('"Many of the fans got here early. Took the shirt and left."'),
            cite("The Rockies say fans can swap the jerseys."),
        ],
    )
    summary = render_text(story).split("\n\nSources:")[0].splitlines()
    assert summary == [
        "Some fans didn't bother with the game, usher Leon Thomas said. [1] "
        '"Many of the fans got here early. Took the shirt and left." [1]',
        "The Rockies say fans can swap the jerseys. [1]",
    ]
    assert render_markdown(story).count("\n- ") == 2


def _chronicle(dates: list[str | None]) -> Story:
    arts = [Article(f"a{k}", f"Event {k} happened on Friday.", source="AP", published=d) for k, d in enumerate(dates)]
    return Story(arts, [SummarySentence(a.text, 1, (Citation(a.id, 0, len(a.text)),)) for a in arts])


def test_a_story_told_over_days_shows_each_passage_day_where_it_changes():
    story = _chronicle(["1998-12-02", "1998-12-02", "1998-12-19"])
    lines = render_text(story).split("\n\nSources:")[0].splitlines()
    assert lines == [
        "Dec 2, 1998 — Event 0 happened on Friday. [1]",
        "Event 1 happened on Friday. [2]",
        "Dec 19, 1998 — Event 2 happened on Friday. [3]",
    ]
    assert "- **Dec 19, 1998** — Event 2" in render_markdown(story)
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, color_system=None)
    render_rich(story, console)
    assert "Dec 19, 1998 — Event 2" in console.file.getvalue()
    # One day's coverage, or an undated article among them: no dates.
    for dates in (["1998-12-02", "1998-12-03", "1998-12-04"], ["1998-12-02", None, "1998-12-19"]):
        assert "1998" not in render_text(_chronicle(dates)).split("\n\nSources:")[0]
