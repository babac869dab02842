"""Page furniture (newsfuse.clean.furniture): each case is taken from a real article of Multi-News val-full250
(story index in the comment) or DUC 2004 dev, as the default splitter gives it."""

from __future__ import annotations

from itertools import islice

import pytest

from newsfuse.clean import drop_furniture_pages, furniture_labels, furniture_rule
from newsfuse.embed import TfidfEmbedder
from newsfuse.inputs import iter_lines, parse_multinews_line
from newsfuse.pipeline import Pipeline
from newsfuse.split import default_splitter
from newsfuse.types import Article


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # A line that sends the reader on (story 10), to a gallery (205), after the jump (203), to a slideshow (81).
        (
            "Read on for the backstage reactions of Jon Cryer, Claire Danes, Louis C.K., Sofia Vergara, and others.",
            "promo",
        ),
        (
            "Here are the pictures that tell the story Anatomy of an Oscars fiasco: how La La Land was mistakenly "
            "announced as best picture It will go down in Oscars history as the most awkward moment of all time.",
            "promo",
        ),
        ("Details on her potential 'Dancing' dreams after the jump!", "promo"),
        ("Click through the slideshow below for Oscar de la Renta’s best moments in Vogue.", "promo"),
        # A share button (203), cross-references in brackets (169, 205), a bracketed link cut inside (37).
        ("Email This", "promo"),
        ("(See: Everything Bad is Good For You.)", "promo"),
        ("(Read more about this here.)", "promo"),
        ("[Rapinoe responds after the game: ‘It’s [expletive] unbelievable.", "promo"),
        # Corrections and a radio transcript's notices (100, 103, 91), a video maker's plea (63), a film's
        # languages (181), a promo page's lines (233), a news box (240), captions (79, 56, 172), a sign-up form (68).
        (
            'This story was edited at 5:48 p.m. to correct quote from Bentley\'s letter to say "citizen of India."',
            "byline-contact",
        ),
        ("This article was amended on 9 June 2016.", "byline-contact"),
        ("Correction: An earlier version of this story said that an email from Yusupov was sent.", "byline-contact"),
        ("The authoritative record of NPR’s programming is the audio record.", "byline-contact"),
        ("FOLLOW ME!", "sign-up"),
        (":) Watch My Last Video!", "sign-up"),
        ("In English and some French with English subtitles.", "credits"),
        ("Please sign up here.", "sign-up"),
        ("This print-on-demand booklet is free and you may download a copy here.", "sign-up"),
        ("This booklet was made possible in part through the financial support of Brightspace by D2L.", "sign-up"),
        (
            "What to Know A 20-year-old man allegedly tossed his 4-year-old brother to his death, police said Police "
            "found the little boy in the courtyard The boy was pronounced dead at the scene.",
            "promo",
        ),
        (
            "A file image from the Galileo spacecraft shows the Conemara region of Jupiter's frozen moon Europa.",
            "caption",
        ),
        (
            "E85 ethanol fuel is pumped into a vehicle at a gas station in the town of Nevada, Iowa, on Dec. 6, 2007.",
            "caption",
        ),
        ("Bill Cosby performs at the Buell Theater in Denver on Jan. 17, 2015.", "caption"),
        ("Figure 1: Location (A) and quarry maps (B, C) of Bobcat Pit in Weston County, Wyoming.", "caption"),
        ("Invalid email address.", "sign-up"),
        ("Copyright © 2012 AFP.", "byline-contact"),
        ("7.57 pm.", "stamp"),
        ("(Published Saturday, Sept. 29, 2018)", "stamp"),
        # Summary bullets with no sentence opener to find the lede by (249).
        (
            "Story highlights Russian defense minister says his troops have no intention of entering Ukraine U.S. "
            "sanctions target 20 Russian officials, Bank Rossiya, Treasury Department says Russia announces sanctions "
            "against nine U.S. officials and lawmakers Moscow's lower house approves treaty to annex Crimea Russia's "
            "lower house of parliament overwhelmingly approved a treaty Thursday to annex the Black Sea peninsula.",
            "promo",
        ),
        # Captions: a sketch (157), an agency's credit in square brackets (176), a credit alone (58), a caption
        # without a verb (236).
        (
            "A sketch released of an unidentified woman who was hit and killed by two cars in Huntington Beach on "
            "April 1, 1990.",
            "caption",
        ),
        (
            "There have been widespread reports that Libyan soldiers have used live ammunition on protesters [Reuters]",
            "caption",
        ),
        ("(Joe Ellis/The Clarion Ledger, via AP, File)", "caption"),
        ("Two of the life-size sex statues belonging to Prince Jefri Bolkiah.", "caption"),
        # A shop's membership page (199).
        (
            'Shop or log into your account to "Skip the Month" by the 5th of the month and you won\'t be charged.',
            "sign-up",
        ),
        (
            'If you don\'t shop or "Skip the Month" by the 5th, your credit card will be charged $49.95 on the 6th '
            "until you cancel.",
            "sign-up",
        ),
        # Follow and source lines (2, 33).
        ("Follow LiveScience @livescience, Facebook & Google+.", "sign-up"),
        ("Original article on LiveScience.", "byline-contact"),
        (
            "This story first appeared in the Aug. 23-Sept. 5 issue of The Hollywood Reporter magazine.",
            "byline-contact",
        ),
        # A web site's error page (175), a foundation's appeal (7), app promos (136, 54).
        ("Sorry, the page you requested could not be found.", "not-found"),
        ("If you are looking for an older news story, it may no longer be here.", "not-found"),
        ("If you need additional information about domain mapping, please visit our help center.", "not-found"),
        (
            "On behalf of our ALCF Board, I would like to thank all of you who donated for earthquake relief in the "
            "last year.",
            "sign-up",
        ),
        ("FREE STORM TRACKING APP DOWNLOADED BY SEARCHING WKMG IN YOUR APP STORE.", "sign-up"),
        ("Download the Us Weekly iPhone app now!", "sign-up"),
        # The page's video (75, 18), a link list's entry (57), captions: a photo without a verb (33), a name and its
        # credit (136), a web site in capitals (175).
        (
            "The video shown here explains Williams syndrome and can be shared to help others understand it.",
            "video-embed",
        ),
        ("Wedding costs soar to new highs (3:40)", "video-embed"),
        ("McRib 2.0: Meet McDonald's McRibster [BurgerBusiness.com] From ConsumerReports.org:", "promo"),
        (
            "A photo from the 1998 excavation, with the brachiosaur foot bones below a tail of a Camarasaurus.",
            "caption",
        ),
        ("Florida Lottery Timothy Poole Timothy Poole (Florida Lottery)", "caption"),
        ("DEVONJAMESXXX.COM", "caption"),
        # A wire story's end notes (34, 76, 204).
        ("Associated Press writer Jill Colvin in Washington contributed to this report.", "byline-contact"),
        ("Lucey reported from Washington.", "byline-contact"),
        ("Bassem Mroue can be reached on twitter at http://twitter.com/bmroue", "byline-contact"),
        ("For AP's complete coverage of the U.S. midterm elections: http://apne.ws/APPolitics", "promo"),
        # A film review's credits box (70, 46, 181).
        ("Produced by Rob Tapert, Sam Raimi, Bruce Campbell.", "credits"),
        ("Starring Matt Damon and Cecile De France.", "credits"),
        ("Running time: 118 minutes.", "credits"),
        # Pointers to the page (191, 205, 169, 177), a site's tip line (71), a teaser's title before its link (235).
        ("Read Hockley's letter to herself here.", "promo"),
        ("Watch the moment unfold below:", "promo"),
        ("You can read the full interview here.", "promo"),
        ("See PDF with full results, charts and tables here.", "promo"),
        ("You can share ideas for stories on the Open Wire.", "promo"),
        ("'Quite backwards': Chinese tourists gawk at impoverished North Koreans Read more", "promo"),
        # Captions: a file photo (125), a photo and what it shows (163), a figure's lines (243), a dated caption
        # with its place (230), a source's name in brackets (128, 196).
        ("A patient is prepared for an MRI in a file photo.", "caption"),
        (
            "Image taken by Paul Allen showing what Allen’s team believes is a valve wheel on the ship.",
            "caption",
        ),
        (
            "The top of the subducting plate and the crust-mantle boundary of the overriding plate are plotted as "
            "white lines.",
            "caption",
        ),
        (
            "Senator Wendy Davis listens as the Texas Senate debate an abortion bill before the final vote, on July "
            "12, 2013, in Austin.",
            "caption",
        ),
        ("(Courtesy of the State Department)", "caption"),
        ("(Jeff King Husky Homestead)", "caption"),
        # A site's tag line (22, 232), a form's terms (171), a video's warning (35), a column's disclosure (61).
        ("Read more about: Mitt Romney", "promo"),
        (
            "More information Visit Harvard Medical School's Healthy Sleep website for more about sleep, learning and "
            "memory.",
            "promo",
        ),
        ("'Zero visibility'", "headline"),
        ("Note: By submitting this form, you agree to Third Door Media's terms .", "sign-up"),
        ("Warning: The following video contains graphic footage.", "video-embed"),
        (
            "Disclosure: The author has no positions in any stocks mentioned, and no plans to initiate any positions "
            "within the next 72 hours.",
            "byline-contact",
        ),
        # What the page shows elsewhere (197), a video's link after its title (213).
        ("The 2017 guidelines are also provided below for reference.", "promo"),
        ("Popeye meets Wilco in hand-drawn cartoon music video [Video Link]", "promo"),
        # A web crawl's seed list, as a whole article (148).
        (
            "The seed for Wide00014 was: - Slash pages from every domain on the web: -- a ranking of all URLs that "
            "have more than one incoming inter-domain link",
            "web-archive",
        ),
    ],
)
def test_furniture_rules_on_real_furniture(text: str, rule: str) -> None:
    assert furniture_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        # News sentences that share words or shapes with the rules above.
        "Some of the women were willing, others were lured with the offer of paid work as cooks or cleaners and many "
        "were forced, a UN report said.",
        "Here's Zuckerberg's full statement on the deal: I'm excited to announce that we've agreed to acquire "
        "Oculus VR.",
        "A woman struck and killed by two vehicles 27 years ago in Huntington Beach has been identified, officials "
        "announced Thursday morning.",
        "Actor Bruce Campbell (who’s onboard here as a producer) more or less established himself as a cult figure.",
        "Jed Huie was the driver you see leaping from the blaze.",
        "Israel, for its part, said it does not want to become involved in any military confrontation between Syria "
        "and Turkey.",
        "``Let's go do this,'' said commander Robert Cabana.",
        "Produced by Rob Tapert, the remake cost $17 million.",
        "A photo of the suspect was released Tuesday.",
        "A photo released by school officials showed the boy in a hospital bed with a stuffed rabbit on his lap.",
        "Reporters in Kabul reported from the scene that the blast destroyed the building and killed 12 people.",
        "The Free Syrian Army and the Syrian Liberation Army are based in this town.",
        # Shapes of the rules above in news sentences: "here", "below", a photo, a date and a place, brackets.
        "Police said they found the body here on Tuesday.",
        "Read the full statement, which the company released on Monday, for details of the recall.",
        "A photo released by the family shows the boy smiling in a hospital bed.",
        "President Obama speaks about the budget on July 12, 2013, in Washington, the White House said.",
        "The senator was shown in red on the map, a spokesman said.",
        "(The vote was 52-48.)",
        "Readers can read more about the senator's record on the committee's site.",
        "The following year, the company's video division was sold.",
        "Visitors to the site can learn more about the park's history.",
    ],
)
def test_news_sentences_are_not_furniture(text: str) -> None:
    assert furniture_rule(text) is None


