"""Clean stage: boilerplate, headlines, repeats, short lines, near-copies and off-topic paragraphs."""

from __future__ import annotations

import re
import textwrap
from itertools import islice

import numpy as np
import pytest

from newsfuse.clean import (
    is_boilerplate,
    is_headline_like,
    is_link_heavy,
    near_copies,
    near_repeat_labels,
    normalize,
    offtopic_labels,
    structural_labels,
)
from newsfuse.embed import TfidfEmbedder
from newsfuse.inputs import iter_lines, parse_multinews_line, read_articles
from newsfuse.pipeline import Pipeline
from newsfuse.split import SyntokSplitter
from newsfuse.types import Article, Sentence

# --- boilerplate and headlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Latest News",
        "latest news",
        "Read more",
        "READ MORE: Kim's train arrives",
        "Advertisement",
        "Related Stories",
        "Sign up for our newsletter",
        "Image copyright Getty Images",
        "Copyright 2019 The Associated Press. All rights reserved.",
        "All rights reserved.",
        "Continue reading the main story",
        "  — Share this article",
    ],
)
def test_is_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kim met Xi in Beijing.",
        "Readers were surprised by the announcement on Monday.",  # 'read' inside a word
        "Copyrighted material was removed, the court heard.",
        "Latest news from the summit suggests that the two leaders agreed to meet again before the end of the year.",
        "",
    ],
)
def test_is_not_boilerplate(text):
    assert not is_boilerplate(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Read or Share this story: http://usat.ly/1a6mXog", True),
        ("Follow us on twitter.com/foxnewslatino Like us at facebook.com/foxnewslatino", True),
        # Long promo lines are not caught by the phrase list (over 12 words) but are by their links.
        (
            "Subscribe NOW to The Tonight Show Starring Jimmy Fallon: http://bit.ly/1nwT1aN Watch The "
            "Tonight Show Starring Jimmy Fallon Weeknights 11:35/10:35c Get more Jimmy Fallon: Follow "
            "Jimmy: http://Twitter.com/JimmyFallon Like Jimmy: https://Facebook.com/JimmyFallon",
            True,
        ),
        ("Information from: The Sun Chronicle, WWW.THESUNCHRONICLE.COM", True),
        (
            "Steve Copoulos tells The Sun Chronicle (http://bit.ly/2slf5yu) he added window art reading "
            "'North now runs on Mike's' on his coffee shop in North Attleborough.",
            False,
        ),
        ("Shares of Amazon.com rose 3% after the report.", False),
        ("Kim met Xi in Beijing.", False),
    ],
)
def test_link_lines_are_boilerplate(text, expected):
    assert is_link_heavy(text) is expected
    labels = structural_labels([Article("a", text)], [Sentence(0, 0, 0, len(text), text)])
    assert (labels.get(0) == "boilerplate") is expected


@pytest.mark.parametrize("text", ["Photo: AP", "© 2019 Reuters", "Watch: the video", "Listen:"])
def test_is_boilerplate_credit_and_media_lines(text):
    assert is_boilerplate(text)


def sent(text: str, *, line_start: bool = True, line_end: bool = True, doc: int = 0, position: int = 0) -> Sentence:
    return Sentence(doc, position, 0, len(text), text, line_start=line_start, line_end=line_end)


@pytest.mark.parametrize(
    ("text", "flags", "expected"),
    [
        ("Kim leaves Beijing after two-day visit", (True, True), True),
        ("Photo by Jane Roe / AP", (True, True), True),
        ("Kim leaves Beijing after two-day visit.", (True, True), False),
        ('He said "we will meet again."', (True, True), False),
        ("Is this the end?", (True, True), False),
        ("Kim leaves Beijing after two-day visit", (True, False), False),  # not a whole line
        ("Kim leaves Beijing after two-day visit", (False, True), False),
        (" ".join(["word"] * 30), (True, True), False),  # too long for a headline
    ],
)
def test_is_headline_like(text, flags, expected):
    assert is_headline_like(sent(text, line_start=flags[0], line_end=flags[1])) is expected


def test_normalize():
    assert normalize("KIM, Jong-Un  left!\n") == "kim jong un left"


# --- structural labels -------------------------------------------------------------------------------

