"""Renderers: each takes a Story and returns a string (rich prints to a console).

Citations are numbered by the order of ``story.sources`` (``[1]`` is the first
source), the same numbers in every format.  A story told over days (see
:func:`newsfuse.order.told_over_days`) shows each passage's day where it changes,
so "on Friday" can be read against it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..compare.timeline import parse_published
from ..order import told_over_days
from ..registry import Registry
from ..types import Story, SummarySentence


def source_numbers(story: Story) -> dict[str, int]:
    """Map each source id to its 1-based citation number."""
    return {a.id: k for k, a in enumerate(story.sources, 1)}


def one_line(text: str) -> str:
    r"""A summary unit as shown to a reader: its source text with line breaks and runs of spaces as one space.

    A unit may span a paragraph break of its article; JSON keeps the verbatim text.

    >>> one_line("He left.\n\n“I won't,” he said.")
    "He left. “I won't,” he said."
    """
    return " ".join(text.split())


def passages(story: Story) -> list[list[SummarySentence]]:
    r"""The summary's sentences grouped into passages: a run of sentences that follow each other in
    one paragraph of one article reads as one passage (a speaker's second quote stays with the first).

    Formats show a passage on one line (one bullet), each sentence still followed by its own marks.

    >>> from newsfuse.types import Article, Citation, Story, SummarySentence
    >>> a = Article("a", 'Kim left. "We will return," he said. Xi waved.\n\nTrains ran late.')
    >>> def cite(start, end): return SummarySentence(a.text[start:end], 1, (Citation("a", start, end),))
    >>> story = Story([a], [cite(0, 9), cite(10, 36), cite(48, 64)])
    >>> [len(p) for p in passages(story)]
    [2, 1]
    """
    texts = {a.id: a.text for a in story.sources}
    spans = [
        (s.citations[0].source, s.citations[0].start, s.citations[0].end) if s.citations else None
        for s in story.sentences
    ]
    return [[story.sentences[i] for i in run] for run in passage_runs(spans, texts)]


def passage_runs(spans: Sequence[tuple[str, int, int] | None], texts: Mapping[str, str]) -> list[list[int]]:
    r"""Indices of consecutive summary sentences grouped into passages, from each sentence's first cited span
    ``(source, start, end)`` (None for none): a sentence joins the passage before it when its span comes
    after the previous one's in the same source with only spaces, no line break, between them.

    >>> passage_runs([("a", 0, 9), ("a", 10, 20), ("a", 22, 30), None], {"a": "x" * 9 + " " + "y" * 10 + "\n\nz"})
    [[0, 1], [2], [3]]
    """
    out: list[list[int]] = []
    for i, span in enumerate(spans):
        before = spans[i - 1] if i else None
        if out and span and before and _follows(texts, before, span):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def passage_days(story: Story, groups: list[list[SummarySentence]]) -> list[str | None]:
    """Per passage, its article's day ("Dec 2, 1998") where the day changes, when the story is told over days.

    All None unless every passage's article is dated and the days span more than the orderer's
    chronicle limit: one day's coverage needs no dates.

    >>> from newsfuse.types import Article, Citation, Story, SummarySentence
    >>> a, b = Article("a", "Kim left.", published="1998-12-02"), Article("b", "Kim won.", published="1998-12-19")
    >>> story = Story([a, b], [SummarySentence(x.text, 1, (Citation(x.id, 0, 8),)) for x in (a, b)])
    >>> passage_days(story, passages(story))
    ['Dec 2, 1998', 'Dec 19, 1998']
    """
    first = [p[0].citations[0].source if p[0].citations else None for p in groups]
    return day_marks(first, {a.id: a.published for a in story.sources})


def day_marks(first_sources: Sequence[str | None], published: Mapping[str, str | None]) -> list[str | None]:
    """Per passage, from the id of its first cited source and the sources' ``published`` values, its day
    ("Dec 2, 1998") where the day changes; all None unless every passage is dated and the days span more
    than the orderer's chronicle limit (:func:`newsfuse.order.told_over_days`).

    >>> day_marks(["a", "a", "b"], {"a": "1998-12-02", "b": "Sat, 19 Dec 1998 10:00:00 GMT"})
    ['Dec 2, 1998', None, 'Dec 19, 1998']
    >>> day_marks(["a", "b"], {"a": "1998-12-02", "b": "1998-12-03"}), day_marks(["a", None], {"a": "1998-12-02"})
    ([None, None], [None, None])
    """
    parsed = {k: parse_published(v) for k, v in published.items()}
    days = [parsed.get(k) if k is not None else None for k in first_sources]
    if any(d is None for d in days) or not told_over_days([d.toordinal() for d in days if d is not None]):
        return [None] * len(days)
    out: list[str | None] = []
    for k, d in enumerate(days):
        assert d is not None
        out.append(None if k and d == days[k - 1] else day_label(d))
    return out


def day_label(day: date) -> str:
    """A day as passages are marked with it.

    >>> day_label(date(1998, 12, 2))
    'Dec 2, 1998'
    """
    return f"{day:%b} {day.day}, {day.year}"


def _follows(texts: Mapping[str, str], a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    if a[0] != b[0] or b[1] < a[2] or a[0] not in texts:
        return False
    gap = texts[a[0]][a[2] : b[1]]
    return not gap.strip() and "\n" not in gap


def _marks(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    seen = sorted({numbers[c.source] for c in sentence.citations})
    return "".join(f"[{n}]" for n in seen)


def disputed_note(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    """``disputed: “15” vs “12” [3][4]`` for a sentence other outlets state differently ('' when none)."""
    parts = []
    for d in sentence.disputed:
        others = " / ".join(
            f"“{o.claim}” " + "".join(f"[{n}]" for n in sorted({numbers.get(c.source, 0) for c in o.citations}))
            for o in d.others
        )
        parts.append(f"“{d.claim}” vs {others}")
    return f"disputed: {'; '.join(parts)}" if parts else ""


def _source_line(story: Story, k: int) -> str:
    a = story.sources[k - 1]
    parts = [a.title or a.id]
    meta = ", ".join(p for p in (a.source, a.published) if p)
    if meta:
        parts.append(f"({meta})")
    where = a.url or a.path
    if where:
        parts.append(f"— {where}")
    return " ".join(parts)


def render_text(story: Story) -> str:
    """Plain text: one passage of cited sentences per line, then the numbered sources."""
    numbers = source_numbers(story)
    lines = []
    groups = passages(story)
    for passage, day in zip(groups, passage_days(story, groups), strict=True):
        cited = []
        for s in passage:
            note = disputed_note(s, numbers)
            cited.append(f"{one_line(s.text)} {_marks(s, numbers)}" + (f" ({note})" if note else ""))
        lines.append((f"{day} — " if day else "") + " ".join(cited))
    if not lines:
        lines = ["(no summary: " + ("; ".join(story.warnings) or "nothing to summarize") + ")"]
    lines += ["", "Sources:"] + [f"[{k}] {_source_line(story, k)}" for k in range(1, len(story.sources) + 1)]
    if story.analysis is not None:
        from ..compare.report import analysis_text

        lines += analysis_text(story)
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    # Source text must not turn into links, HTML or emphasis when the Markdown is rendered.
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(story: Story) -> str:
    """Markdown: the summary as a paragraph list with citation links and a numbered source list."""
    numbers = source_numbers(story)
    lines = ["## Summary", ""]
    groups = passages(story)
    for passage, day in zip(groups, passage_days(story, groups), strict=True):
        cited = []
        for s in passage:
            marks = "".join(f"[\\[{n}\\]](#source-{n})" for n in sorted({numbers[c.source] for c in s.citations}))
            support = f" _(stated by {s.support} outlets)_" if s.support > 1 else ""
            note = disputed_note(s, numbers)
            note = f" **{_md_escape(note)}**" if note else ""
            cited.append(f"{_md_escape(one_line(s.text))} {marks}{support}{note}")
        lines.append("- " + (f"**{_md_escape(day)}** — " if day else "") + " ".join(cited))
    if not story.sentences:
        lines.append("_No summary: " + _md_escape("; ".join(story.warnings) or "nothing to summarize") + "_")
    lines += ["", "## Sources", ""]
    for k in range(1, len(story.sources) + 1):
        lines.append(f'{k}. <a id="source-{k}"></a>{_md_escape(_source_line(story, k))}')
    if story.analysis is not None:
        from ..compare.report import analysis_markdown

        lines += analysis_markdown(story, _md_escape)
    return "\n".join(lines) + "\n"


def render_json(story: Story, *, indent: int | None = 2) -> str:
    """The public JSON object (schema: ``newsfuse/schema/story.schema.json``)."""
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=indent)


def render_rich(story: Story, console: Any) -> None:
    """Colourful terminal output with rich: citations in cyan, support as a badge."""
    from rich.markup import escape

    numbers = source_numbers(story)
    console.print("[bold]Summary[/bold]")
    groups = passages(story)
    for passage, day in zip(groups, passage_days(story, groups), strict=True):
        cited = []
        for s in passage:
            badge = f" [green]×{s.support}[/green]" if s.support > 1 else ""
            note = disputed_note(s, numbers)
            note = f" [red]{escape(note)}[/red]" if note else ""
            cited.append(f"{escape(one_line(s.text))} [cyan]{escape(_marks(s, numbers))}[/cyan]{badge}{note}")
        console.print("• " + (f"[bold]{escape(day)}[/bold] — " if day else "") + " ".join(cited))
    if not story.sentences:
        console.print("[yellow](no summary: " + escape("; ".join(story.warnings) or "nothing to summarize") + ")[/]")
    console.print()
    console.print("[bold]Sources[/bold]")
    for k in range(1, len(story.sources) + 1):
        console.print(f"[cyan]\\[{k}][/cyan] {escape(_source_line(story, k))}")
    if story.analysis is not None:
        from ..compare.report import analysis_rich

        analysis_rich(story, console)


def render_jsonl(story: Story) -> str:
    """Compact one-line JSON, newline-terminated (one story per line)."""
    return render_json(story, indent=None) + "\n"


def _json_document(story: Story) -> str:
    return render_json(story) + "\n"


FORMATS: Registry[str] = Registry(
    "format", {"text": render_text, "markdown": render_markdown, "json": _json_document, "jsonl": render_jsonl}
)


def render(story: Story, fmt: str) -> str:
    """Render ``story`` in one of :data:`FORMATS` (``jsonl`` is compact one-line JSON).

    >>> render(Story(sources=[], sentences=[]), "jsonl")[:14]
    '{"sources": []'
    """
    return FORMATS.create(fmt, story)