def _split(*texts: str) -> tuple[list[Article], list]:
    articles = [Article(f"a{k}", text) for k, text in enumerate(texts)]
    splitter = default_splitter()
    return articles, [s for d, a in enumerate(articles) for s in splitter.split(a, d)]


def test_the_caption_before_a_photo_credit_is_furniture_and_the_story_goes_on() -> None:
    # Story 112: the lead photo's caption and its credit open the article.
    text = (
        "House Minority Leader Nancy Pelosi speaks during a news conference at the U.S. Capitol last week. "
        "(Photo by Win McNamee/Getty Images) First, Pelosi said of the deal: “We all may not be able to support it, "
        "or none us may be able to support it.”"
    )
    _, sentences = _split(text)
    labels = furniture_labels(sentences)
    assert [sentences[i].text for i in sorted(labels)] == [
        "House Minority Leader Nancy Pelosi speaks during a news conference at the U.S. Capitol last week.",
        "(Photo by Win McNamee/Getty Images)",
    ]
    kept = [s for i, s in enumerate(sentences) if i not in labels]
    assert kept[0].text.startswith("First, Pelosi said of the deal")
    assert text[kept[0].start : kept[0].end] == kept[0].text


def test_a_caption_without_a_verb_before_a_named_credit_is_furniture() -> None:
    # Story 128: a photo's caption, a noun phrase, and its credit in brackets, inside the text.
    text = (
        "The investigation in Ghana stemmed from a larger State Department initiative. The real U.S. Embassy in "
        "Ghana. (Courtesy of the State Department) The State Department released information about the "
        "investigation Nov. 2."
    )
    _, sentences = _split(text)
    labels = furniture_labels(sentences)
    assert [sentences[i].text for i in sorted(labels)] == [
        "The real U.S. Embassy in Ghana.",
        "(Courtesy of the State Department)",
    ]
    # Story 222: the sentence before a credit that has a verb is the article's own.
    _, sentences = _split(
        'Yu and Soni obfuscated their premise by calling it a "secret sauce." (Sprayable Energy) Yu and Soni say '
        "their dose should deliver as much caffeine as a cup of coffee."
    )
    assert sorted(furniture_labels(sentences)) == [1]


