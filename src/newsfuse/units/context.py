"""Context units: a sentence that leans on its neighbours is stated with them, or not at all.

News sentences often need the one before them: "He said…", "But that…", "The move…", a quote that
opened earlier, the answer to a question.  Quoted alone, they leave the reader guessing.  A *unit*
is the contiguous run of sentences of one article that a sentence needs: itself, the sentences
before it that its opening refers back to, and the ones after it that close its quote or answer
its question.  The summary states whole units (verbatim source text from the first sentence's
start to the last one's end), so citations stay exact.

The signals are plain surface cues, cheap enough to read for every candidate:

- **back-references at the start**: personal and demonstrative pronouns ("He", "Their", "This",
  "Those"), connectives ("But", "However", "Also"), "the + noun" back-references ("The move",
  "The two men"), and a lower-case first word;
- **relative time**: "Two days later, …", "The next day, …" (later than what?);
- **fragments**: a short clause with no subject that opens with a past participle ("Charged with
  eight counts of…": a list line whose name is the line before), or a short subordinate clause with
  no main clause ("At least when it comes to housing.", "Which is strange.");
- **quotes**: a sentence that starts inside a quote opened before it, a whole quote with no
  speaker named, and one that opens a quote it does not close (the rest of the quote follows);
- **questions**: a question is answered by the sentence after it, so each needs the other;
- **attribution without a name**: "…, he said", "the spokesman added".

People named by surname alone whom the article introduced earlier are the business of
:mod:`newsfuse.units.names`: their introduction may come from another article, so it is not a unit.

>>> needs_previous("But the plan was dropped.")
'connective'
>>> needs_previous("Kim Jong Un left Beijing on Wednesday.") is None
True
>>> needs_previous('"We will win," he said.')
'unnamed speaker'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..clean import words_of
from ..compare.timeline import MONTH_NAMES, WEEKDAYS
from ..state import StoryState
from ..text.lexicon import SMALL_NUMBERS
from ..types import Sentence

# Openers that point back at something said before.
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "them",
        "this",
        "that",
        "these",
        "those",
        "such",
        "both",
        "neither",
        "either",
        "another",
        "other",
        "others",
        "half",
    ]
)
# Inside a quote the speaker's "I", "we" and "you" are his own and resolve through the attribution.
# Outside quotes, a first-person opening speaks in a voice the summary cannot show: a tweet or a letter
# set off from the text, or a columnist; the sentence that says who speaks comes before it.
_FIRST_PERSON = frozenset(
    ["i", "i'm", "i've", "i'd", "i'll", "my", "me", "we", "we're", "we've", "we'd", "we'll", "our", "us"]
)
_CONNECTIVES = frozenset(
    [
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "nevertheless",
        "nonetheless",
        "still",
        "moreover",
        "furthermore",
        "additionally",
        "also",
        "instead",
        "thus",
        "therefore",
        "hence",
        "consequently",
        "otherwise",
        "indeed",
        "besides",
        "likewise",
        "similarly",
        "then",
        "rather",
        "nor",
        "afterward",
        "afterwards",
        "again",
        "second",
        "third",
        "fourth",
        "fifth",
        "finally",
        "lastly",
        "except",
    ]
)
_CONNECTIVE_PHRASES = re.compile(
    r"(?:in addition|as a result|even so|in fact|despite (?:this|that|these|those|it)|after (?:that|this)|"
    r"because of (?:this|that|it)|on the other hand|at the same time|by contrast|in turn|"
    r"for (?:his|her|their|its) part|once again|as well|in response|in return|even then|since then|"
    r"that's|that is why|this is|not only|with that|at least(?=,)|"
    # "In this case, …", "In that age group, …", "In each one, …": a case or group named before.
    r"in (?:this|that|these|those|each|such|either|both|which) [\w'’-]+)\b",
    re.IGNORECASE,
)
# "The + noun" that names something already introduced.  A closed list: "The White House said" or
# "The Senate voted" are not back-references, while "The move" or "The two men" are.
_BACK_NOUNS = frozenset(
    [
        "move",
        "moves",
        "decision",
        "decisions",
        "deal",
        "deals",
        "incident",
        "incidents",
        "attack",
        "attacks",
        "announcement",
        "announcements",
        "report",
        "reports",
        "statement",
        "statements",
        "man",
        "men",
        "woman",
        "women",
        "boy",
        "boys",
        "girl",
        "girls",
        "couple",
        "pair",
        "two",
        "three",
        "four",
        "five",
        "company",
        "firm",
        "group",
        "suspect",
        "suspects",
        "victim",
        "victims",
        "agreement",
        "plan",
        "plans",
        "proposal",
        "proposals",
        "case",
        "cases",
        "lawsuit",
        "study",
        "findings",
        "letter",
        "letters",
        "remarks",
        "comments",
        "comment",
        "episode",
        "event",
        "events",
        "shooting",
        "crash",
        "fire",
        "change",
        "changes",
        "news",
        "measure",
        "measures",
        "bill",
        "order",
        "rule",
        "ruling",
        "policy",
        "program",
        "programme",
        "project",
        "effort",
        "efforts",
        "request",
        "claim",
        "claims",
        "allegations",
        "allegation",
        "accusations",
        "charges",
        "charge",
        "investigation",
        "probe",
        "trip",
        "visit",
        "meeting",
        "meetings",
        "talks",
        "video",
        "footage",
        "photo",
        "photos",
        "image",
        "images",
        "post",
        "tweet",
        "tweets",
        "message",
        "messages",
        "email",
        "emails",
        "document",
        "documents",
        "book",
        "film",
        "show",
        "song",
        "album",
        "device",
        "product",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozen",
        "vote",
        "results",
        "result",
        "figure",
        "figures",
        "number",
        "numbers",
        "amount",
        "sum",
        "price",
        "increase",
        "decline",
        "drop",
        "rise",
        "cut",
        "cuts",
        "loss",
        "losses",
        "deaths",
        "death",
        "killings",
        "disaster",
        "storm",
        "quake",
        "earthquake",
        "outbreak",
        "virus",
        "disease",
        "animal",
        "dog",
        "cat",
        "bird",
        "same",
        "latter",
        "former",
        "latest",
        "new",
        "other",
        "rest",
        "idea",
        "issue",
        "problem",
        "situation",
        "process",
        "law",
        "legislation",
        "offer",
        "bid",
        "case",
        "scheme",
        "operation",
        "mission",
        "officer",
        "officers",
        "official",
        "officials",
        "agency",
        "department",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "teen",
        "teenager",
        "child",
        "children",
        "family",
        "families",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "brothers",
        "sisters",
        "driver",
        "pilot",
        "player",
        "players",
        "team",
        "club",
        "student",
        "students",
        "actress",
        "actor",
        "singer",
        "star",
        "rapper",
        "winner",
        "designer",
        "director",
        "author",
        "coach",
        "magazine",
        "newspaper",
        "outlet",
        "network",
        "shock",
    ]
)
# "The + age or role" with a word or two before the noun: "The Oscar winner's line …", "The 32-year-old was …",
# "The married father-of-two …"; not before a name ("The 82-year-old Pinochet was arrested …").
_THE_ROLE = re.compile(
    r"the (?:(?!of |include )[\w'’-]+ ){0,2}?(?:\d{1,3}-year-old|(?:father|mother)-of-\w+|winner|actress|actor|singer|"
    r"rapper)\b(?! (?-i:[A-Z]))",
    re.IGNORECASE,
)
# A part of a group named before: "One of those buildings is …", "Quite a few of those pills …", "All three …"; not
# "those" that a clause after it defines ("Most of those receiving aid are children").
_PART_OF = re.compile(
    r"(?:(?:all|each|none|one|some|many|most|several|few|a few|quite a few|two|three|four|five) of (?:them|these|"
    r"those(?! \w+(?:ing|ed)\b| who\b| with\b| in\b| at\b| on\b| from\b))|all (?:two|three|four|five|six))\b",
    re.IGNORECASE,
)
_PART_STARTS = frozenset(
    [
        "all",
        "each",
        "none",
        "one",
        "some",
        "many",
        "most",
        "several",
        "few",
        "a",
        "quite",
        "two",
        "three",
        "four",
        "five",
    ]
)
# An opening that announces what follows: "Here's a sampling of times …", "Here are the winners.", "These are …".
_ANNOUNCES = re.compile(r"(?:Here(?:'s|’s| is| are)|These are)\b")
# Verbs that attribute speech.  Matched on words, not with one large pattern: a regular expression of
# many alternatives tried at every position costs ~0.2 ms per sentence.
_ATTRIBUTION = frozenset(
    [
        "said",
        "says",
        "say",
        "added",
        "adds",
        "told",
        "tells",
        "explained",
        "explains",
        "noted",
        "notes",
        "wrote",
        "writes",
        "tweeted",
        "tweets",
        "asked",
        "asks",
        "continued",
        "continues",
        "stated",
        "states",
        "insisted",
        "insists",
        "argued",
        "argues",
        "replied",
        "replies",
        "recalled",
        "recalls",
        "warned",
        "warns",
        "admitted",
        "admits",
        "acknowledged",
        "acknowledges",
        "joked",
        "jokes",
        "quipped",
        "declared",
        "declares",
        "announced",
        "announces",
        "cautioned",
        "conceded",
        "concedes",
        "countered",
        "responded",
        "responds",
        "answered",
        "urged",
        "urges",
        "testified",
        "claimed",
        "claims",
        "confirmed",
        "denied",
        "shouted",
        "exclaimed",
        "predicted",
        "predicts",
        "promised",
        "vowed",
        "vows",
        "complained",
        "complains",
        "observed",
        "remarked",
        "suggested",
        "suggests",
        "stressed",
        "emphasized",
        "emphasised",
        "agreed",
        "boasted",
        "mused",
        "wondered",
        "quoted",
        "quotes",
        "posted",
    ]
)
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
# Who speaks, named only by a role ("the spokesman", "the company").
_ROLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "source",
        "sources",
        "statement",
        "report",
        "company",
        "agency",
        "group",
        "man",
        "woman",
        "couple",
        "suspect",
        "lawmaker",
        "senator",
        "congressman",
        "congresswoman",
        "governor",
        "mayor",
        "lawyer",
        "attorney",
        "candidate",
        "actor",
        "actress",
        "singer",
        "star",
        "teen",
        "boy",
        "girl",
        "pair",
        "two",
        "former",
    ]
)


def unnamed_speaker(text: str, words: Sequence[str] | None = None) -> bool:
    """Does ``text`` attribute words to a speaker named only by a pronoun or a role ("he said", "the official added")?

    >>> unnamed_speaker('"We will win," he said.'), unnamed_speaker('"We will win," said the spokesman.')
    (True, True)
    >>> unnamed_speaker('"We will win," Governor Andrew Cuomo said.')
    False
    """
    if words is None:
        words = words_of(text)
    if _ATTRIBUTION.isdisjoint(words):
        return False
    for k, w in enumerate(words):
        if w not in _ATTRIBUTION:
            continue
        before = words[k - 1] if k else ""
        if before in _SUBJECT_PRONOUNS or (before in _ROLES and k >= 2 and words[k - 2] == "the"):
            return True
        after = words[k + 1] if k + 1 < len(words) else ""
        if after in {"he", "she", "they"} or (after == "the" and k + 2 < len(words) and words[k + 2] in _ROLES):
            return True
    return False


_PERSON_PRONOUNS = frozenset(["he", "she", "him", "his", "her", "hers"])
_NOT_NAMES = WEEKDAYS | MONTH_NAMES | {"i"}
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")


def pronoun_before_name(text: str) -> bool:
    """Does a person pronoun ("he", "her") come before any name in ``text``, so that it can only point back?

    A sentence that opens the summary must name who it is about.  Names are capitalized words past
    the first (days and months are not names).

    >>> pronoun_before_name("Police said Tuesday he lived in east London.")
    True
    >>> pronoun_before_name("Khuram Butt, 27, said he lived in east London.")
    False
    """
    for k, m in enumerate(_TOKEN.finditer(text)):
        word = m.group(0)
        low = word.lower()
        if low in _PERSON_PRONOUNS:
            return True
        if k and word[0].isupper() and low.rstrip(".") not in _NOT_NAMES:
            return False
    return False


def has_attribution(text: str, words: Sequence[str] | None = None) -> bool:
    """Does ``text`` attribute what it says ("said", "told", "according to")?

    ``words``: :func:`~newsfuse.clean.words_of` of ``text``, when the caller has them.
    """
    if words is None:
        words = words_of(text)
    return not _ATTRIBUTION.isdisjoint(words) or "according to" in text.lower()


# A time told from the event before: "Two days later, …", "The next day, …", "Soon after, …" ("Shortly
# after the 2014 midterm elections, …" names its anchor and reads alone).
_RELATIVE_TIME = re.compile(
    r"(?:(?:just|only|about|some|nearly|almost)\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|many|\d+)\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|moments?)\s+(?:later|earlier|afterwards?)\b"
    r"|later\s*,"
    r"|(?:shortly|soon)\s+(?:after(?:wards?)?|thereafter|before)\s*(?:,|that\b|this\b|$)"
    r"|(?:shortly|soon)\s+(?:afterwards?|thereafter)\b"
    r"|the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night|week|month|year)\b",
    re.IGNORECASE,
)
# The first words _RELATIVE_TIME can start with: the pattern is tried only after one of them.
_TIME_STARTS = (
    frozenset(
        [
            "just",
            "only",
            "about",
            "some",
            "nearly",
            "almost",
            "a",
            "an",
            "one",
            "several",
            "many",
            "later",
            "shortly",
            "soon",
            "the",
        ]
    )
    | frozenset(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "moments"])
    | frozenset(SMALL_NUMBERS)
)

# A short clause with no subject, opening with a past participle: one line of a list whose name is the line
# before ("Patrick Callahan, 21, Mansfield, CT." / "Charged with eight counts of…"), a credit, a stamp.
# With a comma, the participle opens a sentence whose subject follows ("Charged with murder, he…").
_FRAGMENT = re.compile(
    r"(?:[A-Z][a-z]+ed|Born|Held|Hit|Sent|Found|Shot|Taken|Given|Known|Seen|Struck|Built|Made|Led|Caught|Brought|Kept)"
    r"\s+(?:with|of|in|for|to|by|on|at|into|from|after|as)\b[^,;]*$"
)
_FRAGMENT_WORDS = 12
# A short subordinate clause standing alone, the end of the sentence before it ("At least when it comes
# to housing.", "Because they genuinely hate the president.", "Which is strange.").
_SUBORDINATE = re.compile(
    r"(?:(?:at least|only|even|especially|particularly|mostly|not)\s+)?"
    r"(?:when|if|because|although|though|unless|whereas|which)\b[^,;:?]*[.!…]?[\"”’']?$",
    re.IGNORECASE,
)
_SUBORDINATE_STARTS = frozenset(
    [
        "at",
        "only",
        "even",
        "especially",
        "particularly",
        "mostly",
        "not",
        "when",
        "if",
        "because",
        "although",
        "though",
        "unless",
        "whereas",
        "which",
    ]
)

# The first words of _CONNECTIVE_PHRASES: the pattern is tried only after one of them.
_PHRASE_STARTS = frozenset(
    [
        "in",
        "as",
        "even",
        "despite",
        "after",
        "because",
        "on",
        "at",
        "by",
        "for",
        "once",
        "since",
        "that",
        "this",
        "not",
        "with",
    ]
)
# An introductory phrase (up to a dozen words, no quote) whose clause has a pronoun as its subject:
# "Speaking to reporters on Tuesday, he confirmed…", "After the vote, they left." ("it" is often a dummy subject)
_PRONOUN_SUBJECT = re.compile(r"[^,;:\"“”.?!]{0,90}?,\s+(?:he|she|they)\s+[a-z]")
_THE_NOUN = re.compile(r"the\s+([a-z]+)", re.IGNORECASE)
# "The latest edition of the Good Country Index": "latest" or "new" before a noun and what it is of
# (or from, by) describes the thing in full rather than pointing back to it.
_FULL_DESCRIPTION = re.compile(r"the\s+(?:latest|new)\s+[a-z][\w-]*\s+(?:of|from|by)\s", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LEADING = " \t\n\"'“”‘’`([—–-•*>"
# Quote marks: straight double quotes toggle; curly and TeX-style quotes open and close.
_QUOTE = re.compile(r"``|''|[\"“”«»]")
_OPENERS = frozenset({"``", "“", "«"})
_CLOSERS = frozenset({"''", "”", "»"})
# Replies and asides that answer or comment on what came before.
_INTERJECTIONS = frozenset(["oh", "well", "yes", "yeah", "no", "nope", "ok", "okay", "sure", "indeed", "alas"])
# The signal of a sentence that closes a quote no sentence before it (in its paragraph) opened.
_LOST_OPENING = "quote opened out of reach"
_QUESTION_END = re.compile(r"\?\s*(?:''|[\"”’'»)\]])*\s*$")
# The signal of a sentence after one that ends in a colon or semicolon (see :func:`introduces`).
_AFTER_LIST = "goes on from a list"


def _opening(text: str) -> tuple[str, str]:
    """The first word (as written) and the text from it on, past leading quotes, dashes and bullets."""
    rest = text.lstrip(_LEADING)
    m = _FIRST_WORD.match(rest)
    return (m.group(0) if m else ""), rest


def _speaks_first_person(word: str, rest: str) -> bool:
    """Whether an opening first-person ``word`` is a pronoun: not an initial ("I. M. Pei", "I.B.M."),
    nor a name's first word ("Us Weekly", "My Chemical Romance")."""
    after = rest[len(word) : len(word) + 2]
    if not word[0].isupper() or word[1:].isupper() or after[:1] == ".":
        return False
    following = after[1:2]
    return not (word.lower() in {"my", "us", "our"} and following.isupper())


