"""People the summary must introduce before it names them by surname alone.

News writes a person's full name once ("Billy Hunter, the union's executive director") and the
surname after it ("Hunter said"). A summary that quotes the later sentence without the earlier one
leaves the reader asking who Hunter is. :class:`Introductions` finds, for a run of an article's
sentences, the surnames it uses for a person (a speaker, a subject) that its article had
introduced with a fuller name before the run and that the run does not name in full itself.

The pipeline acts on people whom only one of the story's articles mentions (``max_spread=1``): the
minor figures a reader cannot place ("'This is bad news,' Burlingame said"). Selection states such a
run only after a chosen run names the person in full, the lede is never such a run, and the order puts
it after the run that names him. The story's main people, whom several articles name, are named by
what else is chosen, and holding back every "Trump said" cost ROUGE without helping a reader.

A surname counts only when its article writes it in a fuller form first ("Billy Hunter",
"Dr. Zeitzer"): people known by one name ("Obama said" in an article that never wrote "Barack Obama")
need no introduction. A capitalised word that the article also uses as an ordinary lower-case word
("police", "state", "rose") is never taken for a surname.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> text = ("Billy Hunter leads the players' union. The owners locked the players out in July. "
...         "'I'm not at all concerned,' Hunter said.")
>>> story = Pipeline().analyse([Article("a", text)])
>>> intro = Introductions(story)
>>> sorted(intro.needed(2, 2)), sorted(intro.needed(0, 2))
(['Hunter'], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..state import StoryState
from ..text.lexicon import PERSON_TITLES, STOP

# A surname as written: "Hunter", "O'Grady", "McCullum", "San-Juan".
_NAME = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# A run of capitalised words and initials: "Rep. Bennie Thompson", "Oliver J. T. O'Grady".
_RUN = re.compile(r"(?<![\w'’])(?:[A-Z][\w'’-]*\.?)(?:\s+[A-Z][\w'’-]*\.?)+")
# Words before a surname that do not make it a fuller name: "Mr. Hunter" is as unintroduced as "Hunter".
_BARE_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mister"])
# What a person does in a sentence: speaks, is, has, owns.
_AFTER = (
    r"(?:said|says|told|tells|asked|asks|added|adds|noted|notes|wrote|writes|explained|explains|recalled|recalls|"
    r"replied|testified|argued|insisted|admitted|continued|warned|is|was|has|had|who)"
)
_BEFORE = r"(?:said|says|added|adds|asked|asks|told|wrote|writes|according to)"
_PERSON_USE = re.compile(
    rf"(?<![\w'’.-])(?:(?:Mr|Mrs|Ms)\.\s+)?({_NAME})"
    rf"(?=\s+(?:{_AFTER}|(?:also|later|then|now|still)\s+[a-z]+)\b)"
    rf"|\b{_BEFORE}\s+(?:(?:Mr|Mrs|Ms)\.\s+)?({_NAME})(?![\w'’-]|\s+[A-Z])"
    # A subject that opens a clause and did something: "Kanan and Li built…", "…, Serna returned".
    rf"|(?:^|[,;]\s+)[\"“‘'`]*(?:(?:Mr|Mrs|Ms)\.\s+)?({_NAME})(?=\s+(?:and\s+{_NAME}\s+)?[a-z]+ed\b)"
)
_WORD = re.compile(r"[a-z]+")


def fuller_names(text: str) -> Iterable[str]:
    """The names ``text`` writes in a fuller form: each name of a run of two or more ("Kim Jong Un",
    "Billy Hunter", "Dr. Zeitzer"), not counting an opening "The" or "Mr.".

    >>> sorted(fuller_names("Oliver J. T. O'Grady and Dr. Zeitzer met Mr. Kho and Rep. Bennie Thompson."))
    ['Bennie', "O'Grady", 'Oliver', 'Thompson', 'Zeitzer']
    """
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        while words and (words[0].lower() in STOP or words[0].lower().rstrip(".") in _BARE_TITLES):
            words.pop(0)
        if len(words) < 2:
            continue
        for word in words:
            name = word.rstrip(".,")
            if re.fullmatch(_NAME, name) and not _is_title(name):
                yield name


def _is_title(word: str) -> bool:
    """"Dr", "Gov", "President": a title before a name, not a name."""
    low = word.lower()
    return low in PERSON_TITLES or low + "." in PERSON_TITLES


def person_uses(text: str) -> set[str]:
    """Surnames ``text`` uses alone for a person: a speaker, a subject of "is"/"has" or of a past tense.

    A name right after another capitalised word is part of a fuller name and is not alone.

    >>> sorted(person_uses("'This is bad news,' Burlingame said, and Rumbaugh's firm agreed; Mica later left."))
    ['Burlingame', 'Mica']
    >>> sorted(person_uses("'We will win,' said Gov. Andrew Cuomo.")), sorted(person_uses("Hunter Biden said so."))
    ([], [])
    """
    found = set()
    for m in _PERSON_USE.finditer(text):
        g = next(k for k in (1, 2, 3) if m.group(k))
        name, start = m.group(g), m.start(g)
        if _is_title(name):
            continue  # "said Gov. Andrew Cuomo": a title opens a fuller name
        before = text[max(0, start - 30) : start].rstrip()
        last = before.rsplit(None, 1)[-1] if before else ""
        if last[:1].isupper() and last.rstrip(".").lower() not in _BARE_TITLES and not last.endswith((",", ":")):
            continue  # "Billy Hunter", "Gov. Cuomo": a fuller name
        found.add(name)
    return found


_BARE = re.compile(rf"(?<![\w'’.-]){_NAME}(?=['’]s\b|[^\w'’-]|$)")


def bare_names(text: str) -> set[str]:
    """Capitalised words of ``text`` that stand alone: not part of a run of capitalised words
    ("Billy Hunter", "Red Cross"), except after "Mr."/"Mrs."/"Ms.", and not common opening words.

    >>> sorted(bare_names("Kanan and his colleagues built it, Mr. Li said, at Stanford University."))
    ['Kanan', 'Li']
    """
    found = set()
    for m in _BARE.finditer(text):
        name = m.group(0)
        if name.lower() in STOP or _is_title(name):
            continue
        before = text[max(0, m.start() - 30) : m.start()].rstrip()
        last = before.rsplit(None, 1)[-1] if before else ""
        if last[:1].isupper() and last.rstrip(".").lower() not in _BARE_TITLES and not last.endswith((",", ":", ";")):
            continue
        after = text[m.end() : m.end() + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue
        found.add(name)
    return found


class Introductions:
    """Which surnames a run of an article's sentences uses before the summary could know who they are.

    A surname needs an introduction when its article wrote it in a fuller form before the run, uses it
    for a person somewhere (:func:`person_uses`: a speaker, a subject; so "Stanford" after
    "Stanford University" is not one), never writes it as a lower-case word, and the run names it alone.
    Built per story; each article is read once, on first use.
    """

    def __init__(self, story: StoryState, max_spread: int | None = None) -> None:
        self.story = story
        self.max_spread = max_spread
        self._articles: dict[int, tuple[dict[str, int], frozenset[str], frozenset[str]]] = {}
        self._spread: dict[str, int] = {}

    def spread(self, name: str) -> int:
        """How many of the story's articles mention ``name``."""
        if name not in self._spread:
            pattern = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])")
            self._spread[name] = sum(1 for a in self.story.articles if pattern.search(a.text))
        return self._spread[name]

    def _article(self, doc: int) -> tuple[dict[str, int], frozenset[str], frozenset[str]]:
        """(surname -> first sentence writing it in a fuller form, persons, lower-case words) of article ``doc``."""
        known = self._articles.get(doc)
        if known is None:
            first: dict[str, int] = {}
            for k, s in enumerate(self.story.sentences):
                if s.doc == doc:
                    for name in fuller_names(s.text):
                        first.setdefault(name, k)
            text = self.story.articles[doc].text
            known = self._articles[doc] = (first, frozenset(person_uses(text)), frozenset(_WORD.findall(text)))
        return known

    def needed(self, lo: int, hi: int) -> frozenset[str]:
        """Surnames sentences ``lo..hi`` (one article's run) name alone for a person whom their article
        introduced with a fuller name before ``lo``, and that the run never writes in full."""
        sentences = self.story.sentences
        uses: set[str] = set()
        for k in range(lo, hi + 1):
            uses |= bare_names(sentences[k].text)
        if not uses:
            return frozenset()
        first, persons, lower = self._article(sentences[lo].doc)
        return frozenset(
            name
            for name in uses
            if first.get(name, hi + 1) < lo
            and name in persons
            and name.lower() not in lower
            and (self.max_spread is None or self.spread(name) <= self.max_spread)
        )

    @staticmethod
    def introduced(text: str, needed: Iterable[str]) -> set[str]:
        """Which of ``needed`` ``text`` writes in a fuller form: a summary that holds it has said who they are.

        >>> sorted(Introductions.introduced("Union chief Billy Hunter spoke. Li agreed.", ["Hunter", "Li"]))
        ['Hunter']
        """
        full = set(fuller_names(text))
        return {name for name in needed if name in full}
