"""Errors newsfuse reports to users: the CLI prints them on one line and exits 2."""

from __future__ import annotations


class NewsfuseError(Exception):
    """A problem with the user's input or settings, with a message that says what to do."""


class InputError(NewsfuseError):
    """Input that cannot be read as news articles (missing, empty, binary, malformed)."""
