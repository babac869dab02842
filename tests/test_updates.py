"""An update is not a copy: a near-copy whose numbers, dates or names differ is stored, linked, and compared.

Real CLI subprocesses into a real SQLite store, and the firehose on SQLite and a real PostgreSQL server.
"""

from __future__ import annotations

import json
import textwrap

from conftest import run_cli
from newsfuse.dedup import changed_facts, copy_or_update

FIRE = (
    "Police said 12 people were killed when a fire broke out in a warehouse in Leeds on Monday night. "
    "The victims, who were aged 40 to 70, had been working a late shift, officials said. "
    "Firefighters from six stations fought the blaze for more than four hours before bringing it under control. "
    "The cause of the fire is not yet known, and an investigation has been opened by West Yorkshire Police. "
    "The warehouse, owned by a furniture retailer, had passed a safety inspection in March, the company said."
)
UPDATE = FIRE.replace("12 people", "15 people").replace("aged 40 to 70", "aged 50 to 70")
COUNCIL = (
    "The city council approved the new budget on Monday after a long debate, raising spending on schools by 4 "
    "percent and cutting the road repair fund. Critics argued that the budget ignores rising housing costs in "
    "the region, and the mayor is expected to sign it into law later this week."
)


def test_changed_numbers_dates_and_names_are_facts_edits_of_a_copy_are_not():
    assert [(c.before, c.after) for c in changed_facts(FIRE, UPDATE)] == [("12", "15"), ("40", "50")]
    assert [(c.before, c.after) for c in changed_facts(FIRE, FIRE.replace("Monday", "Tuesday"))] == [
        ("Monday", "Tuesday")
    ]
    assert [(c.before, c.after) for c in changed_facts(FIRE, FIRE.replace("in Leeds", "in Bradford"))] == [
        ("Leeds", "Bradford")
    ]
    assert changed_facts(FIRE, FIRE.replace("12 people", "twelve people")) == []  # the same number
    wrapped = "\n".join(textwrap.wrap(FIRE.replace("late shift", "late-shift"), 30, break_on_hyphens=True))
    dropped = FIRE.replace(" The cause of the fire is not yet known, and an investigation has been opened", "")
    for copy in (
        wrapped,
        "By Jane Doe, Associated Press\n\n" + FIRE.upper() + "\nUpdated at 5:30 pm.",
        dropped,
        FIRE.replace("fought the blaze", "battled the blaze"),  # a word, not a fact
    ):
        assert changed_facts(FIRE, copy) == [], copy
    assert copy_or_update(UPDATE, [("a", FIRE)]) == (None, "a")
    assert copy_or_update(UPDATE, [("a", FIRE), ("b", UPDATE)]) == ("b", None)  # a copy of the update
    assert copy_or_update(FIRE, []) == (None, None)


def write(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_cli_stores_an_update_in_the_story_and_the_analysis_sees_both(tmp_path):
    src = tmp_path / "wire.jsonl"
    write(
        src,
        [
            {"id": "ap-fire", "source": "AP", "text": FIRE},
            {"id": "bbc-fire", "source": "BBC", "text": "By Jane Doe, BBC News\n" + FIRE},  # a copy
            {"id": "reuters-fire", "source": "Reuters", "text": UPDATE},  # 15 killed, aged 50: an update
            {"id": "council", "source": "Local Times", "text": COUNCIL},
        ],
    )
    db = f"sqlite:///{tmp_path / 'news.db'}"
    done = run_cli("ingest", str(src), "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["stored"]] == ["ap-fire", "reuters-fire", "council"]
    assert report["updates"] == [{"id": "reuters-fire", "of": "ap-fire"}]
    assert [d["of"] for d in report["duplicates"]] == ["ap-fire"]
    stories = {s["id"]: s for s in report["stored"]}
    assert stories["ap-fire"]["story"] == stories["reuters-fire"]["story"] != stories["council"]["story"]

    listed = json.loads(run_cli("stories", "--db", db, "--format", "json").stdout)
    fire = next(s for s in listed if s["id"] == stories["ap-fire"]["story"])
    assert (fire["n_articles"], fire["n_outlets"]) == (2, 3)  # AP and BBC credit the old figures, Reuters the new
    summary = run_cli("summarize", "--story", str(fire["id"]), "--db", db, "--analysis", "--format", "json")
    assert summary.returncode == 0, summary.stderr
    story = json.loads(summary.stdout)
    assert {s["id"]: s.get("extra", {}).get("update_of") for s in story["sources"]} == {
        "ap-fire": None,
        "reuters-fire": "ap-fire",
    }
    claims = {
        tuple(sorted(v["claim"] for v in d["versions"]))
        for d in story["analysis"]["disagreements"]
        if d["kind"] == "number"
    }
    # The changed count is reported; a changed bound of a range ("aged 40 to 70" / "50 to 70") is not
    # (the disagreement detector leaves ranges alone), though the update holds it apart all the same.
    assert ("12", "15") in claims

    # Run again with a copy of the update from another outlet: nothing new, the copy credits the update.
    write(tmp_path / "more.jsonl", [{"id": "sky-fire", "source": "Sky", "text": UPDATE.upper()}])
    again = run_cli("ingest", str(src), str(tmp_path / "more.jsonl"), "--db", db, "--format", "json")
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert second["stored"] == [] and second["updates"] == []
    assert {d["item"].rsplit(":", 1)[-1]: d["of"] for d in second["duplicates"]} == {
        "ap-fire": "ap-fire",
        "bbc-fire": "ap-fire",
        "reuters-fire": "reuters-fire",
        "council": "council",
        str(tmp_path / "more.jsonl"): "reuters-fire",
    }
