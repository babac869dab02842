"""Plain data objects that flow between the pipeline stages.

Every span keeps character offsets into the text of the article it came from
(``article.text[start:end] == sentence.text``), so each summary sentence can be
traced and highlighted back in its sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# Characters that no encoder, tokenizer or database takes: lone UTF-16 surrogates (what JSON's
# "\ud800" and HTML's "&#55296;" decode to) and NUL (PostgreSQL text refuses it).
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


def unencodable(text: str) -> int:
    """How many characters of ``text`` cannot be encoded (lone surrogates and NUL).

    >>> unencodable("Kim\\ud800 left\\x00."), unencodable("Kim left.")
    (2, 0)
    """
    return len(_UNENCODABLE.findall(text))


def repair_text(text: str) -> str:
    """``text`` with each character that cannot be encoded replaced by U+FFFD (offsets do not move).

    >>> repair_text("Kim\\ud800 left\\x00.") == "Kim\\ufffd left\\ufffd."
    True
    """
    return _UNENCODABLE.sub("\ufffd", text) if _UNENCODABLE.search(text) else text


def repair_value(value: Any) -> tuple[Any, int]:
    """A JSON value (dicts, lists, strings) with its strings repaired by :func:`repair_text`, and the
    number of characters replaced.

    >>> repair_value({"text": "Kim\\ud800", "tags": ["a\\x00"], "n": 3})
    ({'text': 'Kim\ufffd', 'tags': ['a\ufffd'], 'n': 3}, 2)
    """
    if isinstance(value, str):
        n = unencodable(value)
        return (repair_text(value), n) if n else (value, 0)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            k2, nk = repair_value(k)
            v2, nv = repair_value(v)
            out[k2] = v2
            total += nk + nv
        return (out, total) if total else (value, 0)
    if isinstance(value, list):
        pairs = [repair_value(v) for v in value]
        total = sum(n for _, n in pairs)
        return ([v for v, _ in pairs], total) if total else (value, 0)
    return value, 0


_ARTICLE_STRINGS = ("id", "text", "title", "source", "url", "published", "path")


@dataclass(frozen=True)
class Article:
    """One news article as newsfuse read it.

    ``text`` is the article body after decoding (and HTML extraction); all
    offsets refer to it.  ``source`` names the outlet; when it is unknown the
    URL's host, then the article id, stand in for it.

    Characters that cannot be encoded (lone surrogates, NUL) are replaced by
    U+FFFD when the article is made, in every field and in ``extra``: each stage,
    the store and every output can then encode it.

    >>> a = Article("a", "Kim\\ud800 left.", extra={"tag": "\\x00"})
    >>> a == Article("a", "Kim\\ufffd left.", extra={"tag": "\\ufffd"})
    True
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in _ARTICLE_STRINGS:
            value = getattr(self, name)
            if isinstance(value, str) and _UNENCODABLE.search(value):
                object.__setattr__(self, name, repair_text(value))
        if self.extra:
            extra, n = repair_value(self.extra)
            if n:
                object.__setattr__(self, "extra", extra)

    @property
    def outlet(self) -> str:
        """The key used to count distinct outlets."""
        if self.source:
            return self.source.strip().lower()
        if self.url:
            try:
                host = urlsplit(self.url).hostname or ""
            except ValueError:  # "http://[::1": no host to name the outlet by
                host = ""
            if host:
                return host.removeprefix("www.")
        return f"#{self.id}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article, with offsets into ``Article.text``.

    ``doc`` is the index of the article in the story, ``position`` the index of
    the sentence inside its article and ``paragraph`` the index of its
    paragraph (blocks separated by blank lines).  Splitters make them with
    :func:`new_sentence`, which skips ``__init__``: a field added here goes there too.
    """

    doc: int
    position: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    line_start: bool = False
    line_end: bool = False

    @property
    def n_words(self) -> int:
        """The number of words (what word budgets count; see :func:`count_words`)."""
        # Cached in the instance dict, as functools.cached_property would, but without the lock it
        # takes on every read in Python 3.11: selection asks for it many times per sentence.
        n = self.__dict__.get("n_words")
        if n is None:
            n = self.__dict__["n_words"] = count_words(self.text)
        return n


# Han characters and Japanese kana (ranges for a regex character class): Chinese and Japanese write
# words without spaces between them, so each such character counts as a word.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = re.compile(f"[{CJK_CHARS}]")
# Those characters and CJK punctuation (ideographic stops and commas, full-width forms).
_CJK_OR_MARK = re.compile(f"[{CJK_CHARS}\u3000-\u303f\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """Does ``text`` hold any Chinese or Japanese character?

    >>> has_cjk("Kim left."), has_cjk("金正恩 left.")
    (False, True)
    """
    return not text.isascii() and _CJK.search(text) is not None


def count_words(text: str) -> int:
    """The words of ``text``: ``len(text.split())``, each Chinese or Japanese character counting as one word.

    (Their text has no spaces between words; a character is the unit word budgets use for them.)
    Without making the words when single spaces are the only whitespace: ``isprintable()`` is
    False for every whitespace character but the space (and for a few invisible ones, which
    take the slow way too).

    >>> count_words("Kim left Beijing."), count_words(" a  b\tc "), count_words(""), count_words("金正恩离开北京。")
    (3, 3, 0, 7)
    """
    if has_cjk(text):
        # Plus the other words between them (Latin names, numbers), not the quotes and brackets left over.
        others = _CJK_OR_MARK.sub(" ", text).split()
        return len(_CJK.findall(text)) + sum(1 for w in others if any(c.isalnum() for c in w))
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.count(" ") + 1 if text else 0
    return len(text.split())


def new_sentence(
    doc: int, position: int, start: int, end: int, text: str, paragraph: int, line_start: bool, line_end: bool
) -> Sentence:
    """``Sentence(doc, position, ...)`` for splitters, which make one per sentence of every article.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (about 1 us for
    eight fields); filling the instance dict directly gives the same object in 0.4 us.

    >>> new_sentence(0, 1, 5, 9, "Kim.", 0, True, True) == Sentence(0, 1, 5, 9, "Kim.", 0, True, True)
    True
    """
    sentence = object.__new__(Sentence)
    sentence.__dict__.update(
        doc=doc,
        position=position,
        start=start,
        end=end,
        text=text,
        paragraph=paragraph,
        line_start=line_start,
        line_end=line_end,
    )
    return sentence


@dataclass(frozen=True)
class Citation:
    """A source span behind a summary sentence: ``source`` is an article id."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class OtherVersion:
    """Another outlet's version of a disputed fact: the words it states instead, and where."""

    claim: str
    support: int
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Dispute:
    """Why a summary sentence is disputed: ``claim`` (its words) is stated differently by ``others``.

    ``kind`` is one of number, date, role, quote, negation (as the analysis's disagreements).
    """

    kind: str
    claim: str
    others: tuple[OtherVersion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claim": self.claim,
            "versions": [
                {
                    "claim": o.claim,
                    "support": o.support,
                    "citations": [{"source": c.source, "start": c.start, "end": c.end} for c in o.citations],
                }
                for o in self.others
            ],
        }


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary, the sources that state it and its support.

    ``disputed`` lists the other versions of its fact that outlets state (empty when none conflicts).
    The rewrite stage (``newsfuse.rewrite``) fills the last four: ``rewritten`` (None when no rewrite
    was asked for), ``guard`` (why a model's sentence was rejected), ``facts`` (the ids of the
    extractive facts the sentence restates) and ``tags`` (``"model"`` when the model named them,
    ``"derived"`` when found by similarity).
    """

    text: str
    support: int
    citations: tuple[Citation, ...]
    score: float = 0.0
    disputed: tuple[Dispute, ...] = ()
    rewritten: bool | None = None
    guard: str | None = None
    facts: tuple[int, ...] = ()
    tags: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The sentence's object in the public JSON."""
        out: dict[str, Any] = {
            "text": self.text,
            "support": self.support,
            "citations": [{"source": c.source, "start": c.start, "end": c.end} for c in self.citations],
            "disputed": [d.to_dict() for d in self.disputed],
        }
        if self.rewritten is not None:
            out.update(rewritten=self.rewritten, guard=self.guard, facts=list(self.facts), tags=self.tags)
        return out