def test_the_verbless_test_knows_headline_verbs() -> None:
    from newsfuse.clean.furniture import _is_verbless

    assert _is_verbless("The real U.S. Embassy in Ghana.")
    # A verb in the third person before a capitalised word, a verb in the imperative, an object pronoun.
    assert not _is_verbless("Trump resumes Twitter attacks.")
    assert not _is_verbless("Try to follow along.")
    assert not _is_verbless("Live long and prank them.")


def test_an_authors_note_is_furniture_at_the_end_of_an_article_only() -> None:
    # Story 247: the article ends with a note on its authors.
    note = "Katherine Spillar is executive editor of Ms. magazine."
    _, sentences = _split(f"{note} She met the director on Monday. The film opens on Friday. Tickets sold out.")
    assert 0 not in furniture_labels(sentences)
    _, sentences = _split(f"The film opens on Friday. Tickets sold out. {note}")
    assert furniture_labels(sentences) == {2: "furniture"}


def test_a_sentence_before_a_long_credit_and_text_is_kept() -> None:
    # Story 125: a long credit glued to the next sentence is no sign that the sentence before is a caption.
    text = (
        "It happened last June when doctors in London, Ont., used a functional magnetic resonance imaging machine "
        "(fMRI) to analyze brain activity patterns in Scott Routley. Photograph by: Miguel Alvarez , AFP/Getty Images "
        "TORONTO - For the first time, a man in a vegetative state has told doctors he is not in pain."
    )
    _, sentences = _split(text)
    assert 0 not in furniture_labels(sentences)