def opener_signal(text: str, quoted_start: bool = False) -> str | None:
    """Why the opening of ``text`` points back at an earlier sentence, or None.

    ``quoted_start``: the sentence opens with a quote mark, so a first-person pronoun is the
    speaker's own and only third-person ones point back.

    >>> opener_signal("The move angered Beijing."), opener_signal("The White House said so.")
    ('back-reference', None)
    >>> opener_signal("it was not clear."), opener_signal("iPhone sales rose.")
    ('lower-case start', None)
    >>> opener_signal("Charged with eight counts of permitting a minor to illegally possess alcohol.")
    'fragment'
    >>> opener_signal("Charged with murder, the man appeared in court on Monday.") is None
    True
    >>> opener_signal("At least when it comes to housing.")
    'fragment'
    >>> opener_signal("If convicted, Dunn faces up to 20 years in prison.") is None
    True
    >>> opener_signal("Two days later, they had an answer: Legionnaires’ disease.")
    'relative time'
    >>> opener_signal("Shortly after the plane vanished, attention turned to the pilots.") is None
    True
    """
    word, rest = _opening(text)
    if not word:
        return None
    low = word.lower().replace("’", "'")
    if word[0].islower() and not any(c.isupper() for c in word[1:]):
        return "lower-case start"
    base = low.split("'")[0]
    if base in _INTERJECTIONS and rest[len(word) : len(word) + 1] == ",":
        # "Oh, and also…", "No, really, …": what follows the interjection is the opening.
        return opener_signal(rest[len(word) + 1 :], quoted_start) or "interjection"
    if base in _PRONOUNS and not word[1:].isupper():  # "IT stocks", "US forces": acronyms
        return "pronoun"
    if base in _CONNECTIVES and not quoted_start:
        return "connective"
    if base in _PHRASE_STARTS and _CONNECTIVE_PHRASES.match(rest):
        return "connective"
    if rest.count(" ") < _FRAGMENT_WORDS and (
        _FRAGMENT.match(rest) or (base in _SUBORDINATE_STARTS and _SUBORDINATE.match(rest))
    ):
        return "fragment"
    if (base in _TIME_STARTS or base.isdigit()) and _RELATIVE_TIME.match(rest):
        return "relative time"
    if base == "the":
        m = _THE_NOUN.match(rest)
        if m and m.group(1).islower() and m.group(1) in _BACK_NOUNS and not _FULL_DESCRIPTION.match(rest):
            return "back-reference"
        if _THE_ROLE.match(rest):
            return "back-reference"
    if base in _PART_STARTS and _PART_OF.match(rest):
        return "back-reference"
    # The pattern needs a comma within its first 91 characters: a plain search rules most openings out.
    if rest.find(",", 0, 91) >= 0 and _PRONOUN_SUBJECT.match(rest):
        return "pronoun subject"
    return None


