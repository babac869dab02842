# ruff: noqa: E501
"""Disagreements read on real sentence pairs (val-full250 and DUC dev, benchmarks/data/), plus the
detector coverage the real pairs lack (ranges), and the pairs that must stay unflagged."""

from __future__ import annotations

from datetime import date

import pytest

from newsfuse.compare import compare_sentences
from newsfuse.compare.categories import category_conflicts
from newsfuse.compare.ranks import rank_conflicts, ranks
from newsfuse.compare.text import quantities

DAY = date(2019, 4, 10)


def kinds(a: str, b: str) -> list[str]:
    return [c.kind for c in compare_sentences(a, b, DAY, DAY)]


@pytest.mark.parametrize(
    ("a", "b", "kind", "claims"),
    [
        # mn007: one height in metres and feet on each side, each figure exact.
        ("Steck and Goettler were the only climbers this season on the southern face of the 8,027-meter (26,330-foot) mountain.",
         "Ueli Steck of Switzerland and David Goettler of Germany, who were attempting the same South Face route to the 26,291-foot (8,013 m) peak, stumbled upon the bodies of the pair, encased in ice, at an altitude of 19,356 feet (5,900 m).",
         "number", ("8,027-meter (26,330-foot)", "26,291-foot (8,013 m)")),
        # mn007: a top-14 set and the 14th place.
        ("It was only when they got back to base camp after their failed attempt that they thought the bodies may have been of Alex Lowe and David Bridges, who were swept away by an avalanche in 1999 and had been attempting to climb the world's 14 highest mountains.",
         "REUTERS/Navesh Chitrakar Alex Lowe and David Bridges were swept away in 1999 by an avalanche during their attempt to scale the world’s 14th highest peak, Shishapangma.",
         "number", ("world's 14 highest mountains", "world’s 14th highest")),
        # mn076: "killed two" counts people; the city's rank differs too.
        ("On Sunday, an explosion killed two and wounded 30 in the northern city of Aleppo, Syria's largest.",
         "A car bomb close to a state security office in Syria's second biggest city of Aleppo killed at least three people on Sunday, according to the SOHR.",
         "number", ("two", "at least three")),
        # mn033 (the dinosaur foot): one fossil put in two sibling classes.
        ("A new study based on fossils excavated in Wyoming reveals the largest dinosaur foot ever found and identifies it as a brachiosaur, a type of sauropod dinosaur that was among the largest land animals on Earth.",
         "Given the dinosaur's fantastic foot size, it's safe to call it a titanosaur — the largest group of sauropod dinosaurs — which includes the 122-foot-long (37 m) Patagotitan and the 115-foot-long (35 m) Argentinosaurus.",
         "role", ("brachiosaur", "titanosaur")),
    ],
)  # fmt: skip
def test_real_conflicts_are_found_once_with_both_versions(a, b, kind, claims):
    found = compare_sentences(a, b)
    assert (kind, claims) in [(c.kind, (c.a_text, c.b_text)) for c in found]
    assert len([c for c in found if c.kind == kind and c.a_text == claims[0]]) == 1


def test_a_measure_in_two_units_is_one_conflict():
    a = "Steck and Goettler were the only climbers this season on the southern face of the 8,027-meter (26,330-foot) mountain."
    b = "Ueli Steck of Switzerland and David Goettler of Germany, who were attempting the same South Face route to the 26,291-foot (8,013 m) peak, stumbled upon the bodies."
    assert len(compare_sentences(a, b)) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # mn080, two users' battery reports: where it ended ("down to 80%") and by how much it fell ("drained 20%").
        ('Unplugged with a full charge 2 1/2 hours ago, and already down to 80% with light usage."',
         "Updated about 1.5 hours ago, battery has drained 20% since then with no usage!"),
        # DUC d30017t: a survey given for comparison, not the new survey's figure.
        ("By comparison, a similar survey of North Korean children under 7 found that 65 percent are stunted and 16 percent suffer from acute malnutrition.",
         "They found that 62 percent of children under 7 had stunted growth, a symptom of long-term malnutrition."),
        # DUC d30006t: different provisions of one deal, each with its own dollar figure.
        ("But the players would have an assurance that the salary cap would go up at least $2 million before the credit goes into effect.",
         "If the figure was $29 million over the salary cap, then the 29 teams would work with a salary cap $1 million less than the previous season."),
        # mn056: ethanol produced in a year and ethanol from one bushel.
        ("The United States leads the world in ethanol production, with 13.3 billion gallons in 2013, followed by Brazil's 6.3 billion gallons, according to the Washington-based Renewable Fuels Association, which represents the U.S. ethanol industry.",
         "In some parts of the United States, it takes more than 800 gallons of water to grow a bushel of corn, which, in turn, yields about 3 gallons of ethanol."),
        # Multi-News val line 404: both give both figures, attached to different words.
        ("About 1,750 black rhinos live in namibia, out of a global population of 4,800, and 469 white rhinos, according to save the rhino and wwf.",
         "About 1,750 of the world's 4,800 black rhinos live in namibia, vice continues."),
        # Multi-News val line 344: two things dated in "years ago".
        ("The closest extinct relatives of modern humans were the neanderthals, who lived in europe and asia until they went extinct about 40,000 years ago.",
         "The oldest samples of neanderthal dna have been extracted from remains embedded in a cave in southern italy, confirming that the so-called altamura man was a neanderthal who lived around 150,000 years ago."),
        # The same rank, two words for it.
        ("Aleppo, Syria's largest city, was hit.", "Aleppo, Syria's biggest city, was hit."),
        # A class and a description are not rival classes.
        ("The study identifies it as a brachiosaur.", "Experts call it a giant."),
    ],
)  # fmt: skip
def test_real_look_alikes_are_not_flagged(a, b):
    assert compare_sentences(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "flagged"),
    [
        ("The study followed women aged 40 to 70 for a decade.", "The study followed women aged 50 to 70 for a decade.", True),
        ("The study followed 500 women between 40 and 70 for a decade.", "The study followed 500 women between 50 and 70 for a decade.", True),
        ("The study followed women aged 40 to 70 for a decade.", "The study followed women aged 40 to 70 for a decade, researchers said.", False),
        ("Women should replace implants every eight to fifteen years.", "Women should replace implants every 8 to 15 years.", False),
        ("Women should replace implants every eight to fifteen years.", "Women should replace implants every eight years.", False),
    ],
)  # fmt: skip
def test_ranges_compare_end_to_end(a, b, flagged):
    assert ("number" in kinds(a, b)) is flagged


