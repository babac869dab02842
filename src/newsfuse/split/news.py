"""News rules on top of syntok's sentences: titles before names, datelines, glued stops, quotes, bullets.

syntok's rules are general; news text has habits they miss.  ``repair_spans``
takes the sentence spans of one line and

* joins a span to the next where syntok cut after a title before a name
  ("Rep. || Bennie Thompson", "Lt. || Col. Mike McCarthy"), a month before a
  day ("Nov. || 17-18"), "No." before a number, or a "Jr." before a lower-case
  continuation;
* joins a dateline to its sentence ("WASHINGTON (AP) || — The Senate's...");
* joins a quote that ends in ? or ! to its short attribution
  ("Where are they?” || Bundy said.");
* cuts where a scraper glued two sentences ("PEOPLE.Asked", 'out."Anne') and
  before each inline bullet, leaving the bullet mark out of the sentence.

All of it works on offsets only: every span still slices the article text.

>>> line = 'WASHINGTON (AP) — Rep. John Lewis met Lt. Gen. Flynn. Told PEOPLE.Asked why, he left.'
>>> from newsfuse.split.fast import line_sentences
>>> [line[a:b] for a, b in repair_spans(line, line_sentences(line))]
['WASHINGTON (AP) — Rep. John Lewis met Lt. Gen. Flynn.', 'Told PEOPLE.', 'Asked why, he left.']
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles written before a name; syntok ends a sentence after several of them.
TITLES = _words(
    "Rep Reps Sen Sens Gov Govs Lt Gen Gens Dr Drs St Ste Mr Mrs Ms Messrs Mmes Sgt Col Capt Cmdr Cdr Maj Adm "
    "Rev Revs Prof Cpl Pvt Pfc Atty Supt Det Insp Fr Hon Brig Amb Pres Lt.Col Lt.Gen Gov.-elect Spc Ens Msgr "
    "Sr Jr Mt Ft Ave Blvd Gov't"
)
# Month abbreviations that syntok ends a sentence after before a day ("Nov. || 17-18").
MONTHS = _words("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
# Words that open a sentence: after one of them a title's stop may well end the sentence ("Hun Sen. The").
STARTERS = _words(
    "A An The This That These Those It Its He She They We I You His Her Their Our My Your There Here "
    "But And Or So Yet Still Then Now Also However Meanwhile Instead If When While Although Though As After "
    "Before Since Because In On At For From By With Without Of To Under Over During Despite Not No Yes "
    "What Who Why How Where Which Some Many Most All Both Each Every Other Another One Two Three"
)
_SPEECH_VERBS = (
    "said|says|asked|asks|added|adds|told|tells|wrote|writes|tweeted|replied|recalled|explained|continued|"
    "shouted|yelled|exclaimed|wondered|joked|noted|insisted|declared|quipped|laughed|cried|screamed|whispered|"
    "responded|remarked|posted|offered|pleaded|demanded|mused|sighed|snapped|boasted|warned|chanted|sang"
)
_AFTER_VERB = (
    "on|in|at|to|during|last|this|after|before|while|when|as|with|from|of|about|loudly|quietly|then|again|"
    "later|earlier|recently|yesterday|today|tonight|once|simply|softly|angrily|her|him|them|me|us|reporters|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
# A short attribution after a quote: "Bundy said.", "Gorsuch asked in an extended digression...",
# "the spokesman said on CNN"; not a new statement ("He said liberals get a pass").
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou|[Tt]he \w+(?: \w+)?) "
    rf"(?:{_SPEECH_VERBS})(?:[.,;:!?…]|$| (?:{_AFTER_VERB})\b)"
)
_QUESTION_END = re.compile(r"[?!][\"”’']{1,2}$|[?!]''$")
# A dateline: a place in capitals, maybe a state and an agency ("SAN FRANCISCO, Calif. (AP)").
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][A-Za-z. ]{1,20})?(?: \([^()]{1,30}\))?")
_DASH = "—–-"
_JOINABLE_END = frozenset(".)\"”’'ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Two sentences a scraper glued: a word in capitals ("PEOPLE.Asked"), a closing quote after the stop
# ('out."Anne'). Abbreviations in capitals ("U.S.Army") have a stop or a letter before the last word.
# Found from the stop (a plain scan), the word before it checked by hand (see _glued_cuts).
_GLUED = re.compile(r"[.!?][\"”]?(?=[A-Z][a-z])")
_CAPS_WORD = re.compile(r"(?<![A-Za-z.])[A-Z]{3,}$")
_BULLETS = "•▪■●◦‣"
_BULLET = re.compile(rf"\s(?:[{_BULLETS}]|\*(?=\s+[A-Z]))\s+(?=\S)")
_LEADING_BULLET = re.compile(rf"(?:[{_BULLETS}*]+\s+)+(?=\S)")


def repair_spans(line: str, spans: list[tuple[int, int]], offset: int = 0) -> list[tuple[int, int]]:
    """The sentence spans of one ``line`` (found at ``offset`` in its text), joined and cut by the news rules.

    >>> line = 'He met Sen. Ted Cruz. Where are they?” Bundy said. • One bullet • Two'
    >>> [line[a:b] for a, b in repair_spans(line, [(0, 11), (12, 21), (22, 38), (39, 51), (52, 69)])]
    ['He met Sen. Ted Cruz.', 'Where are they?” Bundy said.', 'One bullet', 'Two']
    """
    if not spans:
        return spans
    if len(spans) > 1:
        spans = _joined(line, spans, offset)
    return _cut(line, spans, offset)


def _joined(line: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    out = [spans[0]]
    for start, end in spans[1:]:
        a, b = out[-1]
        # Only a span that ends in a stop, a bracket, a quote or a capital can belong to the next.
        if (
            b > a
            and start < end
            and line[b - offset - 1] in _JOINABLE_END
            and _belong_together(line[a - offset : b - offset], line[start - offset : end - offset])
        ):
            out[-1] = (a, end)
            continue
        out.append((start, end))
    return out


def _belong_together(prev: str, nxt: str) -> bool:
    """Whether syntok's cut between ``prev`` and ``nxt`` (adjacent on one line) is a false one."""
    if not prev or not nxt:
        return False
    last = prev[-1]
    if last == ".":
        word = prev[prev.rfind(" ") + 1 : -1].lstrip("(\"'“‘")
        if word in TITLES or word.split("-")[-1] in TITLES:
            first = nxt.split(" ", 1)[0]
            if word in ("Jr", "Sr"):
                return not first[:1].isupper() and not first[:1].isdigit()
            return first[:1].isupper() and first.rstrip(",.;:") not in STARTERS
        if word in MONTHS or word in ("No", "Nos"):
            return nxt[:1].isdigit()
        return False
    if last == ")" or prev.isupper():
        return nxt[0] in _DASH and len(prev.split()) <= 8 and _DATELINE.fullmatch(prev) is not None
    if last in "\"”’'" and _QUESTION_END.search(prev):
        return _ATTRIBUTION.match(nxt) is not None
    return False


