# ruff: noqa: E501
"""Support means the same claim: real sentence pairs from the labelled set (benchmarks/data/claims.jsonl).

Each pair is two outlets of one real story, read by hand: paraphrases and more-or-less-detail
statements of one claim must share a fact, whichever outlet comes first; sentences about the same
speaker, event or place that say something else must not, nor must a figure given in units that
cannot both hold.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsfuse.align.claim import (
    CLAIM_THRESHOLD,
    claim_score,
    claim_score_bounds,
    magnitudes_conflict,
    measures_conflict,
    percents_conflict,
    profile,
)
from newsfuse.compare.scoring import aligned_pairs, labelled_sentence, load_jsonl, score_alignment
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "benchmarks" / "data"

# (labelled pair id, outlet A's sentence, outlet B's sentence)
SAME = [
    (
        "c010",
        "The two injured officers were in good condition in the hospital, said Hennepin County Chief Deputy Mike Carlson.",
        "Hennepin County Sheriff's Department Chief Deputy Mike Carlson said the two officers are in good condition and are expected to survive, KARE reported.",
    ),
    (
        "c013",
        "The prolific MC was hospitalized in Las Vegas several days ago due to complications caused by his sickle cell anemia.",
        "Prodigy was hospitalized a few days ago in Vegas after a Mobb Deep performance for complications caused by a sickle cell anemia crisis.",
    ),
    (
        "c054",
        "It has held hearings around the country for more than two years, listening to victims and perpetrators seeking amnesty.",
        "It has held more than 160 hearings throughout the country, listening to both victims and to perpetrators seeking amnesty.",
    ),
    (
        "c174",
        "The fraternity referenced in the arrest warrant affidavit, Kappa Sigma, recently lost its UConn recognition and housing based on off-campus incidents in September and October.",
        "Kappa Sigma lost its UConn recognition and housing based on different off-campus incidents in September and October, said Reitz.",
    ),
    (
        "c191",
        "The sham embassy, authorities said, did not allow walk-in appointments but instead recruited customers from remote parts of West Africa and even targeted people in the neighboring countries of Ivory Coast and Togo with billboards and fliers.",
        "The “fake embassy” did not accept walk-in visa appointments; instead, they drove to the most remote parts of West Africa to find customers, advertising their services through flyers and billboards to cultivate customers from Ghana, Cote d'Ivoire, and Togo.",
    ),
    (
        "c351",
        "She told NewsChannel 15 she didn’t have the heart to shoot them, so she smothered them.",
        'She told WANE she "didn\'t have the heart" to shoot them, so she smothered them instead.',
    ),
]

# Same speaker, event or place; another claim.
SAME_TOPIC = [
    (
        "c012",
        "Mayor of London Sadiq Khan led the short ceremony.",
        "London Mayor Sadiq Khan said questions would need to be asked about what the police knew about Butt.",
    ),
    (
        "c047",
        "Israel is also upset by statements that the nearly 600-member Palestinian National Council will not reaffirm in a vote that anti-Israel clauses in the Palestinian charter have been deleted.",
        "He is to speak at what the Palestinians are describing as a historic meeting to formally revoke anti-Israel clauses in the 1964 Palestinian charter.",
    ),
    (
        "c094",
        "The Community of Christ, formerly formerly known as the Reorganized Church of Jesus Christ of Latter Day Saints, is based in Independence and has about 250,000 members.",
        "At the World Conference of 2000, by vote of 1,979 to 561, the name of the church was changed from the Reorganized Church of Jesus Christ of Latter Day Saints to Community of Christ.",
    ),
    (
        "c192",
        "The BBC's Jim Muir reports from neighbouring Beirut that Ms Bouvier refused to board the Red Crescent vehicles, and the others stayed behind out of solidarity.",
        "The BBC's Jim Muir in Beirut says confusion remains over Ms Bouvier's location.",
    ),
    (
        "c435",
        "Representatives of the World Bank and the Inter-American Development Bank took part in the talks.",
        "Another $9 billion or so will come from the World Bank and the Inter-American Development Bank, and the remainder from the United States and other major industrial nations.",
    ),
]

ELEVATOR = (
    "When the doors opened, the woman stepped forward and both she and the stroller fell down the shaft and landed on the elevator car, which was out of service eight stories below, police said.",
    "The elevator doors opened suddenly — but the car was between 6 and 8 feet below the floor as the stroller rolled inside and fell onto the elevator’s roof, a police source said.",
)


def one_fact(first: str, second: str) -> bool:
    """Whether the pipeline puts the two outlets' sentences in one fact."""
    story = Pipeline().analyse([Article("a", first, source="A"), Article("b", second, source="B")])
    assert len(story.sentences) == 2  # each is one sentence
    return len(story.facts) == 1 and story.facts[0].support == 2


