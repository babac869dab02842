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
from ..text.lexicon import CALENDAR_WORDS, PERSON_TITLES, STOP

# A surname as written: "Hunter", "O'Grady", "McCullum", "San-Juan".
_NAME = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# Words before a surname that do not make it a fuller name: "Mr. Hunter" is as unintroduced as "Hunter".
_BARE_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mister"])
# What a person does in a sentence: speaks, is, has.
_AFTER = (
    r"(?:said|says|told|tells|asked|asks|added|adds|noted|notes|wrote|writes|explained|explains|recalled|recalls|"
    r"replied|testified|argued|insisted|admitted|continued|warned|is|was|has|had|who)"
)
_BEFORE = r"(?:said|says|added|adds|asked|asks|told|wrote|writes|according to)"
_MR = r"(?:(?:Mr|Mrs|Ms)\.\s+)?"
_WORD = re.compile(r"[a-z]+")
# "Palestinian", "Japanese", "Turkish", "American": peoples, not people.
_DEMONYM_ENDINGS = ("ian", "ese", "ish", "ean", "ican")
_BARE = re.compile(rf"(?<![\w'’.-]){_NAME}(?=['’]s\b|[^\w'’-]|$)")


_AFTER_USE = re.compile(rf"\s+(?:{_AFTER}|(?:also|later|then|now|still)\s+[a-z]+)\b")
_BEFORE_USE = re.compile(rf"\b{_BEFORE}\s+{_MR}$")
_CLAUSE_START = re.compile(rf"(?:^|[,;.!?][\"”’']?\s+)[\"“‘'`]*{_MR}$")
_PAST_TENSE = re.compile(rf"\s+(?:and\s+{_NAME}\s+)?[a-z]+ed\b")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'’-")


def _occurrences(text: str, name: str):
    """Start offsets of ``name`` in ``text`` as a whole word."""
    k = text.find(name)
    while k >= 0:
        end = k + len(name)
        if (k == 0 or text[k - 1] not in _NAME_CHARS) and (end == len(text) or text[end] not in _NAME_CHARS):
            yield k
        k = text.find(name, k + 1)


def _is_title(word: str) -> bool:
    """"Dr", "Gov", "President": a title before a name, not a name."""
    low = word.lower()
    return low in PERSON_TITLES or low + "." in PERSON_TITLES


def _opens_fuller_name(word: str) -> bool:
    """Whether ``word``, right before a name, makes it a fuller name: a first name, an initial or a title
    ("Billy", "J.", "Rep."), not "The", "Mr." or the last word of a sentence ("…met Trump.")."""
    if not word[:1].isupper() or word.endswith((",", ":", ";")):
        return False
    bare = word.rstrip(".")
    if word.endswith(".") and len(bare) > 4:
        return False
    return bare.lower() not in _BARE_TITLES and word.lower() not in STOP


def fuller_at(text: str, name: str) -> int | None:
    """Where ``text`` first writes ``name`` in a fuller form (beside another capitalised name), or None.

    >>> text = "Hunter spoke. Union chief Billy Hunter said so. Mr. Li agreed with Rep. Bennie Thompson."
    >>> fuller_at(text, "Hunter"), fuller_at(text, "Li"), fuller_at(text, "Thompson"), fuller_at(text, "Bennie")
    (32, None, 79, 72)
    """
    for start in _occurrences(text, name):
        end = start + len(name)
        before = text[max(0, start - 30) : start]
        if before[-1:].isspace() and before.strip() and _opens_fuller_name(before.split()[-1]):
            return start
        after = text[end : end + 30].split(None, 1)
        following = after[0] if after and text[end : end + 1] == " " else ""
        if following[:1].isupper() and not _is_title(following) and following.rstrip(".,;:").lower() not in STOP:
            return start
    return None


def used_as_person(text: str, name: str) -> bool:
    """Whether ``text`` uses ``name`` for a person: a speaker, the subject of "is"/"has", of a past tense.

    >>> text = "'This is bad news,' Burlingame said. Stanford University's lab grew; Mica later left."
    >>> used_as_person(text, "Burlingame"), used_as_person(text, "Stanford"), used_as_person(text, "Mica")
    (True, False, True)
    """
    for start in _occurrences(text, name):
        end = start + len(name)
        after = text[end : end + 60]
        if _AFTER_USE.match(after):
            return True
        before = text[max(0, start - 40) : start]
        if _BEFORE_USE.search(before) and not re.match(r"\s+[A-Z]", after):
            return True
        # A subject that opens a clause and did something: "Kanan and Li developed…", "…, Serna returned".
        if _PAST_TENSE.match(after) and (start == 0 or _CLAUSE_START.search(before)):
            return True
    return False