def needs_previous(
    text: str, previous: str | None = None, inside_quote: bool = False, words: Sequence[str] | None = None
) -> str | None:
    """Why ``text`` cannot be read without the sentence before it (``previous``), or None.

    ``inside_quote``: the sentence starts inside a quote that an earlier sentence opened.
    ``words``: :func:`~newsfuse.clean.words_of` of ``text``, when the caller has them.

    >>> needs_previous("Black and weak.", previous="Do you know what Obama coffee is?")
    'answers a question'
    >>> needs_previous("It is a disaster.", inside_quote=True)
    'inside a quote'
    """
    if inside_quote:
        return "inside a quote"
    stripped = text.lstrip()
    quoted_start = stripped[:1] in {'"', "“", "«"} or stripped[:2] == "``"
    signal = opener_signal(text, quoted_start)
    if signal:
        return signal
    if previous is not None and "?" in previous and _QUESTION_END.search(previous):
        return "answers a question"
    if previous is not None and previous.rstrip(_CLOSING).endswith((";", ":")):
        return _AFTER_LIST
    if words is None:
        words = words_of(text)
    if unnamed_speaker(text, words):
        return "unnamed speaker"
    if quoted_start and _is_whole_quote(stripped):
        # Nothing stands outside the marks, so any "said" or "told" is the speaker's own words.
        return "quote without a speaker"
    if closes_unopened_quote(stripped):
        return _LOST_OPENING
    if _unmatched(text, "(", ")") < 0:
        return "closes a parenthesis"
    if not quoted_start and first_person(text):
        return "first person"
    return None