@pytest.mark.parametrize(("pair", "a", "b"), SAME, ids=[p[0] for p in SAME])
def test_same_claim_in_other_words_is_support_both_ways(pair: str, a: str, b: str) -> None:
    assert one_fact(a, b) and one_fact(b, a)


@pytest.mark.parametrize(("pair", "a", "b"), SAME_TOPIC, ids=[p[0] for p in SAME_TOPIC])
def test_same_topic_with_another_claim_is_not_support_both_ways(pair: str, a: str, b: str) -> None:
    assert not one_fact(a, b) and not one_fact(b, a)


def test_a_measure_in_units_that_cannot_both_hold_is_not_support() -> None:
    a, b = ELEVATOR
    assert measures_conflict(profile(a), profile(b)) and measures_conflict(profile(b), profile(a))
    assert claim_score(profile(a), profile(b), 0.9) == 0.0
    assert not one_fact(a, b) and not one_fact(b, a)
    # Real pairs the rule once misread (Multi-News train and val): a figure whose next word is another
    # figure has no slot, and kg / kilograms are one unit (left to the disagreement rules).
    swim = (
        "Harrity individually swam each fisherman more than 250 yards to shore through 5-foot seas and 30-mph winds.",
        "A 27-year-old Coast Guard rescue swimmer swam 1,750 yards in 5-foot seas and 30 mph winds to rescue 4 people.",
    )
    fat = (
        "The authors show that losing 10 kilograms of fat requires 29 kilograms of oxygen to be inhaled.",
        "To completely oxidise 10 kg of human fat, 29 kg of oxygen must be inhaled.",
    )
    for x, y in (swim, fat):
        assert not measures_conflict(profile(x), profile(y)) and not measures_conflict(profile(y), profile(x))
    # The same figures in one unit, or in units that agree, are left to the wording.
    assert not measures_conflict(profile(a), profile(a.replace("eight stories", "about 100 feet")))
    assert not measures_conflict(profile(b), profile(b.replace("6 and 8 feet", "2 and 2.5 meters")))


# Labelled pair c147 (contradict): one accusation, "hundreds of texts" against "thousands of text messages".
TEXTS = (
    "PITTSBURGH (KDKA) — A former Pittsburgh Public School teacher is now in police custody, accused of having an inappropriate relationship with an 11-year-old girl in which they reportedly exchanged hundreds of texts and were planning to run away together.",
    'A former Pittsburgh elementary school teacher is accused of being "obsessed" with one of her 11-year-old students, sending the girl thousands of text messages over a period of two weeks, and planning to run away with (and possibly even adopt) her.',
)


def test_counts_in_different_orders_of_magnitude_are_not_support() -> None:
    a, b = TEXTS
    assert magnitudes_conflict(profile(a), profile(b)) and claim_score(profile(a), profile(b), 0.9) == 0.0
    story = Pipeline().analyse([Article("a", a, source="A"), Article("b", b, source="B")])
    assert sorted(f.support for f in story.facts) == [1, 1]
    # The same order of magnitude, a compound that spans the plain word, or another noun: no conflict.
    assert claim_score(profile(a), profile(b.replace("thousands", "hundreds")), 0.9) > 0.0
    for x, y in (
        ("Thousands of people marched.", "Tens of thousands of people marched."),
        ("Hundreds of thousands of people marched.", "Thousands of people marched."),
        ("Hundreds of people marched.", "Thousands of police officers watched."),
    ):
        assert not magnitudes_conflict(profile(x), profile(y)) and not magnitudes_conflict(profile(y), profile(x))


