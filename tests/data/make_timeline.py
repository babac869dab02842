# ruff: noqa: E501  (a data table: one case per line)
"""Builds tests/data/timeline.jsonl (run from the repo root: python3 tests/data/make_timeline.py).

Each case is one date expression inside a news sentence, the publication date of its article and the
date a careful reader resolves it to: ``YYYY-MM-DD`` (a day), ``YYYY-Www`` (an ISO week),
``YYYY-MM`` (a month) or ``YYYY`` (a year),
or null where it must not be resolved (no article date, or an article dated in the future).  Sentences are taken from the Multi-News
val-full250 articles and the shipped example where they carry such expressions (origin says which),
the rest are handwritten; the publication dates are chosen by hand (Multi-News has none), including
dates on every weekday, around month and year ends, and one in the future.  Round 1 (CASES) first
alternated dev/test (``first_split``); its test half was scored once and one bug it showed was fixed
(a "the 12 September 2001" day-month pattern matched before the day-month-year one), so round 1 is
all dev now.  ROUND2 then served as the test split: scored once (25/30 = 0.833), its errors read and
four general bugs fixed (capitalised count words, years before 1900, "until Dec. 12" read as a month,
present-tense scheduling verbs), so it is dev too.  ROUND3 likewise: scored once (24/30 = 0.800),
errors fixed (sentence-initial "Last month", "Yesterday", "Next year"; "end of June"; holidays such as
"New Year's Eve"; "takes place"), dev now.  ROUND4 is the test split; the resolver was not changed
after it was scored.

Conventions (those of news writing): a bare weekday is the most recent such day
(today included) unless the verb looks ahead ("will", "is scheduled", "next"), then the next one; a
month and day without a year is the one nearest the article date.
"""

from __future__ import annotations

import json
from pathlib import Path

