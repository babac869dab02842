"""Hostile input for every reader, as hypothesis strategies, and the check each reader must pass.

Used by ``tests/test_fuzz.py`` (a few thousand cases in CI) and ``benchmarks/fuzz.py`` (10,000+ per
reader).  A check returns for input that was read and for input refused with a clear ``InputError``
(or an HTTP 4xx with a message); any other exception is a crash.  What was read must be encodable:
every string of every article encodes as UTF-8 and its ``extra`` as JSON.

The text mixes news words with what breaks readers: lone UTF-16 surrogates, NUL and other control
characters, line and paragraph separators, byte-order marks, non-characters, right-to-left marks,
emoji, CJK, JSON escapes of surrogates, character references to characters that cannot exist
(``&#55296;``, ``&#0;``, ``&#x110000;``), separators of Multi-News lines, broken markup.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import strategies as st

from newsfuse.errors import NewsfuseError
from newsfuse.types import Article

PHRASES = [
    "Police said 12 people were killed", "when a fire broke out in a warehouse in Leeds on Monday night.",
    "The victims were aged 40 to 70, officials said.", "Kim Jong Un arrived in Beijing by train",
    "for talks with Xi Jinping, Xinhua reported on Wednesday.", "About 1,200 troops and 3.5 million dollars",
    "\u201cWe will not attend,\u201d the minister said.", "The council voted 7-2 on 8 January 2019 at 5:30 pm.",
    "金正恩离开北京。", "Le président a déclaré mardi que", "by", "the", "in", "Monday", "15", "Leeds",
]  # fmt: skip
ODD = [
    "\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\r", "\x0c", "\t", "\u2028", "\u2029", "\ufeff",
    "\ufffe", "\uffff", "\ufffd", "\u200b", "\u200f", "\u202e", "\u0301", "\U0010ffff", "\U0001f600", "北京。",
    "مرحبا", "&", "<", ">", '"', "'", "\\", "|||||", "story_separator_special_tag", "NEWLINE_CHAR", "\\ud800",
    "\\u0000", "%00", "\ud83d", "\ude00", "\n", "\n\n", ". ", "!!!", "...",
]  # fmt: skip
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
odd_token = st.lists(st.one_of(SURROGATES, st.sampled_from(ODD), st.characters()), min_size=1, max_size=3).map("".join)
phrase = st.sampled_from(PHRASES)

# Text: mostly news phrases (so that articles pass the word-count checks and reach deeper stages), salted.
text = st.lists(st.one_of(phrase, odd_token), max_size=12).map(" ".join)
article_text = st.lists(st.one_of(phrase, phrase, phrase, odd_token), min_size=5, max_size=16).map(" ".join)
short_text = st.lists(st.one_of(phrase, odd_token), max_size=3).map(" ".join)

# ---- JSONL ---------------------------------------------------------------------------------------

json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), short_text
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=6,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(article_text, article_text, json_value),
        "id": st.one_of(short_text, json_value),
        "title": st.one_of(short_text, json_value),
        "source": short_text,
        "url": st.one_of(st.just("https://example.org/a"), short_text),
        "published": st.one_of(st.just("2019-01-08"), short_text),
        "extra_field": json_value,
    },
)
SPECIAL_LINES = [
    "[" * 100_000, '{"text": ' + "1" * 5000 + "}", "null", "[]", '"text"', '{"text": "a b c", }', "{", "}",
    '{"text": "\\ud800\\udc00 paired"}', '{"text": "\\udc00\\ud800 reversed"}', '{"text": "NUL \\u0000 here"}',
    '{"text": "bad escape \\x41"}', '{"text": NaN}', "\ufeff{}", '{"text": "' + "x" * 20 + '"' + ", " * 3,
]  # fmt: skip


@st.composite
def jsonl_line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["ascii", "ascii", "raw", "junk", "special", "cut"]))
    if kind == "junk":
        return draw(text)
    if kind == "special":
        return draw(st.sampled_from(SPECIAL_LINES))
    line = json.dumps(draw(record), ensure_ascii=kind != "raw", allow_nan=True)
    if kind == "cut":
        return line[: draw(st.integers(0, len(line)))]
    return line


jsonl_doc = st.lists(jsonl_line(), min_size=1, max_size=5).map("\n".join)

# ---- XML: feeds, OPML, HTML -----------------------------------------------------------------------

char_ref = st.one_of(
    st.sampled_from([0, 1, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0x10FFFF, 0x110000, 10**12]),
    st.integers(0, 0x110000),
).flatmap(lambda n: st.sampled_from([f"&#{n};", f"&#x{n:x};", f"&#X{n:X};", f"&#{n}", f"&#{n:020d};"]))
markup = st.sampled_from(
    ["&amp;", "&lt;", "&nbsp;", "&bogus;", "&", "<b>", "</b>", "]]>", "<![CDATA[x]]>", "<!--", "-->", "<", "<?x?>"]
)
xml_text = st.lists(st.one_of(phrase, phrase, char_ref, markup, odd_token), max_size=10).map(" ".join)
link = st.one_of(
    st.just("https://example.org/news/a"),
    st.sampled_from(
        ["http://[::1", "http://a.example:99999/", "http://a:xx/", "javascript:alert(1)", "", "//x.example"]
    ),
    xml_text.map(lambda t: "https://example.org/" + t),
    xml_text,
)
ENCODINGS = ["utf-8", "UTF-8", "iso-8859-1", "windows-1252", "utf-16", "ascii", "bogus-enc", ""]


@st.composite
def as_bytes(draw: st.DrawFn, doc: str) -> bytes:
    """The document as bytes in some encoding, sometimes cut short or with bytes spliced in."""
    how = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "latin-1", "utf-16"]))
    data = doc.encode("utf-8", "surrogatepass") if how == "utf-8" else doc.encode(how, "replace")
    change = draw(st.sampled_from(["none", "none", "cut", "splice"]))
    if change == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif change == "splice":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


def _declaration(enc: str) -> str:
    return f'<?xml version="1.0" encoding="{enc}"?>' if enc else '<?xml version="1.0"?>'


rss_item = st.builds(
    "<item><title>{}</title><link>{}</link><description>{}</description><pubDate>{}</pubDate></item>".format,
    xml_text,
    link,
    xml_text,
    st.one_of(st.just("Mon, 07 Dec 2026 10:00:00 GMT"), xml_text),
)
atom_entry = st.builds(
    '<entry><title>{}</title><link href="{}"/><updated>{}</updated><summary>{}</summary></entry>'.format,
    xml_text,
    link,
    st.one_of(st.just("2026-12-07T10:00:00Z"), xml_text),
    xml_text,
)
rss = st.builds(
    lambda enc, title, items: (
        f'{_declaration(enc)}<rss version="2.0"><channel><title>{title}</title>{"".join(items)}</channel></rss>'
    ),
    st.sampled_from(ENCODINGS),
    xml_text,
    st.lists(rss_item, max_size=4),
)
atom = st.builds(
    lambda enc, title, entries: (
        f'{_declaration(enc)}<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{"".join(entries)}</feed>'
    ),
    st.sampled_from(ENCODINGS),
    xml_text,
    st.lists(atom_entry, max_size=4),
)
feed_bytes = st.one_of(rss, atom).flatmap(as_bytes)
opml = st.builds(
    lambda enc, outlines: f'{_declaration(enc)}<opml version="2.0"><head/><body>{"".join(outlines)}</body></opml>',
    st.sampled_from(ENCODINGS),
    st.lists(st.builds('<outline text="{}" xmlUrl="{}"/>'.format, xml_text, link), max_size=5),
)
opml_bytes = opml.flatmap(as_bytes)
html = st.builds(
    lambda enc, title, paras: (
        f'<!doctype html><html><head><meta charset="{enc}"><title>{title}</title></head>'
        f"<body><nav>Home | News</nav><article><h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in paras)}</article>"
        "</body></html>"
    ),
    st.sampled_from(ENCODINGS),
    xml_text,
    st.lists(st.one_of(xml_text, article_text), max_size=5),
)
html_bytes = html.flatmap(as_bytes)

# ---- Multi-News lines -----------------------------------------------------------------------------

multinews_line = st.lists(
    st.one_of(
        article_text, text, st.sampled_from([" ||||| ", "|||||", " story_separator_special_tag ", "NEWLINE_CHAR"])
    ),
    max_size=6,
).map(" ".join)

# ---- HTTP API bodies ------------------------------------------------------------------------------

api_article = st.fixed_dictionaries(
    {"text": st.one_of(article_text, article_text, article_text, text, json_value)},
    optional={"id": short_text, "title": short_text, "source": short_text, "url": link, "published": short_text},
)
api_article = st.one_of(  # now and then a field of the wrong type or one the API does not know
    api_article,
    api_article,
    api_article,
    st.tuples(api_article, short_text, json_value).map(lambda t: {**t[0], t[1]: t[2]}),
)
api_file = st.fixed_dictionaries(
    {
        "name": st.one_of(st.sampled_from(["a.jsonl", "b.html", "c.txt", "../../etc/x.md", "", "d.src"]), short_text),
        "content": st.one_of(article_text, jsonl_doc, jsonl_doc, html, text),
    }
)
REFUSED_URLS = ["http://127.0.0.1:1/x", "http://169.254.169.254/", "ftp://example.org/a", "javascript:alert(1)"]
_request_extras = {
    "urls": st.lists(st.one_of(st.sampled_from(REFUSED_URLS), short_text), max_size=1),
    "words": st.one_of(st.integers(1, 300), st.integers(1, 300), st.integers(-3, 1200), short_text),
    "analysis": st.one_of(st.booleans(), st.booleans(), st.booleans(), short_text),
}
summarize_body = st.one_of(  # mostly bodies with articles, so that the pipeline runs on them
    st.fixed_dictionaries({"texts": st.lists(article_text, min_size=1, max_size=3)}, optional=_request_extras),
    st.fixed_dictionaries({"articles": st.lists(api_article, min_size=1, max_size=3)}, optional=_request_extras),
    st.fixed_dictionaries({"files": st.lists(api_file, min_size=1, max_size=2)}, optional=_request_extras),
    st.fixed_dictionaries(
        {},
        optional={
            "texts": st.lists(st.one_of(article_text, text), max_size=3),
            "articles": st.lists(api_article, max_size=3),
            "files": st.lists(api_file, max_size=2),
            **_request_extras,
        },
    ),
)
ingest_body = st.one_of(
    st.fixed_dictionaries({"articles": st.lists(api_article, min_size=1, max_size=3)}),
    st.fixed_dictionaries(
        {},
        optional={
            "articles": st.lists(api_article, max_size=3),
            "urls": st.lists(st.one_of(st.sampled_from(REFUSED_URLS), short_text), max_size=2),
        },
    ),
)


@st.composite
def api_request(draw: st.DrawFn) -> tuple[str, bytes]:
    """``(path, body)``: a JSON body for POST /api/summarize or /api/ingest, as a client might send it."""
    path = draw(st.sampled_from(["/api/summarize", "/api/summarize", "/api/ingest"]))
    body = draw(summarize_body if path == "/api/summarize" else ingest_body)
    how = draw(st.sampled_from(["ascii"] * 6 + ["raw", "cut", "junk"]))
    if how == "junk":
        return path, draw(st.binary(max_size=64))
    data = json.dumps(body, ensure_ascii=how != "raw").encode("utf-8", "surrogatepass")
    if how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    return path, data


# ---- checks ---------------------------------------------------------------------------------------


def assert_encodable(article: Article) -> None:
    """Every string of ``article`` encodes as UTF-8, and its ``extra`` as JSON (as the store writes it)."""
    for value in (article.id, article.text, article.title, article.source, article.url, article.published):
        if value is not None:
            value.encode("utf-8")
    json.dumps(article.extra, ensure_ascii=False, default=str).encode("utf-8")


@contextmanager
def refused_ok() -> Iterator[None]:
    """Input refused with a clear message is fine; anything else propagates (a crash)."""
    try:
        yield
    except NewsfuseError as err:
        message = str(err)
        assert message and "\n" not in message, repr(message)
        message.encode("utf-8")


def check_jsonl(doc: str, skip_invalid: bool) -> None:
    from newsfuse.inputs import decode_text
    from newsfuse.inputs.readers import articles_from_text

    with refused_ok():
        articles, warnings = articles_from_text(doc, "fuzz.jsonl", "jsonl", skip_invalid=skip_invalid)
        for a in articles:
            assert_encodable(a)
        for w in warnings:
            w.encode("utf-8")
    with refused_ok():  # the same lines as the bytes of a file (raw surrogates become invalid UTF-8)
        decoded, _ = decode_text(doc.encode("utf-8", "surrogatepass"), "fuzz.jsonl")
        articles, _ = articles_from_text(decoded, "fuzz.jsonl", "auto", path="fuzz.jsonl", skip_invalid=skip_invalid)
        for a in articles:
            assert_encodable(a)


def check_feed(data: bytes) -> None:
    from newsfuse.fetch import parse_feed, sniff

    sniff(data, "application/rss+xml")
    with refused_ok():
        feed = parse_feed(data, "https://example.org/feed.xml")
        for value in [feed.title, *(v for e in feed.entries for v in (e.url, e.title, e.published))]:
            if value is not None:
                value.encode("utf-8")


def check_opml(data: bytes) -> None:
    from newsfuse.fetch import parse_opml

    with refused_ok():
        for url in parse_opml(data, "fuzz.opml"):
            url.encode("utf-8")


def check_html(data: bytes) -> None:
    from newsfuse.fetch import page_article

    with refused_ok():
        assert_encodable(page_article(data, "https://example.org/news/a"))


def check_multinews(line: str) -> None:
    from newsfuse.inputs import parse_multinews_line

    for a in parse_multinews_line(line):
        assert_encodable(a)


class ApiClient:
    """A real uvicorn server (in a thread) over a SQLite store, and a keep-alive HTTP client for it.

    ``post`` sends one body and raises AssertionError on a 5xx, on a 4xx without a one-line JSON
    ``error``, or when the server logged an error (a traceback) while answering.
    """

    def __init__(self, folder: str) -> None:
        import httpx

        from newsfuse.store import open_store
        from newsfuse.web import create_app

        self.store = open_store(f"sqlite:///{folder}/fuzz.db")
        from test_web import serving  # uvicorn on a free loopback port, in a thread

        self._serving = serving(create_app(store=self.store))
        self.base = self._serving.__enter__()
        self.http = httpx.Client(base_url=self.base, timeout=120)
        self.logged: list[logging.LogRecord] = []
        self._handler = _ListHandler(self.logged)
        for name in ("newsfuse", "uvicorn.error", "uvicorn"):
            logging.getLogger(name).addHandler(self._handler)

    def post(self, path: str, body: bytes) -> int:
        self.logged.clear()
        r = self.http.post(path, content=body, headers={"content-type": "application/json"})
        errors = [rec for rec in self.logged if rec.levelno >= logging.ERROR]
        assert not errors, [rec.getMessage() for rec in errors]
        assert r.status_code < 500, (r.status_code, r.text[:300])
        if r.status_code >= 400:
            message = r.json()["error"]
            assert isinstance(message, str) and message, r.text[:300]
        return r.status_code

    def close(self) -> None:
        for name in ("newsfuse", "uvicorn.error", "uvicorn"):
            logging.getLogger(name).removeHandler(self._handler)
        self.http.close()
        self._serving.__exit__(None, None, None)
        self.store.close()


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


# Reader name -> (strategy of one case, check of one case): what the tests and the benchmark run.
READERS: dict[str, tuple[st.SearchStrategy[Any], Callable[..., None]]] = {
    "jsonl": (st.tuples(jsonl_doc, st.booleans()), lambda case: check_jsonl(*case)),
    "feeds": (feed_bytes, check_feed),
    "opml": (opml_bytes, check_opml),
    "html": (html_bytes, check_html),
    "multinews": (multinews_line, check_multinews),
}