def first_person(text: str) -> bool:
    """Whether ``text`` opens with a first-person pronoun ("I", "We", "My"…) outside quote marks.

    Its voice is not the summary's: a tweet or letter set off from the article's text, or a columnist;
    the sentence before it says who speaks.

    >>> first_person("I’d have put the McRib among the iconic untouchables."), first_person("I.B.M. rose.")
    (True, False)
    """
    word, rest = _opening(text)
    return word.lower().replace("’", "'") in _FIRST_PERSON and _speaks_first_person(word, rest)


def _unmatched(text: str, opening: str, closing: str) -> int:
    """1 when ``text`` leaves a bracket open, -1 when a closing one comes before any opening one, else 0.

    >>> _unmatched("It weighs 17 pounds (about 8 kg.", "(", ")"), _unmatched("that's its name.)", "(", ")")
    (1, -1)
    """
    if closing not in text and opening not in text:
        return 0
    close, open_ = text.find(closing), text.find(opening)
    if close != -1 and (open_ == -1 or close < open_):
        return -1
    return 1 if text.count(opening) > text.count(closing) else 0


def closes_unopened_quote(text: str) -> bool:
    """Does the first quote mark of ``text`` close a quote (one that opened before the sentence)?

    A curly or TeX closing mark, or a straight one right after a letter or sentence punctuation
    with no word after it ('occurred."'), not one after a digit (inches: '6" pipe').

    >>> closes_unopened_quote('We regret that this occurred."'), closes_unopened_quote('We regret it, "he said.')
    (True, False)
    >>> closes_unopened_quote('It needs a 6" pipe.'), closes_unopened_quote("He won the ``race.''")
    (False, False)
    """
    m = _QUOTE.search(text) if _may_quote(text) else None
    if m is None:
        return False
    mark = m.group(0)
    if mark in _CLOSERS:
        return True
    if mark in _OPENERS:
        return False
    p = m.start()
    before = text[p - 1] if p else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return (before.isalpha() or before in ".,!?") and not after.isalnum()


