"""The rewrite stage's interface: a chat model behind a small protocol, and the facts it is given.

A backend answers one chat (a list of ``{"role", "content"}`` messages) with the model's text, at
temperature 0 with a fixed seed, and gives up with :class:`RewriteTimeout` once ``deadline``
(a ``time.monotonic()`` value) has passed.  ``check()`` makes sure the model can be used (the file
loads, the server answers) and raises :class:`LLMUnavailable` with a one-line reason otherwise.

>>> llm = StaticLLM("Kim left Beijing. [F1]")
>>> llm.check(); llm.chat([{"role": "user", "content": "..."}], max_tokens=50, deadline=None)
'Kim left Beijing. [F1]'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..errors import NewsfuseError
from ..types import Citation

SEED = 0


class LLMUnavailable(NewsfuseError):
    """The model cannot be used: a missing or unreadable model file, a missing extra, an unreachable server."""


class RewriteTimeout(NewsfuseError):
    """The model did not answer within the story's time limit."""


class LLM(Protocol):
    """A chat model: ``backend`` and ``model`` name it in the JSON; ``chat`` answers greedily."""

    backend: str
    model: str

    def check(self) -> None: ...

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int, deadline: float | None) -> str: ...


class StaticLLM:
    """A backend that always answers ``reply``: replays a recorded model answer (and serves examples)."""

    backend = "static"

    def __init__(self, reply: str, model: str = "static") -> None:
        self.reply, self.model = reply, model

    def check(self) -> None:
        return None

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int, deadline: float | None) -> str:
        return self.reply


@dataclass(frozen=True)
class Version:
    """One outlet's side of a disputed fact: the words that differ and the sentence that says them."""

    outlet: str
    claim: str
    text: str
    citation: Citation


@dataclass(frozen=True)
class Unit:
    """An extractive fact of the summary as the model sees it, with everything the guard checks against.

    ``id`` is 1-based (``F1``); ``text`` is the summary sentence; ``sources`` are the texts of every
    cited source span (``citations``, one each) and ``outlets``/``published`` the names and dates of
    their articles; ``versions`` is empty unless outlets state the fact differently.
    """

    id: int
    text: str
    support: int
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    published: tuple[str | None, ...]
    versions: tuple[Version, ...] = ()

    @property
    def disputed(self) -> bool:
        return len(self.versions) > 1
