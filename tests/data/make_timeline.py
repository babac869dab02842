# ruff: noqa: E501  (a data table: one case per line)
"""Builds tests/data/timeline.jsonl (run from the repo root: python3 tests/data/make_timeline.py).

Each case is one date expression inside a news sentence, the publication date of its article and the
date a careful reader resolves it to: ``YYYY-MM-DD`` (a day), ``YYYY-Www`` (an ISO week),
``YYYY-MM`` (a month) or ``YYYY`` (a year),
or null where it must not be resolved (no article date, or an article dated in the future).  Sentences are taken from the Multi-News
val-full250 articles and the shipped example where they carry such expressions (origin says which),
the rest are handwritten; the publication dates are chosen by hand (Multi-News has none), including
dates on every weekday, around month and year ends, and one in the future.  Within the list, cases
alternate dev/test.  Conventions (those of news writing): a bare weekday is the most recent such day
(today included) unless the verb looks ahead ("will", "is scheduled", "next"), then the next one; a
month and day without a year is the one nearest the article date.
"""

from __future__ import annotations

import json
from pathlib import Path

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


def build() -> list[dict]:
    return [
        {
            "id": f"t{n:03d}",
            "text": text,
            "expression": expr,
            "published": pub,
            "expected": exp,
            "split": "dev" if n % 2 == 0 else "test",
            "origin": origin,
        }
        for n, (text, expr, pub, exp, origin) in enumerate(CASES)
    ]


if __name__ == "__main__":
    out = Path(__file__).with_name("timeline.jsonl")
    rows = build()
    for r in rows:
        assert r["expression"] in r["text"], r
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} cases -> {out}")
