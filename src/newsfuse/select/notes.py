"""Reporting notes: sentences about the reporting, not the news ("X declined to comment").

A reader of a short summary gains nothing from "CNN did not immediately return a call for comment" or
"Bahraini judicial officials were not immediately available for comment": they say what the reporter
could not learn.  Selection never states them.  Only short sentences whose whole point is the note
count: "Smith, who declined to comment, was charged on Monday" states news and stays a candidate.
"""

from __future__ import annotations

import re

# What a reporter could not get: a comment, an answer, a returned call.
_NOTE = re.compile(
    r"\b(?:declined|refused|would not|wouldn't|did not want) (?:to |further )?comment"
    r"|\bnot (?:immediately )?(?:be )?(?:available|reached) (?:for|to) comment"
    r"|\bcould not (?:immediately )?be reached(?: for (?:a )?comment)?(?= *[.;,]| on \w+day| \w+day)"
    r"|\b(?:did not|didn't|has not|hasn't|have not|haven't) (?:yet )?(?:immediately )?"
    r"(?:return(?:ed)?|respond(?:ed)? to)"
    r" (?:a |an |our |the |multiple |several |repeated )?(?:phone )?(?:call|calls|message|messages|e-?mail|e-?mails"
    r"|request|requests|inquiry|inquiries)"
    r"|\b(?:call|calls|message|messages|e-?mail|e-?mails|request|requests|inquiry|inquiries) (?:[\w'’]+,? ){0,6}"
    r"(?:was|were) not (?:immediately )?returned"
    r"|\bsaid [\"“]no comment",
    re.IGNORECASE,
)
# A sentence that also reports what someone said ("police said evidence suggested…, but would not comment
# further") states news besides the note.
_SAID = re.compile(r"\b(?:said|say|says|saying|told)\b", re.IGNORECASE)
# Longer than this, a sentence says more than the note; nor may more than a few words follow it.
_MAX_WORDS = 25
_MAX_AFTER = 8


def reporting_note(text: str) -> bool:
    """Whether ``text`` is a short note on what the reporting could not get (a comment, a reply).

    >>> reporting_note("CNN did not immediately return a call for comment.")
    True
    >>> reporting_note("Gorsuch, through a spokeswoman, declined to comment.")
    True
    >>> reporting_note("A call to Poole's workplace, Triangle Cabs, was not returned.")
    True
    >>> reporting_note("Demoski told KTUU that he did not return to harass Zirkle.")
    False
    >>> reporting_note("Calls for his release on humanitarian grounds have gone unanswered.")
    False
    """
    if len(text.split()) > _MAX_WORDS:
        return False
    m = _NOTE.search(text)
    if m is None or len(text[m.end() :].split()) > _MAX_AFTER:
        return False
    return _SAID.search(text[: m.start()] + " " + text[m.end() :]) is None