@dataclass
class Story:
    """The result of summarizing one story: its sources and the cited summary.

    ``analysis`` holds the cross-source analysis (a ``newsfuse.compare.CrossSource``) when it
    was asked for; ``to_dict`` puts it under ``"analysis"``.  ``rewrite`` describes a guarded
    rewrite (``newsfuse.rewrite``) when one was asked for, under ``"rewrite"``.
    """

    sources: list[Article]
    sentences: list[SummarySentence]
    warnings: list[str] = field(default_factory=list)
    words: int = 0
    analysis: Any = None
    rewrite: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form (see ``schema/story.schema.json``)."""
        return {
            "sources": [
                {
                    "id": a.id,
                    "title": a.title,
                    "source": a.source,
                    "path": a.path,
                    "url": a.url,
                    "published": a.published,
                    "text": a.text,
                    **({"extra": a.extra} if a.extra else {}),
                }
                for a in self.sources
            ],
            "sentences": [s.to_dict() for s in self.sentences],
            "words": self.words,
            "warnings": list(self.warnings),
            **({"analysis": self.analysis.to_dict()} if self.analysis is not None else {}),
            **({"rewrite": self.rewrite} if self.rewrite is not None else {}),
        }

    @property
    def text(self) -> str:
        """The summary as plain text, one sentence per line."""
        return "\n".join(s.text for s in self.sentences)
