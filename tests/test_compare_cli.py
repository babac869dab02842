"""`newsfuse summarize --analysis / --min-support` through the real CLI (issue 6)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "schema" / "story.schema.json"


def test_help_teaches_the_analysis_flags(cli):
    out = cli("summarize", "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "--analysis" in text and "--min-support" in text and "disagreements" in text


def test_analysis_json_on_the_example_validates_and_min_support_filters(cli, example_dir):
    out = cli("summarize", str(example_dir), "--analysis", "--min-support", "2", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["sentences"] and all(s["support"] >= 2 for s in data["sentences"])
    analysis = data["analysis"]
    assert analysis["n_outlets"] == 3 and analysis["consensus"]
    # More consensus facts than the summary shows: the JSON lists all of them.
    assert len(analysis["consensus"]) >= len(data["sentences"])
    assert analysis["unique"] and analysis["entities"]
    # The example's files carry no dates: the timeline says so instead of guessing.
    assert any("no publication date" in n for n in analysis["timeline"]["notes"])
    assert not any(e["relative"] for e in analysis["timeline"]["events"])


def test_text_output_has_the_analysis_sections(cli, example_dir):
    out = cli("summarize", str(example_dir), "--analysis")
    assert out.returncode == 0, out.stderr
    for heading in ("Cross-source analysis", "Consensus", "Disagreements between outlets", "Timeline", "Entities"):
        assert heading in out.stdout


def test_analysis_with_one_story_per_line_input_is_a_clear_error(cli, tmp_path):
    src = tmp_path / "stories.src"
    src.write_text("First article text. story_separator_special_tag Second article text.\n", encoding="utf-8")
    out = cli("summarize", str(src), "--analysis")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "--analysis" in out.stderr and "Traceback" not in out.stderr
