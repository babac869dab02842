"""Fetching against a real HTTP server on 127.0.0.1: limits, redirects, retries, SSRF guard, feeds, pages."""

from __future__ import annotations

import pytest

from newsfuse.errors import InputError
from newsfuse.fetch import (
    USER_AGENT,
    BlockedURLError,
    FetchConfig,
    Fetcher,
    FetchError,
    check_url,
    page_article,
    parse_feed,
    parse_opml,
    sniff,
)
from newsserver import NewsServer

FAST = FetchConfig(timeout=0.5, retries=1, backoff=0.01)


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    yield s
    s.close()


@pytest.fixture
def fetcher():
    with Fetcher(FAST, allow_private=True) as f:
        yield f


def test_page_is_fetched_and_extracted(server, fetcher):
    resp = fetcher.get(server.url("/kim-1.html"))
    assert resp.status == 200 and resp.content_type == "text/html"
    art = page_article(resp.content, resp.url)
    assert art.title == "Kim Jong Un visits Beijing"
    assert art.source == "Daily Planet" and art.extra.get("author") == "Staff Reporter"
    assert art.published and art.published.startswith("2026-11-20")
    assert "armoured green train" in art.text and "All rights reserved" not in art.text and "Home" not in art.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/404.html", "HTTP 404"),
        ("/500.html", r"HTTP 500 \(after 1 retries\)"),
        ("/loop-a", "redirect loop"),
        ("/slow.html", "timed out"),
        ("/huge.html", "over the 10 MB limit"),
        ("/huge-chunked.html", "over the 10 MB limit"),
    ],
)
def test_bad_responses_are_clear_errors(server, fetcher, path, message):
    with pytest.raises(FetchError, match=message) as err:
        fetcher.get(server.url(path))
    assert isinstance(err.value, InputError) and "\n" not in str(err.value)


def test_retries_then_gives_up(server, fetcher):
    before = server.hits["/500.html"]
    with pytest.raises(FetchError):
        fetcher.get(server.url("/500.html"))
    assert server.hits["/500.html"] - before == 2  # one try + one retry; a 404 is never retried
    before = server.hits["/404.html"]
    with pytest.raises(FetchError):
        fetcher.get(server.url("/404.html"))
    assert server.hits["/404.html"] - before == 1


def test_unreachable_host(fetcher):
    with pytest.raises(FetchError, match="cannot connect"):
        fetcher.get("http://127.0.0.1:1/x")


def test_too_many_redirects(server):
    with (
        Fetcher(FetchConfig(max_redirects=0, retries=0), allow_private=True) as f,
        pytest.raises(FetchError, match="more than 0 redirects"),
    ):
        f.get(server.url("/to-localhost"))


def test_binary_bodies_are_recognised(server, fetcher):
    pdf = fetcher.get(server.url("/report.pdf"))
    assert sniff(pdf.content, pdf.content_type) == "binary"
    png = fetcher.get(server.url("/photo.png"))  # declared text/html, but the bytes are an image
    assert sniff(png.content, png.content_type) == "binary"


def test_conditional_get(server, fetcher):
    first = fetcher.get(server.url("/feed.xml"))
    assert first.status == 200 and first.headers["etag"] == '"feed-v1"'
    again = fetcher.get(server.url("/feed.xml"), etag=first.headers["etag"])
    assert again.not_modified


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0.0.0.0/",
    ],
)
def test_ssrf_guard_refuses_private_addresses(url):
    with pytest.raises(BlockedURLError, match="refused"):
        check_url(url)


def test_ssrf_guard_checks_before_connecting_and_after_each_redirect(server):
    before = sum(server.hits.values())
    with Fetcher(FAST) as f, pytest.raises(BlockedURLError):
        f.get(server.url("/kim-1.html"))
    assert sum(server.hits.values()) == before  # refused before any request
    port = server.base.rsplit(":", 1)[1]
    with Fetcher(FAST, allow_private={f"127.0.0.1:{port}"}) as f:
        assert f.get(server.url("/kim-1.html")).status == 200  # the allowed exception
        with pytest.raises(BlockedURLError, match=r"169\.254\.169\.254 is the cloud metadata address"):
            f.get(server.url("/to-metadata"))
        with pytest.raises(BlockedURLError, match="loopback"):
            f.get(server.url("/to-localhost"))  # localhost resolves to 127.0.0.1, not on the allow list
    with pytest.raises(FetchError, match="only http"):
        check_url("file:///etc/passwd", allow_private=True)


def test_user_agent_is_clear():
    assert USER_AGENT.startswith("newsfuse/")


def test_feeds_and_opml(server, fetcher):
    feed = parse_feed(fetcher.get(server.url("/feed.xml")).content, server.url("/feed.xml"))
    urls = [e.url for e in feed.entries]
    assert urls == [server.url(p) for p in ("/kim-1.html", "/kim-2.html", "/flood.html", "/404.html")]  # one kim-2
    atom = parse_feed(fetcher.get(server.url("/atom.xml")).content, server.url("/atom.xml"))
    assert [e.url for e in atom.entries] == [server.url("/wire/kim-copy.html")]
    with pytest.raises(InputError, match="malformed feed"):
        parse_feed(fetcher.get(server.url("/bad-feed.xml")).content, "bad-feed.xml")
    opml = parse_opml(fetcher.get(server.url("/feeds.opml")).content, "feeds.opml")
    assert opml[0] == server.url("/feed.xml") and len(opml) == 3
    with pytest.raises(InputError, match="malformed OPML"):
        parse_opml(b"<opml><body><outline", "x.opml")


def test_page_without_text(server, fetcher):
    with pytest.raises(InputError, match="no article text"):
        page_article(fetcher.get(server.url("/no-text.html")).content, server.url("/no-text.html"))