# fmt: off
# (sentence, expression, published, expected, origin)
CASES: list[tuple[str, str, str, str | None, str]] = [
    ("Mr Kim arrived in Beijing on Tuesday for a fourth visit.", "on Tuesday", "2019-01-09", "2019-01-08", "example"),
    (
        "A special train believed to be carrying Kim Jong Un departed Beijing Wednesday after a two-day visit.",
        "Wednesday",
        "2019-01-09",
        "2019-01-09",
        "example",
    ),
    (
        "The North Korean leader confirmed he remains committed to the consensus reached during the Singapore summit with Donald Trump previous year.",
        "previous year",
        "2019-01-10",
        "2018",
        "example",
    ),
    (
        "Kim and President Trump signed a vague agreement during their historic summit in Singapore last June.",
        "last June",
        "2019-01-09",
        "2018-06",
        "example",
    ),
    (
        "Kim's special train headed towards the border, where it will enter North Korea early Thursday morning.",
        "Thursday morning",
        "2019-01-09",
        "2019-01-10",
        "example",
    ),
    (
        "The visit was Kim Jong Un's fourth to North Korea's primary diplomatic ally since last year.",
        "last year",
        "2019-01-09",
        "2018",
        "example",
    ),
    (
        "Chinese Foreign Ministry spokesman Lu Kang told a regular news briefing Tuesday in Beijing that the visit had no bearing on trade talks.",
        "Tuesday",
        "2019-01-10",
        "2019-01-08",
        "example",
    ),
    (
        "Prodigy, one-half of Mobb Deep, died Tuesday (June 20) at age 42.",
        "June 20",
        "2017-06-21",
        "2017-06-20",
        "multinews:val-full250#21",
    ),
    (
        "The study was published online Feb. 8 in the Journal of Clinical Investigation.",
        "Feb. 8",
        "2016-02-09",
        "2016-02-08",
        "multinews:val-full250#29",
    ),
    (
        "She is next scheduled to appear in court Oct. 18.",
        "Oct. 18",
        "2016-09-30",
        "2016-10-18",
        "multinews:val-full250#59",
    ),
    (
        "In July 2017, the band released their first new song in 15 years.",
        "July 2017",
        "2018-02-22",
        "2017-07",
        "multinews:val-full250#111",
    ),
    (
        "The group released the song in the summer of last year.",
        "last year",
        "2018-02-22",
        "2017",
        "multinews:val-full250#111",
    ),
    (
        "Arnold Demoski said when he woke up this morning he checked his snowmachine.",
        "this morning",
        "2016-03-12",
        "2016-03-12",
        "multinews:val-full250#196",
    ),
    (
        "Arnold Demoski, 26, of Nulato, was arrested Saturday on suspicion of assault.",
        "Saturday",
        "2016-03-13",
        "2016-03-12",
        "multinews:val-full250#196",
    ),
    (
        "Flight MH370 went missing on 8 March with 239 people on board.",
        "8 March",
        "2014-04-10",
        "2014-03-08",
        "multinews:val-full250#218",
    ),
    (
        "Trump fired Comey May 9 amid questions about the FBI's investigation.",
        "May 9",
        "2017-06-08",
        "2017-05-09",
        "multinews:val-full250#219",
    ),
    (
        "He pleaded not guilty to murder on June 22 and was due to return to court on July 6.",
        "July 6",
        "2016-06-30",
        "2016-07-06",
        "multinews:val-full250#161",
    ),
    (
        "The letter was signed and dated May 29, 1962.",
        "May 29, 1962",
        "2016-01-27",
        "1962-05-29",
        "multinews:val-full250#23",
    ),
    (
        "The foot was excavated in 1998 by an expedition team from the University of Kansas.",
        "in 1998",
        "2015-07-01",
        "1998",
        "multinews:val-full250#33",
    ),
    (
        "A PWJ staff member found Yumenosuke in November 2011, when the dog was only 4 months old.",
        "November 2011",
        "2014-08-28",
        "2011-11",
        "multinews:val-full250#245",
    ),
    ("Police said the two men were arrested yesterday.", "yesterday", "2020-03-01", "2020-02-29", "handwritten"),
    ("The minister will visit Paris tomorrow.", "tomorrow", "2020-12-31", "2021-01-01", "handwritten"),
    ("Talks resumed today in Geneva.", "today", "2021-07-15", "2021-07-15", "handwritten"),
    ("The vote is scheduled for next Tuesday.", "next Tuesday", "2019-01-10", "2019-01-15", "handwritten"),
    ("Leaders will meet on Friday to sign the accord.", "on Friday", "2019-01-09", "2019-01-11", "handwritten"),
    ("The company reported a loss last month.", "last month", "2019-01-09", "2018-12", "handwritten"),
    ("Prices rose sharply last week, traders said.", "last week", "2019-01-09", "2019-W01", "handwritten"),
    ("The ceasefire collapsed two days ago.", "two days ago", "2019-03-01", "2019-02-27", "handwritten"),
    (
        "The bridge was closed three weeks ago after cracks appeared.",
        "three weeks ago",
        "2019-03-01",
        "2019-02-08",
        "handwritten",
    ),
    ("The law came into force earlier this month.", "earlier this month", "2022-05-20", "2022-05", "handwritten"),
    ("The firm expects to return to profit next year.", "next year", "2022-05-20", "2023", "handwritten"),
    ("Parliament approved the budget on January 8.", "on January 8", "2019-01-09", "2019-01-08", "handwritten"),
    ("Parliament will debate the bill on January 8.", "on January 8", "2018-12-28", "2019-01-08", "handwritten"),
    ("The accident happened on Dec. 30, police said.", "Dec. 30", "2019-01-03", "2018-12-30", "handwritten"),
    (
        "The strike began on Monday and is expected to last a week.",
        "on Monday",
        "2019-01-07",
        "2019-01-07",
        "handwritten",
    ),
    ("The strike began on Sunday.", "on Sunday", "2019-01-07", "2019-01-06", "handwritten"),
    ("Voters go to the polls on Sunday.", "on Sunday", "2019-01-09", "2019-01-13", "handwritten"),
    ("The merger was announced in March.", "in March", "2019-05-02", "2019-03", "handwritten"),
    ("The trial opens in March.", "in March", "2018-12-10", "2019-03", "handwritten"),
    ("The treaty was signed on 12 September 2001.", "12 September 2001", "2021-09-12", "2001-09-12", "handwritten"),
    ("Sales in 2018 reached a record.", "in 2018", "2019-02-01", "2018", "handwritten"),
    ("Officials said the plant reopened on 2019-04-03.", "2019-04-03", "2019-04-05", "2019-04-03", "handwritten"),
    ("The group was founded a year ago.", "a year ago", "2019-04-05", "2018", "handwritten"),
    ("Rain is forecast for this weekend.", "this weekend", "2019-04-03", "2019-04-06", "handwritten"),
    ("The storm hit the coast on Wednesday night.", "on Wednesday night", "2019-04-05", "2019-04-03", "handwritten"),
    ("Protests spread on Saturday, the organisers said.", "on Saturday", "2019-04-05", "2019-03-30", "handwritten"),
    ("The results will be published on Monday.", "on Monday", "2019-04-05", "2019-04-08", "handwritten"),
    ("The museum reopened this week.", "this week", "2019-04-05", "2019-W14", "handwritten"),
    ("Exports fell 4% last year.", "last year", "2019-01-02", "2018", "handwritten"),
    ("The summit was held on Tuesday.", "on Tuesday", None, None, "handwritten (article without a date)"),
    (
        "The company said on Thursday it would cut jobs.",
        "on Thursday",
        "2031-06-12",
        None,
        "handwritten (article dated in the future: not resolved, flagged)",
    ),
    ("The two leaders first met in April 2018.", "April 2018", None, "2018-04", "handwritten (article without a date)"),
]
# Round 2 (the test split): written and labelled after round 1 had been scored (round 1's test half
# was scored once, one bug it showed was fixed, so all of round 1 is dev now); not run before labelling.
ROUND2: list[tuple[str, str, str | None, str | None, str]] = [
    ("The storm made landfall early Monday.", "Monday", "2023-08-30", "2023-08-28", "handwritten (round 2)"),
    ("Officials will announce the results on Friday.", "on Friday", "2023-08-30", "2023-09-01", "handwritten (round 2)"),
    ("The talks collapsed last Thursday.", "last Thursday", "2023-08-30", "2023-08-24", "handwritten (round 2)"),
    ("The law takes effect next month.", "next month", "2023-12-15", "2024-01", "handwritten (round 2)"),
    ("Shares fell 5% yesterday.", "yesterday", "2024-03-01", "2024-02-29", "handwritten (round 2)"),
    ("The festival begins tomorrow.", "tomorrow", "2023-02-28", "2023-03-01", "handwritten (round 2)"),
    ("The plant was shut down in April 2011.", "April 2011", "2019-06-01", "2011-04", "handwritten (round 2)"),
    ("The treaty was signed on 4 July 1997.", "4 July 1997", "2017-07-04", "1997-07-04", "handwritten (round 2)"),
    ("Voting ends on Nov. 3.", "Nov. 3", "2020-10-28", "2020-11-03", "handwritten (round 2)"),
    ("The company was founded in 1886.", "in 1886", "2020-10-28", "1886", "handwritten (round 2)"),
    ("Police said the attack took place on Saturday night.", "on Saturday night", "2022-01-10", "2022-01-08", "handwritten (round 2)"),
    ("The ministry said earlier this year that prices would fall.", "earlier this year", "2022-09-05", "2022", "handwritten (round 2)"),
    ("Sales have doubled since last year.", "last year", "2022-09-05", "2021", "handwritten (round 2)"),
    ("The hearing was adjourned until Dec. 12.", "Dec. 12", "2022-11-30", "2022-12-12", "handwritten (round 2)"),
    ("The flight landed at 6:45 a.m. on Sunday.", "on Sunday", "2022-05-16", "2022-05-15", "handwritten (round 2)"),
    ("Four weeks ago, the rebels took the city.", "Four weeks ago", "2022-05-16", "2022-04-18", "handwritten (round 2)"),
    ("The results are due next week.", "next week", "2022-05-16", "2022-W21", "handwritten (round 2)"),
    ("The CEO resigned in January.", "in January", "2022-05-16", "2022-01", "handwritten (round 2)"),
    ("The film opens in theaters in December.", "in December", "2022-05-16", "2022-12", "handwritten (round 2)"),
    ("Two years ago, the city banned cars from the centre.", "Two years ago", "2022-05-16", "2020", "handwritten (round 2)"),
    ("The bill passed the House on Wednesday.", "on Wednesday", "2021-12-17", "2021-12-15", "handwritten (round 2)"),
    ("The couple married last Saturday.", "last Saturday", "2021-12-19", "2021-12-18", "handwritten (round 2)"),
    ("The court will rule on Tuesday.", "on Tuesday", "2021-12-19", "2021-12-21", "handwritten (round 2)"),
    ("Unemployment fell last month.", "last month", "2021-01-08", "2020-12", "handwritten (round 2)"),
    ("Trading resumed this morning.", "this morning", "2021-01-08", "2021-01-08", "handwritten (round 2)"),
    ("The agency reported the figures on March 31, 2020.", "March 31, 2020", "2020-04-02", "2020-03-31", "handwritten (round 2)"),
    ("Protests continued on Sunday.", "on Sunday", None, None, "handwritten (round 2, article without a date)"),
    ("The deal was signed on Monday.", "on Monday", "Tue, 14 Mar 2023 09:00:00 GMT", "2023-03-13", "handwritten (round 2, RFC 2822 date)"),
    ("The vote is set for Thursday.", "Thursday", "2023-03-14T09:00:00Z", "2023-03-16", "handwritten (round 2, ISO timestamp)"),
    ("The first summit was held in 2015 in Paris.", "in 2015", "2023-03-14", "2015", "handwritten (round 2)"),
]
# Round 3 (the test split since round 2 was scored once and its errors fixed): written and labelled
# before the resolver was run on it.
ROUND3: list[tuple[str, str, str | None, str | None, str]] = [
    ("The parade takes place on Saturday.", "on Saturday", "2025-04-16", "2025-04-19", "handwritten (round 3)"),
    ("Rebels seized the airport on Sunday, officials said.", "on Sunday", "2025-04-16", "2025-04-13", "handwritten (round 3)"),
    ("The strike ended last Friday.", "last Friday", "2025-04-16", "2025-04-11", "handwritten (round 3)"),
    ("This past Sunday, voters rejected the plan.", "Sunday", "2025-04-16", "2025-04-13", "handwritten (round 3)"),
    ("The company will release its results on April 24.", "April 24", "2025-04-16", "2025-04-24", "handwritten (round 3)"),
    ("The agreement expires at the end of June.", "June", "2025-04-16", "2025-06", "handwritten (round 3)"),
    ("The minister resigned in mid-March.", "mid-March", "2025-04-16", "2025-03", "handwritten (round 3)"),
    ("Talks will resume next Monday.", "next Monday", "2025-04-16", "2025-04-21", "handwritten (round 3)"),
    ("The ruling came three days ago.", "three days ago", "2025-04-16", "2025-04-13", "handwritten (round 3)"),
    ("The school closed 10 years ago.", "10 years ago", "2025-04-16", "2015", "handwritten (round 3)"),
    ("The vote was held on 2 May.", "2 May", "2025-05-07", "2025-05-02", "handwritten (round 3)"),
    ("The new rules apply from January 1.", "January 1", "2024-12-20", "2025-01-01", "handwritten (round 3)"),
    ("Crowds gathered on New Year's Eve.", "New Year's Eve", "2025-01-02", "2024-12-31", "handwritten (round 3)"),
    ("The building collapsed late Tuesday.", "Tuesday", "2025-01-02", "2024-12-31", "handwritten (round 3)"),
    ("Inflation hit 9.1% in June 2022, a 40-year high.", "June 2022", "2023-01-10", "2022-06", "handwritten (round 3)"),
    ("He was born on 14 February 1961.", "14 February 1961", "2021-02-14", "1961-02-14", "handwritten (round 3)"),
    ("The suspect appeared in court today.", "today", "2023-07-07", "2023-07-07", "handwritten (round 3)"),
    ("The fire started last night.", "last night", "2023-07-07", "2023-07-06", "handwritten (round 3)"),
    ("Last month, the central bank raised rates.", "Last month", "2023-07-07", "2023-06", "handwritten (round 3)"),
    ("Next year, the plant will double its output.", "Next year", "2023-07-07", "2024", "handwritten (round 3)"),
    ("Yesterday, the senate approved the budget.", "Yesterday", "2023-07-07", "2023-07-06", "handwritten (round 3)"),
    ("On Monday, the president met his cabinet.", "Monday", "2023-07-07", "2023-07-03", "handwritten (round 3)"),
    ("The ban was lifted in October 2020.", "October 2020", "2023-07-07", "2020-10", "handwritten (round 3)"),
    ("The data covers the week ending Jan. 7.", "Jan. 7", "2023-01-12", "2023-01-07", "handwritten (round 3)"),
    ("The company was listed on Feb 3, 2021.", "Feb 3, 2021", "2023-01-12", "2021-02-03", "handwritten (round 3)"),
    ("The trial is scheduled for Oct. 2.", "Oct. 2", "2023-09-20", "2023-10-02", "handwritten (round 3)"),
    ("Protesters marched on Thursday.", "on Thursday", None, None, "handwritten (round 3, article without a date)"),
    ("The results came out on Wednesday.", "on Wednesday", "2099-05-06", None, "handwritten (round 3, dated in the future)"),
    ("Earlier this week, the army withdrew.", "Earlier this week", "2023-07-07", "2023-W27", "handwritten (round 3)"),
    ("The law was passed two weeks ago.", "two weeks ago", "2023-07-07", "2023-06-23", "handwritten (round 3)"),
]
# Round 4 (the test split since round 3 was scored once, 24/30, and its errors fixed): written and
# labelled before the resolver was run on it.
ROUND4: list[tuple[str, str, str | None, str | None, str]] = [
    ("Lawmakers approved the measure on Monday.", "on Monday", "2024-02-28", "2024-02-26", "handwritten (round 4)"),
    ("The board meets again on Friday.", "on Friday", "2024-02-28", "2024-03-01", "handwritten (round 4)"),
    ("Last Friday, the firm cut 200 jobs.", "Last Friday", "2024-02-28", "2024-02-23", "handwritten (round 4)"),
    ("The leap-day sale ends tomorrow.", "tomorrow", "2024-02-28", "2024-02-29", "handwritten (round 4)"),
    ("Six weeks ago, the river burst its banks.", "Six weeks ago", "2024-02-28", "2024-01-17", "handwritten (round 4)"),
    ("Turnout was higher than in 2019.", "in 2019", "2024-02-28", "2019", "handwritten (round 4)"),
    ("The storm is expected to reach the coast on Saturday.", "on Saturday", "2024-10-10", "2024-10-12", "handwritten (round 4)"),
    ("Residents were evacuated on Sunday.", "on Sunday", "2024-10-10", "2024-10-06", "handwritten (round 4)"),
    ("The governor declared an emergency Tuesday night.", "Tuesday night", "2024-10-10", "2024-10-08", "handwritten (round 4)"),
    ("Schools will reopen next Monday.", "next Monday", "2024-10-10", "2024-10-14", "handwritten (round 4)"),
    ("Power was restored five days ago.", "five days ago", "2024-10-10", "2024-10-05", "handwritten (round 4)"),
    ("The hurricane season ends on November 30.", "November 30", "2024-10-10", "2024-11-30", "handwritten (round 4)"),
    ("Damage from last year's flood is still visible.", "last year", "2024-10-10", "2023", "handwritten (round 4)"),
    ("The dam was completed in 1936.", "in 1936", "2024-10-10", "1936", "handwritten (round 4)"),
    ("The town was last flooded in September 2004.", "September 2004", "2024-10-10", "2004-09", "handwritten (round 4)"),
    ("Officials met on Oct. 3 to plan the response.", "Oct. 3", "2024-10-10", "2024-10-03", "handwritten (round 4)"),
    ("Shoppers crowded stores on Christmas Eve.", "Christmas Eve", "2025-12-29", "2025-12-24", "handwritten (round 4)"),
    ("Sales fell on Saturday, retailers said.", "on Saturday", "2025-12-29", "2025-12-27", "handwritten (round 4)"),
    ("The new tax takes effect on January 1.", "January 1", "2025-12-29", "2026-01-01", "handwritten (round 4)"),
    ("The company expects to hire 500 people this year.", "this year", "2025-12-29", "2025", "handwritten (round 4)"),
    ("Markets reopen on Friday.", "on Friday", "2025-12-29", "2026-01-02", "handwritten (round 4)"),
    ("Earlier this month, the firm recalled 10,000 cars.", "Earlier this month", "2025-12-29", "2025-12", "handwritten (round 4)"),
    ("The festival was held in late July.", "late July", "2025-12-29", "2025-07", "handwritten (round 4)"),
    ("The pact was signed on the 12th of March, 2015.", "12th of March, 2015", "2025-12-29", "2015-03-12", "handwritten (round 4)"),
    ("Talks are scheduled for the week of July 21.", "July 21", "2025-07-10", "2025-07-21", "handwritten (round 4)"),
    ("The attack happened on Monday.", "on Monday", None, None, "handwritten (round 4, article without a date)"),
    ("Police said the crash occurred at 2 a.m. Sunday.", "Sunday", "2025-07-21", "2025-07-20", "handwritten (round 4)"),
    ("The report was released this week.", "this week", "2025-07-21", "2025-W30", "handwritten (round 4)"),
    ("The suspect fled the country last month.", "last month", "2025-07-21", "2025-06", "handwritten (round 4)"),
    ("The treaty expires in 2031.", "in 2031", "2025-07-21", "2031", "handwritten (round 4)"),
]
# fmt: on


def build() -> list[dict]:
    rounds = [("t", CASES, "dev"), ("r2-", ROUND2, "dev"), ("r3-", ROUND3, "dev"), ("r4-", ROUND4, "test")]
    rows = []
    for prefix, cases, split in rounds:
        for n, (text, expr, pub, exp, origin) in enumerate(cases):
            first = ("dev" if n % 2 == 0 else "test") if prefix == "t" else "test"
            rows.append(
                {
                    "id": f"{prefix}{n:03d}",
                    "text": text,
                    "expression": expr,
                    "published": pub,
                    "expected": exp,
                    "split": split,
                    "first_split": first,
                    "origin": origin,
                }
            )
    return rows


if __name__ == "__main__":
    out = Path(__file__).with_name("timeline.jsonl")
    rows = build()
    for r in rows:
        assert r["expression"] in r["text"], r
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} cases -> {out}")
