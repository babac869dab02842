"""Stories that follow dated news: DUC 2004 events over weeks, retirement, dated streams, eval-clustering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.cli import main
from newsfuse.cluster import OnlineClusterer, bcubed, final_labels
from newsfuse.cluster.stream import epoch, publication_order, read_labelled_stream, stream_times
from newsfuse.errors import InputError
from newsfuse.types import Article

DUC = Path(__file__).resolve().parents[2] / "shared" / "data" / "duc2004-dev" / "dev.jsonl"
# Six events of 10 articles each; the first runs from 16 October to 24 November 1998.
EVENTS = ["d30001t", "d30003t", "d30031t", "d30044t", "d31022t", "d30037t"]
DAY = 86400.0


@pytest.fixture(scope="module")
def duc() -> list[Article]:
    if not DUC.exists():
        pytest.skip(f"DUC 2004 dev data not found at {DUC} (it lives in ../shared/data beside the repo)")
    arts = publication_order(read_labelled_stream([DUC]))
    return [a for a in arts if a.extra["story"] in EVENTS]


def _scores(clusterer: OnlineClusterer, arts: list[Article], dated: bool = True) -> tuple[float, float, float, int]:
    labels = final_labels(clusterer, clusterer.add_many(arts, when=stream_times(arts) if dated else None))
    return (*bcubed([a.extra["story"] for a in arts], labels), len(set(labels)))


def test_events_are_followed_over_weeks(duc):
    assert len(duc) == 60 and [a.published for a in duc] == sorted(a.published for a in duc)
    p, r, f, stories = _scores(OnlineClusterer(embedder=None), duc)
    # A 3-day window on single articles (the first clusterer) splits these events into 26 stories (F1 0.66).
    old = OnlineClusterer(
        embedder=None, window=3 * DAY, half_life=0, profile_weight=0, prior=None, head_words=250, query_terms=40
    )
    _, old_r, _, old_stories = _scores(old, duc)
    assert p >= 0.95 and f >= 0.9 and stories <= 10, (p, r, f, stories)
    assert r > old_r + 0.2 and stories < old_stories


def test_time_decay_needs_a_closer_match_after_quiet(duc):
    first = [a for a in duc if a.extra["story"] == "d30001t"]
    for anchors, half_life in ((0.0, 14 * DAY), (0.002, 30 * DAY)):
        c = OnlineClusterer(embedder=None, anchor_share=anchors)
        for a in first[:5]:
            c.add(a, when=epoch(a.published))
        f = c.features([first[5]])[0]
        t = epoch(first[5].published)
        now = c.candidate_stories(f, t)
        later = c.candidate_stories(f, t + half_life)
        # Without anchors a story's score halves every 14 quiet days; with them, an article that names
        # the story by one of its defining rare names (Hun Sen, Ranariddh) sees it halve every 30 days.
        assert later["anchor"].tolist() == [1.0 if anchors else 0.0]
        assert c.story_scores(now)[0] > 0 and c.story_scores(later)[0] == pytest.approx(c.story_scores(now)[0] * 0.5)
        assert len(c.candidate_stories(f, t + 70 * DAY)["story"]) == 0  # closed after the 60-day window
        assert len(c.candidate_stories(f, None)["story"]) == 1  # no time: no decay, never closed


def test_a_story_named_by_its_rare_names_continues_after_weeks():
    """A lone early article and its event's follow-up five weeks later: the shared rare name keeps them
    together, a shared common word does not, and the anchor only slows the decay (it is no match by itself)."""
    day = epoch("1998-10-16")
    first = Article(
        "a",
        "A truck blew up on a land mine in breakaway Chechnya on Friday near Grozny, killing two people. "
        "Officials in Chechnya blamed rebels loyal to warlord Khattab for the blast on the Grozny road.",
    )
    later = Article(
        "b",
        "Kidnappers in Chechnya beheaded four foreign hostages, and officials in Grozny blamed rebels loyal to "
        "Khattab; the bodies were found on a road near the village where the land mine blew up a truck.",
    )
    for anchors, joined in ((0.002, True), (0.0, False)):
        c = OnlineClusterer(embedder=None, anchor_share=anchors)
        a = c.add(first, when=day)
        cand = c.candidate_stories(c.features([later])[0], day + 36 * DAY)
        assert cand["anchor"].tolist() == [1.0 if anchors else 0.0]
        assert (c.add(later, when=day + 36 * DAY).story == a.story) == joined
    # Without a shared word beyond the rare name the article starts its own story, anchored or not.
    c = OnlineClusterer(embedder=None)
    a = c.add(first, when=day)
    other = Article("c", "Voters in Bavaria elected a new regional parliament; Khattab was not mentioned by anyone.")
    assert c.add(other, when=day + 36 * DAY).story != a.story


def test_an_article_must_share_what_its_story_keeps_repeating():
    """Two events sharing an actor and days: an article about the second shares the first's actor but none
    of the words its articles keep repeating, so it starts a story of its own (with the check off it joins)."""
    crisis = [
        "Turkey massed troops on its border with Syria, demanding that Damascus expel Kurdish rebels of the "
        "PKK; Turkish tanks moved toward the border as Ankara warned Syria.",
        "Turkish troops and tanks stayed on the Syria border as Ankara pressed Damascus to hand over the PKK "
        "leader; Egypt mediated between Turkey and Syria over the Kurdish rebels.",
        "Syria said it would not bow to Turkish threats as troops gathered at the border; Ankara accuses "
        "Damascus of sheltering Kurdish PKK rebels.",
    ]
    president = Article(
        "p",
        "Lebanon's parliament elected army commander Emile Lahoud president with the backing of Syria; "
        "lawmakers in Beirut cheered as Lahoud, a Maronite general, promised reform, and Prime Minister "
        "Rafik Hariri congratulated the new president of Lebanon. Lahoud succeeds Elias Hrawi, whose term ends "
        "in November, and the Maronite patriarch Nasrallah Sfeir blessed the choice in Bkerke. Syria, which "
        "keeps troops in Lebanon, welcomed the vote in Damascus.",
    )
    day = epoch("1998-10-01")
    for core, joined in ((10, False), (0, True)):
        c = OnlineClusterer(embedder=None, core_terms=core, threshold=0.05)
        story = {c.add(Article(str(i), t), when=day + i * 3600).story for i, t in enumerate(crisis)}
        assert len(story) == 1
        f = c.features([president])[0]
        assert c.continues(f, next(iter(story))) == (not core)
        assert (c.add(president, when=day + DAY).story in story) == joined


def test_retired_stories_leave_the_index(duc):
    """Stories quiet for longer than the window are forgotten; open stories still gather their articles."""
    c = OnlineClusterer(embedder=None, window=5 * DAY, retire_every=8)
    when = stream_times(duc)
    labels = [a.story for a in c.add_many(duc, when=when)]
    never = OnlineClusterer(embedder=None, window=5 * DAY, retire_every=10**9)
    never_labels = [a.story for a in never.add_many(duc, when=when)]
    assert never.indexed_articles == len(duc)
    assert c.indexed_articles < len(duc) // 2  # what is left: the stories of the last 5 days
    truth = [a.extra["story"] for a in duc]
    f_retired = bcubed(truth, [c.story_of(s) for s in labels])[2]
    f_never = bcubed(truth, [never.story_of(s) for s in never_labels])[2]
    assert f_retired >= f_never - 0.05 and f_retired > 0.7
    # The word statistics after retirement are those of the articles kept: as if only they had been seen.
    kept = [a for a, s in zip(duc, labels, strict=True) if c.story_of(s) in c._stories]
    assert len(kept) == c.indexed_articles
    fresh = OnlineClusterer(embedder=None, window=5 * DAY)
    for a in kept:
        fresh.commit(fresh.features([a])[0], 1)
    probe = c.features([duc[0]])[0]
    assert c._weigh(probe).weights == pytest.approx(fresh._weigh(probe).weights)
    # After retirement the last article still joins the story of its event's earlier articles.
    final = [c.story_of(s) for s in labels]
    same_event = {final[i] for i, a in enumerate(duc[:-1]) if a.extra["story"] == duc[-1].extra["story"]}
    assert final[-1] in same_event


def test_undated_streams_neither_decay_nor_close():
    old, new = "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"
    texts = [
        "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping on the Korean peninsula.",
        "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left after two days of talks.",
    ]
    dated = OnlineClusterer(embedder=None)
    a = dated.add(Article("a", texts[0]), when=epoch(old))
    assert dated.add(Article("b", texts[1]), when=epoch(new)).story != a.story  # months apart: a new story
    undated = OnlineClusterer(embedder=None)
    a = undated.add(Article("a", texts[0]))
    assert undated.add(Article("b", texts[1])).story == a.story


def test_labelled_stream_forms_and_errors(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text(
        json.dumps({"id": "e1", "articles": [{"id": "D1", "text": "one", "published": "--"}]})
        + "\n"
        + json.dumps({"id": "e2", "articles": [{"id": "D1", "text": "two", "published": "1998-10-02"}]})
        + "\n"
        + json.dumps({"id": "x", "text": "three", "event": "e2"})
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no 'story' label"):
        read_labelled_stream([events])
    arts = read_labelled_stream([events], gold="event")
    assert [(a.id, a.extra["event"]) for a in arts] == [("D1", "e1"), ("e2-D1", "e2"), ("x", "e2")]
    assert epoch(arts[0].published) is None and epoch(arts[1].published) == epoch("1998-10-02T00:00:00+00:00")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "e1", "articles": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: not JSON"):
        read_labelled_stream([bad])


def test_eval_clustering_on_a_dated_event_stream(duc, tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    rows = {}
    for a in reversed(duc):  # events in reverse order: eval-clustering replays by publication time
        rows.setdefault(a.extra["story"], []).append({"id": a.id, "text": a.text, "published": a.published})
    path.write_text("".join(json.dumps({"id": k, "articles": v}) + "\n" for k, v in rows.items()), encoding="utf-8")
    assert main(["eval-clustering", str(path), "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["events"] == 6 and s["articles"] == 60 and s["dated"] == 60 and s["order"] == "published"
    assert s["precision"] >= 0.95 and s["f1"] >= 0.9 and s["stories"] == s["predicted_stories"] <= 10
    assert main(["eval-clustering", str(path), "--order", "input"]) == 0
    out = capsys.readouterr().out
    assert "events 6  stories " in out and "input order" in out and "B-cubed precision" in out


def test_an_article_must_share_what_happens_in_its_story():
    """Two events of one place and week share their names (Gaza, Palestinian, Israel): Clinton's visit to
    Gaza is not the opening of Gaza's airport.  The article's strongest words that are not names (clauses,
    revoke, charter) are none of those the airport's articles repeat (airport, plane, passengers); with the
    event-word check off, its names alone let it continue the airport's story.  (AP and NYT, November-December 1998.)"""
    airport = [
        "Taking a major step toward statehood, the Palestinians on Tuesday inaugurated Gaza International Airport, "
        "their first gateway to the world, with cheers, tears and an outpouring of patriotism. An Egypt Air plane "
        "was the first to land on the desert tarmac in the southern Gaza Strip at 8:30 a.m.",
        "The first Palestinian commercial flight landed at Amman's Marka Airport on Saturday, inaugurating an air "
        "route between Jordan and the autonomous Gaza Strip. The Falcon F-50 short-haul plane carried 48 "
        "passengers, mostly Palestinian businessmen and students.",
        "Israel has threatened to close down the Palestinian-run Gaza airport over a security violation, an Israeli "
        "official said Tuesday, a move that could further undermine the already fragile peace process. Palestinian "
        "airport workers refused to allow Israeli security officials to check the identity of passengers who "
        "arrived on an Egyptian plane Sunday afternoon, most of whom worked for the Palestinian Authority, "
        "according to Civilian Airport Authority Director Nir Yarkoni.",
    ]
    visit = Article(
        "v",
        "President Clinton will travel to Gaza next month to address Palestinian leaders, the White House said "
        "Friday. He is to speak at what the Palestinians are describing as a historic meeting to formally revoke "
        "anti-Israel clauses in the 1964 Palestinian charter.",
    )
    for event_terms, continues in ((7, False), (0, True)):
        c = OnlineClusterer(embedder=None, event_terms=event_terms, threshold=0.05)
        story = {c.add(Article(str(i), t)).story for i, t in enumerate(airport)}
        assert len(story) == 1
        assert c.continues(c.features([visit])[0], story.pop()) == continues


def test_an_events_first_reports_join_it_when_it_comes_back():
    """Turkey's government: three reports on 11-19 November (Yilmaz faces no-confidence motions), then seven
    from 2 December (Ecevit asked to form a government), 13 days on.  The later articles match the early
    story before the time decay and name it by one of its defining rare names: once two of them have, it
    joins theirs."""
    if not DUC.exists():
        pytest.skip(f"DUC 2004 dev data not found at {DUC}")
    arts = [a for a in publication_order(read_labelled_stream([DUC])) if a.extra["story"] == "d31009t"]
    when = stream_times(arts)
    for fragment_size, stories in ((3, 1), (0, 2)):
        c = OnlineClusterer(embedder=None, fragment_size=fragment_size)
        labels = final_labels(c, c.add_many(arts, when=when))
        assert len(set(labels)) == stories and labels[:3] == [labels[0]] * 3
    # Without times nothing decays, so there are no fragments to merge (and none are counted).
    c = OnlineClusterer(embedder=None)
    c.add_many(arts)
    assert not c._evidence
