"""The cross-source analysis as text, Markdown and rich terminal sections (JSON is ``CrossSource.to_dict``).

Citation numbers are those of the summary: ``[n]`` is ``story.sources[n-1]``.  Long lists are cut
for reading (the JSON keeps everything); each cut says how many were left out.
"""

from __future__ import annotations

from typing import Any

from ..types import Story
from .base import CrossSource, Span

SHOW = {"consensus": 10, "disagreements": 20, "unique": 3, "timeline": 30, "entities": 15, "numbers": 10}


def _numbers(story: Story) -> dict[str, int]:
    return {a.id: k for k, a in enumerate(story.sources, 1)}


def _marks(spans: tuple[Span, ...] | list[Span], numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted({numbers.get(s.source, 0) for s in spans}))


def _more(total: int, shown: int, what: str) -> list[str]:
    return [f"  … and {total - shown} more {what} (see --format json)"] if total > shown else []


def _sections(story: Story, cross: CrossSource) -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs in plain text; the renderers below decorate them."""
    nums = _numbers(story)
    out: list[tuple[str, list[str]]] = []
    lines = [f"×{f.support} {f.text} {_marks(f.citations, nums)}" for f in cross.consensus[: SHOW["consensus"]]]
    lines += _more(len(cross.consensus), SHOW["consensus"], "facts")
    out.append(
        ("Consensus: facts stated by two or more outlets", lines or ["(no undisputed fact is stated by two outlets)"])
    )
    if cross.single_outlet:
        out.append(("Disagreements and unique contributions", ["(only one outlet: nothing to compare)"]))
    else:
        lines = []
        for d in cross.disagreements[: SHOW["disagreements"]]:
            sides = " vs ".join(
                f"“{claim}” {''.join(f'[{nums.get(sid, 0)}]' for sid in sources)}" for claim, _, sources in d.sides
            )
            lines.append(f"{d.kind}: {sides}")
            for v in d.versions:
                lines.append(f"    [{nums.get(v.span.source, 0)}] {v.span.text}")
        lines += _more(len(cross.disagreements), SHOW["disagreements"], "disagreements")
        out.append(("Disagreements between outlets", lines or ["(none found)"]))
        lines = []
        for sid, facts in cross.unique.items():
            n = nums.get(sid, 0)
            for f in facts[: SHOW["unique"]]:
                lines.append(f"[{n}] {f.span.text}")
        out.append(("Only one outlet reports (most important first)", lines or ["(nothing)"]))
    lines = []
    for e in cross.timeline[: SHOW["timeline"]]:
        how = f" (“{e.expression}”, from {e.anchor})" if e.relative else ""
        lines.append(f"{e.date}  {e.citations[0].text} {_marks(e.citations, nums)}{how}")
    lines += _more(len(cross.timeline), SHOW["timeline"], "events")
    lines += [f"note: {n}" for n in cross.timeline_notes]
    out.append(("Timeline", lines or ["(no dated events)"]))
    ents = ", ".join(f"{e.text} ({e.kind}, {e.outlets})" for e in cross.entities[: SHOW["entities"]])
    out.append((f"Entities (outlets mentioning; found by the {cross.entity_method} recogniser)", [ents or "(none)"]))
    nums_line = ", ".join(
        f"{n.text} ({n.outlets})"
        if n.kind in {"number", "$", "%"} or n.kind in n.text.lower()
        else f"{n.text} ({n.kind}, {n.outlets})"
        for n in cross.numbers[: SHOW["numbers"]]
    )
    out.append(("Key numbers (outlets mentioning)", [nums_line or "(none)"]))
    if cross.notes:
        out.append(("Notes", cross.notes))
    return out


def analysis_text(story: Story) -> list[str]:
    """Plain-text lines of the analysis section (empty when the story has none)."""
    cross = story.analysis
    if cross is None:
        return []
    lines = ["", f"Cross-source analysis ({cross.n_sources} sources, {cross.n_outlets} outlets)"]
    for heading, body in _sections(story, cross):
        lines += ["", heading + ":"] + [f"  {line}" for line in body]
    return lines


def analysis_markdown(story: Story, escape) -> list[str]:
    """Markdown lines of the analysis section; ``escape`` makes source text inert."""
    cross = story.analysis
    if cross is None:
        return []
    lines = ["", "## Cross-source analysis", "", f"{cross.n_sources} sources, {cross.n_outlets} outlets."]
    for heading, body in _sections(story, cross):
        lines += ["", f"### {heading}", ""]
        lines += [("  - " if line.startswith("    ") else "- ") + escape(line.strip()) for line in body]
    return lines


def analysis_rich(story: Story, console: Any) -> None:
    """The analysis section on a rich console."""
    from rich.markup import escape

    cross = story.analysis
    if cross is None:
        return
    console.print()
    console.print(f"[bold]Cross-source analysis[/bold] ({cross.n_sources} sources, {cross.n_outlets} outlets)")
    for heading, body in _sections(story, cross):
        console.print(f"[bold]{escape(heading)}[/bold]")
        for line in body:
            style = "dim" if line.startswith("    ") or line.startswith("note:") else ""
            text = escape(line)
            console.print(f"  [{style}]{text}[/{style}]" if style else f"  {text}")