def _is_whole_quote(text: str) -> bool:
    marks = _QUOTE.findall(text)
    return len(marks) == 2 and text.rstrip().endswith(('"', "”", "''", "»"))


def quote_depth(text: str, depth: int = 0) -> int:
    """The quote depth after reading ``text`` from ``depth`` (0 outside a quote, 1 inside one).

    Curly and TeX-style marks say which way they go.  A straight mark opens a quote where a word
    would start (after a space, a bracket or a dash, or at the start) and closes one where a word
    ends; only between two word characters does it toggle.  So a quote that goes on into a new
    sentence, re-opened with a mark as news style has it, stays open.

    >>> quote_depth('He said: "We will.'), quote_depth('"We will," he said.'), quote_depth("won.''", 1)
    (1, 0, 0)
    >>> quote_depth('"Jimmy and I were just fooling around.', 1)
    1
    """
    if not _may_quote(text):  # most sentences: a few C-level scans instead of a regex pass
        return depth
    for m in _QUOTE.finditer(text):
        mark = m.group(0)
        if mark in _OPENERS:
            depth = 1
        elif mark in _CLOSERS:
            depth = 0
        else:
            p = m.start()
            before = text[p - 1] if p else " "
            after = text[p + 1] if p + 1 < len(text) else " "
            if before.isspace() or before in "([{—–-":
                depth = 1
            elif after.isspace() or not after.isalnum():
                depth = 0
            else:
                depth = 1 - depth
    return depth