STRUCTURED = (
    "Kim leaves Beijing\n\n"
    "Kim leaves Beijing\n\n"
    "Kim Jong Un left Beijing on Wednesday after a two-day visit.\n\n"
    "The talks focused on trade and on the nuclear program.\n\n"
    "KIM JONG UN LEFT BEIJING ON WEDNESDAY, AFTER A TWO-DAY VISIT!\n\n"
    "Too short here.\n\n"
    "Latest News\n\n"
    "Kim Jong Un left Beijing on Wednesday after a short two-day visit."
)


def split_all(articles):
    out = []
    for d, a in enumerate(articles):
        out.extend(SyntokSplitter().split(a, d))
    return out


def test_structural_labels():
    a = Article("a", STRUCTURED, title="Kim leaves Beijing")
    b = Article("b", "Kim Jong Un left Beijing on Wednesday after a two-day visit.")
    sents = split_all([a, b])
    labels = structural_labels([a, b], sents)
    by_text = [(s.text, labels.get(i)) for i, s in enumerate(sents)]
    assert by_text == [
        ("Kim leaves Beijing", "headline"),
        ("Kim leaves Beijing", "headline"),  # the repeated headline line
        ("Kim Jong Un left Beijing on Wednesday after a two-day visit.", None),
        ("The talks focused on trade and on the nuclear program.", None),
        ("KIM JONG UN LEFT BEIJING ON WEDNESDAY, AFTER A TWO-DAY VISIT!", "repeat"),  # same words, other case
        ("Too short here.", "short"),
        ("Latest News", "boilerplate"),
        ("Kim Jong Un left Beijing on Wednesday after a short two-day visit.", None),
        # The same sentence in another article is not a repeat: it is support.
        ("Kim Jong Un left Beijing on Wednesday after a two-day visit.", None),
    ]


def test_title_line_with_final_stop_is_labelled_headline():
    a = Article(
        "a",
        "Kim leaves Beijing after talks.\n\nKim Jong Un left Beijing on Wednesday.",
        title="Kim leaves Beijing after talks.",
    )
    labels = structural_labels([a], split_all([a]))
    assert labels == {0: "headline"}


def test_near_repeat_within_one_article_is_labelled_repeat():
    a = Article("a", STRUCTURED)
    b = Article("b", "Kim Jong Un left Beijing on Wednesday after a short two-day visit.")
    sents = split_all([a, b])
    labels = structural_labels([a, b], sents)
    rows = [i for i in range(len(sents)) if i not in labels]
    vectors = TfidfEmbedder().embed([sents[i].text for i in rows])
    got = near_repeat_labels(sents, rows, vectors @ vectors.T)
    later_copy = next(i for i, s in enumerate(sents) if "short two-day" in s.text and s.doc == 0)
    assert got == {later_copy: "repeat"}  # the first statement stays; b's equal sentence is another outlet


# --- near copies ----------------------------------------------------------------------------------------

PARAGRAPHS = [
    "A powerful storm swept across the northern coast on Sunday night, flooding hundreds of homes and "
    "cutting power to more than forty thousand households, the regional authorities said on Monday.",
    "Emergency crews worked through the night to rescue residents trapped on rooftops in the fishing town "
    "of Porthaven, where the river burst its banks shortly after midnight.",
    "The national weather service had issued a red warning on Saturday, urging people to stay indoors and "
    "to avoid travel along the coastal highway until the winds had eased.",
    "Officials said two people were missing and at least a dozen had been taken to hospital with injuries "
    "that were not thought to be life threatening.",
    "The prime minister is expected to visit the worst affected towns on Tuesday and has promised emergency "
    "funding to help families repair their homes.",
    "Insurers warned that the cost of the damage could exceed the losses caused by the floods of 2015, "
    "which remain the most expensive in the country's history.",
]
ORIGINAL = "\n\n".join(PARAGRAPHS)
UNRELATED = "\n\n".join(
    [
        "The central bank left its main interest rate unchanged on Thursday, saying inflation was slowing "
        "faster than expected but that wage growth remained strong.",
        "Markets had priced in a small chance of a cut, and the currency rose slightly after the decision "
        "was announced in the capital.",
        "Economists said the bank was likely to start lowering rates in the spring if the labour market "
        "cooled as forecast by its own staff.",
        "The governor told reporters that the board would watch energy prices closely during the winter.",
    ]
)


def lightly_edited_copy() -> str:
    kept = PARAGRAPHS[:3] + PARAGRAPHS[4:]  # one paragraph dropped
    rewrapped = [textwrap.fill(p, width=50) for p in kept]  # lines re-wrapped
    return "By Jane Roe, Coastal Wire Service\n\n" + "\n\n".join(rewrapped)  # a byline added