def test_exact_figures_compare_exactly_and_round_ones_loosely():
    exact = {q.text: (q.lo, q.hi) for q in quantities("The peak is 8,027 meters high and the camp 26,330 feet.")}
    assert exact["8,027"][0] > 8026 and exact["8,027"][1] < 8028
    assert exact["26,330"][0] > 26320 and exact["26,330"][1] < 26340  # a figure ending in 0 may be rounded to tens
    assert kinds("About 30,000 people attended the rally.", "Police said 29,800 people attended the rally.") == []
    assert kinds("The company will cut 4,000 jobs this year.", "The company will cut 40,000 jobs this year.") == [
        "number"
    ]


def test_a_participle_before_the_unit_and_a_title_as_whose_age():
    assert [q.noun for q in quantities("Rescuers are still trying to reach 11 trapped miners.")] == ["miner"]
    assert kinds(
        "Officials said 17 miners remain trapped underground.",
        "Rescuers are still trying to reach 11 trapped miners, officials said.",
    ) == ["number"]
    assert kinds(
        "The 62-year-old mayor was re-elected on Sunday.", "Mayor Ana Ruiz, 58, was re-elected on Sunday."
    ) == ["number"]
    # A lone surname stays unpaired (mother and son share it).
    assert kinds("Smith, 45, was charged on Sunday.", "John Smith, 19, was charged on Sunday.") == []


def test_rank_reader():
    assert [(r.scope, r.scale, r.place, r.top) for r in ranks("Aleppo is Syria's second biggest city.")] == [
        ("syria", "size", 2, None)
    ]
    assert [(r.scope, r.place, r.top) for r in ranks("the world's 14 highest mountains")] == [("world", None, 14)]
    assert (
        rank_conflicts("It is the largest city.", "It is the second largest city.") == []
    )  # no scope: no rank to compare


def test_category_reader_needs_sibling_classes():
    assert category_conflicts("Critics call it a cardiologist's dream.", "Critics call it a neurologist's dream.")
    assert not category_conflicts("They described it as a celebration.", "They described it as an operation.")
    assert not category_conflicts("This weekend the museum opens.", "Officials call it a weekend.")


def test_the_day_a_statement_was_made_is_not_the_event_day():
    # DUC d30 (1998-10-28 both): the report was due Thursday; the commission spoke on Wednesday.
    day = date(1998, 10, 28)
    a = "De Klerk said he would sue to block the long-awaited final report of the Truth and Reconciliation Commission, which was due for release Thursday."
    b = "Facing a court challenge, the Truth and Reconciliation Commission said Wednesday that it would withhold, at least temporarily, the parts of its final report that implicate South Africa's last apartheid-era president, F.W. de Klerk, in illegal acts."
    assert compare_sentences(a, b, day, day) == []
    # Two statements on different days still conflict.
    assert [
        c.kind
        for c in compare_sentences(
            "The commission said Wednesday it would publish the report.",
            "The commission said Thursday it would publish the report.",
            day,
            day,
        )
    ] == ["date"]  # once, as a date


def test_one_length_in_two_units():
    # mn017: where the elevator car was when the doors opened (labelled a conflict in benchmarks/data/).
    a = "When the doors opened, the woman stepped forward and both she and the stroller fell down the shaft and landed on the elevator car, which was out of service eight stories below, police said."
    b = "The elevator doors opened suddenly — but the car was between 6 and 8 feet below the floor as the stroller rolled inside and fell onto the elevator’s roof, a police source said."
    assert [(c.a_text, c.b_text) for c in compare_sentences(a, b)] == [("eight", "6 and 8")]
    # The same height in metres and feet agrees.
    assert (
        compare_sentences("The tower rises 300 meters above the bay.", "The tower rises about 984 feet above the bay.")
        == []
    )