def _may_quote(text: str) -> bool:
    """Could ``text`` hold a mark of :data:`_QUOTE`?  (False means it surely holds none.)"""
    if '"' in text or "''" in text or "``" in text:
        return True
    return not text.isascii() and ("“" in text or "”" in text or "«" in text or "»" in text)


def needs_next(text: str, depth_after: int) -> str | None:
    """Why ``text`` cannot end a unit: it leaves a quote open, or asks a question the next one answers.

    >>> needs_next("Do you know what Obama coffee is?", 0), needs_next('He said: "We will.', 1)
    ('asks a question', 'quote continues')
    """
    if depth_after:
        return "quote continues"
    if _unmatched(text, "(", ")") > 0:
        return "parenthesis continues"
    if "?" in text and _QUESTION_END.search(text):
        return "asks a question"
    if introduces(text):
        return "introduces what follows"
    return None


def introduces(text: str) -> bool:
    """Whether ``text`` only announces what comes after it: it ends with a colon or a semicolon (a list's
    introduction or one of its items), or opens with "Here's …", "Here are …" ("Here's a sampling of times
    Trump took credit for the market's rise.").

    >>> introduces("Here are some celebs that are cashing in on their star power:"), introduces("It rained.")
    (True, False)
    >>> introduces("Bryce Dallas Howard as Melanie, a young cooking student with a fearful dark place inside;")
    True
    """
    end = text.rstrip(_CLOSING)
    return end.endswith((":", ";")) or (text.startswith(("Here", "These are")) and _ANNOUNCES.match(text) is not None)