def test_news_sentences_with_dates_and_photos_are_no_captions() -> None:
    # Real sentences of val-full250 (75, 157, 121) and DUC 2004 dev: a past tense is no caption's present.
    for text in (
        "A photo released by school officials showed the boy in a hospital bed with a blue and white stuffed rabbit.",
        "Authorities said Andrea Kuiper was struck by two vehicles as she was crossing Pacific Coast Highway on "
        "April 1, 1990.",
        "Dunn killed 17-year-old Jordan Davis in the parking lot of a Jacksonville gas station on the evening of "
        "Nov. 23, 2012.",
    ):
        assert furniture_rule(text) is None, text


def test_a_caption_without_a_verb_is_furniture_at_the_start_or_after_a_caption() -> None:
    # Story 217: an article opens with its photo's caption; story 33: a figure's caption runs on; mid-article,
    # a short line without a verb is left alone.
    _, sentences = _split(
        "The cabin of a Qatar Airways plane. American Airlines on Thursday said it received an unsolicited notice.",
        "It was found at the Bobcat Pit site. Figure 1: Location (A) and quarry maps (B, C) of Bobcat Pit in Weston "
        "County, Wyoming. Camarasaurus skeletons KUVP 129713 and 129716. The bones were found in 1998.",
        "The fans waited for hours. A true legend. They sang until dawn.",
    )
    labels = furniture_labels(sentences)
    assert [s.text for i, s in enumerate(sentences) if i in labels] == [
        "The cabin of a Qatar Airways plane.",
        "Figure 1: Location (A) and quarry maps (B, C) of Bobcat Pit in Weston County, Wyoming.",
        "Camarasaurus skeletons KUVP 129713 and 129716.",
    ]


