"""Names to factories: how a name on the command line, in a web request or in a batch task becomes an object.

Each swappable kind has one :class:`Registry`, kept beside what it makes:
``newsfuse.embed.EMBEDDERS``, ``newsfuse.select.SELECTORS``, ``newsfuse.split.SPLITTERS``,
``newsfuse.engine.ENGINES`` and ``newsfuse.render.FORMATS``.  The command line's choices are
built from them (:meth:`Registry.choices`), so a name added to a registry is offered everywhere.

>>> shapes = Registry("shape", {"square": lambda side=1: side * side, "line": lambda side=1: side})
>>> shapes.names(), shapes.create("square", 3)
(['square', 'line'], 9)
>>> shapes.create("circle")
Traceback (most recent call last):
...
newsfuse.errors.InputError: unknown shape 'circle'; choose one of square, line
>>> [c.value for c in shapes.choices()]
['square', 'line']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, Generic, TypeVar

from .errors import InputError

T = TypeVar("T")


class Registry(Generic[T]):
    """The factories of one kind of object (``kind``, e.g. ``"embedder"``), by name, in the order given."""

    def __init__(self, kind: str, factories: Mapping[str, Callable[..., T]]) -> None:
        self.kind = kind
        self._factories = dict(factories)

    def names(self) -> list[str]:
        """The names, in the order they were registered."""
        return list(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def check(self, name: str) -> None:
        """An InputError naming the choices unless ``name`` is registered."""
        if name not in self._factories:
            raise InputError(f"unknown {self.kind} {name!r}; choose one of {', '.join(self._factories)}")

    def factory(self, name: str) -> Callable[..., T]:
        """The factory registered as ``name``."""
        self.check(name)
        return self._factories[name]

    def create(self, name: str, *args: Any, **kwargs: Any) -> T:
        """A new object from the factory registered as ``name``."""
        return self.factory(name)(*args, **kwargs)

    def choices(self, name: str | None = None) -> type[StrEnum]:
        """The names as a ``StrEnum`` (what Typer offers as an option's choices)."""
        members = {n: n for n in self._factories}
        return StrEnum(name or f"{self.kind.title().replace(' ', '')}Name", members)  # type: ignore[return-value]