@dataclass(frozen=True)
class ContextUnits:
    """Finds, for any sentence, the contiguous run of its article's sentences it needs (its unit).

    ``max_sentences``/``max_words`` bound a unit: a sentence whose context runs longer, or reaches
    a sentence that cleaning removed (boilerplate, a headline) or the article's start while still
    pointing back, has no unit and is never stated.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> text = "Kim Jong Un left Beijing on Wednesday by train. He met Xi Jinping there twice this week."
    >>> story = Pipeline().analyse([Article("a", text)])
    >>> ContextUnits().unit(story, 1), ContextUnits().unit(story, 0)
    ((0, 1), (0, 0))
    """

    max_sentences: int = 4
    max_words: int = 110

    def signals(self, story: StoryState) -> _Reading:
        """Per sentence: why it needs the previous one and why it needs the next one (None: it does not).

        Returns ``(back, forward)``, each indexable by sentence index.  One pass over the story finds
        where quotes open and close; the openings are read only for the sentences asked about (the
        selection asks about a few hundred at most).
        """
        reading = story.context_signals
        if reading is None:
            reading = story.context_signals = _Reading(story.sentences, self.max_sentences, story.words, story.labels)
        return reading

    def unit(self, story: StoryState, i: int) -> tuple[int, int] | None:
        """``(first, last)`` sentence indices of sentence ``i``'s unit, or None when it has none.

        Back from ``i`` while a sentence needs the one before it, forward while one needs the next;
        a unit that is one whole quote with no speaker named reaches back for the sentence before.
        A unit that ends its article mid-sentence (:func:`cut_off`: a page or feed cut the text) has none.
        """
        reading = self.signals(story)
        if i in reading.units:
            return reading.units[i]
        found = self._unit(story, reading, i)
        if found is not None and _cut_at_end(story, found[1]):
            found = None  # the article stops mid-sentence (a page or feed cut it): no reader can finish it
        reading.units[i] = found
        return found

    def _unit(self, story: StoryState, reading: _Reading, i: int) -> tuple[int, int] | None:
        if reading.back(i) is None and reading.forward(i) is None:  # most sentences read alone
            return i, i
        back, forward = reading
        sentences, labels = story.sentences, story.labels
        doc = sentences[i].doc
        lo = hi = i
        while True:
            while back[lo] is not None:
                if back[lo] == _LOST_OPENING:  # the quote's opening is not in its paragraph
                    return None
                lo -= 1
                if lo < 0 or sentences[lo].doc != doc or _removed(labels.get(lo)) or hi - lo + 1 > self.max_sentences:
                    return None
            while forward[hi] is not None:
                hi += 1
                if _removed(labels.get(hi)) or hi - lo + 1 > self.max_sentences:
                    return None
            if hi == lo or not _speakerless_quote(sentences, lo, hi):
                break
            lo -= 1
            if lo < 0 or sentences[lo].doc != doc or _removed(labels.get(lo)) or hi - lo + 1 > self.max_sentences:
                return None
        if lo == hi:
            return lo, hi
        if sum(sentences[k].n_words for k in range(lo, hi + 1)) > self.max_words:
            return None
        return lo, hi


# What may follow a sentence's final stop: closing quote marks and brackets.
_CLOSING = " \t\n\"'”’»)]」』）"
_STOPS = (".", "!", "?", "。", "！", "？", "．")  # full-width stops end Chinese and Japanese sentences
_CREDIT_AT_END = re.compile(r"(?<=[.!?])\s*\([^()]{1,40}\)\s*$")  # "... on Friday. (Reuters)"


def cut_off(text: str) -> bool:
    """Does ``text`` stop mid-sentence (no final stop, or a trailing ellipsis or "[…]" where the page cut it)?

    Asked only of an article's last sentence: there, a missing stop means the text was cut.

    >>> cut_off("Like Ms. O'Donnell, however, he has the support of most Tea Party groups and he has")
    True
    >>> cut_off("Mr. Reid was preparing to send a [ … ]"), cut_off('"We will win," he said.'), cut_off("Who won?")
    (True, False, False)
    >>> cut_off("市长预计本周签署预算。")
    False
    """
    body = _CREDIT_AT_END.sub("", text).rstrip(_CLOSING)
    if body.endswith(("...", "…")):
        return True
    return not body.endswith(_STOPS)


def _cut_at_end(story: StoryState, i: int) -> bool:
    """Is sentence ``i`` its article's last text, cut mid-sentence?

    A trailing ellipsis or "[…]" marks a cut after any first sentence; a missing stop only from the
    third sentence on (a short note may end without one).
    """
    s = story.sentences[i]
    if s.position < 1 or story.articles[s.doc].text[s.end :].strip() or not cut_off(s.text):
        return False
    return s.position >= 2 or s.text.rstrip(_CLOSING).endswith(("...", "…"))


def _speakerless_quote(sentences: Sequence[Sentence], lo: int, hi: int) -> bool:
    """Do sentences ``lo..hi`` form one quote (opened by the first, closed by the last) with no speaker named?"""
    start, last = sentences[lo].text.lstrip(), sentences[hi].text
    if not (start[:1] in {'"', "“", "«"} or start[:2] == "``"):
        return False
    if not last.rstrip().endswith(('"', "”", "''", "»")):
        return False
    outside = (_outside_quotes(sentences[k].text) for k in range(lo, hi + 1))
    return not any(has_attribution(text) for text in outside if text)


def _outside_quotes(text: str) -> str:
    """The text of a sentence inside a multi-sentence quote that stands outside its quote marks.

    The sentence is read as starting inside the quote, unless it opens with a mark.

    >>> _outside_quotes('"We will win," he said, "and soon.')
    ' he said, '
    >>> _outside_quotes('It is a disaster."')
    ''
    """
    depth = 0 if text.lstrip()[:1] in {'"', "“", "«", "`"} else 1
    parts, at = [], 0
    for m in _QUOTE.finditer(text):
        if not depth:
            parts.append(text[at : m.start()])
        depth = quote_depth(m.group(0) if m.start() == 0 else text[m.start() - 1 : m.end() + 1], depth)
        at = m.end()
    if not depth:
        parts.append(text[at:])
    return "".join(parts)