# DUC 2004 dev d30017t (AP and NYT on one survey of North Korean children) and val-full250 line 145
# (a census of young adults living with their parents, and a Canadian survey).
PERCENT_PAIRS = (
    (
        "By comparison, a similar survey of North Korean children under 7 found that 65 percent are stunted and "
        "16 percent suffer from acute malnutrition.",
        "They found that 62 percent of children under 7 had stunted growth, a symptom of long-term malnutrition.",
    ),
    (
        "35 percent live with a partner, while 29 percent live with their parents.",
        "According to a recent census survey, 42 percent of Canadian adults age 20 to 29 live in their parents’ homes.",
    ),
)


@pytest.mark.parametrize(("a", "b"), PERCENT_PAIRS)
def test_percentages_that_all_differ_are_not_support(a: str, b: str) -> None:
    pa, pb = profile(a), profile(b)
    assert percents_conflict(pa, pb) and percents_conflict(pb, pa)
    assert claim_score(pa, pb, 0.9) == 0.0 and claim_score_bounds(pa, pb, 0.9)[0] == 0.0
    story = Pipeline().analyse([Article("a", a, source="A"), Article("b", b, source="B")])
    assert max(f.support for f in story.facts) == 1


def test_percentages_that_agree_within_their_wording_are_no_conflict() -> None:
    a, b = PERCENT_PAIRS[0]
    # One shared figure is enough, rounding and hedges count ("62 percent" / "about 60 percent"),
    # and a sentence without a percentage is no conflict.
    for x, y in (
        (a, b.replace("62 percent", "65 percent")),
        (a, b.replace("62 percent", "about 65%")),
        ("The index rose 2% on Monday.", "The index rose 1.9 percent."),
        (b, b.replace("62 percent", "about 60 percent")),
        (a, "They found that most children under 7 had stunted growth."),
    ):
        assert not percents_conflict(profile(x), profile(y)) and not percents_conflict(profile(y), profile(x))


def test_a_labelled_sentence_is_found_when_the_splitter_cuts_furniture_off_it() -> None:
    text = "Add Interest In the video, a Hummer appears to stop suddenly. Police are looking for the driver."
    story = Pipeline().analyse([Article("a", text, source="A"), Article("b", "The Hummer stopped.", source="B")])
    found = labelled_sentence(story, "a", "Add Interest In the video, a Hummer appears to stop suddenly.")
    assert found is not None and story.sentences[found].text == "In the video, a Hummer appears to stop suddenly."
    assert labelled_sentence(story, "b", "The Hummer stopped.") is not None
    # Text that is not in the article, or an article id the story lacks: not found.
    assert labelled_sentence(story, "a", "A Hummer drove off.") is None
    assert labelled_sentence(story, "z", "The Hummer stopped.") is None


def test_a_third_outlet_on_the_same_topic_does_not_join_the_fact() -> None:
    _, a, b = SAME[1]
    other = (
        "Prodigy, one half of Mobb Deep, was in Las Vegas for a performance on Saturday, the group's publicist said."
    )
    story = Pipeline().analyse(
        [Article("a", a, source="A"), Article("b", b, source="B"), Article("c", other, source="C")]
    )
    supports = sorted(f.support for f in story.facts)
    assert supports == [1, 2]
    assert claim_score(profile(a), profile(other), 0.6) < CLAIM_THRESHOLD


@pytest.mark.slow
def test_real_labelled_pairs_alignment_floor() -> None:
    shared = ROOT.parent / "shared" / "data"
    if not (shared / "multinews" / "val-full250.src").exists() or not (shared / "duc2004-dev" / "dev.jsonl").exists():
        pytest.skip(f"the labelled pairs' stories live in {shared}")
    spec = importlib.util.spec_from_file_location("cross_source", ROOT / "benchmarks" / "cross_source.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    pairs = load_jsonl(REAL / "claims.jsonl")
    r = score_alignment(pairs, aligned_pairs(pairs, bench.real_stories(), Pipeline()))
    # Measured on all 498 pairs: precision 0.912, recall 0.579, no contradiction counted as support
    # (docs/analysis.md); the floors catch an aligner gone loose or one that stopped linking.
    assert r["aligned_contradict"] == 0
    assert r["precision"] >= 0.88 and r["recall"] >= 0.55