def _cut(line: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    glued = _glued_cuts(line)
    bullets = [m.start() + 1 for m in _BULLET.finditer(line)] if _has_bullet(line) else []
    if not glued and not bullets and not _has_bullet(line):
        return spans
    if glued and '"' in line:
        glued = [_quote_side(line, c) for c in glued]
    cuts = sorted(glued + bullets)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        inside = [offset + c for c in cuts if start < offset + c < end]
        for a, b in zip([start, *inside], [*inside, end], strict=True):
            piece = line[a - offset : b - offset]
            lead = _LEADING_BULLET.match(piece.strip())
            stripped = piece.strip()[lead.end() if lead else 0 :].rstrip()
            if stripped:
                a += piece.index(stripped)
                out.append((a, a + len(stripped)))
    return out


def _glued_cuts(line: str) -> list[int]:
    """Ends of glued stops: after a word in capitals ("PEOPLE.Asked") or a closing quote ('die."It').

    >>> _glued_cuts('Told PEOPLE.Asked why. U.S.Army. let me die."It started. AP.The end. Korea.Kim')
    [12, 45]
    """
    out = []
    for m in _GLUED.finditer(line):
        at = m.start()
        if m.end() - at == 2:  # a quote after the stop
            if at >= 2 and line[at - 1].islower() and line[at - 2].islower():
                out.append(m.end())
        elif at >= 3 and line[at - 1].isupper() and _CAPS_WORD.search(line, max(0, at - 40), at):
            out.append(m.end())
    return out


def _has_bullet(line: str) -> bool:
    return "* " in line or any(c in line for c in _BULLETS)


def _quote_side(text: str, cut: int) -> int:
    """A cut after '."' moves before the mark when the mark opens a quote (an even count before it in the line)."""
    if text[cut - 1] == '"' and text.count('"', 0, cut - 1) % 2 == 0:
        return cut - 1
    return cut