def test_near_copies_detects_a_lightly_edited_copy():
    articles = [Article("orig", ORIGINAL), Article("other", UNRELATED), Article("copy", lightly_edited_copy())]
    assert near_copies(articles) == {2: 0}


def test_near_copies_points_to_the_first_of_several_copies():
    articles = [Article("a", ORIGINAL), Article("b", lightly_edited_copy()), Article("c", ORIGINAL)]
    assert near_copies(articles) == {1: 0, 2: 0}


def test_near_copies_ignores_unrelated_and_same_topic_articles():
    same_topic = (
        "Storm flooding hit the north coast of the country on Sunday, and power was lost in many towns. "
        "Rescuers used boats in Porthaven. The prime minister will visit on Tuesday, her office said, "
        "and insurers expect large claims from homeowners and shops along the coast."
    )
    articles = [Article("a", ORIGINAL), Article("b", UNRELATED), Article("c", same_topic)]
    assert near_copies(articles) == {}


# --- off-topic paragraphs ------------------------------------------------------------------------------

ROSENSTEIN = ("rosenstein", "barr", "mueller", "abc news")


@pytest.fixture(scope="module")
def example_analysis(example_dir):
    articles, _ = read_articles([example_dir])
    return Pipeline().analyse(articles)


def test_rosenstein_paragraph_is_dropped(example_analysis):
    story = example_analysis
    hits = [i for i, s in enumerate(story.sentences) if any(w in s.text.lower() for w in ROSENSTEIN)]
    assert hits, "the example should hold the pasted Rosenstein teaser"
    for i in hits:
        assert story.labels.get(i) in {"offtopic", "headline"}, story.sentences[i].text
        assert i not in story.rows
    assert any(story.labels.get(i) == "offtopic" for i in hits)


def test_no_genuine_kim_paragraph_is_offtopic(example_analysis):
    story = example_analysis
    for i, reason in story.labels.items():
        if reason == "offtopic":
            s = story.sentences[i]
            para = [t.text for t in story.sentences if (t.doc, t.paragraph) == (s.doc, s.paragraph)]
            assert any(w in " ".join(para).lower() for w in ROSENSTEIN), para
    kim = [i for i, s in enumerate(story.sentences) if "kim" in s.text.lower()]
    assert kim and all(story.labels.get(i) != "offtopic" for i in kim)


def test_offtopic_labels_on_hand_made_vectors():
    # Three on-topic paragraphs in two articles and one orthogonal paragraph in the middle of article 0.
    sents = [
        Sentence(0, 0, 0, 1, "a", paragraph=0),
        Sentence(0, 1, 0, 1, "b", paragraph=1),
        Sentence(0, 2, 0, 1, "c", paragraph=2),
        Sentence(1, 0, 0, 1, "d", paragraph=0),
        Sentence(1, 1, 0, 1, "e", paragraph=1),
    ]
    on = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    off = np.array([0.0, 0.0, 1.0], dtype=np.float32)
    vectors = np.stack([on, off, on, on, on])
    assert offtopic_labels(sents, list(range(5)), vectors) == {1: "offtopic"}
    # Too few candidates: nothing is judged.
    assert offtopic_labels(sents[:3], [0, 1, 2], vectors[:3]) == {}


def test_offtopic_never_judges_a_whole_article():
    # One-paragraph articles (plain text, JSONL bodies): the real report (doc 1) is far from two
    # boilerplate notices (docs 0 and 2) that agree with each other. Cleaning must not drop it:
    # whether a whole article belongs to the story is not a paragraph question.
    sents = [Sentence(0, k, 0, 1, "x", paragraph=0) for k in range(2)]
    sents += [Sentence(1, k, 0, 1, "y", paragraph=0) for k in range(5)]
    sents += [Sentence(2, k, 0, 1, "z", paragraph=0) for k in range(2)]
    notice = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    report = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    vectors = np.stack([notice] * 2 + [report] * 5 + [notice] * 2)
    assert offtopic_labels(sents, list(range(9)), vectors) == {}
    # The same report split into paragraphs still loses a minority paragraph that is off-topic.
    split = [Sentence(1, k, 0, 1, "y", paragraph=int(k == 4)) for k in range(5)]
    vectors[6] = np.array([0.0, 0.0, 1.0], dtype=np.float32)
    others = [Sentence(3, k, 0, 1, "w", paragraph=0) for k in range(3)]
    labelled = offtopic_labels(split + others, list(range(8)), np.stack([report] * 4 + [vectors[6]] + [report] * 3))
    assert labelled == {4: "offtopic"}


