"""Near-duplicate articles and canonical URLs."""

from __future__ import annotations

import textwrap

from newsfuse.dedup import NearDuplicateIndex, Signature, canonical_url

PARAS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers "
    "found corrosion in two of the main supports during an inspection in September.",
    "Mayor Ana Ruiz said buses, bicycles and pedestrians would still be able to cross, and that a replacement "
    "would cost about 140 million euros, to be shared with the regional government.",
    "Shop owners on the north bank warned that the closure would cut their trade, while cycling groups welcomed "
    "the decision and asked for a protected lane on the bridge during the works.",
    "Construction of the new bridge is due to start in 2028 and to last three years, the council said in a "
    "statement that also promised a ferry service during the busiest months.",
]
ORIGINAL = "\n\n".join(PARAS)
OTHER_SAME_STORY = (
    "Cars will be banned from the harbour bridge next year. Councillors cited rusting supports found by "
    "inspectors. Cyclists cheered the vote; traders on the north bank fear fewer customers. A ferry will run "
    "in summer while a new crossing, costing some 140 million euros, is built from 2028, officials said."
)


def test_edited_copies_are_found():
    index = NearDuplicateIndex()
    assert index.add("orig", ORIGINAL) is None
    rewrapped = "\n".join(textwrap.fill(p, 60) for p in PARAS)
    dropped = "\n\n".join(PARAS[:2] + PARAS[3:])
    byline = "By Jane Doe, Associated Press\n\n" + ORIGINAL
    shouting = ORIGINAL.upper()
    for copy in (rewrapped, dropped, byline, shouting):
        assert index.query(index.signature(copy)) == "orig"


def test_different_articles_are_kept():
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    assert index.add("other", OTHER_SAME_STORY) is None  # same event, other words: not a copy
    assert index.add("short", "Bridge closed.") is None
    assert index.add("empty", "") is None
    assert len(index) == 3  # the empty text is not indexed


def test_signature_round_trip_and_order():
    index = NearDuplicateIndex()
    sig = index.signature(ORIGINAL)
    back = Signature.from_bytes(sig.to_bytes())
    assert back.size == sig.size and back.jaccard(sig) == 1.0
    index.insert("first", back)
    index.insert("second", index.signature(ORIGINAL + " Updated at 5 pm."))
    assert index.query(sig) == "first"  # the earliest copy wins


def test_canonical_urls():
    assert (
        canonical_url("https://EXAMPLE.org/a/b?utm_source=tw&utm_medium=x&id=3#top") == "https://example.org/a/b?id=3"
    )
    assert canonical_url("https://example.org/a?b=2&a=1&fbclid=z") == "https://example.org/a?a=1&b=2"
    assert canonical_url("http://example.org:80/x?gclid=1") == "http://example.org/x"
    assert canonical_url("https://example.org:8443/x") == "https://example.org:8443/x"
    assert canonical_url("https://example.org") == "https://example.org/"