def test_a_caption_block_between_a_photo_label_and_its_credit_is_furniture() -> None:
    # Story 241: "Buy Photo", a caption of two sentences, its credit, and the lede after a dateline.
    text = (
        "Buy Photo Genesee County health official Jim Henry was among those calling for the Flint system to be tested "
        "as a Legionella source. He said the county lacked the expertise to do so. (Photo: Karen Bouffard / The "
        "Detroit News)Buy Photo Flint — Sixteen months after it was identified as a likely source of a deadly "
        "Legionnaires’ outbreak, Flint’s water supply still hasn’t been tested for the Legionella bacteria."
    )
    _, sentences = _split(text)
    labels = furniture_labels(sentences)
    kept = [s.text for i, s in enumerate(sentences) if i not in labels]
    assert kept == [
        "Flint — Sixteen months after it was identified as a likely source of a deadly Legionnaires’ outbreak, "
        "Flint’s water supply still hasn’t been tested for the Legionella bacteria."
    ]


def test_captions_that_place_or_date_their_photo_are_cut_and_labelled() -> None:
    # Story 133: a caption that places its people, glued to the sentence after it; story 167: a wire photo's date.
    text = (
        "Kercher's sister, Stephanie Kercher (L) and brother Lyle Kercher speak during a press conference in Florence, "
        "2014 As well as posting an image online, Knox denied that her former boyfriend was abandoning her. In this "
        "June 21, 2018, photo, Speaker of the House Paul Ryan, R-Wis., arrives for a news conference at the Capitol."
    )
    _, sentences = _split(text)
    labels = furniture_labels(sentences)
    assert [s.text for i, s in enumerate(sentences) if i not in labels] == [
        "As well as posting an image online, Knox denied that her former boyfriend was abandoning her."
    ]


def test_a_caption_after_a_web_sites_credit_where_the_article_opens() -> None:
    # Story 175: the headline, the photo's credit (a web site in capitals), then the photo's caption.
    _, sentences = _split(
        "Tiger Woods sex scandal update: Porn star Devon James makes 15 mistresses as Elin continues to fume "
        "DEVONJAMESXXX.COM 'I want you to be my whore' was one text message Florida-based porn star Devon James says "
        "Tiger Woods sent her. Now Tiger Woods is triple-X. A third porn star spewed tawdry tales on Tuesday."
    )
    labels = furniture_labels(sentences)
    assert [s.text for i, s in enumerate(sentences) if i not in labels] == [
        "Now Tiger Woods is triple-X.",
        "A third porn star spewed tawdry tales on Tuesday.",
    ]
    # After a sentence of the article, the same credit leaves the sentence after it alone.
    _, sentences = _split(
        "Woods met her in 2006. SALON.COM She says Tiger Woods sent her a text message. Now Tiger Woods is triple-X."
    )
    labels = furniture_labels(sentences)
    assert "She says Tiger Woods sent her a text message." in [
        s.text for i, s in enumerate(sentences) if i not in labels
    ]


def test_a_headline_with_a_stop_before_a_lede_on_the_same_subject() -> None:
    # Story 65: the headline ends in a stop and the lede names its subject again.
    _, sentences = _split(
        "Northwestern football players win pivotal union case. Northwestern University football players on "
        "scholarship are employees of the school and therefore entitled to hold an election to decide whether to "
        "unionize, an official of the National Labor Relations Board ruled Wednesday."
    )
    assert furniture_labels(sentences) == {0: "headline"}
    _, sentences = _split("Apple sold more phones. Apple said on Monday that sales of its phones rose by a tenth.")
    assert furniture_labels(sentences) == {}


