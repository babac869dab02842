"""Online story clustering: joins, new stories, bridging merges, time window, determinism, scores, CLI."""

from __future__ import annotations

import json

import pytest

from newsfuse.cli import main
from newsfuse.cluster import OnlineClusterer, bcubed, clustering_scores, final_labels
from newsfuse.types import Article

KIM = [
    "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping on the Korean peninsula.",
    "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left after two days of talks.",
    "North Korea's Kim Jong Un and China's Xi Jinping discussed denuclearization during talks in Beijing.",
]
FLOOD = [
    "Hurricane Harvey flooded Houston, Texas, forcing thousands of residents onto rooftops on Sunday.",
    "Rescuers in boats pulled Houston residents from flooded homes as Harvey dumped rain on Texas.",
]
MOON = [
    "South Korean President Moon Jae-in will meet Donald Trump in Washington to prepare the Singapore summit.",
    "Moon Jae-in flew to Washington for talks with Donald Trump ahead of the Singapore summit.",
]
BRIDGE = (
    "Kim Jong Un told Xi Jinping in Beijing he is ready for the Singapore summit, as Moon Jae-in met Donald "
    "Trump in Washington to prepare the Singapore summit with Kim Jong Un after the Beijing talks with Xi Jinping."
)


def arts(texts, prefix):
    return [Article(f"{prefix}{i}", t) for i, t in enumerate(texts)]


@pytest.fixture(params=["words", "wordllama"])
def clusterer(request):
    return lambda **kw: OnlineClusterer(embedder=None if request.param == "words" else "default", **kw)


def test_articles_join_their_story_or_start_one(clusterer):
    stream = [*arts(KIM[:1], "k"), *arts(FLOOD[:1], "f"), *arts(KIM[1:], "k1"), *arts(FLOOD[1:], "f1")]
    c = clusterer()
    labels = final_labels(c, c.add_many(stream))
    assert labels == [1, 2, 1, 1, 2]
    assert c.n_stories == 2


def test_same_order_same_stories(clusterer):
    stream = arts(KIM + FLOOD + MOON, "a")
    first = [a.story for a in clusterer().add_many(stream)]
    again = [a.story for a in clusterer().add_many(stream)]
    assert first == again
    one_by_one = clusterer()
    assert [one_by_one.add(a).story for a in stream] == first  # batching does not change decisions


def test_bridging_article_merges_two_stories():
    c = OnlineClusterer(embedder=None, merge_threshold=0.2)
    before = c.add_many(arts(KIM, "k") + arts(MOON, "m"))
    kim, moon = before[0].story, before[-1].story
    assert kim != moon
    bridge = c.add(Article("b", BRIDGE))
    assert bridge.story == kim and bridge.merged == (moon,)  # the older story absorbs the younger
    assert c.story_of(moon) == kim and c.n_stories == 1


def test_articles_of_a_merged_story_lead_to_the_story_that_absorbed_it():
    c = OnlineClusterer(embedder=None, merge_threshold=0.2)
    before = c.add_many(arts(KIM, "k") + arts(MOON, "m"))
    kim, moon = before[0].story, before[-1].story
    c.add(Article("b", BRIDGE))
    # Its best match is an article of the merged-away story: the article joins the surviving story.
    later = c.add(Article("m9", "Moon Jae-in and Donald Trump met in Washington before the Singapore summit."))
    assert not later.new and later.story == kim != moon


def test_propose_changes_nothing_until_commit():
    c = OnlineClusterer(embedder=None)
    c.add_many(arts(KIM, "k"))
    f = c.features([Article("x", FLOOD[0])])[0]
    first = c.propose(f)
    assert first.new and c.propose(f) == first and c.n_stories == 1
    c.commit(f, 7)
    g = c.features([Article("y", FLOOD[1])])[0]
    assert c.propose(g).story == 7 and c.n_stories == 2