def bare_names(text: str) -> set[str]:
    """Capitalised words of ``text`` that stand alone: not beside another capitalised name ("Billy Hunter",
    "Red Cross"), except after "Mr."/"Mrs."/"Ms.", and not common opening words or titles.

    >>> sorted(bare_names("Kanan and his colleagues built it, Mr. Li said, at Stanford University."))
    ['Kanan', 'Li']
    >>> sorted(bare_names("Palestinian negotiators said the airport would open Sunday."))
    []
    """
    found = set()
    for m in _BARE.finditer(text):
        name = m.group(0)
        low = name.lower()
        if low in STOP or low in CALENDAR_WORDS or low.endswith(_DEMONYM_ENDINGS) or _is_title(name):
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

    A surname needs an introduction when the run names it alone (:func:`bare_names`), its article wrote
    it in a fuller form before the run (:func:`fuller_at`) and uses it for a person (:func:`used_as_person`:
    so "Stanford" after "Stanford University" is not one), never writes it as a lower-case word, and the
    run does not write it in full.  With ``max_spread``, only for people that many articles mention at
    most.  Every answer is kept: the lede, the selection and the order ask about the same runs
    (:meth:`of` shares one per story).
    """

    def __init__(self, story: StoryState, max_spread: int | None = None) -> None:
        self.story = story
        self.max_spread = max_spread
        self._bare: dict[int, set[str]] = {}
        self._lower: dict[int, frozenset[str]] = {}
        self._first: dict[tuple[int, str], int | None] = {}
        self._person: dict[tuple[int, str], bool] = {}
        self._capitalised: list[frozenset[str]] = []
        self._needed: dict[tuple[int, int], frozenset[str]] = {}

    @classmethod
    def of(cls, story: StoryState) -> Introductions:
        """The story's shared instance for people one article mentions (``max_spread=1``), what the pipeline
        acts on: the minor figures a reader cannot place."""
        if not isinstance(story.introductions, cls):
            story.introductions = cls(story, max_spread=1)
        return story.introductions

    def spread(self, name: str) -> int:
        """How many of the story's articles mention ``name``."""
        if not self._capitalised:
            self._capitalised = [frozenset(_CAPITALISED.findall(a.text)) for a in self.story.articles]
        return sum(1 for words in self._capitalised if name in words)

    def _bare_names(self, k: int) -> set[str]:
        if k not in self._bare:
            self._bare[k] = bare_names(self.story.sentences[k].text)
        return self._bare[k]

    def _needs(self, doc: int, name: str, start: int) -> bool:
        # The cheapest tests first: the story's capitalised words are read once, the article's
        # lower-case words only for a name that passed the others.
        if self.max_spread is not None and self.spread(name) > self.max_spread:
            return False
        text = self.story.articles[doc].text
        if (doc, name) not in self._first:
            self._first[doc, name] = fuller_at(text, name)
        first = self._first[doc, name]
        if first is None or first >= start:
            return False
        if doc not in self._lower:
            self._lower[doc] = frozenset(_WORD.findall(text))
        if name.lower() in self._lower[doc]:
            return False
        if (doc, name) not in self._person:
            self._person[doc, name] = used_as_person(text, name)
        return self._person[doc, name]

    def needed(self, lo: int, hi: int) -> frozenset[str]:
        """Surnames sentences ``lo..hi`` (one article's run) name alone for a person whom their article
        introduced with a fuller name before ``lo``, and that the run never writes in full."""
        key = (lo, hi)
        if key in self._needed:
            return self._needed[key]
        uses: set[str] = set()
        for k in range(lo, hi + 1):
            uses |= self._bare_names(k)
        found: frozenset[str] = frozenset()
        if uses:
            sentences = self.story.sentences
            doc, start = sentences[lo].doc, sentences[lo].start
            names = [name for name in uses if self._needs(doc, name, start)]
            if names:
                run = " ".join(sentences[k].text for k in range(lo, hi + 1))
                found = frozenset(name for name in names if fuller_at(run, name) is None)
        self._needed[key] = found
        return found

    @staticmethod
    def introduced(text: str, needed: Iterable[str]) -> set[str]:
        """Which of ``needed`` ``text`` writes in a fuller form: a summary that holds it has said who they are.

        >>> sorted(Introductions.introduced("Union chief Billy Hunter spoke. Li agreed.", ["Hunter", "Li"]))
        ['Hunter']
        """
        return {name for name in needed if fuller_at(text, name) is not None}