def test_pages_that_are_not_articles_are_dropped_with_a_warning() -> None:
    news = "Betty White has been made another offer to bring everyone's favorite Golden Girl back to primetime."
    comment = (  # story 203: a reader's comment given as an input
        "I adore Betty White. She just keeps getting better and better. I am sure that she would be willing to Host "
        "the Academy Awards, I mean even if she got pregnant, she would still do it. She's just that kinda' gal!"
    )
    shop = (  # story 199: a shop's membership page
        'Shop or "Skip" The choice to shop is always yours! Shop or log into your account to "Skip the Month" by the '
        "5th of the month and you won't be charged. VIP Member Credits If you don't shop or \"Skip the Month\" by the "
        "5th, your credit card will be charged $49.95 on the 6th until you cancel. That charge can be used as a "
        "credit to spend or save."
    )
    articles, sentences = _split(news, comment, shop)
    labels = furniture_labels(sentences)
    assert drop_furniture_pages(articles, sentences, labels) == [
        "dropped input 2 (a1): a comment page, not an article",
        "dropped input 3 (a2): a sign-up page, not an article",
    ]
    assert all(labels.get(i) == "furniture" for i, s in enumerate(sentences) if s.doc > 0)
    assert not any(i in labels for i, s in enumerate(sentences) if s.doc == 0)


def test_a_first_person_story_with_quotes_is_no_comment() -> None:
    story = (
        'I met the mayor on Tuesday. "We will rebuild," she said. I asked her when the bridge would reopen. '
        "She said it would take a year."
    )
    articles, sentences = _split(story)
    assert drop_furniture_pages(articles, sentences, furniture_labels(sentences)) == []


def test_a_crawl_notice_with_prose_is_dropped(data_dir) -> None:
    # Story 133: the fourth input is a web archive's notice about a crawl, with some prose of its own.
    line = next(islice(iter_lines(data_dir / "val-full250.src"), 133, None))
    story = Pipeline(embedder=TfidfEmbedder()).analyse(parse_multinews_line(line))
    assert "dropped input 4 (003): a web-archive page, not an article" in story.warnings


def test_a_page_of_teasers_is_dropped(data_dir) -> None:
    # Story 89: the second input is a list of other stories' teasers, each cut off by the page ("... new ...").
    line = next(islice(iter_lines(data_dir / "val-full250.src"), 89, None))
    story = Pipeline(embedder=TfidfEmbedder()).analyse(parse_multinews_line(line))
    assert "dropped input 2 (001): a teaser-list page, not an article" in story.warnings
    assert not any(story.sentences[i].doc == 1 for i in story.rows)
    assert any(story.sentences[i].doc == 0 for i in story.rows)


@pytest.mark.parametrize(
    ("k", "furniture"),
    [
        # The three kinds found by hand in the summaries last time (seed 11): a headline glued to the first sentence
        # that holds quotes, a headline with a semicolon, a line that sends the reader on.
        (23, "Holocaust Eichmann claimed"),
        (48, "Deal just a quickie"),
        (10, "Read on for"),
        # And those found this time: summary bullets, a share button, a photo credit, a caption, a section label.
        (218, "Story highlights"),
        (203, "Email This"),
        (249, "(Associated Press)"),
        (157, "A sketch released"),
        (207, "commentary Once"),
        # And after this round (seeds 13 to 16): a verbless caption, a glued headline, a transcript notice, a
        # correction, a news box, a photo toggle.
        (33, "Camarasaurus skeletons"),
        (92, "far-right movement Antifascist"),
        (91, "authoritative record"),
        (100, "This story was edited"),
        (240, "What to Know"),
        (85, "toggle caption"),
        # And after the fourth round (seeds 17 to 22): a paper's heading, a page pointer, a teaser link, a crawl
        # seed list, a file photo's caption, a live blog's time, a font widget.
        (6, "Abstract Hunger"),
        (191, "letter to herself here"),
        (98, "Read more"),
        (148, "The seed for"),
        (125, "in a file photo"),
        (35, "1:26 p.m."),
        (160, "Text Size"),
    ],
)
def test_summaries_hold_no_furniture(data_dir, k: int, furniture: str) -> None:
    line = next(islice(iter_lines(data_dir / "val-full250.src"), k, None))
    articles = parse_multinews_line(line)
    summary = Pipeline().summarize(articles, 250)
    assert summary.sentences
    for sentence in summary.sentences:
        assert furniture not in sentence.text
        c = sentence.citations[0]
        source = next(a for a in articles if a.id == c.source)
        assert source.text[c.start : c.end] == sentence.text