def test_time_window_closes_quiet_stories():
    c = OnlineClusterer(embedder=None, window=86400)
    day = 86400.0
    first = c.add(Article("a", KIM[0]), when=0.0)
    assert c.add(Article("b", KIM[1]), when=0.5 * day).story == first.story
    late = c.add(Article("c", KIM[2]), when=3 * day)  # the story went quiet 2.5 days ago
    assert late.new and late.story != first.story


def test_forced_story_ids_replay_a_store():
    c = OnlineClusterer(embedder=None)
    c.add(Article("x", KIM[0]), story_id=42)
    assert c.add(Article("y", KIM[1])).story == 42
    assert c.add(Article("z", FLOOD[0])).story == 43


def test_scores():
    assert bcubed(["a", "a", "b"], [1, 1, 2]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(["a", "a", "b", "b"], [1, 2, 3, 4])
    assert p == 1.0 and r == 0.5 and f == pytest.approx(2 / 3)
    s = clustering_scores(["a", "a", "b", "b"], [7, 7, 9, 9])
    assert s["ari"] == pytest.approx(1.0) and s["predicted_stories"] == 2
    assert clustering_scores(["a", "b", "c", "d"], [1, 1, 1, 1])["ari"] == pytest.approx(0.0)
    with pytest.raises(ValueError):
        bcubed(["a"], [1, 2])


def test_cli_cluster_and_eval(tmp_path, capsys):
    rows = [{"id": f"k{i}", "text": t, "story": "kim"} for i, t in enumerate(KIM)]
    rows += [{"id": f"f{i}", "text": t, "story": "flood"} for i, t in enumerate(FLOOD)]
    rows.insert(1, rows.pop())  # interleave
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["cluster", str(path), "--format", "jsonl"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]  # input order
    by_story: dict[str, set[int]] = {}
    for o, r in zip(out, rows, strict=True):
        by_story.setdefault(r["story"], set()).add(o["story"])
    assert all(len(s) == 1 for s in by_story.values()) and by_story["kim"] != by_story["flood"]
    assert main(["eval-clustering", str(path), "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["f1"] == 1.0 and scores["ari"] == 1.0 and scores["articles"] == 5
    unlabelled = tmp_path / "plain.jsonl"
    unlabelled.write_text(json.dumps({"id": "x", "text": KIM[0]}) + "\n", encoding="utf-8")
    assert main(["eval-clustering", str(unlabelled)]) == 2
    assert "no 'story' label" in capsys.readouterr().err


def test_cli_store_errors_are_one_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["summarize", "--story", "9", "--db", db]) == 2
    assert "no stored story 9" in capsys.readouterr().err
    assert main(["stories", "--db", "mysql://nope"]) == 2
    assert "unsupported database URL" in capsys.readouterr().err
    assert main(["stories", "--since", "soon", "--db", db]) == 2
    assert "cannot read the duration" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "nothing-here"), "--db", db]) == 2
    assert "no such file or folder" in capsys.readouterr().err


# -- time partitions (issue 8: clustering streams too long for one clusterer) ---------------------------------------
DAY = 86400.0


def test_time_windows_replay_the_overlap_before_them():
    from newsfuse.cluster.partition import time_partitions

    when = [0.0, 2 * DAY, 6.5 * DAY, None, 7.5 * DAY, 30 * DAY]
    parts = time_partitions(when, 7 * DAY, 3 * DAY)
    # Window 0 [0, 7d), window 1 [7d, 14d) replays [4d, 7d); the untimed article goes with the one before it;
    # the empty windows between day 14 and day 28 are left out.
    assert [(p.start / DAY, p.replay, p.own) for p in parts] == [
        (0, (), (0, 1, 2, 3)),
        (7, (2, 3), (4,)),
        (28, (), (5,)),
    ]
    assert [p.replay for p in time_partitions(when, 7 * DAY, 0)] == [(), (), ()]
    # An overlap longer than a window replays several windows, in input order.
    assert time_partitions([0.0, 1.0, 2.0, 3.0], 1.0, 3.0)[-1].replay == (0, 1, 2)
    # Input out of time order: each window holds its own articles in input order.
    assert [p.own for p in time_partitions([5 * DAY, 0.0, 6 * DAY, DAY], 2 * DAY, 0)] == [(1, 3), (0,), (2,)]