def test_real_article_beside_boilerplate_pages_is_kept(data_dir):
    # val-full250 story 140: a Politico report between two copies of Twitter's location notice.
    line = next(islice(iter_lines(data_dir / "val-full250.src"), 140, None))
    story = Pipeline().analyse(parse_multinews_line(line))
    report = [i for i, s in enumerate(story.sentences) if s.doc == 1]
    assert len(report) > 10
    assert sum(i in story.rows for i in report) >= len(report) - 6
    # What is left out of the report is page furniture: a photo's caption, its credit and a promo, "Story Continued
    # Below", sign-up text.
    assert {story.labels.get(i) for i in report if i not in story.rows} <= {"furniture", "boilerplate"}
    # The two location notices are dropped as a whole, and named.
    assert story.warnings == [
        "dropped input 1 (000): a social-notice page, not an article",
        "dropped input 3 (002): a social-notice page, not an article",
    ]


def test_sentence_words_equal_words_of_each_sentence(example_dir):
    from newsfuse.clean import sentence_words, words_of
    from newsfuse.inputs import read_articles
    from newsfuse.split import default_splitter
    from newsfuse.types import Article

    articles, _ = read_articles([str(example_dir)])
    articles.append(Article("tr", "İstanbul'da BÜYÜK miting. Straße ΣΊΣΥΦΟΣ ǅemal."))  # lower() changes lengths here
    sentences = [s for d, a in enumerate(articles) for s in default_splitter().split(a, d)]
    assert sentence_words(articles, sentences) == [words_of(s.text) for s in sentences]


def test_boilerplate_first_words_cover_every_phrase() -> None:
    """structural_labels only runs the boilerplate pattern when the first word could start it."""
    from newsfuse.clean.boilerplate import _BOILERPLATE, _BOILERPLATE_FIRST

    body = _BOILERPLATE.pattern.split("(", 1)[1]
    depth, phrases, current = 0, [], ""
    for c in body:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                break
        if c == "|" and depth == 0:
            phrases.append(current)
            current = ""
        else:
            current += c
    phrases.append(current)
    assert len(phrases) > 20
    for phrase in phrases:
        first = re.match(r"[a-z]*", phrase).group()  # type: ignore[union-attr]  # [a-z]* always matches
        assert first in _BOILERPLATE_FIRST or phrase == "©", phrase
        if first:
            text = phrase.split("(")[0].replace("\\", "") + " Read the rest"
            labels = structural_labels([Article("a", text)], [Sentence(0, 0, 0, len(text), text)])
            assert labels.get(0) in ("boilerplate", "headline"), phrase


