"""Text that cannot be encoded never stops a command; malformed JSONL lines; one name for the database option.

Real CLI subprocesses on real files, a real HTTP server for the pages a feed links to, real SQLite stores.
A lone surrogate (JSON ``"\\ud800"``, XML ``&#55296;``) is repaired to U+FFFD with a warning naming the
line; the rest of the batch goes on.  Exit code 0 when anything was stored or summarized, 2 when
nothing was usable.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_cli
from newsfuse.store import open_store
from newsserver import NewsServer

STORIES = [
    "The city council approved the new budget on Monday after a long debate, raising spending on schools "
    "by 4 percent and cutting the road repair fund.",
    "Record rainfall flooded large parts of Houston on Sunday, forcing thousands of residents onto rooftops "
    "as rescuers in boats worked through the night.",
    "Kim Jong Un arrived in Beijing aboard an armoured train for talks with Xi Jinping about the nuclear "
    "standoff, Xinhua reported on Wednesday.",
    "Scientists at the observatory announced the discovery of a comet that will pass close to the Earth "
    "next spring and be visible without a telescope.",
    "The football club sacked its manager after a run of eight defeats, and the chairman promised fans a "
    "new appointment before the transfer window opens.",
    "Shares in the carmaker fell 9 percent after it recalled two million vehicles over a fault in the "
    "braking software found during winter tests.",
    "A wildfire in the hills above the coastal town destroyed forty homes overnight, and firefighters said "
    "strong winds made the blaze hard to contain.",
]


def write_jsonl(path, bad_line: str | None = None, at: int = 3) -> None:
    lines = [json.dumps({"id": f"a{k}", "text": t, "source": f"outlet{k}"}) for k, t in enumerate(STORIES)]
    if bad_line is not None:
        lines.insert(at, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SURROGATE_LINE = (
    '{"id": "lone", "source": "Wire \\ud800", "text": "Police said a lone \\ud800 surrogate sat in this wire copy '
    'about a warehouse fire in Leeds on Monday night that killed twelve people and injured nine more."}'
)


def test_ingest_a_lone_surrogate_is_repaired_and_every_line_stored(tmp_path):
    src = tmp_path / "wire.jsonl"
    write_jsonl(src, SURROGATE_LINE, at=3)
    db = f"sqlite:///{tmp_path / 'news.db'}"
    done = run_cli("ingest", str(src), "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    report = json.loads(done.stdout)
    assert len(report["stored"]) == len(STORIES) + 1 and report["skipped"] == []
    assert any("wire.jsonl:4" in w and "U+FFFD" in w for w in report["warnings"]), report["warnings"]
    with open_store(db) as store:
        lone = store.get_article("lone")
        assert lone is not None and "lone \ufffd surrogate" in lone.text and lone.source == "Wire \ufffd"
    again = run_cli("ingest", str(src), "--db", db, "--format", "json")  # the re-run does not die on it either
    assert again.returncode == 0, again.stderr
    assert len(json.loads(again.stdout)["duplicates"]) == len(STORIES) + 1


def test_summarize_with_a_lone_surrogate(tmp_path):
    src = tmp_path / "story.jsonl"
    write_jsonl(src, SURROGATE_LINE, at=0)
    done = run_cli("summarize", str(src), "--format", "json", "--words", "60")
    assert done.returncode == 0, done.stderr
    story = json.loads(done.stdout)
    assert "\ufffd" in next(s["text"] for s in story["sources"] if s["id"] == "lone")
    assert any("story.jsonl:1" in w and "U+FFFD" in w for w in story["warnings"])
    text = run_cli("summarize", str(src), "--analysis", "--words", "60")  # the text renderer, to a pipe
    assert text.returncode == 0 and "Traceback" not in text.stderr, text.stderr


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    yield s
    s.close()


def hostile_feed(server, path) -> None:
    items = "".join(
        f"<item><title>{title} &#55296;&#xDFFF;</title><link>{server.url(page)}</link>"
        "<description>Bad &#0; and &#55296; references</description></item>"
        for title, page in (("Kim visits", "/kim-1.html"), ("Harvey", "/flood.html"))
    )
    path.write_bytes(
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire &#55296;</title>'
            f"{items}</channel></rss>"
        ).encode()
    )


def test_a_feed_with_impossible_character_references_is_read(server, tmp_path):
    feed = tmp_path / "wire.xml"
    hostile_feed(server, feed)
    db = f"sqlite:///{tmp_path / 'feed.db'}"
    done = run_cli("ingest", str(feed), "--allow-private", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("stored ") == 2 and "Traceback" not in done.stderr


def test_watch_survives_a_hostile_feed(server, tmp_path):
    feed = tmp_path / "wire.xml"
    hostile_feed(server, feed)
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    done = run_cli("watch", str(feed), "--every", "1s", "--times", "2", "--allow-private", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("stored ") == 2  # the second poll finds both stored already
    assert done.stderr.count("newsfuse: 0 stored") == 1 and "Traceback" not in done.stderr


# ---- malformed lines ------------------------------------------------------------------------------


def test_ingest_a_malformed_line_skips_its_file_naming_it_or_with_skip_invalid_only_the_line(tmp_path):
    src = tmp_path / "wire.jsonl"
    write_jsonl(src, '{"id": "broken", "text": oops}', at=2)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "solo", "text": STORIES[0] + " " + STORIES[1]}) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    alone = run_cli("ingest", str(src), "--db", db)
    assert alone.returncode == 2, alone.stderr
    assert "wire.jsonl:3: invalid JSON" in alone.stderr and "--skip-invalid" in alone.stderr
    assert "Traceback" not in alone.stderr
    with_other = run_cli("ingest", str(src), str(other), "--db", db)  # the other file goes on
    assert with_other.returncode == 0 and with_other.stdout.count("stored ") == 1, with_other.stderr

    # --skip-invalid, as summarize has it: the line is skipped, not the file.
    done = run_cli(
        "ingest", str(src), "--skip-invalid", "--db", f"sqlite:///{tmp_path / 'skip.db'}", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["stored"]) == len(STORIES)
    assert [s["item"] for s in report["skipped"]] == [f"{src}:3"]
    assert "invalid JSON" in report["skipped"][0]["reason"]
    text = run_cli("ingest", str(src), "--skip-invalid", "--db", f"sqlite:///{tmp_path / 'b.db'}")
    assert text.returncode == 0 and f"skipped: {src}:3: invalid JSON" in text.stderr


def test_nothing_usable_exits_2(tmp_path):
    src = tmp_path / "junk.jsonl"
    src.write_text('{"text": oops}\n[1, 2]\n{"title": "no text"}\n', encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    ingest = run_cli("ingest", str(src), "--skip-invalid", "--db", db)
    assert ingest.returncode == 2 and "junk.jsonl:1" in ingest.stderr and "junk.jsonl:3" in ingest.stderr
    summary = run_cli("summarize", str(src), "--skip-invalid")
    assert summary.returncode == 2 and "Traceback" not in summary.stderr
    assert "junk.jsonl:2: expected a JSON object" in summary.stderr


# ---- one option name for the database ---------------------------------------------------------------


def test_every_command_takes_db_and_database(tmp_path):
    """--db everywhere, --database as its alias: the names each command lacked before."""
    src = tmp_path / "wire.jsonl"
    write_jsonl(src)
    url = f"sqlite:///{tmp_path / 'news.db'}"
    assert run_cli("ingest", str(src), "--database", url).returncode == 0
    listed = run_cli("stories", "--database", url, "--format", "json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == len(STORIES)
    story = json.loads(listed.stdout)[0]["id"]
    assert run_cli("summarize", "--story", str(story), "--database", url, "--format", "json").returncode == 0
    watched = run_cli("watch", str(src), "--times", "1", "--database", url)
    assert watched.returncode == 0 and f"0 stored, {len(STORIES)} duplicates" in watched.stderr
    served = run_cli("serve", "--port", "0", "--db", "nosuchdb://x/y")  # checked before the server starts
    assert served.returncode == 2 and "unsupported database URL" in served.stderr


def test_an_article_the_embedder_cannot_take_is_skipped_and_the_chunk_goes_on(tmp_path):
    """The chunk's features are computed together; one article that breaks the embedder (as a lone
    surrogate broke the tokenizer) is found, skipped with a one-line reason, and the rest stored."""
    import numpy as np

    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest
    from newsfuse.types import Article

    class Fussy:  # an embedder (any object with embed) that refuses some text, as tokenizers do
        def embed(self, texts):
            if any("POISON" in t for t in texts):
                raise TypeError("TextEncodeInput must be Union[TextInputSequence, ...]\nsecond line")
            return np.ones((len(texts), 4), dtype=np.float32)

    arts = [Article(f"a{k}", text, source=f"outlet{k}") for k, text in enumerate(STORIES)]
    arts.insert(2, Article("poison", "POISON " + STORIES[0].replace("council", "board")))
    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        report = ingest(arts, store, clusterer=OnlineClusterer(Fussy()))
        assert [a for a, _ in report.stored] == [f"a{k}" for k in range(len(STORIES))]
        assert report.skipped == [
            (
                "poison",
                "poison: could not be processed (TypeError: TextEncodeInput must be Union[TextInputSequence, ...])",
            )
        ]
        assert store.count_articles() == len(STORIES)


def test_a_budget_no_sentence_fits_says_why(example_dir):
    import re

    tiny = run_cli("summarize", str(example_dir), "--words", "1", "--format", "json")
    assert tiny.returncode == 0, tiny.stderr
    story = json.loads(tiny.stdout)
    assert story["sentences"] == []
    (why,) = [w for w in story["warnings"] if "no source sentence fits in 1 word" in w]
    needed = int(re.search(r"ask for at least (\d+) words", why).group(1))
    enough = json.loads(run_cli("summarize", str(example_dir), "--words", str(needed), "--format", "json").stdout)
    assert len(enough["sentences"]) >= 1 and enough["words"] <= needed


def test_urls_no_parser_reads_are_skipped_not_fatal(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="a" xmlUrl="http://[::1"/>'
        '<outline text="b" xmlUrl="http://a.example:99999/x"/></body></opml>',
        encoding="utf-8",
    )
    src = tmp_path / "odd.jsonl"
    src.write_text(json.dumps({"id": "odd", "url": "http://[::1", "text": STORIES[0]}) + "\n", encoding="utf-8")
    done = run_cli("ingest", str(opml), str(src), "--db", f"sqlite:///{tmp_path / 'news.db'}")
    assert done.returncode == 0 and done.stdout.count("stored ") == 1, done.stderr
    assert "http://[::1: not a valid URL" in done.stderr
    assert re.search(r"a\.example:99999/x: .*port", done.stderr, re.IGNORECASE), done.stderr
