"""People named by surname alone: the summary says who they are first (units/names.py)."""

from __future__ import annotations

from itertools import islice

from newsfuse.inputs import iter_lines, parse_multinews_line
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article
from newsfuse.units.names import Introductions, bare_names, fuller_at, used_as_person

# Multi-News val-full250, the TSA knives story: the article introduces the congressman, then quotes him.
TSA = (
    "Rep. Bennie Thompson of Mississippi, the top Democrat on the House Homeland Security Committee, "
    "wants answers. Thompson said he has been looking into the department's contracting as a whole. "
    "\u201cContracting as usual doesn\u2019t necessarily say that it couldn\u2019t have been done better,\u201d "
    "Thompson said."
)


def test_fuller_names_and_bare_uses_from_real_sentences():
    assert fuller_at(TSA, "Thompson") == TSA.index("Thompson")
    # "Stanford chemist Matthew Kanan" names Kanan in full; "Kanan said" names him alone.
    assert fuller_at("A group led by Stanford University chemist Matthew Kanan described it.", "Kanan")
    assert fuller_at('"In this experiment, ethanol was the major product," Kanan said.', "Kanan") is None
    assert used_as_person('"In this experiment, ethanol was the major product," Kanan said.', "Kanan")
    assert bare_names("Wayne State University police Chief Tony Holt said so.") == set()
    # A title opens a fuller name; "Mr." does not, nor does the last word of the sentence before.
    assert fuller_at("'We will win,' said Gov. Cuomo.", "Cuomo")
    assert bare_names("Mr. Hunter said the union would sue.") == {"Hunter"}
    assert fuller_at("They met Trump. Hunter said so.", "Hunter") is None


def test_a_run_needs_the_introduction_its_article_gave_before_it():
    story = Pipeline().analyse([Article("a", TSA), Article("b", "The TSA will let passengers carry small knives.")])
    intro = Introductions(story)
    first, quote = 0, len([s for s in story.sentences if s.doc == 0]) - 1
    assert intro.needed(quote, quote) == {"Thompson"}
    assert intro.needed(first, quote) == frozenset()  # the run holds the fuller name itself
    assert intro.spread("Thompson") == 1
    assert Introductions.introduced(story.sentences[first].text, {"Thompson"}) == {"Thompson"}


def test_a_word_the_article_also_writes_in_lower_case_is_no_surname():
    text = "Officer Collin Rose was shot on Tuesday. Prices rose sharply. Rose is the first officer killed."
    story = Pipeline().analyse([Article("a", text)])
    assert Introductions(story).needed(2, 2) == frozenset()


def _fuller_before(texts: list[str], k: int, name: str) -> bool:
    return fuller_at(" ".join(texts[: k + 1]), name) is not None


def test_summaries_introduce_the_people_they_quote_by_surname(data_dir):
    """On real stories, a person whom only one article mentions and whom it introduced in full is named
    in full in the summary no later than the sentence that calls him by surname alone."""
    pipeline = Pipeline()
    checked = 0
    for line in islice(iter_lines(data_dir / "val-full250.src"), 30):
        articles = parse_multinews_line(line)
        story = pipeline.analyse(articles)
        intro = Introductions(story, max_spread=1)
        summary = pipeline.summarize(articles, 250)
        texts = [s.text for s in summary.sentences]
        for k, sentence in enumerate(summary.sentences):
            cite = sentence.citations[0]
            doc = next(d for d, a in enumerate(articles) if a.id == cite.source)
            i = next(
                j for j, s in enumerate(story.sentences) if s.doc == doc and s.start <= cite.start < s.end
            )
            last = next(
                j for j, s in enumerate(story.sentences) if s.doc == doc and s.start < cite.end <= s.end
            )
            for name in intro.needed(i, last):
                checked += 1
                assert _fuller_before(texts, k, name), (name, texts[k])
    assert checked  # the check met such people (story 24 quotes Thompson)