# --- page furniture -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Each taken from Multi-News val-full250 articles, as the splitter gives them.
        (">More: Nevada marijuana prices rise, product may sell out", "promo"),
        ("Update:", "label"),
        ("Watch: Video of the crash", "promo"),
        ("PHOTOS: LEBRON, HEAT WIN NBA TITLE", "promo"),
        ("(PHOTOS: Lois Lerner returns to the Hill)", "promo"),
        ("— Jason Chaffetz (@jasoninthehouse) May 16, 2017", "post-signature"),
        ("pic.twitter.com/BcJgkhWskb — Paul Allen (@PaulGAllen) March 2, 2015", "post-signature"),
        ("A post shared by Nasir Jones (@nas) on Jun 20, 2017 at 10:33am PDT", "post-signature"),
        ("Tell us about it on our Facebook page.", "comments"),
        ("Let us know in comments or send an email to the author.", "comments"),
        ("Add this video to your website by copying the code below.", "video-embed"),
        ("The goal is to fix all broken links on the web .", "web-archive"),
        ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.", "web-archive"),
        ("Tweet with a location You can add location information to your Tweets.", "social-notice"),
        ("Have you seen this?", "reader-question"),
        ("Chaffetz, a five-term Republican, says he doesn't feel compelled to talk...", "truncated"),
        ("The singer died of a heart attack on Tuesday,...", "truncated"),
        ("AP Photo/David Zalubowski", "label"),
        ("Photo: Bax Lindhardt/Scanpix", "label"),
        ("(Photo: Wayne State University)", "promo"),
        ("Hide Caption 6 of 43 Photos: The search for MH370 A police officer watches a couple cry.", "caption"),
        ("Image copyright AFP Image caption The man was known to French intelligence services", "caption"),
        (
            "Media playback is unsupported on your device Media caption Listen to an excerpt of the new Whole Lotta "
            "Love The companion discs will feature alternative versions of songs.",
            "caption",
        ),
        ("2 hours ago", "label"),
        ("Please turn on JavaScript.", "cookie-script"),
        ("We use cookies to improve your experience on this site.", "cookie-script"),
        ("Comments (12)", "comments"),
        ("Email Sign Up By signing up you agree to receive email newsletters or alerts from POLITICO.", "sign-up"),
        ("Sign up for our daily email newsletter and get top stories delivered to your inbox.", "sign-up"),
        ("You can unsubscribe at any time.", "sign-up"),
        ("Stock Chart for AAPL", "chart"),
        ("(Reporting by David Lawder; Editing by Tom Heneghan)", "byline-contact"),
        ("#Oscars https://t.co/xiLXLizzNd", "post-fragment"),
        ("Buy Photo", "label"),
        ("REUTERS/Jonathan Ernst", "label"),
        ("UPDATE II", "label"),
        ("Updated at 9:23 a.m. to correct the name of the driver.", "stamp"),
        ("Watch Colbert’s trip to Russia’s Evening Urgant in the Late Show clip above.", "video-embed"),
        ("NBC10's Lu Ann Cahn has the details.", "video-embed"),
        ("CLOSE Four Reno dispensaries begin sales of recreational marijuana.", "video-embed"),
        ("[Republicans vow no hearings, no votes for Obama’s Supreme Court pick]", "promo"),
        ("Test your knowledge of the Seven Kingdoms with Vanity Fair ’s Game of Unknowns.", "promo"),
        ("Graphic shows country-by-country look allegations of spying by the U.S. National Security Agency", "chart"),
        ("Kate Upton Breaks Engagement News on Red Carpet", "headline"),
        ("Line Up: Chicago Mayoral Hopefuls 1.", "headline"),
        (
            "A truck makes its way down a snow covered Interstate I-35/I-80, Thursday, Dec. 20, 2012, in Des Moines, "
            "Iowa.",
            "caption",
        ),
        (
            "Vatican security guards stand by the main gate of the papal residence in Castelgandolfo, in the outskirts"
            " of Rome, Saturday, March 23, 2013.",
            "caption",
        ),
        ("jh/asz (SID, dpa)", "byline-contact"),
    ],
)
def test_furniture_rules_on_real_furniture(text: str, rule: str) -> None:
    from newsfuse.clean import furniture_rule

    assert furniture_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        # News sentences that share words with furniture (val-full250 and DUC 2004 dev).
        "Huie is enduring some ribbing in the comments section on the YouTube video.",
        "The sets always included a variety of five food items such as a sandwich or a cookie.",
        '"I remain committed to proposing this legislative initiative," Belanger said on his Facebook page.',
        '"Do you know what Obama coffee is?" he asked.',
        "“Where is our Chinese — where are they?” Bundy said.",
        "``Leaders come and go. ...",
        "``Maybe you have teen-agers yourself and know how they are ...",
        "Microsoft bundled its browser with Windows, the government said.",
        "He told The Associated Press that the photo was taken in 2016.",
        "The Wisconsin governor announced Monday that he will drop out of the 2016 GOP race.",
        "Could Obama have been Trayvon Martin 35 years ago?",
        "Sign language interpreters worked through the night.",
        "In this case, the court ruled against the company.",
        "A post office in Kansas was closed on Tuesday.",
    ],
)
def test_news_sentences_are_not_furniture(text: str) -> None:
    from newsfuse.clean import furniture_rule

    assert furniture_rule(text) is None


def test_an_interview_question_answered_next_is_kept() -> None:
    from newsfuse.clean import furniture_labels
    from newsfuse.split import default_splitter

    text = "Did you anticipate anything like this happening? I did not. Have you seen this? The video is online."
    sentences = default_splitter().split(Article("a", text), 0)
    assert [sentences[i].text for i in furniture_labels(sentences)] == ["Have you seen this?"]


