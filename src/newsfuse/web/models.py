"""Pydantic models of the HTTP API: what requests may hold and what responses look like (OpenAPI)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..types import repair_value

# Bounds here are the schema's; Limits in service.py holds the same numbers for multipart forms.
MAX_ITEMS = 50
MAX_TEXT = 500_000


class ArticleIn(BaseModel):
    """One article given as JSON (the fields of a JSONL input line)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=MAX_TEXT, description="The article body.")
    id: str | None = Field(None, max_length=200, description="Unique within the request; defaults to its position.")
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500, description="The outlet.")
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=100)


class FileIn(BaseModel):
    """A file's content as text; its name decides the format (.txt, .md, .html, .jsonl)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=300, description="File name; only the last component is used.")
    content: str = Field(max_length=MAX_TEXT)


class _Repaired(BaseModel):
    """A request whose strings may hold characters that cannot be encoded (JSON's ``"\\ud800"``): each is
    replaced by U+FFFD before validation, as the CLI's readers do, instead of refusing the request."""

    @model_validator(mode="before")
    @classmethod
    def _repair(cls, data: Any) -> Any:
        return repair_value(data)[0]


class SummarizeRequest(_Repaired):
    """The articles of one story, in any mix of pasted texts, JSON articles, files and URLs."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"texts": ["Kim Jong Un left Beijing on Wednesday.", "Kim left Beijing Wednesday."]}]
        },
    )
    texts: list[str] = Field(default_factory=list, max_length=MAX_ITEMS, description="Plain article texts.")
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    files: list[FileIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    urls: list[str] = Field(
        default_factory=list, max_length=20, description="http(s) article URLs, fetched through the SSRF guard."
    )
    words: int = Field(120, ge=1, le=1000, description="Word budget of the summary.")
    analysis: bool = Field(True, description="Add the cross-source analysis (consensus, disagreements, timeline...).")
    rewrite: bool = Field(
        False, description="Retell the summary as prose with the server's model, guarded (newsfuse serve --rewrite)."
    )


class IngestRequest(_Repaired):
    """Items for the store: page or feed URLs, and articles as JSON. Local paths are never read."""

    model_config = ConfigDict(extra="forbid")
    urls: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ITEMS)


class Citation(BaseModel):
    source: str = Field(description="A sources[].id.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SentenceOut(BaseModel):
    text: str
    support: int = Field(description="Distinct outlets stating this fact.")
    citations: list[Citation]
    rewritten: bool | None = Field(None, description="With rewrite: the model's wording that passed the guard.")
    guard: str | None = Field(None, description="With rewrite: why the model's sentence was rejected.")


class SourceOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None
    source: str | None
    path: str | None
    url: str | None
    published: str | None
    text: str = Field(description="The article text all citation offsets refer to.")


class StoryInfoOut(BaseModel):
    id: int
    title: str
    n_articles: int
    n_outlets: int
    first_seen: str = Field(description="When the store got its first article (UTC).")
    last_seen: str = Field(description="When the store got its latest article (UTC).")
    published_first: str | None = Field(None, description="The earliest publication day of its articles.")
    published_last: str | None = Field(None, description="The latest publication day of its articles.")


class StoryOut(BaseModel):
    """The JSON of ``newsfuse summarize --format json`` (schema/story.schema.json)."""

    model_config = ConfigDict(extra="allow")
    sources: list[SourceOut]
    sentences: list[SentenceOut]
    words: int
    warnings: list[str]
    analysis: dict[str, Any] | None = Field(None, description="Cross-source analysis, when computed.")
    story: StoryInfoOut | None = Field(None, description="The store's record, for stored stories.")
    read: str | None = Field(None, description="Token of an ad-hoc story (its page is /read/{token}).")


class SummaryOut(BaseModel):
    """A summary at another length, without the sources (they do not change with the length)."""

    model_config = ConfigDict(extra="allow")
    sentences: list[SentenceOut]
    words: int
    warnings: list[str]
    story: StoryInfoOut | None = None
    read: str | None = None


class StoryList(BaseModel):
    stories: list[StoryInfoOut]


class IngestOut(BaseModel):
    """What one ingest did (the JSON of ``newsfuse ingest --format json``)."""

    stored: list[dict[str, Any]] = Field(description='{"id": article id, "story": story id} per stored article.')
    skipped: list[dict[str, Any]] = Field(description='{"item": ..., "reason": ...} per skipped item.')
    duplicates: list[dict[str, Any]] = Field(
        default_factory=list, description='{"item": ..., "of": stored article id} per copy.'
    )
    not_modified: list[str] = Field(default_factory=list, description="Feeds unchanged since the last fetch.")
    updates: list[dict[str, Any]] = Field(
        default_factory=list,
        description='{"id": stored article id, "of": id of the earlier article it updates} per update: a '
        "near-copy with other numbers, dates or names, stored in the same story.",
    )
    warnings: list[str] = Field(default_factory=list, description="Text repaired, lines left out.")


class ErrorOut(BaseModel):
    error: str = Field(description="What went wrong and what to do, in one line.")


class Health(BaseModel):
    status: str
    version: str
    store: bool