def test_time_windows_reject_what_they_cannot_cut():
    from newsfuse.cluster.partition import time_partitions
    from newsfuse.errors import InputError

    assert time_partitions([], DAY) == []
    for span, overlap in ((0.0, 0.0), (-DAY, 0.0), (float("inf"), 0.0), (DAY, -1.0), (DAY, float("nan"))):
        with pytest.raises(InputError):
            time_partitions([0.0], span, overlap)
    with pytest.raises(InputError, match="none of the 2 articles has one"):
        time_partitions([None, None], DAY)


def test_stitching_continues_merges_and_numbers_stories():
    from newsfuse.cluster.partition import Partition, stitch

    parts = [
        Partition(0.0, (), (0, 1, 2)),
        Partition(7.0, (1, 2), (3, 4, 5)),  # its story 1 holds replayed articles of two earlier stories
        Partition(14.0, (5,), (6, 7)),
    ]
    labels = [[1, 2, 4], [1, 1, 1, 2, 3], [5, 5, 9]]
    # Stories 2 and 4 of the first window merge (older id kept); new stories take ids above every id so far.
    assert stitch(parts, labels, 8) == [1, 2, 2, 2, 6, 7, 7, 16]
    with pytest.raises(ValueError, match="3 labels for 2 articles"):
        stitch([Partition(0.0, (), (0, 1))], [[1, 1, 1]], 2)


def test_a_story_across_a_cut_continues_only_with_the_overlap():
    from newsfuse.cluster.parallel import cluster_articles

    articles = [*arts(FLOOD, "f"), *arts(KIM, "k")]
    when = [0.0, DAY, 5 * DAY, 6.5 * DAY, 7.5 * DAY]  # the cut at day 7 falls inside the Kim story
    one = cluster_articles(articles, when=when)
    assert one[0] == one[1] and one[2] == one[3] == one[4] and one[0] != one[2]
    assert cluster_articles(articles, when=when, partition=7 * DAY) == one
    assert cluster_articles(articles, when=when, partition=100 * DAY, overlap=0) == one  # one window
    cut = cluster_articles(articles, when=when, partition=7 * DAY, overlap=0)
    assert cut[:4] == one[:4] and cut[4] not in cut[:4]


def test_cli_partition_options(tmp_path, capsys):
    rows = [{"id": f"k{i}", "text": t, "published": f"2024-03-0{1 + 3 * i}T12:00:00Z"} for i, t in enumerate(KIM)]
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["cluster", str(path), "--partition", "5d"]) == 0
    assert [json.loads(line)["story"] for line in capsys.readouterr().out.splitlines()] == [1, 1, 1]
    assert main(["cluster", str(path), "--partition", "5d", "--overlap", "0"]) == 0
    assert [json.loads(line)["story"] for line in capsys.readouterr().out.splitlines()] == [1, 1, 2]
    for bad, says in (("0", "--partition must be a positive duration"), ("soon", "cannot read the duration 'soon'")):
        assert main(["cluster", str(path), "--partition", bad]) == 2
        err = capsys.readouterr().err
        assert says in err and len(err.splitlines()) == 1
    untimed = tmp_path / "untimed.jsonl"
    untimed.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows), encoding="utf-8")
    assert main(["cluster", str(untimed), "--partition", "1w"]) == 2
    assert "need publication times" in capsys.readouterr().err
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(path.read_text(encoding="utf-8") + json.dumps({"id": "x", "text": KIM[0]}) + "\n", "utf-8")
    assert main(["cluster", str(mixed), "--partition", "1w"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 4 and "1 of 4 articles have no readable 'published' time" in err
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps({**r, "story": "kim"}) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval-clustering", str(labelled), "--format", "json", "--partition", "5d", "--overlap", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["predicted_stories"] == 2