def test_a_furniture_prefix_is_trimmed_and_the_sentence_keeps_exact_offsets() -> None:
    text = (
        "AP Photo/David Zalubowski The Rockies said they discovered the misspelling at some point. "
        "Update: Police arrested a man in Denver on Tuesday. "
        "— Donald J. Trump (@realDonaldTrump) February 8, 2017 Shortly thereafter, the team handed out the jerseys. "
        "RELATED: Best Places To Live In The World 2016 The index’s mission statement reads well."
    )
    article = Article("a", text)
    story = Pipeline(embedder=TfidfEmbedder()).analyse([article, Article("b", "The Rockies misspelled a jersey.")])
    kept = [story.sentences[i] for i in story.rows if story.sentences[i].doc == 0]
    assert [s.text for s in kept] == [
        "The Rockies said they discovered the misspelling at some point.",
        "Police arrested a man in Denver on Tuesday.",
        "Shortly thereafter, the team handed out the jerseys.",
        "The index’s mission statement reads well.",
    ]
    for s in kept:
        assert text[s.start : s.end] == s.text
    dropped = {s.text: story.labels.get(i) for i, s in enumerate(story.sentences) if s.doc == 0 and i not in story.rows}
    assert dropped == {
        "AP Photo/David Zalubowski": "furniture",
        "Update:": "furniture",
        "— Donald J. Trump (@realDonaldTrump) February 8, 2017": "furniture",
        "RELATED: Best Places To Live In The World 2016": "boilerplate",  # clean's older pattern knows "related"
    }


def test_summarize_drops_a_web_archive_page_with_a_warning() -> None:
    news = [
        Article(
            "ap", "Kim Jong Un left Beijing on Wednesday after two days of talks with Xi Jinping. He took a train."
        ),
        Article("bbc", "North Korea's Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping in China."),
    ]
    notice = Article(
        "web.archive.org",
        "These crawls are part of an effort to archive pages as they are created and archive the pages that they "
        'refer to. The goal is to fix all broken links on the web . Crawls of supported "No More 404" sites.',
    )
    story = Pipeline(embedder=TfidfEmbedder()).summarize([news[0], notice, news[1]], words=60)
    assert "dropped input 2 (web.archive.org): a web-archive page, not an article" in story.warnings
    assert story.sentences
    for sentence in story.sentences:
        assert all(c.source != "web.archive.org" for c in sentence.citations)
        c = sentence.citations[0]
        source = next(a for a in story.sources if a.id == c.source)
        assert source.text[c.start : c.end] == sentence.text


def test_furniture_is_rare_in_newswire(data_dir) -> None:
    """DUC 2004 newswire carries next to no page furniture: the rules must leave it alone."""
    from newsfuse.clean import furniture_labels
    from newsfuse.inputs import iter_multinews
    from newsfuse.split import default_splitter

    splitter = default_splitter()
    total = found = 0
    for story in islice(iter_multinews(data_dir.parent / "duc2004-dev" / "dev.src"), 10):
        sentences = [s for d, a in enumerate(story) for s in splitter.split(a, d)]
        total += len(sentences)
        found += len(furniture_labels(sentences))
    assert total > 1000
    assert found <= 0.002 * total


def test_a_wire_story_with_many_photo_captions_is_kept(data_dir) -> None:
    # val-full250 story 51: an AP story whose page holds six dated photo captions beside its seven sentences.
    line = next(islice(iter_lines(data_dir / "val-full250.src"), 51, None))
    story = Pipeline(embedder=TfidfEmbedder()).analyse(parse_multinews_line(line))
    assert not any(w.startswith("dropped input 1 ") for w in story.warnings)
    kept = [story.sentences[i].text for i in story.rows if story.sentences[i].doc == 0]
    assert kept[0].startswith("CANNES, France (AP) — A man rushed onto the red carpet")
    assert not any("(Associated Press)" in t or "poses for photographers" in t for t in kept)


def test_an_article_given_twice_counts_once(example_dir):
    from dataclasses import replace

    articles, _ = read_articles([example_dir])
    pipeline = Pipeline(embedder=TfidfEmbedder())
    once = pipeline.summarize(articles, 80)
    twice = pipeline.summarize([*articles, replace(articles[0], id="again", path=None)], 80)
    # The same summary and badges; the repeat is a source that states nothing, and a warning says so.
    assert [(s.text, s.support) for s in twice.sentences] == [(s.text, s.support) for s in once.sentences]
    assert all(c.source != "again" for s in twice.sentences for c in s.citations)
    assert twice.warnings == [f"input 4 (again) repeats input 1 ({articles[0].id}) word for word; counted once"]
    # The same wire text run by two named outlets is two outlets' publication: both count.
    wire = [replace(articles[0], source="AP"), replace(articles[0], id="again", source="Reuters"), *articles[1:]]
    story = pipeline.analyse(wire)
    assert story.repeats == {} and story.copies == {1: 0} and story.n_outlets == 4