class _Reading:
    """The context signals of one story's sentences, read on demand (see :meth:`ContextUnits.signals`).

    Unpacks as ``(back, forward)``: ``back[i]`` says why sentence ``i`` needs the one before it,
    ``forward[i]`` why it needs the one after it (None: it does not).  ``units`` memoizes units.
    """

    def __init__(
        self,
        sentences: Sequence[Sentence],
        max_open: int,
        words: Sequence[list[str]] = (),
        labels: dict[int, str] | None = None,
    ) -> None:
        self.sentences = sentences
        self.labels = labels or {}
        self.words = words if len(words) == len(sentences) else None
        self.max_open = max_open
        self.units: dict[int, tuple[int, int] | None] = {}
        n = len(sentences)
        self.inside = [False] * n  # the sentence starts inside a quote opened before it
        self.open_after = [0] * n  # a quote is still open after it, inside its paragraph
        # Quotes are followed sentence by sentence from the start of each article, only as far as a
        # question asks: selection asks about the early sentences of long articles.
        self._state: dict[int, tuple[int, int, int]] = {}  # doc -> (next sentence to read, depth, open_for)
        self._back: dict[int, str | None] = {}
        self._forward: dict[int, str | None] = {}

    def _scan(self, upto: int) -> None:
        """Follow quotes through sentence ``upto`` from where its article was last read."""
        sentences, n = self.sentences, len(self.sentences)
        doc = sentences[upto].doc
        state = self._state.get(doc)
        if state is None:
            start = upto
            while start and sentences[start - 1].doc == doc:
                start -= 1
            state = (start, 0, 0)
        i, depth, open_for = state
        while i <= upto:
            s = sentences[i]
            if i == 0 or not _same_paragraph(sentences[i - 1], s):
                depth = open_for = 0
            self.inside[i] = depth == 1
            depth = quote_depth(s.text, depth)
            # A quote mark that never closes (a typo, inches, a stray mark) must not hold the rest of a
            # long paragraph inside a quote: no quote in news runs on for more than a few sentences.
            open_for = open_for + 1 if depth else 0
            if open_for > self.max_open:
                depth = open_for = 0
            last = i + 1 == n or not _same_paragraph(s, sentences[i + 1])
            self.open_after[i] = 0 if last else depth
            i += 1
        self._state[doc] = (i, depth, open_for)

    def _read(self, i: int) -> None:
        state = self._state.get(self.sentences[i].doc)
        if state is None or state[0] <= i:
            self._scan(i)

    def back(self, i: int) -> str | None:
        if i not in self._back:
            s, sentences = self.sentences[i], self.sentences
            previous = sentences[i - 1].text if i and sentences[i - 1].doc == s.doc else None
            words = self.words[i] if self.words else None
            self._read(i)
            why = needs_previous(s.text, previous, self.inside[i], words) if previous is not None else None
            if why == _AFTER_LIST and _removed(self.labels.get(i - 1)):
                why = None  # the colon ended a label that cleaning removed ("Update:", "Watch it below:")
            self._back[i] = why
        return self._back[i]

    def forward(self, i: int) -> str | None:
        if i not in self._forward:
            sentences = self.sentences
            last_of_article = i + 1 == len(sentences) or sentences[i + 1].doc != sentences[i].doc
            self._read(i)
            self._forward[i] = None if last_of_article else needs_next(sentences[i].text, self.open_after[i])
        return self._forward[i]

    def __iter__(self):
        return iter((_Signals(self.back), _Signals(self.forward)))


class _Signals:
    """``signals[i]`` for one direction of a :class:`_Reading`."""

    def __init__(self, read) -> None:
        self.read = read

    def __getitem__(self, i: int) -> str | None:
        return self.read(i)


# Labels of sentences that may not be shown as context (furniture, headlines, captions).
_NOT_CONTEXT = frozenset({"boilerplate", "headline", "furniture"})


def _removed(label: str | None) -> bool:
    return label in _NOT_CONTEXT


def _same_paragraph(a: Sentence, b: Sentence) -> bool:
    return a.doc == b.doc and a.paragraph == b.paragraph


def unit_words(story: StoryState, unit: tuple[int, int]) -> int:
    """The words of a unit (what the budget counts)."""
    return sum(story.sentences[k].n_words for k in range(unit[0], unit[1] + 1))


def cut_from_context(texts: Sequence[str], previous: Sequence[str | None]) -> list[str | None]:
    """For summary units (their text and the source sentence before each), why each is cut from its context.

    What ``benchmarks/readability.py`` counts: a unit whose opening still needs the sentence
    before it in its article.
    """
    return [needs_previous(t, p) if p is not None else None for t, p in zip(texts, previous, strict=True)]
